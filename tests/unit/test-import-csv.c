/* test-import-csv.c — the any-CSV import: the table reader (encodings, separators, quotes), the
 * matching of companies and contacts, the mapping and the import of realistic files
 * (tests/data/csv/)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>

#include "affari-test-db.h"
#include "affari-test-files.h"
#include "affari-test-sql.h"
#include "io/affari-import-b24csv.h"
#include "io/affari-import-csv.h"
#include "model/affari-company.h"
#include "model/affari-contact.h"
#include "model/affari-error.h"
#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"
#include "store/affari-store-import.h"
#include "store/affari-store-import-match.h"

typedef AffariTestDb Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  affari_test_db_open (f, "import-csv");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  affari_test_db_close (f);
}

static AffariCsvTable *
parse (const char *text, gssize length, GError **error)
{
  return affari_csv_table_parse (text, length < 0 ? strlen (text) : (gsize) length, error);
}

/* ------------------------------------------------------------------ reader */

static void
test_read_basic (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariCsvTable) table = parse ("Titolo;Importo;Note\n"
                                           "\"Uno; due\";1.234,56;\"riga\nseconda \"\"citata\"\"\"\n"
                                           "\n"
                                           ";;\n"
                                           "Tre;  5  \n", -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (affari_csv_table_get_encoding (table), ==, "UTF-8");
  g_assert_cmpint (affari_csv_table_get_separator (table), ==, ';');
  g_assert_cmpuint (affari_csv_table_get_n_columns (table), ==, 3);
  g_assert_cmpuint (affari_csv_table_get_n_rows (table), ==, 2);
  g_assert_cmpstr (affari_csv_table_get_header (table, 1), ==, "Importo");
  g_assert_cmpstr (affari_csv_table_get_cell (table, 0, 0), ==, "Uno; due");
  g_assert_cmpstr (affari_csv_table_get_cell (table, 0, 2), ==, "riga\nseconda \"citata\"");
  g_assert_cmpstr (affari_csv_table_get_cell (table, 1, 1), ==, "5");
  g_assert_cmpstr (affari_csv_table_get_cell (table, 1, 2), ==, "");   /* shorter row */
  g_assert_cmpuint (affari_csv_table_get_line (table, 0), ==, 2);
  g_assert_cmpuint (affari_csv_table_get_line (table, 1), ==, 6);
}

static void
test_read_separators (void)
{
  static const struct { const char *text; char sep; guint columns; } cases[] = {
    { "Deal name,Amount,Currency\n\"Big, deal\",\"1,234.56\",USD\nSmall,12.00,EUR\n", ',', 3 },
    { "Titolo\tImporto\nUno\t1,5\nDue\t2,5\n", '\t', 2 },
    /* Bitrix24: a ';' after every cell, the last one too */
    { "\"ID\";\"TITLE\";\n\"1\";\"Uno, due\";\n", ';', 2 },
    { "Titolo;Importo\r\nUno;1,5\r\n", ';', 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AffariCsvTable) table = parse (cases[i].text, -1, &error);

      g_assert_no_error (error);
      g_assert_cmpint (affari_csv_table_get_separator (table), ==, cases[i].sep);
      g_assert_cmpuint (affari_csv_table_get_n_columns (table), ==, cases[i].columns);
    }
}

