/* affari-settings-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-settings"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ui/settings/affari-settings-fields.h"
#include "ui/settings/affari-settings-util.h"

struct _AffariSettingsFields
{
  AdwPreferencesPage   parent_instance;

  AffariWorkspace     *workspace;
  GPtrArray           *fields;      /* AffariCustomField */
  GPtrArray           *rows;
  guint                rebuild_source;

  /* template */
  AdwPreferencesGroup *group;
  AdwStatusPage       *empty;
};

G_DEFINE_FINAL_TYPE (AffariSettingsFields, affari_settings_fields, ADW_TYPE_PREFERENCES_PAGE)

static const AffariFieldKind kind_order[] = {
  AFFARI_FIELD_STRING, AFFARI_FIELD_DOUBLE, AFFARI_FIELD_MONEY, AFFARI_FIELD_DATE,
  AFFARI_FIELD_BOOLEAN, AFFARI_FIELD_ENUMERATION, AFFARI_FIELD_URL,
};

const char *
affari_settings_field_kind_label (AffariFieldKind kind)
{
  switch (kind)
    {
    case AFFARI_FIELD_DOUBLE:
      return _("Number");
    case AFFARI_FIELD_MONEY:
      return _("Money");
    case AFFARI_FIELD_DATE:
      return _("Date");
    case AFFARI_FIELD_BOOLEAN:
      return _("Yes/No");
    case AFFARI_FIELD_ENUMERATION:
      return _("List");
    case AFFARI_FIELD_URL:
      return _("Link");
    case AFFARI_FIELD_STRING:
    default:
      return _("Text");
    }
}

/* ------------------------------------------------------------ auxiliary */

static AffariCustomField *
find_field (AffariSettingsFields *self,
            gint64                id)
{
  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    if (((AffariCustomField *) g_ptr_array_index (self->fields, i))->id == id)
      return g_ptr_array_index (self->fields, i);
  return NULL;
}

