/* test-backup.c — backups while the deals keep moving, the daily ones, and restoring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "io/affari-demo.h"
#include "model/affari-i18n.h"
#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"
#include "affari-test-files.h"

typedef struct {
  char *dir;
  char *path;
  AffariStore *store;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("affari-backup-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "affari.db", NULL);
  f->store = affari_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (affari_demo_generate (f->store, 400, 5, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->store != NULL)
    affari_store_close (f->store);
  g_clear_object (&f->store);
  affari_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static GArray *
all_ids (AffariStore *store)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = affari_store_query_deal_ids (store, NULL, &error);

  g_assert_no_error (error);
  return ids;
}

static void
assert_passes_check (AffariStore *store)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  if (!affari_store_check (store, &problems, &error))
    g_error ("check failed: %s", error != NULL ? error->message : (char *) g_ptr_array_index (problems, 0));
}

typedef struct {
  const char *source;
  const char *dest;
  gboolean ok;
  gint n_progress;
  GError *error;
} BackupJob;

static void
on_progress (int done, int total, gpointer data)
{
  BackupJob *job = data;

  g_assert_cmpint (done, <=, total);
  g_atomic_int_inc (&job->n_progress);
}

static gpointer
backup_thread (gpointer data)
{
  BackupJob *job = data;

  job->ok = affari_store_backup_file (job->source, job->dest, on_progress, job, NULL, &job->error);
  return NULL;
}

/* A backup taken on a worker thread while deals keep moving on the main one is a consistent
 * database: it passes the check, holds the same deals, and the kept totals agree with them. */
static void
test_backup_while_moving (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "copy.db", NULL);
  g_autoptr(AffariDealOps) ops = affari_deal_ops_new (f->store);
  g_autoptr(GPtrArray) stages = affari_store_list_stages (f->store, affari_store_get_default_pipeline_id (f->store), &error);
  g_autoptr(GArray) ids = all_ids (f->store);
  g_autoptr(AffariStore) copy = NULL;
  g_autoptr(GArray) copied = NULL;
  BackupJob job = { f->path, dest, FALSE, 0, NULL };
  GThread *thread;
  guint moves = 0;

  thread = g_thread_new ("backup", backup_thread, &job);
  for (guint i = 0; i < 150 || g_atomic_int_get (&job.n_progress) == 0; i++)
    {
      g_autoptr(AffariChangeSet) set = NULL;
      gint64 id = g_array_index (ids, gint64, i % ids->len);
      gint64 stage = affari_stage_get_id (g_ptr_array_index (stages, i % 2));

      set = affari_deal_ops_move (ops, &id, 1, stage, 0, NULL, &error);
      g_assert_no_error (error);
      moves++;
      if (i > 5000)
        break;
    }
  g_thread_join (thread);
  g_assert_no_error (job.error);
  g_assert_true (job.ok);
  g_assert_cmpint (job.n_progress, >, 0);
  g_test_message ("%u moves while the backup ran", moves);

  copy = affari_store_open_read_only (dest, &error);
  g_assert_no_error (error);
  assert_passes_check (copy);
  copied = all_ids (copy);
  g_assert_cmpuint (copied->len, ==, ids->len);
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (dest, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
}

/* Restoring puts the backup's deals back, keeps the database as it was among the backups, and is
 * refused while the database is open for writing or when the backup is damaged. */
static void
test_restore (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *damaged = g_build_filename (f->dir, "damaged.db", NULL);
  g_autoptr(AffariStore) kept_store = NULL;
  g_autoptr(AffariStore) restored = NULL;
  g_autofree char *bytes = NULL;
  gsize length;
  guint before = affari_store_count_deals (f->store, NULL, NULL);

  g_assert_true (affari_store_backup_file (f->path, dest, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (affari_demo_generate (f->store, 50, 9, &error));
  g_assert_no_error (error);

  /* Open: refused, nothing changed. */
  g_assert_false (affari_store_restore_file (dest, f->path, 1796000000, NULL, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpuint (affari_store_count_deals (f->store, NULL, NULL), ==, before + 50);

  /* A damaged backup: refused. */
  g_assert_true (g_file_get_contents (dest, &bytes, &length, NULL));
  memset (bytes + length / 2, 0x5a, 4096);
  g_assert_true (g_file_set_contents (damaged, bytes, (gssize) length, NULL));
  affari_store_close (f->store);
  g_clear_object (&f->store);
  g_assert_false (affari_store_restore_file (damaged, f->path, 1796000000, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (affari_store_restore_file (dest, f->path, 1796000000, &kept, &error));
  g_assert_no_error (error);
  restored = affari_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (affari_store_count_deals (restored, NULL, NULL), ==, before);
  assert_passes_check (restored);
  g_assert_nonnull (kept);
  kept_store = affari_store_open_read_only (kept, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (affari_store_count_deals (kept_store, NULL, NULL), ==, before + 50);
  affari_store_close (restored);
}

/* One automatic backup a day, the newest seven kept, private. */
static void
test_daily (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  gint64 day = 1796000000;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *made = NULL;
      g_autofree char *again = NULL;

      g_assert_true (affari_store_auto_backup (f->path, day + i * 86400, &made, &error));
      g_assert_no_error (error);
      g_assert_nonnull (made);
      g_assert_true (affari_store_auto_backup (f->path, day + i * 86400 + 3600, &again, &error));
      g_assert_null (again);
    }
  backups = affari_store_list_backups (f->path);
  g_assert_cmpuint (backups->len, ==, 7);
  for (guint i = 0; i < backups->len; i++)
    {
      AffariBackupInfo *info = g_ptr_array_index (backups, i);
      GStatBuf st;

      g_assert_cmpint (info->n_deals, ==, 400);
      g_assert_cmpint (g_stat (info->path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      if (i > 0)
        g_assert_cmpint (info->modified, <=, ((AffariBackupInfo *) g_ptr_array_index (backups, i - 1))->modified);
    }
}

int
main (int argc, char **argv)
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/backup/while-moving", Fixture, NULL, fixture_setup, test_backup_while_moving, fixture_teardown);
  g_test_add ("/backup/restore", Fixture, NULL, fixture_setup, test_restore, fixture_teardown);
  g_test_add ("/backup/daily", Fixture, NULL, fixture_setup, test_daily, fixture_teardown);

  return g_test_run ();
}
