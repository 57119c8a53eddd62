/* affari-kanban-board.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-kanban-board"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/board/affari-kanban-board-private.h"
#include "ui/board/affari-kanban-card.h"

/* Columns within this distance of the visible part of the board get all their rows. */
#define PREFETCH_MARGIN 320

/* Pixels from the board's left or right edge where a drag starts scrolling it. */
#define AUTOSCROLL_EDGE 64
#define AUTOSCROLL_MAX_STEP 28.0

static void on_column_card_revealed_cb (AffariKanbanColumn *column,
                                        AffariKanbanBoard  *self);

G_DEFINE_FINAL_TYPE_WITH_CODE (AffariKanbanBoard, affari_kanban_board, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (AFFARI_TYPE_CARD_HOST, _affari_kanban_board_host_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_PIPELINE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ auxiliary */

/* The first column near the visible part of the board still showing only its first rows. */
static AffariKanbanColumn *
next_column_to_fill (AffariKanbanBoard *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->scroller);
  double left = gtk_adjustment_get_value (adjustment) - PREFETCH_MARGIN;
  double right = gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) + PREFETCH_MARGIN;

  for (guint i = 0; i < self->columns->len; i++)
    {
      AffariKanbanColumn *column = g_ptr_array_index (self->columns, i);
      graphene_rect_t bounds;

      /* Given all its rows, a column gets new card widgets: not the one a card is dragged from,
       * whose card is the drag's source, until the drag ends. */
      if (self->dragging && column == self->origin_column)
        continue;
      if (affari_kanban_column_get_shows_all_rows (column) ||
          !gtk_widget_compute_bounds (GTK_WIDGET (column), GTK_WIDGET (self->columns_box), &bounds))
        continue;
      if (bounds.origin.x + bounds.size.width >= left && bounds.origin.x <= right)
        return column;
    }

  return NULL;
}

/* One column a main loop iteration, at idle priority: frames and input go first. */
static gboolean
fill_columns_cb (gpointer user_data)
{
  AffariKanbanBoard *self = user_data;
  AffariKanbanColumn *column = next_column_to_fill (self);

  if (column == NULL)
    {
      self->rows_source = 0;
      return G_SOURCE_REMOVE;
    }

  affari_kanban_column_show_all_rows (column);
  return G_SOURCE_CONTINUE;
}

void
_affari_kanban_board_queue_fill_columns (AffariKanbanBoard *self)
{
  /* Disposed: a drag that ends with the board's cards has no columns left to fill. */
  if (self->scroller == NULL)
    return;
  if (self->rows_source == 0 && self->rows_paint_handler == 0)
    self->rows_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_columns_cb, self, NULL);
}

static void
on_rows_after_paint_cb (GdkFrameClock     *clock,
                        AffariKanbanBoard *self)
{
  g_clear_signal_handler (&self->rows_paint_handler, clock);
  _affari_kanban_board_queue_fill_columns (self);
}

/* New columns show their first rows in the first frame; the rest come right after it. */
static void
wait_for_first_frame (AffariKanbanBoard *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_clear_handle_id (&self->rows_source, g_source_remove);
  if (clock == NULL)
    return;   /* realize () waits */
  if (self->rows_paint_handler == 0)
    self->rows_paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_rows_after_paint_cb), self);
}

static void
on_hadjustment_changed_cb (GtkAdjustment     *adjustment,
                           AffariKanbanBoard *self)
{
  _affari_kanban_board_queue_fill_columns (self);
}

static void
remove_columns (AffariKanbanBoard *self)
{
  GtkWidget *child;

  for (guint i = 0; i < self->columns->len; i++)
    {
      gtk_size_group_remove_widget (self->headers,
                                    affari_kanban_column_get_header (g_ptr_array_index (self->columns, i)));
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->columns, i), self);
    }
  g_ptr_array_set_size (self->columns, 0);
  self->origin_column = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box))) != NULL)
    gtk_box_remove (self->columns_box, child);
  affari_kanban_drop_zones_set_stages (self->zones_box, NULL);
  /* A new menu for the new stages: cards still showing the old one keep it until they go. */
  g_clear_object (&self->card_menu);
  self->card_menu = g_menu_new ();
}

/* What the first frame can show: as many columns as the widest screen holds, as many cards as
 * its height holds (the board's own size is not known before it is laid out). The other columns
 * make no rows before the first frame; these make only these. */
