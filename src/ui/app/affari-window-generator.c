/* affari-window-generator.c — the sales generator from the main window
 *
 * Saved generators run on their own: a few seconds after start-up (not before the first frame)
 * and then every few minutes while the window is open; each run is a transaction that checks
 * again that it is due, so two windows or `affari-cli generator due` never make it twice. A run
 * is not on the undo history (nobody asked for it now): a toast says what it made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ops/affari-generator.h"
#include "ui/app/affari-window-generator.h"
#include "ui/app/affari-window-private.h"
#include "ui/generator/affari-generator-window.h"

#define FIRST_CHECK_S 3
#define CHECK_EVERY_S (10 * 60)

typedef struct {
  GWeakRef window;
  guint source;
} GeneratorTimer;

static void
timer_free (gpointer data)
{
  GeneratorTimer *timer = data;

  g_clear_handle_id (&timer->source, g_source_remove);
  g_weak_ref_clear (&timer->window);
  g_free (timer);
}

static void
run_due (AffariWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint runs = 0, created = 0;

  if (!affari_generator_run_due (self->ops, affari_workspace_get_store (self->workspace), &runs, &created, &error))
    {
      /* Translators: a toast; %s says why. */
      g_autofree char *message = g_strdup_printf (_("The scheduled sales generators did not run: %s"), error->message);

      affari_window_add_toast (self, message);
    }
  else if (created > 0)
    {
      g_autofree char *message = g_strdup_printf (ngettext ("The sales generator created %u deal",
                                                            "The sales generator created %u deals", created),
                                                  created);

      affari_window_add_toast (self, message);
    }
}

static gboolean
on_timer_cb (gpointer data)
{
  GeneratorTimer *timer = data;
  g_autoptr(AffariWindow) self = g_weak_ref_get (&timer->window);

  if (self == NULL)
    {
      timer->source = 0;
      return G_SOURCE_REMOVE;
    }
  run_due (self);
  timer->source = g_timeout_add_seconds (CHECK_EVERY_S, on_timer_cb, timer);
  return G_SOURCE_REMOVE;
}

void
_affari_window_show_generator_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (affari_generator_window_new (GTK_WINDOW (self), self->workspace, self->ops)));
}

void
_affari_window_generator_init (AffariWindow *self)
{
  GeneratorTimer *timer = g_new0 (GeneratorTimer, 1);

  g_weak_ref_init (&timer->window, self);
  timer->source = g_timeout_add_seconds (FIRST_CHECK_S, on_timer_cb, timer);
  /* Freed with the window: the timer stops then. */
  g_object_set_data_full (G_OBJECT (self), "affari-generator-timer", timer, timer_free);
}
