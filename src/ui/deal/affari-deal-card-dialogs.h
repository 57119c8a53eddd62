/* affari-deal-card-dialogs.h — the questions the deal card asks before a move
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

/* "Close the deal": responses "cancel", "won" and "lost-<stage id>" for each lost stage of
 * @stages; the extra child is the entry of the reason. @chosen_stage_id (a lost stage, or 0) is
 * the default answer. */
AdwMessageDialog *affari_deal_card_finish_dialog_new   (GtkWindow  *parent,
                                                        GPtrArray  *stages,
                                                        gint64      chosen_stage_id);
/* "Move to pipeline": a dropdown of @model (AffariPipeline), kept as data "affari-dropdown";
 * responses "cancel" and "move" (when there is a pipeline to move to). */
AdwMessageDialog *affari_deal_card_pipeline_dialog_new (GtkWindow  *parent,
                                                        GListModel *model);

G_END_DECLS
