/* test-kanban-mouse.c — the Kanban board under the real X pointer and keyboard, in-process
 *
 * GTK has no way to fake a pointer in-process, but the X server has (XTEST): xdotool clicks and
 * types at the window's own widgets, found here with their real geometry, while the test's main
 * loop keeps running, exactly as when a person uses the app. Needs an X display (xvfb-run
 * outside) and xdotool; skipped without them. Assertions are on what is on screen and in the
 * database. (test-kanban-mouse.sh drags cards between columns the same way, from outside.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "store/affari-store.h"
#include "affari-test-harness.h"
#include "ui/board/affari-kanban-board.h"
#include "ui/board/affari-kanban-column.h"
#include "ui/deal/affari-deal-card.h"
#include "ui/app/affari-window.h"

typedef struct
{
  AffariTestApp base;        /* first: see affari-test-harness.h */
  gint64        deals[4];    /* in the first stage, the last on top */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *titles[] = { "Alfa forniture", "Beta consulenza", "Gamma impianti", "Delta software" };
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariStore) store = NULL;

  affari_test_app_setup (&f->base, "kanban-mouse");
  store = affari_store_open (f->base.db_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(AffariDeal) deal = affari_deal_new ();

      affari_deal_set_title (deal, titles[i]);
      affari_deal_set_amount (deal, 100000);
      g_assert_true (affari_store_create_deal (store, deal, &error));
      f->deals[i] = affari_deal_get_id (deal);
    }
  affari_store_close (store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  affari_test_app_teardown (&f->base);
}

/* A click on the left part of the card of @deal_id (away from its "⋮" corner). */
static void
click_card (AffariKanbanColumn *column,
            gint64              deal_id,
            const char         *modifier)
{
  GtkWidget *card = affari_kanban_column_find_card (column, deal_id);

  g_assert_nonnull (card);
  affari_test_click (card, 30, gtk_widget_get_height (card) / 2.0, modifier);
}

/* ------------------------------------------------------------ what is on screen */

/* The deal whose card panel is open, or 0. */
static gint64
open_deal (AffariWindow *window)
{
  GtkWidget *card = affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_DEAL_CARD);

  if (card == NULL || !gtk_widget_get_mapped (card))
    return 0;
  return affari_deal_card_get_deal_id (AFFARI_DEAL_CARD (card));
}

static gint64
stage_of (AffariStore *store,
          gint64       deal_id)
{
  g_autoptr(AffariDeal) deal = affari_store_get_deal (store, deal_id, NULL);

  return deal != NULL ? affari_deal_get_stage_id (deal) : 0;
}

static guint
n_selected (AffariKanbanColumn *column)
{
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (gtk_list_view_get_model (affari_kanban_column_get_list_view (column)));
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

  return (guint) gtk_bitset_get_size (selected);
}

static AffariKanbanColumn *
first_column_ready (AffariWindow *window)
{
  AffariKanbanBoard *board = affari_window_get_kanban_board (window);
  AffariKanbanColumn *first = affari_kanban_board_get_column (board, 0);

  WAIT_UNTIL (affari_kanban_column_get_shows_all_rows (first));
  affari_test_wait_for_frame (GTK_WIDGET (window));
  return first;
}

/* ------------------------------------------------------------ tests */

static gboolean
match_tooltip (GtkWidget     *widget,
               gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

static void
click_opens_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariKanbanColumn *first = first_column_ready (window);

  /* Ctrl+click selects cards, one more each time, and opens none. */
  click_card (first, f->deals[0], "ctrl");
  click_card (first, f->deals[2], "ctrl");
  WAIT_BRIEFLY (n_selected (first) == 2);
  affari_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpint (open_deal (window), ==, 0);

  /* A drag still drags (xdrag: press, 20 small moves, release): the card goes to the second
   * column and nothing opens. */
  {
    g_autofree char *xdrag = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "..", "shared", "tools", "xdrag", NULL);
    AffariKanbanColumn *second = affari_kanban_board_get_column (affari_window_get_kanban_board (window), 1);
    GtkWidget *card = affari_kanban_column_find_card (first, f->deals[3]);
    AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
    graphene_point_t from, to;
    g_autofree char *fx = NULL, *fy = NULL, *tx = NULL, *ty = NULL;

    if (!g_file_test (xdrag, G_FILE_TEST_IS_EXECUTABLE))
      g_clear_pointer (&xdrag, g_free);
    if (xdrag == NULL && g_file_test ("/work/shared/tools/xdrag", G_FILE_TEST_IS_EXECUTABLE))
      xdrag = g_strdup ("/work/shared/tools/xdrag");
    if (xdrag != NULL)
      {
        /* No window manager: the window sits at 0,0 of the screen, as xdrag wants. */
        g_assert_true (gtk_widget_compute_point (card, GTK_WIDGET (window), &GRAPHENE_POINT_INIT (30, 40), &from));
        g_assert_true (gtk_widget_compute_point (GTK_WIDGET (second), GTK_WIDGET (window), &GRAPHENE_POINT_INIT (150, 200), &to));
        fx = g_strdup_printf ("%d", (int) from.x);
        fy = g_strdup_printf ("%d", (int) from.y);
        tx = g_strdup_printf ("%d", (int) to.x);
        ty = g_strdup_printf ("%d", (int) to.y);
        affari_test_run_tool ((const char *[]) { xdrag, fx, fy, tx, ty, NULL });
        WAIT_BRIEFLY (stage_of (store, f->deals[3]) == affari_kanban_column_get_stage_id (second));
        affari_test_wait_for_frame (GTK_WIDGET (window));
        g_assert_cmpint (open_deal (window), ==, 0);
      }
  }

  /* A single plain click opens the card, as on every peer's board. */
  click_card (first, f->deals[1], NULL);
  WAIT_BRIEFLY (open_deal (window) == f->deals[1]);

  /* Another card, another click: its deal replaces the one shown. */
  click_card (first, f->deals[0], NULL);
  WAIT_BRIEFLY (open_deal (window) == f->deals[0]);
}

