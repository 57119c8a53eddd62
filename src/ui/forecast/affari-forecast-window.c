/* affari-forecast-window.c — the forecast window: a thread fits, the list shows, deals are made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-forecast"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "model/affari-money.h"
#include "model/affari-pipeline.h"
#include "ops/affari-forecast.h"
#include "ui/forecast/affari-forecast-chart.h"
#include "ui/forecast/affari-forecast-window.h"

/* The horizons of the selector, in its order. */
static const guint horizons[] = { 30, 90, 365 };

typedef enum {
  COLUMN_NAME,
  COLUMN_ALIVE,
  COLUMN_EXPECTED,
  COLUMN_VALUE,
  COLUMN_REASON,
} Column;

struct _AffariForecastWindow
{
  AdwWindow            parent_instance;

  AffariWorkspace     *workspace;
  AffariDealOps       *ops;          /* the main window's: the creation is on its undo history */
  AffariForecast      *forecast;
  GtkMultiSelection   *selection;
  GCancellable        *cancellable;  /* of the forecast running, if any */
  GCancellable        *check_cancellable;
  GArray              *pipeline_ids; /* gint64, in the order of the pipeline selector */
  guint                refresh_id;
  gulong               changed_id;

  /* template */
  AdwToastOverlay     *toasts;
  GtkStack            *forecast_stack;
  GtkProgressBar      *progress_bar;
  AdwStatusPage       *message_page;
  GtkDropDown         *horizon_dropdown;
  GtkLabel            *summary_label;
  GtkDropDown         *pipeline_dropdown;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *alive_column;
  GtkColumnViewColumn *expected_column;
  GtkColumnViewColumn *value_column;
  GtkColumnViewColumn *reason_column;
  AdwEntryRow         *cutoff_row;
  GtkStack            *check_stack;
  GtkProgressBar      *check_progress_bar;
  GtkLabel            *check_message_label;
  GtkLabel            *check_totals_label;
  AffariForecastChart *chart;
};

G_DEFINE_FINAL_TYPE (AffariForecastWindow, affari_forecast_window, ADW_TYPE_WINDOW)

static void start_forecast (AffariForecastWindow *self);

/* ---- helpers ---- */

static guint
selected_days (AffariForecastWindow *self)
{
  guint i = gtk_drop_down_get_selected (self->horizon_dropdown);

  return horizons[i < G_N_ELEMENTS (horizons) ? i : 1];
}

static void
update_create_button (AffariForecastWindow *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  if (self->selection != NULL)
    selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "forecast.create-deals",
                                 selected != NULL && !gtk_bitset_is_empty (selected)
                                 && self->pipeline_ids->len > 0);
}

static void
fill_pipelines (AffariForecastWindow *self)
{
  g_autoptr(GPtrArray) pipelines = affari_workspace_list_pipelines (self->workspace, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 current = self->pipeline_ids->len > 0
                   ? g_array_index (self->pipeline_ids, gint64, gtk_drop_down_get_selected (self->pipeline_dropdown)) : 0;
  guint selected = 0;

  g_array_set_size (self->pipeline_ids, 0);
  for (guint i = 0; pipelines != NULL && i < pipelines->len; i++)
    {
      AffariPipeline *pipeline = g_ptr_array_index (pipelines, i);
      gint64 id = affari_pipeline_get_id (pipeline);

      if (id == current)
        selected = i;
      gtk_string_list_append (names, affari_pipeline_get_name (pipeline));
      g_array_append_val (self->pipeline_ids, id);
    }
  gtk_drop_down_set_model (self->pipeline_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->pipeline_dropdown, selected);
}

/* ---- cells ---- */

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  data)
{
  Column column = GPOINTER_TO_INT (data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_NAME || column == COLUMN_REASON ? 0 : 1);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COLUMN_ALIVE || column == COLUMN_EXPECTED || column == COLUMN_VALUE)
    gtk_widget_add_css_class (label, "numeric");
  if (column == COLUMN_REASON)
    {
      /* The whole reason is the point: two lines rather than an ellipsis. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_lines (GTK_LABEL (label), 2);
      gtk_widget_add_css_class (label, "dim-label");
    }
  gtk_list_item_set_child (item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  data)
{
  Column column = GPOINTER_TO_INT (data);
  AffariForecastWindow *self = g_object_get_data (G_OBJECT (factory), "window");
  AffariForecastClient *client = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  guint days = selected_days (self);
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_NAME:
      text = g_strdup (affari_forecast_client_get_name (client));
      break;
    case COLUMN_ALIVE:
      text = affari_forecast_client_format_p_alive (client);
      break;
    case COLUMN_EXPECTED:
      /* In the locale's digits (a comma in Italian). */
      text = g_strdup_printf ("%.2f", affari_forecast_client_get_expected (client, days));
      break;
    case COLUMN_VALUE:
      text = affari_money_format ((gint64) llround (affari_forecast_client_get_expected_value (client, days)),
                                  affari_forecast_get_base_currency (self->forecast));
      break;
    case COLUMN_REASON:
      text = g_strdup (affari_forecast_client_get_reason (client));
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (label, text);
}

