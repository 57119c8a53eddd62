/* affari-kanban-board.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-kanban-board"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "model/affari-money.h"

#include "ui/board/affari-kanban-board.h"
#include "ui/common/affari-ui.h"
#include "ui/board/affari-kanban-card.h"
#include "ui/board/affari-kanban-column.h"

/* Columns within this distance of the visible part of the board get all their rows. */
#define PREFETCH_MARGIN 320

/* Pixels from the board's left or right edge where a drag starts scrolling it. */
#define AUTOSCROLL_EDGE 64
#define AUTOSCROLL_MAX_STEP 28.0
/* Frames the scrolling benchmark takes from the top of a column to its end. */
#define BENCH_SCROLL_FRAMES 300

struct _AffariKanbanBoard
{
  GtkWidget          parent_instance;

  AffariStore       *store;
  gint64             pipeline_id;
  char              *currency;
  char              *filter_text;
  AffariDealQuery   *filter;            /* the window's filter, or NULL */
  GPtrArray         *columns;        /* AffariKanbanColumn, unowned (children of columns_box) */
  gulong             rows_paint_handler;  /* waits for the first frame of new columns */
  guint              rows_source;         /* gives the columns in view all their rows */
  GMenu             *card_menu;
  GtkSizeGroup      *headers;        /* the columns' headers, of one height: cards start level */

  /* a drag in progress */
  gboolean           dragging;
  GHashTable        *dragged;        /* deal id set */
  double             scroll_speed;
  guint              autoscroll_tick;
  double             origin_hvalue;   /* where the board and the card's column were scrolled */
  double             origin_vvalue;
  AffariKanbanColumn *origin_column;  /* unowned; NULL when the columns are rebuilt */

  gint64             follow_deal;     /* the next move of this deal takes the keyboard focus along */

  /* timings (AFFARI_REPORT_DROP, AFFARI_BENCH_*) */
  gint64             drop_start;
  gint64             drop_persisted;
  gulong             drop_paint_handler;
  gulong             bench_paint_handler;
  int                bench_drops_left;
  int                bench_drop_step;
  guint              bench_source;
  GArray            *bench_frames;   /* double, ms */
  gint64             bench_frame_start;
  gulong             bench_before_handler;
  gulong             bench_after_handler;
  guint              bench_tick;
  guint              bench_frame;
  AffariKanbanColumn *bench_column;

  /* template */
  GtkOverlay        *overlay;
  GtkScrolledWindow *scroller;
  GtkBox            *columns_box;
  GtkRevealer       *zones_revealer;
  GtkBox            *zones_box;
};

G_DEFINE_FINAL_TYPE (AffariKanbanBoard, affari_kanban_board, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PIPELINE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ auxiliary */

static gboolean
report_drops (void)
{
  static int enabled = -1;

  if (enabled < 0)
    enabled = g_strcmp0 (g_getenv ("AFFARI_REPORT_DROP"), "1") == 0 || g_getenv ("AFFARI_BENCH_DROP") != NULL ||
              g_getenv ("AFFARI_BENCH_REAL_DROP") != NULL;

  return enabled;
}

static void
add_toast (AffariKanbanBoard *self,
           AdwToast          *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
show_error (AffariKanbanBoard *self,
            const char        *format,
            const GError      *error)
{
  g_autofree char *message = g_strdup_printf (format, error->message);
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  add_toast (self, toast);
}

static AffariStage *
find_stage (AffariKanbanBoard *self,
            gint64             stage_id)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      AffariStage *stage = affari_kanban_column_get_stage (g_ptr_array_index (self->columns, i));

      if (affari_stage_get_id (stage) == stage_id)
        return stage;
    }

  return NULL;
}

static GtkAdjustment *
column_vadjustment (AffariKanbanColumn *column)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (affari_kanban_column_get_list_view (column)),
                                                 GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

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

