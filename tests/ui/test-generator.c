/* test-generator.c — "Generatore di vendite" in the real window: open it from the window's
 * action, pick a segment, see its live count and the preview, create the deals, check the
 * database, and take the whole run back with the main window's "Annulla"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-segment.h"
#include "ops/affari-generator.h"
#include "ui/generator/affari-generator-window.h"

#include "affari-test-harness.h"
#include "store/affari-store.h"

typedef struct {
  AffariTestApp base;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  affari_test_app_setup (&f->base, "generator");
  affari_test_app_fill_demo (&f->base, 150, 5);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  affari_test_app_teardown (&f->base);
}

static gboolean
match_mapped_button_label (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static guint
count_live (AffariStore *store)
{
  AffariDealQuery query = { 0 };

  return affari_store_count_deals (store, &query, NULL);
}

static guint
count_generated (AffariStore *store)
{
  AffariDealQuery query = { 0 };
  g_autoptr(GPtrArray) deals = affari_store_query_deals (store, &query, 0, 100000, NULL);
  guint n = 0;

  for (guint i = 0; i < deals->len; i++)
    n += g_strcmp0 (affari_deal_get_source_id (g_ptr_array_index (deals, i)), "RC_GENERATOR") == 0;
  return n;
}

static void
generator_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariGeneratorWindow *generator;
  AffariSegmentSpec spec;
  g_autofree char *button = NULL;
  GtkWidget *undo;
  guint expected = 0, n_create = 0, n_skip = 0, before = count_live (store), generated = count_generated (store);

  g_assert_true (affari_segment_spec_init_from_code (&spec, "crm_client_deal_won"));
  g_assert_true (affari_generator_count (store, &spec, &expected, NULL));
  g_assert_cmpuint (expected, >, 0);

  /* "Generatore di vendite…" in the primary menu is this action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-generator", NULL));
  WAIT_UNTIL ((generator = (AffariGeneratorWindow *) affari_test_find_toplevel (AFFARI_TYPE_GENERATOR_WINDOW)) != NULL);
  g_object_add_weak_pointer (G_OBJECT (generator), (gpointer *) &generator);
  affari_test_wait_for_frame (GTK_WIDGET (generator));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (generator), _("Clients with a won deal")));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (generator), _("Buy every year")));

  /* The live counts, before anything is created. */
  WAIT_UNTIL (affari_generator_window_get_count (generator, "crm_client_deal_won") != G_MAXUINT);
  g_assert_cmpuint (affari_generator_window_get_count (generator, "crm_client_deal_won"), ==, expected);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (generator), "generator.select", "s", "crm_client_deal_won"));
  WAIT_UNTIL (affari_generator_window_get_preview (generator, &n_create, &n_skip));
  g_assert_cmpuint (n_create + n_skip, ==, expected);
  g_assert_cmpuint (n_create, >, 0);
  g_assert_cmpuint (count_live (store), ==, before);
  button = g_strdup_printf (ngettext ("Create %u Deal", "Create %u Deals", n_create), n_create);
  WAIT_UNTIL (affari_test_find_widget (GTK_WIDGET (generator), match_mapped_button_label, button) != NULL);
  if (n_skip > 0)
    WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (generator), _("already has a deal in progress")));

  /* Create: one transaction, the deals in the database. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (generator), "generator.create", NULL));
  g_assert_cmpuint (count_live (store), ==, before + n_create);
  g_assert_cmpuint (count_generated (store), ==, generated + n_create);
  /* The preview follows the workspace: now everyone has a deal in progress. */
  WAIT_UNTIL (affari_generator_window_get_preview (generator, &n_create, &n_skip) && n_create == 0);

  /* The main window's toast: one "Annulla" takes the whole run back. */
  gtk_window_destroy (GTK_WINDOW (generator));
  WAIT_UNTIL (generator == NULL);
  WAIT_UNTIL ((undo = affari_test_find_widget (GTK_WIDGET (window), match_mapped_button_label, _("_Undo"))) != NULL);
  g_signal_emit_by_name (undo, "clicked");
  affari_test_settle ();
  g_assert_cmpuint (count_live (store), ==, before);
  g_assert_cmpuint (count_generated (store), ==, generated);
  affari_segment_spec_clear (&spec);
}

static guint
first_generator_runs (AffariStore *store)
{
  g_autoptr(GArray) saved = affari_generator_list_saved (store, NULL);

  return saved->len > 0 ? g_array_index (saved, AffariSavedGenerator, 0).runs : 0;
}

/* A saved generator due today runs by itself soon after start-up, once, with a toast. */
static void
scheduled_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  g_autoptr(GArray) saved = NULL;
  g_autofree char *toast = NULL;
  const AffariSavedGenerator *g;
  GDate today, next;
  g_autofree char *next_day = NULL;

  WAIT_UNTIL (first_generator_runs (store) == 1);
  saved = affari_generator_list_saved (store, NULL);
  g = &g_array_index (saved, AffariSavedGenerator, 0);
  g_assert_cmpuint (g->created_deals, >, 0);
  affari_segment_day_of (affari_store_now (store), &today);
  next = today;
  g_date_add_days (&next, 7);
  next_day = affari_segment_format_day (&next);
  g_assert_cmpstr (g->next_run, ==, next_day);
  toast = g_strdup_printf (ngettext ("The sales generator created %u deal", "The sales generator created %u deals",
                                     g->created_deals), g->created_deals);
  WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (window), toast));
}

static void
test_scheduled (Fixture *f, gconstpointer data)
{
  AffariStore *store = affari_test_app_open_store (&f->base);
  AffariSegmentSpec spec;
  AffariGeneratorSettings settings;
  AffariSchedule schedule = { AFFARI_SCHEDULE_EVERY_DAYS, 7, 0, 0 };
  GDate today;

  g_assert_true (affari_segment_spec_init_from_code (&spec, "crm_client_deal_won"));
  affari_generator_settings_init (&settings);
  affari_segment_day_of (affari_store_now (store), &today);
  g_assert_cmpint (affari_generator_save (store, "Ogni settimana", &spec, &settings, &schedule, &today, NULL), >, 0);
  affari_segment_spec_clear (&spec);
  affari_generator_settings_clear (&settings);
  g_assert_finalize_object (store);
  AFFARI_TEST_RUN (f, scheduled_body);
}

static void
test_generator (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, generator_body);
}

int
main (int argc, char *argv[])
{
  affari_test_init (&argc, &argv);
  g_test_add ("/generator/create-and-undo", Fixture, NULL, fixture_set_up, test_generator, fixture_tear_down);
  g_test_add ("/generator/scheduled-at-start-up", Fixture, NULL, fixture_set_up, test_scheduled, fixture_tear_down);
  return g_test_run ();
}
