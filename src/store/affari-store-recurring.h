/* affari-store-recurring.h — regular deals in the database: template deals and their schedules
 *
 * A template is a hidden copy of a deal (is_recurring = 1: no view, count or total sees it) plus
 * one row of the recurring table with its schedule. The rules (validation, next days, the run)
 * are in ops/affari-recurring.c; these functions only read and write.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "affari-store.h"
#include "model/affari-recurrence.h"

G_BEGIN_DECLS

/* Copies deal @deal_id (every field, custom field values, product rows, contacts, extra keys)
 * into a new template deal and adds its schedule @settings, due first on @next_date
 * ("YYYY-MM-DD"; NULL: inactive); one transaction. Returns the schedule's id, 0 on error. A
 * template cannot be copied again, nor a deal in the trash. */
gint64       affari_store_recurring_create      (AffariStore *self, gint64 deal_id, const AffariRecurrence *settings,
                                                 const char *next_date, GError **error);
/* Replaces the schedule @id's settings and its next day (NULL: inactive) and active flag. */
gboolean     affari_store_recurring_update      (AffariStore *self, gint64 id, const AffariRecurrence *settings,
                                                 const char *next_date, GError **error);
/* Deletes schedule @id and its template deal for good (the deals it made stay). */
gboolean     affari_store_recurring_delete      (AffariStore *self, gint64 id, GError **error);
/* Every template, by title (AffariRecurringTemplate). */
GPtrArray   *affari_store_recurring_list        (AffariStore *self, GError **error);
/* One template by its schedule id, or by its template deal's id (NULL with NOT_FOUND). */
AffariRecurringTemplate *affari_store_recurring_get (AffariStore *self, gint64 id, GError **error);
AffariRecurringTemplate *affari_store_recurring_get_by_deal (AffariStore *self, gint64 deal_id, GError **error);
/* The active templates due on or before @today ("YYYY-MM-DD"), the earliest first; read inside the
 * run's transaction, so another process's run cannot make them too. */
GPtrArray   *affari_store_recurring_list_due    (AffariStore *self, const char *today, GError **error);
/* The deal that template @tmpl makes for the day @due ("YYYY-MM-DD"): its fields, into the first
 * stage of the schedule's pipeline, not recurring, with the begin and close days of @begin_date
 * and @close_date when not NULL. Not written: the caller creates it. */
AffariDeal  *affari_store_recurring_new_deal    (AffariStore *self, const AffariRecurringTemplate *tmpl,
                                                 const char *begin_date, const char *close_date, GError **error);
/* What the new deal @new_deal_id brings from @tmpl's deal (custom field values, product rows,
 * contacts, extra keys) and its history line "Created from template #N" with @due. */
gboolean     affari_store_recurring_copy_into   (AffariStore *self, const AffariRecurringTemplate *tmpl,
                                                 gint64 new_deal_id, const char *due, GError **error);
/* After a run of @id: @counter deals made, the last one due on @last_date, the next one due on
 * @next_date (NULL: none, the template becomes inactive). */
gboolean     affari_store_recurring_advance     (AffariStore *self, gint64 id, guint counter, const char *last_date,
                                                 const char *next_date, GError **error);
/* The earliest next day of the active templates ("" when none), to arm the app's timer. */
char        *affari_store_recurring_next_due    (AffariStore *self, GError **error);

G_END_DECLS
