/* affari-pg-replica-rights.c — the team mode's store: the access rights (#21), read and changed
 * on the server through the store's own connection
 *
 * Nothing of it is in the local copy: the rights are the server's, and a change applies there
 * from the next statement. The administrator's copy needs no refresh (an administrator reads
 * everything); a seller's window reads again by itself when the server sends the change log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-pg-replica-private.h"
#include "affari-pg-store-private.h"

/* The server's connection, or FALSE with @error: the embedded database has none, and an offline
 * store refuses at once rather than wait for libpq. */
static gboolean
server_ready (AffariStore *self, GError **error)
{
  if (!affari_store_is_server (self))
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                           _("Access rights exist only on a team's server."));
      return FALSE;
    }
  if (self->server->conn == NULL || PQstatus (self->server->conn) != CONNECTION_OK)
    {
      replica_set_error (self, NULL, error);
      return FALSE;
    }
  return TRUE;
}

/* After a failed command: a lost connection takes the store offline like any other write. */
static void
check_connection (AffariStore *self, GError **error)
{
  if (error != NULL && *error != NULL && PQstatus (self->server->conn) != CONNECTION_OK)
    {
      g_clear_error (error);
      replica_set_error (self, NULL, error);
    }
}

typedef GPtrArray *(*ServerList) (AffariPgStore *pg, GError **error);

static GPtrArray *
list_on_server (AffariStore *self, ServerList list, GError **error)
{
  GPtrArray *rows;

  if (!server_ready (self, error))
    return NULL;
  {
    AffariPgStore pg = { self->server->conn };
    rows = list (&pg, error);
  }
  check_connection (self, error);
  return rows;
}

/* @name without the spaces around it, NULL with @message when nothing remains. */
static char *
name_or_error (const char *name, const char *message, GError **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  if (*stripped == '\0')
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, message);
      return NULL;
    }
  return g_steal_pointer (&stripped);
}

GPtrArray *
affari_store_list_access_roles (AffariStore *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  return list_on_server (self, affari_pg_store_list_roles, error);
}

GPtrArray *
affari_store_list_access_departments (AffariStore *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  return list_on_server (self, affari_pg_store_list_departments, error);
}

GPtrArray *
affari_store_list_access_rights (AffariStore *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  return list_on_server (self, affari_pg_store_list_rights, error);
}

GPtrArray *
affari_store_list_access_logins (AffariStore *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  return list_on_server (self, affari_pg_store_list_logins, error);
}

gboolean
affari_store_set_access_right (AffariStore  *self,
                               gint64        role_id,
                               const char   *action,
                               const char   *scope,
                               gint64        pipeline_id,
                               GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (scope != NULL, FALSE);

  if (!server_ready (self, error))
    return FALSE;
  if (affari_access_scope_index (scope) < 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("Unknown scope “%s”"), scope);
      return FALSE;
    }
  {
    AffariPgStore pg = { self->server->conn };
    ok = affari_pg_store_set_right_by_id (&pg, role_id, action, scope, pipeline_id, error);
  }
  check_connection (self, error);
  return ok;
}

gint64
affari_store_add_access_role (AffariStore  *self,
                              const char   *name,
                              const char   *like,
                              GError      **error)
{
  g_autofree char *stripped = NULL;
  gint64 id;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  if (!server_ready (self, error) || (stripped = name_or_error (name, _("A role needs a name."), error)) == NULL)
    return 0;
  {
    AffariPgStore pg = { self->server->conn };
    id = affari_pg_store_add_role (&pg, stripped, like, error);
  }
  check_connection (self, error);
  return id;
}

gboolean
affari_store_set_member_role (AffariStore  *self,
                              const char   *login,
                              const char   *role,
                              GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (login != NULL && role != NULL, FALSE);

  if (!server_ready (self, error))
    return FALSE;
  {
    AffariPgStore pg = { self->server->conn };
    ok = affari_pg_store_set_user_role (&pg, login, role, error);
  }
  check_connection (self, error);
  return ok;
}

gint64
affari_store_add_department (AffariStore  *self,
                             const char   *name,
                             const char   *head_login,
                             GError      **error)
{
  g_autofree char *stripped = NULL;
  gint64 id;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  if (!server_ready (self, error)
      || (stripped = name_or_error (name, _("A department needs a name."), error)) == NULL)
    return 0;
  {
    AffariPgStore pg = { self->server->conn };
    id = affari_pg_store_add_department (&pg, stripped, head_login, error);
  }
  check_connection (self, error);
  return id;
}

gint64
affari_store_add_login (AffariStore  *self,
                        const char   *name,
                        const char   *login,
                        const char   *password,
                        const char   *role,
                        const char   *department,
                        GError      **error)
{
  g_autofree char *stripped = NULL, *shown = NULL;
  gint64 member = 0;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  g_return_val_if_fail (login != NULL && password != NULL && role != NULL, 0);

  if (!server_ready (self, error) || (stripped = name_or_error (login, _("A login needs a name."), error)) == NULL)
    return 0;
  if (*password == '\0')
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("A login needs a password."));
      return 0;
    }
  shown = name != NULL ? g_strstrip (g_strdup (name)) : NULL;
  if (department != NULL && *department == '\0')
    department = NULL;
  {
    AffariPgStore pg = { self->server->conn };

    if (!affari_pg_store_add_login (&pg, shown != NULL && *shown != '\0' ? shown : stripped, stripped, password,
                                    role, department, FALSE, &member, error))
      member = 0;
  }
  check_connection (self, error);
  return member;
}

gboolean
affari_store_edit_department (AffariStore         *self,
                              const char          *name,
                              const char          *head_login,
                              const char * const  *members,
                              GError             **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!server_ready (self, error))
    return FALSE;
  {
    AffariPgStore pg = { self->server->conn };
    ok = affari_pg_store_edit_department (&pg, name, head_login, members, error);
  }
  check_connection (self, error);
  return ok;
}

gboolean
affari_store_is_administrator (AffariStore *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  /* Asked each time rather than cached: an administrator may make another login one, and the
   * page asks once when it opens. */
  if (!server_ready (self, &error))
    return FALSE;
  {
    AffariPgStore pg = { self->server->conn };
    gboolean admin = affari_pg_store_is_admin (&pg, &error);

    if (error != NULL)
      g_debug ("is the login an administrator: %s", error->message);
    return admin;
  }
}
