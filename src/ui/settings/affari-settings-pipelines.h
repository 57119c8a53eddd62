/* affari-settings-pipelines.h — the "Pipeline" page of Preferenze: add, rename, reorder and
 * delete pipelines; each opens its stages and card fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_SETTINGS_PIPELINES (affari_settings_pipelines_get_type ())
G_DECLARE_FINAL_TYPE (AffariSettingsPipelines, affari_settings_pipelines, AFFARI, SETTINGS_PIPELINES, AdwPreferencesPage)

/* Actions: pipelines.add, pipelines.edit (x), pipelines.move ((xi): id, -1 up / +1 down),
 * pipelines.delete (x: asks where its deals go when it holds any). */
GtkWidget *affari_settings_pipelines_new (AffariWorkspace *workspace);

G_END_DECLS
