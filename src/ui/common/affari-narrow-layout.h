/* affari-narrow-layout.h — a bin layout that tells its widget whether it is narrower than a
 * width (a phone's layout: libadwaita 1.2 has no breakpoints)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The narrow layout applies below this width (a phone is 360 px wide, the desktop's window
 * 800 or more). */
#define AFFARI_NARROW_WIDTH 600

#define AFFARI_TYPE_NARROW_LAYOUT (affari_narrow_layout_get_type ())
G_DECLARE_FINAL_TYPE (AffariNarrowLayout, affari_narrow_layout, AFFARI, NARROW_LAYOUT, GtkLayoutManager)

/* Called with the widget when it becomes narrower than the width, or no longer is, before its
 * children are allocated (what it shows or hides is then laid out in the same pass). */
typedef void (*AffariNarrowFunc) (GtkWidget *widget,
                                  gboolean   narrow);

/* Lays the widget's children over each other at its full size, as GtkBinLayout; @func is told
 * when the width crosses @width. Set it with gtk_widget_set_layout_manager (). */
GtkLayoutManager *affari_narrow_layout_new        (int               width,
                                                   AffariNarrowFunc  func);
gboolean          affari_narrow_layout_get_narrow (AffariNarrowLayout *self);

G_END_DECLS
