/* affari-pg-import.c — moving a local database to the team server (#21, `server import-local`)
 *
 * The local rows are read through the whole-database export (store/affari-store-export.h: the
 * only SQL on the SQLite side, one read snapshot) and streamed to the server with COPY … FROM
 * STDIN in text format, table after table in the export's order, which is the order the foreign
 * keys need. Everything happens in one server transaction: a failure anywhere — a refused row, a
 * lost connection, a count that does not match — rolls it all back, so the server is either
 * empty as before or holds the whole copy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-pg"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include <libpq-fe.h>

#include "affari-pg-import.h"
#include "affari-pg-schema.h"

/* Rows read from SQLite per page, and rows between two progress reports. */
#define PAGE_ROWS 2000
#define PROGRESS_ROWS 5000
/* Bytes gathered before handing them to libpq: fewer, larger writes. */
#define FLUSH_BYTES (256 * 1024)

typedef struct {
  PGconn                 *conn;
  const char             *table;
  GString                *line;
  gboolean                copying;   /* COPY … FROM STDIN started */
  gint64                  done;
  gint64                  total;
  AffariPgImportProgress  progress;
  gpointer                user_data;
} CopyState;

/* The sentence for a failed server command: what was being done and the server's own words
 * (its SQLSTATE class decides the error code the caller sees). */
static void
set_pg_error (GError   **error,
              PGconn    *conn,
              PGresult  *result,
              const char *table)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *message = result != NULL ? PQresultErrorMessage (result) : NULL;
  g_autofree char *detail = NULL;

  if (message == NULL || *message == '\0')
    message = PQerrorMessage (conn);
  detail = g_strstrip (g_strdup (message != NULL ? message : ""));

  if (PQstatus (conn) != CONNECTION_OK)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_IO,
                 _("The connection to the server was lost during the import; nothing was copied: %s"), detail);
  else if (state != NULL && strcmp (state, "42501") == 0)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_READ_ONLY,
                 _("The server refused to write “%s”: only the server's owner can import a database (%s)"),
                 table != NULL ? table : "", detail);
  else if (state != NULL && g_str_has_prefix (state, "23"))
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                 _("The server refused a row of “%s”; nothing was copied: %s"), table != NULL ? table : "", detail);
  else if (table != NULL)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_FAILED,
                 _("The copy of “%s” to the server failed; nothing was copied: %s"), table, detail);
  else
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_FAILED,
                 _("The server refused the import; nothing was copied: %s"), detail);
}

/* Runs @sql with @n_params text parameters; a result of @expected status or NULL with @error. */
static PGresult *
run (PGconn             *conn,
     const char         *sql,
     int                 n_params,
     const char * const *params,
     ExecStatusType      expected,
     const char         *table,
     GError            **error)
{
  PGresult *result = PQexecParams (conn, sql, n_params, NULL, params, NULL, NULL, 0);

  if (PQresultStatus (result) != expected)
    {
      set_pg_error (error, conn, result, table);
      PQclear (result);
      return NULL;
    }
  return result;
}

static gboolean
run_command (PGconn *conn, const char *sql, const char *table, GError **error)
{
  PGresult *result = run (conn, sql, 0, NULL, PGRES_COMMAND_OK, table, error);

  PQclear (result);
  return result != NULL;
}

/* The single value of a query (NULL when it returned no row), or FALSE with @error. */
static gboolean
query_value (PGconn             *conn,
             const char         *sql,
             int                 n_params,
             const char * const *params,
             const char         *table,
             char              **value,
             GError            **error)
{
  PGresult *result = run (conn, sql, n_params, params, PGRES_TUPLES_OK, table, error);

  if (result == NULL)
    return FALSE;
  *value = PQntuples (result) > 0 && !PQgetisnull (result, 0, 0) ? g_strdup (PQgetvalue (result, 0, 0)) : NULL;
  PQclear (result);
  return TRUE;
}

/* A table or column name quoted for the server. The names are the export's fixed list and the
 * local schema's columns, never user text; quoted all the same. */
static char *
quote_identifier (PGconn *conn, const char *name)
{
  char *quoted = PQescapeIdentifier (conn, name, strlen (name));
  char *copy = g_strdup (quoted != NULL ? quoted : "\"\"");

  PQfreemem (quoted);
  return copy;
}

/* COPY's text format: a backslash, tab, newline and carriage return are escaped; NULL is \N. */
static void
append_text (GString *line, const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (line, "\\\\"); break;
        case '\t': g_string_append (line, "\\t"); break;
        case '\n': g_string_append (line, "\\n"); break;
        case '\r': g_string_append (line, "\\r"); break;
        default: g_string_append_c (line, *p); break;
        }
    }
}