static void
test_read_encodings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariCsvTable) cp = parse ("Azienda;Note\nSociet\xe0 Rossi;Perch\xe9 \x80\n", -1, &error);
  g_autoptr(AffariCsvTable) utf16 = NULL;
  g_autoptr(AffariCsvTable) bom = NULL;
  g_autoptr(AffariCsvTable) mixed = NULL;
  g_autofree char *wide = NULL;
  gsize wide_len = 0;
  const guint *lines;
  guint n_lines;

  g_assert_no_error (error);
  g_assert_cmpstr (affari_csv_table_get_encoding (cp), ==, "Windows-1252");
  g_assert_cmpstr (affari_csv_table_get_cell (cp, 0, 0), ==, "Società Rossi");
  g_assert_cmpstr (affari_csv_table_get_cell (cp, 0, 1), ==, "Perché €");
  lines = affari_csv_table_get_recoded_lines (cp, &n_lines);
  g_assert_cmpuint (n_lines, ==, 0);

  wide = g_convert ("\xef\xbb\xbfTitolo\tAzienda\nUno\tSociet\xc3\xa0\n", -1, "UTF-16LE", "UTF-8", NULL, &wide_len, &error);
  g_assert_no_error (error);
  utf16 = parse (wide, wide_len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (affari_csv_table_get_encoding (utf16), ==, "UTF-16");
  g_assert_cmpint (affari_csv_table_get_separator (utf16), ==, '\t');
  g_assert_cmpstr (affari_csv_table_get_header (utf16, 0), ==, "Titolo");
  g_assert_cmpstr (affari_csv_table_get_cell (utf16, 0, 1), ==, "Società");

  bom = parse ("\xef\xbb\xbfTitolo;Azienda\nUno;Societ\xc3\xa0\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (affari_csv_table_get_encoding (bom), ==, "UTF-8");
  g_assert_cmpstr (affari_csv_table_get_header (bom, 0), ==, "Titolo");

  /* A UTF-8 file with one line pasted from Excel: each line read in its own encoding, and said. */
  mixed = parse ("Titolo;Azienda\nUno;Societ\xc3\xa0\nDue;Perch\xe9\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (affari_csv_table_get_encoding (mixed), ==, "UTF-8");
  g_assert_cmpstr (affari_csv_table_get_cell (mixed, 0, 1), ==, "Società");
  g_assert_cmpstr (affari_csv_table_get_cell (mixed, 1, 1), ==, "Perché");
  lines = affari_csv_table_get_recoded_lines (mixed, &n_lines);
  g_assert_cmpuint (n_lines, ==, 1);
  g_assert_cmpuint (lines[0], ==, 3);
}

static void
test_read_bad (void)
{
  static const struct { const char *text; gsize length; const char *start; } cases[] = {
    { "Titolo;Importo\nUno;1\n\"Due\"x;2\n", 0, "Line 3:" },               /* stray quote */
    { "Titolo;Importo\nUn \"titolo\";1\n", 0, "Line 2:" },                  /* quote in a bare cell */
    { "Titolo;Note\nUno;ok\nDue;\"troncato\n", 0, "Line 3:" },              /* unclosed at the end */
    { "", 0, NULL },                                                         /* empty */
    { "\n\n;;\n", 0, NULL },                                                 /* nothing but blanks */
    { "Titolo\0;Importo\n", 16, NULL },                                      /* not text */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AffariCsvTable) table = parse (cases[i].text, cases[i].length > 0 ? (gssize) cases[i].length : -1, &error);

      g_assert_null (table);
      g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
      if (cases[i].start != NULL)
        g_assert_true (g_str_has_prefix (error->message, cases[i].start));
    }
}

/* ---------------------------------------------------------------- matching */

static gint64
add_company (Fixture *f, const char *name, const char *email, const char *phone, const char *vat)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariCompany) company = affari_company_new (name);
  gint64 id;

  g_object_set (company, "email", email, "phone", phone, "vat-id", vat, NULL);
  id = affari_store_create_company (f->store, company, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
add_contact (Fixture *f, const char *first, const char *last, const char *email, const char *phone)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariContact) contact = affari_contact_new (first, last);
  gint64 id;

  g_object_set (contact, "email", email, "phone", phone, NULL);
  id = affari_store_create_contact (f->store, contact, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_match (Fixture *f, gconstpointer data)
{
  gint64 rossi = add_company (f, "Rossi Arredamenti S.r.l.", "info@rossi.it", "+39 02 1234 5678", "IT01234567890");
  gint64 bianchi = add_company (f, "Società Bianchi", NULL, NULL, NULL);
  gint64 mario = add_contact (f, "Mario", "Rossi", "Mario.Rossi@Example.com", "333-123.4567");

  g_assert_cmpint (affari_store_import_match_company (f->store, "INFO@rossi.it ", NULL, NULL, NULL), ==, rossi);
  g_assert_cmpint (affari_store_import_match_company (f->store, NULL, "0039 (02) 1234-5678", NULL, NULL), ==, rossi);
  g_assert_cmpint (affari_store_import_match_company (f->store, NULL, "02.12345678", NULL, NULL), ==, rossi);
  g_assert_cmpint (affari_store_import_match_company (f->store, "", "", "01234567890", ""), ==, rossi);
  g_assert_cmpint (affari_store_import_match_company (f->store, NULL, NULL, NULL, "rossi arredamenti s.r.l."), ==, rossi);
  g_assert_cmpint (affari_store_import_match_company (f->store, NULL, NULL, NULL, "SOCIETÀ BIANCHI"), ==, bianchi);
  /* The e-mail wins over the name. */
  g_assert_cmpint (affari_store_import_match_company (f->store, "info@rossi.it", NULL, NULL, "Società Bianchi"), ==, rossi);
  g_assert_cmpint (affari_store_import_match_company (f->store, "x@y.it", "0", "IT", "Verdi"), ==, 0);
  g_assert_cmpint (affari_store_import_match_company (f->store, NULL, NULL, NULL, NULL), ==, 0);

  g_assert_cmpint (affari_store_import_match_contact (f->store, "mario.rossi@example.com", NULL, NULL), ==, mario);
  g_assert_cmpint (affari_store_import_match_contact (f->store, NULL, "+39 333 1234567", NULL), ==, mario);
  g_assert_cmpint (affari_store_import_match_contact (f->store, NULL, NULL, "mario  rossi"), ==, mario);
  g_assert_cmpint (affari_store_import_match_contact (f->store, NULL, NULL, "Rossi Mario"), ==, mario);
  g_assert_cmpint (affari_store_import_match_contact (f->store, NULL, NULL, "Maria Rossi"), ==, 0);
}

/* ------------------------------------------------------------------ import */

static gint64
count (Fixture *f, const char *sql)
{
  return affari_test_sql_int (f->db, sql, 0);
}

/* What an import can add: when a file is refused or a dry run ends, none of it changes. */
static gint64
fingerprint (Fixture *f)
{
  return count (f, "SELECT (SELECT count(*) FROM deal) * 1000000 + (SELECT count(*) FROM company) * 10000"
                   " + (SELECT count(*) FROM contact) * 100 + (SELECT count(*) FROM stage)"
                   " + (SELECT count(*) FROM pipeline) * 7 + (SELECT count(*) FROM event) * 13");
}

static gint64
deals_in (Fixture *f, const char *pipeline, const char *stage)
{
  char *sql = sqlite3_mprintf ("SELECT count(*) FROM deal d JOIN pipeline p ON p.id = d.pipeline_id"
                               " JOIN stage s ON s.id = d.stage_id WHERE p.name = %Q AND (%Q IS NULL OR s.name = %Q)",
                               pipeline, stage, stage);
  gint64 n = count (f, sql);

  sqlite3_free (sql);
  return n;
}

static gboolean
has (GPtrArray *list, const char *part)
{
  for (guint i = 0; i < list->len; i++)
    if (strstr (g_ptr_array_index (list, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static AffariCsvTable *
read_sample (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
  AffariCsvTable *table = affari_csv_table_read (file, &error);

  g_assert_no_error (error);
  return table;
}

static AffariImportReport *
import_sample (Fixture *f, const char *name, gboolean dry_run, GError **error)
{
  g_autoptr(AffariCsvTable) table = read_sample (name);
  g_autoptr(AffariCsvMapping) mapping = affari_csv_mapping_guess (f->store, table);

  return affari_import_csv (f->store, f->ops, table, mapping, dry_run, NULL, NULL, NULL, error);
}

/* An existing pipeline the Italian sample names, a company it names by VAT number only and a
 * contact it names by e-mail only. */
static void
add_italian_clients (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 pipeline = affari_store_import_create_pipeline (f->store, "Vendite Italia", NULL, &error);

  g_assert_no_error (error);
  affari_store_import_add_stage (f->store, pipeline, "VI:NEW", "Nuovo", NULL, 10, 'P', &error);
  g_assert_no_error (error);
  affari_store_import_add_stage (f->store, pipeline, "VI:NEGO", "Trattativa", NULL, 20, 'P', &error);
  g_assert_no_error (error);
  affari_store_import_add_stage (f->store, pipeline, "VI:WON", "Vinto", NULL, 30, 'S', &error);
  g_assert_no_error (error);
  affari_store_import_add_stage (f->store, pipeline, "VI:LOST", "Perso", NULL, 40, 'F', &error);
  g_assert_no_error (error);
  add_company (f, "Bianchi Forniture SpA", NULL, NULL, "01234567890");
  add_contact (f, "Mario", "Rossi", "mario.rossi@example.com", NULL);
}

static void
test_import_excel (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariCsvTable) table = read_sample ("excel-it.csv");
  g_autoptr(AffariCsvMapping) mapping = NULL;
  g_autoptr(AffariImportReport) report = NULL;
  g_autofree char *comments = NULL;
  static const AffariCsvField expected[] = {
    AFFARI_CSV_TITLE, AFFARI_CSV_COMPANY, AFFARI_CSV_VAT, AFFARI_CSV_CONTACT, AFFARI_CSV_EMAIL, AFFARI_CSV_PHONE,
    AFFARI_CSV_AMOUNT, AFFARI_CSV_CURRENCY, AFFARI_CSV_PIPELINE, AFFARI_CSV_STAGE, AFFARI_CSV_BEGIN_DATE,
    AFFARI_CSV_CLOSE_DATE, AFFARI_CSV_COMMENTS,
  };

  add_italian_clients (f);
  g_assert_cmpstr (affari_csv_table_get_encoding (table), ==, "Windows-1252");
  g_assert_cmpint (affari_csv_table_get_separator (table), ==, ';');
  g_assert_cmpuint (affari_csv_table_get_n_rows (table), ==, 9);
  mapping = affari_csv_mapping_guess (f->store, table);
  g_assert_true (mapping->decimal_comma);
  g_assert_cmpuint (mapping->n_columns, ==, G_N_ELEMENTS (expected));
  for (guint c = 0; c < G_N_ELEMENTS (expected); c++)
    g_assert_cmpint (mapping->fields[c], ==, expected[c]);

  report = affari_import_csv (f->store, f->ops, table, mapping, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_DEAL], ==, 6);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_COMPANY], ==, 4);
  g_assert_cmpuint (report->existing[AFFARI_IMPORTED_COMPANY], ==, 1);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_CONTACT], ==, 1);
  g_assert_cmpuint (report->existing[AFFARI_IMPORTED_CONTACT], ==, 1);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_PIPELINE], ==, 1);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_STAGE], ==, 1);
  /* 31/02/2026, 1,234.56 in a file of 1.234,56 and a row without title (after a cell on two lines). */
  g_assert_cmpuint (report->refused->len, ==, 3);
  g_assert_true (has (report->refused, "Line 7: “31/02/2026” is not a day of the calendar"));
  g_assert_true (has (report->refused, "Line 8: “1,234.56” is written with a dot for decimals"));
  g_assert_true (has (report->refused, "Line 11: "));
  g_assert_true (has (report->notes, "“Verifica tecnica”"));
  g_assert_true (has (report->notes, "“Rivenditori”"));

  /* Counts per pipeline and stage: the stage made is in progress, before the won one. */
  g_assert_cmpint (deals_in (f, "Vendite Italia", "Nuovo"), ==, 1);
  g_assert_cmpint (deals_in (f, "Vendite Italia", "Trattativa"), ==, 1);
  g_assert_cmpint (deals_in (f, "Vendite Italia", "Verifica tecnica"), ==, 1);
  g_assert_cmpint (deals_in (f, "Rivenditori", NULL), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM stage WHERE pipeline_id = (SELECT id FROM pipeline WHERE name = 'Rivenditori')"),
                   >, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM stage s, stage w WHERE s.name = 'Verifica tecnica'"
                             " AND s.semantics = 'P' AND w.pipeline_id = s.pipeline_id AND w.semantics = 'S'"
                             " AND s.sort < w.sort"), ==, 1);
  /* Totals per currency. */
  g_assert_cmpint (count (f, "SELECT sum(amount) FROM deal WHERE currency = 'EUR'"), ==, 123456 + 1250000 + 80000 + 200050 + 500000);
  g_assert_cmpint (count (f, "SELECT sum(amount) FROM deal WHERE currency = 'USD'"), ==, 340000);
  /* Clients: found by VAT number and e-mail, not made again; two rows of a new company make one. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM company"), ==, 5);
  g_assert_cmpint (count (f, "SELECT count(*) FROM deal d JOIN company c ON c.id = d.company_id"
                             " WHERE c.name = 'Bianchi Forniture SpA' AND d.title = 'Fornitura arredi ufficio'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM deal d JOIN company c ON c.id = d.company_id"
                             " WHERE c.name = 'Società Caffè Perché S.r.l.' AND c.vat_id = '09876543210'"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contact"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM deal_contact dc JOIN contact ct ON ct.id = dc.contact_id"
                             " JOIN deal d ON d.id = dc.deal_id WHERE ct.last_name = 'Rossi' AND d.title = 'Rinnovo contratto'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contact ct JOIN company c ON c.id = ct.company_id"
                             " WHERE ct.first_name = 'Anna' AND ct.last_name = 'Neri' AND ct.phone = '+39 06 555 1234'"
                             " AND c.name = 'Società Caffè Perché S.r.l.'"), ==, 1);
  /* Dates, comments, the history line. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM deal WHERE title = 'Fornitura arredi ufficio'"
                             " AND begin_date = '2026-11-02' AND close_date = '2026-11-27'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM deal WHERE title = 'Macchine espresso' AND begin_date = '2026-11-10'"), ==, 1);
  comments = affari_test_sql_text (f->db, "SELECT comments FROM deal WHERE title = 'Preventivo urgente'", 0);
  g_assert_cmpstr (comments, ==, "Nota su\r\ndue righe");
  g_assert_cmpint (count (f, "SELECT count(*) FROM event WHERE text = 'Imported from CSV'"), ==, 6);
}

static void
test_dry_run (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariImportReport) report = NULL;
  gint64 before;

  add_italian_clients (f);
  before = fingerprint (f);
  report = import_sample (f, "excel-it.csv", TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (report->dry_run);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_DEAL], ==, 6);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_COMPANY], ==, 4);
  g_assert_cmpuint (report->existing[AFFARI_IMPORTED_COMPANY], ==, 1);
  g_assert_cmpuint (report->refused->len, ==, 3);
  g_assert_cmpint (fingerprint (f), ==, before);

  /* The real import after it, on the same store, makes what the preview said. */
  g_clear_pointer (&report, affari_import_report_free);
  report = import_sample (f, "excel-it.csv", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_DEAL], ==, 6);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_PIPELINE], ==, 1);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_STAGE], ==, 1);
  g_assert_cmpint (deals_in (f, "Rivenditori", NULL), ==, 2);
  g_assert_cmpint (deals_in (f, "Vendite Italia", "Verifica tecnica"), ==, 1);
}

