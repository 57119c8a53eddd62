/* affari-deal-card-recurrence.h — the "Ripetizione" page of the deal card (regular deals)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-deal-ops.h"
#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_DEAL_CARD_RECURRENCE (affari_deal_card_recurrence_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealCardRecurrence, affari_deal_card_recurrence, AFFARI, DEAL_CARD_RECURRENCE, GtkBox)

/* Action (prefix "recurrence."): save — on an ordinary deal makes a recurring template of it
 * (a copy), on a template's own card changes its settings ("Non ripetere" stops it). After
 * saving it activates win.run-recurring, which the window installs, so that a deal due today is
 * made at once. */

/* The card's workspace (pipelines, the store) and the window's operations, once. */
void affari_deal_card_recurrence_setup    (AffariDealCardRecurrence *self,
                                           AffariWorkspace          *workspace,
                                           AffariDealOps            *ops);
/* Shows the repetition of @deal (a template's settings, or "Non ripetere" for an ordinary deal);
 * what the user is typing is kept while the same deal is shown again. */
void affari_deal_card_recurrence_set_deal (AffariDealCardRecurrence *self,
                                           AffariDeal               *deal);

G_END_DECLS
