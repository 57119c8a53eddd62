/* affari-money.h — money as integer minor units, parsed and shown with the locale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Formats cents for people, with the locale's separators: "€ 1.234,56" in Italian. */
char     *affari_money_format        (gint64 minor, const char *currency);
/* Formats a short figure for column headers: "€ 48.200" (no cents when whole), "€ 1,2 mln". */
char     *affari_money_format_short  (gint64 minor, const char *currency);
/* Machine form with a dot and two decimals, locale independent: "1234.56". */
char     *affari_money_to_decimal    (gint64 minor);
/* Parses what a person typed ("1.234,56", "1234.56", "€ 12", "12,5") into cents. */
gboolean  affari_money_parse         (const char *text, gint64 *out_minor, GError **error);
/* Parses a machine decimal ("1000000.00", "12.5") into cents, rounding half away from zero. */
gboolean  affari_money_parse_decimal (const char *text, gint64 *out_minor, GError **error);
/* The symbol for an ISO 4217 code (€, $, £, …) or the code itself. */
const char *affari_currency_symbol   (const char *currency);
/* TRUE if the code looks like ISO 4217 (three upper-case letters). */
gboolean  affari_currency_is_valid   (const char *currency);

/* Dates as "YYYY-MM-DD" strings. */
gboolean  affari_date_is_valid       (const char *iso_date);
/* Parses "27/11/2026", "27/11/26", "2026-11-27" into "2026-11-27". */
char     *affari_date_parse          (const char *text, GError **error);
/* "27/11/2026" */
char     *affari_date_format         (const char *iso_date);
char     *affari_date_today          (void);
char     *affari_date_add_days       (const char *iso_date, int days);

G_END_DECLS
