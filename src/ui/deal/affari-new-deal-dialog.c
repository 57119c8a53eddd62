/* affari-new-deal-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-new-deal-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-money.h"

#include "ui/common/affari-ui.h"
#include "ui/deal/affari-deal-lists.h"
#include "ops/affari-deal-ops.h"
#include "ui/deal/affari-new-deal-dialog.h"

/* Errors of a half-typed value ("1.") would flash while typing: they show after a pause, or at
 * once when the user presses Enter. Valid input clears them at once. */
#define ERROR_DELAY_MS 600

struct _AffariNewDealDialog
{
  AdwWindow    parent_instance;

  AffariWorkspace *workspace;
  AffariDealOps *ops;          /* the window's: the deal is created through it */
  gint64       pipeline_id;
  GListStore  *stages;
  guint        error_timeout;

  /* template */
  GtkButton   *create_button;
  AdwEntryRow *title_row;
  AdwEntryRow *amount_row;
  GtkLabel    *amount_error;
  AdwComboRow *currency_row;
  AdwComboRow *stage_row;
  AdwEntryRow *company_row;
  AdwEntryRow *close_date_row;
  GtkLabel    *date_error;
  GtkLabel    *create_error;
};

G_DEFINE_FINAL_TYPE (AffariNewDealDialog, affari_new_deal_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PIPELINE_ID,
  N_PROPS
};

enum {
  DEAL_CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ auxiliary */

static char *
dup_stripped_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_field_error (AdwEntryRow *row,
                 GtkLabel    *label,
                 const char  *message)
{
  if (message != NULL)
    {
      gtk_label_set_text (label, message);
      gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
      gtk_label_set_text (label, "");
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/* An empty amount is a deal without an amount yet (0). */
static gboolean
parse_amount (AffariNewDealDialog  *self,
              gint64               *out_minor,
              char                **out_message)
{
  g_autofree char *text = dup_stripped_text (self->amount_row);
  g_autoptr(GError) error = NULL;
  gint64 minor = 0;

  if (*text != '\0' && !affari_money_parse (text, &minor, &error))
    {
      *out_message = g_strdup (error != NULL ? error->message : _("This is not an amount."));
      return FALSE;
    }

  if (minor < 0)
    {
      *out_message = g_strdup (_("The amount cannot be negative."));
      return FALSE;
    }

  *out_minor = minor;
  return TRUE;
}

/* An empty date is a deal without an expected close date. */
static gboolean
parse_close_date (AffariNewDealDialog  *self,
                  char                **out_iso,
                  char                **out_message)
{
  g_autofree char *text = dup_stripped_text (self->close_date_row);
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;

  if (*text == '\0')
    {
      *out_iso = NULL;
      return TRUE;
    }

  iso = affari_date_parse (text, &error);
  if (iso == NULL)
    {
      *out_message = g_strdup (error != NULL ? error->message : _("Write the date as 27/11/2026."));
      return FALSE;
    }

  *out_iso = g_steal_pointer (&iso);
  return TRUE;
}

static AffariStage *
dup_selected_stage (AffariNewDealDialog *self)
{
  guint position = adw_combo_row_get_selected (self->stage_row);

  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;

  return g_list_model_get_item (G_LIST_MODEL (self->stages), position);
}

static gboolean validate (AffariNewDealDialog *self,
                          gboolean             show_errors);

static gboolean
on_error_timeout_cb (gpointer user_data)
{
  AffariNewDealDialog *self = AFFARI_NEW_DEAL_DIALOG (user_data);

  self->error_timeout = 0;
  validate (self, TRUE);

  return G_SOURCE_REMOVE;
}

/* Enables new-deal.create when the form can be saved; returns whether it can. */
static gboolean
validate (AffariNewDealDialog *self,
          gboolean             show_errors)
{
  g_autofree char *title = dup_stripped_text (self->title_row);
  g_autofree char *amount_message = NULL;
  g_autofree char *date_message = NULL;
  g_autofree char *iso_date = NULL;
  g_autoptr(AffariStage) stage = dup_selected_stage (self);
  gint64 minor = 0;
  gboolean amount_ok;
  gboolean date_ok;
  gboolean ok;

  amount_ok = parse_amount (self, &minor, &amount_message);
  date_ok = parse_close_date (self, &iso_date, &date_message);

  if (amount_ok)
    set_field_error (self->amount_row, self->amount_error, NULL);
  else if (show_errors)
    set_field_error (self->amount_row, self->amount_error, amount_message);

  if (date_ok)
    set_field_error (self->close_date_row, self->date_error, NULL);
  else if (show_errors)
    set_field_error (self->close_date_row, self->date_error, date_message);

  g_clear_handle_id (&self->error_timeout, g_source_remove);
  if (!show_errors && (!amount_ok || !date_ok))
    self->error_timeout = g_timeout_add (ERROR_DELAY_MS, on_error_timeout_cb, self);

  ok = *title != '\0' && amount_ok && date_ok && stage != NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-deal.create", ok);

  return ok;
}

static char *
fold_name (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autofree char *normalized = g_utf8_normalize (stripped, -1, G_NORMALIZE_DEFAULT_COMPOSE);

  return g_utf8_casefold (normalized != NULL ? normalized : stripped, -1);
}

/* The id of the company called @name, created when there is none yet; 0 and @error on failure. */
static gint64
find_or_create_company (AffariNewDealDialog  *self,
                        const char           *name,
                        GError              **error)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(AffariCompany) company = NULL;
  g_autofree char *wanted = fold_name (name);

  found = affari_workspace_search_companies (self->workspace, name, 50, error);
  if (found == NULL)
    return 0;

  for (guint i = 0; i < found->len; i++)
    {
      AffariCompany *candidate = g_ptr_array_index (found, i);
      g_autofree char *folded = fold_name (affari_company_get_name (candidate));

      if (g_strcmp0 (folded, wanted) == 0)
        return affari_company_get_id (candidate);
    }

  company = affari_company_new (name);
  return affari_workspace_create_company (self->workspace, company, error);
}

static void
fill_stages (AffariNewDealDialog *self)
{
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GError) error = NULL;

  g_list_store_remove_all (self->stages);

  if (self->workspace == NULL || self->pipeline_id == 0)
    return;

  stages = affari_workspace_list_stages (self->workspace, self->pipeline_id, &error);
  if (stages == NULL)
    {
      gtk_label_set_text (self->create_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->create_error), TRUE);
      return;
    }

