/* affari-cli-generator.c — `affari-cli generator …`: the sales generator from the command line
 *
 *   generator segments [--json] [--today DAY]
 *   generator run --segment CODE [settings] [--dry-run] [--json] [--today DAY]
 *   generator add --name NAME --segment CODE [settings] (--every-days N | --weekdays 1,3,5 | --monthly DAY | --once)
 *                 [--start DAY]
 *   generator list [--json]
 *   generator due [--today DAY]        (for cron or a systemd timer)
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
#include "ops/affari-generator.h"
#include "store/affari-store-segments.h"

/* What the options of run and add gathered. */
typedef struct {
  AffariSegmentSpec spec;
  AffariGeneratorSettings settings;
  AffariSchedule schedule;
  gboolean has_schedule;
  const char *segment;
  const char *name;
  gboolean has_days;
  int days;
  gboolean dry_run;
  gboolean json;
  gboolean has_today;
  GDate today;
  gboolean has_start;
  GDate start;
} Options;

static void
options_clear (Options *o)
{
  affari_segment_spec_clear (&o->spec);
  affari_generator_settings_clear (&o->settings);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* A builder with an open array for --json, NULL for the table. */
static JsonBuilder *
begin_json_array (gboolean json)
{
  JsonBuilder *builder;

  if (!json)
    return NULL;
  builder = json_builder_new ();
  json_builder_begin_array (builder);
  return builder;
}

/* Ends the array of @builder (NULL: the table was printed) and prints it. */
static void
print_json_array (JsonBuilder *builder)
{
  if (builder == NULL)
    return;
  json_builder_end_array (builder);
  cli_print_json (builder);
}

static gboolean
parse_members (const char *text, Options *o)
{
  g_auto(GStrv) parts = NULL;

  if (g_str_equal (text, "client"))
    {
      o->settings.responsible = AFFARI_GENERATOR_CLIENT_OWN;
      return TRUE;
    }
  o->settings.responsible = AFFARI_GENERATOR_ROUND_ROBIN;
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 id;

      if (!cli_parse_int (parts[i], "--responsible", 1, G_MAXINT64, &id))
        return FALSE;
      g_array_append_val (o->settings.member_ids, id);
    }
  return TRUE;
}

static gboolean
parse_weekdays (const char *text, Options *o)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  o->schedule.kind = AFFARI_SCHEDULE_WEEKDAYS;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 day;

      if (!cli_parse_int (parts[i], "--weekdays", 1, 7, &day))
        return FALSE;
      o->schedule.weekdays |= 1u << (day - 1);
    }
  return TRUE;
}

