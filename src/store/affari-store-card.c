/* affari-store-card.c — what the deal card needs beyond the core store: rescheduling activities,
 * the trash (Cestino) list and its 30-day purge, and the product-row arithmetic helpers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "affari-store.h"
#include "affari-store-private.h"
#include "model/affari-money.h"

/* ----------------------------------------------------------- activities */

gboolean
affari_store_reschedule_activity (AffariStore *self,
                                  gint64       activity_id,
                                  gint64       deadline,
                                  GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *subject = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) old_dt = NULL;
  g_autoptr(GDateTime) new_dt = NULL;
  AffariActivityType type = AFFARI_ACTIVITY_TASK;
  gint64 deal_id = 0, old_deadline = 0, stage;
  gboolean found = FALSE;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (deadline <= 0)
    return store_set_invalid (error, _("The activity needs a deadline"));

  stmt = store_prepare (self, "SELECT deal_id, kind, subject, deadline FROM activity WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      deal_id = sqlite3_column_int64 (stmt, 0);
      kind = store_column_dup (stmt, 1);
      subject = store_column_dup (stmt, 2);
      old_deadline = sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (!found)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The activity does not exist any more"));
      return FALSE;
    }
  if (old_deadline == deadline)
    return TRUE;

  stage = store_deal_stage (self, deal_id);
  affari_activity_type_from_string (kind, &type);
  old_dt = g_date_time_new_from_unix_local (old_deadline);
  new_dt = g_date_time_new_from_unix_local (deadline);
  old_text = g_date_time_format (old_dt, "%d/%m/%Y %H:%M");
  new_text = g_date_time_format (new_dt, "%d/%m/%Y %H:%M");

  if (!store_tx_begin (self, error))
    return FALSE;
  stmt = store_prepare (self, "UPDATE activity SET deadline = ? WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, deadline);
      sqlite3_bind_int64 (stmt, 2, activity_id);
      ok = store_step_done (self, stmt, error);
    }
  if (ok)
    {
      /* Translators: history; "Call rescheduled: Offer follow-up, 27/11/2026 10:00 → 30/11/2026 11:00" */
      text = g_strdup_printf (_("%s rescheduled: %s, %s → %s"),
                              affari_activity_type_label (type), subject, old_text, new_text);
      ok = store_add_event (self, deal_id, AFFARI_EVENT_ACTIVITY, "DEADLINE", old_text, new_text, text, error);
    }
  if (ok && stage != 0)
    store_queue_deal (self, deal_id, stage, stage);
  return store_tx_end (self, ok, error);
}

gint64
affari_activity_default_deadline (gint64 now)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) hour = NULL;
  int added = 0;

  day = g_date_time_ref (start);
  /* Three working days ahead: Saturdays and Sundays do not count. */
  while (added < 3)
    {
      GDateTime *next = g_date_time_add_days (day, 1);

      g_date_time_unref (day);
      day = next;
      if (g_date_time_get_day_of_week (day) <= 5)
        added++;
    }

  /* Rounded up to the next full hour (an exact hour stays). */
  hour = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day), g_date_time_get_hour (day), 0, 0);
  if (g_date_time_get_minute (day) != 0 || g_date_time_get_second (day) != 0)
    {
      GDateTime *next = g_date_time_add_hours (hour, 1);

      g_date_time_unref (hour);
      hour = next;
    }
  return g_date_time_to_unix (hour);
}

/* ----------------------------------------------------------------- trash */

GPtrArray *
affari_store_list_trash (AffariStore *self,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GArray) ids = NULL;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, "SELECT id FROM deal WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      store_set_sqlite_error (error, self->db, rc, "trash");
      return NULL;
    }
  return affari_store_load_deals (self, (const gint64 *) ids->data, ids->len, error);
}

gboolean
affari_store_purge_trash (AffariStore *self,
                          guint        days,
                          guint       *n_purged,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GArray) ids = NULL;
  gint64 limit;
  gboolean ok;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (n_purged != NULL)
    *n_purged = 0;
  limit = affari_store_now (self) - (gint64) days * 24 * 3600;

  stmt = store_prepare (self, "SELECT id FROM deal WHERE deleted_at IS NOT NULL AND deleted_at < ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, limit);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return store_set_sqlite_error (error, self->db, rc, "trash");
  if (ids->len == 0)
    return TRUE;

  /* All or nothing: one transaction for the whole purge. */
  if (!store_tx_begin (self, error))
    return FALSE;
  ok = TRUE;
  for (guint i = 0; ok && i < ids->len; i++)
    ok = affari_store_purge_deal (self, g_array_index (ids, gint64, i), error);
  if (!store_tx_end (self, ok, error))
    return FALSE;
  if (n_purged != NULL)
    *n_purged = ids->len;
  return TRUE;
}

/* ------------------------------------------------------- product arithmetic */

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
