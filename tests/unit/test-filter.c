/* test-filter.c — the filter model: every criterion, combinations, relative dates at month and
 * year boundaries, accents in the search, presets and saved filters
 *
 * Each criterion is checked on a generated database against the same predicate written in C
 * over every deal, so a criterion that filters nothing (or everything) fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "io/affari-demo.h"
#include "model/affari-filter-preset.h"
#include "model/affari-i18n.h"
#include "model/affari-money.h"
#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"

#define N_DEALS 1500

typedef struct {
  AffariStore *store;
  GPtrArray *all;               /* every live deal */
  gint64 pipeline;
} Fixture;

typedef gboolean (*Predicate) (AffariDeal *deal, gconstpointer data);

static gint64
local_time (int y, int m, int d, int h, int min)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (y, m, d, h, min, 0);
  return g_date_time_to_unix (dt);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->store = affari_store_open (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (affari_demo_generate (f->store, N_DEALS, 7, &error));
  g_assert_no_error (error);
  /* The sample is built around today; "now" stays still from here on, so that the relative
   * periods and the predicates below agree even across midnight. */
  affari_store_set_now (f->store, g_get_real_time () / G_USEC_PER_SEC);
  f->all = affari_store_query_deals (f->store, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->all->len, ==, N_DEALS);
  f->pipeline = affari_store_get_default_pipeline_id (f->store);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->all, g_ptr_array_unref);
  g_assert_finalize_object (f->store);
}

static GArray *
ids_of (AffariStore *store, const AffariDealQuery *q)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = affari_store_query_deal_ids (store, q, &error);

  g_assert_no_error (error);
  return ids;
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

/* The store's answer to @q is exactly the deals @match accepts, and neither none nor all. */
static guint
assert_query_matches (Fixture *f, const AffariDealQuery *q, Predicate match, gconstpointer data)
{
  g_autoptr(GArray) got = ids_of (f->store, q);
  g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < f->all->len; i++)
    {
      AffariDeal *deal = g_ptr_array_index (f->all, i);
      if (match (deal, data))
        {
          gint64 id = affari_deal_get_id (deal);
          g_array_append_val (want, id);
        }
    }
  g_array_sort (got, compare_ids);
  g_array_sort (want, compare_ids);
  g_assert_cmpuint (got->len, ==, want->len);
  g_assert_cmpmem (got->data, got->len * sizeof (gint64), want->data, want->len * sizeof (gint64));
  g_assert_cmpuint (got->len, <, f->all->len);
  g_assert_cmpuint (got->len, >, 0);
  return got->len;
}

/* ------------------------------------------------------------ predicates */

static gboolean
in_stages (AffariDeal *deal, gconstpointer data)
{
  const GArray *ids = data;
  for (guint i = 0; i < ids->len; i++)
    if (affari_deal_get_stage_id (deal) == g_array_index (ids, gint64, i))
      return TRUE;
  return FALSE;
}

static gboolean
assigned_in (AffariDeal *deal, gconstpointer data)
{
  const GArray *ids = data;
  for (guint i = 0; i < ids->len; i++)
    if (affari_deal_get_assigned_by_id (deal) == g_array_index (ids, gint64, i))
      return TRUE;
  return FALSE;
}

static gboolean
amount_between (AffariDeal *deal, gconstpointer data)
{
  const gint64 *range = data;
  return affari_deal_get_amount (deal) >= range[0] && affari_deal_get_amount (deal) <= range[1];
}

static gboolean
currency_is (AffariDeal *deal, gconstpointer data)
{
  return g_strcmp0 (affari_deal_get_currency (deal), data) == 0;
}

static gboolean
company_is (AffariDeal *deal, gconstpointer data)
{
  return affari_deal_get_company_id (deal) == *(const gint64 *) data;
}

static gboolean
type_is (AffariDeal *deal, gconstpointer data)
{
  return g_strcmp0 (affari_deal_get_type_id (deal), data) == 0;
}

static gboolean
source_is (AffariDeal *deal, gconstpointer data)
{
  return g_strcmp0 (affari_deal_get_source_id (deal), data) == 0;
}

typedef struct {
  const char *from, *to;
} Dates;

static gboolean
date_in (const char *date, const Dates *d)
{
  return date != NULL && (d->from == NULL || strcmp (date, d->from) >= 0) && (d->to == NULL || strcmp (date, d->to) <= 0);
}

static gboolean
close_in (AffariDeal *deal, gconstpointer data)
{
  return date_in (affari_deal_get_close_date (deal), data);
}

static gboolean
closed_in (AffariDeal *deal, gconstpointer data)
{
  return affari_deal_get_closed (deal) && date_in (affari_deal_get_closed_at (deal), data);
}

static gboolean
begin_in (AffariDeal *deal, gconstpointer data)
{
  return date_in (affari_deal_get_begin_date (deal), data);
}

static gboolean
created_in (AffariDeal *deal, gconstpointer data)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (affari_deal_get_date_create (deal));
  g_autofree char *date = g_date_time_format (dt, "%Y-%m-%d");
  return date_in (date, data);
}

static gboolean
is_repeat (AffariDeal *deal, gconstpointer data)
{
  gboolean repeat = affari_deal_get_is_return_customer (deal) || affari_deal_get_is_repeated_approach (deal);
  return GPOINTER_TO_INT (data) ? repeat : !repeat;
}

static gboolean
no_planned_activity (AffariDeal *deal, gconstpointer data)
{
  return affari_deal_get_next_activity (deal) == 0;
}

static gboolean
overdue_activity (AffariDeal *deal, gconstpointer data)
{
  gint64 next = affari_deal_get_next_activity (deal);
  return next != 0 && next < *(const gint64 *) data;
}

static gboolean
semantics_is (AffariDeal *deal, gconstpointer data)
{
  return affari_deal_get_semantics (deal) == (AffariSemantics) GPOINTER_TO_INT (data);
}

typedef struct {
  gint64 stage_a, stage_b, member;
  gint64 min;
  Dates close;
} Combo;

static gboolean
combo_match (AffariDeal *deal, gconstpointer data)
{
  const Combo *c = data;
  return (affari_deal_get_stage_id (deal) == c->stage_a || affari_deal_get_stage_id (deal) == c->stage_b) &&
         affari_deal_get_assigned_by_id (deal) == c->member &&
         affari_deal_get_amount (deal) >= c->min &&
         date_in (affari_deal_get_close_date (deal), &c->close);
}

/* ------------------------------------------------------------ tests */

static GArray *
id_array (gint64 first, ...)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  va_list args;

  va_start (args, first);
  for (gint64 id = first; id != 0; id = va_arg (args, gint64))
    g_array_append_val (ids, id);
  va_end (args);
  return ids;
}

