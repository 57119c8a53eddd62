/* affari-deal-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-card"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "model/affari-change-set.h"
#include "model/affari-money.h"

#include "ui/deal/affari-deal-card.h"
#include "ui/deal/affari-deal-card-private.h"
#include "ui/deal/affari-deal-card-narrow.h"
#include "ui/deal/affari-deal-card-activities.h"
#include "ui/deal/affari-deal-card-dialogs.h"
#include "ui/deal/affari-deal-card-general.h"
#include "ui/deal/affari-deal-card-history.h"
#include "ui/deal/affari-deal-card-lead.h"
#include "ui/deal/affari-deal-card-products.h"
#include "ui/deal/affari-deal-card-recurrence.h"
#include "ui/deal/affari-deal-card-util.h"
#include "ui/deal/affari-deal-stage-bar.h"
#include "ui/common/affari-ui.h"

struct _AffariDealCard
{
  GtkBox                    parent_instance;

  AffariWorkspace          *workspace;
  AffariDealOps            *ops;           /* the window's: every change of the deal shown */
  AffariDeal               *deal;          /* as stored, or the new deal not created yet */
  gint64                    pending_open_id; /* another deal to show once the user decided */
  gboolean                  asked_plan;    /* about the next activity, in this opening */
  GWeakRef                  opened_from;   /* what had the keyboard focus before the card opened */
  GPtrArray                *stages;        /* AffariStage of the deal's pipeline */
  gint64                    stages_pipeline;
  guint                     reload_source;
  gboolean                  loading;
  gboolean                  lists_dirty;   /* Preferenze changed the lists of the general page */

  /* template */
  GtkButton                *create_button;
  GtkMenuButton            *menu_button;
  GtkEditableLabel         *title_label;
  GtkLabel                 *amount_label;
  GtkLabel                 *amount_origin_label;
  GtkLabel                 *closed_label;
  GtkButton                *reopen_button;
  AffariDealStageBar       *stage_bar;
  AdwViewStack             *view_stack;
  AffariDealCardGeneral    *general_page;
  AffariDealCardProducts   *products_page;
  AffariDealCardActivities *activities_page;
  AffariDealCardHistory    *history_page;
  AffariDealCardRecurrence *recurrence_page;
  AffariDealCardLead       *lead_page;
  gboolean                  is_lead;
  AffariCardNarrow         *narrow;        /* the layout below 600 px */
};

G_DEFINE_FINAL_TYPE (AffariDealCard, affari_deal_card, GTK_TYPE_BOX)

enum {
  CLOSED,
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
  affari_deal_card_general_show_error (self->general_page, message);
}

/* What the user typed into a deal not created yet: fields, clients, product rows. */
static gboolean
new_has_input (AffariDealCard *self)
{
  return affari_deal_card_general_has_input (self->general_page) ||
         affari_deal_card_products_get_n_rows (self->products_page) > 0;
}

