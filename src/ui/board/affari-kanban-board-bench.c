/* affari-kanban-board-bench.c
 *
 * The board's timings, printed for affari-bench: how long a drop takes to show
 * (AFFARI_REPORT_DROP=1), drops made by a timer (AFFARI_BENCH_DROP=N, AFFARI_BENCH_DROP_INTERVAL),
 * where a real pointer should drag (AFFARI_BENCH_REAL_DROP), and the frames of a column scrolled
 * from top to end (AFFARI_BENCH_SCROLL=stage code). They drive the board through its public API
 * and the columns' drop, as a user would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-kanban-board"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ui/board/affari-kanban-board-private.h"

static gboolean
report_drops (void)
{
  static int enabled = -1;

  if (enabled < 0)
    enabled = g_strcmp0 (g_getenv ("AFFARI_REPORT_DROP"), "1") == 0 || g_getenv ("AFFARI_BENCH_DROP") != NULL ||
              g_getenv ("AFFARI_BENCH_REAL_DROP") != NULL;

  return enabled;
}

static void
on_drop_after_paint_cb (GdkFrameClock     *clock,
                        AffariKanbanBoard *self)
{
  gint64 now = g_get_monotonic_time ();
  char drop[G_ASCII_DTOSTR_BUF_SIZE], persisted[G_ASCII_DTOSTR_BUF_SIZE];

  g_clear_signal_handler (&self->drop_paint_handler, clock);

  /* Machine numbers, read by affari-bench: a decimal point whatever the locale. */
  g_print ("drop-ms %s persisted-ms %s\n",
           g_ascii_formatd (drop, sizeof drop, "%.2f", (now - self->drop_start) / 1000.0),
           g_ascii_formatd (persisted, sizeof persisted, "%.2f", (self->drop_persisted - self->drop_start) / 1000.0));
  fflush (stdout);
  self->drop_start = 0;
}

void
_affari_kanban_board_report_drop (AffariKanbanBoard *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->drop_start == 0 || clock == NULL)
    return;

  self->drop_persisted = g_get_monotonic_time ();
  if (self->drop_paint_handler == 0)
    self->drop_paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_drop_after_paint_cb), self);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static AffariKanbanColumn *
bench_find_column (AffariKanbanBoard *self,
                   const char        *code)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      AffariKanbanColumn *column = g_ptr_array_index (self->columns, i);

      if (g_strcmp0 (affari_stage_get_code (affari_kanban_column_get_stage (column)), code) == 0)
        return column;
    }

  return NULL;
}

static gboolean
bench_drop_cb (gpointer user_data)
{
  AffariKanbanBoard *self = user_data;
  AffariKanbanColumn *from, *to;
  g_autoptr(AffariDeal) deal = NULL;

  if (self->bench_drops_left <= 0 || self->columns->len < 2)
    {
      g_print ("drop-done\n");
      fflush (stdout);
      self->bench_source = 0;
      return G_SOURCE_REMOVE;
    }

  /* Back and forth between the first two stages, so that the database ends as it began. */
  from = g_ptr_array_index (self->columns, self->bench_drop_step % 2);
  to = g_ptr_array_index (self->columns, (self->bench_drop_step + 1) % 2);
  deal = g_list_model_get_item (G_LIST_MODEL (affari_kanban_column_get_deals (from)), 0);
  self->bench_drop_step++;
  self->bench_drops_left--;

  if (deal != NULL)
    affari_kanban_column_drop_deal (to, deal, 10, 0);

  return G_SOURCE_CONTINUE;
}

static void
bench_scroll_finish (AffariKanbanBoard *self)
{
  AffariDealList *deals = affari_kanban_column_get_deals (self->bench_column);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (deals));
  gint64 last = n > 0 ? affari_deal_list_get_id_at (deals, n - 1) : 0;
  GArray *sorted = self->bench_frames;
  double total = 0, worst = 0;
  guint over = 0;
  guint rows = 0;
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_clear_signal_handler (&self->bench_before_handler, clock);
  g_clear_signal_handler (&self->bench_after_handler, clock);

  for (guint i = 0; i < sorted->len; i++)
    {
      double t = g_array_index (sorted, double, i);

      total += t;
      worst = MAX (worst, t);
      if (t > 16.0)
        over++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (affari_kanban_column_get_list_view (self->bench_column)));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rows++;

  g_print ("scroll-items %u\n", n);
  g_print ("scroll-frames %u\n", sorted->len);
  g_print ("scroll-mean-ms %s\n", g_ascii_formatd (number, sizeof number, "%.2f", sorted->len > 0 ? total / sorted->len : 0));
  g_print ("scroll-max-ms %s\n", g_ascii_formatd (number, sizeof number, "%.2f", worst));
  g_print ("scroll-over-16ms %u\n", over);
  g_print ("scroll-row-widgets %u\n", rows);
  g_print ("scroll-deal-objects %u\n", affari_deal_list_get_n_loaded (deals));
  g_print ("scroll-reached-end %d\n", last != 0 && affari_kanban_column_find_card (self->bench_column, last) != NULL);
  g_print ("scroll-done\n");
  fflush (stdout);
}

static void
on_bench_before_paint_cb (GdkFrameClock     *clock,
                          AffariKanbanBoard *self)
{
  self->bench_frame_start = g_get_monotonic_time ();
}

