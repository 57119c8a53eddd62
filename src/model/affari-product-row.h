/* affari-product-row.h — a product row of a deal and its arithmetic (the deal-model reference)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A product row as the deal-model reference describes it (rates in basis points, quantity in
 * thousandths); the store computes the four prices and, when the deal's amount is not manual,
 * the deal amount and tax value. */
typedef struct {
  gint64 id;
  gint64 product_id;         /* 0 = free text row */
  char  *name;
  gint64 quantity_milli;     /* 1000 = 1 unit */
  char  *unit;
  gint64 price_netto;        /* unit price before discount, without tax */
  int    discount_type;      /* 1 = amount per unit, 2 = percent */
  int    discount_rate_bp;   /* percent in basis points */
  gint64 discount_sum;       /* per unit */
  int    tax_rate_bp;        /* -1 = no tax */
  gboolean tax_included;
  /* computed */
  gint64 price_exclusive;
  gint64 price_brutto;
  gint64 price;
  gint64 row_total;
  gint64 row_tax;
} AffariProductRow;
void         affari_product_row_clear       (AffariProductRow *row);
/* Computes the derived prices and totals of @row from its inputs. */
void         affari_product_row_compute     (AffariProductRow *row);
/* The net unit price whose price with @tax_rate_bp is nearest to @gross ("VAT included" prices). */
gint64       affari_product_row_netto_for_gross (gint64 gross, int tax_rate_bp);
/* Sums of @rows after computing each: net (without tax), tax and total, in minor units. */
void         affari_product_rows_totals     (const AffariProductRow *rows, guint n_rows,
                                             gint64 *out_net, gint64 *out_tax, gint64 *out_total);

G_END_DECLS
