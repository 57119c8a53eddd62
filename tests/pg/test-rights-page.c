/* test-rights-page.c — Preferenze ▸ Permessi on a team's server (#21), driven through its widgets
 * (test-rights-page.sh starts the server and checks it afterwards)
 *
 *   RIGHTS_URL    the login's address (the owner's: an administrator; a seller's)
 *   RIGHTS_ROLE   the role whose rights are shown
 *   RIGHTS_PIPELINE  the pipeline whose "Leggere" row is changed
 *   /rights-page/admin   the row, inherited at first, set to "Tutti": the page shows it as the
 *                        pipeline's own rule once the server has it; then a role "Venditori"
 *                        made like it, given to the seller; a department "Vendite" she heads,
 *                        then opened from its row: she joins it (her check), it loses its head;
 *                        "Aggiungi utente…": a new login "marco" in Vendite
 *   /rights-page/seller  read-only: the line says so, the rows are insensitive; a change tried
 *                        anyway is refused by the server and the row goes back
 *   /rights-page/local   (both times) the embedded database: no page, the store refuses
 *   AFFARI_SHOT_DIR      when set, screenshots of the page (light, dark, 360 px wide)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "affari-test-harness.h"
#include "ops/affari-workspace.h"
#include "ui/settings/affari-preferences-window.h"
#include "ui/common/affari-ui.h"
#include "ui/settings/affari-rights-page.h"
#include "ui/settings/affari-settings-util.h"

typedef struct {
  AffariWorkspace *workspace;
  GtkWindow       *preferences;
  GtkWidget       *page;
} Fixture;

static gboolean
match_row_title (GtkWidget *widget, gconstpointer data)
{
  return ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

/* The check button of the row titled @data (the department's members). */
static gboolean
match_member_check (GtkWidget *widget, gconstpointer data)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);

  return GTK_IS_CHECK_BUTTON (widget) && row != NULL &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), data) == 0;
}

/* The entry whose placeholder is @data. */
static gboolean
match_placeholder (GtkWidget *widget, gconstpointer data)
{
  g_autofree char *placeholder = NULL;

  if (!GTK_IS_ENTRY (widget) && !GTK_IS_PASSWORD_ENTRY (widget))
    return FALSE;
  g_object_get (widget, "placeholder-text", &placeholder, NULL);
  return g_strcmp0 (placeholder, data) == 0;
}

/* The drop-down whose first item is @data. */
static gboolean
match_drop_down_first (GtkWidget *widget, gconstpointer data)
{
  GListModel *model = GTK_IS_DROP_DOWN (widget) ? gtk_drop_down_get_model (GTK_DROP_DOWN (widget)) : NULL;

  return model != NULL && GTK_IS_STRING_LIST (model) &&
         g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), data) == 0;
}

/* The department of the login shown as @name, as the server has it. */
static char *
department_of (Fixture *f, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) logins = affari_workspace_list_access_logins (f->workspace, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < logins->len; i++)
    {
      AffariAccessLogin *login = g_ptr_array_index (logins, i);

      if (g_strcmp0 (login->name, name) == 0)
        return g_strdup (login->department);
    }
  return NULL;
}

static gboolean
match_group_title (GtkWidget *widget, gconstpointer data)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), data) == 0;
}

static GtkWidget *
find_row (GtkWidget *root, const char *title)
{
  return affari_test_find_widget (root, match_row_title, title);
}

/* The "Leggere" row of the pipeline's group, NULL while the page has none. */
static AdwComboRow *
read_row (Fixture *f)
{
  GtkWidget *group = affari_test_find_widget (f->page, match_group_title, g_getenv ("RIGHTS_PIPELINE"));

  return group != NULL ? ADW_COMBO_ROW (find_row (group, affari_access_action_label ("read"))) : NULL;
}

static gboolean
row_shows (AdwComboRow *row, guint scope, gboolean inherited)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

  return adw_combo_row_get_selected (row) == scope &&
         (inherited ? g_strcmp0 (subtitle, _("As all pipelines")) == 0 : (subtitle == NULL || *subtitle == '\0'));
}

