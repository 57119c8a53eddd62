/* affari-generator.c — the sales generator's preview, runs and schedules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-generator"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-generator.h"
#include "store/affari-store.h"
#include "store/affari-store-segments.h"

typedef struct {
  AffariStore *store;
  const AffariSegmentSpec *spec;
  const AffariGeneratorSettings *settings;
  guint rr_offset;
  gint64 generator_id;          /* a scheduled run: 0 for a person's */
  const AffariSchedule *schedule;
  guint created;
  guint skipped;
  guint rr_next;
  gboolean ran;                 /* a scheduled run was still due and was made */
} Run;

static gboolean
make_deal (AffariDealOps              *ops,
           Run                        *run,
           const AffariGeneratorItem  *item,
           GError                    **error)
{
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(AffariDeal) source = NULL;
  gint64 id;

  affari_deal_set_title (deal, item->title);
  affari_deal_set_pipeline_id (deal, item->pipeline_id);
  affari_deal_set_assigned_by_id (deal, item->responsible_id);
  affari_deal_set_source_id (deal, "RC_GENERATOR");
  if (item->client > 0)
    affari_deal_set_company_id (deal, item->client);
  if (item->copy_from > 0)
    {
      source = affari_store_get_deal (run->store, item->copy_from, error);
      if (source == NULL)
        return FALSE;
      affari_deal_set_currency (deal, affari_deal_get_currency (source));
    }
  if (!affari_deal_ops_add_created (ops, deal, error))
    return FALSE;
  id = affari_deal_get_id (deal);

  if (item->client < 0 || item->contact > 0)
    {
      gint64 contact = item->client < 0 ? -item->client : item->contact;

      if (!affari_deal_ops_fill_contacts (ops, id, &contact, 1, contact, error))
        return FALSE;
    }
  if (item->copy_from > 0)
    {
      g_autoptr(GArray) rows = affari_store_list_product_rows (run->store, item->copy_from, error);

      if (rows == NULL)
        return FALSE;
      if (rows->len > 0
          && !affari_deal_ops_fill_product_rows (ops, id, (const AffariProductRow *) rows->data, rows->len, error))
        return FALSE;
    }
  if (run->settings->comment != NULL && run->settings->comment[0] != '\0'
      && !affari_store_add_pinned_comment (run->store, id, run->settings->comment, error))
    return FALSE;
  return TRUE;
}

