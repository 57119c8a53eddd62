/* affari-import-csv.h — importing deals from any CSV file (a spreadsheet, another CRM)
 *
 * Three steps, so that a dialog can show each one:
 *   1. affari_csv_table_read (): the file as a table. The encoding is detected (UTF-8 with or
 *      without BOM, UTF-16 LE/BE with BOM, else Windows-1252) and the separator (';' ',' or tab:
 *      the one that gives the same number of cells on the most lines). Quoted cells with "" and
 *      newlines inside quotes are read as RFC 4180 says; a stray quote fails with its line number.
 *      This is the one CSV reader of the project: Bitrix24's deal CSV goes through it too.
 *   2. affari_csv_mapping_guess (): which column holds which field, from the mapping remembered
 *      for the same header (affari_csv_mapping_remember), else from a synonym table in Italian and
 *      English ("Titolo", "Nome affare", "Deal name", "TITLE"…); the number format (1.234,56 or
 *      1,234.56) from the amounts in the file. The person may change both before importing.
 *   3. affari_import_csv (): one transaction (affari_import_run_build). Each valid row is a deal;
 *      a row with an error is refused alone with its line number ("Riga 12: …") and the rest goes
 *      in. Companies and contacts are matched with the ones already there by e-mail, then phone,
 *      then VAT number, then exact name (case-insensitive), and made only when none matches:
 *      never duplicated, also within the file. A stage name that does not exist is made (in
 *      progress, before the won stage) and said so in the notes. Every deal gets the history
 *      line "Importato da CSV". A dry run checks and counts everything and writes nothing: its
 *      report is the preview ("12 affari, 3 aziende nuove, 2 trovate, 1 riga con errori").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "affari-import-report.h"

G_BEGIN_DECLS

/* What a column can hold. */
typedef enum {
  AFFARI_CSV_IGNORE,        /* not imported */
  AFFARI_CSV_TITLE,
  AFFARI_CSV_AMOUNT,        /* in the mapping's number format */
  AFFARI_CSV_CURRENCY,      /* code (EUR) or name (Euro) */
  AFFARI_CSV_PIPELINE,      /* name; empty: the mapping's pipeline */
  AFFARI_CSV_STAGE,         /* name; empty: the pipeline's first stage */
  AFFARI_CSV_COMPANY,       /* name of the company */
  AFFARI_CSV_CONTACT,       /* full name of the contact person */
  AFFARI_CSV_EMAIL,         /* of the contact (of the company when there is no contact) */
  AFFARI_CSV_PHONE,         /* idem */
  AFFARI_CSV_VAT,           /* VAT number (partita IVA) of the company */
  AFFARI_CSV_BEGIN_DATE,    /* 27/11/2026, 27.11.2026, 2026-11-27, with or without a time */
  AFFARI_CSV_CLOSE_DATE,
  AFFARI_CSV_SOURCE,        /* name of the deal source */
  AFFARI_CSV_TYPE,          /* name of the deal type */
  AFFARI_CSV_RESPONSIBLE,   /* name of a team member */
  AFFARI_CSV_COMMENTS,
  AFFARI_CSV_N_FIELDS
} AffariCsvField;

/* The field's name for people ("Importo"), and for machines ("amount", also accepted by the CLI). */
const char *affari_csv_field_label (AffariCsvField field);
const char *affari_csv_field_key   (AffariCsvField field);
/* The field whose key is @key (case-insensitive), -1 when none. */
int         affari_csv_field_from_key (const char *key);

typedef struct _AffariCsvTable AffariCsvTable;

/* Reads @path (or @length bytes of @data) as a table whose first line is the header. Fails with
 * an Italian sentence (AFFARI_ERROR_INVALID) for an empty file, a file that is not text, a stray
 * or unclosed quote (with the line), a file over 1 GB (G_IO_ERROR_FAILED, nothing read). */
AffariCsvTable *affari_csv_table_read      (const char *path, GError **error);
AffariCsvTable *affari_csv_table_parse     (const char *data, gsize length, GError **error);
/* Drops a reference: the table is freed with its last one (one, unless affari_csv_table_ref ()). */
void            affari_csv_table_free      (AffariCsvTable *table);
/* Another reference, for a thread that reads the table while the caller keeps it (it is never
 * changed after it is read). */
AffariCsvTable *affari_csv_table_ref       (AffariCsvTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariCsvTable, affari_csv_table_free)

