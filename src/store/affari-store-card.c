/* affari-store-card.c — what the deal card needs beyond the core store: rescheduling activities,
 * the trash (Cestino) list and its 30-day purge, the product-row arithmetic helpers, the stage
 * a reopened deal goes back to, and custom (UF_CRM_*) fields with their values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
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

/* ---------------------------------------------------------------- reopen */

gint64
affari_store_find_reopen_stage (AffariStore *self,
                                gint64       deal_id,
                                GError     **error)
{
  sqlite3_stmt *stmt;
  DealPlace place;
  gint64 stage_id = 0;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  if (!store_deal_place (self, deal_id, &place, error))
    return 0;

  /* Where the deal was before it was closed: its last in-progress stage that still exists in
   * the pipeline it is in now (stages can be deleted, deals moved between pipelines). */
  stmt = store_prepare (self,
                        "SELECT h.stage_id FROM deal_stage_history h"
                        " JOIN stage s ON s.id = h.stage_id AND s.pipeline_id = ?"
                        " WHERE h.deal_id = ? AND h.semantics = ?"
                        " ORDER BY h.created_time DESC, h.id DESC LIMIT 1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, place.pipeline_id);
  sqlite3_bind_int64 (stmt, 2, deal_id);
  store_bind_text (stmt, 3, affari_semantics_to_code (AFFARI_SEMANTICS_PROCESS));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    stage_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      store_set_sqlite_error (error, self->db, rc, "stage history");
      return 0;
    }
  if (stage_id != 0)
    return stage_id;

  /* No history (an imported deal): the last step before closing. */
  stmt = store_prepare (self,
                        "SELECT id FROM stage WHERE pipeline_id = ? AND semantics = ?"
                        " ORDER BY sort DESC, id DESC LIMIT 1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, place.pipeline_id);
  store_bind_text (stmt, 2, affari_semantics_to_code (AFFARI_SEMANTICS_PROCESS));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    stage_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      store_set_sqlite_error (error, self->db, rc, "stages");
      return 0;
    }
  if (stage_id == 0)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT, _("The pipeline has no in-progress stage"));
  return stage_id;
}

/* --------------------------------------------------------- custom fields */

#define MAX_FIELD_CODE_CHARS 50
#define FIELD_CODE_PREFIX "UF_CRM_"

static const char * const field_kinds[] = {
  [AFFARI_FIELD_STRING] = "string",
  [AFFARI_FIELD_DOUBLE] = "double",
  [AFFARI_FIELD_MONEY] = "money",
  [AFFARI_FIELD_DATE] = "date",
  [AFFARI_FIELD_BOOLEAN] = "boolean",
  [AFFARI_FIELD_ENUMERATION] = "enumeration",
  [AFFARI_FIELD_URL] = "url",
};

const char *
affari_field_kind_to_string (AffariFieldKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (field_kinds), "string");

  return field_kinds[kind];
}

gboolean
affari_field_kind_from_string (const char      *text,
                               AffariFieldKind *out_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_kinds); i++)
    if (g_strcmp0 (text, field_kinds[i]) == 0)
      {
        *out_kind = (AffariFieldKind) i;
        return TRUE;
      }
  return FALSE;
}

static void
field_item_clear (gpointer data)
{
  AffariFieldItem *item = data;

  g_clear_pointer (&item->value, g_free);
}

static AffariCustomField *
custom_field_new (void)
{
  AffariCustomField *field = g_new0 (AffariCustomField, 1);

  field->items = g_array_new (FALSE, TRUE, sizeof (AffariFieldItem));
  g_array_set_clear_func (field->items, field_item_clear);
  return field;
}

void
affari_custom_field_free (AffariCustomField *field)
{
  if (field == NULL)
    return;
  g_free (field->code);
  g_free (field->label);
  g_clear_pointer (&field->items, g_array_unref);
  g_free (field);
}

