/* affari-edge-scroller.h — scrolls an adjustment while a dragged pointer is near an edge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define AFFARI_TYPE_EDGE_SCROLLER (affari_edge_scroller_get_type ())
G_DECLARE_FINAL_TYPE (AffariEdgeScroller, affari_edge_scroller, AFFARI, EDGE_SCROLLER, GObject)

/* Scrolls @adjustment on the frame clock of @widget (unowned: the widget owns the scroller and
 * drops it in its dispose), up to @max_step pixels a frame when the pointer is @edge pixels or
 * less from either end of the area it watches; faster the nearer the end. It stops at the ends
 * of the adjustment until the pointer moves again.
 * Signals: "scrolled" after every step (a drop line follows the content under the pointer). */
AffariEdgeScroller *affari_edge_scroller_new             (GtkWidget          *widget,
                                                          GtkAdjustment      *adjustment,
                                                          double              edge,
                                                          double              max_step);
void                affari_edge_scroller_set_adjustment  (AffariEdgeScroller *self,
                                                          GtkAdjustment      *adjustment);
/* The pointer is at @position along an area @length long (in the scroll's direction, from its
 * start): starts, changes or stops the scrolling. */
void                affari_edge_scroller_update          (AffariEdgeScroller *self,
                                                          double              position,
                                                          double              length);
/* The pointer left, or the drag ended. */
void                affari_edge_scroller_stop            (AffariEdgeScroller *self);
gboolean            affari_edge_scroller_get_scrolling   (AffariEdgeScroller *self);

G_END_DECLS
