/* affari-bench.c — how fast Affari is on a database of N deals
 *
 * Generates (or reuses) a database of N deals and prints, as JSON, the time and memory of the
 * operations the views depend on. Built, not installed. Figures are medians of several runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <adwaita.h>
#include <sqlite3.h>
#include <glib-unix.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "io/affari-demo.h"
#include "model/affari-deal-list.h"
#include "model/affari-i18n.h"
#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"

#define RUNS 7

typedef double (*BenchFunc) (gpointer data);

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* Median of RUNS timings, in milliseconds. */
static double
median (BenchFunc func, gpointer data)
{
  double t[RUNS];
  for (int i = 0; i < RUNS; i++)
    t[i] = func (data);
  qsort (t, RUNS, sizeof (double), compare_doubles);
  return t[RUNS / 2];
}

static long
peak_rss_kb (void)
{
  struct rusage usage;
  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static long
current_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line ? strtol (line + 6, NULL, 10) : 0;
}

typedef struct {
  const char *path;
  AffariStore *store;
  gint64 pipeline;
  GPtrArray *stages;
  gint64 deal;
  int flip;
  AffariDealOps *ops;
  AffariDealList *column;     /* the target column of the drops, as the board holds it */
} Bench;

static double
bench_open (gpointer data)
{
  Bench *b = data;
  double start = now_ms ();
  g_autoptr(AffariStore) store = affari_store_open (b->path, NULL);
  double end = now_ms ();
  g_assert (store != NULL);
  return end - start;
}

static double
bench_totals (gpointer data)
{
  Bench *b = data;
  AffariDealQuery q = { .pipeline_id = b->pipeline };
  double start = now_ms ();
  g_autoptr(GArray) totals = affari_store_stage_totals (b->store, &q, NULL);
  g_assert (totals != NULL);
  return now_ms () - start;
}

/* What a board does when it opens: each column's ids and its first screenful of deals. */
static double
bench_first_pages (gpointer data)
{
  Bench *b = data;
  double start = now_ms ();

  for (guint i = 0; i < b->stages->len; i++)
    {
      AffariDealQuery q = { .stage_id = affari_stage_get_id (g_ptr_array_index (b->stages, i)) };
      g_autoptr(AffariDealList) list = affari_deal_list_new (b->store, &q);
      guint n = MIN (20, g_list_model_get_n_items (G_LIST_MODEL (list)));
      for (guint k = 0; k < n; k++)
        g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), k));
    }
  return now_ms () - start;
}

/* One drag-and-drop as the window does it: the move through the operations layer (the deal
 * photographed before and after for undo, one transaction, the change set emitted and applied to
 * a column's model before the frame). */
static double
bench_move (gpointer data)
{
  Bench *b = data;
  gint64 target = affari_stage_get_id (g_ptr_array_index (b->stages, b->flip++ % 2 ? 1 : 2));
  double start = now_ms ();
  g_autoptr(AffariChangeSet) set = affari_deal_ops_move (b->ops, &b->deal, 1, target, 3, NULL, NULL);

  if (set == NULL)
    g_error ("move failed");
  /* The column's own update runs before the next frame (a high-priority idle). */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return now_ms () - start;
}

/* Ctrl+Z of that drop: the deal's rows written back, in one transaction. */
static double
bench_undo (gpointer data)
{
  Bench *b = data;
  double start = now_ms ();

  if (!affari_deal_ops_undo (b->ops, NULL))
    g_error ("undo failed");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return now_ms () - start;
}

static double
bench_filtered_query (gpointer data)
{
  Bench *b = data;
  AffariDealQuery q = { .pipeline_id = b->pipeline, .text = (char *) "rossi", .has_amount_min = TRUE,
                        .amount_min = 500000, .closed = AFFARI_CLOSED_OPEN_ONLY,
                        .sort = AFFARI_DEAL_SORT_AMOUNT, .descending = TRUE };
  double start;

  /* asked for the first time: nothing kept from the run before */
  affari_store_forget_kept (b->store);
  start = now_ms ();
  g_autoptr(GArray) ids = affari_store_query_deal_ids (b->store, &q, NULL);
  g_assert (ids != NULL);
  return now_ms () - start;
}

static double
bench_sorted_ids (gpointer data)
{
  Bench *b = data;
  AffariDealQuery q = { .pipeline_id = b->pipeline, .sort = AFFARI_DEAL_SORT_CLOSE_DATE };
  double start;

  /* asked for the first time: nothing kept from the run before */
  affari_store_forget_kept (b->store);
  start = now_ms ();
  g_autoptr(GArray) ids = affari_store_query_deal_ids (b->store, &q, NULL);
  g_assert (ids != NULL);
  return now_ms () - start;
}

/* ---------------------------------------------------------------- list and filters
 *
 * A search keystroke is timed through the store and, as the floor, as the same SQL run directly
 * with the sqlite3 library on the same file; both are medians in the same run. */

#define SEARCH_SQL \
  "SELECT d.id FROM deal d WHERE d.deleted_at IS NULL AND d.is_recurring = 0 AND d.pipeline_id = ?" \
  " AND d.id IN (SELECT rowid FROM deal_search WHERE deal_search MATCH ?) ORDER BY d.amount, d.id"

static const char * const keystrokes[] = { "r", "ro", "ros", "ross", "rossi" };

static double
bench_search_store (gpointer data)
{
  Bench *b = data;
  AffariDealQuery q = { .pipeline_id = b->pipeline, .text = (char *) keystrokes[b->flip++ % G_N_ELEMENTS (keystrokes)],
                        .sort = AFFARI_DEAL_SORT_AMOUNT };
  double start = now_ms ();
  g_autoptr(GArray) ids = affari_store_query_deal_ids (b->store, &q, NULL);
  g_assert (ids != NULL);
  return now_ms () - start;
}

