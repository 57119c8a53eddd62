/* affari-store-import.c — origins, stages and history lines written by an import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-store-private.h"
#include "affari-store-import.h"

/* Table names cannot be bound: each table has its own fixed statement. */
static const char *
find_sql (AffariImportTable table)
{
  switch (table)
    {
    case AFFARI_IMPORT_PIPELINE: return "SELECT id FROM pipeline WHERE origin_id = ?";
    case AFFARI_IMPORT_COMPANY:  return "SELECT id FROM company WHERE origin_id = ?";
    case AFFARI_IMPORT_CONTACT:  return "SELECT id FROM contact WHERE origin_id = ?";
    case AFFARI_IMPORT_ACTIVITY: return "SELECT id FROM activity WHERE origin_id = ?";
    default: g_return_val_if_reached (NULL);
    }
}

static const char *
set_sql (AffariImportTable table)
{
  switch (table)
    {
    case AFFARI_IMPORT_PIPELINE: return "UPDATE pipeline SET origin_id = ? WHERE id = ?";
    case AFFARI_IMPORT_COMPANY:  return "UPDATE company SET origin_id = ? WHERE id = ?";
    case AFFARI_IMPORT_CONTACT:  return "UPDATE contact SET origin_id = ? WHERE id = ?";
    case AFFARI_IMPORT_ACTIVITY: return "UPDATE activity SET origin_id = ? WHERE id = ?";
    default: g_return_val_if_reached (NULL);
    }
}

static gint64
query_id_text (AffariStore *self, const char *sql, const char *a, const char *b)
{
  sqlite3_stmt *stmt = store_prepare (self, sql, NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  store_bind_text (stmt, 1, a);
  if (b != NULL)
    store_bind_text (stmt, 2, b);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

gint64
affari_store_import_find_origin (AffariStore *self, AffariImportTable table, const char *origin)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  g_return_val_if_fail (origin != NULL, 0);

  return query_id_text (self, find_sql (table), origin, NULL);
}

gint64
affari_store_import_find_deal (AffariStore *self, const char *originator, const char *origin_id)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  return query_id_text (self, "SELECT id FROM deal WHERE originator_id = ? AND origin_id = ?",
                        originator, origin_id);
}

gboolean
affari_store_import_set_origin (AffariStore *self, AffariImportTable table, gint64 id, const char *origin,
                                GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  return store_exec (self, error, set_sql (table), "sx", origin, id);
}

gint64
affari_store_import_create_pipeline (AffariStore *self, const char *name, const char *origin, GError **error)
{
  gboolean ok;
  gint64 id = 0;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  if (!store_check_line (name, STORE_MAX_TITLE_CHARS, TRUE, _("The pipeline name"), error))
    return 0;
  if (!store_tx_begin (self, error))
    return 0;
  id = store_new_id (self, "pipeline", error);
  ok = id >= 0 && store_exec (self, error,
                   "INSERT INTO pipeline (id, name, sort, currency, origin_id)"
                   " VALUES (?, trim(?), (SELECT coalesce(max(sort), 500) + 10 FROM pipeline WHERE kind = 'deal'),"
                   "         (SELECT value FROM setting WHERE key = 'base_currency'), ?)",
                   "nss", id, name, origin);
  if (ok)
    {
      id = sqlite3_last_insert_rowid (self->db);
      store_queue_pipelines (self);
    }
  return store_tx_end (self, ok, error) ? id : 0;
}

gint64
affari_store_import_add_stage (AffariStore *self, gint64 pipeline_id, const char *code, const char *name,
                               const char *color, int sort, char semantics, GError **error)
{
  const char *extra = semantics == 'S' ? "success" : semantics == 'F' ? "failure" : "process";
  char sem[2] = { semantics, '\0' };
  gboolean ok;
  gint64 id = 0;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  g_return_val_if_fail (semantics == 'P' || semantics == 'S' || semantics == 'F', 0);

  if (!store_check_line (name, STORE_MAX_TITLE_CHARS, TRUE, _("The stage name"), error))
    return 0;
  if (!store_tx_begin (self, error))
    return 0;
  id = store_new_id (self, "stage", error);
  ok = id >= 0 && store_exec (self, error,
                   "INSERT INTO stage (id, pipeline_id, code, name, color, sort, semantics, extra_semantics)"
                   " VALUES (?, ?, ?, trim(?), coalesce(?, '#39A8EF'), ?, ?, ?)",
                   "nxsssiss", id, pipeline_id, code, name, color, sort, sem, extra);
  if (ok)
    {
      id = sqlite3_last_insert_rowid (self->db);
      store_queue_pipelines (self);
    }
  return store_tx_end (self, ok, error) ? id : 0;
}

gint64
affari_store_import_find_stage_by_name (AffariStore *self, gint64 pipeline_id, const char *name)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  stmt = store_prepare (self, "SELECT id FROM stage WHERE pipeline_id = ? AND name = trim(?) COLLATE NOCASE", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, pipeline_id);
  store_bind_text (stmt, 2, name);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

gboolean
affari_store_import_add_event (AffariStore *self, gint64 deal_id, gint64 time, const char *kind,
                               const char *text, GError **error)
{
  gint64 id;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  id = store_new_id (self, "event", error);
  return id >= 0 && store_exec (self, error,
                     "INSERT INTO event (id, deal_id, time, author_id, kind, text) VALUES (?, ?, ?, ?, ?, ?)",
                     "nxxnss", id, deal_id, time, self->current_user, kind, text);
}

gboolean
affari_store_import_finish_activity (AffariStore *self, gint64 activity_id, const char *origin,
                                     gboolean completed, gint64 created, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  return store_exec (self, error,
                     "UPDATE activity SET origin_id = ?, completed = ?, created = ?,"
                     " completed_at = CASE WHEN ? THEN coalesce(completed_at, ?) ELSE NULL END WHERE id = ?",
                     "sixixx", origin, (int) completed, created, (int) completed, created, activity_id);
}

gboolean
affari_store_import_set_deal_times (AffariStore *self, gint64 deal_id, gint64 created, gint64 modified,
                                    const char *closed_day, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  return store_exec (self, error,
                     "UPDATE deal SET date_create = CASE WHEN ?1 > 0 THEN ?1 ELSE date_create END,"
                     " date_modify = CASE WHEN ?2 > 0 THEN ?2 ELSE date_modify END,"
                     " closed_at = CASE WHEN closed AND ?3 IS NOT NULL THEN ?3 ELSE closed_at END WHERE id = ?4",
                     "xxsx", created, modified, closed_day, deal_id);
}

gboolean
affari_store_import_check_product_rows (const AffariProductRow *rows, guint n_rows, GError **error)
{
  return store_check_product_rows (rows, n_rows, error);
}