/* The job the window's import task runs: the table shared, the mapping copied. */
static void
test_job (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  AffariCsvTable *table = read_sample ("english.csv");
  g_autoptr(AffariCsvMapping) mapping = affari_csv_mapping_guess (f->store, table);
  gpointer job = affari_csv_import_job_new (table, mapping);
  g_autoptr(AffariImportReport) report = NULL;

  mapping->fields[0] = AFFARI_CSV_IGNORE;   /* later changes do not reach the job */
  affari_csv_table_free (table);            /* nor does the caller dropping the table */
  report = affari_csv_import_job_run (f->store, f->ops, job, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_DEAL], ==, 3);
  affari_csv_import_job_free (job);
}

static void
test_import_english (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariCsvTable) table = read_sample ("english.csv");
  g_autoptr(AffariCsvMapping) mapping = affari_csv_mapping_guess (f->store, table);
  g_autoptr(AffariImportReport) report = NULL;
  g_autofree char *comments = NULL;

  g_assert_cmpint (affari_csv_table_get_separator (table), ==, ',');
  g_assert_false (mapping->decimal_comma);
  g_assert_cmpint (mapping->fields[9], ==, AFFARI_CSV_RESPONSIBLE);
  report = affari_import_csv (f->store, f->ops, table, mapping, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_DEAL], ==, 3);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_COMPANY], ==, 2);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_CONTACT], ==, 2);
  g_assert_cmpuint (report->refused->len, ==, 0);
  g_assert_true (has (report->notes, "“Nobody”"));
  g_assert_true (has (report->notes, "“Word of mouth”"));
  g_assert_cmpint (count (f, "SELECT sum(amount) FROM deal WHERE currency = 'USD'"), ==, 123456 + 1200000);
  g_assert_cmpint (count (f, "SELECT sum(amount) FROM deal WHERE currency = 'EUR'"), ==, 9990);
  g_assert_cmpint (count (f, "SELECT count(*) FROM deal WHERE source_id = 'CALL' AND close_date = '2026-12-01'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contact WHERE email = 'jane@acme.com' AND company_id ="
                             " (SELECT id FROM company WHERE name = 'Acme, Inc.')"), ==, 1);
  comments = affari_test_sql_text (f->db, "SELECT comments FROM deal WHERE title = 'Website redesign'", 0);
  g_assert_cmpstr (comments, ==, "Big, \"important\" client");
}

