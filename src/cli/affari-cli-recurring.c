/* affari-cli-recurring.c — affari-cli recurring add | list | run: regular deals from a script
 *
 * The same rules as the deal card (ops/affari-recurring.c): a run started by cron or a systemd
 * timer while the app is open, or twice, makes each deal once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gi18n.h>

#include "affari-cli-private.h"
#include "ops/affari-deal-ops.h"
#include "ops/affari-recurring.h"

int cli_cmd_recurring (Cli *cli);

/* ------------------------------------------------------------ auxiliary */

static AffariRecurring *
open_recurring (AffariStore *store)
{
  g_autoptr(AffariDealOps) ops = affari_deal_ops_new (store);

  return affari_recurring_new (store, ops);
}

/* For writing, but never a new database: a mistyped path is reported, not created. */
static AffariStore *
open_for_writing (Cli *cli)
{
  g_autofree char *path = cli_dup_database_path (cli);

  if (cli->server == NULL && !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      cli_failure (_("The database “%s” does not exist: check the path given with --database."), path);
      return NULL;
    }
  return cli_open_store (cli, TRUE);
}

/* The command's arguments after the sub-command, as a Cli of their own. */
static Cli
sub_cli (Cli *cli, GPtrArray *args)
{
  Cli sub = *cli;

  for (guint i = 1; i < cli->args->len; i++)
    g_ptr_array_add (args, g_ptr_array_index (cli->args, i));
  sub.args = args;
  return sub;
}

/* ------------------------------------------------------------ sub-commands */

static int
cmd_add (Cli *cli)
{
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(AffariRecurring) recurring = NULL;
  g_autoptr(GError) error = NULL;
  AffariRecurrence settings;
  gint64 deal_id = 0, every = 0, number = 0;
  gboolean has_unit = FALSE, has_start = FALSE;
  GDate day, today;
  gint64 id;

  affari_recurrence_init_defaults (&settings, NULL);
  for (guint i = 0; i < cli->args->len; i++)
    {
      const char *arg = g_ptr_array_index (cli->args, i);
      const char *value = NULL;

      if (cli_is_option (arg, "--deal", &value))
        {
          if ((value = cli_option_value (cli, &i, "--deal", value)) == NULL
              || !cli_parse_int (value, "--deal", 1, G_MAXINT64, &deal_id))
            return EXIT_USAGE;
        }
      else if (cli_is_option (arg, "--every", &value))
        {
          if ((value = cli_option_value (cli, &i, "--every", value)) == NULL
              || !cli_parse_int (value, "--every", 1, AFFARI_RECURRENCE_MAX_N, &every))
            return EXIT_USAGE;
        }
      else if (cli_is_option (arg, "--unit", &value))
        {
          if ((value = cli_option_value (cli, &i, "--unit", value)) == NULL)
            return EXIT_USAGE;
          if (!affari_time_unit_from_code (value, &settings.unit))
            return cli_usage_error (_("The option “%s” takes day, week, month or year, not “%s”"), "--unit", value);
          has_unit = TRUE;
        }
      else if (cli_is_option (arg, "--start", &value))
        {
          if ((value = cli_option_value (cli, &i, "--start", value)) == NULL
              || !cli_parse_date (value, "--start", &day))
            return EXIT_USAGE;
          affari_day_format (&day, settings.start_date);
          has_start = TRUE;
        }
      else if (cli_is_option (arg, "--until", &value))
        {
          if (settings.stop != AFFARI_RECURRENCE_STOP_NEVER)
            return cli_usage_error (_("Give either --until or --times, not both"));
          if ((value = cli_option_value (cli, &i, "--until", value)) == NULL
              || !cli_parse_date (value, "--until", &day))
            return EXIT_USAGE;
          affari_day_format (&day, settings.limit_date);
          settings.stop = AFFARI_RECURRENCE_STOP_DATE;
        }
      else if (cli_is_option (arg, "--times", &value))
        {
          if (settings.stop != AFFARI_RECURRENCE_STOP_NEVER)
            return cli_usage_error (_("Give either --until or --times, not both"));
          if ((value = cli_option_value (cli, &i, "--times", value)) == NULL
              || !cli_parse_int (value, "--times", 1, 100000, &number))
            return EXIT_USAGE;
          settings.stop = AFFARI_RECURRENCE_STOP_TIMES;
          settings.limit_times = (guint) number;
        }
      else if (cli_is_option (arg, "--pipeline", &value))
        {
          if ((value = cli_option_value (cli, &i, "--pipeline", value)) == NULL
              || !cli_parse_int (value, "--pipeline", 1, G_MAXINT64, &settings.pipeline_id))
            return EXIT_USAGE;
        }
      else if (arg[0] == '-')
        return cli_usage_error (_("Unknown option “%s” for “%s”"), arg, "recurring add");
      else
        return cli_usage_error (_("Unexpected argument “%s”"), arg);
    }
  if (deal_id == 0)
    return cli_usage_error (_("The option “%s” is required"), "--deal");
  if (every == 0)
    return cli_usage_error (_("The option “%s” is required"), "--every");
  if (!has_unit)
    return cli_usage_error (_("The option “%s” is required"), "--unit");
  settings.mode = AFFARI_RECURRENCE_MULTIPLE;
  settings.interval = (guint) every;

  store = open_for_writing (cli);
  if (store == NULL)
    return EXIT_FAILURE;
  recurring = open_recurring (store);
  /* "Inizia il" defaults to today, as in the card. */
  if (!has_start)
    {
      affari_recurring_today (recurring, &today);
      affari_day_format (&today, settings.start_date);
    }
  id = affari_recurring_create (recurring, deal_id, &settings, &error);
  if (id == 0)
    return cli_failure (_("Cannot make the deal recurring: %s"), error->message);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return cli_finish_output ();
}

