/* affari-activities-pager.c
 *
 * The Activities view on a phone: narrower than AFFARI_NARROW_WIDTH the six columns do not fit
 * side by side, so one period at a time fills the width. The columns move from the desktop's
 * box into an AdwCarousel, one a page: a horizontal swipe (a finger, the touchpad) slides to the
 * previous or next period, and so do the pager's buttons, with its name and "12 · € 48.200"
 * between them and the carousel's dots under it. The columns stay the same widgets with the
 * same cards, menus ("Sposta in ▸") and drop targets; only where they are shown changes.
 *
 * A card being dragged (by the card's own drag source, the mouse's or a finger's) flips to the
 * next period when held at the left or right edge of the pages, or over the ◀ ▶ buttons, where
 * it can be dropped; the pages do not swipe meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-activities"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "ui/activities/affari-activities-view-private.h"
#include "ui/common/affari-narrow-layout.h"

/* A dragged card held this near the left or right edge of the pages (where flip_start and
 * flip_end show, 44 px wide in style.css) this long flips the page; held on, the next one after
 * as long again. */
#define FLIP_EDGE 44
#define FLIP_DELAY_MS 600

/* ------------------------------------------------------------ auxiliary */

/* Only the pages in view are mapped: AdwCarousel 1.2 keeps every page mapped, off screen, where
 * a screen reader and the keyboard's focus would still find them. While the carousel slides,
 * the two pages it is between are shown. While a card is dragged over the pages, all of them
 * are: a column unmapped under the pointer in the middle of a drag is never told that the drag
 * left it, and the next one is never told it came (GTK 4.8). */
static void
update_pages_visible (AffariActivitiesView *self)
{
  double position = adw_carousel_get_position (self->carousel);

  for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
    {
      GtkWidget *widget = self->columns[i].widget;

      if (widget != NULL && gtk_widget_get_parent (widget) == GTK_WIDGET (self->carousel))
        gtk_widget_set_child_visible (widget, self->drag_over_pages || fabs ((double) i - position) < 1.0);
    }
}

static void
show_page (AffariActivitiesView *self,
           int                   page,
           gboolean              animate)
{
  Column *column;

  if (page < 0 || page >= AFFARI_N_ACTIVITY_PERIODS)
    return;
  self->page = (AffariActivityPeriod) page;
  column = &self->columns[self->page];
  if (self->narrow && self->settle_tick == 0 &&
      column->widget != NULL && gtk_widget_get_parent (column->widget) == GTK_WIDGET (self->carousel))
    adw_carousel_scroll_to (self->carousel, column->widget, animate && gtk_widget_get_mapped (GTK_WIDGET (self)));
  affari_activities_view_update_pager (self);
}

/* AdwCarousel 1.2 knows where its pages are only once it has allocated them: the columns just
 * moved into it are scrolled to on the next frame, hidden until then (not one frame of
 * "Scadute" before "Oggi"). */
static gboolean
settle_page_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (widget);

  self->settle_tick = 0;
  if (self->narrow)
    show_page (self, (int) self->page, FALSE);
  self->moving_columns = FALSE;
  gtk_widget_set_opacity (GTK_WIDGET (self->carousel), 1.0);
  return G_SOURCE_REMOVE;
}

static void
settle_page_later (AffariActivitiesView *self)
{
  if (self->settle_tick != 0)
    return;
  self->moving_columns = TRUE;
  gtk_widget_set_opacity (GTK_WIDGET (self->carousel), 0.0);
  self->settle_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), settle_page_cb, NULL, NULL);
}

static void
stop_flip (AffariActivitiesView *self)
{
  g_clear_handle_id (&self->flip_source, g_source_remove);
  self->flip_direction = 0;
}

