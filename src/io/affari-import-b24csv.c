/* affari-import-b24csv.c — Bitrix24's deal CSV export into the database
 *
 * The whole file is read as a table first (affari_csv_table_read: a stray quote or a truncated
 * field refuses the file before anything is written), then one transaction (affari_deal_ops_create_many) makes the
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
#include "affari-import-csv.h"
#include "affari-import-csv-private.h"
#include "model/affari-company.h"
#include "model/affari-contact.h"
#include "model/affari-deal.h"
#include "model/affari-error.h"
#include "model/affari-money.h"
#include "model/affari-pipeline.h"
#include "model/affari-product-row.h"
#include "model/affari-stage.h"
#include "store/affari-store-import.h"

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

typedef struct {
  AffariImportRun run;                /* store, report, dry run, progress, cancel */
  const AffariCsvTable *table;
  int columns[N_FIELDS];              /* -1 = not in the file */
  AffariImportPlaces *places;
  GHashTable *currencies;             /* codes the store knows */
} Import;

static const char *
cell (Import *imp, guint row, Field field)
{
  return affari_import_cell (imp->table, row, imp->columns[field]);
}

static void G_GNUC_PRINTF (5, 6)
say (Import *imp, GPtrArray *list, guint row, const char *id, const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: "line 4, ID 12: the reason" */
  g_ptr_array_add (list, g_strdup_printf (_("line %u, ID %s: %s"), affari_csv_table_get_line (imp->table, row), id != NULL ? id : "?", text));
}