static void
load_stages (AffariDealCard *self,
             gint64          pipeline_id)
{
  g_autoptr(GError) error = NULL;

  if (self->stages != NULL && self->stages_pipeline == pipeline_id && pipeline_id != 0)
    return;

  g_clear_pointer (&self->stages, g_ptr_array_unref);
  self->stages = affari_workspace_list_stages (self->workspace, pipeline_id, &error);
  if (self->stages == NULL)
    {
      g_warning ("Cannot list the stages: %s", error->message);
      self->stages = g_ptr_array_new_with_free_func (g_object_unref);
    }
  self->stages_pipeline = pipeline_id;
  affari_deal_card_general_set_stages (self->general_page, self->stages);
  affari_deal_stage_bar_set_stages (self->stage_bar, self->stages);
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
  const char *code = affari_deal_get_currency (deal) != NULL ? affari_deal_get_currency (deal) : "EUR";
  gboolean exists = deal_id (self) != 0;
  guint n_rows;

  self->loading = TRUE;

  if (!gtk_editable_label_get_editing (self->title_label))
    gtk_editable_set_text (GTK_EDITABLE (self->title_label),
                           affari_deal_get_title (deal) != NULL && *affari_deal_get_title (deal) != '\0'
                           ? affari_deal_get_title (deal) : affari_deal_card_untitled (self->workspace, self->deal));

  amount = affari_money_format (affari_deal_get_amount (deal), code);
  gtk_label_set_text (self->amount_label, amount);
  n_rows = affari_deal_card_products_get_n_rows (self->products_page);
  if (n_rows > 0 && !affari_deal_get_is_manual_amount (deal))
    gtk_label_set_text (self->amount_origin_label, _("computed from the products"));
  else if (n_rows > 0)
    gtk_label_set_text (self->amount_origin_label, _("typed by hand"));
  else
    gtk_label_set_text (self->amount_origin_label, "");

  gtk_widget_set_visible (GTK_WIDGET (self->closed_label), exists && affari_deal_get_closed (deal));
  gtk_widget_set_visible (GTK_WIDGET (self->reopen_button), exists && affari_deal_get_closed (deal));
  gtk_widget_remove_css_class (GTK_WIDGET (self->closed_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->closed_label), "error");
  if (affari_deal_get_semantics (deal) == AFFARI_SEMANTICS_SUCCESS)
    {
      gtk_label_set_text (self->closed_label, affari_deal_card_closed_text (self->workspace, self->deal, self->stages, _("Won")));
      gtk_widget_add_css_class (GTK_WIDGET (self->closed_label), "success");
    }
  else if (affari_deal_get_semantics (deal) == AFFARI_SEMANTICS_FAILURE)
    {
      gtk_label_set_text (self->closed_label, affari_deal_card_closed_text (self->workspace, self->deal, self->stages, _("Lost")));
      gtk_widget_add_css_class (GTK_WIDGET (self->closed_label), "error");
    }
  affari_deal_stage_bar_set_current (self->stage_bar, affari_deal_get_stage_id (deal));
  affari_card_narrow_show_current_stage (self->narrow);

  affari_deal_card_general_refresh (self->general_page, force);

  gtk_widget_set_visible (GTK_WIDGET (self->create_button), !exists);
  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), exists);
  /* A new deal has its fields and products; activities and history come once it exists. */
  adw_view_stack_page_set_visible (adw_view_stack_get_page (self->view_stack, GTK_WIDGET (self->activities_page)), exists);
  adw_view_stack_page_set_visible (adw_view_stack_get_page (self->view_stack, GTK_WIDGET (self->history_page)), exists);
  /* A lead is not repeated: its regular business is the deal it becomes. */
  adw_view_stack_page_set_visible (adw_view_stack_get_page (self->view_stack, GTK_WIDGET (self->recurrence_page)),
                                   exists && !self->is_lead);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stage_bar), !affari_deal_get_is_recurring (deal)); /* its deals start in the first stage */
  update_actions (self);

  self->loading = FALSE;
}

static void
set_pages (AffariDealCard *self,
           gboolean        reload_contacts)
{
  affari_deal_card_products_set_deal (self->products_page, self->workspace, self->deal);
  affari_deal_card_activities_set_deal (self->activities_page, self->workspace, self->deal);
  affari_deal_card_history_set_deal (self->history_page, self->workspace, self->deal);
  affari_deal_card_general_set_deal (self->general_page, self->deal, reload_contacts);
  affari_deal_card_recurrence_set_deal (self->recurrence_page, self->deal);
  /* A lead shows the person and company typed in, on a page of their own. */
  self->is_lead = affari_deal_card_lead_set_deal (self->lead_page, self->deal);
  affari_deal_stage_bar_set_finish_label (self->stage_bar, self->is_lead ? _("Close Lead") : NULL);
  adw_view_stack_page_set_visible (adw_view_stack_get_page (self->view_stack, GTK_WIDGET (self->lead_page)), self->is_lead);
  if (self->is_lead)
    adw_view_stack_page_set_visible (adw_view_stack_get_page (self->view_stack, GTK_WIDGET (self->recurrence_page)), FALSE);
}

