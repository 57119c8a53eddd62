/* test-kanban.c — the Kanban board in the real window, driven as a user drives it
 *
 * Runs under Xvfb in Italian with GSETTINGS_BACKEND=memory, on a temporary database. GTK has no
 * way to fake a pointer in-process, so drags are driven through the real controllers: the card's
 * GtkDragSource signals and the column's GtkDropTarget "drop" with a GValue holding the deal,
 * exactly what GTK emits at the end of a drag. Assertions are on the store and on what is on
 * screen. The real mouse is in test-kanban-mouse.sh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "model/affari-i18n.h"
#include "model/affari-money.h"
#include "io/affari-demo.h"
#include "store/affari-store.h"
#include "affari-test-harness.h"
#include "ui/app/affari-application.h"
#include "ui/board/affari-kanban-board.h"
#include "ui/board/affari-kanban-card.h"
#include "ui/board/affari-kanban-column.h"
#include "ui/app/affari-window.h"

typedef struct _Fixture Fixture;

struct _Fixture
{
  AffariTestApp      base;        /* first: see affari-test-harness.h */
  /* deals made before the app starts, by title order of creation */
  gint64             deals[8];
};

/* ------------------------------------------------------------ finding widgets */

static gboolean
match_css_class (GtkWidget     *widget,
                 gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, data);
}

static AffariKanbanBoard *
get_board (AffariWindow *window)
{
  AffariKanbanBoard *board = AFFARI_KANBAN_BOARD (affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_KANBAN_BOARD));

  g_assert_nonnull (board);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (board)));

  return board;
}

static gint64
create_deal (AffariStore *store,
             const char  *title,
             gint64       amount,
             const char  *currency)
{
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(GError) error = NULL;

  affari_deal_set_title (deal, title);
  affari_deal_set_amount (deal, amount);
  if (currency != NULL)
    affari_deal_set_currency (deal, currency);
  affari_store_create_deal (store, deal, &error);
  g_assert_no_error (error);

  return affari_deal_get_id (deal);
}

/* Five deals in the first stage (newest on top: E D C B A), one in dollars. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariStore) store = NULL;
  const char *titles[] = { "Alfa forniture", "Beta consulenza", "Gamma impianti", "Delta software", "Epsilon USA" };

  affari_test_app_setup (&f->base, "kanban");


  store = affari_store_open (f->base.db_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    f->deals[i] = create_deal (store, titles[i], (i + 1) * 100000, i == 4 ? "USD" : NULL);
  affari_store_close (store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  affari_test_app_teardown (&f->base);
}

/* ------------------------------------------------------------ the store */

static gint64
deal_stage (AffariStore *store,
            gint64       deal_id)
{
  g_autoptr(AffariDeal) deal = affari_store_get_deal (store, deal_id, NULL);

  return deal != NULL ? affari_deal_get_stage_id (deal) : 0;
}

/* Where the deal sits among the deals of its stage, as the store orders them. */
static int
deal_index (AffariStore *store,
            gint64       deal_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  AffariDealQuery query = { 0 };

  query.stage_id = deal_stage (store, deal_id);
  ids = affari_store_query_deal_ids (store, &query, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == deal_id)
      return (int) i;

  return -1;
}

static GArray *
stage_ids (AffariStore *store,
           gint64       stage_id)
{
  g_autoptr(GError) error = NULL;
  AffariDealQuery query = { 0 };
  GArray *ids;

  query.stage_id = stage_id;
  ids = affari_store_query_deal_ids (store, &query, &error);
  g_assert_no_error (error);

  return ids;
}

static gboolean
same_ids (GArray *a,
          GArray *b)
{
  if (a->len != b->len)
    return FALSE;

  return memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0;
}

static AffariEvent *
find_event (AffariStore     *store,
            gint64           deal_id,
            AffariEventType  kind)
{
  g_autoptr(GPtrArray) events = affari_store_list_events (store, deal_id, NULL);

  g_assert_nonnull (events);
  for (guint i = 0; i < events->len; i++)
    if (affari_event_get_kind (g_ptr_array_index (events, i)) == kind)
      return g_object_ref (g_ptr_array_index (events, i));

  return NULL;
}

/* The header of a column says what the store says: "count · total" in euro, dollars apart. */
static void
assert_column_true (AffariStore        *store,
                    AffariKanbanColumn *column)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) totals = NULL;
  g_autofree char *money = NULL;
  g_autofree char *expected = NULL;
  AffariDealQuery query = { 0 };
  gint64 euro = 0;
  guint count = 0;

  query.stage_id = affari_kanban_column_get_stage_id (column);
  totals = affari_store_stage_totals (store, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < totals->len; i++)
    {
      AffariStageTotal *t = &g_array_index (totals, AffariStageTotal, i);

      count += t->count;
      if (g_strcmp0 (t->currency, "EUR") == 0)
        euro += t->sum;
    }

  g_assert_cmpuint (affari_kanban_column_get_count (column), ==, count);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (affari_kanban_column_get_deals (column))), ==, count);
  /* Whole euro in the header, half away from zero. */
  money = affari_money_format_short ((euro + 50) / 100 * 100, "EUR");
  expected = g_strdup_printf (_("%u · %s"), count, money);
  g_assert_cmpstr (affari_kanban_column_get_summary (column), ==, expected);
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (column), expected));
}

/* ------------------------------------------------------------ driving the board */

static gboolean
drop_on (GtkWidget  *widget,
         AffariDeal *deal,
         double      x,
         double      y)
{
  return affari_test_drop_object (widget, AFFARI_TYPE_DEAL, deal, x, y);
}

static AffariDeal *
load_deal (AffariStore *store,
           gint64       id)
{
  AffariDeal *deal = affari_store_get_deal (store, id, NULL);

  g_assert_nonnull (deal);
  return deal;
}

static AffariKanbanCard *
find_card (AffariKanbanBoard *board,
           gint64             deal_id)
{
  for (guint i = 0; i < affari_kanban_board_get_n_columns (board); i++)
    {
      GtkWidget *card = affari_kanban_column_find_card (affari_kanban_board_get_column (board, i), deal_id);

      if (card != NULL)
        return AFFARI_KANBAN_CARD (card);
    }

  return NULL;
}

/* Toasts stack up; the newest is the one a user reads and can undo. */
static gboolean
toast_says (AffariWindow *window,
            const char   *text)
{
  return affari_test_find_widget (GTK_WIDGET (window), affari_test_match_mapped_label, text) != NULL;
}

/* ------------------------------------------------------------ tests */

