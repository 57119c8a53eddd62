/* affari-bgnbd.h — the BG/NBD model of repeat purchases (Fader, Hardie & Lee 2005)
 *
 * While alive a customer buys at a Poisson rate λ ~ Gamma(r, α); after each repeat purchase he
 * drops out with probability p ~ Beta(a, b). Each customer is seen as x (repeat purchases:
 * distinct purchase days − 1), t_x (time of the last purchase after the first) and T (time from
 * the first purchase to the end of the calibration), all in one unit (weeks, days).
 *
 * Plain C and libm: everything is computed in logs (lgamma, log-sum-exp) so that a customer with
 * hundreds of purchases does not overflow, and the singular a = 1 is stepped around.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double x;       /* repeat purchases */
  double t_x;     /* recency: last purchase − first purchase */
  double T;       /* age: end of calibration − first purchase */
  double weight;  /* how many customers share these figures (1 for one) */
} AffariBgnbdCustomer;

typedef struct {
  double r, alpha, a, b;
} AffariBgnbdParams;

/* Fraction done in [0, 1]; called from the thread that fits. */
typedef void     (*AffariBgnbdProgress)   (double fraction, gpointer data);
/* TRUE to stop the fit (a window closed): it fails with G_IO_ERROR_CANCELLED. */
typedef gboolean (*AffariBgnbdShouldStop) (gpointer data);

typedef struct {
  AffariBgnbdParams params;
  double ll;              /* log-likelihood of the customers, in their own time unit */
  guint n_patterns;       /* distinct (x, t_x, T) after aggregation */
  guint evaluations;      /* of the likelihood */
  guint restarts;         /* Nelder–Mead runs until two agree */
} AffariBgnbdFit;

/* The customers with identical (x, t_x, T) gathered into one row each, their weights added
 * (sorted by x, t_x, T). */
GArray  *affari_bgnbd_aggregate        (const AffariBgnbdCustomer *customers, guint n_customers);
/* Σ weight · log L of the customers under @params. */
double   affari_bgnbd_log_likelihood   (const AffariBgnbdParams *params, const AffariBgnbdCustomer *customers,
                                        guint n_customers);
/* The maximum-likelihood parameters: Nelder–Mead on the log-parameters, time rescaled so that
 * the largest T is 1, identical customers aggregated, restarted until two runs agree.
 * @penalizer: lifetimes' L2 penalty on the (rescaled) parameters, 0 for the paper's fit; a small
 * one (AFFARI_BGNBD_PENALIZER) keeps a small or odd sample from running off to a degenerate
 * model (r and α to infinity, a to 0). @progress, @should_stop nullable. Fails on too few
 * customers or a likelihood that is not finite. */
#define AFFARI_BGNBD_PENALIZER 0.0001
gboolean affari_bgnbd_fit              (const AffariBgnbdCustomer *customers, guint n_customers, double penalizer,
                                        AffariBgnbdProgress progress, AffariBgnbdShouldStop should_stop,
                                        gpointer data, AffariBgnbdFit *out, GError **error);

/* P(alive | x, t_x, T): 1 for a customer who never bought again. */
double   affari_bgnbd_p_alive          (const AffariBgnbdParams *params, double x, double t_x, double T);
/* E[X(t)]: the purchases a new customer makes in a period of length @t. */
double   affari_bgnbd_expected_purchases (const AffariBgnbdParams *params, double t);
/* E[Y(t) | x, t_x, T]: the purchases a customer with that history makes in the next @t. */
double   affari_bgnbd_conditional_expected (const AffariBgnbdParams *params, double x, double t_x, double T,
                                            double t);
/* Gauss's ₂F₁(a, b; c; z) for 0 ≤ z < 1: the power series while it converges, else Euler's
 * transform; NaN when neither does. */
double   affari_bgnbd_hyp2f1           (double a, double b, double c, double z);

/* Draws @n customers from the model (@T_min ≤ T ≤ @T_max uniformly), with @rand: for tests and
 * the benchmark, which check that a fit finds the parameters back. */
void     affari_bgnbd_simulate         (const AffariBgnbdParams *params, guint n, double T_min, double T_max,
                                        GRand *rand, AffariBgnbdCustomer *out);

G_END_DECLS
