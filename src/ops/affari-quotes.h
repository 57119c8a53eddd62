/* affari-quotes.h — quotes ("Preventivi"): their changes, a quote from a deal, a deal from a
 * quote, and the PDF
 *
 * The rules, the same for the app, affari-cli and the demo: each change is one transaction; a
 * quote made from a deal copies its client, currency and product rows and links it; a deal made
 * from a quote copies its title, amount, currency, client, rows and notes, points back to it
 * (deal.quote_id), says so in its history, and is one step of the undo history.
 *
 * Signals: "changed" () after quotes were written through the store (by anyone in this process).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "model/affari-quote.h"
#include "model/affari-product-row.h"
#include "ops/affari-deal-ops.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_QUOTES (affari_quotes_get_type ())
G_DECLARE_FINAL_TYPE (AffariQuotes, affari_quotes, AFFARI, QUOTES, GObject)

/* Works on @store; the deals made from quotes are created through @ops (its undo history; NULL
 * for a use that makes no deal, such as Preferenze). */
AffariQuotes *affari_quotes_new              (AffariStore *store, AffariDealOps *ops);

/* Every quote (@status < 0) or those of an AffariQuoteStatus, the newest first. */
GPtrArray    *affari_quotes_list             (AffariQuotes *self, int status, GError **error);
AffariQuote  *affari_quotes_get              (AffariQuotes *self, gint64 id, GError **error);
/* Its product rows (AffariProductRow). */
GArray       *affari_quotes_rows             (AffariQuotes *self, gint64 id, GError **error);
/* The live deals made from quote @id. */
GArray       *affari_quotes_deal_ids         (AffariQuotes *self, gint64 id, GError **error);
/* The quotes linked to deal @deal_id. */
GPtrArray    *affari_quotes_list_for_deal    (AffariQuotes *self, gint64 deal_id, GError **error);

/* A new quote with @rows (its number the next of the year); fills in @quote; 0 with @error. */
gint64        affari_quotes_create           (AffariQuotes *self, AffariQuote *quote,
                                              const AffariProductRow *rows, guint n_rows, GError **error);
gboolean      affari_quotes_update           (AffariQuotes *self, AffariQuote *quote,
                                              const AffariProductRow *rows, guint n_rows, GError **error);
gboolean      affari_quotes_delete           (AffariQuotes *self, gint64 id, GError **error);
/* "Crea preventivo": a draft quote of deal @deal_id with its title, client, currency and rows,
 * valid for 30 days; returns its id, 0 with @error. */
gint64        affari_quotes_create_from_deal (AffariQuotes *self, gint64 deal_id, GError **error);
/* "Crea affare": a deal in the default pipeline's first stage from quote @id (see above); one
 * transaction, one undo step. Returns the deal's id, 0 with @error (nothing written). */
gint64        affari_quotes_create_deal      (AffariQuotes *self, gint64 id, GError **error);

/* Writes quote @id as a PDF to @path; refuses (nothing written) a quote without rows or whose
 * client was deleted. */
gboolean      affari_quotes_write_pdf        (AffariQuotes *self, gint64 id, const char *path, GError **error);

/* Your company as the PDF shows it ("La tua azienda" in Preferenze). */
void          affari_quotes_get_my_company   (AffariQuotes *self, AffariQuoteParty *out);
gboolean      affari_quotes_set_my_company   (AffariQuotes *self, const AffariQuoteParty *party, GError **error);

G_END_DECLS