static void
add_template_json (JsonBuilder                   *builder,
                   const AffariRecurringTemplate *t)
{
  const AffariRecurrence *s = &t->settings;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, t->id);
  json_builder_set_member_name (builder, "deal_id");
  json_builder_add_int_value (builder, t->deal_id);
  json_builder_set_member_name (builder, "based_id");
  if (t->based_id > 0)
    json_builder_add_int_value (builder, t->based_id);
  else
    json_builder_add_null_value (builder);
  cli_add_string_or_null (builder, "title", t->title);
  json_builder_set_member_name (builder, "active");
  json_builder_add_boolean_value (builder, t->active);
  cli_add_string_or_null (builder, "mode", affari_recurrence_mode_to_code (s->mode));
  cli_add_string_or_null (builder, "unit", affari_time_unit_to_code (s->mode == AFFARI_RECURRENCE_SINGLE
                                                                    ? s->before_unit : s->unit));
  json_builder_set_member_name (builder, "every");
  json_builder_add_int_value (builder, s->mode == AFFARI_RECURRENCE_SINGLE ? s->before_value : s->interval);
  cli_add_string_or_null (builder, "start", s->start_date);
  cli_add_string_or_null (builder, "until", s->stop == AFFARI_RECURRENCE_STOP_DATE ? s->limit_date : NULL);
  json_builder_set_member_name (builder, "times");
  if (s->stop == AFFARI_RECURRENCE_STOP_TIMES)
    json_builder_add_int_value (builder, s->limit_times);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "counter");
  json_builder_add_int_value (builder, t->counter);
  cli_add_string_or_null (builder, "next_date", t->next_date[0] != '\0' ? t->next_date : NULL);
  cli_add_string_or_null (builder, "last_date", t->last_date[0] != '\0' ? t->last_date : NULL);
  json_builder_set_member_name (builder, "pipeline_id");
  if (s->pipeline_id > 0)
    json_builder_add_int_value (builder, s->pipeline_id);
  else
    json_builder_add_null_value (builder);
  cli_add_string_or_null (builder, "pipeline", t->pipeline_name);
  json_builder_end_object (builder);
}

