/* affari-cli-leads.c — affari-cli leads | lead convert: the leads from a script
 *
 * The conversion follows the dialog's rules (ops/affari-leads.c): the contact and the company are
 * the first clients found by the lead's e-mail, phone and name, else new ones made from the lead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gi18n.h>

#include "affari-cli-private.h"
#include "model/affari-money.h"
#include "ops/affari-deal-ops.h"
#include "ops/affari-leads.h"
#include "store/affari-store-leads.h"

int cli_cmd_leads (Cli *cli);
int cli_cmd_lead (Cli *cli);

/* ------------------------------------------------------------ auxiliary */

static char *
one_line (const char *text)
{
  return g_strdelimit (g_strdup (text != NULL ? text : ""), "\n\r\t", ' ');
}

static void
print_lead_json (JsonBuilder   *builder,
                 AffariLeadRow *row,
                 gboolean       first)
{
  g_autofree char *amount = affari_money_to_decimal (row->amount);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  json_builder_reset (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, row->lead->deal_id);
  cli_add_string_or_null (builder, "title", row->title);
  cli_add_string_or_null (builder, "name", row->lead->first_name);
  cli_add_string_or_null (builder, "surname", row->lead->last_name);
  cli_add_string_or_null (builder, "company_name", row->lead->company_title);
  cli_add_string_or_null (builder, "phone", row->lead->phone);
  cli_add_string_or_null (builder, "email", row->lead->email);
  cli_add_string_or_null (builder, "address", row->lead->address);
  cli_add_string_or_null (builder, "status", row->status_code);
  cli_add_string_or_null (builder, "status_name", row->status);
  cli_add_string_or_null (builder, "amount", amount);
  cli_add_string_or_null (builder, "currency", row->currency);
  json_builder_set_member_name (builder, "repeat");
  json_builder_add_boolean_value (builder, row->repeat);
  json_builder_set_member_name (builder, "converted_deal");
  if (row->lead->converted_deal_id > 0)
    json_builder_add_int_value (builder, row->lead->converted_deal_id);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  text = json_to_string (node, FALSE);
  fputs (first ? "\n" : ",\n", stdout);
  fputs (text, stdout);
}

static void
print_lead_line (GString       *line,
                 AffariLeadRow *row)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, row->lead->deal_id);
  g_autofree char *title = one_line (row->title);
  g_autofree char *person = affari_lead_dup_person (row->lead);
  g_autofree char *joined = NULL;
  g_autofree char *who = NULL;
  g_autofree char *amount = affari_money_format (row->amount, row->currency);
  g_autofree char *converted = row->lead->converted_deal_id > 0
                               ? g_strdup_printf ("#%" G_GINT64_FORMAT, row->lead->converted_deal_id) : g_strdup ("");

  joined = *row->lead->company_title && *person ? g_strconcat (person, ", ", row->lead->company_title, NULL)
           : g_strdup (*person ? person : row->lead->company_title);
  who = one_line (joined);
  g_string_truncate (line, 0);
  cli_append_cell (line, id, 8, TRUE);
  g_string_append (line, "  ");
  cli_append_cell (line, title, 36, FALSE);
  g_string_append (line, "  ");
  cli_append_cell (line, who, 36, FALSE);
  g_string_append (line, "  ");
  cli_append_cell (line, row->status, 16, FALSE);
  g_string_append (line, "  ");
  cli_append_cell (line, amount, 14, TRUE);
  g_string_append (line, "  ");
  cli_append_cell (line, row->repeat ? _("repeat") : "", 9, FALSE);
  g_string_append (line, "  ");
  g_string_append (line, converted);
  g_string_append_c (line, '\n');
  fputs (line->str, stdout);
}

/* ------------------------------------------------------------ commands */

