/* affari-bench-list-ui.c — the real list ("Elenco"), under the current display
 *
 * affari-bench-app --bench list starts on the board with the cairo renderer, then its driver
 * clicks "Elenco" (win.show-view): from the spawn and from the click to the list painted with its
 * rows, then three header clicks each to its repainted frame, "rossi" typed in the search a key
 * at a time, then a scroll from the top to the end with the work per frame and the peak RSS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-bench"

#include "config.h"

#include <stdio.h>

#include "cli/affari-bench-private.h"

void
bench_list_ui (JsonBuilder *json,
               const char  *self_path,
               const char  *database)
{
  g_autofree char *dir = g_path_get_dirname (self_path);
  g_autofree char *app = bench_sibling_program (self_path, "affari-bench-app");
  g_autofree char *schemas = g_build_filename (dir, "..", "data", NULL);
  /* run from the build tree: the app's schema is compiled there, not installed */
  gboolean own_schemas = g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL &&
                         g_file_test (schemas, G_FILE_TEST_IS_DIR);
  const char *args[] = { "--bench", "list", "--database", database, NULL };
  const char *env[] = { own_schemas ? "GSETTINGS_SCHEMA_DIR" : NULL, schemas, NULL };
  BenchChild child = { 0 };
  g_autofree char *first = NULL;
  g_autofree char *scroll = NULL;
  double first_ms, floor_ms;
  double sort_max = 0;
  long rows = 0, rss_kb = 0, open_us = -1000;

  floor_ms = bench_first_frame_once (self_path, NULL, "cairo", NULL, NULL);
  if (!bench_child_spawn (&child, app, args, "cairo", env))
    return;
  first = bench_child_read_line (&child, "list-first-frame");
  first_ms = bench_now_ms () - child.start_ms;
  if (first != NULL)
    sscanf (first, "list-first-frame rows %ld rss-kb %ld open-us %ld", &rows, &rss_kb, &open_us);
  json_builder_set_member_name (json, "list_ui_rows");
  json_builder_add_int_value (json, rows);
  /* the app starts on the board, then "Elenco" is clicked: process start to the list painted,
   * and the click (the view shown) to the list painted */
  json_builder_set_member_name (json, "list_ui_process_start_to_list_ms");
  json_builder_add_double_value (json, first != NULL ? first_ms : -1);
  json_builder_set_member_name (json, "list_ui_empty_window_ms");
  json_builder_add_double_value (json, floor_ms);
  json_builder_set_member_name (json, "list_ui_open_ms");
  json_builder_add_double_value (json, open_us / 1000.0);
  json_builder_set_member_name (json, "list_ui_rss_kb");
  json_builder_add_int_value (json, rss_kb);

  json_builder_set_member_name (json, "list_ui_sort_repaint_ms");
  json_builder_begin_array (json);
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *line = bench_child_read_line (&child, "list-sort-us");
      long us = 0;

      if (line == NULL || sscanf (line, "list-sort-us %ld", &us) != 1)
        break;
      json_builder_add_double_value (json, us / 1000.0);
      sort_max = MAX (sort_max, us / 1000.0);
    }
  json_builder_end_array (json);
  json_builder_set_member_name (json, "list_ui_sort_repaint_max_ms");
  json_builder_add_double_value (json, sort_max);

  /* "rossi" typed a keystroke at a time, then cleared: each to the repainted list */
  json_builder_set_member_name (json, "list_ui_search_keystroke_repaint_ms");
  json_builder_begin_array (json);
  sort_max = 0;
  {
    /* and where each went: reading and binding the rows, waiting for the frame clock's turn
     * (a focused entry's cursor keeps it ticking), the frame's layout and paint */
    static const char *parts[] = { "query", "wait", "frame" };
    double part_ms[6][3] = { { 0 } };
    int keys = 0;

    for (int i = 0; i < 6; i++)
      {
        g_autofree char *line = bench_child_read_line (&child, "list-search-us");
        long us = 0, query = 0, wait = 0, frame = 0;
        unsigned rows = 0;

        if (line == NULL || sscanf (line, "list-search-us %ld rows %u query-us %ld wait-us %ld frame-us %ld",
                                    &us, &rows, &query, &wait, &frame) < 1)
          break;
        json_builder_add_double_value (json, us / 1000.0);
        sort_max = MAX (sort_max, us / 1000.0);
        part_ms[keys][0] = query / 1000.0;
        part_ms[keys][1] = wait / 1000.0;
        part_ms[keys][2] = frame / 1000.0;
        keys++;
      }
    json_builder_end_array (json);
    json_builder_set_member_name (json, "list_ui_search_keystroke_repaint_max_ms");
    json_builder_add_double_value (json, sort_max);
    for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
      {
        g_autofree char *name = g_strdup_printf ("list_ui_search_keystroke_%s_ms", parts[p]);

        json_builder_set_member_name (json, name);
        json_builder_begin_array (json);
        for (int i = 0; i < keys; i++)
          json_builder_add_double_value (json, part_ms[i][p]);
        json_builder_end_array (json);
      }
  }

  scroll = bench_child_read_line (&child, "list-scroll");
  if (scroll != NULL)
    {
      unsigned frames = 0, over = 0;
      long mean_us = 0, max_us = 0, rss_start = 0, rss_max = 0;

      sscanf (scroll, "list-scroll frames %u mean-us %ld max-us %ld over-16ms %u rss-start-kb %ld rss-max-kb %ld",
              &frames, &mean_us, &max_us, &over, &rss_start, &rss_max);
      json_builder_set_member_name (json, "list_ui_scroll_frames");
      json_builder_add_int_value (json, frames);
      json_builder_set_member_name (json, "list_ui_scroll_frame_mean_ms");
      json_builder_add_double_value (json, mean_us / 1000.0);
      json_builder_set_member_name (json, "list_ui_scroll_frame_max_ms");
      json_builder_add_double_value (json, max_us / 1000.0);
      json_builder_set_member_name (json, "list_ui_scroll_frames_over_16ms");
      json_builder_add_int_value (json, over);
      json_builder_set_member_name (json, "list_ui_scroll_rss_max_kb");
      json_builder_add_int_value (json, rss_max);
    }
  bench_child_stop (&child);
}
