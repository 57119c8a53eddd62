/* affari-cli-import.c — affari-cli import PATH [--dry-run] [--json]: moving in from Bitrix24
 *
 * PATH is a folder of Bitrix24 REST JSON dumps (io/affari-import-b24.h lists the file names),
 * a deal list CSV exported by Bitrix24 (io/affari-import-b24csv.h) or any other CSV file
 * (io/affari-import-csv.h: its columns guessed, or given with --map, and printed). Prints the counts per kind and the
 * refused items with their reasons; the exit status is 0 even when some items were refused (the
 * rest went in), 1 when nothing was imported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "affari-cli-private.h"
#include "io/affari-import-b24.h"
#include "io/affari-import-b24csv.h"
#include "io/affari-import-csv.h"
#include "model/affari-pipeline.h"
#include "ops/affari-deal-ops.h"

int cli_cmd_import (Cli *cli);

static int
print_json (const AffariImportReport *report, const AffariCsvTable *table, const AffariCsvMapping *mapping)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  if (mapping != NULL)
    {
      json_builder_set_member_name (builder, "columns");
      json_builder_begin_object (builder);
      for (guint c = 0; c < mapping->n_columns; c++)
        {
          json_builder_set_member_name (builder, affari_csv_table_get_header (table, c));
          json_builder_add_string_value (builder, affari_csv_field_key (mapping->fields[c]));
        }
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "decimal_comma");
      json_builder_add_boolean_value (builder, mapping->decimal_comma);
    }
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

/* What a CSV file was read as: encoding, separator, and which column went where. */
static void
print_mapping (const AffariCsvTable *table, const AffariCsvMapping *mapping)
{
  char separator = affari_csv_table_get_separator (table);

  /* TRANSLATORS: "File in Windows-1252, cells separated by “;”, 9 rows" */
  g_print (_("File in %s, cells separated by “%s”, %u rows"), affari_csv_table_get_encoding (table),
           separator == '\t' ? _("tab") : (char[]) { separator, '\0' }, affari_csv_table_get_n_rows (table));
  g_print ("\n");
  for (guint c = 0; c < mapping->n_columns; c++)
    {
      if (mapping->fields[c] == AFFARI_CSV_IGNORE)
        g_print (_("Column “%s” not imported"), affari_csv_table_get_header (table, c));
      else
        g_print (_("Column “%s” → %s"), affari_csv_table_get_header (table, c), affari_csv_field_label (mapping->fields[c]));
      g_print ("\n");
    }
  g_print ("%s\n", mapping->decimal_comma ? _("Amounts written as 1.234,56") : _("Amounts written as 1,234.56"));
}

