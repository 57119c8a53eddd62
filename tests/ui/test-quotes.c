/* test-quotes.c — "Preventivi" in the real window: open it from the primary menu's action, see
 * the demo's quotes in the list, open one, "Crea affare" (the deal in the database with its
 * quote_id and history, one "Annulla" of the main window takes it back), its PDF; and "Crea
 * preventivo" from a deal card's menu
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "model/affari-money.h"
#include "ops/affari-quotes.h"
#include "store/affari-store-quotes.h"
#include "ui/deal/affari-deal-card.h"
#include "ui/quote/affari-quote-company-group.h"
#include "ui/settings/affari-preferences-window.h"
#include "ui/quote/affari-quote-editor.h"
#include "ui/quote/affari-quote-link-group.h"
#include "ui/quote/affari-quotes-window.h"

#include "affari-test-harness.h"
#include "store/affari-store.h"

typedef struct {
  AffariTestApp base;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  affari_test_app_setup (&f->base, "quotes");
  affari_test_app_fill_demo (&f->base, 120, 3);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  affari_test_app_teardown (&f->base);
}

/* The deals made from @quote_id that are not in the trash. */
static guint
count_deals_of (AffariStore *store, gint64 quote_id)
{
  g_autoptr(GArray) ids = affari_store_quote_deal_ids (store, quote_id, NULL);

  return ids != NULL ? ids->len : 0;
}

static AffariQuotesWindow *
open_quotes_window (AffariWindow *window)
{
  AffariQuotesWindow *quotes = NULL;

  WAIT_UNTIL ((quotes = (AffariQuotesWindow *) affari_test_find_toplevel (AFFARI_TYPE_QUOTES_WINDOW)) != NULL);
  affari_test_wait_for_frame (GTK_WIDGET (quotes));
  return quotes;
}

