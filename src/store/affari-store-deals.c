/* affari-store-deals.c — deals: create, get, load, validate and update
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

#define LOAD_CHUNK 200

/* -------------------------------------------------------------------- deals */

void
store_deal_fill (AffariDeal *deal, const StoreRowReader *reader, gpointer row)
{
  int c = 0;

#define TEXT() g_strdup (reader->text (row, c++))
#define INT64() reader->integer (row, c++)
#define BOOL() (reader->integer (row, c++) != 0)
  deal->id = INT64 ();
  deal->title = TEXT ();
  deal->type_id = TEXT ();
  deal->pipeline_id = INT64 ();
  deal->stage_id = INT64 ();
  deal->semantics = affari_semantics_from_code (reader->text (row, c++));
  deal->closed = BOOL ();
  deal->opened = BOOL ();
  deal->probability = reader->text (row, c) == NULL ? -1 : (int) reader->integer (row, c);
  c++;
  deal->currency = TEXT ();
  deal->amount = INT64 ();
  deal->is_manual_amount = BOOL ();
  deal->tax_value = INT64 ();
  deal->company_id = INT64 ();
  deal->company_name = TEXT ();
  deal->contact_name = TEXT ();
  deal->lead_id = INT64 ();
  deal->quote_id = INT64 ();
  deal->begin_date = TEXT ();
  deal->close_date = TEXT ();
  deal->comments = TEXT ();
  deal->assigned_by_id = INT64 ();
  deal->assigned_name = TEXT ();
  deal->created_by_id = INT64 ();
  deal->modify_by_id = INT64 ();
  deal->moved_by_id = INT64 ();
  deal->date_create = INT64 ();
  deal->date_modify = INT64 ();
  deal->moved_time = INT64 ();
  deal->is_recurring = BOOL ();
  deal->is_return_customer = BOOL ();
  deal->is_repeated_approach = BOOL ();
  deal->source_id = TEXT ();
  deal->source_description = TEXT ();
  deal->additional_info = TEXT ();
  deal->originator_id = TEXT ();
  deal->origin_id = TEXT ();
  deal->position = reader->real (row, c++);
  deal->next_activity = INT64 ();
  deal->deleted_at = INT64 ();
  deal->closed_at = TEXT ();
  deal->version = INT64 ();
#undef TEXT
#undef INT64
#undef BOOL
}

static const char *
sqlite_text (gpointer row, int column)
{
  return (const char *) sqlite3_column_text (row, column);
}

static gint64
sqlite_integer (gpointer row, int column)
{
  return sqlite3_column_int64 (row, column);
}

static double
sqlite_real (gpointer row, int column)
{
  return sqlite3_column_double (row, column);
}

static const StoreRowReader sqlite_reader = { sqlite_text, sqlite_integer, sqlite_real };

AffariDeal *
store_deal_from_row (sqlite3_stmt *stmt)
{
  AffariDeal *deal = affari_deal_new ();

  store_deal_fill (deal, &sqlite_reader, stmt);
  return deal;
}

AffariDeal *
affari_store_get_deal (AffariStore *self, gint64 id, GError **error)
{
  sqlite3_stmt *stmt;
  AffariDeal *deal = NULL;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, "SELECT " STORE_DEAL_COLUMNS STORE_DEAL_FROM " WHERE d.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    deal = store_deal_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal does not exist any more"));
  else
    store_fail (self, error, rc, "deal");
  sqlite3_reset (stmt);
  return deal;
}

