/* affari-deal-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-card"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "model/affari-money.h"

#include "ui/deal/affari-deal-card.h"
#include "ui/deal/affari-deal-card-activities.h"
#include "ui/deal/affari-deal-card-fields.h"
#include "ui/deal/affari-deal-card-history.h"
#include "ui/deal/affari-deal-card-layout.h"
#include "ui/deal/affari-deal-card-products.h"
#include "ui/deal/affari-deal-card-util.h"
#include "ui/deal/affari-deal-stage-bar.h"
#include "ui/common/affari-ui.h"

#define CLIENT_RESULTS 5
#define PROBABILITY_DELAY_MS 700

struct _AffariDealCard
{
  GtkBox                    parent_instance;

  AffariStore              *store;
  AffariDeal               *deal;          /* as stored, or the new deal not created yet */
  gint64                    pending_open_id; /* another deal to show once the user decided */
  GHashTable               *not_now;       /* deal ids whose missing next activity was put off */
  GPtrArray                *stages;        /* AffariStage of the deal's pipeline */
  GPtrArray                *team;          /* AffariTeamMember */
  GPtrArray                *types;         /* code, name, code, name… */
  GPtrArray                *sources;
  GPtrArray                *contacts;      /* AffariContact, primary first */
  gint64                    stages_pipeline;
  guint                     reload_source;
  guint                     probability_source;
  gboolean                  loading;
  gboolean                  comments_dirty;  /* typed into the comment, not saved */
  char                     *new_company_name; /* the company of a deal not created yet */

  /* template */
  GtkButton                *create_button;
  GtkMenuButton            *menu_button;
  AdwViewSwitcher          *view_switcher;
  GtkEditableLabel         *title_label;
  GtkLabel                 *amount_label;
  GtkLabel                 *amount_origin_label;
  GtkLabel                 *closed_label;
  GtkButton                *reopen_button;
  AffariDealStageBar       *stage_bar;
  AdwViewStack             *view_stack;
  AdwEntryRow              *title_row;
  AdwActionRow             *title_error;
  AdwEntryRow              *amount_row;
  AdwActionRow             *amount_error;
  GtkDropDown              *currency_dropdown;
  AdwComboRow              *stage_row;
  AdwActionRow             *company_row;
  GtkButton                *company_remove_button;
  GtkMenuButton            *client_button;
  GtkPopover               *client_popover;
  GtkSearchEntry           *client_search;
  GtkListBox               *client_results;
  GtkEntry                 *new_client_name;
  GtkEntry                 *new_client_phone;
  GtkEntry                 *new_client_email;
  GtkLabel                 *new_client_error;
  AdwEntryRow              *begin_date_row;
  AdwActionRow             *begin_date_error;
  AdwEntryRow              *close_date_row;
  AdwActionRow             *close_date_error;
  AdwComboRow              *responsible_row;
  AdwPreferencesGroup      *contacts_group;
  AdwComboRow              *type_row;
  AdwComboRow              *source_row;
  AdwEntryRow              *source_description_row;
  GtkSpinButton            *probability_spin;
  GtkButton                *probability_clear_button;
  AdwPreferencesRow        *comments_row;
  GtkTextView              *comments_view;
  AffariDealCardFields     *fields_group;
  GtkSwitch                *opened_switch;
  AdwPreferencesGroup      *error_group;
  GtkLabel                 *save_error;
  AffariDealCardProducts   *products_page;
  AffariDealCardActivities *activities_page;
  AffariDealCardHistory    *history_page;

  GPtrArray                *contact_rows;  /* widgets in contacts_group */

  /* settings: the pipeline's card layout, lists edited in Preferenze */
  AdwPreferencesPage       *general_page;
  AdwPreferencesGroup      *main_group;
  AdwPreferencesGroup      *more_group;
  AdwActionRow             *client_add_row;
  AdwActionRow             *probability_row;
  AdwActionRow             *opened_row;
  AffariCardLayout         *layout;
  gboolean                  lists_dirty;
  GPtrArray                *currency_codes; /* char *, the currencies in use (Preferenze), base first */
};

G_DEFINE_FINAL_TYPE (AffariDealCard, affari_deal_card, GTK_TYPE_BOX)

enum {
  CLOSED,
  TRASHED,
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Offered when the store cannot list its currencies. */
static const char * const fallback_currencies[] = { "EUR", "USD", "GBP", "CHF" };

static void refresh (AffariDealCard *self, gboolean force);
static void ask_finish (AffariDealCard *self, gint64 chosen_stage_id);
static gboolean apply_pending (AffariDealCard *self);

/* ------------------------------------------------------------ auxiliary */

static gint64
deal_id (AffariDealCard *self)
{
  return self->deal != NULL ? affari_deal_get_id (self->deal) : 0;
}

static void
show_save_error (AffariDealCard *self,
                 const char     *message)
{
  gtk_label_set_text (self->save_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), message != NULL);
}

static AffariStage *
find_stage (AffariDealCard *self,
            gint64          stage_id)
{
  for (guint i = 0; self->stages != NULL && i < self->stages->len; i++)
    if (affari_stage_get_id (g_ptr_array_index (self->stages, i)) == stage_id)
      return g_ptr_array_index (self->stages, i);
  return NULL;
}

/* Writes @copy (the deal with one field changed) in one transaction; on error the message goes
 * under @field (or at the bottom of the page) and the typed text stays where it is. */
static gboolean
commit (AffariDealCard *self,
        AffariDeal     *copy,
        GtkWidget      *field,
        AdwActionRow   *error_row)
{
  g_autoptr(GError) error = NULL;

  if (deal_id (self) != 0 && !affari_store_update_deal (self->store, copy, &error))
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
  refresh (self, FALSE);
  return TRUE;
}

static void
load_stages (AffariDealCard *self,
             gint64          pipeline_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) model = g_list_store_new (AFFARI_TYPE_STAGE);

  if (self->stages != NULL && self->stages_pipeline == pipeline_id && pipeline_id != 0)
    return;

  g_clear_pointer (&self->stages, g_ptr_array_unref);
  self->stages = affari_store_list_stages (self->store, pipeline_id, &error);
  if (self->stages == NULL)
    {
      g_warning ("Cannot list the stages: %s", error->message);
      self->stages = g_ptr_array_new_with_free_func (g_object_unref);
    }
  self->stages_pipeline = pipeline_id;
  g_list_store_splice (model, 0, 0, self->stages->pdata, self->stages->len);

  self->loading = TRUE;
  adw_combo_row_set_model (self->stage_row, G_LIST_MODEL (model));
  self->loading = FALSE;
  affari_deal_stage_bar_set_stages (self->stage_bar, self->stages);
}

static void
load_contacts (AffariDealCard *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  if (deal_id (self) != 0)
    self->contacts = affari_store_list_deal_contacts (self->store, deal_id (self), &error);
  if (self->contacts == NULL)
    {
      if (error != NULL)
        g_warning ("Cannot list the contacts: %s", error->message);
      self->contacts = g_ptr_array_new_with_free_func (g_object_unref);
    }
}

static void
select_code (AdwComboRow *row,
             GPtrArray   *pairs,
             const char  *code)
{
  guint position = 0;

  /* Item 0 is "none"; then one item per pair. */
  for (guint i = 0; pairs != NULL && i + 1 < pairs->len; i += 2)
    if (g_strcmp0 (g_ptr_array_index (pairs, i), code) == 0)
      position = i / 2 + 1;
  adw_combo_row_set_selected (row, position);
}

static const char *
selected_code (AdwComboRow *row,
               GPtrArray   *pairs)
{
  guint position = adw_combo_row_get_selected (row);

  if (position == 0 || position == GTK_INVALID_LIST_POSITION || pairs == NULL || (position - 1) * 2 >= pairs->len)
    return NULL;
  return g_ptr_array_index (pairs, (position - 1) * 2);
}

