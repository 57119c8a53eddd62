/* affari-pg-replica.c — the app's store on the team's PostgreSQL server (#21)
 *
 * In team mode the window works on the same AffariStore as on the embedded database, and nothing
 * above the store knows the difference: the store is a local SQLite copy of what this login may
 * read on the server (row-level security decides, on the server), and the server is where every
 * write counts.
 *  - Opening reads the server's rows into the copy in one snapshot (a REPEATABLE READ
 *    transaction), in the foreign keys' order; the copy's own triggers rebuild the totals and the
 *    search index. Every read after that — a board of 100,000 deals, a search — is the embedded
 *    store's, as fast, and the last data stays readable when the server is not.
 *  - Every write transaction of the store is also sent to the server, in one server transaction,
 *    before the local COMMIT (affari-pg-replica-write.c): the server accepts the whole or refuses
 *    it (access rights, a newer version of the deal, an unreachable server) and then nothing
 *    changes here either.
 *  - Other sellers' changes arrive by LISTEN/NOTIFY: the server's change log names the deals
 *    (and only those this login may read); each is read again with what hangs off it and emitted
 *    as a change set naming its author, as another window's changes on the embedded database.
 *    Changes to the shared lists (pipelines, clients, settings) are announced with the tables'
 *    names and read again whole.
 *  - When the connection breaks the store goes offline ("online" is FALSE: the window shows a
 *    banner, writes fail with AFFARI_ERROR_OFFLINE) and reconnects by itself, without blocking
 *    the window (PQconnectStart/PQconnectPoll from the window's poll), then reads everything again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-pg"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "affari-pg-replica-private.h"
#include "affari-pg-store-private.h"
#include "affari-pg-import.h"
#include "store/affari-store-export.h"
#include "store/affari-store-import-json.h"

/* While offline, a new attempt this often. */
#define RECONNECT_US (2 * G_USEC_PER_SEC)
/* Seconds libpq waits for a server that does not answer. */
#define CONNECT_TIMEOUT "5"

/* The PostgreSQL type oids whose text is a number here. */
#define OID_BOOL 16
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23
#define OID_FLOAT4 700
#define OID_FLOAT8 701
#define OID_NUMERIC 1700

const char * const replica_deal_children[] = {
  "deal_contact", "deal_product", "deal_field_value", "deal_extra", "activity", "event",
  "deal_stage_history", "lead_info", "recurring", "quote", NULL
};

/* ------------------------------------------------------------------ tables */

GPtrArray *
replica_columns (AffariStore *self, const char *table)
{
  StoreServer *srv = self->server;
  GPtrArray *columns = g_hash_table_lookup (srv->columns, table);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;

  if (columns != NULL)
    return columns;
  columns = g_ptr_array_new_with_free_func (g_free);
  sql = g_strdup_printf ("SELECT name, pk FROM pragma_table_info('%s') ORDER BY cid", table);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_hash_table_insert (srv->columns, g_strdup (table), columns);
  return columns;
}

/* The local table's key columns, in key order, cached. */
static GPtrArray *
key_columns (AffariStore *self, const char *table)
{
  StoreServer *srv = self->server;
  GPtrArray *keys = g_hash_table_lookup (srv->keys, table);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;

  if (keys != NULL)
    return keys;
  keys = g_ptr_array_new_with_free_func (g_free);
  sql = g_strdup_printf ("SELECT name FROM pragma_table_info('%s') WHERE pk > 0 ORDER BY pk", table);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (keys, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_hash_table_insert (srv->keys, g_strdup (table), keys);
  return keys;
}

int
replica_table_rank (const char *table)
{
  for (int t = 0; t < AFFARI_EXPORT_N_TABLES; t++)
    if (g_str_equal (affari_export_table_name (t), table))
      return t;
  return G_MAXINT;
}

static gboolean
has_column (GPtrArray *columns, const char *name)
{
  for (guint i = 0; i < columns->len; i++)
    if (g_str_equal (g_ptr_array_index (columns, i), name))
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------ errors */

void
replica_set_error (AffariStore *self, PGresult *res, GError **error)
{
  PGconn *conn = self->server->conn;
  const char *state = res != NULL ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  const char *message = res != NULL ? PQresultErrorMessage (res) : NULL;
  g_autofree char *detail = NULL;

  if (message == NULL || *message == '\0')
    message = conn != NULL ? PQerrorMessage (conn) : "";
  detail = g_strstrip (g_strdup (message));
  g_debug ("server: %s (%s)", detail, state != NULL ? state : "-");

  if (conn == NULL || PQstatus (conn) != CONNECTION_OK)
    {
      replica_go_offline (self);
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_OFFLINE,
                           _("The server cannot be reached: the change was not saved. Affari keeps trying to reconnect."));
    }
  else if (state != NULL && g_str_equal (state, "42501"))
    g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_FORBIDDEN,
                         _("The server refused the change: your access rights do not allow it."));
  else if (state != NULL && g_str_has_prefix (state, "23"))
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                 _("The server refused the change, which breaks a rule of the data: %s"), detail);
  else if (state != NULL && g_str_has_prefix (state, "40"))
    g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_CONFLICT,
                         _("Another seller was changing the same data at the same moment: try again."));
  else
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_FAILED, _("The server refused the change: %s"), detail);
}

