/* affari-import-report.c — what every import shares: its report, and its one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-import-report.h"
#include "model/affari-stage.h"
#include "store/affari-store-import.h"

void
affari_import_report_free (AffariImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->refused, g_ptr_array_unref);
  g_clear_pointer (&report->notes, g_ptr_array_unref);
  g_free (report);
}

const char *
affari_import_kind_label (AffariImportKind kind)
{
  switch (kind)
    {
    case AFFARI_IMPORTED_PIPELINE: return _("pipelines");
    case AFFARI_IMPORTED_STAGE: return _("stages");
    case AFFARI_IMPORTED_COMPANY: return _("companies");
    case AFFARI_IMPORTED_CONTACT: return _("contacts");
    case AFFARI_IMPORTED_DEAL: return _("deals");
    case AFFARI_IMPORTED_PRODUCT_ROW: return _("product rows");
    case AFFARI_IMPORTED_COMMENT: return _("comments");
    case AFFARI_IMPORTED_ACTIVITY: return _("activities");
    case AFFARI_IMPORTED_N_KINDS:
    default: g_return_val_if_reached ("");
    }
}

const char *
affari_import_kind_key (AffariImportKind kind)
{
  static const char * const keys[AFFARI_IMPORTED_N_KINDS] = {
    "pipelines", "stages", "companies", "contacts", "deals", "product_rows", "comments", "activities",
  };

  g_return_val_if_fail ((guint) kind < AFFARI_IMPORTED_N_KINDS, "");
  return keys[kind];
}

AffariImportReport *
affari_import_report_new (gboolean dry_run)
{
  AffariImportReport *report = g_new0 (AffariImportReport, 1);

  report->refused = g_ptr_array_new_with_free_func (g_free);
  report->notes = g_ptr_array_new_with_free_func (g_free);
  report->dry_run = dry_run;
  return report;
}

GHashTable *
affari_import_currency_codes (AffariStore *store, GError **error)
{
  g_autoptr(GPtrArray) currencies = affari_store_list_currencies (store, error);
  GHashTable *codes;

  if (currencies == NULL)
    return NULL;
  codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < currencies->len; i++)
    g_hash_table_add (codes, g_strdup (((AffariCurrencyInfo *) g_ptr_array_index (currencies, i))->code));
  return codes;
}

gboolean
affari_import_build_done (gboolean dry_run, GError **error)
{
  if (!dry_run)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED_HANDLED, "dry run");
  return FALSE;
}

gboolean
affari_import_run_build (AffariDealOps *ops, AffariDealOpsBuild build, gpointer data, const char *label,
                         gboolean dry_run, GError **error)
{
  g_autoptr(AffariChangeSet) set = NULL;
  g_autoptr(GError) local = NULL;

  set = affari_deal_ops_import (ops, build, data, label, &local);
  if (set == NULL && !(dry_run && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_FAILED_HANDLED)))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

gint64
affari_import_ensure_stage (AffariStore         *store,
                            AffariImportReport  *report,
                            gint64               pipeline_id,
                            const char          *code,
                            const char          *name,
                            gboolean            *created,
                            GError             **error)
{
  g_autoptr(GPtrArray) stages = NULL;
  g_autofree char *made_code = NULL;
  gint64 stage_id = 0;
  int sort = 10;

  g_return_val_if_fail (AFFARI_IS_STORE (store), 0);
  g_return_val_if_fail (report != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);

  if (created != NULL)
    *created = FALSE;
  if (code != NULL)
    stage_id = affari_store_find_stage_by_code (store, pipeline_id, code);
  if (stage_id == 0)
    stage_id = affari_store_import_find_stage_by_name (store, pipeline_id, name);
  if (stage_id != 0)
    return stage_id;

  stages = affari_store_list_stages (store, pipeline_id, error);
  if (stages == NULL)
    return 0;
  for (guint i = 0; i < stages->len; i++)
    {
      AffariStage *stage = g_ptr_array_index (stages, i);
      if (affari_stage_get_semantics (stage) == AFFARI_SEMANTICS_PROCESS)
        sort = affari_stage_get_sort (stage) + 1;
    }
  /* A code is unique in its pipeline: the first free one. */
  for (guint n = stages->len + 1; code == NULL; n++)
    {
      g_free (made_code);
      made_code = g_strdup_printf ("C%" G_GINT64_FORMAT ":IMPORT%u", pipeline_id, n);
      if (affari_store_find_stage_by_code (store, pipeline_id, made_code) == 0)
        code = made_code;
    }
  stage_id = affari_store_import_add_stage (store, pipeline_id, code, name, NULL, sort, 'P', error);
  if (stage_id == 0)
    return 0;
  report->created[AFFARI_IMPORTED_STAGE]++;
  if (created != NULL)
    *created = TRUE;
  return stage_id;
}

void
affari_import_run_init (AffariImportRun      *run,
                        AffariStore          *store,
                        gboolean              dry_run,
                        GCancellable         *cancellable,
                        AffariImportProgress  progress,
                        gpointer              progress_data)
{
  run->store = store;
  run->report = affari_import_report_new (dry_run);
  run->dry_run = dry_run;
  run->cancellable = cancellable;
  run->progress = progress;
  run->progress_data = progress_data;
}

gboolean
affari_import_run_step (AffariImportRun  *run,
                        guint             done,
                        guint             total,
                        GError          **error)
{
  if (run->progress != NULL)
    run->progress (done, total, run->progress_data);
  return !g_cancellable_set_error_if_cancelled (run->cancellable, error);
}
