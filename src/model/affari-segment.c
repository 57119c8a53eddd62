/* affari-segment.c — segments, run settings and schedules of the sales generator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-segment"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "affari-segment.h"

typedef struct {
  const char *code;
  AffariSegmentKind kind;
  AffariHoliday holiday;
  const char *name;
  const char *description;
} SystemSegment;

/* The order the generator lists them in, group by group. */
static const SystemSegment system_segments[] = {
  { "crm_client_all", AFFARI_SEGMENT_ALL, 0, N_("All clients"),
    N_("Every company, and every contact without a company") },
  { "crm_client_deal_in_work", AFFARI_SEGMENT_DEAL_IN_WORK, 0, N_("Clients with a deal in progress"),
    N_("Clients with at least one deal still open") },
  { "crm_client_deal_won", AFFARI_SEGMENT_DEAL_WON, 0, N_("Clients with a won deal"),
    N_("Clients who bought at least once") },
  { "crm_client_deal_loose", AFFARI_SEGMENT_DEAL_LOST, 0, N_("Clients with a lost deal"),
    N_("Clients with at least one lost deal") },
  { "crm_client_product", AFFARI_SEGMENT_PRODUCT, 0, N_("Bought a product"),
    N_("Clients with a won deal that has this product") },
  { "crm_client_no_purchase", AFFARI_SEGMENT_NO_PURCHASE_SINCE, 0, N_("No purchase since a date"),
    N_("Clients who bought before the date and never since") },
  { "case_crm_client_birthday", AFFARI_SEGMENT_BIRTHDAY, 0, N_("Birthday in the next days"),
    N_("Contacts whose birthday falls in the next days") },
  { "case_crm_client_aft_deal_clo", AFFARI_SEGMENT_AFTER_DEAL_CLOSED, 0, N_("A deal won days ago"),
    N_("Clients who won a deal exactly that many days ago") },
  { "case_crm_client_san_valentino", AFFARI_SEGMENT_HOLIDAY, AFFARI_HOLIDAY_SAN_VALENTINO,
    N_("Bought for Valentine's Day"), N_("Bought from 1 to 14 February of a past year") },
  { "case_crm_client_festa_donna", AFFARI_SEGMENT_HOLIDAY, AFFARI_HOLIDAY_FESTA_DONNA,
    N_("Bought for Women's Day"), N_("Bought from 1 to 8 March of a past year") },
  { "case_crm_client_pasqua", AFFARI_SEGMENT_HOLIDAY, AFFARI_HOLIDAY_PASQUA,
    N_("Bought for Easter"), N_("Bought in the two weeks before Easter of a past year") },
  { "case_crm_client_festa_mamma", AFFARI_SEGMENT_HOLIDAY, AFFARI_HOLIDAY_FESTA_MAMMA,
    N_("Bought for Mother's Day"), N_("Bought from 1 May to Mother's Day of a past year") },
  { "case_crm_client_scuola", AFFARI_SEGMENT_HOLIDAY, AFFARI_HOLIDAY_SCUOLA,
    N_("Bought for back to school"), N_("Bought from 25 August to 15 September of a past year") },
  { "case_crm_client_black_friday", AFFARI_SEGMENT_HOLIDAY, AFFARI_HOLIDAY_BLACK_FRIDAY,
    N_("Bought in the Black Friday week"), N_("Bought from the Monday before Black Friday to Cyber Monday of a past year") },
  { "case_crm_client_natale", AFFARI_SEGMENT_HOLIDAY, AFFARI_HOLIDAY_NATALE,
    N_("Bought for Christmas"), N_("Bought from 1 to 24 December of a past year") },
  { "deal_every_month_year", AFFARI_SEGMENT_EVERY_MONTH, 0, N_("Buy every month"),
    N_("Won a deal in each of the last two months: proposed a week before the date") },
  { "deal_every_half_year", AFFARI_SEGMENT_EVERY_HALF_YEAR, 0, N_("Buy every six months"),
    N_("Won a deal six and twelve months ago: proposed a week before the date") },
  { "deal_every_year", AFFARI_SEGMENT_EVERY_YEAR, 0, N_("Buy every year"),
    N_("Won a deal in each of the last two years: proposed a week before the anniversary") },
  { "deal_lost_more_12_month", AFFARI_SEGMENT_LOST_CLIENT, 0, N_("Lost clients"),
    N_("Two or more closed deals, the last over a month ago, nothing in progress") },
  { "deal_activity_less_12_month", AFFARI_SEGMENT_SLEEPING, 0, N_("Sleeping clients"),
    N_("Last contact between one and twelve months ago, nothing in progress") },
};