static void
board_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariKanbanBoard *board = get_board (window);
  g_autoptr(GPtrArray) stages = affari_store_list_stages (store, affari_window_get_pipeline_id (window), NULL);
  AffariKanbanColumn *first;
  AffariKanbanCard *card;
  g_autofree char *description = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(AffariDeal) usd = load_deal (store, f->deals[4]);
  g_autofree char *dollars = affari_money_format_short (500000, "USD");
  g_autofree char *others = g_strdup_printf ("+ %s", dollars);

  /* A column per stage, in stage order, named after it. */
  g_assert_cmpuint (affari_kanban_board_get_n_columns (board), ==, stages->len);
  for (guint i = 0; i < stages->len; i++)
    {
      AffariKanbanColumn *column = affari_kanban_board_get_column (board, i);

      g_assert_cmpint (affari_kanban_column_get_stage_id (column), ==, affari_stage_get_id (g_ptr_array_index (stages, i)));
      g_assert_true (affari_test_label_on_screen (GTK_WIDGET (column), affari_stage_get_name (g_ptr_array_index (stages, i))));
      assert_column_true (store, column);
    }

  /* The first column holds the five deals, newest on top; euro summed, dollars apart. */
  first = affari_kanban_board_get_column (board, 0);
  g_assert_cmpuint (affari_kanban_column_get_count (first), ==, 5);
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (first), others));
  g_assert_cmpint (affari_deal_list_get_id_at (affari_kanban_column_get_deals (first), 0), ==, f->deals[4]);

  /* A card shows title, amount in the Italian format and its accessible label. */
  card = find_card (board, f->deals[0]);
  g_assert_nonnull (card);
  /* The card draws its texts itself (one widget, no labels): ask it what it shows. */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (card)));
  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (card)));
  shown = affari_kanban_card_dup_text (card);
  g_assert_nonnull (strstr (shown, "Alfa forniture\n"));
  g_assert_nonnull (strstr (shown, "\n€ 1.000,00\n"));
  g_assert_cmpstr (affari_kanban_card_get_activity_state (card), ==, "none");
  description = affari_kanban_card_describe (usd);
  g_assert_true (g_str_has_prefix (description, "Epsilon USA, "));

  /* The first column's header has a line more (the dollars), yet the cards of every column start
   * at the same height. */
  {
    graphene_rect_t first_list, list;

    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (affari_kanban_column_get_list_view (first)), GTK_WIDGET (board), &first_list));
    for (guint i = 1; i < affari_kanban_board_get_n_columns (board); i++)
      {
        AffariKanbanColumn *column = affari_kanban_board_get_column (board, i);

        g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (affari_kanban_column_get_list_view (column)), GTK_WIDGET (board), &list));
        g_assert_cmpfloat (list.origin.y, ==, first_list.origin.y);
      }
  }

  /* Right after the first frame, the columns in sight (and the next one) have all their rows;
   * the last column, far to the right, none until the board is scrolled to it. */
  {
    AffariKanbanColumn *last = affari_kanban_board_get_column (board, affari_kanban_board_get_n_columns (board) - 1);
    GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (affari_test_find_type (GTK_WIDGET (board), GTK_TYPE_SCROLLED_WINDOW)));

    WAIT_UNTIL (affari_kanban_column_get_shows_all_rows (first));
    affari_test_wait_for_frame (GTK_WIDGET (window));
    g_assert_false (affari_kanban_column_get_shows_all_rows (last));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (affari_kanban_column_get_list_view (last)))), ==, 0);
    gtk_adjustment_set_value (hadjustment, gtk_adjustment_get_upper (hadjustment));
    WAIT_UNTIL (affari_kanban_column_get_shows_all_rows (last));
    gtk_adjustment_set_value (hadjustment, 0);
  }

  /* The search bar filters the board in SQL. */
  affari_kanban_board_set_filter_text (board, "gamma");
  WAIT_UNTIL (affari_kanban_column_get_count (first) == 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (affari_kanban_column_get_deals (first))), ==, 1);
  affari_kanban_board_set_filter_text (board, NULL);
  WAIT_UNTIL (affari_kanban_column_get_count (first) == 5);
}

/* @n small orders ("Ordine 0"…) in the first stage, over the fixture's five; returns the newest. */
static gint64
add_orders (Fixture *f,
            guint    n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariStore) store = affari_store_open (f->base.db_path, &error);
  gint64 newest = 0;

  g_assert_no_error (error);
  g_assert_true (affari_store_begin_batch (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Ordine %u", i);

      newest = create_deal (store, title, 1000, NULL);
    }
  g_assert_true (affari_store_end_batch (store, TRUE, &error));
  affari_store_close (store);

  return newest;
}

/* A column of 600 deals: all its rows are there once it is in sight, and getting there read only
 * the deals on screen, not all 600 (which took 150 ms a column and SQLite's whole cache at 100,000
 * deals). */
static gint64 big_column_newest;

static void
big_column_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariKanbanBoard *board = get_board (window);
  AffariKanbanColumn *first = affari_kanban_board_get_column (board, 0);
  AffariDealList *deals = affari_kanban_column_get_deals (first);
  GtkListView *list_view = affari_kanban_column_get_list_view (first);
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));

  WAIT_UNTIL (affari_kanban_column_get_shows_all_rows (first));
  affari_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list_view))), ==, 605);
  g_assert_true (find_card (board, big_column_newest) != NULL);
  /* The first ids (for the first frame), all the ids, and the pages around the cards on screen:
   * not the ten pages of the whole column (as when GTK 4.8's list view got the whole list under
   * its old selection: 11 queries, all 605 deals made). */
  g_assert_false (affari_deal_list_is_partial (deals));
  g_assert_cmpuint (affari_deal_list_get_n_queries (deals), <=, 7);
  g_assert_cmpuint (affari_deal_list_get_n_loaded (deals), <, 605 / 2);

  /* At the bottom, the oldest deal: the fixture's first. */
  WAIT_UNTIL ((gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment)),
               find_card (board, f->deals[0]) != NULL));
}

static void
test_big_column (Fixture       *f,
                 gconstpointer  data)
{
  big_column_newest = add_orders (f, 600);

  AFFARI_TEST_RUN (f, big_column_body);
}

static void
test_board (Fixture       *f,
            gconstpointer  data)
{
  AFFARI_TEST_RUN (f, board_body);
}

