/* affari-filter-popover.h — the "Filtri" popover: presets, saved filters and custom criteria
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_FILTER_POPOVER (affari_filter_popover_get_type ())
G_DECLARE_FINAL_TYPE (AffariFilterPopover, affari_filter_popover, AFFARI, FILTER_POPOVER, GtkPopover)

/* Signals: "filter-chosen" (AffariDealQuery *filter) — the criteria were applied or saved; the
 * handler copies @filter.
 * Its buttons activate the actions of the bar it pops up from: filter.apply-preset (s),
 * filter.apply-saved (x), filter.delete-saved (x), filter.clear. */
GtkWidget *affari_filter_popover_new             (void);
void       affari_filter_popover_set_workspace   (AffariFilterPopover   *self,
                                                  AffariWorkspace       *workspace);
/* The pipeline whose stages the popover offers. */
void       affari_filter_popover_set_pipeline_id (AffariFilterPopover   *self,
                                                  gint64                 pipeline_id);
/* The active filter, which the controls show whenever the popover opens (copied). */
void       affari_filter_popover_set_filter      (AffariFilterPopover   *self,
                                                  const AffariDealQuery *filter);
/* Deletes a saved filter from the workspace and from the list; an error is shown in the popover. */
void       affari_filter_popover_delete_saved    (AffariFilterPopover   *self,
                                                  gint64                 filter_id);

G_END_DECLS
