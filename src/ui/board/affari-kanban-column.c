/* affari-kanban-column.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-kanban-column"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "model/affari-money.h"

#include "ui/board/affari-kanban-board.h"
#include "ui/common/affari-ui.h"
#include "ui/board/affari-kanban-card.h"
#include "ui/board/affari-kanban-column.h"

/* Pixels from a column's top or bottom edge where a drag starts scrolling it. */
#define AUTOSCROLL_EDGE 56
#define AUTOSCROLL_MAX_STEP 24.0

/* More cards than any screen shows in a column's first frame. */
#define FIRST_IDS 64

struct _AffariKanbanColumn
{
  GtkWidget          parent_instance;

  AffariStore       *store;
  AffariStage       *stage;
  char              *currency;
  char              *filter_text;
  AffariDealQuery   *filter;            /* the window's filter, or NULL */
  AffariDealList    *deals;
  GtkSliceListModel *slice;          /* the first deals, until the column shows all; then NULL */
  GtkMultiSelection *selection;
  GMenuModel        *card_menu;
  GdkRGBA            color;
  guint              count;
  char              *summary;
  guint              totals_source;
  gboolean           totals_stale;    /* hidden: the totals are read when the column shows again */
  GArray            *totals;           /* AffariStageTotal: the stage's count and sum per currency */

  /* a drag over the column */
  gboolean           drop_highlight;
  double             drag_x;
  double             drag_y;
  double             scroll_speed;
  guint              autoscroll_tick;

  /* a card to focus once it is shown */
  gint64             focus_deal;
  guint              focus_tick;
  guint              focus_frames;
  gboolean           focus_scrolled;

  /* template */
  GtkWidget         *header;
  GtkWidget         *title_box;
  GtkDrawingArea    *stripe;
  GtkLabel          *name_label;
  GtkButton         *add_button;
  GtkLabel          *summary_label;
  GtkLabel          *other_label;
  GtkRevealer       *quick_revealer;

  /* the "+" form, built when first opened (ensure_quick_create ()); unowned */
  GtkEntry          *quick_title;
  GtkEntry          *quick_amount;
  GtkEntry          *quick_client;
  GtkLabel          *quick_error;
  GtkButton         *quick_cancel;
  GtkButton         *quick_create;
  GtkOverlay        *overlay;
  GtkScrolledWindow *scroller;
  GtkListView       *list_view;
  GtkWidget         *drop_line;
};