static void
on_drop_after_paint_cb (GdkFrameClock     *clock,
                        AffariKanbanBoard *self)
{
  gint64 now = g_get_monotonic_time ();
  char drop[G_ASCII_DTOSTR_BUF_SIZE], persisted[G_ASCII_DTOSTR_BUF_SIZE];

  g_clear_signal_handler (&self->drop_paint_handler, clock);

  /* Machine numbers, read by affari-bench: a decimal point whatever the locale. */
  g_print ("drop-ms %s persisted-ms %s\n",
           g_ascii_formatd (drop, sizeof drop, "%.2f", (now - self->drop_start) / 1000.0),
           g_ascii_formatd (persisted, sizeof persisted, "%.2f", (self->drop_persisted - self->drop_start) / 1000.0));
  fflush (stdout);
  self->drop_start = 0;
}

static void
report_drop (AffariKanbanBoard *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->drop_start == 0 || clock == NULL)
    return;

  self->drop_persisted = g_get_monotonic_time ();
  if (self->drop_paint_handler == 0)
    self->drop_paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_drop_after_paint_cb), self);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static void
show_summary (AffariKanbanBoard *self,
              gint64             deal_id)
{
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *amount = NULL;
  AffariStage *stage;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *client;
  const char *assigned;
  GtkWidget *dialog;

  deal = affari_store_get_deal (self->store, deal_id, &error);
  if (deal == NULL)
    {
      show_error (self, _("Could not open the deal: %s"), error);
      return;
    }

  amount = affari_money_format (affari_deal_get_amount (deal), affari_deal_get_currency (deal));
  g_string_append_printf (body, _("Amount: %s"), amount);
  client = affari_deal_get_client_name (deal);
  if (client != NULL)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("Client: %s"), client);
    }
  stage = find_stage (self, affari_deal_get_stage_id (deal));
  if (stage != NULL)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("Stage: %s"), affari_stage_get_name (stage));
    }
  assigned = affari_deal_get_assigned_name (deal);
  if (assigned != NULL && *assigned != '\0')
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("Responsible: %s"), assigned);
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   affari_deal_get_title (deal), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

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

static void
queue_fill_columns (AffariKanbanBoard *self)
{
  if (self->rows_source == 0 && self->rows_paint_handler == 0)
    self->rows_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_columns_cb, self, NULL);
}

static void
on_rows_after_paint_cb (GdkFrameClock     *clock,
                        AffariKanbanBoard *self)
{
  g_clear_signal_handler (&self->rows_paint_handler, clock);
  queue_fill_columns (self);
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
  queue_fill_columns (self);
}

static void
remove_columns (AffariKanbanBoard *self)
{
  GtkWidget *child;

  for (guint i = 0; i < self->columns->len; i++)
    gtk_size_group_remove_widget (self->headers,
                                  affari_kanban_column_get_header (g_ptr_array_index (self->columns, i)));
  g_ptr_array_set_size (self->columns, 0);
  self->origin_column = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box))) != NULL)
    gtk_box_remove (self->columns_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->zones_box))) != NULL)
    gtk_box_remove (self->zones_box, child);
  /* A new menu for the new stages: cards still showing the old one keep it until they go. */
  g_clear_object (&self->card_menu);
  self->card_menu = g_menu_new ();
}

static gboolean
on_zone_drop_cb (GtkDropTarget *target,
                 const GValue  *value,
                 double         x,
                 double         y,
                 GtkWidget     *zone)
{
  AffariKanbanBoard *board = (AffariKanbanBoard *) gtk_widget_get_ancestor (zone, AFFARI_TYPE_KANBAN_BOARD);
  gint64 *stage = g_object_get_data (G_OBJECT (zone), "stage-id");
  gint64 stage_id = stage != NULL ? *stage : 0;
  AffariDeal *deal;

  gtk_widget_remove_css_class (zone, "drop-hover");

  if (board == NULL || !G_VALUE_HOLDS (value, AFFARI_TYPE_DEAL) || (deal = g_value_get_object (value)) == NULL)
    return FALSE;

  affari_kanban_board_note_drop (board);

  if (stage_id == 0)
    return gtk_widget_activate_action (zone, "kanban.trash-deal", "x", affari_deal_get_id (deal));

  return gtk_widget_activate_action (zone, "kanban.move-deal", "(xxi)", affari_deal_get_id (deal), stage_id, 0);
}

