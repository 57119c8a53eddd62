/* test-export.c — the whole database as JSON (every table's rows, a deal with all it has) and
 * the deals as Bitrix24's CSV (BOM, quoting, ';' endings, a line per product row, formulas
 * neutralised), read back; a cancel or a failure leaves no file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "io/affari-demo.h"
#include "io/affari-export-b24csv.h"
#include "io/affari-export-json.h"
#include "store/affari-store.h"
#include "store/affari-store-export.h"
#include "affari-test-files.h"
#include "affari-test-sql.h"

typedef struct {
  char *dir;
  char *path;
  AffariStore *store;
  sqlite3 *db;            /* a second connection: counts rows, writes hand-made data */
  gint64 rich_deal;       /* a deal with rows, contacts, a custom field, activities and history */
} Fixture;

static gint64
count (Fixture *f, const char *sql)
{
  return affari_test_sql_int (f->db, sql, 0);
}

static void
sql (Fixture *f, const char *text)
{
  char *message = NULL;

  if (sqlite3_exec (f->db, text, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", text, message);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) noon = g_date_time_new_local (2026, 12, 7, 12, 0, 0);
  g_autofree char *update = NULL;

  f->dir = g_dir_make_tmp ("affari-export-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "affari.db", NULL);
  f->store = affari_store_open (f->path, &error);
  g_assert_no_error (error);
  affari_store_set_now (f->store, g_date_time_to_unix (noon));
  g_assert_true (affari_demo_generate (f->store, 200, 7, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (f->path, &f->db), ==, SQLITE_OK);
  sqlite3_busy_timeout (f->db, 5000);

  /* What the demo does not make: a custom field with a value, an imported key, saved filters. */
  f->rich_deal = count (f, "SELECT d.id FROM deal d WHERE d.deleted_at IS NULL AND d.is_recurring = 0"
                           " AND d.pipeline_id NOT IN (SELECT id FROM pipeline WHERE kind = 'lead')"
                           " AND EXISTS (SELECT 1 FROM deal_product p WHERE p.deal_id = d.id)"
                           " AND (SELECT count(*) FROM deal_product p WHERE p.deal_id = d.id) >= 2"
                           " AND EXISTS (SELECT 1 FROM deal_contact c WHERE c.deal_id = d.id)"
                           " AND EXISTS (SELECT 1 FROM activity a WHERE a.deal_id = d.id)"
                           " AND EXISTS (SELECT 1 FROM event e WHERE e.deal_id = d.id)"
                           " ORDER BY d.id LIMIT 1");
  g_assert_cmpint (f->rich_deal, >, 0);
  sql (f, "INSERT INTO custom_field (id, code, label, kind) VALUES (1, 'UF_CRM_SIZE', 'Dimensione', 'enumeration')");
  sql (f, "INSERT INTO custom_field_item (field_id, value) VALUES (1, 'Piccola'), (1, 'Grande')");
  update = g_strdup_printf ("INSERT INTO deal_field_value (deal_id, field_id, value) VALUES (%" G_GINT64_FORMAT ", 1, '2');"
                            "INSERT INTO deal_extra (deal_id, key, value) VALUES (%" G_GINT64_FORMAT ", 'UTM_SOURCE', 'news');"
                            /* A formula, quotes and a line break: the CSV must keep them harmless and whole. */
                            "UPDATE deal SET title = '=HYPERLINK(\"x\")', comments = 'riga 1\nriga \"2\"; fine'"
                            " WHERE id = %" G_GINT64_FORMAT ";",
                            f->rich_deal, f->rich_deal, f->rich_deal);
  sql (f, update);
  sql (f, "INSERT INTO saved_filter (name, query) VALUES ('Aperti', '{}')");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  sqlite3_close (f->db);
  affari_store_close (f->store);
  g_clear_object (&f->store);
  affari_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Only @name is in @dir: nothing half written was left beside it. */
static void
assert_dir_holds_only (Fixture *f, const char *name)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *entry;

  while ((entry = g_dir_read_name (dir)) != NULL)
    if (!g_str_has_prefix (entry, "affari.db"))
      g_assert_cmpstr (entry, ==, name);
}

/* ------------------------------------------------------------ JSON */

static void
count_rows (JsonArray *rows, const char *table, GHashTable *counts)
{
  guint n = json_array_get_length (rows);

  g_hash_table_insert (counts, (gpointer) table,
                       GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (counts, table)) + (int) n));
  for (guint i = 0; i < n; i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autoptr(GList) members = json_object_get_members (row);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (row, l->data);

          if (JSON_NODE_HOLDS_ARRAY (node))
            count_rows (json_node_get_array (node), l->data, counts);
        }
    }
}

static JsonObject *
find_row (JsonArray *rows, const char *column, gint64 value)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (json_object_get_int_member (row, column) == value)
        return row;
    }
  return NULL;
}

