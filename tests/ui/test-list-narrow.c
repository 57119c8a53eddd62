/* test-list-narrow.c — the list ("Elenco") on a phone: two-line rows at 360×640
 *
 * The real window made 360×640 under Xvfb, in Italian: the rows show title, amount, stage and
 * client; every row is inside the window; the sort menu orders by amount; two rows are selected
 * with the pointer (a long press, then a tap) and moved to another stage with the selection
 * bar's menu (the database is read back); a tap opens the card.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "model/affari-money.h"
#include "store/affari-store.h"
#include "affari-test-harness.h"
#include "ui/app/affari-window.h"
#include "ui/deal/affari-deal-card.h"
#include "ui/list/affari-deal-list-view.h"

#define PHONE_WIDTH 360
#define PHONE_HEIGHT 640

typedef struct
{
  AffariTestApp base;   /* first: see affari-test-harness.h */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  affari_test_app_setup (&f->base, "list-narrow");
  affari_test_app_fill_demo (&f->base, 300, 7);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  affari_test_app_teardown (&f->base);
}

/* ------------------------------------------------------------ helpers */

static gboolean
match_mapped_class (GtkWidget *widget, gconstpointer data)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_has_css_class (widget, data);
}

static gboolean
match_mapped_type (GtkWidget *widget, gconstpointer data)
{
  return gtk_widget_get_mapped (widget) && affari_test_match_type (widget, data);
}

/* The narrow list's rows on screen (its children named "row"), top to bottom. */
static GPtrArray *
rows_on_screen (GtkWidget *list)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *w = gtk_widget_get_first_child (list); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      graphene_rect_t at;

      if (!gtk_widget_get_mapped (w) || !g_str_equal (gtk_widget_get_css_name (w), "row"))
        continue;
      if (gtk_widget_compute_bounds (w, list, &at) && at.origin.y + at.size.height > 0 &&
          at.origin.y < gtk_widget_get_height (list))
        g_ptr_array_add (rows, w);
    }
  return rows;
}

static gboolean
bounds_in_window (GtkWidget *widget, GtkWidget *window)
{
  graphene_rect_t at;

  g_assert_true (gtk_widget_compute_bounds (widget, window, &at));
  return at.origin.x >= -0.5 && at.origin.x + at.size.width <= gtk_widget_get_width (window) + 0.5;
}

/* Every label a row shows is inside the window (nothing cut at the right edge). */
static void
assert_inside (GtkWidget *widget, GtkWidget *window)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    assert_inside (child, window);
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0)
    g_assert_true (bounds_in_window (widget, window));
}

/* The menu item of @model labelled @label: its action is activated on @widget, as the menu does. */
static void
activate_menu_item (GtkWidget *widget, GMenuModel *model, const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *action = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (section != NULL)
        {
          activate_menu_item (widget, section, label);
          continue;
        }
      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &text) &&
          g_str_equal (text, label) &&
          g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        {
          g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET, NULL);

          g_assert_true (gtk_widget_activate_action_variant (widget, action, target));
          return;
        }
    }
}

static guint
n_selected (GtkSelectionModel *selection)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

  return (guint) gtk_bitset_get_size (selected);
}

static gint64
deal_id_at (AffariDealListView *view, guint position)
{
  return affari_deal_list_get_id_at (affari_deal_list_view_get_deals (view), position);
}

/* The position of the deal a row on screen shows, by its title. */
static AffariDeal *
deal_at (AffariDealListView *view, guint position)
{
  return g_list_model_get_item (G_LIST_MODEL (affari_deal_list_view_get_deals (view)), position);
}

/* The window at a phone's size, on the list. */
static AffariDealListView *
show_narrow_list (AffariWindow *window, GtkWidget **list)
{
  AffariDealListView *view = affari_window_get_deal_list_view (window);

  gtk_window_unmaximize (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), PHONE_WIDTH, PHONE_HEIGHT);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "list");
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (view)));
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (view)) > 0 && gtk_widget_get_width (GTK_WIDGET (view)) < 600);
  WAIT_UNTIL ((*list = affari_test_find_widget (GTK_WIDGET (view), match_mapped_class, "deal-list-rows")) != NULL);
  affari_test_wait_for_frame (GTK_WIDGET (window));
  /* no column header: the table is not shown */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (affari_deal_list_view_get_column_view (view))));
  return view;
}

/* ------------------------------------------------------------ tests */

