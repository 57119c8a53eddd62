/* affari-pg-replica-write.c — the team mode's writes: every write transaction of the store, sent
 * to the server in one server transaction before the local COMMIT
 *
 * The store's ~100 write functions do not know the server: they write the local copy as on the
 * embedded database, inside store_tx_begin/commit. A SQLite session (the session extension)
 * records the rows the transaction changed in the tables the server shares; at the commit its
 * changeset becomes the server's INSERT/UPDATE/DELETE statements, with bound parameters, in the
 * foreign keys' order (inserts parents first, updates, deletes children first). What the
 * server's own triggers and cascades do (the version, totals, a deleted deal's rows) is left to
 * them: the changes SQLite's triggers and cascades made are "indirect" and not sent.
 *  - A deal's row is updated only if the server still has the version this copy had: otherwise
 *    someone else changed it first, and the write is refused naming them (never a silent
 *    overwrite); the deal is read again so the window shows what it has now.
 *  - Row-level security refuses what the login may not do (a refused row, or an update that
 *    finds no row): AFFARI_ERROR_FORBIDDEN, nothing written.
 *  - A change to what hangs off a deal (an activity, a product row) "touches" the deal on the
 *    server, so that the change log names it for the other windows; a change to the shared lists
 *    (clients, pipelines, settings) is announced by NOTIFY with the tables' names.
 *  - New rows take ids the server hands out (store_new_id ()), so two sellers never make the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-pg"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "affari-pg-replica-private.h"

/* Ids asked from the server at once, per table. */
#define ID_BATCH "20"

typedef struct {
  gboolean defined;   /* FALSE: an update's column that did not change */
  char *text;         /* NULL for SQL NULL */
} Value;

typedef struct {
  char *table;
  int rank;
  int op;             /* SQLITE_INSERT, _UPDATE, _DELETE */
  int n_cols;
  unsigned char *pk;  /* n_cols flags */
  Value *old_values;  /* n_cols, or NULL for an insert */
  Value *new_values;  /* n_cols, or NULL for a delete */
} Change;

static void
change_free (gpointer data)
{
  Change *c = data;

  for (int i = 0; i < c->n_cols; i++)
    {
      if (c->old_values != NULL)
        g_free (c->old_values[i].text);
      if (c->new_values != NULL)
        g_free (c->new_values[i].text);
    }
  g_free (c->old_values);
  g_free (c->new_values);
  g_free (c->pk);
  g_free (c->table);
  g_free (c);
}

static Value
value_of (sqlite3_value *v)
{
  Value out = { v != NULL, NULL };

  if (v == NULL)
    return out;
  switch (sqlite3_value_type (v))
    {
    case SQLITE_INTEGER:
      out.text = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_value_int64 (v));
      break;
    case SQLITE_FLOAT:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];
        out.text = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, sqlite3_value_double (v)));
      }
      break;
    case SQLITE_NULL:
      break;
    default:
      out.text = g_strndup ((const char *) sqlite3_value_text (v), sqlite3_value_bytes (v));
      break;
    }
  return out;
}

static int
table_filter (void *data, const char *table)
{
  return replica_table_rank (table) != G_MAXINT;
}

gboolean
store_server_begin (AffariStore *self, GError **error)
{
  StoreServer *srv = self->server;
  int rc;

  if (!self->online || srv->conn == NULL || srv->connecting)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_OFFLINE,
                           _("The server cannot be reached: nothing can be changed until it answers again "
                             "(the data shown is the last read). Affari keeps trying to reconnect."));
      return FALSE;
    }
  g_clear_pointer (&srv->session, sqlite3session_delete);
  rc = sqlite3session_create (self->db, "main", &srv->session);
  if (rc != SQLITE_OK)
    return store_fail (self, error, rc, "session");
  sqlite3session_table_filter (srv->session, table_filter, self);
  rc = sqlite3session_attach (srv->session, NULL);
  if (rc != SQLITE_OK)
    {
      g_clear_pointer (&srv->session, sqlite3session_delete);
      return store_fail (self, error, rc, "session attach");
    }
  return TRUE;
}

