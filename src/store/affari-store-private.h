/* affari-store-private.h — what the store's own source files share (never include elsewhere)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "affari-store.h"

G_BEGIN_DECLS

#define STORE_MAX_TITLE_CHARS AFFARI_MAX_TITLE_CHARS
#define STORE_MAX_TEXT_CHARS AFFARI_MAX_TEXT_CHARS
#define STORE_LIVE_DEAL "d.deleted_at IS NULL AND d.is_recurring = 0"

typedef enum {
  STORE_PENDING_DEAL,
  STORE_PENDING_STAGES,
  STORE_PENDING_PIPELINES,
  STORE_PENDING_SETTINGS,
} StorePendingKind;

typedef struct {
  StorePendingKind kind;
  gint64 a, b, c;
  int index;                /* STORE_PENDING_DEAL: where the deal landed (AFFARI_CHANGE_INDEX_*) */
} StorePending;

struct _AffariStore
{
  GObject parent_instance;

  sqlite3 *db;
  char *path;
  GHashTable *statements;   /* SQL text → sqlite3_stmt*, prepared once */
  GArray *pending;          /* StorePending, emitted after the outermost commit */
  guint tx_depth;
  gboolean damaged;         /* found damaged: writes are refused */
  char *lock_key;           /* the file's entry in the process's file locks (affari-store.c) */
  guint batch_depth;
  gboolean batch_failed;
  GHashTable *batch_stages; /* stage id → StoreStageInfo, only while a batch holds the write lock */   /* a write inside the batch failed: only a rollback remains */
  gint64 now;               /* 0 = the real clock */
  gint64 current_user;
  gint64 default_pipeline;
  GHashTable *profile;      /* SQL → total ns, with AFFARI_PROFILE_SQL=1 */
  gboolean has_search_index; /* migration 2 applied: deal_search_dirty exists */
  char *today;              /* "YYYY-MM-DD", local time, for now ∈ [today_from, today_until) */
  gint64 today_from;
  gint64 today_until;
  /* The ids of the last list-like query without words (see affari_store_query_deal_ids), valid
   * while nothing was written (here or by another process), on the same day, for the same user. */
  AffariDealQuery *base_query;
  GArray *base_ids;
  gint64 base_changes;
  gint64 base_data_version;
  char *base_today;
  gint64 base_user;
  /* The deals the last words typed match (see search_set), valid while nothing was written. */
  int search_plan;          /* AffariSearchPlan */
  char *search_match;
  gpointer search_set;
  gboolean search_on_server; /* team mode: search_set is the server's answer (store_server_search) */
  gint64 search_changes;
  gint64 search_data_version;
  /* The change in progress (affari-store-changes.c): the deals before it, and what the set that
   * the commit emits carries. */
  GPtrArray *change_before;
  gpointer building_undo;
  char *building_label;
  gboolean building_revert;
  AffariChangeSet *last_change;
  /* The import in progress (affari-store-import-undo.c): where each table ended before it. */
  struct _StoreImportMarks *import_marks;
  /* The changes of other connections (affari-store-watch.c): this connection's mark in the
   * change log, the last row it read, and the file's data version when it last looked. */
  gboolean has_change_log;
  gint64 watch_origin;
  gint64 watch_seq;
  gint64 watch_data_version;
  gint64 building_author;   /* the author of the set being emitted: 0 = this connection */
  /* Team mode (pg/affari-pg-replica.c): the server this store is a local copy of, NULL for the
   * embedded database; whether it can be reached now. */
  struct _StoreServer *server;
  gboolean online;
};

/* Rows read whole (affari-store-changes.c): the values of each row as SQLite had them. */
typedef struct {
  guint n_cols;
  char **cols;                /* column names */
  GPtrArray *rows;            /* sqlite3_value *[n_cols] */
} StoreRows;
/* The rows @select gives (its ?1, if any, bound to @id). */
StoreRows *store_rows_read   (AffariStore *self, const char *select, gint64 id, GError **error);
/* Inserts @rows into @table, every column as read. */
gboolean   store_rows_insert (AffariStore *self, const char *table, const StoreRows *rows, GError **error);
void       store_rows_free   (StoreRows *rows);

