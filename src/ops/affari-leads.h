/* affari-leads.h — what a person does with leads: create one, edit what only a lead has,
 * convert it into a deal (with its contact and company)
 *
 * Each is one transaction through affari_deal_ops_create_many () and one step of the undo
 * history of @ops: undoing a conversion puts the new deal in the trash and the lead back as it
 * was (status, links); a contact or company it created stays among the clients.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ops/affari-deal-ops.h"
#include "model/affari-lead.h"
#include "model/affari-pipeline.h"

G_BEGIN_DECLS

/* A contact or company the conversion creates from the lead's fields. */
#define AFFARI_LEAD_CREATE_NEW (-1)

typedef struct {
  gint64 lead_id;
  gint64 pipeline_id;   /* the deal's pipeline (0: the default one); it starts at its first stage */
  gint64 contact_id;    /* an existing contact, AFFARI_LEAD_CREATE_NEW, or 0 for none */
  gint64 company_id;    /* the same for the company */
} AffariLeadConversion;

/* ---- what the windows read (they hold no store header) ---- */
/* The lead pipeline (NULL on a database without one). */
AffariPipeline  *affari_leads_dup_pipeline   (AffariStore *store);
gboolean         affari_leads_is_lead_pipeline (AffariStore *store, gint64 pipeline_id);
/* What only the lead @deal_id has; NULL with @error when it is not a lead. */
AffariLead      *affari_leads_get            (AffariStore *store, gint64 deal_id, GError **error);
/* The candidates of a conversion of @lead, best first: AffariContact, AffariCompany. */
GPtrArray       *affari_leads_find_contacts  (AffariStore *store, const AffariLead *lead, GError **error);
GPtrArray       *affari_leads_find_companies (AffariStore *store, const AffariLead *lead, GError **error);

/* Creates @deal as a lead (in the lead pipeline, whatever @deal says) with @lead's fields
 * (@lead's deal_id is ignored; nullable). */
AffariChangeSet *affari_leads_create   (AffariDealOps *ops, AffariStore *store, AffariDeal *deal,
                                        const AffariLead *lead, GError **error);
/* Writes the typed-in fields of @lead (name, surname, company name, phone, e-mail, address). */
AffariChangeSet *affari_leads_update   (AffariDealOps *ops, AffariStore *store, const AffariLead *lead,
                                        GError **error);
/* What the conversion of @lead_id offers first: the first candidate contact and company (same
 * e-mail, phone, name), else AFFARI_LEAD_CREATE_NEW when the lead names one, else 0; the default
 * pipeline. */
gboolean         affari_leads_suggest  (AffariStore *store, gint64 lead_id, AffariLeadConversion *out,
                                        GError **error);
/* Converts the lead: the contact and company chosen or created, a deal at the first stage of the
 * pipeline with the lead's title, amount, currency, comments, source, responsible and product
 * rows, bound to them; the lead goes to its won status ("Convertito"); all three link back and
 * the history of lead and deal says so. Refused with nothing written for a lead converted
 * already or in a lost status ("Spazzatura"). @out_deal_id (nullable) gets the new deal. */
AffariChangeSet *affari_leads_convert  (AffariDealOps *ops, AffariStore *store, const AffariLeadConversion *conversion,
                                        gint64 *out_deal_id, GError **error);

G_END_DECLS
