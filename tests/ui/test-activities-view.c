/* test-activities-view.c — the Activities and Calendar views in the real window
 *
 * Runs under Xvfb in Italian with GSETTINGS_BACKEND=memory on a temporary database. Drags are
 * driven through the real controllers: the drop target's "drop" with a GValue holding the deal,
 * what GTK emits at the end of a drag. Assertions are on the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "model/affari-i18n.h"
#include "store/affari-store.h"
#include "affari-test-harness.h"
#include "ui/activities/affari-activities-view.h"
#include "ui/app/affari-application.h"
#include "ui/calendar/affari-calendar-view.h"
#include "ui/board/affari-kanban-card.h"
#include "ui/app/affari-window.h"

typedef struct _Fixture Fixture;

struct _Fixture
{
  AffariTestApp      base;        /* first: see affari-test-harness.h */
  gint64             late;       /* a deal whose call is two days late, at 10:15 */
  gint64             quiet;      /* a deal with nothing planned */
  gint64             dated;      /* a deal closing on the 10th of this month */
  gint64             late_deadline;
  char              *dated_from;
  char              *dated_to;
};

static gboolean
emit_drop (GtkDropTarget *target,
           AffariDeal    *deal)
{
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_assert_nonnull (target);
  g_value_init (&value, AFFARI_TYPE_DEAL);
  g_value_set_object (&value, deal);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  return accepted;
}

static gboolean
model_has (GListModel *model,
           gint64      deal_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AffariDeal) deal = g_list_model_get_item (model, i);

      if (affari_deal_get_id (deal) == deal_id)
        return TRUE;
    }
  return FALSE;
}

static gint64
create_deal (AffariStore *store,
             const char  *title,
             const char  *close_date)
{
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(GError) error = NULL;

  affari_deal_set_title (deal, title);
  affari_deal_set_amount (deal, 150000);
  affari_deal_set_close_date (deal, close_date);
  affari_store_create_deal (store, deal, &error);
  g_assert_no_error (error);
  return affari_deal_get_id (deal);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariStore) store = NULL;
  g_autoptr(AffariActivity) call = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) two_days_ago = g_date_time_add_days (now, -2);
  g_autoptr(GDateTime) late = g_date_time_new_local (g_date_time_get_year (two_days_ago), g_date_time_get_month (two_days_ago),
                                                     g_date_time_get_day_of_month (two_days_ago), 10, 15, 0);

  affari_test_app_setup (&f->base, "activities");

  f->dated_from = g_date_time_format (now, "%Y-%m-10");
  f->dated_to = g_date_time_format (now, "%Y-%m-20");

  store = affari_store_open (f->base.db_path, &error);
  g_assert_no_error (error);
  f->late = create_deal (store, "Fornitura stampanti", NULL);
  f->quiet = create_deal (store, "Consulenza fiscale", NULL);
  f->dated = create_deal (store, "Impianto fotovoltaico", f->dated_from);
  call = affari_activity_new (AFFARI_ACTIVITY_CALL, "Richiamare", g_date_time_to_unix (late));
  g_assert_true (affari_store_add_activity (store, f->late, call, &error));
  f->late_deadline = g_date_time_to_unix (late);
  affari_store_close (store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  affari_test_app_teardown (&f->base);
  g_clear_pointer (&f->dated_from, g_free);
  g_clear_pointer (&f->dated_to, g_free);
}

/* ------------------------------------------------------------ activities */

static gint64
next_deadline (AffariStore *store,
               gint64       deal_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariActivity) activity = affari_store_get_next_activity (store, deal_id, &error);

  g_assert_no_error (error);
  return activity != NULL ? affari_activity_get_deadline (activity) : 0;
}

