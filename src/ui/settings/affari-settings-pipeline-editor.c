/* affari-settings-pipeline-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/settings/affari-settings-pipeline-editor.h"
#include "ui/settings/affari-settings-util.h"

struct _AffariSettingsPipelineEditor
{
  GtkBox               parent_instance;

  AffariWorkspace     *workspace;
  gint64               pipeline_id;
  GPtrArray           *stages;      /* AffariStage, in order */
  GPtrArray           *rows;
  guint                rebuild_source;

  /* template */
  AdwWindowTitle      *title;
  AdwEntryRow         *name_row;
  AdwPreferencesGroup *stages_group;
  AdwPreferencesPage  *page;
};

G_DEFINE_FINAL_TYPE (AffariSettingsPipelineEditor, affari_settings_pipeline_editor, GTK_TYPE_BOX)

/* ------------------------------------------------------------ auxiliary */

static guint
stage_index (AffariSettingsPipelineEditor *self,
             gint64                        stage_id)
{
  for (guint i = 0; i < self->stages->len; i++)
    if (affari_stage_get_id (g_ptr_array_index (self->stages, i)) == stage_id)
      return i;
  return G_MAXUINT;
}

/* Puts @stage_id at @position (in the order before the move) and stores the order. */
static void
move_stage_to (AffariSettingsPipelineEditor *self,
               gint64                        stage_id,
               guint                         position)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  guint from;

  from = stage_index (self, stage_id);
  if (from == G_MAXUINT || position == from)
    return;
  for (guint i = 0; i < self->stages->len; i++)
    if (i != from)
      {
        gint64 id = affari_stage_get_id (g_ptr_array_index (self->stages, i));
        g_array_append_val (ids, id);
      }
  g_array_insert_val (ids, MIN (position, ids->len), stage_id);
  if (!affari_workspace_reorder_stages (self->workspace, self->pipeline_id, (gint64 *) (void *) ids->data, ids->len, &error))
    affari_settings_toast (GTK_WIDGET (self), error->message);
}

static const char *
semantics_label (AffariSemantics semantics)
{
  switch (semantics)
    {
    case AFFARI_SEMANTICS_SUCCESS:
      return _("Won Stage");
    case AFFARI_SEMANTICS_FAILURE:
      return _("Lost Stage");
    case AFFARI_SEMANTICS_PROCESS:
    default:
      return _("Stage in Progress");
    }
}

static void
on_stage_row_apply_cb (AdwEntryRow                  *row,
                       AffariSettingsPipelineEditor *self)
{
  AffariStage *stage = g_object_get_data (G_OBJECT (row), "affari-stage");
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  gtk_widget_activate_action (GTK_WIDGET (self), "stages.rename", "(xs)", affari_stage_get_id (stage), text);
}

static void
on_color_set_cb (GtkColorButton               *button,
                 AffariSettingsPipelineEditor *self)
{
  AffariStage *stage = g_object_get_data (G_OBJECT (button), "affari-stage");
  GdkRGBA rgba;
  g_autofree char *color = NULL;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  color = g_strdup_printf ("#%02X%02X%02X", (int) (rgba.red * 255 + 0.5), (int) (rgba.green * 255 + 0.5),
                           (int) (rgba.blue * 255 + 0.5));
  gtk_widget_activate_action (GTK_WIDGET (self), "stages.set-color", "(xs)", affari_stage_get_id (stage), color);
}

/* The order of the stages after @dragged lands before or @after @onto, as ids; NULL when it
 * would not move. */
static GArray *
order_after_drop (AffariSettingsPipelineEditor *self,
                  AffariStage                  *dragged,
                  AffariStage                  *onto,
                  gboolean                      after)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 moved = affari_stage_get_id (dragged);

  if (moved == affari_stage_get_id (onto))
    return ids;
  for (guint i = 0; i < self->stages->len; i++)
    {
      gint64 id = affari_stage_get_id (g_ptr_array_index (self->stages, i));

      if (id == moved)
        continue;
      if (id == affari_stage_get_id (onto) && !after)
        g_array_append_val (ids, moved);
      g_array_append_val (ids, id);
      if (id == affari_stage_get_id (onto) && after)
        g_array_append_val (ids, moved);
    }
  return ids;
}

