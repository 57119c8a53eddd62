/* affari-import-b24csv.c — Bitrix24's deal CSV export into the database
 *
 * The whole file is read and split into rows first (a stray quote or a truncated field refuses the
 * file before anything is written), then one transaction (affari_deal_ops_create_many) makes the
 * deals, each from the lines sharing its ID. A deal that cannot be imported is refused with its
 * line number and the reason; the rest goes in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "affari-import-b24csv.h"
#include "affari-import-b24-private.h"
#include "model/affari-company.h"
#include "model/affari-contact.h"
#include "model/affari-deal.h"
#include "model/affari-error.h"
#include "model/affari-money.h"
#include "model/affari-pipeline.h"
#include "model/affari-product-row.h"
#include "model/affari-stage.h"
#include "store/affari-store-import.h"
#include "store/affari-store-import-csv.h"

#define ORIGINATOR "bitrix24"

typedef enum {
  F_ID, F_TITLE, F_STAGE, F_PIPELINE, F_AMOUNT, F_CURRENCY, F_COMPANY, F_CONTACT, F_BEGIN, F_CLOSE,
  F_COMMENTS, F_PRODUCT, F_PRICE, F_QUANTITY, N_FIELDS
} Field;

/* Column titles as Bitrix24 writes them (English, Italian) and the raw field codes. */
static const struct { Field field; const char *title; } synonyms[] = {
  { F_ID, "ID" },
  { F_TITLE, "TITLE" }, { F_TITLE, "Deal Name" }, { F_TITLE, "Nome affare" }, { F_TITLE, "Nome della trattativa" },
  { F_TITLE, "Titolo" },
  { F_STAGE, "STAGE_ID" }, { F_STAGE, "Stage" }, { F_STAGE, "Fase" },
  { F_PIPELINE, "CATEGORY_ID" }, { F_PIPELINE, "Pipeline" }, { F_PIPELINE, "Imbuto" },
  { F_AMOUNT, "OPPORTUNITY" }, { F_AMOUNT, "Income" }, { F_AMOUNT, "Importo" }, { F_AMOUNT, "Entrate" },
  { F_CURRENCY, "CURRENCY_ID" }, { F_CURRENCY, "Currency" }, { F_CURRENCY, "Valuta" },
  { F_COMPANY, "COMPANY_ID" }, { F_COMPANY, "Company" }, { F_COMPANY, "Azienda" }, { F_COMPANY, "Società" },
  { F_CONTACT, "CONTACT_ID" }, { F_CONTACT, "Contact" }, { F_CONTACT, "Contatto" },
  { F_BEGIN, "BEGINDATE" }, { F_BEGIN, "Start date" }, { F_BEGIN, "Data di inizio" },
  { F_CLOSE, "CLOSEDATE" }, { F_CLOSE, "Assumed close date" }, { F_CLOSE, "Data di chiusura prevista" },
  { F_COMMENTS, "COMMENTS" }, { F_COMMENTS, "Comment" }, { F_COMMENTS, "Commento" }, { F_COMMENTS, "Commenti" },
  { F_PRODUCT, "PRODUCT_ID" }, { F_PRODUCT, "Product" }, { F_PRODUCT, "Prodotto" },
  { F_PRICE, "PRODUCT_PRICE" }, { F_PRICE, "Price" }, { F_PRICE, "Prezzo" },
  { F_QUANTITY, "PRODUCT_QUANTITY" }, { F_QUANTITY, "Quantity" }, { F_QUANTITY, "Quantità" },
};

/* Currency names Bitrix24 writes (CCrmCurrency::GetCurrencyName) and their codes. */
static const struct { const char *name; const char *code; } currency_names[] = {
  { "Euro", "EUR" }, { "US Dollar", "USD" }, { "Dollaro USA", "USD" }, { "Dollaro statunitense", "USD" },
  { "British Pound Sterling", "GBP" }, { "Sterlina britannica", "GBP" }, { "Swiss Franc", "CHF" },
  { "Franco svizzero", "CHF" }, { "Russian Ruble", "RUB" }, { "Rublo russo", "RUB" },
};

typedef struct {
  guint line;           /* where the row starts, 1 = the header */
  GPtrArray *cells;     /* char * */
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_ptr_array_unref (row->cells);
  g_free (row);
}

/* Splits @text into rows; quoted fields may hold ';', '""' and newlines. A ';' ends every field,
 * the last one too, so a line ending in ';' has no empty field after it. */
