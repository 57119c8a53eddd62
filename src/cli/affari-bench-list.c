/* affari-bench-list.c — the list ("Elenco") timed from outside
 *
 * After the window's first frame the driver activates win.show-view "list", as a click on
 * "Elenco" does, and prints "list-first-frame" once the list has painted its rows; then it sorts
 * by three headers (deals.sort) and prints the time from each to the repainted frame; then types
 * "rossi" in the search entry (after win.search) a key at a time and clears it, each to the frame
 * that shows its rows; then scrolls from the top to the end of the list and prints the work of
 * each frame (before-paint to after-paint) and the peak RSS, and quits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-bench-app"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/filter/affari-filter-bar.h"
#include "ui/list/affari-deal-list-view.h"
#include "cli/affari-bench-app.h"

typedef enum {
  BENCH_WAIT_ROWS,
  BENCH_SORT,
  BENCH_SEARCH,
  BENCH_SCROLL,
  BENCH_DONE,
} BenchPhase;

typedef struct {
  AffariWindow       *window;
  AffariDealListView *list;
  BenchPhase          phase;
  gint64              click_time;
  guint               sort_step;
  guint               search_step;
  gint64              step_start;
  gint64              applied_at;  /* the window applied the filter of the last keystroke */
  gboolean            waiting;     /* a sort or keystroke is on its way to the screen */
  const char         *typed;
  gint64              frame_start;
  guint               frames;
  guint               over_16;
  double              total_ms;
  double              max_ms;
  long                rss_start_kb;
  long                rss_max_kb;
} BenchList;

/* One driver a process: it lives until the process quits. */
static BenchList bench;

static long
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line ? strtol (line + 6, NULL, 10) : 0;
}

static guint
n_rows (void)
{
  AffariDealList *deals = affari_deal_list_view_get_deals (bench.list);

  return deals != NULL ? g_list_model_get_n_items (G_LIST_MODEL (deals)) : 0;
}

static void
sort_next (void)
{
  static const struct { const char *column; gboolean descending; } sorts[] = {
    { "amount", TRUE },
    { "title", FALSE },
    { "stage", FALSE },
  };

  if (bench.sort_step >= G_N_ELEMENTS (sorts))
    {
      bench.phase = BENCH_SEARCH;
      return;
    }
  bench.step_start = g_get_monotonic_time ();
  bench.waiting = TRUE;
  gtk_widget_activate_action (GTK_WIDGET (bench.list), "deals.sort", "(si)",
                              sorts[bench.sort_step].column, sorts[bench.sort_step].descending);
  gtk_widget_queue_draw (GTK_WIDGET (bench.list));
}

/* Typing "rossi" in the window's search entry, then clearing it: from the text entered to the
 * frame that shows the rows it finds (the entry tells the window, the window every view). */
static void
search_next (void)
{
  static const char *typed[] = { "r", "ro", "ros", "ross", "rossi", "" };
  GtkEditable *entry = GTK_EDITABLE (affari_filter_bar_get_search_entry (affari_window_get_filter_bar (bench.window)));
  const char *shown = gtk_editable_get_text (entry);
  int end = (int) strlen (shown);

  if (bench.search_step >= G_N_ELEMENTS (typed))
    {
      bench.phase = BENCH_SCROLL;
      return;
    }
  bench.typed = typed[bench.search_step];
  bench.step_start = g_get_monotonic_time ();
  bench.waiting = TRUE;
  /* a key typed adds a letter at the end; clearing deletes the whole text */
  if (*bench.typed != '\0' && g_str_has_prefix (bench.typed, shown))
    gtk_editable_insert_text (entry, bench.typed + end, -1, &end);
  else
    gtk_editable_delete_text (entry, 0, -1);
}

/* A person clicks or types again some time after seeing the result: the next step waits as long
 * as a fast typist does between two keys (about seven a second). */
#define BENCH_STEP_PAUSE_MS 150

static gboolean
step_cb (gpointer data)
{
  if (bench.phase == BENCH_SORT)
    {
      sort_next ();
      if (bench.phase == BENCH_SEARCH)
        {
          /* as a person does: Ctrl+F opens the search bar, then the typing starts */
          gtk_widget_activate_action (GTK_WIDGET (bench.window), "win.search", NULL);
          g_timeout_add (500, step_cb, NULL);
        }
    }
  else if (bench.phase == BENCH_SEARCH)
    {
      search_next ();
      if (bench.phase == BENCH_SCROLL)
        gtk_widget_queue_draw (GTK_WIDGET (bench.list));
    }
  return G_SOURCE_REMOVE;
}