static const char * const holiday_codes[AFFARI_N_HOLIDAYS] = {
  "san_valentino", "festa_donna", "pasqua", "festa_mamma", "scuola", "black_friday", "natale",
};

#define CUSTOM_PREFIX "custom_"

static const SystemSegment *
find_system (const AffariSegmentSpec *spec)
{
  for (guint i = 0; i < G_N_ELEMENTS (system_segments); i++)
    if (system_segments[i].kind == spec->kind
        && (spec->kind != AFFARI_SEGMENT_HOLIDAY || system_segments[i].holiday == spec->holiday))
      return &system_segments[i];
  return NULL;
}

guint
affari_segment_n_system (void)
{
  return G_N_ELEMENTS (system_segments);
}

void
affari_segment_spec_init_system (AffariSegmentSpec *spec,
                                 guint              i)
{
  g_return_if_fail (i < G_N_ELEMENTS (system_segments));

  memset (spec, 0, sizeof *spec);
  spec->kind = system_segments[i].kind;
  spec->holiday = system_segments[i].holiday;
  /* Bitrix24's defaults: birthdays in the next 5 days, a deal closed 30 days ago. */
  spec->days = spec->kind == AFFARI_SEGMENT_BIRTHDAY ? 5 : 30;
}

gboolean
affari_segment_spec_init_from_code (AffariSegmentSpec *spec,
                                    const char        *code)
{
  memset (spec, 0, sizeof *spec);
  if (code == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (system_segments); i++)
    if (g_str_equal (code, system_segments[i].code))
      {
        affari_segment_spec_init_system (spec, i);
        return TRUE;
      }
  if (g_str_has_prefix (code, CUSTOM_PREFIX))
    {
      const char *digits = code + strlen (CUSTOM_PREFIX);
      guint64 id = 0;

      if (g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &id, NULL))
        {
          spec->kind = AFFARI_SEGMENT_CUSTOM;
          spec->custom_id = (gint64) id;
          return TRUE;
        }
    }
  return FALSE;
}

void
affari_segment_spec_copy (AffariSegmentSpec       *dest,
                          const AffariSegmentSpec *src)
{
  *dest = *src;
  dest->since = g_strdup (src->since);
  dest->custom_name = g_strdup (src->custom_name);
  dest->query = src->query ? affari_deal_query_copy (src->query) : NULL;
}

void
affari_segment_spec_clear (AffariSegmentSpec *spec)
{
  g_clear_pointer (&spec->since, g_free);
  g_clear_pointer (&spec->custom_name, g_free);
  g_clear_pointer (&spec->query, affari_deal_query_free);
}

char *
affari_segment_spec_dup_code (const AffariSegmentSpec *spec)
{
  const SystemSegment *system;

  if (spec->kind == AFFARI_SEGMENT_CUSTOM)
    return g_strdup_printf (CUSTOM_PREFIX "%" G_GINT64_FORMAT, spec->custom_id);
  system = find_system (spec);
  return g_strdup (system ? system->code : "");
}

