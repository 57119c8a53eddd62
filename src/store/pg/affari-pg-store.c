/* affari-pg-store.c — the deals on a shared PostgreSQL server (team mode, #21)
 *
 * Every statement goes with bound parameters (PQexecParams); what the server must do in one
 * piece (a move, a login) is a server-side function of the schema, so that row-level security
 * and the transaction are the server's, whatever client runs it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libpq-fe.h>

#include "affari-pg-store-private.h"
#include "affari-pg-schema.h"
#include "store/affari-store-private.h"
#include "store/affari-store-leads.h"
#include "model/affari-deal-private.h"
#include "model/affari-error.h"
#include "model/affari-types.h"

/* Our own SQLSTATEs, raised by the schema's functions (affari_move). */
#define SQLSTATE_DEAL_NOT_FOUND "AF001"
#define SQLSTATE_DEAL_IN_TRASH  "AF002"
#define SQLSTATE_NO_STAGE       "AF003"


/* ---- errors ---- */

/* The server's own words, one line: kept after our sentence so that nothing is lost. */
static char *
server_detail (const char *message)
{
  g_autofree char *copy = g_strstrip (g_strdup (message != NULL ? message : ""));

  return g_strdelimit (g_steal_pointer (&copy), "\n\t", ' ');
}

/* Why a statement failed, as a sentence a person can act on. */
static void
set_result_error (PGresult    *res,
                  PGconn      *conn,
                  GError     **error)
{
  const char *state = res != NULL ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = res != NULL ? PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  /* The server's one sentence, without libpq's "ERROR:" and the query's excerpt. */
  g_autofree char *detail = server_detail (primary != NULL ? primary : PQerrorMessage (conn));

  if (state == NULL && PQstatus (conn) != CONNECTION_OK)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_IO,
                 _("The connection to the server was lost: %s"), detail);
  else if (g_strcmp0 (state, "42501") == 0)
    /* insufficient_privilege: a GRANT, a row-level security policy or a rights trigger said no. */
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_FORBIDDEN,
                 _("The server refused: your login does not have the right to do this (%s)"), detail);
  else if (g_strcmp0 (state, "42710") == 0)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                 _("A login with that name exists already on the server (%s)"), detail);
  else if (state != NULL && g_str_has_prefix (state, "23"))
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                 _("The server refused the data: %s"), detail);
  else
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_FAILED, _("The server failed: %s"), detail);
}

/* Runs @sql with @n text parameters; NULL (the error set) unless it returned rows or completed. */
static PGresult *
exec_params (AffariPgStore       *self,
             const char          *sql,
             int                  n,
             const char * const  *values,
             GError             **error)
{
  PGresult *res = PQexecParams (self->conn, sql, n, NULL, values, NULL, NULL, 0);
  ExecStatusType status = PQresultStatus (res);

  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)
    return res;
  set_result_error (res, self->conn, error);
  PQclear (res);
  return NULL;
}

static gboolean
exec_command (AffariPgStore  *self,
              const char     *sql,
              GError        **error)
{
  PGresult *res = exec_params (self, sql, 0, NULL, error);

  if (res == NULL)
    return FALSE;
  PQclear (res);
  return TRUE;
}

/* ---- reading values ---- */

static const char *
value_text (PGresult *res, int row, int col)
{
  return PQgetisnull (res, row, col) ? NULL : PQgetvalue (res, row, col);
}

