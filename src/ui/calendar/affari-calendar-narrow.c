/* affari-calendar-narrow.c
 *
 * The Calendar on a phone (narrower than AFFARI_CALENDAR_NARROW_WIDTH): a month's day cells with
 * chips do not fit in 360 px, so the month is a compact grid of day numbers, a dot under each day
 * with deals (or planned activities), today in the accent colour and the selected day (the
 * anchor) highlighted; under it the selected day's deals are listed, a tap opens one, a mouse
 * drags one onto another day, and so does a finger held still on it first (a finger that moves
 * at once scrolls); a finger swiped across the month turns it. The week shows one day at a
 * time: its list. The toolbar's parts are stacked, its buttons 44 px (style.css, under the
 * "narrow" class).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-calendar"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "model/affari-money.h"

#include "ui/calendar/affari-calendar-view-private.h"
#include "ui/common/affari-narrow-layout.h"
#include "ui/common/affari-stage-dot.h"

/* Dots under a day: one per deal up to this many (a count would not fit 44 px). */
#define MAX_DOTS 3
/* A finger sliding across the month this fast (px/s), more sideways than down, turns the page. */
#define SWIPE_VELOCITY 300.0

/* ------------------------------------------------------------ callbacks */

static void
on_day_clicked_cb (GtkButton          *button,
                   AffariCalendarView *self)
{
  g_autofree char *date = g_strdup (g_object_get_data (G_OBJECT (button), "date"));

  affari_calendar_view_set_date (self, date);
}

static void
on_row_activated_cb (AdwActionRow       *row,
                     AffariCalendarView *self)
{
  gint64 deal_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "deal-id"));

  gtk_widget_activate_action (GTK_WIDGET (self), "deal.open", "x", deal_id);
}

/* A finger swiped across the compact month: the next month (to the left) or the previous one,
 * as its buttons do. A touch-only GtkGestureSwipe on the grid: a vertical slide is the
 * scrolled window's (its pan gesture takes only vertical ones), a tap is the day's. */
static void
on_grid_swiped_cb (GtkGestureSwipe    *gesture,
                   double              velocity_x,
                   double              velocity_y,
                   AffariCalendarView *self)
{
  if (!self->narrow || self->mode != AFFARI_CALENDAR_MONTH ||
      fabs (velocity_x) < SWIPE_VELOCITY || fabs (velocity_x) < 2 * fabs (velocity_y))
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), velocity_x < 0 ? "calendar.next" : "calendar.previous", NULL);
}

/* ------------------------------------------------------------ auxiliary */

static void
count_day (GHashTable *counts,
           const char *date,
           guint       n)
{
  g_hash_table_insert (counts, g_strdup (date), GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, date)) + n));
}

static GtkWidget *
make_compact_day (AffariCalendarView *self,
                  const GDate        *day,
                  const GDate        *today,
                  guint               count)
{
  g_autofree char *date = affari_calendar_iso_of (day);
  g_autofree char *number = g_strdup_printf ("%u", g_date_get_day (day));
  g_autofree char *long_name = affari_calendar_format_date (day, "%A %e %B %Y");
  g_autofree char *accessible = NULL;
  GString *dots = g_string_new (NULL);
  GtkWidget *button, *box, *label, *dot;
  gboolean selected = g_date_compare (day, &self->anchor) == 0;

  for (guint i = 0; i < MIN (count, MAX_DOTS); i++)
    g_string_append (dots, "•");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  label = gtk_label_new (number);
  gtk_box_append (GTK_BOX (box), label);
  dot = gtk_label_new (dots->str);
  /* The dots line is there even when empty: every day is as high. */
  gtk_widget_add_css_class (dot, "caption-heading");
  gtk_widget_add_css_class (dot, selected ? "dim-label" : "accent");
  gtk_box_append (GTK_BOX (box), dot);
  g_string_free (dots, TRUE);

  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_size_request (button, 44, 44);
  gtk_widget_add_css_class (button, "calendar-compact-day");
  if (selected)
    gtk_widget_add_css_class (button, "suggested-action");
  else
    gtk_widget_add_css_class (button, "flat");
  if (g_date_compare (day, today) == 0)
    {
      gtk_widget_add_css_class (button, "today");
      gtk_widget_add_css_class (label, "heading");
      if (!selected)
        gtk_widget_add_css_class (label, "accent");
    }
  if (g_date_get_month (day) != g_date_get_month (&self->anchor))
    gtk_widget_add_css_class (label, "dim-label");
  if (count > 0)
    /* Translators: a day of the phone's calendar and how many deals it has. */
    accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u item", "%s, %u items", count), long_name, count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible != NULL ? accessible : long_name, -1);
  g_object_set_data_full (G_OBJECT (button), "date", g_strdup (date), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_day_clicked_cb), self);
  /* A deal of the list below dropped on a day moves there, as on the desktop's month. */
  affari_calendar_view_add_day_drop (self, button);
  g_hash_table_insert (self->cells, g_strdup (date), button);
  return button;
}

