/* affari-window.c — the main window: the pipeline, the views (built when first shown), search
 * and filters, the saved state (the card: affari-window-card.c; actions: -actions.c, -tools.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-window"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "ui/activities/affari-activities-view.h"
#include "ui/calendar/affari-calendar-view.h"
#include "ui/deal/affari-deal-card.h"
#include "ui/list/affari-deal-list-view.h"
#include "ui/filter/affari-filter-bar.h"
#include "ui/board/affari-kanban-board.h"
#include "ui/board/affari-kanban-column.h"
#include "ui/app/affari-trash-window.h"
#include "ui/common/affari-ui.h"
#include "ui/app/affari-window.h"
#include "ui/app/affari-window-private.h"
#include "ui/app/affari-window-generator.h"

G_DEFINE_FINAL_TYPE (AffariWindow, affari_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FILTER_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const view_names[] = { "kanban", "list", "activities", "calendar" };

/* ------------------------------------------------------------ auxiliary */

static gboolean
is_view_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    if (g_strcmp0 (name, view_names[i]) == 0)
      return TRUE;

  return FALSE;
}

/* Whether the board's columns, just counted, hold a deal. */
static gboolean
board_has_deals (AffariWindow *self)
{
  guint n_columns = affari_kanban_board_get_n_columns (self->kanban_board);

  for (guint i = 0; i < n_columns; i++)
    if (affari_kanban_column_get_count (affari_kanban_board_get_column (self->kanban_board, i)) > 0)
      return TRUE;

  return FALSE;
}

/* @board_counted: the board has just counted its columns (the pipeline was loaded now); a deal
 * there spares counting all of them, 10 ms at 100,000 deals. */