static gint64
value_int64 (PGresult *res, int row, int col)
{
  const char *text = value_text (res, row, col);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

static gboolean
value_bool (PGresult *res, int row, int col)
{
  const char *text = value_text (res, row, col);

  /* integer flags ("1") and booleans ("t") alike */
  return text != NULL && (g_str_equal (text, "t") || g_ascii_strtoll (text, NULL, 10) != 0);
}

/* A row of a result, read by store_deal_fill () as the SQLite store reads its statement's. */
typedef struct {
  PGresult *res;
  int row;
} PgRow;

static const char *
pg_text (gpointer data, int column)
{
  PgRow *r = data;

  return value_text (r->res, r->row, column);
}

static gint64
pg_integer (gpointer data, int column)
{
  PgRow *r = data;
  const char *text = value_text (r->res, r->row, column);

  /* integer flags ("1") and booleans ("t") alike */
  if (text != NULL && g_str_equal (text, "t"))
    return 1;
  return value_int64 (r->res, r->row, column);
}

static double
pg_real (gpointer data, int column)
{
  PgRow *r = data;
  const char *text = value_text (r->res, r->row, column);

  return text != NULL ? g_ascii_strtod (text, NULL) : 0;
}

/* The columns of STORE_DEAL_COLUMNS, the SQLite store's, in their order: the same query text
 * and the same filler serve both servers, so a deal is the same object whichever store read it. */
static AffariDeal *
deal_from_row (PGresult *res, int row)
{
  static const StoreRowReader reader = { pg_text, pg_integer, pg_real };
  AffariDeal *deal = affari_deal_new ();
  PgRow r = { res, row };

  store_deal_fill (deal, &reader, &r);
  return deal;
}

static AffariPipeline *
pipeline_from_row (PGresult *res, int row)
{
  return g_object_new (AFFARI_TYPE_PIPELINE,
                       "id", value_int64 (res, row, 0),
                       "name", value_text (res, row, 1),
                       "sort", (int) value_int64 (res, row, 2),
                       "is-default", value_bool (res, row, 3),
                       "currency", value_text (res, row, 4),
                       NULL);
}

static AffariStage *
stage_from_row (PGresult *res, int row)
{
  return g_object_new (AFFARI_TYPE_STAGE,
                       "id", value_int64 (res, row, 0),
                       "pipeline-id", value_int64 (res, row, 1),
                       "code", value_text (res, row, 2),
                       "name", value_text (res, row, 3),
                       "color", value_text (res, row, 4),
                       "sort", (int) value_int64 (res, row, 5),
                       "semantics", (int) affari_semantics_from_code (value_text (res, row, 6)),
                       "extra-semantics", value_text (res, row, 7),
                       "is-system", value_bool (res, row, 8),
                       NULL);
}

typedef gpointer (*RowFunc) (PGresult *res, int row);

static GPtrArray *
collect (AffariPgStore       *self,
         const char          *sql,
         int                  n,
         const char * const  *values,
         RowFunc              func,
         GError             **error)
{
  PGresult *res = exec_params (self, sql, n, values, error);
  GPtrArray *result;

  if (res == NULL)
    return NULL;
  result = g_ptr_array_new_full (PQntuples (res), g_object_unref);
  for (int row = 0; row < PQntuples (res); row++)
    g_ptr_array_add (result, func (res, row));
  PQclear (res);
  return result;
}

/* ---- connecting ---- */

/* Whether the name and password of @url open the server's "postgres" database: then what failed
 * was the database of @url, not the login. The server's own words cannot tell (they come in the
 * server's language); this asks the server instead. */
static gboolean
login_works_elsewhere (const char *url)
{
  /* Only the first dbname is read as the URL; the second one is a plain database name. */
  const char * const keys[] = { "connect_timeout", "dbname", "dbname", NULL };
  const char * const values[] = { "10", url, "postgres", NULL };
  PGconn *probe = PQconnectdbParams (keys, values, 1);
  gboolean works = probe != NULL && PQstatus (probe) == CONNECTION_OK;

  PQfinish (probe);
  return works;
}

/* What went wrong on the way in, said so that the person knows what to fix; libpq's own text
 * (perhaps translated) is kept after it when nothing better is known. */
static void
set_connect_error (PGconn      *conn,
                   const char  *url,
                   GError     **error)
{
  g_autofree char *detail = server_detail (PQerrorMessage (conn));
  const char *db = PQdb (conn) != NULL ? PQdb (conn) : "";
  const char *user = PQuser (conn) != NULL ? PQuser (conn) : "";

  if (PQping (url) == PQPING_NO_RESPONSE)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_IO,
                 _("The server cannot be reached: check its address and that it is running (%s)"), detail);
  else if (PQconnectionNeedsPassword (conn))
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                 _("The server asks for a password for “%s”: put it in the address (postgresql://NAME:PASSWORD@HOST/DATABASE)"),
                 user);
  else if (g_strcmp0 (db, "postgres") != 0 && login_works_elsewhere (url))
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND,
                 _("The server has no database “%s”: create it first (createdb %s)"), db, db);
  else
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                 _("The server refused the login “%s”: wrong name or password (%s)"), user, detail);
}

