/* affari-access.h — the team's access rights as plain values (#21): roles, departments, the rights
 * of a role per pipeline, the logins and their roles
 *
 * The server keeps and enforces them (src/store/pg/affari-pg-rights.c); these structs carry them
 * to the CLI and the window without any libpq type, so that the UI needs no store header.
 * Actions: "read", "add", "edit", "delete"; scopes: "none" (Nessuno), "own" (Propri),
 * "department" (Del reparto), "all" (Tutti).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gint64 id;
  char *name;
  guint n_members;              /* the logins that have it */
} AffariAccessRole;

typedef struct {
  gint64 id;
  char *name;
  gint64 head_id;               /* 0: no head */
  char *head_login;             /* NULL: no head, or a head without a login */
  guint n_members;
} AffariAccessDepartment;

typedef struct {
  gint64 role_id;
  char *role;
  gint64 pipeline_id;           /* 0: the role's default, for every pipeline without a row of its own */
  char *pipeline;               /* NULL for the default */
  char *action;                 /* "read", "add", "edit", "delete" */
  char *scope;                  /* "none", "own", "department", "all": the one that applies */
  gboolean inherited;           /* the pipeline has no row of its own: the default applies */
} AffariAccessRight;

typedef struct {
  gint64 id;                    /* the team member */
  char *name;
  char *login;
  gint64 role_id;               /* 0: none (an administrator may have none) */
  char *role;                   /* NULL: none */
  char *department;             /* NULL: none */
  gboolean admin;               /* in the administrators' group: may do everything */
} AffariAccessLogin;

/* The four actions and the four scopes, in the order the page and the CLI show them. */
extern const char * const affari_access_actions[];   /* NULL-terminated */
extern const char * const affari_access_scopes[];    /* NULL-terminated */

/* The index of @scope in affari_access_scopes, -1 when unknown. */
int            affari_access_scope_index     (const char *scope);

/* What a person reads for @scope ("Tutti", "Del reparto", "Propri", "Nessuno"), and for @action
 * as a verb ("Leggere", "Aggiungere", "Modificare", "Eliminare"). */
const char    *affari_access_scope_label     (const char *scope);
const char    *affari_access_action_label    (const char *action);

void           affari_access_role_free       (AffariAccessRole *role);
void           affari_access_department_free (AffariAccessDepartment *department);
void           affari_access_right_free      (AffariAccessRight *right);
void           affari_access_login_free      (AffariAccessLogin *login);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariAccessRole, affari_access_role_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariAccessDepartment, affari_access_department_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariAccessRight, affari_access_right_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariAccessLogin, affari_access_login_free)

G_END_DECLS
