/* affari-store.c — the SQLite store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <math.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "affari-store.h"
#include "affari-schema.h"
#include "affari-store-private.h"
#include "model/affari-deal-private.h"
#include "model/affari-money.h"

static void sql_id_set_step (sqlite3_context *ctx, int argc, sqlite3_value **argv);
static void sql_id_set_final (sqlite3_context *ctx);

#define BUSY_TIMEOUT_MS 3000
#define POSITION_STEP 1024.0
#define LOAD_CHUNK 200

G_DEFINE_FINAL_TYPE (AffariStore, affari_store, G_TYPE_OBJECT)

enum {
  DEAL_CHANGED,
  STAGES_CHANGED,
  PIPELINES_CHANGED,
  RESET,
  SETTINGS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ errors */

gboolean
store_set_sqlite_error (GError **error, sqlite3 *db, int rc, const char *context)
{
  const char *msg = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  int code;
  const char *what;

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      code = AFFARI_ERROR_NOT_AFFARI;
      what = _("The file is not an Affari database");
      break;
    case SQLITE_CORRUPT:
      code = AFFARI_ERROR_CORRUPT;
      what = _("The database file is damaged");
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = AFFARI_ERROR_LOCKED;
      what = _("The database is in use by another program");
      break;
    case SQLITE_FULL:
      code = AFFARI_ERROR_FULL;
      what = _("The disk is full: the change was not saved");
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      code = AFFARI_ERROR_READ_ONLY;
      what = _("The database file cannot be written");
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      code = AFFARI_ERROR_IO;
      what = _("The database file could not be read or written");
      break;
    case SQLITE_CONSTRAINT:
      code = AFFARI_ERROR_CONSTRAINT;
      what = _("The change breaks a rule of the data");
      break;
    default:
      code = AFFARI_ERROR_FAILED;
      what = _("Database error");
      break;
    }

  g_set_error (error, AFFARI_ERROR, code, "%s (%s: %s, %d)", what, context, msg, rc);
  return FALSE;
}

gboolean
store_set_invalid (GError **error, const char *message)
{
  g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, message);
  return FALSE;
}

/* -------------------------------------------------------------- text fold */

/* affari_fold(text): lower case without accents, so "citta" finds "Città". */
char *
store_fold_text (const char *text)
{
  g_autofree char *nfd = NULL;
  g_autofree char *lower = NULL;
  GString *out;

  if (text == NULL)
    return NULL;

  nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  if (nfd == NULL)
    return g_strdup (text);
  lower = g_utf8_casefold (nfd, -1);
  out = g_string_sized_new (strlen (lower));
  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType t = g_unichar_type (c);
      if (t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK || t == G_UNICODE_ENCLOSING_MARK)
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
sql_fold (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  char *folded;

  if (text == NULL)
    {
      sqlite3_result_null (ctx);
      return;
    }
  /* ASCII needs no normalisation: lower-case it in place, fast. */
  for (const char *p = text; ; p++)
    {
      if (*p == '\0')
        {
          folded = g_ascii_strdown (text, -1);
          sqlite3_result_text (ctx, folded, -1, g_free);
          return;
        }
      if ((guchar) *p >= 0x80)
        break;
    }
  folded = store_fold_text (text);
  sqlite3_result_text (ctx, folded, -1, g_free);
}

static void stage_info_free (gpointer data);
static void store_forget_stages (AffariStore *self);

/* ------------------------------------------------------------- statements */

/* Before SQLite's first use in the process: no global count of allocated memory (a mutex taken
 * on every allocation, and the store never asks for the count). Too late once SQLite runs. */
static void
store_configure_sqlite (void)
{
  static gsize configured = 0;

  if (g_once_init_enter (&configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&configured, 1);
    }
}

/* The statement cache is looked up for every write: hash the length and the two ends of the
 * SQL, not all of it (statements that share both ends are told apart by the equality test). */
static guint
sql_hash (gconstpointer key)
{
  const char *sql = key;
  gsize len = strlen (sql);
  guint h = (guint) len * 2654435761u;
  gsize head = MIN (len, 48);

  for (gsize i = 0; i < head; i++)
    h = h * 31 + (guchar) sql[i];
  for (gsize i = len > 48 ? MAX (len - 48, head) : len; i < len; i++)
    h = h * 31 + (guchar) sql[i];
  return h;
}

sqlite3_stmt *
store_prepare (AffariStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      store_set_sqlite_error (error, self->db, rc, "prepare");
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

void
store_bind_text (sqlite3_stmt *stmt, int idx, const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_TRANSIENT);
}

/* 0 means "none" for every id */
void
store_bind_id (sqlite3_stmt *stmt, int idx, gint64 id)
{
  if (id <= 0)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_int64 (stmt, idx, id);
}

char *
store_column_dup (sqlite3_stmt *stmt, int col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);
  return text ? g_strdup (text) : NULL;
}

/* Runs a statement that returns no rows. */
gboolean
store_step_done (AffariStore *self, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      store_set_sqlite_error (error, self->db, rc, "step");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
store_exec_sql (AffariStore *self, const char *sql, GError **error)
{
  char *errmsg = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &errmsg);
  sqlite3_free (errmsg);
  if (rc != SQLITE_OK)
    return store_set_sqlite_error (error, self->db, rc, "exec");
  return TRUE;
}

/* A single integer from a query with one optional id parameter; @fallback when no row. */
gint64
store_query_int (AffariStore *self, const char *sql, gint64 param, gint64 fallback)
{
  sqlite3_stmt *stmt = store_prepare (self, sql, NULL);
  gint64 result = fallback;

  if (stmt == NULL)
    return fallback;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, param);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    result = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return result;
}

char *
store_query_text (AffariStore *self, const char *sql, gint64 param)
{
  sqlite3_stmt *stmt = store_prepare (self, sql, NULL);
  char *result = NULL;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, param);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = store_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return result;
}

/* ----------------------------------------------------------- transactions */

static void
queue (AffariStore *self, PendingKind kind, gint64 a, gint64 b, gint64 c)
{
  Pending p = { kind, a, b, c };
  g_array_append_val (self->pending, p);
}

static void
flush_pending (AffariStore *self)
{
  g_autoptr(GArray) pending = self->pending;

  self->pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  for (guint i = 0; i < pending->len; i++)
    {
      Pending *p = &g_array_index (pending, Pending, i);
      switch (p->kind)
        {
        case PENDING_DEAL:
          g_signal_emit (self, signals[DEAL_CHANGED], 0, p->a, p->b, p->c);
          break;
        case PENDING_STAGES:
          g_signal_emit (self, signals[STAGES_CHANGED], 0, p->a);
          break;
        case PENDING_PIPELINES:
          g_signal_emit (self, signals[PIPELINES_CHANGED], 0);
          break;
        case PENDING_SETTINGS:
          g_signal_emit (self, signals[SETTINGS_CHANGED], (GQuark) p->b, p->a);
          break;
        }
    }
}

/* Rebuilds the full-text documents of the deals the triggers marked (migration 2 on). */
gboolean
store_reindex_dirty (AffariStore *self, GError **error)
{
  sqlite3_stmt *stmt;

  if (!self->has_search_index)
    return TRUE;
  stmt = store_prepare (self, "SELECT EXISTS (SELECT 1 FROM deal_search_dirty)", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) == 0)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);

  stmt = store_prepare (self,
    "DELETE FROM deal_search_doc WHERE deal_id IN (SELECT deal_id FROM deal_search_dirty)", error);
  if (stmt == NULL || !store_step_done (self, stmt, error))
    return FALSE;
  stmt = store_prepare (self,
    "INSERT INTO deal_search_doc (deal_id, body) SELECT deal_id, body FROM deal_search_body"
    " WHERE deal_id IN (SELECT deal_id FROM deal_search_dirty)", error);
  if (stmt == NULL || !store_step_done (self, stmt, error))
    return FALSE;
  stmt = store_prepare (self, "DELETE FROM deal_search_dirty", error);
  return stmt != NULL && store_step_done (self, stmt, error);
}

gboolean
store_tx_begin (AffariStore *self, GError **error)
{
  g_autofree char *sql = NULL;

  if (self->tx_depth == 0)
    {
      if (!store_exec_sql (self, "BEGIN IMMEDIATE", error))
        return FALSE;
    }
  else if (self->batch_depth > 0)
    {
      /* Inside a batch every write shares the batch's transaction: a batch is all or nothing
       * (a failed write poisons it, see store_tx_rollback), so no savepoint per write. */
    }
  else
    {
      sqlite3_stmt *stmt;
      sql = g_strdup_printf ("SAVEPOINT sp%u", self->tx_depth);
      stmt = store_prepare (self, sql, error);
      if (stmt == NULL || !store_step_done (self, stmt, error))
        return FALSE;
    }
  self->tx_depth++;
  return TRUE;
}

void
store_tx_rollback (AffariStore *self)
{
  g_return_if_fail (self->tx_depth > 0);

  store_forget_stages (self);
  self->tx_depth--;
  if (self->tx_depth == 0)
    {
      /* ROLLBACK fails only when SQLite already rolled back (e.g. after SQLITE_FULL). */
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_array_set_size (self->pending, 0);
      self->batch_failed = FALSE;
    }
  else if (self->batch_depth > 0)
    {
      /* The failed write may have left some of its statements applied: the batch can only
       * be rolled back as a whole now. */
      self->batch_failed = TRUE;
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("ROLLBACK TO sp%u; RELEASE sp%u", self->tx_depth, self->tx_depth);
      sqlite3_exec (self->db, sql, NULL, NULL, NULL);
    }
}

gboolean
store_tx_commit (AffariStore *self, GError **error)
{
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (self->tx_depth == 1)
    {
      int rc;

      if (self->batch_failed)
        {
          g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                               _("A change of the batch failed: nothing of it was saved"));
          store_tx_rollback (self);
          return FALSE;
        }

      /* The search documents of the deals this transaction touched, in the same transaction. */
      if (!store_reindex_dirty (self, error))
        {
          store_tx_rollback (self);
          return FALSE;
        }
      rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          store_set_sqlite_error (error, self->db, rc, "commit");
          store_tx_rollback (self);
          return FALSE;
        }
      self->tx_depth = 0;
      if (self->batch_depth == 0)
        flush_pending (self);
      return TRUE;
    }
  else if (self->batch_depth > 0)
    {
      self->tx_depth--;
      return TRUE;
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("RELEASE sp%u", self->tx_depth - 1);
      sqlite3_stmt *stmt = store_prepare (self, sql, error);
      if (stmt == NULL || !store_step_done (self, stmt, error))
        {
          store_tx_rollback (self);
          return FALSE;
        }
      self->tx_depth--;
      return TRUE;
    }
}

/* Ends a write: commits when @ok, rolls back otherwise. Returns @ok && committed. */
gboolean
store_tx_end (AffariStore *self, gboolean ok, GError **error)
{
  if (!ok)
    {
      store_tx_rollback (self);
      return FALSE;
    }
  return store_tx_commit (self, error);
}

gboolean
affari_store_begin_batch (AffariStore *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_tx_begin (self, error))
    return FALSE;
  /* A batch writes far more pages than the usual cache holds: keep them in memory instead of
   * spilling them to the WAL page by page. */
  if (self->batch_depth++ == 0)
    {
      store_exec_sql (self, "PRAGMA cache_size = -1048576", NULL);
      if (self->batch_stages == NULL)
        self->batch_stages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, stage_info_free);
    }
  return TRUE;
}

gboolean
affari_store_end_batch (AffariStore *self, gboolean commit, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->batch_depth > 0, FALSE);

  ok = store_tx_end (self, commit, error);
  self->batch_depth--;
  if (self->batch_depth == 0)
    {
      store_exec_sql (self, "PRAGMA cache_size = -16384", NULL);
      g_clear_pointer (&self->batch_stages, g_hash_table_unref);
      g_array_set_size (self->pending, 0);
      if (ok)
        g_signal_emit (self, signals[RESET], 0);
    }
  return ok;
}

/* ------------------------------------------------------------------- time */

void
affari_store_set_now (AffariStore *self, gint64 unix_seconds)
{
  g_return_if_fail (AFFARI_IS_STORE (self));
  self->now = unix_seconds;
}

gint64
affari_store_now (AffariStore *self)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  return self->now ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

/* "YYYY-MM-DD" of the store's now, in local time */
char *
store_today (AffariStore *self)
{
  gint64 now = affari_store_now (self);

  /* The same local day gives the same date: the time zone work happens once a day, not on
   * every write (a batch of sample data writes hundreds of thousands of times). */
  if (self->today == NULL || now < self->today_from || now >= self->today_until)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (now);
      g_autoptr(GDateTime) midnight = NULL;
      g_autoptr(GDateTime) next = NULL;

      g_free (self->today);
      self->today = g_date_time_format (dt, "%Y-%m-%d");
      midnight = g_date_time_new_local (g_date_time_get_year (dt), g_date_time_get_month (dt),
                                        g_date_time_get_day_of_month (dt), 0, 0, 0);
      next = midnight != NULL ? g_date_time_add_days (midnight, 1) : NULL;
      if (midnight != NULL && next != NULL)
        {
          self->today_from = MIN (g_date_time_to_unix (midnight), now);
          self->today_until = MAX (g_date_time_to_unix (next), now + 1);
        }
      else
        {
          self->today_from = now;
          self->today_until = now + 1;
        }
    }
  return g_strdup (self->today);
}

/* ----------------------------------------------------------------- profile */

static int
profile_cb (unsigned type, void *data, void *p, void *x)
{
  AffariStore *self = data;
  const char *sql = sqlite3_sql (p);
  gint64 *total;

  if (sql == NULL)
    return 0;
  total = g_hash_table_lookup (self->profile, sql);
  if (total == NULL)
    {
      total = g_new0 (gint64, 2);
      g_hash_table_insert (self->profile, g_strdup (sql), total);
    }
  total[0] += *(sqlite3_int64 *) x;
  total[1]++;
  return 0;
}

static int
compare_profile (gconstpointer a, gconstpointer b, gpointer data)
{
  GHashTable *profile = data;
  gint64 x = ((gint64 *) g_hash_table_lookup (profile, *(char **) a))[0];
  gint64 y = ((gint64 *) g_hash_table_lookup (profile, *(char **) b))[0];
  return x < y ? 1 : x > y ? -1 : 0;
}

static void
print_profile (AffariStore *self)
{
  guint n = 0;
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (self->profile, &n);

  g_qsort_with_data (keys, (int) n, sizeof (gpointer), compare_profile, self->profile);
  for (guint i = 0; i < MIN (n, 25); i++)
    {
      gint64 *t = g_hash_table_lookup (self->profile, keys[i]);
      g_printerr ("%8.1f ms %8" G_GINT64_FORMAT "x  %.150s\n", t[0] / 1e6, t[1], (char *) keys[i]);
    }
}

/* ------------------------------------------------------- open and migrate */

typedef struct {
  const char *code;
  const char *name;
  const char *color;
  int sort;
  const char *semantics;
  const char *extra;
  gboolean system;
} DefaultStage;

/* The default stages of Bitrix24's DEAL_STAGE dictionary. */
static const DefaultStage default_stages[] = {
  { "NEW",                N_("New"),                     "#39A8EF", 10, "P", "process", TRUE },
  { "PREPARATION",        N_("Document preparation"),    "#2FC6F6", 20, "P", "process", FALSE },
  { "PREPAYMENT_INVOICE", N_("Prepayment invoice"),      "#55D0E0", 30, "P", "process", FALSE },
  { "EXECUTING",          N_("In progress"),             "#47E4C2", 40, "P", "process", FALSE },
  { "FINAL_INVOICE",      N_("Final invoice"),           "#FFA900", 50, "P", "process", FALSE },
  { "WON",                N_("Deal won"),                "#7BD500", 60, "S", "success", TRUE },
  { "LOSE",               N_("Deal lost"),               "#FF5752", 70, "F", "failure", TRUE },
  { "APOLOGY",            N_("Failure reason analysis"), "#FF5752", 80, "F", "apology", FALSE },
};

static const struct { const char *code, *name; } default_types[] = {
  { "SALE",    N_("Sale") },
  { "COMPLEX", N_("Complex sale") },
  { "GOODS",   N_("Sale of goods") },
  { "SERVICE", N_("Services") },
};

static const struct { const char *code, *name; } default_sources[] = {
  { "CALL",           N_("Call") },
  { "EMAIL",          N_("E-mail") },
  { "WEB",            N_("Website") },
  { "ADVERTISING",    N_("Advertising") },
  { "PARTNER",        N_("Existing client") },
  { "RECOMMENDATION", N_("By recommendation") },
  { "TRADE_SHOW",     N_("Trade show") },
  { "WEBFORM",        N_("CRM form") },
  { "CALLBACK",       N_("Callback") },
  { "RC_GENERATOR",   N_("Sales generator") },
  { "STORE",          N_("Online store") },
  { "OTHER",          N_("Other") },
};

static const struct { const char *code, *name; gboolean base; } default_currencies[] = {
  { "EUR", N_("Euro"), TRUE },
  { "USD", N_("US dollar"), FALSE },
  { "CHF", N_("Swiss franc"), FALSE },
  { "GBP", N_("Pound sterling"), FALSE },
};

