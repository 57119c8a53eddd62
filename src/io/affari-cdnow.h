/* affari-cdnow.h — the CDNOW sample of Fader and Hardie, read for the BG/NBD model
 *
 * One purchase a line: customer id, a second id, the day (YYYYMMDD), CDs bought, dollars. The
 * reference figures of the paper use weeks, a calibration period from 1997-01-01 to
 * 1997-09-30 and purchases of the same day merged into one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "model/affari-bgnbd.h"

G_BEGIN_DECLS

/* The customers of the file at @path, one AffariBgnbdCustomer each (in weeks, up to
 * @calibration_end), and in @holdout (nullable) the repeat purchases each made after it up to
 * @holdout_end (a gdouble each, in the same order). NULL with an error in the user's language
 * naming the line for a file that is missing or malformed. */
GArray *affari_cdnow_read (const char   *path,
                           const GDate  *calibration_end,
                           const GDate  *holdout_end,
                           GArray      **holdout,
                           GError      **error);

G_END_DECLS
