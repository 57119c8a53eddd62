/* affari-deal-card-general.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-card"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "model/affari-change-set.h"
#include "model/affari-money.h"

#include "ui/deal/affari-deal-card-general.h"
#include "ui/deal/affari-deal-card-client-picker.h"
#include "ui/deal/affari-deal-card-comments-row.h"
#include "ui/deal/affari-deal-card-contacts.h"
#include "ui/deal/affari-deal-card-fields.h"
#include "ui/deal/affari-deal-card-layout.h"
#include "ui/quote/affari-quote-link-group.h"
#include "ui/deal/affari-deal-card-probability-row.h"
#include "ui/deal/affari-deal-card-util.h"
#include "ui/deal/affari-deal-lists.h"
#include "ui/common/affari-ui.h"

struct _AffariDealCardGeneral
{
  AdwBin                      parent_instance;

  AffariWorkspace            *workspace;
  AffariDealOps              *ops;             /* the window's: every change of an existing deal */
  AffariDeal                 *deal;            /* the card's deal: the same object, shared */
  GPtrArray                  *stages;          /* AffariStage of the deal's pipeline, the card's */
  AffariDealLists            *lists;           /* team, types, sources, currencies */
  AffariCardLayout           *layout;          /* the pipeline's card layout places the rows */
  gboolean                    loading;
  char                       *new_company_name; /* the company of a deal not created yet */

  /* template */
  AdwPreferencesPage         *general_page;   /* the bin's child */
  AdwPreferencesGroup        *main_group;
  AdwPreferencesGroup        *more_group;
  AdwEntryRow                *title_row;
  AdwActionRow               *title_error;
  AdwEntryRow                *amount_row;
  AdwActionRow               *amount_error;
  GtkDropDown                *currency_dropdown;
  AdwComboRow                *stage_row;
  AdwActionRow               *company_row;
  GtkButton                  *company_remove_button;
  AdwActionRow               *client_add_row;
  AffariDealCardClientPicker *client_picker;
  AdwEntryRow                *begin_date_row;
  AdwActionRow               *begin_date_error;
  AdwEntryRow                *close_date_row;
  AdwActionRow               *close_date_error;
  AdwComboRow                *responsible_row;
  AffariDealCardContacts     *contacts_group;
  AdwComboRow                *type_row;
  AdwComboRow                *source_row;
  AdwEntryRow                *source_description_row;
  AffariDealCardProbabilityRow *probability_row;
  AffariDealCardCommentsRow  *comments_row;
  AdwActionRow               *opened_row;
  GtkSwitch                  *opened_switch;
  AffariDealCardFields       *fields_group;
  AdwPreferencesGroup        *error_group;
  GtkLabel                   *save_error;
};

G_DEFINE_FINAL_TYPE (AffariDealCardGeneral, affari_deal_card_general, ADW_TYPE_BIN)

enum {
  CHANGED,
  STAGE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ auxiliary */

static gint64
deal_id (AffariDealCardGeneral *self)
{
  return self->deal != NULL ? affari_deal_get_id (self->deal) : 0;
}

static void
show_save_error (AffariDealCardGeneral *self,
                 const char     *message)
{
  gtk_label_set_text (self->save_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), message != NULL);
}

static void
set_entry (AdwEntryRow *row,
           const char  *text,
           gboolean     force)
{
  if (force || !affari_card_is_dirty (GTK_EDITABLE (row)))
    affari_card_set_text (GTK_EDITABLE (row), text);
}

/* Writes @copy (the deal with one field changed) in one transaction; on error the message goes
 * under @field (or at the bottom of the page) and the typed text stays where it is. The deal
 * shown takes the new values and "changed" tells the card. */
static gboolean
general_save_deal (AffariDealCardGeneral *self,
                   AffariDeal            *copy,
                   GtkWidget             *field,
                   AdwActionRow          *error_row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;

  if (deal_id (self) != 0 && (set = affari_deal_ops_update (self->ops, copy, &error)) == NULL)
    {
      if (field != NULL && error_row != NULL)
        affari_card_set_field_error (field, error_row, error->message);
      else
        show_save_error (self, error->message);
      return FALSE;
    }

  if (field != NULL && error_row != NULL)
    affari_card_set_field_error (field, error_row, NULL);
  show_save_error (self, NULL);
  if (field != NULL && GTK_IS_EDITABLE (field))
    affari_card_set_clean (GTK_EDITABLE (field));

  self->loading = TRUE;
  affari_deal_update_from (self->deal, copy);
  self->loading = FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}


