/* affari-deal-card-dialogs.c — the deal card's questions, and the new deal it starts from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-card"

#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-money.h"
#include "ops/affari-leads.h"

#include "ui/deal/affari-deal-card-dialogs.h"

AffariStage *
affari_deal_card_find_stage (GPtrArray *stages,
                             gint64     stage_id)
{
  for (guint i = 0; stages != NULL && i < stages->len; i++)
    if (affari_stage_get_id (g_ptr_array_index (stages, i)) == stage_id)
      return g_ptr_array_index (stages, i);
  return NULL;
}

/* A question with two answers: @safe (also Esc) and @other, shown with @appearance; Enter gives
 * @default_id. */
static AdwMessageDialog *
question_new (GtkWindow             *parent,
              const char            *heading,
              const char            *body,
              const char            *safe,
              const char            *safe_label,
              const char            *other,
              const char            *other_label,
              AdwResponseAppearance  appearance,
              const char            *default_id)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

  adw_message_dialog_add_response (dialog, safe, safe_label);
  adw_message_dialog_add_response (dialog, other, other_label);
  adw_message_dialog_set_response_appearance (dialog, other, appearance);
  adw_message_dialog_set_default_response (dialog, default_id);
  adw_message_dialog_set_close_response (dialog, safe);
  return dialog;
}

AdwMessageDialog *
affari_deal_card_finish_dialog_new (GtkWindow *parent,
                                    GPtrArray *stages,
                                    gint64     chosen_stage_id)
{
  AffariStage *chosen = affari_deal_card_find_stage (stages, chosen_stage_id);
  AdwMessageDialog *dialog;
  GtkWidget *reason;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                       _("Close the Deal"),
                                                       _("Was the deal won or lost? A reason helps to learn from it.")));
  /* AdwMessageDialog stacks its buttons last-added on top when they do not fit on one line, and
   * puts the last one at the end of the line when they do: "Vinto" is added last to come first
   * (or at the place of the suggested answer), then the lost stages in their order. */
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  for (guint n = stages->len; n > 0; n--)
    {
      AffariStage *stage = g_ptr_array_index (stages, n - 1);
      g_autofree char *id = NULL;
      g_autofree char *label = NULL;

      if (affari_stage_get_semantics (stage) != AFFARI_SEMANTICS_FAILURE)
        continue;
      id = g_strdup_printf ("lost-%" G_GINT64_FORMAT, affari_stage_get_id (stage));
      /* Translators: a button closing the deal as lost in this lost stage */
      label = g_strdup_printf (_("Lost: %s"), affari_stage_get_name (stage));
      adw_message_dialog_add_response (dialog, id, label);
      adw_message_dialog_set_response_appearance (dialog, id, ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_add_response (dialog, "won", _("_Won"));
  adw_message_dialog_set_response_appearance (dialog, "won", ADW_RESPONSE_SUGGESTED);
  if (chosen != NULL && affari_stage_get_semantics (chosen) == AFFARI_SEMANTICS_FAILURE)
    {
      g_autofree char *id = g_strdup_printf ("lost-%" G_GINT64_FORMAT, chosen_stage_id);

      adw_message_dialog_set_default_response (dialog, id);
    }
  else
    adw_message_dialog_set_default_response (dialog, "won");
  adw_message_dialog_set_close_response (dialog, "cancel");

  reason = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Reason (optional)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason (optional)"), -1);
  adw_message_dialog_set_extra_child (dialog, reason);
  return dialog;
}

AdwMessageDialog *
affari_deal_card_pipeline_dialog_new (GtkWindow        *parent,
                                      AffariWorkspace  *workspace,
                                      gint64            current_pipeline_id,
                                      GError          **error)
{
  g_autoptr(GtkExpression) name = gtk_property_expression_new (AFFARI_TYPE_PIPELINE, NULL, "name");
  g_autoptr(GListStore) store = g_list_store_new (AFFARI_TYPE_PIPELINE);
  g_autoptr(GPtrArray) pipelines = affari_workspace_list_pipelines (workspace, error);
  GListModel *model = G_LIST_MODEL (store);
  AdwMessageDialog *dialog;
  GtkWidget *dropdown;

  if (pipelines == NULL)
    return NULL;
  for (guint i = 0; i < pipelines->len; i++)
    if (affari_pipeline_get_id (g_ptr_array_index (pipelines, i)) != current_pipeline_id)
      g_list_store_append (store, g_ptr_array_index (pipelines, i));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                       _("Move to Pipeline"),
                                                       g_list_model_get_n_items (model) > 0
                                                       ? _("The deal goes to the first stage of the same kind there: in progress, won or lost.")
                                                       : _("There is no other pipeline: create one in Preferences.")));
  dropdown = gtk_drop_down_new (g_object_ref (model), gtk_expression_ref (name));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pipeline"), -1);
  gtk_widget_set_visible (dropdown, g_list_model_get_n_items (model) > 0);
  adw_message_dialog_set_extra_child (dialog, dropdown);
  g_object_set_data (G_OBJECT (dialog), "affari-dropdown", dropdown);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (g_list_model_get_n_items (model) > 0)
    {
      adw_message_dialog_add_response (dialog, "move", _("_Move"));
      adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "move");
    }
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

