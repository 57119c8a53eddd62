/* test-kanban-narrow.c — the Kanban board on a phone (360×640): one column at a time
 *
 * Runs the real window under Xvfb in Italian on a temporary database, made 360×640 in-process.
 * Drags are driven through the real controllers, as test-kanban.c does: the card's GtkDragSource
 * signals, the board's GtkDropControllerMotion and the column's GtkDropTarget "drop". Assertions
 * are on the store and on what is inside the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "store/affari-store.h"
#include "affari-test-harness.h"
#include "ui/app/affari-window.h"
#include "ui/board/affari-kanban-board.h"
#include "ui/board/affari-kanban-card.h"
#include "ui/board/affari-kanban-column.h"
#include "ui/common/affari-drag.h"

#define PHONE_WIDTH  360
#define PHONE_HEIGHT 640

typedef struct
{
  AffariTestApp base;        /* first: see affari-test-harness.h */
  gint64        deals[3];
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariStore) store = NULL;
  const char *titles[] = { "Alfa forniture", "Beta consulenza", "Gamma impianti" };

  affari_test_app_setup (&f->base, "kanban-narrow");
  store = affari_store_open (f->base.db_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(AffariDeal) deal = affari_deal_new ();

      affari_deal_set_title (deal, titles[i]);
      affari_deal_set_amount (deal, (i + 1) * 100000);
      affari_store_create_deal (store, deal, &error);
      g_assert_no_error (error);
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

/* ------------------------------------------------------------ helpers */

static gint64
deal_stage (AffariStore *store,
            gint64       deal_id)
{
  g_autoptr(AffariDeal) deal = affari_store_get_deal (store, deal_id, NULL);

  return deal != NULL ? affari_deal_get_stage_id (deal) : 0;
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

static gboolean
match_icon_button (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), data) == 0 &&
         gtk_widget_get_mapped (widget);
}

/* @widget lies whole inside @window's width and height. */
static gboolean
inside_window (GtkWidget    *widget,
               AffariWindow *window)
{
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds))
    return FALSE;

  if (bounds.origin.x >= 0 && bounds.origin.y >= 0 &&
      bounds.origin.x + bounds.size.width <= gtk_widget_get_width (GTK_WIDGET (window)) &&
      bounds.origin.y + bounds.size.height <= gtk_widget_get_height (GTK_WIDGET (window)))
    return TRUE;

  g_test_message ("%s at %g,%g %gx%g, outside the window's %dx%d", G_OBJECT_TYPE_NAME (widget),
                  bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height,
                  gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)));
  return FALSE;
}

/* @widget shows nothing inside the board (scrolled out of it on either side). */
static gboolean
outside_board (GtkWidget         *widget,
               AffariKanbanBoard *board)
{
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (widget, GTK_WIDGET (board), &bounds))
    return TRUE;

  return bounds.origin.x >= gtk_widget_get_width (GTK_WIDGET (board)) ||
         bounds.origin.x + bounds.size.width <= 0;
}

/* Column @index is the one page in view: whole inside the window, its neighbours out of sight,
 * its name in the board's header. */
