/* affari-store-export.c — the reads of the whole-database export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include "affari-store-private.h"
#include "affari-store-export.h"
#include "affari-store-leads.h"

#define MAX_COLUMNS 64

typedef struct {
  const char *name;
  const char *parent;   /* the column naming the parent row, or NULL */
  const char *order;    /* the key order of a WITHOUT ROWID table, NULL: rowid */
} TableInfo;

/* The tables are a fixed list (never text from outside): their names are part of the SQL,
 * every value is a bound parameter. */
static const TableInfo tables[AFFARI_EXPORT_N_TABLES] = {
  [AFFARI_EXPORT_SETTING] = { "setting", NULL, "key" },
  [AFFARI_EXPORT_TEAM_MEMBER] = { "team_member", NULL, NULL },
  [AFFARI_EXPORT_CURRENCY] = { "currency", NULL, "code" },
  [AFFARI_EXPORT_PIPELINE] = { "pipeline", NULL, NULL },
  [AFFARI_EXPORT_STAGE] = { "stage", "pipeline_id", NULL },
  [AFFARI_EXPORT_DEAL_TYPE] = { "deal_type", NULL, "code" },
  [AFFARI_EXPORT_DEAL_SOURCE] = { "deal_source", NULL, "code" },
  [AFFARI_EXPORT_COMPANY] = { "company", NULL, NULL },
  [AFFARI_EXPORT_CONTACT] = { "contact", NULL, NULL },
  [AFFARI_EXPORT_PRODUCT] = { "product", NULL, NULL },
  [AFFARI_EXPORT_CUSTOM_FIELD] = { "custom_field", NULL, NULL },
  [AFFARI_EXPORT_CUSTOM_FIELD_ITEM] = { "custom_field_item", "field_id", NULL },
  [AFFARI_EXPORT_CARD_SECTION] = { "card_section", NULL, NULL },
  [AFFARI_EXPORT_CARD_ELEMENT] = { "card_element", "section_id", "section_id, field" },
  [AFFARI_EXPORT_DEAL] = { "deal", NULL, NULL },
  [AFFARI_EXPORT_DEAL_CONTACT] = { "deal_contact", "deal_id", "deal_id, contact_id" },
  [AFFARI_EXPORT_DEAL_PRODUCT] = { "deal_product", "deal_id", NULL },
  [AFFARI_EXPORT_DEAL_FIELD_VALUE] = { "deal_field_value", "deal_id", "deal_id, field_id" },
  [AFFARI_EXPORT_DEAL_EXTRA] = { "deal_extra", "deal_id", "deal_id, key" },
  [AFFARI_EXPORT_ACTIVITY] = { "activity", "deal_id", NULL },
  [AFFARI_EXPORT_EVENT] = { "event", "deal_id", NULL },
  [AFFARI_EXPORT_EVENT_PINNED] = { "event_pinned", NULL, NULL },
  [AFFARI_EXPORT_DEAL_STAGE_HISTORY] = { "deal_stage_history", "deal_id", NULL },
  [AFFARI_EXPORT_LEAD_INFO] = { "lead_info", "deal_id", NULL },
  [AFFARI_EXPORT_RECURRING] = { "recurring", "deal_id", NULL },
  [AFFARI_EXPORT_QUOTE] = { "quote", NULL, NULL },
  [AFFARI_EXPORT_QUOTE_PRODUCT] = { "quote_product", "quote_id", NULL },
  [AFFARI_EXPORT_SAVED_FILTER] = { "saved_filter", NULL, NULL },
  [AFFARI_EXPORT_SAVED_SEGMENT] = { "saved_segment", NULL, NULL },
  [AFFARI_EXPORT_SALES_GENERATOR] = { "sales_generator", NULL, NULL },
};

/* The statement's text; store_prepare caches the statement by it. */
static char *
table_sql (AffariExportTable table, int kind)
{
  const TableInfo *info = &tables[table];
  const char *order = info->order != NULL ? info->order : "rowid";

  if (kind == 0)
    return g_strdup_printf ("SELECT count(*) FROM %s", info->name);
  if (kind == 1 && info->order == NULL)
    return g_strdup_printf ("SELECT rowid, * FROM %s WHERE rowid > ?1 ORDER BY rowid LIMIT ?2", info->name);
  if (kind == 1)
    return g_strdup_printf ("SELECT 0, * FROM %s ORDER BY %s LIMIT ?2 OFFSET ?1", info->name, order);
  return g_strdup_printf ("SELECT 0, * FROM %s WHERE %s = ?1 ORDER BY %s", info->name, info->parent, order);
}

