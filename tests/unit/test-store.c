/* test-store.c — the SQLite store, as the views and the user rely on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "model/affari-i18n.h"
#include "model/affari-money.h"
#include "ops/affari-deal-ops.h"
#include "store/affari-store.h"

typedef struct {
  char *dir;
  char *path;
  AffariStore *store;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("affari-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "affari.db", NULL);
  f->store = affari_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_finalize_object (f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
stage_by_code (AffariStore *store, const char *code)
{
  return affari_store_find_stage_by_code (store, affari_store_get_default_pipeline_id (store), code);
}

static AffariDeal *
make_deal (AffariStore *store, const char *title, gint64 amount, const char *stage_code)
{
  g_autoptr(GError) error = NULL;
  AffariDeal *deal = affari_deal_new ();

  affari_deal_set_title (deal, title);
  affari_deal_set_amount (deal, amount);
  if (stage_code)
    affari_deal_set_stage_id (deal, stage_by_code (store, stage_code));
  g_assert_true (affari_store_create_deal (store, deal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (affari_deal_get_id (deal), >, 0);
  return deal;
}

static char *
read_file (const char *path, gsize *len)
{
  char *contents = NULL;
  g_assert_true (g_file_get_contents (path, &contents, len, NULL));
  return contents;
}

/* ----------------------------------------------------------------------------------- */

static void
test_new_database (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) pipelines = affari_store_list_pipelines (f->store, NULL);
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GPtrArray) types = affari_store_list_deal_types (f->store, NULL);
  g_autoptr(GPtrArray) sources = affari_store_list_sources (f->store, NULL);
  static const char *codes[] = { "NEW", "PREPARATION", "PREPAYMENT_INVOICE", "EXECUTING", "FINAL_INVOICE", "WON", "LOSE", "APOLOGY" };
  static const char *names[] = { "Nuovo", "Preparazione documenti", "Fattura di acconto", "In corso",
                                 "Fattura finale", "Affare vinto", "Affare perso", "Analisi del fallimento" };
  static const char *colors[] = { "#39A8EF", "#2FC6F6", "#55D0E0", "#47E4C2", "#FFA900", "#7BD500", "#FF5752", "#FF5752" };
  struct stat st;

  g_assert_cmpuint (pipelines->len, ==, 1);
  g_assert_true (affari_pipeline_get_is_default (g_ptr_array_index (pipelines, 0)));
  g_assert_cmpstr (affari_pipeline_get_name (g_ptr_array_index (pipelines, 0)), ==, "Generale");

  stages = affari_store_list_stages (f->store, affari_pipeline_get_id (g_ptr_array_index (pipelines, 0)), NULL);
  g_assert_cmpuint (stages->len, ==, 8);
  for (guint i = 0; i < 8; i++)
    {
      AffariStage *s = g_ptr_array_index (stages, i);
      g_assert_cmpstr (affari_stage_get_code (s), ==, codes[i]);
      g_assert_cmpstr (affari_stage_get_name (s), ==, names[i]);
      g_assert_cmpstr (affari_stage_get_color (s), ==, colors[i]);
      g_assert_cmpint (affari_stage_get_sort (s), ==, (int) (i + 1) * 10);
      g_assert_cmpint (affari_stage_get_semantics (s), ==,
                       i < 5 ? AFFARI_SEMANTICS_PROCESS : i == 5 ? AFFARI_SEMANTICS_SUCCESS : AFFARI_SEMANTICS_FAILURE);
    }
  g_assert_cmpstr (affari_stage_get_extra_semantics (g_ptr_array_index (stages, 7)), ==, "apology");

  g_assert_cmpuint (types->len, ==, 8);
  g_assert_cmpstr (g_ptr_array_index (types, 0), ==, "SALE");
  /* code and name pairs: the twelve seeded first and REPEAT_SALE (migration 6) */
  g_assert_cmpuint (sources->len, ==, 26);
  g_assert_cmpstr (g_ptr_array_index (sources, 2), ==, "EMAIL");

  g_assert_cmpint (affari_store_get_schema_version (f->store), ==, AFFARI_STORE_SCHEMA_VERSION);
  g_assert_cmpint (affari_store_get_current_user (f->store), >, 0);

  /* private to the user */
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (affari_store_check (f->store, NULL, NULL));
}

static void
test_reopen_keeps_data (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDeal) deal = make_deal (f->store, "Fornitura scaffalature", 123456, NULL);
  g_autoptr(AffariDeal) again = NULL;
  gint64 id = affari_deal_get_id (deal);

  g_clear_object (&f->store);
  f->store = affari_store_open (f->path, &error);
  g_assert_no_error (error);
  again = affari_store_get_deal (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (affari_deal_get_title (again), ==, "Fornitura scaffalature");
  g_assert_cmpint (affari_deal_get_amount (again), ==, 123456);
  {
    g_autoptr(GPtrArray) pipelines = affari_store_list_pipelines (f->store, NULL);
    g_assert_cmpuint (pipelines->len, ==, 1);
  }
}

static void
assert_open_fails_untouched (const char *path, int code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gsize len_before, len_after;
  AffariStore *store;

  before = read_file (path, &len_before);
  store = affari_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, AFFARI_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  after = read_file (path, &len_after);
  g_assert_cmpmem (before, len_before, after, len_after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_open_not_affari (void)
{
  g_autofree char *dir = g_dir_make_tmp ("affari-store-XXXXXX", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  sqlite3 *db;

  g_assert_true (g_file_set_contents (text, "Lista della spesa: pane, latte\n", -1, NULL));
  assert_open_fails_untouched (text, AFFARI_ERROR_NOT_AFFARI);

  /* an SQLite database of another program */
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_open_fails_untouched (other, AFFARI_ERROR_NOT_AFFARI);

  g_unlink (text);
  g_unlink (other);
  g_rmdir (dir);
}

static void
test_open_too_new (Fixture *f, gconstpointer data)
{
  sqlite3 *db;

  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99; PRAGMA journal_mode = DELETE;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_open_fails_untouched (f->path, AFFARI_ERROR_TOO_NEW);
  f->store = affari_store_open (NULL, NULL);
}

static void
test_open_corrupt (Fixture *f, gconstpointer data)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  sqlite3 *db;

  g_object_unref (make_deal (f->store, "Da rovinare", 100, NULL));
  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA journal_mode = DELETE;", NULL, NULL, NULL);
  sqlite3_close (db);

  /* garbage over the schema page */
  contents = read_file (f->path, &len);
  g_assert_cmpuint (len, >, 4096);
  memset (contents + 100, 0x5a, 2000);
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));

  assert_open_fails_untouched (f->path, AFFARI_ERROR_CORRUPT);
  f->store = affari_store_open (NULL, NULL);
}

