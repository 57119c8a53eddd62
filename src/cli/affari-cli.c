/* affari-cli.c — Affari from the command line: sample data, checks, machine-readable listings
 *
 * affari-cli [--database PATH | --server URL] COMMAND [OPTIONS]
 *
 * Exit status: 0 done, 1 failed (the message says why, in the user's language), 2 bad usage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "model/affari-i18n.h"
#include "model/affari-money.h"
#include "store/affari-store.h"
#include "io/affari-demo.h"
#include "affari-cli-private.h"

/* Deals are loaded this many at a time, so listing a million deals holds a thousand objects. */
#define PAGE_SIZE 1000

#define MAX_DEMO_DEALS 10000000

/* What `deals` needs to describe a deal without a query per deal. */
typedef struct {
  GHashTable *pipelines;        /* gint64 id → AffariPipeline */
  GHashTable *stages;           /* gint64 id → AffariStage */
  GPtrArray *pipeline_list;     /* AffariPipeline, in order */
} Names;

/* ---- messages ---- */

static int
print_help (void)
{
  g_autofree char *default_path = affari_store_default_path ();

  g_print ("%s\n\n", _("Usage: affari-cli [--database PATH | --server URL] COMMAND [OPTIONS]"));
  g_print ("%s\n\n", _("Work with an Affari deals database from the command line."));
  g_print ("%s\n", _("Commands:"));
  cli_print_help_item ("demo --deals N [--seed S] [--if-empty]",
                   _("Add N sample deals with Italian companies, contacts, products and activities"));
  cli_print_help_item ("check", _("Check the database; exit status 1 when it has problems"));
  cli_print_help_item ("deals [--json]", _("List the deals (not those in the trash)"));
  cli_print_help_item ("pipelines [--json]", _("List the pipelines and their stages"));
  cli_print_help_item ("backup PATH", _("Write a consistent copy of the database to PATH (also while Affari runs)"));
  cli_print_help_item ("restore PATH", _("Replace the database with the backup at PATH, keeping the current one as a backup"));
  cli_print_help_item ("recurring add --deal ID --every N --unit UNIT",
                       _("Make a deal recurring: a template that creates a copy every N units; prints its id"));
  cli_print_help_item ("  [--start DAY] [--until DAY | --times N] [--pipeline ID]",
                       _("UNIT: day, week, month or year; DAY: YYYY-MM-DD (the start is today unless given)"));
  cli_print_help_item ("recurring list [--json]", _("List the recurring templates"));
  cli_print_help_item ("recurring run [--today YYYY-MM-DD]",
                       _("Create the regular deals due up to today, the late ones too (for cron or a timer)"));
  cli_print_help_item ("generator segments [--json] [--today DAY] [--days N] [--product ID] [--since DAY]",
                       _("List the sales generator's segments with how many clients each has now"));
  cli_print_help_item ("generator run --segment CODE [--dry-run] [--json] [--today DAY]",
                       _("Create a deal for each client of the segment and print how many were created and skipped"));
  cli_print_help_item ("  [--days N] [--product ID] [--since DAY]", _("The segment's parameter"));
  cli_print_help_item ("  [--title TEXT] [--pipeline ID] [--responsible client|ID,ID]",
                       _("Title with {cliente} and {data}, pipeline, responsible (the client's own or in turn)"));
  cli_print_help_item ("  [--comment TEXT] [--copy-products] [--always]",
                       _("Pinned comment, products of the last won deal, also clients with a deal in progress"));
  cli_print_help_item ("generator add --name NAME --segment CODE (--every-days N|--weekdays 1,3,5|--monthly DAY|--once) [--start DAY]",
                       _("Save a generator that runs on a schedule (same options as run)"));
  cli_print_help_item ("generator list [--json]", _("List the saved generators and their next run"));
  cli_print_help_item ("generator due [--today DAY]", _("Run the saved generators that are due (for cron or a systemd timer)"));
  cli_print_help_item ("forecast [--json] [--days N] [--today YYYY-MM-DD]",
                       _("The clients without an open deal ranked by the repeat sales expected in N days (default 90)"));
  cli_print_help_item ("forecast --check YYYY-MM-DD [--json]",
                       _("Check the forecast: fit on the deals won up to that day and compare with what was won after it"));
  cli_print_help_item ("forecast --fit-cdnow PATH", _("Fit the repeat-purchase model to the CDNOW sample and print its parameters as JSON"));
  cli_print_help_item ("quotes [--json]", _("List the quotes"));
  cli_print_help_item ("quote to-deal ID", _("Create a deal from the quote; prints its id"));
  cli_print_help_item ("quote pdf ID PATH", _("Write the quote as a PDF to PATH"));
  cli_print_help_item ("leads [--json]", _("List the leads with their status, repeat flag and converted deal"));
  cli_print_help_item ("lead convert ID [--pipeline ID]",
                       _("Convert a lead into a deal (its contact and company found or created) and print the deal's id"));
  cli_print_help_item ("export --json PATH", _("Write the whole database to PATH as one JSON document"));
  cli_print_help_item ("export --csv PATH [--bitrix24]",
                       _("Write every deal to PATH as CSV (--bitrix24: in the shape of Bitrix24's deal export)"));
  cli_print_help_item ("import PATH [--dry-run] [--json]",
                       _("Import a folder of Bitrix24 JSON files (crm.deal.list*.json…); prints what was created and refused"));
  cli_print_help_item ("import FILE.csv [--dry-run] [--json]",
                       _("Import Bitrix24's deal list CSV export; a missing stage, company or contact is created"));
  cli_print_help_item ("  [--pipeline NAME] [--map \"Header=field,…\"]",
                       _("Any other CSV file: its columns are guessed and printed; --map changes them (fields: title, amount, currency, pipeline, stage, company, contact, email, phone, vat, begin_date, close_date, source, type, responsible, comments, ignore), --pipeline is the pipeline of rows without one"));
  cli_print_help_item ("import FILE.json [--dry-run] [--json]",
                       _("Import a file of export --json into an empty database (affari-cli --database NEW.db import FILE.json)"));
  cli_print_help_item ("drop FILE.vcf|FILE.ics [--deal ID] [--json]",
                       _("Do what dropping the file on the window does: add the contacts of a .vcf, plan the events of an .ics on deal ID"));
  cli_print_help_item ("move DEAL_ID STAGE_CODE [--reason TEXT] [--json]",
                       _("Move a deal to the stage with that code in its pipeline, as a drop on the Kanban does (closes it on a won or lost stage)"));
  cli_print_help_item ("server init", _("With --server: create or update the schema on the team's server (as its administrator)"));
  cli_print_help_item ("server add-user LOGIN --password P --scope own|department|all",
                       _("With --server: add a seller's login to the team; prints the team member's id"));
  cli_print_help_item ("  [--department D] [--full-name NAME]",
                       _("Their department (created if new: scope department sees its deals) and name (the login when not given)"));
  cli_print_help_item ("server add-role NAME [--like ROLE] | set-right ROLE ACTION SCOPE [--pipeline NAME]",
                       _("With --server: a role, and its scope (none, own, department, all) for read, add, edit, delete or all, in a pipeline or by default"));
  cli_print_help_item ("server set-role LOGIN ROLE | add-department NAME [--head LOGIN]",
                       _("With --server: a login's role; a department and its head"));
  cli_print_help_item ("server edit-department NAME [--head LOGIN | --no-head] [--members LOGIN,…]",
                       _("With --server: a department's head, and its members (the logins listed; the others leave it)"));
  cli_print_help_item ("server rights|roles|departments [--json]", _("With --server: the access rights, the roles, the departments"));
  cli_print_help_item ("server import-local PATH",
                       _("With --server: copy the local database at PATH to an empty server in one transaction, every table's count checked (as the server's owner)"));
  cli_print_help_item ("help", _("Show this help"));
  g_print ("\n%s\n", _("Options:"));
  cli_print_help_item ("--database PATH", _("The database to use"));
  cli_print_help_item ("--server URL", _("The team's PostgreSQL server (postgresql://NAME:PASSWORD@HOST/DATABASE): every command but backup and restore works on it, with that login's rights"));
  cli_print_help_item ("--version", _("Show the version"));
  g_print ("\n");
  g_print (_("The default database is %s"), default_path);
  g_print ("\n");
  return EXIT_SUCCESS;
}