static void
assert_page (AffariWindow      *window,
             AffariKanbanBoard *board,
             guint              index)
{
  AffariKanbanColumn *column = affari_kanban_board_get_column (board, index);

  WAIT_UNTIL (!affari_kanban_board_get_paging (board) && affari_kanban_board_get_page (board) == index);
  affari_test_wait_for_frame (GTK_WIDGET (window));
  affari_test_wait_for_frame (GTK_WIDGET (window));

  g_assert_true (inside_window (GTK_WIDGET (column), window));
  /* Full width: the board's width but its padding. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (column)), >=, gtk_widget_get_width (GTK_WIDGET (board)) - 24);
  if (index > 0)
    g_assert_true (outside_board (GTK_WIDGET (affari_kanban_board_get_column (board, index - 1)), board));
  if (index + 1 < affari_kanban_board_get_n_columns (board))
    g_assert_true (outside_board (GTK_WIDGET (affari_kanban_board_get_column (board, index + 1)), board));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (board),
                                              affari_stage_get_name (affari_kanban_column_get_stage (column))));
}

/* The window made phone-sized. The window's own narrow layout is another part of #20: where the
 * window cannot be made narrower than the desktop's header yet, the board alone is given the
 * phone's width, which is what the board sees on a phone either way. */
static AffariKanbanBoard *
phone_board (AffariWindow *window)
{
  AffariKanbanBoard *board = AFFARI_KANBAN_BOARD (affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_KANBAN_BOARD));
  gint64 end;

  g_assert_nonnull (board);
  gtk_window_set_default_size (GTK_WINDOW (window), PHONE_WIDTH, PHONE_HEIGHT);
  end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  while (gtk_widget_get_width (GTK_WIDGET (window)) > PHONE_WIDTH && g_get_monotonic_time () < end)
    affari_test_iterate ();
  if (gtk_widget_get_width (GTK_WIDGET (window)) > PHONE_WIDTH)
    {
      g_test_message ("The window is %d pixels wide: the board alone is made %d wide",
                      gtk_widget_get_width (GTK_WIDGET (window)), PHONE_WIDTH);
      gtk_widget_set_halign (GTK_WIDGET (board), GTK_ALIGN_START);
      gtk_widget_set_size_request (GTK_WIDGET (board), PHONE_WIDTH, -1);
    }

  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (board)) <= PHONE_WIDTH && affari_kanban_board_get_narrow (board));
  g_assert_cmpuint (affari_kanban_board_get_n_columns (board), >=, 3);

  return board;
}

/* ------------------------------------------------------------ tests */

