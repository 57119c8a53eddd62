/* affari-store-quotes.c — quotes, their yearly numbers and their product rows
 *
 * A quote's rows live in quote_product, whose columns and arithmetic are deal_product's: both
 * are written and read by the same functions of affari-store-products.c. Changes are announced
 * as "settings-changed::quotes" after the commit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <sqlite3.h>

#include "affari-store-quotes.h"
#include "affari-store-private.h"
#include "model/affari-money.h"

#define QUOTE_COLUMNS \
  "q.id, q.number, q.title, q.status, q.company_id, q.contact_id, q.deal_id, q.lead_id, q.currency," \
  " q.amount, q.tax_value, q.valid_until, q.terms, q.notes, q.created, q.modified," \
  " coalesce (co.name, nullif (trim (ct.first_name || ' ' || ct.last_name), ''))," \
  " (q.company_id IS NOT NULL AND co.id IS NULL) OR (q.contact_id IS NOT NULL AND ct.id IS NULL)"
#define QUOTE_FROM \
  " FROM quote q LEFT JOIN company co ON co.id = q.company_id LEFT JOIN contact ct ON ct.id = q.contact_id"

/* ------------------------------------------------------------ auxiliary */

static gpointer
quote_from_row (sqlite3_stmt *stmt)
{
  AffariQuote *q = affari_quote_new ();

  q->id = sqlite3_column_int64 (stmt, 0);
  q->number = store_column_dup (stmt, 1);
  q->title = store_column_dup (stmt, 2);
  affari_quote_status_from_code ((const char *) sqlite3_column_text (stmt, 3), &q->status);
  q->company_id = sqlite3_column_int64 (stmt, 4);
  q->contact_id = sqlite3_column_int64 (stmt, 5);
  q->deal_id = sqlite3_column_int64 (stmt, 6);
  q->lead_id = sqlite3_column_int64 (stmt, 7);
  affari_quote_set_text (&q->currency, (const char *) sqlite3_column_text (stmt, 8));
  q->amount = sqlite3_column_int64 (stmt, 9);
  q->tax_value = sqlite3_column_int64 (stmt, 10);
  q->valid_until = store_column_dup (stmt, 11);
  q->terms = store_column_dup (stmt, 12);
  q->notes = store_column_dup (stmt, 13);
  q->created = sqlite3_column_int64 (stmt, 14);
  q->modified = sqlite3_column_int64 (stmt, 15);
  q->client_name = store_column_dup (stmt, 16);
  q->client_deleted = sqlite3_column_int (stmt, 17) != 0;
  return q;
}

/* What a person typed, checked before anything is written. */
static gboolean
check_quote (AffariStore *self, AffariQuote *quote, const AffariProductRow *rows, guint n_rows, GError **error)
{
  if (!store_check_line (quote->title, STORE_MAX_TITLE_CHARS, TRUE, _("The title"), error)
      || !store_check_text (quote->terms, STORE_MAX_TEXT_CHARS, FALSE, _("The terms"), error)
      || !store_check_text (quote->notes, STORE_MAX_TEXT_CHARS, FALSE, _("The notes"), error)
      || !store_check_product_rows (rows, n_rows, error))
    return FALSE;
  if (quote->status >= AFFARI_QUOTE_N_STATUSES)
    return store_set_invalid (error, _("Unknown status of a quote"));
  if (quote->currency == NULL || !affari_currency_is_valid (quote->currency))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a currency code"),
                   quote->currency != NULL ? quote->currency : "");
      return FALSE;
    }
  if (quote->valid_until != NULL && quote->valid_until[0] != '\0' && !affari_date_is_valid (quote->valid_until))
    return store_set_invalid (error, _("The validity date is not a valid day"));
  if (quote->company_id > 0
      && store_query_int (self, "SELECT count(*) FROM company WHERE id = ?", quote->company_id, 0) == 0)
    return store_set_invalid (error, _("The client of the quote was deleted: choose another one"));
  if (quote->contact_id > 0
      && store_query_int (self, "SELECT count(*) FROM contact WHERE id = ?", quote->contact_id, 0) == 0)
    return store_set_invalid (error, _("The contact of the quote was deleted: choose another one"));
  if (quote->deal_id > 0
      && store_query_int (self, "SELECT count(*) FROM deal WHERE id = ?", quote->deal_id, 0) == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal does not exist any more"));
      return FALSE;
    }
  return TRUE;
}