static void
rows_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  GtkWidget *list = NULL;
  AffariDealListView *view = show_narrow_list (window, &list);
  g_autoptr(GPtrArray) rows = NULL;
  int min_width;

  /* the view asks for no more than a phone's width, with its footer's totals */
  g_assert_cmpstr (affari_deal_list_view_get_summary (view), !=, "");
  affari_test_wait_for_frame (GTK_WIDGET (window));
  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, PHONE_WIDTH);

  /* what a user reads on the first rows: title and amount, stage and client */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(AffariDeal) deal = deal_at (view, i);
      g_autoptr(AffariStage) stage = affari_store_get_stage (store, affari_deal_get_stage_id (deal), NULL);
      g_autofree char *amount = affari_money_format (affari_deal_get_amount (deal), affari_deal_get_currency (deal));

      g_assert_true (affari_test_label_on_screen (list, affari_deal_get_title (deal)));
      g_assert_true (affari_test_label_on_screen (list, amount));
      g_assert_true (affari_test_label_on_screen (list, affari_stage_get_name (stage)));
      if (affari_deal_get_client_name (deal) != NULL && *affari_deal_get_client_name (deal) != '\0')
        g_assert_true (affari_test_label_on_screen (list, affari_deal_get_client_name (deal)));
    }

  /* every row on screen inside the window, a finger high */
  rows = rows_on_screen (list);
  g_assert_cmpuint (rows->len, >=, 5);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      g_assert_true (bounds_in_window (row, GTK_WIDGET (window)));
      g_assert_cmpint (gtk_widget_get_height (row), >=, 44);
      assert_inside (row, GTK_WIDGET (window));
    }
}

static void
test_rows (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, rows_body);
}

/* The sort menu orders the rows by amount, highest first. */
static void
sort_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  GtkWidget *list = NULL;
  AffariDealListView *view = show_narrow_list (window, &list);
  GtkWidget *sort_button = affari_test_find_widget (GTK_WIDGET (view), match_mapped_type,
                                                    GSIZE_TO_POINTER (GTK_TYPE_MENU_BUTTON));
  gint64 first_before = deal_id_at (view, 0);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (affari_deal_list_view_get_deals (view)));

  g_assert_nonnull (sort_button);
  g_assert_true (bounds_in_window (sort_button, GTK_WIDGET (window)));
  activate_menu_item (sort_button, gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (sort_button)),
                      _("Amount, Highest First"));
  affari_test_wait_for_frame (GTK_WIDGET (window));
  affari_test_wait_for_frame (GTK_WIDGET (window));

  WAIT_UNTIL (affari_deal_list_get_query (affari_deal_list_view_get_deals (view))->sort == AFFARI_DEAL_SORT_AMOUNT);
  g_assert_true (affari_deal_list_get_query (affari_deal_list_view_get_deals (view))->descending);
  /* highest first within each currency (the amounts of a currency come together) */
  for (guint i = 1; i < MIN (n, 100); i++)
    {
      g_autoptr(AffariDeal) before = deal_at (view, i - 1);
      g_autoptr(AffariDeal) deal = deal_at (view, i);

      if (g_strcmp0 (affari_deal_get_currency (before), affari_deal_get_currency (deal)) == 0)
        g_assert_cmpint (affari_deal_get_amount (before), >=, affari_deal_get_amount (deal));
    }
  {
    g_autoptr(AffariDeal) first = deal_at (view, 0);
    g_autofree char *amount = affari_money_format (affari_deal_get_amount (first), affari_deal_get_currency (first));

    g_assert_cmpint (affari_deal_get_id (first), !=, first_before);
    /* the first row on screen shows it */
    WAIT_UNTIL (affari_test_label_on_screen (list, affari_deal_get_title (first)));
    WAIT_UNTIL (affari_test_label_on_screen (list, amount));
  }
}

static void
test_sort (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, sort_body);
}

/* A long press selects a row, a tap a second one; the selection bar's stage menu moves both; a
 * tap then opens a deal's card. */
