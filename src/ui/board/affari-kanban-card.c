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

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XInput2.h>
#endif

#include "model/affari-money.h"

#include "ui/board/affari-kanban-board.h"
#include "ui/board/affari-kanban-card.h"
#include "ui/common/affari-ui.h"

/* Geometry, in pixels inside the CSS padding (it follows the template the card replaced). */
#define MENU_SIZE      24      /* the "⋮" button in the top-right corner */
#define TITLE_GAP      6       /* between the title and the menu button */
#define ROW_SPACING    4
#define FOOTER_MARGIN  4       /* above the footer, on top of ROW_SPACING */
#define FOOTER_HEIGHT  24      /* the avatar's size */
#define ICON_SIZE      16
#define FOOTER_SPACING 6
#define BADGE_PADDING  8
#define CAPTION_SCALE  0.82    /* libadwaita's .caption */

typedef enum {
  ACTIVITY_NONE,
  ACTIVITY_OVERDUE,
  ACTIVITY_TODAY,
  ACTIVITY_PLANNED,
} ActivityState;

struct _AffariKanbanCard
{
  GtkWidget       parent_instance;

  AffariDeal     *deal;
  gulong          notify_handler;
  GtkListItem    *list_item;        /* unowned: the item owns the card */
  GMenuModel     *menu;
  GtkWidget      *context_menu;
  int             grabbed_keyboard; /* X11 device id grabbed for a drag's Esc, or 0 */
  gboolean        label_dirty;      /* the accessible label waits for the card to be shown */

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

/* libadwaita 1.2's avatar colours (_avatar.scss): gradient top, bottom, initials. */
static const char *avatar_palette[][3] = {
  { "#83b6ec", "#337fdc", "#cfe1f5" },
  { "#7ad9f1", "#0f9ac8", "#caeaf2" },
  { "#8de6b1", "#29ae74", "#cef8d8" },
  { "#b5e98a", "#6ab85b", "#e6f9d7" },
  { "#f8e359", "#d29d09", "#f9f4e1" },
  { "#ffcb62", "#d68400", "#ffead1" },
  { "#ffa95a", "#ed5b00", "#ffe5c5" },
  { "#f78773", "#e62d42", "#f8d2ce" },
  { "#e973ab", "#e33b6a", "#fac7de" },
  { "#cb78d4", "#9945b5", "#e7c2e8" },
  { "#9e91e8", "#7a59ca", "#d5d2f5" },
  { "#e3cf9c", "#b08952", "#f2eade" },
  { "#be916d", "#785336", "#e5d6ca" },
  { "#c0bfbc", "#6e6d71", "#d8d7d3" },
};

/* ------------------------------------------------------------ auxiliary */

static AffariKanbanBoard *
get_board (AffariKanbanCard *self)
{
  return (AffariKanbanBoard *) gtk_widget_get_ancestor (GTK_WIDGET (self), AFFARI_TYPE_KANBAN_BOARD);
}

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

/* "Mario Rossi" → "MR", as AdwAvatar shows it. */
static char *
initials_of (const char *name)
{
  g_auto(GStrv) words = g_strsplit (name, " ", -1);
  GString *initials = g_string_new (NULL);
  const char *first = NULL, *last = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        if (first == NULL)
          first = words[i];
        else
          last = words[i];
      }

  if (first != NULL)
    g_string_append_unichar (initials, g_unichar_toupper (g_utf8_get_char (first)));
  if (last != NULL)
    g_string_append_unichar (initials, g_unichar_toupper (g_utf8_get_char (last)));

  return g_string_free (initials, FALSE);
}