static gboolean
load_field_items (AffariStore       *self,
                  AffariCustomField *field,
                  GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = store_prepare (self, "SELECT id, value FROM custom_field_item WHERE field_id = ? ORDER BY sort, id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, field->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AffariFieldItem item = { sqlite3_column_int64 (stmt, 0), store_column_dup (stmt, 1) };

      g_array_append_val (field->items, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return store_set_sqlite_error (error, self->db, rc, "custom field items");
  return TRUE;
}

GPtrArray *
affari_store_list_custom_fields (AffariStore *self,
                                 GError     **error)
{
  g_autoptr(GPtrArray) fields = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self,
                        "SELECT id, code, label, kind, mandatory, show_in_list, sort FROM custom_field"
                        " ORDER BY sort, id", error);
  if (stmt == NULL)
    return NULL;
  fields = g_ptr_array_new_with_free_func ((GDestroyNotify) affari_custom_field_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AffariCustomField *field = custom_field_new ();
      g_autofree char *kind = store_column_dup (stmt, 3);

      field->id = sqlite3_column_int64 (stmt, 0);
      field->code = store_column_dup (stmt, 1);
      field->label = store_column_dup (stmt, 2);
      if (!affari_field_kind_from_string (kind, &field->kind))
        field->kind = AFFARI_FIELD_STRING;
      field->mandatory = sqlite3_column_int (stmt, 4) != 0;
      field->show_in_list = sqlite3_column_int (stmt, 5) != 0;
      field->sort = sqlite3_column_int (stmt, 6);
      g_ptr_array_add (fields, field);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      store_set_sqlite_error (error, self->db, rc, "custom fields");
      return NULL;
    }
  for (guint i = 0; i < fields->len; i++)
    {
      AffariCustomField *field = g_ptr_array_index (fields, i);

      if (field->kind == AFFARI_FIELD_ENUMERATION && !load_field_items (self, field, error))
        return NULL;
    }
  return g_steal_pointer (&fields);
}

static AffariCustomField *
get_custom_field (AffariStore *self,
                  gint64       field_id,
                  GError     **error)
{
  g_autoptr(GPtrArray) fields = affari_store_list_custom_fields (self, error);

  for (guint i = 0; fields != NULL && i < fields->len; i++)
    if (((AffariCustomField *) g_ptr_array_index (fields, i))->id == field_id)
      return g_ptr_array_steal_index (fields, i);
  if (fields != NULL)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The field does not exist any more"));
  return NULL;
}

static char *
normalize_field_code (const char  *code,
                      GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (code != NULL ? code : ""));
  g_autofree char *upper = g_ascii_strup (trimmed, -1);
  g_autofree char *full = NULL;

  if (*upper == '\0')
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("The field needs a code"));
      return NULL;
    }
  full = g_str_has_prefix (upper, FIELD_CODE_PREFIX) ? g_strdup (upper) : g_strconcat (FIELD_CODE_PREFIX, upper, NULL);
  if (strlen (full) <= strlen (FIELD_CODE_PREFIX))
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("The field needs a code"));
      return NULL;
    }
  for (const char *p = full; *p != '\0'; p++)
    if (!g_ascii_isupper (*p) && !g_ascii_isdigit (*p) && *p != '_')
      {
        g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                     _("“%s” is not a field code: use only letters A–Z, digits and _"), code);
        return NULL;
      }
  if (strlen (full) > MAX_FIELD_CODE_CHARS)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                   _("The field code is too long (at most %u characters)"), MAX_FIELD_CODE_CHARS);
      return NULL;
    }
  return g_steal_pointer (&full);
}

gint64
affari_store_create_custom_field (AffariStore        *self,
                                  AffariFieldKind     kind,
                                  const char         *code,
                                  const char         *label,
                                  gboolean            mandatory,
                                  gboolean            show_in_list,
                                  const char * const *items,
                                  GError            **error)
{
  g_autofree char *full_code = NULL;
  g_autofree char *trimmed_label = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (field_kinds), 0);

  full_code = normalize_field_code (code, error);
  if (full_code == NULL)
    return 0;
  trimmed_label = g_strstrip (g_strdup (label != NULL ? label : ""));
  if (!store_check_text (trimmed_label, MAX_TITLE_CHARS, TRUE, _("The field name"), error))
    return 0;
  if (kind == AFFARI_FIELD_ENUMERATION && (items == NULL || items[0] == NULL))
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("A list field needs at least one item"));
      return 0;
    }
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    if (!store_check_text (items[i], MAX_TITLE_CHARS, TRUE, _("A list item"), error))
      return 0;
  stmt = store_prepare (self, "SELECT 1 FROM custom_field WHERE code = ?", error);
  if (stmt == NULL)
    return 0;
  store_bind_text (stmt, 1, full_code);
  ok = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (ok)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT, _("A field with the code “%s” already exists"), full_code);
      return 0;
    }

  if (!store_tx_begin (self, error))
    return 0;
  stmt = store_prepare (self,
                        "INSERT INTO custom_field (code, label, kind, mandatory, show_in_list, sort)"
                        " VALUES (?, ?, ?, ?, ?, (SELECT COALESCE (MAX (sort), 0) + 100 FROM custom_field))", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_text (stmt, 1, full_code);
      store_bind_text (stmt, 2, trimmed_label);
      store_bind_text (stmt, 3, field_kinds[kind]);
      sqlite3_bind_int (stmt, 4, mandatory ? 1 : 0);
      sqlite3_bind_int (stmt, 5, show_in_list ? 1 : 0);
      ok = store_step_done (self, stmt, error);
      id = sqlite3_last_insert_rowid (self->db);
    }
  for (guint i = 0; ok && kind == AFFARI_FIELD_ENUMERATION && items[i] != NULL; i++)
    {
      stmt = store_prepare (self, "INSERT INTO custom_field_item (field_id, value, sort) VALUES (?, ?, ?)", error);
      ok = stmt != NULL;
      if (ok)
        {
          g_autofree char *value = g_strstrip (g_strdup (items[i]));

          sqlite3_bind_int64 (stmt, 1, id);
          store_bind_text (stmt, 2, value);
          sqlite3_bind_int (stmt, 3, (int) (i + 1) * 10);
          ok = store_step_done (self, stmt, error);
        }
    }
  if (ok)
    store_queue_settings (self, "custom-fields", 0);
  if (!store_tx_end (self, ok, error))
    return 0;
  return id;
}

