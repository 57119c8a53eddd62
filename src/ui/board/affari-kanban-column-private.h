/* affari-kanban-column-private.h — the column's parts, one idea a file: the column and its list
 * (affari-kanban-column.c), the header's count and totals (affari-kanban-column-totals.c), the
 * drop target with its line, highlight and autoscroll (affari-kanban-column-drop.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ui/board/affari-kanban-card.h"
#include "ui/board/affari-kanban-column.h"
#include "ui/board/affari-kanban-quick-create.h"
#include "ui/common/affari-card-host.h"
#include "ui/common/affari-edge-scroller.h"

G_BEGIN_DECLS

struct _AffariKanbanColumn
{
  GtkWidget          parent_instance;

  AffariWorkspace   *workspace;
  AffariStage       *stage;
  char              *currency;
  char              *filter_text;
  AffariDealQuery   *filter;            /* the window's filter, or NULL */
  AffariDealList    *deals;
  GtkSliceListModel *slice;          /* the first deals, until the column shows all; then NULL */
  GtkMultiSelection *selection;
  GMenuModel        *card_menu;
  gboolean           large_targets;    /* narrow: the cards' menu corners a finger's size */
  AffariCardHost    *host;             /* weak: the board */
  GdkRGBA            color;
  guint              count;
  char              *summary;
  guint              totals_source;
  gboolean           totals_stale;    /* hidden: the totals are read when the column shows again */
  GArray            *totals;           /* AffariStageTotal: the stage's count and sum per currency */

  /* a drag over the column */
  gboolean           drop_highlight;
  double             drag_x;
  double             drag_y;
  AffariEdgeScroller *vscroller;      /* near the top and bottom of the list */

  /* a card to scroll into view (and maybe focus) once the list shows it */
  gint64             follow_deal;
  gboolean           follow_focus;
  guint              follow_tick;
  guint              follow_frames;
  gboolean           follow_scrolled;

  /* cards just created, moved or brought back here: marked "arrived" for a moment */
  GHashTable        *arrived;          /* deal id set */
  guint              arrived_source;

  /* template */
  GtkWidget         *header;
  GtkWidget         *title_box;
  GtkDrawingArea    *stripe;
  GtkLabel          *name_label;
  GtkButton         *add_button;
  GtkLabel          *summary_label;
  GtkLabel          *other_label;
  GtkRevealer       *quick_revealer;
  AffariKanbanQuickCreate *quick_create;  /* the "+" form, made when first opened; unowned */
  GtkOverlay        *overlay;
  GtkScrolledWindow *scroller;
  GtkListView       *list_view;
  GtkWidget         *drop_line;
};

/* affari-kanban-column.c */
AffariDealQuery   _affari_kanban_column_make_query     (AffariKanbanColumn *self,
                                                        gboolean            for_totals);
/* The card shown by a row of the list view, or NULL. */
AffariKanbanCard *_affari_kanban_column_row_card       (GtkWidget          *row);
/* The row of the list view under @widget (a descendant), or NULL. */
GtkWidget        *_affari_kanban_column_row_of         (AffariKanbanColumn *self,
                                                        GtkWidget          *widget);
guint             _affari_kanban_column_row_position   (GtkWidget          *row);

/* affari-kanban-column-totals.c */
void              _affari_kanban_column_totals_init    (AffariKanbanColumn *self);
void              _affari_kanban_column_update_totals  (AffariKanbanColumn *self);
void              _affari_kanban_column_queue_totals   (AffariKanbanColumn *self);

/* affari-kanban-column-drop.c */
void              _affari_kanban_column_drop_init      (AffariKanbanColumn *self);
void              _affari_kanban_column_snapshot_highlight (AffariKanbanColumn *self,
                                                        GtkSnapshot        *snapshot);

G_END_DECLS