static void
test_locked_write_loses_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDeal) first = make_deal (f->store, "Primo", 100, NULL);
  g_autoptr(AffariDeal) blocked = affari_deal_new ();
  sqlite3 *other;

  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE; UPDATE setting SET value = value;", NULL, NULL, NULL), ==, SQLITE_OK);

  affari_deal_set_title (blocked, "Secondo");
  g_assert_false (affari_store_create_deal (f->store, blocked, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_LOCKED);
  g_clear_error (&error);

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);

  g_assert_cmpuint (affari_store_count_deals (f->store, NULL, NULL), ==, 1);
  g_assert_true (affari_store_create_deal (f->store, blocked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (affari_store_count_deals (f->store, NULL, NULL), ==, 2);
}

static void
test_disk_full (void)
{
  g_autofree char *dir = g_dir_make_tmp ("affari-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "full.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariStore) store = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  guint saved = 0;

  g_setenv ("AFFARI_TEST_MAX_PAGE_COUNT", "150", TRUE);
  store = affari_store_open (path, &error);
  g_unsetenv ("AFFARI_TEST_MAX_PAGE_COUNT");
  g_assert_no_error (error);

  for (guint i = 0; i < 9000; i++)
    g_string_append_c (big, 'a' + i % 26);

  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(AffariDeal) deal = affari_deal_new ();
      affari_deal_set_title (deal, "Affare con commento lungo");
      affari_deal_set_comments (deal, big->str);
      if (!affari_store_create_deal (store, deal, &error))
        break;
      saved++;
    }
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_FULL);
  g_assert_cmpuint (saved, >, 0);
  /* everything saved before is still there, and consistent */
  g_assert_cmpuint (affari_store_count_deals (store, NULL, NULL), ==, saved);
  g_assert_true (affari_store_check (store, NULL, NULL));

  g_clear_object (&store);
  store = affari_store_open (path, NULL);
  g_assert_cmpuint (affari_store_count_deals (store, NULL, NULL), ==, saved);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_create_defaults (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(AffariDeal) untitled = affari_deal_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *today = NULL;
  g_autofree char *in_a_week = NULL;
  g_autofree char *expected_title = NULL;

  affari_store_set_now (f->store, 1795000000); /* 18 nov 2026 */
  today = affari_date_today ();
  affari_deal_set_title (deal, "  Sito web nuovo  ");
  g_assert_true (affari_store_create_deal (f->store, deal, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (affari_deal_get_title (deal), ==, "Sito web nuovo");
  g_assert_cmpint (affari_deal_get_stage_id (deal), ==, stage_by_code (f->store, "NEW"));
  g_assert_cmpint (affari_deal_get_pipeline_id (deal), ==, affari_store_get_default_pipeline_id (f->store));
  g_assert_cmpstr (affari_deal_get_currency (deal), ==, "EUR");
  g_assert_cmpstr (affari_deal_get_type_id (deal), ==, "SALE");
  g_assert_cmpstr (affari_deal_get_source_id (deal), ==, "CALL");
  g_assert_cmpstr (affari_deal_get_begin_date (deal), ==, "2026-11-18");
  g_assert_cmpstr (affari_deal_get_close_date (deal), ==, "2026-11-25");
  g_assert_cmpint (affari_deal_get_assigned_by_id (deal), ==, affari_store_get_current_user (f->store));
  g_assert_nonnull (affari_deal_get_assigned_name (deal));
  g_assert_cmpint (affari_deal_get_date_create (deal), ==, 1795000000);
  g_assert_false (affari_deal_get_closed (deal));

  events = affari_store_list_events (f->store, affari_deal_get_id (deal), NULL);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (affari_event_get_kind (g_ptr_array_index (events, 0)), ==, AFFARI_EVENT_CREATED);
  g_assert_cmpstr (affari_event_get_text (g_ptr_array_index (events, 0)), ==, _("Deal created"));

  g_assert_true (affari_store_create_deal (f->store, untitled, &error));
  expected_title = g_strdup_printf ("Affare n. %" G_GINT64_FORMAT, affari_deal_get_id (untitled));
  g_assert_cmpstr (affari_deal_get_title (untitled), ==, expected_title);

  /* newest on top of the column */
  {
    AffariDealQuery q = { .stage_id = stage_by_code (f->store, "NEW") };
    g_autoptr(GArray) ids = affari_store_query_deal_ids (f->store, &q, NULL);
    g_assert_cmpuint (ids->len, ==, 2);
    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, affari_deal_get_id (untitled));
  }
  (void) in_a_week;
}

static void
test_invalid_input_writes_nothing (Fixture *f, gconstpointer data)
{
  struct { const char *field; const char *value; } cases[] = {
    { "title", NULL },            /* too long, built below */
    { "title", "\xff\xfe bad" },
    { "currency", "euro" },
    { "close-date", "2026-02-30" },
    { "begin-date", "domani" },
  };
  g_autofree char *long_title = g_strnfill (300, 'x');

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AffariDeal) deal = affari_deal_new ();
      g_autoptr(GError) error = NULL;

      affari_deal_set_title (deal, "Valido");
      if (g_str_equal (cases[i].field, "title"))
        {
          /* bypass the setter's own checks: this is what a broken import would hand in */
          g_object_set (deal, "title", cases[i].value ? cases[i].value : long_title, NULL);
        }
      else
        g_object_set (deal, cases[i].field, cases[i].value, NULL);
      g_assert_false (affari_store_create_deal (f->store, deal, &error));
      g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
    }

  {
    g_autoptr(AffariDeal) deal = affari_deal_new ();
    g_autoptr(GError) error = NULL;
    affari_deal_set_title (deal, "Probabile");
    g_object_set (deal, "probability", 100, NULL);
    g_assert_true (affari_store_create_deal (f->store, deal, &error));
  }
  g_assert_cmpuint (affari_store_count_deals (f->store, NULL, NULL), ==, 1);
}

typedef struct {
  guint count;
  gint64 deal, old_stage, new_stage;
} Emissions;

/* Each deal of each committed change set, as the views get them. */
static void
on_deal_changed (AffariStore *store, AffariChangeSet *set, Emissions *e)
{
  for (guint i = 0; i < affari_change_set_get_n_deals (set); i++)
    {
      const AffariDealChange *change = affari_change_set_get_deal (set, i);

      e->count++;
      e->deal = change->deal_id;
      e->old_stage = change->old_stage_id;
      e->new_stage = change->new_stage_id;
    }
}