static void
size_of_first_frame (AffariKanbanBoard *self,
                     guint             *n_columns,
                     guint             *n_cards)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  int widest = gtk_widget_get_width (GTK_WIDGET (self));
  int tallest = gtk_widget_get_height (GTK_WIDGET (self));

  if (widest <= 0 || tallest <= 0)
    for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
      {
        g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
        GdkRectangle geometry;

        gdk_monitor_get_geometry (monitor, &geometry);
        widest = MAX (widest, geometry.width);
        tallest = MAX (tallest, geometry.height);
      }

  /* A column and the spacing are 312 pixels, a card and its margins at least 100: one more of
   * each for a part of one. */
  *n_columns = widest > 0 ? (guint) widest / 312 + 1 : G_MAXUINT;
  *n_cards = tallest > 0 ? (guint) tallest / 100 + 1 : 24;
}

static void
rebuild (AffariKanbanBoard *self)
{
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(AffariPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMenu) open_section = g_menu_new ();
  g_autoptr(GMenu) move_section = g_menu_new ();
  g_autoptr(GMenu) move_menu = g_menu_new ();
  g_autoptr(GMenu) trash_section = g_menu_new ();
  guint n_visible, n_cards;

  remove_columns (self);

  if (self->workspace == NULL || self->pipeline_id == 0)
    return;

  pipeline = affari_workspace_get_pipeline (self->workspace, self->pipeline_id, NULL);
  g_free (self->currency);
  if (pipeline != NULL && affari_pipeline_get_currency (pipeline) != NULL)
    self->currency = g_strdup (affari_pipeline_get_currency (pipeline));
  else
    self->currency = affari_workspace_dup_base_currency (self->workspace);

  stages = affari_workspace_list_stages (self->workspace, self->pipeline_id, &error);
  if (stages == NULL)
    {
      g_warning ("Cannot list the stages: %s", error->message);
      return;
    }

  size_of_first_frame (self, &n_visible, &n_cards);
  g_menu_append (open_section, _("Open"), "tile.open");
  g_menu_append_section (self->card_menu, NULL, G_MENU_MODEL (open_section));

  for (guint i = 0; i < stages->len; i++)
    {
      AffariStage *stage = g_ptr_array_index (stages, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (affari_stage_get_name (stage), NULL);
      GtkWidget *column;

      g_menu_item_set_action_and_target_value (item, "tile.move-to",
                                               g_variant_new_int64 (affari_stage_get_id (stage)));
      g_menu_append_item (move_menu, item);

      column = affari_kanban_column_new (self->workspace, stage, self->currency);
      affari_kanban_column_set_card_menu (AFFARI_KANBAN_COLUMN (column), G_MENU_MODEL (self->card_menu));
      affari_kanban_column_set_host (AFFARI_KANBAN_COLUMN (column), AFFARI_CARD_HOST (self));
      g_signal_connect (column, "card-revealed", G_CALLBACK (on_column_card_revealed_cb), self);
      affari_kanban_column_set_filter_text (AFFARI_KANBAN_COLUMN (column), self->filter_text);
      affari_kanban_column_set_filter (AFFARI_KANBAN_COLUMN (column), self->filter);
      if (i < n_visible)
        affari_kanban_column_show_first_rows (AFFARI_KANBAN_COLUMN (column), n_cards);
      gtk_box_append (self->columns_box, column);
      gtk_size_group_add_widget (self->headers, affari_kanban_column_get_header (AFFARI_KANBAN_COLUMN (column)));
      g_ptr_array_add (self->columns, column);
    }

  g_menu_append_submenu (move_section, _("Move To"), G_MENU_MODEL (move_menu));
  g_menu_append_section (self->card_menu, NULL, G_MENU_MODEL (move_section));
  g_menu_append (trash_section, _("Move to Trash"), "tile.trash");
  g_menu_append_section (self->card_menu, NULL, G_MENU_MODEL (trash_section));

  affari_kanban_drop_zones_set_stages (self->zones_box, stages);
  _affari_kanban_board_pager_columns_changed (self);

  wait_for_first_frame (self);
}

/* ------------------------------------------------------------ callbacks */

static GdkDragAction
on_board_drop_motion_cb (GtkDropControllerMotion *controller,
                         double                   x,
                         double                   y,
                         AffariKanbanBoard       *self)
{
  /* Narrow, an edge flips the page instead. */
  if (!_affari_kanban_board_pager_drag_motion (self, x))
    affari_edge_scroller_update (self->hscroller, x, gtk_widget_get_width (GTK_WIDGET (self)));

  return 0;
}

static void
on_board_drop_motion_enter_cb (GtkDropControllerMotion *controller,
                               double                   x,
                               double                   y,
                               AffariKanbanBoard       *self)
{
  on_board_drop_motion_cb (controller, x, y, self);
}

static void
on_board_drop_leave_cb (GtkDropControllerMotion *controller,
                        AffariKanbanBoard       *self)
{
  affari_edge_scroller_stop (self->hscroller);
  _affari_kanban_board_pager_drag_stop (self);
}

static void
on_board_pressed_cb (GtkGestureClick   *gesture,
                     int                n_press,
                     double             x,
                     double             y,
                     AffariKanbanBoard *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked;
  GtkWidget *column = NULL;

  /* Ctrl+click adds to the selection; a plain click starts a new one, across columns too. */
  if (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
    return;

  picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  for (guint i = 0; picked != NULL && i < self->columns->len; i++)
    if (gtk_widget_is_ancestor (picked, g_ptr_array_index (self->columns, i)))
      column = g_ptr_array_index (self->columns, i);

  for (guint i = 0; i < self->columns->len; i++)
    if (g_ptr_array_index (self->columns, i) != column)
      affari_kanban_column_unselect_all (g_ptr_array_index (self->columns, i));
}

static void
on_workspace_stages_changed_cb (AffariWorkspace   *workspace,
                            gint64             pipeline_id,
                            AffariKanbanBoard *self)
{
  if (pipeline_id == self->pipeline_id)
    rebuild (self);
}

static void
on_workspace_reset_cb (AffariWorkspace   *workspace,
                   AffariKanbanBoard *self)
{
  rebuild (self);
}

/* A change the board shows: a card created, moved or brought back is scrolled into view and
 * marked; one moved from the keyboard takes the focus along to its new column. */
static void
on_workspace_changed_cb (AffariWorkspace   *workspace,
                     AffariChangeSet   *set,
                     AffariKanbanBoard *self)
{
  _affari_kanban_board_follow_change (self, set);
}

/* A column showed a card that arrived in it, or is about to give it the focus: the board's
 * viewport scrolls to the focus only when it comes from outside the board. */
static void
on_column_card_revealed_cb (AffariKanbanColumn *column,
                            AffariKanbanBoard  *self)
{
  affari_kanban_board_scroll_to_column (self, column);
}

/* ------------------------------------------------------------ overrides */

static void
affari_kanban_board_realize (GtkWidget *widget)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (widget);

  GTK_WIDGET_CLASS (affari_kanban_board_parent_class)->realize (widget);

  if (self->columns->len > 0)
    wait_for_first_frame (self);
}

/* The header of the narrow layout adds nothing to the board's minimum height: the window keeps
 * the minimum it has at every width (its height does not change when it becomes narrow); at that
 * minimum the columns lose the header's height at their bottom instead. */
static void
affari_kanban_board_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (widget);
  int pager_min = 0, pager_nat = 0;

  gtk_widget_measure (GTK_WIDGET (self->overlay), orientation, for_size, minimum, natural, NULL, NULL);
  if (gtk_widget_get_visible (self->pager))
    {
      gtk_widget_measure (self->pager, orientation, -1, &pager_min, &pager_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        *minimum = MAX (*minimum, pager_min);
      else
        *natural += pager_nat;
      *natural = MAX (*natural, *minimum);
    }
}

/* The width decides the layout: narrow, a column a page under the header. */
static void
affari_kanban_board_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (widget);
  int pager_height = 0, overlay_min;

  _affari_kanban_board_pager_allocate (self, width);
  if (gtk_widget_get_visible (self->pager))
    {
      gtk_widget_measure (self->pager, GTK_ORIENTATION_VERTICAL, width, &pager_height, NULL, NULL, NULL);
      gtk_widget_allocate (self->pager, width, pager_height, -1, NULL);
    }
  gtk_widget_measure (GTK_WIDGET (self->overlay), GTK_ORIENTATION_VERTICAL, width, &overlay_min, NULL, NULL, NULL);
  gtk_widget_allocate (GTK_WIDGET (self->overlay), width, MAX (height - pager_height, overlay_min), -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, pager_height)));
  _affari_kanban_board_pager_allocated (self);
}