int
cli_cmd_leads (Cli *cli)
{
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  gboolean json = FALSE;
  int status;

  if ((status = cli_parse_json_option (cli, &json)) != EXIT_SUCCESS)
    return status;
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILURE;
  rows = affari_store_list_leads (store, &error);
  if (rows == NULL)
    return cli_failure (_("Cannot read the leads: %s"), error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      fputs ("[", stdout);
      for (guint i = 0; i < rows->len; i++)
        print_lead_json (builder, g_ptr_array_index (rows, i), i == 0);
      fputs (rows->len > 0 ? "\n]\n" : "]\n", stdout);
      return cli_finish_output ();
    }

  cli_append_cell (line, _("ID"), 8, TRUE);
  g_string_append (line, "  ");
  cli_append_cell (line, _("Title"), 36, FALSE);
  g_string_append (line, "  ");
  cli_append_cell (line, _("Name and company"), 36, FALSE);
  g_string_append (line, "  ");
  cli_append_cell (line, _("Status"), 16, FALSE);
  g_string_append (line, "  ");
  cli_append_cell (line, _("Amount"), 14, TRUE);
  g_string_append (line, "  ");
  cli_append_cell (line, _("Repeat"), 9, FALSE);
  g_string_append (line, "  ");
  g_string_append (line, _("Deal"));
  g_string_append_c (line, '\n');
  fputs (line->str, stdout);
  for (guint i = 0; i < rows->len; i++)
    print_lead_line (line, g_ptr_array_index (rows, i));
  return cli_finish_output ();
}

static int
cmd_convert (Cli *cli)
{
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(AffariDealOps) ops = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  AffariLeadConversion conversion = { 0 };
  gint64 lead_id = 0, pipeline_id = 0, deal_id = 0;

  for (guint i = 1; i < cli->args->len; i++)
    {
      const char *arg = g_ptr_array_index (cli->args, i);
      const char *value = NULL;

      if (cli_is_option (arg, "--pipeline", &value))
        {
          if ((value = cli_option_value (cli, &i, "--pipeline", value)) == NULL
              || !cli_parse_int (value, "--pipeline", 1, G_MAXINT64, &pipeline_id))
            return EXIT_USAGE;
        }
      else if (arg[0] == '-')
        return cli_usage_error (_("Unknown option “%s” for “%s”"), arg, "lead convert");
      else if (lead_id == 0)
        {
          if (!cli_parse_int (arg, "ID", 1, G_MAXINT64, &lead_id))
            return EXIT_USAGE;
        }
      else
        return cli_usage_error (_("Unexpected argument “%s”"), arg);
    }
  if (lead_id == 0)
    return cli_usage_error (_("Give the number of the lead to convert: affari-cli lead convert ID"));

  /* Never a new database: a mistyped path is reported, not created. */
  path = cli_dup_database_path (cli);
  if (cli->server == NULL && !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return cli_failure (_("The database “%s” does not exist: check the path given with --database."), path);
  store = cli_open_store (cli, TRUE);
  if (store == NULL)
    return EXIT_FAILURE;

  if (!affari_leads_suggest (store, lead_id, &conversion, &error))
    return cli_failure ("%s", error->message);
  if (pipeline_id > 0)
    conversion.pipeline_id = pipeline_id;
  ops = affari_deal_ops_new (store);
  set = affari_leads_convert (ops, store, &conversion, &deal_id, &error);
  if (set == NULL)
    return cli_failure (_("The lead was not converted: %s"), error->message);
  g_print ("%" G_GINT64_FORMAT "\n", deal_id);
  return cli_finish_output ();
}

int
cli_cmd_lead (Cli *cli)
{
  const char *sub = cli->args->len > 0 ? g_ptr_array_index (cli->args, 0) : NULL;

  if (sub == NULL)
    return cli_usage_error (_("No sub-command given: affari-cli lead convert ID [--pipeline ID]"));
  if (g_str_equal (sub, "convert"))
    return cmd_convert (cli);
  return cli_usage_error (_("Unknown sub-command “%s” of “%s”"), sub, "lead");
}