static void
rebuild_contact_rows (AffariDealCard *self)
{
  for (guint i = 0; i < self->contact_rows->len; i++)
    adw_preferences_group_remove (self->contacts_group, g_ptr_array_index (self->contact_rows, i));
  g_ptr_array_set_size (self->contact_rows, 0);

  for (guint i = 0; i < self->contacts->len; i++)
    {
      AffariContact *contact = g_ptr_array_index (self->contacts, i);
      g_autofree char *name = affari_contact_dup_full_name (contact);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *star = gtk_button_new_from_icon_name (i == 0 ? "starred-symbolic" : "non-starred-symbolic");
      GtkWidget *remove = gtk_button_new_from_icon_name ("edit-clear-symbolic");

      if (affari_contact_get_phone (contact) != NULL)
        g_string_append (subtitle, affari_contact_get_phone (contact));
      if (affari_contact_get_email (contact) != NULL)
        g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", affari_contact_get_email (contact));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

      gtk_widget_add_css_class (star, "flat");
      gtk_widget_set_valign (star, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (star), "card.set-primary-contact");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (star), "x", affari_contact_get_id (contact));
      gtk_widget_set_tooltip_text (star, i == 0 ? _("Primary Contact") : _("Make Primary"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (star), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      i == 0 ? _("Primary Contact") : _("Make Primary"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), star);

      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "card.remove-contact");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", affari_contact_get_id (contact));
      gtk_widget_set_tooltip_text (remove, _("Remove the Contact"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove the Contact"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      adw_preferences_group_add (self->contacts_group, row);
      g_ptr_array_add (self->contact_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->contacts_group),
                          self->contacts->len > 0 && affari_card_layout_shows_client (self->layout));
}

static void
set_entry (AdwEntryRow *row,
           const char  *text,
           gboolean     force)
{
  if (force || !affari_card_is_dirty (GTK_EDITABLE (row)))
    affari_card_set_text (GTK_EDITABLE (row), text);
}

static void
update_actions (AffariDealCard *self)
{
  gboolean exists = deal_id (self) != 0;
  gboolean closed = exists && affari_deal_get_closed (self->deal);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.create", !exists);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.finish", exists);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.reopen", closed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.delete", exists);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.plan-activity", exists);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.choose-pipeline", exists);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.move-to-pipeline", exists);
}

/* Shows the deal; entries the user is typing into keep their text unless @force. */
static void
refresh (AffariDealCard *self,
         gboolean        force)
{
  AffariDeal *deal = self->deal;
  g_autofree char *amount = NULL;
  g_autofree char *amount_text = NULL;
  g_autofree char *begin = NULL;
  g_autofree char *close = NULL;
  AffariStage *stage;
  const char *code = affari_deal_get_currency (deal) != NULL ? affari_deal_get_currency (deal) : "EUR";
  gboolean exists = deal_id (self) != 0;
  guint n_rows;

  self->loading = TRUE;

  if (!gtk_editable_label_get_editing (self->title_label))
    gtk_editable_set_text (GTK_EDITABLE (self->title_label),
                           affari_deal_get_title (deal) != NULL && *affari_deal_get_title (deal) != '\0'
                           ? affari_deal_get_title (deal) : _("New Deal"));

  amount = affari_money_format (affari_deal_get_amount (deal), code);
  gtk_label_set_text (self->amount_label, amount);
  n_rows = affari_deal_card_products_get_n_rows (self->products_page);
  if (n_rows > 0 && !affari_deal_get_is_manual_amount (deal))
    gtk_label_set_text (self->amount_origin_label, _("computed from the products"));
  else if (n_rows > 0)
    gtk_label_set_text (self->amount_origin_label, _("typed by hand"));
  else
    gtk_label_set_text (self->amount_origin_label, "");

  stage = find_stage (self, affari_deal_get_stage_id (deal));
  gtk_widget_set_visible (GTK_WIDGET (self->closed_label), exists && affari_deal_get_closed (deal));
  gtk_widget_set_visible (GTK_WIDGET (self->reopen_button), exists && affari_deal_get_closed (deal));
  gtk_widget_remove_css_class (GTK_WIDGET (self->closed_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->closed_label), "error");
  if (affari_deal_get_semantics (deal) == AFFARI_SEMANTICS_SUCCESS)
    {
      gtk_label_set_text (self->closed_label, _("Won"));
      gtk_widget_add_css_class (GTK_WIDGET (self->closed_label), "success");
    }
  else if (affari_deal_get_semantics (deal) == AFFARI_SEMANTICS_FAILURE)
    {
      gtk_label_set_text (self->closed_label, _("Lost"));
      gtk_widget_add_css_class (GTK_WIDGET (self->closed_label), "error");
    }
  affari_deal_stage_bar_set_current (self->stage_bar, affari_deal_get_stage_id (deal));

  set_entry (self->title_row, affari_deal_get_title (deal), force);
  amount_text = affari_money_format (affari_deal_get_amount (deal), NULL);
  set_entry (self->amount_row, affari_deal_get_amount (deal) != 0 ? amount_text : "", force);
  {
    guint position = G_MAXUINT;

    for (guint i = 0; i < self->currency_codes->len; i++)
      if (g_strcmp0 (g_ptr_array_index (self->currency_codes, i), code) == 0)
        position = i;
    if (position == G_MAXUINT)
      {
        /* A currency no longer in use (or imported): still shown for this deal. */
        g_ptr_array_add (self->currency_codes, g_strdup (code));
        gtk_string_list_append (GTK_STRING_LIST (gtk_drop_down_get_model (self->currency_dropdown)), code);
        position = self->currency_codes->len - 1;
      }
    gtk_drop_down_set_selected (self->currency_dropdown, position);
  }
  for (guint i = 0; self->stages != NULL && i < self->stages->len; i++)
    if (g_ptr_array_index (self->stages, i) == (gpointer) stage)
      adw_combo_row_set_selected (self->stage_row, i);

  if (affari_deal_get_company_id (deal) == 0)
    adw_action_row_set_subtitle (self->company_row, _("No company"));
  else if (!exists && self->new_company_name != NULL)
    adw_action_row_set_subtitle (self->company_row, self->new_company_name);
  else
    adw_action_row_set_subtitle (self->company_row, affari_deal_get_company_name (deal));
  gtk_widget_set_visible (GTK_WIDGET (self->company_remove_button), affari_deal_get_company_id (deal) != 0);
  rebuild_contact_rows (self);

  begin = affari_deal_get_begin_date (deal) != NULL ? affari_date_format (affari_deal_get_begin_date (deal)) : NULL;
  close = affari_deal_get_close_date (deal) != NULL ? affari_date_format (affari_deal_get_close_date (deal)) : NULL;
  set_entry (self->begin_date_row, begin, force);
  set_entry (self->close_date_row, close, force);
  for (guint i = 0; self->team != NULL && i < self->team->len; i++)
    if (affari_team_member_get_id (g_ptr_array_index (self->team, i)) == affari_deal_get_assigned_by_id (deal))
      adw_combo_row_set_selected (self->responsible_row, i);

  select_code (self->type_row, self->types, affari_deal_get_type_id (deal));
  select_code (self->source_row, self->sources, affari_deal_get_source_id (deal));
  set_entry (self->source_description_row, affari_deal_get_source_description (deal), force);
  if (self->probability_source == 0)
    gtk_spin_button_set_value (self->probability_spin, MAX (affari_deal_get_probability (deal), -1));
  gtk_widget_set_sensitive (GTK_WIDGET (self->probability_clear_button),
                            gtk_spin_button_get_value_as_int (self->probability_spin) >= 0);
  if (force || !self->comments_dirty)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->comments_view);
      const char *comments = affari_deal_get_comments (deal) != NULL ? affari_deal_get_comments (deal) : "";
      g_autofree char *shown = NULL;
      GtkTextIter start, end;

      /* Only when it differs: setting the text moves the cursor of someone typing. */
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (g_strcmp0 (shown, comments) != 0)
        gtk_text_buffer_set_text (buffer, comments, -1);
      self->comments_dirty = FALSE;
    }
  gtk_switch_set_active (self->opened_switch, affari_deal_get_opened (deal));

  gtk_widget_set_visible (GTK_WIDGET (self->create_button), !exists);
  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), exists);
  gtk_widget_set_sensitive (GTK_WIDGET (self->view_switcher), exists);
  update_actions (self);

  self->loading = FALSE;
}

