/* affari-store-moves.c — where a deal stands: positions, stage changes, places, trash, restore and
 * purge, and its history
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

#define POSITION_STEP 1024.0


gboolean
store_add_event (AffariStore *self, gint64 deal_id, AffariEventType kind, const char *field,
           const char *old_value, const char *new_value, const char *text, GError **error)
{
  gint64 id = store_new_id (self, "event", error);
  sqlite3_stmt *stmt = id < 0 ? NULL : store_prepare (self,
    "INSERT INTO event (id, deal_id, time, author_id, kind, field, old_value, new_value, text)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  store_bind_id (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, deal_id);
  sqlite3_bind_int64 (stmt, 3, affari_store_now (self));
  store_bind_id (stmt, 4, self->current_user);
  store_bind_text (stmt, 5, affari_event_type_to_string (kind));
  store_bind_text (stmt, 6, field);
  store_bind_text (stmt, 7, old_value);
  store_bind_text (stmt, 8, new_value);
  store_bind_text (stmt, 9, text);
  return store_step_done (self, stmt, error);
}

gboolean
store_add_stage_history (AffariStore *self, gint64 deal_id, int type_id, gint64 pipeline_id,
                   AffariSemantics semantics, gint64 stage_id, GError **error)
{
  gint64 id = store_new_id (self, "deal_stage_history", error);
  sqlite3_stmt *stmt = id < 0 ? NULL : store_prepare (self,
    "INSERT INTO deal_stage_history (id, type_id, deal_id, created_time, pipeline_id, semantics, stage_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  store_bind_id (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, type_id);
  sqlite3_bind_int64 (stmt, 3, deal_id);
  sqlite3_bind_int64 (stmt, 4, affari_store_now (self));
  sqlite3_bind_int64 (stmt, 5, pipeline_id);
  store_bind_text (stmt, 6, affari_semantics_to_code (semantics));
  sqlite3_bind_int64 (stmt, 7, stage_id);
  return store_step_done (self, stmt, error);
}

static AffariEvent *
event_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (AFFARI_TYPE_EVENT,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "deal-id", sqlite3_column_int64 (stmt, 1),
                       "time", sqlite3_column_int64 (stmt, 2),
                       "author-id", sqlite3_column_int64 (stmt, 3),
                       "author-name", (const char *) sqlite3_column_text (stmt, 4),
                       "kind", (int) affari_event_type_from_string ((const char *) sqlite3_column_text (stmt, 5)),
                       "field", (const char *) sqlite3_column_text (stmt, 6),
                       "old-value", (const char *) sqlite3_column_text (stmt, 7),
                       "new-value", (const char *) sqlite3_column_text (stmt, 8),
                       "text", (const char *) sqlite3_column_text (stmt, 9),
                       "pinned", sqlite3_column_int (stmt, 10) != 0,
                       NULL);
}

GPtrArray *
affari_store_list_events (AffariStore *self, gint64 deal_id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self,
    "SELECT e.id, e.deal_id, e.time, e.author_id, m.name, e.kind, e.field, e.old_value, e.new_value, e.text,"
    " p.event_id IS NOT NULL"
    " FROM event e LEFT JOIN team_member m ON m.id = e.author_id LEFT JOIN event_pinned p ON p.event_id = e.id"
    " WHERE e.deal_id = ? ORDER BY p.event_id IS NULL, e.time DESC, e.id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  return store_collect (self, stmt, (StoreRowFunc) event_from_row, "events", error);
}

gint64
store_deal_stage (AffariStore *self, gint64 deal_id)
{
  return store_query_int (self, "SELECT stage_id FROM deal WHERE id = ? AND deleted_at IS NULL", deal_id, 0);
}

gboolean
affari_store_add_comment (AffariStore *self, gint64 deal_id, const char *text, GError **error)
{
  gint64 stage;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_check_text (text, STORE_MAX_TEXT_CHARS, TRUE, _("The comment"), error))
    return FALSE;
  stage = store_deal_stage (self, deal_id);
  if (stage == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal does not exist any more"));
      return FALSE;
    }
  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_add_event (self, deal_id, AFFARI_EVENT_COMMENT, NULL, NULL, NULL, text, error);
  if (ok)
    store_queue_deal (self, deal_id, stage, stage);
  return store_tx_end (self, ok, error);
}

/* Position @index among the live deals of @stage_id, not counting @exclude. */
/* Spreads the live deals of a stage POSITION_STEP apart, in their order: one pass, the rank of
 * each computed once (a correlated subquery would rank the stage again for every row). */
