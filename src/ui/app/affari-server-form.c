/* affari-server-form.c — the team server's address, user and password, and "Connetti"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-server-form"

#include "config.h"

#include <glib/gi18n.h>

#include "ops/affari-keyring.h"
#include "ui/app/affari-server-choice.h"
#include "ui/app/affari-server-connect.h"
#include "ui/app/affari-server-form.h"

struct _AffariServerForm
{
  AdwBin              parent_instance;

  GCancellable       *cancellable;
  char               *error;

  /* template */
  AdwEntryRow        *url_row;
  AdwEntryRow        *login_row;
  AdwPasswordEntryRow *password_row;
  AdwActionRow       *remember_row;
  GtkSwitch          *remember_switch;
  GtkLabel           *error_label;
  GtkButton          *connect_button;
  GtkSpinner         *spinner;
  GtkLabel           *connect_label;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (AffariServerForm, affari_server_form, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (AFFARI_TYPE_SERVER_CHOICE, NULL))

/* ------------------------------------------------------------ auxiliary */

static void
set_error (AffariServerForm *self,
           const char       *error)
{
  g_free (self->error);
  self->error = g_strdup (error);
  gtk_label_set_text (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static void
set_busy (AffariServerForm *self,
          gboolean          busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_label_set_text_with_mnemonic (self->connect_label, busy ? _("Connecting…") : _("_Connect"));
  /* What was written stays as it is while it is being tried. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->login_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remember_row), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "server-form.connect", !busy);
}

/* The Italian sentence for a failed connection, and the store's own words after it (libpq's
 * message names the host and the cause: worth a copy-paste to whoever runs the server). */
static char *
describe_error (const GError *error)
{
  const char *what;

  if (g_error_matches (error, AFFARI_ERROR, AFFARI_ERROR_OFFLINE))
    what = _("The server cannot be reached: check the address and the network, then try again.");
  else if (affari_server_error_is_auth (error))
    what = _("The server refused the user or the password: check them, then try again.");
  else
    what = _("The connection to the server failed.");
  return g_strdup_printf ("%s\n%s", what, error->message);
}

/* ------------------------------------------------------------ callbacks */

static void
on_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AffariServerForm) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariWorkspace) workspace = NULL;
  g_autofree char *url = NULL;
  g_autofree char *login = NULL;

  workspace = affari_server_connect_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);

  if (workspace == NULL)
    {
      g_autofree char *message = describe_error (error);

      g_message ("Cannot connect to the server: %s", error->message);
      set_error (self, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->password_row), "error");
      return;
    }

  url = affari_server_url_strip_password (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));
  login = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->login_row))));
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  affari_server_choice_server_connected (AFFARI_SERVER_CHOICE (self), workspace, url, login);
}

static void
on_row_changed_cb (AffariServerForm *self)
{
  /* The mistake is being corrected: the red goes. */
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->password_row), "error");
}

static void
on_row_activated_cb (AffariServerForm *self)
{
  affari_server_form_connect (self);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  affari_server_form_connect (AFFARI_SERVER_FORM (widget));
}

/* ------------------------------------------------------------ overrides */

static void
affari_server_form_dispose (GObject *object)
{
  AffariServerForm *self = AFFARI_SERVER_FORM (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_SERVER_FORM);

  G_OBJECT_CLASS (affari_server_form_parent_class)->dispose (object);
}

static void
affari_server_form_finalize (GObject *object)
{
  AffariServerForm *self = AFFARI_SERVER_FORM (object);

  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (affari_server_form_parent_class)->finalize (object);
}

static void
affari_server_form_class_init (AffariServerFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_server_form_dispose;
  object_class->finalize = affari_server_form_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/affari/Affari/ui/affari-server-form.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariServerForm, url_row);
  gtk_widget_class_bind_template_child (widget_class, AffariServerForm, login_row);
  gtk_widget_class_bind_template_child (widget_class, AffariServerForm, password_row);
  gtk_widget_class_bind_template_child (widget_class, AffariServerForm, remember_row);
  gtk_widget_class_bind_template_child (widget_class, AffariServerForm, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, AffariServerForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, AffariServerForm, connect_button);
  gtk_widget_class_bind_template_child (widget_class, AffariServerForm, spinner);
  gtk_widget_class_bind_template_child (widget_class, AffariServerForm, connect_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "server-form.connect", NULL, connect_action);
}

static void
affari_server_form_init (AffariServerForm *self)
{
  /* The example address is in the group's description: AdwEntryRow 1.2 has no placeholder, and
   * its text field's own draws over the row's title. */
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Without a keyring the password cannot be kept: no switch that would lie. */
  if (!affari_keyring_is_supported ())
    {
      gtk_switch_set_active (self->remember_switch, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->remember_row), FALSE);
    }
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_server_form_new (void)
{
  return g_object_new (AFFARI_TYPE_SERVER_FORM, NULL);
}

void
affari_server_form_set_values (AffariServerForm *self,
                               const char       *url,
                               const char       *login)
{
  g_return_if_fail (AFFARI_IS_SERVER_FORM (self));

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url != NULL ? url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->login_row), login != NULL ? login : "");
}

void
affari_server_form_connect (AffariServerForm *self)
{
  g_autofree char *url = NULL;
  g_autofree char *login = NULL;
  const char *password;

  g_return_if_fail (AFFARI_IS_SERVER_FORM (self));

  if (self->cancellable != NULL)
    return;

  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  login = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->login_row))));
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (url[0] == '\0')
    {
      set_error (self, _("Write the address of the server, for example postgresql://server.example.it/affari"));
      gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }

  set_error (self, NULL);
  set_busy (self, TRUE);
  self->cancellable = g_cancellable_new ();
  /* An empty password field: the keyring's, if it keeps one for this server and user. */
  affari_server_connect_async (url, login, password[0] != '\0' ? password : NULL,
                               gtk_switch_get_active (self->remember_switch),
                               self->cancellable, on_connected_cb, g_object_ref (self));
}

gboolean
affari_server_form_is_busy (AffariServerForm *self)
{
  g_return_val_if_fail (AFFARI_IS_SERVER_FORM (self), FALSE);

  return self->cancellable != NULL;
}

const char *
affari_server_form_get_error (AffariServerForm *self)
{
  g_return_val_if_fail (AFFARI_IS_SERVER_FORM (self), NULL);

  return self->error;
}