static int
cmd_list (Cli *cli)
{
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(AffariRecurring) recurring = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int status;

  if ((status = cli_parse_json_option (cli, &json)) != EXIT_SUCCESS)
    return status;
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILURE;
  recurring = open_recurring (store);
  templates = affari_recurring_list (recurring, &error);
  if (templates == NULL)
    return cli_failure (_("Cannot read the recurring templates: %s"), error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < templates->len; i++)
        add_template_json (builder, g_ptr_array_index (templates, i));
      json_builder_end_array (builder);
      return cli_print_json (builder);
    }

  {
    g_autoptr(GString) line = g_string_new (NULL);

    cli_append_cell (line, _("ID"), 5, TRUE);
    g_string_append (line, "  ");
    cli_append_cell (line, _("Title"), 40, FALSE);
    g_string_append (line, "  ");
    cli_append_cell (line, _("Next"), 10, FALSE);
    g_string_append (line, "  ");
    cli_append_cell (line, _("Made"), 9, TRUE);
    g_string_append (line, "  ");
    cli_append_cell (line, _("Limit"), 18, FALSE);
    g_string_append (line, "  ");
    g_string_append (line, _("Active"));
    g_string_append_c (line, '\n');
    for (guint i = 0; i < templates->len; i++)
      {
        AffariRecurringTemplate *t = g_ptr_array_index (templates, i);
        g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, t->id);
        g_autofree char *counter = affari_recurring_template_describe_counter (t);
        g_autofree char *limit = affari_recurring_template_describe_limit (t);

        cli_append_cell (line, id, 5, TRUE);
        g_string_append (line, "  ");
        cli_append_cell (line, t->title, 40, FALSE);
        g_string_append (line, "  ");
        cli_append_cell (line, t->next_date[0] != '\0' ? t->next_date : "-", 10, FALSE);
        g_string_append (line, "  ");
        cli_append_cell (line, counter, 9, TRUE);
        g_string_append (line, "  ");
        cli_append_cell (line, limit, 18, FALSE);
        g_string_append (line, "  ");
        g_string_append (line, t->active ? _("yes") : _("no"));
        g_string_append_c (line, '\n');
      }
    fputs (line->str, stdout);
  }
  return cli_finish_output ();
}

static int
cmd_run (Cli *cli)
{
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(AffariRecurring) recurring = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_today = FALSE;
  guint created = 0, late = 0;
  GDate today;

  for (guint i = 0; i < cli->args->len; i++)
    {
      const char *arg = g_ptr_array_index (cli->args, i);
      const char *value = NULL;

      if (cli_is_option (arg, "--today", &value))
        {
          if ((value = cli_option_value (cli, &i, "--today", value)) == NULL
              || !cli_parse_date (value, "--today", &today))
            return EXIT_USAGE;
          has_today = TRUE;
        }
      else if (arg[0] == '-')
        return cli_usage_error (_("Unknown option “%s” for “%s”"), arg, "recurring run");
      else
        return cli_usage_error (_("Unexpected argument “%s”"), arg);
    }

  store = open_for_writing (cli);
  if (store == NULL)
    return EXIT_FAILURE;
  if (has_today)
    cli_set_today (store, &today);
  recurring = open_recurring (store);
  if (!affari_recurring_run (recurring, NULL, &created, &late, &error))
    return cli_failure (_("Cannot create the regular deals: %s"), error->message);

  g_print (ngettext ("Created %u regular deal.", "Created %u regular deals.", created), created);
  g_print ("\n");
  if (late > 0)
    {
      g_autofree char *message = affari_recurring_describe_late (late);
      g_print ("%s\n", message);
    }
  return cli_finish_output ();
}

/* ------------------------------------------------------------ the command */

int
cli_cmd_recurring (Cli *cli)
{
  static const struct {
    const char *name;
    int (*func) (Cli *cli);
  } subcommands[] = {
    { "add", cmd_add },
    { "list", cmd_list },
    { "run", cmd_run },
  };
  const char *name = cli->args->len > 0 ? g_ptr_array_index (cli->args, 0) : NULL;

  if (name == NULL)
    return cli_usage_error (_("“%s” needs one of: %s"), "recurring", "add, list, run");
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (name, subcommands[i].name))
      {
        g_autoptr(GPtrArray) args = g_ptr_array_new ();
        Cli sub = sub_cli (cli, args);

        return subcommands[i].func (&sub);
      }
  return cli_usage_error (_("“%s” needs one of: %s"), "recurring", "add, list, run");
}
