/* affari-generator.h — the sales generator: segment counts, the preview, runs and schedules
 *
 * A run makes one deal for each client of a segment (model/affari-segment.h says what a client
 * is) in the first stage of the chosen pipeline, source RC_GENERATOR, skipping the clients with
 * a deal in progress unless "Crea comunque" (settings->always) and those the generator already
 * served today. The clients are read again inside the run's transaction, with the write lock
 * held (affari_deal_ops_create_many ()): what the preview showed is what is made, once, even
 * with two processes at once. A person's run is one step of the undo history.
 *
 * Saved generators run on their schedule: at start-up and while the app is open
 * (affari_generator_run_due ()), and from `affari-cli generator due`.
 *
 * The windows hand these the store they got from affari_workspace_get_store ().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "model/affari-segment.h"
#include "ops/affari-deal-ops.h"

G_BEGIN_DECLS

/* Every segment the generator offers: the system ones with their default parameters, then the
 * saved custom ones (AffariSegmentSpec). */
GArray          *affari_generator_list_segments (AffariStore *store, GError **error);
/* The live count of @spec (a custom one needs its query: as listed above). */
gboolean         affari_generator_count         (AffariStore *store, const AffariSegmentSpec *spec,
                                                 guint *out_count, GError **error);
/* The same counts and preview in a thread, on a read-only connection of its own (the window
 * stays responsive on 100,000 deals): @specs are copied; the counts come back as a GArray of
 * guint (G_MAXUINT for a segment that needs a product and has none). @source is the task's
 * source object (the window). A database in memory is read in the caller's thread. */
void             affari_generator_count_all_async  (gpointer source, AffariStore *store, GArray *specs,
                                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                                    gpointer data);
GArray          *affari_generator_count_all_finish (GAsyncResult *result, GError **error);
void             affari_generator_preview_async    (gpointer source, AffariStore *store, const AffariSegmentSpec *spec,
                                                    const AffariGeneratorSettings *settings,
                                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                                    gpointer data);
GPtrArray       *affari_generator_preview_finish   (GAsyncResult *result, GError **error);
/* Fills the name and query of a custom segment given by its code. */
gboolean         affari_generator_load_segment  (AffariStore *store, AffariSegmentSpec *spec, GError **error);

/* Who would get a deal and who is skipped, and why (AffariGeneratorItem, by client name);
 * @rr_offset: where the round robin starts. */
GPtrArray       *affari_generator_preview       (AffariStore *store, const AffariSegmentSpec *spec,
                                                 const AffariGeneratorSettings *settings, guint rr_offset,
                                                 GError **error);
/* Makes the deals: one transaction; with @undoable one step of @ops's undo history (its "done"
 * shows the toast). @n_created, @n_skipped nullable. Nothing to make writes nothing (returns an
 * empty change set). */
AffariChangeSet *affari_generator_run           (AffariDealOps *ops, AffariStore *store, const AffariSegmentSpec *spec,
                                                 const AffariGeneratorSettings *settings, gboolean undoable,
                                                 guint *n_created, guint *n_skipped, GError **error);

/* ---- custom segments ---- */
/* Saves the criteria of a list filter as a segment; returns its id, 0 on error. */
gint64           affari_generator_save_segment  (AffariStore *store, const char *name, const AffariDealQuery *query,
                                                 GError **error);
gboolean         affari_generator_delete_segment (AffariStore *store, gint64 id, GError **error);

/* ---- schedules ---- */
/* Saves a generator that runs on @schedule from @start (the first run day on or after it);
 * returns its id, 0 on error. */
gint64           affari_generator_save          (AffariStore *store, const char *name, const AffariSegmentSpec *spec,
                                                 const AffariGeneratorSettings *settings, const AffariSchedule *schedule,
                                                 const GDate *start, GError **error);
gboolean         affari_generator_delete        (AffariStore *store, gint64 id, GError **error);
/* The saved generators (AffariSavedGenerator), by next run. */
GArray          *affari_generator_list_saved    (AffariStore *store, GError **error);
/* Runs every saved generator due today (the store's "now"), each in its own transaction, not on
 * the undo history; a missed day is not made up: the next run is computed from today.
 * @n_runs, @n_created nullable. */
gboolean         affari_generator_run_due       (AffariDealOps *ops, AffariStore *store, guint *n_runs,
                                                 guint *n_created, GError **error);

G_END_DECLS
