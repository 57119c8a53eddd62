/* affari-kanban-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-kanban-card"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "model/affari-money.h"

#include "affari-kanban-board.h"
#include "affari-kanban-card.h"

struct _AffariKanbanCard
{
  GtkWidget       parent_instance;

  AffariDeal     *deal;
  gulong          notify_handler;
  GtkListItem    *list_item;        /* unowned: the item owns the card */
  GMenuModel     *menu;
  GtkWidget      *context_menu;

  /* template */
  GtkWidget      *box;
  GtkLabel       *title_label;
  GtkMenuButton  *menu_button;
  GtkLabel       *amount_label;
  GtkLabel       *client_label;
  AdwAvatar      *avatar;
  GtkWidget      *activity_icon;
  GtkLabel       *activity_label;
  GtkWidget      *repeat_badge;
};

G_DEFINE_FINAL_TYPE (AffariKanbanCard, affari_kanban_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DEAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ auxiliary */

static AffariKanbanBoard *
get_board (AffariKanbanCard *self)
{
  return (AffariKanbanBoard *) gtk_widget_get_ancestor (GTK_WIDGET (self), AFFARI_TYPE_KANBAN_BOARD);
}

/* The next activity as a seller reads it: overdue (red), today, planned, or none. */
static void
update_activity (AffariKanbanCard *self)
{
  gint64 deadline = affari_deal_get_next_activity (self->deal);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *text = NULL;
  const char *state;

  gtk_widget_remove_css_class (GTK_WIDGET (self->activity_label), "error");
  gtk_widget_remove_css_class (self->activity_icon, "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->activity_label), "dim-label");

  if (deadline == 0)
    {
      gtk_widget_set_visible (self->activity_icon, FALSE);
      gtk_label_set_text (self->activity_label, _("No activity"));
      gtk_widget_add_css_class (GTK_WIDGET (self->activity_label), "dim-label");
      gtk_widget_set_name (GTK_WIDGET (self->activity_label), "none");
      return;
    }

  gtk_widget_set_visible (self->activity_icon, TRUE);
  now = g_date_time_new_now_local ();
  when = g_date_time_new_from_unix_local (deadline);

  if (deadline < g_date_time_to_unix (now))
    {
      shown = g_date_time_format (when, "%d/%m");
      /* Translators: the next activity of a deal is late; %s is its date, "27/11". */
      text = g_strdup_printf (_("Overdue: %s"), shown);
      gtk_widget_add_css_class (GTK_WIDGET (self->activity_label), "error");
      gtk_widget_add_css_class (self->activity_icon, "error");
      state = "overdue";
    }
  else if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
           g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    {
      shown = g_date_time_format (when, "%H:%M");
      /* Translators: the next activity of a deal is due today; %s is its time, "14:30". */
      text = g_strdup_printf (_("Today %s"), shown);
      state = "today";
    }
  else
    {
      shown = g_date_time_format (when, g_date_time_get_year (when) == g_date_time_get_year (now) ? "%d/%m" : "%d/%m/%Y");
      /* Translators: the next activity of a deal; %s is its date, "27/11/2026". */
      text = g_strdup_printf (_("Planned: %s"), shown);
      state = "planned";
    }

  gtk_label_set_text (self->activity_label, text);
  /* The state, for tests and the inspector. */
  gtk_widget_set_name (GTK_WIDGET (self->activity_label), state);
}

static void
update (AffariKanbanCard *self)
{
  g_autofree char *amount = NULL;
  g_autofree char *description = NULL;
  const char *client;
  const char *assigned;

  if (self->deal == NULL)
    return;

  gtk_label_set_text (self->title_label, affari_deal_get_title (self->deal));

  amount = affari_money_format (affari_deal_get_amount (self->deal), affari_deal_get_currency (self->deal));
  gtk_label_set_text (self->amount_label, amount);

  client = affari_deal_get_client_name (self->deal);
  gtk_label_set_text (self->client_label, client != NULL ? client : _("No client"));

  assigned = affari_deal_get_assigned_name (self->deal);
  adw_avatar_set_text (self->avatar, assigned);
  gtk_widget_set_visible (GTK_WIDGET (self->avatar), assigned != NULL && *assigned != '\0');
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->avatar), assigned);

  gtk_widget_set_visible (self->repeat_badge,
                          affari_deal_get_is_return_customer (self->deal) ||
                          affari_deal_get_is_repeated_approach (self->deal));

  update_activity (self);

  description = affari_kanban_card_describe (self->deal);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}

