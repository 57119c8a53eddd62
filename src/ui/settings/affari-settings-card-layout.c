/* affari-settings-card-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-settings"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ui/settings/affari-settings-card-layout.h"
#include "ui/settings/affari-settings-util.h"

struct _AffariSettingsCardLayout
{
  GtkBox               parent_instance;

  AffariWorkspace     *workspace;
  gint64               pipeline_id;
  GPtrArray           *layout;          /* AffariCardSection, as stored (or the default) */
  GPtrArray           *custom_fields;   /* AffariCustomField, for the labels */
  GPtrArray           *groups;          /* the page's section groups */
  AdwPreferencesGroup *footer_ref;      /* held while it is out of the page */
  guint                rebuild_source;

  /* template */
  AdwWindowTitle      *title;
  AdwPreferencesPage  *page;
  AdwPreferencesGroup *footer;
};

G_DEFINE_FINAL_TYPE (AffariSettingsCardLayout, affari_settings_card_layout, GTK_TYPE_BOX)

/* ------------------------------------------------------------ the layout being edited */

static gboolean
find_field (GPtrArray  *layout,
            const char *field,
            guint      *section_index,
            guint      *element_index)
{
  for (guint i = 0; layout != NULL && i < layout->len; i++)
    {
      AffariCardSection *section = g_ptr_array_index (layout, i);

      for (guint j = 0; j < section->elements->len; j++)
        if (g_str_equal (g_array_index (section->elements, AffariCardElement, j).field, field))
          {
            *section_index = i;
            *element_index = j;
            return TRUE;
          }
    }
  return FALSE;
}

static guint
find_section (GPtrArray  *layout,
              const char *name)
{
  for (guint i = 0; layout != NULL && i < layout->len; i++)
    if (g_strcmp0 (((AffariCardSection *) g_ptr_array_index (layout, i))->name, name) == 0)
      return i;
  return G_MAXUINT;
}

static void
store_layout (AffariSettingsCardLayout *self)
{
  g_autoptr(GError) error = NULL;

  if (!affari_workspace_set_card_layout (self->workspace, self->pipeline_id, self->layout, &error))
    affari_settings_toast (GTK_WIDGET (self), error->message);
}

/* Takes element @j out of @section (its field string moves to the caller). */
static AffariCardElement
take_element (AffariCardSection *section,
              guint              j)
{
  AffariCardElement element = g_array_index (section->elements, AffariCardElement, j);

  /* Stolen: the array must not free the field on removal. */
  g_array_index (section->elements, AffariCardElement, j).field = NULL;
  g_array_remove_index (section->elements, j);
  return element;
}

/* ------------------------------------------------------------ drag and drop */

#define DRAG_FIELD "field:"
#define DRAG_SECTION "section:"

/* Moves @field into section @target at @position (counted without the field itself). */
static gboolean
move_field_to (AffariSettingsCardLayout *self,
               const char               *field,
               guint                     target,
               guint                     position,
               gboolean                  commit)
{
  AffariCardElement element;
  AffariCardSection *to;
  guint i, j;

  if (target >= self->layout->len || !find_field (self->layout, field, &i, &j))
    return FALSE;
  if (i == target && j == position)
    return !commit;
  if (!commit)
    return TRUE;
  element = take_element (g_ptr_array_index (self->layout, i), j);
  to = g_ptr_array_index (self->layout, target);
  g_array_insert_val (to->elements, MIN (position, to->elements->len), element);
  store_layout (self);
  return TRUE;
}

static gboolean
move_section_to (AffariSettingsCardLayout *self,
                 const char               *name,
                 guint                     position,
                 gboolean                  commit)
{
  guint i = find_section (self->layout, name);
  gpointer section;

  if (i == G_MAXUINT)
    return FALSE;
  if (i == position)
    return !commit;
  if (!commit)
    return TRUE;
  section = g_ptr_array_steal_index (self->layout, i);
  g_ptr_array_insert (self->layout, (int) MIN (position, self->layout->len), section);
  store_layout (self);
  return TRUE;
}

/* A field dropped on a field lands before or after it, in its section; on a section's name, first
 * in that section. A section dropped on any row of another lands before or after that one. */