/* The transaction's changes, as the server needs them: inserts and updates parents first, then
 * deletes children first. */
static int
change_order (gconstpointer a, gconstpointer b)
{
  const Change *x = *(const Change **) a;
  const Change *y = *(const Change **) b;
  int px = x->op == SQLITE_INSERT ? 0 : x->op == SQLITE_UPDATE ? 1 : 2;
  int py = y->op == SQLITE_INSERT ? 0 : y->op == SQLITE_UPDATE ? 1 : 2;

  if (px != py)
    return px - py;
  return px == 2 ? y->rank - x->rank : x->rank - y->rank;
}

static GPtrArray *
read_changes (AffariStore *self, GError **error)
{
  StoreServer *srv = self->server;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (change_free);
  sqlite3_changeset_iter *iter = NULL;
  void *buffer = NULL;
  int size = 0, rc;

  rc = sqlite3session_changeset (srv->session, &size, &buffer);
  g_clear_pointer (&srv->session, sqlite3session_delete);
  if (rc != SQLITE_OK)
    {
      store_fail (self, error, rc, "changeset");
      return NULL;
    }
  if (size > 0 && sqlite3changeset_start (&iter, size, buffer) == SQLITE_OK)
    {
      while (sqlite3changeset_next (iter) == SQLITE_ROW)
        {
          const char *table;
          int n_cols, op, indirect;
          unsigned char *pk;
          Change *c;

          sqlite3changeset_op (iter, &table, &n_cols, &op, &indirect);
          if (indirect)
            continue;   /* a trigger's or a cascade's: the server's own do the same */
          c = g_new0 (Change, 1);
          c->table = g_strdup (table);
          c->rank = replica_table_rank (table);
          c->op = op;
          c->n_cols = n_cols;
          sqlite3changeset_pk (iter, &pk, NULL);
          c->pk = g_memdup2 (pk, n_cols);
          if (op != SQLITE_INSERT)
            {
              c->old_values = g_new0 (Value, n_cols);
              for (int i = 0; i < n_cols; i++)
                {
                  sqlite3_value *v = NULL;
                  sqlite3changeset_old (iter, i, &v);
                  c->old_values[i] = value_of (v);
                }
            }
          if (op != SQLITE_DELETE)
            {
              c->new_values = g_new0 (Value, n_cols);
              for (int i = 0; i < n_cols; i++)
                {
                  sqlite3_value *v = NULL;
                  sqlite3changeset_new (iter, i, &v);
                  c->new_values[i] = value_of (v);
                }
            }
          g_ptr_array_add (changes, c);
        }
      sqlite3changeset_finalize (iter);
    }
  sqlite3_free (buffer);
  g_ptr_array_sort (changes, change_order);
  return g_steal_pointer (&changes);
}

/* A statement of the transaction; the number of rows it changed in @n_rows, -1 on failure. */
static gboolean
send (AffariStore *self, const char *sql, GPtrArray *params, int *n_rows, GError **error)
{
  PGresult *res = PQexecParams (self->server->conn, sql, (int) params->len, NULL,
                                (const char * const *) params->pdata, NULL, NULL, 0);
  gboolean ok = PQresultStatus (res) == PGRES_COMMAND_OK || PQresultStatus (res) == PGRES_TUPLES_OK;

  if (!ok)
    replica_set_error (self, res, error);
  else if (n_rows != NULL)
    *n_rows = atoi (PQcmdTuples (res));
  PQclear (res);
  return ok;
}

static int
column_index (GPtrArray *columns, const char *name)
{
  for (guint i = 0; i < columns->len; i++)
    if (g_str_equal (g_ptr_array_index (columns, i), name))
      return (int) i;
  return -1;
}

/* The deal that @c's row hangs off (0 for none). */
static gint64
change_deal (const Change *c, GPtrArray *columns)
{
  int col = column_index (columns, g_str_equal (c->table, "deal") ? "id" : "deal_id");
  const Value *v;

  if (col < 0)
    return 0;
  v = c->new_values != NULL && c->new_values[col].defined ? &c->new_values[col] : &c->old_values[col];
  return v->defined && v->text != NULL ? g_ascii_strtoll (v->text, NULL, 10) : 0;
}

