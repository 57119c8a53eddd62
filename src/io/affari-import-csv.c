/* affari-import-csv.c — the rows of any CSV file as deals, in one transaction
 *
 * Everything a row may name (pipelines, stages, companies, contacts, currencies, sources, types,
 * team members) is loaded once into hash tables before the first row, and what the import makes
 * goes into them too: the work per row is reading its cells and creating its deal, so 100,000 rows
 * cost 100,000 deals and no lookups in the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "affari-import-csv.h"
#include "affari-import-csv-private.h"
#include "model/affari-deal.h"
#include "model/affari-error.h"
#include "model/affari-team-member.h"
#include "store/affari-store-import.h"

typedef struct {
  AffariImportRun run;                /* store, report, dry run, progress, cancel */
  const AffariCsvTable *table;
  const AffariCsvMapping *mapping;
  int columns[AFFARI_CSV_N_FIELDS];   /* -1: not in the file */
  AffariImportPlaces *places;
  GHashTable *currencies;             /* codes the store knows */
  GHashTable *sources;                /* folded name or code → code */
  GHashTable *types;                  /* idem */
  GHashTable *members;                /* folded name → gint64 * */
  GHashTable *said;                   /* unknown names already in the notes */
} Import;

/* What check_row () read from a row's cells. */
typedef struct {
  const char *currency;
  gint64 amount;
  char *begin, *close;
  const char *source, *type;
  gint64 responsible;
} Row;

static void
row_clear (Row *row)
{
  g_free (row->begin);
  g_free (row->close);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Row, row_clear)

static const char *
cell (Import *imp, guint row, AffariCsvField field)
{
  return affari_import_cell (imp->table, row, imp->columns[field]);
}

static void G_GNUC_PRINTF (4, 5)
say (Import *imp, GPtrArray *list, guint row, const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: "Line 12: the reason" */
  g_ptr_array_add (list, g_strdup_printf (_("Line %u: %s"), affari_csv_table_get_line (imp->table, row), text));
}

static char *
fold (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return g_utf8_casefold (stripped, -1);
}

/* Code and name pairs (affari_store_list_sources ()) as a table from either, folded, to the code. */
static GHashTable *
pairs_by_name (GPtrArray *pairs)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i + 1 < pairs->len; i += 2)
    {
      const char *code = g_ptr_array_index (pairs, i), *name = g_ptr_array_index (pairs, i + 1);

      g_hash_table_insert (table, fold (name), g_strdup (code));
      g_hash_table_insert (table, fold (code), g_strdup (code));
    }
  return table;
}

static gboolean
load_names (Import *imp, GError **error)
{
  g_autoptr(GPtrArray) sources = NULL, types = NULL, team = NULL;

  if ((sources = affari_store_list_sources (imp->run.store, error)) == NULL
      || (types = affari_store_list_deal_types (imp->run.store, error)) == NULL
      || (team = affari_store_list_team (imp->run.store, error)) == NULL)
    return FALSE;
  imp->sources = pairs_by_name (sources);
  imp->types = pairs_by_name (types);
  imp->members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < team->len; i++)
    {
      AffariTeamMember *member = g_ptr_array_index (team, i);
      gint64 id = affari_team_member_get_id (member);

      g_hash_table_insert (imp->members, fold (affari_team_member_get_name (member)), g_memdup2 (&id, sizeof id));
    }
  return TRUE;
}

/* Whether the unknown name @key (of a source 's', type 't' or team member 'r') is met for the first
 * time: a note is written once per name, not on each of 100,000 rows. */
static gboolean
first_time (Import *imp, char kind, const char *key)
{
  char *both = g_strdup_printf ("%c%s", kind, key);

  if (g_hash_table_contains (imp->said, both))
    {
      g_free (both);
      return FALSE;
    }
  g_hash_table_add (imp->said, both);
  return TRUE;
}