G_DEFINE_FINAL_TYPE (AffariKanbanColumn, affari_kanban_column, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STAGE,
  PROP_CURRENCY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ auxiliary */

static AffariKanbanBoard *
get_board (AffariKanbanColumn *self)
{
  return (AffariKanbanBoard *) gtk_widget_get_ancestor (GTK_WIDGET (self), AFFARI_TYPE_KANBAN_BOARD);
}

/* The deals of the column. A stage belongs to one pipeline, so the ids need no pipeline: without
 * it SQLite reads them from the (stage, position) index alone, 2 ms instead of 12 ms for a stage
 * of 16,000 deals, while the totals keep it for their (pipeline, stage, currency, amount) index. */
static AffariDealQuery
make_query (AffariKanbanColumn *self,
            gboolean            for_totals)
{
  AffariDealQuery query = { 0 };

  /* The window's filter narrows every column: a shallow copy, whose strings stay borrowed. */
  if (self->filter != NULL)
    query = *self->filter;
  query.pipeline_id = for_totals ? affari_stage_get_pipeline_id (self->stage) : 0;
  query.stage_id = affari_stage_get_id (self->stage);
  if (self->filter == NULL)
    query.text = self->filter_text;
  query.sort = AFFARI_DEAL_SORT_POSITION;
  query.descending = FALSE;
  query.include_deleted = FALSE;

  return query;
}

/* The column under a dragged card is tinted and outlined. Drawn, not a CSS class: a class on the
 * column would make GTK compute the style of its 200 rows again, twice a drop. */
static void
set_drop_highlight (AffariKanbanColumn *self,
                    gboolean            highlight)
{
  if (self->drop_highlight == highlight)
    return;
  self->drop_highlight = highlight;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The card shown by a row of the list view, or NULL. */
static AffariKanbanCard *
row_card (GtkWidget *row)
{
  GtkWidget *child = row != NULL ? gtk_widget_get_first_child (row) : NULL;

  return AFFARI_IS_KANBAN_CARD (child) ? AFFARI_KANBAN_CARD (child) : NULL;
}

/* The row of the list view under @widget (a descendant), or NULL. */
static GtkWidget *
row_of (AffariKanbanColumn *self,
        GtkWidget          *widget)
{
  while (widget != NULL && gtk_widget_get_parent (widget) != GTK_WIDGET (self->list_view))
    widget = gtk_widget_get_parent (widget);

  return row_card (widget) != NULL ? widget : NULL;
}

static guint
row_position (GtkWidget *row)
{
  AffariKanbanCard *card = row_card (row);
  GtkListItem *item = card != NULL ? affari_kanban_card_get_list_item (card) : NULL;

  return item != NULL ? gtk_list_item_get_position (item) : GTK_INVALID_LIST_POSITION;
}

/* Whole units, half away from zero: cents in a header are noise. */
static gint64
round_to_units (gint64 minor)
{
  return (minor >= 0 ? minor + 50 : minor - 50) / 100 * 100;
}

/* The header from self->totals: "count · total" in the main currency, the others apart. */
static void
render_totals (AffariKanbanColumn *self)
{
  g_autoptr(GString) others = g_string_new (NULL);
  g_autofree char *money = NULL;
  g_autofree char *accessible = NULL;
  AffariDealQuery query = make_query (self, TRUE);
  gint64 main_sum = 0;
  guint count = 0;

  for (guint i = 0; i < self->totals->len; i++)
    {
      AffariStageTotal *t = &g_array_index (self->totals, AffariStageTotal, i);

      count += t->count;
      if (g_strcmp0 (t->currency, self->currency) == 0)
        {
          main_sum += t->sum;
        }
      else
        {
          /* Other currencies are listed, never added to the main one. */
          g_autofree char *other = affari_money_format_short (round_to_units (t->sum), t->currency);

          if (others->len > 0)
            g_string_append (others, " · ");
          g_string_append (others, other);
        }
    }

  self->count = count;
  money = affari_money_format_short (round_to_units (main_sum), self->currency);
  g_free (self->summary);
  if (affari_deal_query_has_filter (&query))
    /* Translators: a column header while a filter is active: the deals and total that match it */
    self->summary = g_strdup_printf (_("%u · %s (filtered)"), count, money);
  else
    /* Translators: a column header, the number of deals and their total: "12 · € 48.200". */
    self->summary = g_strdup_printf (_("%u · %s"), count, money);
  gtk_label_set_text (self->summary_label, self->summary);
  if (affari_deal_query_has_filter (&query))
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "filtered");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "filtered");

  if (others->len > 0)
    {
      g_autofree char *text = g_strdup_printf ("+ %s", others->str);
      gtk_label_set_text (self->other_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->other_label), others->len > 0);

  /* Translators: accessible description of a column: its number of deals and their total. */
  accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deal, %s", "%u deals, %s", count), count, money);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible,
                                  -1);
}

static void
update_totals (AffariKanbanColumn *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) totals = NULL;
  AffariDealQuery query = make_query (self, TRUE);

  /* One stage in SQL: a millisecond on the covering index, even at 100,000 deals. */
  totals = affari_store_stage_totals (self->store, &query, &error);
  if (totals == NULL)
    {
      g_warning ("Cannot read the totals of a stage: %s", error->message);
      return;
    }

  g_array_set_size (self->totals, 0);
  for (guint i = 0; i < totals->len; i++)
    if (g_array_index (totals, AffariStageTotal, i).stage_id == query.stage_id)
      g_array_append_val (self->totals, g_array_index (totals, AffariStageTotal, i));

  render_totals (self);
}

static gboolean
on_totals_idle_cb (gpointer user_data)
{
  AffariKanbanColumn *self = user_data;

  self->totals_source = 0;
  update_totals (self);

  return G_SOURCE_REMOVE;
}

static void
queue_totals (AffariKanbanColumn *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->totals_stale = TRUE;
      return;
    }
  /* Together with the deal list's own refresh, before the next frame is painted. */
  if (self->totals_source == 0)
    self->totals_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_totals_idle_cb, self, NULL);
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
      if (row_card (child) != NULL && gtk_widget_get_child_visible (child) && row_position (child) == index)
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
stop_autoscroll (AffariKanbanColumn *self)
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
  AffariKanbanColumn *self = AFFARI_KANBAN_COLUMN (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

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
  show_drop_line (self, affari_kanban_column_index_at (self, self->drag_x, self->drag_y));

  return G_SOURCE_CONTINUE;
}

