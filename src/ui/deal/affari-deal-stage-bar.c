/* affari-deal-stage-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-stage-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/deal/affari-deal-stage-bar.h"

#define STRIPE_HEIGHT 6
#define TOUCH_SIZE    44 /* a finger's target, on a phone */

/* A stripe in a stage's colour; dimmed for the stages still ahead. */
#define AFFARI_TYPE_STAGE_STRIPE (affari_stage_stripe_get_type ())
G_DECLARE_FINAL_TYPE (AffariStageStripe, affari_stage_stripe, AFFARI, STAGE_STRIPE, GtkWidget)

struct _AffariStageStripe
{
  GtkWidget parent_instance;
  GdkRGBA   rgba;
  gboolean  lit;
};

G_DEFINE_FINAL_TYPE (AffariStageStripe, affari_stage_stripe, GTK_TYPE_WIDGET)

struct _AffariDealStageBar
{
  GtkWidget  parent_instance;

  GPtrArray *stages;     /* AffariStage */
  GPtrArray *buttons;    /* GtkButton, one per in-progress stage, then the final one */
  gint64     current;
  char      *finish_label; /* NULL: "Close Deal" */
  gboolean   narrow;       /* whole names, touch-sized: the card scrolls the bar */
};

G_DEFINE_FINAL_TYPE (AffariDealStageBar, affari_deal_stage_bar, GTK_TYPE_WIDGET)

/* ------------------------------------------------------------ stripe */

static void
affari_stage_stripe_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = *natural = STRIPE_HEIGHT;
  else
    *minimum = *natural = 12;
}

static void
affari_stage_stripe_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  AffariStageStripe *self = AFFARI_STAGE_STRIPE (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  GdkRGBA color = self->rgba;
  GskRoundedRect rounded;
  graphene_rect_t bounds;

  /* Stages still ahead stay visible but faint, in light and dark mode alike. */
  if (!self->lit)
    color.alpha *= 0.3f;

  graphene_rect_init (&bounds, 0, 0, width, height);
  gsk_rounded_rect_init_from_rect (&rounded, &bounds, height / 2.f);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &color, &bounds);
  gtk_snapshot_pop (snapshot);
}

static void
affari_stage_stripe_class_init (AffariStageStripeClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = affari_stage_stripe_measure;
  widget_class->snapshot = affari_stage_stripe_snapshot;
}

static void
affari_stage_stripe_init (AffariStageStripe *self)
{
  gdk_rgba_parse (&self->rgba, "#9a9996");
}

static void
stage_stripe_set (AffariStageStripe *self,
                  const char        *color,
                  gboolean           lit)
{
  if (color == NULL || !gdk_rgba_parse (&self->rgba, color))
    gdk_rgba_parse (&self->rgba, "#9a9996");
  self->lit = lit;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ------------------------------------------------------------ bar */

/* Shows a step as @label_text in @color, lit (passed or current) or not, current or not. */
static void
update_button (GtkWidget  *button,
               const char *label_text,
               const char *color,
               gboolean    lit,
               gboolean    current)
{
  stage_stripe_set (g_object_get_data (G_OBJECT (button), "affari-stripe"), color, lit);
  gtk_label_set_text (g_object_get_data (G_OBJECT (button), "affari-label"), label_text);
  gtk_widget_set_tooltip_text (button, label_text);
  if (current)
    gtk_widget_add_css_class (button, "current");
  else
    gtk_widget_remove_css_class (button, "current");
  if (lit)
    gtk_widget_add_css_class (button, "passed");
  else
    gtk_widget_remove_css_class (button, "passed");
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_SELECTED, current, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label_text, -1);
}

/* A step is a real button: Tab reaches it, Enter and Space activate it, its focus ring shows. It
 * stays the same widget when the deal moves, so that the focus stays on it. */
/* Narrow, a step shows its whole name (the bar scrolls instead of cutting it) and is a finger's size. */
static void
set_button_narrow (GtkWidget *button,
                   gboolean   narrow)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (button), "affari-label");

  gtk_label_set_ellipsize (label, narrow ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  gtk_widget_set_size_request (button, narrow ? TOUCH_SIZE * 2 : -1, narrow ? TOUCH_SIZE : -1);
}

static GtkWidget *
make_button (AffariDealStageBar *self)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *stripe = g_object_new (AFFARI_TYPE_STAGE_STRIPE, NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 4);
  gtk_box_append (GTK_BOX (box), stripe);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  g_object_set_data (G_OBJECT (button), "affari-stripe", stripe);
  g_object_set_data (G_OBJECT (button), "affari-label", label);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_set_focusable (button, TRUE);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "stage-step");
  set_button_narrow (button, self->narrow);
  gtk_widget_set_parent (button, GTK_WIDGET (self));
  g_ptr_array_add (self->buttons, button);
  return button;
}

