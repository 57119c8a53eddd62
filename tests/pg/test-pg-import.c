/* test-pg-import.c — a local database moved to the team server (#21, `server import-local`):
 * every table with the same rows and ids, the stage totals, the sequences past the copied ids; a
 * second import, a server without the schema and a copy that breaks half-way leave the server as
 * it was (one transaction).
 *
 * Run by test-pg-import.sh, which starts a throw-away cluster and sets PG_ADMIN_URL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libpq-fe.h>
#include <sqlite3.h>

#include "io/affari-demo.h"
#include "store/affari-store.h"
#include "store/affari-store-export.h"
#include "store/pg/affari-pg-import.h"
#include "store/pg/affari-pg-schema.h"
#include "affari-test-db.h"
#include "affari-test-sql.h"

#define N_DEALS 300

typedef struct {
  AffariTestDb local;
  PGconn *conn;
} Fixture;

typedef struct {
  guint calls;
  gint64 deal_done;
  gint64 deal_total;
  /* When the table @kill_at starts, @killer ends the import's server process. */
  const char *kill_at;
  PGconn *killer;
  int victim;
} Progress;

/* The text of the first value of @sql on the server (NULL for none), with one optional
 * parameter. */
static char *
pg_text (PGconn *conn, const char *sql, const char *param)
{
  const char *params[1] = { param };
  PGresult *result = PQexecParams (conn, sql, param != NULL ? 1 : 0, NULL, params, NULL, NULL, 0);
  char *value = NULL;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  if (PQntuples (result) > 0 && !PQgetisnull (result, 0, 0))
    value = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  return value;
}

static gint64
pg_int (PGconn *conn, const char *sql)
{
  g_autofree char *text = pg_text (conn, sql, NULL);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : -1;
}

static void
pg_exec (PGconn *conn, const char *sql)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
}

