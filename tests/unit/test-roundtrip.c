/* test-roundtrip.c — the whole database exported as JSON and imported into an empty one comes
 * back the same: every table row by row and column by column, the search index through searches,
 * and the second export byte for byte the first; a truncated file, another format, a newer
 * version, names that are not the schema's, a reference that points nowhere and a database that
 * already holds deals write nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "io/affari-demo.h"
#include "io/affari-export-json.h"
#include "io/affari-import-json.h"
#include "model/affari-error.h"
#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"
#include "affari-test-files.h"
#include "affari-test-sql.h"

/* 2026-12-07 12:00 UTC: both stores run on it, so both exports carry the same time. */
#define NOW 1796644800

typedef struct {
  char *dir;
  char *source_path;
  char *json_path;        /* the source's export */
  char *target_path;      /* a new, empty database */
  AffariStore *source;
  sqlite3 *source_db;     /* a second connection: writes what the demo does not make */
  AffariStore *target;
  AffariDealOps *ops;
  sqlite3 *target_db;
} Fixture;

static void
sql (sqlite3 *db, const char *text)
{
  char *message = NULL;

  if (sqlite3_exec (db, text, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", text, message);
}

/* What the sample data does not have: custom fields and their values, keys of other CRMs, saved
 * filters and segments, a generator, a pinned comment, trashed deals, text with every kind of
 * character, NULLs, the largest and smallest integers, odd reals. */
static void
enrich (Fixture *f)
{
  gint64 deal = affari_test_sql_int (f->source_db,
                                     "SELECT d.id FROM deal d WHERE d.deleted_at IS NULL AND d.is_recurring = 0"
                                     " AND EXISTS (SELECT 1 FROM deal_product p WHERE p.deal_id = d.id)"
                                     " AND EXISTS (SELECT 1 FROM event e WHERE e.deal_id = d.id AND e.kind = 'comment')"
                                     " ORDER BY d.id LIMIT 1", 0);
  g_autofree char *text = NULL;

  g_assert_cmpint (deal, >, 0);
  g_assert_cmpint (affari_test_sql_int (f->source_db, "SELECT count(*) FROM lead_info", 0), >, 0);
  g_assert_cmpint (affari_test_sql_int (f->source_db, "SELECT count(*) FROM quote_product", 0), >, 0);
  g_assert_cmpint (affari_test_sql_int (f->source_db, "SELECT count(*) FROM recurring", 0), >, 0);

  sql (f->source_db,
       "INSERT INTO custom_field (id, code, label, kind, settings) VALUES"
       " (7, 'UF_CRM_SIZE', 'Dimensione', 'enumeration', NULL),"
       " (9, 'UF_CRM_NOTE', 'Nota “speciale”', 'string', '{\"rows\": 3}');"
       "INSERT INTO custom_field_item (field_id, value, sort, is_default, xml_id) VALUES"
       " (7, 'Piccola', 10, 1, NULL), (7, 'Grande', 20, 0, 'BIG');"
       "INSERT INTO saved_filter (name, query, created) VALUES ('Aperti ''importanti''', '{\"semantics\": <\"P\">}', 1);"
       "INSERT INTO saved_segment (name, query, created) VALUES ('Clienti 💶', '{}', 2);"
       "INSERT INTO sales_generator (name, config, next_run, active) VALUES"
       " ('Ogni lunedì', '[generator]\nsegment=sleeping\n', '2026-12-14', 1);"
       "INSERT INTO event_pinned (event_id) SELECT min(id) FROM event WHERE kind = 'comment';"
       /* The largest and smallest integers, a negative amount and odd reals. */
       "UPDATE product SET price = 9223372036854775807 WHERE id = (SELECT min(id) FROM product);"
       "UPDATE product SET price = -9223372036854775808 WHERE id = (SELECT max(id) FROM product);"
       "UPDATE deal_product SET discount_sum = -12345 WHERE id = (SELECT min(id) FROM deal_product);"
       "UPDATE deal SET position = -0.1 WHERE id = (SELECT min(id) FROM deal);"
       "UPDATE deal SET position = 1.7976931348623157e308 WHERE id = (SELECT min(id) + 1 FROM deal);"
       "UPDATE deal SET position = 4.9e-324, amount = -500, probability = NULL WHERE id = (SELECT min(id) + 2 FROM deal);"
       "UPDATE deal SET position = 123456.789012345 WHERE id = (SELECT min(id) + 3 FROM deal);"
       /* Three deals in the trash. */
       "UPDATE deal SET deleted_at = 1796000000 WHERE id IN (SELECT id FROM deal WHERE deleted_at IS NULL"
       " AND is_recurring = 0 ORDER BY id DESC LIMIT 3);");
  text = g_strdup_printf ("INSERT INTO deal_field_value (deal_id, field_id, value) VALUES"
                          " (%1$" G_GINT64_FORMAT ", 7, '2'), (%1$" G_GINT64_FORMAT ", 9, NULL);"
                          "INSERT INTO deal_extra (deal_id, key, value) VALUES"
                          " (%1$" G_GINT64_FORMAT ", 'UTM_SOURCE', 'news'), (%1$" G_GINT64_FORMAT ", 'PARENT_ID_7', NULL);"
                          "UPDATE deal SET title = 'Caffè “Ñandú” ''quoted'' \"doppie\" \\ barra 😀 日本',"
                          " comments = 'riga 1' || char(10) || 'riga 2' || char(13, 10) || char(9) || 'tab'"
                          "   || char(1) || ' controllo </script> \\u0000'"
                          " WHERE id = %1$" G_GINT64_FORMAT ";",
                          deal);
  sql (f->source_db, text);
  /* Written past the store: its search documents are brought up to date as its commit would. */
  sql (f->source_db, "DELETE FROM deal_search_doc WHERE deal_id IN (SELECT deal_id FROM deal_search_dirty);"
                     "INSERT INTO deal_search_doc (deal_id, body) SELECT deal_id, body FROM deal_search_body"
                     " WHERE deal_id IN (SELECT deal_id FROM deal_search_dirty);"
                     "DELETE FROM deal_search_dirty;");
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("affari-roundtrip-XXXXXX", &error);
  g_assert_no_error (error);
  f->source_path = g_build_filename (f->dir, "source.db", NULL);
  f->json_path = g_build_filename (f->dir, "export.json", NULL);
  f->target_path = g_build_filename (f->dir, "target.db", NULL);

  f->source = affari_store_open (f->source_path, &error);
  g_assert_no_error (error);
  affari_store_set_now (f->source, NOW);
  g_assert_true (affari_demo_generate (f->source, 300, 19, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (f->source_path, &f->source_db), ==, SQLITE_OK);
  sqlite3_busy_timeout (f->source_db, 5000);
  enrich (f);
  /* The sample data ran on its own clock. */
  affari_store_set_now (f->source, NOW);
  g_assert_true (affari_export_json (f->source, f->json_path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  f->target = affari_store_open (f->target_path, &error);
  g_assert_no_error (error);
  affari_store_set_now (f->target, NOW);
  f->ops = affari_deal_ops_new (f->target);
  g_assert_cmpint (sqlite3_open (f->target_path, &f->target_db), ==, SQLITE_OK);
  sqlite3_busy_timeout (f->target_db, 5000);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  sqlite3_close (f->source_db);
  sqlite3_close (f->target_db);
  g_assert_finalize_object (f->ops);
  affari_store_close (f->target);
  g_assert_finalize_object (f->target);
  affari_store_close (f->source);
  g_assert_finalize_object (f->source);
  affari_test_remove_tree (f->dir);
  g_free (f->source_path);
  g_free (f->json_path);
  g_free (f->target_path);
  g_free (f->dir);
}

/* ------------------------------------------------------------ comparing databases */

/* The tables compared row by row: every table but SQLite's own, the full-text index's shadow
 * tables (compared through searches) and the change log (what each connection told the others,
 * affari-store-watch.c: not data, not exported). */
#define COMPARED_TABLES \
  "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'" \
  " AND name NOT IN ('deal_search', 'deal_search_data', 'deal_search_idx', 'deal_search_docsize'," \
  "                  'deal_search_config', 'change_log') ORDER BY name"

static GPtrArray *
column_of_rows (sqlite3 *db, const char *query)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return names;
}

static char *
describe_value (sqlite3_stmt *stmt, int column)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL: return g_strdup ("NULL");
    case SQLITE_INTEGER: return g_strdup_printf ("%" G_GINT64_FORMAT " (integer)", (gint64) sqlite3_column_int64 (stmt, column));
    case SQLITE_FLOAT: return g_strdup_printf ("%.17g (real)", sqlite3_column_double (stmt, column));
    default: return g_strdup_printf ("“%s” (%s)", (const char *) sqlite3_column_text (stmt, column),
                                     sqlite3_column_type (stmt, column) == SQLITE_TEXT ? "text" : "blob");
    }
}

static gboolean
same_value (sqlite3_stmt *a, sqlite3_stmt *b, int column)
{
  int type = sqlite3_column_type (a, column);

  if (type != sqlite3_column_type (b, column))
    return FALSE;
  switch (type)
    {
    case SQLITE_NULL: return TRUE;
    case SQLITE_INTEGER: return sqlite3_column_int64 (a, column) == sqlite3_column_int64 (b, column);
    case SQLITE_FLOAT:
      {
        double x = sqlite3_column_double (a, column), y = sqlite3_column_double (b, column);
        return memcmp (&x, &y, sizeof x) == 0;
      }
    default:
      {
        const void *x = sqlite3_column_blob (a, column), *y = sqlite3_column_blob (b, column);
        int n = sqlite3_column_bytes (a, column);
        return n == sqlite3_column_bytes (b, column) && (n == 0 || memcmp (x, y, (size_t) n) == 0);
      }
    }
}

/* The first difference between @table in @a and in @b, NULL when they are the same. */
static char *
compare_table (sqlite3 *a, sqlite3 *b, const char *table)
{
  g_autoptr(GString) query = g_string_new (NULL);
  sqlite3_stmt *sa = NULL, *sb = NULL;
  char *difference = NULL;
  int n_columns, ra, rb;
  guint row = 0;

  g_string_printf (query, "SELECT * FROM \"%s\"", table);
  /* The totals of stages kept by triggers: a row that fell to zero stays where deals left it,
   * and says nothing (the board reads none). */
  if (g_str_equal (table, "stage_total"))
    g_string_append (query, " WHERE count != 0 OR sum != 0");
  g_assert_cmpint (sqlite3_prepare_v2 (a, query->str, -1, &sa, NULL), ==, SQLITE_OK);
  n_columns = sqlite3_column_count (sa);
  g_string_append (query, " ORDER BY ");
  for (int c = 1; c <= n_columns; c++)
    g_string_append_printf (query, "%s%d", c > 1 ? ", " : "", c);
  sqlite3_finalize (sa);
  g_assert_cmpint (sqlite3_prepare_v2 (a, query->str, -1, &sa, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (b, query->str, -1, &sb, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_column_count (sb), ==, n_columns);

  while (difference == NULL)
    {
      ra = sqlite3_step (sa);
      rb = sqlite3_step (sb);
      if (ra != SQLITE_ROW || rb != SQLITE_ROW)
        {
          if (ra != rb)
            difference = g_strdup_printf ("table %s: %s has more rows (%u in common)", table,
                                          ra == SQLITE_ROW ? "the exported database" : "the imported database", row);
          break;
        }
      for (int c = 0; c < n_columns && difference == NULL; c++)
        if (!same_value (sa, sb, c))
          {
            g_autofree char *va = describe_value (sa, c), *vb = describe_value (sb, c);

            difference = g_strdup_printf ("table %s, row %u (first column %s), column %s: %s exported, %s imported",
                                          table, row + 1, (const char *) sqlite3_column_text (sa, 0),
                                          sqlite3_column_name (sa, c), va, vb);
          }
      row++;
    }
  g_assert_cmpint (ra, !=, SQLITE_ERROR);
  g_assert_cmpint (rb, !=, SQLITE_ERROR);
  sqlite3_finalize (sa);
  sqlite3_finalize (sb);
  return difference;
}

/* Whether a search finds the same deals in both databases. */
static char *
compare_search (sqlite3 *a, sqlite3 *b, const char *words)
{
  const char *query = "SELECT group_concat(rowid) FROM (SELECT rowid FROM deal_search WHERE deal_search MATCH ?1"
                      " ORDER BY rowid)";
  sqlite3_stmt *sa = NULL, *sb = NULL;
  g_autofree char *found_a = NULL, *found_b = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (a, query, -1, &sa, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (b, query, -1, &sb, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (sa, 1, words, -1, SQLITE_STATIC);
  sqlite3_bind_text (sb, 1, words, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (sa), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_step (sb), ==, SQLITE_ROW);
  found_a = g_strdup ((const char *) sqlite3_column_text (sa, 0));
  found_b = g_strdup ((const char *) sqlite3_column_text (sb, 0));
  sqlite3_finalize (sa);
  sqlite3_finalize (sb);
  if (g_strcmp0 (found_a, found_b) == 0 && found_a != NULL)
    return NULL;
  return g_strdup_printf ("the search %s finds %s in the exported database, %s in the imported one",
                          words, found_a ? found_a : "nothing", found_b ? found_b : "nothing");
}

static void
assert_same_databases (sqlite3 *a, sqlite3 *b)
{
  g_autoptr(GPtrArray) tables_a = column_of_rows (a, COMPARED_TABLES);
  g_autoptr(GPtrArray) tables_b = column_of_rows (b, COMPARED_TABLES);
  g_autoptr(GPtrArray) words = NULL;
  g_autofree char *schema_a = affari_test_sql_text (a, "SELECT group_concat(type || name || coalesce(sql, ''), ';')"
                                                       " FROM (SELECT * FROM sqlite_master ORDER BY name)", 0);
  g_autofree char *schema_b = affari_test_sql_text (b, "SELECT group_concat(type || name || coalesce(sql, ''), ';')"
                                                       " FROM (SELECT * FROM sqlite_master ORDER BY name)", 0);

  g_assert_cmpstr (schema_a, ==, schema_b);
  g_assert_cmpuint (tables_a->len, ==, tables_b->len);
  g_assert_cmpuint (tables_a->len, >=, 30);
  for (guint i = 0; i < tables_a->len; i++)
    {
      g_autofree char *difference = NULL;

      g_assert_cmpstr (g_ptr_array_index (tables_a, i), ==, g_ptr_array_index (tables_b, i));
      difference = compare_table (a, b, g_ptr_array_index (tables_a, i));
      g_assert_cmpstr (difference, ==, NULL);
    }

  /* The index itself, through what it finds: a word of every tenth deal's title and client. */
  words = column_of_rows (a, "SELECT DISTINCT '\"' || replace(substr(t, 1, instr(t || ' ', ' ') - 1), '\"', '') || '\"*'"
                             " FROM (SELECT coalesce(c.name, d.title) AS t FROM deal d LEFT JOIN company c ON c.id = d.company_id"
                             " WHERE d.id % 10 = 0) WHERE length(t) > 2");
  g_ptr_array_add (words, g_strdup ("caffe"));
  g_ptr_array_add (words, g_strdup ("nandu"));
  g_ptr_array_add (words, g_strdup ("controllo"));
  g_assert_cmpuint (words->len, >, 5);
  for (guint i = 0; i < words->len; i++)
    {
      g_autofree char *difference = compare_search (a, b, g_ptr_array_index (words, i));
      g_assert_cmpstr (difference, ==, NULL);
    }
  g_assert_cmpint (affari_test_sql_int (b, "SELECT count(*) FROM deal_search_dirty", 0), ==, 0);
  sql (b, "INSERT INTO deal_search (deal_search, rank) VALUES ('integrity-check', 0)");
}

/* @a and @b hold the same bytes; the message names the first place they differ. */
static void
assert_same_files (const char *a, const char *b)
{
  g_autofree char *text_a = NULL, *text_b = NULL;
  gsize len_a, len_b, at = 0;

  g_assert_true (g_file_get_contents (a, &text_a, &len_a, NULL));
  g_assert_true (g_file_get_contents (b, &text_b, &len_b, NULL));
  while (at < len_a && at < len_b && text_a[at] == text_b[at])
    at++;
  if (at < len_a || at < len_b)
    {
      g_autofree char *near_a = g_strndup (text_a + (at > 60 ? at - 60 : 0), 120);
      g_autofree char *near_b = g_strndup (text_b + (at > 60 ? at - 60 : 0), 120);

      g_assert_cmpstr (near_a, ==, near_b);
    }
  g_assert_cmpuint (len_a, ==, len_b);
}

/* ------------------------------------------------------------ tests */

static void
test_roundtrip (Fixture *f, gconstpointer data)
{
  static const struct { AffariImportKind kind; const char *sql; } counts[] = {
    { AFFARI_IMPORTED_DEAL, "SELECT count(*) FROM deal" },
    { AFFARI_IMPORTED_PIPELINE, "SELECT count(*) FROM pipeline" },
    { AFFARI_IMPORTED_STAGE, "SELECT count(*) FROM stage" },
    { AFFARI_IMPORTED_COMPANY, "SELECT count(*) FROM company" },
    { AFFARI_IMPORTED_CONTACT, "SELECT count(*) FROM contact" },
    { AFFARI_IMPORTED_PRODUCT_ROW, "SELECT count(*) FROM deal_product" },
    { AFFARI_IMPORTED_COMMENT, "SELECT count(*) FROM event WHERE kind = 'comment'" },
    { AFFARI_IMPORTED_ACTIVITY, "SELECT count(*) FROM activity" },
  };
  g_autoptr(AffariImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *again = g_build_filename (f->dir, "again.json", NULL);

  report = affari_import_json (f->target, f->ops, f->json_path, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->refused->len, ==, 0);
  /* Each kind counted as the file holds it. */
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    g_assert_cmpint (report->created[counts[i].kind], ==, affari_test_sql_int (f->source_db, counts[i].sql, 0));

  assert_same_databases (f->source_db, f->target_db);
  /* What the store keeps of the database follows the file's. */
  g_assert_cmpint (affari_store_get_default_pipeline_id (f->target), ==,
                   affari_test_sql_int (f->source_db, "SELECT id FROM pipeline WHERE is_default = 1", 0));

  g_assert_true (affari_export_json (f->target, again, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_same_files (f->json_path, again);
}

static void
test_dry_run (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = affari_import_json (f->target, f->ops, f->json_path, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (report->dry_run);
  g_assert_cmpint (report->created[AFFARI_IMPORTED_DEAL], ==,
                   affari_test_sql_int (f->source_db, "SELECT count(*) FROM deal", 0));
  g_assert_cmpint (affari_test_sql_int (f->target_db, "SELECT count(*) FROM deal", 0), ==, 0);
  g_assert_cmpint (affari_test_sql_int (f->target_db, "SELECT count(*) FROM pipeline", 0), ==, 2);
  g_assert_cmpint (affari_store_get_default_pipeline_id (f->target), ==,
                   affari_test_sql_int (f->target_db, "SELECT id FROM pipeline WHERE is_default = 1", 0));
}

/* The target is still a new database: its defaults, nothing else. */
static void
assert_untouched (Fixture *f, const char *schema_before)
{
  g_autofree char *schema = affari_test_sql_text (f->target_db, "SELECT group_concat(name) FROM sqlite_master", 0);

  g_assert_cmpint (affari_test_sql_int (f->target_db, "SELECT count(*) FROM deal", 0), ==, 0);
  g_assert_cmpint (affari_test_sql_int (f->target_db, "SELECT count(*) FROM company", 0), ==, 0);
  g_assert_cmpint (affari_test_sql_int (f->target_db, "SELECT count(*) FROM pipeline", 0), ==, 2);
  g_assert_cmpint (affari_test_sql_int (f->target_db, "SELECT count(*) FROM setting", 0), ==, 2);
  g_assert_cmpstr (schema, ==, schema_before);
}

/* Imports @text (written to a file) into the target and expects @code. */
static void
assert_refused (Fixture *f, const char *text, gssize length, int code)
{
  g_autofree char *path = g_build_filename (f->dir, "bad.json", NULL);
  g_autofree char *schema = affari_test_sql_text (f->target_db, "SELECT group_concat(name) FROM sqlite_master", 0);
  g_autoptr(AffariImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, length, NULL));
  report = affari_import_json (f->target, f->ops, path, FALSE, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, AFFARI_ERROR, code);
  g_test_message ("refused: %s", error->message);
  assert_untouched (f, schema);
}

/* @text with the first @from replaced by @to. */
static char *
replace_first (const char *text, const char *from, const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

static void
test_bad_files (Fixture *f, gconstpointer data)
{
  g_autofree char *text = NULL, *b24 = NULL, *newer = NULL, *column = NULL, *table = NULL, *nested = NULL;
  g_autofree char *header = NULL, *other = NULL, *dangling = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (f->json_path, &text, &length, NULL));

  /* Cut in the middle of the deals. */
  assert_refused (f, text, (gssize) (length / 2), AFFARI_ERROR_PARSE);
  /* Another format: a Bitrix24 dump, another program's JSON, not JSON at all. */
  b24 = g_test_build_filename (G_TEST_DIST, "data", "bitrix24", "crm.deal.list.1.json", NULL);
  g_free (text);
  g_assert_true (g_file_get_contents (b24, &text, &length, NULL));
  assert_refused (f, text, -1, AFFARI_ERROR_PARSE);
  assert_refused (f, "{\"format\": \"other\", \"version\": 1, \"schema_version\": 1, \"deal\": []}", -1, AFFARI_ERROR_PARSE);
  assert_refused (f, "[1, 2, 3]", -1, AFFARI_ERROR_PARSE);
  assert_refused (f, "", -1, AFFARI_ERROR_PARSE);

  g_free (text);
  g_assert_true (g_file_get_contents (f->json_path, &text, &length, NULL));
  header = g_strdup_printf ("\"schema_version\": %d,", AFFARI_STORE_SCHEMA_VERSION);
  /* A newer Affari. */
  newer = replace_first (text, header, "\"schema_version\": 9999,");
  assert_refused (f, newer, -1, AFFARI_ERROR_TOO_NEW);
  /* Names that are not the schema's never reach the SQL. */
  column = replace_first (text, "\"title\":", "\"title\\\" TEXT); DROP TABLE deal; --\":");
  assert_refused (f, column, -1, AFFARI_ERROR_PARSE);
  table = replace_first (text, "\"setting\":", "\"deal; DROP TABLE deal\": [], \"setting\":");
  assert_refused (f, table, -1, AFFARI_ERROR_PARSE);
  /* A stage nested in a pipeline it does not name. */
  nested = replace_first (text, "\"pipeline_id\":1,", "\"pipeline_id\":2,");
  assert_refused (f, nested, -1, AFFARI_ERROR_PARSE);
  /* A deal whose stage is not in the file: the whole file is refused, not only the deal. */
  other = g_strdup_printf ("{\"format\": \"affari-export\", \"version\": 1, \"schema_version\": %d,"
                           " \"pipeline\": [{\"id\": 5, \"name\": \"Vendite\", \"is_default\": 1, \"kind\": \"deal\","
                           "   \"stage\": [{\"id\": 8, \"pipeline_id\": 5, \"code\": \"NEW\", \"name\": \"Nuovo\", \"semantics\": \"P\"}]}],"
                           " \"deal\": [{\"id\": 1, \"title\": \"Buono\", \"pipeline_id\": 5, \"stage_id\": 8,"
                           "   \"date_create\": 1, \"date_modify\": 1},"
                           "  {\"id\": 2, \"title\": \"Orfano\", \"pipeline_id\": 5, \"stage_id\": 99,"
                           "   \"date_create\": 1, \"date_modify\": 1}]}", AFFARI_STORE_SCHEMA_VERSION);
  assert_refused (f, other, -1, AFFARI_ERROR_PARSE);
  /* A rule of the schema broken (a stage's semantics). */
  dangling = replace_first (other, "\"stage_id\": 99", "\"stage_id\": 8");
  g_free (other);
  other = replace_first (dangling, "\"semantics\": \"P\"", "\"semantics\": \"X\"");
  assert_refused (f, other, -1, AFFARI_ERROR_PARSE);
}

/* A file of an older Affari (schema 9: no leads yet) goes in; what its version lacks is added. */
static void
test_older_file (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "old.json", NULL);
  g_autoptr(AffariImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path,
    "{\"format\": \"affari-export\", \"version\": 1, \"schema_version\": 9, \"exported_at\": \"2026-01-01T00:00:00Z\",\n"
    " \"setting\": [{\"key\": \"base_currency\", \"value\": \"EUR\"}],\n"
    " \"currency\": [{\"code\": \"EUR\", \"name\": \"Euro\", \"rate\": \"1.0000\", \"is_base\": 1, \"sort\": 1}],\n"
    " \"pipeline\": [{\"id\": 5, \"name\": \"Vendite\", \"sort\": 1, \"is_default\": 1, \"currency\": \"EUR\","
    "   \"stage\": [{\"id\": 8, \"pipeline_id\": 5, \"code\": \"NEW\", \"name\": \"Nuovo\", \"semantics\": \"P\"},"
    "             {\"id\": 9, \"pipeline_id\": 5, \"code\": \"WON\", \"name\": \"Vinto\", \"semantics\": \"S\"},"
    "             {\"id\": 10, \"pipeline_id\": 5, \"code\": \"LOSE\", \"name\": \"Perso\", \"semantics\": \"F\"}]}],\n"
    " \"deal\": [{\"id\": 41, \"title\": \"Affare di prima\", \"pipeline_id\": 5, \"stage_id\": 8, \"amount\": 150000,"
    "   \"date_create\": 1, \"date_modify\": 2, \"deal_product\": [], \"event\": []}]}\n", -1, NULL));
  report = affari_import_json (f->target, f->ops, path, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_DEAL], ==, 1);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_STAGE], ==, 3);
  g_assert_cmpint (affari_test_sql_int (f->target_db, "SELECT count(*) FROM deal WHERE id = 41 AND stage_id = 8", 0), ==, 1);
  g_assert_cmpint (affari_test_sql_int (f->target_db, "SELECT count(*) FROM pipeline WHERE kind = 'lead'", 0), ==, 1);
  g_assert_cmpint (affari_test_sql_int (f->target_db, "SELECT sum FROM stage_total WHERE stage_id = 8", 0), ==, 150000);
  g_assert_cmpint (affari_test_sql_int (f->target_db, "SELECT count(*) FROM deal_search WHERE deal_search MATCH 'prima'", 0),
                   ==, 1);
  g_assert_cmpint (affari_store_get_default_pipeline_id (f->target), ==, 5);
}

static void
test_not_empty (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariDealOps) ops = affari_deal_ops_new (f->source);
  g_autoptr(AffariImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deals = affari_test_sql_int (f->source_db, "SELECT count(*) FROM deal", 0);
  gint64 pipelines = affari_test_sql_int (f->source_db, "SELECT count(*) FROM pipeline", 0);

  report = affari_import_json (f->source, ops, f->json_path, FALSE, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "import"));
  g_assert_cmpint (affari_test_sql_int (f->source_db, "SELECT count(*) FROM deal", 0), ==, deals);
  g_assert_cmpint (affari_test_sql_int (f->source_db, "SELECT count(*) FROM pipeline", 0), ==, pipelines);

  /* A database with a client and no deal is not empty either. */
  sql (f->target_db, "INSERT INTO company (name) VALUES ('Rossi S.r.l.')");
  g_clear_error (&error);
  report = affari_import_json (f->target, f->ops, f->json_path, FALSE, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_assert_cmpint (affari_test_sql_int (f->target_db, "SELECT count(*) FROM company", 0), ==, 1);
  g_assert_cmpint (affari_test_sql_int (f->target_db, "SELECT count(*) FROM deal", 0), ==, 0);
}

static void
on_progress_cancel (guint done, guint total, gpointer data)
{
  g_assert_cmpuint (done, <=, total);
  if (done == total / 2)
    g_cancellable_cancel (data);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(AffariImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *schema = affari_test_sql_text (f->target_db, "SELECT group_concat(name) FROM sqlite_master", 0);

  report = affari_import_json (f->target, f->ops, f->json_path, FALSE, cancellable, on_progress_cancel, cancellable,
                               &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_untouched (f, schema);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/roundtrip/every-table", Fixture, NULL, fixture_setup, test_roundtrip, fixture_teardown);
  g_test_add ("/roundtrip/dry-run", Fixture, NULL, fixture_setup, test_dry_run, fixture_teardown);
  g_test_add ("/roundtrip/bad-files", Fixture, NULL, fixture_setup, test_bad_files, fixture_teardown);
  g_test_add ("/roundtrip/older-file", Fixture, NULL, fixture_setup, test_older_file, fixture_teardown);
  g_test_add ("/roundtrip/not-empty", Fixture, NULL, fixture_setup, test_not_empty, fixture_teardown);
  g_test_add ("/roundtrip/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  return g_test_run ();
}
