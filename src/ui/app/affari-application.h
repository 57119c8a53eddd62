/* affari-application.h — the Affari application: command line, workspace, app-wide actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_APPLICATION (affari_application_get_type ())
G_DECLARE_FINAL_TYPE (AffariApplication, affari_application, AFFARI, APPLICATION, AdwApplication)

/* @start_time is g_get_monotonic_time () at the start of main () (0 when unknown); the window
 * measures its first frame from it when AFFARI_REPORT_FIRST_FRAME=1. */
AffariApplication *affari_application_new               (gint64 start_time);
/* The database opened on activation; NULL means affari_workspace_default_path (). */
const char        *affari_application_get_database_path (AffariApplication *self);
void               affari_application_set_database_path (AffariApplication *self,
                                                         const char        *path);
/* The open workspace, or NULL before activation or when opening failed. */
AffariWorkspace   *affari_application_get_workspace     (AffariApplication *self);
/* The application's settings, or NULL when the schema is not installed. */
GSettings         *affari_application_get_settings      (AffariApplication *self);
gint64             affari_application_get_start_time    (AffariApplication *self);
/* Saves the state of every window, closes them and quits. */
void               affari_application_quit_cleanly      (AffariApplication *self);
/* Puts the backup at @backup in place of the open database (after the window asked to confirm):
 * the windows close and a new one opens on the restored deals, with a toast saying what was done. */
void               affari_application_restore_backup    (AffariApplication *self,
                                                         const char        *backup);

G_END_DECLS
