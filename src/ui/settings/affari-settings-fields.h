/* affari-settings-fields.h — the "Fields" page of Preferenze: custom deal fields (text, number,
 * money, date, yes/no, list with editable values, link), required or not, in the list or not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_SETTINGS_FIELDS (affari_settings_fields_get_type ())
G_DECLARE_FINAL_TYPE (AffariSettingsFields, affari_settings_fields, AFFARI, SETTINGS_FIELDS, AdwPreferencesPage)

/* Actions: fields.add and fields.edit (x) open a dialog (an AdwMessageDialog whose "save"
 * response stores it; its widgets are reachable as object data "affari-name", "affari-kind",
 * "affari-mandatory", "affari-in-list", "affari-items"), fields.move ((xi)), fields.delete (x). */
GtkWidget *affari_settings_fields_new (AffariWorkspace *workspace);

/* What a kind is called in the interface ("Elenco"…). */
const char *affari_settings_field_kind_label (AffariFieldKind kind);

G_END_DECLS