static void
set_factory (AffariForecastWindow *self,
             GtkColumnViewColumn  *column,
             Column                which)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  /* The window outlives its factories (they die with the column view it owns). */
  g_object_set_data (G_OBJECT (factory), "window", self);
  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), GINT_TO_POINTER (which));
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GINT_TO_POINTER (which));
  gtk_column_view_column_set_factory (column, factory);
}

static void
update_expected_title (AffariForecastWindow *self)
{
  guint days = selected_days (self);
  g_autofree char *title = g_strdup_printf (ngettext ("Expected Purchases (%u Day)", "Expected Purchases (%u Days)", days), days);
  g_autofree char *value = g_strdup_printf (ngettext ("Expected Value (%u Day)", "Expected Value (%u Days)", days), days);

  gtk_column_view_column_set_title (self->expected_column, title);
  gtk_column_view_column_set_title (self->value_column, value);
}

/* ---- the forecast ---- */

static void
on_progress (double   fraction,
             gpointer data)
{
  AffariForecastWindow *self = data;

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
on_selection_changed_cb (AffariForecastWindow *self)
{
  update_create_button (self);
}

static void
show_forecast (AffariForecastWindow *self,
               AffariForecast       *forecast)
{
  g_autofree char *summary = NULL;

  g_set_object (&self->forecast, forecast);
  if (!affari_forecast_is_sufficient (forecast))
    {
      adw_status_page_set_description (self->message_page, affari_forecast_get_message (forecast));
      gtk_stack_set_visible_child_name (self->forecast_stack, "message");
      return;
    }
  affari_forecast_rank (forecast, selected_days (self));
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  self->selection = gtk_multi_selection_new (g_object_ref (affari_forecast_get_clients (forecast)));
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (on_selection_changed_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  summary = g_strdup_printf (ngettext ("%u client without an open deal; the model learnt from %u clients",
                                       "%u clients without an open deal; the model learnt from %u clients",
                                       g_list_model_get_n_items (affari_forecast_get_clients (forecast))),
                             g_list_model_get_n_items (affari_forecast_get_clients (forecast)),
                             affari_forecast_get_n_clients (forecast));
  gtk_label_set_text (self->summary_label, summary);
  update_create_button (self);
  gtk_stack_set_visible_child_name (self->forecast_stack, "list");
}

static void
on_forecast_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  g_autoptr(AffariForecastWindow) self = data;   /* the reference the run held */
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariForecast) forecast = affari_forecast_run_finish (result, &error);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  /* Cancelled: closed, or replaced by a newer run. */
  if (g_cancellable_is_cancelled (cancellable))
    return;
  g_clear_object (&self->cancellable);
  if (forecast == NULL)
    {
      adw_status_page_set_description (self->message_page, error->message);
      gtk_stack_set_visible_child_name (self->forecast_stack, "message");
      return;
    }
  show_forecast (self, forecast);
}

static void
start_forecast (AffariForecastWindow *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  /* The list stays while a refresh runs: only the first run shows the progress page. */
  if (self->forecast == NULL)
    gtk_stack_set_visible_child_name (self->forecast_stack, "progress");
  affari_forecast_run_async (affari_workspace_get_store (self->workspace), NULL, on_progress, self,
                             self->cancellable, on_forecast_done_cb, g_object_ref (self));
}

static gboolean
refresh_cb (gpointer data)
{
  AffariForecastWindow *self = data;

  self->refresh_id = 0;
  start_forecast (self);
  return G_SOURCE_REMOVE;
}

