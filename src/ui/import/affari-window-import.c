/* affari-window-import.c — "Importa…" from the window: a CSV file or a Bitrix24 folder
 *
 * A file chooser picks either a file or a folder, not both: the person says first which one
 * (GTK 4.8 has no GtkFileDialog). win.import-file takes the path directly: a .csv dropped on
 * the window, tests, scripts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/app/affari-window-private.h"
#include "ui/common/affari-file-chooser.h"
#include "ui/import/affari-import-dialog.h"
#include "ui/import/affari-window-import.h"

static void
import_path (AffariWindow *self, const char *path)
{
  gtk_window_present (GTK_WINDOW (affari_import_dialog_new (GTK_WINDOW (self), self->workspace, self->ops, path)));
}

static void
on_path_chosen (GtkWidget *owner, const char *path)
{
  import_path (AFFARI_WINDOW (owner), path);
}

static void
choose_csv (AffariWindow *self)
{
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import a File"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV files and Affari exports (.csv, .json)"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  /* A spreadsheet saved as text may end in .txt. */
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  affari_file_chooser_show (chooser, GTK_WIDGET (self), on_path_chosen);
}

static void
choose_folder (AffariWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import a Bitrix24 Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Open"), _("_Cancel"));
  affari_file_chooser_show (chooser, GTK_WIDGET (self), on_path_chosen);
}

static void
on_kind_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     AffariWindow     *self)
{
  if (g_str_equal (response, "csv"))
    choose_csv (self);
  else if (g_str_equal (response, "folder"))
    choose_folder (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Import"), NULL));
  adw_message_dialog_set_body (dialog, _("A CSV file from a spreadsheet, from another CRM or from Bitrix24’s deal list, an export of Affari (.json), or a folder of JSON files downloaded from Bitrix24’s REST API."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "folder", _("_Bitrix24 Folder…"),
                                    "csv", _("_File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "csv", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "csv");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_kind_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  import_path (AFFARI_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

void
_affari_window_class_import_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  /* The same without asking: a path (a .csv dropped on the window, tests, scripts). */
  gtk_widget_class_install_action (widget_class, "win.import-file", "s", import_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
}
