/* affari-deal-list-view.c — the list ("Elenco")
 *
 * The table is a GtkColumnView over an AffariDealList (ids only, a few pages of objects) wrapped
 * in stable rows (AffariDealRows) and a GtkMultiSelection. This file reads the deals (the
 * filter and order become a query) and binds the rows lazily; the rest of the view is in the
 * files listed in affari-deal-list-view-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-list-view"

#include "config.h"

#include "ui/list/affari-deal-list-view-private.h"
#include "ui/common/affari-file-drop.h"

G_DEFINE_FINAL_TYPE (AffariDealListView, affari_deal_list_view, GTK_TYPE_WIDGET)

/* ------------------------------------------------------------ auxiliary */

gboolean
affari_after_paint_pending (const AfterPaint *after)
{
  return after->handler != 0;
}

void
affari_after_paint_forget (AfterPaint *after)
{
  if (after->handler != 0)
    g_clear_signal_handler (&after->handler, after->clock);
  g_clear_object (&after->clock);
}

void
affari_after_paint_arm (AfterPaint *after,
                        GtkWidget  *widget,
                        GCallback   callback,
                        gpointer    data)
{
  if (after->handler != 0)
    return;
  after->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  after->handler = g_signal_connect (after->clock, "after-paint", callback, data);
  gdk_frame_clock_request_phase (after->clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

/* Rows that show other deals now are not the rows that were selected. */
static void
on_rows_rebound_cb (AffariDealRows *rows, guint position, guint n, AffariDealListView *self)
{
  gtk_selection_model_unselect_range (GTK_SELECTION_MODEL (self->selection), position, n);
}

static void
release_rows (AffariDealListView *self)
{
  affari_after_paint_forget (&self->release_paint);
  g_clear_handle_id (&self->release_source, g_source_remove);
  if (self->rows != NULL)
    affari_deal_rows_release (self->rows);
}

static gboolean
release_rows_cb (gpointer data)
{
  AffariDealListView *self = data;

  self->release_source = 0;
  release_rows (self);
  return G_SOURCE_REMOVE;
}

static void
on_release_after_paint_cb (GdkFrameClock *clock, AffariDealListView *self)
{
  affari_after_paint_forget (&self->release_paint);
  g_clear_handle_id (&self->release_source, g_source_remove);
  self->release_source = g_timeout_add (TYPING_PAUSE_MS, release_rows_cb, self);
}

static gboolean
rows_held (AffariDealListView *self)
{
  return self->release_source != 0 || affari_after_paint_pending (&self->release_paint);
}

/* Held rows come into sight (a scroll, a taller window): they show their deals before the frame
 * that shows them. A new query's own scroll to the top shows only rows already up to date. */
static void
on_adjustment_changed_cb (GtkAdjustment *adj, AffariDealListView *self)
{
  guint n_items;
  double upper = gtk_adjustment_get_upper (adj);

  if (!rows_held (self) || self->rows == NULL)
    return;
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  if (n_items == 0 || upper <= 0 ||
      (gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj)) / (upper / n_items) >= self->held_end)
    release_rows (self);
}

/* A new filter or order shows other deals in all ~200 rows GTK keeps: the rows on screen are
 * rebound at once, the others (off screen; a held row asked for its deal gives the new one) once
 * the typing pauses after the frame that shows the change (rebinding them is ~10 ms that would
 * otherwise hold up the next key), or as soon as they could come into sight: a scroll, a taller
 * window. The view then starts at the top. */
static void
hold_rows (AffariDealListView *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->narrow ? self->narrow_scroller : self->scroller);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  double row_height = n_items > 0 && gtk_adjustment_get_upper (adj) > 0
                      ? gtk_adjustment_get_upper (adj) / n_items : 0;
  guint on_screen = row_height >= 1 ? (guint) (gtk_adjustment_get_page_size (adj) / row_height) : 60;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  g_clear_handle_id (&self->release_source, g_source_remove);
  self->held_end = on_screen + 3;   /* a row cut at the bottom, and two to spare */
  affari_deal_rows_hold (self->rows, 0, self->held_end);
  affari_after_paint_arm (&self->release_paint, GTK_WIDGET (self), G_CALLBACK (on_release_after_paint_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The rows the first frame needs, enough for any screen's height. */
#define FIRST_PAINT_ROWS 80

static void
expand_rows (AffariDealListView *self)
{
  affari_after_paint_forget (&self->expand_paint);
  if (self->slice != NULL)
    gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
}

static void
on_expand_after_paint_cb (GdkFrameClock *clock, AffariDealListView *self)
{
  expand_rows (self);
}

/* GTK 4.8's list view builds widgets for 200 rows whatever the height: opening the list shows
 * its first screenful of rows in the first frame, and the list grows to all its rows (pure
 * additions at the end, the scrollbar's length) once that frame is painted. */
static void
set_deals (AffariDealListView *self, AffariDealList *deals)
{
  release_rows (self);
  expand_rows (self);
  gtk_multi_selection_set_model (self->selection, NULL);
  if (self->rows != NULL)
    g_signal_handlers_disconnect_by_func (self->rows, on_rows_rebound_cb, self);
  g_clear_object (&self->slice);
  g_clear_object (&self->rows);
  g_set_object (&self->deals, deals);
  if (deals != NULL)
    {
      gboolean mapped = gtk_widget_get_mapped (GTK_WIDGET (self));

      self->rows = affari_deal_rows_new (deals);
      g_signal_connect (self->rows, "rows-rebound", G_CALLBACK (on_rows_rebound_cb), self);
      self->slice = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)), 0,
                                              mapped ? FIRST_PAINT_ROWS : G_MAXUINT);
      gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->slice));
      if (mapped)
        {
          affari_after_paint_arm (&self->expand_paint, GTK_WIDGET (self), G_CALLBACK (on_expand_after_paint_cb), self);
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
    }
}

