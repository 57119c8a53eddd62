/* affari-deal-accessors.c — the getters and setters of AffariDeal (its properties, the
 * GObject boilerplate and copying are in affari-deal.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-deal-props.h"

gint64
affari_deal_get_id (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), 0);
  return self->id;
}

const char *
affari_deal_get_title (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), NULL);
  return self->title;
}

void
affari_deal_set_title (AffariDeal *self,
                       const char *title)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_string (self, PROP_TITLE, title);
}

const char *
affari_deal_get_type_id (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), NULL);
  return self->type_id;
}

void
affari_deal_set_type_id (AffariDeal *self,
                         const char *type_id)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_string (self, PROP_TYPE_ID, type_id);
}

gint64
affari_deal_get_pipeline_id (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), 0);
  return self->pipeline_id;
}

void
affari_deal_set_pipeline_id (AffariDeal *self,
                             gint64 pipeline_id)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_int64 (self, PROP_PIPELINE_ID, pipeline_id);
}

gint64
affari_deal_get_stage_id (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), 0);
  return self->stage_id;
}

void
affari_deal_set_stage_id (AffariDeal *self,
                          gint64 stage_id)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_int64 (self, PROP_STAGE_ID, stage_id);
}

AffariSemantics
affari_deal_get_semantics (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), AFFARI_SEMANTICS_PROCESS);
  return self->semantics;
}

gboolean
affari_deal_get_closed (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), FALSE);
  return self->closed;
}

gboolean
affari_deal_get_opened (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), TRUE);
  return self->opened;
}

void
affari_deal_set_opened (AffariDeal *self,
                        gboolean opened)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_boolean (self, PROP_OPENED, opened);
}

int
affari_deal_get_probability (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), -1);
  return self->probability;
}

/* Any negative value means "unset"; more than 100 % is 100 %. */
void
affari_deal_set_probability (AffariDeal *self,
                             int probability)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));

  probability = CLAMP (probability, -1, 100);
  if (self->probability == probability)
    return;

  self->probability = probability;
  _affari_deal_notify (self, PROP_PROBABILITY);
}

const char *
affari_deal_get_currency (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), NULL);
  return self->currency;
}

void
affari_deal_set_currency (AffariDeal *self,
                          const char *currency)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_string (self, PROP_CURRENCY, currency);
}

gint64
affari_deal_get_amount (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), 0);
  return self->amount;
}

void
affari_deal_set_amount (AffariDeal *self,
                        gint64 amount)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_int64 (self, PROP_AMOUNT, amount);
}

gboolean
affari_deal_get_is_manual_amount (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), FALSE);
  return self->is_manual_amount;
}

void
affari_deal_set_is_manual_amount (AffariDeal *self,
                                  gboolean manual)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_boolean (self, PROP_IS_MANUAL_AMOUNT, manual);
}

gint64
affari_deal_get_tax_value (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), 0);
  return self->tax_value;
}

void
affari_deal_set_tax_value (AffariDeal *self,
                           gint64 tax)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_int64 (self, PROP_TAX_VALUE, tax);
}

gint64
affari_deal_get_company_id (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), 0);
  return self->company_id;
}

void
affari_deal_set_company_id (AffariDeal *self,
                            gint64 company_id)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_int64 (self, PROP_COMPANY_ID, company_id);
}

const char *
affari_deal_get_company_name (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), NULL);
  return self->company_name;
}

const char *
affari_deal_get_contact_name (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), NULL);
  return self->contact_name;
}

const char *
affari_deal_get_client_name (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), NULL);

  if (self->company_name != NULL && *self->company_name != '\0')
    return self->company_name;
  if (self->contact_name != NULL && *self->contact_name != '\0')
    return self->contact_name;
  return NULL;
}

gint64
affari_deal_get_lead_id (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), 0);
  return self->lead_id;
}

void
affari_deal_set_lead_id (AffariDeal *self,
                         gint64 lead_id)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_int64 (self, PROP_LEAD_ID, lead_id);
}

gint64
affari_deal_get_quote_id (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), 0);
  return self->quote_id;
}

void
affari_deal_set_quote_id (AffariDeal *self,
                          gint64 quote_id)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_int64 (self, PROP_QUOTE_ID, quote_id);
}

const char *
affari_deal_get_begin_date (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), NULL);
  return self->begin_date;
}

void
affari_deal_set_begin_date (AffariDeal *self,
                            const char *date)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_string (self, PROP_BEGIN_DATE, date);
}

const char *
affari_deal_get_close_date (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), NULL);
  return self->close_date;
}

void
affari_deal_set_close_date (AffariDeal *self,
                            const char *date)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_string (self, PROP_CLOSE_DATE, date);
}