static void
pages_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariKanbanBoard *board = phone_board (window);
  AffariKanbanColumn *first = affari_kanban_board_get_column (board, 0);
  GtkWidget *previous, *next, *add;
  g_autofree char *position = NULL;

  assert_page (window, board, 0);

  /* The buttons to the other columns, with their names, big enough for a finger. */
  previous = affari_test_find_widget (GTK_WIDGET (board), match_icon_button, "go-previous-symbolic");
  next = affari_test_find_widget (GTK_WIDGET (board), match_icon_button, "go-next-symbolic");
  add = affari_test_find_widget (GTK_WIDGET (first), match_icon_button, "list-add-symbolic");
  g_assert_nonnull (previous);
  g_assert_nonnull (next);
  g_assert_nonnull (add);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (previous), ==, _("Previous Stage"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (next), ==, _("Next Stage"));
  g_assert_false (gtk_widget_get_sensitive (previous));
  for (GtkWidget **w = (GtkWidget *[]) { previous, next, add, NULL }; *w != NULL; w++)
    {
      g_assert_cmpint (gtk_widget_get_width (*w), >=, 44);
      g_assert_cmpint (gtk_widget_get_height (*w), >=, 44);
      g_assert_true (inside_window (*w, window));
    }
  position = g_strdup_printf (_("Stage %u of %u"), 1, affari_kanban_board_get_n_columns (board));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (board), position));

  /* Next, next, back: one column at a time. */
  gtk_widget_activate_action (GTK_WIDGET (board), "board.next-column", NULL);
  assert_page (window, board, 1);
  g_assert_true (gtk_widget_get_sensitive (previous));
  gtk_widget_activate_action (GTK_WIDGET (board), "board.next-column", NULL);
  assert_page (window, board, 2);
  gtk_widget_activate_action (GTK_WIDGET (board), "board.previous-column", NULL);
  assert_page (window, board, 1);

  /* A scroll by hand that stops between two columns settles on the nearer one. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (affari_test_find_type (GTK_WIDGET (board), GTK_TYPE_SCROLLED_WINDOW))),
                            0.2 * gtk_widget_get_width (GTK_WIDGET (board)));
  assert_page (window, board, 0);
}

static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  AFFARI_TEST_RUN (f, pages_body);
}

static void
move_to_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariKanbanBoard *board = phone_board (window);
  AffariKanbanColumn *second = affari_kanban_board_get_column (board, 1);
  AffariKanbanCard *card;

  assert_page (window, board, 0);
  WAIT_UNTIL ((card = find_card (board, f->deals[0])) != NULL);
  g_assert_true (inside_window (GTK_WIDGET (card), window));

  /* "Sposta in ▸ <second stage>" from the card's menu: stored, and the board follows the card to
   * its new column. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "tile.move-to", "x",
                                             affari_kanban_column_get_stage_id (second)));
  g_assert_cmpint (deal_stage (store, f->deals[0]), ==, affari_kanban_column_get_stage_id (second));
  assert_page (window, board, 1);
  WAIT_UNTIL ((card = AFFARI_KANBAN_CARD (affari_kanban_column_find_card (second, f->deals[0]))) != NULL);
  affari_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (inside_window (GTK_WIDGET (card), window));
}

static void
test_move_to (Fixture       *f,
              gconstpointer  data)
{
  AFFARI_TEST_RUN (f, move_to_body);
}

static void
drag_flip_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariKanbanBoard *board = phone_board (window);
  AffariKanbanColumn *second = affari_kanban_board_get_column (board, 1);
  GtkWidget *zones = affari_kanban_board_get_drop_zones (board);
  GtkEventController *source, *motion;
  g_autoptr(AffariDeal) deal = affari_store_get_deal (store, f->deals[1], NULL);
  AffariKanbanCard *card;
  double width = gtk_widget_get_width (GTK_WIDGET (board));
  gint64 start, flipped;

  assert_page (window, board, 0);
  WAIT_UNTIL ((card = find_card (board, f->deals[1])) != NULL);
  source = affari_test_find_controller (GTK_WIDGET (card), GTK_TYPE_DRAG_SOURCE);
  motion = affari_test_find_controller (GTK_WIDGET (board), GTK_TYPE_DROP_CONTROLLER_MOTION);
  g_assert_nonnull (source);
  g_assert_nonnull (motion);

  /* The drag starts; the drop zones still rise, inside the window. */
  g_signal_emit_by_name (source, "drag-begin", NULL);
  g_assert_true (affari_kanban_board_get_dragging (board));
  WAIT_UNTIL (gtk_widget_get_mapped (zones));
  WAIT_UNTIL (gtk_revealer_get_child_revealed (GTK_REVEALER (gtk_widget_get_parent (zones))));
  affari_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (inside_window (zones, window));
  /* Four zones side by side on a phone: each says its whole name (under its icon, wrapped). */
  for (GtkWidget *zone = gtk_widget_get_first_child (zones); zone != NULL; zone = gtk_widget_get_next_sibling (zone))
    {
      GtkWidget *name = gtk_widget_get_last_child (zone);

      g_assert_true (GTK_IS_LABEL (name));
      g_assert_true (inside_window (zone, window));
      if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (name))))
        g_error ("The drop zone '%s' is cut to %d px", gtk_label_get_text (GTK_LABEL (name)), gtk_widget_get_width (zone));
    }

  /* In the middle of the column nothing moves. */
  g_signal_emit_by_name (motion, "enter", width / 2, 300.0);
  g_signal_emit_by_name (motion, "motion", width / 2, 300.0);
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () < start + G_USEC_PER_SEC)
    affari_test_iterate ();
  g_assert_cmpuint (affari_kanban_board_get_page (board), ==, 0);

  /* Held at the right edge, the next column after a while (not at once). */
  start = g_get_monotonic_time ();
  g_signal_emit_by_name (motion, "motion", width - 8, 300.0);
  WAIT_UNTIL (affari_kanban_board_get_page (board) == 1);
  flipped = g_get_monotonic_time ();
  g_assert_cmpint (flipped - start, >=, 500 * 1000);
  /* Back in the middle: it stays there. */
  g_signal_emit_by_name (motion, "motion", width / 2, 300.0);
  assert_page (window, board, 1);
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () < start + G_USEC_PER_SEC)
    affari_test_iterate ();
  g_assert_cmpuint (affari_kanban_board_get_page (board), ==, 1);

  /* Dropped on the column now in view: stored there. */
  g_signal_emit_by_name (motion, "leave");
  g_assert_true (affari_test_drop_object (GTK_WIDGET (second), AFFARI_TYPE_DEAL, deal, 40, 40));
  g_signal_emit_by_name (source, "drag-end", NULL, TRUE);
  g_assert_false (affari_kanban_board_get_dragging (board));
  g_assert_cmpint (deal_stage (store, f->deals[1]), ==, affari_kanban_column_get_stage_id (second));
  WAIT_UNTIL (!gtk_widget_get_mapped (zones));
  assert_page (window, board, 1);
}

