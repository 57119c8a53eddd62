/* affari-quote-editor.h — one quote in the "Preventivi" window: its fields, client, product rows
 * and totals, the deals made from it; Salva, Crea affare, PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-quotes.h"
#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_QUOTE_EDITOR (affari_quote_editor_get_type ())
G_DECLARE_FINAL_TYPE (AffariQuoteEditor, affari_quote_editor, AFFARI, QUOTE_EDITOR, GtkBox)

/* Actions: quote.save, quote.add-row, quote.create-deal (saves, then makes the deal), quote.pdf
 * (saves, asks where with the file chooser, writes and opens it), quote.pdf-to (string: a path;
 * writes there, opens nothing). It activates quotes.show-list (back) and quotes.open-deal (int64)
 * on its window.
 *
 * Signals: "deal-created" (gint64 deal id), "message" (string: what a toast says). */
GtkWidget *affari_quote_editor_new          (AffariWorkspace   *workspace,
                                             AffariQuotes      *quotes);
/* Shows quote @id, or a new empty one with 0; FALSE with @error when it cannot be read. */
gboolean   affari_quote_editor_load         (AffariQuoteEditor *self,
                                             gint64             id,
                                             GError           **error);
/* The quote shown (0: new, not saved yet). */
gint64     affari_quote_editor_get_quote_id (AffariQuoteEditor *self);

G_END_DECLS
