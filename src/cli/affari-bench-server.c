/* affari-bench-server.c — affari-bench --server URL --sellers N: a team on one PostgreSQL server,
 * through the app's own store
 *
 * Each of the N sellers is a login of scope "own" (made by the benchmark with the owner's URL)
 * owning an equal share of the default pipeline's deals (given to them on the server by the
 * owner, through the owner's own AffariStore, before anyone opens), and runs in a thread of its
 * own as a window does: its own AffariStore opened with affari_store_open_server () (its own
 * copy in a temporary folder), affari_store_poll () every 250 ms, one of its deals moved with
 * affari_store_move_deal () every 2 to 5 seconds and the board opened every fifteen seconds (the
 * same reads as the SQLite board figure of `affari-bench`), for --seconds (120). One more store,
 * a login of scope "all" with every deal, is the other window: its thread polls every 50 ms and
 * notes when each move reached it (its "changed" set: the deal in the move's target stage).
 *
 * Reported (affari-bench-server-report.c): the stores' opening (the snapshot), the moves
 * persisted (the call returns after the server's commit), how long a move took to be seen by
 * the other window, the board's opening on the copies against the same reads of the same file
 * opened as a plain SQLite database, the moves refused, the memory, and the history checked at
 * the end: as many move events on the server as moves done, every moved deal in the stage of
 * its last move (none lost or overwritten).
 *
 * The server must be empty (the benchmark generates --deals sample deals into a local file and
 * imports it, as `server import-local` does) or hold deals already (then they are used as they
 * are). The URL is the server owner's: the logins are made with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-bench"

#include "config.h"

#include <glib/gstdio.h>

#include "io/affari-demo.h"
#include "model/affari-error.h"
#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"
#include "store/affari-store-watch.h"
#include "cli/affari-bench-private.h"
#if HAVE_LIBPQ
#include "store/pg/affari-pg-store.h"
#endif

#if HAVE_LIBPQ

#define BOARD_EVERY_MS 15000.0
#define SELLER_POLL_MS 250.0
#define WINDOW_POLL_MS 50.0
/* After the sellers stop, how long the other window keeps polling for the last moves. */
#define GRACE_MS 2000.0
#define ALL_LOGIN "bench_all"


/* ------------------------------------------------------------------ the start line */

/* Everyone opens their store first; the clock starts when the last one is open. */
typedef struct _BenchStart {
  GMutex lock;
  GCond cond;
  int opened;
  gboolean go;
  double end_ms;
} Start;

static double
wait_for_start (Start *start)
{
  double end_ms;

  g_mutex_lock (&start->lock);
  start->opened++;
  g_cond_broadcast (&start->cond);
  while (!start->go)
    g_cond_wait (&start->cond, &start->lock);
  end_ms = start->end_ms;
  g_mutex_unlock (&start->lock);
  return end_ms;
}

/* ------------------------------------------------------------------ a board */

double
bench_server_board_ms (AffariStore *store,
                       gint64       pipeline,
                       GPtrArray   *stages)
{
  AffariDealQuery q = { .pipeline_id = pipeline };
  double start = bench_now_ms ();
  g_autoptr(GArray) totals = affari_store_stage_totals (store, &q, NULL);

  return bench_now_ms () - start + bench_board_first_pages (store, stages);
}

/* ------------------------------------------------------------------ a seller */