char *
affari_segment_spec_dup_name (const AffariSegmentSpec *spec)
{
  const SystemSegment *system;

  if (spec->kind == AFFARI_SEGMENT_CUSTOM)
    return g_strdup (spec->custom_name ? spec->custom_name : "");
  system = find_system (spec);
  return g_strdup (system ? _(system->name) : "");
}

const char *
affari_segment_spec_describe (const AffariSegmentSpec *spec)
{
  const SystemSegment *system;

  if (spec->kind == AFFARI_SEGMENT_CUSTOM)
    return _("The clients of the deals this filter finds");
  system = find_system (spec);
  return system ? _(system->description) : "";
}

AffariSegmentGroup
affari_segment_spec_group (const AffariSegmentSpec *spec)
{
  switch (spec->kind)
    {
    case AFFARI_SEGMENT_BIRTHDAY:
    case AFFARI_SEGMENT_AFTER_DEAL_CLOSED:
    case AFFARI_SEGMENT_HOLIDAY:
      return AFFARI_SEGMENT_GROUP_OCCASIONS;
    case AFFARI_SEGMENT_EVERY_MONTH:
    case AFFARI_SEGMENT_EVERY_HALF_YEAR:
    case AFFARI_SEGMENT_EVERY_YEAR:
    case AFFARI_SEGMENT_LOST_CLIENT:
    case AFFARI_SEGMENT_SLEEPING:
      return AFFARI_SEGMENT_GROUP_REPEAT;
    case AFFARI_SEGMENT_CUSTOM:
      return AFFARI_SEGMENT_GROUP_CUSTOM;
    case AFFARI_SEGMENT_ALL:
    case AFFARI_SEGMENT_DEAL_IN_WORK:
    case AFFARI_SEGMENT_DEAL_WON:
    case AFFARI_SEGMENT_DEAL_LOST:
    case AFFARI_SEGMENT_PRODUCT:
    case AFFARI_SEGMENT_NO_PURCHASE_SINCE:
    default:
      return AFFARI_SEGMENT_GROUP_CLIENTS;
    }
}

AffariSegmentParam
affari_segment_spec_param (const AffariSegmentSpec *spec)
{
  switch (spec->kind)
    {
    case AFFARI_SEGMENT_BIRTHDAY:
    case AFFARI_SEGMENT_AFTER_DEAL_CLOSED:
      return AFFARI_SEGMENT_PARAM_DAYS;
    case AFFARI_SEGMENT_PRODUCT:
      return AFFARI_SEGMENT_PARAM_PRODUCT;
    case AFFARI_SEGMENT_NO_PURCHASE_SINCE:
      return AFFARI_SEGMENT_PARAM_DATE;
    default:
      return AFFARI_SEGMENT_PARAM_NONE;
    }
}

const char *
affari_segment_group_name (AffariSegmentGroup group)
{
  switch (group)
    {
    case AFFARI_SEGMENT_GROUP_OCCASIONS:
      return _("Occasions");
    case AFFARI_SEGMENT_GROUP_REPEAT:
      return _("Repeat sales");
    case AFFARI_SEGMENT_GROUP_CUSTOM:
      return _("Custom");
    case AFFARI_SEGMENT_GROUP_CLIENTS:
    default:
      return _("Clients");
    }
}

const char *
affari_holiday_code (AffariHoliday holiday)
{
  g_return_val_if_fail (holiday < AFFARI_N_HOLIDAYS, "");
  return holiday_codes[holiday];
}

/* ---- dates ---- */

