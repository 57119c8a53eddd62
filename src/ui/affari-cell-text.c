/* affari-cell-text.c — one line of text in a table cell, shaped only when it is drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "affari-cell-text.h"
#include "affari-ui.h"

struct _AffariCellText
{
  GtkWidget    parent_instance;

  char        *text;
  float        xalign;
  PangoLayout *layout;        /* for layout_width; NULL until drawn */
  int          line_height;   /* 0 until measured (again after a move to another window) */
  int          layout_width;
};

G_DEFINE_FINAL_TYPE (AffariCellText, affari_cell_text, GTK_TYPE_WIDGET)

static int
line_height (AffariCellText *self)
{
  if (self->line_height == 0)
    self->line_height = affari_ui_line_height (GTK_WIDGET (self));

  return self->line_height;
}

static void
forget_layout (AffariCellText *self)
{
  g_clear_object (&self->layout);
  self->layout_width = -1;
}

static void
affari_cell_text_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  AffariCellText *self = AFFARI_CELL_TEXT (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 0;
  else
    *minimum = *natural = line_height (self);
}

static void
affari_cell_text_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  AffariCellText *self = AFFARI_CELL_TEXT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoRectangle logical;
  GdkRGBA color;
  float x;

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;

  if (self->layout == NULL || self->layout_width != width)
    {
      g_clear_object (&self->layout);
      self->layout = gtk_widget_create_pango_layout (widget, self->text);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (self->layout, width * PANGO_SCALE);
      self->layout_width = width;
    }

  pango_layout_get_pixel_extents (self->layout, NULL, &logical);
  x = logical.width < width ? (width - logical.width) * (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL
                                                         ? 1.0f - self->xalign : self->xalign)
                            : 0;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x - logical.x, (height - logical.height) / 2.0f));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
affari_cell_text_css_changed_cb (AffariCellText *self)
{
  forget_layout (self);
  self->line_height = 0;
}

static void
affari_cell_text_finalize (GObject *object)
{
  AffariCellText *self = AFFARI_CELL_TEXT (object);

  g_clear_object (&self->layout);
  g_free (self->text);

  G_OBJECT_CLASS (affari_cell_text_parent_class)->finalize (object);
}

static void
affari_cell_text_class_init (AffariCellTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = affari_cell_text_finalize;
  widget_class->measure = affari_cell_text_measure;
  widget_class->snapshot = affari_cell_text_snapshot;

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
affari_cell_text_init (AffariCellText *self)
{
  self->layout_width = -1;
  /* a new font or direction shapes the text again */
  g_signal_connect (self, "direction-changed", G_CALLBACK (affari_cell_text_css_changed_cb), NULL);
  g_signal_connect_swapped (self, "notify::root", G_CALLBACK (affari_cell_text_css_changed_cb), self);
}

GtkWidget *
affari_cell_text_new (void)
{
  return g_object_new (AFFARI_TYPE_CELL_TEXT, NULL);
}

const char *
affari_cell_text_get_text (AffariCellText *self)
{
  g_return_val_if_fail (AFFARI_IS_CELL_TEXT (self), NULL);

  return self->text ? self->text : "";
}

void
affari_cell_text_set_text (AffariCellText *self,
                           const char     *text)
{
  g_return_if_fail (AFFARI_IS_CELL_TEXT (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  forget_layout (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->text ? self->text : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
affari_cell_text_set_xalign (AffariCellText *self,
                             float           xalign)
{
  g_return_if_fail (AFFARI_IS_CELL_TEXT (self));

  self->xalign = CLAMP (xalign, 0.0f, 1.0f);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
