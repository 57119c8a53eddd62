/* affari-activities-view.c
 *
 * Six columns, one per period of AffariActivityPeriod. The store buckets the deals and totals
 * them in SQL (affari_store_activity_buckets); each column shows its ids through a lazy
 * AffariDealIdList in a GtkListView of the Kanban's card widget, so a column of thousands of
 * deals creates only the cards on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-activities"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "model/affari-deal-id-list.h"
#include "model/affari-money.h"

#include "affari-activities-view.h"
#include "affari-kanban-card.h"

/* Time moves deals from "Oggi" to "Scadute" without any write: look again every minute. */
#define CLOCK_SECONDS 60
#define PLAN_SUGGESTIONS 6

typedef struct _AffariActivitiesView AffariActivitiesView;

typedef struct {
  AffariActivitiesView *view;
  AffariActivityPeriod  period;
  GtkWidget            *widget;
  GtkLabel             *summary_label;
  GtkListView          *list_view;
  GtkDropTarget        *drop_target;
  AffariDealIdList     *deals;
  char                 *summary;
  guint                 count;
} Column;

struct _AffariActivitiesView
{
  GtkWidget         parent_instance;

  AffariStore      *store;
  gint64            pipeline_id;
  AffariDealQuery  *filter;
  GMenu            *card_menu;
  Column            columns[AFFARI_N_ACTIVITY_PERIODS];

  guint             refresh_source;
  guint             clock_source;
  gboolean          dirty;

  /* the last reschedule, for "Annulla" */
  gint64            undo_activity_id;
  gint64            undo_deadline;

  /* template */
  GtkScrolledWindow *scroller;
  GtkBox            *columns_box;
};

G_DEFINE_FINAL_TYPE (AffariActivitiesView, affari_activities_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ auxiliary */

static gint64
round_to_units (gint64 minor)
{
  return (minor >= 0 ? minor + 50 : minor - 50) / 100 * 100;
}

static void
add_toast (AffariActivitiesView *self,
           AdwToast             *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
show_message (AffariActivitiesView *self,
              const char           *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  add_toast (self, toast);
}

static AffariDealQuery *
current_query (AffariActivitiesView *self)
{
  AffariDealQuery *query = affari_deal_query_new ();

  if (self->filter != NULL)
    affari_deal_query_merge_filter (query, self->filter);
  query->pipeline_id = self->pipeline_id;
  return query;
}

static void
update_summary (Column                     *column,
                const AffariActivityBucket *bucket,
                gboolean                    filtered)
{
  g_autofree char *money = NULL;
  const char *currency = "EUR";
  gint64 sum = 0;
  gboolean others = FALSE;

  /* The currency most deals use is the one added up; others are only mentioned. */
  if (bucket->totals->len > 0)
    currency = g_array_index (bucket->totals, AffariStageTotal, 0).currency;
  for (guint i = 0; i < bucket->totals->len; i++)
    {
      AffariStageTotal *t = &g_array_index (bucket->totals, AffariStageTotal, i);

      if (g_strcmp0 (t->currency, currency) == 0)
        sum += t->sum;
      else
        others = TRUE;
    }

  column->count = bucket->count;
  money = affari_money_format_short (round_to_units (sum), currency);
  g_free (column->summary);
  if (filtered)
    column->summary = g_strdup_printf (_("%u · %s (filtered)"), bucket->count, money);
  else
    column->summary = g_strdup_printf (_("%u · %s"), bucket->count, money);
  if (others)
    {
      char *with = g_strconcat (column->summary, " + …", NULL);

      g_free (column->summary);
      column->summary = with;
    }
  gtk_label_set_text (column->summary_label, column->summary);
}

static void
refresh_now (AffariActivitiesView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDealQuery) query = NULL;

  /* Hidden (another view is shown, or start-up): read when shown, not now. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  AffariActivityBucket buckets[AFFARI_N_ACTIVITY_PERIODS];
  gboolean filtered;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->dirty = FALSE;
  if (self->store == NULL)
    return;

  query = current_query (self);
  filtered = affari_deal_query_has_filter (query);
  if (!affari_store_activity_buckets (self->store, query, buckets, &error))
    {
      g_warning ("Cannot read the activities: %s", error->message);
      for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
        affari_activity_bucket_clear (&buckets[i]);
      return;
    }

  for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
    {
      affari_deal_id_list_set_ids (self->columns[i].deals, buckets[i].ids);
      update_summary (&self->columns[i], &buckets[i], filtered);
      affari_activity_bucket_clear (&buckets[i]);
    }
}

static gboolean
on_refresh_idle_cb (gpointer user_data)
{
  AffariActivitiesView *self = user_data;

  self->refresh_source = 0;
  refresh_now (self);
  return G_SOURCE_REMOVE;
}

/* Changes come in bursts (a drop writes the activity and the deal): one read per burst, and
 * none while the view is hidden. */
static void
queue_refresh (AffariActivitiesView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_refresh_idle_cb, self, NULL);
}

static Column *
find_column (AffariActivitiesView *self,
             AffariActivityPeriod  period)
{
  g_return_val_if_fail ((guint) period < AFFARI_N_ACTIVITY_PERIODS, NULL);

  return &self->columns[period];
}

static char *
format_deadline (gint64 deadline)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (deadline);

  return g_date_time_format (dt, "%d/%m/%Y %H:%M");
}

