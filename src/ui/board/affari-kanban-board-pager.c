/* affari-kanban-board-pager.c
 *
 * The board when narrow (a phone): one column a page, as wide as the board. The columns stay in
 * the same scrolled box as on the desktop, only sized to the board and scrolled a page at a time,
 * so that their models, cards and drag-and-drop are the same code at every width. A header names
 * the column in view and has the buttons to the previous and next one; a scroll by hand (a swipe)
 * settles on a page; a card held at the left or right edge while dragged flips to the page there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-kanban-board"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "ui/board/affari-kanban-board-private.h"
#include "ui/common/affari-narrow-layout.h"

/* The board's padding and the spacing between columns (style.css, affari-kanban-board.ui). */
#define PADDING 12
#define SPACING 12
/* The narrowest a column gets (style.css's min-width of kanban-column). */
#define MIN_COLUMN_WIDTH 300
/* The desktop's column width (affari-kanban-column.ui). */
#define WIDE_COLUMN_WIDTH 300

/* A dragged card this near the left or right edge, held there, flips the page. */
#define FLIP_EDGE 44
#define FLIP_DELAY_MS 600
/* A scroll by hand that stopped this long ago settles on a page. */
#define SNAP_DELAY_MS 150
/* More than this part of a page scrolled by hand goes on to the next one. */
#define SNAP_THRESHOLD 0.2
#define PAGE_DURATION_MS 250

/* ------------------------------------------------------------ auxiliary */

static int
column_width (AffariKanbanBoard *self)
{
  return MAX (self->narrow_width - 2 * PADDING, MIN_COLUMN_WIDTH);
}

/* Where the board is scrolled to when @page is in view: its column at the board's padding. */
static double
page_offset (AffariKanbanBoard *self,
             guint              page)
{
  return (double) page * (column_width (self) + SPACING);
}

static GtkAdjustment *
hadjustment (AffariKanbanBoard *self)
{
  return gtk_scrolled_window_get_hadjustment (self->scroller);
}

static void
update_header (AffariKanbanBoard *self)
{
  guint n = self->columns->len;
  g_autofree char *position = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.previous-column", self->narrow && self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.next-column", self->narrow && self->page + 1 < n);

  if (n == 0)
    {
      adw_window_title_set_title (self->page_title, "");
      adw_window_title_set_subtitle (self->page_title, "");
      return;
    }

  position = g_strdup_printf (_("Stage %u of %u"), self->page + 1, n);
  adw_window_title_set_title (self->page_title,
                              affari_stage_get_name (affari_kanban_column_get_stage (g_ptr_array_index (self->columns, self->page))));
  adw_window_title_set_subtitle (self->page_title, position);
}

static void
on_page_animation_done_cb (AdwAnimation      *animation,
                           AffariKanbanBoard *self)
{
  self->paging = FALSE;
}

static void
page_animation_step_cb (double   value,
                        gpointer user_data)
{
  AffariKanbanBoard *self = user_data;

  gtk_adjustment_set_value (hadjustment (self), value);
}

static void
go_to_page (AffariKanbanBoard *self,
            int                page,
            gboolean           animate)
{
  if (self->columns->len == 0)
    return;

  self->page = CLAMP (page, 0, (int) self->columns->len - 1);
  update_header (self);
  g_clear_handle_id (&self->snap_source, g_source_remove);

  self->paging = TRUE;
  adw_animation_reset (self->page_animation);
  if (animate && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      adw_timed_animation_set_value_from (ADW_TIMED_ANIMATION (self->page_animation),
                                          gtk_adjustment_get_value (hadjustment (self)));
      adw_timed_animation_set_value_to (ADW_TIMED_ANIMATION (self->page_animation), page_offset (self, self->page));
      adw_animation_play (self->page_animation);
    }
  else
    {
      gtk_adjustment_set_value (hadjustment (self), page_offset (self, self->page));
      self->paging = FALSE;
    }
}