/* The widgets of one field of the card layout (see affari-deal-card-layout.h). */
static gboolean
field_widgets (const char  *field,
               GtkWidget  **out,
               gpointer     user_data)
{
  AffariDealCardGeneral *self = AFFARI_DEAL_CARD_GENERAL (user_data);
  const struct { const char *field; gpointer a, b; } builtin[] = {
    { "TITLE", self->title_row, self->title_error },
    { "OPPORTUNITY_WITH_CURRENCY", self->amount_row, self->amount_error },
    { "STAGE_ID", self->stage_row, NULL },
    { "CLIENT", self->company_row, self->client_add_row },
    { "BEGINDATE", self->begin_date_row, self->begin_date_error },
    { "CLOSEDATE", self->close_date_row, self->close_date_error },
    { "ASSIGNED_BY_ID", self->responsible_row, NULL },
    { "TYPE_ID", self->type_row, NULL },
    { "SOURCE_ID", self->source_row, NULL },
    { "SOURCE_DESCRIPTION", self->source_description_row, NULL },
    { "PROBABILITY", self->probability_row, NULL },
    { "COMMENTS", self->comments_row, NULL },
    { "OPENED", self->opened_row, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (builtin); i++)
    if (g_str_equal (builtin[i].field, field))
      {
        out[0] = builtin[i].a;
        out[1] = builtin[i].b;
        out[2] = NULL;
        return out[0] != NULL;
      }
  out[2] = NULL;
  return affari_deal_card_fields_get_rows (self->fields_group, field, &out[0], &out[1]);
}

static void
apply_layout (AffariDealCardGeneral *self)
{
  affari_card_layout_apply (self->layout, self->workspace, affari_deal_get_pipeline_id (self->deal));
  /* Its rows live in the layout's sections: the group itself stays out of sight. */
  gtk_widget_set_visible (GTK_WIDGET (self->fields_group), FALSE);
  affari_deal_card_contacts_set_allowed (self->contacts_group, affari_card_layout_shows_client (self->layout));
}

static void
pick_company (AffariDealCardGeneral *self,
              AffariCompany  *company)
{
  g_autoptr(AffariDeal) copy = affari_deal_copy (self->deal);

  affari_deal_set_company_id (copy, affari_company_get_id (company));
  /* The new deal shows the name before the workspace can join it. */
  if (deal_id (self) == 0)
    {
      g_free (self->new_company_name);
      self->new_company_name = g_strdup (affari_company_get_name (company));
    }
  general_save_deal (self, copy, NULL, NULL);
}

/* The team, deal types, sources and currencies of the rows, as the workspace has them now. */
static void
load_lists (AffariDealCardGeneral *self)
{
  if (self->lists == NULL)
    self->lists = affari_deal_lists_new (self->workspace);
  else
    affari_deal_lists_reload (self->lists);

  self->loading = TRUE;
  adw_combo_row_set_model (self->responsible_row, affari_deal_lists_get_team (self->lists));
  adw_combo_row_set_model (self->type_row, affari_deal_lists_get_choices (self->lists, AFFARI_DEAL_LIST_TYPES));
  adw_combo_row_set_model (self->source_row, affari_deal_lists_get_choices (self->lists, AFFARI_DEAL_LIST_SOURCES));
  gtk_drop_down_set_model (self->currency_dropdown, affari_deal_lists_get_currencies (self->lists));
  self->loading = FALSE;
}

static void
save_title (AffariDealCardGeneral *self,
            const char     *typed)
{
  g_autofree char *title = g_strstrip (g_strdup (typed));
  g_autoptr(AffariDeal) copy = NULL;

  if (*title == '\0')
    {
      affari_card_set_field_error (GTK_WIDGET (self->title_row), self->title_error, _("The deal needs a title"));
      return;
    }
  if (g_strcmp0 (title, affari_deal_get_title (self->deal)) == 0)
    {
      affari_card_set_field_error (GTK_WIDGET (self->title_row), self->title_error, NULL);
      affari_card_set_clean (GTK_EDITABLE (self->title_row));
      return;
    }
  copy = affari_deal_copy (self->deal);
  affari_deal_set_title (copy, title);
  if (general_save_deal (self, copy, GTK_WIDGET (self->title_row), self->title_error))
    set_entry (self->title_row, affari_deal_get_title (self->deal), TRUE);
}

/* ------------------------------------------------------------ signal callbacks */

static void
on_title_row_apply_cb (AdwEntryRow    *row,
                       AffariDealCardGeneral *self)
{
  g_autofree char *text = affari_card_dup_text (GTK_EDITABLE (row));

  save_title (self, text);
}

static gboolean
save_amount (AffariDealCardGeneral *self)
{
  g_autofree char *text = affari_card_dup_text (GTK_EDITABLE (self->amount_row));
  g_autoptr(AffariDeal) copy = NULL;
  g_autoptr(GError) error = NULL;
  gint64 minor = 0;

  if (*text != '\0' && !affari_money_parse (text, &minor, &error))
    {
      affari_card_set_field_error (GTK_WIDGET (self->amount_row), self->amount_error, error->message);
      return FALSE;
    }
  if (minor < 0)
    {
      affari_card_set_field_error (GTK_WIDGET (self->amount_row), self->amount_error, _("The amount cannot be negative"));
      return FALSE;
    }
  if (minor == affari_deal_get_amount (self->deal))
    {
      affari_card_set_field_error (GTK_WIDGET (self->amount_row), self->amount_error, NULL);
      affari_card_set_clean (GTK_EDITABLE (self->amount_row));
      return TRUE;
    }
  copy = affari_deal_copy (self->deal);
  affari_deal_set_amount (copy, minor);
  /* Typed by hand: the product rows no longer decide it. */
  affari_deal_set_is_manual_amount (copy, TRUE);
  return general_save_deal (self, copy, GTK_WIDGET (self->amount_row), self->amount_error);
}

static void
on_amount_row_apply_cb (AdwEntryRow    *row,
                        AffariDealCardGeneral *self)
{
  save_amount (self);
}

/* The rows that offer a choice (currency, responsible, type, source, "available to everyone"):
 * the deal takes what the row shows, written when it differs. */
static void
on_choice_changed_cb (GObject               *object,
                      GParamSpec            *pspec,
                      AffariDealCardGeneral *self)
{
  g_autoptr(AffariDeal) copy = NULL;
  gpointer widget = object;

  if (self->loading)
    return;
  copy = affari_deal_copy (self->deal);
  if (widget == self->currency_dropdown)
    {
      const char *code = affari_deal_lists_currency_at (self->lists, gtk_drop_down_get_selected (self->currency_dropdown));

      if (code == NULL || g_strcmp0 (code, affari_deal_get_currency (self->deal)) == 0)
        return;
      affari_deal_set_currency (copy, code);
    }
  else if (widget == self->responsible_row)
    {
      AffariTeamMember *member = adw_combo_row_get_selected_item (self->responsible_row);

      if (member == NULL || affari_team_member_get_id (member) == affari_deal_get_assigned_by_id (self->deal))
        return;
      affari_deal_set_assigned_by_id (copy, affari_team_member_get_id (member));
    }
  else if (widget == self->type_row || widget == self->source_row)
    {
      gboolean type = widget == self->type_row;
      const char *code = affari_deal_lists_choice_code (self->lists, type ? AFFARI_DEAL_LIST_TYPES : AFFARI_DEAL_LIST_SOURCES,
                                                        adw_combo_row_get_selected (ADW_COMBO_ROW (widget)));

      if (g_strcmp0 (code, type ? affari_deal_get_type_id (self->deal) : affari_deal_get_source_id (self->deal)) == 0)
        return;
      (type ? affari_deal_set_type_id : affari_deal_set_source_id) (copy, code);
    }
  else if (widget == self->opened_switch)
    {
      if (gtk_switch_get_active (self->opened_switch) == affari_deal_get_opened (self->deal))
        return;
      affari_deal_set_opened (copy, gtk_switch_get_active (self->opened_switch));
    }
  general_save_deal (self, copy, NULL, NULL);
}

static void
on_stage_selected_cb (AdwComboRow           *row,
                      GParamSpec            *pspec,
                      AffariDealCardGeneral *self)
{
  AffariStage *stage = adw_combo_row_get_selected_item (row);

  if (self->loading || stage == NULL)
    return;
  /* The card decides: a move, or the question "won or lost?" that closing is. */
  g_signal_emit (self, signals[STAGE_CHOSEN], 0, affari_stage_get_id (stage));
}

static gboolean
save_date (AffariDealCardGeneral *self,
           AdwEntryRow    *row,
           AdwActionRow   *error_row,
           gboolean        begin)
{
  g_autofree char *text = affari_card_dup_text (GTK_EDITABLE (row));
  g_autofree char *iso = NULL;
  g_autoptr(AffariDeal) copy = NULL;
  g_autoptr(GError) error = NULL;

  if (*text != '\0')
    {
      iso = affari_date_parse (text, &error);
      if (iso == NULL)
        {
          affari_card_set_field_error (GTK_WIDGET (row), error_row, error->message);
          return FALSE;
        }
    }
  if (g_strcmp0 (iso, begin ? affari_deal_get_begin_date (self->deal) : affari_deal_get_close_date (self->deal)) == 0)
    {
      affari_card_set_field_error (GTK_WIDGET (row), error_row, NULL);
      affari_card_set_clean (GTK_EDITABLE (row));
      return TRUE;
    }
  copy = affari_deal_copy (self->deal);
  if (begin)
    affari_deal_set_begin_date (copy, iso);
  else
    affari_deal_set_close_date (copy, iso);
  if (!general_save_deal (self, copy, GTK_WIDGET (row), error_row))
    return FALSE;
  set_entry (row, NULL, FALSE);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static void
on_begin_date_apply_cb (AdwEntryRow    *row,
                        AffariDealCardGeneral *self)
{
  save_date (self, row, self->begin_date_error, TRUE);
}

static void
on_close_date_apply_cb (AdwEntryRow    *row,
                        AffariDealCardGeneral *self)
{
  save_date (self, row, self->close_date_error, FALSE);
}

static void
save_text_field (AffariDealCardGeneral *self,
                 AdwEntryRow    *row,
                 void          (*setter) (AffariDeal *, const char *),
                 const char     *current)
{
  g_autofree char *text = affari_card_dup_text (GTK_EDITABLE (row));
  g_autoptr(AffariDeal) copy = NULL;
  const char *value = *text != '\0' ? text : NULL;

  if (g_strcmp0 (value, current) == 0)
    {
      affari_card_set_clean (GTK_EDITABLE (row));
      return;
    }
  copy = affari_deal_copy (self->deal);
  setter (copy, value);
  general_save_deal (self, copy, GTK_WIDGET (row), NULL);
}

static void
on_source_description_apply_cb (AdwEntryRow    *row,
                                AffariDealCardGeneral *self)
{
  save_text_field (self, row, affari_deal_set_source_description, affari_deal_get_source_description (self->deal));
}

/* The comment is saved as a whole, in one transaction (see affari-deal-card-comments-row.h). */
static gboolean
save_comments (AffariDealCardGeneral *self)
{
  g_autoptr(AffariDeal) copy = NULL;
  g_autofree char *value = NULL;

  if (!affari_deal_card_comments_row_get_dirty (self->comments_row))
    return TRUE;
  value = affari_deal_card_comments_row_dup_text (self->comments_row);
  if (g_strcmp0 (value, affari_deal_get_comments (self->deal)) == 0)
    {
      affari_deal_card_comments_row_set_clean (self->comments_row);
      return TRUE;
    }
  copy = affari_deal_copy (self->deal);
  affari_deal_set_comments (copy, value);
  if (!general_save_deal (self, copy, NULL, NULL))
    return FALSE;
  affari_deal_card_comments_row_set_clean (self->comments_row);
  return TRUE;
}

static void
on_comments_apply_cb (AffariDealCardCommentsRow *row,
                      AffariDealCardGeneral     *self)
{
  save_comments (self);
}

static void
on_probability_committed_cb (AffariDealCardProbabilityRow *row,
                             int                           value,
                             AffariDealCardGeneral        *self)
{
  g_autoptr(AffariDeal) copy = NULL;

  if (value == affari_deal_get_probability (self->deal))
    return;
  copy = affari_deal_copy (self->deal);
  affari_deal_set_probability (copy, value);
  general_save_deal (self, copy, NULL, NULL);
}

static gboolean
editable_has_input (GtkEditable *editable)
{
  g_autofree char *text = affari_card_dup_text (editable);

  return affari_card_is_dirty (editable) && *text != '\0';
}

static void
on_contacts_save_failed_cb (AffariDealCardGeneral *self,
                            const char            *message)
{
  show_save_error (self, message);
}

static void
on_client_picked_cb (AffariDealCardClientPicker *picker,
                     GObject                    *client,
                     AffariDealCardGeneral      *self)
{
  if (AFFARI_IS_COMPANY (client))
    pick_company (self, AFFARI_COMPANY (client));
  else if (AFFARI_IS_CONTACT (client))
    affari_deal_card_contacts_add (self->contacts_group, AFFARI_CONTACT (client));
}

/* ------------------------------------------------------------ overrides */

static void
affari_deal_card_general_dispose (GObject *object)
{
  AffariDealCardGeneral *self = AFFARI_DEAL_CARD_GENERAL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_DEAL_CARD_GENERAL);

  g_clear_pointer (&self->layout, affari_card_layout_free);
  g_clear_pointer (&self->stages, g_ptr_array_unref);
  g_clear_object (&self->lists);
  g_clear_pointer (&self->new_company_name, g_free);
  g_clear_object (&self->deal);
  g_clear_object (&self->ops);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (affari_deal_card_general_parent_class)->dispose (object);
}

static void
affari_deal_card_general_class_init (AffariDealCardGeneralClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_deal_card_general_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[STAGE_CHOSEN] = g_signal_new ("stage-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  affari_ui_ensure_resources ();
  g_type_ensure (AFFARI_TYPE_DEAL_CARD_CLIENT_PICKER);
  g_type_ensure (AFFARI_TYPE_QUOTE_LINK_GROUP);
  g_type_ensure (AFFARI_TYPE_DEAL_CARD_CONTACTS);
  g_type_ensure (AFFARI_TYPE_DEAL_CARD_COMMENTS_ROW);
  g_type_ensure (AFFARI_TYPE_DEAL_CARD_PROBABILITY_ROW);
  g_type_ensure (AFFARI_TYPE_DEAL_CARD_FIELDS);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-deal-card-general.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, main_group);
  gtk_widget_class_bind_template_child_full (widget_class, "quote_group", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, more_group);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, title_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, title_error);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, amount_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, amount_error);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, currency_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, stage_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, company_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, company_remove_button);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, client_add_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, client_picker);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, begin_date_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, begin_date_error);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, close_date_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, close_date_error);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, responsible_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, contacts_group);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, type_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, source_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, source_description_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, probability_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, comments_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, opened_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, opened_switch);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, fields_group);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, error_group);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardGeneral, save_error);
}

