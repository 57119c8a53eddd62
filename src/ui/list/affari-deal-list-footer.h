/* affari-deal-list-footer.h — the line under the list: how many deals, their totals per
 * currency, and the column chooser's button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define AFFARI_TYPE_DEAL_LIST_FOOTER (affari_deal_list_footer_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealListFooter, affari_deal_list_footer, AFFARI, DEAL_LIST_FOOTER, GtkWidget)

/* "1.234 affari · € 5.000,00 + $ 200,00 (filtrati)": @totals are AffariStageTotal (NULL: the
 * count alone), @filtered says whether a filter is active. */
void        affari_deal_list_footer_set_summary         (AffariDealListFooter *self,
                                                         guint                 count,
                                                         GArray               *totals,
                                                         gboolean              filtered);
/* The text shown, NULL before the first summary. */
const char *affari_deal_list_footer_get_summary         (AffariDealListFooter *self);
/* The count shown. */
guint       affari_deal_list_footer_get_count           (AffariDealListFooter *self);
/* The popover of the column chooser's button. */
void        affari_deal_list_footer_set_columns_popover (AffariDealListFooter *self,
                                                         GtkWidget            *popover);
/* On a phone: no column chooser (the rows have no columns). */
void        affari_deal_list_footer_set_narrow          (AffariDealListFooter *self,
                                                         gboolean              narrow);

G_END_DECLS
