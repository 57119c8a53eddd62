/* affari-test-server.c — the store's own test suite against the team's server (#21)
 *
 * tests/unit/test-store.c is compiled a second time with affari_store_open () replaced by
 * affari_test_server_open () (-Daffari_store_open=…): every database the test opens becomes a
 * new PostgreSQL database of its own on the throw-away cluster of PG_ADMIN_URL, prepared with
 * `server init`, and the store is the app's store on it (affari_store_open_server ()), its local
 * copy at the path the test gave. The same test functions then check the same behaviour through
 * the server: every write goes through it, and what the test reads back is what the server
 * accepted. Opening the same path again opens the same server database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libpq-fe.h>

#include "store/affari-store.h"
#include "store/pg/affari-pg-store.h"
#include "affari-test-server.h"

static GHashTable *databases;   /* local path → server database */
static guint counter;
static GMutex lock;             /* two threads may open the same path (two writers) */

/* @admin_url with its database replaced by @dbname. */
static char *
url_for (const char *admin_url, const char *dbname)
{
  PQconninfoOption *options = PQconninfoParse (admin_url, NULL);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (options);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      const char *value = g_str_equal (o->keyword, "dbname") ? dbname : o->val;
      g_autofree char *quoted = NULL;

      if (value == NULL || *value == '\0')
        continue;
      quoted = g_strescape (value, NULL);
      g_string_append_printf (out, "%s%s='%s'", out->len > 0 ? " " : "", o->keyword, quoted);
    }
  PQconninfoFree (options);
  return g_string_free (out, FALSE);
}

static char *
new_database (void)
{
  const char *admin_url = g_getenv ("PG_ADMIN_URL");
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  char *dbname = g_strdup_printf ("affari_t%u_%u", (guint) getpid (), ++counter);
  char *url;
  PGconn *conn;
  PGresult *res;
  AffariPgStore *pg;

  g_assert_nonnull (admin_url);
  conn = PQconnectdb (admin_url);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  sql = g_strdup_printf ("CREATE DATABASE %s", dbname);
  res = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_COMMAND_OK);
  PQclear (res);
  PQfinish (conn);

  url = url_for (admin_url, dbname);
  pg = affari_pg_store_open (url, &error);
  g_assert_no_error (error);
  g_assert_true (affari_pg_store_init (pg, NULL, &error));
  g_assert_no_error (error);
  affari_pg_store_close (pg);
  g_free (dbname);
  return url;
}

AffariStore *
affari_test_server_open (const char  *path,
                         GError     **error)
{
  g_autofree char *memory = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);

  if (databases == NULL)
    databases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (path == NULL || g_str_equal (path, ":memory:"))
    {
      /* A database in memory: a local copy of its own, new each time. */
      g_autofree char *dir = g_dir_make_tmp ("affari-server-copy-XXXXXX", NULL);
      path = memory = g_build_filename (dir, "copy.db", NULL);
    }
  url = g_strdup (g_hash_table_lookup (databases, path));
  if (url == NULL)
    {
      url = new_database ();
      g_hash_table_insert (databases, g_strdup (path), g_strdup (url));
    }
  /* The second store on a path opens while the first reads: one snapshot at a time. */
  return affari_store_open_server (url, NULL, path, error);
}