static void
affari_deal_card_general_init (AffariDealCardGeneral *self)
{
  g_autoptr(GtkExpression) stage_name = NULL;
  g_autoptr(GtkExpression) member_name = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a template child: AdwBin unparents its child itself, dispose_template would do it twice. */
  self->general_page = ADW_PREFERENCES_PAGE (adw_bin_get_child (ADW_BIN (self)));
  affari_card_scroll_to_keyboard_focus (self->general_page);

  self->deal = affari_deal_new ();
  self->lists = affari_deal_lists_new (NULL);
  {
    /* The rows of the template start in its two groups; the card layout moves them from there. */
    GtkWidget *main_rows[] = {
      GTK_WIDGET (self->title_row), GTK_WIDGET (self->title_error), GTK_WIDGET (self->amount_row),
      GTK_WIDGET (self->amount_error), GTK_WIDGET (self->stage_row), GTK_WIDGET (self->company_row),
      GTK_WIDGET (self->client_add_row), GTK_WIDGET (self->begin_date_row), GTK_WIDGET (self->begin_date_error),
      GTK_WIDGET (self->close_date_row), GTK_WIDGET (self->close_date_error), GTK_WIDGET (self->responsible_row),
    };
    GtkWidget *more_rows[] = {
      GTK_WIDGET (self->type_row), GTK_WIDGET (self->source_row), GTK_WIDGET (self->source_description_row),
      GTK_WIDGET (self->probability_row), GTK_WIDGET (self->comments_row), GTK_WIDGET (self->opened_row),
    };
    GtkWidget *unused[] = { GTK_WIDGET (self->main_group), GTK_WIDGET (self->more_group) };

    for (guint i = 0; i < G_N_ELEMENTS (main_rows); i++)
      affari_card_row_set_group (main_rows[i], self->main_group);
    for (guint i = 0; i < G_N_ELEMENTS (more_rows); i++)
      affari_card_row_set_group (more_rows[i], self->more_group);
    self->layout = affari_card_layout_new (self->general_page, ADW_PREFERENCES_GROUP (self->contacts_group), self->error_group,
                                           unused, G_N_ELEMENTS (unused), field_widgets, self);
  }

  stage_name = gtk_property_expression_new (AFFARI_TYPE_STAGE, NULL, "name");
  adw_combo_row_set_expression (self->stage_row, stage_name);
  member_name = gtk_property_expression_new (AFFARI_TYPE_TEAM_MEMBER, NULL, "name");
  adw_combo_row_set_expression (self->responsible_row, member_name);

  affari_card_track_edits (GTK_EDITABLE (self->title_row));
  affari_card_track_edits (GTK_EDITABLE (self->amount_row));
  affari_card_track_edits (GTK_EDITABLE (self->begin_date_row));
  affari_card_track_edits (GTK_EDITABLE (self->close_date_row));
  affari_card_track_edits (GTK_EDITABLE (self->source_description_row));

  g_signal_connect (self->title_row, "apply", G_CALLBACK (on_title_row_apply_cb), self);
  g_signal_connect (self->title_row, "entry-activated", G_CALLBACK (on_title_row_apply_cb), self);
  affari_ui_limit_text (GTK_EDITABLE (self->title_row), AFFARI_MAX_TITLE_CHARS, _("The title"));
  g_signal_connect (self->amount_row, "apply", G_CALLBACK (on_amount_row_apply_cb), self);
  g_signal_connect (self->amount_row, "entry-activated", G_CALLBACK (on_amount_row_apply_cb), self);
  g_signal_connect (self->currency_dropdown, "notify::selected", G_CALLBACK (on_choice_changed_cb), self);
  g_signal_connect (self->stage_row, "notify::selected", G_CALLBACK (on_stage_selected_cb), self);
  g_signal_connect (self->begin_date_row, "apply", G_CALLBACK (on_begin_date_apply_cb), self);
  g_signal_connect (self->begin_date_row, "entry-activated", G_CALLBACK (on_begin_date_apply_cb), self);
  g_signal_connect (self->close_date_row, "apply", G_CALLBACK (on_close_date_apply_cb), self);
  g_signal_connect (self->close_date_row, "entry-activated", G_CALLBACK (on_close_date_apply_cb), self);
  g_signal_connect (self->responsible_row, "notify::selected", G_CALLBACK (on_choice_changed_cb), self);
  g_signal_connect (self->type_row, "notify::selected", G_CALLBACK (on_choice_changed_cb), self);
  g_signal_connect (self->source_row, "notify::selected", G_CALLBACK (on_choice_changed_cb), self);
  g_signal_connect (self->source_description_row, "apply", G_CALLBACK (on_source_description_apply_cb), self);
  g_signal_connect (self->source_description_row, "entry-activated", G_CALLBACK (on_source_description_apply_cb), self);
  g_signal_connect (self->comments_row, "apply", G_CALLBACK (on_comments_apply_cb), self);
  g_signal_connect (self->probability_row, "committed", G_CALLBACK (on_probability_committed_cb), self);
  g_signal_connect (self->opened_switch, "notify::active", G_CALLBACK (on_choice_changed_cb), self);
  g_signal_connect (self->client_picker, "picked", G_CALLBACK (on_client_picked_cb), self);
  g_signal_connect_swapped (self->contacts_group, "save-failed", G_CALLBACK (on_contacts_save_failed_cb), self);
}

