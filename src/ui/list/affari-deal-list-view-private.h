/* affari-deal-list-view-private.h — the list's state, shared by the files that work on it
 *
 * affari-deal-list-view.c        the rows: query, lazy binding, map/unmap, public API
 * affari-deal-list-cells.c       what a cell shows, and the names it looks up
 * affari-deal-list-narrow.c      the two-line rows shown instead of the table when narrow
 * affari-deal-list-columns.c     the columns: built-in and custom, layout per pipeline, chooser, sort
 * affari-deal-list-summary.c     when the footer's count and totals are worked out
 * affari-deal-list-bulk.c        the selection's actions (through the window's deal.* actions)
 * affari-deal-list-export.c      the CSV export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ui/list/affari-deal-list-view.h"
#include "ui/list/affari-deal-list-footer.h"
#include "ui/list/affari-deal-list-selection-bar.h"
#include "ui/list/affari-deal-rows.h"
#include "ui/common/affari-narrow-layout.h"

G_BEGIN_DECLS

typedef enum {
  COL_TITLE,
  COL_STAGE,
  COL_AMOUNT,
  COL_CURRENCY,
  COL_CLIENT,
  COL_RESPONSIBLE,
  COL_CREATED,
  COL_BEGIN,
  COL_CLOSE,
  COL_TYPE,
  COL_SOURCE,
  COL_PROBABILITY,
  COL_NEXT_ACTIVITY,
  COL_REPEAT,
  N_FIXED_COLUMNS,
  COL_FIELD = N_FIXED_COLUMNS,
} ColumnKind;

/* In the order of the .ui; the key is stored in the column layout setting. */
typedef struct {
  const char     *key;
  AffariDealSort  sort;
  gboolean        visible;
  int             width;
  gboolean        numeric;
} ColumnInfo;

extern const ColumnInfo affari_deal_list_column_info[N_FIXED_COLUMNS];

/* What a column's factory and sorter need. */
typedef struct {
  AffariDealListView *self;
  ColumnKind          kind;
  AffariCustomField  *field;       /* COL_FIELD only (owned) */
  char               *key;
} ColumnData;

/* The rows of a narrow list: title, amount, stage and client of their deal. */
typedef enum {
  NARROW_TITLE,
  NARROW_AMOUNT,
  NARROW_STAGE,
  NARROW_CLIENT,
  N_NARROW_TEXTS,
} NarrowText;

/* Below this width (a phone's 360 px, a window tiled in four) the table gives way to the rows. */

/* On a cell's content: the GtkListItem of its row (not owned). */
#define AFFARI_DEAL_LIST_ITEM_KEY "affari-list-item"

/* What a change leaves to do once the typing pauses (a fast typist's keys come ~100 ms apart). */
#define TYPING_PAUSE_MS 250

/* Something done once, after the next frame of the view is painted (the work that frame must
 * not wait for). */
typedef struct {
  GdkFrameClock *clock;
  gulong         handler;
} AfterPaint;

struct _AffariDealListView
{
  GtkWidget          parent_instance;

  AffariWorkspace   *workspace;
  gint64             pipeline_id;
  AffariDealQuery   *filter;
  AffariDealQuery   *query;
  AffariDealList    *deals;
  AffariDealRows    *rows;          /* what the table shows: stable rows over deals */
  GtkMultiSelection *selection;
  GHashTable        *stages;        /* stage id → AffariStage */
  GHashTable        *types;         /* code → name */
  GHashTable        *days;          /* "YYYY-MM-DD" → that day in the locale's format */
  GHashTable        *sources;       /* code → name */
  GPtrArray         *field_columns; /* GtkColumnViewColumn of custom fields */
  GObject           *probe_a;
  GObject           *probe_b;
  ColumnData        *probed;
  gboolean           loading_layout;
  guint              summary_source;
  AfterPaint         summary_paint;    /* the footer is read after the next paint */
  AfterPaint         release_paint;    /* rows held until the next paint (see hold_rows) */
  guint              release_source;   /* ...and a pause in the typing */
  guint              held_end;         /* the rows before this one are up to date */
  GtkSliceListModel *slice;            /* the rows as shown: the first screenful, then all */
  AfterPaint         expand_paint;     /* the slice grows to every row after the next paint */
  gboolean           summary_stale;   /* the footer is out of date while hidden */
  guint              save_layout_source;
  gulong             workspace_handlers[6];
  gboolean           narrow;
  ColumnData         narrow_texts[N_NARROW_TEXTS];