static GdkDragAction
on_zone_enter_cb (GtkDropTarget *target,
                  double         x,
                  double         y,
                  GtkWidget     *zone)
{
  gtk_widget_add_css_class (zone, "drop-hover");
  return GDK_ACTION_MOVE;
}

static void
on_zone_leave_cb (GtkDropTarget *target,
                  GtkWidget     *zone)
{
  gtk_widget_remove_css_class (zone, "drop-hover");
}

static void
add_zone (AffariKanbanBoard *self,
          gint64             stage_id,
          const char        *label,
          const char        *icon_name,
          const char        *css_class)
{
  GtkWidget *zone = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (label);
  GtkDropTarget *target;
  GType types[] = { AFFARI_TYPE_DEAL };

  gtk_widget_set_halign (name, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (zone), gtk_image_new_from_icon_name (icon_name));
  gtk_box_append (GTK_BOX (zone), name);
  gtk_widget_add_css_class (zone, "kanban-drop-zone");
  gtk_widget_add_css_class (zone, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (zone), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_name (zone, css_class);

  if (stage_id != 0)
    {
      gint64 *id = g_new (gint64, 1);

      *id = stage_id;
      g_object_set_data_full (G_OBJECT (zone), "stage-id", id, g_free);
    }

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_MOVE);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "enter", G_CALLBACK (on_zone_enter_cb), zone);
  g_signal_connect (target, "leave", G_CALLBACK (on_zone_leave_cb), zone);
  g_signal_connect (target, "drop", G_CALLBACK (on_zone_drop_cb), zone);
  gtk_widget_add_controller (zone, GTK_EVENT_CONTROLLER (target));

  gtk_box_append (self->zones_box, zone);
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

  if (self->store == NULL || self->pipeline_id == 0)
    return;

  pipeline = affari_store_get_pipeline (self->store, self->pipeline_id, NULL);
  g_free (self->currency);
  if (pipeline != NULL && affari_pipeline_get_currency (pipeline) != NULL)
    self->currency = g_strdup (affari_pipeline_get_currency (pipeline));
  else
    self->currency = affari_store_dup_base_currency (self->store);

  stages = affari_store_list_stages (self->store, self->pipeline_id, &error);
  if (stages == NULL)
    {
      g_warning ("Cannot list the stages: %s", error->message);
      return;
    }

  size_of_first_frame (self, &n_visible, &n_cards);
  g_menu_append (open_section, _("Open"), "card.open");
  g_menu_append_section (self->card_menu, NULL, G_MENU_MODEL (open_section));

  for (guint i = 0; i < stages->len; i++)
    {
      AffariStage *stage = g_ptr_array_index (stages, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (affari_stage_get_name (stage), NULL);
      GtkWidget *column;

      g_menu_item_set_action_and_target_value (item, "card.move-to",
                                               g_variant_new_int64 (affari_stage_get_id (stage)));
      g_menu_append_item (move_menu, item);

      column = affari_kanban_column_new (self->store, stage, self->currency);
      affari_kanban_column_set_card_menu (AFFARI_KANBAN_COLUMN (column), G_MENU_MODEL (self->card_menu));
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
  g_menu_append (trash_section, _("Move to Trash"), "card.trash");
  g_menu_append_section (self->card_menu, NULL, G_MENU_MODEL (trash_section));

  /* Closing zones, as in Bitrix24: won, each way of losing, and the trash. */
  for (guint i = 0; i < stages->len; i++)
    {
      AffariStage *stage = g_ptr_array_index (stages, i);

      if (affari_stage_get_semantics (stage) == AFFARI_SEMANTICS_SUCCESS)
        add_zone (self, affari_stage_get_id (stage), affari_stage_get_name (stage), "emblem-ok-symbolic", "won");
    }
  for (guint i = 0; i < stages->len; i++)
    {
      AffariStage *stage = g_ptr_array_index (stages, i);

      if (affari_stage_get_semantics (stage) == AFFARI_SEMANTICS_FAILURE)
        add_zone (self, affari_stage_get_id (stage), affari_stage_get_name (stage), "window-close-symbolic", "lost");
    }
  add_zone (self, 0, _("Delete"), "user-trash-symbolic", "trash");

  wait_for_first_frame (self);
}

static void
stop_autoscroll (AffariKanbanBoard *self)
{
  if (self->autoscroll_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->autoscroll_tick);
      self->autoscroll_tick = 0;
    }
  self->scroll_speed = 0;
}

