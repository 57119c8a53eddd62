/* affari-leads.c — creating, editing and converting leads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-ops"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-leads.h"
#include "store/affari-store.h"
#include "store/affari-store-leads.h"

typedef struct {
  AffariStore *store;
  AffariDeal *deal;
  const AffariLead *lead;
  const AffariLeadConversion *conversion;
  gint64 deal_id;
} LeadJob;

/* ------------------------------------------------------------ auxiliary */

static gboolean
create_build (AffariDealOps  *ops,
              gpointer        data,
              GError        **error)
{
  LeadJob *job = data;
  g_autoptr(AffariLead) lead = job->lead ? affari_lead_copy (job->lead) : affari_lead_new ();
  gint64 pipeline_id = affari_store_get_lead_pipeline_id (job->store);

  if (pipeline_id == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("This database has no pipeline of leads"));
      return FALSE;
    }
  affari_deal_set_pipeline_id (job->deal, pipeline_id);
  affari_deal_set_stage_id (job->deal, 0);
  if (!affari_deal_ops_add_created (ops, job->deal, error))
    return FALSE;
  lead->deal_id = affari_deal_get_id (job->deal);
  return affari_store_set_lead (job->store, lead, error);
}

static gboolean
update_build (AffariDealOps  *ops,
              gpointer        data,
              GError        **error)
{
  LeadJob *job = data;

  return affari_store_change_add_deal (job->store, job->lead->deal_id, error)
         && affari_store_set_lead (job->store, job->lead, error);
}

static gint64
first_id (GArray *ids)
{
  return ids != NULL && ids->len > 0 ? g_array_index (ids, gint64, 0) : 0;
}

static gint64
create_company (AffariStore      *store,
                AffariDeal       *lead_deal,
                const AffariLead *lead,
                GError          **error)
{
  /* Bitrix24: the company's title is the lead's company name, else the lead's title. */
  const char *name = *lead->company_title ? lead->company_title : affari_deal_get_title (lead_deal);
  g_autoptr(AffariCompany) company = g_object_new (AFFARI_TYPE_COMPANY,
                                                   "name", name,
                                                   "phone", *lead->phone ? lead->phone : NULL,
                                                   "email", *lead->email ? lead->email : NULL,
                                                   "address", *lead->address ? lead->address : NULL,
                                                   NULL);

  return affari_store_create_company (store, company, error);
}

static gint64
create_contact (AffariStore      *store,
                AffariDeal       *lead_deal,
                const AffariLead *lead,
                gint64            company_id,
                GError          **error)
{
  gboolean unnamed = *lead->first_name == '\0' && *lead->last_name == '\0';
  g_autoptr(AffariContact) contact = NULL;

  /* A contact needs a name: without one it is named after the lead, as Bitrix24 does. */
  contact = g_object_new (AFFARI_TYPE_CONTACT,
                          "first-name", lead->first_name,
                          "last-name", unnamed ? affari_deal_get_title (lead_deal) : lead->last_name,
                          "phone", *lead->phone ? lead->phone : NULL,
                          "email", *lead->email ? lead->email : NULL,
                          "company-id", company_id > 0 ? company_id : (gint64) 0,
                          NULL);
  return affari_store_create_contact (store, contact, error);
}

static gboolean
check_convertible (AffariStore  *store,
                   AffariDeal   *lead_deal,
                   AffariLead   *lead,
                   GError      **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, affari_deal_get_id (lead_deal));
  g_autofree char *deal = g_strdup_printf ("%" G_GINT64_FORMAT, lead->converted_deal_id);

  if (lead->converted_deal_id != 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                   _("Lead #%s was already converted into deal #%s: open that deal instead of converting it again."),
                   id, deal);
      return FALSE;
    }
  if (affari_deal_get_deleted_at (lead_deal) != 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                   _("Lead #%s is in the trash: restore it before converting it."), id);
      return FALSE;
    }
  switch (affari_deal_get_semantics (lead_deal))
    {
    case AFFARI_SEMANTICS_FAILURE:
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                   _("Lead #%s is junk: move it back to an open status before converting it."), id);
      return FALSE;
    case AFFARI_SEMANTICS_SUCCESS:
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                   _("Lead #%s is already converted: move it back to an open status to convert it again."), id);
      return FALSE;
    case AFFARI_SEMANTICS_PROCESS:
    default:
      return TRUE;
    }
}