/* ---- shared helpers ---- */

static void
names_clear (Names *names)
{
  g_clear_pointer (&names->pipelines, g_hash_table_unref);
  g_clear_pointer (&names->stages, g_hash_table_unref);
  g_clear_pointer (&names->pipeline_list, g_ptr_array_unref);
}

/* Adds a pipeline and its stages, whichever store they came from. */
static void
names_add (Names          *names,
           AffariPipeline *pipeline,
           GPtrArray      *stages)
{
  if (names->pipelines == NULL)
    {
      names->pipelines = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
      names->stages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
    }

  g_hash_table_insert (names->pipelines, g_memdup2 (&(gint64) { affari_pipeline_get_id (pipeline) }, sizeof (gint64)),
                       g_object_ref (pipeline));
  for (guint j = 0; j < stages->len; j++)
    {
      AffariStage *stage = g_ptr_array_index (stages, j);
      gint64 id = affari_stage_get_id (stage);

      g_hash_table_insert (names->stages, g_memdup2 (&id, sizeof id), g_object_ref (stage));
    }
}

static gboolean
names_load (Names        *names,
            AffariStore  *store,
            GError      **error)
{
  names->pipeline_list = affari_store_list_pipelines (store, error);
  if (names->pipeline_list == NULL)
    return FALSE;

  for (guint i = 0; i < names->pipeline_list->len; i++)
    {
      AffariPipeline *pipeline = g_ptr_array_index (names->pipeline_list, i);
      g_autoptr(GPtrArray) stages = affari_store_list_stages (store, affari_pipeline_get_id (pipeline), error);

      if (stages == NULL)
        return FALSE;
      names_add (names, pipeline, stages);
    }

  return TRUE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* ---- commands ---- */

static int
cmd_demo (Cli *cli)
{
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint64 n_deals = 1000;
  guint64 seed;
  gboolean if_empty = FALSE;
  gint64 start;
  double seconds;

  seed = g_random_int ();

  for (guint i = 0; i < cli->args->len; i++)
    {
      const char *arg = g_ptr_array_index (cli->args, i);
      const char *value = NULL;

      if (cli_is_option (arg, "--deals", &value) || cli_is_option (arg, "--seed", &value))
        {
          gboolean deals = g_str_has_prefix (arg, "--deals");
          g_autoptr(GError) number_error = NULL;

          if (value == NULL)
            {
              if (i + 1 >= cli->args->len)
                return cli_usage_error (_("The option “%s” needs a number"), deals ? "--deals" : "--seed");
              value = g_ptr_array_index (cli->args, ++i);
            }

          if (!g_ascii_string_to_unsigned (value, 10, deals ? 1 : 0, deals ? MAX_DEMO_DEALS : G_MAXUINT32,
                                           deals ? &n_deals : &seed, &number_error))
            {
              if (deals)
                return cli_usage_error (_("“%s” is not a number of deals between 1 and %u"), value, MAX_DEMO_DEALS);
              return cli_usage_error (_("“%s” is not a seed between 0 and %u"), value, G_MAXUINT32);
            }
        }
      else if (g_str_equal (arg, "--if-empty"))
        if_empty = TRUE;
      else if (arg[0] == '-')
        return cli_usage_error (_("Unknown option “%s” for “%s”"), arg, cli->command);
      else
        return cli_usage_error (_("Unexpected argument “%s”"), arg);
    }

  store = cli_open_store (cli, TRUE);
  if (store == NULL)
    return EXIT_FAILURE;
  path = g_strdup (affari_store_get_path (store));

  if (if_empty)
    {
      AffariDealQuery query = { 0 };
      guint count = affari_store_count_deals (store, &query, &error);

      if (error == NULL)
        {
          query.include_deleted = TRUE;
          count += affari_store_count_deals (store, &query, &error);
        }
      if (error != NULL)
        return cli_failure ("%s", error->message);

      if (count > 0)
        {
          g_print (_("The database %s already has deals: nothing to do."), path);
          g_print ("\n");
          return cli_finish_output ();
        }
    }

  start = g_get_monotonic_time ();
  if (!affari_demo_generate (store, (guint) n_deals, (guint32) seed, &error))
    return cli_failure (_("Cannot add the sample data: %s"), error->message);
  seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;

  /* The seed is shown so that the same data can be made again. */
  g_print (ngettext ("Added %u sample deal (seed %u) to %s in %.1f s.",
                     "Added %u sample deals (seed %u) to %s in %.1f s.",
                     (gulong) n_deals),
           (guint) n_deals, (guint) seed, path, seconds);
  g_print ("\n");
  return cli_finish_output ();
}

static int
cmd_check (Cli *cli)
{
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (cli->args->len > 0)
    return cli_usage_error (_("Unexpected argument “%s”"), (const char *) g_ptr_array_index (cli->args, 0));

  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILURE;

  ok = affari_store_check (store, &problems, &error);
  if (error != NULL)
    return cli_failure (_("Cannot check the database: %s"), error->message);

  if (problems != NULL && problems->len > 0)
    {
      for (guint i = 0; i < problems->len; i++)
        g_print ("%s\n", (const char *) g_ptr_array_index (problems, i));
      cli_finish_output ();
      return cli_failure (ngettext ("The database has %u problem.",
                                "The database has %u problems.", problems->len),
                      problems->len);
    }

  if (!ok)
    return cli_failure ("%s", _("The database check failed."));

  g_print ("%s\n", _("OK"));
  return cli_finish_output ();
}

static JsonNode *
deal_to_json (JsonBuilder *builder,
              const Names *names,
              AffariDeal  *deal)
{
  gint64 pipeline_id = affari_deal_get_pipeline_id (deal);
  gint64 stage_id = affari_deal_get_stage_id (deal);
  AffariPipeline *pipeline = g_hash_table_lookup (names->pipelines, &pipeline_id);
  AffariStage *stage = g_hash_table_lookup (names->stages, &stage_id);
  g_autofree char *amount = affari_money_to_decimal (affari_deal_get_amount (deal));
  g_autofree char *date_create = cli_format_utc (affari_deal_get_date_create (deal));
  gint64 company_id = affari_deal_get_company_id (deal);

  json_builder_reset (builder);
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, affari_deal_get_id (deal));
  cli_add_string_or_null (builder, "title", affari_deal_get_title (deal));
  cli_add_string_or_null (builder, "pipeline", pipeline != NULL ? affari_pipeline_get_name (pipeline) : NULL);
  json_builder_set_member_name (builder, "pipeline_id");
  json_builder_add_int_value (builder, pipeline_id);
  cli_add_string_or_null (builder, "stage", stage != NULL ? affari_stage_get_code (stage) : NULL);
  cli_add_string_or_null (builder, "stage_name", stage != NULL ? affari_stage_get_name (stage) : NULL);
  cli_add_string_or_null (builder, "semantics", affari_semantics_to_code (affari_deal_get_semantics (deal)));
  json_builder_set_member_name (builder, "closed");
  json_builder_add_boolean_value (builder, affari_deal_get_closed (deal));
  cli_add_string_or_null (builder, "amount", amount);
  cli_add_string_or_null (builder, "currency", affari_deal_get_currency (deal));
  cli_add_string_or_null (builder, "client", affari_deal_get_client_name (deal));
  json_builder_set_member_name (builder, "company_id");
  if (company_id != 0)
    json_builder_add_int_value (builder, company_id);
  else
    json_builder_add_null_value (builder);
  cli_add_string_or_null (builder, "responsible", affari_deal_get_assigned_name (deal));
  cli_add_string_or_null (builder, "date_create", date_create);
  cli_add_string_or_null (builder, "begin_date", affari_deal_get_begin_date (deal));
  cli_add_string_or_null (builder, "close_date", affari_deal_get_close_date (deal));
  cli_add_string_or_null (builder, "closed_at", affari_deal_get_closed_at (deal));
  json_builder_set_member_name (builder, "is_return_customer");
  json_builder_add_boolean_value (builder, affari_deal_get_is_return_customer (deal));

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_deal_row (GString     *line,
                const Names *names,
                AffariDeal  *deal)
{
  gint64 stage_id = affari_deal_get_stage_id (deal);
  AffariStage *stage = g_hash_table_lookup (names->stages, &stage_id);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, affari_deal_get_id (deal));
  g_autofree char *amount = affari_money_format (affari_deal_get_amount (deal),
                                                 affari_deal_get_currency (deal));
  /* One deal, one line: a title typed with line breaks or tabs would break the columns. */
  g_autofree char *title = g_strdelimit (g_strdup (affari_deal_get_title (deal) ? affari_deal_get_title (deal) : ""),
                                         "\n\r\t", ' ');

  g_string_truncate (line, 0);
  cli_append_cell (line, id, 8, TRUE);
  g_string_append (line, "  ");
  cli_append_cell (line, title, 50, FALSE);
  g_string_append (line, "  ");
  cli_append_cell (line, stage != NULL ? affari_stage_get_name (stage) : "", 26, FALSE);
  g_string_append (line, "  ");
  cli_append_cell (line, amount, 16, TRUE);
  g_string_append_c (line, '\n');
  fputs (line->str, stdout);
}