/* The widgets of one field of the card layout (see affari-deal-card-layout.h). */
static gboolean
field_widgets (const char  *field,
               GtkWidget  **out,
               gpointer     user_data)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (user_data);
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
apply_layout (AffariDealCard *self)
{
  affari_card_layout_apply (self->layout, self->store, affari_deal_get_pipeline_id (self->deal));
  /* Its rows live in the layout's sections: the group itself stays out of sight. */
  gtk_widget_set_visible (GTK_WIDGET (self->fields_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->contacts_group),
                          self->contacts->len > 0 && affari_card_layout_shows_client (self->layout));
}

static void
set_pages (AffariDealCard *self)
{
  affari_deal_card_products_set_deal (self->products_page, self->store, self->deal);
  affari_deal_card_activities_set_deal (self->activities_page, self->store, self->deal);
  affari_deal_card_history_set_deal (self->history_page, self->store, self->deal);
  affari_deal_card_fields_set_deal (self->fields_group, self->store, self->deal);
  apply_layout (self);
}

static void load_lists (AffariDealCard *self);

static gboolean
on_reload_idle_cb (gpointer user_data)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (user_data);
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(GError) error = NULL;

  self->reload_source = 0;
  if (self->lists_dirty)
    load_lists (self);
  if (deal_id (self) == 0)
    {
      /* A deal not created yet: its stages and layout may have been edited in Preferenze. */
      load_stages (self, affari_deal_get_pipeline_id (self->deal));
      set_pages (self);
      refresh (self, FALSE);
      return G_SOURCE_REMOVE;
    }

  deal = affari_store_get_deal (self->store, deal_id (self), &error);
  if (deal == NULL)
    {
      g_warning ("Cannot reload deal %" G_GINT64_FORMAT ": %s", deal_id (self), error->message);
      return G_SOURCE_REMOVE;
    }
  g_set_object (&self->deal, deal);
  /* Moved to another pipeline, or its stages edited: the stages follow. */
  load_stages (self, affari_deal_get_pipeline_id (deal));
  load_contacts (self);
  set_pages (self);
  refresh (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
move_to (AffariDealCard *self,
         gint64          stage_id,
         const char     *reason)
{
  g_autoptr(GError) error = NULL;

  if (deal_id (self) == 0)
    {
      AffariStage *stage = find_stage (self, stage_id);

      /* A new deal starts in progress; closing comes once it exists. */
      if (stage != NULL && affari_stage_get_semantics (stage) == AFFARI_SEMANTICS_PROCESS)
        affari_deal_set_stage_id (self->deal, stage_id);
      refresh (self, FALSE);
      return;
    }
  if (stage_id == affari_deal_get_stage_id (self->deal) && (reason == NULL || *reason == '\0'))
    return;
  if (!affari_store_move_deal (self->store, deal_id (self), stage_id, 0, reason, &error))
    {
      show_save_error (self, error->message);
      refresh (self, FALSE);
      return;
    }
  show_save_error (self, NULL);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  on_reload_idle_cb (self);
}

static gboolean
save_contacts (AffariDealCard *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->contacts->len; i++)
    {
      gint64 id = affari_contact_get_id (g_ptr_array_index (self->contacts, i));
      g_array_append_val (ids, id);
    }
  if (deal_id (self) != 0 &&
      !affari_store_set_deal_contacts (self->store, deal_id (self), (gint64 *) ids->data, ids->len,
                                       ids->len > 0 ? g_array_index (ids, gint64, 0) : 0, &error))
    {
      show_save_error (self, error->message);
      return FALSE;
    }
  rebuild_contact_rows (self);
  return TRUE;
}

static void
pick_company (AffariDealCard *self,
              AffariCompany  *company)
{
  g_autoptr(AffariDeal) copy = affari_deal_copy (self->deal);

  affari_deal_set_company_id (copy, affari_company_get_id (company));
  /* The new deal shows the name before the store can join it. */
  if (deal_id (self) == 0)
    {
      g_free (self->new_company_name);
      self->new_company_name = g_strdup (affari_company_get_name (company));
    }
  commit (self, copy, NULL, NULL);
}

static void
pick_contact (AffariDealCard *self,
              AffariContact  *contact)
{
  for (guint i = 0; i < self->contacts->len; i++)
    if (affari_contact_get_id (g_ptr_array_index (self->contacts, i)) == affari_contact_get_id (contact))
      return;
  g_ptr_array_add (self->contacts, g_object_ref (contact));
  save_contacts (self);
}

static void
on_client_result_activated_cb (AdwActionRow   *row,
                               AffariDealCard *self)
{
  GObject *client = g_object_get_data (G_OBJECT (row), "client");

  if (AFFARI_IS_COMPANY (client))
    pick_company (self, AFFARI_COMPANY (client));
  else if (AFFARI_IS_CONTACT (client))
    pick_contact (self, AFFARI_CONTACT (client));
  gtk_popover_popdown (self->client_popover);
}

static void
add_client_result (AffariDealCard *self,
                   GObject        *client,
                   const char     *name,
                   const char     *kind,
                   const char     *detail)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = detail != NULL && *detail != '\0' ? g_strdup_printf ("%s · %s", kind, detail) : g_strdup (kind);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (AFFARI_IS_COMPANY (client) ? "system-users-symbolic" : "avatar-default-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "client", g_object_ref (client), g_object_unref);
  g_signal_connect (row, "activated", G_CALLBACK (on_client_result_activated_cb), self);
  gtk_list_box_append (self->client_results, row);
}

static void
search_clients (AffariDealCard *self)
{
  g_autofree char *text = affari_card_dup_text (GTK_EDITABLE (self->client_search));
  g_autoptr(GPtrArray) companies = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->client_results))) != NULL)
    gtk_list_box_remove (self->client_results, child);

  companies = affari_store_search_companies (self->store, text, CLIENT_RESULTS, &error);
  if (companies == NULL)
    {
      g_warning ("Cannot search the companies: %s", error->message);
      return;
    }
  contacts = affari_store_search_contacts (self->store, text, CLIENT_RESULTS, &error);
  if (contacts == NULL)
    {
      g_warning ("Cannot search the contacts: %s", error->message);
      return;
    }
  for (guint i = 0; i < companies->len; i++)
    {
      AffariCompany *company = g_ptr_array_index (companies, i);

      add_client_result (self, G_OBJECT (company), affari_company_get_name (company), _("Company"),
                         affari_company_get_city (company));
    }
  for (guint i = 0; i < contacts->len; i++)
    {
      AffariContact *contact = g_ptr_array_index (contacts, i);
      g_autofree char *name = affari_contact_dup_full_name (contact);

      add_client_result (self, G_OBJECT (contact), name, _("Contact"), affari_contact_get_phone (contact));
    }
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->client_results)),
                          companies->len + contacts->len > 0);

  /* What was searched is the likely name of a new client. */
  if (*text != '\0' && gtk_entry_get_text_length (self->new_client_name) == 0)
    gtk_editable_set_text (GTK_EDITABLE (self->new_client_name), text);
}

/* ------------------------------------------------------------ signal callbacks */

static void
on_store_deal_changed_cb (AffariStore    *store,
                          gint64          changed_id,
                          gint64          old_stage_id,
                          gint64          new_stage_id,
                          AffariDealCard *self)
{
  if (changed_id == 0 || changed_id != deal_id (self))
    return;
  if (new_stage_id == 0)
    return;
  if (self->reload_source == 0)
    self->reload_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_reload_idle_cb, self, NULL);
}

static void
queue_reload (AffariDealCard *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_reload_idle_cb, self, NULL);
}

static void
on_store_stages_changed_cb (AffariStore    *store,
                            gint64          pipeline_id,
                            AffariDealCard *self)
{
  if (pipeline_id != self->stages_pipeline)
    return;
  /* Renamed, recoloured, added, reordered or deleted in Preferenze: read them again. */
  self->stages_pipeline = 0;
  queue_reload (self);
}

