/* affari-kanban-quick-create.h — the short form of a column's "+": title, amount, client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ops/affari-workspace.h"
#include "ui/common/affari-card-host.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_KANBAN_QUICK_CREATE (affari_kanban_quick_create_get_type ())
G_DECLARE_FINAL_TYPE (AffariKanbanQuickCreate, affari_kanban_quick_create, AFFARI, KANBAN_QUICK_CREATE, GtkWidget)

/* Creates a deal in @stage of @workspace (the client company found by name, or made).
 * The deal is created by @host (the board: one change on the undo history).
 * Signals: "finished" when the deal was created (the form is empty again) or Cancel clicked. */
GtkWidget *affari_kanban_quick_create_new          (AffariWorkspace         *workspace,
                                                     AffariStage             *stage,
                                                     AffariCardHost          *host);
/* Clears the marks of a refused input. */
void       affari_kanban_quick_create_clear_errors (AffariKanbanQuickCreate *self);
/* Puts the cursor in the title. */
void       affari_kanban_quick_create_focus_title  (AffariKanbanQuickCreate *self);

G_END_DECLS
