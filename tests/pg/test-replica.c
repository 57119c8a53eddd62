/* test-replica.c — the app's store on the team's server (#21): the same AffariStore API, opened
 * with affari_store_open_server () as two sellers on one PostgreSQL server.
 *  - what each login reads is what row-level security lets it read ("Propri": only their deals);
 *  - a move by one is on the server when the call returns and reaches the other's store at its
 *    next poll (well within a second), emitted as a change naming its author;
 *  - a write based on an old version is refused naming who changed the deal, and the copy then
 *    has the server's version; a write the rights forbid is refused and changes nothing;
 *  - a seller's activity on a deal reaches the other (the deal is "touched"); new rows take the
 *    server's ids; an administrator's stage rename reaches everyone;
 *  - the search is the server's, in Italian (stems, accents folded), of what the login may read;
 *  - a stopped server: the store goes offline, writes are refused (the search still answers, from
 *    the copy), it reconnects by itself.
 *
 * Run by test-replica.sh: a throw-away cluster with sample deals, the owner's URL in
 * PG_ADMIN_URL, Sara Galli ("Propri") in SARA_URL, Luca Neri ("Tutti") in LUCA_URL, and the
 * commands that stop and start the server in PG_STOP / PG_START.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/types.h>

#include <libpq-fe.h>
#include <sqlite3.h>

#include "model/affari-activity.h"
#include "model/affari-deal-private.h"
#include "model/affari-deal-query.h"
#include "model/affari-quote.h"
#include "store/affari-store-quotes.h"
#include "model/affari-change-set.h"
#include "store/affari-store.h"
#include "store/affari-store-watch.h"
#include "affari-test-sql.h"

typedef struct {
  char *dir;
  PGconn *admin;
} Fixture;

static gint64
pg_int (PGconn *conn, const char *sql, gint64 param)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, param);
  const char *values[1] = { text };
  PGresult *res = PQexecParams (conn, sql, strstr (sql, "$1") != NULL ? 1 : 0, NULL, values, NULL, NULL, 0);
  gint64 value = -1;

  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (res));
  if (PQntuples (res) > 0 && !PQgetisnull (res, 0, 0))
    value = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  PQclear (res);
  return value;
}

static char *
pg_text (PGconn *conn, const char *sql, gint64 param)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, param);
  const char *values[1] = { text };
  PGresult *res = PQexecParams (conn, sql, 1, NULL, values, NULL, NULL, 0);
  char *value = NULL;

  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (res));
  if (PQntuples (res) > 0 && !PQgetisnull (res, 0, 0))
    value = g_strdup (PQgetvalue (res, 0, 0));
  PQclear (res);
  return value;
}

static AffariStore *
open_as (Fixture *f, const char *who)
{
  g_autofree char *cache = g_build_filename (f->dir, who, NULL);
  const char *url = g_getenv (g_str_equal (who, "sara") ? "SARA_URL" : g_str_equal (who, "luca") ? "LUCA_URL"
                                                                                                 : "PG_ADMIN_URL");
  g_autoptr(GError) error = NULL;
  AffariStore *store;

  g_assert_nonnull (url);
  store = affari_store_open_server (url, NULL, cache, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (affari_store_is_server (store));
  g_assert_true (affari_store_is_online (store));
  return store;
}

/* Counts in the store's local copy. */
static gint64
local_int (AffariStore *store, const char *sql, gint64 param)
{
  sqlite3 *db = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (affari_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  value = affari_test_sql_int (db, sql, param);
  sqlite3_close (db);
  return value;
}

typedef struct {
  guint sets;
  gint64 author;
  gint64 deal;
} Seen;

static void
on_changed (AffariStore *store, AffariChangeSet *set, Seen *seen)
{
  seen->sets++;
  seen->author = affari_change_set_get_author (set);
  if (affari_change_set_get_n_deals (set) > 0)
    seen->deal = affari_change_set_get_first_deal_id (set);
}

/* Polls @store as the window does (every 50 ms here) until @cond or 2 s; the time it took. */
#define POLL_UNTIL(store, cond)                                                                          \
  G_STMT_START {                                                                                         \
    gint64 poll_start = g_get_monotonic_time ();                                                         \
    while (!(cond) && g_get_monotonic_time () - poll_start < 2 * G_USEC_PER_SEC)                         \
      {                                                                                                  \
        affari_store_poll (store);                                                                       \
        g_usleep (50000);                                                                                \
      }                                                                                                  \
    g_test_message ("%s after %.0f ms", #cond, (g_get_monotonic_time () - poll_start) / 1000.0);        \
    g_assert_true (cond);                                                                                \
  } G_STMT_END

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("affari-replica-XXXXXX", NULL);
  f->admin = PQconnectdb (g_getenv ("PG_ADMIN_URL"));
  g_assert_cmpint (PQstatus (f->admin), ==, CONNECTION_OK);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", f->dir);

  PQfinish (f->admin);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  g_free (f->dir);
}

static gint64
member (Fixture *f, const char *login)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM team_member WHERE login = '%s'", login);
  return pg_int (f->admin, sql, 0);
}