static void
test_drag_flip (Fixture       *f,
                gconstpointer  data)
{
  AFFARI_TEST_RUN (f, drag_flip_body);
}

/* The same with the real pointer (xdotool through XTEST, GTK's own drag on X11): pressed on a
 * card, dragged to the right edge and held there, moved back into the column now in view and
 * released. */
static void
pointer_edge_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariKanbanBoard *board = phone_board (window);
  AffariKanbanColumn *second = affari_kanban_board_get_column (board, 1);
  AffariKanbanCard *card;
  graphene_point_t at;
  g_autofree char *to_edge = NULL;
  g_autofree char *half_way = NULL;
  int distance;

  assert_page (window, board, 0);
  WAIT_UNTIL ((card = find_card (board, f->deals[2])) != NULL);
  affari_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (card), GTK_WIDGET (board), &GRAPHENE_POINT_INIT (40, 30), &at));
  /* From the card (and the 12 pixels that start the drag) to 8 pixels from the board's right
   * edge, in two steps. */
  distance = (int) (gtk_widget_get_width (GTK_WIDGET (board)) - 8 - at.x) - 12;
  half_way = g_strdup_printf ("%d", distance / 2);
  to_edge = g_strdup_printf ("%d", distance - distance / 2);

  /* Held 0.9 s at the edge: one flip (0.6 s), not two. */
  affari_test_xdotool_at (GTK_WIDGET (card), 40, 30,
                          (const char *[]) { "mousedown", "1", "sleep", "0.2",
                                             "mousemove_relative", "--", "12", "4", "sleep", "0.1",
                                             "mousemove_relative", "--", half_way, "0", "sleep", "0.1",
                                             "mousemove_relative", "--", to_edge, "0", "sleep", "0.9",
                                             "mousemove_relative", "--", "-150", "60", "sleep", "0.4",
                                             NULL });
  g_assert_cmpuint (affari_kanban_board_get_page (board), ==, 1);
  g_assert_true (affari_kanban_board_get_dragging (board));
  affari_test_run_tool ((const char *[]) { "xdotool", "mouseup", "1", NULL });

  WAIT_UNTIL (deal_stage (store, f->deals[2]) == affari_kanban_column_get_stage_id (second));
  WAIT_UNTIL (!affari_kanban_board_get_dragging (board));
  assert_page (window, board, 1);
}

static void
test_pointer_edge (Fixture       *f,
                   gconstpointer  data)
{
  if (affari_test_have_x11 ())
    AFFARI_TEST_RUN (f, pointer_edge_body);
}

/* A press on the card at @x, @y (the card's coordinates) as the card's primary-button click
 * gestures see it: returns whether the card's menu opened. */
static gboolean
menu_opens_at (AffariKanbanCard *card,
               double            x,
               double            y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (card));
  GtkWidget *popover;
  gboolean opened;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller) &&
          gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_PRIMARY)
        g_signal_emit_by_name (controller, "pressed", 1, x, y);
    }
  popover = affari_test_find_type (GTK_WIDGET (card), GTK_TYPE_POPOVER_MENU);
  opened = popover != NULL && gtk_widget_get_visible (popover);
  if (opened)
    {
      gtk_popover_popdown (GTK_POPOVER (popover));
      WAIT_UNTIL (!gtk_widget_get_mapped (popover));
    }

  return opened;
}

/* The card's "⋮" takes a finger: a press anywhere in the 44 px corner of the card opens its menu,
 * a press just outside it does not; at the desktop's width the corner is the icon's alone. */
