/* affari-money.c — money as integer minor units, parsed and shown with the locale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "affari-error.h"
#include "affari-money.h"

/* Larger amounts are refused: 10^15 whole units, so that sums of many deals stay far inside
 * gint64 minor units. */
#define MAX_UNITS G_GUINT64_CONSTANT (1000000000000000)
#define MAX_MINOR (MAX_UNITS * 100)
/* 10^15 has 16 digits; anything longer overflows without looking further. */
#define MAX_UNIT_DIGITS 16

typedef struct {
  char decimal[8];
  char thousands[8];
  gboolean symbol_first;
} Separators;

static void
get_separators (Separators *seps)
{
  const struct lconv *lc = localeconv ();
  const char *decimal = lc->decimal_point;
  const char *thousands = lc->thousands_sep;

  /* Some locales leave the LC_NUMERIC grouping empty and only define the monetary one. */
  if (thousands == NULL || *thousands == '\0')
    {
      if (lc->mon_thousands_sep != NULL && *lc->mon_thousands_sep != '\0')
        {
          thousands = lc->mon_thousands_sep;
          if (lc->mon_decimal_point != NULL && *lc->mon_decimal_point != '\0')
            decimal = lc->mon_decimal_point;
        }
    }

  if (decimal == NULL || *decimal == '\0')
    decimal = ".";

  /* The C locale has no grouping at all; amounts are easier to read with one. */
  if (thousands == NULL || *thousands == '\0')
    thousands = strcmp (decimal, ",") == 0 ? "." : ",";

  g_strlcpy (seps->decimal, decimal, sizeof seps->decimal);
  g_strlcpy (seps->thousands, thousands, sizeof seps->thousands);

  /* CHAR_MAX means the locale does not say: put the symbol first, as Italian does. */
  seps->symbol_first = lc->p_cs_precedes != 0;
}

static guint64
abs_minor (gint64 minor)
{
  /* Written so that G_MININT64 does not overflow. */
  return minor < 0 ? (guint64) (-(minor + 1)) + 1 : (guint64) minor;
}

static void
append_grouped (GString *str,
                guint64 units,
                const Separators *seps)
{
  char digits[32];
  gsize len;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, units);
  len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (str, seps->thousands);
      g_string_append_c (str, digits[i]);
    }
}

/* Puts the sign and the currency symbol around an already formatted figure. */
static char *
decorate (gboolean negative,
          const char *figure,
          const char *currency,
          const Separators *seps)
{
  const char *symbol = affari_currency_symbol (currency);
  const char *sign = negative ? "-" : "";

  if (symbol == NULL || *symbol == '\0')
    return g_strconcat (sign, figure, NULL);
  if (seps->symbol_first)
    return g_strconcat (sign, symbol, " ", figure, NULL);
  return g_strconcat (sign, figure, " ", symbol, NULL);
}

static void
set_invalid (GError **error,
             const char *message_format,
             const char *text)
{
  g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, message_format, text);
}

/* Accumulates decimal digits; FALSE when there are too many for an amount. */
static gboolean
digits_to_units (const char *digits,
                 gsize len,
                 guint64 *out)
{
  guint64 value = 0;

  if (len > MAX_UNIT_DIGITS)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    value = value * 10 + (guint64) g_ascii_digit_value (digits[i]);
  *out = value;
  return TRUE;
}

static gboolean
all_digits (const char *s,
            gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* Checks "1.234.567" style grouping with @sep and copies the digits into @out. */
static gboolean
ungroup (const char *s,
         gsize len,
         char sep,
         GString *out)
{
  gsize group = 0;
  gboolean first = TRUE;

  for (gsize i = 0; i <= len; i++)
    {
      if (i == len || s[i] == sep)
        {
          if (first ? (group < 1 || group > 3) : group != 3)
            return FALSE;
          first = FALSE;
          group = 0;
          continue;
        }
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      g_string_append_c (out, s[i]);
      group++;
    }
  return TRUE;
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2009;
}

/* Whether @p starts a group of exactly three digits (what may follow a space inside a figure:
 * "1 234,50" groups thousands with a space, "5 5" is two numbers). */
static gboolean
starts_group_of_three (const char *p)
{
  return g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) && !g_ascii_isdigit (p[3]);
}

static gboolean
is_currency_symbol (gunichar c)
{
  return c == 0x20AC /* € */ || c == '$' || c == 0x00A3 /* £ */ || c == 0x00A5 /* ¥ */;
}

char *
affari_money_format (gint64 minor,
                     const char *currency)
{
  Separators seps;
  g_autoptr(GString) figure = g_string_new (NULL);
  guint64 magnitude = abs_minor (minor);

  get_separators (&seps);
  append_grouped (figure, magnitude / 100, &seps);
  g_string_append_printf (figure, "%s%02u", seps.decimal, (guint) (magnitude % 100));

  return decorate (minor < 0, figure->str, currency, &seps);
}