static void
test_move_closes_and_reopens (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariDeal) deal = make_deal (f->store, "Impianto fotovoltaico", 500000, "EXECUTING");
  g_autoptr(AffariDeal) moved = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  gint64 id = affari_deal_get_id (deal);
  Emissions e = { 0 };

  g_signal_connect (f->store, "changed", G_CALLBACK (on_deal_changed), &e);
  affari_store_set_now (f->store, 1798000000);
  {
    g_autoptr(GDateTime) then = g_date_time_new_from_unix_local (1798000000);
    today = g_date_time_format (then, "%Y-%m-%d");
  }

  g_assert_true (affari_store_move_deal (f->store, id, stage_by_code (f->store, "LOSE"), 0, "Prezzo troppo alto", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (e.count, ==, 1);
  g_assert_cmpint (e.old_stage, ==, stage_by_code (f->store, "EXECUTING"));
  g_assert_cmpint (e.new_stage, ==, stage_by_code (f->store, "LOSE"));

  moved = affari_store_get_deal (f->store, id, NULL);
  g_assert_true (affari_deal_get_closed (moved));
  g_assert_cmpint (affari_deal_get_semantics (moved), ==, AFFARI_SEMANTICS_FAILURE);
  /* The expected close date is the plan: closing records its own day. */
  g_assert_cmpstr (affari_deal_get_close_date (moved), ==, affari_deal_get_close_date (deal));
  g_assert_cmpstr (affari_deal_get_closed_at (moved), ==, today);
  g_assert_cmpint (affari_deal_get_moved_time (moved), ==, 1798000000);

  events = affari_store_list_events (f->store, id, NULL);
  g_assert_cmpuint (events->len, ==, 4); /* created, stage, closed, the day of closing */
  {
    g_autofree char *stage_text = g_strdup_printf (_("Stage: %s → %s"), "In corso", "Affare perso");
    g_autofree char *lost_text = g_strdup_printf (_("Deal lost: %s"), "Prezzo troppo alto");
    gboolean has_stage = FALSE, has_lost = FALSE;
    for (guint i = 0; i < events->len; i++)
      {
        const char *text = affari_event_get_text (g_ptr_array_index (events, i));
        has_stage |= g_str_equal (text, stage_text);
        has_lost |= g_str_equal (text, lost_text);
      }
    g_assert_true (has_stage);
    g_assert_true (has_lost);
  }

  /* back to work: reopened */
  g_assert_true (affari_store_move_deal (f->store, id, stage_by_code (f->store, "NEW"), -1, NULL, &error));
  g_clear_object (&moved);
  moved = affari_store_get_deal (f->store, id, NULL);
  g_assert_false (affari_deal_get_closed (moved));
  g_assert_cmpint (affari_deal_get_semantics (moved), ==, AFFARI_SEMANTICS_PROCESS);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = affari_store_list_events (f->store, id, NULL);
  g_assert_cmpint (affari_event_get_kind (g_ptr_array_index (events, 0)), ==, AFFARI_EVENT_REOPENED);

  g_assert_true (affari_store_check (f->store, NULL, NULL));
}

static void
test_move_positions (Fixture *f, gconstpointer data)
{
  gint64 stage = stage_by_code (f->store, "PREPARATION");
  g_autoptr(AffariDeal) a = make_deal (f->store, "A", 1, "PREPARATION");
  g_autoptr(AffariDeal) b = make_deal (f->store, "B", 1, "PREPARATION");
  g_autoptr(AffariDeal) c = make_deal (f->store, "C", 1, "PREPARATION");
  g_autoptr(AffariDeal) d = make_deal (f->store, "D", 1, "NEW");
  AffariDealQuery q = { .stage_id = stage };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  /* column is C B A (newest first); drop D between C and B */
  g_assert_true (affari_store_move_deal (f->store, affari_deal_get_id (d), stage, 1, NULL, &error));
  ids = affari_store_query_deal_ids (f->store, &q, NULL);
  g_assert_cmpuint (ids->len, ==, 4);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, affari_deal_get_id (c));
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, affari_deal_get_id (d));
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, affari_deal_get_id (b));
  g_assert_cmpint (g_array_index (ids, gint64, 3), ==, affari_deal_get_id (a));

  /* reorder within the column: A to the top; then many drops into the same gap */
  g_assert_true (affari_store_move_deal (f->store, affari_deal_get_id (a), stage, 0, NULL, &error));
  for (int i = 0; i < 80; i++)
    g_assert_true (affari_store_move_deal (f->store, affari_deal_get_id (i % 2 ? b : d), stage, 1, NULL, &error));
  g_clear_pointer (&ids, g_array_unref);
  ids = affari_store_query_deal_ids (f->store, &q, NULL);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, affari_deal_get_id (a));
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, affari_deal_get_id (b));
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, affari_deal_get_id (d));
  g_assert_cmpint (g_array_index (ids, gint64, 3), ==, affari_deal_get_id (c));

  /* a stage of another pipeline is refused, nothing changes */
  {
    gint64 other = affari_store_create_pipeline (f->store, "Rinnovi", &error);
    gint64 other_stage = affari_store_find_stage (f->store, other, AFFARI_SEMANTICS_PROCESS);
    g_assert_false (affari_store_move_deal (f->store, affari_deal_get_id (a), other_stage, 0, NULL, &error));
    g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
  }
}

/* The list in board order: stages in their order, each stage as its column; other pipelines
 * after the default one when no pipeline is chosen; reversed exactly when descending. */
static void
test_list_board_order (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 pipeline = affari_store_get_default_pipeline_id (f->store);
  g_autoptr(AffariDeal) a = make_deal (f->store, "A", 1, "PREPARATION");
  g_autoptr(AffariDeal) b = make_deal (f->store, "B", 1, "NEW");
  g_autoptr(AffariDeal) c = make_deal (f->store, "C", 1, "PREPARATION");
  g_autoptr(AffariDeal) d = make_deal (f->store, "D", 1, "WON");
  g_autoptr(AffariDeal) e = make_deal (f->store, "E", 1, "NEW");
  g_autoptr(AffariDeal) other = NULL;
  gint64 rinnovi = affari_store_create_pipeline (f->store, "Rinnovi", &error);
  gint64 expected[] = { 0, 0, 0, 0, 0 };
  gint64 all[6];
  AffariDealQuery q = { .pipeline_id = pipeline, .sort = AFFARI_DEAL_SORT_POSITION };
  g_autoptr(GArray) ids = NULL;

  g_assert_cmpint (rinnovi, >, 0);
  other = affari_deal_new ();
  affari_deal_set_title (other, "Rinnovo");
  affari_deal_set_pipeline_id (other, rinnovi);
  g_assert_true (affari_store_create_deal (f->store, other, &error));
  /* B goes under E in "Nuovo" */
  g_assert_true (affari_store_move_deal (f->store, affari_deal_get_id (b), stage_by_code (f->store, "NEW"), -1, NULL, &error));

  /* Nuovo: E B; Preparazione: C A; Vinto: D */
  expected[0] = affari_deal_get_id (e);
  expected[1] = affari_deal_get_id (b);
  expected[2] = affari_deal_get_id (c);
  expected[3] = affari_deal_get_id (a);
  expected[4] = affari_deal_get_id (d);

  for (int sort = AFFARI_DEAL_SORT_POSITION; sort <= AFFARI_DEAL_SORT_STAGE; sort += AFFARI_DEAL_SORT_STAGE - AFFARI_DEAL_SORT_POSITION)
    {
      q.sort = sort;
      q.descending = FALSE;
      g_clear_pointer (&ids, g_array_unref);
      ids = affari_store_query_deal_ids (f->store, &q, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, 5);
      for (guint i = 0; i < 5; i++)
        g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i]);

      q.descending = TRUE;
      g_clear_pointer (&ids, g_array_unref);
      ids = affari_store_query_deal_ids (f->store, &q, &error);
      g_assert_cmpuint (ids->len, ==, 5);
      for (guint i = 0; i < 5; i++)
        g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[4 - i]);
    }

  /* every pipeline: the default pipeline's board, then Rinnovi's */
  q.pipeline_id = 0;
  q.sort = AFFARI_DEAL_SORT_POSITION;
  q.descending = FALSE;
  g_clear_pointer (&ids, g_array_unref);
  ids = affari_store_query_deal_ids (f->store, &q, &error);
  memcpy (all, expected, sizeof expected);
  all[5] = affari_deal_get_id (other);
  g_assert_cmpuint (ids->len, ==, 6);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, all[i]);
  g_assert_cmpuint (affari_store_count_deals (f->store, &q, NULL), ==, 6);

  /* a search keeps the board order, whether it walks the board (one or two letters) or starts
   * from the full-text index (a longer word) */
  affari_deal_query_set_text (&q, "e");
  g_clear_pointer (&ids, g_array_unref);
  ids = affari_store_query_deal_ids (f->store, &q, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, affari_deal_get_id (e));
  affari_deal_query_set_text (&q, "Rinnovo");
  g_clear_pointer (&ids, g_array_unref);
  ids = affari_store_query_deal_ids (f->store, &q, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, affari_deal_get_id (other));
  q.pipeline_id = pipeline;
  g_clear_pointer (&ids, g_array_unref);
  ids = affari_store_query_deal_ids (f->store, &q, &error);
  g_assert_cmpuint (ids->len, ==, 0);
  affari_deal_query_set_text (&q, NULL);

  /* a trashed deal leaves the board order */
  g_assert_true (affari_store_trash_deal (f->store, affari_deal_get_id (c), &error));
  q.pipeline_id = pipeline;
  g_clear_pointer (&ids, g_array_unref);
  ids = affari_store_query_deal_ids (f->store, &q, &error);
  g_assert_cmpuint (ids->len, ==, 4);
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, affari_deal_get_id (a));
}