/* A live deal of @login's (or of anyone else's when @other) on a board. */
static gint64
deal_of (Fixture *f, const char *login, gboolean other)
{
  g_autofree char *sql = g_strdup_printf ("SELECT min (id) FROM deal WHERE deleted_at IS NULL AND is_recurring = 0"
                                          " AND semantics = 'P' AND assigned_by_id %s $1",
                                          other ? "<>" : "=");
  return pg_int (f->admin, sql, member (f, login));
}

/* The copy holds what the login may read: all for "Tutti", only their own for "Propri". */
static void
test_visibility (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariStore) luca = open_as (f, "luca");
  g_autoptr(AffariStore) sara = open_as (f, "sara");
  gint64 all = pg_int (f->admin, "SELECT count (*) FROM deal", 0);
  gint64 saras = pg_int (f->admin, "SELECT count (*) FROM deal WHERE assigned_by_id = $1", member (f, "sara"));

  g_assert_cmpint (saras, >, 0);
  g_assert_cmpint (saras, <, all);
  g_assert_cmpint (local_int (luca, "SELECT count (*) FROM deal", 0), ==, all);
  g_assert_cmpint (local_int (sara, "SELECT count (*) FROM deal", 0), ==, saras);
  g_assert_cmpint (local_int (sara, "SELECT count (*) FROM deal WHERE assigned_by_id IS NOT ?", member (f, "sara")), ==, 0);
  /* What hangs off a deal follows it. */
  g_assert_cmpint (local_int (sara, "SELECT count (*) FROM event WHERE deal_id NOT IN (SELECT id FROM deal)", 0), ==, 0);
  g_assert_cmpint (local_int (sara, "SELECT count (*) FROM event", 0), ==,
                   pg_int (f->admin, "SELECT count (*) FROM event e JOIN deal d ON d.id = e.deal_id WHERE d.assigned_by_id = $1",
                           member (f, "sara")));
  /* The stage totals are the copy's own, of the deals it holds. */
  g_assert_cmpint (local_int (sara, "SELECT coalesce (sum (count), 0) FROM stage_total", 0), ==,
                   local_int (sara, "SELECT count (*) FROM deal WHERE deleted_at IS NULL AND is_recurring = 0", 0));
  /* The author of what each writes. */
  g_assert_cmpint (affari_store_get_current_user (sara), ==, member (f, "sara"));
  g_assert_cmpint (affari_store_get_current_user (luca), ==, member (f, "luca"));
  /* The address shown has no password. */
  g_assert_null (strstr (affari_store_get_server_url (sara), "s1"));
}

