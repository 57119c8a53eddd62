/* test-export.c — "Esporta tutto…" in the real window: win.export-all-to (the menu item's action
 * after the file chooser) writes the whole database as JSON off the main thread, shows its
 * progress dialog, then a toast; the file holds every deal of the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "affari-test-harness.h"
#include "store/affari-store.h"
#include "store/affari-store-export.h"

typedef struct {
  AffariTestApp base;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  affari_test_app_setup (&f->base, "export");
  affari_test_app_fill_demo (&f->base, 300, 3);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  affari_test_app_teardown (&f->base);
}

static gboolean
dialog_open (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)), heading) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
export_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  g_autofree char *dest = g_build_filename (f->base.dir, "tutto.json", NULL);
  g_autofree char *toast = g_strdup_printf (_("Everything exported to “%s”"), "tutto.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  gint64 deals = affari_store_export_count (store, AFFARI_EXPORT_DEAL, &error);

  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-all-to", "s", dest));
  WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (window), toast));
  g_assert_false (dialog_open (_("Exporting Everything…")));

  g_assert_true (json_parser_load_from_file (parser, dest, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "affari-export");
  g_assert_cmpint (deals, >=, 300);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (root, "deal")), ==, deals);

  /* A place that cannot be written: a toast says so, and no file appears. */
  {
    g_autofree char *bad = g_build_filename (f->base.dir, "manca", "tutto.json", NULL);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-all-to", "s", bad));
    WAIT_UNTIL (!dialog_open (_("Exporting Everything…")));
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  }
}

static void
test_export (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, export_body);
}

int
main (int argc, char *argv[])
{
  affari_test_init (&argc, &argv);
  g_test_add ("/export/everything-json", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  return g_test_run ();
}
