/* affari-activity-period.c — the periods of the Activities view
 *
 * Day arithmetic is done on calendar dates (GDate) and only then turned into instants in the
 * time zone: adding 86400 seconds is wrong on the two days a year that last 23 or 25 hours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-activity-period.h"
#include "affari-error.h"

/* ------------------------------------------------------------ auxiliary */

static GTimeZone *
zone_or_local (GTimeZone *tz)
{
  return tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
}

/* The calendar date of @instant in @tz. */
static void
date_of (gint64     instant,
         GTimeZone *tz,
         GDate     *date,
         int       *hour,
         int       *minute,
         int       *second)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  g_autoptr(GDateTime) dt = g_date_time_to_timezone (utc, tz);

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (dt),
                  (GDateMonth) g_date_time_get_month (dt), (GDateYear) g_date_time_get_year (dt));
  if (hour != NULL)
    *hour = g_date_time_get_hour (dt);
  if (minute != NULL)
    *minute = g_date_time_get_minute (dt);
  if (second != NULL)
    *second = g_date_time_get_second (dt);
}

/* @date at @hour:@minute:@second wall-clock time in @tz (a time skipped by a DST change moves
 * forward, as GLib resolves it). */
static gint64
instant_of (const GDate *date,
            GTimeZone   *tz,
            int          hour,
            int          minute,
            int          second)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                                             g_date_get_day (date), hour, minute, second);

  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

/* Whether @hour:@minute:@second lies in the working day (its last hour included: "by the end of
 * the day" is a deadline a seller sets). */
static gboolean
inside_working_day (int hour,
                    int minute,
                    int second)
{
  int seconds = (hour * 60 + minute) * 60 + second;

  return seconds >= AFFARI_WORKDAY_FIRST_HOUR * 3600 && seconds <= AFFARI_WORKDAY_LAST_HOUR * 3600;
}

/* "Today" for an activity whose time of day is @hour:@minute:@second: that time when it is still
 * ahead and a working time, else the next working hour; FALSE once the working day is over.
 * Hours are counted on the wall clock, not from the Unix epoch: a zone half an hour off UTC
 * has its full hours at :30 UTC. */
static gboolean
today_at_working_hour (const GDate *today,
                       GTimeZone   *tz,
                       gint64       now,
                       int          hour,
                       int          minute,
                       int          second,
                       gint64      *result)
{
  GDate date;
  int now_hour;
  gint64 kept;

  kept = instant_of (today, tz, hour, minute, second);
  if (kept > now && inside_working_day (hour, minute, second))
    {
      *result = kept;
      return TRUE;
    }

  date_of (now, tz, &date, &now_hour, NULL, NULL);
  now_hour = MAX (now_hour + 1, AFFARI_WORKDAY_FIRST_HOUR);
  if (now_hour > AFFARI_WORKDAY_LAST_HOUR)
    return FALSE;
  *result = instant_of (today, tz, now_hour, 0, 0);
  return *result > now;
}

/* ------------------------------------------------------------ public API */

gboolean
affari_working_day (GDateWeekday weekday)
{
  return weekday >= G_DATE_MONDAY && weekday <= G_DATE_FRIDAY;
}

void
affari_period_bounds_compute (AffariPeriodBounds *bounds,
                              gint64              now,
                              GTimeZone          *tz)
{
  g_autoptr(GTimeZone) zone = zone_or_local (tz);
  GDate today, day;
  guint to_monday;

  g_return_if_fail (bounds != NULL);

  date_of (now, zone, &today, NULL, NULL, NULL);
  bounds->now = now;
  bounds->today_start = instant_of (&today, zone, 0, 0, 0);

  day = today;
  g_date_add_days (&day, 1);
  bounds->tomorrow_start = instant_of (&day, zone, 0, 0, 0);

  /* Weeks start on Monday (G_DATE_MONDAY = 1 … G_DATE_SUNDAY = 7). */
  to_monday = 8 - (guint) g_date_get_weekday (&today);
  day = today;
  g_date_add_days (&day, to_monday);
  bounds->next_week_start = instant_of (&day, zone, 0, 0, 0);

  g_date_add_days (&day, 7);
  bounds->later_start = instant_of (&day, zone, 0, 0, 0);
}

AffariActivityPeriod
affari_activity_period_classify (const AffariPeriodBounds *bounds,
                                 gint64                    deadline)
{
  g_return_val_if_fail (bounds != NULL, AFFARI_ACTIVITY_PERIOD_NONE);

  if (deadline == 0)
    return AFFARI_ACTIVITY_PERIOD_NONE;
  if (deadline < bounds->now)
    return AFFARI_ACTIVITY_PERIOD_OVERDUE;
  if (deadline < bounds->tomorrow_start)
    return AFFARI_ACTIVITY_PERIOD_TODAY;
  if (deadline < bounds->next_week_start)
    return AFFARI_ACTIVITY_PERIOD_THIS_WEEK;
  if (deadline < bounds->later_start)
    return AFFARI_ACTIVITY_PERIOD_NEXT_WEEK;
  return AFFARI_ACTIVITY_PERIOD_LATER;
}

