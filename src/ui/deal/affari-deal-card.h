/* affari-deal-card.h — one deal, every field of it: the card that slides in over the board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-deal-ops.h"
#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_DEAL_CARD (affari_deal_card_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealCard, affari_deal_card, AFFARI, DEAL_CARD, GtkBox)

/* Actions (prefix "card."): close (asks to plan an activity first when an open deal has none),
 * create (a new deal), move-to-stage (int64), finish (asks won or which lost stage, and a
 * reason), reopen, delete (to the trash), plan-activity, remove-company, create-client
 * ("company" or "contact": from the inline form), set-primary-contact (int64),
 * remove-contact (int64), show-page (string: general, products, activities, history).
 *
 * Changes of the deal shown go through the operations handed over with _set_ops() (one
 * transaction, the window's toast and Ctrl+Z): moves, reopening, the trash and the pipeline through
 * the window's deal.move, deal.reopen, deal.trash and deal.move-to-pipeline actions. Creating a
 * deal is a workspace create (not on the history).
 *
 * Signals: "closed" — the card is done and can be hidden (also when its deal went to the trash);
 * "created" (gint64 deal id). */
GtkWidget  *affari_deal_card_new         (void);
void        affari_deal_card_set_workspace   (AffariDealCard *self,
                                          AffariWorkspace    *workspace);
/* The window's operations: every change of an existing deal goes through them. */
void        affari_deal_card_set_ops     (AffariDealCard *self,
                                          AffariDealOps  *ops);
/* Shows the deal @deal_id (keeps what the user is typing when it is the same deal). */
gboolean    affari_deal_card_load        (AffariDealCard *self,
                                          gint64          deal_id,
                                          GError        **error);
/* Shows an empty deal of @pipeline_id, created in the workspace by card.create. */
void        affari_deal_card_new_deal    (AffariDealCard *self,
                                          gint64          pipeline_id);
/* 0 for a deal not created yet. */
gint64      affari_deal_card_get_deal_id (AffariDealCard *self);
/* What card.close does: closes, or asks first whether to plan the next activity. */
void        affari_deal_card_request_close (AffariDealCard *self);
/* The window revealed the card: a new opening (the question about the next activity is asked
 * once per opening). @from (the Kanban card or list row that had the keyboard focus, or NULL) is
 * kept, weakly, to give the focus back when the card closes. */
void        affari_deal_card_opened      (AffariDealCard *self,
                                          GtkWidget      *from);
/* What had the focus when the card was opened, if it still exists (a new reference). */
GtkWidget  *affari_deal_card_dup_opened_from (AffariDealCard *self);
/* The card follows its window's width: narrow (the pages' switcher at the bottom, a scrolling stage
 * bar, no 580 px minimum) below 600 px. A parent that gives it less room than the window has says
 * so: TRUE narrow, FALSE wide, -1 follows the window again. */
void        affari_deal_card_set_narrow  (AffariDealCard *self,
                                          int             narrow);

G_END_DECLS
