/* affari-test-db.h — a database file of a test's own: the store on it, its deal operations and a
 * second connection that reads the file as it is (what is committed, not what the store believes)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"

G_BEGIN_DECLS

typedef struct {
  char *dir;
  char *path;
  AffariStore *store;
  AffariDealOps *ops;
  sqlite3 *db;
} AffariTestDb;

/* A new database in a temporary folder named after @name, its clock at 2026-11-18. */
void affari_test_db_open  (AffariTestDb *self, const char *name);
/* Closes everything (the store and the operations must be finalized: nothing kept them) and
 * removes the folder. */
void affari_test_db_close (AffariTestDb *self);

/* Another window on the database at @path: a store of its own, whose writes are made by a new
 * team member named @name (@member: its id), with its own operations. */
AffariStore *affari_test_open_other (const char *path, const char *name, gint64 *member, AffariDealOps **ops);

G_END_DECLS
