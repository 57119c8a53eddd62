/* affari-bgnbd.c — the BG/NBD model: likelihood, fit, and what it predicts
 *
 * The formulas are those of the paper (eq. 6, 9, 10) and Hardie's notes 004 and 021, as
 * lifetimes implements them; the reference values of the CDNOW sample are in test-bgnbd.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-bgnbd"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "model/affari-error.h"
#include "model/affari-bgnbd.h"

#define N_PARAMS 4
/* The log-parameters are kept in [−LOG_LIMIT, LOG_LIMIT]: beyond, the likelihood is flat or
 * lgamma loses its digits, and a tiny sample would otherwise walk off to infinity. */
#define LOG_LIMIT 25.0
/* A Nelder–Mead run has converged when the simplex's values and points agree this closely. */
#define F_TOLERANCE 1e-12
#define X_TOLERANCE 1e-8
#define MAX_EVALUATIONS_PER_RUN 4000
#define MAX_RUNS 12
/* Below this distance from 1, a is replaced by the mean of a ± A_STEP (eq. 9 and 10 divide by a − 1;
 * the limit exists, the quotient of two tiny numbers does not). */
#define A_STEP 1e-5
#define SERIES_EPSILON 1e-15
#define SERIES_MAX_TERMS 200000

/* The likelihood's data, indexed so that an evaluation computes each logarithm once per
 * distinct value of x, t_x and T rather than once per customer. */
typedef struct {
  const AffariBgnbdCustomer *rows;
  guint n_rows;
  double total_weight;
  double *xs, *txs, *Ts;          /* distinct values, sorted */
  guint n_xs, n_txs, n_Ts;
  guint *x_index, *tx_index, *T_index;  /* per row */
  double *a12, *log_bx1, *log_aT, *log_atx;  /* per distinct value, per evaluation */
  double penalizer;
  guint evaluations;
} Eval;

/* ---- aggregation ---- */

static int
compare_customers (gconstpointer pa,
                   gconstpointer pb)
{
  const AffariBgnbdCustomer *a = pa, *b = pb;

  if (a->x != b->x)
    return a->x < b->x ? -1 : 1;
  if (a->t_x != b->t_x)
    return a->t_x < b->t_x ? -1 : 1;
  if (a->T != b->T)
    return a->T < b->T ? -1 : 1;
  return 0;
}

GArray *
affari_bgnbd_aggregate (const AffariBgnbdCustomer *customers,
                        guint                      n_customers)
{
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (AffariBgnbdCustomer), n_customers);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (AffariBgnbdCustomer));

  g_array_append_vals (sorted, customers, n_customers);
  g_array_sort (sorted, compare_customers);
  for (guint i = 0; i < sorted->len; i++)
    {
      const AffariBgnbdCustomer *c = &g_array_index (sorted, AffariBgnbdCustomer, i);

      if (out->len > 0 && compare_customers (c, &g_array_index (out, AffariBgnbdCustomer, out->len - 1)) == 0)
        g_array_index (out, AffariBgnbdCustomer, out->len - 1).weight += c->weight;
      else
        g_array_append_val (out, *c);
    }
  return out;
}

/* ---- the likelihood ---- */

static int
compare_doubles (const void *pa,
                 const void *pb)
{
  double a = *(const double *) pa, b = *(const double *) pb;
  return a < b ? -1 : a > b;
}

/* The distinct values of one field of the rows, and each row's index among them. */
static double *
distinct_values (const AffariBgnbdCustomer *rows,
                 guint                      n_rows,
                 gsize                      offset,
                 guint                     *n_out,
                 guint                    **index_out)
{
  double *values = g_new (double, MAX (n_rows, 1));
  guint *index = g_new (guint, MAX (n_rows, 1));
  guint n = 0;

  for (guint i = 0; i < n_rows; i++)
    values[i] = G_STRUCT_MEMBER (double, &rows[i], offset);
  qsort (values, n_rows, sizeof (double), compare_doubles);
  for (guint i = 0; i < n_rows; i++)
    if (n == 0 || values[n - 1] != values[i])
      values[n++] = values[i];
  for (guint i = 0; i < n_rows; i++)
    {
      double v = G_STRUCT_MEMBER (double, &rows[i], offset);
      double *found = bsearch (&v, values, n, sizeof (double), compare_doubles);

      index[i] = (guint) (found - values);
    }
  *n_out = n;
  *index_out = index;
  return values;
}