GHashTable *
affari_store_get_deal_field_values (AffariStore *self,
                                    gint64       deal_id,
                                    GError     **error)
{
  g_autoptr(GHashTable) values = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, "SELECT field_id, value FROM deal_field_value WHERE deal_id = ? AND value IS NOT NULL", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  values = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (values, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                         store_column_dup (stmt, 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      store_set_sqlite_error (error, self->db, rc, "custom field values");
      return NULL;
    }
  return g_steal_pointer (&values);
}

static const char *
field_item_value (const AffariCustomField *field,
                  gint64                   item_id)
{
  for (guint i = 0; field->items != NULL && i < field->items->len; i++)
    if (g_array_index (field->items, AffariFieldItem, i).id == item_id)
      return g_array_index (field->items, AffariFieldItem, i).value;
  return NULL;
}

/* @value in the machine form of @field's kind, or NULL with the reason. */
static char *
normalize_field_value (const AffariCustomField *field,
                       const char              *value,
                       GError                 **error)
{
  g_autofree char *text = g_strstrip (g_strdup (value));

  switch (field->kind)
    {
    case AFFARI_FIELD_STRING:
      if (!store_check_text (text, MAX_TEXT_CHARS, FALSE, field->label, error))
        return NULL;
      return g_steal_pointer (&text);

    case AFFARI_FIELD_DOUBLE:
      {
        char *end = NULL;
        double number = g_ascii_strtod (text, &end);
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        if (end == text || *end != '\0' || !isfinite (number) || g_ascii_isspace (*text))
          break;
        return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, number));
      }

    case AFFARI_FIELD_MONEY:
      {
        char *bar = strchr (text, '|');
        gint64 minor;
        g_autofree char *decimal = NULL;

        if (bar == NULL)
          break;
        *bar = '\0';
        if (!affari_currency_is_valid (bar + 1) || !affari_money_parse_decimal (text, &minor, NULL))
          break;
        decimal = affari_money_to_decimal (minor);
        return g_strdup_printf ("%s|%s", decimal, bar + 1);
      }

    case AFFARI_FIELD_DATE:
      if (!affari_date_is_valid (text))
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a valid date"), text);
          return NULL;
        }
      return g_steal_pointer (&text);

    case AFFARI_FIELD_BOOLEAN:
      if (g_str_equal (text, "1") || g_str_equal (text, "Y"))
        return g_strdup ("1");
      if (g_str_equal (text, "0") || g_str_equal (text, "N"))
        return g_strdup ("0");
      break;

    case AFFARI_FIELD_ENUMERATION:
      {
        char *end = NULL;
        gint64 item_id = g_ascii_strtoll (text, &end, 10);

        if (end == text || *end != '\0' || field_item_value (field, item_id) == NULL)
          {
            g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not an item of the list “%s”"),
                         text, field->label);
            return NULL;
          }
        return g_strdup_printf ("%" G_GINT64_FORMAT, item_id);
      }

    case AFFARI_FIELD_URL:
      {
        g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
        const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
        gboolean web = g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0 || g_strcmp0 (scheme, "ftp") == 0;

        if (strlen (text) > 2000 || strchr (text, ' ') != NULL ||
            !((web && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0') ||
              (g_strcmp0 (scheme, "mailto") == 0 && strchr (text, '@') != NULL)))
          {
            g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                         _("“%s” is not a web address: write it as https://example.com"), text);
            return NULL;
          }
        return g_steal_pointer (&text);
      }
    }

  g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a valid value for “%s”"), text, field->label);
  return NULL;
}

