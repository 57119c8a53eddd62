/* affari-vcard.h — reading contacts from vCard files (.vcf), as phones and address books write them
 *
 * vCard 2.1 (Android and older phones: bare parameters, CHARSET=, ENCODING=QUOTED-PRINTABLE with
 * "=" soft line breaks), 3.0 (GNOME Contacts, Evolution, macOS) and 4.0 (tel:/mailto: URIs,
 * PREF=1). Several cards in one file; folded lines; the escapes \, \; \n \\. Only what a contact
 * of Affari holds is kept: the name, the company (ORG), the role (TITLE), one phone, one e-mail
 * (the preferred one, else the first) and the note. No GTK, no store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *full_name;      /* FN, else "Given Family" from N; never NULL or empty */
  char *first_name;     /* N's given (and additional) names, else FN but its last word; never NULL */
  char *last_name;      /* N's family name, else FN's last word; never NULL */
  char *organization;   /* ORG's first component (the company), NULL when none */
  char *title;          /* TITLE (the role), NULL when none */
  char *phone;          /* the preferred TEL, else the first; NULL when none */
  char *email;          /* the preferred EMAIL, else the first; NULL when none */
  char *note;           /* NOTE, NULL when none */
} AffariVCard;

void        affari_vcard_free  (AffariVCard *card);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariVCard, affari_vcard_free)

/* The cards of @length bytes of @data (AffariVCard, in file order, at least one). Cards with no
 * name at all (no FN, N or ORG) are skipped. Fails with an Italian sentence (AFFARI_ERROR_PARSE)
 * when there is no card, a card is not closed (a truncated file) or no card has a name. */
GPtrArray  *affari_vcard_parse (const char *data, gsize length, GError **error);
/* The same for the file at @path (at most 16 MB: an address book, not a photo album). */
GPtrArray  *affari_vcard_read  (const char *path, GError **error);

G_END_DECLS
