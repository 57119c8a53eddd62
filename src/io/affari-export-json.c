/* affari-export-json.c — the whole database as one JSON document, streamed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <math.h>

#include "model/affari-error.h"
#include "store/affari-store.h"
#include "store/affari-store-export.h"

#include "affari-export-json.h"
#include "affari-file-sink.h"

#define PAGE_ROWS 500
/* What is buffered before it goes to the file. */
#define FLUSH_BYTES (256 * 1024)

typedef struct {
  AffariStore *store;
  AffariFileSink sink;
  GString *out;
  GCancellable *cancellable;
  AffariExportProgressFunc progress;
  gpointer progress_data;
  gint64 done;
  gint64 total;
  gboolean first;            /* the next row is the first of its array */
} Writer;

/* The children written inside each row of a table. */
static const AffariExportTable pipeline_children[] = { AFFARI_EXPORT_STAGE };
static const AffariExportTable field_children[] = { AFFARI_EXPORT_CUSTOM_FIELD_ITEM };
static const AffariExportTable section_children[] = { AFFARI_EXPORT_CARD_ELEMENT };
static const AffariExportTable quote_children[] = { AFFARI_EXPORT_QUOTE_PRODUCT };
static const AffariExportTable deal_children[] = {
  AFFARI_EXPORT_DEAL_CONTACT, AFFARI_EXPORT_DEAL_PRODUCT, AFFARI_EXPORT_DEAL_FIELD_VALUE,
  AFFARI_EXPORT_DEAL_EXTRA, AFFARI_EXPORT_ACTIVITY, AFFARI_EXPORT_EVENT,
  AFFARI_EXPORT_DEAL_STAGE_HISTORY, AFFARI_EXPORT_LEAD_INFO, AFFARI_EXPORT_RECURRING,
};

typedef struct {
  AffariExportTable table;
  const AffariExportTable *children;
  guint n_children;
} TopTable;

#define CHILDREN(a) a, G_N_ELEMENTS (a)

/* The document's order: what rows refer to comes before them. */
static const TopTable top_tables[] = {
  { AFFARI_EXPORT_SETTING, NULL, 0 },
  { AFFARI_EXPORT_TEAM_MEMBER, NULL, 0 },
  { AFFARI_EXPORT_CURRENCY, NULL, 0 },
  { AFFARI_EXPORT_PIPELINE, CHILDREN (pipeline_children) },
  { AFFARI_EXPORT_DEAL_TYPE, NULL, 0 },
  { AFFARI_EXPORT_DEAL_SOURCE, NULL, 0 },
  { AFFARI_EXPORT_COMPANY, NULL, 0 },
  { AFFARI_EXPORT_CONTACT, NULL, 0 },
  { AFFARI_EXPORT_PRODUCT, NULL, 0 },
  { AFFARI_EXPORT_CUSTOM_FIELD, CHILDREN (field_children) },
  { AFFARI_EXPORT_CARD_SECTION, CHILDREN (section_children) },
  { AFFARI_EXPORT_DEAL, CHILDREN (deal_children) },
  { AFFARI_EXPORT_EVENT_PINNED, NULL, 0 },
  { AFFARI_EXPORT_QUOTE, CHILDREN (quote_children) },
  { AFFARI_EXPORT_SAVED_FILTER, NULL, 0 },
  { AFFARI_EXPORT_SAVED_SEGMENT, NULL, 0 },
  { AFFARI_EXPORT_SALES_GENERATOR, NULL, 0 },
};

/* ------------------------------------------------------------ JSON text */

/* RFC 8259 string escaping; text that is not UTF-8 (SQLite does not check it) is repaired. */
static void
append_string (GString *out, const char *text)
{
  g_autofree char *valid = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) text; *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_value (GString *out, const AffariExportValue *value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  switch (value->type)
    {
    case AFFARI_EXPORT_VALUE_INT:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, value->number);
      break;
    case AFFARI_EXPORT_VALUE_REAL:
      if (isfinite (value->real))
        g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, value->real));
      else
        g_string_append (out, "null");
      break;
    case AFFARI_EXPORT_VALUE_TEXT:
      append_string (out, value->text);
      break;
    case AFFARI_EXPORT_VALUE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/* The members of a row object, without its braces. */
