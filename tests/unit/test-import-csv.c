/* test-import-csv.c — the any-CSV import: the table reader (encodings, separators, quotes), the
 * matching of companies and contacts, the mapping and the import of realistic files
 * (tests/data/csv/)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>

#include "affari-test-files.h"
#include "affari-test-sql.h"
#include "io/affari-import-csv.h"
#include "model/affari-company.h"
#include "model/affari-contact.h"
#include "model/affari-error.h"
#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"
#include "store/affari-store-import-match.h"

typedef struct {
  char *dir;
  char *path;
  AffariStore *store;
  AffariDealOps *ops;
  sqlite3 *db;             /* a second connection that looks at the file as it is */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("affari-import-csv-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "affari.db", NULL);
  f->store = affari_store_open (f->path, &error);
  g_assert_no_error (error);
  affari_store_set_now (f->store, 1795000000);   /* 2026-11-18 */
  f->ops = affari_deal_ops_new (f->store);
  g_assert_cmpint (sqlite3_open (f->path, &f->db), ==, SQLITE_OK);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  sqlite3_close (f->db);
  g_assert_finalize_object (f->ops);
  g_assert_finalize_object (f->store);
  affari_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-csv/read/basic", test_read_basic);
  g_test_add_func ("/import-csv/read/separators", test_read_separators);
  g_test_add_func ("/import-csv/read/encodings", test_read_encodings);
  g_test_add_func ("/import-csv/read/bad", test_read_bad);
  g_test_add ("/import-csv/match", Fixture, NULL, fixture_setup, test_match, fixture_teardown);
  return g_test_run ();
}
