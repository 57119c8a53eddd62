/* affari-pg-replica.c — the app's store on the team's PostgreSQL server (#21)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "store/affari-store-private.h"

struct _StoreServer
{
  char *url;
};

AffariStore *
affari_store_open_server (const char  *url,
                          const char  *password,
                          const char  *cache_path,
                          GError     **error)
{
  g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_FAILED, "team mode: work in progress");
  return NULL;
}

char *
affari_store_server_cache_path (const char *url)
{
  return NULL;
}

const char *
affari_store_get_server_url (AffariStore *self)
{
  return self->server != NULL ? self->server->url : NULL;
}

gboolean store_server_begin (AffariStore *self, GError **error) { return TRUE; }
gboolean store_server_commit (AffariStore *self, GError **error) { return TRUE; }
void store_server_abort (AffariStore *self) { }
void store_server_free (StoreServer *server) { if (server) g_free (server->url); g_free (server); }
gint64 store_new_id (AffariStore *self, const char *table, GError **error) { return 0; }