/* Reads the options of run and add (those @allowed names; every command takes --today). */
static int
parse_options (Cli *cli, guint first, Options *o)
{
  for (guint i = first; i < cli->args->len; i++)
    {
      const char *arg = g_ptr_array_index (cli->args, i);
      const char *value = NULL;
      gint64 number;

      if (cli_is_option (arg, "--segment", &value))
        {
          if ((o->segment = cli_option_value (cli, &i, "--segment", value)) == NULL)
            return EXIT_USAGE;
        }
      else if (cli_is_option (arg, "--name", &value))
        {
          if ((o->name = cli_option_value (cli, &i, "--name", value)) == NULL)
            return EXIT_USAGE;
        }
      else if (cli_is_option (arg, "--today", &value) || cli_is_option (arg, "--start", &value))
        {
          gboolean today = g_str_has_prefix (arg, "--today");
          const char *option = today ? "--today" : "--start";

          if ((value = cli_option_value (cli, &i, option, value)) == NULL
              || !cli_parse_date (value, option, today ? &o->today : &o->start))
            return EXIT_USAGE;
          if (today)
            o->has_today = TRUE;
          else
            o->has_start = TRUE;
        }
      else if (cli_is_option (arg, "--days", &value))
        {
          if ((value = cli_option_value (cli, &i, "--days", value)) == NULL
              || !cli_parse_int (value, "--days", 0, 366, &number))
            return EXIT_USAGE;
          o->has_days = TRUE;
          o->days = (int) number;
        }
      else if (cli_is_option (arg, "--product", &value))
        {
          if ((value = cli_option_value (cli, &i, "--product", value)) == NULL
              || !cli_parse_int (value, "--product", 1, G_MAXINT64, &o->spec.product_id))
            return EXIT_USAGE;
        }
      else if (cli_is_option (arg, "--since", &value))
        {
          GDate day;

          if ((value = cli_option_value (cli, &i, "--since", value)) == NULL || !cli_parse_date (value, "--since", &day))
            return EXIT_USAGE;
          g_free (o->spec.since);
          o->spec.since = g_strdup (value);
        }
      else if (cli_is_option (arg, "--title", &value))
        {
          if ((value = cli_option_value (cli, &i, "--title", value)) == NULL)
            return EXIT_USAGE;
          g_free (o->settings.title_pattern);
          o->settings.title_pattern = g_strdup (value);
        }
      else if (cli_is_option (arg, "--pipeline", &value))
        {
          if ((value = cli_option_value (cli, &i, "--pipeline", value)) == NULL
              || !cli_parse_int (value, "--pipeline", 1, G_MAXINT64, &o->settings.pipeline_id))
            return EXIT_USAGE;
        }
      else if (cli_is_option (arg, "--responsible", &value))
        {
          if ((value = cli_option_value (cli, &i, "--responsible", value)) == NULL || !parse_members (value, o))
            return EXIT_USAGE;
        }
      else if (cli_is_option (arg, "--comment", &value))
        {
          if ((value = cli_option_value (cli, &i, "--comment", value)) == NULL)
            return EXIT_USAGE;
          g_free (o->settings.comment);
          o->settings.comment = g_strdup (value);
        }
      else if (cli_is_option (arg, "--every-days", &value))
        {
          if ((value = cli_option_value (cli, &i, "--every-days", value)) == NULL
              || !cli_parse_int (value, "--every-days", 1, 366, &number))
            return EXIT_USAGE;
          o->schedule.kind = AFFARI_SCHEDULE_EVERY_DAYS;
          o->schedule.every_days = (int) number;
          o->has_schedule = TRUE;
        }
      else if (cli_is_option (arg, "--weekdays", &value))
        {
          if ((value = cli_option_value (cli, &i, "--weekdays", value)) == NULL || !parse_weekdays (value, o))
            return EXIT_USAGE;
          o->has_schedule = TRUE;
        }
      else if (cli_is_option (arg, "--monthly", &value))
        {
          if ((value = cli_option_value (cli, &i, "--monthly", value)) == NULL
              || !cli_parse_int (value, "--monthly", 1, 31, &number))
            return EXIT_USAGE;
          o->schedule.kind = AFFARI_SCHEDULE_MONTHLY;
          o->schedule.month_day = (int) number;
          o->has_schedule = TRUE;
        }
      else if (g_str_equal (arg, "--once"))
        {
          o->schedule.kind = AFFARI_SCHEDULE_ONCE;
          o->has_schedule = TRUE;
        }
      else if (g_str_equal (arg, "--copy-products"))
        o->settings.copy_products = TRUE;
      else if (g_str_equal (arg, "--always"))
        o->settings.always = TRUE;
      else if (g_str_equal (arg, "--dry-run"))
        o->dry_run = TRUE;
      else if (g_str_equal (arg, "--json"))
        o->json = TRUE;
      else if (arg[0] == '-')
        return cli_usage_error (_("Unknown option “%s” for “%s”"), arg, "generator");
      else
        return cli_usage_error (_("Unexpected argument “%s”"), arg);
    }
  return EXIT_SUCCESS;
}

static int
parse (Cli *cli, Options *o)
{
  affari_generator_settings_init (&o->settings);
  return parse_options (cli, 1, o);
}

/* Opens the database (for writing with @write) on the day of --today; NULL when it failed. */
static AffariStore *
open_store (Cli *cli, Options *o, gboolean write)
{
  AffariStore *store = cli_open_store (cli, write);

  if (store != NULL && o->has_today)
    cli_set_today (store, &o->today);
  return store;
}

/* Resolves --segment (and its parameters) into @o->spec. */
static int
resolve_segment (AffariStore *store, Options *o)
{
  g_autoptr(GError) error = NULL;
  gint64 product_id = o->spec.product_id;
  char *since = g_steal_pointer (&o->spec.since);

  if (o->segment == NULL)
    {
      g_free (since);
      return cli_usage_error ("%s", _("Give the segment with --segment CODE (see “generator segments”)"));
    }
  if (!affari_segment_spec_init_from_code (&o->spec, o->segment))
    {
      g_free (since);
      return cli_usage_error (_("There is no segment “%s”: “generator segments” lists them"), o->segment);
    }
  o->spec.product_id = product_id;
  o->spec.since = since;
  if (o->has_days)
    o->spec.days = o->days;
  if (o->spec.kind == AFFARI_SEGMENT_PRODUCT && o->spec.product_id <= 0)
    return cli_usage_error ("%s", _("This segment needs the product: add --product ID"));
  if (!affari_generator_load_segment (store, &o->spec, &error))
    return cli_failure ("%s", error->message);
  return EXIT_SUCCESS;
}