static void
on_bench_after_paint_cb (GdkFrameClock     *clock,
                         AffariKanbanBoard *self)
{
  double ms;

  if (self->bench_frame_start == 0)
    return;

  ms = (g_get_monotonic_time () - self->bench_frame_start) / 1000.0;
  g_array_append_val (self->bench_frames, ms);
  self->bench_frame_start = 0;
}

static gboolean
bench_scroll_tick_cb (GtkWidget     *widget,
                      GdkFrameClock *frame_clock,
                      gpointer       user_data)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (widget);
  GtkAdjustment *adjustment = affari_kanban_column_get_vadjustment (self->bench_column);
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  self->bench_frame++;
  if (self->bench_frame > BENCH_SCROLL_FRAMES + 10)
    {
      self->bench_tick = 0;
      bench_scroll_finish (self);
      return G_SOURCE_REMOVE;
    }

  /* Evenly from the top to the end: every frame shows rows never seen before. */
  gtk_adjustment_set_value (adjustment, MIN (self->bench_frame, BENCH_SCROLL_FRAMES) * end / BENCH_SCROLL_FRAMES);

  return G_SOURCE_CONTINUE;
}

static gboolean
bench_start_cb (gpointer user_data)
{
  AffariKanbanBoard *self = user_data;
  const char *drops = g_getenv ("AFFARI_BENCH_DROP");
  const char *scroll = g_getenv ("AFFARI_BENCH_SCROLL");

  /* Timings start once the columns in sight have all their rows, as a user finds them. */
  if (_affari_kanban_board_is_filling (self))
    return G_SOURCE_CONTINUE;

  self->bench_source = 0;

  if (g_getenv ("AFFARI_BENCH_REAL_DROP") != NULL)
    {
      int x[2] = { -1, -1 }, y[2] = { -1, -1 };

      /* Where the benchmark's real pointer takes the top card of the first two columns: their
       * middles, a little below their top edges (window at the screen's origin, as under a bare
       * X server). The drops are timed as any (AFFARI_REPORT_DROP). */
      for (guint i = 0; i < 2 && i < self->columns->len; i++)
        {
          AffariKanbanColumn *column = g_ptr_array_index (self->columns, i);
          gint64 top = affari_deal_list_get_id_at (affari_kanban_column_get_deals (column), 0);
          GtkWidget *card = top != 0 ? affari_kanban_column_find_card (column, top) : NULL;
          graphene_point_t point;

          if (card != NULL &&
              gtk_widget_compute_point (card, GTK_WIDGET (gtk_widget_get_root (card)),
                                        &GRAPHENE_POINT_INIT (gtk_widget_get_width (card) / 2.0, 20), &point))
            {
              x[i] = (int) point.x;
              y[i] = (int) point.y;
            }
        }
      g_print ("real-drop-geometry %d %d %d %d\n", x[0], y[0], x[1], y[1]);
      fflush (stdout);
    }
  else if (drops != NULL)
    {
      const char *interval = g_getenv ("AFFARI_BENCH_DROP_INTERVAL");

      /* 250 ms by default: faster than anyone drags, with toasts still sliding in. */
      self->bench_drops_left = atoi (drops);
      self->bench_source = g_timeout_add (interval != NULL ? CLAMP (atoi (interval), 50, 5000) : 250, bench_drop_cb, self);
    }
  else if (scroll != NULL)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      self->bench_column = bench_find_column (self, scroll);
      if (self->bench_column == NULL || clock == NULL)
        {
          g_print ("scroll-error no column %s\n", scroll);
          g_print ("scroll-done\n");
          fflush (stdout);
          return G_SOURCE_REMOVE;
        }

      self->bench_frames = g_array_new (FALSE, FALSE, sizeof (double));
      self->bench_before_handler = g_signal_connect (clock, "before-paint", G_CALLBACK (on_bench_before_paint_cb), self);
      self->bench_after_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_bench_after_paint_cb), self);
      self->bench_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), bench_scroll_tick_cb, NULL, NULL);
    }

  return G_SOURCE_REMOVE;
}

static void
on_bench_first_paint_cb (GdkFrameClock     *clock,
                         AffariKanbanBoard *self)
{
  g_clear_signal_handler (&self->bench_paint_handler, clock);

  /* Once the window has settled. */
  self->bench_source = g_timeout_add (500, bench_start_cb, self);
}

void
_affari_kanban_board_note_drop (AffariKanbanBoard *self)
{
  if (self->drop_start == 0 && report_drops ())
    self->drop_start = g_get_monotonic_time ();
}

void
_affari_kanban_board_bench_realize (AffariKanbanBoard *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  if ((g_getenv ("AFFARI_BENCH_DROP") != NULL || g_getenv ("AFFARI_BENCH_SCROLL") != NULL ||
       g_getenv ("AFFARI_BENCH_REAL_DROP") != NULL) &&
      self->bench_paint_handler == 0 && self->bench_source == 0 && self->bench_frames == NULL)
    self->bench_paint_handler = g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                                                  G_CALLBACK (on_bench_first_paint_cb), self);
}

void
_affari_kanban_board_bench_unrealize (AffariKanbanBoard *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_clear_signal_handler (&self->bench_paint_handler, clock);
  g_clear_signal_handler (&self->drop_paint_handler, clock);
  g_clear_signal_handler (&self->bench_before_handler, clock);
  g_clear_signal_handler (&self->bench_after_handler, clock);
}

void
_affari_kanban_board_bench_dispose (AffariKanbanBoard *self)
{
  g_clear_handle_id (&self->bench_source, g_source_remove);
  g_clear_pointer (&self->bench_frames, g_array_unref);
}