static GtkWidget *
make_row (AffariCalendarView *self,
          const char         *title,
          const char         *subtitle,
          gint64              deal_id,
          const char         *color)
{
  g_autofree char *escaped_title = g_markup_escape_text (title != NULL ? title : "", -1);
  g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle != NULL ? subtitle : "", -1);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  if (color != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), affari_stage_dot_new (color));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "deal-id", GSIZE_TO_POINTER ((gsize) deal_id));
  g_signal_connect (row, "activated", G_CALLBACK (on_row_activated_cb), self);
  return row;
}

/* The selected day's deals (all of them) and planned activities, listed under the grid. */
static void
fill_day_list (AffariCalendarView *self,
               const char         *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDealQuery) query = affari_calendar_view_query (self);
  g_autoptr(GPtrArray) deals = NULL;
  g_autofree char *heading = affari_calendar_capitalize (affari_calendar_format_date (&self->anchor, "%A %-d %B"));
  GString *text = g_string_new (NULL);
  GtkWidget *child;
  guint n_rows = 0;

  gtk_label_set_text (self->day_heading, heading);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->day_list))) != NULL)
    gtk_list_box_remove (self->day_list, child);

  if (self->workspace != NULL)
    deals = affari_workspace_calendar_deals (self->workspace, query, self->field, date, date, 0, NULL, &error);
  if (error != NULL)
    g_warning ("Cannot read the deals of %s: %s", date, error->message);
  for (guint i = 0; deals != NULL && i < deals->len; i++)
    {
      AffariDeal *deal = g_ptr_array_index (deals, i);
      gint64 stage_id = affari_deal_get_stage_id (deal);
      g_autofree char *amount = affari_money_format (affari_deal_get_amount (deal), affari_deal_get_currency (deal));

      GtkWidget *row = make_row (self, affari_deal_get_title (deal), amount, affari_deal_get_id (deal),
                                 g_hash_table_lookup (self->colors, &stage_id));

      gtk_widget_add_css_class (row, "calendar-day-row");
      affari_calendar_view_add_deal_drag (self, row, deal, TRUE);
      gtk_list_box_append (self->day_list, row);
      g_string_append_printf (text, "%s\n", affari_deal_get_title (deal));
      n_rows++;
    }

  if (self->workspace != NULL && self->show_activities)
    {
      g_autoptr(GHashTable) titles = NULL;
      g_autoptr(GPtrArray) activities = NULL;
      activities = affari_calendar_view_list_activities (self, query, &self->anchor, 1, &titles, NULL);
      for (guint i = 0; activities != NULL && i < activities->len; i++)
        {
          AffariActivity *activity = g_ptr_array_index (activities, i);
          gint64 deal_id = affari_activity_get_deal_id (activity);
          g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (affari_activity_get_deadline (activity));
          g_autofree char *time = g_date_time_format (when, "%H:%M");
          const char *deal_title = g_hash_table_lookup (titles, &deal_id);
          g_autofree char *subtitle = g_strdup_printf ("%s · %s", time, deal_title != NULL ? deal_title : "");

          gtk_list_box_append (self->day_list, make_row (self, affari_activity_get_subject (activity), subtitle, deal_id, NULL));
          g_string_append_printf (text, "%s\n", affari_activity_get_subject (activity));
          n_rows++;
        }
    }

  g_hash_table_insert (self->texts, g_strdup (date), text);
  gtk_widget_set_visible (GTK_WIDGET (self->day_list), n_rows > 0);
  gtk_widget_set_visible (self->day_empty, n_rows == 0);
}

/* ------------------------------------------------------------ private API */