static void
test_each_criterion (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) stages = affari_store_list_stages (f->store, f->pipeline, NULL);
  g_autoptr(GPtrArray) team = affari_store_list_team (f->store, NULL);
  AffariDeal *some = g_ptr_array_index (f->all, 17);
  gint64 company = 0;
  gint64 now = affari_store_now (f->store);

  g_assert_cmpuint (stages->len, >=, 3);
  g_assert_cmpuint (team->len, >=, 2);

  /* stages: any of several */
  {
    g_auto(AffariDealQuery) q = { 0 };
    q.stage_ids = id_array (affari_stage_get_id (g_ptr_array_index (stages, 0)),
                            affari_stage_get_id (g_ptr_array_index (stages, 2)), (gint64) 0);
    assert_query_matches (f, &q, in_stages, q.stage_ids);
  }
  /* responsible people */
  {
    g_auto(AffariDealQuery) q = { 0 };
    q.assigned_ids = id_array (affari_team_member_get_id (g_ptr_array_index (team, 0)),
                               affari_team_member_get_id (g_ptr_array_index (team, 1)), (gint64) 0);
    assert_query_matches (f, &q, assigned_in, q.assigned_ids);
  }
  /* amount range, inclusive at both ends */
  {
    AffariDealQuery q = { .has_amount_min = TRUE, .amount_min = 500000, .has_amount_max = TRUE, .amount_max = 2000000 };
    gint64 range[2] = { 500000, 2000000 };
    assert_query_matches (f, &q, amount_between, range);
    q.amount_min = q.amount_max = range[0] = range[1] = affari_deal_get_amount (some);
    g_assert_cmpuint (assert_query_matches (f, &q, amount_between, range), >=, 1);
  }
  /* currency */
  {
    AffariDealQuery q = { .currency = (char *) affari_deal_get_currency (some) };
    g_autoptr(GArray) all_ids = NULL;
    g_autoptr(GArray) ids = ids_of (f->store, &q);
    AffariDealQuery none = { .currency = (char *) "JPY" };

    all_ids = ids_of (f->store, &none);
    g_assert_cmpuint (all_ids->len, ==, 0);
    g_assert_cmpuint (ids->len, >, 0);
    for (guint i = 0; i < f->all->len; i++)
      if (!currency_is (g_ptr_array_index (f->all, i), q.currency))
        {
          /* several currencies in the sample: it really filters */
          assert_query_matches (f, &q, currency_is, q.currency);
          break;
        }
  }
  /* client */
  for (guint i = 0; i < f->all->len && company == 0; i++)
    company = affari_deal_get_company_id (g_ptr_array_index (f->all, i));
  {
    AffariDealQuery q = { .company_id = company };
    assert_query_matches (f, &q, company_is, &company);
  }
  /* type and source */
  {
    AffariDealQuery q = { .type_id = (char *) affari_deal_get_type_id (some) };
    assert_query_matches (f, &q, type_is, q.type_id);
  }
  {
    AffariDealQuery q = { .source_id = (char *) affari_deal_get_source_id (some) };
    assert_query_matches (f, &q, source_is, q.source_id);
  }
  /* dates: an explicit range on each of the four */
  {
    Dates d = { "2026-01-01", "2026-03-31" };
    AffariDealQuery q = { .close = { AFFARI_PERIOD_BETWEEN, 0, (char *) d.from, (char *) d.to } };
    assert_query_matches (f, &q, close_in, &d);
  }
  {
    Dates d = { "2025-10-01", NULL };
    AffariDealQuery q = { .closed_on = { AFFARI_PERIOD_BETWEEN, 0, (char *) d.from, NULL } };
    assert_query_matches (f, &q, closed_in, &d);
  }
  {
    Dates d = { NULL, "2025-12-31" };
    AffariDealQuery q = { .begin = { AFFARI_PERIOD_BETWEEN, 0, NULL, (char *) d.to } };
    assert_query_matches (f, &q, begin_in, &d);
  }
  {
    Dates d = { "2025-12-01", "2026-02-15" };
    AffariDealQuery q = { .created = { AFFARI_PERIOD_BETWEEN, 0, (char *) d.from, (char *) d.to } };
    assert_query_matches (f, &q, created_in, &d);
  }
  /* relative: the last 30 days of creation, this quarter's expected close (the periods
   * themselves are checked against the calendar in /filter/relative-dates) */
  {
    g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (now);
    g_autofree char *today = g_date_time_format (dt, "%Y-%m-%d");
    AffariDealQuery q = { .created = { AFFARI_PERIOD_LAST_DAYS, 30, NULL, NULL },
                          .close = { AFFARI_PERIOD_THIS_QUARTER, 0, NULL, NULL } };
    g_autofree char *from = NULL, *to = NULL;
    g_autofree char *qfrom = NULL, *qto = NULL;
    AffariDealQuery only_created = { .created = q.created };
    AffariDealQuery only_close = { .close = q.close };
    Dates d, dq;

    g_assert_true (affari_date_range_resolve (&q.created, today, &from, &to));
    g_assert_true (affari_date_range_resolve (&q.close, today, &qfrom, &qto));
    d = (Dates) { from, to };
    dq = (Dates) { qfrom, qto };
    assert_query_matches (f, &only_created, created_in, &d);
    assert_query_matches (f, &only_close, close_in, &dq);
  }
  /* repeat flag, both ways */
  {
    AffariDealQuery q = { .repeat = AFFARI_REPEAT_ONLY };
    assert_query_matches (f, &q, is_repeat, GINT_TO_POINTER (TRUE));
    q.repeat = AFFARI_REPEAT_NONE;
    assert_query_matches (f, &q, is_repeat, GINT_TO_POINTER (FALSE));
  }
  /* activities */
  {
    AffariDealQuery q = { .activity = AFFARI_ACTIVITY_FILTER_NONE_PLANNED };
    assert_query_matches (f, &q, no_planned_activity, NULL);
    q.activity = AFFARI_ACTIVITY_FILTER_OVERDUE;
    assert_query_matches (f, &q, overdue_activity, &now);
  }
}

static void
test_combinations (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) stages = affari_store_list_stages (f->store, f->pipeline, NULL);
  g_autoptr(GPtrArray) team = affari_store_list_team (f->store, NULL);
  Combo c = {
    affari_stage_get_id (g_ptr_array_index (stages, 0)),
    affari_stage_get_id (g_ptr_array_index (stages, 3)),
    affari_team_member_get_id (g_ptr_array_index (team, 0)),
    100000, { "2026-01-01", "2026-12-31" },
  };
  g_auto(AffariDealQuery) q = { 0 };
  g_autoptr(AffariDealQuery) copy = NULL;
  guint n_combined, n_wider;

  q.stage_ids = id_array (c.stage_a, c.stage_b, (gint64) 0);
  q.assigned_ids = id_array (c.member, (gint64) 0);
  q.has_amount_min = TRUE;
  q.amount_min = c.min;
  q.close.period = AFFARI_PERIOD_BETWEEN;
  q.close.from = g_strdup (c.close.from);
  q.close.to = g_strdup (c.close.to);
  n_combined = assert_query_matches (f, &q, combo_match, &c);

  /* every criterion narrows: without the amount there are more */
  q.has_amount_min = FALSE;
  c.min = G_MININT64;
  n_wider = assert_query_matches (f, &q, combo_match, &c);
  g_assert_cmpuint (n_wider, >, n_combined);

  /* copies are equal and independent; the pipeline and the order do not make another filter */
  copy = affari_deal_query_copy (&q);
  g_assert_true (affari_deal_query_equal (copy, &q));
  g_array_index (copy->stage_ids, gint64, 0) = 999999;
  g_assert_false (affari_deal_query_equal (copy, &q));
  g_assert_true (affari_deal_query_has_filter (&q));
  {
    AffariDealQuery plain = { .pipeline_id = 3, .stage_id = 4, .sort = AFFARI_DEAL_SORT_AMOUNT, .descending = TRUE };
    g_assert_false (affari_deal_query_has_filter (&plain));
  }
}

static void
assert_range (AffariPeriod period, int days, const char *today, const char *from, const char *to)
{
  AffariDateRange range = { period, days, NULL, NULL };
  g_autofree char *got_from = NULL, *got_to = NULL;

  g_assert_true (affari_date_range_resolve (&range, today, &got_from, &got_to));
  g_assert_cmpstr (got_from, ==, from);
  g_assert_cmpstr (got_to, ==, to);
}

static void
test_relative_dates (void)
{
  /* month ends, leap years */
  assert_range (AFFARI_PERIOD_THIS_MONTH, 0, "2024-02-29", "2024-02-01", "2024-02-29");
  assert_range (AFFARI_PERIOD_THIS_MONTH, 0, "2025-02-01", "2025-02-01", "2025-02-28");
  assert_range (AFFARI_PERIOD_THIS_MONTH, 0, "2025-12-31", "2025-12-01", "2025-12-31");
  /* weeks start on Monday and cross the year */
  assert_range (AFFARI_PERIOD_THIS_WEEK, 0, "2026-01-01", "2025-12-29", "2026-01-04");
  assert_range (AFFARI_PERIOD_THIS_WEEK, 0, "2026-03-01", "2026-02-23", "2026-03-01"); /* a Sunday */
  assert_range (AFFARI_PERIOD_THIS_WEEK, 0, "2026-03-02", "2026-03-02", "2026-03-08"); /* a Monday */
  /* the last N days include today */
  assert_range (AFFARI_PERIOD_LAST_DAYS, 7, "2026-01-03", "2025-12-28", "2026-01-03");
  assert_range (AFFARI_PERIOD_LAST_DAYS, 1, "2026-03-01", "2026-03-01", "2026-03-01");
  assert_range (AFFARI_PERIOD_LAST_DAYS, 30, "2024-03-01", "2024-02-01", "2024-03-01");
  /* quarters */
  assert_range (AFFARI_PERIOD_THIS_QUARTER, 0, "2025-12-31", "2025-10-01", "2025-12-31");
  assert_range (AFFARI_PERIOD_THIS_QUARTER, 0, "2026-01-01", "2026-01-01", "2026-03-31");
  assert_range (AFFARI_PERIOD_THIS_QUARTER, 0, "2026-05-31", "2026-04-01", "2026-06-30");
  assert_range (AFFARI_PERIOD_TODAY, 0, "2026-12-31", "2026-12-31", "2026-12-31");
}

