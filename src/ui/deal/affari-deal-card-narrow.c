/* affari-deal-card-narrow.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-card"

#include "config.h"

#include "ui/deal/affari-deal-card-narrow.h"
#include "ui/deal/affari-deal-stage-bar.h"
#include "ui/common/affari-narrow-layout.h"

#define SCROLL_MARGIN 12 /* what is scrolled into view keeps a little of its neighbours visible */
#define TOUCH_SIZE    44 /* a finger's target */
/* Narrow and shorter than this (a phone's keyboard is up), the summary (title, amount, stage bar)
 * gives its room to the field being typed in: with it, the page kept about 50 px. */
#define SHORT_HEIGHT  480

/* The header's buttons, sized for a finger when narrow. */
static const char * const header_buttons[] = { "create_button", "menu_button", "back_button" };

struct _AffariCardNarrow
{
  GtkWidget  *card;           /* owns this */
  GtkWidget  *view_switcher;  /* the template's, in the header */
  GtkWidget  *switcher_bar;
  GtkWidget  *stage_scroller;
  GtkWidget  *stage_bar;
  GtkWidget  *back_button;    /* narrow: the header's way back, where the close button was */
  GtkWidget  *close_button;
  GtkWidget  *narrow_title;   /* narrow: the deal's title, where the pages' switcher was */
  GtkWidget  *title_label;
  char       *untitled;       /* the narrow title of a deal without one (translated, from the template) */
  int         wide_width;     /* the card's width-request when wide */

  GtkWindow  *window;         /* while the card is realized */
  GdkSurface *surface;
  int         last_height;
  guint       stage_source;
  guint       focus_source;
  GtkAdjustment *focus_adjustment; /* weak: the focused field's, until its next layout */
  gboolean    narrow;
  int         forced;         /* -1: follows the window; else what the card's parent said */
};

/* ------------------------------------------------------------ scrolling into view */

/* Scrolls @widget into the visible part of the nearest viewport holding it inside the card. The
 * viewports' own scroll-to-focus acts only when the focus moves; the keyboard of a phone shrinks
 * the window under a field that keeps it. */
static void
scroll_into_view (AffariCardNarrow *self,
                  GtkWidget        *widget)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL && w != self->card; w = gtk_widget_get_parent (w))
    {
      GtkWidget *content;
      graphene_rect_t bounds;
      GtkAdjustment *adjustment;

      if (!GTK_IS_VIEWPORT (w) || (content = gtk_viewport_get_child (GTK_VIEWPORT (w))) == NULL)
        continue;
      if (!gtk_widget_compute_bounds (widget, content, &bounds))
        return;
      adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (w));
      if (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment))
        gtk_adjustment_clamp_page (adjustment, bounds.origin.y - SCROLL_MARGIN,
                                   bounds.origin.y + bounds.size.height + SCROLL_MARGIN);
      adjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (w));
      if (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment))
        gtk_adjustment_clamp_page (adjustment, bounds.origin.x - SCROLL_MARGIN,
                                   bounds.origin.x + bounds.size.width + SCROLL_MARGIN);
      return;
    }
}

/* Idle, after the frame's layout: the bounds are the ones on screen. */
static gboolean
on_focus_idle_cb (gpointer user_data)
{
  AffariCardNarrow *self = user_data;
  GtkWidget *focus;

  self->focus_source = 0;
  if (self->narrow && self->window != NULL &&
      (focus = gtk_root_get_focus (GTK_ROOT (self->window))) != NULL &&
      gtk_widget_is_ancestor (focus, self->card))
    scroll_into_view (self, focus);
  return G_SOURCE_REMOVE;
}

static void
queue_focus_into_view (AffariCardNarrow *self)
{
  if (self->narrow && self->focus_source == 0)
    self->focus_source = g_idle_add (on_focus_idle_cb, self);
}

