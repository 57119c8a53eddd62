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
