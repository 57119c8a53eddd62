/* affari-access.c — the team's access rights as plain values (#21)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "affari-access.h"

const char * const affari_access_actions[] = { "read", "add", "edit", "delete", NULL };
const char * const affari_access_scopes[] = { "none", "own", "department", "all", NULL };

int
affari_access_scope_index (const char *scope)
{
  for (int i = 0; scope != NULL && affari_access_scopes[i] != NULL; i++)
    if (g_str_equal (scope, affari_access_scopes[i]))
      return i;
  return -1;
}

const char *
affari_access_scope_label (const char *scope)
{
  if (g_strcmp0 (scope, "all") == 0)
    return C_("scope", "All");
  if (g_strcmp0 (scope, "department") == 0)
    return C_("scope", "Department");
  if (g_strcmp0 (scope, "own") == 0)
    return C_("scope", "Own");
  return C_("scope", "None");
}

const char *
affari_access_action_label (const char *action)
{
  if (g_strcmp0 (action, "read") == 0)
    return C_("access action", "Read");
  if (g_strcmp0 (action, "add") == 0)
    return C_("access action", "Add");
  if (g_strcmp0 (action, "edit") == 0)
    return C_("access action", "Edit");
  return C_("access action", "Delete");
}

void
affari_access_role_free (AffariAccessRole *role)
{
  if (role == NULL)
    return;
  g_free (role->name);
  g_free (role);
}

void
affari_access_department_free (AffariAccessDepartment *department)
{
  if (department == NULL)
    return;
  g_free (department->name);
  g_free (department->head_login);
  g_free (department);
}

void
affari_access_right_free (AffariAccessRight *right)
{
  if (right == NULL)
    return;
  g_free (right->role);
  g_free (right->pipeline);
  g_free (right->action);
  g_free (right->scope);
  g_free (right);
}

void
affari_access_login_free (AffariAccessLogin *login)
{
  if (login == NULL)
    return;
  g_free (login->name);
  g_free (login->login);
  g_free (login->role);
  g_free (login->department);
  g_free (login);
}
