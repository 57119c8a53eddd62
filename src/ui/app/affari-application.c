/* affari-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-application"

#include "config.h"

#include <signal.h>
#include <glib/gi18n.h>
#include <glib-unix.h>

#include "ui/app/affari-application.h"
#include "ui/app/affari-application-private.h"
#include "ui/settings/affari-preferences-window.h"
#include "ui/common/affari-ui.h"
#include "ui/app/affari-welcome.h"
#include "ui/app/affari-window.h"

G_DEFINE_FINAL_TYPE (AffariApplication, affari_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ auxiliary */

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Running from the build tree without the compiled schema must still work. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Schema %s not found: window state will not be kept", APPLICATION_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/* What happened, and what the user can do about it, for each way opening can fail. */
static void
describe_open_error (const GError  *error,
                     const char    *name,
                     char         **what,
                     const char   **todo,
                     gboolean      *can_retry)
{
  *can_retry = FALSE;

  if (error->domain != AFFARI_ERROR)
    {
      *what = g_strdup_printf (_("“%s” could not be opened."), name);
      *todo = _("Try again. If it keeps failing, the details below can help find the cause.");
      *can_retry = TRUE;
      return;
    }

  switch ((AffariError) error->code)
    {
    case AFFARI_ERROR_NOT_AFFARI:
      *what = g_strdup_printf (_("“%s” is not an Affari database."), name);
      *todo = _("Open another file with “affari --database PATH”, or move this file elsewhere "
                "and start Affari again to begin with a new database.");
      break;

    case AFFARI_ERROR_TOO_NEW:
      *what = g_strdup_printf (_("“%s” was saved by a newer version of Affari."), name);
      *todo = _("Update Affari to the latest version to open it.");
      break;

    case AFFARI_ERROR_CORRUPT:
      *what = g_strdup_printf (_("“%s” is damaged."), name);
      *todo = _("Restore a backup copy of it, or move the file elsewhere and start Affari again "
                "to begin with a new database.");
      break;

    case AFFARI_ERROR_LOCKED:
      *what = g_strdup_printf (_("“%s” is in use by another program."), name);
      *todo = _("Close the other program, then try again.");
      *can_retry = TRUE;
      break;

    case AFFARI_ERROR_FULL:
      *what = g_strdup_printf (_("The disk that holds “%s” is full."), name);
      *todo = _("Free some space on the disk, then try again.");
      *can_retry = TRUE;
      break;

    case AFFARI_ERROR_READ_ONLY:
      *what = g_strdup_printf (_("“%s” cannot be written."), name);
      *todo = _("Check that you may write the file and its folder, then try again.");
      *can_retry = TRUE;
      break;

    case AFFARI_ERROR_FAILED:
    case AFFARI_ERROR_IO:
    case AFFARI_ERROR_INVALID:
    case AFFARI_ERROR_NOT_FOUND:
    case AFFARI_ERROR_CONSTRAINT:
    case AFFARI_ERROR_PARSE:
    default:
      *what = g_strdup_printf (_("“%s” could not be opened."), name);
      *todo = _("Try again. If it keeps failing, the details below can help find the cause.");
      *can_retry = TRUE;
      break;
    }
}

static void
on_open_error_responded_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            gpointer          user_data)
{
  AffariApplication *self = AFFARI_APPLICATION (user_data);

  /* The dialog holds the application until it is gone: activating again first keeps it
   * running for the next try. */
  if (g_strcmp0 (response, "retry") == 0)
    g_application_activate (G_APPLICATION (self));
}