  /* template */
  GtkWidget                   *box;
  GtkScrolledWindow           *scroller;
  GtkColumnView               *column_view;
  GtkStack                    *layout_stack;
  GtkScrolledWindow           *narrow_scroller;
  GtkListView                 *narrow_list;
  GtkLabel                    *sort_label;
  GtkToggleButton             *select_button;
  GtkStack                    *bottom_stack;
  AffariDealListFooter        *footer;
  AffariDealListSelectionBar  *selection_bar;
};

/* affari-deal-list-view.c */
gboolean      affari_after_paint_pending               (const AfterPaint   *after);
void          affari_after_paint_forget                (AfterPaint         *after);
void          affari_after_paint_arm                   (AfterPaint         *after,
                                                        GtkWidget          *widget,
                                                        GCallback           callback,
                                                        gpointer            data);
/* Opens the card of the deal at @position (a double click, Enter, a tap). */
void          affari_deal_list_view_open_at            (AffariDealListView *self,
                                                        guint               position);
/* Reads the deals again if the filter or the order changed. */
void          affari_deal_list_view_apply_query        (AffariDealListView *self);

/* affari-deal-list-cells.c */
void          affari_deal_list_cells_setup_factory     (GtkColumnViewColumn *column,
                                                        ColumnData          *cd);
/* Reads again the names of stages, types and sources the cells show. */
void          affari_deal_list_cells_reload_references (AffariDealListView  *self);

/* How a row's widgets show @deal (they follow the deal their row shows). */
typedef void (*AffariDealListRender) (GtkListItem *item,
                                      AffariDeal  *deal,
                                      gpointer     data);
/* Binds @factory's items to the deal of their AffariDealRow: @render draws them again whenever
 * the row shows another deal or the deal changes. */
void          affari_deal_list_cells_follow_rows       (GtkListItemFactory   *factory,
                                                        AffariDealListRender  render,
                                                        gpointer              data);
/* What the column @cd shows of @deal; *owned (freed by the caller) when it had to be made,
 * *error when it is overdue. */
const char   *affari_deal_list_cells_text              (ColumnData          *cd,
                                                        AffariDeal          *deal,
                                                        char               **owned,
                                                        gboolean            *error);
AffariStage  *affari_deal_list_cells_stage             (AffariDealListView  *self,
                                                        AffariDeal          *deal);

/* affari-deal-list-narrow.c */
void          affari_deal_list_narrow_init             (AffariDealListView *self);
void          affari_deal_list_narrow_class_init       (GtkWidgetClass     *widget_class);
/* The sort menu's label follows the order. */
void          affari_deal_list_narrow_update_sort      (AffariDealListView *self);

/* affari-deal-list-columns.c */
void          affari_deal_list_columns_init            (AffariDealListView *self);
void          affari_deal_list_columns_dispose         (AffariDealListView *self);
void          affari_deal_list_columns_finalize        (AffariDealListView *self);
void          affari_deal_list_columns_class_init      (GtkWidgetClass     *widget_class);
/* Writes at once a layout change still waiting to be kept. */
void          affari_deal_list_columns_flush_layout    (AffariDealListView *self);
void          affari_deal_list_columns_load_layout     (AffariDealListView *self);
void          affari_deal_list_columns_reload_fields   (AffariDealListView *self);
/* Which header leads, and which way (AFFARI_DEAL_SORT_POSITION when none). */
void          affari_deal_list_columns_get_sort        (AffariDealListView *self,
                                                        AffariDealSort     *sort,
                                                        gboolean           *descending);
GtkColumnViewColumn *affari_deal_list_columns_find     (AffariDealListView *self,
                                                        const char         *key);

/* affari-deal-list-summary.c */
void          affari_deal_list_summary_queue           (AffariDealListView *self);
/* Works out the footer now if it waits (the tests read it). */
void          affari_deal_list_summary_flush           (AffariDealListView *self);
/* Stops what waits; @stale: it is worked out again when the view is shown. */
void          affari_deal_list_summary_cancel          (AffariDealListView *self,
                                                        gboolean            stale);

/* affari-deal-list-bulk.c */
void          affari_deal_list_bulk_class_init         (GtkWidgetClass     *widget_class);
void          affari_deal_list_bulk_on_workspace_changed   (AffariWorkspace    *workspace,
                                                        AffariChangeSet    *set,
                                                        AffariDealListView *self);
/* The selection bar's count and the actions that need a selection. */
void          affari_deal_list_bulk_update             (AffariDealListView *self);

/* affari-deal-list-export.c */
void          affari_deal_list_export_class_init       (GtkWidgetClass     *widget_class);

G_END_DECLS