static int
cmd_segments (Cli *cli)
{
  g_auto(Options) o = { 0 };
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(GArray) segments = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = parse (cli, &o)) != EXIT_SUCCESS)
    return status;
  if ((store = open_store (cli, &o, FALSE)) == NULL)
    return EXIT_FAILURE;
  segments = affari_generator_list_segments (store, &error);
  if (segments == NULL)
    return cli_failure ("%s", error->message);

  builder = begin_json_array (o.json);
  for (guint i = 0; i < segments->len; i++)
    {
      AffariSegmentSpec *spec = &g_array_index (segments, AffariSegmentSpec, i);
      g_autofree char *code = NULL;
      g_autofree char *name = affari_segment_spec_dup_name (spec);
      guint count = 0;

      /* The parameters given apply to the segments that take them. */
      if (o.has_days && affari_segment_spec_param (spec) == AFFARI_SEGMENT_PARAM_DAYS)
        spec->days = o.days;
      if (affari_segment_spec_param (spec) == AFFARI_SEGMENT_PARAM_PRODUCT)
        spec->product_id = o.spec.product_id;
      if (o.spec.since != NULL && affari_segment_spec_param (spec) == AFFARI_SEGMENT_PARAM_DATE)
        spec->since = g_strdup (o.spec.since);
      code = affari_segment_spec_dup_code (spec);
      /* A segment that needs a product has no count until one is chosen (--product). */
      if ((affari_segment_spec_param (spec) != AFFARI_SEGMENT_PARAM_PRODUCT || spec->product_id > 0)
          && !affari_generator_count (store, spec, &count, &error))
        return cli_failure ("%s", error->message);
      if (o.json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, code);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, name);
          json_builder_set_member_name (builder, "group");
          json_builder_add_string_value (builder, affari_segment_group_name (affari_segment_spec_group (spec)));
          json_builder_set_member_name (builder, "count");
          json_builder_add_int_value (builder, count);
          json_builder_end_object (builder);
        }
      else
        g_print ("%s\t%s\t%u\n", code, name, count);
    }
  print_json_array (builder);
  return cli_finish_output ();
}

static int
cmd_run (Cli *cli)
{
  g_auto(Options) o = { 0 };
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(GError) error = NULL;
  guint created = 0, skipped = 0;
  int status;

  if ((status = parse (cli, &o)) != EXIT_SUCCESS)
    return status;
  if (o.segment == NULL)
    return cli_usage_error ("%s", _("Give the segment with --segment CODE (see “generator segments”)"));
  /* A dry run reads only: nothing can be written by mistake. */
  if ((store = open_store (cli, &o, !o.dry_run)) == NULL)
    return EXIT_FAILURE;
  if ((status = resolve_segment (store, &o)) != EXIT_SUCCESS)
    return status;

  if (o.dry_run)
    {
      g_autoptr(GPtrArray) items = affari_generator_preview (store, &o.spec, &o.settings, 0, &error);

      if (items == NULL)
        return cli_failure ("%s", error->message);
      for (guint i = 0; i < items->len; i++)
        {
          const AffariGeneratorItem *item = g_ptr_array_index (items, i);

          if (item->skip == AFFARI_GENERATOR_SKIP_NONE)
            created++;
          else
            skipped++;
          if (!o.json)
            {
              if (item->skip == AFFARI_GENERATOR_SKIP_NONE)
                g_print ("+\t%s\t%s\n", item->client_name, item->title);
              else
                g_print ("-\t%s\t%s\n", item->client_name, affari_generator_skip_reason (item->skip));
            }
        }
    }
  else
    {
      g_autoptr(AffariDealOps) ops = affari_deal_ops_new (store);
      g_autoptr(AffariChangeSet) set = affari_generator_run (ops, store, &o.spec, &o.settings, FALSE,
                                                             &created, &skipped, &error);

      if (set == NULL)
        return cli_failure (_("The deals were not created: %s"), error->message);
    }

  if (o.json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "created");
      json_builder_add_int_value (builder, created);
      json_builder_set_member_name (builder, "skipped");
      json_builder_add_int_value (builder, skipped);
      json_builder_set_member_name (builder, "dry_run");
      json_builder_add_boolean_value (builder, o.dry_run);
      json_builder_end_object (builder);
      cli_print_json (builder);
    }
  else
    {
      g_print (o.dry_run ? _("Would create: %u") : _("Created: %u"), created);
      g_print ("\n");
      g_print (_("Skipped: %u"), skipped);
      g_print ("\n");
    }
  return cli_finish_output ();
}

