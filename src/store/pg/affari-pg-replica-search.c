/* affari-pg-replica-search.c — the team mode's store: the words typed in the search, looked for
 * by the server (#21)
 *
 * The server keeps a search document per deal (migration 15: the same sources as the SQLite
 * store's, in PostgreSQL's Italian configuration with accents folded): "caldaia" finds
 * "caldaie", "citta" finds "Città". Each typed word is a prefix, as in the local search. The
 * server's row-level security decides which deals the login may find; the store's own query then
 * keeps those of its other criteria (affari-store-query.c, store_search_set ()).
 *
 * While offline, and for words of one or two letters (they match most deals: the server would
 * send tens of thousands of ids and stemming changes nothing), the local copy's own index
 * answers, as on the embedded database. A server that does not answer within two seconds is
 * taken for unreachable: the window never hangs on a keystroke.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-pg"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "affari-pg-replica-private.h"

/* The shortest word worth asking the server for. */
#define SERVER_SEARCH_MIN_CHARS 3
/* How long a keystroke waits for the server's answer. */
#define SEARCH_TIMEOUT_US (2 * G_USEC_PER_SEC)

/* "'word1':* & 'word2':*" from the FTS5 expression "\"word1\"* \"word2\"*" (its words hold
 * letters and digits only: store_search_match_expression ()); NULL when no word is long enough. */
static char *
tsquery_from_match (const char *match)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_auto(GStrv) parts = g_strsplit (match, "\"", -1);
  glong longest = 0;

  /* The words are the odd parts: a"b"c → a, b, c. */
  for (guint i = 1; parts[i] != NULL; i += 2)
    {
      if (*parts[i] == '\0')
        continue;
      if (query->len > 0)
        g_string_append (query, " & ");
      g_string_append_printf (query, "'%s':*", parts[i]);
      longest = MAX (longest, g_utf8_strlen (parts[i], -1));
      if (parts[i + 1] == NULL)
        break;
    }
  if (longest < SERVER_SEARCH_MIN_CHARS)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}

gboolean
store_server_search (AffariStore *self, const char *match, StoreIdSet *set)
{
  StoreServer *srv = self->server;
  g_autofree char *query = NULL;
  g_autoptr(GError) error = NULL;
  const char *values[1];
  PGresult *res;
  int rows;

  if (srv == NULL || srv->conn == NULL || srv->connecting || match == NULL)
    return FALSE;
  query = tsquery_from_match (match);
  if (query == NULL)
    return FALSE;
  /* -1 first when the words are all stop words ("di", "per"): PostgreSQL's query is then empty
   * and finds nothing, where the local prefixes find them. */
  values[0] = query;
  res = replica_run_within (self,
                            "SELECT -1 FROM to_tsquery ('affari_it', $1) q WHERE numnode (q) = 0"
                            " UNION ALL SELECT affari_search ($1)",
                            1, values, SEARCH_TIMEOUT_US, &error);
  if (res == NULL)
    {
      g_debug ("the server's search: %s", error->message);
      return FALSE;
    }
  rows = PQntuples (res);
  if (rows > 0 && g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10) < 0)
    {
      PQclear (res);
      return FALSE;
    }
  for (int r = 0; r < rows; r++)
    store_id_set_add (set, g_ascii_strtoll (PQgetvalue (res, r, 0), NULL, 10));
  PQclear (res);
  return TRUE;
}