/* A move by Luca is on the server at once and reaches Sara's store at its next poll. */
static void
test_move_seen (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariStore) luca = open_as (f, "luca");
  g_autoptr(AffariStore) sara = open_as (f, "sara");
  g_autoptr(GError) error = NULL;
  gint64 deal = deal_of (f, "sara", FALSE);
  gint64 stage = pg_int (f->admin, "SELECT id FROM stage WHERE pipeline_id = (SELECT pipeline_id FROM deal WHERE id = $1)"
                                   " AND semantics = 'P' AND id <> (SELECT stage_id FROM deal WHERE id = $1)"
                                   " ORDER BY sort LIMIT 1", deal);
  Seen seen = { 0 };

  g_signal_connect (sara, "changed", G_CALLBACK (on_changed), &seen);
  g_assert_true (affari_store_move_deal (luca, deal, stage, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pg_int (f->admin, "SELECT stage_id FROM deal WHERE id = $1", deal), ==, stage);
  g_assert_cmpint (pg_int (f->admin, "SELECT moved_by_id FROM deal WHERE id = $1", deal), ==, member (f, "luca"));

  POLL_UNTIL (sara, local_int (sara, "SELECT stage_id FROM deal WHERE id = ?", deal) == stage);
  g_assert_cmpuint (seen.sets, >=, 1);
  g_assert_cmpint (seen.deal, ==, deal);
  g_assert_cmpint (seen.author, ==, member (f, "luca"));
  /* The history came with it. */
  g_assert_cmpint (local_int (sara, "SELECT count (*) FROM event WHERE deal_id = ?", deal), ==,
                   pg_int (f->admin, "SELECT count (*) FROM event WHERE deal_id = $1", deal));

  /* Luca's own store does not hear its own move as someone else's. */
  seen = (Seen) { 0 };
  g_signal_connect (luca, "changed", G_CALLBACK (on_changed), &seen);
  for (int i = 0; i < 6; i++)
    {
      affari_store_poll (luca);
      g_usleep (50000);
    }
  g_assert_cmpuint (seen.sets, ==, 0);
}

/* Sara writes a deal Luca changed after her copy read it: refused naming Luca, then her copy has
 * Luca's version. */
static void
test_conflict (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariStore) luca = open_as (f, "luca");
  g_autoptr(AffariStore) sara = open_as (f, "sara");
  g_autoptr(GError) error = NULL;
  gint64 deal_id = deal_of (f, "sara", FALSE);
  g_autoptr(AffariDeal) lucas = affari_store_get_deal (luca, deal_id, &error);
  g_autoptr(AffariDeal) saras = affari_store_get_deal (sara, deal_id, &error);
  g_autofree char *title = NULL;

  g_assert_no_error (error);
  affari_deal_set_title (lucas, "Titolo di Luca");
  g_assert_true (affari_store_update_deal (luca, lucas, &error));
  g_assert_no_error (error);

  /* Sara's copy has not heard yet (no poll): her own check passes, the server's does not. */
  affari_deal_set_title (saras, "Titolo di Sara");
  g_assert_false (affari_store_update_deal (sara, saras, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Luca Neri"));
  g_clear_error (&error);
  title = pg_text (f->admin, "SELECT title FROM deal WHERE id = $1", deal_id);
  g_assert_cmpstr (title, ==, "Titolo di Luca");

  POLL_UNTIL (sara, local_int (sara, "SELECT title = 'Titolo di Luca' FROM deal WHERE id = ?", deal_id) == 1);
}

/* Sara may not give her deal to Luca ("Propri": the new row must be hers) nor create his. */
static void
test_forbidden (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariStore) sara = open_as (f, "sara");
  g_autoptr(GError) error = NULL;
  gint64 deal_id = deal_of (f, "sara", FALSE);
  g_autoptr(AffariDeal) deal = affari_store_get_deal (sara, deal_id, &error);
  gint64 before = local_int (sara, "SELECT count (*) FROM deal", 0);

  g_assert_no_error (error);
  deal->assigned_by_id = member (f, "luca");
  g_assert_false (affari_store_update_deal (sara, deal, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_cmpint (local_int (sara, "SELECT assigned_by_id FROM deal WHERE id = ?", deal_id), ==, member (f, "sara"));
  g_assert_cmpint (pg_int (f->admin, "SELECT assigned_by_id FROM deal WHERE id = $1", deal_id), ==, member (f, "sara"));
  g_assert_cmpint (local_int (sara, "SELECT count (*) FROM deal", 0), ==, before);
}

/* A new deal of Sara's takes the server's id and reaches Luca; Luca's activity on it reaches Sara. */
static void
test_new_rows (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariStore) luca = open_as (f, "luca");
  g_autoptr(AffariStore) sara = open_as (f, "sara");
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(AffariActivity) activity = NULL;
  gint64 id;

  affari_deal_set_title (deal, "Nuovo affare di Sara");
  deal->assigned_by_id = member (f, "sara");
  g_assert_true (affari_store_create_deal (sara, deal, &error));
  g_assert_no_error (error);
  id = affari_deal_get_id (deal);
  g_assert_cmpint (pg_int (f->admin, "SELECT count (*) FROM deal WHERE id = $1 AND title = 'Nuovo affare di Sara'", id), ==, 1);
  POLL_UNTIL (luca, local_int (luca, "SELECT count (*) FROM deal WHERE id = ?", id) == 1);

  activity = affari_activity_new (AFFARI_ACTIVITY_CALL, "Chiamare Sara", affari_store_now (luca) + 86400);
  g_assert_true (affari_store_add_activity (luca, id, activity, &error));
  g_assert_no_error (error);
  POLL_UNTIL (sara, local_int (sara, "SELECT count (*) FROM activity WHERE deal_id = ? AND subject = 'Chiamare Sara'", id) == 1);
}

static void
admin_exec (Fixture *f, const char *sql)
{
  PGresult *res = PQexec (f->admin, sql);

  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (res));
  PQclear (res);
}