/* An import's undo (affari-store-import-undo.c) inside the change sets' undo data. */
typedef struct _StoreImportMarks StoreImportMarks;
void      store_import_marks_free (StoreImportMarks *marks);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoreImportMarks, store_import_marks_free)
gboolean  store_import_revert     (AffariStore *self, const StoreImportMarks *marks, gboolean forward, GError **error);
gpointer  store_undo_new_import   (StoreImportMarks *marks);
/* The import in progress replaces the whole database (a restore of our own export into an empty
 * one): its undo puts back every row there was before instead of deleting ranges. */
gboolean  store_import_mark_whole (AffariStore *self, GError **error);
void      store_undo_free         (gpointer undo);


typedef struct {
  gint64 pipeline_id;
  AffariSemantics semantics;
  char *name;
} StoreStageInfo;

typedef struct {
  gint64 pipeline_id;
  gint64 stage_id;
  gint64 deleted_at;
} StoreDealPlace;

/* Statements are prepared once and cached by their SQL text; each call resets them. */
gboolean store_set_sqlite_error (GError **error, sqlite3 *db, int rc, const char *context);
/* The same for a statement of @self: a damaged file found on the way stops every later write. */
gboolean store_fail (AffariStore *self, GError **error, int rc, const char *context);
/* The database was found damaged: nothing more is written to it, "damaged" is emitted (once). */
void     store_mark_damaged (AffariStore *self);
gboolean store_set_invalid (GError **error, const char *message);
char * store_fold_text (const char *text);
sqlite3_stmt * store_prepare (AffariStore *self, const char *sql, GError **error);
void store_bind_text (sqlite3_stmt *stmt, int idx, const char *text);
void store_bind_id (sqlite3_stmt *stmt, int idx, gint64 id);
char * store_column_dup (sqlite3_stmt *stmt, int col);
gboolean store_step_done (AffariStore *self, sqlite3_stmt *stmt, GError **error);
gboolean store_exec_sql (AffariStore *self, const char *sql, GError **error);
gint64 store_query_int (AffariStore *self, const char *sql, gint64 param, gint64 fallback);
char * store_query_text (AffariStore *self, const char *sql, gint64 param);
gboolean store_reindex_dirty (AffariStore *self, GError **error);
gboolean store_tx_begin (AffariStore *self, GError **error);
void store_tx_rollback (AffariStore *self);
gboolean store_tx_commit (AffariStore *self, GError **error);
gboolean store_tx_end (AffariStore *self, gboolean ok, GError **error);
char * store_today (AffariStore *self);
gboolean store_check_text (const char *text, guint max_chars, gboolean required, const char *what, GError **error);
/* The same for a one-line text (a title, a name): no line breaks or tabs either. */
gboolean store_check_line (const char *text, guint max_chars, gboolean required, const char *what, GError **error);
const char * store_member_name_or_empty (AffariStore *self, gint64 id, char **storage);
/* The event "Closed on <day>" (@day "YYYY-MM-DD"). */
gboolean store_add_closed_at_event (AffariStore *self, gint64 deal_id, const char *day, GError **error);
gboolean store_add_event (AffariStore *self, gint64 deal_id, AffariEventType kind, const char *field, const char *old_value, const char *new_value, const char *text, GError **error);
void store_queue_deal (AffariStore *self, gint64 deal_id, gint64 old_stage, gint64 new_stage);
/* The same, saying where the deal landed in its new stage (AFFARI_CHANGE_INDEX_* or a position). */
void store_queue_deal_at (AffariStore *self, gint64 deal_id, gint64 old_stage, gint64 new_stage, int index);
/* Emits the signals of @pending as a commit of this store does; @author: who made them, when
 * another connection did (0: this one). */
void store_emit_pending (AffariStore *self, GArray *pending, gint64 author);
/* ---- the changes of other connections (affari-store-watch.c) ---- */
/* Called once the database is open and migrated. */
void     store_watch_init (AffariStore *self);
/* Marks every change committed so far as seen (a reset reads everything again). */
void     store_watch_skip (AffariStore *self);
/* Writes the pending changes into the change log, inside the transaction being committed. */
gboolean store_watch_log  (AffariStore *self, GError **error);