static void
affari_kanban_board_unrealize (GtkWidget *widget)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (widget);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_clear_signal_handler (&self->rows_paint_handler, clock);
  g_clear_handle_id (&self->rows_source, g_source_remove);

  GTK_WIDGET_CLASS (affari_kanban_board_parent_class)->unrealize (widget);
}

static void
affari_kanban_board_dispose (GObject *object)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (object);

  _affari_kanban_board_pager_dispose (self);
  g_clear_handle_id (&self->rows_source, g_source_remove);
  g_clear_object (&self->hscroller);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);

  if (self->scroller != NULL)
    g_signal_handlers_disconnect_by_data (gtk_scrolled_window_get_hadjustment (self->scroller), self);
  if (self->columns != NULL)
    g_ptr_array_set_size (self->columns, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_KANBAN_BOARD);

  g_clear_object (&self->card_menu);
  g_clear_object (&self->headers);
  g_clear_object (&self->workspace);
  g_clear_object (&self->ops);

  G_OBJECT_CLASS (affari_kanban_board_parent_class)->dispose (object);
}

static void
affari_kanban_board_finalize (GObject *object)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (object);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->dragged, g_hash_table_unref);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->filter_text, g_free);
  g_clear_pointer (&self->filter, affari_deal_query_free);

  G_OBJECT_CLASS (affari_kanban_board_parent_class)->finalize (object);
}