void
affari_deal_list_view_apply_query (AffariDealListView *self)
{
  g_autoptr(AffariDealQuery) q = affari_deal_query_new ();
  AffariDealSort sort;
  gboolean descending;

  q->pipeline_id = self->pipeline_id;
  affari_deal_query_merge_filter (q, self->filter);

  /* which header leads, and which way */
  affari_deal_list_columns_get_sort (self, &sort, &descending);
  q->sort = sort;
  if (sort != AFFARI_DEAL_SORT_POSITION)
    q->descending = descending;

  if (self->query != NULL && affari_deal_query_equal (q, self->query))
    {
      affari_deal_list_narrow_update_sort (self);
      return;
    }
  g_clear_pointer (&self->query, affari_deal_query_free);
  self->query = g_steal_pointer (&q);

  if (self->workspace == NULL)
    return;
  /* Nothing is read while the list is not on screen: the page that is shown pays, not start-up. */
  if (self->deals == NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (self->deals == NULL)
    {
      g_autoptr(AffariDealList) deals = affari_workspace_new_deal_list (self->workspace, self->query);

      set_deals (self, deals);
    }
  else
    {
      hold_rows (self);
      affari_deal_list_set_query (self->deals, self->query);
      /* Another order or filter starts again from the top, not wherever the row that was on
       * top went (the view follows its anchor row). GTK 4.8 has no gtk_list_view_scroll_to:
       * the inner list view's action does it. */
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
           child != NULL; child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_LIST_VIEW (child) && g_list_model_get_n_items (G_LIST_MODEL (self->deals)) > 0)
          gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0);
      if (self->narrow && g_list_model_get_n_items (G_LIST_MODEL (self->deals)) > 0)
        gtk_widget_activate_action (GTK_WIDGET (self->narrow_list), "list.scroll-to-item", "u", 0);
    }
  affari_deal_list_narrow_update_sort (self);
  affari_deal_list_summary_queue (self);
}

