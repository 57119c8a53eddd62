/* affari-welcome.c — the first start: on this computer alone, or with the team on a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-welcome"

#include "config.h"

#include <glib/gi18n.h>

#include "ops/affari-workspace.h"
#include "ui/app/affari-server-choice.h"
#include "ui/app/affari-server-form.h"
#include "ui/app/affari-welcome.h"

struct _AffariWelcome
{
  AdwApplicationWindow  parent_instance;

  /* template */
  GtkButton            *back_button;
  GtkStack             *stack;
  AdwStatusPage        *connecting_page;
  GtkSpinner           *connecting_spinner;
  GtkSwitch            *samples_switch;
  AffariServerForm     *server_form;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (AffariWelcome, affari_welcome, ADW_TYPE_APPLICATION_WINDOW,
                               G_IMPLEMENT_INTERFACE (AFFARI_TYPE_SERVER_CHOICE, NULL))

/* ------------------------------------------------------------ auxiliary */

/* The form's page has no title of its own: its group's ("Server del team") says it. */
static void
show_page (AffariWelcome *self,
           const char    *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), g_str_equal (name, "server"));
  gtk_spinner_set_spinning (self->connecting_spinner, g_str_equal (name, "connecting"));
}

/* ------------------------------------------------------------ callbacks */

static void
use_local_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AffariWelcome *self = AFFARI_WELCOME (widget);

  affari_server_choice_use_local (AFFARI_SERVER_CHOICE (self), gtk_switch_get_active (self->samples_switch));
}

static void
show_server_form_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  show_page (AFFARI_WELCOME (widget), "server");
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AffariWelcome *self = AFFARI_WELCOME (widget);

  /* Not away from the start-up's connection: its end closes this window. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "server") == 0)
    show_page (self, "choice");
}

/* ------------------------------------------------------------ overrides */

static void
affari_welcome_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AFFARI_TYPE_WELCOME);

  G_OBJECT_CLASS (affari_welcome_parent_class)->dispose (object);
}

static void
affari_welcome_class_init (AffariWelcomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_welcome_dispose;

  g_type_ensure (AFFARI_TYPE_SERVER_FORM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/affari/Affari/ui/affari-welcome.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariWelcome, back_button);
  gtk_widget_class_bind_template_child (widget_class, AffariWelcome, stack);
  gtk_widget_class_bind_template_child (widget_class, AffariWelcome, connecting_page);
  gtk_widget_class_bind_template_child (widget_class, AffariWelcome, connecting_spinner);
  gtk_widget_class_bind_template_child (widget_class, AffariWelcome, samples_switch);
  gtk_widget_class_bind_template_child (widget_class, AffariWelcome, server_form);

  gtk_widget_class_install_action (widget_class, "welcome.use-local", NULL, use_local_action);
  gtk_widget_class_install_action (widget_class, "welcome.show-server-form", NULL, show_server_form_action);
  gtk_widget_class_install_action (widget_class, "welcome.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "welcome.back", NULL);
}

static void
affari_welcome_init (AffariWelcome *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  affari_server_choice_forward (AFFARI_SERVER_CHOICE (self->server_form), AFFARI_SERVER_CHOICE (self));
}

/* ------------------------------------------------------------ public API */

AffariWelcome *
affari_welcome_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (AFFARI_TYPE_WELCOME,
                       "application", application,
                       NULL);
}

void
affari_welcome_show_connecting (AffariWelcome *self,
                                const char    *url)
{
  g_return_if_fail (AFFARI_IS_WELCOME (self));

  adw_status_page_set_description (self->connecting_page, url);
  show_page (self, "connecting");
}