static void
affari_kanban_board_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->workspace);
      break;

    case PROP_PIPELINE_ID:
      g_value_set_int64 (value, self->pipeline_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_kanban_board_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (object);

  switch (prop_id)
    {
    case PROP_STORE:
      affari_kanban_board_set_workspace (self, g_value_get_object (value));
      break;

    case PROP_PIPELINE_ID:
      affari_kanban_board_set_pipeline_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_kanban_board_class_init (AffariKanbanBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_kanban_board_dispose;
  object_class->finalize = affari_kanban_board_finalize;
  object_class->get_property = affari_kanban_board_get_property;
  object_class->set_property = affari_kanban_board_set_property;

  widget_class->realize = affari_kanban_board_realize;
  widget_class->unrealize = affari_kanban_board_unrealize;
  widget_class->measure = affari_kanban_board_measure;
  widget_class->size_allocate = affari_kanban_board_size_allocate;

  properties[PROP_STORE] =
    g_param_spec_object ("workspace", NULL, NULL,
                         AFFARI_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PIPELINE_ID] =
    g_param_spec_int64 ("pipeline-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-kanban-board.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanBoard, overlay);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanBoard, scroller);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanBoard, columns_box);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanBoard, zones_revealer);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanBoard, zones_box);
  _affari_kanban_board_pager_class_init (widget_class);

  gtk_widget_class_set_css_name (widget_class, "kanban-board");

  g_type_ensure (AFFARI_TYPE_KANBAN_COLUMN);
  g_type_ensure (AFFARI_TYPE_KANBAN_DROP_ZONES);
  g_type_ensure (AFFARI_TYPE_KANBAN_CARD);
}

static void
affari_kanban_board_init (AffariKanbanBoard *self)
{
  GtkEventController *motion;
  GtkGesture *press;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* At the window's minimum height the columns' bottom goes under the view switcher's bar. */
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  self->columns = g_ptr_array_new ();
  self->headers = gtk_size_group_new (GTK_SIZE_GROUP_VERTICAL);
  self->dragged = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->card_menu = g_menu_new ();
  self->hscroller = affari_edge_scroller_new (GTK_WIDGET (self), gtk_scrolled_window_get_hadjustment (self->scroller),
                                              AUTOSCROLL_EDGE, AUTOSCROLL_MAX_STEP);
  affari_kanban_drop_zones_set_host (self->zones_box, AFFARI_CARD_HOST (self));
  _affari_kanban_board_pager_init (self);

  /* Columns scrolled into view (or resized into it) get all their rows. */
  g_signal_connect (gtk_scrolled_window_get_hadjustment (self->scroller), "changed",
                    G_CALLBACK (on_hadjustment_changed_cb), self);
  g_signal_connect (gtk_scrolled_window_get_hadjustment (self->scroller), "value-changed",
                    G_CALLBACK (on_hadjustment_changed_cb), self);

  motion = gtk_drop_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (on_board_drop_motion_enter_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_board_drop_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_board_drop_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  press = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
  g_signal_connect (press, "pressed", G_CALLBACK (on_board_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (press));
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_kanban_board_new (void)
{
  return g_object_new (AFFARI_TYPE_KANBAN_BOARD, NULL);
}

AffariWorkspace *
affari_kanban_board_get_workspace (AffariKanbanBoard *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_BOARD (self), NULL);

  return self->workspace;
}

void
affari_kanban_board_set_workspace (AffariKanbanBoard *self,
                               AffariWorkspace   *workspace)
{
  g_return_if_fail (AFFARI_IS_KANBAN_BOARD (self));
  g_return_if_fail (workspace == NULL || AFFARI_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_set_object (&self->workspace, workspace);

  if (workspace != NULL)
    {
      g_signal_connect (workspace, "stages-changed", G_CALLBACK (on_workspace_stages_changed_cb), self);
      g_signal_connect (workspace, "reset", G_CALLBACK (on_workspace_reset_cb), self);
      g_signal_connect (workspace, "changed", G_CALLBACK (on_workspace_changed_cb), self);
    }

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
affari_kanban_board_set_ops (AffariKanbanBoard *self,
                             AffariDealOps     *ops)
{
  g_return_if_fail (AFFARI_IS_KANBAN_BOARD (self));

  g_set_object (&self->ops, ops);
}

gint64
affari_kanban_board_get_pipeline_id (AffariKanbanBoard *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_BOARD (self), 0);

  return self->pipeline_id;
}

void
affari_kanban_board_set_pipeline_id (AffariKanbanBoard *self,
                                     gint64             pipeline_id)
{
  g_return_if_fail (AFFARI_IS_KANBAN_BOARD (self));

  if (self->pipeline_id == pipeline_id)
    return;

  self->pipeline_id = pipeline_id;
  rebuild (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->scroller), 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE_ID]);
}

void
affari_kanban_board_set_filter_text (AffariKanbanBoard *self,
                                     const char        *text)
{
  g_return_if_fail (AFFARI_IS_KANBAN_BOARD (self));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (self->filter_text, text) == 0)
    return;

  g_free (self->filter_text);
  self->filter_text = g_strdup (text);

  for (guint i = 0; i < self->columns->len; i++)
    affari_kanban_column_set_filter_text (g_ptr_array_index (self->columns, i), text);
}

void
affari_kanban_board_set_filter (AffariKanbanBoard     *self,
                                const AffariDealQuery *filter)
{
  g_return_if_fail (AFFARI_IS_KANBAN_BOARD (self));

  if (affari_deal_query_equal (self->filter, filter))
    return;
  g_clear_pointer (&self->filter, affari_deal_query_free);
  if (filter != NULL && affari_deal_query_has_filter (filter))
    {
      self->filter = affari_deal_query_new ();
      affari_deal_query_merge_filter (self->filter, filter);
    }

  for (guint i = 0; i < self->columns->len; i++)
    affari_kanban_column_set_filter (g_ptr_array_index (self->columns, i), self->filter);
}

guint
affari_kanban_board_get_n_columns (AffariKanbanBoard *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_BOARD (self), 0);

  return self->columns->len;
}

AffariKanbanColumn *
affari_kanban_board_get_column (AffariKanbanBoard *self,
                                guint              index)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_BOARD (self), NULL);

  return index < self->columns->len ? g_ptr_array_index (self->columns, index) : NULL;
}

