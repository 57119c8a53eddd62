/* affari-activities-column.c
 *
 * A column of the Activities view: its header (the period, "12 · € 48.200", the "+" that plans an
 * activity), the GtkListView of its cards over a lazy AffariDealIdList, the line where a dragged
 * card will land, and the drop target that covers it all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-activities"

#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-money.h"

#include "ui/activities/affari-activities-view-private.h"

/* ------------------------------------------------------------ auxiliary */

void
affari_activities_column_update (Column                     *column,
                const AffariActivityBucket *bucket,
                gboolean                    filtered)
{
  g_autofree char *money = NULL;
  const char *currency = "EUR";
  gint64 sum = 0;
  gboolean others = FALSE;

  /* The currency most deals use is the one added up; others are only mentioned. */
  if (bucket->totals->len > 0)
    currency = g_array_index (bucket->totals, AffariStageTotal, 0).currency;
  for (guint i = 0; i < bucket->totals->len; i++)
    {
      AffariStageTotal *t = &g_array_index (bucket->totals, AffariStageTotal, i);

      if (g_strcmp0 (t->currency, currency) == 0)
        sum += t->sum;
      else
        others = TRUE;
    }

  column->count = bucket->count;
  gtk_widget_set_visible (column->empty_label, bucket->count == 0);
  money = affari_money_format_short (affari_view_round_to_units (sum), currency);
  g_free (column->summary);
  if (filtered)
    column->summary = g_strdup_printf (_("%u · %s (filtered)"), bucket->count, money);
  else
    column->summary = g_strdup_printf (_("%u · %s"), bucket->count, money);
  if (others)
    {
      char *with = g_strconcat (column->summary, " + …", NULL);

      g_free (column->summary);
      column->summary = with;
    }
  gtk_label_set_text (column->summary_label, column->summary);
  if (column->view->narrow && column->view->page == column->period)
    affari_activities_view_update_pager (column->view);
}

AffariKanbanCard *
affari_activities_row_card (GtkWidget *row)
{
  GtkWidget *child = row != NULL ? gtk_widget_get_first_child (row) : NULL;

  return AFFARI_IS_KANBAN_CARD (child) ? AFFARI_KANBAN_CARD (child) : NULL;
}

static guint
row_position (GtkWidget *row)
{
  AffariKanbanCard *card = affari_activities_row_card (row);
  GtkListItem *item = card != NULL ? affari_kanban_card_get_list_item (card) : NULL;

  return item != NULL ? gtk_list_item_get_position (item) : GTK_INVALID_LIST_POSITION;
}

/* The visible row of @column showing @position, or NULL (rows are recycled). */
GtkWidget *
affari_activities_column_find_row (Column *column,
          guint   position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (column->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (affari_activities_row_card (child) != NULL && gtk_widget_get_child_visible (child) && row_position (child) == position)
      return child;
  return NULL;
}

guint
affari_activities_column_find_position (Column *column,
               gint64  deal_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (column->deals));

  for (guint i = 0; i < n; i++)
    if (affari_deal_id_list_get_id_at (column->deals, i) == deal_id)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* The column whose list holds @widget, and the row under it. */
Column *
affari_activities_view_column_of_widget (AffariActivitiesView  *self,
                  GtkWidget             *widget,
                  GtkWidget            **out_row)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      GtkWidget *parent = gtk_widget_get_parent (widget);

      for (guint i = 0; parent != NULL && i < AFFARI_N_ACTIVITY_PERIODS; i++)
        if (parent == GTK_WIDGET (self->columns[i].list_view) && affari_activities_row_card (widget) != NULL)
          {
            if (out_row != NULL)
              *out_row = widget;
            return &self->columns[i];
          }
    }
  return NULL;
}

/* ------------------------------------------------------------ drop feedback */

/* Where a card due at @deadline lands among the rows (sorted by deadline): the first row due
 * later. */
