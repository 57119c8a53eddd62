/* test-undo.c — one undo/redo history for the window, whichever view made the change
 *
 * Four changes in four views (a Kanban drop, a list bulk move, an activities reschedule, a
 * calendar date change); then Ctrl+Z four times puts the database back exactly as it was before
 * each, and Ctrl+Shift+Z four times makes each again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "affari-test-dump.h"

#include <glib/gi18n.h>

#include "io/affari-demo.h"
#include "ui/activities/affari-activities-view.h"
#include "ui/board/affari-kanban-board.h"
#include "ui/board/affari-kanban-column.h"
#include "ui/calendar/affari-calendar-view.h"
#include "ui/list/affari-deal-list-view.h"
#include "ui/app/affari-trash-window.h"

#include "affari-test-harness.h"
#include "store/affari-store.h"

typedef struct {
  AffariTestApp base;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  affari_test_app_setup (&f->base, "undo");
  affari_test_app_fill_demo (&f->base, 80, 5);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  affari_test_app_teardown (&f->base);
}

static char *
dump (Fixture *f)
{
  return affari_test_dump_deals (f->base.db_path);
}

static GtkWidget *
show_view (AffariWindow *window, const char *name, GType type)
{
  GtkWidget *view;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", name));
  WAIT_UNTIL ((view = affari_test_find_type (GTK_WIDGET (window), type)) != NULL && gtk_widget_get_mapped (view));
  affari_test_wait_for_frame (GTK_WIDGET (window));
  return view;
}

/* An open deal of the board's first column with an open activity, not among @avoid. */
static gint64
open_deal_with_activity (AffariStore *store, AffariKanbanColumn *column, gint64 avoid)
{
  GListModel *deals = G_LIST_MODEL (affari_kanban_column_get_deals (column));

  for (guint i = 0; i < g_list_model_get_n_items (deals); i++)
    {
      g_autoptr(AffariDeal) deal = g_list_model_get_item (deals, i);
      g_autoptr(AffariActivity) next = affari_store_get_next_activity (store, affari_deal_get_id (deal), NULL);

      if (next != NULL && affari_deal_get_id (deal) != avoid)
        return affari_deal_get_id (deal);
    }
  return 0;
}

