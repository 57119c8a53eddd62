/* affari-bench-private.h — affari-bench's parts, one idea a file
 *
 * affari-bench.c          the command line, the database, the JSON printed
 * affari-bench-store.c    the store's timings (in this process)
 * affari-bench-child.c    a spawned process: start, lines read, RSS, stop; its first frame
 * affari-bench-floor.c    the empty window (--empty-window), the floor of start-up and frames
 * affari-bench-ui.c       the real window: start-up (affari), drops and scrolling (affari-bench-app)
 * affari-bench-list-ui.c  the real list (affari-bench-app --bench list)
 * affari-bench-import.c   a CSV import against the SQLite shell's .import (--import N)
 * affari-bench-server.c   a team on a PostgreSQL server (--server URL), the app's own store;
 *                         affari-bench-server-report.c its figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "store/affari-store.h"

G_BEGIN_DECLS

/* Runs of each store timing, of which the median counts. */
#define RUNS 7

/* affari-bench.c: shared helpers */
double   bench_now_ms          (void);
int      bench_compare_doubles (gconstpointer a,
                                gconstpointer b);
/* The resident memory of process @pid (0: this one), in kB; 0 when unknown. */
long     bench_rss_kb          (GPid          pid);
/* The peak resident memory of this process so far (getrusage), in kB. */
long     bench_peak_rss_kb     (void);
/* Adds the member "@prefix_@name". */
/* Prints the report built in @json (an ended object), pretty, on standard output. */
void     bench_print_json      (JsonBuilder  *json);
void     bench_add_double      (JsonBuilder  *json,
                                const char   *prefix,
                                const char   *name,
                                double        value);
/* Deletes the database at @path (with its -wal and -shm) and its folder, a temporary one. */
void     bench_remove_database (const char   *path);
/* The path of a program installed (or built) next to this one. */
char    *bench_sibling_program (const char   *self_path,
                                const char   *name);

/* affari-bench-store.c: the store's figures on @store, open on the database at @path; with @clone_to, the deals
 * are then copied up to about that many and the list opened again. */
void     bench_store           (JsonBuilder  *json,
                                AffariStore  *store,
                                const char   *path,
                                int           clone_to);
/* What a board does when it opens, on @store: the first screenful of each of @stages
 * (AffariStage), every column's ids read for it; in milliseconds. */
double   bench_board_first_pages (AffariStore *store,
                                  GPtrArray   *stages);

/* affari-bench-forecast.c: the BG/NBD fit of @customers simulated customers (--forecast N). */
int      bench_run_forecast    (int           customers,
                                int           seed);

/* affari-bench-import.c: N CSV rows imported, against the SQLite shell's .import of the same file (--import N). */
int      bench_run_import      (int           rows,
                                int           seed);

/* affari-bench-floor.c: an empty libadwaita window, built the way Affari's is. */
int      bench_run_empty_window (void);

/* affari-bench-child.c */
typedef struct {
  GPid              pid;
  FILE             *out;
  double            start_ms;
} BenchChild;

/* Starts @program @args… (NULL-terminated) with the memory GSettings backend, the renderer
 * @renderer (NULL: GTK's choice) and the pairs of @extra_env (name, value, …, NULL). */
gboolean bench_child_spawn     (BenchChild         *child,
                                const char         *program,
                                const char * const *args,
                                const char         *renderer,
                                const char * const *extra_env);
/* The next line starting with @prefix (NULL at the end of the output, or after a minute without
 * output: a benchmark that hangs says nothing rather than blocking for ever). */
char    *bench_child_read_line (BenchChild         *child,
                                const char         *prefix);
void     bench_child_stop      (BenchChild         *child);
/* Milliseconds from the spawn to the first painted frame of one start of @program (with
 * --database @database, or the empty window when NULL); the RSS at that frame and two seconds
 * later. */
double   bench_first_frame_once (const char *program,
                                 const char *database,
                                 const char *renderer,
                                 long       *rss_kb,
                                 long       *settled_rss_kb);

/* affari-bench-ui.c */
typedef struct {
  int      runs;       /* start-ups of each kind, for the medians */
  gboolean startup;
  gboolean drop;
  gboolean scroll;
} BenchUiParts;

void     bench_ui              (JsonBuilder        *json,
                                const char         *self_path,
                                const char         *database,
                                const BenchUiParts *parts);

/* affari-bench-watch.c: the poll for other windows' changes, idle and finding a move of
 * @deal_id between the stages (another connection to @path makes it). */
void     bench_watch           (JsonBuilder        *json,
                                AffariStore        *store,
                                const char         *path,
                                gint64              deal_id,
                                gint64              stage_a,
                                gint64              stage_b);

/* affari-bench-server.c: --server URL --sellers N (--seconds S): a team on a PostgreSQL server. */
int      bench_run_server      (const char         *url,
                                int                 n_sellers,
                                int                 seconds,
                                int                 n_deals,
                                guint32             seed);

/* What affari-bench-server.c's run hands affari-bench-server-report.c. */
typedef struct {
  gint64 deal_id;
  gint64 stage_id;
  double start_ms;
  double end_ms;              /* a move: when the call returned; a change seen: when */
} BenchMove;

typedef struct {
  char *url;                  /* the seller's login */
  char *cache;                /* its copy */
  gint64 pipeline;
  GPtrArray *stages;          /* AffariStage of the pipeline (shared, read-only) */
  GArray *process_stages;     /* gint64: the stages in progress (shared, read-only) */
  guint32 seed;
  struct _BenchStart *start; /* the start line, shared */
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
  long setup_rss_kb;          /* after the sample deals were made and shared out, before the stores */
  double go_ms;               /* when the sellers' clock started */
  gint64 first_event;
  BenchSeller *sellers;
  BenchWindow window;
} BenchServerRun;

typedef struct _AffariPgStore AffariPgStore;

/* The board's opening on @store as the window does it: every stage's count and total, then
 * bench_board_first_pages (); in milliseconds. */
double   bench_server_board_ms (AffariStore        *store,
                                gint64              pipeline,
                                GPtrArray          *stages);
/* affari-bench-server-report.c: prints the run's figures, checks the history on the server with
 * @admin (the owner's connection) and closes the stores; 0 when nothing was lost or failed. */
int      bench_server_report   (BenchServerRun     *run,
                                AffariPgStore      *admin);

/* affari-bench-list-ui.c */
void     bench_list_ui         (JsonBuilder        *json,
                                const char         *self_path,
                                const char         *database);

G_END_DECLS