static gboolean
on_reload_idle_cb (gpointer user_data)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (user_data);
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(GError) error = NULL;

  self->reload_source = 0;
  if (self->lists_dirty)
    {
      self->lists_dirty = FALSE;
      affari_deal_card_general_reload_lists (self->general_page);
    }
  if (deal_id (self) == 0)
    {
      /* A deal not created yet: its stages and layout may have been edited in Preferenze. */
      load_stages (self, affari_deal_get_pipeline_id (self->deal));
      set_pages (self, FALSE);
      refresh (self, FALSE);
      return G_SOURCE_REMOVE;
    }

  deal = affari_workspace_get_deal (self->workspace, deal_id (self), &error);
  if (deal == NULL)
    {
      g_warning ("Cannot reload deal %" G_GINT64_FORMAT ": %s", deal_id (self), error->message);
      return G_SOURCE_REMOVE;
    }
  g_set_object (&self->deal, deal);
  /* Moved to another pipeline, or its stages edited: the stages follow. */
  load_stages (self, affari_deal_get_pipeline_id (deal));
  set_pages (self, TRUE);
  refresh (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* Contacts, custom fields and product rows typed before the deal existed go in its transaction. */
static void
fill_created_cb (gint64   deal_id,
                 gpointer data)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (data);

  affari_deal_card_general_deal_created (self->general_page);
  affari_deal_card_products_deal_created (self->products_page, deal_id);
}

/* One change on the window's history: Ctrl+Z puts the new deal in the trash. */
static gboolean
card_create_deal (AffariDealCard  *self,
                  GError         **error)
{
  g_autoptr(AffariChangeSet) set = affari_deal_ops_create (self->ops, self->deal, fill_created_cb, self, error);

  return set != NULL;
}

/* One deal id, as the window's deal.* actions take them. */
static GVariant *
deal_id_variant (AffariDealCard *self)
{
  gint64 id = deal_id (self);

  return g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, &id, 1, sizeof (gint64));
}

/* Moves go through the window's deal.move, as on the board (one transaction, its toast, Ctrl+Z);
 * a close the card's own dialog asked about (won, or lost with its reason) goes to the
 * operations directly, so that the window does not ask the reason a second time. */
static void
move_to (AffariDealCard *self,
         gint64          stage_id,
         gboolean        asked,
         const char     *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  gint64 id = deal_id (self);

  if (id == 0)
    {
      AffariStage *stage = affari_deal_card_find_stage (self->stages, stage_id);

      /* A new deal starts in progress; closing comes once it exists. */
      if (stage != NULL && affari_stage_get_semantics (stage) == AFFARI_SEMANTICS_PROCESS)
        affari_deal_set_stage_id (self->deal, stage_id);
      refresh (self, FALSE);
      return;
    }
  if (stage_id == affari_deal_get_stage_id (self->deal) && (reason == NULL || *reason == '\0'))
    return;
  show_save_error (self, NULL);
  if (!asked)
    gtk_widget_activate_action (GTK_WIDGET (self), "deal.move", "(@axxi)", deal_id_variant (self), stage_id, 0);
  else
    {
      g_return_if_fail (self->ops != NULL);
      set = affari_deal_ops_move (self->ops, &id, 1, stage_id, 0, reason, &error);
      if (set == NULL)
        show_save_error (self, error->message);
    }
  /* At once, not on idle: the stored stage, whether the move was made, refused, or waits for
   * the window's question. */
  g_clear_handle_id (&self->reload_source, g_source_remove);
  on_reload_idle_cb (self);
}

/* ------------------------------------------------------------ signal callbacks */

static void
queue_reload (AffariDealCard *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_reload_idle_cb, self, NULL);
}