static gboolean
flush_line (CopyState *st, GError **error)
{
  if (st->line->len == 0)
    return TRUE;
  if (PQputCopyData (st->conn, st->line->str, (int) st->line->len) != 1)
    {
      set_pg_error (error, st->conn, NULL, st->table);
      return FALSE;
    }
  g_string_truncate (st->line, 0);
  return TRUE;
}

/* The first row names the columns: the COPY starts then, with the local table's columns (the
 * server's table has the same names; team_member's login, scope and department are left to their
 * defaults). */
static gboolean
start_copy (CopyState *st, guint n_columns, const char * const *names, GError **error)
{
  g_autoptr(GString) sql = g_string_new ("COPY ");
  g_autofree char *table = quote_identifier (st->conn, st->table);
  PGresult *result;

  g_string_append_printf (sql, "%s (", table);
  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *column = quote_identifier (st->conn, names[i]);

      g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", column);
    }
  g_string_append (sql, ") FROM STDIN");

  result = PQexec (st->conn, sql->str);
  if (PQresultStatus (result) != PGRES_COPY_IN)
    {
      set_pg_error (error, st->conn, result, st->table);
      PQclear (result);
      return FALSE;
    }
  PQclear (result);
  st->copying = TRUE;
  return TRUE;
}

static gboolean
on_row_cb (guint                    n_columns,
           const char * const      *names,
           const AffariExportValue *values,
           gpointer                 user_data,
           GError                 **error)
{
  CopyState *st = user_data;

  if (!st->copying && !start_copy (st, n_columns, names, error))
    return FALSE;

  for (guint i = 0; i < n_columns; i++)
    {
      const AffariExportValue *v = &values[i];
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      if (i > 0)
        g_string_append_c (st->line, '\t');
      switch (v->type)
        {
        case AFFARI_EXPORT_VALUE_NULL:
          g_string_append (st->line, "\\N");
          break;
        case AFFARI_EXPORT_VALUE_INT:
          g_string_append_printf (st->line, "%" G_GINT64_FORMAT, v->number);
          break;
        case AFFARI_EXPORT_VALUE_REAL:
          /* Shortest text that reads back as the same double, whatever the locale. */
          g_string_append (st->line, g_ascii_dtostr (number, sizeof number, v->real));
          break;
        case AFFARI_EXPORT_VALUE_TEXT:
        default:
          append_text (st->line, v->text != NULL ? v->text : "");
          break;
        }
    }
  g_string_append_c (st->line, '\n');
  st->done++;

  if (st->line->len >= FLUSH_BYTES && !flush_line (st, error))
    return FALSE;
  if (st->progress != NULL && st->done % PROGRESS_ROWS == 0)
    st->progress (st->table, st->done, st->total, st->user_data);
  return TRUE;
}

/* Ends the COPY: with @abort_reason the server drops what it received (the transaction is then
 * in error and only a ROLLBACK follows). */
static gboolean
end_copy (CopyState *st, const char *abort_reason, GError **error)
{
  PGresult *result;
  gboolean ok = TRUE;

  if (!st->copying)
    return TRUE;
  st->copying = FALSE;
  if (abort_reason == NULL && !flush_line (st, error))
    abort_reason = "local error";
  if (PQputCopyEnd (st->conn, abort_reason) != 1 && abort_reason == NULL)
    {
      set_pg_error (error, st->conn, NULL, st->table);
      ok = FALSE;
      abort_reason = "";
    }
  while ((result = PQgetResult (st->conn)) != NULL)
    {
      if (abort_reason == NULL && ok && PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          set_pg_error (error, st->conn, result, st->table);
          ok = FALSE;
        }
      PQclear (result);
    }
  return ok && abort_reason == NULL;
}

/* Copies one table; @total is its local row count, read in the export's snapshot. */
static gboolean
copy_table (PGconn                 *conn,
            AffariStore            *local,
            AffariExportTable       table,
            gint64                  total,
            AffariPgImportProgress  progress,
            gpointer                user_data,
            GError                **error)
{
  g_autoptr(GString) line = g_string_sized_new (FLUSH_BYTES + 4096);
  CopyState st = { conn, affari_export_table_name (table), line, FALSE, 0, total, progress, user_data };
  gint64 after = 0;
  guint n_rows;

  if (progress != NULL)
    progress (st.table, 0, total, user_data);
  do
    {
      if (!affari_store_export_page (local, table, after, PAGE_ROWS, on_row_cb, &st, &after, &n_rows, error))
        {
          g_autoptr(GError) ignored = NULL;

          end_copy (&st, "local read failed", &ignored);
          return FALSE;
        }
    }
  while (n_rows == PAGE_ROWS);

  if (!end_copy (&st, NULL, error))
    return FALSE;
  if (progress != NULL && st.done % PROGRESS_ROWS != 0)
    progress (st.table, st.done, total, user_data);
  return TRUE;
}

