/* test-forecast.c — repeat sales predicted from the database: who is a client, who is left out,
 * too little history, the reason in Italian, the deals created (one undo) and the holdout check
 *
 * The history is made here: a BG/NBD population with known parameters, each purchase a deal won
 * on its day (the store's clock moved with affari_store_set_now).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "affari-test-files.h"
#include "model/affari-company.h"
#include "model/affari-contact.h"
#include "model/affari-deal.h"
#include "model/affari-error.h"
#include "model/affari-i18n.h"
#include "ops/affari-deal-ops.h"
#include "ops/affari-forecast.h"
#include "store/affari-store.h"
#include "store/affari-store-forecast.h"

#define N_SIMULATED 200

static const AffariBgnbdParams truth = { 1.2, 60.0, 0.7, 3.0 };

typedef struct {
  char *dir;
  char *path;
  AffariStore *store;
  AffariDealOps *ops;
  gint64 pipeline;
  gint64 won, lost, open;
  gint64 today;           /* noon, 2026-11-18 */
  guint32 today_julian;
  GArray *companies;      /* gint64, of the simulated clients */
  GArray *customers;      /* AffariBgnbdCustomer, as drawn */
} Fixture;

static gint64
noon_of (Fixture *f,
         int      days_before)
{
  return f->today - (gint64) days_before * 86400;
}

/* A deal of @company (or, when 0, of @contact as its primary contact) created on the day
 * @days_before today in @stage. */
static gint64
add_deal (Fixture    *f,
          gint64      company,
          gint64      contact,
          int         days_before,
          gint64      stage,
          gint64      amount,
          const char *currency)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDeal) deal = affari_deal_new ();

  affari_store_set_now (f->store, noon_of (f, days_before));
  affari_deal_set_title (deal, "Fornitura");
  affari_deal_set_pipeline_id (deal, f->pipeline);
  affari_deal_set_stage_id (deal, stage);
  affari_deal_set_company_id (deal, company);
  affari_deal_set_amount (deal, amount);
  affari_deal_set_is_manual_amount (deal, TRUE);
  affari_deal_set_currency (deal, currency);
  g_assert_true (affari_store_create_deal (f->store, deal, &error));
  g_assert_no_error (error);
  if (contact != 0)
    {
      g_assert_true (affari_store_set_deal_contacts (f->store, affari_deal_get_id (deal), &contact, 1, contact, &error));
      g_assert_no_error (error);
    }
  affari_store_set_now (f->store, f->today);
  return affari_deal_get_id (deal);
}

static gint64
add_company (Fixture    *f,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariCompany) company = affari_company_new (name);
  gint64 id = affari_store_create_company (f->store, company, &error);

  g_assert_no_error (error);
  return id;
}

static gint64
add_contact (Fixture    *f,
             const char *first,
             const char *last)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariContact) contact = affari_contact_new (first, last);
  gint64 id = affari_store_create_contact (f->store, contact, &error);

  g_assert_no_error (error);
  return id;
}

