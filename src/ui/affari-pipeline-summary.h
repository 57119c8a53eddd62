/* affari-pipeline-summary.h — a pipeline at a glance: deals and money per stage
 *
 * Stands in for the Kanban board until the board lands; follows the store's signals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "store/affari-store.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_PIPELINE_SUMMARY (affari_pipeline_summary_get_type ())
G_DECLARE_FINAL_TYPE (AffariPipelineSummary, affari_pipeline_summary, AFFARI, PIPELINE_SUMMARY, AdwBin)

/* Properties: "store" (AffariStore), "pipeline-id" (gint64, 0 = nothing shown). */
AffariStore *affari_pipeline_summary_get_store       (AffariPipelineSummary *self);
void         affari_pipeline_summary_set_store       (AffariPipelineSummary *self,
                                                      AffariStore           *store);
gint64       affari_pipeline_summary_get_pipeline_id (AffariPipelineSummary *self);
void         affari_pipeline_summary_set_pipeline_id (AffariPipelineSummary *self,
                                                      gint64                 pipeline_id);
/* Reads the totals again now (otherwise they follow the store's signals on idle). */
void         affari_pipeline_summary_refresh         (AffariPipelineSummary *self);

G_END_DECLS