static void
body_activities_drag (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariActivitiesView *view;
  g_autoptr(AffariDeal) late = affari_store_get_deal (store, f->late, NULL);
  g_autoptr(AffariDeal) quiet = affari_store_get_deal (store, f->quiet, NULL);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GDateTime) moved = NULL;
  AffariPeriodBounds bounds;
  gint64 deadline;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "activities");
  view = AFFARI_ACTIVITIES_VIEW (affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_ACTIVITIES_VIEW));
  g_assert_nonnull (view);
  affari_test_wait_for_frame (GTK_WIDGET (view));
  affari_activities_view_refresh (view);

  g_assert_true (model_has (affari_activities_view_get_deals (view, AFFARI_ACTIVITY_PERIOD_OVERDUE), f->late));
  g_assert_true (model_has (affari_activities_view_get_deals (view, AFFARI_ACTIVITY_PERIOD_NONE), f->quiet));
  g_assert_cmpuint (affari_activities_view_get_count (view, AFFARI_ACTIVITY_PERIOD_OVERDUE), ==, 1);
  g_assert_cmpuint (affari_activities_view_get_count (view, AFFARI_ACTIVITY_PERIOD_NONE), ==, 2);

  /* Push the late call to next week by dragging its card there. */
  g_assert_true (emit_drop (affari_activities_view_get_drop_target (view, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK), late));
  deadline = next_deadline (store, f->late);
  affari_period_bounds_compute (&bounds, g_get_real_time () / G_USEC_PER_SEC, NULL);
  g_assert_cmpint (affari_activity_period_classify (&bounds, deadline), ==, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK);
  moved = g_date_time_new_from_unix_local (deadline);
  /* Monday of next week, the time of day kept */
  g_assert_cmpint (g_date_time_get_day_of_week (moved), ==, 1);
  g_assert_cmpint (g_date_time_get_hour (moved), ==, 10);
  g_assert_cmpint (g_date_time_get_minute (moved), ==, 15);
  events = affari_store_list_events (store, f->late, NULL);
  g_assert_cmpstr (affari_event_get_field (g_ptr_array_index (events, 0)), ==, "DEADLINE");
  g_assert_true (model_has (affari_activities_view_get_deals (view, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK), f->late));
  g_assert_false (model_has (affari_activities_view_get_deals (view, AFFARI_ACTIVITY_PERIOD_OVERDUE), f->late));
  g_assert_cmpuint (affari_activities_view_get_count (view, AFFARI_ACTIVITY_PERIOD_OVERDUE), ==, 0);

  /* "Annulla" puts it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "win.undo", NULL));
  g_assert_cmpint (next_deadline (store, f->late), ==, f->late_deadline);

  /* Refused: "Senza attività", and a deal with nothing to move; nothing written. */
  g_assert_false (emit_drop (affari_activities_view_get_drop_target (view, AFFARI_ACTIVITY_PERIOD_NONE), late));
  g_assert_cmpint (next_deadline (store, f->late), ==, f->late_deadline);
  g_assert_false (emit_drop (affari_activities_view_get_drop_target (view, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK), quiet));
  g_assert_cmpint (next_deadline (store, f->quiet), ==, 0);

  /* It follows the store live: the call done, the deal goes to "Senza attività". */
  {
    g_autoptr(AffariActivity) activity = affari_store_get_next_activity (store, f->late, NULL);

    g_assert_true (affari_store_complete_activity (store, affari_activity_get_id (activity), TRUE, NULL));
    WAIT_UNTIL (affari_activities_view_get_count (view, AFFARI_ACTIVITY_PERIOD_NONE) == 3);
  }
}

static void
test_activities_drag (Fixture       *f,
                      gconstpointer  data)
{
  AFFARI_TEST_RUN (f, body_activities_drag);
}

static gint64
local_time_days_ago (int days, int hour, int minute)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);
  g_autoptr(GDateTime) at = g_date_time_new_local (g_date_time_get_year (then), g_date_time_get_month (then),
                                                   g_date_time_get_day_of_month (then), hour, minute, 0);

  return g_date_time_to_unix (at);
}

