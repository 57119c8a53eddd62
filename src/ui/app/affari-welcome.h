/* affari-welcome.h — the first start: on this computer alone, or with the team on a server
 *
 * Shown when there is neither a database at the usual place nor a team server in the settings.
 * It opens nothing itself: it says what was chosen (AffariServerChoice: "use-local" for "Da solo
 * su questo computer", "server-connected" for "Con il team, su un server" once connected), and
 * the application opens it.
 * Actions: welcome.use-local, welcome.show-server-form, welcome.back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AFFARI_TYPE_WELCOME (affari_welcome_get_type ())
G_DECLARE_FINAL_TYPE (AffariWelcome, affari_welcome, AFFARI, WELCOME, AdwApplicationWindow)

AffariWelcome *affari_welcome_new             (GtkApplication *application);
/* While the start-up connects to the server at @url (shown without its password): a spinner in
 * place of the choices, so that something is on screen at once. */
void           affari_welcome_show_connecting (AffariWelcome  *self,
                                               const char     *url);

G_END_DECLS
