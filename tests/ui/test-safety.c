/* test-safety.c — the window when the database is not well: held by another program (the window
 * never waits for it and offers to retry), damaged (a banner, nothing more written), and long
 * text that must not break the layout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <glib/gi18n.h>

#include "io/affari-demo.h"
#include "ui/board/affari-kanban-board.h"
#include "ui/board/affari-kanban-column.h"

#include "affari-test-harness.h"
#include "store/affari-store.h"

typedef struct {
  AffariTestApp base;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariStore) store = NULL;
  g_autoptr(GError) error = NULL;

  affari_test_app_setup (&f->base, "safety");
  store = affari_test_app_open_store (&f->base);
  g_assert_true (affari_demo_generate (store, 40, 5, &error));
  g_assert_no_error (error);
  affari_store_close (store);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  affari_test_app_teardown (&f->base);
}

static gboolean
match_button_label (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gint64
stage_of (AffariStore *store, gint64 deal_id)
{
  g_autoptr(AffariDeal) deal = affari_store_get_deal (store, deal_id, NULL);

  return deal != NULL ? affari_deal_get_stage_id (deal) : 0;
}

/* Another program holds the database: a move fails at once (the window goes on painting), the
 * card stays, a toast says why and offers "Riprova", which moves it once the lock is gone. */
static void
locked_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariKanbanBoard *board;
  AffariKanbanColumn *first, *second;
  GtkWidget *retry;
  sqlite3 *other = NULL;
  gint64 deal, target, start, elapsed;

  WAIT_UNTIL ((board = AFFARI_KANBAN_BOARD (affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_KANBAN_BOARD))) != NULL &&
              affari_kanban_board_get_n_columns (board) >= 2);
  first = affari_kanban_board_get_column (board, 0);
  second = affari_kanban_board_get_column (board, 1);
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (affari_kanban_column_get_deals (first))) > 0);
  deal = affari_deal_list_get_id_at (affari_kanban_column_get_deals (first), 0);
  target = affari_kanban_column_get_stage_id (second);

  /* Another program takes the write lock and keeps it. */
  g_assert_cmpint (sqlite3_open (f->base.db_path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  {
    gint64 ids[] = { deal };
    g_autoptr(GVariant) list = g_variant_ref_sink (g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids, 1, sizeof (gint64)));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "deal.move", "(@axxi)", list, target, 0));
  }
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("the refused move took %.1f ms", elapsed / 1000.0);
  /* Well under the 3 s the window used to freeze for. */
  g_assert_cmpint (elapsed, <, 500000);
  g_assert_cmpint (stage_of (store, deal), !=, target);
  WAIT_UNTIL ((retry = affari_test_find_widget (GTK_WIDGET (window), match_button_label, _("_Retry"))) != NULL);
  g_assert_cmpint (affari_deal_list_find (affari_kanban_column_get_deals (first), deal), !=, G_MAXUINT);

  /* The other program lets go; "Riprova" makes the move. */
  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  gtk_widget_activate (retry);
  WAIT_UNTIL (stage_of (store, deal) == target);
  WAIT_UNTIL (affari_deal_list_find (affari_kanban_column_get_deals (second), deal) != G_MAXUINT);
}

static void
test_locked (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, locked_body);
}

int
main (int argc, char **argv)
{
  affari_test_init (&argc, &argv);

  g_test_add ("/ui/safety/locked-database", Fixture, NULL, fixture_set_up, test_locked, fixture_tear_down);

  return g_test_run ();
}