static gboolean
snap_cb (gpointer user_data)
{
  AffariKanbanBoard *self = user_data;
  double step = column_width (self) + SPACING;
  double value = gtk_adjustment_get_value (hadjustment (self));
  double moved = value - page_offset (self, self->page);
  int page = (int) self->page;

  self->snap_source = 0;
  /* A swipe a little way on goes to the next page; back under the threshold, it stays. */
  if (fabs (moved) > step / 2)
    page = (int) lround (value / step);
  else if (fabs (moved) > step * SNAP_THRESHOLD)
    page += moved > 0 ? 1 : -1;
  go_to_page (self, page, TRUE);

  return G_SOURCE_REMOVE;
}

static gboolean
flip_cb (gpointer user_data)
{
  AffariKanbanBoard *self = user_data;

  /* Held on at the edge, the next page after as long again. */
  go_to_page (self, (int) self->page + self->flip_direction, TRUE);

  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------ callbacks */

/* Scrolled by hand (a swipe, the wheel, the scrollbar): once the scrolling stops, the board
 * settles on a page. */
static void
on_hadjustment_value_changed_cb (GtkAdjustment     *adjustment,
                                 AffariKanbanBoard *self)
{
  if (!self->narrow || self->paging || self->columns->len == 0)
    return;

  g_clear_handle_id (&self->snap_source, g_source_remove);
  self->snap_source = g_timeout_add (SNAP_DELAY_MS, snap_cb, self);
}

static void
previous_column_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (widget);

  go_to_page (self, (int) self->page - 1, TRUE);
}

static void
next_column_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (widget);

  go_to_page (self, (int) self->page + 1, TRUE);
}

/* ------------------------------------------------------------ private API */

void
_affari_kanban_board_pager_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "board.previous-column", NULL, previous_column_action);
  gtk_widget_class_install_action (widget_class, "board.next-column", NULL, next_column_action);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanBoard, pager);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanBoard, page_title);

  g_type_ensure (ADW_TYPE_WINDOW_TITLE);
}

void
_affari_kanban_board_pager_init (AffariKanbanBoard *self)
{
  self->page_animation = adw_timed_animation_new (GTK_WIDGET (self), 0, 0, PAGE_DURATION_MS,
                                                  adw_callback_animation_target_new (page_animation_step_cb, self, NULL));
  g_signal_connect (self->page_animation, "done", G_CALLBACK (on_page_animation_done_cb), self);
  g_signal_connect (hadjustment (self), "value-changed", G_CALLBACK (on_hadjustment_value_changed_cb), self);
  update_header (self);
}

void
_affari_kanban_board_pager_dispose (AffariKanbanBoard *self)
{
  /* A sliding stopped here scrolls no more: nothing is queued by its last step. */
  if (self->scroller != NULL)
    g_signal_handlers_disconnect_by_data (hadjustment (self), self);
  if (self->page_animation != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->page_animation, self);
      adw_animation_reset (self->page_animation);
    }
  g_clear_object (&self->page_animation);
  g_clear_handle_id (&self->snap_source, g_source_remove);
  g_clear_handle_id (&self->flip_source, g_source_remove);
}

