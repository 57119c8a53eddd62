/* affari-store-leads.h — leads: deals of the one lead pipeline, with what only a lead has
 *
 * The lead pipeline (pipeline.kind 'lead', statuses Nuovo, In lavorazione, Elaborato,
 * Convertito, Spazzatura) is listed nowhere deal pipelines are (affari_store_list_pipelines),
 * and its rows count nowhere deals do (a query over every pipeline, the forecast, the sales
 * generator's segments). A lead whose phone, e-mail or company name matches an existing client is
 * a repeat lead: deal.is_return_customer, kept up to date by affari_store_set_lead ().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "affari-store.h"
#include "model/affari-lead.h"

G_BEGIN_DECLS

/* One line of affari_store_list_leads (). */
typedef struct {
  AffariLead *lead;
  char *title;
  char *status;               /* the status's name */
  char *status_code;          /* NEW, IN_PROCESS, PROCESSED, CONVERTED, JUNK (or an added one's) */
  AffariSemantics semantics;
  gint64 amount;
  char *currency;
  gboolean repeat;
} AffariLeadRow;

void         affari_lead_row_free             (AffariLeadRow *row);

/* The id of the lead pipeline (0 on a database without it). */
gint64       affari_store_get_lead_pipeline_id (AffariStore *self);
/* Whether @deal_id is a lead (a deal of the lead pipeline, in the trash or not). */
gboolean     affari_store_is_lead             (AffariStore *self, gint64 deal_id);
/* What only the lead @deal_id has (empty fields when none was typed); NULL with @error when it is
 * not a lead. */
AffariLead  *affari_store_get_lead            (AffariStore *self, gint64 deal_id, GError **error);
/* Writes the typed-in fields of @lead (not its links) with a history event for each change, and
 * recomputes whether it is a repeat lead; one transaction (joins the caller's). */
gboolean     affari_store_set_lead            (AffariStore *self, const AffariLead *lead, GError **error);
/* Whether @lead's phone, e-mail or company name matches an existing contact or company. */
gboolean     affari_store_lead_matches_client (AffariStore *self, const AffariLead *lead);
/* The contacts (and companies) a conversion of @lead offers first: same e-mail, then same phone,
 * then same name, at most @limit, as ids (gint64). */
GArray      *affari_store_find_lead_contacts  (AffariStore *self, const AffariLead *lead, guint limit, GError **error);
GArray      *affari_store_find_lead_companies (AffariStore *self, const AffariLead *lead, guint limit, GError **error);
/* Records a conversion: the lead's links (deal, contact, company: 0 none), the deal's lead_id and
 * a history line on each ("Convertito nell'affare #N", "Creato dal lead #N"). Inside the caller's
 * change (affari_deal_ops_create_many). */
gboolean     affari_store_link_lead_conversion (AffariStore *self, gint64 lead_id, gint64 deal_id,
                                                gint64 contact_id, gint64 company_id, GError **error);
/* The live leads, newest first (AffariLeadRow). */
GPtrArray   *affari_store_list_leads          (AffariStore *self, GError **error);

/* ---- private to the store ---- */
/* Creates the lead pipeline and its statuses once the migration made room for them (nothing when
 * there is one, or not yet a pipeline.kind column): runs after every migration step. */
gboolean     store_leads_seed                 (AffariStore *self, GError **error);
/* A condition on "deal d": not a lead (what counts as a deal everywhere deals are counted). */
#define STORE_NOT_LEAD "d.pipeline_id NOT IN (SELECT id FROM pipeline WHERE kind = 'lead')"

G_END_DECLS
