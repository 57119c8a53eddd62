/* affari-store-settings.c — what Preferenze edits: pipelines and their stages (with the order
 * rule and the protected stages of the reference), the card layout of each pipeline, custom
 * fields beyond their creation, the reference lists, currencies, the product catalogue and the team.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <sqlite3.h>

#include "affari-store.h"
#include "affari-store-private.h"
#include "model/affari-money.h"

#define STAGE_CODE_CHARS 22
#define LIST_CODE_CHARS 40

/* ------------------------------------------------------------ helpers */

static gboolean
exec_id (AffariStore *self, const char *sql, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return store_step_done (self, stmt, error);
}

static gboolean
ids_distinct (const gint64 *ids, guint n_ids)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < n_ids; i++)
    if (!g_hash_table_add (seen, (gpointer) &ids[i]))
      return FALSE;
  return TRUE;
}

/* The ids a one-parameter query returns, in order. */
static GArray *
query_ids (AffariStore *self, const char *sql, gint64 param, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self, sql, error);
  g_autoptr(GArray) ids = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, param);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      store_set_sqlite_error (error, self->db, rc, "ids");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static gboolean
check_color (const char *color, GError **error)
{
  if (color != NULL && strlen (color) == 7 && color[0] == '#')
    {
      for (guint i = 1; i < 7; i++)
        if (!g_ascii_isxdigit (color[i]))
          goto bad;
      return TRUE;
    }
bad:
  g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a colour: write it as #39A8EF"),
               color != NULL ? color : "");
  return FALSE;
}

/* ------------------------------------------------------------ pipelines */

gboolean
affari_store_rename_pipeline (AffariStore *self, gint64 pipeline_id, const char *name, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_check_text (name, MAX_TITLE_CHARS, TRUE, _("The pipeline name"), error))
    return FALSE;
  if (store_query_int (self, "SELECT count(*) FROM pipeline WHERE id = ?", pipeline_id, 0) == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The pipeline does not exist any more"));
      return FALSE;
    }
  if (!store_tx_begin (self, error))
    return FALSE;
  stmt = store_prepare (self, "UPDATE pipeline SET name = trim(?) WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_text (stmt, 1, name);
      sqlite3_bind_int64 (stmt, 2, pipeline_id);
      ok = store_step_done (self, stmt, error);
    }
  if (ok)
    store_queue_pipelines (self);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_reorder_pipelines (AffariStore *self, const gint64 *ids, guint n_ids, GError **error)
{
  g_autoptr(GArray) existing = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  existing = query_ids (self, "SELECT id FROM pipeline WHERE id > ?", 0, error);
  if (existing == NULL)
    return FALSE;
  if (existing->len != n_ids || !ids_distinct (ids, n_ids))
    return store_set_invalid (error, _("The pipelines changed meanwhile: try again"));
  for (guint i = 0; i < n_ids; i++)
    if (store_query_int (self, "SELECT count(*) FROM pipeline WHERE id = ?", ids[i], 0) == 0)
      return store_set_invalid (error, _("The pipelines changed meanwhile: try again"));

  if (!store_tx_begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < n_ids; i++)
    {
      stmt = store_prepare (self, "UPDATE pipeline SET sort = ? WHERE id = ?", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int (stmt, 1, 500 + (int) i * 10);
          sqlite3_bind_int64 (stmt, 2, ids[i]);
          ok = store_step_done (self, stmt, error);
        }
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
  deals = query_ids (self, "SELECT id FROM deal WHERE pipeline_id = ? ORDER BY id", pipeline_id, error);
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
      DealPlace place = { 0 };
      StageInfo from = { 0 }, to = { 0 };
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
      ok = ok && compute_position (self, stage_id, -1, deal_id, &position, error);
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
      ok = ok && add_stage_history (self, deal_id, 5, target_pipeline_id, to.semantics, stage_id, error);
      if (ok && place.deleted_at == 0)
        store_queue_deal (self, deal_id, place.stage_id, stage_id);
      g_free (from.name);
      g_free (to.name);
    }

  /* Regular-deal schedules of the pipeline follow their deals instead of vanishing. */
  if (ok && target_pipeline_id != 0)
    {
      stmt = store_prepare (self, "UPDATE recurring SET pipeline_id = ? WHERE pipeline_id = ?", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, target_pipeline_id);
          sqlite3_bind_int64 (stmt, 2, pipeline_id);
          ok = store_step_done (self, stmt, error);
        }
    }
  ok = ok && exec_id (self, "DELETE FROM stage WHERE pipeline_id = ?", pipeline_id, error);
  ok = ok && exec_id (self, "DELETE FROM pipeline WHERE id = ?", pipeline_id, error);
  if (ok)
    {
      store_queue_pipelines (self);
      if (target_pipeline_id != 0)
        store_queue_stages (self, target_pipeline_id);
    }
  return store_tx_end (self, ok, error);
}

