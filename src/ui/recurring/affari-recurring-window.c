/* affari-recurring-window.c — "Modelli ricorrenti" (the "Affari regolari" item of the main menu)
 *
 * The templates are few (tens): one row each, rebuilt from the store after every change here
 * and after every change of deals (a run advances their next days and counters).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-recurring"

#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-recurrence.h"
#include "ops/affari-recurring.h"
#include "ui/recurring/affari-recurring-window.h"

struct _AffariRecurringWindow
{
  AdwWindow parent_instance;

  AffariWorkspace *workspace;
  AffariRecurring *recurring;
  GtkWidget *actions;           /* weak: the main window, for deal.open and win.run-recurring */
  GPtrArray *rows;
  gboolean filling;

  /* template */
  AdwToastOverlay *toasts;
  GtkStack *stack;
  AdwPreferencesGroup *group;
};

G_DEFINE_FINAL_TYPE (AffariRecurringWindow, affari_recurring_window, ADW_TYPE_WINDOW)

/* ------------------------------------------------------------ auxiliary */

static void
toast (AffariRecurringWindow *self,
       const char            *message)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

static char *
describe (const AffariRecurringTemplate *t)
{
  g_autofree char *counter = affari_recurring_template_describe_counter (t);
  g_autofree char *limit = affari_recurring_template_describe_limit (t);
  g_autofree char *next = affari_day_display (t->next_date);
  g_autofree char *when = NULL;

  /* Translators: the next day of a recurring template in its row, such as "Prossimo: 27/11/2026". */
  when = t->active && *next != '\0' ? g_strdup_printf (_("Next: %s"), next) : g_strdup (_("Stopped"));
  /* Translators: a template's row: next day · deals made · limit · pipeline of the new deals. */
  return g_strdup_printf (_("%s · created: %s · %s · %s"), when, counter, limit,
                          t->pipeline_name != NULL ? t->pipeline_name : "");
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *action,
             GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static void
on_switch_active_changed_cb (GtkSwitch             *toggle,
                             GParamSpec            *pspec,
                             AffariRecurringWindow *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toggle), "affari-template-id"));

  if (self->filling)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "recurring.set-active", "(xb)", id, gtk_switch_get_active (toggle));
}

static void
reload (AffariRecurringWindow *self)
{
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  templates = affari_recurring_list (self->recurring, &error);
  if (templates == NULL)
    {
      toast (self, error->message);
      return;
    }

  self->filling = TRUE;
  for (guint i = 0; i < templates->len; i++)
    {
      AffariRecurringTemplate *t = g_ptr_array_index (templates, i);
      g_autofree char *subtitle = describe (t);
      g_autofree char *number = g_strdup_printf ("#%" G_GINT64_FORMAT, t->id);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();
      GtkWidget *badge = gtk_label_new (number);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), t->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (badge, "dim-label");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), badge);

      gtk_switch_set_active (GTK_SWITCH (toggle), t->active);
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (toggle, _("Active"));
      g_object_set_data (G_OBJECT (toggle), "affari-template-id", GSIZE_TO_POINTER ((gsize) t->id));
      g_signal_connect (toggle, "notify::active", G_CALLBACK (on_switch_active_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button ("document-edit-symbolic", _("Open the Template’s Card"),
                                              "recurring.open", g_variant_new_int64 (t->deal_id)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button ("user-trash-symbolic", _("Delete the Template"),
                                              "recurring.delete", g_variant_new_int64 (t->id)));
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
  self->filling = FALSE;
  gtk_stack_set_visible_child_name (self->stack, templates->len > 0 ? "list" : "empty");
}

/* ------------------------------------------------------------ signal callbacks */

static void
on_workspace_changed_cb (AffariWorkspace       *workspace,
                         AffariChangeSet       *set,
                         AffariRecurringWindow *self)
{
  reload (self);
}

static void
on_delete_response_cb (AdwMessageDialog      *dialog,
                       const char            *response,
                       AffariRecurringWindow *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "affari-template-id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete"))
    return;
  if (!affari_recurring_delete (self->recurring, id, &error))
    toast (self, error->message);
  else
    toast (self, _("Recurring template deleted"));
  reload (self);
}

/* ------------------------------------------------------------ actions */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AffariRecurringWindow *self = AFFARI_RECURRING_WINDOW (widget);

  /* The card is the main window's: this (modal) window steps aside for it. */
  if (self->actions != NULL)
    gtk_widget_activate_action (self->actions, "deal.open", "x", g_variant_get_int64 (parameter));
  gtk_window_close (GTK_WINDOW (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AffariRecurringWindow *self = AFFARI_RECURRING_WINDOW (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Delete the Recurring Template?"),
                                                       _("It will create no more deals. The deals it created stay.")));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "delete", _("_Delete"));
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "affari-template-id", GSIZE_TO_POINTER ((gsize) g_variant_get_int64 (parameter)));
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_active_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AffariRecurringWindow *self = AFFARI_RECURRING_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;
  gboolean active;

  g_variant_get (parameter, "(xb)", &id, &active);
  if (!affari_recurring_set_active (self->recurring, id, active, &error))
    toast (self, error->message);
  else if (active && self->actions != NULL)
    /* Resumed today: its deal of today is made now. */
    gtk_widget_activate_action (self->actions, "win.run-recurring", NULL);
  reload (self);
}

/* ------------------------------------------------------------ overrides */

static void
affari_recurring_window_dispose (GObject *object)
{
  AffariRecurringWindow *self = AFFARI_RECURRING_WINDOW (object);

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_weak_pointer (&self->actions);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_RECURRING_WINDOW);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->recurring);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (affari_recurring_window_parent_class)->dispose (object);
}

static void
affari_recurring_window_class_init (AffariRecurringWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_recurring_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-recurring-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariRecurringWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, AffariRecurringWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AffariRecurringWindow, group);

  gtk_widget_class_install_action (widget_class, "recurring.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "recurring.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "recurring.set-active", "(xb)", set_active_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
affari_recurring_window_init (AffariRecurringWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_recurring_window_new (GtkWindow       *parent,
                             AffariWorkspace *workspace,
                             AffariDealOps   *ops,
                             GtkWidget       *actions)
{
  AffariRecurringWindow *self;

  g_return_val_if_fail (AFFARI_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (ops), NULL);

  self = g_object_new (AFFARI_TYPE_RECURRING_WINDOW, "transient-for", parent, NULL);
  self->workspace = g_object_ref (workspace);
  self->recurring = affari_recurring_new (affari_workspace_get_store (workspace), ops);
  g_set_weak_pointer (&self->actions, actions);
  /* A run (here, at midnight, from another process's change) moves next days and counters. */
  g_signal_connect (workspace, "changed", G_CALLBACK (on_workspace_changed_cb), self);
  reload (self);
  return GTK_WIDGET (self);
}
