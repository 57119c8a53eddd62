/* affari-import-json.h — re-imports Affari's own JSON export (affari-export-json.h) into an
 * empty database
 *
 * The file's rows go back with their ids, every table the export writes, so nothing is lost and
 * every reference stays right; the defaults of the new database (pipelines, stages, currencies,
 * settings) are replaced by the file's. A database that already holds deals or clients is
 * refused (that is what "Ripristina backup" is for). Table and column names are checked against
 * the schema; a file that is not an Affari export, comes from a newer Affari, is truncated or has
 * a row that breaks a rule writes nothing. A file of an older Affari goes in, and gets what its
 * version lacked (the lead pipeline) as an update would. The file is streamed row by row: memory
 * does not grow with the number of deals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "affari-import-report.h"

G_BEGIN_DECLS

/* Imports @path in one transaction (affari_import_run_build). @dry_run: everything is checked
 * and counted, then rolled back. NULL with @error (an Italian sentence) when nothing was
 * imported: then the database is as it was. */
AffariImportReport *affari_import_json (AffariStore *store, AffariDealOps *ops, const char *path,
                                        gboolean dry_run, GCancellable *cancellable,
                                        AffariImportProgress progress, gpointer progress_data, GError **error);

G_END_DECLS
