/* affari-activity-notifier.c
 *
 * Polls every half minute with one indexed query (activity_deadline) for what fell due in the
 * time since the last poll: cheaper and simpler than keeping a timer per activity in step with
 * every edit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-activity-notifier.h"

#define POLL_SECONDS 30

struct _AffariActivityNotifier
{
  GObject       parent_instance;

  GApplication *application;   /* weak: the application owns the notifier */
  AffariStore  *store;
  gint64        checked_until; /* activities due before this were looked at */
  guint         poll_source;
};

G_DEFINE_FINAL_TYPE (AffariActivityNotifier, affari_activity_notifier, G_TYPE_OBJECT)

static gboolean
on_poll_cb (gpointer user_data)
{
  affari_activity_notifier_check (AFFARI_ACTIVITY_NOTIFIER (user_data));
  return G_SOURCE_CONTINUE;
}

static void
affari_activity_notifier_dispose (GObject *object)
{
  AffariActivityNotifier *self = AFFARI_ACTIVITY_NOTIFIER (object);

  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (affari_activity_notifier_parent_class)->dispose (object);
}

static void
affari_activity_notifier_class_init (AffariActivityNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = affari_activity_notifier_dispose;
}

static void
affari_activity_notifier_init (AffariActivityNotifier *self)
{
}

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
  self->poll_source = g_timeout_add_seconds (POLL_SECONDS, on_poll_cb, self);
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

  if (self->application == NULL)
    return 0;
  until = affari_store_now (self->store) + 1;
  if (until <= self->checked_until)
    return 0;
  due = affari_store_list_planned_activities (self->store, NULL, self->checked_until, until, &titles, &error);
  if (due == NULL)
    {
      g_warning ("Cannot read the activities due: %s", error->message);
      return 0;
    }
  self->checked_until = until;

  for (guint i = 0; i < due->len; i++)
    {
      AffariActivity *activity = g_ptr_array_index (due, i);
      gint64 deal_id = affari_activity_get_deal_id (activity);
      const char *deal_title = g_hash_table_lookup (titles, &deal_id);
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *title = NULL;
      g_autofree char *id = NULL;

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
    }
  return due->len;
}
