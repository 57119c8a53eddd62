/* affari-cli-server.c — the team's PostgreSQL server from the command line (#21, first slice)
 *
 *   affari-cli --server URL server init
 *   affari-cli --server URL server add-user LOGIN --password P (--scope S | --role ROLE | --admin) [--department D]
 *   affari-cli --server URL server add-role NAME [--like ROLE]
 *   affari-cli --server URL server set-right ROLE read|add|edit|delete|all none|own|department|all [--pipeline NAME]
 *   affari-cli --server URL server set-role LOGIN ROLE
 *   affari-cli --server URL server add-department NAME [--head LOGIN]
 *   affari-cli --server URL server edit-department NAME [--head LOGIN | --no-head] [--members LOGIN,LOGIN…]
 *   affari-cli --server URL server rights|roles|departments [--json]
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

static gboolean
is_scope (const char *scope)
{
  return g_strv_contains ((const char * const[]) { "none", "own", "department", "all", NULL }, scope);
}

static const char * const actions[] = { "read", "add", "edit", "delete", NULL };

static const char *
action_label (const char *action)
{
  if (g_strcmp0 (action, "read") == 0)
    return C_("right", "Read");
  if (g_strcmp0 (action, "add") == 0)
    return C_("right", "Add");
  if (g_strcmp0 (action, "edit") == 0)
    return C_("right", "Edit");
  return C_("right", "Delete");
}

/* The command's words after its name (cli->args[0]): at most @max_words of them in @words, and
 * the options of @names (NULL-terminated; a name ending in "=" takes a value) in @values (a flag's
 * value is the option's name); FALSE after printing the usage error. */
static gboolean
parse_args (Cli                 *cli,
            const char          *command,
            guint                max_words,
            const char         **words,
            const char * const  *names,
            const char         **values)
{
  guint n_words = 0;

  for (guint i = 1; i < cli->args->len; i++)
    {
      const char *arg = g_ptr_array_index (cli->args, i);
      gboolean known = FALSE;

      for (guint k = 0; names != NULL && names[k] != NULL && !known; k++)
        {
          g_autofree char *name = g_strdup (names[k]);
          gboolean takes_value = g_str_has_suffix (name, "=");
          const char *value = NULL;

          if (takes_value)
            name[strlen (name) - 1] = '\0';
          if (!takes_value && g_str_equal (arg, name))
            values[k] = names[k], known = TRUE;
          else if (takes_value && cli_is_option (arg, name, &value))
            {
              if ((values[k] = cli_option_value (cli, &i, name, value)) == NULL)
                return FALSE;
              known = TRUE;
            }
        }
      if (known)
        continue;
      if (arg[0] == '-' && arg[1] != '\0')
        {
          g_autofree char *full = g_strdup_printf ("server %s", command);

          cli_usage_error (_("Unknown option “%s” for “%s”"), arg, full);
          return FALSE;
        }
      if (n_words == max_words)
        {
          cli_usage_error (_("Unexpected argument “%s”"), arg);
          return FALSE;
        }
      words[n_words++] = arg;
    }
  return TRUE;
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
  const char *role = NULL;
  gboolean admin = FALSE;
  g_autofree char *stdin_password = NULL;
  gint64 member_id = 0;
  gboolean added;

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
      else if (cli_is_option (arg, "--role", &value))
        target = &role, name = "--role";
      else if (g_str_equal (arg, "--admin"))
        admin = TRUE;
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
  if ((scope != NULL) + (role != NULL) + admin != 1)
    return cli_usage_error ("%s", _("What may the login do? Give one of --role ROLE, --scope own|department|all|none or --admin"));
  if (scope != NULL && !is_scope (scope))
    return cli_usage_error ("%s", _("Which deals may the login see? --scope own, department or all (none: no deal)"));
  if (g_strcmp0 (scope, "department") == 0 && (department == NULL || *department == '\0'))
    return cli_usage_error ("%s", _("The scope department needs the login's department: --department NAME"));

  store = open_server (cli);
  if (store == NULL)
    return EXIT_FAILURE;
  if (scope != NULL)
    added = affari_pg_store_add_user (store, full_name != NULL ? full_name : login, login, password, scope,
                                      department, &member_id, &error);
  else
    added = affari_pg_store_add_login (store, full_name != NULL ? full_name : login, login, password, role,
                                       department, admin, &member_id, &error);
  if (!added)
    return cli_failure (_("Cannot add the login “%s”: %s"), login, error->message);

  /* The id alone: a script keeps it to assign deals. */
  g_print ("%" G_GINT64_FORMAT "\n", member_id);
  return cli_finish_output ();
}

