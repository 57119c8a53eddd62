/* affari-window-private.h — what the window's own files share (affari-window-actions.c,
 * affari-window-card.c, affari-window-tools.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ops/affari-deal-ops.h"
#include "ui/activities/affari-activities-view.h"
#include "ui/calendar/affari-calendar-view.h"
#include "ui/board/affari-kanban-board.h"
#include "ui/deal/affari-deal-card.h"
#include "ui/filter/affari-filter-bar.h"
#include "ui/list/affari-deal-list-view.h"
#include "ui/app/affari-window.h"
#include "ui/common/affari-narrow-layout.h"

G_BEGIN_DECLS

struct _AffariWindow
{
  AdwApplicationWindow   parent_instance;

  AffariWorkspace       *workspace;
  AffariDealOps         *ops;             /* every change of deals, and the undo history */
  char                  *retry_action;    /* the last change asked, for "Riprova" */
  GVariant              *retry_parameter;
  GSettings             *settings;
  GListStore            *pipelines;

  guint                  refresh_source;
  gulong                 after_paint_handler;
  gboolean               reloading_pipelines;
  gboolean               empty;
  gboolean               narrow;          /* below AFFARI_NARROW_WIDTH (affari-window-adaptive.c) */
  guint                  width_source;

  /* template */
  GtkWidget             *header_bar;
  GtkDropDown           *pipeline_dropdown;
  GtkStack              *title_stack;
  AdwViewSwitcherTitle  *switcher_title;
  AdwButtonContent      *new_deal_content;
  GtkWidget             *new_deal_icon_button; /* the same, narrow */
  GtkWidget             *new_deal_squeezer;
  GtkWidget             *new_deal_button;
  GtkWidget             *new_deal_none;
  GtkWidget             *search_squeezer;
  GtkWidget             *search_none;
  GtkToggleButton       *search_button;
  GMenu                 *overflow_section;
  GtkSearchBar          *search_bar;
  GtkSearchEntry        *search_entry;
  AffariFilterBar       *filter_bar;
  AdwToastOverlay       *toast_overlay;
  GtkInfoBar            *damaged_bar;
  GtkRevealer           *offline_revealer;
  GtkLabel              *damaged_label;
  GtkWidget             *damaged_restore_button;
  GtkWidget             *damaged_read_only_button;
  GtkStack              *main_stack;
  AdwViewStack          *view_stack;
  AffariKanbanBoard     *kanban_board;
  GtkBox                *list_page;
  GtkBox                *activities_page;
  GtkBox                *calendar_page;
  AdwViewSwitcherBar    *switcher_bar;
  AdwFlap               *card_flap;
  AdwClamp              *card_clamp;
  GtkScrolledWindow     *card_scroller;

  /* Built the first time they are needed (ensure_* ()), NULL until then: only the board is on
   * screen at start-up. Unowned: children of the pages and of the card's clamp. */
  AffariDealListView    *deal_list_view;
  AffariActivitiesView  *activities_view;
  AffariCalendarView    *calendar_view;
  AffariDealCard        *deal_card;
};

/* What the window's files use of affari-window.c. */
gint64          _affari_window_selected_pipeline_id (AffariWindow *self);
void            _affari_window_reload_pipelines     (AffariWindow *self);
void            _affari_window_update_empty_state   (AffariWindow *self);

/* The deal card, built the first time it is needed (affari-window-card.c). */
AffariDealCard *_affari_window_ensure_deal_card     (AffariWindow   *self);
/* Another window's or program's change of the deal open in the card (@set's author is not 0): the
 * card reloads on its own; the toast says who changed it (affari-window-card.c). */
void            _affari_window_card_changed_elsewhere (AffariWindow *self, AffariChangeSet *set);
/* Installs win.new-deal, win.new-deal-quick, deal.open, win.close-deal (Esc) (affari-window-card.c). */
void            _affari_window_class_card_init      (GtkWidgetClass *widget_class);
/* Installs win.show-trash, win.show-help-overlay, win.export-activities(-to), win.load-sample-data
 * (affari-window-tools.c). */
void            _affari_window_class_tools_init     (GtkWidgetClass *widget_class);

/* affari-window-recurring.c: win.show-recurring, win.run-recurring; the runs at start-up and midnight. */
void            _affari_window_class_recurring_init (GtkWidgetClass *widget_class);
void            _affari_window_recurring_init       (AffariWindow   *self);

/* affari-window-leads.c: the Lead section — the lead pipeline after the deal pipelines in the
 * pipeline drop-down (the same board, list and filters), the header saying where the user is;
 * win.show-leads. */
void _affari_window_leads_append       (AffariWindow *self, GPtrArray *pipelines);
void _affari_window_leads_apply        (AffariWindow *self, gint64 pipeline_id);
void _affari_window_show_leads_action  (GtkWidget *widget, const char *action_name, GVariant *parameter);

/* affari-window-drop.c: files dropped on the window, its cards and rows (drop.files, drop.create-deal). */
void _affari_window_drop_init          (AffariWindow   *self);

/* affari-window-adaptive.c: the header's overflow into the main menu, the switcher bar, the card
 * as a page of its own when narrow. */
void _affari_window_adaptive_init      (AffariWindow *self);
void _affari_window_adaptive_dispose   (AffariWindow *self);
/* The window was allocated @width pixels wide. */
void _affari_window_adaptive_allocated (AffariWindow *self, int width);
void _affari_window_update_header      (AffariWindow *self);
void _affari_window_update_switcher_bar (AffariWindow *self);

/* Installs the deal.*, activity.* and win.undo/redo actions (affari-window-actions.c). */
void _affari_window_class_actions_init (GtkWidgetClass *widget_class);
/* affari-window-backup.c: backups from the window and the banner of a damaged database. */
void _affari_window_class_backup_init  (GtkWidgetClass *widget_class);
void _affari_window_backup_init        (AffariWindow   *self);
/* Follows the operations' changes (toasts) and the history (undo/redo enabled). */
void _affari_window_actions_init       (AffariWindow   *self);

G_END_DECLS
