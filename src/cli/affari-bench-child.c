/* affari-bench-child.c — a process affari-bench starts and reads: the app, the benchmark's app
 * or the empty window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-bench"

#include "config.h"

#include <signal.h>
#include <sys/wait.h>

#include "cli/affari-bench-private.h"

gboolean
bench_child_spawn (BenchChild         *child,
                   const char         *program,
                   const char * const *args,
                   const char         *renderer,
                   const char * const *extra_env)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int out_fd;

  g_ptr_array_add (argv, (gpointer) program);
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_setenv (envp, "AFFARI_REPORT_FIRST_FRAME", "1", TRUE);
  if (renderer != NULL)
    envp = g_environ_setenv (envp, "GSK_RENDERER", renderer, TRUE);
  else
    envp = g_environ_unsetenv (envp, "GSK_RENDERER");
  for (guint i = 0; extra_env != NULL && extra_env[i] != NULL; i += 2)
    envp = g_environ_setenv (envp, extra_env[i], extra_env[i + 1], TRUE);

  child->start_ms = bench_now_ms ();
  if (!g_spawn_async_with_pipes (NULL, (char **) argv->pdata, envp, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &child->pid, NULL, &out_fd, NULL, &error))
    {
      g_printerr ("Cannot start %s: %s\n", program, error->message);
      return FALSE;
    }

  child->out = fdopen (out_fd, "r");
  /* Unbuffered, so that a poll on the descriptor tells whether a line is coming. */
  if (child->out != NULL)
    setvbuf (child->out, NULL, _IONBF, 0);
  return child->out != NULL;
}

char *
bench_child_read_line (BenchChild *child,
                       const char *prefix)
{
  char buffer[512];
  GPollFD poll_fd = { fileno (child->out), G_IO_IN | G_IO_HUP, 0 };

  while (g_poll (&poll_fd, 1, 60000) > 0 && fgets (buffer, sizeof buffer, child->out) != NULL)
    {
      g_strchomp (buffer);
      if (g_str_has_prefix (buffer, prefix))
        return g_strdup (buffer);
    }

  return NULL;
}

void
bench_child_stop (BenchChild *child)
{
  kill (child->pid, SIGTERM);
  waitpid (child->pid, NULL, 0);
  g_spawn_close_pid (child->pid);
  g_clear_pointer (&child->out, fclose);
}

double
bench_first_frame_once (const char *program,
                        const char *database,
                        const char *renderer,
                        long       *rss_kb,
                        long       *settled_rss_kb)
{
  const char *app_args[] = { "--database", database, NULL };
  const char *empty_args[] = { "--empty-window", NULL };
  BenchChild child = { 0 };
  g_autofree char *line = NULL;
  double ms;

  if (!bench_child_spawn (&child, program, database != NULL ? app_args : empty_args, renderer, NULL))
    return -1;
  line = bench_child_read_line (&child, "first-frame-ms");
  ms = line != NULL ? bench_now_ms () - child.start_ms : -1;
  if (rss_kb != NULL)
    *rss_kb = bench_rss_kb (child.pid);
  if (settled_rss_kb != NULL)
    {
      /* when the board has built what it leaves for after the first frame */
      g_usleep (2 * G_USEC_PER_SEC);
      *settled_rss_kb = bench_rss_kb (child.pid);
    }
  bench_child_stop (&child);

  return ms;
}