/* One button per in-progress stage and the final one, made when the stages change. */
static void
rebuild (AffariDealStageBar *self)
{
  GtkWidget *child;
  GtkWidget *button;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_ptr_array_set_size (self->buttons, 0);

  if (self->stages == NULL)
    return;

  for (guint i = 0; i < self->stages->len; i++)
    {
      AffariStage *stage = g_ptr_array_index (self->stages, i);

      if (affari_stage_get_semantics (stage) != AFFARI_SEMANTICS_PROCESS)
        continue;
      button = make_button (self);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", affari_stage_get_id (stage));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "card.move-to-stage");
    }

  /* The last step closes the deal: it asks whether it was won or lost. */
  button = make_button (self);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "card.finish");
  gtk_widget_add_css_class (button, "final");
}

/* Lights the steps up to the current stage, in place. */
static void
update (AffariDealStageBar *self)
{
  AffariStage *current = NULL;
  AffariStage *won = NULL;
  int current_sort = G_MININT;
  guint n = 0;

  if (self->stages == NULL || self->buttons->len == 0)
    return;

  for (guint i = 0; i < self->stages->len; i++)
    {
      AffariStage *stage = g_ptr_array_index (self->stages, i);

      if (affari_stage_get_id (stage) == self->current)
        current = stage;
      if (won == NULL && affari_stage_get_semantics (stage) == AFFARI_SEMANTICS_SUCCESS)
        won = stage;
    }
  if (current != NULL)
    current_sort = affari_stage_get_semantics (current) == AFFARI_SEMANTICS_PROCESS ? affari_stage_get_sort (current) : G_MAXINT;

  for (guint i = 0; i < self->stages->len; i++)
    {
      AffariStage *stage = g_ptr_array_index (self->stages, i);

      if (affari_stage_get_semantics (stage) != AFFARI_SEMANTICS_PROCESS)
        continue;
      update_button (g_ptr_array_index (self->buttons, n++), affari_stage_get_name (stage), affari_stage_get_color (stage),
                     affari_stage_get_sort (stage) <= current_sort, stage == current);
    }

  if (current != NULL && affari_stage_get_semantics (current) != AFFARI_SEMANTICS_PROCESS)
    update_button (g_ptr_array_index (self->buttons, n), affari_stage_get_name (current), affari_stage_get_color (current), TRUE, TRUE);
  else
    update_button (g_ptr_array_index (self->buttons, n), self->finish_label != NULL ? self->finish_label : _("Close Deal"),
                   won != NULL ? affari_stage_get_color (won) : NULL, FALSE, FALSE);
}

static void
affari_deal_stage_bar_dispose (GObject *object)
{
  AffariDealStageBar *self = AFFARI_DEAL_STAGE_BAR (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);
  g_clear_pointer (&self->stages, g_ptr_array_unref);
  g_clear_pointer (&self->finish_label, g_free);

  G_OBJECT_CLASS (affari_deal_stage_bar_parent_class)->dispose (object);
}

static void
affari_deal_stage_bar_class_init (AffariDealStageBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_deal_stage_bar_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "stagebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
affari_deal_stage_bar_init (AffariDealStageBar *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_homogeneous (GTK_BOX_LAYOUT (layout), TRUE);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 2);
  self->buttons = g_ptr_array_new ();
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_deal_stage_bar_new (void)
{
  return g_object_new (AFFARI_TYPE_DEAL_STAGE_BAR, NULL);
}

void
affari_deal_stage_bar_set_stages (AffariDealStageBar *self,
                                  GPtrArray          *stages)
{
  g_return_if_fail (AFFARI_IS_DEAL_STAGE_BAR (self));

  if (stages != NULL)
    g_ptr_array_ref (stages);
  g_clear_pointer (&self->stages, g_ptr_array_unref);
  self->stages = stages;
  rebuild (self);
  update (self);
}

void
affari_deal_stage_bar_set_finish_label (AffariDealStageBar *self,
                                        const char         *label)
{
  g_return_if_fail (AFFARI_IS_DEAL_STAGE_BAR (self));

  if (g_strcmp0 (self->finish_label, label) == 0)
    return;
  g_free (self->finish_label);
  self->finish_label = g_strdup (label);
  update (self);
}

void
affari_deal_stage_bar_set_current (AffariDealStageBar *self,
                                   gint64              stage_id)
{
  g_return_if_fail (AFFARI_IS_DEAL_STAGE_BAR (self));

  self->current = stage_id;
  update (self);
}

void
affari_deal_stage_bar_set_narrow (AffariDealStageBar *self,
                                  gboolean            narrow)
{
  g_return_if_fail (AFFARI_IS_DEAL_STAGE_BAR (self));

  narrow = !!narrow;
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;
  for (guint i = 0; i < self->buttons->len; i++)
    set_button_narrow (g_ptr_array_index (self->buttons, i), narrow);
}

GtkWidget *
affari_deal_stage_bar_get_current_step (AffariDealStageBar *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_STAGE_BAR (self), NULL);

  for (guint i = 0; i < self->buttons->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (self->buttons, i), "current"))
      return g_ptr_array_index (self->buttons, i);
  return NULL;
}
