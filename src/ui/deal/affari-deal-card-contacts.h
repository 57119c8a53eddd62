/* affari-deal-card-contacts.h — the contacts of a deal on the "Generale" page: one row each, the
 * primary one first (starred)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-deal-ops.h"
#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_DEAL_CARD_CONTACTS (affari_deal_card_contacts_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealCardContacts, affari_deal_card_contacts, AFFARI, DEAL_CARD_CONTACTS, AdwPreferencesGroup)

/* Signals: "save-failed" (const char *message) — a change of the contacts was not written.
 * The rows' buttons use the card's actions card.set-primary-contact and card.remove-contact. */
void     affari_deal_card_contacts_set_workspace (AffariDealCardContacts *self,
                                                  AffariWorkspace        *workspace);
/* The window's operations: the contacts of an existing deal are written through them. */
void     affari_deal_card_contacts_set_ops       (AffariDealCardContacts *self,
                                                  AffariDealOps          *ops);
/* The card's deal (the same object); @reload reads its contacts from the workspace, otherwise those
 * picked so far stay (a deal not created yet). */
void     affari_deal_card_contacts_set_deal      (AffariDealCardContacts *self,
                                                  AffariDeal             *deal,
                                                  gboolean                reload);
/* Whether the card layout shows the client: the group is shown when allowed and not empty. */
void     affari_deal_card_contacts_set_allowed   (AffariDealCardContacts *self,
                                                  gboolean                allowed);
guint    affari_deal_card_contacts_get_n_contacts (AffariDealCardContacts *self);
/* Adds @contact (once) and saves. */
void     affari_deal_card_contacts_add           (AffariDealCardContacts *self,
                                                  AffariContact          *contact);
void     affari_deal_card_contacts_set_primary   (AffariDealCardContacts *self,
                                                  gint64                  contact_id);
void     affari_deal_card_contacts_remove        (AffariDealCardContacts *self,
                                                  gint64                  contact_id);
/* Forgets the contacts picked for a deal not created yet. */
void     affari_deal_card_contacts_clear         (AffariDealCardContacts *self);
/* The deal was just created: the contacts picked before are part of its creation (a workspace
 * write like the create, not a change on the history). */
void     affari_deal_card_contacts_save_created  (AffariDealCardContacts *self);

G_END_DECLS