static void
test_stage_totals (Fixture *f, gconstpointer data)
{
  g_autoptr(GArray) totals = NULL;
  AffariDealQuery q = { .pipeline_id = affari_store_get_default_pipeline_id (f->store) };
  gint64 new_stage = stage_by_code (f->store, "NEW");
  gboolean eur = FALSE, usd = FALSE;

  g_object_unref (make_deal (f->store, "Uno", 100050, "NEW"));
  g_object_unref (make_deal (f->store, "Due", 20000, "NEW"));
  {
    g_autoptr(AffariDeal) dollars = affari_deal_new ();
    affari_deal_set_title (dollars, "Tre");
    affari_deal_set_amount (dollars, 999);
    affari_deal_set_currency (dollars, "USD");
    affari_deal_set_stage_id (dollars, new_stage);
    g_assert_true (affari_store_create_deal (f->store, dollars, NULL));
  }
  g_object_unref (make_deal (f->store, "Quattro", 5, "WON"));

  totals = affari_store_stage_totals (f->store, &q, NULL);
  for (guint i = 0; i < totals->len; i++)
    {
      AffariStageTotal *t = &g_array_index (totals, AffariStageTotal, i);
      if (t->stage_id == new_stage && g_str_equal (t->currency, "EUR"))
        {
          eur = TRUE;
          g_assert_cmpuint (t->count, ==, 2);
          g_assert_cmpint (t->sum, ==, 120050);
        }
      if (t->stage_id == new_stage && g_str_equal (t->currency, "USD"))
        {
          usd = TRUE;
          g_assert_cmpuint (t->count, ==, 1);
          g_assert_cmpint (t->sum, ==, 999);
        }
    }
  g_assert_true (eur && usd);
  g_assert_cmpuint (totals->len, ==, 3);
}