/* ---- the deals' printer, for either store ---- */

struct _CliDealPrinter
{
  Names names;
  gboolean json;
  JsonBuilder *builder;
  GString *line;
  guint count;
  gboolean started;
};

/* The column titles, or the JSON array's bracket: once, before the first deal or none. */
static void
printer_start (CliDealPrinter *self)
{
  if (self->started)
    return;
  self->started = TRUE;
  if (self->json)
    {
      fputs ("[", stdout);
      return;
    }
  g_string_truncate (self->line, 0);
  cli_append_cell (self->line, _("ID"), 8, TRUE);
  g_string_append (self->line, "  ");
  cli_append_cell (self->line, _("Title"), 50, FALSE);
  g_string_append (self->line, "  ");
  cli_append_cell (self->line, _("Stage"), 26, FALSE);
  g_string_append (self->line, "  ");
  cli_append_cell (self->line, _("Amount"), 16, TRUE);
  g_string_append_c (self->line, '\n');
  fputs (self->line->str, stdout);
}

CliDealPrinter *
cli_deal_printer_new (gboolean json)
{
  CliDealPrinter *self = g_new0 (CliDealPrinter, 1);

  self->json = json;
  self->line = g_string_new (NULL);
  if (json)
    self->builder = json_builder_new ();
  return self;
}

