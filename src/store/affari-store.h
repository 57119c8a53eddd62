/* affari-store.h — the deals database. The only place that speaks SQL.
 *
 * Every function that writes runs in one transaction (nested calls join the outer one through
 * savepoints), writes the history events of its change, and emits the change signals only after
 * the transaction has committed.
 *
 * Signals:
 *   "changed" (AffariChangeSet *set)
 *       one committed transaction changed deals: each with its old and new stage (0 when it
 *       was not or is no longer live: created, trashed, restored, deleted), where it landed and
 *       the deal as it is now. Activities, products, contacts and fields of a deal count as
 *       changes of the deal. Models and views update from it.
 *   "stages-changed" (gint64 pipeline_id)   the stages of a pipeline were edited
 *   "pipelines-changed" ()                  pipelines were added, renamed, removed
 *   "reset" ()                              many things changed at once (import, demo): reload
 *   "damaged" ()                            the file was found damaged (a read or write met a
 *                                           damaged page, or affari_store_quick_check said so):
 *                                           from then on every write is refused
 *   "settings-changed::WHAT" (gint64 pipeline_id)  settings changed; WHAT is "custom-fields",
 *       "card-layout" (with the pipeline), "deal-types", "sources", "currencies", "products", "team"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "model/affari-types.h"
#include "model/affari-error.h"
#include "model/affari-deal.h"
#include "model/affari-deal-query.h"
#include "model/affari-pipeline.h"
#include "model/affari-stage.h"
#include "model/affari-company.h"
#include "model/affari-contact.h"
#include "model/affari-activity.h"
#include "model/affari-event.h"
#include "model/affari-team-member.h"
#include "model/affari-product.h"
#include "model/affari-change-set.h"
#include "model/affari-change-signals.h"
#include "model/affari-activity-period.h"
#include "model/affari-backup.h"
#include "model/affari-card-layout.h"
#include "model/affari-custom-field.h"
#include "model/affari-product-row.h"
#include "model/affari-reference.h"

G_BEGIN_DECLS

#define AFFARI_STORE_SCHEMA_VERSION 12

#define AFFARI_TYPE_STORE (affari_store_get_type ())
G_DECLARE_FINAL_TYPE (AffariStore, affari_store, AFFARI, STORE, GObject)

/* The default database path: $XDG_DATA_HOME/affari/affari.db */
char        *affari_store_default_path      (void);

/* Opens (creating and migrating when needed) the database at @path, or an in-memory database
 * when @path is NULL or ":memory:". A file that is not an Affari database (an empty file other
 * than the default path's, another program's database even when empty), is newer than this
 * program, is damaged or locked fails with an AFFARI_ERROR and is left untouched. */
AffariStore *affari_store_open              (const char *path, GError **error);
/* Team mode (#21): the database of the team on a PostgreSQL server. @url is a libpq connection
 * string or URI (postgresql://LOGIN@HOST[:PORT]/DATABASE, host=/run/… user=… dbname=…); @password,
 * when not NULL, is used instead of one in @url (the desktop keyring's). What this login may read
 * is kept in a local copy at @cache_path (NULL: affari_store_server_cache_path ()), so that every
 * read is as fast as on the embedded database and the last data stays readable when the server
 * is not; every write goes to the server in one transaction before it counts, and is refused
 * there as a whole (AFFARI_ERROR_FORBIDDEN, _CONFLICT, _OFFLINE) or kept. Other logins' changes
 * arrive by LISTEN/NOTIFY and are emitted as this store's own changes are, naming their author. */
AffariStore *affari_store_open_server       (const char *url, const char *password, const char *cache_path,
                                             GError **error);
/* Another connection to the same database, for a worker thread: the same file again, or in team
 * mode the same server with the same local copy (not read again). Only reads what does not change
 * after opening: callable from another thread. */
AffariStore *affari_store_open_like         (AffariStore *self, GError **error);
/* $XDG_CACHE_HOME/affari/server-<hash of url and login>.db */
char        *affari_store_server_cache_path (const char *url);
/* TRUE for a store opened with affari_store_open_server (). */
gboolean     affari_store_is_server         (AffariStore *self);
/* The server's address without its password, or NULL for the embedded database. */
const char  *affari_store_get_server_url    (AffariStore *self);
/* FALSE while the server cannot be reached (team mode only): reads show the last data, writes
 * fail with AFFARI_ERROR_OFFLINE; the store reconnects by itself. Notified as "online". */
