/* test-list-view.c — the list ("Elenco"), the search and the filters in the real window
 *
 * Runs under Xvfb in Italian like test-window: the real application on a generated database,
 * driven through the actions that the keyboard, the menus and the buttons use, with assertions
 * on what the table shows and on what the store holds afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "io/affari-csv.h"
#include "io/affari-demo.h"
#include "model/affari-filter-preset.h"
#include "model/affari-i18n.h"
#include "store/affari-store.h"
#include "affari-test-harness.h"
#include "ui/app/affari-application.h"
#include "ui/list/affari-cell-text.h"
#include "ui/list/affari-deal-list-view.h"
#include "ui/list/affari-deal-rows.h"
#include "ui/filter/affari-filter-bar.h"
#include "ui/board/affari-kanban-board.h"
#include "ui/board/affari-kanban-column.h"
#include "ui/app/affari-window.h"
#include "ui/deal/affari-deal-card.h"

typedef struct _Fixture Fixture;

struct _Fixture
{
  AffariTestApp      base;        /* first: see affari-test-harness.h */
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  affari_test_app_setup (&f->base, "list");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  affari_test_app_teardown (&f->base);
}

static gboolean
match_mapped_label_containing (GtkWidget     *widget,
                               gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

/* A Kanban column's count and total, marked as filtered. */
static gboolean
match_mapped_filtered_total (GtkWidget     *widget,
                             gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) && gtk_widget_has_css_class (widget, "filtered");
}

static gboolean
match_css_class (GtkWidget     *widget,
                 gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, data);
}

/* ------------------------------------------------------------ the data */

#define N_SAMPLE 400
#define N_ROSSI 6

/* A sample of deals plus the Rossi deals of the "done means" story: four closing this month above
 * € 5.000, one below, one closing another month. */
static void
make_database (Fixture *f)
{
  g_autoptr(AffariStore) store = affari_test_app_open_store (&f->base);
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariCompany) rossi = affari_company_new ("Rossi Costruzioni Srl");
  gint64 rossi_id;
  const gint64 amounts[N_ROSSI] = { 650000, 720000, 990000, 1250000, 120000, 800000 };

  g_assert_true (affari_demo_generate (store, N_SAMPLE, 3, &error));
  g_assert_no_error (error);
  rossi_id = affari_store_create_company (store, rossi, &error);
  for (guint i = 0; i < N_ROSSI; i++)
    {
      g_autoptr(AffariDeal) deal = affari_deal_new ();
      g_autofree char *title = g_strdup_printf ("Cantiere Rossi n. %u", i + 1);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      /* the last day of this month, or next month for the last deal */
      g_autoptr(GDateTime) first = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now), 1, 12, 0, 0);
      g_autoptr(GDateTime) next = g_date_time_add_months (first, i == N_ROSSI - 1 ? 1 : 0);
      g_autofree char *close = g_date_time_format (next, "%Y-%m-%d");

      affari_deal_set_title (deal, title);
      affari_deal_set_amount (deal, amounts[i]);
      affari_deal_set_company_id (deal, rossi_id);
      affari_deal_set_close_date (deal, close);
      affari_deal_set_stage_id (deal, affari_store_find_stage_by_code (store, affari_store_get_default_pipeline_id (store), "NEW"));
      g_assert_true (affari_store_create_deal (store, deal, &error));
      g_assert_no_error (error);
    }
  affari_store_close (store);
}

static AffariDealListView *
show_list (AffariWindow *window)
{
  AffariDealListView *view = affari_window_get_deal_list_view (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "list");
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (view)));
  affari_test_wait_for_frame (GTK_WIDGET (window));
  return view;
}

static guint
n_rows (AffariDealListView *view)
{
  return g_list_model_get_n_items (G_LIST_MODEL (affari_deal_list_view_get_deals (view)));
}

static guint
store_count (AffariStore *store, gint64 pipeline_id, const AffariDealQuery *filter)
{
  g_autoptr(AffariDealQuery) q = affari_deal_query_new ();
  g_autoptr(GError) error = NULL;
  guint n;

  q->pipeline_id = pipeline_id;
  affari_deal_query_merge_filter (q, filter);
  n = affari_store_count_deals (store, q, &error);
  g_assert_no_error (error);
  return n;
}

static AffariDeal *
row_deal (AffariDealListView *view, guint position)
{
  return g_list_model_get_item (G_LIST_MODEL (affari_deal_list_view_get_deals (view)), position);
}

/* The id of the deal the table's row @position shows now (a row held after a change shows the
 * deal it showed before), and the id of the deal at @position. */
static gint64
row_shown_id (GtkSelectionModel *table, guint position)
{
  g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (table), position);
  g_autoptr(AffariDeal) deal = NULL;

  g_assert_true (AFFARI_IS_DEAL_ROW (row));
  g_object_get (row, "deal", &deal, NULL);
  return deal != NULL ? affari_deal_get_id (deal) : 0;
}

static gint64
row_id (AffariDealListView *view, guint position)
{
  g_autoptr(AffariDeal) deal = row_deal (view, position);

  return affari_deal_get_id (deal);
}

/* A row well below the screen (of the ~200 GTK keeps) that still shows another deal. */
static guint
first_stale_row (AffariDealListView *view, GtkSelectionModel *table, guint n)
{
  for (guint i = 80; i < MIN (n, 150); i++)
    if (row_shown_id (table, i) != row_id (view, i))
      return i;
  g_assert_not_reached ();
}

/* ------------------------------------------------------------ tests */

/* The list opens with the deals of the pipeline, a row per deal, and a footer counting them. */
static void
opens_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  gint64 pipeline = affari_window_get_pipeline_id (window);
  AffariDealListView *view = show_list (window);
  guint n = store_count (store, pipeline, NULL);
  /* the interface's own words (it.po may not have them yet) */
  g_autofree char *count = g_strdup_printf (ngettext ("%'u deal", "%'u deals", n), n);

  g_assert_cmpuint (n, >, 100);
  g_assert_cmpuint (n_rows (view), ==, n);
  /* what a user reads: the first deal's title on screen, the count in the footer */
  {
    g_autoptr(AffariDeal) first = row_deal (view, 0);
    WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (view), affari_deal_get_title (first)));
  }
  g_assert_true (g_str_has_prefix (affari_deal_list_view_get_summary (view), count));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (view), _("Title")));
  /* the lines between the columns are plain fills: one colour on every side of each cell's
   * border (a mesh per cell was a tenth of a frame's time) */
  {
    GtkWidget *rows = affari_test_find_type (GTK_WIDGET (affari_deal_list_view_get_column_view (view)), GTK_TYPE_LIST_VIEW);
    guint uniform, mixed;

    affari_test_count_border_nodes (rows, &uniform, &mixed);
    g_assert_cmpuint (uniform, >, 20);
    g_assert_cmpuint (mixed, ==, 0);
  }
  /* a screenful of rows, not a row object per deal */
  g_assert_cmpuint (affari_deal_list_get_n_loaded (affari_deal_list_view_get_deals (view)), <, n);
  /* the table itself holds every deal once its first screenful is painted: the last row can be
   * reached (scrolled to and selected) */
  {
    GtkSelectionModel *table = GTK_SELECTION_MODEL (gtk_column_view_get_model (affari_deal_list_view_get_column_view (view)));

    g_autoptr(GtkBitset) selected = NULL;

    WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (table)) == n);
    gtk_selection_model_select_all (table);
    selected = gtk_selection_model_get_selection (table);
    g_assert_cmpuint (gtk_bitset_get_size (selected), ==, n);
    gtk_selection_model_unselect_all (table);
  }
}

static void
test_opens (Fixture *f, gconstpointer data)
{
  make_database (f);
  AFFARI_TEST_RUN (f, opens_body);
}