static void
test_import_utf16 (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariCsvTable) table = read_sample ("utf16-tab.csv");
  g_autoptr(AffariCsvMapping) mapping = affari_csv_mapping_guess (f->store, table);
  g_autoptr(AffariImportReport) report = NULL;

  g_assert_cmpstr (affari_csv_table_get_encoding (table), ==, "UTF-16");
  g_assert_cmpint (affari_csv_table_get_separator (table), ==, '\t');
  g_assert_true (mapping->decimal_comma);
  report = affari_import_csv (f->store, f->ops, table, mapping, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_DEAL], ==, 2);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_COMPANY], ==, 1);
  g_assert_cmpint (count (f, "SELECT sum(amount) FROM deal"), ==, 150000 + 25000);
  g_assert_cmpint (count (f, "SELECT count(*) FROM deal WHERE title = 'Progetto Perché' AND close_date = '2026-11-27'"), ==, 1);
}

/* Rows pasted from Excel into a UTF-8 file: each line read in its own encoding, and said. */
static void
test_import_mixed (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariImportReport) report = import_sample (f, "mixed-encodings.csv", FALSE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_DEAL], ==, 3);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_COMPANY], ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM company WHERE name = 'Società Beta'"), ==, 1);
  g_assert_cmpuint (report->notes->len, ==, 1);
  g_assert_true (has (report->notes, "Line 3: "));
  g_assert_true (has (report->notes, "Windows-1252"));
}

