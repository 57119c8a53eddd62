/* affari-store-products.c — the product catalogue, the product rows of a deal and their arithmetic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "affari-store.h"
#include "affari-schema.h"
#include "affari-store-private.h"
#include "model/affari-deal-private.h"
#include "model/affari-money.h"

/* ----------------------------------------------------------------- products */

#define PRODUCT_COLUMNS "SELECT id, name, unit, price, currency, vat_rate, vat_included FROM product"

gint64
affari_store_create_product (AffariStore *self, AffariProduct *product, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;
  gint64 id = 0;
  const char *currency;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  currency = affari_product_get_currency (product);
  if (!store_check_line (affari_product_get_name (product), STORE_MAX_TITLE_CHARS, TRUE, _("The product name"), error))
    return 0;
  if (currency != NULL && !affari_currency_is_valid (currency))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a currency code"), currency);
      return 0;
    }
  if (!store_tx_begin (self, error))
    return 0;
  id = store_new_id (self, "product", error);
  stmt = id < 0 ? NULL
    : store_prepare (self, "INSERT INTO product (id, name, unit, price, currency, vat_rate, vat_included)"
                     " VALUES (?, trim(?), coalesce(?, 'pz'), ?, coalesce(?, 'EUR'), ?, ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_id (stmt, 1, id);
      store_bind_text (stmt, 2, affari_product_get_name (product));
      store_bind_text (stmt, 3, affari_product_get_unit (product));
      sqlite3_bind_int64 (stmt, 4, affari_product_get_price (product));
      store_bind_text (stmt, 5, currency);
      sqlite3_bind_int (stmt, 6, affari_product_get_vat_rate (product));
      sqlite3_bind_int (stmt, 7, affari_product_get_vat_included (product));
      ok = store_step_done (self, stmt, error);
      id = sqlite3_last_insert_rowid (self->db);
    }
  if (ok)
    store_queue_settings (self, "products", 0);
  if (!store_tx_end (self, ok, error))
    return 0;
  g_object_set (product, "id", id, NULL);
  return id;
}

GPtrArray *
affari_store_list_products (AffariStore *self, GError **error)
{
  sqlite3_stmt *stmt;
  GPtrArray *result;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, PRODUCT_COLUMNS " WHERE active = 1 ORDER BY name COLLATE NOCASE, id", error);
  if (stmt == NULL)
    return NULL;
  result = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, g_object_new (AFFARI_TYPE_PRODUCT,
                                           "id", sqlite3_column_int64 (stmt, 0),
                                           "name", (const char *) sqlite3_column_text (stmt, 1),
                                           "unit", (const char *) sqlite3_column_text (stmt, 2),
                                           "price", sqlite3_column_int64 (stmt, 3),
                                           "currency", (const char *) sqlite3_column_text (stmt, 4),
                                           "vat-rate", sqlite3_column_int (stmt, 5),
                                           "vat-included", sqlite3_column_int (stmt, 6) != 0,
                                           NULL));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (result);
      store_fail (self, error, rc, "products");
      return NULL;
    }
  return result;
}

gboolean
store_recompute_amount (AffariStore *self, gint64 deal_id, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self,
    "UPDATE deal SET"
    "  amount = (SELECT coalesce(sum(row_total), 0) FROM deal_product WHERE deal_id = ?1),"
    "  tax_value = (SELECT coalesce(sum(row_tax), 0) FROM deal_product WHERE deal_id = ?1)"
    " WHERE id = ?1 AND is_manual_amount = 0"
    "   AND EXISTS (SELECT 1 FROM deal_product WHERE deal_id = ?1)"
    /* an unchanged amount is not rewritten (nor are the indexes over it) */
    "   AND (amount, tax_value) IS NOT ((SELECT coalesce(sum(row_total), 0) FROM deal_product WHERE deal_id = ?1),"
    "                                  (SELECT coalesce(sum(row_tax), 0) FROM deal_product WHERE deal_id = ?1))", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  return store_step_done (self, stmt, error);
}

/* A quantity in thousandths as people write it, with the locale's decimal comma: "2", "3,5". */
static char *
quantity_text (gint64 milli)
{
  return g_strdup_printf ("%.15g", (double) milli / 1000.0);
}

/* A rate in basis points: "10 %", "12,5 %". */
static char *
percent_text (int bp)
{
  return g_strdup_printf ("%.15g %%", (double) bp / 100.0);
}

static char *
discount_text (const AffariProductRow *row, const char *currency)
{
  return row->discount_type == 1 ? affari_money_format (row->discount_sum, currency) : percent_text (row->discount_rate_bp);
}

