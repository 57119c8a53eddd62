/* affari-import-report.h — what every import shares (Bitrix24 folder, Bitrix24 CSV, any CSV, our
 * own JSON): the report of what it made, refused and left out, its progress, its one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"

G_BEGIN_DECLS

typedef enum {
  AFFARI_IMPORTED_PIPELINE,
  AFFARI_IMPORTED_STAGE,
  AFFARI_IMPORTED_COMPANY,
  AFFARI_IMPORTED_CONTACT,
  AFFARI_IMPORTED_DEAL,
  AFFARI_IMPORTED_PRODUCT_ROW,
  AFFARI_IMPORTED_COMMENT,
  AFFARI_IMPORTED_ACTIVITY,
  AFFARI_IMPORTED_N_KINDS
} AffariImportKind;

typedef struct {
  guint created[AFFARI_IMPORTED_N_KINDS];
  guint existing[AFFARI_IMPORTED_N_KINDS];   /* already there (imported before, or a client found
                                              * by e-mail, phone, VAT number or name): used as is */
  GPtrArray *refused;                        /* char*: one Italian sentence per refused item */
  GPtrArray *notes;                          /* char*: imported, but with something left out (an
                                              * id pointing nowhere) or made on the way (a stage) */
  gboolean dry_run;                          /* nothing was written */
} AffariImportReport;

void        affari_import_report_free (AffariImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariImportReport, affari_import_report_free)

/* The kind's name for people ("affari", "aziende"…) and for machines ("deals", "companies"…). */
const char *affari_import_kind_label (AffariImportKind kind);
const char *affari_import_kind_key   (AffariImportKind kind);

/* Called after each item with how many are done of @total; runs in the caller's thread. */
typedef void (*AffariImportProgress) (guint done, guint total, gpointer data);

/* What every import carries along: where it writes, what it reports, how it is followed and
 * stopped. */
typedef struct {
  AffariStore *store;
  AffariImportReport *report;
  gboolean dry_run;
  GCancellable *cancellable;
  AffariImportProgress progress;
  gpointer progress_data;
} AffariImportRun;

/* Fills @run, with a new report of its own (the caller owns it: @run->report). */
void                affari_import_run_init       (AffariImportRun *run, AffariStore *store, gboolean dry_run,
                                                  GCancellable *cancellable, AffariImportProgress progress,
                                                  gpointer progress_data);
/* Says that @done of @total items are through; FALSE with G_IO_ERROR_CANCELLED when the import
 * was cancelled meanwhile. */
gboolean            affari_import_run_step       (AffariImportRun *run, guint done, guint total, GError **error);

/* A report with empty lists. */
AffariImportReport *affari_import_report_new     (gboolean dry_run);
/* The currency codes the store knows (a set of char *), NULL with @error. */
GHashTable         *affari_import_currency_codes (AffariStore *store, GError **error);
/* The end of a build: a dry run asks for the rollback (an error affari_import_run_build does not
 * pass on). */
gboolean            affari_import_build_done     (gboolean dry_run, GError **error);
/* Runs @build in one transaction (affari_deal_ops_import) called @label ("Import from Bitrix24"):
 * one undo step that removes exactly what the import made. FALSE with @error when it failed or was
 * cancelled; a dry run's rollback is no failure. */
gboolean            affari_import_run_build      (AffariDealOps *ops, AffariDealOpsBuild build, gpointer data,
                                                  const char *label, gboolean dry_run, GError **error);

/* The stage of @pipeline_id whose code is @code (when not NULL) or named @name (case-insensitive);
 * when there is none it is made: in progress, after the last stage in progress (so before the won
 * one), with @code (one is made up when NULL) and @name, and counted in @report. *@created (nullable)
 * says whether it was made, for the caller's note. 0 with @error. */
gint64              affari_import_ensure_stage   (AffariStore *store, AffariImportReport *report, gint64 pipeline_id,
                                                  const char *code, const char *name, gboolean *created,
                                                  GError **error);

G_END_DECLS
