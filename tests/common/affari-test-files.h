/* affari-test-files.h — the files a test leaves behind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Removes @path and everything below it (a test's temporary folder, the daily backups in it). */
void affari_test_remove_tree (const char *path);

G_END_DECLS
