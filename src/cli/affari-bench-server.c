/* affari-bench-server.c — affari-bench --server URL --sellers N: a team on one PostgreSQL server
 *
 * N sellers, each on a connection of their own (a login of scope "all", made by the benchmark),
 * move cards at a person's pace — one move every 2 to 5 seconds — and open the board every
 * fifteen seconds, for --seconds (120); another connection, as another window, listens to the
 * announcements of the changes. Reported: the moves persisted (p50, p95: the call returns after
 * the commit), how long a move took to be seen by the listening window (p95, from the move's
 * start), the board's opening on the server (p50, p95) against the same reading of the local
 * SQLite file, and the history checked at the end: as many move events as moves reported done,
 * and every deal moved in the stage of its last move (none lost or overwritten).
 *
 * The server must be empty (the benchmark generates --deals sample deals into a local file and
 * imports it, as `server import-local` does) or hold deals already (then they are used as they
 * are). The URL is the server owner's: the sellers' logins are made with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-bench"

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "io/affari-demo.h"
#include "model/affari-error.h"
#include "store/affari-store.h"
#include "cli/affari-bench-private.h"
#if HAVE_LIBPQ
#include "store/pg/affari-pg-store.h"
#endif

#if HAVE_LIBPQ

#define BOARD_EVERY_S 15
#define CARDS_PER_STAGE 20

typedef struct {
  gint64 deal_id;
  gint64 stage_id;
  double start_ms;
  double end_ms;
} Move;

typedef struct {
  const char *url;            /* the seller's */
  GArray *ids;                /* the deals to move (shared, read-only) */
  GPtrArray *codes;           /* in-progress stage codes of the pipeline */
  gint64 pipeline;
  double end_ms;
  guint32 seed;
  GArray *moves;              /* Move, done */
  GArray *boards;             /* double ms */
  guint failed;
  char *error;
} Seller;

typedef struct {
  AffariPgStore *store;
  double end_ms;
  GMutex lock;
  GArray *arrivals;           /* Move: the deal and the time (end_ms) of each announcement */
} Listener;

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  return bench_compare_doubles (a, b);
}

static double
percentile (GArray *values, double p)
{
  if (values->len == 0)
    return -1;
  g_array_sort (values, compare_doubles);
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

static gpointer
seller_thread (gpointer data)
{
  Seller *s = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (s->seed);
  g_autoptr(AffariPgStore) store = affari_pg_store_open (s->url, &error);
  double next_board;

  if (store == NULL)
    {
      s->error = g_strdup (error->message);
      return NULL;
    }
  /* Everyone opens the board at once at the start, then now and then. */
  next_board = bench_now_ms ();
  while (bench_now_ms () < s->end_ms)
    {
      double wait_ms = g_rand_double_range (rand, 2000, 5000);
      Move move = { 0 };
      g_autoptr(AffariStage) stage = NULL;
      gboolean moved = FALSE, is_lead = FALSE;

      if (bench_now_ms () >= next_board)
        {
          double start = bench_now_ms (), took;

          if (affari_pg_store_read_board (store, s->pipeline, CARDS_PER_STAGE, &error) < 0)
            {
              s->error = g_strdup (error->message);
              return NULL;
            }
          took = bench_now_ms () - start;
          g_array_append_val (s->boards, took);
          next_board += BOARD_EVERY_S * 1000.0;
        }
      g_usleep ((gulong) (wait_ms * 1000));
      if (bench_now_ms () >= s->end_ms)
        break;

      move.deal_id = g_array_index (s->ids, gint64, g_rand_int_range (rand, 0, (gint32) s->ids->len));
      move.start_ms = bench_now_ms ();
      stage = affari_pg_store_move (store, move.deal_id,
                                    g_ptr_array_index (s->codes, g_rand_int_range (rand, 0, (gint32) s->codes->len)),
                                    NULL, &moved, &is_lead, &error);
      move.end_ms = bench_now_ms ();
      if (stage == NULL)
        {
          s->failed++;
          g_clear_error (&error);
          continue;
        }
      if (!moved)
        continue;   /* it was there already: nothing written */
      move.stage_id = affari_stage_get_id (stage);
      g_array_append_val (s->moves, move);
    }
  return NULL;
}

static gpointer
listener_thread (gpointer data)
{
  Listener *l = data;

  while (bench_now_ms () < l->end_ms + 2000)
    {
      g_autoptr(GError) error = NULL;
      gint64 seq = affari_pg_store_wait_change (l->store, 200, &error);
      double now = bench_now_ms ();
      Move arrival = { 0 };

      if (seq <= 0)
        continue;
      arrival.deal_id = affari_pg_store_change_deal (l->store, seq, NULL);
      arrival.end_ms = now;
      g_mutex_lock (&l->lock);
      g_array_append_val (l->arrivals, arrival);
      g_mutex_unlock (&l->lock);
    }
  return NULL;
}

/* The same reading as the server's board on the local file: every stage's totals and first cards. */
static double
sqlite_board_ms (const char *path, gint64 *out_pipeline)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariStore) store = affari_store_open_read_only (path, &error);
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 pipeline;
  double result;

  if (store == NULL)
    return -1;
  pipeline = affari_store_get_default_pipeline_id (store);
  for (int run = 0; run < RUNS; run++)
    {
      double start = bench_now_ms (), took;
      AffariDealQuery q = { .pipeline_id = pipeline };
      g_autoptr(GArray) totals = affari_store_stage_totals (store, &q, NULL);
      g_autoptr(GPtrArray) stages = affari_store_list_stages (store, pipeline, NULL);

      for (guint i = 0; stages != NULL && i < stages->len; i++)
        {
          AffariDealQuery sq = { .stage_id = affari_stage_get_id (g_ptr_array_index (stages, i)) };
          g_autoptr(GArray) ids = affari_store_query_deal_ids (store, &sq, NULL);
          g_autoptr(GPtrArray) deals = ids != NULL && ids->len > 0
            ? affari_store_load_deals (store, (const gint64 *) ids->data, MIN (ids->len, CARDS_PER_STAGE), NULL) : NULL;
        }
      took = bench_now_ms () - start;
      g_array_append_val (times, took);
    }
  result = percentile (times, 0.5);
  g_array_unref (times);
  if (out_pipeline != NULL)
    *out_pipeline = pipeline;
  return result;
}

