/* affari-pg-import.h — moving a local database to the team server (#21, `server import-local`)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* libpq's connection, as libpq-fe.h declares it (its users need not include libpq). */
typedef struct pg_conn PGconn;

#include "store/affari-store.h"
#include "store/affari-store-export.h"

G_BEGIN_DECLS

/* Called when a table starts (@done 0), every few thousand rows and when it ends (@done ==
 * @total), with the table's name. */
typedef void (*AffariPgImportProgress) (const char *table,
                                        gint64      done,
                                        gint64      total,
                                        gpointer    user_data);

typedef struct {
  gint64 rows[AFFARI_EXPORT_N_TABLES];   /* rows copied, per table (affari_export_table_name) */
  gint64 total_rows;
  double seconds;                        /* from the first read to the commit */
} AffariPgImportReport;

/* Copies every table of @local (opened read-write or read-only) to the server of @conn, with
 * the same ids, in one transaction: on any error nothing is left on the server. Refused when the
 * server's schema is not the one `server init` makes or the server already holds data. Every
 * copied table's row count is checked on the server before the commit; the stage totals are
 * rebuilt there and the id sequences set past the highest ids. @report may be NULL. */
gboolean affari_pg_import_local (PGconn                 *conn,
                                 AffariStore            *local,
                                 AffariPgImportProgress  progress,
                                 gpointer                user_data,
                                 AffariPgImportReport   *report,
                                 GError                **error);

G_END_DECLS