static void
drop_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariKanbanBoard *board = get_board (window);
  AffariKanbanColumn *first = affari_kanban_board_get_column (board, 0);
  AffariKanbanColumn *second = affari_kanban_board_get_column (board, 1);
  gint64 first_id = affari_kanban_column_get_stage_id (first);
  gint64 second_id = affari_kanban_column_get_stage_id (second);
  g_autoptr(GArray) before = stage_ids (store, first_id);
  g_autoptr(GArray) after_undo = NULL;
  g_autoptr(AffariDeal) gamma = load_deal (store, f->deals[2]);
  g_autoptr(AffariDeal) alfa = load_deal (store, f->deals[0]);
  g_autoptr(AffariDeal) delta = load_deal (store, f->deals[3]);
  g_autoptr(AffariEvent) event = NULL;
  g_autofree char *toast = NULL;
  graphene_rect_t bounds;
  AffariKanbanCard *card;

  /* Gamma onto the second column, anywhere: an empty column takes it. */
  g_assert_true (drop_on (GTK_WIDGET (second), gamma, 100, 200));
  g_assert_cmpint (deal_stage (store, f->deals[2]), ==, second_id);
  event = find_event (store, f->deals[2], AFFARI_EVENT_STAGE);
  g_assert_nonnull (event);
  g_assert_cmpstr (affari_event_get_new_value (event), ==, affari_stage_get_name (affari_kanban_column_get_stage (second)));

  /* Counts and totals follow at once: before the next frame. */
  affari_test_wait_for_frame (GTK_WIDGET (window));
  assert_column_true (store, first);
  assert_column_true (store, second);
  g_assert_cmpuint (affari_kanban_column_get_count (second), ==, 1);
  g_assert_nonnull (affari_kanban_column_find_card (second, f->deals[2]));
  g_assert_null (affari_kanban_column_find_card (first, f->deals[2]));

  toast = g_strdup_printf (_("Deal moved to %s"), affari_stage_get_name (affari_kanban_column_get_stage (second)));
  WAIT_UNTIL (toast_says (window, toast));
  WAIT_UNTIL (toast_says (window, _("Undo")));

  /* Alfa dropped on the lower half of Gamma's card lands below it; on the header, on top. */
  card = AFFARI_KANBAN_CARD (affari_kanban_column_find_card (second, f->deals[2]));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (card), GTK_WIDGET (second), &bounds));
  g_assert_true (drop_on (GTK_WIDGET (second), alfa, bounds.origin.x + 20, bounds.origin.y + bounds.size.height - 3));
  g_assert_cmpint (deal_stage (store, f->deals[0]), ==, second_id);
  g_assert_cmpint (deal_index (store, f->deals[0]), ==, 1);
  g_assert_true (drop_on (GTK_WIDGET (second), delta, 20, 2));
  g_assert_cmpint (deal_index (store, f->deals[3]), ==, 0);
  g_assert_cmpint (deal_index (store, f->deals[2]), ==, 1);
  affari_test_wait_for_frame (GTK_WIDGET (window));
  assert_column_true (store, second);

  /* Inside its own column: Delta from the top to below Alfa (the bottom). */
  card = AFFARI_KANBAN_CARD (affari_kanban_column_find_card (second, f->deals[0]));
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (card), GTK_WIDGET (second), &bounds));
  g_assert_true (drop_on (GTK_WIDGET (second), delta, 20, bounds.origin.y + bounds.size.height - 3));
  g_assert_cmpint (deal_index (store, f->deals[3]), ==, 2);
  g_assert_cmpint (deal_index (store, f->deals[0]), ==, 1);

  /* Annulla puts Delta back on top; then the earlier moves, one by one with the shortcut's action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "win.undo", NULL));
  g_assert_cmpint (deal_index (store, f->deals[3]), ==, 0);
  g_assert_cmpint (deal_stage (store, f->deals[3]), ==, second_id);

  /* Move Gamma back by dropping it in the first column between Delta and Beta... and undo that:
   * it returns to the second column exactly where it was. */
  g_assert_true (drop_on (GTK_WIDGET (first), gamma, 20, 2));
  g_assert_cmpint (deal_stage (store, f->deals[2]), ==, first_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "win.undo", NULL));
  g_assert_cmpint (deal_stage (store, f->deals[2]), ==, second_id);
  g_assert_cmpint (deal_index (store, f->deals[2]), ==, 1);

  /* Back to the first column at its old place: the first column is as it began. */
  {
    AffariDealPlace place = { 0 };

    g_assert_true (drop_on (GTK_WIDGET (first), gamma, 20, 2));
    g_assert_true (drop_on (GTK_WIDGET (first), alfa, 20, 2));
    g_assert_true (drop_on (GTK_WIDGET (first), delta, 20, 2));
    affari_deal_place_clear (&place);
  }
  affari_test_wait_for_frame (GTK_WIDGET (window));
  assert_column_true (store, first);
  assert_column_true (store, second);
  g_assert_cmpuint (affari_kanban_column_get_count (second), ==, 0);

  /* Undo of a whole sequence returns the exact order too. */
  after_undo = stage_ids (store, first_id);
  g_assert_cmpuint (after_undo->len, ==, before->len);
}

static void
test_drop (Fixture       *f,
           gconstpointer  data)
{
  AFFARI_TEST_RUN (f, drop_body);
}

static void
undo_toast_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariKanbanBoard *board = get_board (window);
  AffariKanbanColumn *first = affari_kanban_board_get_column (board, 0);
  AffariKanbanColumn *third = affari_kanban_board_get_column (board, 2);
  g_autoptr(GArray) before = stage_ids (store, affari_kanban_column_get_stage_id (first));
  g_autoptr(GArray) after = NULL;
  g_autoptr(AffariDeal) beta = load_deal (store, f->deals[1]);
  GtkWidget *undo_button;

  /* Beta (in the middle of the first column) to the third; the toast's Annulla restores it
   * at its exact place. */
  g_assert_true (drop_on (GTK_WIDGET (third), beta, 20, 2));
  g_assert_cmpint (deal_stage (store, f->deals[1]), ==, affari_kanban_column_get_stage_id (third));
  WAIT_UNTIL ((undo_button = affari_test_find_widget (GTK_WIDGET (window), affari_test_match_mapped_label, _("Undo"))) != NULL);
  undo_button = gtk_widget_get_ancestor (undo_button, GTK_TYPE_BUTTON);
  g_assert_nonnull (undo_button);
  g_signal_emit_by_name (undo_button, "clicked");

  after = stage_ids (store, affari_kanban_column_get_stage_id (first));
  g_assert_true (same_ids (before, after));
  affari_test_wait_for_frame (GTK_WIDGET (window));
  assert_column_true (store, first);
  assert_column_true (store, third);
}

static void
test_undo_toast (Fixture       *f,
                 gconstpointer  data)
{
  AFFARI_TEST_RUN (f, undo_toast_body);
}

