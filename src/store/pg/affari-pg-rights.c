/* affari-pg-rights.c — the team's access rights on the server (#21): roles, their scope per
 * pipeline for read, add, edit and delete, departments and their heads, the logins' roles
 *
 * The rules themselves are the server's (migration 13: row-level security and affari_may ());
 * this file only reads and writes the tables they read. A seller's connection may read them and
 * change nothing: the server refuses (42501), and the error says so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-pg-store-private.h"
#include "model/affari-error.h"

/* ---- helpers ---- */

static char *
id_text (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

static gboolean
run (AffariPgStore       *self,
     const char          *sql,
     int                  n,
     const char * const  *values,
     int                 *out_rows,
     GError             **error)
{
  PGresult *res = pg_store_exec (self, sql, n, values, error);

  if (res == NULL)
    return FALSE;
  if (out_rows != NULL)
    *out_rows = (int) g_ascii_strtoll (PQcmdTuples (res), NULL, 10);
  PQclear (res);
  return TRUE;
}

/* The first column of the first row of @sql, an id: 0 when there is no row, -1 on error. */
static gint64
first_id (AffariPgStore       *self,
          const char          *sql,
          int                  n,
          const char * const  *values,
          GError             **error)
{
  PGresult *res = pg_store_exec (self, sql, n, values, error);
  gint64 id;

  if (res == NULL)
    return -1;
  id = PQntuples (res) > 0 ? pg_store_value_int64 (res, 0, 0) : 0;
  PQclear (res);
  return id;
}

static gint64
lookup (AffariPgStore  *self,
        const char     *sql,
        const char     *value,
        GError        **error)
{
  const char * const values[] = { value };

  return first_id (self, sql, 1, values, error);
}

static gint64
role_id (AffariPgStore  *self,
         const char     *role,
         GError        **error)
{
  gint64 id = lookup (self, "SELECT id FROM role WHERE name = $1", role, error);

  if (id == 0)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND,
                 _("The server has no role “%s” (server rights lists them)"), role);
  return id > 0 ? id : 0;
}

static gint64
member_id (AffariPgStore  *self,
           const char     *login,
           GError        **error)
{
  gint64 id = lookup (self, "SELECT id FROM team_member WHERE login = $1", login, error);

  if (id == 0)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The server has no login “%s”"), login);
  return id > 0 ? id : 0;
}

/* A pipeline by its name; two of the same name are refused rather than guessed. */
static gint64
pipeline_id (AffariPgStore  *self,
             const char     *name,
             GError        **error)
{
  const char * const values[] = { name };
  PGresult *res = pg_store_exec (self, "SELECT id FROM pipeline WHERE name = $1 ORDER BY id LIMIT 2", 1, values, error);
  int n;
  gint64 id;

  if (res == NULL)
    return 0;
  n = PQntuples (res);
  id = n > 0 ? pg_store_value_int64 (res, 0, 0) : 0;
  PQclear (res);
  if (n == 0)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The server has no pipeline “%s”"), name);
  else if (n > 1)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                 _("More than one pipeline is called “%s”: rename one first"), name);
  return n == 1 ? id : 0;
}

/* ---- reading ---- */

GPtrArray *
affari_pg_store_list_roles (AffariPgStore  *self,
                            GError        **error)
{
  PGresult *res;
  GPtrArray *roles;

  g_return_val_if_fail (self != NULL, NULL);

  res = pg_store_exec (self, "SELECT r.id, r.name, count(m.id) FROM role r"
                             " LEFT JOIN team_member m ON m.role_id = r.id AND m.login IS NOT NULL"
                             " GROUP BY r.id ORDER BY r.id", 0, NULL, error);
  if (res == NULL)
    return NULL;
  roles = g_ptr_array_new_with_free_func ((GDestroyNotify) affari_access_role_free);
  for (int row = 0; row < PQntuples (res); row++)
    {
      AffariAccessRole *role = g_new0 (AffariAccessRole, 1);

      role->id = pg_store_value_int64 (res, row, 0);
      role->name = g_strdup (pg_store_value_text (res, row, 1));
      role->n_members = (guint) pg_store_value_int64 (res, row, 2);
      g_ptr_array_add (roles, role);
    }
  PQclear (res);
  return roles;
}

