/* affari-cli-common.c — messages, options, the database and output helpers of affari-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "affari-cli-private.h"

void
cli_print_usage_line (void)
{
  g_printerr ("%s\n", _("Usage: affari-cli [--database PATH] COMMAND [OPTIONS]"));
}


int G_GNUC_PRINTF (1, 2)
cli_usage_error (const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("affari-cli: %s\n", message);
  cli_print_usage_line ();
  g_printerr ("%s\n", _("Run “affari-cli help” to see the commands."));
  return EXIT_USAGE;
}


/* The commands that read and print take one option, --json. */
int
cli_parse_json_option (Cli      *cli,
                       gboolean *json)
{
  for (guint i = 0; i < cli->args->len; i++)
    {
      const char *arg = g_ptr_array_index (cli->args, i);

      if (g_str_equal (arg, "--json"))
        *json = TRUE;
      else if (arg[0] == '-')
        return cli_usage_error (_("Unknown option “%s” for “%s”"), arg, cli->command);
      else
        return cli_usage_error (_("Unexpected argument “%s”"), arg);
    }

  return EXIT_SUCCESS;
}


int G_GNUC_PRINTF (1, 2)
cli_failure (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("affari-cli: %s\n", message);
  return EXIT_FAILURE;
}


void
cli_print_help_item (const char *what,
                     const char *description)
{
  glong width = g_utf8_strlen (what, -1);

  g_print ("  %s%*s  %s\n", what, (int) MAX (40 - width, 0), "", description);
}


gboolean
cli_is_option (const char *arg,
               const char *name,
               const char **value)
{
  gsize len = strlen (name);

  if (strncmp (arg, name, len) != 0)
    return FALSE;
  if (arg[len] == '\0')
    {
      *value = NULL;
      return TRUE;
    }
  if (arg[len] == '=')
    {
      *value = arg + len + 1;
      return TRUE;
    }
  return FALSE;
}


char *
cli_dup_database_path (Cli *cli)
{
  return cli->database != NULL ? g_strdup (cli->database) : affari_store_default_path ();
}


/* Opens the database: for writing (@create: it may make a new one) or for reading only. Reports
 * the failure and returns NULL. */
AffariStore *
cli_open_store (Cli      *cli,
                gboolean  create)
{
  g_autofree char *path = cli_dup_database_path (cli);
  g_autoptr(GError) error = NULL;
  AffariStore *store;

  /* On the team's server: the app's store there (a local copy of what the login may read, every
   * write on the server), whatever the command; the password in the URL, PGPASSWORD or ~/.pgpass. */
  if (cli->server != NULL)
    store = affari_store_open_server (cli->server, NULL, NULL, &error);
  /* Only `demo` writes; the others read only: a mistyped path is not created, and an empty
   * or foreign file is not turned into a database. */
  else
    store = create ? affari_store_open (path, &error) : affari_store_open_read_only (path, &error);
  if (store == NULL)
    {
      /* The store's messages name the file and say what to do. */
      if (error->domain == AFFARI_ERROR || cli->server != NULL)
        cli_failure ("%s", error->message);
      else
        cli_failure (_("Cannot open the database “%s”: %s"), path, error->message);
      return NULL;
    }

  return store;
}

void
cli_close_store (AffariStore *store)
{
  affari_store_close (store);
  g_object_unref (store);
}

/* A store that is closed (not only unreferenced) when the command returns. */


int
cli_finish_output (void)
{
  if (fflush (stdout) != 0 || ferror (stdout))
    return cli_failure (_("Cannot write the output: %s"), g_strerror (errno));
  return EXIT_SUCCESS;
}


/* "2026-11-27T10:00:00Z", or NULL for 0. */
char *
cli_format_utc (gint64 unix_seconds)
{
  g_autoptr(GDateTime) time = NULL;

  if (unix_seconds == 0)
    return NULL;
  time = g_date_time_new_from_unix_utc (unix_seconds);
  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

void
cli_add_id_or_null (JsonBuilder *builder,
                    const char  *member,
                    gint64       id)
{
  json_builder_set_member_name (builder, member);
  if (id > 0)
    json_builder_add_int_value (builder, id);
  else
    json_builder_add_null_value (builder);
}

static int
print_json (JsonBuilder *builder,
            gboolean     pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
  return cli_finish_output ();
}

int
cli_print_json (JsonBuilder *builder)
{
  return print_json (builder, TRUE);
}

int
cli_print_json_line (JsonBuilder *builder)
{
  return print_json (builder, FALSE);
}

void
cli_add_string_or_null (JsonBuilder *builder,
                        const char  *member,
                        const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}


/* Pads or cuts @text to @width characters (not bytes). */
void
cli_append_cell (GString    *line,
                 const char *text,
                 glong       width,
                 gboolean    align_right)
{
  glong len = g_utf8_strlen (text, -1);

  if (len > width)
    {
      const char *cut = g_utf8_offset_to_pointer (text, width - 1);

      g_string_append_len (line, text, cut - text);
      g_string_append (line, "…");
      return;
    }

  if (align_right)
    {
      for (glong i = len; i < width; i++)
        g_string_append_c (line, ' ');
      g_string_append (line, text);
    }
  else
    {
      g_string_append (line, text);
      for (glong i = len; i < width; i++)
        g_string_append_c (line, ' ');
    }
}

const char *
cli_option_value (Cli        *cli,
                  guint      *i,
                  const char *name,
                  const char *value)
{
  if (value == NULL)
    {
      if (*i + 1 >= cli->args->len)
        {
          cli_usage_error (_("The option “%s” needs a value"), name);
          return NULL;
        }
      value = g_ptr_array_index (cli->args, ++*i);
    }
  if (*value == '\0')
    {
      cli_usage_error (_("The option “%s” needs a value"), name);
      return NULL;
    }
  return value;
}

gboolean
cli_parse_date (const char *text,
                const char *option,
                GDate      *out)
{
  unsigned year, month, day;
  int end = 0;

  if (sscanf (text, "%4u-%2u-%2u%n", &year, &month, &day, &end) == 3 && end == 10 && text[end] == '\0'
      && g_ascii_isdigit (text[0]) && text[4] == '-' && text[7] == '-'
      && g_date_valid_dmy (day, month, year))
    {
      g_date_clear (out, 1);
      g_date_set_dmy (out, day, month, year);
      return TRUE;
    }
  cli_usage_error (_("The option “%s” needs a date as YYYY-MM-DD, not “%s”"), option, text);
  return FALSE;
}

gboolean
cli_parse_int (const char *text,
               const char *option,
               gint64      min,
               gint64      max,
               gint64     *out)
{
  gint64 value;

  if (g_ascii_string_to_signed (text, 10, min, max, &value, NULL))
    {
      *out = value;
      return TRUE;
    }
  {
    g_autofree char *low = g_strdup_printf ("%" G_GINT64_FORMAT, min);
    g_autofree char *high = g_strdup_printf ("%" G_GINT64_FORMAT, max);

    /* Translators: the option, the lowest and highest numbers, what was typed. */
    cli_usage_error (_("The option “%s” needs a whole number from %s to %s, not “%s”"), option, low, high, text);
  }
  return FALSE;
}

void
cli_set_today (AffariStore *store,
               const GDate *day)
{
  g_autoptr(GDateTime) noon = g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                                                     g_date_get_day (day), 12, 0, 0);

  affari_store_set_now (store, g_date_time_to_unix (noon));
}