/* A command that returns rows or nothing; NULL with @error. */
PGresult *
replica_run (AffariStore *self, const char *sql, int n, const char * const *values, GError **error)
{
  return replica_run_within (self, sql, n, values, 0, error);
}

/* The answer, waited for @timeout_us at most (0: as long as libpq waits). A server that does not
 * answer in time (a network gone quiet, which libpq would wait on for minutes) is taken for
 * unreachable: the store goes offline and reconnects by itself. */
PGresult *
replica_run_within (AffariStore *self, const char *sql, int n, const char * const *values, gint64 timeout_us,
                    GError **error)
{
  PGconn *conn = self->server->conn;
  gint64 deadline = g_get_monotonic_time () + timeout_us;
  PGresult *res, *extra;

  if (conn == NULL)
    {
      replica_set_error (self, NULL, error);
      return NULL;
    }
  if (timeout_us <= 0)
    res = PQexecParams (conn, sql, n, NULL, values, NULL, NULL, 0);
  else
    {
      if (!PQsendQueryParams (conn, sql, n, NULL, values, NULL, NULL, 0))
        {
          replica_set_error (self, NULL, error);
          return NULL;
        }
      while (PQisBusy (conn))
        {
          GPollFD fd = { PQsocket (conn), G_IO_IN | G_IO_HUP | G_IO_ERR, 0 };
          gint64 left = deadline - g_get_monotonic_time ();

          if (left <= 0 || g_poll (&fd, 1, (int) MAX (1, left / 1000)) == 0)
            {
              g_debug ("no answer from the server within %d ms", (int) (timeout_us / 1000));
              replica_go_offline (self);
              replica_set_error (self, NULL, error);
              return NULL;
            }
          if (!PQconsumeInput (conn))
            {
              replica_set_error (self, NULL, error);
              return NULL;
            }
        }
      res = PQgetResult (conn);
      while ((extra = PQgetResult (conn)) != NULL)
        PQclear (extra);
    }
  if (PQresultStatus (res) == PGRES_TUPLES_OK || PQresultStatus (res) == PGRES_COMMAND_OK)
    return res;
  replica_set_error (self, res, error);
  PQclear (res);
  return NULL;
}

/* ------------------------------------------------------- server → local copy */

static void
bind_pg_value (sqlite3_stmt *stmt, int index, PGresult *res, int col)
{
  const char *text;

  if (PQgetisnull (res, 0, col))
    {
      sqlite3_bind_null (stmt, index);
      return;
    }
  text = PQgetvalue (res, 0, col);
  switch (PQftype (res, col))
    {
    case OID_BOOL:
      sqlite3_bind_int (stmt, index, text[0] == 't');
      break;
    case OID_INT2:
    case OID_INT4:
    case OID_INT8:
      sqlite3_bind_int64 (stmt, index, g_ascii_strtoll (text, NULL, 10));
      break;
    case OID_FLOAT4:
    case OID_FLOAT8:
    case OID_NUMERIC:
      sqlite3_bind_double (stmt, index, g_ascii_strtod (text, NULL));
      break;
    default:
      sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
      break;
    }
}

/* A row of the server written over the local one: "UPDATE … WHERE key", and when no row has
 * that key "INSERT …" (not an upsert: the search index's triggers say OR IGNORE, which an
 * upsert's own conflict handling would override). @map: the result's column of each value. */
