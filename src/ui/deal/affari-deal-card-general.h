/* affari-deal-card-general.h — the "Generale" page of the deal card: the deal's own fields, its
 * client and contacts, and the custom fields, in the sections of the pipeline's card layout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-deal-ops.h"
#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_DEAL_CARD_GENERAL (affari_deal_card_general_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealCardGeneral, affari_deal_card_general, AFFARI, DEAL_CARD_GENERAL, AdwBin)

/* Signals: "changed" — a field of the deal was written (the deal object shown holds the new
 * values); "stage-chosen" (gint64 stage id) — the user picked a stage: the card moves the deal or
 * asks how it closes. The buttons use the card's actions (card.remove-company,
 * card.create-client, card.clear-probability, card.set-primary-contact, card.remove-contact),
 * which call the functions below. */
void      affari_deal_card_general_set_workspace (AffariDealCardGeneral *self,
                                                  AffariWorkspace       *workspace);
/* The window's operations: the fields, contacts and custom fields of an existing deal are
 * written through them. */
void      affari_deal_card_general_set_ops       (AffariDealCardGeneral *self,
                                                  AffariDealOps         *ops);
/* Reads the team, deal types, sources and currencies again (edited in Preferenze). */
void      affari_deal_card_general_reload_lists  (AffariDealCardGeneral *self);
/* The stages of the deal's pipeline, for the stage row. */
void      affari_deal_card_general_set_stages    (AffariDealCardGeneral *self,
                                                  GPtrArray             *stages);
/* Shows @deal (the card's object, edited in place), its custom fields and the card layout of its
 * pipeline; @reload_contacts reads its contacts from the workspace (a deal not created yet keeps the
 * ones picked so far when FALSE). Call _refresh() afterwards. */
void      affari_deal_card_general_set_deal      (AffariDealCardGeneral *self,
                                                  AffariDeal            *deal,
                                                  gboolean               reload_contacts);
/* Shows the values of the deal; entries the user is typing into keep their text unless @force. */
void      affari_deal_card_general_refresh       (AffariDealCardGeneral *self,
                                                  gboolean               force);
/* The default type and source a new deal gets. */
void      affari_deal_card_general_fill_new_deal (AffariDealCardGeneral *self,
                                                  AffariDeal            *deal);
/* Shows @message at the bottom of the page (hides it when NULL). */
void      affari_deal_card_general_show_error    (AffariDealCardGeneral *self,
                                                  const char            *message);
/* Hides the errors under the fields and at the bottom. */
void      affari_deal_card_general_clear_errors  (AffariDealCardGeneral *self);
void      affari_deal_card_general_focus_title   (AffariDealCardGeneral *self);
/* Saves the title typed in the card's header (the title row shows it too). */
void      affari_deal_card_general_save_title    (AffariDealCardGeneral *self,
                                                  const char            *title);
/* Whether the user typed or picked anything (for a deal not created yet). */
gboolean  affari_deal_card_general_has_input     (AffariDealCardGeneral *self);
/* Saves what is typed but not applied yet; FALSE when something stays unsaved (it shows why). */
gboolean  affari_deal_card_general_apply_pending (AffariDealCardGeneral *self);
/* Forgets what was typed and not saved (a deal not created yet is emptied). */
void      affari_deal_card_general_discard       (AffariDealCardGeneral *self);
/* Puts what is typed into the deal not created yet; FALSE (with the reason shown) when it cannot
 * be created: no title, an invalid amount or date. */
gboolean  affari_deal_card_general_prepare_new   (AffariDealCardGeneral *self);
/* The deal was just created: its contacts and custom fields are saved too. */
void      affari_deal_card_general_deal_created  (AffariDealCardGeneral *self);

void      affari_deal_card_general_clear_probability   (AffariDealCardGeneral *self);
void      affari_deal_card_general_remove_company      (AffariDealCardGeneral *self);
/* Creates the client typed in the picker's form (a company, or a contact) and adds it. */
void      affari_deal_card_general_create_client       (AffariDealCardGeneral *self,
                                                        gboolean               company);
void      affari_deal_card_general_set_primary_contact (AffariDealCardGeneral *self,
                                                        gint64                 contact_id);
void      affari_deal_card_general_remove_contact      (AffariDealCardGeneral *self,
                                                        gint64                 contact_id);

G_END_DECLS
