/* affari-settings-pipelines.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "ops/affari-leads.h"
#include "ui/settings/affari-settings-pipelines.h"
#include "ui/settings/affari-settings-util.h"

struct _AffariSettingsPipelines
{
  AdwPreferencesPage   parent_instance;

  AffariWorkspace     *workspace;
  GPtrArray           *pipelines;   /* AffariPipeline, as listed */
  GPtrArray           *rows;
  guint                rebuild_source;

  /* template */
  AdwPreferencesGroup *group;
  AdwPreferencesGroup *leads_group;
  AdwActionRow        *leads_row;
};

G_DEFINE_FINAL_TYPE (AffariSettingsPipelines, affari_settings_pipelines, ADW_TYPE_PREFERENCES_PAGE)

/* ------------------------------------------------------------ auxiliary */

/* The order of the pipelines but the default one after @dragged lands before or @after @onto. */
static GArray *
order_after_drop (AffariSettingsPipelines *self,
                  gint64                   dragged,
                  gint64                   onto,
                  gboolean                 after)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 default_id = affari_workspace_get_default_pipeline_id (self->workspace);

  /* the workspace orders every pipeline; the default one stays first */
  g_array_append_val (ids, default_id);
  if (onto == default_id)
    g_array_append_val (ids, dragged);    /* after the default one: first of the others */
  for (guint i = 0; i < self->pipelines->len; i++)
    {
      gint64 id = affari_pipeline_get_id (g_ptr_array_index (self->pipelines, i));

      if (id == dragged || id == default_id)
        continue;
      if (id == onto && !after)
        g_array_append_val (ids, dragged);
      g_array_append_val (ids, id);
      if (id == onto && after)
        g_array_append_val (ids, dragged);
    }
  return ids;
}

static gboolean
on_pipeline_dropped_cb (GtkWidget    *row,
                        const GValue *value,
                        gboolean      after,
                        gboolean      commit,
                        gpointer      user_data)
{
  AffariSettingsPipelines *self = user_data;
  AffariPipeline *dragged = g_value_get_object (value);
  AffariPipeline *onto = g_object_get_data (G_OBJECT (row), "affari-pipeline");
  gint64 default_id = affari_workspace_get_default_pipeline_id (self->workspace);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  if (dragged == NULL || onto == NULL || affari_pipeline_get_id (dragged) == affari_pipeline_get_id (onto))
    return !commit && dragged != NULL;
  /* The default pipeline is always first: nothing goes before it, and it does not move. */
  if (affari_pipeline_get_id (dragged) == default_id || (affari_pipeline_get_id (onto) == default_id && !after))
    {
      if (commit)
        affari_settings_toast (GTK_WIDGET (self), _("The default pipeline always comes first."));
      return FALSE;
    }
  if (!commit)
    return TRUE;
  ids = order_after_drop (self, affari_pipeline_get_id (dragged), affari_pipeline_get_id (onto), after);
  if (!affari_workspace_reorder_pipelines (self->workspace, (gint64 *) (void *) ids->data, ids->len, &error))
    {
      affari_settings_toast (GTK_WIDGET (self), error->message);
      return FALSE;
    }
  return TRUE;
}

/* The lead pipeline is not one of the pipelines: its statuses have a row of their own. */
static void
update_leads (AffariSettingsPipelines *self)
{
  g_autoptr(AffariPipeline) leads = affari_leads_dup_pipeline (affari_workspace_get_store (self->workspace));
  g_autoptr(GPtrArray) stages = NULL;
  g_autofree char *subtitle = NULL;
  guint n_stages;

  gtk_widget_set_visible (GTK_WIDGET (self->leads_group), leads != NULL);
  if (leads == NULL)
    return;
  stages = affari_workspace_list_stages (self->workspace, affari_pipeline_get_id (leads), NULL);
  n_stages = stages != NULL ? stages->len : 0;
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u status", "%u statuses", n_stages), n_stages);
  adw_action_row_set_subtitle (self->leads_row, subtitle);
}

