/* affari-store-quotes.h — quotes in the database: their numbers, fields and product rows
 *
 * The rules (what a quote copies from a deal, what a deal copies from a quote) are in
 * ops/affari-quotes.c; these functions only read and write, one transaction each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "affari-store.h"
#include "model/affari-quote.h"

G_BEGIN_DECLS

/* Writes a new quote with @rows; its number is the next of the year of the store's today
 * ("2026/014"), taken inside the transaction, so two writers never get the same one. Fills in
 * @quote's id, number, amounts and dates; returns the id, 0 with @error (nothing written). */
gint64       affari_store_quote_create          (AffariStore *self, AffariQuote *quote,
                                                 const AffariProductRow *rows, guint n_rows, GError **error);
/* Writes @quote's fields and replaces its rows with @rows; the number does not change. */
gboolean     affari_store_quote_update          (AffariStore *self, AffariQuote *quote,
                                                 const AffariProductRow *rows, guint n_rows, GError **error);
gboolean     affari_store_quote_delete          (AffariStore *self, gint64 id, GError **error);
/* NULL with NOT_FOUND. */
AffariQuote *affari_store_quote_get             (AffariStore *self, gint64 id, GError **error);
/* Every quote (@status < 0) or those of @status, the newest first (AffariQuote). */
GPtrArray   *affari_store_quote_list            (AffariStore *self, int status, GError **error);
/* The quotes made from deal @deal_id (their deal_id), the newest first. */
GPtrArray   *affari_store_quote_list_for_deal   (AffariStore *self, gint64 deal_id, GError **error);
/* The rows of quote @id, in order (AffariProductRow). */
GArray      *affari_store_quote_rows            (AffariStore *self, gint64 id, GError **error);
/* The client of @quote as the PDF names it: the company (name, address and city, VAT number),
 * else the contact; FALSE with @error when a client was set and was deleted. */
gboolean     affari_store_quote_client          (AffariStore *self, AffariQuote *quote, AffariQuoteParty *out,
                                                 GError **error);
/* Inside the creation of deal @deal_id from @quote: its history line "Created from quote
 * 2026/014". */
gboolean     affari_store_quote_note_deal       (AffariStore *self, AffariQuote *quote, gint64 deal_id,
                                                 GError **error);
/* The deals made from quote @id (deal.quote_id), live ones only. */
GArray      *affari_store_quote_deal_ids        (AffariStore *self, gint64 id, GError **error);
/* The primary contact of deal @deal_id, 0 when none. */
gint64       affari_store_quote_deal_contact    (AffariStore *self, gint64 deal_id);
/* Whether quotes exist at all (the demo adds them once). */
gint64       affari_store_quote_count           (AffariStore *self);

G_END_DECLS
