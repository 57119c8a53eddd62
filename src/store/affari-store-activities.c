/* affari-store-activities.c — what the Activities and Calendar views ask of the store: deals
 * bucketed by their next activity, rescheduling into a period, deals by a date field, moving a
 * deal's date, and the planned activities of a time range.
 *
 * The filter of the window is applied through affari_store_query_deal_ids(), whose ids are bound
 * as one JSON array parameter (json_each): the views then run their own SQL over the same set of
 * deals that the Kanban board and the list show, without a second copy of the filter's SQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <sqlite3.h>

#include "affari-store.h"
#include "affari-store-private.h"

/* Which deals a view covers: a pipeline (0 = all) and, when the filter has criteria, the ids
 * of the deals that match it as a JSON array. */
typedef struct {
  gint64 pipeline_id;
  char  *ids_json;
} Scope;

/* ------------------------------------------------------------ auxiliary */

static void
scope_clear (Scope *scope)
{
  g_clear_pointer (&scope->ids_json, g_free);
}

static gboolean
scope_init (AffariStore           *self,
            const AffariDealQuery *query,
            Scope                 *scope,
            GError               **error)
{
  g_auto(AffariDealQuery) filter = { 0 };
  g_autoptr(GArray) ids = NULL;
  GString *json;

  scope->pipeline_id = query != NULL ? query->pipeline_id : 0;
  scope->ids_json = NULL;
  if (query == NULL || !affari_deal_query_has_filter (query))
    return TRUE;

  affari_deal_query_merge_filter (&filter, query);
  filter.pipeline_id = scope->pipeline_id;
  filter.sort = AFFARI_DEAL_SORT_TITLE;
  ids = affari_store_query_deal_ids (self, &filter, error);
  if (ids == NULL)
    return FALSE;

  json = g_string_sized_new (16 + ids->len * 8);
  g_string_append_c (json, '[');
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, i ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT, g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');
  scope->ids_json = g_string_free (json, FALSE);
  return TRUE;
}

/* The scope's condition on "d", with its two parameters at @first and @first + 1. */
#define SCOPE_SQL(a, b) \
  " AND (?" #a " = 0 OR d.pipeline_id = ?" #a ")" \
  " AND (?" #b " IS NULL OR d.id IN (SELECT value FROM json_each(?" #b ")))"

static void
scope_bind (const Scope  *scope,
            sqlite3_stmt *stmt,
            int           first)
{
  sqlite3_bind_int64 (stmt, first, scope->pipeline_id);
  if (scope->ids_json != NULL)
    sqlite3_bind_text (stmt, first + 1, scope->ids_json, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, first + 1);
}