static char *
tax_text (const AffariProductRow *row)
{
  return row->tax_rate_bp < 0 ? g_strdup (_("no VAT")) : percent_text (row->tax_rate_bp);
}

/* "Sedia: quantità 2 → 3" when @old_text and @new_text differ; takes both. */
static void
note_row_change (GPtrArray *parts, const char *format, const char *name, char *old_text, char *new_text)
{
  if (g_strcmp0 (old_text, new_text) != 0)
    g_ptr_array_add (parts, g_strdup_printf (format, name, old_text, new_text));
  g_free (old_text);
  g_free (new_text);
}

static gboolean
same_product (const AffariProductRow *old_row, const AffariProductRow *row)
{
  g_autofree char *name = g_strstrip (g_strdup (row->name != NULL ? row->name : ""));

  return old_row->product_id == row->product_id && g_strcmp0 (old_row->name, name) == 0;
}

/* What the new rows change of the old ones, one sentence each: rows added or removed by their
 * product's name, and for the same product a quantity, price, discount or VAT from → to. A row
 * is the same when it keeps its id, else when it names the same product. */
static GPtrArray *
describe_row_changes (GArray *old_rows, const AffariProductRow *rows, guint n_rows, const char *currency)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree gboolean *used = g_new0 (gboolean, old_rows->len + 1);

  for (guint i = 0; i < n_rows; i++)
    {
      const AffariProductRow *row = &rows[i];
      const AffariProductRow *was;
      g_autofree char *name = g_strstrip (g_strdup (row->name != NULL ? row->name : ""));
      AffariProductRow computed = *row;
      int found = -1;

      for (guint j = 0; found < 0 && row->id != 0 && j < old_rows->len; j++)
        if (!used[j] && g_array_index (old_rows, AffariProductRow, j).id == row->id)
          found = (int) j;
      for (guint j = 0; found < 0 && j < old_rows->len; j++)
        if (!used[j] && same_product (&g_array_index (old_rows, AffariProductRow, j), row))
          found = (int) j;
      if (found < 0)
        {
          g_ptr_array_add (parts, g_strdup_printf (_("Product added: %s"), name));
          continue;
        }
      used[found] = TRUE;
      was = &g_array_index (old_rows, AffariProductRow, found);
      affari_product_row_compute (&computed);
      /* Translators: a product row's change in the history, "Sedia: quantità 2 → 3". */
      note_row_change (parts, _("%s: quantity %s → %s"), name, quantity_text (was->quantity_milli),
                       quantity_text (computed.quantity_milli));
      note_row_change (parts, _("%s: price %s → %s"), name, affari_money_format (was->price_netto, currency),
                       affari_money_format (computed.price_netto, currency));
      note_row_change (parts, _("%s: discount %s → %s"), name, discount_text (was, currency),
                       discount_text (&computed, currency));
      note_row_change (parts, _("%s: VAT %s → %s"), name, tax_text (was), tax_text (&computed));
    }
  for (guint j = 0; j < old_rows->len; j++)
    if (!used[j])
      g_ptr_array_add (parts, g_strdup_printf (_("Product removed: %s"), g_array_index (old_rows, AffariProductRow, j).name));

  return parts;
}

gboolean
affari_store_set_product_rows (AffariStore *self, gint64 deal_id, const AffariProductRow *rows,
                               guint n_rows, GError **error)
{
  gint64 stage, total = 0;
  g_autofree char *currency = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GArray) old_rows = NULL;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  stage = store_deal_stage (self, deal_id);
  if (stage == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal does not exist any more"));
      return FALSE;
    }
  if (!store_check_product_rows (rows, n_rows, error))
    return FALSE;

  if (!store_tx_begin (self, error))
    return FALSE;
  old_rows = affari_store_list_product_rows (self, deal_id, error);
  ok = old_rows != NULL;
  ok = ok && store_write_product_rows (self, STORE_ROWS_DEAL, deal_id, rows, n_rows, &total, error);
  ok = ok && store_recompute_amount (self, deal_id, error);
  if (ok)
    {
      g_autoptr(GPtrArray) parts = NULL;

      currency = store_query_text (self, "SELECT currency FROM deal WHERE id = ?", deal_id);
      total_text = affari_money_format (total, currency);
      parts = describe_row_changes (old_rows, rows, n_rows, currency);
      if (parts->len > 0)
        {
          g_autofree char *changes = NULL;

          g_ptr_array_add (parts, NULL);
          changes = g_strjoinv ("; ", (char **) parts->pdata);
          /* Translators: %s are the changes of the product rows, then the new total. */
          text = g_strdup_printf (_("%s (total %s)"), changes, total_text);
        }
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Products: %u row, total %s",
                                             "Products: %u rows, total %s", n_rows),
                                n_rows, total_text);
      ok = store_add_event (self, deal_id, AFFARI_EVENT_PRODUCT, "PRODUCT_ROWS", NULL, total_text, text, error);
    }
  if (ok)
    store_queue_deal (self, deal_id, stage, stage);
  return store_tx_end (self, ok, error);
}