/* Emits "changed" with one change set for the deals of @pending (affari-store-changes.c). */
void store_changes_emit (AffariStore *self, GArray *pending, guint changed_signal);
gint64 store_deal_stage (AffariStore *self, gint64 deal_id);
char * store_like_pattern (const char *text);
gboolean store_stage_info (AffariStore *self, gint64 stage_id, StoreStageInfo *info, GError **error);
gboolean store_deal_place (AffariStore *self, gint64 deal_id, StoreDealPlace *place, GError **error);

/* ---- list and filters (affari-store-query.c) ---- */
typedef struct {
  gboolean is_text;
  gint64 number;
  char *text;
} StoreParam;

/* A query's joins and conditions, with their parameters (StoreParam) in order. */
typedef struct {
  GString *joins;
  GString *where;
  GArray *params;
} StoreFilter;

/* Where a query's typed words are looked for. */
typedef enum {
  STORE_SEARCH_IN_SUBQUERY,  /* "d.id IN (SELECT rowid FROM deal_search WHERE …)" */
  STORE_SEARCH_LEADS,        /* the query reads "FROM deal_search CROSS JOIN deal d" */
  STORE_SEARCH_APART,        /* not in the SQL: the caller keeps only the matching ids */
} StoreSearchMode;

/* The ids of the deals whose search document matches @match, as bits indexed by id. */
typedef struct {
  guint64 *bits;
  gsize    n_words;
  guint    count;
} StoreIdSet;

/* Fewer matches than this: the full-text index leads and SQLite sorts the matches; more (one or
 * two typed letters match most deals): the deals are read in the order asked for, along its
 * index (or taken from the cache), and only the matching ids are kept — sorting tens of
 * thousands of matches, or looking each deal up in a list of tens of thousands, costs several
 * times more. */
#define STORE_SEARCH_LEADS_BELOW 5000

void store_filter_init_for (AffariStore *self, StoreFilter *f, const AffariDealQuery *q, gboolean stage_walk,
                            StoreSearchMode search);
/* Prepares @sql, binds the parameters of @f and frees @f. */
sqlite3_stmt * store_filter_prepare (AffariStore *self, StoreFilter *f, const char *sql, GError **error);
gboolean store_id_set_has (const StoreIdSet *set, gint64 id);
void store_id_set_add (StoreIdSet *set, gint64 id);
void store_id_set_free (gpointer data);
/* The deals @match finds, cached on the store while nothing is written. */
const StoreIdSet * store_search_set (AffariStore *self, const char *match, GError **error);
/* The SQL aggregate that gathers ids into the StoreIdSet it returns as a pointer. */
void store_sql_id_set_step (sqlite3_context *ctx, int argc, sqlite3_value **argv);
void store_sql_id_set_final (sqlite3_context *ctx);
/* affari_found (id, match): whether the deal is in the store's search set of @match (team
 * mode: the server's answer stands in for the local index in a query's WHERE). */
void store_sql_found (sqlite3_context *ctx, int argc, sqlite3_value **argv);

/* The FTS5 query for what a person typed: each word a quoted prefix, all required (NULL when
 * there is no word). */
char * store_search_match_expression (const char *text);
/* Appends " AND …" for each custom field criterion of @q to @where, and its parameters (GVariant:
 * int64 or string, in order) to @params. */
void store_filter_field_criteria (const AffariDealQuery *q, GString *where, GPtrArray *params);

/* ---- team mode (pg/affari-pg-replica.c; affari-store.c's fallbacks when built without libpq) ---- */
typedef struct _StoreServer StoreServer;
/* The outermost write transaction began (after BEGIN IMMEDIATE): refused while offline. */
gboolean store_server_begin  (AffariStore *self, GError **error);
/* Before the local COMMIT: the transaction's rows are written on the server, which commits them
 * or refuses the whole (the caller then rolls back the local one). */
gboolean store_server_commit (AffariStore *self, GError **error);
/* The outermost transaction was rolled back. */
void     store_server_abort  (AffariStore *self);
void     store_server_free   (StoreServer *server);
/* The id for a new row of @table (a table whose key is "id"): 0 on the embedded database (SQLite
 * picks one: bind it with store_bind_id ()), one the server handed out in team mode so that two
 * sellers never make the same; -1 with @error when the server cannot give one. */
