/* affari-ics.c — iCalendar export of the planned activities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "affari-ics.h"
#include "store/affari-store.h"

#define MAX_OCTETS 75

/* ------------------------------------------------------------ auxiliary */

static char *
utc_stamp (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (dt, "%Y%m%dT%H%M%SZ");
}

static void
append_property (GString    *out,
                 const char *name,
                 const char *value)
{
  g_autofree char *line = g_strconcat (name, ":", value, NULL);

  affari_ics_append_line (out, line);
}

static void
append_text (GString    *out,
             const char *name,
             const char *text)
{
  g_autofree char *escaped = affari_ics_escape_text (text);

  append_property (out, name, escaped);
}

/* ------------------------------------------------------------ public API */

char *
affari_ics_escape_text (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        case ',':
          g_string_append (out, "\\,");
          break;
        case '\r':
          if (p[1] != '\n')
            g_string_append (out, "\\n");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        default:
          /* Other control characters are not allowed in TEXT (3.3.11): dropped. */
          if ((guchar) *p >= 0x20 && *p != 0x7f)
            g_string_append_c (out, *p);
          else if (*p == '\t')
            g_string_append_c (out, ' ');
        }
    }
  return g_string_free (out, FALSE);
}

void
affari_ics_append_line (GString    *out,
                        const char *line)
{
  gsize len = strlen (line);
  gsize start = 0;
  gsize limit = MAX_OCTETS;

  g_return_if_fail (out != NULL);

  while (len - start > limit)
    {
      gsize end = start + limit;

      /* Back off to the start of a UTF-8 character: continuation bytes are 10xxxxxx. */
      while (end > start && ((guchar) line[end] & 0xC0) == 0x80)
        end--;
      g_string_append_len (out, line + start, end - start);
      g_string_append (out, "\r\n ");
      start = end;
      /* A continuation line starts with the space, which counts. */
      limit = MAX_OCTETS - 1;
    }
  g_string_append (out, line + start);
  g_string_append (out, "\r\n");
}

char *
affari_ics_build (GPtrArray  *activities,
                  GHashTable *deal_titles,
                  gint64      dtstamp)
{
  GString *out = g_string_new (NULL);
  g_autofree char *stamp = utc_stamp (dtstamp);

  g_return_val_if_fail (activities != NULL, NULL);

  affari_ics_append_line (out, "BEGIN:VCALENDAR");
  affari_ics_append_line (out, "VERSION:2.0");
  affari_ics_append_line (out, "PRODID:-//Affari//Affari " PACKAGE_VERSION "//IT");
  affari_ics_append_line (out, "CALSCALE:GREGORIAN");
  /* No METHOD: it belongs to iTIP scheduling messages (RFC 5546), where PUBLISH requires an
   * ORGANIZER in every component; a file to import into a calendar is plain RFC 5545. */
  append_text (out, "X-WR-CALNAME", _("Affari activities"));

  for (guint i = 0; i < activities->len; i++)
    {
      AffariActivity *activity = g_ptr_array_index (activities, i);
      AffariActivityType kind = affari_activity_get_kind (activity);
      gint64 deal_id = affari_activity_get_deal_id (activity);
      gint64 deadline = affari_activity_get_deadline (activity);
      gboolean is_event = kind == AFFARI_ACTIVITY_CALL || kind == AFFARI_ACTIVITY_MEETING;
      const char *title = deal_titles != NULL ? g_hash_table_lookup (deal_titles, &deal_id) : NULL;
      const char *description = affari_activity_get_description (activity);
      g_autofree char *uid = NULL;
      g_autofree char *start = utc_stamp (deadline);
      g_autofree char *summary = NULL;
      g_autofree char *text = NULL;

      uid = g_strdup_printf ("activity-%" G_GINT64_FORMAT "@affari", affari_activity_get_id (activity));
      /* Translators: the title of an exported activity: "Call: Offer follow-up". */
      summary = g_strdup_printf (_("%s: %s"), affari_activity_type_label (kind), affari_activity_get_subject (activity));
      if (title != NULL && description != NULL && *description != '\0')
        /* Translators: the description of an exported activity: the deal's title, then notes. */
        text = g_strdup_printf (_("Deal: %s\n\n%s"), title, description);
      else if (title != NULL)
        text = g_strdup_printf (_("Deal: %s"), title);
      else if (description != NULL && *description != '\0')
        text = g_strdup (description);

      affari_ics_append_line (out, is_event ? "BEGIN:VEVENT" : "BEGIN:VTODO");
      append_property (out, "UID", uid);
      append_property (out, "DTSTAMP", stamp);
      if (is_event)
        {
          g_autofree char *end = utc_stamp (deadline + (kind == AFFARI_ACTIVITY_MEETING ? 3600 : 1800));

          append_property (out, "DTSTART", start);
          append_property (out, "DTEND", end);
        }
      else
        {
          append_property (out, "DUE", start);
          affari_ics_append_line (out, "STATUS:NEEDS-ACTION");
        }
      append_text (out, "SUMMARY", summary);
      if (text != NULL)
        append_text (out, "DESCRIPTION", text);
      append_text (out, "CATEGORIES", affari_activity_type_label (kind));
      affari_ics_append_line (out, is_event ? "END:VEVENT" : "END:VTODO");
    }

  affari_ics_append_line (out, "END:VCALENDAR");
  return g_string_free (out, FALSE);
}

gboolean
affari_ics_export (AffariStore           *store,
                   const AffariDealQuery *query,
                   GFile                 *file,
                   guint                 *n_written,
                   GCancellable          *cancellable,
                   GError               **error)
{
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GHashTable) titles = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (n_written != NULL)
    *n_written = 0;
  activities = affari_store_list_planned_activities (store, query, 0, 0, &titles, error);
  if (activities == NULL)
    return FALSE;
  /* A VCALENDAR needs at least one component (RFC 5545 3.6): an empty file would not be valid,
   * and an empty export is more likely a filter the user forgot. Nothing is written. */
  if (activities->len == 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND,
                           _("no planned activity among the deals shown, nothing was written"));
      return FALSE;
    }
  text = affari_ics_build (activities, titles, affari_store_now (store));
  if (!g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, cancellable, error))
    return FALSE;
  if (n_written != NULL)
    *n_written = activities->len;
  return TRUE;
}
