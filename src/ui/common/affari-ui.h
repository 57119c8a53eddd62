/* affari-ui.h — things every part of the user interface needs once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Registers the compiled-in resources (.ui, style.css, help overlay). Safe to call many times.
 * The resources live in a static library, where a constructor would be dropped by the linker. */
void affari_ui_ensure_resources (void);

/* The height of one line of text in @widget's font, measured once per font and resolution for
 * the whole application: widgets that show many rows measure without shaping any text. */
int  affari_ui_line_height (GtkWidget *widget);

/* Moves @adjustment by @delta (clamped to its range, as GTK does); FALSE when it could not move,
 * being at that end already: an autoscroll stops there instead of repainting for nothing. */
gboolean affari_ui_adjustment_step (GtkAdjustment *adjustment,
                                    double         delta);

/* What is typed or pasted into @editable stops at @max_chars (the store's limit for that text),
 * and when something is cut the window's toast says so: "@what can have at most N characters".
 * No field lets a 100,000-character paste through to the layout. */
void affari_ui_limit_text (GtkEditable *editable,
                           int          max_chars,
                           const char  *what);

G_END_DECLS
