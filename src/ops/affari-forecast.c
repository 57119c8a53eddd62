/* affari-forecast.c — the BG/NBD forecast on the user's own won deals
 *
 * Two steps: the store's rows are gathered (the store's thread), then the model is fitted and
 * each client scored (any thread): a forecast in a thread opens its own read-only connection, so
 * the window stays responsive while the fit runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-forecast"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/affari-error.h"
#include "model/affari-deal.h"
#include "model/affari-stage.h"
#include "store/affari-store.h"
#include "store/affari-store-forecast.h"
#include "ops/affari-forecast.h"

#define DEFAULT_DAYS 90

struct _AffariForecastClient
{
  GObject parent_instance;

  char *name;
  gint64 company_id;
  gint64 contact_id;
  gint64 responsible_id;
  AffariBgnbdParams params;
  double x, t_x, T;         /* days */
  double p_alive;
  gint64 mean_amount;
  guint purchases;
  char *reason;
};

struct _AffariForecast
{
  GObject parent_instance;

  gboolean sufficient;
  char *message;
  AffariBgnbdFit fit;
  char *base_currency;
  guint n_clients;
  guint n_repeaters;
  GListStore *clients;
  AffariForecastHoldout *holdout;
};

G_DEFINE_FINAL_TYPE (AffariForecastClient, affari_forecast_client, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (AffariForecast, affari_forecast, G_TYPE_OBJECT)

/* What the store gave, ready for the model (no store needed past this point). */
typedef struct {
  GPtrArray *clients;       /* AffariStoreForecastClient */
  GPtrArray *later;         /* GArray of guint32 per client, for a holdout */
  guint32 calibration_end;  /* Julian day */
  guint32 end;              /* today */
  char *base_currency;
} Input;

static void
input_free (Input *input)
{
  g_clear_pointer (&input->clients, g_ptr_array_unref);
  g_clear_pointer (&input->later, g_ptr_array_unref);
  g_free (input->base_currency);
  g_free (input);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Input, input_free)

/* ---- days ---- */

static guint32
today_julian (AffariStore *store)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (affari_store_now (store));
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (now), (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
  return g_date_get_julian (&date);
}

static void
format_julian (guint32 julian,
               char    out[11])
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  g_snprintf (out, 11, "%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
}

static guint32
parse_day (const char *text)
{
  unsigned y, m, d;
  GDate date;

  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4u-%2u-%2u", &y, &m, &d) != 3
      || y > G_MAXUINT16 || m > 12 || d > 31 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_get_julian (&date);
}

/* ---- the client ---- */

static void
affari_forecast_client_finalize (GObject *object)
{
  AffariForecastClient *self = AFFARI_FORECAST_CLIENT (object);

  g_free (self->name);
  g_free (self->reason);
  G_OBJECT_CLASS (affari_forecast_client_parent_class)->finalize (object);
}

static void
affari_forecast_client_class_init (AffariForecastClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = affari_forecast_client_finalize;
}

static void
affari_forecast_client_init (AffariForecastClient *self)
{
}

/* "buys about every 94 days, last time 120 days ago, probability active 73 %". */
static char *
make_reason (double x,
             double t_x,
             double T,
             double p_alive)
{
  g_autofree char *rhythm = NULL;
  g_autofree char *last = NULL;
  g_autofree char *alive = NULL;
  guint since = (guint) (T - t_x + 0.5);
  int percent = (int) floor (p_alive * 100 + 0.5);

  if (x > 0)
    {
      guint every = MAX (1, (guint) (t_x / x + 0.5));

      rhythm = g_strdup_printf (ngettext ("buys about every %u day", "buys about every %u days", every), every);
    }
  else
    rhythm = g_strdup (_("bought once"));
  if (since == 0)
    last = g_strdup (_("last time today"));
  else
    last = g_strdup_printf (ngettext ("last time %u day ago", "last time %u days ago", since), since);
  /* One purchase: the model cannot tell yet whether the client is still there (it says 100 %). */
  if (x <= 0)
    alive = g_strdup (_("no repeat purchase yet"));
  else
    alive = g_strdup_printf (_("probability active %d %%"), percent);
  /* TRANSLATORS: the three parts of a forecast's reason: rhythm, last purchase, probability. */
  return g_strdup_printf (C_("forecast reason", "%s, %s, %s"), rhythm, last, alive);
}

/* ---- the forecast ---- */

static void
affari_forecast_finalize (GObject *object)
{
  AffariForecast *self = AFFARI_FORECAST (object);

  g_free (self->message);
  g_free (self->base_currency);
  g_clear_object (&self->clients);
  g_free (self->holdout);
  G_OBJECT_CLASS (affari_forecast_parent_class)->finalize (object);
}

static void
affari_forecast_class_init (AffariForecastClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = affari_forecast_finalize;
}

static void
affari_forecast_init (AffariForecast *self)
{
  self->clients = g_list_store_new (AFFARI_TYPE_FORECAST_CLIENT);
}

static Input *
gather (AffariStore  *store,
        const char   *cutoff,
        GError      **error)
{
  g_autoptr(Input) input = g_new0 (Input, 1);
  char until[11];

  input->end = today_julian (store);
  if (cutoff != NULL)
    {
      input->calibration_end = parse_day (cutoff);
      if (input->calibration_end == 0)
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                       _("“%s” is not a day: write the cut-off day as YYYY-MM-DD"), cutoff);
          return NULL;
        }
      if (input->calibration_end >= input->end)
        {
          g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                               _("The cut-off day must be before today: the model is checked on what was won after it"));
          return NULL;
        }
    }
  else
    input->calibration_end = input->end;

  format_julian (input->calibration_end, until);
  if (cutoff != NULL)
    {
      char end[11];

      format_julian (input->end, end);
      input->clients = affari_store_forecast_clients (store, until, end, &input->later, error);
    }
  else
    input->clients = affari_store_forecast_clients (store, until, NULL, NULL, error);
  if (input->clients == NULL)
    return NULL;
  input->base_currency = affari_store_dup_base_currency (store);
  return g_steal_pointer (&input);
}