static gpointer
seller_thread (gpointer data)
{
  BenchSeller *s = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (s->seed);
  g_autoptr(GArray) mine = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) stage_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  double start, end_ms, next_board, next_move;

  start = bench_now_ms ();
  s->store = affari_store_open_server (s->url, NULL, s->cache, &error);
  s->open_ms = bench_now_ms () - start;
  if (s->store == NULL)
    {
      s->error = g_strdup (error->message);
      wait_for_start (s->start);
      return NULL;
    }
  /* Its own deals in the stages still in progress: what a seller drags about. */
  for (guint i = 0; i < s->process_stages->len; i++)
    {
      gint64 stage = g_array_index (s->process_stages, gint64, i);
      AffariDealQuery q = { .stage_id = stage };
      g_autoptr(GArray) ids = affari_store_query_deal_ids (s->store, &q, NULL);

      for (guint k = 0; ids != NULL && k < ids->len; k++)
        {
          g_array_append_val (mine, g_array_index (ids, gint64, k));
          g_hash_table_insert (stage_of, g_memdup2 (&g_array_index (ids, gint64, k), sizeof (gint64)),
                               g_memdup2 (&stage, sizeof (gint64)));
        }
    }
  s->n_deals = affari_store_count_deals (s->store, NULL, NULL);

  end_ms = wait_for_start (s->start);
  /* People open their boards at their own moments, not all in the same instant: the first time
   * somewhere in the first fifteen seconds, then every fifteen seconds. */
  next_board = bench_now_ms () + g_rand_double_range (rand, 0, MIN (BOARD_EVERY_MS, (end_ms - bench_now_ms ()) / 2));
  next_move = bench_now_ms () + g_rand_double_range (rand, 2000, 5000);
  while (bench_now_ms () < end_ms)
    {
      double now, wake;

      if (bench_now_ms () >= next_board)
        {
          double took = bench_server_board_ms (s->store, s->pipeline, s->stages);

          g_array_append_val (s->boards, took);
          next_board += BOARD_EVERY_MS;
        }
      if (bench_now_ms () >= next_move && mine->len > 0 && s->process_stages->len > 1)
        {
          BenchMove move = { 0 };
          gint64 *current;

          move.deal_id = g_array_index (mine, gint64, g_rand_int_range (rand, 0, (gint32) mine->len));
          current = g_hash_table_lookup (stage_of, &move.deal_id);
          /* Another stage than its own: a move that writes. */
          do
            move.stage_id = g_array_index (s->process_stages, gint64,
                                           g_rand_int_range (rand, 0, (gint32) s->process_stages->len));
          while (move.stage_id == *current);
          move.start_ms = bench_now_ms ();
          if (affari_store_move_deal (s->store, move.deal_id, move.stage_id, 0, NULL, &error))
            {
              move.end_ms = bench_now_ms ();
              *current = move.stage_id;
              g_array_append_val (s->moves, move);
            }
          else
            {
              s->refused++;
              if (s->refusal == NULL)
                s->refusal = g_strdup (error->message);
              g_clear_error (&error);
            }
          next_move += g_rand_double_range (rand, 2000, 5000);
        }
      /* The window's timer. */
      affari_store_poll (s->store);
      now = bench_now_ms ();
      wake = MIN (MIN (next_board, next_move), MIN (end_ms, now + SELLER_POLL_MS));
      if (wake > now)
        g_usleep ((gulong) ((wake - now) * 1000));
    }
  return NULL;
}

/* ------------------------------------------------------------------ the other window */

static void
on_window_changed_cb (AffariStore     *store,
                      AffariChangeSet *set,
                      BenchWindow     *w)
{
  double now = bench_now_ms ();

  for (guint i = 0; i < affari_change_set_get_n_deals (set); i++)
    {
      const AffariDealChange *change = affari_change_set_get_deal (set, i);
      BenchMove seen = { .deal_id = change->deal_id, .stage_id = change->new_stage_id, .end_ms = now };

      g_array_append_val (w->seen, seen);
    }
}

static gpointer
window_thread (gpointer data)
{
  BenchWindow *w = data;
  gulong handler = g_signal_connect (w->store, "changed", G_CALLBACK (on_window_changed_cb), w);
  double next_board = bench_now_ms ();

  while (!g_atomic_int_get (&w->stop))
    {
      if (g_atomic_int_get (&w->started) && bench_now_ms () >= next_board)
        {
          double took = bench_server_board_ms (w->store, w->pipeline, w->stages);

          g_array_append_val (w->boards, took);
          next_board = bench_now_ms () + BOARD_EVERY_MS;
        }
      affari_store_poll (w->store);
      g_usleep ((gulong) (WINDOW_POLL_MS * 1000));
    }
  g_signal_handler_disconnect (w->store, handler);
  return NULL;
}

/* ------------------------------------------------------------------ setting up */

/* The sellers' logins ("own") and the other window's ("all"): made once, a later run finds them
 * (their passwords are the benchmark's). */
static gboolean
add_logins (AffariPgStore *admin,
            int            n_sellers,
            GError       **error)
{
  for (int i = 0; i <= n_sellers; i++)
    {
      g_autofree char *login = i < n_sellers ? g_strdup_printf ("bench_seller_%d", i + 1) : g_strdup (ALL_LOGIN);
      g_autofree char *password = g_strdup_printf ("affari-bench-%s", login);
      g_autoptr(GError) add_error = NULL;

      if (!affari_pg_store_add_user (admin, login, login, password, i < n_sellers ? "own" : "all", NULL, NULL,
                                     &add_error)
          && !g_error_matches (add_error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT))
        {
          g_propagate_error (error, g_steal_pointer (&add_error));
          return FALSE;
        }
    }
  return TRUE;
}

