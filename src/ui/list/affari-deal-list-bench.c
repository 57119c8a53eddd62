/* affari-deal-list-bench.c — the benchmark's driver of the list
 *
 * AFFARI_BENCH_LIST=1 (used by affari-bench --list-ui): once the list has painted its rows it
 * prints "list-first-frame", then sorts by three headers and prints the time from each click to
 * the repainted frame, then scrolls from the top to the end of the list and prints the work of
 * each frame (before-paint to after-paint) and the peak RSS, and quits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-list-view"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui/list/affari-deal-list-view-private.h"
#include "ui/filter/affari-filter-bar.h"
#include "ui/app/affari-window.h"

typedef enum {
  BENCH_WAIT_ROWS,
  BENCH_SORT,
  BENCH_SEARCH,
  BENCH_SCROLL,
  BENCH_DONE,
} BenchPhase;

typedef struct {
  AffariDealListView *self;
  BenchPhase          phase;
  gint64              map_time;
  guint               sort_step;
  guint               search_step;
  gint64              sort_start;
  gboolean            waiting;     /* a sort or keystroke is on its way to the screen */
  const char         *typed;
  gint64              frame_start;
  guint               frames;
  guint               over_16;
  double              total_ms;
  double              max_ms;
  long                rss_start_kb;
  long                rss_max_kb;
  GdkFrameClock      *clock;
  gulong              before_handler;
  gulong              after_handler;
} BenchList;

static void
bench_list_free (gpointer data)
{
  BenchList *b = data;

  /* the clock may have dropped its handlers already when it went away */
  if (b->before_handler != 0 && g_signal_handler_is_connected (b->clock, b->before_handler))
    g_signal_handler_disconnect (b->clock, b->before_handler);
  if (b->after_handler != 0 && g_signal_handler_is_connected (b->clock, b->after_handler))
    g_signal_handler_disconnect (b->clock, b->after_handler);
  g_clear_object (&b->clock);
  g_free (b);
}

static long
bench_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line ? strtol (line + 6, NULL, 10) : 0;
}

static void
bench_sort_next (BenchList *b)
{
  static const struct { ColumnKind kind; GtkSortType order; } sorts[] = {
    { COL_AMOUNT, GTK_SORT_DESCENDING },
    { COL_TITLE, GTK_SORT_ASCENDING },
    { COL_STAGE, GTK_SORT_ASCENDING },
  };
  GListModel *columns = gtk_column_view_get_columns (b->self->column_view);
  g_autoptr(GtkColumnViewColumn) column = NULL;

  if (b->sort_step >= G_N_ELEMENTS (sorts))
    {
      b->phase = BENCH_SEARCH;
      return;
    }
  column = g_list_model_get_item (columns, sorts[b->sort_step].kind);
  b->sort_start = g_get_monotonic_time ();
  b->waiting = TRUE;
  gtk_column_view_sort_by_column (b->self->column_view, column, sorts[b->sort_step].order);
  gtk_widget_queue_draw (GTK_WIDGET (b->self));
}

/* Typing "rossi" in the window's search entry, then clearing it: from the text entered to the
 * frame that shows the rows it finds (the entry tells the window, the window every view). */
static void
bench_search_next (BenchList *b)
{
  static const char *typed[] = { "r", "ro", "ros", "ross", "rossi", "" };
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (b->self));
  GtkWidget *entry = AFFARI_IS_WINDOW (root)
                     ? GTK_WIDGET (affari_filter_bar_get_search_entry (affari_window_get_filter_bar (AFFARI_WINDOW (root))))
                     : NULL;

  if (b->search_step >= G_N_ELEMENTS (typed) || entry == NULL)
    {
      b->phase = BENCH_SCROLL;
      return;
    }
  b->typed = typed[b->search_step];
  b->sort_start = g_get_monotonic_time ();
  b->waiting = TRUE;
  /* a key typed adds a letter at the end; clearing deletes the whole text */
  {
    const char *shown = gtk_editable_get_text (GTK_EDITABLE (entry));
    int end = (int) strlen (shown);

    if (*b->typed != '\0' && g_str_has_prefix (b->typed, shown))
      gtk_editable_insert_text (GTK_EDITABLE (entry), b->typed + end, -1, &end);
    else
      gtk_editable_delete_text (GTK_EDITABLE (entry), 0, -1);
  }
}

/* A person clicks or types again some time after seeing the result: the next step waits as long
 * as a fast typist does between two keys (about seven a second). */
#define BENCH_STEP_PAUSE_MS 150

static gboolean
bench_step_cb (gpointer data)
{
  BenchList *b = data;

  if (b->phase == BENCH_SORT)
    {
      bench_sort_next (b);
      if (b->phase == BENCH_SEARCH)
        {
          /* as a person does: Ctrl+F opens the search bar, then the typing starts */
          gtk_widget_activate_action (GTK_WIDGET (b->self), "win.search", NULL);
          g_timeout_add (500, bench_step_cb, b);
        }
    }
  else if (b->phase == BENCH_SEARCH)
    {
      bench_search_next (b);
      if (b->phase == BENCH_SCROLL)
        gtk_widget_queue_draw (GTK_WIDGET (b->self));
    }
  return G_SOURCE_REMOVE;
}

