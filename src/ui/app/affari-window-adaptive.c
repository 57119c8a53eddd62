/* affari-window-adaptive.c — one window from a 360 px phone to a wide desktop (libadwaita 1.2:
 * no breakpoints): what the header has no room for goes into the main menu, the view switcher
 * moves to the bottom bar, and below AFFARI_NARROW_WIDTH the deal card is a page of its own, with a
 * back button, instead of a panel at the side
 *
 * The header's squeezers decide from the room they get, so the window can always shrink; the
 * card's page follows the window's allocated width (a phone's window is maximized: its default
 * width says nothing).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/app/affari-window-private.h"
#include "ui/common/affari-narrow-layout.h"

/* Below this width the card fills the window: a 640 px panel beside the views would hide them. */
/* The card's panel when wide, as before (resources/ui/affari-window.ui). */
#define CARD_PANEL_WIDTH 640

static gboolean
is_card_page (AffariWindow *self)
{
  return self->narrow && adw_flap_get_reveal_flap (self->card_flap);
}

/* The bottom bar replaces the header's switcher when the header has no room for it; pointless
 * while there is nothing to switch between, or while the card covers the views. */
void
_affari_window_update_switcher_bar (AffariWindow *self)
{
  gboolean squeezed = adw_view_switcher_title_get_title_visible (self->switcher_title);
  gboolean reveal = (self->narrow || squeezed) && !self->empty && !is_card_page (self);

  /* Its buttons are built when it is first needed: most windows are never that narrow. */
  if (reveal && adw_view_switcher_bar_get_stack (self->switcher_bar) == NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, self->view_stack);
  adw_view_switcher_bar_set_reveal (self->switcher_bar, reveal);
}

/* Wide, an open card has its whole width, as before; narrow, or once slid out, it scrolls sideways
 * rather than keep the window wide (a closed card must not keep a phone's window wide). */
static void
update_card_scroller (AffariWindow *self)
{
  gboolean shown = adw_flap_get_reveal_flap (self->card_flap) || adw_flap_get_reveal_progress (self->card_flap) > 0.0;

  gtk_scrolled_window_set_policy (self->card_scroller,
                                  !self->narrow && shown ? GTK_POLICY_NEVER : GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
}

/* The header: the views' (pipeline, switcher, search, new deal), or none on the card's page. */
void
_affari_window_update_header (AffariWindow *self)
{
  gboolean card_page = is_card_page (self);

  update_card_scroller (self);

  /* Narrow, the card's page has its own header (back, the deal's title, its menu): one header, as
   * on a phone, not the window's over the card's. */
  gtk_widget_set_visible (self->header_bar, !card_page);
  gtk_widget_set_visible (GTK_WIDGET (self->search_bar), !card_page);
  /* Narrow, the switcher is at the bottom, and the pipeline's name has the header's room. */
  gtk_stack_set_visible_child_name (self->title_stack,
                                    self->empty ? "title" : self->narrow ? "none" : "switcher");
  _affari_window_update_switcher_bar (self);
}

/* The squeezers may drop the labelled "Nuovo affare" and "Cerca" only when narrow: wide, the header
 * keeps them whole even if the view switcher has to move off centre, as it always did. Hidden
 * rather than disabled pages: a squeezer's minimum size counts the disabled ones. */
static void
allow_when_narrow (GtkWidget *child,
                   gboolean   narrow)
{
  gtk_widget_set_visible (child, narrow);
}

/* Narrow below AFFARI_NARROW_WIDTH, and always on a phone's screen: there the window opens at whatever
 * size it had, and a layout chosen for that size (an open card's whole width) could keep it from
 * ever getting as narrow as the screen. */
static gboolean
is_narrow (AffariWindow *self,
           int           width)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self));
  GdkMonitor *monitor = NULL;
  GdkRectangle geometry;

  if (width < AFFARI_NARROW_WIDTH)
    return TRUE;
  if (surface != NULL)
    monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (GTK_WIDGET (self)), surface);
  if (monitor == NULL)
    return FALSE;
  gdk_monitor_get_geometry (monitor, &geometry);

  return geometry.width < AFFARI_NARROW_WIDTH;
}