static void
test_update_writes_history (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariDeal) deal = make_deal (f->store, "Consulenza", 100000, NULL);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  Emissions e = { 0 };
  g_autofree char *expected = NULL;

  g_signal_connect (f->store, "changed", G_CALLBACK (on_deal_changed), &e);
  affari_deal_set_amount (deal, 123456);
  affari_deal_set_close_date (deal, "2026-12-31");
  g_assert_true (affari_store_update_deal (f->store, deal, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (e.count, ==, 1);

  events = affari_store_list_events (f->store, affari_deal_get_id (deal), NULL);
  g_assert_cmpuint (events->len, ==, 3);
  expected = g_strdup_printf (_("%s: %s → %s"), _("Amount"), "€ 1.000,00", "€ 1.234,56");
  {
    gboolean found = FALSE;
    for (guint i = 0; i < events->len; i++)
      found |= g_str_equal (affari_event_get_text (g_ptr_array_index (events, i)), expected);
    g_assert_true (found);
  }

  /* nothing changed: nothing written */
  g_assert_true (affari_store_update_deal (f->store, deal, &error));
  g_clear_pointer (&events, g_ptr_array_unref);
  events = affari_store_list_events (f->store, affari_deal_get_id (deal), NULL);
  g_assert_cmpuint (events->len, ==, 3);

  /* an empty title is refused on update and the stored title stays */
  affari_deal_set_title (deal, "   ");
  g_assert_false (affari_store_update_deal (f->store, deal, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  {
    g_autoptr(AffariDeal) stored = affari_store_get_deal (f->store, affari_deal_get_id (deal), NULL);
    g_assert_cmpstr (affari_deal_get_title (stored), ==, "Consulenza");
  }
}

static void
test_product_rows (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariDeal) deal = make_deal (f->store, "Arredo ufficio", 0, NULL);
  g_autoptr(AffariDeal) stored = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  AffariProductRow in[2] = {
    /* the reference's example: 999.00, 10 % off, no tax → 899.10 */
    { .name = (char *) "Scrivania", .quantity_milli = 2000, .price_netto = 99900,
      .discount_type = 2, .discount_rate_bp = 1000, .tax_rate_bp = -1 },
    /* 10.00 + 22 % VAT, 3 units → 36.60, of which 6.60 tax */
    { .name = (char *) "Cavo", .quantity_milli = 3000, .price_netto = 1000,
      .discount_type = 2, .tax_rate_bp = 2200 },
  };

  g_assert_true (affari_store_set_product_rows (f->store, affari_deal_get_id (deal), in, 2, &error));
  g_assert_no_error (error);
  rows = affari_store_list_product_rows (f->store, affari_deal_get_id (deal), NULL);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpint (g_array_index (rows, AffariProductRow, 0).discount_sum, ==, 9990);
  g_assert_cmpint (g_array_index (rows, AffariProductRow, 0).price_exclusive, ==, 89910);
  g_assert_cmpint (g_array_index (rows, AffariProductRow, 0).row_total, ==, 179820);
  g_assert_cmpint (g_array_index (rows, AffariProductRow, 1).price, ==, 1220);
  g_assert_cmpint (g_array_index (rows, AffariProductRow, 1).row_total, ==, 3660);
  g_assert_cmpint (g_array_index (rows, AffariProductRow, 1).row_tax, ==, 660);

  stored = affari_store_get_deal (f->store, affari_deal_get_id (deal), NULL);
  g_assert_cmpint (affari_deal_get_amount (stored), ==, 179820 + 3660);
  g_assert_cmpint (affari_deal_get_tax_value (stored), ==, 660);

  /* a typed amount is kept when the rows change */
  affari_deal_set_is_manual_amount (stored, TRUE);
  affari_deal_set_amount (stored, 100000);
  g_assert_true (affari_store_update_deal (f->store, stored, &error));
  g_assert_true (affari_store_set_product_rows (f->store, affari_deal_get_id (deal), in, 1, &error));
  g_clear_object (&stored);
  stored = affari_store_get_deal (f->store, affari_deal_get_id (deal), NULL);
  g_assert_cmpint (affari_deal_get_amount (stored), ==, 100000);

  /* a quantity of zero is refused and the rows stay as they were */
  in[0].quantity_milli = 0;
  g_assert_false (affari_store_set_product_rows (f->store, affari_deal_get_id (deal), in, 1, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_pointer (&rows, g_array_unref);
  rows = affari_store_list_product_rows (f->store, affari_deal_get_id (deal), NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (affari_store_check (f->store, NULL, NULL));
}

static void
test_repeat_deal (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariCompany) company = affari_company_new ("Rossi Costruzioni S.r.l.");
  g_autoptr(AffariDeal) first = affari_deal_new ();
  g_autoptr(AffariDeal) second = affari_deal_new ();
  g_autoptr(AffariDeal) third = affari_deal_new ();
  gint64 company_id = affari_store_create_company (f->store, company, NULL);

  affari_deal_set_title (first, "Prima fornitura");
  affari_deal_set_company_id (first, company_id);
  g_assert_true (affari_store_create_deal (f->store, first, NULL));
  g_assert_false (affari_deal_get_is_return_customer (first));
  g_assert_false (affari_deal_get_is_repeated_approach (first));

  affari_deal_set_title (second, "Seconda richiesta");
  affari_deal_set_company_id (second, company_id);
  g_assert_true (affari_store_create_deal (f->store, second, NULL));
  g_assert_false (affari_deal_get_is_return_customer (second));
  g_assert_true (affari_deal_get_is_repeated_approach (second));

  g_assert_true (affari_store_move_deal (f->store, affari_deal_get_id (first), stage_by_code (f->store, "WON"), 0, NULL, NULL));
  affari_deal_set_title (third, "Riordino");
  affari_deal_set_company_id (third, company_id);
  g_assert_true (affari_store_create_deal (f->store, third, NULL));
  g_assert_true (affari_deal_get_is_return_customer (third));
  g_assert_cmpstr (affari_deal_get_company_name (third), ==, "Rossi Costruzioni S.r.l.");
}

static void
test_trash (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariDeal) deal = make_deal (f->store, "Da cestinare", 1, NULL);
  AffariDealQuery trash = { .include_deleted = TRUE };
  g_autoptr(GError) error = NULL;
  Emissions e = { 0 };

  g_signal_connect (f->store, "changed", G_CALLBACK (on_deal_changed), &e);
  g_assert_true (affari_store_trash_deal (f->store, affari_deal_get_id (deal), &error));
  g_assert_cmpint (e.new_stage, ==, 0);
  g_assert_cmpuint (affari_store_count_deals (f->store, NULL, NULL), ==, 0);
  g_assert_cmpuint (affari_store_count_deals (f->store, &trash, NULL), ==, 1);
  g_assert_false (affari_store_move_deal (f->store, affari_deal_get_id (deal), stage_by_code (f->store, "WON"), 0, NULL, &error));
  g_clear_error (&error);

  g_assert_true (affari_store_restore_deal (f->store, affari_deal_get_id (deal), &error));
  g_assert_cmpint (e.old_stage, ==, 0);
  g_assert_cmpuint (affari_store_count_deals (f->store, NULL, NULL), ==, 1);

  g_assert_true (affari_store_purge_deal (f->store, affari_deal_get_id (deal), &error));
  g_assert_cmpuint (affari_store_count_deals (f->store, NULL, NULL), ==, 0);
  g_assert_cmpuint (affari_store_count_deals (f->store, &trash, NULL), ==, 0);
  g_assert_true (affari_store_check (f->store, NULL, NULL));
}

static void
test_batch_rollback (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  Emissions e = { 0 };
  guint resets = 0;

  g_signal_connect (f->store, "changed", G_CALLBACK (on_deal_changed), &e);
  g_assert_true (affari_store_begin_batch (f->store, &error));
  for (int i = 0; i < 10; i++)
    g_object_unref (make_deal (f->store, "In blocco", i, NULL));
  g_assert_true (affari_store_end_batch (f->store, FALSE, &error) == FALSE);
  g_assert_cmpuint (e.count, ==, 0);
  g_assert_cmpuint (affari_store_count_deals (f->store, NULL, NULL), ==, 0);

  g_assert_true (affari_store_begin_batch (f->store, &error));
  for (int i = 0; i < 10; i++)
    g_object_unref (make_deal (f->store, "In blocco", i, NULL));
  g_assert_true (affari_store_end_batch (f->store, TRUE, &error));
  g_assert_cmpuint (e.count, ==, 0); /* one reset instead of ten signals */
  g_assert_cmpuint (affari_store_count_deals (f->store, NULL, NULL), ==, 10);
  (void) resets;

  /* A batch is all or nothing: after a failed write, committing saves none of it. */
  g_assert_true (affari_store_begin_batch (f->store, &error));
  for (int i = 0; i < 5; i++)
    g_object_unref (make_deal (f->store, "Prima del guasto", i, NULL));
  {
    g_autoptr(AffariDeal) deal = make_deal (f->store, "Contatto inesistente", 1, NULL);
    gint64 missing = 987654;

    /* fails inside its transaction (the old links are already deleted when the insert fails) */
    g_assert_false (affari_store_set_deal_contacts (f->store, affari_deal_get_id (deal), &missing, 1,
                                                    missing, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  g_object_unref (make_deal (f->store, "Dopo il guasto", 1, NULL));
  g_assert_false (affari_store_end_batch (f->store, TRUE, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpuint (affari_store_count_deals (f->store, NULL, NULL), ==, 10);

  /* Inside a batch a renamed stage is named by its new name in the history (no stale cache). */
  {
    gint64 working = stage_by_code (f->store, "EXECUTING");
    g_autoptr(AffariDeal) deal = NULL;
    g_autoptr(GPtrArray) events = NULL;
    AffariEvent *last;

    g_assert_true (affari_store_begin_batch (f->store, &error));
    deal = make_deal (f->store, "Rinominata nel blocco", 1, NULL);
    g_assert_true (affari_store_move_deal (f->store, affari_deal_get_id (deal), working, 0, NULL, &error));
    g_assert_true (affari_store_update_stage (f->store, working, "Lavorazione", NULL, &error));
    g_assert_true (affari_store_move_deal (f->store, affari_deal_get_id (deal), stage_by_code (f->store, "NEW"),
                                           0, NULL, &error));
    g_assert_true (affari_store_move_deal (f->store, affari_deal_get_id (deal), working, 0, NULL, &error));
    g_assert_true (affari_store_end_batch (f->store, TRUE, &error));
    events = affari_store_list_events (f->store, affari_deal_get_id (deal), &error);
    g_assert_nonnull (events);
    last = g_ptr_array_index (events, 0);
    g_assert_cmpstr (affari_event_get_new_value (last), ==, "Lavorazione");
    g_assert_true (affari_store_purge_deal (f->store, affari_deal_get_id (deal), &error));
  }

  /* and the store works normally afterwards */
  g_object_unref (make_deal (f->store, "Fuori dal blocco", 1, NULL));
  g_assert_cmpuint (affari_store_count_deals (f->store, NULL, NULL), ==, 11);
}

static void
test_query_filters_and_sort (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariCompany) company = affari_company_new ("Edilizia Città Nuova S.p.A.");
  g_autoptr(AffariDeal) a = affari_deal_new ();
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) found = NULL;
  AffariDealQuery q = { 0 };

  g_object_unref (make_deal (f->store, "Caldaia 100%_speciale", 30000, "NEW"));
  g_object_unref (make_deal (f->store, "Porte blindate", 90000, "EXECUTING"));
  g_object_unref (make_deal (f->store, "Finestre", 60000, "WON"));
  affari_deal_set_title (a, "Ristrutturazione");
  affari_deal_set_amount (a, 10);
  affari_deal_set_company_id (a, affari_store_create_company (f->store, company, NULL));
  g_assert_true (affari_store_create_deal (f->store, a, NULL));

  q.sort = AFFARI_DEAL_SORT_AMOUNT;
  q.descending = TRUE;
  page = affari_store_query_deals (f->store, &q, 0, 2, NULL);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpstr (affari_deal_get_title (g_ptr_array_index (page, 0)), ==, "Porte blindate");
  g_assert_cmpstr (affari_deal_get_title (g_ptr_array_index (page, 1)), ==, "Finestre");

  /* accents and case folded, client names searched */
  affari_deal_query_set_text (&q, "citta");
  found = affari_store_query_deals (f->store, &q, 0, 0, NULL);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (affari_deal_get_title (g_ptr_array_index (found, 0)), ==, "Ristrutturazione");
  /* LIKE wildcards are literal text */
  affari_deal_query_set_text (&q, "100%_");
  g_assert_cmpuint (affari_store_count_deals (f->store, &q, NULL), ==, 1);
  affari_deal_query_set_text (&q, "%");
  g_assert_cmpuint (affari_store_count_deals (f->store, &q, NULL), ==, 1);
  affari_deal_query_set_text (&q, NULL);

  q.closed = AFFARI_CLOSED_OPEN_ONLY;
  g_assert_cmpuint (affari_store_count_deals (f->store, &q, NULL), ==, 3);
  q.has_amount_min = TRUE;
  q.amount_min = 50000;
  g_assert_cmpuint (affari_store_count_deals (f->store, &q, NULL), ==, 1);
  q.semantics_mask = 1 << AFFARI_SEMANTICS_SUCCESS;
  q.closed = AFFARI_CLOSED_ANY;
  g_assert_cmpuint (affari_store_count_deals (f->store, &q, NULL), ==, 1);
  g_free (q.text);
}

static void
test_check_finds_broken_invariants (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariDeal) deal = make_deal (f->store, "Rotto", 1, "NEW");
  g_autoptr(GPtrArray) problems = NULL;
  sqlite3 *db;

  g_assert_true (affari_store_check (f->store, &problems, NULL));
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE deal SET closed = 1; UPDATE stage SET semantics = 'P' WHERE code = 'WON';",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_false (affari_store_check (f->store, &problems, NULL));
  g_assert_cmpuint (problems->len, >=, 2);
}

static void
test_contacts_and_search (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariDeal) deal = make_deal (f->store, "Contatti", 1, NULL);
  g_autoptr(AffariContact) mario = affari_contact_new ("Mario", "Rossi");
  g_autoptr(AffariContact) lucia = affari_contact_new ("Lucia", "Niccolò");
  g_autoptr(GPtrArray) linked = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(AffariDeal) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[2];

  ids[0] = affari_store_create_contact (f->store, mario, &error);
  ids[1] = affari_store_create_contact (f->store, lucia, &error);
  g_assert_true (affari_store_set_deal_contacts (f->store, affari_deal_get_id (deal), ids, 2, ids[1], &error));
  linked = affari_store_list_deal_contacts (f->store, affari_deal_get_id (deal), NULL);
  g_assert_cmpuint (linked->len, ==, 2);
  g_assert_cmpint (affari_contact_get_id (g_ptr_array_index (linked, 0)), ==, ids[1]);
  stored = affari_store_get_deal (f->store, affari_deal_get_id (deal), NULL);
  g_assert_cmpstr (affari_deal_get_contact_name (stored), ==, "Lucia Niccolò");
  g_assert_cmpstr (affari_deal_get_client_name (stored), ==, "Lucia Niccolò");

  found = affari_store_search_contacts (f->store, "NICCOLO", 10, NULL);
  g_assert_cmpuint (found->len, ==, 1);

  /* a birthday that is not a date is refused */
  {
    g_autoptr(AffariContact) bad = affari_contact_new ("Anna", "Verdi");
    g_object_set (bad, "birthday", "31/02/1990", NULL);
    g_assert_cmpint (affari_store_create_contact (f->store, bad, &error), ==, 0);
    g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  }
}

static void
test_activities (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariDeal) deal = make_deal (f->store, "Con attività", 1, NULL);
  g_autoptr(AffariActivity) call = affari_activity_new (AFFARI_ACTIVITY_CALL, "Richiamare il cliente", 1800000000);
  g_autoptr(AffariActivity) meeting = affari_activity_new (AFFARI_ACTIVITY_MEETING, "Sopralluogo", 1790000000);
  g_autoptr(AffariDeal) stored = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = affari_deal_get_id (deal);

  g_assert_true (affari_store_add_activity (f->store, id, call, &error));
  g_assert_true (affari_store_add_activity (f->store, id, meeting, &error));
  stored = affari_store_get_deal (f->store, id, NULL);
  g_assert_cmpint (affari_deal_get_next_activity (stored), ==, 1790000000);

  g_assert_true (affari_store_complete_activity (f->store, affari_activity_get_id (meeting), TRUE, &error));
  g_clear_object (&stored);
  stored = affari_store_get_deal (f->store, id, NULL);
  g_assert_cmpint (affari_deal_get_next_activity (stored), ==, 1800000000);

  list = affari_store_list_activities (f->store, id, NULL);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_false (affari_activity_get_completed (g_ptr_array_index (list, 0)));

  g_assert_true (affari_store_delete_activity (f->store, affari_activity_get_id (call), &error));
  g_clear_object (&stored);
  stored = affari_store_get_deal (f->store, id, NULL);
  g_assert_cmpint (affari_deal_get_next_activity (stored), ==, 0);

  /* history: created, 2 planned, 1 done, 1 removed */
  g_clear_pointer (&list, g_ptr_array_unref);
  list = affari_store_list_events (f->store, id, NULL);
  g_assert_cmpuint (list->len, ==, 5);
}

static void
test_move_to_pipeline (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariDeal) deal = make_deal (f->store, "Rinnovo contratto", 1, "WON");
  g_autoptr(AffariDeal) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 renewals = affari_store_create_pipeline (f->store, "Rinnovi", &error);
  g_autoptr(GPtrArray) stages = affari_store_list_stages (f->store, renewals, NULL);

  g_autofree char *code = g_strdup_printf ("C%" G_GINT64_FORMAT ":NEW", renewals);

  g_assert_cmpstr (affari_stage_get_code (g_ptr_array_index (stages, 0)), ==, code);
  g_assert_true (affari_store_move_deal_to_pipeline (f->store, affari_deal_get_id (deal), renewals, &error));
  g_assert_no_error (error);
  stored = affari_store_get_deal (f->store, affari_deal_get_id (deal), NULL);
  g_assert_cmpint (affari_deal_get_pipeline_id (stored), ==, renewals);
  g_assert_cmpint (affari_deal_get_semantics (stored), ==, AFFARI_SEMANTICS_SUCCESS);
  g_assert_true (affari_deal_get_closed (stored));
  g_assert_true (affari_store_check (f->store, NULL, NULL));
}

static void
test_undo_restores_exactly (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariDeal) a = make_deal (f->store, "Primo", 1, "EXECUTING");
  g_autoptr(AffariDeal) b = make_deal (f->store, "Secondo", 1, "EXECUTING");
  g_autoptr(AffariDeal) c = make_deal (f->store, "Terzo", 1, "EXECUTING");
  g_autoptr(AffariDeal) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDealOps) ops = affari_deal_ops_new (f->store);
  g_autoptr(AffariChangeSet) set = NULL;
  AffariDealPlace before = { 0 };
  gint64 id = affari_deal_get_id (b);
  AffariDealQuery q = { .stage_id = stage_by_code (f->store, "EXECUTING") };
  g_autoptr(GArray) ids_before = affari_store_query_deal_ids (f->store, &q, NULL);
  g_autoptr(GArray) ids_after = NULL;

  affari_deal_set_close_date (b, "2027-03-15");
  g_assert_true (affari_store_update_deal (f->store, b, &error));
  g_assert_true (affari_store_get_deal_place (f->store, affari_deal_get_id (b), &before, &error));

  /* dropped on "Affare perso": closed today, the expected close date kept */
  set = affari_deal_ops_move (ops, &id, 1, stage_by_code (f->store, "LOSE"), 0, NULL, &error);
  g_assert_nonnull (set);
  after = affari_store_get_deal (f->store, affari_deal_get_id (b), NULL);
  g_assert_true (affari_deal_get_closed (after));
  g_assert_cmpstr (affari_deal_get_close_date (after), ==, "2027-03-15");
  g_assert_nonnull (affari_deal_get_closed_at (after));

  /* Annulla */
  g_assert_true (affari_deal_ops_undo (ops, &error));
  g_assert_no_error (error);
  g_clear_object (&after);
  after = affari_store_get_deal (f->store, affari_deal_get_id (b), NULL);
  g_assert_false (affari_deal_get_closed (after));
  g_assert_cmpstr (affari_deal_get_close_date (after), ==, "2027-03-15");
  g_assert_null (affari_deal_get_closed_at (after));
  g_assert_cmpfloat (affari_deal_get_position (after), ==, before.position);
  ids_after = affari_store_query_deal_ids (f->store, &q, NULL);
  g_assert_cmpmem (ids_before->data, ids_before->len * sizeof (gint64), ids_after->data, ids_after->len * sizeof (gint64));
  g_assert_true (affari_store_check (f->store, NULL, NULL));
  affari_deal_place_clear (&before);
  (void) a; (void) c;
}