GPtrArray *
affari_store_load_deals (AffariStore *self, const gint64 *ids, guint n_ids, GError **error)
{
  g_autoptr(GHashTable) by_id = NULL;
  GPtrArray *result;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  result = g_ptr_array_new_full (n_ids, g_object_unref);
  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);

  for (guint start = 0; start < n_ids; start += LOAD_CHUNK)
    {
      guint n = MIN (LOAD_CHUNK, n_ids - start);
      g_autoptr(GString) sql = g_string_new ("SELECT " STORE_DEAL_COLUMNS STORE_DEAL_FROM " WHERE d.id IN (?");
      sqlite3_stmt *stmt;
      int rc;

      for (guint i = 1; i < n; i++)
        g_string_append (sql, ",?");
      g_string_append_c (sql, ')');
      stmt = store_prepare (self, sql->str, error);
      if (stmt == NULL)
        {
          g_ptr_array_unref (result);
          return NULL;
        }
      for (guint i = 0; i < n; i++)
        sqlite3_bind_int64 (stmt, (int) i + 1, ids[start + i]);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          AffariDeal *deal = store_deal_from_row (stmt);
          g_hash_table_insert (by_id, &deal->id, deal);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          store_fail (self, error, rc, "deals");
          g_ptr_array_unref (result);
          return NULL;
        }
    }

  for (guint i = 0; i < n_ids; i++)
    {
      AffariDeal *deal = g_hash_table_lookup (by_id, &ids[i]);
      if (deal != NULL)
        g_ptr_array_add (result, g_object_ref (deal));
    }
  return result;
}

static gboolean
validate_deal (AffariStore *self, AffariDeal *deal, GError **error)
{
  if (!store_check_line (deal->title, STORE_MAX_TITLE_CHARS, FALSE, _("The title"), error) ||
      !store_check_text (deal->comments, STORE_MAX_TEXT_CHARS, FALSE, _("The comment"), error) ||
      !store_check_text (deal->source_description, STORE_MAX_TEXT_CHARS, FALSE, _("The source description"), error) ||
      !store_check_text (deal->additional_info, STORE_MAX_TEXT_CHARS, FALSE, _("The additional information"), error) ||
      !store_check_text (deal->type_id, 50, FALSE, _("The type"), error) ||
      !store_check_text (deal->source_id, 50, FALSE, _("The source"), error))
    return FALSE;
  if (deal->currency != NULL && !affari_currency_is_valid (deal->currency))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a currency code"), deal->currency);
      return FALSE;
    }
  if (deal->probability < -1 || deal->probability > 100)
    return store_set_invalid (error, _("The probability must be between 0 and 100 %"));
  /* The card's rules, again here: the command line, the importers and the tests come this way too. */
  if (deal->amount < 0)
    return store_set_invalid (error, _("The amount cannot be negative"));
  if (deal->amount > G_GINT64_CONSTANT (100000000000000000))
    return store_set_invalid (error, _("The amount is too large"));
  if (deal->begin_date != NULL && !affari_date_is_valid (deal->begin_date))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a valid date"), deal->begin_date);
      return FALSE;
    }
  if (deal->close_date != NULL && !affari_date_is_valid (deal->close_date))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a valid date"), deal->close_date);
      return FALSE;
    }
  if (deal->company_id > 0 &&
      store_query_int (self, "SELECT count(*) FROM company WHERE id = ?", deal->company_id, 0) == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The company does not exist any more"));
      return FALSE;
    }
  if (deal->assigned_by_id > 0 &&
      store_query_int (self, "SELECT count(*) FROM team_member WHERE id = ?", deal->assigned_by_id, 0) == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("This person is not in the team any more"));
      return FALSE;
    }
  return TRUE;
}

