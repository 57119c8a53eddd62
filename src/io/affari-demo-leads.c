/* affari-demo-leads.c — the leads of the sample data
 *
 * Some dozens of enquiries of the last two months in every status: new ones, some being worked
 * on, some junk (with the reason), some repeat leads (the phone, e-mail or company of an existing
 * client) and some converted — linked to a sample deal of the same client, so that
 * `demo --deals N` still makes N deals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-demo"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-demo-private.h"
#include "ops/affari-deal-ops.h"
#include "ops/affari-leads.h"
#include "store/affari-store-leads.h"

static const char * const first_names[] = {
  "Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro", "Sara", "Davide", "Elena", "Matteo",
  "Valentina", "Andrea", "Federica", "Simone", "Martina", "Paolo", "Silvia", "Stefano", "Laura", "Giorgio",
};
static const char * const last_names[] = {
  "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo",
  "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana",
};
static const char * const new_companies[] = {
  "", "", "Studio Tecnico Orsini", "Pasticceria Dolce Vita", "Agriturismo Le Querce", "Officina Meccanica Serra",
  "Farmacia San Marco", "B&B Il Glicine", "Ottica Visconti", "Palestra Energy", "", "Libreria del Borgo",
};
static const char * const titles[] = {
  "Richiesta preventivo arredo ufficio", "Informazioni su contratto di manutenzione", "Richiesta demo gestionale",
  "Preventivo impianto di climatizzazione", "Richiesta catalogo prodotti", "Contatto dalla fiera",
  "Richiesta di richiamata", "Preventivo fornitura stampanti", "Informazioni sui prezzi", "Rinnovo postazioni di lavoro",
};
static const char * const cities[] = {
  "Via Roma 12, Milano", "Corso Vittorio Emanuele 48, Torino", "Via Garibaldi 7, Bologna", "Piazza Duomo 3, Firenze",
  "Via Toledo 150, Napoli", "",
};
static const char * const sources[] = { "WEB", "CALL", "EMAIL", "TRADE_SHOW", "RECOMMENDATION", "ADVERTISING" };
static const char * const junk_reasons[] = {
  "Numero inesistente", "Cercava un altro servizio", "Spam dal modulo del sito",
};

/* The stage of the lead pipeline with @code. */
static gint64
status (Demo *demo, const char *code)
{
  return affari_store_find_stage_by_code (demo->store, affari_store_get_lead_pipeline_id (demo->store), code);
}

/* The lead copies the client of sample deal @plan: the same company and its phone or e-mail. */
static gboolean
copy_client (Demo       *demo,
             AffariLead *lead,
             gint64      deal_id,
             guint       which)
{
  g_autoptr(AffariDeal) deal = affari_store_get_deal (demo->store, deal_id, NULL);
  g_autoptr(AffariCompany) company = NULL;

  if (deal == NULL || affari_deal_get_company_id (deal) == 0)
    return FALSE;
  company = affari_store_get_company (demo->store, affari_deal_get_company_id (deal), NULL);
  if (company == NULL)
    return FALSE;
  affari_lead_set_text (&lead->company_title, affari_company_get_name (company));
  if (which % 2 == 0 && affari_company_get_phone (company) != NULL)
    affari_lead_set_text (&lead->phone, affari_company_get_phone (company));
  else if (affari_company_get_email (company) != NULL)
    affari_lead_set_text (&lead->email, affari_company_get_email (company));
  return TRUE;
}