static void
shoot (Fixture *f, const char *name, int width, gboolean dark)
{
  const char *dir = g_getenv ("AFFARI_SHOT_DIR");
  g_autofree char *file = NULL;
  g_autofree char *command = NULL;

  if (dir == NULL)
    return;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_default_size (f->preferences, width, 760);
  for (int i = 0; i < 10; i++)
    affari_test_wait_for_frame (GTK_WIDGET (f->preferences));
  affari_test_settle ();
  file = g_strdup_printf ("%s/rights-%s.png", dir, name);
  command = g_strdup_printf ("import -window root -crop %dx780+0+0 %s", width + 40, file);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

static void
open_page (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *role_row;
  GListModel *roles;
  guint n_roles, role = GTK_INVALID_LIST_POSITION;

  f->workspace = affari_workspace_open_server (g_getenv ("RIGHTS_URL"), NULL, &error);
  g_assert_no_error (error);
  f->preferences = GTK_WINDOW (affari_preferences_window_new (NULL, f->workspace));
  gtk_window_set_default_size (f->preferences, 1000, 760);
  gtk_window_present (f->preferences);
  affari_test_wait_for_frame (GTK_WIDGET (f->preferences));

  /* On a server, Preferenze has the page. */
  f->page = affari_test_find_type (GTK_WIDGET (f->preferences), AFFARI_TYPE_RIGHTS_PAGE);
  g_assert_nonnull (f->page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (f->preferences), ADW_PREFERENCES_PAGE (f->page));
  affari_test_wait_for_frame (GTK_WIDGET (f->preferences));

  /* The role is chosen as a person does, in the role's combo row. */
  role_row = find_row (f->page, _("Role"));
  g_assert_nonnull (role_row);
  roles = adw_combo_row_get_model (ADW_COMBO_ROW (role_row));
  n_roles = g_list_model_get_n_items (roles);
  for (guint i = 0; i < n_roles; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (roles), i), g_getenv ("RIGHTS_ROLE")) == 0)
      role = i;
  g_assert_cmpuint (role, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (ADW_COMBO_ROW (role_row), role);
  affari_test_wait_for_frame (GTK_WIDGET (f->preferences));
  g_assert_nonnull (read_row (f));
}

static void
close_page (Fixture *f)
{
  gtk_window_destroy (f->preferences);
  affari_test_settle ();
  g_clear_object (&f->workspace);
}

static void
test_admin (void)
{
  Fixture f = { 0 };
  AdwComboRow *row, *role_row, *user_row;
  GtkWindow *dialog;

  open_page (&f);
  /* (find_row () finds only what is shown.) */
  g_assert_null (find_row (f.page, _("Only an administrator can change the permissions")));
  g_assert_nonnull (find_row (f.page, _("Add a Role…")));
  g_assert_nonnull (find_row (f.page, _("Add a User…")));
  row = read_row (&f);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (row)));
  /* At first the pipeline follows the role's default ("Propri"). */
  g_assert_true (row_shows (row, (guint) affari_access_scope_index ("own"), TRUE));
  shoot (&f, "admin-light", 1000, FALSE);

  adw_combo_row_set_selected (row, (guint) affari_access_scope_index ("all"));
  /* The page reads the server again: the pipeline's own rule, no longer inherited. */
  WAIT_UNTIL ((row = read_row (&f)) != NULL && row_shows (row, (guint) affari_access_scope_index ("all"), FALSE));

  shoot (&f, "admin-dark", 1000, TRUE);
  if (g_getenv ("AFFARI_SHOT_DIR") != NULL)
    {
      /* The users and the departments, at the bottom. */
      affari_settings_restore_scroll (ADW_PREFERENCES_PAGE (f.page), 100000);
      shoot (&f, "admin-bottom-dark", 1000, TRUE);
      shoot (&f, "admin-bottom-narrow-light", 360, FALSE);
    }
  shoot (&f, "admin-narrow-light", 360, FALSE);
  shoot (&f, "admin-narrow-dark", 360, TRUE);

  /* "Aggiungi ruolo…": a role that starts with the rights of the one shown. */
  gtk_widget_activate_action (f.page, "rights.add-role", NULL);
  WAIT_UNTIL ((dialog = affari_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (affari_test_find_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY)), "Venditori");
  /* What the "Aggiungi" button does: the response, then the dialog closes. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  gtk_window_destroy (dialog);
  WAIT_UNTIL (affari_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);
  role_row = ADW_COMBO_ROW (find_row (f.page, _("Role")));
  WAIT_UNTIL (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (role_row)),
                                                     adw_combo_row_get_selected (role_row)), "Venditori") == 0);
  WAIT_UNTIL ((row = read_row (&f)) != NULL && row_shows (row, (guint) affari_access_scope_index ("all"), FALSE));

  /* The seller's role, in her row of "Utenti". */
  user_row = ADW_COMBO_ROW (find_row (f.page, "Sara Galli"));
  g_assert_nonnull (user_row);
  adw_combo_row_set_selected (user_row, adw_combo_row_get_selected (role_row));
  WAIT_UNTIL ((user_row = ADW_COMBO_ROW (find_row (f.page, "Sara Galli"))) != NULL &&
              adw_combo_row_get_selected (user_row) == adw_combo_row_get_selected (role_row));

  /* "Aggiungi reparto…" with the seller as its head. */
  gtk_widget_activate_action (f.page, "rights.add-department", NULL);
  WAIT_UNTIL ((dialog = affari_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (affari_test_find_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY)), "Vendite");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (affari_test_find_type (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN)), 1);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  gtk_window_destroy (dialog);
  WAIT_UNTIL (find_row (f.page, "Vendite") != NULL);

  /* Its row opens it: the seller (not in it yet) joins it, and it loses its head. */
  {
    g_autofree char *before = department_of (&f, "Sara Galli");
    GtkWidget *check;

    g_assert_cmpstr (before, ==, NULL);
    g_signal_emit_by_name (find_row (f.page, "Vendite"), "activate");
    WAIT_UNTIL ((dialog = affari_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
    check = affari_test_find_widget (GTK_WIDGET (dialog), match_member_check, "Sara Galli");
    g_assert_nonnull (check);
    g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (affari_test_find_type (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN)), 0);
    shoot (&f, "department-light", 1000, FALSE);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
    gtk_window_destroy (dialog);
    WAIT_UNTIL (affari_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);
  }
  {
    g_autofree char *after = department_of (&f, "Sara Galli");
    g_autoptr(GPtrArray) departments = affari_workspace_list_access_departments (f.workspace, NULL);

    g_assert_cmpstr (after, ==, "Vendite");
    for (guint i = 0; i < departments->len; i++)
      if (g_str_equal (((AffariAccessDepartment *) g_ptr_array_index (departments, i))->name, "Vendite"))
        {
          g_assert_cmpint (((AffariAccessDepartment *) g_ptr_array_index (departments, i))->head_id, ==, 0);
          g_assert_cmpuint (((AffariAccessDepartment *) g_ptr_array_index (departments, i))->n_members, ==, 1);
        }
  }

  /* "Aggiungi utente…": a login for Marco Neri, in Vendite, with the role shown. */
  {
    GtkDropDown *department;

    gtk_widget_activate_action (f.page, "rights.add-login", NULL);
    WAIT_UNTIL ((dialog = affari_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
    gtk_editable_set_text (GTK_EDITABLE (affari_test_find_widget (GTK_WIDGET (dialog), match_placeholder, _("Full name"))),
                           "Marco Neri");
    gtk_editable_set_text (GTK_EDITABLE (affari_test_find_widget (GTK_WIDGET (dialog), match_placeholder, _("Login"))),
                           "marco");
    gtk_editable_set_text (GTK_EDITABLE (affari_test_find_widget (GTK_WIDGET (dialog), match_placeholder, _("Password"))),
                           "m1-segreta");
    department = GTK_DROP_DOWN (affari_test_find_widget (GTK_WIDGET (dialog), match_drop_down_first, _("No department")));
    g_assert_nonnull (department);
    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (department)), ==, 2);
    gtk_drop_down_set_selected (department, 1);
    shoot (&f, "add-user-light", 1000, FALSE);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
    gtk_window_destroy (dialog);
    WAIT_UNTIL (affari_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);
    WAIT_UNTIL (find_row (f.page, "Marco Neri") != NULL);
  }
  {
    g_autofree char *marcos = department_of (&f, "Marco Neri");

    g_assert_cmpstr (marcos, ==, "Vendite");
  }
  close_page (&f);
}