static gboolean
respread (AffariStore *self, gint64 stage_id, GError **error)
{
  return store_exec (self, error,
                     "UPDATE deal SET position = r.n * 1024.0 FROM"
                     " (SELECT id, row_number () OVER (ORDER BY position, id) AS n FROM deal d"
                     "   WHERE d.stage_id = ?1 AND " STORE_LIVE_DEAL ") AS r"
                     " WHERE deal.id = r.id", "x", stage_id);
}

static double
position_at (AffariStore *self, gint64 stage_id, int index, gint64 exclude, GError **error)
{
  sqlite3_stmt *stmt;
  double before = 0, after = 0;
  gboolean has_before = FALSE, has_after = FALSE;

  if (index <= 0)
    {
      stmt = store_prepare (self, "SELECT min(position) FROM deal d WHERE d.stage_id = ? AND d.id <> ? AND " STORE_LIVE_DEAL, error);
      if (stmt == NULL)
        return NAN;
      sqlite3_bind_int64 (stmt, 1, stage_id);
      sqlite3_bind_int64 (stmt, 2, exclude);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        {
          double first = sqlite3_column_double (stmt, 0);
          sqlite3_reset (stmt);
          return first - POSITION_STEP;
        }
      sqlite3_reset (stmt);
      return index < 0 ? 0 : 0;
    }

  stmt = store_prepare (self, "SELECT position FROM deal d WHERE d.stage_id = ? AND d.id <> ? AND " STORE_LIVE_DEAL
                        " ORDER BY d.position, d.id LIMIT 2 OFFSET ?", error);
  if (stmt == NULL)
    return NAN;
  sqlite3_bind_int64 (stmt, 1, stage_id);
  sqlite3_bind_int64 (stmt, 2, exclude);
  sqlite3_bind_int (stmt, 3, index - 1);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      before = sqlite3_column_double (stmt, 0);
      has_before = TRUE;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          after = sqlite3_column_double (stmt, 0);
          has_after = TRUE;
        }
    }
  sqlite3_reset (stmt);

  if (!has_before)
    return NAN; /* past the end: caller appends */
  if (!has_after)
    return before + POSITION_STEP;
  if (after - before > 1e-6)
    return before + (after - before) / 2;

  /* The gap is exhausted: spread the stage out again, then retry once. */
  if (!respread (self, stage_id, error))
    return NAN;
  return position_at (self, stage_id, index, exclude, error);
}

static double
position_last (AffariStore *self, gint64 stage_id, gint64 exclude)
{
  sqlite3_stmt *stmt = store_prepare (self, "SELECT max(position) FROM deal d WHERE d.stage_id = ? AND d.id <> ? AND " STORE_LIVE_DEAL, NULL);
  double pos = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, stage_id);
  sqlite3_bind_int64 (stmt, 2, exclude);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    pos = sqlite3_column_double (stmt, 0) + POSITION_STEP;
  sqlite3_reset (stmt);
  return pos;
}

