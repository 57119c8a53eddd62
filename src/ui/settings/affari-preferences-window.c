/* affari-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/settings/affari-preferences-window.h"
#include "ui/settings/affari-rights-page.h"
#include "ui/settings/affari-settings-card-layout.h"
#include "ui/settings/affari-settings-fields.h"
#include "ui/settings/affari-settings-lists.h"
#include "ui/settings/affari-settings-pipeline-editor.h"
#include "ui/settings/affari-settings-pipelines.h"
#include "ui/settings/affari-server-page.h"
#include "ui/app/affari-server-choice.h"
#include "ui/quote/affari-quote-company-group.h"

struct _AffariPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AffariWorkspace      *workspace;
  GListStore           *team;
  gboolean              filling;

  /* template */
  AdwComboRow          *user_row;
  AdwActionRow         *path_row;
  AffariQuoteCompanyGroup *company_group;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (AffariPreferencesWindow, affari_preferences_window, ADW_TYPE_PREFERENCES_WINDOW,
                               G_IMPLEMENT_INTERFACE (AFFARI_TYPE_SERVER_CHOICE, NULL))

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ auxiliary */

static void
add_toast (AffariPreferencesWindow *self,
           const char              *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
}

static void
fill_team (AffariPreferencesWindow *self)
{
  g_autoptr(GPtrArray) team = NULL;
  g_autoptr(GError) error = NULL;
  gint64 current;
  guint selected = GTK_INVALID_LIST_POSITION;

  team = affari_workspace_list_team (self->workspace, &error);
  if (team == NULL)
    {
      add_toast (self, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->user_row), FALSE);
      return;
    }

  current = affari_workspace_get_current_user (self->workspace);
  for (guint i = 0; i < team->len; i++)
    if (affari_team_member_get_id (g_ptr_array_index (team, i)) == current)
      selected = i;

  self->filling = TRUE;
  g_list_store_splice (self->team, 0, g_list_model_get_n_items (G_LIST_MODEL (self->team)),
                       team->pdata, team->len);
  adw_combo_row_set_selected (self->user_row, selected);
  self->filling = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->user_row), team->len > 0);
}

/* ------------------------------------------------------------ callbacks */

static void
on_user_row_selected_changed_cb (AdwComboRow             *row,
                                 GParamSpec              *pspec,
                                 AffariPreferencesWindow *self)
{
  AffariTeamMember *member = adw_combo_row_get_selected_item (row);
  g_autoptr(GError) error = NULL;

  if (self->filling || member == NULL)
    return;

  if (affari_team_member_get_id (member) == affari_workspace_get_current_user (self->workspace))
    return;

  if (!affari_workspace_set_current_user (self->workspace, affari_team_member_get_id (member), &error))
    {
      add_toast (self, error->message);
      fill_team (self);
    }
}

/* ------------------------------------------------------------ actions */

static void
copy_path_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AffariPreferencesWindow *self = AFFARI_PREFERENCES_WINDOW (widget);
  const char *path = affari_workspace_get_path (self->workspace);
  g_autofree char *display = NULL;

  if (path == NULL)
    return;

  display = g_filename_display_name (path);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), display);
  add_toast (self, _("Path copied"));
}

/* The pages and subpages ask the window for what only it can do, through these actions: they
 * never reach up for it. */
static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  add_toast (AFFARI_PREFERENCES_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
close_subpage_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (widget));
}

static void
open_subpage_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AffariPreferencesWindow *self = AFFARI_PREFERENCES_WINDOW (widget);
  gint64 pipeline_id = g_variant_get_int64 (parameter);
  GtkWidget *subpage;

  if (g_str_equal (action_name, "prefs.open-card-layout"))
    subpage = affari_settings_card_layout_new (self->workspace, pipeline_id);
  else
    subpage = affari_settings_pipeline_editor_new (self->workspace, pipeline_id);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (self), subpage);
}

/* ------------------------------------------------------------ overrides */