typedef struct {
  sqlite3_stmt *update;     /* the values that are not the key, then the key's */
  sqlite3_stmt *insert;     /* every value */
  GArray *map;              /* the result's column of each value, the key's last */
  guint n_keys;
} Writer;

static void
writer_clear (Writer *w)
{
  g_clear_pointer (&w->update, sqlite3_finalize);
  g_clear_pointer (&w->insert, sqlite3_finalize);
  g_clear_pointer (&w->map, g_array_unref);
}

/* How copy_rows () writes a row: into a table (or a deal's rows) emptied just before, or over
 * what the copy may already hold. */
typedef enum {
  COPY_INTO_EMPTY,   /* an INSERT each */
  COPY_OVER,         /* an UPDATE by the key, an INSERT when no row had it */
} CopyMode;

static gboolean
writer_prepare (AffariStore *self, Writer *w, const char *table, PGresult *res, CopyMode mode, GError **error)
{
  GPtrArray *columns = replica_columns (self, table);
  GPtrArray *keys = key_columns (self, table);
  g_autoptr(GString) insert = g_string_new (NULL);
  g_autoptr(GString) marks = g_string_new (NULL);
  g_autoptr(GString) set = g_string_new (NULL);
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GArray) key_map = g_array_new (FALSE, FALSE, sizeof (int));
  int rc;

  w->map = g_array_new (FALSE, FALSE, sizeof (int));
  g_string_printf (insert, "INSERT INTO \"%s\" (", table);
  for (int col = 0; col < PQnfields (res); col++)
    {
      const char *name = PQfname (res, col);

      if (!has_column (columns, name))
        continue;   /* the server's own columns (a login, a department) */
      if (has_column (keys, name))
        {
          g_string_append_printf (where, "%s\"%s\" = ?", where->len > 0 ? " AND " : "", name);
          g_array_append_val (key_map, col);
        }
      else
        {
          g_string_append_printf (set, "%s\"%s\" = ?", set->len > 0 ? ", " : "", name);
          g_array_append_val (w->map, col);
        }
    }
  w->n_keys = key_map->len;
  g_array_append_vals (w->map, key_map->data, key_map->len);
  /* The insert names the columns in the same order as the update's values. */
  for (guint i = 0; i < w->map->len; i++)
    {
      g_string_append_printf (insert, "%s\"%s\"", i > 0 ? ", " : "", PQfname (res, g_array_index (w->map, int, i)));
      g_string_append_printf (marks, "%s?", i > 0 ? ", " : "");
    }
  g_string_append_printf (insert, ") VALUES (%s)", marks->str);

  rc = sqlite3_prepare_v2 (self->db, insert->str, -1, &w->insert, NULL);
  if (rc == SQLITE_OK && mode == COPY_OVER && set->len > 0 && w->n_keys > 0)
    {
      g_autofree char *update = g_strdup_printf ("UPDATE \"%s\" SET %s WHERE %s", table, set->str, where->str);
      rc = sqlite3_prepare_v2 (self->db, update, -1, &w->update, NULL);
    }
  if (rc != SQLITE_OK)
    return store_fail (self, error, rc, table);
  return TRUE;
}

static int
writer_step (Writer *w, sqlite3_stmt *stmt, PGresult *res)
{
  int rc;

  for (guint i = 0; i < w->map->len; i++)
    bind_pg_value (stmt, (int) i + 1, res, g_array_index (w->map, int, i));
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc;
}

static gboolean
writer_write (AffariStore *self, Writer *w, PGresult *res, const char *table, GError **error)
{
  int rc;

  if (w->update != NULL)
    {
      rc = writer_step (w, w->update, res);
      if (rc != SQLITE_DONE)
        return store_fail (self, error, rc, table);
      if (sqlite3_changes (self->db) > 0)
        return TRUE;
    }
  else if (w->n_keys > 0 && w->map->len == w->n_keys)
    {
      /* Only a key (a pinned event): there already, or inserted. */
      rc = writer_step (w, w->insert, res);
      if (rc == SQLITE_DONE || (rc & 0xff) == SQLITE_CONSTRAINT)
        return TRUE;
      return store_fail (self, error, rc, table);
    }
  rc = writer_step (w, w->insert, res);
  if (rc != SQLITE_DONE)
    return store_fail (self, error, rc, table);
  return TRUE;
}

