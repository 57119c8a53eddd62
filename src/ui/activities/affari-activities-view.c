/* affari-activities-view.c
 *
 * Six columns, one per period of AffariActivityPeriod. The workspace buckets the deals and totals
 * them in SQL (affari_workspace_activity_buckets); each column shows its ids through a lazy
 * AffariDealIdList in a GtkListView of the Kanban's card widget, so a column of thousands of
 * deals creates only the cards on screen.
 *
 * This file is the class, its actions and the reading of the columns; a column is in
 * affari-activities-column.c, the selection, focus and drag in affari-activities-selection.c,
 * the edge autoscroll in affari-activities-autoscroll.c, the "plan" dialog in
 * affari-activities-plan-dialog.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-activities"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "ui/activities/affari-activities-view-private.h"
#include "ui/activities/affari-activities-plan-dialog.h"

/* Time moves deals from "Oggi" to "Scadute" (and everything at midnight) without any write: one
 * timeout waits for the next such moment. GLib's timeouts stand still while the computer
 * sleeps, so none waits longer than this. */
#define CLOCK_MAX_SECONDS 3600

static void     on_card_drag_begin_cb  (GtkDragSource        *source,
                                        GdkDrag              *drag,
                                        AffariActivitiesView *self);
static void     on_card_drag_end_cb    (GtkDragSource        *source,
                                        GdkDrag              *drag,
                                        gboolean              delete_data,
                                        AffariActivitiesView *self);
static gboolean on_card_drag_cancel_cb (GtkDragSource        *source,
                                        GdkDrag              *drag,
                                        GdkDragCancelReason   reason,
                                        AffariActivitiesView *self);

static void     arm_clock              (AffariActivitiesView *self);
static gboolean on_clock_cb            (gpointer              user_data);

