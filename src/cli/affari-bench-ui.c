/* affari-bench-ui.c — the real window's figures, under the current display
 *
 * Start-up times the real affari (what a user starts) against an empty libadwaita window
 * (affari-bench --empty-window), from before the spawn to the "first-frame-ms" line each prints
 * after its first painted frame (AFFARI_REPORT_FIRST_FRAME). Drops and scrolling start
 * affari-bench-app, the same window with a driver attached from outside, and read its lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-bench"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/affari-store.h"
#include "cli/affari-bench-private.h"

static long
median_long (long *values,
             int   n)
{
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && values[j - 1] > values[j]; j--)
      {
        long t = values[j];
        values[j] = values[j - 1];
        values[j - 1] = t;
      }
  return values[n / 2];
}

/* Start-up with @renderer: the empty window and the app started in turns (so that a load on the
 * machine weighs on both alike), each @runs times; the medians, their ratio, and the median of
 * the ratios of each pair. */
static void
bench_startup (JsonBuilder *json,
               const char  *name,
               const char  *self_path,
               const char  *app,
               const char  *database,
               const char  *renderer,
               int          runs)
{
  g_autofree double *floor_ms = g_new0 (double, runs);
  g_autofree double *app_ms = g_new0 (double, runs);
  g_autofree double *ratios = g_new0 (double, runs);
  g_autofree long *rss = g_new0 (long, runs);
  g_autofree long *settled = g_new0 (long, runs);
  g_autofree long *floor_rss = g_new0 (long, runs);

  for (int i = 0; i < runs; i++)
    {
      floor_ms[i] = bench_first_frame_once (self_path, NULL, renderer, &floor_rss[i], NULL);
      app_ms[i] = bench_first_frame_once (app, database, renderer, &rss[i], &settled[i]);
      ratios[i] = floor_ms[i] > 0 ? app_ms[i] / floor_ms[i] : -1;
    }
  qsort (floor_ms, runs, sizeof (double), bench_compare_doubles);
  qsort (app_ms, runs, sizeof (double), bench_compare_doubles);
  qsort (ratios, runs, sizeof (double), bench_compare_doubles);

  bench_add_double (json, name, "first_frame_ms", app_ms[runs / 2]);
  bench_add_double (json, name, "empty_window_ms", floor_ms[runs / 2]);
  bench_add_double (json, name, "startup_ratio", floor_ms[runs / 2] > 0 ? app_ms[runs / 2] / floor_ms[runs / 2] : -1);
  bench_add_double (json, name, "startup_ratio_of_pairs", ratios[runs / 2]);
  bench_add_double (json, name, "rss_kb", median_long (rss, runs));
  bench_add_double (json, name, "rss_settled_kb", median_long (settled, runs));
  bench_add_double (json, name, "empty_window_rss_kb", median_long (floor_rss, runs));
}

/* Nine drops on the real board, each from the column's drop target "drop" to the end of the paint
 * that shows it (affari-bench-app --bench drop times them), the first not counted (it warms
 * SQLite's statement cache). */
static void
bench_drops (JsonBuilder *json,
             const char  *renderer_name,
             const char  *pace,
             const char  *app,
             const char  *database,
             const char  *renderer,
             int          interval_ms)
{
  g_autofree char *interval = g_strdup_printf ("%d", interval_ms);
  g_autofree char *prefix = g_strdup_printf ("%s_drop_%s", renderer_name, pace);
  const char *args[] = { "--bench", "drop", "--drops", "9", "--interval", interval, "--database", database, NULL };
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  BenchChild child = { 0 };
  double total = 0, worst_persisted = 0;
  guint n = 0, over = 0;
  char *line;

  if (!bench_child_spawn (&child, app, args, renderer, NULL))
    return;
  while ((line = bench_child_read_line (&child, "drop-")) != NULL && !g_str_has_prefix (line, "drop-done"))
    {
      g_auto(GStrv) parts = g_strsplit (line, " ", -1);
      double ms = 0, persisted = 0;
      gboolean parsed = g_strv_length (parts) == 4 && g_str_equal (parts[2], "persisted-ms");

      /* Not sscanf: it reads numbers the locale's way, and Italian has a decimal comma. */
      if (parsed)
        {
          ms = g_ascii_strtod (parts[1], NULL);
          persisted = g_ascii_strtod (parts[3], NULL);
        }
      if (parsed && n++ > 0)
        {
          g_array_append_val (times, ms);
          worst_persisted = MAX (worst_persisted, persisted);
          total += ms;
          if (ms > 16.0)
            over++;
        }
      g_free (line);
    }
  g_free (line);
  bench_child_stop (&child);

  g_array_sort (times, bench_compare_doubles);
  bench_add_double (json, prefix, "to_paint_median_ms", times->len > 0 ? g_array_index (times, double, times->len / 2) : -1);
  bench_add_double (json, prefix, "to_paint_mean_ms", times->len > 0 ? total / times->len : -1);
  bench_add_double (json, prefix, "to_paint_max_ms", times->len > 0 ? g_array_index (times, double, times->len - 1) : -1);
  bench_add_double (json, prefix, "over_16ms", over);
  bench_add_double (json, prefix, "persisted_max_ms", worst_persisted);
  /* How many were painted one by one: a main loop busy for longer than the time between drops
   * paints several at once, and the figures above then say nothing. */
  bench_add_double (json, prefix, "painted", n);
}

