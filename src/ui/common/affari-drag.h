/* affari-drag.h — what every drag of a widget needs: its icon, and Esc on X11
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

G_END_DECLS