/* The next activity shows in red when it is overdue, and only then: on the rows first shown and
 * on the rows a new order brings (the cells are reused for other deals). */
static void
check_overdue_cells (GtkWidget *widget, guint *n_red, guint *n_plain)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    check_overdue_cells (child, n_red, n_plain);

  if (AFFARI_IS_CELL_TEXT (widget) && gtk_widget_get_mapped (widget))
    {
      const char *text = affari_cell_text_get_text (AFFARI_CELL_TEXT (widget));
      int d, m, y, hh, mm;

      /* "%x %H:%M" in Italian: the next activity's column */
      if (sscanf (text, "%d/%d/%d %d:%d", &d, &m, &y, &hh, &mm) == 5)
        {
          g_autoptr(GDateTime) when = g_date_time_new_local (y, m, d, hh, mm, 0);
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          gboolean overdue = g_date_time_compare (when, now) < 0;

          g_assert_cmpint (gtk_widget_has_css_class (widget, "error"), ==, overdue);
          (*(overdue ? n_red : n_plain))++;
        }
      else
        g_assert_false (gtk_widget_has_css_class (widget, "error"));
    }
}

static void
overdue_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariDealListView *view = show_list (window);
  GtkColumnView *column_view = affari_deal_list_view_get_column_view (view);
  GListModel *columns = gtk_column_view_get_columns (column_view);
  guint n_red = 0, n_plain = 0;

  check_overdue_cells (GTK_WIDGET (view), &n_red, &n_plain);
  g_assert_cmpuint (n_red, >, 0);
  g_assert_cmpuint (n_plain, >, 0);

  /* another order rebinds every row to another deal, twice */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GtkColumnViewColumn) title = g_list_model_get_item (columns, 0);

      gtk_column_view_sort_by_column (column_view, title, i == 0 ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
      affari_test_wait_for_frame (GTK_WIDGET (window));
      affari_test_wait_for_frame (GTK_WIDGET (window));
      n_red = n_plain = 0;
      check_overdue_cells (GTK_WIDGET (view), &n_red, &n_plain);
      g_assert_cmpuint (n_red + n_plain, >, 0);
    }
}

static void
test_overdue (Fixture *f, gconstpointer data)
{
  make_database (f);
  AFFARI_TEST_RUN (f, overdue_body);
}

/* Typing in the search (Ctrl+F) narrows the list as you type; accents do not matter. */
static void
search_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  gint64 pipeline = affari_window_get_pipeline_id (window);
  AffariDealListView *view = show_list (window);
  GtkSearchEntry *entry = affari_filter_bar_get_search_entry (affari_window_get_filter_bar (window));
  guint all = n_rows (view);
  AffariDealQuery rossi = { .text = (char *) "rossi" };
  guint expected = store_count (store, pipeline, &rossi);

  affari_test_press_shortcut (GTK_WIDGET (window), "<Control>f");
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (entry)));
  /* keystroke by keystroke, as typed */
  gtk_editable_set_text (GTK_EDITABLE (entry), "r");
  gtk_editable_set_text (GTK_EDITABLE (entry), "ro");
  gtk_editable_set_text (GTK_EDITABLE (entry), "ROSSÌ");
  WAIT_UNTIL (n_rows (view) == expected);
  g_assert_cmpuint (expected, >=, N_ROSSI);
  g_assert_cmpuint (expected, <, all);
  g_assert_cmpstr (affari_window_get_filter (window)->text, ==, "ROSSÌ");
  WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (view), "Cantiere Rossi n. 1") ||
              affari_test_label_on_screen (GTK_WIDGET (view), "Cantiere Rossi n. 6") || expected > 20);
  /* the footer counts what is listed at once, and adds up the amounts once the typing pauses
   * (not between two keys) */
  {
    g_autofree char *count = g_strdup_printf (ngettext ("%'u deal", "%'u deals", expected), expected);

    affari_test_wait_for_frame (GTK_WIDGET (window));
    g_assert_nonnull (affari_test_find_widget (GTK_WIDGET (view), match_mapped_label_containing, count));
    WAIT_UNTIL (affari_test_find_widget (GTK_WIDGET (view), match_mapped_label_containing, " · ") != NULL);
    g_assert_nonnull (affari_test_find_widget (GTK_WIDGET (view), match_mapped_label_containing, count));
  }
  /* the footer says the list is filtered */
  g_assert_nonnull (strstr (affari_deal_list_view_get_summary (view), _(" (filtered)")));

  /* the Kanban board applies the same filter and says so */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "kanban");
  affari_test_wait_for_frame (GTK_WIDGET (window));
  WAIT_UNTIL (affari_test_find_widget (GTK_WIDGET (window), match_mapped_filtered_total, NULL) != NULL);

  /* emptied, everything is back when the list is shown again (hidden, it reads nothing) */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "list");
  WAIT_UNTIL (n_rows (view) == all);
}

static void
test_search (Fixture *f, gconstpointer data)
{
  make_database (f);
  AFFARI_TEST_RUN (f, search_body);
}

/* A preset from the popover, its chip, and removing the chip. */
static void
preset_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  gint64 pipeline = affari_window_get_pipeline_id (window);
  AffariDealListView *view = show_list (window);
  AffariFilterBar *bar = affari_window_get_filter_bar (window);
  g_autoptr(AffariDealQuery) won = affari_filter_preset_new_query (AFFARI_FILTER_PRESET_WON);
  guint all = n_rows (view);
  guint expected = store_count (store, pipeline, won);
  GtkWidget *chip;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  gtk_widget_activate_action (GTK_WIDGET (bar), "filter.apply-preset", "s", "won");
  WAIT_UNTIL (n_rows (view) == expected);
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, all);
  /* every row is a won deal */
  for (guint i = 0; i < n_rows (view); i++)
    {
      g_autoptr(AffariDeal) deal = row_deal (view, i);
      g_assert_cmpint (affari_deal_get_semantics (deal), ==, AFFARI_SEMANTICS_SUCCESS);
    }
  /* the chip shows it, its ✕ removes it */
  affari_test_wait_for_frame (GTK_WIDGET (window));
  WAIT_UNTIL (affari_test_find_widget (GTK_WIDGET (bar), match_mapped_label_containing, _("Won")) != NULL);
  chip = affari_test_find_widget (GTK_WIDGET (bar), match_css_class, "filter-chip");
  g_assert_nonnull (chip);
  g_signal_emit_by_name (chip, "clicked");
  WAIT_UNTIL (n_rows (view) == all);
  g_assert_false (affari_deal_query_has_filter (affari_window_get_filter (window)));

  /* a custom filter saved under a name comes back from the popover's list */
  {
    g_autoptr(GError) error = NULL;
    AffariDealQuery custom = { .has_amount_min = TRUE, .amount_min = 900000 };
    gint64 id = affari_store_save_filter (store, "Grandi affari", &custom, &error);

    g_assert_no_error (error);
    gtk_widget_activate_action (GTK_WIDGET (bar), "filter.apply-saved", "x", id);
    WAIT_UNTIL (n_rows (view) == store_count (store, pipeline, &custom));
    for (guint i = 0; i < n_rows (view); i++)
      {
        g_autoptr(AffariDeal) deal = row_deal (view, i);
        g_assert_cmpint (affari_deal_get_amount (deal), >=, 900000);
      }
  }
  /* the popover opens on the current filter */
  gtk_popover_popup (GTK_POPOVER (affari_filter_bar_get_popover (bar)));
  affari_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (affari_test_find_widget (affari_filter_bar_get_popover (bar), match_mapped_label_containing,
                              affari_filter_preset_label (AFFARI_FILTER_PRESET_IN_PROGRESS)) != NULL);
  gtk_popover_popdown (GTK_POPOVER (affari_filter_bar_get_popover (bar)));
}