/* In progress first, then the won stage, then the lost ones (the workspace says so too). */
static gboolean
order_keeps_rules (AffariSettingsPipelineEditor *self,
                   GArray                       *ids)
{
  int last = -1;

  for (guint i = 0; i < ids->len; i++)
    {
      guint at = stage_index (self, g_array_index (ids, gint64, i));
      int rank;

      if (at == G_MAXUINT)
        return FALSE;
      switch (affari_stage_get_semantics (g_ptr_array_index (self->stages, at)))
        {
        case AFFARI_SEMANTICS_PROCESS: rank = 0; break;
        case AFFARI_SEMANTICS_SUCCESS: rank = 1; break;
        case AFFARI_SEMANTICS_FAILURE:
        default: rank = 2; break;
        }
      if (rank < last)
        return FALSE;
      last = rank;
    }
  return TRUE;
}

static gboolean
on_stage_dropped_cb (GtkWidget    *row,
                     const GValue *value,
                     gboolean      after,
                     gboolean      commit,
                     gpointer      user_data)
{
  AffariSettingsPipelineEditor *self = user_data;
  AffariStage *onto = g_object_get_data (G_OBJECT (row), "affari-stage");
  AffariStage *dragged = g_value_get_object (value);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  if (dragged == NULL || onto == NULL || affari_stage_get_pipeline_id (dragged) != self->pipeline_id)
    return FALSE;
  ids = order_after_drop (self, dragged, onto, after);
  if (ids->len == 0)
    return !commit;     /* onto itself: nothing to do */
  if (!commit)
    return order_keeps_rules (self, ids);
  if (!order_keeps_rules (self, ids))
    {
      /* Short enough for a toast, and about the stage the user holds. */
      switch (affari_stage_get_semantics (dragged))
        {
        case AFFARI_SEMANTICS_SUCCESS:
          affari_settings_toast (GTK_WIDGET (self), _("The won stage stays between the stages in progress and the lost ones"));
          break;
        case AFFARI_SEMANTICS_FAILURE:
          affari_settings_toast (GTK_WIDGET (self), _("Lost stages come after the won stage"));
          break;
        case AFFARI_SEMANTICS_PROCESS:
        default:
          affari_settings_toast (GTK_WIDGET (self), _("Stages in progress come before the won stage"));
          break;
        }
      return FALSE;
    }
  /* The workspace decides, in one transaction; a refused order says why. */
  if (!affari_workspace_reorder_stages (self->workspace, self->pipeline_id, (gint64 *) (void *) ids->data, ids->len, &error))
    {
      affari_settings_toast (GTK_WIDGET (self), error->message);
      return FALSE;
    }
  return TRUE;
}