void
affari_easter_sunday (int    year,
                      GDate *out)
{
  /* The anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
  int a = year % 19, b = year / 100, c = year % 100;
  int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = ((h + l - 7 * m + 114) % 31) + 1;

  g_date_clear (out, 1);
  g_date_set_dmy (out, day, month, year);
}

/* The @nth (1-based) @weekday of @month. */
static void
nth_weekday (int year, GDateMonth month, GDateWeekday weekday, int nth, GDate *out)
{
  g_date_clear (out, 1);
  g_date_set_dmy (out, 1, month, year);
  while (g_date_get_weekday (out) != weekday)
    g_date_add_days (out, 1);
  g_date_add_days (out, 7 * (nth - 1));
}

void
affari_holiday_window (AffariHoliday holiday,
                       int           year,
                       GDate        *from,
                       GDate        *to)
{
  g_date_clear (from, 1);
  g_date_clear (to, 1);
  switch (holiday)
    {
    case AFFARI_HOLIDAY_SAN_VALENTINO:
      g_date_set_dmy (from, 1, G_DATE_FEBRUARY, year);
      g_date_set_dmy (to, 14, G_DATE_FEBRUARY, year);
      break;
    case AFFARI_HOLIDAY_FESTA_DONNA:
      g_date_set_dmy (from, 1, G_DATE_MARCH, year);
      g_date_set_dmy (to, 8, G_DATE_MARCH, year);
      break;
    case AFFARI_HOLIDAY_PASQUA:
      affari_easter_sunday (year, to);
      *from = *to;
      g_date_subtract_days (from, 14);
      break;
    case AFFARI_HOLIDAY_FESTA_MAMMA:
      g_date_set_dmy (from, 1, G_DATE_MAY, year);
      nth_weekday (year, G_DATE_MAY, G_DATE_SUNDAY, 2, to);
      break;
    case AFFARI_HOLIDAY_SCUOLA:
      g_date_set_dmy (from, 25, G_DATE_AUGUST, year);
      g_date_set_dmy (to, 15, G_DATE_SEPTEMBER, year);
      break;
    case AFFARI_HOLIDAY_BLACK_FRIDAY:
      /* Black Friday: the day after the fourth Thursday of November. */
      nth_weekday (year, G_DATE_NOVEMBER, G_DATE_THURSDAY, 4, from);
      g_date_subtract_days (from, 3);
      *to = *from;
      g_date_add_days (to, 7);
      break;
    case AFFARI_HOLIDAY_NATALE:
    case AFFARI_N_HOLIDAYS:
    default:
      g_date_set_dmy (from, 1, G_DATE_DECEMBER, year);
      g_date_set_dmy (to, 24, G_DATE_DECEMBER, year);
      break;
    }
}

GPtrArray *
affari_segment_birthday_days (const GDate *today,
                              int          days)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GDate day = *today;

  days = CLAMP (days, 0, 366);
  for (int i = 0; i <= days; i++)
    {
      GDateDay d = g_date_get_day (&day);
      GDateMonth m = g_date_get_month (&day);

      g_ptr_array_add (out, g_strdup_printf ("%02d-%02d", m, d));
      if (m == G_DATE_FEBRUARY && d == 28 && !g_date_is_leap_year (g_date_get_year (&day)))
        g_ptr_array_add (out, g_strdup ("02-29"));
      g_date_add_days (&day, 1);
    }
  return out;
}

void
affari_segment_repeat_windows (AffariSegmentKind  kind,
                               const GDate       *today,
                               GDate              from[2],
                               GDate              to[2])
{
  for (int i = 0; i < 2; i++)
    {
      /* The opportunity is proposed a week before the anniversary of the purchase. */
      from[i] = *today;
      g_date_add_days (&from[i], 7);
      switch (kind)
        {
        case AFFARI_SEGMENT_EVERY_MONTH:
          g_date_subtract_months (&from[i], i + 1);
          break;
        case AFFARI_SEGMENT_EVERY_HALF_YEAR:
          g_date_subtract_months (&from[i], 6 * (i + 1));
          break;
        case AFFARI_SEGMENT_EVERY_YEAR:
        default:
          g_date_subtract_years (&from[i], i + 1);
          break;
        }
      to[i] = from[i];
      if (kind == AFFARI_SEGMENT_EVERY_MONTH)
        g_date_add_days (&to[i], 7);
      else
        g_date_add_months (&to[i], 1);
      g_date_subtract_days (&to[i], 1);
    }
}

