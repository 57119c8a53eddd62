/* affari-window-actions.c — one named action per user operation on deals, installed once
 *
 * Every view (drag and drop, menus, shortcuts, keyboard twins) and the tests change deals by
 * activating these; each goes through the deal operations layer (src/ops), so that a change
 * made in any view is one transaction, has one toast, and is undone by the same Ctrl+Z:
 *
 *   deal.open            (x)     shows the deal's card
 *   deal.move            (axxi)  deals, stage, index among the stage's deals (-1 = bottom); asks
 *                                the reason for a lost stage and before reopening closed deals
 *   deal.move-by         (axi)   deals, stages forward (+1) or back (-1) from the first one's
 *   deal.reopen          (ax)
 *   deal.trash           (ax)
 *   deal.restore         (ax)
 *   deal.set-responsible (axx)   deals, team member (0 = nobody)
 *   deal.move-to-pipeline (axx)  deals, pipeline
 *   deal.set-date        (xis)   deal, AffariCalendarField, "YYYY-MM-DD" (the calendar's drag)
 *   activity.reschedule  (axi)   deals, AffariActivityPeriod: their next activity moves there
 *   activity.plan        (xisxsx) deal, AffariActivityType, subject, deadline (Unix seconds),
 *                                description ("" = none), responsible (0 = nobody)
 *   activity.complete    (xxb)   deal, activity, done (FALSE: open again)
 *   activity.delete      (xx)    deal, activity
 *   activity.set-deadline (xxx)  deal, activity, deadline (Unix seconds)
 *   win.undo, win.redo           Ctrl+Z, Ctrl+Shift+Z (and the toast's "Annulla")
 *   win.toast            (s)     a message over the content (every view's toasts go through it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/app/affari-window-private.h"

/* ------------------------------------------------------------ auxiliary */

/* What the person asked last (an action and its parameter): when another program holds the
 * database, the toast's "Riprova" asks it again. */
static void
remember_action (AffariWindow *self,
                 const char   *action_name,
                 GVariant     *parameter)
{
  g_free (self->retry_action);
  self->retry_action = g_strdup (action_name);
  g_clear_pointer (&self->retry_parameter, g_variant_unref);
  self->retry_parameter = parameter != NULL ? g_variant_ref (parameter) : NULL;
}

