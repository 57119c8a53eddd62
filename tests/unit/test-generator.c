/* test-generator.c — the sales generator: segment counts on a hand-made database, the preview's
 * skip rules, runs (one transaction, one undo step), settings, schedules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "io/affari-demo.h"
#include "model/affari-i18n.h"
#include "model/affari-segment.h"
#include "ops/affari-deal-ops.h"
#include "ops/affari-generator.h"
#include "store/affari-store.h"
#include "store/affari-store-segments.h"
#include "affari-test-files.h"

typedef struct {
  char *dir;
  char *path;
  AffariStore *store;
  AffariDealOps *ops;
  sqlite3 *db;            /* a second connection that writes the hand-made data */
  gint64 m1, m2;          /* team members */
  gint64 product;
} Fixture;

/* Companies (ids fixed by the order they are made). */
enum { CO_A = 1, CO_B, CO_B2, CO_C, CO_D, CO_E, CO_M, CO_H6, CO_L, CO_S };
/* Contacts without a company. */
enum { CT_F = 1, CT_G, CT_H, CT_I };

static void
set_today (Fixture *f, int year, int month, int day)
{
  g_autoptr(GDateTime) noon = g_date_time_new_local (year, month, day, 12, 0, 0);

  affari_store_set_now (f->store, g_date_time_to_unix (noon));
}

