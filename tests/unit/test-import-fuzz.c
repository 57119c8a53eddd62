/* test-import-fuzz.c — the CSV reader and the importers fed damaged files for a bounded time
 *
 * Each parser gets AFFARI_FUZZ_SECONDS (3 by default) of mutated samples from a fixed seed: bits
 * flipped, the file cut anywhere, quotes, separators, NUL, CR and bytes that are no UTF-8
 * inserted, lines repeated or dropped. Whatever the file, nothing may crash (ASan runs this in CI),
 * and an import that fails leaves the deals, companies and contacts as they were: no partial import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>

#include "affari-test-files.h"
#include "affari-test-sql.h"
#include "io/affari-import-b24.h"
#include "io/affari-import-b24csv.h"
#include "io/affari-import-csv.h"
#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"

#define SEED 19
#define MAX_ITERATIONS 100000

typedef struct {
  char *dir;
  char *path;
  AffariStore *store;
  AffariDealOps *ops;
  sqlite3 *db;             /* a second connection that counts what is there */
  GRand *rand;
  guint iterations, imported, refused;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("affari-import-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "affari.db", NULL);
  f->store = affari_store_open (f->path, &error);
  g_assert_no_error (error);
  affari_store_set_now (f->store, 1795000000);
  f->ops = affari_deal_ops_new (f->store);
  g_assert_cmpint (sqlite3_open (f->path, &f->db), ==, SQLITE_OK);
  f->rand = g_rand_new_with_seed (SEED);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_test_message ("%u files: %u imported, %u refused whole", f->iterations, f->imported, f->refused);
  g_rand_free (f->rand);
  sqlite3_close (f->db);
  g_assert_finalize_object (f->ops);
  g_assert_finalize_object (f->store);
  affari_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static double
budget (void)
{
  const char *text = g_getenv ("AFFARI_FUZZ_SECONDS");
  double seconds = text != NULL ? g_ascii_strtod (text, NULL) : 3.0;

  return seconds > 0 ? seconds : 3.0;
}

static gint64
rows (Fixture *f)
{
  return affari_test_sql_int (f->db, "SELECT (SELECT count(*) FROM deal) * 1000000000"
                                     " + (SELECT count(*) FROM company) * 100000 + (SELECT count(*) FROM contact)", 0);
}

static void
insert (GByteArray *data, guint at, const guint8 *bytes, guint n)
{
  guint len = data->len;

  g_byte_array_set_size (data, len + n);
  memmove (data->data + at + n, data->data + at, len - at);
  memcpy (data->data + at, bytes, n);
}

/* One damage done to @data at a place @rand picks. */
static void
mutate (GRand *rand, GByteArray *data)
{
  static const char inserts[] = { '"', ';', ',', '\t', '\0', '\r', '\n', '\xff', '\xc3', '\x80', '\xfe', '\xef' };
  guint len = data->len, at = len > 0 ? g_rand_int_range (rand, 0, len) : 0;

  switch (g_rand_int_range (rand, 0, 7))
    {
    case 0:   /* a bit flipped */
      if (len > 0)
        data->data[at] ^= 1 << g_rand_int_range (rand, 0, 8);
      break;
    case 1:   /* cut anywhere */
      g_byte_array_set_size (data, at);
      break;
    case 2:   /* a character that means something to a parser */
    case 3:
      {
        guint8 c = inserts[g_rand_int_range (rand, 0, G_N_ELEMENTS (inserts))];
        insert (data, at, &c, 1);
      }
      break;
    case 4:   /* a line repeated */
      {
        const guint8 *start = data->data + at;
        const guint8 *end = len > 0 ? memchr (start, '\n', len - at) : NULL;
        guint n = end != NULL ? (guint) (end - start) + 1 : len - at;
        g_autofree guint8 *line = g_memdup2 (start, n);

        insert (data, at, line, n);
      }
      break;
    case 5:   /* a piece dropped */
      if (len > 0)
        {
          guint n = g_rand_int_range (rand, 1, 40);
          g_byte_array_remove_range (data, at, MIN (n, len - at));
        }
      break;
    default:  /* a random byte */
      if (len > 0)
        data->data[at] = (guint8) g_rand_int_range (rand, 0, 256);
      break;
    }
}

static GByteArray *
mutated (GRand *rand, const GBytes *sample)
{
  gsize size;
  const guint8 *bytes = g_bytes_get_data ((GBytes *) sample, &size);
  GByteArray *data = g_byte_array_sized_new (size + 64);
  guint n = g_rand_int_range (rand, 1, 5);

  g_byte_array_append (data, bytes, size);
  for (guint i = 0; i < n; i++)
    mutate (rand, data);
  return data;
}

static GPtrArray *
load_samples (void)
{
  static const char * const names[] = {
    "csv/excel-it.csv", "csv/english.csv", "csv/utf16-tab.csv", "csv/mixed-encodings.csv",
    "bitrix24-deals.csv", "bitrix24-deals-en.csv",
  };
  GPtrArray *samples = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_test_build_filename (G_TEST_DIST, "data", names[i], NULL);
      g_autoptr(GError) error = NULL;
      char *text;
      gsize size;

      g_assert_true (g_file_get_contents (file, &text, &size, &error));
      g_ptr_array_add (samples, g_bytes_new_take (text, size));
    }
  return samples;
}