static void
menu_target_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariKanbanBoard *board = phone_board (window);
  AffariKanbanCard *card;
  GtkBorder padding;
  double right, top;

  assert_page (window, board, 0);
  WAIT_UNTIL ((card = find_card (board, f->deals[0])) != NULL);
  affari_test_wait_for_frame (GTK_WIDGET (window));
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_padding (gtk_widget_get_style_context (GTK_WIDGET (card)), &padding);
  G_GNUC_END_IGNORE_DEPRECATIONS
  right = gtk_widget_get_width (GTK_WIDGET (card)) + padding.right;
  top = -padding.top;

  /* The four corners of the 44 px square, a pixel inside; then a pixel outside it. */
  g_assert_true (menu_opens_at (card, right - 1, top + 1));
  g_assert_true (menu_opens_at (card, right - 43, top + 1));
  g_assert_true (menu_opens_at (card, right - 1, top + 43));
  g_assert_true (menu_opens_at (card, right - 43, top + 43));
  g_assert_false (menu_opens_at (card, right - 46, top + 20));
  g_assert_false (menu_opens_at (card, right - 20, top + 46));
}

static void
test_menu_target (Fixture       *f,
                  gconstpointer  data)
{
  AFFARI_TEST_RUN (f, menu_target_body);
}

/* A finger picks a card up with a long press. Xvfb has no touch screen: the card's real gesture
 * objects are driven through their signals. The long press is touch only and grouped with the
 * drag source (so that its claim is the source's too, and the scrolled windows above lose the
 * finger); when it fires the card is lifted and armed; a new press disarms it. The mouse is not
 * held back: with no touch event, "prepare" gives the deal at once. */
static void
touch_long_press_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariKanbanBoard *board = phone_board (window);
  g_autoptr(GListModel) controllers = NULL;
  GtkEventController *source;
  GtkGesture *long_press = NULL;
  g_autoptr(GdkContentProvider) content = NULL;
  AffariKanbanCard *card;

  assert_page (window, board, 0);
  WAIT_UNTIL ((card = find_card (board, f->deals[0])) != NULL);
  source = affari_test_find_controller (GTK_WIDGET (card), GTK_TYPE_DRAG_SOURCE);
  g_assert_nonnull (source);
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (card));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_LONG_PRESS (controller))
        long_press = GTK_GESTURE (controller);
    }
  g_assert_nonnull (long_press);
  g_assert_true (gtk_gesture_single_get_touch_only (GTK_GESTURE_SINGLE (long_press)));
  g_assert_true (gtk_gesture_is_grouped_with (long_press, GTK_GESTURE (source)));

  /* The mouse: no long press needed. */
  g_assert_false (affari_drag_touch_get_armed (GTK_DRAG_SOURCE (source)));
  g_assert_true (affari_drag_touch_may_begin (GTK_DRAG_SOURCE (source)));
  g_signal_emit_by_name (source, "prepare", 10.0, 10.0, &content);
  g_assert_true (GDK_IS_CONTENT_PROVIDER (content));

  /* The finger held still: lifted and armed. */
  g_signal_emit_by_name (long_press, "pressed", 20.0, 20.0);
  g_assert_true (affari_drag_touch_get_armed (GTK_DRAG_SOURCE (source)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (card), "lifted"));

  /* The next press starts again from nothing. */
  g_signal_emit_by_name (source, "begin", NULL);
  g_assert_false (affari_drag_touch_get_armed (GTK_DRAG_SOURCE (source)));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (card), "lifted"));
}

static void
test_touch_long_press (Fixture       *f,
                       gconstpointer  data)
{
  AFFARI_TEST_RUN (f, touch_long_press_body);
}

int
main (int   argc,
      char *argv[])
{
  affari_test_init (&argc, &argv);

  g_test_add ("/ui/kanban-narrow/pages", Fixture, NULL, fixture_set_up, test_pages, fixture_tear_down);
  g_test_add ("/ui/kanban-narrow/move-to", Fixture, NULL, fixture_set_up, test_move_to, fixture_tear_down);
  g_test_add ("/ui/kanban-narrow/drag-flip", Fixture, NULL, fixture_set_up, test_drag_flip, fixture_tear_down);
  g_test_add ("/ui/kanban-narrow/menu-target", Fixture, NULL, fixture_set_up, test_menu_target, fixture_tear_down);
  g_test_add ("/ui/kanban-narrow/touch-long-press", Fixture, NULL, fixture_set_up, test_touch_long_press, fixture_tear_down);
  g_test_add ("/ui/kanban-narrow/pointer-edge", Fixture, NULL, fixture_set_up, test_pointer_edge, fixture_tear_down);

  return g_test_run ();
}
