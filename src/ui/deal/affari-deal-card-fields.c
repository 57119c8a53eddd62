/* affari-deal-card-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-card"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "model/affari-change-set.h"
#include "model/affari-money.h"

#include "ui/deal/affari-deal-card-fields.h"
#include "ui/deal/affari-deal-card-util.h"

typedef struct _FieldEditor FieldEditor;

struct _AffariDealCardFields
{
  AdwPreferencesGroup  parent_instance;

  AffariWorkspace     *workspace;
  AffariDealOps       *ops;         /* the window's: the values of an existing deal */
  AffariDeal          *deal;
  GPtrArray           *fields;      /* AffariCustomField */
  GPtrArray           *editors;     /* FieldEditor, one per field */
  GPtrArray           *rows;        /* widgets added to the group */
  gboolean             loading;
};

struct _FieldEditor
{
  AffariDealCardFields *self;
  AffariCustomField    *field;      /* owned by self->fields */
  GtkWidget            *row;        /* AdwEntryRow, AdwActionRow (switch) or AdwComboRow */
  GtkSwitch            *toggle;     /* booleans */
  AdwActionRow         *error_row;
  gboolean              dirty;      /* changed by the user, not saved */
};

G_DEFINE_FINAL_TYPE (AffariDealCardFields, affari_deal_card_fields, ADW_TYPE_PREFERENCES_GROUP)

static gboolean save_editor (FieldEditor *editor, gboolean created);

/* ------------------------------------------------------------ auxiliary */

static gint64
deal_id (AffariDealCardFields *self)
{
  return self->deal != NULL ? affari_deal_get_id (self->deal) : 0;
}

static gboolean
is_entry_kind (AffariFieldKind kind)
{
  return kind != AFFARI_FIELD_BOOLEAN && kind != AFFARI_FIELD_ENUMERATION;
}

/* What the user typed, in the machine form the workspace wants; NULL for "no value". */
static char *
editor_value (FieldEditor  *editor,
              GError      **error)
{
  AffariCustomField *field = editor->field;
  g_autofree char *text = NULL;

  switch (field->kind)
    {
    case AFFARI_FIELD_BOOLEAN:
      return g_strdup (gtk_switch_get_active (editor->toggle) ? "1" : "0");

    case AFFARI_FIELD_ENUMERATION:
      {
        guint position = adw_combo_row_get_selected (ADW_COMBO_ROW (editor->row));

        /* Item 0 is "none". */
        if (position == 0 || position == GTK_INVALID_LIST_POSITION || position > field->items->len)
          return NULL;
        return g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (field->items, AffariFieldItem, position - 1).id);
      }

    case AFFARI_FIELD_STRING:
    case AFFARI_FIELD_DOUBLE:
    case AFFARI_FIELD_MONEY:
    case AFFARI_FIELD_DATE:
    case AFFARI_FIELD_URL:
    default:
      break;
    }

  text = affari_card_dup_text (GTK_EDITABLE (editor->row));
  if (*text == '\0')
    return NULL;

  switch (field->kind)
    {
    case AFFARI_FIELD_DOUBLE:
      {
        g_autoptr(GString) machine = g_string_new (NULL);
        gboolean comma = strchr (text, ',') != NULL;

        /* "1.234,5" and "1234.5" are both numbers; spaces group digits. */
        for (const char *p = text; *p != '\0'; p++)
          {
            if (*p == ' ' || (comma && *p == '.'))
              continue;
            g_string_append_c (machine, *p == ',' ? '.' : *p);
          }
        {
          char *end = NULL;

          g_ascii_strtod (machine->str, &end);
          if (machine->len == 0 || end == NULL || *end != '\0' || !(g_ascii_isdigit (machine->str[0]) || machine->str[0] == '-' || machine->str[0] == '.'))
            {
              g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                           _("“%s” is not a number: write it as 12 or 12,5"), text);
              return NULL;
            }
        }
        return g_string_free (g_steal_pointer (&machine), FALSE);
      }

    case AFFARI_FIELD_MONEY:
      {
        g_autofree char *decimal = NULL;
        gint64 minor;

        if (!affari_money_parse (text, &minor, error))
          return NULL;
        decimal = affari_money_to_decimal (minor);
        return g_strdup_printf ("%s|%s", decimal,
                                affari_deal_get_currency (editor->self->deal) != NULL ? affari_deal_get_currency (editor->self->deal) : "EUR");
      }

    case AFFARI_FIELD_DATE:
      return affari_date_parse (text, error);

    case AFFARI_FIELD_URL:
      /* "example.com" means the web site. */
      if (strstr (text, "://") == NULL && !g_str_has_prefix (text, "mailto:"))
        return g_strconcat ("https://", text, NULL);
      return g_steal_pointer (&text);

    case AFFARI_FIELD_STRING:
    case AFFARI_FIELD_BOOLEAN:
    case AFFARI_FIELD_ENUMERATION:
    default:
      return g_steal_pointer (&text);
    }
}

