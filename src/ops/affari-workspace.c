/* affari-workspace.c — one open database as the windows see it: its signals, models, operations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "affari-workspace-private.h"
#include "store/affari-store-watch.h"

/* Less than a frame's worth of waiting for a lock someone else holds. */
#define WINDOW_BUSY_TIMEOUT_MS 100
/* How often the changes of other windows and programs are looked for (affari_store_poll ()):
 * they show within a second, for one cheap query when nothing changed. */
#define POLL_INTERVAL_MS 250

G_DEFINE_FINAL_TYPE (AffariWorkspace, affari_workspace, G_TYPE_OBJECT)

static guint signals[AFFARI_N_CHANGE_SIGNALS];

static void
on_store_changed_cb (AffariStore     *store,
                     AffariChangeSet *set,
                     AffariWorkspace *self)
{
  g_signal_emit (self, signals[AFFARI_SIGNAL_CHANGED], 0, set);
}

static void
on_store_stages_changed_cb (AffariStore     *store,
                            gint64           pipeline_id,
                            AffariWorkspace *self)
{
  g_signal_emit (self, signals[AFFARI_SIGNAL_STAGES_CHANGED], 0, pipeline_id);
}

static void
on_store_pipelines_changed_cb (AffariStore     *store,
                               AffariWorkspace *self)
{
  g_signal_emit (self, signals[AFFARI_SIGNAL_PIPELINES_CHANGED], 0);
}

static void
on_store_reset_cb (AffariStore     *store,
                   AffariWorkspace *self)
{
  g_signal_emit (self, signals[AFFARI_SIGNAL_RESET], 0);
}

/* The detail (what changed) goes along: a handler of "settings-changed::team" hears only the
 * team. */
static void
on_store_settings_changed_cb (AffariStore     *store,
                              gint64           pipeline_id,
                              AffariWorkspace *self)
{
  GSignalInvocationHint *hint = g_signal_get_invocation_hint (store);

  g_signal_emit (self, signals[AFFARI_SIGNAL_SETTINGS_CHANGED], hint != NULL ? hint->detail : 0, pipeline_id);
}

static void
on_store_damaged_cb (AffariStore     *store,
                     AffariWorkspace *self)
{
  g_signal_emit (self, signals[AFFARI_SIGNAL_DAMAGED], 0);
}

static gboolean
on_poll_cb (gpointer user_data)
{
  AffariWorkspace *self = AFFARI_WORKSPACE (user_data);

  affari_store_poll (self->store);
  return G_SOURCE_CONTINUE;
}

static void
affari_workspace_dispose (GObject *object)
{
  AffariWorkspace *self = AFFARI_WORKSPACE (object);

  g_clear_handle_id (&self->poll_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (affari_workspace_parent_class)->dispose (object);
}

enum {
  PROP_0,
  PROP_ONLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
affari_workspace_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AffariWorkspace *self = AFFARI_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_ONLINE:
      g_value_set_boolean (value, affari_workspace_is_online (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_store_online_cb (AffariStore     *store,
                    GParamSpec      *pspec,
                    AffariWorkspace *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
}

static void
affari_workspace_class_init (AffariWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = affari_workspace_dispose;
  object_class->get_property = affari_workspace_get_property;

  /* Team mode: the server can be reached (always TRUE on the embedded database). */
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, TRUE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  affari_change_signals_install (object_class, signals);
}

static void
affari_workspace_init (AffariWorkspace *self)
{
}

AffariWorkspace *
affari_workspace_new (AffariStore *store)
{
  AffariWorkspace *self;

  g_return_val_if_fail (AFFARI_IS_STORE (store), NULL);

  self = g_object_new (AFFARI_TYPE_WORKSPACE, NULL);
  self->store = g_object_ref (store);
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  g_signal_connect (store, "stages-changed", G_CALLBACK (on_store_stages_changed_cb), self);
  g_signal_connect (store, "pipelines-changed", G_CALLBACK (on_store_pipelines_changed_cb), self);
  g_signal_connect (store, "reset", G_CALLBACK (on_store_reset_cb), self);
  g_signal_connect (store, "settings-changed", G_CALLBACK (on_store_settings_changed_cb), self);
  g_signal_connect (store, "damaged", G_CALLBACK (on_store_damaged_cb), self);
  g_signal_connect (store, "notify::online", G_CALLBACK (on_store_online_cb), self);
  self->poll_source = g_timeout_add (POLL_INTERVAL_MS, on_poll_cb, self);
  return self;
}

char *
affari_workspace_default_path (void)
{
  return affari_store_default_path ();
}

AffariWorkspace *
affari_workspace_open (const char  *path,
                       GError     **error)
{
  g_autofree char *default_path = NULL;
  g_autoptr(AffariStore) store = NULL;

  if (path == NULL)
    path = default_path = affari_store_default_path ();
  store = affari_store_open (path, error);
  if (store == NULL)
    return NULL;
  /* The window never waits seconds for another program holding the database: a write fails
   * at once (AFFARI_ERROR_LOCKED) and the window offers to try again. */
  affari_store_set_busy_timeout (store, WINDOW_BUSY_TIMEOUT_MS);
  return affari_workspace_new (store);
}

AffariWorkspace *
affari_workspace_open_server (const char  *url,
                              const char  *password,
                              GError     **error)
{
  g_autoptr(AffariStore) store = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  store = affari_store_open_server (url, password, NULL, error);
  if (store == NULL)
    return NULL;
  affari_store_set_busy_timeout (store, WINDOW_BUSY_TIMEOUT_MS);
  return affari_workspace_new (store);
}

gboolean
affari_workspace_is_server (AffariWorkspace *self)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_is_server (self->store);
}

const char *
affari_workspace_get_server_url (AffariWorkspace *self)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_get_server_url (self->store);
}

gboolean
affari_workspace_is_online (AffariWorkspace *self)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), TRUE);

  return self->store == NULL || affari_store_is_online (self->store);
}