typedef struct {
  guint resets;
} Resets;

static void
on_reset (AffariStore *store, Resets *resets)
{
  resets->resets++;
}

/* A shared list changed elsewhere (here by psql as the owner: a stage renamed, a company's
 * phone) reaches the sellers' copies; the store that wrote does not read its own change again. */
static void
test_shared_lists (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariStore) luca = open_as (f, "luca");
  g_autoptr(AffariStore) owner = open_as (f, "owner");
  g_autoptr(GError) error = NULL;
  gint64 stage = pg_int (f->admin, "SELECT min (id) FROM stage", 0);
  gint64 company = pg_int (f->admin, "SELECT min (id) FROM company", 0);
  Resets owners = { 0 };

  admin_exec (f, "UPDATE stage SET name = 'Primo contatto' WHERE id = (SELECT min (id) FROM stage)");
  admin_exec (f, "UPDATE company SET phone = '+39 02 0000000' WHERE id = (SELECT min (id) FROM company)");
  POLL_UNTIL (luca, local_int (luca, "SELECT name = 'Primo contatto' FROM stage WHERE id = ?", stage) == 1);
  POLL_UNTIL (luca, local_int (luca, "SELECT phone = '+39 02 0000000' FROM company WHERE id = ?", company) == 1);

  /* Through the store: the owner renames it back; Luca hears it, the owner does not (once it
   * has heard psql's). */
  POLL_UNTIL (owner, local_int (owner, "SELECT phone = '+39 02 0000000' FROM company WHERE id = ?", company) == 1);
  g_signal_connect (owner, "reset", G_CALLBACK (on_reset), &owners);
  g_assert_true (affari_store_update_stage (owner, stage, "Nuovo contatto", NULL, &error));
  g_assert_no_error (error);
  POLL_UNTIL (luca, local_int (luca, "SELECT name = 'Nuovo contatto' FROM stage WHERE id = ?", stage) == 1);
  for (int i = 0; i < 6; i++)
    {
      affari_store_poll (owner);
      g_usleep (50000);
    }
  g_assert_cmpuint (owners.resets, ==, 0);
}

/* The owner gives Sara the role "Tutti": her copy reads everything she may now see, and back. */
static void
test_rights_change (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariStore) sara = open_as (f, "sara");
  gint64 all = pg_int (f->admin, "SELECT count (*) FROM deal", 0);
  gint64 hers = local_int (sara, "SELECT count (*) FROM deal", 0);

  g_assert_cmpint (hers, <, all);
  admin_exec (f, "UPDATE team_member SET role_id = (SELECT id FROM role WHERE name = 'Tutti') WHERE login = 'sara'");
  POLL_UNTIL (sara, local_int (sara, "SELECT count (*) FROM deal", 0) == all);
  admin_exec (f, "UPDATE team_member SET role_id = (SELECT id FROM role WHERE name = 'Propri') WHERE login = 'sara'");
  POLL_UNTIL (sara, local_int (sara, "SELECT count (*) FROM deal", 0) == hers);
}

/* Marks the copy at @path the way only a full reading wipes (a row of the copy's own change
 * log): whether the next opening caught up or read everything again. */