static void
sql (Fixture *f, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
sql (Fixture *f, const char *format, ...)
{
  g_autofree char *text = NULL;
  char *message = NULL;
  va_list args;
  int rc;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  rc = sqlite3_exec (f->db, text, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", text, message);
}

/* A deal of @company (or, with @company 0, of the contact @contact) in @semantics, closed (or
 * created, when in progress) on @day. */
static gint64
add_deal (Fixture *f, gint64 company, gint64 contact, const char *semantics, const char *day)
{
  g_autofree char *company_text = company ? g_strdup_printf ("%" G_GINT64_FORMAT, company) : g_strdup ("NULL");
  g_autofree char *closed_text = g_str_equal (semantics, "P") ? g_strdup ("NULL") : g_strdup_printf ("'%s'", day);
  gint64 id;

  sql (f, "INSERT INTO deal (title, pipeline_id, stage_id, semantics, closed, company_id, closed_at,"
          " date_create, date_modify, assigned_by_id, currency, amount)"
          " VALUES ('Affare', 1, (SELECT id FROM stage WHERE pipeline_id = 1 AND semantics = '%s' ORDER BY sort LIMIT 1),"
          " '%s', %d, %s, %s, strftime('%%s', '%s 12:00:00'), strftime('%%s', '%s 12:00:00'), %" G_GINT64_FORMAT ", 'EUR', 10000)",
       semantics, semantics, !g_str_equal (semantics, "P"),
       company_text, closed_text, day, day, f->m1);
  id = sqlite3_last_insert_rowid (f->db);
  if (contact > 0)
    sql (f, "INSERT INTO deal_contact (deal_id, contact_id, is_primary) VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 1)",
         id, contact);
  return id;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 a_won;

  f->dir = g_dir_make_tmp ("affari-generator-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "affari.db", NULL);
  f->store = affari_store_open (f->path, &error);
  g_assert_no_error (error);
  f->m1 = affari_store_add_team_member (f->store, "Giulia Neri", NULL, &error);
  f->m2 = affari_store_add_team_member (f->store, "Marco Russo", NULL, &error);
  g_assert_no_error (error);
  set_today (f, 2026, 12, 7);
  f->ops = affari_deal_ops_new (f->store);
  g_assert_cmpint (sqlite3_open (f->path, &f->db), ==, SQLITE_OK);
  sqlite3_busy_timeout (f->db, 5000);

  sql (f, "BEGIN");
  sql (f, "DELETE FROM deal; DELETE FROM contact; DELETE FROM company;");
  for (const char *const *n = (const char *const[]) { "Alfa", "Beta", "Beta Due", "Gamma", "Delta", "Epsilon",
                                                       "Mensile", "Semestrale", "Lontana", "Dormiente", NULL };
       *n != NULL; n++)
    sql (f, "INSERT INTO company (name) VALUES ('%s')", *n);
  sql (f, "INSERT INTO contact (id, first_name, last_name) VALUES (1, 'Franca', 'Fontana')");
  sql (f, "INSERT INTO contact (id, first_name, last_name, birthday) VALUES (2, 'Gino', 'Galli', '1990-12-31')");
  sql (f, "INSERT INTO contact (id, first_name, last_name, birthday) VALUES (3, 'Ilaria', 'Bisesti', '2000-02-29')");
  /* A contact of Alfa: reached through the company, never a client of its own. */
  sql (f, "INSERT INTO contact (id, company_id, first_name, last_name, birthday) VALUES (4, 1, 'Anna', 'Alfieri', '1985-01-02')");
  sql (f, "INSERT INTO product (id, name, price) VALUES (7, 'Caldaia', 150000)");
  f->product = 7;

  /* Alfa won 30 days ago, with a product row. */
  a_won = add_deal (f, CO_A, 0, "S", "2026-11-07");
  sql (f, "INSERT INTO deal_product (deal_id, product_id, name, price_netto, price, row_total)"
          " VALUES (%" G_GINT64_FORMAT ", 7, 'Caldaia', 150000, 150000, 150000)", a_won);
  /* Beta bought a year and two years before the coming week (today + 7 = 14 Dec). */
  add_deal (f, CO_B, 0, "S", "2025-12-14");
  add_deal (f, CO_B, 0, "S", "2024-12-14");
  /* Beta Due bought on the 20th: in today's windows, and tomorrow's: picked on a later day. */
  add_deal (f, CO_B2, 0, "S", "2025-12-20");
  add_deal (f, CO_B2, 0, "S", "2024-12-20");
  /* Gamma like Beta, but with a deal in progress. */
  add_deal (f, CO_C, 0, "S", "2025-12-14");
  add_deal (f, CO_C, 0, "S", "2024-12-14");
  add_deal (f, CO_C, 0, "P", "2026-12-01");
  add_deal (f, CO_D, 0, "F", "2026-10-01");
  add_deal (f, CO_E, 0, "P", "2026-11-20");
  /* Monthly: a month and two months before 14 December. */
  add_deal (f, CO_M, 0, "S", "2026-11-14");
  add_deal (f, CO_M, 0, "S", "2026-10-14");
  /* Every six months: six and twelve months before 14 December. */
  add_deal (f, CO_H6, 0, "S", "2026-06-14");
  add_deal (f, CO_H6, 0, "S", "2025-12-14");
  /* Lost: two closed deals long ago. */
  add_deal (f, CO_L, 0, "S", "2025-03-01");
  add_deal (f, CO_L, 0, "F", "2025-04-01");
  /* Sleeping: one lost deal touched four months ago. */
  add_deal (f, CO_S, 0, "F", "2026-08-01");
  /* A contact without a company who bought for Christmas last year. */
  add_deal (f, 0, CT_F, "S", "2025-12-10");
  sql (f, "COMMIT");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  sqlite3_close (f->db);
  g_assert_finalize_object (f->ops);
  g_assert_finalize_object (f->store);
  affari_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static guint
count_code (Fixture *f, const char *code, int days)
{
  g_autoptr(GError) error = NULL;
  AffariSegmentSpec spec;
  guint count = 0;

  g_assert_true (affari_segment_spec_init_from_code (&spec, code));
  if (days >= 0)
    spec.days = days;
  if (spec.kind == AFFARI_SEGMENT_PRODUCT)
    spec.product_id = f->product;
  g_assert_true (affari_generator_load_segment (f->store, &spec, &error));
  g_assert_true (affari_generator_count (f->store, &spec, &count, &error));
  g_assert_no_error (error);
  affari_segment_spec_clear (&spec);
  return count;
}

static gboolean
has_client (Fixture *f, const char *code, gint64 client)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) clients = NULL;
  AffariSegmentSpec spec;
  gboolean found = FALSE;

  g_assert_true (affari_segment_spec_init_from_code (&spec, code));
  clients = affari_store_segment_clients (f->store, &spec, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < clients->len; i++)
    if (g_array_index (clients, AffariSegmentClient, i).client == client)
      found = TRUE;
  affari_segment_spec_clear (&spec);
  return found;
}

/* ---- pure functions ---- */

static void
test_codes (void)
{
  for (guint i = 0; i < affari_segment_n_system (); i++)
    {
      AffariSegmentSpec spec, back;
      g_autofree char *code = NULL;
      g_autofree char *again = NULL;

      affari_segment_spec_init_system (&spec, i);
      code = affari_segment_spec_dup_code (&spec);
      g_assert_true (affari_segment_spec_init_from_code (&back, code));
      again = affari_segment_spec_dup_code (&back);
      g_assert_cmpstr (code, ==, again);
    }
  {
    AffariSegmentSpec spec;
    g_autofree char *code = NULL;

    g_assert_true (affari_segment_spec_init_from_code (&spec, "custom_12"));
    g_assert_cmpint (spec.kind, ==, AFFARI_SEGMENT_CUSTOM);
    g_assert_cmpint (spec.custom_id, ==, 12);
    code = affari_segment_spec_dup_code (&spec);
    g_assert_cmpstr (code, ==, "custom_12");
    g_assert_false (affari_segment_spec_init_from_code (&spec, "custom_x"));
    g_assert_false (affari_segment_spec_init_from_code (&spec, "crm_nothing"));
  }
}

static gboolean
strv_has (GPtrArray *days, const char *day)
{
  for (guint i = 0; i < days->len; i++)
    if (g_str_equal (g_ptr_array_index (days, i), day))
      return TRUE;
  return FALSE;
}

static void
test_birthday_days (void)
{
  GDate day;
  g_autoptr(GPtrArray) year_end = NULL;
  g_autoptr(GPtrArray) plain = NULL;
  g_autoptr(GPtrArray) leap = NULL;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 29, 12, 2026);
  year_end = affari_segment_birthday_days (&day, 5);
  g_assert_cmpuint (year_end->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (year_end, 0), ==, "12-29");
  g_assert_cmpstr (g_ptr_array_index (year_end, 5), ==, "01-03");

  /* 2027 has no 29 February: those birthdays fall on the 28th. */
  g_date_set_dmy (&day, 26, 2, 2027);
  plain = affari_segment_birthday_days (&day, 2);
  g_assert_true (strv_has (plain, "02-28"));
  g_assert_true (strv_has (plain, "02-29"));
  g_assert_cmpuint (plain->len, ==, 4);
  g_date_set_dmy (&day, 26, 2, 2028);
  leap = affari_segment_birthday_days (&day, 2);
  g_assert_cmpuint (leap->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (leap, 2), ==, "02-28");
  g_clear_pointer (&leap, g_ptr_array_unref);
  leap = affari_segment_birthday_days (&day, 3);
  g_assert_cmpstr (g_ptr_array_index (leap, 3), ==, "02-29");
}

static void
assert_day (const GDate *date, const char *expected)
{
  g_autofree char *text = affari_segment_format_day (date);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_windows_and_holidays (void)
{
  GDate today, from[2], to[2], a, b;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 7, 12, 2026);
  affari_segment_repeat_windows (AFFARI_SEGMENT_EVERY_YEAR, &today, from, to);
  assert_day (&from[0], "2025-12-14");
  assert_day (&to[0], "2026-01-13");
  assert_day (&from[1], "2024-12-14");
  affari_segment_repeat_windows (AFFARI_SEGMENT_EVERY_HALF_YEAR, &today, from, to);
  assert_day (&from[0], "2026-06-14");
  assert_day (&from[1], "2025-12-14");
  affari_segment_repeat_windows (AFFARI_SEGMENT_EVERY_MONTH, &today, from, to);
  assert_day (&from[0], "2026-11-14");
  assert_day (&to[0], "2026-11-20");
  assert_day (&from[1], "2026-10-14");
  /* Month ends clamp: 31 March − 1 month = 28 February. */
  g_date_set_dmy (&today, 24, 3, 2027);
  affari_segment_repeat_windows (AFFARI_SEGMENT_EVERY_MONTH, &today, from, to);
  assert_day (&from[0], "2027-02-28");

  affari_easter_sunday (2026, &a);
  assert_day (&a, "2026-04-05");
  affari_easter_sunday (2027, &a);
  assert_day (&a, "2027-03-28");
  affari_holiday_window (AFFARI_HOLIDAY_FESTA_MAMMA, 2026, &a, &b);
  assert_day (&a, "2026-05-01");
  assert_day (&b, "2026-05-10");
  affari_holiday_window (AFFARI_HOLIDAY_BLACK_FRIDAY, 2026, &a, &b);
  assert_day (&a, "2026-11-23");
  assert_day (&b, "2026-11-30");
  affari_holiday_window (AFFARI_HOLIDAY_NATALE, 2025, &a, &b);
  assert_day (&a, "2025-12-01");
  assert_day (&b, "2025-12-24");
}

static void
test_schedules (void)
{
  AffariSchedule every = { AFFARI_SCHEDULE_EVERY_DAYS, 3, 0, 0 };
  AffariSchedule weekdays = { AFFARI_SCHEDULE_WEEKDAYS, 0, (1 << 0) | (1 << 2) | (1 << 4), 0 };
  AffariSchedule monthly = { AFFARI_SCHEDULE_MONTHLY, 0, 0, 31 };
  AffariSchedule once = { AFFARI_SCHEDULE_ONCE, 0, 0, 0 };
  GDate day, out;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 5, 12, 2026);        /* a Saturday */
  g_assert_true (affari_schedule_next_after (&every, &day, &out));
  assert_day (&out, "2026-12-08");
  affari_schedule_first_on_or_after (&weekdays, &day, &out);
  assert_day (&out, "2026-12-07");           /* Monday */
  g_assert_true (affari_schedule_next_after (&weekdays, &out, &out));
  assert_day (&out, "2026-12-09");           /* Wednesday */
  g_date_set_dmy (&day, 1, 2, 2027);
  affari_schedule_first_on_or_after (&monthly, &day, &out);
  assert_day (&out, "2027-02-28");
  g_assert_true (affari_schedule_next_after (&monthly, &out, &out));
  assert_day (&out, "2027-03-31");
  g_assert_true (affari_schedule_next_after (&monthly, &out, &out));
  assert_day (&out, "2027-04-30");
  g_assert_false (affari_schedule_next_after (&once, &day, &out));
}

