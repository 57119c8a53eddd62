/* test-import-undo.c — an import is one undo step that removes exactly what it made
 *
 * Every table is compared before the import and after its undo; an undo is refused, writing
 * nothing, when what the import made was changed or used since; an undone import cannot be
 * redone; a cancelled import writes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <sqlite3.h>

#include "affari-test-db.h"
#include "affari-test-dump.h"
#include "affari-test-files.h"
#include "affari-test-sql.h"
#include "io/affari-import-b24.h"
#include "io/affari-import-b24csv.h"
#include "io/affari-demo.h"
#include "io/affari-export-json.h"
#include "io/affari-import-json.h"
#include "model/affari-error.h"
#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"

/* A database of the test's own (f->t) and how many "done" signals its operations sent. */
typedef struct {
  AffariTestDb t;
  guint n_done;
} Fixture;

static void
on_done_cb (AffariDealOps *ops, AffariChangeSet *set, AffariDealOpsStep step, Fixture *f)
{
  f->n_done++;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(AffariChangeSet) set = NULL;

  affari_test_db_open (&f->t, "import-undo");
  g_signal_connect (f->t.ops, "done", G_CALLBACK (on_done_cb), f);

  /* A deal of the person's own, made before: the undo must leave it alone. */
  affari_deal_set_title (deal, "Fornitura già presente");
  set = affari_deal_ops_create (f->t.ops, deal, NULL, NULL, &error);
  g_assert_no_error (error);
  f->n_done = 0;
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  affari_test_db_close (&f->t);
}

static gint64
query_int (Fixture *f, const char *sql)
{
  return affari_test_sql_int (f->t.db, sql, 0);
}

static void
import_folder (Fixture *f)
{
  g_autofree char *samples = g_test_build_filename (G_TEST_DIST, "data", "bitrix24", NULL);
  g_autoptr(AffariImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = affari_import_b24 (f->t.store, f->t.ops, samples, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_DEAL], ==, 23);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_COMPANY], >, 0);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_PIPELINE], ==, 1);
}

static void
test_undo_removes_what_it_made (Fixture *f, gconstpointer data)
{
  g_autofree char *before = affari_test_dump_tables (f->t.path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  import_folder (f);
  /* One step, announced once, that can be undone. */
  g_assert_cmpuint (f->n_done, ==, 1);
  g_assert_true (affari_deal_ops_can_undo (f->t.ops));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM deal"), ==, 24);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM pipeline WHERE name = 'Rivenditori'"), ==, 1);

  g_assert_true (affari_deal_ops_undo (f->t.ops, &error));
  g_assert_no_error (error);
  after = affari_test_dump_tables (f->t.path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM deal WHERE title = 'Fornitura già presente'"), ==, 1);
  /* What the search index said of the imported deals went with them. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM deal_search_doc WHERE rowid NOT IN (SELECT id FROM deal)"), ==, 0);

  /* Gone for good: redoing means importing again. */
  g_assert_false (affari_deal_ops_can_redo (f->t.ops));
  g_assert_true (affari_deal_ops_can_undo (f->t.ops));   /* the hand-made deal's creation */

  /* And the same file imports again, whole. */
  import_folder (f);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM deal"), ==, 24);
}

static void
test_undo_csv (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "bitrix24-deals.csv", NULL);
  g_autofree char *before = affari_test_dump_tables (f->t.path);
  g_autofree char *after = NULL;
  g_autoptr(AffariImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = affari_import_b24csv (f->t.store, f->t.ops, csv, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_DEAL], >, 0);
  g_assert_true (affari_deal_ops_undo (f->t.ops, &error));
  g_assert_no_error (error);
  after = affari_test_dump_tables (f->t.path);
  g_assert_cmpstr (after, ==, before);
}