/* The day of @unix_time in local time, "YYYY-MM-DD". */
static char *
local_day (gint64 unix_time)
{
  g_autoptr(GDateTime) then = g_date_time_new_from_unix_local (unix_time);

  return g_date_time_format (then, "%Y-%m-%d");
}

static gboolean
has_event_text (AffariStore *store, gint64 id, const char *text)
{
  g_autoptr(GPtrArray) events = affari_store_list_events (store, id, NULL);

  for (guint i = 0; i < events->len; i++)
    if (g_strcmp0 (affari_event_get_text (g_ptr_array_index (events, i)), text) == 0)
      return TRUE;
  return FALSE;
}

/* Closing keeps "Data di chiusura prevista" as the person set it and records the day of closing
 * apart, with a history event; reopening clears that day and the plan is still there. */
static void
test_close_keeps_expected_date (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariDeal) deal = make_deal (f->store, "Capannone", 500000, "EXECUTING");
  g_autoptr(AffariDeal) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = local_day (1798000000);
  g_autofree char *later = local_day (1798000000 + 3 * 86400);
  g_autofree char *today_text = affari_date_format (today);
  g_autofree char *closed_text = g_strdup_printf ("Chiuso il %s", today_text);
  gint64 id = affari_deal_get_id (deal);

  affari_deal_set_close_date (deal, "2027-03-15");
  g_assert_true (affari_store_update_deal (f->store, deal, &error));
  g_assert_no_error (error);
  g_assert_null (affari_deal_get_closed_at (deal));

  affari_store_set_now (f->store, 1798000000);
  g_assert_true (affari_store_move_deal (f->store, id, stage_by_code (f->store, "WON"), 0, NULL, &error));
  g_assert_no_error (error);
  stored = affari_store_get_deal (f->store, id, NULL);
  g_assert_true (affari_deal_get_closed (stored));
  g_assert_cmpstr (affari_deal_get_close_date (stored), ==, "2027-03-15");
  g_assert_cmpstr (affari_deal_get_closed_at (stored), ==, today);
  g_assert_true (has_event_text (f->store, id, closed_text));
  g_assert_true (affari_store_check (f->store, NULL, NULL));
  g_clear_object (&stored);

  /* Reopened: no day of closing, the plan as it was. */
  g_assert_true (affari_store_move_deal (f->store, id, stage_by_code (f->store, "EXECUTING"), 0, NULL, &error));
  stored = affari_store_get_deal (f->store, id, NULL);
  g_assert_false (affari_deal_get_closed (stored));
  g_assert_cmpstr (affari_deal_get_close_date (stored), ==, "2027-03-15");
  g_assert_null (affari_deal_get_closed_at (stored));
  g_assert_true (affari_store_check (f->store, NULL, NULL));
  g_clear_object (&stored);

  /* Lost three days later, then moved from one lost stage to the other: closed on the day it
   * was lost, still. */
  affari_store_set_now (f->store, 1798000000 + 3 * 86400);
  g_assert_true (affari_store_move_deal (f->store, id, stage_by_code (f->store, "LOSE"), 0, "Prezzo", &error));
  affari_store_set_now (f->store, 1798000000 + 5 * 86400);
  g_assert_true (affari_store_move_deal (f->store, id, stage_by_code (f->store, "APOLOGY"), 0, NULL, &error));
  stored = affari_store_get_deal (f->store, id, NULL);
  g_assert_cmpstr (affari_deal_get_closed_at (stored), ==, later);
  g_assert_cmpstr (affari_deal_get_close_date (stored), ==, "2027-03-15");

  /* A deal entered directly in a closed stage is closed on the day it is entered. */
  {
    g_autofree char *that_day = local_day (1798000000 + 5 * 86400);
    g_autoptr(AffariDeal) won = make_deal (f->store, "Già vinto", 1000, "WON");

    g_assert_cmpstr (affari_deal_get_closed_at (won), ==, that_day);
  }
  g_assert_true (affari_store_check (f->store, NULL, NULL));
}

