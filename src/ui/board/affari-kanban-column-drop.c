/* affari-kanban-column-drop.c
 *
 * A column as a drop target: the highlight and the line where a dragged card would land, the
 * autoscroll near the top and bottom of its list, and the drop itself, handed to the host.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-kanban-column"

#include "config.h"

#include "ui/board/affari-kanban-column-private.h"

/* Pixels from a column's top or bottom edge where a drag starts scrolling it. */
#define AUTOSCROLL_EDGE 56
#define AUTOSCROLL_MAX_STEP 24.0

/* ------------------------------------------------------------ auxiliary */

static void
set_drop_highlight (AffariKanbanColumn *self,
                    gboolean            highlight)
{
  if (self->drop_highlight == highlight)
    return;
  self->drop_highlight = highlight;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The row at list position @index if it is realized, else NULL. */
static GtkWidget *
find_row (AffariKanbanColumn *self,
          guint               index)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (_affari_kanban_column_row_card (child) != NULL && gtk_widget_get_child_visible (child) && _affari_kanban_column_row_position (child) == index)
        return child;
    }

  return NULL;
}

/* Shows a line where the dragged card will land, between two rows. */
static void
show_drop_line (AffariKanbanColumn *self,
                guint               index)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->deals));
  graphene_rect_t bounds;
  GtkWidget *row;
  double y = 0;

  if (index < n_items && (row = find_row (self, index)) != NULL &&
      gtk_widget_compute_bounds (row, GTK_WIDGET (self->overlay), &bounds))
    y = bounds.origin.y;
  else if (index > 0 && (row = find_row (self, index - 1)) != NULL &&
           gtk_widget_compute_bounds (row, GTK_WIDGET (self->overlay), &bounds))
    y = bounds.origin.y + bounds.size.height;

  y = CLAMP (y - 2, 0, MAX (0, gtk_widget_get_height (GTK_WIDGET (self->overlay)) - 4));
  gtk_widget_set_margin_top (self->drop_line, (int) y);
  gtk_widget_set_visible (self->drop_line, TRUE);
}

static void
update_autoscroll (AffariKanbanColumn *self,
                   double              y)
{
  graphene_point_t top;

  /* The edges of the list, not of the whole column: the header does not scroll. */
  if (gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (self->scroller),
                                &GRAPHENE_POINT_INIT (0, y), &top))
    affari_edge_scroller_update (self->vscroller, top.y, gtk_widget_get_height (GTK_WIDGET (self->scroller)));
}

/* ------------------------------------------------------------ callbacks */

static void
on_vscroller_scrolled_cb (AffariEdgeScroller *scroller,
                          AffariKanbanColumn *self)
{
  show_drop_line (self, affari_kanban_column_index_at (self, self->drag_x, self->drag_y));
}

static GdkDragAction
on_drop_enter_cb (GtkDropTarget      *target,
                  double              x,
                  double              y,
                  AffariKanbanColumn *self)
{
  set_drop_highlight (self, TRUE);

  return GDK_ACTION_MOVE;
}

static GdkDragAction
on_drop_motion_cb (GtkDropTarget      *target,
                   double              x,
                   double              y,
                   AffariKanbanColumn *self)
{
  self->drag_x = x;
  self->drag_y = y;
  set_drop_highlight (self, TRUE);
  show_drop_line (self, affari_kanban_column_index_at (self, x, y));
  update_autoscroll (self, y);

  return GDK_ACTION_MOVE;
}

static void
on_drop_leave_cb (GtkDropTarget      *target,
                  AffariKanbanColumn *self)
{
  affari_kanban_column_end_drag (self);
}

static gboolean
on_drop_cb (GtkDropTarget      *target,
            const GValue       *value,
            double              x,
            double              y,
            AffariKanbanColumn *self)
{
  AffariDeal *deal;

  if (!G_VALUE_HOLDS (value, AFFARI_TYPE_DEAL))
    return FALSE;

  deal = g_value_get_object (value);
  if (deal == NULL)
    return FALSE;

  return affari_kanban_column_drop_deal (self, deal, x, y);
}

/* ------------------------------------------------------------ private API */

void
_affari_kanban_column_drop_init (AffariKanbanColumn *self)
{
  GtkDropTarget *drop_target;
  GType types[] = { AFFARI_TYPE_DEAL };

  self->vscroller = affari_edge_scroller_new (GTK_WIDGET (self), gtk_scrolled_window_get_vadjustment (self->scroller),
                                              AUTOSCROLL_EDGE, AUTOSCROLL_MAX_STEP);
  g_signal_connect (self->vscroller, "scrolled", G_CALLBACK (on_vscroller_scrolled_cb), self);

  /* The drop target covers the whole column, header included: a card dropped on the header
   * goes to the top. Preloaded so that the deal is known while hovering. */
  drop_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_MOVE);
  gtk_drop_target_set_gtypes (drop_target, types, G_N_ELEMENTS (types));
  gtk_drop_target_set_preload (drop_target, TRUE);
  g_signal_connect (drop_target, "enter", G_CALLBACK (on_drop_enter_cb), self);
  g_signal_connect (drop_target, "motion", G_CALLBACK (on_drop_motion_cb), self);
  g_signal_connect (drop_target, "leave", G_CALLBACK (on_drop_leave_cb), self);
  g_signal_connect (drop_target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));
}

