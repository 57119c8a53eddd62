/* affari-custom-field.c — user-defined deal fields (UF_CRM_*): kinds, items, display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "affari-custom-field.h"
#include "affari-i18n.h"
#include "affari-money.h"

static const char * const field_kinds[] = {
  [AFFARI_FIELD_STRING] = "string",
  [AFFARI_FIELD_DOUBLE] = "double",
  [AFFARI_FIELD_MONEY] = "money",
  [AFFARI_FIELD_DATE] = "date",
  [AFFARI_FIELD_BOOLEAN] = "boolean",
  [AFFARI_FIELD_ENUMERATION] = "enumeration",
  [AFFARI_FIELD_URL] = "url",
};

const char *
affari_field_kind_to_string (AffariFieldKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (field_kinds), "string");

  return field_kinds[kind];
}

gboolean
affari_field_kind_from_string (const char      *text,
                               AffariFieldKind *out_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_kinds); i++)
    if (g_strcmp0 (text, field_kinds[i]) == 0)
      {
        *out_kind = (AffariFieldKind) i;
        return TRUE;
      }
  return FALSE;
}

static void
field_item_clear (gpointer data)
{
  AffariFieldItem *item = data;

  g_clear_pointer (&item->value, g_free);
}

AffariCustomField *
affari_custom_field_new (void)
{
  AffariCustomField *field = g_new0 (AffariCustomField, 1);

  field->items = g_array_new (FALSE, TRUE, sizeof (AffariFieldItem));
  g_array_set_clear_func (field->items, field_item_clear);
  return field;
}

void
affari_custom_field_free (AffariCustomField *field)
{
  if (field == NULL)
    return;
  g_free (field->code);
  g_free (field->label);
  g_clear_pointer (&field->items, g_array_unref);
  g_free (field);
}

const char *
affari_custom_field_item_value (const AffariCustomField *field,
                                gint64                   item_id)
{
  for (guint i = 0; field->items != NULL && i < field->items->len; i++)
    if (g_array_index (field->items, AffariFieldItem, i).id == item_id)
      return g_array_index (field->items, AffariFieldItem, i).value;
  return NULL;
}

char *
affari_custom_field_format_value (const AffariCustomField *field,
                                  const char              *value)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (value == NULL || *value == '\0')
    return g_strdup ("");

  switch (field->kind)
    {
    case AFFARI_FIELD_DOUBLE:
      {
        double number = g_ascii_strtod (value, NULL);
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];
        char *comma;

        /* Shortest exact form, with the locale's decimal separator. */
        g_ascii_dtostr (buffer, sizeof buffer, number);
        comma = strchr (buffer, '.');
        if (comma != NULL && strcmp (localeconv ()->decimal_point, ",") == 0)
          *comma = ',';
        return g_strdup (buffer);
      }

    case AFFARI_FIELD_MONEY:
      {
        g_auto(GStrv) parts = g_strsplit (value, "|", 2);
        gint64 minor = 0;

        if (parts[0] == NULL || !affari_money_parse_decimal (parts[0], &minor, NULL))
          return g_strdup (value);
        return affari_money_format (minor, parts[1]);
      }

    case AFFARI_FIELD_DATE:
      return affari_date_format (value);

    case AFFARI_FIELD_BOOLEAN:
      return g_strdup (g_str_equal (value, "1") ? _("Yes") : _("No"));

    case AFFARI_FIELD_ENUMERATION:
      {
        const char *item = affari_custom_field_item_value (field, g_ascii_strtoll (value, NULL, 10));

        return g_strdup (item != NULL ? item : value);
      }

    case AFFARI_FIELD_STRING:
    case AFFARI_FIELD_URL:
    default:
      return g_strdup (value);
    }
}
