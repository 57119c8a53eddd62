/* test-quotes.c — quotes: yearly numbers (two writers too), the deal's arithmetic, the deal
 * made from a quote (every field, one undo), bad input refused with nothing written, the PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>

#include "affari-test-files.h"
#include "io/affari-demo.h"
#include "model/affari-i18n.h"
#include "model/affari-money.h"
#include "ops/affari-deal-ops.h"
#include "ops/affari-quotes.h"
#include "store/affari-store.h"
#include "store/affari-store-quotes.h"
#include "affari-test-sql.h"

#define NOW_2026 1796040000   /* 2026-11-30 */

typedef struct {
  char *dir;
  char *path;
  AffariStore *store;
  AffariDealOps *ops;
  AffariQuotes *quotes;
  sqlite3 *db;             /* a second connection that looks at the file as it is */
} Fixture;

/* ------------------------------------------------------------ helpers */

static gint64
sql_int (Fixture *f, const char *sql, gint64 param)
{
  return affari_test_sql_int (f->db, sql, param);
}

static char *
sql_text (Fixture *f, const char *sql, gint64 param)
{
  return affari_test_sql_text (f->db, sql, param);
}

static gint64
local_time (int year, int month, int day)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (year, month, day, 12, 0, 0);

  return g_date_time_to_unix (dt);
}

/* Rows that exercise every branch of the arithmetic: percent and amount discounts, 22 %, 10 %,
 * 4 %, no VAT, fractional quantities. */
static GArray *
sample_rows (guint n)
{
  static const struct { const char *name; gint64 qty; gint64 price; int dtype; int drate; gint64 dsum; int tax; } base[] = {
    { "Sedia ergonomica", 3000, 18990, 2, 1000, 0, 2200 },
    { "Scrivania 160 cm", 1000, 45000, 1, 0, 2500, 2200 },
    { "Consulenza", 2500, 8000, 2, 0, 0, 1000 },
    { "Manuale d'uso", 7000, 1250, 2, 1250, 0, 400 },
    { "Diritti di segreteria", 1000, 3333, 2, 0, 0, -1 },
  };
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (AffariProductRow));

  g_array_set_clear_func (rows, (GDestroyNotify) affari_product_row_clear);
  for (guint i = 0; i < n; i++)
    {
      AffariProductRow row = { 0 };
      guint b = i % G_N_ELEMENTS (base);

      row.name = i < G_N_ELEMENTS (base) ? g_strdup (base[b].name) : g_strdup_printf ("%s %u", base[b].name, i);
      row.quantity_milli = base[b].qty;
      row.unit = g_strdup ("pz");
      row.price_netto = base[b].price;
      row.discount_type = base[b].dtype;
      row.discount_rate_bp = base[b].drate;
      row.discount_sum = base[b].dsum;
      row.tax_rate_bp = base[b].tax;
      g_array_append_val (rows, row);
    }
  return rows;
}

