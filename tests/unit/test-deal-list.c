/* test-deal-list.c — the lazy GListModel the views sit on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "model/affari-deal-list.h"
#include "model/affari-i18n.h"
#include "store/affari-store.h"

typedef struct {
  guint position, removed, added, count;
} Change;

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, Change *c)
{
  c->position = position;
  c->removed = removed;
  c->added = added;
  c->count++;
}

static void
run_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gint64
stage (AffariStore *store, const char *code)
{
  return affari_store_find_stage_by_code (store, affari_store_get_default_pipeline_id (store), code);
}

static void
fill (AffariStore *store, guint n, const char *code)
{
  g_assert_true (affari_store_begin_batch (store, NULL));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AffariDeal) deal = affari_deal_new ();
      g_autofree char *title = g_strdup_printf ("Affare %05u", i);
      affari_deal_set_title (deal, title);
      affari_deal_set_amount (deal, i * 100);
      affari_deal_set_stage_id (deal, stage (store, code));
      g_assert_true (affari_store_create_deal (store, deal, NULL));
    }
  g_assert_true (affari_store_end_batch (store, TRUE, NULL));
}

static void
test_lazy_loading (void)
{
  g_autoptr(AffariStore) store = affari_store_open (NULL, NULL);
  g_autoptr(AffariDealList) list = NULL;
  AffariDealQuery q = { .stage_id = 0 };

  fill (store, 5000, "NEW");
  q.stage_id = stage (store, "NEW");
  list = affari_deal_list_new (store, &q);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5000);
  g_assert_cmpuint (affari_deal_list_get_n_loaded (list), ==, 0);

  /* reading the last item loads one page, not the whole list */
  {
    g_autoptr(AffariDeal) last = g_list_model_get_item (G_LIST_MODEL (list), 4999);
    g_assert_cmpstr (affari_deal_get_title (last), ==, "Affare 00000");
    g_assert_cmpuint (affari_deal_list_get_n_loaded (list), <=, 64);
  }
  /* scrolling through everything keeps a bounded number of objects alive */
  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr(AffariDeal) deal = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_assert_nonnull (deal);
    }
  g_assert_cmpuint (affari_deal_list_get_n_loaded (list), <=, 64 * 24);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 5000));
}

static void
test_precise_items_changed (void)
{
  g_autoptr(AffariStore) store = affari_store_open (NULL, NULL);
  g_autoptr(AffariDealList) column_new = NULL;
  g_autoptr(AffariDealList) column_won = NULL;
  AffariDealQuery qn = { 0 }, qw = { 0 };
  Change cn = { 0 }, cw = { 0 };
  gint64 moved_id;

  fill (store, 10, "NEW");
  qn.stage_id = stage (store, "NEW");
  qw.stage_id = stage (store, "WON");
  column_new = affari_deal_list_new (store, &qn);
  column_won = affari_deal_list_new (store, &qw);
  g_signal_connect (column_new, "items-changed", G_CALLBACK (on_items_changed), &cn);
  g_signal_connect (column_won, "items-changed", G_CALLBACK (on_items_changed), &cw);

  moved_id = affari_deal_list_get_id_at (column_new, 3);
  g_assert_true (affari_store_move_deal (store, moved_id, qw.stage_id, 0, NULL, NULL));
  run_idle ();

  g_assert_cmpuint (cn.count, ==, 1);
  g_assert_cmpuint (cn.position, ==, 3);
  g_assert_cmpuint (cn.removed, ==, 1);
  g_assert_cmpuint (cn.added, ==, 0);
  g_assert_cmpuint (cw.count, ==, 1);
  g_assert_cmpuint (cw.position, ==, 0);
  g_assert_cmpuint (cw.removed, ==, 0);
  g_assert_cmpuint (cw.added, ==, 1);
  g_assert_cmpuint (affari_deal_list_find (column_won, moved_id), ==, 0);
  g_assert_cmpuint (affari_deal_list_find (column_new, moved_id), ==, G_MAXUINT);
}

static void
test_objects_update_in_place (void)
{
  g_autoptr(AffariStore) store = affari_store_open (NULL, NULL);
  g_autoptr(AffariDealList) list = NULL;
  g_autoptr(AffariDeal) shown = NULL;
  g_autoptr(AffariDeal) edit = NULL;
  guint notified = 0;

  fill (store, 3, "NEW");
  list = affari_deal_list_new (store, NULL);
  shown = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_signal_connect_swapped (shown, "notify::amount", G_CALLBACK (g_atomic_int_inc), &notified);

  edit = affari_store_get_deal (store, affari_deal_get_id (shown), NULL);
  affari_deal_set_amount (edit, 777);
  g_assert_true (affari_store_update_deal (store, edit, NULL));

  /* the object a widget holds changed, without waiting for a refresh */
  g_assert_cmpint (affari_deal_get_amount (shown), ==, 777);
  g_assert_cmpuint (notified, ==, 1);

  /* and the list hands out the same object again */
  run_idle ();
  {
    g_autoptr(AffariDeal) again = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_true (again == shown);
  }
}