static void
on_workspace_changed_cb (AffariWorkspace *workspace,
                     AffariChangeSet *set,
                     AffariDealCard  *self)
{
  const AffariDealChange *change = deal_id (self) != 0 ? affari_change_set_find (set, deal_id (self)) : NULL;

  if (change == NULL)
    return;
  if (change->new_stage_id == 0)
    {
      /* Trashed (here, or in another view): a card cannot show a deal that is not live. */
      if (change->old_stage_id != 0)
        g_signal_emit (self, signals[CLOSED], 0);
      return;
    }
  queue_reload (self);
}

static void
on_workspace_stages_changed_cb (AffariWorkspace    *workspace,
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
on_workspace_settings_changed_cb (AffariWorkspace    *workspace,
                              gint64          pipeline_id,
                              AffariDealCard *self)
{
  /* Cheap enough to reload all that Preferenze can change; the layout moves rows only when it differs. */
  self->lists_dirty = TRUE;
  queue_reload (self);
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
    affari_deal_card_general_save_title (self->general_page, text);
  if (self->deal != NULL && affari_deal_get_title (self->deal) == NULL)
    gtk_editable_set_text (GTK_EDITABLE (label), affari_deal_card_untitled (self->workspace, self->deal));
}

static void
on_general_stage_chosen_cb (AffariDealCardGeneral *general,
                            gint64                 stage_id,
                            AffariDealCard        *self)
{
  AffariStage *stage = affari_deal_card_find_stage (self->stages, stage_id);

  /* Closing is a decision: won, or lost in which stage and why — as the stage bar asks. */
  if (deal_id (self) != 0 && stage != NULL && affari_stage_get_semantics (stage) != AFFARI_SEMANTICS_PROCESS &&
      stage_id != affari_deal_get_stage_id (self->deal))
    {
      ask_finish (self, stage_id);
      return;
    }
  move_to (self, stage_id, FALSE, NULL);
}

static void
on_page_changed_cb (GtkWidget      *page,
                    AffariDealCard *self)
{
  refresh (self, FALSE);
}

static void
on_finish_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       AffariDealCard   *self)
{
  GtkEditable *reason_entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *reason = affari_card_dup_text (reason_entry);
  gint64 stage_id;

  stage_id = affari_deal_card_finish_response_stage (response, self->workspace, affari_deal_get_pipeline_id (self->deal));

  if (stage_id != 0)
    move_to (self, stage_id, TRUE, *reason != '\0' ? reason : NULL);
  else
    refresh (self, FALSE); /* cancelled: the stage dropdown shows the stage the deal is in */
}

static void
on_plan_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     AffariDealCard   *self)
{
  /* "Non ora" (or Esc): closed, and not asked again until the card is opened again. */
  if (g_str_equal (response, "later"))
    g_signal_emit (self, signals[CLOSED], 0);
  else if (g_str_equal (response, "plan"))
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "activities");
      affari_deal_card_activities_focus_plan (self->activities_page);
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
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (deal_id (self) != 0 || !affari_deal_card_general_prepare_new (self->general_page) ||
      !affari_deal_card_products_prepare_new (self->products_page))
    return;
  if (!card_create_deal (self, &error))
    {
      show_save_error (self, error->message);
      return;
    }
  id = affari_deal_get_id (self->deal);
  affari_deal_card_load (self, id, NULL);
  g_signal_emit (self, signals[CREATED], 0, id);
}

static void
move_to_pipeline (AffariDealCard *self,
                  gint64          pipeline_id)
{
  if (deal_id (self) == 0 || pipeline_id == affari_deal_get_pipeline_id (self->deal))
    return;
  /* Typed text is saved first: it belongs to the deal wherever it goes. */
  apply_pending (self);
  gtk_widget_activate_action (GTK_WIDGET (self), "deal.move-to-pipeline", "(@axx)",
                              deal_id_variant (self), pipeline_id);
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
  gint64 pipeline_id = affari_deal_card_pipeline_dialog_get_chosen (dialog, response);

  if (pipeline_id != 0)
    move_to_pipeline (self, pipeline_id);
}