/* Runs one xdotool command; FALSE if it cannot. */
static gboolean
xdotool (const char *arguments)
{
  g_autofree char *command = g_strconcat ("xdotool ", arguments, NULL);
  int status = 0;

  return g_spawn_command_line_sync (command, NULL, NULL, &status, NULL) && status == 0;
}

/* Drops made with the real pointer (xdotool, as a person drags: press, 20 small moves, release),
 * the top card of the first column onto the top of the second and back, timed by
 * affari-bench-app --bench real-drop from the drop reaching the window (the button released) to
 * the end of the paint that shows it. */
static void
bench_real_drops (JsonBuilder *json,
                  const char  *renderer_name,
                  const char  *app,
                  const char  *database,
                  const char  *renderer)
{
  g_autofree char *prefix = g_strdup_printf ("%s_real_drop", renderer_name);
  const char *args[] = { "--bench", "real-drop", "--database", database, NULL };
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *line = NULL;
  g_autofree char *found = g_find_program_in_path ("xdotool");
  BenchChild child = { 0 };
  int x[2], y[2];
  guint over = 0;

  if (found == NULL || !bench_child_spawn (&child, app, args, renderer, NULL))
    return;
  line = bench_child_read_line (&child, "real-drop-geometry");
  if (line == NULL || sscanf (line, "real-drop-geometry %d %d %d %d", &x[0], &y[0], &x[1], &y[1]) != 4 || x[0] < 0 || x[1] < 0)
    {
      bench_child_stop (&child);
      return;
    }

  for (int i = 0; i < 9; i++)
    {
      int from = i % 2, to = 1 - from;
      /* Not --sync: xdotool waits for ever when the pointer is there already. */
      g_autofree char *start = g_strdup_printf ("mousemove %d %d", x[from], y[from]);
      g_autofree char *drop = NULL;

      xdotool (start);
      g_usleep (200000);
      xdotool ("mousedown 1");
      g_usleep (200000);
      for (int step = 1; step <= 20; step++)
        {
          g_autofree char *move = g_strdup_printf ("mousemove %d %d",
                                                   x[from] + (x[to] - x[from]) * step / 20,
                                                   y[from] + (y[to] - y[from]) * step / 20);
          xdotool (move);
          g_usleep (20000);
        }
      g_usleep (200000);
      xdotool ("mouseup 1");

      drop = bench_child_read_line (&child, "drop-ms");
      if (drop == NULL)
        break;
      if (i > 0)   /* the first warms SQLite's statement cache */
        {
          g_auto(GStrv) parts = g_strsplit (drop, " ", -1);
          double ms = g_strv_length (parts) >= 2 ? g_ascii_strtod (parts[1], NULL) : -1;

          g_array_append_val (times, ms);
          over += ms > 16.0;
        }
      g_usleep (800000);
    }
  bench_child_stop (&child);

  g_array_sort (times, bench_compare_doubles);
  bench_add_double (json, prefix, "to_paint_median_ms", times->len > 0 ? g_array_index (times, double, times->len / 2) : -1);
  bench_add_double (json, prefix, "to_paint_max_ms", times->len > 0 ? g_array_index (times, double, times->len - 1) : -1);
  bench_add_double (json, prefix, "over_16ms", over);
  bench_add_double (json, prefix, "count", times->len);
}

