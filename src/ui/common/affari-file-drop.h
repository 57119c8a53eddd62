/* affari-file-drop.h — files dragged from the file manager onto the window, a card or a row
 *
 * Every place that takes files hands them to one action, "drop.files" (asx: the local paths and
 * the deal they were dropped on, 0 for none), installed by the window (affari-window-drop.c),
 * which decides what each file makes. A deal drag is no file: these targets let it through to
 * the columns.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A drop target (copy) for a GdkFileList or a GFile. */
GtkDropTarget *affari_file_drop_target_new (void);
/* Activates "drop.files" from @widget with the local files of @value (a GdkFileList or a GFile)
 * and @deal_id; FALSE when there is no local file or no such action. */
gboolean       affari_file_drop_activate   (GtkWidget    *widget,
                                            const GValue *value,
                                            gint64        deal_id);

G_END_DECLS
