/* affari-test-sql.c — one value read straight from a test's database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "affari-test-sql.h"

static sqlite3_stmt *
prepare_and_step (sqlite3    *db,
                  const char *sql,
                  gint64      param,
                  gboolean   *row)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, param);
  *row = sqlite3_step (stmt) == SQLITE_ROW;
  return stmt;
}

gint64
affari_test_sql_int (sqlite3    *db,
                     const char *sql,
                     gint64      param)
{
  gboolean row;
  sqlite3_stmt *stmt = prepare_and_step (db, sql, param, &row);
  gint64 value = row ? sqlite3_column_int64 (stmt, 0) : -1;

  sqlite3_finalize (stmt);
  return value;
}

char *
affari_test_sql_text (sqlite3    *db,
                      const char *sql,
                      gint64      param)
{
  gboolean row;
  sqlite3_stmt *stmt = prepare_and_step (db, sql, param, &row);
  char *value = row && sqlite3_column_type (stmt, 0) != SQLITE_NULL
                ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;

  sqlite3_finalize (stmt);
  return value;
}
