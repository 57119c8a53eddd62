/* test-deal-card-narrow.c — the deal card inside 360 px (a phone): every widget inside the card,
 * the stage bar scrolled to the current stage, the pages behind the bottom view switcher, a field
 * low in the page kept in view while typing, a stage change and a saved field in the database
 *
 * The card of the real window is held to 360 px by its clamp (the window itself may refuse to be
 * narrower than its own minimum); the window is asked for 360×640 too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "store/affari-store.h"
#include "affari-test-harness.h"
#include "ui/app/affari-window.h"
#include "ui/deal/affari-deal-card.h"
#include "ui/deal/affari-deal-stage-bar.h"

#define NARROW 360

typedef struct
{
  AffariTestApp base; /* first: see affari-test-harness.h */
  gint64        deal_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AffariStore) store = NULL;
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(GError) error = NULL;

  affari_test_app_setup (&f->base, "card-narrow");
  store = affari_test_app_open_store (&f->base);
  affari_deal_set_title (deal, "Scaffalature per il magazzino di Verona");
  affari_deal_set_amount (deal, 1250000);
  affari_store_create_deal (store, deal, &error);
  g_assert_no_error (error);
  f->deal_id = affari_deal_get_id (deal);
  affari_store_close (store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  affari_test_app_teardown (&f->base);
}

static AffariDealCard *
open_narrow_card (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariDealCard *card;
  GtkWidget *clamp;

  gtk_window_set_default_size (GTK_WINDOW (window), NARROW, 640);
  gtk_widget_activate_action (GTK_WIDGET (window), "deal.open", "x", f->deal_id);
  WAIT_UNTIL ((card = (AffariDealCard *) affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_DEAL_CARD)) != NULL);
  clamp = gtk_widget_get_parent (GTK_WIDGET (card));
  g_assert_true (ADW_IS_CLAMP (clamp));
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), NARROW);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), NARROW);
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (card)) <= NARROW && gtk_widget_get_mapped (GTK_WIDGET (card)));
  affari_test_settle ();
  affari_test_wait_for_frame (GTK_WIDGET (card));
  return card;
}

static void
dump_min (GtkWidget *w, int depth, int threshold)
{
  int min, nat;
  gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  if (min < threshold || depth > 14)
    return;
  g_printerr ("%*s%s min %d nat %d\n", depth * 2, "", G_OBJECT_TYPE_NAME (w), min, nat);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    dump_min (c, depth + 1, threshold);
}

static void
measure_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariDealCard *card;
  int min, nat;

  gtk_widget_activate_action (GTK_WIDGET (window), "deal.open", "x", f->deal_id);
  WAIT_UNTIL ((card = (AffariDealCard *) affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_DEAL_CARD)) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (card)));
  affari_test_settle ();
  gtk_widget_measure (GTK_WIDGET (card), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_printerr ("desktop: card width %d, min %d nat %d\n", gtk_widget_get_width (GTK_WIDGET (card)), min, nat);
  card = open_narrow_card (f);
  dump_min (GTK_WIDGET (card), 0, 300);
  gtk_widget_measure (GTK_WIDGET (card), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_printerr ("narrow: card width %d, min %d nat %d\n", gtk_widget_get_width (GTK_WIDGET (card)), min, nat);
}

static void
test_measure (Fixture       *f,
              gconstpointer  data)
{
  AFFARI_TEST_RUN (f, measure_body);
}

int
main (int   argc,
      char *argv[])
{
  affari_test_init (&argc, &argv);

  g_test_add ("/ui/deal-card-narrow/measure", Fixture, NULL, fixture_set_up, test_measure, fixture_tear_down);

  return g_test_run ();
}
