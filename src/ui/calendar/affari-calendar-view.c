/* affari-calendar-view.c
 *
 * The grid is rebuilt from one query per refresh: the store returns at most a few deals a day
 * (the largest) and the count of each day, so a month of a busy pipeline costs a few dozen
 * objects; "+N altri" asks for the rest of its day only when opened.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-calendar"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "model/affari-money.h"

#include "ui/calendar/affari-calendar-view.h"
#include "ui/common/affari-stage-dot.h"

#define MONTH_PER_DAY 3
#define WEEK_PER_DAY 14

struct _AffariCalendarView
{
  GtkWidget           parent_instance;

  GSettings          *settings;      /* the choices of the toolbar, kept across runs; nullable */
  AffariStore        *store;
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
  guint               refresh_source;
  gboolean            dirty;
  gboolean            syncing;

  /* the last date moved, for "Annulla" */

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
};

G_DEFINE_FINAL_TYPE (AffariCalendarView, affari_calendar_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The values of the "calendar-date-field" and "calendar-mode" keys, by enum value. */
static const char * const field_keys[] = { "close", "begin", "created" };
static const char * const mode_keys[] = { "month", "week" };

/* ------------------------------------------------------------ auxiliary */

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Without the compiled schema (a build tree), or with one older than these keys, the choices
   * are simply not kept. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "calendar-date-field") ||
      !g_settings_schema_has_key (schema, "calendar-mode") ||
      !g_settings_schema_has_key (schema, "calendar-show-activities"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static guint
index_of (const char * const *keys,
          guint               n_keys,
          const char         *value)
{
  for (guint i = 0; i < n_keys; i++)
    if (g_strcmp0 (keys[i], value) == 0)
      return i;
  return 0;
}

static void
restore_settings (AffariCalendarView *self)
{
  g_autofree char *field = NULL;
  g_autofree char *mode = NULL;

  if (self->settings == NULL)
    return;
  field = g_settings_get_string (self->settings, "calendar-date-field");
  mode = g_settings_get_string (self->settings, "calendar-mode");
  self->field = (AffariCalendarField) index_of (field_keys, G_N_ELEMENTS (field_keys), field);
  self->mode = (AffariCalendarMode) index_of (mode_keys, G_N_ELEMENTS (mode_keys), mode);
  self->show_activities = g_settings_get_boolean (self->settings, "calendar-show-activities");
}

static void
save_settings (AffariCalendarView *self)
{
  if (self->settings == NULL)
    return;
  g_settings_set_string (self->settings, "calendar-date-field", field_keys[self->field]);
  g_settings_set_string (self->settings, "calendar-mode", mode_keys[self->mode]);
  g_settings_set_boolean (self->settings, "calendar-show-activities", self->show_activities);
}

static void
free_string (gpointer data)
{
  g_string_free (data, TRUE);
}

static char *
iso_of (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

static gboolean
parse_iso (const char *text,
           GDate      *date)
{
  int y, m, d;

  if (text == NULL || sscanf (text, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static void
today_date (AffariCalendarView *self,
            GDate              *date)
{
  gint64 now = self->store != NULL ? affari_store_now (self->store) : g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (now);

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (dt), (GDateMonth) g_date_time_get_month (dt),
                  (GDateYear) g_date_time_get_year (dt));
}

static char *
format_date (const GDate *date,
             const char  *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                   g_date_get_day (date), 12, 0, 0);

  return g_date_time_format (dt, format);
}

static char *
capitalize (char *text)
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

static AffariDealQuery *
current_query (AffariCalendarView *self)
{
  AffariDealQuery *query = affari_deal_query_new ();

  if (self->filter != NULL)
    affari_deal_query_merge_filter (query, self->filter);
  query->pipeline_id = self->pipeline_id;
  return query;
}

static void
load_colors (AffariCalendarView *self)
{
  g_autoptr(GPtrArray) stages = NULL;

  g_hash_table_remove_all (self->colors);
  if (self->store == NULL || self->pipeline_id == 0)
    return;
  stages = affari_store_list_stages (self->store, self->pipeline_id, NULL);
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
  if (self->mode == AFFARI_CALENDAR_MONTH)
    {
      g_date_set_day (&self->first, 1);
      self->n_days = 42;
      text = format_date (&self->anchor, "%B %Y");
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
      from = format_date (&self->first, g_date_get_month (&self->first) == g_date_get_month (&last) ? "%e" : "%e %b");
      to = format_date (&last, "%e %b %Y");
      /* Translators: the week shown by the calendar: "23 – 29 nov 2026". */
      text = g_strdup_printf (_("%s – %s"), g_strstrip (from), g_strstrip (to));
    }

  g_free (self->title);
  self->title = capitalize (g_steal_pointer (&text));
  gtk_menu_button_set_label (self->month_button, self->title);
}

static GtkWidget *
make_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
on_chip_clicked_cb (GtkButton          *button,
                    AffariCalendarView *self)
{
  gint64 deal_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "deal-id"));
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_widget_activate_action (GTK_WIDGET (self), "deal.open", "x", deal_id);
}

static GdkContentProvider *
on_chip_drag_prepare_cb (GtkDragSource *source,
                         double         x,
                         double         y,
                         GtkWidget     *chip)
{
  AffariDeal *deal = g_object_get_data (G_OBJECT (chip), "deal");

  /* The model object travels, never the widget: the grid is rebuilt after the drop. */
  return deal != NULL ? gdk_content_provider_new_typed (AFFARI_TYPE_DEAL, deal) : NULL;
}

static void
on_chip_drag_begin_cb (GtkDragSource *source,
                       GdkDrag       *drag,
                       GtkWidget     *chip)
{
  AffariCalendarView *self = AFFARI_CALENDAR_VIEW (gtk_widget_get_ancestor (chip, AFFARI_TYPE_CALENDAR_VIEW));
  AffariDeal *deal = g_object_get_data (G_OBJECT (chip), "deal");
  gint64 stage_id, minor;
  g_autofree char *amount = NULL;
  GtkWidget *icon, *title, *figure;

  if (self == NULL || deal == NULL)
    return;

  /* A card of its own under the pointer: the chip is flat, and its image would be transparent
   * (black where nothing composites the drag window). */
  stage_id = affari_deal_get_stage_id (deal);
  minor = affari_deal_get_amount (deal);
  amount = affari_money_format_short ((minor >= 0 ? minor + 50 : minor - 50) / 100 * 100, affari_deal_get_currency (deal));
  icon = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (icon, "card");
  gtk_widget_add_css_class (icon, "calendar-drag-icon");
  gtk_box_append (GTK_BOX (icon), affari_stage_dot_new (g_hash_table_lookup (self->colors, &stage_id)));
  title = make_label (affari_deal_get_title (deal), NULL);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 32);
  gtk_box_append (GTK_BOX (icon), title);
  figure = make_label (amount, "amount");
  gtk_label_set_ellipsize (GTK_LABEL (figure), PANGO_ELLIPSIZE_NONE);
  gtk_box_append (GTK_BOX (icon), figure);
  gtk_drag_icon_set_child (GTK_DRAG_ICON (gtk_drag_icon_get_for_drag (drag)), icon);
  gdk_drag_set_hotspot (drag, 12, 10);
  /* The chip stays in its day, faded, until the drop rebuilds the grid (or a cancel restores it). */
  gtk_widget_add_css_class (chip, "dragging");
}