static void
cancel_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariKanbanBoard *board = get_board (window);
  AffariKanbanColumn *first = affari_kanban_board_get_column (board, 0);
  AffariKanbanColumn *second = affari_kanban_board_get_column (board, 1);
  g_autoptr(GArray) before = stage_ids (store, affari_kanban_column_get_stage_id (first));
  g_autoptr(GArray) after = NULL;
  AffariKanbanCard *card = find_card (board, f->deals[1]);
  GtkEventController *source;
  GtkEventController *target;
  GtkWidget *line;
  GtkWidget *zones = affari_kanban_board_get_drop_zones (board);
  GdkDragAction action = 0;
  gboolean handled = TRUE;
  GtkAdjustment *hadjustment;

  g_assert_nonnull (card);
  source = affari_test_find_controller (GTK_WIDGET (card), GTK_TYPE_DRAG_SOURCE);
  g_assert_nonnull (source);
  g_assert_false (gtk_widget_get_mapped (zones));

  /* The drag starts: the card becomes a placeholder and the drop zones rise from the bottom. */
  g_signal_emit_by_name (source, "drag-begin", NULL);
  g_assert_true (affari_kanban_board_get_dragging (board));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (card), "dragging"));
  WAIT_UNTIL (gtk_widget_get_mapped (zones));
  g_assert_true (affari_test_label_on_screen (zones, _("Delete")));

  /* Hovering the second column highlights it and shows the line where the card would land. */
  target = affari_test_find_controller (GTK_WIDGET (second), GTK_TYPE_DROP_TARGET);
  g_signal_emit_by_name (target, "enter", 50.0, 150.0, &action);
  g_signal_emit_by_name (target, "motion", 50.0, 150.0, &action);
  g_assert_cmpint (action, ==, GDK_ACTION_MOVE);
  g_assert_true (affari_kanban_column_get_drop_highlight (second));
  line = affari_test_find_widget (GTK_WIDGET (second), match_css_class, "kanban-drop-line");
  g_assert_nonnull (line);
  g_assert_true (gtk_widget_get_visible (line));
  g_signal_emit_by_name (target, "leave");
  g_assert_false (gtk_widget_get_visible (line));
  g_assert_false (affari_kanban_column_get_drop_highlight (second));

  /* The board autoscrolled on the way (as near its right edge). */
  hadjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (affari_test_find_type (GTK_WIDGET (board), GTK_TYPE_SCROLLED_WINDOW)));
  g_assert_cmpfloat (gtk_adjustment_get_value (hadjustment), ==, 0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), >, gtk_adjustment_get_page_size (hadjustment) + 200);
  gtk_adjustment_set_value (hadjustment, 200);

  /* Esc: GTK cancels the drag. Everything is as before, nothing written, the board scrolled back
   * to where the card flies back to. */
  g_signal_emit_by_name (source, "drag-cancel", NULL, GDK_DRAG_CANCEL_USER_CANCELLED, &handled);
  g_assert_cmpfloat (gtk_adjustment_get_value (hadjustment), ==, 0);
  g_assert_false (affari_kanban_board_get_dragging (board));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (card), "dragging"));
  WAIT_UNTIL (!gtk_widget_get_mapped (zones));
  after = stage_ids (store, affari_kanban_column_get_stage_id (first));
  g_assert_true (same_ids (before, after));
  g_assert_null (find_event (store, f->deals[1], AFFARI_EVENT_STAGE));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  AFFARI_TEST_RUN (f, cancel_body);
}

static void
keyboard_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariKanbanBoard *board = get_board (window);
  AffariKanbanColumn *first = affari_kanban_board_get_column (board, 0);
  AffariKanbanColumn *second = affari_kanban_board_get_column (board, 1);
  AffariKanbanCard *card = find_card (board, f->deals[0]);
  GtkWidget *row;

  /* The card's menu item "Sposta in ▸ <second stage>": the same action as a drop. */
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "tile.move-to", "x",
                                             affari_kanban_column_get_stage_id (second)));
  g_assert_cmpint (deal_stage (store, f->deals[0]), ==, affari_kanban_column_get_stage_id (second));
  g_assert_cmpint (deal_index (store, f->deals[0]), ==, 0);

  /* Alt+Left on the focused card, through the real key binding of the list. */
  affari_test_wait_for_frame (GTK_WIDGET (window));
  card = AFFARI_KANBAN_CARD (affari_kanban_column_find_card (second, f->deals[0]));
  g_assert_nonnull (card);
  row = gtk_widget_get_parent (GTK_WIDGET (card));
  g_assert_true (gtk_widget_grab_focus (row));
  affari_test_press_shortcut (GTK_WIDGET (affari_kanban_column_get_list_view (second)), "<Alt>Left");
  g_assert_cmpint (deal_stage (store, f->deals[0]), ==, affari_kanban_column_get_stage_id (first));
  g_assert_cmpint (deal_index (store, f->deals[0]), ==, 0);

  /* Alt+Right through the action the shortcut activates. */
  affari_test_wait_for_frame (GTK_WIDGET (window));
  card = AFFARI_KANBAN_CARD (affari_kanban_column_find_card (first, f->deals[0]));
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "tile.move-next", NULL));
  g_assert_cmpint (deal_stage (store, f->deals[0]), ==, affari_kanban_column_get_stage_id (second));

  /* Alt+Left on the first column goes nowhere. */
  affari_test_wait_for_frame (GTK_WIDGET (window));
  card = AFFARI_KANBAN_CARD (affari_kanban_column_find_card (first, f->deals[1]));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "tile.move-previous", NULL));
  g_assert_cmpint (deal_stage (store, f->deals[1]), ==, affari_kanban_column_get_stage_id (first));

  /* Delete on the focused card: to the trash, with its toast. */
  row = gtk_widget_get_parent (GTK_WIDGET (card));
  g_assert_true (gtk_widget_grab_focus (row));
  affari_test_press_shortcut (GTK_WIDGET (affari_kanban_column_get_list_view (first)), "Delete");
  g_assert_cmpint (deal_index (store, f->deals[1]), ==, -1);
  WAIT_UNTIL (toast_says (window, _("Deal moved to the trash")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "win.undo", NULL));
  g_assert_cmpint (deal_stage (store, f->deals[1]), ==, affari_kanban_column_get_stage_id (first));

  affari_test_wait_for_frame (GTK_WIDGET (window));
  assert_column_true (store, first);
  assert_column_true (store, second);
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  AFFARI_TEST_RUN (f, keyboard_body);
}

/* The deal of the card that has the keyboard focus (its row has it), or 0. */
static gint64
focused_deal (AffariWindow        *window,
              AffariKanbanColumn **column)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *child = focus != NULL ? gtk_widget_get_first_child (focus) : NULL;
  AffariDeal *deal;

  if (!AFFARI_IS_KANBAN_CARD (child) || (deal = affari_kanban_card_get_deal (AFFARI_KANBAN_CARD (child))) == NULL)
    return 0;

  *column = AFFARI_KANBAN_COLUMN (gtk_widget_get_ancestor (focus, AFFARI_TYPE_KANBAN_COLUMN));
  return affari_deal_get_id (deal);
}

