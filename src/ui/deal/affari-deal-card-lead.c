/* affari-deal-card-lead.c — the "Lead" page of the card of a lead
 *
 * The person and company typed in take the place of a deal's client pickers (the lead
 * pipeline's card layout hides those): each field is saved on Enter or ✓ through
 * affari_leads_update (one step of the undo history), which also recomputes the repeat flag.
 * "Converti…" opens the conversion dialog; a converted lead links to its deal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-card"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-deal-card-lead.h"
#include "affari-deal-card-util.h"
#include "ops/affari-leads.h"
#include "ui/lead/affari-lead-convert-dialog.h"

struct _AffariDealCardLead
{
  GtkBox parent_instance;

  AffariWorkspace *workspace;
  AffariDealOps *ops;
  AffariLead *lead;                /* as stored; NULL when the deal shown is not a lead */
  AffariSemantics semantics;

  /* template */
  AdwEntryRow *first_name_row;
  AdwEntryRow *last_name_row;
  AdwEntryRow *company_row;
  AdwEntryRow *phone_row;
  AdwEntryRow *email_row;
  AdwEntryRow *address_row;
  AdwActionRow *repeat_row;
  AdwActionRow *convert_row;
  GtkButton *convert_button;
  AdwActionRow *converted_row;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (AffariDealCardLead, affari_deal_card_lead, GTK_TYPE_BOX)

/* ------------------------------------------------------------ auxiliary */

static void
show_error (AffariDealCardLead *self,
            const char         *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
fill (AffariDealCardLead *self,
      gboolean            keep_typed)
{
  struct { AdwEntryRow *row; const char *text; } rows[] = {
    { self->first_name_row, self->lead->first_name },
    { self->last_name_row, self->lead->last_name },
    { self->company_row, self->lead->company_title },
    { self->phone_row, self->lead->phone },
    { self->email_row, self->lead->email },
    { self->address_row, self->lead->address },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (!keep_typed || !affari_card_is_dirty (GTK_EDITABLE (rows[i].row)))
      affari_card_set_text (GTK_EDITABLE (rows[i].row), rows[i].text);
}

static void
update_conversion (AffariDealCardLead *self,
                   AffariDeal         *deal)
{
  gboolean converted = self->lead->converted_deal_id != 0;

  gtk_widget_set_visible (GTK_WIDGET (self->repeat_row), affari_deal_get_is_return_customer (deal));
  gtk_widget_set_visible (GTK_WIDGET (self->convert_row), !converted);
  gtk_widget_set_visible (GTK_WIDGET (self->converted_row), converted);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lead.open-deal", converted);
  /* Junk and converted leads are not converted (again): the row says why. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lead.convert",
                                 !converted && self->semantics == AFFARI_SEMANTICS_PROCESS);
  if (self->semantics == AFFARI_SEMANTICS_FAILURE)
    adw_action_row_set_subtitle (self->convert_row, _("A junk lead is not converted: move it back to an open status first"));
  else
    adw_action_row_set_subtitle (self->convert_row,
                                 _("Choose or create the contact and the company, then the pipeline of the deal"));
  if (converted)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, self->lead->converted_deal_id);
      g_autofree char *title = g_strdup_printf (_("Converted into deal #%s"), number);
      g_autoptr(AffariDeal) made = affari_workspace_get_deal (self->workspace, self->lead->converted_deal_id, NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->converted_row), title);
      adw_action_row_set_subtitle (self->converted_row, made != NULL ? affari_deal_get_title (made) : "");
    }
}

static void
save (AffariDealCardLead *self)
{
  g_autoptr(AffariLead) lead = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *last = NULL, *company = NULL, *phone = NULL, *email = NULL, *address = NULL;

  if (self->lead == NULL || self->ops == NULL)
    return;
  lead = affari_lead_copy (self->lead);
  affari_lead_set_text (&lead->first_name, first = affari_card_dup_text (GTK_EDITABLE (self->first_name_row)));
  affari_lead_set_text (&lead->last_name, last = affari_card_dup_text (GTK_EDITABLE (self->last_name_row)));
  affari_lead_set_text (&lead->company_title, company = affari_card_dup_text (GTK_EDITABLE (self->company_row)));
  affari_lead_set_text (&lead->phone, phone = affari_card_dup_text (GTK_EDITABLE (self->phone_row)));
  affari_lead_set_text (&lead->email, email = affari_card_dup_text (GTK_EDITABLE (self->email_row)));
  affari_lead_set_text (&lead->address, address = affari_card_dup_text (GTK_EDITABLE (self->address_row)));
  if (affari_lead_fields_equal (lead, self->lead))
    {
      fill (self, FALSE);
      return;
    }
  show_error (self, NULL);
  /* The card reloads from the workspace's "changed" and shows what was stored. */
  set = affari_leads_update (self->ops, affari_workspace_get_store (self->workspace), lead, &error);
  if (set == NULL)
    show_error (self, error->message);
}

/* ------------------------------------------------------------ signal callbacks */

static void
on_row_apply_cb (AdwEntryRow        *row,
                 AffariDealCardLead *self)
{
  save (self);
}

/* ------------------------------------------------------------ actions */

static void
convert_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AffariDealCardLead *self = AFFARI_DEAL_CARD_LEAD (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *dialog;

  if (self->lead == NULL)
    return;
  dialog = affari_lead_convert_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->workspace, self->ops,
                                           self->lead->deal_id);
  gtk_window_present (dialog);
}

static void
open_deal_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AffariDealCardLead *self = AFFARI_DEAL_CARD_LEAD (widget);

  if (self->lead != NULL && self->lead->converted_deal_id != 0)
    gtk_widget_activate_action (widget, "deal.open", "x", self->lead->converted_deal_id);
}