static void
test_query_change (void)
{
  g_autoptr(AffariStore) store = affari_store_open (NULL, NULL);
  g_autoptr(AffariDealList) list = NULL;
  AffariDealQuery q = { 0 };
  Change c = { 0 };

  fill (store, 20, "NEW");
  fill (store, 5, "WON");
  list = affari_deal_list_new (store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 25);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &c);

  q.semantics_mask = 1 << AFFARI_SEMANTICS_SUCCESS;
  affari_deal_list_set_query (list, &q);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  g_assert_cmpuint (c.count, ==, 1);
  g_assert_cmpuint (c.removed - c.added, ==, 20);

  /* a reset (import, demo) is followed too */
  fill (store, 2, "WON");
  run_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 7);
}

static void
test_list_dies_with_its_user (void)
{
  g_autoptr(AffariStore) store = affari_store_open (NULL, NULL);
  AffariDealList *list;
  AffariDeal *held;

  fill (store, 3, "NEW");
  list = affari_deal_list_new (store, NULL);
  held = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_finalize_object (list);
  /* an object still held by a widget outlives the list safely */
  g_assert_cmpstr (affari_deal_get_title (held), ==, "Affare 00001");
  g_assert_finalize_object (held);
  /* the store no longer calls the dead list */
  g_assert_true (affari_store_move_deal (store, 1, stage (store, "WON"), 0, NULL, NULL));
  run_idle ();
}

/* A drop as the Kanban sees it: the rows of both columns are bound (held here as a list view
 * holds them); the column the deal leaves reads nothing from the database, the one it enters
 * reads its ids once and only the page of the newcomer. */
static void
test_drop_reads_little (void)
{
  g_autoptr(AffariStore) store = affari_store_open (NULL, NULL);
  g_autoptr(AffariDealList) column_new = NULL;
  g_autoptr(AffariDealList) column_won = NULL;
  g_autoptr(GPtrArray) rows_new = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rows_won = g_ptr_array_new_with_free_func (g_object_unref);
  AffariDealQuery qn = { 0 }, qw = { 0 };
  Change cn = { 0 };
  guint queries_new, queries_won;
  gint64 moved_id;

  fill (store, 300, "NEW");
  fill (store, 100, "WON");
  qn.stage_id = stage (store, "NEW");
  qw.stage_id = stage (store, "WON");
  column_new = affari_deal_list_new (store, &qn);
  column_won = affari_deal_list_new (store, &qw);
  for (guint i = 0; i < 200; i++)
    g_ptr_array_add (rows_new, g_list_model_get_item (G_LIST_MODEL (column_new), i));
  for (guint i = 0; i < 100; i++)
    g_ptr_array_add (rows_won, g_list_model_get_item (G_LIST_MODEL (column_won), i));
  g_signal_connect (column_new, "items-changed", G_CALLBACK (on_items_changed), &cn);
  queries_new = affari_deal_list_get_n_queries (column_new);
  queries_won = affari_deal_list_get_n_queries (column_won);

  moved_id = affari_deal_list_get_id_at (column_new, 3);
  g_assert_true (affari_store_move_deal (store, moved_id, qw.stage_id, 0, NULL, NULL));
  run_idle ();

  /* the source column: one precise removal, no query, the same objects one row up */
  g_assert_cmpuint (cn.count, ==, 1);
  g_assert_cmpuint (cn.position, ==, 3);
  g_assert_cmpuint (cn.removed, ==, 1);
  g_assert_cmpuint (cn.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (column_new)), ==, 299);
  for (guint i = 0; i < 199; i++)
    {
      g_autoptr(AffariDeal) deal = g_list_model_get_item (G_LIST_MODEL (column_new), i);
      g_assert_true (deal == g_ptr_array_index (rows_new, i < 3 ? i : i + 1));
    }
  g_assert_cmpuint (affari_deal_list_get_n_queries (column_new), ==, queries_new);

  /* the target column: its ids once (the check after the frame); the newcomer came with the
   * change set, the others are the same objects: no page read */
  g_assert_cmpuint (affari_deal_list_get_n_queries (column_won), ==, queries_won + 1);
  for (guint i = 0; i < 101; i++)
    {
      g_autoptr(AffariDeal) deal = g_list_model_get_item (G_LIST_MODEL (column_won), i);
      if (i == 0)
        g_assert_cmpint (affari_deal_get_id (deal), ==, moved_id);
      else
        g_assert_true (deal == g_ptr_array_index (rows_won, i - 1));
    }
  g_assert_cmpuint (affari_deal_list_get_n_queries (column_won), ==, queries_won + 1);

  /* moved back: it arrives in the source column (one query) at its old place */
  g_assert_true (affari_store_move_deal (store, moved_id, qn.stage_id, 3, NULL, NULL));
  run_idle ();
  g_assert_cmpuint (affari_deal_list_find (column_new, moved_id), ==, 3);
  g_assert_cmpuint (affari_deal_list_find (column_won, moved_id), ==, G_MAXUINT);
  g_assert_cmpuint (affari_deal_list_get_n_queries (column_new), ==, queries_new + 1);
}