static void
forget_focus_adjustment (AffariCardNarrow *self)
{
  if (self->focus_adjustment == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->focus_adjustment, self);
  g_object_remove_weak_pointer (G_OBJECT (self->focus_adjustment), (gpointer *) &self->focus_adjustment);
  self->focus_adjustment = NULL;
}

static void
on_focus_adjustment_changed_cb (GtkAdjustment    *adjustment,
                                AffariCardNarrow *self)
{
  forget_focus_adjustment (self);
  queue_focus_into_view (self);
}

/* The window got shorter: once the focused field's viewport has its new page size (the layout
 * of the next frame), the field goes back into view. */
static void
keep_focus_after_resize (AffariCardNarrow *self)
{
  GtkWidget *focus;

  if (!self->narrow || self->window == NULL ||
      (focus = gtk_root_get_focus (GTK_ROOT (self->window))) == NULL || !gtk_widget_is_ancestor (focus, self->card))
    return;
  for (GtkWidget *w = gtk_widget_get_parent (focus); w != NULL && w != self->card; w = gtk_widget_get_parent (w))
    if (GTK_IS_VIEWPORT (w))
      {
        forget_focus_adjustment (self);
        self->focus_adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (w));
        g_object_add_weak_pointer (G_OBJECT (self->focus_adjustment), (gpointer *) &self->focus_adjustment);
        g_signal_connect (self->focus_adjustment, "changed", G_CALLBACK (on_focus_adjustment_changed_cb), self);
        break;
      }
  queue_focus_into_view (self);
}

static gboolean
on_stage_idle_cb (gpointer user_data)
{
  AffariCardNarrow *self = user_data;
  GtkWidget *step;

  self->stage_source = 0;
  if (self->narrow && (step = affari_deal_stage_bar_get_current_step (AFFARI_DEAL_STAGE_BAR (self->stage_bar))) != NULL)
    scroll_into_view (self, step);
  return G_SOURCE_REMOVE;
}

/* The bar was laid out again (narrow now, other stages, another width): its step goes back in view. */
static void
on_stage_adjustment_changed_cb (GtkAdjustment    *adjustment,
                                AffariCardNarrow *self)
{
  affari_card_narrow_show_current_stage (self);
}

/* ------------------------------------------------------------ the width */

static void
update_header_title (AffariCardNarrow *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_label));

  adw_window_title_set_title (ADW_WINDOW_TITLE (self->narrow_title),
                              title != NULL && *title != '\0' ? title : self->untitled);
}

static void
on_title_changed_cb (GObject          *object,
                     GParamSpec       *pspec,
                     AffariCardNarrow *self)
{
  update_header_title (self);
}

static void
set_narrow (AffariCardNarrow *self,
            gboolean          narrow)
{
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;
  gtk_widget_set_size_request (self->card, narrow ? -1 : self->wide_width, -1);
  gtk_widget_set_visible (self->view_switcher, !narrow);
  /* A page of its own: its header is the window's only one, back and the deal's title. */
  gtk_widget_set_visible (self->narrow_title, narrow);
  gtk_widget_set_visible (self->back_button, narrow);
  gtk_widget_set_visible (self->close_button, !narrow);
  adw_view_switcher_bar_set_reveal (ADW_VIEW_SWITCHER_BAR (self->switcher_bar), narrow);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->stage_scroller),
                                  narrow ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER, GTK_POLICY_NEVER);
  affari_deal_stage_bar_set_narrow (AFFARI_DEAL_STAGE_BAR (self->stage_bar), narrow);
  for (guint i = 0; i < G_N_ELEMENTS (header_buttons); i++)
    {
      GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (self->card, AFFARI_TYPE_DEAL_CARD, header_buttons[i]));

      /* A menu button is clicked on the button inside it. */
      if (GTK_IS_MENU_BUTTON (button))
        button = gtk_widget_get_first_child (button);
      gtk_widget_set_size_request (button, narrow ? TOUCH_SIZE : -1, narrow ? TOUCH_SIZE : -1);
    }
  if (narrow)
    gtk_widget_add_css_class (self->card, "narrow");
  else
    gtk_widget_remove_css_class (self->card, "narrow");
  affari_card_narrow_show_current_stage (self);
  /* Opened on a phone before its first layout said so, the card gave the focus to the title: an
   * existing deal is read first, so it moves to the way back (no keyboard over the card). */
  if (narrow && affari_deal_card_get_deal_id (AFFARI_DEAL_CARD (self->card)) != 0)
    {
      GtkRoot *root = gtk_widget_get_root (self->card);
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      if (focus != NULL && GTK_IS_EDITABLE (focus) && gtk_widget_is_ancestor (focus, self->card))
        gtk_widget_grab_focus (self->back_button);
    }
}

