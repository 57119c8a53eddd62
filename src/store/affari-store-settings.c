/* affari-store-settings.c — settings, the team and the reference lists and currencies
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

#define LIST_CODE_CHARS 40

char *
affari_store_get_setting (AffariStore *self, const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, "SELECT value FROM setting WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  store_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = store_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gboolean
affari_store_set_setting (AffariStore *self, const char *key, const char *value, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec (self, error, "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", "ss", key, value);
  return store_tx_end (self, ok, error);
}

gint64
affari_store_get_current_user (AffariStore *self)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  return self->current_user;
}

gboolean
affari_store_set_current_user (AffariStore *self, gint64 member_id, GError **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (store_query_int (self, "SELECT count(*) FROM team_member WHERE id = ?", member_id, 0) == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("This person is not in the team any more"));
      return FALSE;
    }
  text = g_strdup_printf ("%" G_GINT64_FORMAT, member_id);
  if (!affari_store_set_setting (self, "current_user_id", text, error))
    return FALSE;
  self->current_user = member_id;
  return TRUE;
}

char *
affari_store_dup_base_currency (AffariStore *self)
{
  char *code = affari_store_get_setting (self, "base_currency");
  return code ? code : g_strdup ("EUR");
}

static AffariTeamMember *
member_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (AFFARI_TYPE_TEAM_MEMBER,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "name", (const char *) sqlite3_column_text (stmt, 1),
                       "email", (const char *) sqlite3_column_text (stmt, 2),
                       "active", sqlite3_column_int (stmt, 3) != 0,
                       NULL);
}

GPtrArray *
affari_store_list_team (AffariStore *self, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, "SELECT id, name, email, active FROM team_member ORDER BY name COLLATE NOCASE, id", error);
  if (stmt == NULL)
    return NULL;
  return store_collect (self, stmt, (StoreRowFunc) member_from_row, "team", error);
}

AffariTeamMember *
affari_store_get_team_member (AffariStore *self, gint64 id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  return store_get_by_id (self, "SELECT id, name, email, active FROM team_member WHERE id = ?", id, (StoreRowFunc) member_from_row,
                          _("This person is not in the team any more"), error);
}

gint64
affari_store_add_team_member (AffariStore *self, const char *name, const char *email, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;
  gint64 id = 0;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  if (!store_check_line (name, STORE_MAX_TITLE_CHARS, TRUE, _("The name"), error) ||
      !store_check_line (email, STORE_MAX_TITLE_CHARS, FALSE, _("The e-mail"), error))
    return 0;
  if (!store_tx_begin (self, error))
    return 0;
  id = store_new_id (self, "team_member", error);
  stmt = id < 0 ? NULL : store_prepare (self, "INSERT INTO team_member (id, name, email) VALUES (?, trim(?), ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_id (stmt, 1, id);
      store_bind_text (stmt, 2, name);
      store_bind_text (stmt, 3, email);
      ok = store_step_done (self, stmt, error);
      id = sqlite3_last_insert_rowid (self->db);
    }
  if (ok)
    store_queue_settings (self, "team", 0);
  return store_tx_end (self, ok, error) ? id : 0;
}

static GPtrArray *
list_pairs (AffariStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self, sql, error);
  GPtrArray *result;
  int rc;

  if (stmt == NULL)
    return NULL;
  result = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (result, store_column_dup (stmt, 0));
      g_ptr_array_add (result, store_column_dup (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (result);
      store_fail (self, error, rc, "list");
      return NULL;
    }
  return result;
}

GPtrArray *
affari_store_list_deal_types (AffariStore *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);
  return list_pairs (self, "SELECT code, name FROM deal_type ORDER BY sort, code", error);
}

GPtrArray *
affari_store_list_sources (AffariStore *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);
  return list_pairs (self, "SELECT code, name FROM deal_source ORDER BY sort, code", error);
}

/* ------------------------------------------------------------------ history */

const char *
store_member_name_or_empty (AffariStore *self, gint64 id, char **storage)
{
  *storage = id > 0 ? store_query_text (self, "SELECT name FROM team_member WHERE id = ?", id) : NULL;
  return *storage ? *storage : "";
}