static void
mark_copy (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO change_log (origin, time, kind) VALUES (1, 0, 'test')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Sara opens again after Luca's changes: her copy catches up (not read whole), with his move and
 * his activity; after a change of her rights while she was away, it is read whole again. */
static void
test_catch_up (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariStore) luca = open_as (f, "luca");
  g_autoptr(AffariStore) sara = open_as (f, "sara");
  g_autoptr(AffariActivity) activity = affari_activity_new (AFFARI_ACTIVITY_TASK, "Richiamare", affari_store_now (luca) + 3600);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (affari_store_get_path (sara));
  gint64 deal = deal_of (f, "sara", FALSE);
  gint64 stage = pg_int (f->admin, "SELECT id FROM stage WHERE pipeline_id = (SELECT pipeline_id FROM deal WHERE id = $1)"
                                   " AND semantics = 'P' AND id <> (SELECT stage_id FROM deal WHERE id = $1)"
                                   " ORDER BY sort DESC LIMIT 1", deal);
  gint64 all = pg_int (f->admin, "SELECT count (*) FROM deal", 0);
  gint64 start;

  affari_store_close (sara);
  g_clear_object (&sara);
  mark_copy (path);
  g_assert_true (affari_store_move_deal (luca, deal, stage, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (affari_store_add_activity (luca, deal, activity, &error));
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  sara = open_as (f, "sara");
  g_test_message ("caught up in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (local_int (sara, "SELECT count (*) FROM change_log WHERE kind = 'test'", 0), ==, 1);
  g_assert_cmpint (local_int (sara, "SELECT stage_id FROM deal WHERE id = ?", deal), ==, stage);
  g_assert_cmpint (local_int (sara, "SELECT count (*) FROM activity WHERE deal_id = ? AND subject = 'Richiamare'", deal), ==, 1);

  /* Away while her rights changed: read whole. */
  affari_store_close (sara);
  g_clear_object (&sara);
  mark_copy (path);
  admin_exec (f, "UPDATE team_member SET role_id = (SELECT id FROM role WHERE name = 'Tutti') WHERE login = 'sara'");
  sara = open_as (f, "sara");
  g_assert_cmpint (local_int (sara, "SELECT count (*) FROM deal", 0), ==, all);
  g_assert_cmpint (local_int (sara, "SELECT count (*) FROM change_log WHERE kind = 'test'", 0), ==, 0);
  admin_exec (f, "UPDATE team_member SET role_id = (SELECT id FROM role WHERE name = 'Propri') WHERE login = 'sara'");
}

/* Whether @ids holds @id. */
static gboolean
ids_have (GArray *ids, gint64 id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* The deals @store finds for @text: by the ids, and by a page of the list (the store's other
 * query, "affari_found" in its WHERE); both must agree on @id. */
static gboolean
finds (AffariStore *store, const char *text, gint64 id)
{
  g_autoptr(AffariDealQuery) query = affari_deal_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) deals = NULL;
  gboolean in_page = FALSE;

  affari_deal_query_set_text (query, text);
  ids = affari_store_query_deal_ids (store, query, &error);
  g_assert_no_error (error);
  deals = affari_store_query_deals (store, query, 0, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < deals->len; i++)
    in_page |= affari_deal_get_id (g_ptr_array_index (deals, i)) == id;
  g_assert_cmpint (ids_have (ids, id), ==, in_page);
  g_assert_cmpuint (ids->len, ==, deals->len);
  /* And the columns' counts (the board's totals of a search). */
  {
    g_autoptr(GArray) totals = affari_store_stage_totals (store, query, &error);
    guint counted = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < totals->len; i++)
      counted += g_array_index (totals, AffariStageTotal, i).count;
    g_assert_cmpuint (counted, ==, ids->len);
  }
  return in_page;
}

/* The search on a server is the server's, in Italian: "caldaia" finds "caldaie" (a stem, which
 * the local prefixes do not find), "citta" finds "città"; the document follows the deal's changes
 * made through another seller's store; a seller finds only what she may read, also with psql. */
static void
test_search (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariStore) luca = open_as (f, "luca");
  g_autoptr(AffariStore) sara = open_as (f, "sara");
  g_autoptr(GError) error = NULL;
  gint64 hers = deal_of (f, "sara", FALSE);
  gint64 his = deal_of (f, "sara", TRUE);
  g_autoptr(AffariDeal) deal = affari_store_get_deal (luca, hers, &error);
  g_autoptr(AffariDeal) other = affari_store_get_deal (luca, his, &error);
  g_autofree char *sara_url = g_strdup (g_getenv ("SARA_URL"));
  PGconn *as_sara;

  g_assert_no_error (error);
  g_assert_false (finds (sara, "caldaia", hers));
  affari_deal_set_title (deal, "Revisione caldaie per la città");
  g_assert_true (affari_store_update_deal (luca, deal, &error));
  g_assert_no_error (error);
  affari_deal_set_title (other, "Caldaia nuova per la sede");
  g_assert_true (affari_store_update_deal (luca, other, &error));
  g_assert_no_error (error);
  POLL_UNTIL (sara, local_int (sara, "SELECT count (*) FROM deal WHERE id = ? AND title LIKE 'Revisione caldaie%'", hers) == 1);

  g_assert_true (finds (sara, "caldaia", hers));
  g_assert_true (finds (sara, "CALDAIE citta", hers));
  g_assert_true (finds (luca, "caldaia", his));
  g_assert_true (finds (luca, "caldaia", hers));
  /* Luca's deal is not Sara's to find. */
  g_assert_false (finds (sara, "caldaia", his));
  g_assert_false (finds (sara, "revisione frigoriferi", hers));
  /* Stop words only ("per", "la"): PostgreSQL's query would be empty; the local prefixes answer. */
  g_assert_true (finds (sara, "per la", hers));

  /* psql as Sara: the search documents of her deals only. */
  as_sara = PQconnectdb (sara_url);
  g_assert_cmpint (PQstatus (as_sara), ==, CONNECTION_OK);
  g_assert_cmpint (pg_int (as_sara, "SELECT count (*) FROM deal_search_doc", 0), ==,
                   pg_int (f->admin, "SELECT count (*) FROM deal WHERE assigned_by_id = $1", member (f, "sara")));
  g_assert_cmpint (pg_int (as_sara, "SELECT count (*) FROM deal_search_doc WHERE body @@ to_tsquery ('affari_it', 'caldaia')", 0),
                   ==, pg_int (f->admin, "SELECT count (*) FROM deal_search_doc s JOIN deal d ON d.id = s.deal_id"
                                         " WHERE d.assigned_by_id = $1 AND s.body @@ to_tsquery ('affari_it', 'caldaia')",
                               member (f, "sara")));
  g_assert_cmpint (pg_int (f->admin, "SELECT count (*) FROM deal_search_doc WHERE body @@ to_tsquery ('affari_it', 'caldaia')", 0),
                   >, pg_int (as_sara, "SELECT count (*) FROM deal_search_doc WHERE body @@ to_tsquery ('affari_it', 'caldaia')", 0));
  /* The function the app asks, too. */
  g_assert_cmpint (pg_int (as_sara, "SELECT count (*) FROM affari_search ('caldaia')", 0), ==,
                   pg_int (as_sara, "SELECT count (*) FROM deal_search_doc WHERE body @@ to_tsquery ('affari_it', 'caldaia')", 0));
  PQfinish (as_sara);
  g_assert_cmpint (pg_int (f->admin, "SELECT count (*) FROM deal_search_doc", 0), ==,
                   pg_int (f->admin, "SELECT count (*) FROM deal", 0));
}

/* Whether deal @deal's search document on the server matches @tsquery. */
static gboolean
doc_matches (Fixture *f, gint64 deal, const char *tsquery)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM deal_search_doc WHERE deal_id = $1"
                                          " AND body @@ to_tsquery ('affari_it', '%s')", tsquery);
  return pg_int (f->admin, sql, deal) == 1;
}

