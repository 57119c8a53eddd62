/* affari-bench-store.c — the store's figures: what the views ask of it, timed in this process
 *
 * A search keystroke is timed through the store and, as the floor, as the same SQL run directly
 * with the sqlite3 library on the same file; both are medians in the same run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-bench"

#include "config.h"

#include <stdlib.h>

#include <sqlite3.h>

#include "model/affari-deal-list.h"
#include "ops/affari-deal-ops.h"
#include "ops/affari-generator.h"
#include "store/affari-store.h"
#include "cli/affari-bench-private.h"

typedef double (*BenchFunc) (gpointer data);

/* Median of RUNS timings, in milliseconds. */
static double
median (BenchFunc func, gpointer data)
{
  double t[RUNS];
  for (int i = 0; i < RUNS; i++)
    t[i] = func (data);
  qsort (t, RUNS, sizeof (double), bench_compare_doubles);
  return t[RUNS / 2];
}

typedef struct {
  const char *path;
  AffariStore *store;
  gint64 pipeline;
  GPtrArray *stages;
  gint64 deal;
  int flip;
  AffariDealOps *ops;
  AffariDealList *column;     /* the target column of the drops, as the board holds it */
} Bench;

static double
bench_open (gpointer data)
{
  Bench *b = data;
  double start = bench_now_ms ();
  g_autoptr(AffariStore) store = affari_store_open (b->path, NULL);
  double end = bench_now_ms ();
  g_assert (store != NULL);
  return end - start;
}

static double
bench_totals (gpointer data)
{
  Bench *b = data;
  AffariDealQuery q = { .pipeline_id = b->pipeline };
  double start = bench_now_ms ();
  g_autoptr(GArray) totals = affari_store_stage_totals (b->store, &q, NULL);
  g_assert (totals != NULL);
  return bench_now_ms () - start;
}

/* What a board does when it opens: each column's ids and its first screenful of deals. */
double
bench_board_first_pages (AffariStore *store,
                         GPtrArray   *stages)
{
  double start = bench_now_ms ();

  for (guint i = 0; i < stages->len; i++)
    {
      AffariDealQuery q = { .stage_id = affari_stage_get_id (g_ptr_array_index (stages, i)) };
      g_autoptr(AffariDealList) list = affari_deal_list_new (store, &q);
      guint n = MIN (20, g_list_model_get_n_items (G_LIST_MODEL (list)));
      for (guint k = 0; k < n; k++)
        g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), k));
    }
  return bench_now_ms () - start;
}

static double
bench_first_pages (gpointer data)
{
  Bench *b = data;

  return bench_board_first_pages (b->store, b->stages);
}

/* One drag-and-drop as the window does it: the move through the operations layer (the deal
 * photographed before and after for undo, one transaction, the change set emitted and applied to
 * a column's model before the frame). */
static double
bench_move (gpointer data)
{
  Bench *b = data;
  gint64 target = affari_stage_get_id (g_ptr_array_index (b->stages, b->flip++ % 2 ? 1 : 2));
  double start = bench_now_ms ();
  g_autoptr(AffariChangeSet) set = affari_deal_ops_move (b->ops, &b->deal, 1, target, 3, NULL, NULL);

  if (set == NULL)
    g_error ("move failed");
  /* The column's own update runs before the next frame (a high-priority idle). */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return bench_now_ms () - start;
}

/* Ctrl+Z of that drop: the deal's rows written back, in one transaction. */
static double
bench_undo (gpointer data)
{
  Bench *b = data;
  double start = bench_now_ms ();

  if (!affari_deal_ops_undo (b->ops, NULL))
    g_error ("undo failed");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return bench_now_ms () - start;
}

/* The list's bulk move: the first 1,000 deals of the first stage dropped together into the
 * second one, then undone (one run: it changes the stages it is timed on). */
