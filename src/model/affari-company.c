/* affari-company.c — a client company
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-company.h"
#include "affari-object-fields.h"

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

static const AffariObjectField fields[N_PROPS] = {
  [PROP_ID] = AFFARI_OBJECT_FIELD_INT64 (AffariCompany, id, "id"),
  [PROP_NAME] = AFFARI_OBJECT_FIELD_STRING (AffariCompany, name, "name"),
  [PROP_CITY] = AFFARI_OBJECT_FIELD_STRING (AffariCompany, city, "city"),
  [PROP_ADDRESS] = AFFARI_OBJECT_FIELD_STRING (AffariCompany, address, "address"),
  [PROP_PHONE] = AFFARI_OBJECT_FIELD_STRING (AffariCompany, phone, "phone"),
  [PROP_EMAIL] = AFFARI_OBJECT_FIELD_STRING (AffariCompany, email, "email"),
  [PROP_VAT_ID] = AFFARI_OBJECT_FIELD_STRING (AffariCompany, vat_id, "vat-id"),
  [PROP_INDUSTRY] = AFFARI_OBJECT_FIELD_STRING (AffariCompany, industry, "industry"),
};

static void
affari_company_class_init (AffariCompanyClass *klass)
{
  affari_object_fields_install (G_OBJECT_CLASS (klass), fields, N_PROPS, properties);
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
