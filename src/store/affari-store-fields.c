/* affari-store-fields.c — custom (UF_CRM_*) fields, their items and their values
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

/* ------------------------------------------------------------ custom fields */

static gboolean
field_exists (AffariStore *self, gint64 field_id, GError **error)
{
  if (store_query_int (self, "SELECT count(*) FROM custom_field WHERE id = ?", field_id, 0) == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The field does not exist any more"));
      return FALSE;
    }
  return TRUE;
}

gboolean
affari_store_update_custom_field (AffariStore *self, gint64 field_id, const char *label,
                                  gboolean mandatory, gboolean show_in_list, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_check_line (label, STORE_MAX_TITLE_CHARS, TRUE, _("The field name"), error) || !field_exists (self, field_id, error))
    return FALSE;
  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec (self, error, "UPDATE custom_field SET label = trim(?), mandatory = ?, show_in_list = ? WHERE id = ?", "siix", label, (int) (mandatory ? 1 : 0), (int) (show_in_list ? 1 : 0), (gint64) (field_id));
  if (ok)
    store_queue_settings (self, "custom-fields", 0);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_delete_custom_field (AffariStore *self, gint64 field_id, GError **error)
{
  g_autofree char *code = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!field_exists (self, field_id, error))
    return FALSE;
  code = store_query_text (self, "SELECT code FROM custom_field WHERE id = ?", field_id);
  if (!store_tx_begin (self, error))
    return FALSE;
  /* Values and list items go with it (ON DELETE CASCADE); the card layouts forget it. */
  ok = store_exec_id (self, "DELETE FROM custom_field WHERE id = ?", field_id, error);
  stmt = ok ? store_prepare (self, "DELETE FROM card_element WHERE field = ?", error) : NULL;
  ok = ok && stmt != NULL;
  if (ok)
    {
      store_bind_text (stmt, 1, code);
      ok = store_step_done (self, stmt, error);
    }
  if (ok)
    store_queue_settings (self, "custom-fields", 0);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_reorder_custom_fields (AffariStore *self, const gint64 *ids, guint n_ids, GError **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if ((guint) store_query_int (self, "SELECT count(*) FROM custom_field WHERE id > ?", 0, 0) != n_ids ||
      !store_ids_distinct (ids, n_ids))
    return store_set_invalid (error, _("The fields changed meanwhile: try again"));
  if (!store_tx_begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < n_ids; i++)
    {
      sqlite3_stmt *stmt = store_prepare (self, "UPDATE custom_field SET sort = ? WHERE id = ?", error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int (stmt, 1, ((int) i + 1) * 100);
          sqlite3_bind_int64 (stmt, 2, ids[i]);
          ok = store_step_done (self, stmt, error) && sqlite3_changes (self->db) == 1;
          if (!ok && error != NULL && *error == NULL)
            store_set_invalid (error, _("The fields changed meanwhile: try again"));
        }
    }
  if (ok)
    store_queue_settings (self, "custom-fields", 0);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_set_custom_field_items (AffariStore *self, gint64 field_id, const AffariFieldItem *items,
                                     guint n_items, GError **error)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (gint64));
  AffariCustomField *field = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  fields = affari_store_list_custom_fields (self, error);
  if (fields == NULL)
    return FALSE;
  for (guint i = 0; i < fields->len; i++)
    if (((AffariCustomField *) g_ptr_array_index (fields, i))->id == field_id)
      field = g_ptr_array_index (fields, i);
  if (field == NULL)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The field does not exist any more"));
      return FALSE;
    }
  if (field->kind != AFFARI_FIELD_ENUMERATION)
    return store_set_invalid (error, _("Only list fields have items"));
  if (n_items == 0)
    return store_set_invalid (error, _("A list field needs at least one item"));
  for (guint i = 0; i < n_items; i++)
    {
      gboolean known = items[i].id == 0;

      if (!store_check_line (items[i].value, STORE_MAX_TITLE_CHARS, TRUE, _("A list item"), error))
        return FALSE;
      for (guint j = 0; !known && j < field->items->len; j++)
        known = g_array_index (field->items, AffariFieldItem, j).id == items[i].id;
      if (!known)
        return store_set_invalid (error, _("The list changed meanwhile: try again"));
    }
  for (guint j = 0; j < field->items->len; j++)
    {
      gint64 id = g_array_index (field->items, AffariFieldItem, j).id;
      gboolean kept = FALSE;

      for (guint i = 0; i < n_items; i++)
        kept = kept || items[i].id == id;
      if (!kept)
        g_array_append_val (removed, id);
    }

  if (!store_tx_begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < n_items; i++)
    {
      g_autofree char *value = g_strstrip (g_strdup (items[i].value));
      gint64 new_id = items[i].id == 0 ? store_new_id (self, "custom_field_item", error) : 0;
      sqlite3_stmt *stmt = new_id < 0 ? NULL
        : items[i].id == 0
        ? store_prepare (self, "INSERT INTO custom_field_item (id, value, sort, field_id) VALUES (?4, ?1, ?2, ?3)", error)
        : store_prepare (self, "UPDATE custom_field_item SET value = ?, sort = ? WHERE id = ?", error);

      ok = stmt != NULL;
      if (ok)
        {
          if (items[i].id == 0)
            store_bind_id (stmt, 4, new_id);
          store_bind_text (stmt, 1, value);
          sqlite3_bind_int (stmt, 2, ((int) i + 1) * 10);
          sqlite3_bind_int64 (stmt, 3, items[i].id == 0 ? field_id : items[i].id);
          ok = store_step_done (self, stmt, error);
        }
    }
  for (guint r = 0; ok && r < removed->len; r++)
    {
      gint64 item_id = g_array_index (removed, gint64, r);
      g_autofree char *item_text = g_strdup_printf ("%" G_GINT64_FORMAT, item_id);
      g_autoptr(GArray) deals = NULL;
      sqlite3_stmt *stmt = store_prepare (self, "SELECT deal_id FROM deal_field_value WHERE field_id = ? AND value = ?", error);
      int rc;

      ok = stmt != NULL;
      if (!ok)
        break;
      sqlite3_bind_int64 (stmt, 1, field_id);
      store_bind_text (stmt, 2, item_text);
      deals = g_array_new (FALSE, FALSE, sizeof (gint64));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 deal_id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (deals, deal_id);
        }
      sqlite3_reset (stmt);
      for (guint d = 0; ok && d < deals->len; d++)
        {
          gint64 deal_id = g_array_index (deals, gint64, d);
          g_autofree char *shown = affari_custom_field_format_value (field, item_text);
          g_autofree char *text = g_strdup_printf (_("%s: %s → %s"), field->label, shown, _("(empty)"));
          gint64 stage = store_deal_stage (self, deal_id);

          ok = store_add_event (self, deal_id, AFFARI_EVENT_FIELD, field->code, shown, NULL, text, error);
          if (ok && stage != 0)
            store_queue_deal (self, deal_id, stage, stage);
        }
      stmt = ok ? store_prepare (self, "DELETE FROM deal_field_value WHERE field_id = ? AND value = ?", error) : NULL;
      ok = ok && stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, field_id);
          store_bind_text (stmt, 2, item_text);
          ok = store_step_done (self, stmt, error);
        }
      ok = ok && store_exec_id (self, "DELETE FROM custom_field_item WHERE id = ?", item_id, error);
    }
  if (ok)
    store_queue_settings (self, "custom-fields", 0);
  return store_tx_end (self, ok, error);
}