char *
affari_money_format_short (gint64 minor,
                           const char *currency)
{
  Separators seps;
  g_autoptr(GString) figure = g_string_new (NULL);
  guint64 magnitude = abs_minor (minor);

  get_separators (&seps);

  if (magnitude >= G_GUINT64_CONSTANT (100000000))
    {
      /* Millions with one decimal, rounded half away from zero; 0.1 million is 10^7 cents. */
      guint64 tenths = (magnitude + 5000000) / 10000000;
      g_autofree char *number = NULL;

      append_grouped (figure, tenths / 10, &seps);
      if (tenths % 10 != 0)
        g_string_append_printf (figure, "%s%u", seps.decimal, (guint) (tenths % 10));

      /* TRANSLATORS: an amount in millions in column headers, e.g. "1,2 M" ("1,2 mln") */
      number = g_strdup_printf (_("%s M"), figure->str);
      return decorate (minor < 0, number, currency, &seps);
    }

  append_grouped (figure, magnitude / 100, &seps);
  if (magnitude % 100 != 0)
    g_string_append_printf (figure, "%s%02u", seps.decimal, (guint) (magnitude % 100));

  return decorate (minor < 0, figure->str, currency, &seps);
}

char *
affari_money_to_decimal (gint64 minor)
{
  guint64 magnitude = abs_minor (minor);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u",
                          minor < 0 ? "-" : "",
                          magnitude / 100,
                          (guint) (magnitude % 100));
}

gboolean
affari_money_parse (const char *text,
                    gint64 *out_minor,
                    GError **error)
{
  g_autofree char *shown = NULL;
  g_autoptr(GString) number = g_string_new (NULL);
  g_autoptr(GString) int_digits = g_string_new (NULL);
  gboolean negative = FALSE;
  gboolean seen_sign = FALSE;
  gboolean seen_symbol = FALSE;
  gboolean number_ended = FALSE;
  gboolean after_space = FALSE;   /* a space came after some of the figure's digits */
  const char *dec = NULL;     /* decimal separator inside number->str, if any */
  char group_sep = 0;         /* thousands separator, if any */
  gsize n_dots = 0, n_commas = 0;
  const char *last_dot, *last_comma;
  const char *frac = "";
  gsize frac_len = 0;
  gsize int_len;
  guint64 units, minor;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  shown = g_strstrip (g_strdup (text ? text : ""));
  if (*shown == '\0' || !g_utf8_validate (shown, -1, NULL))
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("Enter an amount"));
      return FALSE;
    }

  /* Keep only the figure; a sign and a currency symbol may come before it, the symbol after. */
  for (const char *p = shown; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_space (c))
        {
          if (number->len > 0)
            after_space = TRUE;
          continue;
        }

      if (after_space && c < 128 && g_ascii_isdigit ((char) c) && !number_ended && !starts_group_of_three (p))
        goto invalid;
      after_space = FALSE;

      if (is_currency_symbol (c))
        {
          if (seen_symbol)
            goto invalid;
          seen_symbol = TRUE;
          if (number->len > 0)
            number_ended = TRUE;
          continue;
        }

      if (c == '-' || c == '+' || c == 0x2212 /* minus sign */)
        {
          if (seen_sign || number->len > 0)
            goto invalid;
          seen_sign = TRUE;
          negative = c != '+';
          continue;
        }

      if ((c < 128 && g_ascii_isdigit ((char) c)) || c == '.' || c == ',')
        {
          if (number_ended)
            goto invalid;
          g_string_append_c (number, (char) c);
          continue;
        }

      goto invalid;
    }

  if (number->len == 0)
    goto invalid;

  for (gsize i = 0; i < number->len; i++)
    {
      if (number->str[i] == '.')
        n_dots++;
      else if (number->str[i] == ',')
        n_commas++;
    }
  last_dot = strrchr (number->str, '.');
  last_comma = strrchr (number->str, ',');

  if (n_dots > 0 && n_commas > 0)
    {
      /* "1.234,56" or "1,234.56": the last one is the decimal separator. */
      dec = last_dot > last_comma ? last_dot : last_comma;
      group_sep = *dec == '.' ? ',' : '.';
      if ((*dec == '.' ? n_dots : n_commas) != 1)
        goto invalid;
    }
  else if (n_commas == 1)
    {
      gsize after = strlen (last_comma + 1);
      Separators seps;

      /* In Italian "1,5" is one and a half; only where the locale writes decimals with a dot
       * is "1,234" a thousand. */
      get_separators (&seps);
      if (after == 3 && last_comma > number->str && strcmp (seps.decimal, ".") == 0)
        group_sep = ',';
      else
        dec = last_comma;
    }
  else if (n_commas > 1)
    group_sep = ',';
  else if (n_dots == 1)
    {
      gsize after = strlen (last_dot + 1);

      /* "1.234" is a thousand, "12.5" and "12.50" are decimals. */
      if (after == 3 && last_dot > number->str)
        group_sep = '.';
      else
        dec = last_dot;
    }
  else if (n_dots > 1)
    group_sep = '.';

  if (dec != NULL)
    {
      frac = dec + 1;
      frac_len = strlen (frac);
      int_len = (gsize) (dec - number->str);
      if (!all_digits (frac, frac_len))
        goto invalid;
      if (frac_len > 2)
        {
          set_invalid (error, _("“%s” has more than two decimals"), shown);
          return FALSE;
        }
    }
  else
    int_len = number->len;

  if (int_len == 0 && frac_len == 0)
    goto invalid;

  if (group_sep != 0)
    {
      if (!ungroup (number->str, int_len, group_sep, int_digits))
        goto invalid;
    }
  else
    {
      if (!all_digits (number->str, int_len))
        goto invalid;
      g_string_append_len (int_digits, number->str, int_len);
    }

  /* Leading zeros do not make a number larger. */
  {
    const char *d = int_digits->str;
    gsize len = int_digits->len;

    while (len > 1 && *d == '0')
      d++, len--;
    if (!digits_to_units (d, len, &units))
      goto too_large;
  }

  minor = units * 100;
  if (frac_len >= 1)
    minor += (guint64) g_ascii_digit_value (frac[0]) * 10;
  if (frac_len == 2)
    minor += (guint64) g_ascii_digit_value (frac[1]);

  if (minor > MAX_MINOR)
    goto too_large;

  if (out_minor != NULL)
    *out_minor = negative ? -(gint64) minor : (gint64) minor;
  return TRUE;