/* ------------------------------------------------------------ public API */

void
affari_deal_card_general_set_workspace (AffariDealCardGeneral *self,
                                    AffariWorkspace       *workspace)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_GENERAL (self));

  g_set_object (&self->workspace, workspace);
  affari_deal_card_client_picker_set_workspace (self->client_picker, workspace);
  affari_deal_card_contacts_set_workspace (self->contacts_group, workspace);
  g_clear_object (&self->lists);
  load_lists (self);
}

void
affari_deal_card_general_set_ops (AffariDealCardGeneral *self,
                                  AffariDealOps         *ops)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_GENERAL (self));

  g_set_object (&self->ops, ops);
  affari_deal_card_fields_set_ops (self->fields_group, ops);
  affari_deal_card_contacts_set_ops (self->contacts_group, ops);
}

void
affari_deal_card_general_reload_lists (AffariDealCardGeneral *self)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_GENERAL (self));

  load_lists (self);
}

void
affari_deal_card_general_set_stages (AffariDealCardGeneral *self,
                                     GPtrArray             *stages)
{
  g_autoptr(GListStore) model = g_list_store_new (AFFARI_TYPE_STAGE);

  g_return_if_fail (AFFARI_IS_DEAL_CARD_GENERAL (self));

  g_clear_pointer (&self->stages, g_ptr_array_unref);
  self->stages = g_ptr_array_ref (stages);
  g_list_store_splice (model, 0, 0, stages->pdata, stages->len);
  self->loading = TRUE;
  adw_combo_row_set_model (self->stage_row, G_LIST_MODEL (model));
  self->loading = FALSE;
}

