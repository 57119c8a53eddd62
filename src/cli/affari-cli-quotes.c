/* affari-cli-quotes.c — affari-cli quotes | quote to-deal | quote pdf: quotes from a script
 *
 * The same rules as the Preventivi window (ops/affari-quotes.c).
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
#include "ops/affari-quotes.h"

int cli_cmd_quotes (Cli *cli);
int cli_cmd_quote (Cli *cli);

/* ------------------------------------------------------------ auxiliary */

static AffariQuotes *
open_quotes (AffariStore *store)
{
  g_autoptr(AffariDealOps) ops = affari_deal_ops_new (store);

  return affari_quotes_new (store, ops);
}

static void
add_quote_json (JsonBuilder *builder,
                AffariQuote *q)
{
  g_autofree char *amount = affari_money_to_decimal (q->amount);
  g_autofree char *tax = affari_money_to_decimal (q->tax_value);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, q->id);
  cli_add_string_or_null (builder, "number", q->number);
  cli_add_string_or_null (builder, "title", q->title);
  cli_add_string_or_null (builder, "status", affari_quote_status_to_code (q->status));
  cli_add_id_or_null (builder, "company_id", q->company_id);
  cli_add_id_or_null (builder, "contact_id", q->contact_id);
  cli_add_string_or_null (builder, "client", q->client_name);
  json_builder_set_member_name (builder, "client_deleted");
  json_builder_add_boolean_value (builder, q->client_deleted);
  cli_add_id_or_null (builder, "deal_id", q->deal_id);
  cli_add_id_or_null (builder, "lead_id", q->lead_id);
  cli_add_string_or_null (builder, "amount", amount);
  cli_add_string_or_null (builder, "tax_value", tax);
  cli_add_string_or_null (builder, "currency", q->currency);
  cli_add_string_or_null (builder, "valid_until", q->valid_until);
  cli_add_string_or_null (builder, "terms", q->terms);
  cli_add_string_or_null (builder, "notes", q->notes);
  json_builder_end_object (builder);
}

/* The id of a quote given as the argument at @index. */
static gboolean
parse_quote_id (Cli *cli, guint index, gint64 *out)
{
  const char *arg = index < cli->args->len ? g_ptr_array_index (cli->args, index) : NULL;

  if (arg == NULL)
    {
      cli_usage_error (_("“%s” needs the id of a quote"), "quote");
      return FALSE;
    }
  return cli_parse_int (arg, "ID", 1, G_MAXINT64, out);
}

/* ------------------------------------------------------------ commands */

int
cli_cmd_quotes (Cli *cli)
{
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(AffariQuotes) quotes = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int status;

  if ((status = cli_parse_json_option (cli, &json)) != EXIT_SUCCESS)
    return status;
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILURE;
  quotes = open_quotes (store);
  list = affari_quotes_list (quotes, -1, &error);
  if (list == NULL)
    return cli_failure (_("Cannot read the quotes: %s"), error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < list->len; i++)
        add_quote_json (builder, g_ptr_array_index (list, i));
      json_builder_end_array (builder);
      return cli_print_json (builder);
    }

  {
    g_autoptr(GString) line = g_string_new (NULL);

    cli_append_cell (line, _("ID"), 5, TRUE);
    g_string_append (line, "  ");
    cli_append_cell (line, _("Number"), 8, FALSE);
    g_string_append (line, "  ");
    cli_append_cell (line, _("Title"), 32, FALSE);
    g_string_append (line, "  ");
    cli_append_cell (line, _("Client"), 24, FALSE);
    g_string_append (line, "  ");
    cli_append_cell (line, _("Status"), 10, FALSE);
    g_string_append (line, "  ");
    cli_append_cell (line, _("Total"), 14, TRUE);
    g_string_append_c (line, '\n');
    for (guint i = 0; i < list->len; i++)
      {
        AffariQuote *q = g_ptr_array_index (list, i);
        g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, q->id);
        g_autofree char *total = affari_money_format (q->amount, q->currency);

        cli_append_cell (line, id, 5, TRUE);
        g_string_append (line, "  ");
        cli_append_cell (line, q->number, 8, FALSE);
        g_string_append (line, "  ");
        cli_append_cell (line, q->title, 32, FALSE);
        g_string_append (line, "  ");
        cli_append_cell (line, q->client_name != NULL ? q->client_name : "-", 24, FALSE);
        g_string_append (line, "  ");
        cli_append_cell (line, affari_quote_status_display (q->status), 10, FALSE);
        g_string_append (line, "  ");
        cli_append_cell (line, total, 14, TRUE);
        g_string_append_c (line, '\n');
      }
    fputs (line->str, stdout);
  }
  return cli_finish_output ();
}

static int
cmd_to_deal (Cli *cli)
{
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(AffariQuotes) quotes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, deal_id;

  if (!parse_quote_id (cli, 1, &id))
    return EXIT_USAGE;
  if (cli->args->len > 2)
    return cli_usage_error (_("Unexpected argument “%s”"), (const char *) g_ptr_array_index (cli->args, 2));
  store = cli_open_store (cli, TRUE);
  if (store == NULL)
    return EXIT_FAILURE;
  quotes = open_quotes (store);
  deal_id = affari_quotes_create_deal (quotes, id, &error);
  if (deal_id == 0)
    return cli_failure (_("Cannot create a deal from the quote: %s"), error->message);
  g_print ("%" G_GINT64_FORMAT "\n", deal_id);
  return cli_finish_output ();
}

static int
cmd_pdf (Cli *cli)
{
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(AffariQuotes) quotes = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;
  gint64 id;

  if (!parse_quote_id (cli, 1, &id))
    return EXIT_USAGE;
  if (cli->args->len < 3)
    return cli_usage_error (_("“%s” needs the path of the PDF to write"), "quote pdf");
  if (cli->args->len > 3)
    return cli_usage_error (_("Unexpected argument “%s”"), (const char *) g_ptr_array_index (cli->args, 3));
  path = g_ptr_array_index (cli->args, 2);
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILURE;
  quotes = open_quotes (store);
  if (!affari_quotes_write_pdf (quotes, id, path, &error))
    return cli_failure (_("Cannot write the PDF of the quote: %s"), error->message);
  return cli_finish_output ();
}

int
cli_cmd_quote (Cli *cli)
{
  const char *name = cli->args->len > 0 ? g_ptr_array_index (cli->args, 0) : NULL;

  if (g_strcmp0 (name, "to-deal") == 0)
    return cmd_to_deal (cli);
  if (g_strcmp0 (name, "pdf") == 0)
    return cmd_pdf (cli);
  return cli_usage_error (_("“%s” needs one of: %s"), "quote", "to-deal, pdf");
}
