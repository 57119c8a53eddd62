/* affari-recurrence.c — the schedule of a regular deal and its day arithmetic
 *
 * Unlike Bitrix24 (PHP's "+1 month" overflows 31 January into 3 March, and each next day is
 * computed from the previous run), occurrences are anchored at the start day and clamped to the
 * month's end: GDate's month and year arithmetic already clamps, so it is used as is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "affari-recurrence.h"
#include "affari-error.h"
#include "affari-money.h"

/* More occurrences than this before the day looked for: a daily schedule over about 270 years. */
#define MAX_STEPS 100000

static const char * const unit_codes[] = { "day", "week", "month", "year" };

/* ------------------------------------------------------------ auxiliary */

static gboolean
unit_valid (AffariTimeUnit unit)
{
  return unit >= AFFARI_TIME_UNIT_DAY && unit <= AFFARI_TIME_UNIT_YEAR;
}

static gboolean
set_invalid (GError **error, const char *message)
{
  g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, message);
  return FALSE;
}

static char *
offset_date (gboolean        enabled,
             AffariTimeUnit  unit,
             guint           value,
             const GDate    *due)
{
  GDate day = *due;
  char buf[AFFARI_DAY_TEXT_SIZE];

  if (!enabled || !affari_day_add (&day, unit, value))
    return NULL;
  affari_day_format (&day, buf);
  return g_strdup (buf);
}

/* ------------------------------------------------------------ public API */

void
affari_recurrence_init_defaults (AffariRecurrence *self,
                                 const char       *today)
{
  g_return_if_fail (self != NULL);

  memset (self, 0, sizeof *self);
  self->mode = AFFARI_RECURRENCE_MULTIPLE;
  self->unit = AFFARI_TIME_UNIT_MONTH;
  self->interval = 1;
  self->before_unit = AFFARI_TIME_UNIT_DAY;
  self->before_value = 1;
  self->stop = AFFARI_RECURRENCE_STOP_NEVER;
  self->limit_times = 12;
  self->begin_unit = AFFARI_TIME_UNIT_DAY;
  self->close_unit = AFFARI_TIME_UNIT_WEEK;
  self->close_value = 1;
  if (today != NULL)
    {
      g_strlcpy (self->start_date, today, sizeof self->start_date);
      g_strlcpy (self->limit_date, today, sizeof self->limit_date);
    }
}

const char *
affari_time_unit_to_code (AffariTimeUnit unit)
{
  return unit_valid (unit) ? unit_codes[unit] : "day";
}

gboolean
affari_time_unit_from_code (const char     *code,
                            AffariTimeUnit *out)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (unit_codes); i++)
    if (g_str_equal (code, unit_codes[i]))
      {
        if (out != NULL)
          *out = (AffariTimeUnit) i;
        return TRUE;
      }
  return FALSE;
}

const char *
affari_recurrence_mode_to_code (AffariRecurrenceMode mode)
{
  switch (mode)
    {
    case AFFARI_RECURRENCE_MULTIPLE:
      return "multiple";
    case AFFARI_RECURRENCE_SINGLE:
      return "single";
    case AFFARI_RECURRENCE_NONE:
    default:
      return "none";
    }
}

AffariRecurrenceMode
affari_recurrence_mode_from_code (const char *code)
{
  if (g_strcmp0 (code, "multiple") == 0)
    return AFFARI_RECURRENCE_MULTIPLE;
  if (g_strcmp0 (code, "single") == 0)
    return AFFARI_RECURRENCE_SINGLE;
  return AFFARI_RECURRENCE_NONE;
}

char
affari_recurrence_stop_to_code (AffariRecurrenceStop stop)
{
  return stop == AFFARI_RECURRENCE_STOP_DATE ? 'D' : stop == AFFARI_RECURRENCE_STOP_TIMES ? 'T' : 'N';
}

AffariRecurrenceStop
affari_recurrence_stop_from_code (char code)
{
  /* Any other value means no limit, as Bitrix24's IS_LIMIT. */
  return code == 'D' ? AFFARI_RECURRENCE_STOP_DATE : code == 'T' ? AFFARI_RECURRENCE_STOP_TIMES
                                                                 : AFFARI_RECURRENCE_STOP_NEVER;
}

