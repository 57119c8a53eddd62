/* affari-deal-list-bulk.c — what is done to the selected deals
 *
 * The list's deals.* actions (the selection bar's menus, Delete, the tests) hand the ids of the
 * selection to the window's deal.* actions: one transaction, one toast, one undo, as in every
 * view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-list-view"

#include "config.h"

#include "ui/list/affari-deal-list-view-private.h"

/* The selected deals go to the window's action @name with the parameter @format ("(@axx)" or
 * "@ax"): one transaction, one toast, one undo, as in every view. The selection is let go once
 * the change is made (a dialog may ask first). */
static void
run_bulk (AffariDealListView *self, const char *name, gboolean with_target, gint64 target)
{
  g_autoptr(GArray) ids = affari_deal_list_view_dup_selected_ids (self);
  GVariant *array;

  if (ids->len == 0)
    return;
  array = g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids->data, ids->len, sizeof (gint64));
  if (with_target)
    gtk_widget_activate_action (GTK_WIDGET (self), name, "(@axx)", array, target);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), name, "@ax", array);
}

static void
move_stage_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariDealListView *self = AFFARI_DEAL_LIST_VIEW (widget);
  g_autoptr(GArray) ids = affari_deal_list_view_dup_selected_ids (self);

  if (ids->len == 0)
    return;
  gtk_widget_activate_action (widget, "deal.move", "(@axxi)",
                              g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids->data, ids->len, sizeof (gint64)),
                              g_variant_get_int64 (parameter), 0);
}

static void
set_responsible_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  run_bulk (AFFARI_DEAL_LIST_VIEW (widget), "deal.set-responsible", TRUE, g_variant_get_int64 (parameter));
}

static void
move_pipeline_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  run_bulk (AFFARI_DEAL_LIST_VIEW (widget), "deal.move-to-pipeline", TRUE, g_variant_get_int64 (parameter));
}

static void
trash_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  run_bulk (AFFARI_DEAL_LIST_VIEW (widget), "deal.trash", FALSE, 0);
}

/* A change made from the selection: the rows are let go, so that the next edit starts afresh. */
void
affari_deal_list_bulk_on_workspace_changed (AffariWorkspace    *workspace,
                                        AffariChangeSet    *set,
                                        AffariDealListView *self)
{
  g_autoptr(GArray) ids = NULL;

  if (self->selection == NULL)
    return;
  ids = affari_deal_list_view_dup_selected_ids (self);
  for (guint i = 0; i < ids->len; i++)
    if (affari_change_set_find (set, g_array_index (ids, gint64, i)) != NULL)
      {
        gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
        return;
      }
}

void
affari_deal_list_bulk_update (AffariDealListView *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint64 n = gtk_bitset_get_size (selected);

  affari_deal_list_selection_bar_set_count (self->selection_bar, (guint) n);
  gtk_stack_set_visible_child (self->bottom_stack,
                               n > 0 ? GTK_WIDGET (self->selection_bar) : GTK_WIDGET (self->footer));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "deals.trash", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "deals.export", n > 0);
}

void
affari_deal_list_bulk_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "deals.move-stage", "x", move_stage_action);
  gtk_widget_class_install_action (widget_class, "deals.set-responsible", "x", set_responsible_action);
  gtk_widget_class_install_action (widget_class, "deals.move-pipeline", "x", move_pipeline_action);
  gtk_widget_class_install_action (widget_class, "deals.trash", NULL, trash_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "deals.trash", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "deals.trash", NULL);
}
