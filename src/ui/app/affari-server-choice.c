/* affari-server-choice.c — "this computer, or the team's server": what was chosen, told upwards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-server-choice"

#include "config.h"

#include "ui/app/affari-server-choice.h"

G_DEFINE_INTERFACE (AffariServerChoice, affari_server_choice, G_TYPE_OBJECT)

enum {
  USE_LOCAL,
  SERVER_CONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
affari_server_choice_default_init (AffariServerChoiceInterface *iface)
{
  signals[USE_LOCAL] =
    g_signal_new ("use-local", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[SERVER_CONNECTED] =
    g_signal_new ("server-connected", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, AFFARI_TYPE_WORKSPACE, G_TYPE_STRING, G_TYPE_STRING);
}

void
affari_server_choice_use_local (AffariServerChoice *self,
                                gboolean            with_samples)
{
  g_return_if_fail (AFFARI_IS_SERVER_CHOICE (self));

  g_signal_emit (self, signals[USE_LOCAL], 0, with_samples);
}

void
affari_server_choice_server_connected (AffariServerChoice *self,
                                       AffariWorkspace    *workspace,
                                       const char         *url,
                                       const char         *login)
{
  g_return_if_fail (AFFARI_IS_SERVER_CHOICE (self));
  g_return_if_fail (AFFARI_IS_WORKSPACE (workspace));

  g_signal_emit (self, signals[SERVER_CONNECTED], 0, workspace, url, login);
}

static void
on_use_local_cb (AffariServerChoice *from,
                 gboolean            with_samples,
                 AffariServerChoice *to)
{
  affari_server_choice_use_local (to, with_samples);
}

static void
on_server_connected_cb (AffariServerChoice *from,
                        AffariWorkspace    *workspace,
                        const char         *url,
                        const char         *login,
                        AffariServerChoice *to)
{
  affari_server_choice_server_connected (to, workspace, url, login);
}

void
affari_server_choice_forward (AffariServerChoice *from,
                              AffariServerChoice *to)
{
  g_return_if_fail (AFFARI_IS_SERVER_CHOICE (from));
  g_return_if_fail (AFFARI_IS_SERVER_CHOICE (to));

  g_signal_connect_object (from, "use-local", G_CALLBACK (on_use_local_cb), to, 0);
  g_signal_connect_object (from, "server-connected", G_CALLBACK (on_server_connected_cb), to, 0);
}