/* Writes the rows of "SELECT * FROM @table @where" (@param its $1, or none) into the local copy,
 * one by one as they arrive (single-row mode: a table of 400,000 history events is never held
 * whole). Inside the caller's local transaction. */
static gboolean
copy_rows (AffariStore *self, const char *table, const char *where, const char *param, CopyMode mode,
           guint *n_rows, GError **error)
{
  PGconn *conn = self->server->conn;
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" %s", table, where != NULL ? where : "");
  const char *values[1] = { param };
  Writer w = { 0 };
  gboolean ok = TRUE;
  PGresult *res;

  if (!PQsendQueryParams (conn, sql, param != NULL ? 1 : 0, NULL, values, NULL, NULL, 0))
    {
      replica_set_error (self, NULL, error);
      return FALSE;
    }
  PQsetSingleRowMode (conn);
  while ((res = PQgetResult (conn)) != NULL)
    {
      ExecStatusType status = PQresultStatus (res);

      if (ok && status == PGRES_SINGLE_TUPLE)
        {
          if (w.map == NULL)
            ok = writer_prepare (self, &w, table, res, mode, error);
          ok = ok && writer_write (self, &w, res, table, error);
          if (ok && n_rows != NULL)
            (*n_rows)++;
        }
      else if (ok && status != PGRES_TUPLES_OK)
        {
          replica_set_error (self, res, error);
          ok = FALSE;
        }
      PQclear (res);
    }
  writer_clear (&w);
  return ok;
}

static gboolean
local_exec (AffariStore *self, const char *sql, GError **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return store_fail (self, error, rc, sql);
  return TRUE;
}

static gboolean remember_window (AffariStore *self, gint64 last, GError **error);

/* The change log's number this copy has everything up to, kept in the copy (inside the
 * transaction that brought it there): the next opening catches up from it. */
static gboolean
save_mark (AffariStore *self, gint64 seq, GError **error)
{
  return store_exec (self, error, "INSERT INTO replica_state (key, value) VALUES ('seq', ?)"
                                  " ON CONFLICT (key) DO UPDATE SET value = excluded.value", "x", seq);
}

/* Everything this login may read, into the local copy, in one snapshot of the server. */
static gboolean
snapshot (AffariStore *self, GError **error)
{
  StoreServer *srv = self->server;
  PGresult *res;
  gint64 seq;
  gboolean ok = TRUE;

  /* The copy's write lock first: another store on the same copy (a worker thread's) commits its
   * server transaction while holding it, so the server's snapshot below has all it wrote. */
  if (!local_exec (self, "BEGIN IMMEDIATE; PRAGMA defer_foreign_keys = ON", error))
    return FALSE;
  res = replica_run (self, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL, error);
  if (res == NULL)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  PQclear (res);
  res = replica_run (self, "SELECT coalesce (max (seq), 0) FROM change_log", 0, NULL, error);
  if (res == NULL)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      goto failed;
    }
  seq = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  PQclear (res);

  for (int t = AFFARI_EXPORT_N_TABLES - 1; ok && t >= 0; t--)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM \"%s\"", affari_export_table_name (t));
      ok = local_exec (self, sql, error);
    }
  for (int t = 0; ok && t < AFFARI_EXPORT_N_TABLES; t++)
    ok = copy_rows (self, affari_export_table_name (t), NULL, NULL, COPY_INTO_EMPTY, NULL, error);
  /* The local change log is this copy's own (another window of this program on it). */
  ok = ok && local_exec (self, "DELETE FROM change_log", error) && save_mark (self, seq, error)
       && store_reindex_dirty (self, error)
       && local_exec (self, "COMMIT", error);
  if (!ok)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      goto failed;
    }
  g_hash_table_remove_all (srv->own_seqs);
  if (!remember_window (self, seq, error))
    goto failed;
  PQclear (PQexec (srv->conn, "COMMIT"));
  srv->last_seq = seq;
  return TRUE;

failed:
  if (srv->conn != NULL)
    PQclear (PQexec (srv->conn, "ROLLBACK"));
  return FALSE;
}

/* The login's team member on the server (0 for the owner, who is nobody's seller). */
void
replica_read_me (AffariStore *self)
{
  PGresult *res = replica_run (self, "SELECT affari_me ()", 0, NULL, NULL);

  affari_store_restore_reload (self);
  if (res != NULL && PQntuples (res) == 1 && !PQgetisnull (res, 0, 0))
    self->current_user = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  g_clear_pointer (&res, PQclear);
}