/* ------------------------------------------------------------ plan dialog */

typedef struct {
  AffariActivitiesView *view;
  AffariActivityPeriod  period;
  gint64                deadline;
  GtkSearchEntry       *search;
  GtkListBox           *deals;
  GtkDropDown          *kind;
  GtkEntry             *subject;
} PlanDialog;

static void
plan_dialog_free (gpointer data)
{
  PlanDialog *plan = data;

  g_object_unref (plan->view);
  g_free (plan);
}

static void
plan_dialog_validate (AdwMessageDialog *dialog)
{
  PlanDialog *plan = g_object_get_data (G_OBJECT (dialog), "plan");
  g_autofree char *subject = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (plan->subject))));

  adw_message_dialog_set_response_enabled (dialog, "plan",
                                           gtk_list_box_get_selected_row (plan->deals) != NULL && subject[0] != '\0');
}

static void
plan_dialog_fill (PlanDialog *plan)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(AffariDealQuery) query = current_query (plan->view);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (plan->search));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (plan->deals))) != NULL)
    gtk_list_box_remove (plan->deals, child);

  query->closed = AFFARI_CLOSED_OPEN_ONLY;
  if (text != NULL && *text != '\0')
    affari_deal_query_set_text (query, text);
  else
    /* Nothing typed: the deals that need an activity most, those without one. */
    query->activity = AFFARI_ACTIVITY_FILTER_NONE_PLANNED;
  query->sort = AFFARI_DEAL_SORT_DATE_MODIFY;
  query->descending = TRUE;
  deals = affari_store_query_deals (plan->view->store, query, 0, PLAN_SUGGESTIONS, &error);
  if (deals == NULL)
    {
      g_warning ("Cannot search deals: %s", error->message);
      return;
    }
  for (guint i = 0; i < deals->len; i++)
    {
      AffariDeal *deal = g_ptr_array_index (deals, i);
      GtkWidget *row = adw_action_row_new ();
      const char *client = affari_deal_get_client_name (deal);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), affari_deal_get_title (deal));
      if (client != NULL && *client != '\0')
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), client);
      g_object_set_data_full (G_OBJECT (row), "deal", g_object_ref (deal), g_object_unref);
      gtk_list_box_append (plan->deals, row);
    }
  if (deals->len > 0)
    gtk_list_box_select_row (plan->deals, gtk_list_box_get_row_at_index (plan->deals, 0));
}

static void
on_plan_search_changed_cb (GtkSearchEntry   *entry,
                           AdwMessageDialog *dialog)
{
  plan_dialog_fill (g_object_get_data (G_OBJECT (dialog), "plan"));
  plan_dialog_validate (dialog);
}

static void
on_plan_changed_cb (GObject          *object,
                    AdwMessageDialog *dialog)
{
  plan_dialog_validate (dialog);
}

