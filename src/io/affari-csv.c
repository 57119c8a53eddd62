/* affari-csv.c — CSV export of deals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "model/affari-money.h"

#include "affari-csv.h"

#define EXPORT_CHUNK 500

char *
affari_csv_escape_cell (const char *cell)
{
  GString *out;
  gboolean formula, quote;

  if (cell == NULL)
    return g_strdup ("");

  /* OWASP's CSV injection advice: a leading ' makes the cell text. */
  formula = strchr ("=+-@\t\r", cell[0]) != NULL && cell[0] != '\0';
  quote = formula || strpbrk (cell, ",\"\r\n") != NULL;
  out = g_string_sized_new (strlen (cell) + 4);
  if (quote)
    g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = cell; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

static void
append_row (GString *out, const char * const *cells, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *cell = affari_csv_escape_cell (cells[i]);
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, cell);
    }
  g_string_append (out, "\r\n");
}

gboolean
affari_csv_export_deals (AffariStore  *store,
                         const gint64 *ids,
                         guint         n_ids,
                         const char   *path,
                         GError      **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GHashTable) stages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  const char *header[] = {
    "ID", _("Title"), _("Stage"), _("Amount"), _("Currency"), _("Client"), _("Contact"), _("Responsible"),
    _("Created"), _("Start date"), _("Expected close"), _("Type"), _("Source"), _("Probability"), _("Comment"),
  };

  g_return_val_if_fail (AFFARI_IS_STORE (store), FALSE);

  /* The BOM lets spreadsheets read the accents as UTF-8. */
  g_string_append (out, "\xEF\xBB\xBF");
  append_row (out, header, G_N_ELEMENTS (header));

  for (guint start = 0; start < n_ids; start += EXPORT_CHUNK)
    {
      g_autoptr(GPtrArray) deals = affari_store_load_deals (store, ids + start, MIN (EXPORT_CHUNK, n_ids - start), error);

      if (deals == NULL)
        return FALSE;
      for (guint i = 0; i < deals->len; i++)
        {
          AffariDeal *deal = g_ptr_array_index (deals, i);
          gint64 stage_id = affari_deal_get_stage_id (deal);
          const char *stage = g_hash_table_lookup (stages, &stage_id);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, affari_deal_get_id (deal));
          g_autofree char *amount = affari_money_to_decimal (affari_deal_get_amount (deal));
          g_autofree char *probability = affari_deal_get_probability (deal) >= 0 ?
                                         g_strdup_printf ("%d", affari_deal_get_probability (deal)) : NULL;
          g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (affari_deal_get_date_create (deal));
          g_autofree char *created_text = created ? g_date_time_format (created, "%Y-%m-%d") : NULL;
          const char *row[G_N_ELEMENTS (header)];

          if (stage == NULL)
            {
              g_autoptr(AffariStage) s = affari_store_get_stage (store, stage_id, NULL);
              gint64 *key = g_new (gint64, 1);
              *key = stage_id;
              stage = s ? affari_stage_get_name (s) : "";
              g_hash_table_insert (stages, key, g_strdup (stage));
              stage = g_hash_table_lookup (stages, key);
            }
          row[0] = id;
          row[1] = affari_deal_get_title (deal);
          row[2] = stage;
          row[3] = amount;
          row[4] = affari_deal_get_currency (deal);
          row[5] = affari_deal_get_company_name (deal);
          row[6] = affari_deal_get_contact_name (deal);
          row[7] = affari_deal_get_assigned_name (deal);
          row[8] = created_text;
          row[9] = affari_deal_get_begin_date (deal);
          row[10] = affari_deal_get_close_date (deal);
          row[11] = affari_deal_get_type_id (deal);
          row[12] = affari_deal_get_source_id (deal);
          row[13] = probability;
          row[14] = affari_deal_get_comments (deal);
          append_row (out, row, G_N_ELEMENTS (row));
        }
    }

  return g_file_set_contents_full (path, out->str, out->len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
