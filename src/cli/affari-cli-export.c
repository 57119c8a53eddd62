/* affari-cli-export.c — affari-cli export: the whole database as JSON, the deals as CSV
 *
 * Read-only on the database: the export reads one snapshot while the app keeps working.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-cli"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "affari-cli-private.h"
#include "io/affari-csv.h"
#include "io/affari-export-b24csv.h"
#include "io/affari-export-json.h"
#include "store/affari-store-export.h"

int cli_cmd_export (Cli *cli);

int
cli_cmd_export (Cli *cli)
{
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *json_path = NULL, *csv_path = NULL;
  gboolean bitrix24 = FALSE;
  gboolean ok;

  for (guint i = 0; i < cli->args->len; i++)
    {
      const char *arg = g_ptr_array_index (cli->args, i);
      const char *value = NULL;

      if (cli_is_option (arg, "--json", &value))
        {
          if ((json_path = cli_option_value (cli, &i, "--json", value)) == NULL)
            return EXIT_USAGE;
        }
      else if (cli_is_option (arg, "--csv", &value))
        {
          if ((csv_path = cli_option_value (cli, &i, "--csv", value)) == NULL)
            return EXIT_USAGE;
        }
      else if (g_str_equal (arg, "--bitrix24"))
        bitrix24 = TRUE;
      else
        return cli_usage_error (_("Unknown option “%s” for “%s”"), arg, "export");
    }
  if ((json_path == NULL) == (csv_path == NULL))
    return cli_usage_error (_("“export” needs either --json PATH or --csv PATH"));
  if (bitrix24 && csv_path == NULL)
    return cli_usage_error (_("--bitrix24 goes with --csv PATH"));

  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILURE;

  if (json_path != NULL)
    ok = affari_export_json (store, json_path, NULL, NULL, NULL, &error);
  else if (bitrix24)
    ok = affari_export_b24csv (store, csv_path, NULL, NULL, NULL, &error);
  else
    {
      g_autoptr(GArray) ids = affari_store_export_deal_ids (store, &error);

      ok = ids != NULL && affari_csv_export_deals (store, (const gint64 *) (void *) ids->data, ids->len,
                                                   csv_path, &error);
    }
  if (!ok)
    return cli_failure ("%s", error->message);
  g_print (_("Export written to %s"), json_path != NULL ? json_path : csv_path);
  g_print ("\n");
  return cli_finish_output ();
}