gboolean     affari_store_is_online         (AffariStore *self);
/* Opens an existing Affari database for reading only: nothing is created, migrated or written
 * (the command line's check and listings). A database of an older version is refused. */
AffariStore *affari_store_open_read_only    (const char *path, GError **error);
/* How long a write waits for another program that holds the database (3 s by default; a
 * window fails fast instead and offers to retry). */
void         affari_store_set_busy_timeout  (AffariStore *self, int ms);
/* For the benchmark only: every commit flushed to the disk (TRUE, how the store always opens) or
 * left to the next checkpoint (FALSE), to measure what durability costs. */
void         affari_store_set_synchronous_full (AffariStore *self, gboolean full);
/* Marks the database damaged (what affari_store_quick_check () found on another thread): writes
 * are refused from now on, "damaged" is emitted once. */
void         affari_store_mark_damaged      (AffariStore *self);
gboolean     affari_store_is_damaged        (AffariStore *self);
/* A quick structural check of the database at @path on a connection of its own (for a worker
 * thread at start-up): the schema the program expects and SQLite's quick_check. FALSE with
 * @problems (readable sentences) when it is damaged; FALSE with @error when it cannot be read. */
gboolean     affari_store_quick_check       (const char *path, GPtrArray **problems, GError **error);
const char  *affari_store_get_path          (AffariStore *self);
int          affari_store_get_schema_version (AffariStore *self);
void         affari_store_close             (AffariStore *self);

/* ---- backups (affari-store-backup.c): none of these needs an open store, so that they can run
 * on a worker thread while the window keeps its own connection ---- */
/* Writes a consistent copy of the database at @source to @dest (private, 0600; complete or not
 * there at all), with SQLite's online backup while others keep writing. */
gboolean     affari_store_backup_file       (const char *source, const char *dest,
                                             AffariStoreProgressFunc progress, gpointer data,
                                             GCancellable *cancellable, GError **error);
/* Where the automatic backups of the database at @db_path live: "backups" beside it. */
char        *affari_store_backup_dir        (const char *db_path);
/* Makes today's automatic backup of @db_path unless there is one already (@now, Unix seconds),
 * keeping the newest seven; @out_path (nullable) gets the new file, NULL when none was needed. */
gboolean     affari_store_auto_backup       (const char *db_path, gint64 now, char **out_path, GError **error);
/* The automatic backups of @db_path, newest first (AffariBackupInfo). */
GPtrArray   *affari_store_list_backups      (const char *db_path);
/* Replaces the database at @db_path (closed by everyone: refused while Affari has it open) with
 * @backup, which must pass affari_store_check (); the database as it was is kept first among the
 * backups (@out_kept, nullable). */
gboolean     affari_store_restore_file      (const char *backup, const char *db_path, gint64 now,
                                             char **out_kept, GError **error);

/* Batches: everything between begin and end is one transaction and one "reset" signal. */
gboolean     affari_store_begin_batch       (AffariStore *self, GError **error);
gboolean     affari_store_end_batch         (AffariStore *self, gboolean commit, GError **error);
/* Another connection to the same file changed many things (an import in a worker thread):
 * emits "reset" so that everything reloads. */
void         affari_store_notify_reset      (AffariStore *self);

/* Integrity check plus the app's own invariants; fills @problems with readable sentences. */
gboolean     affari_store_check             (AffariStore *self, GPtrArray **problems, GError **error);

/* ---- settings, team ---- */
char        *affari_store_get_setting       (AffariStore *self, const char *key);
gboolean     affari_store_set_setting       (AffariStore *self, const char *key, const char *value, GError **error);
gint64       affari_store_get_current_user  (AffariStore *self);
gboolean     affari_store_set_current_user  (AffariStore *self, gint64 member_id, GError **error);
/* The main currency of new deals ("EUR"). */
char        *affari_store_dup_base_currency (AffariStore *self);
GPtrArray   *affari_store_list_team         (AffariStore *self, GError **error); /* AffariTeamMember */
gint64       affari_store_add_team_member   (AffariStore *self, const char *name, const char *email, GError **error);
AffariTeamMember *affari_store_get_team_member (AffariStore *self, gint64 id, GError **error);

