/* test-conflict.c — a write based on an old version of a deal is refused, never a silent
 * overwrite (#21: "each deal has a row version; a write based on an old version is refused and
 * the user sees the current state with a toast naming who changed it")
 *
 * Two connections to one database file stand for two windows (or two sellers): what one reads,
 * the other changes, and the first one's write of its old copy is refused with a message that
 * names who changed the deal; the database keeps the other's change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "affari-test-db.h"
#include "affari-test-sql.h"
#include "model/affari-error.h"
#include "model/affari-i18n.h"
#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"

typedef struct {
  AffariTestDb t;           /* the first window: f->t.store, f->t.ops */
  AffariStore *other;       /* the second, on the same file, as Sara Galli */
  AffariDealOps *other_ops;
  gint64 deal_id;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(AffariChangeSet) set = NULL;

  affari_test_db_open (&f->t, "conflict");
  affari_deal_set_title (deal, "Fornitura scaffalature");
  affari_deal_set_amount (deal, 100000);
  set = affari_deal_ops_create (f->t.ops, deal, NULL, NULL, &error);
  g_assert_no_error (error);
  f->deal_id = affari_change_set_get_first_deal_id (set);

  f->other = affari_test_open_other (f->t.path, "Sara Galli", NULL, &f->other_ops);
  affari_store_set_now (f->other, 1795003600);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_assert_finalize_object (f->other_ops);
  g_assert_finalize_object (f->other);
  affari_test_db_close (&f->t);
}

static AffariDeal *
read_deal (AffariStore *store, gint64 id)
{
  g_autoptr(GError) error = NULL;
  AffariDeal *deal = affari_store_get_deal (store, id, &error);

  g_assert_no_error (error);
  return deal;
}

static gint64
stored_amount (Fixture *f)
{
  return affari_test_sql_int (f->t.db, "SELECT amount FROM deal WHERE id = ?", f->deal_id);
}

/* The first window's card holds the deal; Sara changes the amount; the card's write of a new
 * title on its old copy is refused, naming her, and her amount stays. */
static void
test_stale_write_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDeal) card = read_deal (f->t.store, f->deal_id);
  g_autoptr(AffariDeal) theirs = read_deal (f->other, f->deal_id);
  g_autoptr(AffariChangeSet) set = NULL;
  g_autoptr(AffariChangeSet) refused = NULL;
  g_autofree char *title = NULL;
  gint64 version = affari_deal_get_version (card);

  g_assert_cmpint (version, >, 0);
  affari_deal_set_amount (theirs, 250000);
  set = affari_deal_ops_update (f->other_ops, theirs, &error);
  g_assert_no_error (error);
  g_assert_cmpint (affari_deal_get_version (theirs), >, version);

  affari_deal_set_title (card, "Fornitura scaffalature e posa");
  refused = affari_deal_ops_update (f->t.ops, card, &error);
  g_assert_null (refused);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Sara Galli"));
  g_assert_nonnull (strstr (error->message, "ha modificato"));
  g_clear_error (&error);

  /* Nothing of the refused write, all of Sara's. */
  g_assert_cmpint (stored_amount (f), ==, 250000);
  title = affari_test_sql_text (f->t.db, "SELECT title FROM deal WHERE id = ?", f->deal_id);
  g_assert_cmpstr (title, ==, "Fornitura scaffalature");

  /* Seen the current state (read again), the same edit goes through. */
  g_clear_object (&card);
  card = read_deal (f->t.store, f->deal_id);
  affari_deal_set_title (card, "Fornitura scaffalature e posa");
  g_clear_object (&set);
  set = affari_deal_ops_update (f->t.ops, card, &error);
  g_assert_no_error (error);
  g_clear_pointer (&title, g_free);
  title = affari_test_sql_text (f->t.db, "SELECT title FROM deal WHERE id = ?", f->deal_id);
  g_assert_cmpstr (title, ==, "Fornitura scaffalature e posa");
  g_assert_cmpint (stored_amount (f), ==, 250000);
}

/* A card's own edits one after the other: each write gives the copy the new version. */
static void
test_own_writes_follow (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDeal) card = read_deal (f->t.store, f->deal_id);

  for (int i = 1; i <= 3; i++)
    {
      g_autoptr(AffariChangeSet) set = NULL;

      affari_deal_set_amount (card, 100000 + i * 1000);
      set = affari_deal_ops_update (f->t.ops, card, &error);
      g_assert_no_error (error);
      g_assert_nonnull (set);
    }
  g_assert_cmpint (stored_amount (f), ==, 103000);
}

/* A move to another stage is a change (a card read before it is stale); reordering cards in a
 * column is not (an open card stays writable while the board is sorted). */
static void
test_what_makes_a_version (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDeal) card = read_deal (f->t.store, f->deal_id);
  g_autoptr(AffariChangeSet) moved = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  gint64 version = affari_deal_get_version (card);
  gint64 stage = affari_deal_get_stage_id (card);
  gint64 next = affari_deal_ops_stage_by (f->other_ops, f->deal_id, 1);

  /* To the bottom of its own stage: a new position only. */
  g_assert_true (affari_store_move_deal (f->other, f->deal_id, stage, -1, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (affari_test_sql_int (f->t.db, "SELECT version FROM deal WHERE id = ?", f->deal_id), ==, version);

  /* To the next stage: a new version, and the card's old copy is refused. */
  g_assert_cmpint (next, !=, 0);
  moved = affari_deal_ops_move (f->other_ops, &f->deal_id, 1, next, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (affari_test_sql_int (f->t.db, "SELECT version FROM deal WHERE id = ?", f->deal_id), >, version);
  affari_deal_set_comments (card, "Richiamare lunedì");
  set = affari_deal_ops_update (f->t.ops, card, &error);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONFLICT);
  g_assert_null (set);
  /* The stale copy did not move the deal back. */
  g_assert_cmpint (affari_test_sql_int (f->t.db, "SELECT stage_id FROM deal WHERE id = ?", f->deal_id), ==, next);
}

/* Undo and redo still work across the versions they make. */
static void
test_undo_makes_a_version (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDeal) card = read_deal (f->t.store, f->deal_id);
  g_autoptr(AffariChangeSet) set = NULL;
  gint64 before;

  affari_deal_set_amount (card, 420000);
  set = affari_deal_ops_update (f->t.ops, card, &error);
  g_assert_no_error (error);
  before = affari_test_sql_int (f->t.db, "SELECT version FROM deal WHERE id = ?", f->deal_id);
  g_assert_true (affari_deal_ops_undo (f->t.ops, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_amount (f), ==, 100000);
  g_assert_cmpint (affari_test_sql_int (f->t.db, "SELECT version FROM deal WHERE id = ?", f->deal_id), >, before);
  g_assert_true (affari_deal_ops_redo (f->t.ops, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_amount (f), ==, 420000);
}

int
main (int argc, char *argv[])
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/conflict/stale-write-refused", Fixture, NULL, fixture_setup, test_stale_write_refused, fixture_teardown);
  g_test_add ("/conflict/own-writes-follow", Fixture, NULL, fixture_setup, test_own_writes_follow, fixture_teardown);
  g_test_add ("/conflict/what-makes-a-version", Fixture, NULL, fixture_setup, test_what_makes_a_version, fixture_teardown);
  g_test_add ("/conflict/undo-makes-a-version", Fixture, NULL, fixture_setup, test_undo_makes_a_version, fixture_teardown);
  return g_test_run ();
}
