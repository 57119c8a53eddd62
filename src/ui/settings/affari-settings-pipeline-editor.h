/* affari-settings-pipeline-editor.h — one pipeline in Preferenze: its name, its stages (add,
 * "Crea fase di fallimento", rename, colour, reorder by drag-and-drop or up/down, delete with
 * the stage its deals go to) and the way to its card fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_SETTINGS_PIPELINE_EDITOR (affari_settings_pipeline_editor_get_type ())
G_DECLARE_FINAL_TYPE (AffariSettingsPipelineEditor, affari_settings_pipeline_editor, AFFARI, SETTINGS_PIPELINE_EDITOR, GtkBox)

/* Actions: stages.add, stages.add-lost, stages.rename ((xs)), stages.set-color ((xs)),
 * stages.move ((xi)), stages.delete (x), stages.edit-card. Every stage row is a drop target of
 * AffariStage (drag a row onto another to put it there). */
GtkWidget *affari_settings_pipeline_editor_new (AffariWorkspace *workspace,
                                                gint64       pipeline_id);
gint64     affari_settings_pipeline_editor_get_pipeline_id (AffariSettingsPipelineEditor *self);

G_END_DECLS