/* The amounts of quote @id from its rows (written as the deal's: sums of row_total, row_tax). */
static gboolean
write_rows (AffariStore *self, gint64 id, const AffariProductRow *rows, guint n_rows, GError **error)
{
  return store_write_product_rows (self, STORE_ROWS_QUOTE, id, rows, n_rows, NULL, error)
    && store_exec (self, error,
                   "UPDATE quote SET"
                   "  amount = (SELECT coalesce (sum (row_total), 0) FROM quote_product WHERE quote_id = ?1),"
                   "  tax_value = (SELECT coalesce (sum (row_tax), 0) FROM quote_product WHERE quote_id = ?1)"
                   " WHERE id = ?1", "x", id);
}

/* Reads back what the store computed (number, amounts, client) into @quote. */
static gboolean
refresh (AffariStore *self, AffariQuote *quote, GError **error)
{
  g_autoptr(AffariQuote) saved = affari_store_quote_get (self, quote->id, error);

  if (saved == NULL)
    return FALSE;
  affari_quote_set_text (&quote->number, saved->number);
  affari_quote_set_text (&quote->client_name, saved->client_name);
  quote->amount = saved->amount;
  quote->tax_value = saved->tax_value;
  quote->created = saved->created;
  quote->modified = saved->modified;
  quote->client_deleted = saved->client_deleted;
  return TRUE;
}

static const char *
empty_to_null (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : NULL;
}

/* ------------------------------------------------------------ public API */

gint64
affari_store_quote_create (AffariStore             *self,
                           AffariQuote             *quote,
                           const AffariProductRow  *rows,
                           guint                    n_rows,
                           GError                 **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *number = NULL;
  gint64 id = 0, seq;
  int year;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  g_return_val_if_fail (AFFARI_IS_QUOTE (quote), 0);

  if (!check_quote (self, quote, rows, n_rows, error))
    return 0;
  now = g_date_time_new_from_unix_local (affari_store_now (self));
  year = g_date_time_get_year (now);
  /* BEGIN IMMEDIATE: the write lock is held from here, so the highest number read below is
   * still the highest when the new one is written. */
  if (!store_tx_begin (self, error))
    return 0;
  /* On a team's server, the server's count too: the copy lacks the quotes of deals the login
   * may not read, the server those written earlier in this transaction. */
  seq = store_server_next_quote_seq (self, year, error);
  if (seq < 0)
    {
      store_tx_end (self, FALSE, NULL);
      return 0;
    }
  seq = MAX (seq, store_query_int (self, "SELECT coalesce (max (seq), 0) + 1 FROM quote WHERE year = ?", year, 1));
  number = g_strdup_printf ("%d/%03" G_GINT64_FORMAT, year, seq);
  id = store_new_id (self, "quote", error);
  ok = id >= 0 && store_exec (self, error,
                   "INSERT INTO quote (id, number, year, seq, title, status, company_id, contact_id, deal_id, lead_id,"
                   " currency, valid_until, terms, notes, created, modified)"
                   " VALUES (?, ?, ?, ?, trim (?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   "nsixssnnnnssssxx",
                   id, number, year, seq, quote->title, affari_quote_status_to_code (quote->status),
                   quote->company_id, quote->contact_id, quote->deal_id, quote->lead_id, quote->currency,
                   empty_to_null (quote->valid_until), empty_to_null (quote->terms), empty_to_null (quote->notes),
                   affari_store_now (self), affari_store_now (self));
  if (ok)
    id = sqlite3_last_insert_rowid (self->db);
  ok = ok && write_rows (self, id, rows, n_rows, error);
  if (ok)
    store_queue_settings (self, "quotes", 0);
  if (!store_tx_end (self, ok, error))
    return 0;
  quote->id = id;
  if (!refresh (self, quote, error))
    return 0;
  return id;
}

gboolean
affari_store_quote_update (AffariStore             *self,
                           AffariQuote             *quote,
                           const AffariProductRow  *rows,
                           guint                    n_rows,
                           GError                 **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (AFFARI_IS_QUOTE (quote), FALSE);

  if (store_query_int (self, "SELECT count(*) FROM quote WHERE id = ?", quote->id, 0) == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The quote does not exist any more"));
      return FALSE;
    }
  if (!check_quote (self, quote, rows, n_rows, error))
    return FALSE;
  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec (self, error,
                   "UPDATE quote SET title = trim (?), status = ?, company_id = ?, contact_id = ?, deal_id = ?,"
                   " lead_id = ?, currency = ?, valid_until = ?, terms = ?, notes = ?, modified = ? WHERE id = ?",
                   "ssnnnnssssxx", quote->title, affari_quote_status_to_code (quote->status),
                   quote->company_id, quote->contact_id, quote->deal_id, quote->lead_id, quote->currency,
                   empty_to_null (quote->valid_until), empty_to_null (quote->terms), empty_to_null (quote->notes),
                   affari_store_now (self), quote->id);
  ok = ok && write_rows (self, quote->id, rows, n_rows, error);
  if (ok)
    store_queue_settings (self, "quotes", 0);
  if (!store_tx_end (self, ok, error))
    return FALSE;
  return refresh (self, quote, error);
}

