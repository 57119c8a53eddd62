/* affari-deal-card-client-picker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-card"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ui/deal/affari-deal-card-client-picker.h"
#include "ui/deal/affari-deal-card-util.h"
#include "ui/common/affari-ui.h"

#define CLIENT_RESULTS 5

struct _AffariDealCardClientPicker
{
  GtkPopover      parent_instance;

  AffariWorkspace    *workspace;

  /* template */
  GtkSearchEntry *client_search;
  GtkListBox     *client_results;
  GtkEntry       *new_client_name;
  GtkEntry       *new_client_phone;
  GtkEntry       *new_client_email;
  GtkLabel       *new_client_error;
};

G_DEFINE_FINAL_TYPE (AffariDealCardClientPicker, affari_deal_card_client_picker, GTK_TYPE_POPOVER)

enum {
  PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ writes */

/* The two writes of the picker: a new company, a new contact. */
static gboolean
picker_create_company (AffariDealCardClientPicker  *self,
                       AffariCompany               *client,
                       GError                     **error)
{
  return affari_workspace_create_company (self->workspace, client, error) != 0;
}

static gboolean
picker_create_contact (AffariDealCardClientPicker  *self,
                       AffariContact               *client,
                       GError                     **error)
{
  return affari_workspace_create_contact (self->workspace, client, error) != 0;
}

/* ------------------------------------------------------------ auxiliary */

static void
on_client_result_activated_cb (AdwActionRow               *row,
                               AffariDealCardClientPicker *self)
{
  GObject *client = g_object_get_data (G_OBJECT (row), "client");

  g_signal_emit (self, signals[PICKED], 0, client);
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
add_client_result (AffariDealCardClientPicker *self,
                   GObject                    *client,
                   const char                 *name,
                   const char                 *kind,
                   const char                 *detail)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = detail != NULL && *detail != '\0' ? g_strdup_printf ("%s · %s", kind, detail) : g_strdup (kind);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (AFFARI_IS_COMPANY (client) ? "system-users-symbolic" : "avatar-default-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "client", g_object_ref (client), g_object_unref);
  g_signal_connect (row, "activated", G_CALLBACK (on_client_result_activated_cb), self);
  gtk_list_box_append (self->client_results, row);
}

static void
search_clients (AffariDealCardClientPicker *self)
{
  g_autofree char *text = affari_card_dup_text (GTK_EDITABLE (self->client_search));
  g_autoptr(GPtrArray) companies = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->client_results))) != NULL)
    gtk_list_box_remove (self->client_results, child);
  if (self->workspace == NULL)
    return;

  companies = affari_workspace_search_companies (self->workspace, text, CLIENT_RESULTS, &error);
  if (companies == NULL)
    {
      g_warning ("Cannot search the companies: %s", error->message);
      return;
    }
  contacts = affari_workspace_search_contacts (self->workspace, text, CLIENT_RESULTS, &error);
  if (contacts == NULL)
    {
      g_warning ("Cannot search the contacts: %s", error->message);
      return;
    }
  for (guint i = 0; i < companies->len; i++)
    {
      AffariCompany *company = g_ptr_array_index (companies, i);

      add_client_result (self, G_OBJECT (company), affari_company_get_name (company), _("Company"),
                         affari_company_get_city (company));
    }
  for (guint i = 0; i < contacts->len; i++)
    {
      AffariContact *contact = g_ptr_array_index (contacts, i);
      g_autofree char *name = affari_contact_dup_full_name (contact);

      add_client_result (self, G_OBJECT (contact), name, _("Contact"), affari_contact_get_phone (contact));
    }
  /* The results keep their height, found or not (the list says so): the form under them does
   * not move while the search is typed, where the pointer is going. */

  /* What was searched is the likely name of a new client, until a name is typed there. */
  if (!affari_card_is_dirty (GTK_EDITABLE (self->new_client_name)))
    affari_card_set_text (GTK_EDITABLE (self->new_client_name), text);
}

/* ------------------------------------------------------------ signal callbacks */