const char *
affari_deal_get_closed_at (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), NULL);
  return self->closed_at;
}

const char *
affari_deal_get_comments (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), NULL);
  return self->comments;
}

void
affari_deal_set_comments (AffariDeal *self,
                          const char *comments)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_string (self, PROP_COMMENTS, comments);
}

gint64
affari_deal_get_assigned_by_id (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), 0);
  return self->assigned_by_id;
}

void
affari_deal_set_assigned_by_id (AffariDeal *self,
                                gint64 member_id)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_int64 (self, PROP_ASSIGNED_BY_ID, member_id);
}

const char *
affari_deal_get_assigned_name (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), NULL);
  return self->assigned_name;
}

gint64
affari_deal_get_created_by_id (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), 0);
  return self->created_by_id;
}

gint64
affari_deal_get_modify_by_id (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), 0);
  return self->modify_by_id;
}

gint64
affari_deal_get_moved_by_id (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), 0);
  return self->moved_by_id;
}

gint64
affari_deal_get_date_create (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), 0);
  return self->date_create;
}

gint64
affari_deal_get_date_modify (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), 0);
  return self->date_modify;
}

gint64
affari_deal_get_moved_time (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), 0);
  return self->moved_time;
}

gboolean
affari_deal_get_is_recurring (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), FALSE);
  return self->is_recurring;
}

void
affari_deal_set_is_recurring (AffariDeal *self,
                              gboolean recurring)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_boolean (self, PROP_IS_RECURRING, recurring);
}

gboolean
affari_deal_get_is_return_customer (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), FALSE);
  return self->is_return_customer;
}

void
affari_deal_set_is_return_customer (AffariDeal *self,
                                    gboolean value)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_boolean (self, PROP_IS_RETURN_CUSTOMER, value);
}

gboolean
affari_deal_get_is_repeated_approach (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), FALSE);
  return self->is_repeated_approach;
}

void
affari_deal_set_is_repeated_approach (AffariDeal *self,
                                      gboolean value)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_boolean (self, PROP_IS_REPEATED_APPROACH, value);
}

const char *
affari_deal_get_source_id (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), NULL);
  return self->source_id;
}

void
affari_deal_set_source_id (AffariDeal *self,
                           const char *source_id)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_string (self, PROP_SOURCE_ID, source_id);
}

const char *
affari_deal_get_source_description (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), NULL);
  return self->source_description;
}

void
affari_deal_set_source_description (AffariDeal *self,
                                    const char *text)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_string (self, PROP_SOURCE_DESCRIPTION, text);
}

const char *
affari_deal_get_additional_info (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), NULL);
  return self->additional_info;
}

void
affari_deal_set_additional_info (AffariDeal *self,
                                 const char *text)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_string (self, PROP_ADDITIONAL_INFO, text);
}

const char *
affari_deal_get_originator_id (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), NULL);
  return self->originator_id;
}

void
affari_deal_set_originator_id (AffariDeal *self,
                               const char *text)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_string (self, PROP_ORIGINATOR_ID, text);
}

const char *
affari_deal_get_origin_id (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), NULL);
  return self->origin_id;
}

void
affari_deal_set_origin_id (AffariDeal *self,
                           const char *text)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));
  _affari_deal_set_string (self, PROP_ORIGIN_ID, text);
}

double
affari_deal_get_position (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), 0.0);
  return self->position;
}

gint64
affari_deal_get_next_activity (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), 0);
  return self->next_activity;
}

gint64
affari_deal_get_deleted_at (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), 0);
  return self->deleted_at;
}

gint64
affari_deal_get_version (AffariDeal *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL (self), 0);
  return self->version;
}

char *
affari_calendar_field_date (AffariDeal          *deal,
                            AffariCalendarField  field)
{
  const char *date = NULL;

  g_return_val_if_fail (AFFARI_IS_DEAL (deal), NULL);

  switch (field)
    {
    case AFFARI_CALENDAR_BEGIN_DATE:
      date = affari_deal_get_begin_date (deal);
      break;

    case AFFARI_CALENDAR_DATE_CREATE:
      {
        g_autoptr(GDateTime) created = NULL;

        if (affari_deal_get_date_create (deal) == 0)
          return NULL;
        created = g_date_time_new_from_unix_local (affari_deal_get_date_create (deal));
        return g_date_time_format (created, "%Y-%m-%d");
      }

    case AFFARI_CALENDAR_CLOSE_DATE:
    default:
      date = affari_deal_get_close_date (deal);
      break;
    }
  return date != NULL && *date != '\0' ? g_strndup (date, 10) : NULL;
}
