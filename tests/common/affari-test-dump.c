/* affari-test-dump.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>

#include "affari-test-dump.h"

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
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, c);

              g_string_append_printf (out, "%s|", text != NULL ? text : "∅");
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}
