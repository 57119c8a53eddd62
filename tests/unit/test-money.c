/* test-money.c — amounts and dates as an Italian user types and reads them
 *
 * Runs with LC_ALL=it_IT.UTF-8 (see tests/meson.build).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "model/affari-error.h"
#include "model/affari-i18n.h"
#include "model/affari-money.h"

/* Skips the Italian-only checks when the locale is missing, instead of failing obscurely. */
static gboolean
italian_locale (void)
{
  const char *lc = setlocale (LC_NUMERIC, NULL);

  if (lc != NULL && g_str_has_prefix (lc, "it_IT"))
    return TRUE;

  g_test_skip ("needs LC_ALL=it_IT.UTF-8");
  return FALSE;
}

static void
assert_format (gint64 minor,
               const char *currency,
               const char *expected)
{
  g_autofree char *text = affari_money_format (minor, currency);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_format_short (gint64 minor,
                     const char *expected)
{
  g_autofree char *text = affari_money_format_short (minor, "EUR");

  g_assert_cmpstr (text, ==, expected);
}

static void
test_format_italian (void)
{
  if (!italian_locale ())
    return;

  assert_format (123456, "EUR", "€ 1.234,56");
  assert_format (5, "EUR", "€ 0,05");
  assert_format (0, "EUR", "€ 0,00");
  assert_format (100, "EUR", "€ 1,00");
  assert_format (99999, "EUR", "€ 999,99");
  assert_format (100000, "EUR", "€ 1.000,00");
  assert_format (123456789012, "EUR", "€ 1.234.567.890,12");
  assert_format (-123456, "EUR", "-€ 1.234,56");
  assert_format (-5, "EUR", "-€ 0,05");
  assert_format (G_MININT64, "EUR", "-€ 92.233.720.368.547.758,08");
  assert_format (G_MAXINT64, "EUR", "€ 92.233.720.368.547.758,07");

  assert_format (1200, "USD", "$ 12,00");
  assert_format (1200, "GBP", "£ 12,00");
  assert_format (1200, "CHF", "CHF 12,00");
  assert_format (1200, "JPY", "¥ 12,00");
  assert_format (1200, "SEK", "SEK 12,00");
  assert_format (1200, NULL, "12,00");
}

static void
test_format_short_italian (void)
{
  g_autofree char *millions = NULL;

  if (!italian_locale ())
    return;

  assert_format_short (4820000, "€ 48.200");
  assert_format_short (4820050, "€ 48.200,50");
  assert_format_short (0, "€ 0");
  assert_format_short (-4820000, "-€ 48.200");
  assert_format_short (99999999, "€ 999.999,99");

  /* The suffix is "M" untranslated and "mln" with the Italian catalogue. */
  if (g_strcmp0 (_("%s M"), "%s M") == 0)
    {
      assert_format_short (120000000, "€ 1,2 M");
      assert_format_short (100000000, "€ 1 M");
      assert_format_short (124999999, "€ 1,2 M");
      assert_format_short (125000000, "€ 1,3 M");
      assert_format_short (-120000000, "-€ 1,2 M");
      assert_format_short (250000000000, "€ 2.500 M");
    }
  else
    {
      assert_format_short (120000000, "€ 1,2 mln");
      assert_format_short (100000000, "€ 1 mln");
      assert_format_short (124999999, "€ 1,2 mln");
      assert_format_short (125000000, "€ 1,3 mln");
      assert_format_short (-120000000, "-€ 1,2 mln");
      assert_format_short (250000000000, "€ 2.500 mln");
    }

  /* Whatever the translation, the figure is Italian. */
  millions = affari_money_format_short (4560000000, "EUR");
  g_assert_true (g_str_has_prefix (millions, "€ 45,6 "));
}

/* Where the locale writes decimals with a dot, and the C locale has no grouping at all. */
static void
test_c_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  gint64 minor = 0;

  g_assert_nonnull (setlocale (LC_ALL, "C"));

  assert_format (123456, "EUR", "€ 1,234.56");
  assert_format (-5, "EUR", "-€ 0.05");
  assert_format_short (4820000, "€ 48,200");

  g_assert_true (affari_money_parse ("1,234.56", &minor, NULL));
  g_assert_cmpint (minor, ==, 123456);
  g_assert_true (affari_money_parse ("1,234", &minor, NULL));
  g_assert_cmpint (minor, ==, 123400);
  g_assert_true (affari_money_parse ("12,5", &minor, NULL));
  g_assert_cmpint (minor, ==, 1250);
  g_assert_true (affari_money_parse ("1.234,56", &minor, NULL));
  g_assert_cmpint (minor, ==, 123456);

  setlocale (LC_ALL, saved);
}