/* ---- pipelines and stages ---- */
GPtrArray   *affari_store_list_pipelines    (AffariStore *self, GError **error); /* AffariPipeline, by sort */
AffariPipeline *affari_store_get_pipeline   (AffariStore *self, gint64 id, GError **error);
gint64       affari_store_get_default_pipeline_id (AffariStore *self);
/* A new pipeline gets the default stages (codes prefixed "C{id}:"). */
gint64       affari_store_create_pipeline   (AffariStore *self, const char *name, GError **error);
GPtrArray   *affari_store_list_stages       (AffariStore *self, gint64 pipeline_id, GError **error); /* AffariStage, by sort */
AffariStage *affari_store_get_stage         (AffariStore *self, gint64 stage_id, GError **error);
/* The first stage of @pipeline_id with @semantics (NULL-safe 0 when none). */
gint64       affari_store_find_stage        (AffariStore *self, gint64 pipeline_id, AffariSemantics semantics);
gint64       affari_store_find_stage_by_code (AffariStore *self, gint64 pipeline_id, const char *code);

/* Reference lists: each GPtrArray holds char* pairs code, name, code, name… */
GPtrArray   *affari_store_list_deal_types   (AffariStore *self, GError **error);
GPtrArray   *affari_store_list_sources      (AffariStore *self, GError **error);

/* ---- clients ---- */
gint64       affari_store_create_company    (AffariStore *self, AffariCompany *company, GError **error);
AffariCompany *affari_store_get_company     (AffariStore *self, gint64 id, GError **error);
/* Companies whose name contains @text (accents and case folded), at most @limit. */
GPtrArray   *affari_store_search_companies  (AffariStore *self, const char *text, guint limit, GError **error);
gint64       affari_store_create_contact    (AffariStore *self, AffariContact *contact, GError **error);
AffariContact *affari_store_get_contact     (AffariStore *self, gint64 id, GError **error);
GPtrArray   *affari_store_search_contacts   (AffariStore *self, const char *text, guint limit, GError **error);
/* Links: a deal has any number of contacts, one primary. */
gboolean     affari_store_set_deal_contacts (AffariStore *self, gint64 deal_id, const gint64 *contact_ids,
                                             guint n_contacts, gint64 primary_id, GError **error);
GPtrArray   *affari_store_list_deal_contacts (AffariStore *self, gint64 deal_id, GError **error); /* AffariContact, primary first */

/* ---- products ---- */
gint64       affari_store_create_product    (AffariStore *self, AffariProduct *product, GError **error);
GPtrArray   *affari_store_list_products     (AffariStore *self, GError **error);
gboolean     affari_store_set_product_rows  (AffariStore *self, gint64 deal_id, const AffariProductRow *rows,
                                             guint n_rows, GError **error);
GArray      *affari_store_list_product_rows (AffariStore *self, gint64 deal_id, GError **error); /* AffariProductRow */

/* ---- deals ---- */
/* Creates @deal: fills its id and every default the reference gives (first stage of the pipeline,
 * dates, base currency, author, repeat flags), puts it at the top of its stage, records the
 * history. Inside a batch only the id of @deal is filled in. */
gboolean     affari_store_create_deal       (AffariStore *self, AffariDeal *deal, GError **error);
/* Writes the fields of @deal that differ from the database, with one history event per field. */
gboolean     affari_store_update_deal       (AffariStore *self, AffariDeal *deal, GError **error);
AffariDeal  *affari_store_get_deal          (AffariStore *self, gint64 id, GError **error);
/* Moves a deal to @stage_id of its pipeline at @index among that stage's deals (0 = top,
 * -1 = bottom). Closes it on a won/lost stage, reopens it on an in-progress one. @reason
 * (nullable) goes into the history. */
gboolean     affari_store_move_deal         (AffariStore *self, gint64 deal_id, gint64 stage_id, int index,
                                             const char *reason, GError **error);
/* Moves the deals to @stage_id together at @index (-1 = bottom), in their order: one
 * transaction, as affari_store_move_deal () for each. */