static void
test_preset (Fixture *f, gconstpointer data)
{
  make_database (f);
  AFFARI_TEST_RUN (f, preset_body);
}

/* Clicking a header sorts in SQL; again, the other way. */
static void
sort_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariDealListView *view = show_list (window);
  AffariDealList *deals = affari_deal_list_view_get_deals (view);
  guint n = n_rows (view);

  gtk_widget_activate_action (GTK_WIDGET (view), "deals.sort", "(si)", "amount", TRUE);
  WAIT_UNTIL (affari_deal_list_get_query (deals)->sort == AFFARI_DEAL_SORT_AMOUNT);
  g_assert_true (affari_deal_list_get_query (deals)->descending);
  g_assert_cmpuint (n_rows (view), ==, n);
  /* amounts in different currencies cannot be compared: each currency's deals stand together,
   * largest first (never CHF 550 between € 600 and € 527) */
  {
    g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(AffariDeal) deal = row_deal (view, i);
        g_autoptr(AffariDeal) before = i > 0 ? row_deal (view, i - 1) : NULL;
        const char *currency = affari_deal_get_currency (deal);

        if (before == NULL || g_strcmp0 (affari_deal_get_currency (before), currency) != 0)
          {
            g_assert_false (g_hash_table_contains (seen, currency));
            g_hash_table_add (seen, g_strdup (currency));
          }
        else
          g_assert_cmpint (affari_deal_get_amount (before), >=, affari_deal_get_amount (deal));
      }
    g_assert_cmpuint (g_hash_table_size (seen), >=, 2);
  }
  /* the largest amount is what a user sees on top */
  {
    g_autoptr(AffariDeal) top = row_deal (view, 0);
    affari_test_wait_for_frame (GTK_WIDGET (window));
    WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (view), affari_deal_get_title (top)));
  }

  gtk_widget_activate_action (GTK_WIDGET (view), "deals.sort", "(si)", "title", FALSE);
  WAIT_UNTIL (affari_deal_list_get_query (deals)->sort == AFFARI_DEAL_SORT_TITLE);
  g_assert_false (affari_deal_list_get_query (deals)->descending);
  for (guint i = 1; i < MIN (n, 50); i++)
    {
      g_autoptr(AffariDeal) a = row_deal (view, i - 1);
      g_autoptr(AffariDeal) b = row_deal (view, i);
      g_autofree char *ka = g_utf8_casefold (affari_deal_get_title (a), -1);
      g_autofree char *kb = g_utf8_casefold (affari_deal_get_title (b), -1);
      g_assert_cmpint (g_ascii_strcasecmp (affari_deal_get_title (a), affari_deal_get_title (b)), <=, 0);
    }

  /* Rows far below the screen are brought up to date once the typing (or clicking) pauses, not
   * between two changes; scrolled to before that, they show their deals in the frame that shows
   * them. */
  {
    GtkSelectionModel *table = affari_deal_list_view_get_selection (view);
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (affari_deal_list_view_get_column_view (view)), GTK_TYPE_SCROLLED_WINDOW)));
    guint stale;

    affari_test_wait_for_frame (GTK_WIDGET (window));
    stale = first_stale_row (view, table, n);

    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) * stale / n);
    affari_test_wait_for_frame (GTK_WIDGET (window));
    g_assert_cmpint (row_shown_id (table, stale), ==, row_id (view, stale));
    {
      g_autoptr(AffariDeal) shown = row_deal (view, stale);
      g_assert_true (affari_test_label_on_screen (GTK_WIDGET (view), affari_deal_get_title (shown)));
    }

    /* left alone, the rows off screen catch up after the pause */
    gtk_widget_activate_action (GTK_WIDGET (view), "deals.sort", "(si)", "amount", TRUE);
    affari_test_wait_for_frame (GTK_WIDGET (window));
    stale = first_stale_row (view, table, n);
    WAIT_UNTIL (row_shown_id (table, stale) == row_id (view, stale));
  }
}

static void
test_sort (Fixture *f, gconstpointer data)
{
  make_database (f);
  AFFARI_TEST_RUN (f, sort_body);
}

/* Three rows selected, their stage changed in one go, then "Annulla". */
static void
bulk_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  gint64 pipeline = affari_window_get_pipeline_id (window);
  AffariDealListView *view = show_list (window);
  GtkSelectionModel *selection = affari_deal_list_view_get_selection (view);
  gint64 executing = affari_store_find_stage_by_code (store, pipeline, "EXECUTING");
  g_autoptr(GArray) ids = NULL;
  gint64 old_stage[3];
  guint events[3];

  /* rows not already in that stage */
  for (guint i = 0, picked = 0; picked < 3; i++)
    {
      g_autoptr(AffariDeal) deal = row_deal (view, i);
      if (affari_deal_get_stage_id (deal) == executing || affari_deal_get_closed (deal))
        continue;
      gtk_selection_model_select_item (selection, i, FALSE);
      picked++;
    }
  ids = affari_deal_list_view_dup_selected_ids (view);
  g_assert_cmpuint (ids->len, ==, 3);
  affari_test_wait_for_frame (GTK_WIDGET (window));
  {
    g_autofree char *selected = g_strdup_printf (ngettext ("%'u deal selected", "%'u deals selected", 3), 3);
    WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (view), selected));
  }
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(AffariDeal) deal = affari_store_get_deal (store, g_array_index (ids, gint64, i), NULL);
      g_autoptr(GPtrArray) history = affari_store_list_events (store, affari_deal_get_id (deal), NULL);
      old_stage[i] = affari_deal_get_stage_id (deal);
      events[i] = history->len;
    }

  gtk_widget_activate_action (GTK_WIDGET (view), "deals.move-stage", "x", executing);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(AffariDeal) deal = affari_store_get_deal (store, g_array_index (ids, gint64, i), NULL);
      g_autoptr(GPtrArray) history = affari_store_list_events (store, affari_deal_get_id (deal), NULL);
      g_assert_cmpint (affari_deal_get_stage_id (deal), ==, executing);
      g_assert_cmpuint (history->len, ==, events[i] + 1);
    }
  /* the toast offers "Annulla" */
  affari_test_wait_for_frame (GTK_WIDGET (window));
  {
    g_autoptr(AffariStage) stage = affari_store_get_stage (store, executing, NULL);
    g_autofree char *moved = g_strdup_printf (ngettext ("%u deal moved to %s", "%u deals moved to %s", 3), 3,
                                              affari_stage_get_name (stage));
    WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (window), moved));
  }
  gtk_widget_activate_action (GTK_WIDGET (view), "win.undo", NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(AffariDeal) deal = affari_store_get_deal (store, g_array_index (ids, gint64, i), NULL);
      g_assert_cmpint (affari_deal_get_stage_id (deal), ==, old_stage[i]);
    }

  /* Enter or a double-click opens the deal's card */
  g_signal_emit_by_name (affari_deal_list_view_get_column_view (view), "activate", 0);
  {
    g_autoptr(AffariDeal) first = row_deal (view, 0);
    WAIT_UNTIL (affari_test_find_widget (GTK_WIDGET (window), affari_test_match_mapped_label, affari_deal_get_title (first)) != NULL);
  }
}

static void
test_bulk (Fixture *f, gconstpointer data)
{
  make_database (f);
  AFFARI_TEST_RUN (f, bulk_body);
}

/* The story of the issue: "Rossi" deals closing this month above € 5.000, moved to "In corso" in
 * one action, then undone. */
