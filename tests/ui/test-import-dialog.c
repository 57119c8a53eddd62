/* test-import-dialog.c — "Importa" in the real window: win.import-file opens the dialog on a CSV
 * written here (the detected mapping, the preview's counts, a column changed by its combo row),
 * imports it (the deals, companies, the history line are in the database), then "Annulla
 * importazione" removes exactly that; a big file's import cancelled midway writes nothing; a
 * folder of Bitrix24 dumps goes through the same dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "affari-test-harness.h"
#include "affari-test-sql.h"
#include "io/affari-demo.h"
#include "io/affari-export-json.h"
#include "io/affari-import-csv.h"
#include "ui/import/affari-import-dialog.h"

typedef struct {
  AffariTestApp base;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  affari_test_app_setup (&f->base, "import-dialog");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  affari_test_app_teardown (&f->base);
}

static gint64
sql_int (Fixture *f, const char *sql, gint64 param)
{
  sqlite3 *db = NULL;
  gint64 value;

  /* A connection of its own: what is committed in the file, not what the window believes. */
  g_assert_cmpint (sqlite3_open (f->base.db_path, &db), ==, SQLITE_OK);
  value = affari_test_sql_int (db, sql, param);
  sqlite3_close (db);
  return value;
}

static AffariImportDialog *
open_dialog (AffariWindow *window, const char *path)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", path));
  WAIT_UNTIL (affari_test_find_toplevel (AFFARI_TYPE_IMPORT_DIALOG) != NULL);
  return AFFARI_IMPORT_DIALOG (affari_test_find_toplevel (AFFARI_TYPE_IMPORT_DIALOG));
}

static gboolean
preview_ready (AffariImportDialog *dialog)
{
  return g_strcmp0 (affari_import_dialog_get_page (dialog), "preview") == 0 &&
         affari_import_dialog_get_report (dialog) != NULL;
}

static gboolean
on_page (AffariImportDialog *dialog, const char *page)
{
  return g_strcmp0 (affari_import_dialog_get_page (dialog), page) == 0;
}

