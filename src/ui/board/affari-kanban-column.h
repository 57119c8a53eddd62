/* affari-kanban-column.h — one stage of the Kanban board: header with totals, a lazy list of cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ops/affari-workspace.h"
#include "model/affari-deal-list.h"
#include "ui/common/affari-card-host.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_KANBAN_COLUMN (affari_kanban_column_get_type ())
G_DECLARE_FINAL_TYPE (AffariKanbanColumn, affari_kanban_column, AFFARI, KANBAN_COLUMN, GtkWidget)

/* Properties: "workspace", "stage" (construct-only), "currency" (the pipeline's main currency).
 * Signals: "card-revealed" when the column has scrolled a card into view, or given it the
 * keyboard focus (affari_kanban_column_reveal_deal (), affari_kanban_column_focus_deal_soon ()):
 * the board scrolls the column into view. */
GtkWidget      *affari_kanban_column_new              (AffariWorkspace    *workspace,
                                                       AffariStage        *stage,
                                                       const char         *currency);
AffariStage    *affari_kanban_column_get_stage        (AffariKanbanColumn *self);
gint64          affari_kanban_column_get_stage_id     (AffariKanbanColumn *self);
AffariDealList *affari_kanban_column_get_deals        (AffariKanbanColumn *self);
GtkListView    *affari_kanban_column_get_list_view    (AffariKanbanColumn *self);
/* The adjustment that scrolls the cards up and down. */
GtkAdjustment  *affari_kanban_column_get_vadjustment  (AffariKanbanColumn *self);
/* The view that shows the column (the board): drops, opening and the dragged cards go to it,
 * and it is handed to every card. Not owned. */
void            affari_kanban_column_set_host         (AffariKanbanColumn *self,
                                                       AffariCardHost     *host);
/* Words that the cards must contain (the search bar), or NULL. */
/* ---- list and filters ---- */
/* Applies the window's filter (criteria only; NULL = none) to the column, whose header then
 * says that its count and total are filtered. */
void            affari_kanban_column_set_filter       (AffariKanbanColumn    *self,
                                                       const AffariDealQuery *filter);
void            affari_kanban_column_set_filter_text  (AffariKanbanColumn *self,
                                                       const char         *text);
void            affari_kanban_column_set_card_menu    (AffariKanbanColumn *self,
                                                       GMenuModel         *menu);
/* Reads the count and totals again now (otherwise they follow the workspace's signals). */
void            affari_kanban_column_refresh_totals   (AffariKanbanColumn *self);
guint           affari_kanban_column_get_count        (AffariKanbanColumn *self);
/* "12 · € 48.200": what the header shows. */
const char     *affari_kanban_column_get_summary      (AffariKanbanColumn *self);
/* Adds the ids of the selected cards to @ids; unselects every card. */
void            affari_kanban_column_get_selected_ids (AffariKanbanColumn *self,
                                                       GArray             *ids);
void            affari_kanban_column_unselect_all     (AffariKanbanColumn *self);
/* Where a card dropped at (@x, @y) of the column lands: an index among the list's rows
 * (0 = top, n = bottom). */
guint           affari_kanban_column_index_at         (AffariKanbanColumn *self,
                                                       double              x,
                                                       double              y);
/* The drop target's handler: moves @deal to this stage where (@x, @y) says (the host's move_to). */
gboolean        affari_kanban_column_drop_deal        (AffariKanbanColumn *self,
                                                       AffariDeal         *deal,
                                                       double              x,
                                                       double              y);
/* Repaints the placeholders of the dragged cards (the host knows which they are). */
void            affari_kanban_column_update_dragging  (AffariKanbanColumn *self);
/* Ends the visual state of a drag over this column (highlight, line, autoscroll). */
void            affari_kanban_column_end_drag         (AffariKanbanColumn *self);
/* Opens the quick form of the "+" button. */
void            affari_kanban_column_show_quick_create (AffariKanbanColumn *self);
/* The card widget showing @deal_id if it is on screen. */
GtkWidget      *affari_kanban_column_find_card        (AffariKanbanColumn *self,
                                                       gint64              deal_id);
/* Scrolls to the card of @deal_id and gives it the keyboard focus. */
gboolean        affari_kanban_column_focus_deal       (AffariKanbanColumn *self,
                                                       gint64              deal_id);
/* Gives the keyboard focus to the card of @deal_id as soon as the column shows it (after the
 * column's list has caught up with a move), scrolling to it; gives up after a second. */
void            affari_kanban_column_focus_deal_soon  (AffariKanbanColumn *self,
                                                       gint64              deal_id);
/* A card created, moved or brought back here: scrolled into view as soon as the column shows it
 * (and focused with @grab_focus), and marked for a moment (the CSS class "arrived"). */
void            affari_kanban_column_reveal_deal      (AffariKanbanColumn *self,
                                                       gint64              deal_id,
                                                       gboolean            grab_focus);
/* Only marks the card of @deal_id for a moment, wherever it is. */
void            affari_kanban_column_mark_arrived     (AffariKanbanColumn *self,
                                                       gint64              deal_id);

/* A new column shows no card until the board says it is in sight: first @n_rows (as many as the
 * screen can hold), for the first frame; then all, right after the first frame or when it is
 * scrolled into view. GTK 4.8's GtkListView makes rows for 200 items whatever its height. */
void            affari_kanban_column_show_first_rows  (AffariKanbanColumn *self,
                                                       guint               n_rows);
void            affari_kanban_column_show_all_rows    (AffariKanbanColumn *self);
gboolean        affari_kanban_column_get_shows_all_rows (AffariKanbanColumn *self);


/* The top of the header (stripe, name, count and totals): the board gives all the same height. */
GtkWidget      *affari_kanban_column_get_header       (AffariKanbanColumn *self);

/* Narrow (a phone): buttons and the cards' menu corners a finger's size. */
void            affari_kanban_column_set_large_targets (AffariKanbanColumn *self,
                                                        gboolean            large);

/* Whether the column shows that a dragged card would land in it. */
gboolean        affari_kanban_column_get_drop_highlight (AffariKanbanColumn *self);

G_END_DECLS