static void
apply_width (AffariWindow *self,
             int           width)
{
  gboolean narrow = is_narrow (self, width);

  if (narrow == self->narrow)
    return;

  self->narrow = narrow;
  allow_when_narrow (self->new_deal_icon_button, narrow);
  allow_when_narrow (self->new_deal_none, narrow);
  allow_when_narrow (self->search_none, narrow);
  /* Narrow, the card's clamp lets it fill the window; wide, it is the panel at the side. */
  adw_clamp_set_maximum_size (self->card_clamp, narrow ? G_MAXINT / 2 : CARD_PANEL_WIDTH);
  adw_clamp_set_tightening_threshold (self->card_clamp, narrow ? G_MAXINT / 2 : CARD_PANEL_WIDTH);
  gtk_widget_set_halign (GTK_WIDGET (self->card_clamp), narrow ? GTK_ALIGN_FILL : GTK_ALIGN_END);
  _affari_window_update_header (self);
}

static gboolean
on_width_idle_cb (gpointer user_data)
{
  AffariWindow *self = AFFARI_WINDOW (user_data);

  self->width_source = 0;
  apply_width (self, gtk_widget_get_width (GTK_WIDGET (self)));

  return G_SOURCE_REMOVE;
}

/* What the squeezers took out of the header is in the main menu. */
static void
update_overflow (AffariWindow *self)
{
  GtkWidget *new_deal = adw_squeezer_get_visible_child (ADW_SQUEEZER (self->new_deal_squeezer));
  gboolean no_new_deal = new_deal != GTK_WIDGET (self->new_deal_button) && new_deal != self->new_deal_icon_button;
  gboolean no_search = adw_squeezer_get_visible_child (ADW_SQUEEZER (self->search_squeezer)) != GTK_WIDGET (self->search_button);

  g_menu_remove_all (self->overflow_section);
  if (no_new_deal)
    g_menu_append (self->overflow_section, adw_button_content_get_label (self->new_deal_content), "win.new-deal");
  if (no_search)
    g_menu_append (self->overflow_section, _("Search"), "win.search");
  /* Without the header's button, the bar's own closes the search. */
  gtk_search_bar_set_show_close_button (self->search_bar, no_search);
}

static void
on_overflow_changed_cb (GObject      *object,
                        GParamSpec   *pspec,
                        AffariWindow *self)
{
  update_overflow (self);
}

static void
on_card_flap_reveal_progress_changed_cb (AdwFlap      *flap,
                                         GParamSpec   *pspec,
                                         AffariWindow *self)
{
  if (!adw_flap_get_reveal_flap (flap) && adw_flap_get_reveal_progress (flap) <= 0.0)
    update_card_scroller (self);
}

/* The damaged database's buttons wrap their labels: the bar, even hidden, must not keep a phone's
 * window wide. */
static void
wrap_button_label (GtkWidget *button)
{
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

  if (GTK_IS_LABEL (label))
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
    }
}

/* ------------------------------------------------------------ window's */

void
_affari_window_adaptive_allocated (AffariWindow *self,
                                   int           width)
{
  /* Applied after this frame: changing the layout while it is being allocated is not allowed. */
  if (is_narrow (self, width) != self->narrow && self->width_source == 0)
    self->width_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_width_idle_cb, self, NULL);
}

void
_affari_window_adaptive_init (AffariWindow *self)
{
  int width = 0, height = 0;

  /* Before the first allocation, the size the window opens at (a phone's is set later by the
   * compositor, and followed then). */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width <= 0)
    width = AFFARI_NARROW_WIDTH;
  self->narrow = !is_narrow (self, width);   /* so that it is applied */
  apply_width (self, width);

  wrap_button_label (self->damaged_restore_button);
  wrap_button_label (self->damaged_read_only_button);
  g_signal_connect (self->new_deal_squeezer, "notify::visible-child", G_CALLBACK (on_overflow_changed_cb), self);
  g_signal_connect (self->search_squeezer, "notify::visible-child", G_CALLBACK (on_overflow_changed_cb), self);
  g_signal_connect (self->new_deal_content, "notify::label", G_CALLBACK (on_overflow_changed_cb), self);
  g_signal_connect (self->card_flap, "notify::reveal-progress",
                    G_CALLBACK (on_card_flap_reveal_progress_changed_cb), self);
}

void
_affari_window_adaptive_dispose (AffariWindow *self)
{
  g_clear_handle_id (&self->width_source, g_source_remove);
}