/* Steps @stmt to its end, handing each row (without its first, @skip columns) to @func;
 * @last gets the first column of the last row. */
static gboolean
run_rows (AffariStore         *self,
          sqlite3_stmt        *stmt,
          int                  skip,
          AffariExportRowFunc  func,
          gpointer             user_data,
          gint64              *last,
          guint               *n_rows,
          GError             **error)
{
  const char *names[MAX_COLUMNS];
  AffariExportValue values[MAX_COLUMNS];
  int n_columns = MIN (sqlite3_column_count (stmt) - skip, MAX_COLUMNS);
  guint n = 0;
  int rc;

  for (int i = 0; i < n_columns; i++)
    names[i] = sqlite3_column_name (stmt, i + skip);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < n_columns; i++)
        {
          AffariExportValue *v = &values[i];

          switch (sqlite3_column_type (stmt, i + skip))
            {
            case SQLITE_NULL:
              *v = (AffariExportValue) { AFFARI_EXPORT_VALUE_NULL, 0, 0, NULL };
              break;
            case SQLITE_INTEGER:
              *v = (AffariExportValue) { AFFARI_EXPORT_VALUE_INT, sqlite3_column_int64 (stmt, i + skip), 0, NULL };
              break;
            case SQLITE_FLOAT:
              *v = (AffariExportValue) { AFFARI_EXPORT_VALUE_REAL, 0, sqlite3_column_double (stmt, i + skip), NULL };
              break;
            default:
              *v = (AffariExportValue) { AFFARI_EXPORT_VALUE_TEXT, 0, 0,
                                         (const char *) sqlite3_column_text (stmt, i + skip) };
              break;
            }
        }
      if (last != NULL)
        *last = sqlite3_column_int64 (stmt, 0);
      n++;
      if (!func ((guint) n_columns, names, values, user_data, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  if (n_rows != NULL)
    *n_rows = n;
  if (rc != SQLITE_DONE)
    {
      store_fail (self, error, rc, "export");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* The single integer of @sql, or -1 with @error set. */
static gint64
count_rows (AffariStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self, sql, error);
  gint64 count = -1;
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    store_fail (self, error, rc, "export count");
  sqlite3_reset (stmt);
  return count;
}

/* A page of @sql (?1 the cursor, ?2 the limit; its first column the cursor of the row), the
 * columns from @skip on handed to @func. */
static gboolean
run_page (AffariStore         *self,
          const char          *sql,
          int                  skip,
          gint64               after,
          guint                limit,
          AffariExportRowFunc  func,
          gpointer             user_data,
          gint64              *next,
          guint               *n_rows,
          GError             **error)
{
  sqlite3_stmt *stmt = store_prepare (self, sql, error);
  gint64 last = after;
  guint n = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int64 (stmt, 2, limit);
  if (!run_rows (self, stmt, skip, func, user_data, &last, &n, error))
    return FALSE;
  *next = last;
  *n_rows = n;
  return TRUE;
}

const char *
affari_export_table_name (AffariExportTable table)
{
  g_return_val_if_fail (table < AFFARI_EXPORT_N_TABLES, NULL);
  return tables[table].name;
}

const char *
affari_export_table_parent (AffariExportTable table)
{
  g_return_val_if_fail (table < AFFARI_EXPORT_N_TABLES, NULL);
  return tables[table].parent;
}

gboolean
affari_store_export_begin (AffariStore *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!sqlite3_get_autocommit (self->db))
    return TRUE;
  return store_exec_sql (self, "BEGIN DEFERRED", error)
         /* A read transaction starts at its first read: take the snapshot now. */
         && store_query_int (self, "SELECT count(*) FROM pipeline", 0, -1) >= 0;
}

void
affari_store_export_end (AffariStore *self)
{
  g_return_if_fail (AFFARI_IS_STORE (self));

  if (self->tx_depth == 0 && !sqlite3_get_autocommit (self->db))
    store_exec_sql (self, "COMMIT", NULL);
}

gint64
affari_store_export_count (AffariStore *self, AffariExportTable table, GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (self), -1);
  g_return_val_if_fail (table < AFFARI_EXPORT_N_TABLES, -1);

  sql = table_sql (table, 0);
  return count_rows (self, sql, error);
}

