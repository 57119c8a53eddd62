/* affari-kanban-card.c
 *
 * One deal on the board, drawn by the widget itself.
 *
 * GTK 4.8's GtkListView keeps up to 200 rows alive per list whatever its height, so a board of
 * eight columns holds 1,600 cards, created at start-up and rebound whenever a column changes or
 * scrolls. A card built from a template (boxes, labels, a menu button, an AdwAvatar) was some
 * twenty widgets, each with its CSS node and accessible object: 30,000 widgets before the first
 * frame. Here a card is one widget without children, and of a fixed height (the title is one
 * line, ellipsized, whole in the tooltip): measuring it makes no text, so binding the rows that
 * a scroll brings costs almost nothing. Its texts are PangoLayouts made when the card is first
 * drawn, which GTK does only for the cards on screen, and dropped when the deal changes; the
 * avatar, the icons and the badge are drawn directly. The CSS look (.card, padding, selection,
 * dark mode) still comes from the style sheet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-kanban-card"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "model/affari-money.h"

#include "ui/board/affari-kanban-card.h"
#include "ui/board/affari-kanban-card-draw.h"
#include "ui/common/affari-card-host.h"
#include "ui/common/affari-drag.h"
#include "ui/common/affari-file-drop.h"
#include "ui/common/affari-ui.h"

/* Geometry, in pixels inside the CSS padding (it follows the template the card replaced). */
#define MENU_SIZE      24      /* the "⋮" button in the top-right corner */
#define TITLE_GAP      6       /* between the title and the menu button */
#define ROW_SPACING    4
#define FOOTER_MARGIN  4       /* above the footer, on top of ROW_SPACING */
#define FOOTER_HEIGHT  AFFARI_CARD_AVATAR_SIZE
#define ICON_SIZE      AFFARI_CARD_ICON_SIZE
#define TOUCH_SIZE     44      /* the "⋮" corner's target with large targets */
#define FOOTER_SPACING 6
#define BADGE_PADDING  8
#define CAPTION_SCALE  0.82    /* libadwaita's .caption */

struct _AffariKanbanCard
{
  GtkWidget       parent_instance;

  AffariDeal     *deal;
  gulong          notify_handler;
  GtkListItem    *list_item;        /* unowned: the item owns the card */
  AffariCardHost *host;             /* weak: the view that shows the card */
  GMenuModel     *menu;
  GtkWidget      *context_menu;
  int             grabbed_keyboard; /* X11 device id grabbed for a drag's Esc, or 0 */
  gboolean        label_dirty;      /* the accessible label waits for the card to be shown */
  gboolean        open_on_click;    /* a plain click opens the deal (the board) */
  gboolean        large_targets;    /* narrow: the menu's corner is a finger's size */

  /* What is drawn, derived from the deal; NULL until needed. */
  PangoLayout    *title;
  PangoLayout    *amount;
  PangoLayout    *client;
  PangoLayout    *activity;
  PangoLayout    *initials;
  PangoLayout    *badge;
  ActivityState   activity_state;
  gboolean        has_avatar;
  gboolean        has_badge;
  guint           avatar_color;
  int             line_height;      /* of one line of body text, 0 until measured */
  PangoFontDescription *font;       /* the font the layouts and line_height were made for */

  /* where things were drawn, for clicks and tooltips */
  graphene_rect_t title_rect;
  graphene_rect_t menu_rect;
  graphene_rect_t menu_target;      /* where a press opens the menu: menu_rect, or larger */
  graphene_rect_t avatar_rect;
  graphene_rect_t badge_rect;
};

G_DEFINE_FINAL_TYPE (AffariKanbanCard, affari_kanban_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DEAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


/* ------------------------------------------------------------ auxiliary */

static void
clear_layouts (AffariKanbanCard *self)
{
  g_clear_object (&self->title);
  g_clear_object (&self->amount);
  g_clear_object (&self->client);
  g_clear_object (&self->activity);
  g_clear_object (&self->initials);
  g_clear_object (&self->badge);
}

static PangoLayout *
make_layout (AffariKanbanCard *self,
             const char       *text,
             PangoWeight       weight,
             double            scale)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (weight != PANGO_WEIGHT_NORMAL)
    pango_attr_list_insert (attrs, pango_attr_weight_new (weight));
  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_single_paragraph_mode (layout, TRUE);

  return layout;
}