static int
compare_by_value (gconstpointer pa,
                  gconstpointer pb,
                  gpointer      data)
{
  AffariForecastClient *a = AFFARI_FORECAST_CLIENT ((gpointer) pa);
  AffariForecastClient *b = AFFARI_FORECAST_CLIENT ((gpointer) pb);
  guint days = GPOINTER_TO_UINT (data);
  double va = affari_forecast_client_get_expected_value (a, days);
  double vb = affari_forecast_client_get_expected_value (b, days);

  if (va != vb)
    return va > vb ? -1 : 1;
  return g_utf8_collate (a->name, b->name);
}

static AffariForecast *
model (Input                  *input,
       AffariBgnbdProgress     progress,
       AffariBgnbdShouldStop   should_stop,
       gpointer                data,
       GError                **error)
{
  g_autoptr(AffariForecast) self = g_object_new (AFFARI_TYPE_FORECAST, NULL);
  g_autoptr(GArray) customers = g_array_new (FALSE, FALSE, sizeof (AffariBgnbdCustomer));
  g_autoptr(GArray) owners = g_array_new (FALSE, FALSE, sizeof (guint));   /* index into input->clients */
  g_autoptr(GPtrArray) ranked = g_ptr_array_new_with_free_func (g_object_unref);

  self->base_currency = g_strdup (input->base_currency);
  for (guint i = 0; i < input->clients->len; i++)
    {
      AffariStoreForecastClient *c = g_ptr_array_index (input->clients, i);
      guint32 first, last;
      AffariBgnbdCustomer customer;

      if (c->days->len == 0)
        continue;
      first = g_array_index (c->days, guint32, 0);
      last = g_array_index (c->days, guint32, c->days->len - 1);
      customer = (AffariBgnbdCustomer) { c->days->len - 1.0, (double) (last - first),
                                         (double) (input->calibration_end - first), 1.0 };
      g_array_append_val (customers, customer);
      g_array_append_val (owners, i);
      if (c->days->len > 1)
        self->n_repeaters++;
    }
  self->n_clients = customers->len;

  if (self->n_clients < AFFARI_FORECAST_MIN_CLIENTS || self->n_repeaters < AFFARI_FORECAST_MIN_REPEATERS)
    {
      self->message = g_strdup_printf (_("There is too little history to forecast repeat sales: at least %d clients"
                                         " with won deals and %d who bought more than once are needed"
                                         " (now: clients with won deals %u, repeat buyers %u)."),
                                       AFFARI_FORECAST_MIN_CLIENTS, AFFARI_FORECAST_MIN_REPEATERS,
                                       self->n_clients, self->n_repeaters);
      return g_steal_pointer (&self);
    }

  if (!affari_bgnbd_fit ((const AffariBgnbdCustomer *) customers->data, customers->len, AFFARI_BGNBD_PENALIZER,
                         progress, should_stop, data, &self->fit, error))
    return NULL;
  self->sufficient = TRUE;

  if (input->later != NULL)
    {
      AffariForecastHoldout *h = g_new0 (AffariForecastHoldout, 1);

      format_julian (input->calibration_end, h->cutoff);
      format_julian (input->end, h->end);
      h->days = input->end - input->calibration_end;
      for (guint k = 0; k < customers->len; k++)
        {
          const AffariBgnbdCustomer *c = &g_array_index (customers, AffariBgnbdCustomer, k);
          GArray *later = g_ptr_array_index (input->later, g_array_index (owners, guint, k));
          double predicted = affari_bgnbd_conditional_expected (&self->fit.params, c->x, c->t_x, c->T, h->days);
          guint bucket = (guint) MIN (c->x, AFFARI_FORECAST_BUCKETS - 1);

          h->predicted_total += predicted;
          h->actual_total += later->len;
          h->clients[bucket]++;
          h->predicted[bucket] += predicted;
          h->actual[bucket] += later->len;
        }
      self->holdout = h;
      return g_steal_pointer (&self);
    }

  for (guint k = 0; k < customers->len; k++)
    {
      const AffariBgnbdCustomer *c = &g_array_index (customers, AffariBgnbdCustomer, k);
      AffariStoreForecastClient *row = g_ptr_array_index (input->clients, g_array_index (owners, guint, k));
      AffariForecastClient *client;

      if (row->has_open)
        continue;
      client = g_object_new (AFFARI_TYPE_FORECAST_CLIENT, NULL);
      client->name = g_strdup (row->name);
      client->company_id = row->company_id;
      client->contact_id = row->contact_id;
      client->responsible_id = row->responsible_id;
      client->params = self->fit.params;
      client->x = c->x;
      client->t_x = c->t_x;
      client->T = c->T;
      client->purchases = row->days->len;
      client->p_alive = affari_bgnbd_p_alive (&self->fit.params, c->x, c->t_x, c->T);
      client->mean_amount = row->won_deals > 0 ? row->won_total / row->won_deals : 0;
      client->reason = make_reason (c->x, c->t_x, c->T, client->p_alive);
      g_ptr_array_add (ranked, client);
    }
  g_list_store_splice (self->clients, 0, 0, ranked->pdata, ranked->len);
  affari_forecast_rank (self, DEFAULT_DAYS);
  return g_steal_pointer (&self);
}

