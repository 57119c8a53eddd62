/* affari-export-b24csv.c — the deals as Bitrix24's deal list exports them (CSV)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "model/affari-money.h"
#include "store/affari-store.h"
#include "store/affari-store-export.h"

#include "affari-csv.h"
#include "affari-export-b24csv.h"
#include "affari-file-sink.h"

#define PAGE_ROWS 500
#define FLUSH_BYTES (256 * 1024)

/* The columns of affari_store_export_b24_deals, in its order. */
enum {
  COL_ID, COL_TITLE, COL_PIPELINE, COL_STAGE, COL_SEMANTICS, COL_CURRENCY, COL_AMOUNT, COL_COMPANY,
  COL_CONTACT, COL_RESPONSIBLE, COL_BEGIN, COL_CLOSE, COL_CLOSED_AT, COL_COMMENTS, COL_SOURCE,
  COL_TYPE, COL_PROBABILITY, COL_CREATED, COL_CLOSED, N_COLS
};

typedef struct {
  AffariStore *store;
  AffariFileSink sink;
  GString *out;
  /* The product rows of the deal being written. */
  GPtrArray *products;       /* char * name */
  GArray *prices;            /* gint64 minor units */
  GArray *quantities;        /* gint64 thousandths */
} Writer;

/* A cell as Bitrix24 writes it: always quoted, then ';'. Text the user typed goes through the
 * list export's escaping (quotes doubled, formulas neutralised); @plain is for the figures made
 * here. */
static void
append_cell (GString *out, const char *text, gboolean plain)
{
  g_autofree char *escaped = NULL;

  if (text == NULL)
    text = "";
  if (plain)
    {
      g_string_append_c (out, '"');
      g_string_append (out, text);
      g_string_append (out, "\";");
      return;
    }
  escaped = affari_csv_escape_cell (text);
  /* affari_csv_escape_cell quotes only when needed, and anything with a quote it quotes. */
  if (escaped[0] == '"')
    g_string_append (out, escaped);
  else
    {
      g_string_append_c (out, '"');
      g_string_append (out, escaped);
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, ';');
}

static const char *
text_at (const AffariExportValue *values, guint col)
{
  return values[col].type == AFFARI_EXPORT_VALUE_TEXT ? values[col].text : NULL;
}

static gint64
number_at (const AffariExportValue *values, guint col)
{
  return values[col].type == AFFARI_EXPORT_VALUE_INT ? values[col].number : 0;
}

static gboolean
on_product_row (guint                    n_columns,
                const char * const      *names,
                const AffariExportValue *values,
                gpointer                 user_data,
                GError                 **error)
{
  Writer *w = user_data;
  const char *name = NULL;
  gint64 price = 0, quantity = 0;

  for (guint i = 0; i < n_columns; i++)
    {
      if (g_str_equal (names[i], "name"))
        name = text_at (values, i);
      else if (g_str_equal (names[i], "price"))
        price = number_at (values, i);
      else if (g_str_equal (names[i], "quantity_milli"))
        quantity = number_at (values, i);
    }
  g_ptr_array_add (w->products, g_strdup (name));
  g_array_append_val (w->prices, price);
  g_array_append_val (w->quantities, quantity);
  return TRUE;
}

/* Thousandths as Bitrix24's QUANTITY: "2", "1.5". */
static char *
format_quantity (gint64 milli)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT ".%03d", milli / 1000, (int) ABS (milli % 1000));
  char *end = text + strlen (text) - 1;

  while (*end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  return g_steal_pointer (&text);
}

static void
append_line (Writer *w, const AffariExportValue *values, const char *amount,
             const char *product, const char *price, const char *quantity)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, number_at (values, COL_ID));
  g_autofree char *probability = values[COL_PROBABILITY].type == AFFARI_EXPORT_VALUE_INT ?
                                 g_strdup_printf ("%" G_GINT64_FORMAT, values[COL_PROBABILITY].number) : NULL;
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (number_at (values, COL_CREATED));
  g_autofree char *created_text = created != NULL ? g_date_time_format (created, "%Y-%m-%d") : NULL;
  GString *out = w->out;

  append_cell (out, id, TRUE);
  append_cell (out, text_at (values, COL_TITLE), FALSE);
  append_cell (out, text_at (values, COL_PIPELINE), FALSE);
  append_cell (out, text_at (values, COL_STAGE), FALSE);
  append_cell (out, amount, TRUE);
  append_cell (out, text_at (values, COL_CURRENCY), FALSE);
  append_cell (out, text_at (values, COL_COMPANY), FALSE);
  append_cell (out, text_at (values, COL_CONTACT), FALSE);
  append_cell (out, text_at (values, COL_TYPE), FALSE);
  append_cell (out, probability, TRUE);
  append_cell (out, text_at (values, COL_SOURCE), FALSE);
  append_cell (out, text_at (values, COL_BEGIN), FALSE);
  append_cell (out, text_at (values, COL_CLOSE), FALSE);
  append_cell (out, number_at (values, COL_CLOSED) != 0 ? C_("Bitrix24 value", "Yes") : C_("Bitrix24 value", "No"), TRUE);
  append_cell (out, text_at (values, COL_COMMENTS), FALSE);
  append_cell (out, text_at (values, COL_RESPONSIBLE), FALSE);
  append_cell (out, created_text, TRUE);
  append_cell (out, product, FALSE);
  append_cell (out, price, TRUE);
  append_cell (out, quantity, TRUE);
  g_string_append_c (out, '\n');
}

