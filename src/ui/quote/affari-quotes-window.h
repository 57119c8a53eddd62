/* affari-quotes-window.h — "Preventivi": the quotes with a status filter, and one quote's editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-deal-ops.h"
#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_QUOTES_WINDOW (affari_quotes_window_get_type ())
G_DECLARE_FINAL_TYPE (AffariQuotesWindow, affari_quotes_window, AFFARI, QUOTES_WINDOW, AdwWindow)

/* Actions: quotes.new, quotes.open (int64: a quote's id), quotes.show-list, quotes.open-deal
 * (int64: shows the deal through @parent's deal.open). @ops is the main window's: a deal made
 * from a quote is one step of its undo history. */
GtkWidget *affari_quotes_window_new         (GtkWindow       *parent,
                                             AffariWorkspace *workspace,
                                             AffariDealOps   *ops);
/* How many quotes the list shows (with its status filter). */
guint      affari_quotes_window_get_n_items (AffariQuotesWindow *self);
/* The editor (in the window, shown or not). */
GtkWidget *affari_quotes_window_get_editor  (AffariQuotesWindow *self);

G_END_DECLS
