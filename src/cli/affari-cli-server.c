/* affari-cli-server.c — the team's PostgreSQL server from the command line (#21, first slice)
 *
 *   affari-cli --server URL server init
 *   affari-cli --server URL server add-user LOGIN --password P --scope own|department|all [--department D]
 *   affari-cli --server URL server import-local PATH
 *   affari-cli --server URL deals [--json]
 *   affari-cli --server URL move DEAL_ID STAGE_CODE [--reason TEXT] [--json]
 *
 * "deals" and "move" print what they print on a local database (affari-cli.c's printer, the
 * move's report): a script does not care which store answered. What a login may read and move
 * is the server's decision (row-level security), not this program's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "affari-cli-private.h"
#if HAVE_LIBPQ
#include "store/pg/affari-pg-store.h"
#endif

int cli_cmd_server (Cli *cli);

#if HAVE_LIBPQ

static AffariPgStore *
open_server (Cli *cli)
{
  g_autoptr(GError) error = NULL;
  AffariPgStore *store = affari_pg_store_open (cli->server, &error);

  if (store == NULL)
    cli_failure ("%s", error->message);
  return store;
}

static int
server_init (Cli *cli)
{
  g_autoptr(AffariPgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int before, version;

  if (cli->args->len > 1)
    return cli_usage_error (_("Unexpected argument “%s”"), (const char *) g_ptr_array_index (cli->args, 1));

  store = open_server (cli);
  if (store == NULL)
    return EXIT_FAILURE;
  before = affari_pg_store_get_version (store, &error);
  if (before < 0 || !affari_pg_store_init (store, &version, &error))
    return cli_failure ("%s", error->message);

  if (before == version)
    g_print (_("The server's schema is already at version %d: nothing to do"), version);
  else
    g_print (_("The server's schema is at version %d"), version);
  g_print ("\n");
  return cli_finish_output ();
}

static int
server_add_user (Cli *cli)
{
  g_autoptr(AffariPgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *login = NULL, *password = NULL, *scope = NULL, *department = NULL, *full_name = NULL;
  g_autofree char *stdin_password = NULL;
  gint64 member_id = 0;

  for (guint i = 1; i < cli->args->len; i++)
    {
      const char *arg = g_ptr_array_index (cli->args, i);
      const char *value = NULL;
      const char **target = NULL;
      const char *name = NULL;

      if (cli_is_option (arg, "--password", &value))
        target = &password, name = "--password";
      else if (cli_is_option (arg, "--scope", &value))
        target = &scope, name = "--scope";
      else if (cli_is_option (arg, "--department", &value))
        target = &department, name = "--department";
      else if (cli_is_option (arg, "--full-name", &value))
        target = &full_name, name = "--full-name";
      else if (arg[0] == '-' && arg[1] != '\0')
        return cli_usage_error (_("Unknown option “%s” for “%s”"), arg, "server add-user");
      else if (login == NULL)
        login = arg;
      else
        return cli_usage_error (_("Unexpected argument “%s”"), arg);

      if (target != NULL && (*target = cli_option_value (cli, &i, name, value)) == NULL)
        return EXIT_USAGE;
    }

  if (login == NULL || *login == '\0')
    return cli_usage_error ("%s", _("Whose login? Give it, e.g. server add-user sara --password P --scope own"));
  /* "-": the first line of the standard input, so that the password is not in the process list. */
  if (g_strcmp0 (password, "-") == 0)
    {
      char line[1024];

      if (fgets (line, sizeof line, stdin) == NULL)
        line[0] = '\0';
      line[strcspn (line, "\r\n")] = '\0';
      password = stdin_password = g_strdup (line);
    }
  if (password == NULL || *password == '\0')
    return cli_usage_error ("%s", _("The new login needs a password: --password P (or --password - to read it from the standard input)"));
  if (scope == NULL || !g_strv_contains ((const char * const[]) { "none", "own", "department", "all", NULL }, scope))
    return cli_usage_error ("%s", _("Which deals may the login see? --scope own, department or all (none: no deal)"));
  if (g_str_equal (scope, "department") && (department == NULL || *department == '\0'))
    return cli_usage_error ("%s", _("The scope department needs the login's department: --department NAME"));

  store = open_server (cli);
  if (store == NULL)
    return EXIT_FAILURE;
  if (!affari_pg_store_add_user (store, full_name != NULL ? full_name : login, login, password, scope,
                                 department, &member_id, &error))
    return cli_failure (_("Cannot add the login “%s”: %s"), login, error->message);

  /* The id alone: a script keeps it to assign deals. */
  g_print ("%" G_GINT64_FORMAT "\n", member_id);
  return cli_finish_output ();
}

/* "Copia di deal: 4.000 di 10.064" on one line of standard error, rewritten as it goes. */
static void
on_import_progress (const char *table,
                    gint64      done,
                    gint64      total,
                    gpointer    user_data)
{
  gboolean *tty = user_data;
  g_autofree char *done_text = NULL, *total_text = NULL;

  if (!*tty && done != total)
    return;   /* not a terminal: one line per table, when it is done */
  done_text = g_strdup_printf ("%" G_GINT64_FORMAT, done);
  total_text = g_strdup_printf ("%" G_GINT64_FORMAT, total);
  /* Translators: progress of server import-local; a table's name, then the rows done and all. */
  g_printerr (_("Copying %s: %s of %s"), table, done_text, total_text);
  g_printerr (*tty ? "\033[K\r" : "\n");
}