/* ------------------------------------------------------------ reference lists */

static const char *
list_table (AffariListKind kind)
{
  return kind == AFFARI_LIST_DEAL_TYPES ? "deal_type" : "deal_source";
}

static const char *
list_what (AffariListKind kind)
{
  return kind == AFFARI_LIST_DEAL_TYPES ? "deal-types" : "sources";
}

static gboolean
list_has (AffariStore *self, AffariListKind kind, const char *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE code = ?", list_table (kind));
  sqlite3_stmt *stmt = store_prepare (self, sql, NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  store_bind_text (stmt, 1, code);
  found = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0;
  sqlite3_reset (stmt);
  return found;
}

static char *
code_from_name (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  g_autoptr(GString) code = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0' && code->len < LIST_CODE_CHARS; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (code, g_ascii_toupper (*p));
      else if (code->len > 0 && code->str[code->len - 1] != '_')
        g_string_append_c (code, '_');
    }
  while (code->len > 0 && code->str[code->len - 1] == '_')
    g_string_truncate (code, code->len - 1);
  if (code->len == 0)
    g_string_append (code, "UC");
  return g_string_free (g_steal_pointer (&code), FALSE);
}

char *
affari_store_add_list_item (AffariStore *self, AffariListKind kind, const char *name, GError **error)
{
  g_autofree char *base = NULL;
  g_autofree char *code = NULL;
  g_autofree char *sql = NULL;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  if (!store_check_line (name, STORE_MAX_TITLE_CHARS, TRUE, _("The name"), error))
    return NULL;
  base = code_from_name (name);
  code = g_strdup (base);
  for (guint n = 2; list_has (self, kind, code); n++)
    {
      g_free (code);
      code = g_strdup_printf ("%s_%u", base, n);
    }

  if (!store_tx_begin (self, error))
    return NULL;
  sql = g_strdup_printf ("INSERT INTO %s (code, name, sort) VALUES (?, trim(?), (SELECT coalesce(max(sort), 0) + 10 FROM %s))",
                         list_table (kind), list_table (kind));
  ok = store_exec (self, error, sql, "ss", code, name);
  if (ok)
    store_queue_settings (self, list_what (kind), 0);
  return store_tx_end (self, ok, error) ? g_steal_pointer (&code) : NULL;
}

gboolean
affari_store_rename_list_item (AffariStore *self, AffariListKind kind, const char *code,
                               const char *name, GError **error)
{
  g_autofree char *sql = NULL;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_check_line (name, STORE_MAX_TITLE_CHARS, TRUE, _("The name"), error))
    return FALSE;
  if (!list_has (self, kind, code))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The item does not exist any more"));
      return FALSE;
    }
  if (!store_tx_begin (self, error))
    return FALSE;
  sql = g_strdup_printf ("UPDATE %s SET name = trim(?) WHERE code = ?", list_table (kind));
  ok = store_exec (self, error, sql, "ss", name, code);
  if (ok)
    store_queue_settings (self, list_what (kind), 0);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_delete_list_item (AffariStore *self, AffariListKind kind, const char *code, GError **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 used = 0;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  stmt = store_prepare (self, kind == AFFARI_LIST_DEAL_TYPES ? "SELECT count(*) FROM deal WHERE type_id = ?"
                                                             : "SELECT count(*) FROM deal WHERE source_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  store_bind_text (stmt, 1, code);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    used = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (used > 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                   g_dngettext (GETTEXT_PACKAGE, "It cannot be deleted: %u deal uses it",
                                "It cannot be deleted: %u deals use it", (gulong) used), (guint) used);
      return FALSE;
    }
  if (!store_tx_begin (self, error))
    return FALSE;
  sql = g_strdup_printf ("DELETE FROM %s WHERE code = ?", list_table (kind));
  ok = store_exec (self, error, sql, "s", code);
  if (ok)
    store_queue_settings (self, list_what (kind), 0);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_reorder_list (AffariStore *self, AffariListKind kind, const char * const *codes,
                           guint n_codes, GError **error)
{
  g_autofree char *sql = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_tx_begin (self, error))
    return FALSE;
  sql = g_strdup_printf ("UPDATE %s SET sort = ? WHERE code = ?", list_table (kind));
  for (guint i = 0; ok && i < n_codes; i++)
    {
      ok = store_exec (self, error, sql, "is", (int) (((int) i + 1) * 10), codes[i]);
    }
  if (ok)
    store_queue_settings (self, list_what (kind), 0);
  return store_tx_end (self, ok, error);
}