static AffariActivitiesView *
show_activities (AffariWindow *window)
{
  AffariActivitiesView *view;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "activities");
  view = AFFARI_ACTIVITIES_VIEW (affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_ACTIVITIES_VIEW));
  g_assert_nonnull (view);
  affari_test_wait_for_frame (GTK_WIDGET (view));
  affari_activities_view_refresh (view);
  affari_test_wait_for_frame (GTK_WIDGET (view));
  return view;
}

static AffariActivityPeriod
period_of (AffariStore *store,
           gint64       deal_id)
{
  AffariPeriodBounds bounds;

  affari_period_bounds_compute (&bounds, affari_store_now (store), NULL);
  return affari_activity_period_classify (&bounds, next_deadline (store, deal_id));
}

static void
assert_monday_at (gint64 deadline, int hour, int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (deadline);

  g_assert_cmpint (g_date_time_get_day_of_week (dt), ==, 1);
  g_assert_cmpint (g_date_time_get_hour (dt), ==, hour);
  g_assert_cmpint (g_date_time_get_minute (dt), ==, minute);
}

/* Today at @hour:@minute, local time: the clock the store is set to. */
static gint64
local_time_today (int hour, int minute)
{
  return local_time_days_ago (0, hour, minute);
}

/* A deal dropped on "Oggi" is due at a working hour: the next one when its own time has passed or
 * is in the evening; after the working day the drop is refused and a toast says why. The store's
 * clock is set, so the test does not depend on when it runs. */
static void
body_activities_drop_today (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  g_autoptr(AffariDeal) late = affari_store_get_deal (store, f->late, NULL);
  g_autoptr(AffariDeal) quiet = affari_store_get_deal (store, f->quiet, NULL);
  g_autoptr(AffariActivity) evening = affari_activity_new (AFFARI_ACTIVITY_CALL, "Richiamare stasera",
                                                           local_time_days_ago (2, 21, 0));
  g_autoptr(GError) error = NULL;
  g_autofree char *over = NULL;
  AffariActivitiesView *view;

  g_assert_true (affari_store_add_activity (store, f->quiet, evening, &error));
  g_assert_no_error (error);
  affari_store_set_now (store, local_time_today (10, 20));
  view = show_activities (window);
  g_assert_cmpuint (affari_activities_view_get_count (view, AFFARI_ACTIVITY_PERIOD_OVERDUE), ==, 2);

  /* At 10:20, a call of 21:00 goes to 11:00 today, not to 21:00. */
  g_assert_true (emit_drop (affari_activities_view_get_drop_target (view, AFFARI_ACTIVITY_PERIOD_TODAY), quiet));
  g_assert_cmpint (next_deadline (store, f->quiet), ==, local_time_today (11, 0));
  /* A call of 10:15 (passed) also goes to the next working hour. */
  g_assert_true (emit_drop (affari_activities_view_get_drop_target (view, AFFARI_ACTIVITY_PERIOD_TODAY), late));
  g_assert_cmpint (next_deadline (store, f->late), ==, local_time_today (11, 0));
  WAIT_UNTIL (model_has (affari_activities_view_get_deals (view, AFFARI_ACTIVITY_PERIOD_TODAY), f->late) &&
              model_has (affari_activities_view_get_deals (view, AFFARI_ACTIVITY_PERIOD_TODAY), f->quiet));

  /* At 19:40 the working day is over: refused, nothing written, the toast says why. */
  affari_store_set_now (store, local_time_today (19, 40));
  affari_activities_view_refresh (view);
  WAIT_UNTIL (affari_activities_view_get_count (view, AFFARI_ACTIVITY_PERIOD_OVERDUE) == 2);
  g_assert_false (emit_drop (affari_activities_view_get_drop_target (view, AFFARI_ACTIVITY_PERIOD_TODAY), late));
  g_assert_cmpint (next_deadline (store, f->late), ==, local_time_today (11, 0));
  over = g_strdup_printf (_("The working day ends at %02d:00: plan it for a later day, or set its time in the deal"), 18);
  WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (window), over));
  g_assert_true (model_has (affari_activities_view_get_deals (view, AFFARI_ACTIVITY_PERIOD_OVERDUE), f->late));
}