void
cli_deal_printer_add_pipeline (CliDealPrinter *self,
                               AffariPipeline *pipeline,
                               GPtrArray      *stages)
{
  names_add (&self->names, pipeline, stages);
}

void
cli_deal_printer_add_deals (CliDealPrinter *self,
                            GPtrArray      *deals)
{
  printer_start (self);
  for (guint i = 0; i < deals->len; i++)
    {
      AffariDeal *deal = g_ptr_array_index (deals, i);

      if (self->json)
        {
          g_autoptr(JsonNode) node = deal_to_json (self->builder, &self->names, deal);
          g_autofree char *text = json_to_string (node, FALSE);

          fputs (self->count == 0 ? "\n" : ",\n", stdout);
          fputs (text, stdout);
        }
      else
        print_deal_row (self->line, &self->names, deal);
      self->count++;
    }
}

int
cli_deal_printer_finish (CliDealPrinter *self,
                         int             status)
{
  /* The header and the brackets are there also when there is no deal. */
  if (status == EXIT_SUCCESS)
    {
      printer_start (self);
      if (self->json)
        fputs (self->count > 0 ? "\n]\n" : "]\n", stdout);
    }

  names_clear (&self->names);
  g_clear_object (&self->builder);
  g_string_free (self->line, TRUE);
  g_free (self);
  if (status != EXIT_SUCCESS)
    return status;
  return cli_finish_output ();
}

