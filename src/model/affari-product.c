/* affari-product.c — a product of the catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-product.h"

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

static void
affari_product_finalize (GObject *object)
{
  AffariProduct *self = (AffariProduct *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (affari_product_parent_class)->finalize (object);
}

static void
affari_product_get_property (GObject *object,
                             guint prop_id,
                             GValue *value,
                             GParamSpec *pspec)
{
  AffariProduct *self = AFFARI_PRODUCT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;

    case PROP_PRICE:
      g_value_set_int64 (value, self->price);
      break;

    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;

    case PROP_VAT_RATE:
      g_value_set_int (value, self->vat_rate);
      break;

    case PROP_VAT_INCLUDED:
      g_value_set_boolean (value, self->vat_included);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_product_set_property (GObject *object,
                             guint prop_id,
                             const GValue *value,
                             GParamSpec *pspec)
{
  AffariProduct *self = AFFARI_PRODUCT (object);

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

    case PROP_UNIT:
      if (g_strcmp0 (self->unit, g_value_get_string (value)) != 0)
        {
          g_free (self->unit);
          self->unit = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_PRICE:
      if (self->price != g_value_get_int64 (value))
        {
          self->price = g_value_get_int64 (value);
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

    case PROP_VAT_RATE:
      if (self->vat_rate != g_value_get_int (value))
        {
          self->vat_rate = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_VAT_INCLUDED:
      if (!self->vat_included != !g_value_get_boolean (value))
        {
          self->vat_included = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_product_class_init (AffariProductClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = affari_product_finalize;
  object_class->get_property = affari_product_get_property;
  object_class->set_property = affari_product_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRICE] =
    g_param_spec_int64 ("price", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VAT_RATE] =
    g_param_spec_int ("vat-rate", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VAT_INCLUDED] =
    g_param_spec_boolean ("vat-included", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
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
