/* affari-lead-convert-dialog.c — "Converti lead"
 *
 * Each drop-down lists the candidates the core found (same e-mail, phone, name), then "Crea
 * nuovo" with the name the lead gives, then none; the rules, the checks (converted already,
 * junk) and the writing are the core's (affari_leads_convert).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-lead"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-lead-convert-dialog.h"
#include "ops/affari-leads.h"

struct _AffariLeadConvertDialog
{
  AdwWindow parent_instance;

  AffariWorkspace *workspace;
  AffariDealOps *ops;
  gint64 lead_id;
  GArray *contact_ids;      /* gint64 per row of contact_row: an id, AFFARI_LEAD_CREATE_NEW or 0 */
  GArray *company_ids;
  GArray *pipeline_ids;

  /* template */
  AdwWindowTitle *window_title;
  AdwComboRow *contact_row;
  AdwComboRow *company_row;
  AdwComboRow *pipeline_row;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (AffariLeadConvertDialog, affari_lead_convert_dialog, ADW_TYPE_WINDOW)

enum {
  CONVERTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ auxiliary */

static void
show_error (AffariLeadConvertDialog *self,
            const char              *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* "Mario Rossi · mario@rossi.it · +39 333 …" */
static char *
describe (const char *name,
          const char *email,
          const char *phone)
{
  GString *text = g_string_new (name);

  if (email != NULL && *email != '\0')
    g_string_append_printf (text, " · %s", email);
  if (phone != NULL && *phone != '\0')
    g_string_append_printf (text, " · %s", phone);
  return g_string_free (text, FALSE);
}

static void
add_choice (GtkStringList *list,
            GArray        *ids,
            const char    *label,
            gint64         id)
{
  gtk_string_list_append (list, label);
  g_array_append_val (ids, id);
}

static void
select_id (AdwComboRow *row,
           GArray      *ids,
           gint64       id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
}

static gint64
selected_id (AdwComboRow *row,
             GArray      *ids)
{
  guint i = adw_combo_row_get_selected (row);

  return i < ids->len ? g_array_index (ids, gint64, i) : 0;
}

static void
fill (AffariLeadConvertDialog *self)
{
  AffariStore *store = affari_workspace_get_store (self->workspace);
  g_autoptr(GtkStringList) contacts = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) companies = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) pipelines = gtk_string_list_new (NULL);
  g_autoptr(AffariLead) lead = NULL;
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(GPtrArray) found_contacts = NULL;
  g_autoptr(GPtrArray) found_companies = NULL;
  g_autoptr(GPtrArray) pipeline_list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *person = NULL;
  AffariLeadConversion suggested = { 0 };

  lead = affari_leads_get (store, self->lead_id, &error);
  deal = lead != NULL ? affari_workspace_get_deal (self->workspace, self->lead_id, &error) : NULL;
  found_contacts = deal != NULL ? affari_leads_find_contacts (store, lead, &error) : NULL;
  found_companies = found_contacts != NULL ? affari_leads_find_companies (store, lead, &error) : NULL;
  pipeline_list = found_companies != NULL ? affari_workspace_list_pipelines (self->workspace, &error) : NULL;
  if (pipeline_list == NULL || !affari_leads_suggest (store, self->lead_id, &suggested, &error))
    {
      show_error (self, error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "convert.convert", FALSE);
      return;
    }
  adw_window_title_set_subtitle (self->window_title, affari_deal_get_title (deal));

  person = affari_lead_dup_person (lead);
  for (guint i = 0; i < found_contacts->len; i++)
    {
      AffariContact *contact = g_ptr_array_index (found_contacts, i);
      g_autofree char *name = affari_contact_dup_full_name (contact);
      g_autofree char *label = describe (name, affari_contact_get_email (contact), affari_contact_get_phone (contact));

      add_choice (contacts, self->contact_ids, label, affari_contact_get_id (contact));
    }
  {
    g_autofree char *label = g_strdup_printf (_("New contact: %s"), *person ? person : affari_deal_get_title (deal));

    add_choice (contacts, self->contact_ids, label, AFFARI_LEAD_CREATE_NEW);
    add_choice (contacts, self->contact_ids, _("No contact"), 0);
  }
  for (guint i = 0; i < found_companies->len; i++)
    {
      AffariCompany *company = g_ptr_array_index (found_companies, i);
      g_autofree char *label = describe (affari_company_get_name (company), affari_company_get_email (company),
                                         affari_company_get_phone (company));

      add_choice (companies, self->company_ids, label, affari_company_get_id (company));
    }
  /* The candidate contact's own company, offered among the candidates when it is not one. */
  if (suggested.company_id > 0)
    {
      gboolean listed = FALSE;

      for (guint i = 0; i < self->company_ids->len; i++)
        listed |= g_array_index (self->company_ids, gint64, i) == suggested.company_id;
      if (!listed)
        for (guint i = 0; i < found_contacts->len; i++)
          if (affari_contact_get_company_id (g_ptr_array_index (found_contacts, i)) == suggested.company_id)
            {
              AffariContact *contact = g_ptr_array_index (found_contacts, i);
              g_autofree char *name = affari_contact_dup_full_name (contact);
              g_autofree char *label = g_strdup_printf (_("The company of %s"), name);

              add_choice (companies, self->company_ids, label, suggested.company_id);
              break;
            }
    }
  {
    g_autofree char *label = g_strdup_printf (_("New company: %s"),
                                              *lead->company_title ? lead->company_title : affari_deal_get_title (deal));

    add_choice (companies, self->company_ids, label, AFFARI_LEAD_CREATE_NEW);
    add_choice (companies, self->company_ids, _("No company"), 0);
  }
  for (guint i = 0; i < pipeline_list->len; i++)
    {
      AffariPipeline *pipeline = g_ptr_array_index (pipeline_list, i);

      add_choice (pipelines, self->pipeline_ids, affari_pipeline_get_name (pipeline), affari_pipeline_get_id (pipeline));
    }