/* The height of a line of body text. Every card has the same font, and asking Pango for the
 * metrics of a font costs as much as laying out the whole card: one answer per font (and screen
 * resolution) for all the cards. */
static int
get_line_height (AffariKanbanCard *self)
{
  if (self->line_height == 0)
    self->line_height = affari_ui_line_height (GTK_WIDGET (self));

  return self->line_height;
}


/* The texts of the body and the footer, made when the card is first drawn after a change. */
static void
ensure_layouts (AffariKanbanCard *self)
{
  g_autofree char *amount = NULL;
  g_autofree char *activity = NULL;
  const char *client;
  const char *assigned;

  if (self->amount != NULL || self->deal == NULL)
    return;

  self->title = make_layout (self, affari_deal_get_title (self->deal), PANGO_WEIGHT_BOLD, 1.0);
  pango_layout_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);

  amount = affari_money_format (affari_deal_get_amount (self->deal), affari_deal_get_currency (self->deal));
  self->amount = make_layout (self, amount, PANGO_WEIGHT_SEMIBOLD, 1.0);

  client = affari_deal_get_client_name (self->deal);
  self->client = make_layout (self, client != NULL ? client : _("No client"), PANGO_WEIGHT_NORMAL, 1.0);
  pango_layout_set_ellipsize (self->client, PANGO_ELLIPSIZE_END);

  activity = affari_kanban_card_describe_activity (self->deal, &self->activity_state);
  self->activity = make_layout (self, activity, PANGO_WEIGHT_NORMAL, CAPTION_SCALE);
  pango_layout_set_ellipsize (self->activity, PANGO_ELLIPSIZE_END);

  assigned = affari_deal_get_assigned_name (self->deal);
  self->has_avatar = assigned != NULL && *assigned != '\0';
  if (self->has_avatar)
    {
      g_autofree char *initials = affari_kanban_card_initials_of (assigned);

      self->initials = make_layout (self, initials, PANGO_WEIGHT_BOLD, CAPTION_SCALE);
      self->avatar_color = affari_kanban_card_avatar_color (assigned);
    }

  self->has_badge = affari_deal_get_is_return_customer (self->deal) || affari_deal_get_is_repeated_approach (self->deal);
  if (self->has_badge)
    self->badge = make_layout (self, _("Repeat"), PANGO_WEIGHT_BOLD, CAPTION_SCALE);
}

static void
update_label (AffariKanbanCard *self)
{
  g_autofree char *description = NULL;

  self->label_dirty = FALSE;
  if (self->deal == NULL)
    return;

  description = affari_kanban_card_describe (self->deal);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}

/* What the deal says changed: texts are made again when next needed. The card keeps its height
 * (measure () reads no text), so a redraw is enough. The accessible label waits until the card
 * is on screen: GtkListView binds some 200 rows, most of them hidden, and a scroll far down a
 * column binds them all again in one frame. */