gboolean
insert_stages (AffariStore *self, gint64 pipeline_id, const char *prefix, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self,
    "INSERT INTO stage (pipeline_id, code, name, color, sort, semantics, extra_semantics, is_system)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (default_stages); i++)
    {
      const DefaultStage *s = &default_stages[i];
      g_autofree char *code = prefix ? g_strconcat (prefix, s->code, NULL) : g_strdup (s->code);

      sqlite3_bind_int64 (stmt, 1, pipeline_id);
      store_bind_text (stmt, 2, code);
      store_bind_text (stmt, 3, _(s->name));
      store_bind_text (stmt, 4, s->color);
      sqlite3_bind_int (stmt, 5, s->sort);
      store_bind_text (stmt, 6, s->semantics);
      store_bind_text (stmt, 7, s->extra);
      sqlite3_bind_int (stmt, 8, s->system);
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
seed_v1 (AffariStore *self, GError **error)
{
  sqlite3_stmt *stmt;
  const char *real_name = g_get_real_name ();
  gint64 member;

  /* The person using Affari is the first member of the team and the author of the history. */
  if (real_name == NULL || *real_name == '\0' || g_str_equal (real_name, "Unknown"))
    real_name = _("Me");
  stmt = store_prepare (self, "INSERT INTO team_member (name) VALUES (?)", error);
  if (stmt == NULL)
    return FALSE;
  store_bind_text (stmt, 1, real_name);
  if (!store_step_done (self, stmt, error))
    return FALSE;
  member = sqlite3_last_insert_rowid (self->db);

  stmt = store_prepare (self, "INSERT INTO setting (key, value) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  {
    g_autofree char *member_text = g_strdup_printf ("%" G_GINT64_FORMAT, member);
    const char *pairs[][2] = {
      { "current_user_id", member_text },
      { "base_currency", "EUR" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
      {
        store_bind_text (stmt, 1, pairs[i][0]);
        store_bind_text (stmt, 2, pairs[i][1]);
        if (!store_step_done (self, stmt, error))
          return FALSE;
      }
  }

  stmt = store_prepare (self, "INSERT INTO currency (code, name, is_base, sort) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (default_currencies); i++)
    {
      store_bind_text (stmt, 1, default_currencies[i].code);
      store_bind_text (stmt, 2, _(default_currencies[i].name));
      sqlite3_bind_int (stmt, 3, default_currencies[i].base);
      sqlite3_bind_int (stmt, 4, (i + 1) * 10);
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }

  stmt = store_prepare (self, "INSERT INTO deal_type (code, name, sort) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (default_types); i++)
    {
      store_bind_text (stmt, 1, default_types[i].code);
      store_bind_text (stmt, 2, _(default_types[i].name));
      sqlite3_bind_int (stmt, 3, (i + 1) * 10);
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }

  stmt = store_prepare (self, "INSERT INTO deal_source (code, name, sort) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (default_sources); i++)
    {
      store_bind_text (stmt, 1, default_sources[i].code);
      store_bind_text (stmt, 2, _(default_sources[i].name));
      sqlite3_bind_int (stmt, 3, (i + 1) * 10);
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }

  stmt = store_prepare (self, "INSERT INTO pipeline (name, sort, is_default, currency) VALUES (?, 500, 1, 'EUR')", error);
  if (stmt == NULL)
    return FALSE;
  store_bind_text (stmt, 1, _("General"));
  if (!store_step_done (self, stmt, error))
    return FALSE;

  return insert_stages (self, sqlite3_last_insert_rowid (self->db), NULL, error);
}

static gboolean
migrate (AffariStore *self, int from, GError **error)
{
  for (int version = from + 1; version <= (int) AFFARI_N_MIGRATIONS; version++)
    {
      g_autofree char *set_version = NULL;
      gboolean ok;

      if (!store_tx_begin (self, error))
        return FALSE;

      set_version = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                                     version, AFFARI_APPLICATION_ID);
      ok = store_exec_sql (self, affari_migrations[version - 1], error);
      if (ok && version == 1)
        ok = seed_v1 (self, error);
      ok = ok && store_exec_sql (self, set_version, error);

      if (!store_tx_end (self, ok, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
make_private_file (const char *path, gboolean *created, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  *created = FALSE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_IO,
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0)
    {
      *created = TRUE;
      close (fd);
      return TRUE;
    }
  if (errno == EEXIST)
    return TRUE;

  {
    int saved = errno;
    g_set_error (error, AFFARI_ERROR, saved == ENOSPC ? AFFARI_ERROR_FULL : AFFARI_ERROR_IO,
                 _("Could not create the database “%s”: %s"), path, g_strerror (saved));
  }
  return FALSE;
}

/* Reads what the file says it is, without writing to it. */
static gboolean
inspect (AffariStore *self, gboolean fresh, int *out_version, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;
  gint64 app_id = 0, version = 0, n_tables = 0;

  rc = sqlite3_prepare_v2 (self->db,
    "SELECT (SELECT application_id FROM pragma_application_id),"
    "       (SELECT user_version FROM pragma_user_version),"
    "       (SELECT count(*) FROM sqlite_master)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          app_id = sqlite3_column_int64 (stmt, 0);
          version = sqlite3_column_int64 (stmt, 1);
          n_tables = sqlite3_column_int64 (stmt, 2);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_NOTADB)
        g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_AFFARI,
                     _("“%s” is not an Affari database. The file was not modified."), self->path);
      else if ((rc & 0xff) == SQLITE_CORRUPT)
        g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CORRUPT,
                     _("The database “%s” is damaged. The file was not modified: restore a backup or open another database."),
                     self->path);
      else
        store_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }

  if (!fresh && n_tables > 0 && app_id != AFFARI_APPLICATION_ID)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_AFFARI,
                   _("“%s” is a database of another program, not of Affari. The file was not modified."), self->path);
      return FALSE;
    }
  if (version > (gint64) AFFARI_N_MIGRATIONS)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer version of Affari (format %d; this version reads up to %d). "
                     "The file was not modified: update Affari to open it."),
                   self->path, (int) version, (int) AFFARI_N_MIGRATIONS);
      return FALSE;
    }

  *out_version = (int) version;
  return TRUE;
}

char *
affari_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "affari", "affari.db", NULL);
}

AffariStore *
affari_store_open (const char *path, GError **error)
{
  g_autoptr(AffariStore) self = g_object_new (AFFARI_TYPE_STORE, NULL);
  gboolean memory = path == NULL || g_str_equal (path, ":memory:");
  gboolean created = FALSE;
  int version = 0;
  int rc;

  self->path = g_strdup (memory ? ":memory:" : path);

  if (!memory)
    {
      GStatBuf st;

      if (!make_private_file (path, &created, error))
        return NULL;
      if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_AFFARI,
                       _("“%s” is not an Affari database. The file was not modified."), path);
          return NULL;
        }
      if (!created && st.st_size == 0)
        created = TRUE;
    }

  store_configure_sqlite ();
  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | (memory ? SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY : 0) |
                        SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      store_set_sqlite_error (error, self->db, rc, self->path);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!inspect (self, created || memory, &version, error))
    return NULL;

  if (!memory && sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_READ_ONLY,
                   _("The database “%s” is read-only. Check the file's permissions."), path);
      return NULL;
    }

  if (g_strcmp0 (g_getenv ("AFFARI_PROFILE_SQL"), "1") == 0)
    {
      self->profile = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      sqlite3_trace_v2 (self->db, SQLITE_TRACE_PROFILE, profile_cb, self);
    }

  sqlite3_create_function (self->db, "affari_fold", 1,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                           NULL, sql_fold, NULL, NULL);
  sqlite3_create_function (self->db, "affari_id_set", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                           NULL, NULL, sql_id_set_step, sql_id_set_final);

  /* Lets the tests fill the "disk" after a few pages, as a full disk would. */
  if (g_getenv ("AFFARI_TEST_MAX_PAGE_COUNT") != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %d",
                                              atoi (g_getenv ("AFFARI_TEST_MAX_PAGE_COUNT")));
      store_exec_sql (self, sql, NULL);
    }

  if (!store_exec_sql (self, memory ? "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;"
                              : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
                              " PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY;",
                 error))
    return NULL;

  if (version < (int) AFFARI_N_MIGRATIONS && !migrate (self, version, error))
    return NULL;

  self->current_user = store_query_int (self, "SELECT CAST(value AS INTEGER) FROM setting WHERE key = 'current_user_id'", 0, 0);
  self->default_pipeline = store_query_int (self, "SELECT id FROM pipeline WHERE is_default = 1", 0, 0);
  self->has_search_index = store_query_int (self, "SELECT count(*) FROM sqlite_master WHERE name = 'deal_search_dirty'", 0, 0) > 0;

  return g_steal_pointer (&self);
}

const char *
affari_store_get_path (AffariStore *self)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);
  return self->path;
}

int
affari_store_get_schema_version (AffariStore *self)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  return (int) store_query_int (self, "SELECT user_version FROM pragma_user_version", 0, 0);
}

void
affari_store_close (AffariStore *self)
{
  g_return_if_fail (AFFARI_IS_STORE (self));

  if (self->db == NULL)
    return;
  if (self->profile != NULL)
    print_profile (self);
  while (self->tx_depth > 0)
    store_tx_rollback (self);
  g_hash_table_remove_all (self->statements);
  sqlite3_close (self->db);
  self->db = NULL;
}

/* ----------------------------------------------------------------- gobject */

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

static void id_set_free (gpointer set);

static void
affari_store_finalize (GObject *object)
{
  AffariStore *self = AFFARI_STORE (object);

  affari_store_close (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->profile, g_hash_table_unref);
  g_clear_pointer (&self->batch_stages, g_hash_table_unref);
  g_clear_pointer (&self->today, g_free);
  g_clear_pointer (&self->base_query, affari_deal_query_free);
  g_clear_pointer (&self->base_ids, g_array_unref);
  g_clear_pointer (&self->base_today, g_free);
  g_clear_pointer (&self->search_match, g_free);
  g_clear_pointer (&self->search_set, id_set_free);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (affari_store_parent_class)->finalize (object);
}

static void
affari_store_class_init (AffariStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = affari_store_finalize;

  signals[DEAL_CHANGED] =
    g_signal_new ("deal-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64);
  signals[STAGES_CHANGED] =
    g_signal_new ("stages-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[PIPELINES_CHANGED] =
    g_signal_new ("pipelines-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[RESET] =
    g_signal_new ("reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /* Detailed by what changed (see affari-store.h, settings). */
  signals[SETTINGS_CHANGED] =
    g_signal_new ("settings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

void
store_queue_settings (AffariStore *self, const char *what, gint64 pipeline_id)
{
  queue (self, PENDING_SETTINGS, pipeline_id, (gint64) g_quark_from_static_string (what), 0);
}

void
store_queue_stages (AffariStore *self, gint64 pipeline_id)
{
  store_forget_stages (self);
  queue (self, PENDING_STAGES, pipeline_id, 0, 0);
}

void
store_queue_pipelines (AffariStore *self)
{
  store_forget_stages (self);
  queue (self, PENDING_PIPELINES, 0, 0, 0);
}

static void
affari_store_init (AffariStore *self)
{
  self->statements = g_hash_table_new_full (sql_hash, g_str_equal, g_free, finalize_stmt);
  self->pending = g_array_new (FALSE, FALSE, sizeof (Pending));
}

/* ------------------------------------------------------- settings and team */

/* Every row of @stmt turned into an object by @from_row; NULL with @error on failure. */
typedef gpointer (*RowFunc) (sqlite3_stmt *stmt);

static GPtrArray *
collect_rows (AffariStore *self, sqlite3_stmt *stmt, RowFunc from_row, const char *what, GError **error)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (result);
      store_set_sqlite_error (error, self->db, rc, what);
      return NULL;
    }
  return result;
}


char *
affari_store_get_setting (AffariStore *self, const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, "SELECT value FROM setting WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  store_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = store_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gboolean
affari_store_set_setting (AffariStore *self, const char *key, const char *value, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_tx_begin (self, error))
    return FALSE;
  stmt = store_prepare (self, "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_text (stmt, 1, key);
      store_bind_text (stmt, 2, value);
      ok = store_step_done (self, stmt, error);
    }
  return store_tx_end (self, ok, error);
}

gint64
affari_store_get_current_user (AffariStore *self)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  return self->current_user;
}

gboolean
affari_store_set_current_user (AffariStore *self, gint64 member_id, GError **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (store_query_int (self, "SELECT count(*) FROM team_member WHERE id = ?", member_id, 0) == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("This person is not in the team any more"));
      return FALSE;
    }
  text = g_strdup_printf ("%" G_GINT64_FORMAT, member_id);
  if (!affari_store_set_setting (self, "current_user_id", text, error))
    return FALSE;
  self->current_user = member_id;
  return TRUE;
}

char *
affari_store_dup_base_currency (AffariStore *self)
{
  char *code = affari_store_get_setting (self, "base_currency");
  return code ? code : g_strdup ("EUR");
}

static AffariTeamMember *
member_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (AFFARI_TYPE_TEAM_MEMBER,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "name", (const char *) sqlite3_column_text (stmt, 1),
                       "email", (const char *) sqlite3_column_text (stmt, 2),
                       "active", sqlite3_column_int (stmt, 3) != 0,
                       NULL);
}

GPtrArray *
affari_store_list_team (AffariStore *self, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, "SELECT id, name, email, active FROM team_member ORDER BY name COLLATE NOCASE, id", error);
  if (stmt == NULL)
    return NULL;
  return collect_rows (self, stmt, (RowFunc) member_from_row, "team", error);
}

AffariTeamMember *
affari_store_get_team_member (AffariStore *self, gint64 id, GError **error)
{
  sqlite3_stmt *stmt;
  AffariTeamMember *member = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, "SELECT id, name, email, active FROM team_member WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    member = member_from_row (stmt);
  else
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("This person is not in the team any more"));
  sqlite3_reset (stmt);
  return member;
}

/* Trims and checks a short piece of text a person typed (names, titles). */
gboolean
store_check_text (const char *text, guint max_chars, gboolean required, const char *what, GError **error)
{
  if (text == NULL || *text == '\0')
    {
      if (!required)
        return TRUE;
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("%s cannot be empty"), what);
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("%s contains invalid characters"), what);
      return FALSE;
    }
  if (g_utf8_strlen (text, -1) > (glong) max_chars)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                   _("%s is too long (at most %u characters)"), what, max_chars);
      return FALSE;
    }
  if (required)
    {
      const char *p = text;
      while (*p && g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("%s cannot be empty"), what);
          return FALSE;
        }
    }
  return TRUE;
}

gint64
affari_store_add_team_member (AffariStore *self, const char *name, const char *email, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;
  gint64 id = 0;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  if (!store_check_text (name, MAX_TITLE_CHARS, TRUE, _("The name"), error) ||
      !store_check_text (email, MAX_TITLE_CHARS, FALSE, _("The e-mail"), error))
    return 0;
  if (!store_tx_begin (self, error))
    return 0;
  stmt = store_prepare (self, "INSERT INTO team_member (name, email) VALUES (trim(?), ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_text (stmt, 1, name);
      store_bind_text (stmt, 2, email);
      ok = store_step_done (self, stmt, error);
      id = sqlite3_last_insert_rowid (self->db);
    }
  if (ok)
    store_queue_settings (self, "team", 0);
  return store_tx_end (self, ok, error) ? id : 0;
}

/* ---------------------------------------------------- pipelines and stages */

static AffariPipeline *
pipeline_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (AFFARI_TYPE_PIPELINE,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "name", (const char *) sqlite3_column_text (stmt, 1),
                       "sort", sqlite3_column_int (stmt, 2),
                       "is-default", sqlite3_column_int (stmt, 3) != 0,
                       "currency", (const char *) sqlite3_column_text (stmt, 4),
                       NULL);
}

#define PIPELINE_COLUMNS "SELECT id, name, sort, is_default, currency FROM pipeline"

GPtrArray *
affari_store_list_pipelines (AffariStore *self, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, PIPELINE_COLUMNS " ORDER BY is_default DESC, sort, id", error);
  if (stmt == NULL)
    return NULL;
  return collect_rows (self, stmt, (RowFunc) pipeline_from_row, "pipelines", error);
}

AffariPipeline *
affari_store_get_pipeline (AffariStore *self, gint64 id, GError **error)
{
  sqlite3_stmt *stmt;
  AffariPipeline *pipeline = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, PIPELINE_COLUMNS " WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    pipeline = pipeline_from_row (stmt);
  else
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The pipeline does not exist any more"));
  sqlite3_reset (stmt);
  return pipeline;
}

gint64
affari_store_get_default_pipeline_id (AffariStore *self)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  return self->default_pipeline;
}

gint64
affari_store_create_pipeline (AffariStore *self, const char *name, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *prefix = NULL;
  gboolean ok;
  gint64 id = 0;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  if (!store_check_text (name, MAX_TITLE_CHARS, TRUE, _("The pipeline name"), error))
    return 0;
  if (!store_tx_begin (self, error))
    return 0;
  stmt = store_prepare (self,
    "INSERT INTO pipeline (name, sort, currency)"
    " VALUES (trim(?), (SELECT coalesce(max(sort), 500) + 10 FROM pipeline),"
    "         (SELECT value FROM setting WHERE key = 'base_currency'))", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_text (stmt, 1, name);
      ok = store_step_done (self, stmt, error);
      id = sqlite3_last_insert_rowid (self->db);
    }
  if (ok)
    {
      prefix = g_strdup_printf ("C%" G_GINT64_FORMAT ":", id);
      ok = insert_stages (self, id, prefix, error);
    }
  if (ok)
    queue (self, PENDING_PIPELINES, 0, 0, 0);
  return store_tx_end (self, ok, error) ? id : 0;
}

static AffariStage *
stage_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (AFFARI_TYPE_STAGE,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "pipeline-id", sqlite3_column_int64 (stmt, 1),
                       "code", (const char *) sqlite3_column_text (stmt, 2),
                       "name", (const char *) sqlite3_column_text (stmt, 3),
                       "color", (const char *) sqlite3_column_text (stmt, 4),
                       "sort", sqlite3_column_int (stmt, 5),
                       "semantics", (int) affari_semantics_from_code ((const char *) sqlite3_column_text (stmt, 6)),
                       "extra-semantics", (const char *) sqlite3_column_text (stmt, 7),
                       "is-system", sqlite3_column_int (stmt, 8) != 0,
                       NULL);
}

#define STAGE_COLUMNS "SELECT id, pipeline_id, code, name, color, sort, semantics, extra_semantics, is_system FROM stage"

GPtrArray *
affari_store_list_stages (AffariStore *self, gint64 pipeline_id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, STAGE_COLUMNS " WHERE pipeline_id = ? ORDER BY sort, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pipeline_id);
  return collect_rows (self, stmt, (RowFunc) stage_from_row, "stages", error);
}

AffariStage *
affari_store_get_stage (AffariStore *self, gint64 stage_id, GError **error)
{
  sqlite3_stmt *stmt;
  AffariStage *stage = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, STAGE_COLUMNS " WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, stage_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    stage = stage_from_row (stmt);
  else
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The stage does not exist any more"));
  sqlite3_reset (stmt);
  return stage;
}

gint64
affari_store_find_stage (AffariStore *self, gint64 pipeline_id, AffariSemantics semantics)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  stmt = store_prepare (self, "SELECT id FROM stage WHERE pipeline_id = ? AND semantics = ? ORDER BY sort, id LIMIT 1", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, pipeline_id);
  store_bind_text (stmt, 2, affari_semantics_to_code (semantics));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

gint64
affari_store_find_stage_by_code (AffariStore *self, gint64 pipeline_id, const char *code)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  stmt = store_prepare (self, "SELECT id FROM stage WHERE pipeline_id = ? AND code = ?", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, pipeline_id);
  store_bind_text (stmt, 2, code);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static GPtrArray *
list_pairs (AffariStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self, sql, error);
  GPtrArray *result;
  int rc;

  if (stmt == NULL)
    return NULL;
  result = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (result, store_column_dup (stmt, 0));
      g_ptr_array_add (result, store_column_dup (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (result);
      store_set_sqlite_error (error, self->db, rc, "list");
      return NULL;
    }
  return result;
}

GPtrArray *
affari_store_list_deal_types (AffariStore *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);
  return list_pairs (self, "SELECT code, name FROM deal_type ORDER BY sort, code", error);
}

GPtrArray *
affari_store_list_sources (AffariStore *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);
  return list_pairs (self, "SELECT code, name FROM deal_source ORDER BY sort, code", error);
}

/* ------------------------------------------------------------------ history */

const char *
store_member_name_or_empty (AffariStore *self, gint64 id, char **storage)
{
  *storage = id > 0 ? store_query_text (self, "SELECT name FROM team_member WHERE id = ?", id) : NULL;
  return *storage ? *storage : "";
}

gboolean
store_add_event (AffariStore *self, gint64 deal_id, AffariEventType kind, const char *field,
           const char *old_value, const char *new_value, const char *text, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self,
    "INSERT INTO event (deal_id, time, author_id, kind, field, old_value, new_value, text)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  sqlite3_bind_int64 (stmt, 2, affari_store_now (self));
  store_bind_id (stmt, 3, self->current_user);
  store_bind_text (stmt, 4, affari_event_type_to_string (kind));
  store_bind_text (stmt, 5, field);
  store_bind_text (stmt, 6, old_value);
  store_bind_text (stmt, 7, new_value);
  store_bind_text (stmt, 8, text);
  return store_step_done (self, stmt, error);
}

