/* affari-server-form.h — the team server's address, user and password, and "Connetti"
 *
 * The one form the welcome and Preferenze show. It checks what was written (an empty address is
 * refused inline, in Italian), connects on a worker thread with a spinner on the button, keeps or
 * forgets the password in the desktop keyring as asked, and says why a connection failed under
 * the fields. On success it emits AffariServerChoice's "server-connected" and does nothing else:
 * its owner decides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_SERVER_FORM (affari_server_form_get_type ())
G_DECLARE_FINAL_TYPE (AffariServerForm, affari_server_form, AFFARI, SERVER_FORM, AdwBin)

GtkWidget  *affari_server_form_new         (void);
/* Fills the address and the user (a server used before); @url may be NULL. */
void        affari_server_form_set_values  (AffariServerForm *self,
                                            const char       *url,
                                            const char       *login);
/* Validates and connects, as the "Connetti" button does (action server-form.connect). */
void        affari_server_form_connect     (AffariServerForm *self);
/* TRUE while connecting. */
gboolean    affari_server_form_is_busy     (AffariServerForm *self);
/* The sentence shown under the fields, NULL when none. */
const char *affari_server_form_get_error   (AffariServerForm *self);

G_END_DECLS
