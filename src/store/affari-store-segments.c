/* affari-store-segments.c — the sales generator's segments, saved segments and generators
 *
 * Every segment is a set of clients written in SQL over one table of the live deals with their
 * client (temp.seg_deal), built once and kept while nothing is written: reading the client of
 * each deal (its company, else its primary contact's company, else that contact) is the costly
 * part, and the generator counts twenty segments at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "affari-store-private.h"
#include "affari-store-segments.h"
#include "affari-store-leads.h"

/* How many past years the seasons look back. */
#define HOLIDAY_YEARS 10

typedef struct {
  gint64 data_version;
  gint64 changes;
} SegStamp;

/* ---- the table of deals and clients ---- */

static gint64
data_version (AffariStore *self)
{
  return store_query_int (self, "PRAGMA data_version", 0, 0);
}

/* A store opened read-only runs with query_only, which refuses even temporary tables; its file
 * is opened read-only as well, so lifting query_only for the temp tables cannot write it. */
static gboolean
temp_writes_begin (AffariStore *self)
{
  gboolean query_only = store_query_int (self, "PRAGMA query_only", 0, 0) != 0;

  if (query_only)
    store_exec_sql (self, "PRAGMA query_only = OFF", NULL);
  return query_only;
}

static void
temp_writes_end (AffariStore *self, gboolean query_only)
{
  if (query_only)
    store_exec_sql (self, "PRAGMA query_only = ON", NULL);
}

static gboolean ensure_seg_deal_unlocked (AffariStore *self, GError **error);

/* Fills temp.seg_deal unless nothing was written since it was filled. */
static gboolean
ensure_seg_deal (AffariStore  *self,
                 GError      **error)
{
  gboolean query_only = temp_writes_begin (self);
  gboolean ok = ensure_seg_deal_unlocked (self, error);

  temp_writes_end (self, query_only);
  return ok;
}

static gboolean
ensure_seg_deal_unlocked (AffariStore  *self,
                          GError      **error)
{
  SegStamp *stamp = g_object_get_data (G_OBJECT (self), "affari-seg-stamp");
  gint64 version = data_version (self);
  gboolean ok;

  if (stamp != NULL && stamp->data_version == version && stamp->changes == sqlite3_total_changes64 (self->db))
    return TRUE;

  /* day: the day of purchase of a closed deal ('' for an open one: no rule reads it, and
   * converting 60,000 creation times to local days costs more than the rest); touched: the last
   * change of the deal or activity done on it, for the sleeping clients. */
  ok = store_exec_sql (self,
    "CREATE TEMP TABLE IF NOT EXISTS seg_deal ("
    "  deal_id INTEGER PRIMARY KEY, client INTEGER NOT NULL, semantics TEXT NOT NULL, day TEXT NOT NULL,"
    "  date_create INTEGER NOT NULL, touched INTEGER NOT NULL, source_id TEXT, pipeline_id INTEGER,"
    "  assigned_by_id INTEGER);"
    "CREATE TEMP TABLE IF NOT EXISTS seg_ids (id INTEGER PRIMARY KEY);"
    "DROP INDEX IF EXISTS temp.seg_deal_client;"
    "DROP INDEX IF EXISTS temp.seg_deal_day;"
    "DELETE FROM temp.seg_deal;", error)
    && store_exec (self, error,
    "INSERT INTO temp.seg_deal SELECT * FROM (SELECT d.id,"
    "  coalesce(d.company_id, (SELECT coalesce(ct.company_id, -ct.id) FROM deal_contact dc"
    "    JOIN contact ct ON ct.id = dc.contact_id WHERE dc.deal_id = d.id"
    "    ORDER BY dc.is_primary DESC, dc.sort LIMIT 1)) AS client,"
    "  d.semantics, CASE WHEN d.semantics = 'P' THEN '' ELSE coalesce(d.closed_at, date(d.date_create, 'unixepoch', 'localtime')) END,"
    "  d.date_create, max(d.date_modify, coalesce(a.done, 0)), d.source_id, d.pipeline_id, d.assigned_by_id"
    "  FROM deal d LEFT JOIN (SELECT deal_id, max(completed_at) AS done FROM activity WHERE completed = 1 GROUP BY deal_id) a"
    "    ON a.deal_id = d.id"
    "  WHERE " STORE_LIVE_DEAL " AND " STORE_NOT_LEAD ") WHERE client IS NOT NULL", "")
    /* Built after the rows: one sort instead of 100,000 insertions into a b-tree. */
    && store_exec_sql (self, "CREATE INDEX temp.seg_deal_client ON seg_deal (client, semantics, day, source_id, touched);"
                             /* The rules on purchases of a day or a season read only those. */
                             "CREATE INDEX temp.seg_deal_day ON seg_deal (semantics, day, client);", error);
  if (!ok)
    return FALSE;
  if (stamp == NULL)
    {
      stamp = g_new0 (SegStamp, 1);
      g_object_set_data_full (G_OBJECT (self), "affari-seg-stamp", stamp, g_free);
    }
  stamp->data_version = version;
  /* Built inside a transaction (a run), the table goes back with a rollback: build it again
   * next time rather than trust it. */
  stamp->changes = sqlite3_get_autocommit (self->db) ? sqlite3_total_changes64 (self->db) : -1;
  return TRUE;
}

