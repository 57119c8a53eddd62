/* affari-window.h — the main window: pipeline selector, the four views, search, new deal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"
#include "ui/app/affari-application.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_WINDOW (affari_window_get_type ())
G_DECLARE_FINAL_TYPE (AffariWindow, affari_window, AFFARI, WINDOW, AdwApplicationWindow)

/* Actions: win.new-deal (an empty deal card), win.new-deal-quick (the short new-deal dialog),
 * deal.open (int64: shows that deal's card), win.close-deal (Esc), win.show-trash, win.load-sample-data, win.show-view ("kanban", "list", "activities",
 * "calendar"), win.search. Properties: "workspace" (construct-only), "settings" (construct-only,
 * nullable), "pipeline-id" (the pipeline shown), "view" (the name of the visible view).
 * Environment: AFFARI_REPORT_FIRST_FRAME=1 prints "first-frame-ms N" after the first painted
 * frame (affari-bench times the start-up with it); AFFARI_OPEN_DEAL=ID [AFFARI_CARD_PAGE=NAME]
 * opens that deal's card (0: a new deal), for screenshots. */
AffariWindow *affari_window_new             (AffariApplication *application,
                                             AffariWorkspace   *workspace);
AffariWorkspace  *affari_window_get_workspace   (AffariWindow      *self);
gint64        affari_window_get_pipeline_id (AffariWindow      *self);
void          affari_window_set_pipeline_id (AffariWindow      *self,
                                             gint64             pipeline_id);
const char   *affari_window_get_view        (AffariWindow      *self);
/* Shows a short message over the content. */
void          affari_window_add_toast       (AffariWindow      *self,
                                             const char        *title);
/* Writes size, maximized state, view and pipeline to GSettings (if there is a schema). */
void          affari_window_save_state      (AffariWindow      *self);

/* ---- list and filters ---- */
/* The filter of the search bar (criteria only: no pipeline, stage or order), which every view
 * applies; "filter-changed" () is emitted when it changes. Never NULL. */
const AffariDealQuery *affari_window_get_filter (AffariWindow          *self);
/* Applies @filter (NULL = none) as if the user had chosen it. */
void          affari_window_set_filter      (AffariWindow          *self,
                                             const AffariDealQuery *filter);
/* The board ("Kanban"), the list ("Elenco", built when first asked for) and the filter bar, for
 * tests and affari-bench-app, which drive the window from outside. */
typedef struct _AffariKanbanBoard AffariKanbanBoard;
typedef struct _AffariDealListView AffariDealListView;
typedef struct _AffariFilterBar AffariFilterBar;
AffariKanbanBoard  *affari_window_get_kanban_board   (AffariWindow *self);
AffariDealListView *affari_window_get_deal_list_view (AffariWindow *self);
AffariFilterBar    *affari_window_get_filter_bar     (AffariWindow *self);

G_END_DECLS
