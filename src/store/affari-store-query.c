/* affari-store-query.c — the deal list: filters, the ids a query selects, the search set and the
 * cache of the last query
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
#include "affari-store-leads.h"
#include "model/affari-deal-private.h"
#include "model/affari-money.h"

static gint64 store_data_version (AffariStore *self);

/* ------------------------------------------------------------------ queries */

static void
param_clear (gpointer data)
{
  g_free (((StoreParam *) data)->text);
}

static void
filter_add_int (StoreFilter *f, const char *clause, gint64 value)
{
  StoreParam p = { FALSE, value, NULL };
  g_string_append_printf (f->where, " AND %s", clause);
  g_array_append_val (f->params, p);
}

static void
filter_add_text (StoreFilter *f, const char *clause, const char *value)
{
  StoreParam p = { TRUE, 0, g_strdup (value) };
  g_string_append_printf (f->where, " AND %s", clause);
  g_array_append_val (f->params, p);
}

static void
filter_clear (StoreFilter *f)
{
  g_string_free (f->joins, TRUE);
  g_string_free (f->where, TRUE);
  g_array_unref (f->params);
}

static void
filter_bind (StoreFilter *f, sqlite3_stmt *stmt)
{
  for (guint i = 0; i < f->params->len; i++)
    {
      StoreParam *p = &g_array_index (f->params, StoreParam, i);
      if (p->is_text)
        store_bind_text (stmt, (int) i + 1, p->text);
      else
        sqlite3_bind_int64 (stmt, (int) i + 1, p->number);
    }
}

/* The statement of @sql with @f's parameters bound; @f is cleared either way. */
sqlite3_stmt *
store_filter_prepare (AffariStore *self, StoreFilter *f, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self, sql, error);

  if (stmt != NULL)
    filter_bind (f, stmt);
  filter_clear (f);
  return stmt;
}

static void
filter_add_ids (StoreFilter *f, const char *column, const GArray *ids)
{
  g_string_append_printf (f->where, " AND %s IN (", column);
  for (guint i = 0; i < ids->len; i++)
    {
      StoreParam p = { FALSE, g_array_index (ids, gint64, i), NULL };
      g_string_append (f->where, i ? ", ?" : "?");
      g_array_append_val (f->params, p);
    }
  g_string_append_c (f->where, ')');
}

/* Start of the local day @date ("YYYY-MM-DD") in Unix seconds; @next_day for the day after. */
static gint64
local_day_start (const char *date, gboolean next_day)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  if (sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    return 0;
  dt = g_date_time_new_local (y, m, d, 0, 0, 0);
  if (dt == NULL)
    return 0;
  if (next_day)
    {
      g_autoptr(GDateTime) next = g_date_time_add_days (dt, 1);
      return g_date_time_to_unix (next);
    }
  return g_date_time_to_unix (dt);
}

static void
filter_add_range (StoreFilter *f, const char *today, const char *column, const AffariDateRange *range,
                  gboolean unix_seconds, const char *extra)
{
  g_autofree char *from = NULL, *to = NULL;
  g_autofree char *lower = NULL, *upper = NULL;

  if (!affari_date_range_resolve (range, today, &from, &to))
    return;
  if (extra != NULL)
    g_string_append_printf (f->where, " AND %s", extra);
  lower = g_strdup_printf ("%s >= ?", column);
  upper = g_strdup_printf (unix_seconds ? "%s < ?" : "%s <= ?", column);
  if (unix_seconds)
    {
      if (from != NULL)
        filter_add_int (f, lower, local_day_start (from, FALSE));
      if (to != NULL)
        filter_add_int (f, upper, local_day_start (to, TRUE));
    }
  else
    {
      if (from != NULL)
        filter_add_text (f, lower, from);
      if (to != NULL)
        filter_add_text (f, upper, to);
    }
}

/* Whether the ordered query walks the stages in order and each stage's deals along the
 * deal_stage_position index (board order). A search of a whole word has few matches: the
 * planner then starts from the full-text index instead. */
static gboolean
walks_stages (const AffariDealQuery *q)
{
  AffariDealSort sort = q ? q->sort : AFFARI_DEAL_SORT_POSITION;

  if (sort != AFFARI_DEAL_SORT_POSITION && sort != AFFARI_DEAL_SORT_STAGE)
    return FALSE;
  if (q == NULL)
    return TRUE;
  if (sort == AFFARI_DEAL_SORT_POSITION && q->stage_id > 0)
    return FALSE;
  if (q->include_deleted)
    return FALSE;
  return TRUE;
}