static int
cmd_add (Cli *cli)
{
  g_auto(Options) o = { 0 };
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  if ((status = parse (cli, &o)) != EXIT_SUCCESS)
    return status;
  if (o.name == NULL)
    return cli_usage_error ("%s", _("Give the generator a name with --name NAME"));
  if (!o.has_schedule)
    return cli_usage_error ("%s", _("Say when it runs: --every-days N, --weekdays 1,3,5, --monthly DAY or --once"));
  if ((store = open_store (cli, &o, TRUE)) == NULL)
    return EXIT_FAILURE;
  if ((status = resolve_segment (store, &o)) != EXIT_SUCCESS)
    return status;
  if (!o.has_start)
    affari_segment_day_of (affari_store_now (store), &o.start);
  id = affari_generator_save (store, o.name, &o.spec, &o.settings, &o.schedule, &o.start, &error);
  if (id == 0)
    return cli_failure ("%s", error->message);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return cli_finish_output ();
}

static int
cmd_list (Cli *cli)
{
  g_auto(Options) o = { 0 };
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(GArray) saved = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = parse (cli, &o)) != EXIT_SUCCESS)
    return status;
  if ((store = open_store (cli, &o, FALSE)) == NULL)
    return EXIT_FAILURE;
  saved = affari_generator_list_saved (store, &error);
  if (saved == NULL)
    return cli_failure ("%s", error->message);
  builder = begin_json_array (o.json);
  for (guint i = 0; i < saved->len; i++)
    {
      const AffariSavedGenerator *g = &g_array_index (saved, AffariSavedGenerator, i);

      if (o.json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, g->id);
          cli_add_string_or_null (builder, "name", g->name);
          cli_add_string_or_null (builder, "next_run", g->next_run);
          cli_add_string_or_null (builder, "last_run", g->last_run);
          json_builder_set_member_name (builder, "runs");
          json_builder_add_int_value (builder, g->runs);
          json_builder_set_member_name (builder, "created");
          json_builder_add_int_value (builder, g->created_deals);
          json_builder_set_member_name (builder, "active");
          json_builder_add_boolean_value (builder, g->active);
          json_builder_end_object (builder);
        }
      else
        g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%u\n", g->id, g->name, g->next_run ? g->next_run : "-", g->runs);
    }
  print_json_array (builder);
  return cli_finish_output ();
}

static int
cmd_due (Cli *cli)
{
  g_auto(Options) o = { 0 };
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(AffariDealOps) ops = NULL;
  g_autoptr(GError) error = NULL;
  guint runs = 0, created = 0;
  int status;

  if ((status = parse (cli, &o)) != EXIT_SUCCESS)
    return status;
  if ((store = open_store (cli, &o, TRUE)) == NULL)
    return EXIT_FAILURE;
  ops = affari_deal_ops_new (store);
  if (!affari_generator_run_due (ops, store, &runs, &created, &error))
    return cli_failure (_("The scheduled generators did not run: %s"), error->message);
  g_print (_("Generators run: %u"), runs);
  g_print ("\n");
  g_print (_("Created: %u"), created);
  g_print ("\n");
  return cli_finish_output ();
}

int
cli_generator (Cli *cli)
{
  const char *sub = cli->args->len > 0 ? g_ptr_array_index (cli->args, 0) : NULL;

  if (sub == NULL)
    return cli_usage_error ("%s", _("Say what to do: generator segments, run, add, list or due"));
  if (g_str_equal (sub, "segments"))
    return cmd_segments (cli);
  if (g_str_equal (sub, "run"))
    return cmd_run (cli);
  if (g_str_equal (sub, "add"))
    return cmd_add (cli);
  if (g_str_equal (sub, "list"))
    return cmd_list (cli);
  if (g_str_equal (sub, "due"))
    return cmd_due (cli);
  return cli_usage_error (_("Unknown command “generator %s”"), sub);
}