/* The same, as the first keystroke after opening the list or after a write: nothing kept. */
static double
bench_search_store_first (gpointer data)
{
  Bench *b = data;

  affari_store_forget_kept (b->store);
  return bench_search_store (data);
}

static double
bench_search_sqlite (gpointer data)
{
  Bench *b = data;
  static sqlite3 *db;
  static sqlite3_stmt *stmt;
  g_autofree char *match = NULL;
  const char *word = keystrokes[b->flip++ % G_N_ELEMENTS (keystrokes)];
  double start;
  guint n = 0;

  if (db == NULL)
    {
      g_assert (sqlite3_open_v2 (b->path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
      g_assert (sqlite3_prepare_v2 (db, SEARCH_SQL, -1, &stmt, NULL) == SQLITE_OK);
    }
  match = g_strdup_printf ("\"%s\"*", word);
  start = now_ms ();
  sqlite3_bind_int64 (stmt, 1, b->pipeline);
  sqlite3_bind_text (stmt, 2, match, -1, SQLITE_TRANSIENT);
  {
    GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        g_array_append_val (ids, id);
        n++;
      }
    sqlite3_reset (stmt);
    g_array_unref (ids);
  }
  return now_ms () - start;
}

/* What the list does when a header is clicked: the ids in the new order, the first screenful. */
static double
bench_sort_change (gpointer data)
{
  Bench *b = data;
  AffariDealQuery q = { .pipeline_id = b->pipeline, .sort = b->flip++ % 2 ? AFFARI_DEAL_SORT_AMOUNT : AFFARI_DEAL_SORT_TITLE,
                        .descending = b->flip % 3 == 0 };
  double start;

  /* asked for the first time: nothing kept from the run before */
  affari_store_forget_kept (b->store);
  start = now_ms ();
  g_autoptr(AffariDealList) list = affari_deal_list_new (b->store, &q);
  for (guint k = 0; k < MIN (40, g_list_model_get_n_items (G_LIST_MODEL (list))); k++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), k));
  return now_ms () - start;
}

/* Opening the list: every id of the pipeline in stage order, the first screenful, the footer. */
static double
bench_list_open (gpointer data)
{
  Bench *b = data;
  AffariDealQuery q = { .pipeline_id = b->pipeline };
  double start;

  /* asked for the first time: nothing kept from the run before */
  affari_store_forget_kept (b->store);
  start = now_ms ();
  g_autoptr(AffariDealList) list = affari_deal_list_new (b->store, &q);
  g_autoptr(GArray) totals = affari_store_stage_totals (b->store, &q, NULL);
  for (guint k = 0; k < MIN (40, g_list_model_get_n_items (G_LIST_MODEL (list))); k++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), k));
  return now_ms () - start;
}

/* ---------------------------------------------------------------- UI timings
 *
 * The app and an empty AdwApplicationWindow are started as processes under the current display;
 * start-up is measured here, from before the spawn to the "first-frame-ms" line the process
 * prints after its first painted frame, so both include exec, linking and GTK's own start. */

static gboolean empty_reported;

/* The floor of a frame (AFFARI_BENCH_FLOOR_FRAMES=N): the empty window's content (a plain area
 * under the header bar, of another shade each frame) painted anew N times, each from the frame
 * clock's before-paint to its after-paint, as the board's scrolling is timed. An unchanged window
 * would paint nothing: GTK redraws only what changed. */
static struct {
  int        left;
  gint64     start;
  GArray    *times;
  GtkWidget *area;
} floor_frames;

static void
floor_draw_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  double shade = 0.90 + 0.05 * (floor_frames.left % 2);

  cairo_set_source_rgb (cr, shade, shade, shade);
  cairo_paint (cr);
}

static void
on_floor_before_paint_cb (GdkFrameClock *clock,
                          gpointer       user_data)
{
  floor_frames.start = g_get_monotonic_time ();
}

static void
on_floor_after_paint_cb (GdkFrameClock *clock,
                         gpointer       user_data)
{
  double ms;

  if (floor_frames.start == 0 || floor_frames.times == NULL)
    return;
  ms = (g_get_monotonic_time () - floor_frames.start) / 1000.0;
  g_array_append_val (floor_frames.times, ms);
  floor_frames.start = 0;
}

static gboolean
floor_tick_cb (GtkWidget     *window,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  if (floor_frames.left-- > 0)
    {
      gtk_widget_queue_draw (floor_frames.area);
      return G_SOURCE_CONTINUE;
    }

  {
    double total = 0, worst = 0;
    guint over = 0;
    char number[G_ASCII_DTOSTR_BUF_SIZE];

    for (guint i = 0; i < floor_frames.times->len; i++)
      {
        double t = g_array_index (floor_frames.times, double, i);

        total += t;
        worst = MAX (worst, t);
        over += t > 16.0;
      }
    g_print ("floor-frame-mean-ms %s\n", g_ascii_formatd (number, sizeof number, "%.2f",
                                                         floor_frames.times->len > 0 ? total / floor_frames.times->len : 0));
    g_print ("floor-frame-max-ms %s\n", g_ascii_formatd (number, sizeof number, "%.2f", worst));
    g_print ("floor-frame-over-16ms %u\n", over);
    g_print ("floor-done\n");
    fflush (stdout);
  }

  return G_SOURCE_REMOVE;
}

static gboolean
start_floor_frames_cb (gpointer window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  floor_frames.times = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_floor_before_paint_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_floor_after_paint_cb), NULL);
  gtk_widget_add_tick_callback (window, floor_tick_cb, NULL, NULL);

  return G_SOURCE_REMOVE;
}

