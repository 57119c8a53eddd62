/* affari-deal-list-export.c — the selected deals as a CSV file
 *
 * deals.export asks where (a native file chooser), deals.export-to writes to a path it is given
 * (the tests); the file is written off the main thread and a toast tells the end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-list-view"

#include "config.h"

#include <glib/gi18n.h>

#include "io/affari-csv.h"

#include "ui/list/affari-deal-list-view-private.h"

/* Said by the window (win.toast). */
static void
show_message (AffariDealListView *self, const char *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

static void
on_export_finished_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AffariDealListView) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n = affari_csv_export_deals_finish (result, &error);

  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not export the deals: %s"), error->message);
      show_message (self, text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%'u deal exported", "%'u deals exported", n), n);
      show_message (self, text);
    }
}

/* Writes the selection (or what is listed) to @path off the main thread; a toast tells the end. */
static void
export_to_path (AffariDealListView *self, const GArray *ids, const char *path)
{
  affari_csv_export_deals_async (affari_workspace_get_store (self->workspace), (const gint64 *) (const void *) ids->data, ids->len, path, NULL,
                                 on_export_finished_cb, g_object_ref (self));
}

static void
on_export_response_cb (GtkNativeDialog *dialog, int response, AffariDealListView *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) ids = g_object_steal_data (G_OBJECT (dialog), "ids");
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file ? g_file_get_path (file) : NULL;
    }
  if (path != NULL && ids != NULL && ids->len > 0)
    export_to_path (self, ids, path);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_to_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariDealListView *self = AFFARI_DEAL_LIST_VIEW (widget);
  g_autoptr(GArray) ids = affari_deal_list_view_dup_selected_ids (self);

  if (ids->len > 0)
    export_to_path (self, ids, g_variant_get_string (parameter, NULL));
}

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariDealListView *self = AFFARI_DEAL_LIST_VIEW (widget);
  GArray *ids = affari_deal_list_view_dup_selected_ids (self);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (ids->len == 0)
    {
      g_array_unref (ids);
      return;
    }
  dialog = gtk_file_chooser_native_new (_("Export Deals"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  /* Translators: the suggested name of an exported file */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("deals.csv"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "ids", ids, (GDestroyNotify) g_array_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
affari_deal_list_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "deals.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "deals.export-to", "s", export_to_action);
}