static void
update_autoscroll (AffariKanbanColumn *self,
                   double              y)
{
  graphene_point_t top;
  double list_y, height;

  /* The edges of the list, not of the whole column: the header does not scroll. */
  if (!gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (self->scroller),
                                 &GRAPHENE_POINT_INIT (0, y), &top))
    return;
  list_y = top.y;
  height = gtk_widget_get_height (GTK_WIDGET (self->scroller));

  if (list_y < AUTOSCROLL_EDGE)
    self->scroll_speed = -AUTOSCROLL_MAX_STEP * (AUTOSCROLL_EDGE - MAX (list_y, 0)) / AUTOSCROLL_EDGE;
  else if (list_y > height - AUTOSCROLL_EDGE)
    self->scroll_speed = AUTOSCROLL_MAX_STEP * (list_y - (height - AUTOSCROLL_EDGE)) / AUTOSCROLL_EDGE;
  else
    self->scroll_speed = 0;

  self->scroll_speed = CLAMP (self->scroll_speed, -AUTOSCROLL_MAX_STEP, AUTOSCROLL_MAX_STEP);

  if (self->scroll_speed != 0 && self->autoscroll_tick == 0)
    self->autoscroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), autoscroll_tick_cb, NULL, NULL);
}

static void
stop_focus_follow (AffariKanbanColumn *self)
{
  if (self->focus_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->focus_tick);
  self->focus_tick = 0;
  self->focus_deal = 0;
}

/* Every frame until the card is there: the list reads its ids again before the next frame, and
 * GtkListView makes the row when it lays out after scrolling to it. */
static gboolean
focus_tick_cb (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  AffariKanbanColumn *self = AFFARI_KANBAN_COLUMN (widget);
  guint position = affari_deal_list_find (self->deals, self->focus_deal);
  GtkWidget *card;

  if (++self->focus_frames > 60)
    {
      self->focus_tick = 0;
      self->focus_deal = 0;
      return G_SOURCE_REMOVE;
    }

  if (position == G_MAXUINT)
    return G_SOURCE_CONTINUE;

  card = affari_kanban_column_find_card (self, self->focus_deal);
  if (card == NULL || !gtk_widget_get_mapped (card))
    {
      if (!self->focus_scrolled)
        gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
      self->focus_scrolled = TRUE;
      return G_SOURCE_CONTINUE;
    }

  /* The board's viewport scrolls to the focus only when it comes from outside the board. */
  if (get_board (self) != NULL)
    affari_kanban_board_scroll_to_column (get_board (self), self);
  gtk_widget_grab_focus (gtk_widget_get_parent (card));
  self->focus_tick = 0;
  self->focus_deal = 0;
  return G_SOURCE_REMOVE;
}

static void
hide_quick_create (AffariKanbanColumn *self)
{
  gtk_revealer_set_reveal_child (self->quick_revealer, FALSE);
  if (self->quick_title == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->quick_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->quick_title), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->quick_amount), "error");
}

static void
show_quick_error (AffariKanbanColumn *self,
                  GtkEntry           *entry,
                  const char         *message)
{
  gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  gtk_label_set_text (self->quick_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->quick_error), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (entry));
}

/* The company named @name: the existing one (same name, case aside) or a new one. */
static gint64
find_or_create_company (AffariKanbanColumn  *self,
                        const char          *name,
                        GError             **error)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(AffariCompany) company = NULL;
  g_autofree char *wanted = g_utf8_casefold (name, -1);

  found = affari_store_search_companies (self->store, name, 20, error);
  if (found == NULL)
    return 0;

  for (guint i = 0; i < found->len; i++)
    {
      AffariCompany *candidate = g_ptr_array_index (found, i);
      g_autofree char *folded = g_utf8_casefold (affari_company_get_name (candidate), -1);

      if (g_strcmp0 (folded, wanted) == 0)
        return affari_company_get_id (candidate);
    }

  company = affari_company_new (name);
  return affari_store_create_company (self->store, company, error);
}

