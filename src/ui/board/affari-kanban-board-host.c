/* affari-kanban-board-host.c
 *
 * The board as the host of its cards (AffariCardHost): what a drag of cards is, and where a card
 * moved, opened or trashed goes. The board adds the other selected cards and hands every change
 * to the window's named actions: deal.move (one transaction, one undo, the lost reason and the
 * reopening asked there), deal.trash, deal.open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-kanban-board"

#include "config.h"

#include "ui/board/affari-kanban-board-private.h"
#include "ui/board/affari-kanban-card.h"

/* More deals than this in one change are not looked for on the board. */
#define MAX_REVEALED 100

/* ------------------------------------------------------------ auxiliary */

/* The deals an action on @deal_id applies to: the selected cards when it is one of them. */
static GArray *
deals_for (AffariKanbanBoard *self,
           gint64             deal_id)
{
  g_autoptr(GArray) selected = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean among = FALSE;

  for (guint i = 0; i < self->columns->len; i++)
    affari_kanban_column_get_selected_ids (g_ptr_array_index (self->columns, i), selected);

  for (guint i = 0; i < selected->len; i++)
    if (g_array_index (selected, gint64, i) == deal_id)
      among = TRUE;

  if (among && selected->len > 1)
    {
      /* The one under the pointer first: it leads the others into place. */
      g_array_append_val (ids, deal_id);
      for (guint i = 0; i < selected->len; i++)
        if (g_array_index (selected, gint64, i) != deal_id)
          g_array_append_val (ids, g_array_index (selected, gint64, i));
    }
  else
    {
      g_array_append_val (ids, deal_id);
    }

  return ids;
}

/* The deals as a GVariant "ax". */
static GVariant *
ids_variant (GArray *ids)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids->data, ids->len, sizeof (gint64));
}

/* A card dropped on a column or a zone, or moved from its menu or with Alt+←/→. */
static gboolean
move_deals (AffariKanbanBoard *self,
            gint64             deal_id,
            gint64             stage_id,
            int                index,
            gboolean           keep_focus)
{
  g_autoptr(GArray) ids = NULL;

  if (deal_id == 0 || stage_id == 0)
    return FALSE;

  self->follow_deal = keep_focus ? deal_id : 0;

  ids = deals_for (self, deal_id);
  return gtk_widget_activate_action (GTK_WIDGET (self), "deal.move", "(@axxi)", ids_variant (ids), stage_id, index);
}

/* ------------------------------------------------------------ AffariCardHost */

static void
board_drag_begin (AffariCardHost *host,
                  AffariDeal     *deal,
                  GtkWidget      *card)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (host);
  g_autoptr(GArray) ids = deals_for (self, affari_deal_get_id (deal));

  g_hash_table_remove_all (self->dragged);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (self->dragged, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)));

  /* A cancelled drag puts the scrolling back too, where the card flies back to. */
  self->origin_hvalue = gtk_adjustment_get_value (gtk_scrolled_window_get_hadjustment (self->scroller));
  self->origin_column = NULL;
  for (guint i = 0; i < self->columns->len; i++)
    if (gtk_widget_is_ancestor (card, g_ptr_array_index (self->columns, i)))
      self->origin_column = g_ptr_array_index (self->columns, i);
  if (self->origin_column != NULL)
    self->origin_vvalue = gtk_adjustment_get_value (affari_kanban_column_get_vadjustment (self->origin_column));

  self->dragging = TRUE;
  gtk_revealer_set_reveal_child (self->zones_revealer, TRUE);

  for (guint i = 0; i < self->columns->len; i++)
    affari_kanban_column_update_dragging (g_ptr_array_index (self->columns, i));
}

static void
board_drag_end (AffariCardHost *host)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (host);

  if (!self->dragging)
    return;

  self->dragging = FALSE;
  g_hash_table_remove_all (self->dragged);
  affari_edge_scroller_stop (self->hscroller);
  _affari_kanban_board_pager_drag_stop (self);
  gtk_revealer_set_reveal_child (self->zones_revealer, FALSE);

  for (guint i = 0; i < self->columns->len; i++)
    {
      affari_kanban_column_end_drag (g_ptr_array_index (self->columns, i));
      affari_kanban_column_update_dragging (g_ptr_array_index (self->columns, i));
    }
  /* The column the card came from, if it was left out meanwhile. */
  _affari_kanban_board_queue_fill_columns (self);
}

