/* affari-export-b24csv.h — the deals as Bitrix24's deal list exports them (CSV)
 *
 * Bitrix24's shape (crm.deal.list csv.php): UTF-8 with a BOM, every value in double quotes
 * (inner quotes doubled), a ';' after every field including the last, '\n' line ends; the
 * column titles Bitrix24 writes in English, or their Italian equivalents in an Italian session;
 * pipeline, stage, currency, company, contact, responsible, type and source by name; the amount
 * as "12500.00"; days as "YYYY-MM-DD". A deal with product rows takes one line per row, its
 * fields repeated, with Product, Price and Quantity and the amount of that row. Cells that a
 * spreadsheet would run as a formula start with ' (as the list's CSV export). Leads, templates
 * of regular deals and trashed deals are not written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "affari-export-json.h"

G_BEGIN_DECLS

/* Writes the deals of @store to @path; the file appears whole or not at all. @progress
 * (nullable) is told the deals written so far. */
gboolean affari_export_b24csv (AffariStore              *store,
                               const char               *path,
                               AffariExportProgressFunc  progress,
                               gpointer                  user_data,
                               GCancellable             *cancellable,
                               GError                  **error);

G_END_DECLS
