/* affari-drag.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-drag"

#include "config.h"

#include <gtk/gtk.h>

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XInput2.h>
#endif

#include "ui/common/affari-drag.h"

GdkPaintable *
affari_drag_make_icon (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) live = gtk_widget_paintable_new (widget);
  GdkPaintable *image = gdk_paintable_get_current_image (live);
  GtkSnapshot *snapshot;
  double width, height;
  GdkRGBA background;

  /* Without a compositor (a bare X server) the drag window has no transparency: the corners
   * outside a rounded edge would be black. Then the icon gets the colour of the window behind. */
  if (gdk_display_is_composited (gtk_widget_get_display (widget)))
    return image;

  snapshot = gtk_snapshot_new ();
  width = gdk_paintable_get_intrinsic_width (image);
  height = gdk_paintable_get_intrinsic_height (image);
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "window_bg_color", &background))
    gdk_rgba_parse (&background, "#fafafa");
  background.alpha = 1;
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (image, snapshot, width, height);
  g_object_unref (image);

  return gtk_snapshot_free_to_paintable (snapshot, &GRAPHENE_SIZE_INIT (width, height));
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
int
affari_drag_grab_keyboard (GtkWidget *widget)
{
  int grabbed = 0;
#ifdef GDK_WINDOWING_X11
  GtkNative *native = gtk_widget_get_native (widget);
  GdkDisplay *display = gtk_widget_get_display (widget);
  GdkSeat *seat = gdk_display_get_default_seat (display);
  GdkDevice *keyboard = seat != NULL ? gdk_seat_get_keyboard (seat) : NULL;
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;
  unsigned char bits[XIMaskLen (XI_LASTEVENT)] = { 0 };
  XIEventMask mask = { 0 };
  Display *xdisplay;
  int device_id;

  if (!GDK_IS_X11_DISPLAY (display) || keyboard == NULL || surface == NULL)
    return 0;

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
    grabbed = device_id;
  gdk_x11_display_error_trap_pop_ignored (display);
#endif
  return grabbed;
}

void
affari_drag_ungrab_keyboard (GtkWidget *widget,
                             int       *grabbed)
{
#ifdef GDK_WINDOWING_X11
  GdkDisplay *display = gtk_widget_get_display (widget);

  if (*grabbed == 0 || !GDK_IS_X11_DISPLAY (display))
    return;

  gdk_x11_display_error_trap_push (display);
  XIUngrabDevice (gdk_x11_display_get_xdisplay (display), *grabbed, CurrentTime);
  gdk_x11_display_error_trap_pop_ignored (display);
  *grabbed = 0;
#endif
}

/* A drag by touch starts with a long press.
 *
 * What GTK 4.8.3 does with a finger (gtkscrolledwindow.c, gtkwidget.c, gtkdragsource.c): a
 * GtkScrolledWindow with kinetic scrolling has touch-only gestures in the capture phase, ahead of
 * the card's own. Its drag gesture claims a finger that moves past the drag threshold, which
 * cancels the gestures of the widgets under it (the card's drag source too): the column scrolls,
 * the board swipes (a scrolled window that scrolls one way only also has a pan gesture in the
 * group, which denies a finger moving the other way, so the board takes horizontal swipes and the
 * column vertical ones). Its long press denies the finger instead, so that the widget under it
 * can have it. A GtkDragSource asks "prepare" for content at every motion past the threshold
 * until it gets some (NULL just means: not yet).
 *
 * So a card is picked up by a long press of its own, grouped with its drag source: it claims the
 * finger for the card (the scrolled windows above see it denied), lifts the card so that the person
 * sees it held, and arms the source, whose "prepare" gives no content to a finger before that;
 * the next motion past the threshold starts the drag, at any depth of scrolled windows. The mouse
 * and the touchpad are not held back. */

static GQuark
armed_quark (void)
{
  return g_quark_from_static_string ("affari-drag-touch-armed");
}

static void
set_armed (GtkDragSource *source,
           gboolean       armed)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));

  g_object_set_qdata (G_OBJECT (source), armed_quark (), GINT_TO_POINTER (armed));
  /* What the finger holds is lifted: it is shown before it moves. */
  if (widget != NULL && armed)
    gtk_widget_add_css_class (widget, "lifted");
  else if (widget != NULL)
    gtk_widget_remove_css_class (widget, "lifted");
}

static gboolean
event_is_touch (GdkEvent *event)
{
  GdkDevice *device;

  if (event == NULL)
    return FALSE;

  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCH_END:
    case GDK_TOUCH_CANCEL:
      return TRUE;
    default:
      break;
    }

  /* A pointer event emulated from a finger. */
  device = gdk_event_get_device (event);
  return device != NULL && gdk_device_get_source (device) == GDK_SOURCE_TOUCHSCREEN;
}

static void
on_touch_long_pressed_cb (GtkGestureLongPress *gesture,
                          double               x,
                          double               y,
                          GtkDragSource       *source)
{
  set_armed (source, TRUE);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* Every new press starts unarmed. */
static void
on_source_begin_cb (GtkGesture       *gesture,
                    GdkEventSequence *sequence,
                    GtkDragSource    *source)
{
  set_armed (source, FALSE);
}

static void
on_source_end_cb (GtkGesture       *gesture,
                  GdkEventSequence *sequence,
                  GtkDragSource    *source)
{
  set_armed (source, FALSE);
}

GtkGesture *
affari_drag_source_add_touch_long_press (GtkDragSource *source,
                                         GtkWidget     *widget)
{
  GtkGesture *long_press;

  g_return_val_if_fail (GTK_IS_DRAG_SOURCE (source), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  long_press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect_object (long_press, "pressed", G_CALLBACK (on_touch_long_pressed_cb), source, 0);
  g_signal_connect_object (source, "begin", G_CALLBACK (on_source_begin_cb), source, 0);
  g_signal_connect_object (source, "end", G_CALLBACK (on_source_end_cb), source, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (long_press));
  /* Grouped, the source shares the claim of the long press (alone it would be denied by it). */
  gtk_gesture_group (long_press, GTK_GESTURE (source));

  return long_press;
}

gboolean
affari_drag_touch_may_begin (GtkDragSource *source)
{
  g_return_val_if_fail (GTK_IS_DRAG_SOURCE (source), FALSE);

  if (!event_is_touch (gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (source))))
    return TRUE;

  return affari_drag_touch_get_armed (source);
}

gboolean
affari_drag_touch_get_armed (GtkDragSource *source)
{
  g_return_val_if_fail (GTK_IS_DRAG_SOURCE (source), FALSE);

  return GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (source), armed_quark ()));
}