/* Every items-changed must leave the model as it says: checked from inside the signal. */
typedef struct {
  GArray *log;        /* triples position, removed, added */
  guint   n_before;
  gboolean consistent;
} Checked;

static void
on_items_changed_checked (GListModel *model, guint position, guint removed, guint added, Checked *c)
{
  guint n = g_list_model_get_n_items (model);

  g_array_append_val (c->log, position);
  g_array_append_val (c->log, removed);
  g_array_append_val (c->log, added);
  if (n != c->n_before - removed + added)
    c->consistent = FALSE;
  c->n_before = n;
}

/* A card moved inside a long column is one removal and one insertion (GTK 4.8 would otherwise
 * look at every row in between); a new order of thousands of rows is all removals, then all
 * insertions; the model is what each signal says at the time it is emitted. */
static void
test_moves_and_big_changes (void)
{
  g_autoptr(AffariStore) store = affari_store_open (NULL, NULL);
  g_autoptr(AffariDealList) column = NULL;
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (guint));
  AffariDealQuery q = { 0 };
  Checked c = { log, 0, TRUE };
  gint64 top_id;

  fill (store, 3000, "NEW");
  q.stage_id = stage (store, "NEW");
  column = affari_deal_list_new (store, &q);
  c.n_before = g_list_model_get_n_items (G_LIST_MODEL (column));
  g_signal_connect (column, "items-changed", G_CALLBACK (on_items_changed_checked), &c);

  /* the top card to the bottom */
  top_id = affari_deal_list_get_id_at (column, 0);
  g_assert_true (affari_store_move_deal (store, top_id, q.stage_id, -1, NULL, NULL));
  run_idle ();
  g_assert_true (c.consistent);
  g_assert_cmpuint (log->len, ==, 6);
  g_assert_cmpuint (g_array_index (log, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (log, guint, 1), ==, 1);
  g_assert_cmpuint (g_array_index (log, guint, 2), ==, 0);
  g_assert_cmpuint (g_array_index (log, guint, 3), ==, 2999);
  g_assert_cmpuint (g_array_index (log, guint, 4), ==, 0);
  g_assert_cmpuint (g_array_index (log, guint, 5), ==, 1);
  g_assert_cmpint (affari_deal_list_get_id_at (column, 2999), ==, top_id);

  /* and back to the top */
  g_array_set_size (log, 0);
  g_assert_true (affari_store_move_deal (store, top_id, q.stage_id, 0, NULL, NULL));
  run_idle ();
  g_assert_true (c.consistent);
  g_assert_cmpuint (log->len, ==, 6);
  g_assert_cmpuint (g_array_index (log, guint, 0), ==, 2999);
  g_assert_cmpuint (g_array_index (log, guint, 1), ==, 1);
  g_assert_cmpuint (g_array_index (log, guint, 3), ==, 0);
  g_assert_cmpuint (g_array_index (log, guint, 5), ==, 1);
  g_assert_cmpint (affari_deal_list_get_id_at (column, 0), ==, top_id);

  /* another order: removals first, then insertions */
  g_array_set_size (log, 0);
  q.sort = AFFARI_DEAL_SORT_AMOUNT;   /* the board shows the newest (largest) first: reversed */
  affari_deal_list_set_query (column, &q);
  run_idle ();
  g_assert_true (c.consistent);
  g_assert_cmpuint (log->len, ==, 6);
  g_assert_cmpuint (g_array_index (log, guint, 2), ==, 0);
  g_assert_cmpuint (g_array_index (log, guint, 4), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (column)), ==, 3000);
  {
    g_autoptr(AffariDeal) first = g_list_model_get_item (G_LIST_MODEL (column), 0);
    g_assert_cmpint (affari_deal_get_amount (first), ==, 0);
  }
}