static gboolean
match_row_title (GtkWidget *widget, gconstpointer data)
{
  return ADW_IS_COMBO_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

/* The mapping's row of the column headed @header. */
static AdwComboRow *
field_row (AffariImportDialog *dialog, const char *header)
{
  g_autofree char *title = g_strdup_printf (_("Column «%s»"), header);
  GtkWidget *row = affari_test_find_widget (GTK_WIDGET (dialog), match_row_title, title);

  g_assert_nonnull (row);
  return ADW_COMBO_ROW (row);
}

static gboolean
match_button_label (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

/* Closes @dialog and checks that nothing keeps it alive. */
static void
close_dialog (AffariImportDialog *dialog)
{
  GObject *object = G_OBJECT (dialog);

  g_object_add_weak_pointer (object, (gpointer *) &object);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.close", NULL));
  affari_test_assert_gone (&object, "the import dialog");
}

/* ------------------------------------------------------------ any CSV */

#define SAMPLE                                                                            \
  "Titolo;Importo;Ragione sociale;Referente;E-mail;Fase\r\n"                              \
  "Fornitura sedie;1.234,56;Rossi Arredi S.r.l.;Mario Rossi;mario@rossiarredi.it;Prova tecnica\r\n" \
  "Licenze gestionale;800,00;Bianchi Software;Laura Bianchi;laura@bianchisw.it;\r\n"     \
  ";500,00;Senza titolo;;;\r\n"                                                           \
  "Consulenza;2.000,00;Rossi Arredi S.r.l.;Mario Rossi;mario@rossiarredi.it;\r\n"

static void
csv_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  g_autofree char *path = g_build_filename (f->base.dir, "clienti.csv", NULL);
  g_autoptr(GError) error = NULL;
  const AffariImportReport *report;
  AffariImportDialog *dialog;
  GObject *gone;
  gint64 deals_before = sql_int (f, "SELECT count(*) FROM deal", 0);
  gint64 companies_before = sql_int (f, "SELECT count(*) FROM company", 0);
  gint64 contacts_before = sql_int (f, "SELECT count(*) FROM contact", 0);
  gint64 stages_before = sql_int (f, "SELECT count(*) FROM stage", 0);

  g_assert_true (g_file_set_contents (path, SAMPLE, -1, &error));
  g_assert_no_error (error);
  dialog = open_dialog (window, path);
  WAIT_UNTIL (preview_ready (dialog));

  /* What the headers say, guessed; the rows with no title refused with their line. */
  g_assert_cmpuint (adw_combo_row_get_selected (field_row (dialog, "Titolo")), ==, AFFARI_CSV_TITLE);
  g_assert_cmpuint (adw_combo_row_get_selected (field_row (dialog, "Importo")), ==, AFFARI_CSV_AMOUNT);
  g_assert_cmpuint (adw_combo_row_get_selected (field_row (dialog, "E-mail")), ==, AFFARI_CSV_EMAIL);
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (dialog), "UTF-8 · separatore ;"));

  /* The person says which column is the company and which the contact: the preview follows. */
  adw_combo_row_set_selected (field_row (dialog, "Ragione sociale"), AFFARI_CSV_IGNORE);
  adw_combo_row_set_selected (field_row (dialog, "Referente"), AFFARI_CSV_IGNORE);
  WAIT_UNTIL (preview_ready (dialog));
  report = affari_import_dialog_get_report (dialog);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_COMPANY], ==, 0);
  adw_combo_row_set_selected (field_row (dialog, "Ragione sociale"), AFFARI_CSV_COMPANY);
  adw_combo_row_set_selected (field_row (dialog, "Referente"), AFFARI_CSV_CONTACT);
  WAIT_UNTIL (preview_ready (dialog));
  report = affari_import_dialog_get_report (dialog);
  g_assert_true (report->dry_run);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_DEAL], ==, 3);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_COMPANY], ==, 2);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_CONTACT], ==, 2);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_STAGE], ==, 1);
  g_assert_cmpuint (report->refused->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (report->refused, 0), "Riga 4"));
  /* A dry run writes nothing. */
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM deal", 0), ==, deals_before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  WAIT_UNTIL (on_page (dialog, "summary"));
  report = affari_import_dialog_get_report (dialog);
  g_assert_false (report->dry_run);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_DEAL], ==, 3);
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (dialog), _("Import Completed")));

  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM deal", 0), ==, deals_before + 3);
  g_assert_cmpint (sql_int (f, "SELECT amount FROM deal WHERE title = 'Fornitura sedie'", 0), ==, 123456);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM company WHERE name = 'Rossi Arredi S.r.l.'", 0), ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM company", 0), ==, companies_before + 2);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM stage WHERE name = 'Prova tecnica'", 0), ==, 1);
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (f->base.db_path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM event WHERE text = ?", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, _("Imported from CSV"), -1, SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 3);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  /* "Annulla importazione": the window's undo removes exactly what the import made. */
  gone = G_OBJECT (dialog);
  g_object_add_weak_pointer (gone, (gpointer *) &gone);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.undo", NULL));
  affari_test_assert_gone (&gone, "the import dialog after its undo");
  WAIT_UNTIL (sql_int (f, "SELECT count(*) FROM deal", 0) == deals_before);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM company", 0), ==, companies_before);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM contact", 0), ==, contacts_before);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM stage", 0), ==, stages_before);

  /* The mapping the person chose is the guess for a file with the same header. */
  dialog = open_dialog (window, path);
  WAIT_UNTIL (preview_ready (dialog));
  g_assert_cmpuint (adw_combo_row_get_selected (field_row (dialog, "Ragione sociale")), ==, AFFARI_CSV_COMPANY);
  g_assert_cmpuint (adw_combo_row_get_selected (field_row (dialog, "Referente")), ==, AFFARI_CSV_CONTACT);
  close_dialog (dialog);
}

/* ------------------------------------------------------------ cancel */

/* Big enough to be cancelled halfway; a sanitized build is ten times slower, a quarter is enough. */
static guint
big_rows (void)
{
  return g_getenv ("AFFARI_SANITIZED") != NULL ? 5000 : 20000;
}