/* A version-4 file (before the day of closing had its own column): its closed deals had their
 * expected close date overwritten with the day of closing, which becomes their closed_at. */
static void
test_migrate_closed_at (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariDeal) open_deal = make_deal (f->store, "Aperto", 100, "EXECUTING");
  g_autoptr(AffariDeal) won_deal = make_deal (f->store, "Vinto", 200, "EXECUTING");
  g_autoptr(AffariDeal) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 open_id = affari_deal_get_id (open_deal), won_id = affari_deal_get_id (won_deal);
  sqlite3 *db;

  g_assert_true (affari_store_move_deal (f->store, won_id, stage_by_code (f->store, "WON"), 0, NULL, &error));
  g_clear_object (&f->store);

  /* Back to version 4, as the old code left it. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "ALTER TABLE deal DROP COLUMN closed_at", NULL, NULL, NULL);
  sqlite3_exec (db, "DROP TRIGGER deal_version; ALTER TABLE deal DROP COLUMN version; DROP TABLE change_log", NULL, NULL, NULL);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE deal SET close_date = '2026-02-03' WHERE closed = 1;"
                                     "UPDATE deal SET close_date = '2026-09-30' WHERE closed = 0;"
                                     "PRAGMA user_version = 4;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->store = affari_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (affari_store_get_schema_version (f->store), ==, AFFARI_STORE_SCHEMA_VERSION);
  stored = affari_store_get_deal (f->store, won_id, NULL);
  g_assert_cmpstr (affari_deal_get_closed_at (stored), ==, "2026-02-03");
  g_clear_object (&stored);
  stored = affari_store_get_deal (f->store, open_id, NULL);
  g_assert_null (affari_deal_get_closed_at (stored));
  g_assert_cmpstr (affari_deal_get_close_date (stored), ==, "2026-09-30");
  g_assert_true (affari_store_check (f->store, NULL, NULL));
}

/* Cronologia says which product row changed and how, not only how many rows there are. */
static void
test_product_rows_history (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariDeal) deal = make_deal (f->store, "Arredo sala riunioni", 0, NULL);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = affari_deal_get_id (deal);
  AffariProductRow rows[2] = {
    { .name = (char *) "Sedia", .quantity_milli = 2000, .price_netto = 5000, .discount_type = 2, .tax_rate_bp = -1 },
    { .name = (char *) "Tavolo", .quantity_milli = 1000, .price_netto = 40000, .discount_type = 2, .tax_rate_bp = -1 },
  };
  const char *text;

  g_assert_true (affari_store_set_product_rows (f->store, id, rows, 1, &error));
  g_assert_no_error (error);
  events = affari_store_list_events (f->store, id, NULL);
  text = affari_event_get_text (g_ptr_array_index (events, 0));
  g_assert_nonnull (strstr (text, "Prodotto aggiunto: Sedia"));
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Quantity, price and discount of the chair; a table added. */
  rows[0].quantity_milli = 3500;
  rows[0].price_netto = 4500;
  rows[0].discount_rate_bp = 1000;
  g_assert_true (affari_store_set_product_rows (f->store, id, rows, 2, &error));
  events = affari_store_list_events (f->store, id, NULL);
  text = affari_event_get_text (g_ptr_array_index (events, 0));
  g_assert_nonnull (strstr (text, "Sedia: quantità 2 → 3,5"));
  g_assert_nonnull (strstr (text, "Sedia: prezzo € 50,00 → € 45,00"));
  g_assert_nonnull (strstr (text, "Sedia: sconto 0 % → 10 %"));
  g_assert_nonnull (strstr (text, "Prodotto aggiunto: Tavolo"));
  g_assert_null (strstr (text, "rimosso"));
  g_clear_pointer (&events, g_ptr_array_unref);

  /* The chair removed. */
  g_assert_true (affari_store_set_product_rows (f->store, id, rows + 1, 1, &error));
  events = affari_store_list_events (f->store, id, NULL);
  text = affari_event_get_text (g_ptr_array_index (events, 0));
  g_assert_nonnull (strstr (text, "Prodotto rimosso: Sedia"));
  g_assert_null (strstr (text, "Tavolo"));
}

