/* affari-server-page.h — the "Server" page of Preferenze: where the data is, and switching
 * between the database on this computer and the team's server
 *
 * It shows the same connection form as the welcome (AffariServerForm) and opens nothing itself:
 * its AffariServerChoice signals say what was chosen ("use-local" always without sample deals),
 * and the application switches.
 * Actions: server.show-form (shows or hides the form), server.use-local.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_SERVER_PAGE (affari_server_page_get_type ())
G_DECLARE_FINAL_TYPE (AffariServerPage, affari_server_page, AFFARI, SERVER_PAGE, AdwPreferencesPage)

/* @local_path: the database file "Usa il database su questo computer" opens. */
GtkWidget *affari_server_page_new (AffariWorkspace *workspace,
                                   const char      *local_path);

G_END_DECLS
