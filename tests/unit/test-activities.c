/* test-activities.c — the periods of the Activities view, rescheduling into them, and the store
 * queries of the Activities and Calendar views
 *
 * Times are built with an explicit GTimeZone; the store part runs with TZ=Europe/Rome.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <time.h>
#include <glib/gi18n.h>

#include "model/affari-i18n.h"
#include "model/affari-activity-period.h"
#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"

/* ------------------------------------------------------------ helpers */

static gint64
at (GTimeZone *tz, int y, int m, int d, int h, int min)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, y, m, d, h, min, 0);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static char *
show (GTimeZone *tz, gint64 instant)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  g_autoptr(GDateTime) dt = g_date_time_to_timezone (utc, tz);

  /* %u: 1 = Monday */
  return g_date_time_format (dt, "%Y-%m-%d %H:%M %u");
}

#define assert_instant(tz, instant, expected) G_STMT_START { \
    g_autofree char *_shown = show (tz, instant); \
    g_assert_cmpstr (_shown, ==, expected); \
  } G_STMT_END

/* ------------------------------------------------------------ bucketing */

static void
test_week_boundaries (void)
{
  g_autoptr(GTimeZone) rome = g_time_zone_new_identifier ("Europe/Rome");
  AffariPeriodBounds b;
  gint64 now;

  g_assert_nonnull (rome);

  /* Wednesday 25/11/2026 10:00: the week runs Monday 23 to Sunday 29. */
  now = at (rome, 2026, 11, 25, 10, 0);
  affari_period_bounds_compute (&b, now, rome);
  assert_instant (rome, b.today_start, "2026-11-25 00:00 3");
  assert_instant (rome, b.tomorrow_start, "2026-11-26 00:00 4");
  assert_instant (rome, b.next_week_start, "2026-11-30 00:00 1");
  assert_instant (rome, b.later_start, "2026-12-07 00:00 1");

  g_assert_cmpint (affari_activity_period_classify (&b, 0), ==, AFFARI_ACTIVITY_PERIOD_NONE);
  g_assert_cmpint (affari_activity_period_classify (&b, now - 60), ==, AFFARI_ACTIVITY_PERIOD_OVERDUE);
  g_assert_cmpint (affari_activity_period_classify (&b, at (rome, 2026, 11, 25, 8, 0)), ==, AFFARI_ACTIVITY_PERIOD_OVERDUE);
  g_assert_cmpint (affari_activity_period_classify (&b, now), ==, AFFARI_ACTIVITY_PERIOD_TODAY);
  g_assert_cmpint (affari_activity_period_classify (&b, at (rome, 2026, 11, 25, 23, 59)), ==, AFFARI_ACTIVITY_PERIOD_TODAY);
  g_assert_cmpint (affari_activity_period_classify (&b, at (rome, 2026, 11, 26, 0, 0)), ==, AFFARI_ACTIVITY_PERIOD_THIS_WEEK);
  /* Sunday still belongs to this week (weeks start on Monday in Italy). */
  g_assert_cmpint (affari_activity_period_classify (&b, at (rome, 2026, 11, 29, 23, 59)), ==, AFFARI_ACTIVITY_PERIOD_THIS_WEEK);
  g_assert_cmpint (affari_activity_period_classify (&b, at (rome, 2026, 11, 30, 0, 0)), ==, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK);
  g_assert_cmpint (affari_activity_period_classify (&b, at (rome, 2026, 12, 6, 23, 59)), ==, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK);
  g_assert_cmpint (affari_activity_period_classify (&b, at (rome, 2026, 12, 7, 0, 0)), ==, AFFARI_ACTIVITY_PERIOD_LATER);

  /* On Sunday, next week starts tomorrow: "this week" is empty. */
  now = at (rome, 2026, 11, 29, 12, 0);
  affari_period_bounds_compute (&b, now, rome);
  g_assert_cmpint (b.tomorrow_start, ==, b.next_week_start);
  assert_instant (rome, b.next_week_start, "2026-11-30 00:00 1");
  g_assert_cmpint (affari_activity_period_classify (&b, at (rome, 2026, 11, 30, 9, 0)), ==, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK);

  /* On Monday the week is the whole of it. */
  now = at (rome, 2026, 11, 30, 0, 0);
  affari_period_bounds_compute (&b, now, rome);
  assert_instant (rome, b.next_week_start, "2026-12-07 00:00 1");
  assert_instant (rome, b.later_start, "2026-12-14 00:00 1");
}

