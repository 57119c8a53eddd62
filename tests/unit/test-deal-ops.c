/* test-deal-ops.c — the deal operations layer: one transaction, one change set, exact undo/redo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "affari-test-dump.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "io/affari-demo.h"
#include "model/affari-i18n.h"
#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"

typedef struct {
  char *dir;
  char *path;
  AffariStore *store;
  AffariDealOps *ops;
  GPtrArray *sets;       /* AffariChangeSet, as "changed" emitted them */
} Fixture;

static void
on_changed_cb (AffariStore *store, AffariChangeSet *set, Fixture *f)
{
  g_ptr_array_add (f->sets, g_object_ref (set));
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("affari-ops-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "affari.db", NULL);
  f->store = affari_store_open (f->path, &error);
  g_assert_no_error (error);
  affari_store_set_now (f->store, 1795000000);   /* 2026-11-18, a Wednesday */
  g_assert_true (affari_demo_generate (f->store, 60, 3, &error));
  g_assert_no_error (error);
  f->ops = affari_deal_ops_new (f->store);
  f->sets = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed_cb), f);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_ptr_array_unref (f->sets);
  g_assert_finalize_object (f->ops);
  g_assert_finalize_object (f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static char *
dump (Fixture *f)
{
  return affari_test_dump_deals (f->path);
}

static guint
count_events (Fixture *f, gint64 deal_id, const char *kind)
{
  g_autoptr(GPtrArray) events = affari_store_list_events (f->store, deal_id, NULL);
  guint n = 0;

  for (guint i = 0; events != NULL && i < events->len; i++)
    if (g_strcmp0 (affari_event_type_to_string (affari_event_get_kind (g_ptr_array_index (events, i))), kind) == 0)
      n++;
  return n;
}

static gint64
stage (Fixture *f, const char *code)
{
  return affari_store_find_stage_by_code (f->store, affari_store_get_default_pipeline_id (f->store), code);
}

/* Deals of the default pipeline: @closed ones (won or lost) or open ones. */
static GArray *
deals_where (Fixture *f, gboolean closed, guint n)
{
  g_autoptr(GPtrArray) deals = NULL;
  AffariDealQuery query = { 0 };
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  query.pipeline_id = affari_store_get_default_pipeline_id (f->store);
  deals = affari_store_query_deals (f->store, &query, 0, 0, NULL);
  affari_deal_query_clear (&query);
  for (guint i = 0; i < deals->len && ids->len < n; i++)
    {
      AffariDeal *deal = g_ptr_array_index (deals, i);
      gint64 id = affari_deal_get_id (deal);

      if (affari_deal_get_closed (deal) == closed)
        g_array_append_val (ids, id);
    }
  g_assert_cmpuint (ids->len, ==, n);
  return ids;
}

static void
test_move_undo_redo (Fixture *f, gconstpointer data)
{
  g_autoptr(GArray) open = deals_where (f, FALSE, 2);
  g_autoptr(GArray) closed = deals_where (f, TRUE, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  gint64 target = stage (f, "EXECUTING");
  gint64 ids[3];

  ids[0] = g_array_index (open, gint64, 0);
  ids[1] = g_array_index (closed, gint64, 0);
  ids[2] = g_array_index (open, gint64, 1);

  /* A closed deal among them would be reopened: the caller is told how many, to ask. */
  g_assert_cmpuint (affari_deal_ops_count_reopened (f->ops, ids, 3, target), ==, 1);
  g_assert_cmpuint (affari_deal_ops_count_reopened (f->ops, ids, 3, stage (f, "WON")), ==, 0);

  before = dump (f);
  set = affari_deal_ops_move (f->ops, ids, 3, target, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
  g_assert_cmpstr (affari_change_set_get_label (set), ==, "3 affari spostati in In corso");
  g_assert_cmpuint (affari_change_set_get_n_deals (set), ==, 3);
  /* One transaction, one signal; each deal with where it landed and its new state. */
  g_assert_cmpuint (f->sets->len, ==, 1);
  for (guint i = 0; i < 3; i++)
    {
      const AffariDealChange *change = affari_change_set_find (set, ids[i]);

      g_assert_nonnull (change);
      g_assert_cmpint (change->new_stage_id, ==, target);
      g_assert_cmpint (change->index, ==, (int) i);
      g_assert_cmpint (affari_deal_get_stage_id (change->after), ==, target);
      g_assert_false (affari_deal_get_closed (change->after));
    }
  after = dump (f);
  g_assert_cmpstr (before, !=, after);
  g_assert_true (affari_deal_ops_can_undo (f->ops));

  g_assert_true (affari_deal_ops_undo (f->ops, &error));
  g_assert_no_error (error);
  undone = dump (f);
  /* Exactly as before: stages, positions, closed flags, close dates, totals. */
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpuint (count_events (f, ids[1], "undone"), ==, 1);
  g_assert_cmpuint (f->sets->len, ==, 2);
  g_assert_true (affari_change_set_get_is_revert (g_ptr_array_index (f->sets, 1)));
  g_assert_false (affari_deal_ops_can_undo (f->ops));
  g_assert_true (affari_deal_ops_can_redo (f->ops));

  g_assert_true (affari_deal_ops_redo (f->ops, &error));
  g_assert_no_error (error);
  redone = dump (f);
  g_assert_cmpstr (redone, ==, after);
  g_assert_cmpuint (count_events (f, ids[1], "undone"), ==, 2);
}

static void
test_move_all_or_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GArray) open = deals_where (f, FALSE, 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f);
  g_autofree char *now = NULL;
  g_autoptr(GPtrArray) pipelines = affari_store_list_pipelines (f->store, NULL);
  g_autoptr(GPtrArray) other = NULL;
  gint64 ids[3] = { g_array_index (open, gint64, 0), g_array_index (open, gint64, 1), 999999 };

  /* A deal that does not exist fails the move of all three. */
  g_assert_null (affari_deal_ops_move (f->ops, ids, 3, stage (f, "EXECUTING"), 0, NULL, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND);
  g_clear_error (&error);
  now = dump (f);
  g_assert_cmpstr (now, ==, before);
  g_assert_false (affari_deal_ops_can_undo (f->ops));

  /* A stage of another pipeline too. */
  g_assert_cmpuint (pipelines->len, >=, 2);
  other = affari_store_list_stages (f->store, affari_pipeline_get_id (g_ptr_array_index (pipelines, 1)), NULL);
  g_assert_null (affari_deal_ops_move (f->ops, ids, 2, affari_stage_get_id (g_ptr_array_index (other, 1)), 0, NULL, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
  g_free (now);
  now = dump (f);
  g_assert_cmpstr (now, ==, before);
}

static void
test_undo_refused_after_outside_change (Fixture *f, gconstpointer data)
{
  g_autoptr(GArray) open = deals_where (f, FALSE, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  g_autoptr(AffariDeal) deal = NULL;
  g_autofree char *before = NULL;
  g_autofree char *now = NULL;
  gint64 id = g_array_index (open, gint64, 0);

  set = affari_deal_ops_move (f->ops, &id, 1, stage (f, "FINAL_INVOICE"), 0, NULL, &error);
  g_assert_no_error (error);

  /* Another program renames the deal: undoing the move would silently undo the rename too. */
  deal = affari_store_get_deal (f->store, id, NULL);
  affari_deal_set_title (deal, "Rinominato altrove");
  g_assert_true (affari_store_update_deal (f->store, deal, NULL));
  before = dump (f);

  g_assert_false (affari_deal_ops_undo (f->ops, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
  now = dump (f);
  g_assert_cmpstr (now, ==, before);
}

static void
test_trash_restore (Fixture *f, gconstpointer data)
{
  g_autoptr(GArray) open = deals_where (f, FALSE, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  g_autofree char *before = dump (f);
  g_autofree char *now = NULL;

  set = affari_deal_ops_trash (f->ops, (const gint64 *) open->data, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (affari_change_set_get_label (set), ==, "2 affari spostati nel cestino");
  for (guint i = 0; i < 2; i++)
    {
      const AffariDealChange *change = affari_change_set_get_deal (set, i);

      g_assert_cmpint (change->new_stage_id, ==, 0);
      g_assert_cmpint (change->old_stage_id, >, 0);
      g_assert_null (change->after);
    }
  g_assert_true (affari_deal_ops_undo (f->ops, &error));
  now = dump (f);
  g_assert_cmpstr (now, ==, before);
}

static void
test_activities_and_dates (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  g_autoptr(AffariChangeSet) date_set = NULL;
  g_autofree char *before = dump (f);
  g_autofree char *now = NULL;
  gint64 with_activity = 0;
  g_autoptr(GArray) open = deals_where (f, FALSE, 20);

  for (guint i = 0; i < open->len && with_activity == 0; i++)
    {
      g_autoptr(AffariActivity) next = affari_store_get_next_activity (f->store, g_array_index (open, gint64, i), NULL);

      if (next != NULL)
        with_activity = g_array_index (open, gint64, i);
    }
  g_assert_cmpint (with_activity, >, 0);

  set = affari_deal_ops_reschedule_next (f->ops, &with_activity, 1, AFFARI_ACTIVITY_PERIOD_LATER, &error);
  g_assert_no_error (error);
  date_set = affari_deal_ops_set_date (f->ops, with_activity, AFFARI_CALENDAR_CLOSE_DATE, "2027-03-31", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (affari_deal_get_close_date (affari_change_set_get_deal (date_set, 0)->after), ==, "2027-03-31");

  g_assert_true (affari_deal_ops_undo (f->ops, &error));
  g_assert_true (affari_deal_ops_undo (f->ops, &error));
  g_assert_no_error (error);
  now = dump (f);
  g_assert_cmpstr (now, ==, before);
  g_assert_false (affari_deal_ops_undo (f->ops, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
}

static void
test_create (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(AffariChangeSet) set = NULL;
  g_autoptr(AffariDeal) back = NULL;
  AffariDealQuery trash = { .include_deleted = TRUE };
  guint live = affari_store_count_deals (f->store, NULL, NULL);
  const AffariDealChange *change;
  gint64 id;

  affari_deal_set_title (deal, "Impianto fotovoltaico");
  affari_deal_set_amount (deal, 1250000);
  set = affari_deal_ops_create (f->ops, deal, NULL, NULL, &error);
  g_assert_no_error (error);
  id = affari_deal_get_id (deal);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (affari_change_set_get_label (set), ==, "Affare “Impianto fotovoltaico” creato");
  change = affari_change_set_find (set, id);
  g_assert_nonnull (change);
  g_assert_cmpint (change->old_stage_id, ==, 0);
  g_assert_cmpint (change->new_stage_id, >, 0);
  g_assert_cmpuint (affari_store_count_deals (f->store, NULL, NULL), ==, live + 1);

  /* Undone: in the trash, where it can still be found; redone: back where it was. */
  g_assert_true (affari_deal_ops_undo (f->ops, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (affari_store_count_deals (f->store, NULL, NULL), ==, live);
  g_assert_cmpuint (affari_store_count_deals (f->store, &trash, NULL), ==, 1);
  g_assert_true (affari_deal_ops_redo (f->ops, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (affari_store_count_deals (f->store, NULL, NULL), ==, live + 1);
  back = affari_store_get_deal (f->store, id, NULL);
  g_assert_cmpint (affari_deal_get_stage_id (back), ==, change->new_stage_id);
  g_assert_cmpint (affari_deal_get_amount (back), ==, 1250000);
}

/* Many deals dropped together land together, in their order, where they were dropped (their gap
 * is split once: moved one by one into the same gap, it would be exhausted after a few dozen). */
static void
test_move_many_keeps_order (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  g_autoptr(GArray) column = NULL;
  gint64 target = stage (f, "FINAL_INVOICE");
  AffariDealQuery q = { .stage_id = target };
  g_autoptr(GArray) moving = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* Sixty new deals of the first stage, handed over in the order they were made. */
  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(AffariDeal) deal = affari_deal_new ();
      gint64 id;

      affari_deal_set_title (deal, "Fornitura");
      g_assert_true (affari_store_create_deal (f->store, deal, NULL));
      id = affari_deal_get_id (deal);
      g_array_append_val (moving, id);
    }

  set = affari_deal_ops_move (f->ops, (const gint64 *) moving->data, moving->len, target, 1, NULL, &error);
  g_assert_no_error (error);
  column = affari_store_query_deal_ids (f->store, &q, NULL);
  for (guint i = 0; i < moving->len; i++)
    {
      g_assert_cmpint (g_array_index (column, gint64, 1 + i), ==, g_array_index (moving, gint64, i));
      g_assert_cmpint (affari_change_set_find (set, g_array_index (moving, gint64, i))->index, ==, 1 + (int) i);
    }
  g_assert_true (affari_store_check (f->store, NULL, NULL));
}

/* Closing through the operations keeps the expected close date and records the day of closing;
 * undo and redo put both back exactly (redo days later still says the day it was closed), and
 * "Riapri" clears the day of closing, undone with the day it had. */
static void
test_close_reopen_undo (Fixture *f, gconstpointer data)
{
  g_autoptr(GArray) open = deals_where (f, FALSE, 1);
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(AffariChangeSet) closing = NULL;
  g_autoptr(AffariChangeSet) reopening = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (affari_store_now (f->store));
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *planned = NULL;
  gint64 id = g_array_index (open, gint64, 0);

  deal = affari_store_get_deal (f->store, id, NULL);
  planned = g_strdup (affari_deal_get_close_date (deal));
  g_assert_nonnull (planned);
  g_assert_cmpstr (planned, !=, today);
  g_assert_null (affari_deal_get_closed_at (deal));
  g_clear_object (&deal);

  closing = affari_deal_ops_move (f->ops, &id, 1, stage (f, "WON"), 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (closing);
  /* What the views are told is what is stored. */
  g_assert_cmpstr (affari_deal_get_closed_at (affari_change_set_find (closing, id)->after), ==, today);
  g_assert_cmpstr (affari_deal_get_close_date (affari_change_set_find (closing, id)->after), ==, planned);

  g_assert_true (affari_deal_ops_undo (f->ops, &error));
  deal = affari_store_get_deal (f->store, id, NULL);
  g_assert_false (affari_deal_get_closed (deal));
  g_assert_null (affari_deal_get_closed_at (deal));
  g_assert_cmpstr (affari_deal_get_close_date (deal), ==, planned);
  g_clear_object (&deal);

  affari_store_set_now (f->store, affari_store_now (f->store) + 2 * 86400);
  g_assert_true (affari_deal_ops_redo (f->ops, &error));
  g_assert_no_error (error);
  deal = affari_store_get_deal (f->store, id, NULL);
  g_assert_true (affari_deal_get_closed (deal));
  g_assert_cmpstr (affari_deal_get_closed_at (deal), ==, today);
  g_assert_cmpstr (affari_deal_get_close_date (deal), ==, planned);
  g_clear_object (&deal);

  reopening = affari_deal_ops_reopen (f->ops, &id, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reopening);
  deal = affari_store_get_deal (f->store, id, NULL);
  g_assert_false (affari_deal_get_closed (deal));
  g_assert_null (affari_deal_get_closed_at (deal));
  g_assert_cmpstr (affari_deal_get_close_date (deal), ==, planned);
  g_clear_object (&deal);

  g_assert_true (affari_deal_ops_undo (f->ops, &error));
  deal = affari_store_get_deal (f->store, id, NULL);
  g_assert_true (affari_deal_get_closed (deal));
  g_assert_cmpstr (affari_deal_get_closed_at (deal), ==, today);
  g_assert_true (affari_store_check (f->store, NULL, NULL));
}

/* The product rows of a new deal go in its creation's transaction: the amount is their total
 * (not typed by hand), or the typed amount stays (typed by hand); undoing the creation trashes
 * the deal with them, and the fill is refused outside a creation. */
typedef struct {
  Fixture *f;
  const AffariProductRow *rows;
  guint n_rows;
  gboolean ok;
} FillRows;

static void
fill_rows_cb (gint64 deal_id, gpointer data)
{
  FillRows *fill = data;
  g_autoptr(GError) error = NULL;

  fill->ok = affari_deal_ops_fill_product_rows (fill->f->ops, deal_id, fill->rows, fill->n_rows, &error);
  g_assert_no_error (error);
}

static void
test_create_with_rows (Fixture *f, gconstpointer data)
{
  AffariProductRow rows[] = {
    { .name = (char *) "Cuffie", .quantity_milli = 2000, .price_netto = 5000, .discount_type = 2, .tax_rate_bp = 2200 },
    { .name = (char *) "Supporto", .quantity_milli = 1000, .price_netto = 2000, .discount_type = 2, .tax_rate_bp = 2200 },
  };
  FillRows fill = { f, rows, G_N_ELEMENTS (rows), FALSE };
  AffariDealQuery trash = { .include_deleted = TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(AffariDeal) typed = affari_deal_new ();
  g_autoptr(AffariDeal) back = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  g_autoptr(AffariChangeSet) typed_set = NULL;
  g_autoptr(GArray) stored = NULL;
  guint live = affari_store_count_deals (f->store, NULL, NULL);
  guint sets = f->sets->len;
  gint64 id;

  affari_deal_set_title (deal, "Cuffie per il call center");
  set = affari_deal_ops_create (f->ops, deal, fill_rows_cb, &fill, &error);
  g_assert_no_error (error);
  g_assert_true (fill.ok);
  /* One transaction: one change announced. */
  g_assert_cmpuint (f->sets->len, ==, sets + 1);
  id = affari_deal_get_id (deal);
  stored = affari_store_list_product_rows (f->store, id, &error);
  g_assert_cmpuint (stored->len, ==, 2);
  back = affari_store_get_deal (f->store, id, NULL);
  /* 2 × 50,00 + 22 % = 122,00; 20,00 + 22 % = 24,40 */
  g_assert_cmpint (affari_deal_get_amount (back), ==, 12200 + 2440);
  g_assert_false (affari_deal_get_is_manual_amount (back));
  g_assert_cmpuint (count_events (f, id, "product"), ==, 1);
  g_clear_object (&back);

  /* Typed by hand: the amount stays, the rows are stored. */
  affari_deal_set_title (typed, "Cuffie, prezzo concordato");
  affari_deal_set_amount (typed, 100000);
  affari_deal_set_is_manual_amount (typed, TRUE);
  typed_set = affari_deal_ops_create (f->ops, typed, fill_rows_cb, &fill, &error);
  g_assert_no_error (error);
  back = affari_store_get_deal (f->store, affari_deal_get_id (typed), NULL);
  g_assert_cmpint (affari_deal_get_amount (back), ==, 100000);
  g_assert_true (affari_deal_get_is_manual_amount (back));
  g_clear_object (&back);

  /* Undone: both in the trash, each with its rows. */
  g_assert_true (affari_deal_ops_undo (f->ops, &error));
  g_assert_true (affari_deal_ops_undo (f->ops, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (affari_store_count_deals (f->store, NULL, NULL), ==, live);
  g_assert_cmpuint (affari_store_count_deals (f->store, &trash, NULL), ==, 2);
  g_clear_pointer (&stored, g_array_unref);
  stored = affari_store_list_product_rows (f->store, id, &error);
  g_assert_cmpuint (stored->len, ==, 2);

  /* Not inside a creation: refused, nothing written. */
  g_test_expect_message ("affari-deal-ops", G_LOG_LEVEL_CRITICAL, "*filling*");
  g_assert_false (affari_deal_ops_fill_product_rows (f->ops, id, rows, 1, NULL));
  g_test_assert_expected_messages ();
  g_clear_pointer (&stored, g_array_unref);
  stored = affari_store_list_product_rows (f->store, id, &error);
  g_assert_cmpuint (stored->len, ==, 2);
}

int
main (int argc, char *argv[])
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/deal-ops/move-undo-redo", test_move_undo_redo);
  ADD ("/deal-ops/move-all-or-nothing", test_move_all_or_nothing);
  ADD ("/deal-ops/undo-refused-after-outside-change", test_undo_refused_after_outside_change);
  ADD ("/deal-ops/trash-restore", test_trash_restore);
  ADD ("/deal-ops/activities-and-dates", test_activities_and_dates);
  ADD ("/deal-ops/create", test_create);
  ADD ("/deal-ops/create-with-rows", test_create_with_rows);
  ADD ("/deal-ops/move-many-keeps-order", test_move_many_keeps_order);
  ADD ("/deal-ops/close-reopen-undo", test_close_reopen_undo);
#undef ADD

  return g_test_run ();
}
