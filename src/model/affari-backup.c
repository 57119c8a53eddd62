/* affari-backup.c — what a backup is, as the windows list them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "affari-backup.h"

void
affari_backup_info_free (AffariBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info);
}