static void
test_activities_drop_today (Fixture       *f,
                            gconstpointer  data)
{
  AFFARI_TEST_RUN (f, body_activities_drop_today);
}

/* Two cards selected with Ctrl+click, dragged together: both rescheduled, one undo. And the
 * drop line shows where the card lands while it is dragged over a column. */
static void
body_activities_multi (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  g_autoptr(AffariDeal) late = affari_store_get_deal (store, f->late, NULL);
  g_autoptr(AffariActivity) visit = affari_activity_new (AFFARI_ACTIVITY_MEETING, "Sopralluogo", local_time_days_ago (3, 9, 30));
  g_autoptr(GArray) selected = NULL;
  g_autoptr(GError) error = NULL;
  AffariActivitiesView *view;
  gint64 other_deadline;
  GdkDragAction action = 0;
  int y = -1;

  g_assert_true (affari_store_add_activity (store, f->quiet, visit, &error));
  other_deadline = affari_activity_get_deadline (visit);
  view = show_activities (window);
  g_assert_cmpuint (affari_activities_view_get_count (view, AFFARI_ACTIVITY_PERIOD_OVERDUE), ==, 2);

  /* While the late call is dragged over "Prossima settimana", a line says where it lands; over
   * "Senza attività", which refuses it, none. */
  affari_activities_view_begin_drag (view, f->late);
  g_signal_emit_by_name (affari_activities_view_get_drop_target (view, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK), "motion", 40.0, 120.0, &action);
  g_assert_cmpint (action, ==, GDK_ACTION_MOVE);
  g_assert_true (affari_activities_view_get_drop_line (view, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK, &y));
  /* the column is empty: at its top */
  g_assert_cmpint (y, ==, 0);
  g_signal_emit_by_name (affari_activities_view_get_drop_target (view, AFFARI_ACTIVITY_PERIOD_NONE), "motion", 40.0, 120.0, &action);
  g_assert_false (affari_activities_view_get_drop_line (view, AFFARI_ACTIVITY_PERIOD_NONE, NULL));
  affari_activities_view_end_drag (view);
  g_assert_false (affari_activities_view_get_drop_line (view, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK, NULL));

  /* Dropped back on its own column: nothing happens. */
  g_assert_false (emit_drop (affari_activities_view_get_drop_target (view, AFFARI_ACTIVITY_PERIOD_OVERDUE), late));
  g_assert_cmpint (next_deadline (store, f->late), ==, f->late_deadline);

  /* Ctrl+click on both cards, then the drop of one of them. */
  affari_activities_view_set_selected (view, f->late, TRUE);
  affari_activities_view_set_selected (view, f->quiet, TRUE);
  selected = affari_activities_view_get_selected_ids (view);
  g_assert_cmpuint (selected->len, ==, 2);
  g_assert_true (emit_drop (affari_activities_view_get_drop_target (view, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK), late));
  g_assert_cmpint (period_of (store, f->late), ==, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK);
  g_assert_cmpint (period_of (store, f->quiet), ==, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK);
  assert_monday_at (next_deadline (store, f->late), 10, 15);
  assert_monday_at (next_deadline (store, f->quiet), 9, 30);
  g_assert_cmpuint (affari_activities_view_get_count (view, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK), ==, 2);
  g_assert_cmpuint (affari_activities_view_get_count (view, AFFARI_ACTIVITY_PERIOD_OVERDUE), ==, 0);
  g_clear_pointer (&selected, g_array_unref);
  selected = affari_activities_view_get_selected_ids (view);
  g_assert_cmpuint (selected->len, ==, 0);

  /* One "Annulla" puts both back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "win.undo", NULL));
  g_assert_cmpint (next_deadline (store, f->late), ==, f->late_deadline);
  g_assert_cmpint (next_deadline (store, f->quiet), ==, other_deadline);
  WAIT_UNTIL (affari_activities_view_get_count (view, AFFARI_ACTIVITY_PERIOD_OVERDUE) == 2);

  /* Without a selection, only the dropped card moves. */
  g_assert_true (emit_drop (affari_activities_view_get_drop_target (view, AFFARI_ACTIVITY_PERIOD_LATER), late));
  g_assert_cmpint (period_of (store, f->late), ==, AFFARI_ACTIVITY_PERIOD_LATER);
  g_assert_cmpint (next_deadline (store, f->quiet), ==, other_deadline);
}

