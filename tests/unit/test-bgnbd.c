/* test-bgnbd.c — the BG/NBD model reproduces Fader, Hardie & Lee (2005) on the CDNOW sample
 *
 * The figures are the paper's and the lifetimes / BTYD tests' (reference §3.2). The sample's
 * path comes from meson (AFFARI_CDNOW), ../shared/data/cdnow/ next to the project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "model/affari-bgnbd.h"
#include "model/affari-error.h"
#include "model/affari-i18n.h"
#include "io/affari-cdnow.h"

static const AffariBgnbdParams paper = { 0.2426, 4.4135, 0.7929, 2.4258 };

static GArray *
read_cdnow (GArray **holdout)
{
  g_autoptr(GError) error = NULL;
  const char *path = g_getenv ("AFFARI_CDNOW");
  GDate cal_end, hold_end;
  GArray *customers;

  g_assert_nonnull (path);
  g_date_clear (&cal_end, 1);
  g_date_clear (&hold_end, 1);
  g_date_set_dmy (&cal_end, 30, G_DATE_SEPTEMBER, 1997);
  g_date_set_dmy (&hold_end, 30, G_DATE_JUNE, 1998);
  customers = affari_cdnow_read (path, &cal_end, &hold_end, holdout, &error);
  g_assert_no_error (error);
  return customers;
}

static void
assert_within (double value, double expected, double relative)
{
  if (fabs (value - expected) > relative * fabs (expected))
    g_error ("%.6f is not within %.2f %% of %.6f", value, relative * 100, expected);
}

static void
test_cdnow_summary (void)
{
  g_autoptr(GArray) holdout = NULL;
  g_autoptr(GArray) customers = read_cdnow (&holdout);
  g_autoptr(GArray) patterns = affari_bgnbd_aggregate ((AffariBgnbdCustomer *) customers->data, customers->len);
  double sum_x = 0, sum_after = 0;

  g_assert_cmpuint (customers->len, ==, 2357);
  g_assert_cmpuint (patterns->len, ==, 1016);
  for (guint i = 0; i < customers->len; i++)
    {
      sum_x += g_array_index (customers, AffariBgnbdCustomer, i).x;
      sum_after += g_array_index (holdout, double, i);
    }
  g_assert_cmpfloat (sum_x, ==, 2457);
  g_assert_cmpfloat (sum_after, ==, 1882);
}

static void
test_cdnow_fit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) holdout = NULL;
  g_autoptr(GArray) customers = read_cdnow (&holdout);
  AffariBgnbdFit fit;
  double predicted = 0, fitted = 0;

  g_assert_true (affari_bgnbd_fit ((AffariBgnbdCustomer *) customers->data, customers->len, 0,
                                   NULL, NULL, NULL, &fit, &error));
  g_assert_no_error (error);
  g_test_message ("r=%.4f alpha=%.4f a=%.4f b=%.4f ll=%.3f (%u evaluations, %u runs)",
                  fit.params.r, fit.params.alpha, fit.params.a, fit.params.b, fit.ll, fit.evaluations, fit.restarts);
  assert_within (fit.params.r, 0.243, 0.005);
  assert_within (fit.params.alpha, 4.414, 0.005);
  assert_within (fit.params.a, 0.793, 0.005);
  assert_within (fit.params.b, 2.426, 0.005);
  g_assert_cmpfloat_with_epsilon (fit.ll, -9582.4, 0.5);
  g_assert_cmpuint (fit.n_patterns, ==, 1016);

  /* The conditional expectations of the holdout (39 weeks) and of the calibration itself. */
  for (guint i = 0; i < customers->len; i++)
    {
      const AffariBgnbdCustomer *c = &g_array_index (customers, AffariBgnbdCustomer, i);

      predicted += affari_bgnbd_conditional_expected (&fit.params, c->x, c->t_x, c->T, 39);
      fitted += affari_bgnbd_expected_purchases (&fit.params, c->T);
    }
  g_assert_cmpfloat_with_epsilon (predicted, 1653, 5);
  g_assert_cmpfloat_with_epsilon (fitted, 2494, 5);
}

