/* affari-kanban-card-draw.h — the pieces a Kanban card draws (private to the board folder)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/affari-deal.h"

G_BEGIN_DECLS

#define AFFARI_CARD_ICON_SIZE     16
#define AFFARI_CARD_AVATAR_SIZE   24

typedef enum {
  ACTIVITY_NONE,
  ACTIVITY_OVERDUE,
  ACTIVITY_TODAY,
  ACTIVITY_PLANNED,
} ActivityState;

/* "Mario Rossi" → "MR", as AdwAvatar shows it. */
char  *affari_kanban_card_initials_of       (const char    *name);
/* The index of @name's colour in libadwaita's avatar palette. */
guint  affari_kanban_card_avatar_color      (const char    *name);
/* "Scaduta: 27/11", "Oggi 14:30"...: the next activity as a seller reads it. */
char  *affari_kanban_card_describe_activity (AffariDeal    *deal,
                                             ActivityState *state);
void   affari_kanban_card_lookup_color      (GtkWidget     *widget,
                                             const char    *name,
                                             const char    *fallback,
                                             GdkRGBA       *color);
void   affari_kanban_card_snapshot_icon     (GtkWidget     *widget,
                                             GtkSnapshot   *snapshot,
                                             const char    *icon_name,
                                             double         x,
                                             double         y,
                                             const GdkRGBA *color);
void   affari_kanban_card_snapshot_layout   (GtkSnapshot   *snapshot,
                                             PangoLayout   *layout,
                                             double         x,
                                             double         y,
                                             const GdkRGBA *color);
/* A round avatar of AFFARI_CARD_AVATAR_SIZE at (@x, @y) with @initials in it. */
void   affari_kanban_card_snapshot_avatar   (GtkSnapshot   *snapshot,
                                             PangoLayout   *initials,
                                             guint          color,
                                             double         x,
                                             double         y);

G_END_DECLS
