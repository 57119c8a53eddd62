/* affari-file-sink.h — a file that appears whole or not at all (the exports write through it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The file being written: a hidden sibling of the destination, renamed over it at the end. */
typedef struct {
  char *path;
  char *tmp_path;
  int   fd;
} AffariFileSink;

#define AFFARI_FILE_SINK_INIT { NULL, NULL, -1 }

/* Creates the hidden sibling of @path; the error says what to do in the user's words. */
gboolean affari_file_sink_open  (AffariFileSink *sink, const char *path, GError **error);
/* Writes @text and empties it. */
gboolean affari_file_sink_write (AffariFileSink *sink, GString *text, GError **error);
/* Renames the finished file over the destination (@ok), or removes what was written. */
gboolean affari_file_sink_close (AffariFileSink *sink, gboolean ok, GError **error);

G_END_DECLS