void
affari_segment_day_of (gint64  unix_time,
                       GDate  *out)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (unix_time);

  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_time_get_day_of_month (when), g_date_time_get_month (when), g_date_time_get_year (when));
}

char *
affari_segment_format_day (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

gboolean
affari_segment_parse_day (const char *text,
                          GDate      *out)
{
  unsigned year, month, day;
  char extra;

  g_date_clear (out, 1);
  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &extra) != 3
      || !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (out, day, month, year);
  return TRUE;
}

/* ---- run settings ---- */

void
affari_generator_settings_init (AffariGeneratorSettings *settings)
{
  memset (settings, 0, sizeof *settings);
  /* Translators: the default title of the deals the sales generator makes; keep {cliente}. */
  settings->title_pattern = g_strdup (_("{cliente}: new sale"));
  settings->responsible = AFFARI_GENERATOR_CLIENT_OWN;
  settings->member_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

void
affari_generator_settings_clear (AffariGeneratorSettings *settings)
{
  g_clear_pointer (&settings->title_pattern, g_free);
  g_clear_pointer (&settings->comment, g_free);
  g_clear_pointer (&settings->member_ids, g_array_unref);
}

void
affari_generator_settings_copy (AffariGeneratorSettings       *dest,
                                const AffariGeneratorSettings *src)
{
  *dest = *src;
  dest->title_pattern = g_strdup (src->title_pattern);
  dest->comment = g_strdup (src->comment);
  dest->member_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (src->member_ids != NULL)
    g_array_append_vals (dest->member_ids, src->member_ids->data, src->member_ids->len);
}

char *
affari_generator_format_title (const char  *pattern,
                               const char  *client,
                               const GDate *day)
{
  GString *out = g_string_new (pattern ? pattern : "");
  g_autofree char *date = g_strdup_printf ("%02d/%02d/%04d", g_date_get_day (day), g_date_get_month (day),
                                           g_date_get_year (day));

  g_string_replace (out, "{cliente}", client ? client : "", 0);
  g_string_replace (out, "{data}", date, 0);
  g_strstrip (out->str);
  out->len = strlen (out->str);
  return g_string_free (out, FALSE);
}

/* ---- schedules ---- */

void
affari_schedule_first_on_or_after (const AffariSchedule *schedule,
                                   const GDate          *from,
                                   GDate                *out)
{
  *out = *from;
  switch (schedule->kind)
    {
    case AFFARI_SCHEDULE_WEEKDAYS:
      {
        /* No day chosen: Monday to Friday. */
        guint mask = schedule->weekdays & 0x7f ? schedule->weekdays & 0x7f : 0x1f;

        while (!(mask & (1u << (g_date_get_weekday (out) - 1))))
          g_date_add_days (out, 1);
      }
      break;
    case AFFARI_SCHEDULE_MONTHLY:
      {
        int wanted = CLAMP (schedule->month_day, 1, 31);
        int last = g_date_get_days_in_month (g_date_get_month (out), g_date_get_year (out));

        if (g_date_get_day (out) > MIN (wanted, last))
          {
            g_date_set_day (out, 1);
            g_date_add_months (out, 1);
            last = g_date_get_days_in_month (g_date_get_month (out), g_date_get_year (out));
          }
        g_date_set_day (out, MIN (wanted, last));
      }
      break;
    case AFFARI_SCHEDULE_ONCE:
    case AFFARI_SCHEDULE_EVERY_DAYS:
    default:
      break;
    }
}

gboolean
affari_schedule_next_after (const AffariSchedule *schedule,
                            const GDate          *done,
                            GDate                *out)
{
  GDate from = *done;

  switch (schedule->kind)
    {
    case AFFARI_SCHEDULE_ONCE:
      g_date_clear (out, 1);
      return FALSE;
    case AFFARI_SCHEDULE_EVERY_DAYS:
      *out = *done;
      g_date_add_days (out, MAX (schedule->every_days, 1));
      return TRUE;
    case AFFARI_SCHEDULE_WEEKDAYS:
    case AFFARI_SCHEDULE_MONTHLY:
    default:
      g_date_add_days (&from, 1);
      affari_schedule_first_on_or_after (schedule, &from, out);
      return TRUE;
    }
}

char *
affari_schedule_describe (const AffariSchedule *schedule)
{
  switch (schedule->kind)
    {
    case AFFARI_SCHEDULE_EVERY_DAYS:
      return g_strdup_printf (ngettext ("every day", "every %d days", MAX (schedule->every_days, 1)),
                              MAX (schedule->every_days, 1));
    case AFFARI_SCHEDULE_WEEKDAYS:
      {
        /* Translators: short weekday names, Monday first, separated by "|". */
        g_auto(GStrv) names = g_strsplit (_("Mon|Tue|Wed|Thu|Fri|Sat|Sun"), "|", 7);
        g_autoptr(GString) out = g_string_new (NULL);
        guint mask = schedule->weekdays & 0x7f ? schedule->weekdays & 0x7f : 0x1f;

        for (guint i = 0; i < 7 && names[i] != NULL; i++)
          if (mask & (1u << i))
            g_string_append_printf (out, "%s%s", out->len ? ", " : "", names[i]);
        return g_strdup (out->str);
      }
    case AFFARI_SCHEDULE_MONTHLY:
      /* Translators: %d is a day of the month. */
      return g_strdup_printf (_("on day %d of every month"), CLAMP (schedule->month_day, 1, 31));
    case AFFARI_SCHEDULE_ONCE:
    default:
      return g_strdup (_("once"));
    }
}

static const char * const schedule_kinds[] = { "once", "every-days", "weekdays", "monthly" };

char *
affari_generator_config_to_text (const AffariSegmentSpec       *spec,
                                 const AffariGeneratorSettings *settings,
                                 const AffariSchedule          *schedule)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *code = affari_segment_spec_dup_code (spec);

  g_key_file_set_string (file, "segment", "code", code);
  g_key_file_set_integer (file, "segment", "days", spec->days);
  g_key_file_set_int64 (file, "segment", "product", spec->product_id);
  if (spec->since != NULL)
    g_key_file_set_string (file, "segment", "since", spec->since);

  g_key_file_set_string (file, "settings", "title", settings->title_pattern ? settings->title_pattern : "");
  g_key_file_set_int64 (file, "settings", "pipeline", settings->pipeline_id);
  g_key_file_set_string (file, "settings", "responsible",
                         settings->responsible == AFFARI_GENERATOR_CLIENT_OWN ? "client" : "round-robin");
  if (settings->member_ids != NULL && settings->member_ids->len > 0)
    {
      g_autoptr(GString) members = g_string_new (NULL);

      for (guint i = 0; i < settings->member_ids->len; i++)
        g_string_append_printf (members, "%s%" G_GINT64_FORMAT, i ? "," : "",
                                g_array_index (settings->member_ids, gint64, i));
      g_key_file_set_string (file, "settings", "members", members->str);
    }
  if (settings->comment != NULL && settings->comment[0] != '\0')
    g_key_file_set_string (file, "settings", "comment", settings->comment);
  g_key_file_set_boolean (file, "settings", "copy-products", settings->copy_products);
  g_key_file_set_boolean (file, "settings", "always", settings->always);

  g_key_file_set_string (file, "schedule", "kind", schedule_kinds[CLAMP (schedule->kind, 0, 3)]);
  g_key_file_set_integer (file, "schedule", "every-days", schedule->every_days);
  g_key_file_set_integer (file, "schedule", "weekdays", (int) schedule->weekdays);
  g_key_file_set_integer (file, "schedule", "month-day", schedule->month_day);
  return g_key_file_to_data (file, NULL, NULL);
}