static void
on_empty_after_paint_cb (GdkFrameClock *clock,
                         gpointer       window)
{
  if (empty_reported)
    return;
  empty_reported = TRUE;
  g_print ("first-frame-ms 0\n");
  fflush (stdout);

  if (g_getenv ("AFFARI_BENCH_FLOOR_FRAMES") != NULL)
    {
      floor_frames.left = CLAMP (atoi (g_getenv ("AFFARI_BENCH_FLOOR_FRAMES")), 1, 10000);
      g_timeout_add (500, start_floor_frames_cb, window);
    }
}

static void
on_empty_realize_cb (GtkWidget *window,
                     gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_empty_after_paint_cb), window);
}

static void
on_empty_activate_cb (GApplication *app,
                      gpointer      user_data)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  if (g_getenv ("AFFARI_BENCH_FLOOR_FRAMES") != NULL)
    {
      floor_frames.area = gtk_drawing_area_new ();
      gtk_widget_set_vexpand (floor_frames.area, TRUE);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (floor_frames.area), floor_draw_cb, NULL, NULL);
      gtk_box_append (GTK_BOX (box), floor_frames.area);
    }
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  g_signal_connect (window, "realize", G_CALLBACK (on_empty_realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static gboolean
on_empty_sigterm_cb (gpointer app)
{
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

/* The floor: an empty libadwaita window, built the way Affari's is. */
static int
run_empty_window (void)
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.affari.BenchEmpty", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_empty_activate_cb), NULL);
  g_unix_signal_add (SIGTERM, on_empty_sigterm_cb, app);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

typedef struct {
  GPid              pid;
  FILE             *out;
  double            start_ms;
} Child;

static gboolean
child_spawn (Child       *child,
             const char  *program,
             const char  *database,
             const char  *renderer,
             const char **extra_env)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *argv[5] = { program, NULL, NULL, NULL, NULL };
  int out_fd;

  if (database != NULL)
    {
      argv[1] = "--database";
      argv[2] = database;
    }
  else
    {
      argv[1] = "--empty-window";
    }

  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_setenv (envp, "AFFARI_REPORT_FIRST_FRAME", "1", TRUE);
  envp = g_environ_unsetenv (envp, "AFFARI_EXIT_AFTER_FIRST_FRAME");
  if (renderer != NULL)
    envp = g_environ_setenv (envp, "GSK_RENDERER", renderer, TRUE);
  else
    envp = g_environ_unsetenv (envp, "GSK_RENDERER");
  for (guint i = 0; extra_env != NULL && extra_env[i] != NULL; i += 2)
    envp = g_environ_setenv (envp, extra_env[i], extra_env[i + 1], TRUE);

  child->start_ms = now_ms ();
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &child->pid, NULL, &out_fd, NULL, &error))
    {
      g_printerr ("Cannot start %s: %s\n", program, error->message);
      return FALSE;
    }

  child->out = fdopen (out_fd, "r");
  /* Unbuffered, so that a poll on the descriptor tells whether a line is coming. */
  if (child->out != NULL)
    setvbuf (child->out, NULL, _IONBF, 0);
  return child->out != NULL;
}

/* The next line starting with @prefix (NULL at the end of the output, or after a minute without
 * output: a benchmark that hangs says nothing rather than blocking for ever). */
static char *
child_read_line (Child      *child,
                 const char *prefix)
{
  char buffer[512];
  GPollFD poll_fd = { fileno (child->out), G_IO_IN | G_IO_HUP, 0 };

  while (g_poll (&poll_fd, 1, 60000) > 0 && fgets (buffer, sizeof buffer, child->out) != NULL)
    {
      g_strchomp (buffer);
      if (g_str_has_prefix (buffer, prefix))
        return g_strdup (buffer);
    }

  return NULL;
}

static long
child_rss_kb (Child *child)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", child->pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line ? strtol (line + 6, NULL, 10) : 0;
}

static void
child_stop (Child *child)
{
  kill (child->pid, SIGTERM);
  waitpid (child->pid, NULL, 0);
  g_spawn_close_pid (child->pid);
  g_clear_pointer (&child->out, fclose);
}

/* Runs of each start-up, of which the median counts (--ui-runs). */
static int runs_ui = 5;
/* Which UI figures to take (--ui-parts): start-up, drops, scrolling. */
static gboolean ui_startup = TRUE, ui_drop = TRUE, ui_scroll = TRUE;

static long
median_long (long *values,
             int   n)
{
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && values[j - 1] > values[j]; j--)
      {
        long t = values[j];
        values[j] = values[j - 1];
        values[j - 1] = t;
      }
  return values[n / 2];
}

/* Milliseconds from the spawn to the first painted frame of one start; the RSS at that frame and
 * two seconds later, when the board has built what it leaves for after the first frame. */
static double
first_frame_once (const char *program,
                  const char *database,
                  const char *renderer,
                  long       *rss_kb,
                  long       *settled_rss_kb)
{
  Child child = { 0 };
  g_autofree char *line = NULL;
  double ms;

  if (!child_spawn (&child, program, database, renderer, NULL))
    return -1;
  line = child_read_line (&child, "first-frame-ms");
  ms = line != NULL ? now_ms () - child.start_ms : -1;
  if (rss_kb != NULL)
    *rss_kb = child_rss_kb (&child);
  if (settled_rss_kb != NULL)
    {
      g_usleep (2 * G_USEC_PER_SEC);
      *settled_rss_kb = child_rss_kb (&child);
    }
  child_stop (&child);

  return ms;
}