GPtrArray *
affari_pg_store_list_departments (AffariPgStore  *self,
                                  GError        **error)
{
  PGresult *res;
  GPtrArray *departments;

  g_return_val_if_fail (self != NULL, NULL);

  res = pg_store_exec (self, "SELECT d.id, d.name, d.head_id, h.login,"
                             " (SELECT count(*) FROM team_member m WHERE m.department_id = d.id)"
                             " FROM department d LEFT JOIN team_member h ON h.id = d.head_id ORDER BY d.name, d.id",
                       0, NULL, error);
  if (res == NULL)
    return NULL;
  departments = g_ptr_array_new_with_free_func ((GDestroyNotify) affari_access_department_free);
  for (int row = 0; row < PQntuples (res); row++)
    {
      AffariAccessDepartment *department = g_new0 (AffariAccessDepartment, 1);

      department->id = pg_store_value_int64 (res, row, 0);
      department->name = g_strdup (pg_store_value_text (res, row, 1));
      department->head_id = pg_store_value_int64 (res, row, 2);
      department->head_login = g_strdup (pg_store_value_text (res, row, 3));
      department->n_members = (guint) pg_store_value_int64 (res, row, 4);
      g_ptr_array_add (departments, department);
    }
  PQclear (res);
  return departments;
}

GPtrArray *
affari_pg_store_list_logins (AffariPgStore  *self,
                             GError        **error)
{
  PGresult *res;
  GPtrArray *logins;

  g_return_val_if_fail (self != NULL, NULL);

  res = pg_store_exec (self, "SELECT m.id, m.name, m.login, m.role_id, r.name, d.name,"
                             " pg_has_role (m.login, 'affari_admin', 'MEMBER')"
                             " FROM team_member m LEFT JOIN role r ON r.id = m.role_id"
                             " LEFT JOIN department d ON d.id = m.department_id"
                             " JOIN pg_roles pr ON pr.rolname = m.login"
                             " WHERE m.login IS NOT NULL ORDER BY m.name, m.id", 0, NULL, error);
  if (res == NULL)
    return NULL;
  logins = g_ptr_array_new_with_free_func ((GDestroyNotify) affari_access_login_free);
  for (int row = 0; row < PQntuples (res); row++)
    {
      AffariAccessLogin *login = g_new0 (AffariAccessLogin, 1);

      login->id = pg_store_value_int64 (res, row, 0);
      login->name = g_strdup (pg_store_value_text (res, row, 1));
      login->login = g_strdup (pg_store_value_text (res, row, 2));
      login->role_id = pg_store_value_int64 (res, row, 3);
      login->role = g_strdup (pg_store_value_text (res, row, 4));
      login->department = g_strdup (pg_store_value_text (res, row, 5));
      login->admin = g_strcmp0 (pg_store_value_text (res, row, 6), "t") == 0;
      g_ptr_array_add (logins, login);
    }
  PQclear (res);
  return logins;
}

gboolean
affari_pg_store_is_admin (AffariPgStore  *self,
                          GError        **error)
{
  PGresult *res;
  gboolean admin;

  g_return_val_if_fail (self != NULL, FALSE);

  res = pg_store_exec (self, "SELECT affari_is_admin ()", 0, NULL, error);
  if (res == NULL)
    return FALSE;
  admin = g_strcmp0 (pg_store_value_text (res, 0, 0), "t") == 0;
  PQclear (res);
  return admin;
}

GPtrArray *
affari_pg_store_list_rights (AffariPgStore  *self,
                             GError        **error)
{
  PGresult *res;
  GPtrArray *rights;

  g_return_val_if_fail (self != NULL, NULL);

  /* Every role × (its default, then every pipeline in the board's order) × action, with the
   * scope that applies: affari_scope ()'s rule, for every login of the role at once. */
  res = pg_store_exec (self,
                       "SELECT r.id, r.name, coalesce (p.id, 0), p.name, a.action,"
                       "  coalesce (own.scope, def.scope, 'none'), p.id IS NOT NULL AND own.scope IS NULL"
                       " FROM role r"
                       " CROSS JOIN (SELECT NULL::bigint AS id, NULL::text AS name, 0 AS o1, 0 AS o2, 0 AS o3"
                       "   UNION ALL SELECT id, name, 1 + (kind = 'lead')::int, -is_default, sort FROM pipeline) p"
                       " CROSS JOIN (VALUES (1, 'read'), (2, 'add'), (3, 'edit'), (4, 'delete')) a (n, action)"
                       " LEFT JOIN role_right def ON def.role_id = r.id AND def.pipeline_id IS NULL AND def.action = a.action"
                       " LEFT JOIN role_right own ON own.role_id = r.id AND own.pipeline_id = p.id AND own.action = a.action"
                       " ORDER BY r.id, p.o1, p.o2, p.o3, p.id NULLS FIRST, a.n",
                       0, NULL, error);
  if (res == NULL)
    return NULL;
  rights = g_ptr_array_new_with_free_func ((GDestroyNotify) affari_access_right_free);
  for (int row = 0; row < PQntuples (res); row++)
    {
      AffariAccessRight *right = g_new0 (AffariAccessRight, 1);

      right->role_id = pg_store_value_int64 (res, row, 0);
      right->role = g_strdup (pg_store_value_text (res, row, 1));
      right->pipeline_id = pg_store_value_int64 (res, row, 2);
      right->pipeline = g_strdup (pg_store_value_text (res, row, 3));
      right->action = g_strdup (pg_store_value_text (res, row, 4));
      right->scope = g_strdup (pg_store_value_text (res, row, 5));
      right->inherited = g_strcmp0 (pg_store_value_text (res, row, 6), "t") == 0;
      g_ptr_array_add (rights, right);
    }
  PQclear (res);
  return rights;
}