/* Esc or a drop where nothing takes it: the board and the card's column scroll back too. */
static void
board_drag_cancel (AffariCardHost *host)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (host);

  if (!self->dragging)
    return;

  /* Autoscroll stops before the board scrolls back, or it would scroll on. */
  board_drag_end (host);
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->scroller), self->origin_hvalue);
  if (self->origin_column != NULL)
    gtk_adjustment_set_value (affari_kanban_column_get_vadjustment (self->origin_column), self->origin_vvalue);
  self->origin_column = NULL;
}

static gboolean
board_is_deal_dragged (AffariCardHost *host,
                       gint64          deal_id)
{
  return affari_kanban_board_is_deal_dragged (AFFARI_KANBAN_BOARD (host), deal_id);
}

static gboolean
board_move_to (AffariCardHost *host,
               AffariDeal     *deal,
               gint64          stage_id,
               int             index,
               gboolean        keep_focus)
{
  return move_deals (AFFARI_KANBAN_BOARD (host), affari_deal_get_id (deal), stage_id, index, keep_focus);
}

static gboolean
board_move_by (AffariCardHost *host,
               AffariDeal     *deal,
               int             direction,
               gboolean        keep_focus)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (host);
  gint64 stage_id = affari_kanban_board_get_adjacent_stage (self, affari_deal_get_stage_id (deal), direction);

  return move_deals (self, affari_deal_get_id (deal), stage_id, 0, keep_focus);
}

static void
board_open (AffariCardHost *host,
            gint64          deal_id)
{
  gtk_widget_activate_action (GTK_WIDGET (host), "deal.open", "x", deal_id);
}

static void
board_trash (AffariCardHost *host,
             gint64          deal_id)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (host);
  g_autoptr(GArray) ids = deals_for (self, deal_id);

  gtk_widget_activate_action (GTK_WIDGET (self), "deal.trash", "@ax", ids_variant (ids));
}

static gboolean
board_create_deal (AffariCardHost  *host,
                   AffariDeal      *deal,
                   GError         **error)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (host);
  g_autoptr(AffariChangeSet) set = NULL;

  g_return_val_if_fail (self->ops != NULL, FALSE);

  set = affari_deal_ops_create (self->ops, deal, NULL, NULL, error);
  return set != NULL;
}

void
_affari_kanban_board_host_iface_init (AffariCardHostInterface *iface)
{
  iface->drag_begin = board_drag_begin;
  iface->drag_end = board_drag_end;
  iface->drag_cancel = board_drag_cancel;
  iface->is_deal_dragged = board_is_deal_dragged;
  iface->move_to = board_move_to;
  iface->move_by = board_move_by;
  iface->open = board_open;
  iface->trash = board_trash;
  iface->create_deal = board_create_deal;
}

/* ------------------------------------------------------------ private API */

void
_affari_kanban_board_follow_change (AffariKanbanBoard *self,
                                    AffariChangeSet   *set)
{
  g_autoptr(GPtrArray) revealed = g_ptr_array_new ();
  guint n = affari_change_set_get_n_deals (set);
  gboolean is_revert = affari_change_set_get_is_revert (set);

  /* Hidden behind another view, the board has nothing to show; a change of hundreds of deals
   * (a stage deleted, an import) is no card to look for. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || n > MAX_REVEALED)
    n = 0;

  for (guint i = 0; i < n; i++)
    {
      const AffariDealChange *change = affari_change_set_get_deal (set, i);
      AffariKanbanColumn *column = change->new_stage_id != 0 ? affari_kanban_board_find_column (self, change->new_stage_id) : NULL;
      gboolean focus = change->deal_id == self->follow_deal;

      /* Created, moved, restored, undone or redone: the user looks for it where it landed. An
       * edit in place (same stage, no new place) moves nothing on screen. */
      if (column == NULL ||
          (change->old_stage_id == change->new_stage_id && change->index == AFFARI_CHANGE_INDEX_UNKNOWN && !is_revert && !focus))
        continue;

      /* One card a column scrolled to (the first: the one dragged, or the focused one), the
       * others only marked. */
      if (!focus && g_ptr_array_find (revealed, column, NULL))
        {
          affari_kanban_column_mark_arrived (column, change->deal_id);
        }
      else
        {
          affari_kanban_column_reveal_deal (column, change->deal_id, focus);
          g_ptr_array_add (revealed, column);
        }
    }

  if (affari_change_set_find (set, self->follow_deal) != NULL)
    self->follow_deal = 0;
}

/* ------------------------------------------------------------ public API */

gboolean
affari_kanban_board_get_dragging (AffariKanbanBoard *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_BOARD (self), FALSE);

  return self->dragging;
}

gboolean
affari_kanban_board_is_deal_dragged (AffariKanbanBoard *self,
                                     gint64             deal_id)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_BOARD (self), FALSE);

  return self->dragging && g_hash_table_contains (self->dragged, &deal_id);
}