static void
list_and_create_deal_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  g_autoptr(GPtrArray) all = affari_store_quote_list (store, -1, NULL);
  g_autoptr(GPtrArray) sent = affari_store_quote_list (store, AFFARI_QUOTE_SENT, NULL);
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(GArray) made = NULL;
  g_autofree char *pdf = g_build_filename (f->base.dir, "preventivo.pdf", NULL);
  g_autofree char *heading = NULL;
  g_autofree char *history = NULL;
  AffariQuotesWindow *quotes;
  AffariQuote *quote;
  GtkWidget *editor, *card, *link;
  guint live = affari_store_count_deals (store, NULL, NULL);
  gint64 deal_id;

  g_assert_cmpuint (all->len, >, 0);
  g_assert_cmpuint (sent->len, >, 0);
  quote = g_ptr_array_index (sent, 0);
  g_assert_cmpuint (count_deals_of (store, quote->id), ==, 0);

  /* "Preventivi" in the primary menu is this action: every quote listed, the newest first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-quotes", NULL));
  quotes = open_quotes_window (window);
  g_object_add_weak_pointer (G_OBJECT (quotes), (gpointer *) &quotes);
  g_assert_cmpuint (affari_quotes_window_get_n_items (quotes), ==, all->len);
  WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (quotes), ((AffariQuote *) g_ptr_array_index (all, 0))->number));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (quotes), C_("quote column", "Valid Until")));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (quotes), C_("quote", "Sent")));

  /* The status filter: only the sent ones. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (affari_test_find_type (GTK_WIDGET (quotes), GTK_TYPE_DROP_DOWN)),
                              1 + AFFARI_QUOTE_SENT);
  g_assert_cmpuint (affari_quotes_window_get_n_items (quotes), ==, sent->len);

  /* Open it (what a click on its row does), as the editor shows it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (quotes), "quotes.open", "x", quote->id));
  editor = affari_quotes_window_get_editor (quotes);
  WAIT_UNTIL (gtk_widget_get_mapped (editor));
  g_assert_cmpint (affari_quote_editor_get_quote_id (AFFARI_QUOTE_EDITOR (editor)), ==, quote->id);
  heading = g_strdup_printf (_("Quote %s"), quote->number);
  WAIT_UNTIL (affari_test_label_on_screen (editor, heading));
  if (quote->client_name != NULL)
    g_assert_true (affari_test_label_on_screen (editor, quote->client_name));
  {
    g_autofree char *total = affari_money_format (quote->amount, quote->currency);

    g_assert_true (affari_test_label_on_screen (editor, total));
  }

  /* "Crea affare": the deal in the database, linked to the quote, with its history line. */
  g_assert_true (gtk_widget_activate_action (editor, "quote.create-deal", NULL));
  made = affari_store_quote_deal_ids (store, quote->id, NULL);
  g_assert_cmpuint (made->len, ==, 1);
  deal_id = g_array_index (made, gint64, 0);
  g_assert_cmpuint (affari_store_count_deals (store, NULL, NULL), ==, live + 1);
  deal = affari_store_get_deal (store, deal_id, NULL);
  g_assert_cmpint (affari_deal_get_quote_id (deal), ==, quote->id);
  g_assert_cmpstr (affari_deal_get_title (deal), ==, quote->title);
  g_assert_cmpint (affari_deal_get_amount (deal), ==, quote->amount);
  history = g_strdup_printf (_("Created from quote %s"), quote->number);
  {
    g_autoptr(GPtrArray) events = affari_store_list_events (store, deal_id, NULL);
    gboolean found = FALSE;

    for (guint i = 0; events != NULL && i < events->len; i++)
      found |= g_strcmp0 (affari_event_get_text (g_ptr_array_index (events, i)), history) == 0;
    g_assert_true (found);
  }
  WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (quotes), _("Deal created from the quote")));
  /* The editor lists the deal made from it. */
  WAIT_UNTIL (affari_test_label_on_screen (editor, _("Created from this quote")));

  /* Its PDF, where the file chooser would have put it. */
  g_assert_true (gtk_widget_activate_action (editor, "quote.pdf-to", "s", pdf));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  /* Back to the list; the window goes away with nothing keeping it. */
  g_assert_true (gtk_widget_activate_action (editor, "quotes.show-list", NULL));
  gtk_window_destroy (GTK_WINDOW (quotes));
  WAIT_UNTIL (quotes == NULL);

  /* The deal's card links to the quote; its row opens it in "Preventivi". */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "deal.open", "x", deal_id));
  WAIT_UNTIL ((card = affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_DEAL_CARD)) != NULL
              && gtk_widget_get_mapped (card));
  WAIT_UNTIL (affari_test_label_on_screen (card, heading));
  link = affari_test_find_type (affari_test_find_type (card, AFFARI_TYPE_QUOTE_LINK_GROUP), ADW_TYPE_ACTION_ROW);
  g_assert_true (gtk_widget_activate (link));
  quotes = open_quotes_window (window);
  g_object_add_weak_pointer (G_OBJECT (quotes), (gpointer *) &quotes);
  editor = affari_quotes_window_get_editor (quotes);
  WAIT_UNTIL (gtk_widget_get_mapped (editor));
  g_assert_cmpint (affari_quote_editor_get_quote_id (AFFARI_QUOTE_EDITOR (editor)), ==, quote->id);
  gtk_window_destroy (GTK_WINDOW (quotes));
  WAIT_UNTIL (quotes == NULL);

  /* One step of the main window's history: "Annulla" takes the deal away. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  affari_test_settle ();
  g_assert_cmpuint (count_deals_of (store, quote->id), ==, 0);
  g_assert_cmpuint (affari_store_count_deals (store, NULL, NULL), ==, live);
}

static gint64
deal_with_rows (AffariStore *store)
{
  AffariDealQuery query = { 0 };
  g_autoptr(GPtrArray) deals = affari_store_query_deals (store, &query, 0, 200, NULL);

  for (guint i = 0; i < deals->len; i++)
    {
      gint64 id = affari_deal_get_id (g_ptr_array_index (deals, i));
      g_autoptr(GArray) rows = affari_store_list_product_rows (store, id, NULL);

      if (rows != NULL && rows->len > 0 && affari_deal_get_company_id (g_ptr_array_index (deals, i)) > 0)
        return id;
    }
  return 0;
}

static void
from_card_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  gint64 deal_id = deal_with_rows (store);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GArray) deal_rows = NULL;
  g_autoptr(GArray) quote_rows = NULL;
  g_autoptr(AffariDeal) deal = NULL;
  AffariQuotesWindow *quotes;
  AffariQuote *quote;
  GtkWidget *card, *editor;

  g_assert_cmpint (deal_id, >, 0);
  before = affari_store_quote_list_for_deal (store, deal_id, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "deal.open", "x", deal_id));
  WAIT_UNTIL ((card = affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_DEAL_CARD)) != NULL
              && gtk_widget_get_mapped (card));

  /* "Crea preventivo" in the card's menu: the action found from the card, up to the window. */
  g_assert_true (gtk_widget_activate_action (card, "win.quote-from-card", NULL));
  quotes = open_quotes_window (window);
  g_object_add_weak_pointer (G_OBJECT (quotes), (gpointer *) &quotes);
  editor = affari_quotes_window_get_editor (quotes);
  WAIT_UNTIL (gtk_widget_get_mapped (editor));

  after = affari_store_quote_list_for_deal (store, deal_id, NULL);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  quote = g_ptr_array_index (after, 0);
  g_assert_cmpint (affari_quote_editor_get_quote_id (AFFARI_QUOTE_EDITOR (editor)), ==, quote->id);
  deal = affari_store_get_deal (store, deal_id, NULL);
  g_assert_cmpint (quote->company_id, ==, affari_deal_get_company_id (deal));
  g_assert_cmpstr (quote->title, ==, affari_deal_get_title (deal));
  g_assert_cmpint (quote->amount, ==, affari_deal_get_amount (deal));
  deal_rows = affari_store_list_product_rows (store, deal_id, NULL);
  quote_rows = affari_store_quote_rows (store, quote->id, NULL);
  g_assert_cmpuint (quote_rows->len, ==, deal_rows->len);
  g_assert_true (affari_test_label_on_screen (editor, _("The quote was made for this deal")));

  /* A title typed in the editor is saved with "Salva". */
  gtk_editable_set_text (GTK_EDITABLE (affari_test_find_type (editor, ADW_TYPE_ENTRY_ROW)), "Offerta rivista");
  g_assert_true (gtk_widget_activate_action (editor, "quote.save", NULL));
  {
    g_autoptr(AffariQuote) saved = affari_store_quote_get (store, quote->id, NULL);

    g_assert_cmpstr (saved->title, ==, "Offerta rivista");
  }

  gtk_window_destroy (GTK_WINDOW (quotes));
  WAIT_UNTIL (quotes == NULL);
}