static void
keyboard_focus_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariKanbanBoard *board = get_board (window);
  gint64 won_id = affari_store_find_stage (store, affari_window_get_pipeline_id (window), AFFARI_SEMANTICS_SUCCESS);
  AffariKanbanColumn *column = affari_kanban_board_get_column (board, 0);
  AffariKanbanColumn *won = affari_kanban_board_find_column (board, won_id);
  AffariKanbanCard *card = find_card (board, f->deals[1]);
  graphene_rect_t bounds;
  guint steps = 0;

  /* Beta, in the middle of the first column, has the focus. */
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (card))));
  g_assert_cmpint (focused_deal (window, &column), ==, f->deals[1]);

  /* Alt+→ step by step to the won stage, off screen to the right: each time the card keeps the
   * focus in its new column, so that the next Alt+→ (sent to where the focus is) moves it on. */
  while (column != won)
    {
      AffariKanbanColumn *next = affari_kanban_board_get_column (board, ++steps);
      AffariKanbanColumn *now = NULL;

      affari_test_press_shortcut (GTK_WIDGET (affari_kanban_column_get_list_view (column)), "<Alt>Right");
      g_assert_cmpint (deal_stage (store, f->deals[1]), ==, affari_kanban_column_get_stage_id (next));
      WAIT_UNTIL (focused_deal (window, &now) == f->deals[1] && now == next);
      column = now;
    }
  g_assert_cmpuint (steps, >=, 4);

  /* The board scrolled to show the focused card whole. */
  card = AFFARI_KANBAN_CARD (affari_kanban_column_find_card (won, f->deals[1]));
  g_assert_nonnull (card);
  affari_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (card), GTK_WIDGET (board), &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (board)));

  /* And back with Alt+←: the focus follows again. */
  affari_test_press_shortcut (GTK_WIDGET (affari_kanban_column_get_list_view (won)), "<Alt>Left");
  {
    AffariKanbanColumn *previous = affari_kanban_board_get_column (board, steps - 1);
    AffariKanbanColumn *now = NULL;

    g_assert_cmpint (deal_stage (store, f->deals[1]), ==, affari_kanban_column_get_stage_id (previous));
    WAIT_UNTIL (focused_deal (window, &now) == f->deals[1] && now == previous);
  }
}

static void
test_keyboard_focus (Fixture       *f,
                     gconstpointer  data)
{
  AFFARI_TEST_RUN (f, keyboard_focus_body);
}

static void
count_frame (guint *frames)
{
  (*frames)++;
}

static void
autoscroll_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariKanbanBoard *board = get_board (window);
  AffariKanbanColumn *first = affari_kanban_board_get_column (board, 0);
  AffariKanbanCard *card;
  GtkEventController *source, *board_motion, *target;
  GtkAdjustment *hadjustment, *vadjustment;
  GdkDragAction action = 0;
  double width = gtk_widget_get_width (GTK_WIDGET (board));
  double height, value;

  /* A first column long enough to scroll. */
  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *title = g_strdup_printf ("Commessa %u", i + 1);
      create_deal (store, title, 10000, NULL);
    }
  WAIT_UNTIL (affari_kanban_column_get_count (first) == 30);
  affari_test_wait_for_frame (GTK_WIDGET (window));

  hadjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (affari_test_find_type (GTK_WIDGET (board), GTK_TYPE_SCROLLED_WINDOW)));
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (affari_test_find_type (GTK_WIDGET (first), GTK_TYPE_SCROLLED_WINDOW)));
  /* The list keeps showing the card that was on top when deals arrive above it. */
  gtk_adjustment_set_value (vadjustment, 0);
  affari_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpfloat (gtk_adjustment_get_value (hadjustment), ==, 0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >, gtk_adjustment_get_page_size (vadjustment) + 200);

  card = find_card (board, affari_deal_list_get_id_at (affari_kanban_column_get_deals (first), 0));
  g_assert_nonnull (card);
  source = affari_test_find_controller (GTK_WIDGET (card), GTK_TYPE_DRAG_SOURCE);
  g_signal_emit_by_name (source, "drag-begin", NULL);

  /* The pointer in the middle of the board: nothing moves. */
  board_motion = affari_test_find_controller (GTK_WIDGET (board), GTK_TYPE_DROP_CONTROLLER_MOTION);
  g_assert_nonnull (board_motion);
  g_signal_emit_by_name (board_motion, "enter", width / 2, 300.0);
  g_signal_emit_by_name (board_motion, "motion", width / 2, 300.0);
  affari_test_wait_for_frame (GTK_WIDGET (window));
  affari_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpfloat (gtk_adjustment_get_value (hadjustment), ==, 0);

  /* Near the right edge the board scrolls right, frame after frame... */
  g_signal_emit_by_name (board_motion, "motion", width - 8, 300.0);
  WAIT_UNTIL (gtk_adjustment_get_value (hadjustment) >= 150);
  /* ...until the pointer leaves the edge. */
  g_signal_emit_by_name (board_motion, "motion", width / 2, 300.0);
  affari_test_wait_for_frame (GTK_WIDGET (window));
  value = gtk_adjustment_get_value (hadjustment);
  affari_test_wait_for_frame (GTK_WIDGET (window));
  affari_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpfloat (gtk_adjustment_get_value (hadjustment), ==, value);
  /* Near the left edge, back. */
  g_signal_emit_by_name (board_motion, "motion", 4.0, 300.0);
  WAIT_UNTIL (gtk_adjustment_get_value (hadjustment) == 0);
  g_signal_emit_by_name (board_motion, "leave");

  /* Over the first column near its bottom edge: the column scrolls down, and the landing line
   * stays where the pointer is. */
  target = affari_test_find_controller (GTK_WIDGET (first), GTK_TYPE_DROP_TARGET);
  height = gtk_widget_get_height (GTK_WIDGET (first));
  g_signal_emit_by_name (target, "enter", 100.0, height - 6, &action);
  g_signal_emit_by_name (target, "motion", 100.0, height - 6, &action);
  WAIT_UNTIL (gtk_adjustment_get_value (vadjustment) >= 200);
  g_assert_true (gtk_widget_get_visible (affari_test_find_widget (GTK_WIDGET (first), match_css_class, "kanban-drop-line")));
  /* Near the top of its list, back up. */
  g_signal_emit_by_name (target, "motion", 100.0, 130.0, &action);
  WAIT_UNTIL (gtk_adjustment_get_value (vadjustment) == 0);
  /* At the top already, the pointer resting there: nothing left to scroll, so the window stops
   * repainting (it used to repaint 60 times a second for as long as the pointer stayed). */
  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
    guint frames[4] = { 0, 0, 0, 0 };

    affari_test_wait_for_frame (GTK_WIDGET (window));
    affari_test_wait_for_frame (GTK_WIDGET (window));
    /* four spells of 300 ms: a repaint that never stops shows in all of them (18 frames each),
     * work that ends (columns the board fills at idle, on a busy machine) leaves one quiet */
    for (guint spell = 0; spell < G_N_ELEMENTS (frames); spell++)
      {
        gulong handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (count_frame), &frames[spell]);
        gint64 end = g_get_monotonic_time () + 300 * 1000;

        while (g_get_monotonic_time () < end)
          if (!g_main_context_iteration (NULL, FALSE))
            g_usleep (1000);
        g_signal_handler_disconnect (clock, handler);
      }
    g_assert_cmpuint (MIN (MIN (frames[0], frames[1]), MIN (frames[2], frames[3])), <=, 2);
  }
  g_signal_emit_by_name (target, "leave");
  value = gtk_adjustment_get_value (vadjustment);
  affari_test_wait_for_frame (GTK_WIDGET (window));
  affari_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, value);

  g_signal_emit_by_name (source, "drag-end", NULL, FALSE);
  g_assert_false (affari_kanban_board_get_dragging (board));
}