static gboolean
on_deal_row (guint                    n_columns,
             const char * const      *names,
             const AffariExportValue *values,
             gpointer                 user_data,
             GError                 **error)
{
  Writer *w = user_data;

  g_return_val_if_fail (n_columns >= N_COLS, FALSE);

  g_ptr_array_set_size (w->products, 0);
  g_array_set_size (w->prices, 0);
  g_array_set_size (w->quantities, 0);
  if (!affari_store_export_children (w->store, AFFARI_EXPORT_DEAL_PRODUCT, number_at (values, COL_ID),
                                     on_product_row, w, error))
    return FALSE;

  if (w->products->len == 0)
    {
      g_autofree char *amount = affari_money_to_decimal (number_at (values, COL_AMOUNT));

      append_line (w, values, amount, NULL, NULL, NULL);
    }
  /* One line per product row, its amount round(price × quantity, 2) as Bitrix24 writes it. */
  for (guint i = 0; i < w->products->len; i++)
    {
      gint64 price = g_array_index (w->prices, gint64, i);
      gint64 quantity = g_array_index (w->quantities, gint64, i);
      gint64 product = price * quantity;
      gint64 line_total = (product + (product >= 0 ? 500 : -500)) / 1000;
      g_autofree char *amount = affari_money_to_decimal (line_total);
      g_autofree char *price_text = affari_money_to_decimal (price);
      g_autofree char *quantity_text = format_quantity (quantity);

      append_line (w, values, amount, g_ptr_array_index (w->products, i), price_text, quantity_text);
    }
  if (w->out->len >= FLUSH_BYTES)
    return affari_file_sink_write (&w->sink, w->out, error);
  return TRUE;
}

static gboolean
write_deals (Writer *w, AffariExportProgressFunc progress, gpointer user_data,
             GCancellable *cancellable, GError **error)
{
  /* Bitrix24's English titles (lang/en/component.php); the Italian catalog gives an Italian
   * session its own. */
  const char *titles[] = {
    "ID",
    C_("Bitrix24 column", "Deal Name"),
    C_("Bitrix24 column", "Pipeline"),
    C_("Bitrix24 column", "Stage"),
    C_("Bitrix24 column", "Income"),
    C_("Bitrix24 column", "Currency"),
    C_("Bitrix24 column", "Company"),
    C_("Bitrix24 column", "Contact"),
    C_("Bitrix24 column", "Type"),
    C_("Bitrix24 column", "Probability"),
    C_("Bitrix24 column", "Source"),
    C_("Bitrix24 column", "Start date"),
    C_("Bitrix24 column", "Assumed close date"),
    C_("Bitrix24 column", "Closed"),
    C_("Bitrix24 column", "Comment"),
    C_("Bitrix24 column", "Responsible"),
    C_("Bitrix24 column", "Created"),
    C_("Bitrix24 column", "Product"),
    C_("Bitrix24 column", "Price"),
    C_("Bitrix24 column", "Quantity"),
  };
  gint64 total = affari_store_export_b24_count (w->store, error);
  gint64 after = 0, done = 0;
  guint n_rows = PAGE_ROWS;

  if (total < 0)
    return FALSE;
  /* The BOM lets spreadsheets (and Bitrix24's import) read the accents as UTF-8. */
  g_string_append (w->out, "\xEF\xBB\xBF");
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    append_cell (w->out, titles[i], FALSE);
  g_string_append_c (w->out, '\n');

  while (n_rows == PAGE_ROWS)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!affari_store_export_b24_deals (w->store, after, PAGE_ROWS, on_deal_row, w, &after, &n_rows, error))
        return FALSE;
      done += n_rows;
      if (progress != NULL)
        progress (done, total, user_data);
    }
  return affari_file_sink_write (&w->sink, w->out, error);
}

gboolean
affari_export_b24csv (AffariStore              *store,
                      const char               *path,
                      AffariExportProgressFunc  progress,
                      gpointer                  user_data,
                      GCancellable             *cancellable,
                      GError                  **error)
{
  Writer w = { store, AFFARI_FILE_SINK_INIT, NULL, NULL, NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!affari_file_sink_open (&w.sink, path, error))
    return FALSE;
  w.out = g_string_sized_new (FLUSH_BYTES + 4096);
  w.products = g_ptr_array_new_with_free_func (g_free);
  w.prices = g_array_new (FALSE, FALSE, sizeof (gint64));
  w.quantities = g_array_new (FALSE, FALSE, sizeof (gint64));
  ok = affari_store_export_begin (store, error);
  if (ok)
    {
      ok = write_deals (&w, progress, user_data, cancellable, error);
      affari_store_export_end (store);
    }
  g_string_free (w.out, TRUE);
  g_ptr_array_unref (w.products);
  g_array_unref (w.prices);
  g_array_unref (w.quantities);
  return affari_file_sink_close (&w.sink, ok, ok ? error : NULL);
}
