/* affari-store-import-undo.c — an import as one undo step that removes exactly what it made
 *
 * An import makes thousands of deals, clients, stages: photographing each (as a change of a few
 * deals does, affari-store-changes.c) would cost more than the import. Instead the import runs
 * as a batch (one transaction, one "reset") and remembers, per table, the largest rowid before
 * and after: what it made is the rows in between, because SQLite gives a new row the largest
 * rowid plus one and the write lock keeps every other writer out meanwhile. The small tables keyed
 * by a code (currencies, deal types, sources) are remembered whole instead; the rows without a
 * rowid of their own (a deal's contacts, a section's elements) go with what they belong to.
 *
 * Undoing deletes those rows in one transaction (a deal's own rows go with it, ON DELETE
 * CASCADE). It is refused, writing nothing, when something made since depends on them: a deal
 * of the import changed since (its history grew), or a deal, contact or quote made before or
 * after the import that points to a client, stage or pipeline the import made. An undone import
 * cannot be redone: importing the file again does it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-store-private.h"
#include "affari-store-import-undo.h"

/* The tables an import may add rows to, in the order the undo deletes them: rows that point to
 * others first (a deal before its stage, a contact before its company). */
static const char * const ranged_tables[] = {
  "event", "deal_stage_history", "activity", "deal_product", "quote", "deal",
  "contact", "company", "product", "custom_field_item", "custom_field", "card_section", "stage",
  "pipeline", "team_member",
};
#define N_RANGED G_N_ELEMENTS (ranged_tables)
enum { T_EVENT, T_STAGE_HISTORY, T_ACTIVITY, T_DEAL_PRODUCT, T_QUOTE, T_DEAL, T_CONTACT, T_COMPANY,
       T_PRODUCT, T_FIELD_ITEM, T_FIELD, T_CARD_SECTION, T_STAGE, T_PIPELINE, T_TEAM };

/* The small tables keyed by a code. */
static const struct {
  const char *table;
  const char *key;
  const char *used;     /* counts the rows still using a code ?1 */
} keyed_tables[] = {
  { "currency", "code", "SELECT count(*) FROM deal WHERE currency = ?1" },
  { "deal_type", "code", "SELECT count(*) FROM deal WHERE type_id = ?1" },
  { "deal_source", "code", "SELECT count(*) FROM deal WHERE source_id = ?1" },
};
#define N_KEYED G_N_ELEMENTS (keyed_tables)

struct _StoreImportMarks {
  gint64 before[N_RANGED];
  gint64 after[N_RANGED];
  GHashTable *keys[N_KEYED];   /* the codes there were before */
  GHashTable *totals;          /* the kept totals' rows there were before ("pipeline stage currency") */
};

#define TOTAL_KEYS "SELECT pipeline_id || ' ' || stage_id || ' ' || currency FROM stage_total"

void
store_import_marks_free (StoreImportMarks *marks)
{
  if (marks == NULL)
    return;
  for (guint i = 0; i < N_KEYED; i++)
    g_clear_pointer (&marks->keys[i], g_hash_table_unref);
  g_clear_pointer (&marks->totals, g_hash_table_unref);
  g_free (marks);
}

static gboolean
read_max_rowids (AffariStore *self, gint64 *max, GError **error)
{
  for (guint i = 0; i < N_RANGED; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT coalesce (max (rowid), 0) FROM %s", ranged_tables[i]);

      max[i] = store_query_int (self, sql, 0, -1);
      if (max[i] < 0)
        return store_fail (self, error, sqlite3_errcode (self->db), "import marks");
    }
  return TRUE;
}

static GHashTable *
read_set (AffariStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self, sql, error);
  GHashTable *keys;
  int rc;

  if (stmt == NULL)
    return NULL;
  keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (keys, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_hash_table_unref (keys);
      store_fail (self, error, rc, "import marks");
      return NULL;
    }
  return keys;
}