/* Every criterion is a fixed SQL fragment with bound parameters. */
static void
filter_init (AffariStore *self, StoreFilter *f, const AffariDealQuery *q)
{
  store_filter_init_for (self, f, q, FALSE, STORE_SEARCH_IN_SUBQUERY);
}

/* @stage_walk: the query reads "FROM stage s CROSS JOIN deal d" (see walks_stages): the
 * pipeline is then the stages' one, so the walk never reads a deal row just to check it. */
void
store_filter_init_for (AffariStore *self, StoreFilter *f, const AffariDealQuery *q, gboolean stage_walk, StoreSearchMode search)
{
  g_autofree char *today = NULL;

  f->joins = g_string_new ("");
  f->where = g_string_new (q && q->include_deleted ? "d.deleted_at IS NOT NULL AND d.is_recurring = 0" : STORE_LIVE_DEAL);
  f->params = g_array_new (FALSE, TRUE, sizeof (StoreParam));
  g_array_set_clear_func (f->params, param_clear);

  /* Every pipeline: every deal pipeline (leads are not deals). */
  if (q == NULL || (q->pipeline_id <= 0 && q->stage_id <= 0))
    g_string_append (f->where, " AND " STORE_NOT_LEAD);
  if (q == NULL)
    return;
  if (q->pipeline_id > 0)
    filter_add_int (f, stage_walk ? "s.pipeline_id = ?" : "d.pipeline_id = ?", q->pipeline_id);
  if (q->stage_id > 0)
    filter_add_int (f, "d.stage_id = ?", q->stage_id);
  if (q->semantics_mask != 0 && q->semantics_mask != 0x7)
    {
      g_string_append (f->where, " AND d.semantics IN ('-'");
      for (int s = 0; s < 3; s++)
        if (q->semantics_mask & (1u << s))
          g_string_append_printf (f->where, ", '%s'", affari_semantics_to_code ((AffariSemantics) s));
      g_string_append (f->where, ")");
    }
  if (q->closed == AFFARI_CLOSED_OPEN_ONLY)
    g_string_append (f->where, " AND d.closed = 0");
  else if (q->closed == AFFARI_CLOSED_CLOSED_ONLY)
    g_string_append (f->where, " AND d.closed = 1");
  if (q->assigned_by_id > 0)
    filter_add_int (f, "d.assigned_by_id = ?", q->assigned_by_id);
  if (q->company_id > 0)
    filter_add_int (f, "d.company_id = ?", q->company_id);
  if (q->currency != NULL && *q->currency)
    filter_add_text (f, "d.currency = ?", q->currency);
  if (q->has_amount_min)
    filter_add_int (f, "d.amount >= ?", q->amount_min);
  if (q->has_amount_max)
    filter_add_int (f, "d.amount <= ?", q->amount_max);
  if (q->close_date_from != NULL)
    filter_add_text (f, "d.close_date >= ?", q->close_date_from);
  if (q->close_date_to != NULL)
    filter_add_text (f, "d.close_date <= ?", q->close_date_to);

  /* ---- list and filters ---- */
  if (q->stage_ids != NULL && q->stage_ids->len > 0)
    filter_add_ids (f, "d.stage_id", q->stage_ids);
  if (q->assigned_ids != NULL && q->assigned_ids->len > 0)
    filter_add_ids (f, "d.assigned_by_id", q->assigned_ids);
  if (q->assigned_to_me)
    filter_add_int (f, "d.assigned_by_id = ?", self->current_user);
  if (q->type_id != NULL && *q->type_id)
    filter_add_text (f, "d.type_id = ?", q->type_id);
  if (q->source_id != NULL && *q->source_id)
    filter_add_text (f, "d.source_id = ?", q->source_id);
  today = store_today (self);
  filter_add_range (f, today, "d.date_create", &q->created, TRUE, NULL);
  filter_add_range (f, today, "d.begin_date", &q->begin, FALSE, NULL);
  filter_add_range (f, today, "d.close_date", &q->close, FALSE, NULL);
  filter_add_range (f, today, "d.closed_at", &q->closed_on, FALSE, "d.closed = 1");
  if (q->repeat == AFFARI_REPEAT_ONLY)
    g_string_append (f->where, " AND (d.is_return_customer = 1 OR d.is_repeated_approach = 1)");
  else if (q->repeat == AFFARI_REPEAT_NONE)
    g_string_append (f->where, " AND d.is_return_customer = 0 AND d.is_repeated_approach = 0");
  if (q->activity == AFFARI_ACTIVITY_FILTER_NONE_PLANNED)
    g_string_append (f->where, " AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.deal_id = d.id AND a.completed = 0)");
  else if (q->activity == AFFARI_ACTIVITY_FILTER_OVERDUE)
    filter_add_int (f, "EXISTS (SELECT 1 FROM activity a WHERE a.deal_id = d.id AND a.completed = 0 AND a.deadline < ?)",
                    affari_store_now (self));
  {
    g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

    store_filter_field_criteria (q, f->where, values);
    for (guint i = 0; i < values->len; i++)
      {
        GVariant *v = g_ptr_array_index (values, i);
        gboolean is_text = g_variant_is_of_type (v, G_VARIANT_TYPE_STRING);
        StoreParam p = { is_text, is_text ? 0 : g_variant_get_int64 (v), is_text ? g_variant_dup_string (v, NULL) : NULL };

        g_array_append_val (f->params, p);
      }
  }

  if (q->text != NULL && *q->text)
    {
      g_autofree char *match = store_search_match_expression (q->text);

      /* Words typed are prefixes searched in the full-text index of the deal (migration 2); in
       * team mode, by the server's search when it answers (store_search_set). */
      if (match != NULL && search == STORE_SEARCH_APART)
        ;
      else if (match != NULL && search == STORE_SEARCH_LEADS)
        filter_add_text (f, "deal_search MATCH ?", match);
      else if (match != NULL && self->server != NULL && store_search_set (self, match, NULL) != NULL && self->search_on_server)
        filter_add_text (f, "affari_found (d.id, ?)", match);
      else if (match != NULL)
        filter_add_text (f, "d.id IN (SELECT rowid FROM deal_search WHERE deal_search MATCH ?)", match);
      else
        {
          /* Only signs ("%", "#"), which the index does not hold: look for them literally. */
          g_autofree char *pattern = store_like_pattern (q->text);
          StoreParam p = { TRUE, 0, g_strdup (pattern) };

          filter_add_text (f, "(d.title LIKE ? ESCAPE '\\'", pattern);
          g_string_append (f->where, " OR d.comments LIKE ? ESCAPE '\\')");
          g_array_append_val (f->params, p);
        }
    }
}

