/* affari-server-connect.c — opening the team's server off the main thread, with the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-server-connect"

#include "config.h"

#include <string.h>

#include "ops/affari-keyring.h"
#include "ui/app/affari-server-connect.h"

typedef struct {
  char     *address;  /* what libpq gets: the address as given (a password in it too), the login */
  char     *url;      /* the keyring's key: the address without a password */
  char     *login;
  gboolean  url_has_password;
  char     *password;
  gboolean  remember;
} Connect;

static void
connect_free (gpointer data)
{
  Connect *connect = data;

  g_free (connect->address);
  g_free (connect->url);
  g_free (connect->login);
  /* Not left lying in freed memory. */
  if (connect->password != NULL)
    memset (connect->password, 0, strlen (connect->password));
  g_free (connect->password);
  g_free (connect);
}

/* Keeps or forgets the password, on its own thread: the keyring may ask the person something
 * (a new keyring's password) and the window must not wait for that to open. */
static void
keyring_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Connect *connect = task_data;
  g_autoptr(GError) error = NULL;

  if (connect->remember)
    affari_keyring_store_password (connect->url, connect->login, connect->password, NULL, &error);
  else
    affari_keyring_clear_password (connect->url, connect->login, NULL, &error);
  if (error != NULL)
    /* Not a warning: many desktops have no keyring; the password is asked at the next start. */
    g_message ("The password was not kept in the keyring: %s", error->message);
}

static void
connect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Connect *connect = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  const char *password = connect->password;
  AffariWorkspace *workspace;

  if (password == NULL && !connect->url_has_password)
    {
      g_autoptr(GError) keyring_error = NULL;

      kept = affari_keyring_lookup_password (connect->url, connect->login, cancellable, &keyring_error);
      /* No keyring is no reason not to try: the server may not want a password. */
      if (keyring_error != NULL)
        g_debug ("No password from the keyring: %s", keyring_error->message);
      password = kept;
    }

  workspace = affari_workspace_open_server (connect->address, password, &error);
  if (kept != NULL)
    memset (kept, 0, strlen (kept));
  if (workspace == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (connect->password != NULL)
    {
      g_autoptr(GTask) keyring = g_task_new (NULL, NULL, NULL, NULL);
      Connect *copy = g_new0 (Connect, 1);

      copy->url = g_strdup (connect->url);
      copy->login = g_strdup (connect->login);
      copy->password = g_strdup (connect->password);
      copy->remember = connect->remember;
      g_task_set_task_data (keyring, copy, connect_free);
      g_task_run_in_thread (keyring, keyring_thread);
    }

  g_task_return_pointer (task, workspace, g_object_unref);
}

void
affari_server_connect_async (const char          *url,
                             const char          *login,
                             const char          *password,
                             gboolean             remember,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *trimmed = NULL;
  Connect *connect;

  g_return_if_fail (url != NULL);

  trimmed = g_strstrip (g_strdup (url));
  connect = g_new0 (Connect, 1);
  connect->url = affari_server_url_strip_password (url);
  /* The login the address names, when none is given: the keyring's key is the same either way. */
  connect->login = (login != NULL && login[0] != '\0') ? g_strdup (login) : affari_server_url_dup_login (url);
  connect->address = affari_server_url_with_login (url, connect->login);
  /* A password written in the address (affari --server URL with one) is used as it is: the
   * keyring is not asked. */
  connect->url_has_password = g_strcmp0 (connect->url, trimmed) != 0;
  connect->remember = remember;
  connect->password = g_strdup (password);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, affari_server_connect_async);
  g_task_set_task_data (task, connect, connect_free);
  g_task_run_in_thread (task, connect_thread);
}

AffariWorkspace *
affari_server_connect_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
affari_server_error_is_auth (const GError *error)
{
  if (error == NULL)
    return FALSE;
  if (g_error_matches (error, AFFARI_ERROR, AFFARI_ERROR_FORBIDDEN))
    return TRUE;
  /* libpq's own words, kept in the store's message ("password authentication failed for user",
   * "no password supplied", "role … does not exist"). */
  return strstr (error->message, "password") != NULL || strstr (error->message, "role") != NULL;
}