/* Bitrix24's export naming a pipeline that is not there: it is made (with the default stages) and
 * said, the clients it names are found as the any-CSV import finds them. */
static void
test_b24_new_pipeline (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "data", "csv", "bitrix24-new-pipeline.csv", NULL);
  g_autoptr(AffariCsvTable) table = read_sample ("bitrix24-new-pipeline.csv");
  g_autoptr(AffariImportReport) report = NULL;

  add_italian_clients (f);
  g_assert_true (affari_csv_table_is_bitrix24 (table));
  report = affari_import_b24csv (f->store, f->ops, file, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_DEAL], ==, 2);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_PIPELINE], ==, 1);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_STAGE], ==, 1);
  g_assert_cmpuint (report->existing[AFFARI_IMPORTED_COMPANY], ==, 1);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_COMPANY], ==, 1);
  g_assert_cmpuint (report->existing[AFFARI_IMPORTED_CONTACT], ==, 1);
  g_assert_cmpuint (report->refused->len, ==, 0);
  g_assert_true (has (report->notes, "“Distributori”"));
  g_assert_cmpint (deals_in (f, "Distributori", NULL), ==, 2);
  g_assert_cmpint (deals_in (f, "Distributori", "Trattativa"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contact"), ==, 1);
}

/* A file that cannot be read, or has nothing to make deals from, writes nothing. */
static void
test_bad_files (Fixture *f, gconstpointer data)
{
  static const struct { const char *name; const char *start; } unreadable[] = {
    { "stray-quote.csv", "Line 3:" },
    { "truncated.csv", "Line 3:" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariCsvTable) table = NULL;
  g_autoptr(AffariCsvMapping) mapping = NULL;
  g_autoptr(AffariImportReport) report = NULL;
  gint64 before = fingerprint (f);

  for (guint i = 0; i < G_N_ELEMENTS (unreadable); i++)
    {
      g_autofree char *file = g_test_build_filename (G_TEST_DIST, "data", "csv", unreadable[i].name, NULL);
      g_autoptr(AffariCsvTable) bad = affari_csv_table_read (file, &error);

      g_assert_null (bad);
      g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, unreadable[i].start));
      g_clear_error (&error);
    }
  /* A 2 GB file is refused before a byte is read (a sparse file: no disk is used). */
  {
    g_autofree char *huge = g_build_filename (f->dir, "huge.csv", NULL);
    FILE *file = fopen (huge, "w");
    g_autoptr(AffariCsvTable) none = NULL;

    g_assert_nonnull (file);
    g_assert_cmpint (ftruncate (fileno (file), (off_t) 2 << 30), ==, 0);
    fclose (file);
    none = affari_csv_table_read (huge, &error);
    g_assert_null (none);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, "1 GB"));
    g_clear_error (&error);
  }
  table = read_sample ("no-known-column.csv");
  mapping = affari_csv_mapping_guess (f->store, table);
  for (guint c = 0; c < mapping->n_columns; c++)
    g_assert_cmpint (mapping->fields[c], ==, AFFARI_CSV_IGNORE);
  report = affari_import_csv (f->store, f->ops, table, mapping, FALSE, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_assert_cmpint (fingerprint (f), ==, before);
}

