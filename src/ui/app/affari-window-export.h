/* affari-window-export.h — "Esporta tutto…": the whole database as JSON, from the window
 * (affari-window-export.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ui/app/affari-window.h"

G_BEGIN_DECLS

/* win.export-all: asks where, then writes the whole database as one JSON document. */
void _affari_window_export_all_action    (GtkWidget *widget, const char *action_name, GVariant *parameter);
/* win.export-all-to (s: a path; tests and scripts): the same without asking. */
void _affari_window_export_all_to_action (GtkWidget *widget, const char *action_name, GVariant *parameter);

G_END_DECLS
