/* affari-card-host.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-card-host"

#include "config.h"

#include "ui/common/affari-card-host.h"

G_DEFINE_INTERFACE (AffariCardHost, affari_card_host, G_TYPE_OBJECT)

static void
affari_card_host_default_init (AffariCardHostInterface *iface)
{
}

#define HOST_IFACE(self) AFFARI_CARD_HOST_GET_IFACE (self)

void
affari_card_host_drag_begin (AffariCardHost *self,
                             AffariDeal     *deal,
                             GtkWidget      *card)
{
  g_return_if_fail (AFFARI_IS_CARD_HOST (self));
  g_return_if_fail (AFFARI_IS_DEAL (deal));

  if (HOST_IFACE (self)->drag_begin != NULL)
    HOST_IFACE (self)->drag_begin (self, deal, card);
}

void
affari_card_host_drag_end (AffariCardHost *self)
{
  g_return_if_fail (AFFARI_IS_CARD_HOST (self));

  if (HOST_IFACE (self)->drag_end != NULL)
    HOST_IFACE (self)->drag_end (self);
}

void
affari_card_host_drag_cancel (AffariCardHost *self)
{
  g_return_if_fail (AFFARI_IS_CARD_HOST (self));

  if (HOST_IFACE (self)->drag_cancel != NULL)
    HOST_IFACE (self)->drag_cancel (self);
}

gboolean
affari_card_host_is_deal_dragged (AffariCardHost *self,
                                  gint64          deal_id)
{
  g_return_val_if_fail (AFFARI_IS_CARD_HOST (self), FALSE);

  return HOST_IFACE (self)->is_deal_dragged != NULL && HOST_IFACE (self)->is_deal_dragged (self, deal_id);
}

gboolean
affari_card_host_move_to (AffariCardHost *self,
                          AffariDeal     *deal,
                          gint64          target,
                          int             index,
                          gboolean        keep_focus)
{
  g_return_val_if_fail (AFFARI_IS_CARD_HOST (self), FALSE);
  g_return_val_if_fail (AFFARI_IS_DEAL (deal), FALSE);

  return HOST_IFACE (self)->move_to != NULL && HOST_IFACE (self)->move_to (self, deal, target, index, keep_focus);
}

gboolean
affari_card_host_move_by (AffariCardHost *self,
                          AffariDeal     *deal,
                          int             direction,
                          gboolean        keep_focus)
{
  g_return_val_if_fail (AFFARI_IS_CARD_HOST (self), FALSE);
  g_return_val_if_fail (AFFARI_IS_DEAL (deal), FALSE);

  return HOST_IFACE (self)->move_by != NULL && HOST_IFACE (self)->move_by (self, deal, direction, keep_focus);
}

void
affari_card_host_open (AffariCardHost *self,
                       gint64          deal_id)
{
  g_return_if_fail (AFFARI_IS_CARD_HOST (self));

  if (HOST_IFACE (self)->open != NULL)
    HOST_IFACE (self)->open (self, deal_id);
}

void
affari_card_host_trash (AffariCardHost *self,
                        gint64          deal_id)
{
  g_return_if_fail (AFFARI_IS_CARD_HOST (self));

  if (HOST_IFACE (self)->trash != NULL)
    HOST_IFACE (self)->trash (self, deal_id);
}

gboolean
affari_card_host_create_deal (AffariCardHost  *self,
                              AffariDeal      *deal,
                              GError         **error)
{
  g_return_val_if_fail (AFFARI_IS_CARD_HOST (self), FALSE);

  if (HOST_IFACE (self)->create_deal == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "No deal can be created here");
      return FALSE;
    }
  return HOST_IFACE (self)->create_deal (self, deal, error);
}
