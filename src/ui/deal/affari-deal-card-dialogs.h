/* affari-deal-card-dialogs.h — the questions the deal card asks (before a move, before closing),
 * and the new deal it starts from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

/* "Close the deal": responses "cancel", "won" (first, suggested) and "lost-<stage id>" for each
 * lost stage of @stages; the extra child is the entry of the reason. @chosen_stage_id (a lost stage, or 0) is
 * the default answer. */
AdwMessageDialog *affari_deal_card_finish_dialog_new   (GtkWindow  *parent,
                                                        GPtrArray  *stages,
                                                        gint64      chosen_stage_id);
/* "Move to pipeline": a dropdown of the pipelines of @workspace but @current_pipeline_id, kept as
 * data "affari-dropdown"; responses "cancel" and "move" (when there is a pipeline to move to).
 * NULL when the pipelines cannot be read. */
AdwMessageDialog *affari_deal_card_pipeline_dialog_new (GtkWindow        *parent,
                                                        AffariWorkspace  *workspace,
                                                        gint64            current_pipeline_id,
                                                        GError          **error);
/* The pipeline chosen in the "Move to pipeline" dialog when @response moves the deal, else 0. */
gint64            affari_deal_card_pipeline_dialog_get_chosen (AdwMessageDialog *dialog,
                                                               const char       *response);
/* "Discard unsaved changes?" (or "the new deal?" when @is_new): responses "keep" (Esc) and
 * "discard". */
AdwMessageDialog *affari_deal_card_discard_dialog_new  (GtkWindow  *parent,
                                                        gboolean    is_new);
/* "No activity planned": responses "later" (also Esc) and "plan". */
AdwMessageDialog *affari_deal_card_plan_dialog_new     (GtkWindow  *parent);
/* "Calculate the amount from the products?": the amount typed by hand and the rows' total, in
 * @currency; responses "keep" (default, also Esc) and "compute". */
AdwMessageDialog *affari_deal_card_amount_dialog_new   (GtkWindow  *parent,
                                                        gint64      amount,
                                                        gint64      total,
                                                        const char *currency);
/* The stage @stage_id among @stages (AffariStage), or NULL. */
AffariStage      *affari_deal_card_find_stage          (GPtrArray  *stages,
                                                        gint64      stage_id);
/* Whether the open deal @deal_id has no activity left to do (FALSE when that cannot be read). */
gboolean          affari_deal_card_lacks_next_activity (AffariWorkspace *workspace,
                                                        gint64           deal_id);
/* The stage a response of the finish dialog closes the deal in (0 for "cancel"). */
gint64            affari_deal_card_finish_response_stage (const char      *response,
                                                          AffariWorkspace *workspace,
                                                          gint64           pipeline_id);
/* A deal not created yet with the defaults the workspace would give (dates, currency, owner). */
AffariDeal       *affari_deal_card_new_deal_defaults     (AffariWorkspace *workspace,
                                                          gint64           pipeline_id);
/* What @deal is called while it has no title: "Nuovo affare", or "Nuovo lead" for a lead. */
const char       *affari_deal_card_untitled              (AffariWorkspace *workspace,
                                                          AffariDeal      *deal);
/* What a closed @deal says it is: @deal_text ("Vinto", "Perso"), or for a lead the name of its
 * status among @stages ("Convertito", "Spazzatura"). */
const char       *affari_deal_card_closed_text           (AffariWorkspace *workspace,
                                                          AffariDeal      *deal,
                                                          GPtrArray       *stages,
                                                          const char      *deal_text);

G_END_DECLS