static void
story_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  gint64 pipeline = affari_window_get_pipeline_id (window);
  AffariDealListView *view = show_list (window);
  gint64 executing = affari_store_find_stage_by_code (store, pipeline, "EXECUTING");
  gint64 new_stage = affari_store_find_stage_by_code (store, pipeline, "NEW");
  g_autoptr(AffariDealQuery) filter = affari_filter_preset_new_query (AFFARI_FILTER_PRESET_CLOSING_THIS_MONTH);
  g_autoptr(GArray) ids = NULL;

  affari_deal_query_set_text (filter, "Rossi Costruzioni");
  filter->has_amount_min = TRUE;
  filter->amount_min = 500000;
  affari_window_set_filter (window, filter);
  WAIT_UNTIL (n_rows (view) == 4);

  /* Ctrl+A in the table */
  {
    GtkWidget *inner = gtk_widget_get_first_child (GTK_WIDGET (affari_deal_list_view_get_column_view (view)));

    while (inner != NULL && !GTK_IS_LIST_VIEW (inner))
      inner = gtk_widget_get_next_sibling (inner);
    g_assert_nonnull (inner);
    gtk_widget_grab_focus (inner);
    affari_test_press_shortcut (inner, "<Control>a");
  }
  ids = affari_deal_list_view_dup_selected_ids (view);
  g_assert_cmpuint (ids->len, ==, 4);
  gtk_widget_activate_action (GTK_WIDGET (view), "deals.move-stage", "x", executing);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(AffariDeal) deal = affari_store_get_deal (store, g_array_index (ids, gint64, i), NULL);
      g_assert_cmpint (affari_deal_get_stage_id (deal), ==, executing);
      g_assert_cmpint (affari_deal_get_amount (deal), >, 500000);
    }
  /* undone with Ctrl+Z, as a person would */
  affari_test_press_shortcut (GTK_WIDGET (window), "<Control>z");
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(AffariDeal) deal = affari_store_get_deal (store, g_array_index (ids, gint64, i), NULL);
      g_assert_cmpint (affari_deal_get_stage_id (deal), ==, new_stage);
    }
  /* nothing is left to undo: asking again changes nothing */
  gtk_widget_activate_action (GTK_WIDGET (view), "win.undo", NULL);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(AffariDeal) deal = affari_store_get_deal (store, g_array_index (ids, gint64, i), NULL);
      g_assert_cmpint (affari_deal_get_stage_id (deal), ==, new_stage);
    }

  /* the selection exported: formulas neutralised */
  {
    g_autofree char *path = g_build_filename (f->base.dir, "export.csv", NULL);
    g_autofree char *contents = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (affari_csv_export_deals (store, (const gint64 *) ids->data, ids->len, path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "Cantiere Rossi n. 1"));
    g_assert_nonnull (strstr (contents, _("Title")));
    g_unlink (path);
  }
}

static void
test_story (Fixture *f, gconstpointer data)
{
  make_database (f);
  AFFARI_TEST_RUN (f, story_body);
}

/* Columns chosen by the user are kept per pipeline. */
static void
columns_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariDealListView *view = show_list (window);
  GtkColumnView *columns = affari_deal_list_view_get_column_view (view);
  g_autoptr(GtkColumnViewColumn) currency = NULL;
  g_autofree char *key = g_strdup_printf ("list-columns:%" G_GINT64_FORMAT, affari_window_get_pipeline_id (window));
  g_autofree char *layout = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (gtk_column_view_get_columns (columns)) && currency == NULL; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (gtk_column_view_get_columns (columns), i);
      if (g_strcmp0 (gtk_column_view_column_get_title (column), _("Currency")) == 0)
        currency = g_object_ref (column);
    }
  g_assert_nonnull (currency);
  g_assert_false (gtk_column_view_column_get_visible (currency));
  gtk_column_view_column_set_visible (currency, TRUE);
  gtk_column_view_column_set_fixed_width (currency, 95);
  gtk_column_view_insert_column (columns, 0, currency);
  WAIT_UNTIL ((g_free (layout), layout = affari_store_get_setting (store, key)) != NULL &&
              g_str_has_prefix (layout, "currency:95,title:"));

  /* a custom field created in Preferences while the list is open is a column at once, and the
   * columns chosen before keep their place */
  {
    g_autoptr(GError) error = NULL;
    gboolean found = FALSE;

    g_assert_cmpint (affari_store_create_custom_field (store, AFFARI_FIELD_STRING, "REGIONE", "Regione",
                                                       FALSE, TRUE, NULL, &error), >, 0);
    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (gtk_column_view_get_columns (columns)) && !found; i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (gtk_column_view_get_columns (columns), i);
        found = g_strcmp0 (gtk_column_view_column_get_title (column), "Regione") == 0;
      }
    g_assert_true (found);
    g_assert_true (gtk_column_view_column_get_visible (currency));
    {
      g_autoptr(GtkColumnViewColumn) first = g_list_model_get_item (gtk_column_view_get_columns (columns), 0);
      g_assert_true (first == currency);
    }
  }
}

static void
columns_again_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariDealListView *view = show_list (window);
  GtkColumnView *columns = affari_deal_list_view_get_column_view (view);
  g_autoptr(GtkColumnViewColumn) first = g_list_model_get_item (gtk_column_view_get_columns (columns), 0);

  g_assert_cmpstr (gtk_column_view_column_get_title (first), ==, _("Currency"));
  g_assert_true (gtk_column_view_column_get_visible (first));
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (first), ==, 95);
}

static void
test_columns (Fixture *f, gconstpointer data)
{
  make_database (f);
  AFFARI_TEST_RUN (f, columns_body);
  AFFARI_TEST_RUN (f, columns_again_body);
}

/* ------------------------------------------------------------ custom fields: filter and export */

static gboolean
match_label_text (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

/* The control on the right of the label @title in the popover's grid of custom fields. */
static GtkWidget *
field_control (GtkWidget *popover, const char *title)
{
  GtkWidget *label = affari_test_find_widget (popover, match_label_text, title);
  GtkWidget *grid;
  int column, row;

  g_assert_nonnull (label);
  grid = gtk_widget_get_parent (label);
  g_assert_true (GTK_IS_GRID (grid));
  gtk_grid_query_child (GTK_GRID (grid), label, &column, &row, NULL, NULL);
  return gtk_grid_get_child_at (GTK_GRID (grid), 1, row);
}

static gint64 sector_field_id;

/* "Settore" on the Rossi deals (Industria on the first four), a note that looks like a formula. */
static void
add_custom_fields (Fixture *f)
{
  g_autoptr(AffariStore) store = affari_test_app_open_store (&f->base);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GPtrArray) deals = NULL;
  AffariDealQuery rossi = { .text = (char *) "Cantiere Rossi" };
  const char *sectors[] = { "Industria", "Commercio", NULL };
  gint64 note, score, items[2] = { 0 };

  sector_field_id = affari_store_create_custom_field (store, AFFARI_FIELD_ENUMERATION, "SETTORE", "Settore", FALSE, TRUE, sectors, &error);
  note = affari_store_create_custom_field (store, AFFARI_FIELD_STRING, "NOTA", "Nota", FALSE, FALSE, NULL, &error);
  score = affari_store_create_custom_field (store, AFFARI_FIELD_DOUBLE, "PUNTEGGIO", "Punteggio", FALSE, FALSE, NULL, &error);
  g_assert_no_error (error);
  fields = affari_store_list_custom_fields (store, &error);
  for (guint i = 0; i < fields->len; i++)
    if (((AffariCustomField *) g_ptr_array_index (fields, i))->id == sector_field_id)
      for (guint k = 0; k < 2; k++)
        items[k] = g_array_index (((AffariCustomField *) g_ptr_array_index (fields, i))->items, AffariFieldItem, k).id;
  deals = affari_store_query_deals (store, &rossi, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deals->len, ==, N_ROSSI);
  for (guint i = 0; i < deals->len; i++)
    {
      AffariDeal *deal = g_ptr_array_index (deals, i);
      const char *title = affari_deal_get_title (deal);
      guint n = (guint) g_ascii_strtoull (title + strlen ("Cantiere Rossi n. "), NULL, 10);
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, items[n <= 4 ? 0 : 1]);

      g_assert_true (affari_store_set_deal_field_value (store, affari_deal_get_id (deal), sector_field_id, value, &error));
      if (n == 1)
        g_assert_true (affari_store_set_deal_field_value (store, affari_deal_get_id (deal), note, "=1+1", &error));
      {
        /* 10.5, 21, 31.5 … */
        g_autofree char *points = g_strdup_printf ("%u.%u", n * 10 + n / 2, n % 2 ? 5 : 0);
        g_assert_true (affari_store_set_deal_field_value (store, affari_deal_get_id (deal), score, points, &error));
      }
      g_assert_no_error (error);
    }
  affari_store_close (store);
}