gboolean
add_stage_history (AffariStore *self, gint64 deal_id, int type_id, gint64 pipeline_id,
                   AffariSemantics semantics, gint64 stage_id, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self,
    "INSERT INTO deal_stage_history (type_id, deal_id, created_time, pipeline_id, semantics, stage_id)"
    " VALUES (?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, type_id);
  sqlite3_bind_int64 (stmt, 2, deal_id);
  sqlite3_bind_int64 (stmt, 3, affari_store_now (self));
  sqlite3_bind_int64 (stmt, 4, pipeline_id);
  store_bind_text (stmt, 5, affari_semantics_to_code (semantics));
  sqlite3_bind_int64 (stmt, 6, stage_id);
  return store_step_done (self, stmt, error);
}

static AffariEvent *
event_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (AFFARI_TYPE_EVENT,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "deal-id", sqlite3_column_int64 (stmt, 1),
                       "time", sqlite3_column_int64 (stmt, 2),
                       "author-id", sqlite3_column_int64 (stmt, 3),
                       "author-name", (const char *) sqlite3_column_text (stmt, 4),
                       "kind", (int) affari_event_type_from_string ((const char *) sqlite3_column_text (stmt, 5)),
                       "field", (const char *) sqlite3_column_text (stmt, 6),
                       "old-value", (const char *) sqlite3_column_text (stmt, 7),
                       "new-value", (const char *) sqlite3_column_text (stmt, 8),
                       "text", (const char *) sqlite3_column_text (stmt, 9),
                       NULL);
}

GPtrArray *
affari_store_list_events (AffariStore *self, gint64 deal_id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self,
    "SELECT e.id, e.deal_id, e.time, e.author_id, m.name, e.kind, e.field, e.old_value, e.new_value, e.text"
    " FROM event e LEFT JOIN team_member m ON m.id = e.author_id"
    " WHERE e.deal_id = ? ORDER BY e.time DESC, e.id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  return collect_rows (self, stmt, (RowFunc) event_from_row, "events", error);
}

void
store_queue_deal (AffariStore *self, gint64 deal_id, gint64 old_stage, gint64 new_stage)
{
  queue (self, PENDING_DEAL, deal_id, old_stage, new_stage);
}

gint64
store_deal_stage (AffariStore *self, gint64 deal_id)
{
  return store_query_int (self, "SELECT stage_id FROM deal WHERE id = ? AND deleted_at IS NULL", deal_id, 0);
}

gboolean
affari_store_add_comment (AffariStore *self, gint64 deal_id, const char *text, GError **error)
{
  gint64 stage;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_check_text (text, MAX_TEXT_CHARS, TRUE, _("The comment"), error))
    return FALSE;
  stage = store_deal_stage (self, deal_id);
  if (stage == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal does not exist any more"));
      return FALSE;
    }
  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_add_event (self, deal_id, AFFARI_EVENT_COMMENT, NULL, NULL, NULL, text, error);
  if (ok)
    store_queue_deal (self, deal_id, stage, stage);
  return store_tx_end (self, ok, error);
}

/* ----------------------------------------------------------------- clients */

#define COMPANY_COLUMNS "SELECT id, name, city, address, phone, email, vat_id, industry FROM company"

static AffariCompany *
company_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (AFFARI_TYPE_COMPANY,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "name", (const char *) sqlite3_column_text (stmt, 1),
                       "city", (const char *) sqlite3_column_text (stmt, 2),
                       "address", (const char *) sqlite3_column_text (stmt, 3),
                       "phone", (const char *) sqlite3_column_text (stmt, 4),
                       "email", (const char *) sqlite3_column_text (stmt, 5),
                       "vat-id", (const char *) sqlite3_column_text (stmt, 6),
                       "industry", (const char *) sqlite3_column_text (stmt, 7),
                       NULL);
}

gint64
affari_store_create_company (AffariStore *self, AffariCompany *company, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;
  gint64 id = 0;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  g_return_val_if_fail (AFFARI_IS_COMPANY (company), 0);

  if (!store_check_text (affari_company_get_name (company), MAX_TITLE_CHARS, TRUE, _("The company name"), error) ||
      !store_check_text (affari_company_get_city (company), MAX_TITLE_CHARS, FALSE, _("The city"), error) ||
      !store_check_text (affari_company_get_address (company), MAX_TITLE_CHARS, FALSE, _("The address"), error) ||
      !store_check_text (affari_company_get_phone (company), MAX_TITLE_CHARS, FALSE, _("The phone number"), error) ||
      !store_check_text (affari_company_get_email (company), MAX_TITLE_CHARS, FALSE, _("The e-mail"), error))
    return 0;
  if (!store_tx_begin (self, error))
    return 0;
  stmt = store_prepare (self,
    "INSERT INTO company (name, city, address, phone, email, vat_id, industry, created)"
    " VALUES (trim(?), ?, ?, ?, ?, ?, ?, ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_text (stmt, 1, affari_company_get_name (company));
      store_bind_text (stmt, 2, affari_company_get_city (company));
      store_bind_text (stmt, 3, affari_company_get_address (company));
      store_bind_text (stmt, 4, affari_company_get_phone (company));
      store_bind_text (stmt, 5, affari_company_get_email (company));
      store_bind_text (stmt, 6, affari_company_get_vat_id (company));
      store_bind_text (stmt, 7, affari_company_get_industry (company));
      sqlite3_bind_int64 (stmt, 8, affari_store_now (self));
      ok = store_step_done (self, stmt, error);
      id = sqlite3_last_insert_rowid (self->db);
    }
  if (!store_tx_end (self, ok, error))
    return 0;
  g_object_set (company, "id", id, NULL);
  return id;
}

AffariCompany *
affari_store_get_company (AffariStore *self, gint64 id, GError **error)
{
  sqlite3_stmt *stmt;
  AffariCompany *company = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, COMPANY_COLUMNS " WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    company = company_from_row (stmt);
  else
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The company does not exist any more"));
  sqlite3_reset (stmt);
  return company;
}

/* A LIKE pattern matching @text anywhere, with LIKE's wildcards escaped. */
char *
store_like_pattern (const char *text)
{
  g_autofree char *folded = store_fold_text (text);
  GString *out = g_string_new ("%");

  for (const char *p = folded; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '%');
  return g_string_free (out, FALSE);
}

GPtrArray *
affari_store_search_companies (AffariStore *self, const char *text, guint limit, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *pattern = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, COMPANY_COLUMNS " WHERE affari_fold(name) LIKE ? ESCAPE '\\'"
                        " ORDER BY name COLLATE NOCASE, id LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  pattern = store_like_pattern (text ? text : "");
  store_bind_text (stmt, 1, pattern);
  sqlite3_bind_int (stmt, 2, limit ? (int) limit : -1);
  return collect_rows (self, stmt, (RowFunc) company_from_row, "companies", error);
}

#define CONTACT_COLUMNS "SELECT c.id, c.company_id, c.first_name, c.last_name, c.position, c.phone, c.email, c.birthday FROM contact c"

static AffariContact *
contact_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (AFFARI_TYPE_CONTACT,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "company-id", sqlite3_column_int64 (stmt, 1),
                       "first-name", (const char *) sqlite3_column_text (stmt, 2),
                       "last-name", (const char *) sqlite3_column_text (stmt, 3),
                       "position", (const char *) sqlite3_column_text (stmt, 4),
                       "phone", (const char *) sqlite3_column_text (stmt, 5),
                       "email", (const char *) sqlite3_column_text (stmt, 6),
                       "birthday", (const char *) sqlite3_column_text (stmt, 7),
                       NULL);
}

gint64
affari_store_create_contact (AffariStore *self, AffariContact *contact, GError **error)
{
  sqlite3_stmt *stmt;
  const char *first, *last, *birthday;
  g_autofree char *full = NULL;
  gboolean ok;
  gint64 id = 0;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  g_return_val_if_fail (AFFARI_IS_CONTACT (contact), 0);

  first = affari_contact_get_first_name (contact);
  last = affari_contact_get_last_name (contact);
  birthday = affari_contact_get_birthday (contact);
  full = affari_contact_dup_full_name (contact);
  if (!store_check_text (full, MAX_TITLE_CHARS, TRUE, _("The contact name"), error) ||
      !store_check_text (affari_contact_get_phone (contact), MAX_TITLE_CHARS, FALSE, _("The phone number"), error) ||
      !store_check_text (affari_contact_get_email (contact), MAX_TITLE_CHARS, FALSE, _("The e-mail"), error))
    return 0;
  if (birthday != NULL && !affari_date_is_valid (birthday))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a valid date"), birthday);
      return 0;
    }
  if (!store_tx_begin (self, error))
    return 0;
  stmt = store_prepare (self,
    "INSERT INTO contact (company_id, first_name, last_name, position, phone, email, birthday, created)"
    " VALUES (?, trim(?), trim(?), ?, ?, ?, ?, ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_id (stmt, 1, affari_contact_get_company_id (contact));
      store_bind_text (stmt, 2, first ? first : "");
      store_bind_text (stmt, 3, last ? last : "");
      store_bind_text (stmt, 4, affari_contact_get_position (contact));
      store_bind_text (stmt, 5, affari_contact_get_phone (contact));
      store_bind_text (stmt, 6, affari_contact_get_email (contact));
      store_bind_text (stmt, 7, birthday);
      sqlite3_bind_int64 (stmt, 8, affari_store_now (self));
      ok = store_step_done (self, stmt, error);
      id = sqlite3_last_insert_rowid (self->db);
    }
  if (!store_tx_end (self, ok, error))
    return 0;
  g_object_set (contact, "id", id, NULL);
  return id;
}

AffariContact *
affari_store_get_contact (AffariStore *self, gint64 id, GError **error)
{
  sqlite3_stmt *stmt;
  AffariContact *contact = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, CONTACT_COLUMNS " WHERE c.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    contact = contact_from_row (stmt);
  else
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The contact does not exist any more"));
  sqlite3_reset (stmt);
  return contact;
}

static GPtrArray *
collect_contacts (AffariStore *self, sqlite3_stmt *stmt, GError **error)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, contact_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (result);
      store_set_sqlite_error (error, self->db, rc, "contacts");
      return NULL;
    }
  return result;
}

GPtrArray *
affari_store_search_contacts (AffariStore *self, const char *text, guint limit, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *pattern = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, CONTACT_COLUMNS
    " WHERE affari_fold(c.first_name || ' ' || c.last_name) LIKE ?1 ESCAPE '\\'"
    "    OR affari_fold(c.last_name || ' ' || c.first_name) LIKE ?1 ESCAPE '\\'"
    "    OR affari_fold(coalesce(c.email, '')) LIKE ?1 ESCAPE '\\'"
    "    OR coalesce(c.phone, '') LIKE ?1 ESCAPE '\\'"
    " ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  pattern = store_like_pattern (text ? text : "");
  store_bind_text (stmt, 1, pattern);
  sqlite3_bind_int (stmt, 2, limit ? (int) limit : -1);
  return collect_contacts (self, stmt, error);
}

GPtrArray *
affari_store_list_deal_contacts (AffariStore *self, gint64 deal_id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, CONTACT_COLUMNS " JOIN deal_contact dc ON dc.contact_id = c.id"
                        " WHERE dc.deal_id = ? ORDER BY dc.is_primary DESC, dc.sort, c.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  return collect_contacts (self, stmt, error);
}

/* Bitrix24's repeat rule: a won deal with the client makes a repeat deal; any earlier deal
 * with the client makes a repeated inquiry. Only ever sets flags, never clears them.
 * @by_contacts: look at the deal's contacts (linked after creation) instead of its company. */
static gboolean
mark_repeat (AffariStore *self, gint64 deal_id, gboolean by_contacts, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean won = FALSE, earlier = FALSE;

  /* the company was looked at when the deal was created */
  if (by_contacts)
    goto contacts;

  stmt = store_prepare (self,
    "SELECT max(d.semantics = 'S'), count(*) FROM deal me JOIN deal d ON d.company_id = me.company_id"
    " WHERE me.id = ?1 AND me.closed = 0 AND d.id <> me.id AND d.date_create <= me.date_create"
    "   AND d.deleted_at IS NULL AND d.is_recurring = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      won = sqlite3_column_int (stmt, 0) != 0;
      earlier = sqlite3_column_int64 (stmt, 1) > 0;
    }
  sqlite3_reset (stmt);

contacts:
  if (by_contacts)
    {
      stmt = store_prepare (self,
        "SELECT EXISTS (SELECT 1 FROM deal_contact dc1"
        "  JOIN deal_contact dc2 ON dc2.contact_id = dc1.contact_id AND dc2.deal_id <> dc1.deal_id"
        "  JOIN deal d ON d.id = dc2.deal_id AND d.deleted_at IS NULL AND d.is_recurring = 0"
        "  WHERE dc1.deal_id = ?1 AND d.semantics = 'S'),"
        " EXISTS (SELECT 1 FROM deal_contact dc1"
        "  JOIN deal_contact dc2 ON dc2.contact_id = dc1.contact_id AND dc2.deal_id <> dc1.deal_id"
        "  JOIN deal d ON d.id = dc2.deal_id AND d.deleted_at IS NULL AND d.is_recurring = 0"
        "  WHERE dc1.deal_id = ?1)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, deal_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          won |= sqlite3_column_int (stmt, 0) != 0;
          earlier |= sqlite3_column_int64 (stmt, 1) > 0;
        }
      sqlite3_reset (stmt);
    }

  if (!won && !earlier)
    return TRUE;
  stmt = store_prepare (self,
    "UPDATE deal SET is_return_customer = is_return_customer OR ?2,"
    " is_repeated_approach = is_repeated_approach OR ?3 WHERE id = ?1 AND closed = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  sqlite3_bind_int (stmt, 2, won);
  sqlite3_bind_int (stmt, 3, !won && earlier);
  return store_step_done (self, stmt, error);
}

gboolean
affari_store_set_deal_contacts (AffariStore *self, gint64 deal_id, const gint64 *contact_ids,
                                guint n_contacts, gint64 primary_id, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 stage = 0;
  gboolean ok, had_contacts = FALSE, just_created = FALSE, return_customer = FALSE;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  /* What the deal is now, in one read: its stage, whether it has contacts, whether it is only
   * just created (its one event is the creation) and whether it is already a repeat deal. */
  stmt = store_prepare (self,
    "SELECT stage_id, EXISTS (SELECT 1 FROM deal_contact WHERE deal_id = ?1),"
    " (SELECT count(*) FROM (SELECT 1 FROM event WHERE deal_id = ?1 LIMIT 2)) <= 1, is_return_customer"
    " FROM deal WHERE id = ?1 AND deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      stage = sqlite3_column_int64 (stmt, 0);
      had_contacts = sqlite3_column_int (stmt, 1) != 0;
      just_created = sqlite3_column_int (stmt, 2) != 0;
      return_customer = sqlite3_column_int (stmt, 3) != 0;
    }
  sqlite3_reset (stmt);
  if (stage == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal does not exist any more"));
      return FALSE;
    }
  if (primary_id == 0 && n_contacts > 0)
    primary_id = contact_ids[0];

  if (!store_tx_begin (self, error))
    return FALSE;
  ok = TRUE;
  if (had_contacts)
    {
      stmt = store_prepare (self, "DELETE FROM deal_contact WHERE deal_id = ?", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, deal_id);
          ok = store_step_done (self, stmt, error);
        }
    }
  if (ok)
    stmt = store_prepare (self, "INSERT OR IGNORE INTO deal_contact (deal_id, contact_id, sort, is_primary) VALUES (?, ?, ?, ?)", error);
  ok = ok && stmt != NULL;
  for (guint i = 0; ok && i < n_contacts; i++)
    {
      sqlite3_bind_int64 (stmt, 1, deal_id);
      sqlite3_bind_int64 (stmt, 2, contact_ids[i]);
      sqlite3_bind_int (stmt, 3, (i + 1) * 100);
      sqlite3_bind_int (stmt, 4, contact_ids[i] == primary_id);
      ok = store_step_done (self, stmt, error);
      if (!ok && error && *error && (*error)->code == AFFARI_ERROR_CONSTRAINT)
        {
          g_clear_error (error);
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The contact does not exist any more"));
        }
    }
  /* a repeat deal stays one: only a deal that is not yet one needs its contacts looked at */
  if (!return_customer && n_contacts > 0)
    ok = ok && mark_repeat (self, deal_id, TRUE, error);
  /* Contacts given right after creation are part of the creation, not a change of it. */
  if (ok && (had_contacts || !just_created))
    ok = store_add_event (self, deal_id, AFFARI_EVENT_FIELD, "CONTACT_IDS", NULL, NULL,
                          n_contacts == 0 ? _("Contacts removed") : _("Contacts changed"), error);
  if (ok)
    store_queue_deal (self, deal_id, stage, stage);
  return store_tx_end (self, ok, error);
}

/* ----------------------------------------------------------------- products */

#define PRODUCT_COLUMNS "SELECT id, name, unit, price, currency, vat_rate, vat_included FROM product"

gint64
affari_store_create_product (AffariStore *self, AffariProduct *product, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;
  gint64 id = 0;
  const char *currency;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  currency = affari_product_get_currency (product);
  if (!store_check_text (affari_product_get_name (product), MAX_TITLE_CHARS, TRUE, _("The product name"), error))
    return 0;
  if (currency != NULL && !affari_currency_is_valid (currency))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a currency code"), currency);
      return 0;
    }
  if (!store_tx_begin (self, error))
    return 0;
  stmt = store_prepare (self, "INSERT INTO product (name, unit, price, currency, vat_rate, vat_included)"
                        " VALUES (trim(?), coalesce(?, 'pz'), ?, coalesce(?, 'EUR'), ?, ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_text (stmt, 1, affari_product_get_name (product));
      store_bind_text (stmt, 2, affari_product_get_unit (product));
      sqlite3_bind_int64 (stmt, 3, affari_product_get_price (product));
      store_bind_text (stmt, 4, currency);
      sqlite3_bind_int (stmt, 5, affari_product_get_vat_rate (product));
      sqlite3_bind_int (stmt, 6, affari_product_get_vat_included (product));
      ok = store_step_done (self, stmt, error);
      id = sqlite3_last_insert_rowid (self->db);
    }
  if (ok)
    store_queue_settings (self, "products", 0);
  if (!store_tx_end (self, ok, error))
    return 0;
  g_object_set (product, "id", id, NULL);
  return id;
}

GPtrArray *
affari_store_list_products (AffariStore *self, GError **error)
{
  sqlite3_stmt *stmt;
  GPtrArray *result;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, PRODUCT_COLUMNS " WHERE active = 1 ORDER BY name COLLATE NOCASE, id", error);
  if (stmt == NULL)
    return NULL;
  result = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, g_object_new (AFFARI_TYPE_PRODUCT,
                                           "id", sqlite3_column_int64 (stmt, 0),
                                           "name", (const char *) sqlite3_column_text (stmt, 1),
                                           "unit", (const char *) sqlite3_column_text (stmt, 2),
                                           "price", sqlite3_column_int64 (stmt, 3),
                                           "currency", (const char *) sqlite3_column_text (stmt, 4),
                                           "vat-rate", sqlite3_column_int (stmt, 5),
                                           "vat-included", sqlite3_column_int (stmt, 6) != 0,
                                           NULL));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (result);
      store_set_sqlite_error (error, self->db, rc, "products");
      return NULL;
    }
  return result;
}