static gboolean
autoscroll_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *frame_clock,
                    gpointer       user_data)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->scroller);

  if (self->scroll_speed == 0)
    {
      self->autoscroll_tick = 0;
      return G_SOURCE_REMOVE;
    }

  if (!affari_ui_adjustment_step (adjustment, self->scroll_speed))
    {
      /* at the end already: nothing to repaint until the pointer moves (motion starts again) */
      self->autoscroll_tick = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------ callbacks */

static GdkDragAction
on_board_drop_motion_cb (GtkDropControllerMotion *controller,
                         double                   x,
                         double                   y,
                         AffariKanbanBoard       *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));

  if (x < AUTOSCROLL_EDGE)
    self->scroll_speed = -AUTOSCROLL_MAX_STEP * (AUTOSCROLL_EDGE - MAX (x, 0)) / AUTOSCROLL_EDGE;
  else if (x > width - AUTOSCROLL_EDGE)
    self->scroll_speed = AUTOSCROLL_MAX_STEP * (x - (width - AUTOSCROLL_EDGE)) / AUTOSCROLL_EDGE;
  else
    self->scroll_speed = 0;

  self->scroll_speed = CLAMP (self->scroll_speed, -AUTOSCROLL_MAX_STEP, AUTOSCROLL_MAX_STEP);
  if (self->scroll_speed != 0 && self->autoscroll_tick == 0)
    self->autoscroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), autoscroll_tick_cb, NULL, NULL);

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
  stop_autoscroll (self);
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
  GtkWidget *column;

  /* Ctrl+click adds to the selection; a plain click starts a new one, across columns too. */
  if (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
    return;

  picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  column = picked != NULL ? gtk_widget_get_ancestor (picked, AFFARI_TYPE_KANBAN_COLUMN) : NULL;

  for (guint i = 0; i < self->columns->len; i++)
    if (g_ptr_array_index (self->columns, i) != column)
      affari_kanban_column_unselect_all (g_ptr_array_index (self->columns, i));
}

static void
on_store_stages_changed_cb (AffariStore       *store,
                            gint64             pipeline_id,
                            AffariKanbanBoard *self)
{
  if (pipeline_id == self->pipeline_id)
    rebuild (self);
}

static void
on_store_reset_cb (AffariStore       *store,
                   AffariKanbanBoard *self)
{
  rebuild (self);
}

/* ------------------------------------------------------------ benchmark hooks */

static AffariKanbanColumn *
bench_find_column (AffariKanbanBoard *self,
                   const char        *code)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      AffariKanbanColumn *column = g_ptr_array_index (self->columns, i);

      if (g_strcmp0 (affari_stage_get_code (affari_kanban_column_get_stage (column)), code) == 0)
        return column;
    }

  return NULL;
}

static gboolean
bench_drop_cb (gpointer user_data)
{
  AffariKanbanBoard *self = user_data;
  AffariKanbanColumn *from, *to;
  g_autoptr(AffariDeal) deal = NULL;

  if (self->bench_drops_left <= 0 || self->columns->len < 2)
    {
      g_print ("drop-done\n");
      fflush (stdout);
      self->bench_source = 0;
      return G_SOURCE_REMOVE;
    }

  /* Back and forth between the first two stages, so that the database ends as it began. */
  from = g_ptr_array_index (self->columns, self->bench_drop_step % 2);
  to = g_ptr_array_index (self->columns, (self->bench_drop_step + 1) % 2);
  deal = g_list_model_get_item (G_LIST_MODEL (affari_kanban_column_get_deals (from)), 0);
  self->bench_drop_step++;
  self->bench_drops_left--;

  if (deal != NULL)
    affari_kanban_column_drop_deal (to, deal, 10, 0);

  return G_SOURCE_CONTINUE;
}

