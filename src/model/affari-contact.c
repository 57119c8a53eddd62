/* affari-contact.c — a person at a client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-contact.h"
#include "affari-object-fields.h"

struct _AffariContact
{
  GObject parent_instance;

  gint64 id;
  gint64 company_id;
  char *first_name;
  char *last_name;
  char *position;
  char *phone;
  char *email;
  char *birthday;
};

G_DEFINE_FINAL_TYPE (AffariContact, affari_contact, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_COMPANY_ID,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_POSITION,
  PROP_PHONE,
  PROP_EMAIL,
  PROP_BIRTHDAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const AffariObjectField fields[N_PROPS] = {
  [PROP_ID] = AFFARI_OBJECT_FIELD_INT64 (AffariContact, id, "id"),
  [PROP_COMPANY_ID] = AFFARI_OBJECT_FIELD_INT64 (AffariContact, company_id, "company-id"),
  [PROP_FIRST_NAME] = AFFARI_OBJECT_FIELD_STRING (AffariContact, first_name, "first-name"),
  [PROP_LAST_NAME] = AFFARI_OBJECT_FIELD_STRING (AffariContact, last_name, "last-name"),
  [PROP_POSITION] = AFFARI_OBJECT_FIELD_STRING (AffariContact, position, "position"),
  [PROP_PHONE] = AFFARI_OBJECT_FIELD_STRING (AffariContact, phone, "phone"),
  [PROP_EMAIL] = AFFARI_OBJECT_FIELD_STRING (AffariContact, email, "email"),
  [PROP_BIRTHDAY] = AFFARI_OBJECT_FIELD_STRING (AffariContact, birthday, "birthday"),
};

static void
affari_contact_class_init (AffariContactClass *klass)
{
  affari_object_fields_install (G_OBJECT_CLASS (klass), fields, N_PROPS, properties);
}

static void
affari_contact_init (AffariContact *self)
{
}

AffariContact *
affari_contact_new (const char *first_name,
                    const char *last_name)
{
  return g_object_new (AFFARI_TYPE_CONTACT,
                       "first-name", first_name,
                       "last-name", last_name,
                       NULL);
}

gint64
affari_contact_get_id (AffariContact *self)
{
  g_return_val_if_fail (AFFARI_IS_CONTACT (self), 0);

  return self->id;
}

gint64
affari_contact_get_company_id (AffariContact *self)
{
  g_return_val_if_fail (AFFARI_IS_CONTACT (self), 0);

  return self->company_id;
}

const char *
affari_contact_get_first_name (AffariContact *self)
{
  g_return_val_if_fail (AFFARI_IS_CONTACT (self), NULL);

  return self->first_name;
}

const char *
affari_contact_get_last_name (AffariContact *self)
{
  g_return_val_if_fail (AFFARI_IS_CONTACT (self), NULL);

  return self->last_name;
}

const char *
affari_contact_get_position (AffariContact *self)
{
  g_return_val_if_fail (AFFARI_IS_CONTACT (self), NULL);

  return self->position;
}

const char *
affari_contact_get_phone (AffariContact *self)
{
  g_return_val_if_fail (AFFARI_IS_CONTACT (self), NULL);

  return self->phone;
}

const char *
affari_contact_get_email (AffariContact *self)
{
  g_return_val_if_fail (AFFARI_IS_CONTACT (self), NULL);

  return self->email;
}

const char *
affari_contact_get_birthday (AffariContact *self)
{
  g_return_val_if_fail (AFFARI_IS_CONTACT (self), NULL);

  return self->birthday;
}

char *
affari_contact_dup_full_name (AffariContact *self)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  g_return_val_if_fail (AFFARI_IS_CONTACT (self), NULL);

  first = g_strstrip (g_strdup (self->first_name ? self->first_name : ""));
  last = g_strstrip (g_strdup (self->last_name ? self->last_name : ""));

  if (*first == '\0')
    return g_steal_pointer (&last);
  if (*last == '\0')
    return g_steal_pointer (&first);
  return g_strconcat (first, " ", last, NULL);
}
