/* affari-stage.h — a stage of a pipeline
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <glib-object.h>
#include "affari-types.h"
G_BEGIN_DECLS
#define AFFARI_TYPE_STAGE (affari_stage_get_type ())
G_DECLARE_FINAL_TYPE (AffariStage, affari_stage, AFFARI, STAGE, GObject)
/* Properties: "id", "pipeline-id" (gint64), "code" (STATUS_ID, e.g. "NEW", "C1:WON"), "name",
 * "color" ("#39A8EF"), "sort" (int), "semantics" (AffariSemantics as int),
 * "extra-semantics" ("process", "success", "failure", "apology"), "is-system" (boolean). */
gint64          affari_stage_get_id              (AffariStage *self);
gint64          affari_stage_get_pipeline_id     (AffariStage *self);
const char     *affari_stage_get_code            (AffariStage *self);
const char     *affari_stage_get_name            (AffariStage *self);
const char     *affari_stage_get_color           (AffariStage *self);
int             affari_stage_get_sort            (AffariStage *self);
AffariSemantics affari_stage_get_semantics       (AffariStage *self);
const char     *affari_stage_get_extra_semantics (AffariStage *self);
gboolean        affari_stage_get_is_system       (AffariStage *self);

/* The palette of the reference stages, NULL-terminated ("#39A8EF", …). */
const char * const *affari_stage_palette    (void);

G_END_DECLS