static void
bench_scroll_finish (AffariKanbanBoard *self)
{
  AffariDealList *deals = affari_kanban_column_get_deals (self->bench_column);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (deals));
  gint64 last = n > 0 ? affari_deal_list_get_id_at (deals, n - 1) : 0;
  GArray *sorted = self->bench_frames;
  double total = 0, worst = 0;
  guint over = 0;
  guint rows = 0;
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_clear_signal_handler (&self->bench_before_handler, clock);
  g_clear_signal_handler (&self->bench_after_handler, clock);

  for (guint i = 0; i < sorted->len; i++)
    {
      double t = g_array_index (sorted, double, i);

      total += t;
      worst = MAX (worst, t);
      if (t > 16.0)
        over++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (affari_kanban_column_get_list_view (self->bench_column)));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rows++;

  g_print ("scroll-items %u\n", n);
  g_print ("scroll-frames %u\n", sorted->len);
  g_print ("scroll-mean-ms %s\n", g_ascii_formatd (number, sizeof number, "%.2f", sorted->len > 0 ? total / sorted->len : 0));
  g_print ("scroll-max-ms %s\n", g_ascii_formatd (number, sizeof number, "%.2f", worst));
  g_print ("scroll-over-16ms %u\n", over);
  g_print ("scroll-row-widgets %u\n", rows);
  g_print ("scroll-deal-objects %u\n", affari_deal_list_get_n_loaded (deals));
  g_print ("scroll-reached-end %d\n", last != 0 && affari_kanban_column_find_card (self->bench_column, last) != NULL);
  g_print ("scroll-done\n");
  fflush (stdout);
}

static void
on_bench_before_paint_cb (GdkFrameClock     *clock,
                          AffariKanbanBoard *self)
{
  self->bench_frame_start = g_get_monotonic_time ();
}

static void
on_bench_after_paint_cb (GdkFrameClock     *clock,
                         AffariKanbanBoard *self)
{
  double ms;

  if (self->bench_frame_start == 0)
    return;

  ms = (g_get_monotonic_time () - self->bench_frame_start) / 1000.0;
  g_array_append_val (self->bench_frames, ms);
  self->bench_frame_start = 0;
}

static gboolean
bench_scroll_tick_cb (GtkWidget     *widget,
                      GdkFrameClock *frame_clock,
                      gpointer       user_data)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (widget);
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (affari_kanban_column_get_list_view (self->bench_column)),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  self->bench_frame++;
  if (self->bench_frame > BENCH_SCROLL_FRAMES + 10)
    {
      self->bench_tick = 0;
      bench_scroll_finish (self);
      return G_SOURCE_REMOVE;
    }

  /* Evenly from the top to the end: every frame shows rows never seen before. */
  gtk_adjustment_set_value (adjustment, MIN (self->bench_frame, BENCH_SCROLL_FRAMES) * end / BENCH_SCROLL_FRAMES);

  return G_SOURCE_CONTINUE;
}

