/* pg-migration.c — prints the server schema's migration to version N (affari-pg-schema.h), so
 * that a test can make a server of an older version and see "server init" bring it up to date.
 *
 *   pg-migration N
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "store/pg/affari-pg-schema.h"

int
main (int argc, char **argv)
{
  int version = argc == 2 ? atoi (argv[1]) : 0;
  int index = version - AFFARI_PG_FIRST_VERSION;

  if (index < 0 || index >= (int) AFFARI_PG_N_MIGRATIONS)
    {
      fprintf (stderr, "usage: pg-migration VERSION (%d to %d)\n", AFFARI_PG_FIRST_VERSION,
               AFFARI_PG_FIRST_VERSION + (int) AFFARI_PG_N_MIGRATIONS - 1);
      return 2;
    }
  fputs (affari_pg_migrations[index], stdout);
  return 0;
}
