/* affari-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-ui"

#include "config.h"

#include <gio/gio.h>

#include "affari-resources.h"
#include "ui/common/affari-ui.h"

void
affari_ui_ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      affari_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

int
affari_ui_line_height (GtkWidget *widget)
{
  static GHashTable *heights;   /* "font@dpi" → height */
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  g_autofree char *name = font != NULL ? pango_font_description_to_string (font) : g_strdup ("");
  char resolution[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *key = g_strconcat (name, "@", g_ascii_dtostr (resolution, sizeof resolution,
                                                                   pango_cairo_context_get_resolution (context)), NULL);
  int height;

  if (heights == NULL)
    heights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  height = GPOINTER_TO_INT (g_hash_table_lookup (heights, key));
  if (height == 0)
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      height = MAX (1, PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics)));
      pango_font_metrics_unref (metrics);
      g_hash_table_insert (heights, g_steal_pointer (&key), GINT_TO_POINTER (height));
    }
  return height;
}

gboolean
affari_ui_adjustment_step (GtkAdjustment *adjustment,
                           double         delta)
{
  double before = gtk_adjustment_get_value (adjustment);

  gtk_adjustment_set_value (adjustment, before + delta);

  return gtk_adjustment_get_value (adjustment) != before;
}
