/* affari-server-connect.h — opening the team's server off the main thread, with the keyring
 *
 * What the welcome, Preferenze and the start-up share: the password (given, or the keyring's),
 * the connection (libpq can wait seconds on an unreachable host: a worker thread, the window
 * stays live), and afterwards the password kept in or removed from the keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

/* Opens the server at @url as @login (empty: the user @url names). @password NULL: the keyring's
 * (none kept: no password, as a server trusting its Unix socket wants). With a @password, once
 * connected it is kept in the keyring when @remember, removed from it otherwise: on a thread of its
 * own, not waited for (the keyring may ask the person for a new keyring's password). */
void             affari_server_connect_async  (const char          *url,
                                               const char          *login,
                                               const char          *password,
                                               gboolean             remember,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* The workspace on the server, or NULL with the store's error (AFFARI_ERROR_OFFLINE when the
 * server cannot be reached). */
AffariWorkspace *affari_server_connect_finish (GAsyncResult        *result,
                                               GError             **error);
/* TRUE when @error means the login or password were refused (ask for them again) rather than
 * that the server could not be reached or is not an Affari server. */
gboolean         affari_server_error_is_auth  (const GError        *error);

G_END_DECLS