static void
on_chip_drag_end_cb (GtkDragSource *source,
                     GdkDrag       *drag,
                     gboolean       delete_data,
                     GtkWidget     *chip)
{
  gtk_widget_remove_css_class (chip, "dragging");
}

static GtkWidget *
make_deal_chip (AffariCalendarView *self,
                AffariDeal         *deal)
{
  gint64 stage_id = affari_deal_get_stage_id (deal);
  const char *color = g_hash_table_lookup (self->colors, &stage_id);
  gint64 minor = affari_deal_get_amount (deal);
  /* whole units: a day cell has room for "€ 11.361", not for the cents */
  g_autofree char *amount = affari_money_format_short ((minor >= 0 ? minor + 50 : minor - 50) / 100 * 100,
                                                       affari_deal_get_currency (deal));
  g_autofree char *label = g_strdup_printf ("%s, %s", affari_deal_get_title (deal), amount);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *title = make_label (affari_deal_get_title (deal), NULL);
  GtkWidget *dot = affari_stage_dot_new (color);
  GtkDragSource *drag;

  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), title);
  {
    GtkWidget *figure = make_label (amount, "amount");

    /* the title gives way, the amount never does */
    gtk_label_set_ellipsize (GTK_LABEL (figure), PANGO_ELLIPSIZE_NONE);
    gtk_box_append (GTK_BOX (box), figure);
  }
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "calendar-chip");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (button), "deal-id", GSIZE_TO_POINTER ((gsize) affari_deal_get_id (deal)));
  g_object_set_data_full (G_OBJECT (button), "deal", g_object_ref (deal), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_chip_clicked_cb), self);

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_chip_drag_prepare_cb), button);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_chip_drag_begin_cb), button);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_chip_drag_end_cb), button);
  gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (drag));
  return button;
}