/* ---- changing (an administrator's connection) ---- */

gint64
affari_pg_store_add_role (AffariPgStore  *self,
                          const char     *name,
                          const char     *like,
                          GError        **error)
{
  g_autofree char *like_text = NULL;
  gint64 like_id = 0, id;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);

  if (like != NULL && (like_id = role_id (self, like, error)) == 0)
    return 0;
  id = lookup (self, "SELECT id FROM role WHERE name = $1", name, error);
  if (id < 0)
    return 0;
  if (id > 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("A role called “%s” exists already on the server"), name);
      return 0;
    }

  like_text = like_id > 0 ? id_text (like_id) : NULL;
  {
    const char * const values[] = { name, like_text };

    /* One statement: the role and the copy of its model's rights together, or nothing. */
    id = first_id (self,
                   "WITH r AS (INSERT INTO role (name) VALUES ($1) RETURNING id),"
                   " c AS (INSERT INTO role_right (role_id, pipeline_id, action, scope)"
                   "       SELECT r.id, x.pipeline_id, x.action, x.scope FROM r, role_right x WHERE x.role_id = $2::bigint)"
                   " SELECT id FROM r", 2, values, error);
  }
  return MAX (id, 0);
}

gboolean
affari_pg_store_set_right (AffariPgStore  *self,
                           const char     *role,
                           const char     *action,
                           const char     *scope,
                           const char     *pipeline,
                           GError        **error)
{
  gint64 role_number, pipeline_number = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (role != NULL && scope != NULL, FALSE);

  if ((role_number = role_id (self, role, error)) == 0)
    return FALSE;
  if (pipeline != NULL && (pipeline_number = pipeline_id (self, pipeline, error)) == 0)
    return FALSE;
  return affari_pg_store_set_right_by_id (self, role_number, action, scope, pipeline_number, error);
}

gboolean
affari_pg_store_set_right_by_id (AffariPgStore  *self,
                                 gint64          role,
                                 const char     *action,
                                 const char     *scope,
                                 gint64          pipeline,
                                 GError        **error)
{
  g_autofree char *role_text = NULL, *pipeline_text = NULL;
  const char *actions = action != NULL ? NULL : "{read,add,edit,delete}";
  g_autofree char *one_action = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (role > 0 && scope != NULL, FALSE);

  role_text = id_text (role);
  pipeline_text = pipeline > 0 ? id_text (pipeline) : NULL;
  if (actions == NULL)
    actions = one_action = g_strdup_printf ("{%s}", action);

  {
    const char * const values[] = { role_text, pipeline_text, actions, scope };

    /* One statement for the four actions: all of them change, or none. */
    return run (self,
                "INSERT INTO role_right (role_id, pipeline_id, action, scope)"
                " SELECT $1::bigint, $2::bigint, a, $4 FROM unnest ($3::text[]) a"
                " ON CONFLICT (role_id, coalesce (pipeline_id, 0), action) DO UPDATE SET scope = excluded.scope",
                4, values, NULL, error);
  }
}

gint64
affari_pg_store_add_department (AffariPgStore  *self,
                                const char     *name,
                                const char     *head_login,
                                GError        **error)
{
  g_autofree char *head_text = NULL;
  gint64 head = 0, id;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);

  if (head_login != NULL && (head = member_id (self, head_login, error)) == 0)
    return 0;
  head_text = head > 0 ? id_text (head) : NULL;
  {
    const char * const values[] = { name, head_text };

    /* Made if new; an existing one keeps its head unless a new one is given. */
    id = first_id (self,
                   "INSERT INTO department (name, head_id) VALUES ($1, $2::bigint)"
                   " ON CONFLICT (name) DO UPDATE SET head_id = coalesce (excluded.head_id, department.head_id)"
                   " RETURNING id", 2, values, error);
  }
  return MAX (id, 0);
}