static const char *
order_by (const AffariDealQuery *q, gboolean *needs_stage_join, gboolean *needs_client_join, gboolean *needs_member_join)
{
  AffariDealSort sort = q ? q->sort : AFFARI_DEAL_SORT_POSITION;
  gboolean desc = q ? q->descending : FALSE;

  *needs_stage_join = *needs_client_join = *needs_member_join = FALSE;
  switch (sort)
    {
    case AFFARI_DEAL_SORT_POSITION:
      if (q && q->stage_id > 0)
        return desc ? " ORDER BY d.position DESC, d.id DESC" : " ORDER BY d.position, d.id";
      G_GNUC_FALLTHROUGH;
    case AFFARI_DEAL_SORT_STAGE:
      /* Stage order, and the board's order inside a stage. Written so that SQLite walks the
       * stages in order (stage_pipeline) and each stage's deals in order (deal_stage_position):
       * a million ids come out already sorted, without a temporary sort. */
      *needs_stage_join = TRUE;
      if (q && q->pipeline_id > 0)
        return desc ? " ORDER BY s.sort DESC, s.id DESC, d.position DESC, d.id DESC"
                    : " ORDER BY s.sort, s.id, d.position, d.id";
      return desc ? " ORDER BY s.pipeline_id DESC, s.sort DESC, s.id DESC, d.position DESC, d.id DESC"
                  : " ORDER BY s.pipeline_id, s.sort, s.id, d.position, d.id";
    case AFFARI_DEAL_SORT_TITLE:
      return desc ? " ORDER BY d.title COLLATE NOCASE DESC, d.id DESC" : " ORDER BY d.title COLLATE NOCASE, d.id";
    case AFFARI_DEAL_SORT_AMOUNT:
      /* Amounts in different currencies cannot be compared (CHF 550 is not between € 527 and
       * € 600): each currency's deals stand together. The currency follows the amount's
       * direction, so that descending is the exact reverse and one index on (pipeline_id,
       * currency, amount) can serve both ways. */
      return desc ? " ORDER BY d.currency DESC, d.amount DESC, d.id DESC" : " ORDER BY d.currency, d.amount, d.id";
    case AFFARI_DEAL_SORT_DATE_CREATE:
      return desc ? " ORDER BY d.date_create DESC, d.id DESC" : " ORDER BY d.date_create, d.id";
    case AFFARI_DEAL_SORT_DATE_MODIFY:
      return desc ? " ORDER BY d.date_modify DESC, d.id DESC" : " ORDER BY d.date_modify, d.id";
    case AFFARI_DEAL_SORT_BEGIN_DATE:
      return desc ? " ORDER BY d.begin_date DESC, d.id DESC" : " ORDER BY d.begin_date, d.id";
    case AFFARI_DEAL_SORT_CLOSE_DATE:
      return desc ? " ORDER BY d.close_date DESC, d.id DESC" : " ORDER BY d.close_date, d.id";
    case AFFARI_DEAL_SORT_CLIENT:
      *needs_client_join = TRUE;
      return desc ? " ORDER BY co.name COLLATE NOCASE DESC, d.id DESC" : " ORDER BY co.name COLLATE NOCASE, d.id";
    case AFFARI_DEAL_SORT_RESPONSIBLE:
      *needs_member_join = TRUE;
      return desc ? " ORDER BY tm.name COLLATE NOCASE DESC, d.id DESC" : " ORDER BY tm.name COLLATE NOCASE, d.id";
    case AFFARI_DEAL_SORT_PROBABILITY:
      return desc ? " ORDER BY d.probability DESC, d.id DESC" : " ORDER BY d.probability, d.id";
    /* ---- list and filters ---- */
    case AFFARI_DEAL_SORT_CURRENCY:
      return desc ? " ORDER BY d.currency DESC, d.id DESC" : " ORDER BY d.currency, d.id";
    case AFFARI_DEAL_SORT_TYPE:
      return desc ? " ORDER BY d.type_id DESC, d.id DESC" : " ORDER BY d.type_id, d.id";
    case AFFARI_DEAL_SORT_SOURCE:
      return desc ? " ORDER BY d.source_id DESC, d.id DESC" : " ORDER BY d.source_id, d.id";
    case AFFARI_DEAL_SORT_NEXT_ACTIVITY:
      /* deals without a planned activity last either way */
      return desc ? " ORDER BY (SELECT min(a.deadline) FROM activity a WHERE a.deal_id = d.id AND a.completed = 0) IS NULL,"
                    " (SELECT min(a.deadline) FROM activity a WHERE a.deal_id = d.id AND a.completed = 0) DESC, d.id DESC"
                  : " ORDER BY (SELECT min(a.deadline) FROM activity a WHERE a.deal_id = d.id AND a.completed = 0) IS NULL,"
                    " (SELECT min(a.deadline) FROM activity a WHERE a.deal_id = d.id AND a.completed = 0), d.id";
    case AFFARI_DEAL_SORT_REPEAT:
      return desc ? " ORDER BY (d.is_return_customer OR d.is_repeated_approach) DESC, d.id DESC"
                  : " ORDER BY (d.is_return_customer OR d.is_repeated_approach), d.id";
    default:
      return " ORDER BY d.id";
    }
}

