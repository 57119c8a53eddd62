/* affari-csv.h — CSV export of deals (RFC 4180, UTF-8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "model/affari-types.h"
#include "model/affari-error.h"
#include "model/affari-deal.h"
#include "model/affari-deal-query.h"
#include "model/affari-activity.h"
#include "model/affari-activity-period.h"
#include "model/affari-product-row.h"
#include "model/affari-change-set.h"

/* The store these work on (store/affari-store.h); the windows only pass it along. */
typedef struct _AffariStore AffariStore;

G_BEGIN_DECLS

/* @cell as a CSV field: quoted when needed, and prefixed with ' when it starts with = + - @ or a
 * tab or carriage return, so that a spreadsheet never runs it as a formula. */
char     *affari_csv_escape_cell   (const char *cell);
/* Writes the deals with @ids (in that order) to @path: a header row in the interface's language,
 * then one row per deal; amounts in machine form ("1234.50"), dates as "YYYY-MM-DD", then a
 * column per custom field with its value as the card shows it. The file appears whole or not at
 * all: it is written beside @path under another name and renamed when complete. */
gboolean  affari_csv_export_deals  (AffariStore  *store,
                                    const gint64 *ids,
                                    guint         n_ids,
                                    const char   *path,
                                    GError      **error);
/* The same off the calling thread: a database file is read through a connection of the worker's
 * own (an in-memory one is read first, then written by the worker). @callback runs on the
 * calling thread's main context. */
void      affari_csv_export_deals_async  (AffariStore         *store,
                                          const gint64        *ids,
                                          guint                n_ids,
                                          const char          *path,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* The number of deals written, or 0 with @error set. */
guint     affari_csv_export_deals_finish (GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