static gboolean
flip_cb (gpointer user_data)
{
  AffariActivitiesView *self = user_data;

  show_page (self, (int) self->page + self->flip_direction, TRUE);
  /* At the first or last period, that edge has nowhere to go. */
  gtk_widget_set_visible (self->flip_start, self->page > 0);
  gtk_widget_set_visible (self->flip_end, self->page + 1 < AFFARI_N_ACTIVITY_PERIODS);
  if ((self->flip_direction < 0 && self->page == 0) ||
      (self->flip_direction > 0 && self->page + 1 == AFFARI_N_ACTIVITY_PERIODS))
    {
      self->flip_source = 0;
      self->flip_direction = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Moves the columns between the desktop's box and the carousel, in the periods' order. */
static void
move_columns (AffariActivitiesView *self,
              gboolean              to_carousel)
{
  self->moving_columns = TRUE;
  for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
    {
      GtkWidget *widget = self->columns[i].widget;
      GtkWidget *parent = widget != NULL ? gtk_widget_get_parent (widget) : NULL;

      if (parent == NULL)
        continue;
      g_object_ref (widget);
      if (parent == GTK_WIDGET (self->carousel))
        adw_carousel_remove (self->carousel, widget);
      else
        gtk_box_remove (self->columns_box, widget);
      gtk_widget_set_child_visible (widget, TRUE);
      /* A page of the carousel is as wide as the carousel only if it expands. */
      gtk_widget_set_hexpand (widget, to_carousel);
      if (to_carousel)
        adw_carousel_append (self->carousel, widget);
      else
        gtk_box_append (self->columns_box, widget);
      g_object_unref (widget);
    }
  self->moving_columns = FALSE;
  if (to_carousel)
    settle_page_later (self);
}

/* ------------------------------------------------------------ callbacks */

static void
on_previous_clicked_cb (AffariActivitiesView *self)
{
  show_page (self, (int) self->page - 1, TRUE);
}

static void
on_next_clicked_cb (AffariActivitiesView *self)
{
  show_page (self, (int) self->page + 1, TRUE);
}

static void
on_plan_clicked_cb (AffariActivitiesView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "activities.plan", "i", (int) self->page);
}

/* Swiped, or slid there by the buttons: the pager names the period in view. */
static void
on_carousel_page_changed_cb (AffariActivitiesView *self,
                             guint                 index)
{
  if (self->moving_columns || !self->narrow || index >= AFFARI_N_ACTIVITY_PERIODS)
    return;
  self->page = (AffariActivityPeriod) index;
  affari_activities_view_update_pager (self);
}

static void
on_carousel_position_notify_cb (AffariActivitiesView *self)
{
  update_pages_visible (self);
}

/* A dragged card held over a pager button: the next period shows, to drop the card in. */
static void
on_pager_drag_enter_cb (GtkDropControllerMotion *motion,
                        double                   x,
                        double                   y,
                        AffariActivitiesView    *self)
{
  GtkWidget *button = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion));

  show_page (self, (int) self->page + (button == self->previous_button ? -1 : 1), TRUE);
}

/* Held at an edge, the page flips, and on as long as it is held there. Decided from where the
 * pointer is, not from the edges' own crossings: the first motion a drag reports here may
 * already be at the edge, before the edges are shown. */
static void
follow_edges (AffariActivitiesView *self,
              double                x)
{
  int width = gtk_widget_get_width (self->carousel_overlay);
  int direction = x < FLIP_EDGE ? -1 : x >= width - FLIP_EDGE ? 1 : 0;

  /* (the first and last periods have nothing beyond them) */
  if ((direction < 0 && self->page == 0) || (direction > 0 && self->page + 1 >= AFFARI_N_ACTIVITY_PERIODS))
    direction = 0;
  if (direction == self->flip_direction)
    return;
  stop_flip (self);
  if (direction == 0)
    return;
  self->flip_direction = direction;
  self->flip_source = g_timeout_add (FLIP_DELAY_MS, flip_cb, self);
  g_source_set_name_by_id (self->flip_source, "[affari] activities flip");
}

/* A card dragged over the pages: the edges that flip them show. */
static void
on_pages_drag_enter_cb (GtkDropControllerMotion *motion,
                        double                   x,
                        double                   y,
                        AffariActivitiesView    *self)
{
  GdkDrop *drop = gtk_drop_controller_motion_get_drop (motion);

  if (!self->narrow || drop == NULL || !gdk_content_formats_contain_gtype (gdk_drop_get_formats (drop), AFFARI_TYPE_DEAL))
    return;
  self->drag_over_pages = TRUE;
  update_pages_visible (self);
  gtk_widget_set_visible (self->flip_start, self->page > 0);
  gtk_widget_set_visible (self->flip_end, self->page + 1 < AFFARI_N_ACTIVITY_PERIODS);
  follow_edges (self, x);
}

static void
on_pages_drag_motion_cb (GtkDropControllerMotion *motion,
                         double                   x,
                         double                   y,
                         AffariActivitiesView    *self)
{
  if (self->drag_over_pages)
    follow_edges (self, x);
}

static void
on_pages_drag_leave_cb (GtkDropControllerMotion *motion,
                        AffariActivitiesView    *self)
{
  stop_flip (self);
  self->drag_over_pages = FALSE;
  update_pages_visible (self);
  gtk_widget_set_visible (self->flip_start, FALSE);
  gtk_widget_set_visible (self->flip_end, FALSE);
}

/* Dropped on an edge before it flipped: the card goes to the period in view, as anywhere else
 * on its page. */
static gboolean
on_edge_drop_cb (GtkDropTarget        *target,
                 const GValue         *value,
                 double                x,
                 double                y,
                 AffariActivitiesView *self)
{
  stop_flip (self);
  return affari_activities_column_drop (&self->columns[self->page], value);
}

static void
on_narrow_changed (GtkWidget *widget,
                   gboolean   narrow)
{
  affari_activities_view_set_narrow (AFFARI_ACTIVITIES_VIEW (widget), narrow);
}

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (widget);

  show_page (self, (int) self->page + (g_variant_get_int32 (parameter) < 0 ? -1 : 1), TRUE);
}

/* ------------------------------------------------------------ private API */

