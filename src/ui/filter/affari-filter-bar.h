/* affari-filter-bar.h — the search entry, the "Filtri" popover and the chips of the active filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_FILTER_BAR (affari_filter_bar_get_type ())
G_DECLARE_FINAL_TYPE (AffariFilterBar, affari_filter_bar, AFFARI, FILTER_BAR, GtkWidget)

/* Signals: "filter-changed" () — the filter was changed by the user (typing, the popover, a
 * chip's ✕, a preset).
 * Actions: filter.apply-preset (s: a preset code such as "in-progress"), filter.apply-saved (x),
 * filter.delete-saved (x), filter.clear. */
AffariWorkspace       *affari_filter_bar_get_workspace    (AffariFilterBar       *self);
void                   affari_filter_bar_set_workspace    (AffariFilterBar       *self,
                                                           AffariWorkspace       *workspace);
/* The pipeline whose stages the popover offers. */
void                   affari_filter_bar_set_pipeline_id  (AffariFilterBar       *self,
                                                           gint64                 pipeline_id);
/* The active filter: criteria only (no pipeline, stage or order); never NULL. */
const AffariDealQuery *affari_filter_bar_get_filter       (AffariFilterBar       *self);
/* Shows @filter (NULL = none) without emitting "filter-changed". */
void                   affari_filter_bar_set_filter       (AffariFilterBar       *self,
                                                           const AffariDealQuery *filter);
GtkSearchEntry        *affari_filter_bar_get_search_entry (AffariFilterBar       *self);
/* The popover of custom criteria (for tests), built on first use like the "Filtri" button does. */
GtkWidget             *affari_filter_bar_get_popover      (AffariFilterBar       *self);

G_END_DECLS
