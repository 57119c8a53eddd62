/* affari-store-check.c — the integrity check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "affari-store.h"
#include "affari-schema.h"
#include "affari-store-private.h"
#include "model/affari-deal-private.h"
#include "model/affari-money.h"

/* -------------------------------------------------------------------- check */

/* Each invariant: a query returning one row per violation (a readable detail), and what it means. */
static const struct {
  const char *sql;
  const char *problem;
} invariants[] = {
  { "SELECT p.name FROM pipeline p WHERE (SELECT count(*) FROM stage s WHERE s.pipeline_id = p.id AND s.semantics = 'S') <> 1",
    N_("Pipeline “%s” must have exactly one won stage") },
  { "SELECT p.name FROM pipeline p WHERE NOT EXISTS (SELECT 1 FROM stage s WHERE s.pipeline_id = p.id AND s.semantics = 'F')",
    N_("Pipeline “%s” has no lost stage") },
  { "SELECT p.name FROM pipeline p WHERE NOT EXISTS (SELECT 1 FROM stage s WHERE s.pipeline_id = p.id AND s.semantics = 'P')",
    N_("Pipeline “%s” has no in-progress stage") },
  { "SELECT p.name FROM pipeline p WHERE"
    " (SELECT max(sort) FROM stage WHERE pipeline_id = p.id AND semantics = 'P') >"
    " (SELECT min(sort) FROM stage WHERE pipeline_id = p.id AND semantics = 'S')"
    " OR (SELECT max(sort) FROM stage WHERE pipeline_id = p.id AND semantics = 'S') >"
    " (SELECT min(sort) FROM stage WHERE pipeline_id = p.id AND semantics = 'F')",
    N_("The stages of pipeline “%s” are out of order (in progress, then won, then lost)") },
  { "SELECT 'x' WHERE (SELECT count(*) FROM pipeline WHERE is_default = 1) <> 1",
    N_("There must be exactly one default pipeline (%s)") },
  { "SELECT d.id FROM deal d JOIN stage s ON s.id = d.stage_id WHERE s.pipeline_id <> d.pipeline_id",
    N_("Deal %s is in a stage of another pipeline") },
  { "SELECT d.id FROM deal d JOIN stage s ON s.id = d.stage_id WHERE s.semantics <> d.semantics",
    N_("Deal %s has the wrong stage semantics") },
  { "SELECT d.id FROM deal d WHERE d.closed <> (d.semantics <> 'P')",
    N_("Deal %s is closed in an open stage, or open in a closed one") },
  { "SELECT d.id FROM deal d WHERE d.closed <> (d.closed_at IS NOT NULL)",
    N_("Deal %s is closed without a closing date, or open with one") },
  { "SELECT d.id FROM deal d WHERE d.is_manual_amount = 0"
    " AND EXISTS (SELECT 1 FROM deal_product WHERE deal_id = d.id)"
    " AND d.amount <> (SELECT sum(row_total) FROM deal_product WHERE deal_id = d.id)",
    N_("The amount of deal %s differs from its product rows") },
  { "SELECT DISTINCT t.stage_id FROM stage_total t"
    " LEFT JOIN (SELECT pipeline_id, stage_id, currency, count(*) AS n, sum(amount) AS total FROM deal"
    "            WHERE deleted_at IS NULL AND is_recurring = 0 GROUP BY pipeline_id, stage_id, currency) d"
    " USING (pipeline_id, stage_id, currency)"
    " WHERE t.count <> coalesce(d.n, 0) OR t.sum <> coalesce(d.total, 0)"
    " UNION SELECT stage_id FROM (SELECT pipeline_id, stage_id, currency FROM deal"
    "   WHERE deleted_at IS NULL AND is_recurring = 0 GROUP BY pipeline_id, stage_id, currency"
    "   EXCEPT SELECT pipeline_id, stage_id, currency FROM stage_total)",
    N_("The kept count and total of stage %s differ from its deals") },
  { "SELECT deal_id FROM deal_contact GROUP BY deal_id HAVING sum(is_primary) > 1",
    N_("Deal %s has more than one primary contact") },
  { "SELECT d.id FROM deal d WHERE NOT EXISTS (SELECT 1 FROM event e WHERE e.deal_id = d.id AND e.kind = 'created')",
    N_("Deal %s has no creation event in its history") },
  { "SELECT value FROM setting WHERE key = 'current_user_id'"
    " AND NOT EXISTS (SELECT 1 FROM team_member WHERE id = CAST(value AS INTEGER))",
    N_("The current user %s is not in the team") },
};

/* The schema the program expects: what its migrations make of an empty database, read from
 * one made in memory (so that a new migration needs no second list here). */