static GHashTable *
read_keys (AffariStore *self, guint k, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s", keyed_tables[k].key, keyed_tables[k].table);

  return read_set (self, sql, error);
}

gboolean
affari_store_begin_import (AffariStore  *self,
                           GError      **error)
{
  g_autoptr(StoreImportMarks) marks = g_new0 (StoreImportMarks, 1);

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->import_marks == NULL && self->change_before == NULL, FALSE);

  if (!affari_store_begin_batch (self, error))
    return FALSE;
  if (!read_max_rowids (self, marks->before, error))
    goto failed;
  for (guint k = 0; k < N_KEYED; k++)
    if ((marks->keys[k] = read_keys (self, k, error)) == NULL)
      goto failed;
  if ((marks->totals = read_set (self, TOTAL_KEYS, error)) == NULL)
    goto failed;
  self->import_marks = g_steal_pointer (&marks);
  return TRUE;

failed:
  affari_store_end_batch (self, FALSE, NULL);
  return FALSE;
}

gboolean
affari_store_is_importing (AffariStore *self)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  return self->import_marks != NULL;
}

AffariChangeSet *
affari_store_end_import (AffariStore  *self,
                         gboolean      ok,
                         const char   *label,
                         GError      **error)
{
  g_autoptr(StoreImportMarks) marks = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);
  g_return_val_if_fail (self->import_marks != NULL, NULL);

  marks = g_steal_pointer (&self->import_marks);
  if (ok)
    ok = read_max_rowids (self, marks->after, error);
  for (guint i = 0; ok && i < N_RANGED; i++)
    changed |= marks->after[i] != marks->before[i];
  for (guint k = 0; ok && !changed && k < N_KEYED; k++)
    {
      g_autoptr(GHashTable) now = read_keys (self, k, error);

      ok = now != NULL;
      changed = ok && g_hash_table_size (now) != g_hash_table_size (marks->keys[k]);
    }
  if (!affari_store_end_batch (self, ok, error))
    return NULL;

  set = affari_change_set_new ();
  affari_change_set_set_label (set, label);
  /* Nothing made, nothing to undo: the set only says the import ran. */
  if (changed)
    affari_change_set_set_undo_data (set, store_undo_new_import (g_steal_pointer (&marks)), store_undo_free);
  return g_steal_pointer (&set);
}

/* ----------------------------------------------------------------- undo */

