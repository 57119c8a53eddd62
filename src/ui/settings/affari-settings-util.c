/* affari-settings-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/settings/affari-settings-util.h"
#include "ui/common/affari-drag.h"

GtkWidget *
affari_settings_icon_button (const char *icon_name,
                             const char *label,
                             const char *action,
                             GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

void
affari_settings_toast (GtkWidget  *widget,
                       const char *message)
{
  /* The preferences window shows it (prefs.toast): a page does not reach up for the window. */
  if (!gtk_widget_activate_action (widget, "prefs.toast", "s", message))
    g_message ("%s", message);
}

void
affari_settings_clear_rows (AdwPreferencesGroup *group,
                            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

void
affari_settings_dialog_add_target (AdwMessageDialog *dialog,
                                   GType             type,
                                   GPtrArray        *items,
                                   gint64            exclude)
{
  g_autoptr(GListStore) model = g_list_store_new (type);
  GtkExpression *name = gtk_property_expression_new (type, NULL, "name");
  GtkWidget *dropdown;

  for (guint i = 0; i < items->len; i++)
    {
      gint64 id = 0;

      g_object_get (g_ptr_array_index (items, i), "id", &id, NULL);
      if (id != exclude)
        g_list_store_append (model, g_ptr_array_index (items, i));
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (model)), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Move the Deals to"), -1);
  adw_message_dialog_set_extra_child (dialog, dropdown);
  g_object_set_data (G_OBJECT (dialog), "affari-target", dropdown);
}

AdwMessageDialog *
affari_settings_dialog_new (GtkWidget             *widget,
                            const char            *heading,
                            const char            *body,
                            const char            *response,
                            const char            *label,
                            AdwResponseAppearance  appearance)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, response, label);
  adw_message_dialog_set_response_appearance (dialog, response, appearance);
  adw_message_dialog_set_default_response (dialog, response);
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

void
affari_settings_queue (guint       *source,
                       GSourceFunc  func,
                       gpointer     data)
{
  if (*source == 0)
    *source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, func, data, NULL);
}

void
affari_settings_button_set_enabled (GtkWidget *button,
                                    gboolean   enabled)
{
  /* An actionable widget takes its sensitivity from its action: a disabled one drops the action. */
  if (!enabled)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), NULL);
  gtk_widget_set_sensitive (button, enabled);
}

static GtkAdjustment *
page_adjustment (AdwPreferencesPage *page)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (page)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_SCROLLED_WINDOW (child))
      return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (child));
  return NULL;
}

double
affari_settings_get_scroll (AdwPreferencesPage *page)
{
  GtkAdjustment *adjustment = page_adjustment (page);

  return adjustment != NULL ? gtk_adjustment_get_value (adjustment) : 0;
}

typedef struct {
  double value;
  guint  frames;
} ScrollRestore;

static gboolean
restore_scroll_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       data)
{
  GtkAdjustment *adjustment = page_adjustment (ADW_PREFERENCES_PAGE (widget));
  ScrollRestore *restore = data;

  if (adjustment == NULL)
    return G_SOURCE_REMOVE;
  gtk_adjustment_set_value (adjustment, restore->value);
  /* The rebuilt rows may take a few frames to get their height back: until the page is tall
   * enough, the value set is clamped, so try again on the next frames. */
  if (gtk_adjustment_get_value (adjustment) + 0.5 >= restore->value || ++restore->frames > 30)
    return G_SOURCE_REMOVE;
  return G_SOURCE_CONTINUE;
}

void
affari_settings_restore_scroll (AdwPreferencesPage *page,
                                double              value)
{
  ScrollRestore restore = { value, 0 };

  /* After the next layout, when the rebuilt rows have their height again. */
  if (value > 0)
    gtk_widget_add_tick_callback (GTK_WIDGET (page), restore_scroll_cb,
                                  g_memdup2 (&restore, sizeof restore), g_free);
}