/* "Settore: Industria" chosen in the popover filters the list and the board, shows as a chip;
 * the selection exported off the main thread has the custom columns and says so in a toast. */
static void
custom_fields_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariDealListView *view = show_list (window);
  AffariFilterBar *bar = affari_window_get_filter_bar (window);
  GtkWidget *popover = affari_filter_bar_get_popover (bar);
  g_autofree char *path = g_build_filename (f->base.dir, "settore.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *done = g_strdup_printf (ngettext ("%'u deal exported", "%'u deals exported", 4), 4);
  guint all = n_rows (view);
  GtkWidget *control, *chip;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
  affari_test_wait_for_frame (GTK_WIDGET (window));
  control = field_control (popover, "Settore");
  g_assert_true (GTK_IS_DROP_DOWN (control));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (control), 1);      /* Industria */
  g_signal_emit_by_name (affari_test_find_widget (popover, match_css_class, "suggested-action"), "clicked");
  WAIT_UNTIL (n_rows (view) == 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(AffariDeal) deal = row_deal (view, i);
      g_autoptr(GHashTable) values = affari_store_get_deal_field_values (store, affari_deal_get_id (deal), NULL);
      g_assert_true (g_str_has_prefix (affari_deal_get_title (deal), "Cantiere Rossi n. "));
      g_assert_nonnull (g_hash_table_lookup (values, &sector_field_id));
    }
  g_assert_cmpuint (affari_window_get_filter (window)->field_criteria->len, ==, 1);
  affari_test_wait_for_frame (GTK_WIDGET (window));
  WAIT_UNTIL (affari_test_find_widget (GTK_WIDGET (bar), match_mapped_label_containing, "Settore: Industria") != NULL);

  /* the board counts the same four deals, marked as filtered */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "kanban");
  affari_test_wait_for_frame (GTK_WIDGET (window));
  WAIT_UNTIL (affari_test_find_widget (GTK_WIDGET (window), match_mapped_filtered_total, NULL) != NULL);
  show_list (window);

  /* the four exported, off the main thread */
  {
    GtkWidget *inner = gtk_widget_get_first_child (GTK_WIDGET (affari_deal_list_view_get_column_view (view)));

    while (inner != NULL && !GTK_IS_LIST_VIEW (inner))
      inner = gtk_widget_get_next_sibling (inner);
    gtk_widget_grab_focus (inner);
    affari_test_press_shortcut (inner, "<Control>a");
  }
  gtk_widget_activate_action (GTK_WIDGET (view), "deals.export-to", "s", path);
  WAIT_UNTIL (affari_test_find_widget (GTK_WIDGET (window), match_mapped_label_containing, done) != NULL);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, ",Settore,Nota,Punteggio\r\n"));
  /* as the card shows them: "10,5" (quoted, it has a comma) */
  g_assert_nonnull (strstr (contents, ",Industria,\"'=1+1\",\"10,5\"\r\n"));
  g_assert_null (strstr (contents, "Commercio"));

  /* a range typed as an Italian writes numbers, with the list value: n. 2 and 3 (21 and 31,5) */
  gtk_popover_popup (GTK_POPOVER (popover));
  affari_test_wait_for_frame (GTK_WIDGET (window));
  control = field_control (popover, "Punteggio");
  g_assert_true (GTK_IS_BOX (control));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_first_child (control)), "abc");
  g_signal_emit_by_name (affari_test_find_widget (popover, match_css_class, "suggested-action"), "clicked");
  {
    g_autofree char *message = g_strdup_printf (_("“%s” is not a number."), "abc");
    WAIT_UNTIL (affari_test_find_widget (popover, affari_test_match_mapped_label, message) != NULL);
  }
  g_assert_cmpuint (n_rows (view), ==, 4);        /* nothing changed */
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_first_child (control)), "20");
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_last_child (control)), "40,5");
  g_signal_emit_by_name (affari_test_find_widget (popover, match_css_class, "suggested-action"), "clicked");
  WAIT_UNTIL (n_rows (view) == 2);
  g_assert_cmpuint (affari_window_get_filter (window)->field_criteria->len, ==, 2);
  affari_test_wait_for_frame (GTK_WIDGET (window));
  WAIT_UNTIL (affari_test_find_widget (GTK_WIDGET (bar), match_mapped_label_containing, "Punteggio: 20 – 40,5") != NULL);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(AffariDeal) deal = row_deal (view, i);
      g_assert_true (g_str_equal (affari_deal_get_title (deal), "Cantiere Rossi n. 2") ||
                     g_str_equal (affari_deal_get_title (deal), "Cantiere Rossi n. 3"));
    }
  /* its chip's ✕ takes only that criterion away */
  {
    GtkWidget *score_chip = gtk_widget_get_ancestor (affari_test_find_widget (GTK_WIDGET (bar), match_mapped_label_containing, "Punteggio"),
                                                     GTK_TYPE_BUTTON);
    g_signal_emit_by_name (score_chip, "clicked");
  }
  WAIT_UNTIL (n_rows (view) == 4);

  /* the chip's ✕ takes the criterion away */
  chip = affari_test_find_widget (GTK_WIDGET (bar), match_css_class, "filter-chip");
  g_assert_nonnull (chip);
  g_signal_emit_by_name (chip, "clicked");
  WAIT_UNTIL (n_rows (view) == all);
  g_assert_false (affari_deal_query_has_filter (affari_window_get_filter (window)));
}

static void
test_custom_fields (Fixture *f, gconstpointer data)
{
  make_database (f);
  add_custom_fields (f);
  AFFARI_TEST_RUN (f, custom_fields_body);
}

/* Cells share the shaped text of a cell that draws the same text alike, never one drawn in
 * another font or to another width: a bold title and a plain cell with the same words, or a
 * narrow column and a wide one, each show their own (the narrow one ellipsized). */
