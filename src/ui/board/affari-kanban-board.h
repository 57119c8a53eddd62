/* affari-kanban-board.h — the Kanban board: a column per stage of a pipeline, cards dragged
 * between them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/affari-store.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_KANBAN_BOARD (affari_kanban_board_get_type ())
G_DECLARE_FINAL_TYPE (AffariKanbanBoard, affari_kanban_board, AFFARI, KANBAN_BOARD, GtkWidget)

typedef struct _AffariKanbanCard AffariKanbanCard;
typedef struct _AffariKanbanColumn AffariKanbanColumn;

/* Actions (every drag, menu item and shortcut goes through them):
 *   kanban.move-deal  (xxi)  deal id, stage id, index among the other deals of the stage
 *                            (0 = top, -1 = bottom); moves the selected cards too when the deal
 *                            is one of them; asks for a reason first on a lost stage
 *   kanban.trash-deal (x)    moves the deal (and the selected cards with it) to the trash
 *   kanban.open-deal  (x)    opens the deal (deal.open, or a read-only summary)
 *   kanban.undo              undoes the last move or delete (also the toast's "Annulla")
 * Properties: "store", "pipeline-id". */
GtkWidget   *affari_kanban_board_new                (void);
AffariStore *affari_kanban_board_get_store          (AffariKanbanBoard *self);
void         affari_kanban_board_set_store          (AffariKanbanBoard *self,
                                                     AffariStore       *store);
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
/* The drop zones shown along the bottom while dragging; each has a GtkDropTarget. */
GtkWidget   *affari_kanban_board_get_drop_zones     (AffariKanbanBoard *self);
gboolean     affari_kanban_board_get_dragging       (AffariKanbanBoard *self);
gboolean     affari_kanban_board_is_deal_dragged    (AffariKanbanBoard *self,
                                                     gint64             deal_id);

/* For the cards and columns. */
void         affari_kanban_board_drag_begin         (AffariKanbanBoard *self,
                                                     AffariKanbanCard  *card);
void         affari_kanban_board_drag_end           (AffariKanbanBoard *self);
/* Esc or a drop where nothing takes it: the board and the card's column scroll back too. */
void         affari_kanban_board_drag_cancel        (AffariKanbanBoard *self);
void         affari_kanban_board_note_drop          (AffariKanbanBoard *self);
/* Scrolls the board as little as needed to show @column whole. */
void         affari_kanban_board_scroll_to_column   (AffariKanbanBoard  *self,
                                                     AffariKanbanColumn *column);
/* The next kanban.move-deal of @deal_id takes the keyboard focus along to the card's new place
 * (a card moved from the keyboard or its menu). */
void         affari_kanban_board_follow_focus       (AffariKanbanBoard *self,
                                                     gint64             deal_id);

G_END_DECLS