gboolean
store_compute_position (AffariStore *self, gint64 stage_id, int index, gint64 exclude, double *out, GError **error)
{
  GError *local = NULL;
  double pos;

  if (index < 0)
    {
      *out = position_last (self, stage_id, exclude);
      return TRUE;
    }
  pos = position_at (self, stage_id, index, exclude, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  *out = isnan (pos) ? position_last (self, stage_id, exclude) : pos;
  return TRUE;
}

void
store_stage_info_free (gpointer data)
{
  StoreStageInfo *info = data;

  g_free (info->name);
  g_free (info);
}

/* The stage cache lives only inside a batch: the batch holds the write lock, so no other
 * program can change a stage meanwhile, and any stage change of our own drops it. */
void
store_forget_stages (AffariStore *self)
{
  if (self->batch_stages != NULL)
    g_hash_table_remove_all (self->batch_stages);
}

gboolean
store_stage_info (AffariStore *self, gint64 stage_id, StoreStageInfo *info, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  if (self->batch_depth > 0 && self->batch_stages != NULL)
    {
      const StoreStageInfo *cached = g_hash_table_lookup (self->batch_stages, &stage_id);

      if (cached != NULL)
        {
          *info = *cached;
          info->name = g_strdup (cached->name);
          return TRUE;
        }
    }

  stmt = store_prepare (self, "SELECT pipeline_id, semantics, name FROM stage WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stage_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      info->pipeline_id = sqlite3_column_int64 (stmt, 0);
      info->semantics = affari_semantics_from_code ((const char *) sqlite3_column_text (stmt, 1));
      info->name = store_column_dup (stmt, 2);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The stage does not exist any more"));
  else if (self->batch_depth > 0 && self->batch_stages != NULL)
    {
      StoreStageInfo *copy = g_new (StoreStageInfo, 1);
      gint64 *key = g_new (gint64, 1);

      *copy = *info;
      copy->name = g_strdup (info->name);
      *key = stage_id;
      g_hash_table_insert (self->batch_stages, key, copy);
    }
  return found;
}

/* The history's line for the day a deal was closed: "Chiuso il 03/12/2026". */
gboolean
store_add_closed_at_event (AffariStore *self, gint64 deal_id, const char *day, GError **error)
{
  g_autofree char *day_text = affari_date_format (day);
  /* Translators: a history event and a line of the deal card; %s is a date. */
  g_autofree char *text = g_strdup_printf (_("Closed on %s"), day_text);

  return store_add_event (self, deal_id, AFFARI_EVENT_FIELD, "CLOSED_AT", NULL, day_text, text, error);
}

/* Closes or reopens on the way into a stage; writes the move's history. */
gboolean
store_write_stage_change (AffariStore *self, gint64 deal_id, gint64 pipeline_id,
                    gint64 old_stage, const char *old_name, AffariSemantics old_semantics,
                    gint64 new_stage, const char *new_name, AffariSemantics new_semantics,
                    double position, const char *reason, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *today = store_today (self);
  gboolean closing = new_semantics != AFFARI_SEMANTICS_PROCESS;
  gboolean was_closed = old_semantics != AFFARI_SEMANTICS_PROCESS;
  gboolean ok;

  /* The expected close date (CLOSEDATE) is the person's plan and stays as it is; the day of
   * closing has its own column: set on closing (again when a won deal is lost or the other way
   * round), kept on a move between lost stages, cleared on reopening. */
  stmt = store_prepare (self,
    "UPDATE deal SET stage_id = ?1, semantics = ?2, position = ?3, closed = ?4,"
    " closed_at = CASE WHEN NOT ?4 THEN NULL WHEN closed AND semantics = ?2 THEN coalesce(closed_at, ?5) ELSE ?5 END,"
    " moved_by_id = ?6, moved_time = ?7, modify_by_id = ?6, date_modify = ?7"
    " WHERE id = ?8", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, new_stage);
  store_bind_text (stmt, 2, affari_semantics_to_code (new_semantics));
  sqlite3_bind_double (stmt, 3, position);
  sqlite3_bind_int (stmt, 4, closing);
  store_bind_text (stmt, 5, today);
  store_bind_id (stmt, 6, self->current_user);
  sqlite3_bind_int64 (stmt, 7, affari_store_now (self));
  sqlite3_bind_int64 (stmt, 8, deal_id);
  ok = store_step_done (self, stmt, error);

  if (ok && old_stage != new_stage)
    {
      g_autofree char *text = g_strdup_printf (_("Stage: %s → %s"), old_name, new_name);
      ok = store_add_event (self, deal_id, AFFARI_EVENT_STAGE, "STAGE_ID", old_name, new_name, text, error);
      ok = ok && store_add_stage_history (self, deal_id, closing ? 3 : 2, pipeline_id, new_semantics, new_stage, error);
    }
  if (ok && closing && (!was_closed || old_semantics != new_semantics))
    {
      g_autofree char *text = NULL;
      if (new_semantics == AFFARI_SEMANTICS_SUCCESS)
        text = reason && *reason ? g_strdup_printf (_("Deal won: %s"), reason) : g_strdup (_("Deal won"));
      else
        text = reason && *reason ? g_strdup_printf (_("Deal lost: %s"), reason) : g_strdup (_("Deal lost"));
      ok = store_add_event (self, deal_id, AFFARI_EVENT_CLOSED, "CLOSED", "N", "Y", text, error);
      ok = ok && store_add_closed_at_event (self, deal_id, today, error);
    }
  else if (ok && !closing && was_closed)
    ok = store_add_event (self, deal_id, AFFARI_EVENT_REOPENED, "CLOSED", "Y", "N", _("Deal reopened"), error);
  else if (ok && closing && reason && *reason && old_stage == new_stage)
    ok = store_add_event (self, deal_id, AFFARI_EVENT_COMMENT, NULL, NULL, NULL, reason, error);

  return ok;
}

gboolean
store_deal_place (AffariStore *self, gint64 deal_id, StoreDealPlace *place, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self, "SELECT pipeline_id, stage_id, coalesce(deleted_at, 0) FROM deal WHERE id = ?", error);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      place->pipeline_id = sqlite3_column_int64 (stmt, 0);
      place->stage_id = sqlite3_column_int64 (stmt, 1);
      place->deleted_at = sqlite3_column_int64 (stmt, 2);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal does not exist any more"));
  return found;
}

/* The move itself, inside the caller's transaction (no savepoint of its own: a move of many
 * deals would pay SQLite's savepoint release for each). */
static gboolean
move_one (AffariStore *self, gint64 deal_id, gint64 stage_id, int index, const char *reason, GError **error)
{
  StoreDealPlace place = { 0 };
  StoreStageInfo from = { 0 }, to = { 0 };
  double position = 0;
  gboolean ok;

  if (!store_deal_place (self, deal_id, &place, error))
    return FALSE;
  if (place.deleted_at != 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal is in the trash"));
      return FALSE;
    }
  if (!store_stage_info (self, stage_id, &to, error))
    return FALSE;
  if (to.pipeline_id != place.pipeline_id)
    {
      g_free (to.name);
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT, _("The stage belongs to another pipeline"));
      return FALSE;
    }
  if (!store_stage_info (self, place.stage_id, &from, error))
    {
      g_free (to.name);
      return FALSE;
    }

  ok = store_compute_position (self, stage_id, index, deal_id, &position, error);
  ok = ok && store_write_stage_change (self, deal_id, place.pipeline_id,
                                       place.stage_id, from.name, from.semantics,
                                       stage_id, to.name, to.semantics, position, reason, error);
  if (ok)
    store_queue_deal_at (self, deal_id, place.stage_id, stage_id, index < 0 ? AFFARI_CHANGE_INDEX_END : index);
  g_free (from.name);
  g_free (to.name);
  return ok;
}

