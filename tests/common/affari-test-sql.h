/* affari-test-sql.h — one value read straight from a test's database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The first column of the first row of @sql, with @param bound to its parameter when it has one:
 * an integer (-1 when there is no row), or text (NULL for no row or NULL; free it). */
gint64 affari_test_sql_int  (sqlite3 *db, const char *sql, gint64 param);
char  *affari_test_sql_text (sqlite3 *db, const char *sql, gint64 param);

G_END_DECLS