static void
rebuild (AffariSettingsPipelines *self)
{
  g_autoptr(GError) error = NULL;
  gint64 default_id = affari_workspace_get_default_pipeline_id (self->workspace);

  affari_settings_clear_rows (self->group, self->rows);
  g_clear_pointer (&self->pipelines, g_ptr_array_unref);
  self->pipelines = affari_workspace_list_pipelines (self->workspace, &error);
  if (self->pipelines == NULL)
    {
      affari_settings_toast (GTK_WIDGET (self), error->message);
      self->pipelines = g_ptr_array_new_with_free_func (g_object_unref);
      return;
    }

  for (guint i = 0; i < self->pipelines->len; i++)
    {
      AffariPipeline *pipeline = g_ptr_array_index (self->pipelines, i);
      gint64 id = affari_pipeline_get_id (pipeline);
      g_autoptr(GPtrArray) stages = affari_workspace_list_stages (self->workspace, id, NULL);
      guint n_stages = stages != NULL ? stages->len : 0;
      guint n_deals = affari_workspace_count_pipeline_deals (self->workspace, id);
      g_autofree char *stages_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stage", "%u stages", n_stages), n_stages);
      g_autofree char *deals_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deal", "%u deals", n_deals), n_deals);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;

      if (id == default_id)
        subtitle = g_strdup_printf ("%s · %s · %s", _("Default"), stages_text, deals_text);
      else
        subtitle = g_strdup_printf ("%s · %s", stages_text, deals_text);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), affari_pipeline_get_name (pipeline));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "pipelines.edit");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", id);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "affari-pipeline", g_object_ref (pipeline), g_object_unref);
      affari_settings_row_add_drop (row, AFFARI_TYPE_PIPELINE, on_pipeline_dropped_cb, self);

      if (id != default_id)
        {
          GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
          g_auto(GValue) value = G_VALUE_INIT;

          /* The model object travels, never the widget. */
          gtk_widget_add_css_class (handle, "dim-label");
          gtk_widget_set_tooltip_text (handle, _("Drag to reorder"));
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), handle);
          g_value_init (&value, AFFARI_TYPE_PIPELINE);
          g_value_set_object (&value, pipeline);
          affari_settings_row_add_drag (row, handle, &value);

          /* The default pipeline is always first: the others move among themselves. */
          button = affari_settings_icon_button ("go-up-symbolic", _("Move Up"), "pipelines.move", g_variant_new ("(xi)", id, -1));
          affari_settings_button_set_enabled (button, i > 1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
          button = affari_settings_icon_button ("go-down-symbolic", _("Move Down"), "pipelines.move", g_variant_new ("(xi)", id, 1));
          affari_settings_button_set_enabled (button, i + 1 < self->pipelines->len);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
          button = affari_settings_icon_button ("user-trash-symbolic", _("Delete the Pipeline"), "pipelines.delete", g_variant_new_int64 (id));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      else
        {
          /* No handle, the same room: the names line up. */
          GtkWidget *space = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

          gtk_widget_set_size_request (space, 16, -1);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), space);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
  update_leads (self);
}

static gboolean
on_rebuild_idle_cb (gpointer data)
{
  AffariSettingsPipelines *self = data;

  self->rebuild_source = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (AffariSettingsPipelines *self)
{
  affari_settings_queue (&self->rebuild_source, on_rebuild_idle_cb, self);
}

/* The window opens the subpage (prefs.open-pipeline): a page does not reach up for it. */
static void
open_editor (AffariSettingsPipelines *self,
             gint64                   pipeline_id)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "prefs.open-pipeline", "x", pipeline_id);
}

/* ------------------------------------------------------------ callbacks */

static void
on_delete_response_cb (AdwMessageDialog        *dialog,
                       const char              *response,
                       AffariSettingsPipelines *self)
{
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (dialog), "affari-target");
  gint64 pipeline_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "affari-pipeline"));
  AffariPipeline *target = dropdown != NULL ? gtk_drop_down_get_selected_item (dropdown) : NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete"))
    return;
  if (!affari_workspace_delete_pipeline (self->workspace, pipeline_id, target != NULL ? affari_pipeline_get_id (target) : 0, &error))
    affari_settings_toast (GTK_WIDGET (self), error->message);
  else
    affari_settings_toast (GTK_WIDGET (self), _("Pipeline deleted"));
}

/* ------------------------------------------------------------ actions */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AffariSettingsPipelines *self = AFFARI_SETTINGS_PIPELINES (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = affari_workspace_create_pipeline (self->workspace, _("New Pipeline"), &error);

  if (id == 0)
    {
      affari_settings_toast (widget, error->message);
      return;
    }
  /* Straight to its name and stages. */
  open_editor (self, id);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  open_editor (AFFARI_SETTINGS_PIPELINES (widget), g_variant_get_int64 (parameter));
}

