/* affari-import-dialog.h — "Importa": a CSV file or a folder of Bitrix24 JSON dumps into the
 * database, in three pages: the preview (what was detected, the first rows, which column holds
 * which field, what will be created), the progress with "Annulla", the summary with "Annulla
 * importazione"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "io/affari-import-report.h"
#include "ops/affari-deal-ops.h"
#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_IMPORT_DIALOG (affari_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AffariImportDialog, affari_import_dialog, AFFARI, IMPORT_DIALOG, AdwWindow)

/* Opens @path: a .csv file (any CSV, or Bitrix24's deal export) or a folder of Bitrix24 JSON
 * files. @ops is @parent's: the import is one step of its undo history, and "Annulla
 * importazione" activates @parent's "win.undo". Actions: import.start, import.cancel (during
 * the import), import.undo, import.close. */
GtkWidget                *affari_import_dialog_new         (GtkWindow       *parent,
                                                            AffariWorkspace *workspace,
                                                            AffariDealOps   *ops,
                                                            const char      *path);
/* The page shown: "loading", "error", "preview", "progress" or "summary". */
const char               *affari_import_dialog_get_page    (AffariImportDialog *self);
/* The dry run of the preview as the mapping stands, or the real import's report on the summary;
 * NULL while it is being counted (or when it failed). */
const AffariImportReport *affari_import_dialog_get_report  (AffariImportDialog *self);

G_END_DECLS
