/* affari-kanban-board-private.h — the board's parts, one idea a file: the board itself
 * (affari-kanban-board.c), the card host with the drag state (affari-kanban-board-host.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-deal-ops.h"

#include "ui/board/affari-kanban-board.h"
#include "ui/board/affari-kanban-column.h"
#include "ui/board/affari-kanban-drop-zones.h"
#include "ui/common/affari-card-host.h"
#include "ui/common/affari-edge-scroller.h"
#include "ui/common/affari-narrow-layout.h"

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

  /* narrow (a phone): one column a page (affari-kanban-board-pager.c) */
  gboolean           narrow;
  int                narrow_width;    /* the width the columns were sized for */
  guint              page;            /* the column in view */
  AdwAnimation      *page_animation;  /* the board sliding to a page */
  gboolean           paging;          /* the board scrolls itself: no snapping back */
  guint              snap_source;     /* a scroll by hand settles on the nearest page */
  guint              flip_source;     /* a card held at an edge: the next page after a while */
  int                flip_direction;

  /* template */
  GtkWidget         *pager;
  AdwWindowTitle    *page_title;
  GtkOverlay        *overlay;
  GtkScrolledWindow *scroller;
  GtkBox            *columns_box;
  GtkRevealer       *zones_revealer;
  AffariKanbanDropZones *zones_box;
};

/* affari-kanban-board.c */
void     _affari_kanban_board_queue_fill_columns (AffariKanbanBoard       *self);

/* affari-kanban-board-pager.c */
/* Narrow below this width: a column a page. */
void     _affari_kanban_board_pager_class_init   (GtkWidgetClass          *widget_class);
void     _affari_kanban_board_pager_init         (AffariKanbanBoard       *self);
void     _affari_kanban_board_pager_dispose      (AffariKanbanBoard       *self);
/* The board got @width: narrow or not, the columns sized to it, the page kept in view. */
void     _affari_kanban_board_pager_allocate     (AffariKanbanBoard       *self,
                                                  int                      width);
void     _affari_kanban_board_pager_allocated    (AffariKanbanBoard       *self);
/* The columns were made again: the first page, or the one of the same stage. */
void     _affari_kanban_board_pager_columns_changed (AffariKanbanBoard    *self);
/* A dragged card is at @x of the board: held at an edge, it flips the page after a while.
 * Returns FALSE when the board is not narrow (the edges scroll it instead). */
gboolean _affari_kanban_board_pager_drag_motion  (AffariKanbanBoard       *self,
                                                  double                   x);
void     _affari_kanban_board_pager_drag_stop    (AffariKanbanBoard       *self);
/* Narrow: shows @column's page (returns FALSE when not narrow). */
gboolean _affari_kanban_board_pager_show_column  (AffariKanbanBoard       *self,
                                                  AffariKanbanColumn      *column,
                                                  gboolean                 animate);

/* affari-kanban-board-host.c */
void     _affari_kanban_board_host_iface_init    (AffariCardHostInterface *iface);
/* The workspace's change set arrived: the cards it created, moved or brought back are scrolled
 * into view and marked; a card moved from the keyboard takes the focus along. */
void     _affari_kanban_board_follow_change      (AffariKanbanBoard       *self,
                                                  AffariChangeSet         *set);

G_END_DECLS