  adw_combo_row_set_model (self->contact_row, G_LIST_MODEL (contacts));
  adw_combo_row_set_model (self->company_row, G_LIST_MODEL (companies));
  adw_combo_row_set_model (self->pipeline_row, G_LIST_MODEL (pipelines));
  select_id (self->contact_row, self->contact_ids, suggested.contact_id);
  select_id (self->company_row, self->company_ids, suggested.company_id);
  select_id (self->pipeline_row, self->pipeline_ids, suggested.pipeline_id);
}

/* ------------------------------------------------------------ actions */

static void
convert_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AffariLeadConvertDialog *self = AFFARI_LEAD_CONVERT_DIALOG (widget);
  g_autoptr(AffariChangeSet) set = NULL;
  g_autoptr(GError) error = NULL;
  AffariLeadConversion conversion = { 0 };
  gint64 deal_id = 0;

  conversion.lead_id = self->lead_id;
  conversion.contact_id = selected_id (self->contact_row, self->contact_ids);
  conversion.company_id = selected_id (self->company_row, self->company_ids);
  conversion.pipeline_id = selected_id (self->pipeline_row, self->pipeline_ids);
  set = affari_leads_convert (self->ops, affari_workspace_get_store (self->workspace), &conversion, &deal_id, &error);
  if (set == NULL)
    {
      /* Nothing was written: the dialog stays, with the reason. */
      show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[CONVERTED], 0, deal_id);
  gtk_window_close (GTK_WINDOW (self));
}

/* ------------------------------------------------------------ overrides */

static void
affari_lead_convert_dialog_dispose (GObject *object)
{
  AffariLeadConvertDialog *self = AFFARI_LEAD_CONVERT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_LEAD_CONVERT_DIALOG);
  g_clear_object (&self->workspace);
  g_clear_object (&self->ops);

  G_OBJECT_CLASS (affari_lead_convert_dialog_parent_class)->dispose (object);
}

static void
affari_lead_convert_dialog_finalize (GObject *object)
{
  AffariLeadConvertDialog *self = AFFARI_LEAD_CONVERT_DIALOG (object);

  g_array_unref (self->contact_ids);
  g_array_unref (self->company_ids);
  g_array_unref (self->pipeline_ids);

  G_OBJECT_CLASS (affari_lead_convert_dialog_parent_class)->finalize (object);
}

static void
affari_lead_convert_dialog_class_init (AffariLeadConvertDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_lead_convert_dialog_dispose;
  object_class->finalize = affari_lead_convert_dialog_finalize;

  signals[CONVERTED] = g_signal_new ("converted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-lead-convert-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariLeadConvertDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AffariLeadConvertDialog, contact_row);
  gtk_widget_class_bind_template_child (widget_class, AffariLeadConvertDialog, company_row);
  gtk_widget_class_bind_template_child (widget_class, AffariLeadConvertDialog, pipeline_row);
  gtk_widget_class_bind_template_child (widget_class, AffariLeadConvertDialog, error_label);

  gtk_widget_class_install_action (widget_class, "convert.convert", NULL, convert_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
affari_lead_convert_dialog_init (AffariLeadConvertDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->contact_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->company_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pipeline_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* ------------------------------------------------------------ public API */

GtkWindow *
affari_lead_convert_dialog_new (GtkWindow       *parent,
                                AffariWorkspace *workspace,
                                AffariDealOps   *ops,
                                gint64           lead_id)
{
  AffariLeadConvertDialog *self;

  g_return_val_if_fail (AFFARI_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (ops), NULL);

  self = g_object_new (AFFARI_TYPE_LEAD_CONVERT_DIALOG, "transient-for", parent, NULL);
  self->workspace = g_object_ref (workspace);
  self->ops = g_object_ref (ops);
  self->lead_id = lead_id;
  fill (self);
  return GTK_WINDOW (self);
}