static GPtrArray *
csv_read (const char *text, GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  g_autoptr(GString) cell = g_string_new (NULL);
  const char *p = text;
  guint line = 1;

  if (g_str_has_prefix (p, "\xEF\xBB\xBF"))
    p += 3;
  while (*p != '\0')
    {
      Row *row;
      gboolean after_separator = FALSE;

      if (*p == '\n' || *p == '\r')
        {
          line += *p == '\n';
          p++;
          continue;
        }
      row = g_new0 (Row, 1);
      row->line = line;
      row->cells = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (rows, row);
      for (;;)
        {
          g_string_truncate (cell, 0);
          if (*p == '"')
            {
              guint opened = line;

              for (p++;; p++)
                {
                  if (*p == '\0')
                    {
                      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                                   _("Line %u: a quoted field is never closed: the file is truncated or has a stray quote."),
                                   opened);
                      return NULL;
                    }
                  if (*p == '"' && p[1] == '"')
                    p++;
                  else if (*p == '"')
                    break;
                  else if (*p == '\n')
                    line++;
                  g_string_append_c (cell, *p);
                }
              p++;
              if (*p != ';' && *p != '\n' && *p != '\r' && *p != '\0')
                {
                  g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                               _("Line %u: a stray quote inside a field: quotes in a value must be doubled (\"\")."), line);
                  return NULL;
                }
            }
          else
            {
              for (; *p != ';' && *p != '\n' && *p != '\r' && *p != '\0'; p++)
                {
                  if (*p == '"')
                    {
                      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                                   _("Line %u: a stray quote inside a field: quotes in a value must be doubled (\"\")."), line);
                      return NULL;
                    }
                  g_string_append_c (cell, *p);
                }
            }
          if (cell->len > 0 || !after_separator || *p == ';')
            g_ptr_array_add (row->cells, g_strstrip (g_strdup (cell->str)));
          if (*p != ';')
            break;
          p++;
          after_separator = TRUE;
          if (*p == '\n' || *p == '\r' || *p == '\0')
            break;
        }
    }
  return g_steal_pointer (&rows);
}

typedef struct {
  AffariStore *store;
  AffariImportReport *report;
  GPtrArray *rows;                    /* Row, the header first */
  int columns[N_FIELDS];              /* -1 = not in the file */
  GPtrArray *pipelines;               /* AffariPipeline */
  GHashTable *currencies;             /* codes the store knows */
  gboolean dry_run;
  GCancellable *cancellable;
  AffariImportProgress progress;
  gpointer progress_data;
} Import;

static const char *
cell (Import *imp, Row *row, Field field)
{
  int col = imp->columns[field];
  const char *text;

  if (col < 0 || (guint) col >= row->cells->len)
    return NULL;
  text = g_ptr_array_index (row->cells, col);
  return *text != '\0' ? text : NULL;
}

static void G_GNUC_PRINTF (4, 5)
say (GPtrArray *list, Row *row, const char *id, const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: "line 4, ID 12: the reason" */
  g_ptr_array_add (list, g_strdup_printf (_("line %u, ID %s: %s"), row->line, id != NULL ? id : "?", text));
}

/* "27/11/2026", "27.11.2026" or "2026-11-27", with or without a time after: "YYYY-MM-DD", NULL
 * when it is no day. */
static char *
parse_day (const char *text)
{
  unsigned a = 0, b = 0, c = 0;
  char sep1 = 0, sep2 = 0;
  int used = 0;
  guint d, m, y;

  if (sscanf (text, "%u%c%u%c%u%n", &a, &sep1, &b, &sep2, &c, &used) != 5 || sep1 != sep2
      || (text[used] != '\0' && text[used] != ' ' && text[used] != 'T'))
    return NULL;
  if (sep1 == '-' && a > 999)
    y = a, m = b, d = c;
  else if ((sep1 == '/' || sep1 == '.') && c > 999)
    d = a, m = b, y = c;
  else
    return NULL;
  if (y > 9999 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", y, m, d);
}

static const char *
currency_code (Import *imp, const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (currency_names); i++)
    if (g_ascii_strcasecmp (text, currency_names[i].name) == 0)
      return currency_names[i].code;
  return affari_currency_is_valid (text) ? text : NULL;
}