/* Whether something outside the import points to what it made: then it cannot go. */
static gboolean
check_undoable (AffariStore *self, const StoreImportMarks *m, GError **error)
{
  static const struct {
    const char *sql;   /* ?1 ?2 the range of the table it points to, ?3 ?4 the range of its own */
    guint points_to;
    guint own;
  } links[] = {
    { "SELECT count(*) FROM deal WHERE company_id > ?1 AND company_id <= ?2 AND NOT (id > ?3 AND id <= ?4)",
      T_COMPANY, T_DEAL },
    { "SELECT count(*) FROM deal WHERE stage_id > ?1 AND stage_id <= ?2 AND NOT (id > ?3 AND id <= ?4)",
      T_STAGE, T_DEAL },
    { "SELECT count(*) FROM deal WHERE pipeline_id > ?1 AND pipeline_id <= ?2 AND NOT (id > ?3 AND id <= ?4)",
      T_PIPELINE, T_DEAL },
    { "SELECT count(*) FROM deal_contact WHERE contact_id > ?1 AND contact_id <= ?2"
      " AND NOT (deal_id > ?3 AND deal_id <= ?4)", T_CONTACT, T_DEAL },
    { "SELECT count(*) FROM contact WHERE company_id > ?1 AND company_id <= ?2 AND NOT (id > ?3 AND id <= ?4)",
      T_COMPANY, T_CONTACT },
    { "SELECT count(*) FROM quote WHERE company_id > ?1 AND company_id <= ?2 AND NOT (id > ?3 AND id <= ?4)",
      T_COMPANY, T_QUOTE },
  };

  /* A deal of the import with history written after it: changed since. */
  if (m->after[T_DEAL] > m->before[T_DEAL])
    {
      sqlite3_stmt *stmt = store_prepare (self, "SELECT count(*) FROM event WHERE id > ?1 AND deal_id > ?2 AND deal_id <= ?3",
                                          error);
      gint64 n;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, m->after[T_EVENT]);
      sqlite3_bind_int64 (stmt, 2, m->before[T_DEAL]);
      sqlite3_bind_int64 (stmt, 3, m->after[T_DEAL]);
      n = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
      sqlite3_reset (stmt);
      if (n < 0)
        return store_fail (self, error, sqlite3_errcode (self->db), "import undo");
      if (n > 0)
        {
          g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                               _("Some imported deals were changed after the import: it cannot be undone any more"));
          return FALSE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      sqlite3_stmt *stmt;
      gint64 n;

      if (m->after[links[i].points_to] == m->before[links[i].points_to])
        continue;
      stmt = store_prepare (self, links[i].sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, m->before[links[i].points_to]);
      sqlite3_bind_int64 (stmt, 2, m->after[links[i].points_to]);
      sqlite3_bind_int64 (stmt, 3, m->before[links[i].own]);
      sqlite3_bind_int64 (stmt, 4, m->after[links[i].own]);
      n = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
      sqlite3_reset (stmt);
      if (n < 0)
        return store_fail (self, error, sqlite3_errcode (self->db), "import undo");
      if (n > 0)
        {
          g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                               _("Clients, stages or pipelines made by the import are used by deals made since: "
                                 "the import cannot be undone any more"));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
delete_made (AffariStore *self, const StoreImportMarks *m, GError **error)
{
  for (guint i = 0; i < N_RANGED; i++)
    {
      g_autofree char *sql = NULL;

      if (m->after[i] == m->before[i])
        continue;
      sql = g_strdup_printf ("DELETE FROM %s WHERE rowid > ? AND rowid <= ?", ranged_tables[i]);
      if (!store_exec (self, error, sql, "xx", m->before[i], m->after[i]))
        return FALSE;
    }

  for (guint k = 0; k < N_KEYED; k++)
    {
      g_autoptr(GHashTable) now = read_keys (self, k, error);
      GHashTableIter iter;
      gpointer key;

      if (now == NULL)
        return FALSE;
      g_hash_table_iter_init (&iter, now);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          sqlite3_stmt *stmt;
          gint64 used;
          g_autofree char *sql = NULL;

          if (g_hash_table_contains (m->keys[k], key))
            continue;
          stmt = store_prepare (self, keyed_tables[k].used, error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
          used = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 1;
          sqlite3_reset (stmt);
          if (used > 0)
            continue;
          sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ?", keyed_tables[k].table, keyed_tables[k].key);
          if (!store_exec (self, error, sql, "s", (const char *) key))
            return FALSE;
        }
    }

  /* The kept totals fell back to zero; the rows the import added go (they name its stages). */
  {
    g_autoptr(GHashTable) zero = read_set (self, TOTAL_KEYS " WHERE count = 0", error);
    GHashTableIter iter;
    gpointer key;

    if (zero == NULL)
      return FALSE;
    g_hash_table_iter_init (&iter, zero);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      if (!g_hash_table_contains (m->totals, key)
          && !store_exec (self, error, "DELETE FROM stage_total WHERE count = 0"
                          " AND pipeline_id || ' ' || stage_id || ' ' || currency = ?", "s", (const char *) key))
        return FALSE;
  }
  return TRUE;
}

gboolean
store_import_revert (AffariStore             *self,
                     const StoreImportMarks  *marks,
                     gboolean                 forward,
                     GError                 **error)
{
  gboolean ok;

  if (forward)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                           _("An undone import cannot be redone: import the file again"));
      return FALSE;
    }
  if (!affari_store_begin_batch (self, error))
    return FALSE;
  ok = check_undoable (self, marks, error) && delete_made (self, marks, error);
  return affari_store_end_batch (self, ok, error) && ok;
}