/* The window's width on screen, or the size asked for it (a maximized window keeps the size it will
 * have when restored: only its surface says). */
static void
update (AffariCardNarrow *self)
{
  int width = G_MAXINT;
  int height = 0;
  int default_width = -1;
  int default_height = -1;

  if (self->window == NULL)
    {
      if (self->forced >= 0)
        set_narrow (self, self->forced);
      return;
    }
  if (self->surface != NULL && gdk_surface_get_width (self->surface) > 1)
    {
      width = gdk_surface_get_width (self->surface);
      height = gdk_surface_get_height (self->surface);
    }
  gtk_window_get_default_size (self->window, &default_width, &default_height); /* 4.8: both needed */
  if (default_width > 0 && !gtk_window_is_maximized (self->window) && !gtk_window_is_fullscreen (self->window))
    width = MIN (width, default_width);
  set_narrow (self, self->forced >= 0 ? self->forced : width < AFFARI_NARROW_WIDTH);
  gtk_widget_set_visible (GTK_WIDGET (gtk_widget_get_template_child (self->card, AFFARI_TYPE_DEAL_CARD, "summary_box")),
                          !(self->narrow && height > 0 && height < SHORT_HEIGHT));

  /* Shorter: the on-screen keyboard came up (or the window was made shorter). */
  if (height > 0 && height < self->last_height)
    keep_focus_after_resize (self);
  self->last_height = height;
}

static void
on_window_size_changed_cb (GObject          *object,
                           GParamSpec       *pspec,
                           AffariCardNarrow *self)
{
  update (self);
}

static void
on_focus_changed_cb (GObject          *object,
                     GParamSpec       *pspec,
                     AffariCardNarrow *self)
{
  queue_focus_into_view (self);
}

static void
on_card_realize_cb (GtkWidget        *card,
                    AffariCardNarrow *self)
{
  GtkRoot *root = gtk_widget_get_root (card);
  GtkNative *native = gtk_widget_get_native (card);

  if (!GTK_IS_WINDOW (root))
    return;
  self->window = GTK_WINDOW (root);
  self->surface = native != NULL ? gtk_native_get_surface (native) : NULL;
  g_signal_connect (self->window, "notify::default-width", G_CALLBACK (on_window_size_changed_cb), self);
  g_signal_connect (self->window, "notify::maximized", G_CALLBACK (on_window_size_changed_cb), self);
  g_signal_connect (self->window, "notify::fullscreened", G_CALLBACK (on_window_size_changed_cb), self);
  g_signal_connect (self->window, "notify::focus-widget", G_CALLBACK (on_focus_changed_cb), self);
  if (self->surface != NULL)
    {
      g_signal_connect (self->surface, "notify::width", G_CALLBACK (on_window_size_changed_cb), self);
      g_signal_connect (self->surface, "notify::height", G_CALLBACK (on_window_size_changed_cb), self);
    }
  update (self);
}

static void
on_card_unrealize_cb (GtkWidget        *card,
                      AffariCardNarrow *self)
{
  if (self->surface != NULL)
    g_signal_handlers_disconnect_by_data (self->surface, self);
  if (self->window != NULL)
    g_signal_handlers_disconnect_by_data (self->window, self);
  self->surface = NULL;
  self->window = NULL;
  self->last_height = 0;
}