void
affari_deal_card_general_set_deal (AffariDealCardGeneral *self,
                                   AffariDeal            *deal,
                                   gboolean               reload_contacts)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_GENERAL (self));

  g_set_object (&self->deal, deal);
  if (reload_contacts)
    {
      g_clear_pointer (&self->new_company_name, g_free);
    }
  affari_deal_card_contacts_set_deal (self->contacts_group, deal, reload_contacts);
  affari_deal_card_fields_set_deal (self->fields_group, self->workspace, self->deal);
  affari_quote_link_group_set_deal (AFFARI_QUOTE_LINK_GROUP (gtk_widget_get_template_child (GTK_WIDGET (self),
                                    AFFARI_TYPE_DEAL_CARD_GENERAL, "quote_group")), self->workspace, deal);
  apply_layout (self);
}

void
affari_deal_card_general_fill_new_deal (AffariDealCardGeneral *self,
                                        AffariDeal            *deal)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_GENERAL (self));

  if (affari_deal_lists_first_code (self->lists, AFFARI_DEAL_LIST_TYPES) != NULL)
    affari_deal_set_type_id (deal, affari_deal_lists_first_code (self->lists, AFFARI_DEAL_LIST_TYPES));
  if (affari_deal_lists_first_code (self->lists, AFFARI_DEAL_LIST_SOURCES) != NULL)
    affari_deal_set_source_id (deal, affari_deal_lists_first_code (self->lists, AFFARI_DEAL_LIST_SOURCES));
}