static AffariDeal *
deal_closing (AffariStore *store, const char *title, const char *close_date)
{
  g_autoptr(GError) error = NULL;
  AffariDeal *deal = affari_deal_new ();

  affari_deal_set_title (deal, title);
  affari_deal_set_close_date (deal, close_date);
  g_assert_true (affari_store_create_deal (store, deal, &error));
  g_assert_no_error (error);
  return deal;
}

static guint
count (AffariStore *store, const AffariDealQuery *q)
{
  g_autoptr(GError) error = NULL;
  guint n = affari_store_count_deals (store, q, &error);
  g_assert_no_error (error);
  return n;
}

/* The store resolves "this month" against its own clock in local time, at the boundaries. */
static void
test_relative_dates_in_store (void)
{
  g_autoptr(AffariStore) store = affari_store_open (NULL, NULL);
  AffariDealQuery month = { .close = { AFFARI_PERIOD_THIS_MONTH } };
  AffariDealQuery today = { .created = { AFFARI_PERIOD_TODAY } };
  AffariDealQuery week = { .close = { AFFARI_PERIOD_THIS_WEEK } };
  AffariDealQuery quarter = { .close = { AFFARI_PERIOD_THIS_QUARTER } };

  /* Deals created on the last evening of 2025, closing around the new year. */
  affari_store_set_now (store, local_time (2025, 12, 31, 23, 30));
  g_object_unref (deal_closing (store, "Chiude il 30 novembre", "2025-11-30"));
  g_object_unref (deal_closing (store, "Chiude il primo dicembre", "2025-12-01"));
  g_object_unref (deal_closing (store, "Chiude a San Silvestro", "2025-12-31"));
  g_object_unref (deal_closing (store, "Chiude a Capodanno", "2026-01-01"));
  g_object_unref (deal_closing (store, "Chiude il 4 gennaio", "2026-01-04"));
  g_object_unref (deal_closing (store, "Chiude a fine marzo", "2026-03-31"));

  g_assert_cmpuint (count (store, &month), ==, 2);      /* 1 and 31 December */
  g_assert_cmpuint (count (store, &today), ==, 6);      /* all created at 23:30 today */
  g_assert_cmpuint (count (store, &week), ==, 3);       /* Mon 29 Dec – Sun 4 Jan */
  g_assert_cmpuint (count (store, &quarter), ==, 3);    /* 30 Nov, 1 and 31 Dec */

  /* One hour later it is another day, month, quarter and year. */
  affari_store_set_now (store, local_time (2026, 1, 1, 0, 30));
  g_assert_cmpuint (count (store, &month), ==, 2);      /* 1 and 4 January */
  g_assert_cmpuint (count (store, &today), ==, 0);      /* created yesterday */
  g_assert_cmpuint (count (store, &week), ==, 3);       /* still the same week */
  g_assert_cmpuint (count (store, &quarter), ==, 3);    /* January – March */
  today.created.period = AFFARI_PERIOD_LAST_DAYS;
  today.created.days = 2;
  g_assert_cmpuint (count (store, &today), ==, 6);

  /* "In chiusura questo mese" is the preset of the same period, for open deals only */
  {
    g_autoptr(AffariDealQuery) preset = affari_filter_preset_new_query (AFFARI_FILTER_PRESET_CLOSING_THIS_MONTH);
    g_assert_cmpuint (count (store, preset), ==, 2);
  }
}

static gint64
make_client_deal (AffariStore *store, const char *title, const char *company_name,
                  const char *first, const char *last, const char *email)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDeal) deal = affari_deal_new ();

  affari_deal_set_title (deal, title);
  if (company_name != NULL)
    {
      g_autoptr(AffariCompany) company = affari_company_new (company_name);
      affari_deal_set_company_id (deal, affari_store_create_company (store, company, &error));
      g_assert_no_error (error);
    }
  g_assert_true (affari_store_create_deal (store, deal, &error));
  if (last != NULL)
    {
      g_autoptr(AffariContact) contact = affari_contact_new (first, last);
      gint64 id;

      g_object_set (contact, "email", email, NULL);
      id = affari_store_create_contact (store, contact, &error);
      g_assert_no_error (error);
      g_assert_true (affari_store_set_deal_contacts (store, affari_deal_get_id (deal), &id, 1, id, &error));
    }
  return affari_deal_get_id (deal);
}

static gint64
find_one (AffariStore *store, const char *text)
{
  AffariDealQuery q = { .text = (char *) text };
  g_autoptr(GArray) ids = ids_of (store, &q);

  return ids->len == 1 ? g_array_index (ids, gint64, 0) : -(gint64) ids->len;
}

static void
test_search_accents (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariStore) store = affari_store_open (NULL, NULL);
  gint64 citta = make_client_deal (store, "Ristrutturazione uffici", "Edilizia Città Nuova S.p.A.", NULL, NULL, NULL);
  gint64 perche = make_client_deal (store, "Perché no: caldaia", NULL, NULL, NULL, NULL);
  gint64 nicolo = make_client_deal (store, "Impianto elettrico", "Verdi & C.", "Niccolò", "Rossì", "n.rossi@example.it");
  gint64 plain = make_client_deal (store, "Fornitura sedie", "Bianchi SpA", NULL, NULL, NULL);
  gint64 product_deal = make_client_deal (store, "Ordine magazzino", NULL, NULL, NULL, NULL);

  /* accents and case fold both ways, in the title and the client */
  g_assert_cmpint (find_one (store, "citta"), ==, citta);
  g_assert_cmpint (find_one (store, "CITTÀ"), ==, citta);
  g_assert_cmpint (find_one (store, "perche"), ==, perche);
  g_assert_cmpint (find_one (store, "PERCHÈ"), ==, perche);
  /* contact names and e-mail, as prefixes while typing */
  g_assert_cmpint (find_one (store, "nicco"), ==, nicolo);
  g_assert_cmpint (find_one (store, "rossi"), ==, nicolo);
  g_assert_cmpint (find_one (store, "example"), ==, nicolo);
  /* every word must match, in any field */
  g_assert_cmpint (find_one (store, "impianto rossi"), ==, nicolo);
  g_assert_cmpint (find_one (store, "impianto bianchi"), ==, 0);
  /* what FTS5 would read as syntax is searched as text */
  g_assert_cmpint (find_one (store, "\"sedie"), ==, plain);
  g_assert_cmpint (find_one (store, "sedie AND OR NOT"), ==, 0);
  g_assert_cmpint (find_one (store, "NEAR(sedie"), ==, 0);

  /* the index follows changes of every source: comments, products, the client's name */
  {
    g_autoptr(AffariDeal) deal = affari_store_get_deal (store, plain, &error);
    affari_deal_set_comments (deal, "Consegna a Forlì entro venerdì");
    g_assert_true (affari_store_update_deal (store, deal, &error));
    g_assert_cmpint (find_one (store, "forli"), ==, plain);
    g_assert_cmpint (find_one (store, "venerdi"), ==, plain);
  }
  {
    AffariProductRow row = { 0 };
    row.name = (char *) "Scaffalatura metallica";
    row.quantity_milli = 1000;
    row.price_netto = 10000;
    row.discount_type = 2;
    row.tax_rate_bp = 2200;
    g_assert_true (affari_store_set_product_rows (store, product_deal, &row, 1, &error));
    g_assert_no_error (error);
    g_assert_cmpint (find_one (store, "scaffal"), ==, product_deal);
    g_assert_true (affari_store_set_product_rows (store, product_deal, NULL, 0, &error));
    g_assert_cmpint (find_one (store, "scaffal"), ==, 0);
  }
  g_assert_true (affari_store_add_comment (store, citta, "Sopralluogo con l'ingegnere", &error));
  g_assert_cmpint (find_one (store, "ingegnere"), ==, citta);

  /* a deal purged for good leaves the index */
  g_assert_true (affari_store_purge_deal (store, citta, &error));
  g_assert_cmpint (find_one (store, "citta"), ==, 0);
}

