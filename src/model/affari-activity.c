/* affari-activity.c — a call, meeting, task or e-mail planned on a deal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-activity.h"

struct _AffariActivity
{
  GObject parent_instance;

  gint64 id;
  gint64 deal_id;
  AffariActivityType kind;
  char *subject;
  char *description;
  gint64 deadline;
  gboolean completed;
  gint64 responsible_id;
  gint64 created;
};

G_DEFINE_FINAL_TYPE (AffariActivity, affari_activity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DEAL_ID,
  PROP_KIND,
  PROP_SUBJECT,
  PROP_DESCRIPTION,
  PROP_DEADLINE,
  PROP_COMPLETED,
  PROP_RESPONSIBLE_ID,
  PROP_CREATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
affari_activity_finalize (GObject *object)
{
  AffariActivity *self = (AffariActivity *) object;

  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (affari_activity_parent_class)->finalize (object);
}

static void
affari_activity_get_property (GObject *object,
                              guint prop_id,
                              GValue *value,
                              GParamSpec *pspec)
{
  AffariActivity *self = AFFARI_ACTIVITY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_DEAL_ID:
      g_value_set_int64 (value, self->deal_id);
      break;

    case PROP_KIND:
      g_value_set_int (value, (int) self->kind);
      break;

    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_DEADLINE:
      g_value_set_int64 (value, self->deadline);
      break;

    case PROP_COMPLETED:
      g_value_set_boolean (value, self->completed);
      break;

    case PROP_RESPONSIBLE_ID:
      g_value_set_int64 (value, self->responsible_id);
      break;

    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_activity_set_property (GObject *object,
                              guint prop_id,
                              const GValue *value,
                              GParamSpec *pspec)
{
  AffariActivity *self = AFFARI_ACTIVITY (object);

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

    case PROP_KIND:
      if ((int) self->kind != g_value_get_int (value))
        {
          self->kind = (AffariActivityType) g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SUBJECT:
      if (g_strcmp0 (self->subject, g_value_get_string (value)) != 0)
        {
          g_free (self->subject);
          self->subject = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_DESCRIPTION:
      if (g_strcmp0 (self->description, g_value_get_string (value)) != 0)
        {
          g_free (self->description);
          self->description = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_DEADLINE:
      if (self->deadline != g_value_get_int64 (value))
        {
          self->deadline = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_COMPLETED:
      if (!self->completed != !g_value_get_boolean (value))
        {
          self->completed = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_RESPONSIBLE_ID:
      if (self->responsible_id != g_value_get_int64 (value))
        {
          self->responsible_id = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_CREATED:
      if (self->created != g_value_get_int64 (value))
        {
          self->created = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_activity_class_init (AffariActivityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = affari_activity_finalize;
  object_class->get_property = affari_activity_get_property;
  object_class->set_property = affari_activity_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEAL_ID] =
    g_param_spec_int64 ("deal-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      AFFARI_ACTIVITY_CALL, AFFARI_ACTIVITY_EMAIL, AFFARI_ACTIVITY_CALL,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBJECT] =
    g_param_spec_string ("subject", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEADLINE] =
    g_param_spec_int64 ("deadline", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETED] =
    g_param_spec_boolean ("completed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESPONSIBLE_ID] =
    g_param_spec_int64 ("responsible-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
affari_activity_init (AffariActivity *self)
{
}

AffariActivity *
affari_activity_new (AffariActivityType kind,
                     const char *subject,
                     gint64 deadline)
{
  return g_object_new (AFFARI_TYPE_ACTIVITY,
                       "kind", (int) kind,
                       "subject", subject,
                       "deadline", deadline,
                       NULL);
}

gint64
affari_activity_get_id (AffariActivity *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITY (self), 0);

  return self->id;
}

gint64
affari_activity_get_deal_id (AffariActivity *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITY (self), 0);

  return self->deal_id;
}

AffariActivityType
affari_activity_get_kind (AffariActivity *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITY (self), AFFARI_ACTIVITY_CALL);

  return self->kind;
}

const char *
affari_activity_get_subject (AffariActivity *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITY (self), NULL);

  return self->subject;
}

const char *
affari_activity_get_description (AffariActivity *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITY (self), NULL);

  return self->description;
}

gint64
affari_activity_get_deadline (AffariActivity *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITY (self), 0);

  return self->deadline;
}

gboolean
affari_activity_get_completed (AffariActivity *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITY (self), FALSE);

  return self->completed;
}

gint64
affari_activity_get_responsible_id (AffariActivity *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITY (self), 0);

  return self->responsible_id;
}

gint64
affari_activity_get_created (AffariActivity *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITY (self), 0);

  return self->created;
}