/* ------------------------------------------------------------ overrides */

static void
affari_deal_card_lead_dispose (GObject *object)
{
  AffariDealCardLead *self = AFFARI_DEAL_CARD_LEAD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_DEAL_CARD_LEAD);
  g_clear_pointer (&self->lead, affari_lead_free);
  g_clear_object (&self->ops);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (affari_deal_card_lead_parent_class)->dispose (object);
}

static void
affari_deal_card_lead_class_init (AffariDealCardLeadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_deal_card_lead_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-deal-card-lead.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardLead, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardLead, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardLead, company_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardLead, phone_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardLead, email_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardLead, address_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardLead, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardLead, convert_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardLead, convert_button);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardLead, converted_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardLead, error_label);

  gtk_widget_class_install_action (widget_class, "lead.convert", NULL, convert_action);
  gtk_widget_class_install_action (widget_class, "lead.open-deal", NULL, open_deal_action);
}

static void
affari_deal_card_lead_init (AffariDealCardLead *self)
{
  AdwEntryRow *rows[6];

  gtk_widget_init_template (GTK_WIDGET (self));
  rows[0] = self->first_name_row;
  rows[1] = self->last_name_row;
  rows[2] = self->company_row;
  rows[3] = self->phone_row;
  rows[4] = self->email_row;
  rows[5] = self->address_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      affari_card_track_edits (GTK_EDITABLE (rows[i]));
      g_signal_connect (rows[i], "apply", G_CALLBACK (on_row_apply_cb), self);
      g_signal_connect (rows[i], "entry-activated", G_CALLBACK (on_row_apply_cb), self);
    }
}

/* ------------------------------------------------------------ public API */

void
affari_deal_card_lead_setup (AffariDealCardLead *self,
                             AffariWorkspace    *workspace,
                             AffariDealOps      *ops)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_LEAD (self));

  g_set_object (&self->workspace, workspace);
  g_set_object (&self->ops, ops);
}

gboolean
affari_deal_card_lead_set_deal (AffariDealCardLead *self,
                                AffariDeal         *deal)
{
  g_autoptr(AffariLead) lead = NULL;
  gboolean same;

  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_LEAD (self), FALSE);

  if (self->workspace != NULL && deal != NULL && affari_deal_get_id (deal) != 0
      && affari_leads_is_lead_pipeline (affari_workspace_get_store (self->workspace), affari_deal_get_pipeline_id (deal)))
    lead = affari_leads_get (affari_workspace_get_store (self->workspace), affari_deal_get_id (deal), NULL);
  same = lead != NULL && self->lead != NULL && self->lead->deal_id == lead->deal_id;
  g_clear_pointer (&self->lead, affari_lead_free);
  if (lead == NULL)
    return FALSE;

  self->lead = g_steal_pointer (&lead);
  self->semantics = affari_deal_get_semantics (deal);
  if (!same)
    show_error (self, NULL);
  /* The same lead again (after a change): what the user is typing elsewhere stays. */
  fill (self, same);
  update_conversion (self, deal);
  return TRUE;
}
