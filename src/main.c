/* main.c — the Affari application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "model/affari-i18n.h"
#include "ui/app/affari-application.h"

int
main (int   argc,
      char *argv[])
{
  /* Taken first, so that AFFARI_REPORT_FIRST_FRAME measures the whole start-up. */
  gint64 start_time = g_get_monotonic_time ();
  g_autoptr(AffariApplication) app = NULL;

  affari_i18n_init ();

  app = affari_application_new (start_time);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
