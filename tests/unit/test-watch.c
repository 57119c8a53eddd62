/* test-watch.c — what another connection commits is seen by this one within a poll (#21's live
 * refresh, on the SQLite store: two windows, or the command line while the window is open)
 *
 * Two stores on one file stand for two windows. What the other commits comes out of
 * affari_store_poll () as one change set naming its author — the deal, its old and new stage —
 * or as the signals of the stages and settings it edited, or as "reset" after an import; a
 * connection never hears its own changes twice, and a poll with nothing new emits nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "affari-test-db.h"
#include "affari-test-sql.h"
#include "io/affari-demo.h"
#include "model/affari-i18n.h"
#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"
#include "store/affari-store-watch.h"

typedef struct {
  AffariTestDb t;           /* this window: f->t.store, f->t.ops */
  AffariStore *other;       /* the other window, as Sara Galli */
  AffariDealOps *other_ops;
  gint64 sara;
  gint64 deal_id;
  GPtrArray *sets;          /* the change sets this window's store emitted */
  guint n_resets;
  guint n_stages_changed;
} Fixture;

static void
on_changed_cb (AffariStore *store, AffariChangeSet *set, Fixture *f)
{
  g_ptr_array_add (f->sets, g_object_ref (set));
}

static void
on_reset_cb (AffariStore *store, Fixture *f)
{
  f->n_resets++;
}

static void
on_stages_changed_cb (AffariStore *store, gint64 pipeline_id, Fixture *f)
{
  f->n_stages_changed++;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(AffariChangeSet) set = NULL;

  affari_test_db_open (&f->t, "watch");
  affari_deal_set_title (deal, "Manutenzione caldaie");
  set = affari_deal_ops_create (f->t.ops, deal, NULL, NULL, &error);
  g_assert_no_error (error);
  f->deal_id = affari_change_set_get_first_deal_id (set);

  f->other = affari_test_open_other (f->t.path, "Sara Galli", &f->sara, &f->other_ops);

  /* What this window has seen so far (the member Sara's store added is a settings change). */
  affari_store_poll (f->t.store);
  f->sets = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (f->t.store, "changed", G_CALLBACK (on_changed_cb), f);
  g_signal_connect (f->t.store, "reset", G_CALLBACK (on_reset_cb), f);
  g_signal_connect (f->t.store, "stages-changed", G_CALLBACK (on_stages_changed_cb), f);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_signal_handlers_disconnect_by_data (f->t.store, f);
  g_ptr_array_unref (f->sets);
  g_assert_finalize_object (f->other_ops);
  g_assert_finalize_object (f->other);
  affari_test_db_close (&f->t);
}

/* Sara moves the deal: this window's poll hears it once, with her name on it. */
static void
test_other_move_seen (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) moved = NULL;
  gint64 from = affari_test_sql_int (f->t.db, "SELECT stage_id FROM deal WHERE id = ?", f->deal_id);
  gint64 to = affari_deal_ops_stage_by (f->other_ops, f->deal_id, 1);
  const AffariDealChange *change;
  AffariChangeSet *seen;

  g_assert_false (affari_store_poll (f->t.store));   /* nothing new yet */
  moved = affari_deal_ops_move (f->other_ops, &f->deal_id, 1, to, 0, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (affari_store_poll (f->t.store));
  g_assert_cmpuint (f->sets->len, ==, 1);
  seen = g_ptr_array_index (f->sets, 0);
  g_assert_cmpint (affari_change_set_get_author (seen), ==, f->sara);
  change = affari_change_set_find (seen, f->deal_id);
  g_assert_nonnull (change);
  g_assert_cmpint (change->old_stage_id, ==, from);
  g_assert_cmpint (change->new_stage_id, ==, to);
  /* With the deal as it is now, read by this window. */
  g_assert_nonnull (change->after);
  g_assert_cmpint (affari_deal_get_stage_id (change->after), ==, to);

  /* Heard once. */
  g_assert_false (affari_store_poll (f->t.store));
  g_assert_cmpuint (f->sets->len, ==, 1);
}

/* This window's own change is emitted once, at its commit, never again by a poll; the other
 * window hears it, as made by this window's user. */
static void
on_other_changed_cb (AffariStore *store, AffariChangeSet *set, AffariChangeSet **out)
{
  g_set_object (out, set);
}