/* A quote for a new company and contact with @rows. */
static AffariQuote *
make_quote (Fixture *f, GArray *rows, gint64 *out_company, gint64 *out_contact)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariCompany) company = affari_company_new ("Officine Rinaldi S.r.l.");
  g_autoptr(AffariContact) contact = affari_contact_new ("Lucia", "Rinaldi");
  AffariQuote *quote = affari_quote_new ();

  g_object_set (company, "address", "Via dei Mille 8, 40121 Bologna (BO)", "vat-id", "IT09876543210", NULL);
  *out_company = affari_store_create_company (f->store, company, &error);
  g_assert_no_error (error);
  *out_contact = affari_store_create_contact (f->store, contact, &error);
  g_assert_no_error (error);
  quote->title = g_strdup ("Arredo sala riunioni");
  quote->company_id = *out_company;
  quote->contact_id = *out_contact;
  affari_quote_set_text (&quote->currency, "CHF");
  quote->valid_until = g_strdup ("2026-12-31");
  quote->terms = g_strdup ("Pagamento a 30 giorni.");
  quote->notes = g_strdup ("Consegna al piano terra.");
  quote->lead_id = 77;
  quote->status = AFFARI_QUOTE_SENT;
  g_assert_cmpint (affari_quotes_create (f->quotes, quote, (AffariProductRow *) rows->data, rows->len, &error), >, 0);
  g_assert_no_error (error);
  return quote;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("affari-quotes-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "affari.db", NULL);
  f->store = affari_store_open (f->path, &error);
  g_assert_no_error (error);
  affari_store_set_now (f->store, NOW_2026);
  if (data != NULL)
    {
      g_assert_true (affari_demo_generate (f->store, 30, 7, &error));
      g_assert_no_error (error);
      affari_store_set_now (f->store, NOW_2026);
    }
  f->ops = affari_deal_ops_new (f->store);
  f->quotes = affari_quotes_new (f->store, f->ops);
  g_assert_cmpint (sqlite3_open (f->path, &f->db), ==, SQLITE_OK);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  sqlite3_close (f->db);
  g_assert_finalize_object (f->quotes);
  g_assert_finalize_object (f->ops);
  affari_store_close (f->store);
  g_assert_finalize_object (f->store);
  affari_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* ------------------------------------------------------------ numbering */

static char *
create_numbered (AffariStore *store, AffariQuotes *quotes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariQuote) quote = affari_quote_new ();

  quote->title = g_strdup ("Preventivo");
  g_assert_cmpint (affari_quotes_create (quotes, quote, NULL, 0, &error), >, 0);
  g_assert_no_error (error);
  return g_strdup (quote->number);
}

static void
assert_number (Fixture *f, const char *expected)
{
  g_autofree char *number = create_numbered (f->store, f->quotes);

  g_assert_cmpstr (number, ==, expected);
}

static void
test_numbering (Fixture *f, gconstpointer data)
{
  affari_store_set_now (f->store, local_time (2026, 12, 30));
  assert_number (f, "2026/001");
  assert_number (f, "2026/002");
  /* A new year starts again from 1; the old year goes on where it was. */
  affari_store_set_now (f->store, local_time (2027, 1, 1));
  assert_number (f, "2027/001");
  affari_store_set_now (f->store, local_time (2026, 12, 31));
  assert_number (f, "2026/003");
  affari_store_set_now (f->store, local_time (2027, 1, 2));
  assert_number (f, "2027/002");
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM quote", 0), ==, 5);
}

typedef struct {
  const char *path;
  guint n;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariStore) store = affari_store_open (w->path, &error);
  g_autoptr(AffariDealOps) ops = NULL;
  g_autoptr(AffariQuotes) quotes = NULL;

  g_assert_no_error (error);
  affari_store_set_now (store, local_time (2026, 6, 1));
  ops = affari_deal_ops_new (store);
  quotes = affari_quotes_new (store, ops);
  for (guint i = 0; i < w->n; i++)
    g_free (create_numbered (store, quotes));
  g_clear_object (&quotes);
  g_clear_object (&ops);
  affari_store_close (store);
  return NULL;
}

/* Two processes' worth of writers on one file: every number once, none skipped. */
static void
test_numbering_two_writers (Fixture *f, gconstpointer data)
{
  Writer w = { f->path, 25 };
  GThread *a = g_thread_new ("writer-a", writer_thread, &w);
  GThread *b = g_thread_new ("writer-b", writer_thread, &w);

  g_thread_join (a);
  g_thread_join (b);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM quote", 0), ==, 50);
  g_assert_cmpint (sql_int (f, "SELECT count(DISTINCT number) FROM quote", 0), ==, 50);
  g_assert_cmpint (sql_int (f, "SELECT max(seq) FROM quote WHERE year = 2026", 0), ==, 50);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM quote WHERE number = '2026/050'", 0), ==, 1);
}

/* ------------------------------------------------------------ arithmetic */

