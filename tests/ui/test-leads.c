/* test-leads.c — the Lead section in the real window: switch to it from the window's action (the
 * primary menu's "Lead"), the board shows the lead statuses and "Nuovo lead"; open a lead, convert
 * it through the card's "Converti…" and the dialog, check the database, see the card link to the
 * deal, and take the conversion back with the toast's "Annulla"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "store/affari-store-leads.h"
#include "ui/deal/affari-deal-card.h"
#include "ui/deal/affari-deal-card-lead.h"
#include "ui/lead/affari-lead-convert-dialog.h"

#include "affari-test-harness.h"
#include "store/affari-store.h"

typedef struct {
  AffariTestApp base;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  affari_test_app_setup (&f->base, "leads");
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

/* A new lead of the sample data, not converted (other than @except). */
static gint64
first_new_lead (AffariStore *store, gint64 except)
{
  g_autoptr(GPtrArray) rows = affari_store_list_leads (store, NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      AffariLeadRow *row = g_ptr_array_index (rows, i);

      if (g_str_equal (row->status_code, "NEW") && row->lead->converted_deal_id == 0 && row->lead->deal_id != except)
        return row->lead->deal_id;
    }
  return 0;
}

static gint64
converted_deal (AffariStore *store, gint64 lead_id)
{
  g_autoptr(AffariLead) lead = affari_store_get_lead (store, lead_id, NULL);

  return lead != NULL ? lead->converted_deal_id : -1;
}

