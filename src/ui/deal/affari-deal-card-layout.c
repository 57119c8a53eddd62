/* affari-deal-card-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-card"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/deal/affari-deal-card-layout.h"
#include "ui/deal/affari-deal-card-util.h"

#define MAX_FIELD_WIDGETS 3

struct _AffariCardLayout
{
  AdwPreferencesPage     *page;
  AdwPreferencesGroup    *contacts_group;
  AdwPreferencesGroup    *tail;
  GPtrArray              *unused;     /* GtkWidget, the template's groups */
  AffariCardFieldWidgets  lookup;
  gpointer                user_data;

  GPtrArray              *groups;     /* AdwPreferencesGroup made for the sections */
  GPtrArray              *widgets;    /* every widget placed (or kept aside, hidden), referenced */
  char                   *signature;  /* what is shown now */
  gboolean                shows_client;
};

static void
detach (GtkWidget *widget)
{
  affari_card_group_remove (widget);
}

static void
detach_group (AffariCardLayout *self,
              GtkWidget        *group)
{
  if (gtk_widget_get_parent (group) != NULL)
    adw_preferences_page_remove (self->page, ADW_PREFERENCES_GROUP (group));
}

AffariCardLayout *
affari_card_layout_new (AdwPreferencesPage     *page,
                        AdwPreferencesGroup    *contacts_group,
                        AdwPreferencesGroup    *tail,
                        GtkWidget             **unused,
                        guint                   n_unused,
                        AffariCardFieldWidgets  lookup,
                        gpointer                user_data)
{
  AffariCardLayout *self = g_new0 (AffariCardLayout, 1);

  self->page = g_object_ref (page);
  self->contacts_group = g_object_ref (contacts_group);
  self->tail = g_object_ref (tail);
  self->unused = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_unused; i++)
    g_ptr_array_add (self->unused, g_object_ref (unused[i]));
  self->lookup = lookup;
  self->user_data = user_data;
  self->groups = g_ptr_array_new_with_free_func (g_object_unref);
  self->widgets = g_ptr_array_new_with_free_func (g_object_unref);
  self->shows_client = TRUE;
  return self;
}

void
affari_card_layout_free (AffariCardLayout *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->widgets, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->unused, g_ptr_array_unref);
  g_clear_object (&self->page);
  g_clear_object (&self->contacts_group);
  g_clear_object (&self->tail);
  g_free (self->signature);
  g_free (self);
}

void
affari_card_layout_invalidate (AffariCardLayout *self)
{
  g_clear_pointer (&self->signature, g_free);
}

gboolean
affari_card_layout_shows_client (AffariCardLayout *self)
{
  return self->shows_client;
}

void
affari_card_layout_apply (AffariCardLayout *self,
                          AffariWorkspace  *workspace,
                          gint64            pipeline_id)
{
  g_autoptr(GPtrArray) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) signature = NULL;
  g_autoptr(GPtrArray) old_widgets = NULL;
  gboolean contacts_placed = FALSE;

  layout = affari_workspace_get_card_layout (workspace, pipeline_id, &error);
  if (layout == NULL)
    {
      g_warning ("Cannot read the card layout: %s", error->message);
      return;
    }

  /* The same layout with the same rows: nothing to move (this runs on every reload). */
  signature = g_string_new (NULL);
  g_string_append_printf (signature, "%" G_GINT64_FORMAT, pipeline_id);
  for (guint i = 0; i < layout->len; i++)
    {
      AffariCardSection *section = g_ptr_array_index (layout, i);

      g_string_append_printf (signature, "|%s\x1f%s", section->name, section->title);
      for (guint j = 0; j < section->elements->len; j++)
        {
          AffariCardElement *element = &g_array_index (section->elements, AffariCardElement, j);
          GtkWidget *widgets[MAX_FIELD_WIDGETS + 1] = { NULL };

          g_string_append_printf (signature, ";%s%s", element->field, element->hidden ? "-" : "+");
          if (self->lookup (element->field, widgets, self->user_data))
            for (guint k = 0; widgets[k] != NULL; k++)
              g_string_append_printf (signature, ",%p", (gpointer) widgets[k]);
        }
    }
  if (g_strcmp0 (signature->str, self->signature) == 0)
    return;
  g_free (self->signature);
  self->signature = g_strdup (signature->str);

  /* Everything out of the page first: the rows, the groups made last time, contacts and tail. */
  /* The old references go only at the end: rows of custom fields have no other owner. */
  old_widgets = g_steal_pointer (&self->widgets);
  self->widgets = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < old_widgets->len; i++)
    detach (g_ptr_array_index (old_widgets, i));
  for (guint i = 0; i < self->groups->len; i++)
    detach_group (self, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  detach_group (self, GTK_WIDGET (self->contacts_group));
  detach_group (self, GTK_WIDGET (self->tail));
  for (guint i = 0; i < layout->len; i++)
    {
      AffariCardSection *section = g_ptr_array_index (layout, i);

      for (guint j = 0; j < section->elements->len; j++)
        {
          GtkWidget *widgets[MAX_FIELD_WIDGETS + 1] = { NULL };

          if (!self->lookup (g_array_index (section->elements, AffariCardElement, j).field, widgets, self->user_data))
            continue;
          for (guint k = 0; widgets[k] != NULL; k++)
            {
              g_ptr_array_add (self->widgets, g_object_ref (widgets[k]));
              detach (widgets[k]);
            }
        }
    }
  for (guint i = 0; i < self->unused->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->unused, i), FALSE);

  self->shows_client = FALSE;
  for (guint i = 0; i < layout->len; i++)
    {
      AffariCardSection *section = g_ptr_array_index (layout, i);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      gboolean holds_client = FALSE;
      guint shown = 0;

      adw_preferences_group_set_title (group, section->title);
      gtk_widget_add_css_class (GTK_WIDGET (group), "card-section");
      g_object_set_data_full (G_OBJECT (group), "affari-section", g_strdup (section->name), g_free);
      for (guint j = 0; j < section->elements->len; j++)
        {
          AffariCardElement *element = &g_array_index (section->elements, AffariCardElement, j);
          GtkWidget *widgets[MAX_FIELD_WIDGETS + 1] = { NULL };

          /* Hidden fields keep their rows aside (referenced above), out of the page. */
          if (element->hidden || !self->lookup (element->field, widgets, self->user_data))
            continue;
          for (guint k = 0; widgets[k] != NULL; k++)
            affari_card_group_add (group, widgets[k]);
          if (g_str_equal (element->field, "CLIENT"))
            holds_client = TRUE;
          shown++;
        }
      adw_preferences_page_add (self->page, group);
      gtk_widget_set_visible (GTK_WIDGET (group), shown > 0);
      g_ptr_array_add (self->groups, g_object_ref (group));
      if (holds_client)
        {
          adw_preferences_page_add (self->page, self->contacts_group);
          contacts_placed = TRUE;
          self->shows_client = TRUE;
        }
    }
  if (!contacts_placed)
    {
      adw_preferences_page_add (self->page, self->contacts_group);
      gtk_widget_set_visible (GTK_WIDGET (self->contacts_group), FALSE);
    }
  adw_preferences_page_add (self->page, self->tail);
}
