/* affari-bench-server-report.c — affari-bench --server's figures, once the team has stopped
 *
 * The moves done by the sellers against what the other window saw of them and against the
 * server's history (as many move events as moves done, every moved deal in the stage of its last
 * move: none lost or overwritten); the boards again on the copies once the machine is quiet, and
 * on the same files opened as plain SQLite databases (the figure the embedded store has); a
 * search typed on a seller's copy and on the "all" window's (the server searches) against the same
 * plain files (SQLite's own index); the memory. Printed as JSON (bench_print_json), as affari-bench's other reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-bench"

#include "config.h"

#include <string.h>

#include "store/affari-store.h"
#include "cli/affari-bench-private.h"
#if HAVE_LIBPQ
#include "store/pg/affari-pg-store.h"
#endif

#if HAVE_LIBPQ

/* The moves begun after this long are the steady state: everyone's first move, with the
 * server's warm-up of a new connection, comes before. */
#define STEADY_AFTER_MS 15000.0

static double
percentile (GArray *values, double p)
{
  if (values->len == 0)
    return -1;
  g_array_sort (values, bench_compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

static void
add_int (JsonBuilder *json, const char *name, gint64 value)
{
  json_builder_set_member_name (json, name);
  json_builder_add_int_value (json, value);
}

static void
add_double (JsonBuilder *json, const char *name, double value)
{
  json_builder_set_member_name (json, name);
  json_builder_add_double_value (json, value);
}

/* The median of RUNS board openings on @store. */
static double
board_median (AffariStore *store, gint64 pipeline, GPtrArray *stages)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (int run = 0; run < RUNS; run++)
    {
      double took = bench_server_board_ms (store, pipeline, stages);
      g_array_append_val (times, took);
    }
  return percentile (times, 0.5);
}

/* "manutenzione" typed a key at a time from its third letter, on a board with a search: each
 * keystroke the pipeline's matching ids and its columns' totals; the median keystroke. On a
 * server's copy the server searches (its Italian index), on a plain file SQLite's own index. */
static double
search_median (AffariStore *store, gint64 pipeline)
{
  static const char word[] = "manutenzione";
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (int run = 0; run < RUNS; run++)
    for (gsize len = 3; len <= strlen (word); len++)
      {
        g_autofree char *typed = g_strndup (word, len);
        AffariDealQuery q = { .pipeline_id = pipeline, .text = typed };
        double start = bench_now_ms (), took;
        g_autoptr(GArray) ids = affari_store_query_deal_ids (store, &q, NULL);
        g_autoptr(GArray) totals = affari_store_stage_totals (store, &q, NULL);

        if (ids == NULL || totals == NULL)
          return -1;
        took = bench_now_ms () - start;
        g_array_append_val (times, took);
      }
  return percentile (times, 0.5);
}

typedef struct {
  double board_quiet;         /* the board on the copy once the team has stopped */
  double board_sqlite;        /* the same file opened as a plain SQLite database */
  double search_quiet;        /* a search keystroke, the server searching */
  double search_sqlite;       /* the same on the plain file */
} Against;

/* The board and a search on a copy once the team has stopped (the store still open), then on
 * the same file opened as a plain SQLite database; closes @store. */
static void
against_sqlite (AffariStore **store,
                const char   *cache,
                gint64        pipeline,
                GPtrArray    *stages,
                gboolean      search,
                Against      *out)
{
  g_autoptr(AffariStore) plain = NULL;

  out->board_quiet = out->board_sqlite = out->search_quiet = out->search_sqlite = -1;
  if (*store == NULL)
    return;
  out->board_quiet = board_median (*store, pipeline, stages);
  if (search)
    out->search_quiet = search_median (*store, pipeline);
  g_clear_object (store);
  plain = affari_store_open_read_only (cache, NULL);
  if (plain != NULL)
    {
      out->board_sqlite = board_median (plain, pipeline, stages);
      if (search)
        out->search_sqlite = search_median (plain, pipeline);
    }
}

/* When the other window was told of @m: its first change set after the move's start with the
 * deal in the move's target stage; -1 if never. */
static double
seen_after (BenchWindow *w, const BenchMove *m)
{
  for (guint a = 0; a < w->seen->len; a++)
    {
      const BenchMove *seen = &g_array_index (w->seen, BenchMove, a);

      if (seen->deal_id == m->deal_id && seen->stage_id == m->stage_id && seen->end_ms >= m->start_ms)
        return seen->end_ms - m->start_ms;
    }
  return -1;
}

int
bench_server_report (BenchServerRun *run,
                     AffariPgStore  *admin)
{
  BenchWindow *w = &run->window;
  g_autoptr(JsonBuilder) json = json_builder_new ();
  g_autoptr(GArray) open_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) move_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) first_move_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) steady_move_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) steady_seen_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) seen_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) board = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) quiet = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sqlite = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GHashTable) last_move = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gint64 moves_in_history = 0;
  guint moves_done = 0, refused = 0, lost = 0, unseen = 0, failed = 0, deals_per_seller = 0;
  double all_quiet, all_sqlite, quiet_p50, sqlite_p50;
  Against all, seller_search = { -1, -1, -1, -1 };
  long rss_kb = bench_rss_kb (0);
  GHashTableIter iter;
  gpointer value;

  for (int i = 0; i < run->n_sellers; i++)
    {
      BenchSeller *s = &run->sellers[i];

      if (s->error != NULL)
        {
          g_printerr ("seller %d: %s\n", i + 1, s->error);
          failed++;
          continue;
        }
      if (s->refusal != NULL)
        g_printerr ("seller %d: %u moves refused, the first: %s\n", i + 1, s->refused, s->refusal);
      refused += s->refused;
      deals_per_seller += s->n_deals;
      g_array_append_val (open_ms, s->open_ms);
      g_array_append_vals (board, s->boards->data, s->boards->len);
      for (guint k = 0; k < s->moves->len; k++)
        {
          BenchMove *m = &g_array_index (s->moves, BenchMove, k);
          BenchMove *last = g_hash_table_lookup (last_move, &m->deal_id);
          double took = m->end_ms - m->start_ms, heard = seen_after (w, m);

          g_array_append_val (move_ms, took);
          /* A connection's first write also warms the server's caches for it (the functions
           * of the rights, the triggers): shown apart as well. */
          if (k == 0)
            g_array_append_val (first_move_ms, took);
          if (m->start_ms - run->go_ms >= STEADY_AFTER_MS)
            {
              g_array_append_val (steady_move_ms, took);
              if (heard >= 0)
                g_array_append_val (steady_seen_ms, heard);
            }
          moves_done++;
          if (heard < 0)
            unseen++;
          else
            g_array_append_val (seen_ms, heard);
          if (last == NULL || last->end_ms < m->end_ms)
            g_hash_table_insert (last_move, g_memdup2 (&m->deal_id, sizeof (gint64)), g_memdup2 (m, sizeof (BenchMove)));
        }
    }

  /* Nothing lost or overwritten: every move done is in the server's history, and every deal is
   * in the stage its last move put it in. */
  affari_pg_store_moves_since (admin, run->first_event, NULL, &moves_in_history, NULL);
  g_hash_table_iter_init (&iter, last_move);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      BenchMove *m = value;

      if (affari_pg_store_deal_stage (admin, m->deal_id, NULL) != m->stage_id)
        lost++;
    }

  /* The boards once the team has stopped, on the copies and on the same files as plain SQLite. */
  for (int i = 0; i < run->n_sellers; i++)
    {
      BenchSeller *s = &run->sellers[i];
      Against a;

      /* the search: the first seller's copy ("Propri") */
      against_sqlite (&s->store, s->cache, s->pipeline, s->stages, i == 0, &a);
      if (i == 0)
        seller_search = a;
      if (a.board_quiet >= 0 && a.board_sqlite >= 0)
        {
          g_array_append_val (quiet, a.board_quiet);
          g_array_append_val (sqlite, a.board_sqlite);
        }
    }
  against_sqlite (&w->store, w->cache, w->pipeline, w->stages, TRUE, &all);
  all_quiet = all.board_quiet;
  all_sqlite = all.board_sqlite;
  quiet_p50 = percentile (quiet, 0.5);
  sqlite_p50 = percentile (sqlite, 0.5);

  json_builder_begin_object (json);
  add_int (json, "sellers", run->n_sellers);
  add_int (json, "sellers_failed", failed);
  add_int (json, "seconds", run->seconds);
  add_int (json, "deals", run->deals);
  add_int (json, "deals_per_seller", run->n_sellers > (int) failed ? deals_per_seller / (run->n_sellers - failed) : 0);
  add_double (json, "import_ms", run->import_ms);
  add_double (json, "share_deals_ms", run->share_ms);
  add_double (json, "seller_open_p50_ms", percentile (open_ms, 0.5));
  add_double (json, "seller_open_p95_ms", percentile (open_ms, 0.95));
  add_double (json, "all_open_ms", run->all_open_ms);
  add_int (json, "moves", moves_done);
  add_int (json, "moves_refused", refused);
  add_double (json, "move_persisted_p50_ms", percentile (move_ms, 0.5));
  add_double (json, "move_persisted_p95_ms", percentile (move_ms, 0.95));
  add_double (json, "move_persisted_max_ms", percentile (move_ms, 1.0));
  add_double (json, "first_move_p50_ms", percentile (first_move_ms, 0.5));
  add_double (json, "move_persisted_steady_p95_ms", percentile (steady_move_ms, 0.95));
  add_double (json, "seen_by_other_window_p50_ms", percentile (seen_ms, 0.5));
  add_double (json, "seen_by_other_window_p95_ms", percentile (seen_ms, 0.95));
  add_double (json, "seen_by_other_window_steady_p95_ms", percentile (steady_seen_ms, 0.95));
  add_int (json, "moves_not_seen", unseen);
  add_double (json, "board_open_p50_ms", percentile (board, 0.5));
  add_double (json, "board_open_p95_ms", percentile (board, 0.95));
  add_double (json, "board_open_quiet_ms", quiet_p50);
  add_double (json, "board_open_sqlite_ms", sqlite_p50);
  add_double (json, "board_open_ratio", sqlite_p50 > 0 ? quiet_p50 / sqlite_p50 : -1);
  add_double (json, "board_open_under_load_ratio", sqlite_p50 > 0 ? percentile (board, 0.5) / sqlite_p50 : -1);
  add_double (json, "all_board_open_p50_ms", percentile (w->boards, 0.5));
  add_double (json, "all_board_open_p95_ms", percentile (w->boards, 0.95));
  add_double (json, "all_board_open_quiet_ms", all_quiet);
  add_double (json, "all_board_open_sqlite_ms", all_sqlite);
  add_double (json, "all_board_open_ratio", all_sqlite > 0 ? all_quiet / all_sqlite : -1);
  add_double (json, "all_board_open_under_load_ratio",
              all_sqlite > 0 ? percentile (w->boards, 0.5) / all_sqlite : -1);
  add_double (json, "search_keystroke_server_ms", seller_search.search_quiet);
  add_double (json, "search_keystroke_sqlite_ms", seller_search.search_sqlite);
  add_double (json, "all_search_keystroke_server_ms", all.search_quiet);
  add_double (json, "all_search_keystroke_sqlite_ms", all.search_sqlite);
  add_int (json, "moves_in_history", moves_in_history);
  add_int (json, "lost_or_overwritten", lost + (moves_in_history != moves_done ? 1 : 0));
  add_int (json, "setup_rss_kb", run->setup_rss_kb);
  add_int (json, "rss_kb", rss_kb);
  add_int (json, "peak_rss_kb", MAX (rss_kb, bench_peak_rss_kb ()));
  json_builder_end_object (json);
  bench_print_json (json);

  return failed == 0 && lost == 0 && moves_in_history == moves_done ? 0 : 1;
}

#endif
