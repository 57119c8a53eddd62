/* affari-demo-recurring.c — the regular deals of the sample data
 *
 * A few templates a small Italian firm would have: a monthly maintenance contract, a yearly
 * licence renewal (in the renewals pipeline), a weekly delivery limited to twelve times and
 * due tomorrow (a run at start-up would change the tests' sample data under them), and a
 * hosting renewal made only once, two weeks before it expires. They are copies of sample deals, hidden like every
 * template: `demo --deals N` still makes N live deals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-demo"

#include "config.h"

#include "affari-demo-private.h"
#include "model/affari-recurrence.h"
#include "ops/affari-deal-ops.h"
#include "ops/affari-recurring.h"
#include "store/affari-store-recurring.h"

typedef struct {
  const char *title;            /* of the template; the client's name is added */
  const char *source_prefix;    /* the sample deal it is copied from, by the start of its title */
  AffariRecurrenceMode mode;
  AffariTimeUnit unit;
  guint every;                  /* MULTIPLE: every N units; SINGLE: N units before the start */
  int start_days;               /* the start day, in days from today; -1 = the 1st of next month */
  guint times;                  /* 0 = no limit */
  gboolean renewals;            /* into the second pipeline */
  AffariTimeUnit close_unit;    /* the close day of new deals: creation + 1 close_unit */
} DemoTemplate;

static const DemoTemplate templates[] = {
  { "Contratto di manutenzione mensile", "Manutenzione caldaie", AFFARI_RECURRENCE_MULTIPLE,
    AFFARI_TIME_UNIT_MONTH, 1, -1, 0, FALSE, AFFARI_TIME_UNIT_MONTH },
  { "Rinnovo annuale licenza gestionale", "Rinnovo licenze gestionale", AFFARI_RECURRENCE_MULTIPLE,
    AFFARI_TIME_UNIT_YEAR, 1, 45, 0, TRUE, AFFARI_TIME_UNIT_MONTH },
  { "Consegna settimanale alimentari", "Fornitura alimentari", AFFARI_RECURRENCE_MULTIPLE,
    AFFARI_TIME_UNIT_WEEK, 1, 1, 12, FALSE, AFFARI_TIME_UNIT_WEEK },
  { "Rinnovo hosting", "Rinnovo hosting", AFFARI_RECURRENCE_SINGLE,
    AFFARI_TIME_UNIT_WEEK, 2, 60, 0, TRUE, AFFARI_TIME_UNIT_WEEK },
};

/* The sample deal whose title starts with @prefix, else the @fallback-th one. */
static gint64
source_deal (Demo       *demo,
             const char *prefix,
             guint       fallback)
{
  for (guint i = 0; i < demo->n_plans; i++)
    {
      g_autoptr(AffariDeal) deal = affari_store_get_deal (demo->store, demo->plans[i].id, NULL);

      if (deal != NULL && g_str_has_prefix (affari_deal_get_title (deal), prefix))
        return demo->plans[i].id;
    }
  return demo->n_plans > 0 ? demo->plans[(fallback * 7) % demo->n_plans].id : 0;
}

gboolean
demo_add_recurring (Demo    *demo,
                    GError **error)
{
  g_autoptr(AffariDealOps) ops = affari_deal_ops_new (demo->store);
  g_autoptr(AffariRecurring) recurring = affari_recurring_new (demo->store, ops);

  /* Made today, in the morning, after every sample deal. */
  affari_store_set_now (demo->store, demo->today + 9 * HOUR);

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      const DemoTemplate *t = &templates[i];
      g_autoptr(AffariRecurringTemplate) made = NULL;
      g_autoptr(AffariDeal) deal = NULL;
      g_autofree char *title = NULL;
      AffariRecurrence settings;
      GDate start = demo->today_date;
      char today[AFFARI_DAY_TEXT_SIZE];
      gint64 deal_id = source_deal (demo, t->source_prefix, i), id;

      if (deal_id == 0)
        return TRUE;

      affari_day_format (&demo->today_date, today);
      affari_recurrence_init_defaults (&settings, today);
      settings.mode = t->mode;
      if (t->mode == AFFARI_RECURRENCE_SINGLE)
        {
          settings.before_unit = t->unit;
          settings.before_value = t->every;
        }
      else
        {
          settings.unit = t->unit;
          settings.interval = t->every;
        }
      if (t->start_days < 0)
        {
          g_date_set_day (&start, 1);
          g_date_add_months (&start, 1);
        }
      else
        g_date_add_days (&start, (guint) t->start_days);
      affari_day_format (&start, settings.start_date);
      if (t->times > 0)
        {
          settings.stop = AFFARI_RECURRENCE_STOP_TIMES;
          settings.limit_times = t->times;
        }
      settings.pipeline_id = t->renewals ? demo->pipes[1].id : demo->pipes[0].id;
      settings.begin_offset = TRUE;
      settings.begin_unit = AFFARI_TIME_UNIT_DAY;
      settings.begin_value = 0;
      settings.close_offset = TRUE;
      settings.close_unit = t->close_unit;
      settings.close_value = 1;

      id = affari_recurring_create (recurring, deal_id, &settings, error);
      if (id == 0)
        return FALSE;

      /* The template's own title says what it repeats. */
      made = affari_store_recurring_get (demo->store, id, error);
      deal = made != NULL ? affari_store_get_deal (demo->store, made->deal_id, error) : NULL;
      if (deal == NULL)
        return FALSE;
      title = affari_deal_get_client_name (deal) != NULL
              ? g_strdup_printf ("%s — %s", t->title, affari_deal_get_client_name (deal)) : g_strdup (t->title);
      affari_deal_set_title (deal, title);
      if (!affari_store_update_deal (demo->store, deal, error))
        return FALSE;
    }

  return TRUE;
}