/* ------------------------------------------------------------ other sellers */

gboolean
replica_refresh_deal (AffariStore *self, gint64 deal_id, gint64 *old_stage, gint64 *new_stage, GError **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, deal_id);
  const char *on_board = "SELECT stage_id FROM deal WHERE id = ? AND deleted_at IS NULL AND is_recurring = 0";
  guint found = 0;
  gboolean ok;

  *old_stage = store_query_int (self, on_board, deal_id, 0);
  if (!local_exec (self, "SAVEPOINT refresh; PRAGMA defer_foreign_keys = ON", error))
    return FALSE;
  /* What hangs off the deal goes first and comes back whole: rows deleted on the server go. */
  ok = TRUE;
  for (int i = (int) G_N_ELEMENTS (replica_deal_children) - 2; ok && i >= 0; i--)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE deal_id = ?", replica_deal_children[i]);
      ok = store_exec (self, error, sql, "x", deal_id);
    }
  ok = ok && copy_rows (self, "deal", "WHERE id = $1", id, COPY_OVER, &found, error);
  if (ok && found == 0)
    ok = store_exec (self, error, "DELETE FROM deal WHERE id = ?", "x", deal_id);
  for (guint i = 0; ok && found > 0 && replica_deal_children[i] != NULL; i++)
    ok = copy_rows (self, replica_deal_children[i], "WHERE deal_id = $1", id, COPY_INTO_EMPTY, NULL, error);
  ok = ok && found > 0
       ? copy_rows (self, "event_pinned", "WHERE event_id IN (SELECT id FROM event WHERE deal_id = $1)", id,
                    COPY_INTO_EMPTY, NULL, error)
         && copy_rows (self, "quote_product", "WHERE quote_id IN (SELECT id FROM quote WHERE deal_id = $1)", id,
                       COPY_INTO_EMPTY, NULL, error)
       : ok;
  if (!ok || !local_exec (self, "RELEASE refresh", error))
    {
      sqlite3_exec (self->db, "ROLLBACK TO refresh; RELEASE refresh", NULL, NULL, NULL);
      return FALSE;
    }
  *new_stage = store_query_int (self, on_board, deal_id, 0);
  return TRUE;
}

/* Only the numbers within the window are worth keeping. */
static void
forget_seen (StoreServer *srv)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, srv->own_seqs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (*(gint64 *) key <= srv->last_seq - REPLICA_LOG_WINDOW)
      g_hash_table_iter_remove (&iter);
}

/* The rows of the window before @last that this copy already has (read in a snapshot at @last,
 * or before the mark it caught up from): not read again. */
static gboolean
remember_window (AffariStore *self, gint64 last, GError **error)
{
  g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (last - REPLICA_LOG_WINDOW, 0));
  g_autofree char *upto = g_strdup_printf ("%" G_GINT64_FORMAT, last);
  const char *values[2] = { after, upto };
  PGresult *res = replica_run (self, "SELECT seq FROM change_log WHERE seq > $1 AND seq <= $2", 2, values, error);

  if (res == NULL)
    return FALSE;
  for (int r = 0; r < PQntuples (res); r++)
    {
      gint64 seq = g_ascii_strtoll (PQgetvalue (res, r, 0), NULL, 10);
      g_hash_table_add (self->server->own_seqs, g_memdup2 (&seq, sizeof seq));
    }
  PQclear (res);
  return TRUE;
}

/* The deals the server's change log names after the last one read: read again, emitted as one
 * change set by their author. */