/* "Sposta in pipeline": which pipeline; the stage follows by semantics. */
static void
choose_pipeline_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (widget);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  if (deal_id (self) == 0)
    return;
  dialog = affari_deal_card_pipeline_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->workspace,
                                                 affari_deal_get_pipeline_id (self->deal), &error);
  if (dialog == NULL)
    {
      show_save_error (self, error->message);
      return;
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_choose_pipeline_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
move_to_stage_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  move_to (AFFARI_DEAL_CARD (widget), g_variant_get_int64 (parameter), FALSE, NULL);
}

/* Asks won or which lost stage, and a reason; @chosen_stage_id (a won or lost stage picked in the
 * dropdown, or 0) is the answer offered by default. */
static void
ask_finish (AffariDealCard *self,
            gint64          chosen_stage_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  if (deal_id (self) == 0)
    return;

  dialog = affari_deal_card_finish_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                self->stages, chosen_stage_id);

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
  /* Back to the stage the deal was in before it was closed. */
  if (deal_id (AFFARI_DEAL_CARD (widget)) != 0)
    gtk_widget_activate_action (widget, "deal.reopen", "@ax", deal_id_variant (AFFARI_DEAL_CARD (widget)));
}

static void
clear_probability_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  affari_deal_card_general_clear_probability (AFFARI_DEAL_CARD (widget)->general_page);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (widget);

  /* The window's deal.trash: its toast offers "Annulla", Ctrl+Z restores; the workspace's change
   * closes the card (on_workspace_changed_cb). */
  if (deal_id (self) != 0)
    gtk_widget_activate_action (widget, "deal.trash", "@ax", deal_id_variant (self));
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
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

/* Esc in a field being edited takes it back (stored value refilled, custom fields too); else closes. */
static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  AffariDealCard *self = AFFARI_DEAL_CARD (widget);
  for (GtkWidget *w = root != NULL ? gtk_root_get_focus (root) : NULL; w != NULL && w != widget; w = gtk_widget_get_parent (w))
    if (GTK_IS_EDITABLE (w) && affari_card_is_dirty (GTK_EDITABLE (w)))
      {
        affari_card_set_clean (GTK_EDITABLE (w));
        affari_deal_card_general_set_deal (self->general_page, self->deal, FALSE);
        refresh (self, FALSE);
        return TRUE;
      }
  affari_deal_card_request_close (self);
  return TRUE;
}

/* ------------------------------------------------------------ overrides */

/* The focus goes to the title (not the header's editable label: GTK 4.8 trips over its controllers),
 * but on a phone to the way back when the deal exists: no keyboard pops up over a deal being read. */
static gboolean
affari_deal_card_grab_focus (GtkWidget *widget)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (widget);

  if (deal_id (self) != 0 && affari_card_narrow_grab_focus (self->narrow))
    return TRUE;
  adw_view_stack_set_visible_child_name (self->view_stack, "general");
  affari_deal_card_general_focus_title (self->general_page);
  return TRUE;
}

static gboolean
affari_deal_card_focus (GtkWidget        *widget,
                        GtkDirectionType  direction)
{
  return affari_card_focus_round (widget, direction, GTK_WIDGET_CLASS (affari_deal_card_parent_class));
}

static void
affari_deal_card_dispose (GObject *object)
{
  AffariDealCard *self = AFFARI_DEAL_CARD (object);

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_pointer (&self->narrow, affari_card_narrow_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_DEAL_CARD);

  g_weak_ref_set (&self->opened_from, NULL);
  g_clear_pointer (&self->stages, g_ptr_array_unref);
  g_clear_object (&self->deal);
  g_clear_object (&self->ops);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (affari_deal_card_parent_class)->dispose (object);
}

