/* affari-filter-fields.h — the rows of the filter popover for the custom fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

/* One row per custom field in a grid, with the control its kind needs. */
typedef struct _AffariFilterFields AffariFilterFields;

/* The rows go in @grid, their titles in @labels; Enter in an entry activates @apply. */
AffariFilterFields *affari_filter_fields_new    (GtkGrid               *grid,
                                                 GtkSizeGroup          *labels,
                                                 GtkWidget             *apply);
void                affari_filter_fields_free   (AffariFilterFields    *self);
/* Rebuilds the rows from the custom fields of @workspace; returns how many there are. */
guint               affari_filter_fields_reload (AffariFilterFields    *self,
                                                 AffariWorkspace       *workspace);
/* Shows the custom field criteria of @filter. */
void                affari_filter_fields_load   (AffariFilterFields    *self,
                                                 const AffariDealQuery *filter);
/* Adds the criteria the rows describe to @query (@old: the filter shown, whose money currency
 * stays); FALSE with the entry at fault and a message for the user when a value is wrong. */
gboolean            affari_filter_fields_read   (AffariFilterFields    *self,
                                                 const AffariDealQuery *old,
                                                 AffariDealQuery       *query,
                                                 GtkWidget            **error_widget,
                                                 char                 **error_message);

G_END_DECLS