static gboolean
follow_log (AffariStore *self, GError **error)
{
  StoreServer *srv = self->server;
  g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (srv->last_seq - REPLICA_LOG_WINDOW, 0));
  const char *values[1] = { after };
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (StorePending));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) deals = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 author = -1, last = srv->last_seq;
  PGresult *res;
  gboolean ok = TRUE;

  res = replica_run (self, "SELECT seq, author_id, deal_id FROM change_log WHERE seq > $1 ORDER BY seq", 1, values, error);
  if (res == NULL)
    return FALSE;
  for (int r = 0; r < PQntuples (res); r++)
    {
      gint64 seq = g_ascii_strtoll (PQgetvalue (res, r, 0), NULL, 10);
      gint64 deal = g_ascii_strtoll (PQgetvalue (res, r, 2), NULL, 10);

      last = MAX (last, seq);
      if (g_hash_table_contains (srv->own_seqs, &seq))
        continue;   /* read before, or this store's own write: already here */
      g_hash_table_add (srv->own_seqs, g_memdup2 (&seq, sizeof seq));
      if (!PQgetisnull (res, r, 1))
        author = g_ascii_strtoll (PQgetvalue (res, r, 1), NULL, 10);
      if (!g_hash_table_contains (seen, &deal))
        {
          g_array_append_val (deals, deal);
          g_hash_table_add (seen, g_memdup2 (&deal, sizeof deal));
        }
    }
  PQclear (res);

  if (deals->len > 0)
    {
      if (!local_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      for (guint i = 0; ok && i < deals->len; i++)
        {
          StorePending p = { STORE_PENDING_DEAL, g_array_index (deals, gint64, i), 0, 0, AFFARI_CHANGE_INDEX_UNKNOWN };

          ok = replica_refresh_deal (self, p.a, &p.b, &p.c, error);
          g_array_append_val (pending, p);
        }
      ok = ok && store_reindex_dirty (self, error) && save_mark (self, last, error) && local_exec (self, "COMMIT", error);
      if (!ok)
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  srv->last_seq = last;
  forget_seen (srv);
  if (pending->len > 0)
    store_emit_pending (self, pending, author > 0 ? author : -1);
  return TRUE;
}

/* The local rows of @table (a single-column key) that the server no longer has go. */
static gboolean
delete_missing (AffariStore *self, const char *table, const char *key, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT \"%s\" FROM \"%s\"", key, table);
  g_autofree char *del = g_strdup_printf ("DELETE FROM \"%s\" WHERE \"%s\" = ?", table, key);
  g_autoptr(GHashTable) server = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  PGresult *res = replica_run (self, sql, 0, NULL, error);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  if (res == NULL)
    return FALSE;
  for (int r = 0; r < PQntuples (res); r++)
    g_hash_table_add (server, g_strdup (PQgetvalue (res, r, 0)));
  PQclear (res);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return store_fail (self, error, sqlite3_errcode (self->db), sql);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (!g_hash_table_contains (server, (const char *) sqlite3_column_text (stmt, 0)))
      g_ptr_array_add (gone, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  for (guint i = 0; ok && i < gone->len; i++)
    ok = store_exec (self, error, del, "s", (const char *) g_ptr_array_index (gone, i));
  return ok;
}

/* Tables another login changed ("t:ORIGIN:table,table"): read again whole, then every view reads
 * again (a pipeline's stages, the clients' names on the cards…). */
static gboolean
refresh_tables (AffariStore *self, const char *list, GError **error)
{
  g_auto(GStrv) tables = g_strsplit (list, ",", -1);
  gboolean ok;

  ok = local_exec (self, "BEGIN IMMEDIATE; PRAGMA defer_foreign_keys = ON", error);
  for (guint i = 0; ok && tables[i] != NULL; i++)
    {
      const char *table = tables[i];
      GPtrArray *keys;
      CopyMode mode = COPY_OVER;

      /* Only the shared lists, by the local names (the payload is anyone's to send); a deal's
       * rows come with the deal (follow_log). */
      if (replica_table_rank (table) == G_MAXINT || g_str_equal (table, "deal")
          || (g_strv_contains (replica_deal_children, table) && !g_str_equal (table, "quote")))
        continue;
      keys = key_columns (self, table);
      if (keys->len == 1)
        ok = delete_missing (self, table, g_ptr_array_index (keys, 0), error);
      else
        {
          /* A layout's elements: nothing refers to them. */
          g_autofree char *sql = g_strdup_printf ("DELETE FROM \"%s\"", table);
          ok = local_exec (self, sql, error);
          mode = COPY_INTO_EMPTY;
        }
      ok = ok && copy_rows (self, table, NULL, NULL, mode, NULL, error);
      if (ok && g_str_equal (table, "quote"))
        ok = copy_rows (self, "quote_product", NULL, NULL, COPY_OVER, NULL, error);
    }
  ok = ok && store_reindex_dirty (self, error) && local_exec (self, "COMMIT", error);
  if (!ok)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  affari_store_notify_reset (self);
  return TRUE;
}

/* ------------------------------------------------------------ connection */

void
replica_go_offline (AffariStore *self)
{
  StoreServer *srv = self->server;

  if (srv->conn != NULL && !srv->connecting)
    {
      PQfinish (srv->conn);
      srv->conn = NULL;
    }
  srv->reconnect_at = g_get_monotonic_time () + RECONNECT_US;
  if (srv->session != NULL)
    {
      sqlite3session_delete (srv->session);
      srv->session = NULL;
    }
  g_hash_table_remove_all (srv->id_pools);
  store_set_online (self, FALSE);
}

static void
quiet_notice (void *data, const char *message)
{
  g_debug ("server: %s", message);
}

PGconn *
replica_connect_start (StoreServer *srv, gboolean blocking)
{
  const char *keys[] = { "dbname", "password", "connect_timeout", "application_name", NULL };
  const char *values[] = { srv->conninfo, srv->password, CONNECT_TIMEOUT, "affari", NULL };
  PGconn *conn;

  if (srv->password == NULL)
    {
      keys[1] = "connect_timeout"; values[1] = CONNECT_TIMEOUT;
      keys[2] = "application_name"; values[2] = "affari";
      keys[3] = NULL; values[3] = NULL;
    }
  conn = blocking ? PQconnectdbParams (keys, values, 1) : PQconnectStartParams (keys, values, 1);
  /* The server's notices (a search of stop words only, "terminating connection…") are for the
   * debug log, not the terminal. */
  if (conn != NULL)
    PQsetNoticeProcessor (conn, quiet_notice, NULL);
  return conn;
}

/* The lists every login shares, read again whole when a copy catches up. */
#define SHARED_LISTS "setting,team_member,currency,pipeline,stage,deal_type,deal_source,company,contact,product," \
                     "custom_field,custom_field_item,card_section,card_element,saved_filter,saved_segment," \
                     "sales_generator,quote"

/* The deals' count, ids and versions: the same on the server (what the login may read) and in
 * the copy when the copy is right. */
static gboolean
same_deals (AffariStore *self, GError **error)
{
  const char *sql = "SELECT count (*), coalesce (sum (id), 0), coalesce (sum (version), 0) FROM deal";
  PGresult *res = replica_run (self, sql, 0, NULL, error);
  sqlite3_stmt *stmt = NULL;
  gboolean same = FALSE;

  if (res == NULL)
    return FALSE;
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    same = sqlite3_column_int64 (stmt, 0) == g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10)
           && sqlite3_column_int64 (stmt, 1) == g_ascii_strtoll (PQgetvalue (res, 0, 1), NULL, 10)
           && sqlite3_column_int64 (stmt, 2) == g_ascii_strtoll (PQgetvalue (res, 0, 2), NULL, 10);
  sqlite3_finalize (stmt);
  PQclear (res);
  return same;
}

