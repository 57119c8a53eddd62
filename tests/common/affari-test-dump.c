/* affari-test-dump.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>

#include "affari-test-dump.h"

static void
append_rows (GString *out, sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);

          /* A deal's row version counts writes, not what they wrote: an undo brings the
           * fields back and makes a new version. */
          if (g_str_equal (sqlite3_column_name (stmt, c), "version"))
            continue;

          g_string_append_printf (out, "%s|", text != NULL ? text : "∅");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
}

char *
affari_test_dump_tables (const char *path)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* The search index is made from the other tables (and its queue empties on its own time); the
   * change log is what each connection told the others, not data. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                       " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'deal_search%' AND name <> 'change_log'"
                                       " ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  for (guint t = 0; t < tables->len; t++)
    {
      g_autoptr(GString) order = g_string_new ("1");
      g_autofree char *count_sql = g_strdup_printf ("SELECT * FROM \"%s\" LIMIT 0", (char *) tables->pdata[t]);
      g_autofree char *sql = NULL;
      int n_cols;

      g_assert_cmpint (sqlite3_prepare_v2 (db, count_sql, -1, &stmt, NULL), ==, SQLITE_OK);
      n_cols = sqlite3_column_count (stmt);
      sqlite3_finalize (stmt);
      for (int c = 2; c <= n_cols; c++)
        g_string_append_printf (order, ", %d", c);
      sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY %s", (char *) tables->pdata[t], order->str);
      g_string_append_printf (out, "[%s]\n", (char *) tables->pdata[t]);
      append_rows (out, db, sql);
    }
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

char *
affari_test_dump_deals (const char *path)
{
  static const char *queries[] = {
    "SELECT * FROM deal ORDER BY id",
    "SELECT * FROM activity ORDER BY id",
    "SELECT * FROM deal_product ORDER BY id",
    "SELECT * FROM deal_contact ORDER BY deal_id, contact_id",
    "SELECT * FROM deal_field_value ORDER BY deal_id, field_id",
    "SELECT * FROM stage_total ORDER BY 1, 2",
  };
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    append_rows (out, db, queries[q]);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}
