/* affari-application-switch.c — which data the application opens: switching the database
 * (restoring a backup, the first start's choice, Preferenze's "Server" page) and the team's
 * server at start-up, with the dialogs when it cannot be opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-application"

#include "config.h"

#include <glib/gi18n.h>

#include "io/affari-demo.h"
#include "ops/affari-keyring.h"
#include "ui/app/affari-application.h"
#include "ui/app/affari-application-private.h"
#include "ui/app/affari-server-connect.h"
#include "ui/app/affari-welcome.h"
#include "ui/app/affari-window.h"

/* The first start's "Aggiungi affari di esempio": as many as the window's "Load Sample Data". */
#define SAMPLE_DEALS 500
#define SAMPLE_SEED  1

/* ---- switching the database: restoring a backup, the first start, Preferenze ---- */

/* Closes every window (the welcome and Preferenze too) and the workspace. The caller holds the
 * application meanwhile, and opens the next one with _affari_application_reopen (). */
void
_affari_application_close_windows_and_workspace (AffariApplication *self)
{
  GList *windows;

  /* Held: destroying a window may destroy the dialogs it owns, later in the list. */
  windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (self)),
                              (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (AFFARI_IS_WINDOW (l->data))
        affari_window_save_state (AFFARI_WINDOW (l->data));
      gtk_window_destroy (GTK_WINDOW (l->data));
    }
  g_list_free_full (windows, g_object_unref);
  g_clear_object (&self->notifier);
  if (self->workspace != NULL)
    affari_workspace_close (self->workspace);
  g_clear_object (&self->workspace);
}

/* A window on the workspace now set (or the one activation opens), with @message as a toast. */
void
_affari_application_reopen (AffariApplication *self,
                            const char        *message)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (message != NULL && AFFARI_IS_WINDOW (window))
    affari_window_add_toast (AFFARI_WINDOW (window), message);
}

/* The windows close and open again on @workspace (taken). */
static void
switch_to_workspace (AffariApplication *self,
                     AffariWorkspace   *workspace,
                     const char        *message)
{
  g_application_hold (G_APPLICATION (self));
  _affari_application_close_windows_and_workspace (self);
  self->workspace = workspace;
  _affari_application_reopen (self, message);
  g_application_release (G_APPLICATION (self));
}

/* The team's server from now on: kept in the settings (the address without its password; the
 * password is in the keyring if the person asked), the windows open on it. */
static void
use_server (AffariApplication *self,
            AffariWorkspace   *workspace,
            const char        *url,
            const char        *login)
{
  g_autofree char *stripped = affari_server_url_strip_password (url);
  g_autofree char *message = NULL;

  if (self->settings != NULL)
    {
      g_settings_set_string (self->settings, "server-url", stripped);
      g_settings_set_string (self->settings, "server-login", login != NULL ? login : "");
    }
  /* Translators: a toast; %s is the server's address. */
  message = g_strdup_printf (_("Connected to the team server %s"), stripped);
  switch_to_workspace (self, g_object_ref (workspace), message);
}

/* The database on this computer (--database's, or the usual one, made if missing), with sample
 * deals when asked; @remember: from now on (the setting's server is forgotten), not only now. */
static void
use_local (AffariApplication *self,
           gboolean           with_samples,
           gboolean           remember)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  AffariWorkspace *workspace;

  path = self->database_path != NULL ? g_strdup (self->database_path) : affari_workspace_default_path ();
  workspace = affari_workspace_open (path, &error);
  if (workspace == NULL)
    {
      g_message ("Cannot open %s: %s", path, error->message);
      _affari_application_show_open_error (self, path, error);
      return;
    }

  /* 500 deals take a few tens of milliseconds: not worth a thread. */
  if (with_samples && !affari_demo_generate (affari_workspace_get_store (workspace), SAMPLE_DEALS,
                                             SAMPLE_SEED, &error))
    message = g_strdup_printf (_("Could not load the sample data: %s"), error->message);

  if (remember && self->settings != NULL)
    g_settings_set_string (self->settings, "server-url", "");
  g_clear_pointer (&self->server_url, g_free);
  switch_to_workspace (self, workspace, message);
}

