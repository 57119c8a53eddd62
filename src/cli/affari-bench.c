/* affari-bench.c — how fast Affari is on a database of N deals
 *
 * Generates (or reuses) a database of N deals and prints, as JSON, the time and memory of the
 * operations the views depend on. Built, not installed. Figures are medians of several runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "io/affari-demo.h"
#include "model/affari-deal-list.h"
#include "model/affari-i18n.h"
#include "store/affari-store.h"

#define RUNS 7

typedef double (*BenchFunc) (gpointer data);

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* Median of RUNS timings, in milliseconds. */
static double
median (BenchFunc func, gpointer data)
{
  double t[RUNS];
  for (int i = 0; i < RUNS; i++)
    t[i] = func (data);
  qsort (t, RUNS, sizeof (double), compare_doubles);
  return t[RUNS / 2];
}

static long
peak_rss_kb (void)
{
  struct rusage usage;
  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static long
current_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line ? strtol (line + 6, NULL, 10) : 0;
}

typedef struct {
  const char *path;
  AffariStore *store;
  gint64 pipeline;
  GPtrArray *stages;
  gint64 deal;
  int flip;
} Bench;

static double
bench_open (gpointer data)
{
  Bench *b = data;
  double start = now_ms ();
  g_autoptr(AffariStore) store = affari_store_open (b->path, NULL);
  double end = now_ms ();
  g_assert (store != NULL);
  return end - start;
}

static double
bench_totals (gpointer data)
{
  Bench *b = data;
  AffariDealQuery q = { .pipeline_id = b->pipeline };
  double start = now_ms ();
  g_autoptr(GArray) totals = affari_store_stage_totals (b->store, &q, NULL);
  g_assert (totals != NULL);
  return now_ms () - start;
}

/* What a board does when it opens: each column's ids and its first screenful of deals. */
static double
bench_first_pages (gpointer data)
{
  Bench *b = data;
  double start = now_ms ();

  for (guint i = 0; i < b->stages->len; i++)
    {
      AffariDealQuery q = { .stage_id = affari_stage_get_id (g_ptr_array_index (b->stages, i)) };
      g_autoptr(AffariDealList) list = affari_deal_list_new (b->store, &q);
      guint n = MIN (20, g_list_model_get_n_items (G_LIST_MODEL (list)));
      for (guint k = 0; k < n; k++)
        g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), k));
    }
  return now_ms () - start;
}

/* One drag-and-drop: the move written, then the two columns' ids read again. */
static double
bench_move (gpointer data)
{
  Bench *b = data;
  gint64 target = affari_stage_get_id (g_ptr_array_index (b->stages, b->flip++ % 2 ? 1 : 2));
  AffariDealQuery q = { .stage_id = target };
  double start = now_ms ();
  g_autoptr(GArray) ids = NULL;

  if (!affari_store_move_deal (b->store, b->deal, target, 3, NULL, NULL))
    g_error ("move failed");
  ids = affari_store_query_deal_ids (b->store, &q, NULL);
  return now_ms () - start;
}

static double
bench_filtered_query (gpointer data)
{
  Bench *b = data;
  AffariDealQuery q = { .pipeline_id = b->pipeline, .text = (char *) "rossi", .has_amount_min = TRUE,
                        .amount_min = 500000, .closed = AFFARI_CLOSED_OPEN_ONLY,
                        .sort = AFFARI_DEAL_SORT_AMOUNT, .descending = TRUE };
  double start = now_ms ();
  g_autoptr(GArray) ids = affari_store_query_deal_ids (b->store, &q, NULL);
  g_assert (ids != NULL);
  return now_ms () - start;
}

static double
bench_sorted_ids (gpointer data)
{
  Bench *b = data;
  AffariDealQuery q = { .pipeline_id = b->pipeline, .sort = AFFARI_DEAL_SORT_CLOSE_DATE };
  double start = now_ms ();
  g_autoptr(GArray) ids = affari_store_query_deal_ids (b->store, &q, NULL);
  g_assert (ids != NULL);
  return now_ms () - start;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) json = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  int deals = 100000;
  int seed = 1;
  char *database = NULL;
  gboolean keep = FALSE;
  double generate_ms = 0;
  Bench b = { 0 };
  GOptionEntry entries[] = {
    { "deals", 'n', 0, G_OPTION_ARG_INT, &deals, "Number of deals (default 100000)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the generated data", "S" },
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, "Use (and fill if empty) this database", "PATH" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the generated database", NULL },
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

  b.path = path;
  b.store = affari_store_open (path, &error);
  if (b.store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (affari_store_count_deals (b.store, NULL, NULL) == 0)
    {
      double start = now_ms ();
      if (!affari_demo_generate (b.store, (guint) deals, (guint32) seed, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      generate_ms = now_ms () - start;
    }
  g_clear_object (&b.store);

  b.store = affari_store_open (path, &error);
  b.pipeline = affari_store_get_default_pipeline_id (b.store);
  b.stages = affari_store_list_stages (b.store, b.pipeline, NULL);
  {
    AffariDealQuery q = { .pipeline_id = b.pipeline, .stage_id = affari_stage_get_id (g_ptr_array_index (b.stages, 0)) };
    g_autoptr(GArray) ids = affari_store_query_deal_ids (b.store, &q, NULL);
    b.deal = ids->len ? g_array_index (ids, gint64, 0) : 0;
  }

  json_builder_begin_object (json);
  json_builder_set_member_name (json, "deals");
  json_builder_add_int_value (json, affari_store_count_deals (b.store, NULL, NULL));
  json_builder_set_member_name (json, "deals_in_pipeline");
  {
    AffariDealQuery q = { .pipeline_id = b.pipeline };
    json_builder_add_int_value (json, affari_store_count_deals (b.store, &q, NULL));
  }
  json_builder_set_member_name (json, "runs");
  json_builder_add_int_value (json, RUNS);
  if (generate_ms > 0)
    {
      json_builder_set_member_name (json, "generate_ms");
      json_builder_add_double_value (json, generate_ms);
    }
  json_builder_set_member_name (json, "open_ms");
  json_builder_add_double_value (json, median (bench_open, &b));
  json_builder_set_member_name (json, "stage_totals_ms");
  json_builder_add_double_value (json, median (bench_totals, &b));
  json_builder_set_member_name (json, "first_page_every_stage_ms");
  json_builder_add_double_value (json, median (bench_first_pages, &b));
  if (b.deal != 0)
    {
      json_builder_set_member_name (json, "move_ms");
      json_builder_add_double_value (json, median (bench_move, &b));
    }
  json_builder_set_member_name (json, "filtered_query_ms");
  json_builder_add_double_value (json, median (bench_filtered_query, &b));
  json_builder_set_member_name (json, "sorted_ids_pipeline_ms");
  json_builder_add_double_value (json, median (bench_sorted_ids, &b));
  json_builder_set_member_name (json, "rss_kb");
  json_builder_add_int_value (json, current_rss_kb ());
  json_builder_set_member_name (json, "peak_rss_kb");
  json_builder_add_int_value (json, peak_rss_kb ());
  json_builder_end_object (json);

  root = json_builder_get_root (json);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  out = json_generator_to_data (generator, NULL);
  g_print ("%s\n", out);

  g_clear_pointer (&b.stages, g_ptr_array_unref);
  g_clear_object (&b.store);
  if (dir != NULL && !keep)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_unlink (wal);
      g_unlink (shm);
      g_unlink (path);
      g_rmdir (dir);
    }
  else if (dir != NULL)
    g_printerr ("database kept: %s\n", path);
  g_free (database);
  return 0;
}