/* "UTF-8", "UTF-16" or "Windows-1252": what the file was written in (cells are always UTF-8). */
const char     *affari_csv_table_get_encoding  (const AffariCsvTable *table);
char            affari_csv_table_get_separator (const AffariCsvTable *table);   /* ';' ',' '\t' */
guint           affari_csv_table_get_n_columns (const AffariCsvTable *table);   /* of the header */
guint           affari_csv_table_get_n_rows    (const AffariCsvTable *table);   /* header excluded */
const char     *affari_csv_table_get_header    (const AffariCsvTable *table, guint column);
/* The cell, "" when the row is shorter than the header. */
const char     *affari_csv_table_get_cell      (const AffariCsvTable *table, guint row, guint column);
/* The line of the file where @row starts (the header is line 1): for messages. */
guint           affari_csv_table_get_line      (const AffariCsvTable *table, guint row);
/* The lines of a UTF-8 file that were not UTF-8 and were read as Windows-1252 (rows pasted in from
 * another file), in order; none for a file in one encoding. */
const guint    *affari_csv_table_get_recoded_lines (const AffariCsvTable *table, guint *n_lines);
/* Whether the header is Bitrix24's deal list export (then io/affari-import-b24csv.h reads it). */
gboolean        affari_csv_table_is_bitrix24   (const AffariCsvTable *table);

typedef struct {
  guint n_columns;
  AffariCsvField *fields;   /* n_columns: what each column holds */
  gboolean decimal_comma;   /* amounts are written 1.234,56 (else 1,234.56 or 1234.56) */
  gint64 pipeline_id;       /* the pipeline of rows with no pipeline column/cell; 0: the default */
} AffariCsvMapping;

void              affari_csv_mapping_free     (AffariCsvMapping *mapping);
AffariCsvMapping *affari_csv_mapping_copy     (const AffariCsvMapping *mapping);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariCsvMapping, affari_csv_mapping_free)
/* The mapping remembered for this header, else the one the headers and the cells suggest. */
AffariCsvMapping *affari_csv_mapping_guess    (AffariStore *store, const AffariCsvTable *table);
/* Remembers @mapping for files with the same header (a setting of the database). */
gboolean          affari_csv_mapping_remember (AffariStore *store, const AffariCsvTable *table,
                                               const AffariCsvMapping *mapping, GError **error);

/* How an amount cell reads with a mapping's number format. */
typedef enum {
  AFFARI_CSV_AMOUNT_OK,
  AFFARI_CSV_AMOUNT_OTHER_FORMAT,   /* a number, but written in the other format (1,234.56 in a 1.234,56 file) */
  AFFARI_CSV_AMOUNT_INVALID,        /* no number */
} AffariCsvAmount;

/* Reads @text ("1.234,56", "€ 1234", "-12,5" with @decimal_comma; "1,234.56" without) into cents. */
AffariCsvAmount   affari_csv_parse_amount     (const char *text, gboolean decimal_comma, gint64 *minor);

/* Imports the rows of @table as @mapping says, in one transaction (one undo step, "Importazione
 * CSV"). Returns NULL with @error when the mapping has no title column (nothing can be a deal),
 * @cancellable was cancelled, or a write failed: then the database is as it was. Counts: created
 * and existing (matched) per kind in the report; refused rows with their line and reason. */
AffariImportReport *affari_import_csv (AffariStore *store, AffariDealOps *ops, const AffariCsvTable *table,
                                       const AffariCsvMapping *mapping, gboolean dry_run,
                                       GCancellable *cancellable, AffariImportProgress progress,
                                       gpointer progress_data, GError **error);

/* A CSV import bound to its table (a reference) and a copy of its mapping, for
 * affari_import_task_run_async (): its func is affari_csv_import_job_run, its data
 * affari_csv_import_job_new (table, mapping), its data_free affari_csv_import_job_free. */
gpointer            affari_csv_import_job_new  (AffariCsvTable *table, const AffariCsvMapping *mapping);
void                affari_csv_import_job_free (gpointer job);
AffariImportReport *affari_csv_import_job_run  (AffariStore *store, AffariDealOps *ops, gpointer job,
                                                gboolean dry_run, GCancellable *cancellable,
                                                AffariImportProgress progress, gpointer progress_data,
                                                GError **error);

G_END_DECLS