/* Makes the temp table stale (a custom segment wrote seg_ids: that is not a change of deals, but
 * the stamp cannot tell). */
static void
restamp (AffariStore *self)
{
  SegStamp *stamp = g_object_get_data (G_OBJECT (self), "affari-seg-stamp");

  if (stamp != NULL && stamp->changes >= 0)
    stamp->changes = sqlite3_total_changes64 (self->db);
}

/* Unix seconds of local midnight at the start of @day. */
static gint64
midnight_of (const GDate *day)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                                                   g_date_get_day (day), 0, 0, 0);

  return g_date_time_to_unix (dt);
}

static void
param_day (GPtrArray *params, const GDate *day)
{
  g_autofree char *text = affari_segment_format_day (day);

  g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (text)));
}

static void
param_text (GPtrArray *params, const char *text)
{
  g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (text)));
}

static void
param_int (GPtrArray *params, gint64 value)
{
  g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_int64 (value)));
}

static void
bind_params (sqlite3_stmt *stmt, GPtrArray *params)
{
  for (guint i = 0; i < params->len; i++)
    {
      GVariant *v = g_ptr_array_index (params, i);

      if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
        sqlite3_bind_text (stmt, i + 1, g_variant_get_string (v, NULL), -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, i + 1, g_variant_get_int64 (v));
    }
}

/* The deals a custom segment's query finds, into temp.seg_ids. */
static gboolean fill_custom_ids_unlocked (AffariStore *self, GArray *ids, GError **error);

static gboolean
fill_custom_ids (AffariStore *self, const AffariSegmentSpec *spec, GError **error)
{
  g_autoptr(GArray) ids = NULL;
  gboolean query_only, ok;

  if (spec->query == NULL)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The segment does not exist any more"));
      return FALSE;
    }
  ids = affari_store_query_deal_ids (self, spec->query, error);
  if (ids == NULL)
    return FALSE;
  query_only = temp_writes_begin (self);
  ok = fill_custom_ids_unlocked (self, ids, error);
  temp_writes_end (self, query_only);
  return ok;
}