static void
test_predictions (void)
{
  static const double t[] = { 0.1429, 1, 3, 31.8571, 32, 78 };
  static const double expected[] = { 0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576 };

  g_assert_cmpfloat_with_epsilon (affari_bgnbd_conditional_expected (&paper, 2, 30.43, 38.86, 39), 1.226, 0.005);
  g_assert_cmpfloat_with_epsilon (affari_bgnbd_p_alive (&paper, 2, 30.43, 38.86), 0.7266, 0.0005);
  g_assert_cmpfloat (affari_bgnbd_p_alive (&paper, 0, 0, 38.86), ==, 1.0);
  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    g_assert_cmpfloat_with_epsilon (affari_bgnbd_expected_purchases (&paper, t[i]), expected[i], 0.0006);
  /* ₂F₁(1, 1; 2; z) = −log(1 − z)/z, and one that needs Euler's transform near z = 1. */
  g_assert_cmpfloat_with_epsilon (affari_bgnbd_hyp2f1 (1, 1, 2, 0.5), -log (0.5) / 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (affari_bgnbd_hyp2f1 (0.5, 0.5, 1.5, 0.25), asin (0.5) / 0.5, 1e-12);
  g_assert_true (isnan (affari_bgnbd_hyp2f1 (1, 1, 2, 1.0)));
}

static void
test_numerical_guards (void)
{
  AffariBgnbdParams near_one = paper, below = paper, above = paper;
  double e_near, e_below, e_above;

  /* a = 1 exactly: eq. 9 and 10 would divide 0 by 0; the values sit between their neighbours. */
  near_one.a = 1.0;
  below.a = 0.999;
  above.a = 1.001;
  e_near = affari_bgnbd_conditional_expected (&near_one, 2, 30.43, 38.86, 39);
  e_below = affari_bgnbd_conditional_expected (&below, 2, 30.43, 38.86, 39);
  e_above = affari_bgnbd_conditional_expected (&above, 2, 30.43, 38.86, 39);
  g_assert_true (isfinite (e_near));
  g_assert_cmpfloat (e_near, >=, MIN (e_below, e_above) - 1e-9);
  g_assert_cmpfloat (e_near, <=, MAX (e_below, e_above) + 1e-9);
  g_assert_true (isfinite (affari_bgnbd_expected_purchases (&near_one, 39)));
  g_assert_cmpfloat_with_epsilon (affari_bgnbd_expected_purchases (&near_one, 39),
                                  (affari_bgnbd_expected_purchases (&below, 39) + affari_bgnbd_expected_purchases (&above, 39)) / 2, 1e-4);

  /* Huge x: ((α+T)/(α+t_x))^(r+x) overflows a double; the results stay finite and sensible. */
  {
    double alive_recent = affari_bgnbd_p_alive (&paper, 5000, 38.86, 38.86);
    double alive_gone = affari_bgnbd_p_alive (&paper, 5000, 10, 38.86);
    double e = affari_bgnbd_conditional_expected (&paper, 5000, 38.86, 38.86, 39);
    AffariBgnbdCustomer heavy[] = { { 5000, 38.8, 38.86, 1 }, { 0, 0, 38.86, 1 } };
    double ll = affari_bgnbd_log_likelihood (&paper, heavy, G_N_ELEMENTS (heavy));

    g_assert_cmpfloat (alive_recent, >, 0.99);
    g_assert_cmpfloat (alive_gone, >=, 0);
    g_assert_cmpfloat (alive_gone, <, 1e-10);
    g_assert_true (isfinite (e));
    /* Buying about 129 times a week and still alive: about as many in the next 39 weeks. */
    g_assert_cmpfloat (e, >, 3000);
    g_assert_cmpfloat (e, <, 6000);
    g_assert_true (isfinite (ll));
  }

  /* x = 0: alive for sure, expectations positive and growing with t. */
  {
    double e30 = affari_bgnbd_conditional_expected (&paper, 0, 0, 38.86, 30);
    double e60 = affari_bgnbd_conditional_expected (&paper, 0, 0, 38.86, 60);

    g_assert_cmpfloat (e30, >, 0);
    g_assert_cmpfloat (e60, >, e30);
  }
}

static void
test_simulated_recovery (void)
{
  const AffariBgnbdParams truth = { 0.8, 40.0, 0.6, 3.0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  AffariBgnbdCustomer *customers = g_new (AffariBgnbdCustomer, 5000);
  AffariBgnbdFit fit;

  affari_bgnbd_simulate (&truth, 5000, 100, 700, rand, customers);
  g_assert_true (affari_bgnbd_fit (customers, 5000, 0, NULL, NULL, NULL, &fit, &error));
  g_assert_no_error (error);
  g_test_message ("r=%.3f alpha=%.3f a=%.3f b=%.3f", fit.params.r, fit.params.alpha, fit.params.a, fit.params.b);
  assert_within (fit.params.r, truth.r, 0.15);
  assert_within (fit.params.alpha, truth.alpha, 0.2);
  assert_within (fit.params.a, truth.a, 0.3);
  assert_within (fit.params.b, truth.b, 0.4);
  g_free (customers);
}

/* Everybody buying at one rate and nobody leaving (as random sample data does): the penalized
 * fit stays finite and so do its predictions, including a + b < 1 (₂F₁ with a negative c). */
static void
test_degenerate_population (void)
{
  const AffariBgnbdParams homogeneous = { 2000, 60000, 0.001, 200 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  AffariBgnbdCustomer *customers = g_new (AffariBgnbdCustomer, 300);
  AffariBgnbdFit fit;

  affari_bgnbd_simulate (&homogeneous, 300, 30, 365, rand, customers);
  g_assert_true (affari_bgnbd_fit (customers, 300, AFFARI_BGNBD_PENALIZER, NULL, NULL, NULL, &fit, &error));
  g_assert_no_error (error);
  g_test_message ("r=%g alpha=%g a=%g b=%g", fit.params.r, fit.params.alpha, fit.params.a, fit.params.b);
  for (guint i = 0; i < 300; i++)
    {
      double e = affari_bgnbd_conditional_expected (&fit.params, customers[i].x, customers[i].t_x, customers[i].T, 90);

      g_assert_true (isfinite (e));
      g_assert_cmpfloat (e, >=, 0);
    }
  /* One purchase a month: about three in the next 90 days for a customer seen all along. */
  g_assert_cmpfloat_with_epsilon (affari_bgnbd_conditional_expected (&fit.params, 12, 360, 365, 90), 3, 1);
  g_assert_true (isfinite (affari_bgnbd_hyp2f1 (1, 1, -0.5, 0.1)));
  g_assert_true (isnan (affari_bgnbd_hyp2f1 (1, 1, -1, 0.1)));
  g_free (customers);
}

static gboolean
stop_now (gpointer data)
{
  return TRUE;
}

static void
test_stop_and_bad_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) customers = read_cdnow (NULL);
  AffariBgnbdCustomer bad[] = { { 2, 5, 3, 1 }, { 0, 0, 3, 1 } };
  AffariBgnbdFit fit;

  g_assert_false (affari_bgnbd_fit ((AffariBgnbdCustomer *) customers->data, customers->len, 0,
                                    NULL, stop_now, NULL, &fit, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (affari_bgnbd_fit (bad, G_N_ELEMENTS (bad), 0, NULL, NULL, NULL, &fit, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
}

static void
test_cdnow_bad_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("affari-cdnow-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bad.txt", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.txt", NULL);
  GDate cal_end, hold_end;
  GArray *customers;

  g_date_clear (&cal_end, 1);
  g_date_clear (&hold_end, 1);
  g_date_set_dmy (&cal_end, 30, G_DATE_SEPTEMBER, 1997);
  g_date_set_dmy (&hold_end, 30, G_DATE_JUNE, 1998);
  g_assert_true (g_file_set_contents (path, " 00004 0001 19970101  2   29.33\r\n 00004 0001 19971340  2   29.73\r\n", -1, NULL));
  customers = affari_cdnow_read (path, &cal_end, &hold_end, NULL, &error);
  g_assert_null (customers);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE);
  /* In Italian, naming the line. */
  g_assert_nonnull (strstr (error->message, "2"));
  g_assert_nonnull (strstr (error->message, "riga"));
  g_clear_error (&error);
  customers = affari_cdnow_read (missing, &cal_end, &hold_end, NULL, &error);
  g_assert_null (customers);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_IO);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bgnbd/cdnow/summary", test_cdnow_summary);
  g_test_add_func ("/bgnbd/cdnow/fit", test_cdnow_fit);
  g_test_add_func ("/bgnbd/cdnow/bad-files", test_cdnow_bad_files);
  g_test_add_func ("/bgnbd/predictions", test_predictions);
  g_test_add_func ("/bgnbd/numerical-guards", test_numerical_guards);
  g_test_add_func ("/bgnbd/simulated-recovery", test_simulated_recovery);
  g_test_add_func ("/bgnbd/stop-and-bad-input", test_stop_and_bad_input);
  g_test_add_func ("/bgnbd/degenerate-population", test_degenerate_population);
  return g_test_run ();
}