static int
cmd_deals (Cli *cli)
{
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  AffariDealQuery query = { 0 };
  Names names = { 0 };
  CliDealPrinter *printer;
  gboolean json = FALSE;
  int status = EXIT_SUCCESS;

  if ((status = cli_parse_json_option (cli, &json)) != EXIT_SUCCESS)
    return status;
  if (cli->server != NULL)
    return cli_server_deals (cli, json);

  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILURE;

  if (!names_load (&names, store, &error) ||
      (ids = affari_store_query_deal_ids (store, &query, &error)) == NULL)
    {
      names_clear (&names);
      return cli_failure (_("Cannot read the deals: %s"), error->message);
    }

  /* By id: the order in which deals were made, stable from one run to the next. */
  g_array_sort (ids, compare_ids);

  printer = cli_deal_printer_new (json);
  printer->names = names;
  for (guint offset = 0; offset < ids->len; offset += PAGE_SIZE)
    {
      guint n = MIN (PAGE_SIZE, ids->len - offset);
      g_autoptr(GPtrArray) deals = affari_store_load_deals (store, &g_array_index (ids, gint64, offset),
                                                            n, &error);

      if (deals == NULL)
        {
          status = cli_failure (_("Cannot read the deals: %s"), error->message);
          break;
        }
      cli_deal_printer_add_deals (printer, deals);
    }

  return cli_deal_printer_finish (printer, status);
}