void
affari_calendar_view_refresh_narrow (AffariCalendarView *self,
                                     const GDate        *today)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *selected = affari_calendar_iso_of (&self->anchor);
  GDate day;

  if (self->mode == AFFARI_CALENDAR_MONTH && self->workspace != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AffariDealQuery) query = affari_calendar_view_query (self);
      g_autoptr(GPtrArray) deals = NULL;
      g_autoptr(GArray) days = NULL;
      g_autofree char *from = affari_calendar_iso_of (&self->first);
      g_autofree char *to = NULL;
      GDate last = self->first;

      g_date_add_days (&last, self->n_days - 1);
      to = affari_calendar_iso_of (&last);
      /* Only the counts are needed here: one deal a day is read, the selected day in full. */
      deals = affari_workspace_calendar_deals (self->workspace, query, self->field, from, to, 1, &days, &error);
      for (guint i = 0; days != NULL && i < days->len; i++)
        count_day (counts, g_array_index (days, AffariCalendarDay, i).date, g_array_index (days, AffariCalendarDay, i).count);
      if (error != NULL)
        g_warning ("Cannot read the calendar: %s", error->message);
      if (self->show_activities)
        {
          g_autoptr(GHashTable) titles = NULL;
          g_autoptr(GPtrArray) activities = affari_calendar_view_list_activities (self, query, &self->first, self->n_days, &titles, NULL);

          for (guint i = 0; activities != NULL && i < activities->len; i++)
            {
              g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (affari_activity_get_deadline (g_ptr_array_index (activities, i)));
              g_autofree char *date = g_date_time_format (when, "%Y-%m-%d");

              count_day (counts, date, 1);
            }
        }
    }

  if (self->mode == AFFARI_CALENDAR_MONTH)
    {
      day = self->first;
      for (guint i = 0; i < self->n_days; i++)
        {
          g_autofree char *date = affari_calendar_iso_of (&day);

          gtk_grid_attach (self->days_grid, make_compact_day (self, &day, today, GPOINTER_TO_UINT (g_hash_table_lookup (counts, date))),
                           i % 7, i / 7, 1, 1);
          g_date_add_days (&day, 1);
        }
    }
  fill_day_list (self, selected);
}

void
affari_calendar_view_set_narrow (AffariCalendarView *self,
                                 gboolean            narrow)
{
  narrow = !!narrow;
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;
  /* The 44 px targets of style.css apply under this class only: the desktop is unchanged. */
  if (narrow)
    gtk_widget_add_css_class (GTK_WIDGET (self), "narrow");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "narrow");
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->toolbar), narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->options_box), narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  /* The compact grid is as high as its days: the list under it takes the rest. */
  gtk_widget_set_vexpand (GTK_WIDGET (self->days_grid), !narrow);
  gtk_widget_set_visible (GTK_WIDGET (self->day_heading), narrow);
  gtk_widget_set_visible (GTK_WIDGET (self->day_list), narrow);
  gtk_widget_set_visible (self->day_empty, FALSE);
  /* The weekdays stand over the compact days' numbers, which are centred. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->weekday_grid));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      gtk_label_set_xalign (GTK_LABEL (child), narrow ? 0.5f : 0.0f);
  /* The desktop's cells draw the grid's lines; the compact days are buttons, without lines. */
  gtk_widget_set_margin_start (GTK_WIDGET (self->days_grid), narrow ? 12 : 0);
  gtk_widget_set_margin_end (GTK_WIDGET (self->days_grid), narrow ? 12 : 0);
  if (narrow)
    gtk_widget_remove_css_class (GTK_WIDGET (self->days_grid), "calendar-grid");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->days_grid), "calendar-grid");
  affari_view_refresh_queue (&self->refresh);
}

static void
on_narrow_changed (GtkWidget *widget,
                   gboolean   narrow)
{
  affari_calendar_view_set_narrow (AFFARI_CALENDAR_VIEW (widget), narrow);
}

void
affari_calendar_view_init_narrow (AffariCalendarView *self)
{
  GtkGesture *swipe = gtk_gesture_swipe_new ();

  gtk_widget_set_layout_manager (GTK_WIDGET (self), affari_narrow_layout_new (AFFARI_NARROW_WIDTH, on_narrow_changed));
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (swipe), TRUE);
  g_signal_connect (swipe, "swipe", G_CALLBACK (on_grid_swiped_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->days_grid), GTK_EVENT_CONTROLLER (swipe));
}

void
affari_calendar_view_class_init_narrow (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, options_box);
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, day_heading);
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, day_list);
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, day_empty);
}

/* ------------------------------------------------------------ public API */

gboolean
affari_calendar_view_get_narrow (AffariCalendarView *self)
{
  g_return_val_if_fail (AFFARI_IS_CALENDAR_VIEW (self), FALSE);

  return self->narrow;
}