static int
server_import_local (Cli *cli)
{
  g_autoptr(AffariPgStore) store = NULL;
  g_autoptr(AffariStoreCloser) local = NULL;
  g_autoptr(GError) error = NULL;
  AffariPgImportReport report = { 0 };
  const char *path = cli->args->len > 1 ? g_ptr_array_index (cli->args, 1) : NULL;
  gboolean tty = isatty (fileno (stderr));

  if (path == NULL)
    return cli_usage_error ("%s", _("Which local database? Give its path, e.g. server import-local ~/.local/share/affari/affari.db"));
  if (cli->args->len > 2)
    return cli_usage_error (_("Unexpected argument “%s”"), (const char *) g_ptr_array_index (cli->args, 2));

  local = affari_store_open_read_only (path, &error);
  if (local == NULL)
    return cli_failure ("%s", error->message);
  store = open_server (cli);
  if (store == NULL)
    return EXIT_FAILURE;
  if (!affari_pg_store_import_local (store, local, on_import_progress, &tty, &report, &error))
    return cli_failure ("%s", error->message);

  if (tty)
    g_printerr ("\033[K");
  {
    g_autofree char *rows = g_strdup_printf ("%" G_GINT64_FORMAT, report.total_rows);

    g_print (ngettext ("%s row copied to the server in %.1f s, every table's count checked",
                       "%s rows copied to the server in %.1f s, every table's count checked",
                       (unsigned long) report.total_rows),
             rows, report.seconds);
  }
  g_print ("\n");
  return cli_finish_output ();
}

int
cli_server_deals (Cli      *cli,
                  gboolean  json)
{
  g_autoptr(AffariPgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pipelines = NULL;
  g_autoptr(GPtrArray) deals = NULL;
  CliDealPrinter *printer;

  store = open_server (cli);
  if (store == NULL)
    return EXIT_FAILURE;

  pipelines = affari_pg_store_list_pipelines (store, &error);
  if (pipelines == NULL || (deals = affari_pg_store_list_deals (store, &error)) == NULL)
    return cli_failure (_("Cannot read the deals: %s"), error->message);

  printer = cli_deal_printer_new (json);
  for (guint i = 0; i < pipelines->len; i++)
    {
      AffariPipeline *pipeline = g_ptr_array_index (pipelines, i);
      g_autoptr(GPtrArray) stages = affari_pg_store_list_stages (store, affari_pipeline_get_id (pipeline), &error);

      if (stages == NULL)
        {
          cli_deal_printer_finish (printer, EXIT_FAILURE);
          return cli_failure (_("Cannot read the deals: %s"), error->message);
        }
      cli_deal_printer_add_pipeline (printer, pipeline, stages);
    }
  cli_deal_printer_add_deals (printer, deals);
  return cli_deal_printer_finish (printer, EXIT_SUCCESS);
}

int
cli_server_move (Cli        *cli,
                 gint64      deal_id,
                 const char *code,
                 const char *reason,
                 gboolean    json)
{
  g_autoptr(AffariPgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariStage) stage = NULL;
  g_autofree char *label = NULL;
  gboolean moved = FALSE, is_lead = FALSE;

  store = open_server (cli);
  if (store == NULL)
    return EXIT_FAILURE;

  stage = affari_pg_store_move (store, deal_id, code, reason, &moved, &is_lead, &error);
  if (stage == NULL)
    return cli_failure ("%s", error->message);

  /* The words of the window's toast (AffariDealOps) for one deal. */
  if (moved)
    label = g_strdup_printf (is_lead ? _("Lead moved to %s") : _("Deal moved to %s"), affari_stage_get_name (stage));
  return cli_print_move (json, deal_id, stage, label);
}

#else /* !HAVE_LIBPQ */

static int
no_team_mode (void)
{
  return cli_failure ("%s", _("This affari-cli was built without team mode (libpq): --server is not available"));
}

static int server_init (Cli *cli) { return no_team_mode (); }
static int server_add_user (Cli *cli) { return no_team_mode (); }
static int server_import_local (Cli *cli) { return no_team_mode (); }
int cli_server_deals (Cli *cli, gboolean json) { return no_team_mode (); }
int cli_server_move (Cli *cli, gint64 deal_id, const char *code, const char *reason, gboolean json) { return no_team_mode (); }

#endif

int
cli_cmd_server (Cli *cli)
{
  const char *sub = cli->args->len > 0 ? g_ptr_array_index (cli->args, 0) : NULL;

  if (cli->server == NULL)
    return cli_usage_error ("%s", _("The command “server” needs the server's address: affari-cli --server URL server …"));
  if (sub == NULL)
    return cli_usage_error ("%s", _("Which server command? init, add-user or import-local"));
  if (g_str_equal (sub, "init"))
    return server_init (cli);
  if (g_str_equal (sub, "add-user"))
    return server_add_user (cli);
  if (g_str_equal (sub, "import-local"))
    return server_import_local (cli);
  return cli_usage_error (_("Unknown command “%s”"), sub);
}