static void
eval_init (Eval                      *e,
           const AffariBgnbdCustomer *rows,
           guint                      n_rows)
{
  memset (e, 0, sizeof *e);
  e->rows = rows;
  e->n_rows = n_rows;
  for (guint i = 0; i < n_rows; i++)
    e->total_weight += rows[i].weight;
  e->xs = distinct_values (rows, n_rows, G_STRUCT_OFFSET (AffariBgnbdCustomer, x), &e->n_xs, &e->x_index);
  e->txs = distinct_values (rows, n_rows, G_STRUCT_OFFSET (AffariBgnbdCustomer, t_x), &e->n_txs, &e->tx_index);
  e->Ts = distinct_values (rows, n_rows, G_STRUCT_OFFSET (AffariBgnbdCustomer, T), &e->n_Ts, &e->T_index);
  e->a12 = g_new (double, MAX (e->n_xs, 1));
  e->log_bx1 = g_new (double, MAX (e->n_xs, 1));
  e->log_atx = g_new (double, MAX (e->n_txs, 1));
  e->log_aT = g_new (double, MAX (e->n_Ts, 1));
}

static void
eval_clear (Eval *e)
{
  g_free (e->xs);
  g_free (e->txs);
  g_free (e->Ts);
  g_free (e->x_index);
  g_free (e->tx_index);
  g_free (e->T_index);
  g_free (e->a12);
  g_free (e->log_bx1);
  g_free (e->log_atx);
  g_free (e->log_aT);
}

/* Σ w·LL with LL = A1 + A2 + log(e^A3 + [x > 0]·e^A4) (Hardie's note 004). */
static double
eval_log_likelihood (Eval                    *e,
                     const AffariBgnbdParams *p)
{
  double r = p->r, alpha = p->alpha, a = p->a, b = p->b;
  double r_log_alpha = r * log (alpha);
  double log_a = log (a);
  double lg_r = lgamma (r), lg_ab = lgamma (a + b), lg_b = lgamma (b);
  double sum = 0;

  e->evaluations++;
  for (guint k = 0; k < e->n_xs; k++)
    {
      double x = e->xs[k];

      e->a12[k] = lgamma (r + x) - lg_r + lg_ab + lgamma (b + x) - lg_b - lgamma (a + b + x);
      e->log_bx1[k] = x > 0 ? log (b + x - 1) : 0;
    }
  for (guint k = 0; k < e->n_txs; k++)
    e->log_atx[k] = log (alpha + e->txs[k]);
  for (guint k = 0; k < e->n_Ts; k++)
    e->log_aT[k] = log (alpha + e->Ts[k]);

  for (guint i = 0; i < e->n_rows; i++)
    {
      const AffariBgnbdCustomer *c = &e->rows[i];
      guint xi = e->x_index[i];
      double rx = r + c->x;
      double a3 = -rx * e->log_aT[e->T_index[i]];
      double ll = e->a12[xi] + r_log_alpha;

      if (c->x > 0)
        {
          double a4 = log_a - e->log_bx1[xi] - rx * e->log_atx[e->tx_index[i]];
          double hi = MAX (a3, a4), lo = MIN (a3, a4);

          ll += hi + log1p (exp (lo - hi));
        }
      else
        ll += a3;
      sum += c->weight * ll;
    }
  return sum;
}

double
affari_bgnbd_log_likelihood (const AffariBgnbdParams   *params,
                             const AffariBgnbdCustomer *customers,
                             guint                      n_customers)
{
  Eval e;
  double ll;

  eval_init (&e, customers, n_customers);
  ll = eval_log_likelihood (&e, params);
  eval_clear (&e);
  return ll;
}