void
affari_deal_card_general_show_error (AffariDealCardGeneral *self,
                                     const char            *message)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_GENERAL (self));

  show_save_error (self, message);
}

void
affari_deal_card_general_clear_errors (AffariDealCardGeneral *self)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_GENERAL (self));

  affari_card_set_field_error (GTK_WIDGET (self->title_row), self->title_error, NULL);
  affari_card_set_field_error (GTK_WIDGET (self->amount_row), self->amount_error, NULL);
  affari_card_set_field_error (GTK_WIDGET (self->begin_date_row), self->begin_date_error, NULL);
  affari_card_set_field_error (GTK_WIDGET (self->close_date_row), self->close_date_error, NULL);
  show_save_error (self, NULL);
}

void
affari_deal_card_general_focus_title (AffariDealCardGeneral *self)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_GENERAL (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

void
affari_deal_card_general_save_title (AffariDealCardGeneral *self,
                                     const char            *title)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_GENERAL (self));

  /* Both places show the same title: what the header got goes into the row too. */
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
  save_title (self, title);
}

/* The day a closed deal was closed, read-only under its stage ("Chiuso il 03/12/2026"): the
 * expected close date above stays the plan the person set. */
static void
show_closed_at (AffariDealCardGeneral *self)
{
  const char *closed_at = affari_deal_get_closed_at (self->deal);
  g_autofree char *day = closed_at != NULL ? affari_date_format (closed_at) : NULL;
  g_autofree char *text = day != NULL ? g_strdup_printf (_("Closed on %s"), day) : NULL;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->stage_row), text != NULL ? text : "");
}