static void
cancel_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  g_autofree char *path = g_build_filename (f->base.dir, "grande.csv", NULL);
  g_autoptr(GString) text = g_string_new ("Titolo;Importo;Azienda\n");
  g_autoptr(GError) error = NULL;
  GtkProgressBar *progress;
  AffariImportDialog *dialog;
  gint64 deals_before = sql_int (f, "SELECT count(*) FROM deal", 0);
  gint64 companies_before = sql_int (f, "SELECT count(*) FROM company", 0);

  for (guint i = 0; i < big_rows (); i++)
    g_string_append_printf (text, "Affare %u;%u,50;Azienda %u\n", i, i, i % 500);
  g_assert_true (g_file_set_contents (path, text->str, text->len, &error));
  g_assert_no_error (error);

  dialog = open_dialog (window, path);
  WAIT_UNTIL (preview_ready (dialog));
  g_assert_cmpuint (affari_import_dialog_get_report (dialog)->created[AFFARI_IMPORTED_DEAL], ==, big_rows ());

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  g_assert_true (on_page (dialog, "progress"));
  progress = GTK_PROGRESS_BAR (affari_test_find_type (GTK_WIDGET (dialog), GTK_TYPE_PROGRESS_BAR));
  /* Midway: some rows are in the transaction, none is in the file. */
  WAIT_UNTIL (gtk_progress_bar_get_fraction (progress) > 0 || !on_page (dialog, "progress"));
  g_assert_true (on_page (dialog, "progress"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  WAIT_UNTIL (!on_page (dialog, "progress"));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (dialog), _("Import cancelled: nothing was changed")));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM deal", 0), ==, deals_before);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM company", 0), ==, companies_before);
  /* The preview is back, counted again, ready for another try. */
  WAIT_UNTIL (preview_ready (dialog));
  close_dialog (dialog);
}

/* ------------------------------------------------------------ Bitrix24 folder */

static void
bitrix24_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "data", "bitrix24", NULL);
  const AffariImportReport *report;
  AffariImportDialog *dialog;
  GObject *gone;
  gint64 deals_before = sql_int (f, "SELECT count(*) FROM deal", 0);
  gint64 pipelines_before = sql_int (f, "SELECT count(*) FROM pipeline", 0);

  dialog = open_dialog (window, folder);
  WAIT_UNTIL (preview_ready (dialog));
  /* No mapping for Bitrix24: its fields are known. */
  g_assert_null (affari_test_find_widget (GTK_WIDGET (dialog), affari_test_match_mapped_label, _("Columns")));
  report = affari_import_dialog_get_report (dialog);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_DEAL], ==, 23);
  g_assert_cmpuint (report->created[AFFARI_IMPORTED_PIPELINE], ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  WAIT_UNTIL (on_page (dialog, "summary"));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM deal", 0), ==, deals_before + 23);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM deal WHERE originator_id = 'bitrix24'", 0), ==, 23);

  gone = G_OBJECT (dialog);
  g_object_add_weak_pointer (gone, (gpointer *) &gone);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.undo", NULL));
  affari_test_assert_gone (&gone, "the import dialog after its undo");
  WAIT_UNTIL (sql_int (f, "SELECT count(*) FROM deal", 0) == deals_before);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM pipeline", 0), ==, pipelines_before);
}

/* ------------------------------------------------------------ Bitrix24 CSV, a bad file */