static gint64
find_pipeline (Import *imp, const char *name)
{
  for (guint i = 0; i < imp->pipelines->len; i++)
    {
      AffariPipeline *pipeline = g_ptr_array_index (imp->pipelines, i);
      if (name == NULL ? affari_pipeline_get_is_default (pipeline)
                       : g_utf8_collate (affari_pipeline_get_name (pipeline), name) == 0)
        return affari_pipeline_get_id (pipeline);
    }
  /* Bitrix24's default pipeline is "General" (category 0, as the folder import maps it), whatever
   * ours is called in this language; "Generale" is assumed for Italian portals. */
  if (name != NULL && (g_ascii_strcasecmp (name, "General") == 0 || g_ascii_strcasecmp (name, "Generale") == 0))
    return find_pipeline (imp, NULL);
  return 0;
}

/* The stage named @name of @pipeline_id, made (in progress, just before the won one) when the
 * pipeline has none of that name. */
static gint64
ensure_stage (Import *imp, Row *row, const char *id, gint64 pipeline_id, const char *name, GError **error)
{
  gboolean created;
  gint64 stage_id = affari_import_ensure_stage (imp->store, imp->report, pipeline_id, NULL, name, &created, error);

  if (created)
    say (imp->report->notes, row, id, _("the stage “%s” did not exist: it was created before the won stage"), name);
  return stage_id;
}

static gint64
ensure_company (Import *imp, const char *name, GError **error)
{
  g_autoptr(AffariCompany) company = NULL;
  gint64 company_id = affari_store_import_find_company_by_name (imp->store, name);

  if (company_id != 0)
    return company_id;
  company = affari_company_new (name);
  company_id = affari_store_create_company (imp->store, company, error);
  if (company_id != 0)
    imp->report->created[AFFARI_IMPORTED_COMPANY]++;
  return company_id;
}

static gint64
ensure_contact (Import *imp, const char *name, gint64 company_id, GError **error)
{
  g_autoptr(AffariContact) contact = NULL;
  g_autofree char *first = NULL;
  const char *space;
  gint64 contact_id = affari_store_import_find_contact_by_name (imp->store, name);

  if (contact_id != 0)
    return contact_id;
  /* Bitrix24 writes "Name Surname": the last word is the surname. */
  space = strrchr (name, ' ');
  first = space != NULL ? g_strndup (name, space - name) : g_strdup (name);
  contact = affari_contact_new (first, space != NULL ? space + 1 : "");
  g_object_set (contact, "company-id", company_id, NULL);
  contact_id = affari_store_create_contact (imp->store, contact, error);
  if (contact_id != 0)
    imp->report->created[AFFARI_IMPORTED_CONTACT]++;
  return contact_id;
}

