/* affari-event.c — one entry of a deal's history (Cronologia)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-event.h"

struct _AffariEvent
{
  GObject parent_instance;

  gint64 id;
  gint64 deal_id;
  gint64 time;
  gint64 author_id;
  char *author_name;
  AffariEventType kind;
  char *field;
  char *old_value;
  char *new_value;
  char *text;
};

G_DEFINE_FINAL_TYPE (AffariEvent, affari_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DEAL_ID,
  PROP_TIME,
  PROP_AUTHOR_ID,
  PROP_AUTHOR_NAME,
  PROP_KIND,
  PROP_FIELD,
  PROP_OLD_VALUE,
  PROP_NEW_VALUE,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
affari_event_finalize (GObject *object)
{
  AffariEvent *self = (AffariEvent *) object;

  g_clear_pointer (&self->author_name, g_free);
  g_clear_pointer (&self->field, g_free);
  g_clear_pointer (&self->old_value, g_free);
  g_clear_pointer (&self->new_value, g_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (affari_event_parent_class)->finalize (object);
}

static void
affari_event_get_property (GObject *object,
                           guint prop_id,
                           GValue *value,
                           GParamSpec *pspec)
{
  AffariEvent *self = AFFARI_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_DEAL_ID:
      g_value_set_int64 (value, self->deal_id);
      break;

    case PROP_TIME:
      g_value_set_int64 (value, self->time);
      break;

    case PROP_AUTHOR_ID:
      g_value_set_int64 (value, self->author_id);
      break;

    case PROP_AUTHOR_NAME:
      g_value_set_string (value, self->author_name);
      break;

    case PROP_KIND:
      g_value_set_int (value, (int) self->kind);
      break;

    case PROP_FIELD:
      g_value_set_string (value, self->field);
      break;

    case PROP_OLD_VALUE:
      g_value_set_string (value, self->old_value);
      break;

    case PROP_NEW_VALUE:
      g_value_set_string (value, self->new_value);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_event_set_property (GObject *object,
                           guint prop_id,
                           const GValue *value,
                           GParamSpec *pspec)
{
  AffariEvent *self = AFFARI_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      if (self->id != g_value_get_int64 (value))
        {
          self->id = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_DEAL_ID:
      if (self->deal_id != g_value_get_int64 (value))
        {
          self->deal_id = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_TIME:
      if (self->time != g_value_get_int64 (value))
        {
          self->time = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_AUTHOR_ID:
      if (self->author_id != g_value_get_int64 (value))
        {
          self->author_id = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_AUTHOR_NAME:
      if (g_strcmp0 (self->author_name, g_value_get_string (value)) != 0)
        {
          g_free (self->author_name);
          self->author_name = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_KIND:
      if ((int) self->kind != g_value_get_int (value))
        {
          self->kind = (AffariEventType) g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_FIELD:
      if (g_strcmp0 (self->field, g_value_get_string (value)) != 0)
        {
          g_free (self->field);
          self->field = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_OLD_VALUE:
      if (g_strcmp0 (self->old_value, g_value_get_string (value)) != 0)
        {
          g_free (self->old_value);
          self->old_value = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_NEW_VALUE:
      if (g_strcmp0 (self->new_value, g_value_get_string (value)) != 0)
        {
          g_free (self->new_value);
          self->new_value = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_TEXT:
      if (g_strcmp0 (self->text, g_value_get_string (value)) != 0)
        {
          g_free (self->text);
          self->text = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_event_class_init (AffariEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = affari_event_finalize;
  object_class->get_property = affari_event_get_property;
  object_class->set_property = affari_event_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEAL_ID] =
    g_param_spec_int64 ("deal-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] =
    g_param_spec_int64 ("time", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR_ID] =
    g_param_spec_int64 ("author-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR_NAME] =
    g_param_spec_string ("author-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      AFFARI_EVENT_CREATED, AFFARI_EVENT_UNDONE, AFFARI_EVENT_CREATED,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIELD] =
    g_param_spec_string ("field", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OLD_VALUE] =
    g_param_spec_string ("old-value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEW_VALUE] =
    g_param_spec_string ("new-value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
affari_event_init (AffariEvent *self)
{
}

gint64
affari_event_get_id (AffariEvent *self)
{
  g_return_val_if_fail (AFFARI_IS_EVENT (self), 0);

  return self->id;
}

gint64
affari_event_get_deal_id (AffariEvent *self)
{
  g_return_val_if_fail (AFFARI_IS_EVENT (self), 0);

  return self->deal_id;
}

gint64
affari_event_get_time (AffariEvent *self)
{
  g_return_val_if_fail (AFFARI_IS_EVENT (self), 0);

  return self->time;
}

gint64
affari_event_get_author_id (AffariEvent *self)
{
  g_return_val_if_fail (AFFARI_IS_EVENT (self), 0);

  return self->author_id;
}

const char *
affari_event_get_author_name (AffariEvent *self)
{
  g_return_val_if_fail (AFFARI_IS_EVENT (self), NULL);

  return self->author_name;
}

AffariEventType
affari_event_get_kind (AffariEvent *self)
{
  g_return_val_if_fail (AFFARI_IS_EVENT (self), AFFARI_EVENT_CREATED);

  return self->kind;
}

const char *
affari_event_get_field (AffariEvent *self)
{
  g_return_val_if_fail (AFFARI_IS_EVENT (self), NULL);

  return self->field;
}

const char *
affari_event_get_old_value (AffariEvent *self)
{
  g_return_val_if_fail (AFFARI_IS_EVENT (self), NULL);

  return self->old_value;
}

const char *
affari_event_get_new_value (AffariEvent *self)
{
  g_return_val_if_fail (AFFARI_IS_EVENT (self), NULL);

  return self->new_value;
}

const char *
affari_event_get_text (AffariEvent *self)
{
  g_return_val_if_fail (AFFARI_IS_EVENT (self), NULL);

  return self->text;
}