static GHashTable *
expected_schema (GError **error)
{
  g_autoptr(AffariStore) model = affari_store_open (NULL, error);
  GHashTable *objects;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (model == NULL)
    return NULL;
  objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  rc = sqlite3_prepare_v2 (model->db,
                           "SELECT m.type, m.name, NULL FROM sqlite_master m WHERE m.name NOT LIKE 'sqlite_%'"
                           " UNION ALL SELECT 'column', m.name, c.name FROM sqlite_master m, pragma_table_info (m.name) c"
                           " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *column = (const char *) sqlite3_column_text (stmt, 2);

      g_hash_table_insert (objects,
                           g_strdup_printf ("%s\x1f%s\x1f%s", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                                            column != NULL ? column : ""),
                           g_strdup (column));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return objects;
}

/* Each table, index, trigger and column the program expects, missing from the file. */
static gboolean
check_schema (AffariStore *self, GPtrArray *found, GError **error)
{
  g_autoptr(GHashTable) expected = expected_schema (error);
  g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GList) keys = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (expected == NULL)
    return FALSE;
  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT m.type, m.name, NULL FROM sqlite_master m WHERE m.name NOT LIKE 'sqlite_%'"
                           " UNION ALL SELECT 'column', m.name, c.name FROM sqlite_master m, pragma_table_info (m.name) c"
                           " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *column = (const char *) sqlite3_column_text (stmt, 2);

      g_hash_table_add (present, g_strdup_printf ("%s\x1f%s\x1f%s", sqlite3_column_text (stmt, 0),
                                                  sqlite3_column_text (stmt, 1), column != NULL ? column : ""));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    return store_fail (self, error, rc, "schema");

  keys = g_list_sort (g_hash_table_get_keys (expected), (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      g_auto(GStrv) parts = NULL;

      if (g_hash_table_contains (present, l->data))
        continue;
      parts = g_strsplit (l->data, "\x1f", 3);
      if (g_str_equal (parts[0], "table"))
        g_ptr_array_add (found, g_strdup_printf (_("The table “%s” is missing"), parts[1]));
      else if (g_str_equal (parts[0], "index"))
        g_ptr_array_add (found, g_strdup_printf (_("The index “%s” is missing"), parts[1]));
      else if (g_str_equal (parts[0], "trigger"))
        g_ptr_array_add (found, g_strdup_printf (_("The trigger “%s” is missing"), parts[1]));
      else if (g_str_equal (parts[0], "view"))
        g_ptr_array_add (found, g_strdup_printf (_("The view “%s” is missing"), parts[1]));
      else if (g_str_equal (parts[0], "column"))
        {
          g_autofree char *table = g_strdup_printf ("table\x1f%s\x1f", parts[1]);

          /* A missing table is said once, not once a column. */
          if (g_hash_table_contains (present, table))
            g_ptr_array_add (found, g_strdup_printf (_("The table “%s” lacks the column “%s”"), parts[1], parts[2]));
        }
    }
  return TRUE;
}

/* Runs SQLite's integrity_check or quick_check (@sql), adding each line that is not "ok" to
 * @found; returns SQLite's last result code. */
static int
integrity_lines (AffariStore *self, const char *sql, GPtrArray *found)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (found, g_strdup_printf (_("Integrity: %s"), line));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc;
}

gboolean
affari_store_check (AffariStore *self, GPtrArray **problems, GError **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!check_schema (self, found, error))
    return FALSE;

  rc = integrity_lines (self, "PRAGMA integrity_check(100)", found);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    return store_fail (self, error, rc, "integrity_check");

  stmt = NULL;
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (found, g_strdup_printf (_("Row %lld of table %s points to a missing row of %s"),
                                               (long long) sqlite3_column_int64 (stmt, 1),
                                               sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 2)));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    return store_fail (self, error, rc, "foreign_key_check");

  for (guint i = 0; i < G_N_ELEMENTS (invariants); i++)
    {
      guint n = 0;
      stmt = NULL;
      rc = sqlite3_prepare_v2 (self->db, invariants[i].sql, -1, &stmt, NULL);
      while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          if (n++ < 20)
            {
            g_ptr_array_add (found, g_strdup_printf (_(invariants[i].problem), sqlite3_column_text (stmt, 0)));
            }
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      /* An invariant that cannot even be asked (a table is gone) is a problem the schema check
       * above has named already. */
      if (rc != SQLITE_DONE && rc != SQLITE_OK && found->len == 0)
        return store_fail (self, error, rc, "check");
    }

  if (problems)
    *problems = g_ptr_array_ref (found);
  return found->len == 0;
}

gboolean
affari_store_quick_check (const char  *path,
                          GPtrArray  **problems,
                          GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AffariStore) store = affari_store_open_read_only (path, error);
  int rc;

  if (store == NULL)
    return FALSE;
  if (!check_schema (store, found, error))
    return FALSE;
  rc = integrity_lines (store, "PRAGMA quick_check(20)", found);
  affari_store_close (store);
  /* A page too damaged even to be walked is a problem, not a failure to check. */
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      if ((rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB)
        return store_set_sqlite_error (error, NULL, rc, "quick_check");
      g_ptr_array_add (found, g_strdup (_("The database file is damaged")));
    }
  if (problems != NULL)
    *problems = g_ptr_array_ref (found);
  return found->len == 0;
}
