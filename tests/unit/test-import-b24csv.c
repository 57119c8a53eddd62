/* test-import-b24csv.c — importing Bitrix24's deal CSV export (tests/data/bitrix24-deals*.csv):
 * what the deals become, a second import that adds nothing, bad files that import nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>

#include "affari-test-db.h"
#include "affari-test-files.h"
#include "affari-test-sql.h"
#include "io/affari-import-b24csv.h"
#include "model/affari-error.h"
#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"
#include "store/affari-store-import.h"

typedef AffariTestDb Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 pipeline;

  affari_test_db_open (f, "import-b24csv");
  /* The second pipeline the sample names, as the folder import would have made it. */
  pipeline = affari_store_import_create_pipeline (f->store, "Rivenditori", "bitrix24:category:1", &error);
  g_assert_no_error (error);
  affari_store_import_add_stage (f->store, pipeline, "C1:NEW", "Primo contatto", NULL, 10, 'P', &error);
  g_assert_no_error (error);
  affari_store_import_add_stage (f->store, pipeline, "C1:NEGO", "Trattativa", NULL, 20, 'P', &error);
  g_assert_no_error (error);
  affari_store_import_add_stage (f->store, pipeline, "C1:WON", "Ordine firmato", NULL, 60, 'S', &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  affari_test_db_close (f);
}

static gint64
count (Fixture *f, const char *sql)
{
  return affari_test_sql_int (f->db, sql, 0);
}

static gint64
deals_in (Fixture *f, const char *pipeline, const char *stage)
{
  char *sql = sqlite3_mprintf ("SELECT count(*) FROM deal d JOIN pipeline p ON p.id = d.pipeline_id"
                               " JOIN stage s ON s.id = d.stage_id"
                               " WHERE p.name = %Q AND s.name = %Q AND d.originator_id = 'bitrix24'",
                               pipeline, stage);
  gint64 n = count (f, sql);

  sqlite3_free (sql);
  return n;
}

/* Every row of every table the import writes, as one number that changes with any of them. */
static gint64
fingerprint (Fixture *f)
{
  return count (f, "SELECT (SELECT count(*) FROM deal) * 1000000 + (SELECT count(*) FROM stage) * 10000"
                   " + (SELECT count(*) FROM company) * 1000 + (SELECT count(*) FROM contact) * 100"
                   " + (SELECT count(*) FROM event) * 10 + (SELECT count(*) FROM deal_product) * 7"
                   " + (SELECT count(*) FROM currency) * 3");
}

static AffariImportReport *
import (Fixture *f, const char *name, GError **error)
{
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "data", name, NULL);

  return affari_import_b24csv (f->store, f->ops, file, FALSE, NULL, NULL, NULL, error);
}