static void
quick_create (AffariKanbanColumn *self)
{
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const char *amount_text = gtk_editable_get_text (GTK_EDITABLE (self->quick_amount));
  const char *client = gtk_editable_get_text (GTK_EDITABLE (self->quick_client));
  gint64 amount = 0;
  gint64 company_id = 0;

  gtk_widget_remove_css_class (GTK_WIDGET (self->quick_title), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->quick_amount), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->quick_error), FALSE);

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->quick_title))));
  if (*title == '\0')
    {
      show_quick_error (self, self->quick_title, _("Write a title for the deal."));
      return;
    }

  if (*amount_text != '\0' && !affari_money_parse (amount_text, &amount, NULL))
    {
      show_quick_error (self, self->quick_amount, _("Write the amount as a number, for example 1.234,56."));
      return;
    }

  if (*client != '\0')
    {
      g_autofree char *name = g_strstrip (g_strdup (client));

      if (*name != '\0')
        company_id = find_or_create_company (self, name, &error);
      if (error != NULL)
        {
          show_quick_error (self, self->quick_client, error->message);
          return;
        }
    }

  deal = affari_deal_new ();
  affari_deal_set_title (deal, title);
  affari_deal_set_amount (deal, amount);
  affari_deal_set_pipeline_id (deal, affari_stage_get_pipeline_id (self->stage));
  affari_deal_set_stage_id (deal, affari_stage_get_id (self->stage));
  affari_deal_set_company_id (deal, company_id);

  if (!affari_store_create_deal (self->store, deal, &error))
    {
      show_quick_error (self, self->quick_title, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->quick_title), "");
  gtk_editable_set_text (GTK_EDITABLE (self->quick_amount), "");
  gtk_editable_set_text (GTK_EDITABLE (self->quick_client), "");
  hide_quick_create (self);
}

/* ------------------------------------------------------------ callbacks */