gboolean
affari_store_export_page (AffariStore         *self,
                          AffariExportTable    table,
                          gint64               after,
                          guint                limit,
                          AffariExportRowFunc  func,
                          gpointer             user_data,
                          gint64              *next,
                          guint               *n_rows,
                          GError             **error)
{
  g_autofree char *sql = NULL;
  gint64 last;
  guint n;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (table < AFFARI_EXPORT_N_TABLES, FALSE);

  sql = table_sql (table, 1);
  if (!run_page (self, sql, 1, after, limit, func, user_data, &last, &n, error))
    return FALSE;
  /* A table without rowid pages by offset. */
  if (tables[table].order != NULL)
    last = after + n;
  if (next != NULL)
    *next = last;
  if (n_rows != NULL)
    *n_rows = n;
  return TRUE;
}

gboolean
affari_store_export_children (AffariStore         *self,
                              AffariExportTable    table,
                              gint64               parent_id,
                              AffariExportRowFunc  func,
                              gpointer             user_data,
                              GError             **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (table < AFFARI_EXPORT_N_TABLES && tables[table].parent != NULL, FALSE);

  {
    g_autofree char *sql = table_sql (table, 2);
    stmt = store_prepare (self, sql, error);
  }
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, parent_id);
  return run_rows (self, stmt, 1, func, user_data, NULL, NULL, error);
}

#define B24_FROM \
  " FROM deal d JOIN pipeline p ON p.id = d.pipeline_id JOIN stage s ON s.id = d.stage_id" \
  " WHERE " STORE_LIVE_DEAL " AND " STORE_NOT_LEAD

gboolean
affari_store_export_b24_deals (AffariStore         *self,
                               gint64               after,
                               guint                limit,
                               AffariExportRowFunc  func,
                               gpointer             user_data,
                               gint64              *next,
                               guint               *n_rows,
                               GError             **error)
{
  gint64 last;
  guint n;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!run_page (self,
                 "SELECT d.id, d.title, p.name AS pipeline, s.name AS stage, d.semantics,"
                 " coalesce((SELECT cu.name FROM currency cu WHERE cu.code = d.currency), d.currency) AS currency,"
                 " d.amount, (SELECT co.name FROM company co WHERE co.id = d.company_id) AS company,"
                 " (SELECT trim(ct.first_name || ' ' || ct.last_name) FROM deal_contact dc"
                 "    JOIN contact ct ON ct.id = dc.contact_id WHERE dc.deal_id = d.id"
                 "    ORDER BY dc.is_primary DESC, dc.sort, dc.contact_id LIMIT 1) AS contact,"
                 " (SELECT tm.name FROM team_member tm WHERE tm.id = d.assigned_by_id) AS responsible,"
                 " d.begin_date, d.close_date, d.closed_at, d.comments,"
                 " (SELECT so.name FROM deal_source so WHERE so.code = d.source_id) AS source,"
                 " (SELECT ty.name FROM deal_type ty WHERE ty.code = d.type_id) AS type,"
                 " d.probability, d.date_create, d.closed"
                 B24_FROM " AND d.id > ?1 ORDER BY d.id LIMIT ?2",
                 0, after, limit, func, user_data, &last, &n, error))
    return FALSE;
  if (next != NULL)
    *next = last;
  if (n_rows != NULL)
    *n_rows = n;
  return TRUE;
}

gint64
affari_store_export_b24_count (AffariStore *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), -1);

  return count_rows (self, "SELECT count(*)" B24_FROM, error);
}

GArray *
affari_store_export_deal_ids (AffariStore *self, GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, "SELECT d.id" B24_FROM " ORDER BY d.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      store_fail (self, error, rc, "export ids");
      return NULL;
    }
  return g_steal_pointer (&ids);
}
