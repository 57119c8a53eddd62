/* affari-ui-test.h — what every UI test needs: waiting for the main loop and for frames, finding
 * widgets the way a user sees them, pressing a keyboard shortcut
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ui/list/affari-cell-text.h"

#define TIMEOUT_S 60 /* generous: the sanitizer build is several times slower */

/* Runs the main loop until @cond holds (or fails the test after TIMEOUT_S seconds). */
#define WAIT_UNTIL(cond)                                                         \
  G_STMT_START {                                                                 \
    gint64 wait_end_ = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;     \
    while (!(cond) && g_get_monotonic_time () < wait_end_)                       \
      {                                                                          \
        if (!g_main_context_iteration (NULL, FALSE))                             \
          g_usleep (1000);                                                       \
      }                                                                          \
    g_assert_true (cond);                                                        \
  } G_STMT_END

static inline void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

/* Waits for the next frame of @widget's surface to be painted. */
static inline void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong handler;

  WAIT_UNTIL (gtk_widget_get_mapped (widget));

  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (set_flag), &painted);
  gtk_widget_queue_draw (widget);
  WAIT_UNTIL (painted);
  g_signal_handler_disconnect (clock, handler);
}

/* Lets idle work (coalesced refreshes, redraws) run. */
static inline void
settle (void)
{
  gint64 end = g_get_monotonic_time () + 50 * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

typedef gboolean (*WidgetMatch) (GtkWidget *widget, gconstpointer data);

/* The first widget of @root's tree (itself included) that @match accepts. */
static inline GtkWidget *
find_widget (GtkWidget    *root,
             WidgetMatch   match,
             gconstpointer data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A label (or a table cell's text) showing @data that is on screen: what a user can read. */
static inline gboolean
match_mapped_label (GtkWidget     *widget,
                    gconstpointer  data)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (AFFARI_IS_CELL_TEXT (widget))
    return g_strcmp0 (affari_cell_text_get_text (AFFARI_CELL_TEXT (widget)), data) == 0;
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static inline gboolean
label_on_screen (GtkWidget  *root,
                 const char *text)
{
  return find_widget (root, match_mapped_label, text) != NULL;
}

static inline gboolean
match_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static inline GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  return find_widget (root, match_type, GSIZE_TO_POINTER (type));
}

/* The visible toplevel window of @type (a dialog, the preferences…), NULL when none. */
static inline GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* Activates the keyboard shortcut for @accelerator ("<Control>2") of @widget's class as a key
 * press would: through the widget's shortcut controller. */
static inline void
press_shortcut (GtkWidget  *widget,
                const char *accelerator)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !found; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_strcmp0 (trigger, accelerator) != 0)
            continue;

          found = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                gtk_shortcut_get_arguments (shortcut));
        }
    }

  g_assert_true (found);
}

/* The borders @widget draws, as the renderer gets them: how many have the same colour on all
 * four sides and how many do not. GTK's cairo renderer paints a border whose sides differ in
 * colour (even sides 0 px wide) as a gradient mesh, many times slower than a plain fill. */
static inline void
count_border_nodes_in (GskRenderNode *node,
                       guint         *uniform,
                       guint         *mixed)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_BORDER_NODE:
      {
        const GdkRGBA *colors = gsk_border_node_get_colors (node);

        if (gdk_rgba_equal (&colors[0], &colors[1]) && gdk_rgba_equal (&colors[0], &colors[2]) &&
            gdk_rgba_equal (&colors[0], &colors[3]))
          (*uniform)++;
        else
          (*mixed)++;
      }
      break;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        count_border_nodes_in (gsk_container_node_get_child (node, i), uniform, mixed);
      break;
    case GSK_TRANSFORM_NODE:
      count_border_nodes_in (gsk_transform_node_get_child (node), uniform, mixed);
      break;
    case GSK_CLIP_NODE:
      count_border_nodes_in (gsk_clip_node_get_child (node), uniform, mixed);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      count_border_nodes_in (gsk_rounded_clip_node_get_child (node), uniform, mixed);
      break;
    case GSK_OPACITY_NODE:
      count_border_nodes_in (gsk_opacity_node_get_child (node), uniform, mixed);
      break;
    case GSK_DEBUG_NODE:
      count_border_nodes_in (gsk_debug_node_get_child (node), uniform, mixed);
      break;
    default:
      break;
    }
}

static inline void
count_border_nodes (GtkWidget *widget,
                    guint     *uniform,
                    guint     *mixed)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  *uniform = *mixed = 0;
  /* the paintable shows what the widget drew at its last frame (handed over in an idle) */
  gtk_widget_queue_draw (widget);
  wait_for_frame (widget);
  settle ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL)
    count_border_nodes_in (node, uniform, mixed);
}