static int
print_text (const AffariImportReport *report, gboolean csv)
{
  if (report->dry_run)
    g_print ("%s\n", _("Dry run: nothing was written. It would import:"));
  else
    g_print ("%s\n", csv ? _("Imported from CSV:") : _("Imported from Bitrix24:"));
  for (int k = 0; k < AFFARI_IMPORTED_N_KINDS; k++)
    {
      if (report->created[k] == 0 && report->existing[k] == 0)
        continue;
      /* TRANSLATORS: "  deals: 20 new, 3 already imported" */
      g_print (csv ? _("  %s: %u new, %u found") : _("  %s: %u new, %u already imported"),
               affari_import_kind_label (k), report->created[k], report->existing[k]);
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

/* --map "Ragione sociale=company,Importo=amount": each header named gets that field. 0, or the
 * exit status of the usage error printed. */
static int
apply_map (const AffariCsvTable *table, AffariCsvMapping *mapping, const char *text)
{
  g_auto(GStrv) pairs = g_strsplit (text, ",", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *equal = strrchr (pairs[i], '=');
      g_autofree char *header = NULL;
      int field;
      guint c;

      if (equal == NULL)
        {
          return cli_usage_error (_("“%s” in --map is not HEADER=FIELD"), pairs[i]);
        }
      header = g_strstrip (g_strndup (pairs[i], equal - pairs[i]));
      if ((field = affari_csv_field_from_key (equal + 1)) < 0)
        {
          g_autoptr(GString) keys = g_string_new (NULL);

          for (int f = 0; f < AFFARI_CSV_N_FIELDS; f++)
            g_string_append_printf (keys, "%s%s", f > 0 ? ", " : "", affari_csv_field_key (f));
          return cli_usage_error (_("“%s” in --map is no field: use one of %s"), equal + 1, keys->str);
        }
      for (c = 0; c < mapping->n_columns; c++)
        if (g_utf8_collate (affari_csv_table_get_header (table, c), header) == 0)
          break;
      if (c == mapping->n_columns)
        {
          return cli_usage_error (_("The file has no column “%s” (given in --map)"), header);
        }
      mapping->fields[c] = field;
    }
  return 0;
}

static gint64
find_pipeline (AffariStore *store, const char *name, GError **error)
{
  g_autoptr(GPtrArray) pipelines = affari_store_list_pipelines (store, error);

  if (pipelines == NULL)
    return -1;
  for (guint i = 0; i < pipelines->len; i++)
    {
      AffariPipeline *pipeline = g_ptr_array_index (pipelines, i);
      g_autofree char *a = g_utf8_casefold (affari_pipeline_get_name (pipeline), -1);
      g_autofree char *b = g_utf8_casefold (name, -1);

      if (g_str_equal (a, b))
        return affari_pipeline_get_id (pipeline);
    }
  return 0;
}

/* Any CSV file: the mapping guessed (and changed by --map), printed, then the import. */
static int
import_csv (AffariStore *store, AffariDealOps *ops, const char *path, const char *pipeline, const char *map,
            gboolean dry_run, gboolean json)
{
  g_autoptr(AffariCsvTable) table = NULL;
  g_autoptr(AffariCsvMapping) mapping = NULL;
  g_autoptr(AffariImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  table = affari_csv_table_read (path, &error);
  if (table == NULL)
    return cli_failure ("%s", error->message);
  if (map == NULL && pipeline == NULL && affari_csv_table_is_bitrix24 (table))
    {
      report = affari_import_b24csv (store, ops, path, dry_run, NULL, NULL, NULL, &error);
      if (report == NULL)
        return cli_failure ("%s", error->message);
      return json ? print_json (report, NULL, NULL) : print_text (report, FALSE);
    }
  mapping = affari_csv_mapping_guess (store, table);
  if (map != NULL && (status = apply_map (table, mapping, map)) != 0)
    return status;
  if (pipeline != NULL)
    {
      mapping->pipeline_id = find_pipeline (store, pipeline, &error);
      if (mapping->pipeline_id < 0)
        return cli_failure ("%s", error->message);
      if (mapping->pipeline_id == 0)
        return cli_failure (_("There is no pipeline “%s”: see “affari-cli pipelines”."), pipeline);
    }
  if (!json)
    print_mapping (table, mapping);
  report = affari_import_csv (store, ops, table, mapping, dry_run, NULL, NULL, NULL, &error);
  if (report == NULL)
    return cli_failure ("%s", error->message);
  /* Columns chosen by hand are kept for the next file with this header, as the dialog does. */
  if (map != NULL && !dry_run && !affari_csv_mapping_remember (store, table, mapping, &error))
    return cli_failure ("%s", error->message);
  return json ? print_json (report, table, mapping) : print_text (report, TRUE);
}

int
cli_cmd_import (Cli *cli)
{
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(AffariDealOps) ops = NULL;
  g_autoptr(AffariImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = NULL, *pipeline = NULL, *map = NULL, *value = NULL;
  gboolean dry_run = FALSE, json = FALSE, csv = FALSE;

  for (guint i = 0; i < cli->args->len; i++)
    {
      const char *arg = g_ptr_array_index (cli->args, i);

      if (g_str_equal (arg, "--dry-run"))
        dry_run = TRUE;
      else if (g_str_equal (arg, "--json"))
        json = TRUE;
      else if (cli_is_option (arg, "--pipeline", &value))
        {
          if ((pipeline = cli_option_value (cli, &i, "--pipeline", value)) == NULL)
            return EXIT_FAILURE;
        }
      else if (cli_is_option (arg, "--map", &value))
        {
          if ((map = cli_option_value (cli, &i, "--map", value)) == NULL)
            return EXIT_FAILURE;
        }
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
      if (!g_str_has_suffix (lower, ".csv"))
        return cli_failure (_("“%s” is a file: give the folder that holds the Bitrix24 JSON files."), path);
      csv = TRUE;
    }
  else if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return cli_failure (_("The folder “%s” does not exist: check the path."), path);

  store = cli_open_store (cli, TRUE);
  if (store == NULL)
    return EXIT_FAILURE;
  ops = affari_deal_ops_new (store);
  if (csv)
    return import_csv (store, ops, path, pipeline, map, dry_run, json);
  if (pipeline != NULL || map != NULL)
    return cli_usage_error ("%s", _("--pipeline and --map are for CSV files"));
  report = affari_import_b24 (store, ops, path, dry_run, NULL, NULL, NULL, &error);
  if (report == NULL)
    return cli_failure ("%s", error->message);
  return json ? print_json (report, NULL, NULL) : print_text (report, FALSE);
}