static void
bitrix24_csv_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bitrix24-deals.csv", NULL);
  g_autofree char *bad = g_build_filename (f->base.dir, "rotto.csv", NULL);
  g_autoptr(GError) error = NULL;
  AffariImportDialog *dialog;
  GtkWidget *undo;
  gint64 deals_before = sql_int (f, "SELECT count(*) FROM deal", 0);

  /* Bitrix24's own deal export: recognised, no mapping to choose. */
  dialog = open_dialog (window, path);
  WAIT_UNTIL (preview_ready (dialog));
  g_assert_null (affari_test_find_widget (GTK_WIDGET (dialog), affari_test_match_mapped_label, _("Columns")));
  /* A bad amount and a bad date are refused with their line; the rest goes in. */
  g_assert_cmpuint (affari_import_dialog_get_report (dialog)->created[AFFARI_IMPORTED_DEAL], ==, 4);
  g_assert_cmpuint (affari_import_dialog_get_report (dialog)->refused->len, ==, 2);
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (dialog), g_ptr_array_index (affari_import_dialog_get_report (dialog)->refused, 0)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  WAIT_UNTIL (on_page (dialog, "summary"));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM deal", 0), ==, deals_before + 4);
  undo = affari_test_find_widget (GTK_WIDGET (dialog), match_button_label, _("_Undo Import"));
  g_assert_nonnull (undo);
  g_assert_true (gtk_widget_is_sensitive (undo));
  /* Undone from the window (Ctrl+Z): the dialog's button has nothing left to undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  WAIT_UNTIL (sql_int (f, "SELECT count(*) FROM deal", 0) == deals_before);
  g_assert_false (gtk_widget_is_sensitive (undo));
  close_dialog (dialog);

  /* A stray quote: the page says why, nothing can be imported. */
  g_assert_true (g_file_set_contents (bad, "Titolo;Importo\n\"Uno;10\nDue\"x;20\n", -1, &error));
  g_assert_no_error (error);
  dialog = open_dialog (window, bad);
  WAIT_UNTIL (!on_page (dialog, "loading"));
  g_assert_cmpstr (affari_import_dialog_get_page (dialog), ==, "error");
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (dialog), _("The File Cannot Be Read")));
  close_dialog (dialog);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM deal", 0), ==, deals_before);
}

static void
test_bitrix24_csv (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, bitrix24_csv_body);
}

static void
test_csv (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, csv_body);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, cancel_body);
}

static void
test_bitrix24 (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, bitrix24_body);
}

/* ------------------------------------------------------------ Affari's own export */

/* A new database (the fixture's) takes another one's export whole; its undo gives the new
 * database back, defaults included; the window shows the imported pipeline at once. */
static void
affari_json_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  g_autofree char *source_path = g_build_filename (f->base.dir, "altro.db", NULL);
  g_autofree char *json = g_build_filename (f->base.dir, "esportazione.json", NULL);
  g_autoptr(AffariStore) source = NULL;
  g_autoptr(GError) error = NULL;
  AffariImportDialog *dialog;
  GObject *gone;
  gint64 source_deals;
  gint64 pipelines_before = sql_int (f, "SELECT count(*) FROM pipeline", 0);

  source = affari_store_open (source_path, &error);
  g_assert_no_error (error);
  g_assert_true (affari_demo_generate (source, 30, 7, &error));
  g_assert_true (affari_export_json (source, json, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (source_path, &db), ==, SQLITE_OK);
    source_deals = affari_test_sql_int (db, "SELECT count(*) FROM deal", 0);
    sqlite3_close (db);
  }
  g_clear_object (&source);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM deal", 0), ==, 0);

  dialog = open_dialog (window, json);
  WAIT_UNTIL (preview_ready (dialog));
  g_assert_null (affari_test_find_widget (GTK_WIDGET (dialog), affari_test_match_mapped_label, _("Columns")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  WAIT_UNTIL (on_page (dialog, "summary"));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM deal", 0), ==, source_deals);

  gone = G_OBJECT (dialog);
  g_object_add_weak_pointer (gone, (gpointer *) &gone);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.undo", NULL));
  affari_test_assert_gone (&gone, "the import dialog after its undo");
  WAIT_UNTIL (sql_int (f, "SELECT count(*) FROM deal", 0) == 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM pipeline", 0), ==, pipelines_before);
}

static void
test_affari_json (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, affari_json_body);
}

int
main (int argc, char *argv[])
{
  affari_test_init (&argc, &argv);
  g_test_add ("/import-dialog/csv", Fixture, NULL, fixture_set_up, test_csv, fixture_tear_down);
  g_test_add ("/import-dialog/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/import-dialog/bitrix24-folder", Fixture, NULL, fixture_set_up, test_bitrix24, fixture_tear_down);
  g_test_add ("/import-dialog/bitrix24-csv", Fixture, NULL, fixture_set_up, test_bitrix24_csv, fixture_tear_down);
  g_test_add ("/import-dialog/affari-json", Fixture, NULL, fixture_set_up, test_affari_json, fixture_tear_down);
  return g_test_run ();
}