static GtkWidget *
stage_row_new (AffariSettingsPipelineEditor *self,
               AffariStage                  *stage,
               guint                         index)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *color = gtk_color_button_new ();
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkWidget *button;
  g_auto(GValue) value = G_VALUE_INIT;
  gint64 id = affari_stage_get_id (stage);
  g_autofree char *color_label = g_strdup_printf (_("Colour of “%s”"), affari_stage_get_name (stage));
  GdkRGBA rgba;
  GdkRGBA palette[8];
  guint n_palette = 0;
  const char * const *codes = affari_stage_palette ();

  g_object_set_data_full (G_OBJECT (row), "affari-stage", g_object_ref (stage), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "affari-stage-key", g_strdup_printf ("%" G_GINT64_FORMAT, id), g_free);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), semantics_label (affari_stage_get_semantics (stage)));
  gtk_editable_set_text (GTK_EDITABLE (row), affari_stage_get_name (stage));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "apply", G_CALLBACK (on_stage_row_apply_cb), self);
  gtk_widget_add_css_class (row, "stage-row");

  gtk_widget_add_css_class (handle, "dim-label");
  gtk_widget_set_tooltip_text (handle, _("Drag to reorder"));
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), handle);

  /* The palette of the reference stages first; any other colour from the custom button. */
  for (; codes[n_palette] != NULL && n_palette < G_N_ELEMENTS (palette); n_palette++)
    gdk_rgba_parse (&palette[n_palette], codes[n_palette]);
  gtk_color_chooser_add_palette (GTK_COLOR_CHOOSER (color), GTK_ORIENTATION_HORIZONTAL, (int) n_palette,
                                 (int) n_palette, palette);
  if (gdk_rgba_parse (&rgba, affari_stage_get_color (stage)))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (color), &rgba);
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (color), FALSE);
  gtk_color_button_set_modal (GTK_COLOR_BUTTON (color), TRUE);
  gtk_color_button_set_title (GTK_COLOR_BUTTON (color), color_label);
  gtk_widget_set_valign (color, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (color, _("Stage Colour"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (color), GTK_ACCESSIBLE_PROPERTY_LABEL, color_label, -1);
  gtk_widget_add_css_class (color, "stage-color-button");
  g_object_set_data_full (G_OBJECT (color), "affari-stage", g_object_ref (stage), g_object_unref);
  g_signal_connect (color, "color-set", G_CALLBACK (on_color_set_cb), self);
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), color);

  button = affari_settings_icon_button ("go-up-symbolic", _("Move Up"), "stages.move", g_variant_new ("(xi)", id, -1));
  affari_settings_button_set_enabled (button, index > 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  button = affari_settings_icon_button ("go-down-symbolic", _("Move Down"), "stages.move", g_variant_new ("(xi)", id, 1));
  affari_settings_button_set_enabled (button, index + 1 < self->stages->len);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  button = affari_settings_icon_button ("user-trash-symbolic", _("Delete the Stage"), "stages.delete", g_variant_new_int64 (id));
  /* The won stage and the last lost stage stay: the button says so instead of failing later. */
  if (!affari_workspace_can_delete_stage (self->workspace, id, NULL))
    {
      g_autoptr(GError) error = NULL;

      affari_workspace_can_delete_stage (self->workspace, id, &error);
      affari_settings_button_set_enabled (button, FALSE);
      gtk_widget_set_tooltip_text (button, error != NULL ? error->message : NULL);
    }
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);

  /* The model object travels, never the widget. */
  g_value_init (&value, AFFARI_TYPE_STAGE);
  g_value_set_object (&value, stage);
  affari_settings_row_add_drag (row, handle, &value);
  affari_settings_row_add_drop (row, AFFARI_TYPE_STAGE, on_stage_dropped_cb, self);
  return row;
}

static void
rebuild (AffariSettingsPipelineEditor *self)
{
  g_autoptr(AffariPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *focused = NULL;

  pipeline = affari_workspace_get_pipeline (self->workspace, self->pipeline_id, &error);
  if (pipeline == NULL)
    {
      /* Deleted meanwhile: back to the list. */
      gtk_widget_activate_action (GTK_WIDGET (self), "prefs.close-subpage", NULL);
      return;
    }
  adw_window_title_set_title (self->title, affari_pipeline_get_name (pipeline));
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_row)), affari_pipeline_get_name (pipeline)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), affari_pipeline_get_name (pipeline));

  focused = affari_settings_dup_focused_row (GTK_WIDGET (self), "affari-stage-key");
  affari_settings_restore_scroll (self->page, affari_settings_get_scroll (self->page));
  affari_settings_clear_rows (self->stages_group, self->rows);
  g_clear_pointer (&self->stages, g_ptr_array_unref);
  self->stages = affari_workspace_list_stages (self->workspace, self->pipeline_id, &error);
  if (self->stages == NULL)
    {
      affari_settings_toast (GTK_WIDGET (self), error->message);
      self->stages = g_ptr_array_new_with_free_func (g_object_unref);
      return;
    }
  for (guint i = 0; i < self->stages->len; i++)
    {
      GtkWidget *row = stage_row_new (self, g_ptr_array_index (self->stages, i), i);

      adw_preferences_group_add (self->stages_group, row);
      g_ptr_array_add (self->rows, row);
    }
  if (focused != NULL)
    affari_settings_focus_row (GTK_WIDGET (self->stages_group), "affari-stage-key", focused);
}