static void
test_autoscroll (Fixture       *f,
                 gconstpointer  data)
{
  AFFARI_TEST_RUN (f, autoscroll_body);
}

static GtkWidget *
find_zone (AffariKanbanBoard *board,
           const char        *kind,
           guint              nth)
{
  GtkWidget *zones = affari_kanban_board_get_drop_zones (board);

  for (GtkWidget *child = gtk_widget_get_first_child (zones); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, kind) && nth-- == 0)
      return child;

  return NULL;
}

static void
zones_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariKanbanBoard *board = get_board (window);
  gint64 pipeline_id = affari_window_get_pipeline_id (window);
  gint64 won_id = affari_store_find_stage (store, pipeline_id, AFFARI_SEMANTICS_SUCCESS);
  gint64 lost_id = affari_store_find_stage (store, pipeline_id, AFFARI_SEMANTICS_FAILURE);
  g_autoptr(AffariDeal) alfa = load_deal (store, f->deals[0]);
  g_autoptr(AffariDeal) beta = load_deal (store, f->deals[1]);
  g_autoptr(AffariDeal) gamma = load_deal (store, f->deals[2]);
  g_autoptr(AffariDeal) after = NULL;
  g_autoptr(AffariEvent) closed = NULL;
  g_autoptr(GtkWidget) entry_ref = NULL;
  g_autofree char *today = affari_date_today ();
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  GtkWidget *zone;
  guint n_lost = 0;
  guint n_before;

  /* One zone for the won stage, one per lost stage, one for the trash. */
  for (guint i = 0; i < affari_kanban_board_get_n_columns (board); i++)
    if (affari_stage_get_semantics (affari_kanban_column_get_stage (affari_kanban_board_get_column (board, i))) == AFFARI_SEMANTICS_FAILURE)
      n_lost++;
  g_assert_cmpuint (n_lost, >=, 2);
  g_assert_nonnull (find_zone (board, "won", 0));
  g_assert_nonnull (find_zone (board, "lost", n_lost - 1));
  g_assert_null (find_zone (board, "lost", n_lost));
  g_assert_nonnull (find_zone (board, "trash", 0));

  /* Won: closed today, no question asked. */
  g_assert_true (drop_on (find_zone (board, "won", 0), alfa, 10, 10));
  after = load_deal (store, f->deals[0]);
  g_assert_cmpint (affari_deal_get_stage_id (after), ==, won_id);
  g_assert_true (affari_deal_get_closed (after));
  g_assert_cmpstr (affari_deal_get_closed_at (after), ==, today);
  g_clear_object (&after);

  /* Lost: a dialog asks why; the reason goes into the history. */
  g_assert_true (drop_on (find_zone (board, "lost", 0), beta, 10, 10));
  WAIT_UNTIL ((dialog = (AdwMessageDialog *) affari_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  g_assert_cmpint (deal_stage (store, f->deals[1]), !=, lost_id);
  entry = affari_test_find_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Prezzo troppo alto");
  /* As the dialog's button does: respond, then close. */
  adw_message_dialog_response (dialog, "move");
  gtk_window_close (GTK_WINDOW (dialog));
  after = load_deal (store, f->deals[1]);
  g_assert_cmpint (affari_deal_get_stage_id (after), ==, lost_id);
  g_assert_true (affari_deal_get_closed (after));
  closed = find_event (store, f->deals[1], AFFARI_EVENT_CLOSED);
  g_assert_nonnull (closed);
  g_assert_nonnull (strstr (affari_event_get_text (closed), "Prezzo troppo alto"));
  WAIT_UNTIL (affari_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);

  /* Undo reopens it where it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "win.undo", NULL));
  g_clear_object (&after);
  after = load_deal (store, f->deals[1]);
  g_assert_false (affari_deal_get_closed (after));
  g_assert_cmpint (affari_deal_get_stage_id (after), ==, affari_kanban_column_get_stage_id (affari_kanban_board_get_column (board, 0)));

  /* A lost zone, cancelled: nothing moves. */
  g_assert_true (drop_on (find_zone (board, "lost", 1), gamma, 10, 10));
  WAIT_UNTIL ((dialog = (AdwMessageDialog *) affari_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_cmpint (deal_stage (store, f->deals[2]), ==, affari_kanban_column_get_stage_id (affari_kanban_board_get_column (board, 0)));
  WAIT_UNTIL (affari_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);

  /* Elimina: to the trash; undo restores it. */
  {
    AffariDealQuery query = { 0 };

    n_before = affari_store_count_deals (store, &query, NULL);
    zone = find_zone (board, "trash", 0);
    g_assert_true (drop_on (zone, gamma, 10, 10));
    g_assert_cmpuint (affari_store_count_deals (store, &query, NULL), ==, n_before - 1);
    WAIT_UNTIL (toast_says (window, _("Deal moved to the trash")));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "win.undo", NULL));
    g_assert_cmpuint (affari_store_count_deals (store, &query, NULL), ==, n_before);
  }

  affari_test_wait_for_frame (GTK_WIDGET (window));
  for (guint i = 0; i < affari_kanban_board_get_n_columns (board); i++)
    assert_column_true (store, affari_kanban_board_get_column (board, i));
}

static void
test_zones (Fixture       *f,
            gconstpointer  data)
{
  AFFARI_TEST_RUN (f, zones_body);
}

static void
multi_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariKanbanBoard *board = get_board (window);
  AffariKanbanColumn *first = affari_kanban_board_get_column (board, 0);
  AffariKanbanColumn *third = affari_kanban_board_get_column (board, 2);
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (gtk_list_view_get_model (affari_kanban_column_get_list_view (first)));
  AffariDealList *deals = affari_kanban_column_get_deals (first);
  g_autoptr(GArray) before = stage_ids (store, affari_kanban_column_get_stage_id (first));
  g_autoptr(GArray) after = NULL;
  g_autoptr(AffariDeal) delta = load_deal (store, f->deals[3]);
  g_autofree char *toast = NULL;
  AffariKanbanCard *card;
  GtkEventController *source;

  /* Ctrl+click Delta and Beta (the list's multiple selection), then drag Delta. */
  gtk_selection_model_select_item (selection, affari_deal_list_find (deals, f->deals[3]), FALSE);
  gtk_selection_model_select_item (selection, affari_deal_list_find (deals, f->deals[1]), FALSE);

  card = find_card (board, f->deals[3]);
  source = affari_test_find_controller (GTK_WIDGET (card), GTK_TYPE_DRAG_SOURCE);
  g_signal_emit_by_name (source, "drag-begin", NULL);
  g_assert_true (affari_kanban_board_is_deal_dragged (board, f->deals[3]));
  g_assert_true (affari_kanban_board_is_deal_dragged (board, f->deals[1]));
  g_assert_false (affari_kanban_board_is_deal_dragged (board, f->deals[0]));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (find_card (board, f->deals[1])), "dragging"));

  g_assert_true (drop_on (GTK_WIDGET (third), delta, 20, 2));
  g_signal_emit_by_name (source, "drag-end", NULL, TRUE);

  /* Both moved, the dragged one first. */
  g_assert_cmpint (deal_stage (store, f->deals[3]), ==, affari_kanban_column_get_stage_id (third));
  g_assert_cmpint (deal_stage (store, f->deals[1]), ==, affari_kanban_column_get_stage_id (third));
  g_assert_cmpint (deal_index (store, f->deals[3]), ==, 0);
  g_assert_cmpint (deal_index (store, f->deals[1]), ==, 1);
  toast = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deal moved to %s", "%u deals moved to %s", 2), 2,
                           affari_stage_get_name (affari_kanban_column_get_stage (third)));
  WAIT_UNTIL (toast_says (window, toast));

  /* One undo for the lot. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "win.undo", NULL));
  after = stage_ids (store, affari_kanban_column_get_stage_id (first));
  g_assert_true (same_ids (before, after));
}

static void
test_multi (Fixture       *f,
            gconstpointer  data)
{
  AFFARI_TEST_RUN (f, multi_body);
}

static gboolean
match_tooltip (GtkWidget     *widget,
               gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

static void
quick_create_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariKanbanBoard *board = get_board (window);
  AffariKanbanColumn *third = affari_kanban_board_get_column (board, 2);
  GtkWidget *entries[3] = { NULL };
  GtkWidget *child;
  guint n = 0;
  gint64 id;
  g_autoptr(AffariDeal) deal = NULL;
  GtkWidget *revealer = affari_test_find_type (GTK_WIDGET (third), GTK_TYPE_REVEALER);

  /* The form is made by the first "+", not with the board. */
  g_assert_null (gtk_revealer_get_child (GTK_REVEALER (revealer)));
  affari_kanban_column_show_quick_create (third);
  WAIT_UNTIL (gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)));

  for (child = gtk_widget_get_first_child (gtk_revealer_get_child (GTK_REVEALER (revealer)));
       child != NULL && n < 3;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_ENTRY (child))
      entries[n++] = child;
  g_assert_cmpuint (n, ==, 3);

  /* An empty title is refused inline, in red. */
  g_signal_emit_by_name (entries[0], "activate");
  g_assert_true (gtk_widget_has_css_class (entries[0], "error"));
  g_assert_cmpuint (affari_kanban_column_get_count (third), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (entries[0]), "Rinnovo licenze");
  gtk_editable_set_text (GTK_EDITABLE (entries[1]), "1.234,56");
  gtk_editable_set_text (GTK_EDITABLE (entries[2]), "Bianchi SpA");
  g_signal_emit_by_name (entries[2], "activate");

  WAIT_UNTIL (affari_kanban_column_get_count (third) == 1);
  id = affari_deal_list_get_id_at (affari_kanban_column_get_deals (third), 0);
  deal = load_deal (store, id);
  g_assert_cmpstr (affari_deal_get_title (deal), ==, "Rinnovo licenze");
  g_assert_cmpint (affari_deal_get_amount (deal), ==, 123456);
  g_assert_cmpstr (affari_deal_get_company_name (deal), ==, "Bianchi SpA");
  g_assert_cmpint (affari_deal_get_stage_id (deal), ==, affari_kanban_column_get_stage_id (third));
  WAIT_UNTIL (!gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)));
  affari_test_wait_for_frame (GTK_WIDGET (window));
  assert_column_true (store, third);

  /* The creation is a change like the others: Ctrl+Z puts the deal in the trash (the column
   * empties), Ctrl+Shift+Z brings it back. */
  affari_test_press_shortcut (GTK_WIDGET (window), "<Control>z");
  WAIT_UNTIL (affari_kanban_column_get_count (third) == 0);
  {
    g_autoptr(AffariDeal) trashed = load_deal (store, id);

    g_assert_cmpint (affari_deal_get_deleted_at (trashed), >, 0);
  }
  affari_test_press_shortcut (GTK_WIDGET (window), "<Shift><Control>z");
  WAIT_UNTIL (affari_kanban_column_get_count (third) == 1);
  g_assert_cmpint (affari_deal_list_get_id_at (affari_kanban_column_get_deals (third), 0), ==, id);

  /* The "+" of another column opens its own form, with the cursor in the title. */
  {
    AffariKanbanColumn *first = affari_kanban_board_get_column (board, 0);
    GtkWidget *first_revealer = affari_test_find_type (GTK_WIDGET (first), GTK_TYPE_REVEALER);
    GtkWidget *add = affari_test_find_widget (GTK_WIDGET (first), match_tooltip, _("New Deal in This Stage"));

    g_assert_nonnull (add);
    g_signal_emit_by_name (add, "clicked");
    WAIT_UNTIL (gtk_revealer_get_child_revealed (GTK_REVEALER (first_revealer)));
    g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), first_revealer));
  }
}