static gboolean
fill_custom_ids_unlocked (AffariStore *self, GArray *ids, GError **error)
{
  sqlite3_stmt *stmt;

  if (!store_exec_sql (self, "DELETE FROM temp.seg_ids", error))
    return FALSE;
  stmt = store_prepare (self, "INSERT OR IGNORE INTO temp.seg_ids (id) VALUES (?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }
  restamp (self);
  return TRUE;
}

/* Appends to @sql a SELECT of the clients of @spec (one column, no duplicates), its parameters
 * to @params. */
static gboolean
segment_sql (AffariStore             *self,
             const AffariSegmentSpec *spec,
             GString                 *sql,
             GPtrArray               *params,
             GError                 **error)
{
  GDate today, day;

  affari_segment_day_of (affari_store_now (self), &today);
  switch (spec->kind)
    {
    case AFFARI_SEGMENT_ALL:
      g_string_append (sql, "SELECT id FROM company UNION SELECT -id FROM contact WHERE company_id IS NULL");
      break;
    case AFFARI_SEGMENT_DEAL_IN_WORK:
    case AFFARI_SEGMENT_DEAL_WON:
    case AFFARI_SEGMENT_DEAL_LOST:
      g_string_append (sql, "SELECT DISTINCT client FROM temp.seg_deal WHERE semantics = ?");
      param_text (params, spec->kind == AFFARI_SEGMENT_DEAL_IN_WORK ? "P"
                          : spec->kind == AFFARI_SEGMENT_DEAL_WON ? "S" : "F");
      break;
    case AFFARI_SEGMENT_BIRTHDAY:
      {
        g_autoptr(GPtrArray) days = affari_segment_birthday_days (&today, spec->days);
        g_autoptr(GString) list = g_string_new ("[");

        for (guint i = 0; i < days->len; i++)
          g_string_append_printf (list, "%s\"%s\"", i ? "," : "", (const char *) g_ptr_array_index (days, i));
        g_string_append_c (list, ']');
        g_string_append (sql, "SELECT DISTINCT coalesce(company_id, -id) FROM contact"
                              " WHERE birthday IS NOT NULL AND substr(birthday, 6) IN (SELECT value FROM json_each(?))");
        param_text (params, list->str);
      }
      break;
    case AFFARI_SEGMENT_AFTER_DEAL_CLOSED:
      day = today;
      g_date_subtract_days (&day, CLAMP (spec->days, 0, 3660));
      g_string_append (sql, "SELECT DISTINCT client FROM temp.seg_deal WHERE semantics = 'S' AND day = ?");
      param_day (params, &day);
      break;
    case AFFARI_SEGMENT_HOLIDAY:
      g_string_append (sql, "SELECT DISTINCT client FROM temp.seg_deal WHERE semantics = 'S' AND (0");
      for (int i = 1; i <= HOLIDAY_YEARS; i++)
        {
          GDate from, to;

          affari_holiday_window (spec->holiday, g_date_get_year (&today) - i, &from, &to);
          g_string_append (sql, " OR day BETWEEN ? AND ?");
          param_day (params, &from);
          param_day (params, &to);
        }
      g_string_append (sql, ")");
      break;
    case AFFARI_SEGMENT_PRODUCT:
      g_string_append (sql, "SELECT DISTINCT s.client FROM deal_product p JOIN temp.seg_deal s ON s.deal_id = p.deal_id"
                            " WHERE p.product_id = ? AND s.semantics = 'S'");
      param_int (params, spec->product_id);
      break;
    case AFFARI_SEGMENT_NO_PURCHASE_SINCE:
      if (spec->since == NULL || !affari_segment_parse_day (spec->since, &day))
        {
          day = today;
          g_date_subtract_years (&day, 1);
        }
      g_string_append (sql, "SELECT client FROM temp.seg_deal WHERE semantics = 'S' GROUP BY client HAVING max(day) < ?");
      param_day (params, &day);
      break;
    case AFFARI_SEGMENT_EVERY_MONTH:
    case AFFARI_SEGMENT_EVERY_HALF_YEAR:
    case AFFARI_SEGMENT_EVERY_YEAR:
      {
        GDate from[2], to[2], next_from[2], next_to[2];

        /* A purchase in both windows today, and not in both of tomorrow's: each client is
         * picked on one day only (Bitrix24's sliding-window de-duplication). */
        affari_segment_repeat_windows (spec->kind, &today, from, to);
        day = today;
        g_date_add_days (&day, 1);
        affari_segment_repeat_windows (spec->kind, &day, next_from, next_to);
        g_string_append (sql, "SELECT client FROM temp.seg_deal WHERE semantics = 'S' GROUP BY client"
                              " HAVING max(day BETWEEN ? AND ?) AND max(day BETWEEN ? AND ?)"
                              " AND NOT (max(day BETWEEN ? AND ?) AND max(day BETWEEN ? AND ?))"
                              " EXCEPT SELECT client FROM temp.seg_deal WHERE semantics = 'P'");
        for (int i = 0; i < 2; i++)
          {
            param_day (params, &from[i]);
            param_day (params, &to[i]);
          }
        for (int i = 0; i < 2; i++)
          {
            param_day (params, &next_from[i]);
            param_day (params, &next_to[i]);
          }
      }
      break;
    case AFFARI_SEGMENT_LOST_CLIENT:
      day = today;
      g_date_subtract_months (&day, 1);
      g_string_append (sql, "SELECT client FROM temp.seg_deal GROUP BY client"
                            " HAVING sum(semantics <> 'P' AND day <= ?) >= 2 AND sum(semantics = 'P') = 0"
                            " AND sum(coalesce(source_id, '') = 'REPEAT_SALE') = 0");
      param_day (params, &day);
      break;
    case AFFARI_SEGMENT_SLEEPING:
      {
        GDate from = today, to = today;

        /* The last contact: a change of one of the client's deals or an activity done on it. */
        g_date_subtract_months (&from, 12);
        g_date_subtract_months (&to, 1);
        g_string_append (sql, "SELECT client FROM (SELECT s.client, sum(s.semantics = 'P') AS open,"
                              " max(s.touched) AS touched FROM temp.seg_deal s GROUP BY s.client)"
                              " WHERE open = 0 AND touched >= ? AND touched < ?");
        param_int (params, midnight_of (&from));
        param_int (params, midnight_of (&to));
      }
      break;
    case AFFARI_SEGMENT_CUSTOM:
      if (!fill_custom_ids (self, spec, error))
        return FALSE;
      g_string_append (sql, "SELECT DISTINCT s.client FROM temp.seg_ids i JOIN temp.seg_deal s ON s.deal_id = i.id");
      break;
    default:
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("Unknown segment"));
      return FALSE;
    }
  return TRUE;
}