static char *
build_select (const AffariDealQuery *q, const char *columns, StoreFilter *f, gboolean ordered, StoreSearchMode search)
{
  GString *sql = g_string_new ("SELECT ");
  gboolean stage_join = FALSE, client_join = FALSE, member_join = FALSE;
  const char *order = ordered ? order_by (q, &stage_join, &client_join, &member_join) : "";

  g_string_append (sql, columns);
  if (search == STORE_SEARCH_LEADS)
    {
      g_string_append (sql, " FROM deal_search CROSS JOIN deal d ON d.id = deal_search.rowid");
      if (stage_join)
        g_string_append (sql, " JOIN stage s ON s.id = d.stage_id");
    }
  else if (stage_join && ordered && walks_stages (q))
    g_string_append (sql, " FROM stage s CROSS JOIN deal d ON d.stage_id = s.id");
  else if (stage_join)
    g_string_append (sql, " FROM deal d JOIN stage s ON s.id = d.stage_id");
  else
    g_string_append (sql, " FROM deal d");
  if (client_join)
    g_string_append (sql, " LEFT JOIN company co ON co.id = d.company_id");
  if (member_join)
    g_string_append (sql, " LEFT JOIN team_member tm ON tm.id = d.assigned_by_id");
  g_string_append (sql, f->joins->str);
  g_string_append (sql, " WHERE ");
  g_string_append (sql, f->where->str);
  g_string_append (sql, order);
  return g_string_free (sql, FALSE);
}

