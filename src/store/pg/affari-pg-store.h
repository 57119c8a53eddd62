/* affari-pg-store.h — the deals on a shared PostgreSQL server (team mode, #21): its first slice
 *
 * A connection to the team's server: its schema (affari-pg-schema.h), the team's logins, the
 * deals that connection may read (row-level security decides, not the client) and the move of a
 * deal, the same operation as the SQLite store's. Errors are AFFARI_ERROR sentences to show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "model/affari-access.h"
#include "model/affari-deal.h"
#include "model/affari-pipeline.h"
#include "model/affari-stage.h"
#include "store/pg/affari-pg-import.h"

G_BEGIN_DECLS

typedef struct _AffariPgStore AffariPgStore;

/* Connects to @url (postgresql://USER:PASSWORD@HOST/DB or a libpq key=value string). */
AffariPgStore *affari_pg_store_open          (const char     *url,
                                              GError        **error);
void           affari_pg_store_close         (AffariPgStore  *self);
/* The schema's version on the server: 0 on a database without Affari's schema, -1 on error. */
int            affari_pg_store_get_version   (AffariPgStore  *self,
                                              GError        **error);
/* Brings the schema up to the newest version, each migration in its own transaction. */
gboolean       affari_pg_store_init          (AffariPgStore  *self,
                                              int            *out_version,
                                              GError        **error);
/* An administrator's connection: a seller's login with @password, scope ("none", "own",
 * "department", "all": the role of that scope for every action, "Nessuno", "Propri", "Reparto",
 * "Tutti") and department (made if new; NULL for none). */
gboolean       affari_pg_store_add_user      (AffariPgStore  *self,
                                              const char     *name,
                                              const char     *login,
                                              const char     *password,
                                              const char     *scope,
                                              const char     *department,
                                              gint64         *out_member_id,
                                              GError        **error);
/* The deals this connection may read (not in the trash, not leads), by id: AffariDeal. */
GPtrArray     *affari_pg_store_list_deals    (AffariPgStore  *self,
                                              GError        **error);
/* The deal pipelines, the default first: AffariPipeline. */
GPtrArray     *affari_pg_store_list_pipelines (AffariPgStore *self,
                                               GError       **error);
/* The stages of @pipeline_id in their order: AffariStage. */
GPtrArray     *affari_pg_store_list_stages   (AffariPgStore  *self,
                                              gint64          pipeline_id,
                                              GError        **error);
/* Moves deal @deal_id to the stage of code @code in its pipeline, at the top of the column (one
 * transaction, with its history); returns the stage, @out_moved FALSE when it was there already
 * and @out_is_lead when the deal is a lead. */
AffariStage   *affari_pg_store_move          (AffariPgStore  *self,
                                              gint64          deal_id,
                                              const char     *code,
                                              const char     *reason,
                                              gboolean       *out_moved,
                                              gboolean       *out_is_lead,
                                              GError        **error);

/* Copies the local database @local to this server (affari_pg_import_local ()): an empty server
 * at the newest schema, the owner's connection. */
gboolean       affari_pg_store_import_local  (AffariPgStore          *self,
                                              AffariStore            *local,
                                              AffariPgImportProgress  progress,
                                              gpointer                user_data,
                                              AffariPgImportReport   *report,
                                              GError                **error);

/* ---- access rights (affari-pg-rights.c): read by any login, changed by an administrator ----
 *
 * A login has a role; a role has, for each pipeline (or by default for every pipeline), a scope
 * for each action: actions "read", "add", "edit", "delete"; scopes "none" (Nessuno), "own"
 * (Propri), "department" (Del reparto), "all" (Tutti). The server enforces them (migration 13).
 * The values are src/model/affari-access.h's. */

/* The roles, oldest first: AffariAccessRole. */
GPtrArray     *affari_pg_store_list_roles    (AffariPgStore *self, GError **error);
/* The logins (team members with one) by name, with their role and department: AffariAccessLogin. */
GPtrArray     *affari_pg_store_list_logins   (AffariPgStore *self, GError **error);
/* Whether this connection may change the rights and the team: the tables' owner or a member of
 * affari_admin; FALSE with @error when the server cannot say. */
gboolean       affari_pg_store_is_admin      (AffariPgStore *self, GError **error);
/* The departments by name: AffariAccessDepartment. */
GPtrArray     *affari_pg_store_list_departments (AffariPgStore *self, GError **error);
/* The whole table: every role × (its default, then every pipeline in the board's order) × the
 * four actions in their order: AffariAccessRight. */
GPtrArray     *affari_pg_store_list_rights   (AffariPgStore *self, GError **error);
/* A new role @name with the rights of role @like (NULL: no right at all); its id, 0 on error. */
gint64         affari_pg_store_add_role      (AffariPgStore *self, const char *name, const char *like,
                                              GError **error);
/* Sets @role's @scope for @action (NULL: all four) in the pipeline called @pipeline (NULL: the
 * role's default). In force from the next statement of every connection. */
gboolean       affari_pg_store_set_right     (AffariPgStore *self, const char *role, const char *action,
                                              const char *scope, const char *pipeline, GError **error);
/* The same with the role's and the pipeline's ids (@pipeline 0: the role's default). */
gboolean       affari_pg_store_set_right_by_id (AffariPgStore *self, gint64 role, const char *action,
                                                const char *scope, gint64 pipeline, GError **error);
/* The department @name, made if new, with the team member of login @head_login as its head
 * (NULL: unchanged); its id, 0 on error. */
gint64         affari_pg_store_add_department (AffariPgStore *self, const char *name, const char *head_login,
                                               GError **error);
/* Department @name's head (@head_login; "" for none, NULL: unchanged) and members (@members, the
 * logins in it from now on: the others leave it; NULL: unchanged), in one statement. */
gboolean       affari_pg_store_edit_department (AffariPgStore *self, const char *name, const char *head_login,
                                                const char * const *members, GError **error);
/* Gives login @login the role @role. */
gboolean       affari_pg_store_set_user_role (AffariPgStore *self, const char *login, const char *role,
                                              GError **error);
/* A login with @password, role @role (NULL only for an administrator), department (made if new;
 * NULL for none), in the administrators' group when @admin (they may do everything and manage
 * the team); its team member's id in @out_member_id. */
gboolean       affari_pg_store_add_login     (AffariPgStore *self, const char *name, const char *login,
                                              const char *password, const char *role, const char *department,
                                              gboolean admin, gint64 *out_member_id, GError **error);

/* ---- for affari-bench --server (affari-pg-team.c) ---- */
/* @url with its login and password replaced (a libpq keyword='value' string). */
char          *affari_pg_store_url_for       (const char *url, const char *login, const char *password,
                                              GError **error);
/* The last history event's id, and how many moves ("stage" events) came after @since_event. */
gboolean       affari_pg_store_moves_since   (AffariPgStore *self, gint64 since_event, gint64 *out_last_event,
                                              gint64 *out_moves, GError **error);
/* The stage deal @deal_id is in (0 when it is not there or not readable), -1 on error. */
gint64         affari_pg_store_deal_stage    (AffariPgStore *self, gint64 deal_id, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariPgStore, affari_pg_store_close)

G_END_DECLS