static void
test_quick_create (Fixture       *f,
                   gconstpointer  data)
{
  AFFARI_TEST_RUN (f, quick_create_body);
}


/* ------------------------------------------------------------ what a user sees after a change */

static GtkWidget *
column_scroller (AffariKanbanColumn *column)
{
  return gtk_widget_get_ancestor (GTK_WIDGET (affari_kanban_column_get_list_view (column)), GTK_TYPE_SCROLLED_WINDOW);
}

/* Whether the card of @deal_id is on screen whole, inside its column's scrolled part. */
static gboolean
card_in_view (AffariKanbanColumn *column,
              gint64              deal_id)
{
  GtkWidget *card = affari_kanban_column_find_card (column, deal_id);
  GtkWidget *scroller = column_scroller (column);
  graphene_rect_t bounds;

  if (card == NULL || !gtk_widget_get_mapped (card) ||
      !gtk_widget_compute_bounds (card, scroller, &bounds))
    return FALSE;

  return bounds.origin.y >= -0.5 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller) + 0.5;
}

/* In view and marked for a moment, so that the eye finds it. */
static void
assert_shown_arrived (AffariKanbanColumn *column,
                      gint64              deal_id)
{
  WAIT_BRIEFLY (card_in_view (column, deal_id));
  g_assert_true (gtk_widget_has_css_class (affari_kanban_column_find_card (column, deal_id), "arrived"));
}

static GVariant *
one_id (gint64 id)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, &id, 1, sizeof (gint64));
}