/* A text[] literal of @items: each quoted, with '"' and '\\' escaped (bound as a parameter). */
static char *
text_array (const char * const *items)
{
  GString *out = g_string_new ("{");

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      g_string_append (out, i > 0 ? ",\"" : "\"");
      for (const char *c = items[i]; *c != '\0'; c++)
        {
          if (*c == '"' || *c == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *c);
        }
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

gboolean
affari_pg_store_edit_department (AffariPgStore       *self,
                                 const char          *name,
                                 const char          *head_login,
                                 const char * const  *members,
                                 GError             **error)
{
  g_autofree char *head_text = NULL, *members_text = NULL;
  gint64 head = 0;
  PGresult *res;
  gboolean found;
  int joined;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (head_login != NULL && *head_login != '\0' && (head = member_id (self, head_login, error)) == 0)
    return FALSE;
  for (guint i = 0; members != NULL && members[i] != NULL; i++)
    if (member_id (self, members[i], error) == 0)
      return FALSE;
  head_text = head > 0 ? id_text (head) : NULL;
  members_text = members != NULL ? text_array (members) : NULL;
  {
    const char * const values[] = { name, head_login != NULL ? "t" : "f", head_text, members_text };

    /* One statement, so one transaction: the head and the members change together or not at
     * all. The two member updates touch different rows (out of the list, in it). */
    res = pg_store_exec (self,
                         "WITH d AS (UPDATE department SET head_id = CASE WHEN $2::boolean THEN $3::bigint ELSE head_id END"
                         "           WHERE name = $1 RETURNING id),"
                         " gone AS (UPDATE team_member SET department_id = NULL"
                         "          WHERE $4::text[] IS NOT NULL AND department_id = (SELECT id FROM d)"
                         "            AND NOT (login = ANY ($4::text[])) RETURNING id),"
                         " came AS (UPDATE team_member SET department_id = (SELECT id FROM d)"
                         "          WHERE $4::text[] IS NOT NULL AND EXISTS (SELECT 1 FROM d) AND login = ANY ($4::text[])"
                         "          RETURNING id)"
                         " SELECT (SELECT count (*) FROM d), (SELECT count (*) FROM came), (SELECT count (*) FROM gone)",
                         4, values, error);
  }
  if (res == NULL)
    return FALSE;
  found = pg_store_value_int64 (res, 0, 0) > 0;
  joined = (int) pg_store_value_int64 (res, 0, 1);
  PQclear (res);
  if (!found)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND,
                   _("The server has no department “%s” (server departments lists them)"), name);
      return FALSE;
    }
  g_debug ("department %s: %d members", name, joined);
  return TRUE;
}

gboolean
affari_pg_store_set_user_role (AffariPgStore  *self,
                               const char     *login,
                               const char     *role,
                               GError        **error)
{
  g_autofree char *role_text = NULL;
  gint64 role_number;
  int rows = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (login != NULL && role != NULL, FALSE);

  if ((role_number = role_id (self, role, error)) == 0)
    return FALSE;
  role_text = id_text (role_number);
  {
    const char * const values[] = { login, role_text };

    if (!run (self, "UPDATE team_member SET role_id = $2::bigint WHERE login = $1", 2, values, &rows, error))
      return FALSE;
  }
  if (rows == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The server has no login “%s”"), login);
      return FALSE;
    }
  return TRUE;
}

gboolean
affari_pg_store_add_login (AffariPgStore  *self,
                           const char     *name,
                           const char     *login,
                           const char     *password,
                           const char     *role,
                           const char     *department,
                           gboolean        admin,
                           gint64         *out_member_id,
                           GError        **error)
{
  const char * const values[] = { name, login, password, role, department, admin ? "true" : "false" };
  PGresult *res;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL && login != NULL && password != NULL, FALSE);
  g_return_val_if_fail (role != NULL || admin, FALSE);

  /* Asked first so that a wrong name gets a sentence, not the server's exception. */
  if (role != NULL && role_id (self, role, error) == 0)
    return FALSE;
  res = pg_store_exec (self, "SELECT affari_add_login ($1, $2, $3, $4, $5, $6::boolean)", 6, values, error);
  if (res == NULL)
    return FALSE;
  if (out_member_id != NULL)
    *out_member_id = pg_store_value_int64 (res, 0, 0);
  PQclear (res);
  return TRUE;
}
