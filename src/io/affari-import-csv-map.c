/* affari-import-csv-map.c — which column of a CSV file holds which field, and how its numbers are
 * written
 *
 * A header is compared with the synonyms after folding both (case, spaces, dots and dashes do not
 * count: "E-mail", "email", "P. IVA" and "piva" are found alike). A mapping the person confirmed
 * is remembered under a checksum of the exact header, so the next export of the same system is
 * read the same way without asking.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "affari-import-csv.h"
#include "affari-import-csv-private.h"
#include "model/affari-error.h"
#include "model/affari-money.h"

#define MAPPING_VERSION "1"
#define SNIFF_ROWS 200

static const char * const keys[AFFARI_CSV_N_FIELDS] = {
  "ignore", "title", "amount", "currency", "pipeline", "stage", "company", "contact", "email", "phone",
  "vat", "begin_date", "close_date", "source", "type", "responsible", "comments",
};

/* Italian and English words people put in headers, Bitrix24's titles and its raw field codes. */
static const struct { AffariCsvField field; const char *names; } synonyms[] = {
  { AFFARI_CSV_TITLE, "titolo|nome affare|nome della trattativa|trattativa|affare|nome opportunità|opportunità|"
                      "oggetto|deal|deal name|deal title|title|opportunity|opportunity name|subject|TITLE" },
  { AFFARI_CSV_AMOUNT, "importo|valore|ammontare|totale|entrate|importo previsto|valore affare|imponibile|"
                       "amount|value|total|income|revenue|deal value|opportunity amount|OPPORTUNITY" },
  { AFFARI_CSV_CURRENCY, "valuta|divisa|moneta|currency|currency code|CURRENCY_ID" },
  { AFFARI_CSV_PIPELINE, "pipeline|imbuto|processo di vendita|funnel|sales pipeline|CATEGORY_ID" },
  { AFFARI_CSV_STAGE, "fase|stato|stadio|fase affare|fase di vendita|stage|deal stage|status|sales stage|STAGE_ID" },
  { AFFARI_CSV_COMPANY, "azienda|società|ragione sociale|cliente|impresa|ditta|organizzazione|nome azienda|"
                        "company|company name|organization|organisation|account|account name|client|customer|"
                        "COMPANY_ID|COMPANY_TITLE" },
  { AFFARI_CSV_CONTACT, "contatto|referente|persona|persona di contatto|nome contatto|nome e cognome|"
                        "contact|contact name|contact person|person|full name|CONTACT_ID|FULL_NAME" },
  { AFFARI_CSV_EMAIL, "email|e-mail|posta elettronica|indirizzo email|mail|email address|EMAIL" },
  { AFFARI_CSV_PHONE, "telefono|tel|cellulare|cell|numero di telefono|phone|telephone|mobile|phone number|PHONE" },
  { AFFARI_CSV_VAT, "partita iva|p. iva|p.iva|piva|vat|vat number|vat id|vat no|tax id|VAT_ID" },
  { AFFARI_CSV_BEGIN_DATE, "data di inizio|data inizio|inizio|data creazione|data di creazione|creato il|data|"
                           "start date|begin date|created|created on|date created|date|BEGINDATE" },
  { AFFARI_CSV_CLOSE_DATE, "data di chiusura|data chiusura|chiusura|data di chiusura prevista|data chiusura prevista|chiusura prevista|"
                           "scadenza|data prevista|close date|closing date|expected close date|"
                           "assumed close date|CLOSEDATE" },
  { AFFARI_CSV_SOURCE, "fonte|origine|provenienza|canale|source|lead source|deal source|SOURCE_ID" },
  { AFFARI_CSV_TYPE, "tipo|tipologia|tipo affare|type|deal type|TYPE_ID" },
  { AFFARI_CSV_RESPONSIBLE, "responsabile|commerciale|venditore|assegnato a|agente|referente interno|"
                            "responsible|owner|deal owner|assigned to|salesperson|sales rep|ASSIGNED_BY_ID" },
  { AFFARI_CSV_COMMENTS, "commenti|commento|note|nota|descrizione|comments|comment|notes|description|COMMENTS" },
};