static void
bench_bulk_move (Bench       *b,
                 JsonBuilder *json)
{
  AffariDealQuery first = { .stage_id = affari_stage_get_id (g_ptr_array_index (b->stages, 0)) };
  g_autoptr(GArray) ids = affari_store_query_first_deal_ids (b->store, &first, 1000, NULL);
  g_autoptr(AffariChangeSet) set = NULL;
  double start;

  if (ids == NULL || ids->len == 0)
    return;
  start = bench_now_ms ();
  set = affari_deal_ops_move (b->ops, (const gint64 *) ids->data, ids->len,
                              affari_stage_get_id (g_ptr_array_index (b->stages, 1)), 1, NULL, NULL);
  if (set == NULL)
    g_error ("bulk move failed");
  json_builder_set_member_name (json, "bulk_move_deals");
  json_builder_add_int_value (json, ids->len);
  json_builder_set_member_name (json, "bulk_move_ms");
  json_builder_add_double_value (json, bench_now_ms () - start);
  start = bench_now_ms ();
  if (!affari_deal_ops_undo (b->ops, NULL))
    g_error ("bulk undo failed");
  json_builder_set_member_name (json, "bulk_move_undo_ms");
  json_builder_add_double_value (json, bench_now_ms () - start);
}

static double
bench_filtered_query (gpointer data)
{
  Bench *b = data;
  AffariDealQuery q = { .pipeline_id = b->pipeline, .text = (char *) "rossi", .has_amount_min = TRUE,
                        .amount_min = 500000, .closed = AFFARI_CLOSED_OPEN_ONLY,
                        .sort = AFFARI_DEAL_SORT_AMOUNT, .descending = TRUE };
  double start;

  /* asked for the first time: nothing kept from the run before */
  affari_store_forget_kept (b->store);
  start = bench_now_ms ();
  g_autoptr(GArray) ids = affari_store_query_deal_ids (b->store, &q, NULL);
  g_assert (ids != NULL);
  return bench_now_ms () - start;
}

static double
bench_sorted_ids (gpointer data)
{
  Bench *b = data;
  AffariDealQuery q = { .pipeline_id = b->pipeline, .sort = AFFARI_DEAL_SORT_CLOSE_DATE };
  double start;

  /* asked for the first time: nothing kept from the run before */
  affari_store_forget_kept (b->store);
  start = bench_now_ms ();
  g_autoptr(GArray) ids = affari_store_query_deal_ids (b->store, &q, NULL);
  g_assert (ids != NULL);
  return bench_now_ms () - start;
}

/* ---------------------------------------------------------------- list and filters */

#define SEARCH_SQL \
  "SELECT d.id FROM deal d WHERE d.deleted_at IS NULL AND d.is_recurring = 0 AND d.pipeline_id = ?" \
  " AND d.id IN (SELECT rowid FROM deal_search WHERE deal_search MATCH ?) ORDER BY d.amount, d.id"

static const char * const keystrokes[] = { "r", "ro", "ros", "ross", "rossi" };

static double
bench_search_store (gpointer data)
{
  Bench *b = data;
  AffariDealQuery q = { .pipeline_id = b->pipeline, .text = (char *) keystrokes[b->flip++ % G_N_ELEMENTS (keystrokes)],
                        .sort = AFFARI_DEAL_SORT_AMOUNT };
  double start = bench_now_ms ();
  g_autoptr(GArray) ids = affari_store_query_deal_ids (b->store, &q, NULL);
  g_assert (ids != NULL);
  return bench_now_ms () - start;
}

/* The same, as the first keystroke after opening the list or after a write: nothing kept. */
static double
bench_search_store_first (gpointer data)
{
  Bench *b = data;

  affari_store_forget_kept (b->store);
  return bench_search_store (data);
}

