/* affari-activity-period.h — the periods of the Activities view ("Scadute", "Oggi", …) and the
 * rules that move an activity into one of them. Pure functions of a time and a time zone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "affari-types.h"

G_BEGIN_DECLS

typedef enum {
  AFFARI_ACTIVITY_PERIOD_OVERDUE = 0,  /* the deadline has passed */
  AFFARI_ACTIVITY_PERIOD_TODAY,        /* from now to midnight */
  AFFARI_ACTIVITY_PERIOD_THIS_WEEK,    /* from tomorrow to Sunday (weeks start on Monday) */
  AFFARI_ACTIVITY_PERIOD_NEXT_WEEK,    /* next Monday to next Sunday */
  AFFARI_ACTIVITY_PERIOD_LATER,        /* from the Monday after next on */
  AFFARI_ACTIVITY_PERIOD_NONE,         /* no open activity */
  AFFARI_N_ACTIVITY_PERIODS
} AffariActivityPeriod;

/* The working day, the one definition every period rule uses: Monday to Friday, from
 * AFFARI_WORKDAY_FIRST_HOUR:00 to AFFARI_WORKDAY_LAST_HOUR:00 (wall-clock time). */
#define AFFARI_WORKDAY_FIRST_HOUR 9
#define AFFARI_WORKDAY_LAST_HOUR  18

/* Whether @weekday is a working day (Monday–Friday). */
gboolean             affari_working_day               (GDateWeekday weekday);

/* Where the periods start, in Unix seconds, as seen at a given moment in a given time zone. */
typedef struct {
  gint64 now;
  gint64 today_start;       /* 00:00 today */
  gint64 tomorrow_start;    /* 00:00 tomorrow: end of "Oggi" */
  gint64 next_week_start;   /* 00:00 next Monday: end of "Questa settimana" */
  gint64 later_start;       /* 00:00 the Monday after next: end of "Prossima settimana" */
} AffariPeriodBounds;

/* Fills @bounds for @now in @tz (NULL = local time). Days are calendar days of @tz, so a day
 * with a DST change lasts 23 or 25 hours. */
void                 affari_period_bounds_compute     (AffariPeriodBounds *bounds,
                                                       gint64              now,
                                                       GTimeZone          *tz);
/* The period of an activity due at @deadline (0 = no activity: AFFARI_ACTIVITY_PERIOD_NONE). */
AffariActivityPeriod affari_activity_period_classify  (const AffariPeriodBounds *bounds,
                                                       gint64                    deadline);
/* The column title: "Overdue", "Today", "This Week", "Next Week", "Later", "No Activity". */
const char          *affari_activity_period_label     (AffariActivityPeriod period);
/* "overdue", "today", "this-week", "next-week", "later", "none" (widget names, CSS, tests). */
const char          *affari_activity_period_to_string (AffariActivityPeriod period);
/* The new deadline of an activity due at @deadline (0 when it has none yet: the working day's first
 * hour is used) moved into @period, as seen at @now in @tz (NULL = local), with the working day defined above:
 *  - the time of day is kept (wall-clock time, across DST changes);
 *  - Today: today at that time when it is still ahead and inside the working day; otherwise the
 *    next working hour (the first full hour after @now, AFFARI_WORKDAY_FIRST_HOUR at the
 *    earliest, AFFARI_WORKDAY_LAST_HOUR — the end of the working day — at the latest). Once the
 *    working day is over it fails with a sentence saying so: a seller asking for "today" at
 *    19:40 does not mean 20:00 or midnight, and a time already past would show as overdue at
 *    once. "Today" on a weekend day is taken at its word, with the same hours;
 *  - This week: the first working day from tomorrow to Sunday, or tomorrow when only the weekend
 *    is left; fails on Sunday, when the week has no day left;
 *  - Next week: next Monday; Later: the Monday after next;
 *  - an activity already in @period keeps its deadline;
 *  - Overdue and No activity are refused (AFFARI_ERROR_INVALID, with a sentence to show). */
gboolean             affari_activity_period_reschedule (gint64                now,
                                                        GTimeZone            *tz,
                                                        gint64                deadline,
                                                        AffariActivityPeriod  period,
                                                        gint64               *out_deadline,
                                                        GError              **error);

/* One column of the Activities view. */
typedef struct {
  AffariActivityPeriod period;
  GArray *ids;                  /* gint64: by the deadline of the next activity, then id */
  GArray *deadlines;            /* gint64: the next activity's deadline of each id (0 = none) */
  guint   count;
  GArray *totals;               /* AffariStageTotal (stage_id 0): count and sum per currency */
} AffariActivityBucket;
void         affari_activity_bucket_clear   (AffariActivityBucket *bucket);

G_END_DECLS