const char *
affari_csv_field_label (AffariCsvField field)
{
  switch (field)
    {
    case AFFARI_CSV_IGNORE: return C_("csv field", "Do not import");
    case AFFARI_CSV_TITLE: return C_("csv field", "Title");
    case AFFARI_CSV_AMOUNT: return C_("csv field", "Amount");
    case AFFARI_CSV_CURRENCY: return C_("csv field", "Currency");
    case AFFARI_CSV_PIPELINE: return C_("csv field", "Pipeline");
    case AFFARI_CSV_STAGE: return C_("csv field", "Stage");
    case AFFARI_CSV_COMPANY: return C_("csv field", "Company");
    case AFFARI_CSV_CONTACT: return C_("csv field", "Contact");
    case AFFARI_CSV_EMAIL: return C_("csv field", "E-mail");
    case AFFARI_CSV_PHONE: return C_("csv field", "Phone");
    case AFFARI_CSV_VAT: return C_("csv field", "VAT number");
    case AFFARI_CSV_BEGIN_DATE: return C_("csv field", "Start date");
    case AFFARI_CSV_CLOSE_DATE: return C_("csv field", "Close date");
    case AFFARI_CSV_SOURCE: return C_("csv field", "Source");
    case AFFARI_CSV_TYPE: return C_("csv field", "Type");
    case AFFARI_CSV_RESPONSIBLE: return C_("csv field", "Responsible");
    case AFFARI_CSV_COMMENTS: return C_("csv field", "Comments");
    case AFFARI_CSV_N_FIELDS:
    default: g_return_val_if_reached ("");
    }
}

const char *
affari_csv_field_key (AffariCsvField field)
{
  g_return_val_if_fail ((guint) field < AFFARI_CSV_N_FIELDS, "");
  return keys[field];
}

int
affari_csv_field_from_key (const char *key)
{
  g_return_val_if_fail (key != NULL, -1);

  for (int f = 0; f < AFFARI_CSV_N_FIELDS; f++)
    if (g_ascii_strcasecmp (key, keys[f]) == 0)
      return f;
  return -1;
}

/* Lower case, letters and digits only: the words of a header without its punctuation. */
static char *
fold_header (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static AffariCsvField
field_for_header (const char *header)
{
  g_autofree char *folded = fold_header (header);

  if (*folded == '\0')
    return AFFARI_CSV_IGNORE;
  for (guint s = 0; s < G_N_ELEMENTS (synonyms); s++)
    {
      g_auto(GStrv) names = g_strsplit (synonyms[s].names, "|", -1);

      for (guint n = 0; names[n] != NULL; n++)
        {
          g_autofree char *name = fold_header (names[n]);

          if (g_str_equal (name, folded))
            return synonyms[s].field;
        }
    }
  return AFFARI_CSV_IGNORE;
}

/* Whether @text is a number written with @dec for decimals and @group between thousands: digits
 * in groups of three after the first, at most two decimals. */
static gboolean
written_with (const char *text, char dec, char group)
{
  const char *p = text;
  guint digits = 0, groups = 0;

  if (*p == '-' || *p == '+')
    p++;
  for (; g_ascii_isdigit (*p) || *p == group; p++)
    {
      if (*p != group)
        {
          digits++;
          continue;
        }
      if (digits == 0 || digits > 3 || (groups > 0 && digits != 3))
        return FALSE;
      groups++;
      digits = 0;
    }
  if (digits == 0 || (groups > 0 && digits != 3))
    return FALSE;
  if (*p == dec)
    {
      const char *frac = ++p;

      while (g_ascii_isdigit (*p))
        p++;
      if (p == frac || p - frac > 2)
        return FALSE;
    }
  return *p == '\0';
}

/* @text without spaces and currency signs around or inside it ("€ 1.234,56", "1 234,56 EUR"). */
static char *
bare_number (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x20AC || c == '$' || c == 0x00A3)
        continue;
      g_string_append_unichar (out, c);
    }
  if (g_str_has_suffix (out->str, "EUR") || g_str_has_suffix (out->str, "USD")
      || g_str_has_suffix (out->str, "GBP") || g_str_has_suffix (out->str, "CHF"))
    g_string_truncate (out, out->len - 3);
  return g_string_free (out, FALSE);
}