static gboolean
has (GPtrArray *list, const char *part)
{
  for (guint i = 0; i < list->len; i++)
    if (strstr (g_ptr_array_index (list, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_import (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariImportReport) report = import (f, "bitrix24-deals.csv", &error);
  g_autofree char *comments = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_DEAL], ==, 4);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_PRODUCT_ROW], ==, 2);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_COMPANY], ==, 3);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_CONTACT], ==, 3);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_STAGE], ==, 1);
  /* 1.234,56 and 31/02/2026, with their line numbers. */
  g_assert_cmpuint (report->refused->len, ==, 2);
  g_assert_true (has (report->refused, "ID 5005"));
  g_assert_true (has (report->refused, "1.234,56"));
  g_assert_true (has (report->refused, "ID 5006"));
  g_assert_true (has (report->notes, "Verifica tecnica"));

  g_assert_cmpint (deals_in (f, "General", "New"), ==, 1);
  g_assert_cmpint (deals_in (f, "General", "Deal won"), ==, 1);
  g_assert_cmpint (deals_in (f, "General", "Verifica tecnica"), ==, 1);
  g_assert_cmpint (deals_in (f, "Rivenditori", "Trattativa"), ==, 1);
  /* The new stage is in progress, before the won one. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM stage s, stage w WHERE s.name = 'Verifica tecnica'"
                             " AND s.semantics = 'P' AND w.pipeline_id = s.pipeline_id AND w.semantics = 'S'"
                             " AND s.sort < w.sort"), ==, 1);
  /* Totals per currency: two product lines of 5001 (1200 + 250), 8000, 3400.50 in euro; 12500 in dollars. */
  g_assert_cmpint (count (f, "SELECT sum(amount) FROM deal WHERE originator_id = 'bitrix24' AND currency = 'EUR'"),
                   ==, 145000 + 800000 + 340050);
  g_assert_cmpint (count (f, "SELECT sum(amount) FROM deal WHERE originator_id = 'bitrix24' AND currency = 'USD'"),
                   ==, 1250000);
  g_assert_cmpint (count (f, "SELECT count(*) FROM deal_product p JOIN deal d ON d.id = p.deal_id"
                             " WHERE d.origin_id = '5001'"), ==, 2);
  /* One company for the two deals naming it; the contact belongs to it. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM deal d JOIN company c ON c.id = d.company_id"
                             " WHERE c.name = 'Rossi Arredamenti S.r.l.'"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contact ct JOIN company c ON c.id = ct.company_id"
                             " WHERE ct.first_name = 'Mario' AND ct.last_name = 'Rossi'"), ==, 1);
  comments = affari_test_sql_text (f->db, "SELECT comments FROM deal WHERE origin_id = '5001'", 0);
  g_assert_cmpstr (comments, ==, "Cliente storico.\nChiede consegna entro Natale, \"urgente\".");
  g_clear_pointer (&comments, g_free);
  comments = affari_test_sql_text (f->db, "SELECT comments FROM deal WHERE origin_id = '5003'", 0);
  g_assert_cmpstr (comments, ==, "Da richiamare; importante");
  g_assert_cmpint (count (f, "SELECT count(*) FROM deal WHERE origin_id = '5001' AND close_date = '2026-11-27'"
                             " AND begin_date = '2026-11-02'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM event e JOIN deal d ON d.id = e.deal_id"
                             " WHERE d.originator_id = 'bitrix24' AND e.text = 'Imported from Bitrix24'"), ==, 4);
}

static void
test_english (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariImportReport) report = import (f, "bitrix24-deals-en.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_DEAL], ==, 2);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_COMPANY], ==, 1);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_CONTACT], ==, 1);
  g_assert_cmpuint (report->refused->len, ==, 0);
  g_assert_cmpint (deals_in (f, "General", "In progress"), ==, 1);
  g_assert_cmpint (deals_in (f, "General", "Negotiation"), ==, 1);
  g_assert_cmpint (count (f, "SELECT amount FROM deal WHERE origin_id = '6002' AND currency = 'USD'"), ==, 99000);
}

static void
test_reimport (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariImportReport) first = import (f, "bitrix24-deals.csv", &error);
  g_autoptr(AffariImportReport) second = NULL;
  gint64 before = fingerprint (f);

  g_assert_no_error (error);
  second = import (f, "bitrix24-deals.csv", &error);
  g_assert_no_error (error);
  for (int k = 0; k < AFFARI_IMPORTED_N_KINDS; k++)
    g_assert_cmpuint (second->created[k], ==, 0);
  g_assert_cmpuint (second->existing[AFFARI_IMPORTED_DEAL], ==, 4);
  g_assert_cmpint (fingerprint (f), ==, before);
}

static void
test_dry_run (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "data", "bitrix24-deals.csv", NULL);
  gint64 before = fingerprint (f);
  g_autoptr(AffariImportReport) report = affari_import_b24csv (f->store, f->ops, file, TRUE, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (report->dry_run);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_DEAL], ==, 4);
  g_assert_cmpint (fingerprint (f), ==, before);
}

/* Each bad file is refused whole, with the line, and writes nothing. */
static void
test_bad_files (Fixture *f, gconstpointer data)
{
  static const struct { const char *text; const char *line; } cases[] = {
    { "\"ID\";\"TITLE\";\n\"1\";\"Uno\";\n\"2\";\"Due\"x;\n", "3" },                 /* stray quote */
    { "ID;TITLE;\n1;Un \"titolo\";\n", "2" },                                    /* quote in a bare field */
    { "\"ID\";\"TITLE\";\"COMMENTS\";\n\"1\";\"Uno\";\"troncato\n", "2" },       /* truncated */
    { "\"Nome\";\"Cognome\";\n\"Mario\";\"Rossi\";\n", "1" },                    /* no known column */
    { "", NULL },                                                                /* empty */
  };
  gint64 before = fingerprint (f);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *file = g_build_filename (f->dir, "bad.csv", NULL);
      g_autoptr(AffariImportReport) report = NULL;

      g_assert_true (g_file_set_contents (file, cases[i].text, -1, NULL));
      report = affari_import_b24csv (f->store, f->ops, file, FALSE, NULL, NULL, NULL, &error);
      g_assert_null (report);
      g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
      if (cases[i].line != NULL)
        {
          g_autofree char *expected = g_strdup_printf ("Line %s:", cases[i].line);
          g_assert_true (g_str_has_prefix (error->message, expected));
        }
      g_assert_cmpint (fingerprint (f), ==, before);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/import-b24csv/import", Fixture, NULL, fixture_setup, test_import, fixture_teardown);
  g_test_add ("/import-b24csv/english", Fixture, NULL, fixture_setup, test_english, fixture_teardown);
  g_test_add ("/import-b24csv/reimport", Fixture, NULL, fixture_setup, test_reimport, fixture_teardown);
  g_test_add ("/import-b24csv/dry-run", Fixture, NULL, fixture_setup, test_dry_run, fixture_teardown);
  g_test_add ("/import-b24csv/bad-files", Fixture, NULL, fixture_setup, test_bad_files, fixture_teardown);
  return g_test_run ();
}
