/* affari-store-sql.c — the statement cache and the helpers that prepare, bind, step and collect
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
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

gboolean
store_set_sqlite_error (GError **error, sqlite3 *db, int rc, const char *context)
{
  const char *msg = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  int code;
  const char *what;

  /* A full disk often arrives as an I/O error: the system's errno says which. */
  if ((rc & 0xff) == SQLITE_IOERR && db != NULL && sqlite3_system_errno (db) == ENOSPC)
    rc = SQLITE_FULL;

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

  /* SQLite's own text is English and means nothing to a user: it goes to the log, the message
   * is the sentence above. */
  g_debug ("%s: %s (%d)", context != NULL ? context : "", msg, rc);
  g_set_error_literal (error, AFFARI_ERROR, code, what);
  return FALSE;
}

gboolean
store_fail (AffariStore *self, GError **error, int rc, const char *context)
{
  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    store_mark_damaged (self);
  return store_set_sqlite_error (error, self->db, rc, context);
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

void
store_sql_fold (sqlite3_context *ctx, int argc, sqlite3_value **argv)
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

/* ------------------------------------------------------------- statements */

/* Before SQLite's first use in the process: no global count of allocated memory (a mutex taken
 * on every allocation, and the store never asks for the count). Too late once SQLite runs. */
void
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
guint
store_sql_hash (gconstpointer key)
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
      store_fail (self, error, rc, "prepare");
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
      store_fail (self, error, rc, "step");
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
    return store_fail (self, error, rc, "exec");
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

/* ------------------------------------------------------- settings and team */

GPtrArray *
store_collect (AffariStore *self, sqlite3_stmt *stmt, StoreRowFunc from_row, const char *what, GError **error)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (result);
      store_fail (self, error, rc, what);
      return NULL;
    }
  return result;
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
  /* Control characters (a terminal's escapes among them) have no place in a deal: only the
   * line breaks and tabs of a longer text. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) && c != '\n' && c != '\t' && c != '\r')
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("%s contains control characters"), what);
          return FALSE;
        }
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

gboolean
store_check_line (const char *text, guint max_chars, gboolean required, const char *what, GError **error)
{
  if (!store_check_text (text, max_chars, required, what, error))
    return FALSE;
  if (text != NULL && strpbrk (text, "\n\r\t") != NULL)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("%s must be one line"), what);
      return FALSE;
    }
  return TRUE;
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

/* ------------------------------------------------------------ helpers */

gboolean
store_exec_id (AffariStore *self, const char *sql, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return store_step_done (self, stmt, error);
}

/* Runs one write statement with its parameters bound from @types, one letter a parameter:
 * 's' text (const char *, NULL binds NULL), 'x' gint64, 'n' an id (gint64, 0 binds NULL),
 * 'i' int, 'd' double. The prepare/bind/step shape of a write, written once. */
gboolean
store_exec (AffariStore  *self,
            GError      **error,
            const char   *sql,
            const char   *types,
            ...)
{
  sqlite3_stmt *stmt = store_prepare (self, sql, error);
  va_list args;

  if (stmt == NULL)
    return FALSE;

  va_start (args, types);
  for (int i = 0; types[i] != '\0'; i++)
    switch (types[i])
      {
      case 's':
        store_bind_text (stmt, i + 1, va_arg (args, const char *));
        break;
      case 'x':
        sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
        break;
      case 'n':
        store_bind_id (stmt, i + 1, va_arg (args, gint64));
        break;
      case 'i':
        sqlite3_bind_int (stmt, i + 1, va_arg (args, int));
        break;
      case 'd':
        sqlite3_bind_double (stmt, i + 1, va_arg (args, double));
        break;
      default:
        g_assert_not_reached ();
      }
  va_end (args);

  return store_step_done (self, stmt, error);
}

gboolean
store_ids_distinct (const gint64 *ids, guint n_ids)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < n_ids; i++)
    if (!g_hash_table_add (seen, (gpointer) &ids[i]))
      return FALSE;
  return TRUE;
}

/* The ids a one-parameter query returns, in order. */
GArray *
store_select_ids (AffariStore *self, const char *sql, gint64 param, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self, sql, error);
  g_autoptr(GArray) ids = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, param);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      store_fail (self, error, rc, "ids");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* The object @from_row makes of the one row of @sql (with @id as its parameter), or NULL with
 * @error: AFFARI_ERROR_NOT_FOUND and @not_found when there is no row. */
gpointer
store_get_by_id (AffariStore *self, const char *sql, gint64 id, StoreRowFunc from_row,
                 const char *not_found, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self, sql, error);
  gpointer object = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    object = from_row (stmt);
  else
    g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, not_found);
  sqlite3_reset (stmt);
  return object;
}

/* Every row of @sql (with @id as its parameter) made into an object by @from_row. */
GPtrArray *
store_collect_by_id (AffariStore *self, const char *sql, gint64 id, StoreRowFunc from_row,
                     const char *what, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return store_collect (self, stmt, from_row, what, error);
}