static void
test_shared_cell_layouts (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  const char *text = "Fornitura stampanti laser per la sede di Bologna";
  AffariCellText *cells[4];
  PangoLayout *layouts[4];

  gtk_css_provider_load_from_data (css, "label.bold-cell { font-weight: 800; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      cells[i] = AFFARI_CELL_TEXT (affari_cell_text_new ());
      affari_cell_text_set_text (cells[i], text);
      gtk_widget_set_size_request (GTK_WIDGET (cells[i]), i == 3 ? 80 : 600, -1);
      gtk_widget_set_halign (GTK_WIDGET (cells[i]), GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (cells[i]));
    }
  gtk_widget_add_css_class (GTK_WIDGET (cells[2]), "bold-cell");
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  affari_test_wait_for_frame (window);
  WAIT_UNTIL (affari_cell_text_get_layout (cells[3]) != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      layouts[i] = affari_cell_text_get_layout (cells[i]);
      g_assert_nonnull (layouts[i]);
    }
  /* the same text, font and width: shaped once */
  g_assert_true (layouts[0] == layouts[1]);
  /* bold: its own layout, in its own weight */
  g_assert_true (layouts[2] != layouts[0]);
  g_assert_cmpint (pango_layout_get_width (layouts[2]), ==, pango_layout_get_width (layouts[0]));
  g_assert_cmpint (pango_font_description_get_weight (pango_context_get_font_description (pango_layout_get_context (layouts[2]))),
                   ==, 800);
  g_assert_cmpint (pango_font_description_get_weight (pango_context_get_font_description (pango_layout_get_context (layouts[0]))),
                   <, 800);
  /* narrow: ellipsized to its own width, the wide ones are not */
  g_assert_true (layouts[3] != layouts[0]);
  g_assert_true (pango_layout_is_ellipsized (layouts[3]));
  g_assert_false (pango_layout_is_ellipsized (layouts[0]));

  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ------------------------------------------------------------ the real pointer */

/* Runs xdotool with @args: the X server's own pointer and keyboard, as a person's (GTK 4 cannot
 * fake them in-process). The events wait in the server until the main loop reads them. */
static void
xdotool (const char *args)
{
  g_autofree char *command = g_strdup_printf ("xdotool %s", args);
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_shell_parse_argv (command, NULL, &argv, &error));
  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Where @widget's middle is on the screen (without a window manager the window sits at 0,0). */
static void
screen_center (GtkWidget *widget, int *x, int *y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point;
  double sx, sy;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0f,
                                                                 gtk_widget_get_height (widget) / 2.0f),
                                           &point));
  gtk_native_get_surface_transform (native, &sx, &sy);
  *x = (int) (point.x + sx);
  *y = (int) (point.y + sy);
}

/* The screen position of the title of the row showing @title. */
static void
title_on_screen (AffariDealListView *view, const char *title, int *x, int *y)
{
  GtkWidget *cell = affari_test_find_widget (GTK_WIDGET (view), affari_test_match_mapped_label, title);

  g_assert_nonnull (cell);
  screen_center (cell, x, y);
}

/* The selected rows as "1,3,4": what the table highlights. */
static char *
selected_rows (AffariDealListView *view)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (affari_deal_list_view_get_selection (view));
  GString *text = g_string_new (NULL);
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok; ok = gtk_bitset_iter_next (&iter, &position))
    g_string_append_printf (text, "%s%u", text->len > 0 ? "," : "", position);
  return g_string_free (text, FALSE);
}

/* A click (with @modifiers held, "" for none) on the row at (@x, @y), then a wait long enough that
 * the next click is not a double click; the selection must then be @expected. */
static void
click_row (AffariDealListView *view, int x, int y, const char *modifiers, const char *expected)
{
  g_autofree char *args = NULL;
  g_autofree char *selected = NULL;
  gint64 end;

  if (*modifiers != '\0')
    args = g_strdup_printf ("mousemove --sync %d %d keydown %s click 1 keyup %s", x, y, modifiers, modifiers);
  else
    args = g_strdup_printf ("mousemove --sync %d %d click 1", x, y);
  xdotool (args);
  end = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    affari_test_iterate ();
  affari_test_wait_for_frame (GTK_WIDGET (view));
  selected = selected_rows (view);
  g_assert_cmpstr (selected, ==, expected);
}

/* Clicks with the real pointer: a click selects one row, Ctrl+click adds or takes away a row,
 * Shift+click selects from the row clicked last; the selection bar that appears moves no row
 * (the next click lands on the row that was under the pointer); a double click still opens the
 * deal. */
static void
mouse_selection_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariDealListView *view = show_list (window);
  g_autoptr(AffariDealQuery) filter = affari_deal_query_new ();
  char *titles[N_ROSSI] = { NULL, };
  int x[N_ROSSI], y[N_ROSSI] = { -2, };

  affari_deal_query_set_text (filter, "Cantiere Rossi");
  affari_window_set_filter (window, filter);
  WAIT_UNTIL (n_rows (view) == N_ROSSI);
  for (guint i = 0; i < N_ROSSI; i++)
    {
      g_autoptr(AffariDeal) deal = row_deal (view, i);

      titles[i] = g_strdup (affari_deal_get_title (deal));
      WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (view), titles[i]));
    }
  /* the filter's chip slides in above the table: wait until the rows stand still */
  for (int last = -1; last != y[0];)
    {
      gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

      last = y[0];
      while (g_get_monotonic_time () < end)
        affari_test_iterate ();
      for (guint i = 0; i < N_ROSSI; i++)
        title_on_screen (view, titles[i], &x[i], &y[i]);
    }

  click_row (view, x[1], y[1], "", "1");
  /* the bar is on screen, and every row is where it was */
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (view), "1 affare selezionato"));
  for (guint i = 0; i < N_ROSSI; i++)
    {
      int xi, yi;

      title_on_screen (view, titles[i], &xi, &yi);
      g_assert_cmpint (yi, ==, y[i]);
    }
  click_row (view, x[3], y[3], "ctrl", "1,3");
  click_row (view, x[4], y[4], "ctrl", "1,3,4");
  click_row (view, x[3], y[3], "ctrl", "1,4");
  click_row (view, x[5], y[5], "shift", "3,4,5");
  click_row (view, x[2], y[2], "", "2");

  /* a double click opens the deal, as before */
  {
    g_autoptr(AffariDeal) deal = row_deal (view, 0);
    g_autofree char *args = g_strdup_printf ("mousemove --sync %d %d click --repeat 2 --delay 60 1", x[0], y[0]);
    AffariDealCard *card = NULL;

    xdotool (args);
    WAIT_UNTIL ((card = (AffariDealCard *) affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_DEAL_CARD)) != NULL &&
                affari_deal_card_get_deal_id (card) == affari_deal_get_id (deal));
  }
  for (guint i = 0; i < N_ROSSI; i++)
    g_free (titles[i]);
}

static void
test_mouse_selection (Fixture *f, gconstpointer data)
{
  g_autofree char *xdotool_path = g_find_program_in_path ("xdotool");

  if (xdotool_path == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs an X display and xdotool");
      return;
    }
  make_database (f);
  AFFARI_TEST_RUN (f, mouse_selection_body);
}

/* ------------------------------------------------------------ the filter bar's chips */

/* Every chip of the active filter lies whole inside the search bar and the window: none is laid
 * out on a row that the bar cuts off, or pushed past the window's edge. */
static void
assert_chips_on_screen (GtkWidget *toplevel, AffariFilterBar *bar, guint expected)
{
  GtkWidget *search_bar = gtk_widget_get_ancestor (GTK_WIDGET (bar), GTK_TYPE_SEARCH_BAR);
  graphene_rect_t clip;
  guint n = 0;

  g_assert_nonnull (search_bar);
  g_assert_true (gtk_widget_compute_bounds (search_bar, toplevel, &clip));
  /* the window's own edges clip too */
  clip.size.width = MIN (clip.size.width, gtk_widget_get_width (toplevel) - clip.origin.x);
  for (GtkWidget *w = affari_test_find_widget (GTK_WIDGET (bar), match_css_class, "filter-chip");
       w != NULL;
       w = affari_test_find_widget (GTK_WIDGET (bar), match_css_class, "filter-chip"))
    {
      graphene_rect_t chip;

      g_assert_true (gtk_widget_get_mapped (w));
      g_assert_true (gtk_widget_compute_bounds (w, toplevel, &chip));
      if (!graphene_rect_contains_rect (&clip, &chip))
        g_error ("chip %u at %g,%g %gx%g is cut off by the bar at %g,%g %gx%g", n,
                 chip.origin.x, chip.origin.y, chip.size.width, chip.size.height,
                 clip.origin.x, clip.origin.y, clip.size.width, clip.size.height);
      g_assert_cmpfloat (chip.size.height, >=, 20);
      /* found once: the next search finds the next chip */
      gtk_widget_remove_css_class (w, "filter-chip");
      gtk_widget_add_css_class (w, "filter-chip-seen");
      n++;
    }
  g_assert_cmpuint (n, ==, expected);
  for (GtkWidget *w = affari_test_find_widget (GTK_WIDGET (bar), match_css_class, "filter-chip-seen");
       w != NULL;
       w = affari_test_find_widget (GTK_WIDGET (bar), match_css_class, "filter-chip-seen"))
    {
      gtk_widget_remove_css_class (w, "filter-chip-seen");
      gtk_widget_add_css_class (w, "filter-chip");
    }
}

