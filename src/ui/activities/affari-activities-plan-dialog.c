/* affari-activities-plan-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-activities"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "ui/activities/affari-activities-plan-dialog.h"
#include "ui/common/affari-view-common.h"

#define PLAN_SUGGESTIONS 6

static char *
format_deadline (gint64 deadline)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (deadline);

  return g_date_time_format (dt, "%d/%m/%Y %H:%M");
}

/* ------------------------------------------------------------ the dialog */

typedef struct {
  GtkWidget            *view;
  AffariWorkspace      *workspace;
  AffariDealQuery      *query;
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
  g_object_unref (plan->workspace);
  affari_deal_query_free (plan->query);
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
  g_autoptr(AffariDealQuery) query = affari_deal_query_copy (plan->query);
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
  deals = affari_workspace_query_deals (plan->workspace, query, 0, PLAN_SUGGESTIONS, &error);
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
  g_autofree char *subject = NULL;
  GtkListBoxRow *row;
  AffariDeal *deal;

  if (g_strcmp0 (response, "plan") != 0)
    return;
  row = gtk_list_box_get_selected_row (plan->deals);
  if (row == NULL)
    return;
  deal = g_object_get_data (G_OBJECT (row), "deal");
  subject = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (plan->subject))));
  /* The window's activity.plan: one transaction, a toast with "Annulla", Ctrl+Z. */
  gtk_widget_activate_action (plan->view, "activity.plan", "(xisxsx)", affari_deal_get_id (deal),
                              (int) gtk_drop_down_get_selected (plan->kind), subject, plan->deadline,
                              "", (gint64) 0);
}

void
affari_activities_plan_dialog_present (GtkWidget             *view,
                                       AffariWorkspace       *workspace,
                                       const AffariDealQuery *query,
                                       AffariActivityPeriod   period)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (view);
  PlanDialog *plan;
  GtkWidget *dialog, *box, *scroller;
  gint64 deadline;

  g_return_if_fail (GTK_IS_WIDGET (view));
  g_return_if_fail (AFFARI_IS_WORKSPACE (workspace));

  /* A new activity is due at the first working hour of the period's first day (today: the next
   * working hour; refused, with the reason, once the working day is over). */
  if (!affari_activity_period_reschedule (affari_workspace_now (workspace), NULL, 0, period, &deadline, &error))
    {
      affari_view_show_message (view, error->message);
      return;
    }

  plan = g_new0 (PlanDialog, 1);
  plan->view = g_object_ref (view);
  plan->workspace = g_object_ref (workspace);
  plan->query = affari_deal_query_copy (query);
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
