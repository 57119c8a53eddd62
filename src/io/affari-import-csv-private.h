/* affari-import-csv-private.h — what the CSV imports (any CSV, Bitrix24's deal CSV) share: days and
 * currencies written by people, the pipelines and stages a file names (made when missing)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "affari-import-csv.h"
#include "affari-import-report.h"

G_BEGIN_DECLS

/* The text of the cell, NULL when @column is -1 (not in the file) or the cell is empty. */
const char *affari_import_cell            (const AffariCsvTable *table, guint row, int column);
/* "27/11/2026", "27.11.2026" or "2026-11-27", with or without a time after: "YYYY-MM-DD", NULL
 * when it is no day of the calendar. */
char       *affari_import_parse_day       (const char *text);
/* The code of a currency written as its code ("EUR") or its name ("Euro", "US Dollar"), NULL when
 * it is neither. */
const char *affari_import_currency_code   (const char *text);

/* The pipelines of deals and their stages by name, the keys of companies and contacts, loaded once
 * for an import (inside its transaction); what is missing is made and counted in @report. */
typedef struct _AffariImportPlaces AffariImportPlaces;

AffariImportPlaces *affari_import_places_new      (AffariStore *store, AffariImportReport *report, GError **error);
void                affari_import_places_free     (AffariImportPlaces *places);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariImportPlaces, affari_import_places_free)
/* The pipeline named @name (case-insensitive; NULL: the default one; "General" / "Generale": the
 * default when none has that name). A missing one is made with the default stages and *created
 * set. 0 with @error when that failed. */
gint64              affari_import_places_pipeline (AffariImportPlaces *places, const char *name,
                                                   gboolean *created, GError **error);
/* The stage of @pipeline_id named @name (case-insensitive); a missing one is made in progress,
 * just before the won one, and *created set. 0 with @error when that failed. */
gint64              affari_import_places_stage    (AffariImportPlaces *places, gint64 pipeline_id,
                                                   const char *name, gboolean *created, GError **error);

/* The company matching @email, else @phone, else @vat, else @name (store/affari-store-import-match.h),
 * made from them when none matches and @name is given; counted once in the report as found or
 * made. *company_id is 0 when there is nothing to match and no name. FALSE with @error when the
 * write failed. */
gboolean            affari_import_places_company  (AffariImportPlaces *places, const char *email,
                                                   const char *phone, const char *vat, const char *name,
                                                   gint64 *company_id, GError **error);
/* The same for a contact ("First Last" in @full_name), made as a person of @company_id. */
gboolean            affari_import_places_contact  (AffariImportPlaces *places, const char *email,
                                                   const char *phone, const char *full_name, gint64 company_id,
                                                   gint64 *contact_id, GError **error);

G_END_DECLS
