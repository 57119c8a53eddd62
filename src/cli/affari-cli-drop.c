/* affari-cli-drop.c — affari-cli drop FILE [--deal ID]: what dropping a file on the window does
 *
 * A .vcf adds its contacts (found, not doubled, when they are already there); an .ics plans its
 * events and tasks on the deal given with --deal, as when it is dropped on that deal's card. The
 * same operations as the window's (ops/affari-drop.c), for scripts and tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-cli"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "affari-cli-private.h"
#include "ops/affari-drop.h"

int cli_cmd_drop (Cli *cli);

static int
drop_vcard (AffariStore *store,
            const char  *path,
            gboolean     json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = affari_drop_add_vcard (store, path, &error);
  g_autoptr(JsonBuilder) builder = NULL;

  if (contacts == NULL)
    return cli_failure ("%s", error->message);
  if (!json)
    {
      for (guint i = 0; i < contacts->len; i++)
        {
          AffariDropContact *contact = g_ptr_array_index (contacts, i);

          g_print (contact->created ? _("Contact “%s” added") : _("Contact “%s” already there"), contact->name);
          g_print (" (#%" G_GINT64_FORMAT ")\n", contact->contact_id);
        }
      return cli_finish_output ();
    }
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "contacts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < contacts->len; i++)
    {
      AffariDropContact *contact = g_ptr_array_index (contacts, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, contact->contact_id);
      cli_add_string_or_null (builder, "name", contact->name);
      cli_add_id_or_null (builder, "company_id", contact->company_id);
      json_builder_set_member_name (builder, "created");
      json_builder_add_boolean_value (builder, contact->created);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return cli_print_json (builder);
}

static int
drop_ics (AffariStore *store,
          const char  *path,
          gint64       deal_id,
          gboolean     json)
{
  g_autoptr(AffariDealOps) ops = affari_deal_ops_new (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *title = NULL;

  activities = affari_drop_add_ics (store, ops, deal_id, path, &title, &error);
  if (activities == NULL)
    return cli_failure ("%s", error->message);
  if (!json)
    {
      for (guint i = 0; i < activities->len; i++)
        {
          g_print (_("Activity “%s” added to “%s”"), affari_activity_get_subject (g_ptr_array_index (activities, i)), title);
          g_print ("\n");
        }
      return cli_finish_output ();
    }
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "deal");
  json_builder_add_int_value (builder, deal_id);
  json_builder_set_member_name (builder, "activities");
  json_builder_begin_array (builder);
  for (guint i = 0; i < activities->len; i++)
    {
      AffariActivity *activity = g_ptr_array_index (activities, i);
      g_autofree char *deadline = cli_format_utc (affari_activity_get_deadline (activity));

      json_builder_begin_object (builder);
      cli_add_string_or_null (builder, "subject", affari_activity_get_subject (activity));
      cli_add_string_or_null (builder, "kind", affari_activity_get_kind (activity) == AFFARI_ACTIVITY_TASK ? "task" : "meeting");
      cli_add_string_or_null (builder, "deadline", deadline);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return cli_print_json (builder);
}

int
cli_cmd_drop (Cli *cli)
{
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autofree char *lower = NULL;
  const char *path = NULL;
  gboolean json = FALSE;
  gint64 deal_id = 0;

  for (guint i = 0; i < cli->args->len; i++)
    {
      const char *arg = g_ptr_array_index (cli->args, i);
      const char *value = NULL;

      if (g_str_equal (arg, "--json"))
        json = TRUE;
      else if (cli_is_option (arg, "--deal", &value))
        {
          if ((value = cli_option_value (cli, &i, "--deal", value)) == NULL
              || !cli_parse_int (value, "--deal", 1, G_MAXINT64, &deal_id))
            return EXIT_USAGE;
        }
      else if (arg[0] == '-')
        return cli_usage_error (_("Unknown option “%s” for “%s”"), arg, cli->command);
      else if (path == NULL)
        path = arg;
      else
        return cli_usage_error (_("Unexpected argument “%s”"), arg);
    }
  if (path == NULL)
    return cli_usage_error ("%s", _("Which file? Give a .vcf or an .ics file"));

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".ics") && deal_id == 0)
    return cli_usage_error ("%s", _("An .ics file is planned on a deal: give it with --deal ID"));
  if (!g_str_has_suffix (lower, ".ics") && !g_str_has_suffix (lower, ".vcf"))
    return cli_usage_error ("%s", _("Give a .vcf or an .ics file (a .csv is imported with affari-cli import)"));

  store = cli_open_store (cli, TRUE);
  if (store == NULL)
    return EXIT_FAILURE;
  if (g_str_has_suffix (lower, ".vcf"))
    return drop_vcard (store, path, json);
  return drop_ics (store, path, deal_id, json);
}
