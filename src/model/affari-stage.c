/* affari-stage.c — a stage of a pipeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-stage.h"

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

static void
affari_stage_finalize (GObject *object)
{
  AffariStage *self = (AffariStage *) object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->extra_semantics, g_free);

  G_OBJECT_CLASS (affari_stage_parent_class)->finalize (object);
}

static void
affari_stage_get_property (GObject *object,
                           guint prop_id,
                           GValue *value,
                           GParamSpec *pspec)
{
  AffariStage *self = AFFARI_STAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_PIPELINE_ID:
      g_value_set_int64 (value, self->pipeline_id);
      break;

    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_SORT:
      g_value_set_int (value, self->sort);
      break;

    case PROP_SEMANTICS:
      g_value_set_int (value, (int) self->semantics);
      break;

    case PROP_EXTRA_SEMANTICS:
      g_value_set_string (value, self->extra_semantics);
      break;

    case PROP_IS_SYSTEM:
      g_value_set_boolean (value, self->is_system);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_stage_set_property (GObject *object,
                           guint prop_id,
                           const GValue *value,
                           GParamSpec *pspec)
{
  AffariStage *self = AFFARI_STAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      if (self->id != g_value_get_int64 (value))
        {
          self->id = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_PIPELINE_ID:
      if (self->pipeline_id != g_value_get_int64 (value))
        {
          self->pipeline_id = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_CODE:
      if (g_strcmp0 (self->code, g_value_get_string (value)) != 0)
        {
          g_free (self->code);
          self->code = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_NAME:
      if (g_strcmp0 (self->name, g_value_get_string (value)) != 0)
        {
          g_free (self->name);
          self->name = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_COLOR:
      if (g_strcmp0 (self->color, g_value_get_string (value)) != 0)
        {
          g_free (self->color);
          self->color = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SORT:
      if (self->sort != g_value_get_int (value))
        {
          self->sort = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SEMANTICS:
      if ((int) self->semantics != g_value_get_int (value))
        {
          self->semantics = (AffariSemantics) g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_EXTRA_SEMANTICS:
      if (g_strcmp0 (self->extra_semantics, g_value_get_string (value)) != 0)
        {
          g_free (self->extra_semantics);
          self->extra_semantics = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_IS_SYSTEM:
      if (!self->is_system != !g_value_get_boolean (value))
        {
          self->is_system = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_stage_class_init (AffariStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = affari_stage_finalize;
  object_class->get_property = affari_stage_get_property;
  object_class->set_property = affari_stage_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PIPELINE_ID] =
    g_param_spec_int64 ("pipeline-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT] =
    g_param_spec_int ("sort", NULL, NULL, G_MININT, G_MAXINT, 10,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEMANTICS] =
    g_param_spec_int ("semantics", NULL, NULL,
                      AFFARI_SEMANTICS_PROCESS, AFFARI_SEMANTICS_FAILURE, AFFARI_SEMANTICS_PROCESS,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXTRA_SEMANTICS] =
    g_param_spec_string ("extra-semantics", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_SYSTEM] =
    g_param_spec_boolean ("is-system", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
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