char *
affari_settings_dup_focused_row (GtkWidget  *widget,
                                 const char *key)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  for (GtkWidget *w = root != NULL ? gtk_root_get_focus (root) : NULL; w != NULL; w = gtk_widget_get_parent (w))
    if (ADW_IS_PREFERENCES_ROW (w) && g_object_get_data (G_OBJECT (w), key) != NULL)
      return g_strdup (g_object_get_data (G_OBJECT (w), key));
  return NULL;
}

gboolean
affari_settings_focus_row (GtkWidget  *widget,
                           const char *key,
                           const char *value)
{
  if (ADW_IS_PREFERENCES_ROW (widget) && g_strcmp0 (g_object_get_data (G_OBJECT (widget), key), value) == 0)
    return gtk_widget_grab_focus (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (affari_settings_focus_row (child, key, value))
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------ drag and drop of rows */

typedef struct {
  AffariSettingsDropFunc func;
  gpointer               user_data;
} DropData;

static void
free_value (gpointer data)
{
  GValue *value = data;

  g_value_unset (value);
  g_free (value);
}

static GdkContentProvider *
on_row_drag_prepare_cb (GtkDragSource *source,
                        double         x,
                        double         y,
                        GtkWidget     *row)
{
  const GValue *value = g_object_get_data (G_OBJECT (row), "affari-drag-value");

  /* A finger holds the row first (affari-drag.c): one that moves at once scrolls the page. */
  if (!affari_drag_touch_may_begin (source))
    return NULL;
  return value != NULL ? gdk_content_provider_new_for_value (value) : NULL;
}

static void
on_row_drag_begin_cb (GtkDragSource *source,
                      GdkDrag       *drag,
                      GtkWidget     *row)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
  gtk_widget_add_css_class (row, "settings-dragging");
}

static void
on_row_drag_end_cb (GtkDragSource *source,
                    GdkDrag       *drag,
                    gboolean       delete_data,
                    GtkWidget     *row)
{
  gtk_widget_remove_css_class (row, "settings-dragging");
}

void
affari_settings_row_add_drag (GtkWidget    *row,
                              GtkWidget    *handle,
                              const GValue *value)
{
  GtkDragSource *source = gtk_drag_source_new ();
  GValue *copy = g_new0 (GValue, 1);

  g_value_init (copy, G_VALUE_TYPE (value));
  g_value_copy (value, copy);
  g_object_set_data_full (G_OBJECT (row), "affari-drag-value", copy, free_value);
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect_object (source, "prepare", G_CALLBACK (on_row_drag_prepare_cb), row, 0);
  g_signal_connect_object (source, "drag-begin", G_CALLBACK (on_row_drag_begin_cb), row, 0);
  g_signal_connect_object (source, "drag-end", G_CALLBACK (on_row_drag_end_cb), row, 0);
  gtk_widget_add_controller (handle != NULL ? handle : row, GTK_EVENT_CONTROLLER (source));
  affari_drag_source_add_touch_long_press (source, handle != NULL ? handle : row);
}

static void
clear_indicator (GtkWidget *row)
{
  gtk_widget_remove_css_class (row, "settings-drop-before");
  gtk_widget_remove_css_class (row, "settings-drop-after");
  gtk_widget_remove_css_class (row, "settings-drop-refused");
}

static gboolean
drop_is_after (GtkWidget *row, double y)
{
  return gtk_widget_get_height (row) > 0 && y > gtk_widget_get_height (row) / 2.0;
}

static GdkDragAction
on_row_drop_motion_cb (GtkDropTarget *target,
                       double         x,
                       double         y,
                       DropData      *data)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  const GValue *value = gtk_drop_target_get_value (target);
  gboolean after = drop_is_after (row, y);
  gboolean accepted = value == NULL || data->func (row, value, after, FALSE, data->user_data);

  clear_indicator (row);
  /* A refused place is marked, yet still takes the drop: dropped there, the page says why. */
  gtk_widget_add_css_class (row, !accepted ? "settings-drop-refused" : after ? "settings-drop-after" : "settings-drop-before");
  return GDK_ACTION_MOVE;
}

static void
on_row_drop_leave_cb (GtkDropTarget *target,
                      DropData      *data)
{
  clear_indicator (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)));
}