AffariCsvAmount
affari_csv_parse_amount (const char *text, gboolean decimal_comma, gint64 *minor)
{
  g_autofree char *bare = bare_number (text);
  char dec = decimal_comma ? ',' : '.', group = decimal_comma ? '.' : ',';
  GString *machine;
  gboolean ok;

  *minor = 0;
  if (!written_with (bare, dec, group))
    return written_with (bare, group, dec) ? AFFARI_CSV_AMOUNT_OTHER_FORMAT : AFFARI_CSV_AMOUNT_INVALID;
  machine = g_string_new (NULL);
  for (const char *p = bare; *p != '\0'; p++)
    if (*p == dec)
      g_string_append_c (machine, '.');
    else if (*p != group && *p != '+')
      g_string_append_c (machine, *p);
  ok = affari_money_parse_decimal (machine->str, minor, NULL);
  g_string_free (machine, TRUE);
  return ok ? AFFARI_CSV_AMOUNT_OK : AFFARI_CSV_AMOUNT_INVALID;
}

/* Decimal comma unless the amounts say otherwise; with no telling amount, what the separator
 * suggests (a spreadsheet saving CSV with ';' is one whose decimals are written with ','). */
static gboolean
guess_decimal_comma (const AffariCsvTable *table, int amount_column)
{
  guint comma = 0, dot = 0, rows = affari_csv_table_get_n_rows (table);

  for (guint r = 0; amount_column >= 0 && r < rows && r < SNIFF_ROWS; r++)
    {
      g_autofree char *bare = bare_number (affari_csv_table_get_cell (table, r, amount_column));
      gboolean as_comma = written_with (bare, ',', '.'), as_dot = written_with (bare, '.', ',');

      comma += as_comma && !as_dot;
      dot += as_dot && !as_comma;
    }
  if (comma != dot)
    return comma > dot;
  return affari_csv_table_get_separator (table) != ',';
}

static char *
setting_key (const AffariCsvTable *table)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *sum = NULL;

  for (guint c = 0; c < affari_csv_table_get_n_columns (table); c++)
    {
      g_string_append (all, affari_csv_table_get_header (table, c));
      g_string_append_c (all, '\n');
    }
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, all->str, all->len);
  return g_strconcat ("csv-mapping:", sum, NULL);
}

static AffariCsvMapping *
mapping_new (guint n_columns)
{
  AffariCsvMapping *mapping = g_new0 (AffariCsvMapping, 1);

  mapping->n_columns = n_columns;
  mapping->fields = g_new0 (AffariCsvField, MAX (n_columns, 1));
  return mapping;
}

/* "1|decimal comma|pipeline|key,key,…" as affari_csv_mapping_remember wrote it; NULL when the
 * setting is missing or does not fit the table. */
static AffariCsvMapping *
remembered (AffariStore *store, const AffariCsvTable *table)
{
  g_autofree char *key = setting_key (table);
  g_autofree char *value = affari_store_get_setting (store, key);
  g_auto(GStrv) parts = NULL, columns = NULL;
  g_autoptr(AffariCsvMapping) mapping = NULL;
  guint n = affari_csv_table_get_n_columns (table);

  if (value == NULL)
    return NULL;
  parts = g_strsplit (value, "|", 4);
  if (g_strv_length (parts) != 4 || !g_str_equal (parts[0], MAPPING_VERSION))
    return NULL;
  columns = g_strsplit (parts[3], ",", -1);
  if (g_strv_length (columns) != n)
    return NULL;
  mapping = mapping_new (n);
  mapping->decimal_comma = g_str_equal (parts[1], "1");
  mapping->pipeline_id = g_ascii_strtoll (parts[2], NULL, 10);
  for (guint c = 0; c < n; c++)
    {
      int field = affari_csv_field_from_key (columns[c]);
      mapping->fields[c] = field >= 0 ? (AffariCsvField) field : AFFARI_CSV_IGNORE;
    }
  return g_steal_pointer (&mapping);
}