/* The stored @value as the row's widget shows it. */
static void
editor_fill (FieldEditor *editor,
             const char  *value,
             gboolean     force)
{
  AffariCustomField *field = editor->field;

  /* Esc takes back an edit by marking the entry clean (affari-deal-card.c): then it is refilled. */
  if (!force && (is_entry_kind (field->kind) ? affari_card_is_dirty (GTK_EDITABLE (editor->row)) : editor->dirty))
    return;

  switch (field->kind)
    {
    case AFFARI_FIELD_BOOLEAN:
      gtk_switch_set_active (editor->toggle, g_strcmp0 (value, "1") == 0);
      break;

    case AFFARI_FIELD_ENUMERATION:
      {
        gint64 item_id = value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;
        guint position = 0;

        for (guint i = 0; i < field->items->len; i++)
          if (g_array_index (field->items, AffariFieldItem, i).id == item_id)
            position = i + 1;
        adw_combo_row_set_selected (ADW_COMBO_ROW (editor->row), position);
        break;
      }

    case AFFARI_FIELD_MONEY:
      {
        g_auto(GStrv) parts = value != NULL ? g_strsplit (value, "|", 2) : NULL;
        g_autofree char *text = NULL;
        gint64 minor;

        if (parts != NULL && parts[0] != NULL && affari_money_parse_decimal (parts[0], &minor, NULL))
          text = affari_money_format (minor, NULL);
        affari_card_set_text (GTK_EDITABLE (editor->row), text);
        break;
      }

    case AFFARI_FIELD_STRING:
    case AFFARI_FIELD_DOUBLE:
    case AFFARI_FIELD_DATE:
    case AFFARI_FIELD_URL:
    default:
      {
        g_autofree char *text = affari_custom_field_format_value (field, value);

        affari_card_set_text (GTK_EDITABLE (editor->row), text);
        break;
      }
    }
  affari_card_set_field_error (editor->row, editor->error_row, NULL);
  editor->dirty = FALSE;
}

/* @created: the deal was just created, what was typed before is part of its creation (a workspace
 * write like the create, not a change on the history). */
static gboolean
save_editor (FieldEditor *editor,
             gboolean     created)
{
  AffariDealCardFields *self = editor->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  g_autofree char *value = NULL;
  gboolean ok;

  value = editor_value (editor, &error);
  if (error == NULL && value == NULL && editor->field->mandatory)
    g_set_error (&error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("%s cannot be empty"), editor->field->label);
  if (error != NULL)
    {
      /* The typed text stays, red, with the reason. */
      affari_card_set_field_error (editor->row, editor->error_row, error->message);
      editor->dirty = TRUE;
      return FALSE;
    }
  if (deal_id (self) == 0)
    {
      /* Saved once the deal exists (card.create applies what is pending). */
      editor->dirty = TRUE;
      return TRUE;
    }
  if (created)
    ok = affari_deal_ops_fill_field_value (self->ops, deal_id (self), editor->field->id, value, &error);
  else
    ok = (set = affari_deal_ops_set_field_value (self->ops, deal_id (self), editor->field->id, value, &error)) != NULL;
  if (!ok)
    {
      affari_card_set_field_error (editor->row, editor->error_row, error->message);
      editor->dirty = TRUE;
      return FALSE;
    }
  affari_card_set_field_error (editor->row, editor->error_row, NULL);
  if (is_entry_kind (editor->field->kind))
    affari_card_set_clean (GTK_EDITABLE (editor->row));
  editor->dirty = FALSE;
  return TRUE;
}

/* ------------------------------------------------------------ callbacks */

static void
on_entry_applied_cb (GtkWidget   *row,
                     FieldEditor *editor)
{
  save_editor (editor, FALSE);
}

static void
on_entry_changed_cb (GtkEditable *editable,
                     FieldEditor *editor)
{
  if (!editor->self->loading && affari_card_is_dirty (editable))
    editor->dirty = TRUE;
}

static void
on_choice_changed_cb (GObject     *object,
                      GParamSpec  *pspec,
                      FieldEditor *editor)
{
  if (editor->self->loading)
    return;
  editor->dirty = TRUE;
  save_editor (editor, FALSE);
}

static void
on_open_clicked_cb (GtkButton   *button,
                    FieldEditor *editor)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = editor_value (editor, &error);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  if (uri != NULL)
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

/* ------------------------------------------------------------ building */

static void
add_row (AffariDealCardFields *self,
         GtkWidget            *row)
{
  affari_card_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
}