static void
on_bench_before_paint_cb (GdkFrameClock *clock, BenchList *b)
{
  b->frame_start = g_get_monotonic_time ();
}

static void
on_bench_after_paint_cb (GdkFrameClock *clock, BenchList *b)
{
  AffariDealListView *self = b->self;
  gint64 now = g_get_monotonic_time ();
  guint n = self->deals ? g_list_model_get_n_items (G_LIST_MODEL (self->deals)) : 0;

  switch (b->phase)
    {
    case BENCH_WAIT_ROWS:
      if (n == 0)
        return;
      b->rss_start_kb = b->rss_max_kb = bench_rss_kb ();
      /* open-us: from the click on "Elenco" (or the view being shown) to its rows painted */
      g_print ("list-first-frame rows %u rss-kb %ld open-us %" G_GINT64_FORMAT "\n",
               n, b->rss_start_kb, now - b->map_time);
      fflush (stdout);
      b->phase = BENCH_SORT;
      g_timeout_add (BENCH_STEP_PAUSE_MS, bench_step_cb, b);
      break;

    case BENCH_SORT:
      if (!b->waiting)
        return;
      b->waiting = FALSE;
      g_print ("list-sort-us %" G_GINT64_FORMAT "\n", now - b->sort_start);
      fflush (stdout);
      b->sort_step++;
      g_timeout_add (BENCH_STEP_PAUSE_MS, bench_step_cb, b);
      break;

    case BENCH_SEARCH:
      /* the frame that shows the rows of what was typed */
      if (!b->waiting || self->query == NULL ||
          g_strcmp0 (self->query->text ? self->query->text : "", b->typed) != 0 ||
          self->applied_at <= b->sort_start || b->frame_start < self->applied_at)
        return;
      b->waiting = FALSE;
      g_print ("list-search-us %" G_GINT64_FORMAT " rows %u query-us %" G_GINT64_FORMAT
               " wait-us %" G_GINT64_FORMAT " frame-us %" G_GINT64_FORMAT "\n",
               now - b->sort_start, n, self->applied_done_at - b->sort_start,
               b->frame_start - self->applied_done_at, now - b->frame_start);
      fflush (stdout);
      b->search_step++;
      g_timeout_add (BENCH_STEP_PAUSE_MS, bench_step_cb, b);
      break;

    case BENCH_SCROLL:
      {
        GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);
        double upper = gtk_adjustment_get_upper (adj);
        double page = gtk_adjustment_get_page_size (adj);
        double value = gtk_adjustment_get_value (adj);
        /* about 2,000 frames from the top to the end, whatever the length */
        double step = MAX (page, (upper - page) / 2000.0);

        if (b->frames > 0)
          {
            double ms = (now - b->frame_start) / 1000.0;

            b->total_ms += ms;
            b->max_ms = MAX (b->max_ms, ms);
            if (ms > 16.0)
              b->over_16++;
          }
        b->frames++;
        if (b->frames % 50 == 0)
          b->rss_max_kb = MAX (b->rss_max_kb, bench_rss_kb ());
        if (value >= upper - page - 1)
          {
            b->rss_max_kb = MAX (b->rss_max_kb, bench_rss_kb ());
            g_print ("list-scroll frames %u mean-us %.0f max-us %.0f over-16ms %u rss-start-kb %ld rss-max-kb %ld\n",
                     b->frames - 1, b->frames > 1 ? b->total_ms * 1000 / (b->frames - 1) : 0.0, b->max_ms * 1000,
                     b->over_16, b->rss_start_kb, b->rss_max_kb);
            fflush (stdout);
            b->phase = BENCH_DONE;
            g_application_quit (g_application_get_default ());
            return;
          }
        gtk_adjustment_set_value (adj, MIN (value + step, upper - page));
        gtk_widget_queue_draw (GTK_WIDGET (self));
      }
      break;

    case BENCH_DONE:
    default:
      break;
    }
}

void
affari_deal_list_bench_maybe_start (AffariDealListView *self,
                                    gint64              map_time)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gint64 clicked = root != NULL ? (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (root), "affari-bench-click")) : 0;
  BenchList *b;
  GdkFrameClock *clock;

  if (g_strcmp0 (g_getenv ("AFFARI_BENCH_LIST"), "1") != 0 ||
      g_object_get_data (G_OBJECT (self), "affari-bench-list") != NULL)
    return;
  /* from the click on "Elenco" when the window noted it, else from the view being shown */
  if (clicked > 0)
    map_time = clicked;
  b = g_new0 (BenchList, 1);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  b->self = self;
  b->map_time = map_time;
  b->clock = g_object_ref (clock);
  b->before_handler = g_signal_connect (clock, "before-paint", G_CALLBACK (on_bench_before_paint_cb), b);
  b->after_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_bench_after_paint_cb), b);
  /* the benchmark runs until the process quits: the driver lives as long as the view */
  g_object_set_data_full (G_OBJECT (self), "affari-bench-list", b, bench_list_free);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