/* @n clients drawn from the model, each purchase a won deal of € 1,000 × (client's number + 1). */
static void
simulate (Fixture *f,
          guint    n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2005);

  g_array_set_size (f->customers, n);
  affari_bgnbd_simulate (&truth, n, 120, 900, rand, (AffariBgnbdCustomer *) f->customers->data);
  g_assert_true (affari_store_begin_batch (f->store, &error));
  for (guint i = 0; i < n; i++)
    {
      AffariBgnbdCustomer *c = &g_array_index (f->customers, AffariBgnbdCustomer, i);
      g_autofree char *name = g_strdup_printf ("Cliente %03u S.r.l.", i);
      gint64 company = add_company (f, name);
      int first = (int) floor (c->T);
      int last = first - (int) floor (c->t_x);

      g_array_append_val (f->companies, company);
      add_deal (f, company, 0, first, f->won, 100000, "EUR");
      /* Between the first and the last purchase the others fall anywhere (Poisson). */
      for (guint k = 1; k < (guint) c->x; k++)
        add_deal (f, company, 0, first - g_rand_int_range (rand, 0, MAX (1, first - last)), f->won, 100000, "EUR");
      if (c->x > 0)
        add_deal (f, company, 0, last, f->won, 100000, "EUR");
    }
  g_assert_true (affari_store_end_batch (f->store, TRUE, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) noon = g_date_time_new_local (2026, 11, 18, 12, 0, 0);
  GDate day;

  f->dir = g_dir_make_tmp ("affari-forecast-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "affari.db", NULL);
  f->store = affari_store_open (f->path, &error);
  g_assert_no_error (error);
  f->today = g_date_time_to_unix (noon);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 18, 11, 2026);
  f->today_julian = g_date_get_julian (&day);
  affari_store_set_now (f->store, f->today);
  f->ops = affari_deal_ops_new (f->store);
  f->pipeline = affari_store_get_default_pipeline_id (f->store);
  f->won = affari_store_find_stage (f->store, f->pipeline, AFFARI_SEMANTICS_SUCCESS);
  f->lost = affari_store_find_stage (f->store, f->pipeline, AFFARI_SEMANTICS_FAILURE);
  f->open = affari_store_find_stage (f->store, f->pipeline, AFFARI_SEMANTICS_PROCESS);
  f->companies = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->customers = g_array_new (FALSE, FALSE, sizeof (AffariBgnbdCustomer));
  g_assert_cmpint (f->won, >, 0);
  g_assert_cmpint (f->open, >, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_array_unref (f->companies);
  g_array_unref (f->customers);
  g_assert_finalize_object (f->ops);
  affari_store_close (f->store);
  g_assert_finalize_object (f->store);
  affari_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static AffariForecastClient *
find_client (AffariForecast *forecast,
             gint64          company,
             gint64          contact)
{
  GListModel *clients = affari_forecast_get_clients (forecast);

  for (guint i = 0; i < g_list_model_get_n_items (clients); i++)
    {
      g_autoptr(AffariForecastClient) client = g_list_model_get_item (clients, i);

      if (affari_forecast_client_get_company_id (client) == company && affari_forecast_client_get_contact_id (client) == contact)
        return client;   /* the forecast keeps it alive */
    }
  return NULL;
}

/* Companies, else the primary contact; a deal with neither is nobody's; amounts in the base
 * currency; same-day wins are one purchase; lost deals are no purchase. */
static void
test_client_rule (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  gint64 company = add_company (f, "Rossi Arredamenti S.p.A.");
  gint64 contact = add_contact (f, "Giulia", "Esposito");
  gint64 other_contact = add_contact (f, "Marco", "Ferri");
  AffariStoreForecastClient *by_company = NULL, *by_contact = NULL;

  /* USD may already be listed: then only its rate is set. */
  affari_store_add_currency (f->store, "USD", "Dollaro", NULL);
  g_assert_true (affari_store_set_currency_rate (f->store, "USD", "0,5000", &error));
  g_assert_no_error (error);
  add_deal (f, company, other_contact, 100, f->won, 100000, "EUR");
  add_deal (f, company, 0, 100, f->won, 100000, "USD");      /* same day: one purchase, € 500 */
  add_deal (f, company, 0, 40, f->won, 300000, "EUR");
  add_deal (f, company, 0, 20, f->lost, 900000, "EUR");
  add_deal (f, 0, contact, 60, f->won, 50000, "EUR");
  add_deal (f, 0, 0, 50, f->won, 70000, "EUR");               /* nobody's */
  add_deal (f, company, 0, 5, f->won, 100000, "EUR");         /* after the cut-off below */

  clients = affari_store_forecast_clients (f->store, "2026-11-01", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, 2);
  for (guint i = 0; i < clients->len; i++)
    {
      AffariStoreForecastClient *c = g_ptr_array_index (clients, i);

      if (c->company_id == company)
        by_company = c;
      if (c->contact_id == contact)
        by_contact = c;
    }
  g_assert_nonnull (by_company);
  g_assert_nonnull (by_contact);
  g_assert_cmpstr (by_company->name, ==, "Rossi Arredamenti S.p.A.");
  g_assert_cmpstr (by_contact->name, ==, "Giulia Esposito");
  g_assert_cmpuint (by_company->days->len, ==, 2);
  g_assert_cmpuint (g_array_index (by_company->days, guint32, 1) - g_array_index (by_company->days, guint32, 0), ==, 60);
  g_assert_cmpuint (by_company->won_deals, ==, 3);
  g_assert_cmpint (by_company->won_total, ==, 100000 + 50000 + 300000);
  g_assert_cmpuint (by_contact->days->len, ==, 1);
  g_assert_false (by_company->has_open);
}

static void
test_too_little_data (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariForecast) forecast = NULL;

  simulate (f, 30);
  forecast = affari_forecast_compute (f->store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (affari_forecast_is_sufficient (forecast));
  g_assert_cmpuint (affari_forecast_get_n_clients (forecast), ==, 30);
  g_assert_cmpuint (g_list_model_get_n_items (affari_forecast_get_clients (forecast)), ==, 0);
  /* In Italian, with the numbers. */
  g_assert_nonnull (strstr (affari_forecast_get_message (forecast), "Lo storico è troppo breve"));
  g_assert_nonnull (strstr (affari_forecast_get_message (forecast), "clienti con affari vinti 30"));
}

static void
test_fit_and_ranking (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariForecast) forecast = NULL;
  const AffariBgnbdFit *fit;
  GListModel *clients;
  double previous = INFINITY;
  gint64 busy, open_company;

  simulate (f, N_SIMULATED);
  /* Clients with an open deal get no proposal, but count in the fit. */
  busy = g_array_index (f->companies, gint64, 0);
  add_deal (f, busy, 0, 3, f->open, 100000, "EUR");
  open_company = add_company (f, "Solo Aperto S.r.l.");
  add_deal (f, open_company, 0, 3, f->open, 100000, "EUR");

  forecast = affari_forecast_compute (f->store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (affari_forecast_is_sufficient (forecast));
  g_assert_cmpuint (affari_forecast_get_n_clients (forecast), ==, N_SIMULATED);
  fit = affari_forecast_get_fit (forecast);
  g_test_message ("r=%.3f alpha=%.2f a=%.3f b=%.3f ll=%.2f", fit->params.r, fit->params.alpha,
                  fit->params.a, fit->params.b, fit->ll);
  /* The parameters drawn from come back roughly (200 clients), the purchase rate r/α closely. */
  g_assert_cmpfloat (fabs (fit->params.r - truth.r), <, 0.25 * truth.r);
  g_assert_cmpfloat (fabs (fit->params.alpha - truth.alpha), <, 0.25 * truth.alpha);
  g_assert_cmpfloat (fabs (fit->params.a - truth.a), <, 0.5 * truth.a);
  g_assert_cmpfloat (fabs (fit->params.b - truth.b), <, 0.5 * truth.b);
  g_assert_cmpfloat (fabs (fit->params.r / fit->params.alpha - truth.r / truth.alpha), <, 0.35 * truth.r / truth.alpha);
  g_assert_cmpfloat (fabs (affari_bgnbd_expected_purchases (&fit->params, 365) - affari_bgnbd_expected_purchases (&truth, 365)),
                     <, 0.3 * affari_bgnbd_expected_purchases (&truth, 365));

  clients = affari_forecast_get_clients (forecast);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, N_SIMULATED - 1);
  g_assert_null (find_client (forecast, busy, 0));
  g_assert_null (find_client (forecast, open_company, 0));
  for (guint i = 0; i < g_list_model_get_n_items (clients); i++)
    {
      g_autoptr(AffariForecastClient) client = g_list_model_get_item (clients, i);
      double value = affari_forecast_client_get_expected_value (client, 90);
      double e30 = affari_forecast_client_get_expected (client, 30);
      double e365 = affari_forecast_client_get_expected (client, 365);

      g_assert_cmpfloat (value, <=, previous);
      previous = value;
      g_assert_cmpfloat (e30, <=, affari_forecast_client_get_expected (client, 90));
      g_assert_cmpfloat (affari_forecast_client_get_expected (client, 90), <=, e365);
      g_assert_cmpfloat (affari_forecast_client_get_p_alive (client), >=, 0);
      g_assert_cmpfloat (affari_forecast_client_get_p_alive (client), <=, 1);
      g_assert_cmpint (affari_forecast_client_get_mean_amount (client), ==, 100000);
    }
  /* Another horizon, another order, same clients. */
  affari_forecast_rank (forecast, 365);
  previous = INFINITY;
  for (guint i = 0; i < g_list_model_get_n_items (clients); i++)
    {
      g_autoptr(AffariForecastClient) client = g_list_model_get_item (clients, i);
      double value = affari_forecast_client_get_expected_value (client, 365);

      g_assert_cmpfloat (value, <=, previous);
      previous = value;
    }
}

static void
test_reason (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariForecast) forecast = NULL;
  AffariForecastClient *regular, *once;
  gint64 company, contact;

  simulate (f, N_SIMULATED);
  /* Bought 4 times, every 94 days, the last 120 days ago. */
  company = add_company (f, "Ferramenta Bruno S.n.c.");
  for (int k = 0; k < 4; k++)
    add_deal (f, company, 0, 120 + 94 * k, f->won, 250000, "EUR");
  contact = add_contact (f, "Anna", "Galli");
  add_deal (f, 0, contact, 1, f->won, 80000, "EUR");

  forecast = affari_forecast_compute (f->store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  regular = find_client (forecast, company, 0);
  once = find_client (forecast, 0, contact);
  g_assert_nonnull (regular);
  g_assert_nonnull (once);
  g_assert_cmpuint (affari_forecast_client_get_purchases (regular), ==, 4);
  g_assert_cmpint (affari_forecast_client_get_mean_amount (regular), ==, 250000);
  {
    g_autofree char *expected = g_strdup_printf ("compra circa ogni 94 giorni, l'ultima volta 120 giorni fa, probabilità attivo %d %%",
                                                 (int) floor (affari_forecast_client_get_p_alive (regular) * 100 + 0.5));

    g_assert_cmpstr (affari_forecast_client_get_reason (regular), ==, expected);
  }
  g_assert_cmpstr (affari_forecast_client_get_reason (once), ==,
                   "ha comprato una volta, l'ultima volta 1 giorno fa, nessun riacquisto finora");
  g_assert_cmpstr (affari_forecast_client_get_name (once), ==, "Anna Galli");
  /* Shown as a dash, not the model's 100 %, for the one who bought once. */
  {
    g_autofree char *dash = affari_forecast_client_format_p_alive (once);
    g_autofree char *percent = affari_forecast_client_format_p_alive (regular);
    g_autofree char *expected = g_strdup_printf ("%d %%", (int) floor (affari_forecast_client_get_p_alive (regular) * 100 + 0.5));

    g_assert_cmpstr (dash, ==, "—");
    g_assert_cmpstr (percent, ==, expected);
  }
}

static void
test_create_deals (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariForecast) forecast = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  g_autoptr(AffariForecastClient) first = NULL;
  g_autoptr(AffariForecastClient) second = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  AffariForecastClient *chosen[3];
  gint64 contact, member, second_pipeline;

  simulate (f, N_SIMULATED);
  member = affari_store_add_team_member (f->store, "Luca Neri", "luca@example.com", &error);
  g_assert_no_error (error);
  contact = add_contact (f, "Paolo", "Conti");
  {
    g_autoptr(AffariDeal) deal = NULL;
    gint64 id = add_deal (f, 0, contact, 30, f->won, 120000, "EUR");

    deal = affari_store_get_deal (f->store, id, &error);
    affari_deal_set_assigned_by_id (deal, member);
    g_assert_true (affari_store_update_deal (f->store, deal, &error));
    g_assert_no_error (error);
  }
  second_pipeline = affari_store_create_pipeline (f->store, "Rinnovi", &error);
  g_assert_no_error (error);
  stages = affari_store_list_stages (f->store, second_pipeline, &error);

  forecast = affari_forecast_compute (f->store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (affari_forecast_get_clients (forecast), 0);
  second = g_list_model_get_item (affari_forecast_get_clients (forecast), 1);
  chosen[0] = first;
  chosen[1] = second;
  chosen[2] = find_client (forecast, 0, contact);
  g_assert_nonnull (chosen[2]);
  before = affari_store_forecast_clients (f->store, "2026-11-18", NULL, NULL, &error);

  set = affari_forecast_create_deals (f->ops, f->store, chosen, 3, second_pipeline, &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
  g_assert_cmpuint (affari_change_set_get_n_deals (set), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      gint64 id = affari_change_set_get_deal (set, i)->deal_id;
      g_autoptr(AffariDeal) deal = affari_store_get_deal (f->store, id, &error);
      g_autofree char *title = g_strdup_printf ("Vendita ricorrente – %s", affari_forecast_client_get_name (chosen[i]));

      g_assert_no_error (error);
      g_assert_cmpstr (affari_deal_get_source_id (deal), ==, "REPEAT_SALE");
      g_assert_cmpint (affari_deal_get_pipeline_id (deal), ==, second_pipeline);
      g_assert_cmpint (affari_deal_get_stage_id (deal), ==, affari_stage_get_id (g_ptr_array_index (stages, 0)));
      g_assert_cmpstr (affari_deal_get_title (deal), ==, title);
      g_assert_cmpint (affari_deal_get_company_id (deal), ==, affari_forecast_client_get_company_id (chosen[i]));
      g_assert_cmpint (affari_deal_get_amount (deal), ==, affari_forecast_client_get_mean_amount (chosen[i]));
      if (i == 2)
        {
          g_autoptr(GPtrArray) contacts = affari_store_list_deal_contacts (f->store, id, &error);

          g_assert_cmpuint (contacts->len, ==, 1);
          g_assert_cmpint (affari_contact_get_id (g_ptr_array_index (contacts, 0)), ==, contact);
          g_assert_cmpint (affari_deal_get_assigned_by_id (deal), ==, member);
        }
    }
  /* Now they have an open deal: no more proposals for them. */
  {
    g_autoptr(AffariForecast) again = affari_forecast_compute (f->store, NULL, NULL, NULL, &error);

    g_assert_null (find_client (again, 0, contact));
    g_assert_cmpuint (g_list_model_get_n_items (affari_forecast_get_clients (again)), ==,
                      g_list_model_get_n_items (affari_forecast_get_clients (forecast)) - 3);
  }
  /* One step of the undo history takes all three away. */
  g_assert_true (affari_deal_ops_can_undo (f->ops));
  g_assert_true (affari_deal_ops_undo (f->ops, &error));
  g_assert_no_error (error);
  g_assert_false (affari_deal_ops_can_undo (f->ops));
  after = affari_store_forecast_clients (f->store, "2026-11-18", NULL, NULL, &error);
  g_assert_cmpuint (after->len, ==, before->len);
  {
    g_autoptr(AffariForecast) undone = affari_forecast_compute (f->store, NULL, NULL, NULL, &error);

    g_assert_nonnull (find_client (undone, 0, contact));
  }

  /* A pipeline without stages in progress is refused, nothing is written. */
  g_clear_object (&set);
  set = affari_forecast_create_deals (f->ops, f->store, chosen, 0, second_pipeline, &error);
  g_assert_null (set);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
}

static void
test_holdout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariForecast) check = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autofree char *cutoff = NULL;
  const AffariForecastHoldout *h;
  double actual = 0, sum_predicted = 0;
  guint sum_clients = 0;
  guint32 cut;

  simulate (f, N_SIMULATED);
  cutoff = affari_forecast_default_cutoff (f->store);
  g_assert_nonnull (cutoff);
  check = affari_forecast_check (f->store, cutoff, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (affari_forecast_is_sufficient (check));
  h = affari_forecast_get_holdout (check);
  g_assert_nonnull (h);
  g_assert_cmpstr (h->cutoff, ==, cutoff);
  g_assert_cmpstr (h->end, ==, "2026-11-18");
  g_test_message ("cut-off %s: predicted %.1f, actual %.0f", h->cutoff, h->predicted_total, h->actual_total);

  /* The actual figure counted here independently: won days after the cut-off of the clients
   * who had bought before it. */
  {
    unsigned y, m, d;
    GDate date;

    g_assert_cmpint (sscanf (cutoff, "%4u-%2u-%2u", &y, &m, &d), ==, 3);
    g_date_clear (&date, 1);
    g_date_set_dmy (&date, d, m, y);
    cut = g_date_get_julian (&date);
  }
  clients = affari_store_forecast_clients (f->store, "2026-11-18", NULL, NULL, &error);
  for (guint i = 0; i < clients->len; i++)
    {
      AffariStoreForecastClient *c = g_ptr_array_index (clients, i);

      if (c->days->len == 0 || g_array_index (c->days, guint32, 0) > cut)
        continue;
      for (guint k = 0; k < c->days->len; k++)
        if (g_array_index (c->days, guint32, k) > cut)
          actual++;
    }
  g_assert_cmpfloat (h->actual_total, ==, actual);
  g_assert_cmpfloat (h->actual_total, >, 0);
  for (guint i = 0; i < AFFARI_FORECAST_BUCKETS; i++)
    {
      sum_clients += h->clients[i];
      sum_predicted += h->predicted[i];
    }
  g_assert_cmpfloat_with_epsilon (sum_predicted, h->predicted_total, 1e-6);
  g_assert_cmpuint (sum_clients, ==, affari_forecast_get_n_clients (check));
  /* Drawn from the model itself: the prediction is within a third of what happened. */
  g_assert_cmpfloat (fabs (h->predicted_total - h->actual_total), <, h->actual_total / 3);

  /* A cut-off that is not before today is refused. */
  g_clear_object (&check);
  check = affari_forecast_check (f->store, "2026-11-18", NULL, NULL, NULL, &error);
  g_assert_null (check);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
}

typedef struct {
  GMainLoop *loop;
  AffariForecast *forecast;
  GError *error;
  guint progress_calls;
  double last_fraction;
} AsyncResult;

static void
on_progress (double   fraction,
             gpointer data)
{
  AsyncResult *r = data;

  g_assert_cmpfloat (fraction, >=, r->last_fraction);
  r->last_fraction = fraction;
  r->progress_calls++;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  AsyncResult *r = data;

  r->forecast = affari_forecast_run_finish (result, &r->error);
  g_main_loop_quit (r->loop);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariForecast) direct = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncResult r = { g_main_loop_new (NULL, FALSE), NULL, NULL, 0, 0 };

  simulate (f, N_SIMULATED);
  direct = affari_forecast_compute (f->store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* In a thread with its own connection: the same figures. */
  affari_forecast_run_async (f->store, NULL, on_progress, &r, NULL, on_done, &r);
  g_main_loop_run (r.loop);
  g_assert_no_error (r.error);
  g_assert_nonnull (r.forecast);
  g_assert_cmpfloat (affari_forecast_get_fit (r.forecast)->ll, ==, affari_forecast_get_fit (direct)->ll);
  g_assert_cmpuint (g_list_model_get_n_items (affari_forecast_get_clients (r.forecast)), ==,
                    g_list_model_get_n_items (affari_forecast_get_clients (direct)));
  g_assert_cmpuint (r.progress_calls, >, 0);
  g_clear_object (&r.forecast);

  /* Cancelled before it could finish: an error, no forecast, no more progress. */
  r.progress_calls = 0;
  r.last_fraction = 0;
  g_cancellable_cancel (cancellable);
  affari_forecast_run_async (f->store, NULL, on_progress, &r, cancellable, on_done, &r);
  g_main_loop_run (r.loop);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (r.forecast);
  g_assert_cmpuint (r.progress_calls, ==, 0);
  g_clear_error (&r.error);
  g_main_loop_unref (r.loop);
}

int
main (int argc, char *argv[])
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/forecast/client-rule", test_client_rule);
  ADD ("/forecast/too-little-data", test_too_little_data);
  ADD ("/forecast/fit-and-ranking", test_fit_and_ranking);
  ADD ("/forecast/reason", test_reason);
  ADD ("/forecast/create-deals", test_create_deals);
  ADD ("/forecast/holdout", test_holdout);
  ADD ("/forecast/async", test_async);
#undef ADD
  return g_test_run ();
}
