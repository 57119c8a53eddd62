/* affari-company.c — a client company
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-company.h"

struct _AffariCompany
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *city;
  char *address;
  char *phone;
  char *email;
  char *vat_id;
  char *industry;
};

G_DEFINE_FINAL_TYPE (AffariCompany, affari_company, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_CITY,
  PROP_ADDRESS,
  PROP_PHONE,
  PROP_EMAIL,
  PROP_VAT_ID,
  PROP_INDUSTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
affari_company_finalize (GObject *object)
{
  AffariCompany *self = (AffariCompany *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->city, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->vat_id, g_free);
  g_clear_pointer (&self->industry, g_free);

  G_OBJECT_CLASS (affari_company_parent_class)->finalize (object);
}

static void
affari_company_get_property (GObject *object,
                             guint prop_id,
                             GValue *value,
                             GParamSpec *pspec)
{
  AffariCompany *self = AFFARI_COMPANY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_CITY:
      g_value_set_string (value, self->city);
      break;

    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;

    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_VAT_ID:
      g_value_set_string (value, self->vat_id);
      break;

    case PROP_INDUSTRY:
      g_value_set_string (value, self->industry);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_company_set_property (GObject *object,
                             guint prop_id,
                             const GValue *value,
                             GParamSpec *pspec)
{
  AffariCompany *self = AFFARI_COMPANY (object);

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
      if (g_strcmp0 (self->name, g_value_get_string (value)) != 0)
        {
          g_free (self->name);
          self->name = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_CITY:
      if (g_strcmp0 (self->city, g_value_get_string (value)) != 0)
        {
          g_free (self->city);
          self->city = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_ADDRESS:
      if (g_strcmp0 (self->address, g_value_get_string (value)) != 0)
        {
          g_free (self->address);
          self->address = g_value_dup_string (value);
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

    case PROP_VAT_ID:
      if (g_strcmp0 (self->vat_id, g_value_get_string (value)) != 0)
        {
          g_free (self->vat_id);
          self->vat_id = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_INDUSTRY:
      if (g_strcmp0 (self->industry, g_value_get_string (value)) != 0)
        {
          g_free (self->industry);
          self->industry = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_company_class_init (AffariCompanyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = affari_company_finalize;
  object_class->get_property = affari_company_get_property;
  object_class->set_property = affari_company_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VAT_ID] =
    g_param_spec_string ("vat-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INDUSTRY] =
    g_param_spec_string ("industry", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
affari_company_init (AffariCompany *self)
{
}

AffariCompany *
affari_company_new (const char *name)
{
  return g_object_new (AFFARI_TYPE_COMPANY, "name", name, NULL);
}

gint64
affari_company_get_id (AffariCompany *self)
{
  g_return_val_if_fail (AFFARI_IS_COMPANY (self), 0);

  return self->id;
}

const char *
affari_company_get_name (AffariCompany *self)
{
  g_return_val_if_fail (AFFARI_IS_COMPANY (self), NULL);

  return self->name;
}

const char *
affari_company_get_city (AffariCompany *self)
{
  g_return_val_if_fail (AFFARI_IS_COMPANY (self), NULL);

  return self->city;
}

const char *
affari_company_get_address (AffariCompany *self)
{
  g_return_val_if_fail (AFFARI_IS_COMPANY (self), NULL);

  return self->address;
}

const char *
affari_company_get_phone (AffariCompany *self)
{
  g_return_val_if_fail (AFFARI_IS_COMPANY (self), NULL);

  return self->phone;
}

const char *
affari_company_get_email (AffariCompany *self)
{
  g_return_val_if_fail (AFFARI_IS_COMPANY (self), NULL);

  return self->email;
}

const char *
affari_company_get_vat_id (AffariCompany *self)
{
  g_return_val_if_fail (AFFARI_IS_COMPANY (self), NULL);

  return self->vat_id;
}

const char *
affari_company_get_industry (AffariCompany *self)
{
  g_return_val_if_fail (AFFARI_IS_COMPANY (self), NULL);

  return self->industry;
}