static void
update_empty_state_full (AffariWindow *self,
                         gboolean      board_counted)
{
  g_autoptr(GError) error = NULL;
  AffariDealQuery query = { 0 };
  guint n_deals;

  if (board_counted && board_has_deals (self))
    n_deals = 1;
  else
    n_deals = affari_workspace_count_deals (self->workspace, &query, &error);
  if (error != NULL)
    {
      g_warning ("Cannot count the deals: %s", error->message);
      n_deals = 0;
    }

  self->empty = error == NULL && n_deals == 0;

  gtk_stack_set_visible_child_name (self->main_stack, self->empty ? "empty" : "views");
  /* Sample data goes only into an empty database: never mixed with real deals. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-sample-data", self->empty);
  _affari_window_update_header (self);
}

void
_affari_window_update_empty_state (AffariWindow *self)
{
  update_empty_state_full (self, FALSE);
}

gint64
_affari_window_selected_pipeline_id (AffariWindow *self)
{
  AffariPipeline *pipeline = gtk_drop_down_get_selected_item (self->pipeline_dropdown);

  return pipeline != NULL ? affari_pipeline_get_id (pipeline) : 0;
}

/* A view built late gets what the built ones got: the workspace, the pipeline shown and the filter
 * (if there is one: the views start unfiltered). */
static void
add_to_page (GtkBox    *page,
             GtkWidget *view)
{
  gtk_widget_set_hexpand (view, TRUE);
  gtk_widget_set_vexpand (view, TRUE);
  gtk_box_append (page, view);
}

static AffariDealListView *
ensure_deal_list_view (AffariWindow *self)
{
  if (self->deal_list_view == NULL)
    {
      self->deal_list_view = g_object_new (AFFARI_TYPE_DEAL_LIST_VIEW, NULL);
      add_to_page (self->list_page, GTK_WIDGET (self->deal_list_view));
      affari_deal_list_view_set_workspace (self->deal_list_view, self->workspace);
      affari_deal_list_view_set_pipeline_id (self->deal_list_view, _affari_window_selected_pipeline_id (self));
      if (affari_deal_query_has_filter (affari_filter_bar_get_filter (self->filter_bar)))
        affari_deal_list_view_set_filter (self->deal_list_view, affari_filter_bar_get_filter (self->filter_bar));
    }

  return self->deal_list_view;
}

static AffariActivitiesView *
ensure_activities_view (AffariWindow *self)
{
  if (self->activities_view == NULL)
    {
      self->activities_view = g_object_new (AFFARI_TYPE_ACTIVITIES_VIEW, NULL);
      add_to_page (self->activities_page, GTK_WIDGET (self->activities_view));
      affari_activities_view_set_workspace (self->activities_view, self->workspace);
      affari_activities_view_set_pipeline_id (self->activities_view, _affari_window_selected_pipeline_id (self));
      if (affari_deal_query_has_filter (affari_filter_bar_get_filter (self->filter_bar)))
        affari_activities_view_set_filter (self->activities_view, affari_filter_bar_get_filter (self->filter_bar));
    }

  return self->activities_view;
}

static AffariCalendarView *
ensure_calendar_view (AffariWindow *self)
{
  if (self->calendar_view == NULL)
    {
      self->calendar_view = g_object_new (AFFARI_TYPE_CALENDAR_VIEW, NULL);
      add_to_page (self->calendar_page, GTK_WIDGET (self->calendar_view));
      affari_calendar_view_set_workspace (self->calendar_view, self->workspace);
      affari_calendar_view_set_pipeline_id (self->calendar_view, _affari_window_selected_pipeline_id (self));
      if (affari_deal_query_has_filter (affari_filter_bar_get_filter (self->filter_bar)))
        affari_calendar_view_set_filter (self->calendar_view, affari_filter_bar_get_filter (self->filter_bar));
    }

  return self->calendar_view;
}

/* The page of @name gets its view if it has none yet. */
static void
ensure_view (AffariWindow *self,
             const char   *name)
{
  if (g_strcmp0 (name, "list") == 0)
    ensure_deal_list_view (self);
  else if (g_strcmp0 (name, "activities") == 0)
    ensure_activities_view (self);
  else if (g_strcmp0 (name, "calendar") == 0)
    ensure_calendar_view (self);
}

static void
apply_pipeline (AffariWindow *self)
{
  gint64 pipeline_id = _affari_window_selected_pipeline_id (self);

  affari_kanban_board_set_pipeline_id (self->kanban_board, pipeline_id);
  if (self->activities_view != NULL)
    affari_activities_view_set_pipeline_id (self->activities_view, pipeline_id);
  if (self->calendar_view != NULL)
    affari_calendar_view_set_pipeline_id (self->calendar_view, pipeline_id);
  if (self->deal_list_view != NULL)
    affari_deal_list_view_set_pipeline_id (self->deal_list_view, pipeline_id);
  affari_filter_bar_set_pipeline_id (self->filter_bar, pipeline_id);
  _affari_window_leads_apply (self, pipeline_id);

  if (self->settings != NULL && pipeline_id != 0)
    g_settings_set_int64 (self->settings, "last-pipeline", pipeline_id);
}

void
_affari_window_reload_pipelines (AffariWindow *self)
{
  g_autoptr(GPtrArray) pipelines = NULL;
  g_autoptr(GError) error = NULL;
  gint64 wanted;
  guint position = 0;

  pipelines = affari_workspace_list_pipelines (self->workspace, &error);
  if (pipelines == NULL)
    {
      g_warning ("Cannot list the pipelines: %s", error->message);
      return;
    }
  _affari_window_leads_append (self, pipelines);

  wanted = _affari_window_selected_pipeline_id (self);
  if (wanted == 0 && self->settings != NULL)
    wanted = g_settings_get_int64 (self->settings, "last-pipeline");
  if (wanted == 0)
    wanted = affari_workspace_get_default_pipeline_id (self->workspace);

  for (guint i = 0; i < pipelines->len; i++)
    {
      if (affari_pipeline_get_id (g_ptr_array_index (pipelines, i)) == wanted)
        {
          position = i;
          break;
        }
    }

  self->reloading_pipelines = TRUE;
  g_list_store_splice (self->pipelines, 0, g_list_model_get_n_items (G_LIST_MODEL (self->pipelines)),
                       pipelines->pdata, pipelines->len);
  gtk_drop_down_set_selected (self->pipeline_dropdown,
                              pipelines->len > 0 ? position : GTK_INVALID_LIST_POSITION);
  self->reloading_pipelines = FALSE;

  apply_pipeline (self);
}

static gboolean
on_refresh_idle_cb (gpointer user_data)
{
  AffariWindow *self = AFFARI_WINDOW (user_data);

  self->refresh_source = 0;
  _affari_window_update_empty_state (self);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (AffariWindow *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_refresh_idle_cb, self, NULL);
}

static void
restore_state (AffariWindow *self)
{
  g_autofree char *view = NULL;
  int width, height;

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  view = g_settings_get_string (self->settings, "last-view");
  if (is_view_name (view))
    adw_view_stack_set_visible_child_name (self->view_stack, view);
}

/* ------------------------------------------------------------ callbacks */

static void
on_workspace_changed_cb (AffariWorkspace *workspace,
                     AffariChangeSet *set,
                     AffariWindow    *self)
{
  _affari_window_card_changed_elsewhere (self, set);

  /* Only deals arriving or leaving (the first, the last) change whether the board or the empty
   * page shows. */
  for (guint i = 0; i < affari_change_set_get_n_deals (set); i++)
    {
      const AffariDealChange *change = affari_change_set_get_deal (set, i);

      if (change->old_stage_id == 0 || change->new_stage_id == 0)
        {
          queue_refresh (self);
          return;
        }
    }
}

static void
on_workspace_pipelines_changed_cb (AffariWorkspace  *workspace,
                               AffariWindow *self)
{
  _affari_window_reload_pipelines (self);
}

static void
on_workspace_reset_cb (AffariWorkspace  *workspace,
                   AffariWindow *self)
{
  _affari_window_reload_pipelines (self);
  queue_refresh (self);
}

static void
on_pipeline_dropdown_selected_changed_cb (GtkDropDown  *dropdown,
                                          GParamSpec   *pspec,
                                          AffariWindow *self)
{
  if (!self->reloading_pipelines)
    apply_pipeline (self);
}

/* The filter of the search bar applies to every view. */
static void
on_filter_bar_filter_changed_cb (AffariFilterBar *bar,
                                 AffariWindow    *self)
{
  const AffariDealQuery *filter = affari_filter_bar_get_filter (bar);

  affari_kanban_board_set_filter (self->kanban_board, filter);
  if (self->activities_view != NULL)
    affari_activities_view_set_filter (self->activities_view, filter);
  if (self->calendar_view != NULL)
    affari_calendar_view_set_filter (self->calendar_view, filter);
  if (self->deal_list_view != NULL)
    affari_deal_list_view_set_filter (self->deal_list_view, filter);
  g_signal_emit (self, signals[FILTER_CHANGED], 0);
}

static void
on_view_stack_visible_child_changed_cb (AdwViewStack *stack,
                                        GParamSpec   *pspec,
                                        AffariWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (stack);

  /* Before the page is drawn: shown through the switcher, an action or the saved state. */
  ensure_view (self, name);

  if (self->settings != NULL && is_view_name (name))
    g_settings_set_string (self->settings, "last-view", name);
}

static void
on_switcher_title_visible_changed_cb (AdwViewSwitcherTitle *title,
                                      GParamSpec           *pspec,
                                      AffariWindow         *self)
{
  _affari_window_update_switcher_bar (self);
}

/* The one benchmark switch the widgets keep, AFFARI_REPORT_FIRST_FRAME=1: the first painted
 * frame prints "first-frame-ms N" (from the start of main ()), for affari-bench to time the real
 * affari starting up. Every other timing drives the window from outside (affari-bench-app). */
static void
on_frame_clock_after_paint_cb (GdkFrameClock *frame_clock,
                               AffariWindow  *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  gint64 start = 0;

  g_clear_signal_handler (&self->after_paint_handler, frame_clock);

  if (AFFARI_IS_APPLICATION (app))
    start = affari_application_get_start_time (AFFARI_APPLICATION (app));

  g_print ("first-frame-ms %" G_GINT64_FORMAT "\n",
           start > 0 ? (g_get_monotonic_time () - start) / 1000 : (gint64) -1);
  fflush (stdout);
}

/* The pipeline's name in the header's drop-down (and its list) is ellipsized rather than keep a
 * phone's window wide; the list that drops down is as wide as the longest name. */
static void
on_pipeline_factory_setup_cb (GtkSignalListItemFactory *factory,
                              GtkListItem              *item,
                              gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 4);
  gtk_list_item_set_child (item, label);
}