gboolean
affari_generator_config_from_text (const char               *text,
                                   AffariSegmentSpec        *spec,
                                   AffariGeneratorSettings  *settings,
                                   AffariSchedule           *schedule,
                                   GError                  **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *code = NULL;
  g_autofree char *responsible = NULL;
  g_autofree char *members = NULL;
  g_autofree char *kind = NULL;

  if (!g_key_file_load_from_data (file, text ? text : "", -1, G_KEY_FILE_NONE, error))
    return FALSE;
  code = g_key_file_get_string (file, "segment", "code", NULL);
  if (!affari_segment_spec_init_from_code (spec, code))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   _("The segment “%s” does not exist"), code ? code : "");
      return FALSE;
    }
  if (g_key_file_has_key (file, "segment", "days", NULL))
    spec->days = g_key_file_get_integer (file, "segment", "days", NULL);
  spec->product_id = g_key_file_get_int64 (file, "segment", "product", NULL);
  spec->since = g_key_file_get_string (file, "segment", "since", NULL);

  affari_generator_settings_init (settings);
  if (g_key_file_has_key (file, "settings", "title", NULL))
    {
      g_free (settings->title_pattern);
      settings->title_pattern = g_key_file_get_string (file, "settings", "title", NULL);
    }
  settings->pipeline_id = g_key_file_get_int64 (file, "settings", "pipeline", NULL);
  responsible = g_key_file_get_string (file, "settings", "responsible", NULL);
  settings->responsible = g_strcmp0 (responsible, "round-robin") == 0 ? AFFARI_GENERATOR_ROUND_ROBIN
                                                                      : AFFARI_GENERATOR_CLIENT_OWN;
  members = g_key_file_get_string (file, "settings", "members", NULL);
  if (members != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (members, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          gint64 id = g_ascii_strtoll (parts[i], NULL, 10);

          if (id > 0)
            g_array_append_val (settings->member_ids, id);
        }
    }
  settings->comment = g_key_file_get_string (file, "settings", "comment", NULL);
  settings->copy_products = g_key_file_get_boolean (file, "settings", "copy-products", NULL);
  settings->always = g_key_file_get_boolean (file, "settings", "always", NULL);

  memset (schedule, 0, sizeof *schedule);
  kind = g_key_file_get_string (file, "schedule", "kind", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (schedule_kinds); i++)
    if (g_strcmp0 (kind, schedule_kinds[i]) == 0)
      schedule->kind = i;
  schedule->every_days = g_key_file_get_integer (file, "schedule", "every-days", NULL);
  schedule->weekdays = (guint) g_key_file_get_integer (file, "schedule", "weekdays", NULL);
  schedule->month_day = g_key_file_get_integer (file, "schedule", "month-day", NULL);
  return TRUE;
}

/* ---- clients and the preview ---- */

void
affari_segment_client_clear (gpointer data)
{
  AffariSegmentClient *client = data;

  g_clear_pointer (&client->name, g_free);
}

void
affari_generator_item_free (gpointer data)
{
  AffariGeneratorItem *item = data;

  if (item == NULL)
    return;
  g_free (item->client_name);
  g_free (item->title);
  g_free (item);
}

const char *
affari_generator_skip_reason (AffariGeneratorSkip skip)
{
  switch (skip)
    {
    case AFFARI_GENERATOR_SKIP_OPEN_DEAL:
      return _("already has a deal in progress");
    case AFFARI_GENERATOR_SKIP_DONE_TODAY:
      return _("already got a deal from the generator today");
    case AFFARI_GENERATOR_SKIP_NONE:
    default:
      return "";
    }
}

/* ---- saved generators ---- */

void
affari_saved_generator_clear (gpointer data)
{
  AffariSavedGenerator *generator = data;

  g_clear_pointer (&generator->name, g_free);
  g_clear_pointer (&generator->config, g_free);
  g_clear_pointer (&generator->next_run, g_free);
  g_clear_pointer (&generator->last_run, g_free);
}
