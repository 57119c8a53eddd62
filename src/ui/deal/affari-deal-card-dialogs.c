/* affari-deal-card-dialogs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-card"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/deal/affari-deal-card-dialogs.h"

static AffariStage *
find_stage (GPtrArray *stages,
            gint64     stage_id)
{
  for (guint i = 0; stages != NULL && i < stages->len; i++)
    if (affari_stage_get_id (g_ptr_array_index (stages, i)) == stage_id)
      return g_ptr_array_index (stages, i);
  return NULL;
}

AdwMessageDialog *
affari_deal_card_finish_dialog_new (GtkWindow *parent,
                                    GPtrArray *stages,
                                    gint64     chosen_stage_id)
{
  AffariStage *chosen = find_stage (stages, chosen_stage_id);
  AdwMessageDialog *dialog;
  GtkWidget *reason;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                       _("Close the Deal"),
                                                       _("Was the deal won or lost? A reason helps to learn from it.")));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "won", _("_Won"));
  adw_message_dialog_set_response_appearance (dialog, "won", ADW_RESPONSE_SUGGESTED);
  for (guint i = 0; i < stages->len; i++)
    {
      AffariStage *stage = g_ptr_array_index (stages, i);
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
affari_deal_card_pipeline_dialog_new (GtkWindow  *parent,
                                      GListModel *model)
{
  g_autoptr(GtkExpression) name = gtk_property_expression_new (AFFARI_TYPE_PIPELINE, NULL, "name");
  AdwMessageDialog *dialog;
  GtkWidget *dropdown;

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
