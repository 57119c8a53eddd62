/* affari-view-common.h — what the views of deals over time (Attività, Calendario) share: the
 * read-when-shown refresh, the query of the window's filter and pipeline, the drop target of a
 * dragged deal, and saying something through the window (win.toast)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

/* A view reads its data when it is shown, once per burst of changes: changes while it is hidden
 * only mark it dirty, and a pending read is dropped on unmap (and made on the next map). */
typedef struct {
  GtkWidget *widget;
  void     (*refresh) (GtkWidget *widget);
  guint      source;
  gboolean   dirty;
} AffariViewRefresh;

/* @refresh reads now; it starts with affari_view_refresh_begin(). */
void      affari_view_refresh_init   (AffariViewRefresh *refresh,
                                      GtkWidget         *widget,
                                      void             (*func) (GtkWidget *widget));
/* FALSE when the widget is hidden (it is marked dirty instead); otherwise drops a pending read. */
gboolean  affari_view_refresh_begin  (AffariViewRefresh *refresh);
/* One read on the next idle, or on the next map when hidden. */
void      affari_view_refresh_queue  (AffariViewRefresh *refresh);
/* For map: reads now when something changed while hidden; TRUE when it did. */
gboolean  affari_view_refresh_mapped (AffariViewRefresh *refresh);
/* For unmap: a pending read waits for the next map. */
void      affari_view_refresh_unmapped (AffariViewRefresh *refresh);
/* For dispose. */
void      affari_view_refresh_clear  (AffariViewRefresh *refresh);

/* The window's filter (criteria only; nullable) restricted to @pipeline_id: what a view shows. */
AffariDealQuery *affari_view_query_new  (const AffariDealQuery *filter,
                                         gint64                 pipeline_id);
/* Replaces *@slot by a copy of @filter (NULL = none). */
void             affari_view_set_filter (AffariDealQuery      **slot,
                                         const AffariDealQuery *filter);

/* A drop target for a dragged AffariDeal (the model object, never the widget), preloaded so
 * that the drop is told which deal comes before it is dropped. */
GtkDropTarget   *affari_view_deal_drop_target_new (void);

/* @minor rounded to whole units: a column header or a day cell has no room for cents. */
gint64           affari_view_round_to_units (gint64 minor);

/* Shows @message (plain text) over the window's content, through its win.toast action. */
void             affari_view_show_message (GtkWidget  *view,
                                           const char *message);

G_END_DECLS
