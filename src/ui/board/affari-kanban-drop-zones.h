/* affari-kanban-drop-zones.h — the closing zones along the bottom of the board while dragging:
 * won, each way of losing, and the trash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ui/common/affari-card-host.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_KANBAN_DROP_ZONES (affari_kanban_drop_zones_get_type ())
G_DECLARE_FINAL_TYPE (AffariKanbanDropZones, affari_kanban_drop_zones, AFFARI, KANBAN_DROP_ZONES, GtkWidget)

/* One zone a child, each with a GtkDropTarget for an AffariDeal and the CSS class "won", "lost"
 * or "trash". A deal dropped on a stage's zone goes to @host's move_to (the stage, on top); on
 * the trash to its trash. */
GtkWidget *affari_kanban_drop_zones_new        (void);
/* The host the drops go to (not owned). */
void       affari_kanban_drop_zones_set_host   (AffariKanbanDropZones *self,
                                                AffariCardHost        *host);
/* Zones for the won and lost stages among @stages (AffariStage), then the trash. */
void       affari_kanban_drop_zones_set_stages (AffariKanbanDropZones *self,
                                                GPtrArray             *stages);
/* Narrow (a phone): the zones' names under their icons, on up to three lines in small print, so that
 * four zones side by side still say what they are. */
void       affari_kanban_drop_zones_set_narrow (AffariKanbanDropZones *self,
                                                gboolean               narrow);

G_END_DECLS