static void
on_store_settings_changed_cb (AffariStore    *store,
                              gint64          pipeline_id,
                              AffariDealCard *self)
{
  /* Cheap enough to reload all that Preferenze can change; the layout moves rows only when it differs. */
  self->lists_dirty = TRUE;
  queue_reload (self);
}

static void
on_store_reset_cb (AffariStore    *store,
                   AffariDealCard *self)
{
  if (deal_id (self) != 0 && self->reload_source == 0)
    self->reload_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_reload_idle_cb, self, NULL);
}

static void
save_title (AffariDealCard *self,
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
  if (commit (self, copy, GTK_WIDGET (self->title_row), self->title_error))
    set_entry (self->title_row, affari_deal_get_title (self->deal), TRUE);
}

static void
on_title_row_apply_cb (AdwEntryRow    *row,
                       AffariDealCard *self)
{
  g_autofree char *text = affari_card_dup_text (GTK_EDITABLE (row));

  save_title (self, text);
}

static void
on_title_label_editing_changed_cb (GtkEditableLabel *label,
                                   GParamSpec       *pspec,
                                   AffariDealCard   *self)
{
  const char *text;

  if (self->loading || gtk_editable_label_get_editing (label))
    return;
  text = gtk_editable_get_text (GTK_EDITABLE (label));
  if (g_strcmp0 (text, affari_deal_get_title (self->deal)) != 0)
    {
      /* Both places show the same title: what the label got goes into the row too. */
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), text);
      save_title (self, text);
    }
  if (self->deal != NULL && affari_deal_get_title (self->deal) == NULL)
    gtk_editable_set_text (GTK_EDITABLE (label), _("New Deal"));
}

static gboolean
save_amount (AffariDealCard *self)
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
  return commit (self, copy, GTK_WIDGET (self->amount_row), self->amount_error);
}

static void
on_amount_row_apply_cb (AdwEntryRow    *row,
                        AffariDealCard *self)
{
  save_amount (self);
}

static void
on_currency_selected_cb (GtkDropDown    *dropdown,
                         GParamSpec     *pspec,
                         AffariDealCard *self)
{
  g_autoptr(AffariDeal) copy = NULL;
  guint position = gtk_drop_down_get_selected (dropdown);

  if (self->loading || position >= self->currency_codes->len ||
      g_strcmp0 (g_ptr_array_index (self->currency_codes, position), affari_deal_get_currency (self->deal)) == 0)
    return;
  copy = affari_deal_copy (self->deal);
  affari_deal_set_currency (copy, g_ptr_array_index (self->currency_codes, position));
  commit (self, copy, NULL, NULL);
}

static void
on_stage_selected_cb (AdwComboRow    *row,
                      GParamSpec     *pspec,
                      AffariDealCard *self)
{
  AffariStage *stage = adw_combo_row_get_selected_item (row);

  if (self->loading || stage == NULL)
    return;
  /* Closing is a decision: won, or lost in which stage and why — as the stage bar asks. */
  if (deal_id (self) != 0 && affari_stage_get_semantics (stage) != AFFARI_SEMANTICS_PROCESS &&
      affari_stage_get_id (stage) != affari_deal_get_stage_id (self->deal))
    {
      ask_finish (self, affari_stage_get_id (stage));
      return;
    }
  move_to (self, affari_stage_get_id (stage), NULL);
}

static gboolean
save_date (AffariDealCard *self,
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
  if (!commit (self, copy, GTK_WIDGET (row), error_row))
    return FALSE;
  set_entry (row, NULL, FALSE);
  refresh (self, FALSE);
  return TRUE;
}

static void
on_begin_date_apply_cb (AdwEntryRow    *row,
                        AffariDealCard *self)
{
  save_date (self, row, self->begin_date_error, TRUE);
}

static void
on_close_date_apply_cb (AdwEntryRow    *row,
                        AffariDealCard *self)
{
  save_date (self, row, self->close_date_error, FALSE);
}

static void
on_responsible_selected_cb (AdwComboRow    *row,
                            GParamSpec     *pspec,
                            AffariDealCard *self)
{
  AffariTeamMember *member = adw_combo_row_get_selected_item (row);
  g_autoptr(AffariDeal) copy = NULL;

  if (self->loading || member == NULL ||
      affari_team_member_get_id (member) == affari_deal_get_assigned_by_id (self->deal))
    return;
  copy = affari_deal_copy (self->deal);
  affari_deal_set_assigned_by_id (copy, affari_team_member_get_id (member));
  commit (self, copy, NULL, NULL);
}

static void
on_type_selected_cb (AdwComboRow    *row,
                     GParamSpec     *pspec,
                     AffariDealCard *self)
{
  g_autoptr(AffariDeal) copy = NULL;
  const char *code = selected_code (row, self->types);

  if (self->loading || g_strcmp0 (code, affari_deal_get_type_id (self->deal)) == 0)
    return;
  copy = affari_deal_copy (self->deal);
  affari_deal_set_type_id (copy, code);
  commit (self, copy, NULL, NULL);
}

static void
on_source_selected_cb (AdwComboRow    *row,
                       GParamSpec     *pspec,
                       AffariDealCard *self)
{
  g_autoptr(AffariDeal) copy = NULL;
  const char *code = selected_code (row, self->sources);

  if (self->loading || g_strcmp0 (code, affari_deal_get_source_id (self->deal)) == 0)
    return;
  copy = affari_deal_copy (self->deal);
  affari_deal_set_source_id (copy, code);
  commit (self, copy, NULL, NULL);
}

static void
save_text_field (AffariDealCard *self,
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
  commit (self, copy, GTK_WIDGET (row), NULL);
}

static void
on_source_description_apply_cb (AdwEntryRow    *row,
                                AffariDealCard *self)
{
  save_text_field (self, row, affari_deal_set_source_description, affari_deal_get_source_description (self->deal));
}

/* The comment is saved as a whole, in one transaction, when the user leaves it or presses
 * Ctrl+Enter (Enter alone starts a new line). */
static gboolean
save_comments (AffariDealCard *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->comments_view);
  g_autoptr(AffariDeal) copy = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  const char *value;

  if (!self->comments_dirty)
    return TRUE;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  raw = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  text = g_strstrip (g_strdup (raw));
  value = *text != '\0' ? text : NULL;
  if (g_strcmp0 (value, affari_deal_get_comments (self->deal)) == 0)
    {
      self->comments_dirty = FALSE;
      return TRUE;
    }
  copy = affari_deal_copy (self->deal);
  affari_deal_set_comments (copy, value);
  if (!commit (self, copy, NULL, NULL))
    return FALSE;
  self->comments_dirty = FALSE;
  return TRUE;
}

static void
on_comments_changed_cb (GtkTextBuffer  *buffer,
                        AffariDealCard *self)
{
  if (!self->loading)
    self->comments_dirty = TRUE;
}

static void
on_comments_focus_left_cb (GtkEventControllerFocus *controller,
                           AffariDealCard          *self)
{
  save_comments (self);
}

static gboolean
on_comments_save_shortcut_cb (GtkWidget *widget,
                              GVariant  *args,
                              gpointer   user_data)
{
  save_comments (AFFARI_DEAL_CARD (user_data));
  return TRUE;
}

static gboolean
on_probability_timeout_cb (gpointer user_data)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (user_data);
  g_autoptr(AffariDeal) copy = NULL;
  int value = gtk_spin_button_get_value_as_int (self->probability_spin);

  self->probability_source = 0;
  value = MAX (value, -1);
  if (value == affari_deal_get_probability (self->deal))
    return G_SOURCE_REMOVE;
  copy = affari_deal_copy (self->deal);
  affari_deal_set_probability (copy, value);
  commit (self, copy, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_probability_changed_cb (GtkSpinButton  *spin,
                           AffariDealCard *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->probability_clear_button), gtk_spin_button_get_value_as_int (spin) >= 0);
  if (self->loading)
    return;
  /* One history event for a value, not one per click of the arrows. */
  g_clear_handle_id (&self->probability_source, g_source_remove);
  self->probability_source = g_timeout_add (PROBABILITY_DELAY_MS, on_probability_timeout_cb, self);
}