/* ---- the fit ---- */

/* The mean negative log-likelihood at the log-parameters @theta (+∞ outside the box). */
static double
objective (Eval         *e,
           const double *theta)
{
  AffariBgnbdParams p;
  double ll;

  for (guint i = 0; i < N_PARAMS; i++)
    if (!(theta[i] >= -LOG_LIMIT && theta[i] <= LOG_LIMIT))
      return INFINITY;
  p.r = exp (theta[0]);
  p.alpha = exp (theta[1]);
  p.a = exp (theta[2]);
  p.b = exp (theta[3]);
  ll = eval_log_likelihood (e, &p);
  if (!isfinite (ll))
    return INFINITY;
  return -ll / e->total_weight + e->penalizer * (p.r * p.r + p.alpha * p.alpha + p.a * p.a + p.b * p.b);
}

typedef struct {
  AffariBgnbdProgress progress;
  AffariBgnbdShouldStop should_stop;
  gpointer data;
  guint expected_evaluations;
} FitWatch;

/* One Nelder–Mead run from @theta (updated to the best point) with a first simplex of @step;
 * FALSE when told to stop. */
static gboolean
nelder_mead (Eval     *e,
             double   *theta,
             double    step,
             double   *f_out,
             FitWatch *watch)
{
  double pts[N_PARAMS + 1][N_PARAMS];
  double f[N_PARAMS + 1];
  guint start = e->evaluations;
  guint iterations = 0;

  for (guint i = 0; i <= N_PARAMS; i++)
    {
      memcpy (pts[i], theta, sizeof pts[i]);
      if (i > 0)
        pts[i][i - 1] += step;
      f[i] = objective (e, pts[i]);
    }

  while (e->evaluations - start < MAX_EVALUATIONS_PER_RUN)
    {
      double centroid[N_PARAMS] = { 0 }, xr[N_PARAMS], xe[N_PARAMS], xc[N_PARAMS];
      double fr, spread = 0;
      guint best = 0, worst = 0, second = 0;

      for (guint i = 1; i <= N_PARAMS; i++)
        {
          if (f[i] < f[best])
            best = i;
          if (f[i] > f[worst])
            worst = i;
        }
      second = best;
      for (guint i = 0; i <= N_PARAMS; i++)
        if (i != worst && f[i] >= f[second])
          second = i;

      for (guint i = 0; i <= N_PARAMS; i++)
        for (guint j = 0; j < N_PARAMS; j++)
          spread = MAX (spread, fabs (pts[i][j] - pts[best][j]));
      if (isfinite (f[worst]) && f[worst] - f[best] <= F_TOLERANCE * (1 + fabs (f[best])) && spread <= X_TOLERANCE)
        break;

      if ((++iterations & 15) == 0)
        {
          if (watch->should_stop != NULL && watch->should_stop (watch->data))
            return FALSE;
          if (watch->progress != NULL)
            watch->progress (MIN (0.95, (double) e->evaluations / watch->expected_evaluations), watch->data);
        }

      for (guint i = 0; i <= N_PARAMS; i++)
        if (i != worst)
          for (guint j = 0; j < N_PARAMS; j++)
            centroid[j] += pts[i][j] / N_PARAMS;

      for (guint j = 0; j < N_PARAMS; j++)
        xr[j] = centroid[j] + (centroid[j] - pts[worst][j]);
      fr = objective (e, xr);
      if (fr < f[best])
        {
          double fe;

          for (guint j = 0; j < N_PARAMS; j++)
            xe[j] = centroid[j] + 2 * (centroid[j] - pts[worst][j]);
          fe = objective (e, xe);
          if (fe < fr)
            {
              memcpy (pts[worst], xe, sizeof xe);
              f[worst] = fe;
            }
          else
            {
              memcpy (pts[worst], xr, sizeof xr);
              f[worst] = fr;
            }
          continue;
        }
      if (fr < f[second])
        {
          memcpy (pts[worst], xr, sizeof xr);
          f[worst] = fr;
          continue;
        }
      {
        /* Contract towards the better of the worst point and its reflection. */
        gboolean outside = fr < f[worst];
        double fc;

        for (guint j = 0; j < N_PARAMS; j++)
          xc[j] = outside ? centroid[j] + 0.5 * (xr[j] - centroid[j])
                          : centroid[j] + 0.5 * (pts[worst][j] - centroid[j]);
        fc = objective (e, xc);
        if (fc < MIN (fr, f[worst]))
          {
            memcpy (pts[worst], xc, sizeof xc);
            f[worst] = fc;
            continue;
          }
      }
      for (guint i = 0; i <= N_PARAMS; i++)
        if (i != best)
          {
            for (guint j = 0; j < N_PARAMS; j++)
              pts[i][j] = pts[best][j] + 0.5 * (pts[i][j] - pts[best][j]);
            f[i] = objective (e, pts[i]);
          }
    }

  {
    guint best = 0;

    for (guint i = 1; i <= N_PARAMS; i++)
      if (f[i] < f[best])
        best = i;
    memcpy (theta, pts[best], sizeof pts[best]);
    *f_out = f[best];
  }
  return TRUE;
}

