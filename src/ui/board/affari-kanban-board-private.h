/* affari-kanban-board-private.h — the board's parts, one idea a file: the board itself
 * (affari-kanban-board.c), the card host with the drag state (affari-kanban-board-host.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ops/affari-deal-ops.h"

#include "ui/board/affari-kanban-board.h"
#include "ui/board/affari-kanban-column.h"
#include "ui/board/affari-kanban-drop-zones.h"
#include "ui/common/affari-card-host.h"
#include "ui/common/affari-edge-scroller.h"

G_BEGIN_DECLS

struct _AffariKanbanBoard
{
  GtkWidget          parent_instance;

  AffariWorkspace   *workspace;
  AffariDealOps     *ops;               /* what the window changes deals with (creation) */
  gint64             pipeline_id;
  char              *currency;
  char              *filter_text;
  AffariDealQuery   *filter;            /* the window's filter, or NULL */
  GPtrArray         *columns;        /* AffariKanbanColumn, unowned (children of columns_box) */
  gulong             rows_paint_handler;  /* waits for the first frame of new columns */
  guint              rows_source;         /* gives the columns in view all their rows */
  GMenu             *card_menu;
  GtkSizeGroup      *headers;        /* the columns' headers, of one height: cards start level */

  /* a drag in progress */
  gboolean           dragging;
  GHashTable        *dragged;        /* deal id set */
  AffariEdgeScroller *hscroller;      /* near the left and right edges */
  double             origin_hvalue;   /* where the board and the card's column were scrolled */
  double             origin_vvalue;
  AffariKanbanColumn *origin_column;  /* unowned; NULL when the columns are rebuilt */

  gint64             follow_deal;     /* the next move of this deal takes the keyboard focus along */

  /* template */
  GtkOverlay        *overlay;
  GtkScrolledWindow *scroller;
  GtkBox            *columns_box;
  GtkRevealer       *zones_revealer;
  AffariKanbanDropZones *zones_box;
};

/* affari-kanban-board.c */
void     _affari_kanban_board_queue_fill_columns (AffariKanbanBoard       *self);

/* affari-kanban-board-host.c */
void     _affari_kanban_board_host_iface_init    (AffariCardHostInterface *iface);
/* The workspace's change set arrived: the cards it created, moved or brought back are scrolled
 * into view and marked; a card moved from the keyboard takes the focus along. */
void     _affari_kanban_board_follow_change      (AffariKanbanBoard       *self,
                                                  AffariChangeSet         *set);

G_END_DECLS