static GtkWidget *
make_activity_chip (AffariCalendarView *self,
                    AffariActivity     *activity,
                    const char         *deal_title)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (affari_activity_get_deadline (activity));
  g_autofree char *time = g_date_time_format (when, "%H:%M");
  g_autofree char *text = g_strdup_printf ("%s %s", time, affari_activity_get_subject (activity));
  g_autofree char *label = g_strdup_printf ("%s: %s, %s", affari_activity_type_label (affari_activity_get_kind (activity)),
                                            text, deal_title ? deal_title : "");
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *title = make_label (text, NULL);

  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("alarm-symbolic"));
  gtk_box_append (GTK_BOX (box), title);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "calendar-chip");
  gtk_widget_add_css_class (button, "activity");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (button), "deal-id", GSIZE_TO_POINTER ((gsize) affari_activity_get_deal_id (activity)));
  g_signal_connect (button, "clicked", G_CALLBACK (on_chip_clicked_cb), self);
  return button;
}

/* The popover of "+N altri": every deal and activity of the day, read when it opens. */
static void
fill_day_popover (AffariCalendarView *self,
                  GtkPopover         *popover,
                  const char         *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDealQuery) query = current_query (self);
  g_autoptr(GPtrArray) deals = NULL;
  GtkWidget *box, *scroller, *heading;
  GDate day;
  g_autofree char *shown = NULL;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  parse_iso (date, &day);
  shown = capitalize (format_date (&day, "%A %e %B"));
  heading = make_label (shown, "heading");
  gtk_widget_set_margin_bottom (heading, 6);
  gtk_box_append (GTK_BOX (box), heading);

  deals = affari_store_calendar_deals (self->store, query, self->field, date, date, 0, NULL, &error);
  for (guint i = 0; deals != NULL && i < deals->len; i++)
    gtk_box_append (GTK_BOX (box), make_deal_chip (self, g_ptr_array_index (deals, i)));
  if (self->show_activities)
    {
      g_autoptr(GHashTable) titles = NULL;
      g_autoptr(GPtrArray) activities = NULL;
      g_autoptr(GDateTime) start = g_date_time_new_local (g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day), 0, 0, 0);
      g_autoptr(GDateTime) end = g_date_time_add_days (start, 1);

      activities = affari_store_list_planned_activities (self->store, query, g_date_time_to_unix (start),
                                                         g_date_time_to_unix (end), &titles, NULL);
      for (guint i = 0; activities != NULL && i < activities->len; i++)
        {
          AffariActivity *activity = g_ptr_array_index (activities, i);
          gint64 deal_id = affari_activity_get_deal_id (activity);

          gtk_box_append (GTK_BOX (box), make_activity_chip (self, activity, g_hash_table_lookup (titles, &deal_id)));
        }
    }

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 420);
  gtk_widget_set_size_request (scroller, 280, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_popover_set_child (popover, scroller);
  if (error != NULL)
    g_warning ("Cannot read the deals of %s: %s", date, error->message);
}

