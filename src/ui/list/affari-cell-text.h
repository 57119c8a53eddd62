/* affari-cell-text.h — one line of text in a table cell, shaped only when it is drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define AFFARI_TYPE_CELL_TEXT (affari_cell_text_get_type ())
G_DECLARE_FINAL_TYPE (AffariCellText, affari_cell_text, AFFARI, CELL_TEXT, GtkWidget)

/* GTK 4.8's list views keep about 200 rows alive and measure every one: a GtkLabel shapes its
 * text for that, an AffariCellText does not. Its height is one line of its font, its width the
 * column's; the text is laid out (ellipsized) only when the cell is on screen. The text is
 * also its accessible label. */
GtkWidget  *affari_cell_text_new       (void);
const char *affari_cell_text_get_text  (AffariCellText *self);
void        affari_cell_text_set_text  (AffariCellText *self,
                                        const char     *text);
void        affari_cell_text_set_xalign (AffariCellText *self,
                                         float           xalign);
/* The layout it drew last (shared with every cell that draws the same text alike); NULL until
 * drawn. For tests. */
PangoLayout *affari_cell_text_get_layout (AffariCellText *self);

G_END_DECLS
