/* affari-keyring.c — the team server's password in the desktop keyring, and its address
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-keyring"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#if HAVE_LIBSECRET
#include <libsecret/secret.h>
#endif

#include "model/affari-error.h"
#include "ops/affari-keyring.h"

/* ------------------------------------------------------------ the address */

/* A libpq URI ("postgresql://…" or "postgres://…") rather than a keyword=value string. */
static gboolean
is_uri (const char *url)
{
  return g_str_has_prefix (url, "postgresql://") || g_str_has_prefix (url, "postgres://");
}

/* The parts of a URI: the scheme with "://", the user and its password (without their
 * separators), the rest of the authority, the path and the query (without the '?'). */
typedef struct {
  char *scheme;
  char *user;      /* NULL when the URI names none */
  char *password;  /* NULL when none */
  char *hosts;
  char *path;
  char *query;     /* NULL when none */
} UriParts;

static void
uri_parts_clear (UriParts *parts)
{
  g_free (parts->scheme);
  g_free (parts->user);
  g_free (parts->password);
  g_free (parts->hosts);
  g_free (parts->path);
  g_free (parts->query);
}

static void
uri_split (const char *url,
           UriParts   *parts)
{
  const char *authority = strstr (url, "://") + 3;
  const char *end = authority + strcspn (authority, "/?");
  const char *at = NULL;
  const char *query;

  memset (parts, 0, sizeof *parts);
  parts->scheme = g_strndup (url, authority - url);

  /* The last '@' of the authority: a password may hold an '@' (escaped or not). */
  for (const char *p = authority; p < end; p++)
    if (*p == '@')
      at = p;
  if (at != NULL)
    {
      const char *colon = memchr (authority, ':', at - authority);

      parts->user = g_strndup (authority, (colon != NULL ? colon : at) - authority);
      if (colon != NULL)
        parts->password = g_strndup (colon + 1, at - colon - 1);
      parts->hosts = g_strndup (at + 1, end - at - 1);
    }
  else
    parts->hosts = g_strndup (authority, end - authority);

  query = strchr (end, '?');
  parts->path = g_strndup (end, query != NULL ? (gsize) (query - end) : strlen (end));
  if (query != NULL)
    parts->query = g_strdup (query + 1);
}

/* @query without its parameters named @drop_a or @drop_b (NULL: none). */
static char *
query_without (const char *query,
               const char *drop_a,
               const char *drop_b)
{
  g_auto(GStrv) params = g_strsplit (query, "&", -1);
  g_autoptr(GString) kept = g_string_new (NULL);

  for (guint i = 0; params[i] != NULL; i++)
    {
      const char *eq = strchr (params[i], '=');
      g_autofree char *key = g_strndup (params[i], eq != NULL ? (gsize) (eq - params[i]) : strlen (params[i]));

      if (params[i][0] == '\0' || g_strcmp0 (key, drop_a) == 0 || g_strcmp0 (key, drop_b) == 0)
        continue;
      if (kept->len > 0)
        g_string_append_c (kept, '&');
      g_string_append (kept, params[i]);
    }
  return g_string_free (g_steal_pointer (&kept), FALSE);
}

static char *
uri_join (const UriParts *parts)
{
  GString *out = g_string_new (parts->scheme);

  if (parts->user != NULL && parts->user[0] != '\0')
    {
      g_string_append (out, parts->user);
      if (parts->password != NULL)
        g_string_append_printf (out, ":%s", parts->password);
      g_string_append_c (out, '@');
    }
  g_string_append (out, parts->hosts);
  g_string_append (out, parts->path);
  if (parts->query != NULL && parts->query[0] != '\0')
    g_string_append_printf (out, "?%s", parts->query);
  return g_string_free (out, FALSE);
}

/* One "key = value" of a libpq keyword=value string: the key, and where the whole pair begins
 * and ends in the string (so that it can be left out). */
