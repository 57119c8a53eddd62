/* affari-store-import-json.h — the store writes of re-importing Affari's own JSON export
 *
 * The file's rows go back into an empty database with their ids, so every reference stays right.
 * Table and column names come from the file: each is checked against the tables the export
 * writes and the columns the schema has (PRAGMA table_info), and only the schema's own names go
 * into the SQL; every value is a bound parameter. Call all of these inside one transaction
 * (affari_deal_ops_create_many): foreign keys are checked when the rows are all in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "affari-store.h"
#include "affari-store-export.h"

G_BEGIN_DECLS

typedef struct _AffariStoreRestore AffariStoreRestore;

/* FALSE with an Italian message in @error when @self already holds deals, clients or products
 * (anything beyond the defaults of a new database). */
gboolean            affari_store_restore_check_empty (AffariStore *self, GError **error);
/* Removes the defaults of a new database (pipelines, stages, currencies, settings…) that the
 * file replaces, and defers the foreign key checks to the end: NULL with @error. */
AffariStoreRestore *affari_store_restore_begin (AffariStore *self, GError **error);
/* Whether @table is one the export writes (and so one a file may fill). */
gboolean            affari_store_restore_knows_table (const char *table);
/* Inserts one row of @table: @n_columns values named by @names. Unknown columns fail with an
 * Italian message. */
gboolean            affari_store_restore_row (AffariStoreRestore *restore, const char *table, guint n_columns,
                                              const char * const *names, const AffariExportValue *values,
                                              GError **error);
/* Checks that every reference points to a row, announces the deals, pipelines and settings to
 * the views after the commit and frees @restore; FALSE with @error when a reference points
 * nowhere. */
gboolean            affari_store_restore_end (AffariStoreRestore *restore, GError **error);
/* Frees @restore without checking (the import failed). */
void                affari_store_restore_free (AffariStoreRestore *restore);
/* Reads again what the store keeps of the database (the current user, the default pipeline),
 * after an import committed or rolled back. */
void                affari_store_restore_reload (AffariStore *self);

G_END_DECLS
