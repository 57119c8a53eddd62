/* affari-new-deal-dialog.h — the small window that creates a deal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_NEW_DEAL_DIALOG (affari_new_deal_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AffariNewDealDialog, affari_new_deal_dialog, AFFARI, NEW_DEAL_DIALOG, AdwWindow)

/* A modal window over @parent for a new deal in @pipeline_id, created through @ops (one change on
 * the window's history). Action: new-deal.create (enabled only while the form is valid).
 * Signal: "deal-created" (AffariDeal *deal), after which the window closes itself. */
typedef struct _AffariDealOps AffariDealOps;
AffariNewDealDialog *affari_new_deal_dialog_new (GtkWindow     *parent,
                                                 AffariWorkspace   *workspace,
                                                 AffariDealOps *ops,
                                                 gint64         pipeline_id);

G_END_DECLS