static gboolean
on_rebuild_idle_cb (gpointer data)
{
  AffariSettingsPipelineEditor *self = data;

  self->rebuild_source = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------ callbacks */

static void
on_workspace_stages_changed_cb (AffariWorkspace              *workspace,
                            gint64                        pipeline_id,
                            AffariSettingsPipelineEditor *self)
{
  if (pipeline_id == self->pipeline_id)
    affari_settings_queue (&self->rebuild_source, on_rebuild_idle_cb, self);
}

static void
on_workspace_pipelines_changed_cb (AffariWorkspace              *workspace,
                               AffariSettingsPipelineEditor *self)
{
  affari_settings_queue (&self->rebuild_source, on_rebuild_idle_cb, self);
}

static void
on_name_applied_cb (AdwEntryRow                  *row,
                    AffariSettingsPipelineEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!affari_workspace_rename_pipeline (self->workspace, self->pipeline_id, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    affari_settings_toast (GTK_WIDGET (self), error->message);
}

static void
on_delete_response_cb (AdwMessageDialog             *dialog,
                       const char                   *response,
                       AffariSettingsPipelineEditor *self)
{
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (dialog), "affari-target");
  gint64 stage_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "affari-stage-id"));
  AffariStage *target = dropdown != NULL ? gtk_drop_down_get_selected_item (dropdown) : NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete"))
    return;
  if (!affari_workspace_delete_stage (self->workspace, stage_id, target != NULL ? affari_stage_get_id (target) : 0, &error))
    affari_settings_toast (GTK_WIDGET (self), error->message);
}

/* ------------------------------------------------------------ actions */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AffariSettingsPipelineEditor *self = AFFARI_SETTINGS_PIPELINE_EDITOR (widget);
  gboolean lost = g_str_equal (action_name, "stages.add-lost");
  g_autoptr(GError) error = NULL;

  if (affari_workspace_add_stage (self->workspace, self->pipeline_id,
                              lost ? AFFARI_SEMANTICS_FAILURE : AFFARI_SEMANTICS_PROCESS,
                              lost ? _("New Lost Stage") : _("New Stage"), NULL, &error) == 0)
    affari_settings_toast (widget, error->message);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AffariSettingsPipelineEditor *self = AFFARI_SETTINGS_PIPELINE_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  const char *text;
  gint64 id;

  g_variant_get (parameter, "(x&s)", &id, &text);
  if (g_str_equal (action_name, "stages.rename"))
    affari_workspace_update_stage (self->workspace, id, text, NULL, &error);
  else
    affari_workspace_update_stage (self->workspace, id, NULL, text, &error);
  if (error != NULL)
    {
      affari_settings_toast (widget, error->message);
      affari_settings_queue (&self->rebuild_source, on_rebuild_idle_cb, self);
    }
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AffariSettingsPipelineEditor *self = AFFARI_SETTINGS_PIPELINE_EDITOR (widget);
  gint64 id;
  int delta;
  guint from;

  g_variant_get (parameter, "(xi)", &id, &delta);
  /* The order as stored now (the rows are rebuilt on idle). */
  {
    GPtrArray *stages = affari_workspace_list_stages (self->workspace, self->pipeline_id, NULL);

    if (stages != NULL)
      {
        g_ptr_array_unref (self->stages);
        self->stages = stages;
      }
  }
  from = stage_index (self, id);
  if (from == G_MAXUINT || (delta < 0 && from == 0))
    return;
  move_stage_to (self, id, delta < 0 ? from - 1 : from + 1);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AffariSettingsPipelineEditor *self = AFFARI_SETTINGS_PIPELINE_EDITOR (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AffariStage *stage;
  AdwMessageDialog *dialog;
  guint n_deals;

  if (!affari_workspace_can_delete_stage (self->workspace, id, &error))
    {
      affari_settings_toast (widget, error->message);
      return;
    }
  if (stage_index (self, id) == G_MAXUINT)
    return;
  stage = g_ptr_array_index (self->stages, stage_index (self, id));
  n_deals = affari_workspace_count_stage_deals (self->workspace, id);
  heading = g_strdup_printf (_("Delete the Stage “%s”?"), affari_stage_get_name (stage));
  if (n_deals > 0)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "It holds %u deal: choose the stage it moves to. Its history records the move.",
                                         "It holds %u deals: choose the stage they move to. Their history records the move.",
                                         n_deals), n_deals);
  else
    body = g_strdup (_("It holds no deals."));
  dialog = affari_settings_dialog_new (widget, heading, body, "delete", _("_Delete"), ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data (G_OBJECT (dialog), "affari-stage-id", GSIZE_TO_POINTER (id));
  if (n_deals > 0)
    affari_settings_dialog_add_target (dialog, AFFARI_TYPE_STAGE, self->stages, id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_card_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AffariSettingsPipelineEditor *self = AFFARI_SETTINGS_PIPELINE_EDITOR (widget);

  /* The window opens the subpage: the editor does not reach up for it. */
  gtk_widget_activate_action (widget, "prefs.open-card-layout", "x", self->pipeline_id);
}

/* ------------------------------------------------------------ overrides */

static void
affari_settings_pipeline_editor_dispose (GObject *object)
{
  AffariSettingsPipelineEditor *self = AFFARI_SETTINGS_PIPELINE_EDITOR (object);

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->stages, g_ptr_array_unref);
  g_clear_object (&self->workspace);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_SETTINGS_PIPELINE_EDITOR);

  G_OBJECT_CLASS (affari_settings_pipeline_editor_parent_class)->dispose (object);
}

