/* affari-window-export.c — "Esporta tutto…": the whole database as one JSON document
 *
 * The export runs on a worker thread with a read-only connection of its own (the window keeps
 * working, and what is written is one snapshot), its progress and "Annulla" in a dialog; a
 * cancel or a failure leaves no file (io/affari-export-json.c writes beside the destination and
 * renames at the end).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-window"

#include "config.h"

#include <glib/gi18n.h>

#include "io/affari-export-json.h"
#include "ui/app/affari-window-export.h"
#include "ui/app/affari-window-private.h"

typedef struct {
  AffariWindow     *window;
  char             *dest;
  GCancellable     *cancellable;
  AdwMessageDialog *dialog;
  GtkProgressBar   *progress;
} ExportAll;

static void
export_all_free (gpointer data)
{
  ExportAll *export = data;

  g_clear_weak_pointer (&export->dialog);
  g_clear_weak_pointer (&export->progress);
  g_clear_object (&export->window);
  g_clear_object (&export->cancellable);
  g_free (export->dest);
  g_free (export);
}

/* On the main thread (the worker posts the latest figure). */
static void
on_progress (gint64 done, gint64 total, gpointer data)
{
  ExportAll *export = data;

  if (export->progress != NULL && total > 0)
    gtk_progress_bar_set_fraction (export->progress, (double) done / (double) total);
}

static void
on_dialog_response_cb (AdwMessageDialog *dialog, const char *response, ExportAll *export)
{
  g_cancellable_cancel (export->cancellable);
}

static void
on_export_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  ExportAll *export = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (export->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_func (export->dialog, on_dialog_response_cb, export);
      gtk_window_destroy (GTK_WINDOW (export->dialog));
    }
  if (affari_export_json_finish (result, &error))
    {
      g_autofree char *name = g_path_get_basename (export->dest);

      /* Translators: a toast; %s is the file name of the export. */
      message = g_strdup_printf (_("Everything exported to “%s”"), name);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup (_("Export cancelled: no file was written"));
  else
    /* Translators: a toast; %s says why. */
    message = g_strdup_printf (_("The export could not be written: %s"), error->message);
  affari_window_add_toast (export->window, message);
  export_all_free (export);
}

static void
export_all_to (AffariWindow *self, const char *dest)
{
  ExportAll *export = g_new0 (ExportAll, 1);

  export->window = g_object_ref (self);
  export->dest = g_strdup (dest);
  export->cancellable = g_cancellable_new ();

  export->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Exporting Everything…"), NULL));
  adw_message_dialog_set_body (export->dialog, _("Deals, clients, products, activities and settings are written to one JSON file."));
  export->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  adw_message_dialog_set_extra_child (export->dialog, GTK_WIDGET (export->progress));
  /* Both go when the dialog is closed, before the export ends. */
  g_object_add_weak_pointer (G_OBJECT (export->dialog), (gpointer *) &export->dialog);
  g_object_add_weak_pointer (G_OBJECT (export->progress), (gpointer *) &export->progress);
  adw_message_dialog_add_response (export->dialog, "cancel", _("_Cancel"));
  g_signal_connect (export->dialog, "response", G_CALLBACK (on_dialog_response_cb), export);
  gtk_window_present (GTK_WINDOW (export->dialog));

  affari_export_json_async (affari_workspace_get_store (self->workspace), dest, on_progress, export, NULL,
                            export->cancellable, on_export_done_cb, export);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        AffariWindow    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    export_all_to (self, path);
}

void
_affari_window_export_all_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Everything"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("JSON files (.json)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the file name the export suggests; %s is the day; keep the .json ending. */
  name = g_strdup_printf (_("affari-export-%s.json"), day);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_affari_window_export_all_to_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  export_all_to (AFFARI_WINDOW (widget), g_variant_get_string (parameter, NULL));
}