/* After a reset (an import) every object is handed out anew, even where the ids did not change. */
/* A move's change set says where the card landed: the column inserts it there before the next
 * frame without reading its ids, and reads them once afterwards, which changes nothing. */
static void
test_expected_arrival (void)
{
  g_autoptr(AffariStore) store = affari_store_open (NULL, NULL);
  g_autoptr(AffariDealList) column_new = NULL;
  g_autoptr(AffariDealList) column_won = NULL;
  AffariDealQuery qn = { 0 }, qw = { 0 };
  Change cw = { 0 };
  guint queries_won;
  gint64 moved_id;

  fill (store, 300, "NEW");
  fill (store, 100, "WON");
  qn.stage_id = stage (store, "NEW");
  qw.stage_id = stage (store, "WON");
  column_new = affari_deal_list_new (store, &qn);
  column_won = affari_deal_list_new (store, &qw);
  g_signal_connect (column_won, "items-changed", G_CALLBACK (on_items_changed), &cw);
  queries_won = affari_deal_list_get_n_queries (column_won);

  moved_id = affari_deal_list_get_id_at (column_new, 5);
  g_assert_true (affari_store_move_deal (store, moved_id, qw.stage_id, 2, NULL, NULL));

  /* The refresh before the frame (the verification waits for idle time, a lower priority). */
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (cw.count, ==, 1);
  g_assert_cmpuint (cw.position, ==, 2);
  g_assert_cmpuint (cw.removed, ==, 0);
  g_assert_cmpuint (cw.added, ==, 1);
  g_assert_cmpuint (affari_deal_list_find (column_won, moved_id), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (column_won)), ==, 101);
  g_assert_cmpuint (affari_deal_list_get_n_queries (column_won), ==, queries_won);
  g_assert_cmpuint (affari_deal_list_find (column_new, moved_id), ==, G_MAXUINT);

  /* The store agrees: reading the ids again changes nothing. */
  run_idle ();
  g_assert_cmpuint (affari_deal_list_get_n_queries (column_won), ==, queries_won + 1);
  g_assert_cmpuint (cw.count, ==, 1);
  g_assert_cmpuint (affari_deal_list_find (column_won, moved_id), ==, 2);

  /* Moved out again before the arrival was shown (an undo at once): it does not arrive. */
  moved_id = affari_deal_list_get_id_at (column_new, 7);
  g_assert_true (affari_store_move_deal (store, moved_id, qw.stage_id, 0, NULL, NULL));
  g_assert_true (affari_store_move_deal (store, moved_id, qn.stage_id, 7, NULL, NULL));
  run_idle ();
  g_assert_cmpuint (affari_deal_list_find (column_won, moved_id), ==, G_MAXUINT);
  g_assert_cmpuint (affari_deal_list_find (column_new, moved_id), ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (column_won)), ==, 101);
}

static void
test_reset_reloads (void)
{
  g_autoptr(AffariStore) store = affari_store_open (NULL, NULL);
  g_autoptr(AffariDealList) list = NULL;
  g_autoptr(AffariDeal) held = NULL;
  g_autoptr(AffariDeal) again = NULL;
  AffariDealQuery q = { 0 };
  Change c = { 0 };

  fill (store, 10, "NEW");
  fill (store, 10, "WON");
  q.stage_id = stage (store, "NEW");
  list = affari_deal_list_new (store, &q);
  held = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &c);

  fill (store, 1, "WON");   /* a batch: the store resets */
  run_idle ();

  g_assert_cmpuint (c.count, ==, 1);
  g_assert_cmpuint (c.position, ==, 0);
  g_assert_cmpuint (c.removed, ==, 10);
  g_assert_cmpuint (c.added, ==, 10);
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (again != held);
  g_assert_cmpint (affari_deal_get_id (again), ==, affari_deal_get_id (held));
}

/* A hidden view's list reads nothing while frozen, and catches up once when thawed. */
static void
test_frozen_catches_up (void)
{
  g_autoptr(AffariStore) store = affari_store_open (NULL, NULL);
  g_autoptr(AffariDealList) list = NULL;
  guint queries;

  fill (store, 10, "NEW");
  list = affari_deal_list_new (store, NULL);
  affari_deal_list_set_frozen (list, TRUE);
  queries = affari_deal_list_get_n_queries (list);

  for (int i = 1; i <= 5; i++)
    g_assert_true (affari_store_move_deal (store, i, stage (store, "WON"), 0, NULL, NULL));
  fill (store, 3, "NEW");
  run_idle ();
  g_assert_cmpuint (affari_deal_list_get_n_queries (list), ==, queries);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 10);

  affari_deal_list_set_frozen (list, FALSE);
  g_assert_cmpuint (affari_deal_list_get_n_queries (list), ==, queries + 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 13);

  /* nothing changed while frozen: thawing reads nothing */
  affari_deal_list_set_frozen (list, TRUE);
  affari_deal_list_set_frozen (list, FALSE);
  g_assert_cmpuint (affari_deal_list_get_n_queries (list), ==, queries + 1);
}

