/* test-validation.c — the store enforces the card's rules itself, and the parsers of amounts,
 * dates and searches hold up against anything typed (a fuzz test with a fixed seed)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "io/affari-demo.h"
#include "model/affari-i18n.h"
#include "model/affari-money.h"
#include "store/affari-store.h"

static AffariStore *
new_store (guint n_deals)
{
  g_autoptr(GError) error = NULL;
  AffariStore *store = affari_store_open (NULL, &error);

  g_assert_no_error (error);
  if (n_deals > 0)
    {
      g_assert_true (affari_demo_generate (store, n_deals, 11, &error));
      g_assert_no_error (error);
    }
  return store;
}

static void
assert_refused (AffariStore *store, const char *title, gint64 amount, const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDeal) deal = affari_deal_new ();

  affari_deal_set_title (deal, title);
  affari_deal_set_amount (deal, amount);
  g_assert_false (affari_store_create_deal (store, deal, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpint (affari_store_count_deals (store, NULL, NULL), ==, 0);
}

/* Titles with a terminal's escapes or line breaks, and negative amounts, are refused by the
 * store itself (the command line and the importers do not pass through the card), with the
 * card's sentences. */
static void
test_store_rules (void)
{
  g_autoptr(AffariStore) store = new_store (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autofree char *controls = g_strdup_printf (_("%s contains control characters"), _("The title"));
  g_autofree char *lines = g_strdup_printf (_("%s must be one line"), _("The title"));

  assert_refused (store, "\x1b[31mRossi Srl\x1b[0m", 100, controls);
  assert_refused (store, "Rossi\x07", 100, controls);
  assert_refused (store, "Rossi\nSrl", 100, lines);
  assert_refused (store, "Rossi Srl", -100, _("The amount cannot be negative"));

  /* An edit is held to the same rules. */
  affari_deal_set_title (deal, "Rossi Srl");
  affari_deal_set_amount (deal, 100);
  g_assert_true (affari_store_create_deal (store, deal, &error));
  g_assert_no_error (error);
  affari_deal_set_title (deal, "Rossi\x1b]0;pwned\x07");
  g_assert_false (affari_store_update_deal (store, deal, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autoptr(AffariDeal) stored = affari_store_get_deal (store, affari_deal_get_id (deal), &error);

    g_assert_cmpstr (affari_deal_get_title (stored), ==, "Rossi Srl");
  }
}

static char *
random_text (const char * const *pieces, guint n_pieces, guint max_len)
{
  GString *text = g_string_new (NULL);
  guint n = (guint) g_test_rand_int_range (0, (gint32) max_len + 1);

  for (guint i = 0; i < n; i++)
    g_string_append (text, pieces[g_test_rand_int_range (0, (gint32) n_pieces)]);
  return g_string_free (text, FALSE);
}

/* Whatever is typed as an amount either fails with a sentence, or reads as a number that reads
 * back the same once written out. */
static void
test_fuzz_amount (void)
{
  static const char * const pieces[] = {
    "0", "1", "2", "5", "9", ".", ",", " ", "\u00a0", "-", "+", "€", "$", "e", "x", "\u2212", "'", "٣", "%",
  };

  for (guint i = 0; i < 20000; i++)
    {
      g_autofree char *text = random_text (pieces, G_N_ELEMENTS (pieces), 12);
      g_autoptr(GError) error = NULL;
      gint64 minor = 0;

      if (affari_money_parse (text, &minor, &error))
        {
          g_autofree char *shown = affari_money_format (minor, "EUR");
          gint64 again = 0;

          g_assert_true (affari_money_parse (shown, &again, NULL));
          g_assert_cmpint (again, ==, minor);
        }
      else
        {
          g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
          g_assert_cmpuint (strlen (error->message), >, 0);
        }
    }
}

/* Whatever is typed as a date either fails with a sentence or is a real day. */
static void
test_fuzz_date (void)
{
  static const char * const pieces[] = { "0", "1", "2", "3", "9", "/", "-", ".", " ", "a", "2026", "31", "29", "02" };

  for (guint i = 0; i < 20000; i++)
    {
      g_autofree char *text = random_text (pieces, G_N_ELEMENTS (pieces), 8);
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = affari_date_parse (text, &error);

      if (iso != NULL)
        g_assert_true (affari_date_is_valid (iso));
      else
        g_assert_nonnull (error);
    }
}

/* Whatever is typed in the search, the list shows as many deals as the footer counts (signs
 * with no letter or digit included: "%", ":", "'", "#", an emoji). */
static void
test_fuzz_search (void)
{
  static const char * const pieces[] = { "%", ":", "'", "#", "_", "\\", "\"", "*", "-", " ", "ro", "ss", "i", "😀", "AND", "NEAR", "(" };
  g_autoptr(AffariStore) store = new_store (300);

  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *text = random_text (pieces, G_N_ELEMENTS (pieces), 4);
      g_autoptr(AffariDealQuery) query = affari_deal_query_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = NULL;
      guint count;

      affari_deal_query_set_text (query, text);
      ids = affari_store_query_deal_ids (store, query, &error);
      g_assert_no_error (error);
      count = affari_store_count_deals (store, query, &error);
      g_assert_no_error (error);
      if (ids->len != count)
        g_error ("searching “%s”: the list has %u deals, the count says %u", text, ids->len, count);
    }
}

int
main (int argc, char **argv)
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validation/store-rules", test_store_rules);
  g_test_add_func ("/validation/fuzz-amount", test_fuzz_amount);
  g_test_add_func ("/validation/fuzz-date", test_fuzz_date);
  g_test_add_func ("/validation/fuzz-search", test_fuzz_search);

  return g_test_run ();
}
