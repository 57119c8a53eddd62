/* affari-store-recurring.c — template deals and their schedules (regular deals)
 *
 * A template deal is a full copy of a deal made with SQL (INSERT … SELECT), so that every field,
 * including those the deal object does not carry (extra keys of an import), goes along; a deal
 * made from a template is created by the deal operations (ops/affari-recurring.c) and only its
 * attachments — custom field values, product rows, contacts, extra keys — are copied here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <sqlite3.h>

#include "affari-store-recurring.h"
#include "affari-store-private.h"
#include "model/affari-deal-private.h"

/* Every column of a deal but its id, in the order of the copies below. */
#define DEAL_COPY_COLUMNS \
  "title, type_id, pipeline_id, stage_id, semantics, position, closed, opened, probability, currency, amount," \
  " is_manual_amount, tax_value, company_id, lead_id, quote_id, begin_date, close_date, comments, assigned_by_id," \
  " created_by_id, modify_by_id, moved_by_id, date_create, date_modify, moved_time, is_recurring," \
  " is_return_customer, is_repeated_approach, source_id, source_description, additional_info, originator_id," \
  " origin_id, deleted_at, closed_at"

#define TEMPLATE_COLUMNS \
  "r.id, r.deal_id, r.based_id, d.title, p.name, r.active, r.counter_repeat, r.next_date, r.last_date," \
  " r.mode, r.unit, r.interval_n, r.before_unit, r.before_value, r.start_date, r.is_limit, r.limit_repeat," \
  " r.limit_date, r.pipeline_id, r.begin_offset_unit, r.begin_offset_value, r.close_offset_unit," \
  " r.close_offset_value"
#define TEMPLATE_FROM \
  " FROM recurring r JOIN deal d ON d.id = r.deal_id" \
  " LEFT JOIN pipeline p ON p.id = coalesce (r.pipeline_id, d.pipeline_id)"

/* ------------------------------------------------------------ auxiliary */

static void
copy_day (char *dest, const char *text)
{
  g_strlcpy (dest, text != NULL ? text : "", AFFARI_DAY_TEXT_SIZE);
}

static AffariTimeUnit
unit_column (sqlite3_stmt *stmt, int col)
{
  AffariTimeUnit unit = AFFARI_TIME_UNIT_DAY;

  affari_time_unit_from_code ((const char *) sqlite3_column_text (stmt, col), &unit);
  return unit;
}

static AffariRecurringTemplate *
template_from_row (sqlite3_stmt *stmt)
{
  AffariRecurringTemplate *t = g_new0 (AffariRecurringTemplate, 1);
  AffariRecurrence *s = &t->settings;
  const char *limit = (const char *) sqlite3_column_text (stmt, 15);

  t->id = sqlite3_column_int64 (stmt, 0);
  t->deal_id = sqlite3_column_int64 (stmt, 1);
  t->based_id = sqlite3_column_int64 (stmt, 2);
  t->title = store_column_dup (stmt, 3);
  t->pipeline_name = store_column_dup (stmt, 4);
  t->active = sqlite3_column_int (stmt, 5) != 0;
  t->counter = (guint) sqlite3_column_int (stmt, 6);
  copy_day (t->next_date, (const char *) sqlite3_column_text (stmt, 7));
  copy_day (t->last_date, (const char *) sqlite3_column_text (stmt, 8));
  s->mode = affari_recurrence_mode_from_code ((const char *) sqlite3_column_text (stmt, 9));
  s->unit = unit_column (stmt, 10);
  s->interval = (guint) sqlite3_column_int (stmt, 11);
  s->before_unit = unit_column (stmt, 12);
  s->before_value = (guint) sqlite3_column_int (stmt, 13);
  copy_day (s->start_date, (const char *) sqlite3_column_text (stmt, 14));
  s->stop = affari_recurrence_stop_from_code (limit != NULL ? limit[0] : 'N');
  s->limit_times = (guint) sqlite3_column_int (stmt, 16);
  copy_day (s->limit_date, (const char *) sqlite3_column_text (stmt, 17));
  s->pipeline_id = sqlite3_column_int64 (stmt, 18);
  s->begin_offset = sqlite3_column_type (stmt, 19) != SQLITE_NULL;
  s->begin_unit = unit_column (stmt, 19);
  s->begin_value = (guint) sqlite3_column_int (stmt, 20);
  s->close_offset = sqlite3_column_type (stmt, 21) != SQLITE_NULL;
  s->close_unit = unit_column (stmt, 21);
  s->close_value = (guint) sqlite3_column_int (stmt, 22);
  return t;
}