GHashTable *
affari_store_get_field_values_for_deals (AffariStore *self, const gint64 *deal_ids, guint n_ids, GError **error)
{
  g_autoptr(GHashTable) result = NULL;
  g_autoptr(GString) json = g_string_new ("[");
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  result = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", deal_ids[i]);
  g_string_append_c (json, ']');

  /* One statement whatever the number of ids: they travel as a JSON array. */
  stmt = store_prepare (self,
    "SELECT deal_id, field_id, value FROM deal_field_value"
    " WHERE deal_id IN (SELECT value FROM json_each(?)) AND value IS NOT NULL", error);
  if (stmt == NULL)
    return NULL;
  store_bind_text (stmt, 1, json->str);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 deal_id = sqlite3_column_int64 (stmt, 0);
      GHashTable *values = g_hash_table_lookup (result, &deal_id);

      if (values == NULL)
        {
          values = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
          g_hash_table_insert (result, g_memdup2 (&deal_id, sizeof deal_id), values);
        }
      g_hash_table_insert (values, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 1) }, sizeof (gint64)),
                           store_column_dup (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      store_fail (self, error, rc, "custom field values");
      return NULL;
    }
  return g_steal_pointer (&result);
}

/* --------------------------------------------------------- custom fields */

#define MAX_FIELD_CODE_CHARS 50
#define FIELD_CODE_PREFIX "UF_CRM_"

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
    return store_fail (self, error, rc, "custom field items");
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
      AffariCustomField *field = affari_custom_field_new ();
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
      store_fail (self, error, rc, "custom fields");
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
  g_return_val_if_fail ((guint) kind <= AFFARI_FIELD_URL, 0);

  full_code = normalize_field_code (code, error);
  if (full_code == NULL)
    return 0;
  trimmed_label = g_strstrip (g_strdup (label != NULL ? label : ""));
  if (!store_check_line (trimmed_label, STORE_MAX_TITLE_CHARS, TRUE, _("The field name"), error))
    return 0;
  if (kind == AFFARI_FIELD_ENUMERATION && (items == NULL || items[0] == NULL))
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("A list field needs at least one item"));
      return 0;
    }
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    if (!store_check_line (items[i], STORE_MAX_TITLE_CHARS, TRUE, _("A list item"), error))
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
  id = store_new_id (self, "custom_field", error);
  stmt = id < 0 ? NULL : store_prepare (self,
                        "INSERT INTO custom_field (id, code, label, kind, mandatory, show_in_list, sort)"
                        " VALUES (?, ?, ?, ?, ?, ?, (SELECT COALESCE (MAX (sort), 0) + 100 FROM custom_field))", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_id (stmt, 1, id);
      store_bind_text (stmt, 2, full_code);
      store_bind_text (stmt, 3, trimmed_label);
      store_bind_text (stmt, 4, affari_field_kind_to_string (kind));
      sqlite3_bind_int (stmt, 5, mandatory ? 1 : 0);
      sqlite3_bind_int (stmt, 6, show_in_list ? 1 : 0);
      ok = store_step_done (self, stmt, error);
      id = sqlite3_last_insert_rowid (self->db);
    }
  for (guint i = 0; ok && kind == AFFARI_FIELD_ENUMERATION && items[i] != NULL; i++)
    {
      gint64 item_id = store_new_id (self, "custom_field_item", error);

      stmt = item_id < 0 ? NULL
        : store_prepare (self, "INSERT INTO custom_field_item (id, field_id, value, sort) VALUES (?, ?, ?, ?)", error);
      ok = stmt != NULL;
      if (ok)
        {
          g_autofree char *value = g_strstrip (g_strdup (items[i]));

          store_bind_id (stmt, 1, item_id);
          sqlite3_bind_int64 (stmt, 2, id);
          store_bind_text (stmt, 3, value);
          sqlite3_bind_int (stmt, 4, (int) (i + 1) * 10);
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
      store_fail (self, error, rc, "custom field values");
      return NULL;
    }
  return g_steal_pointer (&values);
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
      if (!store_check_text (text, STORE_MAX_TEXT_CHARS, FALSE, field->label, error))
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

        if (end == text || *end != '\0' || affari_custom_field_item_value (field, item_id) == NULL)
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
      ok = store_exec (self, error, "INSERT INTO deal_field_value (deal_id, field_id, value) VALUES (?, ?, ?)"
                        " ON CONFLICT (deal_id, field_id) DO UPDATE SET value = excluded.value", "xxs", (gint64) (deal_id), (gint64) (field_id), normalized);
    }
  else
    {
      ok = store_exec (self, error, "DELETE FROM deal_field_value WHERE deal_id = ? AND field_id = ?", "xx", (gint64) (deal_id), (gint64) (field_id));
    }
  if (ok)
    ok = store_add_event (self, deal_id, AFFARI_EVENT_FIELD, field->code, old_text, new_text, text, error);
  if (ok)
    store_queue_deal (self, deal_id, stage, stage);
  return store_tx_end (self, ok, error);
}