void
affari_deal_list_view_open_at (AffariDealListView *self,
                               guint               position)
{
  gint64 id = self->deals ? affari_deal_list_get_id_at (self->deals, position) : 0;

  if (id > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "deal.open", "x", id);
}

/* ------------------------------------------------------------ signal callbacks */

static void
on_selection_changed_cb (GtkSelectionModel *model, guint position, guint n_items, AffariDealListView *self)
{
  affari_deal_list_bulk_update (self);
}

static void
on_items_changed_cb (GListModel *model, guint position, guint removed, guint added, AffariDealListView *self)
{
  affari_deal_list_summary_queue (self);
  affari_deal_list_bulk_update (self);
}

static void
on_activate_cb (GtkColumnView *view, guint position, AffariDealListView *self)
{
  affari_deal_list_view_open_at (self, position);
}

/* The list item of the row a widget of the table belongs to (a cell's content, a cell, a row). */
static GtkListItem *
find_list_item (GtkWidget *widget, GtkWidget *table)
{
  for (GtkWidget *w = widget; w != NULL && w != table; w = gtk_widget_get_parent (w))
    {
      GtkWidget *cell = gtk_widget_get_first_child (w);
      GtkWidget *content = cell != NULL ? gtk_widget_get_first_child (cell) : NULL;
      GtkListItem *item = g_object_get_data (G_OBJECT (w), AFFARI_DEAL_LIST_ITEM_KEY);

      if (item == NULL && cell != NULL)
        item = g_object_get_data (G_OBJECT (cell), AFFARI_DEAL_LIST_ITEM_KEY);
      if (item == NULL && content != NULL)
        item = g_object_get_data (G_OBJECT (content), AFFARI_DEAL_LIST_ITEM_KEY);
      if (item != NULL)
        return item;
    }
  return NULL;
}

/* GTK 4.8's table hands a click to both the cell and its row, and each selects: a Ctrl+click
 * toggles the row twice, which changes nothing. A click with Ctrl or Shift is taken here, before
 * the cells see it, and goes once through the table's own list.select-item (which keeps the row
 * Shift+click extends from). A plain click, a double click (it opens the deal) and the keyboard
 * stay the table's own. */
static void
on_table_pressed_cb (GtkGestureClick    *gesture,
                     int                 n_press,
                     double              x,
                     double              y,
                     AffariDealListView *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gboolean modify = (state & GDK_CONTROL_MASK) != 0;
  gboolean extend = (state & GDK_SHIFT_MASK) != 0;
  GtkWidget *table = GTK_WIDGET (self->column_view);
  GtkWidget *picked;
  GtkListItem *item;
  guint position;

  if (!modify && !extend)
    return;
  picked = gtk_widget_pick (table, x, y, GTK_PICK_DEFAULT);
  item = picked != NULL ? find_list_item (picked, table) : NULL;
  position = item != NULL ? gtk_list_item_get_position (item) : GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  /* the focus follows the click, as on a plain click (Space then toggles that row) */
  for (GtkWidget *w = picked; w != NULL && w != table; w = gtk_widget_get_parent (w))
    if (gtk_widget_grab_focus (w))
      break;
  gtk_widget_activate_action (picked, "list.select-item", "(ubb)", position, modify, extend);
}

/* The row of the table at @x, @y (NULL when none) and its position. */
static GtkWidget *
row_at (AffariDealListView *self,
        double              x,
        double              y,
        guint              *position)
{
  GtkWidget *table = GTK_WIDGET (self->column_view);
  GtkWidget *picked = gtk_widget_pick (table, x, y, GTK_PICK_DEFAULT);
  GtkListItem *item = picked != NULL ? find_list_item (picked, table) : NULL;

  *position = item != NULL ? gtk_list_item_get_position (item) : GTK_INVALID_LIST_POSITION;
  for (GtkWidget *w = picked; item != NULL && w != NULL && w != table; w = gtk_widget_get_parent (w))
    if (g_str_equal (gtk_widget_get_css_name (w), "row"))
      return w;
  return NULL;
}

