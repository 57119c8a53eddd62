/* affari-ics-read.c — events and tasks from iCalendar files (RFC 5545), to plan on a deal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "affari-ics.h"
#include "affari-content-lines.h"

/* A calendar of years of events is a few MB; more is not a file a person drops on a deal. */
#define MAX_FILE_BYTES (16 * 1024 * 1024)
/* A whole-day event or task is due at the start of the working day, not at midnight: an
 * activity due at 0:00 would be overdue all day long. */
#define ALL_DAY_HOUR 9

/* ------------------------------------------------------------ auxiliary */

static gboolean
read_digits (const char *text,
             guint       n,
             int        *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }
  *out = value;
  return TRUE;
}

/* DTSTART, DTEND and DUE: "20261127T100000Z" (UTC), with TZID=Europe/Rome, floating (local time),
 * or a day ("20261127", VALUE=DATE). */
static gboolean
parse_time (const AffariContentLine  *line,
            gint64                   *out,
            gboolean                 *all_day,
            GError                  **error)
{
  const char *value = g_strstrip (line->value);
  const char *tzid = affari_content_line_get_param (line, "TZID");
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) time = NULL;
  int year, month, day, hour = 0, minute = 0, second = 0;
  gsize length = strlen (value);
  gboolean is_date;

  is_date = length == 8 || affari_content_line_has (line, "DATE");
  if (!read_digits (value, 4, &year) || !read_digits (value + 4, 2, &month) || !read_digits (value + 6, 2, &day)
      || (!is_date && (length < 15 || value[8] != 'T' || !read_digits (value + 9, 2, &hour)
                       || !read_digits (value + 11, 2, &minute) || !read_digits (value + 13, 2, &second))))
    goto invalid;

  if (is_date)
    zone = g_time_zone_new_local ();
  else if (value[15] == 'Z')
    zone = g_time_zone_new_utc ();
  else if (tzid != NULL)
    /* "Europe/Rome"; Outlook's "W. Europe Standard Time" is not an identifier: local time then,
     * which is what the person who sent it most likely meant. */
    zone = g_time_zone_new_identifier (tzid[0] == '/' ? strrchr (tzid, '/') + 1 : tzid);
  if (zone == NULL)
    zone = g_time_zone_new_local ();
  /* 60 seconds is a leap second: the minute's end. */
  time = g_date_time_new (zone, year, month, day, hour, minute, MIN (second, 59));
  if (time == NULL)
    goto invalid;
  *out = g_date_time_to_unix (time);
  *all_day = is_date;
  return TRUE;

invalid:
  g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
               _("Line %u of the calendar file: the date “%s” cannot be read."), line->line, value);
  return FALSE;
}

static void
take_text (char                   **slot,
           const AffariContentLine *line)
{
  char *text;

  if (*slot != NULL)
    return;
  text = affari_ics_unescape_text (line->value);
  g_strstrip (text);
  if (*text == '\0')
    g_free (text);
  else
    *slot = text;
}

/* A property of an event or task, into @item. DUE wins over DTSTART for a task. */
static gboolean
item_take_line (AffariIcsItem            *item,
                const AffariContentLine  *line,
                gboolean                 *has_due,
                GError                  **error)
{
  const char *name = line->name;
  gboolean all_day = FALSE;
  gint64 time = 0;

  if (strcmp (name, "SUMMARY") == 0)
    take_text (&item->summary, line);
  else if (strcmp (name, "DESCRIPTION") == 0)
    take_text (&item->description, line);
  else if (strcmp (name, "LOCATION") == 0)
    take_text (&item->location, line);
  else if (strcmp (name, "DTSTART") == 0 || strcmp (name, "DUE") == 0)
    {
      gboolean is_due = strcmp (name, "DUE") == 0;

      if (!parse_time (line, &time, &all_day, error))
        return FALSE;
      if (is_due || !*has_due)
        {
          item->start = time;
          item->all_day = all_day;
          *has_due = is_due;
        }
    }
  else if (strcmp (name, "DTEND") == 0)
    {
      if (!parse_time (line, &time, &all_day, error))
        return FALSE;
      item->end = time;
    }
  return TRUE;
}

