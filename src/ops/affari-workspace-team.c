/* affari-workspace-team.c — team mode's access rights for the windows (#21)
 *
 * Each is one call of the store: the rights are the server's, and the store says so in Italian
 * when it refuses (a seller, offline, the embedded database).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "affari-workspace-private.h"

GPtrArray *
affari_workspace_list_access_roles (AffariWorkspace *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_list_access_roles (self->store, error);
}

GPtrArray *
affari_workspace_list_access_departments (AffariWorkspace *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_list_access_departments (self->store, error);
}

GPtrArray *
affari_workspace_list_access_rights (AffariWorkspace *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_list_access_rights (self->store, error);
}

GPtrArray *
affari_workspace_list_access_logins (AffariWorkspace *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_list_access_logins (self->store, error);
}

gboolean
affari_workspace_set_access_right (AffariWorkspace *self, gint64 role_id, const char *action, const char *scope,
                                   gint64 pipeline_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_set_access_right (self->store, role_id, action, scope, pipeline_id, error);
}

gint64
affari_workspace_add_access_role (AffariWorkspace *self, const char *name, const char *like, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), 0);

  return affari_store_add_access_role (self->store, name, like, error);
}

gboolean
affari_workspace_set_member_role (AffariWorkspace *self, const char *login, const char *role, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_set_member_role (self->store, login, role, error);
}

gint64
affari_workspace_add_department (AffariWorkspace *self, const char *name, const char *head_login, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), 0);

  return affari_store_add_department (self->store, name, head_login, error);
}

gint64
affari_workspace_add_login (AffariWorkspace *self, const char *name, const char *login, const char *password,
                            const char *role, const char *department, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), 0);

  return affari_store_add_login (self->store, name, login, password, role, department, error);
}

gboolean
affari_workspace_edit_department (AffariWorkspace *self, const char *name, const char *head_login,
                                  const char * const *members, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_edit_department (self->store, name, head_login, members, error);
}

gboolean
affari_workspace_is_administrator (AffariWorkspace *self)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_is_administrator (self->store);
}
