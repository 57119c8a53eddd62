/* test-forecast.c — "Vendite ricorrenti previste" in the real window: opened from its action, the
 * fit runs in a thread and the list appears; two clients selected and "Crea affari" make two
 * deals (checked in the database), which the main window's Ctrl+Z takes back; "Verifica il
 * modello" draws its chart; the window dies when closed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "affari-test-harness.h"
#include "model/affari-deal.h"
#include "model/affari-stage.h"
#include "ops/affari-forecast.h"
#include "store/affari-store.h"
#include "ui/forecast/affari-forecast-chart.h"
#include "ui/forecast/affari-forecast-window.h"

typedef struct {
  AffariTestApp base;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  affari_test_app_setup (&f->base, "forecast");
  /* Enough clients who bought more than once for the model (at least 50 and 20). */
  affari_test_app_fill_demo (&f->base, 3000, 11);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  affari_test_app_teardown (&f->base);
}

/* The live deals proposed here as repeat sales (the sample data has other deals of that source). */
static GPtrArray *
repeat_sales (AffariStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) deals = affari_store_query_deals (store, NULL, 0, 0, &error);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < deals->len; i++)
    if (g_strcmp0 (affari_deal_get_source_id (g_ptr_array_index (deals, i)), "REPEAT_SALE") == 0
        && g_str_has_prefix (affari_deal_get_title (g_ptr_array_index (deals, i)), "Vendita ricorrente – "))
      g_ptr_array_add (found, g_object_ref (g_ptr_array_index (deals, i)));
  return found;
}