/* ------------------------------------------------------------ stages */

static const char * const stage_palette[] = {
  "#39A8EF", "#2FC6F6", "#55D0E0", "#47E4C2", "#FFA900", "#7BD500", "#FF5752", NULL
};

const char * const *
affari_stage_palette (void)
{
  return stage_palette;
}

typedef struct {
  gint64 id;
  AffariSemantics semantics;
} StageRow;

static GArray *
stage_rows (AffariStore *self, gint64 pipeline_id, GError **error)
{
  g_autoptr(GPtrArray) stages = affari_store_list_stages (self, pipeline_id, error);
  GArray *rows;

  if (stages == NULL)
    return NULL;
  rows = g_array_new (FALSE, FALSE, sizeof (StageRow));
  for (guint i = 0; i < stages->len; i++)
    {
      StageRow row = { affari_stage_get_id (g_ptr_array_index (stages, i)),
                       affari_stage_get_semantics (g_ptr_array_index (stages, i)) };
      g_array_append_val (rows, row);
    }
  return rows;
}

/* In-progress stages, exactly one won stage, then at least one lost stage. */
static gboolean
order_is_valid (const StageRow *rows, guint n_rows, GError **error)
{
  guint i = 0, n_process = 0, n_success = 0, n_failure = 0;

  while (i < n_rows && rows[i].semantics == AFFARI_SEMANTICS_PROCESS)
    i++, n_process++;
  while (i < n_rows && rows[i].semantics == AFFARI_SEMANTICS_SUCCESS)
    i++, n_success++;
  while (i < n_rows && rows[i].semantics == AFFARI_SEMANTICS_FAILURE)
    i++, n_failure++;
  if (i < n_rows || n_success != 1 || n_failure < 1 || n_process < 1)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                   _("Stages in progress come first, then the won stage, then the lost stages"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_order (AffariStore *self, const StageRow *rows, guint n_rows, GError **error)
{
  for (guint i = 0; i < n_rows; i++)
    {
      sqlite3_stmt *stmt = store_prepare (self, "UPDATE stage SET sort = ? WHERE id = ?", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, ((int) i + 1) * 10);
      sqlite3_bind_int64 (stmt, 2, rows[i].id);
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static char *
new_stage_code (AffariStore *self, gint64 pipeline_id)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  gboolean is_default = pipeline_id == affari_store_get_default_pipeline_id (self);

  for (;;)
    {
      g_autoptr(GString) code = g_string_new (NULL);

      if (!is_default)
        g_string_append_printf (code, "C%" G_GINT64_FORMAT ":", pipeline_id);
      /* Bitrix24 names the stages made in its UI UC_XXXXXX. */
      g_string_append (code, "UC_");
      for (guint i = 0; i < 6; i++)
        g_string_append_c (code, alphabet[g_random_int_range (0, sizeof alphabet - 1)]);
      if (code->len <= STAGE_CODE_CHARS && affari_store_find_stage_by_code (self, pipeline_id, code->str) == 0)
        return g_string_free (g_steal_pointer (&code), FALSE);
      if (code->len > STAGE_CODE_CHARS)
        {
          /* A very long pipeline id: the code is the prefix and a counter. */
          g_autofree char *fallback = g_strdup_printf ("UC_%u", g_random_int_range (0, 999999));
          if (affari_store_find_stage_by_code (self, pipeline_id, fallback) == 0)
            return g_steal_pointer (&fallback);
        }
    }
}

gint64
affari_store_add_stage (AffariStore *self, gint64 pipeline_id, AffariSemantics semantics,
                        const char *name, const char *color, GError **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autofree char *code = NULL;
  g_autofree char *chosen_color = NULL;
  sqlite3_stmt *stmt;
  StageRow row = { 0, semantics };
  guint insert_at;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  if (semantics == AFFARI_SEMANTICS_SUCCESS)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT, _("A pipeline has exactly one won stage"));
      return 0;
    }
  if (!store_check_text (name, MAX_TITLE_CHARS, TRUE, _("The stage name"), error))
    return 0;
  if (color != NULL && !check_color (color, error))
    return 0;
  if (store_query_int (self, "SELECT count(*) FROM pipeline WHERE id = ?", pipeline_id, 0) == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The pipeline does not exist any more"));
      return 0;
    }
  rows = stage_rows (self, pipeline_id, error);
  if (rows == NULL)
    return 0;

  if (semantics == AFFARI_SEMANTICS_PROCESS)
    {
      insert_at = 0;
      while (insert_at < rows->len && g_array_index (rows, StageRow, insert_at).semantics == AFFARI_SEMANTICS_PROCESS)
        insert_at++;
      chosen_color = g_strdup (color != NULL ? color : stage_palette[insert_at % 5]);
    }
  else
    {
      insert_at = rows->len;
      chosen_color = g_strdup (color != NULL ? color : "#FF5752");
    }
  code = new_stage_code (self, pipeline_id);

  if (!store_tx_begin (self, error))
    return 0;
  stmt = store_prepare (self,
    "INSERT INTO stage (pipeline_id, code, name, color, sort, semantics, extra_semantics, is_system)"
    " VALUES (?, ?, trim(?), upper(?), 0, ?, ?, 0)", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, pipeline_id);
      store_bind_text (stmt, 2, code);
      store_bind_text (stmt, 3, name);
      store_bind_text (stmt, 4, chosen_color);
      store_bind_text (stmt, 5, affari_semantics_to_code (semantics));
      store_bind_text (stmt, 6, semantics == AFFARI_SEMANTICS_PROCESS ? "process" : "failure");
      ok = store_step_done (self, stmt, error);
      row.id = sqlite3_last_insert_rowid (self->db);
    }
  if (ok)
    {
      g_array_insert_val (rows, insert_at, row);
      ok = write_order (self, (StageRow *) (void *) rows->data, rows->len, error);
    }
  if (ok)
    store_queue_stages (self, pipeline_id);
  return store_tx_end (self, ok, error) ? row.id : 0;
}