static gboolean
valid_iso_date (const char *date)
{
  int y, m, d;
  char tail;

  return date != NULL && strlen (date) == 10 &&
         sscanf (date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
         g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

static gint64
local_midnight (const char *date,
                int         add_days)
{
  int y, m, d;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) moved = NULL;

  if (sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    return 0;
  day = g_date_time_new_local (y, m, d, 0, 0, 0);
  if (day == NULL)
    return 0;
  moved = g_date_time_add_days (day, add_days);
  return g_date_time_to_unix (moved);
}

/* ------------------------------------------------------------ buckets */

#define BUCKETS_CTE \
  "WITH n AS (" \
  "  SELECT d.id, d.currency, d.amount," \
  "         (SELECT min(a.deadline) FROM activity a WHERE a.deal_id = d.id AND a.completed = 0) AS next" \
  "  FROM deal d WHERE " STORE_LIVE_DEAL " AND d.closed = 0" SCOPE_SQL (1, 2) \
  "), b AS (" \
  "  SELECT id, currency, amount, next," \
  "         CASE WHEN next IS NULL THEN 5 WHEN next < ?3 THEN 0 WHEN next < ?4 THEN 1" \
  "              WHEN next < ?5 THEN 2 WHEN next < ?6 THEN 3 ELSE 4 END AS bucket" \
  "  FROM n" \
  ") "

static void
bind_bounds (sqlite3_stmt             *stmt,
             const Scope              *scope,
             const AffariPeriodBounds *bounds)
{
  scope_bind (scope, stmt, 1);
  sqlite3_bind_int64 (stmt, 3, bounds->now);
  sqlite3_bind_int64 (stmt, 4, bounds->tomorrow_start);
  sqlite3_bind_int64 (stmt, 5, bounds->next_week_start);
  sqlite3_bind_int64 (stmt, 6, bounds->later_start);
}

gboolean
affari_store_activity_buckets (AffariStore           *self,
                               const AffariDealQuery *query,
                               AffariActivityBucket  *buckets,
                               GError               **error)
{
  AffariPeriodBounds bounds;
  Scope scope;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (buckets != NULL, FALSE);

  for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
    {
      buckets[i].period = (AffariActivityPeriod) i;
      buckets[i].ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      buckets[i].deadlines = g_array_new (FALSE, FALSE, sizeof (gint64));
      buckets[i].totals = g_array_new (FALSE, TRUE, sizeof (AffariStageTotal));
      buckets[i].count = 0;
    }

  if (!scope_init (self, query, &scope, error))
    return FALSE;
  affari_period_bounds_compute (&bounds, affari_store_now (self), NULL);

  stmt = store_prepare (self, BUCKETS_CTE "SELECT bucket, id, next FROM b ORDER BY bucket, next, id", error);
  if (stmt == NULL)
    {
      scope_clear (&scope);
      return FALSE;
    }
  bind_bounds (stmt, &scope, &bounds);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int bucket = sqlite3_column_int (stmt, 0);
      gint64 id = sqlite3_column_int64 (stmt, 1);
      gint64 next = sqlite3_column_int64 (stmt, 2);

      if (bucket >= 0 && bucket < AFFARI_N_ACTIVITY_PERIODS)
        {
          g_array_append_val (buckets[bucket].ids, id);
          g_array_append_val (buckets[bucket].deadlines, next);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      scope_clear (&scope);
      return store_fail (self, error, rc, "activity buckets");
    }

  stmt = store_prepare (self, BUCKETS_CTE
                        "SELECT bucket, currency, count(*), sum(amount) FROM b"
                        " GROUP BY bucket, currency ORDER BY bucket, count(*) DESC, currency", error);
  if (stmt == NULL)
    {
      scope_clear (&scope);
      return FALSE;
    }
  bind_bounds (stmt, &scope, &bounds);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int bucket = sqlite3_column_int (stmt, 0);
      const char *currency = (const char *) sqlite3_column_text (stmt, 1);
      AffariStageTotal total = { 0 };

      if (bucket < 0 || bucket >= AFFARI_N_ACTIVITY_PERIODS)
        continue;
      g_strlcpy (total.currency, currency ? currency : "", sizeof total.currency);
      total.count = (guint) sqlite3_column_int64 (stmt, 2);
      total.sum = sqlite3_column_int64 (stmt, 3);
      buckets[bucket].count += total.count;
      g_array_append_val (buckets[bucket].totals, total);
    }
  sqlite3_reset (stmt);
  scope_clear (&scope);
  if (rc != SQLITE_DONE)
    return store_fail (self, error, rc, "activity totals");
  return TRUE;
}

/* ------------------------------------------------------------ next activity */

AffariActivity *
store_activity_from_row (sqlite3_stmt *stmt)
{
  AffariActivityType kind = AFFARI_ACTIVITY_TASK;

  affari_activity_type_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind);
  return g_object_new (AFFARI_TYPE_ACTIVITY,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "deal-id", sqlite3_column_int64 (stmt, 1),
                       "kind", (int) kind,
                       "subject", (const char *) sqlite3_column_text (stmt, 3),
                       "description", (const char *) sqlite3_column_text (stmt, 4),
                       "deadline", sqlite3_column_int64 (stmt, 5),
                       "completed", sqlite3_column_int (stmt, 6) != 0,
                       "responsible-id", sqlite3_column_int64 (stmt, 7),
                       "created", sqlite3_column_int64 (stmt, 8),
                       NULL);
}

#define ACTIVITY_COLUMNS \
  "a.id, a.deal_id, a.kind, a.subject, a.description, a.deadline, a.completed, a.responsible_id, a.created"

AffariActivity *
affari_store_get_next_activity (AffariStore *self,
                                gint64       deal_id,
                                GError     **error)
{
  AffariActivity *activity = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, "SELECT " ACTIVITY_COLUMNS " FROM activity a"
                        " WHERE a.deal_id = ? AND a.completed = 0 ORDER BY a.deadline, a.id LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    activity = store_activity_from_row (stmt);
  else if (rc != SQLITE_DONE)
    store_fail (self, error, rc, "next activity");
  sqlite3_reset (stmt);
  return activity;
}

