/* affari-activities-pager.c
 *
 * The Activities view on a phone: narrower than AFFARI_ACTIVITIES_NARROW_WIDTH the six columns
 * do not fit side by side, so one period at a time fills the width, paged with the buttons of
 * the pager (its name and "12 · € 48.200" between them). The columns stay the same widgets with
 * the same cards, menus ("Sposta in ▸") and drop targets; only which one is shown changes. A card
 * dragged onto the previous/next button flips to that period, where it can be dropped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-activities"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/activities/affari-activities-view-private.h"
#include "ui/common/affari-narrow-layout.h"

/* ------------------------------------------------------------ auxiliary */

static void
show_page (AffariActivitiesView *self,
           int                   page)
{
  if (page < 0 || page >= AFFARI_N_ACTIVITY_PERIODS)
    return;
  self->page = (AffariActivityPeriod) page;
  for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
    {
      Column *column = &self->columns[i];

      if (column->widget == NULL)
        continue;
      gtk_widget_set_visible (column->widget, !self->narrow || i == self->page);
      gtk_widget_set_hexpand (column->widget, self->narrow);
      if (column->header != NULL)
        gtk_widget_set_visible (column->header, !self->narrow);
    }
  affari_activities_view_update_pager (self);
}

/* ------------------------------------------------------------ callbacks */

static void
on_previous_clicked_cb (AffariActivitiesView *self)
{
  show_page (self, (int) self->page - 1);
}

static void
on_next_clicked_cb (AffariActivitiesView *self)
{
  show_page (self, (int) self->page + 1);
}

static void
on_plan_clicked_cb (AffariActivitiesView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "activities.plan", "i", (int) self->page);
}

/* A dragged card held over a pager button: the next period shows, to drop the card in. */
static void
on_pager_drag_enter_cb (GtkDropControllerMotion *motion,
                        double                   x,
                        double                   y,
                        AffariActivitiesView    *self)
{
  GtkWidget *button = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion));

  show_page (self, (int) self->page + (button == self->previous_button ? -1 : 1));
}

static void
on_narrow_changed (GtkWidget *widget,
                   gboolean   narrow)
{
  affari_activities_view_set_narrow (AFFARI_ACTIVITIES_VIEW (widget), narrow);
}

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (widget);

  show_page (self, (int) self->page + (g_variant_get_int32 (parameter) < 0 ? -1 : 1));
}

/* ------------------------------------------------------------ private API */

void
affari_activities_view_update_pager (AffariActivitiesView *self)
{
  Column *column = &self->columns[self->page];

  adw_window_title_set_title (self->page_title, affari_activity_period_label (self->page));
  adw_window_title_set_subtitle (self->page_title, column->summary != NULL ? column->summary : "");
  gtk_widget_set_sensitive (self->previous_button, self->page > 0);
  gtk_widget_set_sensitive (self->next_button, self->page + 1 < AFFARI_N_ACTIVITY_PERIODS);
  /* Nothing is planned in the past, nor "without an activity" (as the columns' "+"). */
  gtk_widget_set_visible (self->plan_button, self->page != AFFARI_ACTIVITY_PERIOD_OVERDUE &&
                                             self->page != AFFARI_ACTIVITY_PERIOD_NONE);
}

void
affari_activities_view_set_narrow (AffariActivitiesView *self,
                                   gboolean              narrow)
{
  narrow = !!narrow;
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;
  gtk_widget_set_visible (self->pager, narrow);
  /* Narrow, the one column is as wide as the view: nothing to scroll sideways. */
  gtk_scrolled_window_set_policy (self->scroller, narrow ? GTK_POLICY_NEVER : GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  show_page (self, self->page);
}

void
affari_activities_view_init_pager (AffariActivitiesView *self)
{
  GtkWidget *buttons[] = { self->previous_button, self->next_button };

  self->page = AFFARI_ACTIVITY_PERIOD_TODAY;
  gtk_widget_set_layout_manager (GTK_WIDGET (self), affari_narrow_layout_new (AFFARI_NARROW_WIDTH, on_narrow_changed));
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkEventController *motion = gtk_drop_controller_motion_new ();

      g_signal_connect (motion, "enter", G_CALLBACK (on_pager_drag_enter_cb), self);
      gtk_widget_add_controller (buttons[i], motion);
    }
}

void
affari_activities_view_class_init_pager (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, outer_box);
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, pager);
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, previous_button);
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, next_button);
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, plan_button);
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, page_title);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_clicked_cb);
  gtk_widget_class_install_action (widget_class, "activities.page", "i", page_action);
}

/* ------------------------------------------------------------ public API */

gboolean
affari_activities_view_get_narrow (AffariActivitiesView *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), FALSE);

  return self->narrow;
}

AffariActivityPeriod
affari_activities_view_get_page (AffariActivitiesView *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), AFFARI_ACTIVITY_PERIOD_TODAY);

  return self->page;
}

void
affari_activities_view_set_page (AffariActivitiesView *self,
                                 AffariActivityPeriod  period)
{
  g_return_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self));

  show_page (self, (int) period);
}
