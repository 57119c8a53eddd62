/* affari-team-member.c — a person who can be responsible for deals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-team-member.h"
#include "affari-object-fields.h"

struct _AffariTeamMember
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *email;
  gboolean active;
};

G_DEFINE_FINAL_TYPE (AffariTeamMember, affari_team_member, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_EMAIL,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const AffariObjectField fields[N_PROPS] = {
  [PROP_ID] = AFFARI_OBJECT_FIELD_INT64 (AffariTeamMember, id, "id"),
  [PROP_NAME] = AFFARI_OBJECT_FIELD_STRING (AffariTeamMember, name, "name"),
  [PROP_EMAIL] = AFFARI_OBJECT_FIELD_STRING (AffariTeamMember, email, "email"),
  [PROP_ACTIVE] = AFFARI_OBJECT_FIELD_BOOLEAN (AffariTeamMember, active, "active", TRUE),
};

static void
affari_team_member_class_init (AffariTeamMemberClass *klass)
{
  affari_object_fields_install (G_OBJECT_CLASS (klass), fields, N_PROPS, properties);
}

static void
affari_team_member_init (AffariTeamMember *self)
{
  self->active = TRUE;
}

gint64
affari_team_member_get_id (AffariTeamMember *self)
{
  g_return_val_if_fail (AFFARI_IS_TEAM_MEMBER (self), 0);

  return self->id;
}

const char *
affari_team_member_get_name (AffariTeamMember *self)
{
  g_return_val_if_fail (AFFARI_IS_TEAM_MEMBER (self), NULL);

  return self->name;
}

const char *
affari_team_member_get_email (AffariTeamMember *self)
{
  g_return_val_if_fail (AFFARI_IS_TEAM_MEMBER (self), NULL);

  return self->email;
}

gboolean
affari_team_member_get_active (AffariTeamMember *self)
{
  g_return_val_if_fail (AFFARI_IS_TEAM_MEMBER (self), TRUE);

  return self->active;
}

char *
affari_team_member_dup_initials (AffariTeamMember *self)
{
  const char *first_word = NULL;
  const char *last_word = NULL;
  gboolean in_word = FALSE;
  GString *initials;

  g_return_val_if_fail (AFFARI_IS_TEAM_MEMBER (self), NULL);

  if (self->name != NULL && g_utf8_validate (self->name, -1, NULL))
    {
      for (const char *p = self->name; *p != '\0'; p = g_utf8_next_char (p))
        {
          gboolean space = g_unichar_isspace (g_utf8_get_char (p));

          if (!space && !in_word)
            {
              if (first_word == NULL)
                first_word = p;
              last_word = p;
            }
          in_word = !space;
        }
    }

  if (first_word == NULL)
    return g_strdup ("?");

  initials = g_string_new (NULL);
  g_string_append_unichar (initials, g_unichar_toupper (g_utf8_get_char (first_word)));
  if (last_word != first_word)
    g_string_append_unichar (initials, g_unichar_toupper (g_utf8_get_char (last_word)));

  return g_string_free (initials, FALSE);
}
