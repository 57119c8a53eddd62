/* affari-kanban-card-draw.c
 *
 * What a Kanban card draws besides its texts' layout: the avatar, the icons, the colours, and the
 * words of the next activity. The card is one widget without children (see affari-kanban-card.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-kanban-card"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/board/affari-kanban-card-draw.h"

/* libadwaita 1.2's avatar colours (_avatar.scss): gradient top, bottom, initials. */
static const char *avatar_palette[][3] = {
  { "#83b6ec", "#337fdc", "#cfe1f5" },
  { "#7ad9f1", "#0f9ac8", "#caeaf2" },
  { "#8de6b1", "#29ae74", "#cef8d8" },
  { "#b5e98a", "#6ab85b", "#e6f9d7" },
  { "#f8e359", "#d29d09", "#f9f4e1" },
  { "#ffcb62", "#d68400", "#ffead1" },
  { "#ffa95a", "#ed5b00", "#ffe5c5" },
  { "#f78773", "#e62d42", "#f8d2ce" },
  { "#e973ab", "#e33b6a", "#fac7de" },
  { "#cb78d4", "#9945b5", "#e7c2e8" },
  { "#9e91e8", "#7a59ca", "#d5d2f5" },
  { "#e3cf9c", "#b08952", "#f2eade" },
  { "#be916d", "#785336", "#e5d6ca" },
  { "#c0bfbc", "#6e6d71", "#d8d7d3" },
};

/* "Mario Rossi" → "MR", as AdwAvatar shows it. */
char *
affari_kanban_card_initials_of (const char *name)
{
  g_auto(GStrv) words = g_strsplit (name, " ", -1);
  GString *initials = g_string_new (NULL);
  const char *first = NULL, *last = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        if (first == NULL)
          first = words[i];
        else
          last = words[i];
      }

  if (first != NULL)
    g_string_append_unichar (initials, g_unichar_toupper (g_utf8_get_char (first)));
  if (last != NULL)
    g_string_append_unichar (initials, g_unichar_toupper (g_utf8_get_char (last)));

  return g_string_free (initials, FALSE);
}

guint
affari_kanban_card_avatar_color (const char *name)
{
  return g_str_hash (name) % G_N_ELEMENTS (avatar_palette);
}

/* The next activity as a seller reads it: overdue (red), today, planned, or none. */
char *
affari_kanban_card_describe_activity (AffariDeal    *deal,
                                      ActivityState *state)
{
  gint64 deadline = affari_deal_get_next_activity (deal);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *shown = NULL;

  if (deadline == 0)
    {
      *state = ACTIVITY_NONE;
      return g_strdup (_("No activity"));
    }

  now = g_date_time_new_now_local ();
  when = g_date_time_new_from_unix_local (deadline);

  if (deadline < g_date_time_to_unix (now))
    {
      *state = ACTIVITY_OVERDUE;
      shown = g_date_time_format (when, "%d/%m");
      /* Translators: the next activity of a deal is late; %s is its date, "27/11". */
      return g_strdup_printf (_("Overdue: %s"), shown);
    }

  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    {
      *state = ACTIVITY_TODAY;
      shown = g_date_time_format (when, "%H:%M");
      /* Translators: the next activity of a deal is due today; %s is its time, "14:30". */
      return g_strdup_printf (_("Today %s"), shown);
    }

  *state = ACTIVITY_PLANNED;
  shown = g_date_time_format (when, g_date_time_get_year (when) == g_date_time_get_year (now) ? "%d/%m" : "%d/%m/%Y");
  /* Translators: the next activity of a deal; %s is its date, "27/11/2026". */
  return g_strdup_printf (_("Planned: %s"), shown);
}

void
affari_kanban_card_lookup_color (GtkWidget  *widget,
                                 const char *name,
                                 const char *fallback,
                                 GdkRGBA    *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

void
affari_kanban_card_snapshot_icon (GtkWidget     *widget,
                                  GtkSnapshot   *snapshot,
                                  const char    *icon_name,
                                  double         x,
                                  double         y,
                                  const GdkRGBA *color)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  g_autoptr(GtkIconPaintable) icon = NULL;
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  /* The theme caches its lookups: asking again is a hash lookup. */
  icon = gtk_icon_theme_lookup_icon (theme, icon_name, NULL, AFFARI_CARD_ICON_SIZE, gtk_widget_get_scale_factor (widget),
                                     gtk_widget_get_direction (widget), 0);
  affari_kanban_card_lookup_color (widget, "error_color", "#c01c28", &colors[1]);
  affari_kanban_card_lookup_color (widget, "warning_color", "#9c6e03", &colors[2]);
  affari_kanban_card_lookup_color (widget, "success_color", "#1b8553", &colors[3]);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot, AFFARI_CARD_ICON_SIZE, AFFARI_CARD_ICON_SIZE, colors, 4);
  gtk_snapshot_restore (snapshot);
}

void
affari_kanban_card_snapshot_layout (GtkSnapshot   *snapshot,
                                    PangoLayout   *layout,
                                    double         x,
                                    double         y,
                                    const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

void
affari_kanban_card_snapshot_avatar (GtkSnapshot *snapshot,
                                    PangoLayout *initials,
                                    guint        color,
                                    double       x,
                                    double       y)
{
  const char **colors = avatar_palette[color % G_N_ELEMENTS (avatar_palette)];
  graphene_rect_t rect = GRAPHENE_RECT_INIT (x, y, AFFARI_CARD_AVATAR_SIZE, AFFARI_CARD_AVATAR_SIZE);
  GskColorStop stops[2];
  GdkRGBA text;
  GskRoundedRect circle;
  int width, height;

  gdk_rgba_parse (&stops[0].color, colors[0]);
  gdk_rgba_parse (&stops[1].color, colors[1]);
  gdk_rgba_parse (&text, colors[2]);
  stops[0].offset = 0;
  stops[1].offset = 1;

  gsk_rounded_rect_init_from_rect (&circle, &rect, AFFARI_CARD_AVATAR_SIZE / 2.0);
  gtk_snapshot_push_rounded_clip (snapshot, &circle);
  gtk_snapshot_append_linear_gradient (snapshot, &rect,
                                       &GRAPHENE_POINT_INIT (x, y),
                                       &GRAPHENE_POINT_INIT (x, y + AFFARI_CARD_AVATAR_SIZE),
                                       stops, 2);
  gtk_snapshot_pop (snapshot);

  pango_layout_get_pixel_size (initials, &width, &height);
  affari_kanban_card_snapshot_layout (snapshot, initials,
                                      x + (AFFARI_CARD_AVATAR_SIZE - width) / 2.0,
                                      y + (AFFARI_CARD_AVATAR_SIZE - height) / 2.0, &text);
}
