/* affari-rights-page.c — the "Permessi" page of Preferenze (team mode, #21)
 *
 * The rows are rebuilt from the server after every change: what the server wrote (and which
 * pipelines now follow the default) is shown, never a guess of the page's own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-rights-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/settings/affari-rights-page.h"
#include "ui/settings/affari-settings-util.h"

struct _AffariRightsPage
{
  AdwPreferencesPage   parent_instance;

  AffariWorkspace     *workspace;
  gboolean             admin;
  gboolean             filling;
  guint                refill_source;
  GPtrArray           *roles;          /* AffariAccessRole */
  GPtrArray           *rights;         /* AffariAccessRight */
  GPtrArray           *logins;         /* AffariAccessLogin */
  GPtrArray           *departments;    /* AffariAccessDepartment */
  GtkStringList       *role_names;
  GtkStringList       *scope_names;
  GPtrArray           *pipeline_groups; /* AdwPreferencesGroup, after role_group */
  GPtrArray           *user_rows;
  GPtrArray           *department_rows;

  /* template */
  AdwPreferencesGroup *role_group;
  AdwComboRow         *role_row;
  AdwActionRow        *add_role_row;
  AdwActionRow        *read_only_row;
  AdwPreferencesGroup *users_group;
  AdwPreferencesGroup *departments_group;
};

G_DEFINE_FINAL_TYPE (AffariRightsPage, affari_rights_page, ADW_TYPE_PREFERENCES_PAGE)

static void fill (AffariRightsPage *self);

/* ------------------------------------------------------------ auxiliary */

static void
toast_error (AffariRightsPage *self,
             GError           *error)
{
  affari_settings_toast (GTK_WIDGET (self), error->message);
}

static AffariAccessRole *
selected_role (AffariRightsPage *self)
{
  guint selected = adw_combo_row_get_selected (self->role_row);

  if (self->roles == NULL || selected >= self->roles->len)
    return NULL;
  return g_ptr_array_index (self->roles, selected);
}

static gboolean
refill_cb (gpointer data)
{
  AffariRightsPage *self = data;

  self->refill_source = 0;
  fill (self);
  return G_SOURCE_REMOVE;
}

/* Rebuilt on idle: the row whose signal asked for it is one of those rebuilt. */
static void
queue_refill (AffariRightsPage *self)
{
  affari_settings_queue (&self->refill_source, refill_cb, self);
}

/* After a combo row's write: read again what the server has, or say why it refused and put the
 * row back to @before. */
static void
written (AffariRightsPage *self,
         AdwComboRow      *row,
         guint             before,
         gboolean          ok,
         GError           *error)
{
  if (ok)
    {
      queue_refill (self);
      return;
    }
  toast_error (self, error);
  self->filling = TRUE;
  adw_combo_row_set_selected (row, before);
  self->filling = FALSE;
}

static void
on_scope_row_selected_changed_cb (AdwComboRow      *row,
                                  GParamSpec       *pspec,
                                  AffariRightsPage *self)
{
  g_autoptr(GError) error = NULL;
  AffariAccessRole *role = selected_role (self);
  const char *action = g_object_get_data (G_OBJECT (row), "affari-action");
  gint64 pipeline_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "affari-pipeline"));
  guint before = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "affari-scope"));
  guint selected = adw_combo_row_get_selected (row);
  gboolean ok;

  if (self->filling || role == NULL || selected == before || selected >= g_strv_length ((char **) affari_access_scopes))
    return;
  ok = affari_workspace_set_access_right (self->workspace, role->id, action, affari_access_scopes[selected],
                                          pipeline_id, &error);
  written (self, row, before, ok, error);
}

static GtkWidget *
scope_row_new (AffariRightsPage        *self,
               const AffariAccessRight *right)
{
  GtkWidget *row = adw_combo_row_new ();
  int scope = MAX (affari_access_scope_index (right->scope), 0);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), affari_access_action_label (right->action));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (self->scope_names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), (guint) scope);
  if (right->inherited)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("As all pipelines"));
  g_object_set_data_full (G_OBJECT (row), "affari-action", g_strdup (right->action), g_free);
  g_object_set_data (G_OBJECT (row), "affari-pipeline", GSIZE_TO_POINTER ((gsize) right->pipeline_id));
  g_object_set_data (G_OBJECT (row), "affari-scope", GUINT_TO_POINTER ((guint) scope));
  gtk_widget_set_sensitive (row, self->admin);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_scope_row_selected_changed_cb), self);
  return row;
}