static void
show_error (AffariWindow *self,
            const GError *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* The window never waits for a lock: the change is not made, the cards stay where they were,
   * and the same request can be made again once the other program lets go (or, in team mode, once
   * the server is back: the store's own sentence says it was not saved). */
  if ((g_error_matches (error, AFFARI_ERROR, AFFARI_ERROR_LOCKED) ||
       g_error_matches (error, AFFARI_ERROR, AFFARI_ERROR_OFFLINE)) && self->retry_action != NULL)
    {
      adw_toast_set_button_label (toast, _("_Retry"));
      adw_toast_set_action_name (toast, self->retry_action);
      adw_toast_set_action_target_value (toast, self->retry_parameter);
      adw_toast_set_timeout (toast, 0);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static GArray *
ids_from_variant (GVariant *ids)
{
  gsize n = 0;
  const gint64 *data = g_variant_get_fixed_array (ids, &n, sizeof (gint64));
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

  g_array_append_vals (array, data, n);
  return array;
}

/* The toast of a change comes one frame after the change is painted: building it and sliding it
 * in would double the work of the frame that shows the deals in their new places. */
static void
on_toast_after_paint_cb (GdkFrameClock *clock,
                         AffariWindow  *self)
{
  AdwToast *toast = g_object_steal_data (G_OBJECT (self), "affari-pending-toast");

  g_signal_handlers_disconnect_by_func (clock, on_toast_after_paint_cb, self);
  if (toast != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_ops_done_cb (AffariDealOps     *ops,
                AffariChangeSet   *set,
                AffariDealOpsStep  step,
                AffariWindow      *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  const char *label = affari_change_set_get_label (set);
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (label == NULL)
    return;

  if (step != AFFARI_DEAL_OPS_DONE)
    /* Translators: a toast after Ctrl+Z; %s says what was undone ("Affare spostato in In corso"). */
    text = g_strdup_printf (step == AFFARI_DEAL_OPS_UNDONE ? _("Undone: %s") : _("Redone: %s"), label);
  escaped = g_markup_escape_text (text != NULL ? text : label, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (step == AFFARI_DEAL_OPS_DONE && affari_deal_ops_can_undo (ops))
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }

  if (clock == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  /* A newer change replaces a toast not shown yet. */
  if (g_object_get_data (G_OBJECT (self), "affari-pending-toast") == NULL)
    g_signal_connect (clock, "after-paint", G_CALLBACK (on_toast_after_paint_cb), self);
  g_object_set_data_full (G_OBJECT (self), "affari-pending-toast", toast, g_object_unref);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static void
on_ops_history_changed_cb (AffariDealOps *ops,
                           GParamSpec    *pspec,
                           AffariWindow  *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", affari_deal_ops_can_undo (ops));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", affari_deal_ops_can_redo (ops));
}

/* ------------------------------------------------------------ moves */

typedef struct {
  AffariWindow *window;
  GArray       *ids;
  gint64        stage_id;
  int           index;
  GtkEditable  *reason;       /* the lost reason's entry, or NULL */
} MoveRequest;

static void
move_request_free (gpointer  data,
                   GClosure *closure)
{
  MoveRequest *request = data;

  g_clear_object (&request->window);
  g_clear_pointer (&request->ids, g_array_unref);
  g_free (request);
}

static void
perform_move (AffariWindow *self,
              GArray       *ids,
              gint64        stage_id,
              int           index,
              const char    *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;

  set = affari_deal_ops_move (self->ops, (const gint64 *) ids->data, ids->len, stage_id, index, reason, &error);
  if (set == NULL)
    show_error (self, error);
}

static void
on_move_dialog_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            MoveRequest      *request)
{
  g_autofree char *reason = NULL;

  if (g_strcmp0 (response, "move") != 0)
    return;
  if (request->reason != NULL)
    reason = g_strstrip (g_strdup (gtk_editable_get_text (request->reason)));
  perform_move (request->window, request->ids, request->stage_id, request->index,
                reason != NULL && *reason != '\0' ? reason : NULL);
}

/* One dialog for every view: why deals are lost (optional reason), or whether closed deals may
 * be reopened. */
static void
ask_before_move (AffariWindow *self,
                 GArray       *ids,
                 AffariStage  *stage,
                 int           index,
                 guint         n_reopened)
{
  MoveRequest *request = g_new0 (MoveRequest, 1);
  gboolean losing = affari_stage_get_semantics (stage) == AFFARI_SEMANTICS_FAILURE;
  GtkWidget *dialog;

  if (losing)
    {
      GtkWidget *entry = gtk_entry_new ();

      dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                       g_dngettext (GETTEXT_PACKAGE, "Why Was the Deal Lost?", "Why Were the Deals Lost?", ids->len),
                                       NULL);
      /* Translators: %s is the name of a lost stage, "Affare perso". */
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("The deal goes to “%s” and is closed. The reason, if you give one, is kept in its history."),
                                      affari_stage_get_name (stage));
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason (optional)"));
      gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
      request->reason = GTK_EDITABLE (entry);
    }
  else
    {
      g_autofree char *body = NULL;

      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Reopen Closed Deals?"), NULL);
      /* Translators: %u closed deals (won or lost) are reopened by the move; %s is a stage. */
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u closed deal will be reopened and moved to “%s”.",
                                           "%u closed deals will be reopened and moved to “%s”.", n_reopened),
                              n_reopened, affari_stage_get_name (stage));
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
    }

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "move", _("_Move"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move",
                                              losing ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "move");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  request->window = g_object_ref (self);
  request->ids = g_array_ref (ids);
  request->stage_id = affari_stage_get_id (stage);
  request->index = index;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_move_dialog_response_cb), request, move_request_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  if (request->reason != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (request->reason));
}

static void
request_move (AffariWindow *self,
              GArray       *ids,
              gint64        stage_id,
              int           index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariStage) stage = affari_workspace_get_stage (self->workspace, stage_id, &error);
  gboolean newly_lost = FALSE;
  guint n_reopened;

  if (stage == NULL)
    {
      show_error (self, error);
      return;
    }

  /* Reordering a lost column asks nothing: only deals that are lost now. */
  if (affari_stage_get_semantics (stage) == AFFARI_SEMANTICS_FAILURE)
    for (guint i = 0; i < ids->len && !newly_lost; i++)
      {
        g_autoptr(AffariDeal) deal = affari_workspace_get_deal (self->workspace, g_array_index (ids, gint64, i), NULL);

        newly_lost = deal != NULL && affari_deal_get_stage_id (deal) != stage_id;
      }

  /* One deal dragged back from a closed stage is reopened as asked; among several, the closed
   * ones may have come along unnoticed: asked first. */
  n_reopened = ids->len > 1 ? affari_deal_ops_count_reopened (self->ops, (const gint64 *) ids->data, ids->len, stage_id) : 0;
  if (newly_lost || n_reopened > 0)
    ask_before_move (self, ids, stage, index, n_reopened);
  else
    perform_move (self, ids, stage_id, index, NULL);
}

