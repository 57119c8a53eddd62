/* affari-calendar-chip.c
 *
 * The chips of a day: a deal (stage colour, title, amount; dragged to another day) or a planned
 * activity (time and subject); a click opens the deal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-calendar"

#include "config.h"

#include "model/affari-money.h"

#include "ui/common/affari-drag.h"
#include "ui/calendar/affari-calendar-view-private.h"
#include "ui/common/affari-stage-dot.h"

GtkWidget *
affari_calendar_label_new (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
on_chip_clicked_cb (GtkButton          *button,
                    AffariCalendarView *self)
{
  gint64 deal_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "deal-id"));

  gtk_widget_activate_action (GTK_WIDGET (self), "deal.open", "x", deal_id);
}

static GdkContentProvider *
on_chip_drag_prepare_cb (GtkDragSource *source,
                         double         x,
                         double         y,
                         GtkWidget     *chip)
{
  AffariDeal *deal = g_object_get_data (G_OBJECT (chip), "deal");

  /* A finger on the phone's list scrolls it; held still first (a long press), it drags. */
  if (g_object_get_data (G_OBJECT (chip), "after-hold") != NULL && !affari_drag_touch_may_begin (source))
    return NULL;
  /* The model object travels, never the widget: the grid is rebuilt after the drop. */
  return deal != NULL ? gdk_content_provider_new_typed (AFFARI_TYPE_DEAL, deal) : NULL;
}

static void
on_chip_drag_begin_cb (GtkDragSource      *source,
                       GdkDrag            *drag,
                       AffariCalendarView *self)
{
  GtkWidget *chip = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  AffariDeal *deal = g_object_get_data (G_OBJECT (chip), "deal");
  gint64 stage_id, minor;
  g_autofree char *amount = NULL;
  GtkWidget *icon, *title, *figure;

  if (deal == NULL)
    return;

  /* A card of its own under the pointer: the chip is flat, and its image would be transparent
   * (black where nothing composites the drag window). */
  stage_id = affari_deal_get_stage_id (deal);
  minor = affari_deal_get_amount (deal);
  amount = affari_money_format_short (affari_view_round_to_units (minor), affari_deal_get_currency (deal));
  icon = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (icon, "card");
  gtk_widget_add_css_class (icon, "calendar-drag-icon");
  gtk_box_append (GTK_BOX (icon), affari_stage_dot_new (g_hash_table_lookup (self->colors, &stage_id)));
  title = affari_calendar_label_new (affari_deal_get_title (deal), NULL);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 32);
  gtk_box_append (GTK_BOX (icon), title);
  figure = affari_calendar_label_new (amount, "amount");
  gtk_label_set_ellipsize (GTK_LABEL (figure), PANGO_ELLIPSIZE_NONE);
  gtk_box_append (GTK_BOX (icon), figure);
  gtk_drag_icon_set_child (GTK_DRAG_ICON (gtk_drag_icon_get_for_drag (drag)), icon);
  gdk_drag_set_hotspot (drag, 12, 10);
  /* The chip stays in its day, faded, until the drop rebuilds the grid (or a cancel restores it). */
  gtk_widget_add_css_class (chip, "dragging");
}

static void
on_chip_drag_end_cb (GtkDragSource *source,
                     GdkDrag       *drag,
                     gboolean       delete_data,
                     gpointer       user_data)
{
  /* The drop may have rebuilt the day, the chip with it: the source then has no widget. */
  GtkWidget *chip = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));

  if (chip == NULL)
    return;
  gtk_widget_remove_css_class (chip, "dragging");
}

GtkWidget *
affari_calendar_view_make_deal_chip (AffariCalendarView *self,
                                     AffariDeal         *deal,
                                     GtkPopover         *popover)
{
  gint64 stage_id = affari_deal_get_stage_id (deal);
  const char *color = g_hash_table_lookup (self->colors, &stage_id);
  gint64 minor = affari_deal_get_amount (deal);
  /* whole units: a day cell has room for "€ 11.361", not for the cents */
  g_autofree char *amount = affari_money_format_short (affari_view_round_to_units (minor), affari_deal_get_currency (deal));
  g_autofree char *label = g_strdup_printf ("%s, %s", affari_deal_get_title (deal), amount);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *title = affari_calendar_label_new (affari_deal_get_title (deal), NULL);
  GtkWidget *dot = affari_stage_dot_new (color);

  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), title);
  /* A month's day is too narrow for both: the title is what tells deals apart, and the amount is
   * in the tooltip (and in the week, whose days are as narrow but whose entries are fewer). */
  if (self->mode != AFFARI_CALENDAR_MONTH || popover != NULL)
    {
      GtkWidget *figure = affari_calendar_label_new (amount, "amount");

      /* the title gives way, the amount never does */
      gtk_label_set_ellipsize (GTK_LABEL (figure), PANGO_ELLIPSIZE_NONE);
      gtk_box_append (GTK_BOX (box), figure);
    }
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "calendar-chip");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (button), "deal-id", GSIZE_TO_POINTER ((gsize) affari_deal_get_id (deal)));
  if (popover != NULL)
    g_signal_connect_swapped (button, "clicked", G_CALLBACK (gtk_popover_popdown), popover);
  g_signal_connect (button, "clicked", G_CALLBACK (on_chip_clicked_cb), self);
  affari_calendar_view_add_deal_drag (self, button, deal, FALSE);
  return button;
}

void
affari_calendar_view_add_deal_drag (AffariCalendarView *self,
                                    GtkWidget          *widget,
                                    AffariDeal         *deal,
                                    gboolean            touch_after_hold)
{
  GtkDragSource *drag = gtk_drag_source_new ();

  g_object_set_data_full (G_OBJECT (widget), "deal", g_object_ref (deal), g_object_unref);
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_chip_drag_prepare_cb), widget);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_chip_drag_begin_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_chip_drag_end_cb), NULL);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));
  /* The mouse drags at once, as on the desktop: only a finger has to be held first, as on a
   * Kanban card (affari-drag.c), and the row is lifted ("lifted") while held. */
  if (touch_after_hold)
    {
      g_object_set_data (G_OBJECT (widget), "after-hold", GINT_TO_POINTER (TRUE));
      affari_drag_source_add_touch_long_press (drag, widget);
    }
}

GtkWidget *
affari_calendar_view_make_activity_chip (AffariCalendarView *self,
                                         AffariActivity     *activity,
                                         const char         *deal_title,
                                         GtkPopover         *popover)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (affari_activity_get_deadline (activity));
  g_autofree char *time = g_date_time_format (when, "%H:%M");
  g_autofree char *text = g_strdup_printf ("%s %s", time, affari_activity_get_subject (activity));
  g_autofree char *label = g_strdup_printf ("%s: %s, %s", affari_activity_type_label (affari_activity_get_kind (activity)),
                                            text, deal_title ? deal_title : "");
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *title = affari_calendar_label_new (text, NULL);

  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("alarm-symbolic"));
  gtk_box_append (GTK_BOX (box), title);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "calendar-chip");
  gtk_widget_add_css_class (button, "activity");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (button), "deal-id", GSIZE_TO_POINTER ((gsize) affari_activity_get_deal_id (activity)));
  if (popover != NULL)
    g_signal_connect_swapped (button, "clicked", G_CALLBACK (gtk_popover_popdown), popover);
  g_signal_connect (button, "clicked", G_CALLBACK (on_chip_clicked_cb), self);
  return button;
}