static gboolean
convert_build (AffariDealOps  *ops,
               gpointer        data,
               GError        **error)
{
  LeadJob *job = data;
  const AffariLeadConversion *c = job->conversion;
  g_autoptr(AffariDeal) lead_deal = NULL;
  g_autoptr(AffariLead) lead = NULL;
  g_autoptr(AffariPipeline) pipeline = NULL;
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(GArray) rows = NULL;
  gint64 pipeline_id = c->pipeline_id > 0 ? c->pipeline_id : affari_store_get_default_pipeline_id (job->store);
  gint64 company_id = c->company_id, contact_id = c->contact_id, won_stage;

  /* Read under the write lock: two conversions of one lead make one deal. */
  lead = affari_store_get_lead (job->store, c->lead_id, error);
  if (lead == NULL)
    return FALSE;
  lead_deal = affari_store_get_deal (job->store, c->lead_id, error);
  if (lead_deal == NULL || !check_convertible (job->store, lead_deal, lead, error))
    return FALSE;
  if (pipeline_id == affari_store_get_lead_pipeline_id (job->store))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                   _("A lead converts into a deal of a deal pipeline: choose one of those."));
      return FALSE;
    }
  pipeline = affari_store_get_pipeline (job->store, pipeline_id, error);
  if (pipeline == NULL)
    return FALSE;
  won_stage = affari_store_find_stage (job->store, affari_deal_get_pipeline_id (lead_deal), AFFARI_SEMANTICS_SUCCESS);

  if (company_id == AFFARI_LEAD_CREATE_NEW
      && (company_id = create_company (job->store, lead_deal, lead, error)) == 0)
    return FALSE;
  if (company_id > 0)
    {
      g_autoptr(AffariCompany) company = affari_store_get_company (job->store, company_id, error);

      if (company == NULL)
        return FALSE;
    }
  if (contact_id == AFFARI_LEAD_CREATE_NEW
      && (contact_id = create_contact (job->store, lead_deal, lead, company_id, error)) == 0)
    return FALSE;
  if (contact_id > 0)
    {
      g_autoptr(AffariContact) contact = affari_store_get_contact (job->store, contact_id, error);

      if (contact == NULL)
        return FALSE;
    }

  deal = affari_deal_new ();
  affari_deal_set_title (deal, affari_deal_get_title (lead_deal));
  affari_deal_set_pipeline_id (deal, pipeline_id);
  affari_deal_set_currency (deal, affari_deal_get_currency (lead_deal));
  affari_deal_set_amount (deal, affari_deal_get_amount (lead_deal));
  affari_deal_set_is_manual_amount (deal, affari_deal_get_is_manual_amount (lead_deal));
  affari_deal_set_comments (deal, affari_deal_get_comments (lead_deal));
  affari_deal_set_source_id (deal, affari_deal_get_source_id (lead_deal));
  affari_deal_set_source_description (deal, affari_deal_get_source_description (lead_deal));
  affari_deal_set_assigned_by_id (deal, affari_deal_get_assigned_by_id (lead_deal));
  affari_deal_set_company_id (deal, company_id > 0 ? company_id : 0);
  affari_deal_set_lead_id (deal, c->lead_id);
  if (!affari_deal_ops_add_created (ops, deal, error))
    return FALSE;
  job->deal_id = affari_deal_get_id (deal);

  rows = affari_store_list_product_rows (job->store, c->lead_id, error);
  if (rows == NULL)
    return FALSE;
  if (rows->len > 0
      && !affari_deal_ops_fill_product_rows (ops, job->deal_id, (const AffariProductRow *) rows->data, rows->len, error))
    return FALSE;
  if (contact_id > 0 && !affari_deal_ops_fill_contacts (ops, job->deal_id, &contact_id, 1, contact_id, error))
    return FALSE;

  return affari_store_change_add_deal (job->store, c->lead_id, error)
         && affari_store_move_deal (job->store, c->lead_id, won_stage, 0, NULL, error)
         && affari_store_link_lead_conversion (job->store, c->lead_id, job->deal_id,
                                               MAX (contact_id, 0), MAX (company_id, 0), error);
}

/* ------------------------------------------------------------ public API */

AffariPipeline *
affari_leads_dup_pipeline (AffariStore *store)
{
  gint64 id = affari_store_get_lead_pipeline_id (store);

  return id != 0 ? affari_store_get_pipeline (store, id, NULL) : NULL;
}

gboolean
affari_leads_is_lead_pipeline (AffariStore *store,
                               gint64       pipeline_id)
{
  return pipeline_id != 0 && pipeline_id == affari_store_get_lead_pipeline_id (store);
}

