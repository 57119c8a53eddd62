/* affari-content-lines.h — the "NAME;PARAM=x:value" lines that iCalendar (RFC 5545) and vCard
 * (RFC 6350, 2426, and 2.1) files are made of, read once for both readers
 *
 * Lines are unfolded (a line that starts with a space or tab continues the one before); with
 * @qp_soft_breaks, a vCard 2.1 quoted-printable value that ends with "=" continues on the next
 * line as well, as Android phones write long notes. No GTK, no store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint      line;     /* the line of the file where it starts (from 1), for messages */
  char      *name;     /* upper case, without the "item1." group */
  GPtrArray *params;   /* "KEY=value" (quotes removed) or bare "VALUE" (2.1), as written */
  char      *value;    /* raw: still escaped (and quoted-printable, if the parameters say so) */
} AffariContentLine;

void        affari_content_line_free       (AffariContentLine *line);
/* The bytes of the file at @path, at most @max_bytes (a mapping: nothing is copied). Fails with
 * an Italian @error: AFFARI_ERROR_IO when it cannot be read, AFFARI_ERROR_INVALID with
 * @too_large when it is larger. */
GMappedFile *affari_content_file_map       (const char *path, gsize max_bytes, const char *too_large, GError **error);
/* The logical lines of @length bytes of @data (AffariContentLine); lines without ":" are skipped. */
GPtrArray  *affari_content_lines_split     (const char *data, gsize length, gboolean qp_soft_breaks);
/* The value of the parameter @key ("TZID"), NULL when it is not there. */
const char *affari_content_line_get_param  (const AffariContentLine *line, const char *key);
/* Whether @word is a bare parameter ("PREF"), a parameter's key ("PREF=1") or one of the
 * comma-separated values of a parameter ("TYPE=cell,pref", "ENCODING=QUOTED-PRINTABLE"). */
gboolean    affari_content_line_has        (const AffariContentLine *line, const char *word);

/* TEXT unescaping: "\\" "\;" "\," "\n" "\N" (the inverse of affari_ics_escape_text ()). */
char       *affari_content_unescape        (const char *text, gssize length);
/* The components of a structured value split on unescaped @separator (';' for N and ORG),
 * each unescaped. */
GStrv       affari_content_split           (const char *value, char separator);

G_END_DECLS
