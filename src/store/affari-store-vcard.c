/* affari-store-vcard.c — contacts dropped on the window as vCard files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include "affari-store-vcard.h"
#include "affari-store-import-match.h"
#include "affari-store-private.h"

/* The contact of @entry, found or made (with its company); FALSE with @error on a write that failed. */
static gboolean
add_entry (AffariStore           *self,
           AffariStoreVCardEntry *entry,
           GError               **error)
{
  AffariContact *contact = entry->contact;
  g_autofree char *full_name = affari_contact_dup_full_name (contact);
  gint64 id;
  gint64 company_id = 0;

  id = affari_store_import_match_contact (self, affari_contact_get_email (contact), affari_contact_get_phone (contact),
                                          full_name);
  if (id > 0)
    {
      g_autoptr(AffariContact) found = affari_store_get_contact (self, id, NULL);

      g_object_set (contact, "id", id, "company-id", found != NULL ? affari_contact_get_company_id (found) : 0, NULL);
      entry->created = FALSE;
      return TRUE;
    }

  if (entry->company != NULL && *entry->company != '\0')
    {
      /* By name only: the person's e-mail and phone are not the company's. */
      company_id = affari_store_import_match_company (self, NULL, NULL, NULL, entry->company);
      if (company_id == 0)
        {
          g_autoptr(AffariCompany) company = affari_company_new (entry->company);

          company_id = affari_store_create_company (self, company, error);
          if (company_id == 0)
            return FALSE;
        }
    }
  g_object_set (contact, "company-id", company_id, NULL);
  if (affari_store_create_contact (self, contact, error) == 0)
    return FALSE;
  entry->created = TRUE;
  return TRUE;
}

gboolean
affari_store_vcard_add (AffariStore            *self,
                        AffariStoreVCardEntry  *entries,
                        guint                   n_entries,
                        GError                **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (entries != NULL || n_entries == 0, FALSE);

  if (!store_tx_begin (self, error))
    return FALSE;
  /* One after the other in the same transaction: a card repeated in the file matches the contact
   * the first one made. */
  for (guint i = 0; ok && i < n_entries; i++)
    ok = add_entry (self, &entries[i], error);
  return store_tx_end (self, ok, error) && ok;
}
