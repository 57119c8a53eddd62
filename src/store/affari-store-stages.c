/* affari-store-stages.c — stages: reading them, what Preferenze edits (with the order rule and the
 * protected stages of the reference) and the stage a reopened deal goes back to
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

#define STAGE_CODE_CHARS 22

static AffariStage *
stage_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (AFFARI_TYPE_STAGE,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "pipeline-id", sqlite3_column_int64 (stmt, 1),
                       "code", (const char *) sqlite3_column_text (stmt, 2),
                       "name", (const char *) sqlite3_column_text (stmt, 3),
                       "color", (const char *) sqlite3_column_text (stmt, 4),
                       "sort", sqlite3_column_int (stmt, 5),
                       "semantics", (int) affari_semantics_from_code ((const char *) sqlite3_column_text (stmt, 6)),
                       "extra-semantics", (const char *) sqlite3_column_text (stmt, 7),
                       "is-system", sqlite3_column_int (stmt, 8) != 0,
                       NULL);
}

#define STAGE_COLUMNS "SELECT id, pipeline_id, code, name, color, sort, semantics, extra_semantics, is_system FROM stage"

GPtrArray *
affari_store_list_stages (AffariStore *self, gint64 pipeline_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  return store_collect_by_id (self, STAGE_COLUMNS " WHERE pipeline_id = ? ORDER BY sort, id", pipeline_id, (StoreRowFunc) stage_from_row, "stages", error);
}

AffariStage *
affari_store_get_stage (AffariStore *self, gint64 stage_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  return store_get_by_id (self, STAGE_COLUMNS " WHERE id = ?", stage_id, (StoreRowFunc) stage_from_row,
                          _("The stage does not exist any more"), error);
}

gint64
affari_store_find_stage (AffariStore *self, gint64 pipeline_id, AffariSemantics semantics)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  stmt = store_prepare (self, "SELECT id FROM stage WHERE pipeline_id = ? AND semantics = ? ORDER BY sort, id LIMIT 1", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, pipeline_id);
  store_bind_text (stmt, 2, affari_semantics_to_code (semantics));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

gint64
affari_store_find_stage_by_code (AffariStore *self, gint64 pipeline_id, const char *code)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  stmt = store_prepare (self, "SELECT id FROM stage WHERE pipeline_id = ? AND code = ?", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, pipeline_id);
  store_bind_text (stmt, 2, code);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
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

/* ------------------------------------------------------------ stages */

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
  if (!store_check_line (name, STORE_MAX_TITLE_CHARS, TRUE, _("The stage name"), error))
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
      chosen_color = g_strdup (color != NULL ? color : affari_stage_palette ()[insert_at % 5]);
    }
  else
    {
      insert_at = rows->len;
      chosen_color = g_strdup (color != NULL ? color : "#FF5752");
    }
  code = new_stage_code (self, pipeline_id);

  if (!store_tx_begin (self, error))
    return 0;
  row.id = store_new_id (self, "stage", error);
  stmt = row.id < 0 ? NULL : store_prepare (self,
    "INSERT INTO stage (id, pipeline_id, code, name, color, sort, semantics, extra_semantics, is_system)"
    " VALUES (?, ?, ?, trim(?), upper(?), 0, ?, ?, 0)", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_id (stmt, 1, row.id);
      sqlite3_bind_int64 (stmt, 2, pipeline_id);
      store_bind_text (stmt, 3, code);
      store_bind_text (stmt, 4, name);
      store_bind_text (stmt, 5, chosen_color);
      store_bind_text (stmt, 6, affari_semantics_to_code (semantics));
      store_bind_text (stmt, 7, semantics == AFFARI_SEMANTICS_PROCESS ? "process" : "failure");
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
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (name != NULL && !store_check_line (name, STORE_MAX_TITLE_CHARS, TRUE, _("The stage name"), error))
    return FALSE;
  if (color != NULL && !check_color (color, error))
    return FALSE;
  stage = affari_store_get_stage (self, stage_id, error);
  if (stage == NULL)
    return FALSE;

  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec (self, error, "UPDATE stage SET name = coalesce(trim(?1), name), color = coalesce(upper(?2), color) WHERE id = ?3", "ssx", name, color, (gint64) (stage_id));
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
  if (rows->len != n_ids || !store_ids_distinct (ids, n_ids))
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
  deals = store_select_ids (self, "SELECT id FROM deal WHERE stage_id = ? ORDER BY position, id", stage_id, error);
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

      ok = store_compute_position (self, target_stage_id, -1, deal_id, &position, error);
      ok = ok && store_write_stage_change (self, deal_id, pipeline_id,
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
  ok = ok && store_exec_id (self, "DELETE FROM stage WHERE id = ?", stage_id, error);
  if (ok)
    {
      g_autoptr(GArray) rows = stage_rows (self, pipeline_id, error);
      ok = rows != NULL && write_order (self, (StageRow *) (void *) rows->data, rows->len, error);
    }
  if (ok)
    store_queue_stages (self, pipeline_id);
  return store_tx_end (self, ok, error);
}

/* ---------------------------------------------------------------- reopen */

gint64
affari_store_find_reopen_stage (AffariStore *self,
                                gint64       deal_id,
                                GError     **error)
{
  sqlite3_stmt *stmt;
  StoreDealPlace place;
  gint64 stage_id = 0;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  if (!store_deal_place (self, deal_id, &place, error))
    return 0;

  /* Where the deal was before it was closed: its last in-progress stage that still exists in
   * the pipeline it is in now (stages can be deleted, deals moved between pipelines). */
  stmt = store_prepare (self,
                        "SELECT h.stage_id FROM deal_stage_history h"
                        " JOIN stage s ON s.id = h.stage_id AND s.pipeline_id = ?"
                        " WHERE h.deal_id = ? AND h.semantics = ?"
                        " ORDER BY h.created_time DESC, h.id DESC LIMIT 1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, place.pipeline_id);
  sqlite3_bind_int64 (stmt, 2, deal_id);
  store_bind_text (stmt, 3, affari_semantics_to_code (AFFARI_SEMANTICS_PROCESS));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    stage_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      store_fail (self, error, rc, "stage history");
      return 0;
    }
  if (stage_id != 0)
    return stage_id;

  /* No history (an imported deal): the last step before closing. */
  stmt = store_prepare (self,
                        "SELECT id FROM stage WHERE pipeline_id = ? AND semantics = ?"
                        " ORDER BY sort DESC, id DESC LIMIT 1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, place.pipeline_id);
  store_bind_text (stmt, 2, affari_semantics_to_code (AFFARI_SEMANTICS_PROCESS));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    stage_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      store_fail (self, error, rc, "stages");
      return 0;
    }
  if (stage_id == 0)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT, _("The pipeline has no in-progress stage"));
  return stage_id;
}