/* -1 is "not set": shown as an empty field, and an emptied field means it. */
static int
on_probability_input_cb (GtkSpinButton  *spin,
                         double         *new_value,
                         AffariDealCard *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));

  if (*text != '\0')
    return FALSE;
  *new_value = -1;
  return TRUE;
}

static gboolean
on_probability_output_cb (GtkSpinButton  *spin,
                          AffariDealCard *self)
{
  if (gtk_spin_button_get_value_as_int (spin) >= 0)
    return FALSE;
  if (*gtk_editable_get_text (GTK_EDITABLE (spin)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (spin), "");
  return TRUE;
}

static void
on_opened_changed_cb (GtkSwitch      *sw,
                      GParamSpec     *pspec,
                      AffariDealCard *self)
{
  g_autoptr(AffariDeal) copy = NULL;

  if (self->loading || gtk_switch_get_active (sw) == affari_deal_get_opened (self->deal))
    return;
  copy = affari_deal_copy (self->deal);
  affari_deal_set_opened (copy, gtk_switch_get_active (sw));
  commit (self, copy, NULL, NULL);
}

static void
on_client_search_changed_cb (GtkSearchEntry *entry,
                             AffariDealCard *self)
{
  search_clients (self);
}

static void
on_client_popover_shown_cb (GtkPopover     *popover,
                            AffariDealCard *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->new_client_error), FALSE);
  search_clients (self);
}

static void
on_finish_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       AffariDealCard   *self)
{
  GtkEditable *reason_entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *reason = affari_card_dup_text (reason_entry);
  gint64 stage_id = 0;

  if (g_str_equal (response, "won"))
    stage_id = affari_store_find_stage (self->store, affari_deal_get_pipeline_id (self->deal), AFFARI_SEMANTICS_SUCCESS);
  else if (g_str_has_prefix (response, "lost-"))
    stage_id = g_ascii_strtoll (response + 5, NULL, 10);

  if (stage_id != 0)
    move_to (self, stage_id, *reason != '\0' ? reason : NULL);
  else
    refresh (self, FALSE); /* cancelled: the stage dropdown shows the stage the deal is in */
}

static void
on_plan_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     AffariDealCard   *self)
{
  if (g_str_equal (response, "plan"))
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "activities");
      affari_deal_card_activities_focus_plan (self->activities_page);
      return;
    }
  if (g_str_equal (response, "later"))
    {
      /* asked once: the next close of this deal does not ask again while Affari runs */
      gint64 *id = g_new (gint64, 1);

      *id = deal_id (self);
      g_hash_table_add (self->not_now, id);
      g_signal_emit (self, signals[CLOSED], 0);
    }
}

/* ------------------------------------------------------------ actions */

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  affari_deal_card_request_close (AFFARI_DEAL_CARD (widget));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (widget);
  g_autofree char *title = affari_card_dup_text (GTK_EDITABLE (self->title_row));
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;
  gint64 id;

  if (deal_id (self) != 0)
    return;

  /* What is typed but not applied yet counts too. */
  if (*title == '\0')
    {
      affari_card_set_field_error (GTK_WIDGET (self->title_row), self->title_error, _("The deal needs a title"));
      gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
      return;
    }
  affari_deal_set_title (self->deal, title);
  if (affari_card_is_dirty (GTK_EDITABLE (self->amount_row)))
    ok = save_amount (self) && ok;
  if (affari_card_is_dirty (GTK_EDITABLE (self->begin_date_row)))
    ok = save_date (self, self->begin_date_row, self->begin_date_error, TRUE) && ok;
  if (affari_card_is_dirty (GTK_EDITABLE (self->close_date_row)))
    ok = save_date (self, self->close_date_row, self->close_date_error, FALSE) && ok;
  if (!ok)
    return;
  if (affari_card_is_dirty (GTK_EDITABLE (self->source_description_row)))
    on_source_description_apply_cb (self->source_description_row, self);
  save_comments (self);
  if (self->probability_source != 0)
    {
      g_clear_handle_id (&self->probability_source, g_source_remove);
      affari_deal_set_probability (self->deal, MAX (gtk_spin_button_get_value_as_int (self->probability_spin), -1));
    }

  if (!affari_store_create_deal (self->store, self->deal, &error))
    {
      show_save_error (self, error->message);
      return;
    }
  id = affari_deal_get_id (self->deal);
  g_clear_pointer (&self->new_company_name, g_free);
  save_contacts (self);
  /* Custom fields typed before the deal existed; one that is invalid stays red in the card. */
  affari_deal_card_fields_apply_pending (self->fields_group);
  affari_deal_card_load (self, id, NULL);
  g_signal_emit (self, signals[CREATED], 0, id);
}

static void
move_to_pipeline (AffariDealCard *self,
                  gint64          pipeline_id)
{
  g_autoptr(GError) error = NULL;

  if (deal_id (self) == 0 || pipeline_id == affari_deal_get_pipeline_id (self->deal))
    return;
  /* Typed text is saved first: it belongs to the deal wherever it goes. */
  apply_pending (self);
  if (!affari_store_move_deal_to_pipeline (self->store, deal_id (self), pipeline_id, &error))
    {
      show_save_error (self, error->message);
      return;
    }
  /* At once, not on idle: the stage bar and the layout of the new pipeline. */
  affari_deal_card_load (self, deal_id (self), NULL);
}

static void
move_to_pipeline_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  move_to_pipeline (AFFARI_DEAL_CARD (widget), g_variant_get_int64 (parameter));
}

static void
on_choose_pipeline_response_cb (AdwMessageDialog *dialog,
                                const char       *response,
                                AffariDealCard   *self)
{
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (dialog), "affari-dropdown");
  AffariPipeline *pipeline;

  if (!g_str_equal (response, "move"))
    return;
  pipeline = gtk_drop_down_get_selected_item (dropdown);
  if (pipeline != NULL)
    move_to_pipeline (self, affari_pipeline_get_id (pipeline));
}

/* "Sposta in pipeline": which pipeline; the stage follows by semantics. */
static void
choose_pipeline_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (widget);
  g_autoptr(GPtrArray) pipelines = NULL;
  g_autoptr(GListStore) model = g_list_store_new (AFFARI_TYPE_PIPELINE);
  g_autoptr(GtkExpression) name = gtk_property_expression_new (AFFARI_TYPE_PIPELINE, NULL, "name");
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  GtkWidget *dropdown;

  if (deal_id (self) == 0)
    return;
  pipelines = affari_store_list_pipelines (self->store, &error);
  if (pipelines == NULL)
    {
      show_save_error (self, error->message);
      return;
    }
  for (guint i = 0; i < pipelines->len; i++)
    if (affari_pipeline_get_id (g_ptr_array_index (pipelines, i)) != affari_deal_get_pipeline_id (self->deal))
      g_list_store_append (model, g_ptr_array_index (pipelines, i));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Move to Pipeline"),
                                                       g_list_model_get_n_items (G_LIST_MODEL (model)) > 0
                                                       ? _("The deal goes to the first stage of the same kind there: in progress, won or lost.")
                                                       : _("There is no other pipeline: create one in Preferences.")));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (model)), gtk_expression_ref (name));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pipeline"), -1);
  gtk_widget_set_visible (dropdown, g_list_model_get_n_items (G_LIST_MODEL (model)) > 0);
  adw_message_dialog_set_extra_child (dialog, dropdown);
  g_object_set_data (G_OBJECT (dialog), "affari-dropdown", dropdown);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (g_list_model_get_n_items (G_LIST_MODEL (model)) > 0)
    {
      adw_message_dialog_add_response (dialog, "move", _("_Move"));
      adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "move");
    }
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_choose_pipeline_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
move_to_stage_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  move_to (AFFARI_DEAL_CARD (widget), g_variant_get_int64 (parameter), NULL);
}

/* Asks won or which lost stage, and a reason; @chosen_stage_id (a won or lost stage picked in the
 * dropdown, or 0) is the answer offered by default. */
