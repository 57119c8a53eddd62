/* affari-file-chooser.c — a GtkFileChooserNative shown for a path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-ui"

#include "config.h"

#include "ui/common/affari-file-chooser.h"

static void
on_response_cb (GtkNativeDialog *chooser,
                int              response,
                gpointer         chosen)
{
  g_autoptr(GtkWidget) owner = g_object_steal_data (G_OBJECT (chooser), "affari-owner");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    ((AffariFileChosen) chosen) (owner, path);
}

void
affari_file_chooser_show (GtkFileChooserNative *chooser,
                          GtkWidget            *owner,
                          AffariFileChosen      chosen)
{
  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser));
  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (chosen != NULL);

  /* The owner (a window) may be closed while the chooser is open: it goes after the answer. */
  g_object_set_data (G_OBJECT (chooser), "affari-owner", g_object_ref (owner));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_response_cb), (gpointer) chosen);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
