/* affari-deal-card-history.h — the "Cronologia" page of the deal card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_DEAL_CARD_HISTORY (affari_deal_card_history_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealCardHistory, affari_deal_card_history, AFFARI, DEAL_CARD_HISTORY, AdwBin)

/* Action: history.comment (adds what the comment field holds to the timeline). The events show
 * newest first, grouped by day, each with its time, author, kind and description. */
void  affari_deal_card_history_set_deal    (AffariDealCardHistory *self,
                                            AffariWorkspace       *workspace,
                                            AffariDeal            *deal);
/* Comments are written through @ops (the window's). */
void  affari_deal_card_history_set_ops     (AffariDealCardHistory *self,
                                           AffariDealOps         *ops);
/* Number of events shown. */
guint affari_deal_card_history_get_n_events (AffariDealCardHistory *self);
/* A readable name of an event kind ("Stage", "Comment"…). */
const char *affari_deal_card_history_kind_label (AffariEventType kind);

G_END_DECLS