static FieldEditor *
editor_new (AffariDealCardFields *self,
            AffariCustomField    *field)
{
  FieldEditor *editor = g_new0 (FieldEditor, 1);
  g_autofree char *title = field->mandatory ? g_strdup_printf ("%s *", field->label) : g_strdup (field->label);

  editor->self = self;
  editor->field = field;

  switch (field->kind)
    {
    case AFFARI_FIELD_BOOLEAN:
      editor->row = adw_action_row_new ();
      editor->toggle = GTK_SWITCH (gtk_switch_new ());
      gtk_widget_set_valign (GTK_WIDGET (editor->toggle), GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (editor->toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, field->label, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (editor->row), GTK_WIDGET (editor->toggle));
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (editor->row), GTK_WIDGET (editor->toggle));
      g_signal_connect (editor->toggle, "notify::active", G_CALLBACK (on_choice_changed_cb), editor);
      break;

    case AFFARI_FIELD_ENUMERATION:
      {
        g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);

        gtk_string_list_append (items, _("None"));
        for (guint i = 0; i < field->items->len; i++)
          gtk_string_list_append (items, g_array_index (field->items, AffariFieldItem, i).value);
        editor->row = adw_combo_row_new ();
        adw_combo_row_set_model (ADW_COMBO_ROW (editor->row), G_LIST_MODEL (items));
        g_signal_connect (editor->row, "notify::selected", G_CALLBACK (on_choice_changed_cb), editor);
        break;
      }

    case AFFARI_FIELD_STRING:
    case AFFARI_FIELD_DOUBLE:
    case AFFARI_FIELD_MONEY:
    case AFFARI_FIELD_DATE:
    case AFFARI_FIELD_URL:
    default:
      editor->row = adw_entry_row_new ();
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (editor->row), TRUE);
      affari_card_track_edits (GTK_EDITABLE (editor->row));
      g_signal_connect (editor->row, "apply", G_CALLBACK (on_entry_applied_cb), editor);
      g_signal_connect (editor->row, "entry-activated", G_CALLBACK (on_entry_applied_cb), editor);
      g_signal_connect (editor->row, "changed", G_CALLBACK (on_entry_changed_cb), editor);
      if (field->kind == AFFARI_FIELD_DOUBLE || field->kind == AFFARI_FIELD_MONEY)
        gtk_editable_set_alignment (GTK_EDITABLE (editor->row), 0);
      if (field->kind == AFFARI_FIELD_DATE)
        gtk_widget_set_tooltip_text (editor->row, _("Write the date as 27/11/2026"));
      if (field->kind == AFFARI_FIELD_URL)
        {
          GtkWidget *open = gtk_button_new_from_icon_name ("adw-external-link-symbolic");

          adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (editor->row), GTK_INPUT_PURPOSE_URL);
          gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (open, "flat");
          gtk_widget_set_tooltip_text (open, _("Open the Link"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open the Link"), -1);
          g_signal_connect (open, "clicked", G_CALLBACK (on_open_clicked_cb), editor);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (editor->row), open);
        }
      if (field->kind == AFFARI_FIELD_DOUBLE || field->kind == AFFARI_FIELD_MONEY)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (editor->row), GTK_INPUT_PURPOSE_NUMBER);
      break;
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (editor->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->row), title);
  g_object_set_data_full (G_OBJECT (editor->row), "affari-field-code", g_strdup (field->code), g_free);
  add_row (self, editor->row);

  editor->error_row = affari_card_error_row_new ();
  add_row (self, GTK_WIDGET (editor->error_row));
  return editor;
}

static void
clear_rows (AffariDealCardFields *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      /* The card layout may have placed the row in another section, or set it aside. */
      affari_card_group_remove (g_ptr_array_index (self->rows, i));
    }
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->editors, 0);
}