/* While files are dragged over the table, the row they would land on is outlined: an .ics goes
 * to that row's deal. */
static void
mark_drop_row (AffariDealListView *self,
               GtkWidget          *row)
{
  GtkWidget *old = g_object_get_data (G_OBJECT (self), "affari-drop-row");

  if (old == row)
    return;
  if (old != NULL)
    gtk_widget_remove_css_class (old, "affari-drop-row");
  if (row != NULL)
    gtk_widget_add_css_class (row, "affari-drop-row");
  g_object_set_data_full (G_OBJECT (self), "affari-drop-row", row != NULL ? g_object_ref (row) : NULL, g_object_unref);
}

static GdkDragAction
on_file_motion_cb (GtkDropTarget      *target,
                   double              x,
                   double              y,
                   AffariDealListView *self)
{
  guint position;

  mark_drop_row (self, row_at (self, x, y, &position));
  return GDK_ACTION_COPY;
}

static void
on_file_leave_cb (GtkDropTarget      *target,
                  AffariDealListView *self)
{
  mark_drop_row (self, NULL);
}

/* A file from the file manager (an .ics invitation) dropped on a row: the row's deal; elsewhere
 * on the table, none. */
static gboolean
on_file_drop_cb (GtkDropTarget      *target,
                 const GValue       *value,
                 double              x,
                 double              y,
                 AffariDealListView *self)
{
  guint position;
  gint64 id = 0;

  mark_drop_row (self, NULL);
  row_at (self, x, y, &position);
  if (position != GTK_INVALID_LIST_POSITION && self->deals != NULL)
    id = affari_deal_list_get_id_at (self->deals, position);
  return affari_file_drop_activate (GTK_WIDGET (self->column_view), value, id);
}

static void
on_workspace_references_changed_cb (AffariDealListView *self)
{
  affari_deal_list_cells_reload_references (self);
  affari_deal_list_selection_bar_reload_menus (self->selection_bar, self->workspace, self->pipeline_id);
  affari_deal_list_summary_queue (self);
}

static void
on_workspace_fields_changed_cb (AffariDealListView *self)
{
  affari_deal_list_columns_reload_fields (self);
  affari_deal_list_columns_load_layout (self);
}

/* ------------------------------------------------------------ overrides */

static void
disconnect_store (AffariDealListView *self)
{
  if (self->workspace == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->workspace_handlers); i++)
    g_clear_signal_handler (&self->workspace_handlers[i], self->workspace);
}

static void
affari_deal_list_view_map (GtkWidget *widget)
{
  AffariDealListView *self = AFFARI_DEAL_LIST_VIEW (widget);

  GTK_WIDGET_CLASS (affari_deal_list_view_parent_class)->map (widget);

  if (self->deals == NULL && self->workspace != NULL && self->query != NULL)
    {
      g_autoptr(AffariDealList) deals = affari_workspace_new_deal_list (self->workspace, self->query);

      set_deals (self, deals);
      self->summary_stale = TRUE;
    }
  else if (self->deals != NULL)
    affari_deal_list_set_frozen (self->deals, FALSE);
  if (self->summary_stale)
    {
      self->summary_stale = FALSE;
      affari_deal_list_summary_queue (self);
    }
}

static void
affari_deal_list_view_unmap (GtkWidget *widget)
{
  AffariDealListView *self = AFFARI_DEAL_LIST_VIEW (widget);

  release_rows (self);
  expand_rows (self);
  affari_deal_list_summary_cancel (self, TRUE);
  /* Hidden behind another view: stop following every change of 100,000 deals. */
  if (self->deals != NULL)
    affari_deal_list_set_frozen (self->deals, TRUE);

  GTK_WIDGET_CLASS (affari_deal_list_view_parent_class)->unmap (widget);
}

