/* affari-i18n.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "affari-i18n"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "affari-i18n.h"

static gboolean
has_catalog (const char *dir)
{
  g_autofree char *mo = g_build_filename (dir, "it", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  return g_file_test (mo, G_FILE_TEST_EXISTS);
}

void
affari_i18n_init (void)
{
  const char *dir = g_getenv ("AFFARI_LOCALEDIR");

  setlocale (LC_ALL, "");

  if (dir == NULL || *dir == '\0')
    dir = has_catalog (LOCALEDIR) || !has_catalog (BUILD_LOCALEDIR) ? LOCALEDIR : BUILD_LOCALEDIR;

  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