static int
cmd_pipelines (Cli *cli)
{
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pipelines = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  gboolean json = FALSE;
  int status;

  if ((status = cli_parse_json_option (cli, &json)) != EXIT_SUCCESS)
    return status;

  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILURE;

  pipelines = affari_store_list_pipelines (store, &error);
  if (pipelines == NULL)
    return cli_failure (_("Cannot read the pipelines: %s"), error->message);

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }

  for (guint i = 0; i < pipelines->len; i++)
    {
      AffariPipeline *pipeline = g_ptr_array_index (pipelines, i);
      g_autoptr(GPtrArray) stages = affari_store_list_stages (store, affari_pipeline_get_id (pipeline), &error);

      if (stages == NULL)
        return cli_failure (_("Cannot read the pipelines: %s"), error->message);

      if (json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, affari_pipeline_get_id (pipeline));
          cli_add_string_or_null (builder, "name", affari_pipeline_get_name (pipeline));
          json_builder_set_member_name (builder, "is_default");
          json_builder_add_boolean_value (builder, affari_pipeline_get_is_default (pipeline));
          json_builder_set_member_name (builder, "stages");
          json_builder_begin_array (builder);
        }
      else
        {
          g_print ("%" G_GINT64_FORMAT "\t%s", affari_pipeline_get_id (pipeline),
                   affari_pipeline_get_name (pipeline));
          if (affari_pipeline_get_is_default (pipeline))
            g_print ("\t%s", _("(default)"));
          g_print ("\n");
        }

      for (guint j = 0; j < stages->len; j++)
        {
          AffariStage *stage = g_ptr_array_index (stages, j);
          const char *semantics = affari_semantics_to_code (affari_stage_get_semantics (stage));

          if (json)
            {
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "id");
              json_builder_add_int_value (builder, affari_stage_get_id (stage));
              cli_add_string_or_null (builder, "code", affari_stage_get_code (stage));
              cli_add_string_or_null (builder, "name", affari_stage_get_name (stage));
              cli_add_string_or_null (builder, "semantics", semantics);
              json_builder_end_object (builder);
            }
          else
            g_print ("\t%s\t%s\t%s\n", affari_stage_get_code (stage), affari_stage_get_name (stage),
                     semantics);
        }

      if (json)
        {
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
    }

  if (json)
    {
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      text = json_to_string (root, TRUE);
      fputs (text, stdout);
      fputs ("\n", stdout);
    }

  return cli_finish_output ();
}

