/* affari-event.c — one entry of a deal's history (Cronologia)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-event.h"
#include "affari-object-fields.h"

struct _AffariEvent
{
  GObject parent_instance;

  gint64 id;
  gint64 deal_id;
  gint64 time;
  gint64 author_id;
  char *author_name;
  AffariEventType kind;
  char *field;
  char *old_value;
  char *new_value;
  char *text;
  gboolean pinned;
};

G_DEFINE_FINAL_TYPE (AffariEvent, affari_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DEAL_ID,
  PROP_TIME,
  PROP_AUTHOR_ID,
  PROP_AUTHOR_NAME,
  PROP_KIND,
  PROP_FIELD,
  PROP_OLD_VALUE,
  PROP_NEW_VALUE,
  PROP_TEXT,
  PROP_PINNED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_STATIC_ASSERT (sizeof (AffariEventType) == sizeof (int));

static const AffariObjectField fields[N_PROPS] = {
  [PROP_ID] = AFFARI_OBJECT_FIELD_INT64 (AffariEvent, id, "id"),
  [PROP_DEAL_ID] = AFFARI_OBJECT_FIELD_INT64 (AffariEvent, deal_id, "deal-id"),
  [PROP_TIME] = AFFARI_OBJECT_FIELD_INT64 (AffariEvent, time, "time"),
  [PROP_AUTHOR_ID] = AFFARI_OBJECT_FIELD_INT64 (AffariEvent, author_id, "author-id"),
  [PROP_AUTHOR_NAME] = AFFARI_OBJECT_FIELD_STRING (AffariEvent, author_name, "author-name"),
  [PROP_KIND] = AFFARI_OBJECT_FIELD_INT (AffariEvent, kind, "kind",
                                         AFFARI_EVENT_CREATED, AFFARI_EVENT_UNDONE,
                                         AFFARI_EVENT_CREATED),
  [PROP_FIELD] = AFFARI_OBJECT_FIELD_STRING (AffariEvent, field, "field"),
  [PROP_OLD_VALUE] = AFFARI_OBJECT_FIELD_STRING (AffariEvent, old_value, "old-value"),
  [PROP_NEW_VALUE] = AFFARI_OBJECT_FIELD_STRING (AffariEvent, new_value, "new-value"),
  [PROP_TEXT] = AFFARI_OBJECT_FIELD_STRING (AffariEvent, text, "text"),
  [PROP_PINNED] = AFFARI_OBJECT_FIELD_BOOLEAN (AffariEvent, pinned, "pinned", FALSE),
};

static void
affari_event_class_init (AffariEventClass *klass)
{
  affari_object_fields_install (G_OBJECT_CLASS (klass), fields, N_PROPS, properties);
}

static void
affari_event_init (AffariEvent *self)
{
}

gint64
affari_event_get_id (AffariEvent *self)
{
  g_return_val_if_fail (AFFARI_IS_EVENT (self), 0);

  return self->id;
}

gint64
affari_event_get_deal_id (AffariEvent *self)
{
  g_return_val_if_fail (AFFARI_IS_EVENT (self), 0);

  return self->deal_id;
}

gint64
affari_event_get_time (AffariEvent *self)
{
  g_return_val_if_fail (AFFARI_IS_EVENT (self), 0);

  return self->time;
}

gint64
affari_event_get_author_id (AffariEvent *self)
{
  g_return_val_if_fail (AFFARI_IS_EVENT (self), 0);

  return self->author_id;
}

const char *
affari_event_get_author_name (AffariEvent *self)
{
  g_return_val_if_fail (AFFARI_IS_EVENT (self), NULL);

  return self->author_name;
}

AffariEventType
affari_event_get_kind (AffariEvent *self)
{
  g_return_val_if_fail (AFFARI_IS_EVENT (self), AFFARI_EVENT_CREATED);

  return self->kind;
}

const char *
affari_event_get_field (AffariEvent *self)
{
  g_return_val_if_fail (AFFARI_IS_EVENT (self), NULL);

  return self->field;
}

const char *
affari_event_get_old_value (AffariEvent *self)
{
  g_return_val_if_fail (AFFARI_IS_EVENT (self), NULL);

  return self->old_value;
}

const char *
affari_event_get_new_value (AffariEvent *self)
{
  g_return_val_if_fail (AFFARI_IS_EVENT (self), NULL);

  return self->new_value;
}

const char *
affari_event_get_text (AffariEvent *self)
{
  g_return_val_if_fail (AFFARI_IS_EVENT (self), NULL);

  return self->text;
}

gboolean
affari_event_get_pinned (AffariEvent *self)
{
  g_return_val_if_fail (AFFARI_IS_EVENT (self), FALSE);

  return self->pinned;
}