gboolean
affari_bgnbd_fit (const AffariBgnbdCustomer *customers,
                  guint                      n_customers,
                  double                     penalizer,
                  AffariBgnbdProgress        progress,
                  AffariBgnbdShouldStop      should_stop,
                  gpointer                   data,
                  AffariBgnbdFit            *out,
                  GError                   **error)
{
  g_autoptr(GArray) rows = NULL;
  double scale = 0, f = INFINITY;
  /* lifetimes' start: 0.1 for every log-parameter. */
  double theta[N_PARAMS] = { 0.1, 0.1, 0.1, 0.1 };
  FitWatch watch = { progress, should_stop, data, 1500 };
  gboolean ok = TRUE;
  Eval e;

  memset (out, 0, sizeof *out);
  for (guint i = 0; i < n_customers; i++)
    {
      const AffariBgnbdCustomer *c = &customers[i];

      if (!(c->x >= 0 && c->t_x >= 0 && c->T >= c->t_x && c->weight > 0) || (c->x == 0 && c->t_x != 0))
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                       _("A customer’s purchase history is not consistent: %g repeat purchases, the last at %g, age %g"),
                       c->x, c->t_x, c->T);
          return FALSE;
        }
      scale = MAX (scale, c->T);
    }
  if (n_customers < 2 || scale <= 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                           _("Too few customers to estimate their buying habits"));
      return FALSE;
    }

  /* Time rescaled so that the oldest customer's age is 1: α then starts in the right order of
   * magnitude whatever the unit (days or weeks), as in lifetimes. */
  rows = affari_bgnbd_aggregate (customers, n_customers);
  for (guint i = 0; i < rows->len; i++)
    {
      AffariBgnbdCustomer *c = &g_array_index (rows, AffariBgnbdCustomer, i);

      c->t_x /= scale;
      c->T /= scale;
    }
  eval_init (&e, (const AffariBgnbdCustomer *) rows->data, rows->len);
  e.penalizer = penalizer;

  /* Restarted from its own best point until two runs end at the same value: a single run can
   * stop on a simplex that has collapsed before the minimum. */
  for (guint run = 0; run < MAX_RUNS; run++)
    {
      double before[N_PARAMS], f_new, moved = 0;

      memcpy (before, theta, sizeof theta);
      if (!nelder_mead (&e, theta, run == 0 ? 0.5 : 0.05, &f_new, &watch))
        {
          ok = FALSE;
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The estimate was cancelled"));
          break;
        }
      for (guint j = 0; j < N_PARAMS; j++)
        moved = MAX (moved, fabs (theta[j] - before[j]));
      out->restarts = run + 1;
      if (run > 0 && fabs (f - f_new) <= 1e-11 * (1 + fabs (f_new)) && moved < 1e-6)
        {
          f = f_new;
          break;
        }
      f = f_new;
    }
  out->evaluations = e.evaluations;
  eval_clear (&e);
  if (!ok)
    return FALSE;
  if (!isfinite (f))
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_FAILED,
                           _("The purchase history could not be fitted: the model gives it no probability"));
      return FALSE;
    }

  out->params.r = exp (theta[0]);
  out->params.alpha = exp (theta[1]) * scale;
  out->params.a = exp (theta[2]);
  out->params.b = exp (theta[3]);
  out->n_patterns = rows->len;
  {
    g_autoptr(GArray) original = affari_bgnbd_aggregate (customers, n_customers);

    out->ll = affari_bgnbd_log_likelihood (&out->params, (const AffariBgnbdCustomer *) original->data, original->len);
  }
  if (progress != NULL)
    progress (1.0, data);
  return TRUE;
}