static void
on_stripe_draw_cb (GtkDrawingArea *area,
                   cairo_t        *cr,
                   int             width,
                   int             height,
                   gpointer        user_data)
{
  AffariKanbanColumn *self = user_data;
  double radius = height / 2.0;

  gdk_cairo_set_source_rgba (cr, &self->color);
  cairo_new_sub_path (cr);
  cairo_arc (cr, radius, radius, radius, G_PI / 2, 3 * G_PI / 2);
  cairo_arc (cr, width - radius, radius, radius, -G_PI / 2, G_PI / 2);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* Only the columns a change touches count again: the store keeps every stage's totals, so the
 * count and total are a read of a few rows, before the frame that shows the change. */
static void
on_store_changed_cb (AffariStore        *store,
                     AffariChangeSet    *set,
                     AffariKanbanColumn *self)
{
  if (affari_change_set_touches_stage (set, affari_stage_get_id (self->stage)))
    queue_totals (self);
}

static void
on_store_reset_cb (AffariStore        *store,
                   AffariKanbanColumn *self)
{
  queue_totals (self);
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     AffariKanbanColumn       *self)
{
  GtkWidget *card = affari_kanban_card_new ();

  affari_kanban_card_set_list_item (AFFARI_KANBAN_CARD (card), item);
  gtk_list_item_set_child (item, card);
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    AffariKanbanColumn       *self)
{
  AffariKanbanCard *card = AFFARI_KANBAN_CARD (gtk_list_item_get_child (item));
  AffariDeal *deal = gtk_list_item_get_item (item);
  AffariKanbanBoard *board = get_board (self);

  affari_kanban_card_set_deal (card, deal);
  affari_kanban_card_set_menu_model (card, self->card_menu);
  affari_kanban_card_set_dragging (card, board != NULL &&
                                   affari_kanban_board_is_deal_dragged (board, affari_deal_get_id (deal)));
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      AffariKanbanColumn       *self)
{
  affari_kanban_card_set_deal (AFFARI_KANBAN_CARD (gtk_list_item_get_child (item)), NULL);
}

static void
on_list_view_activate_cb (GtkListView        *list_view,
                          guint               position,
                          AffariKanbanColumn *self)
{
  gint64 deal_id = affari_deal_list_get_id_at (self->deals, position);

  if (deal_id != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "kanban.open-deal", "x", deal_id);
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

static gboolean
move_focused_card (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  AffariKanbanColumn *self = user_data;
  const char *action = g_variant_get_string (args, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? row_of (self, focus) : NULL;
  AffariKanbanCard *card = row_card (row);

  if (card == NULL)
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (card), action, NULL);
}

static void
on_add_button_clicked_cb (GtkButton          *button,
                          AffariKanbanColumn *self)
{
  if (gtk_revealer_get_reveal_child (self->quick_revealer))
    hide_quick_create (self);
  else
    affari_kanban_column_show_quick_create (self);
}

static void
on_quick_create_cb (GtkWidget          *widget,
                    AffariKanbanColumn *self)
{
  quick_create (self);
}

static void
on_quick_cancel_clicked_cb (GtkButton          *button,
                            AffariKanbanColumn *self)
{
  hide_quick_create (self);
}

static gboolean
on_quick_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         AffariKanbanColumn    *self)
{
  if (keyval == GDK_KEY_Escape)
    {
      hide_quick_create (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
      return TRUE;
    }

  return FALSE;
}

/* Eight columns would make some fifteen widgets each for a form seldom opened: it comes with the
 * first click on "+". */
static void
ensure_quick_create (AffariKanbanColumn *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->quick_title != NULL)
    return;

  builder = gtk_builder_new_from_resource ("/io/github/affari/Affari/ui/affari-kanban-quick-create.ui");
  self->quick_title = GTK_ENTRY (gtk_builder_get_object (builder, "quick_title"));
  self->quick_amount = GTK_ENTRY (gtk_builder_get_object (builder, "quick_amount"));
  self->quick_client = GTK_ENTRY (gtk_builder_get_object (builder, "quick_client"));
  self->quick_error = GTK_LABEL (gtk_builder_get_object (builder, "quick_error"));
  self->quick_cancel = GTK_BUTTON (gtk_builder_get_object (builder, "quick_cancel"));
  self->quick_create = GTK_BUTTON (gtk_builder_get_object (builder, "quick_create"));
  gtk_revealer_set_child (self->quick_revealer, GTK_WIDGET (gtk_builder_get_object (builder, "form")));

  g_signal_connect (self->quick_create, "clicked", G_CALLBACK (on_quick_create_cb), self);
  g_signal_connect (self->quick_title, "activate", G_CALLBACK (on_quick_create_cb), self);
  g_signal_connect (self->quick_amount, "activate", G_CALLBACK (on_quick_create_cb), self);
  g_signal_connect (self->quick_client, "activate", G_CALLBACK (on_quick_create_cb), self);
  g_signal_connect (self->quick_cancel, "clicked", G_CALLBACK (on_quick_cancel_clicked_cb), self);
}

/* ------------------------------------------------------------ overrides */

static void
affari_kanban_column_constructed (GObject *object)
{
  AffariKanbanColumn *self = AFFARI_KANBAN_COLUMN (object);
  AffariDealQuery query;

  G_OBJECT_CLASS (affari_kanban_column_parent_class)->constructed (object);

  g_assert (AFFARI_IS_STORE (self->store));
  g_assert (AFFARI_IS_STAGE (self->stage));

  if (!gdk_rgba_parse (&self->color, affari_stage_get_color (self->stage)))
    gdk_rgba_parse (&self->color, "#9a9996");

  gtk_label_set_text (self->name_label, affari_stage_get_name (self->stage));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, affari_stage_get_name (self->stage),
                                  -1);

  switch (affari_stage_get_semantics (self->stage))
    {
    case AFFARI_SEMANTICS_SUCCESS:
      gtk_widget_add_css_class (GTK_WIDGET (self), "won");
      break;
    case AFFARI_SEMANTICS_FAILURE:
      gtk_widget_add_css_class (GTK_WIDGET (self), "lost");
      break;
    case AFFARI_SEMANTICS_PROCESS:
    default:
      break;
    }

  query = make_query (self, FALSE);
  /* The first frame shows a few cards of each column: only their ids are read now, the rest of
   * the stage (tens of thousands on a big board) when the board fills the column after it. */
  self->deals = affari_deal_list_new_first (self->store, &query, FIRST_IDS);
  /* Built behind another view (the app started on the list): it waits to be shown, as after an
   * unmap, instead of following every keystroke of a search it cannot show. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    affari_deal_list_set_frozen (self->deals, TRUE);
  /* No row before the board says the column is in sight: not even a page of deals is read. */
  self->slice = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->deals)), 0, 0);
  /* Positions in the selection are positions in the deal list: the slice starts at 0. */
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->slice)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
  g_signal_connect_object (self->store, "reset", G_CALLBACK (on_store_reset_cb), self, 0);

  update_totals (self);
}

static void
affari_kanban_column_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  AffariKanbanColumn *self = AFFARI_KANBAN_COLUMN (widget);

  if (self->drop_highlight)
    {
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

  GTK_WIDGET_CLASS (affari_kanban_column_parent_class)->snapshot (widget, snapshot);
}

static void
affari_kanban_column_dispose (GObject *object)
{
  AffariKanbanColumn *self = AFFARI_KANBAN_COLUMN (object);

  g_clear_handle_id (&self->totals_source, g_source_remove);
  stop_autoscroll (self);
  stop_focus_follow (self);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_KANBAN_COLUMN);
  /* the form went with the revealer */
  self->quick_title = NULL;

  g_clear_object (&self->selection);
  g_clear_object (&self->slice);
  g_clear_object (&self->deals);
  g_clear_object (&self->card_menu);
  g_clear_object (&self->stage);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (affari_kanban_column_parent_class)->dispose (object);
}

