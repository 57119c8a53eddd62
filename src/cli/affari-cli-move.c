/* affari-cli-move.c — "move DEAL_ID STAGE_CODE": the operation a drop on the Kanban does
 *
 * The move goes through AffariDealOps, as the window's deal.move action does: one transaction,
 * the history event, the deal closed on a won or lost stage and reopened on an in-progress one.
 * The stage is named by its code (STATUS_ID: "NEW", "WON", "C2:PREPARATION"), in the deal's own
 * pipeline; a stage of another pipeline is refused, as a drop cannot reach one either.
 * With --server the team's server does the same move (affari-cli-server.c); the report is the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "affari-cli-private.h"
#include "ops/affari-deal-ops.h"

int cli_cmd_move (Cli *cli);

int
cli_cmd_move (Cli *cli)
{
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(AffariDealOps) ops = NULL;
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(AffariStage) stage = NULL;
  g_autoptr(AffariChangeSet) changes = NULL;
  g_autoptr(GError) error = NULL;
  const char *deal_text = NULL, *code = NULL, *reason = NULL;
  gint64 deal_id = 0, stage_id;
  gboolean json = FALSE;

  for (guint i = 0; i < cli->args->len; i++)
    {
      const char *arg = g_ptr_array_index (cli->args, i);
      const char *value = NULL;

      if (g_str_equal (arg, "--json"))
        json = TRUE;
      else if (cli_is_option (arg, "--reason", &value))
        {
          if ((reason = cli_option_value (cli, &i, "--reason", value)) == NULL)
            return EXIT_USAGE;
        }
      else if (arg[0] == '-' && arg[1] != '\0')
        return cli_usage_error (_("Unknown option “%s” for “%s”"), arg, cli->command);
      else if (deal_text == NULL)
        deal_text = arg;
      else if (code == NULL)
        code = arg;
      else
        return cli_usage_error (_("Unexpected argument “%s”"), arg);
    }
  if (deal_text == NULL || code == NULL)
    return cli_usage_error ("%s", _("Which deal, to which stage? Give the deal's id and the stage's code, e.g. move 12 WON"));
  if (!cli_parse_int (deal_text, "DEAL_ID", 1, G_MAXINT64, &deal_id))
    return EXIT_USAGE;
  if (cli->server != NULL)
    return cli_server_move (cli, deal_id, code, reason, json);

  store = cli_open_store (cli, TRUE);
  if (store == NULL)
    return EXIT_FAILURE;

  deal = affari_store_get_deal (store, deal_id, &error);
  if (deal == NULL)
    return cli_failure ("%s", error->message);
  if (affari_deal_get_deleted_at (deal) != 0)
    return cli_failure (_("Deal %s is in the trash: restore it first"), deal_text);

  stage_id = affari_store_find_stage_by_code (store, affari_deal_get_pipeline_id (deal), code);
  if (stage_id == 0)
    return cli_failure (_("The deal's pipeline has no stage with the code “%s” (affari-cli pipelines lists them)"), code);
  stage = affari_store_get_stage (store, stage_id, &error);
  if (stage == NULL)
    return cli_failure ("%s", error->message);

  if (stage_id != affari_deal_get_stage_id (deal))
    {
      /* At the top of the stage's column, where a card dropped on the column's header goes. */
      ops = affari_deal_ops_new (store);
      changes = affari_deal_ops_move (ops, &deal_id, 1, stage_id, 0, reason, &error);
      if (changes == NULL)
        return cli_failure ("%s", error->message);
    }

  return cli_print_move (json, deal_id, stage, changes != NULL ? affari_change_set_get_label (changes) : NULL);
}

int
cli_print_move (gboolean     json,
                gint64       deal_id,
                AffariStage *stage,
                const char  *label)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, deal_id);
      json_builder_set_member_name (builder, "stage_id");
      json_builder_add_int_value (builder, affari_stage_get_id (stage));
      cli_add_string_or_null (builder, "stage_code", affari_stage_get_code (stage));
      cli_add_string_or_null (builder, "stage_name", affari_stage_get_name (stage));
      json_builder_set_member_name (builder, "moved");
      json_builder_add_boolean_value (builder, label != NULL);
      json_builder_end_object (builder);
      return cli_print_json (builder);
    }

  if (label != NULL)
    g_print ("%s\n", label);
  else
    {
      /* Translators: %s is the name of a stage. */
      g_print (_("The deal is already in %s: nothing changed"), affari_stage_get_name (stage));
      g_print ("\n");
    }
  return cli_finish_output ();
}