static void
affari_settings_pipeline_editor_class_init (AffariSettingsPipelineEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_settings_pipeline_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/affari/Affari/ui/affari-settings-pipeline-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariSettingsPipelineEditor, title);
  gtk_widget_class_bind_template_child (widget_class, AffariSettingsPipelineEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, AffariSettingsPipelineEditor, stages_group);
  gtk_widget_class_bind_template_child (widget_class, AffariSettingsPipelineEditor, page);
  gtk_widget_class_bind_template_callback (widget_class, on_name_applied_cb);

  gtk_widget_class_install_action (widget_class, "stages.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "stages.add-lost", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "stages.rename", "(xs)", rename_action);
  gtk_widget_class_install_action (widget_class, "stages.set-color", "(xs)", rename_action);
  gtk_widget_class_install_action (widget_class, "stages.move", "(xi)", move_action);
  gtk_widget_class_install_action (widget_class, "stages.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "stages.edit-card", NULL, edit_card_action);
}

static void
affari_settings_pipeline_editor_init (AffariSettingsPipelineEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  self->stages = g_ptr_array_new_with_free_func (g_object_unref);
  affari_settings_page_add_autoscroll (self->page);
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_settings_pipeline_editor_new (AffariWorkspace *workspace,
                                     gint64       pipeline_id)
{
  AffariSettingsPipelineEditor *self;

  g_return_val_if_fail (AFFARI_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (AFFARI_TYPE_SETTINGS_PIPELINE_EDITOR, NULL);
  self->workspace = g_object_ref (workspace);
  self->pipeline_id = pipeline_id;
  g_signal_connect (workspace, "stages-changed", G_CALLBACK (on_workspace_stages_changed_cb), self);
  g_signal_connect (workspace, "pipelines-changed", G_CALLBACK (on_workspace_pipelines_changed_cb), self);
  g_signal_connect (workspace, "reset", G_CALLBACK (on_workspace_pipelines_changed_cb), self);
  rebuild (self);
  return GTK_WIDGET (self);
}

gint64
affari_settings_pipeline_editor_get_pipeline_id (AffariSettingsPipelineEditor *self)
{
  g_return_val_if_fail (AFFARI_IS_SETTINGS_PIPELINE_EDITOR (self), 0);

  return self->pipeline_id;
}