int
main (int argc, char *argv[])
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/store/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("new-database", test_new_database);
  ADD ("reopen-keeps-data", test_reopen_keeps_data);
  g_test_add_func ("/store/open-not-affari", test_open_not_affari);
  ADD ("open-too-new", test_open_too_new);
  ADD ("open-corrupt", test_open_corrupt);
  ADD ("locked-write-loses-nothing", test_locked_write_loses_nothing);
  g_test_add_func ("/store/disk-full", test_disk_full);
  ADD ("create-defaults", test_create_defaults);
  ADD ("invalid-input-writes-nothing", test_invalid_input_writes_nothing);
  ADD ("move-closes-and-reopens", test_move_closes_and_reopens);
  ADD ("move-positions", test_move_positions);
  ADD ("list-board-order", test_list_board_order);
  ADD ("stage-totals", test_stage_totals);
  ADD ("update-writes-history", test_update_writes_history);
  ADD ("product-rows", test_product_rows);
  ADD ("repeat-deal", test_repeat_deal);
  ADD ("trash", test_trash);
  ADD ("batch-rollback", test_batch_rollback);
  ADD ("query-filters-and-sort", test_query_filters_and_sort);
  ADD ("check-finds-broken-invariants", test_check_finds_broken_invariants);
  ADD ("contacts-and-search", test_contacts_and_search);
  ADD ("activities", test_activities);
  ADD ("move-to-pipeline", test_move_to_pipeline);
  ADD ("undo-restores-exactly", test_undo_restores_exactly);
  ADD ("close-keeps-expected-date", test_close_keeps_expected_date);
  ADD ("migrate-closed-at", test_migrate_closed_at);
  ADD ("product-rows-history", test_product_rows_history);
#undef ADD

  return g_test_run ();
}
