/* affari-bench-forecast.c — how long the BG/NBD fit of N customers takes (--forecast N)
 *
 * Customers are drawn from the model with known parameters (seeded) over two years of days, as
 * the forecast sees a database's clients; the fit must take under a second for 10,000. Prints
 * the median time of RUNS fits, the parameters found against those drawn from, and the peak
 * memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-bench"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "model/affari-bgnbd.h"
#include "cli/affari-bench-private.h"

#define FORECAST_RUNS 5

static void
add_params (JsonBuilder             *json,
            const char              *name,
            const AffariBgnbdParams *p)
{
  json_builder_set_member_name (json, name);
  json_builder_begin_object (json);
  json_builder_set_member_name (json, "r");
  json_builder_add_double_value (json, p->r);
  json_builder_set_member_name (json, "alpha");
  json_builder_add_double_value (json, p->alpha);
  json_builder_set_member_name (json, "a");
  json_builder_add_double_value (json, p->a);
  json_builder_set_member_name (json, "b");
  json_builder_add_double_value (json, p->b);
  json_builder_end_object (json);
}

int
bench_run_forecast (int customers,
                    int seed)
{
  /* A client buys about every 50 days, one in five leaves after a purchase on average. */
  const AffariBgnbdParams truth = { 1.2, 60.0, 0.7, 3.0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) seed);
  g_autoptr(GArray) drawn = g_array_sized_new (FALSE, FALSE, sizeof (AffariBgnbdCustomer), (guint) customers);
  g_autoptr(GArray) patterns = NULL;
  g_autoptr(JsonBuilder) json = json_builder_new ();
  double times[FORECAST_RUNS];
  AffariBgnbdFit fit = { 0 };
  struct rusage usage;
  long rss_before = bench_rss_kb (0);

  if (customers < 2)
    {
      g_printerr ("--forecast needs at least 2 customers\n");
      return 2;
    }
  g_array_set_size (drawn, (guint) customers);
  /* Whole days, as the database gives them: identical rows are then common. */
  affari_bgnbd_simulate (&truth, (guint) customers, 1, 730, rand, (AffariBgnbdCustomer *) drawn->data);
  for (guint i = 0; i < drawn->len; i++)
    {
      AffariBgnbdCustomer *c = &g_array_index (drawn, AffariBgnbdCustomer, i);

      c->T = floor (c->T);
      c->t_x = MIN (floor (c->t_x), c->T);
    }
  patterns = affari_bgnbd_aggregate ((const AffariBgnbdCustomer *) drawn->data, drawn->len);

  for (guint run = 0; run < FORECAST_RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      double start = bench_now_ms ();

      if (!affari_bgnbd_fit ((const AffariBgnbdCustomer *) drawn->data, drawn->len, AFFARI_BGNBD_PENALIZER,
                             NULL, NULL, NULL, &fit, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      times[run] = bench_now_ms () - start;
    }
  qsort (times, FORECAST_RUNS, sizeof (double), bench_compare_doubles);
  getrusage (RUSAGE_SELF, &usage);

  json_builder_begin_object (json);
  json_builder_set_member_name (json, "forecast_customers");
  json_builder_add_int_value (json, customers);
  json_builder_set_member_name (json, "forecast_patterns");
  json_builder_add_int_value (json, patterns->len);
  bench_add_double (json, "forecast", "fit_ms", times[FORECAST_RUNS / 2]);
  bench_add_double (json, "forecast", "fit_max_ms", times[FORECAST_RUNS - 1]);
  json_builder_set_member_name (json, "forecast_evaluations");
  json_builder_add_int_value (json, fit.evaluations);
  add_params (json, "forecast_truth", &truth);
  add_params (json, "forecast_fitted", &fit.params);
  bench_add_double (json, "forecast", "ll", fit.ll);
  json_builder_set_member_name (json, "forecast_rss_before_kb");
  json_builder_add_int_value (json, rss_before);
  json_builder_set_member_name (json, "forecast_peak_rss_kb");
  json_builder_add_int_value (json, usage.ru_maxrss);
  json_builder_end_object (json);

  bench_print_json (json);
  return 0;
}