typedef struct {
  char       *key;
  char       *value;
  const char *begin;
  const char *end;
} Pair;

static void
pair_clear (gpointer data)
{
  Pair *pair = data;

  g_free (pair->key);
  g_free (pair->value);
}

/* libpq's rules: spaces around '=', a value either bare (up to a space) or in single quotes,
 * with '\' escaping the next character in both. */
static GArray *
conninfo_split (const char *url)
{
  GArray *pairs = g_array_new (FALSE, TRUE, sizeof (Pair));
  const char *p = url;

  g_array_set_clear_func (pairs, pair_clear);
  while (*p != '\0')
    {
      Pair pair = { 0 };
      GString *value = g_string_new (NULL);
      const char *key;

      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        {
          g_string_free (value, TRUE);
          break;
        }
      pair.begin = p;
      key = p;
      while (*p != '\0' && *p != '=' && !g_ascii_isspace (*p))
        p++;
      pair.key = g_strndup (key, p - key);
      while (g_ascii_isspace (*p))
        p++;
      if (*p == '=')
        p++;
      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\'')
        {
          for (p++; *p != '\0' && *p != '\''; p++)
            {
              if (*p == '\\' && p[1] != '\0')
                p++;
              g_string_append_c (value, *p);
            }
          if (*p == '\'')
            p++;
        }
      else
        for (; *p != '\0' && !g_ascii_isspace (*p); p++)
          {
            if (*p == '\\' && p[1] != '\0')
              p++;
            g_string_append_c (value, *p);
          }
      pair.end = p;
      pair.value = g_string_free (value, FALSE);
      g_array_append_val (pairs, pair);
    }
  return pairs;
}

/* @url's pairs but those named @drop_a or @drop_b, as they were written. */
static GString *
conninfo_without (const char *url,
                  const char *drop_a,
                  const char *drop_b)
{
  g_autoptr(GArray) pairs = conninfo_split (url);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < pairs->len; i++)
    {
      const Pair *pair = &g_array_index (pairs, Pair, i);

      if (g_strcmp0 (pair->key, drop_a) == 0 || g_strcmp0 (pair->key, drop_b) == 0)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_len (out, pair->begin, pair->end - pair->begin);
    }
  return out;
}

char *
affari_server_url_strip_password (const char *url)
{
  g_autofree char *trimmed = NULL;

  if (url == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (url));

  if (is_uri (trimmed))
    {
      UriParts parts;
      char *out;

      uri_split (trimmed, &parts);
      g_clear_pointer (&parts.password, g_free);
      if (parts.query != NULL)
        {
          char *query = query_without (parts.query, "password", NULL);

          g_free (parts.query);
          parts.query = query;
        }
      out = uri_join (&parts);
      uri_parts_clear (&parts);
      return out;
    }

  return g_string_free (conninfo_without (trimmed, "password", NULL), FALSE);
}

char *
affari_server_url_with_login (const char *url,
                              const char *login)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  trimmed = g_strstrip (g_strdup (url));
  if (login == NULL || login[0] == '\0')
    return g_steal_pointer (&trimmed);

  if (is_uri (trimmed))
    {
      UriParts parts;
      char *out;

      uri_split (trimmed, &parts);
      g_free (parts.user);
      parts.user = g_uri_escape_string (login, NULL, FALSE);
      if (parts.query != NULL)
        {
          char *query = query_without (parts.query, "user", NULL);

          g_free (parts.query);
          parts.query = query;
        }
      out = uri_join (&parts);
      uri_parts_clear (&parts);
      return out;
    }
  else
    {
      GString *out = conninfo_without (trimmed, "user", NULL);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, "user='");
      for (const char *p = login; *p != '\0'; p++)
        {
          if (*p == '\'' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '\'');
      return g_string_free (out, FALSE);
    }
}