/* Deals changed (here, in the main window, or undone there): who has an open deal changed too. */
static void
on_workspace_changed_cb (AffariWorkspace      *workspace,
                         gpointer              set,
                         AffariForecastWindow *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (300, refresh_cb, self);
}

static void
on_horizon_selected_cb (AffariForecastWindow *self)
{
  update_expected_title (self);
  if (self->forecast != NULL && affari_forecast_is_sufficient (self->forecast))
    affari_forecast_rank (self->forecast, selected_days (self));
}

/* ---- the holdout check ---- */

static void
on_check_progress (double   fraction,
                   gpointer data)
{
  AffariForecastWindow *self = data;

  gtk_progress_bar_set_fraction (self->check_progress_bar, fraction);
}

static void
on_check_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(AffariForecastWindow) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariForecast) check = affari_forecast_run_finish (result, &error);
  const AffariForecastHoldout *h;
  g_autofree char *cutoff = NULL;
  g_autofree char *end = NULL;
  g_autofree char *totals = NULL;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  g_clear_object (&self->check_cancellable);
  if (check == NULL || !affari_forecast_is_sufficient (check))
    {
      gtk_label_set_text (self->check_message_label, check == NULL ? error->message : affari_forecast_get_message (check));
      gtk_stack_set_visible_child_name (self->check_stack, "message");
      return;
    }
  h = affari_forecast_get_holdout (check);
  cutoff = affari_date_format (h->cutoff);
  end = affari_date_format (h->end);
  /* Translators: the holdout check's result; the days are those between the two dates. */
  totals = g_strdup_printf (_("Fitted on the deals won up to %s. In the %u days from then to %s the model "
                              "predicted %.0f repeat purchases; the clients made %.0f."),
                            cutoff, h->days, end, h->predicted_total, h->actual_total);
  gtk_label_set_text (self->check_totals_label, totals);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_LABEL, totals, -1);
  affari_forecast_chart_set_data (self->chart, h);
  gtk_stack_set_visible_child_name (self->check_stack, "result");
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AffariForecastWindow *self = AFFARI_FORECAST_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *cutoff = affari_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->cutoff_row)), &error);

  if (cutoff == NULL)
    {
      gtk_label_set_text (self->check_message_label, error->message);
      gtk_stack_set_visible_child_name (self->check_stack, "message");
      return;
    }
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->check_progress_bar, 0);
  gtk_stack_set_visible_child_name (self->check_stack, "progress");
  affari_forecast_run_async (affari_workspace_get_store (self->workspace), cutoff, on_check_progress, self,
                             self->check_cancellable, on_check_done_cb, g_object_ref (self));
}

static void
on_cutoff_activated_cb (AffariForecastWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "forecast.check", NULL);
}

/* ---- creating deals ---- */

static void
create_deals_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AffariForecastWindow *self = AFFARI_FORECAST_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(AffariChangeSet) set = NULL;
  g_autofree char *message = NULL;
  GtkBitsetIter iter;
  AdwToast *toast;
  guint position;
  guint pipeline_index = gtk_drop_down_get_selected (self->pipeline_dropdown);

  if (self->selection == NULL || pipeline_index >= self->pipeline_ids->len)
    return;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (clients, g_list_model_get_item (G_LIST_MODEL (self->selection), position));

  set = affari_forecast_create_deals (self->ops, affari_workspace_get_store (self->workspace),
                                      (AffariForecastClient * const *) clients->pdata, clients->len,
                                      g_array_index (self->pipeline_ids, gint64, pipeline_index), &error);
  if (set == NULL)
    {
      /* Translators: a toast; %s says why. */
      message = g_strdup_printf (_("The deals could not be created: %s"), error->message);
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
      return;
    }
  /* Translators: a toast after "Crea affari", with the button "Annulla". */
  message = g_strdup_printf (ngettext ("%u repeat-sale deal created", "%u repeat-sale deals created", clients->len),
                             clients->len);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "forecast.undo");
  adw_toast_overlay_add_toast (self->toasts, toast);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

/* The toast's Annulla: the creation is the last step of the main window's undo history (one step
 * for all the deals), unless something was done there since. */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AffariForecastWindow *self = AFFARI_FORECAST_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  /* The store's message says why (a deal changed since by something else). */
  if (!affari_deal_ops_undo (self->ops, &error))
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
}