gboolean
affari_store_update_stage (AffariStore *self, gint64 stage_id, const char *name, const char *color, GError **error)
{
  g_autoptr(AffariStage) stage = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (name != NULL && !store_check_text (name, MAX_TITLE_CHARS, TRUE, _("The stage name"), error))
    return FALSE;
  if (color != NULL && !check_color (color, error))
    return FALSE;
  stage = affari_store_get_stage (self, stage_id, error);
  if (stage == NULL)
    return FALSE;

  if (!store_tx_begin (self, error))
    return FALSE;
  stmt = store_prepare (self,
    "UPDATE stage SET name = coalesce(trim(?1), name), color = coalesce(upper(?2), color) WHERE id = ?3", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_text (stmt, 1, name);
      store_bind_text (stmt, 2, color);
      sqlite3_bind_int64 (stmt, 3, stage_id);
      ok = store_step_done (self, stmt, error);
    }
  if (ok)
    store_queue_stages (self, affari_stage_get_pipeline_id (stage));
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_reorder_stages (AffariStore *self, gint64 pipeline_id, const gint64 *ids, guint n_ids, GError **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) ordered = NULL;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  rows = stage_rows (self, pipeline_id, error);
  if (rows == NULL)
    return FALSE;
  if (rows->len != n_ids || !ids_distinct (ids, n_ids))
    return store_set_invalid (error, _("The stages changed meanwhile: try again"));

  ordered = g_array_new (FALSE, FALSE, sizeof (StageRow));
  for (guint i = 0; i < n_ids; i++)
    {
      guint j;

      for (j = 0; j < rows->len; j++)
        if (g_array_index (rows, StageRow, j).id == ids[i])
          break;
      if (j == rows->len)
        return store_set_invalid (error, _("The stages changed meanwhile: try again"));
      g_array_append_val (ordered, g_array_index (rows, StageRow, j));
    }
  if (!order_is_valid ((StageRow *) (void *) ordered->data, ordered->len, error))
    return FALSE;

  if (!store_tx_begin (self, error))
    return FALSE;
  ok = write_order (self, (StageRow *) (void *) ordered->data, ordered->len, error);
  if (ok)
    store_queue_stages (self, pipeline_id);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_can_delete_stage (AffariStore *self, gint64 stage_id, GError **error)
{
  g_autoptr(AffariStage) stage = NULL;
  AffariSemantics semantics;
  gint64 n_same;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  stage = affari_store_get_stage (self, stage_id, error);
  if (stage == NULL)
    return FALSE;
  semantics = affari_stage_get_semantics (stage);
  {
    sqlite3_stmt *stmt = store_prepare (self, "SELECT count(*) FROM stage WHERE pipeline_id = ? AND semantics = ?", error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, affari_stage_get_pipeline_id (stage));
    store_bind_text (stmt, 2, affari_semantics_to_code (semantics));
    n_same = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
    sqlite3_reset (stmt);
  }
  if (semantics == AFFARI_SEMANTICS_SUCCESS)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT, _("The won stage cannot be deleted"));
      return FALSE;
    }
  if (semantics == AFFARI_SEMANTICS_FAILURE && n_same <= 1)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT, _("The last lost stage cannot be deleted"));
      return FALSE;
    }
  if (semantics == AFFARI_SEMANTICS_PROCESS && n_same <= 1)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                   _("The last stage in progress cannot be deleted: new deals start there"));
      return FALSE;
    }
  return TRUE;
}