  g_list_store_splice (self->stages, 0, 0, stages->pdata, stages->len);
  adw_combo_row_set_selected (self->stage_row, stages->len > 0 ? 0 : GTK_INVALID_LIST_POSITION);
}

/* The currencies in use (Preferenze), the base one first: the same the card offers. */
static void
fill_currencies (AffariNewDealDialog *self)
{
  g_autoptr(AffariDealLists) lists = affari_deal_lists_new (self->workspace);

  adw_combo_row_set_model (self->currency_row, affari_deal_lists_get_currencies (lists));
  adw_combo_row_set_selected (self->currency_row, 0);
}

static char *
dup_selected_currency (AffariNewDealDialog *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (self->currency_row);

  return g_strdup (item != NULL ? gtk_string_object_get_string (item) : "EUR");
}

/* ------------------------------------------------------------ callbacks */

static void
on_row_changed_cb (GtkEditable         *editable,
                   AffariNewDealDialog *self)
{
  validate (self, FALSE);
}

static void
on_row_entry_activated_cb (AdwEntryRow         *row,
                           AffariNewDealDialog *self)
{
  validate (self, TRUE);
}

static void
on_stage_selected_changed_cb (AdwComboRow         *row,
                              GParamSpec          *pspec,
                              AffariNewDealDialog *self)
{
  validate (self, FALSE);
}

/* ------------------------------------------------------------ actions */

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autoptr(AffariChangeSet) set = NULL;
  AffariNewDealDialog *self = AFFARI_NEW_DEAL_DIALOG (widget);
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(AffariStage) stage = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *company_name = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *close_date = NULL;
  g_autofree char *message = NULL;
  gint64 amount = 0;

  if (!validate (self, TRUE))
    return;

  title = dup_stripped_text (self->title_row);
  company_name = dup_stripped_text (self->company_row);
  currency = dup_selected_currency (self);
  stage = dup_selected_stage (self);
  parse_amount (self, &amount, &message);
  parse_close_date (self, &close_date, &message);

  deal = affari_deal_new ();
  affari_deal_set_title (deal, title);
  affari_deal_set_pipeline_id (deal, self->pipeline_id);
  affari_deal_set_stage_id (deal, affari_stage_get_id (stage));
  affari_deal_set_currency (deal, currency);
  affari_deal_set_amount (deal, amount);
  affari_deal_set_close_date (deal, close_date);

  /* An orphan company, if the deal then fails, is harmless: the next try finds and reuses it. */
  if (*company_name != '\0')
    {
      gint64 company_id = find_or_create_company (self, company_name, &error);

      if (company_id == 0)
        goto failed;

      affari_deal_set_company_id (deal, company_id);
    }

  /* One change on the window's history: Ctrl+Z puts the new deal in the trash. */
  set = affari_deal_ops_create (self->ops, deal, NULL, NULL, &error);
  if (set == NULL)
    goto failed;

  g_signal_emit (self, signals[DEAL_CREATED], 0, deal);
  gtk_window_close (GTK_WINDOW (self));
  return;

failed:
  /* What was typed stays: the user fixes the cause and presses Create again. */
  gtk_label_set_text (self->create_error, error != NULL ? error->message : _("The deal could not be saved."));
  gtk_widget_set_visible (GTK_WIDGET (self->create_error), TRUE);
}

/* ------------------------------------------------------------ overrides */

