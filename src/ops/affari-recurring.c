/* affari-recurring.c — regular deals: templates and the run that makes their deals
 *
 * The run reads the due templates inside affari_deal_ops_create_many ()'s transaction, after
 * the write lock is taken: a second process waiting for the lock then finds the schedules
 * already advanced and makes nothing (idempotent across processes, not only within one).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-ops"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-recurring.h"
#include "model/affari-error.h"
#include "store/affari-store.h"
#include "store/affari-store-recurring.h"

struct _AffariRecurring
{
  GObject parent_instance;

  AffariStore *store;
  AffariDealOps *ops;
};

G_DEFINE_FINAL_TYPE (AffariRecurring, affari_recurring, G_TYPE_OBJECT)

typedef struct {
  AffariRecurring *self;
  GDate today;
  guint created;
  guint late;
} RunData;

/* ------------------------------------------------------------ auxiliary */

/* The next due day of @settings after @last_date ("" before the first deal), not before @today,
 * when the limits still allow a deal then (@counter made so far). */
static gboolean
next_day (const AffariRecurrence *settings,
          const char             *last_date,
          guint                   counter,
          const GDate            *today,
          GDate                  *out)
{
  GDate last, start;
  gboolean has_last = affari_day_parse (last_date, &last);

  if (settings->mode == AFFARI_RECURRENCE_SINGLE)
    {
      /* Only once: "N days before" a day already closer than N days is made today. */
      if (has_last || !affari_recurrence_occurrence (settings, 0, out)
          || !affari_day_parse (settings->start_date, &start) || g_date_compare (&start, today) < 0)
        return FALSE;
      if (g_date_compare (out, today) < 0)
        *out = *today;
    }
  else if (!affari_recurrence_first_after (settings, has_last ? &last : NULL, today, out))
    return FALSE;

  return affari_recurrence_allows (settings, counter, out);
}

static gboolean
save (AffariRecurring         *self,
      gint64                   id,
      const AffariRecurrence  *settings,
      gboolean                 active,
      GError                 **error)
{
  g_autoptr(AffariRecurringTemplate) tmpl = NULL;
  GDate today, next;
  char buf[AFFARI_DAY_TEXT_SIZE];
  gboolean has_next;

  tmpl = affari_store_recurring_get (self->store, id, error);
  if (tmpl == NULL)
    return FALSE;
  if (settings == NULL)
    settings = &tmpl->settings;
  if (settings->mode == AFFARI_RECURRENCE_NONE)
    active = FALSE;
  else if (!affari_recurrence_validate (settings, error))
    return FALSE;

  affari_recurring_today (self, &today);
  has_next = active && next_day (settings, tmpl->last_date, tmpl->counter, &today, &next);
  if (has_next)
    affari_day_format (&next, buf);
  else if (active && settings->mode != AFFARI_RECURRENCE_NONE && tmpl->counter > 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                           _("This template has made all its deals: raise its limit or change its repetition to make more."));
      return FALSE;
    }
  /* A NONE mode keeps the settings it had ("Non ripetere" stops the template). */
  return affari_store_recurring_update (self->store, id,
                                        settings->mode == AFFARI_RECURRENCE_NONE ? &tmpl->settings : settings,
                                        has_next ? buf : NULL, error);
}

