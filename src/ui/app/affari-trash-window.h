/* affari-trash-window.h — the Cestino: deals moved to the trash, restorable for 30 days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-deal-ops.h"
#include "ops/affari-workspace.h"

G_BEGIN_DECLS

/* Days a trashed deal stays restorable; older ones are purged when Affari starts. */
#define AFFARI_TRASH_DAYS 30

#define AFFARI_TYPE_TRASH_WINDOW (affari_trash_window_get_type ())
G_DECLARE_FINAL_TYPE (AffariTrashWindow, affari_trash_window, AFFARI, TRASH_WINDOW, AdwWindow)

/* Action: trash.restore (int64 deal id). */
GtkWidget *affari_trash_window_new (GtkWindow     *parent,
                                    AffariWorkspace   *workspace,
                                    AffariDealOps *ops);

G_END_DECLS
