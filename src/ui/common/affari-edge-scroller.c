/* affari-edge-scroller.c
 *
 * The autoscroll of every drag: the board's columns sideways, a column's cards up and down. One
 * speed a scroller, set by the pointer's last motion, applied once a frame: a motion event a
 * frame would scroll in jerks, and a pointer held still at the edge sends none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-edge-scroller"

#include "config.h"

#include "ui/common/affari-edge-scroller.h"
#include "ui/common/affari-ui.h"

struct _AffariEdgeScroller
{
  GObject        parent_instance;

  GtkWidget     *widget;        /* unowned: it owns the scroller */
  GtkAdjustment *adjustment;
  double         edge;
  double         max_step;
  double         speed;         /* pixels a frame, negative towards the start */
  guint          tick;
};

G_DEFINE_FINAL_TYPE (AffariEdgeScroller, affari_edge_scroller, G_TYPE_OBJECT)

enum {
  SCROLLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  AffariEdgeScroller *self = user_data;

  /* At the end already: nothing to repaint until the pointer moves (update () starts again). */
  if (self->speed == 0 || self->adjustment == NULL || !affari_ui_adjustment_step (self->adjustment, self->speed))
    {
      self->tick = 0;
      return G_SOURCE_REMOVE;
    }

  g_signal_emit (self, signals[SCROLLED], 0);

  return G_SOURCE_CONTINUE;
}

static void
affari_edge_scroller_dispose (GObject *object)
{
  AffariEdgeScroller *self = AFFARI_EDGE_SCROLLER (object);

  affari_edge_scroller_stop (self);
  g_clear_object (&self->adjustment);

  G_OBJECT_CLASS (affari_edge_scroller_parent_class)->dispose (object);
}

static void
affari_edge_scroller_class_init (AffariEdgeScrollerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = affari_edge_scroller_dispose;

  signals[SCROLLED] = g_signal_new ("scrolled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
affari_edge_scroller_init (AffariEdgeScroller *self)
{
}

AffariEdgeScroller *
affari_edge_scroller_new (GtkWidget     *widget,
                          GtkAdjustment *adjustment,
                          double         edge,
                          double         max_step)
{
  AffariEdgeScroller *self;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (adjustment == NULL || GTK_IS_ADJUSTMENT (adjustment), NULL);
  g_return_val_if_fail (edge > 0 && max_step > 0, NULL);

  self = g_object_new (AFFARI_TYPE_EDGE_SCROLLER, NULL);
  self->widget = widget;
  self->edge = edge;
  self->max_step = max_step;
  affari_edge_scroller_set_adjustment (self, adjustment);

  return self;
}

void
affari_edge_scroller_set_adjustment (AffariEdgeScroller *self,
                                     GtkAdjustment      *adjustment)
{
  g_return_if_fail (AFFARI_IS_EDGE_SCROLLER (self));
  g_return_if_fail (adjustment == NULL || GTK_IS_ADJUSTMENT (adjustment));

  if (self->adjustment != adjustment)
    affari_edge_scroller_stop (self);
  g_set_object (&self->adjustment, adjustment);
}

void
affari_edge_scroller_update (AffariEdgeScroller *self,
                             double              position,
                             double              length)
{
  g_return_if_fail (AFFARI_IS_EDGE_SCROLLER (self));

  if (position < self->edge)
    self->speed = -self->max_step * (self->edge - MAX (position, 0)) / self->edge;
  else if (position > length - self->edge)
    self->speed = self->max_step * (position - (length - self->edge)) / self->edge;
  else
    self->speed = 0;
  self->speed = CLAMP (self->speed, -self->max_step, self->max_step);

  if (self->speed != 0 && self->tick == 0 && self->adjustment != NULL)
    self->tick = gtk_widget_add_tick_callback (self->widget, tick_cb, self, NULL);
}

void
affari_edge_scroller_stop (AffariEdgeScroller *self)
{
  g_return_if_fail (AFFARI_IS_EDGE_SCROLLER (self));

  if (self->tick != 0)
    gtk_widget_remove_tick_callback (self->widget, self->tick);
  self->tick = 0;
  self->speed = 0;
}

gboolean
affari_edge_scroller_get_scrolling (AffariEdgeScroller *self)
{
  g_return_val_if_fail (AFFARI_IS_EDGE_SCROLLER (self), FALSE);

  return self->tick != 0;
}
