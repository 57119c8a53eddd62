/* affari-calendar-view-private.h — the state of the Calendar view and the functions over it that
 * its files share: the grid of a month or a week (affari-calendar-grid.c), a day cell with its
 * drop target and "+N altri" (affari-calendar-day.c), the chips of deals and planned activities
 * (affari-calendar-chip.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ui/calendar/affari-calendar-view.h"
#include "ui/common/affari-view-common.h"

G_BEGIN_DECLS

struct _AffariCalendarView
{
  GtkWidget           parent_instance;

  GSettings          *settings;      /* the choices of the toolbar, kept across runs; nullable */
  AffariWorkspace    *workspace;
  gint64              pipeline_id;
  AffariDealQuery    *filter;
  AffariCalendarField field;
  AffariCalendarMode  mode;
  gboolean            show_activities;
  GDate               anchor;        /* the day whose month or week is shown */
  GDate               first;         /* the first day of the grid (a Monday) */
  guint               n_days;
  char               *title;
  GHashTable         *colors;        /* stage id (gint64 *) → "#RRGGBB" */
  GHashTable         *cells;         /* "YYYY-MM-DD" → GtkWidget (the day) */
  GHashTable         *texts;         /* "YYYY-MM-DD" → GString of every item of the day */
  AffariViewRefresh   refresh;
  gboolean            syncing;
  gboolean            narrow;        /* a phone: a compact month and the day's list, or one day */

  /* template */
  GtkMenuButton      *month_button;
  GtkPopover         *month_popover;
  GtkCalendar        *month_calendar;
  GtkDropDown        *field_dropdown;
  GtkToggleButton    *activities_toggle;
  GtkToggleButton    *month_toggle;
  GtkToggleButton    *week_toggle;
  GtkGrid            *weekday_grid;
  GtkGrid            *days_grid;
  GtkBox             *toolbar;
  GtkBox             *options_box;
  GtkLabel           *day_heading;
  GtkListBox         *day_list;
  GtkWidget          *day_empty;
};

/* affari-calendar-grid.c: dates, and the grid read from the workspace */
char      *affari_calendar_iso_of            (const GDate        *date);
gboolean   affari_calendar_parse_iso         (const char         *text,
                                              GDate              *date);
char      *affari_calendar_format_date       (const GDate        *date,
                                              const char         *format);
char      *affari_calendar_capitalize        (char               *text);
void       affari_calendar_view_today        (AffariCalendarView *self,
                                              GDate              *date);
AffariDealQuery *affari_calendar_view_query  (AffariCalendarView *self);
void       affari_calendar_view_load_colors  (AffariCalendarView *self);
void       affari_calendar_view_refresh_now  (AffariCalendarView *self);
/* The planned activities due in the @n_days days from @first (local time); @out_titles gets the
 * titles of their deals by deal id. */
GPtrArray *affari_calendar_view_list_activities (AffariCalendarView    *self,
                                              const AffariDealQuery *query,
                                              const GDate           *first,
                                              guint                  n_days,
                                              GHashTable           **out_titles,
                                              GError               **error);

/* affari-calendar-narrow.c: narrower than AFFARI_NARROW_WIDTH, the compact month with dots and
 * the selected day's list, or one day of the week at a time */
void       affari_calendar_view_init_narrow  (AffariCalendarView *self);
void       affari_calendar_view_set_narrow   (AffariCalendarView *self,
                                              gboolean            narrow);
void       affari_calendar_view_refresh_narrow (AffariCalendarView *self,
                                              const GDate        *today);
void       affari_calendar_view_class_init_narrow (GtkWidgetClass *widget_class);

/* affari-calendar-day.c: a day of the grid */
GtkWidget *affari_calendar_view_make_day     (AffariCalendarView *self,
                                              const GDate        *day,
                                              const GDate        *today);
/* A deal dropped on @cell (whose "date" data is "YYYY-MM-DD") moves there; its "drop-target"
 * data is the GtkDropTarget. */
void       affari_calendar_view_add_day_drop (AffariCalendarView *self,
                                              GtkWidget          *cell);
/* Adds an entry (a chip) to the day @cell, in order. */
void       affari_calendar_view_add_entry    (GtkWidget          *cell,
                                              GtkWidget          *entry);
/* The day @cell has @total entries (some perhaps not read): "+N altri" counts those it cannot show. */
void       affari_calendar_view_add_more     (AffariCalendarView *self,
                                              GtkWidget          *cell,
                                              guint               total);

/* affari-calendar-chip.c: a deal or a planned activity in a day; @popover (nullable) is the
 * "+N altri" popover the chip is in, closed when the chip opens its deal */
GtkWidget *affari_calendar_label_new         (const char         *text,
                                              const char         *css_class);
GtkWidget *affari_calendar_view_make_deal_chip (AffariCalendarView *self,
                                              AffariDeal         *deal,
                                              GtkPopover         *popover);
/* @widget drags @deal to a day; @not_by_touch: a finger scrolls instead (the phone's list). */
void       affari_calendar_view_add_deal_drag (AffariCalendarView *self,
                                              GtkWidget          *widget,
                                              AffariDeal         *deal,
                                              gboolean            touch_after_hold);
GtkWidget *affari_calendar_view_make_activity_chip (AffariCalendarView *self,
                                              AffariActivity     *activity,
                                              const char         *deal_title,
                                              GtkPopover         *popover);

G_END_DECLS
