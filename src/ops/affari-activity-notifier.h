/* affari-activity-notifier.h — a desktop notification when a planned activity falls due while
 * Affari runs, with an action that opens its deal (app.open-deal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

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

#define AFFARI_TYPE_ACTIVITY_NOTIFIER (affari_activity_notifier_get_type ())
G_DECLARE_FINAL_TYPE (AffariActivityNotifier, affari_activity_notifier, AFFARI, ACTIVITY_NOTIFIER, GObject)

/* Starts watching: activities falling due from now on are notified (those already late are
 * not: the Activities view shows them). One timeout waits for the next deadline; it is set again
 * whenever the store says that a deal (and so its activities) changed.
 * Signal "activity-due" (AffariActivity *activity, const char *deal_title) → gboolean: emitted
 * for each activity falling due; the default handler sends the GNotification; a handler that
 * returns TRUE stops it (tests). */
AffariActivityNotifier *affari_activity_notifier_new   (GApplication           *application,
                                                        AffariStore            *store);
/* Notifies what fell due since the last check and sets the timeout for the next deadline;
 * returns how many activities fell due. */
guint                   affari_activity_notifier_check (AffariActivityNotifier *self);
/* The deadline (Unix seconds) the timeout waits for, or 0 when nothing is planned. */
gint64                  affari_activity_notifier_get_next_due (AffariActivityNotifier *self);

G_END_DECLS
