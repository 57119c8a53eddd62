/* affari-kanban-board.h — the Kanban board: a column per stage of a pipeline, cards dragged
 * between them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_KANBAN_BOARD (affari_kanban_board_get_type ())
G_DECLARE_FINAL_TYPE (AffariKanbanBoard, affari_kanban_board, AFFARI, KANBAN_BOARD, GtkWidget)

typedef struct _AffariKanbanCard AffariKanbanCard;
typedef struct _AffariKanbanColumn AffariKanbanColumn;

/* The board is the AffariCardHost of its cards, columns and drop zones: it adds the selected
 * cards to a move or a trashing and hands it to the window's deal.move, deal.trash, deal.open.
 * Properties: "workspace", "pipeline-id". */
GtkWidget   *affari_kanban_board_new                (void);
AffariWorkspace *affari_kanban_board_get_workspace      (AffariKanbanBoard *self);
void         affari_kanban_board_set_workspace      (AffariKanbanBoard *self,
                                                     AffariWorkspace   *workspace);
gint64       affari_kanban_board_get_pipeline_id    (AffariKanbanBoard *self);
void         affari_kanban_board_set_pipeline_id    (AffariKanbanBoard *self,
                                                     gint64             pipeline_id);
/* Shows only the deals matching @text (title, client, comments), or all with NULL. */
void         affari_kanban_board_set_filter_text    (AffariKanbanBoard *self,
                                                     const char        *text);
/* ---- list and filters ---- */
/* Shows only the deals matching the window's @filter (criteria only; NULL = none); the column
 * headers then count and total the filtered deals, marked "(filtrati)". */
void         affari_kanban_board_set_filter         (AffariKanbanBoard     *self,
                                                     const AffariDealQuery *filter);
/* The columns, in stage order. */
guint        affari_kanban_board_get_n_columns      (AffariKanbanBoard *self);
AffariKanbanColumn *affari_kanban_board_get_column  (AffariKanbanBoard *self,
                                                     guint              index);
AffariKanbanColumn *affari_kanban_board_find_column (AffariKanbanBoard *self,
                                                     gint64             stage_id);
/* The stage before (@direction -1) or after (+1) @stage_id among the columns, or 0. */
gint64       affari_kanban_board_get_adjacent_stage (AffariKanbanBoard *self,
                                                     gint64             stage_id,
                                                     int                direction);
/* The drop zones shown along the bottom while dragging (AffariKanbanDropZones). */
GtkWidget   *affari_kanban_board_get_drop_zones     (AffariKanbanBoard *self);
gboolean     affari_kanban_board_get_dragging       (AffariKanbanBoard *self);
gboolean     affari_kanban_board_is_deal_dragged    (AffariKanbanBoard *self,
                                                     gint64             deal_id);

/* Scrolls the board as little as needed to show @column whole. */
void         affari_kanban_board_scroll_to_column   (AffariKanbanBoard  *self,
                                                     AffariKanbanColumn *column);

/* Narrow (below about 600 pixels, a phone): one column at a time, the page in view; paging
 * while the board is sliding or settling on a page. Actions: board.previous-column,
 * board.next-column. */
gboolean     affari_kanban_board_get_narrow         (AffariKanbanBoard *self);
guint        affari_kanban_board_get_page           (AffariKanbanBoard *self);
gboolean     affari_kanban_board_get_paging         (AffariKanbanBoard *self);

/* The operations a new deal is created with (the columns' "+"): the window's. */
typedef struct _AffariDealOps AffariDealOps;
void affari_kanban_board_set_ops (AffariKanbanBoard *self, AffariDealOps *ops);

G_END_DECLS