guint
affari_store_count_stage_deals (AffariStore *self, gint64 stage_id)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  return (guint) store_query_int (self, "SELECT count(*) FROM deal WHERE stage_id = ?", stage_id, 0);
}

gboolean
affari_store_delete_stage (AffariStore *self, gint64 stage_id, gint64 target_stage_id, GError **error)
{
  g_autoptr(AffariStage) stage = NULL;
  g_autoptr(AffariStage) target = NULL;
  g_autoptr(GArray) deals = NULL;
  gint64 pipeline_id;
  gboolean ok = TRUE;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!affari_store_can_delete_stage (self, stage_id, error))
    return FALSE;
  stage = affari_store_get_stage (self, stage_id, error);
  if (stage == NULL)
    return FALSE;
  pipeline_id = affari_stage_get_pipeline_id (stage);
  deals = query_ids (self, "SELECT id FROM deal WHERE stage_id = ? ORDER BY position, id", stage_id, error);
  if (deals == NULL)
    return FALSE;
  if (deals->len > 0)
    {
      if (target_stage_id == 0 || target_stage_id == stage_id)
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                       _("The stage holds deals: choose the stage they move to"));
          return FALSE;
        }
      target = affari_store_get_stage (self, target_stage_id, error);
      if (target == NULL)
        return FALSE;
      if (affari_stage_get_pipeline_id (target) != pipeline_id)
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT, _("The stage belongs to another pipeline"));
          return FALSE;
        }
    }

  if (!store_tx_begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < deals->len; i++)
    {
      gint64 deal_id = g_array_index (deals, gint64, i);
      gboolean trashed = store_query_int (self, "SELECT deleted_at IS NOT NULL FROM deal WHERE id = ?", deal_id, 0) != 0;
      double position = 0;

      ok = compute_position (self, target_stage_id, -1, deal_id, &position, error);
      ok = ok && write_stage_change (self, deal_id, pipeline_id,
                                     stage_id, affari_stage_get_name (stage), affari_stage_get_semantics (stage),
                                     target_stage_id, affari_stage_get_name (target), affari_stage_get_semantics (target),
                                     position, NULL, error);
      if (ok)
        {
          g_autofree char *text = g_strdup_printf (_("The stage “%s” was deleted"), affari_stage_get_name (stage));
          ok = store_add_event (self, deal_id, AFFARI_EVENT_COMMENT, NULL, NULL, NULL, text, error);
        }
      if (ok && !trashed)
        store_queue_deal (self, deal_id, stage_id, target_stage_id);
    }
  ok = ok && exec_id (self, "DELETE FROM stage WHERE id = ?", stage_id, error);
  if (ok)
    {
      g_autoptr(GArray) rows = stage_rows (self, pipeline_id, error);
      ok = rows != NULL && write_order (self, (StageRow *) (void *) rows->data, rows->len, error);
    }
  if (ok)
    store_queue_stages (self, pipeline_id);
  return store_tx_end (self, ok, error);
}

/* ------------------------------------------------------------ card layout */

static const struct {
  const char *field;
  const char *label;
  const char *section;
} builtin_fields[] = {
  { "TITLE",                     N_("Title"),                 "main" },
  { "OPPORTUNITY_WITH_CURRENCY", N_("Amount"),                "main" },
  { "STAGE_ID",                  N_("Stage"),                 "main" },
  { "CLIENT",                    N_("Client"),                "main" },
  { "BEGINDATE",                 N_("Start Date"),            "main" },
  { "CLOSEDATE",                 N_("Expected Close Date"),   "main" },
  { "ASSIGNED_BY_ID",            N_("Responsible"),           "main" },
  { "TYPE_ID",                   N_("Type"),                  "additional" },
  { "SOURCE_ID",                 N_("Source"),                "additional" },
  { "SOURCE_DESCRIPTION",        N_("Source Description"),    "additional" },
  { "PROBABILITY",               N_("Probability (%)"),       "additional" },
  { "COMMENTS",                  N_("Comment"),               "additional" },
  { "OPENED",                    N_("Available to Everyone"), "additional" },
};

