/* affari-window-drop.c — files dragged from the file manager onto the window
 *
 * A .csv (or an Affari .json export) opens the import (win.import-file), a .vcf adds its contacts and offers a deal for
 * one, an .ics dropped on a deal (a Kanban card, a row of the list) plans its events and tasks
 * there. The window, the cards and the rows all hand the files to drop.files; while files are
 * dragged over the window it is outlined and says what a drop does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ops/affari-drop.h"
#include "ui/app/affari-window-private.h"
#include "ui/common/affari-file-drop.h"

/* The outline of the window (and of the card or row under the pointer: the list view marks its
 * row with .affari-drop-row) while files are over it. An outline is drawn over the children, so
 * it shows on top of the whole content. */
static const char drop_css[] =
  "window.affari-file-drop-active toastoverlay { outline: 3px dashed @accent_color; outline-offset: -4px; }"
  "kanban-card:drop(active) { outline: 3px solid @accent_color; outline-offset: -3px; }"
  "columnview row.affari-drop-row { outline: 2px solid @accent_color; outline-offset: -2px; }";

/* ------------------------------------------------------------ auxiliary */

static void
add_toast (AffariWindow *self,
           AdwToast     *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A toast whose title is plain text (titles are markup). */
static AdwToast *
toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

/* The outline and the hint go when the files leave the window or are dropped, also on a card or
 * a row: their own target takes that drop, and the window's hears no "leave" then. */
static void
end_highlight (AffariWindow *self)
{
  AdwToast *toast = g_object_steal_data (G_OBJECT (self), "affari-drop-toast");

  gtk_widget_remove_css_class (GTK_WIDGET (self), "affari-file-drop-active");
  if (toast != NULL)
    {
      adw_toast_dismiss (toast);
      g_object_unref (toast);
    }
}

static void
drop_csv (AffariWindow *self,
          const char   *path)
{
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  /* The import dialog is its own window's business: it takes the path. */
  if (gtk_widget_activate_action (GTK_WIDGET (self), "win.import-file", "s", path))
    return;
  name = g_path_get_basename (path);
  /* Translators: a toast when a .csv is dropped and the import is not available; %s is the file name. */
  message = g_strdup_printf (_("Could not import “%s”: importing CSV files is not available in this version."), name);
  affari_window_add_toast (self, message);
}

static void
drop_vcard (AffariWindow *self,
            const char   *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;
  guint n_created = 0;

  contacts = affari_drop_add_vcard (affari_workspace_get_store (self->workspace), path, &error);
  if (contacts == NULL)
    {
      g_autofree char *name = g_path_get_basename (path);

      /* Translators: a toast; the first %s is a file name, the second says why. */
      message = g_strdup_printf (_("Could not add the contacts of “%s”: %s"), name, error->message);
      affari_window_add_toast (self, message);
      return;
    }
  for (guint i = 0; i < contacts->len; i++)
    n_created += ((AffariDropContact *) g_ptr_array_index (contacts, i))->created;

  if (contacts->len == 1)
    {
      AffariDropContact *contact = g_ptr_array_index (contacts, 0);

      message = g_strdup_printf (contact->created ? _("Contact “%s” added") : _("Contact “%s” already there"), contact->name);
      toast = toast_new (message);
      /* The deal the person most likely dropped the card for, one click away. */
      adw_toast_set_button_label (toast, _("Create _Deal"));
      adw_toast_set_action_name (toast, "drop.create-deal");
      adw_toast_set_action_target_value (toast, g_variant_new_int64 (contact->contact_id));
      adw_toast_set_timeout (toast, 10);
    }
  else
    {
      /* Translators: a toast after dropping a vCard file with several contacts. */
      message = g_strdup_printf (ngettext ("%u contact added, %u already there", "%u contacts added, %u already there", n_created),
                                 n_created, contacts->len - n_created);
      toast = toast_new (message);
    }
  add_toast (self, toast);
}

static void
drop_ics (AffariWindow *self,
          const char   *path,
          gint64        deal_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;

  if (deal_id <= 0)
    {
      affari_window_add_toast (self, _("Drag the .ics file onto a deal"));
      return;
    }
  activities = affari_drop_add_ics (affari_workspace_get_store (self->workspace), self->ops, deal_id, path, &title, &error);
  if (activities == NULL)
    {
      g_autofree char *name = g_path_get_basename (path);

      /* Translators: a toast; the first %s is a file name, the second says why. */
      message = g_strdup_printf (_("Could not plan the activities of “%s”: %s"), name, error->message);
      affari_window_add_toast (self, message);
      return;
    }
  if (activities->len == 1)
    /* Translators: a toast; the subject of the activity, then the title of the deal. */
    message = g_strdup_printf (_("Activity “%s” added to “%s”"),
                               affari_activity_get_subject (g_ptr_array_index (activities, 0)), title);
  else
    /* Translators: a toast; %u activities, then the title of the deal. */
    message = g_strdup_printf (ngettext ("%u activity added to “%s”", "%u activities added to “%s”", activities->len),
                               activities->len, title);
  affari_window_add_toast (self, message);
}

/* ------------------------------------------------------------ actions */

static void
files_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  AffariWindow *self = user_data;
  g_autofree const char **paths = NULL;
  gint64 deal_id = 0;

  end_highlight (self);
  g_variant_get (parameter, "(^a&sx)", &paths, &deal_id);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      const char *path = paths[i];
      g_autofree char *lower = g_ascii_strdown (path, -1);

      /* A spreadsheet, or Affari's own export: both go through the import dialog. */
      if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".json"))
        drop_csv (self, path);
      else if (g_str_has_suffix (lower, ".vcf") || g_str_has_suffix (lower, ".vcard"))
        drop_vcard (self, path);
      else if (g_str_has_suffix (lower, ".ics") || g_str_has_suffix (lower, ".ical"))
        drop_ics (self, path, deal_id);
      else
        {
          g_autofree char *name = g_path_get_basename (path);
          g_autofree char *message = NULL;

          /* Translators: a toast; %s is the name of a dropped file Affari cannot read. */
          message = g_strdup_printf (_("“%s” is not a file Affari reads: drop a .csv, .vcf or .ics file"), name);
          affari_window_add_toast (self, message);
        }
    }
}