static void
test_own_change_not_heard_twice (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) moved = NULL;
  g_autoptr(AffariChangeSet) heard = NULL;
  gint64 to = affari_deal_ops_stage_by (f->t.ops, f->deal_id, 1);

  moved = affari_deal_ops_move (f->t.ops, &f->deal_id, 1, to, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->sets->len, ==, 1);
  g_assert_cmpint (affari_change_set_get_author (g_ptr_array_index (f->sets, 0)), ==, 0);
  g_assert_false (affari_store_poll (f->t.store));
  g_assert_cmpuint (f->sets->len, ==, 1);

  /* Sara's change after it, on another deal: the poll gives hers only, not this window's. */
  {
    g_autoptr(AffariDeal) theirs = affari_deal_new ();
    g_autoptr(AffariChangeSet) made = NULL;
    AffariChangeSet *seen;

    affari_deal_set_title (theirs, "Fornitura notebook");
    made = affari_deal_ops_create (f->other_ops, theirs, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (affari_store_poll (f->t.store));
    g_assert_cmpuint (f->sets->len, ==, 2);
    seen = g_ptr_array_index (f->sets, 1);
    g_assert_cmpuint (affari_change_set_get_n_deals (seen), ==, 1);
    g_assert_null (affari_change_set_find (seen, f->deal_id));
    g_assert_nonnull (affari_change_set_find (seen, affari_change_set_get_first_deal_id (made)));
  }

  g_signal_connect (f->other, "changed", G_CALLBACK (on_other_changed_cb), &heard);
  g_assert_true (affari_store_poll (f->other));
  g_signal_handlers_disconnect_by_data (f->other, &heard);
  g_assert_nonnull (heard);
  g_assert_nonnull (affari_change_set_find (heard, f->deal_id));
  g_assert_cmpint (affari_change_set_get_author (heard), ==, affari_store_get_current_user (f->t.store));
}

/* Sara's edit of the stages and her import of many deals: the signals that make the views read
 * them again. */
static void
test_stages_and_import (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 stage = affari_test_sql_int (f->t.db, "SELECT stage_id FROM deal WHERE id = ?", f->deal_id);
  gint64 pipeline = affari_test_sql_int (f->t.db, "SELECT pipeline_id FROM deal WHERE id = ?", f->deal_id);

  g_assert_true (affari_store_update_stage (f->other, stage, "Primo contatto", "#3584E4", &error));
  g_assert_no_error (error);
  g_assert_true (affari_store_poll (f->t.store));
  g_assert_cmpuint (f->n_stages_changed, ==, 1);
  /* And this window reads the new name, not the one it kept. */
  {
    g_autoptr(AffariStage) read = affari_store_get_stage (f->t.store, stage, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (affari_stage_get_name (read), ==, "Primo contatto");
  }
  (void) pipeline;

  g_assert_true (affari_demo_generate (f->other, 50, 7, &error));
  g_assert_no_error (error);
  g_assert_true (affari_store_poll (f->t.store));
  g_assert_cmpuint (f->n_resets, ==, 1);
}

/* A window that fell further behind than the log keeps reads everything again. */
static void
test_pruned_log_resets (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) moved = NULL;
  gint64 to = affari_deal_ops_stage_by (f->other_ops, f->deal_id, 1);

  moved = affari_deal_ops_move (f->other_ops, &f->deal_id, 1, to, 0, NULL, &error);
  g_assert_no_error (error);
  /* As the pruning of a long-running other window would: the rows this one did not read. */
  g_assert_cmpint (sqlite3_exec (f->t.db, "DELETE FROM change_log", NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&moved);
  moved = affari_deal_ops_move (f->other_ops, &f->deal_id, 1,
                                affari_deal_ops_stage_by (f->other_ops, f->deal_id, 1), 0, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (affari_store_poll (f->t.store));
  g_assert_cmpuint (f->n_resets, ==, 1);
  g_assert_cmpuint (f->sets->len, ==, 0);
}

int
main (int argc, char *argv[])
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/watch/other-move-seen", Fixture, NULL, fixture_setup, test_other_move_seen, fixture_teardown);
  g_test_add ("/watch/own-change-not-heard-twice", Fixture, NULL, fixture_setup, test_own_change_not_heard_twice, fixture_teardown);
  g_test_add ("/watch/stages-and-import", Fixture, NULL, fixture_setup, test_stages_and_import, fixture_teardown);
  g_test_add ("/watch/pruned-log-resets", Fixture, NULL, fixture_setup, test_pruned_log_resets, fixture_teardown);
  return g_test_run ();
}