static GArray *
query_ids_upto (AffariStore *self, const AffariDealQuery *query, StoreSearchMode search, guint limit, GError **error)
{
  StoreFilter f;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  GArray *ids;
  int rc;

  store_filter_init_for (self, &f, query, search != STORE_SEARCH_LEADS && walks_stages (query), search);
  sql = build_select (query, "d.id", &f, TRUE, search);
  stmt = store_filter_prepare (self, &f, sql, error);
  if (stmt == NULL)
    return NULL;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((limit == 0 || ids->len < limit) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (limit > 0 && ids->len == limit)
    rc = SQLITE_DONE;
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_array_unref (ids);
      store_fail (self, error, rc, "query");
      return NULL;
    }
  return ids;
}

static GArray *
query_ids (AffariStore *self, const AffariDealQuery *query, StoreSearchMode search, GError **error)
{
  return query_ids_upto (self, query, search, 0, error);
}

gboolean
store_id_set_has (const StoreIdSet *set, gint64 id)
{
  guint64 word = (guint64) id >> 6;

  return id > 0 && word < set->n_words && (set->bits[word] >> (id & 63)) & 1;
}

void
store_id_set_free (gpointer data)
{
  StoreIdSet *set = data;

  g_free (set->bits);
  g_free (set);
}

void
store_id_set_add (StoreIdSet *set, gint64 id)
{
  guint64 word = (guint64) id >> 6;

  if (id <= 0)
    return;
  if (word >= set->n_words)
    {
      gsize n = MAX (word + 1, set->n_words * 2);

      set->bits = g_renew (guint64, set->bits, n);
      memset (set->bits + set->n_words, 0, (n - set->n_words) * sizeof (guint64));
      set->n_words = n;
    }
  set->bits[word] |= G_GUINT64_CONSTANT (1) << (id & 63);
  set->count++;
}

#define ID_SET_POINTER "affari-id-set"

void
store_sql_found (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  AffariStore *self = sqlite3_user_data (ctx);

  sqlite3_result_int (ctx, self->search_set != NULL &&
                           g_strcmp0 (self->search_match, (const char *) sqlite3_value_text (argv[1])) == 0 &&
                           store_id_set_has (self->search_set, sqlite3_value_int64 (argv[0])));
}

/* affari_id_set(id, set): an aggregate that adds every id to the StoreIdSet bound as a pointer —
 * tens of thousands of matches go into the set without a result row each (half the time). */
void
store_sql_id_set_step (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  StoreIdSet *set = sqlite3_value_pointer (argv[1], ID_SET_POINTER);

  if (set != NULL)
    store_id_set_add (set, sqlite3_value_int64 (argv[0]));
}

void
store_sql_id_set_final (sqlite3_context *ctx)
{
  sqlite3_result_null (ctx);
}

static gboolean
search_matches (AffariStore *self, const char *match, StoreIdSet *set, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self, "SELECT affari_id_set (rowid, ?2) FROM deal_search WHERE deal_search MATCH ?1",
                                      error);
  int rc;

  memset (set, 0, sizeof *set);
  if (stmt == NULL)
    return FALSE;
  store_bind_text (stmt, 1, match);
  sqlite3_bind_pointer (stmt, 2, set, ID_SET_POINTER, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);
  sqlite3_bind_null (stmt, 2);
  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (&set->bits, g_free);
      store_fail (self, error, rc, "query");
      return FALSE;
    }
  return TRUE;
}

/* The deals @match finds: kept until the next write, so that the columns of the board and the
 * list's footer, asking one after the other for the same words, search once. */