static void
update (AffariKanbanCard *self)
{
  clear_layouts (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_label (self);
  else
    self->label_dirty = TRUE;
}

/* Whether the keyboard focus is on the card's row, or in its menu. */
static gboolean
has_focus_within (AffariKanbanCard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = gtk_widget_get_parent (GTK_WIDGET (self));

  return focus != NULL && row != NULL && (focus == row || gtk_widget_is_ancestor (focus, row));
}

/* Moved from the keyboard, the card keeps the focus where it goes: Alt+→ again moves it on.
 * The same move as a drop: moved cards go to the top of their new place. */
static void
move_to (AffariKanbanCard *self,
         gint64            target)
{
  if (self->host != NULL && self->deal != NULL)
    affari_card_host_move_to (self->host, self->deal, target, 0, has_focus_within (self));
}

static void
move_by (AffariKanbanCard *self,
         int               direction)
{
  if (self->host != NULL && self->deal != NULL)
    affari_card_host_move_by (self->host, self->deal, direction, has_focus_within (self));
}

/* The card's menu, built on the first use only: a popover per card would cost every row. */
static void
popup_menu (AffariKanbanCard      *self,
            const graphene_rect_t *at)
{
  GdkRectangle rect = { (int) at->origin.x, (int) at->origin.y, MAX (1, (int) at->size.width), MAX (1, (int) at->size.height) };

  if (self->menu == NULL)
    return;

  if (self->context_menu == NULL)
    {
      self->context_menu = gtk_popover_menu_new_from_model (self->menu);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

/* ------------------------------------------------------------ callbacks */

static void
on_deal_notify_cb (AffariDeal       *deal,
                   GParamSpec       *pspec,
                   AffariKanbanCard *self)
{
  update (self);
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource    *source,
                    double            x,
                    double            y,
                    AffariKanbanCard *self)
{
  if (self->deal == NULL || affari_deal_get_id (self->deal) == 0 || !affari_drag_touch_may_begin (source))
    return NULL;

  /* The model object travels, never the widget: rows are recycled while the list scrolls. */
  return gdk_content_provider_new_typed (AFFARI_TYPE_DEAL, self->deal);
}

static void
on_drag_begin_cb (GtkDragSource    *source,
                  GdkDrag          *drag,
                  AffariKanbanCard *self)
{
  if (drag != NULL)
    {
      g_autoptr(GdkPaintable) image = affari_drag_make_icon (GTK_WIDGET (self));

      gtk_drag_source_set_icon (source, image, 24, 16);
      if (self->grabbed_keyboard == 0)
        self->grabbed_keyboard = affari_drag_grab_keyboard (GTK_WIDGET (self));
    }

  if (self->host != NULL && self->deal != NULL)
    affari_card_host_drag_begin (self->host, self->deal, GTK_WIDGET (self));
}

static void
on_drag_end_cb (GtkDragSource    *source,
                GdkDrag          *drag,
                gboolean          delete_data,
                AffariKanbanCard *self)
{
  affari_drag_ungrab_keyboard (GTK_WIDGET (self), &self->grabbed_keyboard);
  if (self->host != NULL)
    affari_card_host_drag_end (self->host);
}

static gboolean
on_drag_cancel_cb (GtkDragSource       *source,
                   GdkDrag             *drag,
                   GdkDragCancelReason  reason,
                   AffariKanbanCard    *self)
{
  affari_drag_ungrab_keyboard (GTK_WIDGET (self), &self->grabbed_keyboard);

  /* Nothing was written yet: putting the view back as it was is all a cancel needs. */
  if (self->host != NULL)
    affari_card_host_drag_cancel (self->host);

  /* Let GTK fly the icon back to where it came from. */
  return FALSE;
}

/* A file from the file manager (an .ics invitation) dropped on this deal; a deal drag is no
 * file and goes on to the column. */
static gboolean
on_file_drop_cb (GtkDropTarget    *target,
                 const GValue     *value,
                 double            x,
                 double            y,
                 AffariKanbanCard *self)
{
  return self->deal != NULL && affari_file_drop_activate (GTK_WIDGET (self), value, affari_deal_get_id (self->deal));
}

static void
on_secondary_pressed_cb (GtkGestureClick  *gesture,
                         int               n_press,
                         double            x,
                         double            y,
                         AffariKanbanCard *self)
{
  if (self->menu == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu (self, &GRAPHENE_RECT_INIT (x, y, 1, 1));
}

static void
on_primary_pressed_cb (GtkGestureClick  *gesture,
                       int               n_press,
                       double            x,
                       double            y,
                       AffariKanbanCard *self)
{
  /* Only the "⋮" corner is a button; elsewhere the row selects, activates and drags. */
  if (self->menu == NULL || !graphene_rect_contains_point (&self->menu_target, &GRAPHENE_POINT_INIT (x, y)))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu (self, &self->menu_rect);
}

typedef struct {
  AffariCardHost *host;   /* weak */
  gint64          deal_id;
} OpenLater;

static OpenLater *
open_later_new (AffariKanbanCard *self)
{
  OpenLater *later = g_new0 (OpenLater, 1);

  g_set_weak_pointer (&later->host, self->host);
  later->deal_id = affari_deal_get_id (self->deal);
  return later;
}

static gboolean
open_later_cb (gpointer user_data)
{
  OpenLater *later = user_data;

  if (later->host != NULL)
    affari_card_host_open (later->host, later->deal_id);
  g_clear_weak_pointer (&later->host);
  g_free (later);
  return G_SOURCE_REMOVE;
}

/* The end of a plain click, not of a drag (the drag source took the press then, and the click
 * was cancelled) nor of Ctrl/Shift+click, which the row's selection answers. On release: the
 * press has already selected the row, as a click on a row does. */
static void
on_open_released_cb (GtkGestureClick  *gesture,
                     int               n_press,
                     double            x,
                     double            y,
                     AffariKanbanCard *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  if (!self->open_on_click || n_press != 1 || self->deal == NULL || self->host == NULL ||
      (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) != 0 ||
      graphene_rect_contains_point (&self->menu_target, &GRAPHENE_POINT_INIT (x, y)) ||
      affari_card_host_is_deal_dragged (self->host, affari_deal_get_id (self->deal)))
    return;

  /* After the release has gone through every handler: the card panel's flap (and its swipe
   * tracker) must not start revealing in the middle of the pointer event that ends a click. */
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, open_later_cb, open_later_new (self), NULL);
}

static gboolean
on_query_tooltip_cb (GtkWidget        *widget,
                     int               x,
                     int               y,
                     gboolean          keyboard,
                     GtkTooltip       *tooltip,
                     AffariKanbanCard *self)
{
  graphene_point_t point = GRAPHENE_POINT_INIT (x, y);

  if (self->deal == NULL || keyboard)
    return FALSE;

  if (self->title != NULL && pango_layout_is_ellipsized (self->title) &&
      graphene_rect_contains_point (&self->title_rect, &point))
    {
      gtk_tooltip_set_text (tooltip, affari_deal_get_title (self->deal));
      return TRUE;
    }
  if (graphene_rect_contains_point (&self->menu_target, &point))
    {
      gtk_tooltip_set_text (tooltip, _("Deal Actions"));
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { self->menu_target.origin.x, self->menu_target.origin.y,
                                                           self->menu_target.size.width, self->menu_target.size.height });
      return TRUE;
    }
  if (self->has_avatar && graphene_rect_contains_point (&self->avatar_rect, &point))
    {
      gtk_tooltip_set_text (tooltip, affari_deal_get_assigned_name (self->deal));
      return TRUE;
    }
  if (self->has_badge && graphene_rect_contains_point (&self->badge_rect, &point))
    {
      gtk_tooltip_set_text (tooltip, _("The client has bought before or asked again"));
      return TRUE;
    }

  return FALSE;
}

/* ------------------------------------------------------------ actions */

static void
move_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_to (AFFARI_KANBAN_CARD (widget), g_variant_get_int64 (parameter));
}

static void
move_previous_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  move_by (AFFARI_KANBAN_CARD (widget), -1);
}