static GPtrArray *
collect_templates (AffariStore   *self,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) affari_recurring_template_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, template_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (result);
      store_fail (self, error, rc, _("Cannot read the recurring templates"));
      return NULL;
    }
  return result;
}

static AffariRecurringTemplate *
get_one (AffariStore  *self,
         const char   *sql,
         gint64        id,
         GError      **error)
{
  sqlite3_stmt *stmt = store_prepare (self, sql, error);
  g_autoptr(GPtrArray) found = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  found = collect_templates (self, stmt, error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND,
                           _("The recurring template does not exist (any more)."));
      return NULL;
    }
  return g_ptr_array_steal_index (found, 0);
}

/* Binds the settings columns of the INSERT and UPDATE below, from parameter 2 on. */
static void
bind_settings (sqlite3_stmt           *stmt,
               const AffariRecurrence *s,
               const char             *next_date)
{
  char limit[2] = { affari_recurrence_stop_to_code (s->stop), '\0' };

  store_bind_id (stmt, 2, s->pipeline_id);
  store_bind_text (stmt, 3, affari_recurrence_mode_to_code (s->mode));
  store_bind_text (stmt, 4, affari_time_unit_to_code (s->unit));
  sqlite3_bind_int (stmt, 5, (int) MAX (s->interval, 1));
  store_bind_text (stmt, 6, affari_time_unit_to_code (s->before_unit));
  sqlite3_bind_int (stmt, 7, (int) s->before_value);
  store_bind_text (stmt, 8, s->start_date);
  store_bind_text (stmt, 9, limit);
  if (s->stop == AFFARI_RECURRENCE_STOP_TIMES)
    sqlite3_bind_int (stmt, 10, (int) s->limit_times);
  else
    sqlite3_bind_null (stmt, 10);
  store_bind_text (stmt, 11, s->stop == AFFARI_RECURRENCE_STOP_DATE ? s->limit_date : NULL);
  store_bind_text (stmt, 12, s->begin_offset ? affari_time_unit_to_code (s->begin_unit) : NULL);
  if (s->begin_offset)
    sqlite3_bind_int (stmt, 13, (int) s->begin_value);
  else
    sqlite3_bind_null (stmt, 13);
  store_bind_text (stmt, 14, s->close_offset ? affari_time_unit_to_code (s->close_unit) : NULL);
  if (s->close_offset)
    sqlite3_bind_int (stmt, 15, (int) s->close_value);
  else
    sqlite3_bind_null (stmt, 15);
  store_bind_text (stmt, 16, next_date);
  sqlite3_bind_int (stmt, 17, next_date != NULL);
}

static gboolean
check_pipeline (AffariStore             *self,
                const AffariRecurrence  *settings,
                GError                 **error)
{
  if (settings->pipeline_id <= 0
      || store_query_int (self, "SELECT count(*) FROM pipeline WHERE id = ?", settings->pipeline_id, 0) > 0)
    return TRUE;
  g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND,
                       _("The pipeline chosen for the new deals does not exist: choose one of the pipelines."));
  return FALSE;
}

/* The product rows of @from_deal onto @to_deal, in their order: one INSERT per row, since each row
 * takes an id of its own (store_new_id ()), which one INSERT … SELECT of them all could not ask for. */
