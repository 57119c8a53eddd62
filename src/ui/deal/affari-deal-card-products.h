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
 * apply button saves all rows after checking them (a new deal's are kept until it is created).
 * Rows added to a deal whose amount was typed by hand ask once per opening whether their total
 * becomes the amount.
 *
 * Signals: "changed" — the rows of a new deal changed (its amount may have followed them). */
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
/* A new opening of the card: whether the rows' total replaces a typed amount is asked again. */
void     affari_deal_card_products_opened (AffariDealCardProducts *self);
/* Before a new deal is created: FALSE when a row cannot be read (it then says why). */
gboolean affari_deal_card_products_prepare_new (AffariDealCardProducts *self);
/* Only inside the creation's fill (affari_deal_ops_create ()): writes the rows typed for the new
 * deal @deal_id in its transaction. */
void     affari_deal_card_products_deal_created (AffariDealCardProducts *self,
                                                 gint64                  deal_id);
/* The number of rows shown. */
guint    affari_deal_card_products_get_n_rows (AffariDealCardProducts *self);

G_END_DECLS
