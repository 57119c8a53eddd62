/* affari-deal-card-activities.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-card"

#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-change-set.h"
#include "ui/common/affari-ui.h"
#include "ui/deal/affari-deal-card-util.h"
#include "ui/deal/affari-deal-card-activities.h"
#include "ui/deal/affari-deal-lists.h"

struct _AffariDealCardActivities
{
  AdwBin               parent_instance;

  AffariWorkspace     *workspace;
  AffariDeal          *deal;
  AffariDealLists     *lists;       /* the team */
  GPtrArray           *rows;        /* widgets in open_group / done_group */
  guint                n_open;

  /* template */
  AdwComboRow         *kind_row;
  AdwEntryRow         *subject_row;
  AdwActionRow        *subject_error;
  AdwEntryRow         *deadline_row;
  AdwActionRow        *deadline_error;
  AdwComboRow         *responsible_row;
  AdwEntryRow         *description_row;
  AdwPreferencesGroup *open_group;
  GtkWidget           *empty_state;
  AdwPreferencesGroup *done_group;
  GtkLabel            *error_label;
};

G_DEFINE_FINAL_TYPE (AffariDealCardActivities, affari_deal_card_activities, ADW_TYPE_BIN)

static const AffariActivityType kinds[] = {
  AFFARI_ACTIVITY_CALL, AFFARI_ACTIVITY_MEETING, AFFARI_ACTIVITY_TASK, AFFARI_ACTIVITY_EMAIL,
};

/* ------------------------------------------------------------ auxiliary */