static void
clear_pipeline_groups (AffariRightsPage *self)
{
  for (guint i = 0; i < self->pipeline_groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self), g_ptr_array_index (self->pipeline_groups, i));
  g_ptr_array_set_size (self->pipeline_groups, 0);
}

/* One group per pipeline of the role shown, the default first; the users' and departments'
 * groups are put back after them (a page only appends). */
static void
show_rights (AffariRightsPage *self)
{
  AffariAccessRole *role = selected_role (self);
  AdwPreferencesGroup *group = NULL;
  gint64 group_pipeline = -1;

  clear_pipeline_groups (self);
  g_object_ref (self->users_group);
  g_object_ref (self->departments_group);
  adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self), self->users_group);
  adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self), self->departments_group);

  for (guint i = 0; role != NULL && self->rights != NULL && i < self->rights->len; i++)
    {
      AffariAccessRight *right = g_ptr_array_index (self->rights, i);

      if (right->role_id != role->id)
        continue;
      if (group == NULL || right->pipeline_id != group_pipeline)
        {
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          group_pipeline = right->pipeline_id;
          if (right->pipeline_id == 0)
            {
              adw_preferences_group_set_title (group, _("All Pipelines"));
              adw_preferences_group_set_description (group, _("The default, for every pipeline without rights of its own"));
            }
          else
            adw_preferences_group_set_title (group, right->pipeline);
          adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), group);
          g_ptr_array_add (self->pipeline_groups, group);
        }
      adw_preferences_group_add (group, scope_row_new (self, right));
    }

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->users_group);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->departments_group);
  g_object_unref (self->users_group);
  g_object_unref (self->departments_group);
}

static void
on_user_row_selected_changed_cb (AdwComboRow      *row,
                                 GParamSpec       *pspec,
                                 AffariRightsPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *login = g_object_get_data (G_OBJECT (row), "affari-login");
  guint before = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "affari-role"));
  guint selected = adw_combo_row_get_selected (row);
  AffariAccessRole *role;
  gboolean ok;

  if (self->filling || selected == before || selected >= self->roles->len)
    return;
  role = g_ptr_array_index (self->roles, selected);
  ok = affari_workspace_set_member_role (self->workspace, login, role->name, &error);
  written (self, row, before, ok, error);
}

static void
show_users (AffariRightsPage *self)
{
  GtkWidget *row;

  affari_settings_clear_rows (self->users_group, self->user_rows);
  for (guint i = 0; self->logins != NULL && i < self->logins->len; i++)
    {
      AffariAccessLogin *login = g_ptr_array_index (self->logins, i);
      GtkWidget *row = adw_combo_row_new ();
      guint role = GTK_INVALID_LIST_POSITION;
      g_autofree char *subtitle = NULL;

      for (guint r = 0; r < self->roles->len; r++)
        if (((AffariAccessRole *) g_ptr_array_index (self->roles, r))->id == login->role_id)
          role = r;
      if (login->admin)
        /* Translators: a login, then what it is. */
        subtitle = g_strdup_printf (_("%s · administrator"), login->login);
      else if (login->department != NULL)
        /* Translators: a login, then its department. */
        subtitle = g_strdup_printf (_("%s · %s"), login->login, login->department);
      else
        subtitle = g_strdup (login->login);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), login->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (self->role_names));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), role);
      g_object_set_data_full (G_OBJECT (row), "affari-login", g_strdup (login->login), g_free);
      g_object_set_data (G_OBJECT (row), "affari-role", GUINT_TO_POINTER (role));
      gtk_widget_set_sensitive (row, self->admin);
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_user_row_selected_changed_cb), self);
      adw_preferences_group_add (self->users_group, row);
      g_ptr_array_add (self->user_rows, row);
    }

  /* (the loop's rows are its own) */
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Add a User…"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("list-add-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "rights.add-login");
  gtk_widget_set_visible (row, self->admin);
  adw_preferences_group_add (self->users_group, row);
  g_ptr_array_add (self->user_rows, row);
}