/* Entries the user is typing into keep their text unless @force. */
void
affari_deal_card_general_refresh (AffariDealCardGeneral *self,
                                  gboolean               force)
{
  AffariDeal *deal = self->deal;
  g_autofree char *amount_text = NULL;
  g_autofree char *begin = NULL;
  g_autofree char *close = NULL;
  const char *code = affari_deal_get_currency (deal) != NULL ? affari_deal_get_currency (deal) : "EUR";
  gboolean exists = deal_id (self) != 0;

  self->loading = TRUE;

  /* A new deal is written by "Crea" (Ctrl+Enter): no ✓ for Tab to stop at between its fields. */
  for (AdwEntryRow **row = (AdwEntryRow *[]) { self->title_row, self->amount_row, self->begin_date_row, self->close_date_row,
                                              self->source_description_row, NULL }; *row != NULL; row++)
    adw_entry_row_set_show_apply_button (*row, exists);
  set_entry (self->title_row, affari_deal_get_title (deal), force);
  amount_text = affari_money_format (affari_deal_get_amount (deal), NULL);
  set_entry (self->amount_row, affari_deal_get_amount (deal) != 0 ? amount_text : "", force);
  gtk_drop_down_set_selected (self->currency_dropdown, affari_deal_lists_ensure_currency (self->lists, code));
  for (guint i = 0; self->stages != NULL && i < self->stages->len; i++)
    if (affari_stage_get_id (g_ptr_array_index (self->stages, i)) == affari_deal_get_stage_id (deal))
      adw_combo_row_set_selected (self->stage_row, i);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stage_row), !affari_deal_get_is_recurring (deal)); /* a template's */
  show_closed_at (self);

  if (affari_deal_get_company_id (deal) == 0)
    adw_action_row_set_subtitle (self->company_row, _("No company"));
  else if (!exists && self->new_company_name != NULL)
    adw_action_row_set_subtitle (self->company_row, self->new_company_name);
  else
    adw_action_row_set_subtitle (self->company_row, affari_deal_get_company_name (deal));
  gtk_widget_set_visible (GTK_WIDGET (self->company_remove_button), affari_deal_get_company_id (deal) != 0);

  begin = affari_deal_get_begin_date (deal) != NULL ? affari_date_format (affari_deal_get_begin_date (deal)) : NULL;
  close = affari_deal_get_close_date (deal) != NULL ? affari_date_format (affari_deal_get_close_date (deal)) : NULL;
  set_entry (self->begin_date_row, begin, force);
  set_entry (self->close_date_row, close, force);
  {
    guint member = affari_deal_lists_team_position (self->lists, affari_deal_get_assigned_by_id (deal));

    if (member != GTK_INVALID_LIST_POSITION)
      adw_combo_row_set_selected (self->responsible_row, member);
  }
  adw_combo_row_set_selected (self->type_row, affari_deal_lists_choice_position (self->lists, AFFARI_DEAL_LIST_TYPES,
                                                                                 affari_deal_get_type_id (deal)));
  adw_combo_row_set_selected (self->source_row, affari_deal_lists_choice_position (self->lists, AFFARI_DEAL_LIST_SOURCES,
                                                                                   affari_deal_get_source_id (deal)));
  set_entry (self->source_description_row, affari_deal_get_source_description (deal), force);
  affari_deal_card_probability_row_set_value (self->probability_row, affari_deal_get_probability (deal));
  affari_deal_card_comments_row_set_text (self->comments_row, affari_deal_get_comments (deal), force);
  gtk_switch_set_active (self->opened_switch, affari_deal_get_opened (deal));

  self->loading = FALSE;
}

/* Whether the user put anything into a deal not created yet. */
gboolean
affari_deal_card_general_has_input (AffariDealCardGeneral *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_GENERAL (self), FALSE);

  return editable_has_input (GTK_EDITABLE (self->title_row)) ||
         editable_has_input (GTK_EDITABLE (self->amount_row)) ||
         editable_has_input (GTK_EDITABLE (self->begin_date_row)) ||
         editable_has_input (GTK_EDITABLE (self->close_date_row)) ||
         editable_has_input (GTK_EDITABLE (self->source_description_row)) ||
         affari_deal_card_comments_row_has_input (self->comments_row) ||
         affari_deal_get_company_id (self->deal) != 0 ||
         affari_deal_card_contacts_get_n_contacts (self->contacts_group) > 0 ||
         affari_deal_card_fields_has_unsaved (self->fields_group);
}