gint64   store_new_id        (AffariStore *self, const char *table, GError **error);
/* Notifies "online" when it changes. */
void     store_set_online    (AffariStore *self, gboolean online);
/* affari_store_open_like () in team mode. */
AffariStore *store_server_open_like (AffariStore *self, GError **error);
/* The deals the words of @match (an FTS5 expression, store_search_match_expression ()) find
 * with the server's own search, into the empty @set: TRUE when the server answered; FALSE
 * (nothing in @set) for the embedded database, offline, or words too short to be worth asking
 * — the local index answers then. */
gboolean store_server_search (AffariStore *self, const char *match, StoreIdSet *set);
/* Team mode: the next number of @year's quotes, the server's (it counts every quote, also those
 * the login may not read); 0 for the embedded database; -1 with @error when the server cannot
 * say. */
gint64 store_server_next_quote_seq (AffariStore *self, int year, GError **error);
/* The server's news (other sellers' changes, a reconnection), from affari_store_poll (). */
gboolean store_server_poll   (AffariStore *self);
/* The refusal of a write based on an old version of a deal, naming who changed it (@author NULL:
 * nobody known) and when (affari-store-deals.c; the server's refusal says the same). */
void     store_set_conflict_error (GError **error, const char *author, gint64 date_modify);

/* ---- the store object (affari-store.c) ---- */
/* Emits "settings-changed::@what" (a static string) with @pipeline_id after the commit. */
void store_queue_settings (AffariStore *self, const char *what, gint64 pipeline_id);
void store_queue_stages (AffariStore *self, gint64 pipeline_id);
void store_queue_pipelines (AffariStore *self);
/* A signal held back until the outermost commit. */
void store_queue (AffariStore *self, StorePendingKind kind, gint64 a, gint64 b, gint64 c);

/* ---- statements and SQL functions (affari-store-sql.c) ---- */
void store_configure_sqlite (void);
guint store_sql_hash (gconstpointer key);
void store_sql_fold (sqlite3_context *ctx, int argc, sqlite3_value **argv);
/* Makes an object (a GObject) of the current row of a statement. */
typedef gpointer (*StoreRowFunc) (sqlite3_stmt *stmt);
/* Every row of @stmt made into an object by @from_row, then @stmt reset; NULL with @error
 * (about @what) on failure. */
GPtrArray * store_collect (AffariStore *self, sqlite3_stmt *stmt, StoreRowFunc from_row, const char *what, GError **error);
gpointer store_get_by_id (AffariStore *self, const char *sql, gint64 id, StoreRowFunc from_row,
                          const char *not_found, GError **error);
GPtrArray * store_collect_by_id (AffariStore *self, const char *sql, gint64 id, StoreRowFunc from_row,
                                 const char *what, GError **error);
/* One write statement, parameters bound by @types ('s' text, 'x' int64, 'n' id or NULL, 'i', 'd'). */
gboolean store_exec (AffariStore *self, GError **error, const char *sql, const char *types, ...);
gboolean store_exec_id (AffariStore *self, const char *sql, gint64 id, GError **error);
gboolean store_ids_distinct (const gint64 *ids, guint n_ids);
GArray * store_select_ids (AffariStore *self, const char *sql, gint64 param, GError **error);

/* ---- schema (affari-store-migrations.c) ---- */
gboolean store_make_private_file (const char *path, gboolean *created, GError **error);
gboolean store_inspect (AffariStore *self, gboolean fresh, int *out_version, GError **error);
gboolean store_migrate (AffariStore *self, int from, GError **error);
gboolean store_insert_stages (AffariStore *self, gint64 pipeline_id, const char *prefix, GError **error);