AffariPgStore *
affari_pg_store_open (const char  *url,
                      GError     **error)
{
  /* The URL's own settings win over the timeout (it comes before dbname); the encoding after it
   * wins over the URL's, since every text here is UTF-8. */
  const char * const keys[] = { "connect_timeout", "dbname", "fallback_application_name", "client_encoding", NULL };
  const char * const values[] = { "10", url, "affari", "UTF8", NULL };
  g_autofree char *check = NULL;
  AffariPgStore *self;
  PGconn *conn;
  char *parse_error = NULL;
  PQconninfoOption *options;

  g_return_val_if_fail (url != NULL, NULL);

  options = PQconninfoParse (url, &parse_error);
  if (options == NULL)
    {
      g_autofree char *detail = server_detail (parse_error);

      PQfreemem (parse_error);
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                   _("“%s” is not a server address (postgresql://NAME:PASSWORD@HOST/DATABASE): %s"), url, detail);
      return NULL;
    }
  PQconninfoFree (options);

  conn = PQconnectdbParams (keys, values, 1);
  if (conn == NULL || PQstatus (conn) != CONNECTION_OK)
    {
      if (conn == NULL)
        g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_FAILED, "%s", _("Cannot connect to the server: out of memory"));
      else
        set_connect_error (conn, url, error);
      PQfinish (conn);
      return NULL;
    }

  self = g_new0 (AffariPgStore, 1);
  self->conn = conn;
  return self;
}

void
affari_pg_store_close (AffariPgStore *self)
{
  if (self == NULL)
    return;
  PQfinish (self->conn);
  g_free (self);
}

/* ---- the schema ---- */

int
affari_pg_store_get_version (AffariPgStore  *self,
                             GError        **error)
{
  PGresult *res;
  int version;

  g_return_val_if_fail (self != NULL, -1);

  /* to_regclass first: no error (and no aborted transaction) on a database without the schema. */
  res = exec_params (self, "SELECT to_regclass ('affari_meta') IS NOT NULL", 0, NULL, error);
  if (res == NULL)
    return -1;
  version = value_bool (res, 0, 0);
  PQclear (res);
  if (!version)
    return 0;
  res = exec_params (self, "SELECT value FROM affari_meta WHERE key = 'schema_version'", 0, NULL, error);
  if (res == NULL)
    return -1;
  version = (int) value_int64 (res, 0, 0);
  PQclear (res);
  return version;
}

/* Later migrations leave the version to us (the first one writes its row). */
static gboolean
set_version (AffariPgStore  *self,
             int             version,
             GError        **error)
{
  g_autofree char *text = g_strdup_printf ("%d", version);
  const char * const values[] = { text };
  PGresult *res = exec_params (self, "UPDATE affari_meta SET value = $1 WHERE key = 'schema_version'", 1, values, error);

  if (res == NULL)
    return FALSE;
  PQclear (res);
  return TRUE;
}

