/* affari-test-drag-source.c — a file manager in a box, for tests that drop files on the window
 *
 * A small undecorated window (160×100, at 0,0 when there is no window manager, above the windows
 * mapped before it) that offers the files named on its command line as a GdkFileList through a
 * GtkDragSource, as Nautilus does: drag from its middle (80,50) with the real pointer (xdrag).
 * Prints "ready" once the window is drawn, "dropped" or "cancelled" after each drag.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtk/gtk.h>

static char **files;

static GdkContentProvider *
on_prepare_cb (GtkDragSource *source,
               double         x,
               double         y,
               gpointer       data)
{
  GSList *list = NULL;
  GdkFileList *file_list;
  GdkContentProvider *provider;

  for (guint i = 0; files[i] != NULL; i++)
    list = g_slist_append (list, g_file_new_for_commandline_arg (files[i]));
  file_list = gdk_file_list_new_from_list (list);
  provider = gdk_content_provider_new_typed (GDK_TYPE_FILE_LIST, file_list);
  g_boxed_free (GDK_TYPE_FILE_LIST, file_list);
  g_slist_free_full (list, g_object_unref);
  return provider;
}

static void
on_drag_end_cb (GtkDragSource *source,
                GdkDrag       *drag,
                gboolean       delete_data,
                gpointer       data)
{
  g_print ("dropped\n");
}

static gboolean
on_drag_cancel_cb (GtkDragSource       *source,
                   GdkDrag             *drag,
                   GdkDragCancelReason  reason,
                   gpointer             data)
{
  g_print ("cancelled\n");
  return FALSE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       data)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, data);
  g_print ("ready\n");
}

static void
on_map_cb (GtkWidget *window,
           gpointer   data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
}

int
main (int argc, char **argv)
{
  g_autoptr(GMainLoop) loop = NULL;
  GtkWidget *window;
  GtkWidget *label;
  GtkDragSource *source;
  g_autofree char *text = NULL;

  if (argc < 2)
    {
      g_printerr ("usage: %s FILE…\n", argv[0]);
      return 2;
    }
  files = argv + 1;
  /* Line-buffered even into a pipe: the test waits for "ready". */
  setvbuf (stdout, NULL, _IOLBF, 0);
  gtk_init ();

  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "Affari test drag source");
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 160, 100);
  text = g_path_get_basename (files[0]);
  label = gtk_label_new (text);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_window_set_child (GTK_WINDOW (window), label);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (on_prepare_cb), NULL);
  g_signal_connect (source, "drag-end", G_CALLBACK (on_drag_end_cb), NULL);
  g_signal_connect (source, "drag-cancel", G_CALLBACK (on_drag_cancel_cb), NULL);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (source));

  loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (window, "map", G_CALLBACK (on_map_cb), NULL);
  g_signal_connect_swapped (window, "destroy", G_CALLBACK (g_main_loop_quit), loop);
  gtk_window_present (GTK_WINDOW (window));
  g_main_loop_run (loop);
  return 0;
}