const char * const *
affari_card_builtin_fields (void)
{
  static const char *codes[G_N_ELEMENTS (builtin_fields) + 1];

  if (codes[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (builtin_fields); i++)
      codes[i] = builtin_fields[i].field;
  return codes;
}

static int
builtin_index (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin_fields); i++)
    if (g_strcmp0 (builtin_fields[i].field, field) == 0)
      return (int) i;
  return -1;
}

static AffariCustomField *
custom_field_by_code (GPtrArray *fields, const char *code)
{
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    if (g_strcmp0 (((AffariCustomField *) g_ptr_array_index (fields, i))->code, code) == 0)
      return g_ptr_array_index (fields, i);
  return NULL;
}

char *
affari_card_field_label (const char *field, GPtrArray *custom_fields)
{
  int index = builtin_index (field);
  AffariCustomField *custom;

  if (index >= 0)
    return g_strdup (_(builtin_fields[index].label));
  custom = custom_field_by_code (custom_fields, field);
  return g_strdup (custom != NULL ? custom->label : field);
}

static void
element_clear (gpointer data)
{
  g_clear_pointer (&((AffariCardElement *) data)->field, g_free);
}

AffariCardSection *
affari_card_section_new (const char *name, const char *title)
{
  AffariCardSection *section = g_new0 (AffariCardSection, 1);

  section->name = g_strdup (name);
  section->title = g_strdup (title);
  section->elements = g_array_new (FALSE, TRUE, sizeof (AffariCardElement));
  g_array_set_clear_func (section->elements, element_clear);
  return section;
}

void
affari_card_section_free (AffariCardSection *section)
{
  if (section == NULL)
    return;
  g_free (section->name);
  g_free (section->title);
  g_clear_pointer (&section->elements, g_array_unref);
  g_free (section);
}

void
affari_card_section_add (AffariCardSection *section, const char *field, gboolean hidden)
{
  AffariCardElement element = { g_strdup (field), hidden };

  g_array_append_val (section->elements, element);
}

static GPtrArray *
default_layout (GPtrArray *custom_fields)
{
  GPtrArray *sections = g_ptr_array_new_with_free_func ((GDestroyNotify) affari_card_section_free);
  AffariCardSection *main_section = affari_card_section_new ("main", _("About the Deal"));
  AffariCardSection *additional = affari_card_section_new ("additional", _("Additional Information"));
  AffariCardSection *user = affari_card_section_new ("user", _("Custom Fields"));

  for (guint i = 0; i < G_N_ELEMENTS (builtin_fields); i++)
    affari_card_section_add (g_str_equal (builtin_fields[i].section, "main") ? main_section : additional,
                             builtin_fields[i].field, FALSE);
  for (guint i = 0; custom_fields != NULL && i < custom_fields->len; i++)
    affari_card_section_add (user, ((AffariCustomField *) g_ptr_array_index (custom_fields, i))->code, FALSE);
  g_ptr_array_add (sections, main_section);
  g_ptr_array_add (sections, additional);
  g_ptr_array_add (sections, user);
  return sections;
}

gboolean
affari_store_has_card_layout (AffariStore *self, gint64 pipeline_id)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  return store_query_int (self, "SELECT count(*) FROM card_section WHERE pipeline_id = ?", pipeline_id, 0) > 0;
}

GPtrArray *
affari_store_get_card_layout (AffariStore *self, gint64 pipeline_id, GError **error)
{
  g_autoptr(GPtrArray) custom_fields = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GHashTable) seen = NULL;
  AffariCardSection *home = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  custom_fields = affari_store_list_custom_fields (self, error);
  if (custom_fields == NULL)
    return NULL;
  if (!affari_store_has_card_layout (self, pipeline_id))
    return default_layout (custom_fields);

  sections = g_ptr_array_new_with_free_func ((GDestroyNotify) affari_card_section_free);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stmt = store_prepare (self,
    "SELECT s.id, s.name, s.title, e.field, e.hidden FROM card_section s"
    " LEFT JOIN card_element e ON e.section_id = s.id"
    " WHERE s.pipeline_id = ? ORDER BY s.sort, s.id, e.sort", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pipeline_id);
  {
    gint64 last_section = 0;
    AffariCardSection *section = NULL;

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *field = (const char *) sqlite3_column_text (stmt, 3);

        if (section == NULL || sqlite3_column_int64 (stmt, 0) != last_section)
          {
            last_section = sqlite3_column_int64 (stmt, 0);
            section = affari_card_section_new ((const char *) sqlite3_column_text (stmt, 1),
                                               (const char *) sqlite3_column_text (stmt, 2));
            g_ptr_array_add (sections, section);
          }
        /* Fields of deleted custom fields and unknown codes are dropped. */
        if (field == NULL || g_hash_table_contains (seen, field) ||
            (builtin_index (field) < 0 && custom_field_by_code (custom_fields, field) == NULL))
          continue;
        g_hash_table_add (seen, g_strdup (field));
        affari_card_section_add (section, field, sqlite3_column_int (stmt, 4) != 0);
      }
  }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      store_set_sqlite_error (error, self->db, rc, "card layout");
      return NULL;
    }

  for (guint i = 0; i < sections->len; i++)
    if (g_str_equal (((AffariCardSection *) g_ptr_array_index (sections, i))->name, "user"))
      home = g_ptr_array_index (sections, i);
  if (home == NULL)
    home = g_ptr_array_index (sections, sections->len - 1);
  for (guint i = 0; i < G_N_ELEMENTS (builtin_fields); i++)
    if (!g_hash_table_contains (seen, builtin_fields[i].field))
      affari_card_section_add (home, builtin_fields[i].field, FALSE);
  /* Fields created after the layout was stored show up where custom fields live. */
  for (guint i = 0; i < custom_fields->len; i++)
    {
      AffariCustomField *field = g_ptr_array_index (custom_fields, i);

      if (!g_hash_table_contains (seen, field->code))
        affari_card_section_add (home, field->code, FALSE);
    }
  return g_steal_pointer (&sections);
}

