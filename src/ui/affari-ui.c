/* affari-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-ui"

#include "config.h"

#include <gio/gio.h>

#include "affari-resources.h"
#include "affari-ui.h"

void
affari_ui_ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      affari_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}