static void
ask_finish (AffariDealCard *self,
            gint64          chosen_stage_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AffariStage *chosen = find_stage (self, chosen_stage_id);
  AdwMessageDialog *dialog;
  GtkWidget *reason;

  if (deal_id (self) == 0)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Close the Deal"),
                                                       _("Was the deal won or lost? A reason helps to learn from it.")));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "won", _("_Won"));
  adw_message_dialog_set_response_appearance (dialog, "won", ADW_RESPONSE_SUGGESTED);
  for (guint i = 0; i < self->stages->len; i++)
    {
      AffariStage *stage = g_ptr_array_index (self->stages, i);
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

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_finish_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
finish_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ask_finish (AFFARI_DEAL_CARD (widget), 0);
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (widget);
  g_autoptr(GError) error = NULL;
  gint64 target;

  /* Back to the stage the deal was in before it was closed. */
  target = affari_store_find_reopen_stage (self->store, deal_id (self), &error);
  if (target == 0)
    {
      show_save_error (self, error->message);
      return;
    }
  move_to (self, target, NULL);
}

static void
clear_probability_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (widget);
  g_autoptr(AffariDeal) copy = NULL;

  g_clear_handle_id (&self->probability_source, g_source_remove);
  self->loading = TRUE;
  gtk_spin_button_set_value (self->probability_spin, -1);
  self->loading = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->probability_clear_button), FALSE);
  if (affari_deal_get_probability (self->deal) < 0)
    return;
  copy = affari_deal_copy (self->deal);
  affari_deal_set_probability (copy, -1);
  commit (self, copy, NULL, NULL);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = deal_id (self);

  if (id == 0)
    return;
  if (!affari_store_trash_deal (self->store, id, &error))
    {
      show_save_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[TRASHED], 0, id);
  g_signal_emit (self, signals[CLOSED], 0);
}

static void
plan_activity_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "activities");
  affari_deal_card_activities_focus_plan (self->activities_page);
}

static void
remove_company_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (widget);
  g_autoptr(AffariDeal) copy = affari_deal_copy (self->deal);

  affari_deal_set_company_id (copy, 0);
  g_clear_pointer (&self->new_company_name, g_free);
  commit (self, copy, NULL, NULL);
}

static void
create_client_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (widget);
  g_autofree char *name = affari_card_dup_text (GTK_EDITABLE (self->new_client_name));
  g_autofree char *phone = affari_card_dup_text (GTK_EDITABLE (self->new_client_phone));
  g_autofree char *email = affari_card_dup_text (GTK_EDITABLE (self->new_client_email));
  g_autoptr(GError) error = NULL;
  gboolean company = g_str_equal (g_variant_get_string (parameter, NULL), "company");

  if (*email != '\0' && (strchr (email, '@') == NULL || strchr (email, ' ') != NULL))
    g_set_error (&error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not an e-mail address"), email);
  else if (company)
    {
      g_autoptr(AffariCompany) client = affari_company_new (name);

      g_object_set (client, "phone", *phone ? phone : NULL, "email", *email ? email : NULL, NULL);
      if (affari_store_create_company (self->store, client, &error) != 0)
        pick_company (self, client);
    }
  else
    {
      char *space = strchr (name, ' ');
      g_autoptr(AffariContact) client = NULL;

      if (space != NULL)
        *space = '\0';
      client = affari_contact_new (name, space != NULL ? g_strstrip (space + 1) : NULL);
      g_object_set (client, "phone", *phone ? phone : NULL, "email", *email ? email : NULL,
                    "company-id", affari_deal_get_company_id (self->deal), NULL);
      if (affari_store_create_contact (self->store, client, &error) != 0)
        pick_contact (self, client);
    }

  if (error != NULL)
    {
      gtk_label_set_text (self->new_client_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->new_client_error), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->new_client_error), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->new_client_name), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_client_phone), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_client_email), "");
  gtk_editable_set_text (GTK_EDITABLE (self->client_search), "");
  gtk_popover_popdown (self->client_popover);
}

static void
set_primary_contact_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (widget);
  gint64 id = g_variant_get_int64 (parameter);

  for (guint i = 0; i < self->contacts->len; i++)
    if (affari_contact_get_id (g_ptr_array_index (self->contacts, i)) == id)
      {
        AffariContact *contact = g_ptr_array_steal_index (self->contacts, i);

        g_ptr_array_insert (self->contacts, 0, contact);
        save_contacts (self);
        return;
      }
}

static void
remove_contact_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (widget);
  gint64 id = g_variant_get_int64 (parameter);

  for (guint i = 0; i < self->contacts->len; i++)
    if (affari_contact_get_id (g_ptr_array_index (self->contacts, i)) == id)
      {
        g_ptr_array_remove_index (self->contacts, i);
        save_contacts (self);
        return;
      }
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

/* ------------------------------------------------------------ overrides */

static void
affari_deal_card_dispose (GObject *object)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->probability_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_DEAL_CARD);

  g_clear_pointer (&self->layout, affari_card_layout_free);
  g_clear_pointer (&self->not_now, g_hash_table_unref);
  g_clear_pointer (&self->currency_codes, g_ptr_array_unref);
  g_clear_pointer (&self->contact_rows, g_ptr_array_unref);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_pointer (&self->stages, g_ptr_array_unref);
  g_clear_pointer (&self->team, g_ptr_array_unref);
  g_clear_pointer (&self->types, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->new_company_name, g_free);
  g_clear_object (&self->deal);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (affari_deal_card_parent_class)->dispose (object);
}

