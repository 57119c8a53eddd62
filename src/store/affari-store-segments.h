/* affari-store-segments.h — the sales generator's reads and writes (affari-store-segments.c)
 *
 * Segments of clients (see model/affari-segment.h for what a client is), their counts and their
 * clients; custom segments saved from a list filter; saved generators and their schedules; the
 * pinned comment a generated deal gets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "affari-store.h"
#include "model/affari-segment.h"

G_BEGIN_DECLS

/* How many clients @spec selects today (the store's "now"). A custom segment needs its query
 * (affari_store_load_segment ()). */
gboolean     affari_store_segment_count       (AffariStore *self, const AffariSegmentSpec *spec, guint *out_count,
                                               GError **error);
/* The clients @spec selects today (AffariSegmentClient, by name), with what a run needs. */
GArray      *affari_store_segment_clients     (AffariStore *self, const AffariSegmentSpec *spec, GError **error);

/* ---- custom segments ---- */
/* Saves @query under @name (a new segment; the name must be free); returns its id, 0 on error. */
gint64       affari_store_save_segment        (AffariStore *self, const char *name, const AffariDealQuery *query,
                                               GError **error);
gboolean     affari_store_delete_segment      (AffariStore *self, gint64 id, GError **error);
/* The saved segments (AffariSegmentSpec with name and query), by name. */
GArray      *affari_store_list_segments       (AffariStore *self, GError **error);
/* Fills the name and query of @spec (a custom segment whose custom_id is set). */
gboolean     affari_store_load_segment        (AffariStore *self, AffariSegmentSpec *spec, GError **error);

/* ---- saved generators ---- */
/* Returns the new generator's id, 0 on error. */
gint64       affari_store_add_generator       (AffariStore *self, const char *name, const char *config,
                                               const char *next_run, GError **error);
gboolean     affari_store_delete_generator    (AffariStore *self, gint64 id, GError **error);
/* Every saved generator (AffariSavedGenerator) by next run; with @due_on ("YYYY-MM-DD"), only the
 * active ones due on or before that day. */
GArray      *affari_store_list_generators     (AffariStore *self, const char *due_on, GError **error);
/* Records a run made on @day: the next run (NULL: none, the generator stops), @n_created deals,
 * the round robin's next place. */
gboolean     affari_store_generator_ran       (AffariStore *self, gint64 id, const char *day, const char *next_run,
                                               guint n_created, guint rr_next, GError **error);

/* Adds @text to the deal's history as a comment listed before every other line. */
gboolean     affari_store_add_pinned_comment  (AffariStore *self, gint64 deal_id, const char *text, GError **error);

G_END_DECLS