void
affari_product_row_clear (AffariProductRow *row)
{
  g_clear_pointer (&row->name, g_free);
  g_clear_pointer (&row->unit, g_free);
}

/* a × b / c rounded half away from zero, without overflow for money-sized values */
static gint64
mul_div_round (gint64 a, gint64 b, gint64 c)
{
  __int128 num = (__int128) a * b;
  __int128 q = num / c;
  __int128 r = num % c;

  if (r < 0)
    r = -r;
  if (2 * r >= (c < 0 ? -c : c))
    q += (num < 0) != (c < 0) ? -1 : 1;
  return (gint64) q;
}

void
affari_product_row_compute (AffariProductRow *row)
{
  gint64 tax_factor = 10000 + MAX (row->tax_rate_bp, 0);
  gint64 net_total;

  /* The discount is per unit (reference §5): DISCOUNT_SUM = NETTO × RATE / 100. */
  if (row->discount_type == 2)
    row->discount_sum = mul_div_round (row->price_netto, row->discount_rate_bp, 10000);
  else if (row->price_netto != 0)
    row->discount_rate_bp = (int) mul_div_round (row->discount_sum, 10000, row->price_netto);
  else
    row->discount_rate_bp = 0;

  row->price_exclusive = row->price_netto - row->discount_sum;
  row->price_brutto = mul_div_round (row->price_netto, tax_factor, 10000);
  row->price = mul_div_round (row->price_exclusive, tax_factor, 10000);
  row->row_total = mul_div_round (row->price, row->quantity_milli, 1000);
  net_total = mul_div_round (row->price_exclusive, row->quantity_milli, 1000);
  row->row_tax = row->tax_rate_bp > 0 ? row->row_total - net_total : 0;
}

static gboolean
recompute_amount (AffariStore *self, gint64 deal_id, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self,
    "UPDATE deal SET"
    "  amount = (SELECT coalesce(sum(row_total), 0) FROM deal_product WHERE deal_id = ?1),"
    "  tax_value = (SELECT coalesce(sum(row_tax), 0) FROM deal_product WHERE deal_id = ?1)"
    " WHERE id = ?1 AND is_manual_amount = 0"
    "   AND EXISTS (SELECT 1 FROM deal_product WHERE deal_id = ?1)"
    /* an unchanged amount is not rewritten (nor are the indexes over it) */
    "   AND (amount, tax_value) IS NOT ((SELECT coalesce(sum(row_total), 0) FROM deal_product WHERE deal_id = ?1),"
    "                                  (SELECT coalesce(sum(row_tax), 0) FROM deal_product WHERE deal_id = ?1))", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  return store_step_done (self, stmt, error);
}

gboolean
affari_store_set_product_rows (AffariStore *self, gint64 deal_id, const AffariProductRow *rows,
                               guint n_rows, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 stage, total = 0;
  g_autofree char *currency = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  stage = store_deal_stage (self, deal_id);
  if (stage == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal does not exist any more"));
      return FALSE;
    }
  for (guint i = 0; i < n_rows; i++)
    {
      if (!store_check_text (rows[i].name, MAX_TITLE_CHARS, TRUE, _("The product name"), error))
        return FALSE;
      if (rows[i].quantity_milli <= 0)
        return store_set_invalid (error, _("The quantity must be greater than zero"));
      if (rows[i].discount_type != 1 && rows[i].discount_type != 2)
        return store_set_invalid (error, _("Unknown kind of discount"));
      if (rows[i].tax_rate_bp > 10000 || rows[i].discount_rate_bp < 0 || rows[i].discount_rate_bp > 10000)
        return store_set_invalid (error, _("A percentage must be between 0 and 100"));
    }

  if (!store_tx_begin (self, error))
    return FALSE;
  stmt = store_prepare (self, "DELETE FROM deal_product WHERE deal_id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, deal_id);
      ok = store_step_done (self, stmt, error);
    }
  if (ok)
    stmt = store_prepare (self,
      "INSERT INTO deal_product (deal_id, product_id, name, quantity_milli, unit, price_netto, price_exclusive,"
      " price_brutto, price, discount_type, discount_rate_bp, discount_sum, tax_rate_bp, tax_included,"
      " row_total, row_tax, sort) VALUES (?, ?, trim(?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  ok = ok && stmt != NULL;
  for (guint i = 0; ok && i < n_rows; i++)
    {
      AffariProductRow row = rows[i];

      affari_product_row_compute (&row);
      total += row.row_total;
      sqlite3_bind_int64 (stmt, 1, deal_id);
      store_bind_id (stmt, 2, row.product_id);
      store_bind_text (stmt, 3, row.name);
      sqlite3_bind_int64 (stmt, 4, row.quantity_milli);
      store_bind_text (stmt, 5, row.unit);
      sqlite3_bind_int64 (stmt, 6, row.price_netto);
      sqlite3_bind_int64 (stmt, 7, row.price_exclusive);
      sqlite3_bind_int64 (stmt, 8, row.price_brutto);
      sqlite3_bind_int64 (stmt, 9, row.price);
      sqlite3_bind_int (stmt, 10, row.discount_type);
      sqlite3_bind_int (stmt, 11, row.discount_rate_bp);
      sqlite3_bind_int64 (stmt, 12, row.discount_sum);
      if (row.tax_rate_bp < 0)
        sqlite3_bind_null (stmt, 13);
      else
        sqlite3_bind_int (stmt, 13, row.tax_rate_bp);
      sqlite3_bind_int (stmt, 14, row.tax_included);
      sqlite3_bind_int64 (stmt, 15, row.row_total);
      sqlite3_bind_int64 (stmt, 16, row.row_tax);
      sqlite3_bind_int (stmt, 17, (int) i * 10);
      ok = store_step_done (self, stmt, error);
    }
  ok = ok && recompute_amount (self, deal_id, error);
  if (ok)
    {
      currency = store_query_text (self, "SELECT currency FROM deal WHERE id = ?", deal_id);
      total_text = affari_money_format (total, currency);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Products: %u row, total %s",
                                           "Products: %u rows, total %s", n_rows),
                              n_rows, total_text);
      ok = store_add_event (self, deal_id, AFFARI_EVENT_PRODUCT, "PRODUCT_ROWS", NULL, total_text, text, error);
    }
  if (ok)
    store_queue_deal (self, deal_id, stage, stage);
  return store_tx_end (self, ok, error);
}

GArray *
affari_store_list_product_rows (AffariStore *self, gint64 deal_id, GError **error)
{
  sqlite3_stmt *stmt;
  GArray *result;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self,
    "SELECT id, product_id, name, quantity_milli, unit, price_netto, price_exclusive, price_brutto, price,"
    " discount_type, discount_rate_bp, discount_sum, tax_rate_bp, tax_included, row_total, row_tax"
    " FROM deal_product WHERE deal_id = ? ORDER BY sort, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  result = g_array_new (FALSE, TRUE, sizeof (AffariProductRow));
  g_array_set_clear_func (result, (GDestroyNotify) affari_product_row_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AffariProductRow row = {
        .id = sqlite3_column_int64 (stmt, 0),
        .product_id = sqlite3_column_int64 (stmt, 1),
        .name = store_column_dup (stmt, 2),
        .quantity_milli = sqlite3_column_int64 (stmt, 3),
        .unit = store_column_dup (stmt, 4),
        .price_netto = sqlite3_column_int64 (stmt, 5),
        .price_exclusive = sqlite3_column_int64 (stmt, 6),
        .price_brutto = sqlite3_column_int64 (stmt, 7),
        .price = sqlite3_column_int64 (stmt, 8),
        .discount_type = sqlite3_column_int (stmt, 9),
        .discount_rate_bp = sqlite3_column_int (stmt, 10),
        .discount_sum = sqlite3_column_int64 (stmt, 11),
        .tax_rate_bp = sqlite3_column_type (stmt, 12) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 12),
        .tax_included = sqlite3_column_int (stmt, 13) != 0,
        .row_total = sqlite3_column_int64 (stmt, 14),
        .row_tax = sqlite3_column_int64 (stmt, 15),
      };
      g_array_append_val (result, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_array_unref (result);
      store_set_sqlite_error (error, self->db, rc, "product rows");
      return NULL;
    }
  return result;
}

/* -------------------------------------------------------------------- deals */

#define DEAL_COLUMNS \
  "d.id, d.title, d.type_id, d.pipeline_id, d.stage_id, d.semantics, d.closed, d.opened, d.probability," \
  " d.currency, d.amount, d.is_manual_amount, d.tax_value, d.company_id, co.name," \
  " (SELECT trim(ct.first_name || ' ' || ct.last_name) FROM deal_contact dc JOIN contact ct ON ct.id = dc.contact_id" \
  "   WHERE dc.deal_id = d.id ORDER BY dc.is_primary DESC, dc.sort LIMIT 1)," \
  " d.lead_id, d.quote_id, d.begin_date, d.close_date, d.comments, d.assigned_by_id, tm.name," \
  " d.created_by_id, d.modify_by_id, d.moved_by_id, d.date_create, d.date_modify, d.moved_time," \
  " d.is_recurring, d.is_return_customer, d.is_repeated_approach, d.source_id, d.source_description," \
  " d.additional_info, d.originator_id, d.origin_id, d.position," \
  " (SELECT min(a.deadline) FROM activity a WHERE a.deal_id = d.id AND a.completed = 0)," \
  " d.deleted_at"
#define DEAL_FROM \
  " FROM deal d LEFT JOIN company co ON co.id = d.company_id LEFT JOIN team_member tm ON tm.id = d.assigned_by_id"

static void
fill_deal (AffariDeal *deal, sqlite3_stmt *stmt)
{
  int c = 0;

#define TEXT() store_column_dup (stmt, c++)
#define INT64() sqlite3_column_int64 (stmt, c++)
#define BOOL() (sqlite3_column_int (stmt, c++) != 0)
  deal->id = INT64 ();
  deal->title = TEXT ();
  deal->type_id = TEXT ();
  deal->pipeline_id = INT64 ();
  deal->stage_id = INT64 ();
  deal->semantics = affari_semantics_from_code ((const char *) sqlite3_column_text (stmt, c++));
  deal->closed = BOOL ();
  deal->opened = BOOL ();
  deal->probability = sqlite3_column_type (stmt, c) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, c);
  c++;
  deal->currency = TEXT ();
  deal->amount = INT64 ();
  deal->is_manual_amount = BOOL ();
  deal->tax_value = INT64 ();
  deal->company_id = INT64 ();
  deal->company_name = TEXT ();
  deal->contact_name = TEXT ();
  deal->lead_id = INT64 ();
  deal->quote_id = INT64 ();
  deal->begin_date = TEXT ();
  deal->close_date = TEXT ();
  deal->comments = TEXT ();
  deal->assigned_by_id = INT64 ();
  deal->assigned_name = TEXT ();
  deal->created_by_id = INT64 ();
  deal->modify_by_id = INT64 ();
  deal->moved_by_id = INT64 ();
  deal->date_create = INT64 ();
  deal->date_modify = INT64 ();
  deal->moved_time = INT64 ();
  deal->is_recurring = BOOL ();
  deal->is_return_customer = BOOL ();
  deal->is_repeated_approach = BOOL ();
  deal->source_id = TEXT ();
  deal->source_description = TEXT ();
  deal->additional_info = TEXT ();
  deal->originator_id = TEXT ();
  deal->origin_id = TEXT ();
  deal->position = sqlite3_column_double (stmt, c++);
  deal->next_activity = INT64 ();
  deal->deleted_at = INT64 ();
#undef TEXT
#undef INT64
#undef BOOL
}

static AffariDeal *
deal_from_row (sqlite3_stmt *stmt)
{
  AffariDeal *deal = affari_deal_new ();
  fill_deal (deal, stmt);
  return deal;
}

AffariDeal *
affari_store_get_deal (AffariStore *self, gint64 id, GError **error)
{
  sqlite3_stmt *stmt;
  AffariDeal *deal = NULL;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, "SELECT " DEAL_COLUMNS DEAL_FROM " WHERE d.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    deal = deal_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal does not exist any more"));
  else
    store_set_sqlite_error (error, self->db, rc, "deal");
  sqlite3_reset (stmt);
  return deal;
}

GPtrArray *
affari_store_load_deals (AffariStore *self, const gint64 *ids, guint n_ids, GError **error)
{
  g_autoptr(GHashTable) by_id = NULL;
  GPtrArray *result;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  result = g_ptr_array_new_full (n_ids, g_object_unref);
  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);

  for (guint start = 0; start < n_ids; start += LOAD_CHUNK)
    {
      guint n = MIN (LOAD_CHUNK, n_ids - start);
      g_autoptr(GString) sql = g_string_new ("SELECT " DEAL_COLUMNS DEAL_FROM " WHERE d.id IN (?");
      sqlite3_stmt *stmt;
      int rc;

      for (guint i = 1; i < n; i++)
        g_string_append (sql, ",?");
      g_string_append_c (sql, ')');
      stmt = store_prepare (self, sql->str, error);
      if (stmt == NULL)
        {
          g_ptr_array_unref (result);
          return NULL;
        }
      for (guint i = 0; i < n; i++)
        sqlite3_bind_int64 (stmt, (int) i + 1, ids[start + i]);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          AffariDeal *deal = deal_from_row (stmt);
          g_hash_table_insert (by_id, &deal->id, deal);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          store_set_sqlite_error (error, self->db, rc, "deals");
          g_ptr_array_unref (result);
          return NULL;
        }
    }

  for (guint i = 0; i < n_ids; i++)
    {
      AffariDeal *deal = g_hash_table_lookup (by_id, &ids[i]);
      if (deal != NULL)
        g_ptr_array_add (result, g_object_ref (deal));
    }
  return result;
}

static gboolean
validate_deal (AffariStore *self, AffariDeal *deal, GError **error)
{
  if (!store_check_text (deal->title, MAX_TITLE_CHARS, FALSE, _("The title"), error) ||
      !store_check_text (deal->comments, MAX_TEXT_CHARS, FALSE, _("The comment"), error) ||
      !store_check_text (deal->source_description, MAX_TEXT_CHARS, FALSE, _("The source description"), error) ||
      !store_check_text (deal->additional_info, MAX_TEXT_CHARS, FALSE, _("The additional information"), error) ||
      !store_check_text (deal->type_id, 50, FALSE, _("The type"), error) ||
      !store_check_text (deal->source_id, 50, FALSE, _("The source"), error))
    return FALSE;
  if (deal->currency != NULL && !affari_currency_is_valid (deal->currency))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a currency code"), deal->currency);
      return FALSE;
    }
  if (deal->probability < -1 || deal->probability > 100)
    return store_set_invalid (error, _("The probability must be between 0 and 100 %"));
  if (deal->amount > G_GINT64_CONSTANT (100000000000000000) || deal->amount < -G_GINT64_CONSTANT (100000000000000000))
    return store_set_invalid (error, _("The amount is too large"));
  if (deal->begin_date != NULL && !affari_date_is_valid (deal->begin_date))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a valid date"), deal->begin_date);
      return FALSE;
    }
  if (deal->close_date != NULL && !affari_date_is_valid (deal->close_date))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a valid date"), deal->close_date);
      return FALSE;
    }
  if (deal->company_id > 0 &&
      store_query_int (self, "SELECT count(*) FROM company WHERE id = ?", deal->company_id, 0) == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The company does not exist any more"));
      return FALSE;
    }
  if (deal->assigned_by_id > 0 &&
      store_query_int (self, "SELECT count(*) FROM team_member WHERE id = ?", deal->assigned_by_id, 0) == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("This person is not in the team any more"));
      return FALSE;
    }
  return TRUE;
}

/* Position @index among the live deals of @stage_id, not counting @exclude. */
static double
position_at (AffariStore *self, gint64 stage_id, int index, gint64 exclude, GError **error)
{
  sqlite3_stmt *stmt;
  double before = 0, after = 0;
  gboolean has_before = FALSE, has_after = FALSE;

  if (index <= 0)
    {
      stmt = store_prepare (self, "SELECT min(position) FROM deal d WHERE d.stage_id = ? AND d.id <> ? AND " LIVE_DEAL, error);
      if (stmt == NULL)
        return NAN;
      sqlite3_bind_int64 (stmt, 1, stage_id);
      sqlite3_bind_int64 (stmt, 2, exclude);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        {
          double first = sqlite3_column_double (stmt, 0);
          sqlite3_reset (stmt);
          return first - POSITION_STEP;
        }
      sqlite3_reset (stmt);
      return index < 0 ? 0 : 0;
    }

  stmt = store_prepare (self, "SELECT position FROM deal d WHERE d.stage_id = ? AND d.id <> ? AND " LIVE_DEAL
                        " ORDER BY d.position, d.id LIMIT 2 OFFSET ?", error);
  if (stmt == NULL)
    return NAN;
  sqlite3_bind_int64 (stmt, 1, stage_id);
  sqlite3_bind_int64 (stmt, 2, exclude);
  sqlite3_bind_int (stmt, 3, index - 1);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      before = sqlite3_column_double (stmt, 0);
      has_before = TRUE;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          after = sqlite3_column_double (stmt, 0);
          has_after = TRUE;
        }
    }
  sqlite3_reset (stmt);

  if (!has_before)
    return NAN; /* past the end: caller appends */
  if (!has_after)
    return before + POSITION_STEP;
  if (after - before > 1e-6)
    return before + (after - before) / 2;

  /* The gap is exhausted: spread the stage out again, then retry once. */
  stmt = store_prepare (self,
    "UPDATE deal SET position = (SELECT r.n * 1024.0 FROM"
    "  (SELECT id, row_number () OVER (ORDER BY position, id) AS n FROM deal d"
    "    WHERE d.stage_id = ?1 AND " LIVE_DEAL ") r WHERE r.id = deal.id)"
    " WHERE stage_id = ?1 AND deleted_at IS NULL AND is_recurring = 0", error);
  if (stmt == NULL)
    return NAN;
  sqlite3_bind_int64 (stmt, 1, stage_id);
  if (!store_step_done (self, stmt, error))
    return NAN;
  return position_at (self, stage_id, index, exclude, error);
}

static double
position_last (AffariStore *self, gint64 stage_id, gint64 exclude)
{
  sqlite3_stmt *stmt = store_prepare (self, "SELECT max(position) FROM deal d WHERE d.stage_id = ? AND d.id <> ? AND " LIVE_DEAL, NULL);
  double pos = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, stage_id);
  sqlite3_bind_int64 (stmt, 2, exclude);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    pos = sqlite3_column_double (stmt, 0) + POSITION_STEP;
  sqlite3_reset (stmt);
  return pos;
}