static void
move_to (AffariKanbanCard *self,
         gint64            stage_id)
{
  if (self->deal == NULL || stage_id == 0)
    return;

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
      g_autoptr(GdkPaintable) live = gtk_widget_paintable_new (self->box);
      g_autoptr(GdkPaintable) image = gdk_paintable_get_current_image (live);

      /* A still image taken before the card turns into a placeholder. */
      gtk_drag_source_set_icon (source, image, 24, 16);
    }

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

  /* Nothing was written yet: putting the board back as it was is all a cancel needs. */
  if (board != NULL)
    affari_kanban_board_drag_end (board);

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
  GMenuModel *menu = self->menu;
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  if (menu == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);

  if (self->context_menu == NULL)
    {
      self->context_menu = gtk_popover_menu_new_from_model (menu);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
    }
  else
    {
      gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), menu);
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  AffariKanbanCard *self = user_data;

  /* Built on the first click only: a popover menu per card would cost every row its widgets
   * and action observers. */
  gtk_menu_button_set_menu_model (button, self->menu);
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

  gtk_menu_button_popup (self->menu_button);
}

/* ------------------------------------------------------------ overrides */

static void
affari_kanban_card_dispose (GObject *object)
{
  AffariKanbanCard *self = AFFARI_KANBAN_CARD (object);

  affari_kanban_card_set_deal (self, NULL);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_object (&self->menu);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_KANBAN_CARD);

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
affari_kanban_card_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  AffariKanbanCard *self = AFFARI_KANBAN_CARD (widget);

  GTK_WIDGET_CLASS (affari_kanban_card_parent_class)->size_allocate (widget, width, height, baseline);

  if (self->context_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->context_menu));
}

static void
affari_kanban_card_class_init (AffariKanbanCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_kanban_card_dispose;
  object_class->get_property = affari_kanban_card_get_property;
  object_class->set_property = affari_kanban_card_set_property;

  widget_class->size_allocate = affari_kanban_card_size_allocate;

  properties[PROP_DEAL] =
    g_param_spec_object ("deal", NULL, NULL,
                         AFFARI_TYPE_DEAL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-kanban-card.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanCard, box);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanCard, menu_button);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanCard, amount_label);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanCard, client_label);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanCard, avatar);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanCard, activity_icon);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanCard, activity_label);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanCard, repeat_badge);

  gtk_widget_class_install_action (widget_class, "card.move-to", "x", move_to_action);
  gtk_widget_class_install_action (widget_class, "card.move-previous", NULL, move_previous_action);
  gtk_widget_class_install_action (widget_class, "card.move-next", NULL, move_next_action);
  gtk_widget_class_install_action (widget_class, "card.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "card.trash", NULL, trash_action);
  gtk_widget_class_install_action (widget_class, "card.menu", NULL, menu_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kanban-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
affari_kanban_card_init (AffariKanbanCard *self)
{
  GtkDragSource *drag_source;
  GtkGesture *secondary;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_create_popup_func (self->menu_button, create_popup_cb, self, NULL);

  drag_source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag_source, GDK_ACTION_MOVE);
  g_signal_connect (drag_source, "prepare", G_CALLBACK (on_drag_prepare_cb), self);
  g_signal_connect (drag_source, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag_source, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  g_signal_connect (drag_source, "drag-cancel", G_CALLBACK (on_drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag_source));

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
  if (gtk_menu_button_get_menu_model (self->menu_button) != NULL)
    gtk_menu_button_set_menu_model (self->menu_button, NULL);
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