static void
on_pipeline_factory_bind_cb (GtkSignalListItemFactory *factory,
                             GtkListItem              *item,
                             gpointer                  user_data)
{
  AffariPipeline *pipeline = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), affari_pipeline_get_name (pipeline));
}

/* ------------------------------------------------------------ actions */

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (!is_view_name (name))
    {
      g_warning ("No view called “%s”", name);
      return;
    }

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ------------------------------------------------------------ overrides */

static void
affari_window_constructed (GObject *object)
{
  AffariWindow *self = AFFARI_WINDOW (object);

  G_OBJECT_CLASS (affari_window_parent_class)->constructed (object);

  g_assert (AFFARI_IS_WORKSPACE (self->workspace));

  restore_state (self);

  _affari_window_actions_init (self);
  _affari_window_backup_init (self);
  _affari_window_recurring_init (self);
  _affari_window_generator_init (self);
  _affari_window_drop_init (self);
  _affari_window_adaptive_init (self);
  affari_kanban_board_set_workspace (self->kanban_board, self->workspace);
  affari_kanban_board_set_ops (self->kanban_board, self->ops);
  affari_filter_bar_set_workspace (self->filter_bar, self->workspace);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-deal", FALSE);

  /* The trash keeps deals for 30 days; older ones go for good when Affari starts. */
  {
    g_autoptr(GError) purge_error = NULL;

    if (!affari_deal_ops_purge_trash (self->ops, AFFARI_TRASH_DAYS, NULL, &purge_error))
      g_warning ("Cannot empty the old deals from the trash: %s", purge_error->message);
  }

  _affari_window_reload_pipelines (self);
  /* The view restored from the settings, if not the board, is built now, for the pipeline shown. */
  ensure_view (self, adw_view_stack_get_visible_child_name (self->view_stack));
  update_empty_state_full (self, TRUE);

  /* For screenshots and manual checks, not benchmarks: AFFARI_OPEN_DEAL=42
   * [AFFARI_CARD_PAGE=products]. They stay here: the card's page is shown through the card's own
   * card.show-page, which only the window can reach. */
  if (g_getenv ("AFFARI_OPEN_DEAL") != NULL)
    {
      gint64 id = g_ascii_strtoll (g_getenv ("AFFARI_OPEN_DEAL"), NULL, 10);

      if (id > 0)
        gtk_widget_activate_action (GTK_WIDGET (self), "deal.open", "x", id);
      else
        gtk_widget_activate_action (GTK_WIDGET (self), "win.new-deal", NULL);
      if (g_getenv ("AFFARI_CARD_PAGE") != NULL)
        gtk_widget_activate_action (GTK_WIDGET (_affari_window_ensure_deal_card (self)), "card.show-page", "s", g_getenv ("AFFARI_CARD_PAGE"));
    }

  /* Team mode: the banner while the server cannot be reached. */
  g_object_bind_property (self->workspace, "online", self->offline_revealer, "reveal-child",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);

  g_signal_connect (self->workspace, "changed", G_CALLBACK (on_workspace_changed_cb), self);
  g_signal_connect (self->workspace, "pipelines-changed", G_CALLBACK (on_workspace_pipelines_changed_cb), self);
  g_signal_connect (self->workspace, "reset", G_CALLBACK (on_workspace_reset_cb), self);

  g_signal_connect (self->pipeline_dropdown, "notify::selected",
                    G_CALLBACK (on_pipeline_dropdown_selected_changed_cb), self);
  g_signal_connect (self->filter_bar, "filter-changed",
                    G_CALLBACK (on_filter_bar_filter_changed_cb), self);
  g_signal_connect (self->view_stack, "notify::visible-child-name",
                    G_CALLBACK (on_view_stack_visible_child_changed_cb), self);
  g_signal_connect (self->switcher_title, "notify::title-visible",
                    G_CALLBACK (on_switcher_title_visible_changed_cb), self);
}