static gboolean
bench_start_cb (gpointer user_data)
{
  AffariKanbanBoard *self = user_data;
  const char *drops = g_getenv ("AFFARI_BENCH_DROP");
  const char *scroll = g_getenv ("AFFARI_BENCH_SCROLL");

  /* Timings start once the columns in sight have all their rows, as a user finds them. */
  if (self->rows_source != 0 || self->rows_paint_handler != 0)
    return G_SOURCE_CONTINUE;

  self->bench_source = 0;

  if (g_getenv ("AFFARI_BENCH_REAL_DROP") != NULL)
    {
      int x[2] = { -1, -1 }, y[2] = { -1, -1 };

      /* Where the benchmark's real pointer takes the top card of the first two columns: their
       * middles, a little below their top edges (window at the screen's origin, as under a bare
       * X server). The drops are timed as any (AFFARI_REPORT_DROP). */
      for (guint i = 0; i < 2 && i < self->columns->len; i++)
        {
          AffariKanbanColumn *column = g_ptr_array_index (self->columns, i);
          gint64 top = affari_deal_list_get_id_at (affari_kanban_column_get_deals (column), 0);
          GtkWidget *card = top != 0 ? affari_kanban_column_find_card (column, top) : NULL;
          graphene_point_t point;

          if (card != NULL &&
              gtk_widget_compute_point (card, GTK_WIDGET (gtk_widget_get_root (card)),
                                        &GRAPHENE_POINT_INIT (gtk_widget_get_width (card) / 2.0, 20), &point))
            {
              x[i] = (int) point.x;
              y[i] = (int) point.y;
            }
        }
      g_print ("real-drop-geometry %d %d %d %d\n", x[0], y[0], x[1], y[1]);
      fflush (stdout);
    }
  else if (drops != NULL)
    {
      const char *interval = g_getenv ("AFFARI_BENCH_DROP_INTERVAL");

      /* 250 ms by default: faster than anyone drags, with toasts still sliding in. */
      self->bench_drops_left = atoi (drops);
      self->bench_source = g_timeout_add (interval != NULL ? CLAMP (atoi (interval), 50, 5000) : 250, bench_drop_cb, self);
    }
  else if (scroll != NULL)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      self->bench_column = bench_find_column (self, scroll);
      if (self->bench_column == NULL || clock == NULL)
        {
          g_print ("scroll-error no column %s\n", scroll);
          g_print ("scroll-done\n");
          fflush (stdout);
          return G_SOURCE_REMOVE;
        }

      self->bench_frames = g_array_new (FALSE, FALSE, sizeof (double));
      self->bench_before_handler = g_signal_connect (clock, "before-paint", G_CALLBACK (on_bench_before_paint_cb), self);
      self->bench_after_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_bench_after_paint_cb), self);
      self->bench_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), bench_scroll_tick_cb, NULL, NULL);
    }

  return G_SOURCE_REMOVE;
}

static void
on_bench_first_paint_cb (GdkFrameClock     *clock,
                         AffariKanbanBoard *self)
{
  g_clear_signal_handler (&self->bench_paint_handler, clock);

  /* Once the window has settled. */
  self->bench_source = g_timeout_add (500, bench_start_cb, self);
}

/* ------------------------------------------------------------ actions */

/* The deals as a GVariant "ax". */
static GVariant *
ids_variant (GArray *ids)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids->data, ids->len, sizeof (gint64));
}

/* A card dropped on a column or a zone, or moved from its menu or with Alt+←/→: the board adds
 * the other selected cards and hands the move to the window's deal.move (one transaction, one
 * undo, the lost reason and the reopening asked there). */
static void
move_deal_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (widget);
  g_autoptr(GArray) ids = NULL;
  gint64 deal_id, stage_id;
  int index;

  g_variant_get (parameter, "(xxi)", &deal_id, &stage_id, &index);
  if (self->follow_deal != deal_id)
    self->follow_deal = 0;

  if (self->drop_start == 0 && report_drops ())
    self->drop_start = g_get_monotonic_time ();

  ids = deals_for (self, deal_id);
  gtk_widget_activate_action (widget, "deal.move", "(@axxi)", ids_variant (ids), stage_id, index);
}

static void
trash_deal_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (widget);
  g_autoptr(GArray) ids = deals_for (self, g_variant_get_int64 (parameter));

  gtk_widget_activate_action (widget, "deal.trash", "@ax", ids_variant (ids));
}

/* A change the board shows: the drop's timing ends with its frame, and a card moved from the
 * keyboard takes the focus along to its new column. */