gboolean     affari_store_move_deals        (AffariStore *self, const gint64 *ids, guint n_ids, gint64 stage_id,
                                             int index, const char *reason, GError **error);
/* Where a deal sits, exactly. */
typedef struct {
  gint64 deal_id;
  gint64 stage_id;
  double position;
  gboolean closed;
  char  *close_date;         /* "YYYY-MM-DD" or NULL */
} AffariDealPlace;
void         affari_deal_place_clear        (AffariDealPlace *place);
/* Fills @place with where the deal is now. */
gboolean     affari_store_get_deal_place    (AffariStore *self, gint64 deal_id, AffariDealPlace *place, GError **error);
/* Moves a deal to another pipeline; the stage is the first of the same semantics there. */
gboolean     affari_store_move_deal_to_pipeline (AffariStore *self, gint64 deal_id, gint64 pipeline_id, GError **error);
/* Trash (Cestino): hidden from every view, restorable; purge deletes for good. */
gboolean     affari_store_trash_deal        (AffariStore *self, gint64 deal_id, GError **error);
gboolean     affari_store_restore_deal      (AffariStore *self, gint64 deal_id, GError **error);
gboolean     affari_store_purge_deal        (AffariStore *self, gint64 deal_id, GError **error);

/* Queries. Ids of every matching deal in order (8 bytes a deal), then objects for a page. */
GArray      *affari_store_query_deal_ids    (AffariStore *self, const AffariDealQuery *query, GError **error);
GArray      *affari_store_query_first_deal_ids (AffariStore *self, const AffariDealQuery *query, guint limit, GError **error);
/* Loads the deals with these ids, in the same order; ids that no longer exist are skipped. */
GPtrArray   *affari_store_load_deals        (AffariStore *self, const gint64 *ids, guint n_ids, GError **error);
GPtrArray   *affari_store_query_deals       (AffariStore *self, const AffariDealQuery *query,
                                             guint offset, guint limit, GError **error);
guint        affari_store_count_deals       (AffariStore *self, const AffariDealQuery *query, GError **error);
/* Count and sum per stage and currency for the pipeline of @query (its other criteria filter). */
GArray      *affari_store_stage_totals      (AffariStore *self, const AffariDealQuery *query, GError **error);

/* ---- activities ---- */
gboolean     affari_store_add_activity      (AffariStore *self, gint64 deal_id, AffariActivity *activity, GError **error);
gboolean     affari_store_complete_activity (AffariStore *self, gint64 activity_id, gboolean completed, GError **error);
gboolean     affari_store_delete_activity   (AffariStore *self, gint64 activity_id, GError **error);
GPtrArray   *affari_store_list_activities   (AffariStore *self, gint64 deal_id, GError **error); /* by deadline */

/* ---- history ---- */
GPtrArray   *affari_store_list_events       (AffariStore *self, gint64 deal_id, GError **error); /* newest first */
gboolean     affari_store_add_comment       (AffariStore *self, gint64 deal_id, const char *text, GError **error);

/* ---- changes: what the deal operations layer (src/ops) builds on ---- */
/* Starts one user change of @deal_ids: one transaction, which the store's writes until
 * affari_store_end_change () join; what each deal is now is kept, so that it can be undone. */
gboolean     affari_store_begin_change      (AffariStore *self, const gint64 *deal_ids, guint n_deals, GError **error);
/* Declares one more deal of the change in progress, before anything writes to it. */
gboolean     affari_store_change_add_deal   (AffariStore *self, gint64 deal_id, GError **error);
/* Declares a deal the change in progress has just created: undoing the change puts it in the
 * trash (restorable), redoing takes it out again. */
gboolean     affari_store_change_add_created (AffariStore *self, gint64 deal_id, GError **error);
/* Commits the change when @ok (rolls it back otherwise) and returns its change set (also emitted
 * with "changed"), named @label and carrying what undo and redo need; NULL with @error. */
AffariChangeSet *affari_store_end_change    (AffariStore *self, gboolean ok, const char *label, GError **error);
/* Whether @set carries what affari_store_revert_change () needs. */
gboolean     affari_store_change_is_undoable (AffariChangeSet *set);
/* Puts every deal of @set back as it was before it (@forward FALSE: undo) or as the change left
 * it (TRUE: redo) — stage, position, closed flag, dates, every field, activities, product rows,
 * contacts — in one transaction with a history event on each deal. Refused, with nothing
 * written, when a deal was changed since by something else. Emits "changed" (is-revert set). */