gboolean
affari_deal_card_general_apply_pending (AffariDealCardGeneral *self)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_GENERAL (self), FALSE);

  if (affari_card_is_dirty (GTK_EDITABLE (self->title_row)))
    {
      g_autofree char *text = affari_card_dup_text (GTK_EDITABLE (self->title_row));

      save_title (self, text);
      ok = !affari_card_is_dirty (GTK_EDITABLE (self->title_row)) && ok;
    }
  if (affari_card_is_dirty (GTK_EDITABLE (self->amount_row)))
    ok = save_amount (self) && ok;
  if (affari_card_is_dirty (GTK_EDITABLE (self->begin_date_row)))
    ok = save_date (self, self->begin_date_row, self->begin_date_error, TRUE) && ok;
  if (affari_card_is_dirty (GTK_EDITABLE (self->close_date_row)))
    ok = save_date (self, self->close_date_row, self->close_date_error, FALSE) && ok;
  if (affari_card_is_dirty (GTK_EDITABLE (self->source_description_row)))
    {
      on_source_description_apply_cb (self->source_description_row, self);
      ok = !affari_card_is_dirty (GTK_EDITABLE (self->source_description_row)) && ok;
    }
  ok = save_comments (self) && ok;
  affari_deal_card_probability_row_commit (self->probability_row);
  return affari_deal_card_fields_apply_pending (self->fields_group) && ok;
}

void
affari_deal_card_general_discard (AffariDealCardGeneral *self)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_GENERAL (self));

  affari_deal_card_probability_row_cancel (self->probability_row);
  affari_deal_card_general_clear_errors (self);
  affari_deal_card_fields_discard (self->fields_group);
  if (deal_id (self) == 0)
    {
      g_clear_pointer (&self->new_company_name, g_free);
      affari_deal_card_contacts_clear (self->contacts_group);
      affari_deal_set_company_id (self->deal, 0);
      affari_deal_set_comments (self->deal, NULL);
      affari_deal_set_title (self->deal, NULL);
      affari_deal_set_amount (self->deal, 0);
    }
}

gboolean
affari_deal_card_general_prepare_new (AffariDealCardGeneral *self)
{
  g_autofree char *title = affari_card_dup_text (GTK_EDITABLE (self->title_row));
  gboolean ok = TRUE;

  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_GENERAL (self), FALSE);

  /* What is typed but not applied yet counts too. */
  if (*title == '\0')
    {
      affari_card_set_field_error (GTK_WIDGET (self->title_row), self->title_error, _("The deal needs a title"));
      gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
      return FALSE;
    }
  affari_deal_set_title (self->deal, title);
  if (affari_card_is_dirty (GTK_EDITABLE (self->amount_row)))
    ok = save_amount (self) && ok;
  if (affari_card_is_dirty (GTK_EDITABLE (self->begin_date_row)))
    ok = save_date (self, self->begin_date_row, self->begin_date_error, TRUE) && ok;
  if (affari_card_is_dirty (GTK_EDITABLE (self->close_date_row)))
    ok = save_date (self, self->close_date_row, self->close_date_error, FALSE) && ok;
  if (!ok)
    return FALSE;
  if (affari_card_is_dirty (GTK_EDITABLE (self->source_description_row)))
    on_source_description_apply_cb (self->source_description_row, self);
  save_comments (self);
  if (affari_deal_card_probability_row_has_pending (self->probability_row))
    {
      affari_deal_card_probability_row_cancel (self->probability_row);
      affari_deal_set_probability (self->deal, affari_deal_card_probability_row_get_value (self->probability_row));
    }
  return TRUE;
}

void
affari_deal_card_general_deal_created (AffariDealCardGeneral *self)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_GENERAL (self));

  g_clear_pointer (&self->new_company_name, g_free);
  affari_deal_card_contacts_save_created (self->contacts_group);
  /* Custom fields typed before the deal existed; one that is invalid stays red in the card. */
  affari_deal_card_fields_save_created (self->fields_group);
}

void
affari_deal_card_general_clear_probability (AffariDealCardGeneral *self)
{
  g_autoptr(AffariDeal) copy = NULL;

  g_return_if_fail (AFFARI_IS_DEAL_CARD_GENERAL (self));

  affari_deal_card_probability_row_clear (self->probability_row);
  if (affari_deal_get_probability (self->deal) < 0)
    return;
  copy = affari_deal_copy (self->deal);
  affari_deal_set_probability (copy, -1);
  general_save_deal (self, copy, NULL, NULL);
}

void
affari_deal_card_general_remove_company (AffariDealCardGeneral *self)
{
  g_autoptr(AffariDeal) copy = NULL;

  g_return_if_fail (AFFARI_IS_DEAL_CARD_GENERAL (self));

  copy = affari_deal_copy (self->deal);
  affari_deal_set_company_id (copy, 0);
  g_clear_pointer (&self->new_company_name, g_free);
  general_save_deal (self, copy, NULL, NULL);
}

void
affari_deal_card_general_create_client (AffariDealCardGeneral *self,
                                        gboolean               company)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_GENERAL (self));

  affari_deal_card_client_picker_create (self->client_picker, company, affari_deal_get_company_id (self->deal));
}

void
affari_deal_card_general_set_primary_contact (AffariDealCardGeneral *self,
                                              gint64                 contact_id)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_GENERAL (self));

  affari_deal_card_contacts_set_primary (self->contacts_group, contact_id);
}

void
affari_deal_card_general_remove_contact (AffariDealCardGeneral *self,
                                         gint64                 contact_id)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_GENERAL (self));

  affari_deal_card_contacts_remove (self->contacts_group, contact_id);
}
