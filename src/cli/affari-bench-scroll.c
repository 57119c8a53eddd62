/* affari-bench-scroll.c — a board column scrolled from the top to its end, timed from outside
 *
 * The column's adjustment is moved evenly over BENCH_SCROLL_FRAMES frames (a tick callback), and
 * each frame's work is timed from the frame clock's before-paint to its after-paint.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-bench-app"

#include "config.h"

#include <stdio.h>

#include "ui/board/affari-kanban-column.h"
#include "cli/affari-bench-app.h"

/* Frames from the top of the column to its end. */
#define BENCH_SCROLL_FRAMES 300

typedef struct {
  AffariWindow       *window;
  AffariKanbanColumn *column;
  char               *stage_code;
  GArray             *frames;      /* double, ms */
  gint64              frame_start;
  guint               frame;
  gulong              before_handler;
  gulong              after_handler;
} Scroll;

/* One driver a process: it lives until the process ends. */
static Scroll scroll;

static void
finish (void)
{
  AffariDealList *deals = affari_kanban_column_get_deals (scroll.column);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (scroll.window));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (deals));
  gint64 last = n > 0 ? affari_deal_list_get_id_at (deals, n - 1) : 0;
  double total = 0, worst = 0;
  guint over = 0, rows = 0;
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_clear_signal_handler (&scroll.before_handler, clock);
  g_clear_signal_handler (&scroll.after_handler, clock);

  for (guint i = 0; i < scroll.frames->len; i++)
    {
      double t = g_array_index (scroll.frames, double, i);

      total += t;
      worst = MAX (worst, t);
      over += t > 16.0;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (affari_kanban_column_get_list_view (scroll.column)));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rows++;

  g_print ("scroll-items %u\n", n);
  g_print ("scroll-frames %u\n", scroll.frames->len);
  g_print ("scroll-mean-ms %s\n", g_ascii_formatd (number, sizeof number, "%.2f",
                                                    scroll.frames->len > 0 ? total / scroll.frames->len : 0));
  g_print ("scroll-max-ms %s\n", g_ascii_formatd (number, sizeof number, "%.2f", worst));
  g_print ("scroll-over-16ms %u\n", over);
  g_print ("scroll-row-widgets %u\n", rows);
  g_print ("scroll-deal-objects %u\n", affari_deal_list_get_n_loaded (deals));
  g_print ("scroll-reached-end %d\n", last != 0 && affari_kanban_column_find_card (scroll.column, last) != NULL);
  g_print ("scroll-done\n");
  fflush (stdout);
}

static void
on_before_paint_cb (GdkFrameClock *clock,
                    gpointer       user_data)
{
  scroll.frame_start = g_get_monotonic_time ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  double ms;

  if (scroll.frame_start == 0)
    return;

  ms = (g_get_monotonic_time () - scroll.frame_start) / 1000.0;
  g_array_append_val (scroll.frames, ms);
  scroll.frame_start = 0;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  GtkAdjustment *adjustment = affari_kanban_column_get_vadjustment (scroll.column);
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  scroll.frame++;
  if (scroll.frame > BENCH_SCROLL_FRAMES + 10)
    {
      finish ();
      return G_SOURCE_REMOVE;
    }

  /* Evenly from the top to the end: every frame shows rows never seen before. */
  gtk_adjustment_set_value (adjustment, MIN (scroll.frame, BENCH_SCROLL_FRAMES) * end / BENCH_SCROLL_FRAMES);

  return G_SOURCE_CONTINUE;
}

static gboolean
start_cb (gpointer user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (scroll.window));

  scroll.column = bench_app_find_column (affari_window_get_kanban_board (scroll.window), scroll.stage_code);
  if (scroll.column == NULL || clock == NULL)
    {
      g_print ("scroll-error no column %s\n", scroll.stage_code);
      g_print ("scroll-done\n");
      fflush (stdout);
      return G_SOURCE_REMOVE;
    }

  scroll.frames = g_array_new (FALSE, FALSE, sizeof (double));
  scroll.before_handler = g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), NULL);
  scroll.after_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
  gtk_widget_add_tick_callback (GTK_WIDGET (scroll.window), tick_cb, NULL, NULL);

  return G_SOURCE_REMOVE;
}

void
bench_scroll_start (AffariWindow *window,
                    const char   *stage_code)
{
  AffariKanbanBoard *board = affari_window_get_kanban_board (window);
  AffariKanbanColumn *column = bench_app_find_column (board, stage_code);
  guint n_columns = 1;

  scroll.window = window;
  scroll.stage_code = g_strdup (stage_code);
  /* Waits for the columns up to the one scrolled. */
  for (guint i = 0; column != NULL && i < affari_kanban_board_get_n_columns (board); i++)
    if (affari_kanban_board_get_column (board, i) == column)
      n_columns = i + 1;
  bench_app_when_board_settled (window, n_columns, start_cb, NULL);
}
