/* affari-demo-history.c — purchase histories in the sample data, for the sales generator
 *
 * After the deals are planned and before they are replayed, some won deals are given to chosen
 * companies and moved in time (the whole deal: creation, moves, activities, comment) so that
 * each of the generator's segments shows clients on a fresh start, relative to the demo's
 * today: buyers every year, every six months and every month (their purchases fall exactly in
 * the windows of the repeat-sale rules, proposed a week ahead), holiday buyers of last year,
 * a deal won 30 days ago. Only won deals that exist anyway are moved: `demo --deals N` still
 * makes N deals, in the same proportions; the companies chosen have no deal in progress.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-demo"

#include "config.h"

#include "affari-demo-private.h"
#include "model/affari-segment.h"

typedef struct {
  Demo *demo;
  GArray *won;             /* guint: indexes of won plans not used yet */
  guint next_won;
  gint64 *delta;           /* per plan: how far its times move */
  guint8 *taken;           /* per company: 1 when its history is written here */
  guint8 *open;            /* per company: it has a deal in progress */
  guint8 *busy;            /* per company: it has any deal */
} History;

static AffariSemantics
plan_outcome (Demo *demo, const DealPlan *plan)
{
  const PipelineRef *pipe = &demo->pipes[plan->pipeline];
  guint stage = plan->n_moves > 0 ? plan->move_stage[plan->n_moves - 1] : plan->first_stage;

  return pipe->stages[stage].semantics;
}

/* A company with no deal in progress (none at all, when there is one left), not used yet. */
static int
pick_company (History *h)
{
  guint n = h->demo->companies->len;
  guint start = demo_pick (h->demo->rand, MAX (n, 1));

  for (int pass = 0; pass < 2; pass++)
    for (guint k = 0; k < n; k++)
      {
        guint c = (start + k) % n;

        if (!h->taken[c] && !h->open[c] && (pass == 1 || !h->busy[c]))
          {
            h->taken[c] = 1;
            return (int) c;
          }
      }
  return -1;
}

/* Gives the next unused won deal to @company, closed on @day (late morning). */
static gboolean
give_purchase (History *h, guint company, const GDate *day)
{
  Demo *demo = h->demo;
  DealPlan *plan;
  const CompanyRef *ref;
  g_autoptr(GDateTime) when = NULL;
  guint index;

  if (h->next_won >= h->won->len)
    return FALSE;
  index = g_array_index (h->won, guint, h->next_won++);
  plan = &demo->plans[index];
  ref = &g_array_index (demo->companies, CompanyRef, company);
  when = g_date_time_new_local (g_date_get_year (day), g_date_get_month (day), g_date_get_day (day),
                                11, demo_pick (demo->rand, 50), 0);
  h->delta[index] = g_date_time_to_unix (when) - plan->move_time[plan->n_moves - 1];
  plan->company = company + 1;
  plan->contact[0] = ref->first_contact + 1;
  plan->contact[1] = 0;
  return TRUE;
}

/* A buyer whose purchases fall at the start of each window of @kind today: picked today. */
static void
add_periodic_buyer (History *h, AffariSegmentKind kind)
{
  GDate from[2], to[2];
  int company;

  if (h->won->len - h->next_won < 2 || (company = pick_company (h)) < 0)
    return;
  affari_segment_repeat_windows (kind, &h->demo->today_date, from, to);
  give_purchase (h, (guint) company, &from[0]);
  /* The older purchase anywhere in its window. */
  g_date_add_days (&from[1], demo_pick (h->demo->rand, g_date_days_between (&from[1], &to[1]) + 1));
  give_purchase (h, (guint) company, &from[1]);
}

static void
add_holiday_buyer (History *h, AffariHoliday holiday)
{
  GDate from, to;
  int company;

  if (h->next_won >= h->won->len || (company = pick_company (h)) < 0)
    return;
  affari_holiday_window (holiday, g_date_get_year (&h->demo->today_date) - 1, &from, &to);
  g_date_add_days (&from, demo_pick (h->demo->rand, g_date_days_between (&from, &to) + 1));
  give_purchase (h, (guint) company, &from);
}

void
demo_plan_history (Demo *demo)
{
  guint n_companies = demo->companies->len;
  History h = { .demo = demo };

  if (n_companies == 0 || demo->n_plans == 0)
    return;
  h.won = g_array_new (FALSE, FALSE, sizeof (guint));
  h.delta = g_new0 (gint64, demo->n_plans);
  h.taken = g_new0 (guint8, n_companies);
  h.open = g_new0 (guint8, n_companies);
  h.busy = g_new0 (guint8, n_companies);

  for (guint i = 0; i < demo->n_plans; i++)
    {
      const DealPlan *plan = &demo->plans[i];
      AffariSemantics outcome = plan_outcome (demo, plan);

      if (plan->company != 0)
        {
          h.busy[plan->company - 1] = 1;
          if (outcome == AFFARI_SEMANTICS_PROCESS)
            h.open[plan->company - 1] = 1;
        }
      /* Only deals whose company has other deals to keep: a moved deal leaves no hole. */
      if (outcome == AFFARI_SEMANTICS_SUCCESS && plan->n_moves > 0)
        g_array_append_val (h.won, i);
    }

  /* Six periodic buyers of each kind where there are enough won deals, fewer on small data. */
  for (guint round = 0; round < 4; round++)
    {
      add_periodic_buyer (&h, AFFARI_SEGMENT_EVERY_YEAR);
      add_periodic_buyer (&h, AFFARI_SEGMENT_EVERY_HALF_YEAR);
      add_periodic_buyer (&h, AFFARI_SEGMENT_EVERY_MONTH);
    }
  for (guint round = 0; round < 2; round++)
    for (guint holiday = 0; holiday < AFFARI_N_HOLIDAYS; holiday++)
      add_holiday_buyer (&h, holiday);
  /* A deal won 30 days ago ("a deal won N days ago", its default). */
  {
    GDate day = demo->today_date;
    int company = pick_company (&h);

    g_date_subtract_days (&day, 30);
    if (company >= 0)
      give_purchase (&h, (guint) company, &day);
  }

  /* Move every time of the moved deals, and their steps, by the same amount. */
  for (guint i = 0; i < demo->n_plans; i++)
    {
      DealPlan *plan = &demo->plans[i];
      gint64 d = h.delta[i];

      if (d == 0)
        continue;
      plan->created += d;
      for (guint j = 0; j < plan->n_moves; j++)
        plan->move_time[j] += d;
      for (guint a = 0; a < plan->n_acts; a++)
        {
          plan->act_added[a] += d;
          plan->act_deadline[a] += d;
          if (plan->act_done[a] != 0)
            plan->act_done[a] += d;
        }
      if (plan->comment_time != 0)
        plan->comment_time += d;
    }
  for (guint s = 0; s < demo->steps->len; s++)
    {
      Step *step = &g_array_index (demo->steps, Step, s);

      step->time += h.delta[step->deal];
    }

  g_array_unref (h.won);
  g_free (h.delta);
  g_free (h.taken);
  g_free (h.open);
  g_free (h.busy);
}