gboolean
compute_position (AffariStore *self, gint64 stage_id, int index, gint64 exclude, double *out, GError **error)
{
  GError *local = NULL;
  double pos;

  if (index < 0)
    {
      *out = position_last (self, stage_id, exclude);
      return TRUE;
    }
  pos = position_at (self, stage_id, index, exclude, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  *out = isnan (pos) ? position_last (self, stage_id, exclude) : pos;
  return TRUE;
}


static void
stage_info_free (gpointer data)
{
  StageInfo *info = data;

  g_free (info->name);
  g_free (info);
}

/* The stage cache lives only inside a batch: the batch holds the write lock, so no other
 * program can change a stage meanwhile, and any stage change of our own drops it. */
static void
store_forget_stages (AffariStore *self)
{
  if (self->batch_stages != NULL)
    g_hash_table_remove_all (self->batch_stages);
}

gboolean
store_stage_info (AffariStore *self, gint64 stage_id, StageInfo *info, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  if (self->batch_depth > 0 && self->batch_stages != NULL)
    {
      const StageInfo *cached = g_hash_table_lookup (self->batch_stages, &stage_id);

      if (cached != NULL)
        {
          *info = *cached;
          info->name = g_strdup (cached->name);
          return TRUE;
        }
    }

  stmt = store_prepare (self, "SELECT pipeline_id, semantics, name FROM stage WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stage_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      info->pipeline_id = sqlite3_column_int64 (stmt, 0);
      info->semantics = affari_semantics_from_code ((const char *) sqlite3_column_text (stmt, 1));
      info->name = store_column_dup (stmt, 2);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The stage does not exist any more"));
  else if (self->batch_depth > 0 && self->batch_stages != NULL)
    {
      StageInfo *copy = g_new (StageInfo, 1);
      gint64 *key = g_new (gint64, 1);

      *copy = *info;
      copy->name = g_strdup (info->name);
      *key = stage_id;
      g_hash_table_insert (self->batch_stages, key, copy);
    }
  return found;
}

gboolean
affari_store_create_deal (AffariStore *self, AffariDeal *deal, GError **error)
{
  sqlite3_stmt *stmt;
  StageInfo info = { 0 };
  g_autofree char *today = NULL;
  g_autofree char *title = NULL;
  gint64 now, id = 0;
  double position = 0;
  gboolean ok;
  gboolean repeat_won = FALSE, repeat_earlier = FALSE;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (AFFARI_IS_DEAL (deal), FALSE);

  if (!validate_deal (self, deal, error))
    return FALSE;

  /* Defaults of the reference: default pipeline, its first stage, base currency, today,
   * close in seven days, the current user responsible. */
  if (deal->pipeline_id <= 0)
    deal->pipeline_id = self->default_pipeline;
  if (deal->stage_id <= 0)
    deal->stage_id = store_query_int (self, "SELECT id FROM stage WHERE pipeline_id = ? ORDER BY sort, id LIMIT 1",
                                deal->pipeline_id, 0);
  if (!store_stage_info (self, deal->stage_id, &info, error))
    return FALSE;
  if (info.pipeline_id != deal->pipeline_id)
    {
      g_free (info.name);
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT, _("The stage belongs to another pipeline"));
      return FALSE;
    }
  now = affari_store_now (self);
  today = store_today (self);

  if (!store_tx_begin (self, error))
    {
      g_free (info.name);
      return FALSE;
    }
  ok = compute_position (self, deal->stage_id, 0, 0, &position, error);
  /* Bitrix24's repeat rule on the company, before the row exists: no UPDATE afterwards.
   * (Contacts are linked later; affari_store_set_deal_contacts looks at them.) */
  if (ok && deal->company_id > 0 && info.semantics == AFFARI_SEMANTICS_PROCESS)
    {
      sqlite3_stmt *repeat = store_prepare (self,
        "SELECT max(d.semantics = 'S'), count(*) FROM deal d"
        " WHERE d.company_id = ? AND d.deleted_at IS NULL AND d.is_recurring = 0 AND d.date_create <= ?", error);
      ok = repeat != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (repeat, 1, deal->company_id);
          sqlite3_bind_int64 (repeat, 2, now);
          if (sqlite3_step (repeat) == SQLITE_ROW)
            {
              repeat_won = sqlite3_column_int (repeat, 0) != 0;
              repeat_earlier = sqlite3_column_int64 (repeat, 1) > 0;
            }
          sqlite3_reset (repeat);
        }
    }
  stmt = ok ? store_prepare (self,
    "INSERT INTO deal (title, type_id, pipeline_id, stage_id, semantics, position, closed, opened, probability,"
    " currency, amount, is_manual_amount, tax_value, company_id, lead_id, quote_id, begin_date, close_date,"
    " comments, assigned_by_id, created_by_id, modify_by_id, moved_by_id, date_create, date_modify, moved_time,"
    " is_recurring, is_return_customer, is_repeated_approach, source_id, source_description, additional_info,"
    " originator_id, origin_id)"
    " VALUES (trim(?1), coalesce(?2, (SELECT code FROM deal_type ORDER BY sort LIMIT 1)), ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
    " coalesce(?10, (SELECT value FROM setting WHERE key = 'base_currency'), 'EUR'), ?11, ?12, ?13, ?14, ?15, ?16,"
    " coalesce(?17, ?33), coalesce(?18, date(coalesce(?17, ?33), '+7 days')), ?19, ?20, ?21, ?21, ?21, ?22, ?22, ?22,"
    " ?23, ?24, ?25, coalesce(?26, (SELECT code FROM deal_source ORDER BY sort LIMIT 1)), ?27, ?28, ?29, ?30)", error) : NULL;
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_text (stmt, 1, deal->title ? deal->title : "");
      store_bind_text (stmt, 2, deal->type_id);
      sqlite3_bind_int64 (stmt, 3, deal->pipeline_id);
      sqlite3_bind_int64 (stmt, 4, deal->stage_id);
      store_bind_text (stmt, 5, affari_semantics_to_code (info.semantics));
      sqlite3_bind_double (stmt, 6, position);
      sqlite3_bind_int (stmt, 7, info.semantics != AFFARI_SEMANTICS_PROCESS);
      sqlite3_bind_int (stmt, 8, deal->opened);
      if (deal->probability < 0)
        sqlite3_bind_null (stmt, 9);
      else
        sqlite3_bind_int (stmt, 9, deal->probability);
      store_bind_text (stmt, 10, deal->currency);
      sqlite3_bind_int64 (stmt, 11, deal->amount);
      sqlite3_bind_int (stmt, 12, deal->is_manual_amount);
      sqlite3_bind_int64 (stmt, 13, deal->tax_value);
      store_bind_id (stmt, 14, deal->company_id);
      store_bind_id (stmt, 15, deal->lead_id);
      store_bind_id (stmt, 16, deal->quote_id);
      store_bind_text (stmt, 17, deal->begin_date);
      store_bind_text (stmt, 18, deal->close_date);
      store_bind_text (stmt, 19, deal->comments);
      store_bind_id (stmt, 20, deal->assigned_by_id > 0 ? deal->assigned_by_id : self->current_user);
      store_bind_id (stmt, 21, self->current_user);
      sqlite3_bind_int64 (stmt, 22, now);
      sqlite3_bind_int (stmt, 23, deal->is_recurring);
      sqlite3_bind_int (stmt, 24, deal->is_return_customer || repeat_won);
      sqlite3_bind_int (stmt, 25, deal->is_repeated_approach || (!repeat_won && repeat_earlier));
      store_bind_text (stmt, 26, deal->source_id);
      store_bind_text (stmt, 27, deal->source_description);
      store_bind_text (stmt, 28, deal->additional_info);
      store_bind_text (stmt, 29, deal->originator_id);
      store_bind_text (stmt, 30, deal->origin_id);
      store_bind_text (stmt, 33, today);
      ok = store_step_done (self, stmt, error);
      id = sqlite3_last_insert_rowid (self->db);
    }

  /* An empty title becomes "Deal #id", as Bitrix24 does. */
  if (ok && (deal->title == NULL || g_strstrip (title = g_strdup (deal->title))[0] == '\0'))
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_autofree char *fallback = g_strdup_printf (_("Deal #%s"), number);
      stmt = store_prepare (self, "UPDATE deal SET title = ? WHERE id = ?", error);
      ok = stmt != NULL;
      if (ok)
        {
          store_bind_text (stmt, 1, fallback);
          sqlite3_bind_int64 (stmt, 2, id);
          ok = store_step_done (self, stmt, error);
        }
    }
  ok = ok && store_add_event (self, id, AFFARI_EVENT_CREATED, NULL, NULL, info.name,
                        _("Deal created"), error);
  ok = ok && add_stage_history (self, id, 1, deal->pipeline_id, info.semantics, deal->stage_id, error);
  if (ok)
    store_queue_deal (self, id, 0, deal->stage_id);
  g_free (info.name);

  if (!store_tx_end (self, ok, error))
    return FALSE;

  /* In a batch (imports, sample data) only the id is filled in: nobody shows these objects. */
  if (self->batch_depth == 0)
    {
      g_autoptr(AffariDeal) stored = affari_store_get_deal (self, id, NULL);
      if (stored != NULL)
        affari_deal_update_from (deal, stored);
      else
        affari_deal_set_id_internal (deal, id);
    }
  else
    affari_deal_set_id_internal (deal, id);
  return TRUE;
}

/* Closes or reopens on the way into a stage; writes the move's history. */
gboolean
write_stage_change (AffariStore *self, gint64 deal_id, gint64 pipeline_id,
                    gint64 old_stage, const char *old_name, AffariSemantics old_semantics,
                    gint64 new_stage, const char *new_name, AffariSemantics new_semantics,
                    double position, const char *reason, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *today = store_today (self);
  gboolean closing = new_semantics != AFFARI_SEMANTICS_PROCESS;
  gboolean was_closed = old_semantics != AFFARI_SEMANTICS_PROCESS;
  gboolean ok;

  stmt = store_prepare (self,
    "UPDATE deal SET stage_id = ?1, semantics = ?2, position = ?3, closed = ?4,"
    " close_date = CASE WHEN ?4 AND NOT closed THEN ?5 ELSE close_date END,"
    " moved_by_id = ?6, moved_time = ?7, modify_by_id = ?6, date_modify = ?7"
    " WHERE id = ?8", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, new_stage);
  store_bind_text (stmt, 2, affari_semantics_to_code (new_semantics));
  sqlite3_bind_double (stmt, 3, position);
  sqlite3_bind_int (stmt, 4, closing);
  store_bind_text (stmt, 5, today);
  store_bind_id (stmt, 6, self->current_user);
  sqlite3_bind_int64 (stmt, 7, affari_store_now (self));
  sqlite3_bind_int64 (stmt, 8, deal_id);
  ok = store_step_done (self, stmt, error);

  if (ok && old_stage != new_stage)
    {
      g_autofree char *text = g_strdup_printf (_("Stage: %s → %s"), old_name, new_name);
      ok = store_add_event (self, deal_id, AFFARI_EVENT_STAGE, "STAGE_ID", old_name, new_name, text, error);
      ok = ok && add_stage_history (self, deal_id, closing ? 3 : 2, pipeline_id, new_semantics, new_stage, error);
    }
  if (ok && closing && (!was_closed || old_semantics != new_semantics))
    {
      g_autofree char *text = NULL;
      if (new_semantics == AFFARI_SEMANTICS_SUCCESS)
        text = reason && *reason ? g_strdup_printf (_("Deal won: %s"), reason) : g_strdup (_("Deal won"));
      else
        text = reason && *reason ? g_strdup_printf (_("Deal lost: %s"), reason) : g_strdup (_("Deal lost"));
      ok = store_add_event (self, deal_id, AFFARI_EVENT_CLOSED, "CLOSED", "N", "Y", text, error);
    }
  else if (ok && !closing && was_closed)
    ok = store_add_event (self, deal_id, AFFARI_EVENT_REOPENED, "CLOSED", "Y", "N", _("Deal reopened"), error);
  else if (ok && closing && reason && *reason && old_stage == new_stage)
    ok = store_add_event (self, deal_id, AFFARI_EVENT_COMMENT, NULL, NULL, NULL, reason, error);

  return ok;
}


gboolean
store_deal_place (AffariStore *self, gint64 deal_id, DealPlace *place, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self, "SELECT pipeline_id, stage_id, coalesce(deleted_at, 0) FROM deal WHERE id = ?", error);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      place->pipeline_id = sqlite3_column_int64 (stmt, 0);
      place->stage_id = sqlite3_column_int64 (stmt, 1);
      place->deleted_at = sqlite3_column_int64 (stmt, 2);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal does not exist any more"));
  return found;
}

gboolean
affari_store_move_deal (AffariStore *self, gint64 deal_id, gint64 stage_id, int index,
                        const char *reason, GError **error)
{
  DealPlace place = { 0 };
  DealPlace *deal = &place;
  StageInfo from = { 0 }, to = { 0 };
  double position = 0;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_check_text (reason, MAX_TEXT_CHARS, FALSE, _("The reason"), error))
    return FALSE;
  if (!store_deal_place (self, deal_id, &place, error))
    return FALSE;
  if (deal->deleted_at != 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal is in the trash"));
      return FALSE;
    }
  if (!store_stage_info (self, stage_id, &to, error))
    return FALSE;
  if (to.pipeline_id != deal->pipeline_id)
    {
      g_free (to.name);
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT, _("The stage belongs to another pipeline"));
      return FALSE;
    }
  if (!store_stage_info (self, deal->stage_id, &from, error))
    {
      g_free (to.name);
      return FALSE;
    }

  ok = store_tx_begin (self, error);
  if (ok)
    {
      ok = compute_position (self, stage_id, index, deal_id, &position, error);
      ok = ok && write_stage_change (self, deal_id, deal->pipeline_id,
                                     deal->stage_id, from.name, from.semantics,
                                     stage_id, to.name, to.semantics, position, reason, error);
      if (ok)
        store_queue_deal (self, deal_id, deal->stage_id, stage_id);
      ok = store_tx_end (self, ok, error);
    }
  g_free (from.name);
  g_free (to.name);
  return ok;
}

void
affari_deal_place_clear (AffariDealPlace *place)
{
  g_clear_pointer (&place->close_date, g_free);
}

gboolean
affari_store_get_deal_place (AffariStore *self, gint64 deal_id, AffariDealPlace *place, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (place != NULL, FALSE);

  stmt = store_prepare (self, "SELECT stage_id, position, closed, close_date FROM deal WHERE id = ? AND deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      place->deal_id = deal_id;
      place->stage_id = sqlite3_column_int64 (stmt, 0);
      place->position = sqlite3_column_double (stmt, 1);
      place->closed = sqlite3_column_int (stmt, 2) != 0;
      place->close_date = store_column_dup (stmt, 3);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal does not exist any more"));
  return found;
}

gboolean
affari_store_restore_deal_place (AffariStore *self, const AffariDealPlace *place, GError **error)
{
  DealPlace now = { 0 };
  StageInfo from = { 0 }, to = { 0 };
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (place != NULL, FALSE);

  if (!store_deal_place (self, place->deal_id, &now, error))
    return FALSE;
  if (!store_stage_info (self, place->stage_id, &to, error))
    return FALSE;
  if (to.pipeline_id != now.pipeline_id)
    {
      g_free (to.name);
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT, _("The stage belongs to another pipeline"));
      return FALSE;
    }
  if (!store_stage_info (self, now.stage_id, &from, error))
    {
      g_free (to.name);
      return FALSE;
    }

  ok = store_tx_begin (self, error);
  if (ok)
    {
      ok = write_stage_change (self, place->deal_id, now.pipeline_id, now.stage_id, from.name, from.semantics,
                               place->stage_id, to.name, to.semantics, place->position, NULL, error);
      stmt = ok ? store_prepare (self, "UPDATE deal SET close_date = ? WHERE id = ?", error) : NULL;
      ok = stmt != NULL;
      if (ok)
        {
          store_bind_text (stmt, 1, place->close_date);
          sqlite3_bind_int64 (stmt, 2, place->deal_id);
          ok = store_step_done (self, stmt, error);
        }
      if (ok)
        store_queue_deal (self, place->deal_id, now.stage_id, place->stage_id);
      ok = store_tx_end (self, ok, error);
    }
  g_free (from.name);
  g_free (to.name);
  return ok;
}

gboolean
affari_store_move_deal_to_pipeline (AffariStore *self, gint64 deal_id, gint64 pipeline_id, GError **error)
{
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(AffariPipeline) from_pipeline = NULL;
  g_autoptr(AffariPipeline) to_pipeline = NULL;
  sqlite3_stmt *stmt;
  StageInfo info = { 0 };
  gint64 stage_id;
  double position = 0;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  deal = affari_store_get_deal (self, deal_id, error);
  if (deal == NULL)
    return FALSE;
  if (deal->pipeline_id == pipeline_id)
    return TRUE;
  from_pipeline = affari_store_get_pipeline (self, deal->pipeline_id, error);
  to_pipeline = from_pipeline ? affari_store_get_pipeline (self, pipeline_id, error) : NULL;
  if (to_pipeline == NULL)
    return FALSE;

  /* Bitrix24 picks the first stage of the new pipeline with the same semantics. */
  stage_id = affari_store_find_stage (self, pipeline_id, deal->semantics);
  if (stage_id == 0 || !store_stage_info (self, stage_id, &info, error))
    {
      if (error && !*error)
        g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT, _("The pipeline has no matching stage"));
      return FALSE;
    }

  ok = store_tx_begin (self, error);
  if (ok)
    {
      g_autofree char *text = g_strdup_printf (_("Pipeline: %s → %s (stage %s)"),
                                               affari_pipeline_get_name (from_pipeline),
                                               affari_pipeline_get_name (to_pipeline), info.name);
      ok = compute_position (self, stage_id, 0, deal_id, &position, error);
      stmt = ok ? store_prepare (self,
        "UPDATE deal SET pipeline_id = ?1, stage_id = ?2, semantics = ?3, position = ?4,"
        " moved_by_id = ?5, moved_time = ?6, modify_by_id = ?5, date_modify = ?6 WHERE id = ?7", error) : NULL;
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, pipeline_id);
          sqlite3_bind_int64 (stmt, 2, stage_id);
          store_bind_text (stmt, 3, affari_semantics_to_code (info.semantics));
          sqlite3_bind_double (stmt, 4, position);
          store_bind_id (stmt, 5, self->current_user);
          sqlite3_bind_int64 (stmt, 6, affari_store_now (self));
          sqlite3_bind_int64 (stmt, 7, deal_id);
          ok = store_step_done (self, stmt, error);
        }
      ok = ok && store_add_event (self, deal_id, AFFARI_EVENT_PIPELINE, "CATEGORY_ID",
                            affari_pipeline_get_name (from_pipeline), affari_pipeline_get_name (to_pipeline),
                            text, error);
      ok = ok && add_stage_history (self, deal_id, 5, pipeline_id, info.semantics, stage_id, error);
      if (ok)
        store_queue_deal (self, deal_id, deal->stage_id, stage_id);
      ok = store_tx_end (self, ok, error);
    }
  g_free (info.name);
  return ok;
}

/* Field changes of update_deal: the Bitrix24 field code, a label, and both values as people read them. */
typedef struct {
  const char *field;
  const char *label;
  char *old_value;
  char *new_value;
} FieldChange;

static void
field_change_clear (gpointer data)
{
  FieldChange *c = data;
  g_free (c->old_value);
  g_free (c->new_value);
}

static void
note_change (GArray *changes, const char *field, const char *label, char *old_value, char *new_value)
{
  FieldChange c = { field, label, old_value, new_value };
  g_array_append_val (changes, c);
}

static char *
bool_text (gboolean value)
{
  return g_strdup (value ? _("Yes") : _("No"));
}

static char *
date_text (const char *date)
{
  return date ? affari_date_format (date) : NULL;
}