gboolean
affari_store_set_card_layout (AffariStore *self, gint64 pipeline_id, GPtrArray *sections, GError **error)
{
  g_autoptr(GPtrArray) custom_fields = NULL;
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (sections != NULL, FALSE);

  if (store_query_int (self, "SELECT count(*) FROM pipeline WHERE id = ?", pipeline_id, 0) == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The pipeline does not exist any more"));
      return FALSE;
    }
  if (sections->len == 0)
    return store_set_invalid (error, _("The card needs at least one section"));
  custom_fields = affari_store_list_custom_fields (self, error);
  if (custom_fields == NULL)
    return FALSE;
  for (guint i = 0; i < sections->len; i++)
    {
      AffariCardSection *section = g_ptr_array_index (sections, i);

      if (!store_check_text (section->title, MAX_TITLE_CHARS, TRUE, _("The section name"), error))
        return FALSE;
      if (section->name == NULL || !g_hash_table_add (names, section->name))
        return store_set_invalid (error, _("Two sections have the same name"));
      for (guint j = 0; j < section->elements->len; j++)
        {
          const char *field = g_array_index (section->elements, AffariCardElement, j).field;

          if (builtin_index (field) < 0 && custom_field_by_code (custom_fields, field) == NULL)
            {
              g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a field of the card"), field);
              return FALSE;
            }
          if (!g_hash_table_add (fields, (gpointer) field))
            {
              g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is in the card twice"), field);
              return FALSE;
            }
        }
    }

  if (!store_tx_begin (self, error))
    return FALSE;
  ok = exec_id (self, "DELETE FROM card_section WHERE pipeline_id = ?", pipeline_id, error);
  for (guint i = 0; ok && i < sections->len; i++)
    {
      AffariCardSection *section = g_ptr_array_index (sections, i);
      sqlite3_stmt *stmt = store_prepare (self,
        "INSERT INTO card_section (pipeline_id, name, title, sort) VALUES (?, ?, trim(?), ?)", error);
      gint64 section_id;

      ok = stmt != NULL;
      if (!ok)
        break;
      sqlite3_bind_int64 (stmt, 1, pipeline_id);
      store_bind_text (stmt, 2, section->name);
      store_bind_text (stmt, 3, section->title);
      sqlite3_bind_int (stmt, 4, ((int) i + 1) * 10);
      ok = store_step_done (self, stmt, error);
      section_id = sqlite3_last_insert_rowid (self->db);
      for (guint j = 0; ok && j < section->elements->len; j++)
        {
          AffariCardElement *element = &g_array_index (section->elements, AffariCardElement, j);

          stmt = store_prepare (self,
            "INSERT INTO card_element (section_id, field, sort, hidden) VALUES (?, ?, ?, ?)", error);
          ok = stmt != NULL;
          if (ok)
            {
              sqlite3_bind_int64 (stmt, 1, section_id);
              store_bind_text (stmt, 2, element->field);
              sqlite3_bind_int (stmt, 3, ((int) j + 1) * 10);
              sqlite3_bind_int (stmt, 4, element->hidden ? 1 : 0);
              ok = store_step_done (self, stmt, error);
            }
        }
    }
  if (ok)
    store_queue_settings (self, "card-layout", pipeline_id);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_reset_card_layout (AffariStore *self, gint64 pipeline_id, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_tx_begin (self, error))
    return FALSE;
  ok = exec_id (self, "DELETE FROM card_section WHERE pipeline_id = ?", pipeline_id, error);
  if (ok)
    store_queue_settings (self, "card-layout", pipeline_id);
  return store_tx_end (self, ok, error);
}

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
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_check_text (label, MAX_TITLE_CHARS, TRUE, _("The field name"), error) || !field_exists (self, field_id, error))
    return FALSE;
  if (!store_tx_begin (self, error))
    return FALSE;
  stmt = store_prepare (self, "UPDATE custom_field SET label = trim(?), mandatory = ?, show_in_list = ? WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_text (stmt, 1, label);
      sqlite3_bind_int (stmt, 2, mandatory ? 1 : 0);
      sqlite3_bind_int (stmt, 3, show_in_list ? 1 : 0);
      sqlite3_bind_int64 (stmt, 4, field_id);
      ok = store_step_done (self, stmt, error);
    }
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
  ok = exec_id (self, "DELETE FROM custom_field WHERE id = ?", field_id, error);
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
      !ids_distinct (ids, n_ids))
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

      if (!store_check_text (items[i].value, MAX_TITLE_CHARS, TRUE, _("A list item"), error))
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
      sqlite3_stmt *stmt = items[i].id == 0
        ? store_prepare (self, "INSERT INTO custom_field_item (value, sort, field_id) VALUES (?, ?, ?)", error)
        : store_prepare (self, "UPDATE custom_field_item SET value = ?, sort = ? WHERE id = ?", error);

      ok = stmt != NULL;
      if (ok)
        {
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
      ok = ok && exec_id (self, "DELETE FROM custom_field_item WHERE id = ?", item_id, error);
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
      store_set_sqlite_error (error, self->db, rc, "custom field values");
      return NULL;
    }
  return g_steal_pointer (&result);
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
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  if (!store_check_text (name, MAX_TITLE_CHARS, TRUE, _("The name"), error))
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
  stmt = store_prepare (self, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_text (stmt, 1, code);
      store_bind_text (stmt, 2, name);
      ok = store_step_done (self, stmt, error);
    }
  if (ok)
    store_queue_settings (self, list_what (kind), 0);
  return store_tx_end (self, ok, error) ? g_steal_pointer (&code) : NULL;
}

