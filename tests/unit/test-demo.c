/* test-demo.c — the sample data, as a user trying the app would notice it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-test"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "model/affari-i18n.h"
#include "store/affari-store.h"
#include "io/affari-demo.h"

#define N_DEALS 2000
#define SEED    20261127u

static char *tmp_dir;
static GPtrArray *open_stores;     /* closed at the end */
static AffariStore *demo_store;    /* N_DEALS deals from SEED, shared by the read-only tests */

static AffariStore *
open_new_store (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  AffariStore *store = affari_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_ptr_array_add (open_stores, store);
  return store;
}

static AffariStore *
generate (const char *name,
          guint       n_deals,
          guint32     seed)
{
  AffariStore *store = open_new_store (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (affari_demo_generate (store, n_deals, seed, &error));
  g_assert_no_error (error);
  return store;
}

static AffariStore *
get_demo_store (void)
{
  if (demo_store == NULL)
    demo_store = generate ("demo.db", N_DEALS, SEED);
  return demo_store;
}

/* Every deal outside the trash, in the store's default order. */
static GPtrArray *
load_all_deals (AffariStore *store)
{
  AffariDealQuery query = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = affari_store_query_deal_ids (store, &query, &error);
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  for (guint offset = 0; offset < ids->len; offset += 500)
    {
      guint n = MIN (500, ids->len - offset);
      g_autoptr(GPtrArray) page = affari_store_load_deals (store, &g_array_index (ids, gint64, offset), n, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, ==, n);
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (all, g_object_ref (g_ptr_array_index (page, i)));
    }

  return all;
}

static guint
count (AffariStore           *store,
       const AffariDealQuery *query)
{
  g_autoptr(GError) error = NULL;
  guint n = affari_store_count_deals (store, query, &error);

  g_assert_no_error (error);
  return n;
}

static gint64
local_midnight (int days_from_today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now),
                                                         g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) day = g_date_time_add_days (midnight, days_from_today);

  return g_date_time_to_unix (day);
}

/* ---- tests ---- */

static void
test_all_deals_made (void)
{
  AffariStore *store = get_demo_store ();
  AffariDealQuery query = { 0 };

  g_assert_cmpuint (count (store, &query), ==, N_DEALS);
}

static void
test_pipelines (void)
{
  AffariStore *store = get_demo_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pipelines = affari_store_list_pipelines (store, &error);
  gint64 default_id = affari_store_get_default_pipeline_id (store);
  gint64 renewals_id = 0;
  guint n_default = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (pipelines->len, ==, 2);

  for (guint i = 0; i < pipelines->len; i++)
    {
      AffariPipeline *pipeline = g_ptr_array_index (pipelines, i);

      if (affari_pipeline_get_is_default (pipeline))
        {
          n_default++;
          g_assert_cmpint (affari_pipeline_get_id (pipeline), ==, default_id);
        }
      else
        {
          /* In the user's language: "Rinnovi" in Italian. */
          g_assert_cmpstr (affari_pipeline_get_name (pipeline), ==, _("Renewals"));
          renewals_id = affari_pipeline_get_id (pipeline);
        }
    }

  g_assert_cmpuint (n_default, ==, 1);
  g_assert_cmpint (renewals_id, >, 0);

  /* Both pipelines have deals, most in the default one. */
  {
    AffariDealQuery query = { 0 };
    guint in_default;
    guint in_renewals;

    query.pipeline_id = default_id;
    in_default = count (store, &query);
    query.pipeline_id = renewals_id;
    in_renewals = count (store, &query);

    g_assert_cmpuint (in_renewals, >, N_DEALS / 10);
    g_assert_cmpuint (in_default, >, in_renewals);
    g_assert_cmpuint (in_default + in_renewals, ==, N_DEALS);
  }
}

