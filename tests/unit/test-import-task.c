/* test-import-task.c — an import off the main thread: progress on the caller's thread, the
 * window's store told to reload, the import on the window's undo history, a cancel that writes
 * nothing, a dry run that writes nothing, an in-memory store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "affari-test-dump.h"
#include "affari-test-files.h"
#include "affari-test-sql.h"
#include "io/affari-import-b24.h"
#include "io/affari-import-task.h"
#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"

typedef struct {
  char *dir;
  char *path;
  char *samples;
  AffariStore *store;
  AffariDealOps *ops;
  GThread *main_thread;
  GCancellable *cancellable;
  guint n_progress;
  guint n_resets;
  gboolean progress_elsewhere;   /* a progress call came on another thread */
  gboolean cancel_on_progress;   /* the import is cancelled halfway */
  AffariImportReport *report;
  GError *error;
  gboolean finished;
} Fixture;

static void
on_reset_cb (AffariStore *store, Fixture *f)
{
  f->n_resets++;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gboolean in_memory = GPOINTER_TO_INT (data);

  f->dir = g_dir_make_tmp ("affari-import-task-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "affari.db", NULL);
  f->samples = g_test_build_filename (G_TEST_DIST, "data", "bitrix24", NULL);
  f->store = affari_store_open (in_memory ? NULL : f->path, &error);
  g_assert_no_error (error);
  affari_store_set_now (f->store, 1795000000);
  f->ops = affari_deal_ops_new (f->store);
  f->main_thread = g_thread_self ();
  f->cancellable = g_cancellable_new ();
  g_signal_connect (f->store, "reset", G_CALLBACK (on_reset_cb), f);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->report, affari_import_report_free);
  g_clear_error (&f->error);
  g_object_unref (f->cancellable);
  g_assert_finalize_object (f->ops);
  g_assert_finalize_object (f->store);
  affari_test_remove_tree (f->dir);
  g_free (f->samples);
  g_free (f->path);
  g_free (f->dir);
}

static AffariImportReport *
import_folder (AffariStore *store, AffariDealOps *ops, gpointer data, gboolean dry_run,
               GCancellable *cancellable, AffariImportProgress progress, gpointer progress_data, GError **error)
{
  return affari_import_b24 (store, ops, data, dry_run, cancellable, progress, progress_data, error);
}

/* The person presses Annulla while the worker is halfway: the cancel is seen between two items
 * (the progress the window shows lags behind, so it cannot be the trigger). */
typedef struct {
  GCancellable *cancellable;
  AffariImportProgress progress;
  gpointer progress_data;
} Halfway;

static void
cancel_halfway (guint done, guint total, gpointer data)
{
  Halfway *h = data;

  h->progress (done, total, h->progress_data);
  if (done * 2 >= total)
    g_cancellable_cancel (h->cancellable);
}

static AffariImportReport *
import_folder_cancelled (AffariStore *store, AffariDealOps *ops, gpointer data, gboolean dry_run,
                         GCancellable *cancellable, AffariImportProgress progress, gpointer progress_data,
                         GError **error)
{
  Halfway h = { cancellable, progress, progress_data };

  return affari_import_b24 (store, ops, data, dry_run, cancellable, cancel_halfway, &h, error);
}

static void
on_progress (guint done, guint total, gpointer data)
{
  Fixture *f = data;

  f->n_progress++;
  if (g_thread_self () != f->main_thread)
    f->progress_elsewhere = TRUE;
  g_assert_cmpuint (done, <=, total);
}

static void
on_finished_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Fixture *f = data;

  f->report = affari_import_task_run_finish (result, &f->error);
  f->finished = TRUE;
}

static void
run_import (Fixture *f, gboolean dry_run)
{
  affari_import_task_run_async (f->ops, f->cancel_on_progress ? import_folder_cancelled : import_folder,
                                g_strdup (f->samples), g_free, dry_run, f->cancellable,
                                on_progress, f, on_finished_cb, f);
  while (!f->finished)
    g_main_context_iteration (NULL, TRUE);
}