static void
append_members (GString *out, guint n_columns, const char * const *names, const AffariExportValue *values)
{
  for (guint i = 0; i < n_columns; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_string (out, names[i]);
      g_string_append_c (out, ':');
      append_value (out, &values[i]);
    }
}

static gboolean
writer_flush (Writer *w, gboolean force, GError **error)
{
  if (w->out->len < FLUSH_BYTES && !force)
    return TRUE;
  return affari_file_sink_write (&w->sink, w->out, error);
}

/* ------------------------------------------------------------ rows */

static gboolean write_table (Writer *w, const TopTable *top, GError **error);

typedef struct {
  Writer *w;
  const TopTable *top;
} RowContext;

static gboolean
on_child_row (guint                    n_columns,
              const char * const      *names,
              const AffariExportValue *values,
              gpointer                 user_data,
              GError                 **error)
{
  Writer *w = user_data;

  g_string_append (w->out, w->first ? "\n      {" : ",\n      {");
  w->first = FALSE;
  append_members (w->out, n_columns, names, values);
  g_string_append_c (w->out, '}');
  return TRUE;
}

static gboolean
on_top_row (guint                    n_columns,
            const char * const      *names,
            const AffariExportValue *values,
            gpointer                 user_data,
            GError                 **error)
{
  RowContext *ctx = user_data;
  Writer *w = ctx->w;
  /* Every table with children has its id as its first column. */
  gint64 id = n_columns > 0 && values[0].type == AFFARI_EXPORT_VALUE_INT ? values[0].number : 0;

  g_string_append (w->out, w->first ? "\n    {" : ",\n    {");
  append_members (w->out, n_columns, names, values);
  for (guint c = 0; c < ctx->top->n_children; c++)
    {
      AffariExportTable child = ctx->top->children[c];

      g_string_append_c (w->out, ',');
      append_string (w->out, affari_export_table_name (child));
      g_string_append (w->out, ":[");
      w->first = TRUE;
      if (!affari_store_export_children (w->store, child, id, on_child_row, w, error))
        return FALSE;
      g_string_append (w->out, w->first ? "]" : "\n    ]");
    }
  g_string_append_c (w->out, '}');
  w->first = FALSE;
  return writer_flush (w, FALSE, error);
}

static gboolean
write_table (Writer *w, const TopTable *top, GError **error)
{
  RowContext ctx = { w, top };
  gint64 after = 0;
  guint n_rows = PAGE_ROWS;

  g_string_append (w->out, ",\n  ");
  append_string (w->out, affari_export_table_name (top->table));
  g_string_append (w->out, ": [");
  w->first = TRUE;
  while (n_rows == PAGE_ROWS)
    {
      if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
        return FALSE;
      if (!affari_store_export_page (w->store, top->table, after, PAGE_ROWS, on_top_row, &ctx,
                                     &after, &n_rows, error))
        return FALSE;
      if (top->table == AFFARI_EXPORT_DEAL)
        {
          w->done += n_rows;
          if (w->progress != NULL)
            w->progress (w->done, w->total, w->progress_data);
        }
    }
  g_string_append (w->out, w->first ? "]" : "\n  ]");
  return TRUE;
}

static gboolean
write_document (Writer *w, GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (affari_store_now (w->store));
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  w->total = affari_store_export_count (w->store, AFFARI_EXPORT_DEAL, error);
  if (w->total < 0)
    return FALSE;
  g_string_append_printf (w->out, "{\n  \"format\": \"affari-export\",\n  \"version\": 1,\n"
                                  "  \"schema_version\": %d,\n  \"exported_at\": \"%s\"",
                          AFFARI_STORE_SCHEMA_VERSION, stamp);
  for (guint i = 0; i < G_N_ELEMENTS (top_tables); i++)
    if (!write_table (w, &top_tables[i], error))
      return FALSE;
  g_string_append (w->out, "\n}\n");
  return writer_flush (w, TRUE, error);
}