static void
test_to_decimal (void)
{
  struct { gint64 minor; const char *text; } cases[] = {
    { 123456, "1234.56" },
    { 0, "0.00" },
    { 5, "0.05" },
    { -5, "-0.05" },
    { -123400, "-1234.00" },
    { 100000000, "1000000.00" },
    { G_MININT64, "-92233720368547758.08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = affari_money_to_decimal (cases[i].minor);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_parse_accepted (void)
{
  struct { const char *text; gint64 minor; } cases[] = {
    { "1.234,56", 123456 },
    { "1234,56", 123456 },
    { "1234.56", 123456 },
    { "1.234", 123400 },
    { "1.000.000", 100000000 },
    { "1.234.567,89", 123456789 },
    { "12,5", 1250 },
    { "12.5", 1250 },
    { "12,50", 1250 },
    { "0,05", 5 },
    { ",5", 50 },
    { "12,", 1200 },
    { "€ 12", 1200 },
    { "€12", 1200 },
    { "12 €", 1200 },
    { "12€", 1200 },
    { "$ 3,20", 320 },
    { "-5", -500 },
    { "+7", 700 },
    { "−5", -500 },                    /* U+2212 MINUS SIGN */
    { "-€ 1.234,56", -123456 },
    { "€ -1.234,56", -123456 },
    { "  1 234,56  ", 123456 },
    { "1 234 567", 123456700 },
    { "1,234.56", 123456 },
    { "0", 0 },
    { "007", 700 },
    { "1000000000000000", G_GINT64_CONSTANT (100000000000000000) },
    { "-1.000.000.000.000.000,00", -G_GINT64_CONSTANT (100000000000000000) },
  };

  if (!italian_locale ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = -1;

      g_test_message ("parsing “%s”", cases[i].text);
      g_assert_true (affari_money_parse (cases[i].text, &minor, &error));
      g_assert_no_error (error);
      g_assert_cmpint (minor, ==, cases[i].minor);
    }
}

static void
assert_parse_fails (const char *text,
                    const char *message_format)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *shown = g_strstrip (g_strdup (text));
  gint64 minor = 42;

  g_test_message ("parsing “%s”", text);
  g_assert_false (affari_money_parse (text, &minor, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_assert_cmpint (minor, ==, 42);

  /* The message the user reads quotes what they typed, in their language. */
  expected = g_strdup_printf (message_format, shown);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_parse_rejected (void)
{
  const char *not_valid = _("“%s” is not a valid amount");
  const char *decimals = _("“%s” has more than two decimals");
  const char *too_large = _("“%s” is too large");

  if (!italian_locale ())
    return;

  assert_parse_fails ("", _("Enter an amount"));
  assert_parse_fails ("   ", _("Enter an amount"));
  assert_parse_fails ("abc", not_valid);
  assert_parse_fails ("12a", not_valid);
  assert_parse_fails ("dodici", not_valid);
  assert_parse_fails ("1e3", not_valid);
  assert_parse_fails ("EUR 12", not_valid);
  assert_parse_fails ("€", not_valid);
  assert_parse_fails ("-", not_valid);
  assert_parse_fails (".", not_valid);
  assert_parse_fails (",", not_valid);
  assert_parse_fails ("--5", not_valid);
  assert_parse_fails ("5-", not_valid);
  assert_parse_fails ("€ 12 €", not_valid);
  assert_parse_fails ("12 € 3", not_valid);
  assert_parse_fails ("1.23.456", not_valid);
  assert_parse_fails ("1.2345.678", not_valid);
  assert_parse_fails ("1,2,3", not_valid);
  assert_parse_fails ("1,234.5.6", not_valid);
  assert_parse_fails ("1.234,5,6", not_valid);
  /* A space groups thousands ("1 234"), it does not join two numbers. */
  assert_parse_fails ("5 5", not_valid);
  assert_parse_fails ("12 34,50", not_valid);
  assert_parse_fails ("1 2345", not_valid);
  assert_parse_fails ("1 23", not_valid);
  assert_parse_fails ("12,345", decimals);
  assert_parse_fails ("1.2345", decimals);
  assert_parse_fails ("0,001", decimals);
  assert_parse_fails ("1000000000000001", too_large);
  assert_parse_fails ("1.000.000.000.000.000,01", too_large);
  assert_parse_fails ("99999999999999999999999999", too_large);
}

static void
test_parse_decimal (void)
{
  struct { const char *text; gint64 minor; } cases[] = {
    { "1000000.00", 100000000 },
    { "12.5", 1250 },
    { "12.50", 1250 },
    { "-3", -300 },
    { "0", 0 },
    { "0.01", 1 },
    { "12.344", 1234 },
    { "12.345", 1235 },
    { "12.3449", 1234 },
    { "12.3450", 1235 },
    { "-12.345", -1235 },
    { "-12.344", -1234 },
    { "0.005", 1 },
    { "-0.005", -1 },
    { "0.004999", 0 },
    { "0.999", 100 },
    { " 7.1 ", 710 },
    { "1000000000000000", G_GINT64_CONSTANT (100000000000000000) },
  };
  const char *rejected[] = {
    "", "abc", "1e3", "12,5", "1.", ".5", "--1", "+1", "1 000", "1.2.3", "12a", "0x10",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = -1;

      g_test_message ("parsing “%s”", cases[i].text);
      g_assert_true (affari_money_parse_decimal (cases[i].text, &minor, &error));
      g_assert_no_error (error);
      g_assert_cmpint (minor, ==, cases[i].minor);
    }

  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = g_strdup_printf (_("“%s” is not a valid amount"), rejected[i]);

      g_test_message ("parsing “%s”", rejected[i]);
      g_assert_false (affari_money_parse_decimal (rejected[i], NULL, &error));
      g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, expected);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *expected = g_strdup_printf (_("“%s” is too large"), "10000000000000000");

    g_assert_false (affari_money_parse_decimal ("10000000000000000", NULL, &error));
    g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, expected);
  }
}

/* What is written is read back: the formatted amount parses to the same cents. */
static void
test_round_trip (void)
{
  const gint64 amounts[] = { 0, 5, 99, 100, 123456, -123456, 4820000, 100000000000 };

  if (!italian_locale ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autofree char *text = affari_money_format (amounts[i], "EUR");
      g_autofree char *decimal = affari_money_to_decimal (amounts[i]);
      gint64 parsed = -1, parsed_decimal = -1;

      g_assert_true (affari_money_parse (text, &parsed, NULL));
      g_assert_cmpint (parsed, ==, amounts[i]);
      g_assert_true (affari_money_parse_decimal (decimal, &parsed_decimal, NULL));
      g_assert_cmpint (parsed_decimal, ==, amounts[i]);
    }
}

static void
test_currency (void)
{
  g_assert_cmpstr (affari_currency_symbol ("EUR"), ==, "€");
  g_assert_cmpstr (affari_currency_symbol ("USD"), ==, "$");
  g_assert_cmpstr (affari_currency_symbol ("GBP"), ==, "£");
  g_assert_cmpstr (affari_currency_symbol ("CHF"), ==, "CHF");
  g_assert_cmpstr (affari_currency_symbol ("JPY"), ==, "¥");
  g_assert_cmpstr (affari_currency_symbol ("SEK"), ==, "SEK");

  g_assert_true (affari_currency_is_valid ("EUR"));
  g_assert_true (affari_currency_is_valid ("XYZ"));
  g_assert_false (affari_currency_is_valid ("eur"));
  g_assert_false (affari_currency_is_valid ("EU"));
  g_assert_false (affari_currency_is_valid ("EURO"));
  g_assert_false (affari_currency_is_valid ("E1R"));
  g_assert_false (affari_currency_is_valid (""));
  g_assert_false (affari_currency_is_valid (NULL));
}

static void
test_date_valid (void)
{
  const char *valid[] = {
    "2026-11-27", "2024-02-29", "2000-02-29", "2026-12-31", "2026-01-01", "0001-01-01", "9999-12-31",
  };
  const char *invalid[] = {
    "2026-02-30", "2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10",
    "2026-11-00", "2026-11-32", "0000-01-01", "2026-1-05", "2026-11-27x", "27/11/2026",
    "2026/11/27", "", "abcd-ef-gh",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (affari_date_is_valid (valid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_test_message ("checking “%s”", invalid[i]);
      g_assert_false (affari_date_is_valid (invalid[i]));
    }
  g_assert_false (affari_date_is_valid (NULL));
}

static void
test_date_parse (void)
{
  struct { const char *text; const char *iso; } cases[] = {
    { "27/11/2026", "2026-11-27" },
    { "27/11/26", "2026-11-27" },
    { "27-11-2026", "2026-11-27" },
    { "2026-11-27", "2026-11-27" },
    { "27.11.2026", "2026-11-27" },
    { "1/2/2026", "2026-02-01" },
    { "01/02/2026", "2026-02-01" },
    { "2026-2-1", "2026-02-01" },
    { "  27/11/2026  ", "2026-11-27" },
    { "29/02/2024", "2024-02-29" },
    { "29/02/2000", "2000-02-29" },
    { "31/12/1999", "1999-12-31" },
  };
  const char *rejected[] = {
    "abc", "27/11", "27/11/2026/1", "27/11-2026", "31/04/2026", "29/02/2026", "29/02/1900",
    "30/02/2026", "32/01/2026", "27/13/2026", "0/11/2026", "27/0/2026", "27/11/226",
    "27/11/20266", "2026-11-27T10:00", "27 novembre 2026", "127/11/2026", "-1/11/2026",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = NULL;

      g_test_message ("parsing “%s”", cases[i].text);
      iso = affari_date_parse (cases[i].text, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (iso, ==, cases[i].iso);
    }

  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = NULL;
      g_autofree char *expected = g_strdup_printf (_("“%s” is not a valid date"), rejected[i]);

      g_test_message ("parsing “%s”", rejected[i]);
      iso = affari_date_parse (rejected[i], &error);
      g_assert_null (iso);
      g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, expected);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *iso = affari_date_parse ("  ", &error);

    g_assert_null (iso);
    g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, _("Enter a date"));
  }
}

/* Two-digit years are taken within fifty years of today. */
static void
test_date_parse_two_digit_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);
  g_autofree char *text = g_strdup_printf ("15/06/%02d", (year + 10) % 100);
  g_autofree char *expected = g_strdup_printf ("%04d-06-15", year + 10);
  g_autofree char *past_text = g_strdup_printf ("15/06/%02d", (year - 40) % 100);
  g_autofree char *past_expected = g_strdup_printf ("%04d-06-15", year - 40);
  g_autofree char *iso = affari_date_parse (text, NULL);
  g_autofree char *past_iso = affari_date_parse (past_text, NULL);

  g_assert_cmpstr (iso, ==, expected);
  g_assert_cmpstr (past_iso, ==, past_expected);
}