static void
on_more_create_popup_cb (GtkMenuButton *button,
                         gpointer       user_data)
{
  AffariCalendarView *self = AFFARI_CALENDAR_VIEW (user_data);

  fill_day_popover (self, gtk_menu_button_get_popover (button), g_object_get_data (G_OBJECT (button), "date"));
}

static GdkDragAction
on_day_drop_enter_cb (GtkDropTarget *target,
                      double         x,
                      double         y,
                      GtkWidget     *cell)
{
  gtk_widget_add_css_class (cell, "drop-target");
  return GDK_ACTION_MOVE;
}

static void
on_day_drop_leave_cb (GtkDropTarget *target,
                      GtkWidget     *cell)
{
  gtk_widget_remove_css_class (cell, "drop-target");
}

static gboolean
on_day_drop_cb (GtkDropTarget *target,
                const GValue  *value,
                double         x,
                double         y,
                GtkWidget     *cell)
{
  AffariCalendarView *self = AFFARI_CALENDAR_VIEW (gtk_widget_get_ancestor (cell, AFFARI_TYPE_CALENDAR_VIEW));
  AffariDeal *deal = G_VALUE_HOLDS (value, AFFARI_TYPE_DEAL) ? g_value_get_object (value) : NULL;
  g_autofree char *date = g_strdup (g_object_get_data (G_OBJECT (cell), "date"));

  gtk_widget_remove_css_class (cell, "drop-target");
  if (deal == NULL || self == NULL)
    return FALSE;
  return affari_calendar_view_drop_deal (self, date, affari_deal_get_id (deal));
}

static GtkWidget *
make_day (AffariCalendarView *self,
          const GDate        *day,
          const GDate        *today)
{
  g_autofree char *date = iso_of (day);
  g_autofree char *number = g_strdup_printf ("%u", g_date_get_day (day));
  g_autofree char *long_name = format_date (day, "%A %e %B %Y");
  GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = make_label (number, "calendar-day-number");
  GtkDropTarget *drop;
  GType types[] = { AFFARI_TYPE_DEAL };

  gtk_widget_add_css_class (cell, "calendar-day");
  if (self->mode == AFFARI_CALENDAR_MONTH && g_date_get_month (day) != g_date_get_month (&self->anchor))
    gtk_widget_add_css_class (cell, "other-month");
  if (g_date_compare (day, today) == 0)
    gtk_widget_add_css_class (cell, "today");
  if (g_date_get_weekday (day) >= G_DATE_SATURDAY)
    gtk_widget_add_css_class (cell, "weekend");
  gtk_widget_set_overflow (cell, GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, long_name, -1);
  g_object_set_data_full (G_OBJECT (cell), "date", g_strdup (date), g_free);
  gtk_box_append (GTK_BOX (cell), label);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_MOVE);
  gtk_drop_target_set_gtypes (drop, types, G_N_ELEMENTS (types));
  gtk_drop_target_set_preload (drop, TRUE);
  g_signal_connect (drop, "enter", G_CALLBACK (on_day_drop_enter_cb), cell);
  g_signal_connect (drop, "leave", G_CALLBACK (on_day_drop_leave_cb), cell);
  g_signal_connect (drop, "drop", G_CALLBACK (on_day_drop_cb), cell);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (drop));
  g_object_set_data (G_OBJECT (cell), "drop-target", drop);

  g_hash_table_insert (self->cells, g_strdup (date), cell);
  return cell;
}

static void
add_more_button (AffariCalendarView *self,
                 GtkWidget          *cell,
                 guint               hidden)
{
  g_autofree char *text = NULL;
  GtkWidget *button, *popover;

  /* Translators: at the bottom of a full day of the calendar: "+3 altri". */
  text = g_strdup_printf (ngettext ("+%u more", "+%u more", hidden), hidden);
  button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), text);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (button), FALSE);
  gtk_widget_add_css_class (button, "calendar-more");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  popover = gtk_popover_new ();
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  g_object_set_data_full (G_OBJECT (button), "date", g_strdup (g_object_get_data (G_OBJECT (cell), "date")), g_free);
  /* The day's full list is read when it opens, not for every day of the month. */
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), on_more_create_popup_cb, self, NULL);
  gtk_box_append (GTK_BOX (cell), button);
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

