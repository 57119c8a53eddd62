/* test-workspace.c — what the windows see of the core: opening, the change signals as the store
 * emits them (a detail reaches only its handlers), reads and writes through one database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "io/affari-demo.h"
#include "model/affari-i18n.h"
#include "ops/affari-workspace.h"
#include "store/affari-store.h"

typedef struct {
  char *dir;
  char *path;
  AffariWorkspace *workspace;
  guint n_changed;
  guint n_team;
  guint n_settings;
  guint n_pipelines;
  gint64 stages_of;
} Fixture;

static void
on_changed_cb (AffariWorkspace *workspace, AffariChangeSet *set, Fixture *f)
{
  g_assert_true (AFFARI_IS_CHANGE_SET (set));
  f->n_changed++;
}

static void
on_team_cb (AffariWorkspace *workspace, gint64 pipeline_id, Fixture *f)
{
  f->n_team++;
}

static void
on_settings_cb (AffariWorkspace *workspace, gint64 pipeline_id, Fixture *f)
{
  f->n_settings++;
}

static void
on_pipelines_cb (AffariWorkspace *workspace, Fixture *f)
{
  f->n_pipelines++;
}

static void
on_stages_cb (AffariWorkspace *workspace, gint64 pipeline_id, Fixture *f)
{
  f->stages_of = pipeline_id;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("affari-workspace-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "affari.db", NULL);
  f->workspace = affari_workspace_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (affari_demo_generate (affari_workspace_get_store (f->workspace), 20, 5, &error));
  g_assert_no_error (error);
  g_signal_connect (f->workspace, "changed", G_CALLBACK (on_changed_cb), f);
  g_signal_connect (f->workspace, "settings-changed::team", G_CALLBACK (on_team_cb), f);
  g_signal_connect (f->workspace, "settings-changed", G_CALLBACK (on_settings_cb), f);
  g_signal_connect (f->workspace, "pipelines-changed", G_CALLBACK (on_pipelines_cb), f);
  g_signal_connect (f->workspace, "stages-changed", G_CALLBACK (on_stages_cb), f);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_assert_finalize_object (f->workspace);
  g_unlink (f->path);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* A move made through the workspace's operations arrives as one "changed" of the workspace,
 * and what it reads afterwards is what the database holds. */
static void
test_changes_reach_the_workspace (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDealOps) ops = affari_workspace_new_deal_ops (f->workspace);
  g_autoptr(AffariDealList) list = affari_workspace_new_deal_list (f->workspace, NULL);
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  g_autoptr(AffariDeal) deal = NULL;
  gint64 pipeline = affari_workspace_get_default_pipeline_id (f->workspace);
  gint64 id, target;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  id = affari_deal_list_get_id_at (list, 0);
  stages = affari_workspace_list_stages (f->workspace, pipeline, &error);
  g_assert_no_error (error);
  target = affari_stage_get_id (g_ptr_array_index (stages, 1));
  set = affari_deal_ops_move (ops, &id, 1, target, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
  g_assert_cmpuint (f->n_changed, ==, 1);
  deal = affari_workspace_get_deal (f->workspace, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (affari_deal_get_stage_id (deal), ==, target);
}

/* "settings-changed::team" reaches the team's handlers only; the others hear every setting. */
static void
test_settings_detail (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  g_assert_cmpint (affari_workspace_add_team_member (f->workspace, "Giulia Conti", "giulia@example.it", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_team, ==, 1);
  g_assert_cmpuint (f->n_settings, ==, 1);

  code = affari_workspace_add_list_item (f->workspace, AFFARI_LIST_SOURCES, "Fiera di Milano", &error);
  g_assert_no_error (error);
  g_assert_nonnull (code);
  g_assert_cmpuint (f->n_team, ==, 1);
  g_assert_cmpuint (f->n_settings, ==, 2);
}

/* Pipelines and stages edited through the workspace say so, with the pipeline. */
static void
test_pipeline_signals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 pipeline = affari_workspace_create_pipeline (f->workspace, "Rivenditori", &error);

  g_assert_no_error (error);
  g_assert_cmpint (pipeline, >, 0);
  g_assert_cmpuint (f->n_pipelines, >=, 1);
  g_assert_cmpint (affari_workspace_add_stage (f->workspace, pipeline, AFFARI_SEMANTICS_PROCESS, "Campione inviato",
                                               NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (f->stages_of, ==, pipeline);
}

/* A file that is not a database is refused with a sentence, and left as it was. */
static void
test_open_refuses_garbage (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("affari-workspace-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "affari.db", NULL);
  g_autofree char *after = NULL;
  const char *garbage = "questo non è un database";

  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));
  g_assert_null (affari_workspace_open (path, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_AFFARI);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, garbage);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/workspace/changes", Fixture, NULL, fixture_setup, test_changes_reach_the_workspace, fixture_teardown);
  g_test_add ("/workspace/settings-detail", Fixture, NULL, fixture_setup, test_settings_detail, fixture_teardown);
  g_test_add ("/workspace/pipeline-signals", Fixture, NULL, fixture_setup, test_pipeline_signals, fixture_teardown);
  g_test_add_func ("/workspace/open-refuses-garbage", test_open_refuses_garbage);

  return g_test_run ();
}
