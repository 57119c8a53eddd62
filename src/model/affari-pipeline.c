/* affari-pipeline.c — a pipeline (Bitrix24 "category", funnel) of deals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-pipeline.h"

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

static void
affari_pipeline_finalize (GObject *object)
{
  AffariPipeline *self = (AffariPipeline *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (affari_pipeline_parent_class)->finalize (object);
}

static void
affari_pipeline_get_property (GObject *object,
                              guint prop_id,
                              GValue *value,
                              GParamSpec *pspec)
{
  AffariPipeline *self = AFFARI_PIPELINE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_SORT:
      g_value_set_int (value, self->sort);
      break;

    case PROP_IS_DEFAULT:
      g_value_set_boolean (value, self->is_default);
      break;

    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_pipeline_set_property (GObject *object,
                              guint prop_id,
                              const GValue *value,
                              GParamSpec *pspec)
{
  AffariPipeline *self = AFFARI_PIPELINE (object);

  switch (prop_id)
    {
    case PROP_ID:
      if (self->id != g_value_get_int64 (value))
        {
          self->id = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_NAME:
      affari_pipeline_set_name (self, g_value_get_string (value));
      break;

    case PROP_SORT:
      if (self->sort != g_value_get_int (value))
        {
          self->sort = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_IS_DEFAULT:
      if (!self->is_default != !g_value_get_boolean (value))
        {
          self->is_default = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_CURRENCY:
      if (g_strcmp0 (self->currency, g_value_get_string (value)) != 0)
        {
          g_free (self->currency);
          self->currency = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_pipeline_class_init (AffariPipelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = affari_pipeline_finalize;
  object_class->get_property = affari_pipeline_get_property;
  object_class->set_property = affari_pipeline_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT] =
    g_param_spec_int ("sort", NULL, NULL, G_MININT, G_MAXINT, 500,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_DEFAULT] =
    g_param_spec_boolean ("is-default", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
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

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
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