static void
select_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  gint64 pipeline = affari_window_get_pipeline_id (window);
  gint64 won = affari_store_find_stage_by_code (store, pipeline, "EXECUTING");
  g_autoptr(AffariStage) won_stage = affari_store_get_stage (store, won, NULL);
  GtkWidget *list = NULL;
  AffariDealListView *view = show_narrow_list (window, &list);
  GtkSelectionModel *selection = affari_deal_list_view_get_selection (view);
  g_autoptr(GPtrArray) rows = rows_on_screen (list);
  g_autoptr(GArray) ids = NULL;
  GtkWidget *bar_button;

  if (!affari_test_have_x11 ())
    return;
  g_assert_cmpuint (rows->len, >=, 3);
  {
    GtkWidget *row = g_ptr_array_index (rows, 0);

    affari_test_xdotool_at (row, gtk_widget_get_width (row) / 2.0, gtk_widget_get_height (row) / 2.0,
                            (const char *[]) { "mousedown", "1", "sleep", "1", "mouseup", "1", NULL });
    WAIT_UNTIL (gtk_selection_model_is_selected (selection, 0));
    affari_test_wait_for_frame (GTK_WIDGET (window));
  }
  {
    GtkWidget *row = g_ptr_array_index (rows, 1);

    affari_test_click (row, gtk_widget_get_width (row) / 2.0, gtk_widget_get_height (row) / 2.0, NULL);
    WAIT_UNTIL (gtk_selection_model_is_selected (selection, 1));
  }
  ids = affari_deal_list_view_dup_selected_ids (view);
  g_assert_cmpuint (ids->len, ==, 2);
  /* no card opened by those taps */
  g_assert_null (affari_test_find_widget (GTK_WIDGET (window), match_mapped_type, GSIZE_TO_POINTER (AFFARI_TYPE_DEAL_CARD)));

  /* the selection bar, inside the window; its stage menu */
  {
    g_autofree char *selected = g_strdup_printf (ngettext ("%'u deal selected", "%'u deals selected", 2), 2);
    WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (view), selected));
  }
  affari_test_wait_for_frame (GTK_WIDGET (window));
  {
    /* the button's label without its mnemonic */
    g_auto(GStrv) parts = g_strsplit (_("_Stage"), "_", -1);
    g_autofree char *stage_label = g_strjoinv ("", parts);

    bar_button = affari_test_find_widget (GTK_WIDGET (view), affari_test_match_mapped_label, stage_label);
  }
  g_assert_nonnull (bar_button);
  bar_button = gtk_widget_get_ancestor (bar_button, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (bar_button);
  g_assert_true (bounds_in_window (bar_button, GTK_WIDGET (window)));
  /* with the selection bar, too, the view asks for no more than a phone's width */
  {
    int min_width;

    gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
    g_assert_cmpint (min_width, <=, PHONE_WIDTH);
  }
  activate_menu_item (bar_button, gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (bar_button)),
                      affari_stage_get_name (won_stage));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(AffariDeal) deal = affari_store_get_deal (store, g_array_index (ids, gint64, i), NULL);
      g_assert_cmpint (affari_deal_get_stage_id (deal), ==, won);
    }
  /* the change lets the rows go, and ends the selection: a tap opens a deal again */
  WAIT_UNTIL (n_selected (selection) == 0);
  affari_test_wait_for_frame (GTK_WIDGET (window));
  {
    g_autoptr(GPtrArray) now = rows_on_screen (list);
    GtkWidget *row = g_ptr_array_index (now, 2);
    GtkWidget *card;
    GtkWidget *title = affari_test_find_widget (row, match_mapped_class, "heading");
    g_autofree char *tapped = g_strdup (gtk_label_get_text (GTK_LABEL (title)));
    gint64 id;

    /* The card slides in over the views in the window's AdwFlap, not made for a phone yet
     * (another part of #20): at ~550 px, in the middle of its slide, libadwaita 1.2's flap
     * allocates its children with negative sizes (GTK criticals) when a frame comes late.
     * Without the slide the card is simply there: what is checked here is the list's tap. */
    g_object_set (gtk_widget_get_settings (GTK_WIDGET (window)), "gtk-enable-animations", FALSE, NULL);
    affari_test_click (row, gtk_widget_get_width (row) / 2.0, gtk_widget_get_height (row) / 2.0, NULL);
    WAIT_UNTIL ((card = affari_test_find_widget (GTK_WIDGET (window), match_mapped_type,
                                                 GSIZE_TO_POINTER (AFFARI_TYPE_DEAL_CARD))) != NULL);
    g_object_set (gtk_widget_get_settings (GTK_WIDGET (window)), "gtk-enable-animations", TRUE, NULL);
    id = affari_deal_card_get_deal_id (AFFARI_DEAL_CARD (card));
    g_assert_cmpint (id, >, 0);
    g_assert_cmpint (n_selected (selection), ==, 0);
    /* the card of the deal tapped */
    {
      g_autoptr(AffariDeal) deal = affari_store_get_deal (store, id, NULL);
      g_assert_cmpstr (affari_deal_get_title (deal), ==, tapped);
    }
  }
}

static void
test_select (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, select_body);
}

int
main (int argc, char *argv[])
{
  affari_test_init (&argc, &argv);

  g_test_add ("/list-narrow/rows", Fixture, NULL, fixture_set_up, test_rows, fixture_tear_down);
  g_test_add ("/list-narrow/sort-menu", Fixture, NULL, fixture_set_up, test_sort, fixture_tear_down);
  g_test_add ("/list-narrow/select-move-open", Fixture, NULL, fixture_set_up, test_select, fixture_tear_down);

  return g_test_run ();
}