/* ---- the object ---- */

static void
affari_forecast_window_dispose (GObject *object)
{
  AffariForecastWindow *self = AFFARI_FORECAST_WINDOW (object);

  /* Closing the window stops the fit; its callback then touches nothing. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_signal_handler (&self->changed_id, self->workspace);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_FORECAST_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->forecast);
  g_clear_object (&self->workspace);
  g_clear_object (&self->ops);

  G_OBJECT_CLASS (affari_forecast_window_parent_class)->dispose (object);
}

static void
affari_forecast_window_finalize (GObject *object)
{
  AffariForecastWindow *self = AFFARI_FORECAST_WINDOW (object);

  g_clear_pointer (&self->pipeline_ids, g_array_unref);
  G_OBJECT_CLASS (affari_forecast_window_parent_class)->finalize (object);
}

static void
affari_forecast_window_class_init (AffariForecastWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_forecast_window_dispose;
  object_class->finalize = affari_forecast_window_finalize;

  g_type_ensure (AFFARI_TYPE_FORECAST_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-forecast-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariForecastWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, AffariForecastWindow, forecast_stack);
  gtk_widget_class_bind_template_child (widget_class, AffariForecastWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AffariForecastWindow, message_page);
  gtk_widget_class_bind_template_child (widget_class, AffariForecastWindow, horizon_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AffariForecastWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AffariForecastWindow, pipeline_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AffariForecastWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, AffariForecastWindow, name_column);
  gtk_widget_class_bind_template_child (widget_class, AffariForecastWindow, alive_column);
  gtk_widget_class_bind_template_child (widget_class, AffariForecastWindow, expected_column);
  gtk_widget_class_bind_template_child (widget_class, AffariForecastWindow, value_column);
  gtk_widget_class_bind_template_child (widget_class, AffariForecastWindow, reason_column);
  gtk_widget_class_bind_template_child (widget_class, AffariForecastWindow, cutoff_row);
  gtk_widget_class_bind_template_child (widget_class, AffariForecastWindow, check_stack);
  gtk_widget_class_bind_template_child (widget_class, AffariForecastWindow, check_progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AffariForecastWindow, check_message_label);
  gtk_widget_class_bind_template_child (widget_class, AffariForecastWindow, check_totals_label);
  gtk_widget_class_bind_template_child (widget_class, AffariForecastWindow, chart);
  gtk_widget_class_bind_template_callback (widget_class, on_horizon_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cutoff_activated_cb);

  gtk_widget_class_install_action (widget_class, "forecast.create-deals", NULL, create_deals_action);
  gtk_widget_class_install_action (widget_class, "forecast.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "forecast.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
affari_forecast_window_init (AffariForecastWindow *self)
{
  self->pipeline_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
  set_factory (self, self->name_column, COLUMN_NAME);
  set_factory (self, self->alive_column, COLUMN_ALIVE);
  set_factory (self, self->expected_column, COLUMN_EXPECTED);
  set_factory (self, self->value_column, COLUMN_VALUE);
  set_factory (self, self->reason_column, COLUMN_REASON);
  update_expected_title (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "forecast.create-deals", FALSE);
}

GtkWidget *
affari_forecast_window_new (GtkWindow       *parent,
                            AffariWorkspace *workspace,
                            AffariDealOps   *ops)
{
  AffariForecastWindow *self;
  g_autofree char *cutoff = NULL;

  g_return_val_if_fail (AFFARI_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (ops), NULL);

  /* Closed with the main window: it holds the workspace, which would keep the app running. */
  self = g_object_new (AFFARI_TYPE_FORECAST_WINDOW, "transient-for", parent, "destroy-with-parent", TRUE, NULL);
  self->workspace = g_object_ref (workspace);
  self->ops = g_object_ref (ops);
  self->changed_id = g_signal_connect (workspace, "changed", G_CALLBACK (on_workspace_changed_cb), self);
  fill_pipelines (self);
  cutoff = affari_forecast_default_cutoff (affari_workspace_get_store (workspace));
  if (cutoff != NULL)
    {
      g_autofree char *shown = affari_date_format (cutoff);

      gtk_editable_set_text (GTK_EDITABLE (self->cutoff_row), shown);
    }
  start_forecast (self);
  return GTK_WIDGET (self);
}