static guint
landing_index (Column *column,
               gint64  deadline)
{
  guint n = column->deadlines != NULL ? column->deadlines->len : 0;
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (column->deadlines, gint64, mid) <= deadline)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
hide_drop_line (Column *column)
{
  if (column->drop_line != NULL)
    gtk_widget_set_visible (column->drop_line, FALSE);
}

/* A line between the two cards where the dragged one will be, once moved into the column. */
void
affari_activities_column_show_drop_line (Column *column)
{
  AffariActivitiesView *self = column->view;
  g_autoptr(GError) error = NULL;
  GtkWidget *row = NULL;
  graphene_rect_t bounds;
  gint64 deadline;
  guint index;
  double y = -1;

  if (self->drag_deadline == 0 ||
      !affari_activity_period_reschedule (affari_workspace_now (self->workspace), NULL, self->drag_deadline,
                                          column->period, &deadline, &error))
    {
      /* Refused here ("Senza attività", "Scadute"): no place to show. */
      hide_drop_line (column);
      return;
    }

  index = landing_index (column, deadline);
  if ((row = affari_activities_column_find_row (column, index)) != NULL &&
      gtk_widget_compute_bounds (row, column->overlay, &bounds))
    y = bounds.origin.y;
  else if (index > 0 && (row = affari_activities_column_find_row (column, index - 1)) != NULL &&
           gtk_widget_compute_bounds (row, column->overlay, &bounds))
    y = bounds.origin.y + bounds.size.height;
  else
    {
      /* The place is scrolled out of sight: the line sits at the edge it is beyond. */
      guint first_shown = G_MAXUINT;

      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (column->list_view));
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (affari_activities_row_card (child) != NULL && gtk_widget_get_child_visible (child))
          first_shown = MIN (first_shown, row_position (child));
      y = index <= first_shown ? 0 : gtk_widget_get_height (column->overlay);
    }
  y = CLAMP (y - 2, 0, MAX (0, gtk_widget_get_height (column->overlay) - 4));
  gtk_widget_set_margin_top (column->drop_line, (int) y);
  gtk_widget_set_visible (column->drop_line, TRUE);
}

void
affari_activities_view_end_drag_feedback (AffariActivitiesView *self)
{
  affari_activities_view_stop_autoscroll (self);
  for (guint c = 0; c < AFFARI_N_ACTIVITY_PERIODS; c++)
    {
      hide_drop_line (&self->columns[c]);
      if (self->columns[c].widget != NULL)
        {
          gtk_widget_remove_css_class (self->columns[c].widget, "drop-target");
          gtk_widget_remove_css_class (self->columns[c].widget, "drop-refused");
        }
    }
}

/* ------------------------------------------------------------ callbacks */

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    Column                   *column)
{
  AffariKanbanCard *card = AFFARI_KANBAN_CARD (gtk_list_item_get_child (item));

  AffariDeal *deal = gtk_list_item_get_item (item);

  affari_kanban_card_set_deal (card, deal);
  affari_kanban_card_set_menu_model (card, G_MENU_MODEL (column->view->card_menu));
  affari_kanban_card_set_dragging (card, deal != NULL && affari_activities_view_is_dragged (column->view, affari_deal_get_id (deal)));
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      Column                   *column)
{
  affari_kanban_card_set_deal (AFFARI_KANBAN_CARD (gtk_list_item_get_child (item)), NULL);
}

static void
on_list_view_activate_cb (GtkListView *list_view,
                          guint        position,
                          Column      *column)
{
  gint64 deal_id = affari_deal_id_list_get_id_at (column->deals, position);

  if (deal_id != 0)
    gtk_widget_activate_action (GTK_WIDGET (column->view), "deal.open", "x", deal_id);
}

static void
on_add_clicked_cb (GtkButton *button,
                   Column    *column)
{
  gtk_widget_activate_action (GTK_WIDGET (column->view), "activities.plan", "i", (int) column->period);
}