gboolean
affari_store_reschedule_next_activity (AffariStore          *self,
                                       gint64                deal_id,
                                       AffariActivityPeriod  period,
                                       gint64               *out_activity_id,
                                       gint64               *out_old_deadline,
                                       GError              **error)
{
  g_autoptr(AffariActivity) activity = NULL;
  GError *local_error = NULL;
  gint64 old_deadline, deadline;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (out_activity_id != NULL)
    *out_activity_id = 0;
  if (out_old_deadline != NULL)
    *out_old_deadline = 0;

  activity = affari_store_get_next_activity (self, deal_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (activity == NULL)
    {
      if (period == AFFARI_ACTIVITY_PERIOD_NONE)
        return TRUE;
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                           _("The deal has no planned activity to move: plan one with “+”"));
      return FALSE;
    }

  old_deadline = affari_activity_get_deadline (activity);
  if (!affari_activity_period_reschedule (affari_store_now (self), NULL, old_deadline, period, &deadline, error))
    return FALSE;
  if (out_activity_id != NULL)
    *out_activity_id = affari_activity_get_id (activity);
  if (out_old_deadline != NULL)
    *out_old_deadline = old_deadline;
  if (deadline == old_deadline)
    return TRUE;

  /* One transaction with its history event (affari_store_reschedule_activity writes both). */
  return affari_store_reschedule_activity (self, affari_activity_get_id (activity), deadline, error);
}

gboolean
affari_store_reschedule_next_activities (AffariStore          *self,
                                         const gint64         *deal_ids,
                                         guint                 n_deals,
                                         AffariActivityPeriod  period,
                                         GError              **error)
{
  guint n_moved = 0;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (deal_ids != NULL || n_deals == 0, FALSE);

  if (!store_tx_begin (self, error))
    return FALSE;
  for (guint i = 0; i < n_deals; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(AffariActivity) next = affari_store_get_next_activity (self, deal_ids[i], &local_error);

      if (local_error == NULL && next == NULL && n_deals > 1)
        {
          /* One card of a selection with nothing planned: the others still move. */
          continue;
        }
      if (local_error == NULL &&
          !affari_store_reschedule_next_activity (self, deal_ids[i], period, NULL, NULL, &local_error) &&
          local_error == NULL)
        local_error = g_error_new_literal (AFFARI_ERROR, AFFARI_ERROR_FAILED, _("The activity could not be moved"));
      if (local_error != NULL)
        {
          store_tx_rollback (self);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      n_moved++;
    }
  if (n_moved == 0)
    {
      store_tx_rollback (self);
      return store_set_invalid (error, _("The deal has no planned activity to move: plan one with “+”"));
    }
  return store_tx_end (self, TRUE, error);
}

/* ------------------------------------------------------------ calendar */

/* Each day's deals numbered by amount, with the day's count: the limit is applied in SQL. */
#define CALENDAR_SQL(key, range) \
  "SELECT id, day, n FROM (" \
  "  SELECT d.id, " key " AS day," \
  "         row_number () OVER (PARTITION BY " key " ORDER BY d.amount DESC, d.id) AS rn," \
  "         count (*) OVER (PARTITION BY " key ") AS n" \
  "  FROM deal d WHERE " STORE_LIVE_DEAL SCOPE_SQL (1, 2) " AND " range \
  ") WHERE ?5 = 0 OR rn <= ?5 ORDER BY day, rn"

GPtrArray *
affari_store_calendar_deals (AffariStore           *self,
                             const AffariDealQuery *query,
                             AffariCalendarField    field,
                             const char            *from,
                             const char            *to,
                             guint                  per_day,
                             GArray               **out_days,
                             GError               **error)
{
  static const char * const sql[] = {
    [AFFARI_CALENDAR_CLOSE_DATE] = CALENDAR_SQL ("d.close_date", "d.close_date >= ?3 AND d.close_date <= ?4"),
    [AFFARI_CALENDAR_BEGIN_DATE] = CALENDAR_SQL ("d.begin_date", "d.begin_date >= ?3 AND d.begin_date <= ?4"),
    [AFFARI_CALENDAR_DATE_CREATE] = CALENDAR_SQL ("date (d.date_create, 'unixepoch', 'localtime')",
                                                  "d.date_create >= ?3 AND d.date_create < ?4"),
  };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) days = NULL;
  Scope scope;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);
  g_return_val_if_fail ((guint) field < G_N_ELEMENTS (sql), NULL);

  if (!valid_iso_date (from) || !valid_iso_date (to))
    {
      store_set_invalid (error, _("The date is not valid"));
      return NULL;
    }
  if (!scope_init (self, query, &scope, error))
    return NULL;

  stmt = store_prepare (self, sql[field], error);
  if (stmt == NULL)
    {
      scope_clear (&scope);
      return NULL;
    }
  scope_bind (&scope, stmt, 1);
  if (field == AFFARI_CALENDAR_DATE_CREATE)
    {
      sqlite3_bind_int64 (stmt, 3, local_midnight (from, 0));
      sqlite3_bind_int64 (stmt, 4, local_midnight (to, 1));
    }
  else
    {
      store_bind_text (stmt, 3, from);
      store_bind_text (stmt, 4, to);
    }
  sqlite3_bind_int64 (stmt, 5, per_day);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  days = g_array_new (FALSE, TRUE, sizeof (AffariCalendarDay));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *day = (const char *) sqlite3_column_text (stmt, 1);

      g_array_append_val (ids, id);
      if (day == NULL)
        continue;
      if (days->len == 0 || strcmp (g_array_index (days, AffariCalendarDay, days->len - 1).date, day) != 0)
        {
          AffariCalendarDay entry = { { 0 }, 0 };

          g_strlcpy (entry.date, day, sizeof entry.date);
          entry.count = (guint) sqlite3_column_int64 (stmt, 2);
          g_array_append_val (days, entry);
        }
    }
  sqlite3_reset (stmt);
  scope_clear (&scope);
  if (rc != SQLITE_DONE)
    {
      store_fail (self, error, rc, "calendar");
      return NULL;
    }

  if (out_days != NULL)
    *out_days = g_steal_pointer (&days);
  return affari_store_load_deals (self, (const gint64 *) ids->data, ids->len, error);
}