/* ---- backup and restore ---- */

static int
one_path_argument (Cli *cli, const char **out_path)
{
  if (cli->args->len == 0)
    return cli_usage_error (_("The command “%s” needs a file name"), cli->command);
  if (cli->args->len > 1)
    return cli_usage_error (_("Unexpected argument “%s”"), (const char *) g_ptr_array_index (cli->args, 1));
  *out_path = g_ptr_array_index (cli->args, 0);
  return EXIT_SUCCESS;
}

static int
cmd_backup (Cli *cli)
{
  g_autofree char *path = cli_dup_database_path (cli);
  g_autoptr(AffariStoreCloser) copy = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const char *dest;
  int status;

  if ((status = one_path_argument (cli, &dest)) != EXIT_SUCCESS)
    return status;
  if (g_file_test (dest, G_FILE_TEST_EXISTS))
    return cli_failure (_("“%s” exists already: choose another name for the backup."), dest);

  /* Only an Affari database is copied, read on a connection of its own. */
  {
    g_autoptr(AffariStoreCloser) source = cli_open_store (cli, FALSE);

    if (source == NULL)
      return EXIT_FAILURE;
  }
  if (!affari_store_backup_file (path, dest, NULL, NULL, NULL, &error))
    return cli_failure ("%s", error->message);

  /* The copy is only a backup if it passes the check. */
  copy = affari_store_open_read_only (dest, &error);
  if (copy == NULL || !affari_store_check (copy, &problems, &error))
    return cli_failure (_("The backup “%s” does not pass the check: %s"), dest,
                    error != NULL ? error->message : (const char *) g_ptr_array_index (problems, 0));
  g_print (_("Backup written to %s (%u deals)"), dest, affari_store_count_deals (copy, NULL, NULL));
  g_print ("\n");
  return cli_finish_output ();
}

static int
cmd_restore (Cli *cli)
{
  g_autofree char *path = cli_dup_database_path (cli);
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  const char *backup;
  int status;

  if ((status = one_path_argument (cli, &backup)) != EXIT_SUCCESS)
    return status;
  if (!affari_store_restore_file (backup, path, g_get_real_time () / G_USEC_PER_SEC, &kept, &error))
    return cli_failure ("%s", error->message);
  g_print (_("Restored %s from %s"), path, backup);
  g_print ("\n");
  if (kept != NULL)
    {
      g_print (_("The database as it was is kept in %s"), kept);
      g_print ("\n");
    }
  return cli_finish_output ();
}

/* ---- main ---- */

int cli_cmd_forecast (Cli *cli);   /* affari-cli-forecast.c */
int cli_cmd_recurring (Cli *cli);  /* affari-cli-recurring.c */
int cli_generator (Cli *cli);  /* affari-cli-generator.c */
int cli_cmd_quotes (Cli *cli);  /* affari-cli-quotes.c */
int cli_cmd_quote (Cli *cli);
int cli_cmd_leads (Cli *cli);  /* affari-cli-leads.c */
int cli_cmd_lead (Cli *cli);  /* affari-cli-leads.c */
int cli_cmd_export (Cli *cli);  /* affari-cli-export.c */
int cli_cmd_import (Cli *cli);  /* affari-cli-import.c */
int cli_cmd_drop (Cli *cli);  /* affari-cli-drop.c */
int cli_cmd_move (Cli *cli);  /* affari-cli-move.c */
int cli_cmd_server (Cli *cli);  /* affari-cli-server.c */

