/* affari-product.h — a product of the catalogue
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <glib-object.h>
G_BEGIN_DECLS
#define AFFARI_TYPE_PRODUCT (affari_product_get_type ())
G_DECLARE_FINAL_TYPE (AffariProduct, affari_product, AFFARI, PRODUCT, GObject)
/* Properties: "id" (gint64), "name", "unit" (e.g. "pz"), "price" (gint64 minor units, net),
 * "currency", "vat-rate" (int, basis points: 2200 = 22 %), "vat-included" (boolean). */
AffariProduct *affari_product_new         (const char *name, gint64 price, const char *currency);
gint64      affari_product_get_id          (AffariProduct *self);
const char *affari_product_get_name        (AffariProduct *self);
const char *affari_product_get_unit        (AffariProduct *self);
gint64      affari_product_get_price       (AffariProduct *self);
const char *affari_product_get_currency    (AffariProduct *self);
int         affari_product_get_vat_rate    (AffariProduct *self);
gboolean    affari_product_get_vat_included (AffariProduct *self);
G_END_DECLS