/* The column under a dragged card is tinted and outlined. Drawn, not a CSS class: a class on the
 * column would make GTK compute the style of its 200 rows again, twice a drop. */
void
_affari_kanban_column_snapshot_highlight (AffariKanbanColumn *self,
                                          GtkSnapshot        *snapshot)
{
  if (self->drop_highlight)
    {
      GtkWidget *widget = GTK_WIDGET (self);
      GtkStyleContext *context = gtk_widget_get_style_context (widget);
      graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
      GdkRGBA accent, tint, outline;
      GskRoundedRect shape;

      if (!gtk_style_context_lookup_color (context, "accent_bg_color", &accent))
        gdk_rgba_parse (&accent, "#3584e4");
      tint = outline = accent;
      tint.alpha = 0.12;
      outline.alpha = 0.6;
      /* As the column's CSS: a 12 pixel radius. */
      gsk_rounded_rect_init_from_rect (&shape, &bounds, 12);
      gtk_snapshot_push_rounded_clip (snapshot, &shape);
      gtk_snapshot_append_color (snapshot, &tint, &bounds);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_append_border (snapshot, &shape, (float[4]) { 2, 2, 2, 2 },
                                  (GdkRGBA[4]) { outline, outline, outline, outline });
    }
}

/* ------------------------------------------------------------ public API */

guint
affari_kanban_column_index_at (AffariKanbanColumn *self,
                               double              x,
                               double              y)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->deals));
  graphene_point_t point;
  graphene_rect_t bounds;
  GtkWidget *picked;
  GtkWidget *row;
  double list_x;
  guint position;

  if (n_items == 0)
    return 0;

  if (!gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (self->list_view),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    return n_items;

  /* Above the list (the header): the top. */
  if (point.y < 0)
    return 0;

  /* The middle of the list: the pointer may be in the margin between cards and the edge. */
  list_x = gtk_widget_get_width (GTK_WIDGET (self->list_view)) / 2.0;
  picked = gtk_widget_pick (GTK_WIDGET (self->list_view), list_x, point.y, GTK_PICK_DEFAULT);
  row = picked != NULL ? _affari_kanban_column_row_of (self, picked) : NULL;

  if (row == NULL)
    {
      GtkWidget *first = find_row (self, 0);

      /* Empty space: below the last card, unless it is above the first one. */
      if (first != NULL && gtk_widget_compute_bounds (first, GTK_WIDGET (self->list_view), &bounds) &&
          point.y < bounds.origin.y)
        return 0;
      return n_items;
    }

  position = _affari_kanban_column_row_position (row);
  if (position == GTK_INVALID_LIST_POSITION)
    return n_items;

  if (gtk_widget_compute_bounds (row, GTK_WIDGET (self->list_view), &bounds) &&
      point.y > bounds.origin.y + bounds.size.height / 2)
    position++;

  return MIN (position, n_items);
}

gboolean
affari_kanban_column_drop_deal (AffariKanbanColumn *self,
                                AffariDeal         *deal,
                                double              x,
                                double              y)
{
  gint64 deal_id;
  guint index;
  guint current;
  int store_index;

  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), FALSE);
  g_return_val_if_fail (AFFARI_IS_DEAL (deal), FALSE);

  deal_id = affari_deal_get_id (deal);
  index = affari_kanban_column_index_at (self, x, y);
  affari_kanban_column_end_drag (self);

  /* The workspace counts the index among the other deals of the stage: a card that moves down
   * its own column leaves a gap above the place it goes to. */
  current = affari_deal_list_find (self->deals, deal_id);
  if (current != G_MAXUINT && current < index)
    index--;
  if (current != G_MAXUINT && current == index)
    return TRUE;   /* dropped where it was */

  store_index = index >= g_list_model_get_n_items (G_LIST_MODEL (self->deals)) - (current != G_MAXUINT ? 1 : 0)
                ? -1 : (int) index;

  return self->host != NULL &&
         affari_card_host_move_to (self->host, deal, affari_stage_get_id (self->stage), store_index, FALSE);
}

void
affari_kanban_column_update_dragging (AffariKanbanColumn *self)
{
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AffariKanbanCard *card = _affari_kanban_column_row_card (child);
      AffariDeal *deal = card != NULL ? affari_kanban_card_get_deal (card) : NULL;

      if (deal != NULL)
        affari_kanban_card_set_dragging (card, self->host != NULL &&
                                         affari_card_host_is_deal_dragged (self->host, affari_deal_get_id (deal)));
    }
}

void
affari_kanban_column_end_drag (AffariKanbanColumn *self)
{
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  affari_edge_scroller_stop (self->vscroller);
  set_drop_highlight (self, FALSE);
  gtk_widget_set_visible (self->drop_line, FALSE);
}

gboolean
affari_kanban_column_get_drop_highlight (AffariKanbanColumn *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), FALSE);

  return self->drop_highlight;
}