static void
test_activities_multi (Fixture       *f,
                       gconstpointer  data)
{
  AFFARI_TEST_RUN (f, body_activities_multi);
}

static AffariKanbanCard *
find_card (GtkWidget *root,
           gint64     deal_id)
{
  if (AFFARI_IS_KANBAN_CARD (root))
    {
      AffariDeal *deal = affari_kanban_card_get_deal (AFFARI_KANBAN_CARD (root));

      return deal != NULL && affari_deal_get_id (deal) == deal_id && gtk_widget_get_mapped (root)
             ? AFFARI_KANBAN_CARD (root) : NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      AffariKanbanCard *found = find_card (child, deal_id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Alt+→ (the action its binding activates) moves the focused card to the next period and the
 * focus follows it; the card menu's "Sposta in ▸ Prossima settimana" does what a drop does. */
static void
body_activities_keyboard (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariActivitiesView *view;
  AffariActivityPeriod period = AFFARI_N_ACTIVITY_PERIODS;
  AffariKanbanCard *card;

  /* In the working day, whenever the test runs: "Oggi" refuses after it. */
  affari_store_set_now (store, local_time_today (11, 0));
  view = show_activities (window);
  g_assert_true (affari_activities_view_focus_deal (view, f->late));
  g_assert_cmpint (affari_activities_view_get_focused_deal (view, &period), ==, f->late);
  g_assert_cmpint (period, ==, AFFARI_ACTIVITY_PERIOD_OVERDUE);

  gtk_widget_activate_action (GTK_WIDGET (view), "activities.move-focused", "i", 1);
  g_assert_cmpint (period_of (store, f->late), ==, AFFARI_ACTIVITY_PERIOD_TODAY);
  WAIT_UNTIL (affari_activities_view_get_focused_deal (view, &period) == f->late && period == AFFARI_ACTIVITY_PERIOD_TODAY);
  {
    /* today at 12:00: 10:15 has passed at 11:00, the next working hour */
    g_assert_cmpint (next_deadline (store, f->late), ==, local_time_today (12, 0));
  }

  /* Alt+← from "Oggi": "Scadute" refuses (nothing is planned in the past); the focus stays. */
  {
    gint64 before = next_deadline (store, f->late);

    gtk_widget_activate_action (GTK_WIDGET (view), "activities.move-focused", "i", -1);
    g_assert_cmpint (next_deadline (store, f->late), ==, before);
    g_assert_cmpint (affari_activities_view_get_focused_deal (view, &period), ==, f->late);
  }

  /* The context menu of the card: "Sposta in ▸ Prossima settimana". */
  WAIT_UNTIL ((card = find_card (GTK_WIDGET (view), f->late)) != NULL);
  {
    /* the time of day it has now (12:00, given by the move to today) */
    g_autoptr(GDateTime) before = g_date_time_new_from_unix_local (next_deadline (store, f->late));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "tile.move-to", "x", (gint64) AFFARI_ACTIVITY_PERIOD_NEXT_WEEK));
    g_assert_cmpint (period_of (store, f->late), ==, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK);
    assert_monday_at (next_deadline (store, f->late), g_date_time_get_hour (before), g_date_time_get_minute (before));
  }
  WAIT_UNTIL (model_has (affari_activities_view_get_deals (view, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK), f->late));
}

static void
test_activities_keyboard (Fixture       *f,
                          gconstpointer  data)
{
  AFFARI_TEST_RUN (f, body_activities_keyboard);
}

/* A call due in two seconds: in "Oggi", then in "Scadute" as soon as its time passes, with no
 * write and no minute-long polling; and the desktop is notified of it, once. */
static void
body_activities_clock (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(AffariActivity) call = affari_activity_new (AFFARI_ACTIVITY_CALL, "Richiamare subito", now + 2);
  g_autoptr(GError) error = NULL;
  AffariActivitiesView *view;
  AffariPeriodBounds bounds;
  gint64 give_up;

  affari_period_bounds_compute (&bounds, now, NULL);
  if (bounds.tomorrow_start - now < 15)
    {
      g_test_skip ("too close to midnight");
      return;
    }
  affari_test_reset_notifications ();
  g_assert_true (affari_store_add_activity (store, f->quiet, call, &error));
  view = show_activities (window);
  g_assert_true (model_has (affari_activities_view_get_deals (view, AFFARI_ACTIVITY_PERIOD_TODAY), f->quiet));

  give_up = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!model_has (affari_activities_view_get_deals (view, AFFARI_ACTIVITY_PERIOD_OVERDUE), f->quiet) &&
         g_get_monotonic_time () < give_up)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_true (model_has (affari_activities_view_get_deals (view, AFFARI_ACTIVITY_PERIOD_OVERDUE), f->quiet));
  g_assert_false (model_has (affari_activities_view_get_deals (view, AFFARI_ACTIVITY_PERIOD_TODAY), f->quiet));
  g_assert_cmpint (g_get_real_time () / G_USEC_PER_SEC, >, now + 2);

  /* The notifier's single timeout fired at the same moment: "Chiamata: Richiamare subito". */
  WAIT_UNTIL (affari_test_notified ("Richiamare subito"));
  g_assert_cmpuint (affari_test_n_notifications (), ==, 1);
}