static void
rebuild (AffariSettingsFields *self)
{
  g_autoptr(GError) error = NULL;

  affari_settings_clear_rows (self->group, self->rows);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  self->fields = affari_workspace_list_custom_fields (self->workspace, &error);
  if (self->fields == NULL)
    {
      affari_settings_toast (GTK_WIDGET (self), error->message);
      self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) affari_custom_field_free);
    }
  for (guint i = 0; i < self->fields->len; i++)
    {
      AffariCustomField *field = g_ptr_array_index (self->fields, i);
      g_autoptr(GString) subtitle = g_string_new (affari_settings_field_kind_label (field->kind));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;

      if (field->kind == AFFARI_FIELD_ENUMERATION)
        for (guint j = 0; j < field->items->len && j < 4; j++)
          g_string_append_printf (subtitle, "%s%s%s", j == 0 ? ": " : ", ",
                                  g_array_index (field->items, AffariFieldItem, j).value,
                                  j == 3 && field->items->len > 4 ? "…" : "");
      if (field->mandatory)
        g_string_append_printf (subtitle, " · %s", _("required"));
      if (field->show_in_list)
        g_string_append_printf (subtitle, " · %s", _("in the list"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field->label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "fields.edit");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", field->id);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

      button = affari_settings_icon_button ("go-up-symbolic", _("Move Up"), "fields.move", g_variant_new ("(xi)", field->id, -1));
      affari_settings_button_set_enabled (button, i > 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      button = affari_settings_icon_button ("go-down-symbolic", _("Move Down"), "fields.move", g_variant_new ("(xi)", field->id, 1));
      affari_settings_button_set_enabled (button, i + 1 < self->fields->len);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      button = affari_settings_icon_button ("user-trash-symbolic", _("Delete the Field"), "fields.delete", g_variant_new_int64 (field->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty), self->fields->len == 0);
}

static gboolean
on_rebuild_idle_cb (gpointer data)
{
  AffariSettingsFields *self = data;

  self->rebuild_source = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
on_workspace_changed_cb (AffariWorkspace      *workspace,
                     gint64                unused,
                     AffariSettingsFields *self)
{
  affari_settings_queue (&self->rebuild_source, on_rebuild_idle_cb, self);
}

static char *
unique_code (AffariSettingsFields *self,
             const char           *label)
{
  g_autofree char *ascii = g_str_to_ascii (label, "C");
  g_autoptr(GString) base = g_string_new (NULL);
  char *code = NULL;

  for (const char *p = ascii; *p != '\0' && base->len < 30; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (base, g_ascii_toupper (*p));
      else if (base->len > 0 && base->str[base->len - 1] != '_')
        g_string_append_c (base, '_');
    }
  while (base->len > 0 && base->str[base->len - 1] == '_')
    g_string_truncate (base, base->len - 1);
  if (base->len == 0)
    g_string_append (base, "CAMPO");
  for (guint n = 1; code == NULL; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup_printf ("UF_CRM_%s", base->str)
                                          : g_strdup_printf ("UF_CRM_%s_%u", base->str, n);
      gboolean taken = FALSE;

      for (guint i = 0; i < self->fields->len; i++)
        taken = taken || g_strcmp0 (((AffariCustomField *) g_ptr_array_index (self->fields, i))->code, candidate) == 0;
      if (!taken)
        code = g_steal_pointer (&candidate);
    }
  return code;
}

static GStrv
text_lines (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0')
        g_strv_builder_add (builder, lines[i]);
    }
  return g_strv_builder_end (builder);
}

/* The new list values matched to the old items: the same text keeps its item, other changed
 * lines rename the old items in order (so that deals keep their value), the rest is new. */
static GArray *
match_items (AffariCustomField *field,
             GStrv              lines)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (AffariFieldItem));
  guint n = g_strv_length (lines);
  g_autofree gboolean *used = g_new0 (gboolean, field->items->len + 1);

  for (guint i = 0; i < n; i++)
    {
      AffariFieldItem item = { 0, lines[i] };

      for (guint j = 0; j < field->items->len; j++)
        if (!used[j] && g_strcmp0 (g_array_index (field->items, AffariFieldItem, j).value, lines[i]) == 0)
          {
            item.id = g_array_index (field->items, AffariFieldItem, j).id;
            used[j] = TRUE;
            break;
          }
      g_array_append_val (items, item);
    }
  for (guint i = 0; i < items->len; i++)
    if (g_array_index (items, AffariFieldItem, i).id == 0)
      for (guint j = 0; j < field->items->len; j++)
        if (!used[j])
          {
            g_array_index (items, AffariFieldItem, i).id = g_array_index (field->items, AffariFieldItem, j).id;
            used[j] = TRUE;
            break;
          }
  return items;
}

/* ------------------------------------------------------------ the dialog */

static void
on_kind_selected_cb (GtkDropDown *dropdown,
                     GParamSpec  *pspec,
                     GtkWidget   *items_box)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  gtk_widget_set_visible (items_box, selected < G_N_ELEMENTS (kind_order) &&
                                     kind_order[selected] == AFFARI_FIELD_ENUMERATION);
}

