/* test-calendar.c — the Calendar view as a user sees it, in the real window under Xvfb in Italian
 *
 * Opening it does not resize the window (at the default size and at the minimum size); a month
 * cell shows a readable part of a deal's title, the whole one in the tooltip; a full day of the
 * week shows as many entries as it has room for, with "+N altri" right under the last of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "model/affari-i18n.h"
#include "store/affari-store.h"
#include "affari-test-harness.h"
#include "ui/app/affari-window.h"
#include "ui/calendar/affari-calendar-view.h"

#define BUSY_DEALS 45   /* more than a day of the week can show at the default size */

typedef struct
{
  AffariTestApp  base;     /* first: see affari-test-harness.h */
  char          *day;      /* "YYYY-MM-DD": the 12th of this month, where the deals close */
  char          *long_title;
} Fixture;

static void
create_deal (AffariStore *store,
             const char  *title,
             const char  *close_date,
             gint64       amount)
{
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(GError) error = NULL;

  affari_deal_set_title (deal, title);
  affari_deal_set_amount (deal, amount);
  affari_deal_set_close_date (deal, close_date);
  affari_store_create_deal (store, deal, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(AffariStore) store = NULL;
  g_autoptr(GError) error = NULL;

  affari_test_app_setup (&f->base, "calendar");
  f->day = g_date_time_format (now, "%Y-%m-12");
  f->long_title = g_strdup ("Impianto fotovoltaico capannone di Brescia, secondo lotto");

  store = affari_store_open (f->base.db_path, &error);
  g_assert_no_error (error);
  /* The largest deal of the day is listed first. */
  create_deal (store, f->long_title, f->day, 9999900);
  if (GPOINTER_TO_INT (data))
    for (int i = 0; i < BUSY_DEALS - 1; i++)
      {
        g_autofree char *title = g_strdup_printf ("Fornitura %02d", i);

        create_deal (store, title, f->day, 100000 - i);
      }
  affari_store_close (store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  affari_test_app_teardown (&f->base);
  g_clear_pointer (&f->day, g_free);
  g_clear_pointer (&f->long_title, g_free);
}

/* ------------------------------------------------------------ helpers */

static void
settle_frames (GtkWidget *widget)
{
  for (int i = 0; i < 4; i++)
    affari_test_wait_for_frame (widget);
  affari_test_settle ();
}

/* Ctrl+4, as the user presses it; the calendar is then on screen and drawn. */
static AffariCalendarView *
open_calendar (AffariWindow *window)
{
  AffariCalendarView *view;

  affari_test_press_shortcut (GTK_WIDGET (window), "<Control>4");
  view = AFFARI_CALENDAR_VIEW (affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_CALENDAR_VIEW));
  g_assert_nonnull (view);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (view)));
  settle_frames (GTK_WIDGET (view));
  return view;
}

static void
assert_calendar_keeps_size (AffariWindow *window)
{
  int width, height;

  settle_frames (GTK_WIDGET (window));
  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  g_test_message ("window before the calendar: %d×%d", width, height);

  open_calendar (window);
  g_test_message ("window with the calendar: %d×%d", gtk_widget_get_width (GTK_WIDGET (window)),
                  gtk_widget_get_height (GTK_WIDGET (window)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), ==, height);
}

static gboolean
match_chip_of (GtkWidget     *widget,
               gconstpointer  title)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  return gtk_widget_has_css_class (widget, "calendar-chip") && tooltip != NULL &&
         g_str_has_prefix (tooltip, title) && gtk_widget_get_mapped (widget);
}

static gboolean
match_label_text (GtkWidget     *widget,
                  gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* The width of @n average characters in @widget's font, in pixels. */
static int
width_of_chars (GtkWidget *widget,
                int        n)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  PangoFontMetrics *metrics = pango_context_get_metrics (context, pango_context_get_font_description (context), NULL);
  int width = n * pango_font_metrics_get_approximate_char_width (metrics) / PANGO_SCALE;

  pango_font_metrics_unref (metrics);
  return width;
}

static gboolean
bounds_in (GtkWidget       *widget,
           GtkWidget       *target,
           graphene_rect_t *bounds)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_child_visible (widget) &&
         gtk_widget_compute_bounds (widget, target, bounds);
}

/* ------------------------------------------------------------ tests */

static void
body_default_size (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);

  int width, height;

  /* the size the window opens with the first time (less its frame) */
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1200);
  g_assert_cmpint (height, ==, 760);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, height);
  assert_calendar_keeps_size (window);
}

static void
test_default_size (Fixture       *f,
                   gconstpointer  data)
{
  AFFARI_TEST_RUN (f, body_default_size);
}