/* ---- what the model predicts ---- */

/* The series Σ (a)_k (b)_k / (c)_k z^k / k!, stopped once its terms are decreasing and below
 * SERIES_EPSILON of the sum. */
static gboolean
hyp2f1_series (double  a,
               double  b,
               double  c,
               double  z,
               double *out)
{
  double term = 1, sum = 1;

  for (guint k = 0; k < SERIES_MAX_TERMS; k++)
    {
      double ratio = (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;

      term *= ratio;
      sum += term;
      if (!isfinite (sum))
        return FALSE;
      if (fabs (term) <= SERIES_EPSILON * fabs (sum) && fabs (ratio) < 1)
        {
          *out = sum;
          return TRUE;
        }
    }
  return FALSE;
}

double
affari_bgnbd_hyp2f1 (double a,
                     double b,
                     double c,
                     double z)
{
  double value;

  /* c = 0, −1, −2 … would divide by zero; other negative c are fine for the series. */
  if (!(z >= 0 && z < 1) || (c <= 0 && fabs (c - nearbyint (c)) < 1e-12))
    return NAN;
  if (hyp2f1_series (a, b, c, z, &value))
    return value;
  /* Euler: ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z). */
  if (hyp2f1_series (c - a, c - b, c, z, &value))
    {
      double result = exp ((c - a - b) * log1p (-z)) * value;

      if (isfinite (result))
        return result;
    }
  return NAN;
}

/* log of a/(b+x−1)·((α+T)/(α+t_x))^(r+x), the odds of having dropped out (x > 0). */
static double
log_dropout_odds (const AffariBgnbdParams *p,
                  double                   x,
                  double                   t_x,
                  double                   T)
{
  return log (p->a) - log (p->b + x - 1) + (p->r + x) * (log (p->alpha + T) - log (p->alpha + t_x));
}

/* 1 / (1 + e^l) without overflow. */
static double
inverse_one_plus_exp (double l)
{
  return l > 0 ? exp (-l) / (1 + exp (-l)) : 1 / (1 + exp (l));
}

double
affari_bgnbd_p_alive (const AffariBgnbdParams *params,
                      double                   x,
                      double                   t_x,
                      double                   T)
{
  if (x <= 0)
    return 1.0;
  return inverse_one_plus_exp (log_dropout_odds (params, x, t_x, T));
}

static double
expected_purchases (const AffariBgnbdParams *p,
                    double                   t)
{
  double z = t / (p->alpha + t);
  double f = affari_bgnbd_hyp2f1 (p->r, p->b, p->a + p->b - 1, z);

  return (p->a + p->b - 1) / (p->a - 1) * (1 - exp (p->r * log (p->alpha / (p->alpha + t))) * f);
}

/* Eq. 9 and 10 divide by a − 1: near 1 both sides of the singularity are averaged. */
#define STEP_AROUND_A_ONE(p, call)                                   \
  G_STMT_START {                                                     \
    if (fabs ((p)->a - 1) < A_STEP)                                  \
      {                                                              \
        AffariBgnbdParams lo = *(p), hi = *(p);                      \
        lo.a = 1 - A_STEP;                                           \
        hi.a = 1 + A_STEP;                                           \
        return (call (&lo) + call (&hi)) / 2;                        \
      }                                                              \
  } G_STMT_END

double
affari_bgnbd_expected_purchases (const AffariBgnbdParams *params,
                                 double                   t)
{
  if (t <= 0)
    return 0;
#define CALL(q) expected_purchases (q, t)
  STEP_AROUND_A_ONE (params, CALL);
#undef CALL
  return expected_purchases (params, t);
}

static double
conditional_expected (const AffariBgnbdParams *p,
                      double                   x,
                      double                   t_x,
                      double                   T,
                      double                   t)
{
  double z = t / (p->alpha + T + t);
  double c = p->a + p->b + x - 1;
  double f = affari_bgnbd_hyp2f1 (p->r + x, p->b + x, c, z);
  double g;   /* ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; z) */

  if (isfinite (f))
    g = exp ((p->r + x) * log1p (-z)) * f;
  else
    g = NAN;
  if (!isfinite (g) || f == 0)
    {
      /* Many purchases: the factor and the series are huge and tiny; Euler's transform
       * multiplies them out: g = (1 − z)^(a−1) ₂F₁(a + b − 1 − r, a − 1; a + b + x − 1; z). */
      double h = affari_bgnbd_hyp2f1 (p->a + p->b - 1 - p->r, p->a - 1, c, z);

      g = exp ((p->a - 1) * log1p (-z)) * h;
    }
  {
    double numerator = c / (p->a - 1) * (1 - g);

    if (x <= 0)
      return numerator;
    return numerator * inverse_one_plus_exp (log_dropout_odds (p, x, t_x, T));
  }
}

double
affari_bgnbd_conditional_expected (const AffariBgnbdParams *params,
                                   double                   x,
                                   double                   t_x,
                                   double                   T,
                                   double                   t)
{
  if (t <= 0)
    return 0;
#define CALL(q) conditional_expected (q, x, t_x, T, t)
  STEP_AROUND_A_ONE (params, CALL);
#undef CALL
  return conditional_expected (params, x, t_x, T, t);
}

/* ---- simulation ---- */

static double
uniform_open (GRand *rand)
{
  return 1.0 - g_rand_double (rand);   /* (0, 1]: safe under log */
}

static double
standard_normal (GRand *rand)
{
  return sqrt (-2 * log (uniform_open (rand))) * cos (2 * G_PI * g_rand_double (rand));
}

/* Gamma(shape, 1) by Marsaglia and Tsang; shapes below 1 through Gamma(shape + 1)·U^(1/shape). */
static double
gamma_variate (GRand  *rand,
               double  shape)
{
  double d, c;

  if (shape < 1)
    return gamma_variate (rand, shape + 1) * pow (uniform_open (rand), 1 / shape);
  d = shape - 1.0 / 3;
  c = 1 / sqrt (9 * d);
  for (;;)
    {
      double x = standard_normal (rand), v = 1 + c * x, u;

      if (v <= 0)
        continue;
      v = v * v * v;
      u = uniform_open (rand);
      if (log (u) < 0.5 * x * x + d - d * v + d * log (v))
        return d * v;
    }
}

void
affari_bgnbd_simulate (const AffariBgnbdParams *params,
                       guint                    n,
                       double                   T_min,
                       double                   T_max,
                       GRand                   *rand,
                       AffariBgnbdCustomer     *out)
{
  for (guint i = 0; i < n; i++)
    {
      double lambda = gamma_variate (rand, params->r) / params->alpha;
      double ga = gamma_variate (rand, params->a), gb = gamma_variate (rand, params->b);
      double p = ga / (ga + gb);
      double T = T_min + (T_max - T_min) * g_rand_double (rand);
      double t = 0, t_x = 0, x = 0;

      /* As lifetimes draws it: after each repeat purchase the customer may drop out. */
      for (;;)
        {
          t += -log (uniform_open (rand)) / lambda;
          if (t > T)
            break;
          x++;
          t_x = t;
          if (g_rand_double (rand) < p)
            break;
        }
      out[i] = (AffariBgnbdCustomer) { x, t_x, T, 1.0 };
    }
}
