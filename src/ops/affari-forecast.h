/* affari-forecast.h — repeat sales predicted from each client's won deals ("Vendite ricorrenti previste")
 *
 * The BG/NBD model (model/affari-bgnbd.h) fitted in days on the clients' won deals up to today:
 * for each client with no open deal, the probability that it still buys, the purchases expected
 * in the next 30, 90 or 365 days, their value (× the client's mean won amount) and a one-line
 * reason. Too little history gives a sentence instead of numbers. The holdout check fits on the
 * deals won before a cut-off day and compares its prediction with what was won after it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "model/affari-bgnbd.h"
#include "model/affari-change-set.h"
#include "ops/affari-deal-ops.h"

G_BEGIN_DECLS

/* Fewer clients with won deals, or fewer who bought twice, and the forecast is not made. */
#define AFFARI_FORECAST_MIN_CLIENTS 50
#define AFFARI_FORECAST_MIN_REPEATERS 20
/* The holdout's rows: clients with 0, 1, … 6 and 7 or more repeat purchases before the cut-off. */
#define AFFARI_FORECAST_BUCKETS 8

#define AFFARI_TYPE_FORECAST_CLIENT (affari_forecast_client_get_type ())
G_DECLARE_FINAL_TYPE (AffariForecastClient, affari_forecast_client, AFFARI, FORECAST_CLIENT, GObject)

#define AFFARI_TYPE_FORECAST (affari_forecast_get_type ())
G_DECLARE_FINAL_TYPE (AffariForecast, affari_forecast, AFFARI, FORECAST, GObject)

typedef struct {
  char cutoff[11];          /* "YYYY-MM-DD": fitted on the deals won up to this day */
  char end[11];             /* compared with those won after it, up to this day */
  guint days;               /* between the two */
  double predicted_total;   /* repeat purchases expected after the cut-off, all clients */
  double actual_total;      /* and made */
  guint clients[AFFARI_FORECAST_BUCKETS];
  double predicted[AFFARI_FORECAST_BUCKETS];   /* sums over the bucket's clients */
  double actual[AFFARI_FORECAST_BUCKETS];
} AffariForecastHoldout;

/* Called on the caller's main context while a forecast runs in a thread; @fraction in [0, 1]. */
typedef void (*AffariForecastProgress) (double fraction, gpointer data);

/* ---- a client ---- */
const char *affari_forecast_client_get_name          (AffariForecastClient *self);
gint64      affari_forecast_client_get_company_id    (AffariForecastClient *self);
gint64      affari_forecast_client_get_contact_id    (AffariForecastClient *self);
/* Of its most recent deal: the new deal's responsible. */
gint64      affari_forecast_client_get_responsible_id (AffariForecastClient *self);
double      affari_forecast_client_get_p_alive       (AffariForecastClient *self);
/* P(alive) as shown: "73 %", or "—" for a client who bought once (the model takes him as
 * alive until he buys again: 100 % would only say that nothing is known yet). */
char       *affari_forecast_client_format_p_alive    (AffariForecastClient *self);
/* Purchases expected in the next @days. */
double      affari_forecast_client_get_expected      (AffariForecastClient *self, guint days);
/* Their value in minor units of the base currency (expected purchases × mean won amount). */
double      affari_forecast_client_get_expected_value (AffariForecastClient *self, guint days);
gint64      affari_forecast_client_get_mean_amount   (AffariForecastClient *self);
/* Distinct days it won a deal. */
guint       affari_forecast_client_get_purchases     (AffariForecastClient *self);
/* "buys about every 94 days, last time 120 days ago, probability active 73 %", translated. */
const char *affari_forecast_client_get_reason        (AffariForecastClient *self);

/* ---- a forecast ---- */
/* FALSE when there was too little history: then get_message () says so. */
gboolean    affari_forecast_is_sufficient            (AffariForecast *self);
const char *affari_forecast_get_message              (AffariForecast *self);
const AffariBgnbdFit *affari_forecast_get_fit        (AffariForecast *self);
const char *affari_forecast_get_base_currency        (AffariForecast *self);
guint       affari_forecast_get_n_clients            (AffariForecast *self);
guint       affari_forecast_get_n_repeaters          (AffariForecast *self);
/* The clients with no open deal (AffariForecastClient), by expected value over the days of the
 * last affari_forecast_rank () (90 at first). Empty for a holdout check. */
GListModel *affari_forecast_get_clients              (AffariForecast *self);
void        affari_forecast_rank                     (AffariForecast *self, guint days);
/* The holdout check's figures; NULL for a forecast. */
const AffariForecastHoldout *affari_forecast_get_holdout (AffariForecast *self);

/* The forecast from the won deals up to the store's today. @progress, @should_stop nullable. */
AffariForecast *affari_forecast_compute              (AffariStore *store, AffariBgnbdProgress progress,
                                                      AffariBgnbdShouldStop should_stop, gpointer data,
                                                      GError **error);
/* The holdout check: fitted up to @cutoff ("YYYY-MM-DD", before today), compared up to today. */
AffariForecast *affari_forecast_check                (AffariStore *store, const char *cutoff,
                                                      AffariBgnbdProgress progress, AffariBgnbdShouldStop should_stop,
                                                      gpointer data, GError **error);
/* The same in a thread with its own read-only connection to @store's file (an in-memory store is
 * read here first); @cutoff NULL for the forecast. Cancelling @cancellable stops the fit; then
 * @progress is not called any more. */
void            affari_forecast_run_async            (AffariStore *store, const char *cutoff,
                                                      AffariForecastProgress progress, gpointer progress_data,
                                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                                      gpointer data);
AffariForecast *affari_forecast_run_finish           (GAsyncResult *result, GError **error);
/* The default cut-off of the holdout check: a third of the won history back from today (newly
 * allocated "YYYY-MM-DD"); NULL when nothing was won yet. */
char           *affari_forecast_default_cutoff       (AffariStore *store);

/* One deal for each client, in the first stage of @pipeline_id, source "Repeat sale", the
 * responsible of the client's last deal: one transaction, one step of @ops's undo history. */
AffariChangeSet *affari_forecast_create_deals        (AffariDealOps *ops, AffariStore *store,
                                                      AffariForecastClient * const *clients, guint n_clients,
                                                      gint64 pipeline_id, GError **error);

G_END_DECLS