static void
deal_move_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_autoptr(GVariant) ids_variant = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 stage_id;
  int index;

  g_variant_get (parameter, "(@axxi)", &ids_variant, &stage_id, &index);
  ids = ids_from_variant (ids_variant);
  request_move (AFFARI_WINDOW (widget), ids, stage_id, index);
}

static void
deal_move_by_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  g_autoptr(GVariant) ids_variant = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 stage_id;
  int delta;

  g_variant_get (parameter, "(@axi)", &ids_variant, &delta);
  ids = ids_from_variant (ids_variant);
  if (ids->len == 0)
    return;
  stage_id = affari_deal_ops_stage_by (self->ops, g_array_index (ids, gint64, 0), delta);
  if (stage_id != 0)
    request_move (self, ids, stage_id, 0);
}

/* ------------------------------------------------------------ other operations */

typedef AffariChangeSet * (*IdsOp) (AffariDealOps *ops, const gint64 *ids, guint n_ids, GError **error);
typedef AffariChangeSet * (*IdsTargetOp) (AffariDealOps *ops, const gint64 *ids, guint n_ids, gint64 target,
                                          GError **error);

static void
run_ids_op (AffariWindow *self,
            GVariant     *ids_variant,
            IdsOp         op,
            IdsTargetOp   target_op,
            gint64        target)
{
  g_autoptr(GArray) ids = ids_from_variant (ids_variant);
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;

  if (op != NULL)
    set = op (self->ops, (const gint64 *) ids->data, ids->len, &error);
  else
    set = target_op (self->ops, (const gint64 *) ids->data, ids->len, target, &error);
  if (set == NULL)
    show_error (self, error);
}

static void
deal_reopen_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  run_ids_op (AFFARI_WINDOW (widget), parameter, affari_deal_ops_reopen, NULL, 0);
}

static void
deal_trash_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  run_ids_op (AFFARI_WINDOW (widget), parameter, affari_deal_ops_trash, NULL, 0);
}

static void
deal_restore_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  run_ids_op (AFFARI_WINDOW (widget), parameter, affari_deal_ops_restore, NULL, 0);
}

static void
deal_set_responsible_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_autoptr(GVariant) ids = NULL;
  gint64 target;

  g_variant_get (parameter, "(@axx)", &ids, &target);
  run_ids_op (AFFARI_WINDOW (widget), ids, NULL, affari_deal_ops_set_responsible, target);
}

static void
deal_move_to_pipeline_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_autoptr(GVariant) ids = NULL;
  gint64 target;

  g_variant_get (parameter, "(@axx)", &ids, &target);
  run_ids_op (AFFARI_WINDOW (widget), ids, NULL, affari_deal_ops_move_to_pipeline, target);
}

static void
deal_set_date_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  g_autoptr(AffariDeal) deal = NULL;
  g_autofree char *old = NULL;
  const char *date;
  gint64 deal_id;
  int field;

  g_variant_get (parameter, "(xi&s)", &deal_id, &field, &date);
  deal = affari_workspace_get_deal (self->workspace, deal_id, NULL);
  old = deal != NULL ? affari_calendar_field_date (deal, field) : NULL;
  /* Dropped on the day it is on already: nothing changes, nothing to undo. */
  if (deal != NULL && g_strcmp0 (old, date) == 0 && field != AFFARI_CALENDAR_DATE_CREATE)
    return;
  set = affari_deal_ops_set_date (self->ops, deal_id, field, date, &error);
  if (set == NULL)
    show_error (self, error);
}

static void
activity_reschedule_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  g_autoptr(GVariant) ids_variant = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  int period;

  g_variant_get (parameter, "(@axi)", &ids_variant, &period);
  ids = ids_from_variant (ids_variant);
  if (period == AFFARI_ACTIVITY_PERIOD_NONE)
    {
      /* An activity leaves the plan by being done or deleted, not by a drag. */
      affari_window_add_toast (self, _("A deal moves to “No Activity” when its activities are done: open the deal to mark them"));
      return;
    }
  set = affari_deal_ops_reschedule_next (self->ops, (const gint64 *) ids->data, ids->len, period, &error);
  if (set == NULL)
    show_error (self, error);
}

