/* affari-settings-util.h — small pieces the pages of Preferenze share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A flat icon button bound to @action (with @target, floating, nullable); @label is its tooltip
 * and accessible name. */
GtkWidget *affari_settings_icon_button (const char *icon_name,
                                        const char *label,
                                        const char *action,
                                        GVariant   *target);
/* Makes @button (made by affari_settings_icon_button) inactive when !@enabled. */
void       affari_settings_button_set_enabled (GtkWidget *button,
                                               gboolean   enabled);
/* Shows @message as a toast of the preferences window holding @widget (its prefs.toast action). */
void       affari_settings_toast       (GtkWidget  *widget,
                                        const char *message);
/* Removes the rows @rows from @group, which holds them, and empties the array. */
void       affari_settings_clear_rows  (AdwPreferencesGroup *group,
                                        GPtrArray           *rows);
/* An AdwMessageDialog over the window of @widget, with "cancel" and @response (@label). */
/* Adds to @dialog a drop-down of @items (objects of @type with "id" and "name" properties) but
 * the one whose id is @exclude: where the deals of a deleted item go; kept as "affari-target". */
void         affari_settings_dialog_add_target (AdwMessageDialog *dialog,
                                                GType             type,
                                                GPtrArray        *items,
                                                gint64            exclude);
AdwMessageDialog *affari_settings_dialog_new (GtkWidget  *widget,
                                              const char *heading,
                                              const char *body,
                                              const char *response,
                                              const char *label,
                                              AdwResponseAppearance appearance);
/* Coalesces many workspace signals into one rebuild on idle. */
void       affari_settings_queue       (guint       *source,
                                        GSourceFunc  func,
                                        gpointer     data);

/* Where @page is scrolled, and putting it back there after its rows were rebuilt. */
double     affari_settings_get_scroll     (AdwPreferencesPage *page);
void       affari_settings_restore_scroll (AdwPreferencesPage *page,
                                           double              value);

/* The @key data (a string) of the row holding the focus in @widget's window, or NULL; and giving
 * the focus back to the row under @widget with that data once the rows were rebuilt (keyboard
 * users stay where they were, and the page does not jump to wherever the focus would land). */
char      *affari_settings_dup_focused_row (GtkWidget  *widget,
                                            const char *key);
gboolean   affari_settings_focus_row       (GtkWidget  *widget,
                                            const char *key,
                                            const char *value);

/* Drag-and-drop of rows. The model value travels (an object, or a string naming the row), never
 * the widget: rows are rebuilt after every change. */
/* Decides, and with @commit does, the drop of @value on @row, before it or @after it. Without
 * @commit it only says whether the drop would be accepted (the line shows as refused if not). */
typedef gboolean (*AffariSettingsDropFunc) (GtkWidget    *row,
                                            const GValue *value,
                                            gboolean      after,
                                            gboolean      commit,
                                            gpointer      user_data);
/* Makes @row draggable by @handle (or the whole row when NULL), carrying @value (copied). */
void       affari_settings_row_add_drag (GtkWidget    *row,
                                         GtkWidget    *handle,
                                         const GValue *value);
/* Makes @row take drops of @type: a line above or below it shows where the dragged row lands. */
GtkDropTarget *affari_settings_row_add_drop (GtkWidget              *row,
                                             GType                   type,
                                             AffariSettingsDropFunc  func,
                                             gpointer                user_data);

/* Scrolls @page while something is dragged near its top or bottom edge. */
void       affari_settings_page_add_autoscroll (AdwPreferencesPage *page);

G_END_DECLS