/* The window has applied a new filter to every view: the list has read and bound its rows. */
static void
on_filter_changed_cb (AffariWindow *window,
                      gpointer      user_data)
{
  bench.applied_at = g_get_monotonic_time ();
}

static void
on_before_paint_cb (GdkFrameClock *clock,
                    gpointer       user_data)
{
  bench.frame_start = g_get_monotonic_time ();
}

static void
scroll_frame (gint64 now)
{
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (affari_deal_list_view_get_column_view (bench.list)));
  double upper = gtk_adjustment_get_upper (adj);
  double page = gtk_adjustment_get_page_size (adj);
  double value = gtk_adjustment_get_value (adj);
  /* about 2,000 frames from the top to the end, whatever the length */
  double step = MAX (page, (upper - page) / 2000.0);

  if (bench.frames > 0)
    {
      double ms = (now - bench.frame_start) / 1000.0;

      bench.total_ms += ms;
      bench.max_ms = MAX (bench.max_ms, ms);
      bench.over_16 += ms > 16.0;
    }
  bench.frames++;
  if (bench.frames % 50 == 0)
    bench.rss_max_kb = MAX (bench.rss_max_kb, rss_kb ());
  if (value >= upper - page - 1)
    {
      bench.rss_max_kb = MAX (bench.rss_max_kb, rss_kb ());
      g_print ("list-scroll frames %u mean-us %.0f max-us %.0f over-16ms %u rss-start-kb %ld rss-max-kb %ld\n",
               bench.frames - 1, bench.frames > 1 ? bench.total_ms * 1000 / (bench.frames - 1) : 0.0, bench.max_ms * 1000,
               bench.over_16, bench.rss_start_kb, bench.rss_max_kb);
      fflush (stdout);
      bench.phase = BENCH_DONE;
      g_application_quit (g_application_get_default ());
      return;
    }
  gtk_adjustment_set_value (adj, MIN (value + step, upper - page));
  gtk_widget_queue_draw (GTK_WIDGET (bench.list));
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();
  const AffariDealQuery *filter;

  switch (bench.phase)
    {
    case BENCH_WAIT_ROWS:
      if (n_rows () == 0)
        return;
      bench.rss_start_kb = bench.rss_max_kb = rss_kb ();
      /* open-us: from the click on "Elenco" to its rows painted */
      g_print ("list-first-frame rows %u rss-kb %ld open-us %" G_GINT64_FORMAT "\n",
               n_rows (), bench.rss_start_kb, now - bench.click_time);
      fflush (stdout);
      bench.phase = BENCH_SORT;
      g_timeout_add (BENCH_STEP_PAUSE_MS, step_cb, NULL);
      break;

    case BENCH_SORT:
      if (!bench.waiting)
        return;
      bench.waiting = FALSE;
      g_print ("list-sort-us %" G_GINT64_FORMAT "\n", now - bench.step_start);
      fflush (stdout);
      bench.sort_step++;
      g_timeout_add (BENCH_STEP_PAUSE_MS, step_cb, NULL);
      break;

    case BENCH_SEARCH:
      /* the frame that shows the rows of what was typed */
      filter = affari_window_get_filter (bench.window);
      if (!bench.waiting || g_strcmp0 (filter->text != NULL ? filter->text : "", bench.typed) != 0 ||
          bench.applied_at <= bench.step_start || bench.frame_start < bench.applied_at)
        return;
      bench.waiting = FALSE;
      g_print ("list-search-us %" G_GINT64_FORMAT " rows %u query-us %" G_GINT64_FORMAT
               " wait-us %" G_GINT64_FORMAT " frame-us %" G_GINT64_FORMAT "\n",
               now - bench.step_start, n_rows (), bench.applied_at - bench.step_start,
               bench.frame_start - bench.applied_at, now - bench.frame_start);
      fflush (stdout);
      bench.search_step++;
      g_timeout_add (BENCH_STEP_PAUSE_MS, step_cb, NULL);
      break;

    case BENCH_SCROLL:
      scroll_frame (now);
      break;

    case BENCH_DONE:
    default:
      break;
    }
}

void
bench_list_start (AffariWindow *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  bench.window = window;
  g_signal_connect (window, "filter-changed", G_CALLBACK (on_filter_changed_cb), NULL);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);

  /* As a click on "Elenco": the view is built by it, and its opening timed from here. */
  bench.click_time = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "list");
  bench.list = affari_window_get_deal_list_view (window);
  gtk_widget_queue_draw (GTK_WIDGET (window));
}
