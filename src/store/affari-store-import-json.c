/* affari-store-import-json.c — rows of Affari's own JSON export written back with their ids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "model/affari-error.h"
#include "affari-store-private.h"
#include "affari-store-import-json.h"
#include "affari-store-leads.h"

struct _AffariStoreRestore
{
  AffariStore *store;
  GHashTable *columns;   /* table (static name) → GHashTable: column name → the schema's spelling */
  GHashTable *inserts;   /* table (static name) → Insert: its last statement */
  GArray *deals;         /* gint64: the deals written, for the change */
};

/* The insert of a table for the columns its last row named: the rows of a file name the same
 * columns in the same order, so the statement is made once, not looked up by its text per row. */
typedef struct {
  GPtrArray *names;      /* char *, as the file names them */
  sqlite3_stmt *stmt;    /* the store's (store_prepare keeps it) */
} Insert;

static void
insert_free (gpointer data)
{
  Insert *insert = data;

  g_ptr_array_unref (insert->names);
  g_free (insert);
}

static gboolean
insert_matches (const Insert *insert, guint n_columns, const char * const *names)
{
  if (insert == NULL || insert->names->len != n_columns)
    return FALSE;
  for (guint i = 0; i < n_columns; i++)
    if (strcmp (g_ptr_array_index (insert->names, i), names[i]) != 0)
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------ helpers */

/* The export's own name of @table (a static string), NULL when the export writes no such table. */
static const char *
known_table (const char *table)
{
  for (guint t = 0; t < AFFARI_EXPORT_N_TABLES; t++)
    if (g_str_equal (affari_export_table_name (t), table))
      return affari_export_table_name (t);
  return NULL;
}

/* The columns of @table as the schema spells them, by their lower-case name (SQLite's names are
 * case-insensitive). */
static GHashTable *
table_columns (AffariStoreRestore *restore, const char *table, GError **error)
{
  GHashTable *columns = g_hash_table_lookup (restore->columns, table);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (columns != NULL)
    return columns;
  /* @table is one of the export's fixed names (known_table), never the file's text. */
  sql = g_strdup_printf ("PRAGMA table_info (%s)", table);
  stmt = store_prepare (restore->store, sql, error);
  if (stmt == NULL)
    return NULL;
  columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      g_hash_table_insert (columns, g_ascii_strdown (name, -1), g_strdup (name));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_hash_table_unref (columns);
      store_fail (restore->store, error, rc, "restore columns");
      return NULL;
    }
  g_hash_table_insert (restore->columns, (gpointer) table, columns);
  return columns;
}

static void
bind_value (sqlite3_stmt *stmt, int index, const AffariExportValue *value)
{
  switch (value->type)
    {
    case AFFARI_EXPORT_VALUE_INT:
      sqlite3_bind_int64 (stmt, index, value->number);
      break;
    case AFFARI_EXPORT_VALUE_REAL:
      sqlite3_bind_double (stmt, index, value->real);
      break;
    case AFFARI_EXPORT_VALUE_TEXT:
      sqlite3_bind_text (stmt, index, value->text, -1, SQLITE_TRANSIENT);
      break;
    case AFFARI_EXPORT_VALUE_NULL:
    default:
      sqlite3_bind_null (stmt, index);
      break;
    }
}

/* The insert of @n_columns columns named by @names into @table (a known table), its names the
 * schema's; NULL with an Italian message for a column the schema does not have. */
static sqlite3_stmt *
prepare_insert (AffariStoreRestore *restore, const char *table, guint n_columns, const char * const *names,
                GError **error)
{
  g_autoptr(GString) sql = g_string_new ("INSERT INTO ");
  GHashTable *columns = table_columns (restore, table, error);

  if (columns == NULL)
    return NULL;
  g_string_append (sql, table);
  g_string_append (sql, " (");
  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *key = g_ascii_strdown (names[i], -1);
      const char *column = g_hash_table_lookup (columns, key);

      if (column == NULL)
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
                       _("The table “%s” of the file has a column “%s” that Affari does not know: it was not "
                         "written by Affari or was changed by hand."), table, names[i]);
          return NULL;
        }
      /* The schema's spelling, quoted: never the file's text. */
      g_string_append_printf (sql, "%s\"%s\"", i > 0 ? ", " : "", column);
    }
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < n_columns; i++)
    g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", i + 1);
  g_string_append_c (sql, ')');
  return store_prepare (restore->store, sql->str, error);
}

/* ------------------------------------------------------------ public */

gboolean
affari_store_restore_knows_table (const char *table)
{
  g_return_val_if_fail (table != NULL, FALSE);

  return known_table (table) != NULL;
}

gboolean
affari_store_restore_check_empty (AffariStore *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (store_query_int (self, "SELECT EXISTS (SELECT 1 FROM deal)", 0, 1) != 0)
    return store_set_invalid (error, _("The database already holds deals: import the file into an empty database "
                                       "(affari-cli --database NEW.db import FILE.json) or use Restore backup"));
  if (store_query_int (self, "SELECT EXISTS (SELECT 1 FROM company) OR EXISTS (SELECT 1 FROM contact)"
                             " OR EXISTS (SELECT 1 FROM product) OR EXISTS (SELECT 1 FROM quote)", 0, 1) != 0)
    return store_set_invalid (error, _("The database already holds clients, products or quotes: import the file into "
                                       "an empty database (affari-cli --database NEW.db import FILE.json) or use "
                                       "Restore backup"));
  return TRUE;
}

