/* affari-pg-replica-open.c — opening the team mode's store: the server's address, the local copy's
 * place, the first connection (or the last data when the server does not answer), an empty
 * server seeded by its owner, and another connection for a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-pg"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "affari-pg-replica-private.h"
#include "affari-pg-store-private.h"
#include "affari-pg-import.h"
#include "affari-pg-schema.h"

/* The address without a password: "postgresql://LOGIN@HOST:PORT/DATABASE". */
static char *
display_url (const char *url)
{
  g_autofree char *parse_error = NULL;
  PQconninfoOption *options = PQconninfoParse (url, &parse_error);
  const char *user = NULL, *host = NULL, *port = NULL, *dbname = NULL;
  GString *out;

  if (options == NULL)
    return NULL;
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      if (o->val == NULL || *o->val == '\0')
        continue;
      if (g_str_equal (o->keyword, "user"))
        user = o->val;
      else if (g_str_equal (o->keyword, "host"))
        host = o->val;
      else if (g_str_equal (o->keyword, "port"))
        port = o->val;
      else if (g_str_equal (o->keyword, "dbname"))
        dbname = o->val;
    }
  out = g_string_new ("postgresql://");
  if (user != NULL)
    g_string_append_printf (out, "%s@", user);
  if (host != NULL && host[0] != '/')
    g_string_append (out, host);
  if (port != NULL && (host == NULL || host[0] != '/'))
    g_string_append_printf (out, ":%s", port);
  g_string_append_printf (out, "/%s", dbname != NULL ? dbname : "");
  if (host != NULL && host[0] == '/')
    {
      g_autofree char *escaped = g_uri_escape_string (host, NULL, FALSE);
      g_string_append_printf (out, "?host=%s", escaped);
      if (port != NULL)
        g_string_append_printf (out, "&port=%s", port);
    }
  PQconninfoFree (options);
  return g_string_free (out, FALSE);
}

char *
affari_store_server_cache_path (const char *url)
{
  g_autofree char *shown = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  shown = display_url (url);
  if (shown == NULL)
    return NULL;
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, shown, -1);
  hash[16] = '\0';
  name = g_strdup_printf ("server-%s.db", hash);
  return g_build_filename (g_get_user_cache_dir (), "affari", name, NULL);
}

const char *
affari_store_get_server_url (AffariStore *self)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  return self->server != NULL ? self->server->url : NULL;
}

void
store_server_free (StoreServer *srv)
{
  if (srv == NULL)
    return;
  if (srv->session != NULL)
    sqlite3session_delete (srv->session);
  g_clear_pointer (&srv->conn, PQfinish);
  g_free (srv->conninfo);
  if (srv->password != NULL)
    memset (srv->password, 0, strlen (srv->password));
  g_free (srv->password);
  g_free (srv->url);
  g_hash_table_unref (srv->own_seqs);
  g_hash_table_unref (srv->id_pools);
  g_hash_table_unref (srv->columns);
  g_hash_table_unref (srv->keys);
  g_array_unref (srv->last_own);
  g_clear_pointer (&srv->emit_later, g_array_unref);
  g_free (srv);
}

static StoreServer *
server_new (const char *conninfo, const char *password)
{
  StoreServer *srv = g_new0 (StoreServer, 1);

  srv->conninfo = g_strdup (conninfo);
  /* An empty one is none: the address's own, or the server's other ways (a socket's peer). */
  srv->password = password != NULL && *password != '\0' ? g_strdup (password) : NULL;
  srv->url = display_url (conninfo);
  srv->own_seqs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  srv->id_pools = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  srv->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  srv->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  srv->last_own = g_array_new (FALSE, FALSE, sizeof (gint64));
  return srv;
}

AffariStore *
store_server_open_like (AffariStore  *like,
                        GError      **error)
{
  g_autoptr(AffariStore) self = NULL;
  StoreServer *srv = server_new (like->server->conninfo, like->server->password);
  PGresult *res;

  srv->conn = replica_connect_start (srv, TRUE);
  if (PQstatus (srv->conn) != CONNECTION_OK)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_OFFLINE, _("The server %s cannot be reached: %s"), srv->url,
                   PQerrorMessage (srv->conn));
      store_server_free (srv);
      return NULL;
    }
  self = affari_store_open (like->path, error);
  if (self == NULL)
    {
      store_server_free (srv);
      return NULL;
    }
  self->server = srv;
  /* The copy is the other store's, kept up to date by it: not read again. */
  srv->last_seq = like->server->last_seq;
  res = replica_run (self, "LISTEN affari_changes", 0, NULL, error);
  if (res == NULL)
    return NULL;
  PQclear (res);
  replica_read_me (self);
  return g_steal_pointer (&self);
}

