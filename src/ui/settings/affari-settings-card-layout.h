/* affari-settings-card-layout.h — the card fields of one pipeline in Preferenze: sections (add,
 * rename, reorder, delete) holding fields (show, hide, reorder, move between sections), and
 * the reset to the default card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_SETTINGS_CARD_LAYOUT (affari_settings_card_layout_get_type ())
G_DECLARE_FINAL_TYPE (AffariSettingsCardLayout, affari_settings_card_layout, AFFARI, SETTINGS_CARD_LAYOUT, GtkBox)

/* Actions (every change is stored at once): layout.toggle-field (s: field code),
 * layout.move-field ((si): code, -1 up / +1 down), layout.move-to-section ((ss): code, section name),
 * layout.add-section, layout.rename-section ((ss): name, title), layout.move-section ((si)),
 * layout.delete-section (s: its fields go to the section before it), layout.reset. */
GtkWidget *affari_settings_card_layout_new (AffariWorkspace *workspace,
                                            gint64       pipeline_id);

G_END_DECLS
