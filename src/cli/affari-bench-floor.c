/* affari-bench-floor.c — the floor: an empty libadwaita window (affari-bench --empty-window)
 *
 * Started as a process as the app is, it prints "first-frame-ms 0" after its first painted frame:
 * affari-bench times both start-ups from the spawn to that line, so both include exec, linking
 * and GTK's own start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-bench"

#include "config.h"

#include <signal.h>
#include <stdlib.h>

#include <adwaita.h>
#include <glib-unix.h>

#include "cli/affari-bench-private.h"

static gboolean empty_reported;

/* The floor of a frame (AFFARI_BENCH_FLOOR_FRAMES=N): the empty window's content (a plain area
 * under the header bar, of another shade each frame) painted anew N times, each from the frame
 * clock's before-paint to its after-paint, as the board's scrolling is timed. An unchanged window
 * would paint nothing: GTK redraws only what changed. */
static struct {
  int        left;
  gint64     start;
  GArray    *times;
  GtkWidget *area;
} floor_frames;

static void
floor_draw_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  double shade = 0.90 + 0.05 * (floor_frames.left % 2);

  cairo_set_source_rgb (cr, shade, shade, shade);
  cairo_paint (cr);
}

static void
on_floor_before_paint_cb (GdkFrameClock *clock,
                          gpointer       user_data)
{
  floor_frames.start = g_get_monotonic_time ();
}

static void
on_floor_after_paint_cb (GdkFrameClock *clock,
                         gpointer       user_data)
{
  double ms;

  if (floor_frames.start == 0 || floor_frames.times == NULL)
    return;
  ms = (g_get_monotonic_time () - floor_frames.start) / 1000.0;
  g_array_append_val (floor_frames.times, ms);
  floor_frames.start = 0;
}

static gboolean
floor_tick_cb (GtkWidget     *window,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  if (floor_frames.left-- > 0)
    {
      gtk_widget_queue_draw (floor_frames.area);
      return G_SOURCE_CONTINUE;
    }

  {
    double total = 0, worst = 0;
    guint over = 0;
    char number[G_ASCII_DTOSTR_BUF_SIZE];

    for (guint i = 0; i < floor_frames.times->len; i++)
      {
        double t = g_array_index (floor_frames.times, double, i);

        total += t;
        worst = MAX (worst, t);
        over += t > 16.0;
      }
    g_print ("floor-frame-mean-ms %s\n", g_ascii_formatd (number, sizeof number, "%.2f",
                                                         floor_frames.times->len > 0 ? total / floor_frames.times->len : 0));
    g_print ("floor-frame-max-ms %s\n", g_ascii_formatd (number, sizeof number, "%.2f", worst));
    g_print ("floor-frame-over-16ms %u\n", over);
    g_print ("floor-done\n");
    fflush (stdout);
  }

  return G_SOURCE_REMOVE;
}

static gboolean
start_floor_frames_cb (gpointer window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  floor_frames.times = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_floor_before_paint_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_floor_after_paint_cb), NULL);
  gtk_widget_add_tick_callback (window, floor_tick_cb, NULL, NULL);

  return G_SOURCE_REMOVE;
}

static void
on_empty_after_paint_cb (GdkFrameClock *clock,
                         gpointer       window)
{
  if (empty_reported)
    return;
  empty_reported = TRUE;
  g_print ("first-frame-ms 0\n");
  fflush (stdout);

  if (g_getenv ("AFFARI_BENCH_FLOOR_FRAMES") != NULL)
    {
      floor_frames.left = CLAMP (atoi (g_getenv ("AFFARI_BENCH_FLOOR_FRAMES")), 1, 10000);
      g_timeout_add (500, start_floor_frames_cb, window);
    }
}

static void
on_empty_realize_cb (GtkWidget *window,
                     gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_empty_after_paint_cb), window);
}

static void
on_empty_activate_cb (GApplication *app,
                      gpointer      user_data)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  if (g_getenv ("AFFARI_BENCH_FLOOR_FRAMES") != NULL)
    {
      floor_frames.area = gtk_drawing_area_new ();
      gtk_widget_set_vexpand (floor_frames.area, TRUE);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (floor_frames.area), floor_draw_cb, NULL, NULL);
      gtk_box_append (GTK_BOX (box), floor_frames.area);
    }
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  g_signal_connect (window, "realize", G_CALLBACK (on_empty_realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static gboolean
on_empty_sigterm_cb (gpointer app)
{
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

/* The floor: an empty libadwaita window, built the way Affari's is. */
int
bench_run_empty_window (void)
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.affari.BenchEmpty", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_empty_activate_cb), NULL);
  g_unix_signal_add (SIGTERM, on_empty_sigterm_cb, app);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}