static void
leads_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  gint64 lead_pipeline = affari_store_get_lead_pipeline_id (store);
  gint64 lead_id = first_new_lead (store, 0), deal_id;
  g_autoptr(AffariDeal) lead_before = NULL;
  g_autoptr(AffariDeal) lead_after = NULL;
  g_autoptr(AffariDeal) deal = NULL;
  g_autofree char *number = NULL;
  g_autofree char *link = NULL;
  GtkWindow *dialog;
  GtkWidget *card, *lead_page, *undo;
  guint deals_before;
  AffariDealQuery all = { 0 };

  g_assert_cmpint (lead_pipeline, >, 0);
  g_assert_cmpint (lead_id, >, 0);
  deals_before = affari_store_count_deals (store, &all, NULL);

  /* "Lead" in the primary menu: the lead pipeline on the same board, its statuses as columns. */
  g_assert_cmpint (affari_window_get_pipeline_id (window), !=, lead_pipeline);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-leads", NULL));
  g_assert_cmpint (affari_window_get_pipeline_id (window), ==, lead_pipeline);
  WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (window), g_dpgettext2 (NULL, "lead status", "In progress")));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (window), g_dpgettext2 (NULL, "lead status", "Processed")));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (window), _("New Lead")));
  g_assert_false (affari_test_label_on_screen (GTK_WIDGET (window), _("New Deal")));

  /* Open the lead: its card has the Lead page with "Converti…". */
  lead_before = affari_store_get_deal (store, lead_id, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "deal.open", "x", lead_id));
  WAIT_UNTIL ((card = affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_DEAL_CARD)) != NULL &&
              gtk_widget_get_mapped (card));
  lead_page = affari_test_find_type (card, AFFARI_TYPE_DEAL_CARD_LEAD);
  g_assert_nonnull (lead_page);
  g_assert_true (gtk_widget_activate_action (card, "card.show-page", "s", "lead"));
  WAIT_UNTIL (affari_test_label_on_screen (card, _("Convert into a Deal")));
  /* A lead is not made recurring: no Ripetizione page on its card. */
  {
    AdwViewStack *pages = ADW_VIEW_STACK (affari_test_find_type (card, ADW_TYPE_VIEW_STACK));
    GtkWidget *recurrence = adw_view_stack_get_child_by_name (pages, "recurrence");

    g_assert_false (adw_view_stack_page_get_visible (adw_view_stack_get_page (pages, recurrence)));
  }
  /* It speaks of a lead: the stage bar's last step and the General page's first section. */
  g_assert_true (affari_test_label_on_screen (card, _("Close Lead")));
  g_assert_false (affari_test_label_on_screen (card, _("Close Deal")));
  g_assert_true (gtk_widget_activate_action (card, "card.show-page", "s", "general"));
  WAIT_UNTIL (affari_test_label_on_screen (card, _("About the Lead")));
  g_assert_true (gtk_widget_activate_action (card, "card.show-page", "s", "lead"));
  WAIT_UNTIL (affari_test_label_on_screen (card, _("Convert into a Deal")));

  /* Converti… → the dialog, pre-filled; Converti. */
  g_assert_true (gtk_widget_activate_action (lead_page, "lead.convert", NULL));
  WAIT_UNTIL ((dialog = affari_test_find_toplevel (AFFARI_TYPE_LEAD_CONVERT_DIALOG)) != NULL);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  affari_test_wait_for_frame (GTK_WIDGET (dialog));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (dialog), affari_deal_get_title (lead_before)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "convert.convert", NULL));
  WAIT_UNTIL (dialog == NULL);

  /* The database: a new deal in the default pipeline's first stage, both linked, the lead converted. */
  deal_id = converted_deal (store, lead_id);
  g_assert_cmpint (deal_id, >, 0);
  deal = affari_store_get_deal (store, deal_id, NULL);
  g_assert_nonnull (deal);
  g_assert_cmpint (affari_deal_get_lead_id (deal), ==, lead_id);
  g_assert_cmpint (affari_deal_get_pipeline_id (deal), ==, affari_store_get_default_pipeline_id (store));
  g_assert_cmpstr (affari_deal_get_title (deal), ==, affari_deal_get_title (lead_before));
  g_assert_cmpint (affari_deal_get_amount (deal), ==, affari_deal_get_amount (lead_before));
  lead_after = affari_store_get_deal (store, lead_id, NULL);
  g_assert_cmpint (affari_deal_get_stage_id (lead_after), ==, affari_store_find_stage_by_code (store, lead_pipeline, "CONVERTED"));
  g_assert_cmpuint (affari_store_count_deals (store, &all, NULL), ==, deals_before + 1);

  /* The card of the lead now links to the deal. */
  number = g_strdup_printf ("%" G_GINT64_FORMAT, deal_id);
  link = g_strdup_printf (_("Converted into deal #%s"), number);
  WAIT_UNTIL (affari_test_label_on_screen (card, link));

  /* One "Annulla" takes it all back. */
  WAIT_UNTIL ((undo = affari_test_find_widget (GTK_WIDGET (window), match_mapped_button_label, _("_Undo"))) != NULL);
  g_signal_emit_by_name (undo, "clicked");
  affari_test_settle ();
  g_assert_cmpint (converted_deal (store, lead_id), ==, 0);
  g_assert_cmpuint (affari_store_count_deals (store, &all, NULL), ==, deals_before);
  g_clear_object (&lead_after);
  lead_after = affari_store_get_deal (store, lead_id, NULL);
  g_assert_cmpint (affari_deal_get_stage_id (lead_after), ==, affari_deal_get_stage_id (lead_before));
  WAIT_UNTIL (affari_test_label_on_screen (card, _("Convert into a Deal")));

  /* "Spazzatura" asks why, as a lost deal does; the reason goes into the history. */
  {
    gint64 junk_id = first_new_lead (store, lead_id);
    gint64 junk_stage = affari_store_find_stage_by_code (store, lead_pipeline, "JUNK");
    g_autoptr(GPtrArray) events = NULL;
    g_autoptr(AffariDeal) junk = NULL;
    AdwMessageDialog *question;
    GtkWidget *entry;
    gboolean found = FALSE;

    g_assert_cmpint (junk_id, >, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "deal.move", "(@axxi)",
                                               g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, &junk_id, 1, sizeof (gint64)),
                                               junk_stage, 0));
    WAIT_UNTIL ((question = (AdwMessageDialog *) affari_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
    entry = affari_test_find_type (GTK_WIDGET (question), GTK_TYPE_ENTRY);
    g_assert_nonnull (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "Numero inesistente");
    adw_message_dialog_response (question, "move");
    gtk_window_close (GTK_WINDOW (question));
    junk = affari_store_get_deal (store, junk_id, NULL);
    g_assert_cmpint (affari_deal_get_stage_id (junk), ==, junk_stage);
    events = affari_store_list_events (store, junk_id, NULL);
    for (guint i = 0; i < events->len; i++)
      found |= strstr (affari_event_get_text (g_ptr_array_index (events, i)), "Numero inesistente") != NULL;
    g_assert_true (found);
    WAIT_UNTIL (affari_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);
  }

  /* "Nuovo lead" (Ctrl+N) opens a card for a new lead in the lead pipeline. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-deal", NULL));
  WAIT_UNTIL ((card = affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_DEAL_CARD)) != NULL &&
              gtk_widget_get_mapped (card));
  WAIT_UNTIL (affari_test_label_on_screen (card, _("New Lead")));
  g_assert_true (affari_test_label_on_screen (card, g_dpgettext2 (NULL, "lead status", "Processed")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-deal", NULL));
  WAIT_UNTIL (!gtk_widget_get_mapped (card));
}

static void
test_leads (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, leads_body);
}

int
main (int argc, char *argv[])
{
  affari_test_init (&argc, &argv);
  g_test_add ("/leads/switch-open-convert-undo", Fixture, NULL, fixture_set_up, test_leads, fixture_tear_down);
  return g_test_run ();
}