gboolean
affari_store_move_deal (AffariStore *self, gint64 deal_id, gint64 stage_id, int index,
                        const char *reason, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_check_text (reason, STORE_MAX_TEXT_CHARS, FALSE, _("The reason"), error))
    return FALSE;
  if (!store_tx_begin (self, error))
    return FALSE;
  ok = move_one (self, deal_id, stage_id, index, reason, error);
  return store_tx_end (self, ok, error);
}

/* The positions of the @n_ids deals just appended to the bottom of @stage_id, so that they stand
 * together at @index among the others, in their order. */
static gboolean
place_together (AffariStore *self, const gint64 *ids, guint n_ids, gint64 stage_id, int index, GError **error)
{
  sqlite3_stmt *stmt;
  double before = 0, after = 0;
  gboolean has_before = FALSE, has_after = FALSE;
  gint64 others = store_query_int (self, "SELECT count(*) FROM deal d WHERE d.stage_id = ? AND " STORE_LIVE_DEAL,
                                   stage_id, 0) - n_ids;

  if (index < 0 || index >= others)
    return TRUE;   /* the bottom: where they are */

  for (int attempt = 0; attempt < 2; attempt++)
    {
      /* The moved deals are at the bottom: the first @others ranks are the other deals. */
      stmt = store_prepare (self, "SELECT position FROM deal d WHERE d.stage_id = ? AND " STORE_LIVE_DEAL
                            " ORDER BY d.position, d.id LIMIT 2 OFFSET ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, stage_id);
      sqlite3_bind_int (stmt, 2, MAX (index - 1, 0));
      has_before = has_after = FALSE;
      if (index > 0 && sqlite3_step (stmt) == SQLITE_ROW)
        {
          before = sqlite3_column_double (stmt, 0);
          has_before = TRUE;
        }
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          after = sqlite3_column_double (stmt, 0);
          has_after = TRUE;
        }
      sqlite3_reset (stmt);
      if (!has_before)
        before = has_after ? after - POSITION_STEP * (n_ids + 1) : 0;
      if (!has_after)
        after = before + POSITION_STEP * (n_ids + 1);
      if ((after - before) / (n_ids + 1) > 1e-6)
        break;
      if (attempt == 1 || !respread (self, stage_id, error))
        return attempt == 1 ? store_set_invalid (error, _("The deals could not be placed")) : FALSE;
    }

  for (guint i = 0; i < n_ids; i++)
    if (!store_exec (self, error, "UPDATE deal SET position = ? WHERE id = ?", "dx",
                     before + (after - before) * (i + 1) / (n_ids + 1), ids[i]))
      return FALSE;
  return TRUE;
}