static GdkDragAction
on_drop_motion_cb (GtkDropTarget *target,
                   double         x,
                   double         y,
                   Column        *column)
{
  /* "Scadute" and "Senza attività" take no card (the drop explains why): they say so at once. */
  if (column->period == AFFARI_ACTIVITY_PERIOD_OVERDUE || column->period == AFFARI_ACTIVITY_PERIOD_NONE)
    gtk_widget_add_css_class (column->widget, "drop-refused");
  else
    gtk_widget_add_css_class (column->widget, "drop-target");
  affari_activities_column_show_drop_line (column);
  affari_activities_view_autoscroll_column (column->view, column, x, y);
  return GDK_ACTION_MOVE;
}

static GdkDragAction
on_drop_enter_cb (GtkDropTarget *target,
                  double         x,
                  double         y,
                  Column        *column)
{
  return on_drop_motion_cb (target, x, y, column);
}

static void
on_drop_leave_cb (GtkDropTarget *target,
                  Column        *column)
{
  gtk_widget_remove_css_class (column->widget, "drop-target");
  gtk_widget_remove_css_class (column->widget, "drop-refused");
  hide_drop_line (column);
  affari_activities_view_autoscroll_leave_column (column->view, column);
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            Column        *column)
{
  return affari_activities_column_drop (column, value);
}

/* ------------------------------------------------------------ construction */

gboolean
affari_activities_column_drop (Column       *column,
                               const GValue *value)
{
  AffariDeal *deal = G_VALUE_HOLDS (value, AFFARI_TYPE_DEAL) ? g_value_get_object (value) : NULL;

  affari_activities_view_end_drag_feedback (column->view);
  if (deal == NULL)
    return FALSE;
  /* Put back where it was (a change of mind): nothing to do, nothing to explain. */
  if (affari_activities_column_find_position (column, affari_deal_get_id (deal)) != GTK_INVALID_LIST_POSITION)
    return FALSE;
  return affari_activities_view_drop_deal (column->view, column->period, affari_deal_get_id (deal));
}

