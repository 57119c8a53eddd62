/* affari-import-task.h — running an import off the main thread, for the window
 *
 * The import runs in a worker thread on a connection of its own to the same database file, so
 * the window keeps drawing (a progress bar, an Annulla button that cancels). It is still one
 * transaction: a cancel or an error leaves the database as it was. When it is done, on the
 * caller's thread: the window's store announces a "reset" (every view reloads) and the import
 * goes onto @ops' undo history as one step ("Annulla importazione" removes exactly what it made:
 * deals, their rows and history, and the companies, contacts, stages and pipelines it created).
 * An in-memory store has no file to share: its import runs on the caller's thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "affari-import-report.h"

G_BEGIN_DECLS

/* An import: affari_import_b24 (), affari_import_b24csv (), affari_import_csv ()… bound to their
 * own arguments by a small wrapper. It runs in the worker thread with the worker's store and ops. */
typedef AffariImportReport *(*AffariImportFunc) (AffariStore *store, AffariDealOps *ops, gpointer data,
                                                gboolean dry_run, GCancellable *cancellable,
                                                AffariImportProgress progress, gpointer progress_data,
                                                GError **error);

/* Runs @func (@data, freed with @data_free on the caller's thread at the end). @progress is called
 * on the caller's thread, at most every 50 ms. */
void                affari_import_task_run_async  (AffariDealOps *ops, AffariImportFunc func, gpointer data,
                                                   GDestroyNotify data_free, gboolean dry_run,
                                                   GCancellable *cancellable, AffariImportProgress progress,
                                                   gpointer progress_data, GAsyncReadyCallback callback,
                                                   gpointer user_data);
/* The report, or NULL with @error (G_IO_ERROR_CANCELLED after a cancel). */
AffariImportReport *affari_import_task_run_finish (GAsyncResult *result, GError **error);

G_END_DECLS