void
_affari_application_on_use_local_cb (GObject           *source,
                                     gboolean           with_samples,
                                     AffariApplication *self)
{
  use_local (self, with_samples, TRUE);
}

void
_affari_application_on_server_connected_cb (GObject           *source,
                                            AffariWorkspace   *workspace,
                                            const char        *url,
                                            const char        *login,
                                            AffariApplication *self)
{
  use_server (self, workspace, url, login);
}

/* ---- the team's server at start-up ---- */

typedef struct {
  AffariApplication *app;
  char              *url;
  char              *login;
  GtkEditable       *password;   /* the password dialog's entry */
  GtkSwitch         *remember;
} Retry;

static void
retry_free (gpointer data)
{
  Retry *retry = data;

  g_free (retry->url);
  g_free (retry->login);
  g_free (retry);
}

/* Enter in the password field: "Connetti". */
static void
on_password_activated_cb (AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "connect");
}

static void
on_server_error_responded_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              Retry            *retry)
{
  if (g_str_equal (response, "retry"))
    _affari_application_connect_to_server (retry->app, retry->url, retry->login, NULL, FALSE);
  else if (g_str_equal (response, "connect"))
    _affari_application_connect_to_server (retry->app, retry->url, retry->login, gtk_editable_get_text (retry->password),
                       gtk_switch_get_active (retry->remember));
  else if (g_str_equal (response, "local"))
    /* For now only: the server is tried again at the next start. */
    use_local (retry->app, FALSE, FALSE);
}

/* The server refused the login (ask the password again, with "Ricorda la password") or could
 * not be reached ("Riprova", "Usa questo computer"). */
static void
show_server_error (AffariApplication *self,
                   const char        *url,
                   const char        *login,
                   const GError      *error)
{
  g_autofree char *stripped = affari_server_url_strip_password (url);
  g_autofree char *named = affari_server_url_dup_login (url);
  Retry *retry = g_new0 (Retry, 1);
  AdwMessageDialog *dialog;
  GtkWidget *label;
  gboolean auth = affari_server_error_is_auth (error);

  retry->app = self;
  retry->url = g_strdup (url);
  retry->login = g_strdup (login);

  if (auth)
    {
      GtkWidget *list = gtk_list_box_new ();
      GtkWidget *password = adw_password_entry_row_new ();
      GtkWidget *remember_row = adw_action_row_new ();
      GtkWidget *remember = gtk_switch_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, _("Password for the Team Server"), NULL));
      /* Translators: %1$s is the server's address, %2$s the user. */
      adw_message_dialog_format_body (dialog, _("The server %1$s asks for the password of %2$s."), stripped,
                                      login != NULL && login[0] != '\0' ? login : named != NULL ? named : "—");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (password), _("Password"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remember_row), _("Remember the Password"));
      gtk_widget_set_valign (remember, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (remember), affari_keyring_is_supported ());
      gtk_widget_set_visible (remember_row, affari_keyring_is_supported ());
      adw_action_row_add_suffix (ADW_ACTION_ROW (remember_row), remember);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (remember_row), remember);
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_list_box_append (GTK_LIST_BOX (list), password);
      gtk_list_box_append (GTK_LIST_BOX (list), remember_row);
      gtk_box_append (GTK_BOX (box), list);
      retry->password = GTK_EDITABLE (password);
      g_signal_connect_swapped (password, "entry-activated", G_CALLBACK (on_password_activated_cb), dialog);
      retry->remember = GTK_SWITCH (remember);

      label = gtk_label_new (error->message);
      gtk_box_append (GTK_BOX (box), label);
      adw_message_dialog_set_extra_child (dialog, box);
      adw_message_dialog_add_responses (dialog, "quit", _("_Quit"), "local", _("_Use This Computer"),
                                        "connect", _("_Connect"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "connect", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "connect");
    }
  else
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, _("Cannot Reach the Team Server"), NULL));
      /* Translators: %s is the server's address. */
      adw_message_dialog_format_body (dialog, _("Affari could not connect to %s. Nothing was lost: check the network "
                                                "and try again, or use the database on this computer for now."),
                                      stripped);
      label = gtk_label_new (error->message);
      adw_message_dialog_set_extra_child (dialog, label);
      adw_message_dialog_add_responses (dialog, "quit", _("_Quit"), "local", _("_Use This Computer"),
                                        "retry", _("_Try Again"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "retry", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "retry");
    }

  /* libpq's own words, for whoever runs the server. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");

  adw_message_dialog_set_close_response (dialog, "quit");
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_server_error_responded_cb), retry,
                         (GClosureNotify) (void (*) (void)) retry_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct {
  AffariApplication *app;
  char              *url;
  char              *login;
  gboolean           save;   /* keep it in the settings once connected (--server, a new password) */
} Pending;

