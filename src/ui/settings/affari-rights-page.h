/* affari-rights-page.h — the "Permessi" page of Preferenze (team mode, #21): what each role may
 * read, add, edit and delete in each pipeline, the logins' roles, the departments and their heads
 *
 * Every change is written to the server at once; a refusal shows the store's sentence as a toast
 * (prefs.toast) and puts the row back. For a login that is not an administrator the page shows
 * the rights read-only: the server would refuse the changes anyway.
 * Actions: rights.add-role, rights.add-department.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_RIGHTS_PAGE (affari_rights_page_get_type ())
G_DECLARE_FINAL_TYPE (AffariRightsPage, affari_rights_page, AFFARI, RIGHTS_PAGE, AdwPreferencesPage)

/* @workspace must be on a team's server. */
GtkWidget *affari_rights_page_new (AffariWorkspace *workspace);

G_END_DECLS