/* ------------------------------------------------------------ currencies */

GPtrArray *
affari_store_list_currencies (AffariStore *self, GError **error)
{
  g_autoptr(GPtrArray) result = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, "SELECT code, name, is_base, rate FROM currency ORDER BY is_base DESC, sort, code", error);
  if (stmt == NULL)
    return NULL;
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) affari_currency_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AffariCurrencyInfo *info = g_new0 (AffariCurrencyInfo, 1);

      info->code = store_column_dup (stmt, 0);
      info->name = store_column_dup (stmt, 1);
      info->is_base = sqlite3_column_int (stmt, 2) != 0;
      info->rate = store_column_dup (stmt, 3);
      g_ptr_array_add (result, info);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      store_fail (self, error, rc, "currencies");
      return NULL;
    }
  return g_steal_pointer (&result);
}

static gboolean
currency_known (AffariStore *self, const char *code)
{
  sqlite3_stmt *stmt = store_prepare (self, "SELECT count(*) FROM currency WHERE code = ?", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  store_bind_text (stmt, 1, code);
  found = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0;
  sqlite3_reset (stmt);
  return found;
}

gboolean
affari_store_add_currency (AffariStore *self, const char *code, const char *name, GError **error)
{
  g_autofree char *upper = NULL;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  upper = g_ascii_strup (code != NULL ? code : "", -1);
  g_strstrip (upper);
  if (!affari_currency_is_valid (upper))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a currency code: write three letters, as USD"),
                   code != NULL ? code : "");
      return FALSE;
    }
  if (!store_check_line (name, STORE_MAX_TITLE_CHARS, FALSE, _("The name"), error))
    return FALSE;
  if (currency_known (self, upper))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT, _("The currency %s is already in use"), upper);
      return FALSE;
    }
  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec (self, error, "INSERT INTO currency (code, name, is_base, sort) VALUES (?1, coalesce(nullif(trim(?2), ''), ?1), 0,"
                    " (SELECT coalesce(max(sort), 0) + 10 FROM currency))", "ss", upper, name);
  if (ok)
    store_queue_settings (self, "currencies", 0);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_remove_currency (AffariStore *self, const char *code, GError **error)
{
  g_autofree char *base = NULL;
  sqlite3_stmt *stmt;
  gint64 used = 0;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  base = affari_store_dup_base_currency (self);
  if (g_strcmp0 (base, code) == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT, _("The main currency cannot be removed"));
      return FALSE;
    }
  stmt = store_prepare (self,
    "SELECT (SELECT count(*) FROM deal WHERE currency = ?1) + (SELECT count(*) FROM product WHERE currency = ?1 AND active = 1)"
    " + (SELECT count(*) FROM pipeline WHERE currency = ?1)", error);
  if (stmt == NULL)
    return FALSE;
  store_bind_text (stmt, 1, code);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    used = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (used > 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                   _("%s cannot be removed: deals or products use it"), code);
      return FALSE;
    }
  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec (self, error, "DELETE FROM currency WHERE code = ?", "s", code);
  if (ok)
    store_queue_settings (self, "currencies", 0);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_set_base_currency (AffariStore *self, const char *code, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (code == NULL || !currency_known (self, code))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("Add the currency before making it the main one"));
      return FALSE;
    }
  if (!store_tx_begin (self, error))
    return FALSE;
  /* The rates said what each was worth in the old main currency: now in the new one. */
  ok = store_exec (self, error, "UPDATE currency SET rate = CASE WHEN code = ?1 THEN '1.0000' ELSE"
                    " printf('%.4f', CAST(rate AS REAL) / (SELECT CAST(rate AS REAL) FROM currency WHERE code = ?1)) END"
                    " WHERE (SELECT CAST(rate AS REAL) FROM currency WHERE code = ?1) > 0", "s", code);
  ok = ok && store_exec (self, error, "UPDATE currency SET is_base = (code = ?)", "s", code);
  ok = ok && affari_store_set_setting (self, "base_currency", code, error);
  if (ok)
    store_queue_settings (self, "currencies", 0);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_set_currency_rate (AffariStore *self, const char *code, const char *rate, GError **error)
{
  g_autoptr(GString) machine = g_string_new (NULL);
  g_autofree char *base = NULL;
  char stored[G_ASCII_DTOSTR_BUF_SIZE];
  const char *dot;
  char *end = NULL;
  double value;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (code == NULL || !currency_known (self, code))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("Add the currency before giving its rate"));
      return FALSE;
    }
  base = affari_store_dup_base_currency (self);
  if (g_strcmp0 (base, code) == 0)
    return store_set_invalid (error, _("The main currency is always worth 1"));
  /* "1.234,5678", "0,92" and "0.92" are all numbers; a comma is the decimal separator when present. */
  for (const char *p = rate != NULL ? rate : ""; *p != '\0'; p++)
    {
      if (*p == ' ' || (strchr (rate, ',') != NULL && *p == '.'))
        continue;
      g_string_append_c (machine, *p == ',' ? '.' : *p);
    }
  value = machine->len > 0 ? g_ascii_strtod (machine->str, &end) : 0;
  dot = strchr (machine->str, '.');
  if (machine->len == 0 || end == NULL || *end != '\0' || !(value > 0) || value >= 1e9)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                   _("“%s” is not a rate: write what 1 %s is worth in %s, as 0,92"), rate != NULL ? rate : "", code, base);
      return FALSE;
    }
  if (dot != NULL && strlen (dot + 1) > 4)
    return store_set_invalid (error, _("A rate has at most four decimals"));
  g_ascii_formatd (stored, sizeof stored, "%.4f", value);

  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec (self, error, "UPDATE currency SET rate = ? WHERE code = ?", "ss", stored, code);
  if (ok)
    store_queue_settings (self, "currencies", 0);
  return store_tx_end (self, ok, error);
}