void
_affari_application_show_open_error (AffariApplication *self,
                                     const char        *path,
                                     const GError      *error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *basename = g_filename_display_basename (path);
  g_autofree char *what = NULL;
  g_autofree char *body = NULL;
  g_autofree char *details = NULL;
  const char *todo = NULL;
  gboolean can_retry = FALSE;
  GtkWidget *dialog;
  GtkWidget *label;

  describe_open_error (error, basename, &what, &todo, &can_retry);

  /* Translators: %1$s says what went wrong, %2$s says what to do about it. */
  body = g_strdup_printf (_("%1$s The file has not been modified.\n\n%2$s"), what, todo);

  dialog = adw_message_dialog_new (NULL, _("Cannot Open the Database"), body);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));

  /* The workspace's own sentence adds nothing to ours for these two; for the others it carries
   * the technical cause (SQLite's message and code), worth a copy-paste into a bug report. */
  if (g_error_matches (error, AFFARI_ERROR, AFFARI_ERROR_NOT_AFFARI) ||
      g_error_matches (error, AFFARI_ERROR, AFFARI_ERROR_TOO_NEW))
    details = g_strdup (display);
  else
    details = g_strdup_printf ("%s\n%s", display, error->message);
  label = gtk_label_new (details);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "quit");

  if (can_retry)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "retry", _("_Try Again"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "retry",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "retry");
    }

  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_open_error_responded_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------ callbacks */

