/* test-recurring.c — regular deals in the app: the card's "Ripetizione" page makes a template,
 * "Modelli ricorrenti" lists it, and a start-up with templates due while the app was closed
 * makes their deals and says how many were late
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-recurrence.h"
#include "ops/affari-recurring.h"
#include "ui/deal/affari-deal-card.h"
#include "ui/deal/affari-deal-card-recurrence.h"
#include "ui/deal/affari-deal-stage-bar.h"
#include "ui/recurring/affari-recurring-window.h"

#include "affari-test-harness.h"
#include "store/affari-store.h"

typedef struct {
  AffariTestApp base;
  gint64 deal_id;
  char *title;
  guint live;           /* live deals before the app started */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  affari_test_app_setup (&f->base, "recurring");
  affari_test_app_fill_demo (&f->base, 40, 9);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_free (f->title);
  affari_test_app_teardown (&f->base);
}

static gboolean
match_row_title (GtkWidget *widget, gconstpointer data)
{
  return ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
match_save_button (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

/* The templates the sample data made are not this test's: they go, with their hidden deals. */
static void
remove_sample_templates (AffariStore *store)
{
  g_autoptr(AffariDealOps) ops = affari_deal_ops_new (store);
  g_autoptr(AffariRecurring) recurring = affari_recurring_new (store, ops);
  g_autoptr(GPtrArray) templates = affari_recurring_list (recurring, NULL);

  for (guint i = 0; templates != NULL && i < templates->len; i++)
    g_assert_true (affari_recurring_delete (recurring, ((AffariRecurringTemplate *) g_ptr_array_index (templates, i))->id,
                                            NULL));
}

/* ---- the card's page ---- */

static void
card_page_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  g_autoptr(AffariDealOps) ops = affari_deal_ops_new (store);
  g_autoptr(AffariRecurring) recurring = affari_recurring_new (store, ops);
  g_autoptr(GPtrArray) templates = NULL;
  GObject *recurring_window = NULL;
  AffariRecurringTemplate *t;
  GtkWidget *card, *page, *mode_row, *save;
  guint live = affari_store_count_deals (store, NULL, NULL);
  g_autofree char *toast = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "deal.open", "x", f->deal_id));
  WAIT_UNTIL ((card = affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_DEAL_CARD)) != NULL
              && gtk_widget_get_mapped (card));
  g_assert_true (gtk_widget_activate_action (card, "card.show-page", "s", "recurrence"));
  WAIT_UNTIL ((page = affari_test_find_type (card, AFFARI_TYPE_DEAL_CARD_RECURRENCE)) != NULL
              && gtk_widget_get_mapped (page));

  /* "Non ripetere": nothing to save yet. */
  mode_row = affari_test_find_widget (page, match_row_title, C_("recurrence", "Repeat"));
  g_assert_nonnull (mode_row);
  save = affari_test_find_widget (page, match_save_button, "recurrence.save");
  g_assert_nonnull (save);
  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_true (affari_test_label_on_screen (page, _("Choose “Regularly” or “Only once” to make this deal a recurring template: a copy of it will create new deals.")));

  /* "Regolarmente", every month from today (the defaults): the next deal is today's. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (mode_row), AFFARI_RECURRENCE_MULTIPLE);
  affari_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_nonnull (affari_test_find_widget (page, match_row_title, _("Repeat interval")));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *day = g_date_time_format (now, "%d/%m/%Y");
    g_autofree char *next = g_strdup_printf (_("The next deal will be created on %s"), day);

    g_assert_true (affari_test_label_on_screen (page, next));
  }
  g_assert_true (gtk_widget_is_sensitive (save));
  g_signal_emit_by_name (save, "clicked");

  /* The template: a hidden copy of the deal, listed with its schedule. */
  templates = affari_recurring_list (recurring, NULL);
  g_assert_cmpuint (templates->len, ==, 1);
  t = g_ptr_array_index (templates, 0);
  g_assert_cmpint (t->based_id, ==, f->deal_id);
  g_assert_cmpstr (t->title, ==, f->title);
  g_assert_true (t->settings.mode == AFFARI_RECURRENCE_MULTIPLE && t->settings.unit == AFFARI_TIME_UNIT_MONTH);
  toast = g_strdup_printf (_("Recurring template #%s created"), "1");
  g_assert_cmpint (t->id, ==, 1);
  WAIT_BRIEFLY (affari_test_label_on_screen (page, toast));
  /* Saving ran it: today's deal was made (win.run-recurring), the template itself stays hidden. */
  g_assert_cmpuint (t->counter, ==, 1);
  g_assert_cmpuint (affari_store_count_deals (store, NULL, NULL), ==, live + 1);

  /* "Affari regolari" in the main menu: the window lists it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-recurring", NULL));
  WAIT_UNTIL (affari_test_find_toplevel (AFFARI_TYPE_RECURRING_WINDOW) != NULL);
  recurring_window = G_OBJECT (affari_test_find_toplevel (AFFARI_TYPE_RECURRING_WINDOW));
  g_object_add_weak_pointer (recurring_window, (gpointer *) &recurring_window);
  affari_test_wait_for_frame (GTK_WIDGET (recurring_window));
  WAIT_BRIEFLY (affari_test_find_widget (GTK_WIDGET (recurring_window), match_row_title, f->title) != NULL);

  /* Its card opens in the main window: a template's card, the stage not editable. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (recurring_window), "recurring.open", "x", t->deal_id));
  WAIT_UNTIL (affari_deal_card_get_deal_id (AFFARI_DEAL_CARD (card)) == t->deal_id);
  g_assert_false (gtk_widget_is_sensitive (affari_test_find_type (card, AFFARI_TYPE_DEAL_STAGE_BAR)));
  affari_test_assert_gone (&recurring_window, "the Modelli ricorrenti window");
}

static void
test_card_page (Fixture *f, gconstpointer data)
{
  AffariStore *store = affari_test_app_open_store (&f->base);
  g_autoptr(AffariDeal) deal = NULL;
  AffariDealQuery query = { 0 };
  g_autoptr(GArray) ids = NULL;

  remove_sample_templates (store);
  ids = affari_store_query_deal_ids (store, &query, NULL);
  g_assert_cmpuint (ids->len, >, 0);
  f->deal_id = g_array_index (ids, gint64, 0);
  deal = affari_store_get_deal (store, f->deal_id, NULL);
  f->title = g_strdup (affari_deal_get_title (deal));
  affari_store_close (store);
  g_object_unref (store);

  AFFARI_TEST_RUN (f, card_page_body);
}

/* ---- start-up with templates due ---- */

