/* affari-stage-dot.c
 *
 * Drawn with a snapshot rather than a CSS provider per colour: stages are many and user-defined,
 * and a style provider per widget is costly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-stage-dot"

#include "config.h"

#include "ui/common/affari-stage-dot.h"

#define DOT_SIZE 12

struct _AffariStageDot
{
  GtkWidget  parent_instance;

  char      *color;
  GdkRGBA    rgba;
};

G_DEFINE_FINAL_TYPE (AffariStageDot, affari_stage_dot, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COLOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
affari_stage_dot_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = *natural = DOT_SIZE;
}

static void
affari_stage_dot_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  AffariStageDot *self = AFFARI_STAGE_DOT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  float size = MIN (width, height);
  GskRoundedRect circle;
  graphene_rect_t bounds;

  graphene_rect_init (&bounds, (width - size) / 2.f, (height - size) / 2.f, size, size);
  gsk_rounded_rect_init_from_rect (&circle, &bounds, size / 2.f);

  gtk_snapshot_push_rounded_clip (snapshot, &circle);
  gtk_snapshot_append_color (snapshot, &self->rgba, &bounds);
  gtk_snapshot_pop (snapshot);
}

static void
affari_stage_dot_finalize (GObject *object)
{
  AffariStageDot *self = AFFARI_STAGE_DOT (object);

  g_clear_pointer (&self->color, g_free);

  G_OBJECT_CLASS (affari_stage_dot_parent_class)->finalize (object);
}

static void
affari_stage_dot_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AffariStageDot *self = AFFARI_STAGE_DOT (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_stage_dot_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AffariStageDot *self = AFFARI_STAGE_DOT (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      affari_stage_dot_set_color (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_stage_dot_class_init (AffariStageDotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = affari_stage_dot_finalize;
  object_class->get_property = affari_stage_dot_get_property;
  object_class->set_property = affari_stage_dot_set_property;

  widget_class->measure = affari_stage_dot_measure;
  widget_class->snapshot = affari_stage_dot_snapshot;

  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "stage-dot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
affari_stage_dot_init (AffariStageDot *self)
{
  gdk_rgba_parse (&self->rgba, "#9a9996");
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

GtkWidget *
affari_stage_dot_new (const char *color)
{
  return g_object_new (AFFARI_TYPE_STAGE_DOT, "color", color, NULL);
}

const char *
affari_stage_dot_get_color (AffariStageDot *self)
{
  g_return_val_if_fail (AFFARI_IS_STAGE_DOT (self), NULL);

  return self->color;
}

void
affari_stage_dot_set_color (AffariStageDot *self,
                            const char     *color)
{
  g_return_if_fail (AFFARI_IS_STAGE_DOT (self));

  if (g_strcmp0 (self->color, color) == 0)
    return;

  g_free (self->color);
  self->color = g_strdup (color);

  if (color == NULL || !gdk_rgba_parse (&self->rgba, color))
    gdk_rgba_parse (&self->rgba, "#9a9996");

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}