static void
on_client_search_changed_cb (GtkSearchEntry             *entry,
                             AffariDealCardClientPicker *self)
{
  search_clients (self);
}

/* Enter: the first client found, or, when none is, on to the form of a new one (its name is
 * what was searched): the next thing typed goes into the next field, not into the search. */
static void
on_client_search_activated_cb (GtkSearchEntry             *entry,
                               AffariDealCardClientPicker *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->client_results, 0);

  if (first != NULL)
    {
      gtk_widget_activate (GTK_WIDGET (first));
      return;
    }
  if (gtk_entry_get_text_length (self->new_client_name) == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->new_client_name));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->new_client_phone));
}

static void
on_shown_cb (GtkPopover                 *popover,
             AffariDealCardClientPicker *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->new_client_error), FALSE);
  search_clients (self);
}

/* ------------------------------------------------------------ overrides */

static void
affari_deal_card_client_picker_dispose (GObject *object)
{
  AffariDealCardClientPicker *self = AFFARI_DEAL_CARD_CLIENT_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_DEAL_CARD_CLIENT_PICKER);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (affari_deal_card_client_picker_parent_class)->dispose (object);
}

static void
affari_deal_card_client_picker_class_init (AffariDealCardClientPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_deal_card_client_picker_dispose;

  signals[PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);

  affari_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-deal-card-client-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardClientPicker, client_search);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardClientPicker, client_results);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardClientPicker, new_client_name);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardClientPicker, new_client_phone);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardClientPicker, new_client_email);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardClientPicker, new_client_error);
  gtk_widget_class_bind_template_callback (widget_class, on_client_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_client_search_activated_cb);
}

static void
affari_deal_card_client_picker_init (AffariDealCardClientPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  affari_card_track_edits (GTK_EDITABLE (self->new_client_name));
}

/* ------------------------------------------------------------ public API */

void
affari_deal_card_client_picker_set_workspace (AffariDealCardClientPicker *self,
                                          AffariWorkspace            *workspace)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_CLIENT_PICKER (self));

  g_set_object (&self->workspace, workspace);
}

void
affari_deal_card_client_picker_create (AffariDealCardClientPicker *self,
                                       gboolean                    company,
                                       gint64                      company_id)
{
  g_autofree char *name = affari_card_dup_text (GTK_EDITABLE (self->new_client_name));
  g_autofree char *phone = affari_card_dup_text (GTK_EDITABLE (self->new_client_phone));
  g_autofree char *email = affari_card_dup_text (GTK_EDITABLE (self->new_client_email));
  g_autoptr(GError) error = NULL;

  g_return_if_fail (AFFARI_IS_DEAL_CARD_CLIENT_PICKER (self));
  g_return_if_fail (self->workspace != NULL);

  if (*email != '\0' && (strchr (email, '@') == NULL || strchr (email, ' ') != NULL))
    g_set_error (&error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not an e-mail address"), email);
  else if (company)
    {
      g_autoptr(AffariCompany) client = affari_company_new (name);

      g_object_set (client, "phone", *phone ? phone : NULL, "email", *email ? email : NULL, NULL);
      if (picker_create_company (self, client, &error))
        g_signal_emit (self, signals[PICKED], 0, client);
    }
  else
    {
      char *space = strchr (name, ' ');
      g_autoptr(AffariContact) client = NULL;

      if (space != NULL)
        *space = '\0';
      client = affari_contact_new (name, space != NULL ? g_strstrip (space + 1) : NULL);
      g_object_set (client, "phone", *phone ? phone : NULL, "email", *email ? email : NULL,
                    "company-id", company_id, NULL);
      if (picker_create_contact (self, client, &error))
        g_signal_emit (self, signals[PICKED], 0, client);
    }

  if (error != NULL)
    {
      gtk_label_set_text (self->new_client_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->new_client_error), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->new_client_error), FALSE);
  affari_card_set_text (GTK_EDITABLE (self->new_client_name), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_client_phone), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_client_email), "");
  gtk_editable_set_text (GTK_EDITABLE (self->client_search), "");
  gtk_popover_popdown (GTK_POPOVER (self));
}