static void
test_presets (Fixture *f, gconstpointer data)
{
  gint64 now = affari_store_now (f->store);
  g_autoptr(GPtrArray) team = affari_store_list_team (f->store, NULL);
  gint64 me = affari_team_member_get_id (g_ptr_array_index (team, 1));
  guint seen = 0;

  g_assert_true (affari_store_set_current_user (f->store, me, NULL));

  for (guint p = 0; p < AFFARI_N_FILTER_PRESETS; p++)
    {
      g_autoptr(AffariDealQuery) q = affari_filter_preset_new_query (p);
      AffariFilterPreset back;

      g_assert_nonnull (affari_filter_preset_label (p));
      g_assert_true (affari_filter_preset_from_code (affari_filter_preset_to_code (p), &back));
      g_assert_cmpint (back, ==, p);
      g_assert_true (affari_deal_query_has_filter (q));

      switch (p)
        {
        case AFFARI_FILTER_PRESET_IN_PROGRESS:
          assert_query_matches (f, q, semantics_is, GINT_TO_POINTER (AFFARI_SEMANTICS_PROCESS));
          break;
        case AFFARI_FILTER_PRESET_WON:
          assert_query_matches (f, q, semantics_is, GINT_TO_POINTER (AFFARI_SEMANTICS_SUCCESS));
          break;
        case AFFARI_FILTER_PRESET_LOST:
          assert_query_matches (f, q, semantics_is, GINT_TO_POINTER (AFFARI_SEMANTICS_FAILURE));
          break;
        case AFFARI_FILTER_PRESET_MINE:
          {
            g_autoptr(GArray) mine = id_array (me, (gint64) 0);
            assert_query_matches (f, q, assigned_in, mine);
          }
          break;
        case AFFARI_FILTER_PRESET_OVERDUE:
          assert_query_matches (f, q, overdue_activity, &now);
          break;
        case AFFARI_FILTER_PRESET_REPEAT:
          assert_query_matches (f, q, is_repeat, GINT_TO_POINTER (TRUE));
          break;
        default:
          /* the other presets combine criteria tested above; they must select something */
          g_assert_cmpuint (count (f->store, q), >, 0);
          g_assert_cmpuint (count (f->store, q), <, f->all->len);
          break;
        }
      seen++;
    }
  g_assert_cmpuint (seen, ==, 8);
}

static void
test_saved_filters (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GPtrArray) stages = affari_store_list_stages (f->store, f->pipeline, NULL);
  g_auto(AffariDealQuery) q = { 0 };
  g_autoptr(AffariDealQuery) expected = NULL;
  gint64 id, again;

  q.pipeline_id = f->pipeline;                 /* not part of a saved filter */
  q.sort = AFFARI_DEAL_SORT_AMOUNT;
  q.text = g_strdup ("rossi");
  q.has_amount_min = TRUE;
  q.amount_min = 500000;
  q.close.period = AFFARI_PERIOD_LAST_DAYS;
  q.close.days = 45;
  q.stage_ids = id_array (affari_stage_get_id (g_ptr_array_index (stages, 1)), (gint64) 0);
  q.assigned_to_me = TRUE;
  q.repeat = AFFARI_REPEAT_NONE;
  q.activity = AFFARI_ACTIVITY_FILTER_OVERDUE;
  q.type_id = g_strdup ("SALE");

  id = affari_store_save_filter (f->store, "  Rossi sopra 5.000  ", &q, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* a saved filter survives closing the database */
  saved = affari_store_list_saved_filters (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->len, ==, 1);
  {
    AffariSavedFilter *s = g_ptr_array_index (saved, 0);
    expected = affari_deal_query_copy (&q);
    expected->pipeline_id = 0;
    expected->sort = 0;
    g_assert_cmpstr (s->name, ==, "Rossi sopra 5.000");
    g_assert_true (affari_deal_query_equal (s->query, expected));
    g_assert_cmpint (s->query->close.period, ==, AFFARI_PERIOD_LAST_DAYS);  /* still relative */
  }

  /* the same name replaces; an empty name is refused */
  q.amount_min = 1;
  again = affari_store_save_filter (f->store, "Rossi sopra 5.000", &q, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, id);
  g_clear_pointer (&saved, g_ptr_array_unref);
  saved = affari_store_list_saved_filters (f->store, NULL);
  g_assert_cmpuint (saved->len, ==, 1);
  g_assert_cmpint (((AffariSavedFilter *) g_ptr_array_index (saved, 0))->query->amount_min, ==, 1);
  g_assert_cmpint (affari_store_save_filter (f->store, "   ", &q, &error), ==, 0);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (affari_store_delete_saved_filter (f->store, id, &error));
  g_clear_pointer (&saved, g_ptr_array_unref);
  saved = affari_store_list_saved_filters (f->store, NULL);
  g_assert_cmpuint (saved->len, ==, 0);

  /* text that is not a filter is refused, not half-read */
  g_assert_null (affari_deal_query_deserialize ("{'stages': <'x'", &error));
  g_assert_nonnull (error);
}