static double
bench_search_sqlite (gpointer data)
{
  Bench *b = data;
  static sqlite3 *db;
  static sqlite3_stmt *stmt;
  g_autofree char *match = NULL;
  const char *word = keystrokes[b->flip++ % G_N_ELEMENTS (keystrokes)];
  double start;
  guint n = 0;

  if (db == NULL)
    {
      g_assert (sqlite3_open_v2 (b->path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
      g_assert (sqlite3_prepare_v2 (db, SEARCH_SQL, -1, &stmt, NULL) == SQLITE_OK);
    }
  match = g_strdup_printf ("\"%s\"*", word);
  start = bench_now_ms ();
  sqlite3_bind_int64 (stmt, 1, b->pipeline);
  sqlite3_bind_text (stmt, 2, match, -1, SQLITE_TRANSIENT);
  {
    GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        g_array_append_val (ids, id);
        n++;
      }
    sqlite3_reset (stmt);
    g_array_unref (ids);
  }
  return bench_now_ms () - start;
}

/* What the list does when a header is clicked: the ids in the new order, the first screenful. */
static double
bench_sort_change (gpointer data)
{
  Bench *b = data;
  AffariDealQuery q = { .pipeline_id = b->pipeline, .sort = b->flip++ % 2 ? AFFARI_DEAL_SORT_AMOUNT : AFFARI_DEAL_SORT_TITLE,
                        .descending = b->flip % 3 == 0 };
  double start;

  /* asked for the first time: nothing kept from the run before */
  affari_store_forget_kept (b->store);
  start = bench_now_ms ();
  g_autoptr(AffariDealList) list = affari_deal_list_new (b->store, &q);
  for (guint k = 0; k < MIN (40, g_list_model_get_n_items (G_LIST_MODEL (list))); k++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), k));
  return bench_now_ms () - start;
}

/* Opening the list: every id of the pipeline in stage order, the first screenful, the footer. */
static double
bench_list_open (gpointer data)
{
  Bench *b = data;
  AffariDealQuery q = { .pipeline_id = b->pipeline };
  double start;

  /* asked for the first time: nothing kept from the run before */
  affari_store_forget_kept (b->store);
  start = bench_now_ms ();
  g_autoptr(AffariDealList) list = affari_deal_list_new (b->store, &q);
  g_autoptr(GArray) totals = affari_store_stage_totals (b->store, &q, NULL);
  for (guint k = 0; k < MIN (40, g_list_model_get_n_items (G_LIST_MODEL (list))); k++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), k));
  return bench_now_ms () - start;
}

/* ---------------------------------------------------------------- all of them */

/* The live count of every segment of the sales generator, as its window shows them. */
static double
count_segments (AffariStore *store)
{
  g_autoptr(GArray) segments = affari_generator_list_segments (store, NULL);
  double start = bench_now_ms ();

  for (guint i = 0; i < segments->len; i++)
    {
      const AffariSegmentSpec *spec = &g_array_index (segments, AffariSegmentSpec, i);
      guint count;

      if (affari_segment_spec_param (spec) != AFFARI_SEGMENT_PARAM_PRODUCT)
        g_assert (affari_generator_count (store, spec, &count, NULL));
    }
  return bench_now_ms () - start;
}

/* Cold: a store just opened (the table of clients is built first). */
static double
bench_segments_cold (gpointer data)
{
  Bench *b = data;
  g_autoptr(AffariStore) store = affari_store_open (b->path, NULL);

  return count_segments (store);
}

static double
bench_segments_warm (gpointer data)
{
  Bench *b = data;

  return count_segments (b->store);
}

