/* affari-file-sink.c — a file that appears whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "model/affari-error.h"

#include "affari-file-sink.h"

static gboolean
set_write_error (GError **error, int saved_errno, const char *path)
{
  g_autofree char *name = g_filename_display_name (path);

  if (saved_errno == ENOSPC || saved_errno == EDQUOT || saved_errno == EFBIG)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_FULL,
                 _("There is no room left on the disk for “%s”. Nothing was written: free some space and try again."), name);
  else
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_IO, _("Could not write “%s”: %s"), name, g_strerror (saved_errno));
  return FALSE;
}

gboolean
affari_file_sink_open (AffariFileSink *sink, const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp_name = g_strdup_printf (".%s.XXXXXX", base);

  sink->path = g_strdup (path);
  sink->tmp_path = g_build_filename (dir, tmp_name, NULL);
  sink->fd = g_mkstemp_full (sink->tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (sink->fd < 0)
    {
      int saved_errno = errno;
      g_clear_pointer (&sink->tmp_path, g_free);
      g_clear_pointer (&sink->path, g_free);
      return set_write_error (error, saved_errno, path);
    }
  return TRUE;
}

gboolean
affari_file_sink_write (AffariFileSink *sink, GString *text, GError **error)
{
  gsize done = 0;

  while (done < text->len)
    {
      gssize n = write (sink->fd, text->str + done, text->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return set_write_error (error, n < 0 ? errno : ENOSPC, sink->path);
      done += (gsize) n;
    }
  g_string_truncate (text, 0);
  return TRUE;
}

gboolean
affari_file_sink_close (AffariFileSink *sink, gboolean ok, GError **error)
{
  if (sink->fd >= 0)
    {
      if (ok && fsync (sink->fd) != 0)
        ok = set_write_error (error, errno, sink->path);
      if (close (sink->fd) != 0 && ok)
        ok = set_write_error (error, errno, sink->path);
      sink->fd = -1;
    }
  if (ok && sink->tmp_path != NULL && g_rename (sink->tmp_path, sink->path) != 0)
    ok = set_write_error (error, errno, sink->path);
  if (!ok && sink->tmp_path != NULL)
    g_unlink (sink->tmp_path);
  g_clear_pointer (&sink->tmp_path, g_free);
  g_clear_pointer (&sink->path, g_free);
  return ok;
}