char *
affari_server_url_dup_login (const char *url)
{
  g_autofree char *login = NULL;

  if (url == NULL)
    return NULL;

  if (is_uri (url))
    {
      UriParts parts;

      uri_split (url, &parts);
      if (parts.user != NULL && parts.user[0] != '\0')
        login = g_uri_unescape_string (parts.user, NULL);
      else if (parts.query != NULL)
        {
          g_auto(GStrv) params = g_strsplit (parts.query, "&", -1);

          for (guint i = 0; params[i] != NULL && login == NULL; i++)
            if (g_str_has_prefix (params[i], "user="))
              login = g_uri_unescape_string (params[i] + 5, NULL);
        }
      uri_parts_clear (&parts);
    }
  else
    {
      g_autoptr(GArray) pairs = conninfo_split (url);

      for (guint i = 0; i < pairs->len && login == NULL; i++)
        if (g_strcmp0 (g_array_index (pairs, Pair, i).key, "user") == 0)
          login = g_strdup (g_array_index (pairs, Pair, i).value);
    }

  return (login != NULL && login[0] != '\0') ? g_steal_pointer (&login) : NULL;
}

/* ------------------------------------------------------------ the keyring */

#if HAVE_LIBSECRET
static const SecretSchema *
server_schema (void)
{
  static const SecretSchema schema = {
    "io.github.affari.Affari.Server", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "login", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

/* libsecret's errors (no service on the bus, a locked keyring the person did not open) become
 * one Italian sentence with the cause after it. */
static void
set_keyring_error (GError **error,
                   GError  *cause)
{
  /* Translators: %s is the technical cause (D-Bus, libsecret). */
  g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_FAILED,
               _("The desktop keyring could not be used: %s"), cause->message);
  g_error_free (cause);
}
#endif

gboolean
affari_keyring_is_supported (void)
{
  return HAVE_LIBSECRET;
}

gboolean
affari_keyring_store_password (const char    *url,
                               const char    *login,
                               const char    *password,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

#if HAVE_LIBSECRET
  {
    g_autofree char *server = affari_server_url_strip_password (url);
    g_autofree char *label = NULL;
    GError *local = NULL;

    /* Translators: the name of the password in the keyring (Seahorse shows it); %s is the server. */
    label = g_strdup_printf (_("Affari team server %s"), server);
    if (!secret_password_store_sync (server_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                     cancellable, &local,
                                     "server", server, "login", login != NULL ? login : "",
                                     NULL))
      {
        set_keyring_error (error, local);
        return FALSE;
      }
    return TRUE;
  }
#else
  g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_FAILED,
                       _("This build of Affari cannot keep passwords in the desktop keyring"));
  return FALSE;
#endif
}

char *
affari_keyring_lookup_password (const char    *url,
                                const char    *login,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

#if HAVE_LIBSECRET
  {
    g_autofree char *server = affari_server_url_strip_password (url);
    char *secret;
    char *password;
    GError *local = NULL;

    secret = secret_password_lookup_sync (server_schema (), cancellable, &local,
                                          "server", server, "login", login != NULL ? login : "",
                                          NULL);
    if (local != NULL)
      {
        set_keyring_error (error, local);
        return NULL;
      }
    /* Out of libsecret's non-pageable memory into an ordinary string: the password goes on to
     * libpq, which copies it anyway. */
    password = g_strdup (secret);
    secret_password_free (secret);
    return password;
  }
#else
  return NULL;
#endif
}

gboolean
affari_keyring_clear_password (const char    *url,
                               const char    *login,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

#if HAVE_LIBSECRET
  {
    g_autofree char *server = affari_server_url_strip_password (url);
    GError *local = NULL;

    secret_password_clear_sync (server_schema (), cancellable, &local,
                                "server", server, "login", login != NULL ? login : "",
                                NULL);
    if (local != NULL)
      {
        set_keyring_error (error, local);
        return FALSE;
      }
    return TRUE;
  }
#else
  return TRUE;
#endif
}