static void
test_month_and_year_ends (void)
{
  g_autoptr(GTimeZone) rome = g_time_zone_new_identifier ("Europe/Rome");
  AffariPeriodBounds b;

  /* Thursday 31/12/2026: tomorrow is in 2027, the week ends on Sunday 3/1/2027. */
  affari_period_bounds_compute (&b, at (rome, 2026, 12, 31, 18, 0), rome);
  assert_instant (rome, b.tomorrow_start, "2027-01-01 00:00 5");
  assert_instant (rome, b.next_week_start, "2027-01-04 00:00 1");
  assert_instant (rome, b.later_start, "2027-01-11 00:00 1");
  g_assert_cmpint (affari_activity_period_classify (&b, at (rome, 2027, 1, 3, 10, 0)), ==, AFFARI_ACTIVITY_PERIOD_THIS_WEEK);

  /* Saturday 28/2/2026 (not a leap year): tomorrow is 1/3. */
  affari_period_bounds_compute (&b, at (rome, 2026, 2, 28, 9, 0), rome);
  assert_instant (rome, b.tomorrow_start, "2026-03-01 00:00 7");
  assert_instant (rome, b.next_week_start, "2026-03-02 00:00 1");

  /* 2028 is a leap year: Tuesday 28/2 → 29/2. */
  affari_period_bounds_compute (&b, at (rome, 2028, 2, 28, 9, 0), rome);
  assert_instant (rome, b.tomorrow_start, "2028-02-29 00:00 2");
  assert_instant (rome, b.next_week_start, "2028-03-06 00:00 1");

  /* Month end in the middle of a week: Monday 30/11 → next week 7/12. */
  affari_period_bounds_compute (&b, at (rome, 2026, 11, 30, 9, 0), rome);
  assert_instant (rome, b.next_week_start, "2026-12-07 00:00 1");
}

static void
test_time_zones_and_dst (void)
{
  g_autoptr(GTimeZone) rome = g_time_zone_new_identifier ("Europe/Rome");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  AffariPeriodBounds b;
  gint64 now, deadline;

  /* Autumn: on Sunday 25/10/2026 Italy goes from 03:00 CEST back to 02:00 CET: 25 hours. */
  affari_period_bounds_compute (&b, at (rome, 2026, 10, 24, 12, 0), rome);
  g_assert_cmpint (b.next_week_start - b.tomorrow_start, ==, 25 * 3600);
  assert_instant (rome, b.next_week_start, "2026-10-26 00:00 1");
  /* Spring: Sunday 29/3/2026 has 23 hours. */
  affari_period_bounds_compute (&b, at (rome, 2026, 3, 28, 12, 0), rome);
  g_assert_cmpint (b.next_week_start - b.tomorrow_start, ==, 23 * 3600);

  /* The same instant is today in London time and tomorrow in Rome. */
  now = at (utc, 2026, 11, 25, 22, 30);
  deadline = at (utc, 2026, 11, 25, 23, 30);
  affari_period_bounds_compute (&b, now, utc);
  g_assert_cmpint (affari_activity_period_classify (&b, deadline), ==, AFFARI_ACTIVITY_PERIOD_TODAY);
  affari_period_bounds_compute (&b, now, rome);
  g_assert_cmpint (affari_activity_period_classify (&b, deadline), ==, AFFARI_ACTIVITY_PERIOD_THIS_WEEK);

  /* Saturday evening in New York is already Sunday in Rome. */
  now = at (utc, 2026, 11, 29, 3, 0);
  affari_period_bounds_compute (&b, now, new_york);
  assert_instant (new_york, b.today_start, "2026-11-28 00:00 6");
  assert_instant (new_york, b.next_week_start, "2026-11-30 00:00 1");
  g_assert_cmpint (b.next_week_start, ==, at (utc, 2026, 11, 30, 5, 0));
  affari_period_bounds_compute (&b, now, rome);
  assert_instant (rome, b.today_start, "2026-11-29 00:00 7");
  g_assert_cmpint (b.next_week_start, ==, at (utc, 2026, 11, 29, 23, 0));
}

/* ------------------------------------------------------------ rescheduling */

static gint64
reschedule (GTimeZone *tz, gint64 now, gint64 deadline, AffariActivityPeriod period)
{
  g_autoptr(GError) error = NULL;
  gint64 result = -1;

  g_assert_true (affari_activity_period_reschedule (now, tz, deadline, period, &result, &error));
  g_assert_no_error (error);
  return result;
}