/* Something that looks like an e-mail address: one @, text before it, a dotted domain after. */
static gboolean
email_looks_valid (const char *email)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (email));
  const char *at = strchr (trimmed, '@');

  if (*trimmed == '\0')
    return TRUE;
  return at != NULL && at > trimmed && strchr (at + 1, '@') == NULL && strchr (trimmed, ' ') == NULL &&
         strchr (at + 1, '.') != NULL && at[1] != '.' && !g_str_has_suffix (trimmed, ".");
}

/* ------------------------------------------------------------ team */

gboolean
affari_store_update_team_member (AffariStore *self, gint64 member_id, const char *name,
                                 const char *email, gboolean active, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_check_line (name, STORE_MAX_TITLE_CHARS, TRUE, _("The name"), error) ||
      !store_check_line (email, STORE_MAX_TITLE_CHARS, FALSE, _("The e-mail"), error))
    return FALSE;
  if (email != NULL && !email_looks_valid (email))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not an e-mail address"), email);
      return FALSE;
    }
  if (store_query_int (self, "SELECT count(*) FROM team_member WHERE id = ?", member_id, 0) == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("This person is not in the team any more"));
      return FALSE;
    }
  if (!active && member_id == affari_store_get_current_user (self))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                   _("You cannot leave the team: first choose who you are"));
      return FALSE;
    }
  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec (self, error, "UPDATE team_member SET name = trim(?), email = nullif(trim(?), ''), active = ? WHERE id = ?", "ssix", name, email, (int) (active ? 1 : 0), (gint64) (member_id));
  if (ok)
    store_queue_settings (self, "team", 0);
  return store_tx_end (self, ok, error);
}