static gboolean
on_unix_signal_cb (gpointer user_data)
{
  AffariApplication *self = AFFARI_APPLICATION (user_data);

  g_debug ("Terminated by a signal: quitting");
  affari_application_quit_cleanly (self);

  return G_SOURCE_CONTINUE;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  affari_application_quit_cleanly (AFFARI_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  AffariApplication *self = AFFARI_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("Affari developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", "Affari",
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("Affari developers"),
                        "developers", developers,
                        "comments", _("Follow your sales deals from the first contact to the signed contract."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/affari/affari",
                        "issue-url", "https://github.com/affari/affari/issues",
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  AffariApplication *self = AFFARI_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  AffariPreferencesWindow *preferences;

  if (self->workspace == NULL)
    return;

  preferences = affari_preferences_window_new (parent, self->workspace);
  /* One of the app's windows: switching the database closes it with the others. */
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  g_signal_connect_object (preferences, "use-local", G_CALLBACK (_affari_application_on_use_local_cb), self, 0);
  g_signal_connect_object (preferences, "server-connected", G_CALLBACK (_affari_application_on_server_connected_cb), self, 0);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* From a notification: the window comes forward with the deal's card. */
static void
open_deal_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  AffariApplication *self = AFFARI_APPLICATION (user_data);

  g_application_activate (G_APPLICATION (self));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (AFFARI_IS_WINDOW (l->data))
      {
        gtk_widget_activate_action (GTK_WIDGET (l->data), "deal.open", "x", g_variant_get_int64 (parameter));
        break;
      }
}

static const GActionEntry app_actions[] = {
  { "open-deal", open_deal_action, "x" },
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
};

/* ------------------------------------------------------------ overrides */

static int
affari_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  AffariApplication *self = AFFARI_APPLICATION (application);
  const char *path = NULL;
  const char *url = NULL;

  g_variant_dict_lookup (options, "database", "^&ay", &path);
  g_variant_dict_lookup (options, "server", "&s", &url);
  if (path != NULL && *path != '\0' && url != NULL && *url != '\0')
    {
      g_printerr ("%s\n", _("--server and --database cannot be used together: choose either the team’s server "
                             "or a database file on this computer."));
      return 1;
    }

  if (url != NULL && *url != '\0')
    {
      g_free (self->server_url);
      self->server_url = g_strdup (url);
      /* Another server is another instance, as another database is. */
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }

  if (path != NULL && *path != '\0')
    {
      g_autofree char *absolute = NULL;

      if (g_strcmp0 (path, ":memory:") == 0)
        absolute = g_strdup (path);
      else
        absolute = g_canonicalize_filename (path, NULL);

      affari_application_set_database_path (self, absolute);

      /* Another database is another instance: do not hand the request to a running Affari
       * that has its own file open. */
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }

  return G_APPLICATION_CLASS (affari_application_parent_class)->handle_local_options (application, options);
}

static void
affari_application_startup (GApplication *application)
{
  AffariApplication *self = AFFARI_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_overlay_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (affari_application_parent_class)->startup (application);

  self->settings = create_settings ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  /* What GtkApplication sets for a gtk/help-overlay.ui, which Affari's windows build when asked. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", help_overlay_accels);

  /* A clean exit on SIGTERM/SIGINT: the state is saved and the leak checker sees a normal end. */
  self->sigterm_source = g_unix_signal_add (SIGTERM, on_unix_signal_cb, self);
  self->sigint_source = g_unix_signal_add (SIGINT, on_unix_signal_cb, self);
}

static void
on_create_response_cb (AdwMessageDialog  *dialog,
                       const char        *response,
                       AffariApplication *self)
{
  if (g_strcmp0 (response, "create") == 0)
    {
      self->create_confirmed = TRUE;
      g_application_activate (G_APPLICATION (self));
    }
}

static void
ask_create (AffariApplication *self,
            const char        *path)
{
  g_autofree char *display = g_filename_display_name (path);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (NULL, _("Create a New Database?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("There is no database at “%s”. Affari can create a new, empty one there."),
                                  display);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"), "create", _("_Create"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  g_signal_connect (dialog, "response", G_CALLBACK (on_create_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
start_checks_cb (gpointer data)
{
  AffariApplication *self = data;

  self->checks_source = 0;
  self->checks_done = TRUE;
  if (self->workspace != NULL)
    affari_workspace_check_in_background (self->workspace);
  return G_SOURCE_REMOVE;
}

static void
affari_application_activate (GApplication *application)
{
  AffariApplication *self = AFFARI_APPLICATION (application);
  GtkWindow *window = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (AFFARI_IS_WINDOW (l->data) || AFFARI_IS_WELCOME (l->data))
        {
          window = GTK_WINDOW (l->data);
          break;
        }
    }

  if (window == NULL)
    {
      /* Its end opens the window. */
      if (self->workspace == NULL && self->connecting != NULL)
        return;

      if (self->workspace == NULL && self->database_path == NULL)
        {
          g_autofree char *url = NULL;
          g_autofree char *login = NULL;
          g_autofree char *default_path = NULL;

          if (self->server_url != NULL)
            url = g_strdup (self->server_url);
          else if (self->settings != NULL)
            url = g_settings_get_string (self->settings, "server-url");
          if (url != NULL && url[0] != '\0')
            {
              if (self->server_url == NULL)
                login = g_settings_get_string (self->settings, "server-login");
              _affari_application_connect_to_server (self, url, login, NULL, FALSE);
              return;
            }

          /* The first start: no database at the usual place, no server. */
          default_path = affari_workspace_default_path ();
          if (!g_file_test (default_path, G_FILE_TEST_EXISTS))
            {
              gtk_window_present (GTK_WINDOW (_affari_application_new_welcome (self)));
              return;
            }
        }

      if (self->workspace == NULL)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *path = NULL;

          path = self->database_path != NULL ? g_strdup (self->database_path)
                                             : affari_workspace_default_path ();
          /* A new database is made without asking only at the app's own place; a --database
           * that names no file is asked about (a typo should not become an empty database). */
          if (self->database_path != NULL && !self->create_confirmed && !g_file_test (path, G_FILE_TEST_EXISTS))
            {
              ask_create (self, path);
              return;
            }
          self->workspace = affari_workspace_open (path, &error);

          if (self->workspace == NULL)
            {
              g_message ("Cannot open %s: %s", path, error->message);
              _affari_application_show_open_error (self, path, error);
              return;
            }
        }

      window = GTK_WINDOW (affari_window_new (self, self->workspace));
      if (self->notifier == NULL)
        self->notifier = affari_activity_notifier_new (application, affari_workspace_get_store (self->workspace));
      /* After the first frame: a quick look for damage, then today's backup, on a worker thread. */
      if (self->checks_source == 0 && !self->checks_done)
        self->checks_source = g_timeout_add_seconds (1, start_checks_cb, self);
    }

  gtk_window_present (window);
}

/* Closes every window and the database, puts @backup in its place and opens it again in a new
 * window; on failure the database as it was is opened again, and the window says why. */
void
affari_application_restore_backup (AffariApplication *self,
                                   const char        *backup)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *copy = g_strdup (backup);
  g_autofree char *message = NULL;

  g_return_if_fail (AFFARI_IS_APPLICATION (self));
  g_return_if_fail (self->workspace != NULL);

  path = g_strdup (affari_workspace_get_path (self->workspace));
  /* Keep running while no window is open. */
  g_application_hold (G_APPLICATION (self));
  _affari_application_close_windows_and_workspace (self);

  if (affari_workspace_restore (copy, path, &kept, &error))
    message = g_strdup (_("Backup restored: the database as it was is kept among the backups"));
  else
    /* Translators: a toast; %s says why. */
    message = g_strdup_printf (_("The backup was not restored: %s"), error->message);

  _affari_application_reopen (self, message);
  g_application_release (G_APPLICATION (self));
}

static void
affari_application_shutdown (GApplication *application)
{
  AffariApplication *self = AFFARI_APPLICATION (application);

  g_clear_handle_id (&self->sigterm_source, g_source_remove);
  g_clear_handle_id (&self->sigint_source, g_source_remove);
  g_clear_handle_id (&self->checks_source, g_source_remove);
  g_cancellable_cancel (self->connecting);

  /* Windows go before the workspace they show. */
  _affari_application_close_windows_and_workspace (self);

  G_APPLICATION_CLASS (affari_application_parent_class)->shutdown (application);
}

static void
affari_application_finalize (GObject *object)
{
  AffariApplication *self = AFFARI_APPLICATION (object);

  g_clear_handle_id (&self->sigterm_source, g_source_remove);
  g_clear_handle_id (&self->sigint_source, g_source_remove);
  g_clear_object (&self->notifier);
  g_clear_object (&self->workspace);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->server_url, g_free);
  g_clear_object (&self->connecting);

  G_OBJECT_CLASS (affari_application_parent_class)->finalize (object);
}

