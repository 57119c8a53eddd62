/* affari-activity.c — a call, meeting, task or e-mail planned on a deal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-activity.h"
#include "affari-object-fields.h"

struct _AffariActivity
{
  GObject parent_instance;

  gint64 id;
  gint64 deal_id;
  AffariActivityType kind;
  char *subject;
  char *description;
  gint64 deadline;
  gboolean completed;
  gint64 responsible_id;
  gint64 created;
};

G_DEFINE_FINAL_TYPE (AffariActivity, affari_activity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DEAL_ID,
  PROP_KIND,
  PROP_SUBJECT,
  PROP_DESCRIPTION,
  PROP_DEADLINE,
  PROP_COMPLETED,
  PROP_RESPONSIBLE_ID,
  PROP_CREATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_STATIC_ASSERT (sizeof (AffariActivityType) == sizeof (int));

static const AffariObjectField fields[N_PROPS] = {
  [PROP_ID] = AFFARI_OBJECT_FIELD_INT64 (AffariActivity, id, "id"),
  [PROP_DEAL_ID] = AFFARI_OBJECT_FIELD_INT64 (AffariActivity, deal_id, "deal-id"),
  [PROP_KIND] = AFFARI_OBJECT_FIELD_INT (AffariActivity, kind, "kind",
                                         AFFARI_ACTIVITY_CALL, AFFARI_ACTIVITY_EMAIL,
                                         AFFARI_ACTIVITY_CALL),
  [PROP_SUBJECT] = AFFARI_OBJECT_FIELD_STRING (AffariActivity, subject, "subject"),
  [PROP_DESCRIPTION] = AFFARI_OBJECT_FIELD_STRING (AffariActivity, description, "description"),
  [PROP_DEADLINE] = AFFARI_OBJECT_FIELD_INT64 (AffariActivity, deadline, "deadline"),
  [PROP_COMPLETED] = AFFARI_OBJECT_FIELD_BOOLEAN (AffariActivity, completed, "completed", FALSE),
  [PROP_RESPONSIBLE_ID] = AFFARI_OBJECT_FIELD_INT64 (AffariActivity, responsible_id, "responsible-id"),
  [PROP_CREATED] = AFFARI_OBJECT_FIELD_INT64 (AffariActivity, created, "created"),
};

static void
affari_activity_class_init (AffariActivityClass *klass)
{
  affari_object_fields_install (G_OBJECT_CLASS (klass), fields, N_PROPS, properties);
}

static void
affari_activity_init (AffariActivity *self)
{
}

AffariActivity *
affari_activity_new (AffariActivityType kind,
                     const char *subject,
                     gint64 deadline)
{
  return g_object_new (AFFARI_TYPE_ACTIVITY,
                       "kind", (int) kind,
                       "subject", subject,
                       "deadline", deadline,
                       NULL);
}

gint64
affari_activity_get_id (AffariActivity *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITY (self), 0);

  return self->id;
}

gint64
affari_activity_get_deal_id (AffariActivity *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITY (self), 0);

  return self->deal_id;
}

AffariActivityType
affari_activity_get_kind (AffariActivity *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITY (self), AFFARI_ACTIVITY_CALL);

  return self->kind;
}

const char *
affari_activity_get_subject (AffariActivity *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITY (self), NULL);

  return self->subject;
}

const char *
affari_activity_get_description (AffariActivity *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITY (self), NULL);

  return self->description;
}

gint64
affari_activity_get_deadline (AffariActivity *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITY (self), 0);

  return self->deadline;
}

gboolean
affari_activity_get_completed (AffariActivity *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITY (self), FALSE);

  return self->completed;
}

gint64
affari_activity_get_responsible_id (AffariActivity *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITY (self), 0);

  return self->responsible_id;
}

gint64
affari_activity_get_created (AffariActivity *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITY (self), 0);

  return self->created;
}

gint64
affari_activity_default_deadline (gint64 now)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) hour = NULL;
  int added = 0;

  day = g_date_time_ref (start);
  /* Three working days ahead: Saturdays and Sundays do not count. */
  while (added < 3)
    {
      GDateTime *next = g_date_time_add_days (day, 1);

      g_date_time_unref (day);
      day = next;
      if (g_date_time_get_day_of_week (day) <= 5)
        added++;
    }

  /* Rounded up to the next full hour (an exact hour stays). */
  hour = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day), g_date_time_get_hour (day), 0, 0);
  if (g_date_time_get_minute (day) != 0 || g_date_time_get_second (day) != 0)
    {
      GDateTime *next = g_date_time_add_hours (hour, 1);

      g_date_time_unref (hour);
      hour = next;
    }
  return g_date_time_to_unix (hour);
}
