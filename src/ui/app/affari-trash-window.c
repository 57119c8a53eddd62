/* affari-trash-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-trash-window"

#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-money.h"

#include "ui/app/affari-trash-window.h"

struct _AffariTrashWindow
{
  AdwWindow            parent_instance;

  AffariWorkspace     *workspace;
  AffariDealOps       *ops;      /* the main window's: a restore is on its undo history */
  AdwPreferencesPage  *page;
  AdwPreferencesGroup *group;
  AdwStatusPage       *empty_page;
  AdwToastOverlay     *toasts;
  GPtrArray           *rows;
};

G_DEFINE_FINAL_TYPE (AffariTrashWindow, affari_trash_window, ADW_TYPE_WINDOW)

static void
reload (AffariTrashWindow *self)
{
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = affari_workspace_now (self->workspace);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  deals = affari_workspace_list_trash (self->workspace, &error);
  if (deals == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  for (guint i = 0; i < deals->len; i++)
    {
      AffariDeal *deal = g_ptr_array_index (deals, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (affari_deal_get_deleted_at (deal));
      g_autofree char *date = g_date_time_format (when, "%d/%m/%Y");
      g_autofree char *amount = affari_money_format (affari_deal_get_amount (deal), affari_deal_get_currency (deal));
      g_autofree char *subtitle = NULL;
      int days_left = AFFARI_TRASH_DAYS - (int) ((now - affari_deal_get_deleted_at (deal)) / (24 * 3600));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore"));

      days_left = MAX (days_left, 0);
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s · deleted on %s · %d day left",
                                               "%s · deleted on %s · %d days left", days_left),
                                  amount, date, days_left);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), affari_deal_get_title (deal));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "trash.restore");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", affari_deal_get_id (deal));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), deals->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->page), deals->len > 0);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AffariTrashWindow *self = AFFARI_TRASH_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  gint64 id = g_variant_get_int64 (parameter);

  set = affari_deal_ops_restore (self->ops, &id, 1, &error);
  if (set == NULL)
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
  else
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Deal restored")));
  reload (self);
}

static void
affari_trash_window_dispose (GObject *object)
{
  AffariTrashWindow *self = AFFARI_TRASH_WINDOW (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->workspace);
  g_clear_object (&self->ops);

  G_OBJECT_CLASS (affari_trash_window_parent_class)->dispose (object);
}

static void
affari_trash_window_class_init (AffariTrashWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_trash_window_dispose;

  gtk_widget_class_install_action (widget_class, "trash.restore", "x", restore_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
affari_trash_window_init (AffariTrashWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *stack = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->rows = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Trash"));
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 560);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  adw_toast_overlay_set_child (self->toasts, stack);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));

  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->page), TRUE);
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_description (self->group,
                                         _("Deleted deals can be restored for 30 days, then they are removed for good."));
  adw_preferences_page_add (self->page, self->group);
  gtk_box_append (GTK_BOX (stack), GTK_WIDGET (self->page));

  self->empty_page = ADW_STATUS_PAGE (adw_status_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->empty_page), TRUE);
  adw_status_page_set_icon_name (self->empty_page, "user-trash-symbolic");
  adw_status_page_set_title (self->empty_page, _("The Trash Is Empty"));
  gtk_box_append (GTK_BOX (stack), GTK_WIDGET (self->empty_page));

  adw_window_set_content (ADW_WINDOW (self), box);
}

GtkWidget *
affari_trash_window_new (GtkWindow     *parent,
                         AffariWorkspace   *workspace,
                         AffariDealOps *ops)
{
  AffariTrashWindow *self;

  g_return_val_if_fail (AFFARI_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (ops), NULL);

  self = g_object_new (AFFARI_TYPE_TRASH_WINDOW, "transient-for", parent, NULL);
  self->workspace = g_object_ref (workspace);
  self->ops = g_object_ref (ops);
  reload (self);
  return GTK_WIDGET (self);
}
