/* affari-store-import-csv.c — clients found by name for the Bitrix24 CSV import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include "affari-store-private.h"
#include "affari-store-import-csv.h"

static gint64
find_one (AffariStore *self, const char *sql, const char *name)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  if (name == NULL)
    return 0;
  stmt = store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return 0;
  store_bind_text (stmt, 1, name);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

gint64
affari_store_import_find_company_by_name (AffariStore *self, const char *name)
{
  return find_one (self, "SELECT id FROM company WHERE trim(name) = trim(?) ORDER BY id LIMIT 1", name);
}

gint64
affari_store_import_find_contact_by_name (AffariStore *self, const char *full_name)
{
  return find_one (self,
                   "SELECT id FROM contact WHERE trim(trim(first_name) || ' ' || trim(last_name)) = trim(?)"
                   " ORDER BY id LIMIT 1", full_name);
}
