/* affari-pipeline.c — a pipeline (Bitrix24 "category", funnel) of deals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-pipeline.h"
#include "affari-object-fields.h"

struct _AffariPipeline
{
  GObject parent_instance;

  gint64 id;
  char *name;
  int sort;
  gboolean is_default;
  char *currency;
};

G_DEFINE_FINAL_TYPE (AffariPipeline, affari_pipeline, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_SORT,
  PROP_IS_DEFAULT,
  PROP_CURRENCY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const AffariObjectField fields[N_PROPS] = {
  [PROP_ID] = AFFARI_OBJECT_FIELD_INT64 (AffariPipeline, id, "id"),
  [PROP_NAME] = AFFARI_OBJECT_FIELD_STRING (AffariPipeline, name, "name"),
  [PROP_SORT] = AFFARI_OBJECT_FIELD_INT (AffariPipeline, sort, "sort", G_MININT, G_MAXINT, 500),
  [PROP_IS_DEFAULT] = AFFARI_OBJECT_FIELD_BOOLEAN (AffariPipeline, is_default, "is-default", FALSE),
  [PROP_CURRENCY] = AFFARI_OBJECT_FIELD_STRING (AffariPipeline, currency, "currency"),
};

static void
affari_pipeline_class_init (AffariPipelineClass *klass)
{
  affari_object_fields_install (G_OBJECT_CLASS (klass), fields, N_PROPS, properties);
}

static void
affari_pipeline_init (AffariPipeline *self)
{
  self->sort = 500;
}

gint64
affari_pipeline_get_id (AffariPipeline *self)
{
  g_return_val_if_fail (AFFARI_IS_PIPELINE (self), 0);

  return self->id;
}

const char *
affari_pipeline_get_name (AffariPipeline *self)
{
  g_return_val_if_fail (AFFARI_IS_PIPELINE (self), NULL);

  return self->name;
}

void
affari_pipeline_set_name (AffariPipeline *self,
                          const char *name)
{
  g_return_if_fail (AFFARI_IS_PIPELINE (self));

  affari_object_fields_set_string (self, properties[PROP_NAME], name);
}

int
affari_pipeline_get_sort (AffariPipeline *self)
{
  g_return_val_if_fail (AFFARI_IS_PIPELINE (self), 500);

  return self->sort;
}

gboolean
affari_pipeline_get_is_default (AffariPipeline *self)
{
  g_return_val_if_fail (AFFARI_IS_PIPELINE (self), FALSE);

  return self->is_default;
}

const char *
affari_pipeline_get_currency (AffariPipeline *self)
{
  g_return_val_if_fail (AFFARI_IS_PIPELINE (self), NULL);

  return self->currency;
}