static gboolean
same_definitions (GPtrArray *a,
                  GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      AffariCustomField *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      if (x->id != y->id || x->kind != y->kind || x->mandatory != y->mandatory ||
          g_strcmp0 (x->label, y->label) != 0 || x->items->len != y->items->len)
        return FALSE;
      for (guint j = 0; j < x->items->len; j++)
        if (g_strcmp0 (g_array_index (x->items, AffariFieldItem, j).value,
                       g_array_index (y->items, AffariFieldItem, j).value) != 0)
          return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------ overrides */

static void
affari_deal_card_fields_dispose (GObject *object)
{
  AffariDealCardFields *self = AFFARI_DEAL_CARD_FIELDS (object);

  g_clear_pointer (&self->editors, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_object (&self->deal);
  g_clear_object (&self->ops);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (affari_deal_card_fields_parent_class)->dispose (object);
}

static void
affari_deal_card_fields_class_init (AffariDealCardFieldsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = affari_deal_card_fields_dispose;
}

static void
affari_deal_card_fields_init (AffariDealCardFields *self)
{
  self->editors = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Custom Fields"));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* ------------------------------------------------------------ public API */

void
affari_deal_card_fields_set_deal (AffariDealCardFields *self,
                                  AffariWorkspace      *workspace,
                                  AffariDeal           *deal)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GError) error = NULL;
  gboolean same_deal;

  g_return_if_fail (AFFARI_IS_DEAL_CARD_FIELDS (self));

  same_deal = self->deal != NULL && deal != NULL && affari_deal_get_id (self->deal) == affari_deal_get_id (deal) &&
              self->workspace == workspace;
  g_set_object (&self->workspace, workspace);
  g_set_object (&self->deal, deal);
  if (workspace == NULL)
    return;

  fields = affari_workspace_list_custom_fields (workspace, &error);
  if (fields == NULL)
    {
      g_warning ("Cannot list the custom fields: %s", error->message);
      return;
    }

  self->loading = TRUE;
  if (!same_definitions (fields, self->fields))
    {
      /* Defined or changed elsewhere: the rows follow (typed text of removed fields is gone). */
      clear_rows (self);
      g_clear_pointer (&self->fields, g_ptr_array_unref);
      self->fields = g_steal_pointer (&fields);
      for (guint i = 0; i < self->fields->len; i++)
        g_ptr_array_add (self->editors, editor_new (self, g_ptr_array_index (self->fields, i)));
      same_deal = FALSE;
    }

  if (deal_id (self) != 0)
    {
      values = affari_workspace_get_deal_field_values (workspace, deal_id (self), &error);
      if (values == NULL)
        g_warning ("Cannot read the custom fields: %s", error->message);
    }
  for (guint i = 0; i < self->editors->len; i++)
    {
      FieldEditor *editor = g_ptr_array_index (self->editors, i);
      const char *value = values != NULL ? g_hash_table_lookup (values, &editor->field->id) : NULL;

      editor_fill (editor, value, !same_deal);
    }
  self->loading = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self), self->editors->len > 0);
}

gboolean
affari_deal_card_fields_has_unsaved (AffariDealCardFields *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_FIELDS (self), FALSE);

  for (guint i = 0; i < self->editors->len; i++)
    {
      FieldEditor *editor = g_ptr_array_index (self->editors, i);

      if (editor->dirty || (is_entry_kind (editor->field->kind) && affari_card_is_dirty (GTK_EDITABLE (editor->row))))
        return TRUE;
    }
  return FALSE;
}

static gboolean
apply_pending (AffariDealCardFields *self,
               gboolean              created)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < self->editors->len; i++)
    {
      FieldEditor *editor = g_ptr_array_index (self->editors, i);

      if (editor->dirty || (is_entry_kind (editor->field->kind) && affari_card_is_dirty (GTK_EDITABLE (editor->row))))
        ok = save_editor (editor, created) && ok;
    }
  return ok;
}

gboolean
affari_deal_card_fields_apply_pending (AffariDealCardFields *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_FIELDS (self), FALSE);

  return apply_pending (self, FALSE);
}

gboolean
affari_deal_card_fields_save_created (AffariDealCardFields *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_FIELDS (self), FALSE);

  return apply_pending (self, TRUE);
}

void
affari_deal_card_fields_set_ops (AffariDealCardFields *self,
                                 AffariDealOps        *ops)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_FIELDS (self));

  g_set_object (&self->ops, ops);
}

void
affari_deal_card_fields_discard (AffariDealCardFields *self)
{
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(AffariWorkspace) workspace = NULL;

  g_return_if_fail (AFFARI_IS_DEAL_CARD_FIELDS (self));

  for (guint i = 0; i < self->editors->len; i++)
    ((FieldEditor *) g_ptr_array_index (self->editors, i))->dirty = FALSE;
  if (self->workspace == NULL)
    return;
  /* Shown again from the workspace, as on opening. */
  deal = self->deal != NULL ? g_object_ref (self->deal) : NULL;
  workspace = g_object_ref (self->workspace);
  g_clear_object (&self->deal);
  affari_deal_card_fields_set_deal (self, workspace, deal);
}

gboolean
affari_deal_card_fields_get_rows (AffariDealCardFields  *self,
                                  const char            *code,
                                  GtkWidget            **row,
                                  GtkWidget            **error_row)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_FIELDS (self), FALSE);

  for (guint i = 0; i < self->editors->len; i++)
    {
      FieldEditor *editor = g_ptr_array_index (self->editors, i);

      if (g_strcmp0 (editor->field->code, code) == 0)
        {
          *row = editor->row;
          *error_row = GTK_WIDGET (editor->error_row);
          return TRUE;
        }
    }
  return FALSE;
}