/* A database whose first stage holds @n deals: the column the scrolling test goes through. */
static char *
make_scroll_database (const char *dir,
                      guint       n)
{
  g_autoptr(AffariStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "scroll.db", NULL);
  const char *companies[] = { "Rossi Srl", "Bianchi SpA", "Verdi & C.", "Ferri Impianti" };
  gint64 company_ids[G_N_ELEMENTS (companies)];
  gint64 stage_id;

  store = affari_store_open (path, &error);
  g_assert_no_error (error);
  stage_id = affari_store_find_stage_by_code (store, affari_store_get_default_pipeline_id (store), "NEW");
  affari_store_begin_batch (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (companies); i++)
    {
      g_autoptr(AffariCompany) company = affari_company_new (companies[i]);
      company_ids[i] = affari_store_create_company (store, company, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AffariDeal) deal = affari_deal_new ();
      g_autofree char *title = g_strdup_printf ("Fornitura n. %u", i + 1);

      affari_deal_set_title (deal, title);
      affari_deal_set_amount (deal, 10000 + (gint64) (i % 997) * 1234);
      affari_deal_set_stage_id (deal, stage_id);
      /* A client only on every 500th deal: the store looks for earlier deals of the same client
       * (repeat-deal flags), which would make building this database quadratic. */
      if (i % 500 == 0)
        affari_deal_set_company_id (deal, company_ids[(i / 500) % G_N_ELEMENTS (companies)]);
      if (!affari_store_create_deal (store, deal, &error))
        g_error ("%s", error->message);
    }
  affari_store_end_batch (store, TRUE, &error);
  g_assert_no_error (error);
  affari_store_close (store);

  return path;
}

void
bench_ui (JsonBuilder        *json,
          const char         *self_path,
          const char         *database,
          const BenchUiParts *parts)
{
  /* What a user starts is timed starting; the rest drives the window from outside. */
  g_autofree char *app = bench_sibling_program (self_path, "affari");
  g_autofree char *bench_app = bench_sibling_program (self_path, "affari-bench-app");
  const char *renderers[][2] = { { "cairo", "cairo" }, { "default", NULL } };

  for (guint r = 0; r < G_N_ELEMENTS (renderers) && parts->startup; r++)
    bench_startup (json, renderers[r][0], self_path, app, database, renderers[r][1], parts->runs);

  /* Drops on the real board, at a user's pace (a second apart, the toast of the last one at rest)
   * and faster than anyone drags (250 ms, toasts still sliding in), with both renderers. */
  for (guint r = 0; r < G_N_ELEMENTS (renderers) && parts->drop; r++)
    {
      bench_drops (json, renderers[r][0], "user_pace", bench_app, database, renderers[r][1], 1000);
      bench_drops (json, renderers[r][0], "stress", bench_app, database, renderers[r][1], 250);
      bench_real_drops (json, renderers[r][0], bench_app, database, renderers[r][1]);
    }

  /* Scrolling a 50,000-deal column to its end. */
  if (parts->scroll)
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *tmp = g_dir_make_tmp ("affari-bench-scroll-XXXXXX", &error);
    g_autofree char *scroll_db = make_scroll_database (tmp, 50000);
    const char *names[] = { "cairo", "default" };

    for (guint r = 0; r < G_N_ELEMENTS (names); r++)
      {
        const char *floor_args[] = { "--empty-window", NULL };
        const char *floor_env[] = { "AFFARI_BENCH_FLOOR_FRAMES", "300", NULL };
        BenchChild floor_child = { 0 };
        char *line;

        /* The floor: the empty window drawn whole as many times, with the same renderer. */
        if (bench_child_spawn (&floor_child, self_path, floor_args, r == 0 ? "cairo" : NULL, floor_env))
          {
            while ((line = bench_child_read_line (&floor_child, "floor-")) != NULL && !g_str_has_prefix (line, "floor-done"))
              {
                g_auto(GStrv) parts = g_strsplit (line, " ", 2);

                if (parts[0] != NULL && parts[1] != NULL)
                  {
                    g_autofree char *key = g_strdelimit (g_strdup_printf ("%s_empty_window_%s", names[r], parts[0] + strlen ("floor-")), "-", '_');

                    json_builder_set_member_name (json, key);
                    json_builder_add_double_value (json, g_ascii_strtod (parts[1], NULL));
                  }
                g_free (line);
              }
            g_free (line);
            bench_child_stop (&floor_child);
          }
      }

    for (guint r = 0; r < G_N_ELEMENTS (names); r++)
      {
        const char *args[] = { "--bench", "scroll", "--stage", "NEW", "--database", scroll_db, NULL };
        BenchChild child = { 0 };
        char *line;

        if (!bench_child_spawn (&child, bench_app, args, r == 0 ? "cairo" : NULL, NULL))
          continue;
        while ((line = bench_child_read_line (&child, "scroll-")) != NULL && !g_str_has_prefix (line, "scroll-done"))
          {
            g_auto(GStrv) parts = g_strsplit (line, " ", 2);

            if (parts[0] != NULL && parts[1] != NULL)
              {
                g_autofree char *key = g_strdelimit (g_strdup_printf ("%s_%s", names[r], parts[0]), "-", '_');

                json_builder_set_member_name (json, key);
                json_builder_add_double_value (json, g_ascii_strtod (parts[1], NULL));
              }
            g_free (line);
          }
        g_free (line);
        bench_child_stop (&child);
      }

    bench_remove_database (scroll_db);
  }
}