/* Waits until @search_bar has slid in and @toplevel is painted with what it shows. */
static void
wait_for_search_bar (GtkWidget *toplevel, GtkWidget *search_bar)
{
  GtkRevealer *revealer = GTK_REVEALER (affari_test_find_type (search_bar, GTK_TYPE_REVEALER));

  WAIT_UNTIL (gtk_revealer_get_child_revealed (revealer));
  affari_test_wait_for_frame (toplevel);
  affari_test_settle ();
  affari_test_wait_for_frame (toplevel);
}

static void
filter_chips_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariWorkspace *workspace = affari_window_get_workspace (window);
  AffariStore *store = affari_workspace_get_store (workspace);
  AffariFilterBar *bar = affari_window_get_filter_bar (window);
  GtkWidget *search_bar = gtk_widget_get_ancestor (GTK_WIDGET (bar), GTK_TYPE_SEARCH_BAR);
  g_autoptr(AffariDealQuery) filter = affari_filter_preset_new_query (AFFARI_FILTER_PRESET_CLOSING_THIS_MONTH);
  g_autoptr(GPtrArray) types = affari_store_list_deal_types (store, NULL);
  g_autoptr(GPtrArray) sources = affari_store_list_sources (store, NULL);
  GtkWidget *chip;

  show_list (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  /* what the walkthrough had, and more: ten criteria, each a chip */
  filter->has_amount_min = TRUE;
  filter->amount_min = 500000;
  filter->has_amount_max = TRUE;
  filter->amount_max = 5000000;
  filter->currency = g_strdup ("EUR");
  filter->assigned_to_me = TRUE;
  filter->type_id = g_strdup (g_ptr_array_index (types, 0));
  filter->source_id = g_strdup (g_ptr_array_index (sources, 0));
  filter->created.period = AFFARI_PERIOD_THIS_QUARTER;
  filter->activity = AFFARI_ACTIVITY_FILTER_OVERDUE;
  filter->repeat = AFFARI_REPEAT_NONE;
  affari_window_set_filter (window, filter);

  /* at the default size */
  wait_for_search_bar (GTK_WIDGET (window), search_bar);
  assert_chips_on_screen (GTK_WIDGET (window), bar, 10);

  /* a chip's ✕ takes its criterion away, the others stay on screen */
  chip = affari_test_find_widget (GTK_WIDGET (bar), match_css_class, "filter-chip");
  g_signal_emit_by_name (chip, "clicked");
  wait_for_search_bar (GTK_WIDGET (window), search_bar);
  assert_chips_on_screen (GTK_WIDGET (window), bar, 9);

  /* On a phone, 360 pixels wide: the same bar in a search bar of a window that narrow (the main
   * window has views that do not get that narrow yet). */
  {
    GtkWidget *phone = gtk_window_new ();
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *phone_search = gtk_search_bar_new ();
    AffariFilterBar *phone_bar = g_object_new (AFFARI_TYPE_FILTER_BAR, "hexpand", TRUE, NULL);

    affari_filter_bar_set_workspace (phone_bar, workspace);
    affari_filter_bar_set_filter (phone_bar, filter);
    gtk_search_bar_set_child (GTK_SEARCH_BAR (phone_search), GTK_WIDGET (phone_bar));
    gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (phone_search), TRUE);
    gtk_box_append (GTK_BOX (box), phone_search);
    gtk_box_append (GTK_BOX (box), gtk_label_new ("Kanban"));
    gtk_window_set_child (GTK_WINDOW (phone), box);
    gtk_window_set_default_size (GTK_WINDOW (phone), 360, 640);
    gtk_window_present (GTK_WINDOW (phone));
    wait_for_search_bar (phone, phone_search);
    g_assert_cmpint (gtk_widget_get_width (phone), <=, 360);
    assert_chips_on_screen (phone, phone_bar, 10);
    gtk_window_destroy (GTK_WINDOW (phone));
  }
}

static void
test_filter_chips (Fixture *f, gconstpointer data)
{
  make_database (f);
  AFFARI_TEST_RUN (f, filter_chips_body);
}

/* ------------------------------------------------------------ a saved filter, in Italian */

static gboolean
match_mapped_button_label (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
match_entry_placeholder (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_ENTRY (widget) && g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), data) == 0;
}

/* A saved amount filter shows its amount as Italians write it, in the popover's field and in the
 * saved filter's description; the ready-made "open deals" chip cannot be mistaken for the stage
 * "In corso". */
static void
saved_filter_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariFilterBar *bar = affari_window_get_filter_bar (window);
  GtkWidget *popover = affari_filter_bar_get_popover (bar);
  AffariDealQuery custom = { .has_amount_min = TRUE, .amount_min = 500000 };
  g_autoptr(GError) error = NULL;
  g_autofree char *over = g_strdup_printf (_("Over %s"), "€ 5.000");
  GtkWidget *entry;
  gint64 id;

  show_list (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  id = affari_store_save_filter (store, "Grandi affari", &custom, &error);
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (bar), "filter.apply-saved", "x", id);
  g_assert_true (affari_window_get_filter (window)->has_amount_min);

  gtk_popover_popup (GTK_POPOVER (popover));
  WAIT_UNTIL (gtk_widget_get_mapped (popover));
  affari_test_wait_for_frame (GTK_WIDGET (window));
  entry = affari_test_find_widget (popover, match_entry_placeholder, _("from"));
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "5.000,00");
  /* the saved filter says what it holds */
  g_assert_true (affari_test_label_on_screen (popover, "Grandi affari"));
  g_assert_true (affari_test_label_on_screen (popover, over));
  /* applied again unchanged, the amount is the same */
  gtk_widget_activate (affari_test_find_widget (popover, match_mapped_button_label, _("_Apply")));
  g_assert_cmpint (affari_window_get_filter (window)->amount_min, ==, 500000);

  /* the ready-made filter of open deals: its chip is not the name of a stage */
  gtk_widget_activate_action (GTK_WIDGET (bar), "filter.apply-preset", "s", "in-progress");
  affari_test_wait_for_frame (GTK_WIDGET (window));
  WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (bar), "Affari aperti"));
  g_assert_false (affari_test_label_on_screen (GTK_WIDGET (bar), "In corso"));
  g_assert_cmpuint (affari_window_get_filter (window)->semantics_mask, ==, 1u << AFFARI_SEMANTICS_PROCESS);
  g_assert_cmpstr (affari_filter_preset_label (AFFARI_FILTER_PRESET_IN_PROGRESS), ==, "Affari aperti");
}

static void
test_saved_filter (Fixture *f, gconstpointer data)
{
  make_database (f);
  AFFARI_TEST_RUN (f, saved_filter_body);
}

/* ------------------------------------------------------------ the filter popover holds still */

static gboolean
match_mapped_drop_down (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_DROP_DOWN (widget) && gtk_widget_get_mapped (widget);
}

/* A row of a drop-down's list (GTK's own widget type). */
static gboolean
match_list_item (GtkWidget *widget, gconstpointer data)
{
  return g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkListItemWidget") && gtk_widget_get_mapped (widget);
}

static gboolean
match_mapped_check (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_CHECK_BUTTON (widget) && gtk_widget_get_mapped (widget);
}

