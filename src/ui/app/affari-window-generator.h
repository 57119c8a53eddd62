/* affari-window-generator.h — the window's side of the sales generator: win.show-generator and
 * the saved generators' runs while the app is open (affari-window-generator.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ui/app/affari-window.h"

G_BEGIN_DECLS

/* win.show-generator: opens "Generatore di vendite". */
void _affari_window_show_generator_action (GtkWidget *widget, const char *action_name, GVariant *parameter);
/* Runs the saved generators that are due a moment after start-up, then whenever one falls due. */
void _affari_window_generator_init        (AffariWindow *self);

G_END_DECLS