static gboolean
on_row_dropped_cb (GtkWidget    *row,
                   const GValue *value,
                   gboolean      after,
                   gboolean      commit,
                   gpointer      user_data)
{
  AffariSettingsCardLayout *self = user_data;
  const char *dragged = g_value_get_string (value);
  const char *onto_field = g_object_get_data (G_OBJECT (row), "affari-field");
  const char *onto_section = g_object_get_data (G_OBJECT (row), "affari-section");
  guint section_index = G_MAXUINT, element_index = 0;

  if (dragged == NULL || self->layout == NULL)
    return FALSE;
  if (onto_field != NULL && !find_field (self->layout, onto_field, &section_index, &element_index))
    return FALSE;
  if (onto_field == NULL && (section_index = find_section (self->layout, onto_section)) == G_MAXUINT)
    return FALSE;

  if (g_str_has_prefix (dragged, DRAG_FIELD))
    {
      const char *field = dragged + strlen (DRAG_FIELD);
      guint i, j, position;

      if (!find_field (self->layout, field, &i, &j))
        return FALSE;
      if (onto_field == NULL)
        position = 0;
      else
        {
          position = element_index + (after ? 1 : 0);
          /* the field leaves its place first */
          if (i == section_index && j < position)
            position--;
        }
      return move_field_to (self, field, section_index, position, commit);
    }
  if (g_str_has_prefix (dragged, DRAG_SECTION))
    {
      const char *name = dragged + strlen (DRAG_SECTION);
      guint from = find_section (self->layout, name);
      guint position = section_index + (after && onto_field == NULL ? 1 : 0);

      if (from == G_MAXUINT)
        return FALSE;
      /* dropped on a field: after that field's section when in its lower half */
      if (onto_field != NULL && after)
        position = section_index + 1;
      if (from < position)
        position--;
      return move_section_to (self, name, position, commit);
    }
  return FALSE;
}

static GtkWidget *
drag_handle_new (void)
{
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");

  gtk_widget_add_css_class (handle, "dim-label");
  gtk_widget_set_tooltip_text (handle, _("Drag to reorder"));
  return handle;
}

static void
make_draggable (AffariSettingsCardLayout *self,
                GtkWidget                *row,
                GtkWidget                *handle,
                const char               *prefix,
                const char               *name)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_take_string (&value, g_strconcat (prefix, name, NULL));
  affari_settings_row_add_drag (row, handle, &value);
  affari_settings_row_add_drop (row, G_TYPE_STRING, on_row_dropped_cb, self);
}

/* ------------------------------------------------------------ building */

static void
on_check_toggled_cb (GtkCheckButton           *check,
                     AffariSettingsCardLayout *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "layout.toggle-field", "s",
                              g_object_get_data (G_OBJECT (check), "affari-field"));
}

