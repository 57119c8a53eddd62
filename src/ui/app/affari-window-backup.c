/* affari-window-backup.c — backups from the window, and the banner of a damaged database
 *
 * "Esporta backup…" writes a copy on a worker thread (the window keeps working) with its progress
 * and "Annulla" in a dialog; "Ripristina backup…" lists the daily backups with their date and
 * deals, and after a confirmation the application puts one in place of the database. When the
 * database is found damaged the banner says so and offers both ways out: restore a backup, or
 * keep reading what is there (nothing more is saved either way).
 *
 * Actions: win.export-backup, win.export-backup-to (s: a path; tests and scripts),
 * win.restore-backup, win.restore-backup-from (s: a backup's path: asks to confirm),
 * win.keep-read-only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/app/affari-application.h"
#include "ui/app/affari-window-private.h"

/* ------------------------------------------------------------ export */

typedef struct {
  AffariWindow    *window;
  AffariWorkspace *workspace;
  char            *dest;
  GCancellable    *cancellable;
  AdwMessageDialog *dialog;
  GtkProgressBar  *progress;
  gint             permille;    /* written by the worker, read on the main thread */
  guint            progress_source;
} Export;

static void
export_free (Export *export)
{
  g_clear_weak_pointer (&export->dialog);
  g_clear_weak_pointer (&export->progress);
  g_clear_handle_id (&export->progress_source, g_source_remove);
  g_clear_object (&export->window);
  g_clear_object (&export->workspace);
  g_clear_object (&export->cancellable);
  g_free (export->dest);
  g_free (export);
}

static void
on_progress (int done, int total, gpointer data)
{
  Export *export = data;

  g_atomic_int_set (&export->permille, total > 0 ? (gint) ((gint64) done * 1000 / total) : 0);
}