static void
on_startup_connected_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Pending *pending = user_data;
  AffariApplication *self = pending->app;
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariWorkspace) workspace = NULL;

  workspace = affari_server_connect_finish (result, &error);
  g_clear_object (&self->connecting);

  if (workspace == NULL)
    {
      /* The "connecting" window goes: the dialog says what happened and what to do. */
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
        if (AFFARI_IS_WELCOME (l->data))
          {
            gtk_window_destroy (GTK_WINDOW (l->data));
            break;
          }
      g_message ("Cannot connect to %s: %s", pending->url, error->message);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_server_error (self, pending->url, pending->login, error);
    }
  else
    {
      if (pending->save)
        use_server (self, workspace, pending->url, pending->login);
      else
        switch_to_workspace (self, g_steal_pointer (&workspace), NULL);
    }

  g_application_release (G_APPLICATION (self));
  g_free (pending->url);
  g_free (pending->login);
  g_free (pending);
}

/* The "connecting" window closed: the person gave up waiting, the application ends with the
 * connection (libpq's own wait cannot be cut short). */
static gboolean
on_connecting_close_request_cb (GtkWindow    *window,
                                GCancellable *connecting)
{
  g_cancellable_cancel (connecting);
  return FALSE;
}

/* Opens the server on a worker thread (an unreachable host can take seconds): the window opens
 * when it is connected, or a dialog says why not. @password NULL: the keyring's. */
void
_affari_application_connect_to_server (AffariApplication *self,
                                       const char        *url,
                                       const char        *login,
                                       const char        *password,
                                       gboolean           remember)
{
  Pending *pending;

  if (self->connecting != NULL)
    return;

  pending = g_new0 (Pending, 1);
  pending->app = self;
  pending->url = g_strdup (url);
  pending->login = g_strdup (login);
  pending->save = self->server_url != NULL || password != NULL;
  self->connecting = g_cancellable_new ();
  /* Until a window opens on the server or a dialog says why not. */
  g_application_hold (G_APPLICATION (self));
  affari_server_connect_async (url, login, password, remember, self->connecting,
                               on_startup_connected_cb, pending);

  /* Something on screen at once: opening a server can take seconds. */
  {
    g_autofree char *stripped = affari_server_url_strip_password (url);
    AffariWelcome *welcome = _affari_application_new_welcome (self);

    affari_welcome_show_connecting (welcome, stripped);
    g_signal_connect_object (welcome, "close-request", G_CALLBACK (on_connecting_close_request_cb),
                             self->connecting, 0);
    gtk_window_present (GTK_WINDOW (welcome));
  }
}

AffariWelcome *
_affari_application_new_welcome (AffariApplication *self)
{
  AffariWelcome *welcome = affari_welcome_new (GTK_APPLICATION (self));

  g_signal_connect_object (welcome, "use-local", G_CALLBACK (_affari_application_on_use_local_cb), self, 0);
  g_signal_connect_object (welcome, "server-connected",
                           G_CALLBACK (_affari_application_on_server_connected_cb), self, 0);
  return welcome;
}