static void
forecast_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  g_autoptr(GPtrArray) created = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(AffariForecastClient) first = NULL;
  g_autoptr(AffariForecastClient) second = NULL;
  GtkWindow *forecast_window;
  GtkColumnView *view;
  GtkSelectionModel *model;
  GtkWidget *chart;
  AdwViewStack *pages;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-forecast", NULL));
  WAIT_UNTIL ((forecast_window = affari_test_find_toplevel (AFFARI_TYPE_FORECAST_WINDOW)) != NULL);
  view = GTK_COLUMN_VIEW (affari_test_find_type (GTK_WIDGET (forecast_window), GTK_TYPE_COLUMN_VIEW));
  g_assert_nonnull (view);
  /* The fit runs in its thread; then the ranked clients are on screen. */
  WAIT_UNTIL (gtk_column_view_get_model (view) != NULL
              && g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))) >= 2
              && gtk_widget_get_mapped (GTK_WIDGET (view)));
  affari_test_wait_for_frame (GTK_WIDGET (forecast_window));
  model = gtk_column_view_get_model (view);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  second = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (forecast_window), affari_forecast_client_get_name (first)));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (forecast_window), "Probabilità attivo"));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (forecast_window), "Acquisti previsti (90 giorni)"));

  /* Nothing selected: nothing to create. */
  gtk_widget_activate_action (GTK_WIDGET (forecast_window), "forecast.create-deals", NULL);
  created = repeat_sales (store);
  g_assert_cmpuint (created->len, ==, 0);
  g_clear_pointer (&created, g_ptr_array_unref);

  /* Two clients, as a click and a Ctrl+click select them. */
  g_assert_true (gtk_selection_model_select_item (model, 0, TRUE));
  g_assert_true (gtk_selection_model_select_item (model, 1, FALSE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (forecast_window), "forecast.create-deals", NULL));

  created = repeat_sales (store);
  g_assert_cmpuint (created->len, ==, 2);
  stages = affari_store_list_stages (store, affari_deal_get_pipeline_id (g_ptr_array_index (created, 0)), NULL);
  for (guint i = 0; i < created->len; i++)
    {
      AffariDeal *deal = g_ptr_array_index (created, i);
      AffariForecastClient *client = affari_deal_get_company_id (deal) == affari_forecast_client_get_company_id (first)
                                     && affari_forecast_client_get_company_id (first) != 0 ? first : second;
      g_autofree char *title = g_strdup_printf ("Vendita ricorrente – %s", affari_forecast_client_get_name (client));

      g_assert_cmpstr (affari_deal_get_title (deal), ==, title);
      g_assert_cmpint (affari_deal_get_stage_id (deal), ==, affari_stage_get_id (g_ptr_array_index (stages, 0)));
      g_assert_false (affari_deal_get_closed (deal));
    }
  /* They have an open deal now: the refreshed list no longer proposes them. */
  WAIT_UNTIL (gtk_column_view_get_model (view) != model);
  model = gtk_column_view_get_model (view);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(AffariForecastClient) client = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_false (affari_forecast_client_get_company_id (client) == affari_forecast_client_get_company_id (first)
                      && affari_forecast_client_get_contact_id (client) == affari_forecast_client_get_contact_id (first));
    }

  /* The toast's Annulla takes both back (one step), and the clients are proposed again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (forecast_window), "forecast.undo", NULL));
  g_clear_pointer (&created, g_ptr_array_unref);
  created = repeat_sales (store);
  g_assert_cmpuint (created->len, ==, 0);
  WAIT_UNTIL (gtk_column_view_get_model (view) != model);
  model = gtk_column_view_get_model (view);
  {
    gboolean proposed = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
      {
        g_autoptr(AffariForecastClient) client = g_list_model_get_item (G_LIST_MODEL (model), i);

        proposed |= affari_forecast_client_get_company_id (client) == affari_forecast_client_get_company_id (first)
                    && affari_forecast_client_get_contact_id (client) == affari_forecast_client_get_contact_id (first);
      }
    g_assert_true (proposed);
  }

  /* "Verifica il modello": the default cut-off, the chart drawn. */
  pages = ADW_VIEW_STACK (affari_test_find_type (GTK_WIDGET (forecast_window), ADW_TYPE_VIEW_STACK));
  adw_view_stack_set_visible_child_name (pages, "check");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (forecast_window), "forecast.check", NULL));
  chart = affari_test_find_type (GTK_WIDGET (forecast_window), AFFARI_TYPE_FORECAST_CHART);
  WAIT_UNTIL (gtk_widget_get_mapped (chart));
  affari_test_wait_for_frame (GTK_WIDGET (forecast_window));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (forecast_window), "Verifica il modello"));

  g_object_add_weak_pointer (G_OBJECT (forecast_window), (gpointer *) &forecast_window);
  gtk_window_close (forecast_window);
  affari_test_assert_gone ((GObject **) &forecast_window, "the forecast window");

  /* The creation is one step of the main window's history too: redone there, then undone. */
  affari_test_press_shortcut (GTK_WIDGET (window), "<Shift><Control>z");
  g_clear_pointer (&created, g_ptr_array_unref);
  created = repeat_sales (store);
  g_assert_cmpuint (created->len, ==, 2);
  affari_test_press_shortcut (GTK_WIDGET (window), "<Control>z");
  g_clear_pointer (&created, g_ptr_array_unref);
  created = repeat_sales (store);
  g_assert_cmpuint (created->len, ==, 0);
}

static void
test_forecast_window (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, forecast_body);
}

/* Closed while the fit runs: the thread is cancelled and the window dies all the same. */
static void
close_early_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  GtkWindow *forecast_window;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-forecast", NULL));
  WAIT_UNTIL ((forecast_window = affari_test_find_toplevel (AFFARI_TYPE_FORECAST_WINDOW)) != NULL);
  g_object_add_weak_pointer (G_OBJECT (forecast_window), (gpointer *) &forecast_window);
  gtk_window_close (forecast_window);
  affari_test_assert_gone ((GObject **) &forecast_window, "the forecast window closed early");
}

static void
test_close_early (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, close_early_body);
}

int
main (int argc, char *argv[])
{
  affari_test_init (&argc, &argv);

  g_test_add ("/ui/forecast/create-deals", Fixture, NULL, fixture_set_up, test_forecast_window, fixture_tear_down);
  g_test_add ("/ui/forecast/close-early", Fixture, NULL, fixture_set_up, test_close_early, fixture_tear_down);

  return g_test_run ();
}
