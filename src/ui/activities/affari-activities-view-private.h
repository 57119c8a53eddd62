/* affari-activities-view-private.h — the state of the Activities view and the functions over it
 * that its files share: the columns (affari-activities-column.c), selection, focus and the drag
 * (affari-activities-selection.c), the edge autoscroll (affari-activities-autoscroll.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/affari-deal-id-list.h"

#include "ui/activities/affari-activities-view.h"
#include "ui/board/affari-kanban-card.h"
#include "ui/common/affari-view-common.h"

G_BEGIN_DECLS

typedef struct {
  AffariActivitiesView *view;
  AffariActivityPeriod  period;
  GtkWidget            *widget;
  GtkWidget            *header;      /* hidden when narrow: the pager says it */
  GtkLabel             *summary_label;
  GtkListView          *list_view;
  GtkScrolledWindow    *scroller;
  GtkWidget            *overlay;
  GtkWidget            *drop_line;
  GtkWidget            *empty_label;
  GtkDropTarget        *drop_target;
  AffariDealIdList     *deals;
  GtkMultiSelection    *selection;
  GArray               *deadlines;   /* gint64, the next deadline of each row */
  char                 *summary;
  guint                 count;
} Column;

struct _AffariActivitiesView
{
  GtkWidget         parent_instance;

  AffariWorkspace  *workspace;
  gint64            pipeline_id;
  AffariDealQuery  *filter;
  GMenu            *card_menu;
  Column            columns[AFFARI_N_ACTIVITY_PERIODS];

  AffariViewRefresh refresh;
  guint             clock_source;

  /* while cards of this view are dragged */
  GArray           *dragged_ids;     /* gint64 */
  gint64            drag_deadline;   /* the next deadline of the card under the pointer */
  double            hscroll_speed;
  double            vscroll_speed;
  Column           *vscroll_column;
  guint             autoscroll_tick;

  /* the card that gets the focus once its column shows it (keyboard moves) */
  gint64            focus_deal_id;
  guint             focus_tick;
  guint             focus_frames;

  /* narrow (a phone): one period at a time */
  gboolean          narrow;
  AffariActivityPeriod page;
  gboolean          moving_columns;  /* between columns_box and carousel: no page change */
  guint             settle_tick;     /* the carousel goes to the page once it has laid it out */
  guint             flip_source;     /* a dragged card held at an edge */
  gboolean          drag_over_pages; /* every page stays mapped: see update_pages_visible () */
  int               flip_direction;

  /* template */
  GtkBox            *outer_box;
  GtkWidget         *pager;
  AdwCarousel       *carousel;
  GtkWidget         *carousel_overlay;
  GtkWidget         *flip_start;
  GtkWidget         *flip_end;
  GtkWidget         *previous_button;
  GtkWidget         *next_button;
  GtkWidget         *plan_button;
  AdwWindowTitle    *page_title;
  GtkScrolledWindow *scroller;
  GtkBox            *columns_box;
  guint             n_changes;        /* change sets seen: whether a drop was taken */
};

/* affari-activities-column.c: one column per period */
GtkWidget        *affari_activities_column_build        (Column                     *column,
                                                         GtkListItemFactory         *factory);
void              affari_activities_column_clear        (Column                     *column);
void              affari_activities_column_update       (Column                     *column,
                                                         const AffariActivityBucket *bucket,
                                                         gboolean                    filtered);
AffariKanbanCard *affari_activities_row_card            (GtkWidget                  *row);
GtkWidget        *affari_activities_column_find_row     (Column                     *column,
                                                         guint                       position);
guint             affari_activities_column_find_position (Column                    *column,
                                                         gint64                      deal_id);
Column           *affari_activities_view_column_of_widget (AffariActivitiesView     *self,
                                                         GtkWidget                  *widget,
                                                         GtkWidget                 **out_row);
void              affari_activities_column_show_drop_line (Column                   *column);
/* A card dropped on @column (or on what stands for it): rescheduled into its period. */
gboolean          affari_activities_column_drop         (Column                     *column,
                                                         const GValue               *value);
void              affari_activities_view_end_drag_feedback (AffariActivitiesView    *self);

/* affari-activities-pager.c: narrower than AFFARI_NARROW_WIDTH, one period at a time, swiped
 * in a carousel */
void              affari_activities_view_set_narrow     (AffariActivitiesView       *self,
                                                         gboolean                    narrow);
void              affari_activities_view_update_pager   (AffariActivitiesView       *self);
void              affari_activities_view_init_pager     (AffariActivitiesView       *self);
void              affari_activities_view_class_init_pager (GtkWidgetClass           *widget_class);
void              affari_activities_view_dispose_pager  (AffariActivitiesView       *self);
/* Where the columns are: the desktop's box, or narrow the carousel. */
void              affari_activities_view_add_column     (AffariActivitiesView       *self,
                                                         GtkWidget                  *column);
void              affari_activities_view_remove_columns (AffariActivitiesView       *self);

/* affari-activities-selection.c: the selected cards, the keyboard focus, the dragged cards */
GArray           *affari_activities_view_ids_acted_on   (AffariActivitiesView       *self,
                                                         gint64                      deal_id);
gboolean          affari_activities_view_is_dragged     (AffariActivitiesView       *self,
                                                         gint64                      deal_id);
void              affari_activities_view_unselect_all   (AffariActivitiesView       *self,
                                                         Column                     *except);
void              affari_activities_view_focus_later    (AffariActivitiesView       *self,
                                                         gint64                      deal_id);
void              affari_activities_view_drag_begin     (AffariActivitiesView       *self,
                                                         AffariKanbanCard           *card);
void              affari_activities_view_drag_end       (AffariActivitiesView       *self);
void              affari_activities_view_add_press_gesture (AffariActivitiesView    *self);
void              affari_activities_view_stop_focus     (AffariActivitiesView       *self);

/* affari-activities-autoscroll.c: near an edge while dragging, the board (horizontally) or a
 * column (vertically) scrolls. To be replaced by the Kanban's affari-edge-scroller. */
void              affari_activities_view_add_autoscroll (AffariActivitiesView       *self);
void              affari_activities_view_autoscroll_column (AffariActivitiesView    *self,
                                                         Column                     *column,
                                                         double                      x,
                                                         double                      y);
void              affari_activities_view_autoscroll_leave_column (AffariActivitiesView *self,
                                                         Column                     *column);
void              affari_activities_view_stop_autoscroll (AffariActivitiesView      *self);

G_END_DECLS