invalid:
  set_invalid (error, _("“%s” is not a valid amount"), shown);
  return FALSE;

too_large:
  set_invalid (error, _("“%s” is too large"), shown);
  return FALSE;
}

gboolean
affari_money_parse_decimal (const char *text,
                            gint64 *out_minor,
                            GError **error)
{
  g_autofree char *s = NULL;
  const char *p;
  const char *int_start;
  gsize int_len;
  gboolean negative = FALSE;
  guint64 units, minor;
  guint cents = 0;
  gboolean round_up = FALSE;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  s = g_strstrip (g_strdup (text ? text : ""));
  p = s;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  int_start = p;
  while (g_ascii_isdigit (*p))
    p++;
  int_len = (gsize) (p - int_start);
  if (int_len == 0)
    goto invalid;

  if (*p == '.')
    {
      const char *frac = ++p;

      while (g_ascii_isdigit (*p))
        p++;
      if (p == frac)
        goto invalid;
      if (p - frac >= 1)
        cents += (guint) g_ascii_digit_value (frac[0]) * 10;
      if (p - frac >= 2)
        cents += (guint) g_ascii_digit_value (frac[1]);
      /* The third decimal decides: what follows it can never reach half a cent on its own. */
      if (p - frac >= 3)
        round_up = frac[2] >= '5';
    }

  if (*p != '\0')
    goto invalid;

  while (int_len > 1 && *int_start == '0')
    int_start++, int_len--;
  if (!digits_to_units (int_start, int_len, &units))
    goto too_large;

  minor = units * 100 + cents + (round_up ? 1 : 0);
  if (minor > MAX_MINOR)
    goto too_large;

  if (out_minor != NULL)
    *out_minor = negative ? -(gint64) minor : (gint64) minor;
  return TRUE;

invalid:
  set_invalid (error, _("“%s” is not a valid amount"), s);
  return FALSE;

too_large:
  set_invalid (error, _("“%s” is too large"), s);
  return FALSE;
}

const char *
affari_currency_symbol (const char *currency)
{
  static const struct {
    const char *code;
    const char *symbol;
  } symbols[] = {
    { "EUR", "€" },
    { "USD", "$" },
    { "GBP", "£" },
    { "CHF", "CHF" },
    { "JPY", "¥" },
  };

  if (currency == NULL)
    return "";

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (strcmp (currency, symbols[i].code) == 0)
      return symbols[i].symbol;

  return currency;
}

gboolean
affari_currency_is_valid (const char *currency)
{
  if (currency == NULL)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    if (!g_ascii_isupper (currency[i]))
      return FALSE;
  return currency[3] == '\0';
}

/* Reads 1 to @max_len ASCII digits at *p and advances past them; FALSE when there are none
 * or too many. */
