/* affari-deal-props.h — the properties of AffariDeal, shared by its two files: affari-deal.c
 * (the GObject boilerplate and the property table) and affari-deal-accessors.c (the getters and
 * setters). Internal to the model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "affari-deal-private.h"

G_BEGIN_DECLS

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_TYPE_ID,
  PROP_PIPELINE_ID,
  PROP_STAGE_ID,
  PROP_SEMANTICS,
  PROP_CLOSED,
  PROP_OPENED,
  PROP_PROBABILITY,
  PROP_CURRENCY,
  PROP_AMOUNT,
  PROP_IS_MANUAL_AMOUNT,
  PROP_TAX_VALUE,
  PROP_COMPANY_ID,
  PROP_COMPANY_NAME,
  PROP_CONTACT_NAME,
  PROP_CLIENT_NAME,
  PROP_LEAD_ID,
  PROP_QUOTE_ID,
  PROP_BEGIN_DATE,
  PROP_CLOSE_DATE,
  PROP_CLOSED_AT,
  PROP_COMMENTS,
  PROP_ASSIGNED_BY_ID,
  PROP_ASSIGNED_NAME,
  PROP_CREATED_BY_ID,
  PROP_MODIFY_BY_ID,
  PROP_MOVED_BY_ID,
  PROP_DATE_CREATE,
  PROP_DATE_MODIFY,
  PROP_MOVED_TIME,
  PROP_IS_RECURRING,
  PROP_IS_RETURN_CUSTOMER,
  PROP_IS_REPEATED_APPROACH,
  PROP_SOURCE_ID,
  PROP_SOURCE_DESCRIPTION,
  PROP_ADDITIONAL_INFO,
  PROP_ORIGINATOR_ID,
  PROP_ORIGIN_ID,
  PROP_POSITION,
  PROP_NEXT_ACTIVITY,
  PROP_DELETED_AT,
  PROP_VERSION,
  N_PROPS
};

/* Set the field of @prop_id and notify, only when the value changes. */
void _affari_deal_notify      (AffariDeal *self, guint prop_id);
void _affari_deal_set_string  (AffariDeal *self, guint prop_id, const char *value);
void _affari_deal_set_int64   (AffariDeal *self, guint prop_id, gint64 value);
void _affari_deal_set_boolean (AffariDeal *self, guint prop_id, gboolean value);

G_END_DECLS
