/* affari-workspace.h — what the windows see of the core: one open database
 *
 * The UI holds a workspace and never the store. What it shows it reads here; every deal it
 * changes goes through an AffariDealOps made here (one undo history per window); settings,
 * clients and the product catalogue it edits are written here, each write one transaction
 * of the store. Models (deal lists) are made here too. The backend behind a workspace (the
 * embedded SQLite database today, a shared server later) is chosen when it is opened.
 *
 * Signals, re-emitted after each commit of the store with the same arguments:
 *   "changed" (AffariChangeSet *set)        deals changed (see AffariChangeSet)
 *   "stages-changed" (gint64 pipeline_id)   the stages of a pipeline were edited
 *   "pipelines-changed" ()                  pipelines were added, renamed, removed
 *   "reset" ()                              many things changed at once (import, demo): reload
 *   "damaged" ()                            the file was found damaged: writes are refused
 *   "settings-changed::WHAT" (gint64 pipeline_id)  WHAT is "custom-fields", "card-layout",
 *       "deal-types", "sources", "currencies", "products", "team"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "model/affari-types.h"
#include "model/affari-error.h"
#include "model/affari-deal.h"
#include "model/affari-deal-query.h"
#include "model/affari-pipeline.h"
#include "model/affari-stage.h"
#include "model/affari-company.h"
#include "model/affari-contact.h"
#include "model/affari-activity.h"
#include "model/affari-activity-period.h"
#include "model/affari-backup.h"
#include "model/affari-event.h"
#include "model/affari-team-member.h"
#include "model/affari-product.h"
#include "model/affari-product-row.h"
#include "model/affari-card-layout.h"
#include "model/affari-custom-field.h"
#include "model/affari-reference.h"
#include "model/affari-change-set.h"
#include "model/affari-change-signals.h"
#include "model/affari-deal-list.h"
#include "model/affari-deal-id-list.h"
#include "affari-deal-ops.h"

G_BEGIN_DECLS

typedef struct _AffariStore AffariStore;

#define AFFARI_TYPE_WORKSPACE (affari_workspace_get_type ())
G_DECLARE_FINAL_TYPE (AffariWorkspace, affari_workspace, AFFARI, WORKSPACE, GObject)

/* The default database: $XDG_DATA_HOME/affari/affari.db */
char            *affari_workspace_default_path   (void);
/* Opens the database at @path (NULL: the default one), creating and migrating it when needed;
 * a file that is not an Affari database, is newer, damaged or locked fails with an AFFARI_ERROR
 * and is left untouched. */
AffariWorkspace *affari_workspace_open           (const char *path, GError **error);
/* Team mode: the workspace on the team's PostgreSQL server (see affari_store_open_server ()). */
AffariWorkspace *affari_workspace_open_server    (const char *url, const char *password, GError **error);
/* TRUE on a server; its address without the password (NULL on the embedded database). */
gboolean         affari_workspace_is_server      (AffariWorkspace *self);
const char      *affari_workspace_get_server_url (AffariWorkspace *self);
/* FALSE while the server cannot be reached: the last data is shown read-only, writes fail with
 * AFFARI_ERROR_OFFLINE. The property "online" is notified when it changes. */
gboolean         affari_workspace_is_online      (AffariWorkspace *self);
/* A workspace on an open store (the command line and the tests open their own). */
AffariWorkspace *affari_workspace_new            (AffariStore *store);
const char      *affari_workspace_get_path       (AffariWorkspace *self);
/* Closes the database: later reads and writes fail. */
void             affari_workspace_close          (AffariWorkspace *self);
/* The handle the core's constructors take (importers, exporters, the notifier); the UI only
 * passes it along. */
AffariStore     *affari_workspace_get_store      (AffariWorkspace *self);

/* ---- the file's health and its backups ---- */
/* On a worker thread (the first frame is not delayed): a quick structural check of the file, and
 * on a sound file today's automatic backup (the newest seven kept) unless there is one. When the
 * check finds damage, writes stop and "damaged" is emitted. */
void             affari_workspace_check_in_background (AffariWorkspace *self);
gboolean         affari_workspace_is_damaged     (AffariWorkspace *self);
/* A consistent copy to @dest; thread-safe (its own connection): call it from a worker thread
 * with @progress and @cancellable. */
gboolean         affari_workspace_back_up        (AffariWorkspace *self, const char *dest,
                                                  AffariStoreProgressFunc progress, gpointer data,
                                                  GCancellable *cancellable, GError **error);
