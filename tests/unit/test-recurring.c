/* test-recurring.c — regular deals: day arithmetic, limits, the template copy and the run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>

#include "affari-test-files.h"
#include "io/affari-demo.h"
#include "model/affari-i18n.h"
#include "model/affari-recurrence.h"
#include "ops/affari-deal-ops.h"
#include "ops/affari-recurring.h"
#include "store/affari-store.h"
#include "affari-test-sql.h"

typedef struct {
  char *dir;
  char *path;
  AffariStore *store;
  AffariDealOps *ops;
  AffariRecurring *recurring;
  sqlite3 *db;             /* a second connection that looks at the file as it is */
} Fixture;

/* ------------------------------------------------------------ helpers */

static void
day (GDate *out, const char *text)
{
  g_assert_true (affari_day_parse (text, out));
}

static void
assert_day (const GDate *date, const char *expected)
{
  char buf[AFFARI_DAY_TEXT_SIZE];

  affari_day_format (date, buf);
  g_assert_cmpstr (buf, ==, expected);
}

static void
assert_add (const char *from, AffariTimeUnit unit, gint64 n, const char *expected)
{
  GDate date;

  day (&date, from);
  g_assert_true (affari_day_add (&date, unit, n));
  assert_day (&date, expected);
}

static void
monthly (AffariRecurrence *r, const char *start)
{
  affari_recurrence_init_defaults (r, start);
  r->mode = AFFARI_RECURRENCE_MULTIPLE;
  r->unit = AFFARI_TIME_UNIT_MONTH;
  r->interval = 1;
}

static gint64
sql_int (Fixture *f, const char *sql, gint64 param)
{
  return affari_test_sql_int (f->db, sql, param);
}

static char *
sql_text (Fixture *f, const char *sql, gint64 param)
{
  return affari_test_sql_text (f->db, sql, param);
}

static void
assert_sql_text (Fixture *f, const char *sql, gint64 param, const char *expected)
{
  g_autofree char *value = sql_text (f, sql, param);

  g_assert_cmpstr (value, ==, expected);
}