/* A Kanban column's first frame reads the first ids only; the rest come later as a pure
 * addition at the end (nothing shown moves), or with the next change. */
static void
test_first_ids (void)
{
  g_autoptr(AffariStore) store = affari_store_open (NULL, NULL);
  g_autoptr(AffariDealList) list = NULL;
  g_autoptr(AffariDealList) small = NULL;
  g_autoptr(AffariDealList) whole = NULL;
  AffariDealQuery q = { .stage_id = 0 };
  Change c = { 0 };

  fill (store, 500, "NEW");
  fill (store, 5, "PREPARATION");
  q.stage_id = stage (store, "NEW");
  list = affari_deal_list_new_first (store, &q, 64);
  whole = affari_deal_list_new (store, &q);
  g_assert_true (affari_deal_list_is_partial (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 64);
  /* the first ids are the whole list's first ids, in the same order */
  for (guint i = 0; i < 64; i++)
    g_assert_cmpint (affari_deal_list_get_id_at (list, i), ==, affari_deal_list_get_id_at (whole, i));

  /* the first cards are read, not a whole page of 64 deals; a card further down is there too */
  {
    g_autoptr(AffariDeal) top = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr(AffariDeal) further = NULL;

    g_assert_cmpint (affari_deal_get_id (top), ==, affari_deal_list_get_id_at (whole, 0));
    g_assert_cmpuint (affari_deal_list_get_n_loaded (list), <=, 16);
    further = g_list_model_get_item (G_LIST_MODEL (list), 30);
    g_assert_cmpint (affari_deal_get_id (further), ==, affari_deal_list_get_id_at (whole, 30));
  }

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &c);
  affari_deal_list_read_all (list);
  g_assert_false (affari_deal_list_is_partial (list));
  g_assert_cmpuint (c.count, ==, 1);
  g_assert_cmpuint (c.position, ==, 64);
  g_assert_cmpuint (c.removed, ==, 0);
  g_assert_cmpuint (c.added, ==, 500 - 64);
  for (guint i = 0; i < 500; i++)
    g_assert_cmpint (affari_deal_list_get_id_at (list, i), ==, affari_deal_list_get_id_at (whole, i));
  /* read once: asking again reads nothing */
  affari_deal_list_read_all (list);
  g_assert_cmpuint (c.count, ==, 1);

  /* a stage with fewer deals than asked for is read whole at once */
  q.stage_id = stage (store, "PREPARATION");
  small = affari_deal_list_new_first (store, &q, 64);
  g_assert_false (affari_deal_list_is_partial (small));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (small)), ==, 5);

  /* a change before the rest is read: the whole list, moved deal included */
  g_clear_object (&list);
  q.stage_id = stage (store, "NEW");
  list = affari_deal_list_new_first (store, &q, 64);
  g_assert_true (affari_store_move_deal (store, affari_deal_list_get_id_at (whole, 499), stage (store, "PREPARATION"), 0, NULL, NULL));
  run_idle ();
  affari_deal_list_refresh (list);
  g_assert_false (affari_deal_list_is_partial (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 499);
}

int
main (int argc, char *argv[])
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/deal-list/lazy-loading", test_lazy_loading);
  g_test_add_func ("/deal-list/precise-items-changed", test_precise_items_changed);
  g_test_add_func ("/deal-list/objects-update-in-place", test_objects_update_in_place);
  g_test_add_func ("/deal-list/query-change", test_query_change);
  g_test_add_func ("/deal-list/list-dies-with-its-user", test_list_dies_with_its_user);
  g_test_add_func ("/deal-list/drop-reads-little", test_drop_reads_little);
  g_test_add_func ("/deal-list/expected-arrival", test_expected_arrival);
  g_test_add_func ("/deal-list/reset-reloads", test_reset_reloads);
  g_test_add_func ("/deal-list/moves-and-big-changes", test_moves_and_big_changes);
  g_test_add_func ("/deal-list/frozen-catches-up", test_frozen_catches_up);
  g_test_add_func ("/deal-list/first-ids", test_first_ids);

  return g_test_run ();
}
