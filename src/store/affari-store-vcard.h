/* affari-store-vcard.h — contacts dropped on the window as vCard files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "affari-store.h"

G_BEGIN_DECLS

/* A contact of a vCard file. */
typedef struct {
  AffariContact *contact;   /* in: names, role, phone, e-mail; out: its "id" and "company-id" */
  const char    *company;   /* in: the company's name (ORG), NULL when none */
  gboolean       created;   /* out: FALSE when it was already there */
} AffariStoreVCardEntry;

/* Adds the contacts of @entries in one transaction (all or none), each matched first with the
 * ones already there (affari_store_import_match_contact (): e-mail, phone, name) so that nothing
 * is doubled, also within @entries; a new contact's company is matched by name, else made. A
 * contact already there is left as it is. */
gboolean affari_store_vcard_add (AffariStore *self, AffariStoreVCardEntry *entries, guint n_entries,
                                 GError **error);

G_END_DECLS
