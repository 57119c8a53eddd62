/* affari-window-recurring.c — the window makes the regular deals that are due
 *
 * At start-up (once the window is on screen: the first frame is not kept waiting), at every
 * local midnight while the app is open, and when a template is saved (win.run-recurring, from
 * the card), through the window's deal operations: the models update from the change, and a
 * toast says how many deals were made, or "3 affari regolari erano in ritardo" when Affari was
 * closed on their days. win.show-recurring opens the "Modelli ricorrenti" window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ops/affari-recurring.h"
#include "ui/app/affari-window-private.h"
#include "ui/recurring/affari-recurring-window.h"

/* A few seconds past midnight: the new day has surely begun for the store's clock too. */
#define AFTER_MIDNIGHT_SECONDS 5

typedef struct {
  AffariWindow *window;    /* unowned: this lives as the window's data */
  guint idle_source;
  guint midnight_source;
  gulong map_handler;
} WindowRecurring;

static void arm_midnight (WindowRecurring *state);

/* ------------------------------------------------------------ auxiliary */

static void
window_recurring_free (gpointer data)
{
  WindowRecurring *state = data;

  g_clear_handle_id (&state->idle_source, g_source_remove);
  g_clear_handle_id (&state->midnight_source, g_source_remove);
  g_free (state);
}

static void
run_due (AffariWindow *self)
{
  g_autoptr(AffariRecurring) recurring = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint created = 0, late = 0;

  recurring = affari_recurring_new (affari_workspace_get_store (self->workspace), self->ops);
  if (!affari_recurring_run (recurring, NULL, &created, &late, &error))
    /* Translators: a toast; %s says why. */
    message = g_strdup_printf (_("Cannot create the regular deals: %s"), error->message);
  else if (late > 0)
    message = affari_recurring_describe_late (late);
  else if (created > 0)
    /* Translators: a toast after the recurring templates made their deals of today. */
    message = g_strdup_printf (ngettext ("%u regular deal created", "%u regular deals created", created), created);
  if (message != NULL)
    affari_window_add_toast (self, message);
}

static gboolean
on_midnight_cb (gpointer user_data)
{
  WindowRecurring *state = user_data;

  state->midnight_source = 0;
  run_due (state->window);
  arm_midnight (state);
  return G_SOURCE_REMOVE;
}

/* The next run: the next local midnight (a day's deals are all due at its start). */
static void
arm_midnight (WindowRecurring *state)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);
  gint64 seconds = g_date_time_difference (tomorrow, now) / G_USEC_PER_SEC + AFTER_MIDNIGHT_SECONDS;

  g_clear_handle_id (&state->midnight_source, g_source_remove);
  state->midnight_source = g_timeout_add_seconds ((guint) CLAMP (seconds, 1, 25 * 3600), on_midnight_cb, state);
}

static gboolean
on_startup_idle_cb (gpointer user_data)
{
  WindowRecurring *state = user_data;

  state->idle_source = 0;
  run_due (state->window);
  arm_midnight (state);
  return G_SOURCE_REMOVE;
}

static void
on_window_map_cb (GtkWidget       *widget,
                  WindowRecurring *state)
{
  g_clear_signal_handler (&state->map_handler, widget);
  /* Below the redraw priority: the first frame is drawn before the run. */
  state->idle_source = g_idle_add_full (G_PRIORITY_LOW, on_startup_idle_cb, state, NULL);
}

static void
on_window_destroy_cb (GtkWidget *widget,
                      gpointer   user_data)
{
  g_object_set_data (G_OBJECT (widget), "affari-window-recurring", NULL);
}

/* ------------------------------------------------------------ actions */

static void
run_recurring_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  run_due (AFFARI_WINDOW (widget));
}

static void
show_recurring_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);

  /* It opens a template's card here with deal.open, and runs the templates it resumes with
   * win.run-recurring: both this window's actions. */
  gtk_window_present (GTK_WINDOW (affari_recurring_window_new (GTK_WINDOW (self), self->workspace, self->ops,
                                                               widget)));
}

/* ------------------------------------------------------------ the window's hooks */

void
_affari_window_class_recurring_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-recurring", NULL, show_recurring_action);
  gtk_widget_class_install_action (widget_class, "win.run-recurring", NULL, run_recurring_action);
}

void
_affari_window_recurring_init (AffariWindow *self)
{
  WindowRecurring *state = g_new0 (WindowRecurring, 1);

  state->window = self;
  g_object_set_data_full (G_OBJECT (self), "affari-window-recurring", state, window_recurring_free);
  state->map_handler = g_signal_connect (self, "map", G_CALLBACK (on_window_map_cb), state);
  /* The timers go with the window's contents (dispose), not later with the object. */
  g_signal_connect (self, "destroy", G_CALLBACK (on_window_destroy_cb), NULL);
}
