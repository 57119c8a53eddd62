/* affari-activities-autoscroll.c
 *
 * Near an edge while dragging, the board (horizontally) or a column (vertically) scrolls, faster
 * the closer the pointer is, as on the Kanban board. Kept in a file of its own so that it can be
 * switched to the shared src/ui/common/affari-edge-scroller when that lands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-activities"

#include "config.h"

#include "ui/activities/affari-activities-view-private.h"
#include "ui/common/affari-ui.h"

#define AUTOSCROLL_EDGE 56
#define AUTOSCROLL_MAX_STEP 24.0

static gboolean
autoscroll_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *frame_clock,
                    gpointer       user_data)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (widget);
  gboolean moved = FALSE;

  if (self->hscroll_speed == 0 && (self->vscroll_speed == 0 || self->vscroll_column == NULL))
    {
      self->autoscroll_tick = 0;
      return G_SOURCE_REMOVE;
    }

  if (self->hscroll_speed != 0)
    moved |= affari_ui_adjustment_step (gtk_scrolled_window_get_hadjustment (self->scroller), self->hscroll_speed);
  if (self->vscroll_speed != 0 && self->vscroll_column != NULL &&
      affari_ui_adjustment_step (gtk_scrolled_window_get_vadjustment (self->vscroll_column->scroller), self->vscroll_speed))
    {
      moved = TRUE;
      if (gtk_widget_get_visible (self->vscroll_column->drop_line))
        affari_activities_column_show_drop_line (self->vscroll_column);
    }
  if (!moved)
    {
      /* at the ends already: nothing to repaint until the pointer moves (motion starts again) */
      self->autoscroll_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static double
edge_speed (double position,
            double length)
{
  double speed = 0;

  if (position < AUTOSCROLL_EDGE)
    speed = -AUTOSCROLL_MAX_STEP * (AUTOSCROLL_EDGE - MAX (position, 0)) / AUTOSCROLL_EDGE;
  else if (position > length - AUTOSCROLL_EDGE)
    speed = AUTOSCROLL_MAX_STEP * (MIN (position, length) - (length - AUTOSCROLL_EDGE)) / AUTOSCROLL_EDGE;
  return CLAMP (speed, -AUTOSCROLL_MAX_STEP, AUTOSCROLL_MAX_STEP);
}

static void
ensure_autoscroll (AffariActivitiesView *self)
{
  if ((self->hscroll_speed != 0 || self->vscroll_speed != 0) && self->autoscroll_tick == 0)
    self->autoscroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), autoscroll_tick_cb, NULL, NULL);
}

void
affari_activities_view_stop_autoscroll (AffariActivitiesView *self)
{
  if (self->autoscroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->autoscroll_tick);
  self->autoscroll_tick = 0;
  self->hscroll_speed = 0;
  self->vscroll_speed = 0;
  self->vscroll_column = NULL;
}

static GdkDragAction
on_board_drop_motion_cb (GtkDropControllerMotion *controller,
                         double                   x,
                         double                   y,
                         AffariActivitiesView    *self)
{
  self->hscroll_speed = edge_speed (x, gtk_widget_get_width (GTK_WIDGET (self)));
  ensure_autoscroll (self);
  return 0;
}

static void
on_board_drop_enter_cb (GtkDropControllerMotion *controller,
                        double                   x,
                        double                   y,
                        AffariActivitiesView    *self)
{
  on_board_drop_motion_cb (controller, x, y, self);
}

static void
on_board_drop_leave_cb (GtkDropControllerMotion *controller,
                        AffariActivitiesView    *self)
{
  affari_activities_view_end_drag_feedback (self);
}

void
affari_activities_view_add_autoscroll (AffariActivitiesView *self)
{
  GtkEventController *motion = gtk_drop_controller_motion_new ();

  /* The board scrolls sideways when a card is dragged near its left or right edge. */
  g_signal_connect (motion, "enter", G_CALLBACK (on_board_drop_enter_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_board_drop_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_board_drop_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

/* A drag over @column at (@x, @y) of its widget. */
void
affari_activities_view_autoscroll_column (AffariActivitiesView *self,
                                          Column               *column,
                                          double                x,
                                          double                y)
{
  graphene_point_t point;

  /* The column's list scrolls near its own top and bottom (the header does not scroll). */
  if (gtk_widget_compute_point (column->widget, GTK_WIDGET (column->scroller), &GRAPHENE_POINT_INIT (x, y), &point))
    {
      self->vscroll_column = column;
      self->vscroll_speed = edge_speed (point.y, gtk_widget_get_height (GTK_WIDGET (column->scroller)));
      ensure_autoscroll (self);
    }
}

void
affari_activities_view_autoscroll_leave_column (AffariActivitiesView *self,
                                                Column               *column)
{
  if (self->vscroll_column == column)
    {
      self->vscroll_column = NULL;
      self->vscroll_speed = 0;
    }
}