static void
refresh_now (AffariCalendarView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDealQuery) query = NULL;

  /* Hidden (another view is shown, or start-up): read when shown, not now. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
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

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->dirty = FALSE;
  compute_range (self);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->days_grid))) != NULL)
    gtk_grid_remove (self->days_grid, child);
  g_hash_table_remove_all (self->cells);
  g_hash_table_remove_all (self->texts);

  today_date (self, &today);
  day = self->first;
  for (guint i = 0; i < self->n_days; i++)
    {
      gtk_grid_attach (self->days_grid, make_day (self, &day, &today), i % 7, i / 7, 1, 1);
      g_date_add_days (&day, 1);
    }
  if (self->store == NULL)
    return;

  last = self->first;
  g_date_add_days (&last, self->n_days - 1);
  from = iso_of (&self->first);
  to = iso_of (&last);
  query = current_query (self);

  deals = affari_store_calendar_deals (self->store, query, self->field, from, to, per_day, &days, &error);
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
      gtk_box_append (GTK_BOX (cell), make_deal_chip (self, deal));
      g_hash_table_insert (shown, g_object_get_data (G_OBJECT (cell), "date"),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (shown, date)) + 1));
      g_string_append_printf (day_text (self, date), "%s\n", affari_deal_get_title (deal));
    }

  if (self->show_activities)
    {
      g_autoptr(GDateTime) start = g_date_time_new_local (g_date_get_year (&self->first), g_date_get_month (&self->first),
                                                          g_date_get_day (&self->first), 0, 0, 0);
      g_autoptr(GDateTime) end = g_date_time_add_days (start, self->n_days);

      activities = affari_store_list_planned_activities (self->store, query, g_date_time_to_unix (start),
                                                         g_date_time_to_unix (end), &titles, &error);
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
          gtk_box_append (GTK_BOX (cell), make_activity_chip (self, activity, g_hash_table_lookup (titles, &deal_id)));
          g_hash_table_insert (shown, g_object_get_data (G_OBJECT (cell), "date"), GUINT_TO_POINTER (n_shown + 1));
        }
      if (error != NULL)
        g_warning ("Cannot read the activities: %s", error->message);
    }

  /* "+N altri" where a day holds more than it shows. */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, totals);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        guint n_shown = GPOINTER_TO_UINT (g_hash_table_lookup (shown, key));
        GtkWidget *cell = g_hash_table_lookup (self->cells, key);

        if (cell != NULL && GPOINTER_TO_UINT (value) > n_shown)
          add_more_button (self, cell, GPOINTER_TO_UINT (value) - n_shown);
      }
  }
}

static gboolean
on_refresh_idle_cb (gpointer user_data)
{
  AffariCalendarView *self = user_data;

  self->refresh_source = 0;
  refresh_now (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (AffariCalendarView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_refresh_idle_cb, self, NULL);
}

static void
sync_controls (AffariCalendarView *self)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (&self->anchor), g_date_get_month (&self->anchor),
                                                   g_date_get_day (&self->anchor), 12, 0, 0);

  self->syncing = TRUE;
  gtk_calendar_select_day (self->month_calendar, dt);
  gtk_drop_down_set_selected (self->field_dropdown, self->field);
  gtk_toggle_button_set_active (self->activities_toggle, self->show_activities);
  gtk_toggle_button_set_active (self->mode == AFFARI_CALENDAR_MONTH ? self->month_toggle : self->week_toggle, TRUE);
  self->syncing = FALSE;
}

static void
move_anchor (AffariCalendarView *self,
             int                 direction)
{
  if (self->mode == AFFARI_CALENDAR_MONTH)
    {
      g_date_set_day (&self->anchor, 1);
      if (direction > 0)
        g_date_add_months (&self->anchor, 1);
      else
        g_date_subtract_months (&self->anchor, 1);
    }
  else if (direction > 0)
    g_date_add_days (&self->anchor, 7);
  else
    g_date_subtract_days (&self->anchor, 7);
  sync_controls (self);
  refresh_now (self);
}