static gboolean
run_template (RunData                  *run,
              AffariRecurringTemplate  *tmpl,
              GError                  **error)
{
  AffariRecurring *self = run->self;
  guint counter = tmpl->counter;
  char last[AFFARI_DAY_TEXT_SIZE];
  char next[AFFARI_DAY_TEXT_SIZE];
  GDate due;
  gboolean has_next = affari_day_parse (tmpl->next_date, &due);

  g_strlcpy (last, tmpl->last_date, sizeof last);

  /* Every occurrence due up to today, the missed ones included, each with its own day. */
  while (has_next && g_date_compare (&due, &run->today) <= 0
         && affari_recurrence_allows (&tmpl->settings, counter, &due))
    {
      g_autofree char *begin = affari_recurrence_begin_date (&tmpl->settings, &due);
      g_autofree char *close = affari_recurrence_close_date (&tmpl->settings, &due);
      g_autoptr(AffariDeal) deal = NULL;
      g_autoptr(GError) skip = NULL;
      char due_text[AFFARI_DAY_TEXT_SIZE];
      GDate after = due;

      affari_day_format (&due, due_text);
      deal = affari_store_recurring_new_deal (self->store, tmpl, begin, close, &skip);
      /* A template whose pipeline has no stage any more waits for a new pipeline (its card
       * says so): it does not hold back the others' deals. Nothing of it was written. */
      if (deal == NULL && g_error_matches (skip, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND))
        {
          g_warning ("Recurring template #%" G_GINT64_FORMAT " skipped: %s", tmpl->id, skip->message);
          return TRUE;
        }
      if (deal == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&skip));
          return FALSE;
        }
      if (!affari_deal_ops_add_created (self->ops, deal, error)
          || !affari_store_recurring_copy_into (self->store, tmpl, affari_deal_get_id (deal), due_text, error))
        return FALSE;

      counter++;
      run->created++;
      if (g_date_compare (&due, &run->today) < 0)
        run->late++;
      g_strlcpy (last, due_text, sizeof last);

      has_next = tmpl->settings.mode == AFFARI_RECURRENCE_MULTIPLE
                 && affari_recurrence_first_after (&tmpl->settings, &after, NULL, &due);
    }

  /* The limits end the template: inactive, no next day. */
  has_next = has_next && affari_recurrence_allows (&tmpl->settings, counter, &due);
  if (has_next)
    affari_day_format (&due, next);
  return affari_store_recurring_advance (self->store, tmpl->id, counter, last[0] != '\0' ? last : NULL,
                                         has_next ? next : NULL, error);
}

static gboolean
run_build (AffariDealOps  *ops,
           gpointer        data,
           GError        **error)
{
  RunData *run = data;
  g_autofree char *today = NULL;
  g_autoptr(GPtrArray) due = NULL;
  char buf[AFFARI_DAY_TEXT_SIZE];

  affari_day_format (&run->today, buf);
  today = g_strdup (buf);
  /* Read with the write lock held: what another run made is seen here. */
  due = affari_store_recurring_list_due (run->self->store, today, error);
  if (due == NULL)
    return FALSE;
  for (guint i = 0; i < due->len; i++)
    if (!run_template (run, g_ptr_array_index (due, i), error))
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------ overrides */

static void
affari_recurring_dispose (GObject *object)
{
  AffariRecurring *self = AFFARI_RECURRING (object);

  g_clear_object (&self->ops);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (affari_recurring_parent_class)->dispose (object);
}

static void
affari_recurring_class_init (AffariRecurringClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = affari_recurring_dispose;
}

static void
affari_recurring_init (AffariRecurring *self)
{
}

/* ------------------------------------------------------------ public API */

AffariRecurring *
affari_recurring_new (AffariStore   *store,
                      AffariDealOps *ops)
{
  AffariRecurring *self;

  g_return_val_if_fail (AFFARI_IS_STORE (store), NULL);
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (ops), NULL);

  self = g_object_new (AFFARI_TYPE_RECURRING, NULL);
  self->store = g_object_ref (store);
  self->ops = g_object_ref (ops);
  return self;
}

void
affari_recurring_today (AffariRecurring *self,
                        GDate           *out)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (AFFARI_IS_RECURRING (self));

  now = g_date_time_new_from_unix_local (affari_store_now (self->store));
  g_date_set_dmy (out, (GDateDay) g_date_time_get_day_of_month (now), (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

gint64
affari_recurring_create (AffariRecurring         *self,
                         gint64                   deal_id,
                         const AffariRecurrence  *settings,
                         GError                 **error)
{
  GDate today, next;
  char buf[AFFARI_DAY_TEXT_SIZE];
  gboolean has_next;

  g_return_val_if_fail (AFFARI_IS_RECURRING (self), 0);
  g_return_val_if_fail (settings != NULL, 0);

  if (settings->mode == AFFARI_RECURRENCE_NONE)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                           _("Choose how the deal repeats: regularly or only once."));
      return 0;
    }
  if (!affari_recurrence_validate (settings, error))
    return 0;

  affari_recurring_today (self, &today);
  has_next = next_day (settings, "", 0, &today, &next);
  if (!has_next)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                           _("With these settings no deal would ever be created: choose a later day or a later end."));
      return 0;
    }
  affari_day_format (&next, buf);
  return affari_store_recurring_create (self->store, deal_id, settings, buf, error);
}

