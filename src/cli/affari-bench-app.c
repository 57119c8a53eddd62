/* affari-bench-app.c — Affari with a benchmark driver attached from outside
 *
 * Started by affari-bench (not installed): the application and its window exactly as main.c
 * starts them, then, after the window's first painted frame, the driver named by --bench:
 *   --bench drop [--drops N] [--interval MS]   drops made by a timer
 *   --bench real-drop                          drops made with the real pointer (xdotool)
 *   --bench scroll [--stage CODE]              a board column scrolled to its end
 *   --bench list                               the list opened, sorted, searched, scrolled
 * Every other argument (--database PATH) goes to the application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-bench-app"

#include "config.h"

#include <stdlib.h>

#include "model/affari-i18n.h"
#include "ui/app/affari-application.h"
#include "ui/board/affari-kanban-column.h"
#include "cli/affari-bench-app.h"

static char *bench_name;
static char *stage_code;
static int drops = 9;
static int interval_ms = 250;

/* ------------------------------------------------------------ the board settled */

typedef struct {
  AffariWindow *window;
  guint         n_columns;
  GSourceFunc   ready;
  gpointer      data;
} Settle;

static gboolean
settle_poll_cb (gpointer user_data)
{
  Settle *settle = user_data;
  AffariKanbanBoard *board = affari_window_get_kanban_board (settle->window);
  guint n = MIN (settle->n_columns, affari_kanban_board_get_n_columns (board));

  /* The columns in sight get all their rows right after the first frame. */
  for (guint i = 0; i < n; i++)
    if (!affari_kanban_column_get_shows_all_rows (affari_kanban_board_get_column (board, i)))
      return G_SOURCE_CONTINUE;

  settle->ready (settle->data);
  g_free (settle);
  return G_SOURCE_REMOVE;
}

static gboolean
settle_start_cb (gpointer user_data)
{
  g_timeout_add (100, settle_poll_cb, user_data);
  return G_SOURCE_REMOVE;
}

void
bench_app_when_board_settled (AffariWindow *window,
                              guint         n_columns,
                              GSourceFunc   ready,
                              gpointer      data)
{
  Settle *settle = g_new0 (Settle, 1);

  settle->window = window;
  settle->n_columns = n_columns;
  settle->ready = ready;
  settle->data = data;
  /* Once the window has settled. */
  g_timeout_add (500, settle_start_cb, settle);
}

AffariKanbanColumn *
bench_app_find_column (AffariKanbanBoard *board,
                       const char        *code)
{
  for (guint i = 0; i < affari_kanban_board_get_n_columns (board); i++)
    {
      AffariKanbanColumn *column = affari_kanban_board_get_column (board, i);

      if (g_strcmp0 (affari_stage_get_code (affari_kanban_column_get_stage (column)), code) == 0)
        return column;
    }

  return NULL;
}

/* ------------------------------------------------------------ the first frame */

static void
on_first_after_paint_cb (GdkFrameClock *clock,
                         AffariWindow  *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_after_paint_cb, window);

  if (g_strcmp0 (bench_name, "drop") == 0)
    bench_drop_start (window, drops, CLAMP (interval_ms, 50, 5000));
  else if (g_strcmp0 (bench_name, "real-drop") == 0)
    bench_real_drop_start (window);
  else if (g_strcmp0 (bench_name, "scroll") == 0)
    bench_scroll_start (window, stage_code != NULL ? stage_code : "NEW");
  else if (g_strcmp0 (bench_name, "list") == 0)
    bench_list_start (window);
}

static void
on_window_realize_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_first_after_paint_cb), window);
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window)
{
  if (!AFFARI_IS_WINDOW (window))
    return;

  /* The benchmarks start from the board, whatever view was shown last. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "kanban");
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* Taken first, as main.c does. */
  gint64 start_time = g_get_monotonic_time ();
  g_autoptr(AffariApplication) app = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "bench", 0, 0, G_OPTION_ARG_STRING, &bench_name, "The driver: drop, real-drop, scroll, list", "NAME" },
    { "drops", 0, 0, G_OPTION_ARG_INT, &drops, "Drops of the drop driver (default 9)", "N" },
    { "interval", 0, 0, G_OPTION_ARG_INT, &interval_ms, "Milliseconds between two drops (default 250)", "MS" },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage_code, "The stage scrolled (default NEW)", "CODE" },
    { NULL }
  };
  int status;

  affari_i18n_init ();

  /* Ours are taken out; the rest is the application's. */
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_ignore_unknown_options (context, TRUE);
  g_option_context_set_help_enabled (context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  app = affari_application_new (start_time);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), NULL);
  status = g_application_run (G_APPLICATION (app), argc, argv);

  g_free (bench_name);
  g_free (stage_code);
  return status;
}
