/* affari-server-choice.h — "this computer, or the team's server": what was chosen, told upwards
 *
 * The server form, the welcome, Preferenze's "Server" page and Preferenze itself all say the
 * same two things to whoever made them, and none of them opens anything: the application does.
 * Each implements this interface (its signals), and hands on what a child said with
 * affari_server_choice_forward ().
 *
 * Signals:
 *   "use-local" (gboolean with_samples)   the database on this computer
 *   "server-connected" (AffariWorkspace *workspace, const char *url, const char *login)
 *       connected to the team's server; @url without its password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_SERVER_CHOICE (affari_server_choice_get_type ())
G_DECLARE_INTERFACE (AffariServerChoice, affari_server_choice, AFFARI, SERVER_CHOICE, GObject)

struct _AffariServerChoiceInterface
{
  GTypeInterface parent_iface;
};

void affari_server_choice_use_local        (AffariServerChoice *self,
                                            gboolean            with_samples);
void affari_server_choice_server_connected (AffariServerChoice *self,
                                            AffariWorkspace    *workspace,
                                            const char         *url,
                                            const char         *login);
/* @to emits what @from emits, for as long as both live. */
void affari_server_choice_forward          (AffariServerChoice *from,
                                            AffariServerChoice *to);

G_END_DECLS
