/* affari-deal-list.h — a GListModel of the deals matching a query, loaded lazily in pages
 *
 * Holds only the ids of the matching deals (8 bytes each) and a small cache of loaded pages,
 * so a model over a million deals does not create a million objects. Follows the store's change
 * signals and emits precise items-changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "affari-deal.h"
#include "affari-deal-query.h"

G_BEGIN_DECLS

typedef struct _AffariStore AffariStore;

#define AFFARI_TYPE_DEAL_LIST (affari_deal_list_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealList, affari_deal_list, AFFARI, DEAL_LIST, GObject)

/* Properties: "store" (construct-only), "query" (AffariDealQuery boxed), "n-items" (guint). */
AffariDealList        *affari_deal_list_new          (AffariStore *store, const AffariDealQuery *query);
/* Reads only the first @n ids at first (what a Kanban column shows in its first frame; positions
 * in that prefix are positions in the whole list), the others at affari_deal_list_read_all (),
 * or at the next change. Property "first-only" (construct-only). */
AffariDealList        *affari_deal_list_new_first    (AffariStore *store, const AffariDealQuery *query, guint n);
void                   affari_deal_list_read_all     (AffariDealList *self);
gboolean               affari_deal_list_is_partial   (AffariDealList *self);
AffariStore           *affari_deal_list_get_store    (AffariDealList *self);
const AffariDealQuery *affari_deal_list_get_query    (AffariDealList *self);
void                   affari_deal_list_set_query    (AffariDealList *self, const AffariDealQuery *query);
/* Re-reads the ids now (otherwise changes are picked up from the store's signals). */
void                   affari_deal_list_refresh      (AffariDealList *self);
/* Position of a deal in the list, or G_MAXUINT when it is not in it. */
guint                  affari_deal_list_find         (AffariDealList *self, gint64 deal_id);
gint64                 affari_deal_list_get_id_at    (AffariDealList *self, guint position);
/* How many deal objects are alive in the cache (for tests and the benchmark). */
guint                  affari_deal_list_get_n_loaded (AffariDealList *self);
/* How many times it read the database, ids or a page of deals (for tests and the benchmark). */
guint                  affari_deal_list_get_n_queries (AffariDealList *self);

/* While frozen (the view is hidden) store changes only mark the list stale; thawing it
 * re-reads the ids once if anything changed. */
void                   affari_deal_list_set_frozen   (AffariDealList *self, gboolean frozen);
void                   affari_deal_list_set_whole_changes (AffariDealList *self, gboolean whole);
gboolean               affari_deal_list_get_frozen   (AffariDealList *self);

G_END_DECLS