static void
affari_kanban_column_finalize (GObject *object)
{
  AffariKanbanColumn *self = AFFARI_KANBAN_COLUMN (object);

  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->filter_text, g_free);
  g_clear_pointer (&self->filter, affari_deal_query_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->totals, g_array_unref);

  G_OBJECT_CLASS (affari_kanban_column_parent_class)->finalize (object);
}

static void
affari_kanban_column_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AffariKanbanColumn *self = AFFARI_KANBAN_COLUMN (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_STAGE:
      g_value_set_object (value, self->stage);
      break;

    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_kanban_column_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AffariKanbanColumn *self = AFFARI_KANBAN_COLUMN (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_STAGE:
      self->stage = g_value_dup_object (value);
      break;

    case PROP_CURRENCY:
      g_free (self->currency);
      self->currency = g_value_dup_string (value);
      if (self->currency == NULL)
        self->currency = g_strdup ("EUR");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Hidden behind another view, the column follows neither the store nor the filter: it reads
 * both again when it shows (typing in the list's search does not reload every column). */
static void
affari_kanban_column_map (GtkWidget *widget)
{
  AffariKanbanColumn *self = AFFARI_KANBAN_COLUMN (widget);

  GTK_WIDGET_CLASS (affari_kanban_column_parent_class)->map (widget);

  if (self->deals != NULL)
    affari_deal_list_set_frozen (self->deals, FALSE);
  if (self->totals_stale)
    {
      self->totals_stale = FALSE;
      update_totals (self);
    }
}

static void
affari_kanban_column_unmap (GtkWidget *widget)
{
  AffariKanbanColumn *self = AFFARI_KANBAN_COLUMN (widget);

  if (self->deals != NULL)
    affari_deal_list_set_frozen (self->deals, TRUE);

  GTK_WIDGET_CLASS (affari_kanban_column_parent_class)->unmap (widget);
}

static void
affari_kanban_column_class_init (AffariKanbanColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = affari_kanban_column_constructed;
  GTK_WIDGET_CLASS (klass)->snapshot = affari_kanban_column_snapshot;
  widget_class->map = affari_kanban_column_map;
  widget_class->unmap = affari_kanban_column_unmap;
  object_class->dispose = affari_kanban_column_dispose;
  object_class->finalize = affari_kanban_column_finalize;
  object_class->get_property = affari_kanban_column_get_property;
  object_class->set_property = affari_kanban_column_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         AFFARI_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STAGE] =
    g_param_spec_object ("stage", NULL, NULL,
                         AFFARI_TYPE_STAGE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL,
                         "EUR",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-kanban-column.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, header);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, title_box);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, stripe);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, name_label);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, add_button);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, other_label);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, quick_revealer);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, overlay);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, scroller);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, list_view);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, drop_line);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kanban-column");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
affari_kanban_column_init (AffariKanbanColumn *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkLayoutManager *layout;
  GtkDropTarget *drop_target;
  GtkShortcutController *shortcuts;
  GtkEventController *key;
  GType types[] = { AFFARI_TYPE_DEAL };
  struct { guint key; const char *action; GdkModifierType mods; } keys[] = {
    { GDK_KEY_Left, "card.move-previous", GDK_ALT_MASK },
    { GDK_KEY_KP_Left, "card.move-previous", GDK_ALT_MASK },
    { GDK_KEY_Right, "card.move-next", GDK_ALT_MASK },
    { GDK_KEY_KP_Right, "card.move-next", GDK_ALT_MASK },
    { GDK_KEY_Delete, "card.trash", 0 },
    { GDK_KEY_KP_Delete, "card.trash", 0 },
    { GDK_KEY_F10, "card.menu", GDK_SHIFT_MASK },
    { GDK_KEY_Menu, "card.menu", 0 },
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->totals = g_array_new (FALSE, FALSE, sizeof (AffariStageTotal));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  gtk_drawing_area_set_draw_func (self->stripe, on_stripe_draw_cb, self, NULL);

  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_list_view_activate_cb), self);

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

  /* Keyboard twins of the drag, for the focused card. */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (shortcuts,
                                          gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (keys[i].key, keys[i].mods),
                                                                           gtk_callback_action_new (move_focused_card, self, NULL),
                                                                           "s", keys[i].action));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (shortcuts));

  g_signal_connect (self->add_button, "clicked", G_CALLBACK (on_add_button_clicked_cb), self);

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_quick_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->quick_revealer), key);
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_kanban_column_new (AffariStore *store,
                          AffariStage *stage,
                          const char  *currency)
{
  g_return_val_if_fail (AFFARI_IS_STORE (store), NULL);
  g_return_val_if_fail (AFFARI_IS_STAGE (stage), NULL);

  return g_object_new (AFFARI_TYPE_KANBAN_COLUMN,
                       "store", store,
                       "stage", stage,
                       "currency", currency,
                       NULL);
}