static char *
list_name (AffariStore *self, const char *table_sql, const char *code)
{
  sqlite3_stmt *stmt;
  char *name = NULL;

  if (code == NULL)
    return NULL;
  stmt = store_prepare (self, table_sql, NULL);
  if (stmt == NULL)
    return g_strdup (code);
  store_bind_text (stmt, 1, code);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = store_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return name ? name : g_strdup (code);
}

static GArray *
diff_deal (AffariStore *self, AffariDeal *old, AffariDeal *new)
{
  GArray *changes = g_array_new (FALSE, TRUE, sizeof (FieldChange));
  g_array_set_clear_func (changes, field_change_clear);

#define STR_CHANGED(f) (g_strcmp0 (old->f, new->f) != 0)
  if (STR_CHANGED (title))
    note_change (changes, "TITLE", _("Title"), g_strdup (old->title), g_strdup (new->title));
  if (STR_CHANGED (type_id))
    note_change (changes, "TYPE_ID", _("Type"),
                 list_name (self, "SELECT name FROM deal_type WHERE code = ?", old->type_id),
                 list_name (self, "SELECT name FROM deal_type WHERE code = ?", new->type_id));
  if (old->amount != new->amount || STR_CHANGED (currency))
    note_change (changes, "OPPORTUNITY", _("Amount"),
                 affari_money_format (old->amount, old->currency),
                 affari_money_format (new->amount, new->currency ? new->currency : old->currency));
  if (old->is_manual_amount != new->is_manual_amount)
    note_change (changes, "IS_MANUAL_OPPORTUNITY", _("Amount typed by hand"),
                 bool_text (old->is_manual_amount), bool_text (new->is_manual_amount));
  if (old->tax_value != new->tax_value)
    note_change (changes, "TAX_VALUE", _("Tax"),
                 affari_money_format (old->tax_value, old->currency),
                 affari_money_format (new->tax_value, new->currency ? new->currency : old->currency));
  if (old->probability != new->probability)
    note_change (changes, "PROBABILITY", _("Probability"),
                 old->probability < 0 ? NULL : g_strdup_printf ("%d %%", old->probability),
                 new->probability < 0 ? NULL : g_strdup_printf ("%d %%", new->probability));
  if (old->company_id != new->company_id)
    note_change (changes, "COMPANY_ID", _("Company"),
                 old->company_id ? store_query_text (self, "SELECT name FROM company WHERE id = ?", old->company_id) : NULL,
                 new->company_id ? store_query_text (self, "SELECT name FROM company WHERE id = ?", new->company_id) : NULL);
  if (STR_CHANGED (begin_date))
    note_change (changes, "BEGINDATE", _("Start date"), date_text (old->begin_date), date_text (new->begin_date));
  if (STR_CHANGED (close_date))
    note_change (changes, "CLOSEDATE", _("Expected close date"), date_text (old->close_date), date_text (new->close_date));
  if (STR_CHANGED (comments))
    note_change (changes, "COMMENTS", _("Comment"), g_strdup (old->comments), g_strdup (new->comments));
  if (old->assigned_by_id != new->assigned_by_id)
    {
      g_autofree char *old_name = NULL;
      g_autofree char *new_name = NULL;
      note_change (changes, "ASSIGNED_BY_ID", _("Responsible"),
                   g_strdup (store_member_name_or_empty (self, old->assigned_by_id, &old_name)),
                   g_strdup (store_member_name_or_empty (self, new->assigned_by_id, &new_name)));
    }
  if (STR_CHANGED (source_id))
    note_change (changes, "SOURCE_ID", _("Source"),
                 list_name (self, "SELECT name FROM deal_source WHERE code = ?", old->source_id),
                 list_name (self, "SELECT name FROM deal_source WHERE code = ?", new->source_id));
  if (STR_CHANGED (source_description))
    note_change (changes, "SOURCE_DESCRIPTION", _("Source description"),
                 g_strdup (old->source_description), g_strdup (new->source_description));
  if (STR_CHANGED (additional_info))
    note_change (changes, "ADDITIONAL_INFO", _("Additional information"),
                 g_strdup (old->additional_info), g_strdup (new->additional_info));
  if (old->opened != new->opened)
    note_change (changes, "OPENED", _("Available to everyone"), bool_text (old->opened), bool_text (new->opened));
  if (old->is_return_customer != new->is_return_customer)
    note_change (changes, "IS_RETURN_CUSTOMER", _("Repeat deal"),
                 bool_text (old->is_return_customer), bool_text (new->is_return_customer));
  if (old->is_repeated_approach != new->is_repeated_approach)
    note_change (changes, "IS_REPEATED_APPROACH", _("Repeated inquiry"),
                 bool_text (old->is_repeated_approach), bool_text (new->is_repeated_approach));
  if (old->is_recurring != new->is_recurring)
    note_change (changes, "IS_RECURRING", _("Regular deal template"),
                 bool_text (old->is_recurring), bool_text (new->is_recurring));
  if (STR_CHANGED (originator_id) || STR_CHANGED (origin_id) ||
      old->lead_id != new->lead_id || old->quote_id != new->quote_id)
    note_change (changes, "ORIGIN_ID", _("Origin"), g_strdup (old->origin_id), g_strdup (new->origin_id));
#undef STR_CHANGED
  return changes;
}

gboolean
affari_store_update_deal (AffariStore *self, AffariDeal *deal, GError **error)
{
  g_autoptr(AffariDeal) old = NULL;
  g_autoptr(GArray) changes = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;
  gboolean stage_changed, pipeline_changed;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (AFFARI_IS_DEAL (deal), FALSE);

  if (!validate_deal (self, deal, error))
    return FALSE;
  if (!store_check_text (deal->title, MAX_TITLE_CHARS, TRUE, _("The title"), error))
    return FALSE;
  old = affari_store_get_deal (self, deal->id, error);
  if (old == NULL)
    return FALSE;

  pipeline_changed = deal->pipeline_id != old->pipeline_id;
  stage_changed = !pipeline_changed && deal->stage_id != old->stage_id;
  changes = diff_deal (self, old, deal);

  if (!store_tx_begin (self, error))
    return FALSE;

  ok = TRUE;
  if (changes->len > 0)
    {
      stmt = store_prepare (self,
        "UPDATE deal SET title = trim(?1), type_id = ?2, opened = ?3, probability = ?4, currency = ?5, amount = ?6,"
        " is_manual_amount = ?7, tax_value = ?8, company_id = ?9, lead_id = ?10, quote_id = ?11,"
        " begin_date = ?12, close_date = ?13, comments = ?14, assigned_by_id = ?15, is_recurring = ?16,"
        " is_return_customer = ?17, is_repeated_approach = ?18, source_id = ?19, source_description = ?20,"
        " additional_info = ?21, originator_id = ?22, origin_id = ?23, modify_by_id = ?24, date_modify = ?25"
        " WHERE id = ?26", error);
      ok = stmt != NULL;
      if (ok)
        {
          store_bind_text (stmt, 1, deal->title);
          store_bind_text (stmt, 2, deal->type_id);
          sqlite3_bind_int (stmt, 3, deal->opened);
          if (deal->probability < 0)
            sqlite3_bind_null (stmt, 4);
          else
            sqlite3_bind_int (stmt, 4, deal->probability);
          store_bind_text (stmt, 5, deal->currency ? deal->currency : old->currency);
          sqlite3_bind_int64 (stmt, 6, deal->amount);
          sqlite3_bind_int (stmt, 7, deal->is_manual_amount);
          sqlite3_bind_int64 (stmt, 8, deal->tax_value);
          store_bind_id (stmt, 9, deal->company_id);
          store_bind_id (stmt, 10, deal->lead_id);
          store_bind_id (stmt, 11, deal->quote_id);
          store_bind_text (stmt, 12, deal->begin_date);
          store_bind_text (stmt, 13, deal->close_date);
          store_bind_text (stmt, 14, deal->comments);
          store_bind_id (stmt, 15, deal->assigned_by_id);
          sqlite3_bind_int (stmt, 16, deal->is_recurring);
          sqlite3_bind_int (stmt, 17, deal->is_return_customer);
          sqlite3_bind_int (stmt, 18, deal->is_repeated_approach);
          store_bind_text (stmt, 19, deal->source_id);
          store_bind_text (stmt, 20, deal->source_description);
          store_bind_text (stmt, 21, deal->additional_info);
          store_bind_text (stmt, 22, deal->originator_id);
          store_bind_text (stmt, 23, deal->origin_id);
          store_bind_id (stmt, 24, self->current_user);
          sqlite3_bind_int64 (stmt, 25, affari_store_now (self));
          sqlite3_bind_int64 (stmt, 26, deal->id);
          ok = store_step_done (self, stmt, error);
        }
      /* Back to computed amounts: the product rows decide again. */
      if (ok && old->is_manual_amount && !deal->is_manual_amount)
        ok = recompute_amount (self, deal->id, error);
      for (guint i = 0; ok && i < changes->len; i++)
        {
          FieldChange *c = &g_array_index (changes, FieldChange, i);
          g_autofree char *text = g_strdup_printf (_("%s: %s → %s"), c->label,
                                                   c->old_value && *c->old_value ? c->old_value : _("(empty)"),
                                                   c->new_value && *c->new_value ? c->new_value : _("(empty)"));
          ok = store_add_event (self, deal->id, AFFARI_EVENT_FIELD, c->field, c->old_value, c->new_value, text, error);
        }
      if (ok)
        store_queue_deal (self, deal->id, old->stage_id, old->stage_id);
    }

  if (ok && stage_changed)
    ok = affari_store_move_deal (self, deal->id, deal->stage_id, 0, NULL, error);
  if (ok && pipeline_changed)
    ok = affari_store_move_deal_to_pipeline (self, deal->id, deal->pipeline_id, error);

  if (!store_tx_end (self, ok, error))
    return FALSE;

  {
    g_autoptr(AffariDeal) stored = affari_store_get_deal (self, deal->id, NULL);
    if (stored != NULL)
      affari_deal_update_from (deal, stored);
  }
  return TRUE;
}

static gboolean
set_deleted (AffariStore *self, gint64 deal_id, gboolean trash, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 stage;
  gboolean ok;

  stage = store_query_int (self, trash ? "SELECT stage_id FROM deal WHERE id = ? AND deleted_at IS NULL"
                                 : "SELECT stage_id FROM deal WHERE id = ? AND deleted_at IS NOT NULL", deal_id, 0);
  if (stage == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND,
                   trash ? _("The deal does not exist any more") : _("The deal is not in the trash"));
      return FALSE;
    }
  if (!store_tx_begin (self, error))
    return FALSE;
  stmt = store_prepare (self, "UPDATE deal SET deleted_at = ?, modify_by_id = ?, date_modify = ? WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      gint64 now = affari_store_now (self);
      if (trash)
        sqlite3_bind_int64 (stmt, 1, now);
      else
        sqlite3_bind_null (stmt, 1);
      store_bind_id (stmt, 2, self->current_user);
      sqlite3_bind_int64 (stmt, 3, now);
      sqlite3_bind_int64 (stmt, 4, deal_id);
      ok = store_step_done (self, stmt, error);
    }
  ok = ok && store_add_event (self, deal_id, trash ? AFFARI_EVENT_TRASHED : AFFARI_EVENT_RESTORED, NULL, NULL, NULL,
                        trash ? _("Moved to the trash") : _("Restored from the trash"), error);
  if (ok)
    store_queue_deal (self, deal_id, trash ? stage : 0, trash ? 0 : stage);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_trash_deal (AffariStore *self, gint64 deal_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  return set_deleted (self, deal_id, TRUE, error);
}

gboolean
affari_store_restore_deal (AffariStore *self, gint64 deal_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  return set_deleted (self, deal_id, FALSE, error);
}

gboolean
affari_store_purge_deal (AffariStore *self, gint64 deal_id, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 stage;
  gboolean live, ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  stage = store_query_int (self, "SELECT stage_id FROM deal WHERE id = ?", deal_id, 0);
  if (stage == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal does not exist any more"));
      return FALSE;
    }
  live = store_query_int (self, "SELECT deleted_at IS NULL FROM deal WHERE id = ?", deal_id, 0);
  if (!store_tx_begin (self, error))
    return FALSE;
  stmt = store_prepare (self, "DELETE FROM deal WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, deal_id);
      ok = store_step_done (self, stmt, error);
    }
  if (ok)
    store_queue_deal (self, deal_id, live ? stage : 0, 0);
  return store_tx_end (self, ok, error);
}

/* ------------------------------------------------------------------ queries */

typedef struct {
  gboolean is_text;
  gint64 number;
  char *text;
} Param;

typedef struct {
  GString *joins;
  GString *where;
  GArray *params;
} Filter;

static void
param_clear (gpointer data)
{
  g_free (((Param *) data)->text);
}

static void
filter_add_int (Filter *f, const char *clause, gint64 value)
{
  Param p = { FALSE, value, NULL };
  g_string_append_printf (f->where, " AND %s", clause);
  g_array_append_val (f->params, p);
}

static void
filter_add_text (Filter *f, const char *clause, const char *value)
{
  Param p = { TRUE, 0, g_strdup (value) };
  g_string_append_printf (f->where, " AND %s", clause);
  g_array_append_val (f->params, p);
}

static void
filter_clear (Filter *f)
{
  g_string_free (f->joins, TRUE);
  g_string_free (f->where, TRUE);
  g_array_unref (f->params);
}

static void
filter_bind (Filter *f, sqlite3_stmt *stmt)
{
  for (guint i = 0; i < f->params->len; i++)
    {
      Param *p = &g_array_index (f->params, Param, i);
      if (p->is_text)
        store_bind_text (stmt, (int) i + 1, p->text);
      else
        sqlite3_bind_int64 (stmt, (int) i + 1, p->number);
    }
}

/* The statement of @sql with @f's parameters bound; @f is cleared either way. */
static sqlite3_stmt *
filter_prepare (AffariStore *self, Filter *f, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self, sql, error);

  if (stmt != NULL)
    filter_bind (f, stmt);
  filter_clear (f);
  return stmt;
}

static void
filter_add_ids (Filter *f, const char *column, const GArray *ids)
{
  g_string_append_printf (f->where, " AND %s IN (", column);
  for (guint i = 0; i < ids->len; i++)
    {
      Param p = { FALSE, g_array_index (ids, gint64, i), NULL };
      g_string_append (f->where, i ? ", ?" : "?");
      g_array_append_val (f->params, p);
    }
  g_string_append_c (f->where, ')');
}

/* Start of the local day @date ("YYYY-MM-DD") in Unix seconds; @next_day for the day after. */
static gint64
local_day_start (const char *date, gboolean next_day)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  if (sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    return 0;
  dt = g_date_time_new_local (y, m, d, 0, 0, 0);
  if (dt == NULL)
    return 0;
  if (next_day)
    {
      g_autoptr(GDateTime) next = g_date_time_add_days (dt, 1);
      return g_date_time_to_unix (next);
    }
  return g_date_time_to_unix (dt);
}

static void
filter_add_range (Filter *f, const char *today, const char *column, const AffariDateRange *range,
                  gboolean unix_seconds, const char *extra)
{
  g_autofree char *from = NULL, *to = NULL;
  g_autofree char *lower = NULL, *upper = NULL;

  if (!affari_date_range_resolve (range, today, &from, &to))
    return;
  if (extra != NULL)
    g_string_append_printf (f->where, " AND %s", extra);
  lower = g_strdup_printf ("%s >= ?", column);
  upper = g_strdup_printf (unix_seconds ? "%s < ?" : "%s <= ?", column);
  if (unix_seconds)
    {
      if (from != NULL)
        filter_add_int (f, lower, local_day_start (from, FALSE));
      if (to != NULL)
        filter_add_int (f, upper, local_day_start (to, TRUE));
    }
  else
    {
      if (from != NULL)
        filter_add_text (f, lower, from);
      if (to != NULL)
        filter_add_text (f, upper, to);
    }
}

/* Whether the ordered query walks the stages in order and each stage's deals along the
 * deal_stage_position index (board order). A search of a whole word has few matches: the
 * planner then starts from the full-text index instead. */
static gboolean
walks_stages (const AffariDealQuery *q)
{
  AffariDealSort sort = q ? q->sort : AFFARI_DEAL_SORT_POSITION;

  if (sort != AFFARI_DEAL_SORT_POSITION && sort != AFFARI_DEAL_SORT_STAGE)
    return FALSE;
  if (q == NULL)
    return TRUE;
  if (sort == AFFARI_DEAL_SORT_POSITION && q->stage_id > 0)
    return FALSE;
  if (q->include_deleted)
    return FALSE;
  return TRUE;
}

/* Where a query's typed words are looked for. */
typedef enum {
  SEARCH_IN_SUBQUERY,  /* "d.id IN (SELECT rowid FROM deal_search WHERE …)" */
  SEARCH_LEADS,        /* the query reads "FROM deal_search CROSS JOIN deal d" */
  SEARCH_APART,        /* not in the SQL: the caller keeps only the matching ids */
} SearchMode;

static void filter_init_for (AffariStore *self, Filter *f, const AffariDealQuery *q, gboolean stage_walk,
                             SearchMode search);

/* Every criterion is a fixed SQL fragment with bound parameters. */
static void
filter_init (AffariStore *self, Filter *f, const AffariDealQuery *q)
{
  filter_init_for (self, f, q, FALSE, SEARCH_IN_SUBQUERY);
}

/* @stage_walk: the query reads "FROM stage s CROSS JOIN deal d" (see walks_stages): the
 * pipeline is then the stages' one, so the walk never reads a deal row just to check it. */
