/* affari-cell-text.c — one line of text in a table cell, shaped only when it is drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui/list/affari-cell-text.h"
#include "ui/common/affari-ui.h"

struct _AffariCellText
{
  GtkWidget    parent_instance;

  char        *text;
  float        xalign;
  PangoLayout *layout;        /* for layout_width; NULL until drawn */
  char        *style_key;     /* its font and the attributes CSS gives its text; NULL until drawn */
  guint        style_serial;  /* of the widget's Pango context when style_key was made */
  PangoAttrList *style_attrs; /* the attributes CSS gives its text; NULL if none */
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

/* Layouts shared by every cell. A stage, a person, a date, a currency or a type repeats on most
 * rows, and shaping the same text again for each cell is most of the work of painting a screenful
 * of new rows (a keystroke in the search, a page scrolled). A layout depends on the text, the
 * width it is ellipsized to, the font and the attributes CSS adds, the resolution, the font
 * options and the direction: all of them are the key. Two generations: when the young one is
 * full, it becomes the old one (the older is forgotten), and a layout found in the old one comes
 * back to the young one, so scrolling through thousands of titles does not push out the few
 * texts every row repeats. A cell keeps its own reference to the layout it draws. */
#define SHARED_LAYOUTS_MAX 2048

static GHashTable *shared_young;
static GHashTable *shared_old;
static GHashTable *shared_contexts;   /* style key → a Pango context of its own for that style */

static GHashTable *
new_generation (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

static const char *
style_key (AffariCellText *self,
           PangoContext   *context)
{
  guint serial = pango_context_get_serial (context);

  if (self->style_key == NULL || self->style_serial != serial)
    {
      g_autoptr(PangoLayout) probe = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      PangoAttrList *attrs = pango_layout_get_attributes (probe);
      g_autofree char *font = pango_font_description_to_string (pango_context_get_font_description (context));
      g_autofree char *attributes = attrs != NULL ? pango_attr_list_to_string (attrs) : NULL;
      const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);

      g_clear_pointer (&self->style_attrs, pango_attr_list_unref);
      self->style_attrs = attrs != NULL ? pango_attr_list_ref (attrs) : NULL;
      g_free (self->style_key);
      self->style_key = g_strdup_printf ("%s\x1f%s\x1f%g\x1f%lu\x1f%d", font, attributes ? attributes : "",
                                         pango_cairo_context_get_resolution (context),
                                         options != NULL ? cairo_font_options_hash (options) : 0UL,
                                         (int) pango_context_get_base_dir (context));
      /* creating the probe may have brought the context up to date */
      self->style_serial = pango_context_get_serial (context);
    }

  return self->style_key;
}

static PangoLayout *
shared_layout (AffariCellText *self,
               int             width)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const char *style = style_key (self, context);
  g_autofree char *key = g_strdup_printf ("%s\x1f%d\x1f%s", style, width, self->text);
  PangoLayout *layout;

  if (shared_young == NULL)
    shared_young = new_generation ();
  layout = g_hash_table_lookup (shared_young, key);
  if (layout != NULL)
    return g_object_ref (layout);

  layout = shared_old != NULL ? g_hash_table_lookup (shared_old, key) : NULL;
  if (layout != NULL)
    g_object_ref (layout);
  else
    {
      /* A context of the style's own: the cell's may change with the cell, the key would not. */
      PangoContext *own;

      if (shared_contexts == NULL)
        shared_contexts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      own = g_hash_table_lookup (shared_contexts, style);
      if (own == NULL)
        {
          own = gtk_widget_create_pango_context (GTK_WIDGET (self));
          g_hash_table_insert (shared_contexts, g_strdup (style), own);
        }
      layout = pango_layout_new (own);
      pango_layout_set_attributes (layout, self->style_attrs);
      pango_layout_set_text (layout, self->text, -1);
      pango_layout_set_single_paragraph_mode (layout, TRUE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (layout, width * PANGO_SCALE);
    }

  if (g_hash_table_size (shared_young) >= SHARED_LAYOUTS_MAX)
    {
      g_clear_pointer (&shared_old, g_hash_table_unref);
      shared_old = g_steal_pointer (&shared_young);
      shared_young = new_generation ();
    }
  g_hash_table_insert (shared_young, g_steal_pointer (&key), g_object_ref (layout));

  return layout;
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
      self->layout = shared_layout (self, width);
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
  g_clear_pointer (&self->style_key, g_free);
  g_clear_pointer (&self->style_attrs, pango_attr_list_unref);
  self->line_height = 0;
}

static void
affari_cell_text_finalize (GObject *object)
{
  AffariCellText *self = AFFARI_CELL_TEXT (object);

  g_clear_object (&self->layout);
  g_free (self->style_key);
  g_clear_pointer (&self->style_attrs, pango_attr_list_unref);
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

PangoLayout *
affari_cell_text_get_layout (AffariCellText *self)
{
  g_return_val_if_fail (AFFARI_IS_CELL_TEXT (self), NULL);

  return self->layout;
}