static void
move_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_by (AFFARI_KANBAN_CARD (widget), +1);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AffariKanbanCard *self = AFFARI_KANBAN_CARD (widget);

  if (self->deal != NULL && self->host != NULL)
    affari_card_host_open (self->host, affari_deal_get_id (self->deal));
}

static void
trash_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AffariKanbanCard *self = AFFARI_KANBAN_CARD (widget);

  if (self->deal != NULL && self->host != NULL)
    affari_card_host_trash (self->host, affari_deal_get_id (self->deal));
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AffariKanbanCard *self = AFFARI_KANBAN_CARD (widget);

  popup_menu (self, &GRAPHENE_RECT_INIT (gtk_widget_get_width (widget) - MENU_SIZE, 0, MENU_SIZE, MENU_SIZE));
}

/* ------------------------------------------------------------ overrides */

static void
affari_kanban_card_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  AffariKanbanCard *self = AFFARI_KANBAN_CARD (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 240;
    }
  else
    {
      int line = get_line_height (self);

      /* The same for every card: no text is shaped to measure one. */
      *minimum = *natural = MAX (line, MENU_SIZE - 4) + ROW_SPACING + line + ROW_SPACING + line +
                            ROW_SPACING + FOOTER_MARGIN + FOOTER_HEIGHT;
    }
}