gboolean
affari_pg_store_init (AffariPgStore  *self,
                      int            *out_version,
                      GError        **error)
{
  const int newest = AFFARI_PG_FIRST_VERSION + (int) AFFARI_PG_N_MIGRATIONS - 1;
  int version;

  g_return_val_if_fail (self != NULL, FALSE);

  for (;;)
    {
      PGresult *res;
      const char *migration;
      int index;

      /* One migration per transaction, under a lock: two administrators running init at once
       * apply each migration once. */
      if (!exec_command (self, "BEGIN", error))
        return FALSE;
      if (!exec_command (self, "SELECT pg_advisory_xact_lock (hashtext ('affari_schema'))", error) ||
          (version = affari_pg_store_get_version (self, error)) < 0)
        goto fail;
      if (version >= newest)
        {
          if (!exec_command (self, "COMMIT", error))
            return FALSE;
          break;
        }
      if (version != 0 && version < AFFARI_PG_FIRST_VERSION)
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_AFFARI,
                       _("The database holds version %d of a schema Affari does not know"), version);
          goto fail;
        }

      index = version == 0 ? 0 : version - AFFARI_PG_FIRST_VERSION + 1;
      migration = affari_pg_migrations[index];
      /* Several statements in one string: only the simple protocol takes them (no parameters). */
      res = PQexec (self->conn, migration);
      if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
        {
          g_autofree char *detail = server_detail (PQresultErrorMessage (res));

          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_FAILED,
                       _("Cannot bring the server's schema to version %d: %s"),
                       AFFARI_PG_FIRST_VERSION + index, detail);
          PQclear (res);
          goto fail;
        }
      PQclear (res);
      if (index > 0 && !set_version (self, AFFARI_PG_FIRST_VERSION + index, error))
        goto fail;
      if (!exec_command (self, "COMMIT", error))
        return FALSE;
    }

  if (out_version != NULL)
    *out_version = version;
  return TRUE;

fail:
  exec_command (self, "ROLLBACK", NULL);
  return FALSE;
}

/* ---- the team ---- */

gboolean
affari_pg_store_add_user (AffariPgStore  *self,
                          const char     *name,
                          const char     *login,
                          const char     *password,
                          const char     *scope,
                          const char     *department,
                          gint64         *out_member_id,
                          GError        **error)
{
  const char * const values[] = { name, login, password, scope, department };
  PGresult *res;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL && login != NULL && password != NULL && scope != NULL, FALSE);

  res = exec_params (self, "SELECT affari_add_user ($1, $2, $3, $4, $5)", 5, values, error);
  if (res == NULL)
    return FALSE;
  if (out_member_id != NULL)
    *out_member_id = value_int64 (res, 0, 0);
  PQclear (res);
  return TRUE;
}

/* ---- deals, pipelines, stages ---- */

GPtrArray *
affari_pg_store_list_deals (AffariPgStore  *self,
                            GError        **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  /* No condition on who: the server's row-level security leaves out what this login may not read. */
  return collect (self, "SELECT " STORE_DEAL_COLUMNS STORE_DEAL_FROM
                  " WHERE " STORE_LIVE_DEAL " AND " STORE_NOT_LEAD " ORDER BY d.id",
                  0, NULL, (RowFunc) deal_from_row, error);
}

GPtrArray *
affari_pg_store_list_pipelines (AffariPgStore  *self,
                                GError        **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  return collect (self, "SELECT id, name, sort, is_default, currency FROM pipeline WHERE kind = 'deal'"
                  " ORDER BY is_default DESC, sort, id", 0, NULL, (RowFunc) pipeline_from_row, error);
}

GPtrArray *
affari_pg_store_list_stages (AffariPgStore  *self,
                             gint64          pipeline_id,
                             GError        **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, pipeline_id);
  const char * const values[] = { id };

  g_return_val_if_fail (self != NULL, NULL);

  return collect (self, "SELECT id, pipeline_id, code, name, color, sort, semantics, extra_semantics, is_system"
                  " FROM stage WHERE pipeline_id = $1 ORDER BY sort, id", 1, values, (RowFunc) stage_from_row, error);
}

/* ---- moves ---- */