gboolean
demo_add_leads (Demo    *demo,
                guint    n_leads,
                GError **error)
{
  g_autoptr(AffariDealOps) ops = affari_deal_ops_new (demo->store);
  gint64 converted = status (demo, "CONVERTED"), junk = status (demo, "JUNK");
  gint64 in_process = status (demo, "IN_PROCESS"), processed = status (demo, "PROCESSED");

  if (affari_store_get_lead_pipeline_id (demo->store) == 0)
    return TRUE;

  for (guint i = 0; i < n_leads; i++)
    {
      g_autoptr(AffariDeal) deal = affari_deal_new ();
      g_autoptr(AffariLead) lead = affari_lead_new ();
      g_autoptr(AffariChangeSet) set = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *first = first_names[demo_pick (demo->rand, G_N_ELEMENTS (first_names))];
      const char *last = last_names[demo_pick (demo->rand, G_N_ELEMENTS (last_names))];
      guint kind = i % 10;          /* 0-2 new, 3-4 in progress, 5 processed, 6 junk, 7 repeat, 8-9 converted */
      gint64 sample = demo->n_plans > 0 ? demo->plans[(i * 37) % demo->n_plans].id : 0;
      gboolean has_client = FALSE;
      g_autofree char *mail = NULL;
      g_autofree char *phone = g_strdup_printf ("+39 3%02u %03u %04u", demo_pick (demo->rand, 50) + 20,
                                                demo_pick (demo->rand, 1000), demo_pick (demo->rand, 10000));
      gint64 id;

      /* Spread over the last 60 days, in office hours, oldest first. */
      affari_store_set_now (demo->store, demo->today - (gint64) (60 - (i * 60) / MAX (n_leads, 1)) * DAY
                                         + 9 * HOUR + demo_pick (demo->rand, 8 * 60) * MINUTE);

      affari_lead_set_text (&lead->first_name, first);
      affari_lead_set_text (&lead->last_name, last);
      affari_lead_set_text (&lead->phone, phone);
      mail = g_ascii_strdown (first, -1);
      {
        g_autofree char *last_slug = g_ascii_strdown (last, -1);
        g_autofree char *address = g_strdup_printf ("%s.%s@esempio.it", mail, g_strdelimit (last_slug, " ", '-'));

        affari_lead_set_text (&lead->email, address);
      }
      affari_lead_set_text (&lead->company_title, new_companies[demo_pick (demo->rand, G_N_ELEMENTS (new_companies))]);
      affari_lead_set_text (&lead->address, cities[demo_pick (demo->rand, G_N_ELEMENTS (cities))]);
      if ((kind == 7 || kind >= 8) && sample != 0)
        {
          affari_lead_set_text (&lead->phone, "");
          affari_lead_set_text (&lead->email, "");
          has_client = copy_client (demo, lead, sample, i);
        }

      affari_deal_set_title (deal, titles[demo_pick (demo->rand, G_N_ELEMENTS (titles))]);
      affari_deal_set_amount (deal, (gint64) (demo_pick (demo->rand, 60) + 2) * 25000);
      affari_deal_set_is_manual_amount (deal, TRUE);
      affari_deal_set_source_id (deal, sources[demo_pick (demo->rand, G_N_ELEMENTS (sources))]);
      if (demo->n_team > 0)
        affari_deal_set_assigned_by_id (deal, demo->team[demo_pick (demo->rand, demo->n_team)]);
      if (demo_chance (demo->rand, 40))
        affari_deal_set_comments (deal, "Ha compilato il modulo del sito chiedendo di essere richiamato in mattinata.");

      /* Inside the demo's batch a change emits nothing and returns no set: only errors count. */
      set = affari_leads_create (ops, demo->store, deal, lead, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      id = affari_deal_get_id (deal);

      /* A little later the same day, or some days after. */
      affari_store_set_now (demo->store, affari_store_now (demo->store) + (1 + demo_pick (demo->rand, 5)) * HOUR);
      if ((kind == 3 || kind == 4) && in_process != 0)
        {
          if (!affari_store_move_deal (demo->store, id, in_process, 0, NULL, error))
            return FALSE;
        }
      else if (kind == 5 && processed != 0)
        {
          if (!affari_store_move_deal (demo->store, id, processed, 0, NULL, error))
            return FALSE;
        }
      else if (kind == 6 && junk != 0)
        {
          if (!affari_store_move_deal (demo->store, id, junk, 0,
                                       junk_reasons[demo_pick (demo->rand, G_N_ELEMENTS (junk_reasons))], error))
            return FALSE;
        }
      else if (kind >= 8 && has_client && converted != 0)
        {
          g_autoptr(AffariDeal) target = affari_store_get_deal (demo->store, sample, NULL);
          g_autoptr(AffariLead) stored = affari_store_get_lead (demo->store, id, error);

          /* Linked to the sample deal of the same client, not a new one: --deals N stays N. */
          if (stored == NULL)
            return FALSE;
          if (target != NULL && affari_deal_get_lead_id (target) == 0
              && (!affari_store_move_deal (demo->store, id, converted, 0, NULL, error)
                  || !affari_store_link_lead_conversion (demo->store, id, sample, 0,
                                                         affari_deal_get_company_id (target), error)))
            return FALSE;
        }
    }
  return TRUE;
}