GArray *
affari_store_list_product_rows (AffariStore *self, gint64 deal_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  return store_read_product_rows (self, STORE_ROWS_DEAL, deal_id, error);
}

/* The same columns for every owner of rows (deal_product, quote_product): only the table and
 * the owner's column differ, and they are never user data. */
#define ROWS_SELECT(table, owner) \
  "SELECT id, product_id, name, quantity_milli, unit, price_netto, price_exclusive, price_brutto, price," \
  " discount_type, discount_rate_bp, discount_sum, tax_rate_bp, tax_included, row_total, row_tax" \
  " FROM " table " WHERE " owner " = ? ORDER BY sort, id"
#define ROWS_INSERT(table, owner) \
  "INSERT INTO " table " (id, " owner ", product_id, name, quantity_milli, unit, price_netto, price_exclusive," \
  " price_brutto, price, discount_type, discount_rate_bp, discount_sum, tax_rate_bp, tax_included," \
  " row_total, row_tax, sort) VALUES (?, ?, ?, trim(?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define ROWS_DELETE(table, owner) "DELETE FROM " table " WHERE " owner " = ?"

static const struct {
  const char *table;
  const char *select;
  const char *insert;
  const char *delete;
} rows_sql[] = {
  [STORE_ROWS_DEAL] = { "deal_product", ROWS_SELECT ("deal_product", "deal_id"),
                        ROWS_INSERT ("deal_product", "deal_id"), ROWS_DELETE ("deal_product", "deal_id") },
  [STORE_ROWS_QUOTE] = { "quote_product", ROWS_SELECT ("quote_product", "quote_id"),
                         ROWS_INSERT ("quote_product", "quote_id"), ROWS_DELETE ("quote_product", "quote_id") },
};

gboolean
store_check_product_rows (const AffariProductRow *rows, guint n_rows, GError **error)
{
  for (guint i = 0; i < n_rows; i++)
    {
      if (!store_check_line (rows[i].name, STORE_MAX_TITLE_CHARS, TRUE, _("The product name"), error))
        return FALSE;
      if (rows[i].quantity_milli <= 0)
        return store_set_invalid (error, _("The quantity must be greater than zero"));
      if (rows[i].discount_type != 1 && rows[i].discount_type != 2)
        return store_set_invalid (error, _("Unknown kind of discount"));
      if (rows[i].tax_rate_bp > 10000 || rows[i].discount_rate_bp < 0 || rows[i].discount_rate_bp > 10000)
        return store_set_invalid (error, _("A percentage must be between 0 and 100"));
    }
  return TRUE;
}

gboolean
store_write_product_rows (AffariStore *self, StoreRowsOwner owner, gint64 owner_id, const AffariProductRow *rows,
                          guint n_rows, gint64 *out_total, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 total = 0;
  gboolean ok;

  ok = store_exec (self, error, rows_sql[owner].delete, "x", owner_id);
  if (ok)
    stmt = store_prepare (self, rows_sql[owner].insert, error);
  ok = ok && stmt != NULL;
  for (guint i = 0; ok && i < n_rows; i++)
    {
      AffariProductRow row = rows[i];
      gint64 id = store_new_id (self, rows_sql[owner].table, error);

      if (id < 0)
        {
          ok = FALSE;
          break;
        }
      affari_product_row_compute (&row);
      total += row.row_total;
      store_bind_id (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, owner_id);
      store_bind_id (stmt, 3, row.product_id);
      store_bind_text (stmt, 4, row.name);
      sqlite3_bind_int64 (stmt, 5, row.quantity_milli);
      store_bind_text (stmt, 6, row.unit);
      sqlite3_bind_int64 (stmt, 7, row.price_netto);
      sqlite3_bind_int64 (stmt, 8, row.price_exclusive);
      sqlite3_bind_int64 (stmt, 9, row.price_brutto);
      sqlite3_bind_int64 (stmt, 10, row.price);
      sqlite3_bind_int (stmt, 11, row.discount_type);
      sqlite3_bind_int (stmt, 12, row.discount_rate_bp);
      sqlite3_bind_int64 (stmt, 13, row.discount_sum);
      if (row.tax_rate_bp < 0)
        sqlite3_bind_null (stmt, 14);
      else
        sqlite3_bind_int (stmt, 14, row.tax_rate_bp);
      sqlite3_bind_int (stmt, 15, row.tax_included);
      sqlite3_bind_int64 (stmt, 16, row.row_total);
      sqlite3_bind_int64 (stmt, 17, row.row_tax);
      sqlite3_bind_int (stmt, 18, (int) i * 10);
      ok = store_step_done (self, stmt, error);
    }
  if (out_total != NULL)
    *out_total = total;
  return ok;
}