void
bench_store (JsonBuilder *json,
             AffariStore *store,
             const char  *path,
             int          clone_to)
{
  g_autoptr(GError) error = NULL;
  Bench b = { .path = path, .store = store };

  b.pipeline = affari_store_get_default_pipeline_id (b.store);
  b.stages = affari_store_list_stages (b.store, b.pipeline, NULL);
  {
    AffariDealQuery q = { .pipeline_id = b.pipeline, .stage_id = affari_stage_get_id (g_ptr_array_index (b.stages, 0)) };
    g_autoptr(GArray) ids = affari_store_query_deal_ids (b.store, &q, NULL);
    b.deal = ids->len ? g_array_index (ids, gint64, 0) : 0;
  }

  json_builder_set_member_name (json, "open_ms");
  json_builder_add_double_value (json, median (bench_open, &b));
  json_builder_set_member_name (json, "stage_totals_ms");
  json_builder_add_double_value (json, median (bench_totals, &b));
  json_builder_set_member_name (json, "first_page_every_stage_ms");
  json_builder_add_double_value (json, median (bench_first_pages, &b));
  if (b.deal != 0)
    {
      AffariDealQuery column = { .stage_id = affari_stage_get_id (g_ptr_array_index (b.stages, 1)) };

      b.ops = affari_deal_ops_new (b.store);
      b.column = affari_deal_list_new (b.store, &column);
      json_builder_set_member_name (json, "move_ms");
      json_builder_add_double_value (json, median (bench_move, &b));
      /* What flushing every commit costs (a drop survives a power cut): the same move with
       * synchronous = NORMAL, the setting before, for comparison only. */
      affari_store_set_synchronous_full (b.store, FALSE);
      json_builder_set_member_name (json, "move_sync_normal_ms");
      json_builder_add_double_value (json, median (bench_move, &b));
      affari_store_set_synchronous_full (b.store, TRUE);
      json_builder_set_member_name (json, "undo_ms");
      json_builder_add_double_value (json, median (bench_undo, &b));
      bench_bulk_move (&b, json);
      bench_watch (json, b.store, b.path, b.deal, affari_stage_get_id (g_ptr_array_index (b.stages, 1)),
                   affari_stage_get_id (g_ptr_array_index (b.stages, 2)));
      g_clear_object (&b.column);
      g_clear_object (&b.ops);
    }
  json_builder_set_member_name (json, "generator_segment_counts_cold_ms");
  json_builder_add_double_value (json, median (bench_segments_cold, &b));
  json_builder_set_member_name (json, "generator_segment_counts_ms");
  json_builder_add_double_value (json, median (bench_segments_warm, &b));
  json_builder_set_member_name (json, "filtered_query_ms");
  json_builder_add_double_value (json, median (bench_filtered_query, &b));
  json_builder_set_member_name (json, "sorted_ids_pipeline_ms");
  json_builder_add_double_value (json, median (bench_sorted_ids, &b));
  {
    double store_ms, floor_ms;

    b.flip = 0;
    floor_ms = median (bench_search_sqlite, &b);
    b.flip = 0;
    store_ms = median (bench_search_store, &b);
    json_builder_set_member_name (json, "search_keystroke_store_ms");
    json_builder_add_double_value (json, store_ms);
    json_builder_set_member_name (json, "search_keystroke_sqlite3_floor_ms");
    json_builder_add_double_value (json, floor_ms);
    json_builder_set_member_name (json, "search_keystroke_ratio");
    json_builder_add_double_value (json, floor_ms > 0 ? store_ms / floor_ms : -1);
    b.flip = 0;
    store_ms = median (bench_search_store_first, &b);
    json_builder_set_member_name (json, "search_first_keystroke_store_ms");
    json_builder_add_double_value (json, store_ms);
    json_builder_set_member_name (json, "search_first_keystroke_ratio");
    json_builder_add_double_value (json, floor_ms > 0 ? store_ms / floor_ms : -1);
    json_builder_set_member_name (json, "list_sort_change_ms");
    json_builder_add_double_value (json, median (bench_sort_change, &b));
    json_builder_set_member_name (json, "list_open_ms");
    json_builder_add_double_value (json, median (bench_list_open, &b));
  }
  if (clone_to > 0)
    {
      guint n = affari_store_count_deals (b.store, NULL, NULL);
      double start = bench_now_ms ();
      guint copies = n > 0 ? (clone_to + n - 1) / n - 1 : 0;
      AffariDealQuery all = { 0 };

      if (copies > 0 && !affari_store_test_clone_deals (b.store, copies, &error))
        g_error ("%s", error->message);
      json_builder_set_member_name (json, "clone_ms");
      json_builder_add_double_value (json, bench_now_ms () - start);
      json_builder_set_member_name (json, "deals_after_clone");
      json_builder_add_int_value (json, affari_store_count_deals (b.store, &all, NULL));
      b.pipeline = 0;
      json_builder_set_member_name (json, "big_list_open_ms");
      json_builder_add_double_value (json, median (bench_list_open, &b));
      b.pipeline = affari_store_get_default_pipeline_id (b.store);
      json_builder_set_member_name (json, "big_rss_kb_after_open");
      json_builder_add_int_value (json, bench_rss_kb (0));
    }

  g_clear_pointer (&b.stages, g_ptr_array_unref);
}