/* The history's sentences in the user's language, as the SQLite store writes them. */
static char *
move_texts (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const struct { const char *key, *text; } texts[] = {
    { "stage", _("Stage: %s → %s") },
    { "won", _("Deal won") },
    { "won_reason", _("Deal won: %s") },
    { "lost", _("Deal lost") },
    { "lost_reason", _("Deal lost: %s") },
    /* Translators: a history event and a line of the deal card; %s is a date. */
    { "closed_on", _("Closed on %s") },
    { "reopened", _("Deal reopened") },
  };

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      json_builder_set_member_name (builder, texts[i].key);
      json_builder_add_string_value (builder, texts[i].text);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Whether this login may read deal @id (row-level security answers). */
static gboolean
deal_readable (AffariPgStore *self,
               const char    *id)
{
  const char * const values[] = { id };
  PGresult *res = exec_params (self, "SELECT 1 FROM deal WHERE id = $1::bigint", 1, values, NULL);
  gboolean readable = res != NULL && PQntuples (res) > 0;

  PQclear (res);
  return readable;
}

AffariStage *
affari_pg_store_move (AffariPgStore  *self,
                      gint64          deal_id,
                      const char     *code,
                      const char     *reason,
                      gboolean       *out_moved,
                      gboolean       *out_is_lead,
                      GError        **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, deal_id);
  g_autofree char *texts = move_texts ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  const char * const values[] = { id, code, reason, today, texts };
  AffariStage *stage;
  PGresult *res;
  const char *state;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  /* One statement, so one transaction: the function does the whole move. */
  res = PQexecParams (self->conn, "SELECT new_stage, new_stage_code, new_stage_name, did_move, is_lead"
                      " FROM affari_move ($1::bigint, $2, $3, $4, $5::jsonb)", 5, NULL, values, NULL, NULL, 0);
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      state = PQresultErrorField (res, PG_DIAG_SQLSTATE);
      if (g_strcmp0 (state, SQLSTATE_DEAL_NOT_FOUND) == 0 && deal_readable (self, id))
        /* The move locks the deal FOR UPDATE, which the rule of editing guards too: a deal
         * this login reads but may not edit is "not found" there. */
        g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_FORBIDDEN,
                     _("Your login may read deal %s but not change it"), id);
      else if (g_strcmp0 (state, SQLSTATE_DEAL_NOT_FOUND) == 0)
        g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND,
                     _("Deal %s does not exist, or your login may not see it"), id);
      else if (g_strcmp0 (state, SQLSTATE_DEAL_IN_TRASH) == 0)
        g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("Deal %s is in the trash: restore it first"), id);
      else if (g_strcmp0 (state, SQLSTATE_NO_STAGE) == 0)
        g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND,
                     _("The deal's pipeline has no stage with the code “%s” (affari-cli pipelines lists them)"), code);
      else
        set_result_error (res, self->conn, error);
      PQclear (res);
      return NULL;
    }

  stage = g_object_new (AFFARI_TYPE_STAGE,
                        "id", value_int64 (res, 0, 0),
                        "code", value_text (res, 0, 1),
                        "name", value_text (res, 0, 2),
                        NULL);
  if (out_moved != NULL)
    *out_moved = value_bool (res, 0, 3);
  if (out_is_lead != NULL)
    *out_is_lead = value_bool (res, 0, 4);
  PQclear (res);
  return stage;
}

gboolean
affari_pg_store_import_local (AffariPgStore          *self,
                              AffariStore            *local,
                              AffariPgImportProgress  progress,
                              gpointer                user_data,
                              AffariPgImportReport   *report,
                              GError                **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return affari_pg_import_local (self->conn, local, progress, user_data, report, error);
}

/* ---- for the store's other files (affari-pg-store-private.h) ---- */

PGresult *
pg_store_exec (AffariPgStore       *self,
               const char          *sql,
               int                  n,
               const char * const  *values,
               GError             **error)
{
  return exec_params (self, sql, n, values, error);
}

const char *
pg_store_value_text (PGresult *res, int row, int col)
{
  return value_text (res, row, col);
}

gint64
pg_store_value_int64 (PGresult *res, int row, int col)
{
  return value_int64 (res, row, col);
}

void
pg_store_set_error (PGconn *conn, GError **error)
{
  set_result_error (NULL, conn, error);
}