/* The automatic backups, newest first (AffariBackupInfo). */
GPtrArray       *affari_workspace_list_backups   (AffariWorkspace *self);
/* Replaces the database at @db_path with @backup (see affari_store_restore_file ()): every
 * workspace on it must be closed first. */
gboolean         affari_workspace_restore        (const char *backup, const char *db_path, char **out_kept,
                                                  GError **error);

/* ---- models and operations ---- */
/* A new operations layer with its own undo history (a window's). */
AffariDealOps   *affari_workspace_new_deal_ops   (AffariWorkspace *self);
/* The deals matching @query (see AffariDealList); _first reads only the first @n ids at first. */
AffariDealList  *affari_workspace_new_deal_list  (AffariWorkspace *self, const AffariDealQuery *query);
AffariDealList  *affari_workspace_new_deal_list_first (AffariWorkspace *self, const AffariDealQuery *query,
                                                       guint n);
AffariDealIdList *affari_workspace_new_deal_id_list (AffariWorkspace *self);

/* ---- reads (affari-workspace-reads.c; each as the store's function of the same name) ---- */
/* The open deals of @query's pipeline (0 = every pipeline) matching its filter criteria (stage,
 * closed state and order are ignored), put in the periods by the deadline of their next open
 * activity as seen at the store's "now" in local time. @buckets has AFFARI_N_ACTIVITY_PERIODS
 * entries (cleared by the caller with affari_activity_bucket_clear); counts and totals are
 * computed in SQL. */
gboolean     affari_workspace_activity_buckets (AffariWorkspace *self, const AffariDealQuery *query,
                                                AffariActivityBucket *buckets, GError **error);
/* The live deals of @query's pipeline and filter whose @field falls in [@from, @to] ("YYYY-MM-DD",
 * inclusive), by day, the largest amounts first, at most @per_day a day (0 = all). @out_days
 * (nullable) gets an AffariCalendarDay for each day with deals. */
GPtrArray   *affari_workspace_calendar_deals (AffariWorkspace *self, const AffariDealQuery *query,
                                              AffariCalendarField field, const char *from, const char *to,
                                              guint per_day, GArray **out_days, GError **error);
/* Whether a stage may be deleted: not the won stage, not the last lost one, not the last
 * in-progress one (a pipeline needs a first stage). Sets @error with the reason. */
gboolean     affari_workspace_can_delete_stage (AffariWorkspace *self, gint64 stage_id, GError **error);
guint        affari_workspace_count_deals (AffariWorkspace *self, const AffariDealQuery *query,
                                           GError **error);
/* Deals of the pipeline, trashed ones included (what deleting it has to move). */
guint        affari_workspace_count_pipeline_deals (AffariWorkspace *self, gint64 pipeline_id);
/* Deals in the stage, trashed ones included. */
guint        affari_workspace_count_stage_deals (AffariWorkspace *self, gint64 stage_id);
/* The main currency of new deals ("EUR"). */
char        *affari_workspace_dup_base_currency (AffariWorkspace *self);
/* The first stage of @pipeline_id with @semantics (NULL-safe 0 when none). */
gint64       affari_workspace_find_stage (AffariWorkspace *self, gint64 pipeline_id,
                                          AffariSemantics semantics);
/* The layout of @pipeline_id (AffariCardSection): the stored one, or the default (sections
 * "main", "additional" and "user" with every custom field). Custom fields missing from a stored
 * layout are added (visible) to its "user" section, or its last one; unknown codes are dropped. */