static gboolean
copy_product_rows (AffariStore  *self,
                   gint64        from_deal,
                   gint64        to_deal,
                   GError      **error)
{
  g_autoptr(GArray) rows = store_select_ids (self, "SELECT id FROM deal_product WHERE deal_id = ? ORDER BY sort, id",
                                             from_deal, error);
  gboolean ok = rows != NULL;

  for (guint i = 0; ok && i < rows->len; i++)
    {
      gint64 id = store_new_id (self, "deal_product", error);

      ok = id >= 0 && store_exec (self, error,
                                  "INSERT INTO deal_product (id, deal_id, product_id, name, quantity_milli, unit,"
                                  " price_netto, price_exclusive, price_brutto, price, discount_type, discount_rate_bp,"
                                  " discount_sum, tax_rate_bp, tax_included, row_total, row_tax, sort)"
                                  " SELECT ?1, ?2, product_id, name, quantity_milli, unit, price_netto, price_exclusive,"
                                  " price_brutto, price, discount_type, discount_rate_bp, discount_sum, tax_rate_bp,"
                                  " tax_included, row_total, row_tax, sort FROM deal_product WHERE id = ?3",
                                  "nxx", id, to_deal, g_array_index (rows, gint64, i));
    }
  return ok;
}

/* ------------------------------------------------------------ public API */

gint64
affari_store_recurring_create (AffariStore             *self,
                               gint64                   deal_id,
                               const AffariRecurrence  *settings,
                               const char              *next_date,
                               GError                 **error)
{
  sqlite3_stmt *stmt;
  gint64 template_id = 0, id = 0;
  gint64 now;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  g_return_val_if_fail (settings != NULL, 0);

  if (!check_pipeline (self, settings, error) || !store_tx_begin (self, error))
    return 0;
  now = affari_store_now (self);

  switch (store_query_int (self, "SELECT CASE WHEN is_recurring THEN 2 WHEN deleted_at IS NOT NULL THEN 3 ELSE 1 END"
                                 " FROM deal WHERE id = ?", deal_id, 0))
    {
    case 1:
      ok = TRUE;
      break;
    case 2:
      ok = store_set_invalid (error, _("This deal is a recurring template already: change its repetition in its card."));
      break;
    case 3:
      ok = store_set_invalid (error, _("The deal is in the trash: restore it before making it recurring."));
      break;
    default:
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal does not exist (any more)."));
      ok = FALSE;
      break;
    }

  /* The template: the whole row, hidden, made now, open in the first stage of its pipeline (where
   * its deals start; a template of a won deal is not "won" itself, nor reopened from its card). */
  if (ok)
    {
      template_id = store_new_id (self, "deal", error);
      ok = template_id >= 0;
    }
  ok = ok && store_exec (self, error,
    "INSERT INTO deal (id, " DEAL_COPY_COLUMNS ")"
    " SELECT ?4, d.title, d.type_id, d.pipeline_id, s.id, s.semantics, d.position, 0, d.opened, d.probability,"
    " d.currency, d.amount, d.is_manual_amount, d.tax_value, d.company_id, d.lead_id, d.quote_id, d.begin_date,"
    " d.close_date, d.comments, d.assigned_by_id, ?2, ?2, d.moved_by_id, ?3, ?3, d.moved_time, 1,"
    " d.is_return_customer, d.is_repeated_approach, d.source_id, d.source_description, d.additional_info,"
    " d.originator_id, d.origin_id, NULL, NULL"
    " FROM deal d JOIN stage s ON s.id = (SELECT id FROM stage WHERE pipeline_id = d.pipeline_id"
    "                                     ORDER BY sort, id LIMIT 1)"
    " WHERE d.id = ?1", "xnxn", deal_id, self->current_user, now, template_id);
  if (ok)
    template_id = sqlite3_last_insert_rowid (self->db);
  ok = ok && affari_store_recurring_copy_into (self, &(AffariRecurringTemplate) { .deal_id = deal_id },
                                               template_id, NULL, error);
  /* Translators: the first line of a recurring template's history; %s is the original deal's number. */
  if (ok)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, deal_id);
      g_autofree char *text = g_strdup_printf (_("Recurring template made from deal #%s"), number);

      ok = store_add_event (self, template_id, AFFARI_EVENT_CREATED, NULL, NULL, NULL, text, error);
    }

  if (ok)
    {
      id = store_new_id (self, "recurring", error);
      ok = id >= 0;
    }
  stmt = ok ? store_prepare (self,
    "INSERT INTO recurring (id, deal_id, based_id, pipeline_id, mode, unit, interval_n, before_unit, before_value,"
    " start_date, is_limit, limit_repeat, limit_date, begin_offset_unit, begin_offset_value, close_offset_unit,"
    " close_offset_value, next_date, active)"
    " VALUES (?19, ?1, ?18, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)", error) : NULL;
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, template_id);
      bind_settings (stmt, settings, next_date);
      sqlite3_bind_int64 (stmt, 18, deal_id);
      store_bind_id (stmt, 19, id);
      ok = store_step_done (self, stmt, error);
      id = sqlite3_last_insert_rowid (self->db);
    }

  if (!store_tx_end (self, ok, error))
    return 0;
  return id;
}