static void
affari_new_deal_dialog_constructed (GObject *object)
{
  AffariNewDealDialog *self = AFFARI_NEW_DEAL_DIALOG (object);
  g_autofree char *today = affari_date_today ();
  g_autofree char *next_week = affari_date_add_days (today, 7);
  g_autofree char *shown = affari_date_format (next_week);

  G_OBJECT_CLASS (affari_new_deal_dialog_parent_class)->constructed (object);

  fill_currencies (self);
  fill_stages (self);

  if (shown != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->close_date_row), shown);

  g_signal_connect (self->title_row, "changed", G_CALLBACK (on_row_changed_cb), self);
  affari_ui_limit_text (GTK_EDITABLE (self->title_row), AFFARI_MAX_TITLE_CHARS, _("The title"));
  g_signal_connect (self->amount_row, "changed", G_CALLBACK (on_row_changed_cb), self);
  g_signal_connect (self->close_date_row, "changed", G_CALLBACK (on_row_changed_cb), self);
  g_signal_connect (self->amount_row, "entry-activated", G_CALLBACK (on_row_entry_activated_cb), self);
  g_signal_connect (self->close_date_row, "entry-activated", G_CALLBACK (on_row_entry_activated_cb), self);
  g_signal_connect (self->stage_row, "notify::selected", G_CALLBACK (on_stage_selected_changed_cb), self);

  validate (self, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
affari_new_deal_dialog_dispose (GObject *object)
{
  AffariNewDealDialog *self = AFFARI_NEW_DEAL_DIALOG (object);

  g_clear_handle_id (&self->error_timeout, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_NEW_DEAL_DIALOG);

  g_clear_object (&self->stages);
  g_clear_object (&self->workspace);
  g_clear_object (&self->ops);

  G_OBJECT_CLASS (affari_new_deal_dialog_parent_class)->dispose (object);
}

static void
affari_new_deal_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AffariNewDealDialog *self = AFFARI_NEW_DEAL_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->workspace);
      break;

    case PROP_PIPELINE_ID:
      g_value_set_int64 (value, self->pipeline_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_new_deal_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AffariNewDealDialog *self = AFFARI_NEW_DEAL_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->workspace = g_value_dup_object (value);
      break;

    case PROP_PIPELINE_ID:
      self->pipeline_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_new_deal_dialog_class_init (AffariNewDealDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = affari_new_deal_dialog_constructed;
  object_class->dispose = affari_new_deal_dialog_dispose;
  object_class->get_property = affari_new_deal_dialog_get_property;
  object_class->set_property = affari_new_deal_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("workspace", NULL, NULL,
                         AFFARI_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PIPELINE_ID] =
    g_param_spec_int64 ("pipeline-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AffariNewDealDialog::deal-created:
   * @deal: the new deal, as the workspace filled it
   */
  signals[DEAL_CREATED] =
    g_signal_new ("deal-created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, AFFARI_TYPE_DEAL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/affari/Affari/ui/affari-new-deal-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariNewDealDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, AffariNewDealDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, AffariNewDealDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, AffariNewDealDialog, amount_error);
  gtk_widget_class_bind_template_child (widget_class, AffariNewDealDialog, currency_row);
  gtk_widget_class_bind_template_child (widget_class, AffariNewDealDialog, stage_row);
  gtk_widget_class_bind_template_child (widget_class, AffariNewDealDialog, company_row);
  gtk_widget_class_bind_template_child (widget_class, AffariNewDealDialog, close_date_row);
  gtk_widget_class_bind_template_child (widget_class, AffariNewDealDialog, date_error);
  gtk_widget_class_bind_template_child (widget_class, AffariNewDealDialog, create_error);

  gtk_widget_class_install_action (widget_class, "new-deal.create", NULL, create_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
affari_new_deal_dialog_init (AffariNewDealDialog *self)
{
  g_autoptr(GtkExpression) stage_name = NULL;
  g_autoptr(GtkExpression) currency_code = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->stages = g_list_store_new (AFFARI_TYPE_STAGE);
  stage_name = gtk_property_expression_new (AFFARI_TYPE_STAGE, NULL, "name");
  adw_combo_row_set_expression (self->stage_row, stage_name);
  adw_combo_row_set_model (self->stage_row, G_LIST_MODEL (self->stages));

  currency_code = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  adw_combo_row_set_expression (self->currency_row, currency_code);

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->create_button));

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->amount_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->amount_error, NULL,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->close_date_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->date_error, NULL,
                                  -1);
}

/* ------------------------------------------------------------ public API */

AffariNewDealDialog *
affari_new_deal_dialog_new (GtkWindow     *parent,
                            AffariWorkspace   *workspace,
                            AffariDealOps *ops,
                            gint64         pipeline_id)
{
  AffariNewDealDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (ops), NULL);

  self = g_object_new (AFFARI_TYPE_NEW_DEAL_DIALOG,
                       "transient-for", parent,
                       "workspace", workspace,
                       "pipeline-id", pipeline_id,
                       NULL);
  self->ops = g_object_ref (ops);
  return self;
}