GPtrArray   *affari_workspace_get_card_layout (AffariWorkspace *self, gint64 pipeline_id, GError **error);
AffariCompany*affari_workspace_get_company (AffariWorkspace *self, gint64 id, GError **error);
gint64       affari_workspace_get_current_user (AffariWorkspace *self);
AffariDeal  *affari_workspace_get_deal (AffariWorkspace *self, gint64 id, GError **error);
/* The values of @deal_id's custom fields: field id (gint64 *) → value in machine form (char *). */
GHashTable  *affari_workspace_get_deal_field_values (AffariWorkspace *self, gint64 deal_id, GError **error);
gint64       affari_workspace_get_default_pipeline_id (AffariWorkspace *self);
/* ---- pipelines and stages ---- */
GPtrArray   *affari_store_list_pipelines    (AffariStore *self, GError **error); /* AffariPipeline, by sort */
AffariPipeline*affari_workspace_get_pipeline (AffariWorkspace *self, gint64 id, GError **error);
/* ---- settings, team ---- */
char        *affari_workspace_get_setting (AffariWorkspace *self, const char *key);
/* A new pipeline gets the default stages (codes prefixed "C{id}:"). */
gint64       affari_store_create_pipeline   (AffariStore *self, const char *name, GError **error);
GPtrArray   *affari_store_list_stages       (AffariStore *self, gint64 pipeline_id, GError **error); /* AffariStage, by sort */
AffariStage *affari_workspace_get_stage (AffariWorkspace *self, gint64 stage_id, GError **error);
AffariTeamMember*affari_workspace_get_team_member (AffariWorkspace *self, gint64 id, GError **error);
/* Whether @pipeline_id has its own stored layout (FALSE: it shows the default). */
gboolean     affari_workspace_has_card_layout (AffariWorkspace *self, gint64 pipeline_id);
GPtrArray   *affari_workspace_list_activities (AffariWorkspace *self, gint64 deal_id, GError **error);
GPtrArray   *affari_workspace_list_currencies (AffariWorkspace *self, GError **error);
/* The custom fields of deals, by sort then creation (AffariCustomField). */
GPtrArray   *affari_workspace_list_custom_fields (AffariWorkspace *self, GError **error);
GPtrArray   *affari_workspace_list_deal_contacts (AffariWorkspace *self, gint64 deal_id, GError **error);
/* Reference lists: each GPtrArray holds char* pairs code, name, code, name… */
GPtrArray   *affari_workspace_list_deal_types (AffariWorkspace *self, GError **error);
/* ---- history ---- */
GPtrArray   *affari_workspace_list_events (AffariWorkspace *self, gint64 deal_id, GError **error);
/* ---- pipelines and stages ---- */
GPtrArray   *affari_workspace_list_pipelines (AffariWorkspace *self, GError **error);
/* The open activities of live deals due in [@from, @to) (Unix seconds; @to 0 = no end), by
 * deadline; only those of @query's pipeline and filter when @query is not NULL. @out_titles
 * (nullable) maps each deal id (gint64 *) to its title. */
GPtrArray   *affari_workspace_list_planned_activities (AffariWorkspace *self, const AffariDealQuery *query,
                                                       gint64 from, gint64 to, GHashTable **out_titles,
                                                       GError **error);
GArray      *affari_workspace_list_product_rows (AffariWorkspace *self, gint64 deal_id, GError **error);
GPtrArray   *affari_workspace_list_products (AffariWorkspace *self, GError **error);
/* The saved filters by name (AffariSavedFilter). */
GPtrArray   *affari_workspace_list_saved_filters (AffariWorkspace *self, GError **error);
GPtrArray   *affari_workspace_list_sources (AffariWorkspace *self, GError **error);
GPtrArray   *affari_workspace_list_stages (AffariWorkspace *self, gint64 pipeline_id, GError **error);
GPtrArray   *affari_workspace_list_team (AffariWorkspace *self, GError **error);
/* The deals in the trash (Cestino), most recently trashed first (AffariDeal). */
GPtrArray   *affari_workspace_list_trash (AffariWorkspace *self, GError **error);
gint64       affari_workspace_now (AffariWorkspace *self);
/* Queries. Ids of every matching deal in order (8 bytes a deal), then objects for a page. */
GArray      *affari_workspace_query_deal_ids (AffariWorkspace *self, const AffariDealQuery *query,
                                              GError **error);
GPtrArray   *affari_workspace_query_deals (AffariWorkspace *self, const AffariDealQuery *query, guint offset,
                                           guint limit, GError **error);
/* Companies whose name contains @text (accents and case folded), at most @limit. */
GPtrArray   *affari_workspace_search_companies (AffariWorkspace *self, const char *text, guint limit,
                                                GError **error);
GPtrArray   *affari_workspace_search_contacts (AffariWorkspace *self, const char *text, guint limit,
                                               GError **error);
/* Count and sum per stage and currency for the pipeline of @query (its other criteria filter). */
GArray      *affari_workspace_stage_totals (AffariWorkspace *self, const AffariDealQuery *query,
                                            GError **error);

/* ---- writes of settings, clients and the catalogue (affari-workspace-writes.c) ---- */
/* Refused while deals use it. */
gboolean     affari_store_delete_list_item  (AffariStore *self, AffariListKind kind, const char *code, GError **error);
gboolean     affari_store_reorder_list      (AffariStore *self, AffariListKind kind, const char * const *codes,
                                             guint n_codes, GError **error);

GPtrArray   *affari_store_list_currencies   (AffariStore *self, GError **error); /* AffariCurrencyInfo, base first */
gboolean     affari_workspace_add_currency (AffariWorkspace *self, const char *code, const char *name,
                                            GError **error);
/* Adds an item; its code is made from the name (Latin letters, digits, _). Returns the code. */
char        *affari_workspace_add_list_item (AffariWorkspace *self, AffariListKind kind, const char *name,
                                             GError **error);
