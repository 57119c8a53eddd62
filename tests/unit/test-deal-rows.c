/* test-deal-rows.c — the list view's rows: a new order or filter shows on screen at once, the
 * rows off screen follow once the frame is painted, and none ever shows a wrong deal when asked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "store/affari-store.h"
#include "ui/list/affari-deal-rows.h"

#define N_ROWS 60

typedef struct {
  AffariDealRow *row;
  guint          notified;
} Held;

static void
fill (AffariStore *store, guint n)
{
  gint64 pipeline = affari_store_get_default_pipeline_id (store);

  g_assert_true (affari_store_begin_batch (store, NULL));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AffariDeal) deal = affari_deal_new ();
      g_autofree char *title = g_strdup_printf ("Affare %05u", i);

      affari_deal_set_title (deal, title);
      affari_deal_set_amount (deal, i * 100);
      affari_deal_set_stage_id (deal, affari_store_find_stage_by_code (store, pipeline, i % 3 ? "NEW" : "WON"));
      g_assert_true (affari_store_create_deal (store, deal, NULL));
    }
  g_assert_true (affari_store_end_batch (store, TRUE, NULL));
}

static void
on_notify_deal_cb (AffariDealRow *row, GParamSpec *pspec, Held *held)
{
  held->notified++;
}

static char *
title_at (AffariDealList *list, guint position)
{
  g_autoptr(AffariDeal) deal = g_list_model_get_item (G_LIST_MODEL (list), position);

  return g_strdup (affari_deal_get_title (deal));
}

/* the deal a row shows now, without asking it (asking brings a held row up to date) */
static char *
shown_title (Held *held)
{
  g_autoptr(AffariDeal) deal = NULL;

  g_object_get (held->row, "deal", &deal, NULL);
  return g_strdup (affari_deal_get_title (deal));
}

/* the row @held shows the deal at @i in the list */
#define assert_row_shows(list, held, i) \
  G_STMT_START { \
    g_autofree char *shown_ = shown_title (held); \
    g_autofree char *wanted_ = title_at ((list), (i)); \
    g_assert_cmpstr (shown_, ==, wanted_); \
  } G_STMT_END

static void
test_held_rows (void)
{
  g_autoptr(AffariStore) store = affari_store_open (NULL, NULL);
  g_autoptr(AffariDealList) list = NULL;
  g_autoptr(AffariDealRows) rows = NULL;
  AffariDealQuery q = { .sort = AFFARI_DEAL_SORT_TITLE };
  Held held[N_ROWS] = { { 0 } };
  g_autofree char *old_30 = NULL;

  fill (store, N_ROWS);
  list = affari_deal_list_new (store, &q);
  rows = affari_deal_rows_new (list);
  /* as GTK keeps its rows */
  for (guint i = 0; i < N_ROWS; i++)
    {
      held[i].row = g_list_model_get_item (G_LIST_MODEL (rows), i);
      g_signal_connect (held[i].row, "notify::deal", G_CALLBACK (on_notify_deal_cb), &held[i]);
    }
  g_assert_cmpstr (affari_deal_get_title (affari_deal_row_get_deal (held[0].row)), ==, "Affare 00000");

  /* a new order while the first ten rows are on screen */
  affari_deal_rows_hold (rows, 0, 10);
  g_assert_true (affari_deal_rows_is_holding (rows));
  q.descending = TRUE;
  affari_deal_list_set_query (list, &q);
  for (guint i = 0; i < 10; i++)
    {
      g_assert_cmpuint (held[i].notified, ==, 1);
      assert_row_shows (list, &held[i], i);
    }
  /* the rows off screen wait (they still show the old order) ... */
  for (guint i = 10; i < N_ROWS; i++)
    g_assert_cmpuint (held[i].notified, ==, 0);
  old_30 = shown_title (&held[30]);
  g_assert_cmpstr (old_30, ==, "Affare 00030");
  /* ... but one asked for its deal tells the truth at once */
  {
    g_autofree char *wanted = title_at (list, 30);
    g_assert_cmpstr (affari_deal_get_title (affari_deal_row_get_deal (held[30].row)), ==, wanted);
  }
  g_assert_cmpuint (held[30].notified, ==, 1);

  /* the frame is painted: every row shows its deal, each told once */
  affari_deal_rows_release (rows);
  g_assert_false (affari_deal_rows_is_holding (rows));
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_assert_cmpuint (held[i].notified, ==, 1);
      assert_row_shows (list, &held[i], i);
    }

  /* a filter that shortens the list while held: the rows past the end are dropped, the others
   * follow, nothing is left showing a deal of the old list */
  affari_deal_rows_hold (rows, 0, 5);
  q.semantics_mask = 1 << AFFARI_SEMANTICS_SUCCESS;
  affari_deal_list_set_query (list, &q);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, N_ROWS / 3);
  affari_deal_rows_release (rows);
  for (guint i = 0; i < N_ROWS / 3; i++)
    {
      /* the rows there now (a row of the old list may have moved up to stay with its deal) */
      Held now = { g_list_model_get_item (G_LIST_MODEL (rows), i), 0 };

      assert_row_shows (list, &now, i);
      g_object_unref (now.row);
    }

  for (guint i = 0; i < N_ROWS; i++)
    g_object_unref (held[i].row);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/deal-rows/held-rows", test_held_rows);
  return g_test_run ();
}
