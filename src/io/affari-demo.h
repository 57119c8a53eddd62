/* affari-demo.h — realistic Italian sample data, for trying the app and for benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/affari-types.h"
#include "model/affari-error.h"
#include "model/affari-deal.h"
#include "model/affari-deal-query.h"
#include "model/affari-activity.h"
#include "model/affari-activity-period.h"
#include "model/affari-product-row.h"
#include "model/affari-change-set.h"

/* The store these work on (store/affari-store.h); the windows only pass it along. */
typedef struct _AffariStore AffariStore;

G_BEGIN_DECLS

/* Adds a team, a "Renewals" pipeline, a product catalogue, about @n_deals / 4 companies with
 * their contacts, and @n_deals deals with product rows, activities and a history, all in one
 * transaction (nothing is written on error). The same @seed on the same day gives the same data. */
gboolean affari_demo_generate (AffariStore *store,
                               guint        n_deals,
                               guint32      seed,
                               GError     **error);

G_END_DECLS