gboolean
affari_store_create_deal (AffariStore *self, AffariDeal *deal, GError **error)
{
  sqlite3_stmt *stmt;
  StoreStageInfo info = { 0 };
  g_autofree char *today = NULL;
  g_autofree char *title = NULL;
  gint64 now, id = 0;
  double position = 0;
  gboolean ok;
  gboolean repeat_won = FALSE, repeat_earlier = FALSE;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (AFFARI_IS_DEAL (deal), FALSE);

  if (!validate_deal (self, deal, error))
    return FALSE;

  /* Defaults of the reference: default pipeline, its first stage, base currency, today,
   * close in seven days, the current user responsible. */
  if (deal->pipeline_id <= 0)
    deal->pipeline_id = self->default_pipeline;
  if (deal->stage_id <= 0)
    deal->stage_id = store_query_int (self, "SELECT id FROM stage WHERE pipeline_id = ? ORDER BY sort, id LIMIT 1",
                                deal->pipeline_id, 0);
  if (!store_stage_info (self, deal->stage_id, &info, error))
    return FALSE;
  if (info.pipeline_id != deal->pipeline_id)
    {
      g_free (info.name);
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT, _("The stage belongs to another pipeline"));
      return FALSE;
    }
  now = affari_store_now (self);
  today = store_today (self);

  if (!store_tx_begin (self, error))
    {
      g_free (info.name);
      return FALSE;
    }
  ok = store_compute_position (self, deal->stage_id, 0, 0, &position, error);
  /* Bitrix24's repeat rule on the company, before the row exists: no UPDATE afterwards.
   * (Contacts are linked later; affari_store_set_deal_contacts looks at them.) */
  if (ok && deal->company_id > 0 && info.semantics == AFFARI_SEMANTICS_PROCESS)
    {
      sqlite3_stmt *repeat = store_prepare (self,
        "SELECT max(d.semantics = 'S'), count(*) FROM deal d"
        " WHERE d.company_id = ? AND d.deleted_at IS NULL AND d.is_recurring = 0 AND d.date_create <= ?", error);
      ok = repeat != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (repeat, 1, deal->company_id);
          sqlite3_bind_int64 (repeat, 2, now);
          if (sqlite3_step (repeat) == SQLITE_ROW)
            {
              repeat_won = sqlite3_column_int (repeat, 0) != 0;
              repeat_earlier = sqlite3_column_int64 (repeat, 1) > 0;
            }
          sqlite3_reset (repeat);
        }
    }
  if (ok)
    {
      id = store_new_id (self, "deal", error);
      ok = id >= 0;
    }
  stmt = ok ? store_prepare (self,
    "INSERT INTO deal (id, title, type_id, pipeline_id, stage_id, semantics, position, closed, opened, probability,"
    " currency, amount, is_manual_amount, tax_value, company_id, lead_id, quote_id, begin_date, close_date,"
    " comments, assigned_by_id, created_by_id, modify_by_id, moved_by_id, date_create, date_modify, moved_time,"
    " is_recurring, is_return_customer, is_repeated_approach, source_id, source_description, additional_info,"
    " originator_id, origin_id, closed_at)"
    " VALUES (?34, trim(?1), coalesce(?2, (SELECT code FROM deal_type ORDER BY sort LIMIT 1)), ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
    " coalesce(?10, (SELECT value FROM setting WHERE key = 'base_currency'), 'EUR'), ?11, ?12, ?13, ?14, ?15, ?16,"
    " coalesce(?17, ?33), coalesce(?18, date(coalesce(?17, ?33), '+7 days')), ?19, ?20, ?21, ?21, ?21, ?22, ?22, ?22,"
    " ?23, ?24, ?25, coalesce(?26, (SELECT code FROM deal_source ORDER BY sort LIMIT 1)), ?27, ?28, ?29, ?30,"
    " CASE WHEN ?7 THEN ?33 END)", error) : NULL;
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_id (stmt, 34, id);
      store_bind_text (stmt, 1, deal->title ? deal->title : "");
      store_bind_text (stmt, 2, deal->type_id);
      sqlite3_bind_int64 (stmt, 3, deal->pipeline_id);
      sqlite3_bind_int64 (stmt, 4, deal->stage_id);
      store_bind_text (stmt, 5, affari_semantics_to_code (info.semantics));
      sqlite3_bind_double (stmt, 6, position);
      sqlite3_bind_int (stmt, 7, info.semantics != AFFARI_SEMANTICS_PROCESS);
      sqlite3_bind_int (stmt, 8, deal->opened);
      if (deal->probability < 0)
        sqlite3_bind_null (stmt, 9);
      else
        sqlite3_bind_int (stmt, 9, deal->probability);
      store_bind_text (stmt, 10, deal->currency);
      sqlite3_bind_int64 (stmt, 11, deal->amount);
      sqlite3_bind_int (stmt, 12, deal->is_manual_amount);
      sqlite3_bind_int64 (stmt, 13, deal->tax_value);
      store_bind_id (stmt, 14, deal->company_id);
      store_bind_id (stmt, 15, deal->lead_id);
      store_bind_id (stmt, 16, deal->quote_id);
      store_bind_text (stmt, 17, deal->begin_date);
      store_bind_text (stmt, 18, deal->close_date);
      store_bind_text (stmt, 19, deal->comments);
      store_bind_id (stmt, 20, deal->assigned_by_id > 0 ? deal->assigned_by_id : self->current_user);
      store_bind_id (stmt, 21, self->current_user);
      sqlite3_bind_int64 (stmt, 22, now);
      sqlite3_bind_int (stmt, 23, deal->is_recurring);
      sqlite3_bind_int (stmt, 24, deal->is_return_customer || repeat_won);
      sqlite3_bind_int (stmt, 25, deal->is_repeated_approach || (!repeat_won && repeat_earlier));
      store_bind_text (stmt, 26, deal->source_id);
      store_bind_text (stmt, 27, deal->source_description);
      store_bind_text (stmt, 28, deal->additional_info);
      store_bind_text (stmt, 29, deal->originator_id);
      store_bind_text (stmt, 30, deal->origin_id);
      store_bind_text (stmt, 33, today);
      ok = store_step_done (self, stmt, error);
      id = sqlite3_last_insert_rowid (self->db);
    }

  /* An empty title becomes "Deal #id", as Bitrix24 does. */
  if (ok && (deal->title == NULL || g_strstrip (title = g_strdup (deal->title))[0] == '\0'))
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_autofree char *fallback = g_strdup_printf (_("Deal #%s"), number);
      ok = store_exec (self, error, "UPDATE deal SET title = ? WHERE id = ?", "sx", fallback, (gint64) (id));
    }
  ok = ok && store_add_event (self, id, AFFARI_EVENT_CREATED, NULL, NULL, info.name,
                        _("Deal created"), error);
  /* Entered directly in a won or lost stage: closed on the day it was entered. */
  if (ok && info.semantics != AFFARI_SEMANTICS_PROCESS)
    ok = store_add_closed_at_event (self, id, today, error);
  ok = ok && store_add_stage_history (self, id, 1, deal->pipeline_id, info.semantics, deal->stage_id, error);
  if (ok)
    store_queue_deal (self, id, 0, deal->stage_id);
  g_free (info.name);

  if (!store_tx_end (self, ok, error))
    return FALSE;

  /* In a batch (imports, sample data) only the id is filled in: nobody shows these objects. */
  if (self->batch_depth == 0)
    {
      g_autoptr(AffariDeal) stored = affari_store_get_deal (self, id, NULL);
      if (stored != NULL)
        affari_deal_update_from (deal, stored);
      else
        affari_deal_set_id_internal (deal, id);
    }
  else
    affari_deal_set_id_internal (deal, id);
  return TRUE;
}

