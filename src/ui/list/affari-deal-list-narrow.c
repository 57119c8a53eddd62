/* affari-deal-list-narrow.c — the list on a phone: two-line rows instead of the table
 *
 * Below AFFARI_NARROW_WIDTH the table's columns cannot be read, so the view shows a
 * GtkListView of two-line rows (title and amount; stage and client) over the same selection
 * model, hence the same rows, order, filter, selection and bulk actions. The headers that sort
 * the table are gone: a sort menu activates the same deals.sort. A tap opens the deal; a long
 * press, or the selection toggle, starts a selection, and taps then add and remove rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-list-view"

#include "config.h"

#include "ui/list/affari-deal-list-view-private.h"
#include "ui/common/affari-stage-dot.h"
#include "ui/common/affari-narrow-layout.h"

/* A row is at least a finger's height. */
#define ROW_MIN_HEIGHT 44

/* ------------------------------------------------------------ auxiliary */

static gboolean
selecting (AffariDealListView *self)
{
  return gtk_toggle_button_get_active (self->select_button);
}

static GtkWidget *
row_label (GtkWidget *box, const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static void
render_row (GtkListItem *item, AffariDeal *deal, gpointer data)
{
  AffariDealListView *self = data;
  GtkWidget *child = gtk_list_item_get_child (item);
  GtkLabel **labels = g_object_get_data (G_OBJECT (child), "labels");
  AffariStage *stage = affari_deal_list_cells_stage (self, deal);

  for (guint i = 0; i < N_NARROW_TEXTS; i++)
    {
      g_autofree char *owned = NULL;
      gboolean error;
      const char *text = affari_deal_list_cells_text (&self->narrow_texts[i], deal, &owned, &error);

      /* a label set to the text it shows would lay it out again for nothing */
      if (g_strcmp0 (gtk_label_get_text (labels[i]), text ? text : "") != 0)
        gtk_label_set_text (labels[i], text);
    }
  affari_stage_dot_set_color (g_object_get_data (G_OBJECT (child), "dot"),
                              stage ? affari_stage_get_color (stage) : NULL);
}

/* ------------------------------------------------------------ signal callbacks */

/* A tap opens the deal, as a double click does in the table; while selecting, it adds the row
 * to the selection or takes it out. */
static void
on_row_released_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkListItem     *item)
{
  GtkWidget *child = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  AffariDealListView *self = g_object_get_data (G_OBJECT (child), "view");
  guint position = gtk_list_item_get_position (item);
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (self->selection);

  /* the end of a long press, which selected the row already */
  if (g_object_get_data (G_OBJECT (child), "long-pressed") != NULL)
    {
      g_object_set_data (G_OBJECT (child), "long-pressed", NULL);
      return;
    }
  if (position == GTK_INVALID_LIST_POSITION || self->deals == NULL)
    return;
  if (selecting (self))
    {
      if (gtk_selection_model_is_selected (selection, position))
        gtk_selection_model_unselect_item (selection, position);
      else
        gtk_selection_model_select_item (selection, position, FALSE);
    }
  else
    affari_deal_list_view_open_at (self, position);
}

/* The press is the row's own: the list's click would select the row (and a second tap would
 * open it) before the release tells a tap from a long press. */
static void
on_row_pressed_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkListItem     *item)
{
  GtkWidget *child = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  g_object_set_data (G_OBJECT (child), "long-pressed", NULL);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_row_long_pressed_cb (GtkGestureLongPress *gesture,
                        double               x,
                        double               y,
                        GtkListItem         *item)
{
  GtkWidget *child = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  AffariDealListView *self = g_object_get_data (G_OBJECT (child), "view");
  guint position = gtk_list_item_get_position (item);

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  g_object_set_data (G_OBJECT (child), "long-pressed", GINT_TO_POINTER (TRUE));
  gtk_toggle_button_set_active (self->select_button, TRUE);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, FALSE);
}

static void
on_narrow_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    AffariDealListView       *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *first = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *second = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dot = affari_stage_dot_new (NULL);
  GtkLabel **labels = g_new0 (GtkLabel *, N_NARROW_TEXTS);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();

  gtk_widget_set_size_request (row, -1, ROW_MIN_HEIGHT);
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (box, TRUE);
  /* while selecting, a tick says which rows are in (the tap is the row's, not the tick's) */
  gtk_widget_set_can_target (check, FALSE);
  gtk_widget_set_can_focus (check, FALSE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (check, "selection-mode");
  g_object_bind_property (item, "selected", check, "active", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->select_button, "active", check, "visible", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (row), check);
  gtk_box_append (GTK_BOX (row), box);
  gtk_box_append (GTK_BOX (box), first);
  gtk_box_append (GTK_BOX (box), second);

  labels[NARROW_TITLE] = GTK_LABEL (row_label (first, "heading"));
  gtk_widget_set_hexpand (GTK_WIDGET (labels[NARROW_TITLE]), TRUE);
  labels[NARROW_AMOUNT] = GTK_LABEL (row_label (first, "numeric"));
  /* the amount is read whole; the title gives way */
  gtk_label_set_ellipsize (labels[NARROW_AMOUNT], PANGO_ELLIPSIZE_NONE);
  gtk_label_set_xalign (labels[NARROW_AMOUNT], 1);

  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (second), dot);
  labels[NARROW_STAGE] = GTK_LABEL (row_label (second, "dim-label"));
  labels[NARROW_CLIENT] = GTK_LABEL (row_label (second, "dim-label"));
  gtk_widget_set_hexpand (GTK_WIDGET (labels[NARROW_CLIENT]), TRUE);
  gtk_label_set_xalign (labels[NARROW_CLIENT], 1);

  g_object_set_data (G_OBJECT (row), "dot", dot);
  g_object_set_data_full (G_OBJECT (row), "labels", labels, g_free);
  g_object_set_data (G_OBJECT (row), "view", self);

  /* one sequence for both: the tap is told from the long press at the release */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), FALSE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_row_pressed_cb), item);
  g_signal_connect (click, "released", G_CALLBACK (on_row_released_cb), item);
  g_signal_connect (long_press, "pressed", G_CALLBACK (on_row_long_pressed_cb), item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (long_press));
  gtk_gesture_group (click, long_press);

  /* the list's own click would select or open: the row's gestures decide */
  gtk_list_item_set_selectable (item, FALSE);
  gtk_list_item_set_child (item, row);
}