static void
affari_deal_card_class_init (AffariDealCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_deal_card_dispose;
  widget_class->grab_focus = affari_deal_card_grab_focus;
  widget_class->focus = affari_deal_card_focus;

  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  affari_ui_ensure_resources ();
  g_type_ensure (AFFARI_TYPE_DEAL_STAGE_BAR);
  g_type_ensure (AFFARI_TYPE_DEAL_CARD_PRODUCTS);
  g_type_ensure (AFFARI_TYPE_DEAL_CARD_ACTIVITIES);
  g_type_ensure (AFFARI_TYPE_DEAL_CARD_HISTORY);
  g_type_ensure (AFFARI_TYPE_DEAL_CARD_RECURRENCE);
  g_type_ensure (AFFARI_TYPE_DEAL_CARD_GENERAL);
  g_type_ensure (AFFARI_TYPE_DEAL_CARD_LEAD);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-deal-card.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, create_button);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, menu_button);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, amount_label);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, amount_origin_label);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, closed_label);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, stage_bar);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, general_page);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, products_page);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, activities_page);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, history_page);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, recurrence_page);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCard, lead_page);

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
  gtk_widget_class_install_action (widget_class, "card.show-page", "s", show_page_action);
  _affari_deal_card_class_client_actions_init (widget_class);
  affari_card_narrow_class_init (widget_class);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "card.create", NULL);
  /* As on the board: Delete moves the deal to the trash (entries keep Delete for their text). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "card.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "card.delete", NULL);
}

static void
affari_deal_card_init (AffariDealCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_weak_ref_init (&self->opened_from, NULL);
  self->deal = affari_deal_new ();
  self->narrow = affari_card_narrow_new (self);

  g_signal_connect (self->title_label, "notify::editing", G_CALLBACK (on_title_label_editing_changed_cb), self);
  /* A long title is cut with "…" (the tooltip and the title row show it whole): the panel's
   * width never depends on it. The label is the first page of the editable label's stack. */
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (self->title_label)); w != NULL; w = gtk_widget_get_first_child (w))
    if (GTK_IS_LABEL (w))
      gtk_label_set_ellipsize (GTK_LABEL (w), PANGO_ELLIPSIZE_END);
  g_signal_connect (self->general_page, "changed", G_CALLBACK (on_page_changed_cb), self);
  g_signal_connect (self->products_page, "changed", G_CALLBACK (on_page_changed_cb), self);
  g_signal_connect (self->general_page, "stage-chosen", G_CALLBACK (on_general_stage_chosen_cb), self);
}

/* Saves whatever is typed but not applied yet into the deal shown; FALSE when something stays
 * unsaved (invalid text, a product row without a name…), which then shows why. */
static gboolean
apply_pending (AffariDealCard *self)
{
  gboolean ok;

  if (deal_id (self) == 0)
    return FALSE;

  ok = affari_deal_card_general_apply_pending (self->general_page);
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
  affari_deal_card_general_discard (self->general_page);
  affari_deal_card_products_discard (self->products_page);
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
  AdwMessageDialog *dialog;

  dialog = affari_deal_card_discard_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, deal_id (self) == 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Closes, or first suggests planning the next activity of an open deal that has none. */
static void
close_after_checks (AffariDealCard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  /* Once per opening: a second close after "Pianifica" means the user chose not to. */
  if (deal_id (self) != 0 && !affari_deal_get_closed (self->deal) && !self->asked_plan &&
      !affari_deal_get_is_recurring (self->deal) && affari_deal_card_lacks_next_activity (self->workspace, deal_id (self)))
    {
      self->asked_plan = TRUE;
      dialog = affari_deal_card_plan_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_plan_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  g_signal_emit (self, signals[CLOSED], 0);
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_deal_card_new (void)
{
  return g_object_new (AFFARI_TYPE_DEAL_CARD, NULL);
}

void
affari_deal_card_set_workspace (AffariDealCard *self,
                            AffariWorkspace    *workspace)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD (self));
  g_return_if_fail (AFFARI_IS_WORKSPACE (workspace));

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_set_object (&self->workspace, workspace);
  g_signal_connect (workspace, "changed", G_CALLBACK (on_workspace_changed_cb), self);
  /* Another database: the deal shown (or the stages of a new one) read again. */
  g_signal_connect_swapped (workspace, "reset", G_CALLBACK (queue_reload), self);
  g_signal_connect (workspace, "stages-changed", G_CALLBACK (on_workspace_stages_changed_cb), self);
  g_signal_connect (workspace, "settings-changed", G_CALLBACK (on_workspace_settings_changed_cb), self);
  affari_deal_card_general_set_workspace (self->general_page, workspace);
}

void
affari_deal_card_set_ops (AffariDealCard *self,
                          AffariDealOps  *ops)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD (self));
  g_return_if_fail (AFFARI_IS_DEAL_OPS (ops));

  g_set_object (&self->ops, ops);
  affari_deal_card_general_set_ops (self->general_page, ops);
  affari_deal_card_products_set_ops (self->products_page, ops);
  affari_deal_card_history_set_ops (self->history_page, ops);
  affari_deal_card_recurrence_setup (self->recurrence_page, self->workspace, ops);
  affari_deal_card_lead_setup (self->lead_page, self->workspace, ops);
}