static void
affari_kanban_card_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  AffariKanbanCard *self = AFFARI_KANBAN_CARD (widget);
  int width = gtk_widget_get_width (widget);
  int line = get_line_height (self);
  GdkRGBA color, dim, error, accent, badge_bg;
  int w, h;
  double y, x, right;

  if (self->deal == NULL)
    return;

  ensure_layouts (self);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  dim = color;
  dim.alpha *= 0.55;
  affari_kanban_card_lookup_color (widget, "error_color", "#c01c28", &error);
  affari_kanban_card_lookup_color (widget, "accent_color", "#1c71d8", &accent);

  /* Title, and the menu button in the corner (its margin as the old flat button had). */
  pango_layout_set_width (self->title, MAX (1, width - MENU_SIZE - TITLE_GAP) * PANGO_SCALE);
  self->title_rect = GRAPHENE_RECT_INIT (0, 0, width - MENU_SIZE - TITLE_GAP, line);
  affari_kanban_card_snapshot_layout (snapshot, self->title, 0, 0, &color);
  self->menu_rect = GRAPHENE_RECT_INIT (width - MENU_SIZE + 6, -4, MENU_SIZE, MENU_SIZE);
  /* A finger's size, in the corner of the card with its padding (not over the row around the
   * card, which would take the press): the rest of the card still opens it, drags it. */
  if (self->large_targets)
    {
      GtkBorder padding;

      gtk_style_context_get_padding (gtk_widget_get_style_context (widget), &padding);
      self->menu_target = GRAPHENE_RECT_INIT (width + padding.right - TOUCH_SIZE, -padding.top, TOUCH_SIZE, TOUCH_SIZE);
    }
  else
    self->menu_target = self->menu_rect;
  affari_kanban_card_snapshot_icon (widget, snapshot, "view-more-symbolic",
                 self->menu_rect.origin.x + (MENU_SIZE - ICON_SIZE) / 2.0,
                 self->menu_rect.origin.y + (MENU_SIZE - ICON_SIZE) / 2.0, &dim);

  y = MAX (line, MENU_SIZE - 4) + ROW_SPACING;
  affari_kanban_card_snapshot_layout (snapshot, self->amount, 0, y, &color);
  y += line + ROW_SPACING;
  pango_layout_set_width (self->client, width * PANGO_SCALE);
  affari_kanban_card_snapshot_layout (snapshot, self->client, 0, y, &dim);
  y += line + ROW_SPACING + FOOTER_MARGIN;

  /* Footer: avatar, activity, and the repeat badge on the right. */
  x = 0;
  right = width;
  if (self->has_avatar)
    {
      self->avatar_rect = GRAPHENE_RECT_INIT (x, y, FOOTER_HEIGHT, FOOTER_HEIGHT);
      affari_kanban_card_snapshot_avatar (snapshot, self->initials, self->avatar_color, x, y);
      x += FOOTER_HEIGHT + FOOTER_SPACING;
    }
  if (self->has_badge)
    {
      GskRoundedRect pill;

      pango_layout_get_pixel_size (self->badge, &w, &h);
      self->badge_rect = GRAPHENE_RECT_INIT (right - w - 2 * BADGE_PADDING, y + (FOOTER_HEIGHT - h - 2) / 2.0,
                                             w + 2 * BADGE_PADDING, h + 2);
      gsk_rounded_rect_init_from_rect (&pill, &self->badge_rect, self->badge_rect.size.height / 2);
      badge_bg = accent;
      badge_bg.alpha *= 0.15;
      gtk_snapshot_push_rounded_clip (snapshot, &pill);
      gtk_snapshot_append_color (snapshot, &badge_bg, &self->badge_rect);
      gtk_snapshot_pop (snapshot);
      affari_kanban_card_snapshot_layout (snapshot, self->badge, self->badge_rect.origin.x + BADGE_PADDING, self->badge_rect.origin.y + 1, &accent);
      right = self->badge_rect.origin.x - FOOTER_SPACING;
    }
  if (self->activity_state != ACTIVITY_NONE)
    {
      affari_kanban_card_snapshot_icon (widget, snapshot, "alarm-symbolic", x, y + (FOOTER_HEIGHT - ICON_SIZE) / 2.0,
                     self->activity_state == ACTIVITY_OVERDUE ? &error : &color);
      x += ICON_SIZE + FOOTER_SPACING;
    }
  pango_layout_set_width (self->activity, MAX (1, (int) (right - x)) * PANGO_SCALE);
  pango_layout_get_pixel_size (self->activity, NULL, &h);
  affari_kanban_card_snapshot_layout (snapshot, self->activity, x, y + (FOOTER_HEIGHT - h) / 2.0,
                   self->activity_state == ACTIVITY_OVERDUE ? &error :
                   self->activity_state == ACTIVITY_NONE ? &dim : &color);
}

static void
affari_kanban_card_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  AffariKanbanCard *self = AFFARI_KANBAN_CARD (widget);
  const PangoFontDescription *font;

  GTK_WIDGET_CLASS (affari_kanban_card_parent_class)->css_changed (widget, change);

  /* Only a new font (or text scale) changes the layouts: colours are read when drawing, and
   * most changes (a row selected, a card dragged) leave the font alone. */
  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  if (self->font == NULL || font == NULL || !pango_font_description_equal (self->font, font))
    {
      g_clear_pointer (&self->font, pango_font_description_free);
      self->font = font != NULL ? pango_font_description_copy (font) : NULL;
      self->line_height = 0;
      clear_layouts (self);
      gtk_widget_queue_resize (widget);
    }
}