static void
test_reschedule_rules (void)
{
  g_autoptr(GTimeZone) rome = g_time_zone_new_identifier ("Europe/Rome");
  g_autoptr(GError) error = NULL;
  gint64 now = at (rome, 2026, 11, 25, 10, 20);   /* Wednesday */
  gint64 overdue = at (rome, 2026, 11, 20, 14, 30); /* last Friday, 14:30 */
  gint64 result = 0;

  /* Today keeps the time of day when it is still ahead. */
  assert_instant (rome, reschedule (rome, now, overdue, AFFARI_ACTIVITY_PERIOD_TODAY), "2026-11-25 14:30 3");
  /* A time already passed today: the next full hour. */
  assert_instant (rome, reschedule (rome, now, at (rome, 2026, 11, 20, 8, 0), AFFARI_ACTIVITY_PERIOD_TODAY),
                  "2026-11-25 11:00 3");
  /* Late at night the working day is over: refused (see reschedule-today-working-hours). */
  g_assert_false (affari_activity_period_reschedule (at (rome, 2026, 11, 25, 23, 10), rome, overdue,
                                                     AFFARI_ACTIVITY_PERIOD_TODAY, &result, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);

  /* This week: tomorrow, same time. */
  assert_instant (rome, reschedule (rome, now, overdue, AFFARI_ACTIVITY_PERIOD_THIS_WEEK), "2026-11-26 14:30 4");
  /* Next week and later: Monday (a working day), same time. */
  assert_instant (rome, reschedule (rome, now, overdue, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK), "2026-11-30 14:30 1");
  assert_instant (rome, reschedule (rome, now, overdue, AFFARI_ACTIVITY_PERIOD_LATER), "2026-12-07 14:30 1");
  /* Already in the period: unchanged. */
  g_assert_cmpint (reschedule (rome, now, at (rome, 2026, 12, 2, 16, 45), AFFARI_ACTIVITY_PERIOD_NEXT_WEEK), ==,
                   at (rome, 2026, 12, 2, 16, 45));
  /* No activity yet: 09:00. */
  assert_instant (rome, reschedule (rome, now, 0, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK), "2026-11-30 09:00 1");

  /* Friday: only the weekend is left of this week: Saturday. */
  assert_instant (rome, reschedule (rome, at (rome, 2026, 11, 27, 9, 0), overdue, AFFARI_ACTIVITY_PERIOD_THIS_WEEK),
                  "2026-11-28 14:30 6");
  /* Sunday: this week has no day left. */
  g_assert_false (affari_activity_period_reschedule (at (rome, 2026, 11, 29, 9, 0), rome, overdue,
                                                     AFFARI_ACTIVITY_PERIOD_THIS_WEEK, &result, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);

  /* Refused: into the past, and to "no activity". */
  g_assert_false (affari_activity_period_reschedule (now, rome, overdue, AFFARI_ACTIVITY_PERIOD_OVERDUE, &result, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (affari_activity_period_reschedule (now, rome, overdue, AFFARI_ACTIVITY_PERIOD_NONE, &result, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, affari_activity_period_label (AFFARI_ACTIVITY_PERIOD_NONE)));
  g_clear_error (&error);

  /* Across the DST change the wall-clock time stays: Friday 23/10 10:00 CEST → Monday 26/10
   * 10:00 CET, 3 days and 1 hour later. */
  {
    gint64 friday = at (rome, 2026, 10, 23, 10, 0);
    gint64 moved = reschedule (rome, at (rome, 2026, 10, 23, 8, 0), friday, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK);

    assert_instant (rome, moved, "2026-10-26 10:00 1");
    g_assert_cmpint (moved - friday, ==, 3 * 86400 + 3600);
  }
  /* Spring: Friday 27/3 10:00 CET → Monday 30/3 10:00 CEST, an hour less. */
  {
    gint64 friday = at (rome, 2026, 3, 27, 10, 0);
    gint64 moved = reschedule (rome, at (rome, 2026, 3, 27, 8, 0), friday, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK);

    assert_instant (rome, moved, "2026-03-30 10:00 1");
    g_assert_cmpint (moved - friday, ==, 3 * 86400 - 3600);
  }
}

/* "Oggi" as a seller plans it: the activity's time of day when it is still ahead today and inside
 * the working day, otherwise the next working hour; never an evening hour; refused once the
 * working day is over. Times are Rome's; the activity is due last Friday (20/11/2026) at its
 * time of day, or has none (-1: nothing planned yet). */
static void
test_reschedule_today_working_hours (void)
{
  static const struct {
    int day, now_hour, now_minute;  /* of November 2026: 25 is a Wednesday, 28 a Saturday */
    int hour, minute;               /* the activity's time of day; hour -1: no deadline */
    const char *expected;           /* NULL: refused */
  } cases[] = {
    /* Before the working day: the time kept when it is inside it, else its first hour. */
    { 25, 7, 10, 10, 15, "2026-11-25 10:15 3" },
    { 25, 7, 10, 7, 30, "2026-11-25 09:00 3" },
    /* During it: ahead, kept; passed, the next full hour; an exact "now" is not ahead. */
    { 25, 10, 20, 14, 30, "2026-11-25 14:30 3" },
    { 25, 10, 20, 10, 15, "2026-11-25 11:00 3" },
    { 25, 16, 40, 10, 15, "2026-11-25 17:00 3" },
    { 25, 10, 15, 10, 15, "2026-11-25 11:00 3" },
    /* An evening time is not kept, even when still ahead: never 21:00. */
    { 25, 10, 20, 21, 0, "2026-11-25 11:00 3" },
    /* The last half hour: the end of the working day. */
    { 25, 17, 30, 10, 15, "2026-11-25 18:00 3" },
    /* Nothing planned yet (a new activity): the first working hour, or the next one. */
    { 25, 7, 10, -1, 0, "2026-11-25 09:00 3" },
    { 25, 10, 20, -1, 0, "2026-11-25 11:00 3" },
    /* "Oggi" chosen on a Saturday is taken at its word, with the same hours. */
    { 28, 10, 20, 14, 30, "2026-11-28 14:30 6" },
    /* The working day is over: refused (a sentence says what to do instead). */
    { 25, 18, 0, 10, 15, NULL },
    { 25, 19, 45, 10, 15, NULL },
    { 25, 20, 5, 21, 0, NULL },
    { 25, 23, 10, -1, 0, NULL },
  };
  g_autoptr(GTimeZone) rome = g_time_zone_new_identifier ("Europe/Rome");
  g_autoptr(GTimeZone) kolkata = g_time_zone_new_identifier ("Asia/Kolkata");

  g_assert_nonnull (kolkata);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 now = at (rome, 2026, 11, cases[i].day, cases[i].now_hour, cases[i].now_minute);
      gint64 deadline = cases[i].hour < 0 ? 0 : at (rome, 2026, 11, 20, cases[i].hour, cases[i].minute);
      gint64 result = 0;
      gboolean moved;

      g_test_message ("case %u", i);
      moved = affari_activity_period_reschedule (now, rome, deadline, AFFARI_ACTIVITY_PERIOD_TODAY, &result, &error);
      if (cases[i].expected == NULL)
        {
          g_assert_false (moved);
          g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
        }
      else
        {
          g_assert_no_error (error);
          assert_instant (rome, result, cases[i].expected);
        }
    }

  /* Hours are wall-clock hours, also in a zone half an hour off UTC. */
  assert_instant (kolkata, reschedule (kolkata, at (kolkata, 2026, 11, 25, 10, 20), 0, AFFARI_ACTIVITY_PERIOD_TODAY),
                  "2026-11-25 11:00 3");
  /* An activity already due later today (even in the evening, where someone put it) stays. */
  g_assert_cmpint (reschedule (rome, at (rome, 2026, 11, 25, 19, 45), at (rome, 2026, 11, 25, 21, 0),
                               AFFARI_ACTIVITY_PERIOD_TODAY), ==, at (rome, 2026, 11, 25, 21, 0));
}

/* ------------------------------------------------------------ store */

typedef struct {
  AffariStore *store;
  GTimeZone *tz;
  gint64 now;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->store = affari_store_open (NULL, &error);
  g_assert_no_error (error);
  f->tz = g_time_zone_new_local ();
  /* Wednesday 25/11/2026 10:00 in Rome */
  f->now = at (f->tz, 2026, 11, 25, 10, 0);
  affari_store_set_now (f->store, f->now);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_assert_finalize_object (f->store);
  g_time_zone_unref (f->tz);
}

static gint64
add_deal (Fixture *f, const char *title, gint64 amount, const char *close_date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDeal) deal = affari_deal_new ();

  affari_deal_set_title (deal, title);
  affari_deal_set_amount (deal, amount);
  affari_deal_set_currency (deal, "EUR");
  affari_deal_set_close_date (deal, close_date);
  g_assert_true (affari_store_create_deal (f->store, deal, &error));
  g_assert_no_error (error);
  return affari_deal_get_id (deal);
}

static gint64
add_activity (Fixture *f, gint64 deal_id, AffariActivityType kind, const char *subject, gint64 deadline)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariActivity) activity = affari_activity_new (kind, subject, deadline);

  g_assert_true (affari_store_add_activity (f->store, deal_id, activity, &error));
  g_assert_no_error (error);
  return affari_activity_get_id (activity);
}

