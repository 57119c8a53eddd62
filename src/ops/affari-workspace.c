/* affari-workspace.c — one open database as the windows see it: its signals, models, operations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "affari-workspace-private.h"

/* Less than a frame's worth of waiting for a lock someone else holds. */
#define WINDOW_BUSY_TIMEOUT_MS 100

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
affari_workspace_dispose (GObject *object)
{
  AffariWorkspace *self = AFFARI_WORKSPACE (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (affari_workspace_parent_class)->dispose (object);
}

static void
affari_workspace_class_init (AffariWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = affari_workspace_dispose;

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