gboolean
affari_store_move_deals (AffariStore *self, const gint64 *ids, guint n_ids, gint64 stage_id, int index,
                         const char *reason, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  if (n_ids == 1)
    return affari_store_move_deal (self, ids[0], stage_id, index, reason, error);
  if (!store_check_text (reason, STORE_MAX_TEXT_CHARS, FALSE, _("The reason"), error))
    return FALSE;

  /* Each to the bottom first (no position to split), then all of them at once into the gap at
   * @index: moving them one by one into the same gap would halve it at every deal. */
  if (!store_tx_begin (self, error))
    return FALSE;
  ok = TRUE;
  for (guint i = 0; ok && i < n_ids; i++)
    ok = move_one (self, ids[i], stage_id, -1, reason, error);
  ok = ok && place_together (self, ids, n_ids, stage_id, index, error);
  for (guint i = 0; ok && index >= 0 && i < n_ids; i++)
    store_queue_deal_at (self, ids[i], stage_id, stage_id, index + (int) i);
  return store_tx_end (self, ok, error);
}

void
affari_deal_place_clear (AffariDealPlace *place)
{
  g_clear_pointer (&place->close_date, g_free);
}

gboolean
affari_store_get_deal_place (AffariStore *self, gint64 deal_id, AffariDealPlace *place, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (place != NULL, FALSE);

  stmt = store_prepare (self, "SELECT stage_id, position, closed, close_date FROM deal WHERE id = ? AND deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      place->deal_id = deal_id;
      place->stage_id = sqlite3_column_int64 (stmt, 0);
      place->position = sqlite3_column_double (stmt, 1);
      place->closed = sqlite3_column_int (stmt, 2) != 0;
      place->close_date = store_column_dup (stmt, 3);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal does not exist any more"));
  return found;
}

gboolean
affari_store_move_deal_to_pipeline (AffariStore *self, gint64 deal_id, gint64 pipeline_id, GError **error)
{
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(AffariPipeline) from_pipeline = NULL;
  g_autoptr(AffariPipeline) to_pipeline = NULL;
  StoreStageInfo info = { 0 };
  gint64 stage_id;
  double position = 0;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  deal = affari_store_get_deal (self, deal_id, error);
  if (deal == NULL)
    return FALSE;
  if (deal->pipeline_id == pipeline_id)
    return TRUE;
  from_pipeline = affari_store_get_pipeline (self, deal->pipeline_id, error);
  to_pipeline = from_pipeline ? affari_store_get_pipeline (self, pipeline_id, error) : NULL;
  if (to_pipeline == NULL)
    return FALSE;
  /* A lead becomes a deal only by its conversion, which keeps both. */
  if (affari_store_is_lead (self, deal_id) || pipeline_id == affari_store_get_lead_pipeline_id (self))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                   _("Leads and deals do not move between their pipelines: convert the lead instead"));
      return FALSE;
    }

  /* Bitrix24 picks the first stage of the new pipeline with the same semantics. */
  stage_id = affari_store_find_stage (self, pipeline_id, deal->semantics);
  if (stage_id == 0 || !store_stage_info (self, stage_id, &info, error))
    {
      if (error && !*error)
        g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT, _("The pipeline has no matching stage"));
      return FALSE;
    }

  ok = store_tx_begin (self, error);
  if (ok)
    {
      g_autofree char *text = g_strdup_printf (_("Pipeline: %s → %s (stage %s)"),
                                               affari_pipeline_get_name (from_pipeline),
                                               affari_pipeline_get_name (to_pipeline), info.name);
      ok = store_compute_position (self, stage_id, 0, deal_id, &position, error);
      ok = ok && store_exec (self, error, "UPDATE deal SET pipeline_id = ?1, stage_id = ?2, semantics = ?3, position = ?4,"
                        " moved_by_id = ?5, moved_time = ?6, modify_by_id = ?5, date_modify = ?6 WHERE id = ?7", "xxsdnxx", (gint64) (pipeline_id), (gint64) (stage_id), affari_semantics_to_code (info.semantics), (double) (position), (gint64) (self->current_user), (gint64) (affari_store_now (self)), (gint64) (deal_id));
      ok = ok && store_add_event (self, deal_id, AFFARI_EVENT_PIPELINE, "CATEGORY_ID",
                            affari_pipeline_get_name (from_pipeline), affari_pipeline_get_name (to_pipeline),
                            text, error);
      ok = ok && store_add_stage_history (self, deal_id, 5, pipeline_id, info.semantics, stage_id, error);
      if (ok)
        store_queue_deal (self, deal_id, deal->stage_id, stage_id);
      ok = store_tx_end (self, ok, error);
    }
  g_free (info.name);
  return ok;
}