static void
filter_init_for (AffariStore *self, Filter *f, const AffariDealQuery *q, gboolean stage_walk, SearchMode search)
{
  g_autofree char *today = NULL;

  f->joins = g_string_new ("");
  f->where = g_string_new (q && q->include_deleted ? "d.deleted_at IS NOT NULL AND d.is_recurring = 0" : LIVE_DEAL);
  f->params = g_array_new (FALSE, TRUE, sizeof (Param));
  g_array_set_clear_func (f->params, param_clear);

  if (q == NULL)
    return;
  if (q->pipeline_id > 0)
    filter_add_int (f, stage_walk ? "s.pipeline_id = ?" : "d.pipeline_id = ?", q->pipeline_id);
  if (q->stage_id > 0)
    filter_add_int (f, "d.stage_id = ?", q->stage_id);
  if (q->semantics_mask != 0 && q->semantics_mask != 0x7)
    {
      g_string_append (f->where, " AND d.semantics IN ('-'");
      for (int s = 0; s < 3; s++)
        if (q->semantics_mask & (1u << s))
          g_string_append_printf (f->where, ", '%s'", affari_semantics_to_code ((AffariSemantics) s));
      g_string_append (f->where, ")");
    }
  if (q->closed == AFFARI_CLOSED_OPEN_ONLY)
    g_string_append (f->where, " AND d.closed = 0");
  else if (q->closed == AFFARI_CLOSED_CLOSED_ONLY)
    g_string_append (f->where, " AND d.closed = 1");
  if (q->assigned_by_id > 0)
    filter_add_int (f, "d.assigned_by_id = ?", q->assigned_by_id);
  if (q->company_id > 0)
    filter_add_int (f, "d.company_id = ?", q->company_id);
  if (q->currency != NULL && *q->currency)
    filter_add_text (f, "d.currency = ?", q->currency);
  if (q->has_amount_min)
    filter_add_int (f, "d.amount >= ?", q->amount_min);
  if (q->has_amount_max)
    filter_add_int (f, "d.amount <= ?", q->amount_max);
  if (q->close_date_from != NULL)
    filter_add_text (f, "d.close_date >= ?", q->close_date_from);
  if (q->close_date_to != NULL)
    filter_add_text (f, "d.close_date <= ?", q->close_date_to);

  /* ---- list and filters ---- */
  if (q->stage_ids != NULL && q->stage_ids->len > 0)
    filter_add_ids (f, "d.stage_id", q->stage_ids);
  if (q->assigned_ids != NULL && q->assigned_ids->len > 0)
    filter_add_ids (f, "d.assigned_by_id", q->assigned_ids);
  if (q->assigned_to_me)
    filter_add_int (f, "d.assigned_by_id = ?", self->current_user);
  if (q->type_id != NULL && *q->type_id)
    filter_add_text (f, "d.type_id = ?", q->type_id);
  if (q->source_id != NULL && *q->source_id)
    filter_add_text (f, "d.source_id = ?", q->source_id);
  today = store_today (self);
  filter_add_range (f, today, "d.date_create", &q->created, TRUE, NULL);
  filter_add_range (f, today, "d.begin_date", &q->begin, FALSE, NULL);
  filter_add_range (f, today, "d.close_date", &q->close, FALSE, NULL);
  filter_add_range (f, today, "d.close_date", &q->closed_on, FALSE, "d.closed = 1");
  if (q->repeat == AFFARI_REPEAT_ONLY)
    g_string_append (f->where, " AND (d.is_return_customer = 1 OR d.is_repeated_approach = 1)");
  else if (q->repeat == AFFARI_REPEAT_NONE)
    g_string_append (f->where, " AND d.is_return_customer = 0 AND d.is_repeated_approach = 0");
  if (q->activity == AFFARI_ACTIVITY_FILTER_NONE_PLANNED)
    g_string_append (f->where, " AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.deal_id = d.id AND a.completed = 0)");
  else if (q->activity == AFFARI_ACTIVITY_FILTER_OVERDUE)
    filter_add_int (f, "EXISTS (SELECT 1 FROM activity a WHERE a.deal_id = d.id AND a.completed = 0 AND a.deadline < ?)",
                    affari_store_now (self));
  {
    g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

    store_filter_field_criteria (q, f->where, values);
    for (guint i = 0; i < values->len; i++)
      {
        GVariant *v = g_ptr_array_index (values, i);
        gboolean is_text = g_variant_is_of_type (v, G_VARIANT_TYPE_STRING);
        Param p = { is_text, is_text ? 0 : g_variant_get_int64 (v), is_text ? g_variant_dup_string (v, NULL) : NULL };

        g_array_append_val (f->params, p);
      }
  }

  if (q->text != NULL && *q->text)
    {
      g_autofree char *match = store_search_match_expression (q->text);

      /* Words typed are prefixes searched in the full-text index of the deal (migration 2). */
      if (match != NULL && search == SEARCH_APART)
        ;
      else if (match != NULL && search == SEARCH_LEADS)
        filter_add_text (f, "deal_search MATCH ?", match);
      else if (match != NULL)
        filter_add_text (f, "d.id IN (SELECT rowid FROM deal_search WHERE deal_search MATCH ?)", match);
      else
        {
          /* Only signs ("%", "#"), which the index does not hold: look for them literally. */
          g_autofree char *pattern = store_like_pattern (q->text);
          Param p = { TRUE, 0, g_strdup (pattern) };

          filter_add_text (f, "(d.title LIKE ? ESCAPE '\\'", pattern);
          g_string_append (f->where, " OR d.comments LIKE ? ESCAPE '\\')");
          g_array_append_val (f->params, p);
        }
    }
}

static const char *
order_by (const AffariDealQuery *q, gboolean *needs_stage_join, gboolean *needs_client_join, gboolean *needs_member_join)
{
  AffariDealSort sort = q ? q->sort : AFFARI_DEAL_SORT_POSITION;
  gboolean desc = q ? q->descending : FALSE;

  *needs_stage_join = *needs_client_join = *needs_member_join = FALSE;
  switch (sort)
    {
    case AFFARI_DEAL_SORT_POSITION:
      if (q && q->stage_id > 0)
        return desc ? " ORDER BY d.position DESC, d.id DESC" : " ORDER BY d.position, d.id";
      G_GNUC_FALLTHROUGH;
    case AFFARI_DEAL_SORT_STAGE:
      /* Stage order, and the board's order inside a stage. Written so that SQLite walks the
       * stages in order (stage_pipeline) and each stage's deals in order (deal_stage_position):
       * a million ids come out already sorted, without a temporary sort. */
      *needs_stage_join = TRUE;
      if (q && q->pipeline_id > 0)
        return desc ? " ORDER BY s.sort DESC, s.id DESC, d.position DESC, d.id DESC"
                    : " ORDER BY s.sort, s.id, d.position, d.id";
      return desc ? " ORDER BY s.pipeline_id DESC, s.sort DESC, s.id DESC, d.position DESC, d.id DESC"
                  : " ORDER BY s.pipeline_id, s.sort, s.id, d.position, d.id";
    case AFFARI_DEAL_SORT_TITLE:
      return desc ? " ORDER BY d.title COLLATE NOCASE DESC, d.id DESC" : " ORDER BY d.title COLLATE NOCASE, d.id";
    case AFFARI_DEAL_SORT_AMOUNT:
      return desc ? " ORDER BY d.amount DESC, d.id DESC" : " ORDER BY d.amount, d.id";
    case AFFARI_DEAL_SORT_DATE_CREATE:
      return desc ? " ORDER BY d.date_create DESC, d.id DESC" : " ORDER BY d.date_create, d.id";
    case AFFARI_DEAL_SORT_DATE_MODIFY:
      return desc ? " ORDER BY d.date_modify DESC, d.id DESC" : " ORDER BY d.date_modify, d.id";
    case AFFARI_DEAL_SORT_BEGIN_DATE:
      return desc ? " ORDER BY d.begin_date DESC, d.id DESC" : " ORDER BY d.begin_date, d.id";
    case AFFARI_DEAL_SORT_CLOSE_DATE:
      return desc ? " ORDER BY d.close_date DESC, d.id DESC" : " ORDER BY d.close_date, d.id";
    case AFFARI_DEAL_SORT_CLIENT:
      *needs_client_join = TRUE;
      return desc ? " ORDER BY co.name COLLATE NOCASE DESC, d.id DESC" : " ORDER BY co.name COLLATE NOCASE, d.id";
    case AFFARI_DEAL_SORT_RESPONSIBLE:
      *needs_member_join = TRUE;
      return desc ? " ORDER BY tm.name COLLATE NOCASE DESC, d.id DESC" : " ORDER BY tm.name COLLATE NOCASE, d.id";
    case AFFARI_DEAL_SORT_PROBABILITY:
      return desc ? " ORDER BY d.probability DESC, d.id DESC" : " ORDER BY d.probability, d.id";
    /* ---- list and filters ---- */
    case AFFARI_DEAL_SORT_CURRENCY:
      return desc ? " ORDER BY d.currency DESC, d.id DESC" : " ORDER BY d.currency, d.id";
    case AFFARI_DEAL_SORT_TYPE:
      return desc ? " ORDER BY d.type_id DESC, d.id DESC" : " ORDER BY d.type_id, d.id";
    case AFFARI_DEAL_SORT_SOURCE:
      return desc ? " ORDER BY d.source_id DESC, d.id DESC" : " ORDER BY d.source_id, d.id";
    case AFFARI_DEAL_SORT_NEXT_ACTIVITY:
      /* deals without a planned activity last either way */
      return desc ? " ORDER BY (SELECT min(a.deadline) FROM activity a WHERE a.deal_id = d.id AND a.completed = 0) IS NULL,"
                    " (SELECT min(a.deadline) FROM activity a WHERE a.deal_id = d.id AND a.completed = 0) DESC, d.id DESC"
                  : " ORDER BY (SELECT min(a.deadline) FROM activity a WHERE a.deal_id = d.id AND a.completed = 0) IS NULL,"
                    " (SELECT min(a.deadline) FROM activity a WHERE a.deal_id = d.id AND a.completed = 0), d.id";
    case AFFARI_DEAL_SORT_REPEAT:
      return desc ? " ORDER BY (d.is_return_customer OR d.is_repeated_approach) DESC, d.id DESC"
                  : " ORDER BY (d.is_return_customer OR d.is_repeated_approach), d.id";
    default:
      return " ORDER BY d.id";
    }
}

static char *
build_select (const AffariDealQuery *q, const char *columns, Filter *f, gboolean ordered, SearchMode search)
{
  GString *sql = g_string_new ("SELECT ");
  gboolean stage_join = FALSE, client_join = FALSE, member_join = FALSE;
  const char *order = ordered ? order_by (q, &stage_join, &client_join, &member_join) : "";

  g_string_append (sql, columns);
  if (search == SEARCH_LEADS)
    {
      g_string_append (sql, " FROM deal_search CROSS JOIN deal d ON d.id = deal_search.rowid");
      if (stage_join)
        g_string_append (sql, " JOIN stage s ON s.id = d.stage_id");
    }
  else if (stage_join && ordered && walks_stages (q))
    g_string_append (sql, " FROM stage s CROSS JOIN deal d ON d.stage_id = s.id");
  else if (stage_join)
    g_string_append (sql, " FROM deal d JOIN stage s ON s.id = d.stage_id");
  else
    g_string_append (sql, " FROM deal d");
  if (client_join)
    g_string_append (sql, " LEFT JOIN company co ON co.id = d.company_id");
  if (member_join)
    g_string_append (sql, " LEFT JOIN team_member tm ON tm.id = d.assigned_by_id");
  g_string_append (sql, f->joins->str);
  g_string_append (sql, " WHERE ");
  g_string_append (sql, f->where->str);
  g_string_append (sql, order);
  return g_string_free (sql, FALSE);
}

static GArray *
query_ids_upto (AffariStore *self, const AffariDealQuery *query, SearchMode search, guint limit, GError **error)
{
  Filter f;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  GArray *ids;
  int rc;

  filter_init_for (self, &f, query, search != SEARCH_LEADS && walks_stages (query), search);
  sql = build_select (query, "d.id", &f, TRUE, search);
  stmt = filter_prepare (self, &f, sql, error);
  if (stmt == NULL)
    return NULL;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((limit == 0 || ids->len < limit) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (limit > 0 && ids->len == limit)
    rc = SQLITE_DONE;
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_array_unref (ids);
      store_set_sqlite_error (error, self->db, rc, "query");
      return NULL;
    }
  return ids;
}

static GArray *
query_ids (AffariStore *self, const AffariDealQuery *query, SearchMode search, GError **error)
{
  return query_ids_upto (self, query, search, 0, error);
}

/* The ids of the deals whose search document matches @match, as bits indexed by id. */
typedef struct {
  guint64 *bits;
  gsize    n_words;
  guint    count;
} IdSet;

static gboolean
id_set_has (const IdSet *set, gint64 id)
{
  guint64 word = (guint64) id >> 6;

  return id > 0 && word < set->n_words && (set->bits[word] >> (id & 63)) & 1;
}

static void
id_set_free (gpointer data)
{
  IdSet *set = data;

  g_free (set->bits);
  g_free (set);
}

static gint64 store_data_version (AffariStore *self);

static void
id_set_add (IdSet *set, gint64 id)
{
  guint64 word = (guint64) id >> 6;

  if (id <= 0)
    return;
  if (word >= set->n_words)
    {
      gsize n = MAX (word + 1, set->n_words * 2);

      set->bits = g_renew (guint64, set->bits, n);
      memset (set->bits + set->n_words, 0, (n - set->n_words) * sizeof (guint64));
      set->n_words = n;
    }
  set->bits[word] |= G_GUINT64_CONSTANT (1) << (id & 63);
  set->count++;
}

#define ID_SET_POINTER "affari-id-set"

/* affari_id_set(id, set): an aggregate that adds every id to the IdSet bound as a pointer —
 * tens of thousands of matches go into the set without a result row each (half the time). */
static void
sql_id_set_step (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  IdSet *set = sqlite3_value_pointer (argv[1], ID_SET_POINTER);

  if (set != NULL)
    id_set_add (set, sqlite3_value_int64 (argv[0]));
}

static void
sql_id_set_final (sqlite3_context *ctx)
{
  sqlite3_result_null (ctx);
}

static gboolean
search_matches (AffariStore *self, const char *match, IdSet *set, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self, "SELECT affari_id_set (rowid, ?2) FROM deal_search WHERE deal_search MATCH ?1",
                                      error);
  int rc;

  memset (set, 0, sizeof *set);
  if (stmt == NULL)
    return FALSE;
  store_bind_text (stmt, 1, match);
  sqlite3_bind_pointer (stmt, 2, set, ID_SET_POINTER, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);
  sqlite3_bind_null (stmt, 2);
  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (&set->bits, g_free);
      store_set_sqlite_error (error, self->db, rc, "query");
      return FALSE;
    }
  return TRUE;
}

/* The deals @match finds: kept until the next write, so that the columns of the board and the
 * list's footer, asking one after the other for the same words, search once. */
static const IdSet *
search_set (AffariStore *self, const char *match, GError **error)
{
  IdSet *set;

  if (self->search_set != NULL && g_strcmp0 (self->search_match, match) == 0 &&
      self->search_changes == sqlite3_total_changes64 (self->db) &&
      self->search_data_version == store_data_version (self))
    return self->search_set;

  g_clear_pointer (&self->search_set, id_set_free);
  g_clear_pointer (&self->search_match, g_free);
  set = g_new0 (IdSet, 1);
  if (!search_matches (self, match, set, error))
    {
      g_free (set);
      return NULL;
    }
  self->search_set = set;
  self->search_match = g_strdup (match);
  self->search_changes = sqlite3_total_changes64 (self->db);
  self->search_data_version = store_data_version (self);
  return set;
}

/* Fewer matches than this: the full-text index leads and SQLite sorts the matches; more (one or
 * two typed letters match most deals): the deals are read in the order asked for, along its
 * index (or taken from the cache), and only the matching ids are kept — sorting tens of
 * thousands of matches, or looking each deal up in a list of tens of thousands, costs several
 * times more. */
#define SEARCH_LEADS_BELOW 5000

/* A list of a whole pipeline (not a Kanban column) whose result does not move with the clock. */
static gboolean
base_cacheable (const AffariDealQuery *q)
{
  return q != NULL && q->stage_id == 0 && !q->include_deleted && q->activity != AFFARI_ACTIVITY_FILTER_OVERDUE;
}

static gint64
store_data_version (AffariStore *self)
{
  sqlite3_stmt *stmt = store_prepare (self, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return version;
}

/* The cached ids of @base (a query without words), or NULL. */
static GArray *
base_lookup (AffariStore *self, const AffariDealQuery *base)
{
  g_autofree char *today = NULL;

  if (self->base_ids == NULL || !affari_deal_query_equal (self->base_query, base))
    return NULL;
  today = store_today (self);
  if (self->base_changes != sqlite3_total_changes64 (self->db) ||
      self->base_user != self->current_user ||
      g_strcmp0 (self->base_today, today) != 0 ||
      self->base_data_version != store_data_version (self))
    {
      g_clear_pointer (&self->base_ids, g_array_unref);
      return NULL;
    }
  return self->base_ids;
}

static void
base_keep (AffariStore *self, const AffariDealQuery *base, GArray *ids)
{
  g_clear_pointer (&self->base_query, affari_deal_query_free);
  g_clear_pointer (&self->base_ids, g_array_unref);
  g_clear_pointer (&self->base_today, g_free);
  self->base_query = affari_deal_query_copy (base);
  self->base_ids = g_array_ref (ids);
  self->base_changes = sqlite3_total_changes64 (self->db);
  self->base_data_version = store_data_version (self);
  self->base_today = store_today (self);
  self->base_user = self->current_user;
}

/* The ids of @base, from the cache or read and kept (the caller must not change them). */
static GArray *
base_ids (AffariStore *self, const AffariDealQuery *base, GError **error)
{
  GArray *ids = base_lookup (self, base);

  if (ids != NULL)
    return g_array_ref (ids);
  ids = query_ids (self, base, SEARCH_IN_SUBQUERY, error);
  if (ids != NULL && base_cacheable (base))
    base_keep (self, base, ids);
  return ids;
}

/* Typing in the search runs one query per keystroke with the same criteria and other words: the
 * ids of the criteria alone, in the order asked for, are kept (until anything is written), and
 * a keystroke only asks the full-text index which deals match and keeps those. */
GArray *
affari_store_query_deal_ids (AffariStore *self, const AffariDealQuery *query, GError **error)
{
  g_autofree char *match = NULL;
  g_autoptr(AffariDealQuery) base = NULL;
  g_autoptr(GArray) all = NULL;
  const IdSet *set;
  GArray *ids;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  if (query != NULL && query->text != NULL && !query->include_deleted && self->has_search_index)
    match = store_search_match_expression (query->text);
  if (match == NULL && !base_cacheable (query))
    return query_ids (self, query, SEARCH_IN_SUBQUERY, error);

  base = affari_deal_query_copy (query);
  g_clear_pointer (&base->text, g_free);
  if (match == NULL)
    {
      all = base_ids (self, base, error);
      return all != NULL ? g_array_copy (all) : NULL;
    }

  set = search_set (self, match, error);
  if (set == NULL)
    return NULL;
  /* few matches and nothing kept: the full-text index leads and SQLite sorts the matches */
  if (self->search_plan == AFFARI_SEARCH_PLAN_INDEX_LEADS ||
      (self->search_plan == AFFARI_SEARCH_PLAN_AUTO && set->count < SEARCH_LEADS_BELOW &&
       (!base_cacheable (base) || base_lookup (self, base) == NULL)))
    return query_ids (self, query, SEARCH_LEADS, error);

  all = base_ids (self, base, error);
  ids = all != NULL ? g_array_sized_new (FALSE, FALSE, sizeof (gint64), MIN (set->count, all->len)) : NULL;
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      gint64 id = g_array_index (all, gint64, i);

      if (id_set_has (set, id))
        g_array_append_val (ids, id);
    }
  return ids;
}

/* The first @limit ids of affari_store_query_deal_ids (): what a Kanban column shows in its
 * first frame, read along the stage's index without reading the thousands after them. */
GArray *
affari_store_query_first_deal_ids (AffariStore *self, const AffariDealQuery *query, guint limit, GError **error)
{
  GArray *ids;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  /* A search or criteria whose ids are kept: the same list as in full, cut. */
  if (limit == 0 || (query != NULL && query->text != NULL && *query->text != '\0') || base_cacheable (query))
    {
      ids = affari_store_query_deal_ids (self, query, error);
      if (ids != NULL && limit > 0 && ids->len > limit)
        g_array_set_size (ids, limit);
      return ids;
    }
  return query_ids_upto (self, query, SEARCH_IN_SUBQUERY, limit, error);
}

