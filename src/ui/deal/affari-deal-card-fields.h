/* affari-deal-card-fields.h — the custom (UF_CRM_*) fields of a deal, a section of its card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-deal-ops.h"
#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_DEAL_CARD_FIELDS (affari_deal_card_fields_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealCardFields, affari_deal_card_fields, AFFARI, DEAL_CARD_FIELDS, AdwPreferencesGroup)

/* Shows the custom fields of @deal, one row per field with the widget its kind wants (hidden when
 * no field is defined). Text the user is typing into the same deal's fields is kept. */
void      affari_deal_card_fields_set_deal      (AffariDealCardFields *self,
                                                 AffariWorkspace      *workspace,
                                                 AffariDeal           *deal);
/* Whether a field holds a change not saved yet (typed, or invalid, or the deal does not exist). */
gboolean  affari_deal_card_fields_has_unsaved   (AffariDealCardFields *self);
/* Saves every changed field; FALSE when one stays invalid (it shows why). */
gboolean  affari_deal_card_fields_apply_pending (AffariDealCardFields *self);
/* The deal was just created: the values typed before are saved as part of its creation. */
gboolean  affari_deal_card_fields_save_created  (AffariDealCardFields *self);
/* The window's operations: the values of an existing deal are written through them. */
void      affari_deal_card_fields_set_ops       (AffariDealCardFields *self,
                                                 AffariDealOps        *ops);
/* Forgets what was typed and shows the stored values again. */
void      affari_deal_card_fields_discard       (AffariDealCardFields *self);

/* The row of the custom field @code and its error row, for the card layout to place them. */
gboolean  affari_deal_card_fields_get_rows      (AffariDealCardFields  *self,
                                                 const char            *code,
                                                 GtkWidget            **row,
                                                 GtkWidget            **error_row);

G_END_DECLS
