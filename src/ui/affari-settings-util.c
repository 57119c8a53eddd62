/* affari-settings-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-settings-util.h"

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
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (escaped));
  else
    g_message ("%s", message);
}

static void
on_back_clicked_cb (GtkButton *button,
                    gpointer   user_data)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (root));
}

GtkWidget *
affari_settings_subpage_new (const char       *title,
                             GtkWidget        *content,
                             AdwWindowTitle  **out_title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *window_title = adw_window_title_new (title, NULL);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");

  gtk_widget_set_tooltip_text (back, _("Back"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
  g_signal_connect (back, "clicked", G_CALLBACK (on_back_clicked_cb), NULL);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), back);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), window_title);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (content, TRUE);
  gtk_box_append (GTK_BOX (box), content);
  if (out_title != NULL)
    *out_title = ADW_WINDOW_TITLE (window_title);
  return box;
}

void
affari_settings_clear_rows (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (rows, 0);
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

static gboolean
restore_scroll_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       data)
{
  GtkAdjustment *adjustment = page_adjustment (ADW_PREFERENCES_PAGE (widget));
  double *value = data;

  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, *value);
  return G_SOURCE_REMOVE;
}

void
affari_settings_restore_scroll (AdwPreferencesPage *page,
                                double              value)
{
  /* After the next layout, when the rebuilt rows have their height again. */
  if (value > 0)
    gtk_widget_add_tick_callback (GTK_WIDGET (page), restore_scroll_cb,
                                  g_memdup2 (&value, sizeof value), g_free);
}
