/* affari-ui-app-test.h — the real application on a temporary database, for the UI tests
 *
 * A test's fixture starts with a UiApp named `ui`:
 *
 *   struct _Fixture { UiApp ui; ...what the test keeps... };
 *
 * ui_app_set_up () makes a private temporary directory for the database and puts back the
 * settings a test run may have changed (every test starts from the defaults);
 * run_app (f, body) runs the real AffariApplication on that database, calls body (f) once the
 * application is activated, and checks that it quit cleanly and that nothing kept it (and with it
 * the store) alive; ui_app_tear_down () removes the directory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "config.h"
#include "store/affari-store.h"
#include "ui/app/affari-application.h"
#include "ui/app/affari-window.h"
#include "affari-ui-test.h"

typedef void (*UiAppBody) (gpointer fixture);

typedef struct {
  char              *dir;
  char              *db_path;
  AffariApplication *app;
  UiAppBody          body;
  gpointer           fixture;
  gboolean           scheduled;
  gboolean           ran;
} UiApp;

static inline void
ui_app_set_up (UiApp      *ui,
               const char *name)
{
  static const char *keys[] = {
    "last-view", "last-pipeline", "window-width", "window-height", "window-maximized",
    "calendar-date-field", "calendar-mode", "calendar-show-activities",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *template = g_strdup_printf ("affari-test-%s-XXXXXX", name);

  ui->dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  ui->db_path = g_build_filename (ui->dir, "affari.db", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

static inline void
ui_app_tear_down (UiApp *ui)
{
  g_autoptr(GDir) dir = g_dir_open (ui->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (ui->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (ui->dir);

  g_clear_pointer (&ui->db_path, g_free);
  g_clear_pointer (&ui->dir, g_free);
}

/* The store on the test's database, before or after the application runs on it. */
static inline AffariStore *
ui_app_open_store (UiApp *ui)
{
  g_autoptr(GError) error = NULL;
  AffariStore *store = affari_store_open (ui->db_path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

/* The main window, once it is on screen and drawn. */
static inline AffariWindow *
ui_app_get_window (UiApp *ui)
{
  AffariWindow *window = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (ui->app)); l != NULL; l = l->next)
    if (AFFARI_IS_WINDOW (l->data))
      window = l->data;

  g_assert_nonnull (window);
  wait_for_frame (GTK_WIDGET (window));

  return window;
}

static inline void
ui_app_run_body_cb (gpointer data)
{
  UiApp *ui = data;

  ui->body (ui->fixture);
  ui->ran = TRUE;
  affari_application_quit_cleanly (ui->app);
}

static inline void
ui_app_activated_cb (GApplication *app,
                     UiApp        *ui)
{
  if (!ui->scheduled)
    g_idle_add_once (ui_app_run_body_cb, ui);
  ui->scheduled = TRUE;
}

static inline void
ui_app_run (UiApp     *ui,
            UiAppBody  body,
            gpointer   fixture)
{
  int status;

  ui->app = affari_application_new (g_get_monotonic_time ());
  g_application_set_flags (G_APPLICATION (ui->app), G_APPLICATION_NON_UNIQUE);
  affari_application_set_database_path (ui->app, ui->db_path);
  ui->body = body;
  ui->fixture = fixture;
  ui->scheduled = FALSE;
  ui->ran = FALSE;
  g_signal_connect_after (ui->app, "activate", G_CALLBACK (ui_app_activated_cb), ui);

  status = g_application_run (G_APPLICATION (ui->app), 0, NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (ui->ran);
  /* Nothing may keep the application (and with it the store) alive after it quit. */
  g_assert_finalize_object (ui->app);
  ui->app = NULL;
}

/* The fixture-typed shorthands every UI test uses (@f: a fixture whose first member is `ui`). */
#define run_app(f, body_func) ui_app_run (&(f)->ui, (UiAppBody) (void (*) (void)) (body_func), (f))
#define get_window(f)         ui_app_get_window (&(f)->ui)
#define open_store(f)         ui_app_open_store (&(f)->ui)