static void
test_seller (void)
{
  Fixture f = { 0 };
  AdwComboRow *row;
  guint before;

  open_page (&f);
  g_assert_nonnull (find_row (f.page, _("Only an administrator can change the permissions")));
  g_assert_null (find_row (f.page, _("Add a Role…")));
  g_assert_null (find_row (f.page, _("Add a User…")));
  row = read_row (&f);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (row)));
  before = adw_combo_row_get_selected (row);
  g_assert_cmpuint (before, ==, (guint) affari_access_scope_index ("all"));
  shoot (&f, "seller-light", 1000, FALSE);
  shoot (&f, "seller-narrow-dark", 360, TRUE);

  /* Tried anyway (the row is insensitive, not the server): refused, and the row goes back. */
  adw_combo_row_set_selected (row, (guint) affari_access_scope_index ("none"));
  WAIT_UNTIL (adw_combo_row_get_selected (row) == before);
  close_page (&f);
}

/* The embedded database: no page, and the store says why. */
static void
test_local (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("affari-rights-page-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "local.db", NULL);
  g_autoptr(AffariWorkspace) workspace = affari_workspace_open (path, &error);
  g_autoptr(GPtrArray) roles = NULL;
  GtkWindow *preferences;

  g_assert_no_error (error);
  roles = affari_workspace_list_access_roles (workspace, &error);
  g_assert_null (roles);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_assert_false (affari_workspace_is_administrator (workspace));

  preferences = GTK_WINDOW (affari_preferences_window_new (NULL, workspace));
  gtk_window_present (preferences);
  affari_test_wait_for_frame (GTK_WIDGET (preferences));
  g_assert_null (affari_test_find_type (GTK_WIDGET (preferences), AFFARI_TYPE_RIGHTS_PAGE));
  gtk_window_destroy (preferences);
  affari_test_settle ();
  g_clear_object (&workspace);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  affari_test_init (&argc, &argv);
  affari_ui_ensure_resources ();

  g_test_add_func ("/rights-page/local", test_local);
  if (g_strcmp0 (g_getenv ("RIGHTS_MODE"), "seller") == 0)
    g_test_add_func ("/rights-page/seller", test_seller);
  else
    g_test_add_func ("/rights-page/admin", test_admin);
  return g_test_run ();
}