static void
edit_leads_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AffariSettingsPipelines *self = AFFARI_SETTINGS_PIPELINES (widget);
  g_autoptr(AffariPipeline) leads = affari_leads_dup_pipeline (affari_workspace_get_store (self->workspace));

  if (leads != NULL)
    open_editor (self, affari_pipeline_get_id (leads));
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AffariSettingsPipelines *self = AFFARI_SETTINGS_PIPELINES (widget);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 id;
  int delta;
  guint position = G_MAXUINT;

  g_variant_get (parameter, "(xi)", &id, &delta);
  for (guint i = 0; i < self->pipelines->len; i++)
    {
      gint64 other = affari_pipeline_get_id (g_ptr_array_index (self->pipelines, i));

      if (other == affari_workspace_get_default_pipeline_id (self->workspace))
        continue;
      if (other == id)
        position = ids->len;
      g_array_append_val (ids, other);
    }
  if (position == G_MAXUINT || (delta < 0 && position == 0) || (delta > 0 && position + 1 >= ids->len))
    return;
  {
    gint64 *data = (gint64 *) (void *) ids->data;
    guint other = delta < 0 ? position - 1 : position + 1;
    gint64 swap = data[position];

    data[position] = data[other];
    data[other] = swap;
  }
  {
    gint64 default_id = affari_workspace_get_default_pipeline_id (self->workspace);

    /* the workspace orders every pipeline; the default one stays first */
    g_array_prepend_val (ids, default_id);
  }
  if (!affari_workspace_reorder_pipelines (self->workspace, (gint64 *) (void *) ids->data, ids->len, &error))
    affari_settings_toast (widget, error->message);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AffariSettingsPipelines *self = AFFARI_SETTINGS_PIPELINES (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(AffariPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  guint n_deals;

  pipeline = affari_workspace_get_pipeline (self->workspace, id, &error);
  if (pipeline == NULL)
    {
      affari_settings_toast (widget, error->message);
      return;
    }
  if (affari_pipeline_get_is_default (pipeline))
    {
      affari_settings_toast (widget, _("The default pipeline cannot be deleted"));
      return;
    }
  n_deals = affari_workspace_count_pipeline_deals (self->workspace, id);
  heading = g_strdup_printf (_("Delete “%s”?"), affari_pipeline_get_name (pipeline));
  if (n_deals > 0)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "It holds %u deal. Choose the pipeline it moves to: each deal goes to the first stage of the same kind there (in progress, won or lost).",
                                         "It holds %u deals. Choose the pipeline they move to: each deal goes to the first stage of the same kind there (in progress, won or lost).",
                                         n_deals), n_deals);
  else
    body = g_strdup (_("Its stages and card fields are deleted. It holds no deals."));
  dialog = affari_settings_dialog_new (widget, heading, body, "delete", _("_Delete"), ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data (G_OBJECT (dialog), "affari-pipeline", GSIZE_TO_POINTER (id));
  if (n_deals > 0)
    affari_settings_dialog_add_target (dialog, AFFARI_TYPE_PIPELINE, self->pipelines, id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------ overrides */

static void
affari_settings_pipelines_dispose (GObject *object)
{
  AffariSettingsPipelines *self = AFFARI_SETTINGS_PIPELINES (object);

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->pipelines, g_ptr_array_unref);
  g_clear_object (&self->workspace);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_SETTINGS_PIPELINES);

  G_OBJECT_CLASS (affari_settings_pipelines_parent_class)->dispose (object);
}

static void
affari_settings_pipelines_class_init (AffariSettingsPipelinesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_settings_pipelines_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/affari/Affari/ui/affari-settings-pipelines.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariSettingsPipelines, group);
  gtk_widget_class_bind_template_child (widget_class, AffariSettingsPipelines, leads_group);
  gtk_widget_class_bind_template_child (widget_class, AffariSettingsPipelines, leads_row);

  gtk_widget_class_install_action (widget_class, "pipelines.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "pipelines.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "pipelines.edit-leads", NULL, edit_leads_action);
  gtk_widget_class_install_action (widget_class, "pipelines.move", "(xi)", move_action);
  gtk_widget_class_install_action (widget_class, "pipelines.delete", "x", delete_action);
}

static void
affari_settings_pipelines_init (AffariSettingsPipelines *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  affari_settings_page_add_autoscroll (ADW_PREFERENCES_PAGE (self));
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_settings_pipelines_new (AffariWorkspace *workspace)
{
  AffariSettingsPipelines *self;

  g_return_val_if_fail (AFFARI_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (AFFARI_TYPE_SETTINGS_PIPELINES, NULL);
  self->workspace = g_object_ref (workspace);
  g_signal_connect_swapped (workspace, "pipelines-changed", G_CALLBACK (queue_rebuild), self);
  g_signal_connect_swapped (workspace, "stages-changed", G_CALLBACK (queue_rebuild), self);
  g_signal_connect_swapped (workspace, "changed", G_CALLBACK (queue_rebuild), self);
  g_signal_connect_swapped (workspace, "reset", G_CALLBACK (queue_rebuild), self);
  rebuild (self);
  return GTK_WIDGET (self);
}