/* An empty database with the server's schema, as `server init` leaves it. */
static void
reset_server (PGconn *conn, gboolean with_schema)
{
  pg_exec (conn, "DROP SCHEMA public CASCADE");
  pg_exec (conn, "CREATE SCHEMA public");
  if (with_schema)
    {
      g_autofree char *version = g_strdup_printf ("UPDATE affari_meta SET value = '%d' WHERE key = 'schema_version'",
                                                  AFFARI_PG_FIRST_VERSION + (int) AFFARI_PG_N_MIGRATIONS - 1);

      /* Every migration, and the version the later ones leave to affari_pg_store_init (). */
      for (guint i = 0; i < AFFARI_PG_N_MIGRATIONS; i++)
        pg_exec (conn, affari_pg_migrations[i]);
      pg_exec (conn, version);
    }
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *url = g_getenv ("PG_ADMIN_URL");
  guint n_deals = GPOINTER_TO_UINT (data);

  g_assert_nonnull (url);
  f->conn = PQconnectdb (url);
  g_assert_cmpint (PQstatus (f->conn), ==, CONNECTION_OK);
  pg_exec (f->conn, "SET client_min_messages = warning");
  reset_server (f->conn, TRUE);

  affari_test_db_open (&f->local, "pg-import");
  g_assert_true (affari_demo_generate (f->local.store, n_deals != 0 ? n_deals : N_DEALS, 21, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  PQfinish (f->conn);
  affari_test_db_close (&f->local);
}

static void
on_progress_cb (const char *table, gint64 done, gint64 total, gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpint (done, <=, total);
  p->calls++;
  if (p->kill_at != NULL && done == 0 && strcmp (table, p->kill_at) == 0)
    {
      g_autofree char *pid = g_strdup_printf ("%d", p->victim);

      g_free (pg_text (p->killer, "SELECT pg_terminate_backend ($1::int)::text", pid));
    }
  if (strcmp (table, "deal") == 0)
    {
      p->deal_done = done;
      p->deal_total = total;
    }
}

static gint64
local_count (Fixture *f, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return affari_test_sql_int (f->local.db, sql, 0);
}

static gint64
server_count (Fixture *f, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return pg_int (f->conn, sql);
}

/* The one text value of @local_sql on the local database equals the one of @server_sql on the
 * server (both aggregate the rows to compare into a single text, in the same order). */
static void
assert_same (Fixture *f, const char *local_sql, const char *server_sql)
{
  g_autofree char *local = affari_test_sql_text (f->local.db, local_sql, 0);
  g_autofree char *server = pg_text (f->conn, server_sql, NULL);

  g_assert_nonnull (local);
  g_assert_cmpstr (server, ==, local);
}

/* The stage totals as the local store keeps them (rows at zero aside). */
static void
assert_same_totals (Fixture *f)
{
  assert_same (f,
               "SELECT group_concat(x, ',') FROM (SELECT pipeline_id || ':' || stage_id || ':' || currency"
               " || ':' || count || ':' || sum AS x FROM stage_total WHERE count > 0"
               " ORDER BY pipeline_id, stage_id, currency)",
               "SELECT string_agg(pipeline_id || ':' || stage_id || ':' || currency || ':' || count || ':' || sum, ','"
               " ORDER BY pipeline_id, stage_id, currency) FROM stage_total WHERE count > 0");
}

static void
import_ok (Fixture *f, AffariPgImportReport *report, Progress *progress)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (affari_pg_import_local (f->conn, f->local.store, on_progress_cb, progress, report, &error));
  g_assert_no_error (error);
}

/* Every table, the deals themselves, the totals, and the ids after the copy. */
static void
test_import (Fixture *f, gconstpointer data)
{
  AffariPgImportReport report;
  Progress progress = { 0 };
  guint non_empty = 0;
  g_autofree char *title = NULL;
  gint64 max_deal, max_company;

  /* Text that COPY's format must escape, in a title and a comment. */
  g_assert_cmpint (sqlite3_exec (f->local.db,
                                 "UPDATE deal SET title = 'Tab\tA capo\nBarra \\ fine \\N', comments = 'riga 1\r\nriga 2'"
                                 " WHERE id = (SELECT min(id) FROM deal)", NULL, NULL, NULL), ==, SQLITE_OK);

  import_ok (f, &report, &progress);

  for (AffariExportTable table = 0; table < AFFARI_EXPORT_N_TABLES; table++)
    {
      const char *name = affari_export_table_name (table);

      g_test_message ("%s: %" G_GINT64_FORMAT " rows", name, report.rows[table]);
      g_assert_cmpint (server_count (f, name), ==, local_count (f, name));
      g_assert_cmpint (report.rows[table], ==, local_count (f, name));
      non_empty += report.rows[table] > 0;
    }
  g_assert_cmpint (local_count (f, "deal"), >=, N_DEALS);
  g_assert_cmpint (report.total_rows, >, local_count (f, "deal"));
  g_assert_cmpfloat (report.seconds, >, 0);
  /* A call when each table starts, one when each non-empty one ends. */
  g_assert_cmpuint (progress.calls, ==, AFFARI_EXPORT_N_TABLES + non_empty);
  g_assert_cmpint (progress.deal_done, ==, progress.deal_total);
  g_assert_cmpint (progress.deal_total, ==, local_count (f, "deal"));

  /* The same deals: every id with its title, stage, amount, currency and trash date. */
  assert_same (f,
               "SELECT group_concat(x, '§') FROM (SELECT id || '|' || title || '|' || stage_id || '|' || amount"
               " || '|' || currency || '|' || coalesce(deleted_at, '') || '|' || coalesce(comments, '') AS x"
               " FROM deal ORDER BY id)",
               "SELECT string_agg(id || '|' || title || '|' || stage_id || '|' || amount || '|' || currency"
               " || '|' || coalesce(deleted_at::text, '') || '|' || coalesce(comments, ''), '§' ORDER BY id) FROM deal");
  title = pg_text (f->conn, "SELECT title FROM deal ORDER BY id LIMIT 1", NULL);
  g_assert_cmpstr (title, ==, "Tab\tA capo\nBarra \\ fine \\N");

  assert_same_totals (f);

  /* A row added on the server after the copy gets the next id. */
  max_deal = affari_test_sql_int (f->local.db, "SELECT max(id) FROM deal", 0);
  max_company = affari_test_sql_int (f->local.db, "SELECT max(id) FROM company", 0);
  g_assert_cmpint (pg_int (f->conn,
                           "INSERT INTO deal (title, pipeline_id, stage_id, date_create, date_modify)"
                           " SELECT 'Nuovo', pipeline_id, stage_id, 0, 0 FROM deal ORDER BY id LIMIT 1 RETURNING id"),
                   ==, max_deal + 1);
  g_assert_cmpint (pg_int (f->conn, "INSERT INTO company (name) VALUES ('Nuova srl') RETURNING id"), ==, max_company + 1);
}

/* The totals do not depend on the server's trigger having run for the copied rows. */
static void
test_totals_rebuilt (Fixture *f, gconstpointer data)
{
  AffariPgImportReport report;
  Progress progress = { 0 };

  pg_exec (f->conn, "ALTER TABLE deal DISABLE TRIGGER stage_total");
  import_ok (f, &report, &progress);
  pg_exec (f->conn, "ALTER TABLE deal ENABLE TRIGGER stage_total");
  assert_same_totals (f);
}

/* A server with data refuses a second import and keeps what it has. */
static void
test_second_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  AffariPgImportReport report;
  Progress progress = { 0 };
  gint64 deals;

  import_ok (f, &report, &progress);
  deals = server_count (f, "deal");
  pg_exec (f->conn, "UPDATE deal SET title = 'Cambiato sul server' WHERE id = (SELECT min(id) FROM deal)");

  g_assert_false (affari_pg_import_local (f->conn, f->local.store, NULL, NULL, &report, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_assert_cmpint (report.total_rows, ==, 0);
  g_assert_cmpint (server_count (f, "deal"), ==, deals);
  g_assert_cmpint (pg_int (f->conn, "SELECT count(*) FROM deal WHERE title = 'Cambiato sul server'"), ==, 1);

  /* Pipelines alone are data too. */
  g_clear_error (&error);
  pg_exec (f->conn, "DELETE FROM deal");
  g_assert_false (affari_pg_import_local (f->conn, f->local.store, NULL, NULL, NULL, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_assert_cmpint (server_count (f, "deal"), ==, 0);
}

/* A server without Affari's schema, or with another version of it. */
static void
test_schema_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  reset_server (f->conn, FALSE);
  g_assert_false (affari_pg_import_local (f->conn, f->local.store, NULL, NULL, NULL, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_AFFARI);

  g_clear_error (&error);
  reset_server (f->conn, TRUE);
  pg_exec (f->conn, "UPDATE affari_meta SET value = '11' WHERE key = 'schema_version'");
  g_assert_false (affari_pg_import_local (f->conn, f->local.store, NULL, NULL, NULL, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_TOO_OLD);
  g_assert_cmpint (server_count (f, "pipeline"), ==, 0);
}

static void
assert_nothing_copied (Fixture *f)
{
  g_assert_cmpint (server_count (f, "pipeline"), ==, 0);
  g_assert_cmpint (server_count (f, "team_member"), ==, 0);
  g_assert_cmpint (server_count (f, "deal"), ==, 0);
  g_assert_cmpint (server_count (f, "stage_total"), ==, 0);
}

/* A copy that fails half-way (a table missing on the server, a value it refuses, rows that do not
 * arrive) leaves nothing on the server; the connection stays usable. */
static void
test_broken_rolls_back (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  AffariPgImportReport report;
  Progress progress = { 0 };

  /* A table after the deals is not on the server. */
  pg_exec (f->conn, "DROP TABLE quote_product");
  g_assert_false (affari_pg_import_local (f->conn, f->local.store, NULL, NULL, &report, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "quote_product"));
  g_assert_cmpint (report.total_rows, ==, 0);
  assert_nothing_copied (f);

  /* A value SQLite kept but the server's column refuses (text in an amount). */
  g_clear_error (&error);
  reset_server (f->conn, TRUE);
  g_assert_cmpint (sqlite3_exec (f->local.db, "UPDATE deal SET amount = 'molto' WHERE id = (SELECT max(id) FROM deal)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (affari_pg_import_local (f->conn, f->local.store, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "deal"));
  assert_nothing_copied (f);
  g_assert_cmpint (sqlite3_exec (f->local.db, "UPDATE deal SET amount = 0 WHERE id = (SELECT max(id) FROM deal)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  /* A row the server swallows without an error: the counts differ, the check refuses. */
  g_clear_error (&error);
  pg_exec (f->conn,
           "CREATE FUNCTION drop_one () RETURNS trigger LANGUAGE plpgsql AS $$"
           " BEGIN IF NEW.id % 50 = 7 THEN RETURN NULL; END IF; RETURN NEW; END $$");
  pg_exec (f->conn, "CREATE TRIGGER drop_one BEFORE INSERT ON activity FOR EACH ROW EXECUTE FUNCTION drop_one ()");
  g_assert_false (affari_pg_import_local (f->conn, f->local.store, NULL, NULL, NULL, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "activity"));
  assert_nothing_copied (f);

  /* And the same connection then imports everything. */
  pg_exec (f->conn, "DROP TRIGGER drop_one ON activity");
  import_ok (f, &report, &progress);
  g_assert_cmpint (server_count (f, "deal"), ==, local_count (f, "deal"));
  g_assert_cmpint (server_count (f, "activity"), ==, local_count (f, "activity"));
}

/* A local database that fails `check` (a row pointing to a missing deal) is refused before
 * anything is sent. */
static void
test_damaged_local_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sqlite3_exec (f->local.db, "INSERT INTO deal_extra (deal_id, key, value) VALUES (999999, 'orfano', 'x')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (affari_pg_import_local (f->conn, f->local.store, NULL, NULL, NULL, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "deal_extra"));
  assert_nothing_copied (f);
}

/* The server going away half-way: an Italian sentence, and nothing there once it is back. */
static void
test_connection_lost (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };

  progress.kill_at = "activity";
  progress.killer = PQconnectdb (g_getenv ("PG_ADMIN_URL"));
  progress.victim = PQbackendPID (f->conn);
  g_assert_cmpint (PQstatus (progress.killer), ==, CONNECTION_OK);

  g_assert_false (affari_pg_import_local (f->conn, f->local.store, on_progress_cb, &progress, NULL, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_IO);
  PQfinish (progress.killer);

  PQreset (f->conn);
  g_assert_cmpint (PQstatus (f->conn), ==, CONNECTION_OK);
  assert_nothing_copied (f);
}

/* The figure for the note: 10,000 deals (run with -m perf). */
static void
test_perf (Fixture *f, gconstpointer data)
{
  AffariPgImportReport report;
  Progress progress = { 0 };

  import_ok (f, &report, &progress);
  g_test_minimized_result (report.seconds, "%u deals, %" G_GINT64_FORMAT " rows imported in %.2f s",
                           GPOINTER_TO_UINT (data), report.total_rows, report.seconds);
  g_printerr ("%" G_GINT64_FORMAT " deals, %" G_GINT64_FORMAT " rows imported in %.2f s\n",
              server_count (f, "deal"), report.total_rows, report.seconds);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("PG_ADMIN_URL") == NULL)
    {
      g_printerr ("PG_ADMIN_URL is not set: run through test-pg-import.sh\n");
      return 77;
    }

  g_test_add ("/pg-import/all-tables", Fixture, NULL, fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/pg-import/totals-rebuilt", Fixture, NULL, fixture_set_up, test_totals_rebuilt, fixture_tear_down);
  g_test_add ("/pg-import/second-refused", Fixture, NULL, fixture_set_up, test_second_refused, fixture_tear_down);
  g_test_add ("/pg-import/schema-refused", Fixture, NULL, fixture_set_up, test_schema_refused, fixture_tear_down);
  g_test_add ("/pg-import/broken-rolls-back", Fixture, NULL, fixture_set_up, test_broken_rolls_back, fixture_tear_down);
  g_test_add ("/pg-import/damaged-local-refused", Fixture, NULL, fixture_set_up, test_damaged_local_refused, fixture_tear_down);
  g_test_add ("/pg-import/connection-lost", Fixture, NULL, fixture_set_up, test_connection_lost, fixture_tear_down);
  if (g_test_perf ())
    g_test_add ("/pg-import/10000-deals", Fixture, GUINT_TO_POINTER (10000), fixture_set_up, test_perf, fixture_tear_down);
  return g_test_run ();
}
