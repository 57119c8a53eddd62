/* affari-narrow-layout.c
 *
 * A view decides its phone layout from the width it is given, not from the window's: the same
 * view can sit in a wide window beside a sidebar. Deciding in the allocation (rather than in an
 * idle after it) means the first frame at a new width is already the right layout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-ui"

#include "config.h"

#include "ui/common/affari-narrow-layout.h"

struct _AffariNarrowLayout
{
  GtkLayoutManager parent_instance;

  int              width;
  AffariNarrowFunc func;
  gboolean         narrow;
};

G_DEFINE_FINAL_TYPE (AffariNarrowLayout, affari_narrow_layout, GTK_TYPE_LAYOUT_MANAGER)

static void
affari_narrow_layout_measure (GtkLayoutManager *manager,
                              GtkWidget        *widget,
                              GtkOrientation    orientation,
                              int               for_size,
                              int              *minimum,
                              int              *natural,
                              int              *minimum_baseline,
                              int              *natural_baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

static void
affari_narrow_layout_allocate (GtkLayoutManager *manager,
                               GtkWidget        *widget,
                               int               width,
                               int               height,
                               int               baseline)
{
  AffariNarrowLayout *self = AFFARI_NARROW_LAYOUT (manager);
  gboolean narrow = width < self->width;

  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      if (self->func != NULL)
        self->func (widget, narrow);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
affari_narrow_layout_class_init (AffariNarrowLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->measure = affari_narrow_layout_measure;
  layout_class->allocate = affari_narrow_layout_allocate;
}

static void
affari_narrow_layout_init (AffariNarrowLayout *self)
{
}

GtkLayoutManager *
affari_narrow_layout_new (int              width,
                          AffariNarrowFunc func)
{
  AffariNarrowLayout *self = g_object_new (AFFARI_TYPE_NARROW_LAYOUT, NULL);

  self->width = width;
  self->func = func;
  return GTK_LAYOUT_MANAGER (self);
}

gboolean
affari_narrow_layout_get_narrow (AffariNarrowLayout *self)
{
  g_return_val_if_fail (AFFARI_IS_NARROW_LAYOUT (self), FALSE);

  return self->narrow;
}
