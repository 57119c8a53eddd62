/* test-welcome.c — team mode in the app: the first start's welcome and its server form,
 * --server with --database refused, Preferenze's "Server" page, the offline banner
 *
 * The welcome shows only where there is no database at the usual place and no server in the
 * settings: XDG_DATA_HOME points at the test's own folder (set before GLib reads it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "affari-test-files.h"
#include "affari-test-harness.h"
#include "store/affari-store-private.h"
#include "ui/app/affari-application.h"
#include "ui/app/affari-server-form.h"
#include "ui/app/affari-welcome.h"
#include "ui/app/affari-window.h"
#include "ui/settings/affari-preferences-window.h"
#include "ui/settings/affari-server-page.h"

#define BANNER_TEXT "Il server non è raggiungibile: vedi gli ultimi dati letti, le modifiche non vengono salvate. " \
                    "Nuovo tentativo in corso…"

static char *data_home;

typedef struct {
  AffariTestApp base;
  gboolean      samples;
} Fixture;

static char *
default_db_path (void)
{
  return g_build_filename (data_home, "affari", "affari.db", NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (data_home, "affari", NULL);

  affari_test_app_setup (&f->base, "welcome");
  f->base.default_path = TRUE;
  /* Every test starts as a first start: nothing at the usual place. */
  affari_test_remove_tree (dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (data_home, "affari", NULL);

  affari_test_remove_tree (dir);
  affari_test_app_teardown (&f->base);
}

static AffariWelcome *
wait_for_welcome (void)
{
  GtkWindow *welcome = NULL;

  WAIT_UNTIL ((welcome = affari_test_find_toplevel (AFFARI_TYPE_WELCOME)) != NULL);
  affari_test_wait_for_frame (GTK_WIDGET (welcome));
  return AFFARI_WELCOME (welcome);
}

static gboolean
has_main_window (Fixture *f)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (f->base.app)); l != NULL; l = l->next)
    if (AFFARI_IS_WINDOW (l->data))
      return TRUE;
  return FALSE;
}

/* The server the settings keep for the next start. */
static void
assert_server_setting (const char *expected)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *url = g_settings_get_string (settings, "server-url");

  g_assert_cmpstr (url, ==, expected);
}

/* ---- "Da solo su questo computer" ---- */

static void
choose_local_body (Fixture *f)
{
  AffariWelcome *welcome = wait_for_welcome ();
  g_autofree char *path = default_db_path ();
  GtkWidget *samples_switch;
  AffariWorkspace *workspace;
  AffariWindow *window;
  guint n;

  /* The first start asks, in Italian, before anything is made. */
  g_assert_false (has_main_window (f));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (welcome), "Benvenuto in Affari"));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (welcome),
                                              "Prima di iniziare a lavorare, è necessario configurare "
                                              "l’autorizzazione di accesso."));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (welcome), "Da solo su questo computer"));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (welcome), "Con il team, su un server"));

  /* "Aggiungi affari di esempio" is on unless the test turns it off. */
  samples_switch = affari_test_find_type (GTK_WIDGET (welcome), GTK_TYPE_SWITCH);
  g_assert_nonnull (samples_switch);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (samples_switch)));
  gtk_switch_set_active (GTK_SWITCH (samples_switch), f->samples);

  g_object_add_weak_pointer (G_OBJECT (welcome), (gpointer *) &welcome);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (welcome), "welcome.use-local", NULL));

  /* The main window, on a new database at the usual place; the welcome is gone. */
  WAIT_UNTIL (has_main_window (f));
  window = affari_test_app_get_window (&f->base);
  affari_test_assert_gone ((GObject **) &welcome, "the welcome");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  workspace = affari_window_get_workspace (window);
  g_assert_cmpstr (affari_workspace_get_path (workspace), ==, path);
  g_assert_false (affari_workspace_is_server (workspace));
  {
    g_autoptr(AffariDealQuery) query = affari_deal_query_new ();
    g_autoptr(GError) error = NULL;

    n = affari_workspace_count_deals (workspace, query, &error);
    g_assert_no_error (error);
  }
  if (f->samples)
    g_assert_cmpuint (n, >, 100);
  else
    g_assert_cmpuint (n, ==, 0);
  /* No server is remembered. */
  assert_server_setting ("");
}

static void
test_welcome_local_samples (Fixture       *f,
                            gconstpointer  data)
{
  f->samples = TRUE;
  AFFARI_TEST_RUN (f, choose_local_body);
}

static void
test_welcome_local_empty (Fixture       *f,
                          gconstpointer  data)
{
  f->samples = FALSE;
  AFFARI_TEST_RUN (f, choose_local_body);
}

/* ---- a database at the usual place: no welcome ---- */

