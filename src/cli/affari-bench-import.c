/* affari-bench-import.c — importing N CSV rows against `sqlite3 .import` (--import N)
 *
 * Writes an Italian spreadsheet export of N deals (';', "1.234,56", "27/11/2026", a company and a
 * contact with e-mail per row, 2,000 companies and 5,000 contacts in all, four stages), then times,
 * side by side and RUNS times each:
 *   - `sqlite3 BARE.db` with ".mode csv", ".separator ;" and ".import FILE t": the file loaded into
 *     a bare table (no index, no trigger), the floor the issue measures against;
 *   - Affari's import of the same file into a new database, as `affari-cli import FILE.csv` does
 *     it: read and decode the file, guess the mapping, match and make the clients, make the deals
 *     with their history, in one transaction.
 * Prints the medians, their ratio (the target is at most 2) and the peak memory, as JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-bench"

#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "io/affari-import-csv.h"
#include "ops/affari-deal-ops.h"
#include "cli/affari-bench-private.h"

#define IMPORT_RUNS 3

static const char * const stages[] = { "Nuovo", "In lavorazione", "Preventivo inviato", "Trattativa" };
static const char * const cities[] = { "Milano", "Torino", "Bologna", "Napoli", "Bari", "Verona", "Padova" };

static gboolean
write_sample (const char *path, int rows, int seed, GError **error)
{
  g_autoptr(GString) out = g_string_new ("Titolo;Importo;Valuta;Fase;Azienda;Partita IVA;Contatto;E-mail;"
                                         "Telefono;Data inizio;Data chiusura prevista;Commento\r\n");
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (int i = 0; i < rows; i++)
    {
      int company = g_rand_int_range (rand, 0, 2000);
      int contact = g_rand_int_range (rand, 0, 5000);
      int euros = g_rand_int_range (rand, 100, 250000);

      g_string_append_printf (out, "Fornitura %s n. %d;%d.%03d,%02d;EUR;%s;Officine %s %d S.r.l.;IT%011d;"
                                   "Giulia Bianchi %d;giulia.bianchi%d@example.it;+39 02 %07d;%02d/%02d/2026;"
                                   "%02d/%02d/2027;\"Richiesta arrivata dalla fiera; richiamare\"\r\n",
                              cities[i % G_N_ELEMENTS (cities)], i, euros / 1000, euros % 1000,
                              g_rand_int_range (rand, 0, 100), stages[g_rand_int_range (rand, 0, G_N_ELEMENTS (stages))],
                              cities[company % G_N_ELEMENTS (cities)], company, 10000000 + company, contact, contact,
                              1000000 + contact, g_rand_int_range (rand, 1, 29), g_rand_int_range (rand, 1, 13),
                              g_rand_int_range (rand, 1, 29), g_rand_int_range (rand, 1, 13));
    }
  return g_file_set_contents (path, out->str, out->len, error);
}

static double
time_sqlite3 (const char *dir, const char *csv, GError **error)
{
  g_autofree char *bare = g_build_filename (dir, "bare.db", NULL);
  g_autofree char *import = g_strdup_printf (".import '%s' t", csv);
  const char *argv[] = { "sqlite3", bare, "-cmd", ".mode csv", "-cmd", ".separator ;", import, NULL };
  int status = 0;
  double start;

  bench_remove_database (bare);
  start = bench_now_ms ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, error)
      || !g_spawn_check_wait_status (status, error))
    return -1;
  return bench_now_ms () - start;
}

/* One import into a new database, timed from the file's name to the commit. */
static double
time_affari (const char *dir, const char *csv, guint *n_deals, GError **error)
{
  g_autofree char *path = g_build_filename (dir, "affari.db", NULL);
  g_autoptr(AffariStore) store = NULL;
  g_autoptr(AffariDealOps) ops = NULL;
  g_autoptr(AffariCsvTable) table = NULL;
  g_autoptr(AffariCsvMapping) mapping = NULL;
  g_autoptr(AffariImportReport) report = NULL;
  double start;

  bench_remove_database (path);
  store = affari_store_open (path, error);
  if (store == NULL)
    return -1;
  ops = affari_deal_ops_new (store);
  start = bench_now_ms ();
  table = affari_csv_table_read (csv, error);
  if (table == NULL)
    return -1;
  mapping = affari_csv_mapping_guess (store, table);
  report = affari_import_csv (store, ops, table, mapping, FALSE, NULL, NULL, NULL, error);
  if (report == NULL)
    return -1;
  *n_deals = report->created[AFFARI_IMPORTED_DEAL];
  return bench_now_ms () - start;
}

/* The databases, then the file: the folder goes with the last. */
static void
remove_all (const char *dir, const char *csv)
{
  g_autofree char *bare = g_build_filename (dir, "bare.db", NULL);
  g_autofree char *affari = g_build_filename (dir, "affari.db", NULL);

  bench_remove_database (bare);
  bench_remove_database (affari);
  bench_remove_database (csv);
}

int
bench_run_import (int rows, int seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) json = json_builder_new ();
  g_autofree char *dir = g_dir_make_tmp ("affari-bench-import-XXXXXX", &error);
  g_autofree char *csv = NULL;
  double bare[IMPORT_RUNS], affari[IMPORT_RUNS];
  guint n_deals = 0;
  struct rusage usage;
  struct stat st;

  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  csv = g_build_filename (dir, "deals.csv", NULL);
  if (!write_sample (csv, rows, seed, &error))
    goto failed;
  for (int i = 0; i < IMPORT_RUNS; i++)
    {
      if ((bare[i] = time_sqlite3 (dir, csv, &error)) < 0
          || (affari[i] = time_affari (dir, csv, &n_deals, &error)) < 0)
        goto failed;
    }
  qsort (bare, IMPORT_RUNS, sizeof (double), bench_compare_doubles);
  qsort (affari, IMPORT_RUNS, sizeof (double), bench_compare_doubles);
  getrusage (RUSAGE_SELF, &usage);

  json_builder_begin_object (json);
  json_builder_set_member_name (json, "import_rows");
  json_builder_add_int_value (json, rows);
  json_builder_set_member_name (json, "import_file_bytes");
  json_builder_add_int_value (json, g_stat (csv, &st) == 0 ? st.st_size : 0);
  json_builder_set_member_name (json, "import_deals_created");
  json_builder_add_int_value (json, n_deals);
  bench_add_double (json, "import", "sqlite3_dot_import_ms", bare[IMPORT_RUNS / 2]);
  bench_add_double (json, "import", "affari_ms", affari[IMPORT_RUNS / 2]);
  bench_add_double (json, "import", "ratio", affari[IMPORT_RUNS / 2] / bare[IMPORT_RUNS / 2]);
  bench_add_double (json, "import", "peak_rss_mb", usage.ru_maxrss / 1024.0);
  json_builder_end_object (json);
  bench_print_json (json);
  remove_all (dir, csv);
  return EXIT_SUCCESS;

failed:
  g_printerr ("%s\n", error->message);
  remove_all (dir, csv);
  return EXIT_FAILURE;
}