static gboolean
run_build (AffariDealOps  *ops,
           gpointer        data,
           GError        **error)
{
  Run *run = data;
  g_autoptr(GPtrArray) items = NULL;
  guint n_members = run->settings->member_ids ? run->settings->member_ids->len : 0;

  /* A scheduled run checks again, under the write lock, that it is still due: another process
   * may have made it a moment ago. */
  if (run->generator_id > 0)
    {
      GDate today;
      g_autofree char *day = NULL;
      g_autoptr(GArray) due = NULL;
      gboolean still_due = FALSE;

      affari_segment_day_of (affari_store_now (run->store), &today);
      day = affari_segment_format_day (&today);
      due = affari_store_list_generators (run->store, day, error);
      if (due == NULL)
        return FALSE;
      for (guint i = 0; i < due->len; i++)
        if (g_array_index (due, AffariSavedGenerator, i).id == run->generator_id)
          still_due = TRUE;
      if (!still_due)
        return TRUE;
    }
  run->ran = TRUE;

  items = affari_generator_preview (run->store, run->spec, run->settings, run->rr_offset, error);
  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      const AffariGeneratorItem *item = g_ptr_array_index (items, i);

      if (item->skip != AFFARI_GENERATOR_SKIP_NONE)
        {
          run->skipped++;
          continue;
        }
      if (!make_deal (ops, run, item, error))
        return FALSE;
      run->created++;
    }
  run->rr_next = n_members > 0 ? (run->rr_offset + run->created) % n_members : 0;

  if (run->generator_id > 0)
    {
      GDate today, next;
      g_autofree char *day = NULL;
      g_autofree char *next_day = NULL;

      affari_segment_day_of (affari_store_now (run->store), &today);
      day = affari_segment_format_day (&today);
      if (affari_schedule_next_after (run->schedule, &today, &next))
        next_day = affari_segment_format_day (&next);
      if (!affari_store_generator_ran (run->store, run->generator_id, day, next_day, run->created, run->rr_next, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- in a thread ---- */

typedef struct {
  char *path;                   /* NULL: read on the caller's store */
  AffariStore *store;           /* the caller's, only when path is NULL */
  gint64 now;
  GArray *specs;                /* AffariSegmentSpec */
  AffariGeneratorSettings settings;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->path);
  g_clear_object (&job->store);
  g_clear_pointer (&job->specs, g_array_unref);
  affari_generator_settings_clear (&job->settings);
  g_free (job);
}

static Job *
job_new (AffariStore *store, const AffariSegmentSpec *specs, guint n_specs)
{
  Job *job = g_new0 (Job, 1);
  const char *path = affari_store_get_path (store);

  /* A second connection reads the committed database; one in memory has none. */
  if (path != NULL && *path != '\0' && !g_str_equal (path, ":memory:"))
    job->path = g_strdup (path);
  else
    job->store = g_object_ref (store);
  job->now = affari_store_now (store);
  job->specs = g_array_new (FALSE, TRUE, sizeof (AffariSegmentSpec));
  g_array_set_clear_func (job->specs, (GDestroyNotify) affari_segment_spec_clear);
  for (guint i = 0; i < n_specs; i++)
    {
      AffariSegmentSpec copy;

      affari_segment_spec_copy (&copy, &specs[i]);
      g_array_append_val (job->specs, copy);
    }
  affari_generator_settings_init (&job->settings);
  return job;
}

/* The store the job reads: a read-only one of its own on the same clock, or the caller's. */
static AffariStore *
job_open (Job *job, GError **error)
{
  AffariStore *reader;

  if (job->path == NULL)
    return g_object_ref (job->store);
  reader = affari_store_open_read_only (job->path, error);
  if (reader != NULL)
    affari_store_set_now (reader, job->now);
  return reader;
}

static void
count_all_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(AffariStore) reader = NULL;
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  GError *error = NULL;

  reader = job_open (job, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < job->specs->len; i++)
    {
      const AffariSegmentSpec *spec = &g_array_index (job->specs, AffariSegmentSpec, i);
      guint count = G_MAXUINT;

      if (g_task_return_error_if_cancelled (task))
        return;
      if ((affari_segment_spec_param (spec) != AFFARI_SEGMENT_PARAM_PRODUCT || spec->product_id > 0)
          && !affari_generator_count (reader, spec, &count, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      g_array_append_val (counts, count);
    }
  g_task_return_pointer (task, g_steal_pointer (&counts), (GDestroyNotify) g_array_unref);
}

static void
preview_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(AffariStore) reader = NULL;
  GPtrArray *items;
  GError *error = NULL;

  reader = job_open (job, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  items = affari_generator_preview (reader, &g_array_index (job->specs, AffariSegmentSpec, 0), &job->settings, 0, &error);
  if (items == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

static void
run_job (GTask *task, Job *job, GTaskThreadFunc func)
{
  g_task_set_task_data (task, job, job_free);
  if (job->path != NULL)
    g_task_run_in_thread (task, func);
  else
    func (task, g_task_get_source_object (task), job, g_task_get_cancellable (task));
}

/* ---- public API ---- */

void
affari_generator_count_all_async (gpointer             source,
                                  AffariStore         *store,
                                  GArray              *specs,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, data);

  g_task_set_source_tag (task, affari_generator_count_all_async);
  run_job (task, job_new (store, (const AffariSegmentSpec *) specs->data, specs->len), count_all_thread);
}

GArray *
affari_generator_count_all_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
affari_generator_preview_async (gpointer                        source,
                                AffariStore                    *store,
                                const AffariSegmentSpec        *spec,
                                const AffariGeneratorSettings  *settings,
                                GCancellable                   *cancellable,
                                GAsyncReadyCallback             callback,
                                gpointer                        data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, data);
  Job *job = job_new (store, spec, 1);

  g_task_set_source_tag (task, affari_generator_preview_async);
  affari_generator_settings_clear (&job->settings);
  affari_generator_settings_copy (&job->settings, settings);
  run_job (task, job, preview_thread);
}

GPtrArray *
affari_generator_preview_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

GArray *
affari_generator_list_segments (AffariStore  *store,
                                GError      **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (AffariSegmentSpec));
  g_autoptr(GArray) custom = affari_store_list_segments (store, error);

  if (custom == NULL)
    return NULL;
  g_array_set_clear_func (out, (GDestroyNotify) affari_segment_spec_clear);
  for (guint i = 0; i < affari_segment_n_system (); i++)
    {
      AffariSegmentSpec spec;

      affari_segment_spec_init_system (&spec, i);
      g_array_append_val (out, spec);
    }
  for (guint i = 0; i < custom->len; i++)
    {
      AffariSegmentSpec spec;

      affari_segment_spec_copy (&spec, &g_array_index (custom, AffariSegmentSpec, i));
      g_array_append_val (out, spec);
    }
  return g_steal_pointer (&out);
}

gboolean
affari_generator_count (AffariStore              *store,
                        const AffariSegmentSpec  *spec,
                        guint                    *out_count,
                        GError                  **error)
{
  return affari_store_segment_count (store, spec, out_count, error);
}

gboolean
affari_generator_load_segment (AffariStore        *store,
                               AffariSegmentSpec  *spec,
                               GError            **error)
{
  if (spec->kind != AFFARI_SEGMENT_CUSTOM)
    return TRUE;
  return affari_store_load_segment (store, spec, error);
}

GPtrArray *
affari_generator_preview (AffariStore                    *store,
                          const AffariSegmentSpec        *spec,
                          const AffariGeneratorSettings  *settings,
                          guint                           rr_offset,
                          GError                        **error)
{
  g_autoptr(GArray) clients = affari_store_segment_clients (store, spec, error);
  g_autoptr(GPtrArray) items = NULL;
  guint n_members = settings->member_ids ? settings->member_ids->len : 0;
  guint made = 0;
  GDate today;

  if (clients == NULL)
    return NULL;
  affari_segment_day_of (affari_store_now (store), &today);
  items = g_ptr_array_new_with_free_func (affari_generator_item_free);
  for (guint i = 0; i < clients->len; i++)
    {
      const AffariSegmentClient *client = &g_array_index (clients, AffariSegmentClient, i);
      AffariGeneratorItem *item = g_new0 (AffariGeneratorItem, 1);

      item->client = client->client;
      item->contact = client->contact;
      item->client_name = g_strdup (client->name);
      item->title = affari_generator_format_title (settings->title_pattern, client->name, &today);
      if (item->title[0] == '\0')
        {
          g_free (item->title);
          item->title = g_strdup (client->name);
        }
      item->pipeline_id = settings->pipeline_id > 0 ? settings->pipeline_id : client->last_pipeline;
      if (settings->copy_products)
        item->copy_from = client->last_won_deal;
      if (client->generated_today > 0)
        item->skip = AFFARI_GENERATOR_SKIP_DONE_TODAY;
      else if (client->open_deals > 0 && !settings->always)
        item->skip = AFFARI_GENERATOR_SKIP_OPEN_DEAL;

      if (item->skip == AFFARI_GENERATOR_SKIP_NONE)
        {
          if (settings->responsible == AFFARI_GENERATOR_CLIENT_OWN)
            item->responsible_id = client->last_responsible;
          else if (n_members > 0)
            item->responsible_id = g_array_index (settings->member_ids, gint64, (rr_offset + made) % n_members);
          made++;
        }
      g_ptr_array_add (items, item);
    }
  return g_steal_pointer (&items);
}

AffariChangeSet *
affari_generator_run (AffariDealOps                  *ops,
                      AffariStore                    *store,
                      const AffariSegmentSpec        *spec,
                      const AffariGeneratorSettings  *settings,
                      gboolean                        undoable,
                      guint                          *n_created,
                      guint                          *n_skipped,
                      GError                        **error)
{
  Run run = { .store = store, .spec = spec, .settings = settings };
  g_autoptr(GPtrArray) preview = NULL;
  g_autofree char *label = NULL;
  g_autofree char *name = affari_segment_spec_dup_name (spec);
  AffariChangeSet *set;
  guint to_make = 0;

  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (ops), NULL);

  if (n_created != NULL)
    *n_created = 0;
  if (n_skipped != NULL)
    *n_skipped = 0;

  /* Nothing to make: no empty step on the undo history. */
  preview = affari_generator_preview (store, spec, settings, 0, error);
  if (preview == NULL)
    return NULL;
  for (guint i = 0; i < preview->len; i++)
    if (((AffariGeneratorItem *) g_ptr_array_index (preview, i))->skip == AFFARI_GENERATOR_SKIP_NONE)
      to_make++;
  if (to_make == 0)
    {
      if (n_skipped != NULL)
        *n_skipped = preview->len;
      return affari_change_set_new ();
    }

  /* Translators: the toast after a run of the sales generator; %s is the segment's name. */
  label = g_strdup_printf (_("Sales generator: deals created for “%s”"), name);
  set = affari_deal_ops_create_many (ops, run_build, &run, label, undoable, error);
  if (set == NULL)
    return NULL;
  if (n_created != NULL)
    *n_created = run.created;
  if (n_skipped != NULL)
    *n_skipped = run.skipped;
  return set;
}

gint64
affari_generator_save_segment (AffariStore            *store,
                               const char             *name,
                               const AffariDealQuery  *query,
                               GError                **error)
{
  return affari_store_save_segment (store, name, query, error);
}

gboolean
affari_generator_delete_segment (AffariStore  *store,
                                 gint64        id,
                                 GError      **error)
{
  return affari_store_delete_segment (store, id, error);
}

gint64
affari_generator_save (AffariStore                    *store,
                       const char                     *name,
                       const AffariSegmentSpec        *spec,
                       const AffariGeneratorSettings  *settings,
                       const AffariSchedule           *schedule,
                       const GDate                    *start,
                       GError                        **error)
{
  g_autofree char *config = affari_generator_config_to_text (spec, settings, schedule);
  g_autofree char *next_run = NULL;
  GDate first;

  affari_schedule_first_on_or_after (schedule, start, &first);
  next_run = affari_segment_format_day (&first);
  return affari_store_add_generator (store, name, config, next_run, error);
}

gboolean
affari_generator_delete (AffariStore  *store,
                         gint64        id,
                         GError      **error)
{
  return affari_store_delete_generator (store, id, error);
}

GArray *
affari_generator_list_saved (AffariStore  *store,
                             GError      **error)
{
  return affari_store_list_generators (store, NULL, error);
}

gboolean
affari_generator_run_due (AffariDealOps  *ops,
                          AffariStore    *store,
                          guint          *n_runs,
                          guint          *n_created,
                          GError        **error)
{
  g_autoptr(GArray) due = NULL;
  g_autofree char *day = NULL;
  gboolean ok = TRUE;
  GDate today;

  if (n_runs != NULL)
    *n_runs = 0;
  if (n_created != NULL)
    *n_created = 0;
  affari_segment_day_of (affari_store_now (store), &today);
  day = affari_segment_format_day (&today);
  due = affari_store_list_generators (store, day, error);
  if (due == NULL)
    return FALSE;

  /* One generator that cannot run (its custom segment was deleted) does not stop the others;
   * the first failure is reported. */
  for (guint i = 0; i < due->len; i++)
    {
      const AffariSavedGenerator *saved = &g_array_index (due, AffariSavedGenerator, i);
      AffariSegmentSpec spec = { 0 };
      AffariGeneratorSettings settings = { 0 };
      AffariSchedule schedule;
      Run run = { .store = store, .spec = &spec, .settings = &settings, .schedule = &schedule };
      g_autoptr(AffariChangeSet) set = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *label = NULL;

      run.rr_offset = saved->rr_next;
      run.generator_id = saved->id;
      /* Translators: %s is the name of a saved sales generator. */
      label = g_strdup_printf (_("Sales generator “%s”"), saved->name);
      if (affari_generator_config_from_text (saved->config, &spec, &settings, &schedule, &local_error)
          && affari_generator_load_segment (store, &spec, &local_error))
        set = affari_deal_ops_create_many (ops, run_build, &run, label, FALSE, &local_error);
      affari_segment_spec_clear (&spec);
      affari_generator_settings_clear (&settings);
      if (set == NULL)
        {
          if (ok)
            g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", saved->name);
          ok = FALSE;
          continue;
        }
      if (n_runs != NULL && run.ran)
        (*n_runs)++;
      if (n_created != NULL)
        *n_created += run.created;
    }
  return ok;
}