static void
add_double (JsonBuilder *json,
            const char  *prefix,
            const char  *name,
            double       value)
{
  g_autofree char *key = g_strconcat (prefix, "_", name, NULL);

  json_builder_set_member_name (json, key);
  json_builder_add_double_value (json, value);
}

/* Start-up with @renderer: the empty window and the app started in turns (so that a load on the
 * machine weighs on both alike), each RUNS_UI times; the medians, their ratio, and the median of
 * the ratios of each pair. */
static void
bench_startup (JsonBuilder *json,
               const char  *name,
               const char  *self_path,
               const char  *app,
               const char  *database,
               const char  *renderer)
{
  g_autofree double *floor_ms = g_new0 (double, runs_ui);
  g_autofree double *app_ms = g_new0 (double, runs_ui);
  g_autofree double *ratios = g_new0 (double, runs_ui);
  g_autofree long *rss = g_new0 (long, runs_ui);
  g_autofree long *settled = g_new0 (long, runs_ui);
  g_autofree long *floor_rss = g_new0 (long, runs_ui);

  for (int i = 0; i < runs_ui; i++)
    {
      floor_ms[i] = first_frame_once (self_path, NULL, renderer, &floor_rss[i], NULL);
      app_ms[i] = first_frame_once (app, database, renderer, &rss[i], &settled[i]);
      ratios[i] = floor_ms[i] > 0 ? app_ms[i] / floor_ms[i] : -1;
    }
  qsort (floor_ms, runs_ui, sizeof (double), compare_doubles);
  qsort (app_ms, runs_ui, sizeof (double), compare_doubles);
  qsort (ratios, runs_ui, sizeof (double), compare_doubles);

  add_double (json, name, "first_frame_ms", app_ms[runs_ui / 2]);
  add_double (json, name, "empty_window_ms", floor_ms[runs_ui / 2]);
  add_double (json, name, "startup_ratio", floor_ms[runs_ui / 2] > 0 ? app_ms[runs_ui / 2] / floor_ms[runs_ui / 2] : -1);
  add_double (json, name, "startup_ratio_of_pairs", ratios[runs_ui / 2]);
  add_double (json, name, "rss_kb", median_long (rss, runs_ui));
  add_double (json, name, "rss_settled_kb", median_long (settled, runs_ui));
  add_double (json, name, "empty_window_rss_kb", median_long (floor_rss, runs_ui));
}

/* Nine drops on the real board, each from the drop target's handler to the end of the paint that
 * shows it (the app times them: AFFARI_BENCH_DROP), the first not counted (it warms SQLite's
 * statement cache). */
static void
bench_drops (JsonBuilder *json,
             const char  *renderer_name,
             const char  *pace,
             const char  *app,
             const char  *database,
             const char  *renderer,
             int          interval_ms)
{
  g_autofree char *interval = g_strdup_printf ("%d", interval_ms);
  g_autofree char *prefix = g_strdup_printf ("%s_drop_%s", renderer_name, pace);
  const char *env[] = { "AFFARI_BENCH_DROP", "9", "AFFARI_BENCH_DROP_INTERVAL", interval, NULL };
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  Child child = { 0 };
  double total = 0, worst_persisted = 0;
  guint n = 0, over = 0;
  char *line;

  if (!child_spawn (&child, app, database, renderer, env))
    return;
  while ((line = child_read_line (&child, "drop-")) != NULL && !g_str_has_prefix (line, "drop-done"))
    {
      g_auto(GStrv) parts = g_strsplit (line, " ", -1);
      double ms = 0, persisted = 0;
      gboolean parsed = g_strv_length (parts) == 4 && g_str_equal (parts[2], "persisted-ms");

      /* Not sscanf: it reads numbers the locale's way, and Italian has a decimal comma. */
      if (parsed)
        {
          ms = g_ascii_strtod (parts[1], NULL);
          persisted = g_ascii_strtod (parts[3], NULL);
        }
      if (parsed && n++ > 0)
        {
          g_array_append_val (times, ms);
          worst_persisted = MAX (worst_persisted, persisted);
          total += ms;
          if (ms > 16.0)
            over++;
        }
      g_free (line);
    }
  g_free (line);
  child_stop (&child);

  g_array_sort (times, compare_doubles);
  add_double (json, prefix, "to_paint_median_ms", times->len > 0 ? g_array_index (times, double, times->len / 2) : -1);
  add_double (json, prefix, "to_paint_mean_ms", times->len > 0 ? total / times->len : -1);
  add_double (json, prefix, "to_paint_max_ms", times->len > 0 ? g_array_index (times, double, times->len - 1) : -1);
  add_double (json, prefix, "over_16ms", over);
  add_double (json, prefix, "persisted_max_ms", worst_persisted);
  /* How many were painted one by one: a main loop busy for longer than the time between drops
   * paints several at once, and the figures above then say nothing. */
  add_double (json, prefix, "painted", n);
}

/* Runs one xdotool command; FALSE if it cannot. */
static gboolean
xdotool (const char *arguments)
{
  g_autofree char *command = g_strconcat ("xdotool ", arguments, NULL);
  int status = 0;

  return g_spawn_command_line_sync (command, NULL, NULL, &status, NULL) && status == 0;
}

/* Drops made with the real pointer (xdotool, as a person drags: press, 20 small moves, release),
 * the top card of the first column onto the top of the second and back, timed by the app from
 * its drop target's handler to the end of the paint that shows the drop. */
