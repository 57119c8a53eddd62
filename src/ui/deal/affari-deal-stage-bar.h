/* affari-deal-stage-bar.h — the stages of a deal's pipeline across the top of its card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_DEAL_STAGE_BAR (affari_deal_stage_bar_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealStageBar, affari_deal_stage_bar, AFFARI, DEAL_STAGE_BAR, GtkWidget)

/* One button per in-progress stage (activating "card.move-to-stage" with the stage id) and a final
 * step (activating "card.finish") that shows the won or lost stage once the deal is closed. Every
 * stage shows its colour as a stripe; the stages up to the current one are lit. */
GtkWidget *affari_deal_stage_bar_new         (void);
/* @stages: AffariStage of the pipeline, in order. */
void       affari_deal_stage_bar_set_stages  (AffariDealStageBar *self,
                                              GPtrArray          *stages);
void       affari_deal_stage_bar_set_current (AffariDealStageBar *self,
                                              gint64              stage_id);
/* The final step's label while open (NULL: "Chiudi affare"; a lead's card says "Chiudi lead"). */
void       affari_deal_stage_bar_set_finish_label (AffariDealStageBar *self,
                                                   const char         *label);
/* Narrow (a phone): every step shows its whole name and is at least 44 px; the bar is then wider
 * than the card and its parent scrolls it. */
void       affari_deal_stage_bar_set_narrow  (AffariDealStageBar *self,
                                              gboolean            narrow);
/* The step of the current stage (or of the closing stage), NULL when none is. */
GtkWidget *affari_deal_stage_bar_get_current_step (AffariDealStageBar *self);

G_END_DECLS