static void
body_minimum_size (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  int min_width, min_height;

  /* the window is as small as the other views let it be (the header bar is wider than the
   * window's own minimum) */
  gtk_widget_get_size_request (GTK_WIDGET (window), &min_width, &min_height);
  g_test_message ("minimum %d×%d", min_width, min_height);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <, 600);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <, 400);
  assert_calendar_keeps_size (window);
}

static void
test_minimum_size (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  /* the window opens at its minimum size (the size it was left at) */
  g_settings_set_int (settings, "window-width", 360);
  g_settings_set_int (settings, "window-height", 294);
  AFFARI_TEST_RUN (f, body_minimum_size);
}

/* A month cell at the default size shows at least ~20 characters of a title; the tooltip has it all. */
static void
body_month_titles (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariCalendarView *view = open_calendar (window);
  GtkWidget *chip, *title;
  int width;

  affari_calendar_view_set_date (view, f->day);
  settle_frames (GTK_WIDGET (view));
  chip = affari_test_find_widget (affari_calendar_view_get_day (view, f->day), match_chip_of, f->long_title);
  g_assert_nonnull (chip);
  title = affari_test_find_widget (chip, match_label_text, f->long_title);
  g_assert_nonnull (title);
  g_assert_true (gtk_widget_get_mapped (title));
  width = width_of_chars (title, 20);
  g_test_message ("title label %d px, 20 characters %d px", gtk_widget_get_width (title), width);
  g_assert_cmpint (gtk_widget_get_width (title), >=, width);
  /* the whole title, where the cell has to cut it */
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (chip), f->long_title));
}

static void
test_month_titles (Fixture       *f,
                   gconstpointer  data)
{
  AFFARI_TEST_RUN (f, body_month_titles);
}

/* A day of the week with more deals than fit: as many entries as there is room for, then
 * "+N altri" right under the last one, inside the day, counting the entries it hides. */
static void
body_week_more (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariCalendarView *view = open_calendar (window);
  GtkWidget *cell, *more = NULL;
  graphene_rect_t cell_bounds, bounds, more_bounds;
  g_autofree char *more_text = NULL;
  double last_bottom = -1, chip_height = 0;
  guint shown = 0;

  affari_calendar_view_set_mode (view, AFFARI_CALENDAR_WEEK);
  affari_calendar_view_set_date (view, f->day);
  settle_frames (GTK_WIDGET (view));
  cell = affari_calendar_view_get_day (view, f->day);
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_compute_bounds (cell, cell, &cell_bounds));

  for (GtkWidget *child = gtk_widget_get_first_child (cell); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_has_css_class (child, "calendar-more"))
        more = child;
      else if (gtk_widget_has_css_class (child, "calendar-chip") && bounds_in (child, cell, &bounds))
        {
          shown++;
          last_bottom = MAX (last_bottom, bounds.origin.y + bounds.size.height);
          chip_height = bounds.size.height;
          /* every entry shown is whole, inside the day */
          g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, cell_bounds.size.height);
        }
    }
  g_test_message ("%u of %d entries shown, the last ending at %.0f in a day %.0f px high",
                  shown, BUSY_DEALS, last_bottom, cell_bounds.size.height);
  g_assert_cmpuint (shown, >, 0);
  g_assert_cmpuint (shown, <, BUSY_DEALS);

  g_assert_nonnull (more);
  g_assert_true (bounds_in (more, cell, &more_bounds));
  more_text = g_strdup_printf (ngettext ("+%u more", "+%u more", BUSY_DEALS - shown), BUSY_DEALS - shown);
  g_assert_nonnull (affari_test_find_widget (more, match_label_text, more_text));
  /* right under the last entry shown, and inside the day */
  g_assert_cmpfloat (more_bounds.origin.y, >=, last_bottom - 0.5);
  g_assert_cmpfloat (more_bounds.origin.y - last_bottom, <, chip_height);
  g_assert_cmpfloat (more_bounds.origin.y + more_bounds.size.height, <=, cell_bounds.size.height);
  /* the day is full: no room for one more entry is left unused */
  g_assert_cmpfloat (cell_bounds.size.height - (more_bounds.origin.y + more_bounds.size.height), <, chip_height);
}

static void
test_week_more (Fixture       *f,
                gconstpointer  data)
{
  AFFARI_TEST_RUN (f, body_week_more);
}

int
main (int argc, char **argv)
{
  affari_test_init (&argc, &argv);

  g_test_add ("/ui/calendar/no-resize-default-size", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_default_size, fixture_tear_down);
  g_test_add ("/ui/calendar/no-resize-minimum-size", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_minimum_size, fixture_tear_down);
  g_test_add ("/ui/calendar/month-title-width", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_month_titles, fixture_tear_down);
  g_test_add ("/ui/calendar/week-more-under-entries", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_week_more, fixture_tear_down);

  return g_test_run ();
}
