/* affari-calendar-grid.c
 *
 * The grid of a month (six weeks from the Monday on or before the 1st) or of a week, rebuilt
 * from one query per refresh: the workspace returns at most a few deals a day (the largest) and the
 * count of each day, so a month of a busy pipeline costs a few dozen objects; "+N altri" asks
 * for the rest of its day only when opened. The planned activities are laid over the same days.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-calendar"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "ui/calendar/affari-calendar-view-private.h"

/* At most this many entries of a day are read; a day shows those its height has room for
 * (affari-calendar-day.c), and the rest of the day when "+N altri" is opened. */
#define MONTH_PER_DAY 8
#define WEEK_PER_DAY 40

/* ------------------------------------------------------------ dates */

char *
affari_calendar_iso_of (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

gboolean
affari_calendar_parse_iso (const char *text,
           GDate      *date)
{
  int y, m, d;

  if (text == NULL || sscanf (text, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

void
affari_calendar_view_today (AffariCalendarView *self,
            GDate              *date)
{
  gint64 now = self->workspace != NULL ? affari_workspace_now (self->workspace) : g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (now);

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (dt), (GDateMonth) g_date_time_get_month (dt),
                  (GDateYear) g_date_time_get_year (dt));
}

char *
affari_calendar_format_date (const GDate *date,
             const char  *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                   g_date_get_day (date), 12, 0, 0);

  return g_date_time_format (dt, format);
}

char *
affari_calendar_capitalize (char *text)
{
  g_autofree char *first = NULL;
  char *result;
  const char *rest;

  if (text == NULL || *text == '\0')
    return text;
  rest = g_utf8_next_char (text);
  first = g_utf8_strup (text, rest - text);
  result = g_strconcat (first, rest, NULL);
  g_free (text);
  return result;
}

/* ------------------------------------------------------------ the grid */

AffariDealQuery *
affari_calendar_view_query (AffariCalendarView *self)
{
  return affari_view_query_new (self->filter, self->pipeline_id);
}

void
affari_calendar_view_load_colors (AffariCalendarView *self)
{
  g_autoptr(GPtrArray) stages = NULL;

  g_hash_table_remove_all (self->colors);
  if (self->workspace == NULL || self->pipeline_id == 0)
    return;
  stages = affari_workspace_list_stages (self->workspace, self->pipeline_id, NULL);
  for (guint i = 0; stages != NULL && i < stages->len; i++)
    {
      AffariStage *stage = g_ptr_array_index (stages, i);
      gint64 id = affari_stage_get_id (stage);

      g_hash_table_insert (self->colors, g_memdup2 (&id, sizeof id), g_strdup (affari_stage_get_color (stage)));
    }
}

/* The grid's days: six weeks from the Monday on or before the 1st, or the anchor's week. */
static void
compute_range (AffariCalendarView *self)
{
  g_autofree char *text = NULL;

  self->first = self->anchor;
  if (self->narrow && self->mode == AFFARI_CALENDAR_WEEK)
    {
      /* A phone shows one day of the week at a time. */
      self->n_days = 1;
      g_free (self->title);
      self->title = affari_calendar_capitalize (affari_calendar_format_date (&self->anchor, "%a %-d %B %Y"));
      gtk_menu_button_set_label (self->month_button, self->title);
      return;
    }
  if (self->mode == AFFARI_CALENDAR_MONTH)
    {
      g_date_set_day (&self->first, 1);
      self->n_days = 42;
      text = affari_calendar_format_date (&self->anchor, "%B %Y");
    }
  else
    {
      self->n_days = 7;
    }
  g_date_subtract_days (&self->first, g_date_get_weekday (&self->first) - G_DATE_MONDAY);

  if (self->mode == AFFARI_CALENDAR_WEEK)
    {
      GDate last = self->first;
      g_autofree char *from = NULL, *to = NULL;

      g_date_add_days (&last, 6);
      from = affari_calendar_format_date (&self->first, g_date_get_month (&self->first) == g_date_get_month (&last) ? "%e" : "%e %b");
      to = affari_calendar_format_date (&last, "%e %b %Y");
      /* Translators: the week shown by the calendar: "23 – 29 nov 2026". */
      text = g_strdup_printf (_("%s – %s"), g_strstrip (from), g_strstrip (to));
    }

  g_free (self->title);
  self->title = affari_calendar_capitalize (g_steal_pointer (&text));
  gtk_menu_button_set_label (self->month_button, self->title);
}

GPtrArray *
affari_calendar_view_list_activities (AffariCalendarView    *self,
                                      const AffariDealQuery *query,
                                      const GDate           *first,
                                      guint                  n_days,
                                      GHashTable           **out_titles,
                                      GError               **error)
{
  g_autoptr(GDateTime) start = g_date_time_new_local (g_date_get_year (first), g_date_get_month (first),
                                                      g_date_get_day (first), 0, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_add_days (start, (int) n_days);

  return affari_workspace_list_planned_activities (self->workspace, query, g_date_time_to_unix (start),
                                                   g_date_time_to_unix (end), out_titles, error);
}

static GString *
day_text (AffariCalendarView *self,
          const char         *date)
{
  GString *text = g_hash_table_lookup (self->texts, date);

  if (text == NULL)
    {
      text = g_string_new (NULL);
      g_hash_table_insert (self->texts, g_strdup (date), text);
    }
  return text;
}

void
affari_calendar_view_refresh_now (AffariCalendarView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDealQuery) query = NULL;
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GHashTable) titles = NULL;
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);     /* date → items shown */
  g_autoptr(GHashTable) totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL); /* date → all */
  g_autofree char *from = NULL, *to = NULL;
  GtkWidget *child;
  GDate day, today, last;
  guint per_day = self->mode == AFFARI_CALENDAR_MONTH ? MONTH_PER_DAY : WEEK_PER_DAY;

  if (!affari_view_refresh_begin (&self->refresh))
    return;
  compute_range (self);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->days_grid))) != NULL)
    gtk_grid_remove (self->days_grid, child);
  g_hash_table_remove_all (self->cells);
  g_hash_table_remove_all (self->texts);

  affari_calendar_view_today (self, &today);
  /* A phone's week is one day: its list, no grid. */
  gtk_widget_set_visible (GTK_WIDGET (self->weekday_grid), !self->narrow || self->mode == AFFARI_CALENDAR_MONTH);
  gtk_widget_set_visible (GTK_WIDGET (self->days_grid), !self->narrow || self->mode == AFFARI_CALENDAR_MONTH);
  if (self->narrow)
    {
      affari_calendar_view_refresh_narrow (self, &today);
      return;
    }
  day = self->first;
  for (guint i = 0; i < self->n_days; i++)
    {
      gtk_grid_attach (self->days_grid, affari_calendar_view_make_day (self, &day, &today), i % 7, i / 7, 1, 1);
      g_date_add_days (&day, 1);
    }
  if (self->workspace == NULL)
    return;

  last = self->first;
  g_date_add_days (&last, self->n_days - 1);
  from = affari_calendar_iso_of (&self->first);
  to = affari_calendar_iso_of (&last);
  query = affari_calendar_view_query (self);

  deals = affari_workspace_calendar_deals (self->workspace, query, self->field, from, to, per_day, &days, &error);
  if (deals == NULL)
    {
      g_warning ("Cannot read the calendar: %s", error->message);
      return;
    }
  for (guint i = 0; i < days->len; i++)
    {
      AffariCalendarDay *d = &g_array_index (days, AffariCalendarDay, i);

      g_hash_table_insert (totals, g_strdup (d->date), GUINT_TO_POINTER (d->count));
    }
  for (guint i = 0; i < deals->len; i++)
    {
      AffariDeal *deal = g_ptr_array_index (deals, i);
      g_autofree char *date = affari_calendar_field_date (deal, self->field);
      GtkWidget *cell = date != NULL ? g_hash_table_lookup (self->cells, date) : NULL;

      if (cell == NULL)
        continue;
      affari_calendar_view_add_entry (cell, affari_calendar_view_make_deal_chip (self, deal, NULL));
      g_hash_table_insert (shown, g_object_get_data (G_OBJECT (cell), "date"),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (shown, date)) + 1));
      g_string_append_printf (day_text (self, date), "%s\n", affari_deal_get_title (deal));
    }

  if (self->show_activities)
    {
      activities = affari_calendar_view_list_activities (self, query, &self->first, self->n_days, &titles, &error);
      for (guint i = 0; activities != NULL && i < activities->len; i++)
        {
          AffariActivity *activity = g_ptr_array_index (activities, i);
          g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (affari_activity_get_deadline (activity));
          g_autofree char *date = g_date_time_format (when, "%Y-%m-%d");
          GtkWidget *cell = g_hash_table_lookup (self->cells, date);
          gint64 deal_id = affari_activity_get_deal_id (activity);
          guint n_shown = GPOINTER_TO_UINT (g_hash_table_lookup (shown, date));

          if (cell == NULL)
            continue;
          g_hash_table_insert (totals, g_strdup (date),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (totals, date)) + 1));
          g_string_append_printf (day_text (self, date), "%s\n", affari_activity_get_subject (activity));
          if (n_shown >= per_day)
            continue;
          affari_calendar_view_add_entry (cell, affari_calendar_view_make_activity_chip (self, activity, g_hash_table_lookup (titles, &deal_id), NULL));
          g_hash_table_insert (shown, g_object_get_data (G_OBJECT (cell), "date"), GUINT_TO_POINTER (n_shown + 1));
        }
      if (error != NULL)
        g_warning ("Cannot read the activities: %s", error->message);
    }

  /* "+N altri" under the entries of every day that has some: the day shows it when it cannot
   * show them all. */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, totals);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        GtkWidget *cell = g_hash_table_lookup (self->cells, key);

        if (cell != NULL && GPOINTER_TO_UINT (value) > 0)
          affari_calendar_view_add_more (self, cell, GPOINTER_TO_UINT (value));
      }
  }
}
