/* affari-change-set.h — what one committed user change did to deals, before and after
 *
 * Every write of the store ends in one change set, emitted with the store's "changed" signal
 * after the commit: the models and views update from it (never from a guess of their own). A
 * change made through the deal operations layer (src/ops) also carries what the store needs to
 * put every deal back exactly (undo) or forward again (redo): opaque data of the backend.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "affari-deal.h"

G_BEGIN_DECLS

/* Where a deal landed among the live deals of its new stage: a position (0 = the top), or: */
#define AFFARI_CHANGE_INDEX_UNKNOWN (-1)   /* not known: a view reads its stage again */
#define AFFARI_CHANGE_INDEX_END     (-2)   /* at the bottom of the stage */

typedef struct {
  gint64      deal_id;
  gint64      old_stage_id;   /* 0: the deal was not live (new, in the trash) */
  gint64      new_stage_id;   /* 0: not live any more (trashed, deleted) */
  int         index;          /* see AFFARI_CHANGE_INDEX_* */
  AffariDeal *after;          /* the deal as it is now (NULL when not live) */
} AffariDealChange;

#define AFFARI_TYPE_CHANGE_SET (affari_change_set_get_type ())
G_DECLARE_FINAL_TYPE (AffariChangeSet, affari_change_set, AFFARI, CHANGE_SET, GObject)

AffariChangeSet        *affari_change_set_new           (void);
/* What the change was, as a toast says it ("Affare spostato in In corso"); NULL when unnamed. */
const char             *affari_change_set_get_label     (AffariChangeSet *self);
void                    affari_change_set_set_label     (AffariChangeSet *self, const char *label);
guint                   affari_change_set_get_n_deals   (AffariChangeSet *self);
const AffariDealChange *affari_change_set_get_deal      (AffariChangeSet *self, guint i);
/* The change of @deal_id, or NULL when the set does not touch it. */
const AffariDealChange *affari_change_set_find          (AffariChangeSet *self, gint64 deal_id);
/* Whether the set touches a deal that was or is in @stage_id. */
gboolean                affari_change_set_touches_stage (AffariChangeSet *self, gint64 stage_id);
/* Adds (or merges into the deal's earlier change: the first old stage, the last new one). */
void                    affari_change_set_add_deal      (AffariChangeSet *self, gint64 deal_id,
                                                         gint64 old_stage_id, gint64 new_stage_id, int index);
void                    affari_change_set_set_after     (AffariChangeSet *self, gint64 deal_id, AffariDeal *after);
/* The first deal of the set (0 when empty): where a view scrolls and puts the focus. */
gint64                  affari_change_set_get_first_deal_id (AffariChangeSet *self);

/* Undo data: opaque to everything but the backend that wrote it (the store). */
gpointer                affari_change_set_get_undo_data (AffariChangeSet *self);
void                    affari_change_set_set_undo_data (AffariChangeSet *self, gpointer data, GDestroyNotify destroy);
/* Who made the change when another window or program did (a team member's id; -1 when not
 * known), 0 when it was made here. A view says so ("Modificato da Sara Galli"). */
gint64                  affari_change_set_get_author    (AffariChangeSet *self);
void                    affari_change_set_set_author    (AffariChangeSet *self, gint64 author);
/* TRUE for the change set of an undo or a redo (it is not put on the history again). */
gboolean                affari_change_set_get_is_revert (AffariChangeSet *self);
void                    affari_change_set_set_is_revert (AffariChangeSet *self, gboolean is_revert);

G_END_DECLS