static GtkWidget *
field_row_new (AffariSettingsCardLayout *self,
               AffariCardSection        *section,
               guint                     section_index,
               guint                     j)
{
  AffariCardElement *element = &g_array_index (section->elements, AffariCardElement, j);
  g_autofree char *label = affari_card_field_label (element->field, self->custom_fields);
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *button;
  g_autofree char *check_label = g_strdup_printf (_("Show “%s”"), label);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  if (g_str_has_prefix (element->field, "UF_CRM_"))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), element->hidden ? _("Custom field · hidden") : _("Custom field"));
  else if (element->hidden)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Hidden"));
  if (element->hidden)
    gtk_widget_add_css_class (row, "dim-label");
  g_object_set_data_full (G_OBJECT (row), "affari-field", g_strdup (element->field), g_free);

  {
    GtkWidget *handle = drag_handle_new ();

    adw_action_row_add_prefix (ADW_ACTION_ROW (row), handle);
    make_draggable (self, row, handle, DRAG_FIELD, element->field);
  }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), !element->hidden);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, element->hidden ? _("Show on the Card") : _("Hide from the Card"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, check_label, -1);
  /* Not an actionable: its check mark would follow the (stateless) action, not the field. */
  g_object_set_data_full (G_OBJECT (check), "affari-field", g_strdup (element->field), g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  button = affari_settings_icon_button ("go-up-symbolic", _("Move Up"), "layout.move-field",
                                        g_variant_new ("(si)", element->field, -1));
  affari_settings_button_set_enabled (button, j > 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  button = affari_settings_icon_button ("go-down-symbolic", _("Move Down"), "layout.move-field",
                                        g_variant_new ("(si)", element->field, 1));
  affari_settings_button_set_enabled (button, j + 1 < section->elements->len);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  for (guint i = 0; i < self->layout->len; i++)
    if (i != section_index)
      {
        AffariCardSection *other = g_ptr_array_index (self->layout, i);
        g_autoptr(GMenuItem) item = g_menu_item_new (other->title, NULL);

        g_menu_item_set_action_and_target (item, "layout.move-to-section", "(ss)", element->field, other->name);
        g_menu_append_item (menu, item);
      }
  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Move to Section"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Move to Section"), -1);
  gtk_widget_set_sensitive (button, self->layout->len > 1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
on_section_title_applied_cb (AdwEntryRow              *row,
                             AffariSettingsCardLayout *self)
{
  const char *name = g_object_get_data (G_OBJECT (row), "affari-section");

  gtk_widget_activate_action (GTK_WIDGET (self), "layout.rename-section", "(ss)", name,
                              gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
rebuild (AffariSettingsCardLayout *self)
{
  g_autoptr(AffariPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  double scroll = affari_settings_get_scroll (self->page);
  g_autofree char *focus_key = NULL;
  g_autofree char *focus_value = NULL;

  /* The row that had the focus gets it back: keyboard users stay where they were, and the page
   * does not scroll to wherever the focus would land. */
  if ((focus_value = affari_settings_dup_focused_row (GTK_WIDGET (self), "affari-field")) != NULL)
    focus_key = g_strdup ("affari-field");
  else if ((focus_value = affari_settings_dup_focused_row (GTK_WIDGET (self), "affari-section")) != NULL)
    focus_key = g_strdup ("affari-section");

  affari_settings_restore_scroll (self->page, scroll);
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  adw_preferences_page_remove (self->page, self->footer);

  pipeline = affari_workspace_get_pipeline (self->workspace, self->pipeline_id, NULL);
  title = g_strdup_printf (_("Card Fields: %s"), pipeline != NULL ? affari_pipeline_get_name (pipeline) : "");
  adw_window_title_set_title (self->title, title);
  adw_window_title_set_subtitle (self->title, affari_workspace_has_card_layout (self->workspace, self->pipeline_id)
                                              ? _("Own layout") : _("Default layout"));

  g_clear_pointer (&self->custom_fields, g_ptr_array_unref);
  g_clear_pointer (&self->layout, g_ptr_array_unref);
  self->custom_fields = affari_workspace_list_custom_fields (self->workspace, &error);
  if (self->custom_fields != NULL)
    self->layout = affari_workspace_get_card_layout (self->workspace, self->pipeline_id, &error);
  if (self->layout == NULL)
    {
      affari_settings_toast (GTK_WIDGET (self), error->message);
      adw_preferences_page_add (self->page, self->footer);
      return;
    }

  for (guint i = 0; i < self->layout->len; i++)
    {
      AffariCardSection *section = g_ptr_array_index (self->layout, i);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *title_row = adw_entry_row_new ();
      GtkWidget *button;

      adw_preferences_group_set_title (group, section->title);
      button = affari_settings_icon_button ("go-up-symbolic", _("Move the Section Up"), "layout.move-section",
                                            g_variant_new ("(si)", section->name, -1));
      affari_settings_button_set_enabled (button, i > 0);
      gtk_box_append (GTK_BOX (suffix), button);
      button = affari_settings_icon_button ("go-down-symbolic", _("Move the Section Down"), "layout.move-section",
                                            g_variant_new ("(si)", section->name, 1));
      affari_settings_button_set_enabled (button, i + 1 < self->layout->len);
      gtk_box_append (GTK_BOX (suffix), button);
      button = affari_settings_icon_button ("user-trash-symbolic", _("Delete the Section"), "layout.delete-section",
                                            g_variant_new_string (section->name));
      affari_settings_button_set_enabled (button, self->layout->len > 1);
      gtk_box_append (GTK_BOX (suffix), button);
      adw_preferences_group_set_header_suffix (group, suffix);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title_row), _("Section Name"));
      gtk_editable_set_text (GTK_EDITABLE (title_row), section->title);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (title_row), TRUE);
      g_object_set_data_full (G_OBJECT (title_row), "affari-section", g_strdup (section->name), g_free);
      g_signal_connect (title_row, "apply", G_CALLBACK (on_section_title_applied_cb), self);
      {
        GtkWidget *handle = drag_handle_new ();

        adw_entry_row_add_prefix (ADW_ENTRY_ROW (title_row), handle);
        make_draggable (self, title_row, handle, DRAG_SECTION, section->name);
      }
      adw_preferences_group_add (group, title_row);

      for (guint j = 0; j < section->elements->len; j++)
        adw_preferences_group_add (group, field_row_new (self, section, i, j));
      g_object_set_data_full (G_OBJECT (group), "affari-section", g_strdup (section->name), g_free);
      adw_preferences_page_add (self->page, group);
      g_ptr_array_add (self->groups, group);
    }
  adw_preferences_page_add (self->page, self->footer);
  if (focus_key != NULL)
    affari_settings_focus_row (GTK_WIDGET (self->page), focus_key, focus_value);
}

static gboolean
on_rebuild_idle_cb (gpointer data)
{
  AffariSettingsCardLayout *self = data;

  self->rebuild_source = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
on_workspace_settings_changed_cb (AffariWorkspace          *workspace,
                              gint64                    pipeline_id,
                              AffariSettingsCardLayout *self)
{
  affari_settings_queue (&self->rebuild_source, on_rebuild_idle_cb, self);
}

static void
on_workspace_pipelines_changed_cb (AffariWorkspace          *workspace,
                               AffariSettingsCardLayout *self)
{
  affari_settings_queue (&self->rebuild_source, on_rebuild_idle_cb, self);
}

/* ------------------------------------------------------------ actions */

static void
toggle_field_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AffariSettingsCardLayout *self = AFFARI_SETTINGS_CARD_LAYOUT (widget);
  guint i, j;

  if (!find_field (self->layout, g_variant_get_string (parameter, NULL), &i, &j))
    return;
  {
    AffariCardSection *section = g_ptr_array_index (self->layout, i);
    AffariCardElement *element = &g_array_index (section->elements, AffariCardElement, j);

    element->hidden = !element->hidden;
  }
  store_layout (self);
}

static void
move_field_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AffariSettingsCardLayout *self = AFFARI_SETTINGS_CARD_LAYOUT (widget);
  const char *field;
  AffariCardSection *section;
  AffariCardElement element;
  int delta;
  guint i, j;

  g_variant_get (parameter, "(&si)", &field, &delta);
  if (!find_field (self->layout, field, &i, &j))
    return;
  section = g_ptr_array_index (self->layout, i);
  if ((delta < 0 && j == 0) || (delta > 0 && j + 1 >= section->elements->len))
    return;
  element = take_element (section, j);
  g_array_insert_val (section->elements, delta < 0 ? j - 1 : j + 1, element);
  store_layout (self);
}