/* Bulk edits: one transaction, a history event per deal, and an exact undo. */
static void
test_bulk (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDealOps) ops = affari_deal_ops_new (f->store);
  g_autoptr(AffariChangeSet) undo = NULL;
  g_autoptr(GPtrArray) stages = affari_store_list_stages (f->store, f->pipeline, NULL);
  gint64 target = affari_store_find_stage_by_code (f->store, f->pipeline, "EXECUTING");
  AffariDealQuery in_first = { .stage_id = affari_stage_get_id (g_ptr_array_index (stages, 0)) };
  g_autoptr(GArray) ids = ids_of (f->store, &in_first);
  gint64 three[3];
  guint events_before[3];

  g_assert_cmpuint (ids->len, >=, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GPtrArray) events = affari_store_list_events (f->store, g_array_index (ids, gint64, i), NULL);
      three[i] = g_array_index (ids, gint64, i);
      events_before[i] = events->len;
    }

  undo = affari_deal_ops_move (ops, three, 3, target, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (affari_change_set_get_n_deals (undo), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(AffariDeal) deal = affari_store_get_deal (f->store, three[i], NULL);
      g_autoptr(GPtrArray) events = affari_store_list_events (f->store, three[i], NULL);
      g_assert_cmpint (affari_deal_get_stage_id (deal), ==, target);
      g_assert_cmpuint (events->len, ==, events_before[i] + 1);
    }
  g_assert_true (affari_deal_ops_undo (ops, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GArray) back = ids_of (f->store, &in_first);
    /* the same deals in the same order as before */
    g_assert_cmpmem (back->data, back->len * sizeof (gint64), ids->data, ids->len * sizeof (gint64));
  }

  /* one deal that cannot move (it does not exist) and nothing moves */
  {
    gint64 bad[3] = { three[0], three[1], 987654321 };
    g_assert_null (affari_deal_ops_move (ops, bad, 3, target, 0, NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    {
      g_autoptr(AffariDeal) deal = affari_store_get_deal (f->store, three[0], NULL);
      g_assert_cmpint (affari_deal_get_stage_id (deal), ==, in_first.stage_id);
    }
  }

  /* responsible, and back */
  {
    g_autoptr(GPtrArray) team = affari_store_list_team (f->store, NULL);
    gint64 member = affari_team_member_get_id (g_ptr_array_index (team, 2));
    g_autoptr(AffariDeal) before = affari_store_get_deal (f->store, three[1], NULL);
    g_autoptr(AffariChangeSet) undo2 = NULL;

    undo2 = affari_deal_ops_set_responsible (ops, three, 3, member, &error);
    g_assert_nonnull (undo2);
    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(AffariDeal) deal = affari_store_get_deal (f->store, three[i], NULL);
        g_assert_cmpint (affari_deal_get_assigned_by_id (deal), ==, member);
      }
    g_assert_true (affari_deal_ops_undo (ops, &error));
    {
      g_autoptr(AffariDeal) after = affari_store_get_deal (f->store, three[1], NULL);
      g_assert_cmpint (affari_deal_get_assigned_by_id (after), ==, affari_deal_get_assigned_by_id (before));
    }
  }

  /* trash, and back */
  {
    g_autoptr(AffariChangeSet) undo3 = NULL;
    guint n = count (f->store, NULL);

    undo3 = affari_deal_ops_trash (ops, three, 3, &error);
    g_assert_nonnull (undo3);
    g_assert_cmpuint (count (f->store, NULL), ==, n - 3);
    g_assert_true (affari_deal_ops_undo (ops, &error));
    g_assert_cmpuint (count (f->store, NULL), ==, n);
  }

  /* another pipeline, and back to the same stage */
  {
    g_autoptr(GPtrArray) pipelines = affari_store_list_pipelines (f->store, NULL);
    g_autoptr(AffariChangeSet) undo4 = NULL;
    gint64 other = 0;

    for (guint i = 0; i < pipelines->len; i++)
      if (affari_pipeline_get_id (g_ptr_array_index (pipelines, i)) != f->pipeline)
        other = affari_pipeline_get_id (g_ptr_array_index (pipelines, i));
    g_assert_cmpint (other, !=, 0);
    undo4 = affari_deal_ops_move_to_pipeline (ops, three, 3, other, &error);
    g_assert_nonnull (undo4);
    g_assert_no_error (error);
    {
      g_autoptr(AffariDeal) deal = affari_store_get_deal (f->store, three[2], NULL);
      g_assert_cmpint (affari_deal_get_pipeline_id (deal), ==, other);
    }
    g_assert_true (affari_deal_ops_undo (ops, &error));
    g_assert_no_error (error);
    {
      g_autoptr(AffariDeal) deal = affari_store_get_deal (f->store, three[2], NULL);
      g_assert_cmpint (affari_deal_get_pipeline_id (deal), ==, f->pipeline);
      g_assert_cmpint (affari_deal_get_stage_id (deal), ==, in_first.stage_id);
    }
  }
}

/* Sorting by each header is done in SQL, stable (ties by id), both ways. */
static void
test_sorts (Fixture *f, gconstpointer data)
{
  for (int sort = AFFARI_DEAL_SORT_POSITION; sort <= AFFARI_DEAL_SORT_REPEAT; sort++)
    {
      AffariDealQuery asc = { .sort = sort };
      AffariDealQuery desc = { .sort = sort, .descending = TRUE };
      g_autoptr(GArray) a = ids_of (f->store, &asc);
      g_autoptr(GArray) b = ids_of (f->store, &desc);
      g_autoptr(GArray) a2 = ids_of (f->store, &asc);

      g_assert_cmpuint (a->len, ==, N_DEALS);
      g_assert_cmpuint (b->len, ==, N_DEALS);
      g_assert_cmpmem (a->data, a->len * 8, a2->data, a2->len * 8);
      /* descending with ties broken by id descending is the exact reverse (except for the next
       * activity, where deals without one stay last both ways) */
      if (sort == AFFARI_DEAL_SORT_NEXT_ACTIVITY)
        continue;
      g_test_message ("sort %d", sort);
      for (guint i = 0; i < a->len; i++)
        g_assert_cmpint (g_array_index (a, gint64, i), ==, g_array_index (b, gint64, b->len - 1 - i));
    }
  /* the amount's order is checked in /filter/amount-sort-by-currency */
}

/* Removes a test database file, its journal and its folder. */
static void
remove_database (const char *dir, const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

static int
compare_totals (gconstpointer a, gconstpointer b)
{
  const AffariStageTotal *x = a, *y = b;

  if (x->stage_id != y->stage_id)
    return x->stage_id < y->stage_id ? -1 : 1;
  return strcmp (x->currency, y->currency);
}

static GArray *
sorted_totals (AffariStore *store, const AffariDealQuery *q)
{
  g_autoptr(GError) error = NULL;
  GArray *totals = affari_store_stage_totals (store, q, &error);

  g_assert_no_error (error);
  g_array_sort (totals, compare_totals);
  return totals;
}

/* A search runs either from the full-text index (few matches) or from the other criteria's deals
 * in order, kept between keystrokes (many matches): both give the same deals in the same order
 * and the same totals, whatever the words, the order and the other criteria. */
static void
test_search_plans (Fixture *f, gconstpointer data)
{
  static const char *words[] = { "r", "ro", "ma", "ross", "srl", "mario rossi", "zzzz" };
  static const AffariDealSort sorts[] = { AFFARI_DEAL_SORT_POSITION, AFFARI_DEAL_SORT_STAGE, AFFARI_DEAL_SORT_AMOUNT,
                                          AFFARI_DEAL_SORT_TITLE, AFFARI_DEAL_SORT_CLIENT,
                                          AFFARI_DEAL_SORT_NEXT_ACTIVITY };
  guint found_many = 0;

  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
      for (guint c = 0; c < 3; c++)
        {
          AffariDealQuery q = { .text = (char *) words[w], .sort = sorts[s], .descending = s % 2 == 1 };
          g_autoptr(GArray) by_index = NULL;
          g_autoptr(GArray) by_criteria = NULL;
          g_autoptr(GArray) totals_index = NULL;
          g_autoptr(GArray) totals_criteria = NULL;

          if (c >= 1)
            q.pipeline_id = f->pipeline;
          if (c == 2)
            {
              q.has_amount_min = TRUE;
              q.amount_min = 500000;
            }
          affari_store_set_search_plan (f->store, AFFARI_SEARCH_PLAN_INDEX_LEADS);
          by_index = ids_of (f->store, &q);
          totals_index = sorted_totals (f->store, &q);
          affari_store_set_search_plan (f->store, AFFARI_SEARCH_PLAN_CRITERIA_LEAD);
          by_criteria = ids_of (f->store, &q);
          totals_criteria = sorted_totals (f->store, &q);
          /* and once more: the second time the criteria's deals come from the cache */
          {
            g_autoptr(GArray) again = ids_of (f->store, &q);
            g_assert_cmpmem (again->data, again->len * 8, by_criteria->data, by_criteria->len * 8);
          }

          g_test_message ("“%s”, sort %d, criteria %u: %u deals", words[w], sorts[s], c, by_index->len);
          g_assert_cmpmem (by_index->data, by_index->len * 8, by_criteria->data, by_criteria->len * 8);
          g_assert_cmpuint (totals_index->len, ==, totals_criteria->len);
          for (guint i = 0; i < totals_index->len; i++)
            {
              AffariStageTotal *a = &g_array_index (totals_index, AffariStageTotal, i);
              AffariStageTotal *b = &g_array_index (totals_criteria, AffariStageTotal, i);

              g_assert_cmpint (a->stage_id, ==, b->stage_id);
              g_assert_cmpstr (a->currency, ==, b->currency);
              g_assert_cmpuint (a->count, ==, b->count);
              g_assert_cmpint (a->sum, ==, b->sum);
            }
          if (by_index->len > N_DEALS / 4)
            found_many++;
        }
  affari_store_set_search_plan (f->store, AFFARI_SEARCH_PLAN_AUTO);
  /* one letter matches much of the sample: the comparison covered large results too */
  g_assert_cmpuint (found_many, >, 0);
}

static guint
count_found (AffariStore *store, const char *text)
{
  AffariDealQuery q = { .text = (char *) text };
  g_autoptr(GArray) ids = ids_of (store, &q);

  return ids->len;
}

/* What a search or a list keeps between keystrokes never outlives a change: a deal created,
 * renamed or trashed here or by another program on the same file shows at the next query. */
static void
test_search_cache (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("affari-test-filter-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "cache.db", NULL);
  g_autoptr(AffariStore) here = NULL;
  g_autoptr(AffariStore) other = NULL;
  AffariDealQuery all = { .sort = AFFARI_DEAL_SORT_TITLE };
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  gint64 id;

  g_assert_no_error (error);
  here = affari_store_open (path, &error);
  g_assert_no_error (error);
  other = affari_store_open (path, &error);
  g_assert_no_error (error);
  make_client_deal (here, "Caldaia Verdi", "Verdi Srl", NULL, NULL, NULL);

  for (int plan = AFFARI_SEARCH_PLAN_AUTO; plan <= AFFARI_SEARCH_PLAN_CRITERIA_LEAD; plan++)
    {
      g_autofree char *word = g_strdup_printf ("zqx%d", plan);
      g_autofree char *title = g_strdup_printf ("Impianto %s", word);
      g_autofree char *renamed = g_strdup_printf ("Impianto %s", "altro");
      g_autoptr(AffariDeal) deal = NULL;

      affari_store_set_search_plan (here, plan);
      g_assert_cmpuint (count_found (here, word), ==, 0);
      g_assert_cmpuint (count_found (here, "verdi"), ==, 1);

      /* written here */
      id = make_client_deal (here, title, NULL, NULL, NULL, NULL);
      g_assert_cmpuint (count_found (here, word), ==, 1);
      g_assert_cmpuint (count_found (here, "impianto"), ==, 1);

      /* written by another connection (another program on the same file) */
      deal = affari_store_get_deal (other, id, &error);
      g_assert_no_error (error);
      affari_deal_set_title (deal, renamed);
      g_assert_true (affari_store_update_deal (other, deal, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (count_found (here, word), ==, 0);
      g_assert_cmpuint (count_found (here, "altro"), ==, 1);
      g_assert_true (affari_store_trash_deal (other, id, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (count_found (here, "altro"), ==, 0);
    }

  /* the list without words: kept, and read again after a change elsewhere */
  affari_store_set_search_plan (here, AFFARI_SEARCH_PLAN_AUTO);
  before = ids_of (here, &all);
  make_client_deal (other, "Aaa primo", NULL, NULL, NULL, NULL);
  after = ids_of (here, &all);
  g_assert_cmpuint (after->len, ==, before->len + 1);

  affari_store_close (here);
  affari_store_close (other);
  remove_database (dir, path);
}

/* The board's headers read the totals the store keeps; they equal the sums of the deals after
 * every kind of change (a criterion that filters nothing takes the path that adds them up). */
static void
assert_kept_totals (AffariStore *store)
{
  g_autoptr(GPtrArray) pipelines = affari_store_list_pipelines (store, NULL);
  g_autoptr(GPtrArray) problems = NULL;

  for (guint p = 0; p < pipelines->len; p++)
    {
      gint64 pipeline_id = affari_pipeline_get_id (g_ptr_array_index (pipelines, p));
      AffariDealQuery kept = { .pipeline_id = pipeline_id };
      AffariDealQuery summed = { .pipeline_id = pipeline_id, .semantics_mask = 0x7 };
      g_autoptr(GArray) a = sorted_totals (store, &kept);
      g_autoptr(GArray) b = sorted_totals (store, &summed);

      g_assert_cmpuint (a->len, ==, b->len);
      for (guint i = 0; i < a->len; i++)
        {
          AffariStageTotal *x = &g_array_index (a, AffariStageTotal, i);
          AffariStageTotal *y = &g_array_index (b, AffariStageTotal, i);

          g_assert_cmpint (x->stage_id, ==, y->stage_id);
          g_assert_cmpstr (x->currency, ==, y->currency);
          g_assert_cmpuint (x->count, ==, y->count);
          g_assert_cmpint (x->sum, ==, y->sum);
        }
    }
  g_assert_true (affari_store_check (store, &problems, NULL));
}

static void
test_kept_totals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  AffariDeal *first = g_ptr_array_index (f->all, 0);
  AffariDeal *second = g_ptr_array_index (f->all, 1);
  AffariDeal *third = g_ptr_array_index (f->all, 2);
  g_autoptr(AffariDeal) changed = NULL;
  gint64 won, other_pipeline;
  AffariDealQuery all = { .pipeline_id = f->pipeline };
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  guint n_before = 0, n_after = 0;

  assert_kept_totals (f->store);
  before = sorted_totals (f->store, &all);

  /* moved, to a won stage and back */
  won = affari_store_find_stage_by_code (f->store, affari_deal_get_pipeline_id (first), "WON");
  g_assert_true (affari_store_move_deal (f->store, affari_deal_get_id (first), won, 0, NULL, &error));
  g_assert_no_error (error);
  assert_kept_totals (f->store);

  /* amount and currency changed */
  changed = affari_store_get_deal (f->store, affari_deal_get_id (second), &error);
  g_assert_no_error (error);
  affari_deal_set_amount (changed, affari_deal_get_amount (changed) + 12345);
  affari_deal_set_currency (changed, g_strcmp0 (affari_deal_get_currency (changed), "USD") == 0 ? "EUR" : "USD");
  g_assert_true (affari_store_update_deal (f->store, changed, &error));
  g_assert_no_error (error);
  assert_kept_totals (f->store);

  /* trashed, restored, trashed and deleted for good */
  g_assert_true (affari_store_trash_deal (f->store, affari_deal_get_id (third), &error));
  assert_kept_totals (f->store);
  g_assert_true (affari_store_restore_deal (f->store, affari_deal_get_id (third), &error));
  assert_kept_totals (f->store);
  g_assert_true (affari_store_trash_deal (f->store, affari_deal_get_id (third), &error));
  g_assert_true (affari_store_purge_deal (f->store, affari_deal_get_id (third), &error));
  g_assert_no_error (error);
  assert_kept_totals (f->store);

  /* moved to another pipeline */
  other_pipeline = affari_store_create_pipeline (f->store, "Rinnovi", &error);
  g_assert_no_error (error);
  g_assert_true (affari_store_move_deal_to_pipeline (f->store, affari_deal_get_id (first), other_pipeline, &error));
  g_assert_no_error (error);
  assert_kept_totals (f->store);

  /* the default pipeline lost two deals */
  after = sorted_totals (f->store, &all);
  for (guint i = 0; i < before->len; i++)
    n_before += g_array_index (before, AffariStageTotal, i).count;
  for (guint i = 0; i < after->len; i++)
    n_after += g_array_index (after, AffariStageTotal, i).count;
  g_assert_cmpuint (n_after, ==, n_before - 2);
}

/* A database of schema 1 (before search and saved filters) migrates and finds its deals. */
static void
test_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("affari-test-filter-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  /* Build a version-1 file the way Affari 0.1 left it: the current file, downgraded. */
  {
    g_autoptr(AffariStore) store = affari_store_open (path, &error);
    g_assert_no_error (error);
    make_client_deal (store, "Caldaia condominio", "Rossi Impianti Srl", "Nicolò", "Bianchi", NULL);
    affari_store_close (store);
  }
  sql = g_strdup_printf ("sqlite3 '%s' \"DROP TABLE saved_filter; DROP TABLE deal_search; DROP VIEW deal_search_body;"
                         " DROP TABLE deal_search_doc; DROP TABLE deal_search_dirty; DROP INDEX deal_list_amount; DROP INDEX deal_list_title;"
                         " DROP TRIGGER deal_search_deal_ai; DROP TRIGGER deal_search_deal_au; DROP TRIGGER deal_search_deal_ad;"
                         " DROP TRIGGER deal_search_dc_ai; DROP TRIGGER deal_search_dc_ad; DROP TRIGGER deal_search_dp_ai;"
                         " DROP TRIGGER deal_search_dp_au; DROP TRIGGER deal_search_dp_ad; DROP TRIGGER deal_search_ev_ai;"
                         " DROP TRIGGER deal_search_ev_ad; DROP TRIGGER deal_search_company_au; DROP TRIGGER deal_search_contact_au;"
                         " DROP TABLE stage_total; DROP TRIGGER stage_total_ai; DROP TRIGGER stage_total_ad; DROP TRIGGER stage_total_au;"
                         " ALTER TABLE deal DROP COLUMN closed_at;"
                         " PRAGMA user_version = 1;\"", path);
  if (!g_spawn_command_line_sync (sql, &out, NULL, &status, NULL) || status != 0)
    {
      g_test_skip ("no sqlite3 command");
      return;
    }
  {
    g_autoptr(AffariStore) store = affari_store_open (path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (affari_store_get_schema_version (store), ==, AFFARI_STORE_SCHEMA_VERSION);
    g_assert_cmpint (find_one (store, "nicolo"), >, 0);
    g_assert_cmpint (find_one (store, "rossi caldaia"), >, 0);
    affari_store_close (store);
  }
  remove_database (dir, path);
}


/* ------------------------------------------------------------ custom fields */

#define N_FIELD_DEALS 600

enum { F_NOTE, F_SCORE, F_BUDGET, F_RENEWAL, F_SIGNED, F_SECTOR, F_SITE, N_FIELDS };

typedef struct {
  Fixture *f;
  gint64 field_ids[N_FIELDS];
  gint64 sector_items[3];
  GHashTable *values[N_FIELDS];   /* deal id (gint64 *) → machine value */
} FieldData;

/* What a deal holds in field @k, as the C side wrote it (NULL when unset). */
static const char *
field_value (const FieldData *d, guint k, AffariDeal *deal)
{
  gint64 id = affari_deal_get_id (deal);
  return g_hash_table_lookup (d->values[k], &id);
}

static void
field_data_fill (FieldData *d, Fixture *f)
{
  static const char *const sectors[] = { "Industria", "Commercio", "Servizi", NULL };
  static const struct { AffariFieldKind kind; const char *code; const char *label; } defs[N_FIELDS] = {
    { AFFARI_FIELD_STRING, "NOTE", "Nota" }, { AFFARI_FIELD_DOUBLE, "SCORE", "Punteggio" },
    { AFFARI_FIELD_MONEY, "BUDGET", "Budget" }, { AFFARI_FIELD_DATE, "RENEWAL", "Rinnovo" },
    { AFFARI_FIELD_BOOLEAN, "SIGNED", "Firmato" }, { AFFARI_FIELD_ENUMERATION, "SECTOR", "Settore" },
    { AFFARI_FIELD_URL, "SITE", "Sito" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fields = NULL;

  d->f = f;
  for (guint k = 0; k < N_FIELDS; k++)
    {
      d->field_ids[k] = affari_store_create_custom_field (f->store, defs[k].kind, defs[k].code, defs[k].label, FALSE, TRUE,
                                                          defs[k].kind == AFFARI_FIELD_ENUMERATION ? sectors : NULL, &error);
      g_assert_no_error (error);
      d->values[k] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
    }
  fields = affari_store_list_custom_fields (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < fields->len; i++)
    {
      AffariCustomField *field = g_ptr_array_index (fields, i);
      if (field->id == d->field_ids[F_SECTOR])
        for (guint k = 0; k < 3; k++)
          d->sector_items[k] = g_array_index (field->items, AffariFieldItem, k).id;
    }

  for (guint i = 0; i < N_FIELD_DEALS && i < f->all->len; i++)
    {
      AffariDeal *deal = g_ptr_array_index (f->all, i);
      char *v[N_FIELDS] = { NULL };

      if (i % 5 == 0)
        v[F_NOTE] = g_strdup ("Cliente urgente");
      else if (i % 5 == 1)
        v[F_NOTE] = g_strdup ("Città di Milano");
      if (i % 3 == 0)
        v[F_SCORE] = g_strdup_printf ("%u.5", i % 100);
      if (i % 4 < 2)
        v[F_BUDGET] = g_strdup_printf ("%u.00|%s", (i % 50) * 100, i % 4 == 0 ? "EUR" : "USD");
      if (i % 2 == 0)
        v[F_RENEWAL] = affari_date_add_days ("2026-01-01", (int) (i % 365));
      if (i % 3 < 2)
        v[F_SIGNED] = g_strdup (i % 3 == 0 ? "1" : "0");
      if (i % 4 != 3)
        v[F_SECTOR] = g_strdup_printf ("%" G_GINT64_FORMAT, d->sector_items[i % 3]);
      if (i % 6 == 0)
        v[F_SITE] = g_strdup_printf ("https://rossi.example/%u", i);
      for (guint k = 0; k < N_FIELDS; k++)
        if (v[k] != NULL)
          {
            gint64 *key = g_new (gint64, 1);

            *key = affari_deal_get_id (deal);
            g_assert_true (affari_store_set_deal_field_value (f->store, *key, d->field_ids[k], v[k], &error));
            g_assert_no_error (error);
            g_hash_table_insert (d->values[k], key, v[k]);
          }
    }
}

static void
field_data_clear (FieldData *d)
{
  for (guint k = 0; k < N_FIELDS; k++)
    g_clear_pointer (&d->values[k], g_hash_table_unref);
}

typedef struct {
  const FieldData *d;
  guint field;
  const char *value;
  double from, to;
  const char *date_from, *date_to;
  const char *currency;
  const GArray *stages;
} FieldCheck;

static gboolean
field_equals (AffariDeal *deal, gconstpointer data)
{
  const FieldCheck *c = data;
  return g_strcmp0 (field_value (c->d, c->field, deal), c->value) == 0;
}

static gboolean
field_not_yes (AffariDeal *deal, gconstpointer data)
{
  const FieldCheck *c = data;
  return g_strcmp0 (field_value (c->d, c->field, deal), "1") != 0;
}

static gboolean
field_contains_folded (AffariDeal *deal, gconstpointer data)
{
  const FieldCheck *c = data;
  const char *v = field_value (c->d, c->field, deal);
  return v != NULL && (strstr (v, c->value) != NULL || (g_str_equal (c->value, "citta") && strstr (v, "Città") != NULL));
}

static gboolean
field_number_between (AffariDeal *deal, gconstpointer data)
{
  const FieldCheck *c = data;
  const char *v = field_value (c->d, c->field, deal);
  double n;

  if (v == NULL)
    return FALSE;
  n = g_ascii_strtod (v, NULL);
  if (c->currency != NULL && !g_str_has_suffix (v, c->currency))
    return FALSE;
  return n >= c->from && n <= c->to;
}

static gboolean
field_date_between (AffariDeal *deal, gconstpointer data)
{
  const FieldCheck *c = data;
  const char *v = field_value (c->d, c->field, deal);
  return v != NULL && strcmp (v, c->date_from) >= 0 && strcmp (v, c->date_to) <= 0;
}

static gboolean
field_combination (AffariDeal *deal, gconstpointer data)
{
  const FieldCheck *c = data;   /* sector = c->value, signed = yes, in one of c->stages */
  return g_strcmp0 (field_value (c->d, F_SECTOR, deal), c->value) == 0 &&
         g_strcmp0 (field_value (c->d, F_SIGNED, deal), "1") == 0 &&
         in_stages (deal, c->stages);
}

/* Each kind of custom field filters by its own kind of criterion. */
static void
test_custom_fields (Fixture *f, gconstpointer data)
{
  FieldData d = { 0 };
  g_autofree char *sector = NULL;

  field_data_fill (&d, f);
  sector = g_strdup_printf ("%" G_GINT64_FORMAT, d.sector_items[1]);

  /* list: one value */
  {
    g_autoptr(AffariDealQuery) q = affari_deal_query_new ();
    FieldCheck c = { &d, F_SECTOR, sector };
    affari_deal_query_set_field_criterion (q, d.field_ids[F_SECTOR], AFFARI_FIELD_MATCH_EQUALS, sector, NULL, NULL);
    g_assert_cmpuint (assert_query_matches (f, q, field_equals, &c), ==, 150);
  }
  /* yes/no: yes, and no (an unset field is no) */
  {
    g_autoptr(AffariDealQuery) q = affari_deal_query_new ();
    FieldCheck c = { &d, F_SIGNED, "1" };
    affari_deal_query_set_field_criterion (q, d.field_ids[F_SIGNED], AFFARI_FIELD_MATCH_FLAG, "1", NULL, NULL);
    g_assert_cmpuint (assert_query_matches (f, q, field_equals, &c), ==, 200);
    affari_deal_query_set_field_criterion (q, d.field_ids[F_SIGNED], AFFARI_FIELD_MATCH_FLAG, "0", NULL, NULL);
    g_assert_cmpuint (q->field_criteria->len, ==, 1);     /* replaced, not added */
    g_assert_cmpuint (assert_query_matches (f, q, field_not_yes, &c), ==, N_DEALS - 200);
  }
  /* text and link: contains, case and accents folded */
  {
    g_autoptr(AffariDealQuery) q = affari_deal_query_new ();
    FieldCheck c = { &d, F_NOTE, "urgente" };
    affari_deal_query_set_field_criterion (q, d.field_ids[F_NOTE], AFFARI_FIELD_MATCH_CONTAINS, "URGENTE", NULL, NULL);
    g_assert_cmpuint (assert_query_matches (f, q, field_contains_folded, &c), ==, 120);
    c.value = "citta";
    affari_deal_query_set_field_criterion (q, d.field_ids[F_NOTE], AFFARI_FIELD_MATCH_CONTAINS, "citta", NULL, NULL);
    g_assert_cmpuint (assert_query_matches (f, q, field_contains_folded, &c), ==, 120);
    c.field = F_SITE;
    c.value = "rossi.example/1";
    affari_deal_query_set_field_criterion (q, d.field_ids[F_NOTE], AFFARI_FIELD_MATCH_CONTAINS, NULL, NULL, NULL);
    affari_deal_query_remove_field_criterion (q, d.field_ids[F_NOTE]);
    affari_deal_query_set_field_criterion (q, d.field_ids[F_SITE], AFFARI_FIELD_MATCH_CONTAINS, "rossi.example/1", NULL, NULL);
    assert_query_matches (f, q, field_contains_folded, &c);
  }
  /* number: a range compared as numbers, not as text ("9.5" < "10.5") */
  {
    g_autoptr(AffariDealQuery) q = affari_deal_query_new ();
    FieldCheck c = { &d, F_SCORE, NULL, 9.5, 20.5 };
    affari_deal_query_set_field_criterion (q, d.field_ids[F_SCORE], AFFARI_FIELD_MATCH_NUMBER, NULL, "9.5", "20.5");
    assert_query_matches (f, q, field_number_between, &c);
    c.to = G_MAXDOUBLE;
    affari_deal_query_set_field_criterion (q, d.field_ids[F_SCORE], AFFARI_FIELD_MATCH_NUMBER, NULL, "9.5", NULL);
    assert_query_matches (f, q, field_number_between, &c);
  }
  /* money: the amount, in any currency or in one */
  {
    g_autoptr(AffariDealQuery) q = affari_deal_query_new ();
    FieldCheck c = { &d, F_BUDGET, NULL, 1000, 2500 };
    affari_deal_query_set_field_criterion (q, d.field_ids[F_BUDGET], AFFARI_FIELD_MATCH_MONEY, NULL, "1000.00", "2500.00");
    assert_query_matches (f, q, field_number_between, &c);
    c.currency = "USD";
    affari_deal_query_set_field_criterion (q, d.field_ids[F_BUDGET], AFFARI_FIELD_MATCH_MONEY, "USD", "1000.00", "2500.00");
    assert_query_matches (f, q, field_number_between, &c);
  }
  /* date: inclusive bounds */
  {
    g_autoptr(AffariDealQuery) q = affari_deal_query_new ();
    FieldCheck c = { &d, F_RENEWAL, NULL, 0, 0, "2026-02-01", "2026-02-28" };
    affari_deal_query_set_field_criterion (q, d.field_ids[F_RENEWAL], AFFARI_FIELD_MATCH_DATE, NULL, "2026-02-01", "2026-02-28");
    assert_query_matches (f, q, field_date_between, &c);
  }
  field_data_clear (&d);
}

/* Several custom-field criteria with a built-in one; the Kanban's counts follow; a saved filter
 * keeps them all. */
static void
test_custom_fields_combined (Fixture *f, gconstpointer data)
{
  FieldData d = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDealQuery) q = affari_deal_query_new ();
  g_autoptr(GPtrArray) stages = affari_store_list_stages (f->store, f->pipeline, NULL);
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GArray) totals = NULL;
  g_autofree char *sector = NULL;
  g_autofree char *text = NULL;
  guint n, counted = 0;

  field_data_fill (&d, f);
  sector = g_strdup_printf ("%" G_GINT64_FORMAT, d.sector_items[0]);
  affari_deal_query_set_field_criterion (q, d.field_ids[F_SECTOR], AFFARI_FIELD_MATCH_EQUALS, sector, NULL, NULL);
  affari_deal_query_set_field_criterion (q, d.field_ids[F_SIGNED], AFFARI_FIELD_MATCH_FLAG, "1", NULL, NULL);
  q->stage_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 1; i < stages->len; i++)
    {
      gint64 id = affari_stage_get_id (g_ptr_array_index (stages, i));
      g_array_append_val (q->stage_ids, id);
    }
  {
    FieldCheck c = { &d, F_SECTOR, sector, .stages = q->stage_ids };
    n = assert_query_matches (f, q, field_combination, &c);
  }
  g_assert_true (affari_deal_query_has_filter (q));

  /* the board's counts and totals are the filtered ones */
  totals = affari_store_stage_totals (f->store, q, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < totals->len; i++)
    counted += g_array_index (totals, AffariStageTotal, i).count;
  g_assert_cmpuint (counted, ==, n);
  g_assert_cmpuint (affari_store_count_deals (f->store, q, &error), ==, n);

  /* a view's query takes the criteria with the rest of the filter */
  {
    g_autoptr(AffariDealQuery) view = affari_deal_query_new ();
    view->pipeline_id = f->pipeline;
    affari_deal_query_merge_filter (view, q);
    g_assert_cmpuint (view->field_criteria->len, ==, 2);
    g_assert_cmpuint (affari_store_count_deals (f->store, view, NULL), ==, n);
  }

  /* saved and read back: the same criteria, and the same deals */
  affari_deal_query_set_field_criterion (q, d.field_ids[F_RENEWAL], AFFARI_FIELD_MATCH_DATE, NULL, "2026-01-01", NULL);
  affari_deal_query_set_field_criterion (q, d.field_ids[F_BUDGET], AFFARI_FIELD_MATCH_MONEY, "EUR", NULL, "4000.00");
  affari_deal_query_set_field_criterion (q, d.field_ids[F_NOTE], AFFARI_FIELD_MATCH_CONTAINS, "urg", NULL, NULL);
  affari_deal_query_set_field_criterion (q, d.field_ids[F_SCORE], AFFARI_FIELD_MATCH_NUMBER, NULL, "0.5", "90");
  g_assert_cmpint (affari_store_save_filter (f->store, "Industria firmati", q, &error), >, 0);
  g_assert_no_error (error);
  saved = affari_store_list_saved_filters (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->len, ==, 1);
  {
    AffariDealQuery *back = ((AffariSavedFilter *) g_ptr_array_index (saved, 0))->query;
    const AffariFieldCriterion *c = affari_deal_query_get_field_criterion (back, d.field_ids[F_BUDGET]);
    g_autoptr(GArray) want = ids_of (f->store, q);
    g_autoptr(GArray) got = ids_of (f->store, back);

    g_assert_true (affari_deal_query_equal (back, q));
    g_assert_cmpuint (back->field_criteria->len, ==, 6);
    g_assert_nonnull (c);
    g_assert_cmpint (c->match, ==, AFFARI_FIELD_MATCH_MONEY);
    g_assert_cmpstr (c->value, ==, "EUR");
    g_assert_null (c->from);
    g_assert_cmpstr (c->to, ==, "4000.00");
    g_assert_cmpuint (got->len, ==, want->len);
    g_assert_cmpuint (got->len, >, 0);
    g_assert_cmpmem (got->data, got->len * sizeof (gint64), want->data, want->len * sizeof (gint64));
  }

  /* a filter saved by an older Affari (one field, one value) still reads */
  text = g_strdup_printf ("{'version': <1>, 'field': <int64 %" G_GINT64_FORMAT ">, 'field-value': <'%s'>}",
                          d.field_ids[F_SECTOR], sector);
  {
    g_autoptr(AffariDealQuery) old = affari_deal_query_deserialize (text, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (old->field_criteria->len, ==, 1);
    g_assert_cmpstr (affari_deal_query_get_field_criterion (old, d.field_ids[F_SECTOR])->value, ==, sector);
  }

  /* removing one criterion widens the result */
  g_assert_true (affari_deal_query_remove_field_criterion (q, d.field_ids[F_NOTE]));
  g_assert_false (affari_deal_query_remove_field_criterion (q, d.field_ids[F_NOTE]));
  field_data_clear (&d);
}

/* Sorting by amount never puts CHF 550 between € 527 and € 600: amounts in different currencies
 * cannot be compared, so each currency's deals stand together, in order of amount, both ways. */
static void
test_amount_sort_by_currency (Fixture *f, gconstpointer data)
{
  for (guint way = 0; way < 2; way++)
    {
      AffariDealQuery q = { .sort = AFFARI_DEAL_SORT_AMOUNT, .descending = way == 1 };
      g_autoptr(GPtrArray) deals = affari_store_query_deals (f->store, &q, 0, 0, NULL);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_cmpuint (deals->len, ==, N_DEALS);
      for (guint i = 0; i < deals->len; i++)
        {
          AffariDeal *deal = g_ptr_array_index (deals, i);
          AffariDeal *before = i > 0 ? g_ptr_array_index (deals, i - 1) : NULL;
          const char *currency = affari_deal_get_currency (deal);

          if (before == NULL || g_strcmp0 (affari_deal_get_currency (before), currency) != 0)
            {
              /* a currency comes once, in one block */
              g_assert_false (g_hash_table_contains (seen, currency));
              g_hash_table_add (seen, (gpointer) currency);
            }
          else if (way == 0)
            g_assert_cmpint (affari_deal_get_amount (before), <=, affari_deal_get_amount (deal));
          else
            g_assert_cmpint (affari_deal_get_amount (before), >=, affari_deal_get_amount (deal));
        }
      /* the sample has several currencies, or this would prove nothing */
      g_assert_cmpuint (g_hash_table_size (seen), >=, 2);
    }
}

int
main (int argc, char *argv[])
{
  g_setenv ("TZ", "Europe/Rome", TRUE);
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/filter/relative-dates", test_relative_dates);
  g_test_add_func ("/filter/relative-dates-in-store", test_relative_dates_in_store);
  g_test_add_func ("/filter/search-accents", test_search_accents);
  g_test_add_func ("/filter/migration", test_migration);
  g_test_add_func ("/filter/search-cache", test_search_cache);
  g_test_add ("/filter/kept-totals", Fixture, NULL, fixture_setup, test_kept_totals, fixture_teardown);
  g_test_add ("/filter/search-plans", Fixture, NULL, fixture_setup, test_search_plans, fixture_teardown);
  g_test_add ("/filter/each-criterion", Fixture, NULL, fixture_setup, test_each_criterion, fixture_teardown);
  g_test_add ("/filter/combinations", Fixture, NULL, fixture_setup, test_combinations, fixture_teardown);
  g_test_add ("/filter/presets", Fixture, NULL, fixture_setup, test_presets, fixture_teardown);
  g_test_add ("/filter/saved", Fixture, NULL, fixture_setup, test_saved_filters, fixture_teardown);
  g_test_add ("/filter/bulk", Fixture, NULL, fixture_setup, test_bulk, fixture_teardown);
  g_test_add ("/filter/sorts", Fixture, NULL, fixture_setup, test_sorts, fixture_teardown);
  g_test_add ("/filter/custom-fields", Fixture, NULL, fixture_setup, test_custom_fields, fixture_teardown);
  g_test_add ("/filter/custom-fields-combined", Fixture, NULL, fixture_setup, test_custom_fields_combined, fixture_teardown);
  g_test_add ("/filter/amount-sort-by-currency", Fixture, NULL, fixture_setup, test_amount_sort_by_currency, fixture_teardown);

  return g_test_run ();
}