gboolean
affari_store_recurring_update (AffariStore             *self,
                               gint64                   id,
                               const AffariRecurrence  *settings,
                               const char              *next_date,
                               GError                 **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  if (!check_pipeline (self, settings, error))
    return FALSE;
  if (store_query_int (self, "SELECT count(*) FROM recurring WHERE id = ?", id, 0) == 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND,
                           _("The recurring template does not exist (any more)."));
      return FALSE;
    }
  stmt = store_prepare (self,
    "UPDATE recurring SET pipeline_id = ?2, mode = ?3, unit = ?4, interval_n = ?5, before_unit = ?6,"
    " before_value = ?7, start_date = ?8, is_limit = ?9, limit_repeat = ?10, limit_date = ?11,"
    " begin_offset_unit = ?12, begin_offset_value = ?13, close_offset_unit = ?14, close_offset_value = ?15,"
    " next_date = ?16, active = ?17 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_settings (stmt, settings, next_date);
  return store_step_done (self, stmt, error);
}

gboolean
affari_store_recurring_delete (AffariStore  *self,
                               gint64        id,
                               GError      **error)
{
  gint64 deal_id;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_tx_begin (self, error))
    return FALSE;
  deal_id = store_query_int (self, "SELECT deal_id FROM recurring WHERE id = ?", id, 0);
  if (deal_id == 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND,
                           _("The recurring template does not exist (any more)."));
      ok = FALSE;
    }
  else
    /* The schedule goes with its deal (ON DELETE CASCADE), and so do its attachments. */
    ok = store_exec (self, error, "DELETE FROM deal WHERE id = ? AND is_recurring = 1", "x", deal_id);
  return store_tx_end (self, ok, error);
}

GPtrArray *
affari_store_recurring_list (AffariStore  *self,
                             GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, "SELECT " TEMPLATE_COLUMNS TEMPLATE_FROM " ORDER BY d.title COLLATE NOCASE, r.id", error);
  return stmt != NULL ? collect_templates (self, stmt, error) : NULL;
}

AffariRecurringTemplate *
affari_store_recurring_get (AffariStore  *self,
                            gint64        id,
                            GError      **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);
  return get_one (self, "SELECT " TEMPLATE_COLUMNS TEMPLATE_FROM " WHERE r.id = ?", id, error);
}

AffariRecurringTemplate *
affari_store_recurring_get_by_deal (AffariStore  *self,
                                    gint64        deal_id,
                                    GError      **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);
  return get_one (self, "SELECT " TEMPLATE_COLUMNS TEMPLATE_FROM " WHERE r.deal_id = ?", deal_id, error);
}

GPtrArray *
affari_store_recurring_list_due (AffariStore  *self,
                                 const char   *today,
                                 GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  stmt = store_prepare (self,
    "SELECT " TEMPLATE_COLUMNS TEMPLATE_FROM
    " WHERE r.active = 1 AND r.next_date IS NOT NULL AND r.next_date <= ? AND d.deleted_at IS NULL"
    " ORDER BY r.next_date, r.id", error);
  if (stmt == NULL)
    return NULL;
  store_bind_text (stmt, 1, today);
  return collect_templates (self, stmt, error);
}