int
bench_run_server (const char *url,
                  int         n_sellers,
                  int         seconds,
                  int         n_deals,
                  guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariPgStore) admin = affari_pg_store_open (url, &error);
  g_autoptr(AffariPgStore) listening = NULL;
  g_autoptr(JsonBuilder) json = json_builder_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) pipelines = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) move_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) seen_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) board_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GHashTable) last_move = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autofree char *dir = NULL, *path = NULL;
  Seller *sellers;
  GThread **threads, *listener_t;
  Listener listener = { 0 };
  gint64 pipeline, first_event = 0, moves_in_history = 0;
  double import_ms = -1, sqlite_ms = -1, start;
  guint moves_done = 0, failed = 0, lost = 0, unseen = 0;
  int version;

  if (admin == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (!affari_pg_store_init (admin, &version, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* The deals: generated into a local file and imported, unless the server has some. */
  dir = g_dir_make_tmp ("affari-bench-server-XXXXXX", &error);
  path = g_build_filename (dir, "local.db", NULL);
  pipelines = affari_pg_store_list_pipelines (admin, &error);
  if (pipelines == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (pipelines->len == 0)
    {
      g_autoptr(AffariStore) local = affari_store_open (path, &error);

      if (local == NULL || !affari_demo_generate (local, (guint) n_deals, seed, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      start = bench_now_ms ();
      if (!affari_pg_store_import_local (admin, local, NULL, NULL, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      import_ms = bench_now_ms () - start;
      g_clear_object (&local);
      sqlite_ms = sqlite_board_ms (path, NULL);
      g_clear_pointer (&pipelines, g_ptr_array_unref);
      pipelines = affari_pg_store_list_pipelines (admin, &error);
    }
  pipeline = affari_pipeline_get_id (g_ptr_array_index (pipelines, 0));
  stages = affari_pg_store_list_stages (admin, pipeline, &error);
  ids = affari_pg_store_deal_ids (admin, pipeline, &error);
  if (stages == NULL || ids == NULL || ids->len == 0)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "no deals on the server");
      return 1;
    }
  for (guint i = 0; i < stages->len; i++)
    if (affari_stage_get_semantics (g_ptr_array_index (stages, i)) == AFFARI_SEMANTICS_PROCESS)
      g_ptr_array_add (codes, g_strdup (affari_stage_get_code (g_ptr_array_index (stages, i))));
  affari_pg_store_moves_since (admin, 0, &first_event, NULL, NULL);

  /* The other window: the owner's connection, listening. */
  listening = affari_pg_store_open (url, &error);
  if (listening == NULL || !affari_pg_store_listen (listening, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  sellers = g_new0 (Seller, n_sellers);
  threads = g_new0 (GThread *, n_sellers);
  start = bench_now_ms ();
  listener = (Listener) { .store = listening, .end_ms = start + seconds * 1000.0,
                          .arrivals = g_array_new (FALSE, FALSE, sizeof (Move)) };
  g_mutex_init (&listener.lock);
  listener_t = g_thread_new ("listener", listener_thread, &listener);
  for (int i = 0; i < n_sellers; i++)
    {
      g_autofree char *login = g_strdup_printf ("bench_seller_%d", i + 1);
      g_autofree char *password = g_strdup_printf ("affari-bench-%d", i + 1);
      g_autoptr(GError) add_error = NULL;

      /* Made once; a later run finds it (its password is the benchmark's). */
      if (!affari_pg_store_add_user (admin, login, login, password, "all", NULL, NULL, &add_error) &&
          !g_error_matches (add_error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT))
        {
          g_printerr ("%s\n", add_error->message);
          return 1;
        }
      sellers[i] = (Seller) { .url = affari_pg_store_url_for (url, login, password, NULL), .ids = ids,
                              .codes = codes, .pipeline = pipeline, .end_ms = start + seconds * 1000.0,
                              .seed = seed * 7919u + (guint32) i,
                              .moves = g_array_new (FALSE, FALSE, sizeof (Move)),
                              .boards = g_array_new (FALSE, FALSE, sizeof (double)) };
      threads[i] = g_thread_new ("seller", seller_thread, &sellers[i]);
    }
  for (int i = 0; i < n_sellers; i++)
    g_thread_join (threads[i]);
  g_thread_join (listener_t);

  /* What the sellers did, and when the other window heard of it. */
  for (int i = 0; i < n_sellers; i++)
    {
      Seller *s = &sellers[i];

      if (s->error != NULL)
        g_printerr ("seller %d: %s\n", i + 1, s->error);
      failed += s->failed;
      for (guint k = 0; k < s->boards->len; k++)
        g_array_append_val (board_ms, g_array_index (s->boards, double, k));
      for (guint k = 0; k < s->moves->len; k++)
        {
          Move *m = &g_array_index (s->moves, Move, k);
          double took = m->end_ms - m->start_ms, heard = -1;
          Move *last = g_hash_table_lookup (last_move, &m->deal_id);

          g_array_append_val (move_ms, took);
          moves_done++;
          /* The first announcement of this deal after the move started. */
          for (guint a = 0; a < listener.arrivals->len; a++)
            {
              Move *arrival = &g_array_index (listener.arrivals, Move, a);

              if (arrival->deal_id == m->deal_id && arrival->end_ms >= m->start_ms)
                {
                  heard = arrival->end_ms - m->start_ms;
                  break;
                }
            }
          if (heard < 0)
            unseen++;
          else
            g_array_append_val (seen_ms, heard);
          if (last == NULL || last->end_ms < m->end_ms)
            g_hash_table_insert (last_move, g_memdup2 (&m->deal_id, sizeof (gint64)), g_memdup2 (m, sizeof (Move)));
        }
    }
  /* Nothing lost or overwritten: every move done is in the history, and every deal is in the
   * stage its last move put it in. */
  affari_pg_store_moves_since (admin, first_event, NULL, &moves_in_history, NULL);
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, last_move);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        Move *m = value;

        if (affari_pg_store_deal_stage (admin, m->deal_id, NULL) != m->stage_id)
          lost++;
      }
  }

  json_builder_begin_object (json);
  add_int (json, "sellers", n_sellers);
  add_int (json, "seconds", seconds);
  add_int (json, "deals", ids->len);
  add_double (json, "import_ms", import_ms);
  add_int (json, "moves", moves_done);
  add_int (json, "moves_refused", failed);
  add_double (json, "move_persisted_p50_ms", percentile (move_ms, 0.5));
  add_double (json, "move_persisted_p95_ms", percentile (move_ms, 0.95));
  add_double (json, "seen_by_other_window_p95_ms", percentile (seen_ms, 0.95));
  add_int (json, "moves_not_seen", unseen);
  add_double (json, "board_open_p50_ms", percentile (board_ms, 0.5));
  add_double (json, "board_open_p95_ms", percentile (board_ms, 0.95));
  add_double (json, "board_open_sqlite_ms", sqlite_ms);
  add_double (json, "board_open_ratio", sqlite_ms > 0 ? percentile (board_ms, 0.5) / sqlite_ms : -1);
  add_int (json, "moves_in_history", moves_in_history);
  add_int (json, "lost_or_overwritten", lost + (moves_in_history != moves_done ? 1 : 0));
  json_builder_end_object (json);
  bench_print_json (json);

  for (int i = 0; i < n_sellers; i++)
    {
      g_free ((char *) sellers[i].url);
      g_free (sellers[i].error);
      g_array_unref (sellers[i].moves);
      g_array_unref (sellers[i].boards);
    }
  g_free (sellers);
  g_free (threads);
  g_array_unref (listener.arrivals);
  g_mutex_clear (&listener.lock);
  g_unlink (path);
  g_rmdir (dir);
  return lost == 0 && moves_in_history == moves_done ? 0 : 1;
}

#else /* !HAVE_LIBPQ */

int
bench_run_server (const char *url,
                  int         n_sellers,
                  int         seconds,
                  int         n_deals,
                  guint32     seed)
{
  g_printerr ("affari-bench was built without team mode (libpq)\n");
  return 1;
}

#endif
