/* affari-lead-convert-dialog.h — "Converti lead": choose or create the contact and the company,
 * choose the pipeline, convert (ops/affari-leads.h: one transaction, one undo step)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-deal-ops.h"
#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_LEAD_CONVERT_DIALOG (affari_lead_convert_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AffariLeadConvertDialog, affari_lead_convert_dialog, AFFARI, LEAD_CONVERT_DIALOG, AdwWindow)

/* Action (prefix "convert."): convert. Signal "converted" (gint64 deal_id) after a conversion,
 * just before the dialog closes; the window's toast offers "Annulla" (the operations' "done"). */

/* A dialog over @parent (nullable) for the lead @lead_id, its choices pre-filled: the first
 * candidate contact and company, else new ones made from the lead; the default pipeline. */
GtkWindow *affari_lead_convert_dialog_new (GtkWindow       *parent,
                                           AffariWorkspace *workspace,
                                           AffariDealOps   *ops,
                                           gint64           lead_id);

G_END_DECLS
