/* affari-kanban-card.h — one deal on the Kanban board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/affari-deal.h"
#include "ui/common/affari-card-host.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_KANBAN_CARD (affari_kanban_card_get_type ())
G_DECLARE_FINAL_TYPE (AffariKanbanCard, affari_kanban_card, AFFARI, KANBAN_CARD, GtkWidget)

/* Properties: "deal" (the AffariDeal shown; the card follows its property changes).
 * Actions (prefix "tile", the deal card owns "card"): tile.move-to (x: stage id), tile.move-previous, tile.move-next, tile.open, tile.trash,
 * tile.menu; each asks the card's host (affari_kanban_card_set_host ()) with the card's deal. */
GtkWidget  *affari_kanban_card_new             (void);
AffariDeal *affari_kanban_card_get_deal        (AffariKanbanCard *self);
void        affari_kanban_card_set_deal        (AffariKanbanCard *self,
                                                AffariDeal       *deal);
/* The row of the list view that holds the card (set by the column's factory). */
void        affari_kanban_card_set_list_item   (AffariKanbanCard *self,
                                                GtkListItem      *item);
/* The view that shows the card (the board, the Activities view), set by the list's factory; the
 * card asks it for its moves, drags, opening and trashing. Not owned. */
void        affari_kanban_card_set_host        (AffariKanbanCard *self,
                                                AffariCardHost   *host);
GtkListItem *affari_kanban_card_get_list_item  (AffariKanbanCard *self);
/* Whether a single plain click opens the card's deal (the host's open), as on the Kanban board;
 * Ctrl and Shift+click still select, a drag still drags. Off by default. */
void        affari_kanban_card_set_open_on_click (AffariKanbanCard *self,
                                                  gboolean          open_on_click);
/* The "Sposta in" menu of the pipeline the card is shown in. */
void        affari_kanban_card_set_menu_model  (AffariKanbanCard *self,
                                                GMenuModel       *menu);
/* While the card's deal is being dragged it shows as a placeholder. */
/* Narrow (a phone): the "⋮" corner takes presses 44 pixels wide and high, for a finger. */
void        affari_kanban_card_set_large_targets (AffariKanbanCard *self,
                                                  gboolean          large);
void        affari_kanban_card_set_dragging    (AffariKanbanCard *self,
                                                gboolean          dragging);
/* Everything the card shows, one part a line: title, amount, client, next activity, badge. */
char       *affari_kanban_card_dup_text        (AffariKanbanCard *self);
/* The state of the next activity as drawn: "none", "overdue", "today" or "planned". */
const char *affari_kanban_card_get_activity_state (AffariKanbanCard *self);
/* "Fornitura stampanti, € 4.500,00, Rossi Srl": the accessible label. */
char       *affari_kanban_card_describe        (AffariDeal       *deal);

G_END_DECLS
