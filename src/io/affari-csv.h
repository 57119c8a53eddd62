/* affari-csv.h — CSV export of deals (RFC 4180, UTF-8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/affari-store.h"

G_BEGIN_DECLS

/* @cell as a CSV field: quoted when needed, and prefixed with ' when it starts with = + - @ or a
 * tab or carriage return, so that a spreadsheet never runs it as a formula. */
char     *affari_csv_escape_cell   (const char *cell);
/* Writes the deals with @ids (in that order) to @path: a header row in the interface's language,
 * then one row per deal; amounts in machine form ("1234.50"), dates as "YYYY-MM-DD". */
gboolean  affari_csv_export_deals  (AffariStore  *store,
                                    const gint64 *ids,
                                    guint         n_ids,
                                    const char   *path,
                                    GError      **error);

G_END_DECLS