AffariDeal *
affari_store_recurring_new_deal (AffariStore                    *self,
                                 const AffariRecurringTemplate  *tmpl,
                                 const char                     *begin_date,
                                 const char                     *close_date,
                                 GError                        **error)
{
  g_autoptr(AffariDeal) source = NULL;
  AffariDeal *deal;
  gint64 pipeline_id;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);
  g_return_val_if_fail (tmpl != NULL, NULL);

  source = affari_store_get_deal (self, tmpl->deal_id, error);
  if (source == NULL)
    return NULL;

  pipeline_id = tmpl->settings.pipeline_id > 0 ? tmpl->settings.pipeline_id : source->pipeline_id;
  deal = affari_deal_copy (source);
  affari_deal_set_id_internal (deal, 0);
  deal->is_recurring = FALSE;
  deal->pipeline_id = pipeline_id;
  /* Always the first stage of the pipeline, whatever the template's stage (Bitrix24's
   * GetStartStageID). */
  deal->stage_id = store_query_int (self, "SELECT id FROM stage WHERE pipeline_id = ? ORDER BY sort, id LIMIT 1",
                                    pipeline_id, 0);
  if (deal->stage_id == 0)
    {
      g_object_unref (deal);
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND,
                           _("The pipeline of the new deals does not exist any more: choose another one in the template."));
      return NULL;
    }
  if (begin_date != NULL)
    {
      g_free (deal->begin_date);
      deal->begin_date = g_strdup (begin_date);
    }
  if (close_date != NULL)
    {
      g_free (deal->close_date);
      deal->close_date = g_strdup (close_date);
    }
  g_clear_pointer (&deal->closed_at, g_free);
  deal->closed = FALSE;
  deal->opened = TRUE;
  return deal;
}

gboolean
affari_store_recurring_copy_into (AffariStore                    *self,
                                  const AffariRecurringTemplate  *tmpl,
                                  gint64                          new_deal_id,
                                  const char                     *due,
                                  GError                        **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (tmpl != NULL, FALSE);

  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec (self, error,
                   "INSERT INTO deal_field_value (deal_id, field_id, value)"
                   " SELECT ?1, field_id, value FROM deal_field_value WHERE deal_id = ?2",
                   "xx", new_deal_id, tmpl->deal_id)
    && copy_product_rows (self, tmpl->deal_id, new_deal_id, error)
    && store_exec (self, error,
                   "INSERT INTO deal_contact (deal_id, contact_id, sort, role_id, is_primary)"
                   " SELECT ?1, contact_id, sort, role_id, is_primary FROM deal_contact WHERE deal_id = ?2",
                   "xx", new_deal_id, tmpl->deal_id)
    && store_exec (self, error,
                   "INSERT OR REPLACE INTO deal_extra (deal_id, key, value)"
                   " SELECT ?1, key, value FROM deal_extra WHERE deal_id = ?2",
                   "xx", new_deal_id, tmpl->deal_id);

  if (ok && due != NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, tmpl->id);
      g_autofree char *day = affari_day_display (due);
      /* Translators: the history line of a deal made by a recurring template; the first %s is
       * the template's number, the second the day it was due (27/11/2026). */
      g_autofree char *text = g_strdup_printf (_("Created from template #%s, due on %s"), number, day);

      ok = store_add_event (self, new_deal_id, AFFARI_EVENT_CREATED, "RECURRING_ID", NULL, number, text, error);
    }
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_recurring_advance (AffariStore  *self,
                                gint64        id,
                                guint         counter,
                                const char   *last_date,
                                const char   *next_date,
                                GError      **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  return store_exec (self, error,
                     "UPDATE recurring SET counter_repeat = ?, last_date = ?, next_date = ?, active = ?,"
                     " last_run = ? WHERE id = ?",
                     "xssixx", (gint64) counter, last_date, next_date, (int) (next_date != NULL),
                     affari_store_now (self), id);
}

char *
affari_store_recurring_next_due (AffariStore  *self,
                                 GError      **error)
{
  char *day;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  (void) error;
  day = store_query_text (self, "SELECT min(next_date) FROM recurring WHERE active = 1", 0);
  return day != NULL ? day : g_strdup ("");
}
