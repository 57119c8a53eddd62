/* affari-deal-card-probability-row.h — the probability of a deal: a percentage that may be unset
 * (-1, shown empty), committed a moment after the last change (one history event per value)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AFFARI_TYPE_DEAL_CARD_PROBABILITY_ROW (affari_deal_card_probability_row_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealCardProbabilityRow, affari_deal_card_probability_row, AFFARI, DEAL_CARD_PROBABILITY_ROW, AdwActionRow)

/* Signals: "committed" (int value, -1 for not set) — the user changed the value and paused, or
 * the pending value was committed. The clear button uses the card's card.clear-probability. */

/* Shows @value unless the user's own change is still pending. */
void     affari_deal_card_probability_row_set_value   (AffariDealCardProbabilityRow *self,
                                                       int                           value);
int      affari_deal_card_probability_row_get_value   (AffariDealCardProbabilityRow *self);
/* Whether a change of the user waits to be committed. */
gboolean affari_deal_card_probability_row_has_pending (AffariDealCardProbabilityRow *self);
/* Commits the pending change now ("committed"), if any. */
void     affari_deal_card_probability_row_commit      (AffariDealCardProbabilityRow *self);
/* Forgets the pending change (no "committed"). */
void     affari_deal_card_probability_row_cancel      (AffariDealCardProbabilityRow *self);
/* Shows "not set", without "committed" (the caller writes it). */
void     affari_deal_card_probability_row_clear       (AffariDealCardProbabilityRow *self);

G_END_DECLS
