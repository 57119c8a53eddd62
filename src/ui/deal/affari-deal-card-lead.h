/* affari-deal-card-lead.h — the "Lead" page of the card of a lead: the person and company typed
 * in (in place of a deal's client pickers), whether it is a repeat lead, and its conversion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-deal-ops.h"
#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_DEAL_CARD_LEAD (affari_deal_card_lead_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealCardLead, affari_deal_card_lead, AFFARI, DEAL_CARD_LEAD, GtkBox)

/* Actions (prefix "lead."): convert — opens the conversion dialog; open-deal — the converted
 * deal, through the window's deal.open. */

/* The card's workspace and the window's operations, once. */
void     affari_deal_card_lead_setup    (AffariDealCardLead *self,
                                         AffariWorkspace    *workspace,
                                         AffariDealOps      *ops);
/* Shows what only the lead @deal has; FALSE (and nothing shown) when @deal is not a lead, or not
 * created yet. */
gboolean affari_deal_card_lead_set_deal (AffariDealCardLead *self,
                                         AffariDeal         *deal);

G_END_DECLS