gboolean
affari_store_rename_list_item (AffariStore *self, AffariListKind kind, const char *code,
                               const char *name, GError **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_check_text (name, MAX_TITLE_CHARS, TRUE, _("The name"), error))
    return FALSE;
  if (!list_has (self, kind, code))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The item does not exist any more"));
      return FALSE;
    }
  if (!store_tx_begin (self, error))
    return FALSE;
  sql = g_strdup_printf ("UPDATE %s SET name = trim(?) WHERE code = ?", list_table (kind));
  stmt = store_prepare (self, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_text (stmt, 1, name);
      store_bind_text (stmt, 2, code);
      ok = store_step_done (self, stmt, error);
    }
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
  stmt = store_prepare (self, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_text (stmt, 1, code);
      ok = store_step_done (self, stmt, error);
    }
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
      sqlite3_stmt *stmt = store_prepare (self, sql, error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int (stmt, 1, ((int) i + 1) * 10);
          store_bind_text (stmt, 2, codes[i]);
          ok = store_step_done (self, stmt, error);
        }
    }
  if (ok)
    store_queue_settings (self, list_what (kind), 0);
  return store_tx_end (self, ok, error);
}

/* ------------------------------------------------------------ currencies */

void
affari_currency_info_free (AffariCurrencyInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->code);
  g_free (info->name);
  g_free (info->rate);
  g_free (info);
}

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
      store_set_sqlite_error (error, self->db, rc, "currencies");
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
  sqlite3_stmt *stmt;
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
  if (!store_check_text (name, MAX_TITLE_CHARS, FALSE, _("The name"), error))
    return FALSE;
  if (currency_known (self, upper))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT, _("The currency %s is already in use"), upper);
      return FALSE;
    }
  if (!store_tx_begin (self, error))
    return FALSE;
  stmt = store_prepare (self,
    "INSERT INTO currency (code, name, is_base, sort) VALUES (?1, coalesce(nullif(trim(?2), ''), ?1), 0,"
    " (SELECT coalesce(max(sort), 0) + 10 FROM currency))", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_text (stmt, 1, upper);
      store_bind_text (stmt, 2, name);
      ok = store_step_done (self, stmt, error);
    }
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
  stmt = store_prepare (self, "DELETE FROM currency WHERE code = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_text (stmt, 1, code);
      ok = store_step_done (self, stmt, error);
    }
  if (ok)
    store_queue_settings (self, "currencies", 0);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_set_base_currency (AffariStore *self, const char *code, GError **error)
{
  sqlite3_stmt *stmt;
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
  stmt = store_prepare (self,
    "UPDATE currency SET rate = CASE WHEN code = ?1 THEN '1.0000' ELSE"
    " printf('%.4f', CAST(rate AS REAL) / (SELECT CAST(rate AS REAL) FROM currency WHERE code = ?1)) END"
    " WHERE (SELECT CAST(rate AS REAL) FROM currency WHERE code = ?1) > 0", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_text (stmt, 1, code);
      ok = store_step_done (self, stmt, error);
    }
  stmt = ok ? store_prepare (self, "UPDATE currency SET is_base = (code = ?)", error) : NULL;
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_text (stmt, 1, code);
      ok = store_step_done (self, stmt, error);
    }
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
  sqlite3_stmt *stmt;
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
  stmt = store_prepare (self, "UPDATE currency SET rate = ? WHERE code = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_text (stmt, 1, stored);
      store_bind_text (stmt, 2, code);
      ok = store_step_done (self, stmt, error);
    }
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