gint64
affari_deal_card_pipeline_dialog_get_chosen (AdwMessageDialog *dialog,
                                             const char       *response)
{
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (dialog), "affari-dropdown");
  AffariPipeline *pipeline;

  if (!g_str_equal (response, "move"))
    return 0;
  pipeline = gtk_drop_down_get_selected_item (dropdown);
  return pipeline != NULL ? affari_pipeline_get_id (pipeline) : 0;
}

AdwMessageDialog *
affari_deal_card_discard_dialog_new (GtkWindow *parent,
                                     gboolean   is_new)
{
  return question_new (parent,
                       is_new ? _("Discard the New Deal?") : _("Discard Unsaved Changes?"),
                       is_new ? _("The deal has not been created yet: if you close the card, what you typed is lost.")
                              : _("Some fields hold text that is not valid, so it was not saved. Keep editing to correct it, or discard it."),
                       "keep", _("_Keep Editing"), "discard", _("_Discard"), ADW_RESPONSE_DESTRUCTIVE, "keep");
}

AdwMessageDialog *
affari_deal_card_plan_dialog_new (GtkWindow *parent)
{
  /* As Bitrix24 does: an open deal without a next step is easily forgotten. Esc is a way of
   * saying "not now": the user wants the card closed, not a second question. */
  return question_new (parent, _("No Activity Planned"),
                       _("Plan the next call, meeting or task, so that this deal is not forgotten."),
                       "later", _("_Not Now"), "plan", _("_Plan Activity"), ADW_RESPONSE_SUGGESTED, "plan");
}

AdwMessageDialog *
affari_deal_card_amount_dialog_new (GtkWindow  *parent,
                                    gint64      amount,
                                    gint64      total,
                                    const char *currency)
{
  g_autofree char *typed = affari_money_format (amount, currency);
  g_autofree char *sum = affari_money_format (total, currency);
  /* Translators: the typed amount, then the total of the deal's product rows. */
  g_autofree char *body = g_strdup_printf (_("The amount, %s, was typed by hand; the total of the products is %s. "
                                             "Use their total as the amount from now on?"), typed, sum);

  /* What the person typed is theirs: Enter and Esc keep it. */
  return question_new (parent, _("Calculate the Amount from the Products?"), body,
                       "keep", _("_Keep the Amount"), "compute", _("_Calculate"), ADW_RESPONSE_SUGGESTED, "keep");
}

gboolean
affari_deal_card_lacks_next_activity (AffariWorkspace *workspace,
                                      gint64           deal_id)
{
  g_autoptr(GPtrArray) activities = affari_workspace_list_activities (workspace, deal_id, NULL);

  /* Unknown (the list could not be read) is not "none": better not to ask. */
  for (guint i = 0; activities != NULL && i < activities->len; i++)
    if (!affari_activity_get_completed (g_ptr_array_index (activities, i)))
      return FALSE;
  return activities != NULL;
}

gint64
affari_deal_card_finish_response_stage (const char      *response,
                                        AffariWorkspace *workspace,
                                        gint64           pipeline_id)
{
  if (g_str_equal (response, "won"))
    return affari_workspace_find_stage (workspace, pipeline_id, AFFARI_SEMANTICS_SUCCESS);
  if (g_str_has_prefix (response, "lost-"))
    return g_ascii_strtoll (response + 5, NULL, 10);
  return 0;
}

AffariDeal *
affari_deal_card_new_deal_defaults (AffariWorkspace *workspace,
                                    gint64           pipeline_id)
{
  AffariDeal *deal = affari_deal_new ();
  g_autofree char *today = affari_date_today ();
  g_autofree char *next_week = affari_date_add_days (today, 7);
  g_autofree char *currency = affari_workspace_dup_base_currency (workspace);

  /* The defaults the workspace would give, shown before the deal exists. */
  affari_deal_set_pipeline_id (deal, pipeline_id);
  affari_deal_set_stage_id (deal, affari_workspace_find_stage (workspace, pipeline_id, AFFARI_SEMANTICS_PROCESS));
  affari_deal_set_begin_date (deal, today);
  affari_deal_set_close_date (deal, next_week);
  affari_deal_set_currency (deal, currency);
  affari_deal_set_assigned_by_id (deal, affari_workspace_get_current_user (workspace));
  affari_deal_set_opened (deal, TRUE);
  affari_deal_set_probability (deal, -1);
  return deal;
}

const char *
affari_deal_card_untitled (AffariWorkspace *workspace,
                           AffariDeal      *deal)
{
  return affari_leads_is_lead_pipeline (affari_workspace_get_store (workspace), affari_deal_get_pipeline_id (deal))
         ? _("New Lead") : _("New Deal");
}

const char *
affari_deal_card_closed_text (AffariWorkspace *workspace,
                              AffariDeal      *deal,
                              GPtrArray       *stages,
                              const char      *deal_text)
{
  AffariStage *stage = affari_deal_card_find_stage (stages, affari_deal_get_stage_id (deal));

  return stage != NULL && affari_leads_is_lead_pipeline (affari_workspace_get_store (workspace),
                                                         affari_deal_get_pipeline_id (deal))
         ? affari_stage_get_name (stage) : deal_text;
}