void
_affari_kanban_board_pager_allocate (AffariKanbanBoard *self,
                                     int                width)
{
  gboolean narrow = width < AFFARI_NARROW_WIDTH;

  if (narrow == self->narrow && (!narrow || width == self->narrow_width))
    return;

  if (narrow && !self->narrow)
    {
      double value = gtk_adjustment_get_value (hadjustment (self));

      /* The first column in view at the desktop's width becomes the page. */
      self->page = MIN ((guint) MAX (0, lround (value / (WIDE_COLUMN_WIDTH + SPACING))),
                        self->columns->len > 0 ? self->columns->len - 1 : 0);
    }

  self->narrow = narrow;
  self->narrow_width = narrow ? width : 0;
  /* Sizes and visibility change during the allocation: they take effect with the next one. */
  for (guint i = 0; i < self->columns->len; i++)
    {
      gtk_widget_set_size_request (g_ptr_array_index (self->columns, i), narrow ? column_width (self) : WIDE_COLUMN_WIDTH, -1);
      affari_kanban_column_set_large_targets (g_ptr_array_index (self->columns, i), narrow);
    }
  gtk_widget_set_visible (self->pager, narrow);
  affari_kanban_drop_zones_set_narrow (self->zones_box, narrow);
  /* The page follows a card given the focus in another column (card-revealed); the viewport's
   * own scrolling to the focus would leave the board between two pages. */
  if (GTK_IS_VIEWPORT (gtk_scrolled_window_get_child (self->scroller)))
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (gtk_scrolled_window_get_child (self->scroller)), !narrow);
  if (narrow)
    gtk_widget_add_css_class (GTK_WIDGET (self), "narrow");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "narrow");
  if (!narrow)
    {
      g_clear_handle_id (&self->snap_source, g_source_remove);
      _affari_kanban_board_pager_drag_stop (self);
    }
  update_header (self);
}

/* After the allocation: the page stays in view when the board's width changes. */
void
_affari_kanban_board_pager_allocated (AffariKanbanBoard *self)
{
  GtkAdjustment *adjustment = hadjustment (self);

  if (!self->narrow || self->paging || self->snap_source != 0 || self->columns->len == 0)
    return;
  if (gtk_adjustment_get_upper (adjustment) < page_offset (self, self->page) + gtk_adjustment_get_page_size (adjustment))
    return;   /* the columns are not at their new width yet */
  if (gtk_adjustment_get_value (adjustment) != page_offset (self, self->page))
    {
      self->paging = TRUE;
      gtk_adjustment_set_value (adjustment, page_offset (self, self->page));
      self->paging = FALSE;
    }
}

void
_affari_kanban_board_pager_columns_changed (AffariKanbanBoard *self)
{
  if (self->narrow)
    for (guint i = 0; i < self->columns->len; i++)
      {
        gtk_widget_set_size_request (g_ptr_array_index (self->columns, i), column_width (self), -1);
        affari_kanban_column_set_large_targets (g_ptr_array_index (self->columns, i), TRUE);
      }
  self->page = MIN (self->page, self->columns->len > 0 ? self->columns->len - 1 : 0);
  update_header (self);
}

gboolean
_affari_kanban_board_pager_drag_motion (AffariKanbanBoard *self,
                                        double             x)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int direction = 0;

  if (!self->narrow)
    return FALSE;

  if (x < FLIP_EDGE && self->page > 0)
    direction = -1;
  else if (x > width - FLIP_EDGE && self->page + 1 < self->columns->len)
    direction = 1;

  if (direction != self->flip_direction)
    {
      g_clear_handle_id (&self->flip_source, g_source_remove);
      self->flip_direction = direction;
      if (direction != 0)
        self->flip_source = g_timeout_add (FLIP_DELAY_MS, flip_cb, self);
    }

  return TRUE;
}

void
_affari_kanban_board_pager_drag_stop (AffariKanbanBoard *self)
{
  g_clear_handle_id (&self->flip_source, g_source_remove);
  self->flip_direction = 0;
}

gboolean
_affari_kanban_board_pager_show_column (AffariKanbanBoard  *self,
                                        AffariKanbanColumn *column,
                                        gboolean            animate)
{
  guint index;

  if (!self->narrow)
    return FALSE;

  if (g_ptr_array_find (self->columns, column, &index) && index != self->page)
    go_to_page (self, (int) index, animate);

  return TRUE;
}

/* ------------------------------------------------------------ public API */

gboolean
affari_kanban_board_get_narrow (AffariKanbanBoard *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_BOARD (self), FALSE);

  return self->narrow;
}

guint
affari_kanban_board_get_page (AffariKanbanBoard *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_BOARD (self), 0);

  return self->page;
}

gboolean
affari_kanban_board_get_paging (AffariKanbanBoard *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_BOARD (self), FALSE);

  return self->paging || self->snap_source != 0;
}