/* @first..@last (exclusive) are the lines of one deal. */
static gboolean
import_deal (Import *imp, AffariDealOps *ops, guint first, guint last, GError **error)
{
  Row *row = g_ptr_array_index (imp->rows, first);
  const char *id = cell (imp, row, F_ID), *title = cell (imp, row, F_TITLE);
  const char *pipeline_name = cell (imp, row, F_PIPELINE), *stage_name = cell (imp, row, F_STAGE);
  const char *currency_text = cell (imp, row, F_CURRENCY), *currency = NULL;
  const char *company = cell (imp, row, F_COMPANY), *contact = cell (imp, row, F_CONTACT);
  g_autofree char *begin = NULL, *close = NULL, *comments = NULL;
  g_autoptr(GArray) products = g_array_new (FALSE, TRUE, sizeof (AffariProductRow));
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(GError) local = NULL;
  gint64 pipeline_id, stage_id, company_id = 0, contact_id = 0, amount = 0, deal_id;

  g_array_set_clear_func (products, (GDestroyNotify) affari_product_row_clear);
  if (affari_store_import_find_deal (imp->store, ORIGINATOR, id) != 0)
    {
      imp->report->existing[AFFARI_IMPORTED_DEAL]++;
      return TRUE;
    }
  if (title == NULL)
    {
      say (imp->report->refused, row, id, "%s", _("the deal has no title"));
      return TRUE;
    }
  pipeline_id = find_pipeline (imp, pipeline_name);
  if (pipeline_id == 0)
    {
      say (imp->report->refused, row, id, _("the pipeline “%s” does not exist: create it first or correct the file"),
           pipeline_name);
      return TRUE;
    }
  if (currency_text != NULL && (currency = currency_code (imp, currency_text)) == NULL)
    {
      say (imp->report->refused, row, id, _("“%s” is not a currency: write its code (EUR) or its name (Euro)"),
           currency_text);
      return TRUE;
    }
  for (guint i = first; i < last; i++)
    {
      Row *r = g_ptr_array_index (imp->rows, i);
      const char *product = cell (imp, r, F_PRODUCT), *text = cell (imp, r, F_AMOUNT);
      gint64 value = 0;

      if (text != NULL && !affari_money_parse_decimal (text, &value, NULL))
        {
          say (imp->report->refused, r, id, _("“%s” is not an amount: write it with a dot for decimals, as 1234.56"), text);
          return TRUE;
        }
      if (i == first || product != NULL)
        amount += value;
      if (product != NULL)
        {
          const char *price = cell (imp, r, F_PRICE), *quantity = cell (imp, r, F_QUANTITY);
          gint64 price_minor = 0, quantity_minor = 100;
          AffariProductRow p = { 0 };

          if ((price != NULL && !affari_money_parse_decimal (price, &price_minor, NULL))
              || (quantity != NULL && !affari_money_parse_decimal (quantity, &quantity_minor, NULL)))
            {
              say (imp->report->refused, r, id, _("“%s” has a price or a quantity that is not a number"), product);
              return TRUE;
            }
          p.name = g_strdup (product);
          p.quantity_milli = quantity_minor * 10;
          p.price_netto = price_minor;
          p.discount_type = 2;
          p.tax_rate_bp = -1;
          affari_product_row_compute (&p);
          g_array_append_val (products, p);
        }
    }
  if ((cell (imp, row, F_BEGIN) != NULL && (begin = parse_day (cell (imp, row, F_BEGIN))) == NULL)
      || (cell (imp, row, F_CLOSE) != NULL && (close = parse_day (cell (imp, row, F_CLOSE))) == NULL))
    {
      say (imp->report->refused, row, id, "%s", _("a date is not a day of the calendar: write it as 27/11/2026 or 2026-11-27"));
      return TRUE;
    }
  if (products->len > 0 && !affari_store_import_check_product_rows ((AffariProductRow *) (gpointer) products->data,
                                                                     products->len, &local))
    {
      say (imp->report->refused, row, id, "%s", local->message);
      return TRUE;
    }

  stage_id = stage_name != NULL ? ensure_stage (imp, row, id, pipeline_id, stage_name, error) : 0;
  if (stage_name != NULL && stage_id == 0)
    return FALSE;
  if (company != NULL && (company_id = ensure_company (imp, company, error)) == 0)
    return FALSE;
  if (contact != NULL && (contact_id = ensure_contact (imp, contact, company_id, error)) == 0)
    return FALSE;
  if (currency != NULL && !g_hash_table_contains (imp->currencies, currency))
    {
      if (!affari_store_add_currency (imp->store, currency, currency, error))
        return FALSE;
      g_hash_table_add (imp->currencies, g_strdup (currency));
    }

  comments = affari_b24_strip_bbcode (cell (imp, row, F_COMMENTS));
  deal = affari_deal_new ();
  affari_deal_set_title (deal, title);
  affari_deal_set_pipeline_id (deal, pipeline_id);
  if (stage_id != 0)
    affari_deal_set_stage_id (deal, stage_id);
  if (currency != NULL)
    affari_deal_set_currency (deal, currency);
  if (products->len == 0)
    affari_deal_set_amount (deal, amount);
  affari_deal_set_company_id (deal, company_id);
  affari_deal_set_begin_date (deal, begin);
  affari_deal_set_close_date (deal, close);
  affari_deal_set_comments (deal, comments != NULL && *comments != '\0' ? comments : NULL);
  affari_deal_set_originator_id (deal, ORIGINATOR);
  affari_deal_set_origin_id (deal, id);
  if (!affari_deal_ops_add_created (ops, deal, &local))
    {
      if (g_error_matches (local, AFFARI_ERROR, AFFARI_ERROR_INVALID)
          || g_error_matches (local, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT))
        {
          say (imp->report->refused, row, id, "%s", local->message);
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  deal_id = affari_deal_get_id (deal);
  imp->report->created[AFFARI_IMPORTED_DEAL]++;
  if (contact_id != 0 && !affari_deal_ops_fill_contacts (ops, deal_id, &contact_id, 1, contact_id, error))
    return FALSE;
  if (products->len > 0)
    {
      if (!affari_deal_ops_fill_product_rows (ops, deal_id, (const AffariProductRow *) (gpointer) products->data,
                                              products->len, error))
        return FALSE;
      imp->report->created[AFFARI_IMPORTED_PRODUCT_ROW] += products->len;
    }
  return affari_store_import_add_event (imp->store, deal_id, affari_store_now (imp->store), "created",
                                        _("Imported from Bitrix24"), error);
}

static gboolean
build (AffariDealOps *ops, gpointer data, GError **error)
{
  Import *imp = data;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint total = imp->rows->len - 1;

  /* The lines of a deal follow each other (Bitrix24 writes them so); a line without ID is a deal
   * of its own. */
  for (guint i = 1; i < imp->rows->len;)
    {
      Row *row = g_ptr_array_index (imp->rows, i);
      const char *id = cell (imp, row, F_ID);
      guint end = i + 1;

      while (id != NULL && end < imp->rows->len
             && g_strcmp0 (cell (imp, g_ptr_array_index (imp->rows, end), F_ID), id) == 0)
        end++;
      if (id == NULL)
        say (imp->report->refused, row, id, "%s", _("the line has no ID: Bitrix24's export always writes it"));
      else if (g_hash_table_contains (seen, id))
        say (imp->report->refused, row, id, "%s", _("the ID appears again after other deals: each deal's lines must follow each other"));
      else if (!import_deal (imp, ops, i, end, error))
        return FALSE;
      if (id != NULL)
        g_hash_table_add (seen, (gpointer) id);
      i = end;
      if (imp->progress != NULL)
        imp->progress (i - 1, total, imp->progress_data);
      if (g_cancellable_set_error_if_cancelled (imp->cancellable, error))
        return FALSE;
    }
  return affari_import_build_done (imp->dry_run, error);
}

static gboolean
read_header (Import *imp, GError **error)
{
  Row *header;
  gboolean any = FALSE;

  for (int f = 0; f < N_FIELDS; f++)
    imp->columns[f] = -1;
  if (imp->rows->len == 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                           _("The file is empty: export the deals from Bitrix24's deal list as CSV."));
      return FALSE;
    }
  header = g_ptr_array_index (imp->rows, 0);
  for (guint c = 0; c < header->cells->len; c++)
    for (guint s = 0; s < G_N_ELEMENTS (synonyms); s++)
      {
        g_autofree char *a = g_utf8_casefold (g_ptr_array_index (header->cells, c), -1);
        g_autofree char *b = g_utf8_casefold (synonyms[s].title, -1);
        if (g_str_equal (a, b) && imp->columns[synonyms[s].field] < 0)
          {
            imp->columns[synonyms[s].field] = c;
            any = TRUE;
          }
      }
  if (!any || imp->columns[F_ID] < 0 || imp->columns[F_TITLE] < 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                           _("Line 1: the header has no ID or no deal name column: the first line must be the header of Bitrix24's deal export (ID, Deal Name, Stage…)."));
      return FALSE;
    }
  return TRUE;
}