gboolean     affari_store_revert_change     (AffariStore *self, AffariChangeSet *set, gboolean forward, GError **error);

/* ---- for tests and tools ---- */
/* Lets tests and the demo generator pretend "now" is another time (0 = the real clock). */
void         affari_store_set_now           (AffariStore *self, gint64 unix_seconds);

/* How a query with typed words is run (tests and benchmarks compare the ways; the store picks
 * by itself otherwise): AUTO; INDEX_LEADS — the full-text index leads and SQLite sorts the
 * matches; CRITERIA_LEAD — the deals of the other criteria, in order (kept between keystrokes),
 * filtered by the set of matches. */
typedef enum {
  AFFARI_SEARCH_PLAN_AUTO,
  AFFARI_SEARCH_PLAN_INDEX_LEADS,
  AFFARI_SEARCH_PLAN_CRITERIA_LEAD,
} AffariSearchPlan;
void         affari_store_set_search_plan   (AffariStore *self, AffariSearchPlan plan);
/* Forgets the ids and search matches kept between queries: a benchmark times a query asked for
 * the first time (a write forgets them too). */
void         affari_store_forget_kept       (AffariStore *self);
gint64       affari_store_now               (AffariStore *self);

/* ---- deal card ---- */
/* Moves the deadline of an activity, with a history event on its deal. */
gboolean     affari_store_reschedule_activity (AffariStore *self, gint64 activity_id, gint64 deadline, GError **error);
/* The deals in the trash (Cestino), most recently trashed first (AffariDeal). */
GPtrArray   *affari_store_list_trash        (AffariStore *self, GError **error);
/* Deletes for good, in one transaction, the deals trashed more than @days days ago. */
gboolean     affari_store_purge_trash       (AffariStore *self, guint days, guint *n_purged, GError **error);
/* The stage "Riapri" goes back to: the last in-progress stage of the deal's pipeline in its stage
 * history, else the last in-progress stage of the pipeline (0 when the deal does not exist). */
gint64       affari_store_find_reopen_stage (AffariStore *self, gint64 deal_id, GError **error);

/* The custom fields of deals, by sort then creation (AffariCustomField). */
GPtrArray   *affari_store_list_custom_fields (AffariStore *self, GError **error);
/* Creates a field and its list items in one transaction; @code gets the UF_CRM_ prefix when it
 * lacks it and must then be A–Z, 0–9 and _ only, at most 50 characters. Returns its id, 0 on error. */
gint64       affari_store_create_custom_field (AffariStore *self, AffariFieldKind kind, const char *code,
                                               const char *label, gboolean mandatory, gboolean show_in_list,
                                               const char * const *items, GError **error);
/* The values of @deal_id's custom fields: field id (gint64 *) → value in machine form (char *). */
GHashTable  *affari_store_get_deal_field_values (AffariStore *self, gint64 deal_id, GError **error);
/* Sets (NULL or "" clears) one custom field of a deal, validated for its kind, with a history event,
 * in one transaction. Machine forms: string and url text (url http, https, ftp or mailto);
 * double "1234.5"; money "1234.50|EUR"; date "YYYY-MM-DD"; boolean "1" or "0"; enumeration the
 * item id. A mandatory field cannot be cleared. */
gboolean     affari_store_set_deal_field_value  (AffariStore *self, gint64 deal_id, gint64 field_id,
                                                 const char *value, GError **error);

/* The saved filters by name (AffariSavedFilter). */
GPtrArray   *affari_store_list_saved_filters (AffariStore *self, GError **error);
/* Saves @query under @name, replacing a filter of the same name; returns its id (0 on error). */
gint64       affari_store_save_filter       (AffariStore *self, const char *name, const AffariDealQuery *query,
                                             GError **error);
gboolean     affari_store_delete_saved_filter (AffariStore *self, gint64 id, GError **error);

/* For the benchmark and tests only: appends @copies copies of every live deal (not their
 * contacts, products or history), in one transaction, to reach a million deals in seconds. */
