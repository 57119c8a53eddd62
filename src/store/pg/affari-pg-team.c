/* affari-pg-team.c — what a team's window does on the server, timed by affari-bench --server:
 * the notifications of the others' changes (LISTEN affari_changes, the change log's rows), a
 * board's opening (the counts and totals of every stage and its first cards, as this login may
 * read them), and the history a run of moves left behind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <poll.h>
#include <string.h>

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
affari_pg_store_listen (AffariPgStore  *self,
                        GError        **error)
{
  PGresult *res = pg_store_exec (self, "LISTEN affari_changes", 0, NULL, error);

  if (res == NULL)
    return FALSE;
  PQclear (res);
  return TRUE;
}

gint64
affari_pg_store_wait_change (AffariPgStore  *self,
                             int             timeout_ms,
                             GError        **error)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  for (;;)
    {
      PGnotify *notify;
      struct pollfd fd = { PQsocket (self->conn), POLLIN, 0 };
      gint64 left = (end - g_get_monotonic_time ()) / 1000;

      if (!PQconsumeInput (self->conn))
        {
          pg_store_set_error (self->conn, error);
          return -1;
        }
      notify = PQnotifies (self->conn);
      if (notify != NULL)
        {
          gint64 seq = g_ascii_strtoll (notify->extra, NULL, 10);

          PQfreemem (notify);
          return seq;
        }
      if (left <= 0)
        return 0;
      if (poll (&fd, 1, (int) MIN (left, G_MAXINT)) < 0)
        return 0;
    }
}

gint64
affari_pg_store_change_deal (AffariPgStore  *self,
                             gint64          seq,
                             GError        **error)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  const char *values[] = { number };
  PGresult *res = pg_store_exec (self, "SELECT deal_id FROM change_log WHERE seq = $1", 1, values, error);
  gint64 deal_id;

  if (res == NULL)
    return -1;
  /* A row this login may not read is no row (row-level security). */
  deal_id = PQntuples (res) > 0 ? pg_store_value_int64 (res, 0, 0) : 0;
  PQclear (res);
  return deal_id;
}

int
affari_pg_store_read_board (AffariPgStore  *self,
                            gint64          pipeline_id,
                            int             per_stage,
                            GError        **error)
{
  g_autofree char *pipeline = g_strdup_printf ("%" G_GINT64_FORMAT, pipeline_id);
  g_autofree char *limit = g_strdup_printf ("%d", per_stage);
  const char *values[] = { pipeline, limit };
  PGresult *totals, *cards;
  int n;

  /* The headers: the count and total of every stage and currency this login may read. */
  totals = pg_store_exec (self, "SELECT d.stage_id, d.currency, count(*), sum(d.amount) FROM deal d"
                                " WHERE d.pipeline_id = $1 AND " STORE_LIVE_DEAL " GROUP BY 1, 2", 1, values, error);
  if (totals == NULL)
    return -1;
  PQclear (totals);
  /* The first cards of every column, in their order. */
  cards = pg_store_exec (self, "SELECT " STORE_DEAL_COLUMNS STORE_DEAL_FROM
                               " WHERE d.id IN (SELECT x.id FROM stage s CROSS JOIN LATERAL"
                               "   (SELECT e.id FROM deal e WHERE e.stage_id = s.id AND e.deleted_at IS NULL"
                               "    AND e.is_recurring = 0 ORDER BY e.position LIMIT $2::int) x"
                               "   WHERE s.pipeline_id = $1::bigint)", 2, values, error);
  if (cards == NULL)
    return -1;
  n = PQntuples (cards);
  PQclear (cards);
  return n;
}

GArray *
affari_pg_store_deal_ids (AffariPgStore  *self,
                          gint64          pipeline_id,
                          GError        **error)
{
  g_autofree char *pipeline = g_strdup_printf ("%" G_GINT64_FORMAT, pipeline_id);
  const char *values[] = { pipeline };
  PGresult *res = pg_store_exec (self, "SELECT d.id FROM deal d WHERE d.pipeline_id = $1 AND " STORE_LIVE_DEAL,
                                 1, values, error);
  GArray *ids;

  if (res == NULL)
    return NULL;
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), PQntuples (res));
  for (int i = 0; i < PQntuples (res); i++)
    {
      gint64 id = pg_store_value_int64 (res, i, 0);

      g_array_append_val (ids, id);
    }
  PQclear (res);
  return ids;
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
