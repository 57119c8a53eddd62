/* affari-workspace-private.h — the workspace's fields, for its own files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "affari-workspace.h"
#include "store/affari-store.h"

struct _AffariWorkspace
{
  GObject      parent_instance;

  AffariStore *store;
  guint        poll_source;   /* looks for other connections' changes */
};