/* ------------------------------------------------------------ callbacks */

static void
on_store_changed_cb (AffariCalendarView *self)
{
  queue_refresh (self);
}

static void
on_month_calendar_day_selected_cb (GtkCalendar        *calendar,
                                   AffariCalendarView *self)
{
  g_autoptr(GDateTime) dt = NULL;

  if (self->syncing)
    return;
  dt = gtk_calendar_get_date (calendar);
  g_date_set_dmy (&self->anchor, (GDateDay) g_date_time_get_day_of_month (dt), (GDateMonth) g_date_time_get_month (dt),
                  (GDateYear) g_date_time_get_year (dt));
  gtk_popover_popdown (self->month_popover);
  refresh_now (self);
}

static void
on_field_selected_cb (GtkDropDown        *dropdown,
                      GParamSpec         *pspec,
                      AffariCalendarView *self)
{
  if (!self->syncing)
    affari_calendar_view_set_field (self, (AffariCalendarField) gtk_drop_down_get_selected (dropdown));
}

static void
on_activities_toggled_cb (GtkToggleButton    *button,
                          AffariCalendarView *self)
{
  if (!self->syncing)
    affari_calendar_view_set_show_activities (self, gtk_toggle_button_get_active (button));
}

static void
on_mode_toggled_cb (GtkToggleButton    *button,
                    AffariCalendarView *self)
{
  if (!self->syncing && gtk_toggle_button_get_active (button))
    affari_calendar_view_set_mode (self, button == self->week_toggle ? AFFARI_CALENDAR_WEEK : AFFARI_CALENDAR_MONTH);
}

/* ------------------------------------------------------------ actions */

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  move_anchor (AFFARI_CALENDAR_VIEW (widget), -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  move_anchor (AFFARI_CALENDAR_VIEW (widget), +1);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AffariCalendarView *self = AFFARI_CALENDAR_VIEW (widget);

  today_date (self, &self->anchor);
  sync_controls (self);
  refresh_now (self);
}

static void
move_deal_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  const char *date;
  gint64 deal_id;

  g_variant_get (parameter, "(x&s)", &deal_id, &date);
  affari_calendar_view_drop_deal (AFFARI_CALENDAR_VIEW (widget), date, deal_id);
}

/* ------------------------------------------------------------ overrides */

static void
affari_calendar_view_map (GtkWidget *widget)
{
  AffariCalendarView *self = AFFARI_CALENDAR_VIEW (widget);

  GTK_WIDGET_CLASS (affari_calendar_view_parent_class)->map (widget);
  if (self->dirty)
    refresh_now (self);
}

static void
affari_calendar_view_dispose (GObject *object)
{
  AffariCalendarView *self = AFFARI_CALENDAR_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_CALENDAR_VIEW);
  /* the template's outer box has no id */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_pointer (&self->texts, g_hash_table_unref);
  g_clear_pointer (&self->colors, g_hash_table_unref);
  g_clear_pointer (&self->filter, affari_deal_query_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (affari_calendar_view_parent_class)->dispose (object);
}

static void
affari_calendar_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AffariCalendarView *self = AFFARI_CALENDAR_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_calendar_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AffariCalendarView *self = AFFARI_CALENDAR_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      affari_calendar_view_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_calendar_view_class_init (AffariCalendarViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_calendar_view_dispose;
  object_class->get_property = affari_calendar_view_get_property;
  object_class->set_property = affari_calendar_view_set_property;
  widget_class->map = affari_calendar_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, AFFARI_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-calendar-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, month_button);
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, month_popover);
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, month_calendar);
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, field_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, activities_toggle);
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, month_toggle);
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, week_toggle);
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, weekday_grid);
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, days_grid);

  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "calendar.move-deal", "(xs)", move_deal_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "calendar.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "calendar.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "calendar.today", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "calendar-view");
}

