/* test-calendar-narrow.c — the Calendar on a phone's width (360×640 asked), in the real window
 * under Xvfb in Italian
 *
 * A tap on a day of the compact month lists its deals under the grid; a deal of that list dragged
 * "touch-style" with the real pointer (pressed, held, moved slowly onto another day, released)
 * closes on that day in the database; a finger held on a row readies it for the drag (the real
 * long-press gesture, driven by its signal: Xvfb has no touch screen); a swipe across the month
 * (the grid's real swipe gesture, by its signal) turns it. Every widget of the view is inside
 * the window, and its buttons and days are targets of at least 44 px.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "store/affari-store.h"
#include "affari-test-harness.h"
#include "ui/common/affari-drag.h"
#include "ui/app/affari-window.h"
#include "ui/calendar/affari-calendar-view.h"

typedef struct
{
  AffariTestApp  base;     /* first: see affari-test-harness.h */
  gint64         boiler;   /* one of the two deals of the 12th */
  char          *day;      /* "YYYY-MM-12" of this month */
  char          *target;   /* "YYYY-MM-17": no deal */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *titles[] = { "Impianto fotovoltaico", "Manutenzione caldaie", "Consulenza fiscale" };
  AffariStore *store;

  affari_test_app_setup (&f->base, "calendar-narrow");
  f->day = g_date_time_format (now, "%Y-%m-12");
  f->target = g_date_time_format (now, "%Y-%m-17");
  store = affari_test_app_open_store (&f->base);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(AffariDeal) deal = affari_deal_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *other = g_date_time_format (now, "%Y-%m-20");

      affari_deal_set_title (deal, titles[i]);
      affari_deal_set_amount (deal, 100000 * (i + 1));
      affari_deal_set_close_date (deal, i < 2 ? f->day : other);
      affari_store_create_deal (store, deal, &error);
      g_assert_no_error (error);
      if (i == 1)
        f->boiler = affari_deal_get_id (deal);
    }
  affari_store_close (store);
  g_object_unref (store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  affari_test_app_teardown (&f->base);
  g_clear_pointer (&f->day, g_free);
  g_clear_pointer (&f->target, g_free);
}

/* ------------------------------------------------------------ helpers */

static void
settle_frames (GtkWidget *widget)
{
  for (int i = 0; i < 4; i++)
    affari_test_wait_for_frame (widget);
  affari_test_settle ();
}

static gboolean
match_row_title (GtkWidget     *widget,
                 gconstpointer  title)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static char *
close_date (AffariStore *store,
            gint64       deal_id)
{
  g_autoptr(AffariDeal) deal = affari_store_get_deal (store, deal_id, NULL);

  g_assert_nonnull (deal);
  return g_strdup (affari_deal_get_close_date (deal));
}

typedef struct {
  GtkWidget *window;
  int        width, height;
  guint      n_outside, n_small, n_buttons;
  GString   *report;
} Walk;

/* Every mapped widget of the view lies inside the window: across always; down only outside a
 * scrolled window (what is under the fold of one is scrolled to). Every button a finger can
 * reach is a 44 px target. */
