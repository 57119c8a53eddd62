/* affari-file-chooser.h — a GtkFileChooserNative shown for a path: what every "Importa…",
 * "Esporta…" of the windows does after the person picked a file (GTK 4.8 has no GtkFileDialog)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called with the local path the person accepted. */
typedef void (*AffariFileChosen) (GtkWidget *owner, const char *path);

/* Shows @chooser (taken: destroyed once answered) modal, then calls @chosen with @owner (kept
 * alive until then) and the path; nothing when it was cancelled or the file has no local path. */
void affari_file_chooser_show (GtkFileChooserNative *chooser,
                               GtkWidget            *owner,
                               AffariFileChosen      chosen);

G_END_DECLS
