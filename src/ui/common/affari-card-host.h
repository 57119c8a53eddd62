/* affari-card-host.h — what a deal card asks of the view that shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/affari-deal.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_CARD_HOST (affari_card_host_get_type ())
G_DECLARE_INTERFACE (AffariCardHost, affari_card_host, AFFARI, CARD_HOST, GObject)

/* A card (the Kanban board's, the Activities view's) is handed its host by the list that makes
 * it, and never looks for it among its ancestors: what a "target" is belongs to the host (a stage
 * on the board, a period in the Activities view). Every method may be left NULL: it does nothing
 * (or answers FALSE). */
struct _AffariCardHostInterface
{
  GTypeInterface parent_iface;

  /* A drag of @deal from @card began, ended (dropped or not), or was cancelled (Esc). */
  void     (*drag_begin)     (AffariCardHost *self,
                              AffariDeal     *deal,
                              GtkWidget      *card);
  void     (*drag_end)       (AffariCardHost *self);
  void     (*drag_cancel)    (AffariCardHost *self);
  /* Whether the card of @deal_id stands for a dragged deal (it shows as a placeholder). */
  gboolean (*is_deal_dragged) (AffariCardHost *self,
                              gint64          deal_id);
  /* Moves @deal (with the cards selected along with it, as the host sees fit) to @target at
   * @index (0 = top, -1 = bottom); with @keep_focus the keyboard focus follows the card. */
  gboolean (*move_to)        (AffariCardHost *self,
                              AffariDeal     *deal,
                              gint64          target,
                              int             index,
                              gboolean        keep_focus);
  /* Moves @deal to the target before (@direction -1) or after (+1) its own. */
  gboolean (*move_by)        (AffariCardHost *self,
                              AffariDeal     *deal,
                              int             direction,
                              gboolean        keep_focus);
  void     (*open)           (AffariCardHost *self,
                              gint64          deal_id);
  void     (*trash)          (AffariCardHost *self,
                              gint64          deal_id);
  /* Creates @deal where the host shows it (a column's "+"): one change, on the undo history. */
  gboolean (*create_deal)    (AffariCardHost *self,
                              AffariDeal     *deal,
                              GError        **error);
};

void     affari_card_host_drag_begin      (AffariCardHost *self,
                                           AffariDeal     *deal,
                                           GtkWidget      *card);
void     affari_card_host_drag_end        (AffariCardHost *self);
void     affari_card_host_drag_cancel     (AffariCardHost *self);
gboolean affari_card_host_is_deal_dragged (AffariCardHost *self,
                                           gint64          deal_id);
gboolean affari_card_host_move_to         (AffariCardHost *self,
                                           AffariDeal     *deal,
                                           gint64          target,
                                           int             index,
                                           gboolean        keep_focus);
gboolean affari_card_host_move_by         (AffariCardHost *self,
                                           AffariDeal     *deal,
                                           int             direction,
                                           gboolean        keep_focus);
void     affari_card_host_open            (AffariCardHost *self,
                                           gint64          deal_id);
void     affari_card_host_trash           (AffariCardHost *self,
                                           gint64          deal_id);
gboolean affari_card_host_create_deal     (AffariCardHost *self,
                                           AffariDeal     *deal,
                                           GError        **error);

G_END_DECLS
