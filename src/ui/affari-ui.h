/* affari-ui.h — things every part of the user interface needs once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the compiled-in resources (.ui, style.css, help overlay). Safe to call many times.
 * The resources live in a static library, where a constructor would be dropped by the linker. */
void affari_ui_ensure_resources (void);

G_END_DECLS