/* Whether most filled cells of @column look like e-mail addresses. */
static gboolean
holds_emails (const AffariCsvTable *table, guint column)
{
  guint filled = 0, emails = 0, rows = affari_csv_table_get_n_rows (table);

  for (guint r = 0; r < rows && r < SNIFF_ROWS; r++)
    {
      const char *text = affari_csv_table_get_cell (table, r, column);

      filled += *text != '\0';
      emails += strchr (text, '@') != NULL && strchr (text, ' ') == NULL;
    }
  return filled > 0 && emails * 2 > filled;
}

AffariCsvMapping *
affari_csv_mapping_guess (AffariStore *store, const AffariCsvTable *table)
{
  g_autoptr(AffariCsvMapping) mapping = NULL;
  gboolean used[AFFARI_CSV_N_FIELDS] = { FALSE };
  guint n;
  int amount_column = -1;

  g_return_val_if_fail (AFFARI_IS_STORE (store), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  mapping = remembered (store, table);
  if (mapping != NULL)
    return g_steal_pointer (&mapping);
  n = affari_csv_table_get_n_columns (table);
  mapping = mapping_new (n);
  /* The first column with a name wins it; a second "Note" is left out rather than mixed in. */
  for (guint c = 0; c < n; c++)
    {
      AffariCsvField field = field_for_header (affari_csv_table_get_header (table, c));

      if (field != AFFARI_CSV_IGNORE && !used[field])
        {
          mapping->fields[c] = field;
          used[field] = TRUE;
          if (field == AFFARI_CSV_AMOUNT)
            amount_column = c;
        }
    }
  for (guint c = 0; c < n && !used[AFFARI_CSV_EMAIL]; c++)
    if (mapping->fields[c] == AFFARI_CSV_IGNORE && holds_emails (table, c))
      {
        mapping->fields[c] = AFFARI_CSV_EMAIL;
        used[AFFARI_CSV_EMAIL] = TRUE;
      }
  mapping->decimal_comma = guess_decimal_comma (table, amount_column);
  return g_steal_pointer (&mapping);
}

gboolean
affari_csv_mapping_remember (AffariStore *store, const AffariCsvTable *table, const AffariCsvMapping *mapping,
                             GError **error)
{
  g_autofree char *key = NULL;
  g_autoptr(GString) value = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (store), FALSE);
  g_return_val_if_fail (table != NULL && mapping != NULL, FALSE);
  g_return_val_if_fail (mapping->n_columns == affari_csv_table_get_n_columns (table), FALSE);

  key = setting_key (table);
  value = g_string_new (NULL);
  g_string_append_printf (value, MAPPING_VERSION "|%d|%" G_GINT64_FORMAT "|", mapping->decimal_comma ? 1 : 0,
                          mapping->pipeline_id);
  for (guint c = 0; c < mapping->n_columns; c++)
    g_string_append_printf (value, "%s%s", c > 0 ? "," : "", affari_csv_field_key (mapping->fields[c]));
  return affari_store_set_setting (store, key, value->str, error);
}

AffariCsvMapping *
affari_csv_mapping_copy (const AffariCsvMapping *mapping)
{
  AffariCsvMapping *copy;

  g_return_val_if_fail (mapping != NULL, NULL);

  copy = mapping_new (mapping->n_columns);
  memcpy (copy->fields, mapping->fields, mapping->n_columns * sizeof (AffariCsvField));
  copy->decimal_comma = mapping->decimal_comma;
  copy->pipeline_id = mapping->pipeline_id;
  return copy;
}

void
affari_csv_mapping_free (AffariCsvMapping *mapping)
{
  if (mapping == NULL)
    return;
  g_free (mapping->fields);
  g_free (mapping);
}