/* The server's search document follows each of its sources, whoever writes them (here psql as
 * the owner): the client's name, a contact's, a product row, a comment in the timeline and
 * its removal, an e-mail address's parts. */
static void
test_search_sources (Fixture *f, gconstpointer data)
{
  gint64 deal = pg_int (f->admin, "SELECT min (deal_id) FROM deal_contact dc JOIN deal d ON d.id = dc.deal_id"
                                  " WHERE d.company_id IS NOT NULL", 0);
  gint64 company = pg_int (f->admin, "SELECT company_id FROM deal WHERE id = $1", deal);
  gint64 contact = pg_int (f->admin, "SELECT min (contact_id) FROM deal_contact WHERE deal_id = $1", deal);
  g_autofree char *sql = NULL;

  g_assert_false (doc_matches (f, deal, "zanett:*"));
  sql = g_strdup_printf ("UPDATE company SET name = 'Termoidraulica Zanetti' WHERE id = %" G_GINT64_FORMAT, company);
  admin_exec (f, sql);
  g_assert_true (doc_matches (f, deal, "zanetti"));
  g_free (sql);
  sql = g_strdup_printf ("UPDATE contact SET last_name = 'Quagliarella', email = 'g.quagliarella@esempio.it'"
                         " WHERE id = %" G_GINT64_FORMAT, contact);
  admin_exec (f, sql);
  g_assert_true (doc_matches (f, deal, "quagliarella & esempio"));
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO deal_product (deal_id, name) VALUES (%" G_GINT64_FORMAT ", 'Valvola termostatica')", deal);
  admin_exec (f, sql);
  g_assert_true (doc_matches (f, deal, "valvole"));
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO event (deal_id, time, kind, text) VALUES (%" G_GINT64_FORMAT ", 0, 'comment', 'Sopralluogo fatto')", deal);
  admin_exec (f, sql);
  g_assert_true (doc_matches (f, deal, "sopralluog:*"));
  admin_exec (f, "DELETE FROM event WHERE text = 'Sopralluogo fatto'");
  g_assert_false (doc_matches (f, deal, "sopralluog:*"));
  /* Not the other events: a stage change's text is not searched, as on the embedded database. */
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO event (deal_id, time, kind, text) VALUES (%" G_GINT64_FORMAT ", 0, 'stage', 'Sopralluogo')", deal);
  admin_exec (f, sql);
  g_assert_false (doc_matches (f, deal, "sopralluog:*"));
}

