/* affari-pg-team.c — what affari-bench --server needs of the server besides the app's store: a
 * seller's address, and the history a run of moves left behind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"


#include <glib/gi18n.h>

#include "affari-pg-store-private.h"
#include "store/affari-store-private.h"
#include "model/affari-error.h"

char *
affari_pg_store_url_for (const char  *url,
                         const char  *login,
                         const char  *password,
                         GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  char *parse_error = NULL;
  PQconninfoOption *options = PQconninfoParse (url, &parse_error);

  if (options == NULL)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                   _("“%s” is not a server address (postgresql://NAME:PASSWORD@HOST/DATABASE): %s"), url,
                   parse_error != NULL ? parse_error : "");
      PQfreemem (parse_error);
      return NULL;
    }
  /* keyword='value' pairs, quotes and backslashes escaped as libpq reads them. */
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      const char *value = g_str_equal (o->keyword, "user") ? login
                          : g_str_equal (o->keyword, "password") ? password : o->val;

      if (value == NULL)
        continue;
      g_string_append_printf (out, "%s%s='", out->len > 0 ? " " : "", o->keyword);
      for (const char *c = value; *c != '\0'; c++)
        {
          if (*c == '\'' || *c == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *c);
        }
      g_string_append_c (out, '\'');
    }
  PQconninfoFree (options);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
affari_pg_store_moves_since (AffariPgStore  *self,
                             gint64          since_event,
                             gint64         *out_last_event,
                             gint64         *out_moves,
                             GError        **error)
{
  g_autofree char *since = g_strdup_printf ("%" G_GINT64_FORMAT, since_event);
  const char *values[] = { since };
  PGresult *res = pg_store_exec (self, "SELECT coalesce(max(id), $1::bigint), count(*) FILTER (WHERE kind = 'stage' AND id > $1::bigint)"
                                       " FROM event", 1, values, error);

  if (res == NULL)
    return FALSE;
  if (out_last_event != NULL)
    *out_last_event = pg_store_value_int64 (res, 0, 0);
  if (out_moves != NULL)
    *out_moves = pg_store_value_int64 (res, 0, 1);
  PQclear (res);
  return TRUE;
}

gint64
affari_pg_store_deal_stage (AffariPgStore  *self,
                            gint64          deal_id,
                            GError        **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, deal_id);
  const char *values[] = { id };
  PGresult *res = pg_store_exec (self, "SELECT stage_id FROM deal WHERE id = $1", 1, values, error);
  gint64 stage;

  if (res == NULL)
    return -1;
  stage = PQntuples (res) > 0 ? pg_store_value_int64 (res, 0, 0) : 0;
  PQclear (res);
  return stage;
}