/* @widget is where it was (@before) in @popover. */
static void
assert_same_place (GtkWidget *widget, GtkWidget *popover, const graphene_rect_t *before, const char *what)
{
  graphene_rect_t now;

  g_assert_true (gtk_widget_compute_bounds (widget, popover, &now));
  if (!graphene_rect_equal (&now, before))
    g_error ("%s moved from %g,%g to %g,%g", what, before->origin.x, before->origin.y, now.origin.x, now.origin.y);
}

/* A choice in the "Filtri" popover (a drop-down's item, a stage's tick) moves nothing under the
 * pointer: the popover keeps its scroll position and every control stays where it was, so the
 * next click lands where the user aims. */
static void
popover_still_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariFilterBar *bar = affari_window_get_filter_bar (window);
  GtkWidget *popover = affari_filter_bar_get_popover (bar);
  GtkScrolledWindow *scrolled;
  GtkAdjustment *vadjustment;
  GtkWidget *first_drop_down, *last_drop_down, *check;
  graphene_rect_t first_at, last_at, check_at;
  double value;

  show_list (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
  WAIT_UNTIL (gtk_widget_get_mapped (popover));
  affari_test_wait_for_frame (popover);
  scrolled = GTK_SCROLLED_WINDOW (affari_test_find_type (popover, GTK_TYPE_SCROLLED_WINDOW));
  vadjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  /* scrolled down to the middle, as after a wheel turn */
  WAIT_UNTIL (gtk_adjustment_get_upper (vadjustment) - gtk_adjustment_get_page_size (vadjustment) > 100);
  gtk_adjustment_set_value (vadjustment, 100);
  affari_test_wait_for_frame (popover);
  affari_test_settle ();
  value = gtk_adjustment_get_value (vadjustment);
  g_assert_cmpfloat (value, ==, 100);

  /* the drop-downs on screen: the type's (well down the popover) is chosen */
  first_drop_down = affari_test_find_widget (popover, match_mapped_drop_down, NULL);
  last_drop_down = first_drop_down;
  {
    /* the last drop-down of the grid that is whole on screen */
    GtkWidget *grid = gtk_widget_get_ancestor (first_drop_down, GTK_TYPE_GRID);
    for (GtkWidget *child = gtk_widget_get_first_child (grid); child != NULL; child = gtk_widget_get_next_sibling (child))
      {
        GtkWidget *dd = affari_test_find_widget (child, match_mapped_drop_down, NULL);
        graphene_rect_t at;

        if (dd != NULL && gtk_widget_compute_bounds (dd, GTK_WIDGET (scrolled), &at) &&
            at.origin.y >= 0 && at.origin.y + at.size.height <= gtk_widget_get_height (GTK_WIDGET (scrolled)))
          last_drop_down = dd;
      }
  }
  check = affari_test_find_widget (popover, match_mapped_check, NULL);
  g_assert_true (gtk_widget_compute_bounds (first_drop_down, popover, &first_at));
  g_assert_true (gtk_widget_compute_bounds (last_drop_down, popover, &last_at));
  g_assert_true (gtk_widget_compute_bounds (check, popover, &check_at));

  /* a drop-down's choice: clicked, its list pops up (with the focus), an item is chosen and the
   * list goes away */
  gtk_widget_grab_focus (last_drop_down);
  g_signal_emit_by_name (last_drop_down, "activate");
  {
    GtkWidget *list = affari_test_find_type (last_drop_down, GTK_TYPE_POPOVER);

    g_assert_nonnull (list);
    WAIT_UNTIL (gtk_widget_get_mapped (list));
    affari_test_wait_for_frame (list);
    affari_test_settle ();
    /* the pointer on the last item takes the focus there, as a click does */
    {
      GtkWidget *item = NULL;

      for (GtkWidget *w = affari_test_find_widget (list, match_list_item, NULL); w != NULL; w = gtk_widget_get_next_sibling (w))
        if (match_list_item (w, NULL))
          item = w;
      g_assert_nonnull (item);
      gtk_widget_grab_focus (item);
      affari_test_wait_for_frame (popover);
    }
    gtk_drop_down_set_selected (GTK_DROP_DOWN (last_drop_down), 1);
    gtk_popover_popdown (GTK_POPOVER (list));
    WAIT_UNTIL (!gtk_widget_get_mapped (list));
    affari_test_wait_for_frame (popover);
  }
  affari_test_wait_for_frame (popover);
  affari_test_settle ();
  affari_test_wait_for_frame (popover);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, value);
  assert_same_place (first_drop_down, popover, &first_at, "the first drop-down");
  assert_same_place (last_drop_down, popover, &last_at, "the chosen drop-down");
  assert_same_place (check, popover, &check_at, "a stage's tick");

  /* a stage ticked (when it is on screen) */
  if (gtk_widget_compute_bounds (check, GTK_WIDGET (scrolled), &check_at) && check_at.origin.y >= 0)
    {
      g_assert_true (gtk_widget_compute_bounds (check, popover, &check_at));
      gtk_widget_grab_focus (check);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      affari_test_wait_for_frame (popover);
      affari_test_settle ();
      affari_test_wait_for_frame (popover);
      g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, value);
      assert_same_place (check, popover, &check_at, "the ticked stage");
    }

  /* the keyboard still brings a field below the view into it */
  {
    GtkWidget *save = affari_test_find_widget (popover, match_entry_placeholder, _("Name of the filter"));
    graphene_rect_t at;

    gtk_adjustment_set_value (vadjustment, 0);
    affari_test_wait_for_frame (popover);
    gtk_widget_grab_focus (save);
    affari_test_wait_for_frame (popover);
    affari_test_settle ();
    g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0);
    g_assert_true (gtk_widget_compute_bounds (save, GTK_WIDGET (scrolled), &at));
    g_assert_cmpfloat (at.origin.y, >=, 0);
    g_assert_cmpfloat (at.origin.y + at.size.height, <=, gtk_widget_get_height (GTK_WIDGET (scrolled)) + 0.5);
  }
  gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
test_popover_still (Fixture *f, gconstpointer data)
{
  make_database (f);
  AFFARI_TEST_RUN (f, popover_still_body);
}

int
main (int argc, char *argv[])
{
  affari_test_init (&argc, &argv);

  g_test_add_func ("/list/shared-cell-layouts", test_shared_cell_layouts);
  g_test_add ("/list/opens", Fixture, NULL, fixture_set_up, test_opens, fixture_tear_down);
  g_test_add ("/list/overdue-in-red", Fixture, NULL, fixture_set_up, test_overdue, fixture_tear_down);
  g_test_add ("/list/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/list/preset", Fixture, NULL, fixture_set_up, test_preset, fixture_tear_down);
  g_test_add ("/list/sort", Fixture, NULL, fixture_set_up, test_sort, fixture_tear_down);
  g_test_add ("/list/bulk-stage-and-undo", Fixture, NULL, fixture_set_up, test_bulk, fixture_tear_down);
  g_test_add ("/list/rossi-story", Fixture, NULL, fixture_set_up, test_story, fixture_tear_down);
  g_test_add ("/list/columns-kept", Fixture, NULL, fixture_set_up, test_columns, fixture_tear_down);
  g_test_add ("/list/filter-chips-all-visible", Fixture, NULL, fixture_set_up, test_filter_chips, fixture_tear_down);
  g_test_add ("/list/saved-filter-in-italian", Fixture, NULL, fixture_set_up, test_saved_filter, fixture_tear_down);
  g_test_add ("/list/filter-popover-holds-still", Fixture, NULL, fixture_set_up, test_popover_still, fixture_tear_down);
  g_test_add ("/list/custom-field-filter-and-export", Fixture, NULL, fixture_set_up, test_custom_fields, fixture_tear_down);
  g_test_add ("/list/mouse-selection", Fixture, NULL, fixture_set_up, test_mouse_selection, fixture_tear_down);

  return g_test_run ();
}