static void     card_host_iface_init   (AffariCardHostInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AffariActivitiesView, affari_activities_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (AFFARI_TYPE_CARD_HOST, card_host_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ auxiliary */

static AffariDealQuery *
current_query (AffariActivitiesView *self)
{
  return affari_view_query_new (self->filter, self->pipeline_id);
}

static void
refresh_now (AffariActivitiesView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDealQuery) query = NULL;
  AffariActivityBucket buckets[AFFARI_N_ACTIVITY_PERIODS];
  gboolean filtered;

  if (!affari_view_refresh_begin (&self->refresh) || self->workspace == NULL)
    return;

  query = current_query (self);
  filtered = affari_deal_query_has_filter (query);
  if (!affari_workspace_activity_buckets (self->workspace, query, buckets, &error))
    {
      g_warning ("Cannot read the activities: %s", error->message);
      for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
        affari_activity_bucket_clear (&buckets[i]);
      return;
    }

  for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
    {
      affari_deal_id_list_set_ids (self->columns[i].deals, buckets[i].ids);
      g_clear_pointer (&self->columns[i].deadlines, g_array_unref);
      self->columns[i].deadlines = g_array_ref (buckets[i].deadlines);
      affari_activities_column_update (&self->columns[i], &buckets[i], filtered);
      affari_activity_bucket_clear (&buckets[i]);
    }
  arm_clock (self);
}

/* The next moment a card changes column by itself: the first deadline of "Oggi" passing, or
 * midnight. */
static void
arm_clock (AffariActivitiesView *self)
{
  Column *today = &self->columns[AFFARI_ACTIVITY_PERIOD_TODAY];
  AffariPeriodBounds bounds;
  gint64 now, next;

  g_clear_handle_id (&self->clock_source, g_source_remove);
  if (self->workspace == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  now = affari_workspace_now (self->workspace);
  affari_period_bounds_compute (&bounds, now, NULL);
  next = bounds.tomorrow_start;
  if (today->deadlines != NULL && today->deadlines->len > 0)
    next = MIN (next, g_array_index (today->deadlines, gint64, 0) + 1);
  self->clock_source = g_timeout_add_seconds ((guint) CLAMP (next - now, 1, CLOCK_MAX_SECONDS), on_clock_cb, self);
  g_source_set_name_by_id (self->clock_source, "[affari] activities clock");
}

static Column *
find_column (AffariActivitiesView *self,
             AffariActivityPeriod  period)
{
  g_return_val_if_fail ((guint) period < AFFARI_N_ACTIVITY_PERIODS, NULL);

  return &self->columns[period];
}

/* ------------------------------------------------------------ callbacks */

static void
on_workspace_changed_cb (AffariWorkspace      *workspace,
                     AffariChangeSet      *set,
                     AffariActivitiesView *self)
{
  self->n_changes++;
  /* The card must show the new next activity even when the deal stays in its column. */
  for (guint d = 0; d < affari_change_set_get_n_deals (set); d++)
    for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
      affari_deal_id_list_invalidate (self->columns[i].deals, affari_change_set_get_deal (set, d)->deal_id);
  affari_view_refresh_queue (&self->refresh);
}

static void
on_workspace_reset_cb (AffariWorkspace      *workspace,
                   AffariActivitiesView *self)
{
  affari_view_refresh_queue (&self->refresh);
}

static gboolean
on_clock_cb (gpointer user_data)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (user_data);

  self->clock_source = 0;
  affari_view_refresh_queue (&self->refresh);
  return G_SOURCE_REMOVE;
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     Column                   *column)
{
  GtkWidget *card = affari_kanban_card_new ();
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (card);

  affari_kanban_card_set_list_item (AFFARI_KANBAN_CARD (card), item);
  affari_kanban_card_set_host (AFFARI_KANBAN_CARD (card), AFFARI_CARD_HOST (column->view));
  gtk_list_item_set_child (item, card);

  /* The card's own drag source carries its deal; this view follows the drag through it (its
   * AffariCardHost leaves the drag to these). */
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DRAG_SOURCE (controller))
        {
          g_signal_connect_object (controller, "drag-begin", G_CALLBACK (on_card_drag_begin_cb), column->view, 0);
          g_signal_connect_object (controller, "drag-end", G_CALLBACK (on_card_drag_end_cb), column->view, 0);
          g_signal_connect_object (controller, "drag-cancel", G_CALLBACK (on_card_drag_cancel_cb), column->view, 0);
        }
    }
}

static GtkWidget *
build_column (AffariActivitiesView *self,
              Column               *column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), column);
  return affari_activities_column_build (column, factory);
}

static void
on_card_drag_begin_cb (GtkDragSource        *source,
                       GdkDrag              *drag,
                       AffariActivitiesView *self)
{
  affari_activities_view_drag_begin (self, AFFARI_KANBAN_CARD (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source))));
  /* Narrow, the finger that drags the card does not swipe the pages too: its edges flip them. */
  adw_carousel_set_interactive (self->carousel, FALSE);
}

static void
on_card_drag_end_cb (GtkDragSource        *source,
                     GdkDrag              *drag,
                     gboolean              delete_data,
                     AffariActivitiesView *self)
{
  affari_activities_view_drag_end (self);
  adw_carousel_set_interactive (self->carousel, TRUE);
}

static gboolean
on_card_drag_cancel_cb (GtkDragSource        *source,
                        GdkDrag              *drag,
                        GdkDragCancelReason   reason,
                        AffariActivitiesView *self)
{
  /* Nothing was written: putting the cards back is all a cancel needs. */
  affari_activities_view_drag_end (self);
  adw_carousel_set_interactive (self->carousel, TRUE);
  return FALSE;
}

/* ------------------------------------------------------------ actions */

static void
reschedule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  gint64 deal_id;
  int period;

  g_variant_get (parameter, "(xi)", &deal_id, &period);
  if (period >= 0 && period < AFFARI_N_ACTIVITY_PERIODS)
    affari_activities_view_drop_deal (AFFARI_ACTIVITIES_VIEW (widget), (AffariActivityPeriod) period, deal_id);
}