static gboolean
set_deleted (AffariStore *self, gint64 deal_id, gboolean trash, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 stage;
  gboolean ok;

  stage = store_query_int (self, trash ? "SELECT stage_id FROM deal WHERE id = ? AND deleted_at IS NULL"
                                 : "SELECT stage_id FROM deal WHERE id = ? AND deleted_at IS NOT NULL", deal_id, 0);
  if (stage == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND,
                   trash ? _("The deal does not exist any more") : _("The deal is not in the trash"));
      return FALSE;
    }
  if (!store_tx_begin (self, error))
    return FALSE;
  stmt = store_prepare (self, "UPDATE deal SET deleted_at = ?, modify_by_id = ?, date_modify = ? WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      gint64 now = affari_store_now (self);
      if (trash)
        sqlite3_bind_int64 (stmt, 1, now);
      else
        sqlite3_bind_null (stmt, 1);
      store_bind_id (stmt, 2, self->current_user);
      sqlite3_bind_int64 (stmt, 3, now);
      sqlite3_bind_int64 (stmt, 4, deal_id);
      ok = store_step_done (self, stmt, error);
    }
  ok = ok && store_add_event (self, deal_id, trash ? AFFARI_EVENT_TRASHED : AFFARI_EVENT_RESTORED, NULL, NULL, NULL,
                        trash ? _("Moved to the trash") : _("Restored from the trash"), error);
  if (ok)
    store_queue_deal (self, deal_id, trash ? stage : 0, trash ? 0 : stage);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_trash_deal (AffariStore *self, gint64 deal_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  return set_deleted (self, deal_id, TRUE, error);
}

gboolean
affari_store_restore_deal (AffariStore *self, gint64 deal_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  return set_deleted (self, deal_id, FALSE, error);
}

gboolean
affari_store_purge_deal (AffariStore *self, gint64 deal_id, GError **error)
{
  gint64 stage;
  gboolean live, ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  stage = store_query_int (self, "SELECT stage_id FROM deal WHERE id = ?", deal_id, 0);
  if (stage == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal does not exist any more"));
      return FALSE;
    }
  live = store_query_int (self, "SELECT deleted_at IS NULL FROM deal WHERE id = ?", deal_id, 0);
  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec (self, error, "DELETE FROM deal WHERE id = ?", "x", (gint64) (deal_id));
  if (ok)
    store_queue_deal (self, deal_id, live ? stage : 0, 0);
  return store_tx_end (self, ok, error);
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
      store_fail (self, error, rc, "trash");
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
    return store_fail (self, error, rc, "trash");
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