static void
affari_deal_card_class_init (AffariDealCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_deal_card_dispose;

  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[TRASHED] = g_signal_new ("trashed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  affari_ui_ensure_resources ();
  g_type_ensure (AFFARI_TYPE_DEAL_STAGE_BAR);
  g_type_ensure (AFFARI_TYPE_DEAL_CARD_PRODUCTS);
  g_type_ensure (AFFARI_TYPE_DEAL_CARD_ACTIVITIES);
  g_type_ensure (AFFARI_TYPE_DEAL_CARD_HISTORY);
  g_type_ensure (AFFARI_TYPE_DEAL_CARD_FIELDS);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-deal-card.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, create_button);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, menu_button);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, amount_label);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, amount_origin_label);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, closed_label);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, stage_bar);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, title_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, title_error);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, amount_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, amount_error);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, currency_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, stage_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, company_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, company_remove_button);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, client_button);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, client_popover);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, client_search);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, client_results);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, new_client_name);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, new_client_phone);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, new_client_email);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, new_client_error);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, begin_date_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, begin_date_error);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, close_date_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, close_date_error);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, responsible_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, contacts_group);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, type_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, source_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, source_description_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, probability_spin);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, probability_clear_button);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, comments_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, comments_view);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, fields_group);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, general_page);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, main_group);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, more_group);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, client_add_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, probability_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, opened_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, opened_switch);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, error_group);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, save_error);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, products_page);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, activities_page);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, history_page);

  gtk_widget_class_install_action (widget_class, "card.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "card.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "card.move-to-stage", "x", move_to_stage_action);
  gtk_widget_class_install_action (widget_class, "card.choose-pipeline", NULL, choose_pipeline_action);
  gtk_widget_class_install_action (widget_class, "card.move-to-pipeline", "x", move_to_pipeline_action);
  gtk_widget_class_install_action (widget_class, "card.finish", NULL, finish_action);
  gtk_widget_class_install_action (widget_class, "card.reopen", NULL, reopen_action);
  gtk_widget_class_install_action (widget_class, "card.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "card.clear-probability", NULL, clear_probability_action);
  gtk_widget_class_install_action (widget_class, "card.plan-activity", NULL, plan_activity_action);
  gtk_widget_class_install_action (widget_class, "card.remove-company", NULL, remove_company_action);
  gtk_widget_class_install_action (widget_class, "card.create-client", "s", create_client_action);
  gtk_widget_class_install_action (widget_class, "card.set-primary-contact", "x", set_primary_contact_action);
  gtk_widget_class_install_action (widget_class, "card.remove-contact", "x", remove_contact_action);
  gtk_widget_class_install_action (widget_class, "card.show-page", "s", show_page_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "card.close", NULL);
  /* As on the board: Delete moves the deal to the trash (entries keep Delete for their text). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "card.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "card.delete", NULL);
}

static void
affari_deal_card_init (AffariDealCard *self)
{
  g_autoptr(GtkExpression) stage_name = NULL;
  g_autoptr(GtkExpression) member_name = NULL;
  GtkEventController *focus;
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->not_now = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  self->contact_rows = g_ptr_array_new ();
  self->contacts = g_ptr_array_new_with_free_func (g_object_unref);
  self->currency_codes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (fallback_currencies); i++)
    g_ptr_array_add (self->currency_codes, g_strdup (fallback_currencies[i]));
  self->deal = affari_deal_new ();
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

    for (guint i = 0; i < G_N_ELEMENTS (main_rows); i++)
      affari_card_row_set_group (main_rows[i], self->main_group);
    for (guint i = 0; i < G_N_ELEMENTS (more_rows); i++)
      affari_card_row_set_group (more_rows[i], self->more_group);
  }
  {
    GtkWidget *unused[] = { GTK_WIDGET (self->main_group), GTK_WIDGET (self->more_group) };

    self->layout = affari_card_layout_new (self->general_page, self->contacts_group, self->error_group,
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
  g_signal_connect (self->title_label, "notify::editing", G_CALLBACK (on_title_label_editing_changed_cb), self);
  g_signal_connect (self->amount_row, "apply", G_CALLBACK (on_amount_row_apply_cb), self);
  g_signal_connect (self->amount_row, "entry-activated", G_CALLBACK (on_amount_row_apply_cb), self);
  g_signal_connect (self->currency_dropdown, "notify::selected", G_CALLBACK (on_currency_selected_cb), self);
  g_signal_connect (self->stage_row, "notify::selected", G_CALLBACK (on_stage_selected_cb), self);
  g_signal_connect (self->begin_date_row, "apply", G_CALLBACK (on_begin_date_apply_cb), self);
  g_signal_connect (self->begin_date_row, "entry-activated", G_CALLBACK (on_begin_date_apply_cb), self);
  g_signal_connect (self->close_date_row, "apply", G_CALLBACK (on_close_date_apply_cb), self);
  g_signal_connect (self->close_date_row, "entry-activated", G_CALLBACK (on_close_date_apply_cb), self);
  g_signal_connect (self->responsible_row, "notify::selected", G_CALLBACK (on_responsible_selected_cb), self);
  g_signal_connect (self->type_row, "notify::selected", G_CALLBACK (on_type_selected_cb), self);
  g_signal_connect (self->source_row, "notify::selected", G_CALLBACK (on_source_selected_cb), self);
  g_signal_connect (self->source_description_row, "apply", G_CALLBACK (on_source_description_apply_cb), self);
  g_signal_connect (self->source_description_row, "entry-activated", G_CALLBACK (on_source_description_apply_cb), self);
  g_signal_connect (gtk_text_view_get_buffer (self->comments_view), "changed", G_CALLBACK (on_comments_changed_cb), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_comments_focus_left_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->comments_view), focus);
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_callback_action_new (on_comments_save_shortcut_cb, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->comments_view), shortcuts);
  g_signal_connect (self->probability_spin, "input", G_CALLBACK (on_probability_input_cb), self);
  g_signal_connect (self->probability_spin, "output", G_CALLBACK (on_probability_output_cb), self);
  g_signal_connect (self->probability_spin, "value-changed", G_CALLBACK (on_probability_changed_cb), self);
  g_signal_connect (self->opened_switch, "notify::active", G_CALLBACK (on_opened_changed_cb), self);
  g_signal_connect (self->client_search, "search-changed", G_CALLBACK (on_client_search_changed_cb), self);
  g_signal_connect (self->client_popover, "show", G_CALLBACK (on_client_popover_shown_cb), self);
}

static gboolean
editable_has_input (GtkEditable *editable)
{
  g_autofree char *text = affari_card_dup_text (editable);

  return affari_card_is_dirty (editable) && *text != '\0';
}

/* Whether the user put anything into a deal not created yet. */
static gboolean
new_deal_has_input (AffariDealCard *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->comments_view);

  return editable_has_input (GTK_EDITABLE (self->title_row)) ||
         editable_has_input (GTK_EDITABLE (self->amount_row)) ||
         editable_has_input (GTK_EDITABLE (self->begin_date_row)) ||
         editable_has_input (GTK_EDITABLE (self->close_date_row)) ||
         editable_has_input (GTK_EDITABLE (self->source_description_row)) ||
         (self->comments_dirty && gtk_text_buffer_get_char_count (buffer) > 0) ||
         affari_deal_get_company_id (self->deal) != 0 ||
         self->contacts->len > 0 ||
         affari_deal_card_fields_has_unsaved (self->fields_group);
}

/* Saves whatever is typed but not applied yet into the deal shown; FALSE when something stays
 * unsaved (invalid text, a product row without a name…), which then shows why. */
static gboolean
apply_pending (AffariDealCard *self)
{
  gboolean ok = TRUE;

  if (deal_id (self) == 0)
    return FALSE;

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
  if (self->probability_source != 0)
    {
      g_clear_handle_id (&self->probability_source, g_source_remove);
      on_probability_timeout_cb (self);
    }
  ok = affari_deal_card_fields_apply_pending (self->fields_group) && ok;
  if (affari_deal_card_products_has_unsaved (self->products_page))
    {
      gtk_widget_activate_action (GTK_WIDGET (self->products_page), "products.save", NULL);
      ok = !affari_deal_card_products_has_unsaved (self->products_page) && ok;
    }
  return ok;
}

/* Throws away what was typed and not saved: the card shows the stored deal again. */
static void
discard_pending (AffariDealCard *self)
{
  g_clear_handle_id (&self->probability_source, g_source_remove);
  affari_card_set_field_error (GTK_WIDGET (self->title_row), self->title_error, NULL);
  affari_card_set_field_error (GTK_WIDGET (self->amount_row), self->amount_error, NULL);
  affari_card_set_field_error (GTK_WIDGET (self->begin_date_row), self->begin_date_error, NULL);
  affari_card_set_field_error (GTK_WIDGET (self->close_date_row), self->close_date_error, NULL);
  show_save_error (self, NULL);
  affari_deal_card_fields_discard (self->fields_group);
  affari_deal_card_products_discard (self->products_page);
  if (deal_id (self) == 0)
    {
      g_clear_pointer (&self->new_company_name, g_free);
      g_ptr_array_set_size (self->contacts, 0);
      affari_deal_set_company_id (self->deal, 0);
      affari_deal_set_comments (self->deal, NULL);
      affari_deal_set_title (self->deal, NULL);
      affari_deal_set_amount (self->deal, 0);
    }
  refresh (self, TRUE);
}

static void close_after_checks (AffariDealCard *self);

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        AffariDealCard   *self)
{
  gint64 next = self->pending_open_id;

  self->pending_open_id = 0;
  if (!g_str_equal (response, "discard"))
    return;
  discard_pending (self);
  /* The user was opening another deal: show it now instead of closing. */
  if (next != 0)
    affari_deal_card_load (self, next, NULL);
  else
    close_after_checks (self);
}

