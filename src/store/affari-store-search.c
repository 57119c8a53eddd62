/* affari-store-search.c — the list's side of the store: full-text search and saved filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "affari-store-private.h"
#include "model/affari-deal-private.h"

/* ------------------------------------------------------------ search */

char *
store_search_match_expression (const char *text)
{
  g_autoptr(GString) match = g_string_new ("");
  const char *p = text;

  if (text == NULL)
    return NULL;

  /* Split where the tokenizer would (anything not a letter or a digit), quote each word so that
   * FTS5 syntax typed by the user (AND, NEAR, quotes, "-") is searched literally, and make it a
   * prefix: the list updates at every keystroke. */
  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        {
          if (match->len > 0)
            g_string_append_c (match, ' ');
          g_string_append_c (match, '"');
          g_string_append_len (match, start, p - start);
          g_string_append (match, "\"*");
        }
    }
  return match->len > 0 ? g_string_free (g_steal_pointer (&match), FALSE) : NULL;
}

/* ------------------------------------------------------------ custom field criteria */

/* The deals whose field matches, as a list SQLite builds once (faster than a lookup per deal). */
#define FIELD_VALUE_IN "d.id IN (SELECT fv.deal_id FROM deal_field_value fv WHERE fv.field_id = ?"
/* The amount of a money value "1234.50|EUR", as a number. */
#define FIELD_MONEY_AMOUNT "CAST(substr(fv.value, 1, instr(fv.value || '|', '|') - 1) AS REAL)"

static void
add_param_text (GPtrArray *params, const char *text)
{
  g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (text)));
}

static void
add_bounds (GString *where, GPtrArray *params, const char *expression, const char *cast,
            const AffariFieldCriterion *c)
{
  if (c->from != NULL)
    {
      g_string_append_printf (where, " AND %s >= %s", expression, cast);
      add_param_text (params, c->from);
    }
  if (c->to != NULL)
    {
      g_string_append_printf (where, " AND %s <= %s", expression, cast);
      add_param_text (params, c->to);
    }
}

void
store_filter_field_criteria (const AffariDealQuery *q,
                             GString               *where,
                             GPtrArray             *params)
{
  for (guint i = 0; q != NULL && q->field_criteria != NULL && i < q->field_criteria->len; i++)
    {
      const AffariFieldCriterion *c = &g_array_index (q->field_criteria, AffariFieldCriterion, i);
      gboolean negate = c->match == AFFARI_FIELD_MATCH_FLAG && g_strcmp0 (c->value, "1") != 0;

      /* An unset yes/no field reads "No" on the card: "No" is "not Yes". */
      g_string_append (where, negate ? " AND NOT " FIELD_VALUE_IN : " AND " FIELD_VALUE_IN);
      g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_int64 (c->field_id)));
      switch (c->match)
        {
        case AFFARI_FIELD_MATCH_EQUALS:
          if (c->value != NULL)
            {
              g_string_append (where, " AND fv.value = ?");
              add_param_text (params, c->value);
            }
          break;
        case AFFARI_FIELD_MATCH_FLAG:
          g_string_append (where, " AND fv.value = '1'");
          break;
        case AFFARI_FIELD_MATCH_CONTAINS:
          if (c->value != NULL)
            {
              g_autofree char *pattern = store_like_pattern (c->value);

              /* Case and accents folded, as the search does: "citta" finds "Città". */
              g_string_append (where, " AND affari_fold(fv.value) LIKE ? ESCAPE '\\'");
              add_param_text (params, pattern);
            }
          break;
        case AFFARI_FIELD_MATCH_NUMBER:
          add_bounds (where, params, "CAST(fv.value AS REAL)", "CAST(? AS REAL)", c);
          break;
        case AFFARI_FIELD_MATCH_MONEY:
          add_bounds (where, params, FIELD_MONEY_AMOUNT, "CAST(? AS REAL)", c);
          if (c->value != NULL)
            {
              g_string_append (where, " AND substr(fv.value, instr(fv.value, '|') + 1) = ?");
              add_param_text (params, c->value);
            }
          break;
        case AFFARI_FIELD_MATCH_DATE:
          add_bounds (where, params, "fv.value", "?", c);
          break;
        default:
          g_assert_not_reached ();
        }
      g_string_append_c (where, ')');
    }
}

/* ------------------------------------------------------------ saved filters */

