/* affari-store-watch.c — the changes other connections commit, seen within a moment
 *
 * Two windows on one database (two processes, or the command line's `recurring run` from cron
 * while Affari is open) must each show what the other saved, without reloading. Every commit
 * writes what it changed into the change log, in its own transaction: the deals with their old
 * and new stage, and the pipelines, stages and settings it touched. Another connection notices
 * that the file changed (PRAGMA data_version, one cheap call: the window polls it a few times a
 * second) and reads the rows after the last one it saw, skipping its own; they become one change
 * set that says who made it, emitted as the store's own changes are — every view already applies
 * those. A commit of very many deals (an import) logs one "reset" row instead: the other window
 * reads everything again. The log keeps its last few thousand rows; a reader that fell further
 * behind reads everything again too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "affari-store-private.h"
#include "affari-store-watch.h"

/* More deals in one commit than this: the others read everything again. */
#define WATCH_MAX_DEALS 500
/* The log keeps this many rows; pruned every WATCH_PRUNE_EVERY rows. */
#define WATCH_KEEP 5000
#define WATCH_PRUNE_EVERY 512

static gint64
watch_int (AffariStore *self, const char *sql)
{
  sqlite3_stmt *stmt = store_prepare (self, sql, NULL);
  gint64 value = 0;

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

void
store_watch_init (AffariStore *self)
{
  /* Never 0, and different for every connection of every process. */
  self->watch_origin = (gint64) ((((guint64) g_random_int ()) << 31) ^ g_random_int ()) | 1;
  self->watch_seq = watch_int (self, "SELECT coalesce(max(seq), 0) FROM change_log");
  self->watch_data_version = watch_int (self, "PRAGMA data_version");
}

void
store_watch_skip (AffariStore *self)
{
  if (!self->has_change_log || self->tx_depth > 0)
    return;
  self->watch_seq = watch_int (self, "SELECT coalesce(max(seq), 0) FROM change_log");
  self->watch_data_version = watch_int (self, "PRAGMA data_version");
}

static gboolean
log_row (AffariStore *self, const char *kind, gint64 a, gint64 b, gint64 c, const char *what, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self,
    "INSERT INTO change_log (origin, time, author_id, kind, a, b, c, what) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->watch_origin);
  sqlite3_bind_int64 (stmt, 2, affari_store_now (self));
  store_bind_id (stmt, 3, self->current_user);
  sqlite3_bind_text (stmt, 4, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, a);
  sqlite3_bind_int64 (stmt, 6, b);
  sqlite3_bind_int64 (stmt, 7, c);
  store_bind_text (stmt, 8, what);
  return store_step_done (self, stmt, error);
}

gboolean
store_watch_log (AffariStore *self, GError **error)
{
  guint n_deals = 0;
  gboolean ok = TRUE;
  gint64 seq;

  if (!self->has_change_log)
    return TRUE;
  /* A batch (an import, the sample deals) ends in "reset" here: the same for the others. */
  if (self->batch_depth > 0)
    return log_row (self, "reset", 0, 0, 0, NULL, error);
  if (self->pending->len == 0)
    return TRUE;

  for (guint i = 0; i < self->pending->len; i++)
    if (g_array_index (self->pending, StorePending, i).kind == STORE_PENDING_DEAL)
      n_deals++;
  if (n_deals > WATCH_MAX_DEALS)
    return log_row (self, "reset", 0, 0, 0, NULL, error);

  for (guint i = 0; ok && i < self->pending->len; i++)
    {
      StorePending *p = &g_array_index (self->pending, StorePending, i);

      switch (p->kind)
        {
        case STORE_PENDING_DEAL:
          ok = log_row (self, "deal", p->a, p->b, p->c, NULL, error);
          break;
        case STORE_PENDING_STAGES:
          ok = log_row (self, "stages", p->a, 0, 0, NULL, error);
          break;
        case STORE_PENDING_PIPELINES:
          ok = log_row (self, "pipelines", 0, 0, 0, NULL, error);
          break;
        case STORE_PENDING_SETTINGS:
          ok = log_row (self, "settings", p->a, 0, 0, g_quark_to_string ((GQuark) p->b), error);
          break;
        }
    }
  if (!ok)
    return FALSE;

  seq = sqlite3_last_insert_rowid (self->db);
  if (seq % WATCH_PRUNE_EVERY == 0)
    {
      sqlite3_stmt *stmt = store_prepare (self, "DELETE FROM change_log WHERE seq <= ?", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, seq - WATCH_KEEP);
      return store_step_done (self, stmt, error);
    }
  return TRUE;
}

/* The rows the others wrote since the last poll, as what this store's own commit would have
 * queued. Returns FALSE when they cannot be followed (pruned, or a reset row): read everything. */
static gboolean
read_log (AffariStore *self, GArray *pending, gint64 *author, gint64 *last)
{
  sqlite3_stmt *stmt;
  gboolean follow = TRUE;
  gint64 oldest = watch_int (self, "SELECT coalesce(min(seq), 0) FROM change_log");

  *last = self->watch_seq;
  if (oldest > self->watch_seq + 1)
    follow = FALSE;   /* rows this store did not see were pruned */

  stmt = store_prepare (self, "SELECT seq, origin, author_id, kind, a, b, c, what FROM change_log"
                              " WHERE seq > ? ORDER BY seq", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->watch_seq);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 3);
      gint64 a = sqlite3_column_int64 (stmt, 4);
      StorePending p = { STORE_PENDING_DEAL, a, sqlite3_column_int64 (stmt, 5), sqlite3_column_int64 (stmt, 6),
                         AFFARI_CHANGE_INDEX_UNKNOWN };

      *last = sqlite3_column_int64 (stmt, 0);
      if (sqlite3_column_int64 (stmt, 1) == self->watch_origin || kind == NULL)
        continue;
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        *author = sqlite3_column_int64 (stmt, 2);

      if (g_str_equal (kind, "deal"))
        ;
      else if (g_str_equal (kind, "stages"))
        p = (StorePending) { STORE_PENDING_STAGES, a, 0, 0, AFFARI_CHANGE_INDEX_UNKNOWN };
      else if (g_str_equal (kind, "pipelines"))
        p = (StorePending) { STORE_PENDING_PIPELINES, 0, 0, 0, AFFARI_CHANGE_INDEX_UNKNOWN };
      else if (g_str_equal (kind, "settings") && sqlite3_column_type (stmt, 7) == SQLITE_TEXT)
        p = (StorePending) { STORE_PENDING_SETTINGS, a,
                             (gint64) g_quark_from_string ((const char *) sqlite3_column_text (stmt, 7)), 0,
                             AFFARI_CHANGE_INDEX_UNKNOWN };
      else
        follow = FALSE;   /* "reset", or a kind of a newer Affari */
      if (follow)
        g_array_append_val (pending, p);
    }
  sqlite3_reset (stmt);
  return follow;
}

gboolean
affari_store_poll (AffariStore *self)
{
  g_autoptr(GArray) pending = NULL;
  gint64 version, author = -1, last = 0;
  gboolean follow;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  /* Team mode: the server says what changed (LISTEN/NOTIFY). */
  if (self->server != NULL)
    return store_server_poll (self);
  /* Not inside a transaction of ours (its reads must not move), nor without a log. */
  if (self->tx_depth > 0 || !self->has_change_log)
    return FALSE;
  version = watch_int (self, "PRAGMA data_version");
  if (version == self->watch_data_version)
    return FALSE;
  self->watch_data_version = version;

  pending = g_array_new (FALSE, FALSE, sizeof (StorePending));
  follow = read_log (self, pending, &author, &last);
  if (last == self->watch_seq)
    return FALSE;   /* another connection's write that is not a change (a search index, a backup) */
  self->watch_seq = last;

  if (!follow)
    {
      affari_store_notify_reset (self);
      return TRUE;
    }
  if (pending->len == 0)
    return FALSE;   /* only our own rows */
  store_emit_pending (self, pending, author);
  return TRUE;
}
