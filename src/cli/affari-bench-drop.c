/* affari-bench-drop.c — drops on the real board, timed from outside
 *
 * Each drop is timed from its start (the timer emitting the column's drop target "drop" with
 * the card's deal, as GTK does at the end of a drag, or the real pointer's button released over
 * the window) to the end of the paint that shows it, with the
 * moment the store said it was written ("changed") on the way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-bench-app"

#include "config.h"

#include <stdio.h>

#include "ui/board/affari-kanban-column.h"
#include "cli/affari-bench-app.h"

typedef struct {
  AffariWindow      *window;
  AffariKanbanBoard *board;
  GdkFrameClock     *clock;
  int                drops_left;
  int                step;
  int                interval_ms;
  gint64             start;       /* the drop started; 0 when none is on its way */
  gint64             persisted;   /* the store said it was written */
} Drops;

/* One driver a process: it lives until the process ends. */
static Drops drops;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();
  char drop[G_ASCII_DTOSTR_BUF_SIZE], persisted[G_ASCII_DTOSTR_BUF_SIZE];

  if (drops.start == 0 || drops.persisted == 0)
    return;

  /* Machine numbers, read by affari-bench: a decimal point whatever the locale. */
  g_print ("drop-ms %s persisted-ms %s\n",
           g_ascii_formatd (drop, sizeof drop, "%.2f", (now - drops.start) / 1000.0),
           g_ascii_formatd (persisted, sizeof persisted, "%.2f", (drops.persisted - drops.start) / 1000.0));
  fflush (stdout);
  drops.start = 0;
  drops.persisted = 0;
}

/* The store's change set arrived: the drop's timing ends with the next frame. */
static void
on_store_changed_cb (AffariStore     *store,
                     AffariChangeSet *set,
                     gpointer         user_data)
{
  if (drops.start == 0 || drops.persisted != 0)
    return;
  drops.persisted = g_get_monotonic_time ();
  gdk_frame_clock_request_phase (drops.clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static void
watch_drops (AffariWindow *window)
{
  drops.window = window;
  drops.board = affari_window_get_kanban_board (window);
  drops.clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (affari_workspace_get_store (affari_window_get_workspace (window)), "changed", G_CALLBACK (on_store_changed_cb), NULL);
  g_signal_connect (drops.clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
}

/* ------------------------------------------------------------ by a timer */

/* What GTK does when a card is dropped at (@x, @y) of @column: its drop target's "drop". */
static void
drop_on_column (AffariKanbanColumn *column,
                AffariDeal         *deal,
                double              x,
                double              y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (column));
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_value_init (&value, AFFARI_TYPE_DEAL);
  g_value_set_object (&value, deal);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          g_signal_emit_by_name (controller, "drop", &value, x, y, &accepted);
          return;
        }
    }
}

static gboolean
drop_cb (gpointer user_data)
{
  AffariKanbanColumn *from, *to;
  g_autoptr(AffariDeal) deal = NULL;

  if (drops.drops_left <= 0 || affari_kanban_board_get_n_columns (drops.board) < 2)
    {
      g_print ("drop-done\n");
      fflush (stdout);
      return G_SOURCE_REMOVE;
    }

  /* Back and forth between the first two stages, so that the database ends as it began. */
  from = affari_kanban_board_get_column (drops.board, drops.step % 2);
  to = affari_kanban_board_get_column (drops.board, (drops.step + 1) % 2);
  if (g_list_model_get_n_items (G_LIST_MODEL (affari_kanban_column_get_deals (from))) > 0)
    deal = g_list_model_get_item (G_LIST_MODEL (affari_kanban_column_get_deals (from)), 0);
  drops.step++;
  drops.drops_left--;

  /* A drop on the top of the column. */
  if (deal != NULL)
    {
      if (drops.start == 0)
        drops.start = g_get_monotonic_time ();
      drop_on_column (to, deal, 20, 2);
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
start_timer_cb (gpointer user_data)
{
  watch_drops (user_data);
  g_timeout_add (drops.interval_ms, drop_cb, NULL);
  return G_SOURCE_REMOVE;
}

void
bench_drop_start (AffariWindow *window,
                  int           n,
                  int           interval_ms)
{
  drops.drops_left = n;
  drops.interval_ms = interval_ms;
  bench_app_when_board_settled (window, 2, start_timer_cb, window);
}

/* ------------------------------------------------------------ with the real pointer */

/* Seen before any widget: the drop reaching the window, which is when the pointer's button is
 * released at the end of a drag (the window gets no button release then: the drag has the
 * pointer). A drop that changes nothing is forgotten by the next one. */
static gboolean
on_window_event_cb (GtkEventControllerLegacy *controller,
                    GdkEvent                 *event,
                    gpointer                  user_data)
{
  if (gdk_event_get_event_type (event) == GDK_DROP_START && drops.persisted == 0)
    {
      g_debug ("A drop reached the window");
      drops.start = g_get_monotonic_time ();
    }

  return GDK_EVENT_PROPAGATE;
}

static gboolean
print_geometry_cb (gpointer user_data)
{
  AffariWindow *window = user_data;
  AffariKanbanBoard *board = affari_window_get_kanban_board (window);
  GtkEventController *controller = gtk_event_controller_legacy_new ();
  int x[2] = { -1, -1 }, y[2] = { -1, -1 };

  watch_drops (window);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "event", G_CALLBACK (on_window_event_cb), NULL);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);

  /* Where the benchmark's real pointer takes the top card of the first two columns: their
   * middles, a little below their top edges (window at the screen's origin, as under a bare
   * X server). */
  for (guint i = 0; i < 2 && i < affari_kanban_board_get_n_columns (board); i++)
    {
      AffariKanbanColumn *column = affari_kanban_board_get_column (board, i);
      gint64 top = affari_deal_list_get_id_at (affari_kanban_column_get_deals (column), 0);
      GtkWidget *card = top != 0 ? affari_kanban_column_find_card (column, top) : NULL;
      graphene_point_t point;

      if (card != NULL &&
          gtk_widget_compute_point (card, GTK_WIDGET (window),
                                    &GRAPHENE_POINT_INIT (gtk_widget_get_width (card) / 2.0, 20), &point))
        {
          x[i] = (int) point.x;
          y[i] = (int) point.y;
        }
    }
  g_print ("real-drop-geometry %d %d %d %d\n", x[0], y[0], x[1], y[1]);
  fflush (stdout);

  return G_SOURCE_REMOVE;
}

void
bench_real_drop_start (AffariWindow *window)
{
  bench_app_when_board_settled (window, 2, print_geometry_cb, window);
}
