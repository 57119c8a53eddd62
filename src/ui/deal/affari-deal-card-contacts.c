/* affari-deal-card-contacts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-card"

#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-change-set.h"

#include "ui/deal/affari-deal-card-contacts.h"
#include "ui/common/affari-ui.h"

struct _AffariDealCardContacts
{
  AdwPreferencesGroup  parent_instance;

  AffariWorkspace     *workspace;
  AffariDealOps       *ops;
  AffariDeal          *deal;      /* the card's deal: the same object, shared */
  GPtrArray           *contacts;  /* AffariContact, primary first */
  GPtrArray           *rows;      /* the widgets added to the group */
  gboolean             allowed;
};

G_DEFINE_FINAL_TYPE (AffariDealCardContacts, affari_deal_card_contacts, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ auxiliary */

static gint64
deal_id (AffariDealCardContacts *self)
{
  return self->deal != NULL ? affari_deal_get_id (self->deal) : 0;
}

static GtkWidget *
row_button_new (const char *icon_name,
                const char *action_name,
                gint64      contact_id,
                const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", contact_id);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

static GtkWidget *
contact_row_new (AffariContact *contact,
                 gboolean       primary)
{
  g_autofree char *name = affari_contact_dup_full_name (contact);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row = adw_action_row_new ();
  gint64 id = affari_contact_get_id (contact);

  if (affari_contact_get_phone (contact) != NULL)
    g_string_append (subtitle, affari_contact_get_phone (contact));
  if (affari_contact_get_email (contact) != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", affari_contact_get_email (contact));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             row_button_new (primary ? "starred-symbolic" : "non-starred-symbolic",
                                             "card.set-primary-contact", id,
                                             primary ? _("Primary Contact") : _("Make Primary")));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button_new ("edit-clear-symbolic", "card.remove-contact", id,
                                             _("Remove the Contact")));
  return row;
}

static void
update_visible (AffariDealCardContacts *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self), self->allowed && self->contacts->len > 0);
}

static void
rebuild_rows (AffariDealCardContacts *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < self->contacts->len; i++)
    {
      GtkWidget *row = contact_row_new (g_ptr_array_index (self->contacts, i), i == 0);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }
  update_visible (self);
}

static void
load (AffariDealCardContacts *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  if (deal_id (self) != 0 && self->workspace != NULL)
    self->contacts = affari_workspace_list_deal_contacts (self->workspace, deal_id (self), &error);
  if (self->contacts == NULL)
    {
      if (error != NULL)
        g_warning ("Cannot list the contacts: %s", error->message);
      self->contacts = g_ptr_array_new_with_free_func (g_object_unref);
    }
  rebuild_rows (self);
}

/* @created: see affari_deal_card_contacts_save_created(). */
static gboolean
save (AffariDealCardContacts *self,
      gboolean                created)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  gint64 primary;
  gboolean ok = TRUE;

  for (guint i = 0; i < self->contacts->len; i++)
    {
      gint64 id = affari_contact_get_id (g_ptr_array_index (self->contacts, i));
      g_array_append_val (ids, id);
    }
  primary = ids->len > 0 ? g_array_index (ids, gint64, 0) : 0;
  if (deal_id (self) != 0 && created)
    ok = ids->len == 0 || affari_deal_ops_fill_contacts (self->ops, deal_id (self), (gint64 *) ids->data,
                                                          ids->len, primary, &error);
  else if (deal_id (self) != 0)
    ok = (set = affari_deal_ops_set_contacts (self->ops, deal_id (self), (gint64 *) ids->data, ids->len,
                                              primary, &error)) != NULL;
  if (!ok)
    {
      g_signal_emit (self, signals[SAVE_FAILED], 0, error->message);
      return FALSE;
    }
  rebuild_rows (self);
  return TRUE;
}

static gint
find_contact (AffariDealCardContacts *self,
              gint64                  contact_id)
{
  for (guint i = 0; i < self->contacts->len; i++)
    if (affari_contact_get_id (g_ptr_array_index (self->contacts, i)) == contact_id)
      return i;
  return -1;
}

/* ------------------------------------------------------------ overrides */

static void
affari_deal_card_contacts_dispose (GObject *object)
{
  AffariDealCardContacts *self = AFFARI_DEAL_CARD_CONTACTS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_DEAL_CARD_CONTACTS);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_object (&self->deal);
  g_clear_object (&self->ops);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (affari_deal_card_contacts_parent_class)->dispose (object);
}

static void
affari_deal_card_contacts_class_init (AffariDealCardContactsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_deal_card_contacts_dispose;

  signals[SAVE_FAILED] = g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  affari_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-deal-card-contacts.ui");
}

static void
affari_deal_card_contacts_init (AffariDealCardContacts *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  self->contacts = g_ptr_array_new_with_free_func (g_object_unref);
  self->allowed = TRUE;
}

/* ------------------------------------------------------------ public API */

void
affari_deal_card_contacts_set_workspace (AffariDealCardContacts *self,
                                     AffariWorkspace        *workspace)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_CONTACTS (self));

  g_set_object (&self->workspace, workspace);
}

void
affari_deal_card_contacts_set_ops (AffariDealCardContacts *self,
                                   AffariDealOps          *ops)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_CONTACTS (self));

  g_set_object (&self->ops, ops);
}

void
affari_deal_card_contacts_set_deal (AffariDealCardContacts *self,
                                    AffariDeal             *deal,
                                    gboolean                reload)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_CONTACTS (self));

  g_set_object (&self->deal, deal);
  if (reload)
    load (self);
}

void
affari_deal_card_contacts_set_allowed (AffariDealCardContacts *self,
                                       gboolean                allowed)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_CONTACTS (self));

  self->allowed = allowed;
  update_visible (self);
}

guint
affari_deal_card_contacts_get_n_contacts (AffariDealCardContacts *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_CONTACTS (self), 0);

  return self->contacts->len;
}

void
affari_deal_card_contacts_add (AffariDealCardContacts *self,
                               AffariContact          *contact)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_CONTACTS (self));

  if (find_contact (self, affari_contact_get_id (contact)) >= 0)
    return;
  g_ptr_array_add (self->contacts, g_object_ref (contact));
  save (self, FALSE);
}

void
affari_deal_card_contacts_set_primary (AffariDealCardContacts *self,
                                       gint64                  contact_id)
{
  gint index;

  g_return_if_fail (AFFARI_IS_DEAL_CARD_CONTACTS (self));

  if ((index = find_contact (self, contact_id)) < 0)
    return;
  g_ptr_array_insert (self->contacts, 0, g_ptr_array_steal_index (self->contacts, index));
  save (self, FALSE);
}

void
affari_deal_card_contacts_remove (AffariDealCardContacts *self,
                                  gint64                  contact_id)
{
  gint index;

  g_return_if_fail (AFFARI_IS_DEAL_CARD_CONTACTS (self));

  if ((index = find_contact (self, contact_id)) < 0)
    return;
  g_ptr_array_remove_index (self->contacts, index);
  save (self, FALSE);
}

void
affari_deal_card_contacts_clear (AffariDealCardContacts *self)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_CONTACTS (self));

  g_ptr_array_set_size (self->contacts, 0);
  rebuild_rows (self);
}

void
affari_deal_card_contacts_save_created (AffariDealCardContacts *self)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_CONTACTS (self));

  save (self, TRUE);
}
