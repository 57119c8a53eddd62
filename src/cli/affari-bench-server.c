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
 * Reported: the stores' opening (the snapshot), the moves
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

typedef struct {
  gint64 deal_id;
  gint64 stage_id;
  double start_ms;
  double end_ms;              /* a move: when the call returned; a change seen: when */
} BenchMove;

typedef struct _Start Start;

typedef struct {
  char *url;                  /* the seller's login */
  char *cache;                /* its copy */
  gint64 pipeline;
  GPtrArray *stages;          /* AffariStage of the pipeline (shared, read-only) */
  GArray *process_stages;     /* gint64: the stages in progress (shared, read-only) */
  guint32 seed;
  Start *start;
  AffariStore *store;         /* left open for the figures after the run */
  double open_ms;
  guint n_deals;
  GArray *moves;              /* BenchMove, done */
  GArray *boards;             /* double ms */
  guint refused;
  char *refusal;              /* the first refusal's message */
  char *error;
} BenchSeller;

typedef struct {
  AffariStore *store;
  char *cache;
  gint64 pipeline;
  GPtrArray *stages;
  int started;                /* atomic: the sellers' clock runs */
  int stop;                   /* atomic */
  GArray *seen;               /* BenchMove: each deal of each change set, its new stage, when */
  GArray *boards;             /* double ms */
} BenchWindow;

typedef struct {
  int n_sellers;
  int seconds;
  guint deals;
  double import_ms;
  double share_ms;
  double all_open_ms;
  gint64 first_event;
  BenchSeller *sellers;
  BenchWindow window;
} BenchServerRun;

/* ------------------------------------------------------------------ the start line */

/* Everyone opens their store first; the clock starts when the last one is open. */
struct _Start {
  GMutex lock;
  GCond cond;
  int opened;
  gboolean go;
  double end_ms;
};

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

static double
board_ms (AffariStore *store,
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
  /* Everyone opens the board at once at the start, then now and then. */
  next_board = bench_now_ms ();
  next_move = next_board + g_rand_double_range (rand, 2000, 5000);
  while (bench_now_ms () < end_ms)
    {
      double now, wake;

      if (bench_now_ms () >= next_board)
        {
          double took = board_ms (s->store, s->pipeline, s->stages);

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
          double took = board_ms (w->store, w->pipeline, w->stages);

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

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* ------------------------------------------------------------------ the figures */

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
      double took = board_ms (store, pipeline, stages);
      g_array_append_val (times, took);
    }
  return percentile (times, 0.5);
}

/* The board on a copy once the team has stopped (@quiet_ms, the store still open), then on the
 * same file opened as a plain SQLite database (@sqlite_ms); closes @store. */
static void
board_against_sqlite (AffariStore **store,
                      const char   *cache,
                      gint64        pipeline,
                      GPtrArray    *stages,
                      double       *quiet_ms,
                      double       *sqlite_ms)
{
  g_autoptr(AffariStore) plain = NULL;

  *quiet_ms = *sqlite_ms = -1;
  if (*store == NULL)
    return;
  *quiet_ms = board_median (*store, pipeline, stages);
  g_clear_object (store);
  plain = affari_store_open_read_only (cache, NULL);
  if (plain != NULL)
    *sqlite_ms = board_median (plain, pipeline, stages);
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

static int
report (BenchServerRun *run,
        AffariPgStore  *admin)
{
  BenchWindow *w = &run->window;
  g_autoptr(JsonBuilder) json = json_builder_new ();
  g_autoptr(GArray) open_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) move_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) seen_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) board = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) quiet = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sqlite = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GHashTable) last_move = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gint64 moves_in_history = 0;
  guint moves_done = 0, refused = 0, lost = 0, unseen = 0, failed = 0, deals_per_seller = 0;
  double all_quiet, all_sqlite, quiet_p50, sqlite_p50;
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
      double q, f;

      board_against_sqlite (&s->store, s->cache, s->pipeline, s->stages, &q, &f);
      if (q >= 0 && f >= 0)
        {
          g_array_append_val (quiet, q);
          g_array_append_val (sqlite, f);
        }
    }
  board_against_sqlite (&w->store, w->cache, w->pipeline, w->stages, &all_quiet, &all_sqlite);
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
  add_double (json, "seen_by_other_window_p50_ms", percentile (seen_ms, 0.5));
  add_double (json, "seen_by_other_window_p95_ms", percentile (seen_ms, 0.95));
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
  add_int (json, "moves_in_history", moves_in_history);
  add_int (json, "lost_or_overwritten", lost + (moves_in_history != moves_done ? 1 : 0));
  add_int (json, "rss_kb", rss_kb);
  add_int (json, "peak_rss_kb", bench_peak_rss_kb ());
  json_builder_end_object (json);
  bench_print_json (json);

  return failed == 0 && lost == 0 && moves_in_history == moves_done ? 0 : 1;
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
  start.end_ms = bench_now_ms () + seconds * 1000.0;
  start.go = TRUE;
  g_atomic_int_set (&w->started, TRUE);
  g_cond_broadcast (&start.cond);
  g_mutex_unlock (&start.lock);

  for (int i = 0; i < n_sellers; i++)
    g_thread_join (threads[i]);
  g_usleep ((gulong) (GRACE_MS * 1000));
  g_atomic_int_set (&w->stop, TRUE);
  g_thread_join (window_t);

  status = report (&run, admin);

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
  remove_tree (dir);
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