static void
activity_plan_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  g_autoptr(AffariActivity) activity = NULL;
  const char *subject, *description;
  gint64 deal_id, deadline, responsible;
  int kind;

  g_variant_get (parameter, "(xi&sx&sx)", &deal_id, &kind, &subject, &deadline, &description, &responsible);
  activity = affari_activity_new ((AffariActivityType) kind, subject, deadline);
  g_object_set (activity,
                "description", *description != '\0' ? description : NULL,
                "responsible-id", responsible,
                NULL);
  set = affari_deal_ops_add_activity (self->ops, deal_id, activity, &error);
  if (set == NULL)
    show_error (self, error);
}

static void
activity_complete_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  gint64 deal_id, activity_id;
  gboolean done;

  g_variant_get (parameter, "(xxb)", &deal_id, &activity_id, &done);
  set = affari_deal_ops_complete_activity (self->ops, deal_id, activity_id, done, &error);
  if (set == NULL)
    show_error (self, error);
}

static void
activity_delete_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  gint64 deal_id, activity_id;

  g_variant_get (parameter, "(xx)", &deal_id, &activity_id);
  set = affari_deal_ops_delete_activity (self->ops, deal_id, activity_id, &error);
  if (set == NULL)
    show_error (self, error);
}

static void
activity_set_deadline_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  gint64 deal_id, activity_id, deadline;

  g_variant_get (parameter, "(xxx)", &deal_id, &activity_id, &deadline);
  set = affari_deal_ops_reschedule_activity (self->ops, deal_id, activity_id, deadline, &error);
  if (set == NULL)
    show_error (self, error);
}

static void
toast_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  affari_window_add_toast (AFFARI_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
undo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!affari_deal_ops_undo (self->ops, &error))
    show_error (self, error);
}

static void
redo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!affari_deal_ops_redo (self->ops, &error))
    show_error (self, error);
}

/* ------------------------------------------------------------ init */

/* The actions that change deals: each is remembered as it is asked (the toast's "Riprova" asks
 * it again when another program held the database), then performed. */
static const struct {
  const char *name;
  const char *type;
  GtkWidgetActionActivateFunc activate;
} change_actions[] = {
  { "deal.move", "(axxi)", deal_move_action },
  { "deal.move-by", "(axi)", deal_move_by_action },
  { "deal.reopen", "ax", deal_reopen_action },
  { "deal.trash", "ax", deal_trash_action },
  { "deal.restore", "ax", deal_restore_action },
  { "deal.set-responsible", "(axx)", deal_set_responsible_action },
  { "deal.move-to-pipeline", "(axx)", deal_move_to_pipeline_action },
  { "deal.set-date", "(xis)", deal_set_date_action },
  { "activity.reschedule", "(axi)", activity_reschedule_action },
  { "activity.plan", "(xisxsx)", activity_plan_action },
  { "activity.complete", "(xxb)", activity_complete_action },
  { "activity.delete", "(xx)", activity_delete_action },
  { "activity.set-deadline", "(xxx)", activity_set_deadline_action },
};

static void
change_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  remember_action (AFFARI_WINDOW (widget), action_name, parameter);
  for (guint i = 0; i < G_N_ELEMENTS (change_actions); i++)
    if (g_str_equal (change_actions[i].name, action_name))
      change_actions[i].activate (widget, action_name, parameter);
}

void
_affari_window_class_actions_init (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (change_actions); i++)
    gtk_widget_class_install_action (widget_class, change_actions[i].name, change_actions[i].type, change_action);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);

  /* Bubbling: a text field that has the focus undoes its own typing first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
}

void
_affari_window_actions_init (AffariWindow *self)
{
  self->ops = affari_workspace_new_deal_ops (self->workspace);
  g_signal_connect_object (self->ops, "done", G_CALLBACK (on_ops_done_cb), self, 0);
  g_signal_connect_object (self->ops, "notify::can-undo", G_CALLBACK (on_ops_history_changed_cb), self, 0);
  g_signal_connect_object (self->ops, "notify::can-redo", G_CALLBACK (on_ops_history_changed_cb), self, 0);
  on_ops_history_changed_cb (self->ops, NULL, self);
}