gboolean     affari_store_test_clone_deals  (AffariStore *self, guint copies, GError **error);

/* ---- settings ---- */
/* Pipelines. The default pipeline is always listed first; the others follow @ids' order. */
gboolean     affari_store_rename_pipeline   (AffariStore *self, gint64 pipeline_id, const char *name, GError **error);
gboolean     affari_store_reorder_pipelines (AffariStore *self, const gint64 *ids, guint n_ids, GError **error);
/* Deals of the pipeline, trashed ones included (what deleting it has to move). */
guint        affari_store_count_pipeline_deals (AffariStore *self, gint64 pipeline_id);
/* Deletes a pipeline that is not the default one. Its deals (when any) go to @target_pipeline_id,
 * each to the first stage there of the same semantics, with a history event and a stage-history
 * row each, all in one transaction. @target_pipeline_id may be 0 only when it holds no deals. */
gboolean     affari_store_delete_pipeline   (AffariStore *self, gint64 pipeline_id, gint64 target_pipeline_id,
                                             GError **error);

/* Stages. Order rule: in-progress stages, then the one won stage, then the lost stages.
 * A new in-progress stage goes after the last in-progress one; a new lost stage
 * ("Crea fase di fallimento") at the end. @color is "#RRGGBB" (NULL: the palette's next). */
gint64       affari_store_add_stage         (AffariStore *self, gint64 pipeline_id, AffariSemantics semantics,
                                             const char *name, const char *color, GError **error);
/* Changes name and/or colour (NULL keeps it). */
gboolean     affari_store_update_stage      (AffariStore *self, gint64 stage_id, const char *name, const char *color,
                                             GError **error);
/* Puts the stages of @pipeline_id in @ids' order (every stage exactly once), refused when it
 * breaks the order rule (the semantics of a stage never change). */
gboolean     affari_store_reorder_stages    (AffariStore *self, gint64 pipeline_id, const gint64 *ids, guint n_ids,
                                             GError **error);
/* Whether a stage may be deleted: not the won stage, not the last lost one, not the last
 * in-progress one (a pipeline needs a first stage). Sets @error with the reason. */
gboolean     affari_store_can_delete_stage  (AffariStore *self, gint64 stage_id, GError **error);
/* Deals in the stage, trashed ones included. */
guint        affari_store_count_stage_deals (AffariStore *self, gint64 stage_id);
/* Deletes a stage; its deals move to @target_stage_id (same pipeline; 0 only when it has none),
 * closing or reopening as the target says, with history events, in one transaction. */
gboolean     affari_store_delete_stage      (AffariStore *self, gint64 stage_id, gint64 target_stage_id, GError **error);

/* The layout of @pipeline_id (AffariCardSection): the stored one, or the default (sections
 * "main", "additional" and "user" with every custom field). Custom fields missing from a stored
 * layout are added (visible) to its "user" section, or its last one; unknown codes are dropped. */
GPtrArray   *affari_store_get_card_layout   (AffariStore *self, gint64 pipeline_id, GError **error);
/* Whether @pipeline_id has its own stored layout (FALSE: it shows the default). */
gboolean     affari_store_has_card_layout   (AffariStore *self, gint64 pipeline_id);
/* Stores @sections (AffariCardSection) as the layout of @pipeline_id, in one transaction.
 * Every section needs a title; a field may appear once. */
gboolean     affari_store_set_card_layout   (AffariStore *self, gint64 pipeline_id, GPtrArray *sections, GError **error);
/* Back to the default layout. */
gboolean     affari_store_reset_card_layout (AffariStore *self, gint64 pipeline_id, GError **error);

/* Custom fields: edit, delete, reorder, list values. */
gboolean     affari_store_update_custom_field (AffariStore *self, gint64 field_id, const char *label,
                                               gboolean mandatory, gboolean show_in_list, GError **error);
/* Deletes the field and every deal's value of it. */
gboolean     affari_store_delete_custom_field (AffariStore *self, gint64 field_id, GError **error);
gboolean     affari_store_reorder_custom_fields (AffariStore *self, const gint64 *ids, guint n_ids, GError **error);
/* Replaces the items of a list field: items with id 0 are new, existing ids are renamed and put in
 * this order, missing ids are deleted (deals holding them are emptied, with history). */