static void
bench_real_drops (JsonBuilder *json,
                  const char  *renderer_name,
                  const char  *app,
                  const char  *database,
                  const char  *renderer)
{
  g_autofree char *prefix = g_strdup_printf ("%s_real_drop", renderer_name);
  const char *env[] = { "AFFARI_BENCH_REAL_DROP", "1", NULL };
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *line = NULL;
  g_autofree char *found = g_find_program_in_path ("xdotool");
  Child child = { 0 };
  int x[2], y[2];
  guint over = 0;

  if (found == NULL || !child_spawn (&child, app, database, renderer, env))
    return;
  line = child_read_line (&child, "real-drop-geometry");
  if (line == NULL || sscanf (line, "real-drop-geometry %d %d %d %d", &x[0], &y[0], &x[1], &y[1]) != 4 || x[0] < 0 || x[1] < 0)
    {
      child_stop (&child);
      return;
    }

  for (int i = 0; i < 9; i++)
    {
      int from = i % 2, to = 1 - from;
      /* Not --sync: xdotool waits for ever when the pointer is there already. */
      g_autofree char *start = g_strdup_printf ("mousemove %d %d", x[from], y[from]);
      g_autofree char *drop = NULL;

      xdotool (start);
      g_usleep (200000);
      xdotool ("mousedown 1");
      g_usleep (200000);
      for (int step = 1; step <= 20; step++)
        {
          g_autofree char *move = g_strdup_printf ("mousemove %d %d",
                                                   x[from] + (x[to] - x[from]) * step / 20,
                                                   y[from] + (y[to] - y[from]) * step / 20);
          xdotool (move);
          g_usleep (20000);
        }
      g_usleep (200000);
      xdotool ("mouseup 1");

      drop = child_read_line (&child, "drop-ms");
      if (drop == NULL)
        break;
      if (i > 0)   /* the first warms SQLite's statement cache */
        {
          g_auto(GStrv) parts = g_strsplit (drop, " ", -1);
          double ms = g_strv_length (parts) >= 2 ? g_ascii_strtod (parts[1], NULL) : -1;

          g_array_append_val (times, ms);
          over += ms > 16.0;
        }
      g_usleep (800000);
    }
  child_stop (&child);

  g_array_sort (times, compare_doubles);
  add_double (json, prefix, "to_paint_median_ms", times->len > 0 ? g_array_index (times, double, times->len / 2) : -1);
  add_double (json, prefix, "to_paint_max_ms", times->len > 0 ? g_array_index (times, double, times->len - 1) : -1);
  add_double (json, prefix, "over_16ms", over);
  add_double (json, prefix, "count", times->len);
}

/* A database whose first stage holds @n deals: the column the scrolling test goes through. */
static char *
make_scroll_database (const char *dir,
                      guint       n)
{
  g_autoptr(AffariStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "scroll.db", NULL);
  const char *companies[] = { "Rossi Srl", "Bianchi SpA", "Verdi & C.", "Ferri Impianti" };
  gint64 company_ids[G_N_ELEMENTS (companies)];
  gint64 stage_id;

  store = affari_store_open (path, &error);
  g_assert_no_error (error);
  stage_id = affari_store_find_stage_by_code (store, affari_store_get_default_pipeline_id (store), "NEW");
  affari_store_begin_batch (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (companies); i++)
    {
      g_autoptr(AffariCompany) company = affari_company_new (companies[i]);
      company_ids[i] = affari_store_create_company (store, company, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AffariDeal) deal = affari_deal_new ();
      g_autofree char *title = g_strdup_printf ("Fornitura n. %u", i + 1);

      affari_deal_set_title (deal, title);
      affari_deal_set_amount (deal, 10000 + (gint64) (i % 997) * 1234);
      affari_deal_set_stage_id (deal, stage_id);
      /* A client only on every 500th deal: the store looks for earlier deals of the same client
       * (repeat-deal flags), which would make building this database quadratic. */
      if (i % 500 == 0)
        affari_deal_set_company_id (deal, company_ids[(i / 500) % G_N_ELEMENTS (companies)]);
      if (!affari_store_create_deal (store, deal, &error))
        g_error ("%s", error->message);
    }
  affari_store_end_batch (store, TRUE, &error);
  g_assert_no_error (error);
  affari_store_close (store);

  return path;
}