static char *
login_url (const char *url,
           const char *login)
{
  g_autofree char *password = g_strdup_printf ("affari-bench-%s", login);

  return affari_pg_store_url_for (url, login, password, NULL);
}

/* The owner gives each seller an equal share of the default pipeline's deals, through the app's
 * operations (one server transaction a seller); returns the time it took, -1 on error. */
static double
share_deals (const char *url,
             const char *dir,
             BenchSeller *sellers,
             int          n_sellers,
             GError     **error)
{
  g_autofree char *cache = g_build_filename (dir, "owner.db", NULL);
  g_autoptr(AffariStore) owner = affari_store_open_server (url, NULL, cache, error);
  g_autoptr(AffariDealOps) ops = NULL;
  g_autoptr(GPtrArray) team = NULL;
  g_autoptr(GArray) ids = NULL;
  AffariDealQuery q = { 0 };
  double start = bench_now_ms ();

  if (owner == NULL)
    return -1;
  q.pipeline_id = affari_store_get_default_pipeline_id (owner);
  ids = affari_store_query_deal_ids (owner, &q, error);
  team = affari_store_list_team (owner, error);
  if (ids == NULL || team == NULL)
    return -1;
  ops = affari_deal_ops_new (owner);
  for (int i = 0; i < n_sellers; i++)
    {
      g_autofree char *login = g_strdup_printf ("bench_seller_%d", i + 1);
      g_autoptr(GArray) share = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(AffariChangeSet) set = NULL;
      gint64 member = 0;

      /* The logins were made with their own name. */
      for (guint k = 0; k < team->len; k++)
        if (g_str_equal (affari_team_member_get_name (g_ptr_array_index (team, k)), login))
          member = affari_team_member_get_id (g_ptr_array_index (team, k));
      if (member == 0)
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, "no team member %s on the server", login);
          return -1;
        }
      for (guint k = (guint) i; k < ids->len; k += (guint) n_sellers)
        g_array_append_val (share, g_array_index (ids, gint64, k));
      if (share->len == 0)
        continue;
      set = affari_deal_ops_set_responsible (ops, (const gint64 *) share->data, share->len, member, error);
      if (set == NULL)
        return -1;
    }
  return bench_now_ms () - start;
}

/* The deals: generated into a local file and imported, unless the server has some; the time of
 * the import, 0 when there was none, -1 on error. */
static double
fill_server (AffariPgStore *admin,
             const char    *dir,
             int            n_deals,
             guint32        seed,
             GError       **error)
{
  g_autofree char *path = g_build_filename (dir, "local.db", NULL);
  g_autoptr(GPtrArray) pipelines = affari_pg_store_list_pipelines (admin, error);
  g_autoptr(AffariStore) local = NULL;
  double start;

  if (pipelines == NULL)
    return -1;
  if (pipelines->len > 0)
    return 0;
  local = affari_store_open (path, error);
  if (local == NULL || !affari_demo_generate (local, (guint) n_deals, seed, error))
    return -1;
  start = bench_now_ms ();
  if (!affari_pg_store_import_local (admin, local, NULL, NULL, NULL, error))
    return -1;
  return bench_now_ms () - start;
}

/* The copies and the generated file, with their folder (bench_remove_database () removes it
 * once it is empty). */
static void
remove_databases (const char *dir,
                  int         n_sellers)
{
  const char *names[] = { "local.db", "owner.db", "all.db" };

  for (int i = 0; i < n_sellers; i++)
    {
      g_autofree char *name = g_strdup_printf ("seller-%d.db", i + 1);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      bench_remove_database (path);
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      bench_remove_database (path);
    }
}

/* ------------------------------------------------------------------ the run */

