/* affari-csv.c — CSV export of deals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "model/affari-error.h"
#include "model/affari-money.h"

#include "affari-csv.h"
#include "affari-file-sink.h"
#include "store/affari-store.h"

#define EXPORT_CHUNK 500


typedef struct {
  char        *db_path;         /* NULL when the text was made on the caller's thread */
  GArray      *ids;
  char        *path;
  GString     *prepared;        /* the whole text, made on the caller's thread (in-memory stores) */
} ExportTask;

/* ------------------------------------------------------------ cells */

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

/* ------------------------------------------------------------ the file */

/* ------------------------------------------------------------ rows */

/* Appends the header and the rows of @ids to @out; every EXPORT_CHUNK deals @sink (nullable)
 * takes what is ready, so that a million deals never sit in memory at once. */
static gboolean
write_deals (AffariStore  *store,
             const gint64 *ids,
             guint         n_ids,
             GString      *out,
             AffariFileSink *sink,
             GCancellable *cancellable,
             GError      **error)
{
  g_autoptr(GHashTable) stages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) fields = affari_store_list_custom_fields (store, error);
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  const char *fixed[] = {
    "ID", _("Title"), _("Stage"), _("Amount"), _("Currency"), _("Client"), _("Contact"), _("Responsible"),
    _("Created"), _("Start date"), _("Expected close"), _("Closed on"), _("Type"), _("Source"), _("Probability"), _("Comment"),
  };
  const guint n_fixed = G_N_ELEMENTS (fixed);

  if (fields == NULL)
    return FALSE;
  for (guint i = 0; i < n_fixed; i++)
    g_ptr_array_add (header, (gpointer) fixed[i]);
  for (guint i = 0; i < fields->len; i++)
    g_ptr_array_add (header, ((AffariCustomField *) g_ptr_array_index (fields, i))->label);

  /* The BOM lets spreadsheets read the accents as UTF-8. */
  g_string_append (out, "\xEF\xBB\xBF");
  append_row (out, (const char * const *) header->pdata, header->len);

  for (guint start = 0; start < n_ids; start += EXPORT_CHUNK)
    {
      guint n = MIN (EXPORT_CHUNK, n_ids - start);
      g_autoptr(GPtrArray) deals = NULL;
      g_autoptr(GHashTable) values = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      deals = affari_store_load_deals (store, ids + start, n, error);
      if (deals == NULL)
        return FALSE;
      values = fields->len > 0 ? affari_store_get_field_values_for_deals (store, ids + start, n, error) : NULL;
      if (fields->len > 0 && values == NULL)
        return FALSE;

      for (guint i = 0; i < deals->len; i++)
        {
          AffariDeal *deal = g_ptr_array_index (deals, i);
          gint64 deal_id = affari_deal_get_id (deal);
          gint64 stage_id = affari_deal_get_stage_id (deal);
          const char *stage = g_hash_table_lookup (stages, &stage_id);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, deal_id);
          g_autofree char *amount = affari_money_to_decimal (affari_deal_get_amount (deal));
          g_autofree char *probability = affari_deal_get_probability (deal) >= 0 ?
                                         g_strdup_printf ("%d", affari_deal_get_probability (deal)) : NULL;
          g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (affari_deal_get_date_create (deal));
          g_autofree char *created_text = created ? g_date_time_format (created, "%Y-%m-%d") : NULL;
          g_autoptr(GPtrArray) row = g_ptr_array_new ();
          g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
          GHashTable *deal_values = values != NULL ? g_hash_table_lookup (values, &deal_id) : NULL;

          if (stage == NULL)
            {
              g_autoptr(AffariStage) s = affari_store_get_stage (store, stage_id, NULL);
              gint64 *key = g_new (gint64, 1);
              *key = stage_id;
              g_hash_table_insert (stages, key, g_strdup (s ? affari_stage_get_name (s) : ""));
              stage = g_hash_table_lookup (stages, key);
            }
          g_ptr_array_add (row, id);
          g_ptr_array_add (row, (gpointer) affari_deal_get_title (deal));
          g_ptr_array_add (row, (gpointer) stage);
          g_ptr_array_add (row, amount);
          g_ptr_array_add (row, (gpointer) affari_deal_get_currency (deal));
          g_ptr_array_add (row, (gpointer) affari_deal_get_company_name (deal));
          g_ptr_array_add (row, (gpointer) affari_deal_get_contact_name (deal));
          g_ptr_array_add (row, (gpointer) affari_deal_get_assigned_name (deal));
          g_ptr_array_add (row, created_text);
          g_ptr_array_add (row, (gpointer) affari_deal_get_begin_date (deal));
          g_ptr_array_add (row, (gpointer) affari_deal_get_close_date (deal));
          g_ptr_array_add (row, (gpointer) affari_deal_get_closed_at (deal));
          g_ptr_array_add (row, (gpointer) affari_deal_get_type_id (deal));
          g_ptr_array_add (row, (gpointer) affari_deal_get_source_id (deal));
          g_ptr_array_add (row, probability);
          g_ptr_array_add (row, (gpointer) affari_deal_get_comments (deal));
          for (guint k = 0; k < fields->len; k++)
            {
              AffariCustomField *field = g_ptr_array_index (fields, k);
              const char *value = deal_values != NULL ? g_hash_table_lookup (deal_values, &field->id) : NULL;
              char *text = affari_custom_field_format_value (field, value);

              g_ptr_array_add (owned, text);
              g_ptr_array_add (row, text);
            }
          append_row (out, (const char * const *) row->pdata, row->len);
        }
      if (sink != NULL && !affari_file_sink_write (sink, out, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
export_to_file (AffariStore *store, const gint64 *ids, guint n_ids, const char *path,
                GCancellable *cancellable, GError **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  AffariFileSink sink = AFFARI_FILE_SINK_INIT;
  gboolean ok;

  if (!affari_file_sink_open (&sink, path, error))
    return FALSE;
  ok = write_deals (store, ids, n_ids, out, &sink, cancellable, error) && affari_file_sink_write (&sink, out, error);
  return affari_file_sink_close (&sink, ok, ok ? error : NULL);
}

gboolean
affari_csv_export_deals (AffariStore  *store,
                         const gint64 *ids,
                         guint         n_ids,
                         const char   *path,
                         GError      **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return export_to_file (store, ids, n_ids, path, NULL, error);
}

/* ------------------------------------------------------------ off the main thread */

static void
export_task_free (gpointer data)
{
  ExportTask *task = data;

  g_free (task->db_path);
  g_clear_pointer (&task->ids, g_array_unref);
  g_free (task->path);
  if (task->prepared != NULL)
    g_string_free (task->prepared, TRUE);
  g_free (task);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportTask *data = task_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (data->prepared != NULL)
    {
      AffariFileSink sink = AFFARI_FILE_SINK_INIT;

      ok = affari_file_sink_open (&sink, data->path, &error);
      if (ok)
        {
          ok = affari_file_sink_write (&sink, data->prepared, &error);
          ok = affari_file_sink_close (&sink, ok, ok ? &error : NULL);
        }
    }
  else
    {
      /* A connection of this thread's own: the window's stays free for the user. */
      g_autoptr(AffariStore) store = affari_store_open (data->db_path, &error);

      ok = store != NULL &&
           export_to_file (store, (const gint64 *) (void *) data->ids->data, data->ids->len, data->path, cancellable, &error);
    }
  if (ok)
    g_task_return_int (task, data->ids->len);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
affari_csv_export_deals_async (AffariStore         *store,
                               const gint64        *ids,
                               guint                n_ids,
                               const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportTask *data;
  const char *db_path;

  g_return_if_fail (AFFARI_IS_STORE (store));
  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, affari_csv_export_deals_async);
  data = g_new0 (ExportTask, 1);
  data->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (data->ids, ids, n_ids);
  data->path = g_strdup (path);
  db_path = affari_store_get_path (store);
  if (db_path == NULL || g_str_equal (db_path, ":memory:"))
    {
      g_autoptr(GError) error = NULL;

      /* No other connection can see an in-memory database: read it here, write it there. */
      data->prepared = g_string_new (NULL);
      if (!write_deals (store, ids, n_ids, data->prepared, NULL, cancellable, &error))
        {
          export_task_free (data);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else
    data->db_path = g_strdup (db_path);
  g_task_set_task_data (task, data, export_task_free);
  g_task_run_in_thread (task, export_thread);
}

guint
affari_csv_export_deals_finish (GAsyncResult *result,
                                GError      **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, NULL), 0);

  n = g_task_propagate_int (G_TASK (result), error);
  return n < 0 ? 0 : (guint) n;
}