AffariStoreRestore *
affari_store_restore_begin (AffariStore *self, GError **error)
{
  AffariStoreRestore *restore;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);
  g_return_val_if_fail (self->tx_depth > 0, NULL);

  /* Undoing the import puts back the new database's defaults deleted below. */
  if (!store_import_mark_whole (self, error))
    return NULL;
  /* Rows refer to rows further on in the file (a lead to the deal it became): the references
   * are checked once all are in (affari_store_restore_end), and at the commit. */
  if (!store_exec_sql (self, "PRAGMA defer_foreign_keys = ON", error))
    return NULL;
  /* The defaults of a new database give way to the file's; the children go with their parents
   * (ON DELETE CASCADE). The tables were checked empty of what a person made. */
  for (int t = AFFARI_EXPORT_N_TABLES - 1; t >= 0; t--)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s", affari_export_table_name (t));

      if (!store_exec_sql (self, sql, error))
        return NULL;
    }
  if (!store_exec_sql (self, "DELETE FROM stage_total", error))
    return NULL;

  restore = g_new0 (AffariStoreRestore, 1);
  restore->store = self;
  restore->columns = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  restore->inserts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, insert_free);
  restore->deals = g_array_new (FALSE, FALSE, sizeof (gint64));
  return restore;
}

gboolean
affari_store_restore_row (AffariStoreRestore        *restore,
                          const char                *table,
                          guint                      n_columns,
                          const char * const        *names,
                          const AffariExportValue   *values,
                          GError                   **error)
{
  const char *name = known_table (table);
  Insert *insert;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (restore != NULL, FALSE);

  if (name == NULL)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
                   _("The file has a table “%s” that Affari does not know: it was not written by Affari "
                     "or was changed by hand."), table);
      return FALSE;
    }
  if (n_columns == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE, _("A row of the table “%s” is empty."), name);
      return FALSE;
    }
  insert = g_hash_table_lookup (restore->inserts, name);
  if (!insert_matches (insert, n_columns, names))
    {
      stmt = prepare_insert (restore, name, n_columns, names, error);
      if (stmt == NULL)
        return FALSE;
      insert = g_new0 (Insert, 1);
      insert->names = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < n_columns; i++)
        g_ptr_array_add (insert->names, g_strdup (names[i]));
      insert->stmt = stmt;
      g_hash_table_replace (restore->inserts, (gpointer) name, insert);
    }
  stmt = insert->stmt;
  for (guint i = 0; i < n_columns; i++)
    bind_value (stmt, (int) i + 1, &values[i]);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      g_autoptr(GError) local = NULL;

      store_fail (restore->store, &local, rc, "restore");
      sqlite3_reset (stmt);
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
                   _("A row of the table “%s” cannot be written (%s): the file was changed by hand or is "
                     "damaged."), name, local->message);
      return FALSE;
    }
  sqlite3_reset (stmt);
  if (name == affari_export_table_name (AFFARI_EXPORT_DEAL))
    {
      gint64 id = sqlite3_last_insert_rowid (restore->store->db);
      g_array_append_val (restore->deals, id);
    }
  return TRUE;
}

void
affari_store_restore_free (AffariStoreRestore *restore)
{
  if (restore == NULL)
    return;
  g_hash_table_unref (restore->columns);
  g_hash_table_unref (restore->inserts);
  g_array_unref (restore->deals);
  g_free (restore);
}

gboolean
affari_store_restore_end (AffariStoreRestore *restore, GError **error)
{
  AffariStore *self;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (restore != NULL, FALSE);

  self = restore->store;
  stmt = store_prepare (self, "PRAGMA foreign_key_check", error);
  if (stmt == NULL)
    {
      affari_store_restore_free (restore);
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      /* table, rowid, the table referred to */
      g_autofree char *row = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 1));

      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
                   _("The row %s of the table “%s” refers to a row of “%s” that is not in the file: the file "
                     "was changed by hand or is damaged."),
                   row, (const char *) sqlite3_column_text (stmt, 0), (const char *) sqlite3_column_text (stmt, 2));
      ok = FALSE;
    }
  else if (rc != SQLITE_DONE)
    ok = store_fail (self, error, rc, "restore check");
  sqlite3_reset (stmt);

  /* A file of an Affari before leads has no lead pipeline: it is added as an update would. */
  if (ok)
    ok = store_leads_seed (self, error);
  /* The views hear of every deal. They are not snapshotted into the change one by one: the
   * import's undo goes back to the database as it was (store_import_mark_whole). */
  for (guint i = 0; ok && i < restore->deals->len; i++)
    {
      gint64 id = g_array_index (restore->deals, gint64, i);

      store_queue_deal (self, id, 0, store_deal_stage (self, id));
    }
  if (ok)
    {
      store_forget_stages (self);
      store_queue_pipelines (self);
      static const char * const what[] = { "custom-fields", "deal-types", "sources", "currencies", "products", "team" };

      for (guint i = 0; i < G_N_ELEMENTS (what); i++)
        store_queue_settings (self, what[i], 0);
    }
  affari_store_restore_free (restore);
  return ok;
}

void
affari_store_restore_reload (AffariStore *self)
{
  g_return_if_fail (AFFARI_IS_STORE (self));

  self->current_user = store_query_int (self, "SELECT CAST(value AS INTEGER) FROM setting WHERE key = 'current_user_id'", 0, 0);
  self->default_pipeline = store_query_int (self, "SELECT id FROM pipeline WHERE is_default = 1", 0, 0);
  store_forget_stages (self);
}