/* Stages. Order rule: in-progress stages, then the one won stage, then the lost stages.
 * A new in-progress stage goes after the last in-progress one; a new lost stage
 * ("Crea fase di fallimento") at the end. @color is "#RRGGBB" (NULL: the palette's next). */
gint64       affari_workspace_add_stage (AffariWorkspace *self, gint64 pipeline_id,
                                         AffariSemantics semantics, const char *name, const char *color,
                                         GError **error);
/* The main currency of new deals ("EUR"). */
char        *affari_store_dup_base_currency (AffariStore *self);
GPtrArray   *affari_store_list_team         (AffariStore *self, GError **error); /* AffariTeamMember */
gint64       affari_workspace_add_team_member (AffariWorkspace *self, const char *name, const char *email,
                                               GError **error);
/* ---- clients ---- */
gint64       affari_workspace_create_company (AffariWorkspace *self, AffariCompany *company, GError **error);
gint64       affari_workspace_create_contact (AffariWorkspace *self, AffariContact *contact, GError **error);
/* Creates a field and its list items in one transaction; @code gets the UF_CRM_ prefix when it
 * lacks it and must then be A–Z, 0–9 and _ only, at most 50 characters. Returns its id, 0 on error. */
gint64       affari_workspace_create_custom_field (AffariWorkspace *self, AffariFieldKind kind,
                                                   const char *code, const char *label, gboolean mandatory,
                                                   gboolean show_in_list, const char * const *items,
                                                   GError **error);
/* A new pipeline gets the default stages (codes prefixed "C{id}:"). */
gint64       affari_workspace_create_pipeline (AffariWorkspace *self, const char *name, GError **error);
/* ---- products ---- */
gint64       affari_workspace_create_product (AffariWorkspace *self, AffariProduct *product, GError **error);
/* Deletes the field and every deal's value of it. */
gboolean     affari_workspace_delete_custom_field (AffariWorkspace *self, gint64 field_id, GError **error);
/* Refused while deals use it. */
gboolean     affari_workspace_delete_list_item (AffariWorkspace *self, AffariListKind kind, const char *code,
                                                GError **error);
/* Deletes a pipeline that is not the default one. Its deals (when any) go to @target_pipeline_id,
 * each to the first stage there of the same semantics, with a history event and a stage-history
 * row each, all in one transaction. @target_pipeline_id may be 0 only when it holds no deals. */
gboolean     affari_workspace_delete_pipeline (AffariWorkspace *self, gint64 pipeline_id,
                                               gint64 target_pipeline_id, GError **error);
gboolean     affari_workspace_delete_product (AffariWorkspace *self, gint64 product_id, GError **error);
gboolean     affari_workspace_delete_saved_filter (AffariWorkspace *self, gint64 id, GError **error);
/* Deletes a stage; its deals move to @target_stage_id (same pipeline; 0 only when it has none),
 * closing or reopening as the target says, with history events, in one transaction. */
gboolean     affari_workspace_delete_stage (AffariWorkspace *self, gint64 stage_id, gint64 target_stage_id,
                                            GError **error);
/* Refused for the main currency and for currencies deals or products use. */
gboolean     affari_workspace_remove_currency (AffariWorkspace *self, const char *code, GError **error);
gboolean     affari_workspace_rename_list_item (AffariWorkspace *self, AffariListKind kind, const char *code,
                                                const char *name, GError **error);
/* Pipelines. The default pipeline is always listed first; the others follow @ids' order. */
gboolean     affari_workspace_rename_pipeline (AffariWorkspace *self, gint64 pipeline_id, const char *name,
                                               GError **error);
gboolean     affari_workspace_reorder_custom_fields (AffariWorkspace *self, const gint64 *ids, guint n_ids,
                                                     GError **error);
gboolean     affari_workspace_reorder_list (AffariWorkspace *self, AffariListKind kind,
                                            const char * const *codes, guint n_codes, GError **error);
gboolean     affari_workspace_reorder_pipelines (AffariWorkspace *self, const gint64 *ids, guint n_ids,
                                                 GError **error);
/* Puts the stages of @pipeline_id in @ids' order (every stage exactly once), refused when it
 * breaks the order rule (the semantics of a stage never change). */
gboolean     affari_workspace_reorder_stages (AffariWorkspace *self, gint64 pipeline_id, const gint64 *ids,
                                              guint n_ids, GError **error);
