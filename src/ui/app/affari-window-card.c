/* affari-window-card.c — the window hosts the deal card: built the first time a deal is
 * opened, slid in over the views; new deals (the card, or the quick dialog)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/board/affari-kanban-column.h"
#include "ui/deal/affari-new-deal-dialog.h"
#include "ui/app/affari-window-private.h"

static void
on_new_deal_dialog_deal_created_cb (AffariNewDealDialog *dialog,
                                    AffariDeal          *deal,
                                    AffariWindow        *self)
{
  /* Its toast is the operation's ("Affare … creato", with "Annulla"). Show the pipeline the deal
   * went into. */
  affari_window_set_pipeline_id (self, affari_deal_get_pipeline_id (deal));
}


static void on_deal_card_closed_cb  (AffariDealCard *card,
                                     AffariWindow   *self);
static void on_deal_card_created_cb (AffariDealCard *card,
                                     gint64          deal_id,
                                     AffariWindow   *self);

/* The card is a big editor: built when the first deal is opened, kept for the next ones. */
AffariDealCard *
_affari_window_ensure_deal_card (AffariWindow *self)
{
  if (self->deal_card == NULL)
    {
      self->deal_card = g_object_new (AFFARI_TYPE_DEAL_CARD, NULL);
      gtk_scrolled_window_set_child (self->card_scroller, GTK_WIDGET (self->deal_card));
      affari_deal_card_set_workspace (self->deal_card, self->workspace);
      affari_deal_card_set_ops (self->deal_card, self->ops);
      g_signal_connect (self->deal_card, "closed", G_CALLBACK (on_deal_card_closed_cb), self);
      g_signal_connect (self->deal_card, "created", G_CALLBACK (on_deal_card_created_cb), self);
    }

  return self->deal_card;
}

/* The keyboard focus goes back where the card was opened from: the deal's Kanban card (in the
 * column of its stage now: it may have moved, and the widget it was opened from with it), or the
 * list row. */
static void
give_focus_back (AffariWindow *self)
{
  g_autoptr(GtkWidget) from = affari_deal_card_dup_opened_from (self->deal_card);
  g_autoptr(AffariDeal) deal = NULL;
  gint64 id = affari_deal_card_get_deal_id (self->deal_card);
  AffariKanbanColumn *column = NULL;

  if (id != 0 && gtk_widget_get_mapped (GTK_WIDGET (self->kanban_board)) &&
      (from == NULL || gtk_widget_is_ancestor (from, GTK_WIDGET (self->kanban_board))) &&
      (deal = affari_workspace_get_deal (self->workspace, id, NULL)) != NULL)
    column = affari_kanban_board_find_column (self->kanban_board, affari_deal_get_stage_id (deal));
  if (column != NULL)
    {
      if (!affari_kanban_column_focus_deal (column, id))
        affari_kanban_column_focus_deal_soon (column, id);
    }
  else if (from != NULL && gtk_widget_get_mapped (from))
    gtk_widget_grab_focus (from);
}

static void
set_card_revealed (AffariWindow *self,
                   gboolean      revealed)
{
  AffariDealCard *card = _affari_window_ensure_deal_card (self);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* A new opening: remember what had the focus (not when another deal replaces the one shown). */
  if (revealed && !adw_flap_get_reveal_flap (self->card_flap))
    affari_deal_card_opened (card, focus != NULL && !gtk_widget_is_ancestor (focus, GTK_WIDGET (card)) ? focus : NULL);
  adw_flap_set_reveal_flap (self->card_flap, revealed);
  /* Narrow, the card is a page of its own: the header says so and has the way back. */
  _affari_window_update_header (self);
  /* Esc closes the card only while there is one. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-deal", revealed);
  if (revealed)
    gtk_widget_grab_focus (GTK_WIDGET (card));
  else
    give_focus_back (self);
}

static void
on_deal_card_closed_cb (AffariDealCard *card,
                        AffariWindow   *self)
{
  set_card_revealed (self, FALSE);
}

static void
on_deal_card_created_cb (AffariDealCard *card,
                         gint64          deal_id,
                         AffariWindow   *self)
{
  g_autoptr(AffariDeal) deal = affari_workspace_get_deal (self->workspace, deal_id, NULL);

  if (deal != NULL)
    on_new_deal_dialog_deal_created_cb (NULL, deal, self);
}

static void
open_deal_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  /* The next card replaces the one shown, without closing first. */
  if (!affari_deal_card_load (_affari_window_ensure_deal_card (self), g_variant_get_int64 (parameter), &error))
    {
      affari_window_add_toast (self, error->message);
      return;
    }
  set_card_revealed (self, TRUE);
}

static void
new_deal_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  gint64 pipeline_id = _affari_window_selected_pipeline_id (self);

  if (pipeline_id == 0)
    pipeline_id = affari_workspace_get_default_pipeline_id (self->workspace);

  affari_deal_card_new_deal (_affari_window_ensure_deal_card (self), pipeline_id);
  set_card_revealed (self, TRUE);
}

static void
close_deal_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);

  if (adw_flap_get_reveal_flap (self->card_flap) && self->deal_card != NULL)
    affari_deal_card_request_close (self->deal_card);
}

static void
new_deal_quick_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  AffariNewDealDialog *dialog;
  gint64 pipeline_id = _affari_window_selected_pipeline_id (self);

  if (pipeline_id == 0)
    pipeline_id = affari_workspace_get_default_pipeline_id (self->workspace);

  dialog = affari_new_deal_dialog_new (GTK_WINDOW (self), self->workspace, self->ops, pipeline_id);
  g_signal_connect_object (dialog, "deal-created",
                           G_CALLBACK (on_new_deal_dialog_deal_created_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_affari_window_card_changed_elsewhere (AffariWindow    *self,
                                       AffariChangeSet *set)
{
  gint64 author = affari_change_set_get_author (set);
  g_autoptr(AffariTeamMember) member = NULL;
  g_autofree char *message = NULL;
  gint64 deal_id;

  if (author == 0 || self->deal_card == NULL || !adw_flap_get_reveal_flap (self->card_flap))
    return;
  deal_id = affari_deal_card_get_deal_id (self->deal_card);
  if (deal_id == 0 || affari_change_set_find (set, deal_id) == NULL)
    return;

  /* The same person in another window (or a script of theirs) is not named as someone else. */
  if (author > 0 && author != affari_workspace_get_current_user (self->workspace))
    member = affari_workspace_get_team_member (self->workspace, author, NULL);
  if (member != NULL)
    /* Translators: a toast over the open deal card; %s is the person who changed the deal. */
    message = g_strdup_printf (_("Changed by %s"), affari_team_member_get_name (member));
  else
    message = g_strdup (_("Changed in another window"));
  affari_window_add_toast (self, message);
}

/* ------------------------------------------------------------ init */

void
_affari_window_class_card_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-deal", NULL, new_deal_action);
  gtk_widget_class_install_action (widget_class, "win.new-deal-quick", NULL, new_deal_quick_action);
  gtk_widget_class_install_action (widget_class, "deal.open", "x", open_deal_action);
  gtk_widget_class_install_action (widget_class, "win.close-deal", NULL, close_deal_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.close-deal", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-deal", NULL);
}