static void
affari_calendar_view_init (AffariCalendarView *self)
{
  const char *fields[] = { _("Expected close date"), _("Start date"), _("Creation date"), NULL };
  g_autoptr(GtkStringList) field_names = NULL;
  GDate monday;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->colors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_string);
  self->field = AFFARI_CALENDAR_CLOSE_DATE;
  self->settings = create_settings ();
  restore_settings (self);
  today_date (self, &self->anchor);

  field_names = gtk_string_list_new (fields);
  gtk_drop_down_set_model (self->field_dropdown, G_LIST_MODEL (field_names));

  /* Weekday names, Monday first (Italian weeks start on Monday), from the locale. */
  g_date_clear (&monday, 1);
  g_date_set_dmy (&monday, 5, G_DATE_JANUARY, 2026);  /* a Monday */
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *name = capitalize (format_date (&monday, "%a"));
      GtkWidget *label = make_label (name, "caption-heading");

      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->weekday_grid, label, (int) i, 0, 1, 1);
      g_date_add_days (&monday, 1);
    }

  sync_controls (self);
  g_signal_connect (self->month_calendar, "day-selected", G_CALLBACK (on_month_calendar_day_selected_cb), self);
  g_signal_connect (self->field_dropdown, "notify::selected", G_CALLBACK (on_field_selected_cb), self);
  g_signal_connect (self->activities_toggle, "toggled", G_CALLBACK (on_activities_toggled_cb), self);
  g_signal_connect (self->month_toggle, "toggled", G_CALLBACK (on_mode_toggled_cb), self);
  g_signal_connect (self->week_toggle, "toggled", G_CALLBACK (on_mode_toggled_cb), self);
  refresh_now (self);
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_calendar_view_new (void)
{
  return g_object_new (AFFARI_TYPE_CALENDAR_VIEW, NULL);
}