static void
plan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  int period = g_variant_get_int32 (parameter);

  if (period >= 0 && period < AFFARI_N_ACTIVITY_PERIODS)
    {
      AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (widget);
      g_autoptr(AffariDealQuery) query = current_query (self);

      if (self->workspace != NULL)
        affari_activities_plan_dialog_present (widget, self->workspace, query, (AffariActivityPeriod) period);
    }
}

static void
move_focused_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (widget);
  int direction = g_variant_get_int32 (parameter);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = NULL;
  Column *column = focus != NULL ? affari_activities_view_column_of_widget (self, focus, &row) : NULL;
  AffariKanbanCard *card = affari_activities_row_card (row);
  AffariDeal *deal = card != NULL ? affari_kanban_card_get_deal (card) : NULL;
  int period;
  gint64 deal_id;

  if (deal == NULL || direction == 0)
    return;
  deal_id = affari_deal_get_id (deal);
  period = (int) column->period + (direction < 0 ? -1 : 1);
  if (period < 0 || period >= AFFARI_N_ACTIVITY_PERIODS)
    return;
  /* The card keeps the focus in its new column, so the key can be pressed again (narrow, that
   * column is shown). */
  if (affari_activities_view_drop_deal (self, (AffariActivityPeriod) period, deal_id))
    {
      if (self->narrow)
        affari_activities_view_set_page (self, (AffariActivityPeriod) period);
      affari_activities_view_focus_later (self, deal_id);
    }
}

/* ------------------------------------------------------------ overrides */

static void
affari_activities_view_map (GtkWidget *widget)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (widget);

  GTK_WIDGET_CLASS (affari_activities_view_parent_class)->map (widget);

  if (!affari_view_refresh_mapped (&self->refresh))
    arm_clock (self);
}

static void
affari_activities_view_unmap (GtkWidget *widget)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (widget);

  g_clear_handle_id (&self->clock_source, g_source_remove);
  affari_view_refresh_unmapped (&self->refresh);

  GTK_WIDGET_CLASS (affari_activities_view_parent_class)->unmap (widget);
}

static void
affari_activities_view_dispose (GObject *object)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (object);

  affari_view_refresh_clear (&self->refresh);
  g_clear_handle_id (&self->clock_source, g_source_remove);
  affari_activities_view_stop_autoscroll (self);
  affari_activities_view_stop_focus (self);
  affari_activities_view_dispose_pager (self);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_ACTIVITIES_VIEW);

  for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
    {
      affari_activities_column_clear (&self->columns[i]);
      g_clear_pointer (&self->columns[i].summary, g_free);
    }
  g_clear_pointer (&self->dragged_ids, g_array_unref);
  g_clear_object (&self->card_menu);
  g_clear_pointer (&self->filter, affari_deal_query_free);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (affari_activities_view_parent_class)->dispose (object);
}

static void
affari_activities_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->workspace);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_activities_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      affari_activities_view_set_workspace (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_activities_view_class_init (AffariActivitiesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_activities_view_dispose;
  object_class->get_property = affari_activities_view_get_property;
  object_class->set_property = affari_activities_view_set_property;

  widget_class->map = affari_activities_view_map;
  widget_class->unmap = affari_activities_view_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("workspace", NULL, NULL, AFFARI_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-activities-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, scroller);
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, columns_box);
  affari_activities_view_class_init_pager (widget_class);

  gtk_widget_class_install_action (widget_class, "activities.reschedule", "(xi)", reschedule_action);
  gtk_widget_class_install_action (widget_class, "activities.plan", "i", plan_action);
  gtk_widget_class_install_action (widget_class, "activities.move-focused", "i", move_focused_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "activities.move-focused", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK, "activities.move-focused", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "activities.move-focused", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, GDK_ALT_MASK, "activities.move-focused", "i", 1);

  gtk_widget_class_set_css_name (widget_class, "activities-view");
}

