/* affari-keyring.h — the team server's password in the desktop keyring, and its address
 *
 * Team mode (#21) keeps the server's address and login in GSettings and the password only in the
 * desktop keyring (libsecret: GNOME Keyring, KWallet, the Flatpak secret portal), under the schema
 * "io.github.affari.Affari.Server" with the attributes "server" (the address without a password)
 * and "login". Built without libsecret, nothing is kept: the password is asked at each start.
 * No GTK; the calls block for a D-Bus round trip (call them at connect time or from a thread).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* TRUE when this build can keep passwords (it was built with libsecret). */
gboolean  affari_keyring_is_supported       (void);
/* Keeps @password for @login on the server at @url (its password, if any, is not part of the
 * key); replaces the one kept before. FALSE with @error when no keyring answers. */
gboolean  affari_keyring_store_password     (const char    *url,
                                             const char    *login,
                                             const char    *password,
                                             GCancellable  *cancellable,
                                             GError       **error);
/* The password kept for @login on @url: a new string, or NULL (without @error when none is kept,
 * with @error when the keyring could not be asked). */
char     *affari_keyring_lookup_password    (const char    *url,
                                             const char    *login,
                                             GCancellable  *cancellable,
                                             GError       **error);
/* Forgets the password of @login on @url; TRUE also when none was kept. */
gboolean  affari_keyring_clear_password     (const char    *url,
                                             const char    *login,
                                             GCancellable  *cancellable,
                                             GError       **error);

/* ---- the server's address ---- */
/* @url (a libpq URI "postgresql://user:secret@host/db?password=…" or "host=… password=…") without
 * any password in it: what GSettings, the keyring's attributes and the windows may show. */
char     *affari_server_url_strip_password  (const char *url);
/* @url with @login as its user (replacing one it names); @url itself when @login is empty. */
char     *affari_server_url_with_login      (const char *url,
                                             const char *login);
/* The user named in @url, or NULL. */
char     *affari_server_url_dup_login       (const char *url);

G_END_DECLS
