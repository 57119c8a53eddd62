/* affari-stage-dot.h — a small dot in a stage's colour
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define AFFARI_TYPE_STAGE_DOT (affari_stage_dot_get_type ())
G_DECLARE_FINAL_TYPE (AffariStageDot, affari_stage_dot, AFFARI, STAGE_DOT, GtkWidget)

/* Properties: "color" (a CSS colour such as "#39A8EF"; NULL or invalid draws a neutral grey). */
GtkWidget  *affari_stage_dot_new       (const char     *color);
const char *affari_stage_dot_get_color (AffariStageDot *self);
void        affari_stage_dot_set_color (AffariStageDot *self,
                                        const char     *color);

G_END_DECLS