const char *
affari_activity_period_label (AffariActivityPeriod period)
{
  switch (period)
    {
    case AFFARI_ACTIVITY_PERIOD_OVERDUE:
      /* Translators: a column of the Activities view: deals whose next activity is late. */
      return C_("activities column", "Overdue");
    case AFFARI_ACTIVITY_PERIOD_TODAY:
      /* Translators: a column of the Activities view. */
      return C_("activities column", "Today");
    case AFFARI_ACTIVITY_PERIOD_THIS_WEEK:
      /* Translators: a column of the Activities view. */
      return C_("activities column", "This Week");
    case AFFARI_ACTIVITY_PERIOD_NEXT_WEEK:
      /* Translators: a column of the Activities view. */
      return C_("activities column", "Next Week");
    case AFFARI_ACTIVITY_PERIOD_LATER:
      /* Translators: a column of the Activities view: activities after next week. */
      return C_("activities column", "Later");
    case AFFARI_ACTIVITY_PERIOD_NONE:
    case AFFARI_N_ACTIVITY_PERIODS:
    default:
      /* Translators: a column of the Activities view: deals with nothing planned. */
      return C_("activities column", "No Activity");
    }
}

const char *
affari_activity_period_to_string (AffariActivityPeriod period)
{
  static const char * const names[] = { "overdue", "today", "this-week", "next-week", "later", "none" };

  g_return_val_if_fail ((guint) period < G_N_ELEMENTS (names), "none");

  return names[period];
}

gboolean
affari_activity_period_reschedule (gint64                now,
                                   GTimeZone            *tz,
                                   gint64                deadline,
                                   AffariActivityPeriod  period,
                                   gint64               *out_deadline,
                                   GError              **error)
{
  g_autoptr(GTimeZone) zone = zone_or_local (tz);
  AffariPeriodBounds bounds;
  GDate today, day;
  int hour = AFFARI_WORKDAY_FIRST_HOUR, minute = 0, second = 0;
  gint64 result = 0;

  g_return_val_if_fail (out_deadline != NULL, FALSE);

  affari_period_bounds_compute (&bounds, now, zone);

  if (period == AFFARI_ACTIVITY_PERIOD_NONE)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                           _("An activity cannot be moved to “No Activity”: mark it as done or delete it in the deal"));
      return FALSE;
    }
  if (period == AFFARI_ACTIVITY_PERIOD_OVERDUE)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                           _("An activity cannot be moved into the past: choose today or a later period"));
      return FALSE;
    }
  if ((guint) period >= AFFARI_N_ACTIVITY_PERIODS)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("Unknown period"));
      return FALSE;
    }

  if (deadline != 0 && affari_activity_period_classify (&bounds, deadline) == period)
    {
      *out_deadline = deadline;
      return TRUE;
    }

  if (deadline != 0)
    date_of (deadline, zone, &day, &hour, &minute, &second);
  date_of (now, zone, &today, NULL, NULL, NULL);

  switch (period)
    {
    case AFFARI_ACTIVITY_PERIOD_TODAY:
      if (!today_at_working_hour (&today, zone, now, hour, minute, second, &result))
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                       /* Translators: refused when an activity is moved to "Today" after the
                        * working day; %02d is its last hour (18). */
                       _("The working day ends at %02d:00: plan it for a later day, or set its time in the deal"),
                       AFFARI_WORKDAY_LAST_HOUR);
          return FALSE;
        }
      break;

    case AFFARI_ACTIVITY_PERIOD_THIS_WEEK:
      if (g_date_get_weekday (&today) == G_DATE_SUNDAY)
        {
          g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                               _("This week has no day left after today"));
          return FALSE;
        }
      /* The period runs from tomorrow to Sunday: its first working day, or tomorrow when only
       * the weekend is left. */
      day = today;
      g_date_add_days (&day, 1);
      for (GDate probe = day; g_date_get_weekday (&probe) != G_DATE_MONDAY; g_date_add_days (&probe, 1))
        if (affari_working_day (g_date_get_weekday (&probe)))
          {
            day = probe;
            break;
          }
      result = instant_of (&day, zone, hour, minute, second);
      break;

    case AFFARI_ACTIVITY_PERIOD_NEXT_WEEK:
    case AFFARI_ACTIVITY_PERIOD_LATER:
      day = today;
      g_date_add_days (&day, 8 - (guint) g_date_get_weekday (&today));
      if (period == AFFARI_ACTIVITY_PERIOD_LATER)
        g_date_add_days (&day, 7);
      result = instant_of (&day, zone, hour, minute, second);
      break;

    case AFFARI_ACTIVITY_PERIOD_OVERDUE:
    case AFFARI_ACTIVITY_PERIOD_NONE:
    case AFFARI_N_ACTIVITY_PERIODS:
    default:
      g_assert_not_reached ();
    }

  *out_deadline = result;
  return TRUE;
}

void
affari_activity_bucket_clear (AffariActivityBucket *bucket)
{
  g_clear_pointer (&bucket->ids, g_array_unref);
  g_clear_pointer (&bucket->deadlines, g_array_unref);
  g_clear_pointer (&bucket->totals, g_array_unref);
  bucket->count = 0;
}