/* ---- running it ---- */

AffariForecast *
affari_forecast_compute (AffariStore            *store,
                         AffariBgnbdProgress     progress,
                         AffariBgnbdShouldStop   should_stop,
                         gpointer                data,
                         GError                **error)
{
  g_autoptr(Input) input = gather (store, NULL, error);

  return input != NULL ? model (input, progress, should_stop, data, error) : NULL;
}

AffariForecast *
affari_forecast_check (AffariStore            *store,
                       const char             *cutoff,
                       AffariBgnbdProgress     progress,
                       AffariBgnbdShouldStop   should_stop,
                       gpointer                data,
                       GError                **error)
{
  g_autoptr(Input) input = NULL;

  g_return_val_if_fail (cutoff != NULL, NULL);

  input = gather (store, cutoff, error);
  return input != NULL ? model (input, progress, should_stop, data, error) : NULL;
}

typedef struct {
  char *path;               /* NULL: @input was gathered on the caller's thread */
  gint64 now;
  char *cutoff;
  Input *input;
  GMainContext *context;
  AffariForecastProgress progress;
  gpointer progress_data;
  GCancellable *cancellable;
  gint last_permille;
} Job;

typedef struct {
  double fraction;
  AffariForecastProgress progress;
  gpointer progress_data;
  GCancellable *cancellable;
} ProgressReport;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->cutoff);
  g_clear_pointer (&job->input, input_free);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_clear_object (&job->cancellable);
  g_free (job);
}