static void
on_field_response_cb (AdwMessageDialog     *dialog,
                      const char           *response,
                      AffariSettingsFields *self)
{
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "affari-name");
  GtkDropDown *kind_dropdown = g_object_get_data (G_OBJECT (dialog), "affari-kind");
  GtkCheckButton *mandatory = g_object_get_data (G_OBJECT (dialog), "affari-mandatory");
  GtkCheckButton *in_list = g_object_get_data (G_OBJECT (dialog), "affari-in-list");
  GtkTextView *items_view = g_object_get_data (G_OBJECT (dialog), "affari-items");
  gint64 field_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "affari-field-id"));
  guint selected = gtk_drop_down_get_selected (kind_dropdown);
  AffariFieldKind kind = selected < G_N_ELEMENTS (kind_order) ? kind_order[selected] : AFFARI_FIELD_STRING;
  g_auto(GStrv) lines = text_lines (items_view);
  g_autoptr(GError) error = NULL;
  const char *label = gtk_editable_get_text (name);

  if (!g_str_equal (response, "save"))
    return;

  if (field_id == 0)
    {
      g_autofree char *code = unique_code (self, label);

      if (affari_workspace_create_custom_field (self->workspace, kind, code, label, gtk_check_button_get_active (mandatory),
                                            gtk_check_button_get_active (in_list),
                                            (const char * const *) lines, &error) == 0)
        affari_settings_toast (GTK_WIDGET (self), error->message);
      return;
    }

  {
    AffariCustomField *field = find_field (self, field_id);

    if (field == NULL)
      return;
    if (affari_workspace_update_custom_field (self->workspace, field_id, label, gtk_check_button_get_active (mandatory),
                                          gtk_check_button_get_active (in_list), &error) &&
        field->kind == AFFARI_FIELD_ENUMERATION)
      {
        g_autoptr(GArray) items = match_items (field, lines);

        affari_workspace_set_custom_field_items (self->workspace, field_id, (AffariFieldItem *) (void *) items->data,
                                             items->len, &error);
      }
    if (error != NULL)
      affari_settings_toast (GTK_WIDGET (self), error->message);
  }
}

static void
open_dialog (AffariSettingsFields *self,
             AffariCustomField    *field)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  AdwMessageDialog *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *name = gtk_entry_new ();
  GtkWidget *kind = NULL;
  GtkWidget *mandatory = gtk_check_button_new_with_mnemonic (_("_Required"));
  GtkWidget *in_list = gtk_check_button_new_with_mnemonic (_("_Show as a Column of the List"));
  GtkWidget *items_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *items_label = gtk_label_new (_("Values, one per line"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *items = gtk_text_view_new ();

  for (guint i = 0; i < G_N_ELEMENTS (kind_order); i++)
    gtk_string_list_append (kinds, affari_settings_field_kind_label (kind_order[i]));
  kind = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (kinds)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (kind), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Kind"), -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (name), _("Name, as in “Sector”"));
  gtk_entry_set_activates_default (GTK_ENTRY (name), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (name), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  gtk_label_set_xalign (GTK_LABEL (items_label), 0);
  gtk_widget_add_css_class (items_label, "dim-label");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (items), GTK_WRAP_WORD_CHAR);
  gtk_accessible_update_property (GTK_ACCESSIBLE (items), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Values, one per line"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), items);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 100);
  gtk_widget_add_css_class (scroller, "card");
  gtk_box_append (GTK_BOX (items_box), items_label);
  gtk_box_append (GTK_BOX (items_box), scroller);

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), kind);
  gtk_box_append (GTK_BOX (box), items_box);
  gtk_box_append (GTK_BOX (box), mandatory);
  gtk_box_append (GTK_BOX (box), in_list);
  g_signal_connect (kind, "notify::selected", G_CALLBACK (on_kind_selected_cb), items_box);
  gtk_widget_set_visible (items_box, FALSE);

  if (field != NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      gtk_editable_set_text (GTK_EDITABLE (name), field->label);
      for (guint i = 0; i < G_N_ELEMENTS (kind_order); i++)
        if (kind_order[i] == field->kind)
          gtk_drop_down_set_selected (GTK_DROP_DOWN (kind), i);
      /* Values are stored for the kind they were made for. */
      gtk_widget_set_sensitive (kind, FALSE);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (mandatory), field->mandatory);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (in_list), field->show_in_list);
      for (guint i = 0; i < field->items->len; i++)
        g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", g_array_index (field->items, AffariFieldItem, i).value);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (items)), text->str, -1);
    }

  dialog = affari_settings_dialog_new (GTK_WIDGET (self), field != NULL ? _("Edit the Field") : _("New Custom Field"),
                                       _("Custom fields appear on the deal card, as columns of the list, in the filters and in the exports."),
                                       "save", field != NULL ? _("_Save") : _("_Add"), ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_extra_child (dialog, box);
  g_object_set_data (G_OBJECT (dialog), "affari-name", name);
  g_object_set_data (G_OBJECT (dialog), "affari-kind", kind);
  g_object_set_data (G_OBJECT (dialog), "affari-mandatory", mandatory);
  g_object_set_data (G_OBJECT (dialog), "affari-in-list", in_list);
  g_object_set_data (G_OBJECT (dialog), "affari-items", items);
  g_object_set_data (G_OBJECT (dialog), "affari-field-id", GSIZE_TO_POINTER (field != NULL ? field->id : 0));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_field_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name);
}

