/* affari-settings-lists.h — the "Lists" page of Preferenze: deal types and sources, currencies
 * in use with the main one, the product catalogue (name, unit, price, VAT) and the team
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_SETTINGS_LISTS (affari_settings_lists_get_type ())
G_DECLARE_FINAL_TYPE (AffariSettingsLists, affari_settings_lists, AFFARI, SETTINGS_LISTS, AdwPreferencesPage)

/* Actions: lists.add ((is): 0 types / 1 sources, name), lists.rename ((iss)), lists.move ((isi)),
 * lists.delete ((is)); lists.add-currency (s), lists.set-base-currency (s), lists.remove-currency (s);
 * lists.add-product, lists.edit-product (x), lists.delete-product (x);
 * lists.add-member (s), lists.rename-member ((xs)), lists.set-member-active ((xb)). */
GtkWidget *affari_settings_lists_new (AffariWorkspace *workspace);

G_END_DECLS