static void
test_activities_clock (Fixture       *f,
                       gconstpointer  data)
{
  AFFARI_TEST_RUN (f, body_activities_clock);
}

/* ------------------------------------------------------------ calendar */

static void
body_calendar_drag (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariCalendarView *view;
  g_autoptr(AffariDeal) dated = affari_store_get_deal (store, f->dated, NULL);
  g_autoptr(AffariDeal) after = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *text = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "calendar");
  view = AFFARI_CALENDAR_VIEW (affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_CALENDAR_VIEW));
  g_assert_nonnull (view);
  affari_test_wait_for_frame (GTK_WIDGET (view));
  affari_calendar_view_set_date (view, f->dated_from);
  g_assert_cmpint (affari_calendar_view_get_field (view), ==, AFFARI_CALENDAR_CLOSE_DATE);
  text = affari_calendar_view_dup_day_text (view, f->dated_from);
  g_assert_nonnull (strstr (text, "Impianto fotovoltaico"));
  g_clear_pointer (&text, g_free);
  /* the grid's lines are plain fills, not a gradient mesh per day (affari-test-harness.c) */
  {
    guint uniform, mixed;

    affari_test_count_border_nodes (GTK_WIDGET (view), &uniform, &mixed);
    g_assert_cmpuint (uniform, >=, 28);
    g_assert_cmpuint (mixed, ==, 0);
  }

  /* Drag it from the 10th to the 20th. */
  g_assert_true (emit_drop (affari_calendar_view_get_drop_target (view, f->dated_to), dated));
  after = affari_store_get_deal (store, f->dated, NULL);
  g_assert_cmpstr (affari_deal_get_close_date (after), ==, f->dated_to);
  events = affari_store_list_events (store, f->dated, NULL);
  g_assert_cmpstr (affari_event_get_field (g_ptr_array_index (events, 0)), ==, "CLOSEDATE");
  text = affari_calendar_view_dup_day_text (view, f->dated_to);
  g_assert_nonnull (strstr (text, "Impianto fotovoltaico"));
  g_clear_pointer (&text, g_free);
  text = affari_calendar_view_dup_day_text (view, f->dated_from);
  g_assert_null (strstr (text, "Impianto fotovoltaico"));
  g_clear_pointer (&text, g_free);

  /* "Annulla" */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "win.undo", NULL));
  g_clear_object (&after);
  after = affari_store_get_deal (store, f->dated, NULL);
  g_assert_cmpstr (affari_deal_get_close_date (after), ==, f->dated_from);

  /* On the creation date nothing moves. */
  affari_calendar_view_set_field (view, AFFARI_CALENDAR_DATE_CREATE);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

    affari_calendar_view_set_date (view, today);
    text = affari_calendar_view_dup_day_text (view, today);
    g_assert_nonnull (strstr (text, "Impianto fotovoltaico"));
    g_assert_false (emit_drop (affari_calendar_view_get_drop_target (view, today), dated));
  }
  g_clear_object (&after);
  after = affari_store_get_deal (store, f->dated, NULL);
  g_assert_cmpstr (affari_deal_get_close_date (after), ==, f->dated_from);

  /* The week view and the planned activities toggle. */
  affari_calendar_view_set_field (view, AFFARI_CALENDAR_CLOSE_DATE);
  affari_calendar_view_set_mode (view, AFFARI_CALENDAR_WEEK);
  affari_calendar_view_set_date (view, f->dated_from);
  g_assert_nonnull (affari_calendar_view_get_day (view, f->dated_from));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) two_days_ago = g_date_time_add_days (now, -2);
    g_autofree char *day = g_date_time_format (two_days_ago, "%Y-%m-%d");
    g_autofree char *shown = NULL;

    affari_calendar_view_set_show_activities (view, TRUE);
    affari_calendar_view_set_date (view, day);
    shown = affari_calendar_view_dup_day_text (view, day);
    g_assert_nonnull (strstr (shown, "Richiamare"));
  }
}

