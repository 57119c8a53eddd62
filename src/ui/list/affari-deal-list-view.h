/* affari-deal-list-view.h — the list ("Elenco"): the deals of a pipeline as a sortable table,
 * with multi-selection and bulk edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/affari-deal-list.h"
#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_DEAL_LIST_VIEW (affari_deal_list_view_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealListView, affari_deal_list_view, AFFARI, DEAL_LIST_VIEW, GtkWidget)

/* Actions (buttons, menus, shortcuts and tests go through them):
 *   deals.move-stage (x)       moves the selected deals to that stage
 *   deals.set-responsible (x)  makes that team member responsible (0 = nobody)
 *   deals.move-pipeline (x)    moves the selected deals to that pipeline
 *   deals.trash                moves the selected deals to the trash (Delete)
 *   deals.export               exports the selected deals as CSV (asks where)
 *   deals.export-to (s)        exports them to that path, off the main thread; a toast says when done
 *   deals.sort (si)            sorts by a column ("title", "amount", …), descending when 1
 * The bulk edits hand the selection to the window's deal.move, deal.set-responsible,
 * deal.move-to-pipeline and deal.trash (one undo each, the window's toast).
 * Double-click or Enter on a row activates deal.open with the deal's id.
 * Messages (an export done) go to the window's win.toast. */
AffariWorkspace    *affari_deal_list_view_get_workspace   (AffariDealListView    *self);
void            affari_deal_list_view_set_workspace   (AffariDealListView    *self,
                                                       AffariWorkspace       *workspace);
void            affari_deal_list_view_set_pipeline_id (AffariDealListView    *self,
                                                       gint64                 pipeline_id);
/* The filter criteria (the pipeline and the order are the view's own). */
void            affari_deal_list_view_set_filter      (AffariDealListView    *self,
                                                       const AffariDealQuery *filter);
/* The model under the table (ids only, objects for what is on screen). */
AffariDealList *affari_deal_list_view_get_deals       (AffariDealListView    *self);
GtkSelectionModel *affari_deal_list_view_get_selection (AffariDealListView   *self);
GtkColumnView  *affari_deal_list_view_get_column_view (AffariDealListView    *self);
/* The ids of the selected deals, in list order. */
GArray         *affari_deal_list_view_dup_selected_ids (AffariDealListView   *self);
/* The footer's text: "1.234 deals · € 5.678.900,00". */
const char     *affari_deal_list_view_get_summary     (AffariDealListView    *self);

G_END_DECLS
