/* affari-quote-pdf.c — a quote as an A4 PDF
 *
 * Points throughout (A4 is 595 × 842); every piece of text is a Pango layout, so accents, long
 * names (wrapped, never cut) and the locale's digits come out right. Rows that do not fit above
 * the bottom margin go to a new page, which repeats the table's header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <glib/gi18n.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "affari-quote-pdf.h"
#include "model/affari-error.h"
#include "model/affari-money.h"

#define PAGE_WIDTH 595.28
#define PAGE_HEIGHT 841.89
#define MARGIN 50.0
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN)
#define BOTTOM (PAGE_HEIGHT - MARGIN - 20.0)

typedef struct {
  cairo_t *cr;
  double y;
  guint page;
} Pen;

/* The table's columns: left edge and width, in points from the margin. */
typedef enum { COL_N, COL_NAME, COL_QTY, COL_PRICE, COL_DISCOUNT, COL_VAT, COL_AMOUNT, N_COLS } Column;
static const struct { double x, width; gboolean right; } columns[N_COLS] = {
  [COL_N] = { 0, 16, TRUE },
  [COL_NAME] = { 24, 150, FALSE },
  [COL_QTY] = { 178, 52, TRUE },
  [COL_PRICE] = { 236, 76, TRUE },
  [COL_DISCOUNT] = { 318, 42, TRUE },
  [COL_VAT] = { 366, 34, TRUE },
  [COL_AMOUNT] = { 406, CONTENT_WIDTH - 406, TRUE },
};

/* ------------------------------------------------------------ auxiliary */

