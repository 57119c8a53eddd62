/* affari-bench-watch.c — what seeing another window's changes costs (store/affari-store-watch.c)
 *
 * A second store on the same file stands for the other window. Timed: the poll the window runs
 * four times a second when nothing changed (one PRAGMA), and the poll that finds the other
 * window's move and emits it (the change log read, the deal read again, the change set sent).
 * What a person waits for is that plus up to one poll interval (250 ms).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-bench"

#include "config.h"

#include <stdlib.h>

#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"
#include "store/affari-store-watch.h"
#include "cli/affari-bench-private.h"

#define IDLE_POLLS 1000

void
bench_watch (JsonBuilder *json,
             AffariStore *store,
             const char  *path,
             gint64       deal_id,
             gint64       stage_a,
             gint64       stage_b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariStore) other = affari_store_open (path, &error);
  g_autoptr(AffariDealOps) ops = NULL;
  double seen[RUNS], start;

  if (other == NULL)
    g_error ("%s", error->message);
  ops = affari_deal_ops_new (other);
  affari_store_poll (store);

  start = bench_now_ms ();
  for (int i = 0; i < IDLE_POLLS; i++)
    affari_store_poll (store);
  json_builder_set_member_name (json, "poll_idle_us");
  json_builder_add_double_value (json, (bench_now_ms () - start) * 1000.0 / IDLE_POLLS);

  for (int i = 0; i < RUNS; i++)
    {
      g_autoptr(AffariChangeSet) set = affari_deal_ops_move (ops, &deal_id, 1, i % 2 ? stage_a : stage_b, 0, NULL, NULL);

      if (set == NULL)
        g_error ("the other window's move failed");
      start = bench_now_ms ();
      if (!affari_store_poll (store))
        g_error ("the other window's move was not seen");
      seen[i] = bench_now_ms () - start;
    }
  qsort (seen, RUNS, sizeof (double), bench_compare_doubles);
  json_builder_set_member_name (json, "poll_other_move_ms");
  json_builder_add_double_value (json, seen[RUNS / 2]);
}