gboolean
affari_day_parse (const char *text,
                  GDate      *out)
{
  guint y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  if (out != NULL)
    g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

void
affari_day_format (const GDate *date,
                   char        *buf)
{
  g_snprintf (buf, AFFARI_DAY_TEXT_SIZE, "%04u-%02u-%02u", g_date_get_year (date),
              g_date_get_month (date), g_date_get_day (date));
}

gboolean
affari_day_add (GDate          *date,
                AffariTimeUnit  unit,
                gint64          n)
{
  GDate probe;
  gint64 days;
  guint64 magnitude = (guint64) (n < 0 ? -n : n);

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  /* Stay inside the years GDate and "YYYY" can hold (1–9999). */
  switch (unit)
    {
    case AFFARI_TIME_UNIT_DAY:
    case AFFARI_TIME_UNIT_WEEK:
      days = unit == AFFARI_TIME_UNIT_WEEK ? n * 7 : n;
      if (magnitude > 3660000 || (days < 0 && (guint64) -days >= g_date_get_julian (date))
          || (days > 0 && g_date_get_julian (date) + (guint64) days > 3652059))
        return FALSE;
      if (days >= 0)
        g_date_add_days (date, (guint) days);
      else
        g_date_subtract_days (date, (guint) -days);
      return TRUE;
    case AFFARI_TIME_UNIT_MONTH:
      if (magnitude > 12 * 9999
          || (n > 0 && (g_date_get_year (date) * 12 + g_date_get_month (date) - 1 + n) > 9999 * 12 + 11)
          || (n < 0 && (gint64) (g_date_get_year (date) * 12 + g_date_get_month (date) - 1) + n < 12))
        return FALSE;
      probe = *date;
      if (n >= 0)
        g_date_add_months (&probe, (guint) n);
      else
        g_date_subtract_months (&probe, (guint) -n);
      *date = probe;
      return TRUE;
    case AFFARI_TIME_UNIT_YEAR:
      if ((n > 0 && g_date_get_year (date) + n > 9999) || (n < 0 && (gint64) g_date_get_year (date) + n < 1))
        return FALSE;
      if (n >= 0)
        g_date_add_years (date, (guint) n);
      else
        g_date_subtract_years (date, (guint) -n);
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
affari_recurrence_validate (const AffariRecurrence  *self,
                            GError                 **error)
{
  GDate start, limit, first;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->mode == AFFARI_RECURRENCE_NONE)
    return TRUE;
  if (self->mode != AFFARI_RECURRENCE_MULTIPLE && self->mode != AFFARI_RECURRENCE_SINGLE)
    return set_invalid (error, _("Choose how the deal repeats: regularly or only once."));
  if (!affari_day_parse (self->start_date, &start))
    return set_invalid (error, _("The start day of the repetition is not a valid date: write it as YYYY-MM-DD."));

  if (self->mode == AFFARI_RECURRENCE_MULTIPLE)
    {
      if (!unit_valid (self->unit))
        return set_invalid (error, _("The repeat unit must be day, week, month or year."));
      if (self->interval < 1 || self->interval > AFFARI_RECURRENCE_MAX_N)
        return set_invalid (error, _("The deal must repeat every 1 to 1000 days, weeks, months or years."));
    }
  else
    {
      if (!unit_valid (self->before_unit))
        return set_invalid (error, _("The repeat unit must be day, week, month or year."));
      if (self->before_value > AFFARI_RECURRENCE_MAX_N)
        return set_invalid (error, _("The deal can be created at most 1000 days, weeks or months before the date."));
      if (!affari_recurrence_occurrence (self, 0, &first))
        return set_invalid (error, _("The start day of the repetition is not a valid date: write it as YYYY-MM-DD."));
    }

  switch (self->stop)
    {
    case AFFARI_RECURRENCE_STOP_NEVER:
      break;
    case AFFARI_RECURRENCE_STOP_DATE:
      if (!affari_day_parse (self->limit_date, &limit))
        return set_invalid (error, _("The end day of the repetition is not a valid date: write it as YYYY-MM-DD."));
      if (g_date_compare (&limit, &start) < 0)
        return set_invalid (error, _("The end day of the repetition is before its start day: choose a later end day."));
      break;
    case AFFARI_RECURRENCE_STOP_TIMES:
      if (self->limit_times < 1 || self->limit_times > 100000)
        return set_invalid (error, _("The number of repetitions must be between 1 and 100000."));
      break;
    default:
      return set_invalid (error, _("Choose when the repetition stops: never, on a date or after a number of deals."));
    }

  if ((self->begin_offset && (!unit_valid (self->begin_unit) || self->begin_value > AFFARI_RECURRENCE_MAX_N))
      || (self->close_offset && (!unit_valid (self->close_unit) || self->close_value > AFFARI_RECURRENCE_MAX_N)))
    return set_invalid (error, _("The begin and close days of new deals can be at most 1000 days, weeks or months after their creation."));
  if (self->pipeline_id < 0)
    return set_invalid (error, _("Choose the pipeline of the new deals."));

  return TRUE;
}

gboolean
affari_recurrence_occurrence (const AffariRecurrence *self,
                              guint                   k,
                              GDate                  *out)
{
  GDate day;

  g_return_val_if_fail (self != NULL && out != NULL, FALSE);

  if (!affari_day_parse (self->start_date, &day))
    return FALSE;
  switch (self->mode)
    {
    case AFFARI_RECURRENCE_MULTIPLE:
      if (self->interval < 1 || !affari_day_add (&day, self->unit, (gint64) k * self->interval))
        return FALSE;
      break;
    case AFFARI_RECURRENCE_SINGLE:
      if (k > 0 || !affari_day_add (&day, self->before_unit, -(gint64) self->before_value))
        return FALSE;
      break;
    case AFFARI_RECURRENCE_NONE:
    default:
      return FALSE;
    }
  *out = day;
  return TRUE;
}

gboolean
affari_recurrence_first_after (const AffariRecurrence *self,
                               const GDate            *after,
                               const GDate            *not_before,
                               GDate                  *out)
{
  guint k = 0;
  GDate day;

  g_return_val_if_fail (self != NULL && out != NULL, FALSE);

  /* Jump near the day looked for instead of walking from the start (a daily schedule started
   * years ago); the walk below then finds the exact occurrence. */
  if (self->mode == AFFARI_RECURRENCE_MULTIPLE && self->interval > 0
      && affari_recurrence_occurrence (self, 0, &day))
    {
      const GDate *target = after;
      /* The longest a unit can be: k steps never reach further than k times this. */
      const guint longest[] = { 1, 7, 31, 366 };

      if (not_before != NULL && (target == NULL || g_date_compare (not_before, target) > 0))
        target = not_before;
      if (target != NULL && g_date_compare (target, &day) > 0)
        {
          guint gap = g_date_get_julian (target) - g_date_get_julian (&day);

          k = gap / (longest[self->unit] * self->interval);
          k = k > 0 ? k - 1 : 0;
        }
    }

  for (guint steps = 0; steps < MAX_STEPS; steps++, k++)
    {
      if (!affari_recurrence_occurrence (self, k, &day))
        return FALSE;
      if ((after == NULL || g_date_compare (&day, after) > 0)
          && (not_before == NULL || g_date_compare (&day, not_before) >= 0))
        {
          *out = day;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
affari_recurrence_allows (const AffariRecurrence *self,
                          guint                   counter,
                          const GDate            *due)
{
  GDate limit;

  g_return_val_if_fail (self != NULL && due != NULL, FALSE);

  if (self->mode == AFFARI_RECURRENCE_NONE)
    return FALSE;
  if (self->mode == AFFARI_RECURRENCE_SINGLE && counter >= 1)
    return FALSE;
  switch (self->stop)
    {
    case AFFARI_RECURRENCE_STOP_TIMES:
      return counter < self->limit_times;
    case AFFARI_RECURRENCE_STOP_DATE:
      return affari_day_parse (self->limit_date, &limit) && g_date_compare (due, &limit) <= 0;
    case AFFARI_RECURRENCE_STOP_NEVER:
    default:
      return TRUE;
    }
}

char *
affari_recurrence_begin_date (const AffariRecurrence *self,
                              const GDate            *due)
{
  g_return_val_if_fail (self != NULL && due != NULL, NULL);
  return offset_date (self->begin_offset, self->begin_unit, self->begin_value, due);
}

char *
affari_recurrence_close_date (const AffariRecurrence *self,
                              const GDate            *due)
{
  g_return_val_if_fail (self != NULL && due != NULL, NULL);
  return offset_date (self->close_offset, self->close_unit, self->close_value, due);
}

char *
affari_day_display (const char *day)
{
  /* The day as the rest of the app writes it (the card's dates, the trash). */
  return affari_day_parse (day, NULL) ? affari_date_format (day) : g_strdup ("");
}

char *
affari_recurrence_describe_next (const GDate *next)
{
  char buf[AFFARI_DAY_TEXT_SIZE];
  g_autofree char *day = NULL;

  g_return_val_if_fail (next != NULL && g_date_valid (next), NULL);

  affari_day_format (next, buf);
  day = affari_day_display (buf);
  /* Translators: %s is a day such as 27/11/2026. */
  return g_strdup_printf (_("The next deal will be created on %s"), day);
}

void
affari_recurring_template_free (AffariRecurringTemplate *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->pipeline_name);
  g_free (self);
}

char *
affari_recurring_template_describe_counter (const AffariRecurringTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->settings.stop == AFFARI_RECURRENCE_STOP_TIMES)
    /* Translators: deals made so far of a template, out of its limit: "3 of 12". */
    return g_strdup_printf (_("%u of %u"), self->counter, self->settings.limit_times);
  return g_strdup_printf ("%u", self->counter);
}

char *
affari_recurring_template_describe_limit (const AffariRecurringTemplate *self)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->settings.mode == AFFARI_RECURRENCE_SINGLE)
    return g_strdup (_("Only once"));
  switch (self->settings.stop)
    {
    case AFFARI_RECURRENCE_STOP_DATE:
      day = affari_day_display (self->settings.limit_date);
      /* Translators: %s is the last day of a repetition, such as 31/12/2027. */
      return g_strdup_printf (_("Until %s"), day);
    case AFFARI_RECURRENCE_STOP_TIMES:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u time", "%u times", self->settings.limit_times),
                              self->settings.limit_times);
    case AFFARI_RECURRENCE_STOP_NEVER:
    default:
      return g_strdup (_("No limit"));
    }
}
