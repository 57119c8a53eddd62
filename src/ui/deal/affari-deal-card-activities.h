/* affari-deal-card-activities.h — the "Attività" page of the deal card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_DEAL_CARD_ACTIVITIES (affari_deal_card_activities_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealCardActivities, affari_deal_card_activities, AFFARI, DEAL_CARD_ACTIVITIES, AdwBin)

/* Actions: card-activities.plan (plans what the form says, through the window's activity.plan),
 * card-activities.reschedule ((xs): id and the new deadline as typed, "27/11/2026 10:00"; checked
 * here, then the window's activity.set-deadline). Done and delete are the window's
 * activity.complete and activity.delete. */
void     affari_deal_card_activities_set_deal   (AffariDealCardActivities *self,
                                                 AffariWorkspace          *workspace,
                                                 AffariDeal               *deal);
/* Puts the cursor in the subject of a new activity. */
void     affari_deal_card_activities_focus_plan (AffariDealCardActivities *self);
/* Planned (not done) activities of the deal, as last loaded. */
guint    affari_deal_card_activities_get_n_open (AffariDealCardActivities *self);

G_END_DECLS