static void
on_plan_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  PlanDialog *plan = g_object_get_data (G_OBJECT (dialog), "plan");
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariActivity) activity = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *when = NULL;
  g_autofree char *message = NULL;
  GtkListBoxRow *row;
  AffariDeal *deal;

  if (g_strcmp0 (response, "plan") != 0)
    return;
  row = gtk_list_box_get_selected_row (plan->deals);
  if (row == NULL)
    return;
  deal = g_object_get_data (G_OBJECT (row), "deal");
  subject = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (plan->subject))));
  activity = affari_activity_new ((AffariActivityType) gtk_drop_down_get_selected (plan->kind), subject, plan->deadline);
  if (!affari_store_add_activity (plan->view->store, affari_deal_get_id (deal), activity, &error))
    {
      show_message (plan->view, error->message);
      return;
    }
  when = format_deadline (plan->deadline);
  /* Translators: a toast; the first %s is a deal's title, the second a date and time. */
  message = g_strdup_printf (_("Activity planned on “%s” for %s"), affari_deal_get_title (deal), when);
  show_message (plan->view, message);
}

static void
show_plan_dialog (AffariActivitiesView *self,
                  AffariActivityPeriod  period)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PlanDialog *plan;
  GtkWidget *dialog, *box, *scroller;
  gint64 deadline;

  if (self->store == NULL)
    return;
  /* A new activity is due at 09:00 of the period's first day (or the next full hour today). */
  if (!affari_activity_period_reschedule (affari_store_now (self->store), NULL, 0, period, &deadline, &error))
    {
      show_message (self, error->message);
      return;
    }

  plan = g_new0 (PlanDialog, 1);
  plan->view = g_object_ref (self);
  plan->period = period;
  plan->deadline = deadline;

  when = format_deadline (deadline);
  /* Translators: the text of the dialog that plans an activity; %s is a date and time. */
  body = g_strdup_printf (_("Due %s. Choose the deal and say what to do."), when);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Plan an Activity"), body);
  g_object_set_data_full (G_OBJECT (dialog), "plan", plan, plan_dialog_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  plan->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (plan->search, "placeholder-text", _("Search a deal"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (plan->search), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search a deal"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (plan->search));

  plan->deals = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (plan->deals), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (plan->deals), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Deal"), -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 280);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (plan->deals));
  gtk_box_append (GTK_BOX (box), scroller);

  for (int kind = AFFARI_ACTIVITY_CALL; kind <= AFFARI_ACTIVITY_EMAIL; kind++)
    gtk_string_list_append (kinds, affari_activity_type_label ((AffariActivityType) kind));
  plan->kind = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (kinds)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (plan->kind), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Type"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (plan->kind));

  plan->subject = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (plan->subject, _("Subject"));
  gtk_entry_set_activates_default (plan->subject, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (plan->subject), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Subject"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (plan->subject));

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "plan", _("_Plan"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "plan", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "plan");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  plan_dialog_fill (plan);
  plan_dialog_validate (ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect (plan->search, "search-changed", G_CALLBACK (on_plan_search_changed_cb), dialog);
  g_signal_connect (plan->subject, "changed", G_CALLBACK (on_plan_changed_cb), dialog);
  g_signal_connect (plan->deals, "selected-rows-changed", G_CALLBACK (on_plan_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_plan_response_cb), NULL);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (plan->subject));
}

/* ------------------------------------------------------------ callbacks */

static void
on_store_deal_changed_cb (AffariStore          *store,
                          gint64                deal_id,
                          gint64                old_stage,
                          gint64                new_stage,
                          AffariActivitiesView *self)
{
  /* The card must show the new next activity even when the deal stays in its column. */
  for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
    affari_deal_id_list_invalidate (self->columns[i].deals, deal_id);
  queue_refresh (self);
}

static void
on_store_reset_cb (AffariStore          *store,
                   AffariActivitiesView *self)
{
  queue_refresh (self);
}

static void
on_toast_undo_clicked_cb (AdwToast             *toast,
                          AffariActivitiesView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "activities.undo", NULL);
}

static gboolean
on_clock_cb (gpointer user_data)
{
  queue_refresh (AFFARI_ACTIVITIES_VIEW (user_data));
  return G_SOURCE_CONTINUE;
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     Column                   *column)
{
  GtkWidget *card = affari_kanban_card_new ();

  affari_kanban_card_set_list_item (AFFARI_KANBAN_CARD (card), item);
  gtk_list_item_set_child (item, card);
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    Column                   *column)
{
  AffariKanbanCard *card = AFFARI_KANBAN_CARD (gtk_list_item_get_child (item));

  affari_kanban_card_set_deal (card, gtk_list_item_get_item (item));
  affari_kanban_card_set_menu_model (card, G_MENU_MODEL (column->view->card_menu));
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      Column                   *column)
{
  affari_kanban_card_set_deal (AFFARI_KANBAN_CARD (gtk_list_item_get_child (item)), NULL);
}

static void
on_list_view_activate_cb (GtkListView *list_view,
                          guint        position,
                          Column      *column)
{
  gint64 deal_id = affari_deal_id_list_get_id_at (column->deals, position);

  if (deal_id != 0)
    gtk_widget_activate_action (GTK_WIDGET (column->view), "win.open-deal", "x", deal_id);
}

static void
on_add_clicked_cb (GtkButton *button,
                   Column    *column)
{
  gtk_widget_activate_action (GTK_WIDGET (column->view), "activities.plan", "i", (int) column->period);
}

static GdkDragAction
on_drop_enter_cb (GtkDropTarget *target,
                  double         x,
                  double         y,
                  Column        *column)
{
  gtk_widget_add_css_class (column->widget, "drop-target");
  return GDK_ACTION_MOVE;
}

static void
on_drop_leave_cb (GtkDropTarget *target,
                  Column        *column)
{
  gtk_widget_remove_css_class (column->widget, "drop-target");
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            Column        *column)
{
  AffariDeal *deal = G_VALUE_HOLDS (value, AFFARI_TYPE_DEAL) ? g_value_get_object (value) : NULL;

  gtk_widget_remove_css_class (column->widget, "drop-target");
  if (deal == NULL)
    return FALSE;
  return affari_activities_view_drop_deal (column->view, column->period, affari_deal_get_id (deal));
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
move_deal_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gint64 deal_id, period;
  int index;

  /* The card's "Sposta in" forwards (deal, stage, index); here the stage is a period. */
  g_variant_get (parameter, "(xxi)", &deal_id, &period, &index);
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
    show_plan_dialog (AFFARI_ACTIVITIES_VIEW (widget), (AffariActivityPeriod) period);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->undo_activity_id == 0 || self->store == NULL)
    return;
  if (!affari_store_reschedule_activity (self->store, self->undo_activity_id, self->undo_deadline, &error))
    show_message (self, error->message);
  self->undo_activity_id = 0;
  gtk_widget_action_set_enabled (widget, "activities.undo", FALSE);
}

static void
open_deal_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "win.open-deal", "x", g_variant_get_int64 (parameter));
}

