/* affari-team-member.h — a person who can be responsible for deals
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <glib-object.h>
G_BEGIN_DECLS
#define AFFARI_TYPE_TEAM_MEMBER (affari_team_member_get_type ())
G_DECLARE_FINAL_TYPE (AffariTeamMember, affari_team_member, AFFARI, TEAM_MEMBER, GObject)
/* Properties: "id" (gint64), "name", "email", "active" (boolean). */
gint64      affari_team_member_get_id       (AffariTeamMember *self);
const char *affari_team_member_get_name     (AffariTeamMember *self);
const char *affari_team_member_get_email    (AffariTeamMember *self);
gboolean    affari_team_member_get_active   (AffariTeamMember *self);
/* "MR" for "Mario Rossi" (for the avatar). */
char       *affari_team_member_dup_initials (AffariTeamMember *self);
G_END_DECLS