gboolean
affari_store_segment_count (AffariStore              *self,
                            const AffariSegmentSpec  *spec,
                            guint                    *out_count,
                            GError                  **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM (");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  *out_count = 0;
  if (!ensure_seg_deal (self, error) || !segment_sql (self, spec, sql, params, error))
    return FALSE;
  g_string_append (sql, ")");
  stmt = store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_params (stmt, params);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_count = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return store_fail (self, error, rc, "segment count");
  return TRUE;
}

GArray *
affari_store_segment_clients (AffariStore              *self,
                              const AffariSegmentSpec  *spec,
                              GError                  **error)
{
  g_autoptr(GString) sql = g_string_new ("WITH c (client) AS (");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GArray) out = NULL;
  g_autoptr(GString) birthdays = g_string_new ("[");
  GDate today;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  if (!ensure_seg_deal (self, error) || !segment_sql (self, spec, sql, params, error))
    return NULL;
  affari_segment_day_of (affari_store_now (self), &today);
  /* A birthday segment names a person even when the client is the company: the new deal gets
   * that contact too (the first one, when several of its people have a birthday). */
  if (spec->kind == AFFARI_SEGMENT_BIRTHDAY)
    {
      g_autoptr(GPtrArray) days = affari_segment_birthday_days (&today, spec->days);

      for (guint i = 0; i < days->len; i++)
        g_string_append_printf (birthdays, "%s\"%s\"", i ? "," : "", (const char *) g_ptr_array_index (days, i));
    }
  g_string_append_c (birthdays, ']');
  g_string_append (sql, ") SELECT c.client,"
    " CASE WHEN c.client > 0 THEN (SELECT name FROM company WHERE id = c.client)"
    "  ELSE (SELECT trim(first_name || ' ' || last_name) FROM contact WHERE id = -c.client) END AS name,"
    " (SELECT count(*) FROM temp.seg_deal s WHERE s.client = c.client AND s.semantics = 'P'),"
    " (SELECT count(*) FROM temp.seg_deal s WHERE s.client = c.client AND s.source_id = 'RC_GENERATOR'"
    "   AND s.date_create >= ?),"
    " (SELECT s.pipeline_id FROM temp.seg_deal s WHERE s.client = c.client ORDER BY s.date_create DESC, s.deal_id DESC LIMIT 1),"
    " (SELECT s.assigned_by_id FROM temp.seg_deal s WHERE s.client = c.client ORDER BY s.date_create DESC, s.deal_id DESC LIMIT 1),"
    " (SELECT s.deal_id FROM temp.seg_deal s WHERE s.client = c.client AND s.semantics = 'S'"
    "   ORDER BY s.day DESC, s.deal_id DESC LIMIT 1),"
    " CASE WHEN c.client > 0 THEN (SELECT id FROM contact WHERE company_id = c.client AND birthday IS NOT NULL"
    "   AND substr(birthday, 6) IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT 1) END"
    " FROM c WHERE name IS NOT NULL ORDER BY name COLLATE NOCASE, c.client");
  param_int (params, midnight_of (&today));
  param_text (params, birthdays->str);
  stmt = store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_params (stmt, params);
  out = g_array_new (FALSE, TRUE, sizeof (AffariSegmentClient));
  g_array_set_clear_func (out, affari_segment_client_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AffariSegmentClient client = {
        .client = sqlite3_column_int64 (stmt, 0),
        .name = store_column_dup (stmt, 1),
        .open_deals = (guint) sqlite3_column_int64 (stmt, 2),
        .generated_today = (guint) sqlite3_column_int64 (stmt, 3),
        .last_pipeline = sqlite3_column_int64 (stmt, 4),
        .last_responsible = sqlite3_column_int64 (stmt, 5),
        .last_won_deal = sqlite3_column_int64 (stmt, 6),
        .contact = sqlite3_column_int64 (stmt, 7),
      };
      g_array_append_val (out, client);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      store_fail (self, error, rc, "segment clients");
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* ---- custom segments ---- */

gint64
affari_store_save_segment (AffariStore            *self,
                           const char             *name,
                           const AffariDealQuery  *query,
                           GError                **error)
{
  g_autofree char *text = NULL;
  g_autofree char *trimmed = NULL;
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  g_return_val_if_fail (query != NULL, 0);

  if (!store_check_line (name, STORE_MAX_TITLE_CHARS, TRUE, _("The name of the segment"), error))
    return 0;
  trimmed = g_strstrip (g_strdup (name));
  text = affari_deal_query_serialize (query);
  if (!store_tx_begin (self, error))
    return 0;
  {
    sqlite3_stmt *stmt = store_prepare (self, "SELECT count(*) FROM saved_segment WHERE name = ? COLLATE NOCASE", error);

    ok = stmt != NULL;
    if (ok)
      {
        store_bind_text (stmt, 1, trimmed);
        if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > 0)
          {
            g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                         _("A segment called “%s” exists already: choose another name"), trimmed);
            ok = FALSE;
          }
        sqlite3_reset (stmt);
      }
  }
  if (ok)
    {
      id = store_new_id (self, "saved_segment", error);
      ok = id >= 0;
    }
  ok = ok && store_exec (self, error, "INSERT INTO saved_segment (id, name, query, created) VALUES (?, ?, ?, ?)", "nssx",
                         id, trimmed, text, affari_store_now (self));
  if (ok)
    id = sqlite3_last_insert_rowid (self->db);
  if (ok)
    store_queue_settings (self, "segments", 0);
  if (!store_tx_end (self, ok, error))
    return 0;
  return id;
}

