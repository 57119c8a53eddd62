/* affari-deal-card-client-picker.h — the popover that adds a client (a company or a contact) to a
 * deal: one found by a search, or one created from its small form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_DEAL_CARD_CLIENT_PICKER (affari_deal_card_client_picker_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealCardClientPicker, affari_deal_card_client_picker, AFFARI, DEAL_CARD_CLIENT_PICKER, GtkPopover)

/* Signal: "picked" (GObject: an AffariCompany or an AffariContact, stored) — the user chose it. */
void  affari_deal_card_client_picker_set_workspace (AffariDealCardClientPicker *self,
                                                AffariWorkspace            *workspace);
/* Creates the client the form describes (a company, or a contact of @company_id) and picks it;
 * an error shows in the form. */
void  affari_deal_card_client_picker_create    (AffariDealCardClientPicker *self,
                                                gboolean                    company,
                                                gint64                      company_id);

G_END_DECLS