static void
show_departments (AffariRightsPage *self,
                  GPtrArray        *departments)
{
  GtkWidget *add;

  affari_settings_clear_rows (self->departments_group, self->department_rows);
  for (guint i = 0; departments != NULL && i < departments->len; i++)
    {
      AffariAccessDepartment *department = g_ptr_array_index (departments, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *head = department->head_login != NULL
                                ? g_strdup_printf (_("Head: %s"), department->head_login)
                                : g_strdup (_("No head"));
      /* Translators: the department's head ("Head: marta"), then how many are in it. */
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%s · %u member", "%s · %u members", department->n_members),
                                                   head, department->n_members);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), department->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      /* An administrator changes its head and members there. */
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), self->admin);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "rights.edit-department");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", department->name);
      adw_preferences_group_add (self->departments_group, row);
      g_ptr_array_add (self->department_rows, row);
    }

  add = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add), _("Add a Department…"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (add), gtk_image_new_from_icon_name ("list-add-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (add), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "rights.add-department");
  gtk_widget_set_visible (add, self->admin);
  adw_preferences_group_add (self->departments_group, add);
  g_ptr_array_add (self->department_rows, add);
}

/* Everything read again from the server, the role shown kept. */
static void
fill (AffariRightsPage *self)
{
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GPtrArray) rights = NULL;
  g_autoptr(GPtrArray) logins = NULL;
  g_autoptr(GPtrArray) departments = NULL;
  g_autoptr(GError) error = NULL;
  AffariAccessRole *shown = selected_role (self);
  gint64 shown_id = shown != NULL ? shown->id : 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint selected = 0;
  /* The rows are rebuilt: the page stays where the person was. */
  double scroll = affari_settings_get_scroll (ADW_PREFERENCES_PAGE (self));

  self->admin = affari_workspace_is_administrator (self->workspace);
  if ((roles = affari_workspace_list_access_roles (self->workspace, &error)) == NULL
      || (rights = affari_workspace_list_access_rights (self->workspace, &error)) == NULL
      || (logins = affari_workspace_list_access_logins (self->workspace, &error)) == NULL
      || (departments = affari_workspace_list_access_departments (self->workspace, &error)) == NULL)
    {
      toast_error (self, error);
      return;
    }

  for (guint i = 0; i < roles->len; i++)
    {
      AffariAccessRole *role = g_ptr_array_index (roles, i);

      g_ptr_array_add (names, role->name);
      if (role->id == shown_id)
        selected = i;
    }
  g_ptr_array_add (names, NULL);

  self->filling = TRUE;
  g_clear_pointer (&self->roles, g_ptr_array_unref);
  g_clear_pointer (&self->rights, g_ptr_array_unref);
  g_clear_pointer (&self->logins, g_ptr_array_unref);
  self->roles = g_steal_pointer (&roles);
  self->rights = g_steal_pointer (&rights);
  self->logins = g_steal_pointer (&logins);
  gtk_string_list_splice (self->role_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->role_names)),
                          (const char * const *) names->pdata);
  adw_combo_row_set_selected (self->role_row, selected);

  gtk_widget_set_visible (GTK_WIDGET (self->read_only_row), !self->admin);
  gtk_widget_set_visible (GTK_WIDGET (self->add_role_row), self->admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rights.add-role", self->admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rights.add-department", self->admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rights.edit-department", self->admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rights.add-login", self->admin);

  show_rights (self);
  show_users (self);
  show_departments (self, departments);
  g_clear_pointer (&self->departments, g_ptr_array_unref);
  self->departments = g_steal_pointer (&departments);
  self->filling = FALSE;
  affari_settings_restore_scroll (ADW_PREFERENCES_PAGE (self), scroll);
}

/* ------------------------------------------------------------ callbacks */

static void
on_role_row_selected_changed_cb (AdwComboRow      *row,
                                 GParamSpec       *pspec,
                                 AffariRightsPage *self)
{
  if (!self->filling)
    show_rights (self);
}

static void
on_online_changed_cb (AffariRightsPage *self)
{
  /* Back online: what changed meanwhile is read again. */
  if (affari_workspace_is_online (self->workspace))
    queue_refill (self);
}

static void
on_add_role_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         AffariRightsPage *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "affari-entry");
  g_autoptr(GError) error = NULL;
  AffariAccessRole *like = selected_role (self);
  gint64 id;

  if (!g_str_equal (response, "add"))
    return;
  id = affari_workspace_add_access_role (self->workspace, gtk_editable_get_text (entry),
                                         like != NULL ? like->name : NULL, &error);
  if (id == 0)
    {
      toast_error (self, error);
      return;
    }
  fill (self);
  for (guint i = 0; i < self->roles->len; i++)
    if (((AffariAccessRole *) g_ptr_array_index (self->roles, i))->id == id)
      adw_combo_row_set_selected (self->role_row, i);
}

