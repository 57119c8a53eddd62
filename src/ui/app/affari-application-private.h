/* affari-application-private.h — what affari-application.c and affari-application-switch.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ops/affari-activity-notifier.h"
#include "ui/app/affari-application.h"
#include "ui/app/affari-welcome.h"

G_BEGIN_DECLS

struct _AffariApplication
{
  AdwApplication  parent_instance;

  char           *database_path;
  char           *server_url;     /* affari --server URL, as given */
  GCancellable   *connecting;     /* the start-up's connection to the server, while it runs */
  AffariWorkspace    *workspace;
  GSettings      *settings;
  gint64          start_time;

  guint           sigterm_source;
  guint           sigint_source;

  AffariActivityNotifier *notifier;
  guint           checks_source;  /* the start-up checks, a moment after the first frame */
  gboolean        create_confirmed; /* the person agreed to a new database at --database */
  gboolean        checks_done;
};

/* affari-application.c: what failed, and what to do, when a database file cannot be opened. */
void _affari_application_show_open_error         (AffariApplication *self,
                                                  const char        *path,
                                                  const GError      *error);

/* affari-application-switch.c */
/* Closes every window (the welcome and Preferenze too) and the workspace; the caller holds the
 * application meanwhile, and opens the next one with _affari_application_reopen (). */
void _affari_application_close_windows_and_workspace (AffariApplication *self);
/* A window on the workspace now set (or the one activation opens), with @message as a toast. */
void _affari_application_reopen                  (AffariApplication *self,
                                                  const char        *message);
/* Opens the server on a worker thread: the window opens once connected, or a dialog says why
 * not (the password again, or "Riprova" / "Usa questo computer"). @password NULL: the keyring's. */
void _affari_application_connect_to_server       (AffariApplication *self,
                                                  const char        *url,
                                                  const char        *login,
                                                  const char        *password,
                                                  gboolean           remember);
/* The welcome, its choices listened to. */
AffariWelcome *_affari_application_new_welcome   (AffariApplication *self);
/* The "use-local" and "server-connected" signals of the welcome and of Preferenze. */
void _affari_application_on_use_local_cb         (GObject           *source,
                                                  gboolean           with_samples,
                                                  AffariApplication *self);
void _affari_application_on_server_connected_cb  (GObject           *source,
                                                  AffariWorkspace   *workspace,
                                                  const char        *url,
                                                  const char        *login,
                                                  AffariApplication *self);

G_END_DECLS
