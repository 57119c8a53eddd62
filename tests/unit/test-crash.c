/* test-crash.c — killed at any moment, the database stays consistent with every saved change
 *
 * The program runs itself as a writer (`--writer PATH DEAL STAGE_A STAGE_B`) that moves one deal
 * back and forth between two stages through the operations layer and prints the number of each
 * move once it has returned (saved, as the window would say). The test kills the writer with
 * SIGKILL at a random moment, many times, and after each kill opens the database (recovering it)
 * and requires: the integrity check and the app's own invariants pass, and the deal's history
 * holds at least every move the writer said was saved (and at most one more: the one that was
 * committed while the number was being printed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "io/affari-demo.h"
#include "model/affari-i18n.h"
#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"

#define TEST_SECONDS 20
#define MAX_KILLS 200

static int
run_writer (const char *path, gint64 deal, gint64 stage_a, gint64 stage_b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariStore) store = affari_store_open (path, &error);
  g_autoptr(AffariDealOps) ops = NULL;

  if (store == NULL)
    {
      fprintf (stderr, "writer: %s\n", error->message);
      return 1;
    }
  ops = affari_deal_ops_new (store);
  for (guint64 n = 1;; n++)
    {
      g_autoptr(AffariDeal) now = affari_store_get_deal (store, deal, NULL);
      /* Always to the other stage: each move is one stage event in the history. */
      gint64 target = now != NULL && affari_deal_get_stage_id (now) == stage_a ? stage_b : stage_a;
      g_autoptr(AffariChangeSet) set = affari_deal_ops_move (ops, &deal, 1, target, 0, NULL, &error);

      if (set == NULL)
        {
          fprintf (stderr, "writer: %s\n", error->message);
          return 1;
        }
      /* Said saved only now that the move returned. */
      printf ("%" G_GUINT64_FORMAT "\n", n);
      fflush (stdout);
    }
  return 0;
}

static guint
count_moves (AffariStore *store, gint64 deal)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = affari_store_list_events (store, deal, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      AffariEventType kind = affari_event_get_kind (g_ptr_array_index (events, i));

      if (kind == AFFARI_EVENT_STAGE)
        n++;
    }
  return n;
}

static void
test_kill_anytime (gconstpointer data)
{
  const char *self_path = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("affari-crash-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "affari.db", NULL);
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 deal, stage_a, stage_b;
  guint saved = 0, kills = 0, base_moves;
  gint64 end = g_get_monotonic_time () + TEST_SECONDS * G_USEC_PER_SEC;

  {
    g_autoptr(AffariStore) store = affari_store_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (affari_demo_generate (store, 200, 3, &error));
    g_assert_no_error (error);
    stages = affari_store_list_stages (store, affari_store_get_default_pipeline_id (store), &error);
    ids = affari_store_query_deal_ids (store, NULL, &error);
    deal = g_array_index (ids, gint64, 0);
    stage_a = affari_stage_get_id (g_ptr_array_index (stages, 0));
    stage_b = affari_stage_get_id (g_ptr_array_index (stages, 1));
    base_moves = count_moves (store, deal);
    affari_store_close (store);
  }

  while (kills < MAX_KILLS && g_get_monotonic_time () < end)
    {
      g_autofree char *deal_text = g_strdup_printf ("%" G_GINT64_FORMAT, deal);
      g_autofree char *a_text = g_strdup_printf ("%" G_GINT64_FORMAT, stage_a);
      g_autofree char *b_text = g_strdup_printf ("%" G_GINT64_FORMAT, stage_b);
      const char *argv[] = { self_path, "--writer", path, deal_text, a_text, b_text, NULL };
      g_autoptr(GIOChannel) out = NULL;
      g_autoptr(AffariStore) store = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      GPid pid;
      int out_fd, status;
      guint last = 0, moves;
      gint64 kill_at = g_get_monotonic_time () + g_test_rand_int_range (20, 250) * 1000;
      char *line = NULL;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                               &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);
      out = g_io_channel_unix_new (out_fd);
      g_io_channel_set_close_on_unref (out, TRUE);
      g_io_channel_set_flags (out, G_IO_FLAG_NONBLOCK, NULL);
      while (g_get_monotonic_time () < kill_at)
        {
          GIOStatus st = g_io_channel_read_line (out, &line, NULL, NULL, NULL);

          if (st == G_IO_STATUS_NORMAL && line != NULL)
            last = (guint) g_ascii_strtoull (line, NULL, 10);
          else if (st == G_IO_STATUS_AGAIN)
            g_usleep (500);
          else if (st == G_IO_STATUS_EOF)
            break;
          g_clear_pointer (&line, g_free);
        }
      kill (pid, SIGKILL);
      /* What was printed before the kill was saved too. */
      while (g_io_channel_read_line (out, &line, NULL, NULL, NULL) == G_IO_STATUS_NORMAL && line != NULL)
        {
          last = (guint) g_ascii_strtoull (line, NULL, 10);
          g_clear_pointer (&line, g_free);
        }
      waitpid (pid, &status, 0);
      g_spawn_close_pid (pid);
      kills++;

      store = affari_store_open (path, &error);
      g_assert_no_error (error);
      if (!affari_store_check (store, &problems, &error))
        g_error ("after kill %u: %s", kills, error != NULL ? error->message : (char *) g_ptr_array_index (problems, 0));
      moves = count_moves (store, deal) - base_moves;
      saved += last;
      if (moves < saved || moves > saved + kills)
        g_error ("after kill %u: %u moves in the history, %u said saved", kills, moves, saved);
      /* Start the next round from what is in the database. */
      saved = moves;
      affari_store_close (store);
    }
  g_test_message ("%u kills, %u moves saved, none lost", kills, saved);
  g_assert_cmpuint (kills, >=, 20);

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
  if (argc == 6 && g_str_equal (argv[1], "--writer"))
    return run_writer (argv[2], g_ascii_strtoll (argv[3], NULL, 10), g_ascii_strtoll (argv[4], NULL, 10),
                       g_ascii_strtoll (argv[5], NULL, 10));

  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/crash/kill-anytime", argv[0], test_kill_anytime);
  return g_test_run ();
}