static void
on_progress (gint64 done, gint64 total, gpointer user_data)
{
  gint64 *last = user_data;

  g_assert_cmpint (done, <=, total);
  g_assert_cmpint (done, >=, last[0]);
  last[0] = done;
  last[1] = total;
}

static void
test_json_whole (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "export.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 progress[2] = { 0, -1 };
  JsonObject *root, *deal;
  g_autofree char *sql_text = NULL;

  g_assert_true (affari_export_json (f->store, out, on_progress, progress, NULL, &error));
  g_assert_no_error (error);
  assert_dir_holds_only (f, "export.json");
  g_assert_cmpint (progress[0], ==, progress[1]);
  g_assert_cmpint (progress[1], ==, count (f, "SELECT count(*) FROM deal"));

  g_assert_true (json_parser_load_from_file (parser, out, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "affari-export");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "schema_version"), ==, AFFARI_STORE_SCHEMA_VERSION);

  {
    g_autoptr(GList) members = json_object_get_members (root);

    for (GList *l = members; l != NULL; l = l->next)
      {
        JsonNode *node = json_object_get_member (root, l->data);

        if (JSON_NODE_HOLDS_ARRAY (node))
          count_rows (json_node_get_array (node), l->data, counts);
      }
  }
  /* Every table of the export, with every row of the database. */
  for (AffariExportTable t = 0; t < AFFARI_EXPORT_N_TABLES; t++)
    {
      const char *name = affari_export_table_name (t);
      g_autofree char *query = g_strdup_printf ("SELECT count(*) FROM %s", name);

      g_test_message ("%s: %" G_GINT64_FORMAT, name, count (f, query));
      g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, name)), ==, count (f, query));
    }
  g_assert_cmpint (count (f, "SELECT count(*) FROM lead_info"), >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM quote_product"), >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM deal_stage_history"), >, 0);

  /* The rich deal with everything it has. */
  deal = find_row (json_object_get_array_member (root, "deal"), "id", f->rich_deal);
  g_assert_nonnull (deal);
  g_assert_cmpstr (json_object_get_string_member (deal, "title"), ==, "=HYPERLINK(\"x\")");
  g_assert_cmpstr (json_object_get_string_member (deal, "comments"), ==, "riga 1\nriga \"2\"; fine");
  sql_text = g_strdup_printf ("SELECT amount FROM deal WHERE id = %" G_GINT64_FORMAT, f->rich_deal);
  g_assert_cmpint (json_object_get_int_member (deal, "amount"), ==, count (f, sql_text));
#define CHILDREN(table) \
  G_STMT_START { \
    g_autofree char *q = g_strdup_printf ("SELECT count(*) FROM " table " WHERE deal_id = %" G_GINT64_FORMAT, f->rich_deal); \
    g_assert_cmpint (count (f, q), >, 0); \
    g_assert_cmpint (json_array_get_length (json_object_get_array_member (deal, table)), ==, count (f, q)); \
  } G_STMT_END
  CHILDREN ("deal_product");
  CHILDREN ("deal_contact");
  CHILDREN ("deal_field_value");
  CHILDREN ("deal_extra");
  CHILDREN ("activity");
  CHILDREN ("event");
  CHILDREN ("deal_stage_history");
#undef CHILDREN
  {
    JsonObject *value = json_array_get_object_element (json_object_get_array_member (deal, "deal_field_value"), 0);
    JsonObject *extra = json_array_get_object_element (json_object_get_array_member (deal, "deal_extra"), 0);

    g_assert_cmpint (json_object_get_int_member (value, "field_id"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (value, "value"), ==, "2");
    g_assert_cmpstr (json_object_get_string_member (extra, "key"), ==, "UTM_SOURCE");
  }
  /* Stages live inside their pipeline, items inside their field. */
  {
    JsonObject *field = json_array_get_object_element (json_object_get_array_member (root, "custom_field"), 0);
    JsonObject *pipeline = json_array_get_object_element (json_object_get_array_member (root, "pipeline"), 0);

    g_assert_cmpint (json_array_get_length (json_object_get_array_member (field, "custom_field_item")), ==, 2);
    g_assert_cmpint (json_array_get_length (json_object_get_array_member (pipeline, "stage")), >, 0);
  }
}