static void
move_to_section_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AffariSettingsCardLayout *self = AFFARI_SETTINGS_CARD_LAYOUT (widget);
  const char *field, *name;
  AffariCardElement element;
  guint i, j, target;

  g_variant_get (parameter, "(&s&s)", &field, &name);
  target = find_section (self->layout, name);
  if (target == G_MAXUINT || !find_field (self->layout, field, &i, &j) || i == target)
    return;
  element = take_element (g_ptr_array_index (self->layout, i), j);
  g_array_append_val (((AffariCardSection *) g_ptr_array_index (self->layout, target))->elements, element);
  store_layout (self);
}

static void
add_section_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AffariSettingsCardLayout *self = AFFARI_SETTINGS_CARD_LAYOUT (widget);
  g_autofree char *name = NULL;

  for (guint n = self->layout->len + 1; name == NULL || find_section (self->layout, name) != G_MAXUINT; n++)
    {
      g_free (name);
      name = g_strdup_printf ("section_%u", n);
    }
  g_ptr_array_add (self->layout, affari_card_section_new (name, _("New Section")));
  store_layout (self);
}

static void
rename_section_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AffariSettingsCardLayout *self = AFFARI_SETTINGS_CARD_LAYOUT (widget);
  const char *name, *title;
  AffariCardSection *section;
  guint i;

  g_variant_get (parameter, "(&s&s)", &name, &title);
  i = find_section (self->layout, name);
  if (i == G_MAXUINT)
    return;
  section = g_ptr_array_index (self->layout, i);
  g_free (section->title);
  section->title = g_strdup (title);
  store_layout (self);
  /* Refused (an empty title): show the stored one again. */
  affari_settings_queue (&self->rebuild_source, on_rebuild_idle_cb, self);
}

static void
move_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AffariSettingsCardLayout *self = AFFARI_SETTINGS_CARD_LAYOUT (widget);
  const char *name;
  gpointer section;
  int delta;
  guint i;

  g_variant_get (parameter, "(&si)", &name, &delta);
  i = find_section (self->layout, name);
  if (i == G_MAXUINT || (delta < 0 && i == 0) || (delta > 0 && i + 1 >= self->layout->len))
    return;
  section = g_ptr_array_steal_index (self->layout, i);
  g_ptr_array_insert (self->layout, delta < 0 ? (int) i - 1 : (int) i + 1, section);
  store_layout (self);
}

