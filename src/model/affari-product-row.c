/* affari-product-row.c — the arithmetic of a deal's product rows (deal-model reference)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "affari-product-row.h"

void
affari_product_row_clear (AffariProductRow *row)
{
  g_clear_pointer (&row->name, g_free);
  g_clear_pointer (&row->unit, g_free);
}

/* a × b / c rounded half away from zero, without overflow for money-sized values */
static gint64
mul_div_round (gint64 a, gint64 b, gint64 c)
{
  __int128 num = (__int128) a * b;
  __int128 q = num / c;
  __int128 r = num % c;

  if (r < 0)
    r = -r;
  if (2 * r >= (c < 0 ? -c : c))
    q += (num < 0) != (c < 0) ? -1 : 1;
  return (gint64) q;
}

void
affari_product_row_compute (AffariProductRow *row)
{
  gint64 tax_factor = 10000 + MAX (row->tax_rate_bp, 0);
  gint64 net_total;

  /* The discount is per unit (reference §5): DISCOUNT_SUM = NETTO × RATE / 100. */
  if (row->discount_type == 2)
    row->discount_sum = mul_div_round (row->price_netto, row->discount_rate_bp, 10000);
  else if (row->price_netto != 0)
    row->discount_rate_bp = (int) mul_div_round (row->discount_sum, 10000, row->price_netto);
  else
    row->discount_rate_bp = 0;

  row->price_exclusive = row->price_netto - row->discount_sum;
  row->price_brutto = mul_div_round (row->price_netto, tax_factor, 10000);
  row->price = mul_div_round (row->price_exclusive, tax_factor, 10000);
  row->row_total = mul_div_round (row->price, row->quantity_milli, 1000);
  net_total = mul_div_round (row->price_exclusive, row->quantity_milli, 1000);
  row->row_tax = row->tax_rate_bp > 0 ? row->row_total - net_total : 0;
}

gint64
affari_product_row_netto_for_gross (gint64 gross,
                                    int    tax_rate_bp)
{
  gint64 factor = 10000 + MAX (tax_rate_bp, 0);
  gint64 best = 0, best_diff = G_MAXINT64;
  gint64 guess;

  if (factor == 10000)
    return gross;

  /* The store keeps the net price; the gross one is derived from it with rounding, so look
   * around the exact quotient for the net price whose gross is nearest to what was typed. */
  guess = (gint64) (((__int128) gross * 10000) / factor);
  for (gint64 candidate = guess - 2; candidate <= guess + 2; candidate++)
    {
      AffariProductRow row = { .price_netto = candidate, .quantity_milli = 1000,
                               .discount_type = 2, .tax_rate_bp = tax_rate_bp };
      gint64 diff;

      affari_product_row_compute (&row);
      diff = ABS (row.price_brutto - gross);
      if (diff < best_diff)
        {
          best_diff = diff;
          best = candidate;
        }
    }
  return best;
}

void
affari_product_rows_totals (const AffariProductRow *rows,
                            guint                   n_rows,
                            gint64                 *out_net,
                            gint64                 *out_tax,
                            gint64                 *out_total)
{
  gint64 total = 0, tax = 0;

  for (guint i = 0; i < n_rows; i++)
    {
      AffariProductRow row = rows[i];

      affari_product_row_compute (&row);
      total += row.row_total;
      tax += row.row_tax;
    }
  if (out_net != NULL)
    *out_net = total - tax;
  if (out_tax != NULL)
    *out_tax = tax;
  if (out_total != NULL)
    *out_total = total;
}