static void
progress_report_free (ProgressReport *report)
{
  g_clear_object (&report->cancellable);
  g_free (report);
}

static gboolean
deliver_progress (gpointer data)
{
  ProgressReport *report = data;

  /* Cancelled: the window that asked may be gone. */
  if (report->cancellable == NULL || !g_cancellable_is_cancelled (report->cancellable))
    report->progress (report->fraction, report->progress_data);
  return G_SOURCE_REMOVE;
}

static void
on_thread_progress (double   fraction,
                    gpointer data)
{
  Job *job = data;
  gint permille = (gint) (fraction * 1000);
  ProgressReport *report;

  /* At most one report per ‰: the main loop is not flooded. */
  if (job->progress == NULL || permille == g_atomic_int_get (&job->last_permille))
    return;
  g_atomic_int_set (&job->last_permille, permille);
  report = g_new0 (ProgressReport, 1);
  report->fraction = fraction;
  report->progress = job->progress;
  report->progress_data = job->progress_data;
  report->cancellable = job->cancellable != NULL ? g_object_ref (job->cancellable) : NULL;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, deliver_progress, report,
                              (GDestroyNotify) progress_report_free);
}

static gboolean
on_thread_should_stop (gpointer data)
{
  Job *job = data;

  return job->cancellable != NULL && g_cancellable_is_cancelled (job->cancellable);
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  AffariForecast *forecast;

  if (job->input == NULL)
    {
      g_autoptr(AffariStore) store = affari_store_open_read_only (job->path, &error);

      if (store != NULL)
        {
          affari_store_set_now (store, job->now);
          job->input = gather (store, job->cutoff, &error);
          affari_store_close (store);
        }
      if (job->input == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  on_thread_progress (0.02, job);
  forecast = model (job->input, on_thread_progress, on_thread_should_stop, job, &error);
  if (forecast == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, forecast, g_object_unref);
}

void
affari_forecast_run_async (AffariStore            *store,
                           const char             *cutoff,
                           AffariForecastProgress  progress,
                           gpointer                progress_data,
                           GCancellable           *cancellable,
                           GAsyncReadyCallback     callback,
                           gpointer                data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, data);
  Job *job = g_new0 (Job, 1);
  const char *path = affari_store_get_path (store);

  job->now = affari_store_now (store);
  job->cutoff = g_strdup (cutoff);
  job->context = g_main_context_ref_thread_default ();
  job->progress = progress;
  job->progress_data = progress_data;
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  job->last_permille = -1;
  g_task_set_source_tag (task, affari_forecast_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  /* A database in memory has no file a second connection could open: it is read here (tens of
   * milliseconds), only the fit goes to the thread. */
  if (path == NULL || g_str_equal (path, ":memory:") || path[0] == '\0')
    {
      g_autoptr(GError) error = NULL;

      job->input = gather (store, cutoff, &error);
      if (job->input == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else
    job->path = g_strdup (path);
  g_task_run_in_thread (task, run_thread);
}

AffariForecast *
affari_forecast_run_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
affari_forecast_default_cutoff (AffariStore *store)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  guint32 start, today = today_julian (store);
  char out[11];

  if (!affari_store_forecast_won_span (store, &first, &last, NULL))
    return NULL;
  start = parse_day (first);
  if (start == 0 || start >= today)
    return NULL;
  format_julian (today - MAX (1, (today - start) / 3), out);
  return g_strdup (out);
}

/* ---- creating the deals ---- */

typedef struct {
  AffariForecastClient * const *clients;
  guint n_clients;
  gint64 pipeline_id;
  gint64 stage_id;
  const char *currency;
} Creation;

static gboolean
build_deals (AffariDealOps  *ops,
             gpointer        data,
             GError        **error)
{
  Creation *creation = data;

  for (guint i = 0; i < creation->n_clients; i++)
    {
      AffariForecastClient *client = creation->clients[i];
      g_autoptr(AffariDeal) deal = affari_deal_new ();
      g_autofree char *title = g_strdup_printf (_("Repeat sale – %s"), client->name);

      affari_deal_set_title (deal, title);
      affari_deal_set_pipeline_id (deal, creation->pipeline_id);
      affari_deal_set_stage_id (deal, creation->stage_id);
      affari_deal_set_company_id (deal, client->company_id);
      affari_deal_set_assigned_by_id (deal, client->responsible_id);
      affari_deal_set_source_id (deal, "REPEAT_SALE");
      affari_deal_set_currency (deal, creation->currency);
      affari_deal_set_amount (deal, client->mean_amount);
      affari_deal_set_is_manual_amount (deal, TRUE);
      if (!affari_deal_ops_add_created (ops, deal, error))
        return FALSE;
      if (client->contact_id != 0
          && !affari_deal_ops_fill_contacts (ops, affari_deal_get_id (deal), &client->contact_id, 1,
                                             client->contact_id, error))
        return FALSE;
    }
  return TRUE;
}

AffariChangeSet *
affari_forecast_create_deals (AffariDealOps                *ops,
                              AffariStore                  *store,
                              AffariForecastClient * const *clients,
                              guint                         n_clients,
                              gint64                        pipeline_id,
                              GError                      **error)
{
  g_autoptr(GPtrArray) stages = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *label = NULL;
  Creation creation = { clients, n_clients, pipeline_id, 0, NULL };

  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (ops), NULL);

  if (n_clients == 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("Select the clients to create deals for"));
      return NULL;
    }
  stages = affari_store_list_stages (store, pipeline_id, error);
  if (stages == NULL)
    return NULL;
  for (guint i = 0; i < stages->len && creation.stage_id == 0; i++)
    if (affari_stage_get_semantics (g_ptr_array_index (stages, i)) == AFFARI_SEMANTICS_PROCESS)
      creation.stage_id = affari_stage_get_id (g_ptr_array_index (stages, i));
  if (creation.stage_id == 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND,
                           _("The pipeline has no stage in progress for new deals: choose another pipeline"));
      return NULL;
    }
  currency = affari_store_dup_base_currency (store);
  creation.currency = currency;
  label = g_strdup_printf (ngettext ("%u repeat sale created", "%u repeat sales created", n_clients), n_clients);
  return affari_deal_ops_create_many (ops, build_deals, &creation, label, TRUE, error);
}