static void
on_progress_cancel (guint done, guint total, gpointer data)
{
  if (done == 3)
    g_cancellable_cancel (data);
}

/* Cancelled half way: nothing of what was made before stays. */
static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(AffariCsvTable) table = read_sample ("excel-it.csv");
  g_autoptr(AffariCsvMapping) mapping = affari_csv_mapping_guess (f->store, table);
  g_autoptr(AffariImportReport) report = NULL;
  gint64 before = fingerprint (f);

  report = affari_import_csv (f->store, f->ops, table, mapping, FALSE, cancellable, on_progress_cancel, cancellable,
                              &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (fingerprint (f), ==, before);
}

static void
test_mapping_remembered (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariCsvTable) table = read_sample ("english.csv");
  g_autoptr(AffariCsvTable) other = read_sample ("excel-it.csv");
  g_autoptr(AffariCsvMapping) mapping = affari_csv_mapping_guess (f->store, table);
  g_autoptr(AffariCsvMapping) again = NULL;
  g_autoptr(AffariCsvMapping) unrelated = NULL;

  mapping->fields[11] = AFFARI_CSV_IGNORE;     /* no notes */
  mapping->fields[4] = AFFARI_CSV_COMMENTS;    /* the phone goes in the comments */
  mapping->decimal_comma = TRUE;
  mapping->pipeline_id = affari_store_get_default_pipeline_id (f->store);
  g_assert_true (affari_csv_mapping_remember (f->store, table, mapping, &error));
  g_assert_no_error (error);
  again = affari_csv_mapping_guess (f->store, table);
  g_assert_cmpuint (again->n_columns, ==, mapping->n_columns);
  for (guint c = 0; c < again->n_columns; c++)
    g_assert_cmpint (again->fields[c], ==, mapping->fields[c]);
  g_assert_true (again->decimal_comma);
  g_assert_cmpint (again->pipeline_id, ==, mapping->pipeline_id);
  /* Another header is guessed afresh. */
  unrelated = affari_csv_mapping_guess (f->store, other);
  g_assert_cmpint (unrelated->fields[12], ==, AFFARI_CSV_COMMENTS);
}

