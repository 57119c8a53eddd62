/* affari-test-harness.c — the shared part of the UI tests, compiled once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "io/affari-demo.h"
#include "model/affari-i18n.h"
#include "ui/list/affari-cell-text.h"
#include "affari-test-harness.h"
#include "affari-test-files.h"
#include "store/affari-store.h"

/* ------------------------------------------------------------ start-up */

static gboolean
ignore_missing_session_bus (const char     *log_domain,
                            GLogLevelFlags  log_level,
                            const char     *message,
                            gpointer        user_data)
{
  /* Without dbus-run-session GTK warns once that it has no session bus: not a defect here. */
  return strstr (message, "session bus") == NULL;
}

/* A desktop's notification server, as small as can be: the test's session bus has none, and
 * GLib warns (fatally, in the tests) when the activity notifier's notification finds nobody.
 * It answers every Notify with an id and keeps its summary (affari_test_notified ()). */
static const char notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "<arg type='u' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "<method name='GetServerInformation'><arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "<arg type='s' direction='out'/><arg type='s' direction='out'/></method>"
  "</interface></node>";
static GPtrArray *notifications;   /* the summaries received, since the last reset */

static void
on_notifications_call (GDBusConnection       *connection,
                       const char            *sender,
                       const char            *path,
                       const char            *interface,
                       const char            *method,
                       GVariant              *parameters,
                       GDBusMethodInvocation *invocation,
                       gpointer               data)
{
  if (g_str_equal (method, "Notify"))
    {
      const char *summary = NULL;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_ptr_array_add (notifications, g_strdup (summary));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", notifications->len));
    }
  else if (g_str_equal (method, "GetCapabilities"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(@as ['body'],)"));
  else if (g_str_equal (method, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "affari-tests", "Affari", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
serve_notifications (void)
{
  static const GDBusInterfaceVTable vtable = { on_notifications_call, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  notifications = g_ptr_array_new_with_free_func (g_free);
  if (bus == NULL || info == NULL)
    return;
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0], &vtable,
                                     NULL, NULL, NULL);
  g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                NULL, NULL, NULL, NULL);
}

void
affari_test_reset_notifications (void)
{
  g_ptr_array_set_size (notifications, 0);
}

guint
affari_test_n_notifications (void)
{
  return notifications->len;
}

gboolean
affari_test_notified (const char *text)
{
  for (guint i = 0; i < notifications->len; i++)
    if (strstr (g_ptr_array_index (notifications, i), text) != NULL)
      return TRUE;
  return FALSE;
}

void
affari_test_init (int    *argc,
                  char ***argv)
{
  affari_i18n_init ();

  g_test_init (argc, argv, NULL);
  g_test_log_set_fatal_handler (ignore_missing_session_bus, NULL);

  gtk_init ();
  adw_init ();
  /* GTK 4.8's text cursor, blinking while a selection is set (a field that selects its text when
   * focused), warns "unexpected blinking selection" when the machine is slow: with fatal warnings
   * that ends a test over a timing of GTK's own. A steady cursor has no timer. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  serve_notifications ();
}

/* ------------------------------------------------------------ the application */

void
affari_test_app_setup (AffariTestApp *self,
                       const char    *name)
{
  static const char *keys[] = {
    "last-view", "last-pipeline", "window-width", "window-height", "window-maximized",
    "calendar-date-field", "calendar-mode", "calendar-show-activities", "server-url", "server-login",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *template = g_strdup_printf ("affari-test-%s-XXXXXX", name);

  self->dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  self->db_path = g_build_filename (self->dir, "affari.db", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

void
affari_test_app_teardown (AffariTestApp *self)
{
  affari_test_remove_tree (self->dir);

  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->dir, g_free);
}

AffariStore *
affari_test_app_open_store (AffariTestApp *self)
{
  g_autoptr(GError) error = NULL;
  AffariStore *store = affari_store_open (self->db_path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

void
affari_test_app_fill_demo (AffariTestApp *self,
                           guint          n_deals,
                           guint          seed)
{
  g_autoptr(AffariStore) store = affari_test_app_open_store (self);
  g_autoptr(GError) error = NULL;

  g_assert_true (affari_demo_generate (store, n_deals, seed, &error));
  g_assert_no_error (error);
  affari_store_close (store);
}

AffariWindow *
affari_test_app_get_window (AffariTestApp *self)
{
  AffariWindow *window = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self->app)); l != NULL; l = l->next)
    if (AFFARI_IS_WINDOW (l->data))
      window = l->data;

  g_assert_nonnull (window);
  affari_test_wait_for_frame (GTK_WIDGET (window));

  return window;
}

/* Puts the X pointer in the screen's far corner, away from every window, and lets the crossing
 * events arrive. A pointer resting over a window makes GTK start a tooltip's timer whenever the
 * layout changes under it; a timer still pending when the test closes the window fires on a
 * destroyed surface (GTK 4.8: a Gdk-CRITICAL in gdk_surface_get_device_position). */
static void
park_pointer (void)
{
  static int have_xdotool = -1;
  gint64 end;

  if (have_xdotool < 0)
    {
      g_autofree char *path = g_find_program_in_path ("xdotool");

      have_xdotool = path != NULL && g_getenv ("DISPLAY") != NULL;
    }
  if (!have_xdotool)
    return;
  g_spawn_command_line_sync ("xdotool mousemove 100000 100000", NULL, NULL, NULL, NULL);
  end = g_get_monotonic_time () + 100 * 1000;
  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static void
run_body_cb (gpointer data)
{
  AffariTestApp *self = data;

  self->body (self->fixture);
  self->ran = TRUE;
  park_pointer ();
  affari_application_quit_cleanly (self->app);
}

static void
on_app_activated_cb (GApplication  *app,
                     AffariTestApp *self)
{
  if (!self->scheduled)
    g_idle_add_once (run_body_cb, self);
  self->scheduled = TRUE;
}

void
affari_test_app_run (AffariTestApp  *self,
                     AffariTestBody  body,
                     gpointer        fixture)
{
  int status;

  if (!self->no_database && !self->default_path && !g_file_test (self->db_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(AffariStore) store = affari_test_app_open_store (self);

      affari_store_close (store);
    }
  park_pointer ();
  self->app = affari_application_new (g_get_monotonic_time ());
  g_application_set_flags (G_APPLICATION (self->app), G_APPLICATION_NON_UNIQUE);
  if (!self->default_path)
    affari_application_set_database_path (self->app, self->db_path);
  self->body = body;
  self->fixture = fixture;
  self->scheduled = FALSE;
  self->ran = FALSE;
  g_signal_connect_after (self->app, "activate", G_CALLBACK (on_app_activated_cb), self);

  status = g_application_run (G_APPLICATION (self->app), 0, NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (self->ran);
  /* Nothing may keep the application (and with it the store) alive after it quit. */
  g_assert_finalize_object (self->app);
  self->app = NULL;
}

/* ------------------------------------------------------------ the main loop and frames */

void
affari_test_iterate (void)
{
  if (!g_main_context_iteration (NULL, FALSE))
    g_usleep (1000);
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

void
affari_test_wait_for_frame (GtkWidget *widget)
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

void
affari_test_settle (void)
{
  gint64 end = g_get_monotonic_time () + 50 * 1000;

  while (g_get_monotonic_time () < end)
    affari_test_iterate ();
}

void
affari_test_assert_gone (GObject    **object,
                         const char  *what)
{
  /* a leaflet's transition, the idles and frames of a destroyed window take well under a second
   * (three on a loaded machine); a leak stays forever */
  gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  while (*object != NULL && g_get_monotonic_time () < end)
    affari_test_iterate ();

  if (*object != NULL)
    g_error ("%s (%s %p) was not finalized: %u references left", what,
             G_OBJECT_TYPE_NAME (*object), *object, (*object)->ref_count);
}

/* ------------------------------------------------------------ finding widgets */

GtkWidget *
affari_test_find_widget (GtkWidget             *root,
                         AffariTestWidgetMatch  match,
                         gconstpointer          data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = affari_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gboolean
affari_test_match_mapped_label (GtkWidget     *widget,
                                gconstpointer  data)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (AFFARI_IS_CELL_TEXT (widget))
    return g_strcmp0 (affari_cell_text_get_text (AFFARI_CELL_TEXT (widget)), data) == 0;
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

gboolean
affari_test_label_on_screen (GtkWidget  *root,
                             const char *text)
{
  return affari_test_find_widget (root, affari_test_match_mapped_label, text) != NULL;
}

gboolean
affari_test_match_type (GtkWidget     *widget,
                        gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

GtkEventController *
affari_test_find_controller (GtkWidget *widget,
                             GType      type)
{
  g_autoptr(GListModel) controllers = NULL;

  /* A test that did not wait for its widget fails here, by name, not in GTK. */
  g_assert_true (GTK_IS_WIDGET (widget));
  controllers = gtk_widget_observe_controllers (widget);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return GTK_EVENT_CONTROLLER (controller);
    }
  return NULL;
}

gboolean
affari_test_drop (GtkWidget    *widget,
                  const GValue *value,
                  double        x,
                  double        y)
{
  GtkEventController *target = affari_test_find_controller (widget, GTK_TYPE_DROP_TARGET);
  gboolean accepted = FALSE;

  g_assert_nonnull (target);
  g_signal_emit_by_name (target, "drop", value, x, y, &accepted);
  return accepted;
}

gboolean
affari_test_drop_object (GtkWidget *widget,
                         GType      type,
                         gpointer   object,
                         double     x,
                         double     y)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, type);
  g_value_set_object (&value, object);
  return affari_test_drop (widget, &value, x, y);
}

GtkWidget *
affari_test_find_type (GtkWidget *root,
                       GType      type)
{
  return affari_test_find_widget (root, affari_test_match_type, GSIZE_TO_POINTER (type));
}

GtkWindow *
affari_test_find_toplevel (GType type)
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

/* ------------------------------------------------------------ the keyboard */

void
affari_test_press_shortcut (GtkWidget  *widget,
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

/* ------------------------------------------------------------ what is drawn */

/* GTK's cairo renderer paints a border whose sides differ in colour (even sides 0 px wide) as a
 * gradient mesh, many times slower than a plain fill. */
static void
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

void
affari_test_count_border_nodes (GtkWidget *widget,
                                guint     *uniform,
                                guint     *mixed)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  *uniform = *mixed = 0;
  /* the paintable shows what the widget drew at its last frame (handed over in an idle) */
  gtk_widget_queue_draw (widget);
  affari_test_wait_for_frame (widget);
  affari_test_settle ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL)
    count_border_nodes_in (node, uniform, mixed);
}

/* ------------------------------------------------------------ the real pointer and keyboard */

gboolean
affari_test_have_x11 (void)
{
#ifdef GDK_WINDOWING_X11
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  if (GDK_IS_X11_DISPLAY (gdk_display_get_default ()) && xdotool != NULL)
    return TRUE;
#endif
  g_test_skip ("needs an X display and xdotool");
  return FALSE;
}

static void
on_subprocess_done_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

void
affari_test_run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
  gboolean done = FALSE;

  g_assert_no_error (error);
  g_subprocess_wait_async (process, NULL, on_subprocess_done_cb, &done);
  WAIT_UNTIL (done);
  g_assert_true (g_subprocess_get_successful (process));
}

/* The window's X id and where (@x, @y) of @widget is in it, as xdotool's --window wants them. */
static char *
locate (GtkWidget *widget,
        double     x,
        double     y,
        char     **window_x,
        char     **window_y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point;
  double dx, dy;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (native, &dx, &dy);
  *window_x = g_strdup_printf ("%d", (int) (point.x + dx));
  *window_y = g_strdup_printf ("%d", (int) (point.y + dy));
#ifdef GDK_WINDOWING_X11
  return g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native)));
#else
  g_assert_not_reached ();
  return NULL;
#endif
}

void
affari_test_xdotool_at (GtkWidget          *widget,
                        double              x,
                        double              y,
                        const char * const *then)
{
  g_autofree char *wx = NULL;
  g_autofree char *wy = NULL;
  g_autofree char *xid = locate (widget, x, y, &wx, &wy);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;

  /* The pointer goes to a corner first: "--sync" waits for a motion that never comes when it
   * is already there. */
  g_strv_builder_addv (builder, (const char *[]) { "xdotool", "mousemove", "0", "0",
                                                  "mousemove", "--sync", "--window", xid, wx, wy, NULL });
  g_strv_builder_addv (builder, (const char **) then);
  argv = g_strv_builder_end (builder);
  affari_test_run_tool ((const char * const *) argv);
}

void
affari_test_click (GtkWidget  *widget,
                   double      x,
                   double      y,
                   const char *modifier)
{
  if (modifier != NULL)
    affari_test_xdotool_at (widget, x, y, (const char *[]) { "keydown", modifier, "click", "1", "keyup", modifier, NULL });
  else
    affari_test_xdotool_at (widget, x, y, (const char *[]) { "click", "1", NULL });
}

void
affari_test_key (const char *keys)
{
  affari_test_run_tool ((const char *[]) { "xdotool", "key", keys, NULL });
}
