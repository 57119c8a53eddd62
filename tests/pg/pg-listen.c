/* pg-listen.c — a listener on the team server's change channel, for tests/pg/test-server.sh
 *
 *   pg-listen URL READY_FILE TIMEOUT_MS
 *
 * LISTENs on "affari_changes", then creates READY_FILE (the test moves a deal only after it) and
 * waits at most TIMEOUT_MS for one notification: prints "ARRIVAL_MS PAYLOAD" (ARRIVAL_MS: Unix
 * time in milliseconds, for the test to measure the delay) and exits 0; exits 1 on a timeout or
 * an error. Waits with poll () on the connection's socket, as the window's live refresh will.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <libpq-fe.h>

static long long
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_REALTIME, &ts);
  return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
main (int argc, char *argv[])
{
  PGconn *conn;
  PGresult *res;
  FILE *ready;
  long long deadline;

  if (argc != 4)
    {
      fprintf (stderr, "usage: pg-listen URL READY_FILE TIMEOUT_MS\n");
      return 2;
    }

  conn = PQconnectdb (argv[1]);
  if (PQstatus (conn) != CONNECTION_OK)
    {
      fprintf (stderr, "pg-listen: %s", PQerrorMessage (conn));
      return 1;
    }
  res = PQexec (conn, "LISTEN affari_changes");
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      fprintf (stderr, "pg-listen: %s", PQerrorMessage (conn));
      return 1;
    }
  PQclear (res);

  ready = fopen (argv[2], "w");
  if (ready == NULL)
    return 1;
  fclose (ready);

  deadline = now_ms () + atoll (argv[3]);
  for (;;)
    {
      struct pollfd fd = { PQsocket (conn), POLLIN, 0 };
      long long left = deadline - now_ms ();
      PGnotify *notify;

      if (left <= 0)
        {
          fprintf (stderr, "pg-listen: no notification within %s ms\n", argv[3]);
          PQfinish (conn);
          return 1;
        }
      if (poll (&fd, 1, (int) left) < 0 || !PQconsumeInput (conn))
        {
          fprintf (stderr, "pg-listen: %s", PQerrorMessage (conn));
          PQfinish (conn);
          return 1;
        }
      notify = PQnotifies (conn);
      if (notify != NULL)
        {
          printf ("%lld %s\n", now_ms (), notify->extra);
          PQfreemem (notify);
          PQfinish (conn);
          return fflush (stdout) == 0 ? 0 : 1;
        }
    }
}
