/* affari-store-pipelines.c — pipelines: reading them and what Preferenze edits
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

/* ---------------------------------------------------- pipelines and stages */

static AffariPipeline *
pipeline_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (AFFARI_TYPE_PIPELINE,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "name", (const char *) sqlite3_column_text (stmt, 1),
                       "sort", sqlite3_column_int (stmt, 2),
                       "is-default", sqlite3_column_int (stmt, 3) != 0,
                       "currency", (const char *) sqlite3_column_text (stmt, 4),
                       NULL);
}

#define PIPELINE_COLUMNS "SELECT id, name, sort, is_default, currency FROM pipeline"

GPtrArray *
affari_store_list_pipelines (AffariStore *self, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  /* The lead pipeline is the Lead section's, not one of the deal pipelines. */
  stmt = store_prepare (self, PIPELINE_COLUMNS " WHERE kind = 'deal' ORDER BY is_default DESC, sort, id", error);
  if (stmt == NULL)
    return NULL;
  return store_collect (self, stmt, (StoreRowFunc) pipeline_from_row, "pipelines", error);
}

AffariPipeline *
affari_store_get_pipeline (AffariStore *self, gint64 id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  return store_get_by_id (self, PIPELINE_COLUMNS " WHERE id = ?", id, (StoreRowFunc) pipeline_from_row,
                          _("The pipeline does not exist any more"), error);
}

gint64
affari_store_get_default_pipeline_id (AffariStore *self)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  return self->default_pipeline;
}

gint64
affari_store_create_pipeline (AffariStore *self, const char *name, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *prefix = NULL;
  gboolean ok;
  gint64 id = 0;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  if (!store_check_line (name, STORE_MAX_TITLE_CHARS, TRUE, _("The pipeline name"), error))
    return 0;
  if (!store_tx_begin (self, error))
    return 0;
  id = store_new_id (self, "pipeline", error);
  stmt = id < 0 ? NULL : store_prepare (self,
    "INSERT INTO pipeline (id, name, sort, currency)"
    " VALUES (?, trim(?), (SELECT coalesce(max(sort), 500) + 10 FROM pipeline WHERE kind = 'deal'),"
    "         (SELECT value FROM setting WHERE key = 'base_currency'))", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_id (stmt, 1, id);
      store_bind_text (stmt, 2, name);
      ok = store_step_done (self, stmt, error);
      id = sqlite3_last_insert_rowid (self->db);
    }
  if (ok)
    {
      prefix = g_strdup_printf ("C%" G_GINT64_FORMAT ":", id);
      ok = store_insert_stages (self, id, prefix, error);
    }
  if (ok)
    store_queue (self, STORE_PENDING_PIPELINES, 0, 0, 0);
  return store_tx_end (self, ok, error) ? id : 0;
}

/* ------------------------------------------------------------ pipelines */

gboolean
affari_store_rename_pipeline (AffariStore *self, gint64 pipeline_id, const char *name, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_check_line (name, STORE_MAX_TITLE_CHARS, TRUE, _("The pipeline name"), error))
    return FALSE;
  if (store_query_int (self, "SELECT count(*) FROM pipeline WHERE id = ?", pipeline_id, 0) == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The pipeline does not exist any more"));
      return FALSE;
    }
  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec (self, error, "UPDATE pipeline SET name = trim(?) WHERE id = ?", "sx", name, (gint64) (pipeline_id));
  if (ok)
    store_queue_pipelines (self);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_reorder_pipelines (AffariStore *self, const gint64 *ids, guint n_ids, GError **error)
{
  g_autoptr(GArray) existing = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  existing = store_select_ids (self, "SELECT id FROM pipeline WHERE id > ? AND kind = 'deal'", 0, error);
  if (existing == NULL)
    return FALSE;
  if (existing->len != n_ids || !store_ids_distinct (ids, n_ids))
    return store_set_invalid (error, _("The pipelines changed meanwhile: try again"));
  for (guint i = 0; i < n_ids; i++)
    if (store_query_int (self, "SELECT count(*) FROM pipeline WHERE id = ? AND kind = 'deal'", ids[i], 0) == 0)
      return store_set_invalid (error, _("The pipelines changed meanwhile: try again"));

  if (!store_tx_begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < n_ids; i++)
    {
      ok = store_exec (self, error, "UPDATE pipeline SET sort = ? WHERE id = ?", "ix", (int) (500 + (int) i * 10), (gint64) (ids[i]));
    }
  if (ok)
    store_queue_pipelines (self);
  return store_tx_end (self, ok, error);
}

guint
affari_store_count_pipeline_deals (AffariStore *self, gint64 pipeline_id)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  return (guint) store_query_int (self, "SELECT count(*) FROM deal WHERE pipeline_id = ?", pipeline_id, 0);
}

