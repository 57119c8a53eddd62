/* affari-company.h — a client company
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <glib-object.h>
G_BEGIN_DECLS
#define AFFARI_TYPE_COMPANY (affari_company_get_type ())
G_DECLARE_FINAL_TYPE (AffariCompany, affari_company, AFFARI, COMPANY, GObject)
/* Properties: "id" (gint64), "name", "city", "address", "phone", "email", "vat-id", "industry". */
AffariCompany *affari_company_new       (const char *name);
gint64      affari_company_get_id       (AffariCompany *self);
const char *affari_company_get_name     (AffariCompany *self);
const char *affari_company_get_city     (AffariCompany *self);
const char *affari_company_get_address  (AffariCompany *self);
const char *affari_company_get_phone    (AffariCompany *self);
const char *affari_company_get_email    (AffariCompany *self);
const char *affari_company_get_vat_id   (AffariCompany *self);
const char *affari_company_get_industry (AffariCompany *self);
G_END_DECLS