static void
test_click_opens (Fixture       *f,
                  gconstpointer  data)
{
  if (affari_test_have_x11 ())
    AFFARI_TEST_RUN (f, click_opens_body);
}

/* A click on "+" of @column and, at once, @text typed: no key waits for the form to appear. */
static void
open_and_type (AffariKanbanColumn *column,
               const char         *text)
{
  GtkWidget *add = affari_test_find_widget (GTK_WIDGET (column), match_tooltip, _("New Deal in This Stage"));

  g_assert_nonnull (add);
  affari_test_xdotool_at (add, gtk_widget_get_width (add) / 2.0, gtk_widget_get_height (add) / 2.0,
              (const char *[]) { "click", "1", "type", "--delay", "0", text, NULL });
}

static GtkEditable *
title_entry (AffariKanbanColumn *column)
{
  GtkWidget *revealer = affari_test_find_type (GTK_WIDGET (column), GTK_TYPE_REVEALER);

  WAIT_UNTIL (gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)));
  return GTK_EDITABLE (affari_test_find_type (gtk_revealer_get_child (GTK_REVEALER (revealer)), GTK_TYPE_ENTRY));
}

static void
quick_create_keys_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariKanbanBoard *board = affari_window_get_kanban_board (window);
  AffariKanbanColumn *second = affari_kanban_board_get_column (board, 1);
  AffariKanbanColumn *third = affari_kanban_board_get_column (board, 2);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  GtkWidget *revealer = affari_test_find_type (GTK_WIDGET (third), GTK_TYPE_REVEALER);
  g_autoptr(AffariDeal) deal = NULL;

  first_column_ready (window);

  /* The first opening; then Esc, and "+" again with the title typed at once (the form is there
   * already, hidden: what it had is selected, and the new title replaces it). */
  open_and_type (third, "Prima prova");
  WAIT_BRIEFLY (g_strcmp0 (gtk_editable_get_text (title_entry (third)), "Prima prova") == 0);
  {
    const char *argv[] = { "xdotool", "key", "Escape", NULL };
    affari_test_run_tool (argv);
  }
  WAIT_UNTIL (!gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)));
  open_and_type (third, "Rinnovo licenze");
  WAIT_BRIEFLY (g_strcmp0 (gtk_editable_get_text (title_entry (third)), "Rinnovo licenze") == 0);

  /* Enter creates it, with that title. */
  {
    const char *argv[] = { "xdotool", "key", "Return", NULL };
    affari_test_run_tool (argv);
  }
  WAIT_UNTIL (affari_kanban_column_get_count (third) == 1);
  deal = affari_store_get_deal (store, affari_deal_list_get_id_at (affari_kanban_column_get_deals (third), 0), NULL);
  g_assert_nonnull (deal);
  g_assert_cmpstr (affari_deal_get_title (deal), ==, "Rinnovo licenze");

  /* Another column's "+" at once, while nothing is open: its own form gets the keys. */
  open_and_type (second, "Terzo affare");
  WAIT_BRIEFLY (g_strcmp0 (gtk_editable_get_text (title_entry (second)), "Terzo affare") == 0);
}

static void
test_quick_create_keys (Fixture       *f,
                        gconstpointer  data)
{
  if (affari_test_have_x11 ())
    AFFARI_TEST_RUN (f, quick_create_keys_body);
}

/* ------------------------------------------------------------ main */

int
main (int   argc,
      char *argv[])
{
  affari_test_init (&argc, &argv);

  g_test_add ("/ui/kanban-mouse/click-opens-card", Fixture, NULL, fixture_set_up, test_click_opens, fixture_tear_down);
  g_test_add ("/ui/kanban-mouse/quick-create-first-keys", Fixture, NULL, fixture_set_up, test_quick_create_keys, fixture_tear_down);

  return g_test_run ();
}