static void
clear_buckets (AffariActivityBucket *buckets)
{
  for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
    affari_activity_bucket_clear (&buckets[i]);
}

static void
test_store_buckets (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  AffariActivityBucket b[AFFARI_N_ACTIVITY_PERIODS];
  g_auto(AffariDealQuery) query = { 0 };
  gint64 late = add_deal (f, "Late", 1000, NULL);
  gint64 today = add_deal (f, "Today", 2000, NULL);
  gint64 today2 = add_deal (f, "Today too", 500, NULL);
  gint64 week = add_deal (f, "Week", 4000, NULL);
  gint64 next = add_deal (f, "Next", 8000, NULL);
  gint64 later = add_deal (f, "Later", 16000, NULL);
  gint64 none = add_deal (f, "None", 32000, NULL);

  add_activity (f, late, AFFARI_ACTIVITY_CALL, "Call back", at (f->tz, 2026, 11, 24, 9, 0));
  /* the next activity counts: the later one of "late" does not move it */
  add_activity (f, late, AFFARI_ACTIVITY_TASK, "Offer", at (f->tz, 2026, 12, 20, 9, 0));
  add_activity (f, today, AFFARI_ACTIVITY_MEETING, "Visit", at (f->tz, 2026, 11, 25, 15, 0));
  add_activity (f, today2, AFFARI_ACTIVITY_CALL, "Call", at (f->tz, 2026, 11, 25, 11, 0));
  add_activity (f, week, AFFARI_ACTIVITY_EMAIL, "Send", at (f->tz, 2026, 11, 28, 9, 0));
  add_activity (f, next, AFFARI_ACTIVITY_CALL, "Call", at (f->tz, 2026, 12, 1, 9, 0));
  add_activity (f, later, AFFARI_ACTIVITY_CALL, "Call", at (f->tz, 2027, 1, 10, 9, 0));
  {
    /* a completed activity is no next activity */
    gint64 done = add_activity (f, none, AFFARI_ACTIVITY_CALL, "Done", at (f->tz, 2026, 11, 25, 16, 0));
    g_assert_true (affari_store_complete_activity (f->store, done, TRUE, &error));
  }

  query.pipeline_id = affari_store_get_default_pipeline_id (f->store);
  g_assert_true (affari_store_activity_buckets (f->store, &query, b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (b[AFFARI_ACTIVITY_PERIOD_OVERDUE].count, ==, 1);
  g_assert_cmpint (g_array_index (b[AFFARI_ACTIVITY_PERIOD_OVERDUE].ids, gint64, 0), ==, late);
  g_assert_cmpuint (b[AFFARI_ACTIVITY_PERIOD_TODAY].count, ==, 2);
  /* by deadline: 11:00 before 15:00 */
  g_assert_cmpint (g_array_index (b[AFFARI_ACTIVITY_PERIOD_TODAY].ids, gint64, 0), ==, today2);
  g_assert_cmpint (g_array_index (b[AFFARI_ACTIVITY_PERIOD_TODAY].ids, gint64, 1), ==, today);
  /* each row's deadline, for the drop line of a drag */
  g_assert_cmpuint (b[AFFARI_ACTIVITY_PERIOD_TODAY].deadlines->len, ==, 2);
  g_assert_cmpint (g_array_index (b[AFFARI_ACTIVITY_PERIOD_TODAY].deadlines, gint64, 0), ==, at (f->tz, 2026, 11, 25, 11, 0));
  g_assert_cmpint (g_array_index (b[AFFARI_ACTIVITY_PERIOD_TODAY].deadlines, gint64, 1), ==, at (f->tz, 2026, 11, 25, 15, 0));
  g_assert_cmpint (g_array_index (b[AFFARI_ACTIVITY_PERIOD_NONE].deadlines, gint64, 0), ==, 0);
  g_assert_cmpuint (b[AFFARI_ACTIVITY_PERIOD_TODAY].totals->len, ==, 1);
  g_assert_cmpint (g_array_index (b[AFFARI_ACTIVITY_PERIOD_TODAY].totals, AffariStageTotal, 0).sum, ==, 2500);
  g_assert_cmpint (g_array_index (b[AFFARI_ACTIVITY_PERIOD_THIS_WEEK].ids, gint64, 0), ==, week);
  g_assert_cmpint (g_array_index (b[AFFARI_ACTIVITY_PERIOD_NEXT_WEEK].ids, gint64, 0), ==, next);
  g_assert_cmpint (g_array_index (b[AFFARI_ACTIVITY_PERIOD_LATER].ids, gint64, 0), ==, later);
  g_assert_cmpuint (b[AFFARI_ACTIVITY_PERIOD_NONE].count, ==, 1);
  g_assert_cmpint (g_array_index (b[AFFARI_ACTIVITY_PERIOD_NONE].ids, gint64, 0), ==, none);
  g_assert_cmpint (g_array_index (b[AFFARI_ACTIVITY_PERIOD_NONE].totals, AffariStageTotal, 0).sum, ==, 32000);
  clear_buckets (b);

  /* A closed deal leaves the view. */
  g_assert_true (affari_store_move_deal (f->store, today, affari_store_find_stage (f->store, query.pipeline_id, AFFARI_SEMANTICS_SUCCESS),
                                         0, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (affari_store_activity_buckets (f->store, &query, b, &error));
  g_assert_cmpuint (b[AFFARI_ACTIVITY_PERIOD_TODAY].count, ==, 1);
  clear_buckets (b);

  /* The window's filter applies: only deals whose words match. */
  affari_deal_query_set_text (&query, "Later");
  g_assert_true (affari_store_activity_buckets (f->store, &query, b, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
    g_assert_cmpuint (b[i].count, ==, i == AFFARI_ACTIVITY_PERIOD_LATER ? 1 : 0);
  clear_buckets (b);

  /* Time moves on: at 12:00 the 11:00 call is overdue too. */
  affari_deal_query_set_text (&query, NULL);
  affari_store_set_now (f->store, at (f->tz, 2026, 11, 25, 12, 0));
  g_assert_true (affari_store_activity_buckets (f->store, &query, b, &error));
  g_assert_cmpuint (b[AFFARI_ACTIVITY_PERIOD_OVERDUE].count, ==, 2);
  g_assert_cmpuint (b[AFFARI_ACTIVITY_PERIOD_TODAY].count, ==, 0);
  clear_buckets (b);
}

static void
test_store_reschedule (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(AffariActivity) next = NULL;
  gint64 deal = add_deal (f, "Rossi Srl", 1000, NULL);
  gint64 empty = add_deal (f, "Nothing planned", 1000, NULL);
  gint64 call = add_activity (f, deal, AFFARI_ACTIVITY_CALL, "Call back", at (f->tz, 2026, 11, 24, 16, 30));
  gint64 activity_id = 0, old_deadline = 0;

  g_assert_true (affari_store_reschedule_next_activity (f->store, deal, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK,
                                                        &activity_id, &old_deadline, &error));
  g_assert_no_error (error);
  g_assert_cmpint (activity_id, ==, call);
  g_assert_cmpint (old_deadline, ==, at (f->tz, 2026, 11, 24, 16, 30));
  next = affari_store_get_next_activity (f->store, deal, &error);
  g_assert_nonnull (next);
  assert_instant (f->tz, affari_activity_get_deadline (next), "2026-11-30 16:30 1");

  /* one history event for the move */
  events = affari_store_list_events (f->store, deal, &error);
  g_assert_cmpstr (affari_event_get_field (g_ptr_array_index (events, 0)), ==, "DEADLINE");
  g_assert_cmpstr (affari_event_get_new_value (g_ptr_array_index (events, 0)), ==, "30/11/2026 16:30");

  /* undo */
  g_assert_true (affari_store_reschedule_activity (f->store, activity_id, old_deadline, &error));
  g_clear_object (&next);
  next = affari_store_get_next_activity (f->store, deal, &error);
  g_assert_cmpint (affari_activity_get_deadline (next), ==, old_deadline);

  /* refused */
  g_assert_false (affari_store_reschedule_next_activity (f->store, deal, AFFARI_ACTIVITY_PERIOD_NONE, NULL, NULL, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (affari_store_reschedule_next_activity (f->store, empty, AFFARI_ACTIVITY_PERIOD_TODAY, NULL, NULL, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (affari_store_get_next_activity (f->store, empty, &error));
  g_assert_no_error (error);
}

typedef struct {
  Fixture *f;
  gint64   ids[3];
  guint    signals;
  gboolean all_moved_at_first_signal;
} ManyMove;

static gboolean
all_next_week (Fixture *f, const gint64 *ids, guint n)
{
  AffariPeriodBounds bounds;

  affari_period_bounds_compute (&bounds, f->now, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AffariActivity) next = affari_store_get_next_activity (f->store, ids[i], NULL);

      if (next == NULL || affari_activity_period_classify (&bounds, affari_activity_get_deadline (next)) != AFFARI_ACTIVITY_PERIOD_NEXT_WEEK)
        return FALSE;
    }
  return TRUE;
}

static void
on_many_deal_changed_cb (AffariStore *store, AffariChangeSet *set, ManyMove *move)
{
  /* One change set after the commit, naming every card moved, which it already sees moved. */
  move->signals += affari_change_set_get_n_deals (set);
  move->all_moved_at_first_signal = all_next_week (move->f, move->ids, G_N_ELEMENTS (move->ids));
}

static void
test_store_reschedule_many (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDealOps) ops = affari_deal_ops_new (f->store);
  g_autoptr(AffariChangeSet) moves = NULL;
  ManyMove move = { f, { 0 }, 0, FALSE };
  gint64 empty = add_deal (f, "Nothing planned", 1000, NULL);
  gint64 ids[4];
  gulong handler;

  move.ids[0] = add_deal (f, "Rossi Srl", 1000, NULL);
  move.ids[1] = add_deal (f, "Bianchi SpA", 2000, NULL);
  move.ids[2] = add_deal (f, "Verdi & C.", 3000, NULL);
  add_activity (f, move.ids[0], AFFARI_ACTIVITY_CALL, "Call back", at (f->tz, 2026, 11, 24, 16, 30));
  add_activity (f, move.ids[1], AFFARI_ACTIVITY_MEETING, "Visit", at (f->tz, 2026, 11, 25, 11, 15));
  add_activity (f, move.ids[2], AFFARI_ACTIVITY_TASK, "Offer", at (f->tz, 2026, 11, 27, 8, 0));
  memcpy (ids, move.ids, sizeof move.ids);
  ids[3] = empty;

  handler = g_signal_connect (f->store, "changed", G_CALLBACK (on_many_deal_changed_cb), &move);
  /* a selection of four cards, one with nothing planned: the three others move */
  moves = affari_deal_ops_reschedule_next (ops, ids, 4, AFFARI_ACTIVITY_PERIOD_NEXT_WEEK, &error);
  g_assert_no_error (error);
  g_signal_handler_disconnect (f->store, handler);
  g_assert_cmpuint (affari_change_set_get_n_deals (moves), ==, 3);
  g_assert_cmpuint (move.signals, ==, 3);
  g_assert_true (move.all_moved_at_first_signal);
  {
    const char *expected[] = { "2026-11-30 16:30 1", "2026-11-30 11:15 1", "2026-11-30 08:00 1" };

    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(AffariActivity) next = affari_store_get_next_activity (f->store, move.ids[i], NULL);
        g_autoptr(GPtrArray) events = affari_store_list_events (f->store, move.ids[i], NULL);

        assert_instant (f->tz, affari_activity_get_deadline (next), expected[i]);
        g_assert_cmpstr (affari_event_get_field (g_ptr_array_index (events, 0)), ==, "DEADLINE");
      }
  }

  /* one undo puts all three back */
  g_assert_true (affari_deal_ops_undo (ops, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AffariActivity) next = affari_store_get_next_activity (f->store, move.ids[1], NULL);

    assert_instant (f->tz, affari_activity_get_deadline (next), "2026-11-25 11:15 3");
  }
  g_assert_false (all_next_week (f, move.ids, 3));

  /* refused for all: nothing written */
  g_clear_object (&moves);
  moves = affari_deal_ops_reschedule_next (ops, ids, 4, AFFARI_ACTIVITY_PERIOD_OVERDUE, &error);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (moves);
  g_assert_false (affari_store_reschedule_next_activities (f->store, &empty, 1, AFFARI_ACTIVITY_PERIOD_TODAY, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autoptr(AffariActivity) next = affari_store_get_next_activity (f->store, move.ids[0], NULL);

    assert_instant (f->tz, affari_activity_get_deadline (next), "2026-11-24 16:30 2");
  }

  /* the next deadline the notifier waits for */
  {
    gint64 next = -1;

    g_assert_true (affari_store_next_activity_deadline (f->store, f->now, &next, &error));
    g_assert_cmpint (next, ==, at (f->tz, 2026, 11, 25, 11, 15));
    g_assert_true (affari_store_next_activity_deadline (f->store, at (f->tz, 2026, 11, 28, 0, 0), &next, &error));
    g_assert_cmpint (next, ==, 0);
  }
}

static void
test_store_calendar (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(AffariDeal) moved = NULL;
  g_autofree char *old = NULL;
  g_auto(AffariDealQuery) query = { 0 };
  gint64 big, small;

  big = add_deal (f, "Big", 90000, "2026-11-27");
  add_deal (f, "Medium", 50000, "2026-11-27");
  small = add_deal (f, "Small", 100, "2026-11-27");
  add_deal (f, "Other day", 100, "2026-11-30");
  add_deal (f, "Next month", 100, "2026-12-01");
  query.pipeline_id = affari_store_get_default_pipeline_id (f->store);

  deals = affari_store_calendar_deals (f->store, &query, AFFARI_CALENDAR_CLOSE_DATE, "2026-11-01", "2026-11-30",
                                       2, &days, &error);
  g_assert_no_error (error);
  /* two of the 27th (largest first) and the one of the 30th */
  g_assert_cmpuint (deals->len, ==, 3);
  g_assert_cmpint (affari_deal_get_id (g_ptr_array_index (deals, 0)), ==, big);
  g_assert_cmpstr (affari_deal_get_title (g_ptr_array_index (deals, 2)), ==, "Other day");
  g_assert_cmpuint (days->len, ==, 2);
  g_assert_cmpstr (g_array_index (days, AffariCalendarDay, 0).date, ==, "2026-11-27");
  g_assert_cmpuint (g_array_index (days, AffariCalendarDay, 0).count, ==, 3);
  g_clear_pointer (&deals, g_ptr_array_unref);
  g_clear_pointer (&days, g_array_unref);

  /* creation date: every deal was created "now" */
  deals = affari_store_calendar_deals (f->store, &query, AFFARI_CALENDAR_DATE_CREATE, "2026-11-25", "2026-11-25",
                                       0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deals->len, ==, 5);
  g_clear_pointer (&deals, g_ptr_array_unref);

  /* move a deal's close date: history, undo */
  g_assert_true (affari_store_set_deal_date (f->store, small, AFFARI_CALENDAR_CLOSE_DATE, "2026-11-30", &old, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (old, ==, "2026-11-27");
  moved = affari_store_get_deal (f->store, small, &error);
  g_assert_cmpstr (affari_deal_get_close_date (moved), ==, "2026-11-30");
  events = affari_store_list_events (f->store, small, &error);
  g_assert_cmpstr (affari_event_get_field (g_ptr_array_index (events, 0)), ==, "CLOSEDATE");
  g_assert_true (affari_store_set_deal_date (f->store, small, AFFARI_CALENDAR_CLOSE_DATE, old, NULL, &error));
  g_clear_object (&moved);
  moved = affari_store_get_deal (f->store, small, &error);
  g_assert_cmpstr (affari_deal_get_close_date (moved), ==, "2026-11-27");

  g_assert_false (affari_store_set_deal_date (f->store, small, AFFARI_CALENDAR_DATE_CREATE, "2026-11-30", NULL, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (affari_store_set_deal_date (f->store, small, AFFARI_CALENDAR_CLOSE_DATE, "2026-02-30", NULL, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
}

static void
test_store_planned (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GHashTable) titles = NULL;
  gint64 deal = add_deal (f, "Rossi Srl", 1000, NULL);
  gint64 in_range = add_activity (f, deal, AFFARI_ACTIVITY_MEETING, "Visit", at (f->tz, 2026, 11, 26, 9, 0));
  gint64 done = add_activity (f, deal, AFFARI_ACTIVITY_CALL, "Done", at (f->tz, 2026, 11, 26, 10, 0));

  add_activity (f, deal, AFFARI_ACTIVITY_CALL, "Out", at (f->tz, 2026, 11, 27, 0, 0));
  g_assert_true (affari_store_complete_activity (f->store, done, TRUE, &error));
  activities = affari_store_list_planned_activities (f->store, NULL, at (f->tz, 2026, 11, 26, 0, 0),
                                                     at (f->tz, 2026, 11, 27, 0, 0), &titles, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, 1);
  g_assert_cmpint (affari_activity_get_id (g_ptr_array_index (activities, 0)), ==, in_range);
  g_assert_cmpstr (g_hash_table_lookup (titles, &deal), ==, "Rossi Srl");
  g_clear_pointer (&activities, g_ptr_array_unref);

  /* trashed deals' activities are not planned any more */
  g_assert_true (affari_store_trash_deal (f->store, deal, &error));
  activities = affari_store_list_planned_activities (f->store, NULL, 0, 0, NULL, &error);
  g_assert_cmpuint (activities->len, ==, 0);
}

int
main (int argc, char *argv[])
{
  /* The store works in local time: make it Italy's, whatever the machine says. */
  g_setenv ("TZ", "Europe/Rome", TRUE);
  tzset ();
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/activities/period/week-boundaries", test_week_boundaries);
  g_test_add_func ("/activities/period/month-and-year-ends", test_month_and_year_ends);
  g_test_add_func ("/activities/period/time-zones-and-dst", test_time_zones_and_dst);
  g_test_add_func ("/activities/period/reschedule-rules", test_reschedule_rules);
  g_test_add_func ("/activities/period/reschedule-today-working-hours", test_reschedule_today_working_hours);
#define ADD(name, fn) g_test_add ("/activities/store/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("buckets", test_store_buckets);
  ADD ("reschedule", test_store_reschedule);
  ADD ("reschedule-many", test_store_reschedule_many);
  ADD ("calendar", test_store_calendar);
  ADD ("planned", test_store_planned);

  return g_test_run ();
}