static void
build_card_menu (AffariActivitiesView *self)
{
  g_autoptr(GMenu) open_section = g_menu_new ();
  g_autoptr(GMenu) move_section = g_menu_new ();
  g_autoptr(GMenu) move_menu = g_menu_new ();
  g_autoptr(GMenu) trash_section = g_menu_new ();

  self->card_menu = g_menu_new ();
  g_menu_append (open_section, _("Open"), "tile.open");
  g_menu_append_section (self->card_menu, NULL, G_MENU_MODEL (open_section));
  /* The keyboard and menu twin of the drag. */
  for (int period = AFFARI_ACTIVITY_PERIOD_TODAY; period <= AFFARI_ACTIVITY_PERIOD_LATER; period++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (affari_activity_period_label ((AffariActivityPeriod) period), NULL);

      g_menu_item_set_action_and_target_value (item, "tile.move-to", g_variant_new_int64 (period));
      g_menu_append_item (move_menu, item);
    }
  g_menu_append_submenu (move_section, _("Move To"), G_MENU_MODEL (move_menu));
  g_menu_append_section (self->card_menu, NULL, G_MENU_MODEL (move_section));
  g_menu_append (trash_section, _("Move to Trash"), "tile.trash");
  g_menu_append_section (self->card_menu, NULL, G_MENU_MODEL (trash_section));
}

static void
affari_activities_view_init (AffariActivitiesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  affari_view_refresh_init (&self->refresh, GTK_WIDGET (self), (void (*) (GtkWidget *)) refresh_now);
  build_card_menu (self);
  affari_activities_view_init_pager (self);
  affari_activities_view_add_autoscroll (self);
  affari_activities_view_add_press_gesture (self);
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_activities_view_new (void)
{
  return g_object_new (AFFARI_TYPE_ACTIVITIES_VIEW, NULL);
}

void
affari_activities_view_set_workspace (AffariActivitiesView *self,
                                  AffariWorkspace      *workspace)
{
  g_return_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self));
  g_return_if_fail (workspace == NULL || AFFARI_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  affari_activities_view_remove_columns (self);
  for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
    affari_activities_column_clear (&self->columns[i]);
  g_set_object (&self->workspace, workspace);

  if (workspace != NULL)
    {
      for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
        {
          self->columns[i].view = self;
          self->columns[i].period = (AffariActivityPeriod) i;
          affari_activities_view_add_column (self, build_column (self, &self->columns[i]));
        }
      affari_activities_view_set_page (self, self->page);
      g_signal_connect (workspace, "changed", G_CALLBACK (on_workspace_changed_cb), self);
      g_signal_connect (workspace, "reset", G_CALLBACK (on_workspace_reset_cb), self);
      refresh_now (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
affari_activities_view_set_pipeline_id (AffariActivitiesView *self,
                                        gint64                pipeline_id)
{
  g_return_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self));

  if (self->pipeline_id == pipeline_id)
    return;
  self->pipeline_id = pipeline_id;
  affari_view_refresh_queue (&self->refresh);
}

void
affari_activities_view_set_filter (AffariActivitiesView  *self,
                                   const AffariDealQuery *filter)
{
  g_return_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self));

  affari_view_set_filter (&self->filter, filter);
  affari_view_refresh_queue (&self->refresh);
}

void
affari_activities_view_refresh (AffariActivitiesView *self)
{
  g_return_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self));

  refresh_now (self);
}

GListModel *
affari_activities_view_get_deals (AffariActivitiesView *self,
                                  AffariActivityPeriod  period)
{
  Column *column;

  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), NULL);
  column = find_column (self, period);
  return column != NULL ? G_LIST_MODEL (column->deals) : NULL;
}

guint
affari_activities_view_get_count (AffariActivitiesView *self,
                                  AffariActivityPeriod  period)
{
  Column *column;

  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), 0);
  column = find_column (self, period);
  return column != NULL ? column->count : 0;
}

const char *
affari_activities_view_get_summary (AffariActivitiesView *self,
                                    AffariActivityPeriod  period)
{
  Column *column;

  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), NULL);
  column = find_column (self, period);
  return column != NULL ? column->summary : NULL;
}

