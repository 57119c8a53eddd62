/* affari-deal-rows.h — the rows of the list view: stable row objects over a deal list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/affari-deal-list.h"

G_BEGIN_DECLS

/* A row of the table: which deal it shows now ("deal", notified when it changes). */
#define AFFARI_TYPE_DEAL_ROW (affari_deal_row_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealRow, affari_deal_row, AFFARI, DEAL_ROW, GObject)

AffariDeal *affari_deal_row_get_deal (AffariDealRow *self);

/* GTK 4.8's list views destroy and build again the widgets of every row whose item changes,
 * about 200 rows each time (they keep that many). AffariDealRows hands out row objects that stay
 * the same while the deal list under them changes: a new sort or filter shows other deals in
 * the same rows, and only a change of length adds or removes rows (at the end of the changed
 * range). "rows-rebound" (position, n_rows) says which rows now show other deals, so that a
 * selection of them can be dropped. */
#define AFFARI_TYPE_DEAL_ROWS (affari_deal_rows_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealRows, affari_deal_rows, AFFARI, DEAL_ROWS, GObject)

AffariDealRows *affari_deal_rows_new     (AffariDealList *deals);
/* Until release, rows outside [first, first + n) that should show another deal keep showing the
 * old one (the rows on screen change at once, the ~170 others GTK keeps off screen after the
 * frame is painted). A held row asked for its deal gives the right one. */
void            affari_deal_rows_hold    (AffariDealRows *self,
                                          guint           first,
                                          guint           n);
void            affari_deal_rows_release (AffariDealRows *self);
gboolean        affari_deal_rows_is_holding (AffariDealRows *self);

G_END_DECLS
