/* affari-deal-card-products.h — the "Prodotti" page of the deal card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-deal-ops.h"
#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_DEAL_CARD_PRODUCTS (affari_deal_card_products_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealCardProducts, affari_deal_card_products, AFFARI, DEAL_CARD_PRODUCTS, AdwBin)

/* Actions: products.add (a new row), products.save (writes every row, one transaction),
 * products.remove (int64: the row's index). A product row is edited in place; Enter or the
 * apply button saves all rows after checking them. */
/* The window's operations: the page's changes of the deal are written through them. */
void     affari_deal_card_products_set_ops (AffariDealCardProducts *self,
                                            AffariDealOps *ops);
void     affari_deal_card_products_set_deal (AffariDealCardProducts *self,
                                             AffariWorkspace        *workspace,
                                             AffariDeal             *deal);
/* Whether a row holds changes not written yet (then the page does not reload under the user). */
gboolean affari_deal_card_products_has_unsaved (AffariDealCardProducts *self);
/* Forgets rows typed and not saved: the stored rows are shown again. */
void     affari_deal_card_products_discard (AffariDealCardProducts *self);
/* The number of rows shown. */
guint    affari_deal_card_products_get_n_rows (AffariDealCardProducts *self);

G_END_DECLS
