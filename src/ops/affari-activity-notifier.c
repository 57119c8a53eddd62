/* affari-activity-notifier.c
 *
 * A single timeout waits for the next deadline of an open activity (one indexed query,
 * activity_deadline). Every change of a deal in the store (an activity planned, moved, done or
 * deleted are all in the store's "changed" change sets) sets it again, coalesced into one query per burst of changes.
 * When it fires, whatever fell due since the last check is notified, once: "checked_until"
 * moves forward and is never looked at again, unless an activity is moved after it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "ops/affari-activity-notifier.h"
#include "store/affari-store.h"

/* GLib's timeouts follow the monotonic clock, which stands still while the computer sleeps:
 * a deadline hours away is looked at again within the hour, so a sleep makes it late by at
 * most that much. */
#define MAX_WAIT_SECONDS 3600

struct _AffariActivityNotifier
{
  GObject       parent_instance;

  GApplication *application;   /* weak: the application owns the notifier */
  AffariStore  *store;
  gint64        checked_until; /* activities due before this were looked at */
  gint64        next_due;      /* what the timeout waits for (0 = nothing planned) */
  guint         due_source;
  guint         rearm_source;
};

G_DEFINE_FINAL_TYPE (AffariActivityNotifier, affari_activity_notifier, G_TYPE_OBJECT)

enum {
  ACTIVITY_DUE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ auxiliary */

static gboolean on_due_cb (gpointer user_data);

static void
arm (AffariActivityNotifier *self)
{
  g_autoptr(GError) error = NULL;
  gint64 next = 0, now_ms, delay_ms;

  g_clear_handle_id (&self->due_source, g_source_remove);
  self->next_due = 0;
  if (!affari_store_next_activity_deadline (self->store, self->checked_until, &next, &error))
    {
      g_warning ("Cannot read the next deadline: %s", error->message);
      return;
    }
  if (next == 0)
    return;

  self->next_due = next;
  /* Deadlines are whole seconds; wake up just after the second begins. */
  now_ms = g_get_real_time () / 1000;
  if (ABS (affari_store_now (self->store) * 1000 - now_ms) > 2000)
    now_ms = affari_store_now (self->store) * 1000;  /* a store with a fixed clock (tests) */
  delay_ms = CLAMP (next * 1000 - now_ms + 50, 0, (gint64) MAX_WAIT_SECONDS * 1000);
  self->due_source = g_timeout_add ((guint) delay_ms, on_due_cb, self);
  g_source_set_name_by_id (self->due_source, "[affari] next activity due");
}

/* ------------------------------------------------------------ callbacks */

static gboolean
on_due_cb (gpointer user_data)
{
  AffariActivityNotifier *self = user_data;

  self->due_source = 0;
  affari_activity_notifier_check (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_rearm_cb (gpointer user_data)
{
  AffariActivityNotifier *self = user_data;

  self->rearm_source = 0;
  arm (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (AffariActivityNotifier *self)
{
  if (self->rearm_source == 0)
    self->rearm_source = g_idle_add (on_rearm_cb, self);
}

static gboolean
activity_due_default (AffariActivityNotifier *self,
                      AffariActivity         *activity,
                      const char             *deal_title)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  gint64 deal_id = affari_activity_get_deal_id (activity);

  if (self->application == NULL)
    return FALSE;

  /* Translators: a desktop notification; "Chiamata: Offer follow-up". */
  title = g_strdup_printf (_("%s: %s"), affari_activity_type_label (affari_activity_get_kind (activity)),
                           affari_activity_get_subject (activity));
  notification = g_notification_new (title);
  if (deal_title != NULL)
    {
      /* Translators: the text of a desktop notification; %s is the deal's title. */
      g_autofree char *body = g_strdup_printf (_("Due now, on the deal “%s”"), deal_title);

      g_notification_set_body (notification, body);
    }
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action_and_target (notification, "app.open-deal", "x", deal_id);
  g_notification_add_button_with_target (notification, _("Open the Deal"), "app.open-deal", "x", deal_id);
  id = g_strdup_printf ("activity-%" G_GINT64_FORMAT, affari_activity_get_id (activity));
  g_application_send_notification (self->application, id, notification);
  return TRUE;
}

/* ------------------------------------------------------------ overrides */

static void
affari_activity_notifier_dispose (GObject *object)
{
  AffariActivityNotifier *self = AFFARI_ACTIVITY_NOTIFIER (object);

  g_clear_handle_id (&self->due_source, g_source_remove);
  g_clear_handle_id (&self->rearm_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (affari_activity_notifier_parent_class)->dispose (object);
}

static void
affari_activity_notifier_class_init (AffariActivityNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = affari_activity_notifier_dispose;

  signals[ACTIVITY_DUE] =
    g_signal_new_class_handler ("activity-due", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                G_CALLBACK (activity_due_default), g_signal_accumulator_true_handled, NULL,
                                NULL, G_TYPE_BOOLEAN, 2, AFFARI_TYPE_ACTIVITY, G_TYPE_STRING);
}

static void
affari_activity_notifier_init (AffariActivityNotifier *self)
{
}

/* ------------------------------------------------------------ public API */

AffariActivityNotifier *
affari_activity_notifier_new (GApplication *application,
                              AffariStore  *store)
{
  AffariActivityNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (AFFARI_IS_STORE (store), NULL);

  self = g_object_new (AFFARI_TYPE_ACTIVITY_NOTIFIER, NULL);
  g_set_weak_pointer (&self->application, application);
  self->store = g_object_ref (store);
  self->checked_until = affari_store_now (store) + 1;
  g_signal_connect_swapped (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  g_signal_connect_swapped (store, "reset", G_CALLBACK (on_store_changed_cb), self);
  arm (self);
  return self;
}

guint
affari_activity_notifier_check (AffariActivityNotifier *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GHashTable) titles = NULL;
  gint64 until;

  g_return_val_if_fail (AFFARI_IS_ACTIVITY_NOTIFIER (self), 0);

  until = affari_store_now (self->store) + 1;
  if (until <= self->checked_until)
    {
      arm (self);
      return 0;
    }
  due = affari_store_list_planned_activities (self->store, NULL, self->checked_until, until, &titles, &error);
  if (due == NULL)
    {
      g_warning ("Cannot read the activities due: %s", error->message);
      arm (self);
      return 0;
    }
  self->checked_until = until;

  for (guint i = 0; i < due->len; i++)
    {
      AffariActivity *activity = g_ptr_array_index (due, i);
      gint64 deal_id = affari_activity_get_deal_id (activity);
      gboolean handled = FALSE;

      g_signal_emit (self, signals[ACTIVITY_DUE], 0, activity, g_hash_table_lookup (titles, &deal_id), &handled);
    }
  arm (self);
  return due->len;
}

gint64
affari_activity_notifier_get_next_due (AffariActivityNotifier *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITY_NOTIFIER (self), 0);

  return self->next_due;
}