static gboolean
update_progress_cb (gpointer data)
{
  Export *export = data;

  if (export->progress != NULL)
    gtk_progress_bar_set_fraction (export->progress, g_atomic_int_get (&export->permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
export_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Export *export = data;
  GError *error = NULL;

  if (affari_workspace_back_up (export->workspace, export->dest, on_progress, export, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_export_dialog_response_cb (AdwMessageDialog *dialog, const char *response, Export *export)
{
  g_cancellable_cancel (export->cancellable);
}

static void
on_export_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Export *export = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (export->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_func (export->dialog, on_export_dialog_response_cb, export);
      gtk_window_destroy (GTK_WINDOW (export->dialog));
    }
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *name = g_path_get_basename (export->dest);

      /* Translators: a toast; %s is the file name of the backup. */
      message = g_strdup_printf (_("Backup saved as “%s”"), name);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup (_("Backup cancelled"));
  else
    /* Translators: a toast; %s says why. */
    message = g_strdup_printf (_("The backup could not be written: %s"), error->message);
  affari_window_add_toast (export->window, message);
}

static void
export_to (AffariWindow *self, const char *dest)
{
  g_autoptr(GTask) task = NULL;
  Export *export = g_new0 (Export, 1);

  export->window = g_object_ref (self);
  export->workspace = g_object_ref (self->workspace);
  export->dest = g_strdup (dest);
  export->cancellable = g_cancellable_new ();

  export->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Writing the Backup…"), NULL));
  export->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  adw_message_dialog_set_extra_child (export->dialog, GTK_WIDGET (export->progress));
  /* Both go when the dialog is closed, before the copy ends. */
  g_object_add_weak_pointer (G_OBJECT (export->dialog), (gpointer *) &export->dialog);
  g_object_add_weak_pointer (G_OBJECT (export->progress), (gpointer *) &export->progress);
  adw_message_dialog_add_response (export->dialog, "cancel", _("_Cancel"));
  g_signal_connect (export->dialog, "response", G_CALLBACK (on_export_dialog_response_cb), export);
  gtk_window_present (GTK_WINDOW (export->dialog));
  export->progress_source = g_timeout_add (100, update_progress_cb, export);

  task = g_task_new (NULL, export->cancellable, on_export_done_cb, NULL);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  g_task_run_in_thread (task, export_thread);
}

static void
export_backup_to_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  export_to (AFFARI_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* The local path a file chooser answered with (NULL when cancelled); the chooser is done. */
static char *
take_chooser_path (GtkNativeDialog *chooser, int response)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  return file != NULL ? g_file_get_path (file) : NULL;
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser, int response, AffariWindow *self)
{
  g_autofree char *path = take_chooser_path (chooser, response);

  if (path != NULL)
    export_to (self, path);
}

static void
export_backup_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  /* Translators: the file name "Esporta backup…" suggests; %s is today's date (2026-12-06). */
  g_autofree char *name = g_strdup_printf (_("affari-backup-%s.db"), day);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Backup"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------ restore */

typedef struct {
  AffariApplication *app;
  char              *path;
} Restore;

static void
restore_cb (gpointer data)
{
  Restore *restore = data;

  /* The application closes this window with the database and opens a new one on the restored
   * file; on failure it opens the database as it was and says why. */
  affari_application_restore_backup (restore->app, restore->path);
  g_object_unref (restore->app);
  g_free (restore->path);
  g_free (restore);
}

static void
on_restore_confirm_response_cb (AdwMessageDialog *dialog, const char *response, AffariWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  Restore *restore;

  if (g_strcmp0 (response, "restore") != 0 || app == NULL)
    return;
  /* Once the dialog has finished answering: restoring closes every window, this one too. */
  restore = g_new0 (Restore, 1);
  restore->app = g_object_ref (AFFARI_APPLICATION (app));
  restore->path = g_strdup (g_object_get_data (G_OBJECT (dialog), "affari-backup"));
  g_idle_add_once (restore_cb, restore);
}

static void
confirm_restore (AffariWindow *self, const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Restore the Backup?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("The deals will be as in “%s”. The database as it is now is kept among the backups."),
                                  name);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "affari-backup", g_strdup (path), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_restore_confirm_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_backup_from_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  confirm_restore (AFFARI_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
on_backup_row_activated_cb (GtkListBox *list, GtkListBoxRow *row, AffariWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (row), "affari-backup");
  GtkWidget *dialog = g_object_get_data (G_OBJECT (list), "affari-dialog");

  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  if (path != NULL)
    confirm_restore (self, path);
}

static void
on_restore_chooser_response_cb (GtkNativeDialog *chooser, int response, AffariWindow *self)
{
  g_autofree char *path = take_chooser_path (chooser, response);

  if (path != NULL)
    confirm_restore (self, path);
}

static void
on_restore_list_response_cb (AdwMessageDialog *dialog, const char *response, AffariWindow *self)
{
  GtkFileChooserNative *chooser;

  if (g_strcmp0 (response, "file") != 0)
    return;
  chooser = gtk_file_chooser_native_new (_("Restore Backup"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_restore_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
restore_backup_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  g_autoptr(GPtrArray) backups = affari_workspace_list_backups (self->workspace);
  AdwMessageDialog *dialog;
  GtkWidget *list;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Restore a Backup"), NULL));
  adw_message_dialog_set_body (dialog, backups->len > 0
                                       ? _("Affari keeps a backup of each of the last seven days it was used.")
                                       : _("There is no daily backup yet: choose a backup file."));
  list = gtk_list_box_new ();
  g_object_set_data (G_OBJECT (list), "affari-dialog", dialog);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < backups->len; i++)
    {
      AffariBackupInfo *info = g_ptr_array_index (backups, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (info->modified);
      /* Translators: when a backup was made, as in "6 dicembre 2026, 18:30". */
      g_autofree char *title = g_date_time_format (when, _("%e %B %Y, %H:%M"));
      g_autofree char *subtitle = info->n_deals >= 0
        ? g_strdup_printf (ngettext ("%d deal", "%d deals", info->n_deals), info->n_deals)
        : g_strdup (_("Cannot be read"));
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_strstrip (title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), info->n_deals >= 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "affari-backup", g_strdup (info->path), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  g_signal_connect (list, "row-activated", G_CALLBACK (on_backup_row_activated_cb), self);
  if (backups->len > 0)
    adw_message_dialog_set_extra_child (dialog, list);
  else
    g_object_unref (g_object_ref_sink (list));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "file", _("Choose a _File…"), NULL);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_restore_list_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------ the damaged database */

static void
keep_read_only_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);

  gtk_label_set_text (self->damaged_label, _("The database is damaged: it is open read-only, nothing is saved."));
  gtk_widget_set_visible (self->damaged_read_only_button, FALSE);
}

static void
show_damaged (AffariWindow *self)
{
  gtk_info_bar_set_revealed (self->damaged_bar, TRUE);
}

static void
on_workspace_damaged_cb (AffariWorkspace *workspace, AffariWindow *self)
{
  show_damaged (self);
}

void
_affari_window_backup_init (AffariWindow *self)
{
  g_signal_connect_object (self->workspace, "damaged", G_CALLBACK (on_workspace_damaged_cb), self, 0);
  if (affari_workspace_is_damaged (self->workspace))
    show_damaged (self);
}

void
_affari_window_class_backup_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-backup", NULL, export_backup_action);
  gtk_widget_class_install_action (widget_class, "win.export-backup-to", "s", export_backup_to_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL, restore_backup_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup-from", "s", restore_backup_from_action);
  gtk_widget_class_install_action (widget_class, "win.keep-read-only", NULL, keep_read_only_action);
}
