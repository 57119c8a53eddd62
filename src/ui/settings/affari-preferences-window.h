/* affari-preferences-window.h — who you are, where the data lives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_PREFERENCES_WINDOW (affari_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (AffariPreferencesWindow, affari_preferences_window, AFFARI, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Actions: prefs.copy-path (puts the database path on the clipboard); for the pages inside it,
 * prefs.toast (s), prefs.close-subpage, prefs.open-pipeline (x: its stages) and
 * prefs.open-card-layout (x: its card fields).
 * An AffariServerChoice: it emits what its "Server" page chose (the application switches). */
AffariPreferencesWindow *affari_preferences_window_new (GtkWindow   *parent,
                                                       AffariWorkspace *workspace);

G_END_DECLS