static void
delete_section_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AffariSettingsCardLayout *self = AFFARI_SETTINGS_CARD_LAYOUT (widget);
  AffariCardSection *section, *heir;
  guint i = find_section (self->layout, g_variant_get_string (parameter, NULL));

  if (i == G_MAXUINT || self->layout->len < 2)
    return;
  /* Its fields are not lost: they go to the section before it (or after, for the first). */
  section = g_ptr_array_index (self->layout, i);
  heir = g_ptr_array_index (self->layout, i > 0 ? i - 1 : 1);
  while (section->elements->len > 0)
    {
      AffariCardElement element = take_element (section, 0);
      g_array_append_val (heir->elements, element);
    }
  g_ptr_array_remove_index (self->layout, i);
  store_layout (self);
}

static void
on_reset_response_cb (AdwMessageDialog         *dialog,
                      const char               *response,
                      AffariSettingsCardLayout *self)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "reset") &&
      !affari_workspace_reset_card_layout (self->workspace, self->pipeline_id, &error))
    affari_settings_toast (GTK_WIDGET (self), error->message);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AffariSettingsCardLayout *self = AFFARI_SETTINGS_CARD_LAYOUT (widget);
  AdwMessageDialog *dialog;

  dialog = affari_settings_dialog_new (widget, _("Reset the Card?"),
                                       _("The sections and fields go back to the default card: every field shown, custom fields in their own section. The values of the deals do not change."),
                                       "reset", _("_Reset"), ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reset_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------ overrides */

static void
affari_settings_card_layout_dispose (GObject *object)
{
  AffariSettingsCardLayout *self = AFFARI_SETTINGS_CARD_LAYOUT (object);

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->layout, g_ptr_array_unref);
  g_clear_pointer (&self->custom_fields, g_ptr_array_unref);
  g_clear_object (&self->footer_ref);
  g_clear_object (&self->workspace);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_SETTINGS_CARD_LAYOUT);

  G_OBJECT_CLASS (affari_settings_card_layout_parent_class)->dispose (object);
}

static void
affari_settings_card_layout_class_init (AffariSettingsCardLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_settings_card_layout_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/affari/Affari/ui/affari-settings-card-layout.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariSettingsCardLayout, title);
  gtk_widget_class_bind_template_child (widget_class, AffariSettingsCardLayout, page);
  gtk_widget_class_bind_template_child (widget_class, AffariSettingsCardLayout, footer);

  gtk_widget_class_install_action (widget_class, "layout.toggle-field", "s", toggle_field_action);
  gtk_widget_class_install_action (widget_class, "layout.move-field", "(si)", move_field_action);
  gtk_widget_class_install_action (widget_class, "layout.move-to-section", "(ss)", move_to_section_action);
  gtk_widget_class_install_action (widget_class, "layout.add-section", NULL, add_section_action);
  gtk_widget_class_install_action (widget_class, "layout.rename-section", "(ss)", rename_section_action);
  gtk_widget_class_install_action (widget_class, "layout.move-section", "(si)", move_section_action);
  gtk_widget_class_install_action (widget_class, "layout.delete-section", "s", delete_section_action);
  gtk_widget_class_install_action (widget_class, "layout.reset", NULL, reset_action);
}

static void
affari_settings_card_layout_init (AffariSettingsCardLayout *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->groups = g_ptr_array_new ();
  /* Taken out and put back after the section groups on every rebuild. */
  self->footer_ref = g_object_ref (self->footer);
  affari_settings_page_add_autoscroll (self->page);
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_settings_card_layout_new (AffariWorkspace *workspace,
                                 gint64       pipeline_id)
{
  AffariSettingsCardLayout *self;

  g_return_val_if_fail (AFFARI_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (AFFARI_TYPE_SETTINGS_CARD_LAYOUT, NULL);
  self->workspace = g_object_ref (workspace);
  self->pipeline_id = pipeline_id;
  g_signal_connect (workspace, "settings-changed::card-layout", G_CALLBACK (on_workspace_settings_changed_cb), self);
  g_signal_connect (workspace, "settings-changed::custom-fields", G_CALLBACK (on_workspace_settings_changed_cb), self);
  g_signal_connect (workspace, "pipelines-changed", G_CALLBACK (on_workspace_pipelines_changed_cb), self);
  rebuild (self);
  return GTK_WIDGET (self);
}