static int
run (Cli *cli)
{
  static const struct {
    const char *name;
    int (*func) (Cli *cli);
  } commands[] = {
    { "demo", cmd_demo },
    { "check", cmd_check },
    { "deals", cmd_deals },
    { "pipelines", cmd_pipelines },
    { "backup", cmd_backup },
    { "restore", cmd_restore },
    { "forecast", cli_cmd_forecast },
    { "recurring", cli_cmd_recurring },
    { "generator", cli_generator },
    { "quotes", cli_cmd_quotes }, { "quote", cli_cmd_quote },
    { "leads", cli_cmd_leads }, { "lead", cli_cmd_lead },
    { "export", cli_cmd_export },
    { "import", cli_cmd_import },
    { "drop", cli_cmd_drop },
    { "move", cli_cmd_move },
    { "server", cli_cmd_server },
  };

  if (cli->command == NULL)
    return cli_usage_error ("%s", _("No command given"));

  if (g_str_equal (cli->command, "help"))
    return print_help ();

  /* A file's own commands: the server is backed up and restored with PostgreSQL's tools. */
  if (cli->server != NULL && (g_str_equal (cli->command, "backup") || g_str_equal (cli->command, "restore")))
    return cli_usage_error (_("The command “%s” is for a database file: back the team's server up with pg_dump "
                              "and restore it with pg_restore (see the README)"), cli->command);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (cli->command, commands[i].name))
      return commands[i].func (cli);

  return cli_usage_error (_("Unknown command “%s”"), cli->command);
}

/* The value of a global option, given as --NAME=VALUE (@value set) or --NAME VALUE (advancing
 * @i); FALSE when there is none or it is empty. */
static gboolean
global_option_value (int          argc,
                     char        *argv[],
                     int         *i,
                     const char **value)
{
  if (*value == NULL && *i + 1 < argc)
    *value = argv[++*i];
  return *value != NULL && **value != '\0';
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  Cli cli = { NULL, NULL, NULL, args };
  gboolean options_done = FALSE;

  affari_i18n_init ();
  g_set_prgname ("affari-cli");

  /* The global options may come before or after the command; everything else belongs to it. */
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value = NULL;

      if (!options_done && g_str_equal (arg, "--"))
        options_done = TRUE;
      else if (!options_done && cli_is_option (arg, "--database", &value))
        {
          if (!global_option_value (argc, argv, &i, &value))
            return cli_usage_error (_("The option “%s” needs a file name"), "--database");
          cli.database = value;
        }
      else if (!options_done && cli_is_option (arg, "--server", &value))
        {
          if (!global_option_value (argc, argv, &i, &value))
            return cli_usage_error (_("The option “%s” needs a server address"), "--server");
          cli.server = value;
        }
      else if (!options_done && (g_str_equal (arg, "--help") || g_str_equal (arg, "-h")))
        return print_help ();
      else if (!options_done && g_str_equal (arg, "--version"))
        {
          if (i + 1 < argc)
            return cli_usage_error (_("“%s” takes nothing after it"), "--version");
          g_print ("affari-cli %s\n", PACKAGE_VERSION);
          return cli_finish_output ();
        }
      else if (cli.command == NULL && !(arg[0] == '-' && !options_done))
        cli.command = arg;
      else if (cli.command == NULL)
        return cli_usage_error (_("Unknown option “%s”"), arg);
      else
        g_ptr_array_add (args, (gpointer) arg);
    }

  if (cli.database != NULL && cli.server != NULL)
    return cli_usage_error ("%s", _("Give either --database or --server, not both"));
  return run (&cli);
}