static void
affari_application_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AffariApplication *self = AFFARI_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_application_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AffariApplication *self = AFFARI_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      affari_application_set_database_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_application_class_init (AffariApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = affari_application_finalize;
  object_class->get_property = affari_application_get_property;
  object_class->set_property = affari_application_set_property;

  app_class->handle_local_options = affari_application_handle_local_options;
  app_class->startup = affari_application_startup;
  app_class->activate = affari_application_activate;
  app_class->shutdown = affari_application_shutdown;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  affari_ui_ensure_resources ();
}

static void
affari_application_init (AffariApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "database", 0,
                                 G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME,
                                 _("Open the database file PATH instead of the usual one"),
                                 _("PATH"));
  g_application_add_main_option (G_APPLICATION (self), "server", 0,
                                 G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING,
                                 _("Work with the team on the PostgreSQL server at URL (postgresql://HOST/DATABASE)"),
                                 _("URL"));
}

/* ------------------------------------------------------------ public API */

AffariApplication *
affari_application_new (gint64 start_time)
{
  AffariApplication *self;

  self = g_object_new (AFFARI_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/affari/Affari",
                       NULL);
  self->start_time = start_time;

  return self;
}

const char *
affari_application_get_database_path (AffariApplication *self)
{
  g_return_val_if_fail (AFFARI_IS_APPLICATION (self), NULL);

  return self->database_path;
}

void
affari_application_set_database_path (AffariApplication *self,
                                      const char        *path)
{
  g_return_if_fail (AFFARI_IS_APPLICATION (self));

  if (g_strcmp0 (self->database_path, path) == 0)
    return;

  g_free (self->database_path);
  self->database_path = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
}

AffariWorkspace *
affari_application_get_workspace (AffariApplication *self)
{
  g_return_val_if_fail (AFFARI_IS_APPLICATION (self), NULL);

  return self->workspace;
}

GSettings *
affari_application_get_settings (AffariApplication *self)
{
  g_return_val_if_fail (AFFARI_IS_APPLICATION (self), NULL);

  return self->settings;
}

gint64
affari_application_get_start_time (AffariApplication *self)
{
  g_return_val_if_fail (AFFARI_IS_APPLICATION (self), 0);

  return self->start_time;
}

void
affari_application_quit_cleanly (AffariApplication *self)
{
  g_return_if_fail (AFFARI_IS_APPLICATION (self));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (AFFARI_IS_WINDOW (l->data))
      affari_window_save_state (AFFARI_WINDOW (l->data));

  g_application_quit (G_APPLICATION (self));
}
