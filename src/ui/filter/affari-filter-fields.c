/* affari-filter-fields.c — the rows of the filter popover for the custom fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-filter-fields"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ui/filter/affari-filter-criteria.h"
#include "ui/filter/affari-filter-fields.h"

/* The controls of one custom field: a drop-down (list, yes/no), an entry (text, link) or two
 * entries "from" and "to" (number, money, date). */
typedef struct {
  AffariCustomField *field;
  GtkWidget         *first;
  GtkWidget         *second;
} FieldRow;

struct _AffariFilterFields
{
  GtkGrid      *grid;
  GtkSizeGroup *labels;
  GtkWidget    *apply;
  GArray       *rows;           /* FieldRow */
};

static void
field_row_clear (gpointer data)
{
  FieldRow *row = data;

  g_clear_pointer (&row->field, affari_custom_field_free);
}

static GtkDropDown *
drop_down_new (const char * const *labels, guint n)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, labels[i]);
  return GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL));
}

static GtkWidget *
field_entry_new (AffariFilterFields *self, const char *placeholder, const char *accessible)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_hexpand (entry, TRUE);
  g_signal_connect_object (entry, "activate", G_CALLBACK (gtk_widget_activate), self->apply, G_CONNECT_SWAPPED);
  return entry;
}

/* A bound typed in @entry in machine form in @out: NULL when empty; FALSE when wrong. */
static gboolean
read_bound (FieldRow *r, GtkWidget *entry, char **out, char **error_message)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GError) error = NULL;

  *out = NULL;
  gtk_widget_remove_css_class (entry, "error");
  if (*text == '\0')
    return TRUE;
  *out = affari_filter_criteria_parse_bound (r->field, text, &error);
  if (*out == NULL)
    {
      *error_message = g_strdup (error->message);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------ public API */

AffariFilterFields *
affari_filter_fields_new (GtkGrid *grid, GtkSizeGroup *labels, GtkWidget *apply)
{
  AffariFilterFields *self = g_new0 (AffariFilterFields, 1);

  /* all three are the popover's template children: they live as long as it does */
  self->grid = grid;
  self->labels = labels;
  self->apply = apply;
  self->rows = g_array_new (FALSE, TRUE, sizeof (FieldRow));
  g_array_set_clear_func (self->rows, field_row_clear);
  return self;
}

void
affari_filter_fields_free (AffariFilterFields *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->rows, g_array_unref);
  g_free (self);
}

guint
affari_filter_fields_reload (AffariFilterFields *self, AffariWorkspace *workspace)
{
  g_autoptr(GPtrArray) fields = affari_workspace_list_custom_fields (workspace, NULL);
  GtkWidget *child;
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  g_array_set_size (self->rows, 0);

  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      AffariCustomField *field = g_ptr_array_index (fields, i);
      FieldRow r = { NULL, NULL, NULL };
      g_autofree char *from_label = g_strdup_printf (_("%s from"), field->label);
      g_autofree char *to_label = g_strdup_printf (_("%s up to"), field->label);
      GtkWidget *control;
      GtkWidget *title;

      switch (field->kind)
        {
        case AFFARI_FIELD_ENUMERATION:
          {
            g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);

            gtk_string_list_append (items, _("Any"));
            for (guint k = 0; k < field->items->len; k++)
              gtk_string_list_append (items, g_array_index (field->items, AffariFieldItem, k).value);
            r.first = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&items)), NULL);
            control = r.first;
          }
          break;
        case AFFARI_FIELD_BOOLEAN:
          {
            const char *labels[] = { _("Any"), _("Yes"), _("No") };

            r.first = GTK_WIDGET (drop_down_new (labels, G_N_ELEMENTS (labels)));
            control = r.first;
          }
          break;
        case AFFARI_FIELD_STRING:
        case AFFARI_FIELD_URL:
          {
            g_autofree char *label = g_strdup_printf (_("%s contains"), field->label);

            r.first = field_entry_new (self, _("contains…"), label);
            control = r.first;
          }
          break;
        case AFFARI_FIELD_DOUBLE:
        case AFFARI_FIELD_MONEY:
        case AFFARI_FIELD_DATE:
        default:
          {
            gboolean date = field->kind == AFFARI_FIELD_DATE;

            /* Translators: placeholder of the lower bound of a date, e.g. 01/01/2026 */
            r.first = field_entry_new (self, date ? _("from (dd/mm/yyyy)") : _("from"), from_label);
            r.second = field_entry_new (self, date ? _("to (dd/mm/yyyy)") : _("to"), to_label);
            if (!date)
              {
                gtk_entry_set_input_purpose (GTK_ENTRY (r.first), GTK_INPUT_PURPOSE_NUMBER);
                gtk_entry_set_input_purpose (GTK_ENTRY (r.second), GTK_INPUT_PURPOSE_NUMBER);
              }
            control = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
            gtk_box_append (GTK_BOX (control), r.first);
            gtk_box_append (GTK_BOX (control), r.second);
          }
          break;
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (r.first), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      r.second != NULL ? from_label : field->label, -1);

      title = gtk_label_new (field->label);
      gtk_label_set_xalign (GTK_LABEL (title), 1);
      gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (title), 18);
      gtk_widget_set_tooltip_text (title, field->label);
      gtk_widget_add_css_class (title, "dim-label");
      gtk_size_group_add_widget (self->labels, title);
      gtk_widget_set_hexpand (control, TRUE);
      gtk_grid_attach (self->grid, title, 0, row, 1, 1);
      gtk_grid_attach (self->grid, control, 1, row, 1, 1);
      row++;

      r.field = g_ptr_array_steal_index (fields, i);
      g_ptr_array_insert (fields, i, NULL);
      g_array_append_val (self->rows, r);
    }
  return row;
}