static gboolean
on_row_drop_cb (GtkDropTarget *target,
                const GValue  *value,
                double         x,
                double         y,
                DropData      *data)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));

  clear_indicator (row);
  return data->func (row, value, drop_is_after (row, y), TRUE, data->user_data);
}

GtkDropTarget *
affari_settings_row_add_drop (GtkWidget              *row,
                              GType                   type,
                              AffariSettingsDropFunc  func,
                              gpointer                user_data)
{
  GtkDropTarget *target = gtk_drop_target_new (type, GDK_ACTION_MOVE);
  DropData *data = g_new0 (DropData, 1);

  data->func = func;
  data->user_data = user_data;
  /* the value is read while hovering, to refuse a drop the rules forbid before it happens */
  gtk_drop_target_set_preload (target, TRUE);
  g_object_set_data_full (G_OBJECT (target), "affari-drop-data", data, g_free);
  g_signal_connect (target, "motion", G_CALLBACK (on_row_drop_motion_cb), data);
  g_signal_connect (target, "enter", G_CALLBACK (on_row_drop_motion_cb), data);
  g_signal_connect (target, "leave", G_CALLBACK (on_row_drop_leave_cb), data);
  g_signal_connect (target, "drop", G_CALLBACK (on_row_drop_cb), data);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
  return target;
}

/* ------------------------------------------------------------ scrolling while dragging */

#define AUTOSCROLL_EDGE 48      /* px from the edge where the page starts to scroll */
#define AUTOSCROLL_SPEED 14     /* px per frame at the very edge */

typedef struct {
  AdwPreferencesPage *page;
  double              y;
  guint               tick;
} Autoscroll;

static gboolean
autoscroll_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       data)
{
  Autoscroll *scroll = data;
  GtkAdjustment *adjustment = page_adjustment (scroll->page);
  double height = gtk_widget_get_height (widget);
  double step = 0;

  if (adjustment == NULL)
    return G_SOURCE_CONTINUE;
  if (scroll->y < AUTOSCROLL_EDGE)
    step = -AUTOSCROLL_SPEED * (AUTOSCROLL_EDGE - scroll->y) / AUTOSCROLL_EDGE;
  else if (scroll->y > height - AUTOSCROLL_EDGE)
    step = AUTOSCROLL_SPEED * (scroll->y - (height - AUTOSCROLL_EDGE)) / AUTOSCROLL_EDGE;
  if (step != 0)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + step);
  return G_SOURCE_CONTINUE;
}

static void
autoscroll_stop (Autoscroll *scroll)
{
  if (scroll->tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (scroll->page), scroll->tick);
  scroll->tick = 0;
}

static void
on_autoscroll_motion_cb (GtkDropControllerMotion *motion,
                         double                   x,
                         double                   y,
                         Autoscroll              *scroll)
{
  scroll->y = y;
  if (scroll->tick == 0)
    scroll->tick = gtk_widget_add_tick_callback (GTK_WIDGET (scroll->page), autoscroll_tick_cb, scroll, NULL);
}

static void
on_autoscroll_leave_cb (GtkDropControllerMotion *motion,
                        Autoscroll              *scroll)
{
  autoscroll_stop (scroll);
}

static void
autoscroll_free (gpointer data)
{
  /* the page is being finalized: its tick callbacks went with it */
  g_free (data);
}

void
affari_settings_page_add_autoscroll (AdwPreferencesPage *page)
{
  GtkEventController *motion = gtk_drop_controller_motion_new ();
  Autoscroll *scroll = g_new0 (Autoscroll, 1);

  scroll->page = page;
  g_object_set_data_full (G_OBJECT (motion), "affari-autoscroll", scroll, autoscroll_free);
  g_signal_connect (motion, "enter", G_CALLBACK (on_autoscroll_motion_cb), scroll);
  g_signal_connect (motion, "motion", G_CALLBACK (on_autoscroll_motion_cb), scroll);
  g_signal_connect (motion, "leave", G_CALLBACK (on_autoscroll_leave_cb), scroll);
  gtk_widget_add_controller (GTK_WIDGET (page), motion);
}
