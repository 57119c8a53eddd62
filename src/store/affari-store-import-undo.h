/* affari-store-import-undo.h — an import as one undo step (affari-store-import-undo.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "affari-store.h"

G_BEGIN_DECLS

/* Starts an import: a batch (one transaction with the write lock, one "reset" at the end) that
 * remembers where each table ended. Deals are made inside with affari_store_create_deal () and
 * affari_store_change_add_created () (which then records nothing: the marks cover them). */
gboolean         affari_store_begin_import  (AffariStore *self, GError **error);
gboolean         affari_store_is_importing  (AffariStore *self);
/* Commits (@ok) or rolls back the import. The set returned is labelled @label and, when the
 * import made anything, undoable: affari_store_revert_change () then deletes what it made. */
AffariChangeSet *affari_store_end_import    (AffariStore *self, gboolean ok, const char *label, GError **error);
/* Whether @set is an import's (its undo cannot be redone). */
gboolean         affari_store_change_is_import (AffariChangeSet *set);

G_END_DECLS
