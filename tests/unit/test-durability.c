/* test-durability.c — a change the window shows as saved is on the disk when it returns
 *
 * A power cut loses what the operating system still holds in memory. With SQLite's WAL and
 * synchronous = NORMAL a committed transaction waits in the page cache until the next checkpoint;
 * with FULL each commit is flushed (fsync/fdatasync) before the call returns. This program counts
 * the flushes the store asks for: it defines fsync () and fdatasync () itself, which the dynamic
 * linker then uses for libsqlite3 too, and forwards them to the C library's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <dlfcn.h>
#include <glib/gstdio.h>

#include "io/affari-demo.h"
#include "model/affari-i18n.h"
#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"

static guint n_flushes;

int fsync (int fd);
int fdatasync (int fd);

int
fsync (int fd)
{
  static int (*real) (int);

  if (real == NULL)
    real = (int (*) (int)) dlsym (RTLD_NEXT, "fsync");
  n_flushes++;
  return real (fd);
}

int
fdatasync (int fd)
{
  static int (*real) (int);

  if (real == NULL)
    real = (int (*) (int)) dlsym (RTLD_NEXT, "fdatasync");
  n_flushes++;
  return real (fd);
}

/* Every move made through the operations layer is flushed to the disk before it returns. */
static void
test_every_change_is_flushed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("affari-durability-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "affari.db", NULL);
  g_autoptr(AffariStore) store = affari_store_open (path, &error);
  g_autoptr(AffariDealOps) ops = NULL;
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  gint64 first, second;

  g_assert_no_error (error);
  g_assert_true (affari_demo_generate (store, 20, 7, &error));
  g_assert_no_error (error);
  ops = affari_deal_ops_new (store);
  deals = affari_store_query_deals (store, NULL, 0, 5, &error);
  g_assert_no_error (error);
  stages = affari_store_list_stages (store, affari_store_get_default_pipeline_id (store), &error);
  g_assert_no_error (error);
  first = affari_stage_get_id (g_ptr_array_index (stages, 0));
  second = affari_stage_get_id (g_ptr_array_index (stages, 1));

  for (guint i = 0; i < deals->len; i++)
    {
      g_autoptr(AffariChangeSet) set = NULL;
      gint64 id = affari_deal_get_id (g_ptr_array_index (deals, i));
      gint64 stage = affari_deal_get_stage_id (g_ptr_array_index (deals, i)) == first ? second : first;
      guint before = n_flushes;

      set = affari_deal_ops_move (ops, &id, 1, stage, 0, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (set);
      /* At least the WAL of this commit reached the disk. */
      g_assert_cmpuint (n_flushes, >, before);
    }

  affari_store_close (store);
  g_clear_object (&ops);
  g_clear_object (&store);
  g_remove (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/durability/every-change-is-flushed", test_every_change_is_flushed);

  return g_test_run ();
}
