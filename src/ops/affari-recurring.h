/* affari-recurring.h — regular deals: templates, their schedules, and the run that makes the deals
 *
 * The rules of "Affari regolari", the same for the app and affari-cli: the settings are validated
 * (model/affari-recurrence.h), a template is a hidden copy of a deal, and a run makes every deal
 * due up to a day — missed periods too, each with its own due day — in one transaction with the
 * write lock held, so that a second run (in this process or another) makes nothing twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "model/affari-recurrence.h"
#include "ops/affari-deal-ops.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_RECURRING (affari_recurring_get_type ())
G_DECLARE_FINAL_TYPE (AffariRecurring, affari_recurring, AFFARI, RECURRING, GObject)

/* Works on @store; the deals a run makes are created through @ops. */
AffariRecurring *affari_recurring_new           (AffariStore *store, AffariDealOps *ops);

/* Makes deal @deal_id recurring: a template copied from it with @settings (validated; their
 * MULTIPLE or SINGLE mode). Its first deal is due on the start day, or on the first day of the
 * schedule from today when the start day is past (periods before the template existed are not
 * made up). Returns the template's number (its schedule id), 0 with @error. */
gint64           affari_recurring_create        (AffariRecurring *self, gint64 deal_id,
                                                 const AffariRecurrence *settings, GError **error);
/* Changes template @id's settings; the next day is computed again from them and today. */
gboolean         affari_recurring_update        (AffariRecurring *self, gint64 id,
                                                 const AffariRecurrence *settings, GError **error);
/* Stops (@active FALSE) or resumes template @id. */
gboolean         affari_recurring_set_active    (AffariRecurring *self, gint64 id, gboolean active, GError **error);
/* Deletes template @id and its hidden deal; the deals it made stay. */
gboolean         affari_recurring_delete        (AffariRecurring *self, gint64 id, GError **error);

/* Every template (AffariRecurringTemplate), by title. */
GPtrArray       *affari_recurring_list          (AffariRecurring *self, GError **error);
/* The template whose hidden deal is @deal_id, or NULL (no error) when the deal is ordinary. */
AffariRecurringTemplate *affari_recurring_find_by_deal (AffariRecurring *self, gint64 deal_id);
/* The store's today ("now", which tests and --today move) as a day. */
void             affari_recurring_today         (AffariRecurring *self, GDate *out);
/* The next day a deal is due of any active template, FALSE when none. */
gboolean         affari_recurring_next_due      (AffariRecurring *self, GDate *out);
/* The day template settings would make their next deal if saved now, after @tmpl's last deal
 * (@tmpl NULL: a new template). FALSE when they would make none. */
gboolean         affari_recurring_preview_next  (AffariRecurring *self, const AffariRecurrence *settings,
                                                 const AffariRecurringTemplate *tmpl, GDate *out);

/* Makes every deal due on or before @today (NULL: the store's today): one per missed period,
 * each with its due day; advances each template, inactive once its limit is reached. One
 * transaction, not undoable. @n_created: deals made; @n_late: those due before @today. */
gboolean         affari_recurring_run           (AffariRecurring *self, const GDate *today, guint *n_created,
                                                 guint *n_late, GError **error);
/* "3 affari regolari erano in ritardo" (translated). */
char            *affari_recurring_describe_late (guint n_late);

G_END_DECLS
