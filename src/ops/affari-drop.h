/* affari-drop.h — what files dropped on the window make: contacts from a vCard (.vcf), planned
 * activities from an iCalendar file (.ics) dropped on a deal, and the deal offered for a contact
 *
 * The window reads the files and calls these; they say what was made in plain C for its toasts.
 * No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ops/affari-deal-ops.h"

G_BEGIN_DECLS

/* A contact of a dropped vCard. */
typedef struct {
  gint64    contact_id;
  gint64    company_id;   /* 0 when none */
  char     *name;         /* "Mario Rossi" */
  gboolean  created;      /* FALSE: it was already there (matched by e-mail, phone or name) */
} AffariDropContact;

void       affari_drop_contact_free             (AffariDropContact *contact);

/* Adds the contacts of the vCard file @path (AffariDropContact, in file order), each with its
 * company: one transaction, nothing doubled (a contact already there is found, not made again).
 * NULL with an Italian @error for a file that cannot be read or is not a vCard: nothing written. */
GPtrArray *affari_drop_add_vcard                (AffariStore *store, const char *path, GError **error);

/* A new deal for @contact_id, "Affare con Mario Rossi", with the contact's company, in the first
 * stage of @pipeline_id (0 or the lead pipeline: the default pipeline): one change on @ops'
 * history. Returns the deal's id, 0 with @error. */
gint64     affari_drop_create_deal_for_contact  (AffariStore *store, AffariDealOps *ops, gint64 contact_id,
                                                 gint64 pipeline_id, GError **error);

/* Plans the events and tasks of the iCalendar file @path on @deal_id through @ops, all in one
 * change (affari_deal_ops_add_activities (): one undo step); @deal_title (nullable) gets the
 * deal's title. Returns the activities added (AffariActivity), NULL with an Italian @error when
 * the file cannot be read, the deal is gone or a write failed: nothing written then. */
GPtrArray *affari_drop_add_ics                  (AffariStore *store, AffariDealOps *ops, gint64 deal_id,
                                                 const char *path, char **deal_title, GError **error);

G_END_DECLS