static void
affari_kanban_card_map (GtkWidget *widget)
{
  AffariKanbanCard *self = AFFARI_KANBAN_CARD (widget);

  GTK_WIDGET_CLASS (affari_kanban_card_parent_class)->map (widget);

  if (self->label_dirty)
    update_label (self);
}

static void
affari_kanban_card_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  AffariKanbanCard *self = AFFARI_KANBAN_CARD (widget);

  if (self->context_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->context_menu));
}

static void
affari_kanban_card_dispose (GObject *object)
{
  AffariKanbanCard *self = AFFARI_KANBAN_CARD (object);

  affari_drag_ungrab_keyboard (GTK_WIDGET (self), &self->grabbed_keyboard);
  g_clear_weak_pointer (&self->host);
  affari_kanban_card_set_deal (self, NULL);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_object (&self->menu);
  clear_layouts (self);
  g_clear_pointer (&self->font, pango_font_description_free);

  G_OBJECT_CLASS (affari_kanban_card_parent_class)->dispose (object);
}

static void
affari_kanban_card_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AffariKanbanCard *self = AFFARI_KANBAN_CARD (object);

  switch (prop_id)
    {
    case PROP_DEAL:
      g_value_set_object (value, self->deal);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_kanban_card_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AffariKanbanCard *self = AFFARI_KANBAN_CARD (object);

  switch (prop_id)
    {
    case PROP_DEAL:
      affari_kanban_card_set_deal (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_kanban_card_class_init (AffariKanbanCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_kanban_card_dispose;
  object_class->get_property = affari_kanban_card_get_property;
  object_class->set_property = affari_kanban_card_set_property;

  widget_class->measure = affari_kanban_card_measure;
  widget_class->snapshot = affari_kanban_card_snapshot;
  widget_class->size_allocate = affari_kanban_card_size_allocate;
  widget_class->map = affari_kanban_card_map;
  widget_class->css_changed = affari_kanban_card_css_changed;

  properties[PROP_DEAL] =
    g_param_spec_object ("deal", NULL, NULL,
                         AFFARI_TYPE_DEAL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "tile.move-to", "x", move_to_action);
  gtk_widget_class_install_action (widget_class, "tile.move-previous", NULL, move_previous_action);
  gtk_widget_class_install_action (widget_class, "tile.move-next", NULL, move_next_action);
  gtk_widget_class_install_action (widget_class, "tile.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "tile.trash", NULL, trash_action);
  gtk_widget_class_install_action (widget_class, "tile.menu", NULL, menu_action);

  gtk_widget_class_set_css_name (widget_class, "kanban-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
affari_kanban_card_init (AffariKanbanCard *self)
{
  GtkDragSource *drag_source;
  GtkDropTarget *file_drop;
  GtkGesture *primary;
  GtkGesture *open;
  GtkGesture *secondary;

  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);

  drag_source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag_source, GDK_ACTION_MOVE);
  g_signal_connect (drag_source, "prepare", G_CALLBACK (on_drag_prepare_cb), self);
  g_signal_connect (drag_source, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag_source, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  g_signal_connect (drag_source, "drag-cancel", G_CALLBACK (on_drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag_source));
  /* A finger scrolls the column and swipes the board's pages; held still, it picks the card up. */
  affari_drag_source_add_touch_long_press (drag_source, GTK_WIDGET (self));

  file_drop = affari_file_drop_target_new ();
  g_signal_connect (file_drop, "drop", G_CALLBACK (on_file_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (file_drop));

  primary = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (primary), GDK_BUTTON_PRIMARY);
  g_signal_connect (primary, "pressed", G_CALLBACK (on_primary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (primary));

  /* Apart from the menu's gesture, which gives up every press outside the "⋮" corner. */
  open = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (open), GDK_BUTTON_PRIMARY);
  g_signal_connect (open, "released", G_CALLBACK (on_open_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (open));

  secondary = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect (secondary, "pressed", G_CALLBACK (on_secondary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (secondary));
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_kanban_card_new (void)
{
  return g_object_new (AFFARI_TYPE_KANBAN_CARD, NULL);
}

AffariDeal *
affari_kanban_card_get_deal (AffariKanbanCard *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_CARD (self), NULL);

  return self->deal;
}

void
affari_kanban_card_set_deal (AffariKanbanCard *self,
                             AffariDeal       *deal)
{
  g_return_if_fail (AFFARI_IS_KANBAN_CARD (self));
  g_return_if_fail (deal == NULL || AFFARI_IS_DEAL (deal));

  if (self->deal == deal)
    return;

  if (self->deal != NULL)
    g_clear_signal_handler (&self->notify_handler, self->deal);
  g_set_object (&self->deal, deal);
  /* The deal list updates live objects in place after every change in the workspace. */
  if (deal != NULL)
    self->notify_handler = g_signal_connect (deal, "notify", G_CALLBACK (on_deal_notify_cb), self);

  affari_kanban_card_set_dragging (self, FALSE);
  update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEAL]);
}

void
affari_kanban_card_set_list_item (AffariKanbanCard *self,
                                  GtkListItem      *item)
{
  g_return_if_fail (AFFARI_IS_KANBAN_CARD (self));

  self->list_item = item;
}

void
affari_kanban_card_set_host (AffariKanbanCard *self,
                             AffariCardHost   *host)
{
  g_return_if_fail (AFFARI_IS_KANBAN_CARD (self));
  g_return_if_fail (host == NULL || AFFARI_IS_CARD_HOST (host));

  g_set_weak_pointer (&self->host, host);
}

GtkListItem *
affari_kanban_card_get_list_item (AffariKanbanCard *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_CARD (self), NULL);

  return self->list_item;
}

void
affari_kanban_card_set_open_on_click (AffariKanbanCard *self,
                                      gboolean          open_on_click)
{
  g_return_if_fail (AFFARI_IS_KANBAN_CARD (self));

  self->open_on_click = open_on_click;
}

void
affari_kanban_card_set_menu_model (AffariKanbanCard *self,
                                   GMenuModel       *menu)
{
  g_return_if_fail (AFFARI_IS_KANBAN_CARD (self));

  if (self->menu == menu)
    return;

  g_set_object (&self->menu, menu);
  /* A menu of another pipeline is dropped; the new one is built when asked for. */
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
}

void
affari_kanban_card_set_large_targets (AffariKanbanCard *self,
                                      gboolean          large)
{
  g_return_if_fail (AFFARI_IS_KANBAN_CARD (self));

  if (self->large_targets == large)
    return;

  self->large_targets = large;
  /* The targets are where the next frame draws the corner. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
affari_kanban_card_set_dragging (AffariKanbanCard *self,
                                 gboolean          dragging)
{
  g_return_if_fail (AFFARI_IS_KANBAN_CARD (self));

  if (dragging)
    gtk_widget_add_css_class (GTK_WIDGET (self), "dragging");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dragging");
}

char *
affari_kanban_card_dup_text (AffariKanbanCard *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_CARD (self), NULL);

  if (self->deal == NULL)
    return g_strdup ("");

  ensure_layouts (self);

  return g_strjoin ("\n",
                    pango_layout_get_text (self->title),
                    pango_layout_get_text (self->amount),
                    pango_layout_get_text (self->client),
                    pango_layout_get_text (self->activity),
                    self->has_badge ? pango_layout_get_text (self->badge) : "",
                    NULL);
}

const char *
affari_kanban_card_get_activity_state (AffariKanbanCard *self)
{
  static const char *names[] = { "none", "overdue", "today", "planned" };

  g_return_val_if_fail (AFFARI_IS_KANBAN_CARD (self), NULL);

  if (self->deal == NULL)
    return NULL;

  ensure_layouts (self);
  return names[self->activity_state];
}

char *
affari_kanban_card_describe (AffariDeal *deal)
{
  g_autofree char *amount = NULL;
  const char *client;

  g_return_val_if_fail (AFFARI_IS_DEAL (deal), NULL);

  amount = affari_money_format (affari_deal_get_amount (deal), affari_deal_get_currency (deal));
  client = affari_deal_get_client_name (deal);

  if (client == NULL || *client == '\0')
    return g_strdup_printf ("%s, %s", affari_deal_get_title (deal), amount);

  return g_strdup_printf ("%s, %s, %s", affari_deal_get_title (deal), amount, client);
}