static void
test_every_stage_has_deals (void)
{
  AffariStore *store = get_demo_store ();
  g_autoptr(GError) error = NULL;
  gint64 default_id = affari_store_get_default_pipeline_id (store);
  g_autoptr(GPtrArray) stages = affari_store_list_stages (store, default_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (stages->len, ==, 8);

  for (guint i = 0; i < stages->len; i++)
    {
      AffariStage *stage = g_ptr_array_index (stages, i);
      AffariDealQuery query = { 0 };

      query.pipeline_id = default_id;
      query.stage_id = affari_stage_get_id (stage);
      if (count (store, &query) == 0)
        g_error ("no sample deal in the stage %s", affari_stage_get_code (stage));
    }
}

static void
test_won_and_lost_are_closed (void)
{
  AffariStore *store = get_demo_store ();
  g_autoptr(GPtrArray) deals = load_all_deals (store);
  guint n[3] = { 0, 0, 0 };

  for (guint i = 0; i < deals->len; i++)
    {
      AffariDeal *deal = g_ptr_array_index (deals, i);
      AffariSemantics semantics = affari_deal_get_semantics (deal);

      switch (semantics)
        {
        case AFFARI_SEMANTICS_PROCESS:
        case AFFARI_SEMANTICS_SUCCESS:
        case AFFARI_SEMANTICS_FAILURE:
          n[semantics]++;
          break;
        default:
          g_assert_not_reached ();
        }
      if (semantics == AFFARI_SEMANTICS_PROCESS)
        g_assert_false (affari_deal_get_closed (deal));
      else
        g_assert_true (affari_deal_get_closed (deal));
    }

  /* About 20 % won, 15 % lost, the rest in progress. */
  g_assert_cmpuint (n[AFFARI_SEMANTICS_SUCCESS], >, N_DEALS * 14 / 100);
  g_assert_cmpuint (n[AFFARI_SEMANTICS_SUCCESS], <, N_DEALS * 26 / 100);
  g_assert_cmpuint (n[AFFARI_SEMANTICS_FAILURE], >, N_DEALS * 10 / 100);
  g_assert_cmpuint (n[AFFARI_SEMANTICS_FAILURE], <, N_DEALS * 20 / 100);
  g_assert_cmpuint (n[AFFARI_SEMANTICS_PROCESS], >, N_DEALS / 2);

  /* The same through a query, as the board's filters ask. */
  {
    AffariDealQuery query = { 0 };

    query.closed = AFFARI_CLOSED_CLOSED_ONLY;
    g_assert_cmpuint (count (store, &query), ==, n[AFFARI_SEMANTICS_SUCCESS] + n[AFFARI_SEMANTICS_FAILURE]);
  }
}

static void
test_amounts (void)
{
  AffariStore *store = get_demo_store ();
  g_autoptr(GPtrArray) deals = load_all_deals (store);
  guint with_rows = 0;
  guint foreign = 0;

  for (guint i = 0; i < deals->len; i++)
    {
      AffariDeal *deal = g_ptr_array_index (deals, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) rows = affari_store_list_product_rows (store, affari_deal_get_id (deal), &error);
      gint64 sum = 0;

      g_assert_no_error (error);
      g_assert_cmpint (affari_deal_get_amount (deal), >, 0);
      if (!g_str_equal (affari_deal_get_currency (deal), "EUR"))
        foreign++;

      if (rows->len == 0)
        {
          g_assert_true (affari_deal_get_is_manual_amount (deal));
          continue;
        }

      with_rows++;
      for (guint r = 0; r < rows->len; r++)
        {
          AffariProductRow *row = &g_array_index (rows, AffariProductRow, r);

          g_assert_cmpint (row->row_total, >, 0);
          g_assert_cmpint (row->quantity_milli, >=, 1000);
          sum += row->row_total;
        }

      g_assert_false (affari_deal_get_is_manual_amount (deal));
      g_assert_cmpint (affari_deal_get_amount (deal), ==, sum);
      g_assert_cmpstr (affari_deal_get_currency (deal), ==, "EUR");
    }

  /* About half the deals are priced from the catalogue; a few are in dollars or francs. */
  g_assert_cmpuint (with_rows, >, N_DEALS * 35 / 100);
  g_assert_cmpuint (with_rows, <, N_DEALS * 60 / 100);
  g_assert_cmpuint (foreign, >, 0);
  g_assert_cmpuint (foreign, <, N_DEALS / 10);
}

static void
test_activities (void)
{
  AffariStore *store = get_demo_store ();
  g_autoptr(GPtrArray) deals = load_all_deals (store);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 today = local_midnight (0);
  gint64 tomorrow = local_midnight (1);
  guint overdue = 0, due_today = 0, later = 0, done = 0;
  guint open_deals = 0, open_with_plans = 0;

  for (guint i = 0; i < deals->len; i++)
    {
      AffariDeal *deal = g_ptr_array_index (deals, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) activities = affari_store_list_activities (store, affari_deal_get_id (deal), &error);
      gboolean planned = FALSE;

      g_assert_no_error (error);

      for (guint a = 0; a < activities->len; a++)
        {
          AffariActivity *activity = g_ptr_array_index (activities, a);
          gint64 deadline = affari_activity_get_deadline (activity);

          g_assert_cmpstr (affari_activity_get_subject (activity), !=, "");
          g_assert_cmpint (affari_activity_get_responsible_id (activity), ==, affari_deal_get_assigned_by_id (deal));

          if (affari_activity_get_completed (activity))
            {
              done++;
              continue;
            }

          /* Closed deals have nothing left to do. */
          g_assert_false (affari_deal_get_closed (deal));
          planned = TRUE;

          if (deadline >= today && deadline < tomorrow)
            due_today++;
          else if (deadline < now)
            overdue++;
          else
            later++;
        }

      if (!affari_deal_get_closed (deal))
        {
          open_deals++;
          if (planned)
            open_with_plans++;
        }
    }

  g_assert_cmpuint (overdue, >, 0);
  g_assert_cmpuint (due_today, >, 0);
  g_assert_cmpuint (later, >, overdue);
  g_assert_cmpuint (done, >, 0);
  /* About 70 % of the open deals have something planned. */
  g_assert_cmpuint (open_with_plans, >, open_deals * 55 / 100);
  g_assert_cmpuint (open_with_plans, <, open_deals * 85 / 100);
}

static void
test_history (void)
{
  AffariStore *store = get_demo_store ();
  g_autoptr(GPtrArray) deals = load_all_deals (store);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n_sampled = 0, n_events = 0, with_several = 0, comments = 0, stage_moves = 0;

  for (guint i = 0; i < deals->len; i += 7)
    {
      AffariDeal *deal = g_ptr_array_index (deals, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) events = affari_store_list_events (store, affari_deal_get_id (deal), &error);
      gint64 created = affari_deal_get_date_create (deal);

      g_assert_no_error (error);
      g_assert_cmpuint (events->len, >, 0);
      n_sampled++;
      n_events += events->len;
      if (events->len >= 3)
        with_several++;

      /* A past that happened: after the deal was made, before now. Most deals are from the
       * last 600 days; the purchases of yearly buyers (affari-demo-history.c) go back two
       * years, plus the weeks the deal took. */
      g_assert_cmpint (created, <, now);
      g_assert_cmpint (created, >, now - (2 * 365 + 100) * 24 * 3600);
      for (guint e = 0; e < events->len; e++)
        {
          AffariEvent *event = g_ptr_array_index (events, e);

          g_assert_cmpint (affari_event_get_time (event), >=, created);
          g_assert_cmpint (affari_event_get_time (event), <=, now);
          g_assert_nonnull (affari_event_get_text (event));
          if (e > 0)  /* newest first */
            g_assert_cmpint (affari_event_get_time (event), <=,
                             affari_event_get_time (g_ptr_array_index (events, e - 1)));

          if (affari_event_get_kind (event) == AFFARI_EVENT_COMMENT)
            comments++;
          if (affari_event_get_kind (event) == AFFARI_EVENT_STAGE)
            stage_moves++;
        }

      if (affari_deal_get_closed (deal))
        g_assert_cmpint (affari_deal_get_moved_time (deal), >, created);
    }

  g_assert_cmpuint (n_events, >=, 3 * n_sampled);
  g_assert_cmpuint (with_several, >, n_sampled / 2);
  g_assert_cmpuint (comments, >, 0);
  g_assert_cmpuint (stage_moves, >, n_sampled / 2);
}

static gboolean
has_legal_form (const char *name)
{
  static const char * const forms[] = { "S.r.l.", "S.r.l.s.", "S.p.A.", "S.n.c.", "S.a.s." };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    if (strstr (name, forms[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_clients (void)
{
  AffariStore *store = get_demo_store ();
  g_autoptr(GPtrArray) deals = load_all_deals (store);
  g_autoptr(GHashTable) companies = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint with_company = 0;
  guint checked = 0;

  for (guint i = 0; i < deals->len; i++)
    {
      AffariDeal *deal = g_ptr_array_index (deals, i);
      const char *company_name = affari_deal_get_company_name (deal);

      /* Every deal has a client shown on its card, and its title names it. */
      g_assert_nonnull (affari_deal_get_client_name (deal));
      g_assert_nonnull (strstr (affari_deal_get_title (deal), " — "));

      if (affari_deal_get_company_id (deal) == 0)
        continue;

      with_company++;
      g_assert_nonnull (company_name);
      if (!has_legal_form (company_name))
        g_error ("“%s” does not look like an Italian company name", company_name);
      g_hash_table_add (companies, g_memdup2 (&(gint64) { affari_deal_get_company_id (deal) }, sizeof (gint64)));

      if (checked < 25)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(AffariCompany) company = affari_store_get_company (store, affari_deal_get_company_id (deal), &error);
          g_autoptr(GPtrArray) contacts = affari_store_list_deal_contacts (store, affari_deal_get_id (deal), &error);

          g_assert_no_error (error);
          g_assert_true (g_str_has_prefix (affari_company_get_phone (company), "+39 "));
          g_assert_cmpstr (affari_company_get_city (company), !=, "");
          g_assert_nonnull (strchr (affari_company_get_email (company), '@'));
          g_assert_true (g_str_has_prefix (affari_company_get_vat_id (company), "IT"));
          g_assert_cmpuint (strlen (affari_company_get_vat_id (company)), ==, 13);

          g_assert_cmpuint (contacts->len, >=, 1);
          for (guint c = 0; c < contacts->len; c++)
            g_assert_cmpint (affari_contact_get_company_id (g_ptr_array_index (contacts, c)), ==,
                             affari_deal_get_company_id (deal));
          checked++;
        }
    }

  g_assert_cmpuint (with_company, >, N_DEALS * 85 / 100);
  g_assert_cmpuint (with_company, <, N_DEALS);   /* a few private people */
  /* About N/4 companies, some with many deals. */
  g_assert_cmpuint (g_hash_table_size (companies), >, N_DEALS / 8);
  g_assert_cmpuint (g_hash_table_size (companies), <=, N_DEALS / 4);
}

static void
test_team (void)
{
  AffariStore *store = get_demo_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) team = affari_store_list_team (store, &error);
  g_autoptr(GPtrArray) deals = load_all_deals (store);
  g_autoptr(GHashTable) responsible = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 current = affari_store_get_current_user (store);
  gboolean current_in_team = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (team->len, >=, 6);
  for (guint i = 0; i < team->len; i++)
    if (affari_team_member_get_id (g_ptr_array_index (team, i)) == current)
      current_in_team = TRUE;
  g_assert_true (current_in_team);

  for (guint i = 0; i < deals->len; i++)
    {
      AffariDeal *deal = g_ptr_array_index (deals, i);
      gint64 id = affari_deal_get_assigned_by_id (deal);

      g_assert_nonnull (affari_deal_get_assigned_name (deal));
      g_hash_table_add (responsible, g_memdup2 (&id, sizeof id));
    }
  g_assert_cmpuint (g_hash_table_size (responsible), >=, 6);
}

static void
test_repeat_deals (void)
{
  AffariStore *store = get_demo_store ();
  g_autoptr(GPtrArray) deals = load_all_deals (store);
  guint repeat = 0;

  for (guint i = 0; i < deals->len; i++)
    if (affari_deal_get_is_return_customer (g_ptr_array_index (deals, i)))
      repeat++;

  /* Key accounts buy again: the store marks their later deals as repeat deals. */
  g_assert_cmpuint (repeat, >, N_DEALS / 20);
  g_assert_cmpuint (repeat, <, N_DEALS);
}

static void
test_check_passes (void)
{
  AffariStore *store = get_demo_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gboolean ok = affari_store_check (store, &problems, &error);

  g_assert_no_error (error);
  if (problems != NULL)
    for (guint i = 0; i < problems->len; i++)
      g_printerr ("problem: %s\n", (const char *) g_ptr_array_index (problems, i));
  g_assert_true (problems == NULL || problems->len == 0);
  g_assert_true (ok);
}

static void
test_clock_restored (void)
{
  AffariStore *store = get_demo_store ();
  gint64 real = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_cmpint (ABS (affari_store_now (store) - real), <, 60);
}

static GPtrArray *
first_deals (AffariStore *store)
{
  AffariDealQuery query = { 0 };
  g_autoptr(GError) error = NULL;
  GPtrArray *deals = affari_store_query_deals (store, &query, 0, N_DEALS, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (deals->len, ==, N_DEALS);
  return deals;
}

static void
test_same_seed_same_data (void)
{
  g_autoptr(GPtrArray) a = first_deals (get_demo_store ());
  g_autoptr(GPtrArray) b = first_deals (generate ("same-seed.db", N_DEALS, SEED));
  g_autoptr(GPtrArray) c = first_deals (generate ("other-seed.db", N_DEALS, SEED + 1));
  guint differences = 0;

  for (guint i = 0; i < N_DEALS; i++)
    {
      AffariDeal *x = g_ptr_array_index (a, i);
      AffariDeal *y = g_ptr_array_index (b, i);
      AffariDeal *z = g_ptr_array_index (c, i);

      g_assert_cmpstr (affari_deal_get_title (x), ==, affari_deal_get_title (y));
      g_assert_cmpint (affari_deal_get_amount (x), ==, affari_deal_get_amount (y));
      g_assert_cmpstr (affari_deal_get_currency (x), ==, affari_deal_get_currency (y));
      g_assert_cmpint (affari_deal_get_date_create (x), ==, affari_deal_get_date_create (y));
      g_assert_cmpstr (affari_deal_get_close_date (x), ==, affari_deal_get_close_date (y));

      if (g_strcmp0 (affari_deal_get_title (x), affari_deal_get_title (z)) != 0 ||
          affari_deal_get_amount (x) != affari_deal_get_amount (z))
        differences++;
    }

  /* Another seed is another sales history, not a shuffle of the same few deals. */
  g_assert_cmpuint (differences, >, N_DEALS * 9 / 10);
}

static void
test_second_run_adds (void)
{
  AffariStore *store = generate ("twice.db", 100, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) team = affari_store_list_team (store, &error);
  g_autoptr(GPtrArray) pipelines = affari_store_list_pipelines (store, &error);
  g_autoptr(GPtrArray) products = affari_store_list_products (store, &error);
  g_autoptr(GPtrArray) team_after = NULL;
  g_autoptr(GPtrArray) pipelines_after = NULL;
  g_autoptr(GPtrArray) products_after = NULL;
  AffariDealQuery query = { 0 };

  g_assert_no_error (error);
  g_assert_true (affari_demo_generate (store, 150, 2, &error));
  g_assert_no_error (error);

  /* The deals add up; the team, the pipelines and the catalogue are reused. */
  g_assert_cmpuint (count (store, &query), ==, 250);
  team_after = affari_store_list_team (store, &error);
  pipelines_after = affari_store_list_pipelines (store, &error);
  products_after = affari_store_list_products (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (team_after->len, ==, team->len);
  g_assert_cmpuint (pipelines_after->len, ==, pipelines->len);
  g_assert_cmpuint (products_after->len, ==, products->len);
  g_assert_cmpuint (products->len, >=, 20);
}

static void
test_few_deals (void)
{
  /* Tiny databases still get a handful of companies to choose from. */
  AffariStore *store = generate ("few.db", 3, 5);
  AffariDealQuery query = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_cmpuint (count (store, &query), ==, 3);
  g_assert_true (affari_store_check (store, &problems, &error));
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        g_remove (child);
      }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("affari-test-demo-XXXXXX", &error);
  g_assert_no_error (error);
  open_stores = g_ptr_array_new ();

  g_test_add_func ("/demo/all-deals-made", test_all_deals_made);
  g_test_add_func ("/demo/pipelines", test_pipelines);
  g_test_add_func ("/demo/every-stage-has-deals", test_every_stage_has_deals);
  g_test_add_func ("/demo/won-and-lost-are-closed", test_won_and_lost_are_closed);
  g_test_add_func ("/demo/amounts", test_amounts);
  g_test_add_func ("/demo/activities", test_activities);
  g_test_add_func ("/demo/history", test_history);
  g_test_add_func ("/demo/clients", test_clients);
  g_test_add_func ("/demo/team", test_team);
  g_test_add_func ("/demo/repeat-deals", test_repeat_deals);
  g_test_add_func ("/demo/check-passes", test_check_passes);
  g_test_add_func ("/demo/clock-restored", test_clock_restored);
  g_test_add_func ("/demo/same-seed-same-data", test_same_seed_same_data);
  g_test_add_func ("/demo/second-run-adds", test_second_run_adds);
  g_test_add_func ("/demo/few-deals", test_few_deals);

  status = g_test_run ();

  for (guint i = 0; i < open_stores->len; i++)
    {
      AffariStore *store = g_ptr_array_index (open_stores, i);

      affari_store_close (store);
      g_object_unref (store);
    }
  g_ptr_array_unref (open_stores);
  remove_tree (tmp_dir);
  g_free (tmp_dir);

  return status;
}