static gboolean
read_number (const char **p,
             guint max_len,
             guint *out,
             guint *out_len)
{
  guint value = 0;
  guint len = 0;

  while (g_ascii_isdigit (**p))
    {
      if (++len > max_len)
        return FALSE;
      value = value * 10 + (guint) g_ascii_digit_value (**p);
      (*p)++;
    }
  *out = value;
  *out_len = len;
  return len > 0;
}

static gboolean
dmy_is_valid (guint day,
              guint month,
              guint year)
{
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static char *
dmy_to_iso (guint day,
            guint month,
            guint year)
{
  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
}

/* Parses a strict "YYYY-MM-DD"; FALSE on anything else, including 2026-02-30. */
static gboolean
parse_iso (const char *iso_date,
           guint *day,
           guint *month,
           guint *year)
{
  static const char pattern[] = "dddd-dd-dd";

  if (iso_date == NULL || strlen (iso_date) != sizeof pattern - 1)
    return FALSE;
  for (guint i = 0; i < sizeof pattern - 1; i++)
    {
      if (pattern[i] == 'd' ? !g_ascii_isdigit (iso_date[i]) : iso_date[i] != '-')
        return FALSE;
    }

  *year = (guint) g_ascii_strtoull (iso_date, NULL, 10);
  *month = (guint) g_ascii_strtoull (iso_date + 5, NULL, 10);
  *day = (guint) g_ascii_strtoull (iso_date + 8, NULL, 10);

  return dmy_is_valid (*day, *month, *year);
}

gboolean
affari_date_is_valid (const char *iso_date)
{
  guint day, month, year;

  return parse_iso (iso_date, &day, &month, &year);
}

char *
affari_date_parse (const char *text,
                   GError **error)
{
  g_autofree char *s = NULL;
  const char *p;
  guint n[3], len[3];
  char sep = 0;
  guint day, month, year;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  s = g_strstrip (g_strdup (text ? text : ""));
  if (*s == '\0')
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("Enter a date"));
      return NULL;
    }

  /* Three numbers with the same separator between them: "/", "-" or ".". */
  p = s;
  for (guint i = 0; i < 3; i++)
    {
      if (!read_number (&p, 4, &n[i], &len[i]))
        goto invalid;
      if (i == 2)
        break;
      if (*p != '/' && *p != '-' && *p != '.')
        goto invalid;
      if (sep != 0 && *p != sep)
        goto invalid;
      sep = *p++;
    }
  if (*p != '\0')
    goto invalid;

  if (len[0] == 4)
    {
      /* "2026-11-27" */
      if (len[1] > 2 || len[2] > 2)
        goto invalid;
      year = n[0];
      month = n[1];
      day = n[2];
    }
  else
    {
      /* "27/11/2026", "27/11/26" */
      if (len[0] > 2 || len[1] > 2 || (len[2] != 2 && len[2] != 4))
        goto invalid;
      day = n[0];
      month = n[1];
      year = n[2];

      if (len[2] == 2)
        {
          /* Two digits mean the year closest to this one: within 50 years either way. */
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          guint this_year = (guint) g_date_time_get_year (now);
          guint century = this_year - this_year % 100;

          year += century;
          if (year > this_year + 49)
            year -= 100;
          else if (year + 50 < this_year)
            year += 100;
        }
    }

  if (!dmy_is_valid (day, month, year))
    goto invalid;

  return dmy_to_iso (day, month, year);

invalid:
  g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
               _("“%s” is not a valid date"), s);
  return NULL;
}

/* A value that is not an ISO date is shown as it is rather than hidden. */
char *
affari_date_format (const char *iso_date)
{
  guint day, month, year;

  if (iso_date == NULL)
    return NULL;
  if (!parse_iso (iso_date, &day, &month, &year))
    return g_strdup (iso_date);

  return g_strdup_printf ("%02u/%02u/%04u", day, month, year);
}

char *
affari_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return dmy_to_iso ((guint) g_date_time_get_day_of_month (now),
                     (guint) g_date_time_get_month (now),
                     (guint) g_date_time_get_year (now));
}

/* NULL when @iso_date is not a valid date or the result leaves the years 1–9999. */
char *
affari_date_add_days (const char *iso_date,
                      int days)
{
  guint day, month, year;
  GDate date;
  guint julian;

  if (!parse_iso (iso_date, &day, &month, &year))
    return NULL;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  julian = g_date_get_julian (&date);

  if (days < 0 ? (guint64) julian <= (guint64) -(gint64) days
               : (guint64) julian + (guint64) days > G_GUINT64_CONSTANT (3652059))
    return NULL;

  if (days >= 0)
    g_date_add_days (&date, (guint) days);
  else
    g_date_subtract_days (&date, (guint) -(gint64) days);

  return dmy_to_iso (g_date_get_day (&date), g_date_get_month (&date), g_date_get_year (&date));
}