GArray *
store_read_product_rows (AffariStore *self, StoreRowsOwner owner, gint64 owner_id, GError **error)
{
  sqlite3_stmt *stmt;
  GArray *result;
  int rc;

  stmt = store_prepare (self, rows_sql[owner].select, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, owner_id);
  result = g_array_new (FALSE, TRUE, sizeof (AffariProductRow));
  g_array_set_clear_func (result, (GDestroyNotify) affari_product_row_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AffariProductRow row = {
        .id = sqlite3_column_int64 (stmt, 0),
        .product_id = sqlite3_column_int64 (stmt, 1),
        .name = store_column_dup (stmt, 2),
        .quantity_milli = sqlite3_column_int64 (stmt, 3),
        .unit = store_column_dup (stmt, 4),
        .price_netto = sqlite3_column_int64 (stmt, 5),
        .price_exclusive = sqlite3_column_int64 (stmt, 6),
        .price_brutto = sqlite3_column_int64 (stmt, 7),
        .price = sqlite3_column_int64 (stmt, 8),
        .discount_type = sqlite3_column_int (stmt, 9),
        .discount_rate_bp = sqlite3_column_int (stmt, 10),
        .discount_sum = sqlite3_column_int64 (stmt, 11),
        .tax_rate_bp = sqlite3_column_type (stmt, 12) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 12),
        .tax_included = sqlite3_column_int (stmt, 13) != 0,
        .row_total = sqlite3_column_int64 (stmt, 14),
        .row_tax = sqlite3_column_int64 (stmt, 15),
      };
      g_array_append_val (result, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_array_unref (result);
      store_fail (self, error, rc, "product rows");
      return NULL;
    }
  return result;
}

/* ------------------------------------------------------------ products */

gboolean
affari_store_update_product (AffariStore *self, AffariProduct *product, GError **error)
{
  const char *currency;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (AFFARI_IS_PRODUCT (product), FALSE);

  currency = affari_product_get_currency (product);
  if (!store_check_line (affari_product_get_name (product), STORE_MAX_TITLE_CHARS, TRUE, _("The product name"), error) ||
      !store_check_line (affari_product_get_unit (product), STORE_MAX_TITLE_CHARS, FALSE, _("The unit"), error))
    return FALSE;
  if (currency != NULL && !affari_currency_is_valid (currency))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a currency code"), currency);
      return FALSE;
    }
  if (affari_product_get_price (product) < 0)
    return store_set_invalid (error, _("The price cannot be negative"));
  if (affari_product_get_vat_rate (product) < 0 || affari_product_get_vat_rate (product) > 10000)
    return store_set_invalid (error, _("The VAT rate is between 0 and 100 %"));
  if (store_query_int (self, "SELECT count(*) FROM product WHERE id = ? AND active = 1", affari_product_get_id (product), 0) == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The product does not exist any more"));
      return FALSE;
    }
  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec (self, error, "UPDATE product SET name = trim(?), unit = coalesce(nullif(trim(?), ''), 'pz'), price = ?,"
                    " currency = coalesce(?, currency), vat_rate = ?, vat_included = ? WHERE id = ?", "ssxsiix", affari_product_get_name (product), affari_product_get_unit (product), (gint64) (affari_product_get_price (product)), currency, (int) (affari_product_get_vat_rate (product)), (int) (affari_product_get_vat_included (product)), (gint64) (affari_product_get_id (product)));
  if (ok)
    store_queue_settings (self, "products", 0);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_delete_product (AffariStore *self, gint64 product_id, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_tx_begin (self, error))
    return FALSE;
  /* Rows of deals keep their own copy of name and prices: the product only leaves the catalogue. */
  ok = store_exec_id (self, "UPDATE product SET active = 0 WHERE id = ?", product_id, error);
  if (ok)
    store_queue_settings (self, "products", 0);
  return store_tx_end (self, ok, error);
}

/* ------------------------------------------------------- product arithmetic */