gboolean
affari_store_delete_pipeline (AffariStore *self, gint64 pipeline_id, gint64 target_pipeline_id, GError **error)
{
  g_autoptr(AffariPipeline) pipeline = NULL;
  g_autoptr(AffariPipeline) target = NULL;
  g_autoptr(GArray) deals = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  pipeline = affari_store_get_pipeline (self, pipeline_id, error);
  if (pipeline == NULL)
    return FALSE;
  if (affari_pipeline_get_is_default (pipeline))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT, _("The default pipeline cannot be deleted"));
      return FALSE;
    }
  if (store_query_int (self, "SELECT count(*) FROM pipeline WHERE kind = 'lead' AND id = ?", pipeline_id, 0) > 0
      || (target_pipeline_id != 0 && target_pipeline_id == affari_store_get_lead_pipeline_id (self)))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                   _("The pipeline of leads cannot be deleted, and deals cannot move into it"));
      return FALSE;
    }
  deals = store_select_ids (self, "SELECT id FROM deal WHERE pipeline_id = ? ORDER BY id", pipeline_id, error);
  if (deals == NULL)
    return FALSE;
  if (deals->len > 0)
    {
      if (target_pipeline_id == 0 || target_pipeline_id == pipeline_id)
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                       _("The pipeline holds deals: choose the pipeline they move to"));
          return FALSE;
        }
      target = affari_store_get_pipeline (self, target_pipeline_id, error);
      if (target == NULL)
        return FALSE;
    }

  if (!store_tx_begin (self, error))
    return FALSE;

  for (guint i = 0; ok && i < deals->len; i++)
    {
      gint64 deal_id = g_array_index (deals, gint64, i);
      StoreDealPlace place = { 0 };
      StoreStageInfo from = { 0 }, to = { 0 };
      gint64 stage_id;
      double position = 0;

      ok = store_deal_place (self, deal_id, &place, error) && store_stage_info (self, place.stage_id, &from, error);
      /* As Bitrix24 does: the first stage of the same semantics in the new pipeline. */
      stage_id = ok ? affari_store_find_stage (self, target_pipeline_id, from.semantics) : 0;
      if (ok && stage_id == 0)
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT, _("The pipeline has no matching stage"));
          ok = FALSE;
        }
      ok = ok && store_stage_info (self, stage_id, &to, error);
      ok = ok && store_compute_position (self, stage_id, -1, deal_id, &position, error);
      stmt = ok ? store_prepare (self,
        "UPDATE deal SET pipeline_id = ?1, stage_id = ?2, semantics = ?3, position = ?4,"
        " moved_by_id = ?5, moved_time = ?6, modify_by_id = ?5, date_modify = ?6 WHERE id = ?7", error) : NULL;
      ok = ok && stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, target_pipeline_id);
          sqlite3_bind_int64 (stmt, 2, stage_id);
          store_bind_text (stmt, 3, affari_semantics_to_code (to.semantics));
          sqlite3_bind_double (stmt, 4, position);
          store_bind_id (stmt, 5, affari_store_get_current_user (self));
          sqlite3_bind_int64 (stmt, 6, affari_store_now (self));
          sqlite3_bind_int64 (stmt, 7, deal_id);
          ok = store_step_done (self, stmt, error);
        }
      if (ok)
        {
          g_free (text);
          text = g_strdup_printf (_("Pipeline: %s → %s (stage %s), because “%s” was deleted"),
                                  affari_pipeline_get_name (pipeline), affari_pipeline_get_name (target),
                                  to.name, affari_pipeline_get_name (pipeline));
          ok = store_add_event (self, deal_id, AFFARI_EVENT_PIPELINE, "CATEGORY_ID",
                                affari_pipeline_get_name (pipeline), affari_pipeline_get_name (target), text, error);
        }
      ok = ok && store_add_stage_history (self, deal_id, 5, target_pipeline_id, to.semantics, stage_id, error);
      if (ok && place.deleted_at == 0)
        store_queue_deal (self, deal_id, place.stage_id, stage_id);
      g_free (from.name);
      g_free (to.name);
    }

  /* Regular-deal schedules of the pipeline follow their deals instead of vanishing. */
  if (ok && target_pipeline_id != 0)
    {
      ok = store_exec (self, error, "UPDATE recurring SET pipeline_id = ? WHERE pipeline_id = ?", "xx", (gint64) (target_pipeline_id), (gint64) (pipeline_id));
    }
  ok = ok && store_exec_id (self, "DELETE FROM stage WHERE pipeline_id = ?", pipeline_id, error);
  ok = ok && store_exec_id (self, "DELETE FROM pipeline WHERE id = ?", pipeline_id, error);
  if (ok)
    {
      store_queue_pipelines (self);
      if (target_pipeline_id != 0)
        store_queue_stages (self, target_pipeline_id);
    }
  return store_tx_end (self, ok, error);
}