static void
new_card_in_view_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariKanbanBoard *board = get_board (window);
  AffariKanbanColumn *first = affari_kanban_board_get_column (board, 0);
  AffariKanbanColumn *third = affari_kanban_board_get_column (board, 2);
  GtkWidget *revealer = affari_test_find_type (GTK_WIDGET (first), GTK_TYPE_REVEALER);
  g_autoptr(AffariDeal) created = NULL;
  GtkWidget *title = NULL;
  GtkWidget *card;
  gint64 id;

  WAIT_UNTIL (affari_kanban_column_get_shows_all_rows (first));
  affari_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpuint (affari_kanban_column_get_count (first), ==, 45);

  /* Quick create with "+": the new card is on top of the column, and the column shows it. */
  affari_kanban_column_show_quick_create (first);
  WAIT_UNTIL (gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)));
  title = affari_test_find_type (gtk_revealer_get_child (GTK_REVEALER (revealer)), GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (title), "Nuovo cliente");
  g_signal_emit_by_name (title, "activate");
  WAIT_UNTIL (affari_kanban_column_get_count (first) == 46);
  id = affari_deal_list_get_id_at (affari_kanban_column_get_deals (first), 0);
  created = load_deal (store, id);
  g_assert_cmpstr (affari_deal_get_title (created), ==, "Nuovo cliente");
  assert_shown_arrived (first, id);
  /* The mark goes after a moment. */
  card = affari_kanban_column_find_card (first, id);
  WAIT_UNTIL (!gtk_widget_has_css_class (card, "arrived"));

  /* Dropped on the third column, then Annulla: back on top of the first column, in view. */
  g_assert_true (drop_on (GTK_WIDGET (third), created, 20, 2));
  assert_shown_arrived (third, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "win.undo", NULL));
  g_assert_cmpint (deal_stage (store, id), ==, affari_kanban_column_get_stage_id (first));
  assert_shown_arrived (first, id);
  /* Ripeti: in the third column again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "win.redo", NULL));
  assert_shown_arrived (third, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "win.undo", NULL));
  assert_shown_arrived (first, id);

  /* Moved far down its own column (the keyboard's or the menu's move): the column follows it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "deal.move", "(@axxi)", one_id (id),
                                             affari_kanban_column_get_stage_id (first), 40));
  g_assert_cmpint (deal_index (store, id), ==, 40);
  assert_shown_arrived (first, id);

  /* To the trash and back: restored, it is shown where it returns. */
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (affari_kanban_column_get_list_view (first))), 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "deal.trash", "@ax", one_id (id)));
  WAIT_UNTIL (affari_kanban_column_get_count (first) == 45);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "deal.restore", "@ax", one_id (id)));
  WAIT_UNTIL (affari_kanban_column_get_count (first) == 46);
  assert_shown_arrived (first, id);
}

static void
test_new_card_in_view (Fixture       *f,
                       gconstpointer  data)
{
  add_orders (f, 40);
  AFFARI_TEST_RUN (f, new_card_in_view_body);
}

/* A column scrolled down, then the filter changes: the column shows its first cards. */
static void
assert_scrolled_to_top_after (Fixture            *f,
                              AffariKanbanColumn *column,
                              guint               count)
{
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (affari_kanban_column_get_list_view (column)));
  AffariDealList *deals = affari_kanban_column_get_deals (column);

  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (deals)) == count);
  affari_test_wait_for_frame (GTK_WIDGET (column));
  affari_test_wait_for_frame (GTK_WIDGET (column));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0);
  WAIT_BRIEFLY (card_in_view (column, affari_deal_list_get_id_at (deals, 0)));
}

static void
scroll_down (AffariKanbanColumn *column)
{
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (affari_kanban_column_get_list_view (column)));

  WAIT_UNTIL ((gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment)),
               gtk_adjustment_get_value (vadjustment) > 1000));
  affari_test_wait_for_frame (GTK_WIDGET (column));
}

static void
filter_scroll_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariKanbanBoard *board = get_board (window);
  AffariKanbanColumn *first = affari_kanban_board_get_column (board, 0);
  AffariDealQuery *filter = affari_deal_query_new ();

  WAIT_UNTIL (affari_kanban_column_get_shows_all_rows (first));
  affari_test_wait_for_frame (GTK_WIDGET (window));

  /* The search text. */
  scroll_down (first);
  affari_kanban_board_set_filter_text (board, "ordine");
  assert_scrolled_to_top_after (f, first, 40);

  /* A criterion of the filter bar (up to € 50: the forty small orders), as the window applies it. */
  scroll_down (first);
  affari_kanban_board_set_filter_text (board, NULL);
  filter->has_amount_max = TRUE;
  filter->amount_max = 5000;
  affari_window_set_filter (window, filter);
  assert_scrolled_to_top_after (f, first, 40);

  /* Both gone: all the cards, from the top. */
  scroll_down (first);
  affari_window_set_filter (window, NULL);
  assert_scrolled_to_top_after (f, first, 45);

  affari_deal_query_free (filter);
}

static void
test_filter_scroll (Fixture       *f,
                    gconstpointer  data)
{
  add_orders (f, 40);
  AFFARI_TEST_RUN (f, filter_scroll_body);
}

/* ------------------------------------------------------------ main */

int
main (int   argc,
      char *argv[])
{
  affari_test_init (&argc, &argv);

  g_test_add ("/ui/kanban/board", Fixture, NULL, fixture_set_up, test_board, fixture_tear_down);
  g_test_add ("/ui/kanban/big-column", Fixture, NULL, fixture_set_up, test_big_column, fixture_tear_down);
  g_test_add ("/ui/kanban/drop", Fixture, NULL, fixture_set_up, test_drop, fixture_tear_down);
  g_test_add ("/ui/kanban/undo-toast", Fixture, NULL, fixture_set_up, test_undo_toast, fixture_tear_down);
  g_test_add ("/ui/kanban/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/ui/kanban/keyboard", Fixture, NULL, fixture_set_up, test_keyboard, fixture_tear_down);
  g_test_add ("/ui/kanban/autoscroll", Fixture, NULL, fixture_set_up, test_autoscroll, fixture_tear_down);
  g_test_add ("/ui/kanban/keyboard-focus", Fixture, NULL, fixture_set_up, test_keyboard_focus, fixture_tear_down);
  g_test_add ("/ui/kanban/zones", Fixture, NULL, fixture_set_up, test_zones, fixture_tear_down);
  g_test_add ("/ui/kanban/multi-select", Fixture, NULL, fixture_set_up, test_multi, fixture_tear_down);
  g_test_add ("/ui/kanban/quick-create", Fixture, NULL, fixture_set_up, test_quick_create, fixture_tear_down);
  g_test_add ("/ui/kanban/new-card-in-view", Fixture, NULL, fixture_set_up, test_new_card_in_view, fixture_tear_down);
  g_test_add ("/ui/kanban/filter-scrolls-to-top", Fixture, NULL, fixture_set_up, test_filter_scroll, fixture_tear_down);

  return g_test_run ();
}
