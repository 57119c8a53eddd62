/* affari-content-lines.c — the content lines of iCalendar and vCard files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "affari-content-lines.h"
#include "model/affari-error.h"

/* ------------------------------------------------------------ auxiliary */

/* Whether the parameters (the text before the first ':') ask for quoted-printable. */
static gboolean
is_quoted_printable (const GString *line)
{
  const char *colon = memchr (line->str, ':', line->len);
  gsize n = colon != NULL ? (gsize) (colon - line->str) : line->len;
  g_autofree char *head = g_ascii_strup (line->str, n);

  return strstr (head, "QUOTED-PRINTABLE") != NULL;
}

/* Splits "NAME;P=a;Q="x:y":value" into its parts; FALSE when there is no ':' (not a content line). */
static gboolean
parse_line (const char        *text,
            guint              line_no,
            AffariContentLine *out)
{
  const char *p = text;
  const char *name_end;
  const char *dot;
  g_autofree char *name = NULL;

  while (*p != '\0' && *p != ';' && *p != ':')
    p++;
  if (*p == '\0' || p == text)
    return FALSE;
  name_end = p;
  /* "item1.EMAIL": Apple's groups only tie a label to a value; the name is what counts. */
  dot = memchr (text, '.', name_end - text);
  if (dot != NULL)
    text = dot + 1;
  name = g_strndup (text, name_end - text);
  out->name = g_ascii_strup (name, -1);
  out->params = g_ptr_array_new_with_free_func (g_free);
  out->line = line_no;

  while (*p == ';')
    {
      GString *param = g_string_new (NULL);
      gboolean quoted = FALSE;

      for (p++; *p != '\0' && (quoted || (*p != ';' && *p != ':')); p++)
        {
          if (*p == '"')
            quoted = !quoted;
          else
            g_string_append_c (param, *p);
        }
      if (param->len > 0)
        g_ptr_array_add (out->params, g_string_free (param, FALSE));
      else
        g_string_free (param, TRUE);
    }
  if (*p != ':')
    {
      g_clear_pointer (&out->name, g_free);
      g_clear_pointer (&out->params, g_ptr_array_unref);
      return FALSE;
    }
  out->value = g_strdup (p + 1);
  return TRUE;
}

static void
flush (GPtrArray *lines,
       GString   *current,
       guint      line_no)
{
  AffariContentLine *line;

  if (current->len == 0)
    return;
  line = g_new0 (AffariContentLine, 1);
  if (parse_line (current->str, line_no, line))
    g_ptr_array_add (lines, line);
  else
    g_free (line);
  g_string_truncate (current, 0);
}

/* ------------------------------------------------------------ public API */

void
affari_content_line_free (AffariContentLine *line)
{
  if (line == NULL)
    return;
  g_free (line->name);
  g_clear_pointer (&line->params, g_ptr_array_unref);
  g_free (line->value);
  g_free (line);
}

GMappedFile *
affari_content_file_map (const char  *path,
                         gsize        max_bytes,
                         const char  *too_large,
                         GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local_error = NULL;

  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_IO, _("The file could not be read: %s"), local_error->message);
      return NULL;
    }
  if (g_mapped_file_get_length (file) > max_bytes)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, too_large);
      return NULL;
    }
  return g_steal_pointer (&file);
}

GPtrArray *
affari_content_lines_split (const char *data,
                            gsize       length,
                            gboolean    qp_soft_breaks)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) affari_content_line_free);
  g_autoptr(GString) current = g_string_new (NULL);
  const char *end = data + length;
  const char *p = data;
  guint line_no = 0;
  guint start_line = 0;
  gboolean qp_pending = FALSE;

  /* A byte order mark is not part of the first line's name. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  while (p < end)
    {
      const char *eol = p;
      gsize n;

      while (eol < end && *eol != '\r' && *eol != '\n')
        eol++;
      n = eol - p;
      line_no++;

      if (qp_pending)
        /* A quoted-printable soft break: the next line goes on as it is, spaces included. */
        g_string_append_len (current, p, n);
      else if (current->len > 0 && n > 0 && (*p == ' ' || *p == '\t'))
        g_string_append_len (current, p + 1, n - 1);
      else
        {
          flush (lines, current, start_line);
          g_string_append_len (current, p, n);
          start_line = line_no;
        }
      qp_pending = qp_soft_breaks && current->len > 0 && current->str[current->len - 1] == '='
                   && is_quoted_printable (current);
      if (qp_pending)
        g_string_truncate (current, current->len - 1);

      if (eol < end && *eol == '\r' && eol + 1 < end && eol[1] == '\n')
        eol++;
      p = eol + 1;
    }
  flush (lines, current, start_line);
  return lines;
}

const char *
affari_content_line_get_param (const AffariContentLine *line,
                               const char              *key)
{
  gsize n = strlen (key);

  for (guint i = 0; i < line->params->len; i++)
    {
      const char *param = g_ptr_array_index (line->params, i);

      if (g_ascii_strncasecmp (param, key, n) == 0 && param[n] == '=')
        return param + n + 1;
    }
  return NULL;
}

gboolean
affari_content_line_has (const AffariContentLine *line,
                         const char              *word)
{
  for (guint i = 0; i < line->params->len; i++)
    {
      const char *param = g_ptr_array_index (line->params, i);
      const char *eq = strchr (param, '=');
      g_auto(GStrv) values = NULL;

      if (eq == NULL)
        {
          if (g_ascii_strcasecmp (param, word) == 0)
            return TRUE;
          continue;
        }
      if ((gsize) (eq - param) == strlen (word) && g_ascii_strncasecmp (param, word, eq - param) == 0)
        return TRUE;
      values = g_strsplit (eq + 1, ",", -1);
      for (guint v = 0; values[v] != NULL; v++)
        if (g_ascii_strcasecmp (g_strstrip (values[v]), word) == 0)
          return TRUE;
    }
  return FALSE;
}

char *
affari_content_unescape (const char *text,
                         gssize      length)
{
  const char *end;
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  end = text + (length < 0 ? strlen (text) : (gsize) length);
  out = g_string_sized_new (end - text);
  for (const char *p = text; p < end; p++)
    {
      if (*p != '\\' || p + 1 >= end)
        {
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      if (*p == 'n' || *p == 'N')
        g_string_append_c (out, '\n');
      else
        /* "\\" "\;" "\," and, from lax writers, "\:": the character itself. */
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

GStrv
affari_content_split (const char *value,
                      char        separator)
{
  GPtrArray *parts = g_ptr_array_new ();
  const char *start = value != NULL ? value : "";
  const char *p = start;

  for (;; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          continue;
        }
      if (*p == separator || *p == '\0')
        {
          g_ptr_array_add (parts, affari_content_unescape (start, p - start));
          if (*p == '\0')
            break;
          start = p + 1;
        }
    }
  g_ptr_array_add (parts, NULL);
  return (GStrv) g_ptr_array_free (parts, FALSE);
}
