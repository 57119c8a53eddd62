/* affari-kanban-drop-zones.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-kanban-drop-zones"

#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-deal.h"
#include "model/affari-stage.h"

#include "ui/board/affari-kanban-drop-zones.h"

struct _AffariKanbanDropZones
{
  GtkWidget       parent_instance;

  AffariCardHost *host;    /* weak */
  gboolean        narrow;
};

G_DEFINE_FINAL_TYPE (AffariKanbanDropZones, affari_kanban_drop_zones, GTK_TYPE_WIDGET)

static GQuark stage_quark;

/* ------------------------------------------------------------ callbacks */

static gboolean
on_zone_drop_cb (GtkDropTarget         *target,
                 const GValue          *value,
                 double                 x,
                 double                 y,
                 AffariKanbanDropZones *self)
{
  GtkWidget *zone = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  gint64 *stage = g_object_get_qdata (G_OBJECT (zone), stage_quark);
  AffariDeal *deal;

  gtk_widget_remove_css_class (zone, "drop-hover");

  if (self->host == NULL || !G_VALUE_HOLDS (value, AFFARI_TYPE_DEAL) || (deal = g_value_get_object (value)) == NULL)
    return FALSE;

  if (stage == NULL)
    {
      affari_card_host_trash (self->host, affari_deal_get_id (deal));
      return TRUE;
    }

  return affari_card_host_move_to (self->host, deal, *stage, 0, FALSE);
}

static GdkDragAction
on_zone_enter_cb (GtkDropTarget *target,
                  double         x,
                  double         y,
                  GtkWidget     *zone)
{
  gtk_widget_add_css_class (zone, "drop-hover");
  return GDK_ACTION_MOVE;
}

static void
on_zone_leave_cb (GtkDropTarget *target,
                  GtkWidget     *zone)
{
  gtk_widget_remove_css_class (zone, "drop-hover");
}

/* ------------------------------------------------------------ auxiliary */

static void
apply_narrow (GtkWidget *zone,
              gboolean   narrow)
{
  GtkWidget *name = gtk_widget_get_last_child (zone);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (zone), narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (GTK_BOX (zone), narrow ? 2 : 6);
  gtk_label_set_wrap (GTK_LABEL (name), narrow);
  gtk_label_set_lines (GTK_LABEL (name), narrow ? 3 : -1);
  gtk_label_set_justify (GTK_LABEL (name), GTK_JUSTIFY_CENTER);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  /* Wrapped, a label asks for the width of its longest word only: the zones stay of one width. */
  gtk_label_set_max_width_chars (GTK_LABEL (name), narrow ? 1 : -1);
  if (narrow)
    gtk_widget_add_css_class (name, "caption");
  else
    gtk_widget_remove_css_class (name, "caption");
}

static void
add_zone (AffariKanbanDropZones *self,
          gint64                 stage_id,
          const char            *label,
          const char            *icon_name,
          const char            *css_class)
{
  GtkWidget *zone = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (label);
  GtkDropTarget *target;
  GType types[] = { AFFARI_TYPE_DEAL };

  gtk_widget_set_halign (name, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (zone), gtk_image_new_from_icon_name (icon_name));
  gtk_box_append (GTK_BOX (zone), name);
  gtk_widget_add_css_class (zone, "kanban-drop-zone");
  gtk_widget_add_css_class (zone, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (zone), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_name (zone, css_class);

  if (stage_id != 0)
    g_object_set_qdata_full (G_OBJECT (zone), stage_quark, g_memdup2 (&stage_id, sizeof stage_id), g_free);

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_MOVE);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "enter", G_CALLBACK (on_zone_enter_cb), zone);
  g_signal_connect (target, "leave", G_CALLBACK (on_zone_leave_cb), zone);
  g_signal_connect (target, "drop", G_CALLBACK (on_zone_drop_cb), self);
  gtk_widget_add_controller (zone, GTK_EVENT_CONTROLLER (target));

  apply_narrow (zone, self->narrow);
  gtk_widget_set_parent (zone, GTK_WIDGET (self));
}

static void
remove_zones (AffariKanbanDropZones *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
}

/* ------------------------------------------------------------ overrides */

static void
affari_kanban_drop_zones_dispose (GObject *object)
{
  AffariKanbanDropZones *self = AFFARI_KANBAN_DROP_ZONES (object);

  remove_zones (self);
  g_clear_weak_pointer (&self->host);

  G_OBJECT_CLASS (affari_kanban_drop_zones_parent_class)->dispose (object);
}

static void
affari_kanban_drop_zones_class_init (AffariKanbanDropZonesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_kanban_drop_zones_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "box");

  stage_quark = g_quark_from_static_string ("affari-kanban-drop-zone-stage");
}

static void
affari_kanban_drop_zones_init (AffariKanbanDropZones *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 12);
  gtk_box_layout_set_homogeneous (GTK_BOX_LAYOUT (layout), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "kanban-drop-zones");
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_kanban_drop_zones_new (void)
{
  return g_object_new (AFFARI_TYPE_KANBAN_DROP_ZONES, NULL);
}

void
affari_kanban_drop_zones_set_host (AffariKanbanDropZones *self,
                                   AffariCardHost        *host)
{
  g_return_if_fail (AFFARI_IS_KANBAN_DROP_ZONES (self));

  g_set_weak_pointer (&self->host, host);
}

void
affari_kanban_drop_zones_set_stages (AffariKanbanDropZones *self,
                                     GPtrArray             *stages)
{
  g_return_if_fail (AFFARI_IS_KANBAN_DROP_ZONES (self));

  remove_zones (self);
  if (stages == NULL)
    return;

  /* Closing zones, as in Bitrix24: won, each way of losing, and the trash. */
  for (guint i = 0; i < stages->len; i++)
    {
      AffariStage *stage = g_ptr_array_index (stages, i);

      if (affari_stage_get_semantics (stage) == AFFARI_SEMANTICS_SUCCESS)
        add_zone (self, affari_stage_get_id (stage), affari_stage_get_name (stage), "emblem-ok-symbolic", "won");
    }
  for (guint i = 0; i < stages->len; i++)
    {
      AffariStage *stage = g_ptr_array_index (stages, i);

      if (affari_stage_get_semantics (stage) == AFFARI_SEMANTICS_FAILURE)
        add_zone (self, affari_stage_get_id (stage), affari_stage_get_name (stage), "window-close-symbolic", "lost");
    }
  add_zone (self, 0, _("Delete"), "user-trash-symbolic", "trash");
}

void
affari_kanban_drop_zones_set_narrow (AffariKanbanDropZones *self,
                                     gboolean               narrow)
{
  GtkLayoutManager *layout;

  g_return_if_fail (AFFARI_IS_KANBAN_DROP_ZONES (self));

  if (self->narrow == narrow)
    return;

  self->narrow = narrow;
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), narrow ? 6 : 12);
  for (GtkWidget *zone = gtk_widget_get_first_child (GTK_WIDGET (self)); zone != NULL; zone = gtk_widget_get_next_sibling (zone))
    apply_narrow (zone, narrow);
}