AffariKanbanColumn *
affari_kanban_board_find_column (AffariKanbanBoard *self,
                                 gint64             stage_id)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_BOARD (self), NULL);

  for (guint i = 0; i < self->columns->len; i++)
    if (affari_kanban_column_get_stage_id (g_ptr_array_index (self->columns, i)) == stage_id)
      return g_ptr_array_index (self->columns, i);

  return NULL;
}

gint64
affari_kanban_board_get_adjacent_stage (AffariKanbanBoard *self,
                                        gint64             stage_id,
                                        int                direction)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_BOARD (self), 0);

  for (guint i = 0; i < self->columns->len; i++)
    {
      if (affari_kanban_column_get_stage_id (g_ptr_array_index (self->columns, i)) != stage_id)
        continue;

      if ((direction < 0 && i == 0) || (direction > 0 && i + 1 >= self->columns->len))
        return 0;

      return affari_kanban_column_get_stage_id (g_ptr_array_index (self->columns, direction < 0 ? i - 1 : i + 1));
    }

  return 0;
}

GtkWidget *
affari_kanban_board_get_drop_zones (AffariKanbanBoard *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_BOARD (self), NULL);

  return GTK_WIDGET (self->zones_box);
}

void
affari_kanban_board_scroll_to_column (AffariKanbanBoard  *self,
                                      AffariKanbanColumn *column)
{
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value, page;

  g_return_if_fail (AFFARI_IS_KANBAN_BOARD (self));
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (column));

  if (_affari_kanban_board_pager_show_column (self, column, TRUE))
    return;
  if (!gtk_widget_compute_bounds (GTK_WIDGET (column), GTK_WIDGET (self->columns_box), &bounds))
    return;

  /* As little as needed, with the board's padding around the column. */
  adjustment = gtk_scrolled_window_get_hadjustment (self->scroller);
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (bounds.origin.x - 12 < value)
    gtk_adjustment_set_value (adjustment, bounds.origin.x - 12);
  else if (bounds.origin.x + bounds.size.width + 12 > value + page)
    gtk_adjustment_set_value (adjustment, bounds.origin.x + bounds.size.width + 12 - page);
}