/* The next activity as a seller reads it: overdue (red), today, planned, or none. */
static char *
describe_activity (AffariDeal    *deal,
                   ActivityState *state)
{
  gint64 deadline = affari_deal_get_next_activity (deal);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *shown = NULL;

  if (deadline == 0)
    {
      *state = ACTIVITY_NONE;
      return g_strdup (_("No activity"));
    }

  now = g_date_time_new_now_local ();
  when = g_date_time_new_from_unix_local (deadline);

  if (deadline < g_date_time_to_unix (now))
    {
      *state = ACTIVITY_OVERDUE;
      shown = g_date_time_format (when, "%d/%m");
      /* Translators: the next activity of a deal is late; %s is its date, "27/11". */
      return g_strdup_printf (_("Overdue: %s"), shown);
    }

  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    {
      *state = ACTIVITY_TODAY;
      shown = g_date_time_format (when, "%H:%M");
      /* Translators: the next activity of a deal is due today; %s is its time, "14:30". */
      return g_strdup_printf (_("Today %s"), shown);
    }

  *state = ACTIVITY_PLANNED;
  shown = g_date_time_format (when, g_date_time_get_year (when) == g_date_time_get_year (now) ? "%d/%m" : "%d/%m/%Y");
  /* Translators: the next activity of a deal; %s is its date, "27/11/2026". */
  return g_strdup_printf (_("Planned: %s"), shown);
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

  activity = describe_activity (self->deal, &self->activity_state);
  self->activity = make_layout (self, activity, PANGO_WEIGHT_NORMAL, CAPTION_SCALE);
  pango_layout_set_ellipsize (self->activity, PANGO_ELLIPSIZE_END);

  assigned = affari_deal_get_assigned_name (self->deal);
  self->has_avatar = assigned != NULL && *assigned != '\0';
  if (self->has_avatar)
    {
      g_autofree char *initials = initials_of (assigned);

      self->initials = make_layout (self, initials, PANGO_WEIGHT_BOLD, CAPTION_SCALE);
      self->avatar_color = g_str_hash (assigned) % G_N_ELEMENTS (avatar_palette);
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

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback,
              GdkRGBA    *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

static void
snapshot_icon (GtkWidget     *widget,
               GtkSnapshot   *snapshot,
               const char    *icon_name,
               double         x,
               double         y,
               const GdkRGBA *color)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  g_autoptr(GtkIconPaintable) icon = NULL;
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  /* The theme caches its lookups: asking again is a hash lookup. */
  icon = gtk_icon_theme_lookup_icon (theme, icon_name, NULL, ICON_SIZE, gtk_widget_get_scale_factor (widget),
                                     gtk_widget_get_direction (widget), 0);
  lookup_color (widget, "error_color", "#c01c28", &colors[1]);
  lookup_color (widget, "warning_color", "#9c6e03", &colors[2]);
  lookup_color (widget, "success_color", "#1b8553", &colors[3]);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot, ICON_SIZE, ICON_SIZE, colors, 4);
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_layout (GtkSnapshot   *snapshot,
                 PangoLayout   *layout,
                 double         x,
                 double         y,
                 const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_avatar (AffariKanbanCard *self,
                 GtkSnapshot      *snapshot,
                 double            x,
                 double            y)
{
  const char **colors = avatar_palette[self->avatar_color];
  GskColorStop stops[2];
  GdkRGBA text;
  GskRoundedRect circle;
  int width, height;

  gdk_rgba_parse (&stops[0].color, colors[0]);
  gdk_rgba_parse (&stops[1].color, colors[1]);
  gdk_rgba_parse (&text, colors[2]);
  stops[0].offset = 0;
  stops[1].offset = 1;

  self->avatar_rect = GRAPHENE_RECT_INIT (x, y, FOOTER_HEIGHT, FOOTER_HEIGHT);
  gsk_rounded_rect_init_from_rect (&circle, &self->avatar_rect, FOOTER_HEIGHT / 2.0);
  gtk_snapshot_push_rounded_clip (snapshot, &circle);
  gtk_snapshot_append_linear_gradient (snapshot, &self->avatar_rect,
                                       &GRAPHENE_POINT_INIT (x, y),
                                       &GRAPHENE_POINT_INIT (x, y + FOOTER_HEIGHT),
                                       stops, 2);
  gtk_snapshot_pop (snapshot);

  pango_layout_get_pixel_size (self->initials, &width, &height);
  snapshot_layout (snapshot, self->initials,
                   x + (FOOTER_HEIGHT - width) / 2.0, y + (FOOTER_HEIGHT - height) / 2.0, &text);
}

/* Esc during a drag, on X11.
 *
 * GTK 4.8's X11 drag grabs only the pointer, and takes Esc with a passive key grab on the root
 * window. The key then arrives reported against the root window, which GTK 4 has no surface for:
 * the event is dropped before it reaches the drag, and the release of the button drops the card
 * anyway. With the keyboard grabbed on our own window for as long as the drag lasts, Esc arrives
 * on a surface GTK knows, every event goes past the drag first (gdk_drag_handle_source_event),
 * and the drag cancels itself the proper way: a "leave" to the drop target, the pointer released,
 * the icon flown back, GtkDragSource::drag-cancel. Other backends handle Esc themselves. */
static void
grab_keyboard_for_drag (AffariKanbanCard *self)
{
#ifdef GDK_WINDOWING_X11
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GdkSeat *seat = gdk_display_get_default_seat (display);
  GdkDevice *keyboard = seat != NULL ? gdk_seat_get_keyboard (seat) : NULL;
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;
  unsigned char bits[XIMaskLen (XI_LASTEVENT)] = { 0 };
  XIEventMask mask = { 0 };
  Display *xdisplay;
  int device_id;

  if (!GDK_IS_X11_DISPLAY (display) || keyboard == NULL || surface == NULL || self->grabbed_keyboard != 0)
    return;

  xdisplay = gdk_x11_display_get_xdisplay (display);
  device_id = gdk_x11_device_get_id (keyboard);
  XISetMask (bits, XI_KeyPress);
  XISetMask (bits, XI_KeyRelease);
  mask.deviceid = device_id;
  mask.mask_len = sizeof bits;
  mask.mask = bits;

  gdk_x11_display_error_trap_push (display);
  if (XIGrabDevice (xdisplay, device_id, gdk_x11_surface_get_xid (surface), CurrentTime, None,
                    XIGrabModeAsync, XIGrabModeAsync, False, &mask) == Success)
    self->grabbed_keyboard = device_id;
  gdk_x11_display_error_trap_pop_ignored (display);
#endif
}

static void
ungrab_keyboard_for_drag (AffariKanbanCard *self)
{
#ifdef GDK_WINDOWING_X11
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));

  if (self->grabbed_keyboard == 0 || !GDK_IS_X11_DISPLAY (display))
    return;

  gdk_x11_display_error_trap_push (display);
  XIUngrabDevice (gdk_x11_display_get_xdisplay (display), self->grabbed_keyboard, CurrentTime);
  gdk_x11_display_error_trap_pop_ignored (display);
  self->grabbed_keyboard = 0;
#endif
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

static void
move_to (AffariKanbanCard *self,
         gint64            stage_id)
{
  AffariKanbanBoard *board = get_board (self);

  if (self->deal == NULL || stage_id == 0)
    return;

  /* Moved from the keyboard, the card keeps the focus where it goes: Alt+→ again moves it on. */
  if (board != NULL && has_focus_within (self))
    affari_kanban_board_follow_focus (board, affari_deal_get_id (self->deal));

  /* The same action as a drop: moved cards go to the top of their new stage. */
  gtk_widget_activate_action (GTK_WIDGET (self), "kanban.move-deal", "(xxi)",
                              affari_deal_get_id (self->deal), stage_id, 0);
}

static void
move_by (AffariKanbanCard *self,
         int               direction)
{
  AffariKanbanBoard *board = get_board (self);

  if (board == NULL || self->deal == NULL)
    return;

  move_to (self, affari_kanban_board_get_adjacent_stage (board, affari_deal_get_stage_id (self->deal), direction));
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
  if (self->deal == NULL || affari_deal_get_id (self->deal) == 0)
    return NULL;

  /* The model object travels, never the widget: rows are recycled while the list scrolls. */
  return gdk_content_provider_new_typed (AFFARI_TYPE_DEAL, self->deal);
}

static void
on_drag_begin_cb (GtkDragSource    *source,
                  GdkDrag          *drag,
                  AffariKanbanCard *self)
{
  AffariKanbanBoard *board = get_board (self);

  if (drag != NULL)
    {
      g_autoptr(GdkPaintable) live = gtk_widget_paintable_new (GTK_WIDGET (self));
      g_autoptr(GdkPaintable) image = gdk_paintable_get_current_image (live);

      /* Without a compositor (a bare X server) the drag window has no transparency: the corners
       * outside the card's rounded edge would be black. Then the icon gets the colour of the
       * board behind the card. */
      if (!gdk_display_is_composited (gtk_widget_get_display (GTK_WIDGET (self))))
        {
          GtkSnapshot *snapshot = gtk_snapshot_new ();
          double width = gdk_paintable_get_intrinsic_width (image);
          double height = gdk_paintable_get_intrinsic_height (image);
          GdkRGBA background;

          lookup_color (GTK_WIDGET (self), "window_bg_color", "#fafafa", &background);
          background.alpha = 1;
          gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
          gdk_paintable_snapshot (image, snapshot, width, height);
          g_object_unref (image);
          image = gtk_snapshot_free_to_paintable (snapshot, &GRAPHENE_SIZE_INIT (width, height));
        }

      /* A still image taken before the card turns into a placeholder. */
      gtk_drag_source_set_icon (source, image, 24, 16);
    }

  if (drag != NULL)
    grab_keyboard_for_drag (self);

  if (board != NULL)
    affari_kanban_board_drag_begin (board, self);
}

static void
on_drag_end_cb (GtkDragSource    *source,
                GdkDrag          *drag,
                gboolean          delete_data,
                AffariKanbanCard *self)
{
  AffariKanbanBoard *board = get_board (self);

  ungrab_keyboard_for_drag (self);
  if (board != NULL)
    affari_kanban_board_drag_end (board);
}

static gboolean
on_drag_cancel_cb (GtkDragSource       *source,
                   GdkDrag             *drag,
                   GdkDragCancelReason  reason,
                   AffariKanbanCard    *self)
{
  AffariKanbanBoard *board = get_board (self);

  ungrab_keyboard_for_drag (self);

  /* Nothing was written yet: putting the board back as it was is all a cancel needs. */
  if (board != NULL)
    affari_kanban_board_drag_cancel (board);

  /* Let GTK fly the icon back to where it came from. */
  return FALSE;
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
  if (self->menu == NULL || !graphene_rect_contains_point (&self->menu_rect, &GRAPHENE_POINT_INIT (x, y)))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu (self, &self->menu_rect);
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
  if (graphene_rect_contains_point (&self->menu_rect, &point))
    {
      gtk_tooltip_set_text (tooltip, _("Deal Actions"));
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { self->menu_rect.origin.x, self->menu_rect.origin.y, MENU_SIZE, MENU_SIZE });
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

  if (self->deal != NULL)
    gtk_widget_activate_action (widget, "kanban.open-deal", "x", affari_deal_get_id (self->deal));
}

static void
trash_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AffariKanbanCard *self = AFFARI_KANBAN_CARD (widget);

  if (self->deal != NULL)
    gtk_widget_activate_action (widget, "kanban.trash-deal", "x", affari_deal_get_id (self->deal));
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
  lookup_color (widget, "error_color", "#c01c28", &error);
  lookup_color (widget, "accent_color", "#1c71d8", &accent);

  /* Title, and the menu button in the corner (its margin as the old flat button had). */
  pango_layout_set_width (self->title, MAX (1, width - MENU_SIZE - TITLE_GAP) * PANGO_SCALE);
  self->title_rect = GRAPHENE_RECT_INIT (0, 0, width - MENU_SIZE - TITLE_GAP, line);
  snapshot_layout (snapshot, self->title, 0, 0, &color);
  self->menu_rect = GRAPHENE_RECT_INIT (width - MENU_SIZE + 6, -4, MENU_SIZE, MENU_SIZE);
  snapshot_icon (widget, snapshot, "view-more-symbolic",
                 self->menu_rect.origin.x + (MENU_SIZE - ICON_SIZE) / 2.0,
                 self->menu_rect.origin.y + (MENU_SIZE - ICON_SIZE) / 2.0, &dim);

  y = MAX (line, MENU_SIZE - 4) + ROW_SPACING;
  snapshot_layout (snapshot, self->amount, 0, y, &color);
  y += line + ROW_SPACING;
  pango_layout_set_width (self->client, width * PANGO_SCALE);
  snapshot_layout (snapshot, self->client, 0, y, &dim);
  y += line + ROW_SPACING + FOOTER_MARGIN;

  /* Footer: avatar, activity, and the repeat badge on the right. */
  x = 0;
  right = width;
  if (self->has_avatar)
    {
      snapshot_avatar (self, snapshot, x, y);
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
      snapshot_layout (snapshot, self->badge, self->badge_rect.origin.x + BADGE_PADDING, self->badge_rect.origin.y + 1, &accent);
      right = self->badge_rect.origin.x - FOOTER_SPACING;
    }
  if (self->activity_state != ACTIVITY_NONE)
    {
      snapshot_icon (widget, snapshot, "alarm-symbolic", x, y + (FOOTER_HEIGHT - ICON_SIZE) / 2.0,
                     self->activity_state == ACTIVITY_OVERDUE ? &error : &color);
      x += ICON_SIZE + FOOTER_SPACING;
    }
  pango_layout_set_width (self->activity, MAX (1, (int) (right - x)) * PANGO_SCALE);
  pango_layout_get_pixel_size (self->activity, NULL, &h);
  snapshot_layout (snapshot, self->activity, x, y + (FOOTER_HEIGHT - h) / 2.0,
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

  ungrab_keyboard_for_drag (self);
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

  gtk_widget_class_install_action (widget_class, "card.move-to", "x", move_to_action);
  gtk_widget_class_install_action (widget_class, "card.move-previous", NULL, move_previous_action);
  gtk_widget_class_install_action (widget_class, "card.move-next", NULL, move_next_action);
  gtk_widget_class_install_action (widget_class, "card.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "card.trash", NULL, trash_action);
  gtk_widget_class_install_action (widget_class, "card.menu", NULL, menu_action);

  gtk_widget_class_set_css_name (widget_class, "kanban-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
affari_kanban_card_init (AffariKanbanCard *self)
{
  GtkDragSource *drag_source;
  GtkGesture *primary;
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

  primary = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (primary), GDK_BUTTON_PRIMARY);
  g_signal_connect (primary, "pressed", G_CALLBACK (on_primary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (primary));

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
  /* The deal list updates live objects in place after every change in the store. */
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

GtkListItem *
affari_kanban_card_get_list_item (AffariKanbanCard *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_CARD (self), NULL);

  return self->list_item;
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
