/* affari-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-ui"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

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

static void
on_limited_insert_text_cb (GtkEditable *text,
                           const char  *new_text,
                           int          length,
                           int         *position,
                           const char  *what)
{
  int max_chars = gtk_text_get_max_length (GTK_TEXT (text));
  glong adding = g_utf8_strlen (new_text, length);
  glong have = g_utf8_strlen (gtk_editable_get_text (text), -1);
  g_autofree char *message = NULL;

  if (max_chars <= 0 || have + adding <= max_chars)
    return;
  /* GtkText cuts the insertion at the limit; the person learns why. */
  /* Translators: a toast; %s is what was typed into ("Il titolo"), %d its limit in characters. */
  message = g_strdup_printf (_("%s can have at most %d characters: the rest was cut."), what, max_chars);
  gtk_widget_activate_action (GTK_WIDGET (text), "win.toast", "s", message);
}

void
affari_ui_limit_text (GtkEditable *editable,
                      int          max_chars,
                      const char  *what)
{
  GtkEditable *text = editable;

  g_return_if_fail (GTK_IS_EDITABLE (editable));

  while (text != NULL && !GTK_IS_TEXT (text))
    text = gtk_editable_get_delegate (text);
  g_return_if_fail (text != NULL);

  gtk_text_set_max_length (GTK_TEXT (text), max_chars);
  g_signal_connect_data (text, "insert-text", G_CALLBACK (on_limited_insert_text_cb), g_strdup (what),
                         (GClosureNotify) (void (*) (void)) g_free, 0);
}
