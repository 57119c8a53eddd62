/* affari-error.h — the project's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AFFARI_ERROR (affari_error_quark ())

typedef enum {
  AFFARI_ERROR_FAILED,        /* anything else; the SQLite message is kept */
  AFFARI_ERROR_NOT_AFFARI,    /* the file is not an Affari database */
  AFFARI_ERROR_TOO_NEW,       /* written by a newer Affari */
  AFFARI_ERROR_CORRUPT,       /* the database file is damaged */
  AFFARI_ERROR_LOCKED,        /* another program holds the database */
  AFFARI_ERROR_FULL,          /* the disk is full */
  AFFARI_ERROR_READ_ONLY,     /* cannot write the file */
  AFFARI_ERROR_IO,            /* the operating system failed a read or write */
  AFFARI_ERROR_INVALID,       /* user input rejected (bad amount, date, text…) */
  AFFARI_ERROR_NOT_FOUND,     /* the object does not exist (any more) */
  AFFARI_ERROR_CONSTRAINT,    /* a rule of the data model would be broken */
  AFFARI_ERROR_PARSE,         /* an imported file is malformed */
  AFFARI_ERROR_TOO_OLD,       /* written by an older Affari, not updated (opened read-only) */
  AFFARI_ERROR_CONFLICT,      /* the deal was changed since it was read: the write is refused */
  AFFARI_ERROR_OFFLINE,       /* team mode: the server cannot be reached; nothing was written */
  AFFARI_ERROR_FORBIDDEN,     /* team mode: the server refused it (the login's access rights) */
} AffariError;

GQuark affari_error_quark (void);

G_END_DECLS
