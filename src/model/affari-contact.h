/* affari-contact.h — a person at a client
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <glib-object.h>
G_BEGIN_DECLS
#define AFFARI_TYPE_CONTACT (affari_contact_get_type ())
G_DECLARE_FINAL_TYPE (AffariContact, affari_contact, AFFARI, CONTACT, GObject)
/* Properties: "id", "company-id" (gint64), "first-name", "last-name", "position",
 * "phone", "email", "birthday" ("YYYY-MM-DD" or NULL). */
AffariContact *affari_contact_new            (const char *first_name, const char *last_name);
gint64      affari_contact_get_id            (AffariContact *self);
gint64      affari_contact_get_company_id    (AffariContact *self);
const char *affari_contact_get_first_name    (AffariContact *self);
const char *affari_contact_get_last_name     (AffariContact *self);
/* "Mario Rossi" */
char       *affari_contact_dup_full_name     (AffariContact *self);
const char *affari_contact_get_position      (AffariContact *self);
const char *affari_contact_get_phone         (AffariContact *self);
const char *affari_contact_get_email         (AffariContact *self);
const char *affari_contact_get_birthday      (AffariContact *self);
G_END_DECLS