/* A server that stops answering (its process frozen, as behind a network gone quiet): a search
 * keystroke gives up after two seconds, the copy's index answers, the store goes offline and
 * comes back by itself once the server answers again. */
static void
test_search_hung (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariStore) sara = open_as (f, "sara");
  gint64 hers = deal_of (f, "sara", FALSE);
  g_autofree char *title = pg_text (f->admin, "SELECT title FROM deal WHERE id = $1", hers);
  /* Her store's connection: the newest of hers (those of earlier cases may still be exiting). */
  gint64 backend = pg_int (f->admin, "SELECT pid FROM pg_stat_activity WHERE usename = 'sara'"
                                     " ORDER BY backend_start DESC LIMIT 1", 0);
  gint64 start;
  double took;

  g_assert_cmpint (backend, >, 0);
  if (kill ((pid_t) backend, SIGSTOP) != 0)
    {
      g_test_skip ("cannot stop the server's process");
      return;
    }
  start = g_get_monotonic_time ();
  g_assert_true (finds (sara, title, hers));
  took = (g_get_monotonic_time () - start) / 1000.0;
  kill ((pid_t) backend, SIGCONT);
  g_test_message ("the search answered from the copy after %.0f ms", took);
  g_assert_cmpfloat (took, <, 3000);
  g_assert_false (affari_store_is_online (sara));
  start = g_get_monotonic_time ();
  while (!affari_store_is_online (sara) && g_get_monotonic_time () - start < 15 * G_USEC_PER_SEC)
    {
      affari_store_poll (sara);
      g_usleep (50000);
    }
  g_assert_true (affari_store_is_online (sara));
  g_assert_true (finds (sara, title, hers));
}

/* Quote numbers are the server's: Luca numbers a quote of his deal, which Sara may not read (her
 * copy does not have it); her next quote takes the number after it, not the one her copy alone
 * would give (which the server would refuse as taken). */
