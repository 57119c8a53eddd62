/* affari-store-import-match.h — finding the company or contact a file (CSV row, vCard) speaks of
 *
 * The rules are written once, in the index: an import of 100,000 rows loads the keys of every
 * company and contact once and asks the index; a single lookup (a dropped vCard) does the same
 * for one question.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "affari-store.h"

G_BEGIN_DECLS

/* The company matching @email, else @phone, else @vat, else exactly @name (case-insensitive);
 * 0 when none. NULL or "" arguments are skipped. Phones compare by their digits (spaces, dots,
 * dashes, parentheses ignored; "+39" / "0039" prefix ignored). Trashed rows do not count. */
gint64 affari_store_import_match_company (AffariStore *self, const char *email, const char *phone,
                                          const char *vat, const char *name);
/* The contact matching @email, else @phone, else exactly @full_name ("First Last",
 * case-insensitive, also "Last First"); 0 when none. */
gint64 affari_store_import_match_contact (AffariStore *self, const char *email, const char *phone,
                                          const char *full_name);

/* The keys of every company and contact, loaded once, for the many lookups of one import. */
typedef struct _AffariClientIndex AffariClientIndex;

/* NULL with @error when the store cannot be read. */
AffariClientIndex *affari_store_import_client_index (AffariStore *self, GError **error);
void               affari_client_index_free        (AffariClientIndex *index);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariClientIndex, affari_client_index_free)
/* As affari_store_import_match_company () and _contact (), from the index. */
gint64 affari_client_index_match_company (AffariClientIndex *index, const char *email, const char *phone,
                                          const char *vat, const char *name);
gint64 affari_client_index_match_contact (AffariClientIndex *index, const char *email, const char *phone,
                                          const char *full_name);
/* Makes a company or contact just created (or, in a dry run, about to be) findable. @id may be
 * any non-zero number a dry run makes up. */
void   affari_client_index_add_company   (AffariClientIndex *index, gint64 id, const char *email,
                                          const char *phone, const char *vat, const char *name);
void   affari_client_index_add_contact   (AffariClientIndex *index, gint64 id, const char *email,
                                          const char *phone, const char *first_name, const char *last_name);

G_END_DECLS