static void
affari_deal_list_view_dispose (GObject *object)
{
  AffariDealListView *self = AFFARI_DEAL_LIST_VIEW (object);

  affari_deal_list_summary_cancel (self, FALSE);
  affari_deal_list_columns_dispose (self);
  release_rows (self);
  expand_rows (self);
  disconnect_store (self);
  if (self->scroller != NULL)
    g_signal_handlers_disconnect_by_data (gtk_scrolled_window_get_vadjustment (self->scroller), self);
  if (self->narrow_scroller != NULL)
    g_signal_handlers_disconnect_by_data (gtk_scrolled_window_get_vadjustment (self->narrow_scroller), self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_DEAL_LIST_VIEW);
  if (self->rows != NULL)
    g_signal_handlers_disconnect_by_func (self->rows, on_rows_rebound_cb, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->slice);
  g_clear_object (&self->rows);
  g_clear_object (&self->deals);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (affari_deal_list_view_parent_class)->dispose (object);
}

static void
affari_deal_list_view_finalize (GObject *object)
{
  AffariDealListView *self = AFFARI_DEAL_LIST_VIEW (object);

  g_clear_pointer (&self->filter, affari_deal_query_free);
  g_clear_pointer (&self->query, affari_deal_query_free);
  g_clear_pointer (&self->stages, g_hash_table_unref);
  g_clear_pointer (&self->days, g_hash_table_unref);
  g_clear_pointer (&self->types, g_hash_table_unref);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  affari_deal_list_columns_finalize (self);

  G_OBJECT_CLASS (affari_deal_list_view_parent_class)->finalize (object);
}

static void
affari_deal_list_view_class_init (AffariDealListViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_deal_list_view_dispose;
  widget_class->map = affari_deal_list_view_map;
  widget_class->unmap = affari_deal_list_view_unmap;
  object_class->finalize = affari_deal_list_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-deal-list-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariDealListView, box);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListView, scroller);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListView, column_view);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListView, bottom_stack);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListView, footer);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListView, selection_bar);
  gtk_widget_class_set_css_name (widget_class, "deallistview");

  affari_deal_list_bulk_class_init (widget_class);
  affari_deal_list_export_class_init (widget_class);
  affari_deal_list_columns_class_init (widget_class);
  affari_deal_list_narrow_class_init (widget_class);

  g_type_ensure (AFFARI_TYPE_DEAL_LIST_SELECTION_BAR);
  g_type_ensure (AFFARI_TYPE_DEAL_LIST_FOOTER);
}

static void
affari_deal_list_view_init (AffariDealListView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = affari_deal_query_new ();
  self->stages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->selection = gtk_multi_selection_new (NULL);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  affari_deal_list_columns_init (self);
  affari_deal_list_narrow_init (self);
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (on_selection_changed_cb), self);
  g_signal_connect (self->selection, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate_cb), self);
  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect (click, "pressed", G_CALLBACK (on_table_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (click));
  }
  {
    GtkDropTarget *file_drop = affari_file_drop_target_new ();

    g_signal_connect (file_drop, "motion", G_CALLBACK (on_file_motion_cb), self);
    g_signal_connect (file_drop, "leave", G_CALLBACK (on_file_leave_cb), self);
    g_signal_connect (file_drop, "drop", G_CALLBACK (on_file_drop_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (file_drop));
  }
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed", G_CALLBACK (on_adjustment_changed_cb), self);
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->scroller), "changed", G_CALLBACK (on_adjustment_changed_cb), self);
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->narrow_scroller), "value-changed", G_CALLBACK (on_adjustment_changed_cb), self);
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->narrow_scroller), "changed", G_CALLBACK (on_adjustment_changed_cb), self);
  affari_deal_list_bulk_update (self);
}

/* ------------------------------------------------------------ public API */

AffariWorkspace *
affari_deal_list_view_get_workspace (AffariDealListView *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LIST_VIEW (self), NULL);

  return self->workspace;
}

