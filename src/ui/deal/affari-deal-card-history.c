/* affari-deal-card-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-card"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/common/affari-ui.h"
#include "ui/deal/affari-deal-card-util.h"
#include "ui/deal/affari-deal-card-history.h"

struct _AffariDealCardHistory
{
  AdwBin               parent_instance;

  AffariWorkspace     *workspace;
  AffariDealOps           *ops;
  AffariDeal          *deal;
  GPtrArray           *day_groups;   /* AdwPreferencesGroup */
  guint                n_events;

  AdwPreferencesPage  *page;         /* the bin's child */

  /* template */
  AdwEntryRow         *comment_row;
  AdwActionRow        *comment_error;
};

G_DEFINE_FINAL_TYPE (AffariDealCardHistory, affari_deal_card_history, ADW_TYPE_BIN)

/* ------------------------------------------------------------ auxiliary */

const char *
affari_deal_card_history_kind_label (AffariEventType kind)
{
  switch (kind)
    {
    case AFFARI_EVENT_CREATED:
      return _("Created");
    case AFFARI_EVENT_FIELD:
      return _("Change");
    case AFFARI_EVENT_STAGE:
      return _("Stage");
    case AFFARI_EVENT_PIPELINE:
      return _("Pipeline");
    case AFFARI_EVENT_PRODUCT:
      return _("Products");
    case AFFARI_EVENT_ACTIVITY:
      return _("Activity");
    case AFFARI_EVENT_COMMENT:
      return _("Comment");
    case AFFARI_EVENT_CLOSED:
      return _("Closing");
    case AFFARI_EVENT_REOPENED:
      return _("Reopening");
    case AFFARI_EVENT_TRASHED:
      return _("Trash");
    case AFFARI_EVENT_RESTORED:
      return _("Restore");
    case AFFARI_EVENT_UNDONE:
      return _("Undo");
    default:
      return _("Change");
    }
}

static const char *
kind_icon (AffariEventType kind)
{
  switch (kind)
    {
    case AFFARI_EVENT_CREATED:
      return "document-new-symbolic";
    case AFFARI_EVENT_STAGE:
    case AFFARI_EVENT_PIPELINE:
      return "go-next-symbolic";
    case AFFARI_EVENT_PRODUCT:
      return "view-list-bullet-symbolic";
    case AFFARI_EVENT_ACTIVITY:
      return "alarm-symbolic";
    case AFFARI_EVENT_COMMENT:
      return "user-available-symbolic";
    case AFFARI_EVENT_CLOSED:
      return "emblem-ok-symbolic";
    case AFFARI_EVENT_REOPENED:
    case AFFARI_EVENT_UNDONE:
      return "edit-undo-symbolic";
    case AFFARI_EVENT_TRASHED:
    case AFFARI_EVENT_RESTORED:
      return "user-trash-symbolic";
    case AFFARI_EVENT_FIELD:
    default:
      return "document-edit-symbolic";
    }
}

static char *
day_title (GDateTime *day,
           GDateTime *today)
{
  int diff = g_date_time_get_day_of_year (today) - g_date_time_get_day_of_year (day);

  if (g_date_time_get_year (day) == g_date_time_get_year (today) && diff == 0)
    return g_strdup (_("Today"));
  if (g_date_time_get_year (day) == g_date_time_get_year (today) && diff == 1)
    return g_strdup (_("Yesterday"));
  /* "27 nov 2026", as the design asks */
  return g_date_time_format (day, "%e %b %Y");
}