/* A deal's write refused because the server has a newer version: who changed it and when, as
 * the embedded store says it (affari-store-deals.c). */
static void
set_conflict (AffariStore *self, const char *deal_id, GError **error)
{
  const char *values[1] = { deal_id };
  PGresult *res = PQexecParams (self->server->conn,
                                "SELECT t.name, d.date_modify FROM deal d LEFT JOIN team_member t ON t.id = d.modify_by_id"
                                " WHERE d.id = $1", 1, NULL, values, NULL, NULL, 0);

  if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) == 1)
    store_set_conflict_error (error, PQgetisnull (res, 0, 0) ? NULL : PQgetvalue (res, 0, 0),
                              g_ascii_strtoll (PQgetvalue (res, 0, 1), NULL, 10));
  else
    g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_FORBIDDEN,
                         _("The server refused the change: the deal was deleted, or your access rights do not allow it."));
  PQclear (res);
}

static gboolean
send_change (AffariStore *self, const Change *c, GHashTable *touched, GError **error)
{
  GPtrArray *columns = replica_columns (self, c->table);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new ();
  int n_rows = 0, version = -1;

  if ((int) columns->len != c->n_cols)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_FAILED, "table %s: %d columns, %u known", c->table,
                   c->n_cols, columns->len);
      return FALSE;
    }

  if (c->op == SQLITE_INSERT)
    {
      g_autoptr(GString) marks = g_string_new (NULL);

      g_string_printf (sql, "INSERT INTO \"%s\" (", c->table);
      for (int i = 0; i < c->n_cols; i++)
        {
          g_string_append_printf (sql, "%s\"%s\"", i > 0 ? ", " : "", (char *) g_ptr_array_index (columns, i));
          g_string_append_printf (marks, "%s$%d", i > 0 ? ", " : "", i + 1);
          g_ptr_array_add (params, c->new_values[i].text);
        }
      g_string_append_printf (sql, ") VALUES (%s)", marks->str);
    }
  else
    {
      const char *joint = " WHERE ";

      if (c->op == SQLITE_UPDATE)
        {
          g_string_printf (sql, "UPDATE \"%s\" SET ", c->table);
          for (int i = 0; i < c->n_cols; i++)
            if (!c->pk[i] && c->new_values[i].defined)
              {
                g_ptr_array_add (params, c->new_values[i].text);
                g_string_append_printf (sql, "%s\"%s\" = $%u", params->len > 1 ? ", " : "",
                                        (char *) g_ptr_array_index (columns, i), params->len);
              }
          if (params->len == 0)
            return TRUE;   /* only a key's value "changed" into itself */
          if (g_str_equal (c->table, "deal"))
            version = column_index (columns, "version");
        }
      else
        g_string_printf (sql, "DELETE FROM \"%s\"", c->table);
      for (int i = 0; i < c->n_cols; i++)
        if (c->pk[i] || (i == version && c->old_values[i].defined))
          {
            g_ptr_array_add (params, c->old_values[i].text);
            g_string_append_printf (sql, "%s\"%s\" = $%u", joint, (char *) g_ptr_array_index (columns, i), params->len);
            joint = " AND ";
          }
    }

  if (!send (self, sql->str, params, &n_rows, error))
    return FALSE;
  if (c->op == SQLITE_UPDATE && n_rows == 0)
    {
      /* Someone else changed or deleted the row first, or the login may not change it. */
      gint64 deal = change_deal (c, columns);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, deal);

      self->server->refresh_deal = deal;
      if (deal > 0 && g_str_equal (c->table, "deal"))
        set_conflict (self, id, error);
      else
        g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_FORBIDDEN,
                             _("The server refused the change: someone else changed or deleted it first, or your access "
                               "rights do not allow it."));
      return FALSE;
    }
  if (!g_str_equal (c->table, "deal"))
    {
      gint64 deal = change_deal (c, columns);
      if (deal > 0)
        g_hash_table_add (touched, g_memdup2 (&deal, sizeof deal));
    }
  return TRUE;
}