gboolean
affari_store_quote_delete (AffariStore  *self,
                           gint64        id,
                           GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_tx_begin (self, error))
    return FALSE;
  /* Deals made from it keep their number in the history; their link goes. */
  ok = store_exec (self, error, "UPDATE deal SET quote_id = NULL WHERE quote_id = ?", "x", id)
    && store_exec (self, error, "DELETE FROM quote WHERE id = ?", "x", id);
  if (ok)
    store_queue_settings (self, "quotes", 0);
  return store_tx_end (self, ok, error);
}

AffariQuote *
affari_store_quote_get (AffariStore  *self,
                        gint64        id,
                        GError      **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  return store_get_by_id (self, "SELECT " QUOTE_COLUMNS QUOTE_FROM " WHERE q.id = ?", id, quote_from_row,
                          _("The quote does not exist any more"), error);
}

GPtrArray *
affari_store_quote_list (AffariStore  *self,
                         int           status,
                         GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, "SELECT " QUOTE_COLUMNS QUOTE_FROM " WHERE ?1 IS NULL OR q.status = ?1"
                        " ORDER BY q.year DESC, q.seq DESC", error);
  if (stmt == NULL)
    return NULL;
  if (status >= 0 && status < AFFARI_QUOTE_N_STATUSES)
    store_bind_text (stmt, 1, affari_quote_status_to_code ((AffariQuoteStatus) status));
  else
    sqlite3_bind_null (stmt, 1);
  return store_collect (self, stmt, quote_from_row, "quotes", error);
}

GPtrArray *
affari_store_quote_list_for_deal (AffariStore  *self,
                                  gint64        deal_id,
                                  GError      **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  return store_collect_by_id (self, "SELECT " QUOTE_COLUMNS QUOTE_FROM " WHERE q.deal_id = ?"
                              " ORDER BY q.year DESC, q.seq DESC", deal_id, quote_from_row, "quotes", error);
}

GArray *
affari_store_quote_rows (AffariStore  *self,
                         gint64        id,
                         GError      **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  return store_read_product_rows (self, STORE_ROWS_QUOTE, id, error);
}

gboolean
affari_store_quote_client (AffariStore       *self,
                           AffariQuote       *quote,
                           AffariQuoteParty  *out,
                           GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  memset (out, 0, sizeof *out);
  stmt = store_prepare (self,
    "SELECT (?1 IS NOT NULL AND co.id IS NULL) OR (?2 IS NOT NULL AND ct.id IS NULL),"
    " coalesce (co.name, nullif (trim (ct.first_name || ' ' || ct.last_name), '')),"
    " coalesce (nullif (trim (co.address), ''), nullif (trim (co.city), '')),"
    " co.vat_id"
    " FROM (SELECT 1) LEFT JOIN company co ON co.id = ?1 LEFT JOIN contact ct ON ct.id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  store_bind_id (stmt, 1, quote->company_id);
  store_bind_id (stmt, 2, quote->contact_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return store_fail (self, error, rc, "quote client");
    }
  if (sqlite3_column_int (stmt, 0) != 0)
    {
      sqlite3_reset (stmt);
      return store_set_invalid (error, _("The client of the quote was deleted: choose another one"));
    }
  out->name = store_column_dup (stmt, 1);
  out->address = store_column_dup (stmt, 2);
  out->vat_id = store_column_dup (stmt, 3);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
affari_store_quote_note_deal (AffariStore  *self,
                              AffariQuote  *quote,
                              gint64        deal_id,
                              GError      **error)
{
  /* Translators: the history line of a deal made from a quote; %s is its number (2026/014). */
  g_autofree char *text = g_strdup_printf (_("Created from quote %s"), quote->number);

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  return store_add_event (self, deal_id, AFFARI_EVENT_CREATED, "QUOTE_ID", NULL, quote->number, text, error);
}

GArray *
affari_store_quote_deal_ids (AffariStore  *self,
                             gint64        id,
                             GError      **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  return store_select_ids (self, "SELECT id FROM deal d WHERE d.quote_id = ? AND " STORE_LIVE_DEAL " ORDER BY id",
                           id, error);
}

gint64
affari_store_quote_deal_contact (AffariStore *self,
                                 gint64       deal_id)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  return store_query_int (self, "SELECT contact_id FROM deal_contact WHERE deal_id = ?"
                          " ORDER BY is_primary DESC, sort LIMIT 1", deal_id, 0);
}

gint64
affari_store_quote_count (AffariStore *self)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  return store_query_int (self, "SELECT count(*) FROM quote", 0, 0);
}