/* An id alone on a line: a script keeps it. */
static int
print_id (gint64 id)
{
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return cli_finish_output ();
}

static int
server_add_role (Cli *cli)
{
  g_autoptr(AffariPgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char * const names[] = { "--like=", NULL };
  const char *values[G_N_ELEMENTS (names)] = { NULL };
  const char *name = NULL;
  gint64 id;

  if (!parse_args (cli, "add-role", 1, &name, names, values))
    return EXIT_USAGE;
  if (name == NULL || *name == '\0')
    return cli_usage_error ("%s", _("Which role? Give its name, e.g. server add-role Venditori --like Propri"));

  store = open_server (cli);
  if (store == NULL)
    return EXIT_FAILURE;
  if ((id = affari_pg_store_add_role (store, name, values[0], &error)) == 0)
    return cli_failure (_("Cannot add the role “%s”: %s"), name, error->message);
  return print_id (id);
}

static int
server_set_right (Cli *cli)
{
  g_autoptr(AffariPgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char * const names[] = { "--pipeline=", NULL };
  const char *values[G_N_ELEMENTS (names)] = { NULL };
  const char *words[3] = { NULL };
  const char *role, *action, *scope, *pipeline;

  if (!parse_args (cli, "set-right", 3, words, names, values))
    return EXIT_USAGE;
  role = words[0], action = words[1], scope = words[2], pipeline = values[0];
  if (scope == NULL)
    return cli_usage_error ("%s", _("Give the role, the action and the scope, e.g. server set-right Propri read all"));
  if (!g_str_equal (action, "all") && !g_strv_contains (actions, action))
    return cli_usage_error (_("Unknown action “%s”: read, add, edit, delete or all"), action);
  if (!is_scope (scope))
    return cli_usage_error (_("Unknown scope “%s”: none, own, department or all"), scope);

  store = open_server (cli);
  if (store == NULL)
    return EXIT_FAILURE;
  if (!affari_pg_store_set_right (store, role, g_str_equal (action, "all") ? NULL : action, scope, pipeline, &error))
    return cli_failure (_("Cannot change the rights of “%s”: %s"), role, error->message);
  /* Translators: "Propri, pipeline «Generale»: Lettura → Tutti" after server set-right. */
  g_print (_("%s, %s: %s → %s"), role,
           pipeline != NULL ? pipeline : _("every pipeline"),
           g_str_equal (action, "all") ? _("every action") : action_label (action),
           affari_access_scope_label (scope));
  g_print ("\n");
  return cli_finish_output ();
}

static int
server_set_role (Cli *cli)
{
  g_autoptr(AffariPgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *words[2] = { NULL };

  if (!parse_args (cli, "set-role", 2, words, NULL, NULL))
    return EXIT_USAGE;
  if (words[1] == NULL)
    return cli_usage_error ("%s", _("Give the login and its role, e.g. server set-role sara Propri"));

  store = open_server (cli);
  if (store == NULL)
    return EXIT_FAILURE;
  if (!affari_pg_store_set_user_role (store, words[0], words[1], &error))
    return cli_failure (_("Cannot change the role of “%s”: %s"), words[0], error->message);
  return cli_finish_output ();
}

static int
server_add_department (Cli *cli)
{
  g_autoptr(AffariPgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char * const names[] = { "--head=", NULL };
  const char *values[G_N_ELEMENTS (names)] = { NULL };
  const char *name = NULL;
  gint64 id;

  if (!parse_args (cli, "add-department", 1, &name, names, values))
    return EXIT_USAGE;
  if (name == NULL || *name == '\0')
    return cli_usage_error ("%s", _("Which department? Give its name, e.g. server add-department Vendite --head marta"));

  store = open_server (cli);
  if (store == NULL)
    return EXIT_FAILURE;
  if ((id = affari_pg_store_add_department (store, name, values[0], &error)) == 0)
    return cli_failure (_("Cannot add the department “%s”: %s"), name, error->message);
  return print_id (id);
}

static int
server_edit_department (Cli *cli)
{
  g_autoptr(AffariPgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) members = NULL;
  const char * const names[] = { "--head=", "--no-head", "--members=", NULL };
  const char *values[G_N_ELEMENTS (names)] = { NULL };
  const char *name = NULL, *head;

  if (!parse_args (cli, "edit-department", 1, &name, names, values))
    return EXIT_USAGE;
  if (name == NULL || *name == '\0')
    return cli_usage_error ("%s", _("Which department? Give its name, e.g. server edit-department Vendite --members sara,luca"));
  if (values[0] != NULL && values[1] != NULL)
    return cli_usage_error ("%s", _("Give either --head LOGIN or --no-head"));
  if (values[0] == NULL && values[1] == NULL && values[2] == NULL)
    return cli_usage_error ("%s", _("What changes? --head LOGIN, --no-head or --members LOGIN,LOGIN (an empty list empties it)"));
  head = values[1] != NULL ? "" : values[0];
  if (values[2] != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) parts = g_strsplit (values[2], ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (*g_strstrip (parts[i]) != '\0')
          g_strv_builder_add (builder, parts[i]);
      members = g_strv_builder_end (builder);
    }

  store = open_server (cli);
  if (store == NULL)
    return EXIT_FAILURE;
  if (!affari_pg_store_edit_department (store, name, head, (const char * const *) members, &error))
    return cli_failure (_("Cannot change the department “%s”: %s"), name, error->message);
  return cli_finish_output ();
}

/* One line of the rights' table: the role, the pipeline and the four scopes (a scope in
 * parentheses is the role's default, for a pipeline without a rule of its own). */
static void
print_rights_line (GString *line, const char *role, const char *pipeline, const char * const *cells)
{
  g_string_truncate (line, 0);
  cli_append_cell (line, role, 16, FALSE);
  g_string_append (line, "  ");
  cli_append_cell (line, pipeline, 20, FALSE);
  for (guint i = 0; i < 4; i++)
    {
      g_string_append (line, "  ");
      cli_append_cell (line, cells[i], 13, FALSE);
    }
  g_print ("%s\n", g_strchomp (line->str));
}

static int
server_rights (Cli *cli)
{
  g_autoptr(AffariPgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rights = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  const char * const names[] = { "--json", NULL };
  const char *values[G_N_ELEMENTS (names)] = { NULL };
  const char *header[4];

  if (!parse_args (cli, "rights", 0, NULL, names, values))
    return EXIT_USAGE;
  store = open_server (cli);
  if (store == NULL)
    return EXIT_FAILURE;
  if ((rights = affari_pg_store_list_rights (store, &error)) == NULL)
    return cli_failure (_("Cannot read the rights: %s"), error->message);

  /* The list comes as role × pipeline × the four actions in their order: four rows a line. */
  if (values[0] != NULL)
    {
      g_autoptr(JsonBuilder) json = json_builder_new ();

      json_builder_begin_array (json);
      for (guint i = 0; i + 3 < rights->len; i += 4)
        {
          AffariAccessRight *first = g_ptr_array_index (rights, i);

          json_builder_begin_object (json);
          json_builder_set_member_name (json, "role");
          json_builder_add_string_value (json, first->role);
          cli_add_id_or_null (json, "pipeline_id", first->pipeline_id);
          cli_add_string_or_null (json, "pipeline", first->pipeline);
          for (guint a = 0; a < 4; a++)
            {
              AffariAccessRight *right = g_ptr_array_index (rights, i + a);

              json_builder_set_member_name (json, right->action);
              json_builder_add_string_value (json, right->scope);
            }
          /* The actions whose scope is the role's default, not the pipeline's own rule. */
          json_builder_set_member_name (json, "inherited");
          json_builder_begin_array (json);
          for (guint a = 0; a < 4; a++)
            {
              AffariAccessRight *right = g_ptr_array_index (rights, i + a);

              if (right->inherited)
                json_builder_add_string_value (json, right->action);
            }
          json_builder_end_array (json);
          json_builder_end_object (json);
        }
      json_builder_end_array (json);
      return cli_print_json (json);
    }

  for (guint a = 0; a < 4; a++)
    header[a] = action_label (actions[a]);
  print_rights_line (line, _("Role"), _("Pipeline"), header);
  for (guint i = 0; i + 3 < rights->len; i += 4)
    {
      AffariAccessRight *first = g_ptr_array_index (rights, i);
      char *cells[4] = { NULL };

      for (guint a = 0; a < 4; a++)
        {
          AffariAccessRight *right = g_ptr_array_index (rights, i + a);

          cells[a] = right->inherited ? g_strdup_printf ("(%s)", affari_access_scope_label (right->scope))
                                      : g_strdup (affari_access_scope_label (right->scope));
        }
      print_rights_line (line, first->role, first->pipeline != NULL ? first->pipeline : _("every pipeline"),
                         (const char * const *) cells);
      for (guint a = 0; a < 4; a++)
        g_free (cells[a]);
    }
  return cli_finish_output ();
}

static int
server_roles (Cli *cli)
{
  g_autoptr(AffariPgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(JsonBuilder) json = json_builder_new ();
  const char * const names[] = { "--json", NULL };
  const char *values[G_N_ELEMENTS (names)] = { NULL };

  if (!parse_args (cli, "roles", 0, NULL, names, values))
    return EXIT_USAGE;
  store = open_server (cli);
  if (store == NULL)
    return EXIT_FAILURE;
  if ((roles = affari_pg_store_list_roles (store, &error)) == NULL)
    return cli_failure (_("Cannot read the rights: %s"), error->message);

  json_builder_begin_array (json);
  for (guint i = 0; i < roles->len; i++)
    {
      AffariAccessRole *role = g_ptr_array_index (roles, i);

      if (values[0] == NULL)
        {
          g_print ("%" G_GINT64_FORMAT "\t%s\t%u\n", role->id, role->name, role->n_members);
          continue;
        }
      json_builder_begin_object (json);
      json_builder_set_member_name (json, "id");
      json_builder_add_int_value (json, role->id);
      json_builder_set_member_name (json, "name");
      json_builder_add_string_value (json, role->name);
      json_builder_set_member_name (json, "logins");
      json_builder_add_int_value (json, role->n_members);
      json_builder_end_object (json);
    }
  json_builder_end_array (json);
  return values[0] != NULL ? cli_print_json (json) : cli_finish_output ();
}

static int
server_departments (Cli *cli)
{
  g_autoptr(AffariPgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) departments = NULL;
  g_autoptr(JsonBuilder) json = json_builder_new ();
  const char * const names[] = { "--json", NULL };
  const char *values[G_N_ELEMENTS (names)] = { NULL };

  if (!parse_args (cli, "departments", 0, NULL, names, values))
    return EXIT_USAGE;
  store = open_server (cli);
  if (store == NULL)
    return EXIT_FAILURE;
  if ((departments = affari_pg_store_list_departments (store, &error)) == NULL)
    return cli_failure (_("Cannot read the rights: %s"), error->message);

  json_builder_begin_array (json);
  for (guint i = 0; i < departments->len; i++)
    {
      AffariAccessDepartment *department = g_ptr_array_index (departments, i);

      if (values[0] == NULL)
        {
          g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%u\n", department->id, department->name,
                   department->head_login != NULL ? department->head_login : "-", department->n_members);
          continue;
        }
      json_builder_begin_object (json);
      json_builder_set_member_name (json, "id");
      json_builder_add_int_value (json, department->id);
      json_builder_set_member_name (json, "name");
      json_builder_add_string_value (json, department->name);
      cli_add_id_or_null (json, "head_id", department->head_id);
      cli_add_string_or_null (json, "head", department->head_login);
      json_builder_set_member_name (json, "members");
      json_builder_add_int_value (json, department->n_members);
      json_builder_end_object (json);
    }
  json_builder_end_array (json);
  return values[0] != NULL ? cli_print_json (json) : cli_finish_output ();
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
static int server_add_role (Cli *cli) { return no_team_mode (); }
static int server_set_right (Cli *cli) { return no_team_mode (); }
static int server_set_role (Cli *cli) { return no_team_mode (); }
static int server_add_department (Cli *cli) { return no_team_mode (); }
static int server_edit_department (Cli *cli) { return no_team_mode (); }
static int server_rights (Cli *cli) { return no_team_mode (); }
static int server_roles (Cli *cli) { return no_team_mode (); }
static int server_departments (Cli *cli) { return no_team_mode (); }
int cli_server_deals (Cli *cli, gboolean json) { return no_team_mode (); }
int cli_server_move (Cli *cli, gint64 deal_id, const char *code, const char *reason, gboolean json) { return no_team_mode (); }

#endif

int
cli_cmd_server (Cli *cli)
{
  const char *sub = cli->args->len > 0 ? g_ptr_array_index (cli->args, 0) : NULL;
  static const struct {
    const char *name;
    int (*run) (Cli *cli);
  } commands[] = {
    { "init", server_init },
    { "add-user", server_add_user },
    { "import-local", server_import_local },
    { "add-role", server_add_role },
    { "set-right", server_set_right },
    { "set-role", server_set_role },
    { "add-department", server_add_department },
    { "edit-department", server_edit_department },
    { "rights", server_rights },
    { "roles", server_roles },
    { "departments", server_departments },
  };

  if (cli->server == NULL)
    return cli_usage_error ("%s", _("The command “server” needs the server's address: affari-cli --server URL server …"));
  if (sub == NULL)
    return cli_usage_error ("%s", _("Which server command? init, add-user, import-local, add-role, set-right, set-role, add-department, edit-department, rights, roles or departments"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (sub, commands[i].name))
      return commands[i].run (cli);
  return cli_usage_error (_("Unknown command “%s”"), sub);
}