int
bench_run_server (const char *url,
                  int         n_sellers,
                  int         seconds,
                  int         n_deals,
                  guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariPgStore) admin = affari_pg_store_open (url, &error);
  g_autofree char *dir = NULL, *all_url = NULL, *all_cache = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GArray) process_stages = g_array_new (FALSE, FALSE, sizeof (gint64));
  BenchServerRun run = { .n_sellers = n_sellers, .seconds = seconds };
  BenchWindow *w = &run.window;
  Start start = { 0 };
  GThread **threads, *window_t;
  gint64 pipeline;
  double t0;
  int version, status;

  if (admin == NULL || !affari_pg_store_init (admin, &version, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  dir = g_dir_make_tmp ("affari-bench-server-XXXXXX", &error);
  if (dir == NULL
      || (run.import_ms = fill_server (admin, dir, n_deals, seed, &error)) < 0
      || !add_logins (admin, n_sellers, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  run.sellers = g_new0 (BenchSeller, n_sellers);
  if ((run.share_ms = share_deals (url, dir, run.sellers, n_sellers, &error)) < 0)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  affari_pg_store_moves_since (admin, 0, &run.first_event, NULL, NULL);
  run.setup_rss_kb = bench_rss_kb (0);

  /* The other window, alone: the copy of every deal. */
  all_url = login_url (url, ALL_LOGIN);
  all_cache = g_build_filename (dir, "all.db", NULL);
  t0 = bench_now_ms ();
  w->store = affari_store_open_server (all_url, NULL, all_cache, &error);
  run.all_open_ms = bench_now_ms () - t0;
  if (w->store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  w->cache = all_cache;
  pipeline = affari_store_get_default_pipeline_id (w->store);
  stages = affari_store_list_stages (w->store, pipeline, &error);
  if (stages == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < stages->len; i++)
    if (affari_stage_get_semantics (g_ptr_array_index (stages, i)) == AFFARI_SEMANTICS_PROCESS)
      {
        gint64 id = affari_stage_get_id (g_ptr_array_index (stages, i));
        g_array_append_val (process_stages, id);
      }
  run.deals = affari_store_count_deals (w->store, NULL, NULL);
  w->pipeline = pipeline;
  w->stages = stages;
  w->seen = g_array_new (FALSE, FALSE, sizeof (BenchMove));
  w->boards = g_array_new (FALSE, FALSE, sizeof (double));
  window_t = g_thread_new ("window", window_thread, w);

  /* The sellers open at once, as a team in the morning; the clock starts when all are open. */
  g_mutex_init (&start.lock);
  g_cond_init (&start.cond);
  threads = g_new0 (GThread *, n_sellers);
  for (int i = 0; i < n_sellers; i++)
    {
      g_autofree char *login = g_strdup_printf ("bench_seller_%d", i + 1);
      g_autofree char *name = g_strdup_printf ("seller-%d.db", i + 1);
      BenchSeller *s = &run.sellers[i];

      s->url = login_url (url, login);
      s->cache = g_build_filename (dir, name, NULL);
      s->pipeline = pipeline;
      s->stages = stages;
      s->process_stages = process_stages;
      s->seed = seed * 7919u + (guint32) i;
      s->start = &start;
      s->moves = g_array_new (FALSE, FALSE, sizeof (BenchMove));
      s->boards = g_array_new (FALSE, FALSE, sizeof (double));
      threads[i] = g_thread_new ("seller", seller_thread, s);
    }
  g_mutex_lock (&start.lock);
  while (start.opened < n_sellers)
    g_cond_wait (&start.cond, &start.lock);
  run.go_ms = bench_now_ms ();
  start.end_ms = run.go_ms + seconds * 1000.0;
  start.go = TRUE;
  g_atomic_int_set (&w->started, TRUE);
  g_cond_broadcast (&start.cond);
  g_mutex_unlock (&start.lock);

  for (int i = 0; i < n_sellers; i++)
    g_thread_join (threads[i]);
  g_usleep ((gulong) (GRACE_MS * 1000));
  g_atomic_int_set (&w->stop, TRUE);
  g_thread_join (window_t);

  status = bench_server_report (&run, admin);

  for (int i = 0; i < n_sellers; i++)
    {
      BenchSeller *s = &run.sellers[i];

      g_clear_object (&s->store);
      g_free (s->url);
      g_free (s->cache);
      g_free (s->error);
      g_free (s->refusal);
      g_array_unref (s->moves);
      g_array_unref (s->boards);
    }
  g_free (run.sellers);
  g_free (threads);
  g_clear_object (&w->store);
  g_array_unref (w->seen);
  g_array_unref (w->boards);
  g_mutex_clear (&start.lock);
  g_cond_clear (&start.cond);
  remove_databases (dir, n_sellers);
  return status;
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