/* "La tua azienda" in Preferenze: the demo's company shown, a new name saved when applied. */
static void
company_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  g_autofree char *name = NULL;
  GtkWindow *preferences = NULL;
  GtkWidget *group, *row;

  g_action_group_activate_action (G_ACTION_GROUP (f->base.app), "preferences", NULL);
  WAIT_UNTIL ((preferences = affari_test_find_toplevel (AFFARI_TYPE_PREFERENCES_WINDOW)) != NULL);
  g_object_add_weak_pointer (G_OBJECT (preferences), (gpointer *) &preferences);
  affari_test_wait_for_frame (GTK_WIDGET (preferences));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (preferences), _("Your Company")));
  group = affari_test_find_type (GTK_WIDGET (preferences), AFFARI_TYPE_QUOTE_COMPANY_GROUP);
  row = affari_test_find_type (group, ADW_TYPE_ENTRY_ROW);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Rossi Forniture S.r.l.");
  gtk_editable_set_text (GTK_EDITABLE (row), "Bianchi Impianti S.p.A.");
  g_signal_emit_by_name (row, "apply");
  name = affari_store_get_setting (store, "my_company_name");
  g_assert_cmpstr (name, ==, "Bianchi Impianti S.p.A.");
  gtk_window_destroy (preferences);
  WAIT_UNTIL (preferences == NULL);
}

static void
test_company (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, company_body);
}

static void
test_list_and_create_deal (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, list_and_create_deal_body);
}

static void
test_from_card (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, from_card_body);
}

int
main (int argc, char *argv[])
{
  affari_test_init (&argc, &argv);

  g_test_add ("/quotes/list-and-create-deal", Fixture, NULL, fixture_set_up, test_list_and_create_deal, fixture_tear_down);
  g_test_add ("/quotes/company", Fixture, NULL, fixture_set_up, test_company, fixture_tear_down);
  g_test_add ("/quotes/from-card", Fixture, NULL, fixture_set_up, test_from_card, fixture_tear_down);

  return g_test_run ();
}