const char *
affari_workspace_get_path (AffariWorkspace *self)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_get_path (self->store);
}

void
affari_workspace_close (AffariWorkspace *self)
{
  g_return_if_fail (AFFARI_IS_WORKSPACE (self));

  affari_store_close (self->store);
}

AffariStore *
affari_workspace_get_store (AffariWorkspace *self)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return self->store;
}

AffariDealOps *
affari_workspace_new_deal_ops (AffariWorkspace *self)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_deal_ops_new (self->store);
}

AffariDealList *
affari_workspace_new_deal_list (AffariWorkspace       *self,
                                const AffariDealQuery *query)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_deal_list_new (self->store, query);
}

AffariDealList *
affari_workspace_new_deal_list_first (AffariWorkspace       *self,
                                      const AffariDealQuery *query,
                                      guint                  n)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_deal_list_new_first (self->store, query, n);
}

AffariDealIdList *
affari_workspace_new_deal_id_list (AffariWorkspace *self)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_deal_id_list_new (self->store);
}

/* ------------------------------------------------------------ checks and backups in the background */

/* One pass at start-up, in this order: the quick check, then (only on a sound file, so that a
 * damaged one never pushes a good backup out of the seven) today's backup. */
static void
start_up_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  const char *path = data;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  /* Problems are the answer; a file that cannot even be read is one too. */
  if (!affari_store_quick_check (path, &problems, &error) && problems == NULL)
    {
      problems = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (problems, g_strdup (error != NULL ? error->message : ""));
    }
  if (problems == NULL || problems->len == 0)
    {
      g_clear_error (&error);
      if (!affari_store_auto_backup (path, g_get_real_time () / G_USEC_PER_SEC, NULL, &error))
        g_message ("The daily backup of %s failed: %s", path, error->message);
    }
  g_task_return_pointer (task, problems != NULL && problems->len > 0 ? g_steal_pointer (&problems) : NULL,
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
on_start_up_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  AffariWorkspace *self = AFFARI_WORKSPACE (source);
  g_autoptr(GPtrArray) problems = g_task_propagate_pointer (G_TASK (result), NULL);

  if (problems == NULL)
    return;
  for (guint i = 0; i < problems->len; i++)
    g_message ("The database %s is damaged: %s", affari_workspace_get_path (self),
               (const char *) g_ptr_array_index (problems, i));
  affari_store_mark_damaged (self->store);
}

void
affari_workspace_check_in_background (AffariWorkspace *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AFFARI_IS_WORKSPACE (self));

  if (g_strcmp0 (affari_workspace_get_path (self), ":memory:") == 0)
    return;
  task = g_task_new (self, NULL, on_start_up_done_cb, NULL);
  g_task_set_task_data (task, g_strdup (affari_workspace_get_path (self)), g_free);
  g_task_run_in_thread (task, start_up_thread);
}

gboolean
affari_workspace_is_damaged (AffariWorkspace *self)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_is_damaged (self->store);
}

gboolean
affari_workspace_back_up (AffariWorkspace         *self,
                          const char              *dest,
                          AffariStoreProgressFunc  progress,
                          gpointer                 data,
                          GCancellable            *cancellable,
                          GError                 **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_backup_file (affari_workspace_get_path (self), dest, progress, data, cancellable, error);
}

GPtrArray *
affari_workspace_list_backups (AffariWorkspace *self)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_list_backups (affari_workspace_get_path (self));
}

gboolean
affari_workspace_restore (const char  *backup,
                          const char  *db_path,
                          char       **out_kept,
                          GError     **error)
{
  return affari_store_restore_file (backup, db_path, g_get_real_time () / G_USEC_PER_SEC, out_kept, error);
}