/* The server was made with "server init" only: an owner's first connection gives it the new
 * database's pipeline, stages and lists (the local copy as migrations made it). */
static gboolean
seed_empty_server (AffariStore *self, const char *cache_path, GError **error)
{
  PGresult *res = replica_run (self, "SELECT EXISTS (SELECT 1 FROM pipeline), affari_me () IS NULL", 0, NULL, error);
  gboolean empty, owner;
  AffariPgStore pg = { self->server->conn };
  AffariPgImportReport report = { 0 };

  if (res == NULL)
    return FALSE;
  empty = PQgetvalue (res, 0, 0)[0] == 'f';
  owner = PQgetvalue (res, 0, 1)[0] == 't';
  PQclear (res);
  if (!empty)
    return TRUE;
  if (!owner)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND,
                           _("The team's server holds no pipeline yet: the administrator must connect first or "
                             "copy a database there (affari-cli --server URL server import-local PATH)."));
      return FALSE;
    }
  return affari_pg_store_import_local (&pg, self, NULL, NULL, &report, error);
}

AffariStore *
affari_store_open_server (const char  *url,
                          const char  *password,
                          const char  *cache_path,
                          GError     **error)
{
  g_autoptr(AffariStore) self = NULL;
  g_autofree char *default_cache = NULL;
  g_autofree char *dir = NULL;
  StoreServer *srv;
  PGresult *res;
  int version;

  g_return_val_if_fail (url != NULL, NULL);

  srv = server_new (url, password);
  if (srv->url == NULL)
    {
      store_server_free (srv);
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                   _("“%s” is not a server address (postgresql://NAME@HOST/DATABASE)"), url);
      return NULL;
    }

  if (cache_path == NULL)
    cache_path = default_cache = affari_store_server_cache_path (url);
  dir = g_path_get_dirname (cache_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      store_server_free (srv);
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_IO, _("Cannot create the folder “%s”: %s"), dir,
                   g_strerror (saved));
      return NULL;
    }

  srv->conn = replica_connect_start (srv, TRUE);
  if (PQstatus (srv->conn) != CONNECTION_OK)
    {
      g_autofree char *detail = g_strstrip (g_strdup (PQerrorMessage (srv->conn)));
      gboolean refused = strstr (detail, "password") != NULL || strstr (detail, "authentication") != NULL
                         || strstr (detail, "role") != NULL;
      gboolean have_copy = g_file_test (cache_path, G_FILE_TEST_EXISTS);

      if (refused || !have_copy)
        {
          if (refused)
            g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_FORBIDDEN,
                         _("The server %s refused the login: check the user name and the password (%s)"),
                         srv->url, detail);
          else
            g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_OFFLINE,
                         _("The server %s cannot be reached: %s"), srv->url, detail);
          store_server_free (srv);
          return NULL;
        }
      /* Unreachable, but this computer has the last data: shown read-only until it answers. */
      g_clear_pointer (&srv->conn, PQfinish);
    }

  self = affari_store_open (cache_path, error);
  if (self == NULL)
    {
      store_server_free (srv);
      return NULL;
    }
  self->server = srv;
  /* Where the copy stands in the server's change log (affari-pg-replica.c's catch_up ()). */
  if (!store_exec_sql (self, "CREATE TABLE IF NOT EXISTS replica_state (key TEXT PRIMARY KEY, value TEXT)", error))
    return NULL;
  if (srv->conn == NULL)
    {
      replica_go_offline (self);
      replica_read_me (self);
      return g_steal_pointer (&self);
    }

  res = replica_run (self, "SELECT value FROM affari_meta WHERE key = 'schema_version'", 0, NULL, NULL);
  version = res != NULL && PQntuples (res) == 1 ? atoi (PQgetvalue (res, 0, 0)) : 0;
  g_clear_pointer (&res, PQclear);
  if (version < 12)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_AFFARI,
                   _("The database %s on the server is not Affari's: prepare it with “affari-cli --server URL server init”."),
                   srv->url);
      return NULL;
    }
  if (version < AFFARI_PG_FIRST_VERSION + (int) AFFARI_PG_N_MIGRATIONS - 1)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_TOO_OLD,
                   _("The team's server has an older schema (version %d): its administrator updates it with "
                     "“affari-cli --server URL server init”."), version);
      return NULL;
    }  if (!seed_empty_server (self, cache_path, error) || !replica_connected (self, error))
    return NULL;
  return g_steal_pointer (&self);
}