/* The deals whose rows changed but not the deal itself: touched, so that the server's change log
 * names them (and row-level security says whether the login may change them at all). */
static gboolean
touch_deals (AffariStore *self, GHashTable *touched, GHashTable *changed_deals, GError **error)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *id = NULL;
      g_autoptr(GPtrArray) params = g_ptr_array_new ();
      int n_rows = 0;

      if (g_hash_table_contains (changed_deals, key))
        continue;
      id = g_strdup_printf ("%" G_GINT64_FORMAT, *(gint64 *) key);
      g_ptr_array_add (params, id);
      if (!send (self, "UPDATE deal SET id = id WHERE id = $1", params, &n_rows, error))
        return FALSE;
      /* 0: the deal went in the same transaction, or someone else deleted it: its rows went too. */
    }
  return TRUE;
}

gboolean
store_server_commit (AffariStore *self, GError **error)
{
  StoreServer *srv = self->server;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GHashTable) touched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) changed_deals = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GString) tables = g_string_new (NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new ();
  g_autofree char *start_seq = NULL;
  g_autofree char *origin = NULL;
  PGresult *res;
  gboolean ok = TRUE;

  srv->committed = FALSE;
  if (srv->session == NULL)
    return TRUE;
  changes = read_changes (self, error);
  if (changes == NULL)
    return FALSE;
  if (changes->len == 0)
    return TRUE;

  /* The server's triggers announce the shared lists this transaction changes with this store's
   * mark (migration 14), which this store then does not read again. */
  origin = g_strdup_printf ("%" G_GINT64_FORMAT, self->watch_origin);
  g_ptr_array_add (params, origin);
  res = PQexec (srv->conn, "BEGIN");
  if (PQresultStatus (res) == PGRES_COMMAND_OK)
    {
      PQclear (res);
      res = PQexecParams (srv->conn, "SELECT set_config ('affari.origin', $1, true), coalesce (max (seq), 0) FROM change_log",
                          1, NULL, (const char * const *) params->pdata, NULL, NULL, 0);
    }
  g_ptr_array_set_size (params, 0);
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      replica_set_error (self, res, error);
      PQclear (res);
      PQclear (PQexec (srv->conn, "ROLLBACK"));
      return FALSE;
    }
  start_seq = g_strdup (PQgetvalue (res, 0, 1));
  PQclear (res);

  for (guint i = 0; ok && i < changes->len; i++)
    {
      Change *c = g_ptr_array_index (changes, i);

      ok = send_change (self, c, touched, error);
      if (g_str_equal (c->table, "deal"))
        {
          gint64 deal = change_deal (c, replica_columns (self, "deal"));
          g_hash_table_add (changed_deals, g_memdup2 (&deal, sizeof deal));
        }
      /* The shared lists are announced by the server's triggers; a quote without a deal is one
       * of them but has none (its rights are the deal's, when it has one). */
      else if (g_str_equal (c->table, "quote") && change_deal (c, replica_columns (self, "quote")) == 0
               && strstr (tables->str, "quote") == NULL)
        g_string_append_printf (tables, "%s%s", tables->len > 0 ? "," : "", "quote");
    }
  ok = ok && touch_deals (self, touched, changed_deals, error);
  if (ok && tables->len > 0)
    {
      g_autofree char *payload = g_strdup_printf ("t:%" G_GINT64_FORMAT ":%s", self->watch_origin, tables->str);

      g_ptr_array_add (params, payload);
      ok = send (self, "SELECT pg_notify ('affari_changes', $1)", params, NULL, error);
      g_ptr_array_set_size (params, 0);
    }
  /* The change log's rows this transaction made: this copy has them already. */
  g_array_set_size (srv->last_own, 0);
  if (ok)
    {
      g_ptr_array_add (params, start_seq);
      res = PQexecParams (srv->conn, "SELECT seq FROM change_log WHERE seq > $1"
                                     " AND xmin::text = (txid_current () % 4294967296)::text",
                          1, NULL, (const char * const *) params->pdata, NULL, NULL, 0);
      ok = PQresultStatus (res) == PGRES_TUPLES_OK;
      if (!ok)
        replica_set_error (self, res, error);
      for (int r = 0; ok && r < PQntuples (res); r++)
        {
          gint64 seq = g_ascii_strtoll (PQgetvalue (res, r, 0), NULL, 10);
          g_array_append_val (srv->last_own, seq);
        }
      PQclear (res);
    }
  if (ok)
    {
      res = PQexec (srv->conn, "COMMIT");
      ok = PQresultStatus (res) == PGRES_COMMAND_OK;
      if (!ok)
        replica_set_error (self, res, error);
      PQclear (res);
    }
  else if (srv->conn != NULL)
    PQclear (PQexec (srv->conn, "ROLLBACK"));
  if (!ok)
    return FALSE;

  srv->committed = TRUE;
  for (guint i = 0; i < srv->last_own->len; i++)
    g_hash_table_add (srv->own_seqs, g_memdup2 (&g_array_index (srv->last_own, gint64, i), sizeof (gint64)));
  return TRUE;
}