static void
test_calendar_drag (Fixture       *f,
                    gconstpointer  data)
{
  AFFARI_TEST_RUN (f, body_calendar_drag);
}

static void
assert_setting (GSettings  *settings,
                const char *key,
                const char *expected)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

static AffariCalendarView *
show_calendar (AffariWindow *window)
{
  AffariCalendarView *view;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "calendar");
  view = AFFARI_CALENDAR_VIEW (affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_CALENDAR_VIEW));
  g_assert_nonnull (view);
  affari_test_wait_for_frame (GTK_WIDGET (view));
  return view;
}

/* The first run: the defaults; the user's choices are written to GSettings. */
static void
body_calendar_settings_first (Fixture *f)
{
  AffariCalendarView *view = show_calendar (affari_test_app_get_window (&f->base));
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  g_assert_cmpint (affari_calendar_view_get_field (view), ==, AFFARI_CALENDAR_CLOSE_DATE);
  g_assert_cmpint (affari_calendar_view_get_mode (view), ==, AFFARI_CALENDAR_MONTH);
  g_assert_false (affari_calendar_view_get_show_activities (view));

  affari_calendar_view_set_field (view, AFFARI_CALENDAR_BEGIN_DATE);
  affari_calendar_view_set_mode (view, AFFARI_CALENDAR_WEEK);
  affari_calendar_view_set_show_activities (view, TRUE);
  assert_setting (settings, "calendar-date-field", "begin");
  assert_setting (settings, "calendar-mode", "week");
  g_assert_true (g_settings_get_boolean (settings, "calendar-show-activities"));
}