const StoreIdSet *
store_search_set (AffariStore *self, const char *match, GError **error)
{
  StoreIdSet *set;

  if (self->search_set != NULL && g_strcmp0 (self->search_match, match) == 0 &&
      self->search_changes == sqlite3_total_changes64 (self->db) &&
      self->search_data_version == store_data_version (self))
    return self->search_set;

  g_clear_pointer (&self->search_set, store_id_set_free);
  g_clear_pointer (&self->search_match, g_free);
  set = g_new0 (StoreIdSet, 1);
  self->search_on_server = store_server_search (self, match, set);
  if (!self->search_on_server && !search_matches (self, match, set, error))
    {
      g_free (set);
      return NULL;
    }
  self->search_set = set;
  self->search_match = g_strdup (match);
  self->search_changes = sqlite3_total_changes64 (self->db);
  self->search_data_version = store_data_version (self);
  return set;
}

/* A list of a whole pipeline (not a Kanban column) whose result does not move with the clock. */
static gboolean
base_cacheable (const AffariDealQuery *q)
{
  return q != NULL && q->stage_id == 0 && !q->include_deleted && q->activity != AFFARI_ACTIVITY_FILTER_OVERDUE;
}

static gint64
store_data_version (AffariStore *self)
{
  sqlite3_stmt *stmt = store_prepare (self, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return version;
}

/* The cached ids of @base (a query without words), or NULL. */
static GArray *
base_lookup (AffariStore *self, const AffariDealQuery *base)
{
  g_autofree char *today = NULL;

  if (self->base_ids == NULL || !affari_deal_query_equal (self->base_query, base))
    return NULL;
  today = store_today (self);
  if (self->base_changes != sqlite3_total_changes64 (self->db) ||
      self->base_user != self->current_user ||
      g_strcmp0 (self->base_today, today) != 0 ||
      self->base_data_version != store_data_version (self))
    {
      g_clear_pointer (&self->base_ids, g_array_unref);
      return NULL;
    }
  return self->base_ids;
}

static void
base_keep (AffariStore *self, const AffariDealQuery *base, GArray *ids)
{
  g_clear_pointer (&self->base_query, affari_deal_query_free);
  g_clear_pointer (&self->base_ids, g_array_unref);
  g_clear_pointer (&self->base_today, g_free);
  self->base_query = affari_deal_query_copy (base);
  self->base_ids = g_array_ref (ids);
  self->base_changes = sqlite3_total_changes64 (self->db);
  self->base_data_version = store_data_version (self);
  self->base_today = store_today (self);
  self->base_user = self->current_user;
}

/* The ids of @base, from the cache or read and kept (the caller must not change them). */
static GArray *
base_ids (AffariStore *self, const AffariDealQuery *base, GError **error)
{
  GArray *ids = base_lookup (self, base);

  if (ids != NULL)
    return g_array_ref (ids);
  ids = query_ids (self, base, STORE_SEARCH_IN_SUBQUERY, error);
  if (ids != NULL && base_cacheable (base))
    base_keep (self, base, ids);
  return ids;
}

/* Typing in the search runs one query per keystroke with the same criteria and other words: the
 * ids of the criteria alone, in the order asked for, are kept (until anything is written), and
 * a keystroke only asks the full-text index which deals match and keeps those. */
GArray *
affari_store_query_deal_ids (AffariStore *self, const AffariDealQuery *query, GError **error)
{
  g_autofree char *match = NULL;
  g_autoptr(AffariDealQuery) base = NULL;
  g_autoptr(GArray) all = NULL;
  const StoreIdSet *set;
  GArray *ids;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  if (query != NULL && query->text != NULL && !query->include_deleted && self->has_search_index)
    match = store_search_match_expression (query->text);
  /* Text with no letter or digit ("%", "#"): the filter looks for it literally, as the count and
   * the pages do (one filter serves all three). */
  if (match == NULL && (!base_cacheable (query) || (query->text != NULL && *query->text != '\0')))
    return query_ids (self, query, STORE_SEARCH_IN_SUBQUERY, error);

  base = affari_deal_query_copy (query);
  g_clear_pointer (&base->text, g_free);
  if (match == NULL)
    {
      all = base_ids (self, base, error);
      return all != NULL ? g_array_copy (all) : NULL;
    }

  set = store_search_set (self, match, error);
  if (set == NULL)
    return NULL;
  /* few matches and nothing kept: the full-text index leads and SQLite sorts the matches (not
   * when the server searched: the local index did not) */
  if (!self->search_on_server &&
      (self->search_plan == AFFARI_SEARCH_PLAN_INDEX_LEADS ||
       (self->search_plan == AFFARI_SEARCH_PLAN_AUTO && set->count < STORE_SEARCH_LEADS_BELOW &&
        (!base_cacheable (base) || base_lookup (self, base) == NULL))))
    return query_ids (self, query, STORE_SEARCH_LEADS, error);

  all = base_ids (self, base, error);
  ids = all != NULL ? g_array_sized_new (FALSE, FALSE, sizeof (gint64), MIN (set->count, all->len)) : NULL;
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      gint64 id = g_array_index (all, gint64, i);

      if (store_id_set_has (set, id))
        g_array_append_val (ids, id);
    }
  return ids;
}