/* ------------------------------------------------------------ actions */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_dialog (AFFARI_SETTINGS_FIELDS (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AffariSettingsFields *self = AFFARI_SETTINGS_FIELDS (widget);
  AffariCustomField *field = find_field (self, g_variant_get_int64 (parameter));

  if (field != NULL)
    open_dialog (self, field);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AffariSettingsFields *self = AFFARI_SETTINGS_FIELDS (widget);
  g_autofree gint64 *ids = g_new0 (gint64, self->fields->len + 1);
  g_autoptr(GError) error = NULL;
  guint position = G_MAXUINT, other;
  gint64 id, swap;
  int delta;

  g_variant_get (parameter, "(xi)", &id, &delta);
  for (guint i = 0; i < self->fields->len; i++)
    {
      ids[i] = ((AffariCustomField *) g_ptr_array_index (self->fields, i))->id;
      if (ids[i] == id)
        position = i;
    }
  if (position == G_MAXUINT || (delta < 0 && position == 0) || (delta > 0 && position + 1 >= self->fields->len))
    return;
  other = delta < 0 ? position - 1 : position + 1;
  swap = ids[position];
  ids[position] = ids[other];
  ids[other] = swap;
  if (!affari_workspace_reorder_custom_fields (self->workspace, ids, self->fields->len, &error))
    affari_settings_toast (widget, error->message);
}

static void
on_delete_response_cb (AdwMessageDialog     *dialog,
                       const char           *response,
                       AffariSettingsFields *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "affari-field-id"));

  if (g_str_equal (response, "delete") && !affari_workspace_delete_custom_field (self->workspace, id, &error))
    affari_settings_toast (GTK_WIDGET (self), error->message);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AffariSettingsFields *self = AFFARI_SETTINGS_FIELDS (widget);
  AffariCustomField *field = find_field (self, g_variant_get_int64 (parameter));
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (field == NULL)
    return;
  heading = g_strdup_printf (_("Delete the Field “%s”?"), field->label);
  dialog = affari_settings_dialog_new (widget, heading,
                                       _("Its values are deleted from every deal. This cannot be undone."),
                                       "delete", _("_Delete"), ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data (G_OBJECT (dialog), "affari-field-id", GSIZE_TO_POINTER (field->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------ overrides */

static void
affari_settings_fields_dispose (GObject *object)
{
  AffariSettingsFields *self = AFFARI_SETTINGS_FIELDS (object);

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_object (&self->workspace);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_SETTINGS_FIELDS);

  G_OBJECT_CLASS (affari_settings_fields_parent_class)->dispose (object);
}

static void
affari_settings_fields_class_init (AffariSettingsFieldsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_settings_fields_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/affari/Affari/ui/affari-settings-fields.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariSettingsFields, group);
  gtk_widget_class_bind_template_child (widget_class, AffariSettingsFields, empty);

  gtk_widget_class_install_action (widget_class, "fields.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "fields.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "fields.move", "(xi)", move_action);
  gtk_widget_class_install_action (widget_class, "fields.delete", "x", delete_action);
}

static void
affari_settings_fields_init (AffariSettingsFields *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_settings_fields_new (AffariWorkspace *workspace)
{
  AffariSettingsFields *self;

  g_return_val_if_fail (AFFARI_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (AFFARI_TYPE_SETTINGS_FIELDS, NULL);
  self->workspace = g_object_ref (workspace);
  g_signal_connect (workspace, "settings-changed::custom-fields", G_CALLBACK (on_workspace_changed_cb), self);
  rebuild (self);
  return GTK_WIDGET (self);
}
