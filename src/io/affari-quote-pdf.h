/* affari-quote-pdf.h — a quote as an A4 PDF, Italian layout (cairo's PDF surface and Pango)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "model/affari-quote.h"
#include "model/affari-product-row.h"

G_BEGIN_DECLS

/* What the PDF shows; nothing here reads the database (ops/affari-quotes.c gathers it). */
typedef struct {
  AffariQuote            *quote;
  const AffariProductRow *rows;
  guint                   n_rows;
  const AffariQuoteParty *seller;   /* your company, from Preferenze */
  const AffariQuoteParty *client;
} AffariQuotePdf;

/* Writes @doc to @path: the seller and the client, "Preventivo n. … del …", numbered rows
 * (description, quantity, price, discount, VAT, amount) over as many pages as they need, the
 * taxable amount, the VAT of each rate and the total, the validity and the terms. */
gboolean affari_quote_pdf_write (const AffariQuotePdf *doc, const char *path, GError **error);

G_END_DECLS