static void
on_store_changed_cb (AffariStore       *store,
                     AffariChangeSet   *set,
                     AffariKanbanBoard *self)
{
  const AffariDealChange *change;

  if (self->drop_start != 0)
    report_drop (self);

  change = self->follow_deal != 0 ? affari_change_set_find (set, self->follow_deal) : NULL;
  if (change != NULL)
    {
      AffariKanbanColumn *column = affari_kanban_board_find_column (self, change->new_stage_id);

      if (column != NULL)
        affari_kanban_column_focus_deal_soon (column, change->deal_id);
      self->follow_deal = 0;
    }
}

static void
open_deal_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (widget);
  gint64 deal_id = g_variant_get_int64 (parameter);

  /* The deal card is another view's business; until it exists, a read-only summary. */
  if (!gtk_widget_activate_action (widget, "deal.open", "x", deal_id))
    show_summary (self, deal_id);
}

/* ------------------------------------------------------------ overrides */

static void
affari_kanban_board_realize (GtkWidget *widget)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (widget);

  GTK_WIDGET_CLASS (affari_kanban_board_parent_class)->realize (widget);

  if (self->columns->len > 0)
    wait_for_first_frame (self);

  if ((g_getenv ("AFFARI_BENCH_DROP") != NULL || g_getenv ("AFFARI_BENCH_SCROLL") != NULL ||
       g_getenv ("AFFARI_BENCH_REAL_DROP") != NULL) &&
      self->bench_paint_handler == 0 && self->bench_source == 0 && self->bench_frames == NULL)
    self->bench_paint_handler = g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                                                  G_CALLBACK (on_bench_first_paint_cb), self);
}

static void
affari_kanban_board_unrealize (GtkWidget *widget)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (widget);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_clear_signal_handler (&self->bench_paint_handler, clock);
  g_clear_signal_handler (&self->drop_paint_handler, clock);
  g_clear_signal_handler (&self->rows_paint_handler, clock);
  g_clear_handle_id (&self->rows_source, g_source_remove);
  g_clear_signal_handler (&self->bench_before_handler, clock);
  g_clear_signal_handler (&self->bench_after_handler, clock);

  GTK_WIDGET_CLASS (affari_kanban_board_parent_class)->unrealize (widget);
}

static void
affari_kanban_board_dispose (GObject *object)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (object);

  g_clear_handle_id (&self->bench_source, g_source_remove);
  g_clear_handle_id (&self->rows_source, g_source_remove);
  stop_autoscroll (self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  if (self->scroller != NULL)
    g_signal_handlers_disconnect_by_data (gtk_scrolled_window_get_hadjustment (self->scroller), self);
  if (self->columns != NULL)
    g_ptr_array_set_size (self->columns, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_KANBAN_BOARD);

  g_clear_object (&self->card_menu);
  g_clear_object (&self->headers);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (affari_kanban_board_parent_class)->dispose (object);
}

static void
affari_kanban_board_finalize (GObject *object)
{
  AffariKanbanBoard *self = AFFARI_KANBAN_BOARD (object);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->dragged, g_hash_table_unref);
  g_clear_pointer (&self->bench_frames, g_array_unref);
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
      g_value_set_object (value, self->store);
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
      affari_kanban_board_set_store (self, g_value_get_object (value));
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

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         AFFARI_TYPE_STORE,
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

  gtk_widget_class_install_action (widget_class, "kanban.move-deal", "(xxi)", move_deal_action);
  gtk_widget_class_install_action (widget_class, "kanban.trash-deal", "x", trash_deal_action);
  gtk_widget_class_install_action (widget_class, "kanban.open-deal", "x", open_deal_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kanban-board");

  g_type_ensure (AFFARI_TYPE_KANBAN_COLUMN);
  g_type_ensure (AFFARI_TYPE_KANBAN_CARD);
}

