/* affari-store-watch.h — the changes other connections to the database commit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "affari-store.h"

G_BEGIN_DECLS

/* Looks whether another connection (another window, the command line) committed changes since
 * the last call, and emits them as this store's own commits are: one "changed" set whose author
 * (affari_change_set_get_author ()) is who made them, and the signals of the pipelines, stages
 * and settings they touched ("reset" when they cannot be followed one by one). Cheap when nothing
 * changed: the window calls it a few times a second. Returns whether it emitted anything. */
gboolean affari_store_poll (AffariStore *self);

G_END_DECLS
