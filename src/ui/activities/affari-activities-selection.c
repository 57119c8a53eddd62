/* affari-activities-selection.c
 *
 * Which cards of the Activities view are selected (Ctrl+click, across columns), dragged
 * together, and which has the keyboard focus: a card keeps it when Alt+←/→ moves it to another
 * column, once that column shows it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-activities"

#include "config.h"

#include "ui/activities/affari-activities-view-private.h"

/* ------------------------------------------------------------ selection */

gboolean
affari_activities_view_is_dragged (AffariActivitiesView *self,
            gint64                deal_id)
{
  for (guint i = 0; self->dragged_ids != NULL && i < self->dragged_ids->len; i++)
    if (g_array_index (self->dragged_ids, gint64, i) == deal_id)
      return TRUE;
  return FALSE;
}

static gboolean
is_selected (AffariActivitiesView *self,
             gint64                deal_id)
{
  for (guint c = 0; c < AFFARI_N_ACTIVITY_PERIODS; c++)
    {
      Column *column = &self->columns[c];
      guint position;

      if (column->selection == NULL)
        continue;
      position = affari_activities_column_find_position (column, deal_id);
      if (position != GTK_INVALID_LIST_POSITION &&
          gtk_selection_model_is_selected (GTK_SELECTION_MODEL (column->selection), position))
        return TRUE;
    }
  return FALSE;
}

/* The ids of the selected cards of every column, in column order. */
static GArray *
selected_ids (AffariActivitiesView *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint c = 0; c < AFFARI_N_ACTIVITY_PERIODS; c++)
    {
      Column *column = &self->columns[c];
      g_autoptr(GtkBitset) set = NULL;
      GtkBitsetIter iter;
      guint position;

      if (column->selection == NULL)
        continue;
      set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (column->selection));
      for (gboolean ok = gtk_bitset_iter_init_first (&iter, set, &position); ok; ok = gtk_bitset_iter_next (&iter, &position))
        {
          gint64 id = affari_deal_id_list_get_id_at (column->deals, position);

          if (id != 0)
            g_array_append_val (ids, id);
        }
    }
  return ids;
}

void
affari_activities_view_unselect_all (AffariActivitiesView *self,
              Column               *except)
{
  for (guint c = 0; c < AFFARI_N_ACTIVITY_PERIODS; c++)
    if (&self->columns[c] != except && self->columns[c].selection != NULL)
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->columns[c].selection));
}

/* The deals a drag or a menu of @deal_id acts on: the selection when the card is part of it. */
GArray *
affari_activities_view_ids_acted_on (AffariActivitiesView *self,
              gint64                deal_id)
{
  GArray *ids;

  if (is_selected (self, deal_id))
    return selected_ids (self);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (ids, deal_id);
  return ids;
}

static void
update_dragging_cards (AffariActivitiesView *self)
{
  for (guint c = 0; c < AFFARI_N_ACTIVITY_PERIODS; c++)
    {
      if (self->columns[c].list_view == NULL)
        continue;
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->columns[c].list_view));
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          AffariKanbanCard *card = affari_activities_row_card (child);
          AffariDeal *deal = card != NULL ? affari_kanban_card_get_deal (card) : NULL;

          if (card != NULL)
            affari_kanban_card_set_dragging (card, deal != NULL && affari_activities_view_is_dragged (self, affari_deal_get_id (deal)));
        }
    }
}

/* ------------------------------------------------------------ keyboard focus */

static gboolean
focus_now (AffariActivitiesView *self)
{
  for (guint c = 0; c < AFFARI_N_ACTIVITY_PERIODS; c++)
    {
      Column *column = &self->columns[c];
      guint position;
      GtkWidget *row;

      if (column->deals == NULL)
        continue;
      position = affari_activities_column_find_position (column, self->focus_deal_id);
      if (position == GTK_INVALID_LIST_POSITION)
        continue;
      gtk_widget_activate_action (GTK_WIDGET (column->list_view), "list.scroll-to-item", "u", position);
      row = affari_activities_column_find_row (column, position);
      return row != NULL && gtk_widget_grab_focus (row);
    }
  return FALSE;
}

static gboolean
on_focus_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *frame_clock,
                  gpointer       user_data)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (widget);

  /* The row exists once the list has laid out the scrolled position (a few frames at most). */
  if (self->focus_deal_id == 0 || focus_now (self) || ++self->focus_frames > 30)
    {
      self->focus_deal_id = 0;
      self->focus_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

void
affari_activities_view_focus_later (AffariActivitiesView *self,
                  gint64                deal_id)
{
  self->focus_deal_id = deal_id;
  self->focus_frames = 0;
  if (focus_now (self))
    {
      self->focus_deal_id = 0;
      return;
    }
  if (self->focus_tick == 0)
    self->focus_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_focus_tick_cb, NULL, NULL);
}

/* ------------------------------------------------------------ drag */