static void
affari_window_realize (GtkWidget *widget)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  static gboolean reported = FALSE;

  GTK_WIDGET_CLASS (affari_window_parent_class)->realize (widget);

  if (!reported && g_strcmp0 (g_getenv ("AFFARI_REPORT_FIRST_FRAME"), "1") == 0)
    {
      GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (widget);

      reported = TRUE;
      self->after_paint_handler = g_signal_connect (frame_clock, "after-paint",
                                                    G_CALLBACK (on_frame_clock_after_paint_cb), self);
    }
}

static void
affari_window_unrealize (GtkWidget *widget)
{
  AffariWindow *self = AFFARI_WINDOW (widget);

  if (self->after_paint_handler != 0)
    g_clear_signal_handler (&self->after_paint_handler, gtk_widget_get_frame_clock (widget));

  GTK_WIDGET_CLASS (affari_window_parent_class)->unrealize (widget);
}

static void
affari_window_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  GTK_WIDGET_CLASS (affari_window_parent_class)->size_allocate (widget, width, height, baseline);

  _affari_window_adaptive_allocated (AFFARI_WINDOW (widget), width);
}

static gboolean
affari_window_close_request (GtkWindow *window)
{
  affari_window_save_state (AFFARI_WINDOW (window));

  return GTK_WINDOW_CLASS (affari_window_parent_class)->close_request (window);
}

