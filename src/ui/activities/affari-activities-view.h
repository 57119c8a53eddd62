/* affari-activities-view.h — the Activities view ("Attività"): the open deals in columns by the
 * deadline of their next activity, cards dragged between columns to reschedule it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_ACTIVITIES_VIEW (affari_activities_view_get_type ())
G_DECLARE_FINAL_TYPE (AffariActivitiesView, affari_activities_view, AFFARI, ACTIVITIES_VIEW, GtkWidget)

/* Actions (drags, card menus and keys go through them):
 *   activities.reschedule (xi)  deal id, period: moves the deal's next activity into the period
 *   activities.plan       (i)   period: the dialog that plans a new activity due in that period
 *   activities.move-focused (i) -1/+1: the focused card's next activity to the previous/next
 *                               period (Alt+←/→); the focus follows the card
 * The shared cards (AffariKanbanCard) ask the view as their AffariCardHost: there a card's
 * target is a period. Changes go to the window's activity.reschedule / activity.plan (one undo).
 * Properties: "workspace". */
GtkWidget   *affari_activities_view_new            (void);
void         affari_activities_view_set_workspace  (AffariActivitiesView  *self,
                                                    AffariWorkspace       *workspace);
void         affari_activities_view_set_pipeline_id (AffariActivitiesView *self,
                                                    gint64                 pipeline_id);
/* The window's filter (criteria only; NULL = none). */
void         affari_activities_view_set_filter     (AffariActivitiesView  *self,
                                                    const AffariDealQuery *filter);
/* Reads the columns again now (otherwise they follow the workspace's signals and the clock). */
void         affari_activities_view_refresh        (AffariActivitiesView  *self);
/* The deals of a column (AffariDeal), its count and the header's "12 · € 48.200". */
GListModel  *affari_activities_view_get_deals      (AffariActivitiesView  *self,
                                                    AffariActivityPeriod   period);
guint        affari_activities_view_get_count      (AffariActivitiesView  *self,
                                                    AffariActivityPeriod   period);
const char  *affari_activities_view_get_summary    (AffariActivitiesView  *self,
                                                    AffariActivityPeriod   period);
/* The GtkDropTarget of a column (tests emit its "drop"). */
GtkDropTarget *affari_activities_view_get_drop_target (AffariActivitiesView *self,
                                                    AffariActivityPeriod   period);
/* What a drop does: reschedules the deal's next activity (and those of the other selected cards
 * when the deal is one of them, in one transaction with one undo), or refuses with a toast that
 * explains why. */
gboolean     affari_activities_view_drop_deal      (AffariActivitiesView  *self,
                                                    AffariActivityPeriod   period,
                                                    gint64                 deal_id);
/* Ctrl+click: adds @deal_id's card to the selection (or takes it out). */
void         affari_activities_view_set_selected   (AffariActivitiesView  *self,
                                                    gint64                 deal_id,
                                                    gboolean               selected);
/* The selected deals, in column order (free with g_array_unref). */
GArray      *affari_activities_view_get_selected_ids (AffariActivitiesView *self);
/* Scrolls to the card of @deal_id and gives it the keyboard focus. */
gboolean     affari_activities_view_focus_deal     (AffariActivitiesView  *self,
                                                    gint64                 deal_id);
/* The deal of the card that has the keyboard focus (and its column), or 0. */
gint64       affari_activities_view_get_focused_deal (AffariActivitiesView *self,
                                                    AffariActivityPeriod  *out_period);
/* What the card's drag source starts and ends (tests without a pointer call them). */
void         affari_activities_view_begin_drag     (AffariActivitiesView  *self,
                                                    gint64                 deal_id);
void         affari_activities_view_end_drag       (AffariActivitiesView  *self);
/* Whether the drop line shows in @period's column, and where (pixels from the list's top). */
gboolean     affari_activities_view_get_drop_line  (AffariActivitiesView  *self,
                                                    AffariActivityPeriod   period,
                                                    int                   *out_y);

/* Narrower than about 600 px (a phone) one period at a time fills the view, paged with the
 * previous/next buttons of its header (action activities.page (i) -1/+1); the page is the period
 * shown then (kept, and "Oggi" at first). */
gboolean     affari_activities_view_get_narrow     (AffariActivitiesView  *self);
AffariActivityPeriod affari_activities_view_get_page (AffariActivitiesView *self);
void         affari_activities_view_set_page       (AffariActivitiesView  *self,
                                                    AffariActivityPeriod   period);

G_END_DECLS
