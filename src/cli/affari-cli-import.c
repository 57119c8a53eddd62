/* affari-cli-import.c — affari-cli import PATH [--dry-run] [--json]: moving in from Bitrix24
 *
 * PATH is a folder of Bitrix24 REST JSON dumps (io/affari-import-b24.h lists the file names).
 * or a deal list CSV exported by Bitrix24 (io/affari-import-b24csv.h), or a .json file of
 * affari-cli export --json, for an empty database (io/affari-import-json.h). Prints the counts
 * per kind and the refused items with their reasons; the exit status is 0 even when some items
 * were refused (the rest went in), 1 when nothing was imported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gi18n.h>

#include "affari-cli-private.h"
#include "io/affari-import-b24.h"
#include "io/affari-import-b24csv.h"
#include "io/affari-import-json.h"
#include "ops/affari-deal-ops.h"

int cli_cmd_import (Cli *cli);

static int
print_json (const AffariImportReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "dry_run");
  json_builder_add_boolean_value (builder, report->dry_run);
  json_builder_set_member_name (builder, "created");
  json_builder_begin_object (builder);
  for (int k = 0; k < AFFARI_IMPORTED_N_KINDS; k++)
    {
      json_builder_set_member_name (builder, affari_import_kind_key (k));
      json_builder_add_int_value (builder, report->created[k]);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "already_imported");
  json_builder_begin_object (builder);
  for (int k = 0; k < AFFARI_IMPORTED_N_KINDS; k++)
    {
      json_builder_set_member_name (builder, affari_import_kind_key (k));
      json_builder_add_int_value (builder, report->existing[k]);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "refused");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->refused->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (report->refused, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->notes->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (report->notes, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return cli_print_json (builder);
}

static int
print_text (const AffariImportReport *report, const char *heading)
{
  g_print ("%s\n", report->dry_run ? _("Dry run: nothing was written. It would import:") : heading);
  for (int k = 0; k < AFFARI_IMPORTED_N_KINDS; k++)
    {
      if (report->created[k] == 0 && report->existing[k] == 0)
        continue;
      /* TRANSLATORS: "  deals: 20 new, 3 already imported" */
      g_print (_("  %s: %u new, %u already imported"), affari_import_kind_label (k),
               report->created[k], report->existing[k]);
      g_print ("\n");
    }
  if (report->refused->len > 0)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u item refused:", "%u items refused:", report->refused->len),
               report->refused->len);
      g_print ("\n");
      for (guint i = 0; i < report->refused->len; i++)
        g_print ("  %s\n", (const char *) g_ptr_array_index (report->refused, i));
    }
  if (report->notes->len > 0)
    {
      g_print ("%s\n", _("Imported with something left out:"));
      for (guint i = 0; i < report->notes->len; i++)
        g_print ("  %s\n", (const char *) g_ptr_array_index (report->notes, i));
    }
  return cli_finish_output ();
}

int
cli_cmd_import (Cli *cli)
{
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(AffariDealOps) ops = NULL;
  g_autoptr(AffariImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = NULL;
  gboolean dry_run = FALSE, json = FALSE, csv = FALSE, affari_json = FALSE;

  for (guint i = 0; i < cli->args->len; i++)
    {
      const char *arg = g_ptr_array_index (cli->args, i);

      if (g_str_equal (arg, "--dry-run"))
        dry_run = TRUE;
      else if (g_str_equal (arg, "--json"))
        json = TRUE;
      else if (arg[0] == '-')
        return cli_usage_error (_("Unknown option “%s” for “%s”"), arg, "import");
      else if (path != NULL)
        return cli_usage_error (_("Unexpected argument “%s”"), arg);
      else
        path = arg;
    }
  if (path == NULL)
    return cli_usage_error ("%s", _("Give the folder of the Bitrix24 JSON files to import"));
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *lower = g_ascii_strdown (path, -1);
      /* A .json file is Affari's own export (a folder holds Bitrix24's). */
      affari_json = g_str_has_suffix (lower, ".json");
      if (!affari_json && !g_str_has_suffix (lower, ".csv"))
        return cli_failure (_("“%s” is a file: give the folder that holds the Bitrix24 JSON files."), path);
      csv = !affari_json;
    }
  else if (g_str_has_suffix (path, ".json") && !g_file_test (path, G_FILE_TEST_EXISTS))
    return cli_failure (_("The file “%s” does not exist: check the path."), path);
  else if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return cli_failure (_("The folder “%s” does not exist: check the path."), path);

  store = cli_open_store (cli, TRUE);
  if (store == NULL)
    return EXIT_FAILURE;
  ops = affari_deal_ops_new (store);
  if (affari_json)
    report = affari_import_json (store, ops, path, dry_run, NULL, NULL, NULL, &error);
  else if (csv)
    report = affari_import_b24csv (store, ops, path, dry_run, NULL, NULL, NULL, &error);
  else
    report = affari_import_b24 (store, ops, path, dry_run, NULL, NULL, NULL, &error);
  if (report == NULL)
    return cli_failure ("%s", error->message);
  return json ? print_json (report)
              : print_text (report, affari_json ? _("Imported from the Affari export:") : _("Imported from Bitrix24:"));
}