GtkDropTarget *
affari_activities_view_get_drop_target (AffariActivitiesView *self,
                                        AffariActivityPeriod  period)
{
  Column *column;

  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), NULL);
  column = find_column (self, period);
  return column != NULL ? column->drop_target : NULL;
}

gboolean
affari_activities_view_drop_deal (AffariActivitiesView *self,
                                  AffariActivityPeriod  period,
                                  gint64                deal_id)
{
  g_autoptr(GArray) ids = NULL;
  guint changes;

  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), FALSE);

  if (self->workspace == NULL)
    return FALSE;

  if (period == AFFARI_ACTIVITY_PERIOD_NONE)
    {
      /* Refused: an activity leaves the plan by being done or deleted, not by a drag. */
      affari_view_show_message (GTK_WIDGET (self), _("A deal moves to “No Activity” when its activities are done: open the deal to mark them"));
      return FALSE;
    }

  /* The dropped card, and the other selected cards with it: the window's activity.reschedule
   * makes it one transaction, one toast and one undo with every other view's changes. */
  ids = affari_activities_view_ids_acted_on (self, deal_id);
  changes = self->n_changes;
  gtk_widget_activate_action (GTK_WIDGET (self), "activity.reschedule", "(@axi)",
                              g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids->data, ids->len, sizeof (gint64)),
                              (int) period);
  /* Refused (said in a toast) when the workspace did not change. */
  if (self->n_changes == changes)
    return FALSE;
  affari_activities_view_unselect_all (self, NULL);
  refresh_now (self);
  return TRUE;
}

/* ------------------------------------------------------------ AffariCardHost */

/* The cards' moves: here a card's target is a period, not a stage. The drag is followed through
 * the cards' drag sources (on_factory_setup_cb ()), so the drag methods are left out. */
static gboolean
card_host_is_deal_dragged (AffariCardHost *host,
                           gint64          deal_id)
{
  return affari_activities_view_is_dragged (AFFARI_ACTIVITIES_VIEW (host), deal_id);
}

static gboolean
card_host_move_to (AffariCardHost *host,
                   AffariDeal     *deal,
                   gint64          period,
                   int             index,
                   gboolean        keep_focus)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (host);
  gint64 deal_id = affari_deal_get_id (deal);

  if (period < 0 || period >= AFFARI_N_ACTIVITY_PERIODS ||
      !affari_activities_view_drop_deal (self, (AffariActivityPeriod) period, deal_id))
    return FALSE;
  if (keep_focus)
    {
      if (self->narrow)
        affari_activities_view_set_page (self, (AffariActivityPeriod) period);
      affari_activities_view_focus_later (self, deal_id);
    }
  return TRUE;
}

static gboolean
card_host_move_by (AffariCardHost *host,
                   AffariDeal     *deal,
                   int             direction,
                   gboolean        keep_focus)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (host);

  for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
    if (self->columns[i].deals != NULL &&
        affari_activities_column_find_position (&self->columns[i], affari_deal_get_id (deal)) != GTK_INVALID_LIST_POSITION)
      return card_host_move_to (host, deal, (gint64) self->columns[i].period + (direction < 0 ? -1 : 1), 0, keep_focus);
  return FALSE;
}

static void
card_host_open (AffariCardHost *host,
                gint64          deal_id)
{
  gtk_widget_activate_action (GTK_WIDGET (host), "deal.open", "x", deal_id);
}

static void
card_host_trash (AffariCardHost *host,
                 gint64          deal_id)
{
  gtk_widget_activate_action (GTK_WIDGET (host), "deal.trash", "@ax",
                              g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, &deal_id, 1, sizeof (gint64)));
}

static void
card_host_iface_init (AffariCardHostInterface *iface)
{
  iface->is_deal_dragged = card_host_is_deal_dragged;
  iface->move_to = card_host_move_to;
  iface->move_by = card_host_move_by;
  iface->open = card_host_open;
  iface->trash = card_host_trash;
}
