/* affari-import-b24csv.h — imports Bitrix24's deal list CSV export
 *
 * The file as Bitrix24 writes it: UTF-8 with or without BOM, every field quoted, ';' after every
 * field, newlines kept inside quoted comments, one line per product row with the deal's fields
 * repeated (merged into one deal). Headers in English or Italian, or raw field codes (TITLE,
 * STAGE_ID…). Pipeline, stage, currency, company and contact are names: a missing stage is made
 * (in progress, before the won one), missing companies and contacts are made. The Bitrix24 ID is
 * kept as origin, as the folder import does: importing the same file again adds nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "affari-import-b24.h"

G_BEGIN_DECLS

/* Imports @path in one transaction. Returns NULL with @error when the file cannot be read as a
 * deal export (a stray quote, a truncated quoted field, no known column): nothing is written. */
AffariImportReport *affari_import_b24csv (AffariStore *store, AffariDealOps *ops, const char *path,
                                       gboolean dry_run, GCancellable *cancellable,
                                       AffariImportProgress progress, gpointer progress_data, GError **error);

G_END_DECLS