gboolean
affari_store_set_deal_date (AffariStore          *self,
                            gint64                deal_id,
                            AffariCalendarField   field,
                            const char           *date,
                            char                **out_old,
                            GError              **error)
{
  g_autoptr(AffariDeal) deal = NULL;
  g_autofree char *old = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (out_old != NULL)
    *out_old = NULL;
  if (field == AFFARI_CALENDAR_DATE_CREATE)
    return store_set_invalid (error, _("The creation date of a deal cannot be changed"));
  if (field != AFFARI_CALENDAR_CLOSE_DATE && field != AFFARI_CALENDAR_BEGIN_DATE)
    return store_set_invalid (error, _("Unknown date field"));
  if (date != NULL && !valid_iso_date (date))
    return store_set_invalid (error, _("The date is not valid"));

  deal = affari_store_get_deal (self, deal_id, error);
  if (deal == NULL)
    return FALSE;

  old = affari_calendar_field_date (deal, field);
  if (field == AFFARI_CALENDAR_CLOSE_DATE)
    affari_deal_set_close_date (deal, date);
  else
    affari_deal_set_begin_date (deal, date);

  /* One transaction and one history event per changed field: the store's update does both. */
  if (g_strcmp0 (old, date) != 0 && !affari_store_update_deal (self, deal, error))
    return FALSE;
  if (out_old != NULL)
    *out_old = g_steal_pointer (&old);
  return TRUE;
}

/* ------------------------------------------------------------ planned activities */

gboolean
affari_store_next_activity_deadline (AffariStore  *self,
                                     gint64        from,
                                     gint64       *out_deadline,
                                     GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_deadline != NULL, FALSE);

  *out_deadline = 0;
  stmt = store_prepare (self, "SELECT min(a.deadline) FROM activity a JOIN deal d ON d.id = a.deal_id"
                        " WHERE a.completed = 0 AND a.deadline >= ? AND " STORE_LIVE_DEAL, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_deadline = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return store_fail (self, error, rc, "next deadline");
  return TRUE;
}

GPtrArray *
affari_store_list_planned_activities (AffariStore           *self,
                                      const AffariDealQuery *query,
                                      gint64                 from,
                                      gint64                 to,
                                      GHashTable           **out_titles,
                                      GError               **error)
{
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GHashTable) titles = NULL;
  Scope scope;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  if (!scope_init (self, query, &scope, error))
    return NULL;
  stmt = store_prepare (self, "SELECT " ACTIVITY_COLUMNS ", d.title FROM activity a JOIN deal d ON d.id = a.deal_id"
                        " WHERE a.completed = 0 AND " STORE_LIVE_DEAL SCOPE_SQL (1, 2)
                        " AND a.deadline >= ?3 AND (?4 = 0 OR a.deadline < ?4)"
                        " ORDER BY a.deadline, a.id", error);
  if (stmt == NULL)
    {
      scope_clear (&scope);
      return NULL;
    }
  scope_bind (&scope, stmt, 1);
  sqlite3_bind_int64 (stmt, 3, from);
  sqlite3_bind_int64 (stmt, 4, to);

  activities = g_ptr_array_new_with_free_func (g_object_unref);
  titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AffariActivity *activity = store_activity_from_row (stmt);
      gint64 deal_id = affari_activity_get_deal_id (activity);

      g_ptr_array_add (activities, activity);
      if (!g_hash_table_contains (titles, &deal_id))
        g_hash_table_insert (titles, g_memdup2 (&deal_id, sizeof deal_id), store_column_dup (stmt, 9));
    }
  sqlite3_reset (stmt);
  scope_clear (&scope);
  if (rc != SQLITE_DONE)
    {
      store_fail (self, error, rc, "planned activities");
      return NULL;
    }
  if (out_titles != NULL)
    *out_titles = g_steal_pointer (&titles);
  return g_steal_pointer (&activities);
}
