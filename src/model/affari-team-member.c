/* affari-team-member.c — a person who can be responsible for deals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-team-member.h"

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

static void
affari_team_member_finalize (GObject *object)
{
  AffariTeamMember *self = (AffariTeamMember *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->email, g_free);

  G_OBJECT_CLASS (affari_team_member_parent_class)->finalize (object);
}

static void
affari_team_member_get_property (GObject *object,
                                 guint prop_id,
                                 GValue *value,
                                 GParamSpec *pspec)
{
  AffariTeamMember *self = AFFARI_TEAM_MEMBER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_team_member_set_property (GObject *object,
                                 guint prop_id,
                                 const GValue *value,
                                 GParamSpec *pspec)
{
  AffariTeamMember *self = AFFARI_TEAM_MEMBER (object);

  switch (prop_id)
    {
    case PROP_ID:
      if (self->id != g_value_get_int64 (value))
        {
          self->id = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_NAME:
      if (g_strcmp0 (self->name, g_value_get_string (value)) != 0)
        {
          g_free (self->name);
          self->name = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_EMAIL:
      if (g_strcmp0 (self->email, g_value_get_string (value)) != 0)
        {
          g_free (self->email);
          self->email = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_ACTIVE:
      if (!self->active != !g_value_get_boolean (value))
        {
          self->active = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_team_member_class_init (AffariTeamMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = affari_team_member_finalize;
  object_class->get_property = affari_team_member_get_property;
  object_class->set_property = affari_team_member_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
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