/* The server must have the schema `server init` makes, and nothing in it yet: the copy keeps the
 * local ids, which would collide with rows already there. */
static gboolean
check_server (PGconn *conn, GError **error)
{
  const int expected = AFFARI_PG_FIRST_VERSION + (int) AFFARI_PG_N_MIGRATIONS - 1;
  const char *params[1];
  g_autofree char *version = NULL;
  g_autofree char *exists = NULL;

  params[0] = "affari_meta";
  if (!query_value (conn, "SELECT to_regclass ($1)::text", 1, params, NULL, &exists, error))
    return FALSE;
  if (exists == NULL)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_AFFARI,
                   _("The server has no Affari database yet: run “server init” first"));
      return FALSE;
    }
  params[0] = "schema_version";
  if (!query_value (conn, "SELECT value FROM affari_meta WHERE key = $1", 1, params, NULL, &version, error))
    return FALSE;
  if (version == NULL || (int) g_ascii_strtoll (version, NULL, 10) != expected)
    {
      g_set_error (error, AFFARI_ERROR,
                   version != NULL && (int) g_ascii_strtoll (version, NULL, 10) > expected ? AFFARI_ERROR_TOO_NEW : AFFARI_ERROR_TOO_OLD,
                   _("The server's database is at version %s, this Affari imports into version %d: run “server init” with this version of Affari"),
                   version != NULL ? version : "?", expected);
      return FALSE;
    }

  for (AffariExportTable table = 0; table < AFFARI_EXPORT_N_TABLES; table++)
    {
      const char *name = affari_export_table_name (table);
      g_autofree char *quoted = quote_identifier (conn, name);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", quoted);
      g_autofree char *count = NULL;

      if (!query_value (conn, sql, 0, NULL, name, &count, error))
        return FALSE;
      if (count != NULL && g_ascii_strtoll (count, NULL, 10) > 0)
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                       _("The server already holds data: the table “%s” has %s rows. A local database can only be imported into a server just made with “server init”"),
                       name, count);
          return FALSE;
        }
    }
  return TRUE;
}

/* The stage totals as the SQLite store keeps them (migration 4): live deals only. The server's
 * trigger runs for COPY too; rebuilt all the same, so that they are right whatever the triggers
 * did. */
static gboolean
rebuild_totals (PGconn *conn, GError **error)
{
  return run_command (conn, "DELETE FROM stage_total", "stage_total", error)
         && run_command (conn,
                         "INSERT INTO stage_total (pipeline_id, stage_id, currency, count, sum)"
                         " SELECT pipeline_id, stage_id, currency, count(*), sum(amount) FROM deal"
                         " WHERE deleted_at IS NULL AND is_recurring = 0"
                         " GROUP BY pipeline_id, stage_id, currency",
                         "stage_total", error);
}

/* Every deal's search document (migration 15), made once for all the rows copied. */
static gboolean
rebuild_search (PGconn *conn, GError **error)
{
  return run_command (conn, "SET LOCAL affari.bulk = off", NULL, error)
         && run_command (conn,
                         "INSERT INTO deal_search_doc (deal_id, body) SELECT deal_id, body FROM deal_search_body"
                         " ON CONFLICT (deal_id) DO UPDATE SET body = EXCLUDED.body",
                         "deal_search_doc", error);
}

/* COPY wrote explicit ids: the identity sequences still stand at 1. They are moved past the
 * highest id, so that the next row added on the server gets max + 1. */
static gboolean
reset_sequence (PGconn *conn, const char *table, GError **error)
{
  const char *params[2] = { table, NULL };
  g_autofree char *column = NULL;
  g_autofree char *quoted_table = NULL;
  g_autofree char *quoted_column = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *value = NULL;

  if (!query_value (conn,
                    "SELECT column_name::text FROM information_schema.columns"
                    " WHERE table_schema = current_schema () AND table_name = $1 AND is_identity = 'YES'",
                    1, params, table, &column, error))
    return FALSE;
  if (column == NULL)
    return TRUE;

  quoted_table = quote_identifier (conn, table);
  quoted_column = quote_identifier (conn, column);
  params[0] = quoted_table;
  params[1] = column;
  /* setval (…, max, true): the next value is max + 1; an empty table keeps its sequence. */
  sql = g_strdup_printf ("SELECT setval (pg_get_serial_sequence ($1, $2), max (%s))::text FROM %s",
                         quoted_column, quoted_table);
  return query_value (conn, sql, 2, params, table, &value, error);
}