static void
affari_window_dispose (GObject *object)
{
  AffariWindow *self = AFFARI_WINDOW (object);

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  _affari_window_adaptive_dispose (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_WINDOW);
  /* They went with their pages. */
  self->deal_list_view = NULL;
  self->activities_view = NULL;
  self->calendar_view = NULL;
  self->deal_card = NULL;

  g_clear_object (&self->pipelines);
  g_clear_object (&self->settings);
  g_clear_object (&self->ops);
  g_clear_pointer (&self->retry_action, g_free);
  g_clear_pointer (&self->retry_parameter, g_variant_unref);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (affari_window_parent_class)->dispose (object);
}

static void
affari_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AffariWindow *self = AFFARI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->workspace);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AffariWindow *self = AFFARI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->workspace = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_window_class_init (AffariWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = affari_window_constructed;
  object_class->dispose = affari_window_dispose;
  object_class->get_property = affari_window_get_property;
  object_class->set_property = affari_window_set_property;

  widget_class->realize = affari_window_realize;
  widget_class->unrealize = affari_window_unrealize;
  widget_class->size_allocate = affari_window_size_allocate;

  window_class->close_request = affari_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("workspace", NULL, NULL,
                         AFFARI_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* "filter-changed" (): the filter of the search bar changed; read it with affari_window_get_filter(). */
  signals[FILTER_CHANGED] = g_signal_new ("filter-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  affari_ui_ensure_resources ();
  g_type_ensure (AFFARI_TYPE_FILTER_BAR);
  g_type_ensure (AFFARI_TYPE_KANBAN_BOARD);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, pipeline_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, new_deal_content);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, new_deal_icon_button);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, new_deal_squeezer);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, new_deal_button);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, new_deal_none);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, search_squeezer);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, search_none);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, overflow_section);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, damaged_bar);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, damaged_label);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, damaged_restore_button);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, damaged_read_only_button);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, kanban_board);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, list_page);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, activities_page);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, calendar_page);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, card_flap);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, card_clamp);
  gtk_widget_class_bind_template_child (widget_class, AffariWindow, card_scroller);

  _affari_window_class_actions_init (widget_class);
  _affari_window_class_backup_init (widget_class);
  _affari_window_class_card_init (widget_class);
  _affari_window_class_tools_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                           "win.show-view", "s", view_names[i]);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, GDK_CONTROL_MASK,
                                           "win.show-view", "s", view_names[i]);
    }
}