char *
affari_custom_field_format_value (const AffariCustomField *field,
                                  const char              *value)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (value == NULL || *value == '\0')
    return g_strdup ("");

  switch (field->kind)
    {
    case AFFARI_FIELD_DOUBLE:
      {
        double number = g_ascii_strtod (value, NULL);
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];
        char *comma;

        /* Shortest exact form, with the locale's decimal separator. */
        g_ascii_dtostr (buffer, sizeof buffer, number);
        comma = strchr (buffer, '.');
        if (comma != NULL && strcmp (localeconv ()->decimal_point, ",") == 0)
          *comma = ',';
        return g_strdup (buffer);
      }

    case AFFARI_FIELD_MONEY:
      {
        g_auto(GStrv) parts = g_strsplit (value, "|", 2);
        gint64 minor = 0;

        if (parts[0] == NULL || !affari_money_parse_decimal (parts[0], &minor, NULL))
          return g_strdup (value);
        return affari_money_format (minor, parts[1]);
      }

    case AFFARI_FIELD_DATE:
      return affari_date_format (value);

    case AFFARI_FIELD_BOOLEAN:
      return g_strdup (g_str_equal (value, "1") ? _("Yes") : _("No"));

    case AFFARI_FIELD_ENUMERATION:
      {
        const char *item = field_item_value (field, g_ascii_strtoll (value, NULL, 10));

        return g_strdup (item != NULL ? item : value);
      }

    case AFFARI_FIELD_STRING:
    case AFFARI_FIELD_URL:
    default:
      return g_strdup (value);
    }
}

gboolean
affari_store_set_deal_field_value (AffariStore *self,
                                   gint64       deal_id,
                                   gint64       field_id,
                                   const char  *value,
                                   GError     **error)
{
  g_autoptr(AffariCustomField) field = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *trimmed = NULL;
  sqlite3_stmt *stmt;
  gint64 stage;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  field = get_custom_field (self, field_id, error);
  if (field == NULL)
    return FALSE;
  stage = store_deal_stage (self, deal_id);
  if (stage == 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal does not exist any more"));
      return FALSE;
    }

  trimmed = g_strstrip (g_strdup (value != NULL ? value : ""));
  if (*trimmed != '\0')
    {
      normalized = normalize_field_value (field, value, error);
      if (normalized == NULL)
        return FALSE;
    }
  if (normalized == NULL && field->mandatory)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("%s cannot be empty"), field->label);
      return FALSE;
    }

  stmt = store_prepare (self, "SELECT value FROM deal_field_value WHERE deal_id = ? AND field_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  sqlite3_bind_int64 (stmt, 2, field_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    old_value = store_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (g_strcmp0 (old_value != NULL && *old_value != '\0' ? old_value : NULL, normalized) == 0)
    return TRUE;

  old_text = affari_custom_field_format_value (field, old_value);
  new_text = affari_custom_field_format_value (field, normalized);
  /* The same sentence as the built-in fields: "Budget: € 100,00 → € 120,00". */
  text = g_strdup_printf (_("%s: %s → %s"), field->label,
                          *old_text != '\0' ? old_text : _("(empty)"),
                          *new_text != '\0' ? new_text : _("(empty)"));

  if (!store_tx_begin (self, error))
    return FALSE;
  if (normalized != NULL)
    {
      stmt = store_prepare (self,
                            "INSERT INTO deal_field_value (deal_id, field_id, value) VALUES (?, ?, ?)"
                            " ON CONFLICT (deal_id, field_id) DO UPDATE SET value = excluded.value", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, deal_id);
          sqlite3_bind_int64 (stmt, 2, field_id);
          store_bind_text (stmt, 3, normalized);
          ok = store_step_done (self, stmt, error);
        }
    }
  else
    {
      stmt = store_prepare (self, "DELETE FROM deal_field_value WHERE deal_id = ? AND field_id = ?", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, deal_id);
          sqlite3_bind_int64 (stmt, 2, field_id);
          ok = store_step_done (self, stmt, error);
        }
    }
  if (ok)
    ok = store_add_event (self, deal_id, AFFARI_EVENT_FIELD, field->code, old_text, new_text, text, error);
  if (ok)
    store_queue_deal (self, deal_id, stage, stage);
  return store_tx_end (self, ok, error);
}