static void
test_date_format (void)
{
  g_autofree char *a = affari_date_format ("2026-11-27");
  g_autofree char *b = affari_date_format ("2026-02-01");
  g_autofree char *c = affari_date_format ("non una data");

  g_assert_cmpstr (a, ==, "27/11/2026");
  g_assert_cmpstr (b, ==, "01/02/2026");
  /* Whatever was stored is shown rather than hidden. */
  g_assert_cmpstr (c, ==, "non una data");
  g_assert_null (affari_date_format (NULL));
}

static void
test_date_today (void)
{
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  g_autofree char *today = affari_date_today ();
  g_autoptr(GDateTime) after = g_date_time_new_now_local ();
  g_autofree char *expected_before = g_date_time_format (before, "%Y-%m-%d");
  g_autofree char *expected_after = g_date_time_format (after, "%Y-%m-%d");

  g_assert_true (affari_date_is_valid (today));
  /* Around midnight the two may differ; today is one of them. */
  g_assert_true (g_str_equal (today, expected_before) || g_str_equal (today, expected_after));
}

static void
test_date_add_days (void)
{
  struct { const char *from; int days; const char *to; } cases[] = {
    { "2026-11-27", 7, "2026-12-04" },
    { "2026-11-27", 0, "2026-11-27" },
    { "2024-02-28", 1, "2024-02-29" },
    { "2026-02-28", 1, "2026-03-01" },
    { "2026-01-01", -1, "2025-12-31" },
    { "2024-03-01", -1, "2024-02-29" },
    { "2026-01-01", 365, "2027-01-01" },
    { "2024-01-01", 366, "2025-01-01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *to = affari_date_add_days (cases[i].from, cases[i].days);

      g_assert_cmpstr (to, ==, cases[i].to);
    }

  g_assert_null (affari_date_add_days ("2026-02-30", 1));
  g_assert_null (affari_date_add_days (NULL, 1));
  g_assert_null (affari_date_add_days ("9999-12-31", 1));
  g_assert_null (affari_date_add_days ("0001-01-01", -1));
  g_assert_null (affari_date_add_days ("2026-01-01", G_MININT));
}

int
main (int argc,
      char *argv[])
{
  /* setlocale (LC_ALL, "") and the message catalogue, as the application does. */
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/format/italian", test_format_italian);
  g_test_add_func ("/money/format/short", test_format_short_italian);
  g_test_add_func ("/money/format/c-locale", test_c_locale);
  g_test_add_func ("/money/to-decimal", test_to_decimal);
  g_test_add_func ("/money/parse/accepted", test_parse_accepted);
  g_test_add_func ("/money/parse/rejected", test_parse_rejected);
  g_test_add_func ("/money/parse/decimal", test_parse_decimal);
  g_test_add_func ("/money/round-trip", test_round_trip);
  g_test_add_func ("/money/currency", test_currency);
  g_test_add_func ("/date/valid", test_date_valid);
  g_test_add_func ("/date/parse", test_date_parse);
  g_test_add_func ("/date/parse/two-digit-year", test_date_parse_two_digit_year);
  g_test_add_func ("/date/format", test_date_format);
  g_test_add_func ("/date/today", test_date_today);
  g_test_add_func ("/date/add-days", test_date_add_days);

  return g_test_run ();
}