static void
test_amounts (void)
{
  static const struct { const char *text; gboolean comma; AffariCsvAmount result; gint64 minor; } cases[] = {
    { "1.234,56", TRUE, AFFARI_CSV_AMOUNT_OK, 123456 },
    { "€ 1.234.567,5", TRUE, AFFARI_CSV_AMOUNT_OK, 123456750 },
    { "-12,5", TRUE, AFFARI_CSV_AMOUNT_OK, -1250 },
    { "1234", TRUE, AFFARI_CSV_AMOUNT_OK, 123400 },
    { "1.234", TRUE, AFFARI_CSV_AMOUNT_OK, 123400 },
    { "1 234,56 EUR", TRUE, AFFARI_CSV_AMOUNT_OK, 123456 },
    { "1,234.56", TRUE, AFFARI_CSV_AMOUNT_OTHER_FORMAT, 0 },
    { "1,234", TRUE, AFFARI_CSV_AMOUNT_OTHER_FORMAT, 0 },
    { "1,234.56", FALSE, AFFARI_CSV_AMOUNT_OK, 123456 },
    { "99.90", FALSE, AFFARI_CSV_AMOUNT_OK, 9990 },
    { "1.234,56", FALSE, AFFARI_CSV_AMOUNT_OTHER_FORMAT, 0 },
    { "12,5", FALSE, AFFARI_CSV_AMOUNT_OTHER_FORMAT, 0 },
    { "1.23.4", TRUE, AFFARI_CSV_AMOUNT_INVALID, 0 },
    { "dieci", TRUE, AFFARI_CSV_AMOUNT_INVALID, 0 },
    { "1,2,3", FALSE, AFFARI_CSV_AMOUNT_INVALID, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 minor = -1;

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (affari_csv_parse_amount (cases[i].text, cases[i].comma, &minor), ==, cases[i].result);
      if (cases[i].result == AFFARI_CSV_AMOUNT_OK)
        g_assert_cmpint (minor, ==, cases[i].minor);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-csv/read/basic", test_read_basic);
  g_test_add_func ("/import-csv/read/separators", test_read_separators);
  g_test_add_func ("/import-csv/read/encodings", test_read_encodings);
  g_test_add_func ("/import-csv/read/bad", test_read_bad);
  g_test_add_func ("/import-csv/amounts", test_amounts);
  g_test_add ("/import-csv/match", Fixture, NULL, fixture_setup, test_match, fixture_teardown);
  g_test_add ("/import-csv/excel", Fixture, NULL, fixture_setup, test_import_excel, fixture_teardown);
  g_test_add ("/import-csv/dry-run", Fixture, NULL, fixture_setup, test_dry_run, fixture_teardown);
  g_test_add ("/import-csv/job", Fixture, NULL, fixture_setup, test_job, fixture_teardown);
  g_test_add ("/import-csv/english", Fixture, NULL, fixture_setup, test_import_english, fixture_teardown);
  g_test_add ("/import-csv/utf16", Fixture, NULL, fixture_setup, test_import_utf16, fixture_teardown);
  g_test_add ("/import-csv/mixed", Fixture, NULL, fixture_setup, test_import_mixed, fixture_teardown);
  g_test_add ("/import-csv/b24-new-pipeline", Fixture, NULL, fixture_setup, test_b24_new_pipeline, fixture_teardown);
  g_test_add ("/import-csv/bad-files", Fixture, NULL, fixture_setup, test_bad_files, fixture_teardown);
  g_test_add ("/import-csv/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/import-csv/mapping-remembered", Fixture, NULL, fixture_setup, test_mapping_remembered, fixture_teardown);
  return g_test_run ();
}