void
affari_deal_list_view_set_workspace (AffariDealListView *self, AffariWorkspace *workspace)
{
  g_return_if_fail (AFFARI_IS_DEAL_LIST_VIEW (self));
  g_return_if_fail (workspace == NULL || AFFARI_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;
  disconnect_store (self);
  set_deals (self, NULL);
  g_clear_pointer (&self->query, affari_deal_query_free);
  g_set_object (&self->workspace, workspace);
  if (workspace != NULL)
    {
      self->workspace_handlers[0] = g_signal_connect_swapped (workspace, "stages-changed", G_CALLBACK (on_workspace_references_changed_cb), self);
      self->workspace_handlers[1] = g_signal_connect_swapped (workspace, "pipelines-changed", G_CALLBACK (on_workspace_references_changed_cb), self);
      self->workspace_handlers[2] = g_signal_connect_swapped (workspace, "reset", G_CALLBACK (on_workspace_references_changed_cb), self);
      self->workspace_handlers[3] = g_signal_connect_swapped (workspace, "changed", G_CALLBACK (affari_deal_list_summary_queue), self);
      self->workspace_handlers[5] = g_signal_connect (workspace, "changed", G_CALLBACK (affari_deal_list_bulk_on_workspace_changed), self);
      /* a custom field added, renamed or marked "show in list" in Preferences is a column at once */
      self->workspace_handlers[4] = g_signal_connect_swapped (workspace, "settings-changed::custom-fields",
                                                          G_CALLBACK (on_workspace_fields_changed_cb), self);
    }
  affari_deal_list_cells_reload_references (self);
  affari_deal_list_columns_reload_fields (self);
  affari_deal_list_selection_bar_reload_menus (self->selection_bar, self->workspace, self->pipeline_id);
  affari_deal_list_columns_load_layout (self);
  affari_deal_list_view_apply_query (self);
}

void
affari_deal_list_view_set_pipeline_id (AffariDealListView *self, gint64 pipeline_id)
{
  g_return_if_fail (AFFARI_IS_DEAL_LIST_VIEW (self));

  if (self->pipeline_id == pipeline_id)
    return;
  affari_deal_list_columns_flush_layout (self);
  self->pipeline_id = pipeline_id;
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  affari_deal_list_selection_bar_reload_menus (self->selection_bar, self->workspace, self->pipeline_id);
  affari_deal_list_columns_load_layout (self);
  affari_deal_list_view_apply_query (self);
}

void
affari_deal_list_view_set_filter (AffariDealListView *self, const AffariDealQuery *filter)
{
  g_return_if_fail (AFFARI_IS_DEAL_LIST_VIEW (self));

  affari_deal_query_merge_filter (self->filter, filter);
  affari_deal_list_view_apply_query (self);
  /* the same deals, but the footer says whether they are filtered */
  affari_deal_list_summary_queue (self);
}

AffariDealList *
affari_deal_list_view_get_deals (AffariDealListView *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LIST_VIEW (self), NULL);

  return self->deals;
}

GtkSelectionModel *
affari_deal_list_view_get_selection (AffariDealListView *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LIST_VIEW (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

GtkColumnView *
affari_deal_list_view_get_column_view (AffariDealListView *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LIST_VIEW (self), NULL);

  return self->column_view;
}

GArray *
affari_deal_list_view_dup_selected_ids (AffariDealListView *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  GArray *ids;
  guint position;

  g_return_val_if_fail (AFFARI_IS_DEAL_LIST_VIEW (self), NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (self->deals == NULL)
    return ids;
  /* positions to ids without creating an object per selected row (Ctrl+A on a million) */
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok; ok = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = affari_deal_list_get_id_at (self->deals, position);
      if (id > 0)
        g_array_append_val (ids, id);
    }
  return ids;
}

const char *
affari_deal_list_view_get_summary (AffariDealListView *self)
{
  const char *summary;

  g_return_val_if_fail (AFFARI_IS_DEAL_LIST_VIEW (self), NULL);

  affari_deal_list_summary_flush (self);
  summary = affari_deal_list_footer_get_summary (self->footer);
  return summary ? summary : "";
}
