/* affari-activity-notifier.h — a desktop notification when a planned activity falls due while
 * Affari runs, with an action that opens its deal (app.open-deal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "store/affari-store.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_ACTIVITY_NOTIFIER (affari_activity_notifier_get_type ())
G_DECLARE_FINAL_TYPE (AffariActivityNotifier, affari_activity_notifier, AFFARI, ACTIVITY_NOTIFIER, GObject)

/* Starts watching: activities falling due from now on are notified (those already late are
 * not: the Activities view shows them). */
AffariActivityNotifier *affari_activity_notifier_new   (GApplication           *application,
                                                        AffariStore            *store);
/* Notifies what fell due since the last check; returns how many notifications were sent. */
guint                   affari_activity_notifier_check (AffariActivityNotifier *self);

G_END_DECLS