/* ---- deals (affari-store-deals.c) ---- */
/* The columns store_deal_from_row reads, and the joins they need. */
#define STORE_DEAL_COLUMNS \
  "d.id, d.title, d.type_id, d.pipeline_id, d.stage_id, d.semantics, d.closed, d.opened, d.probability," \
  " d.currency, d.amount, d.is_manual_amount, d.tax_value, d.company_id," \
  /* A lead's client is the person and company typed in (lead_info), shown where a deal's is. */ \
  " coalesce(co.name, (SELECT nullif(l.company_title, '') FROM lead_info l WHERE l.deal_id = d.id))," \
  " coalesce((SELECT trim(ct.first_name || ' ' || ct.last_name) FROM deal_contact dc JOIN contact ct ON ct.id = dc.contact_id" \
  "   WHERE dc.deal_id = d.id ORDER BY dc.is_primary DESC, dc.sort LIMIT 1)," \
  "   (SELECT nullif(trim(l.first_name || ' ' || l.last_name), '') FROM lead_info l WHERE l.deal_id = d.id))," \
  " d.lead_id, d.quote_id, d.begin_date, d.close_date, d.comments, d.assigned_by_id, tm.name," \
  " d.created_by_id, d.modify_by_id, d.moved_by_id, d.date_create, d.date_modify, d.moved_time," \
  " d.is_recurring, d.is_return_customer, d.is_repeated_approach, d.source_id, d.source_description," \
  " d.additional_info, d.originator_id, d.origin_id, d.position," \
  " (SELECT min(a.deadline) FROM activity a WHERE a.deal_id = d.id AND a.completed = 0)," \
  " d.deleted_at, d.closed_at, d.version"
#define STORE_DEAL_FROM \
  " FROM deal d LEFT JOIN company co ON co.id = d.company_id LEFT JOIN team_member tm ON tm.id = d.assigned_by_id"
AffariDeal * store_deal_from_row (sqlite3_stmt *stmt);
/* One row of STORE_DEAL_COLUMNS as a backend gives it (SQLite's statement, PostgreSQL's result):
 * store_deal_fill () reads every column through it, so that both stores make the same deal. */
typedef struct {
  const char * (*text)    (gpointer row, int column);   /* NULL for NULL */
  gint64       (*integer) (gpointer row, int column);   /* 0 for NULL */
  double       (*real)    (gpointer row, int column);
} StoreRowReader;
void         store_deal_fill     (AffariDeal *deal, const StoreRowReader *reader, gpointer row);

/* ---- moves and history (affari-store-moves.c) ---- */
void store_stage_info_free (gpointer data);
/* Forgets the stages a batch keeps (stages were edited). */
void store_forget_stages (AffariStore *self);
gboolean store_add_stage_history (AffariStore *self, gint64 deal_id, int type_id, gint64 pipeline_id,
                                  AffariSemantics semantics, gint64 stage_id, GError **error);
gboolean store_compute_position (AffariStore *self, gint64 stage_id, int index, gint64 exclude, double *out, GError **error);
gboolean store_write_stage_change (AffariStore *self, gint64 deal_id, gint64 pipeline_id,
                                   gint64 old_stage, const char *old_name, AffariSemantics old_semantics,
                                   gint64 new_stage, const char *new_name, AffariSemantics new_semantics,
                                   double position, const char *reason, GError **error);

/* ---- activities (affari-store-activities.c) ---- */
AffariActivity * store_activity_from_row (sqlite3_stmt *stmt);

/* ---- products (affari-store-products.c) ---- */
gboolean store_recompute_amount (AffariStore *self, gint64 deal_id, GError **error);
/* Who owns product rows: the tables share their columns and arithmetic. */
typedef enum {
  STORE_ROWS_DEAL,
  STORE_ROWS_QUOTE,
} StoreRowsOwner;
/* Validates rows as a person typed them (name, quantity, discount, rates). */
gboolean store_check_product_rows (const AffariProductRow *rows, guint n_rows, GError **error);
/* Replaces the rows of @owner_id with @rows, computed; @out_total (nullable) is their total. */
gboolean store_write_product_rows (AffariStore *self, StoreRowsOwner owner, gint64 owner_id,
                                   const AffariProductRow *rows, guint n_rows, gint64 *out_total, GError **error);
GArray * store_read_product_rows (AffariStore *self, StoreRowsOwner owner, gint64 owner_id, GError **error);

G_END_DECLS
