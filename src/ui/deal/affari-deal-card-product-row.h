/* affari-deal-card-product-row.h — one product row of a deal on the "Prodotti" page: the
 * summary in its title, the fields inside, the catalogue offered under the name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_DEAL_CARD_PRODUCT_ROW (affari_deal_card_product_row_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealCardProductRow, affari_deal_card_product_row, AFFARI, DEAL_CARD_PRODUCT_ROW, AdwExpanderRow)

/* Signals: "apply" — the user applied a field or picked a choice (the page saves every row);
 * "remove" — the remove button; "add-to-catalogue" — the row's product goes into the catalogue
 * (the page creates it and calls _set_product_id()). */

/* @currency: the deal's; @catalogue: AffariProduct offered under the name, shared with the page
 * (products added to it later are offered too). */
GtkWidget *affari_deal_card_product_row_new            (const char *currency,
                                                        GPtrArray  *catalogue);
/* Shows @row (a stored row): the fields are clean afterwards. */
void       affari_deal_card_product_row_fill           (AffariDealCardProductRow *self,
                                                        const AffariProductRow   *row);
/* Reads the fields into @row (cleared with affari_product_row_clear()); FALSE with the reason in
 * @error when a field is wrong. */
gboolean   affari_deal_card_product_row_read           (AffariDealCardProductRow *self,
                                                        AffariProductRow         *row,
                                                        GError                  **error);
/* Whether it holds changes not written yet. */
gboolean   affari_deal_card_product_row_get_dirty      (AffariDealCardProductRow *self);
void       affari_deal_card_product_row_set_dirty      (AffariDealCardProductRow *self,
                                                        gboolean                  dirty);
/* Shows @message under the fields (hides it when NULL). */
void       affari_deal_card_product_row_show_error     (AffariDealCardProductRow *self,
                                                        const char               *message);
/* The row is the catalogue product @product_id from now on (unsaved until the page saves). */
void       affari_deal_card_product_row_set_product_id (AffariDealCardProductRow *self,
                                                        gint64                    product_id);
void       affari_deal_card_product_row_focus_name     (AffariDealCardProductRow *self);
/* Narrow (a phone's page, as its owner decides): two lines, the name and "quantity × price =
 * sum"; the fields still open with a tap. */
void       affari_deal_card_product_row_set_narrow     (AffariDealCardProductRow *self,
                                                        gboolean                  narrow);
/* What every owner of rows (a deal's page, a quote's editor) does on "add-to-catalogue": creates
 * the row's product in @workspace's catalogue (with @currency), adds it to @catalogue (nullable)
 * and makes the row that product. FALSE when it could not (the row says why). */
gboolean   affari_deal_card_product_row_add_to_catalogue (AffariDealCardProductRow *self,
                                                          AffariWorkspace          *workspace,
                                                          GPtrArray                *catalogue,
                                                          const char               *currency);
/* Reads the rows @widgets (AffariDealCardProductRow) into @rows. With @report, a row that cannot be
 * read says why (unfolded) and the result is FALSE; without, it is left out. */
gboolean   affari_deal_card_product_rows_read          (GPtrArray                *widgets,
                                                        GArray                   *rows,
                                                        gboolean                  report);

G_END_DECLS