static void
affari_window_init (AffariWindow *self)
{
  g_autoptr(GtkExpression) expression = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->pipelines = g_list_store_new (AFFARI_TYPE_PIPELINE);
  expression = gtk_property_expression_new (AFFARI_TYPE_PIPELINE, NULL, "name");
  gtk_drop_down_set_expression (self->pipeline_dropdown, expression);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_pipeline_factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_pipeline_factory_bind_cb), NULL);
  gtk_drop_down_set_factory (self->pipeline_dropdown, factory);
  gtk_drop_down_set_model (self->pipeline_dropdown, G_LIST_MODEL (self->pipelines));

  self->search_entry = affari_filter_bar_get_search_entry (self->filter_bar);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}

/* ------------------------------------------------------------ public API */

AffariWindow *
affari_window_new (AffariApplication *application,
                   AffariWorkspace   *workspace)
{
  g_return_val_if_fail (AFFARI_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (workspace), NULL);

  return g_object_new (AFFARI_TYPE_WINDOW,
                       "application", application,
                       "workspace", workspace,
                       "settings", affari_application_get_settings (application),
                       NULL);
}

AffariWorkspace *
affari_window_get_workspace (AffariWindow *self)
{
  g_return_val_if_fail (AFFARI_IS_WINDOW (self), NULL);

  return self->workspace;
}

gint64
affari_window_get_pipeline_id (AffariWindow *self)
{
  g_return_val_if_fail (AFFARI_IS_WINDOW (self), 0);

  return _affari_window_selected_pipeline_id (self);
}

void
affari_window_set_pipeline_id (AffariWindow *self,
                               gint64        pipeline_id)
{
  guint n_items;

  g_return_if_fail (AFFARI_IS_WINDOW (self));

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->pipelines));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(AffariPipeline) pipeline = g_list_model_get_item (G_LIST_MODEL (self->pipelines), i);

      if (affari_pipeline_get_id (pipeline) == pipeline_id)
        {
          gtk_drop_down_set_selected (self->pipeline_dropdown, i);
          return;
        }
    }
}

const char *
affari_window_get_view (AffariWindow *self)
{
  g_return_val_if_fail (AFFARI_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
affari_window_add_toast (AffariWindow *self,
                         const char   *title)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (AFFARI_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  /* A toast's title is markup; deal titles are not. */
  escaped = g_markup_escape_text (title, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

void
affari_window_save_state (AffariWindow *self)
{
  gboolean maximized;

  g_return_if_fail (AFFARI_IS_WINDOW (self));

  if (self->settings == NULL)
    return;

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  /* The size under a maximized window is the one to come back to. */
  if (!maximized)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }

  if (is_view_name (affari_window_get_view (self)))
    g_settings_set_string (self->settings, "last-view", affari_window_get_view (self));
  if (_affari_window_selected_pipeline_id (self) != 0)
    g_settings_set_int64 (self->settings, "last-pipeline", _affari_window_selected_pipeline_id (self));
}

/* ---- list and filters ---- */

const AffariDealQuery *
affari_window_get_filter (AffariWindow *self)
{
  g_return_val_if_fail (AFFARI_IS_WINDOW (self), NULL);

  return affari_filter_bar_get_filter (self->filter_bar);
}

void
affari_window_set_filter (AffariWindow          *self,
                          const AffariDealQuery *filter)
{
  g_return_if_fail (AFFARI_IS_WINDOW (self));

  affari_filter_bar_set_filter (self->filter_bar, filter);
  on_filter_bar_filter_changed_cb (self->filter_bar, self);
  /* A filter is shown by its chips, which live in the search bar. */
  if (affari_deal_query_has_filter (filter))
    gtk_search_bar_set_search_mode (self->search_bar, TRUE);
}

AffariDealListView *
affari_window_get_deal_list_view (AffariWindow *self)
{
  g_return_val_if_fail (AFFARI_IS_WINDOW (self), NULL);

  return ensure_deal_list_view (self);
}

AffariKanbanBoard *
affari_window_get_kanban_board (AffariWindow *self)
{
  g_return_val_if_fail (AFFARI_IS_WINDOW (self), NULL);

  return self->kanban_board;
}

AffariFilterBar *
affari_window_get_filter_bar (AffariWindow *self)
{
  g_return_val_if_fail (AFFARI_IS_WINDOW (self), NULL);

  return self->filter_bar;
}
