/* affari-import-task.c — an import off the main thread (see affari-import-task.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include "affari-import-task.h"

/* The progress bar moves at most this often: more would only keep the main loop busy. */
#define PROGRESS_INTERVAL_US (50 * 1000)

typedef struct {
  AffariDealOps *ops;               /* the window's */
  AffariStore *store;               /* the window's */
  char *path;                       /* the database file, NULL for an in-memory store */
  gint64 now;                       /* the window's clock, for the worker's store */
  AffariImportFunc func;
  gpointer data;
  GDestroyNotify data_free;
  gboolean dry_run;
  AffariImportProgress progress;
  gpointer progress_data;
  GMainContext *context;

  GMutex lock;                      /* guards what follows, written by the worker */
  guint done, total;
  gint64 last_report;
  GSource *relay;                   /* a pending call of @progress on @context */
  AffariChangeSet *set;             /* the import's, from the worker's ops */
} Task;

/* What belongs to the caller's thread goes there, once the worker is done with it. */
static void
task_release (Task *t)
{
  g_mutex_lock (&t->lock);
  if (t->relay != NULL)
    {
      g_source_destroy (t->relay);
      g_clear_pointer (&t->relay, g_source_unref);
    }
  g_mutex_unlock (&t->lock);
  if (t->data_free != NULL)
    t->data_free (g_steal_pointer (&t->data));
  t->data_free = NULL;
  g_clear_object (&t->set);
  g_clear_object (&t->ops);
  g_clear_object (&t->store);
}

/* The worker's GTask may be finalized on the worker's thread: only plain memory is left. */
static void
task_free (gpointer data)
{
  Task *t = data;

  g_mutex_clear (&t->lock);
  g_main_context_unref (t->context);
  g_free (t->path);
  g_free (t);
}

/* ------------------------------------------------------------ progress */

static gboolean
relay_progress_cb (gpointer data)
{
  Task *t = data;
  guint done, total;

  g_mutex_lock (&t->lock);
  done = t->done;
  total = t->total;
  g_clear_pointer (&t->relay, g_source_unref);
  g_mutex_unlock (&t->lock);
  t->progress (done, total, t->progress_data);
  return G_SOURCE_REMOVE;
}

/* Runs in the worker: remembers the figures and, now and then, has the caller's thread show them. */
static void
worker_progress (guint done, guint total, gpointer data)
{
  Task *t = data;
  gint64 now = g_get_monotonic_time ();

  if (t->progress == NULL)
    return;
  g_mutex_lock (&t->lock);
  t->done = done;
  t->total = total;
  if (t->relay == NULL && (now - t->last_report >= PROGRESS_INTERVAL_US || done == total))
    {
      t->last_report = now;
      t->relay = g_idle_source_new ();
      g_source_set_priority (t->relay, G_PRIORITY_DEFAULT);
      g_source_set_callback (t->relay, relay_progress_cb, t, NULL);
      g_source_attach (t->relay, t->context);
    }
  g_mutex_unlock (&t->lock);
}

/* ------------------------------------------------------------ the work */

static void
on_worker_done_cb (AffariDealOps     *ops,
                   AffariChangeSet   *set,
                   AffariDealOpsStep  step,
                   Task              *t)
{
  g_set_object (&t->set, set);
}

static AffariImportReport *
run (Task *t, AffariStore *store, AffariDealOps *ops, GCancellable *cancellable, GError **error)
{
  AffariImportReport *report;
  gulong handler = g_signal_connect (ops, "done", G_CALLBACK (on_worker_done_cb), t);

  report = t->func (store, ops, t->data, t->dry_run, cancellable, worker_progress, t, error);
  g_signal_handler_disconnect (ops, handler);
  return report;
}

static void
worker_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Task *t = data;
  g_autoptr(AffariStore) store = NULL;
  g_autoptr(AffariDealOps) ops = NULL;
  AffariImportReport *report;
  GError *error = NULL;

  /* A connection of this thread's own: the window's stays free to draw and read. */
  store = affari_store_open_like (t->store, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  affari_store_set_now (store, t->now);
  ops = affari_deal_ops_new (store);
  report = run (t, store, ops, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) affari_import_report_free);
}

/* Back on the caller's thread: the window learns what the worker's connection wrote. */
static void
on_worker_finished_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  GTask *outer = data;
  Task *t = g_task_get_task_data (G_TASK (result));
  AffariImportReport *report;
  GError *error = NULL;

  report = g_task_propagate_pointer (G_TASK (result), &error);
  if (report != NULL && !report->dry_run && t->set != NULL)
    {
      affari_store_notify_reset (t->store);
      affari_deal_ops_adopt (t->ops, t->set);
    }
  task_release (t);
  if (report != NULL)
    g_task_return_pointer (outer, report, (GDestroyNotify) affari_import_report_free);
  else
    g_task_return_error (outer, error);
  g_object_unref (outer);
}

void
affari_import_task_run_async (AffariDealOps        *ops,
                              AffariImportFunc      func,
                              gpointer              data,
                              GDestroyNotify        data_free,
                              gboolean              dry_run,
                              GCancellable         *cancellable,
                              AffariImportProgress  progress,
                              gpointer              progress_data,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) worker = NULL;
  const char *path;
  Task *t;

  g_return_if_fail (AFFARI_IS_DEAL_OPS (ops));
  g_return_if_fail (func != NULL);

  t = g_new0 (Task, 1);
  t->ops = g_object_ref (ops);
  t->store = g_object_ref (affari_deal_ops_get_store (ops));
  path = affari_store_get_path (t->store);
  t->path = path != NULL && g_strcmp0 (path, ":memory:") != 0 ? g_strdup (path) : NULL;
  t->now = affari_store_now (t->store);
  t->func = func;
  t->data = data;
  t->data_free = data_free;
  t->dry_run = dry_run;
  t->progress = progress;
  t->progress_data = progress_data;
  t->context = g_main_context_ref_thread_default ();
  g_mutex_init (&t->lock);

  outer = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (outer, affari_import_task_run_async);

  if (t->path == NULL)
    {
      /* An in-memory database has no file a second connection could open: the work is done
       * here, and the window's own ops record it. */
      AffariImportReport *report;
      GError *error = NULL;

      report = t->func (t->store, t->ops, t->data, dry_run, cancellable, progress, progress_data, &error);
      task_release (t);
      task_free (t);
      if (report != NULL)
        g_task_return_pointer (outer, report, (GDestroyNotify) affari_import_report_free);
      else
        g_task_return_error (outer, error);
      return;
    }

  worker = g_task_new (NULL, cancellable, on_worker_finished_cb, g_steal_pointer (&outer));
  g_task_set_task_data (worker, t, task_free);
  g_task_run_in_thread (worker, worker_thread);
}

AffariImportReport *
affari_import_task_run_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
