/* affari-calendar-day.c
 *
 * A day cell of the grid (AffariCalendarDayCell): its number, its drop target (a deal dropped there
 * gets that date), its entries and the "+N altri" button whose popover lists the whole day, read
 * when it opens.
 *
 * The day lays its entries out itself: it shows as many as its height has room for, then
 * "+N altri" right under the last one, counting the rest. Its minimum height is the number and
 * that button only, so a busy day never makes the grid (and the window) taller than it is; how
 * many entries are shown follows the window's size without reading the store again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-calendar"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/calendar/affari-calendar-view-private.h"

#define AFFARI_TYPE_CALENDAR_DAY_CELL (affari_calendar_day_cell_get_type ())
G_DECLARE_FINAL_TYPE (AffariCalendarDayCell, affari_calendar_day_cell, AFFARI, CALENDAR_DAY_CELL, GtkWidget)

struct _AffariCalendarDayCell
{
  GtkWidget  parent_instance;

  GtkWidget *number;       /* the day's number, first child */
  GtkWidget *more;         /* "+N altri", last child; NULL on an empty day */
  GtkWidget *more_label;
  guint      total;        /* entries of the day, shown or not (the store's count) */
  guint      hidden;       /* what more_label says */
};

G_DEFINE_FINAL_TYPE (AffariCalendarDayCell, affari_calendar_day_cell, GTK_TYPE_WIDGET)

/* ------------------------------------------------------------ the day's layout */

static gboolean
is_entry (GtkWidget *child)
{
  return gtk_widget_has_css_class (child, "calendar-chip") && gtk_widget_get_visible (child);
}

static int
natural_height (GtkWidget *child,
                int        width)
{
  int natural = 0;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
  return natural;
}

static void
day_set_hidden (AffariCalendarDayCell *self,
                guint              hidden)
{
  g_autofree char *text = NULL;

  if (self->more_label == NULL || hidden == self->hidden)
    return;
  self->hidden = hidden;
  /* Translators: at the bottom of a full day of the calendar: "+3 altri". */
  text = g_strdup_printf (ngettext ("+%u more", "+%u more", hidden), hidden);
  gtk_label_set_text (GTK_LABEL (self->more_label), text);
}

static void
affari_calendar_day_cell_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  AffariCalendarDayCell *self = AFFARI_CALENDAR_DAY_CELL (widget);

  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, orientation, orientation == GTK_ORIENTATION_VERTICAL ? for_size : -1,
                          &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      else
        {
          /* Entries do not count in the minimum: the day shows those it has room for. */
          if (!is_entry (child))
            *minimum += child_min;
          if (child != self->more)
            *natural += child_nat;
        }
    }
}