static gint64
count_deals (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDealQuery) query = affari_deal_query_new ();
  gint64 n;

  n = affari_store_count_deals (f->store, query, &error);
  g_assert_no_error (error);
  return n;
}

static void
test_import (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 before = count_deals (f);

  run_import (f, FALSE);
  g_assert_no_error (f->error);
  g_assert_nonnull (f->report);
  g_assert_cmpuint (f->report->created[AFFARI_IMPORTED_DEAL], ==, 23);
  g_assert_cmpuint (f->n_progress, >, 0);
  g_assert_false (f->progress_elsewhere);
  /* The window's connection sees the deals, was told to reload, and can undo the import. */
  g_assert_cmpint (count_deals (f), ==, before + 23);
  g_assert_cmpuint (f->n_resets, ==, 1);
  g_assert_true (affari_deal_ops_can_undo (f->ops));
  g_assert_true (affari_deal_ops_undo (f->ops, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_deals (f), ==, before);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autofree char *before = affari_test_dump_tables (f->path);
  g_autofree char *after = NULL;

  f->cancel_on_progress = TRUE;
  run_import (f, FALSE);
  g_assert_null (f->report);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = affari_test_dump_tables (f->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (affari_deal_ops_can_undo (f->ops));
  g_assert_cmpuint (f->n_resets, ==, 0);
}

static void
test_dry_run (Fixture *f, gconstpointer data)
{
  g_autofree char *before = affari_test_dump_tables (f->path);
  g_autofree char *after = NULL;

  run_import (f, TRUE);
  g_assert_no_error (f->error);
  g_assert_true (f->report->dry_run);
  g_assert_cmpuint (f->report->created[AFFARI_IMPORTED_DEAL], ==, 23);
  after = affari_test_dump_tables (f->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (affari_deal_ops_can_undo (f->ops));
}

static void
test_in_memory (Fixture *f, gconstpointer data)
{
  gint64 before = count_deals (f);

  run_import (f, FALSE);
  g_assert_no_error (f->error);
  g_assert_cmpint (count_deals (f), ==, before + 23);
  g_assert_true (affari_deal_ops_can_undo (f->ops));
}

/* Another program's count of the deals in the file (it opens and closes its own connection, as
 * sqlite3 or affari-cli do: when the last connection it sees closes, it checkpoints and removes the
 * WAL unless this process still holds its locks). */
static gint64
count_elsewhere (Fixture *f)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "sqlite3", f->path, "SELECT count(*) FROM deal", NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_ascii_strtoll (out, NULL, 10);
}

/* The worker's store opens and closes the same file: the window's connection must keep its locks,
 * or another program could take the WAL away and every later change would be lost. */
static void
test_window_keeps_its_locks (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  run_import (f, TRUE);   /* a dry run: the worker's store came and went */
  g_assert_no_error (f->error);
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(AffariDeal) deal = affari_deal_new ();
      g_autoptr(AffariChangeSet) set = NULL;

      affari_deal_set_title (deal, i == 0 ? "Dopo l'anteprima" : "E ancora dopo");
      set = affari_deal_ops_create (f->ops, deal, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (count_elsewhere (f), ==, count_deals (f));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/import-task/import", Fixture, NULL, fixture_setup, test_import, fixture_teardown);
  g_test_add ("/import-task/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/import-task/dry-run", Fixture, NULL, fixture_setup, test_dry_run, fixture_teardown);
  g_test_add ("/import-task/window-keeps-its-locks", Fixture, NULL, fixture_setup, test_window_keeps_its_locks,
              fixture_teardown);
  g_test_add ("/import-task/in-memory", Fixture, GINT_TO_POINTER (TRUE), fixture_setup, test_in_memory,
              fixture_teardown);
  return g_test_run ();
}
