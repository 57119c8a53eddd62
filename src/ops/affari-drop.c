/* affari-drop.c — contacts, deals and activities from files dropped on the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-ops"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-drop.h"
#include "io/affari-ics.h"
#include "io/affari-vcard.h"
#include "store/affari-store.h"
#include "store/affari-store-leads.h"
#include "store/affari-store-vcard.h"

typedef struct {
  AffariDealOps *ops;
  gint64         contact_id;
} FillData;

/* ------------------------------------------------------------ auxiliary */

static void
fill_contact_cb (gint64   deal_id,
                 gpointer data)
{
  FillData *fill = data;

  /* The contact is there (just read): linking it fails only with the disk, and the deal stays. */
  affari_deal_ops_fill_contacts (fill->ops, deal_id, &fill->contact_id, 1, fill->contact_id, NULL);
}

/* ------------------------------------------------------------ public API */

void
affari_drop_contact_free (AffariDropContact *contact)
{
  if (contact == NULL)
    return;
  g_free (contact->name);
  g_free (contact);
}

GPtrArray *
affari_drop_add_vcard (AffariStore  *store,
                       const char   *path,
                       GError      **error)
{
  g_autoptr(GPtrArray) cards = NULL;
  g_autofree AffariStoreVCardEntry *entries = NULL;
  GPtrArray *added;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  cards = affari_vcard_read (path, error);
  if (cards == NULL)
    return NULL;
  entries = g_new0 (AffariStoreVCardEntry, cards->len);
  for (guint i = 0; i < cards->len; i++)
    {
      AffariVCard *card = g_ptr_array_index (cards, i);

      entries[i].contact = g_object_new (AFFARI_TYPE_CONTACT,
                                         "first-name", card->first_name,
                                         "last-name", card->last_name,
                                         "position", card->title,
                                         "phone", card->phone,
                                         "email", card->email,
                                         NULL);
      entries[i].company = card->organization;
    }
  ok = affari_store_vcard_add (store, entries, cards->len, error);

  added = g_ptr_array_new_with_free_func ((GDestroyNotify) affari_drop_contact_free);
  for (guint i = 0; i < cards->len; i++)
    {
      AffariDropContact *contact = g_new0 (AffariDropContact, 1);

      contact->contact_id = affari_contact_get_id (entries[i].contact);
      contact->company_id = affari_contact_get_company_id (entries[i].contact);
      contact->name = g_strdup (((AffariVCard *) g_ptr_array_index (cards, i))->full_name);
      contact->created = entries[i].created;
      g_ptr_array_add (added, contact);
      g_object_unref (entries[i].contact);
    }
  if (!ok)
    g_clear_pointer (&added, g_ptr_array_unref);
  return added;
}

gint64
affari_drop_create_deal_for_contact (AffariStore    *store,
                                     AffariDealOps  *ops,
                                     gint64          contact_id,
                                     gint64          pipeline_id,
                                     GError        **error)
{
  g_autoptr(AffariContact) contact = NULL;
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  FillData fill = { ops, contact_id };

  g_return_val_if_fail (AFFARI_IS_STORE (store), 0);
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (ops), 0);

  contact = affari_store_get_contact (store, contact_id, error);
  if (contact == NULL)
    return 0;
  name = affari_contact_dup_full_name (contact);
  /* Translators: the title of a deal made for a contact dropped on the window; %s is the name. */
  title = g_strdup_printf (_("Deal with %s"), name);

  deal = affari_deal_new ();
  affari_deal_set_title (deal, title);
  /* A lead is not a deal: the deal goes to the default pipeline when the leads are shown. */
  if (pipeline_id > 0 && pipeline_id != affari_store_get_lead_pipeline_id (store))
    affari_deal_set_pipeline_id (deal, pipeline_id);
  affari_deal_set_company_id (deal, affari_contact_get_company_id (contact));
  set = affari_deal_ops_create (ops, deal, fill_contact_cb, &fill, error);
  return set != NULL ? affari_deal_get_id (deal) : 0;
}

GPtrArray *
affari_drop_add_ics (AffariStore    *store,
                     AffariDealOps  *ops,
                     gint64          deal_id,
                     const char     *path,
                     char          **deal_title,
                     GError        **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(AffariChangeSet) set = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (store), NULL);
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (ops), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  /* The whole file is read before anything is written: a bad file plans nothing. */
  items = affari_ics_read (path, error);
  if (items == NULL)
    return NULL;
  deal = affari_store_get_deal (store, deal_id, error);
  if (deal == NULL)
    return NULL;
  if (deal_title != NULL)
    *deal_title = g_strdup (affari_deal_get_title (deal));

  added = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (added, affari_ics_item_to_activity (g_ptr_array_index (items, i), affari_store_now (store)));
  /* The file's events are planned together: one transaction, one "Annulla". */
  set = affari_deal_ops_add_activities (ops, deal_id, added, error);
  if (set == NULL)
    return NULL;
  return g_steal_pointer (&added);
}