/* Deletes a saved segment or generator (@sql with the id) and says that @what changed. */
static gboolean
delete_saved (AffariStore *self, const char *sql, gint64 id, const char *what, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec_id (self, sql, id, error);
  if (ok)
    store_queue_settings (self, what, 0);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_delete_segment (AffariStore  *self,
                             gint64        id,
                             GError      **error)
{
  return delete_saved (self, "DELETE FROM saved_segment WHERE id = ?", id, "segments", error);
}

static void
spec_clear (gpointer data)
{
  affari_segment_spec_clear (data);
}

GArray *
affari_store_list_segments (AffariStore  *self,
                            GError      **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (AffariSegmentSpec));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  g_array_set_clear_func (out, spec_clear);
  stmt = store_prepare (self, "SELECT id, name, query FROM saved_segment ORDER BY name COLLATE NOCASE, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AffariSegmentSpec spec = { .kind = AFFARI_SEGMENT_CUSTOM };

      spec.custom_id = sqlite3_column_int64 (stmt, 0);
      spec.custom_name = store_column_dup (stmt, 1);
      /* A query this version cannot read matches nothing rather than hiding the segment. */
      spec.query = affari_deal_query_deserialize ((const char *) sqlite3_column_text (stmt, 2), NULL);
      if (spec.query == NULL)
        spec.query = affari_deal_query_new ();
      g_array_append_val (out, spec);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      store_fail (self, error, rc, "saved segments");
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
affari_store_load_segment (AffariStore        *self,
                           AffariSegmentSpec  *spec,
                           GError            **error)
{
  g_autoptr(GArray) all = affari_store_list_segments (self, error);

  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      AffariSegmentSpec *saved = &g_array_index (all, AffariSegmentSpec, i);

      if (saved->custom_id == spec->custom_id)
        {
          g_free (spec->custom_name);
          spec->custom_name = g_steal_pointer (&saved->custom_name);
          g_clear_pointer (&spec->query, affari_deal_query_free);
          spec->query = g_steal_pointer (&saved->query);
          return TRUE;
        }
    }
  g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The segment does not exist any more"));
  return FALSE;
}

/* ---- saved generators ---- */

gint64
affari_store_add_generator (AffariStore  *self,
                            const char   *name,
                            const char   *config,
                            const char   *next_run,
                            GError      **error)
{
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  if (!store_check_line (name, STORE_MAX_TITLE_CHARS, TRUE, _("The name of the generator"), error))
    return 0;
  if (!store_tx_begin (self, error))
    return 0;
  id = store_new_id (self, "sales_generator", error);
  ok = id >= 0 && store_exec (self, error,
                              "INSERT INTO sales_generator (id, name, config, next_run, created) VALUES (?, trim(?), ?, ?, ?)",
                              "nsssx", id, name, config, next_run, affari_store_now (self));
  if (ok)
    {
      id = sqlite3_last_insert_rowid (self->db);
      store_queue_settings (self, "generators", 0);
    }
  if (!store_tx_end (self, ok, error))
    return 0;
  return id;
}

gboolean
affari_store_delete_generator (AffariStore  *self,
                               gint64        id,
                               GError      **error)
{
  return delete_saved (self, "DELETE FROM sales_generator WHERE id = ?", id, "generators", error);
}

GArray *
affari_store_list_generators (AffariStore  *self,
                              const char   *due_on,
                              GError      **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (AffariSavedGenerator));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  g_array_set_clear_func (out, affari_saved_generator_clear);
  stmt = store_prepare (self,
    "SELECT id, name, config, next_run, last_run, runs, created_deals, rr_next, active FROM sales_generator"
    " WHERE ?1 IS NULL OR (active = 1 AND next_run IS NOT NULL AND next_run <= ?1)"
    " ORDER BY next_run IS NULL, next_run, id", error);
  if (stmt == NULL)
    return NULL;
  store_bind_text (stmt, 1, due_on);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AffariSavedGenerator generator = {
        .id = sqlite3_column_int64 (stmt, 0),
        .name = store_column_dup (stmt, 1),
        .config = store_column_dup (stmt, 2),
        .next_run = store_column_dup (stmt, 3),
        .last_run = store_column_dup (stmt, 4),
        .runs = (guint) sqlite3_column_int64 (stmt, 5),
        .created_deals = (guint) sqlite3_column_int64 (stmt, 6),
        .rr_next = (guint) sqlite3_column_int64 (stmt, 7),
        .active = sqlite3_column_int (stmt, 8) != 0,
      };
      g_array_append_val (out, generator);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      store_fail (self, error, rc, "generators");
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
affari_store_generator_ran (AffariStore  *self,
                            gint64        id,
                            const char   *day,
                            const char   *next_run,
                            guint         n_created,
                            guint         rr_next,
                            GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec (self, error,
                   "UPDATE sales_generator SET last_run = ?, next_run = ?, active = (? IS NOT NULL), runs = runs + 1,"
                   " created_deals = created_deals + ?, rr_next = ? WHERE id = ?",
                   "sssxxx", day, next_run, next_run, (gint64) n_created, (gint64) rr_next, id);
  if (ok)
    store_queue_settings (self, "generators", 0);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_add_pinned_comment (AffariStore  *self,
                                 gint64        deal_id,
                                 const char   *text,
                                 GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_check_text (text, STORE_MAX_TEXT_CHARS, TRUE, _("The comment"), error))
    return FALSE;
  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_add_event (self, deal_id, AFFARI_EVENT_COMMENT, NULL, NULL, NULL, text, error)
       && store_exec (self, error, "INSERT INTO event_pinned (event_id) VALUES (?)", "x",
                      (gint64) sqlite3_last_insert_rowid (self->db));
  if (ok)
    {
      gint64 stage = store_deal_stage (self, deal_id);

      store_queue_deal (self, deal_id, stage, stage);
    }
  return store_tx_end (self, ok, error);
}
