/* affari-test-server.h — a test's databases on the team's server (affari-test-server.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/affari-store.h"

G_BEGIN_DECLS

/* What affari_store_open (@path) gives, on a new database of the server of PG_ADMIN_URL. */
AffariStore *affari_test_server_open (const char *path, GError **error);

G_END_DECLS