static void
test_titles_and_config (void)
{
  GDate day;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  AffariSegmentSpec spec, spec2;
  AffariGeneratorSettings settings, settings2;
  AffariSchedule schedule = { AFFARI_SCHEDULE_WEEKDAYS, 0, 0x15, 0 }, schedule2;
  gint64 member = 4;
  g_autoptr(GError) error = NULL;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 7, 12, 2026);
  title = affari_generator_format_title ("Rinnovo {cliente} del {data}", "Alfa S.r.l.", &day);
  g_assert_cmpstr (title, ==, "Rinnovo Alfa S.r.l. del 07/12/2026");

  g_assert_true (affari_segment_spec_init_from_code (&spec, "case_crm_client_birthday"));
  spec.days = 9;
  affari_generator_settings_init (&settings);
  settings.responsible = AFFARI_GENERATOR_ROUND_ROBIN;
  g_array_append_val (settings.member_ids, member);
  settings.comment = g_strdup ("Chiamare prima");
  settings.always = TRUE;
  text = affari_generator_config_to_text (&spec, &settings, &schedule);
  g_assert_true (affari_generator_config_from_text (text, &spec2, &settings2, &schedule2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (spec2.kind, ==, AFFARI_SEGMENT_BIRTHDAY);
  g_assert_cmpint (spec2.days, ==, 9);
  g_assert_cmpint (settings2.responsible, ==, AFFARI_GENERATOR_ROUND_ROBIN);
  g_assert_cmpuint (settings2.member_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (settings2.member_ids, gint64, 0), ==, 4);
  g_assert_cmpstr (settings2.comment, ==, "Chiamare prima");
  g_assert_true (settings2.always);
  g_assert_cmpint (schedule2.kind, ==, AFFARI_SCHEDULE_WEEKDAYS);
  g_assert_cmpuint (schedule2.weekdays, ==, 0x15);
  affari_segment_spec_clear (&spec);
  affari_segment_spec_clear (&spec2);
  affari_generator_settings_clear (&settings);
  affari_generator_settings_clear (&settings2);
}

/* ---- segments ---- */

static void
test_counts (Fixture *f, gconstpointer data)
{
  /* Ten companies and the three contacts without one (Anna belongs to Alfa). */
  g_assert_cmpuint (count_code (f, "crm_client_all", -1), ==, 13);
  g_assert_cmpuint (count_code (f, "crm_client_deal_in_work", -1), ==, 2);   /* Gamma, Epsilon */
  g_assert_cmpuint (count_code (f, "crm_client_deal_won", -1), ==, 8);
  g_assert_cmpuint (count_code (f, "crm_client_deal_loose", -1), ==, 3);     /* Delta, Lontana, Dormiente */
  g_assert_cmpuint (count_code (f, "case_crm_client_aft_deal_clo", -1), ==, 1);
  g_assert_true (has_client (f, "case_crm_client_aft_deal_clo", CO_A));
  g_assert_cmpuint (count_code (f, "case_crm_client_aft_deal_clo", 7), ==, 0);
  g_assert_cmpuint (count_code (f, "crm_client_product", -1), ==, 1);
  /* December buyers of past years: Beta, Beta Due, Gamma, Semestrale, Franca. */
  g_assert_cmpuint (count_code (f, "case_crm_client_natale", -1), ==, 5);
  g_assert_cmpuint (count_code (f, "case_crm_client_pasqua", -1), ==, 0);
  g_assert_true (has_client (f, "case_crm_client_natale", -CT_F));
  /* Bought before 2026 and not since: Beta, Beta Due, Gamma, Lontana, Franca. */
  g_assert_cmpuint (count_code (f, "crm_client_no_purchase", -1), ==, 1);   /* default: a year ago: Lontana */
  {
    g_autoptr(GError) error = NULL;
    AffariSegmentSpec spec;
    guint count;

    g_assert_true (affari_segment_spec_init_from_code (&spec, "crm_client_no_purchase"));
    spec.since = g_strdup ("2026-01-01");
    g_assert_true (affari_generator_count (f->store, &spec, &count, &error));
    g_assert_cmpuint (count, ==, 5);
    affari_segment_spec_clear (&spec);
  }

  /* Periodic buyers: Gamma has a deal in progress; Beta Due is picked on a later day. */
  g_assert_cmpuint (count_code (f, "deal_every_year", -1), ==, 1);
  g_assert_true (has_client (f, "deal_every_year", CO_B));
  g_assert_false (has_client (f, "deal_every_year", CO_C));
  g_assert_false (has_client (f, "deal_every_year", CO_B2));
  g_assert_cmpuint (count_code (f, "deal_every_month_year", -1), ==, 1);
  g_assert_true (has_client (f, "deal_every_month_year", CO_M));
  g_assert_cmpuint (count_code (f, "deal_every_half_year", -1), ==, 1);
  g_assert_true (has_client (f, "deal_every_half_year", CO_H6));

  /* The sliding window: each client on exactly one day of the weeks around. */
  {
    guint days_b = 0, days_b2 = 0;

    for (int d = 1; d <= 31; d++)
      {
        set_today (f, 2026, 12, d);
        days_b += has_client (f, "deal_every_year", CO_B);
        days_b2 += has_client (f, "deal_every_year", CO_B2);
        if (has_client (f, "deal_every_year", CO_B2))
          g_assert_cmpint (d, ==, 13);
      }
    g_assert_cmpuint (days_b, ==, 1);
    g_assert_cmpuint (days_b2, ==, 1);
    set_today (f, 2026, 12, 7);
  }

  g_assert_true (has_client (f, "deal_lost_more_12_month", CO_L));
  g_assert_false (has_client (f, "deal_lost_more_12_month", CO_C));   /* a deal in progress */
  g_assert_false (has_client (f, "deal_lost_more_12_month", CO_D));   /* one deal only */
  g_assert_true (has_client (f, "deal_activity_less_12_month", CO_S));
  g_assert_false (has_client (f, "deal_activity_less_12_month", CO_E));
  g_assert_false (has_client (f, "deal_activity_less_12_month", CO_M)); /* bought three weeks ago */
}

static void
test_birthdays (Fixture *f, gconstpointer data)
{
  /* Across the year end: Gino (31 Dec) and Anna of Alfa (2 Jan), who counts as Alfa. */
  set_today (f, 2026, 12, 29);
  g_assert_cmpuint (count_code (f, "case_crm_client_birthday", -1), ==, 2);
  g_assert_true (has_client (f, "case_crm_client_birthday", -CT_G));
  g_assert_true (has_client (f, "case_crm_client_birthday", CO_A));
  g_assert_cmpuint (count_code (f, "case_crm_client_birthday", 1), ==, 0);
  /* A run: Alfa's deal names Anna, whose birthday it is; Gino's deal is his own. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AffariChangeSet) set = NULL;
    g_autoptr(GPtrArray) deals = NULL;
    AffariDealQuery query = { 0 };
    AffariSegmentSpec spec;
    AffariGeneratorSettings settings;
    guint created = 0, skipped = 0, named = 0;

    g_assert_true (affari_segment_spec_init_from_code (&spec, "case_crm_client_birthday"));
    affari_generator_settings_init (&settings);
    settings.always = TRUE;
    set = affari_generator_run (f->ops, f->store, &spec, &settings, TRUE, &created, &skipped, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (created, ==, 2);
    deals = affari_store_query_deals (f->store, &query, 0, 1000, &error);
    for (guint i = 0; i < deals->len; i++)
      {
        AffariDeal *deal = g_ptr_array_index (deals, i);

        if (g_strcmp0 (affari_deal_get_source_id (deal), "RC_GENERATOR") != 0)
          continue;
        if (affari_deal_get_company_id (deal) == CO_A)
          g_assert_cmpstr (affari_deal_get_contact_name (deal), ==, "Anna Alfieri");
        else
          g_assert_cmpint (affari_deal_get_company_id (deal), ==, 0);
        named++;
      }
    g_assert_cmpuint (named, ==, 2);
    affari_segment_spec_clear (&spec);
    affari_generator_settings_clear (&settings);
  }
  /* 29 February in a year without one: on the 28th. */
  set_today (f, 2027, 2, 28);
  g_assert_cmpuint (count_code (f, "case_crm_client_birthday", 0), ==, 1);
  set_today (f, 2028, 2, 28);
  g_assert_cmpuint (count_code (f, "case_crm_client_birthday", 0), ==, 0);
  g_assert_cmpuint (count_code (f, "case_crm_client_birthday", 1), ==, 1);
}

static void
test_custom_segment (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDealQuery) query = affari_deal_query_new ();
  AffariSegmentSpec spec;
  g_autofree char *code = NULL;
  gint64 id;

  query->pipeline_id = 1;
  query->semantics_mask = 1 << AFFARI_SEMANTICS_FAILURE;
  id = affari_generator_save_segment (f->store, "Hanno perso", query, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (affari_generator_save_segment (f->store, "hanno perso", query, &error), ==, 0);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
  code = g_strdup_printf ("custom_%" G_GINT64_FORMAT, id);
  g_assert_cmpuint (count_code (f, code, -1), ==, 3);
  g_assert_true (affari_segment_spec_init_from_code (&spec, code));
  g_clear_error (&error);
  g_assert_true (affari_generator_load_segment (f->store, &spec, &error));
  g_assert_cmpstr (spec.custom_name, ==, "Hanno perso");
  affari_segment_spec_clear (&spec);
  g_assert_true (affari_generator_delete_segment (f->store, id, &error));
  g_assert_true (affari_segment_spec_init_from_code (&spec, code));
  g_assert_false (affari_generator_load_segment (f->store, &spec, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND);
  affari_segment_spec_clear (&spec);
}

/* ---- runs ---- */

static guint
count_live (Fixture *f)
{
  AffariDealQuery query = { 0 };

  return affari_store_count_deals (f->store, &query, NULL);
}

static void
test_run (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) preview = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  g_autoptr(GPtrArray) new_deals = NULL;
  AffariDealQuery query = { 0 };
  AffariSegmentSpec spec;
  AffariGeneratorSettings settings;
  guint before = count_live (f), created = 0, skipped = 0;
  guint with_products = 0, by_m1 = 0, by_m2 = 0;

  g_assert_true (affari_segment_spec_init_from_code (&spec, "crm_client_deal_won"));
  affari_generator_settings_init (&settings);
  g_free (settings.title_pattern);
  settings.title_pattern = g_strdup ("Nuova offerta {cliente} {data}");
  settings.responsible = AFFARI_GENERATOR_ROUND_ROBIN;
  g_array_append_val (settings.member_ids, f->m1);
  g_array_append_val (settings.member_ids, f->m2);
  settings.comment = g_strdup ("Proporre il rinnovo");
  settings.copy_products = TRUE;

  /* The preview: Gamma is skipped with its reason; nothing is written. */
  preview = affari_generator_preview (f->store, &spec, &settings, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->len, ==, 8);
  for (guint i = 0; i < preview->len; i++)
    {
      AffariGeneratorItem *item = g_ptr_array_index (preview, i);

      if (item->client == CO_C)
        {
          g_assert_cmpint (item->skip, ==, AFFARI_GENERATOR_SKIP_OPEN_DEAL);
          g_assert_cmpstr (affari_generator_skip_reason (item->skip), !=, "");
        }
      else
        g_assert_cmpint (item->skip, ==, AFFARI_GENERATOR_SKIP_NONE);
      if (item->client == CO_A)
        g_assert_cmpstr (item->title, ==, "Nuova offerta Alfa 07/12/2026");
    }
  g_assert_cmpuint (count_live (f), ==, before);

  set = affari_generator_run (f->ops, f->store, &spec, &settings, TRUE, &created, &skipped, &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
  g_assert_cmpuint (created, ==, 7);
  g_assert_cmpuint (skipped, ==, 1);
  g_assert_cmpuint (count_live (f), ==, before + 7);
  g_assert_true (affari_deal_ops_can_undo (f->ops));

  new_deals = affari_store_query_deals (f->store, &query, 0, 1000, &error);
  for (guint i = 0; i < new_deals->len; i++)
    {
      AffariDeal *deal = g_ptr_array_index (new_deals, i);
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GArray) rows = NULL;
      AffariEvent *first;

      if (g_strcmp0 (affari_deal_get_source_id (deal), "RC_GENERATOR") != 0)
        continue;
      g_assert_true (g_str_has_prefix (affari_deal_get_title (deal), "Nuova offerta "));
      by_m1 += affari_deal_get_assigned_by_id (deal) == f->m1;
      by_m2 += affari_deal_get_assigned_by_id (deal) == f->m2;
      rows = affari_store_list_product_rows (f->store, affari_deal_get_id (deal), &error);
      if (rows->len > 0)
        {
          g_assert_cmpint (affari_deal_get_company_id (deal), ==, CO_A);
          g_assert_cmpint (g_array_index (rows, AffariProductRow, 0).product_id, ==, 7);
          with_products++;
        }
      /* A later comment does not push the pinned one down. */
      g_assert_true (affari_deal_ops_add_comment (f->ops, affari_deal_get_id (deal), "Più tardi", &error));
      events = affari_store_list_events (f->store, affari_deal_get_id (deal), &error);
      first = g_ptr_array_index (events, 0);
      g_assert_cmpstr (affari_event_get_text (first), ==, "Proporre il rinnovo");
      g_assert_true (affari_event_get_pinned (first));
      g_assert_false (affari_event_get_pinned (g_ptr_array_index (events, 1)));
      /* The contact client's deal has the contact and no company. */
      if (affari_deal_get_company_id (deal) == 0)
        g_assert_cmpstr (affari_deal_get_contact_name (deal), ==, "Franca Fontana");
    }
  g_assert_cmpuint (with_products, ==, 1);
  g_assert_cmpuint (by_m1, ==, 4);
  g_assert_cmpuint (by_m2, ==, 3);

  /* A second run the same day: everyone has a deal now. */
  {
    g_autoptr(AffariChangeSet) again = NULL;

    settings.always = TRUE;
    again = affari_generator_run (f->ops, f->store, &spec, &settings, TRUE, &created, &skipped, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (created, ==, 1);    /* Gamma, with "Crea comunque" */
    g_assert_cmpuint (skipped, ==, 7);    /* already served today */
    g_assert_true (affari_deal_ops_undo (f->ops, &error));
    settings.always = FALSE;
  }

  /* One undo takes the whole run back. */
  g_assert_true (affari_deal_ops_undo (f->ops, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_live (f), ==, before);
  g_assert_false (affari_deal_ops_can_undo (f->ops));

  affari_segment_spec_clear (&spec);
  affari_generator_settings_clear (&settings);
}

/* One transaction: a run that fails on the way leaves nothing behind. */
static void
test_all_or_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  AffariSegmentSpec spec;
  AffariGeneratorSettings settings;
  guint before = count_live (f), created = 7, skipped = 7;

  g_assert_true (affari_segment_spec_init_from_code (&spec, "crm_client_deal_won"));
  affari_generator_settings_init (&settings);
  /* The comment is too long for the history: refused at the first deal, after it was made. */
  settings.comment = g_strnfill (200000, 'x');
  g_assert_null (affari_generator_run (f->ops, f->store, &spec, &settings, TRUE, &created, &skipped, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (created, ==, 0);
  g_assert_cmpuint (count_live (f), ==, before);
  g_assert_false (affari_deal_ops_can_undo (f->ops));
  affari_segment_spec_clear (&spec);
  affari_generator_settings_clear (&settings);
}

static void
test_client_own_and_pipeline (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) preview = NULL;
  AffariSegmentSpec spec;
  AffariGeneratorSettings settings;

  sql (f, "UPDATE deal SET assigned_by_id = %" G_GINT64_FORMAT " WHERE company_id = %d", f->m2, CO_M);
  g_assert_true (affari_segment_spec_init_from_code (&spec, "deal_every_month_year"));
  affari_generator_settings_init (&settings);
  preview = affari_generator_preview (f->store, &spec, &settings, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->len, ==, 1);
  g_assert_cmpint (((AffariGeneratorItem *) g_ptr_array_index (preview, 0))->responsible_id, ==, f->m2);
  g_assert_cmpint (((AffariGeneratorItem *) g_ptr_array_index (preview, 0))->pipeline_id, ==, 1);
  affari_segment_spec_clear (&spec);
  affari_generator_settings_clear (&settings);
}

static void
test_scheduled (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) saved = NULL;
  AffariSegmentSpec spec;
  AffariGeneratorSettings settings;
  AffariSchedule schedule = { AFFARI_SCHEDULE_EVERY_DAYS, 7, 0, 0 };
  GDate start;
  guint runs, created, before = count_live (f);
  gint64 id;

  g_assert_true (affari_segment_spec_init_from_code (&spec, "crm_client_deal_in_work"));
  affari_generator_settings_init (&settings);
  settings.always = TRUE;
  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 8, 12, 2026);
  id = affari_generator_save (f->store, "Settimanale", &spec, &settings, &schedule, &start, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* Not due yet. */
  g_assert_true (affari_generator_run_due (f->ops, f->store, &runs, &created, &error));
  g_assert_cmpuint (runs, ==, 0);
  set_today (f, 2026, 12, 8);
  g_assert_true (affari_generator_run_due (f->ops, f->store, &runs, &created, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (runs, ==, 1);
  g_assert_cmpuint (created, ==, 2);
  g_assert_cmpuint (count_live (f), ==, before + 2);
  /* Not on the undo history, and idempotent the same day. */
  g_assert_false (affari_deal_ops_can_undo (f->ops));
  g_assert_true (affari_generator_run_due (f->ops, f->store, &runs, &created, &error));
  g_assert_cmpuint (runs, ==, 0);
  saved = affari_generator_list_saved (f->store, &error);
  g_assert_cmpuint (saved->len, ==, 1);
  g_assert_cmpstr (g_array_index (saved, AffariSavedGenerator, 0).next_run, ==, "2026-12-15");
  g_assert_cmpstr (g_array_index (saved, AffariSavedGenerator, 0).last_run, ==, "2026-12-08");
  g_assert_cmpuint (g_array_index (saved, AffariSavedGenerator, 0).created_deals, ==, 2);
  g_clear_pointer (&saved, g_array_unref);

  /* A missed week is not made up: the next run counts from the day it ran. */
  set_today (f, 2026, 12, 30);
  g_assert_true (affari_generator_run_due (f->ops, f->store, &runs, &created, &error));
  g_assert_cmpuint (runs, ==, 1);
  saved = affari_generator_list_saved (f->store, &error);
  g_assert_cmpstr (g_array_index (saved, AffariSavedGenerator, 0).next_run, ==, "2027-01-06");
  g_clear_pointer (&saved, g_array_unref);

  g_assert_true (affari_generator_delete (f->store, id, &error));
  saved = affari_generator_list_saved (f->store, &error);
  g_assert_cmpuint (saved->len, ==, 0);
  g_clear_pointer (&saved, g_array_unref);

  /* A generator whose custom segment was deleted fails alone: the others still run. */
  {
    g_autoptr(AffariDealQuery) query = affari_deal_query_new ();
    AffariSegmentSpec custom = { .kind = AFFARI_SEGMENT_CUSTOM };
    guint first_runs;

    query->pipeline_id = 1;
    custom.custom_id = affari_generator_save_segment (f->store, "Tutti", query, &error);
    g_assert_cmpint (affari_generator_save (f->store, "Orfano", &custom, &settings, &schedule, &start, &error), >, 0);
    g_assert_true (affari_generator_delete_segment (f->store, custom.custom_id, &error));
    g_assert_cmpint (affari_generator_save (f->store, "Sano", &spec, &settings, &schedule, &start, &error), >, 0);
    g_assert_no_error (error);
    set_today (f, 2027, 1, 10);
    g_assert_false (affari_generator_run_due (f->ops, f->store, &runs, &created, &error));
    g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND);
    g_assert_true (g_str_has_prefix (error->message, "Orfano: "));
    g_clear_error (&error);
    first_runs = runs;
    g_assert_cmpuint (first_runs, ==, 1);
  }
  affari_segment_spec_clear (&spec);
  affari_generator_settings_clear (&settings);
}

/* A fresh start: the sample data shows clients in every segment, and enough repeat buyers for
 * a model of repeat purchases. */
static void
test_demo_segments (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("affari-generator-demo-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "affari.db", NULL);
  AffariStore *store = affari_store_open (path, &error);
  g_autoptr(GArray) segments = NULL;
  g_autoptr(GArray) won = NULL;
  AffariSegmentSpec spec;
  guint repeat = 0;

  g_assert_no_error (error);
  g_assert_true (affari_demo_generate (store, 1000, 1, &error));
  g_assert_no_error (error);
  segments = affari_generator_list_segments (store, &error);
  for (guint i = 0; i < segments->len; i++)
    {
      const AffariSegmentSpec *segment = &g_array_index (segments, AffariSegmentSpec, i);
      g_autofree char *code = affari_segment_spec_dup_code (segment);
      guint count = 0;

      if (affari_segment_spec_param (segment) == AFFARI_SEGMENT_PARAM_PRODUCT)
        continue;
      g_assert_true (affari_generator_count (store, segment, &count, &error));
      if (count == 0)
        g_error ("the sample data has no client in %s", code);
    }
  g_assert_true (affari_segment_spec_init_from_code (&spec, "crm_client_deal_won"));
  won = affari_store_segment_clients (store, &spec, &error);
  g_assert_cmpuint (won->len, >=, 60);
  /* Repeat buyers: won deals on two different days or more. */
  {
    sqlite3 *db;
    sqlite3_stmt *stmt;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM (SELECT company_id FROM deal"
                                             " WHERE semantics = 'S' AND company_id IS NOT NULL AND deleted_at IS NULL"
                                             " GROUP BY company_id HAVING count(DISTINCT closed_at) >= 2)",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    repeat = (guint) sqlite3_column_int (stmt, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  g_assert_cmpuint (repeat, >=, 25);
  affari_segment_spec_clear (&spec);
  g_assert_finalize_object (store);
  affari_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/generator/codes", test_codes);
  g_test_add_func ("/generator/birthday-days", test_birthday_days);
  g_test_add_func ("/generator/windows-and-holidays", test_windows_and_holidays);
  g_test_add_func ("/generator/schedules", test_schedules);
  g_test_add_func ("/generator/titles-and-config", test_titles_and_config);
  g_test_add_func ("/generator/demo-segments", test_demo_segments);
  g_test_add ("/generator/counts", Fixture, NULL, fixture_setup, test_counts, fixture_teardown);
  g_test_add ("/generator/birthdays", Fixture, NULL, fixture_setup, test_birthdays, fixture_teardown);
  g_test_add ("/generator/custom-segment", Fixture, NULL, fixture_setup, test_custom_segment, fixture_teardown);
  g_test_add ("/generator/run", Fixture, NULL, fixture_setup, test_run, fixture_teardown);
  g_test_add ("/generator/all-or-nothing", Fixture, NULL, fixture_setup, test_all_or_nothing, fixture_teardown);
  g_test_add ("/generator/client-own", Fixture, NULL, fixture_setup, test_client_own_and_pipeline, fixture_teardown);
  g_test_add ("/generator/scheduled", Fixture, NULL, fixture_setup, test_scheduled, fixture_teardown);
  return g_test_run ();
}