/* The first @limit ids of affari_store_query_deal_ids (): what a Kanban column shows in its
 * first frame, read along the stage's index without reading the thousands after them. */
GArray *
affari_store_query_first_deal_ids (AffariStore *self, const AffariDealQuery *query, guint limit, GError **error)
{
  GArray *ids;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  /* A search or criteria whose ids are kept: the same list as in full, cut. */
  if (limit == 0 || (query != NULL && query->text != NULL && *query->text != '\0') || base_cacheable (query))
    {
      ids = affari_store_query_deal_ids (self, query, error);
      if (ids != NULL && limit > 0 && ids->len > limit)
        g_array_set_size (ids, limit);
      return ids;
    }
  return query_ids_upto (self, query, STORE_SEARCH_IN_SUBQUERY, limit, error);
}

GPtrArray *
affari_store_query_deals (AffariStore *self, const AffariDealQuery *query,
                          guint offset, guint limit, GError **error)
{
  StoreFilter f;
  g_autofree char *sql = NULL;
  g_autofree char *paged = NULL;
  sqlite3_stmt *stmt;
  GPtrArray *result;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  filter_init (self, &f, query);
  {
    gboolean a, b, c;
    const char *order = order_by (query, &a, &b, &c);
    sql = g_strconcat ("SELECT " STORE_DEAL_COLUMNS STORE_DEAL_FROM, a ? " JOIN stage s ON s.id = d.stage_id" : "",
                       f.joins->str, " WHERE ", f.where->str, order, NULL);
  }
  paged = g_strdup_printf ("%s LIMIT %u OFFSET %u", sql, limit ? limit : G_MAXINT32, offset);
  stmt = store_prepare (self, paged, error);
  if (stmt == NULL)
    {
      filter_clear (&f);
      return NULL;
    }
  filter_bind (&f, stmt);
  filter_clear (&f);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, store_deal_from_row (stmt));
  sqlite3_reset (stmt);
  /* paged statements differ by their numbers: do not keep them */
  g_hash_table_remove (self->statements, paged);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (result);
      store_fail (self, error, rc, "query");
      return NULL;
    }
  return result;
}

guint
affari_store_count_deals (AffariStore *self, const AffariDealQuery *query, GError **error)
{
  StoreFilter f;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  guint count = 0;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  filter_init (self, &f, query);
  sql = build_select (query, "count(*)", &f, FALSE, STORE_SEARCH_IN_SUBQUERY);
  stmt = store_prepare (self, sql, error);
  if (stmt == NULL)
    {
      filter_clear (&f);
      return 0;
    }
  filter_bind (&f, stmt);
  filter_clear (&f);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = (guint) sqlite3_column_int64 (stmt, 0);
  else
    store_fail (self, error, rc, "count");
  sqlite3_reset (stmt);
  return count;
}

void
affari_store_forget_kept (AffariStore *self)
{
  g_return_if_fail (AFFARI_IS_STORE (self));

  g_clear_pointer (&self->base_ids, g_array_unref);
  g_clear_pointer (&self->search_set, store_id_set_free);
  g_clear_pointer (&self->search_match, g_free);
}

void
affari_store_set_search_plan (AffariStore *self, AffariSearchPlan plan)
{
  g_return_if_fail (AFFARI_IS_STORE (self));

  self->search_plan = plan;
}
