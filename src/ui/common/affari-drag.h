/* affari-drag.h — what every drag of a widget needs: its icon, Esc on X11, and a long press
 * before a finger drags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A still image of @widget for a drag's icon, taken before the widget turns into a placeholder;
 * on a display without a compositor it gets the window's background behind it. */
GdkPaintable *affari_drag_make_icon         (GtkWidget *widget);
/* On X11, grabs the keyboard for @widget's window while a drag lasts, so that Esc reaches the
 * drag: returns the device grabbed (for affari_drag_ungrab_keyboard ()), or 0. */
int           affari_drag_grab_keyboard     (GtkWidget *widget);
/* Releases the grab of *@grabbed, if any, and sets it to 0. */
void          affari_drag_ungrab_keyboard   (GtkWidget *widget,
                                             int       *grabbed);

/* Makes @source wait for a long press when the drag comes from a touch screen: a finger that moves
 * at once scrolls the list (or swipes the page) it is in, a finger held still first picks the
 * widget up. Adds a touch-only GtkGestureLongPress to @widget, grouped with @source (already added to
 * @widget). The mouse and the touchpad are left as they are: their
 * drag starts after the usual few pixels of motion. The "prepare" handler of @source must ask
 * affari_drag_touch_may_begin () first. Returns the long press gesture (owned by @widget). */
GtkGesture   *affari_drag_source_add_touch_long_press (GtkDragSource *source,
                                                       GtkWidget     *widget);
/* FALSE while @source is driven by a touch screen and no long press has lifted the widget yet:
 * the "prepare" handler then returns NULL, and GTK asks again at the next motion. */
gboolean      affari_drag_touch_may_begin   (GtkDragSource *source);
/* Whether a long press has lifted @source's widget and the drag may start (tests). */
gboolean      affari_drag_touch_get_armed   (GtkDragSource *source);

G_END_DECLS