static GtkWidget *
name_entry_new (AdwMessageDialog *dialog)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  g_object_set_data (G_OBJECT (dialog), "affari-entry", entry);
  return entry;
}

static void
add_role_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AffariRightsPage *self = AFFARI_RIGHTS_PAGE (widget);
  AffariAccessRole *like = selected_role (self);
  g_autofree char *body = like != NULL
                            ? g_strdup_printf (_("It starts with the rights of “%s”."), like->name)
                            : NULL;
  AdwMessageDialog *dialog;

  dialog = affari_settings_dialog_new (widget, _("New Role"), body, "add", _("_Add"), ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_extra_child (dialog, name_entry_new (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_role_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The department's head: "No head" first, then the logins; @head_login's selected. */
static GtkWidget *
head_drop_down_new (AffariRightsPage *self,
                    const char       *head_login)
{
  g_autoptr(GtkStringList) heads = gtk_string_list_new (NULL);
  GtkWidget *head;
  guint selected = 0;

  gtk_string_list_append (heads, _("No head"));
  for (guint i = 0; self->logins != NULL && i < self->logins->len; i++)
    {
      AffariAccessLogin *login = g_ptr_array_index (self->logins, i);

      gtk_string_list_append (heads, login->name);
      if (g_strcmp0 (login->login, head_login) == 0)
        selected = i + 1;
    }
  head = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&heads)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (head), selected);
  gtk_accessible_update_property (GTK_ACCESSIBLE (head), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Head of the department"), -1);
  return head;
}

/* The login chosen in head_drop_down_new (), "" for "No head". */
static const char *
head_drop_down_login (AffariRightsPage *self,
                      GtkDropDown      *head)
{
  guint selected = gtk_drop_down_get_selected (head);

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && self->logins != NULL && selected <= self->logins->len)
    return ((AffariAccessLogin *) g_ptr_array_index (self->logins, selected - 1))->login;
  return "";
}

static void
on_add_department_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               AffariRightsPage *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "affari-entry");
  const char *head_login = head_drop_down_login (self, g_object_get_data (G_OBJECT (dialog), "affari-head"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "add"))
    return;
  if (affari_workspace_add_department (self->workspace, gtk_editable_get_text (entry),
                                       *head_login != '\0' ? head_login : NULL, &error) == 0)
    {
      toast_error (self, error);
      return;
    }
  fill (self);
}

static void
add_department_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AffariRightsPage *self = AFFARI_RIGHTS_PAGE (widget);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *head = head_drop_down_new (self, NULL);
  AdwMessageDialog *dialog;

  dialog = affari_settings_dialog_new (widget, _("New Department"),
                                       _("Its head sees the deals of all its members."),
                                       "add", _("_Add"), ADW_RESPONSE_SUGGESTED);
  gtk_box_append (GTK_BOX (box), name_entry_new (dialog));
  gtk_box_append (GTK_BOX (box), head);
  g_object_set_data (G_OBJECT (dialog), "affari-head", head);
  adw_message_dialog_set_extra_child (dialog, box);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_department_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_edit_department_response_cb (AdwMessageDialog *dialog,
                                const char       *response,
                                AffariRightsPage *self)
{
  GPtrArray *checks = g_object_get_data (G_OBJECT (dialog), "affari-members");
  const char *name = g_object_get_data (G_OBJECT (dialog), "affari-department");
  const char *head_login = head_drop_down_login (self, g_object_get_data (G_OBJECT (dialog), "affari-head"));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) members = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "save"))
    return;
  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      g_strv_builder_add (builder, g_object_get_data (G_OBJECT (g_ptr_array_index (checks, i)), "affari-login"));
  members = g_strv_builder_end (builder);
  if (!affari_workspace_edit_department (self->workspace, name, head_login, (const char * const *) members, &error))
    {
      toast_error (self, error);
      return;
    }
  fill (self);
}