static void
test_undo_refused_after_a_change (Fixture *f, gconstpointer data)
{
  g_autofree char *changed = NULL, *now = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deal_id;

  import_folder (f);
  deal_id = query_int (f, "SELECT max(id) FROM deal WHERE originator_id = 'bitrix24'");
  g_assert_true (affari_deal_ops_add_comment (f->t.ops, deal_id, "Richiamare lunedì", &error));
  g_assert_no_error (error);
  changed = affari_test_dump_tables (f->t.path);

  g_assert_false (affari_deal_ops_undo (f->t.ops, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
  now = affari_test_dump_tables (f->t.path);
  g_assert_cmpstr (now, ==, changed);
  g_assert_true (affari_deal_ops_can_undo (f->t.ops));
}

static void
test_undo_refused_when_a_client_is_used (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autofree char *used = NULL, *now = NULL;
  g_autoptr(GError) error = NULL;

  import_folder (f);
  /* Another program (the command line) makes a deal for a company the import made. */
  affari_deal_set_title (deal, "Rinnovo");
  affari_deal_set_company_id (deal, query_int (f, "SELECT max(id) FROM company"));
  g_assert_cmpint (affari_store_create_deal (f->t.store, deal, &error), >, 0);
  g_assert_no_error (error);
  used = affari_test_dump_tables (f->t.path);

  g_assert_false (affari_deal_ops_undo (f->t.ops, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
  now = affari_test_dump_tables (f->t.path);
  g_assert_cmpstr (now, ==, used);
}

static void
cancel_halfway (guint done, guint total, gpointer data)
{
  if (done * 2 >= total)
    g_cancellable_cancel (data);
}

static void
test_cancel_writes_nothing (Fixture *f, gconstpointer data)
{
  g_autofree char *samples = g_test_build_filename (G_TEST_DIST, "data", "bitrix24", NULL);
  g_autofree char *before = affari_test_dump_tables (f->t.path);
  g_autofree char *after = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(AffariImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = affari_import_b24 (f->t.store, f->t.ops, samples, FALSE, cancellable, cancel_halfway, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = affari_test_dump_tables (f->t.path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (f->n_done, ==, 0);
}

/* Our own export restored into a new database replaces its defaults: undoing it puts them back. */
static void
test_undo_restore (Fixture *f, gconstpointer data)
{
  g_autofree char *source_path = g_build_filename (f->t.dir, "source.db", NULL);
  g_autofree char *json = g_build_filename (f->t.dir, "export.json", NULL);
  g_autofree char *target_path = g_build_filename (f->t.dir, "new.db", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(AffariStore) source = NULL;
  g_autoptr(AffariStore) target = NULL;
  g_autoptr(AffariDealOps) ops = NULL;
  g_autoptr(AffariImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  source = affari_store_open (source_path, &error);
  g_assert_no_error (error);
  g_assert_true (affari_demo_generate (source, 40, 3, &error));
  g_assert_true (affari_export_json (source, json, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  target = affari_store_open (target_path, &error);
  g_assert_no_error (error);
  ops = affari_deal_ops_new (target);
  before = affari_test_dump_tables (target_path);
  report = affari_import_json (target, ops, json, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_DEAL], >=, 40);
  g_assert_true (affari_deal_ops_can_undo (ops));

  g_assert_true (affari_deal_ops_undo (ops, &error));
  g_assert_no_error (error);
  after = affari_test_dump_tables (target_path);
  g_assert_cmpstr (after, ==, before);
  /* The store works on the defaults again: a deal goes to the default pipeline's first stage. */
  {
    g_autoptr(AffariDeal) deal = affari_deal_new ();

    affari_deal_set_title (deal, "Dopo l'annullamento");
    g_assert_cmpint (affari_store_create_deal (target, deal, &error), >, 0);
    g_assert_no_error (error);
    g_assert_cmpint (affari_deal_get_pipeline_id (deal), ==, 1);
  }
  g_clear_object (&ops);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/import-undo/removes-what-it-made", Fixture, NULL, fixture_setup,
              test_undo_removes_what_it_made, fixture_teardown);
  g_test_add ("/import-undo/csv", Fixture, NULL, fixture_setup, test_undo_csv, fixture_teardown);
  g_test_add ("/import-undo/refused-after-a-change", Fixture, NULL, fixture_setup,
              test_undo_refused_after_a_change, fixture_teardown);
  g_test_add ("/import-undo/refused-when-a-client-is-used", Fixture, NULL, fixture_setup,
              test_undo_refused_when_a_client_is_used, fixture_teardown);
  g_test_add ("/import-undo/restore", Fixture, NULL, fixture_setup, test_undo_restore, fixture_teardown);
  g_test_add ("/import-undo/cancel-writes-nothing", Fixture, NULL, fixture_setup,
              test_cancel_writes_nothing, fixture_teardown);
  return g_test_run ();
}
