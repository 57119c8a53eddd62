/* affari-store-import-csv.h — the reads of the Bitrix24 CSV import: clients found by their name
 *
 * A CSV export names companies and contacts instead of giving their ids.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "affari-store.h"

G_BEGIN_DECLS

/* The company named exactly @name (spaces around it ignored), 0 when none. */
gint64 affari_store_import_find_company_by_name (AffariStore *self, const char *name);
/* The contact whose "first last" is exactly @full_name, 0 when none. */
gint64 affari_store_import_find_contact_by_name (AffariStore *self, const char *full_name);

G_END_DECLS
