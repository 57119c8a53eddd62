/* affari-bench.c — how fast Affari is on a database of N deals
 *
 * Generates (or reuses) a database of N deals and prints, as JSON, the time and memory of the
 * operations the views depend on (affari-bench-store.c), and with --ui or --list-ui those of the
 * real window under the current display (affari-bench-ui.c, affari-bench-list-ui.c). Built, not
 * installed. Figures are medians of several runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-bench"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "io/affari-demo.h"
#include "model/affari-i18n.h"
#include "store/affari-store.h"
#include "cli/affari-bench-private.h"

/* ---------------------------------------------------------------- shared helpers */

int
bench_compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

long
bench_rss_kb (GPid pid)
{
  g_autofree char *path = pid > 0 ? g_strdup_printf ("/proc/%d/status", pid) : g_strdup ("/proc/self/status");
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line ? strtol (line + 6, NULL, 10) : 0;
}

void
bench_add_double (JsonBuilder *json,
                  const char  *prefix,
                  const char  *name,
                  double       value)
{
  g_autofree char *key = g_strconcat (prefix, "_", name, NULL);

  json_builder_set_member_name (json, key);
  json_builder_add_double_value (json, value);
}

void
bench_print_json (JsonBuilder *json)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (json);
  g_autofree char *out = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  out = json_generator_to_data (generator, NULL);
  g_print ("%s\n", out);
}

char *
bench_sibling_program (const char *self_path,
                       const char *name)
{
  g_autofree char *dir = g_path_get_dirname (self_path);

  return g_build_filename (dir, name, NULL);
}

void
bench_remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

long
bench_peak_rss_kb (void)
{
  struct rusage usage;
  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* ---------------------------------------------------------------- main */

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) json = json_builder_new ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  int deals = 100000;
  int seed = 1;
  int clone_to = 0;
  char *database = NULL;
  gboolean keep = FALSE;
  gboolean ui = FALSE;
  gboolean list_ui = FALSE;
  gboolean ui_only = FALSE;
  g_autofree char *ui_parts = NULL;
  gboolean empty_window = FALSE;
  int forecast = 0;
  int import = 0;
  g_autofree char *server = NULL;
  int sellers = 50;
  int seconds = 120;
  double generate_ms = 0;
  g_autoptr(AffariStore) store = NULL;
  gint64 pipeline;
  BenchUiParts parts = { .runs = 5, .startup = TRUE, .drop = TRUE, .scroll = TRUE };
  GOptionEntry entries[] = {
    { "deals", 'n', 0, G_OPTION_ARG_INT, &deals, "Number of deals (default 100000)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the generated data", "S" },
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, "Use (and fill if empty) this database", "PATH" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the generated database", NULL },
    { "clone-to", 0, 0, G_OPTION_ARG_INT, &clone_to, "Then copy the deals up to about N (1000000) and time the list again", "N" },
    { "ui", 0, 0, G_OPTION_ARG_NONE, &ui, "Also time the real window under the current display", NULL },
    { "list-ui", 0, 0, G_OPTION_ARG_NONE, &list_ui, "Time the list in the real window instead of the store (with --clone-to: after the copy)", NULL },
    { "ui-only", 0, 0, G_OPTION_ARG_NONE, &ui_only, "Time only the real window (implies --ui)", NULL },
    { "ui-parts", 0, 0, G_OPTION_ARG_STRING, &ui_parts, "Which window timings: startup,drop,scroll (default all)", "LIST" },
    { "ui-runs", 0, 0, G_OPTION_ARG_INT, &parts.runs, "Start-ups of each kind, for the medians (default 5)", "N" },
    { "forecast", 0, 0, G_OPTION_ARG_INT, &forecast, "Only time the repeat-sale model's fit of N simulated customers (10000)", "N" },
    { "import", 0, 0, G_OPTION_ARG_INT, &import, "Only time the import of N CSV rows against the SQLite shell's .import (100000)", "N" },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, "Only time a team on this PostgreSQL server (its owner's URL; empty: --deals sample deals are imported)", "URL" },
    { "sellers", 0, 0, G_OPTION_ARG_INT, &sellers, "With --server: sellers moving cards at a person's pace (default 50)", "N" },
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "With --server: for how long (default 120)", "S" },
    { "empty-window", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &empty_window, "Show an empty window (the floor)", NULL },
    { NULL }
  };

  affari_i18n_init ();
  context = g_option_context_new ("— measure Affari on N deals");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (empty_window)
    return bench_run_empty_window ();
  if (forecast > 0)
    return bench_run_forecast (forecast, seed);
  if (import > 0)
    return bench_run_import (import, seed);
  if (server != NULL)
    return bench_run_server (server, CLAMP (sellers, 1, 500), MAX (seconds, 5), deals, (guint32) seed);
  if (ui_only)
    ui = TRUE;
  if (ui_parts != NULL)
    {
      g_auto(GStrv) names = g_strsplit (ui_parts, ",", -1);

      parts.startup = g_strv_contains ((const char * const *) names, "startup");
      parts.drop = g_strv_contains ((const char * const *) names, "drop");
      parts.scroll = g_strv_contains ((const char * const *) names, "scroll");
    }
  parts.runs = CLAMP (parts.runs, 1, 50);

  if (database != NULL)
    path = g_strdup (database);
  else
    {
      dir = g_dir_make_tmp ("affari-bench-XXXXXX", &error);
      if (dir == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      path = g_build_filename (dir, "bench.db", NULL);
    }

  store = affari_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (affari_store_count_deals (store, NULL, NULL) == 0)
    {
      double start = bench_now_ms ();
      if (!affari_demo_generate (store, (guint) deals, (guint32) seed, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      generate_ms = bench_now_ms () - start;
    }
  g_clear_object (&store);

  store = affari_store_open (path, &error);
  pipeline = affari_store_get_default_pipeline_id (store);

  json_builder_begin_object (json);
  json_builder_set_member_name (json, "deals");
  json_builder_add_int_value (json, affari_store_count_deals (store, NULL, NULL));
  json_builder_set_member_name (json, "deals_in_pipeline");
  {
    AffariDealQuery q = { .pipeline_id = pipeline };
    json_builder_add_int_value (json, affari_store_count_deals (store, &q, NULL));
  }
  json_builder_set_member_name (json, "runs");
  json_builder_add_int_value (json, RUNS);
  if (generate_ms > 0)
    {
      json_builder_set_member_name (json, "generate_ms");
      json_builder_add_double_value (json, generate_ms);
    }
  if (!ui_only && (!list_ui || clone_to > 0))
    bench_store (json, store, path, clone_to);
  if (list_ui)
    {
      g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);

      g_clear_object (&store);
      bench_list_ui (json, self_path, path);
      store = affari_store_open (path, NULL);
    }
  if (ui)
    {
      g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);

      /* The app opens the same file: let go of it meanwhile. */
      g_clear_object (&store);
      bench_ui (json, self_path, path, &parts);
      store = affari_store_open (path, NULL);
    }
  json_builder_set_member_name (json, "rss_kb");
  json_builder_add_int_value (json, bench_rss_kb (0));
  json_builder_set_member_name (json, "peak_rss_kb");
  json_builder_add_int_value (json, bench_peak_rss_kb ());
  json_builder_end_object (json);

  bench_print_json (json);

  g_clear_object (&store);
  if (dir != NULL && !keep)
    bench_remove_database (path);
  else if (dir != NULL)
    g_printerr ("database kept: %s\n", path);
  g_free (database);
  return 0;
}