static void
reload (AffariDealCardHistory *self)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (affari_workspace_now (self->workspace));
  AdwPreferencesGroup *group = NULL;
  char current_day[16] = "";

  for (guint i = 0; i < self->day_groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->day_groups, i));
  g_ptr_array_set_size (self->day_groups, 0);
  self->n_events = 0;

  if (self->deal == NULL || affari_deal_get_id (self->deal) == 0)
    return;
  events = affari_workspace_list_events (self->workspace, affari_deal_get_id (self->deal), &error);
  if (events == NULL)
    {
      g_warning ("Cannot list the history: %s", error->message);
      return;
    }

  for (guint i = 0; i < events->len; i++)
    {
      AffariEvent *event = g_ptr_array_index (events, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (affari_event_get_time (event));
      g_autofree char *day = g_date_time_format (when, "%Y-%m-%d");
      g_autofree char *time = g_date_time_format (when, "%H:%M");
      g_autofree char *subtitle = NULL;
      const char *author = affari_event_get_author_name (event);
      const char *text = affari_event_get_text (event);
      GtkWidget *row;

      if (g_strcmp0 (day, current_day) != 0)
        {
          g_autofree char *title = day_title (when, today);

          g_strlcpy (current_day, day, sizeof current_day);
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, g_strstrip (title));
          adw_preferences_page_add (self->page, group);
          g_ptr_array_add (self->day_groups, group);
        }

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     text != NULL && *text != '\0' ? text : affari_deal_card_history_kind_label (affari_event_get_kind (event)));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      /* Translators: under a history event: time · author · kind, "10:32 · Mario Rossi · Fase" */
      subtitle = g_strdup_printf (_("%s · %s · %s"), time,
                                  author != NULL && *author != '\0' ? author : _("Nobody"),
                                  affari_deal_card_history_kind_label (affari_event_get_kind (event)));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (kind_icon (affari_event_get_kind (event))));
      if (affari_event_get_kind (event) == AFFARI_EVENT_COMMENT)
        gtk_widget_add_css_class (row, "comment");
      if (affari_event_get_pinned (event))
        {
          GtkWidget *pin = gtk_image_new_from_icon_name ("view-pin-symbolic");

          gtk_widget_set_tooltip_text (pin, _("Pinned"));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), pin);
        }
      adw_preferences_group_add (group, row);
      self->n_events++;
    }
}

/* ------------------------------------------------------------ actions */

static void
comment_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AffariDealCardHistory *self = AFFARI_DEAL_CARD_HISTORY (widget);
  g_autofree char *text = affari_card_dup_text (GTK_EDITABLE (self->comment_row));
  g_autoptr(GError) error = NULL;

  if (self->deal == NULL || affari_deal_get_id (self->deal) == 0)
    return;
  if (!affari_deal_ops_add_comment (self->ops, affari_deal_get_id (self->deal), text, &error))
    {
      affari_card_set_field_error (GTK_WIDGET (self->comment_row), self->comment_error, error->message);
      return;
    }
  affari_card_set_field_error (GTK_WIDGET (self->comment_row), self->comment_error, NULL);
  affari_card_set_text (GTK_EDITABLE (self->comment_row), "");
  reload (self);
}

/* ------------------------------------------------------------ signal callbacks */

static void
on_comment_apply_cb (AdwEntryRow           *row,
                     AffariDealCardHistory *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "history.comment", NULL);
}

/* ------------------------------------------------------------ overrides */

static void
affari_deal_card_history_dispose (GObject *object)
{
  AffariDealCardHistory *self = AFFARI_DEAL_CARD_HISTORY (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_DEAL_CARD_HISTORY);

  g_clear_pointer (&self->day_groups, g_ptr_array_unref);
  g_clear_object (&self->deal);
  g_clear_object (&self->workspace);
  g_clear_object (&self->ops);

  G_OBJECT_CLASS (affari_deal_card_history_parent_class)->dispose (object);
}

static void
affari_deal_card_history_class_init (AffariDealCardHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_deal_card_history_dispose;

  gtk_widget_class_install_action (widget_class, "history.comment", NULL, comment_action);

  affari_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-deal-card-history.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardHistory, comment_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardHistory, comment_error);
  gtk_widget_class_bind_template_callback (widget_class, on_comment_apply_cb);
}

static void
affari_deal_card_history_init (AffariDealCardHistory *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a template child: AdwBin unparents its child itself, dispose_template would do it twice. */
  self->page = ADW_PREFERENCES_PAGE (adw_bin_get_child (ADW_BIN (self)));

  self->day_groups = g_ptr_array_new ();
}

/* ------------------------------------------------------------ public API */

void
affari_deal_card_history_set_deal (AffariDealCardHistory *self,
                                   AffariWorkspace       *workspace,
                                   AffariDeal            *deal)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_HISTORY (self));

  g_set_object (&self->workspace, workspace);
  g_set_object (&self->deal, deal);
  if (workspace != NULL)
    reload (self);
}

guint
affari_deal_card_history_get_n_events (AffariDealCardHistory *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_HISTORY (self), 0);

  return self->n_events;
}

void
affari_deal_card_history_set_ops (AffariDealCardHistory *self,
                                  AffariDealOps         *ops)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_HISTORY (self));

  g_set_object (&self->ops, ops);
}