AffariStage *
affari_kanban_column_get_stage (AffariKanbanColumn *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), NULL);

  return self->stage;
}

gint64
affari_kanban_column_get_stage_id (AffariKanbanColumn *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), 0);

  return affari_stage_get_id (self->stage);
}

AffariDealList *
affari_kanban_column_get_deals (AffariKanbanColumn *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), NULL);

  return self->deals;
}

GtkListView *
affari_kanban_column_get_list_view (AffariKanbanColumn *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), NULL);

  return self->list_view;
}

void
affari_kanban_column_set_filter_text (AffariKanbanColumn *self,
                                      const char         *text)
{
  AffariDealQuery query;

  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (self->filter_text, text) == 0)
    return;

  g_free (self->filter_text);
  self->filter_text = g_strdup (text);

  query = make_query (self, FALSE);
  affari_deal_list_set_query (self->deals, &query);
  queue_totals (self);
}

void
affari_kanban_column_set_filter (AffariKanbanColumn    *self,
                                 const AffariDealQuery *filter)
{
  AffariDealQuery query;

  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  if (affari_deal_query_equal (self->filter, filter))
    return;
  g_clear_pointer (&self->filter, affari_deal_query_free);
  if (filter != NULL)
    {
      self->filter = affari_deal_query_new ();
      affari_deal_query_merge_filter (self->filter, filter);
    }

  query = make_query (self, FALSE);
  affari_deal_list_set_query (self->deals, &query);
  queue_totals (self);
}

void
affari_kanban_column_set_card_menu (AffariKanbanColumn *self,
                                    GMenuModel         *menu)
{
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  g_set_object (&self->card_menu, menu);
}

void
affari_kanban_column_refresh_totals (AffariKanbanColumn *self)
{
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  g_clear_handle_id (&self->totals_source, g_source_remove);
  update_totals (self);
}

guint
affari_kanban_column_get_count (AffariKanbanColumn *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), 0);

  return self->count;
}

const char *
affari_kanban_column_get_summary (AffariKanbanColumn *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), NULL);

  return self->summary;
}

void
affari_kanban_column_get_selected_ids (AffariKanbanColumn *self,
                                       GArray             *ids)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  /* Ids only: a selection of thousands must not load thousands of objects. */
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = affari_deal_list_get_id_at (self->deals, position);

      if (id != 0)
        g_array_append_val (ids, id);
    }
}

void
affari_kanban_column_unselect_all (AffariKanbanColumn *self)
{
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

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
  row = picked != NULL ? row_of (self, picked) : NULL;

  if (row == NULL)
    {
      GtkWidget *first = find_row (self, 0);

      /* Empty space: below the last card, unless it is above the first one. */
      if (first != NULL && gtk_widget_compute_bounds (first, GTK_WIDGET (self->list_view), &bounds) &&
          point.y < bounds.origin.y)
        return 0;
      return n_items;
    }

  position = row_position (row);
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
  AffariKanbanBoard *board = get_board (self);
  gint64 deal_id;
  guint index;
  guint current;
  int store_index;

  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), FALSE);
  g_return_val_if_fail (AFFARI_IS_DEAL (deal), FALSE);

  if (board != NULL)
    affari_kanban_board_note_drop (board);

  deal_id = affari_deal_get_id (deal);
  index = affari_kanban_column_index_at (self, x, y);
  affari_kanban_column_end_drag (self);

  /* The store counts the index among the other deals of the stage: a card that moves down
   * its own column leaves a gap above the place it goes to. */
  current = affari_deal_list_find (self->deals, deal_id);
  if (current != G_MAXUINT && current < index)
    index--;
  if (current != G_MAXUINT && current == index)
    return TRUE;   /* dropped where it was */

  store_index = index >= g_list_model_get_n_items (G_LIST_MODEL (self->deals)) - (current != G_MAXUINT ? 1 : 0)
                ? -1 : (int) index;

  return gtk_widget_activate_action (GTK_WIDGET (self), "kanban.move-deal", "(xxi)",
                                     deal_id, affari_stage_get_id (self->stage), store_index);
}