/* ---- getters ---- */

const char *
affari_forecast_client_get_name (AffariForecastClient *self)
{
  g_return_val_if_fail (AFFARI_IS_FORECAST_CLIENT (self), NULL);
  return self->name;
}

gint64
affari_forecast_client_get_company_id (AffariForecastClient *self)
{
  g_return_val_if_fail (AFFARI_IS_FORECAST_CLIENT (self), 0);
  return self->company_id;
}

gint64
affari_forecast_client_get_contact_id (AffariForecastClient *self)
{
  g_return_val_if_fail (AFFARI_IS_FORECAST_CLIENT (self), 0);
  return self->contact_id;
}

gint64
affari_forecast_client_get_responsible_id (AffariForecastClient *self)
{
  g_return_val_if_fail (AFFARI_IS_FORECAST_CLIENT (self), 0);
  return self->responsible_id;
}

double
affari_forecast_client_get_p_alive (AffariForecastClient *self)
{
  g_return_val_if_fail (AFFARI_IS_FORECAST_CLIENT (self), 0);
  return self->p_alive;
}

char *
affari_forecast_client_format_p_alive (AffariForecastClient *self)
{
  g_return_val_if_fail (AFFARI_IS_FORECAST_CLIENT (self), NULL);
  if (self->x <= 0)
    return g_strdup ("—");
  return g_strdup_printf ("%d %%", (int) lround (self->p_alive * 100));
}

