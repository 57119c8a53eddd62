/* affari-pipeline.h — a pipeline (Bitrix24 "category", funnel) of deals
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <glib-object.h>
G_BEGIN_DECLS
#define AFFARI_TYPE_PIPELINE (affari_pipeline_get_type ())
G_DECLARE_FINAL_TYPE (AffariPipeline, affari_pipeline, AFFARI, PIPELINE, GObject)
/* Properties: "id" (gint64), "name", "sort" (int), "is-default" (boolean), "currency" (main currency). */
gint64      affari_pipeline_get_id         (AffariPipeline *self);
const char *affari_pipeline_get_name       (AffariPipeline *self);
void        affari_pipeline_set_name       (AffariPipeline *self, const char *name);
int         affari_pipeline_get_sort       (AffariPipeline *self);
gboolean    affari_pipeline_get_is_default (AffariPipeline *self);
const char *affari_pipeline_get_currency   (AffariPipeline *self);
G_END_DECLS