GPtrArray *
affari_store_query_deals (AffariStore *self, const AffariDealQuery *query,
                          guint offset, guint limit, GError **error)
{
  Filter f;
  g_autofree char *sql = NULL;
  g_autofree char *paged = NULL;
  sqlite3_stmt *stmt;
  GPtrArray *result;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  filter_init (self, &f, query);
  {
    gboolean a, b, c;
    const char *order = order_by (query, &a, &b, &c);
    sql = g_strconcat ("SELECT " DEAL_COLUMNS DEAL_FROM, a ? " JOIN stage s ON s.id = d.stage_id" : "",
                       f.joins->str, " WHERE ", f.where->str, order, NULL);
  }
  paged = g_strdup_printf ("%s LIMIT %u OFFSET %u", sql, limit ? limit : G_MAXINT32, offset);
  stmt = store_prepare (self, paged, error);
  if (stmt == NULL)
    {
      filter_clear (&f);
      return NULL;
    }
  filter_bind (&f, stmt);
  filter_clear (&f);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, deal_from_row (stmt));
  sqlite3_reset (stmt);
  /* paged statements differ by their numbers: do not keep them */
  g_hash_table_remove (self->statements, paged);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (result);
      store_set_sqlite_error (error, self->db, rc, "query");
      return NULL;
    }
  return result;
}

guint
affari_store_count_deals (AffariStore *self, const AffariDealQuery *query, GError **error)
{
  Filter f;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  guint count = 0;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  filter_init (self, &f, query);
  sql = build_select (query, "count(*)", &f, FALSE, SEARCH_IN_SUBQUERY);
  stmt = store_prepare (self, sql, error);
  if (stmt == NULL)
    {
      filter_clear (&f);
      return 0;
    }
  filter_bind (&f, stmt);
  filter_clear (&f);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = (guint) sqlite3_column_int64 (stmt, 0);
  else
    store_set_sqlite_error (error, self->db, rc, "count");
  sqlite3_reset (stmt);
  return count;
}

/* The rows (stage id, currency, count, sum) of a totals statement, bound and ready. */
static GArray *
read_totals (AffariStore *self, sqlite3_stmt *stmt, GError **error)
{
  GArray *totals = g_array_new (FALSE, TRUE, sizeof (AffariStageTotal));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AffariStageTotal t = { 0 };
      const char *currency = (const char *) sqlite3_column_text (stmt, 1);

      t.stage_id = sqlite3_column_int64 (stmt, 0);
      g_strlcpy (t.currency, currency ? currency : "", sizeof t.currency);
      t.count = (guint) sqlite3_column_int64 (stmt, 2);
      t.sum = sqlite3_column_int64 (stmt, 3);
      g_array_append_val (totals, t);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_array_unref (totals);
      store_set_sqlite_error (error, self->db, rc, "totals");
      return NULL;
    }
  return totals;
}

static GArray *
stage_totals_sql (AffariStore *self, const AffariDealQuery *query, SearchMode search, GError **error)
{
  Filter f;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  filter_init_for (self, &f, query, FALSE, search);
  sql = g_strconcat ("SELECT d.stage_id, d.currency, count(*), sum(d.amount)",
                     search == SEARCH_LEADS ? " FROM deal_search CROSS JOIN deal d ON d.id = deal_search.rowid"
                                            : " FROM deal d",
                     f.joins->str, " WHERE ", f.where->str,
                     /* grouped as the covering index deal_totals is ordered: no temporary table */
                     " GROUP BY d.pipeline_id, d.stage_id, d.currency", NULL);
  stmt = filter_prepare (self, &f, sql, error);
  if (stmt == NULL)
    return NULL;

  return read_totals (self, stmt, error);
}

/* Many matches: the deals of the criteria are read along the covering index deal_totals, in its
 * order, and only the matching ones are added up. */
static GArray *
stage_totals_of_set (AffariStore *self, const AffariDealQuery *query, const IdSet *set, GError **error)
{
  Filter f;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  GArray *totals;
  AffariStageTotal *last = NULL;
  int rc;

  filter_init_for (self, &f, query, FALSE, SEARCH_APART);
  sql = g_strconcat ("SELECT d.id, d.stage_id, d.currency, d.amount FROM deal d", f.joins->str,
                     " WHERE ", f.where->str, " ORDER BY d.pipeline_id, d.stage_id, d.currency", NULL);
  stmt = filter_prepare (self, &f, sql, error);
  if (stmt == NULL)
    return NULL;

  totals = g_array_new (FALSE, TRUE, sizeof (AffariStageTotal));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 stage_id = sqlite3_column_int64 (stmt, 1);
      const char *currency = (const char *) sqlite3_column_text (stmt, 2);

      if (!id_set_has (set, sqlite3_column_int64 (stmt, 0)))
        continue;
      if (last == NULL || last->stage_id != stage_id || strcmp (last->currency, currency ? currency : "") != 0)
        {
          AffariStageTotal t = { .stage_id = stage_id };

          g_strlcpy (t.currency, currency ? currency : "", sizeof t.currency);
          g_array_append_val (totals, t);
          last = &g_array_index (totals, AffariStageTotal, totals->len - 1);
        }
      last->count++;
      last->sum += sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_array_unref (totals);
      store_set_sqlite_error (error, self->db, rc, "totals");
      return NULL;
    }
  return totals;
}

/* Whether @query asks for nothing but a pipeline and a stage (what stage_total keeps). */
static gboolean
only_pipeline_and_stage (const AffariDealQuery *query)
{
  AffariDealQuery plain = { 0 };

  if (query == NULL)
    return TRUE;
  plain.pipeline_id = query->pipeline_id;
  plain.stage_id = query->stage_id;
  plain.sort = query->sort;
  plain.descending = query->descending;
  return affari_deal_query_equal (&plain, query);
}

/* The board's headers without a filter: the totals kept by the triggers of migration 4. */
static GArray *
stage_totals_kept (AffariStore *self, const AffariDealQuery *query, GError **error)
{
  gint64 pipeline_id = query != NULL ? query->pipeline_id : 0;
  gint64 stage_id = query != NULL ? query->stage_id : 0;
  sqlite3_stmt *stmt;

  stmt = store_prepare (self,
                        "SELECT stage_id, currency, count, sum FROM stage_total"
                        " WHERE (?1 = 0 OR pipeline_id = ?1) AND (?2 = 0 OR stage_id = ?2) AND count > 0"
                        " ORDER BY pipeline_id, stage_id, currency", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pipeline_id);
  sqlite3_bind_int64 (stmt, 2, stage_id);
  return read_totals (self, stmt, error);
}

GArray *
affari_store_stage_totals (AffariStore *self, const AffariDealQuery *query, GError **error)
{
  g_autofree char *match = NULL;
  const IdSet *set;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  if (only_pipeline_and_stage (query))
    return stage_totals_kept (self, query, error);

  if (query != NULL && query->text != NULL && !query->include_deleted && self->has_search_index)
    match = store_search_match_expression (query->text);
  if (match == NULL)
    return stage_totals_sql (self, query, SEARCH_IN_SUBQUERY, error);

  set = search_set (self, match, error);
  if (set == NULL)
    return NULL;
  if (self->search_plan == AFFARI_SEARCH_PLAN_INDEX_LEADS ||
      (self->search_plan == AFFARI_SEARCH_PLAN_AUTO && set->count < SEARCH_LEADS_BELOW))
    return stage_totals_sql (self, query, SEARCH_LEADS, error);
  return stage_totals_of_set (self, query, set, error);
}

void
affari_store_forget_kept (AffariStore *self)
{
  g_return_if_fail (AFFARI_IS_STORE (self));

  g_clear_pointer (&self->base_ids, g_array_unref);
  g_clear_pointer (&self->search_set, id_set_free);
  g_clear_pointer (&self->search_match, g_free);
}

void
affari_store_set_search_plan (AffariStore *self, AffariSearchPlan plan)
{
  g_return_if_fail (AFFARI_IS_STORE (self));

  self->search_plan = plan;
}

/* --------------------------------------------------------------- activities */

static AffariActivity *
activity_from_row (sqlite3_stmt *stmt)
{
  AffariActivityType kind = AFFARI_ACTIVITY_TASK;

  affari_activity_type_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind);
  return g_object_new (AFFARI_TYPE_ACTIVITY,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "deal-id", sqlite3_column_int64 (stmt, 1),
                       "kind", (int) kind,
                       "subject", (const char *) sqlite3_column_text (stmt, 3),
                       "description", (const char *) sqlite3_column_text (stmt, 4),
                       "deadline", sqlite3_column_int64 (stmt, 5),
                       "completed", sqlite3_column_int (stmt, 6) != 0,
                       "responsible-id", sqlite3_column_int64 (stmt, 7),
                       "created", sqlite3_column_int64 (stmt, 8),
                       NULL);
}

gboolean
affari_store_add_activity (AffariStore *self, gint64 deal_id, AffariActivity *activity, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 stage, id = 0;
  gboolean ok;
  g_autofree char *text = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (AFFARI_IS_ACTIVITY (activity), FALSE);

  if (!store_check_text (affari_activity_get_subject (activity), MAX_TITLE_CHARS, TRUE, _("The subject"), error) ||
      !store_check_text (affari_activity_get_description (activity), MAX_TEXT_CHARS, FALSE, _("The description"), error))
    return FALSE;
  if (affari_activity_get_deadline (activity) <= 0)
    return store_set_invalid (error, _("The activity needs a deadline"));
  stage = store_deal_stage (self, deal_id);
  if (stage == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal does not exist any more"));
      return FALSE;
    }

  if (!store_tx_begin (self, error))
    return FALSE;
  stmt = store_prepare (self,
    "INSERT INTO activity (deal_id, kind, subject, description, deadline, completed, completed_at, responsible_id, created)"
    " VALUES (?1, ?2, trim(?3), ?4, ?5, ?6, CASE WHEN ?6 THEN ?8 END,"
    "         coalesce(?7, (SELECT assigned_by_id FROM deal WHERE id = ?1)), ?8)", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, deal_id);
      store_bind_text (stmt, 2, affari_activity_type_to_string (affari_activity_get_kind (activity)));
      store_bind_text (stmt, 3, affari_activity_get_subject (activity));
      store_bind_text (stmt, 4, affari_activity_get_description (activity));
      sqlite3_bind_int64 (stmt, 5, affari_activity_get_deadline (activity));
      sqlite3_bind_int (stmt, 6, affari_activity_get_completed (activity));
      store_bind_id (stmt, 7, affari_activity_get_responsible_id (activity));
      sqlite3_bind_int64 (stmt, 8, affari_store_now (self));
      ok = store_step_done (self, stmt, error);
      id = sqlite3_last_insert_rowid (self->db);
    }
  if (ok)
    {
      text = g_strdup_printf (affari_activity_get_completed (activity) ? _("%s done: %s") : _("%s planned: %s"),
                              affari_activity_type_label (affari_activity_get_kind (activity)),
                              affari_activity_get_subject (activity));
      ok = store_add_event (self, deal_id, AFFARI_EVENT_ACTIVITY, "ACTIVITY", NULL, affari_activity_get_subject (activity),
                      text, error);
    }
  if (ok)
    store_queue_deal (self, deal_id, stage, stage);
  if (!store_tx_end (self, ok, error))
    return FALSE;
  g_object_set (activity, "id", id, "deal-id", deal_id, NULL);
  return TRUE;
}

static AffariActivity *
get_activity (AffariStore *self, gint64 activity_id, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self,
    "SELECT id, deal_id, kind, subject, description, deadline, completed, responsible_id, created"
    " FROM activity WHERE id = ?", error);
  AffariActivity *activity = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    activity = activity_from_row (stmt);
  else
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The activity does not exist any more"));
  sqlite3_reset (stmt);
  return activity;
}

gboolean
affari_store_complete_activity (AffariStore *self, gint64 activity_id, gboolean completed, GError **error)
{
  g_autoptr(AffariActivity) activity = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  gint64 deal_id, stage;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  activity = get_activity (self, activity_id, error);
  if (activity == NULL)
    return FALSE;
  if (affari_activity_get_completed (activity) == completed)
    return TRUE;
  deal_id = affari_activity_get_deal_id (activity);
  stage = store_deal_stage (self, deal_id);

  if (!store_tx_begin (self, error))
    return FALSE;
  stmt = store_prepare (self, "UPDATE activity SET completed = ?1, completed_at = CASE WHEN ?1 THEN ?2 END WHERE id = ?3", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int (stmt, 1, completed);
      sqlite3_bind_int64 (stmt, 2, affari_store_now (self));
      sqlite3_bind_int64 (stmt, 3, activity_id);
      ok = store_step_done (self, stmt, error);
    }
  if (ok)
    {
      text = g_strdup_printf (completed ? _("%s done: %s") : _("%s planned again: %s"),
                              affari_activity_type_label (affari_activity_get_kind (activity)),
                              affari_activity_get_subject (activity));
      ok = store_add_event (self, deal_id, AFFARI_EVENT_ACTIVITY, "ACTIVITY", NULL,
                      affari_activity_get_subject (activity), text, error);
    }
  if (ok && stage)
    store_queue_deal (self, deal_id, stage, stage);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_delete_activity (AffariStore *self, gint64 activity_id, GError **error)
{
  g_autoptr(AffariActivity) activity = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  gint64 deal_id, stage;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  activity = get_activity (self, activity_id, error);
  if (activity == NULL)
    return FALSE;
  deal_id = affari_activity_get_deal_id (activity);
  stage = store_deal_stage (self, deal_id);

  if (!store_tx_begin (self, error))
    return FALSE;
  stmt = store_prepare (self, "DELETE FROM activity WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, activity_id);
      ok = store_step_done (self, stmt, error);
    }
  if (ok)
    {
      text = g_strdup_printf (_("%s removed: %s"),
                              affari_activity_type_label (affari_activity_get_kind (activity)),
                              affari_activity_get_subject (activity));
      ok = store_add_event (self, deal_id, AFFARI_EVENT_ACTIVITY, "ACTIVITY", affari_activity_get_subject (activity),
                      NULL, text, error);
    }
  if (ok && stage)
    store_queue_deal (self, deal_id, stage, stage);
  return store_tx_end (self, ok, error);
}

GPtrArray *
affari_store_list_activities (AffariStore *self, gint64 deal_id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self,
    "SELECT id, deal_id, kind, subject, description, deadline, completed, responsible_id, created"
    " FROM activity WHERE deal_id = ? ORDER BY completed, deadline, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  return collect_rows (self, stmt, (RowFunc) activity_from_row, "activities", error);
}

/* -------------------------------------------------------------------- check */

/* Each invariant: a query returning one row per violation (a readable detail), and what it means. */
static const struct {
  const char *sql;
  const char *problem;
} invariants[] = {
  { "SELECT p.name FROM pipeline p WHERE (SELECT count(*) FROM stage s WHERE s.pipeline_id = p.id AND s.semantics = 'S') <> 1",
    N_("Pipeline “%s” must have exactly one won stage") },
  { "SELECT p.name FROM pipeline p WHERE NOT EXISTS (SELECT 1 FROM stage s WHERE s.pipeline_id = p.id AND s.semantics = 'F')",
    N_("Pipeline “%s” has no lost stage") },
  { "SELECT p.name FROM pipeline p WHERE NOT EXISTS (SELECT 1 FROM stage s WHERE s.pipeline_id = p.id AND s.semantics = 'P')",
    N_("Pipeline “%s” has no in-progress stage") },
  { "SELECT p.name FROM pipeline p WHERE"
    " (SELECT max(sort) FROM stage WHERE pipeline_id = p.id AND semantics = 'P') >"
    " (SELECT min(sort) FROM stage WHERE pipeline_id = p.id AND semantics = 'S')"
    " OR (SELECT max(sort) FROM stage WHERE pipeline_id = p.id AND semantics = 'S') >"
    " (SELECT min(sort) FROM stage WHERE pipeline_id = p.id AND semantics = 'F')",
    N_("The stages of pipeline “%s” are out of order (in progress, then won, then lost)") },
  { "SELECT 'x' WHERE (SELECT count(*) FROM pipeline WHERE is_default = 1) <> 1",
    N_("There must be exactly one default pipeline (%s)") },
  { "SELECT d.id FROM deal d JOIN stage s ON s.id = d.stage_id WHERE s.pipeline_id <> d.pipeline_id",
    N_("Deal %s is in a stage of another pipeline") },
  { "SELECT d.id FROM deal d JOIN stage s ON s.id = d.stage_id WHERE s.semantics <> d.semantics",
    N_("Deal %s has the wrong stage semantics") },
  { "SELECT d.id FROM deal d WHERE d.closed <> (d.semantics <> 'P')",
    N_("Deal %s is closed in an open stage, or open in a closed one") },
  { "SELECT d.id FROM deal d WHERE d.is_manual_amount = 0"
    " AND EXISTS (SELECT 1 FROM deal_product WHERE deal_id = d.id)"
    " AND d.amount <> (SELECT sum(row_total) FROM deal_product WHERE deal_id = d.id)",
    N_("The amount of deal %s differs from its product rows") },
  { "SELECT DISTINCT t.stage_id FROM stage_total t"
    " LEFT JOIN (SELECT pipeline_id, stage_id, currency, count(*) AS n, sum(amount) AS total FROM deal"
    "            WHERE deleted_at IS NULL AND is_recurring = 0 GROUP BY pipeline_id, stage_id, currency) d"
    " USING (pipeline_id, stage_id, currency)"
    " WHERE t.count <> coalesce(d.n, 0) OR t.sum <> coalesce(d.total, 0)"
    " UNION SELECT stage_id FROM (SELECT pipeline_id, stage_id, currency FROM deal"
    "   WHERE deleted_at IS NULL AND is_recurring = 0 GROUP BY pipeline_id, stage_id, currency"
    "   EXCEPT SELECT pipeline_id, stage_id, currency FROM stage_total)",
    N_("The kept count and total of stage %s differ from its deals") },
  { "SELECT deal_id FROM deal_contact GROUP BY deal_id HAVING sum(is_primary) > 1",
    N_("Deal %s has more than one primary contact") },
  { "SELECT d.id FROM deal d WHERE NOT EXISTS (SELECT 1 FROM event e WHERE e.deal_id = d.id AND e.kind = 'created')",
    N_("Deal %s has no creation event in its history") },
  { "SELECT value FROM setting WHERE key = 'current_user_id'"
    " AND NOT EXISTS (SELECT 1 FROM team_member WHERE id = CAST(value AS INTEGER))",
    N_("The current user %s is not in the team") },
};

gboolean
affari_store_check (AffariStore *self, GPtrArray **problems, GError **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check(100)", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (found, g_strdup_printf (_("Integrity: %s"), line));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    return store_set_sqlite_error (error, self->db, rc, "integrity_check");

  stmt = NULL;
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (found, g_strdup_printf (_("Row %lld of table %s points to a missing row of %s"),
                                               (long long) sqlite3_column_int64 (stmt, 1),
                                               sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 2)));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    return store_set_sqlite_error (error, self->db, rc, "foreign_key_check");

  for (guint i = 0; i < G_N_ELEMENTS (invariants); i++)
    {
      guint n = 0;
      stmt = NULL;
      rc = sqlite3_prepare_v2 (self->db, invariants[i].sql, -1, &stmt, NULL);
      while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          if (n++ < 20)
            {
            g_ptr_array_add (found, g_strdup_printf (_(invariants[i].problem), sqlite3_column_text (stmt, 0)));
            }
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE && rc != SQLITE_OK)
        return store_set_sqlite_error (error, self->db, rc, "check");
    }

  if (problems)
    *problems = g_ptr_array_ref (found);
  return found->len == 0;
}
