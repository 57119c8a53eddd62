/* affari-stage.c — a stage of a pipeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-stage.h"
#include "affari-object-fields.h"

struct _AffariStage
{
  GObject parent_instance;

  gint64 id;
  gint64 pipeline_id;
  char *code;
  char *name;
  char *color;
  int sort;
  AffariSemantics semantics;
  char *extra_semantics;
  gboolean is_system;
};

G_DEFINE_FINAL_TYPE (AffariStage, affari_stage, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PIPELINE_ID,
  PROP_CODE,
  PROP_NAME,
  PROP_COLOR,
  PROP_SORT,
  PROP_SEMANTICS,
  PROP_EXTRA_SEMANTICS,
  PROP_IS_SYSTEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_STATIC_ASSERT (sizeof (AffariSemantics) == sizeof (int));

static const AffariObjectField fields[N_PROPS] = {
  [PROP_ID] = AFFARI_OBJECT_FIELD_INT64 (AffariStage, id, "id"),
  [PROP_PIPELINE_ID] = AFFARI_OBJECT_FIELD_INT64 (AffariStage, pipeline_id, "pipeline-id"),
  [PROP_CODE] = AFFARI_OBJECT_FIELD_STRING (AffariStage, code, "code"),
  [PROP_NAME] = AFFARI_OBJECT_FIELD_STRING (AffariStage, name, "name"),
  [PROP_COLOR] = AFFARI_OBJECT_FIELD_STRING (AffariStage, color, "color"),
  [PROP_SORT] = AFFARI_OBJECT_FIELD_INT (AffariStage, sort, "sort", G_MININT, G_MAXINT, 10),
  [PROP_SEMANTICS] = AFFARI_OBJECT_FIELD_INT (AffariStage, semantics, "semantics",
                                              AFFARI_SEMANTICS_PROCESS, AFFARI_SEMANTICS_FAILURE,
                                              AFFARI_SEMANTICS_PROCESS),
  [PROP_EXTRA_SEMANTICS] = AFFARI_OBJECT_FIELD_STRING (AffariStage, extra_semantics, "extra-semantics"),
  [PROP_IS_SYSTEM] = AFFARI_OBJECT_FIELD_BOOLEAN (AffariStage, is_system, "is-system", FALSE),
};

static void
affari_stage_class_init (AffariStageClass *klass)
{
  affari_object_fields_install (G_OBJECT_CLASS (klass), fields, N_PROPS, properties);
}

static void
affari_stage_init (AffariStage *self)
{
  self->sort = 10;
}

gint64
affari_stage_get_id (AffariStage *self)
{
  g_return_val_if_fail (AFFARI_IS_STAGE (self), 0);

  return self->id;
}

gint64
affari_stage_get_pipeline_id (AffariStage *self)
{
  g_return_val_if_fail (AFFARI_IS_STAGE (self), 0);

  return self->pipeline_id;
}

const char *
affari_stage_get_code (AffariStage *self)
{
  g_return_val_if_fail (AFFARI_IS_STAGE (self), NULL);

  return self->code;
}

const char *
affari_stage_get_name (AffariStage *self)
{
  g_return_val_if_fail (AFFARI_IS_STAGE (self), NULL);

  return self->name;
}

const char *
affari_stage_get_color (AffariStage *self)
{
  g_return_val_if_fail (AFFARI_IS_STAGE (self), NULL);

  return self->color;
}

int
affari_stage_get_sort (AffariStage *self)
{
  g_return_val_if_fail (AFFARI_IS_STAGE (self), 10);

  return self->sort;
}

AffariSemantics
affari_stage_get_semantics (AffariStage *self)
{
  g_return_val_if_fail (AFFARI_IS_STAGE (self), AFFARI_SEMANTICS_PROCESS);

  return self->semantics;
}

const char *
affari_stage_get_extra_semantics (AffariStage *self)
{
  g_return_val_if_fail (AFFARI_IS_STAGE (self), NULL);

  return self->extra_semantics;
}

gboolean
affari_stage_get_is_system (AffariStage *self)
{
  g_return_val_if_fail (AFFARI_IS_STAGE (self), FALSE);

  return self->is_system;
}

static const char * const stage_palette[] = {
  "#39A8EF", "#2FC6F6", "#55D0E0", "#47E4C2", "#FFA900", "#7BD500", "#FF5752", NULL
};

const char * const *
affari_stage_palette (void)
{
  return stage_palette;
}
