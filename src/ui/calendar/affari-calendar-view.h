/* affari-calendar-view.h — the Calendar view ("Calendario"): deals placed on a date of theirs in
 * a month grid or a week, dragged to another day to change that date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_CALENDAR_VIEW (affari_calendar_view_get_type ())
G_DECLARE_FINAL_TYPE (AffariCalendarView, affari_calendar_view, AFFARI, CALENDAR_VIEW, GtkWidget)

typedef enum {
  AFFARI_CALENDAR_MONTH = 0,
  AFFARI_CALENDAR_WEEK,
} AffariCalendarMode;

/* The date field, month or week, and the activities toggle are kept in GSettings
 * ("calendar-date-field", "calendar-mode", "calendar-show-activities") and restored when the
 * view is created.
 * Actions: calendar.previous, calendar.next, calendar.today (Alt+←, Alt+→, Alt+Home). A drop
 * of a deal on a day goes to the window's deal.set-date (Ctrl+Z undoes it there).
 * Properties: "workspace". */
GtkWidget   *affari_calendar_view_new              (void);
void         affari_calendar_view_set_workspace    (AffariCalendarView    *self,
                                                    AffariWorkspace       *workspace);
void         affari_calendar_view_set_pipeline_id  (AffariCalendarView    *self,
                                                    gint64                 pipeline_id);
/* The window's filter (criteria only; NULL = none). */
void         affari_calendar_view_set_filter       (AffariCalendarView    *self,
                                                    const AffariDealQuery *filter);
void         affari_calendar_view_set_field        (AffariCalendarView    *self,
                                                    AffariCalendarField    field);
AffariCalendarField affari_calendar_view_get_field (AffariCalendarView    *self);
void         affari_calendar_view_set_mode         (AffariCalendarView    *self,
                                                    AffariCalendarMode     mode);
AffariCalendarMode affari_calendar_view_get_mode  (AffariCalendarView    *self);
void         affari_calendar_view_set_show_activities (AffariCalendarView *self,
                                                    gboolean               show);
gboolean     affari_calendar_view_get_show_activities (AffariCalendarView *self);
/* Shows the month (or week) of @date ("YYYY-MM-DD"). */
void         affari_calendar_view_set_date         (AffariCalendarView    *self,
                                                    const char            *date);
/* "Novembre 2026", or the week's days: what the header says. */
const char  *affari_calendar_view_get_title        (AffariCalendarView    *self);
/* Reads the deals again now (otherwise they follow the workspace's signals). */
void         affari_calendar_view_refresh          (AffariCalendarView    *self);
/* The day cell of @date when it is shown, its drop target, and how many items it lists. */
GtkWidget   *affari_calendar_view_get_day          (AffariCalendarView    *self,
                                                    const char            *date);
GtkDropTarget *affari_calendar_view_get_drop_target (AffariCalendarView   *self,
                                                    const char            *date);
/* Titles of the deals and activities on @date (shown or behind "+N altri"), one a line. */
char        *affari_calendar_view_dup_day_text     (AffariCalendarView    *self,
                                                    const char            *date);
/* What a drop does: moves the deal's date, or refuses (creation date) with a toast. */
gboolean     affari_calendar_view_drop_deal        (AffariCalendarView    *self,
                                                    const char            *date,
                                                    gint64                 deal_id);

/* Narrower than about 600 px (a phone): a compact month (a dot under each day with deals) and the
 * selected day's deals listed under it (the selected day is the one set with _set_date (), today
 * at first), or one day of the week at a time (calendar.previous/next go by a day). The compact
 * days are the cells _get_day () and _get_drop_target () return then. */
gboolean     affari_calendar_view_get_narrow       (AffariCalendarView    *self);

G_END_DECLS