static void
trash_deal_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (widget);
  g_autoptr(GError) error = NULL;
  gint64 deal_id = g_variant_get_int64 (parameter);
  AdwToast *toast;

  if (self->store == NULL)
    return;
  if (!affari_store_trash_deal (self->store, deal_id, &error))
    {
      show_message (self, error->message);
      return;
    }
  toast = adw_toast_new (_("Deal moved to the trash"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.restore-deal");
  adw_toast_set_action_target (toast, "x", deal_id);
  add_toast (self, toast);
}

/* ------------------------------------------------------------ overrides */

static void
affari_activities_view_map (GtkWidget *widget)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (widget);

  GTK_WIDGET_CLASS (affari_activities_view_parent_class)->map (widget);

  if (self->dirty)
    refresh_now (self);
  if (self->clock_source == 0)
    self->clock_source = g_timeout_add_seconds (CLOCK_SECONDS, on_clock_cb, self);
}

static void
affari_activities_view_unmap (GtkWidget *widget)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (widget);

  g_clear_handle_id (&self->clock_source, g_source_remove);
  if (self->refresh_source != 0)
    {
      g_clear_handle_id (&self->refresh_source, g_source_remove);
      self->dirty = TRUE;
    }

  GTK_WIDGET_CLASS (affari_activities_view_parent_class)->unmap (widget);
}

