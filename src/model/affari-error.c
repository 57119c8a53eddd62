/* affari-error.c — the project's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-error.h"

G_DEFINE_QUARK (affari-error-quark, affari_error)
