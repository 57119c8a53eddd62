/* affari-store-private.h — what the store's own source files share (never include elsewhere)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "affari-store.h"

G_BEGIN_DECLS

#define MAX_TITLE_CHARS 255
#define MAX_TEXT_CHARS 100000
#define LIVE_DEAL "d.deleted_at IS NULL AND d.is_recurring = 0"

typedef enum {
  PENDING_DEAL,
  PENDING_STAGES,
  PENDING_PIPELINES,
  PENDING_SETTINGS,
} PendingKind;

typedef struct {
  PendingKind kind;
  gint64 a, b, c;
} Pending;

struct _AffariStore
{
  GObject parent_instance;

  sqlite3 *db;
  char *path;
  GHashTable *statements;   /* SQL text → sqlite3_stmt*, prepared once */
  GArray *pending;          /* Pending, emitted after the outermost commit */
  guint tx_depth;
  guint batch_depth;
  gboolean batch_failed;
  GHashTable *batch_stages; /* stage id → StageInfo, only while a batch holds the write lock */   /* a write inside the batch failed: only a rollback remains */
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
  gint64 search_changes;
  gint64 search_data_version;
};


typedef struct {
  gint64 pipeline_id;
  AffariSemantics semantics;
  char *name;
} StageInfo;

typedef struct {
  gint64 pipeline_id;
  gint64 stage_id;
  gint64 deleted_at;
} DealPlace;

/* Statements are prepared once and cached by their SQL text; each call resets them. */
gboolean store_set_sqlite_error (GError **error, sqlite3 *db, int rc, const char *context);
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
const char * store_member_name_or_empty (AffariStore *self, gint64 id, char **storage);
gboolean store_add_event (AffariStore *self, gint64 deal_id, AffariEventType kind, const char *field, const char *old_value, const char *new_value, const char *text, GError **error);
void store_queue_deal (AffariStore *self, gint64 deal_id, gint64 old_stage, gint64 new_stage);
gint64 store_deal_stage (AffariStore *self, gint64 deal_id);
char * store_like_pattern (const char *text);
gboolean store_stage_info (AffariStore *self, gint64 stage_id, StageInfo *info, GError **error);
gboolean store_deal_place (AffariStore *self, gint64 deal_id, DealPlace *place, GError **error);

/* ---- list and filters ---- */
/* The FTS5 query for what a person typed: each word a quoted prefix, all required (NULL when
 * there is no word). */
char * store_search_match_expression (const char *text);
/* Appends " AND …" for each custom field criterion of @q to @where, and its parameters (GVariant:
 * int64 or string, in order) to @params. */
void store_filter_field_criteria (const AffariDealQuery *q, GString *where, GPtrArray *params);

/* ---- settings ---- */
/* Emits "settings-changed::@what" (a static string) with @pipeline_id after the commit. */
void store_queue_settings (AffariStore *self, const char *what, gint64 pipeline_id);
void store_queue_stages (AffariStore *self, gint64 pipeline_id);
void store_queue_pipelines (AffariStore *self);
/* Shared with affari-store-settings.c (defined in affari-store.c). */
gboolean insert_stages (AffariStore *self, gint64 pipeline_id, const char *prefix, GError **error);
gboolean add_stage_history (AffariStore *self, gint64 deal_id, int type_id, gint64 pipeline_id,
                            AffariSemantics semantics, gint64 stage_id, GError **error);
gboolean compute_position (AffariStore *self, gint64 stage_id, int index, gint64 exclude, double *out, GError **error);
gboolean write_stage_change (AffariStore *self, gint64 deal_id, gint64 pipeline_id,
                             gint64 old_stage, const char *old_name, AffariSemantics old_semantics,
                             gint64 new_stage, const char *new_name, AffariSemantics new_semantics,
                             double position, const char *reason, GError **error);

G_END_DECLS