/* Field changes of update_deal: the Bitrix24 field code, a label, and both values as people read them. */
typedef struct {
  const char *field;
  const char *label;
  char *old_value;
  char *new_value;
} FieldChange;

static void
field_change_clear (gpointer data)
{
  FieldChange *c = data;
  g_free (c->old_value);
  g_free (c->new_value);
}

static void
note_change (GArray *changes, const char *field, const char *label, char *old_value, char *new_value)
{
  FieldChange c = { field, label, old_value, new_value };
  g_array_append_val (changes, c);
}

static char *
bool_text (gboolean value)
{
  return g_strdup (value ? _("Yes") : _("No"));
}

static char *
date_text (const char *date)
{
  return date ? affari_date_format (date) : NULL;
}

static char *
list_name (AffariStore *self, const char *table_sql, const char *code)
{
  sqlite3_stmt *stmt;
  char *name = NULL;

  if (code == NULL)
    return NULL;
  stmt = store_prepare (self, table_sql, NULL);
  if (stmt == NULL)
    return g_strdup (code);
  store_bind_text (stmt, 1, code);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = store_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return name ? name : g_strdup (code);
}

static GArray *
diff_deal (AffariStore *self, AffariDeal *old, AffariDeal *new)
{
  GArray *changes = g_array_new (FALSE, TRUE, sizeof (FieldChange));
  g_array_set_clear_func (changes, field_change_clear);

#define STR_CHANGED(f) (g_strcmp0 (old->f, new->f) != 0)
  if (STR_CHANGED (title))
    note_change (changes, "TITLE", _("Title"), g_strdup (old->title), g_strdup (new->title));
  if (STR_CHANGED (type_id))
    note_change (changes, "TYPE_ID", _("Type"),
                 list_name (self, "SELECT name FROM deal_type WHERE code = ?", old->type_id),
                 list_name (self, "SELECT name FROM deal_type WHERE code = ?", new->type_id));
  if (old->amount != new->amount || STR_CHANGED (currency))
    note_change (changes, "OPPORTUNITY", _("Amount"),
                 affari_money_format (old->amount, old->currency),
                 affari_money_format (new->amount, new->currency ? new->currency : old->currency));
  if (old->is_manual_amount != new->is_manual_amount)
    note_change (changes, "IS_MANUAL_OPPORTUNITY", _("Amount typed by hand"),
                 bool_text (old->is_manual_amount), bool_text (new->is_manual_amount));
  if (old->tax_value != new->tax_value)
    note_change (changes, "TAX_VALUE", _("Tax"),
                 affari_money_format (old->tax_value, old->currency),
                 affari_money_format (new->tax_value, new->currency ? new->currency : old->currency));
  if (old->probability != new->probability)
    note_change (changes, "PROBABILITY", _("Probability"),
                 old->probability < 0 ? NULL : g_strdup_printf ("%d %%", old->probability),
                 new->probability < 0 ? NULL : g_strdup_printf ("%d %%", new->probability));
  if (old->company_id != new->company_id)
    note_change (changes, "COMPANY_ID", _("Company"),
                 old->company_id ? store_query_text (self, "SELECT name FROM company WHERE id = ?", old->company_id) : NULL,
                 new->company_id ? store_query_text (self, "SELECT name FROM company WHERE id = ?", new->company_id) : NULL);
  if (STR_CHANGED (begin_date))
    note_change (changes, "BEGINDATE", _("Start date"), date_text (old->begin_date), date_text (new->begin_date));
  if (STR_CHANGED (close_date))
    note_change (changes, "CLOSEDATE", _("Expected close date"), date_text (old->close_date), date_text (new->close_date));
  if (STR_CHANGED (comments))
    note_change (changes, "COMMENTS", _("Comment"), g_strdup (old->comments), g_strdup (new->comments));
  if (old->assigned_by_id != new->assigned_by_id)
    {
      g_autofree char *old_name = NULL;
      g_autofree char *new_name = NULL;
      note_change (changes, "ASSIGNED_BY_ID", _("Responsible"),
                   g_strdup (store_member_name_or_empty (self, old->assigned_by_id, &old_name)),
                   g_strdup (store_member_name_or_empty (self, new->assigned_by_id, &new_name)));
    }
  if (STR_CHANGED (source_id))
    note_change (changes, "SOURCE_ID", _("Source"),
                 list_name (self, "SELECT name FROM deal_source WHERE code = ?", old->source_id),
                 list_name (self, "SELECT name FROM deal_source WHERE code = ?", new->source_id));
  if (STR_CHANGED (source_description))
    note_change (changes, "SOURCE_DESCRIPTION", _("Source description"),
                 g_strdup (old->source_description), g_strdup (new->source_description));
  if (STR_CHANGED (additional_info))
    note_change (changes, "ADDITIONAL_INFO", _("Additional information"),
                 g_strdup (old->additional_info), g_strdup (new->additional_info));
  if (old->opened != new->opened)
    note_change (changes, "OPENED", _("Available to everyone"), bool_text (old->opened), bool_text (new->opened));
  if (old->is_return_customer != new->is_return_customer)
    note_change (changes, "IS_RETURN_CUSTOMER", _("Repeat deal"),
                 bool_text (old->is_return_customer), bool_text (new->is_return_customer));
  if (old->is_repeated_approach != new->is_repeated_approach)
    note_change (changes, "IS_REPEATED_APPROACH", _("Repeated inquiry"),
                 bool_text (old->is_repeated_approach), bool_text (new->is_repeated_approach));
  if (old->is_recurring != new->is_recurring)
    note_change (changes, "IS_RECURRING", _("Regular deal template"),
                 bool_text (old->is_recurring), bool_text (new->is_recurring));
  if (STR_CHANGED (originator_id) || STR_CHANGED (origin_id) ||
      old->lead_id != new->lead_id || old->quote_id != new->quote_id)
    note_change (changes, "ORIGIN_ID", _("Origin"), g_strdup (old->origin_id), g_strdup (new->origin_id));
#undef STR_CHANGED
  return changes;
}