static void
affari_preferences_window_constructed (GObject *object)
{
  AffariPreferencesWindow *self = AFFARI_PREFERENCES_WINDOW (object);
  const char *path;

  G_OBJECT_CLASS (affari_preferences_window_parent_class)->constructed (object);

  fill_team (self);
  affari_quote_company_group_set_workspace (self->company_group, self->workspace);
  g_signal_connect (self->user_row, "notify::selected",
                    G_CALLBACK (on_user_row_selected_changed_cb), self);
  /* People added or renamed on the Lists page: "You Are" follows at once. */
  g_signal_connect_swapped (self->workspace, "settings-changed::team", G_CALLBACK (fill_team), self);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (affari_settings_pipelines_new (self->workspace)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (affari_settings_fields_new (self->workspace)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (affari_settings_lists_new (self->workspace)));
  {
    g_autofree char *local_path = affari_workspace_is_server (self->workspace)
                                    ? affari_workspace_default_path ()
                                    : g_strdup (affari_workspace_get_path (self->workspace));
    GtkWidget *server_page = affari_server_page_new (self->workspace, local_path);

    /* Its choice goes on to the application, which switches the database. */
    affari_server_choice_forward (AFFARI_SERVER_CHOICE (server_page), AFFARI_SERVER_CHOICE (self));
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (server_page));
  }
  /* Access rights are the team server's: nothing to show on the embedded database. */
  if (affari_workspace_is_server (self->workspace))
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (affari_rights_page_new (self->workspace)));

  path = affari_workspace_get_path (self->workspace);
  /* On a server the file is this computer's copy of what the login may read, not the data. */
  if (affari_workspace_is_server (self->workspace))
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->path_row), _("Local Copy of the Server's Data"));
  if (path != NULL && g_strcmp0 (path, ":memory:") != 0)
    {
      g_autofree char *display = g_filename_display_name (path);
      adw_action_row_set_subtitle (self->path_row, display);
    }
  else
    {
      adw_action_row_set_subtitle (self->path_row, _("In memory only: nothing is saved"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.copy-path", FALSE);
    }
}

static void
affari_preferences_window_dispose (GObject *object)
{
  AffariPreferencesWindow *self = AFFARI_PREFERENCES_WINDOW (object);

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->team);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (affari_preferences_window_parent_class)->dispose (object);
}

static void
affari_preferences_window_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  AffariPreferencesWindow *self = AFFARI_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->workspace);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_preferences_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  AffariPreferencesWindow *self = AFFARI_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->workspace = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_preferences_window_class_init (AffariPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = affari_preferences_window_constructed;
  object_class->dispose = affari_preferences_window_dispose;
  object_class->get_property = affari_preferences_window_get_property;
  object_class->set_property = affari_preferences_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("workspace", NULL, NULL,
                         AFFARI_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (AFFARI_TYPE_QUOTE_COMPANY_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/affari/Affari/ui/affari-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariPreferencesWindow, user_row);
  gtk_widget_class_bind_template_child (widget_class, AffariPreferencesWindow, path_row);
  gtk_widget_class_bind_template_child (widget_class, AffariPreferencesWindow, company_group);

  gtk_widget_class_install_action (widget_class, "prefs.copy-path", NULL, copy_path_action);
  gtk_widget_class_install_action (widget_class, "prefs.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "prefs.close-subpage", NULL, close_subpage_action);
  gtk_widget_class_install_action (widget_class, "prefs.open-pipeline", "x", open_subpage_action);
  gtk_widget_class_install_action (widget_class, "prefs.open-card-layout", "x", open_subpage_action);
}

static void
affari_preferences_window_init (AffariPreferencesWindow *self)
{
  g_autoptr(GtkExpression) name = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->team = g_list_store_new (AFFARI_TYPE_TEAM_MEMBER);
  name = gtk_property_expression_new (AFFARI_TYPE_TEAM_MEMBER, NULL, "name");
  adw_combo_row_set_expression (self->user_row, name);
  adw_combo_row_set_model (self->user_row, G_LIST_MODEL (self->team));
}

/* ------------------------------------------------------------ public API */

AffariPreferencesWindow *
affari_preferences_window_new (GtkWindow   *parent,
                               AffariWorkspace *workspace)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (workspace), NULL);

  return g_object_new (AFFARI_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "workspace", workspace,
                       NULL);
}