static void
bench_ui (JsonBuilder *json,
          const char  *self_path,
          const char  *database)
{
  g_autofree char *dir = g_path_get_dirname (self_path);
  g_autofree char *app = g_build_filename (dir, "affari", NULL);
  const char *renderers[][2] = { { "cairo", "cairo" }, { "default", NULL } };

  for (guint r = 0; r < G_N_ELEMENTS (renderers) && ui_startup; r++)
    bench_startup (json, renderers[r][0], self_path, app, database, renderers[r][1]);

  /* Drops on the real board, at a user's pace (a second apart, the toast of the last one at rest)
   * and faster than anyone drags (250 ms, toasts still sliding in), with both renderers. */
  for (guint r = 0; r < G_N_ELEMENTS (renderers) && ui_drop; r++)
    {
      bench_drops (json, renderers[r][0], "user_pace", app, database, renderers[r][1], 1000);
      bench_drops (json, renderers[r][0], "stress", app, database, renderers[r][1], 250);
      bench_real_drops (json, renderers[r][0], app, database, renderers[r][1]);
    }

  /* Scrolling a 50,000-deal column to its end. */
  if (ui_scroll)
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *tmp = g_dir_make_tmp ("affari-bench-scroll-XXXXXX", &error);
    g_autofree char *scroll_db = make_scroll_database (tmp, 50000);
    const char *names[] = { "cairo", "default" };

    for (guint r = 0; r < G_N_ELEMENTS (names); r++)
      {
        const char *floor_env[] = { "AFFARI_BENCH_FLOOR_FRAMES", "300", NULL };
        Child floor_child = { 0 };
        char *line;

        /* The floor: the empty window drawn whole as many times, with the same renderer. */
        if (child_spawn (&floor_child, self_path, NULL, r == 0 ? "cairo" : NULL, floor_env))
          {
            while ((line = child_read_line (&floor_child, "floor-")) != NULL && !g_str_has_prefix (line, "floor-done"))
              {
                g_auto(GStrv) parts = g_strsplit (line, " ", 2);

                if (parts[0] != NULL && parts[1] != NULL)
                  {
                    g_autofree char *key = g_strdelimit (g_strdup_printf ("%s_empty_window_%s", names[r], parts[0] + strlen ("floor-")), "-", '_');

                    json_builder_set_member_name (json, key);
                    json_builder_add_double_value (json, g_ascii_strtod (parts[1], NULL));
                  }
                g_free (line);
              }
            g_free (line);
            child_stop (&floor_child);
          }
      }

    for (guint r = 0; r < G_N_ELEMENTS (names); r++)
      {
        const char *env[] = { "AFFARI_BENCH_SCROLL", "NEW", NULL };
        Child child = { 0 };
        char *line;

        if (!child_spawn (&child, app, scroll_db, r == 0 ? "cairo" : NULL, env))
          continue;
        while ((line = child_read_line (&child, "scroll-")) != NULL && !g_str_has_prefix (line, "scroll-done"))
          {
            g_auto(GStrv) parts = g_strsplit (line, " ", 2);

            if (parts[0] != NULL && parts[1] != NULL)
              {
                g_autofree char *key = g_strdelimit (g_strdup_printf ("%s_%s", names[r], parts[0]), "-", '_');

                json_builder_set_member_name (json, key);
                json_builder_add_double_value (json, g_ascii_strtod (parts[1], NULL));
              }
            g_free (line);
          }
        g_free (line);
        child_stop (&child);
      }

    {
      g_autofree char *wal = g_strconcat (scroll_db, "-wal", NULL);
      g_autofree char *shm = g_strconcat (scroll_db, "-shm", NULL);
      g_unlink (wal);
      g_unlink (shm);
      g_unlink (scroll_db);
      g_rmdir (tmp);
    }
  }
}

/* ---------------------------------------------------------------- list UI
 *
 * The app starts on the list (AFFARI_START_VIEW=list) with the cairo renderer and its list
 * benchmark driver (AFFARI_BENCH_LIST=1, see affari-deal-list-view.c): from the spawn to the list
 * painted with its rows, then three header clicks each to its repainted frame, then a scroll from
 * the top to the end with the work per frame and the peak RSS. */