/* A copy read before (this computer's last session, or before the connection broke) catches up
 * instead of being read whole: the deals the change log names since its mark, the shared lists
 * again, and then the deals compared. FALSE: read everything (no mark, the log pruned past it, a
 * difference left — a right changed while away). */
static gboolean
catch_up (AffariStore *self)
{
  StoreServer *srv = self->server;
  g_autoptr(GError) error = NULL;
  g_autofree char *mark = store_query_text (self, "SELECT value FROM replica_state WHERE key = 'seq'", 0);
  gint64 saved = mark != NULL ? g_ascii_strtoll (mark, NULL, 10) : 0;
  PGresult *res;
  gint64 newest;

  if (saved <= 0)
    return FALSE;
  res = replica_run (self, "SELECT affari_log_last ()", 0, NULL, NULL);
  newest = res != NULL ? g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10) : 0;
  g_clear_pointer (&res, PQclear);
  /* The log keeps its last 10,000 rows: a mark further back may have lost some. */
  if (newest < saved || newest - saved > 9000)
    return FALSE;
  srv->last_seq = saved;
  g_hash_table_remove_all (srv->own_seqs);
  if (!remember_window (self, saved, &error) || !follow_log (self, &error) || !refresh_tables (self, SHARED_LISTS, &error) || !same_deals (self, &error))
    {
      if (error != NULL)
        g_debug ("catching up: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* Connected (again): listening, the copy brought up to date. */
gboolean
replica_connected (AffariStore *self, GError **error)
{
  PGresult *res = replica_run (self, "LISTEN affari_changes", 0, NULL, error);

  if (res == NULL)
    return FALSE;
  PQclear (res);
  if (!catch_up (self) && !snapshot (self, error))
    return FALSE;
  replica_read_me (self);
  store_set_online (self, TRUE);
  return TRUE;
}

/* While offline: one step of a connection that does not block the window. */
static void
try_reconnect (AffariStore *self)
{
  StoreServer *srv = self->server;
  PostgresPollingStatusType status;

  if (!srv->connecting)
    {
      if (g_get_monotonic_time () < srv->reconnect_at)
        return;
      srv->conn = replica_connect_start (srv, FALSE);
      srv->connecting = srv->conn != NULL && PQstatus (srv->conn) != CONNECTION_BAD;
      if (!srv->connecting)
        {
          g_clear_pointer (&srv->conn, PQfinish);
          srv->reconnect_at = g_get_monotonic_time () + RECONNECT_US;
          return;
        }
    }
  status = PQconnectPoll (srv->conn);
  if (status == PGRES_POLLING_READING || status == PGRES_POLLING_WRITING)
    return;
  srv->connecting = FALSE;
  if (status == PGRES_POLLING_OK)
    {
      g_autoptr(GError) error = NULL;

      if (replica_connected (self, &error))
        {
          affari_store_notify_reset (self);
          return;
        }
      g_debug ("reconnect: %s", error->message);
    }
  g_clear_pointer (&srv->conn, PQfinish);
  srv->reconnect_at = g_get_monotonic_time () + RECONNECT_US;
}

gboolean
store_server_poll (AffariStore *self)
{
  StoreServer *srv = self->server;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *origin = g_strdup_printf ("t:%" G_GINT64_FORMAT ":", self->watch_origin);
  gboolean log = FALSE;
  PGnotify *notify;

  if (self->tx_depth > 0)
    return FALSE;
  if (srv->conn == NULL || srv->connecting)
    {
      try_reconnect (self);
      return FALSE;
    }
  if (!PQconsumeInput (srv->conn) || PQstatus (srv->conn) != CONNECTION_OK)
    {
      replica_go_offline (self);
      return FALSE;
    }
  if (srv->emit_later != NULL)
    {
      g_autoptr(GArray) pending = g_steal_pointer (&srv->emit_later);
      store_emit_pending (self, pending, srv->emit_author);
    }
  while ((notify = PQnotifies (srv->conn)) != NULL)
    {
      if (g_str_equal (notify->extra, "rights"))
        srv->needs_snapshot = TRUE;   /* what the login may see changed: read it all again */
      else if (g_str_has_prefix (notify->extra, "t:"))
        {
          if (!g_str_has_prefix (notify->extra, origin) && strchr (notify->extra + 2, ':') != NULL)
            g_ptr_array_add (tables, g_strdup (strchr (notify->extra + 2, ':') + 1));
        }
      else
        log = TRUE;
      PQfreemem (notify);
    }
  /* The rights changed, or this copy missed a change the server has: everything again (it
   * covers the tables and the log named above). */
  if (srv->needs_snapshot)
    {
      srv->needs_snapshot = FALSE;
      if (snapshot (self, &error))
        {
          replica_read_me (self);
          affari_store_notify_reset (self);
          return TRUE;
        }
      g_message ("Cannot read the server again: %s", error->message);
      return FALSE;
    }
  /* Several announcements of one table (one per statement) are one reading, and all the tables
   * one transaction and one "reset" for the views. */
  if (tables->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < tables->len; i++)
        {
          g_auto(GStrv) names = g_strsplit (g_ptr_array_index (tables, i), ",", -1);

          for (guint n = 0; names[n] != NULL; n++)
            {
              g_autofree char *quoted = g_strdup_printf (",%s,", names[n]);
              g_autofree char *within = g_strdup_printf (",%s,", list->str);

              if (strstr (within, quoted) == NULL)
                g_string_append_printf (list, "%s%s", list->len > 0 ? "," : "", names[n]);
            }
        }
      refresh_tables (self, list->str, &error);
    }
  if (error == NULL && log)
    follow_log (self, &error);
  if (error != NULL)
    g_message ("Cannot read the server's changes: %s", error->message);
  return log || tables->len > 0;
}