static void
create_deal_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  AffariWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 deal_id;

  deal_id = affari_drop_create_deal_for_contact (affari_workspace_get_store (self->workspace), self->ops,
                                                 g_variant_get_int64 (parameter),
                                                 _affari_window_selected_pipeline_id (self), &error);
  if (deal_id == 0)
    {
      g_autofree char *message = g_strdup_printf (_("The deal could not be created: %s"), error->message);

      affari_window_add_toast (self, message);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "deal.open", "x", deal_id);
}

/* ------------------------------------------------------------ the window's target */

static GdkDragAction
on_enter_cb (GtkDropTarget *target,
             double         x,
             double         y,
             AffariWindow  *self)
{
  AdwToast *toast = g_object_get_data (G_OBJECT (self), "affari-drop-toast");

  gtk_widget_add_css_class (GTK_WIDGET (self), "affari-file-drop-active");
  if (toast == NULL)
    {
      /* Says what a drop does for as long as the files are over the window. */
      toast = adw_toast_new (_("Drop to import: .csv deals, .vcf contacts, .ics on a deal"));
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      g_object_set_data_full (G_OBJECT (self), "affari-drop-toast", g_object_ref (toast), g_object_unref);
      add_toast (self, toast);
    }
  return GDK_ACTION_COPY;
}

static void
on_leave_cb (GtkDropTarget *target,
             AffariWindow  *self)
{
  end_highlight (self);
}

/* The pointer moves over the window without a drag (a drag holds the pointer): whatever was
 * dragged is gone, also when a card refused it without a word to the window. */
static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              AffariWindow             *self)
{
  if (gtk_widget_has_css_class (GTK_WIDGET (self), "affari-file-drop-active"))
    end_highlight (self);
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            AffariWindow  *self)
{
  end_highlight (self);
  return affari_file_drop_activate (GTK_WIDGET (self), value, 0);
}

/* ------------------------------------------------------------ init */

void
_affari_window_drop_init (AffariWindow *self)
{
  static gsize css_loaded = 0;
  const GActionEntry entries[] = {
    { "files", files_activated_cb, "(asx)", NULL, NULL, { 0 } },
    { "create-deal", create_deal_activated_cb, "x", NULL, NULL, { 0 } },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkDropTarget *target;
  GtkEventController *motion;

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "drop", G_ACTION_GROUP (group));

  target = affari_file_drop_target_new ();
  g_signal_connect (target, "enter", G_CALLBACK (on_enter_cb), self);
  g_signal_connect (target, "leave", G_CALLBACK (on_leave_cb), self);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  if (g_once_init_enter (&css_loaded))
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_data (provider, drop_css, -1);
      gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)), GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&css_loaded, 1);
    }
}