static void
show_error (AffariDealCardActivities *self,
            const char               *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static const char *
kind_icon (AffariActivityType kind)
{
  switch (kind)
    {
    case AFFARI_ACTIVITY_CALL:
      return "call-start-symbolic";
    case AFFARI_ACTIVITY_MEETING:
      return "system-users-symbolic";
    case AFFARI_ACTIVITY_EMAIL:
      return "mail-unread-symbolic";
    case AFFARI_ACTIVITY_TASK:
    default:
      return "object-select-symbolic";
    }
}

static const char *
member_name (AffariDealCardActivities *self,
             gint64                    id)
{
  return self->lists != NULL ? affari_deal_lists_team_name (self->lists, id) : NULL;
}

static void
reset_form (AffariDealCardActivities *self)
{
  g_autofree char *deadline = affari_card_format_datetime (affari_activity_default_deadline (affari_workspace_now (self->workspace)));
  gint64 responsible = self->deal != NULL ? affari_deal_get_assigned_by_id (self->deal) : 0;

  if (responsible == 0)
    responsible = affari_workspace_get_current_user (self->workspace);
  affari_card_set_text (GTK_EDITABLE (self->subject_row), "");
  affari_card_set_text (GTK_EDITABLE (self->description_row), "");
  affari_card_set_text (GTK_EDITABLE (self->deadline_row), deadline);
  affari_card_set_field_error (GTK_WIDGET (self->subject_row), self->subject_error, NULL);
  affari_card_set_field_error (GTK_WIDGET (self->deadline_row), self->deadline_error, NULL);
  if (self->lists != NULL && affari_deal_lists_team_position (self->lists, responsible) != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (self->responsible_row, affari_deal_lists_team_position (self->lists, responsible));
}

static GtkWidget *
make_reschedule_button (AffariDealCardActivities *self,
                        AffariActivity           *activity);

static GtkWidget *
make_row (AffariDealCardActivities *self,
          AffariActivity           *activity,
          gint64                    now)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *delete_button;
  g_autofree char *deadline = affari_card_format_datetime (affari_activity_get_deadline (activity));
  g_autoptr(GString) subtitle = g_string_new (NULL);
  gboolean done = affari_activity_get_completed (activity);
  gboolean overdue = !done && affari_activity_get_deadline (activity) < now;
  const char *who = member_name (self, affari_activity_get_responsible_id (activity));
  gint64 id = affari_activity_get_id (activity);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), affari_activity_get_subject (activity));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (overdue)
    g_string_append_printf (subtitle, "%s · ", _("Overdue"));
  g_string_append_printf (subtitle, "%s · %s", affari_activity_type_label (affari_activity_get_kind (activity)), deadline);
  if (who != NULL)
    g_string_append_printf (subtitle, " · %s", who);
  if (affari_activity_get_description (activity) != NULL && *affari_activity_get_description (activity) != '\0')
    g_string_append_printf (subtitle, "\n%s", affari_activity_get_description (activity));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (kind_icon (affari_activity_get_kind (activity))));
  if (overdue)
    gtk_widget_add_css_class (row, "overdue");
  if (done)
    gtk_widget_add_css_class (row, "done");

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), done);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (check), "activity.complete");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (check), "(xxb)", affari_deal_get_id (self->deal), id, !done);
  gtk_widget_set_tooltip_text (check, done ? _("Mark as Not Done") : _("Mark as Done"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  done ? _("Mark as Not Done") : _("Mark as Done"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);

  if (!done)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_reschedule_button (self, activity));

  delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (delete_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete_button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete_button), "activity.delete");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (delete_button), "(xx)", affari_deal_get_id (self->deal), id);
  gtk_widget_set_tooltip_text (delete_button, _("Delete the Activity"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Delete the Activity"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete_button);
  return row;
}

static void
on_reschedule_entry_activated_cb (GtkEntry *entry,
                                  gpointer  user_data)
{
  GtkWidget *button = g_object_get_data (G_OBJECT (entry), "button");

  gtk_widget_activate (button);
}

static void
on_reschedule_clicked_cb (GtkButton *button,
                          GtkEntry  *entry)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (entry), "activity-id"));
  g_autofree char *text = affari_card_dup_text (GTK_EDITABLE (entry));
  GtkWidget *popover = g_object_get_data (G_OBJECT (entry), "popover");

  gtk_widget_activate_action (GTK_WIDGET (entry), "card-activities.reschedule", "(xs)", id, text);
  if (popover != NULL && !gtk_widget_has_css_class (GTK_WIDGET (entry), "error"))
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static GtkWidget *
make_reschedule_button (AffariDealCardActivities *self,
                        AffariActivity           *activity)
{
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Reschedule"));
  GtkWidget *label = gtk_label_new (_("New deadline"));
  g_autofree char *deadline = affari_card_format_datetime (affari_activity_get_deadline (activity));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_editable_set_text (GTK_EDITABLE (entry), deadline);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("New deadline"), -1);
  g_object_set_data (G_OBJECT (entry), "activity-id", GSIZE_TO_POINTER ((gsize) affari_activity_get_id (activity)));
  g_object_set_data (G_OBJECT (entry), "button", button);
  g_object_set_data (G_OBJECT (entry), "popover", popover);
  g_signal_connect (entry, "activate", G_CALLBACK (on_reschedule_entry_activated_cb), NULL);
  g_signal_connect (button, "clicked", G_CALLBACK (on_reschedule_clicked_cb), entry);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), button);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "document-open-recent-symbolic");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_tooltip_text (menu_button, _("Reschedule"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reschedule"), -1);
  return menu_button;
}

static void
reload (AffariDealCardActivities *self)
{
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = affari_workspace_now (self->workspace);
  guint n_done = 0;

  for (guint i = 0; i < self->rows->len; i++)
    affari_card_group_remove (g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  self->n_open = 0;

  if (self->deal != NULL && affari_deal_get_id (self->deal) != 0)
    activities = affari_workspace_list_activities (self->workspace, affari_deal_get_id (self->deal), &error);
  if (error != NULL)
    show_error (self, error->message);

  for (guint i = 0; activities != NULL && i < activities->len; i++)
    {
      AffariActivity *activity = g_ptr_array_index (activities, i);
      GtkWidget *row = make_row (self, activity, now);

      if (affari_activity_get_completed (activity))
        {
          affari_card_group_add (self->done_group, row);
          n_done++;
        }
      else
        {
          affari_card_group_add (self->open_group, row);
          self->n_open++;
        }
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (self->empty_state, self->n_open == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->done_group), n_done > 0);
}

/* ------------------------------------------------------------ actions */

static void
plan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AffariDealCardActivities *self = AFFARI_DEAL_CARD_ACTIVITIES (widget);
  g_autofree char *subject = affari_card_dup_text (GTK_EDITABLE (self->subject_row));
  g_autofree char *deadline_text = affari_card_dup_text (GTK_EDITABLE (self->deadline_row));
  g_autofree char *description = affari_card_dup_text (GTK_EDITABLE (self->description_row));
  g_autoptr(AffariActivity) activity = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  AffariTeamMember *member = adw_combo_row_get_selected_item (self->responsible_row);
  guint kind_index = adw_combo_row_get_selected (self->kind_row);
  gint64 deadline = 0;
  gboolean ok = TRUE;

  if (self->deal == NULL || affari_deal_get_id (self->deal) == 0)
    return;

  if (*subject == '\0')
    {
      affari_card_set_field_error (GTK_WIDGET (self->subject_row), self->subject_error, _("Write what is to be done"));
      ok = FALSE;
    }
  else
    affari_card_set_field_error (GTK_WIDGET (self->subject_row), self->subject_error, NULL);

  if (!affari_card_parse_datetime (deadline_text, &deadline, &error))
    {
      affari_card_set_field_error (GTK_WIDGET (self->deadline_row), self->deadline_error, error->message);
      g_clear_error (&error);
      ok = FALSE;
    }
  else
    affari_card_set_field_error (GTK_WIDGET (self->deadline_row), self->deadline_error, NULL);
  if (!ok)
    return;

  /* The window's activity.plan: one transaction, one undo; the card reloads from the change. */
  gtk_widget_activate_action (GTK_WIDGET (self), "activity.plan", "(xisxsx)", affari_deal_get_id (self->deal),
                              (int) kinds[kind_index < G_N_ELEMENTS (kinds) ? kind_index : 0], subject, deadline,
                              description, member != NULL ? affari_team_member_get_id (member) : (gint64) 0);
  show_error (self, NULL);
  reset_form (self);
}

static void
reschedule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AffariDealCardActivities *self = AFFARI_DEAL_CARD_ACTIVITIES (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  const char *text = NULL;
  gint64 id = 0, deadline = 0;

  g_variant_get (parameter, "(x&s)", &id, &text);
  if (!affari_card_parse_datetime (text, &deadline, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  gtk_widget_activate_action (widget, "activity.set-deadline", "(xxx)", affari_deal_get_id (self->deal), id, deadline);
}

/* ------------------------------------------------------------ signal callbacks */

static void
on_plan_entry_activated_cb (AdwEntryRow              *row,
                            AffariDealCardActivities *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "card-activities.plan", NULL);
}

/* ------------------------------------------------------------ overrides */

static void
affari_deal_card_activities_dispose (GObject *object)
{
  AffariDealCardActivities *self = AFFARI_DEAL_CARD_ACTIVITIES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_DEAL_CARD_ACTIVITIES);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->lists);
  g_clear_object (&self->deal);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (affari_deal_card_activities_parent_class)->dispose (object);
}