gboolean
affari_deal_card_load (AffariDealCard *self,
                       gint64          id,
                       GError        **error)
{
  g_autoptr(AffariDeal) deal = NULL;
  gboolean same;

  g_return_val_if_fail (AFFARI_IS_DEAL_CARD (self), FALSE);
  g_return_val_if_fail (self->workspace != NULL, FALSE);

  deal = affari_workspace_get_deal (self->workspace, id, error);
  if (deal == NULL)
    return FALSE;

  /* Another deal replaces this one: what was typed here is saved first; what cannot be saved
   * (invalid text, a new deal not created yet) is never dropped without asking. */
  if (self->deal != NULL && deal_id (self) != id &&
      (deal_id (self) == 0 ? new_has_input (self) : !apply_pending (self)))
    {
      self->pending_open_id = id;
      ask_discard (self);
      return TRUE;
    }
  same = deal_id (self) == id;
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_set_object (&self->deal, deal);
  load_stages (self, affari_deal_get_pipeline_id (deal));
  if (!same)
    {
      affari_deal_card_general_clear_errors (self->general_page);
      self->asked_plan = FALSE;
    }
  set_pages (self, TRUE);
  refresh (self, !same);
  return TRUE;
}

void
affari_deal_card_new_deal (AffariDealCard *self,
                           gint64          pipeline_id)
{
  g_autoptr(AffariDeal) deal = NULL;

  g_return_if_fail (AFFARI_IS_DEAL_CARD (self));
  g_return_if_fail (self->workspace != NULL);

  deal = affari_deal_card_new_deal_defaults (self->workspace, pipeline_id);
  affari_deal_card_general_fill_new_deal (self->general_page, deal);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_set_object (&self->deal, deal);
  load_stages (self, pipeline_id);
  affari_deal_card_general_clear_errors (self->general_page);
  set_pages (self, TRUE);
  refresh (self, TRUE);
  adw_view_stack_set_visible_child_name (self->view_stack, "general");
  affari_deal_card_general_focus_title (self->general_page);
}

AffariDealCardGeneral *
_affari_deal_card_get_general (AffariDealCard *self)
{
  return self->general_page;
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
  if (deal_id (self) == 0 ? new_has_input (self) : !apply_pending (self))
    {
      ask_discard (self);
      return;
    }
  close_after_checks (self);
}

void
affari_deal_card_opened (AffariDealCard *self,
                         GtkWidget      *from)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD (self));

  self->asked_plan = FALSE;
  affari_deal_card_products_opened (self->products_page);
  g_weak_ref_set (&self->opened_from, from);
}

GtkWidget *
affari_deal_card_dup_opened_from (AffariDealCard *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_CARD (self), NULL);

  return g_weak_ref_get (&self->opened_from);
}

void
affari_deal_card_set_narrow (AffariDealCard *self,
                             int             narrow)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD (self));

  affari_card_narrow_force (self->narrow, narrow);
}