/* @first..@last (exclusive) are the lines of one deal. */
static gboolean
import_deal (Import *imp, AffariDealOps *ops, guint first, guint last, GError **error)
{
  guint row = first;
  const char *id = cell (imp, row, F_ID), *title = cell (imp, row, F_TITLE);
  const char *pipeline_name = cell (imp, row, F_PIPELINE), *stage_name = cell (imp, row, F_STAGE);
  const char *currency_text = cell (imp, row, F_CURRENCY), *currency = NULL;
  const char *company = cell (imp, row, F_COMPANY), *contact = cell (imp, row, F_CONTACT);
  g_autofree char *begin = NULL, *close = NULL, *comments = NULL;
  g_autoptr(GArray) products = g_array_new (FALSE, TRUE, sizeof (AffariProductRow));
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(GError) local = NULL;
  gint64 pipeline_id, stage_id, company_id = 0, contact_id = 0, amount = 0, deal_id;
  gboolean made = FALSE;

  g_array_set_clear_func (products, (GDestroyNotify) affari_product_row_clear);
  if (affari_store_import_find_deal (imp->run.store, ORIGINATOR, id) != 0)
    {
      imp->run.report->existing[AFFARI_IMPORTED_DEAL]++;
      return TRUE;
    }
  if (title == NULL)
    {
      say (imp, imp->run.report->refused, row, id, "%s", _("the deal has no title"));
      return TRUE;
    }
  if (currency_text != NULL && (currency = affari_import_currency_code (currency_text)) == NULL)
    {
      say (imp, imp->run.report->refused, row, id, _("“%s” is not a currency: write its code (EUR) or its name (Euro)"),
           currency_text);
      return TRUE;
    }
  for (guint i = first; i < last; i++)
    {
      guint r = i;
      const char *product = cell (imp, r, F_PRODUCT), *text = cell (imp, r, F_AMOUNT);
      gint64 value = 0;

      if (text != NULL && !affari_money_parse_decimal (text, &value, NULL))
        {
          say (imp, imp->run.report->refused, r, id, _("“%s” is not an amount: write it with a dot for decimals, as 1234.56"), text);
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
              say (imp, imp->run.report->refused, r, id, _("“%s” has a price or a quantity that is not a number"), product);
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
  if ((cell (imp, row, F_BEGIN) != NULL && (begin = affari_import_parse_day (cell (imp, row, F_BEGIN))) == NULL)
      || (cell (imp, row, F_CLOSE) != NULL && (close = affari_import_parse_day (cell (imp, row, F_CLOSE))) == NULL))
    {
      say (imp, imp->run.report->refused, row, id, "%s", _("a date is not a day of the calendar: write it as 27/11/2026 or 2026-11-27"));
      return TRUE;
    }
  if (products->len > 0 && !affari_store_import_check_product_rows ((AffariProductRow *) (gpointer) products->data,
                                                                     products->len, &local))
    {
      say (imp, imp->run.report->refused, row, id, "%s", local->message);
      return TRUE;
    }

  pipeline_id = affari_import_places_pipeline (imp->places, pipeline_name, &made, error);
  if (pipeline_id == 0)
    return FALSE;
  if (made)
    say (imp, imp->run.report->notes, row, id, _("the pipeline “%s” did not exist: it was created with the default stages"),
         pipeline_name);
  stage_id = stage_name != NULL ? affari_import_places_stage (imp->places, pipeline_id, stage_name, &made, error) : 0;
  if (stage_name != NULL && stage_id == 0)
    return FALSE;
  if (made)
    say (imp, imp->run.report->notes, row, id, _("the stage “%s” did not exist: it was created before the won stage"),
         stage_name);
  if (!affari_import_places_company (imp->places, NULL, NULL, NULL, company, &company_id, error)
      || !affari_import_places_contact (imp->places, NULL, NULL, contact, company_id, &contact_id, error))
    return FALSE;
  if (currency != NULL && !g_hash_table_contains (imp->currencies, currency))
    {
      if (!affari_store_add_currency (imp->run.store, currency, currency, error))
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
          say (imp, imp->run.report->refused, row, id, "%s", local->message);
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  deal_id = affari_deal_get_id (deal);
  imp->run.report->created[AFFARI_IMPORTED_DEAL]++;
  if (contact_id != 0 && !affari_deal_ops_fill_contacts (ops, deal_id, &contact_id, 1, contact_id, error))
    return FALSE;
  if (products->len > 0)
    {
      if (!affari_deal_ops_fill_product_rows (ops, deal_id, (const AffariProductRow *) (gpointer) products->data,
                                              products->len, error))
        return FALSE;
      imp->run.report->created[AFFARI_IMPORTED_PRODUCT_ROW] += products->len;
    }
  return affari_store_import_add_event (imp->run.store, deal_id, affari_store_now (imp->run.store), "created",
                                        _("Imported from Bitrix24"), error);
}

static gboolean
build (AffariDealOps *ops, gpointer data, GError **error)
{
  Import *imp = data;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint total = affari_csv_table_get_n_rows (imp->table);

  /* Loaded inside the transaction: what they say stays true until the commit. */
  imp->places = affari_import_places_new (imp->run.store, imp->run.report, error);
  if (imp->places == NULL)
    return FALSE;

  /* The lines of a deal follow each other (Bitrix24 writes them so); a line without ID is a deal
   * of its own. */
  for (guint i = 0; i < total;)
    {
      guint row = i;
      const char *id = cell (imp, row, F_ID);
      guint end = i + 1;

      while (id != NULL && end < total && g_strcmp0 (cell (imp, end, F_ID), id) == 0)
        end++;
      if (id == NULL)
        say (imp, imp->run.report->refused, row, id, "%s", _("the line has no ID: Bitrix24's export always writes it"));
      else if (g_hash_table_contains (seen, id))
        say (imp, imp->run.report->refused, row, id, "%s", _("the ID appears again after other deals: each deal's lines must follow each other"));
      else if (!import_deal (imp, ops, i, end, error))
        return FALSE;
      if (id != NULL)
        g_hash_table_add (seen, (gpointer) id);
      i = end;
      if (!affari_import_run_step (&imp->run, i, total, error))
        return FALSE;
    }
  return affari_import_build_done (imp->run.dry_run, error);
}

/* The column of each field, from the header's titles (the first title found wins). */
static gboolean
find_columns (const AffariCsvTable *table, int columns[N_FIELDS])
{
  gboolean any = FALSE;

  for (int f = 0; f < N_FIELDS; f++)
    columns[f] = -1;
  for (guint c = 0; c < affari_csv_table_get_n_columns (table); c++)
    {
      g_autofree char *a = g_utf8_casefold (affari_csv_table_get_header (table, c), -1);

      for (guint s = 0; s < G_N_ELEMENTS (synonyms); s++)
        {
          g_autofree char *b = g_utf8_casefold (synonyms[s].title, -1);

          if (g_str_equal (a, b) && columns[synonyms[s].field] < 0)
            {
              columns[synonyms[s].field] = c;
              any = TRUE;
            }
        }
    }
  return any && columns[F_ID] >= 0 && columns[F_TITLE] >= 0;
}

gboolean
affari_csv_table_is_bitrix24 (const AffariCsvTable *table)
{
  int columns[N_FIELDS];

  g_return_val_if_fail (table != NULL, FALSE);

  /* An ID and a title are what this importer needs; "Titolo" is any spreadsheet's word, so a
   * title that only says that is not enough to call the file Bitrix24's. */
  return find_columns (table, columns)
         && g_ascii_strcasecmp (affari_csv_table_get_header (table, columns[F_TITLE]), "Titolo") != 0;
}

static gboolean
read_header (Import *imp, GError **error)
{
  if (!find_columns (imp->table, imp->columns))
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
  g_autoptr(AffariCsvTable) table = NULL;
  g_autoptr(GHashTable) codes = NULL;
  Import imp = { 0 };
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  table = affari_csv_table_read (path, error);
  if (table == NULL)
    return NULL;
  affari_import_run_init (&imp.run, store, dry_run, cancellable, progress, progress_data);
  report = imp.run.report;
  imp.table = table;
  if (!read_header (&imp, error)
      || (codes = affari_import_currency_codes (store, error)) == NULL)
    return NULL;
  imp.currencies = codes;
  ok = affari_import_run_build (ops, build, &imp, _("Import from Bitrix24"), dry_run, error);
  g_clear_pointer (&imp.places, affari_import_places_free);
  return ok ? g_steal_pointer (&report) : NULL;
}