static void
bench_list_ui (JsonBuilder *json,
               const char  *self_path,
               const char  *database)
{
  g_autofree char *dir = g_path_get_dirname (self_path);
  g_autofree char *app = g_build_filename (dir, "affari", NULL);
  g_autofree char *schemas = g_build_filename (dir, "..", "data", NULL);
  /* run from the build tree: the app's schema is compiled there, not installed */
  gboolean own_schemas = g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL &&
                         g_file_test (schemas, G_FILE_TEST_IS_DIR);
  const char *env[] = { "AFFARI_START_VIEW", "kanban", "AFFARI_BENCH_LIST", "1",
                        own_schemas ? "GSETTINGS_SCHEMA_DIR" : NULL, schemas, NULL };
  Child child = { 0 };
  g_autofree char *first = NULL;
  g_autofree char *scroll = NULL;
  double first_ms, floor_ms;
  double sort_max = 0;
  long rows = 0, rss_kb = 0, open_us = -1000;

  floor_ms = first_frame_once (self_path, NULL, "cairo", NULL, NULL);
  if (!child_spawn (&child, app, database, "cairo", env))
    return;
  first = child_read_line (&child, "list-first-frame");
  first_ms = now_ms () - child.start_ms;
  if (first != NULL)
    sscanf (first, "list-first-frame rows %ld rss-kb %ld open-us %ld", &rows, &rss_kb, &open_us);
  json_builder_set_member_name (json, "list_ui_rows");
  json_builder_add_int_value (json, rows);
  /* the app starts on the board, then "Elenco" is clicked: process start to the list painted,
   * and the click (the view shown) to the list painted */
  json_builder_set_member_name (json, "list_ui_process_start_to_list_ms");
  json_builder_add_double_value (json, first != NULL ? first_ms : -1);
  json_builder_set_member_name (json, "list_ui_empty_window_ms");
  json_builder_add_double_value (json, floor_ms);
  json_builder_set_member_name (json, "list_ui_open_ms");
  json_builder_add_double_value (json, open_us / 1000.0);
  json_builder_set_member_name (json, "list_ui_rss_kb");
  json_builder_add_int_value (json, rss_kb);

  json_builder_set_member_name (json, "list_ui_sort_repaint_ms");
  json_builder_begin_array (json);
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *line = child_read_line (&child, "list-sort-us");
      long us = 0;

      if (line == NULL || sscanf (line, "list-sort-us %ld", &us) != 1)
        break;
      json_builder_add_double_value (json, us / 1000.0);
      sort_max = MAX (sort_max, us / 1000.0);
    }
  json_builder_end_array (json);
  json_builder_set_member_name (json, "list_ui_sort_repaint_max_ms");
  json_builder_add_double_value (json, sort_max);

  /* "rossi" typed a keystroke at a time, then cleared: each to the repainted list */
  json_builder_set_member_name (json, "list_ui_search_keystroke_repaint_ms");
  json_builder_begin_array (json);
  sort_max = 0;
  {
    /* and where each went: reading and binding the rows, waiting for the frame clock's turn
     * (a focused entry's cursor keeps it ticking), the frame's layout and paint */
    static const char *parts[] = { "query", "wait", "frame" };
    double part_ms[6][3] = { { 0 } };
    int keys = 0;

    for (int i = 0; i < 6; i++)
      {
        g_autofree char *line = child_read_line (&child, "list-search-us");
        long us = 0, query = 0, wait = 0, frame = 0;
        unsigned rows = 0;

        if (line == NULL || sscanf (line, "list-search-us %ld rows %u query-us %ld wait-us %ld frame-us %ld",
                                    &us, &rows, &query, &wait, &frame) < 1)
          break;
        json_builder_add_double_value (json, us / 1000.0);
        sort_max = MAX (sort_max, us / 1000.0);
        part_ms[keys][0] = query / 1000.0;
        part_ms[keys][1] = wait / 1000.0;
        part_ms[keys][2] = frame / 1000.0;
        keys++;
      }
    json_builder_end_array (json);
    json_builder_set_member_name (json, "list_ui_search_keystroke_repaint_max_ms");
    json_builder_add_double_value (json, sort_max);
    for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
      {
        g_autofree char *name = g_strdup_printf ("list_ui_search_keystroke_%s_ms", parts[p]);

        json_builder_set_member_name (json, name);
        json_builder_begin_array (json);
        for (int i = 0; i < keys; i++)
          json_builder_add_double_value (json, part_ms[i][p]);
        json_builder_end_array (json);
      }
  }

  scroll = child_read_line (&child, "list-scroll");
  if (scroll != NULL)
    {
      unsigned frames = 0, over = 0;
      long mean_us = 0, max_us = 0, rss_start = 0, rss_max = 0;

      sscanf (scroll, "list-scroll frames %u mean-us %ld max-us %ld over-16ms %u rss-start-kb %ld rss-max-kb %ld",
              &frames, &mean_us, &max_us, &over, &rss_start, &rss_max);
      json_builder_set_member_name (json, "list_ui_scroll_frames");
      json_builder_add_int_value (json, frames);
      json_builder_set_member_name (json, "list_ui_scroll_frame_mean_ms");
      json_builder_add_double_value (json, mean_us / 1000.0);
      json_builder_set_member_name (json, "list_ui_scroll_frame_max_ms");
      json_builder_add_double_value (json, max_us / 1000.0);
      json_builder_set_member_name (json, "list_ui_scroll_frames_over_16ms");
      json_builder_add_int_value (json, over);
      json_builder_set_member_name (json, "list_ui_scroll_rss_max_kb");
      json_builder_add_int_value (json, rss_max);
    }
  child_stop (&child);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) json = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  int deals = 100000;
  int seed = 1;
  int clone_to = 0;
  char *database = NULL;
  gboolean keep = FALSE;
  gboolean ui = FALSE;
  gboolean list_ui = FALSE;
  gboolean ui_only = FALSE;
  g_autofree char *ui_parts = NULL;
  gboolean empty_window = FALSE;
  double generate_ms = 0;
  Bench b = { 0 };
  GOptionEntry entries[] = {
    { "deals", 'n', 0, G_OPTION_ARG_INT, &deals, "Number of deals (default 100000)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the generated data", "S" },
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, "Use (and fill if empty) this database", "PATH" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the generated database", NULL },
    { "clone-to", 0, 0, G_OPTION_ARG_INT, &clone_to, "Then copy the deals up to about N (1000000) and time the list again", "N" },
    { "ui", 0, 0, G_OPTION_ARG_NONE, &ui, "Also time the real window under the current display", NULL },
    { "list-ui", 0, 0, G_OPTION_ARG_NONE, &list_ui, "Time the list in the real window instead of the store (with --clone-to: after the copy)", NULL },
    { "ui-only", 0, 0, G_OPTION_ARG_NONE, &ui_only, "Time only the real window (implies --ui)", NULL },
    { "ui-parts", 0, 0, G_OPTION_ARG_STRING, &ui_parts, "Which window timings: startup,drop,scroll (default all)", "LIST" },
    { "ui-runs", 0, 0, G_OPTION_ARG_INT, &runs_ui, "Start-ups of each kind, for the medians (default 5)", "N" },
    { "empty-window", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &empty_window, "Show an empty window (the floor)", NULL },
    { NULL }
  };

  affari_i18n_init ();
  context = g_option_context_new ("— measure Affari on N deals");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (empty_window)
    return run_empty_window ();
  if (ui_only)
    ui = TRUE;
  if (ui_parts != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (ui_parts, ",", -1);

      ui_startup = g_strv_contains ((const char * const *) parts, "startup");
      ui_drop = g_strv_contains ((const char * const *) parts, "drop");
      ui_scroll = g_strv_contains ((const char * const *) parts, "scroll");
    }
  runs_ui = CLAMP (runs_ui, 1, 50);

  if (database != NULL)
    path = g_strdup (database);
  else
    {
      dir = g_dir_make_tmp ("affari-bench-XXXXXX", &error);
      if (dir == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      path = g_build_filename (dir, "bench.db", NULL);
    }

  b.path = path;
  b.store = affari_store_open (path, &error);
  if (b.store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (affari_store_count_deals (b.store, NULL, NULL) == 0)
    {
      double start = now_ms ();
      if (!affari_demo_generate (b.store, (guint) deals, (guint32) seed, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      generate_ms = now_ms () - start;
    }
  g_clear_object (&b.store);

  b.store = affari_store_open (path, &error);
  b.pipeline = affari_store_get_default_pipeline_id (b.store);
  b.stages = affari_store_list_stages (b.store, b.pipeline, NULL);
  {
    AffariDealQuery q = { .pipeline_id = b.pipeline, .stage_id = affari_stage_get_id (g_ptr_array_index (b.stages, 0)) };
    g_autoptr(GArray) ids = affari_store_query_deal_ids (b.store, &q, NULL);
    b.deal = ids->len ? g_array_index (ids, gint64, 0) : 0;
  }

  json_builder_begin_object (json);
  json_builder_set_member_name (json, "deals");
  json_builder_add_int_value (json, affari_store_count_deals (b.store, NULL, NULL));
  json_builder_set_member_name (json, "deals_in_pipeline");
  {
    AffariDealQuery q = { .pipeline_id = b.pipeline };
    json_builder_add_int_value (json, affari_store_count_deals (b.store, &q, NULL));
  }
  json_builder_set_member_name (json, "runs");
  json_builder_add_int_value (json, RUNS);
  if (generate_ms > 0)
    {
      json_builder_set_member_name (json, "generate_ms");
      json_builder_add_double_value (json, generate_ms);
    }
  if (!ui_only && (!list_ui || clone_to > 0))
    {
      json_builder_set_member_name (json, "open_ms");
      json_builder_add_double_value (json, median (bench_open, &b));
      json_builder_set_member_name (json, "stage_totals_ms");
      json_builder_add_double_value (json, median (bench_totals, &b));
      json_builder_set_member_name (json, "first_page_every_stage_ms");
      json_builder_add_double_value (json, median (bench_first_pages, &b));
      if (b.deal != 0)
        {
          AffariDealQuery column = { .stage_id = affari_stage_get_id (g_ptr_array_index (b.stages, 1)) };

          b.ops = affari_deal_ops_new (b.store);
          b.column = affari_deal_list_new (b.store, &column);
          json_builder_set_member_name (json, "move_ms");
          json_builder_add_double_value (json, median (bench_move, &b));
          json_builder_set_member_name (json, "undo_ms");
          json_builder_add_double_value (json, median (bench_undo, &b));
          g_clear_object (&b.column);
          g_clear_object (&b.ops);
        }
      json_builder_set_member_name (json, "filtered_query_ms");
      json_builder_add_double_value (json, median (bench_filtered_query, &b));
      json_builder_set_member_name (json, "sorted_ids_pipeline_ms");
      json_builder_add_double_value (json, median (bench_sorted_ids, &b));
      {
        double store_ms, floor_ms;

        b.flip = 0;
        floor_ms = median (bench_search_sqlite, &b);
        b.flip = 0;
        store_ms = median (bench_search_store, &b);
        json_builder_set_member_name (json, "search_keystroke_store_ms");
        json_builder_add_double_value (json, store_ms);
        json_builder_set_member_name (json, "search_keystroke_sqlite3_floor_ms");
        json_builder_add_double_value (json, floor_ms);
        json_builder_set_member_name (json, "search_keystroke_ratio");
        json_builder_add_double_value (json, floor_ms > 0 ? store_ms / floor_ms : -1);
        b.flip = 0;
        store_ms = median (bench_search_store_first, &b);
        json_builder_set_member_name (json, "search_first_keystroke_store_ms");
        json_builder_add_double_value (json, store_ms);
        json_builder_set_member_name (json, "search_first_keystroke_ratio");
        json_builder_add_double_value (json, floor_ms > 0 ? store_ms / floor_ms : -1);
        json_builder_set_member_name (json, "list_sort_change_ms");
        json_builder_add_double_value (json, median (bench_sort_change, &b));
        json_builder_set_member_name (json, "list_open_ms");
        json_builder_add_double_value (json, median (bench_list_open, &b));
      }
      if (clone_to > 0)
        {
          guint n = affari_store_count_deals (b.store, NULL, NULL);
          double start = now_ms ();
          guint copies = n > 0 ? (clone_to + n - 1) / n - 1 : 0;
          AffariDealQuery all = { 0 };

          if (copies > 0 && !affari_store_test_clone_deals (b.store, copies, &error))
            g_error ("%s", error->message);
          json_builder_set_member_name (json, "clone_ms");
          json_builder_add_double_value (json, now_ms () - start);
          json_builder_set_member_name (json, "deals_after_clone");
          json_builder_add_int_value (json, affari_store_count_deals (b.store, &all, NULL));
          b.pipeline = 0;
          json_builder_set_member_name (json, "big_list_open_ms");
          json_builder_add_double_value (json, median (bench_list_open, &b));
          b.pipeline = affari_store_get_default_pipeline_id (b.store);
          json_builder_set_member_name (json, "big_rss_kb_after_open");
          json_builder_add_int_value (json, current_rss_kb ());
        }
    }
  if (list_ui)
    {
      g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);

      g_clear_object (&b.store);
      bench_list_ui (json, self_path, path);
      b.store = affari_store_open (path, NULL);
    }
  if (ui)
    {
      g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);

      /* The app opens the same file: let go of it meanwhile. */
      g_clear_object (&b.store);
      bench_ui (json, self_path, path);
      b.store = affari_store_open (path, NULL);
    }
  json_builder_set_member_name (json, "rss_kb");
  json_builder_add_int_value (json, current_rss_kb ());
  json_builder_set_member_name (json, "peak_rss_kb");
  json_builder_add_int_value (json, peak_rss_kb ());
  json_builder_end_object (json);

  root = json_builder_get_root (json);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  out = json_generator_to_data (generator, NULL);
  g_print ("%s\n", out);

  g_clear_pointer (&b.stages, g_ptr_array_unref);
  g_clear_object (&b.store);
  if (dir != NULL && !keep)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_unlink (wal);
      g_unlink (shm);
      g_unlink (path);
      g_rmdir (dir);
    }
  else if (dir != NULL)
    g_printerr ("database kept: %s\n", path);
  g_free (database);
  return 0;
}
