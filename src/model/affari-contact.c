/* affari-contact.c — a person at a client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-contact.h"

struct _AffariContact
{
  GObject parent_instance;

  gint64 id;
  gint64 company_id;
  char *first_name;
  char *last_name;
  char *position;
  char *phone;
  char *email;
  char *birthday;
};

G_DEFINE_FINAL_TYPE (AffariContact, affari_contact, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_COMPANY_ID,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_POSITION,
  PROP_PHONE,
  PROP_EMAIL,
  PROP_BIRTHDAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
affari_contact_finalize (GObject *object)
{
  AffariContact *self = (AffariContact *) object;

  g_clear_pointer (&self->first_name, g_free);
  g_clear_pointer (&self->last_name, g_free);
  g_clear_pointer (&self->position, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->birthday, g_free);

  G_OBJECT_CLASS (affari_contact_parent_class)->finalize (object);
}

static void
affari_contact_get_property (GObject *object,
                             guint prop_id,
                             GValue *value,
                             GParamSpec *pspec)
{
  AffariContact *self = AFFARI_CONTACT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_COMPANY_ID:
      g_value_set_int64 (value, self->company_id);
      break;

    case PROP_FIRST_NAME:
      g_value_set_string (value, self->first_name);
      break;

    case PROP_LAST_NAME:
      g_value_set_string (value, self->last_name);
      break;

    case PROP_POSITION:
      g_value_set_string (value, self->position);
      break;

    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_BIRTHDAY:
      g_value_set_string (value, self->birthday);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_contact_set_property (GObject *object,
                             guint prop_id,
                             const GValue *value,
                             GParamSpec *pspec)
{
  AffariContact *self = AFFARI_CONTACT (object);

  switch (prop_id)
    {
    case PROP_ID:
      if (self->id != g_value_get_int64 (value))
        {
          self->id = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_COMPANY_ID:
      if (self->company_id != g_value_get_int64 (value))
        {
          self->company_id = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_FIRST_NAME:
      if (g_strcmp0 (self->first_name, g_value_get_string (value)) != 0)
        {
          g_free (self->first_name);
          self->first_name = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_LAST_NAME:
      if (g_strcmp0 (self->last_name, g_value_get_string (value)) != 0)
        {
          g_free (self->last_name);
          self->last_name = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_POSITION:
      if (g_strcmp0 (self->position, g_value_get_string (value)) != 0)
        {
          g_free (self->position);
          self->position = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_PHONE:
      if (g_strcmp0 (self->phone, g_value_get_string (value)) != 0)
        {
          g_free (self->phone);
          self->phone = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_EMAIL:
      if (g_strcmp0 (self->email, g_value_get_string (value)) != 0)
        {
          g_free (self->email);
          self->email = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_BIRTHDAY:
      if (g_strcmp0 (self->birthday, g_value_get_string (value)) != 0)
        {
          g_free (self->birthday);
          self->birthday = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_contact_class_init (AffariContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = affari_contact_finalize;
  object_class->get_property = affari_contact_get_property;
  object_class->set_property = affari_contact_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPANY_ID] =
    g_param_spec_int64 ("company-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIRST_NAME] =
    g_param_spec_string ("first-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_NAME] =
    g_param_spec_string ("last-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_string ("position", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BIRTHDAY] =
    g_param_spec_string ("birthday", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
affari_contact_init (AffariContact *self)
{
}

AffariContact *
affari_contact_new (const char *first_name,
                    const char *last_name)
{
  return g_object_new (AFFARI_TYPE_CONTACT,
                       "first-name", first_name,
                       "last-name", last_name,
                       NULL);
}

gint64
affari_contact_get_id (AffariContact *self)
{
  g_return_val_if_fail (AFFARI_IS_CONTACT (self), 0);

  return self->id;
}

gint64
affari_contact_get_company_id (AffariContact *self)
{
  g_return_val_if_fail (AFFARI_IS_CONTACT (self), 0);

  return self->company_id;
}

const char *
affari_contact_get_first_name (AffariContact *self)
{
  g_return_val_if_fail (AFFARI_IS_CONTACT (self), NULL);

  return self->first_name;
}

const char *
affari_contact_get_last_name (AffariContact *self)
{
  g_return_val_if_fail (AFFARI_IS_CONTACT (self), NULL);

  return self->last_name;
}

const char *
affari_contact_get_position (AffariContact *self)
{
  g_return_val_if_fail (AFFARI_IS_CONTACT (self), NULL);

  return self->position;
}

const char *
affari_contact_get_phone (AffariContact *self)
{
  g_return_val_if_fail (AFFARI_IS_CONTACT (self), NULL);

  return self->phone;
}

const char *
affari_contact_get_email (AffariContact *self)
{
  g_return_val_if_fail (AFFARI_IS_CONTACT (self), NULL);

  return self->email;
}

const char *
affari_contact_get_birthday (AffariContact *self)
{
  g_return_val_if_fail (AFFARI_IS_CONTACT (self), NULL);

  return self->birthday;
}

char *
affari_contact_dup_full_name (AffariContact *self)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  g_return_val_if_fail (AFFARI_IS_CONTACT (self), NULL);

  first = g_strstrip (g_strdup (self->first_name ? self->first_name : ""));
  last = g_strstrip (g_strdup (self->last_name ? self->last_name : ""));

  if (*first == '\0')
    return g_steal_pointer (&last);
  if (*last == '\0')
    return g_steal_pointer (&first);
  return g_strconcat (first, " ", last, NULL);
}
