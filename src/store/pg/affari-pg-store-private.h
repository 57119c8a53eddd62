/* affari-pg-store-private.h — what the team server store's own files share (src/store/pg only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpq-fe.h>

#include "affari-pg-store.h"

G_BEGIN_DECLS

struct _AffariPgStore
{
  PGconn *conn;
};

/* Runs @sql with @n text parameters; NULL (the error set, in Italian) unless it returned rows or
 * completed. */
PGresult   *pg_store_exec       (AffariPgStore *self, const char *sql, int n, const char * const *values,
                                 GError **error);
/* NULL for a NULL value. */
const char *pg_store_value_text  (PGresult *res, int row, int col);
/* 0 for NULL. */
gint64      pg_store_value_int64 (PGresult *res, int row, int col);
/* The server's error of @conn as an AFFARI_ERROR sentence. */
void        pg_store_set_error   (PGconn *conn, GError **error);

G_END_DECLS