/* Back to the default layout. */
gboolean     affari_workspace_reset_card_layout (AffariWorkspace *self, gint64 pipeline_id, GError **error);
/* Saves @query under @name, replacing a filter of the same name; returns its id (0 on error). */
gint64       affari_workspace_save_filter (AffariWorkspace *self, const char *name,
                                           const AffariDealQuery *query, GError **error);
/* The main currency: new deals and pipelines get it; the other rates are recomputed against it. */
gboolean     affari_workspace_set_base_currency (AffariWorkspace *self, const char *code, GError **error);
/* Stores @sections (AffariCardSection) as the layout of @pipeline_id, in one transaction.
 * Every section needs a title; a field may appear once. */
gboolean     affari_workspace_set_card_layout (AffariWorkspace *self, gint64 pipeline_id,
                                               GPtrArray *sections, GError **error);
/* Sets what 1 @code is worth in the main currency, @rate as typed ("0,92", "1.0850"), kept with four
 * decimals. Only for information and conversions a person asks for: totals never add currencies. */
gboolean     affari_workspace_set_currency_rate (AffariWorkspace *self, const char *code, const char *rate,
                                                 GError **error);
gboolean     affari_workspace_set_current_user (AffariWorkspace *self, gint64 member_id, GError **error);
/* Replaces the items of a list field: items with id 0 are new, existing ids are renamed and put in
 * this order, missing ids are deleted (deals holding them are emptied, with history). */
gboolean     affari_workspace_set_custom_field_items (AffariWorkspace *self, gint64 field_id,
                                                      const AffariFieldItem *items, guint n_items,
                                                      GError **error);
gboolean     affari_workspace_set_setting (AffariWorkspace *self, const char *key, const char *value,
                                           GError **error);
/* Custom fields: edit, delete, reorder, list values. */
gboolean     affari_workspace_update_custom_field (AffariWorkspace *self, gint64 field_id, const char *label,
                                                   gboolean mandatory, gboolean show_in_list, GError **error);
/* Product catalogue: update in place; delete hides it from the catalogue (rows keep their copy). */
gboolean     affari_workspace_update_product (AffariWorkspace *self, AffariProduct *product, GError **error);
/* Changes name and/or colour (NULL keeps it). */
gboolean     affari_workspace_update_stage (AffariWorkspace *self, gint64 stage_id, const char *name,
                                            const char *color, GError **error);
/* Team: rename, and who can be responsible (inactive members stay in old history). */
gboolean     affari_workspace_update_team_member (AffariWorkspace *self, gint64 member_id, const char *name,
                                                  const char *email, gboolean active, GError **error);

/* ---- team mode: access rights (#21; affari-workspace-team.c) ----
 * The server's roles, rights per pipeline, logins and departments: read by any login, changed
 * only by an administrator (the server refuses a seller: AFFARI_ERROR_FORBIDDEN). Each change is
 * written at once. Values: model/affari-access.h. */
#include "model/affari-access.h"

GPtrArray   *affari_workspace_list_access_roles (AffariWorkspace *self, GError **error);
GPtrArray   *affari_workspace_list_access_departments (AffariWorkspace *self, GError **error);
GPtrArray   *affari_workspace_list_access_rights (AffariWorkspace *self, GError **error);
GPtrArray   *affari_workspace_list_access_logins (AffariWorkspace *self, GError **error);
/* @action NULL: all four; @pipeline_id 0: the role's default for every pipeline. */
gboolean     affari_workspace_set_access_right (AffariWorkspace *self, gint64 role_id, const char *action,
                                                const char *scope, gint64 pipeline_id, GError **error);
/* A new role with the rights of role @like (NULL: none); its id, 0 on error. */
gint64       affari_workspace_add_access_role (AffariWorkspace *self, const char *name, const char *like,
                                               GError **error);
gboolean     affari_workspace_set_member_role (AffariWorkspace *self, const char *login, const char *role,
                                               GError **error);
/* Made if new, headed by login @head_login (NULL: unchanged); its id, 0 on error. */
gint64       affari_workspace_add_department (AffariWorkspace *self, const char *name, const char *head_login,
                                              GError **error);
/* A seller's new login (its role, its department or NULL); the team member's id, 0 on error. */
gint64       affari_workspace_add_login (AffariWorkspace *self, const char *name, const char *login,
                                         const char *password, const char *role, const char *department,
                                         GError **error);
/* The department's head ("" none, NULL unchanged) and members (NULL unchanged), at once. */
gboolean     affari_workspace_edit_department (AffariWorkspace *self, const char *name, const char *head_login,
                                               const char * const *members, GError **error);
/* Whether this login may change the rights: what the page shows read-only otherwise. */
gboolean     affari_workspace_is_administrator (AffariWorkspace *self);

G_END_DECLS