void
affari_calendar_view_set_store (AffariCalendarView *self,
                                AffariStore        *store)
{
  g_return_if_fail (AFFARI_IS_CALENDAR_VIEW (self));
  g_return_if_fail (store == NULL || AFFARI_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_swapped (store, "changed", G_CALLBACK (on_store_changed_cb), self);
      g_signal_connect_swapped (store, "reset", G_CALLBACK (on_store_changed_cb), self);
      g_signal_connect_swapped (store, "stages-changed", G_CALLBACK (on_store_changed_cb), self);
      today_date (self, &self->anchor);
      sync_controls (self);
    }
  load_colors (self);
  refresh_now (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
affari_calendar_view_set_pipeline_id (AffariCalendarView *self,
                                      gint64              pipeline_id)
{
  g_return_if_fail (AFFARI_IS_CALENDAR_VIEW (self));

  if (self->pipeline_id == pipeline_id)
    return;
  self->pipeline_id = pipeline_id;
  load_colors (self);
  queue_refresh (self);
}

void
affari_calendar_view_set_filter (AffariCalendarView    *self,
                                 const AffariDealQuery *filter)
{
  g_return_if_fail (AFFARI_IS_CALENDAR_VIEW (self));

  g_clear_pointer (&self->filter, affari_deal_query_free);
  if (filter != NULL)
    self->filter = affari_deal_query_copy (filter);
  queue_refresh (self);
}

void
affari_calendar_view_set_field (AffariCalendarView  *self,
                                AffariCalendarField  field)
{
  g_return_if_fail (AFFARI_IS_CALENDAR_VIEW (self));
  g_return_if_fail (field <= AFFARI_CALENDAR_DATE_CREATE);

  if (self->field == field)
    return;
  self->field = field;
  save_settings (self);
  sync_controls (self);
  refresh_now (self);
}

AffariCalendarField
affari_calendar_view_get_field (AffariCalendarView *self)
{
  g_return_val_if_fail (AFFARI_IS_CALENDAR_VIEW (self), AFFARI_CALENDAR_CLOSE_DATE);

  return self->field;
}

void
affari_calendar_view_set_mode (AffariCalendarView *self,
                               AffariCalendarMode  mode)
{
  g_return_if_fail (AFFARI_IS_CALENDAR_VIEW (self));
  g_return_if_fail (mode <= AFFARI_CALENDAR_WEEK);

  if (self->mode == mode)
    return;
  self->mode = mode;
  save_settings (self);
  sync_controls (self);
  refresh_now (self);
}

AffariCalendarMode
affari_calendar_view_get_mode (AffariCalendarView *self)
{
  g_return_val_if_fail (AFFARI_IS_CALENDAR_VIEW (self), AFFARI_CALENDAR_MONTH);

  return self->mode;
}

gboolean
affari_calendar_view_get_show_activities (AffariCalendarView *self)
{
  g_return_val_if_fail (AFFARI_IS_CALENDAR_VIEW (self), FALSE);

  return self->show_activities;
}

void
affari_calendar_view_set_show_activities (AffariCalendarView *self,
                                          gboolean            show)
{
  g_return_if_fail (AFFARI_IS_CALENDAR_VIEW (self));

  if (self->show_activities == !!show)
    return;
  self->show_activities = !!show;
  save_settings (self);
  sync_controls (self);
  refresh_now (self);
}

void
affari_calendar_view_set_date (AffariCalendarView *self,
                               const char         *date)
{
  GDate parsed;

  g_return_if_fail (AFFARI_IS_CALENDAR_VIEW (self));

  if (!parse_iso (date, &parsed))
    return;
  self->anchor = parsed;
  sync_controls (self);
  refresh_now (self);
}

const char *
affari_calendar_view_get_title (AffariCalendarView *self)
{
  g_return_val_if_fail (AFFARI_IS_CALENDAR_VIEW (self), NULL);

  return self->title;
}

void
affari_calendar_view_refresh (AffariCalendarView *self)
{
  g_return_if_fail (AFFARI_IS_CALENDAR_VIEW (self));

  refresh_now (self);
}

GtkWidget *
affari_calendar_view_get_day (AffariCalendarView *self,
                              const char         *date)
{
  g_return_val_if_fail (AFFARI_IS_CALENDAR_VIEW (self), NULL);

  return g_hash_table_lookup (self->cells, date);
}

GtkDropTarget *
affari_calendar_view_get_drop_target (AffariCalendarView *self,
                                      const char         *date)
{
  GtkWidget *cell = affari_calendar_view_get_day (self, date);

  return cell != NULL ? g_object_get_data (G_OBJECT (cell), "drop-target") : NULL;
}

char *
affari_calendar_view_dup_day_text (AffariCalendarView *self,
                                   const char         *date)
{
  GString *text;

  g_return_val_if_fail (AFFARI_IS_CALENDAR_VIEW (self), NULL);

  text = g_hash_table_lookup (self->texts, date);
  return g_strdup (text != NULL ? text->str : "");
}

gboolean
affari_calendar_view_drop_deal (AffariCalendarView *self,
                                const char         *date,
                                gint64              deal_id)
{
  g_autoptr(AffariDeal) deal = NULL;
  g_autofree char *old = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (AFFARI_IS_CALENDAR_VIEW (self), FALSE);

  if (self->store == NULL)
    return FALSE;

  /* The window's deal.set-date: one transaction, one toast, one undo with the other views. */
  deal = affari_store_get_deal (self->store, deal_id, NULL);
  old = deal != NULL ? affari_calendar_field_date (deal, self->field) : NULL;
  if (g_strcmp0 (old, date) == 0 && self->field != AFFARI_CALENDAR_DATE_CREATE)
    return TRUE;
  gtk_widget_activate_action (GTK_WIDGET (self), "deal.set-date", "(xis)", deal_id, (int) self->field, date);
  /* The creation date never moves (the operation says why). */
  if (self->field == AFFARI_CALENDAR_DATE_CREATE)
    return FALSE;

  /* Refused (said in a toast) when the date did not change. */
  g_clear_object (&deal);
  deal = affari_store_get_deal (self->store, deal_id, NULL);
  now = deal != NULL ? affari_calendar_field_date (deal, self->field) : NULL;
  if (g_strcmp0 (now, date) != 0)
    return FALSE;
  refresh_now (self);
  return TRUE;
}