/* @factory's "setup" creates the cards (the view's); binding them is the column's. */
GtkWidget *
affari_activities_column_build (Column             *column,
                                GtkListItemFactory *factory)
{
  GtkWidget *box, *header, *top, *title, *scroller;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (box, "activity-column");
  gtk_widget_add_css_class (box, affari_activity_period_to_string (column->period));
  gtk_widget_set_name (box, affari_activity_period_to_string (column->period));
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  affari_activity_period_label (column->period), -1);
  column->widget = box;

  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (header, "activity-column-header");
  column->header = header;
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  title = gtk_label_new (affari_activity_period_label (column->period));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (top), title);
  /* Nothing is planned in the past, nor "without an activity". */
  if (column->period != AFFARI_ACTIVITY_PERIOD_OVERDUE && column->period != AFFARI_ACTIVITY_PERIOD_NONE)
    {
      GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

      gtk_widget_add_css_class (add, "flat");
      gtk_widget_add_css_class (add, "circular");
      gtk_widget_set_tooltip_text (add, _("Plan an Activity in This Period"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Plan an Activity in This Period"), -1);
      g_signal_connect (add, "clicked", G_CALLBACK (on_add_clicked_cb), column);
      gtk_box_append (GTK_BOX (top), add);
    }
  else
    {
      /* keeps the headers of every column the same height */
      GtkWidget *spacer = gtk_button_new ();

      gtk_widget_set_opacity (spacer, 0);
      gtk_widget_set_can_target (spacer, FALSE);
      gtk_widget_set_can_focus (spacer, FALSE);
      gtk_widget_add_css_class (spacer, "flat");
      gtk_widget_add_css_class (spacer, "circular");
      gtk_button_set_icon_name (GTK_BUTTON (spacer), "list-add-symbolic");
      gtk_accessible_update_state (GTK_ACCESSIBLE (spacer), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      gtk_box_append (GTK_BOX (top), spacer);
    }
  gtk_box_append (GTK_BOX (header), top);
  column->summary_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (column->summary_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (column->summary_label), "amount");
  gtk_widget_add_css_class (GTK_WIDGET (column->summary_label), "dim-label");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (column->summary_label));
  gtk_box_append (GTK_BOX (box), header);

  column->deals = affari_workspace_new_deal_id_list (column->view->workspace);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), column);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), column);
  /* Ctrl+click selects several cards: they are dragged and moved together. */
  column->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (column->deals)));
  column->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (column->selection)),
                                                        g_object_ref (factory)));
  gtk_widget_add_css_class (GTK_WIDGET (column->list_view), "kanban-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  affari_activity_period_label (column->period), -1);
  g_signal_connect (column->list_view, "activate", G_CALLBACK (on_list_view_activate_cb), column);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (column->list_view));
  column->scroller = GTK_SCROLLED_WINDOW (scroller);
  /* The line where a dragged card will land floats over the list. */
  column->overlay = gtk_overlay_new ();
  gtk_widget_set_vexpand (column->overlay, TRUE);
  gtk_overlay_set_child (GTK_OVERLAY (column->overlay), scroller);
  column->drop_line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (column->drop_line, "activity-drop-line");
  gtk_widget_set_valign (column->drop_line, GTK_ALIGN_START);
  gtk_widget_set_margin_start (column->drop_line, 10);
  gtk_widget_set_margin_end (column->drop_line, 10);
  gtk_widget_set_can_target (column->drop_line, FALSE);
  gtk_widget_set_visible (column->drop_line, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (column->overlay), column->drop_line);
  /* An empty column says so, rather than looking unfinished. */
  column->empty_label = gtk_label_new (column->period == AFFARI_ACTIVITY_PERIOD_TODAY
                                       ? _("Nothing due today")
                                       : column->period == AFFARI_ACTIVITY_PERIOD_OVERDUE
                                       ? _("Nothing overdue")
                                       : _("No deals"));
  gtk_widget_add_css_class (column->empty_label, "dim-label");
  gtk_widget_add_css_class (column->empty_label, "activity-column-empty");
  gtk_widget_set_valign (column->empty_label, GTK_ALIGN_START);
  gtk_widget_set_can_target (column->empty_label, FALSE);
  gtk_widget_set_visible (column->empty_label, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (column->overlay), column->empty_label);
  gtk_box_append (GTK_BOX (box), column->overlay);

  /* The drop target covers the whole column, header included. */
  column->drop_target = affari_view_deal_drop_target_new ();
  g_signal_connect (column->drop_target, "enter", G_CALLBACK (on_drop_enter_cb), column);
  g_signal_connect (column->drop_target, "motion", G_CALLBACK (on_drop_motion_cb), column);
  g_signal_connect (column->drop_target, "leave", G_CALLBACK (on_drop_leave_cb), column);
  g_signal_connect (column->drop_target, "drop", G_CALLBACK (on_drop_cb), column);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (column->drop_target));

  return box;
}

void
affari_activities_column_clear (Column *column)
{
  g_clear_object (&column->deals);
  g_clear_object (&column->selection);
  g_clear_pointer (&column->deadlines, g_array_unref);
}

/* ------------------------------------------------------------ public API */

gboolean
affari_activities_view_get_drop_line (AffariActivitiesView *self,
                                      AffariActivityPeriod  period,
                                      int                  *out_y)
{
  Column *column;

  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), FALSE);

  column = (guint) period < AFFARI_N_ACTIVITY_PERIODS ? &self->columns[period] : NULL;
  if (column == NULL || column->drop_line == NULL || !gtk_widget_get_visible (column->drop_line))
    return FALSE;
  if (out_y != NULL)
    *out_y = gtk_widget_get_margin_top (column->drop_line);
  return TRUE;
}