/* Reads what can refuse the row before anything is written for it; FALSE: refused (said). */
static gboolean
check_row (Import *imp, guint row, Row *out)
{
  const char *amount = cell (imp, row, AFFARI_CSV_AMOUNT), *currency = cell (imp, row, AFFARI_CSV_CURRENCY);
  const char *begin = cell (imp, row, AFFARI_CSV_BEGIN_DATE), *close = cell (imp, row, AFFARI_CSV_CLOSE_DATE);
  const char *source = cell (imp, row, AFFARI_CSV_SOURCE), *type = cell (imp, row, AFFARI_CSV_TYPE);
  const char *responsible = cell (imp, row, AFFARI_CSV_RESPONSIBLE);
  gboolean comma = imp->mapping->decimal_comma;

  if (cell (imp, row, AFFARI_CSV_TITLE) == NULL)
    {
      say (imp, imp->run.report->refused, row, "%s", _("the row has no title: every deal needs a name"));
      return FALSE;
    }
  switch (amount != NULL ? affari_csv_parse_amount (amount, comma, &out->amount) : AFFARI_CSV_AMOUNT_OK)
    {
    case AFFARI_CSV_AMOUNT_OK:
      break;
    case AFFARI_CSV_AMOUNT_OTHER_FORMAT:
      if (comma)
        say (imp, imp->run.report->refused, row,
             _("“%s” is written with a dot for decimals, but the amounts of this file are written as 1.234,56: correct the cell or choose the other number format"),
             amount);
      else
        say (imp, imp->run.report->refused, row,
             _("“%s” is written with a comma for decimals, but the amounts of this file are written as 1,234.56: correct the cell or choose the other number format"),
             amount);
      return FALSE;
    case AFFARI_CSV_AMOUNT_INVALID:
    default:
      say (imp, imp->run.report->refused, row, _("“%s” is not an amount: write it as %s"), amount,
           comma ? "1.234,56" : "1,234.56");
      return FALSE;
    }
  if (currency != NULL)
    {
      g_autofree char *upper = g_ascii_strup (currency, -1);

      out->currency = affari_import_currency_code (currency);
      if (out->currency == NULL && (out->currency = affari_import_currency_code (upper)) != NULL)
        out->currency = g_intern_string (upper);
      if (out->currency == NULL)
        {
          say (imp, imp->run.report->refused, row, _("“%s” is not a currency: write its code (EUR) or its name (Euro)"),
               currency);
          return FALSE;
        }
    }
  if ((begin != NULL && (out->begin = affari_import_parse_day (begin)) == NULL)
      || (close != NULL && (out->close = affari_import_parse_day (close)) == NULL))
    {
      say (imp, imp->run.report->refused, row, _("“%s” is not a day of the calendar: write it as 27/11/2026"),
           out->begin == NULL && begin != NULL ? begin : close);
      return FALSE;
    }
  /* Names that point nowhere leave the field empty: the deal is still worth having. */
  if (source != NULL)
    {
      g_autofree char *key = fold (source);
      if ((out->source = g_hash_table_lookup (imp->sources, key)) == NULL && first_time (imp, 's', key))
        say (imp, imp->run.report->notes, row, _("the source “%s” does not exist: the deals naming it have none"), source);
    }
  if (type != NULL)
    {
      g_autofree char *key = fold (type);
      if ((out->type = g_hash_table_lookup (imp->types, key)) == NULL && first_time (imp, 't', key))
        say (imp, imp->run.report->notes, row, _("the deal type “%s” does not exist: the deals naming it have none"), type);
    }
  if (responsible != NULL)
    {
      g_autofree char *key = fold (responsible);
      gint64 *id = g_hash_table_lookup (imp->members, key);

      if (id != NULL)
        out->responsible = *id;
      else if (first_time (imp, 'r', key))
        say (imp, imp->run.report->notes, row, _("“%s” is not in the team: the deals naming them go to you"), responsible);
    }
  return TRUE;
}

/* Pipeline and stage, made when the file names ones that do not exist. */
static gboolean
place_row (Import *imp, guint row, gint64 *pipeline_id, gint64 *stage_id, GError **error)
{
  const char *pipeline = cell (imp, row, AFFARI_CSV_PIPELINE), *stage = cell (imp, row, AFFARI_CSV_STAGE);
  gboolean made = FALSE;

  *stage_id = 0;
  if (pipeline == NULL && imp->mapping->pipeline_id != 0)
    *pipeline_id = imp->mapping->pipeline_id;
  else if ((*pipeline_id = affari_import_places_pipeline (imp->places, pipeline, &made, error)) == 0)
    return FALSE;
  if (made)
    say (imp, imp->run.report->notes, row, _("the pipeline “%s” did not exist: it was created with the default stages"),
         pipeline);
  if (stage == NULL)
    return TRUE;
  if ((*stage_id = affari_import_places_stage (imp->places, *pipeline_id, stage, &made, error)) == 0)
    return FALSE;
  if (made)
    say (imp, imp->run.report->notes, row, _("the stage “%s” did not exist: it was created before the won stage"), stage);
  return TRUE;
}