AffariLead *
affari_leads_get (AffariStore  *store,
                  gint64        deal_id,
                  GError      **error)
{
  return affari_store_get_lead (store, deal_id, error);
}

typedef gpointer (*ClientGetter) (AffariStore *store, gint64 id, GError **error);

/* Loads the clients of @ids with @get, skipping those deleted meanwhile. */
static GPtrArray *
load_clients (AffariStore  *store,
              GArray       *ids,
              ClientGetter  get)
{
  GPtrArray *clients = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < ids->len; i++)
    {
      gpointer client = get (store, g_array_index (ids, gint64, i), NULL);

      if (client != NULL)
        g_ptr_array_add (clients, client);
    }
  return clients;
}

GPtrArray *
affari_leads_find_contacts (AffariStore       *store,
                            const AffariLead  *lead,
                            GError           **error)
{
  g_autoptr(GArray) ids = affari_store_find_lead_contacts (store, lead, 20, error);

  return ids != NULL ? load_clients (store, ids, (ClientGetter) affari_store_get_contact) : NULL;
}

GPtrArray *
affari_leads_find_companies (AffariStore       *store,
                             const AffariLead  *lead,
                             GError           **error)
{
  g_autoptr(GArray) ids = affari_store_find_lead_companies (store, lead, 20, error);

  return ids != NULL ? load_clients (store, ids, (ClientGetter) affari_store_get_company) : NULL;
}

AffariChangeSet *
affari_leads_create (AffariDealOps     *ops,
                     AffariStore       *store,
                     AffariDeal        *deal,
                     const AffariLead  *lead,
                     GError           **error)
{
  LeadJob job = { store, deal, lead, NULL, 0 };

  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (ops), NULL);
  g_return_val_if_fail (AFFARI_IS_DEAL (deal), NULL);

  return affari_deal_ops_create_many (ops, create_build, &job, _("Lead created"), TRUE, error);
}

AffariChangeSet *
affari_leads_update (AffariDealOps     *ops,
                     AffariStore       *store,
                     const AffariLead  *lead,
                     GError           **error)
{
  LeadJob job = { store, NULL, lead, NULL, 0 };

  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (ops), NULL);
  g_return_val_if_fail (lead != NULL, NULL);

  return affari_deal_ops_create_many (ops, update_build, &job, _("Lead changed"), TRUE, error);
}

gboolean
affari_leads_suggest (AffariStore           *store,
                      gint64                 lead_id,
                      AffariLeadConversion  *out,
                      GError               **error)
{
  g_autoptr(AffariLead) lead = NULL;
  g_autoptr(GArray) contacts = NULL;
  g_autoptr(GArray) companies = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  lead = affari_store_get_lead (store, lead_id, error);
  if (lead == NULL)
    return FALSE;
  contacts = affari_store_find_lead_contacts (store, lead, 1, error);
  companies = contacts ? affari_store_find_lead_companies (store, lead, 1, error) : NULL;
  if (companies == NULL)
    return FALSE;

  out->lead_id = lead_id;
  out->pipeline_id = affari_store_get_default_pipeline_id (store);
  out->contact_id = first_id (contacts);
  if (out->contact_id == 0 && (*lead->first_name || *lead->last_name || *lead->phone || *lead->email))
    out->contact_id = AFFARI_LEAD_CREATE_NEW;
  out->company_id = first_id (companies);
  if (out->company_id == 0 && *lead->company_title)
    out->company_id = AFFARI_LEAD_CREATE_NEW;
  /* The candidate contact's own company, when none matched by itself. */
  if (out->company_id <= 0 && out->contact_id > 0)
    {
      g_autoptr(AffariContact) contact = affari_store_get_contact (store, out->contact_id, NULL);

      if (contact != NULL && affari_contact_get_company_id (contact) > 0)
        out->company_id = affari_contact_get_company_id (contact);
    }
  return TRUE;
}

AffariChangeSet *
affari_leads_convert (AffariDealOps               *ops,
                      AffariStore                 *store,
                      const AffariLeadConversion  *conversion,
                      gint64                      *out_deal_id,
                      GError                     **error)
{
  LeadJob job = { store, NULL, NULL, conversion, 0 };
  AffariChangeSet *set;

  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (ops), NULL);
  g_return_val_if_fail (conversion != NULL, NULL);

  set = affari_deal_ops_create_many (ops, convert_build, &job, _("Lead converted into a deal"), TRUE, error);
  if (out_deal_id != NULL)
    *out_deal_id = set != NULL ? job.deal_id : 0;
  return set;
}