static void
affari_deal_card_activities_class_init (AffariDealCardActivitiesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_deal_card_activities_dispose;

  gtk_widget_class_install_action (widget_class, "card-activities.plan", NULL, plan_action);
  gtk_widget_class_install_action (widget_class, "card-activities.reschedule", "(xs)", reschedule_action);

  affari_ui_ensure_resources ();
  g_type_ensure (AFFARI_TYPE_TEAM_MEMBER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-deal-card-activities.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardActivities, kind_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardActivities, subject_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardActivities, subject_error);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardActivities, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardActivities, deadline_error);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardActivities, responsible_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardActivities, description_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardActivities, open_group);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardActivities, empty_state);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardActivities, done_group);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardActivities, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_entry_activated_cb);
}

static void
affari_deal_card_activities_init (AffariDealCardActivities *self)
{
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (kind_names, affari_activity_type_label (kinds[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_names));

  affari_card_track_edits (GTK_EDITABLE (self->subject_row));
  affari_card_track_edits (GTK_EDITABLE (self->deadline_row));
  affari_card_track_edits (GTK_EDITABLE (self->description_row));
}

/* ------------------------------------------------------------ public API */

void
affari_deal_card_activities_set_deal (AffariDealCardActivities *self,
                                      AffariWorkspace          *workspace,
                                      AffariDeal               *deal)
{
  gboolean same_deal;

  g_return_if_fail (AFFARI_IS_DEAL_CARD_ACTIVITIES (self));

  same_deal = self->deal != NULL && deal != NULL && affari_deal_get_id (self->deal) == affari_deal_get_id (deal);
  g_set_object (&self->workspace, workspace);
  g_set_object (&self->deal, deal);

  if (self->lists == NULL && workspace != NULL)
    {
      self->lists = affari_deal_lists_new (workspace);
      adw_combo_row_set_model (self->responsible_row, affari_deal_lists_get_team (self->lists));
    }

  /* A half-written activity survives a refresh of the same deal. */
  if (!same_deal || (!affari_card_is_dirty (GTK_EDITABLE (self->subject_row)) &&
                     !affari_card_is_dirty (GTK_EDITABLE (self->deadline_row))))
    reset_form (self);
  if (workspace != NULL)
    reload (self);
}

void
affari_deal_card_activities_focus_plan (AffariDealCardActivities *self)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_ACTIVITIES (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->subject_row));
}

guint
affari_deal_card_activities_get_n_open (AffariDealCardActivities *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_ACTIVITIES (self), 0);

  return self->n_open;
}