static void
four_views_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariKanbanBoard *board = AFFARI_KANBAN_BOARD (affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_KANBAN_BOARD));
  AffariKanbanColumn *first = affari_kanban_board_get_column (board, 0);
  AffariKanbanColumn *second = affari_kanban_board_get_column (board, 1);
  char *states[5] = { NULL };
  gint64 dropped, rescheduled;

  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (affari_kanban_column_get_deals (first))) > 0);
  dropped = affari_deal_list_get_id_at (affari_kanban_column_get_deals (first), 0);
  rescheduled = 0;
  for (guint c = 0; rescheduled == 0 && affari_kanban_board_get_column (board, c) != NULL; c++)
    rescheduled = open_deal_with_activity (store, affari_kanban_board_get_column (board, c), dropped);
  g_assert_cmpint (rescheduled, >, 0);
  states[0] = dump (f);

  /* 1. A Kanban drop: the first card of the first column onto the second column. */
  {
    g_autoptr(AffariDeal) card = g_list_model_get_item (G_LIST_MODEL (affari_kanban_column_get_deals (first)), 0);

    g_assert_true (affari_test_drop_object (GTK_WIDGET (second), AFFARI_TYPE_DEAL, card, 20, 2));
  }
  {
    g_autoptr(AffariDeal) deal = affari_store_get_deal (store, dropped, NULL);

    g_assert_cmpint (affari_deal_get_stage_id (deal), ==, affari_kanban_column_get_stage_id (second));
  }
  states[1] = dump (f);
  g_assert_cmpstr (states[1], !=, states[0]);

  /* 2. A bulk move in the list: two open deals to "In corso". */
  {
    AffariDealListView *list = AFFARI_DEAL_LIST_VIEW (show_view (window, "list", AFFARI_TYPE_DEAL_LIST_VIEW));
    GtkSelectionModel *selection = affari_deal_list_view_get_selection (list);
    gint64 executing = affari_store_find_stage_by_code (store, affari_window_get_pipeline_id (window), "EXECUTING");

    for (guint i = 0, picked = 0; picked < 2; i++)
      {
        g_autoptr(AffariDeal) deal = g_list_model_get_item (G_LIST_MODEL (affari_deal_list_view_get_deals (list)), i);

        if (affari_deal_get_stage_id (deal) == executing || affari_deal_get_closed (deal))
          continue;
        gtk_selection_model_select_item (selection, i, FALSE);
        picked++;
      }
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "deals.move-stage", "x", executing));
  }
  states[2] = dump (f);
  g_assert_cmpstr (states[2], !=, states[1]);

  /* 3. A reschedule in Attività: the deal's next activity to "Più avanti". */
  {
    AffariActivitiesView *view = AFFARI_ACTIVITIES_VIEW (show_view (window, "activities", AFFARI_TYPE_ACTIVITIES_VIEW));

    g_assert_true (affari_activities_view_drop_deal (view, AFFARI_ACTIVITY_PERIOD_LATER, rescheduled));
  }
  states[3] = dump (f);
  g_assert_cmpstr (states[3], !=, states[2]);

  /* 4. A date change in Calendario: the dropped deal's expected close date. */
  {
    AffariCalendarView *view = AFFARI_CALENDAR_VIEW (show_view (window, "calendar", AFFARI_TYPE_CALENDAR_VIEW));

    g_assert_true (affari_calendar_view_drop_deal (view, "2027-02-15", dropped));
  }
  states[4] = dump (f);
  g_assert_cmpstr (states[4], !=, states[3]);

  /* Ctrl+Z four times, from the calendar: each change undone exactly, the last first. */
  for (int i = 4; i > 0; i--)
    {
      g_autofree char *now = NULL;

      affari_test_press_shortcut (GTK_WIDGET (window), "<Control>z");
      now = dump (f);
      g_assert_cmpstr (now, ==, states[i - 1]);
    }

  /* Ctrl+Shift+Z four times: each made again. */
  for (int i = 1; i <= 4; i++)
    {
      g_autofree char *now = NULL;

      affari_test_press_shortcut (GTK_WIDGET (window), "<Shift><Control>z");
      now = dump (f);
      g_assert_cmpstr (now, ==, states[i]);
    }

  for (int i = 0; i < 5; i++)
    g_free (states[i]);
}

static void
test_four_views (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, four_views_body);
}

/* The Cestino is another window, but its "Ripristina" is a change like the others: the main
 * window's Ctrl+Z puts the deal back in the trash. */
static void
trash_window_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariKanbanBoard *board = AFFARI_KANBAN_BOARD (affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_KANBAN_BOARD));
  AffariKanbanColumn *first = affari_kanban_board_get_column (board, 0);
  GtkWindow *trash_window;
  gint64 id;
  guint live;

  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (affari_kanban_column_get_deals (first))) > 0);
  id = affari_deal_list_get_id_at (affari_kanban_column_get_deals (first), 0);
  live = affari_store_count_deals (store, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "deal.trash", "@ax",
                                             g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, &id, 1, sizeof (gint64))));
  g_assert_cmpuint (affari_store_count_deals (store, NULL, NULL), ==, live - 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-trash", NULL));
  WAIT_UNTIL ((trash_window = affari_test_find_toplevel (AFFARI_TYPE_TRASH_WINDOW)) != NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (trash_window), "trash.restore", "x", id));
  g_assert_cmpuint (affari_store_count_deals (store, NULL, NULL), ==, live);
  gtk_window_close (trash_window);

  affari_test_press_shortcut (GTK_WIDGET (window), "<Control>z");
  g_assert_cmpuint (affari_store_count_deals (store, NULL, NULL), ==, live - 1);
  affari_test_press_shortcut (GTK_WIDGET (window), "<Control>z");
  g_assert_cmpuint (affari_store_count_deals (store, NULL, NULL), ==, live);
}

static void
test_trash_window (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, trash_window_body);
}

int
main (int argc, char *argv[])
{
  affari_test_init (&argc, &argv);

  g_test_add ("/ui/undo/four-views", Fixture, NULL, fixture_set_up, test_four_views, fixture_tear_down);
  g_test_add ("/ui/undo/trash-window", Fixture, NULL, fixture_set_up, test_trash_window, fixture_tear_down);

  return g_test_run ();
}