static void
test_arithmetic_equals_deal (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = sample_rows (5);
  g_autoptr(AffariQuote) quote = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  g_autoptr(GArray) deal_rows = NULL;
  g_autoptr(GArray) quote_rows = NULL;
  gint64 deal_id = sql_int (f, "SELECT min(id) FROM deal WHERE is_manual_amount = 0 AND deleted_at IS NULL"
                                " AND is_recurring = 0", 0);
  gint64 company, contact, net, tax, total;

  g_assert_cmpint (deal_id, >, 0);
  set = affari_deal_ops_set_product_rows (f->ops, deal_id, (AffariProductRow *) rows->data, rows->len, &error);
  g_assert_no_error (error);
  quote = make_quote (f, rows, &company, &contact);

  deal_rows = affari_store_list_product_rows (f->store, deal_id, &error);
  quote_rows = affari_quotes_rows (f->quotes, quote->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deal_rows->len, ==, 5);
  g_assert_cmpuint (quote_rows->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      AffariProductRow *d = &g_array_index (deal_rows, AffariProductRow, i);
      AffariProductRow *q = &g_array_index (quote_rows, AffariProductRow, i);

      g_assert_cmpstr (d->name, ==, q->name);
      g_assert_cmpint (d->price_exclusive, ==, q->price_exclusive);
      g_assert_cmpint (d->price_brutto, ==, q->price_brutto);
      g_assert_cmpint (d->price, ==, q->price);
      g_assert_cmpint (d->discount_sum, ==, q->discount_sum);
      g_assert_cmpint (d->discount_rate_bp, ==, q->discount_rate_bp);
      g_assert_cmpint (d->tax_rate_bp, ==, q->tax_rate_bp);
      g_assert_cmpint (d->row_total, ==, q->row_total);
      g_assert_cmpint (d->row_tax, ==, q->row_tax);
    }
  affari_product_rows_totals ((AffariProductRow *) rows->data, rows->len, &net, &tax, &total);
  g_assert_cmpint (quote->amount, ==, total);
  g_assert_cmpint (quote->tax_value, ==, tax);
  g_assert_cmpint (sql_int (f, "SELECT amount FROM deal WHERE id = ?", deal_id), ==, quote->amount);
  g_assert_cmpint (sql_int (f, "SELECT tax_value FROM deal WHERE id = ?", deal_id), ==, quote->tax_value);
  /* 3 × 208,51 (170,91 + 22 %) + (450 − 25) × 1,22 + 2,5 × 80 × 1,10 + 7 × 11,38 (10,94 + 4 %) + 33,33 */
  g_assert_cmpint (total, ==, 62553 + 51850 + 22000 + 7966 + 3333);
  g_assert_cmpint (tax, ==, (62553 - 51273) + (51850 - 42500) + 2000 + (7966 - 7658));
}

/* ------------------------------------------------------------ quote ↔ deal */