void
store_set_conflict_error (GError **error, const char *author, gint64 date_modify)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (date_modify);
  g_autofree char *time = when != NULL ? g_date_time_format (when, "%d/%m/%Y %H:%M") : g_strdup ("");

  if (author != NULL)
    /* Translators: a write refused because the deal changed since the card read it; %s: a person's name, then a date and time. */
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONFLICT, _("%s changed this deal on %s: here is what it has now"),
                 author, time);
  else
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONFLICT, _("The deal was changed on %s in another window: here is what it has now"),
                 time);
}

/* Refuses a write based on an older version of the deal than the stored one (0: a deal not read
 * from the database, which cannot be stale), naming who changed it and when. */
static gboolean
check_version (AffariStore *self, AffariDeal *deal, AffariDeal *stored, GError **error)
{
  g_autoptr(AffariTeamMember) author = NULL;

  if (deal->version == 0 || deal->version == stored->version)
    return TRUE;

  if (stored->modify_by_id != 0)
    author = affari_store_get_team_member (self, stored->modify_by_id, NULL);
  store_set_conflict_error (error, author != NULL ? affari_team_member_get_name (author) : NULL, stored->date_modify);
  return FALSE;
}

gboolean
affari_store_update_deal (AffariStore *self, AffariDeal *deal, GError **error)
{
  g_autoptr(AffariDeal) old = NULL;
  g_autoptr(GArray) changes = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;
  gboolean stage_changed, pipeline_changed;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (AFFARI_IS_DEAL (deal), FALSE);

  if (!validate_deal (self, deal, error))
    return FALSE;
  if (!store_check_line (deal->title, STORE_MAX_TITLE_CHARS, TRUE, _("The title"), error))
    return FALSE;
  if (!store_tx_begin (self, error))
    return FALSE;

  /* Read inside the transaction, which holds the write lock: what the deal is now, not what it
   * was a moment before another process's write. */
  old = affari_store_get_deal (self, deal->id, error);
  ok = old != NULL && check_version (self, deal, old, error);
  pipeline_changed = ok && deal->pipeline_id != old->pipeline_id;
  stage_changed = ok && !pipeline_changed && deal->stage_id != old->stage_id;
  if (ok)
    changes = diff_deal (self, old, deal);
  if (ok && changes->len > 0)
    {
      stmt = store_prepare (self,
        "UPDATE deal SET title = trim(?1), type_id = ?2, opened = ?3, probability = ?4, currency = ?5, amount = ?6,"
        " is_manual_amount = ?7, tax_value = ?8, company_id = ?9, lead_id = ?10, quote_id = ?11,"
        " begin_date = ?12, close_date = ?13, comments = ?14, assigned_by_id = ?15, is_recurring = ?16,"
        " is_return_customer = ?17, is_repeated_approach = ?18, source_id = ?19, source_description = ?20,"
        " additional_info = ?21, originator_id = ?22, origin_id = ?23, modify_by_id = ?24, date_modify = ?25"
        " WHERE id = ?26", error);
      ok = stmt != NULL;
      if (ok)
        {
          store_bind_text (stmt, 1, deal->title);
          store_bind_text (stmt, 2, deal->type_id);
          sqlite3_bind_int (stmt, 3, deal->opened);
          if (deal->probability < 0)
            sqlite3_bind_null (stmt, 4);
          else
            sqlite3_bind_int (stmt, 4, deal->probability);
          store_bind_text (stmt, 5, deal->currency ? deal->currency : old->currency);
          sqlite3_bind_int64 (stmt, 6, deal->amount);
          sqlite3_bind_int (stmt, 7, deal->is_manual_amount);
          sqlite3_bind_int64 (stmt, 8, deal->tax_value);
          store_bind_id (stmt, 9, deal->company_id);
          store_bind_id (stmt, 10, deal->lead_id);
          store_bind_id (stmt, 11, deal->quote_id);
          store_bind_text (stmt, 12, deal->begin_date);
          store_bind_text (stmt, 13, deal->close_date);
          store_bind_text (stmt, 14, deal->comments);
          store_bind_id (stmt, 15, deal->assigned_by_id);
          sqlite3_bind_int (stmt, 16, deal->is_recurring);
          sqlite3_bind_int (stmt, 17, deal->is_return_customer);
          sqlite3_bind_int (stmt, 18, deal->is_repeated_approach);
          store_bind_text (stmt, 19, deal->source_id);
          store_bind_text (stmt, 20, deal->source_description);
          store_bind_text (stmt, 21, deal->additional_info);
          store_bind_text (stmt, 22, deal->originator_id);
          store_bind_text (stmt, 23, deal->origin_id);
          store_bind_id (stmt, 24, self->current_user);
          sqlite3_bind_int64 (stmt, 25, affari_store_now (self));
          sqlite3_bind_int64 (stmt, 26, deal->id);
          ok = store_step_done (self, stmt, error);
        }
      /* Back to computed amounts: the product rows decide again. */
      if (ok && old->is_manual_amount && !deal->is_manual_amount)
        ok = store_recompute_amount (self, deal->id, error);
      for (guint i = 0; ok && i < changes->len; i++)
        {
          FieldChange *c = &g_array_index (changes, FieldChange, i);
          g_autofree char *text = g_strdup_printf (_("%s: %s → %s"), c->label,
                                                   c->old_value && *c->old_value ? c->old_value : _("(empty)"),
                                                   c->new_value && *c->new_value ? c->new_value : _("(empty)"));
          ok = store_add_event (self, deal->id, AFFARI_EVENT_FIELD, c->field, c->old_value, c->new_value, text, error);
        }
      if (ok)
        store_queue_deal (self, deal->id, old->stage_id, old->stage_id);
    }

  if (ok && stage_changed)
    ok = affari_store_move_deal (self, deal->id, deal->stage_id, 0, NULL, error);
  if (ok && pipeline_changed)
    ok = affari_store_move_deal_to_pipeline (self, deal->id, deal->pipeline_id, error);

  if (!store_tx_end (self, ok, error))
    return FALSE;

  {
    g_autoptr(AffariDeal) stored = affari_store_get_deal (self, deal->id, NULL);
    if (stored != NULL)
      affari_deal_update_from (deal, stored);
  }
  return TRUE;
}
