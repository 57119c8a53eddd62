/* affari-deal-list-selection-bar.c — the bar over the list while deals are selected
 *
 * The bar only shows and names: its buttons and menu items activate the list's deals.* actions,
 * which hand the selection to the window's deal.* actions. The list shows it in its footer's
 * place while deals are selected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-list-selection-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/list/affari-deal-list-selection-bar.h"

struct _AffariDealListSelectionBar
{
  GtkWidget      parent_instance;

  /* template */
  GtkActionBar  *action_bar;
  GtkLabel      *label;
  GtkMenuButton *stage_button;
  GtkMenuButton *responsible_button;
  GtkMenuButton *pipeline_button;
  GtkMenuButton *more_button;
  GtkWidget     *export_button;
  gboolean       narrow;
  gboolean       has_pipelines;
};

G_DEFINE_FINAL_TYPE (AffariDealListSelectionBar, affari_deal_list_selection_bar, GTK_TYPE_WIDGET)

/* Which buttons show: all of them on the desktop; on a phone the stage, the trash and a menu
 * with the rest (the bar would be twice as wide as the screen). */
static void
update_buttons (AffariDealListSelectionBar *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->responsible_button), !self->narrow);
  gtk_widget_set_visible (GTK_WIDGET (self->pipeline_button), !self->narrow && self->has_pipelines);
  gtk_widget_set_visible (self->export_button, !self->narrow);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), self->narrow);
}

static void
affari_deal_list_selection_bar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AFFARI_TYPE_DEAL_LIST_SELECTION_BAR);

  G_OBJECT_CLASS (affari_deal_list_selection_bar_parent_class)->dispose (object);
}

static void
affari_deal_list_selection_bar_class_init (AffariDealListSelectionBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_deal_list_selection_bar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-deal-list-selection-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariDealListSelectionBar, action_bar);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListSelectionBar, label);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListSelectionBar, stage_button);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListSelectionBar, responsible_button);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListSelectionBar, pipeline_button);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListSelectionBar, more_button);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListSelectionBar, export_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
affari_deal_list_selection_bar_init (AffariDealListSelectionBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
affari_deal_list_selection_bar_set_count (AffariDealListSelectionBar *self,
                                          guint                       n_selected)
{
  g_autofree char *text = NULL;

  g_return_if_fail (AFFARI_IS_DEAL_LIST_SELECTION_BAR (self));

  text = g_strdup_printf (ngettext ("%'u deal selected", "%'u deals selected", (gulong) n_selected), n_selected);
  gtk_label_set_text (self->label, text);
}

void
affari_deal_list_selection_bar_reload_menus (AffariDealListSelectionBar *self,
                                             AffariWorkspace            *workspace,
                                             gint64                      pipeline_id)
{
  g_autoptr(GMenu) stages_menu = g_menu_new ();
  g_autoptr(GMenu) people_menu = g_menu_new ();
  g_autoptr(GMenu) pipelines_menu = g_menu_new ();
  g_autoptr(GMenu) more_menu = g_menu_new ();
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GPtrArray) team = NULL;
  g_autoptr(GPtrArray) pipelines = NULL;

  g_return_if_fail (AFFARI_IS_DEAL_LIST_SELECTION_BAR (self));

  if (workspace == NULL)
    return;
  stages = affari_workspace_list_stages (workspace, pipeline_id, NULL);
  for (guint i = 0; stages != NULL && i < stages->len; i++)
    {
      AffariStage *stage = g_ptr_array_index (stages, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (affari_stage_get_name (stage), NULL);
      g_menu_item_set_action_and_target_value (item, "deals.move-stage", g_variant_new_int64 (affari_stage_get_id (stage)));
      g_menu_append_item (stages_menu, item);
    }
  team = affari_workspace_list_team (workspace, NULL);
  for (guint i = 0; team != NULL && i < team->len; i++)
    {
      AffariTeamMember *member = g_ptr_array_index (team, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (affari_team_member_get_name (member), NULL);
      g_menu_item_set_action_and_target_value (item, "deals.set-responsible", g_variant_new_int64 (affari_team_member_get_id (member)));
      g_menu_append_item (people_menu, item);
    }
  pipelines = affari_workspace_list_pipelines (workspace, NULL);
  for (guint i = 0; pipelines != NULL && i < pipelines->len; i++)
    {
      AffariPipeline *pipeline = g_ptr_array_index (pipelines, i);
      g_autoptr(GMenuItem) item = NULL;

      if (affari_pipeline_get_id (pipeline) == pipeline_id)
        continue;
      item = g_menu_item_new (affari_pipeline_get_name (pipeline), NULL);
      g_menu_item_set_action_and_target_value (item, "deals.move-pipeline", g_variant_new_int64 (affari_pipeline_get_id (pipeline)));
      g_menu_append_item (pipelines_menu, item);
    }
  gtk_menu_button_set_menu_model (self->stage_button, G_MENU_MODEL (stages_menu));
  gtk_menu_button_set_menu_model (self->responsible_button, G_MENU_MODEL (people_menu));
  gtk_menu_button_set_menu_model (self->pipeline_button, G_MENU_MODEL (pipelines_menu));
  self->has_pipelines = g_menu_model_get_n_items (G_MENU_MODEL (pipelines_menu)) > 0;
  g_menu_append_submenu (more_menu, _("_Responsible"), G_MENU_MODEL (people_menu));
  if (self->has_pipelines)
    g_menu_append_submenu (more_menu, _("_Pipeline"), G_MENU_MODEL (pipelines_menu));
  g_menu_append (more_menu, _("_Export…"), "deals.export");
  gtk_menu_button_set_menu_model (self->more_button, G_MENU_MODEL (more_menu));
  update_buttons (self);
}

void
affari_deal_list_selection_bar_set_narrow (AffariDealListSelectionBar *self,
                                           gboolean                    narrow)
{
  g_return_if_fail (AFFARI_IS_DEAL_LIST_SELECTION_BAR (self));

  self->narrow = narrow;
  update_buttons (self);
}
