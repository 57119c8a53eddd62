/* affari-deal.h — one deal (a sale to one client)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include "affari-types.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_DEAL (affari_deal_get_type ())
G_DECLARE_FINAL_TYPE (AffariDeal, affari_deal, AFFARI, DEAL, GObject)

/* Every property has the name of its getter: affari_deal_get_close_date () ↔ "close-date".
 * Dates are "YYYY-MM-DD" strings (NULL when unset); times are Unix seconds (0 when unset);
 * money is minor units. Properties flagged read-only are filled by the store (joins, derived). */
AffariDeal   *affari_deal_new                      (void);
/* Copies every field of @from into @self and notifies the properties that changed. */
void          affari_deal_update_from              (AffariDeal *self, AffariDeal *from);
AffariDeal   *affari_deal_copy                     (AffariDeal *self);

gint64        affari_deal_get_id                   (AffariDeal *self);
const char   *affari_deal_get_title                (AffariDeal *self);
void          affari_deal_set_title                (AffariDeal *self, const char *title);
const char   *affari_deal_get_type_id              (AffariDeal *self);
void          affari_deal_set_type_id              (AffariDeal *self, const char *type_id);
gint64        affari_deal_get_pipeline_id          (AffariDeal *self);
void          affari_deal_set_pipeline_id          (AffariDeal *self, gint64 pipeline_id);
gint64        affari_deal_get_stage_id             (AffariDeal *self);
void          affari_deal_set_stage_id             (AffariDeal *self, gint64 stage_id);
AffariSemantics affari_deal_get_semantics          (AffariDeal *self);
gboolean      affari_deal_get_closed               (AffariDeal *self);
gboolean      affari_deal_get_opened               (AffariDeal *self);
void          affari_deal_set_opened               (AffariDeal *self, gboolean opened);
int           affari_deal_get_probability          (AffariDeal *self); /* -1 when unset */
void          affari_deal_set_probability          (AffariDeal *self, int probability);
const char   *affari_deal_get_currency             (AffariDeal *self);
void          affari_deal_set_currency             (AffariDeal *self, const char *currency);
gint64        affari_deal_get_amount               (AffariDeal *self);
void          affari_deal_set_amount               (AffariDeal *self, gint64 amount);
gboolean      affari_deal_get_is_manual_amount     (AffariDeal *self);
void          affari_deal_set_is_manual_amount     (AffariDeal *self, gboolean manual);
gint64        affari_deal_get_tax_value            (AffariDeal *self);
void          affari_deal_set_tax_value            (AffariDeal *self, gint64 tax);
gint64        affari_deal_get_company_id           (AffariDeal *self);
void          affari_deal_set_company_id           (AffariDeal *self, gint64 company_id);
const char   *affari_deal_get_company_name         (AffariDeal *self);
const char   *affari_deal_get_contact_name         (AffariDeal *self); /* primary contact */
/* The client as shown on cards: the company, else the primary contact, else NULL. */
const char   *affari_deal_get_client_name          (AffariDeal *self);
gint64        affari_deal_get_lead_id              (AffariDeal *self);
void          affari_deal_set_lead_id              (AffariDeal *self, gint64 lead_id);
gint64        affari_deal_get_quote_id             (AffariDeal *self);
void          affari_deal_set_quote_id             (AffariDeal *self, gint64 quote_id);
const char   *affari_deal_get_begin_date           (AffariDeal *self);
void          affari_deal_set_begin_date           (AffariDeal *self, const char *date);
const char   *affari_deal_get_close_date           (AffariDeal *self);
void          affari_deal_set_close_date           (AffariDeal *self, const char *date);
/* The day the deal was closed ("YYYY-MM-DD"), NULL while it is open; the store keeps it. The
 * expected close date (close-date) stays the plan the person set. */
const char   *affari_deal_get_closed_at            (AffariDeal *self);
const char   *affari_deal_get_comments             (AffariDeal *self);
void          affari_deal_set_comments             (AffariDeal *self, const char *comments);
gint64        affari_deal_get_assigned_by_id       (AffariDeal *self);
void          affari_deal_set_assigned_by_id       (AffariDeal *self, gint64 member_id);
const char   *affari_deal_get_assigned_name        (AffariDeal *self);
gint64        affari_deal_get_created_by_id        (AffariDeal *self);
gint64        affari_deal_get_modify_by_id         (AffariDeal *self);
gint64        affari_deal_get_moved_by_id          (AffariDeal *self);
gint64        affari_deal_get_date_create          (AffariDeal *self);
gint64        affari_deal_get_date_modify          (AffariDeal *self);
gint64        affari_deal_get_moved_time           (AffariDeal *self);
gboolean      affari_deal_get_is_recurring         (AffariDeal *self);
void          affari_deal_set_is_recurring         (AffariDeal *self, gboolean recurring);
gboolean      affari_deal_get_is_return_customer   (AffariDeal *self);
void          affari_deal_set_is_return_customer   (AffariDeal *self, gboolean value);
gboolean      affari_deal_get_is_repeated_approach (AffariDeal *self);
void          affari_deal_set_is_repeated_approach (AffariDeal *self, gboolean value);
const char   *affari_deal_get_source_id            (AffariDeal *self);
void          affari_deal_set_source_id            (AffariDeal *self, const char *source_id);
const char   *affari_deal_get_source_description   (AffariDeal *self);
void          affari_deal_set_source_description   (AffariDeal *self, const char *text);
const char   *affari_deal_get_additional_info      (AffariDeal *self);
void          affari_deal_set_additional_info      (AffariDeal *self, const char *text);
const char   *affari_deal_get_originator_id        (AffariDeal *self);
void          affari_deal_set_originator_id        (AffariDeal *self, const char *text);
const char   *affari_deal_get_origin_id            (AffariDeal *self);
void          affari_deal_set_origin_id            (AffariDeal *self, const char *text);
double        affari_deal_get_position             (AffariDeal *self);
/* Deadline of the earliest open activity, 0 when none is planned. */
gint64        affari_deal_get_next_activity        (AffariDeal *self);
gint64        affari_deal_get_deleted_at           (AffariDeal *self);
/* The version of the deal's row when it was read: every change of a field a person sees makes a
 * new one, so a write based on an older version is refused instead of overwriting the change
 * made since (by another window or another seller). 0: not read from the database. */
gint64        affari_deal_get_version              (AffariDeal *self);

/* The date a calendar places deals on. */
typedef enum {
  AFFARI_CALENDAR_CLOSE_DATE = 0,  /* Data di chiusura prevista (the default) */
  AFFARI_CALENDAR_BEGIN_DATE,      /* Data di inizio */
  AFFARI_CALENDAR_DATE_CREATE,     /* when the deal was created (cannot be moved) */
} AffariCalendarField;
/* "YYYY-MM-DD" of @deal's @field (the creation date in local time), or NULL when unset. */
char        *affari_calendar_field_date     (AffariDeal *deal, AffariCalendarField field);
typedef struct {
  char  date[11];                /* "YYYY-MM-DD" */
  guint count;                   /* every deal of the day, also those beyond the limit */
} AffariCalendarDay;

G_END_DECLS
