/* affari-window-import.h — the window's "Importa…" (win.import, Ctrl+I) and win.import-file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Installs win.import (asks for a CSV file or a Bitrix24 folder) and win.import-file (string:
 * the path of one; what a file dropped on the window activates) on AffariWindow's class. */
void _affari_window_class_import_init (GtkWidgetClass *widget_class);

G_END_DECLS