void
affari_activities_view_drag_begin (AffariActivitiesView *self,
            AffariKanbanCard     *card)
{
  AffariDeal *deal = affari_kanban_card_get_deal (card);
  GtkWidget *row = NULL;
  Column *column;
  gint64 deal_id;
  guint position;

  if (deal == NULL)
    return;
  deal_id = affari_deal_get_id (deal);
  g_clear_pointer (&self->dragged_ids, g_array_unref);
  self->dragged_ids = affari_activities_view_ids_acted_on (self, deal_id);
  self->drag_deadline = 0;
  column = affari_activities_view_column_of_widget (self, GTK_WIDGET (card), &row);
  if (column != NULL && column->deadlines != NULL &&
      (position = affari_activities_column_find_position (column, deal_id)) != GTK_INVALID_LIST_POSITION && position < column->deadlines->len)
    self->drag_deadline = g_array_index (column->deadlines, gint64, position);
  update_dragging_cards (self);
}

void
affari_activities_view_drag_end (AffariActivitiesView *self)
{
  g_clear_pointer (&self->dragged_ids, g_array_unref);
  self->drag_deadline = 0;
  affari_activities_view_end_drag_feedback (self);
  update_dragging_cards (self);
}

static void
on_board_pressed_cb (GtkGestureClick      *gesture,
                     int                   n_press,
                     double                x,
                     double                y,
                     AffariActivitiesView *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked;

  /* Ctrl+click adds to the selection (the list does it); a plain click starts a new one,
   * across columns too. */
  if (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
    return;
  picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  affari_activities_view_unselect_all (self, picked != NULL ? affari_activities_view_column_of_widget (self, picked, NULL) : NULL);
}

void
affari_activities_view_add_press_gesture (AffariActivitiesView *self)
{
  GtkGesture *press = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (press), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
  g_signal_connect (press, "pressed", G_CALLBACK (on_board_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (press));
}

void
affari_activities_view_stop_focus (AffariActivitiesView *self)
{
  if (self->focus_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->focus_tick);
  self->focus_tick = 0;
}

/* ------------------------------------------------------------ public API */

void
affari_activities_view_set_selected (AffariActivitiesView *self,
                                     gint64                deal_id,
                                     gboolean              selected)
{
  g_return_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self));

  for (guint c = 0; c < AFFARI_N_ACTIVITY_PERIODS; c++)
    {
      Column *column = &self->columns[c];
      guint position = column->deals != NULL ? affari_activities_column_find_position (column, deal_id) : GTK_INVALID_LIST_POSITION;

      if (position == GTK_INVALID_LIST_POSITION)
        continue;
      if (selected)
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (column->selection), position, FALSE);
      else
        gtk_selection_model_unselect_item (GTK_SELECTION_MODEL (column->selection), position);
    }
}

GArray *
affari_activities_view_get_selected_ids (AffariActivitiesView *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), NULL);

  return selected_ids (self);
}

gboolean
affari_activities_view_focus_deal (AffariActivitiesView *self,
                                   gint64                deal_id)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), FALSE);

  self->focus_deal_id = deal_id;
  if (focus_now (self))
    {
      self->focus_deal_id = 0;
      return TRUE;
    }
  self->focus_deal_id = 0;
  return FALSE;
}

gint64
affari_activities_view_get_focused_deal (AffariActivitiesView  *self,
                                         AffariActivityPeriod  *out_period)
{
  GtkRoot *root;
  GtkWidget *focus, *row = NULL;
  Column *column;
  AffariKanbanCard *card;
  AffariDeal *deal;

  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), 0);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  column = focus != NULL ? affari_activities_view_column_of_widget (self, focus, &row) : NULL;
  card = affari_activities_row_card (row);
  deal = card != NULL ? affari_kanban_card_get_deal (card) : NULL;
  if (deal == NULL)
    return 0;
  if (out_period != NULL)
    *out_period = column->period;
  return affari_deal_get_id (deal);
}

void
affari_activities_view_begin_drag (AffariActivitiesView *self,
                                   gint64                deal_id)
{
  g_return_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self));

  for (guint c = 0; c < AFFARI_N_ACTIVITY_PERIODS; c++)
    {
      Column *column = &self->columns[c];
      guint position = column->deals != NULL ? affari_activities_column_find_position (column, deal_id) : GTK_INVALID_LIST_POSITION;
      GtkWidget *row;

      if (position == GTK_INVALID_LIST_POSITION)
        continue;
      gtk_widget_activate_action (GTK_WIDGET (column->list_view), "list.scroll-to-item", "u", position);
      row = affari_activities_column_find_row (column, position);
      if (row != NULL)
        affari_activities_view_drag_begin (self, affari_activities_row_card (row));
      return;
    }
}

void
affari_activities_view_end_drag (AffariActivitiesView *self)
{
  g_return_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self));

  affari_activities_view_drag_end (self);
}
