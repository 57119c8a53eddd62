/* affari-ics.h — the planned activities as an iCalendar file (RFC 5545)
 *
 * Calls and meetings become VEVENTs (they happen at a time and take it: 30 and 60 minutes),
 * tasks and e-mails VTODOs (something to do by a deadline, DUE), so that GNOME Calendar,
 * Evolution and Thunderbird show the first in the agenda and the second in their task lists.
 * UIDs are "activity-<id>@affari": exporting again updates the same entries instead of adding
 * copies. Times are written in UTC ("…Z"), which needs no VTIMEZONE.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "model/affari-types.h"
#include "model/affari-error.h"
#include "model/affari-deal.h"
#include "model/affari-deal-query.h"
#include "model/affari-activity.h"
#include "model/affari-activity-period.h"
#include "model/affari-product-row.h"
#include "model/affari-change-set.h"

/* The store these work on (store/affari-store.h); the windows only pass it along. */
typedef struct _AffariStore AffariStore;

G_BEGIN_DECLS

/* TEXT value escaping: "\" ";" "," and newlines (RFC 5545 3.3.11). */
char      *affari_ics_escape_text (const char *text);
/* Appends @line to @out folded at 75 octets (never inside a UTF-8 character), CRLF-terminated. */
void       affari_ics_append_line (GString    *out,
                                   const char *line);
/* The VCALENDAR of @activities (AffariActivity); @deal_titles (deal id → title, nullable) names
 * the deals; @dtstamp (Unix seconds) is the time of the export. */
char      *affari_ics_build       (GPtrArray  *activities,
                                   GHashTable *deal_titles,
                                   gint64      dtstamp);
/* Writes the open activities of @query's deals (NULL = every deal; its pipeline and filter
 * criteria as the views apply them) to @file; @n_written gets how many. Fails with
 * AFFARI_ERROR_NOT_FOUND, writing nothing, when there is none (an empty VCALENDAR is not valid). */
gboolean   affari_ics_export      (AffariStore           *store,
                                   const AffariDealQuery *query,
                                   GFile                 *file,
                                   guint                 *n_written,
                                   GCancellable          *cancellable,
                                   GError               **error);

/* ---- reading (affari-ics-read.c): events and tasks dropped on a deal ---- */

/* A VEVENT or VTODO of a file. */
typedef struct {
  AffariActivityType kind;   /* AFFARI_ACTIVITY_MEETING for a VEVENT, AFFARI_ACTIVITY_TASK for a VTODO */
  char     *summary;         /* SUMMARY, NULL when none */
  char     *description;     /* DESCRIPTION, NULL when none */
  char     *location;        /* LOCATION, NULL when none */
  gint64    start;           /* DTSTART of an event, DUE (else DTSTART) of a task; Unix seconds, 0 when none */
  gint64    end;             /* DTEND, 0 when none */
  gboolean  all_day;         /* the start is a day (VALUE=DATE): its local midnight */
} AffariIcsItem;

void            affari_ics_item_free        (AffariIcsItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariIcsItem, affari_ics_item_free)
/* TEXT value unescaping, the inverse of affari_ics_escape_text (). */
char           *affari_ics_unescape_text    (const char *text);
/* The events and tasks of @length bytes of @data (AffariIcsItem, in file order, at least one).
 * Times in UTC ("…Z"), with a TZID (an unknown one is read as local time), floating (local time)
 * or whole days. Fails with an Italian sentence (AFFARI_ERROR_PARSE) for a file that is not
 * iCalendar, has no event or task, is cut short, or has a date that cannot be read (with its line). */
GPtrArray      *affari_ics_parse            (const char *data, gsize length, GError **error);
/* The same for the file at @path (at most 16 MB). */
GPtrArray      *affari_ics_read             (const char *path, GError **error);
/* @item as an activity to plan on a deal: its subject (SUMMARY, else the kind's name), its
 * deadline (the start; a whole day at 9:00 local time; none: the default after @now) and the
 * description with the place. */
AffariActivity *affari_ics_item_to_activity (const AffariIcsItem *item, gint64 now);

G_END_DECLS