void
affari_kanban_column_update_dragging (AffariKanbanColumn *self)
{
  AffariKanbanBoard *board = get_board (self);

  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AffariKanbanCard *card = row_card (child);
      AffariDeal *deal = card != NULL ? affari_kanban_card_get_deal (card) : NULL;

      if (deal != NULL)
        affari_kanban_card_set_dragging (card, board != NULL &&
                                         affari_kanban_board_is_deal_dragged (board, affari_deal_get_id (deal)));
    }
}

void
affari_kanban_column_end_drag (AffariKanbanColumn *self)
{
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  stop_autoscroll (self);
  set_drop_highlight (self, FALSE);
  gtk_widget_set_visible (self->drop_line, FALSE);
}

void
affari_kanban_column_show_quick_create (AffariKanbanColumn *self)
{
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  ensure_quick_create (self);
  gtk_revealer_set_reveal_child (self->quick_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->quick_title));
}

GtkWidget *
affari_kanban_column_find_card (AffariKanbanColumn *self,
                                gint64              deal_id)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AffariKanbanCard *card = row_card (child);
      AffariDeal *deal = card != NULL ? affari_kanban_card_get_deal (card) : NULL;

      if (deal != NULL && affari_deal_get_id (deal) == deal_id && gtk_widget_get_child_visible (child))
        return GTK_WIDGET (card);
    }

  return NULL;
}

gboolean
affari_kanban_column_focus_deal (AffariKanbanColumn *self,
                                 gint64              deal_id)
{
  guint position;
  GtkWidget *card;

  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), FALSE);

  position = affari_deal_list_find (self->deals, deal_id);
  if (position == G_MAXUINT)
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  card = affari_kanban_column_find_card (self, deal_id);
  if (card == NULL)
    return FALSE;

  return gtk_widget_grab_focus (gtk_widget_get_parent (card));
}

void
affari_kanban_column_focus_deal_soon (AffariKanbanColumn *self,
                                      gint64              deal_id)
{
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  stop_focus_follow (self);
  self->focus_deal = deal_id;
  self->focus_frames = 0;
  self->focus_scrolled = FALSE;
  self->focus_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), focus_tick_cb, NULL, NULL);
}

void
affari_kanban_column_show_first_rows (AffariKanbanColumn *self,
                                      guint               n_rows)
{
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  if (n_rows > FIRST_IDS)
    affari_deal_list_read_all (self->deals);
  if (self->slice != NULL && gtk_slice_list_model_get_size (self->slice) < n_rows)
    gtk_slice_list_model_set_size (self->slice, n_rows);
}

void
affari_kanban_column_show_all_rows (AffariKanbanColumn *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkAdjustment *vadjustment;
  GtkRoot *root;
  GtkWidget *focus;
  AffariKanbanCard *focused = NULL;
  gint64 focused_deal = 0;
  double value;

  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  if (self->slice == NULL)
    return;

  /* Every id of the stage: added after the slice's rows, they change nothing on screen. */
  affari_deal_list_read_all (self->deals);

  /* The deal list itself, not a slice of all of it: GtkSliceListModel turns a card removed from a
   * column into "everything below it changed", and the rows below would all be bound again.
   * A new selection model for the list view, not the deal list put under the old one: told that
   * its nine rows were replaced by 16,000 items, GTK 4.8's list view asks for every new item to
   * find a row to keep, which read every deal of the stage (150 ms a column, and SQLite's whole
   * page cache) to show the same nine cards. What the user may have done with those stays: the
   * selection, the scrolling and the focused card. */
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  value = vadjustment != NULL ? gtk_adjustment_get_value (vadjustment) : 0;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)))
    focused = row_card (row_of (self, focus));
  if (focused != NULL && affari_kanban_card_get_deal (focused) != NULL)
    focused_deal = affari_deal_get_id (affari_kanban_card_get_deal (focused));

  g_object_unref (self->selection);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->deals)));
  if (!gtk_bitset_is_empty (selected))
    gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, selected);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_clear_object (&self->slice);

  if (vadjustment != NULL && value > 0)
    gtk_adjustment_set_value (vadjustment, value);
  if (focused_deal != 0)
    affari_kanban_column_focus_deal_soon (self, focused_deal);
}

gboolean
affari_kanban_column_get_shows_all_rows (AffariKanbanColumn *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), FALSE);

  return self->slice == NULL;
}

GtkWidget *
affari_kanban_column_get_header (AffariKanbanColumn *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), NULL);

  return self->title_box;
}

gboolean
affari_kanban_column_get_drop_highlight (AffariKanbanColumn *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), FALSE);

  return self->drop_highlight;
}