static void
affari_activities_view_dispose (GObject *object)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->clock_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_ACTIVITIES_VIEW);

  for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
    {
      g_clear_object (&self->columns[i].deals);
      g_clear_pointer (&self->columns[i].summary, g_free);
    }
  g_clear_object (&self->card_menu);
  g_clear_pointer (&self->filter, affari_deal_query_free);
  g_clear_object (&self->store);

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
      g_value_set_object (value, self->store);
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
      affari_activities_view_set_store (self, g_value_get_object (value));
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
    g_param_spec_object ("store", NULL, NULL, AFFARI_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-activities-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, scroller);
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, columns_box);

  gtk_widget_class_install_action (widget_class, "activities.reschedule", "(xi)", reschedule_action);
  gtk_widget_class_install_action (widget_class, "activities.plan", "i", plan_action);
  gtk_widget_class_install_action (widget_class, "activities.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "kanban.open-deal", "x", open_deal_action);
  gtk_widget_class_install_action (widget_class, "kanban.trash-deal", "x", trash_deal_action);
  gtk_widget_class_install_action (widget_class, "kanban.move-deal", "(xxi)", move_deal_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "activities.undo", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "activities-view");
}

static GtkWidget *
build_column (AffariActivitiesView *self,
              Column               *column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *box, *header, *top, *title, *scroller;
  GType types[] = { AFFARI_TYPE_DEAL };

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (box, "activity-column");
  gtk_widget_add_css_class (box, affari_activity_period_to_string (column->period));
  gtk_widget_set_name (box, affari_activity_period_to_string (column->period));
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  affari_activity_period_label (column->period), -1);
  column->widget = box;

  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (header, "activity-column-header");
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  title = gtk_label_new (affari_activity_period_label (column->period));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (top), title);
  /* Nothing is planned in the past, nor "without an activity". */
  if (column->period != AFFARI_ACTIVITY_PERIOD_OVERDUE && column->period != AFFARI_ACTIVITY_PERIOD_NONE)
    {
      GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

      gtk_widget_add_css_class (add, "flat");
      gtk_widget_add_css_class (add, "circular");
      gtk_widget_set_tooltip_text (add, _("Plan an Activity in This Period"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Plan an Activity in This Period"), -1);
      g_signal_connect (add, "clicked", G_CALLBACK (on_add_clicked_cb), column);
      gtk_box_append (GTK_BOX (top), add);
    }
  else
    {
      /* keeps the headers of every column the same height */
      GtkWidget *spacer = gtk_button_new ();

      gtk_widget_set_opacity (spacer, 0);
      gtk_widget_set_can_target (spacer, FALSE);
      gtk_widget_set_can_focus (spacer, FALSE);
      gtk_widget_add_css_class (spacer, "flat");
      gtk_widget_add_css_class (spacer, "circular");
      gtk_button_set_icon_name (GTK_BUTTON (spacer), "list-add-symbolic");
      gtk_accessible_update_state (GTK_ACCESSIBLE (spacer), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      gtk_box_append (GTK_BOX (top), spacer);
    }
  gtk_box_append (GTK_BOX (header), top);
  column->summary_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (column->summary_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (column->summary_label), "amount");
  gtk_widget_add_css_class (GTK_WIDGET (column->summary_label), "dim-label");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (column->summary_label));
  gtk_box_append (GTK_BOX (box), header);

  column->deals = affari_deal_id_list_new (self->store);
  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), column);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), column);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), column);
  column->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (column->deals)))),
                                                        g_object_ref (factory)));
  gtk_widget_add_css_class (GTK_WIDGET (column->list_view), "kanban-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  affari_activity_period_label (column->period), -1);
  g_signal_connect (column->list_view, "activate", G_CALLBACK (on_list_view_activate_cb), column);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (column->list_view));
  gtk_box_append (GTK_BOX (box), scroller);

  /* The drop target covers the whole column, header included. */
  column->drop_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_MOVE);
  gtk_drop_target_set_gtypes (column->drop_target, types, G_N_ELEMENTS (types));
  gtk_drop_target_set_preload (column->drop_target, TRUE);
  g_signal_connect (column->drop_target, "enter", G_CALLBACK (on_drop_enter_cb), column);
  g_signal_connect (column->drop_target, "leave", G_CALLBACK (on_drop_leave_cb), column);
  g_signal_connect (column->drop_target, "drop", G_CALLBACK (on_drop_cb), column);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (column->drop_target));

  return box;
}