void
affari_filter_fields_load (AffariFilterFields *self, const AffariDealQuery *filter)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *r = &g_array_index (self->rows, FieldRow, i);
      const AffariFieldCriterion *c = affari_deal_query_get_field_criterion (filter, r->field->id);

      switch (r->field->kind)
        {
        case AFFARI_FIELD_ENUMERATION:
          {
            guint selected = 0;

            for (guint k = 0; c != NULL && c->value != NULL && k < r->field->items->len; k++)
              if (g_array_index (r->field->items, AffariFieldItem, k).id == g_ascii_strtoll (c->value, NULL, 10))
                selected = k + 1;
            gtk_drop_down_set_selected (GTK_DROP_DOWN (r->first), selected);
          }
          break;
        case AFFARI_FIELD_BOOLEAN:
          gtk_drop_down_set_selected (GTK_DROP_DOWN (r->first), c == NULL ? 0 : g_strcmp0 (c->value, "1") == 0 ? 1 : 2);
          break;
        case AFFARI_FIELD_STRING:
        case AFFARI_FIELD_URL:
          gtk_editable_set_text (GTK_EDITABLE (r->first), c != NULL && c->value != NULL ? c->value : "");
          break;
        case AFFARI_FIELD_DOUBLE:
        case AFFARI_FIELD_MONEY:
        case AFFARI_FIELD_DATE:
        default:
          {
            g_autofree char *from = affari_filter_criteria_bound_text (r->field, c, c != NULL ? c->from : NULL);
            g_autofree char *to = affari_filter_criteria_bound_text (r->field, c, c != NULL ? c->to : NULL);

            gtk_editable_set_text (GTK_EDITABLE (r->first), from ? from : "");
            gtk_editable_set_text (GTK_EDITABLE (r->second), to ? to : "");
          }
          break;
        }
    }
}

gboolean
affari_filter_fields_read (AffariFilterFields    *self,
                           const AffariDealQuery *old,
                           AffariDealQuery       *q,
                           GtkWidget            **error_widget,
                           char                 **error_message)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *r = &g_array_index (self->rows, FieldRow, i);

      switch (r->field->kind)
        {
        case AFFARI_FIELD_ENUMERATION:
          {
            guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (r->first));

            if (selected > 0 && selected <= r->field->items->len)
              {
                g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                       g_array_index (r->field->items, AffariFieldItem, selected - 1).id);
                affari_deal_query_set_field_criterion (q, r->field->id, AFFARI_FIELD_MATCH_EQUALS, id, NULL, NULL);
              }
          }
          break;
        case AFFARI_FIELD_BOOLEAN:
          {
            guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (r->first));

            if (selected == 1 || selected == 2)
              affari_deal_query_set_field_criterion (q, r->field->id, AFFARI_FIELD_MATCH_FLAG,
                                                     selected == 1 ? "1" : "0", NULL, NULL);
          }
          break;
        case AFFARI_FIELD_STRING:
        case AFFARI_FIELD_URL:
          {
            g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (r->first))));

            if (*text != '\0')
              affari_deal_query_set_field_criterion (q, r->field->id, AFFARI_FIELD_MATCH_CONTAINS, text, NULL, NULL);
          }
          break;
        case AFFARI_FIELD_DOUBLE:
        case AFFARI_FIELD_MONEY:
        case AFFARI_FIELD_DATE:
        default:
          {
            g_autofree char *from = NULL, *to = NULL;
            AffariFieldMatch match = r->field->kind == AFFARI_FIELD_DATE ? AFFARI_FIELD_MATCH_DATE
                                   : r->field->kind == AFFARI_FIELD_MONEY ? AFFARI_FIELD_MATCH_MONEY
                                   : AFFARI_FIELD_MATCH_NUMBER;
            const AffariFieldCriterion *c = affari_deal_query_get_field_criterion (old, r->field->id);

            if (!read_bound (r, r->first, &from, error_message))
              {
                *error_widget = r->first;
                return FALSE;
              }
            if (!read_bound (r, r->second, &to, error_message))
              {
                *error_widget = r->second;
                return FALSE;
              }
            if (from != NULL && to != NULL &&
                (match == AFFARI_FIELD_MATCH_DATE ? strcmp (from, to) > 0 : g_ascii_strtod (from, NULL) > g_ascii_strtod (to, NULL)))
              {
                *error_widget = r->second;
                *error_message = g_strdup_printf (_("%s: the end of the range is before its start."), r->field->label);
                return FALSE;
              }
            if (from != NULL || to != NULL)
              affari_deal_query_set_field_criterion (q, r->field->id, match,
                                                     c != NULL && c->match == match ? c->value : NULL, from, to);
          }
          break;
        }
    }
  return TRUE;
}
