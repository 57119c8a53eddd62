/* affari-activities-plan-dialog.h — "Pianifica un'attività": the dialog that plans a new activity
 * due in a period of the Activities view, on a deal the user picks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

/* Presents the dialog over @view's window. @query (the view's filter and pipeline) limits the
 * deals offered; what it says (planned, or why not) goes out through @view's "toast" signal. */
void affari_activities_plan_dialog_present (GtkWidget             *view,
                                            AffariWorkspace       *workspace,
                                            const AffariDealQuery *query,
                                            AffariActivityPeriod   period);

G_END_DECLS