gboolean     affari_store_set_custom_field_items (AffariStore *self, gint64 field_id, const AffariFieldItem *items,
                                                  guint n_items, GError **error);
/* The values of custom fields for many deals at once (list columns, exports):
 * deal id (gint64 *) → GHashTable as affari_store_get_deal_field_values() returns. */
GHashTable  *affari_store_get_field_values_for_deals (AffariStore *self, const gint64 *deal_ids, guint n_ids,
                                                      GError **error);

/* Adds an item; its code is made from the name (Latin letters, digits, _). Returns the code. */
char        *affari_store_add_list_item     (AffariStore *self, AffariListKind kind, const char *name, GError **error);
gboolean     affari_store_rename_list_item  (AffariStore *self, AffariListKind kind, const char *code,
                                             const char *name, GError **error);
/* Refused while deals use it. */
gboolean     affari_store_delete_list_item  (AffariStore *self, AffariListKind kind, const char *code, GError **error);
gboolean     affari_store_reorder_list      (AffariStore *self, AffariListKind kind, const char * const *codes,
                                             guint n_codes, GError **error);

GPtrArray   *affari_store_list_currencies   (AffariStore *self, GError **error); /* AffariCurrencyInfo, base first */
gboolean     affari_store_add_currency      (AffariStore *self, const char *code, const char *name, GError **error);
/* Refused for the main currency and for currencies deals or products use. */
gboolean     affari_store_remove_currency   (AffariStore *self, const char *code, GError **error);
/* The main currency: new deals and pipelines get it; the other rates are recomputed against it. */
gboolean     affari_store_set_base_currency (AffariStore *self, const char *code, GError **error);
/* Sets what 1 @code is worth in the main currency, @rate as typed ("0,92", "1.0850"), kept with four
 * decimals. Only for information and conversions a person asks for: totals never add currencies. */
gboolean     affari_store_set_currency_rate (AffariStore *self, const char *code, const char *rate, GError **error);

/* Product catalogue: update in place; delete hides it from the catalogue (rows keep their copy). */
gboolean     affari_store_update_product    (AffariStore *self, AffariProduct *product, GError **error);
gboolean     affari_store_delete_product    (AffariStore *self, gint64 product_id, GError **error);

/* Team: rename, and who can be responsible (inactive members stay in old history). */
gboolean     affari_store_update_team_member (AffariStore *self, gint64 member_id, const char *name,
                                              const char *email, gboolean active, GError **error);


/* ---- activities and calendar ---- */

/* The open deals of @query's pipeline (0 = every pipeline) matching its filter criteria (stage,
 * closed state and order are ignored), put in the periods by the deadline of their next open
 * activity as seen at the store's "now" in local time. @buckets has AFFARI_N_ACTIVITY_PERIODS
 * entries (cleared by the caller with affari_activity_bucket_clear); counts and totals are
 * computed in SQL. */
gboolean     affari_store_activity_buckets  (AffariStore *self, const AffariDealQuery *query,
                                             AffariActivityBucket *buckets, GError **error);
/* The open activity of a deal due first, or NULL (without error) when it has none. */
AffariActivity *affari_store_get_next_activity (AffariStore *self, gint64 deal_id, GError **error);
/* Moves the next open activity of @deal_id into @period by affari_activity_period_reschedule()'s
 * rules (store's "now", local time), in one transaction with its history event. The activity and
 * its old deadline (nullable outs) are what affari_store_reschedule_activity() needs to undo it.
 * Fails with AFFARI_ERROR_INVALID, and a sentence to show, when the deal has no open activity or
 * the period is refused. */
gboolean     affari_store_reschedule_next_activity (AffariStore *self, gint64 deal_id, AffariActivityPeriod period,
                                                    gint64 *out_activity_id, gint64 *out_old_deadline,
                                                    GError **error);

/* Moves the next open activity of each of @deal_ids into @period, all in one transaction (one
 * history event per deal). Deals without an open activity are skipped when there are several;
 * fails (nothing written) when none could be moved. */
gboolean     affari_store_reschedule_next_activities (AffariStore *self, const gint64 *deal_ids, guint n_deals,
                                                      AffariActivityPeriod period, GError **error);