/* The next run: the calendar opens as it was left, and shows it (the activity is there). */
static void
body_calendar_settings_again (Fixture *f)
{
  AffariCalendarView *view = show_calendar (affari_test_app_get_window (&f->base));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) two_days_ago = g_date_time_add_days (now, -2);
  g_autofree char *day = g_date_time_format (two_days_ago, "%Y-%m-%d");
  g_autofree char *shown = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  g_assert_cmpint (affari_calendar_view_get_field (view), ==, AFFARI_CALENDAR_BEGIN_DATE);
  g_assert_cmpint (affari_calendar_view_get_mode (view), ==, AFFARI_CALENDAR_WEEK);
  g_assert_true (affari_calendar_view_get_show_activities (view));
  affari_calendar_view_set_date (view, day);
  shown = affari_calendar_view_dup_day_text (view, day);
  g_assert_nonnull (strstr (shown, "Richiamare"));

  affari_calendar_view_set_field (view, AFFARI_CALENDAR_DATE_CREATE);
  assert_setting (settings, "calendar-date-field", "created");
}

static void
test_calendar_settings (Fixture       *f,
                        gconstpointer  data)
{
  AFFARI_TEST_RUN (f, body_calendar_settings_first);
  AFFARI_TEST_RUN (f, body_calendar_settings_again);
}

/* ------------------------------------------------------------ .ics export */

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The export writes the activities of the deals the window shows: its pipeline and filter. */
static void
body_export_shown (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  g_autoptr(AffariActivity) visit = affari_activity_new (AFFARI_ACTIVITY_MEETING, "Sopralluogo", local_time_days_ago (-3, 9, 30));
  g_autoptr(AffariDealQuery) filter = affari_deal_query_new ();
  g_autofree char *path = g_build_filename (f->base.dir, "attività.ics", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (affari_store_add_activity (store, f->quiet, visit, &error));

  /* Everything shown: both activities. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-activities-to", "s", path);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpuint (count_occurrences (text, "BEGIN:VEVENT"), ==, 2);
  g_clear_pointer (&text, g_free);

  /* Filtered on "Fornitura": only the call of "Fornitura stampanti". */
  affari_deal_query_set_text (filter, "Fornitura");
  affari_window_set_filter (window, filter);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-activities-to", "s", path);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpuint (count_occurrences (text, "BEGIN:VEVENT"), ==, 1);
  g_assert_nonnull (strstr (text, "Richiamare"));
  g_assert_null (strstr (text, "Sopralluogo"));
  g_clear_pointer (&text, g_free);

  /* Another pipeline, with no deals: nothing to export, the file is left as it was. */
  {
    gint64 other = affari_store_create_pipeline (store, "Assistenza", &error);

    g_assert_no_error (error);
    affari_window_set_filter (window, NULL);
    affari_window_set_pipeline_id (window, other);
    WAIT_UNTIL (affari_window_get_pipeline_id (window) == other);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.export-activities-to", "s", path);
    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    g_assert_cmpuint (count_occurrences (text, "BEGIN:VEVENT"), ==, 1);
  }
}

static void
test_export_shown (Fixture       *f,
                   gconstpointer  data)
{
  AFFARI_TEST_RUN (f, body_export_shown);
}

int
main (int   argc,
      char *argv[])
{
  affari_test_init (&argc, &argv);

  g_test_add ("/ui/activities/drag", Fixture, NULL, fixture_set_up, test_activities_drag, fixture_tear_down);
  g_test_add ("/ui/calendar/drag", Fixture, NULL, fixture_set_up, test_calendar_drag, fixture_tear_down);
  g_test_add ("/ui/activities/drop-on-today", Fixture, NULL, fixture_set_up, test_activities_drop_today, fixture_tear_down);
  g_test_add ("/ui/activities/multi-select", Fixture, NULL, fixture_set_up, test_activities_multi, fixture_tear_down);
  g_test_add ("/ui/activities/keyboard-and-menu", Fixture, NULL, fixture_set_up, test_activities_keyboard, fixture_tear_down);
  g_test_add ("/ui/activities/clock", Fixture, NULL, fixture_set_up, test_activities_clock, fixture_tear_down);
  g_test_add ("/ui/calendar/settings", Fixture, NULL, fixture_set_up, test_calendar_settings, fixture_tear_down);
  g_test_add ("/ui/export/what-is-shown", Fixture, NULL, fixture_set_up, test_export_shown, fixture_tear_down);

  return g_test_run ();
}