static void
run_on (Fixture *f, const char *today, guint expect_created, guint expect_late)
{
  g_autoptr(GError) error = NULL;
  guint created = 99, late = 99;
  GDate date;

  day (&date, today);
  g_assert_true (affari_recurring_run (f->recurring, &date, &created, &late, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (created, ==, expect_created);
  g_assert_cmpuint (late, ==, expect_late);
}

/* An open deal of the demo with product rows and contacts. */
static gint64
rich_deal (Fixture *f)
{
  gint64 id = sql_int (f, "SELECT d.id FROM deal d WHERE d.closed = 0 AND d.is_recurring = 0"
                          " AND (SELECT count(*) FROM deal_product p WHERE p.deal_id = d.id) >= 2"
                          " AND EXISTS (SELECT 1 FROM deal_contact c WHERE c.deal_id = d.id) ORDER BY d.id LIMIT 1", 0);

  g_assert_cmpint (id, >, 0);
  return id;
}

static guint
live_deals (Fixture *f)
{
  AffariDealQuery query = { 0 };

  return affari_store_count_deals (f->store, &query, NULL);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("affari-recurring-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "affari.db", NULL);
  f->store = affari_store_open (f->path, &error);
  g_assert_no_error (error);
  affari_store_set_now (f->store, 1795000000);   /* 2026-11-18 */
  g_assert_true (affari_demo_generate (f->store, 40, 7, &error));
  g_assert_no_error (error);
  f->ops = affari_deal_ops_new (f->store);
  f->recurring = affari_recurring_new (f->store, f->ops);
  g_assert_cmpint (sqlite3_open (f->path, &f->db), ==, SQLITE_OK);
  /* The demo may add templates of its own: these tests count only theirs. */
  g_assert_cmpint (sqlite3_exec (f->db, "PRAGMA foreign_keys = ON; DELETE FROM deal WHERE is_recurring = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  sqlite3_close (f->db);
  g_assert_finalize_object (f->recurring);
  g_assert_finalize_object (f->ops);
  g_assert_finalize_object (f->store);
  affari_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* ------------------------------------------------------------ the model */

static void
test_day_arithmetic (void)
{
  /* Month ends clamp; leap years. */
  assert_add ("2027-01-31", AFFARI_TIME_UNIT_MONTH, 1, "2027-02-28");
  assert_add ("2028-01-31", AFFARI_TIME_UNIT_MONTH, 1, "2028-02-29");
  assert_add ("2027-03-31", AFFARI_TIME_UNIT_MONTH, 1, "2027-04-30");
  assert_add ("2027-04-30", AFFARI_TIME_UNIT_MONTH, 1, "2027-05-30");   /* 30 → a 31-day month: stays 30 */
  assert_add ("2027-03-31", AFFARI_TIME_UNIT_MONTH, -1, "2027-02-28");
  assert_add ("2027-11-30", AFFARI_TIME_UNIT_MONTH, 3, "2028-02-29");
  assert_add ("2028-02-29", AFFARI_TIME_UNIT_YEAR, 1, "2029-02-28");
  assert_add ("2028-02-29", AFFARI_TIME_UNIT_YEAR, 4, "2032-02-29");
  /* Days and weeks across months and years. */
  assert_add ("2026-12-28", AFFARI_TIME_UNIT_WEEK, 1, "2027-01-04");
  assert_add ("2026-12-30", AFFARI_TIME_UNIT_DAY, 3, "2027-01-02");
  assert_add ("2028-02-28", AFFARI_TIME_UNIT_DAY, 1, "2028-02-29");
  assert_add ("2027-03-01", AFFARI_TIME_UNIT_DAY, -1, "2027-02-28");
  assert_add ("2027-01-10", AFFARI_TIME_UNIT_WEEK, -2, "2026-12-27");

  g_assert_false (affari_day_parse ("2027-02-29", NULL));
  g_assert_false (affari_day_parse ("2027-2-3", NULL));
  g_assert_false (affari_day_parse ("2027-02-03x", NULL));
  g_assert_true (affari_day_parse ("2028-02-29", NULL));
}

static void
test_anchored_occurrences (void)
{
  AffariRecurrence r;
  GDate date, after;
  const char *expected[] = { "2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31" };

  /* Each occurrence from the start, never from the previous one: no drift to the 28th. */
  monthly (&r, "2027-01-31");
  for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
    {
      g_assert_true (affari_recurrence_occurrence (&r, k, &date));
      assert_day (&date, expected[k]);
    }

  /* Every 2 weeks; the first after a day and not before another. */
  affari_recurrence_init_defaults (&r, "2027-01-04");
  r.unit = AFFARI_TIME_UNIT_WEEK;
  r.interval = 2;
  day (&after, "2027-01-18");
  g_assert_true (affari_recurrence_first_after (&r, &after, NULL, &date));
  assert_day (&date, "2027-02-01");
  g_assert_true (affari_recurrence_first_after (&r, NULL, &after, &date));
  assert_day (&date, "2027-01-18");

  /* Yearly on 29 February, far ahead (the jump, then the exact walk). */
  affari_recurrence_init_defaults (&r, "2028-02-29");
  r.unit = AFFARI_TIME_UNIT_YEAR;
  day (&after, "2029-01-01");
  g_assert_true (affari_recurrence_first_after (&r, NULL, &after, &date));
  assert_day (&date, "2029-02-28");
  day (&after, "2031-03-01");
  g_assert_true (affari_recurrence_first_after (&r, NULL, &after, &date));
  assert_day (&date, "2032-02-29");

  /* Daily started long ago. */
  affari_recurrence_init_defaults (&r, "2000-01-01");
  r.unit = AFFARI_TIME_UNIT_DAY;
  day (&after, "2026-11-18");
  g_assert_true (affari_recurrence_first_after (&r, &after, NULL, &date));
  assert_day (&date, "2026-11-19");
}

static void
test_single_before_date (void)
{
  AffariRecurrence r;
  GDate date;

  affari_recurrence_init_defaults (&r, "2027-03-10");
  r.mode = AFFARI_RECURRENCE_SINGLE;
  r.before_unit = AFFARI_TIME_UNIT_WEEK;
  r.before_value = 2;
  g_assert_true (affari_recurrence_validate (&r, NULL));
  g_assert_true (affari_recurrence_occurrence (&r, 0, &date));
  assert_day (&date, "2027-02-24");
  g_assert_false (affari_recurrence_occurrence (&r, 1, &date));
  g_assert_true (affari_recurrence_allows (&r, 0, &date));
  g_assert_false (affari_recurrence_allows (&r, 1, &date));

  r.before_unit = AFFARI_TIME_UNIT_MONTH;
  r.before_value = 1;
  g_strlcpy (r.start_date, "2027-03-31", sizeof r.start_date);
  g_assert_true (affari_recurrence_occurrence (&r, 0, &date));
  assert_day (&date, "2027-02-28");
}

static void
test_limits_and_validation (void)
{
  AffariRecurrence r;
  g_autoptr(GError) error = NULL;
  GDate date;

  monthly (&r, "2027-01-31");
  r.stop = AFFARI_RECURRENCE_STOP_TIMES;
  r.limit_times = 3;
  day (&date, "2030-01-01");
  g_assert_true (affari_recurrence_allows (&r, 2, &date));
  g_assert_false (affari_recurrence_allows (&r, 3, &date));

  r.stop = AFFARI_RECURRENCE_STOP_DATE;
  g_strlcpy (r.limit_date, "2027-03-31", sizeof r.limit_date);
  day (&date, "2027-03-31");
  g_assert_true (affari_recurrence_allows (&r, 10, &date));   /* inclusive */
  day (&date, "2027-04-30");
  g_assert_false (affari_recurrence_allows (&r, 0, &date));
  g_assert_true (affari_recurrence_validate (&r, &error));

  g_strlcpy (r.limit_date, "2027-01-30", sizeof r.limit_date);
  g_assert_false (affari_recurrence_validate (&r, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);

  monthly (&r, "2027-02-30");
  g_assert_false (affari_recurrence_validate (&r, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);

  monthly (&r, "2027-02-01");
  r.interval = 0;
  g_assert_false (affari_recurrence_validate (&r, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);

  monthly (&r, "2027-02-01");
  r.stop = AFFARI_RECURRENCE_STOP_TIMES;
  r.limit_times = 0;
  g_assert_false (affari_recurrence_validate (&r, &error));
  g_clear_error (&error);

  r.mode = AFFARI_RECURRENCE_NONE;
  g_assert_true (affari_recurrence_validate (&r, NULL));
}

static void
test_texts (void)
{
  AffariRecurringTemplate t = { 0 };
  g_autofree char *next = NULL;
  g_autofree char *counter = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *late = NULL;
  g_autofree char *expected = NULL;
  GDate date;

  day (&date, "2026-11-27");
  next = affari_recurrence_describe_next (&date);
  expected = g_strdup_printf (_("The next deal will be created on %s"), "27/11/2026");
  g_assert_cmpstr (next, ==, expected);
  g_assert_nonnull (strstr (next, "27/11/2026"));

  monthly (&t.settings, "2027-01-01");
  t.counter = 3;
  t.settings.stop = AFFARI_RECURRENCE_STOP_TIMES;
  t.settings.limit_times = 12;
  counter = affari_recurring_template_describe_counter (&t);
  g_assert_nonnull (strstr (counter, "3"));
  g_assert_nonnull (strstr (counter, "12"));
  t.settings.stop = AFFARI_RECURRENCE_STOP_NEVER;
  plain = affari_recurring_template_describe_counter (&t);
  g_assert_cmpstr (plain, ==, "3");

  late = affari_recurring_describe_late (3);
  g_assert_nonnull (strstr (late, "3"));
}

/* ------------------------------------------------------------ the store and the run */

static void
test_template_copy (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pipelines = affari_store_list_pipelines (f->store, NULL);
  g_autoptr(AffariRecurringTemplate) tmpl = NULL;
  g_autofree char *history = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *field_value = NULL;
  g_autofree char *number = NULL;
  AffariRecurrence r;
  gint64 deal_id = rich_deal (f), other_pipeline, first_stage, field_id, id, template_deal, made;
  guint before = live_deals (f);
  gint64 totals_before = sql_int (f, "SELECT total(amount) FROM deal WHERE deleted_at IS NULL AND is_recurring = 0", 0);

  g_assert_cmpuint (pipelines->len, >=, 2);
  other_pipeline = affari_pipeline_get_id (g_ptr_array_index (pipelines, 1));
  first_stage = sql_int (f, "SELECT id FROM stage WHERE pipeline_id = ? ORDER BY sort, id LIMIT 1", other_pipeline);
  g_assert_cmpint (other_pipeline, !=, sql_int (f, "SELECT pipeline_id FROM deal WHERE id = ?", deal_id));

  field_id = affari_store_create_custom_field (f->store, AFFARI_FIELD_STRING, "CONTRATTO", "Contratto", FALSE, FALSE,
                                               NULL, &error);
  g_assert_no_error (error);
  g_assert_true (affari_store_set_deal_field_value (f->store, deal_id, field_id, "C-2026-17", &error));

  monthly (&r, "2027-01-31");
  r.pipeline_id = other_pipeline;
  id = affari_recurring_create (f->recurring, deal_id, &r, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* The template: a hidden copy; the original stays an ordinary deal. */
  template_deal = sql_int (f, "SELECT deal_id FROM recurring WHERE id = ?", id);
  g_assert_cmpint (template_deal, !=, deal_id);
  g_assert_cmpint (sql_int (f, "SELECT based_id FROM recurring WHERE id = ?", id), ==, deal_id);
  g_assert_cmpint (sql_int (f, "SELECT is_recurring FROM deal WHERE id = ?", template_deal), ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT is_recurring FROM deal WHERE id = ?", deal_id), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM deal_product WHERE deal_id = ?", template_deal), ==,
                   sql_int (f, "SELECT count(*) FROM deal_product WHERE deal_id = ?", deal_id));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM deal_contact WHERE deal_id = ?", template_deal), ==,
                   sql_int (f, "SELECT count(*) FROM deal_contact WHERE deal_id = ?", deal_id));
  g_assert_cmpint (sql_int (f, "SELECT amount FROM deal WHERE id = ?", template_deal), ==,
                   sql_int (f, "SELECT amount FROM deal WHERE id = ?", deal_id));
  assert_sql_text (f, "SELECT value FROM deal_field_value WHERE deal_id = ?", template_deal, "C-2026-17");
  assert_sql_text (f, "SELECT next_date FROM recurring WHERE id = ?", id, "2027-01-31");

  /* Hidden from the views, counts and totals. */
  g_assert_cmpuint (live_deals (f), ==, before);
  g_assert_cmpint (sql_int (f, "SELECT total(amount) FROM deal WHERE deleted_at IS NULL AND is_recurring = 0", 0),
                   ==, totals_before);
  g_assert_cmpint (sql_int (f, "SELECT total(sum) FROM stage_total", 0), ==,
                   sql_int (f, "SELECT total(amount) FROM deal WHERE deleted_at IS NULL AND is_recurring = 0", 0));
  g_assert_true (affari_store_check (f->store, NULL, NULL));

  /* A template is not copied again. */
  g_assert_cmpint (affari_recurring_create (f->recurring, template_deal, &r, &error), ==, 0);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);

  /* The made deal: the first stage of the chosen pipeline, everything copied, its history. */
  run_on (f, "2027-01-31", 1, 0);
  made = sql_int (f, "SELECT max(id) FROM deal WHERE is_recurring = 0", 0);
  g_assert_cmpint (made, >, template_deal);
  g_assert_cmpuint (live_deals (f), ==, before + 1);
  g_assert_cmpint (sql_int (f, "SELECT pipeline_id FROM deal WHERE id = ?", made), ==, other_pipeline);
  g_assert_cmpint (sql_int (f, "SELECT stage_id FROM deal WHERE id = ?", made), ==, first_stage);
  g_assert_cmpint (sql_int (f, "SELECT closed FROM deal WHERE id = ?", made), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM deal_product WHERE deal_id = ?", made), ==,
                   sql_int (f, "SELECT count(*) FROM deal_product WHERE deal_id = ?", deal_id));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM deal_contact WHERE deal_id = ?", made), ==,
                   sql_int (f, "SELECT count(*) FROM deal_contact WHERE deal_id = ?", deal_id));
  g_assert_cmpint (sql_int (f, "SELECT amount FROM deal WHERE id = ?", made), ==,
                   sql_int (f, "SELECT amount FROM deal WHERE id = ?", deal_id));
  field_value = sql_text (f, "SELECT value FROM deal_field_value WHERE deal_id = ?", made);
  g_assert_cmpstr (field_value, ==, "C-2026-17");
  number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  expected = g_strdup_printf (_("Created from template #%s, due on %s"), number, "31/01/2027");
  history = sql_text (f, "SELECT text FROM event WHERE deal_id = ? AND field = 'RECURRING_ID'", made);
  g_assert_cmpstr (history, ==, expected);
  g_assert_true (affari_store_check (f->store, NULL, NULL));

  tmpl = affari_recurring_find_by_deal (f->recurring, template_deal);
  g_assert_nonnull (tmpl);
  g_assert_cmpint (tmpl->id, ==, id);
  g_assert_cmpuint (tmpl->counter, ==, 1);
  g_assert_cmpstr (tmpl->next_date, ==, "2027-02-28");
  g_assert_null (affari_recurring_find_by_deal (f->recurring, deal_id));
}

static void
test_missed_periods_and_idempotent (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  AffariRecurrence r;
  gint64 id;
  const char *due[] = { "2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30" };
  const char *close[] = { "2027-02-28", "2027-03-28", "2027-04-30", "2027-05-30" };
  sqlite3_stmt *stmt = NULL;
  guint i = 0;

  monthly (&r, "2027-01-31");
  r.begin_offset = TRUE;
  r.begin_unit = AFFARI_TIME_UNIT_DAY;
  r.begin_value = 0;
  r.close_offset = TRUE;
  r.close_unit = AFFARI_TIME_UNIT_MONTH;
  r.close_value = 1;
  id = affari_recurring_create (f->recurring, rich_deal (f), &r, &error);
  g_assert_no_error (error);

  /* Nothing due yet. */
  run_on (f, "2027-01-30", 0, 0);
  /* Three months missed: four deals, three of them late, each with its own due day. */
  run_on (f, "2027-04-30", 4, 3);
  run_on (f, "2027-04-30", 0, 0);
  run_on (f, "2027-05-01", 0, 0);

  g_assert_cmpint (sqlite3_prepare_v2 (f->db,
    "SELECT d.begin_date, d.close_date FROM deal d JOIN event e ON e.deal_id = d.id AND e.field = 'RECURRING_ID'"
    " WHERE e.new_value = ?1 ORDER BY d.id", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, g_strdup_printf ("%" G_GINT64_FORMAT, id), -1, g_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpuint (i, <, G_N_ELEMENTS (due));
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, due[i]);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, close[i]);
      i++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (i, ==, 4);
  g_assert_cmpint (sql_int (f, "SELECT counter_repeat FROM recurring WHERE id = ?", id), ==, 4);
  assert_sql_text (f, "SELECT next_date FROM recurring WHERE id = ?", id, "2027-05-31");
  assert_sql_text (f, "SELECT last_date FROM recurring WHERE id = ?", id, "2027-04-30");

  /* A second store on the same file (another process) finds nothing more to make. */
  {
    g_autoptr(AffariStore) other = affari_store_open (f->path, &error);
    g_autoptr(AffariDealOps) ops = NULL;
    g_autoptr(AffariRecurring) recurring = NULL;
    guint created = 9, late = 9;
    GDate date;

    g_assert_no_error (error);
    ops = affari_deal_ops_new (other);
    recurring = affari_recurring_new (other, ops);
    day (&date, "2027-04-30");
    g_assert_true (affari_recurring_run (recurring, &date, &created, &late, &error));
    g_assert_cmpuint (created, ==, 0);
    affari_store_close (other);
  }
}

static void
test_limits_end_template (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  AffariRecurrence r;
  gint64 by_times, by_date, once;

  /* After two times: inactive, no next day. */
  affari_recurrence_init_defaults (&r, "2027-02-01");
  r.unit = AFFARI_TIME_UNIT_WEEK;
  r.stop = AFFARI_RECURRENCE_STOP_TIMES;
  r.limit_times = 2;
  by_times = affari_recurring_create (f->recurring, rich_deal (f), &r, &error);
  g_assert_no_error (error);

  /* Until 15 February inclusive: 1, 8, 15. */
  affari_recurrence_init_defaults (&r, "2027-02-01");
  r.unit = AFFARI_TIME_UNIT_WEEK;
  r.stop = AFFARI_RECURRENCE_STOP_DATE;
  g_strlcpy (r.limit_date, "2027-02-15", sizeof r.limit_date);
  by_date = affari_recurring_create (f->recurring, rich_deal (f), &r, &error);
  g_assert_no_error (error);

  /* Only once, 3 days before 10 February. */
  affari_recurrence_init_defaults (&r, "2027-02-10");
  r.mode = AFFARI_RECURRENCE_SINGLE;
  r.before_unit = AFFARI_TIME_UNIT_DAY;
  r.before_value = 3;
  once = affari_recurring_create (f->recurring, rich_deal (f), &r, &error);
  g_assert_no_error (error);
  assert_sql_text (f, "SELECT next_date FROM recurring WHERE id = ?", once, "2027-02-07");

  run_on (f, "2027-06-01", 2 + 3 + 1, 2 + 3 + 1);
  g_assert_cmpint (sql_int (f, "SELECT counter_repeat FROM recurring WHERE id = ?", by_times), ==, 2);
  g_assert_cmpint (sql_int (f, "SELECT active FROM recurring WHERE id = ?", by_times), ==, 0);
  assert_sql_text (f, "SELECT next_date FROM recurring WHERE id = ?", by_times, NULL);
  g_assert_cmpint (sql_int (f, "SELECT counter_repeat FROM recurring WHERE id = ?", by_date), ==, 3);
  assert_sql_text (f, "SELECT last_date FROM recurring WHERE id = ?", by_date, "2027-02-15");
  g_assert_cmpint (sql_int (f, "SELECT active FROM recurring WHERE id = ?", by_date), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT active FROM recurring WHERE id = ?", once), ==, 0);
  run_on (f, "2028-06-01", 0, 0);

  /* A finished template cannot be resumed without a new limit. */
  g_assert_false (affari_recurring_set_active (f->recurring, by_times, TRUE, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
}

static void
test_stop_change_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  AffariRecurrence r;
  gint64 id, template_deal;
  guint before = live_deals (f);

  monthly (&r, "2027-01-15");
  id = affari_recurring_create (f->recurring, rich_deal (f), &r, &error);
  g_assert_no_error (error);
  template_deal = sql_int (f, "SELECT deal_id FROM recurring WHERE id = ?", id);

  g_assert_true (affari_recurring_set_active (f->recurring, id, FALSE, &error));
  g_assert_cmpint (sql_int (f, "SELECT active FROM recurring WHERE id = ?", id), ==, 0);
  run_on (f, "2027-03-01", 0, 0);
  g_assert_true (affari_recurring_set_active (f->recurring, id, TRUE, &error));
  g_assert_no_error (error);
  /* Resumed: from today on (the store's today, 18 November 2026), the start day is later. */
  assert_sql_text (f, "SELECT next_date FROM recurring WHERE id = ?", id, "2027-01-15");

  /* Changed to every 2 weeks from 1 February. */
  affari_recurrence_init_defaults (&r, "2027-02-01");
  r.unit = AFFARI_TIME_UNIT_WEEK;
  r.interval = 2;
  g_assert_true (affari_recurring_update (f->recurring, id, &r, &error));
  assert_sql_text (f, "SELECT unit FROM recurring WHERE id = ?", id, "week");
  g_assert_cmpint (sql_int (f, "SELECT interval_n FROM recurring WHERE id = ?", id), ==, 2);
  assert_sql_text (f, "SELECT next_date FROM recurring WHERE id = ?", id, "2027-02-01");
  r.interval = 0;
  g_assert_false (affari_recurring_update (f->recurring, id, &r, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);

  list = affari_recurring_list (f->recurring, &error);
  g_assert_cmpuint (list->len, ==, 1);

  run_on (f, "2027-02-01", 1, 0);
  g_assert_true (affari_recurring_delete (f->recurring, id, &error));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM recurring", 0), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM deal WHERE id = ?", template_deal), ==, 0);
  /* The deal it made stays. */
  g_assert_cmpuint (live_deals (f), ==, before + 1);
  g_assert_true (affari_store_check (f->store, NULL, NULL));
}

/* A template of a won or lost deal is open, in the first stage of its pipeline: its deals start
 * there, and its card offers no "Riapri". */
static void
test_template_of_closed_deal (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  AffariRecurrence r;
  gint64 closed = sql_int (f, "SELECT min(id) FROM deal WHERE closed = 1 AND is_recurring = 0", 0), id, tmpl;

  g_assert_cmpint (closed, >, 0);
  monthly (&r, "2027-01-31");
  id = affari_recurring_create (f->recurring, closed, &r, &error);
  g_assert_no_error (error);
  tmpl = sql_int (f, "SELECT deal_id FROM recurring WHERE id = ?", id);
  g_assert_cmpint (sql_int (f, "SELECT closed FROM deal WHERE id = ?", tmpl), ==, 0);
  assert_sql_text (f, "SELECT closed_at FROM deal WHERE id = ?", tmpl, NULL);
  g_assert_cmpint (sql_int (f, "SELECT stage_id FROM deal WHERE id = ?", tmpl), ==,
                   sql_int (f, "SELECT s.id FROM stage s JOIN deal d ON d.pipeline_id = s.pipeline_id"
                               " WHERE d.id = ? ORDER BY s.sort, s.id LIMIT 1", tmpl));
  g_assert_cmpint (sql_int (f, "SELECT closed FROM deal WHERE id = ?", closed), ==, 1);
  g_assert_true (affari_store_check (f->store, NULL, NULL));
}

int
main (int argc, char *argv[])
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recurrence/day-arithmetic", test_day_arithmetic);
  g_test_add_func ("/recurrence/anchored-occurrences", test_anchored_occurrences);
  g_test_add_func ("/recurrence/single-before-date", test_single_before_date);
  g_test_add_func ("/recurrence/limits-and-validation", test_limits_and_validation);
  g_test_add_func ("/recurrence/texts", test_texts);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/recurring/template-copy", test_template_copy);
  ADD ("/recurring/missed-periods-and-idempotent", test_missed_periods_and_idempotent);
  ADD ("/recurring/limits-end-template", test_limits_end_template);
  ADD ("/recurring/stop-change-delete", test_stop_change_delete);
  ADD ("/recurring/template-of-closed-deal", test_template_of_closed_deal);
#undef ADD

  return g_test_run ();
}