static void
test_json_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *out = g_build_filename (f->dir, "export.json", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-dir", "export.json", NULL);

  g_cancellable_cancel (cancellable);
  g_assert_false (affari_export_json (f->store, out, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (affari_export_b24csv (f->store, out, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  assert_dir_holds_only (f, NULL);

  /* An existing file stays as it was. */
  g_assert_true (g_file_set_contents (out, "old", -1, NULL));
  g_assert_false (affari_export_json (f->store, out, NULL, NULL, cancellable, &error));
  g_clear_error (&error);
  {
    g_autofree char *text = NULL;

    g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
    g_assert_cmpstr (text, ==, "old");
  }
  assert_dir_holds_only (f, "export.json");

  g_assert_false (affari_export_json (f->store, missing, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
}

static void
on_async_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The window's way: a worker with its own read-only connection, progress on this thread. */
static void
test_json_async (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *out = g_build_filename (f->dir, "async.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gint64 progress[2] = { 0, -1 };
  JsonObject *root;

  affari_export_json_async (f->store, out, on_progress, progress, NULL, NULL, on_async_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (affari_export_json_finish (result, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_file (parser, out, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (root, "deal")), ==,
                   count (f, "SELECT count(*) FROM deal"));
  /* The last figure may come after the end: only the ones before it are seen. */
  g_assert_cmpint (progress[0], <=, count (f, "SELECT count(*) FROM deal"));
  assert_dir_holds_only (f, "async.json");
}

/* ------------------------------------------------------------ Bitrix24 CSV */

/* Bitrix24's records: every field quoted, ';' after each, '\n' after the last. */
static GPtrArray *
parse_b24 (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *p = text;

  while (*p != '\0')
    {
      g_autoptr(GStrvBuilder) fields = g_strv_builder_new ();

      while (*p != '\n')
        {
          g_autoptr(GString) field = g_string_new (NULL);

          g_assert_cmpint (*p, ==, '"');
          p++;
          for (;;)
            {
              g_assert_cmpint (*p, !=, '\0');
              if (p[0] == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                }
              else if (p[0] == '"')
                break;
              else
                g_string_append_c (field, *p++);
            }
          p++;
          g_assert_cmpint (*p, ==, ';');
          p++;
          g_strv_builder_add (fields, field->str);
        }
      p++;
      g_ptr_array_add (records, g_strv_builder_end (fields));
    }
  return records;
}

static void
test_b24csv (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "deals.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->rich_deal);
  g_autofree char *rows_sql = g_strdup_printf ("SELECT count(*) FROM deal_product WHERE deal_id = %s", id);
  gint64 progress[2] = { 0, -1 };
  guint rich_lines = 0;
  gint64 lines;
  char **header;

  g_assert_true (affari_export_b24csv (f->store, out, on_progress, progress, NULL, &error));
  g_assert_no_error (error);
  assert_dir_holds_only (f, "deals.csv");
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF\"ID\";"));
  g_assert_true (g_str_has_suffix (text, "\";\n"));
  g_assert_null (strstr (text, "\r"));
  records = parse_b24 (text + 3);

  /* A line per deal without rows, a line per row for the others; no lead, template, trash. */
  lines = count (f, "SELECT coalesce(sum(max(1, (SELECT count(*) FROM deal_product p WHERE p.deal_id = d.id))), 0)"
                    " FROM deal d WHERE d.deleted_at IS NULL AND d.is_recurring = 0"
                    " AND d.pipeline_id NOT IN (SELECT id FROM pipeline WHERE kind = 'lead')");
  g_assert_cmpint (records->len, ==, lines + 1);
  g_assert_cmpint (progress[0], ==, progress[1]);
  header = g_ptr_array_index (records, 0);
  g_assert_cmpuint (g_strv_length (header), ==, 20);
  g_assert_cmpstr (header[17], ==, "Product");

  for (guint i = 1; i < records->len; i++)
    {
      char **record = g_ptr_array_index (records, i);

      g_assert_cmpuint (g_strv_length (record), ==, 20);
      /* OPPORTUNITY as "12500.00". */
      g_assert_true (g_regex_match_simple ("^-?[0-9]+\\.[0-9][0-9]$", record[4], 0, 0));
      if (!g_str_equal (record[0], id))
        continue;
      rich_lines++;
      g_assert_cmpstr (record[1], ==, "'=HYPERLINK(\"x\")");
      g_assert_cmpstr (record[14], ==, "riga 1\nriga \"2\"; fine");
      g_assert_cmpstr (record[17], !=, "");
      g_assert_true (g_regex_match_simple ("^[0-9]+\\.[0-9][0-9]$", record[18], 0, 0));
      g_assert_cmpstr (record[19], !=, "");
      g_assert_cmpstr (record[5], !=, "EUR");   /* the currency by name */
    }
  g_assert_cmpint (rich_lines, ==, count (f, rows_sql));
}

int
main (int argc, char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/export/json/whole", test_json_whole);
  ADD ("/export/json/cancel", test_json_cancel);
  ADD ("/export/json/async", test_json_async);
  ADD ("/export/b24csv/shape", test_b24csv);
#undef ADD

  return g_test_run ();
}