/* A department's head and members, in one dialog: a check per login. */
static void
edit_department_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AffariRightsPage *self = AFFARI_RIGHTS_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  AffariAccessDepartment *department = NULL;
  GPtrArray *checks = g_ptr_array_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *head;
  AdwMessageDialog *dialog;

  for (guint i = 0; self->departments != NULL && i < self->departments->len; i++)
    if (g_str_equal (((AffariAccessDepartment *) g_ptr_array_index (self->departments, i))->name, name))
      department = g_ptr_array_index (self->departments, i);
  if (department == NULL)
    {
      g_ptr_array_unref (checks);
      return;
    }

  head = head_drop_down_new (self, department->head_login);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Members"), -1);
  for (guint i = 0; self->logins != NULL && i < self->logins->len; i++)
    {
      AffariAccessLogin *login = g_ptr_array_index (self->logins, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), login->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      /* Someone in another department moves here when checked. */
      if (login->department != NULL && !g_str_equal (login->department, name))
        {
          /* Translators: the department a login is in now. */
          g_autofree char *now = g_strdup_printf (_("Now in %s"), login->department);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), now);
        }
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_strcmp0 (login->department, name) == 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, login->name, -1);
      g_object_set_data_full (G_OBJECT (check), "affari-login", g_strdup (login->login), g_free);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (checks, check);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 300);

  dialog = affari_settings_dialog_new (widget, name, _("Its head sees the deals of all its members."),
                                       "save", _("_Save"), ADW_RESPONSE_SUGGESTED);
  gtk_box_append (GTK_BOX (box), head);
  {
    GtkWidget *members = gtk_label_new (_("Members"));

    gtk_label_set_xalign (GTK_LABEL (members), 0);
    gtk_widget_add_css_class (members, "heading");
    gtk_widget_set_margin_top (members, 6);
    gtk_box_append (GTK_BOX (box), members);
  }
  gtk_box_append (GTK_BOX (box), scrolled);
  g_object_set_data (G_OBJECT (dialog), "affari-head", head);
  g_object_set_data_full (G_OBJECT (dialog), "affari-members", checks, (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "affari-department", g_strdup (name), g_free);
  adw_message_dialog_set_extra_child (dialog, box);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_edit_department_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_add_login_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          AffariRightsPage *self)
{
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "affari-name");
  GtkEditable *login = g_object_get_data (G_OBJECT (dialog), "affari-login");
  GtkEditable *password = g_object_get_data (G_OBJECT (dialog), "affari-password");
  guint role = gtk_drop_down_get_selected (g_object_get_data (G_OBJECT (dialog), "affari-role"));
  guint department = gtk_drop_down_get_selected (g_object_get_data (G_OBJECT (dialog), "affari-department"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "add"))
    return;
  if (self->roles == NULL || role >= self->roles->len)
    return;
  /* The first department item is "no department". */
  if (affari_workspace_add_login (self->workspace, gtk_editable_get_text (name), gtk_editable_get_text (login),
                                  gtk_editable_get_text (password),
                                  ((AffariAccessRole *) g_ptr_array_index (self->roles, role))->name,
                                  department > 0 && self->departments != NULL && department <= self->departments->len
                                    ? ((AffariAccessDepartment *) g_ptr_array_index (self->departments, department - 1))->name
                                    : NULL,
                                  &error) == 0)
    {
      toast_error (self, error);
      return;
    }
  fill (self);
}

/* An entry of the new-login dialog, labelled for a screen reader by its placeholder. */
static GtkWidget *
login_entry_new (GtkWidget  *entry,
                 const char *label)
{
  g_object_set (entry, "placeholder-text", label, "activates-default", TRUE, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return entry;
}

/* A seller's login, made on the server: name, login, password, role (the one shown), department. */
static void
add_login_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AffariRightsPage *self = AFFARI_RIGHTS_PAGE (widget);
  g_autoptr(GtkStringList) departments = gtk_string_list_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *name = login_entry_new (gtk_entry_new (), _("Full name"));
  GtkWidget *login = login_entry_new (gtk_entry_new (), _("Login"));
  GtkWidget *password = login_entry_new (gtk_password_entry_new (), _("Password"));
  GtkWidget *role = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->role_names)), NULL);
  GtkWidget *department;
  AdwMessageDialog *dialog;

  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (password), TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (role), adw_combo_row_get_selected (self->role_row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (role), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Role"), -1);
  gtk_string_list_append (departments, _("No department"));
  for (guint i = 0; self->departments != NULL && i < self->departments->len; i++)
    gtk_string_list_append (departments, ((AffariAccessDepartment *) g_ptr_array_index (self->departments, i))->name);
  department = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&departments)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (department), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Department"), -1);

  dialog = affari_settings_dialog_new (widget, _("New User"),
                                       _("A login on the team's server: the person signs in with it and this password."),
                                       "add", _("_Add"), ADW_RESPONSE_SUGGESTED);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), login);
  gtk_box_append (GTK_BOX (box), password);
  gtk_box_append (GTK_BOX (box), role);
  gtk_box_append (GTK_BOX (box), department);
  g_object_set_data (G_OBJECT (dialog), "affari-name", name);
  g_object_set_data (G_OBJECT (dialog), "affari-login", login);
  g_object_set_data (G_OBJECT (dialog), "affari-password", password);
  g_object_set_data (G_OBJECT (dialog), "affari-role", role);
  g_object_set_data (G_OBJECT (dialog), "affari-department", department);
  adw_message_dialog_set_extra_child (dialog, box);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_login_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------ overrides */