/* ------------------------------------------------------------ public API */

void
affari_ics_item_free (AffariIcsItem *item)
{
  if (item == NULL)
    return;
  g_free (item->summary);
  g_free (item->description);
  g_free (item->location);
  g_free (item);
}

char *
affari_ics_unescape_text (const char *text)
{
  return affari_content_unescape (text, -1);
}

GPtrArray *
affari_ics_parse (const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autoptr(GPtrArray) lines = affari_content_lines_split (data, length, FALSE);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) affari_ics_item_free);
  g_autoptr(AffariIcsItem) item = NULL;
  gboolean calendar = FALSE;
  gboolean has_due = FALSE;
  guint nested = 0;      /* components inside the event (VALARM): their lines are not the event's */
  guint begun_at = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      const AffariContentLine *line = g_ptr_array_index (lines, i);
      const char *value = g_strstrip (line->value);

      if (strcmp (line->name, "BEGIN") == 0)
        {
          if (g_ascii_strcasecmp (value, "VCALENDAR") == 0)
            calendar = TRUE;
          else if (item != NULL)
            nested++;
          else if (g_ascii_strcasecmp (value, "VEVENT") == 0 || g_ascii_strcasecmp (value, "VTODO") == 0)
            {
              item = g_new0 (AffariIcsItem, 1);
              item->kind = g_ascii_strcasecmp (value, "VEVENT") == 0 ? AFFARI_ACTIVITY_MEETING : AFFARI_ACTIVITY_TASK;
              has_due = FALSE;
              begun_at = line->line;
            }
        }
      else if (strcmp (line->name, "END") == 0 && item != NULL)
        {
          if (nested > 0)
            nested--;
          else
            g_ptr_array_add (items, g_steal_pointer (&item));
        }
      else if (item != NULL && nested == 0 && !item_take_line (item, line, &has_due, error))
        return NULL;
    }

  if (!calendar)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
                           _("The file is not a calendar: an iCalendar file begins with BEGIN:VCALENDAR."));
      return NULL;
    }
  if (item != NULL)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
                   _("The calendar file is incomplete: the event that begins at line %u has no end. Export it again."),
                   begun_at);
      return NULL;
    }
  if (items->len == 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
                           _("The calendar file holds no event and no task."));
      return NULL;
    }
  return g_steal_pointer (&items);
}

GPtrArray *
affari_ics_read (const char  *path,
                 GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;

  file = affari_content_file_map (path, MAX_FILE_BYTES, _("The calendar file is larger than 16 MB: export only the events you need."),
                                  error);
  if (file == NULL)
    return NULL;
  return affari_ics_parse (g_mapped_file_get_contents (file), g_mapped_file_get_length (file), error);
}

AffariActivity *
affari_ics_item_to_activity (const AffariIcsItem *item,
                             gint64               now)
{
  AffariActivity *activity;
  g_autofree char *description = NULL;
  gint64 deadline = item->start;

  g_return_val_if_fail (item != NULL, NULL);

  if (item->start == 0)
    deadline = affari_activity_default_deadline (now);
  else if (item->all_day)
    {
      g_autoptr(GDateTime) day = g_date_time_new_from_unix_local (item->start);
      g_autoptr(GDateTime) morning = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                                            g_date_time_get_day_of_month (day), ALL_DAY_HOUR, 0, 0);

      deadline = g_date_time_to_unix (morning);
    }

  if (item->location != NULL && item->description != NULL)
    /* Translators: an activity made from a calendar event: its notes, then where it takes place. */
    description = g_strdup_printf (_("%s\n\nPlace: %s"), item->description, item->location);
  else if (item->location != NULL)
    /* Translators: the notes of an activity made from a calendar event that has only a place. */
    description = g_strdup_printf (_("Place: %s"), item->location);
  else
    description = g_strdup (item->description);

  activity = affari_activity_new (item->kind, item->summary != NULL ? item->summary : affari_activity_type_label (item->kind),
                                  deadline);
  if (description != NULL)
    g_object_set (activity, "description", description, NULL);
  return activity;
}