void
store_server_abort (AffariStore *self)
{
  StoreServer *srv = self->server;
  gint64 deal = srv->refresh_deal;

  g_clear_pointer (&srv->session, sqlite3session_delete);
  srv->refresh_deal = 0;
  if (srv->committed)
    {
      /* The server has what this copy failed to commit (a full disk): read everything again. */
      srv->committed = FALSE;
      srv->needs_snapshot = TRUE;
      return;
    }
  if (deal > 0 && srv->conn != NULL)
    {
      /* A refused write: the window shows what the server has now. */
      g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (StorePending));
      StorePending p = { STORE_PENDING_DEAL, deal, 0, 0, AFFARI_CHANGE_INDEX_UNKNOWN };

      if (sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return;
      if (replica_refresh_deal (self, deal, &p.b, &p.c, NULL) && store_reindex_dirty (self, NULL)
          && sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
        {
          gint64 author = store_query_int (self, "SELECT modify_by_id FROM deal WHERE id = ?", deal, -1);

          g_array_append_val (pending, p);
          srv->emit_later = g_steal_pointer (&pending);
          srv->emit_author = author > 0 ? author : -1;
        }
      else
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }
}

gint64
store_server_next_quote_seq (AffariStore *self, int year, GError **error)
{
  g_autofree char *text = g_strdup_printf ("%d", year);
  const char *values[1] = { text };
  PGresult *res;
  gint64 seq;

  if (self->server == NULL)
    return 0;
  res = replica_run (self, "SELECT affari_quote_next_seq ($1::integer)", 1, values, error);
  if (res == NULL)
    return -1;
  seq = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  PQclear (res);
  return seq;
}

gint64
store_new_id (AffariStore *self, const char *table, GError **error)
{
  StoreServer *srv = self->server;
  GArray *pool;
  gint64 id;

  if (srv == NULL)
    return 0;
  pool = g_hash_table_lookup (srv->id_pools, table);
  if (pool == NULL || pool->len == 0)
    {
      const char *values[1] = { table };
      PGresult *res;

      if (srv->conn == NULL || srv->connecting)
        {
          g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_OFFLINE,
                               _("The server cannot be reached: nothing can be changed until it answers again "
                                 "(the data shown is the last read). Affari keeps trying to reconnect."));
          return -1;
        }
      res = PQexecParams (srv->conn, "SELECT nextval (pg_get_serial_sequence ($1, 'id')) FROM generate_series (1, " ID_BATCH ")",
                          1, NULL, values, NULL, NULL, 0);
      if (PQresultStatus (res) != PGRES_TUPLES_OK)
        {
          replica_set_error (self, res, error);
          PQclear (res);
          return -1;
        }
      if (pool == NULL)
        {
          pool = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (srv->id_pools, g_strdup (table), pool);
        }
      /* Handed out from the end: the smallest first. */
      for (int r = PQntuples (res) - 1; r >= 0; r--)
        {
          id = g_ascii_strtoll (PQgetvalue (res, r, 0), NULL, 10);
          g_array_append_val (pool, id);
        }
      PQclear (res);
    }
  id = g_array_index (pool, gint64, pool->len - 1);
  g_array_set_size (pool, pool->len - 1);
  return id;
}
