/* affari-deal-list-selection-bar.h — the bar over the list while deals are selected: how many,
 * and the bulk edits (their buttons and menus name the list's deals.* actions)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_DEAL_LIST_SELECTION_BAR (affari_deal_list_selection_bar_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealListSelectionBar, affari_deal_list_selection_bar, AFFARI, DEAL_LIST_SELECTION_BAR, GtkWidget)

/* "3 deals selected"; the bar shows while @n_selected is not 0. */
void affari_deal_list_selection_bar_set_count    (AffariDealListSelectionBar *self,
                                                  guint                       n_selected);
/* The menus: the stages of @pipeline_id, the team, the other pipelines. */
void affari_deal_list_selection_bar_reload_menus (AffariDealListSelectionBar *self,
                                                  AffariWorkspace            *workspace,
                                                  gint64                      pipeline_id);

/* On a phone: the stage and the trash, the other edits in a menu. */
void affari_deal_list_selection_bar_set_narrow   (AffariDealListSelectionBar *self,
                                                  gboolean                    narrow);

G_END_DECLS
