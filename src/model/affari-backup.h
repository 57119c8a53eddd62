/* affari-backup.h — what a backup is, as the windows list them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @done of @total pages copied. */
typedef void (*AffariStoreProgressFunc) (int done, int total, gpointer data);

typedef struct {
  char  *path;
  gint64 modified;              /* Unix seconds */
  int    n_deals;               /* -1 when it cannot be read */
} AffariBackupInfo;

void affari_backup_info_free (AffariBackupInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariBackupInfo, affari_backup_info_free)

G_END_DECLS
