/* affari-window-leads.c — the Lead section of the window
 *
 * Leads are deals of the lead pipeline (ops/affari-leads.h): the section is that pipeline,
 * listed after the deal pipelines in the header's drop-down, so the board, the list, the filters,
 * search, multi-select and undo are the deals' own. The header says where the user is: the
 * subtitle "Lead", and "Nuovo lead" on the button (and Ctrl+N) that makes one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ops/affari-leads.h"
#include "ui/app/affari-window-private.h"

void
_affari_window_leads_append (AffariWindow *self,
                             GPtrArray    *pipelines)
{
  AffariPipeline *leads = affari_leads_dup_pipeline (affari_workspace_get_store (self->workspace));

  if (leads != NULL)
    g_ptr_array_add (pipelines, leads);
}

void
_affari_window_leads_apply (AffariWindow *self,
                            gint64        pipeline_id)
{
  gboolean leads = affari_leads_is_lead_pipeline (affari_workspace_get_store (self->workspace), pipeline_id);
  const char *new_label = leads ? _("New Lead") : _("New Deal");

  adw_button_content_set_label (self->new_deal_content, new_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self->new_deal_content))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, new_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_deal_icon_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, new_label, -1);
  adw_view_switcher_title_set_subtitle (self->switcher_title, leads ? C_("section", "Leads") : "");
  gtk_window_set_title (GTK_WINDOW (self), leads ? _("Affari — Leads") : "Affari");
}

void
_affari_window_show_leads_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  g_autoptr(AffariPipeline) leads = affari_leads_dup_pipeline (affari_workspace_get_store (self->workspace));

  if (leads != NULL)
    affari_window_set_pipeline_id (self, affari_pipeline_get_id (leads));
}