static gboolean
import_row (Import *imp, AffariDealOps *ops, guint row, GError **error)
{
  g_auto(Row) r = { 0 };
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(GError) local = NULL;
  const char *email = cell (imp, row, AFFARI_CSV_EMAIL), *phone = cell (imp, row, AFFARI_CSV_PHONE);
  gboolean has_contact = cell (imp, row, AFFARI_CSV_CONTACT) != NULL;
  gint64 pipeline_id, stage_id, company_id = 0, contact_id = 0;

  if (!check_row (imp, row, &r))
    return TRUE;
  if (!place_row (imp, row, &pipeline_id, &stage_id, error))
    return FALSE;
  /* E-mail and phone are the contact's when the row names one, else the company's. */
  if (!affari_import_places_company (imp->places, has_contact ? NULL : email, has_contact ? NULL : phone,
                                     cell (imp, row, AFFARI_CSV_VAT), cell (imp, row, AFFARI_CSV_COMPANY),
                                     &company_id, error))
    return FALSE;
  if (has_contact && !affari_import_places_contact (imp->places, email, phone, cell (imp, row, AFFARI_CSV_CONTACT),
                                                    company_id, &contact_id, error))
    return FALSE;
  if (r.currency != NULL && !g_hash_table_contains (imp->currencies, r.currency))
    {
      if (!affari_store_add_currency (imp->run.store, r.currency, r.currency, error))
        return FALSE;
      g_hash_table_add (imp->currencies, g_strdup (r.currency));
    }

  deal = affari_deal_new ();
  affari_deal_set_title (deal, cell (imp, row, AFFARI_CSV_TITLE));
  affari_deal_set_pipeline_id (deal, pipeline_id);
  if (stage_id != 0)
    affari_deal_set_stage_id (deal, stage_id);
  if (r.currency != NULL)
    affari_deal_set_currency (deal, r.currency);
  affari_deal_set_amount (deal, r.amount);
  affari_deal_set_company_id (deal, company_id);
  affari_deal_set_begin_date (deal, r.begin);
  affari_deal_set_close_date (deal, r.close);
  affari_deal_set_comments (deal, cell (imp, row, AFFARI_CSV_COMMENTS));
  if (r.source != NULL)
    affari_deal_set_source_id (deal, r.source);
  if (r.type != NULL)
    affari_deal_set_type_id (deal, r.type);
  if (r.responsible != 0)
    affari_deal_set_assigned_by_id (deal, r.responsible);
  if (!affari_deal_ops_add_created (ops, deal, &local))
    {
      if (g_error_matches (local, AFFARI_ERROR, AFFARI_ERROR_INVALID)
          || g_error_matches (local, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT))
        {
          say (imp, imp->run.report->refused, row, "%s", local->message);
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  imp->run.report->created[AFFARI_IMPORTED_DEAL]++;
  if (contact_id != 0
      && !affari_deal_ops_fill_contacts (ops, affari_deal_get_id (deal), &contact_id, 1, contact_id, error))
    return FALSE;
  return affari_store_import_add_event (imp->run.store, affari_deal_get_id (deal), affari_store_now (imp->run.store),
                                        "created", _("Imported from CSV"), error);
}

static gboolean
build (AffariDealOps *ops, gpointer data, GError **error)
{
  Import *imp = data;
  guint total = affari_csv_table_get_n_rows (imp->table), n_recoded;
  const guint *recoded = affari_csv_table_get_recoded_lines (imp->table, &n_recoded);

  /* Loaded inside the transaction: what they say stays true until the commit. */
  if ((imp->places = affari_import_places_new (imp->run.store, imp->run.report, error)) == NULL
      || (imp->currencies = affari_import_currency_codes (imp->run.store, error)) == NULL
      || !load_names (imp, error))
    return FALSE;
  if (n_recoded == 1)
    g_ptr_array_add (imp->run.report->notes,
                     g_strdup_printf (_("Line %u: it was not written in UTF-8 like the rest of the file and was read as Windows-1252: check its accented letters"),
                                      recoded[0]));
  else if (n_recoded > 1)
    {
      g_autoptr(GString) lines = g_string_new (NULL);

      /* One note for them all: a file pasted together can have thousands. */
      for (guint i = 0; i < n_recoded && i < 10; i++)
        g_string_append_printf (lines, "%s%u", i > 0 ? ", " : "", recoded[i]);
      if (n_recoded > 10)
        g_string_append (lines, "…");
      g_ptr_array_add (imp->run.report->notes,
                       g_strdup_printf (_("Lines %s (%u in all) were not written in UTF-8 like the rest of the file and were read as Windows-1252: check their accented letters"),
                                        lines->str, n_recoded));
    }
  for (guint row = 0; row < total; row++)
    {
      if (!import_row (imp, ops, row, error))
        return FALSE;
      if (!affari_import_run_step (&imp->run, row + 1, total, error))
        return FALSE;
    }
  return affari_import_build_done (imp->run.dry_run, error);
}

static void
import_clear (Import *imp)
{
  g_clear_pointer (&imp->places, affari_import_places_free);
  g_clear_pointer (&imp->currencies, g_hash_table_unref);
  g_clear_pointer (&imp->sources, g_hash_table_unref);
  g_clear_pointer (&imp->types, g_hash_table_unref);
  g_clear_pointer (&imp->members, g_hash_table_unref);
  g_clear_pointer (&imp->said, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

AffariImportReport *
affari_import_csv (AffariStore                *store,
                   AffariDealOps              *ops,
                   const AffariCsvTable       *table,
                   const AffariCsvMapping     *mapping,
                   gboolean                    dry_run,
                   GCancellable               *cancellable,
                   AffariImportProgress        progress,
                   gpointer                    progress_data,
                   GError                    **error)
{
  g_autoptr(AffariImportReport) report = NULL;
  g_auto(Import) imp = { 0 };

  g_return_val_if_fail (AFFARI_IS_STORE (store), NULL);
  g_return_val_if_fail (table != NULL && mapping != NULL, NULL);

  if (mapping->n_columns != affari_csv_table_get_n_columns (table))
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                           _("The columns chosen do not match the file: choose them again."));
      return NULL;
    }
  for (int f = 0; f < AFFARI_CSV_N_FIELDS; f++)
    imp.columns[f] = -1;
  for (guint c = 0; c < mapping->n_columns; c++)
    if (mapping->fields[c] != AFFARI_CSV_IGNORE && (guint) mapping->fields[c] < AFFARI_CSV_N_FIELDS
        && imp.columns[mapping->fields[c]] < 0)
      imp.columns[mapping->fields[c]] = c;
  if (imp.columns[AFFARI_CSV_TITLE] < 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                           _("Line 1: the header has no column with the deal's title: name it Titolo (or Nome affare, Deal name…), or choose which column holds the name of each deal."));
      return NULL;
    }
  affari_import_run_init (&imp.run, store, dry_run, cancellable, progress, progress_data);
  report = imp.run.report;
  imp.table = table;
  imp.mapping = mapping;
  imp.said = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!affari_import_run_build (ops, build, &imp, _("CSV import"), dry_run, error))
    return NULL;
  return g_steal_pointer (&report);
}

typedef struct {
  AffariCsvTable *table;
  AffariCsvMapping *mapping;
} Job;

gpointer
affari_csv_import_job_new (AffariCsvTable *table, const AffariCsvMapping *mapping)
{
  Job *job = g_new0 (Job, 1);

  g_return_val_if_fail (table != NULL && mapping != NULL, NULL);

  job->table = affari_csv_table_ref (table);
  job->mapping = affari_csv_mapping_copy (mapping);
  return job;
}

void
affari_csv_import_job_free (gpointer data)
{
  Job *job = data;

  if (job == NULL)
    return;
  g_clear_pointer (&job->table, affari_csv_table_free);
  g_clear_pointer (&job->mapping, affari_csv_mapping_free);
  g_free (job);
}

AffariImportReport *
affari_csv_import_job_run (AffariStore *store, AffariDealOps *ops, gpointer data, gboolean dry_run,
                           GCancellable *cancellable, AffariImportProgress progress, gpointer progress_data,
                           GError **error)
{
  Job *job = data;

  return affari_import_csv (store, ops, job->table, job->mapping, dry_run, cancellable, progress, progress_data,
                            error);
}