static void
test_quote_numbers (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariStore) luca = open_as (f, "luca");
  g_autoptr(AffariStore) sara = open_as (f, "sara");
  g_autoptr(AffariQuote) his = affari_quote_new ();
  g_autoptr(AffariQuote) hers = affari_quote_new ();
  g_autoptr(GError) error = NULL;
  gint64 his_id, hers_id;

  his->title = g_strdup ("Preventivo di Luca");
  his->deal_id = deal_of (f, "sara", TRUE);
  his_id = affari_store_quote_create (luca, his, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (his_id, >, 0);
  for (int i = 0; i < 6; i++)
    {
      affari_store_poll (sara);
      g_usleep (50000);
    }
  g_assert_cmpint (local_int (sara, "SELECT count (*) FROM quote WHERE id = ?", his_id), ==, 0);

  hers->title = g_strdup ("Preventivo di Sara");
  hers->deal_id = deal_of (f, "sara", FALSE);
  hers_id = affari_store_quote_create (sara, hers, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hers_id, >, 0);
  g_assert_cmpint (pg_int (f->admin, "SELECT seq FROM quote WHERE id = $1", hers_id), ==,
                   pg_int (f->admin, "SELECT seq FROM quote WHERE id = $1", his_id) + 1);
  g_assert_cmpstr (hers->number, !=, his->number);
}

/* A stopped server: offline, writes refused, back by itself when it is up again. */
static void
test_offline (Fixture *f, gconstpointer data)
{
  g_autoptr(AffariStore) sara = open_as (f, "sara");
  g_autoptr(GError) error = NULL;
  gint64 deal_id = deal_of (f, "sara", FALSE);
  g_autoptr(AffariDeal) deal = affari_store_get_deal (sara, deal_id, &error);
  gint64 start;

  g_assert_no_error (error);
  PQfinish (f->admin);
  f->admin = NULL;
  g_assert_true (g_spawn_command_line_sync (g_getenv ("PG_STOP"), NULL, NULL, NULL, NULL));
  POLL_UNTIL (sara, !affari_store_is_online (sara));

  /* The last data is there to read; a write is refused with the reason. */
  g_assert_cmpint (local_int (sara, "SELECT count (*) FROM deal WHERE id = ?", deal_id), ==, 1);
  affari_deal_set_title (deal, "Scritto senza server");
  g_assert_false (affari_store_update_deal (sara, deal, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_OFFLINE);
  g_clear_error (&error);
  /* The search too: the copy's own index answers. */
  {
    g_autoptr(AffariDeal) kept = affari_store_get_deal (sara, deal_id, &error);

    g_assert_no_error (error);
    g_assert_true (finds (sara, affari_deal_get_title (kept), deal_id));
  }

  g_assert_true (g_spawn_command_line_sync (g_getenv ("PG_START"), NULL, NULL, NULL, NULL));
  start = g_get_monotonic_time ();
  while (!affari_store_is_online (sara) && g_get_monotonic_time () - start < 15 * G_USEC_PER_SEC)
    {
      affari_store_poll (sara);
      g_usleep (50000);
    }
  g_assert_true (affari_store_is_online (sara));
  g_clear_object (&deal);
  deal = affari_store_get_deal (sara, deal_id, &error);
  g_assert_no_error (error);
  affari_deal_set_title (deal, "Scritto di nuovo");
  g_assert_true (affari_store_update_deal (sara, deal, &error));
  g_assert_no_error (error);
  f->admin = PQconnectdb (g_getenv ("PG_ADMIN_URL"));
  g_assert_cmpint (PQstatus (f->admin), ==, CONNECTION_OK);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("SARA_URL") == NULL)
    {
      g_printerr ("run by test-replica.sh\n");
      return 77;
    }
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/replica/visibility", test_visibility);
  ADD ("/replica/move-seen", test_move_seen);
  ADD ("/replica/conflict", test_conflict);
  ADD ("/replica/forbidden", test_forbidden);
  ADD ("/replica/new-rows", test_new_rows);
  ADD ("/replica/shared-lists", test_shared_lists);
  ADD ("/replica/rights-change", test_rights_change);
  ADD ("/replica/catch-up", test_catch_up);
  ADD ("/replica/search", test_search);
  ADD ("/replica/search-sources", test_search_sources);
  ADD ("/replica/search-hung", test_search_hung);
  ADD ("/replica/quote-numbers", test_quote_numbers);
  ADD ("/replica/offline", test_offline);
  return g_test_run ();
}
