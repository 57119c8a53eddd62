/* affari-store-forecast.h — what the repeat-sale forecast reads: each client's won deals
 *
 * A client is a company, or for a deal without a company its primary contact (the rule of the
 * sales generator). Only won deals with their closing day count as purchases; amounts are
 * converted into the base currency with the currencies' rates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "store/affari-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64 company_id;        /* 0 for a contact */
  gint64 contact_id;        /* 0 for a company */
  char *name;
  GArray *days;             /* guint32 Julian days of its won deals up to the cut-off, distinct, ascending */
  gint64 won_total;         /* of those deals, in minor units of the base currency */
  guint won_deals;
  gboolean has_open;        /* a deal in progress (now, not at the cut-off) */
  gint64 responsible_id;    /* of its most recent deal; 0 if none */
} AffariStoreForecastClient;

void       affari_store_forecast_client_free (AffariStoreForecastClient *client);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariStoreForecastClient, affari_store_forecast_client_free)

/* Every client with a deal (not in the trash, not a recurring template), with its won deals
 * closed on or before @until ("YYYY-MM-DD"); @with_later (nullable) gets, per client, the won
 * days after @until up to @later_until (inclusive; NULL: no limit) as a GArray of guint32, for a
 * holdout check. Ordered by kind then id. */
GPtrArray *affari_store_forecast_clients     (AffariStore *self, const char *until, const char *later_until,
                                              GPtrArray **with_later, GError **error);
/* The first and last closing day of a won deal ("YYYY-MM-DD", newly allocated); FALSE when
 * there is none. */
gboolean   affari_store_forecast_won_span    (AffariStore *self, char **first, char **last, GError **error);

G_END_DECLS
