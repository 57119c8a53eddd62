/* affari-window-tools.c — the window's actions that are not about one view or the card:
 * the trash, the shortcuts, exporting the activities, the sample data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-window"

#include "config.h"

#include <glib/gi18n.h>

#include "io/affari-demo.h"
#include "io/affari-ics.h"
#include "ui/app/affari-trash-window.h"
#include "ui/app/affari-window-export.h"
#include "ui/app/affari-window-generator.h"
#include "ui/app/affari-window-quotes.h"
#include "ui/app/affari-window-private.h"
#include "ui/forecast/affari-forecast-window.h"
#include "ui/import/affari-window-import.h"

/* Deals the "Load Sample Data" button creates: enough to see every view at work. */
#define SAMPLE_DEALS 500
#define SAMPLE_SEED  1

/* Ctrl+? and "Scorciatoie da tastiera": the shortcuts window, built the first time. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/affari/Affari/ui/affari-shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* Transient for this window, hidden (not destroyed) when closed. */
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static void
show_trash_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (affari_trash_window_new (GTK_WINDOW (self), self->workspace, self->ops)));
}

static void
show_forecast_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (affari_forecast_window_new (GTK_WINDOW (self), self->workspace, self->ops)));
}

/* ---- activities and calendar ---- */

/* What the user sees is what is exported: the activities of the deals of the pipeline shown,
 * through the filter of the search bar. */
static void
export_activities_to_file (AffariWindow *self,
                           GFile        *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDealQuery) query = affari_deal_query_new ();
  g_autofree char *message = NULL;
  const AffariDealQuery *filter = affari_filter_bar_get_filter (self->filter_bar);
  guint n = 0;

  if (filter != NULL)
    affari_deal_query_merge_filter (query, filter);
  query->pipeline_id = _affari_window_selected_pipeline_id (self);
  /* Only the open activities: a few hundred lines, written before the next frame. */
  if (!affari_ics_export (affari_workspace_get_store (self->workspace), query, file, &n, NULL, &error))
    /* Translators: a toast; %s says why. */
    message = g_strdup_printf (_("The activities could not be exported: %s"), error->message);
  else
    /* Translators: a toast after exporting the planned activities to an .ics file. */
    message = g_strdup_printf (ngettext ("%u activity exported for the calendar", "%u activities exported for the calendar", n), n);
  affari_window_add_toast (self, message);
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               AffariWindow    *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file != NULL)
    export_activities_to_file (self, file);
}

static void
export_activities_to_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  export_activities_to_file (AFFARI_WINDOW (widget), file);
}

static void
export_activities_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Activities"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Calendar files (.ics)"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the file name the export suggests; keep the .ics ending. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("affari-activities.ics"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
load_sample_data_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  /* 500 deals take a few tens of milliseconds: not worth a thread and a second connection. */
  gtk_widget_action_set_enabled (widget, "win.load-sample-data", FALSE);

  if (!affari_demo_generate (affari_workspace_get_store (self->workspace), SAMPLE_DEALS, SAMPLE_SEED, &error))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Could not load the sample data: %s"), error->message);
      affari_window_add_toast (self, message);
    }
  else
    {
      affari_window_add_toast (self, _("Sample data loaded"));
    }

  /* Now rather than on idle: the board must not show "0 deals" for a frame. */
  _affari_window_reload_pipelines (self);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  _affari_window_update_empty_state (self);
}

/* ------------------------------------------------------------ init */

void
_affari_window_class_tools_init (GtkWidgetClass *widget_class)
{
  _affari_window_class_recurring_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.show-trash", NULL, show_trash_action);
  gtk_widget_class_install_action (widget_class, "win.show-forecast", NULL, show_forecast_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.export-activities", NULL, export_activities_action);
  /* The same export without the file chooser: a path (tests, scripts). */
  gtk_widget_class_install_action (widget_class, "win.export-activities-to", "s", export_activities_to_action);
  gtk_widget_class_install_action (widget_class, "win.load-sample-data", NULL, load_sample_data_action);
  gtk_widget_class_install_action (widget_class, "win.show-generator", NULL, _affari_window_show_generator_action);
  gtk_widget_class_install_action (widget_class, "win.show-quotes", NULL, _affari_window_show_quotes_action);
  gtk_widget_class_install_action (widget_class, "win.show-quote", "x", _affari_window_show_quote_action);
  gtk_widget_class_install_action (widget_class, "win.quote-from-card", NULL, _affari_window_quote_from_card_action);
  gtk_widget_class_install_action (widget_class, "win.show-leads", NULL, _affari_window_show_leads_action);
  _affari_window_class_import_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.export-all", NULL, _affari_window_export_all_action);
  gtk_widget_class_install_action (widget_class, "win.export-all-to", "s", _affari_window_export_all_to_action);
}