void
affari_activities_view_update_pager (AffariActivitiesView *self)
{
  Column *column = &self->columns[self->page];

  adw_window_title_set_title (self->page_title, affari_activity_period_label (self->page));
  adw_window_title_set_subtitle (self->page_title, column->summary != NULL ? column->summary : "");
  gtk_widget_set_sensitive (self->previous_button, self->page > 0);
  gtk_widget_set_sensitive (self->next_button, self->page + 1 < AFFARI_N_ACTIVITY_PERIODS);
  /* Nothing is planned in the past, nor "without an activity" (as the columns' "+"). */
  gtk_widget_set_visible (self->plan_button, self->page != AFFARI_ACTIVITY_PERIOD_OVERDUE &&
                                             self->page != AFFARI_ACTIVITY_PERIOD_NONE);
}

void
affari_activities_view_set_narrow (AffariActivitiesView *self,
                                   gboolean              narrow)
{
  narrow = !!narrow;
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;
  stop_flip (self);
  move_columns (self, narrow);
  for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
    if (self->columns[i].header != NULL)
      gtk_widget_set_visible (self->columns[i].header, !narrow);
  gtk_widget_set_visible (self->pager, narrow);
  gtk_widget_set_visible (GTK_WIDGET (self->scroller), !narrow);
  gtk_widget_set_visible (self->carousel_overlay, narrow);
  /* The 44 px targets of style.css apply under this class only: the desktop is unchanged. */
  if (narrow)
    gtk_widget_add_css_class (GTK_WIDGET (self), "narrow");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "narrow");
  show_page (self, self->page, FALSE);
  update_pages_visible (self);
}

void
affari_activities_view_add_column (AffariActivitiesView *self,
                                   GtkWidget            *column)
{
  self->moving_columns = TRUE;
  gtk_widget_set_hexpand (column, self->narrow);
  if (self->narrow)
    adw_carousel_append (self->carousel, column);
  else
    gtk_box_append (self->columns_box, column);
  self->moving_columns = FALSE;
  if (self->narrow)
    settle_page_later (self);
}

void
affari_activities_view_remove_columns (AffariActivitiesView *self)
{
  GtkWidget *child;

  self->moving_columns = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box))) != NULL)
    gtk_box_remove (self->columns_box, child);
  while (adw_carousel_get_n_pages (self->carousel) > 0)
    adw_carousel_remove (self->carousel, adw_carousel_get_nth_page (self->carousel, 0));
  self->moving_columns = FALSE;
}

void
affari_activities_view_init_pager (AffariActivitiesView *self)
{
  GtkWidget *buttons[] = { self->previous_button, self->next_button };
  GtkEventController *motion;
  GtkDropTarget *drop;

  self->page = AFFARI_ACTIVITY_PERIOD_TODAY;
  gtk_widget_set_layout_manager (GTK_WIDGET (self), affari_narrow_layout_new (AFFARI_NARROW_WIDTH, on_narrow_changed));
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      motion = gtk_drop_controller_motion_new ();
      g_signal_connect (motion, "enter", G_CALLBACK (on_pager_drag_enter_cb), self);
      gtk_widget_add_controller (buttons[i], motion);
    }

  motion = gtk_drop_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (on_pages_drag_enter_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_pages_drag_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_pages_drag_leave_cb), self);
  gtk_widget_add_controller (self->carousel_overlay, motion);
  buttons[0] = self->flip_start;
  buttons[1] = self->flip_end;
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      drop = affari_view_deal_drop_target_new ();
      g_signal_connect (drop, "drop", G_CALLBACK (on_edge_drop_cb), self);
      gtk_widget_add_controller (buttons[i], GTK_EVENT_CONTROLLER (drop));
    }
  g_signal_connect_swapped (self->carousel, "notify::position", G_CALLBACK (on_carousel_position_notify_cb), self);
}

void
affari_activities_view_dispose_pager (AffariActivitiesView *self)
{
  stop_flip (self);
  if (self->settle_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->settle_tick);
  self->settle_tick = 0;
  if (self->carousel != NULL)
    g_signal_handlers_disconnect_by_data (self->carousel, self);
}

void
affari_activities_view_class_init_pager (GtkWidgetClass *widget_class)
{
  g_type_ensure (ADW_TYPE_CAROUSEL);
  g_type_ensure (ADW_TYPE_CAROUSEL_INDICATOR_DOTS);
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, outer_box);
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, pager);
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, carousel);
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, carousel_overlay);
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, flip_start);
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, flip_end);
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, previous_button);
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, next_button);
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, plan_button);
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, page_title);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_carousel_page_changed_cb);
  gtk_widget_class_install_action (widget_class, "activities.page", "i", page_action);
}

/* ------------------------------------------------------------ public API */

gboolean
affari_activities_view_get_narrow (AffariActivitiesView *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), FALSE);

  return self->narrow;
}

AffariActivityPeriod
affari_activities_view_get_page (AffariActivitiesView *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), AFFARI_ACTIVITY_PERIOD_TODAY);

  return self->page;
}

void
affari_activities_view_set_page (AffariActivitiesView *self,
                                 AffariActivityPeriod  period)
{
  g_return_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self));

  show_page (self, (int) period, TRUE);
}