gboolean
affari_recurring_update (AffariRecurring         *self,
                         gint64                   id,
                         const AffariRecurrence  *settings,
                         GError                 **error)
{
  g_return_val_if_fail (AFFARI_IS_RECURRING (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  return save (self, id, settings, TRUE, error);
}

gboolean
affari_recurring_set_active (AffariRecurring  *self,
                             gint64            id,
                             gboolean          active,
                             GError          **error)
{
  g_return_val_if_fail (AFFARI_IS_RECURRING (self), FALSE);

  return save (self, id, NULL, active, error);
}

gboolean
affari_recurring_delete (AffariRecurring  *self,
                         gint64            id,
                         GError          **error)
{
  g_return_val_if_fail (AFFARI_IS_RECURRING (self), FALSE);

  return affari_store_recurring_delete (self->store, id, error);
}

GPtrArray *
affari_recurring_list (AffariRecurring  *self,
                       GError          **error)
{
  g_return_val_if_fail (AFFARI_IS_RECURRING (self), NULL);

  return affari_store_recurring_list (self->store, error);
}

AffariRecurringTemplate *
affari_recurring_find_by_deal (AffariRecurring *self,
                               gint64           deal_id)
{
  g_return_val_if_fail (AFFARI_IS_RECURRING (self), NULL);

  return affari_store_recurring_get_by_deal (self->store, deal_id, NULL);
}

gboolean
affari_recurring_next_due (AffariRecurring *self,
                           GDate           *out)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (AFFARI_IS_RECURRING (self), FALSE);

  day = affari_store_recurring_next_due (self->store, NULL);
  return affari_day_parse (day, out);
}

gboolean
affari_recurring_preview_next (AffariRecurring               *self,
                               const AffariRecurrence        *settings,
                               const AffariRecurringTemplate *tmpl,
                               GDate                         *out)
{
  GDate today;

  g_return_val_if_fail (AFFARI_IS_RECURRING (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  if (settings->mode == AFFARI_RECURRENCE_NONE || !affari_recurrence_validate (settings, NULL))
    return FALSE;
  affari_recurring_today (self, &today);
  return next_day (settings, tmpl != NULL ? tmpl->last_date : "", tmpl != NULL ? tmpl->counter : 0, &today, out);
}

gboolean
affari_recurring_run (AffariRecurring  *self,
                      const GDate      *today,
                      guint            *n_created,
                      guint            *n_late,
                      GError          **error)
{
  g_autoptr(AffariChangeSet) set = NULL;
  RunData run = { self, { 0 }, 0, 0 };
  GDate next;

  g_return_val_if_fail (AFFARI_IS_RECURRING (self), FALSE);

  if (today != NULL)
    run.today = *today;
  else
    affari_recurring_today (self, &run.today);

  if (n_created != NULL)
    *n_created = 0;
  if (n_late != NULL)
    *n_late = 0;
  /* Nothing due (the usual start-up): no transaction, no "changed" for the views. What is due is
   * read again under the write lock below. */
  if (!affari_recurring_next_due (self, &next) || g_date_compare (&next, &run.today) > 0)
    return TRUE;

  /* Translators: the name of a scheduled run of the recurring templates (not on the undo history). */
  set = affari_deal_ops_create_many (self->ops, run_build, &run, _("Regular deals created"), FALSE, error);
  if (set == NULL)
    return FALSE;
  if (n_created != NULL)
    *n_created = run.created;
  if (n_late != NULL)
    *n_late = run.late;
  return TRUE;
}

char *
affari_recurring_describe_late (guint n_late)
{
  /* Translators: after a run that made deals of periods missed while Affari was closed. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u regular deal was late", "%u regular deals were late", n_late),
                          n_late);
}