static void
affari_calendar_day_cell_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  AffariCalendarDayCell *self = AFFARI_CALENDAR_DAY_CELL (widget);
  gboolean full = FALSE;
  guint shown = 0, entries = 0;
  int y = 0, more_height = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    entries += is_entry (child) ? 1 : 0;

  if (self->number != NULL)
    {
      int h = natural_height (self->number, width);

      gtk_widget_size_allocate (self->number, &(GtkAllocation) { 0, 0, width, h }, -1);
      y += h;
    }
  if (self->more != NULL)
    more_height = natural_height (self->more, width);

  /* In order, while they fit, keeping room for "+N altri" under the last one when some are left. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      guint left;
      int h;

      if (!is_entry (child))
        continue;
      h = natural_height (child, width);
      left = MAX (self->total, entries) - (shown + 1);
      if (!full && y + h + (left > 0 ? more_height : 0) <= height)
        {
          gtk_widget_set_child_visible (child, TRUE);
          gtk_widget_size_allocate (child, &(GtkAllocation) { 0, y, width, h }, -1);
          y += h;
          shown++;
        }
      else
        {
          full = TRUE;
          gtk_widget_set_child_visible (child, FALSE);
        }
    }

  if (self->more != NULL)
    {
      guint hidden = MAX (self->total, entries) - shown;
      int more_width = 0;

      gtk_widget_set_child_visible (self->more, hidden > 0);
      if (hidden > 0)
        {
          day_set_hidden (self, hidden);
          gtk_widget_measure (self->more, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &more_width, NULL, NULL);
          more_height = natural_height (self->more, width);
          gtk_widget_size_allocate (self->more, &(GtkAllocation) { 0, y, MIN (more_width, width), more_height }, -1);
        }
    }
}

static void
affari_calendar_day_cell_dispose (GObject *object)
{
  AffariCalendarDayCell *self = AFFARI_CALENDAR_DAY_CELL (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->number = self->more = self->more_label = NULL;

  G_OBJECT_CLASS (affari_calendar_day_cell_parent_class)->dispose (object);
}

static void
affari_calendar_day_cell_class_init (AffariCalendarDayCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_calendar_day_cell_dispose;
  widget_class->measure = affari_calendar_day_cell_measure;
  widget_class->size_allocate = affari_calendar_day_cell_size_allocate;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
affari_calendar_day_cell_init (AffariCalendarDayCell *self)
{
}

/* The popover of "+N altri": every deal and activity of the day, read when it opens. */
static void
fill_day_popover (AffariCalendarView *self,
                  GtkPopover         *popover,
                  const char         *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDealQuery) query = affari_calendar_view_query (self);
  g_autoptr(GPtrArray) deals = NULL;
  GtkWidget *box, *scroller, *heading;
  GDate day;
  g_autofree char *shown = NULL;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  affari_calendar_parse_iso (date, &day);
  shown = affari_calendar_capitalize (affari_calendar_format_date (&day, "%A %e %B"));
  heading = affari_calendar_label_new (shown, "heading");
  gtk_widget_set_margin_bottom (heading, 6);
  gtk_box_append (GTK_BOX (box), heading);

  deals = affari_workspace_calendar_deals (self->workspace, query, self->field, date, date, 0, NULL, &error);
  for (guint i = 0; deals != NULL && i < deals->len; i++)
    gtk_box_append (GTK_BOX (box), affari_calendar_view_make_deal_chip (self, g_ptr_array_index (deals, i), popover));
  if (self->show_activities)
    {
      g_autoptr(GHashTable) titles = NULL;
      g_autoptr(GPtrArray) activities = NULL;
      activities = affari_calendar_view_list_activities (self, query, &day, 1, &titles, NULL);
      for (guint i = 0; activities != NULL && i < activities->len; i++)
        {
          AffariActivity *activity = g_ptr_array_index (activities, i);
          gint64 deal_id = affari_activity_get_deal_id (activity);

          gtk_box_append (GTK_BOX (box), affari_calendar_view_make_activity_chip (self, activity, g_hash_table_lookup (titles, &deal_id), popover));
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
on_day_drop_cb (GtkDropTarget      *target,
                const GValue       *value,
                double              x,
                double              y,
                AffariCalendarView *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  AffariDeal *deal = G_VALUE_HOLDS (value, AFFARI_TYPE_DEAL) ? g_value_get_object (value) : NULL;
  g_autofree char *date = g_strdup (g_object_get_data (G_OBJECT (cell), "date"));

  gtk_widget_remove_css_class (cell, "drop-target");
  if (deal == NULL)
    return FALSE;
  return affari_calendar_view_drop_deal (self, date, affari_deal_get_id (deal));
}

GtkWidget *
affari_calendar_view_make_day (AffariCalendarView *self,
          const GDate        *day,
          const GDate        *today)
{
  g_autofree char *date = affari_calendar_iso_of (day);
  g_autofree char *number = g_strdup_printf ("%u", g_date_get_day (day));
  g_autofree char *long_name = affari_calendar_format_date (day, "%A %e %B %Y");
  AffariCalendarDayCell *day_cell = g_object_new (AFFARI_TYPE_CALENDAR_DAY_CELL, NULL);
  GtkWidget *cell = GTK_WIDGET (day_cell);
  GtkWidget *label = affari_calendar_label_new (number, "calendar-day-number");

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
  gtk_widget_set_parent (label, cell);
  day_cell->number = label;

  affari_calendar_view_add_day_drop (self, cell);

  g_hash_table_insert (self->cells, g_strdup (date), cell);
  return cell;
}

void
affari_calendar_view_add_day_drop (AffariCalendarView *self,
                                   GtkWidget          *cell)
{
  GtkDropTarget *drop = affari_view_deal_drop_target_new ();

  g_signal_connect (drop, "enter", G_CALLBACK (on_day_drop_enter_cb), cell);
  g_signal_connect (drop, "leave", G_CALLBACK (on_day_drop_leave_cb), cell);
  g_signal_connect (drop, "drop", G_CALLBACK (on_day_drop_cb), self);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (drop));
  g_object_set_data (G_OBJECT (cell), "drop-target", drop);
}

void
affari_calendar_view_add_entry (GtkWidget *cell,
                                 GtkWidget *entry)
{
  AffariCalendarDayCell *self = AFFARI_CALENDAR_DAY_CELL (cell);

  gtk_widget_insert_before (entry, cell, self->more);
}

void
affari_calendar_view_add_more (AffariCalendarView *self,
                               GtkWidget          *cell,
                               guint               total)
{
  AffariCalendarDayCell *day = AFFARI_CALENDAR_DAY_CELL (cell);
  GtkWidget *button, *popover, *box;

  day->total = total;
  if (day->more != NULL)
    return;

  /* Its count is set when the day is laid out: it depends on how many entries fit. */
  day->more_label = gtk_label_new (NULL);
  day->hidden = 0;
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), day->more_label);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("pan-down-symbolic"));
  button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), box);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (button), FALSE);
  gtk_widget_add_css_class (button, "calendar-more");
  popover = gtk_popover_new ();
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  g_object_set_data_full (G_OBJECT (button), "date", g_strdup (g_object_get_data (G_OBJECT (cell), "date")), g_free);
  /* The day's full list is read when it opens, not for every day of the month. */
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), on_more_create_popup_cb, self, NULL);
  gtk_widget_set_parent (button, cell);
  day->more = button;
}