/* ------------------------------------------------------------ public API */

void
affari_card_narrow_class_init (GtkWidgetClass *widget_class)
{
  /* Offset 0: not a field of the card, only found with gtk_widget_get_template_child (). */
  gtk_widget_class_bind_template_child_full (widget_class, "view_switcher", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "switcher_bar", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "stage_scroller", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "close_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "summary_box", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "back_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "narrow_title", FALSE, 0);
}

AffariCardNarrow *
affari_card_narrow_new (AffariDealCard *card)
{
  AffariCardNarrow *self = g_new0 (AffariCardNarrow, 1);
  GtkWidget *widget = GTK_WIDGET (card);

  self->card = widget;
  self->forced = -1;
  self->view_switcher = GTK_WIDGET (gtk_widget_get_template_child (widget, AFFARI_TYPE_DEAL_CARD, "view_switcher"));
  self->switcher_bar = GTK_WIDGET (gtk_widget_get_template_child (widget, AFFARI_TYPE_DEAL_CARD, "switcher_bar"));
  self->stage_scroller = GTK_WIDGET (gtk_widget_get_template_child (widget, AFFARI_TYPE_DEAL_CARD, "stage_scroller"));
  self->stage_bar = GTK_WIDGET (gtk_widget_get_template_child (widget, AFFARI_TYPE_DEAL_CARD, "stage_bar"));
  self->back_button = GTK_WIDGET (gtk_widget_get_template_child (widget, AFFARI_TYPE_DEAL_CARD, "back_button"));
  self->close_button = GTK_WIDGET (gtk_widget_get_template_child (widget, AFFARI_TYPE_DEAL_CARD, "close_button"));
  self->narrow_title = GTK_WIDGET (gtk_widget_get_template_child (widget, AFFARI_TYPE_DEAL_CARD, "narrow_title"));
  self->title_label = GTK_WIDGET (gtk_widget_get_template_child (widget, AFFARI_TYPE_DEAL_CARD, "title_label"));
  self->untitled = g_strdup (adw_window_title_get_title (ADW_WINDOW_TITLE (self->narrow_title)));
  gtk_widget_get_size_request (widget, &self->wide_width, NULL);
  g_signal_connect (self->title_label, "notify::text", G_CALLBACK (on_title_changed_cb), self);
  g_signal_connect (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->stage_scroller)), "changed",
                    G_CALLBACK (on_stage_adjustment_changed_cb), self);
  g_signal_connect (widget, "realize", G_CALLBACK (on_card_realize_cb), self);
  g_signal_connect (widget, "unrealize", G_CALLBACK (on_card_unrealize_cb), self);
  return self;
}

void
affari_card_narrow_free (AffariCardNarrow *self)
{
  if (self == NULL)
    return;
  on_card_unrealize_cb (self->card, self);
  g_signal_handlers_disconnect_by_data (self->card, self);
  g_signal_handlers_disconnect_by_data (self->title_label, self);
  g_signal_handlers_disconnect_by_data (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->stage_scroller)), self);
  g_clear_handle_id (&self->stage_source, g_source_remove);
  g_clear_handle_id (&self->focus_source, g_source_remove);
  forget_focus_adjustment (self);
  g_free (self->untitled);
  g_free (self);
}

gboolean
affari_card_narrow_is_narrow (AffariCardNarrow *self)
{
  return self->narrow;
}

void
affari_card_narrow_show_current_stage (AffariCardNarrow *self)
{
  if (self->narrow && self->stage_source == 0)
    self->stage_source = g_idle_add (on_stage_idle_cb, self);
}

void
affari_card_narrow_force (AffariCardNarrow *self,
                          int               narrow)
{
  self->forced = narrow < 0 ? -1 : !!narrow;
  update (self);
}

gboolean
affari_card_narrow_grab_focus (AffariCardNarrow *self)
{
  return self->narrow && gtk_widget_grab_focus (self->back_button);
}