static void
affari_rights_page_dispose (GObject *object)
{
  AffariRightsPage *self = AFFARI_RIGHTS_PAGE (object);

  g_clear_handle_id (&self->refill_source, g_source_remove);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_RIGHTS_PAGE);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (affari_rights_page_parent_class)->dispose (object);
}

static void
affari_rights_page_finalize (GObject *object)
{
  AffariRightsPage *self = AFFARI_RIGHTS_PAGE (object);

  g_clear_pointer (&self->roles, g_ptr_array_unref);
  g_clear_pointer (&self->rights, g_ptr_array_unref);
  g_clear_pointer (&self->logins, g_ptr_array_unref);
  g_clear_pointer (&self->departments, g_ptr_array_unref);
  g_clear_pointer (&self->pipeline_groups, g_ptr_array_unref);
  g_clear_pointer (&self->user_rows, g_ptr_array_unref);
  g_clear_pointer (&self->department_rows, g_ptr_array_unref);
  g_clear_object (&self->role_names);
  g_clear_object (&self->scope_names);

  G_OBJECT_CLASS (affari_rights_page_parent_class)->finalize (object);
}

static void
affari_rights_page_class_init (AffariRightsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_rights_page_dispose;
  object_class->finalize = affari_rights_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/affari/Affari/ui/affari-rights-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariRightsPage, role_group);
  gtk_widget_class_bind_template_child (widget_class, AffariRightsPage, role_row);
  gtk_widget_class_bind_template_child (widget_class, AffariRightsPage, add_role_row);
  gtk_widget_class_bind_template_child (widget_class, AffariRightsPage, read_only_row);
  gtk_widget_class_bind_template_child (widget_class, AffariRightsPage, users_group);
  gtk_widget_class_bind_template_child (widget_class, AffariRightsPage, departments_group);

  gtk_widget_class_install_action (widget_class, "rights.add-role", NULL, add_role_action);
  gtk_widget_class_install_action (widget_class, "rights.add-department", NULL, add_department_action);
  gtk_widget_class_install_action (widget_class, "rights.edit-department", "s", edit_department_action);
  gtk_widget_class_install_action (widget_class, "rights.add-login", NULL, add_login_action);
}

static void
affari_rights_page_init (AffariRightsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->pipeline_groups = g_ptr_array_new ();
  self->user_rows = g_ptr_array_new ();
  self->department_rows = g_ptr_array_new ();
  self->role_names = gtk_string_list_new (NULL);
  self->scope_names = gtk_string_list_new (NULL);
  for (guint i = 0; affari_access_scopes[i] != NULL; i++)
    gtk_string_list_append (self->scope_names, affari_access_scope_label (affari_access_scopes[i]));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (self->role_names));
  g_signal_connect (self->role_row, "notify::selected", G_CALLBACK (on_role_row_selected_changed_cb), self);
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_rights_page_new (AffariWorkspace *workspace)
{
  AffariRightsPage *self;

  g_return_val_if_fail (AFFARI_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (AFFARI_TYPE_RIGHTS_PAGE, NULL);
  self->workspace = g_object_ref (workspace);
  g_signal_connect_swapped (workspace, "notify::online", G_CALLBACK (on_online_changed_cb), self);
  fill (self);

  return GTK_WIDGET (self);
}
