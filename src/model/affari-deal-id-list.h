/* affari-deal-id-list.h — a GListModel of deals given by their ids, loaded lazily in pages
 *
 * For views whose order the store computes elsewhere (the columns of the Activities view):
 * holds the ids and loads deal objects a page at a time, on first access.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "affari-deal.h"

G_BEGIN_DECLS

typedef struct _AffariStore AffariStore;

#define AFFARI_TYPE_DEAL_ID_LIST (affari_deal_id_list_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealIdList, affari_deal_id_list, AFFARI, DEAL_ID_LIST, GObject)

AffariDealIdList *affari_deal_id_list_new          (AffariStore      *store);
/* Replaces the ids (gint64); emits items-changed only when they differ. */
void              affari_deal_id_list_set_ids      (AffariDealIdList *self,
                                                    const GArray     *ids);
gint64            affari_deal_id_list_get_id_at    (AffariDealIdList *self,
                                                    guint             position);
/* Position of @deal_id, or G_MAXUINT. */
guint             affari_deal_id_list_find         (AffariDealIdList *self,
                                                    gint64            deal_id);
/* Forgets the loaded object of @deal_id (it changed) and emits items-changed for its row. */
void              affari_deal_id_list_invalidate   (AffariDealIdList *self,
                                                    gint64            deal_id);
/* How many deal objects are loaded (for tests). */
guint             affari_deal_id_list_get_n_loaded (AffariDealIdList *self);

G_END_DECLS
