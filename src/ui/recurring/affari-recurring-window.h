/* affari-recurring-window.h — "Modelli ricorrenti": the recurring templates and their schedules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-deal-ops.h"
#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_RECURRING_WINDOW (affari_recurring_window_get_type ())
G_DECLARE_FINAL_TYPE (AffariRecurringWindow, affari_recurring_window, AFFARI, RECURRING_WINDOW, AdwWindow)

/* Every template with its next day, counter, limit and an active switch; "Apri" shows the
 * template's card and "Elimina" deletes it (its deals stay). Actions (prefix "recurring."):
 * open (int64, the template's deal), delete (int64, the template), set-active ((xb)).
 *
 * @actions is the widget whose deal.open opens a card and whose win.run-recurring makes the
 * deals of a template resumed today (the main window). */
GtkWidget *affari_recurring_window_new (GtkWindow       *parent,
                                        AffariWorkspace *workspace,
                                        AffariDealOps   *ops,
                                        GtkWidget       *actions);

G_END_DECLS
