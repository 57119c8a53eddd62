/* affari-import-b24-users.c — Bitrix24's users (user.get) as the team, for the deals' responsible
 *
 * A deal's ASSIGNED_BY_ID and an activity's RESPONSIBLE_ID are Bitrix24 user ids. With a
 * user.get*.json file in the folder each user becomes a member of the team — the one already
 * there with the same e-mail, else with the same name, else a new one — so that importing again
 * finds the same members. Without it the deals go to the person importing, and that is said once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-import-b24-private.h"
#include "model/affari-team-member.h"

static char *
fold (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return g_utf8_casefold (stripped, -1);
}

/* "Mario Rossi", else the e-mail, else "Utente Bitrix24 7". */
static char *
user_name (JsonObject *user, const char *id, const char *email)
{
  g_autofree char *first = b24_dup_text (user, "NAME");
  g_autofree char *last = b24_dup_text (user, "LAST_NAME");
  g_autofree char *name = g_strstrip (g_strdup_printf ("%s %s", first != NULL ? first : "", last != NULL ? last : ""));

  if (*name != '\0')
    return g_steal_pointer (&name);
  if (email != NULL)
    return g_strdup (email);
  /* Translators: a team member made from a Bitrix24 user with no name; %s is its id. */
  return g_strdup_printf (_("Bitrix24 user %s"), id);
}

gboolean
b24_import_users (AffariStore         *store,
                  GPtrArray           *items,
                  GHashTable          *users,
                  AffariImportReport  *report,
                  GError             **error)
{
  g_autoptr(GPtrArray) team = NULL;
  g_autoptr(GHashTable) by_email = NULL, by_name = NULL;
  g_autoptr(GString) made = g_string_new (NULL);
  guint n_made = 0;

  if (items->len == 0)
    return TRUE;
  team = affari_store_list_team (store, error);
  if (team == NULL)
    return FALSE;
  by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < team->len; i++)
    {
      AffariTeamMember *member = g_ptr_array_index (team, i);
      gint64 id = affari_team_member_get_id (member);

      if (affari_team_member_get_email (member) != NULL && *affari_team_member_get_email (member) != '\0')
        g_hash_table_insert (by_email, fold (affari_team_member_get_email (member)), g_memdup2 (&id, sizeof id));
      g_hash_table_insert (by_name, fold (affari_team_member_get_name (member)), g_memdup2 (&id, sizeof id));
    }

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = g_ptr_array_index (items, i);
      g_autofree char *id = b24_dup_text (item->object, "ID");
      g_autofree char *email = b24_dup_text (item->object, "EMAIL");
      g_autofree char *name = NULL, *email_key = NULL, *name_key = NULL;
      gint64 *found = NULL, member_id;

      if (id == NULL)
        continue;
      name = user_name (item->object, id, email);
      email_key = email != NULL ? fold (email) : NULL;
      name_key = fold (name);
      if (email_key != NULL)
        found = g_hash_table_lookup (by_email, email_key);
      if (found == NULL)
        found = g_hash_table_lookup (by_name, name_key);
      if (found != NULL)
        member_id = *found;
      else
        {
          member_id = affari_store_add_team_member (store, name, email, error);
          if (member_id == 0)
            return FALSE;
          g_hash_table_insert (by_name, g_strdup (name_key), g_memdup2 (&member_id, sizeof member_id));
          if (email_key != NULL)
            g_hash_table_insert (by_email, g_strdup (email_key), g_memdup2 (&member_id, sizeof member_id));
          g_string_append_printf (made, "%s%s", n_made++ > 0 ? ", " : "", name);
        }
      g_hash_table_insert (users, g_strdup (id), g_memdup2 (&member_id, sizeof member_id));
    }
  if (n_made > 0)
    g_ptr_array_add (report->notes,
                     /* Translators: %s lists the names of the new members of the team. */
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "user.get: %s joined the team",
                                                   "user.get: %s joined the team", n_made), made->str));
  return TRUE;
}

gint64
b24_user_member (GHashTable          *users,
                 const char          *user_id,
                 gboolean            *missing)
{
  gint64 *member;

  /* "0" and no value: nobody in particular. */
  if (user_id == NULL || g_strcmp0 (user_id, "0") == 0)
    return 0;
  member = g_hash_table_lookup (users, user_id);
  if (member == NULL)
    *missing = TRUE;
  return member != NULL ? *member : 0;
}