gboolean
affari_export_json (AffariStore              *store,
                    const char               *path,
                    AffariExportProgressFunc  progress,
                    gpointer                  user_data,
                    GCancellable             *cancellable,
                    GError                  **error)
{
  Writer w = { store, AFFARI_FILE_SINK_INIT, NULL, cancellable, progress, user_data, 0, 0, TRUE };
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!affari_file_sink_open (&w.sink, path, error))
    return FALSE;
  w.out = g_string_sized_new (FLUSH_BYTES + 4096);
  ok = affari_store_export_begin (store, error);
  if (ok)
    {
      ok = write_document (&w, error);
      affari_store_export_end (store);
    }
  g_string_free (w.out, TRUE);
  return affari_file_sink_close (&w.sink, ok, ok ? error : NULL);
}

/* ------------------------------------------------------------ off the main thread */

typedef struct {
  char *db_path;
  char *path;
  AffariExportProgressFunc progress;
  gpointer progress_data;
  GDestroyNotify progress_destroy;
  GMainContext *context;
  gint64 pending_done;       /* the last figure posted, -1 once the main context took it */
  gint64 pending_total;
  GMutex lock;
  gboolean posted;
} JsonTask;

static void
json_task_free (gpointer data)
{
  JsonTask *task = data;

  g_free (task->db_path);
  g_free (task->path);
  if (task->progress_destroy != NULL)
    task->progress_destroy (task->progress_data);
  g_main_context_unref (task->context);
  g_mutex_clear (&task->lock);
  g_free (task);
}

static gboolean
deliver_progress_cb (gpointer user_data)
{
  GTask *task = user_data;
  JsonTask *data = g_task_get_task_data (task);
  gint64 done, total;

  g_mutex_lock (&data->lock);
  done = data->pending_done;
  total = data->pending_total;
  data->posted = FALSE;
  g_mutex_unlock (&data->lock);
  /* A figure posted just before the end may arrive after the callback, whose data may be gone. */
  if (data->progress != NULL && !g_task_get_completed (task))
    data->progress (done, total, data->progress_data);
  return G_SOURCE_REMOVE;
}

/* Called in the worker: posts the figure once; a slow main loop sees only the latest. */
static void
post_progress (gint64 done, gint64 total, gpointer user_data)
{
  GTask *task = user_data;
  JsonTask *data = g_task_get_task_data (task);
  gboolean post;

  g_mutex_lock (&data->lock);
  data->pending_done = done;
  data->pending_total = total;
  post = !data->posted;
  data->posted = TRUE;
  g_mutex_unlock (&data->lock);
  if (post)
    g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, deliver_progress_cb,
                                g_object_ref (task), g_object_unref);
}

static void
json_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  JsonTask *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariStore) store = affari_store_open_read_only (data->db_path, &error);

  if (store != NULL && affari_export_json (store, data->path, post_progress, task, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
affari_export_json_async (AffariStore              *store,
                          const char               *path,
                          AffariExportProgressFunc  progress,
                          gpointer                  progress_data,
                          GDestroyNotify            progress_destroy,
                          GCancellable             *cancellable,
                          GAsyncReadyCallback       callback,
                          gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *db_path;
  JsonTask *data;

  g_return_if_fail (AFFARI_IS_STORE (store));
  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, affari_export_json_async);
  db_path = affari_store_get_path (store);
  if (db_path == NULL || g_str_equal (db_path, ":memory:"))
    {
      g_autoptr(GError) error = NULL;

      if (affari_export_json (store, path, progress, progress_data, cancellable, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      if (progress_destroy != NULL)
        progress_destroy (progress_data);
      return;
    }
  data = g_new0 (JsonTask, 1);
  data->db_path = g_strdup (db_path);
  data->path = g_strdup (path);
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_destroy = progress_destroy;
  data->context = g_main_context_ref_thread_default ();
  g_mutex_init (&data->lock);
  g_task_set_task_data (task, data, json_task_free);
  g_task_run_in_thread (task, json_thread);
}

gboolean
affari_export_json_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