static void
affari_kanban_board_init (AffariKanbanBoard *self)
{
  GtkEventController *motion;
  GtkGesture *press;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->columns = g_ptr_array_new ();
  self->headers = gtk_size_group_new (GTK_SIZE_GROUP_VERTICAL);
  self->dragged = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->card_menu = g_menu_new ();

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

AffariStore *
affari_kanban_board_get_store (AffariKanbanBoard *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_BOARD (self), NULL);

  return self->store;
}

void
affari_kanban_board_set_store (AffariKanbanBoard *self,
                               AffariStore       *store)
{
  g_return_if_fail (AFFARI_IS_KANBAN_BOARD (self));
  g_return_if_fail (store == NULL || AFFARI_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);

  if (store != NULL)
    {
      g_signal_connect (store, "stages-changed", G_CALLBACK (on_store_stages_changed_cb), self);
      g_signal_connect (store, "reset", G_CALLBACK (on_store_reset_cb), self);
      g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
    }

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
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

void
affari_kanban_board_drag_begin (AffariKanbanBoard *self,
                                AffariKanbanCard  *card)
{
  AffariDeal *deal;
  g_autoptr(GArray) ids = NULL;

  g_return_if_fail (AFFARI_IS_KANBAN_BOARD (self));
  g_return_if_fail (AFFARI_IS_KANBAN_CARD (card));

  deal = affari_kanban_card_get_deal (card);
  if (deal == NULL)
    return;

  ids = deals_for (self, affari_deal_get_id (deal));
  g_hash_table_remove_all (self->dragged);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (self->dragged, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)));

  /* A cancelled drag puts the scrolling back too, where the card flies back to. */
  self->origin_hvalue = gtk_adjustment_get_value (gtk_scrolled_window_get_hadjustment (self->scroller));
  self->origin_column = (AffariKanbanColumn *) gtk_widget_get_ancestor (GTK_WIDGET (card), AFFARI_TYPE_KANBAN_COLUMN);
  if (self->origin_column != NULL)
    self->origin_vvalue = gtk_adjustment_get_value (column_vadjustment (self->origin_column));

  self->dragging = TRUE;
  gtk_revealer_set_reveal_child (self->zones_revealer, TRUE);

  for (guint i = 0; i < self->columns->len; i++)
    affari_kanban_column_update_dragging (g_ptr_array_index (self->columns, i));
}

void
affari_kanban_board_drag_end (AffariKanbanBoard *self)
{
  g_return_if_fail (AFFARI_IS_KANBAN_BOARD (self));

  if (!self->dragging)
    return;

  self->dragging = FALSE;
  g_hash_table_remove_all (self->dragged);
  stop_autoscroll (self);
  gtk_revealer_set_reveal_child (self->zones_revealer, FALSE);

  for (guint i = 0; i < self->columns->len; i++)
    {
      affari_kanban_column_end_drag (g_ptr_array_index (self->columns, i));
      affari_kanban_column_update_dragging (g_ptr_array_index (self->columns, i));
    }
  /* The column the card came from, if it was left out meanwhile. */
  queue_fill_columns (self);
}

void
affari_kanban_board_drag_cancel (AffariKanbanBoard *self)
{
  g_return_if_fail (AFFARI_IS_KANBAN_BOARD (self));

  if (!self->dragging)
    return;

  /* Autoscroll stops before the board scrolls back, or it would scroll on. */
  affari_kanban_board_drag_end (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->scroller), self->origin_hvalue);
  if (self->origin_column != NULL)
    gtk_adjustment_set_value (column_vadjustment (self->origin_column), self->origin_vvalue);
  self->origin_column = NULL;
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

void
affari_kanban_board_follow_focus (AffariKanbanBoard *self,
                                  gint64             deal_id)
{
  g_return_if_fail (AFFARI_IS_KANBAN_BOARD (self));

  self->follow_deal = deal_id;
}

void
affari_kanban_board_note_drop (AffariKanbanBoard *self)
{
  g_return_if_fail (AFFARI_IS_KANBAN_BOARD (self));

  if (report_drops ())
    self->drop_start = g_get_monotonic_time ();
}