AffariImportReport *
affari_import_b24csv (AffariStore        *store,
                      AffariDealOps      *ops,
                      const char         *path,
                      gboolean            dry_run,
                      GCancellable       *cancellable,
                      AffariImportProgress   progress,
                      gpointer            progress_data,
                      GError            **error)
{
  g_autoptr(AffariImportReport) report = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) pipelines = NULL;
  g_autoptr(GHashTable) codes = NULL;
  g_autofree char *text = NULL;
  gsize length;
  Import imp = { 0 };

  g_return_val_if_fail (AFFARI_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;
  if (strlen (text) != length || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                   _("“%s” is not UTF-8 text: export it again from Bitrix24 choosing UTF-8."), path);
      return NULL;
    }
  rows = csv_read (text, error);
  if (rows == NULL)
    return NULL;
  report = affari_import_report_new (dry_run);
  imp.store = store;
  imp.report = report;
  imp.rows = rows;
  imp.dry_run = dry_run;
  imp.cancellable = cancellable;
  imp.progress = progress;
  imp.progress_data = progress_data;
  if (!read_header (&imp, error)
      || (pipelines = affari_store_list_pipelines (store, error)) == NULL
      || (codes = affari_import_currency_codes (store, error)) == NULL)
    return NULL;
  imp.pipelines = pipelines;
  imp.currencies = codes;
  if (!affari_import_run_build (ops, build, &imp, _("Import from Bitrix24"), dry_run, error))
    return NULL;
  return g_steal_pointer (&report);
}