static void
existing_database_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  g_autofree char *path = default_db_path ();

  g_assert_null (affari_test_find_toplevel (AFFARI_TYPE_WELCOME));
  g_assert_cmpstr (affari_workspace_get_path (affari_window_get_workspace (window)), ==, path);
}

static void
test_welcome_not_with_database (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *path = default_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariWorkspace) workspace = affari_workspace_open (path, &error);

  g_assert_no_error (error);
  affari_workspace_close (workspace);
  AFFARI_TEST_RUN (f, existing_database_body);
}

/* ---- "Con il team, su un server": the form ---- */

static void
server_form_body (Fixture *f)
{
  AffariWelcome *welcome = wait_for_welcome ();
  AffariServerForm *form;
  GtkWidget *url_row;
  GtkWidget *password_row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (welcome), "welcome.show-server-form", NULL));
  form = AFFARI_SERVER_FORM (affari_test_find_type (GTK_WIDGET (welcome), AFFARI_TYPE_SERVER_FORM));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (form)));
  affari_test_wait_for_frame (GTK_WIDGET (welcome));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (welcome), "Indirizzo del server"));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (welcome), "Ricorda la password"));

  /* An empty address is refused where it was written, in Italian; nothing is tried. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "server-form.connect", NULL));
  g_assert_false (affari_server_form_is_busy (form));
  g_assert_cmpstr (affari_server_form_get_error (form), ==,
                   "Scrivi l’indirizzo del server, ad esempio postgresql://server.example.it/affari");
  affari_test_wait_for_frame (GTK_WIDGET (welcome));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (welcome), affari_server_form_get_error (form)));
  url_row = affari_test_find_type (GTK_WIDGET (form), ADW_TYPE_ENTRY_ROW);
  g_assert_true (gtk_widget_has_css_class (url_row, "error"));

  /* A server nobody answers on (port 1 of this machine): the window stays live while it is
   * tried, then says why under the fields, and no main window opens. */
  gtk_editable_set_text (GTK_EDITABLE (url_row), "postgresql://127.0.0.1:1/affari");
  g_assert_false (gtk_widget_has_css_class (url_row, "error"));
  password_row = affari_test_find_type (GTK_WIDGET (form), ADW_TYPE_PASSWORD_ENTRY_ROW);
  gtk_editable_set_text (GTK_EDITABLE (password_row), "segreto");
  affari_server_form_connect (form);
  g_assert_true (affari_server_form_is_busy (form));
  g_assert_false (gtk_widget_get_sensitive (url_row));
  WAIT_UNTIL (!affari_server_form_is_busy (form));
  g_assert_nonnull (affari_server_form_get_error (form));
  g_assert_true (gtk_widget_get_sensitive (url_row));
  g_assert_false (has_main_window (f));
  g_assert_nonnull (affari_test_find_toplevel (AFFARI_TYPE_WELCOME));

  /* Back to the two choices. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (welcome), "welcome.back", NULL));
  affari_test_wait_for_frame (GTK_WIDGET (welcome));
  WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (welcome), "Da solo su questo computer"));
}

static void
test_welcome_server_form (Fixture       *f,
                          gconstpointer  data)
{
  AFFARI_TEST_RUN (f, server_form_body);
}

/* ---- a server in the settings that does not answer ---- */

static void
unreachable_body (Fixture *f)
{
  GtkWindow *dialog = NULL;
  g_autofree char *path = default_db_path ();
  AffariWindow *window;

  /* The start-up's connection: something on screen at once, then the dialog saying why not. */
  WAIT_UNTIL ((dialog = affari_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  g_assert_false (has_main_window (f));
  g_assert_null (affari_test_find_toplevel (AFFARI_TYPE_WELCOME));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "local"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "retry")
                 || adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "connect"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* "Usa questo computer": the database at the usual place, for this time only. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "local");
  WAIT_UNTIL (has_main_window (f));
  window = affari_test_app_get_window (&f->base);
  g_assert_false (affari_workspace_is_server (affari_window_get_workspace (window)));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  assert_server_setting ("postgresql://127.0.0.1:1/affari");
}

static void
test_unreachable_at_start (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  g_settings_set_string (settings, "server-url", "postgresql://127.0.0.1:1/affari");
  g_settings_set_string (settings, "server-login", "sara");
  AFFARI_TEST_RUN (f, unreachable_body);
}

/* ---- --server with --database ---- */

static void
test_server_with_database (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(AffariApplication) app = affari_application_new (0);
      char *argv[] = { "affari", "--server", "postgresql://db.example.it/affari",
                       "--database", "/tmp/affari-test.db", NULL };
      int status;

      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv);
      g_assert_cmpint (status, ==, 1);
      /* Nothing was opened or made. */
      g_assert_null (affari_application_get_workspace (app));
      g_assert_false (g_file_test ("/tmp/affari-test.db", G_FILE_TEST_EXISTS));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*--server e --database non possono essere usati insieme*");
}

