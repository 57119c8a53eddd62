/* affari-forecast-chart.c — the holdout check's bars, drawn with the snapshot API
 *
 * Colours come from the theme (the accent for the prediction, the text colour for what happened),
 * so that the chart reads in dark mode as well as light.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-forecast"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ui/forecast/affari-forecast-chart.h"

#define MARGIN_LEFT 56
#define MARGIN_RIGHT 16
#define MARGIN_TOP 36
#define MARGIN_BOTTOM 70

struct _AffariForecastChart
{
  GtkWidget parent_instance;

  gboolean has_data;
  AffariForecastHoldout holdout;
};

G_DEFINE_FINAL_TYPE (AffariForecastChart, affari_forecast_chart, GTK_TYPE_WIDGET)

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback,
              GdkRGBA    *color)
{
  /* GTK 4.8: the style context is how a widget reads the theme's named colours. */
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color))
    gdk_rgba_parse (color, fallback);
}

/* A text at (@x, @y): @align 0 left, 0.5 centred, 1 right of x; y is the top. */
static void
draw_text (GtkWidget     *widget,
           cairo_t       *cr,
           const char    *text,
           double         x,
           double         y,
           double         align,
           const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_move_to (cr, x - align * width, y);
  pango_cairo_show_layout (cr, layout);
}

/* A round step (1, 2, 5 × 10^k) for about four grid lines up to @max. */
static double
nice_step (double max)
{
  double raw = max / 4, power = pow (10, floor (log10 (raw))), f = raw / power;

  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

static void
affari_forecast_chart_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  AffariForecastChart *self = AFFARI_FORECAST_CHART (widget);
  const AffariForecastHoldout *h = &self->holdout;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double means[2][AFFARI_FORECAST_BUCKETS];
  double max = 0, step, plot_w, plot_h, group_w;
  GdkRGBA fg, accent, grid, actual, dim;
  cairo_t *cr;

  if (!self->has_data || width <= MARGIN_LEFT + MARGIN_RIGHT || height <= MARGIN_TOP + MARGIN_BOTTOM)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  lookup_color (widget, "accent_bg_color", "#3584e4", &accent);
  grid = fg;
  grid.alpha *= 0.15;
  actual = fg;
  actual.alpha *= 0.55;
  dim = fg;
  dim.alpha *= 0.6;

  for (guint i = 0; i < AFFARI_FORECAST_BUCKETS; i++)
    {
      double n = h->clients[i];

      means[0][i] = n > 0 ? h->predicted[i] / n : 0;
      means[1][i] = n > 0 ? h->actual[i] / n : 0;
      max = MAX (max, MAX (means[0][i], means[1][i]));
    }
  if (max <= 0)
    max = 1;
  step = nice_step (max);
  max = ceil (max / step) * step;

  plot_w = width - MARGIN_LEFT - MARGIN_RIGHT;
  plot_h = height - MARGIN_TOP - MARGIN_BOTTOM;
  group_w = plot_w / AFFARI_FORECAST_BUCKETS;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* The legend, above the plot. */
  {
    const char *labels[2] = { _("Predicted"), _("Actual") };
    const GdkRGBA *colors[2] = { &accent, &actual };
    double x = MARGIN_LEFT;

    for (guint k = 0; k < 2; k++)
      {
        g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, labels[k]);
        int w, lh;

        pango_layout_get_pixel_size (layout, &w, &lh);
        gdk_cairo_set_source_rgba (cr, colors[k]);
        cairo_rectangle (cr, x, 8 + (lh - 12) / 2.0, 12, 12);
        cairo_fill (cr);
        draw_text (widget, cr, labels[k], x + 18, 8, 0, &fg);
        x += 18 + w + 24;
      }
  }

  /* Horizontal grid lines and the y axis' numbers. */
  for (double v = 0; v <= max + step / 2; v += step)
    {
      double y = MARGIN_TOP + plot_h - v / max * plot_h;
      g_autofree char *text = g_strdup_printf (step < 1 ? "%.1f" : "%.0f", v);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
      int w, lh;

      gdk_cairo_set_source_rgba (cr, &grid);
      cairo_rectangle (cr, MARGIN_LEFT, y, plot_w, 1);
      cairo_fill (cr);
      pango_layout_get_pixel_size (layout, &w, &lh);
      draw_text (widget, cr, text, MARGIN_LEFT - 6, y - lh / 2.0, 1, &fg);
    }

  /* The bars, two a group, and each group's label under it. */
  for (guint i = 0; i < AFFARI_FORECAST_BUCKETS; i++)
    {
      double bar_w = group_w * 0.32;
      double x0 = MARGIN_LEFT + i * group_w + group_w * 0.5 - bar_w;
      g_autofree char *label = i + 1 < AFFARI_FORECAST_BUCKETS ? g_strdup_printf ("%u", i) : g_strdup_printf ("%u+", i);

      for (guint k = 0; k < 2; k++)
        {
          double bar_h = means[k][i] / max * plot_h;

          gdk_cairo_set_source_rgba (cr, k == 0 ? &accent : &actual);
          cairo_rectangle (cr, x0 + k * bar_w, MARGIN_TOP + plot_h - bar_h, bar_w - 2, bar_h);
          cairo_fill (cr);
        }
      draw_text (widget, cr, label, MARGIN_LEFT + (i + 0.5) * group_w, MARGIN_TOP + plot_h + 4, 0.5, &fg);
      {
        /* How many clients each pair of bars stands for: a mean of two says little. */
        g_autofree char *count = g_strdup_printf (ngettext ("%u client", "%u clients", h->clients[i]), h->clients[i]);

        draw_text (widget, cr, count, MARGIN_LEFT + (i + 0.5) * group_w, MARGIN_TOP + plot_h + 22, 0.5, &dim);
      }
    }

  /* The axes' titles. */
  draw_text (widget, cr, _("Repeat purchases before the cut-off day"), MARGIN_LEFT + plot_w / 2, height - 22, 0.5, &fg);
  draw_text (widget, cr, _("Mean repeat purchases after it, per client"), MARGIN_LEFT + plot_w, 8, 1, &fg);

  cairo_destroy (cr);
}

static void
affari_forecast_chart_class_init (AffariForecastChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = affari_forecast_chart_snapshot;
  gtk_widget_class_set_css_name (widget_class, "forecast-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
affari_forecast_chart_init (AffariForecastChart *self)
{
}

GtkWidget *
affari_forecast_chart_new (void)
{
  return g_object_new (AFFARI_TYPE_FORECAST_CHART, NULL);
}

void
affari_forecast_chart_set_data (AffariForecastChart         *self,
                                const AffariForecastHoldout *holdout)
{
  g_return_if_fail (AFFARI_IS_FORECAST_CHART (self));

  self->has_data = holdout != NULL;
  if (holdout != NULL)
    self->holdout = *holdout;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