static void
test_from_deal (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariQuote) quote = NULL;
  g_autoptr(GArray) rows = NULL;
  gint64 deal_id = sql_int (f, "SELECT min(d.id) FROM deal d WHERE d.company_id IS NOT NULL AND d.is_recurring = 0"
                                " AND EXISTS (SELECT 1 FROM deal_product p WHERE p.deal_id = d.id)"
                                " AND EXISTS (SELECT 1 FROM deal_contact c WHERE c.deal_id = d.id)", 0);
  gint64 id;

  g_assert_cmpint (deal_id, >, 0);
  id = affari_quotes_create_from_deal (f->quotes, deal_id, &error);
  g_assert_no_error (error);
  quote = affari_quotes_get (f->quotes, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (quote->deal_id, ==, deal_id);
  g_assert_cmpint (quote->company_id, ==, sql_int (f, "SELECT company_id FROM deal WHERE id = ?", deal_id));
  g_assert_cmpint (quote->contact_id, ==, sql_int (f, "SELECT contact_id FROM deal_contact WHERE deal_id = ?"
                                                       " ORDER BY is_primary DESC, sort LIMIT 1", deal_id));
  g_assert_cmpint (quote->status, ==, AFFARI_QUOTE_DRAFT);
  g_assert_cmpstr (quote->valid_until, ==, "2026-12-30");
  rows = affari_quotes_rows (f->quotes, id, &error);
  g_assert_cmpint (rows->len, ==, sql_int (f, "SELECT count(*) FROM deal_product WHERE deal_id = ?", deal_id));
  g_assert_cmpint (quote->amount, ==, sql_int (f, "SELECT sum(row_total) FROM deal_product WHERE deal_id = ?", deal_id));

  /* From a converted lead: the quote is the lead's, for the client its conversion chose. */
  {
    g_autoptr(AffariQuote) from_lead = NULL;
    gint64 lead_id = sql_int (f, "SELECT min(deal_id) FROM lead_info WHERE company_id IS NOT NULL", 0);

    g_assert_cmpint (lead_id, >, 0);
    id = affari_quotes_create_from_deal (f->quotes, lead_id, &error);
    g_assert_no_error (error);
    from_lead = affari_quotes_get (f->quotes, id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (from_lead->lead_id, ==, lead_id);
    g_assert_cmpint (from_lead->deal_id, ==, 0);
    g_assert_cmpint (from_lead->company_id, ==, sql_int (f, "SELECT company_id FROM lead_info WHERE deal_id = ?", lead_id));
  }
}

static void
test_to_deal (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = sample_rows (3);
  g_autoptr(AffariQuote) quote = NULL;
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(GArray) deal_rows = NULL;
  g_autofree char *history = NULL;
  g_autofree char *expected = NULL;
  gint64 company, contact, deal_id, n_deals;

  quote = make_quote (f, rows, &company, &contact);
  n_deals = sql_int (f, "SELECT count(*) FROM deal", 0);
  g_assert_false (affari_deal_ops_can_undo (f->ops));
  deal_id = affari_quotes_create_deal (f->quotes, quote->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (deal_id, >, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM deal", 0), ==, n_deals + 1);

  deal = affari_store_get_deal (f->store, deal_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (affari_deal_get_title (deal), ==, "Arredo sala riunioni");
  g_assert_cmpstr (affari_deal_get_currency (deal), ==, "CHF");
  g_assert_cmpint (affari_deal_get_amount (deal), ==, quote->amount);
  g_assert_cmpint (affari_deal_get_tax_value (deal), ==, quote->tax_value);
  g_assert_cmpint (affari_deal_get_company_id (deal), ==, company);
  g_assert_cmpint (affari_deal_get_quote_id (deal), ==, quote->id);
  g_assert_cmpint (affari_deal_get_lead_id (deal), ==, 77);
  g_assert_cmpstr (affari_deal_get_comments (deal), ==, "Consegna al piano terra.");
  g_assert_cmpint (sql_int (f, "SELECT contact_id FROM deal_contact WHERE deal_id = ? AND is_primary = 1", deal_id),
                   ==, contact);
  deal_rows = affari_store_list_product_rows (f->store, deal_id, &error);
  g_assert_cmpuint (deal_rows->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpstr (g_array_index (deal_rows, AffariProductRow, i).name, ==,
                       g_array_index (rows, AffariProductRow, i).name);
      g_assert_cmpint (g_array_index (deal_rows, AffariProductRow, i).quantity_milli, ==,
                       g_array_index (rows, AffariProductRow, i).quantity_milli);
    }
  expected = g_strdup_printf (_("Created from quote %s"), quote->number);
  history = sql_text (f, "SELECT text FROM event WHERE deal_id = ? AND field = 'QUOTE_ID'", deal_id);
  g_assert_cmpstr (history, ==, expected);
  /* The quote itself is unchanged, and lists its deal. */
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM deal WHERE quote_id = ?", quote->id), ==, 1);

  /* One step on the undo history: undoing it takes the deal away (to the trash), all of it. */
  g_assert_true (affari_deal_ops_can_undo (f->ops));
  g_assert_true (affari_deal_ops_undo (f->ops, &error));
  g_assert_no_error (error);
  g_assert_false (affari_deal_ops_can_undo (f->ops));
  g_assert_cmpint (sql_int (f, "SELECT deleted_at IS NOT NULL FROM deal WHERE id = ?", deal_id), ==, 1);
  g_assert_true (affari_deal_ops_redo (f->ops, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT deleted_at IS NULL FROM deal WHERE id = ?", deal_id), ==, 1);
}

/* ------------------------------------------------------------ bad input */

static void
test_bad_input (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = sample_rows (2);
  g_autoptr(AffariQuote) quote = NULL;
  g_autoptr(AffariQuote) empty = affari_quote_new ();
  g_autoptr(AffariQuote) saved = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "bad.pdf", NULL);
  g_autofree char *title = NULL;
  gint64 company, contact, n_deals, n_quotes, n_events;

  quote = make_quote (f, rows, &company, &contact);
  n_deals = sql_int (f, "SELECT count(*) FROM deal", 0);
  n_quotes = sql_int (f, "SELECT count(*) FROM quote", 0);
  n_events = sql_int (f, "SELECT count(*) FROM event", 0);

  /* No title. */
  empty->title = g_strdup ("  ");
  g_assert_cmpint (affari_quotes_create (f->quotes, empty, NULL, 0, &error), ==, 0);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  /* A row without quantity: the update leaves the quote as it was. */
  g_array_index (rows, AffariProductRow, 1).quantity_milli = 0;
  affari_quote_set_text (&quote->title, "Cambiato");
  g_assert_false (affari_quotes_update (f->quotes, quote, (AffariProductRow *) rows->data, rows->len, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  title = sql_text (f, "SELECT title FROM quote WHERE id = ?", quote->id);
  g_assert_cmpstr (title, ==, "Arredo sala riunioni");
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM quote_product WHERE quote_id = ?", quote->id), ==, 2);

  /* A quote without rows has no PDF. */
  g_assert_true (affari_quotes_update (f->quotes, quote, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_false (affari_quotes_write_pdf (f->quotes, quote->id, pdf, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  /* The client was deleted: no deal, no PDF, no save with that client; nothing written. */
  g_array_index (rows, AffariProductRow, 1).quantity_milli = 1000;
  g_assert_true (affari_quotes_update (f->quotes, quote, (AffariProductRow *) rows->data, rows->len, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (f->db, "DELETE FROM company WHERE name = 'Officine Rinaldi S.r.l.'", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  n_events = sql_int (f, "SELECT count(*) FROM event", 0);
  g_assert_cmpint (affari_quotes_create_deal (f->quotes, quote->id, &error), ==, 0);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, _("The client of the quote was deleted: choose another one"));
  g_clear_error (&error);
  g_assert_false (affari_quotes_write_pdf (f->quotes, quote->id, pdf, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_false (affari_quotes_update (f->quotes, quote, (AffariProductRow *) rows->data, rows->len, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM deal", 0), ==, n_deals);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM quote", 0), ==, n_quotes);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM event", 0), ==, n_events);
  g_assert_false (affari_deal_ops_can_undo (f->ops));
  /* A deal from a quote that does not exist. */
  g_assert_cmpint (affari_quotes_create_deal (f->quotes, 999999, &error), ==, 0);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND);
}

/* ------------------------------------------------------------ PDF */

static char *
pdf_text (const char *pdf)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
assert_contains (const char *text, const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the PDF's text:\n%s", needle, text);
}

static void
assert_vat (const char *text, const char *rate)
{
  g_autofree char *label = g_strdup_printf (_("VAT %s"), rate);

  assert_contains (text, label);
}

static void
test_pdf (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = sample_rows (5);
  g_autoptr(GArray) many = sample_rows (90);
  g_autoptr(AffariQuote) quote = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "quote.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *until = NULL;
  g_autofree char *page2 = NULL;
  g_autofree char *net = NULL, *vat22 = NULL, *vat10 = NULL, *vat4 = NULL, *total = NULL;
  AffariQuoteParty mine = { (char *) "Rossi Forniture S.r.l.", (char *) "Via Roma 12\n20121 Milano (MI)",
                            (char *) "IT01234567890" };
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  gint64 company, contact, n_net, n_tax, n_total;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  g_assert_true (affari_quotes_set_my_company (f->quotes, &mine, &error));
  g_assert_no_error (error);
  quote = make_quote (f, rows, &company, &contact);
  g_assert_true (affari_quotes_write_pdf (f->quotes, quote->id, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);

  /* The texts as the user's language writes them (the suite runs in Italian). */
  heading = g_strdup_printf (_("Quote no. %s of %s"), quote->number, "30/11/2026");
  assert_contains (text, heading);
  assert_contains (text, "Rossi Forniture S.r.l.");
  assert_contains (text, "IT01234567890");
  assert_contains (text, "Officine Rinaldi S.r.l.");
  assert_contains (text, "Via dei Mille 8,");
  assert_contains (text, "Bologna");
  assert_contains (text, "IT09876543210");
  assert_contains (text, "Arredo sala riunioni");
  for (guint i = 0; i < rows->len; i++)
    assert_contains (text, g_array_index (rows, AffariProductRow, i).name);
  affari_product_rows_totals ((AffariProductRow *) rows->data, rows->len, &n_net, &n_tax, &n_total);
  net = affari_money_format (n_net, "CHF");
  total = affari_money_format (n_total, "CHF");
  /* The VAT of each rate, from the row arithmetic above. */
  vat22 = affari_money_format ((62553 - 51273) + (51850 - 42500), "CHF");
  vat10 = affari_money_format (2000, "CHF");
  vat4 = affari_money_format (7966 - 7658, "CHF");
  assert_contains (text, _("Taxable amount"));
  assert_contains (text, net);
  assert_vat (text, "22 %");
  assert_contains (text, vat22);
  assert_vat (text, "10 %");
  assert_contains (text, vat10);
  assert_vat (text, "4 %");
  assert_contains (text, vat4);
  assert_contains (text, _("Total"));
  assert_contains (text, total);
  until = g_strdup_printf (_("Valid until %s"), "31/12/2026");
  assert_contains (text, until);
  assert_contains (text, "Pagamento a 30 giorni.");
  page2 = g_strdup_printf (_("Page %u"), 2);
  g_assert_null (strstr (text, page2));

  /* A long quote goes on over several pages, every row numbered once. */
  g_assert_true (affari_quotes_update (f->quotes, quote, (AffariProductRow *) many->data, many->len, &error));
  g_assert_no_error (error);
  g_assert_true (affari_quotes_write_pdf (f->quotes, quote->id, pdf, &error));
  g_assert_no_error (error);
  g_free (text);
  text = pdf_text (pdf);
  assert_contains (text, page2);
  assert_contains (text, "Consulenza 87");
  g_clear_pointer (&total, g_free);
  affari_product_rows_totals ((AffariProductRow *) many->data, many->len, NULL, NULL, &n_total);
  total = affari_money_format (n_total, "CHF");
  assert_contains (text, total);
}

int
main (int argc, char *argv[])
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, demo) g_test_add (path, Fixture, demo, fixture_setup, func, fixture_teardown)
  ADD ("/quotes/numbering", test_numbering, NULL);
  ADD ("/quotes/numbering-two-writers", test_numbering_two_writers, NULL);
  ADD ("/quotes/arithmetic-equals-deal", test_arithmetic_equals_deal, "demo");
  ADD ("/quotes/from-deal", test_from_deal, "demo");
  ADD ("/quotes/to-deal", test_to_deal, "demo");
  ADD ("/quotes/bad-input", test_bad_input, "demo");
  ADD ("/quotes/pdf", test_pdf, "demo");
#undef ADD

  return g_test_run ();
}