static void
check_import (Fixture *f, AffariImportReport *report, GError *error, gint64 before, gboolean dry_run)
{
  if (report == NULL)
    {
      g_assert_nonnull (error);
      f->refused++;
    }
  else
    f->imported++;
  if (report == NULL || dry_run)
    g_assert_cmpint (rows (f), ==, before);
}

/* Enough rounds (not under a slow sanitizer) saw both ends: files imported and files refused. */
static void
check_coverage (Fixture *f)
{
  if (f->iterations < 500)
    return;
  g_assert_cmpuint (f->imported, >, 0);
  g_assert_cmpuint (f->refused, >, 0);
}

static void
test_csv (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) samples = load_samples ();
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *file = g_build_filename (f->dir, "fuzz.csv", NULL);
  double seconds = budget ();

  while (g_timer_elapsed (timer, NULL) < seconds && f->iterations < MAX_ITERATIONS)
    {
      GBytes *sample = g_ptr_array_index (samples, g_rand_int_range (f->rand, 0, samples->len));
      g_autoptr(GByteArray) bytes = mutated (f->rand, sample);
      g_autoptr(GError) error = NULL;
      g_autoptr(AffariCsvTable) table = affari_csv_table_parse ((const char *) bytes->data, bytes->len, &error);
      g_autoptr(AffariCsvMapping) mapping = NULL;
      g_autoptr(AffariImportReport) report = NULL;
      gboolean dry_run = g_rand_boolean (f->rand);
      gint64 before = rows (f);

      f->iterations++;
      if (table == NULL)
        {
          g_assert_nonnull (error);
          continue;
        }
      /* Every cell is UTF-8 whatever the file was, and lines only grow. */
      for (guint r = 0, line = 1; r < affari_csv_table_get_n_rows (table); r++)
        {
          g_assert_cmpuint (affari_csv_table_get_line (table, r), >, line);
          line = affari_csv_table_get_line (table, r);
          for (guint c = 0; c < affari_csv_table_get_n_columns (table); c++)
            g_assert_true (g_utf8_validate (affari_csv_table_get_cell (table, r, c), -1, NULL));
        }
      mapping = affari_csv_mapping_guess (f->store, table);
      if (affari_csv_table_is_bitrix24 (table))
        {
          g_assert_true (g_file_set_contents (file, (const char *) bytes->data, bytes->len, NULL));
          report = affari_import_b24csv (f->store, f->ops, file, dry_run, NULL, NULL, NULL, &error);
          check_import (f, report, error, before, dry_run);
          g_clear_pointer (&report, affari_import_report_free);
          g_clear_error (&error);
          before = rows (f);
        }
      report = affari_import_csv (f->store, f->ops, table, mapping, dry_run, NULL, NULL, NULL, &error);
      check_import (f, report, error, before, dry_run);
    }
  check_coverage (f);
}

static void
copy_folder (const char *from, const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (to, 0700), ==, 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);
      g_autofree char *text = NULL;
      gsize size;

      g_assert_true (g_file_get_contents (source, &text, &size, NULL));
      g_assert_true (g_file_set_contents (target, text, size, NULL));
    }
}

static void
test_b24_folder (Fixture *f, gconstpointer data)
{
  g_autofree char *samples = g_test_build_filename (G_TEST_DIST, "data", "bitrix24", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "bitrix24", NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GDir) dir = NULL;
  double seconds = budget ();
  const char *name;

  copy_folder (samples, folder);
  dir = g_dir_open (samples, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  while (g_timer_elapsed (timer, NULL) < seconds && f->iterations < MAX_ITERATIONS)
    {
      const char *victim = g_ptr_array_index (names, g_rand_int_range (f->rand, 0, names->len));
      g_autofree char *original = g_build_filename (samples, victim, NULL);
      g_autofree char *target = g_build_filename (folder, victim, NULL);
      g_autofree char *text = NULL;
      g_autoptr(GBytes) sample = NULL;
      g_autoptr(GByteArray) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(AffariImportReport) report = NULL;
      gboolean dry_run = g_rand_boolean (f->rand);
      gint64 before = rows (f);
      gsize size;

      f->iterations++;
      g_assert_true (g_file_get_contents (original, &text, &size, NULL));
      sample = g_bytes_new_take (g_steal_pointer (&text), size);
      bytes = mutated (f->rand, sample);
      g_assert_true (g_file_set_contents (target, (const char *) bytes->data, bytes->len, NULL));
      report = affari_import_b24 (f->store, f->ops, folder, dry_run, NULL, NULL, NULL, &error);
      check_import (f, report, error, before, dry_run);
      /* Only one file is damaged at a time: the next round starts from the sample again. */
      g_assert_true (g_file_set_contents (target, g_bytes_get_data (sample, NULL), g_bytes_get_size (sample), NULL));
    }
  check_coverage (f);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/import-fuzz/csv", Fixture, NULL, fixture_setup, test_csv, fixture_teardown);
  g_test_add ("/import-fuzz/b24-folder", Fixture, NULL, fixture_setup, test_b24_folder, fixture_teardown);
  return g_test_run ();
}
