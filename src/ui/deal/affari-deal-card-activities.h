/* affari-deal-card-activities.h — the "Attività" page of the deal card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_DEAL_CARD_ACTIVITIES (affari_deal_card_activities_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealCardActivities, affari_deal_card_activities, AFFARI, DEAL_CARD_ACTIVITIES, AdwBin)

/* Actions: activities.plan (plans what the form says), activities.done (int64 id),
 * activities.undone (int64 id), activities.delete (int64 id),
 * activities.reschedule ((xs): id and the new deadline as typed, "27/11/2026 10:00"). */
/* The window's operations: the page's changes of the deal are written through them. */
void     affari_deal_card_activities_set_ops (AffariDealCardActivities *self,
                                              AffariDealOps *ops);
void     affari_deal_card_activities_set_deal   (AffariDealCardActivities *self,
                                                 AffariStore              *store,
                                                 AffariDeal               *deal);
/* Puts the cursor in the subject of a new activity. */
void     affari_deal_card_activities_focus_plan (AffariDealCardActivities *self);
/* Planned (not done) activities of the deal, as last loaded. */
guint    affari_deal_card_activities_get_n_open (AffariDealCardActivities *self);

G_END_DECLS