/* ------------------------------------------------------------ products */

gboolean
affari_store_update_product (AffariStore *self, AffariProduct *product, GError **error)
{
  const char *currency;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (AFFARI_IS_PRODUCT (product), FALSE);

  currency = affari_product_get_currency (product);
  if (!store_check_text (affari_product_get_name (product), MAX_TITLE_CHARS, TRUE, _("The product name"), error) ||
      !store_check_text (affari_product_get_unit (product), MAX_TITLE_CHARS, FALSE, _("The unit"), error))
    return FALSE;
  if (currency != NULL && !affari_currency_is_valid (currency))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a currency code"), currency);
      return FALSE;
    }
  if (affari_product_get_price (product) < 0)
    return store_set_invalid (error, _("The price cannot be negative"));
  if (affari_product_get_vat_rate (product) < 0 || affari_product_get_vat_rate (product) > 10000)
    return store_set_invalid (error, _("The VAT rate is between 0 and 100 %"));
  if (store_query_int (self, "SELECT count(*) FROM product WHERE id = ? AND active = 1", affari_product_get_id (product), 0) == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The product does not exist any more"));
      return FALSE;
    }
  if (!store_tx_begin (self, error))
    return FALSE;
  stmt = store_prepare (self,
    "UPDATE product SET name = trim(?), unit = coalesce(nullif(trim(?), ''), 'pz'), price = ?,"
    " currency = coalesce(?, currency), vat_rate = ?, vat_included = ? WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_text (stmt, 1, affari_product_get_name (product));
      store_bind_text (stmt, 2, affari_product_get_unit (product));
      sqlite3_bind_int64 (stmt, 3, affari_product_get_price (product));
      store_bind_text (stmt, 4, currency);
      sqlite3_bind_int (stmt, 5, affari_product_get_vat_rate (product));
      sqlite3_bind_int (stmt, 6, affari_product_get_vat_included (product));
      sqlite3_bind_int64 (stmt, 7, affari_product_get_id (product));
      ok = store_step_done (self, stmt, error);
    }
  if (ok)
    store_queue_settings (self, "products", 0);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_delete_product (AffariStore *self, gint64 product_id, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_tx_begin (self, error))
    return FALSE;
  /* Rows of deals keep their own copy of name and prices: the product only leaves the catalogue. */
  ok = exec_id (self, "UPDATE product SET active = 0 WHERE id = ?", product_id, error);
  if (ok)
    store_queue_settings (self, "products", 0);
  return store_tx_end (self, ok, error);
}

/* ------------------------------------------------------------ team */

gboolean
affari_store_update_team_member (AffariStore *self, gint64 member_id, const char *name,
                                 const char *email, gboolean active, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_check_text (name, MAX_TITLE_CHARS, TRUE, _("The name"), error) ||
      !store_check_text (email, MAX_TITLE_CHARS, FALSE, _("The e-mail"), error))
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
  stmt = store_prepare (self, "UPDATE team_member SET name = trim(?), email = nullif(trim(?), ''), active = ? WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_text (stmt, 1, name);
      store_bind_text (stmt, 2, email);
      sqlite3_bind_int (stmt, 3, active ? 1 : 0);
      sqlite3_bind_int64 (stmt, 4, member_id);
      ok = store_step_done (self, stmt, error);
    }
  if (ok)
    store_queue_settings (self, "team", 0);
  return store_tx_end (self, ok, error);
}