static void
startup_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  g_autofree char *late = g_strdup_printf (ngettext ("%u regular deal was late", "%u regular deals were late", 3), 3);

  /* Weekly from 20 days ago: the days 20, 13 and 6 days ago were missed; made now, reported. */
  WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (window), late));
  g_assert_cmpuint (affari_store_count_deals (store, NULL, NULL), ==, f->live + 3);
}

static void
test_startup_late (Fixture *f, gconstpointer data)
{
  AffariStore *store = affari_test_app_open_store (&f->base);
  g_autoptr(AffariDealOps) ops = affari_deal_ops_new (store);
  g_autoptr(AffariRecurring) recurring = affari_recurring_new (store, ops);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) noon = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                     g_date_time_get_day_of_month (now), 12, 0, 0);
  g_autoptr(GDateTime) then = g_date_time_add_days (noon, -20);
  g_autofree char *start = g_date_time_format (then, "%Y-%m-%d");
  AffariDealQuery query = { 0 };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  AffariRecurrence r;

  remove_sample_templates (store);
  ids = affari_store_query_deal_ids (store, &query, NULL);
  f->live = ids->len;
  /* Made 20 days ago, when the app was last open. */
  affari_store_set_now (store, g_date_time_to_unix (then));
  affari_recurrence_init_defaults (&r, start);
  r.unit = AFFARI_TIME_UNIT_WEEK;
  g_assert_cmpint (affari_recurring_create (recurring, g_array_index (ids, gint64, 0), &r, &error), >, 0);
  g_assert_no_error (error);
  g_clear_object (&recurring);
  g_clear_object (&ops);
  affari_store_close (store);
  g_object_unref (store);

  AFFARI_TEST_RUN (f, startup_body);
}

int
main (int argc, char *argv[])
{
  affari_test_init (&argc, &argv);

  g_test_add ("/ui/recurring/card-page", Fixture, NULL, fixture_set_up, test_card_page, fixture_tear_down);
  g_test_add ("/ui/recurring/startup-late", Fixture, NULL, fixture_set_up, test_startup_late, fixture_tear_down);

  return g_test_run ();
}