/* Leaving the selection mode lets the rows go; a selection made (or let go) elsewhere — Ctrl+A,
 * a bulk edit done — starts or ends it. */
static void
on_select_toggled_cb (GtkToggleButton    *button,
                      GParamSpec         *pspec,
                      AffariDealListView *self)
{
  if (!gtk_toggle_button_get_active (button))
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

static void
on_narrow_selection_changed_cb (GtkSelectionModel  *model,
                                guint               position,
                                guint               n_items,
                                AffariDealListView *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);
  gboolean any = !gtk_bitset_is_empty (selected);

  if (any != selecting (self))
    gtk_toggle_button_set_active (self->select_button, any);
}

/* Enter on a row */
static void
on_narrow_activate_cb (GtkListView *list, guint position, AffariDealListView *self)
{
  affari_deal_list_view_open_at (self, position);
}

/* ------------------------------------------------------------ internal API */

/* The view's layout (AffariNarrowLayout) says when its width crosses AFFARI_NARROW_WIDTH, before
 * its box is allocated: the stack measured both pages (it is homogeneous), so the first frame at
 * a phone's width shows rows, not a cut table. */
static void
on_narrow_changed (GtkWidget *widget,
                   gboolean   narrow)
{
  AffariDealListView *self = AFFARI_DEAL_LIST_VIEW (widget);

  if (narrow == self->narrow)
    return;
  self->narrow = narrow;
  /* The rows hold the model only while shown: on the desktop they cost nothing. */
  gtk_list_view_set_model (self->narrow_list, narrow ? GTK_SELECTION_MODEL (self->selection) : NULL);
  gtk_stack_set_visible_child_name (self->layout_stack, narrow ? "rows" : "table");
  affari_deal_list_selection_bar_set_narrow (self->selection_bar, narrow);
  affari_deal_list_footer_set_narrow (self->footer, narrow);
}

void
affari_deal_list_narrow_update_sort (AffariDealListView *self)
{
  AffariDealSort sort;
  gboolean descending;
  g_autofree char *text = NULL;

  affari_deal_list_columns_get_sort (self, &sort, &descending);
  if (sort != AFFARI_DEAL_SORT_POSITION && self->probed != NULL)
    {
      GtkColumnViewColumn *column = affari_deal_list_columns_find (self, self->probed->key);
      const char *title = column != NULL ? gtk_column_view_column_get_title (column) : NULL;

      if (title != NULL)
        text = g_strdup_printf ("%s %s", title, descending ? "↓" : "↑");
    }
  gtk_label_set_text (self->sort_label, text);
}

/* Also makes the view show the rows below AFFARI_NARROW_WIDTH and the table above. */
void
affari_deal_list_narrow_init (AffariDealListView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  const ColumnKind kinds[N_NARROW_TEXTS] = {
    [NARROW_TITLE] = COL_TITLE,
    [NARROW_AMOUNT] = COL_AMOUNT,
    [NARROW_STAGE] = COL_STAGE,
    [NARROW_CLIENT] = COL_CLIENT,
  };

  gtk_widget_set_layout_manager (GTK_WIDGET (self), affari_narrow_layout_new (AFFARI_NARROW_WIDTH, on_narrow_changed));
  for (guint i = 0; i < N_NARROW_TEXTS; i++)
    self->narrow_texts[i] = (ColumnData) { .self = self, .kind = kinds[i] };
  g_signal_connect (factory, "setup", G_CALLBACK (on_narrow_setup_cb), self);
  affari_deal_list_cells_follow_rows (factory, render_row, self);
  gtk_list_view_set_factory (self->narrow_list, factory);
  g_object_unref (factory);

  g_signal_connect (self->narrow_list, "activate", G_CALLBACK (on_narrow_activate_cb), self);
  g_signal_connect (self->select_button, "notify::active", G_CALLBACK (on_select_toggled_cb), self);
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (on_narrow_selection_changed_cb), self);
}

void
affari_deal_list_narrow_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, AffariDealListView, layout_stack);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListView, narrow_scroller);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListView, narrow_list);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListView, sort_label);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListView, select_button);
}
