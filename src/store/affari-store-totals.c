/* affari-store-totals.c — the totals of each stage under a query
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

/* The rows (stage id, currency, count, sum) of a totals statement, bound and ready. */
static GArray *
read_totals (AffariStore *self, sqlite3_stmt *stmt, GError **error)
{
  GArray *totals = g_array_new (FALSE, TRUE, sizeof (AffariStageTotal));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AffariStageTotal t = { 0 };
      const char *currency = (const char *) sqlite3_column_text (stmt, 1);

      t.stage_id = sqlite3_column_int64 (stmt, 0);
      g_strlcpy (t.currency, currency ? currency : "", sizeof t.currency);
      t.count = (guint) sqlite3_column_int64 (stmt, 2);
      t.sum = sqlite3_column_int64 (stmt, 3);
      g_array_append_val (totals, t);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_array_unref (totals);
      store_fail (self, error, rc, "totals");
      return NULL;
    }
  return totals;
}

static GArray *
stage_totals_sql (AffariStore *self, const AffariDealQuery *query, StoreSearchMode search, GError **error)
{
  StoreFilter f;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  store_filter_init_for (self, &f, query, FALSE, search);
  sql = g_strconcat ("SELECT d.stage_id, d.currency, count(*), sum(d.amount)",
                     search == STORE_SEARCH_LEADS ? " FROM deal_search CROSS JOIN deal d ON d.id = deal_search.rowid"
                                            : " FROM deal d",
                     f.joins->str, " WHERE ", f.where->str,
                     /* grouped as the covering index deal_totals is ordered: no temporary table */
                     " GROUP BY d.pipeline_id, d.stage_id, d.currency", NULL);
  stmt = store_filter_prepare (self, &f, sql, error);
  if (stmt == NULL)
    return NULL;

  return read_totals (self, stmt, error);
}

/* Many matches: the deals of the criteria are read along the covering index deal_totals, in its
 * order, and only the matching ones are added up. */
static GArray *
stage_totals_of_set (AffariStore *self, const AffariDealQuery *query, const StoreIdSet *set, GError **error)
{
  StoreFilter f;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  GArray *totals;
  AffariStageTotal *last = NULL;
  int rc;

  store_filter_init_for (self, &f, query, FALSE, STORE_SEARCH_APART);
  sql = g_strconcat ("SELECT d.id, d.stage_id, d.currency, d.amount FROM deal d", f.joins->str,
                     " WHERE ", f.where->str, " ORDER BY d.pipeline_id, d.stage_id, d.currency", NULL);
  stmt = store_filter_prepare (self, &f, sql, error);
  if (stmt == NULL)
    return NULL;

  totals = g_array_new (FALSE, TRUE, sizeof (AffariStageTotal));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 stage_id = sqlite3_column_int64 (stmt, 1);
      const char *currency = (const char *) sqlite3_column_text (stmt, 2);

      if (!store_id_set_has (set, sqlite3_column_int64 (stmt, 0)))
        continue;
      if (last == NULL || last->stage_id != stage_id || strcmp (last->currency, currency ? currency : "") != 0)
        {
          AffariStageTotal t = { .stage_id = stage_id };

          g_strlcpy (t.currency, currency ? currency : "", sizeof t.currency);
          g_array_append_val (totals, t);
          last = &g_array_index (totals, AffariStageTotal, totals->len - 1);
        }
      last->count++;
      last->sum += sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_array_unref (totals);
      store_fail (self, error, rc, "totals");
      return NULL;
    }
  return totals;
}

/* Whether @query asks for nothing but a pipeline and a stage (what stage_total keeps). */
static gboolean
only_pipeline_and_stage (const AffariDealQuery *query)
{
  AffariDealQuery plain = { 0 };

  if (query == NULL)
    return TRUE;
  plain.pipeline_id = query->pipeline_id;
  plain.stage_id = query->stage_id;
  plain.sort = query->sort;
  plain.descending = query->descending;
  return affari_deal_query_equal (&plain, query);
}

/* The board's headers without a filter: the totals kept by the triggers of migration 4. */
static GArray *
stage_totals_kept (AffariStore *self, const AffariDealQuery *query, GError **error)
{
  gint64 pipeline_id = query != NULL ? query->pipeline_id : 0;
  gint64 stage_id = query != NULL ? query->stage_id : 0;
  sqlite3_stmt *stmt;

  stmt = store_prepare (self,
                        "SELECT stage_id, currency, count, sum FROM stage_total"
                        " WHERE (?1 = 0 OR pipeline_id = ?1) AND (?2 = 0 OR stage_id = ?2) AND count > 0"
                        " ORDER BY pipeline_id, stage_id, currency", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pipeline_id);
  sqlite3_bind_int64 (stmt, 2, stage_id);
  return read_totals (self, stmt, error);
}

GArray *
affari_store_stage_totals (AffariStore *self, const AffariDealQuery *query, GError **error)
{
  g_autofree char *match = NULL;
  const StoreIdSet *set;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  if (only_pipeline_and_stage (query))
    return stage_totals_kept (self, query, error);

  if (query != NULL && query->text != NULL && !query->include_deleted && self->has_search_index)
    match = store_search_match_expression (query->text);
  if (match == NULL)
    return stage_totals_sql (self, query, STORE_SEARCH_IN_SUBQUERY, error);

  set = store_search_set (self, match, error);
  if (set == NULL)
    return NULL;
  if (!self->search_on_server &&
      (self->search_plan == AFFARI_SEARCH_PLAN_INDEX_LEADS ||
       (self->search_plan == AFFARI_SEARCH_PLAN_AUTO && set->count < STORE_SEARCH_LEADS_BELOW)))
    return stage_totals_sql (self, query, STORE_SEARCH_LEADS, error);
  return stage_totals_of_set (self, query, set, error);
}
