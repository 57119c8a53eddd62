/* affari-product.c — a product of the catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-product.h"
#include "affari-object-fields.h"

struct _AffariProduct
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *unit;
  gint64 price;
  char *currency;
  int vat_rate;
  gboolean vat_included;
};

G_DEFINE_FINAL_TYPE (AffariProduct, affari_product, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_UNIT,
  PROP_PRICE,
  PROP_CURRENCY,
  PROP_VAT_RATE,
  PROP_VAT_INCLUDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const AffariObjectField fields[N_PROPS] = {
  [PROP_ID] = AFFARI_OBJECT_FIELD_INT64 (AffariProduct, id, "id"),
  [PROP_NAME] = AFFARI_OBJECT_FIELD_STRING (AffariProduct, name, "name"),
  [PROP_UNIT] = AFFARI_OBJECT_FIELD_STRING (AffariProduct, unit, "unit"),
  [PROP_PRICE] = AFFARI_OBJECT_FIELD_INT64 (AffariProduct, price, "price"),
  [PROP_CURRENCY] = AFFARI_OBJECT_FIELD_STRING (AffariProduct, currency, "currency"),
  [PROP_VAT_RATE] = AFFARI_OBJECT_FIELD_INT (AffariProduct, vat_rate, "vat-rate", 0, G_MAXINT, 0),
  [PROP_VAT_INCLUDED] = AFFARI_OBJECT_FIELD_BOOLEAN (AffariProduct, vat_included, "vat-included", FALSE),
};

static void
affari_product_class_init (AffariProductClass *klass)
{
  affari_object_fields_install (G_OBJECT_CLASS (klass), fields, N_PROPS, properties);
}

static void
affari_product_init (AffariProduct *self)
{
}

AffariProduct *
affari_product_new (const char *name,
                    gint64 price,
                    const char *currency)
{
  return g_object_new (AFFARI_TYPE_PRODUCT,
                       "name", name,
                       "price", price,
                       "currency", currency,
                       NULL);
}

gint64
affari_product_get_id (AffariProduct *self)
{
  g_return_val_if_fail (AFFARI_IS_PRODUCT (self), 0);

  return self->id;
}

const char *
affari_product_get_name (AffariProduct *self)
{
  g_return_val_if_fail (AFFARI_IS_PRODUCT (self), NULL);

  return self->name;
}

const char *
affari_product_get_unit (AffariProduct *self)
{
  g_return_val_if_fail (AFFARI_IS_PRODUCT (self), NULL);

  return self->unit;
}

gint64
affari_product_get_price (AffariProduct *self)
{
  g_return_val_if_fail (AFFARI_IS_PRODUCT (self), 0);

  return self->price;
}

const char *
affari_product_get_currency (AffariProduct *self)
{
  g_return_val_if_fail (AFFARI_IS_PRODUCT (self), NULL);

  return self->currency;
}

int
affari_product_get_vat_rate (AffariProduct *self)
{
  g_return_val_if_fail (AFFARI_IS_PRODUCT (self), 0);

  return self->vat_rate;
}

gboolean
affari_product_get_vat_included (AffariProduct *self)
{
  g_return_val_if_fail (AFFARI_IS_PRODUCT (self), FALSE);

  return self->vat_included;
}