/* Every copied table must hold on the server exactly the rows it holds locally. */
static gboolean
check_count (PGconn *conn, const char *table, gint64 expected, GError **error)
{
  g_autofree char *quoted = quote_identifier (conn, table);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", quoted);
  g_autofree char *count = NULL;
  gint64 n;

  if (!query_value (conn, sql, 0, NULL, table, &count, error))
    return FALSE;
  n = count != NULL ? g_ascii_strtoll (count, NULL, 10) : -1;
  if (n != expected)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CORRUPT,
                   _("The copy of “%s” does not match: %lld rows on the server, %lld in the local database; nothing was copied"),
                   table, (long long) n, (long long) expected);
      return FALSE;
    }
  return TRUE;
}

/* What goes to the server must be whole: a damaged file or a row pointing to a missing one
 * (SQLite keeps them when foreign keys were off) is refused here, in the words of `check`,
 * rather than half-way through the copy in the server's. */
static gboolean
check_local (AffariStore *local, GError **error)
{
  g_autoptr(GPtrArray) problems = NULL;

  /* FALSE with the problems found, or FALSE with @error set when it could not look. */
  if (affari_store_check (local, &problems, error))
    return TRUE;
  if (problems != NULL && problems->len > 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CORRUPT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The local database has %u problem, nothing was copied (affari-cli check lists it): %s",
                                "The local database has %u problems, nothing was copied (affari-cli check lists them): %s",
                                problems->len),
                   problems->len, (const char *) g_ptr_array_index (problems, 0));
    }
  return FALSE;
}

static gboolean
import_all (PGconn                 *conn,
            AffariStore            *local,
            AffariPgImportProgress  progress,
            gpointer                user_data,
            AffariPgImportReport   *report,
            GError                **error)
{
  gint64 counts[AFFARI_EXPORT_N_TABLES];

  /* The search documents are made once at the end, not at every row (migration 15). */
  if (!check_server (conn, error) || !run_command (conn, "SET LOCAL affari.bulk = on", NULL, error))
    return FALSE;

  for (AffariExportTable table = 0; table < AFFARI_EXPORT_N_TABLES; table++)
    {
      counts[table] = affari_store_export_count (local, table, error);
      if (counts[table] < 0)
        return FALSE;
    }

  for (AffariExportTable table = 0; table < AFFARI_EXPORT_N_TABLES; table++)
    {
      if (!copy_table (conn, local, table, counts[table], progress, user_data, error))
        return FALSE;
      report->rows[table] = counts[table];
      report->total_rows += counts[table];
    }

  if (!rebuild_totals (conn, error) || !rebuild_search (conn, error))
    return FALSE;
  for (AffariExportTable table = 0; table < AFFARI_EXPORT_N_TABLES; table++)
    if (!reset_sequence (conn, affari_export_table_name (table), error))
      return FALSE;
  for (AffariExportTable table = 0; table < AFFARI_EXPORT_N_TABLES; table++)
    if (!check_count (conn, affari_export_table_name (table), counts[table], error))
      return FALSE;
  return TRUE;
}

gboolean
affari_pg_import_local (PGconn                 *conn,
                        AffariStore            *local,
                        AffariPgImportProgress  progress,
                        gpointer                user_data,
                        AffariPgImportReport   *report,
                        GError                **error)
{
  AffariPgImportReport own_report;
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  g_return_val_if_fail (conn != NULL, FALSE);
  g_return_val_if_fail (AFFARI_IS_STORE (local), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (report == NULL)
    report = &own_report;
  memset (report, 0, sizeof *report);

  if (PQstatus (conn) != CONNECTION_OK)
    {
      set_pg_error (error, conn, NULL, NULL);
      return FALSE;
    }
  /* The local text is UTF-8; numbers are written in the C locale's form. */
  if (PQsetClientEncoding (conn, "UTF8") != 0)
    {
      set_pg_error (error, conn, NULL, NULL);
      return FALSE;
    }

  if (!check_local (local, error) || !affari_store_export_begin (local, error))
    {
      report->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      return FALSE;
    }
  ok = run_command (conn, "BEGIN", NULL, error);
  if (ok)
    {
      ok = import_all (conn, local, progress, user_data, report, error)
           && run_command (conn, "COMMIT", NULL, error);
      if (!ok && PQstatus (conn) == CONNECTION_OK)
        {
          PGresult *result = PQexec (conn, "ROLLBACK");

          PQclear (result);
        }
    }
  affari_store_export_end (local);

  if (!ok)
    {
      memset (report->rows, 0, sizeof report->rows);
      report->total_rows = 0;
    }
  report->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  return ok;
}