static void
walk (Walk      *w,
      GtkWidget *widget,
      gboolean   in_scroller)
{
  graphene_rect_t bounds;

  /* (an overlay scrollbar's slider may stand a few pixels over the edge: it is drawn, not laid out) */
  if (!gtk_widget_get_mapped (widget) || GTK_IS_NATIVE (widget) || GTK_IS_SCROLLBAR (widget))
    return;
  if (gtk_widget_compute_bounds (widget, w->window, &bounds) && bounds.size.width > 0 && bounds.size.height > 0)
    {
      if (bounds.origin.x < -0.5 || bounds.origin.x + bounds.size.width > w->width + 0.5 ||
          (!in_scroller && (bounds.origin.y < -0.5 || bounds.origin.y + bounds.size.height > w->height + 0.5)))
        {
          g_string_append_printf (w->report, "outside: %s at %.0f,%.0f %.0f×%.0f\n", G_OBJECT_TYPE_NAME (widget),
                                  bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height);
          w->n_outside++;
          return;
        }
      /* (a drop-down's button is inside it) */
      if ((GTK_IS_BUTTON (widget) && !GTK_IS_DROP_DOWN (gtk_widget_get_parent (widget))) || GTK_IS_DROP_DOWN (widget))
        {
          w->n_buttons++;
          if (bounds.size.width < 44 || bounds.size.height < 44)
            {
              g_string_append_printf (w->report, "small: %s \"%s\" %.0f×%.0f\n", G_OBJECT_TYPE_NAME (widget),
                                      gtk_widget_get_tooltip_text (widget) ?: "", bounds.size.width, bounds.size.height);
              w->n_small++;
            }
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    walk (w, child, in_scroller || GTK_IS_SCROLLED_WINDOW (widget));
}

static void
assert_view_inside (GtkWidget *view,
                    GtkWidget *window)
{
  Walk w = { window, gtk_widget_get_width (window), gtk_widget_get_height (window), 0, 0, 0, g_string_new (NULL) };

  walk (&w, view, FALSE);
  g_test_message ("%u buttons\n%s", w.n_buttons, w.report->str);
  /* the toolbar's, and the month's days */
  g_assert_cmpuint (w.n_buttons, >=, 28);
  g_assert_cmpuint (w.n_outside, ==, 0);
  g_assert_cmpuint (w.n_small, ==, 0);
  g_string_free (w.report, TRUE);
}

/* ------------------------------------------------------------ the test */

static void
body_narrow (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariCalendarView *view;
  GtkWidget *cell, *row, *target_cell;
  GtkEventController *hold;
  g_autofree char *shown = NULL;
  g_autofree char *moved = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  settle_frames (GTK_WIDGET (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "calendar");
  view = AFFARI_CALENDAR_VIEW (affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_CALENDAR_VIEW));
  g_assert_nonnull (view);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (view)));
  settle_frames (GTK_WIDGET (view));
  g_test_message ("window %d×%d", gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)));
  g_assert_true (affari_calendar_view_get_narrow (view));
  affari_calendar_view_set_mode (view, AFFARI_CALENDAR_MONTH);
  affari_calendar_view_set_field (view, AFFARI_CALENDAR_CLOSE_DATE);
  affari_calendar_view_set_date (view, f->target);
  settle_frames (GTK_WIDGET (view));
  g_assert_false (affari_test_label_on_screen (GTK_WIDGET (view), "Manutenzione caldaie"));

  /* A tap on the 12th lists its two deals, not the 20th's. */
  cell = affari_calendar_view_get_day (view, f->day);
  g_assert_true (GTK_IS_BUTTON (cell));
  affari_test_click (cell, 22, 22, NULL);
  settle_frames (GTK_WIDGET (view));
  shown = affari_calendar_view_dup_day_text (view, f->day);
  /* (in the database's order: the larger amount first) */
  g_assert_cmpstr (shown, ==, "Manutenzione caldaie\nImpianto fotovoltaico\n");
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (view), "Impianto fotovoltaico"));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (view), "Manutenzione caldaie"));
  g_assert_false (affari_test_label_on_screen (GTK_WIDGET (view), "Consulenza fiscale"));
  /* (the month is built again around the chosen day) */
  g_assert_true (gtk_widget_has_css_class (affari_calendar_view_get_day (view, f->day), "suggested-action"));
  assert_view_inside (GTK_WIDGET (view), GTK_WIDGET (window));

  /* A finger held on a row lifts it for the drag: the real long-press gesture's "pressed". */
  row = affari_test_find_widget (GTK_WIDGET (view), match_row_title, "Manutenzione caldaie");
  g_assert_nonnull (row);
  hold = affari_test_find_controller (row, GTK_TYPE_GESTURE_LONG_PRESS);
  g_assert_nonnull (hold);
  g_assert_true (gtk_gesture_single_get_touch_only (GTK_GESTURE_SINGLE (hold)));
  g_assert_false (gtk_widget_has_css_class (row, "lifted"));
  g_signal_emit_by_name (hold, "pressed", 20.0, 20.0);
  g_assert_true (gtk_widget_has_css_class (row, "lifted"));
  g_assert_true (affari_drag_touch_get_armed (GTK_DRAG_SOURCE (affari_test_find_controller (row, GTK_TYPE_DRAG_SOURCE))));
  gtk_widget_remove_css_class (row, "lifted");

  /* The real pointer, touch-style: pressed on the row, held, moved slowly up onto the 17th,
   * released there. The deal closes on the 17th. */
  target_cell = affari_calendar_view_get_day (view, f->target);
  g_assert_nonnull (target_cell);
  {
    graphene_point_t from, to;
    g_autofree char *dx = NULL;
    g_autofree char *dy = NULL;
    g_autofree char *step_x = NULL;
    g_autofree char *step_y = NULL;

    g_assert_true (gtk_widget_compute_point (row, GTK_WIDGET (window), &GRAPHENE_POINT_INIT (60, 20), &from));
    g_assert_true (gtk_widget_compute_point (target_cell, GTK_WIDGET (window), &GRAPHENE_POINT_INIT (22, 22), &to));
    step_x = g_strdup_printf ("%d", (int) ((to.x - from.x) / 4));
    step_y = g_strdup_printf ("%d", (int) ((to.y - from.y) / 4));
    dx = g_strdup_printf ("%d", (int) (to.x - from.x) - 4 * (int) ((to.x - from.x) / 4));
    dy = g_strdup_printf ("%d", (int) (to.y - from.y) - 4 * (int) ((to.y - from.y) / 4));
    affari_test_xdotool_at (row, 60, 20, (const char *[]) { "mousedown", "1", "sleep", "0.7",
                                                            "mousemove_relative", "--", step_x, step_y, "sleep", "0.2",
                                                            "mousemove_relative", "--", step_x, step_y, "sleep", "0.2",
                                                            "mousemove_relative", "--", step_x, step_y, "sleep", "0.2",
                                                            "mousemove_relative", "--", step_x, step_y, "sleep", "0.2",
                                                            "mousemove_relative", "--", dx, dy, "sleep", "0.3",
                                                            "mouseup", "1", "sleep", "0.3", NULL });
  }
  moved = close_date (store, f->boiler);
  WAIT_UNTIL (g_strcmp0 ((g_free (moved), moved = close_date (store, f->boiler)), f->target) == 0);
  settle_frames (GTK_WIDGET (view));

  /* The 12th lists one deal now; the 17th the moved one. */
  g_clear_pointer (&shown, g_free);
  affari_calendar_view_set_date (view, f->day);
  settle_frames (GTK_WIDGET (view));
  shown = affari_calendar_view_dup_day_text (view, f->day);
  g_assert_cmpstr (shown, ==, "Impianto fotovoltaico\n");
  affari_test_click (affari_calendar_view_get_day (view, f->target), 22, 22, NULL);
  settle_frames (GTK_WIDGET (view));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (view), "Manutenzione caldaie"));
  assert_view_inside (GTK_WIDGET (view), GTK_WIDGET (window));

  /* A finger swiped across the month to the left turns to the next month, to the right back;
   * a slide down does not (the real touch-only swipe gesture of the grid, by its signal). */
  {
    GtkEventController *swipe = affari_test_find_controller (gtk_widget_get_parent (affari_calendar_view_get_day (view, f->day)),
                                                             GTK_TYPE_GESTURE_SWIPE);
    g_autofree char *month = g_strdup (affari_calendar_view_get_title (view));
    g_autofree char *next = NULL;

    g_assert_nonnull (swipe);
    g_assert_true (gtk_gesture_single_get_touch_only (GTK_GESTURE_SINGLE (swipe)));
    g_signal_emit_by_name (swipe, "swipe", 40.0, 900.0);
    settle_frames (GTK_WIDGET (view));
    g_assert_cmpstr (affari_calendar_view_get_title (view), ==, month);
    g_signal_emit_by_name (swipe, "swipe", -900.0, 60.0);
    settle_frames (GTK_WIDGET (view));
    next = g_strdup (affari_calendar_view_get_title (view));
    g_test_message ("%s → %s", month, next);
    g_assert_cmpstr (next, !=, month);
    g_assert_null (affari_calendar_view_get_day (view, f->day));
    /* (the grid was built again: its gesture is the same, on the same grid) */
    g_signal_emit_by_name (swipe, "swipe", 900.0, -60.0);
    settle_frames (GTK_WIDGET (view));
    g_assert_cmpstr (affari_calendar_view_get_title (view), ==, month);
    g_assert_nonnull (affari_calendar_view_get_day (view, f->day));
  }
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  if (!affari_test_have_x11 ())
    return;
  AFFARI_TEST_RUN (f, body_narrow);
}

int
main (int   argc,
      char *argv[])
{
  affari_test_init (&argc, &argv);

  g_test_add ("/ui/calendar/narrow-touch", Fixture, NULL, fixture_set_up, test_narrow, fixture_tear_down);

  return g_test_run ();
}
