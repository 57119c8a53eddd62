/* affari-file-drop.c — files dragged from the file manager onto the window, a card or a row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-ui"

#include "config.h"

#include "affari-file-drop.h"

GtkDropTarget *
affari_file_drop_target_new (void)
{
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  return target;
}

gboolean
affari_file_drop_activate (GtkWidget    *widget,
                           const GValue *value,
                           gint64        deal_id)
{
  g_autoptr(GVariantBuilder) paths = g_variant_builder_new (G_VARIANT_TYPE_STRING_ARRAY);
  GSList *files = NULL;
  guint n = 0;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    files = gdk_file_list_get_files (g_value_get_boxed (value));
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    files = g_slist_prepend (NULL, g_value_get_object (value));

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);

      /* A file on a phone or a web page (no local path) is not read here. */
      if (path == NULL)
        continue;
      g_variant_builder_add (paths, "s", path);
      n++;
    }
  g_slist_free (files);
  if (n == 0)
    return FALSE;
  return gtk_widget_activate_action (widget, "drop.files", "(asx)", paths, deal_id);
}
