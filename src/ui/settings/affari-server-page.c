/* affari-server-page.c — the "Server" page of Preferenze
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-server-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ops/affari-keyring.h"
#include "ui/app/affari-server-choice.h"
#include "ui/app/affari-server-form.h"
#include "ui/settings/affari-server-page.h"

struct _AffariServerPage
{
  AdwPreferencesPage  parent_instance;

  AffariWorkspace    *workspace;
  char               *local_path;

  /* template */
  AdwActionRow       *where_row;
  GtkImage           *where_icon;
  AdwActionRow       *connect_row;
  GtkImage           *connect_arrow;
  AdwActionRow       *local_row;
  GtkRevealer        *form_revealer;
  AffariServerForm   *server_form;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (AffariServerPage, affari_server_page, ADW_TYPE_PREFERENCES_PAGE,
                               G_IMPLEMENT_INTERFACE (AFFARI_TYPE_SERVER_CHOICE, NULL))

/* ------------------------------------------------------------ auxiliary */

static void
show_where (AffariServerPage *self)
{
  g_autofree char *local = g_filename_display_name (self->local_path);

  if (affari_workspace_is_server (self->workspace))
    {
      const char *url = affari_workspace_get_server_url (self->workspace);
      g_autofree char *login = affari_server_url_dup_login (url);
      g_autofree char *where = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->where_row), _("On the Team Server"));
      if (login != NULL)
        /* Translators: the server's address, then the user name on it. */
        where = g_strdup_printf (_("%s, user %s"), url, login);
      else
        where = g_strdup (url);
      adw_action_row_set_subtitle (self->where_row, where);
      gtk_image_set_from_icon_name (self->where_icon, "network-server-symbolic");
      affari_server_form_set_values (self->server_form, url, login);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->where_row), _("On This Computer"));
      adw_action_row_set_subtitle (self->where_row, local);
      gtk_image_set_from_icon_name (self->where_icon, "computer-symbolic");
    }

  /* Already there: nothing to switch to. */
  adw_action_row_set_subtitle (self->local_row, local);
  gtk_widget_set_visible (GTK_WIDGET (self->local_row), affari_workspace_is_server (self->workspace));
}

/* ------------------------------------------------------------ callbacks */

static void
show_form_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AffariServerPage *self = AFFARI_SERVER_PAGE (widget);
  gboolean reveal = !gtk_revealer_get_reveal_child (self->form_revealer);

  gtk_revealer_set_reveal_child (self->form_revealer, reveal);
  gtk_image_set_from_icon_name (self->connect_arrow, reveal ? "pan-up-symbolic" : "pan-down-symbolic");
}

static void
use_local_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  affari_server_choice_use_local (AFFARI_SERVER_CHOICE (widget), FALSE);
}

/* ------------------------------------------------------------ overrides */

static void
affari_server_page_dispose (GObject *object)
{
  AffariServerPage *self = AFFARI_SERVER_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_SERVER_PAGE);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (affari_server_page_parent_class)->dispose (object);
}

static void
affari_server_page_finalize (GObject *object)
{
  AffariServerPage *self = AFFARI_SERVER_PAGE (object);

  g_clear_pointer (&self->local_path, g_free);

  G_OBJECT_CLASS (affari_server_page_parent_class)->finalize (object);
}

static void
affari_server_page_class_init (AffariServerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_server_page_dispose;
  object_class->finalize = affari_server_page_finalize;

  g_type_ensure (AFFARI_TYPE_SERVER_FORM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/affari/Affari/ui/affari-server-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariServerPage, where_row);
  gtk_widget_class_bind_template_child (widget_class, AffariServerPage, where_icon);
  gtk_widget_class_bind_template_child (widget_class, AffariServerPage, connect_row);
  gtk_widget_class_bind_template_child (widget_class, AffariServerPage, connect_arrow);
  gtk_widget_class_bind_template_child (widget_class, AffariServerPage, local_row);
  gtk_widget_class_bind_template_child (widget_class, AffariServerPage, form_revealer);
  gtk_widget_class_bind_template_child (widget_class, AffariServerPage, server_form);

  gtk_widget_class_install_action (widget_class, "server.show-form", NULL, show_form_action);
  gtk_widget_class_install_action (widget_class, "server.use-local", NULL, use_local_action);
}

static void
affari_server_page_init (AffariServerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  affari_server_choice_forward (AFFARI_SERVER_CHOICE (self->server_form), AFFARI_SERVER_CHOICE (self));
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_server_page_new (AffariWorkspace *workspace,
                        const char      *local_path)
{
  AffariServerPage *self;

  g_return_val_if_fail (AFFARI_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (local_path != NULL, NULL);

  self = g_object_new (AFFARI_TYPE_SERVER_PAGE, NULL);
  self->workspace = g_object_ref (workspace);
  self->local_path = g_strdup (local_path);
  show_where (self);

  return GTK_WIDGET (self);
}