static void
ask_discard (AffariDealCard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean is_new = deal_id (self) == 0;
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       is_new ? _("Discard the New Deal?") : _("Discard Unsaved Changes?"),
                                                       is_new ? _("The deal has not been created yet: if you close the card, what you typed is lost.")
                                                              : _("Some fields hold text that is not valid, so it was not saved. Keep editing to correct it, or discard it.")));
  adw_message_dialog_add_response (dialog, "keep", _("_Keep Editing"));
  adw_message_dialog_add_response (dialog, "discard", _("_Discard"));
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Closes, or first suggests planning the next activity of an open deal that has none. */
static void
close_after_checks (AffariDealCard *self)
{
  g_autoptr(GPtrArray) activities = NULL;
  AdwMessageDialog *dialog;
  GtkRoot *root;
  gboolean planned = FALSE;

  if (deal_id (self) != 0 && !affari_deal_get_closed (self->deal) &&
      !g_hash_table_contains (self->not_now, &(gint64) { deal_id (self) }))
    {
      activities = affari_store_list_activities (self->store, deal_id (self), NULL);
      for (guint i = 0; activities != NULL && i < activities->len; i++)
        if (!affari_activity_get_completed (g_ptr_array_index (activities, i)))
          planned = TRUE;

      if (activities != NULL && !planned)
        {
          /* As Bitrix24 does: an open deal without a next step is easily forgotten. */
          root = gtk_widget_get_root (GTK_WIDGET (self));
          dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                               _("No Activity Planned"),
                                                               _("Plan the next call, meeting or task, so that this deal is not forgotten.")));
          adw_message_dialog_add_response (dialog, "later", _("_Not Now"));
          adw_message_dialog_add_response (dialog, "plan", _("_Plan Activity"));
          adw_message_dialog_set_response_appearance (dialog, "plan", ADW_RESPONSE_SUGGESTED);
          adw_message_dialog_set_default_response (dialog, "plan");
          adw_message_dialog_set_close_response (dialog, "cancel");
          g_signal_connect_object (dialog, "response", G_CALLBACK (on_plan_response_cb), self, 0);
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }
    }

  g_signal_emit (self, signals[CLOSED], 0);
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_deal_card_new (void)
{
  return g_object_new (AFFARI_TYPE_DEAL_CARD, NULL);
}

static GtkStringList *
pairs_model (GPtrArray *pairs)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("None"));
  for (guint i = 1; pairs != NULL && i < pairs->len; i += 2)
    gtk_string_list_append (list, g_ptr_array_index (pairs, i));
  return list;
}

void
affari_deal_card_set_store (AffariDealCard *self,
                            AffariStore    *store)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD (self));
  g_return_if_fail (AFFARI_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  g_signal_connect (store, "deal-changed", G_CALLBACK (on_store_deal_changed_cb), self);
  g_signal_connect (store, "reset", G_CALLBACK (on_store_reset_cb), self);
  g_signal_connect (store, "stages-changed", G_CALLBACK (on_store_stages_changed_cb), self);
  g_signal_connect (store, "settings-changed", G_CALLBACK (on_store_settings_changed_cb), self);
  load_lists (self);
}

/* The team, deal types and sources of the combo rows, as the store has them now. */
static void
load_lists (AffariDealCard *self)
{
  AffariStore *store = self->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) team = g_list_store_new (AFFARI_TYPE_TEAM_MEMBER);
  g_autoptr(GtkStringList) types = NULL;
  g_autoptr(GtkStringList) sources = NULL;
  g_autoptr(GtkStringList) currencies = NULL;

  self->lists_dirty = FALSE;

  g_clear_pointer (&self->team, g_ptr_array_unref);
  g_clear_pointer (&self->types, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  self->team = affari_store_list_team (store, &error);
  if (self->team == NULL)
    {
      g_warning ("Cannot list the team: %s", error->message);
      g_clear_error (&error);
      self->team = g_ptr_array_new_with_free_func (g_object_unref);
    }
  self->types = affari_store_list_deal_types (store, &error);
  if (self->types == NULL)
    g_clear_error (&error);
  self->sources = affari_store_list_sources (store, &error);
  if (self->sources == NULL)
    g_clear_error (&error);

  g_list_store_splice (team, 0, 0, self->team->pdata, self->team->len);
  types = pairs_model (self->types);
  sources = pairs_model (self->sources);

  {
    g_autoptr(GPtrArray) in_use = affari_store_list_currencies (store, NULL);

    if (in_use != NULL && in_use->len > 0)
      {
        g_ptr_array_set_size (self->currency_codes, 0);
        for (guint i = 0; i < in_use->len; i++)
          g_ptr_array_add (self->currency_codes, g_strdup (((AffariCurrencyInfo *) g_ptr_array_index (in_use, i))->code));
      }
    g_ptr_array_add (self->currency_codes, NULL);
    currencies = gtk_string_list_new ((const char * const *) self->currency_codes->pdata);
    g_ptr_array_remove_index (self->currency_codes, self->currency_codes->len - 1);
  }

  self->loading = TRUE;
  adw_combo_row_set_model (self->responsible_row, G_LIST_MODEL (team));
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (types));
  adw_combo_row_set_model (self->source_row, G_LIST_MODEL (sources));
  gtk_drop_down_set_model (self->currency_dropdown, G_LIST_MODEL (currencies));
  self->loading = FALSE;
}

gboolean
affari_deal_card_load (AffariDealCard *self,
                       gint64          id,
                       GError        **error)
{
  g_autoptr(AffariDeal) deal = NULL;
  gboolean same;

  g_return_val_if_fail (AFFARI_IS_DEAL_CARD (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  deal = affari_store_get_deal (self->store, id, error);
  if (deal == NULL)
    return FALSE;

  /* Another deal replaces this one: what was typed here is saved first; what cannot be saved
   * (invalid text, a new deal not created yet) is never dropped without asking. */
  if (self->deal != NULL && deal_id (self) != id &&
      (deal_id (self) == 0 ? new_deal_has_input (self) : !apply_pending (self)))
    {
      self->pending_open_id = id;
      ask_discard (self);
      return TRUE;
    }
  same = deal_id (self) == id;
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_set_object (&self->deal, deal);
  load_stages (self, affari_deal_get_pipeline_id (deal));
  load_contacts (self);
  if (!same)
    {
      affari_card_set_field_error (GTK_WIDGET (self->title_row), self->title_error, NULL);
      affari_card_set_field_error (GTK_WIDGET (self->amount_row), self->amount_error, NULL);
      affari_card_set_field_error (GTK_WIDGET (self->begin_date_row), self->begin_date_error, NULL);
      affari_card_set_field_error (GTK_WIDGET (self->close_date_row), self->close_date_error, NULL);
      show_save_error (self, NULL);
    }
  set_pages (self);
  refresh (self, !same);
  return TRUE;
}

void
affari_deal_card_new_deal (AffariDealCard *self,
                           gint64          pipeline_id)
{
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autofree char *today = NULL;
  g_autofree char *next_week = NULL;
  g_autofree char *currency = NULL;

  g_return_if_fail (AFFARI_IS_DEAL_CARD (self));
  g_return_if_fail (self->store != NULL);

  /* The defaults the store would give, shown before the deal exists. */
  today = affari_date_today ();
  next_week = affari_date_add_days (today, 7);
  currency = affari_store_dup_base_currency (self->store);
  affari_deal_set_pipeline_id (deal, pipeline_id);
  affari_deal_set_stage_id (deal, affari_store_find_stage (self->store, pipeline_id, AFFARI_SEMANTICS_PROCESS));
  affari_deal_set_begin_date (deal, today);
  affari_deal_set_close_date (deal, next_week);
  affari_deal_set_currency (deal, currency);
  affari_deal_set_assigned_by_id (deal, affari_store_get_current_user (self->store));
  affari_deal_set_opened (deal, TRUE);
  affari_deal_set_probability (deal, -1);
  if (self->types != NULL && self->types->len > 0)
    affari_deal_set_type_id (deal, g_ptr_array_index (self->types, 0));
  if (self->sources != NULL && self->sources->len > 0)
    affari_deal_set_source_id (deal, g_ptr_array_index (self->sources, 0));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_pointer (&self->new_company_name, g_free);
  g_set_object (&self->deal, deal);
  load_stages (self, pipeline_id);
  load_contacts (self);
  affari_card_set_field_error (GTK_WIDGET (self->title_row), self->title_error, NULL);
  affari_card_set_field_error (GTK_WIDGET (self->amount_row), self->amount_error, NULL);
  show_save_error (self, NULL);
  set_pages (self);
  refresh (self, TRUE);
  adw_view_stack_set_visible_child_name (self->view_stack, "general");
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

gint64
affari_deal_card_get_deal_id (AffariDealCard *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_CARD (self), 0);

  return deal_id (self);
}

void
affari_deal_card_request_close (AffariDealCard *self)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD (self));

  /* What the user typed is saved, or the user decides to throw it away: never silently lost. */
  if (deal_id (self) == 0 ? new_deal_has_input (self) : !apply_pending (self))
    {
      ask_discard (self);
      return;
    }
  close_after_checks (self);
}