static void
build_card_menu (AffariActivitiesView *self)
{
  g_autoptr(GMenu) open_section = g_menu_new ();
  g_autoptr(GMenu) move_section = g_menu_new ();
  g_autoptr(GMenu) move_menu = g_menu_new ();
  g_autoptr(GMenu) trash_section = g_menu_new ();

  self->card_menu = g_menu_new ();
  g_menu_append (open_section, _("Open"), "card.open");
  g_menu_append_section (self->card_menu, NULL, G_MENU_MODEL (open_section));
  /* The keyboard and menu twin of the drag. */
  for (int period = AFFARI_ACTIVITY_PERIOD_TODAY; period <= AFFARI_ACTIVITY_PERIOD_LATER; period++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (affari_activity_period_label ((AffariActivityPeriod) period), NULL);

      g_menu_item_set_action_and_target_value (item, "card.move-to", g_variant_new_int64 (period));
      g_menu_append_item (move_menu, item);
    }
  g_menu_append_submenu (move_section, _("Move To"), G_MENU_MODEL (move_menu));
  g_menu_append_section (self->card_menu, NULL, G_MENU_MODEL (move_section));
  g_menu_append (trash_section, _("Move to Trash"), "card.trash");
  g_menu_append_section (self->card_menu, NULL, G_MENU_MODEL (trash_section));
}

static void
affari_activities_view_init (AffariActivitiesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_card_menu (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "activities.undo", FALSE);
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_activities_view_new (void)
{
  return g_object_new (AFFARI_TYPE_ACTIVITIES_VIEW, NULL);
}

void
affari_activities_view_set_store (AffariActivitiesView *self,
                                  AffariStore          *store)
{
  GtkWidget *child;

  g_return_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self));
  g_return_if_fail (store == NULL || AFFARI_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box))) != NULL)
    gtk_box_remove (self->columns_box, child);
  for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
    g_clear_object (&self->columns[i].deals);
  g_set_object (&self->store, store);

  if (store != NULL)
    {
      for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
        {
          self->columns[i].view = self;
          self->columns[i].period = (AffariActivityPeriod) i;
          gtk_box_append (self->columns_box, build_column (self, &self->columns[i]));
        }
      g_signal_connect (store, "deal-changed", G_CALLBACK (on_store_deal_changed_cb), self);
      g_signal_connect (store, "reset", G_CALLBACK (on_store_reset_cb), self);
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
  queue_refresh (self);
}

void
affari_activities_view_set_filter (AffariActivitiesView  *self,
                                   const AffariDealQuery *filter)
{
  g_return_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self));

  g_clear_pointer (&self->filter, affari_deal_query_free);
  if (filter != NULL)
    self->filter = affari_deal_query_copy (filter);
  queue_refresh (self);
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
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *message = NULL;
  gint64 activity_id = 0, old_deadline = 0;
  AdwToast *toast;

  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), FALSE);

  if (self->store == NULL)
    return FALSE;

  if (period == AFFARI_ACTIVITY_PERIOD_NONE)
    {
      /* Refused: an activity leaves the plan by being done or deleted, not by a drag. */
      show_message (self, _("A deal moves to “No Activity” when its activities are done: open the deal to mark them"));
      return FALSE;
    }

  if (!affari_store_reschedule_next_activity (self->store, deal_id, period, &activity_id, &old_deadline, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }

  self->undo_activity_id = activity_id;
  self->undo_deadline = old_deadline;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "activities.undo", TRUE);
  refresh_now (self);

  /* Translators: a toast after dragging a card in the Activities view; %s is a column, "Oggi". */
  message = g_strdup_printf (_("Activity moved to %s"), affari_activity_period_label (period));
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("Undo"));
  /* The toast lives in the window's overlay, outside this widget and its actions. */
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_toast_undo_clicked_cb), self, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  add_toast (self, toast);
  return TRUE;
}