GPtrArray *
affari_store_list_saved_filters (AffariStore *self, GError **error)
{
  sqlite3_stmt *stmt;
  GPtrArray *filters;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, "SELECT id, name, query FROM saved_filter ORDER BY sort, name COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;
  filters = g_ptr_array_new_with_free_func ((GDestroyNotify) affari_saved_filter_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) parse_error = NULL;
      AffariDealQuery *query = affari_deal_query_deserialize ((const char *) sqlite3_column_text (stmt, 2), &parse_error);
      AffariSavedFilter *filter;

      /* A filter written by a newer Affari that this one cannot read is skipped, not lost. */
      if (query == NULL)
        {
          g_debug ("Saved filter %" G_GINT64_FORMAT " unreadable: %s", (gint64) sqlite3_column_int64 (stmt, 0), parse_error->message);
          continue;
        }
      filter = g_new0 (AffariSavedFilter, 1);
      filter->id = sqlite3_column_int64 (stmt, 0);
      filter->name = store_column_dup (stmt, 1);
      filter->query = query;
      g_ptr_array_add (filters, filter);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      store_fail (self, error, rc, "saved filters");
      g_ptr_array_unref (filters);
      return NULL;
    }
  return filters;
}

gint64
affari_store_save_filter (AffariStore *self, const char *name, const AffariDealQuery *query, GError **error)
{
  g_autofree char *text = NULL;
  g_autofree char *trimmed = NULL;
  g_autoptr(AffariDealQuery) only_filter = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0, new_id;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  g_return_val_if_fail (query != NULL, 0);

  if (!store_check_line (name, STORE_MAX_TITLE_CHARS, TRUE, _("The name of the filter"), error))
    return 0;
  trimmed = g_strstrip (g_strdup (name));

  /* The pipeline, the column and the order belong to the view, not to the filter. */
  only_filter = affari_deal_query_new ();
  affari_deal_query_merge_filter (only_filter, query);
  text = affari_deal_query_serialize (only_filter);

  if (!store_tx_begin (self, error))
    return 0;
  /* A filter saved again under its name keeps its id: the new one is only used for a new name. */
  new_id = store_new_id (self, "saved_filter", error);
  ok = new_id >= 0 && store_exec (self, error, "INSERT INTO saved_filter (id, name, query, created) VALUES (?4, ?1, ?2, ?3)"
                    " ON CONFLICT (name) DO UPDATE SET query = excluded.query", "ssxn", trimmed, text,
                    (gint64) (affari_store_now (self)), new_id);
  if (ok)
    {
      stmt = store_prepare (self, "SELECT id FROM saved_filter WHERE name = ?", error);
      ok = stmt != NULL;
      if (ok)
        {
          store_bind_text (stmt, 1, trimmed);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            id = sqlite3_column_int64 (stmt, 0);
          sqlite3_reset (stmt);
        }
    }
  if (!store_tx_end (self, ok && id > 0, error))
    return 0;
  return id;
}

gboolean
affari_store_delete_saved_filter (AffariStore *self, gint64 id, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec (self, error, "DELETE FROM saved_filter WHERE id = ?", "x", (gint64) (id));
  return store_tx_end (self, ok, error);
}

/* ------------------------------------------------------------ benchmark helper */

gboolean
affari_store_test_clone_deals (AffariStore *self, guint copies, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  /* One INSERT … SELECT makes all the copies, with the ids SQLite picks: a million rows on the
   * embedded file of the bench, never rows of a team's server (each would need its own id). */
  g_return_val_if_fail (!affari_store_is_server (self), FALSE);

  if (!store_tx_begin (self, error))
    return FALSE;
  stmt = store_prepare (self,
    "INSERT INTO deal (title, type_id, pipeline_id, stage_id, semantics, position, closed, opened, probability,"
    " currency, amount, is_manual_amount, tax_value, company_id, begin_date, close_date, comments,"
    " assigned_by_id, created_by_id, modify_by_id, moved_by_id, date_create, date_modify, moved_time,"
    " is_return_customer, is_repeated_approach, source_id, closed_at)"
    " SELECT title, type_id, pipeline_id, stage_id, semantics, position + ?1, closed, opened, probability,"
    " currency, amount, is_manual_amount, tax_value, company_id, begin_date, close_date, comments,"
    " assigned_by_id, created_by_id, modify_by_id, moved_by_id, date_create, date_modify, moved_time,"
    " is_return_customer, is_repeated_approach, source_id, closed_at"
    " FROM deal WHERE deleted_at IS NULL AND is_recurring = 0 AND id <= ?2", error);
  ok = stmt != NULL;
  if (ok)
    {
      gint64 last = store_query_int (self, "SELECT max(id) FROM deal", 0, 0);

      for (guint i = 0; ok && i < copies; i++)
        {
          sqlite3_bind_double (stmt, 1, 0.001 * (i + 1));
          sqlite3_bind_int64 (stmt, 2, last);
          ok = store_step_done (self, stmt, error);
        }
    }
  return store_tx_end (self, ok, error) && (g_signal_emit_by_name (self, "reset"), TRUE);
}