/* The earliest deadline, not before @from, of an open activity of a live deal (0 when none). */
gboolean     affari_store_next_activity_deadline (AffariStore *self, gint64 from, gint64 *out_deadline,
                                                  GError **error);


/* The live deals of @query's pipeline and filter whose @field falls in [@from, @to] ("YYYY-MM-DD",
 * inclusive), by day, the largest amounts first, at most @per_day a day (0 = all). @out_days
 * (nullable) gets an AffariCalendarDay for each day with deals. */
GPtrArray   *affari_store_calendar_deals    (AffariStore *self, const AffariDealQuery *query,
                                             AffariCalendarField field, const char *from, const char *to,
                                             guint per_day, GArray **out_days, GError **error);
/* Sets the close or begin date of a deal to @date ("YYYY-MM-DD") through affari_store_update_deal():
 * one transaction, one history event. @out_old (nullable) gets the date before, for undo. The
 * creation date is refused. */
gboolean     affari_store_set_deal_date     (AffariStore *self, gint64 deal_id, AffariCalendarField field,
                                             const char *date, char **out_old, GError **error);
/* The open activities of live deals due in [@from, @to) (Unix seconds; @to 0 = no end), by
 * deadline; only those of @query's pipeline and filter when @query is not NULL. @out_titles
 * (nullable) maps each deal id (gint64 *) to its title. */
GPtrArray   *affari_store_list_planned_activities (AffariStore *self, const AffariDealQuery *query,
                                                   gint64 from, gint64 to, GHashTable **out_titles,
                                                   GError **error);

/* ---- team mode: access rights (#21; src/store/pg/affari-pg-replica-rights.c) ----
 * Read by any login, changed by an administrator; the server enforces them. Each fails with
 * AFFARI_ERROR_INVALID on the embedded database, AFFARI_ERROR_FORBIDDEN when the server refuses
 * (a seller), AFFARI_ERROR_OFFLINE when it cannot be reached. Values: model/affari-access.h. */
#include "model/affari-access.h"

/* The roles, oldest first: AffariAccessRole. */
GPtrArray   *affari_store_list_access_roles (AffariStore *self, GError **error);
/* The departments by name, with their heads: AffariAccessDepartment. */
GPtrArray   *affari_store_list_access_departments (AffariStore *self, GError **error);
/* Every role × (its default, then every pipeline) × the four actions: AffariAccessRight. */
GPtrArray   *affari_store_list_access_rights (AffariStore *self, GError **error);
/* The logins by name, with their roles: AffariAccessLogin. */
GPtrArray   *affari_store_list_access_logins (AffariStore *self, GError **error);
/* Sets role @role_id's @scope for @action (NULL: all four) in @pipeline_id (0: the default). */
gboolean     affari_store_set_access_right  (AffariStore *self, gint64 role_id, const char *action,
                                             const char *scope, gint64 pipeline_id, GError **error);
/* A new role @name with the rights of role @like (NULL: none); its id, 0 on error. */
gint64       affari_store_add_access_role   (AffariStore *self, const char *name, const char *like,
                                             GError **error);
/* Gives login @login the role @role. */
gboolean     affari_store_set_member_role   (AffariStore *self, const char *login, const char *role,
                                             GError **error);
/* The department @name, made if new, headed by login @head_login (NULL: unchanged); its id, 0 on error. */
gint64       affari_store_add_department    (AffariStore *self, const char *name, const char *head_login,
                                             GError **error);
/* A new login @login with @password, shown as @name (the login when empty), role @role, in
 * department @department (NULL: none); its team member's id, 0 on error. */
gint64       affari_store_add_login         (AffariStore *self, const char *name, const char *login,
                                             const char *password, const char *role, const char *department,
                                             GError **error);
/* Department @name's head (login @head_login; "" for none, NULL: unchanged) and its members (the
 * logins @members: the others leave it; NULL: unchanged), in one transaction. */
gboolean     affari_store_edit_department   (AffariStore *self, const char *name, const char *head_login,
                                             const char * const *members, GError **error);
/* Whether this login may change the rights (the owner or an affari_admin), asked of the server
 * at each call; FALSE on the embedded database or offline. */
gboolean     affari_store_is_administrator  (AffariStore *self);

G_END_DECLS