static PangoLayout *
make_layout (Pen *pen, const char *text, double size, gboolean bold, double width, PangoAlignment align)
{
  PangoLayout *layout = pango_cairo_create_layout (pen->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  /* Numbers and amounts never wrap (width 0): they are placed by their right edge. */
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_size (layout, &width, NULL);
  return (double) width / PANGO_SCALE;
}

/* Draws @text ending at @right (no wrap), at @y; returns its height. */
static double
draw_right (Pen *pen, double right, double y, const char *text, double size, gboolean bold)
{
  g_autoptr(PangoLayout) layout = make_layout (pen, text, size, bold, 0, PANGO_ALIGN_LEFT);

  cairo_move_to (pen->cr, MARGIN + right - layout_width (layout), y);
  pango_cairo_show_layout (pen->cr, layout);
  return layout_height (layout);
}

/* Draws @text at @x, @y; returns its height. */
static double
draw_text (Pen *pen, double x, double y, const char *text, double size, gboolean bold, double width,
           PangoAlignment align)
{
  g_autoptr(PangoLayout) layout = make_layout (pen, text, size, bold, width, align);

  cairo_move_to (pen->cr, MARGIN + x, y);
  pango_cairo_show_layout (pen->cr, layout);
  return layout_height (layout);
}

/* A paragraph across the page at the pen, which moves below it (to a new page when needed). */
static void new_page (Pen *pen);

static void
paragraph (Pen *pen, const char *text, double size, gboolean bold, double space_after)
{
  g_autoptr(PangoLayout) layout = make_layout (pen, text, size, bold, CONTENT_WIDTH, PANGO_ALIGN_LEFT);
  double height = layout_height (layout);

  if (pen->y + height > BOTTOM)
    new_page (pen);
  cairo_move_to (pen->cr, MARGIN, pen->y);
  pango_cairo_show_layout (pen->cr, layout);
  pen->y += height + space_after;
}

static void
rule (Pen *pen, double width)
{
  cairo_set_line_width (pen->cr, width);
  cairo_move_to (pen->cr, MARGIN, pen->y);
  cairo_line_to (pen->cr, MARGIN + CONTENT_WIDTH, pen->y);
  cairo_stroke (pen->cr);
}

static void
page_number (Pen *pen)
{
  /* Translators: the foot of each page of a quote's PDF */
  g_autofree char *text = g_strdup_printf (_("Page %u"), pen->page);

  draw_right (pen, CONTENT_WIDTH, PAGE_HEIGHT - MARGIN, text, 8, FALSE);
}

static void
new_page (Pen *pen)
{
  cairo_show_page (pen->cr);
  pen->page++;
  pen->y = MARGIN;
  page_number (pen);
}

static char *
party_text (const AffariQuoteParty *party)
{
  GString *text = g_string_new (NULL);

  if (party == NULL)
    return g_string_free (text, FALSE);
  if (party->address != NULL && party->address[0] != '\0')
    g_string_append_printf (text, "%s\n", party->address);
  if (party->vat_id != NULL && party->vat_id[0] != '\0')
    /* Translators: the VAT number under a company's address ("P. IVA 01234567890") */
    g_string_append_printf (text, _("VAT no. %s"), party->vat_id);
  return g_string_free (text, FALSE);
}

static char *
quantity_text (gint64 milli, const char *unit)
{
  g_autofree char *number = g_strdup_printf ("%.15g", (double) milli / 1000.0);

  return unit != NULL && unit[0] != '\0' ? g_strdup_printf ("%s %s", number, unit) : g_steal_pointer (&number);
}

static char *
percent_text (int bp)
{
  return g_strdup_printf ("%.15g %%", (double) bp / 100.0);
}

static double
table_row (Pen *pen, const char * const cells[N_COLS], gboolean bold)
{
  double height = 0;
  PangoLayout *layouts[N_COLS];

  for (guint c = 0; c < N_COLS; c++)
    {
      layouts[c] = make_layout (pen, cells[c], bold ? 8 : 9, bold, columns[c].right ? 0 : columns[c].width,
                                PANGO_ALIGN_LEFT);
      height = MAX (height, layout_height (layouts[c]));
    }
  if (pen->y + height > BOTTOM)
    {
      for (guint c = 0; c < N_COLS; c++)
        g_object_unref (layouts[c]);
      return -1;
    }
  for (guint c = 0; c < N_COLS; c++)
    {
      double x = columns[c].x;

      if (columns[c].right)
        x += columns[c].width - layout_width (layouts[c]);
      cairo_move_to (pen->cr, MARGIN + x, pen->y);
      pango_cairo_show_layout (pen->cr, layouts[c]);
      g_object_unref (layouts[c]);
    }
  pen->y += height + 4;
  return height;
}

static void
table_header (Pen *pen)
{
  const char *cells[N_COLS] = {
    [COL_N] = C_("quote pdf", "No."),
    [COL_NAME] = C_("quote pdf", "Description"),
    [COL_QTY] = C_("quote pdf", "Quantity"),
    [COL_PRICE] = C_("quote pdf", "Price"),
    [COL_DISCOUNT] = C_("quote pdf", "Discount"),
    [COL_VAT] = C_("quote pdf", "VAT"),
    [COL_AMOUNT] = C_("quote pdf", "Amount"),
  };

  table_row (pen, cells, TRUE);
  rule (pen, 0.8);
  pen->y += 4;
}

/* A line of the totals: @label on the left of the amount column, @amount in it. */
static void
total_line (Pen *pen, const char *label, gint64 amount, const char *currency, gboolean bold)
{
  g_autofree char *money = affari_money_format (amount, currency);
  double height;

  if (pen->y + 14 > BOTTOM)
    new_page (pen);
  /* The labels end well before the amounts, which may be long ("€ 1.234.567,89"). */
  draw_right (pen, CONTENT_WIDTH - 120, pen->y, label, 10, bold);
  height = draw_right (pen, CONTENT_WIDTH, pen->y, money, 10, bold);
  pen->y += height + 3;
}

static int
compare_rates (gconstpointer a, gconstpointer b)
{
  int x = GPOINTER_TO_INT (a), y = GPOINTER_TO_INT (b);

  return x < y ? -1 : x > y;
}

static void
draw_quote (Pen *pen, const AffariQuotePdf *doc)
{
  AffariQuote *quote = doc->quote;
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (quote->created);
  g_autofree char *day = g_date_time_format (created, "%d/%m/%Y");
  g_autofree char *heading = NULL;
  g_autofree char *seller = party_text (doc->seller);
  g_autofree char *client = party_text (doc->client);
  g_autoptr(GHashTable) tax_by_rate = g_hash_table_new (NULL, NULL);
  g_autoptr(GList) rates = NULL;
  gint64 net = 0, tax = 0, total = 0;
  double left, right;

  page_number (pen);
  /* The seller, top left; the client, on the right (the window of an envelope). */
  left = draw_text (pen, 0, pen->y, doc->seller != NULL ? doc->seller->name : NULL, 14, TRUE, 260, PANGO_ALIGN_LEFT);
  left += draw_text (pen, 0, pen->y + left + 2, seller, 9, FALSE, 260, PANGO_ALIGN_LEFT) + 2;
  /* Translators: above the client's name in a quote's PDF ("Spett.le") */
  right = draw_text (pen, 270, pen->y + 40, C_("quote pdf", "To"), 9, FALSE, CONTENT_WIDTH - 270, PANGO_ALIGN_LEFT);
  right += draw_text (pen, 270, pen->y + 40 + right, doc->client != NULL ? doc->client->name : NULL, 11, TRUE,
                      CONTENT_WIDTH - 270, PANGO_ALIGN_LEFT);
  right += draw_text (pen, 270, pen->y + 40 + right + 2, client, 9, FALSE, CONTENT_WIDTH - 270, PANGO_ALIGN_LEFT) + 42;
  pen->y += MAX (left, right) + 30;

  /* Translators: the heading of a quote's PDF: its number and the day it was made */
  heading = g_strdup_printf (_("Quote no. %s of %s"), quote->number, day);
  paragraph (pen, heading, 14, TRUE, 4);
  paragraph (pen, quote->title, 11, FALSE, 16);

  table_header (pen);
  for (guint i = 0; i < doc->n_rows; i++)
    {
      AffariProductRow row = doc->rows[i];
      g_autofree char *n = NULL, *qty = NULL, *price = NULL, *discount = NULL, *vat = NULL, *amount = NULL;
      const char *cells[N_COLS];
      gint64 row_net;

      affari_product_row_compute (&row);
      row_net = row.row_total - row.row_tax;
      net += row_net;
      tax += row.row_tax;
      total += row.row_total;
      if (row.tax_rate_bp >= 0)
        {
          gpointer key = GINT_TO_POINTER (row.tax_rate_bp);
          gint64 *sum = g_hash_table_lookup (tax_by_rate, key);

          if (sum == NULL)
            {
              sum = g_new0 (gint64, 1);
              g_hash_table_insert (tax_by_rate, key, sum);
            }
          *sum += row.row_tax;
        }

      n = g_strdup_printf ("%u", i + 1);
      qty = quantity_text (row.quantity_milli, row.unit);
      price = affari_money_format (row.price_netto, quote->currency);
      discount = row.discount_sum == 0 ? g_strdup ("")
                 : row.discount_type == 2 ? percent_text (row.discount_rate_bp)
                 : affari_money_format (row.discount_sum, quote->currency);
      vat = row.tax_rate_bp < 0 ? g_strdup (C_("quote pdf", "none")) : percent_text (row.tax_rate_bp);
      amount = affari_money_format (row_net, quote->currency);
      cells[COL_N] = n;
      cells[COL_NAME] = row.name;
      cells[COL_QTY] = qty;
      cells[COL_PRICE] = price;
      cells[COL_DISCOUNT] = discount;
      cells[COL_VAT] = vat;
      cells[COL_AMOUNT] = amount;
      if (table_row (pen, cells, FALSE) < 0)
        {
          new_page (pen);
          table_header (pen);
          table_row (pen, cells, FALSE);
        }
    }
  rule (pen, 0.8);
  pen->y += 8;

  total_line (pen, _("Taxable amount"), net, quote->currency, FALSE);
  rates = g_hash_table_get_keys (tax_by_rate);
  rates = g_list_sort (rates, compare_rates);
  for (GList *l = rates; l != NULL; l = l->next)
    {
      g_autofree char *rate = percent_text (GPOINTER_TO_INT (l->data));
      /* Translators: a line of a quote's totals, the VAT of one rate ("IVA 22 %") */
      g_autofree char *label = g_strdup_printf (_("VAT %s"), rate);

      total_line (pen, label, *(gint64 *) g_hash_table_lookup (tax_by_rate, l->data), quote->currency, FALSE);
    }
  total_line (pen, _("Total"), total, quote->currency, TRUE);
  pen->y += 20;

  if (quote->valid_until != NULL && quote->valid_until[0] != '\0')
    {
      g_autofree char *until = affari_date_format (quote->valid_until);
      /* Translators: the validity of a quote in its PDF */
      g_autofree char *text = g_strdup_printf (_("Valid until %s"), until);

      paragraph (pen, text, 10, FALSE, 10);
    }
  if (quote->terms != NULL && quote->terms[0] != '\0')
    {
      paragraph (pen, _("Terms"), 10, TRUE, 2);
      paragraph (pen, quote->terms, 9, FALSE, 10);
    }
  if (quote->notes != NULL && quote->notes[0] != '\0')
    {
      paragraph (pen, _("Notes"), 10, TRUE, 2);
      paragraph (pen, quote->notes, 9, FALSE, 10);
    }

  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, tax_by_rate);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_free (value);
  }
}

/* ------------------------------------------------------------ public API */

gboolean
affari_quote_pdf_write (const AffariQuotePdf  *doc,
                        const char            *path,
                        GError               **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  Pen pen = { NULL, MARGIN, 1 };

  g_return_val_if_fail (doc != NULL && AFFARI_IS_QUOTE (doc->quote), FALSE);

  surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc->quote->title);
      pen.cr = cairo_create (surface);
      cairo_set_source_rgb (pen.cr, 0.1, 0.1, 0.1);
      draw_quote (&pen, doc);
      cairo_show_page (pen.cr);
      status = cairo_status (pen.cr);
      cairo_destroy (pen.cr);
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_IO, _("Cannot write the PDF “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