double
affari_forecast_client_get_expected (AffariForecastClient *self,
                                     guint                 days)
{
  g_return_val_if_fail (AFFARI_IS_FORECAST_CLIENT (self), 0);
  return affari_bgnbd_conditional_expected (&self->params, self->x, self->t_x, self->T, days);
}

double
affari_forecast_client_get_expected_value (AffariForecastClient *self,
                                           guint                 days)
{
  g_return_val_if_fail (AFFARI_IS_FORECAST_CLIENT (self), 0);
  return affari_forecast_client_get_expected (self, days) * (double) self->mean_amount;
}

gint64
affari_forecast_client_get_mean_amount (AffariForecastClient *self)
{
  g_return_val_if_fail (AFFARI_IS_FORECAST_CLIENT (self), 0);
  return self->mean_amount;
}

guint
affari_forecast_client_get_purchases (AffariForecastClient *self)
{
  g_return_val_if_fail (AFFARI_IS_FORECAST_CLIENT (self), 0);
  return self->purchases;
}

const char *
affari_forecast_client_get_reason (AffariForecastClient *self)
{
  g_return_val_if_fail (AFFARI_IS_FORECAST_CLIENT (self), NULL);
  return self->reason;
}

gboolean
affari_forecast_is_sufficient (AffariForecast *self)
{
  g_return_val_if_fail (AFFARI_IS_FORECAST (self), FALSE);
  return self->sufficient;
}

const char *
affari_forecast_get_message (AffariForecast *self)
{
  g_return_val_if_fail (AFFARI_IS_FORECAST (self), NULL);
  return self->message;
}

const AffariBgnbdFit *
affari_forecast_get_fit (AffariForecast *self)
{
  g_return_val_if_fail (AFFARI_IS_FORECAST (self), NULL);
  return &self->fit;
}

const char *
affari_forecast_get_base_currency (AffariForecast *self)
{
  g_return_val_if_fail (AFFARI_IS_FORECAST (self), NULL);
  return self->base_currency;
}

guint
affari_forecast_get_n_clients (AffariForecast *self)
{
  g_return_val_if_fail (AFFARI_IS_FORECAST (self), 0);
  return self->n_clients;
}

guint
affari_forecast_get_n_repeaters (AffariForecast *self)
{
  g_return_val_if_fail (AFFARI_IS_FORECAST (self), 0);
  return self->n_repeaters;
}

GListModel *
affari_forecast_get_clients (AffariForecast *self)
{
  g_return_val_if_fail (AFFARI_IS_FORECAST (self), NULL);
  return G_LIST_MODEL (self->clients);
}

void
affari_forecast_rank (AffariForecast *self,
                      guint           days)
{
  g_return_if_fail (AFFARI_IS_FORECAST (self));
  g_list_store_sort (self->clients, compare_by_value, GUINT_TO_POINTER (days));
}

const AffariForecastHoldout *
affari_forecast_get_holdout (AffariForecast *self)
{
  g_return_val_if_fail (AFFARI_IS_FORECAST (self), NULL);
  return self->holdout;
}
