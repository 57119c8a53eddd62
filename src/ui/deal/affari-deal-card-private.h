/* affari-deal-card-private.h — what the deal card's own files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ui/deal/affari-deal-card.h"
#include "ui/deal/affari-deal-card-general.h"

G_BEGIN_DECLS

/* The card's General page (its clients' actions work on it). */
AffariDealCardGeneral *_affari_deal_card_get_general             (AffariDealCard *self);
/* Installs card.remove-company, card.create-client, card.set-primary-contact and
 * card.remove-contact (affari-deal-card-client-actions.c). */
void                   _affari_deal_card_class_client_actions_init (GtkWidgetClass *widget_class);

G_END_DECLS