/* ---- Preferenze's "Server" page, and the offline banner ---- */

static gboolean
match_revealer_of_banner (GtkWidget     *widget,
                          gconstpointer  data)
{
  GtkWidget *child;

  if (!GTK_IS_REVEALER (widget))
    return FALSE;
  child = gtk_revealer_get_child (GTK_REVEALER (widget));
  return child != NULL && gtk_widget_has_css_class (child, "affari-banner");
}

static void
banner_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariWorkspace *workspace = affari_window_get_workspace (window);
  GtkWidget *revealer = affari_test_find_widget (GTK_WIDGET (window), match_revealer_of_banner, NULL);

  g_assert_nonnull (revealer);
  g_assert_true (affari_workspace_is_online (workspace));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_false (affari_test_label_on_screen (GTK_WIDGET (window), BANNER_TEXT));

  /* What the server's store does when the server stops answering, and when it is back. */
  store_set_online (affari_workspace_get_store (workspace), FALSE);
  g_assert_false (affari_workspace_is_online (workspace));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  WAIT_UNTIL (gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)));
  affari_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (window), BANNER_TEXT));

  store_set_online (affari_workspace_get_store (workspace), TRUE);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  WAIT_UNTIL (!gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)));
}

static void
test_offline_banner (Fixture       *f,
                     gconstpointer  data)
{
  f->base.default_path = FALSE;
  AFFARI_TEST_RUN (f, banner_body);
}

static void
server_page_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  GtkWindow *preferences = NULL;
  GtkWidget *page;
  GtkWidget *revealer;
  g_autofree char *display = g_filename_display_name (f->base.db_path);

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->base.app), "preferences"));
  g_action_group_activate_action (G_ACTION_GROUP (f->base.app), "preferences", NULL);
  WAIT_UNTIL ((preferences = affari_test_find_toplevel (AFFARI_TYPE_PREFERENCES_WINDOW)) != NULL);
  page = affari_test_find_type (GTK_WIDGET (preferences), AFFARI_TYPE_SERVER_PAGE);
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences), ADW_PREFERENCES_PAGE (page));
  affari_test_wait_for_frame (GTK_WIDGET (preferences));

  /* Where the data is: this computer, this file; nothing to switch back to. */
  g_assert_true (affari_test_label_on_screen (page, "Su questo computer"));
  g_assert_true (affari_test_label_on_screen (page, display));
  g_assert_true (affari_test_label_on_screen (page, "Connetti a un server…"));
  g_assert_false (affari_test_label_on_screen (page, "Usa il database su questo computer"));

  /* "Connetti a un server…" shows the welcome's form, here. */
  revealer = affari_test_find_type (page, GTK_TYPE_REVEALER);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (gtk_widget_activate_action (page, "server.show-form", NULL));
  WAIT_UNTIL (gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)));
  affari_test_wait_for_frame (GTK_WIDGET (preferences));
  g_assert_true (affari_test_label_on_screen (page, "Indirizzo del server"));
  g_assert_nonnull (affari_test_find_type (page, AFFARI_TYPE_SERVER_FORM));

  gtk_window_destroy (preferences);
  g_assert_nonnull (window);
}

static void
test_server_page (Fixture       *f,
                  gconstpointer  data)
{
  f->base.default_path = FALSE;
  AFFARI_TEST_RUN (f, server_page_body);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *tmp = g_dir_make_tmp ("affari-test-welcome-XXXXXX", NULL);
  int status;

  /* Before anything asks GLib for it: GLib reads it once. */
  data_home = g_build_filename (tmp, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", tmp, TRUE);
  affari_test_init (&argc, &argv);

  g_test_add ("/welcome/first-start/local-with-samples", Fixture, NULL, fixture_setup,
              test_welcome_local_samples, fixture_teardown);
  g_test_add ("/welcome/first-start/local-empty", Fixture, NULL, fixture_setup,
              test_welcome_local_empty, fixture_teardown);
  g_test_add ("/welcome/not-with-a-database", Fixture, NULL, fixture_setup,
              test_welcome_not_with_database, fixture_teardown);
  g_test_add ("/welcome/server-form", Fixture, NULL, fixture_setup,
              test_welcome_server_form, fixture_teardown);
  g_test_add_func ("/welcome/server-with-database", test_server_with_database);
  g_test_add ("/welcome/unreachable-at-start", Fixture, NULL, fixture_setup,
              test_unreachable_at_start, fixture_teardown);
  g_test_add ("/window/offline-banner", Fixture, NULL, fixture_setup,
              test_offline_banner, fixture_teardown);
  g_test_add ("/preferences/server-page", Fixture, NULL, fixture_setup,
              test_server_page, fixture_teardown);

  status = g_test_run ();
  affari_test_remove_tree (tmp);
  g_free (data_home);
  return status;
}
