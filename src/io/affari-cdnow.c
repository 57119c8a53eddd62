/* affari-cdnow.c — the CDNOW sample read into BG/NBD customers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-cdnow"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/affari-error.h"
#include "io/affari-cdnow.h"

typedef struct {
  gint64 customer;
  guint32 day;      /* Julian day */
} Purchase;

static int
compare_purchases (gconstpointer pa,
                   gconstpointer pb)
{
  const Purchase *a = pa, *b = pb;

  if (a->customer != b->customer)
    return a->customer < b->customer ? -1 : 1;
  return (a->day > b->day) - (a->day < b->day);
}

static gboolean
parse_line (const char *line,
            Purchase   *out)
{
  g_auto(GStrv) fields = g_strsplit_set (line, " \t", -1);
  const char *values[5];
  guint n = 0;
  char *end;
  guint64 customer;
  unsigned year, month, day;

  for (guint i = 0; fields[i] != NULL; i++)
    if (fields[i][0] != '\0')
      {
        if (n == G_N_ELEMENTS (values))
          return FALSE;
        values[n++] = fields[i];
      }
  if (n != G_N_ELEMENTS (values))
    return FALSE;
  if (!g_ascii_string_to_unsigned (values[0], 10, 1, G_MAXINT64, &customer, NULL))
    return FALSE;
  if (strlen (values[2]) != 8 || strspn (values[2], "0123456789") != 8)
    return FALSE;
  if (sscanf (values[2], "%4u%2u%2u", &year, &month, &day) != 3)
    return FALSE;
  if (year > G_MAXUINT16 || month > 12 || day > 31 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_ascii_strtod (values[4], &end);
  if (*end != '\0' || !g_ascii_string_to_unsigned (values[3], 10, 0, G_MAXUINT32, NULL, NULL))
    return FALSE;
  out->customer = (gint64) customer;
  {
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
    out->day = g_date_get_julian (&date);
  }
  return TRUE;
}

GArray *
affari_cdnow_read (const char   *path,
                   const GDate  *calibration_end,
                   const GDate  *holdout_end,
                   GArray      **holdout,
                   GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) purchases = g_array_new (FALSE, FALSE, sizeof (Purchase));
  g_autoptr(GArray) customers = g_array_new (FALSE, FALSE, sizeof (AffariBgnbdCustomer));
  g_autoptr(GArray) later = g_array_new (FALSE, FALSE, sizeof (double));
  guint32 cal_end = g_date_get_julian (calibration_end);
  guint32 hold_end = g_date_get_julian (holdout_end);

  if (!g_file_get_contents (path, &contents, NULL, &local_error))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_IO,
                   _("Cannot read the CDNOW file %s: %s. Give the path of CDNOW_sample.txt."),
                   path, local_error->message);
      return NULL;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);   /* also the "\r" of its Windows line ends */
      Purchase purchase;

      if (line[0] == '\0')
        continue;
      if (!parse_line (line, &purchase))
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
                       _("Line %u of %s is not a CDNOW purchase (customer, second id, day as YYYYMMDD, CDs, dollars): “%s”"),
                       i + 1, path, line);
          return NULL;
        }
      g_array_append_val (purchases, purchase);
    }
  if (purchases->len == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
                   _("%s has no purchases: give the path of CDNOW_sample.txt."), path);
      return NULL;
    }

  /* Sorted by customer and day, repeated days skipped: purchases on the same day are one. */
  g_array_sort (purchases, compare_purchases);
  for (guint i = 0; i < purchases->len;)
    {
      const Purchase *first = &g_array_index (purchases, Purchase, i);
      guint32 last_day = first->day, previous = 0;
      double x = -1, after = 0;
      guint j;

      for (j = i; j < purchases->len && g_array_index (purchases, Purchase, j).customer == first->customer; j++)
        {
          guint32 day = g_array_index (purchases, Purchase, j).day;

          if (j > i && day == previous)
            continue;
          previous = day;
          if (day <= cal_end)
            {
              x++;
              last_day = day;
            }
          else if (day <= hold_end)
            after++;
        }
      if (first->day <= cal_end)
        {
          AffariBgnbdCustomer c = { x, (last_day - first->day) / 7.0, (cal_end - first->day) / 7.0, 1.0 };

          g_array_append_val (customers, c);
          g_array_append_val (later, after);
        }
      i = j;
    }

  if (holdout != NULL)
    *holdout = g_steal_pointer (&later);
  return g_steal_pointer (&customers);
}
