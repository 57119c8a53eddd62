/* affari-store.c — the store object: open and close, the transactions, batches and the signals
 * they hold back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "affari-store.h"
#include "affari-schema.h"
#include "affari-store-private.h"
#include "affari-store-import-json.h"
#include "model/affari-deal-private.h"
#include "model/affari-money.h"

#define BUSY_TIMEOUT_MS 3000

G_DEFINE_FINAL_TYPE (AffariStore, affari_store, G_TYPE_OBJECT)

static guint signals[AFFARI_N_CHANGE_SIGNALS];

/* ------------------------------------------------------------------ errors */

/* ----------------------------------------------------------- transactions */

void
store_queue (AffariStore *self, StorePendingKind kind, gint64 a, gint64 b, gint64 c)
{
  StorePending p = { kind, a, b, c, AFFARI_CHANGE_INDEX_UNKNOWN };
  g_array_append_val (self->pending, p);
}

static void
flush_pending (AffariStore *self)
{
  g_autoptr(GArray) pending = self->pending;

  self->pending = g_array_new (FALSE, FALSE, sizeof (StorePending));
  store_emit_pending (self, pending, 0);
}

void
store_emit_pending (AffariStore *self,
                    GArray      *pending,
                    gint64       author)
{
  /* Another connection's stages: what this one keeps of them is old. */
  for (guint i = 0; author != 0 && i < pending->len; i++)
    if (g_array_index (pending, StorePending, i).kind != STORE_PENDING_DEAL)
      store_forget_stages (self);

  /* The deals first, as one change set: settings signals may make views read deals again. */
  self->building_author = author;
  store_changes_emit (self, pending, signals[AFFARI_SIGNAL_CHANGED]);
  self->building_author = 0;
  for (guint i = 0; i < pending->len; i++)
    {
      StorePending *p = &g_array_index (pending, StorePending, i);
      switch (p->kind)
        {
        case STORE_PENDING_DEAL:
          break;   /* in the change set above */
        case STORE_PENDING_STAGES:
          g_signal_emit (self, signals[AFFARI_SIGNAL_STAGES_CHANGED], 0, p->a);
          break;
        case STORE_PENDING_PIPELINES:
          g_signal_emit (self, signals[AFFARI_SIGNAL_PIPELINES_CHANGED], 0);
          break;
        case STORE_PENDING_SETTINGS:
          g_signal_emit (self, signals[AFFARI_SIGNAL_SETTINGS_CHANGED], (GQuark) p->b, p->a);
          break;
        }
    }
}

/* Rebuilds the full-text documents of the deals the triggers marked (migration 2 on). */
gboolean
store_reindex_dirty (AffariStore *self, GError **error)
{
  sqlite3_stmt *stmt;

  if (!self->has_search_index)
    return TRUE;
  stmt = store_prepare (self, "SELECT EXISTS (SELECT 1 FROM deal_search_dirty)", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) == 0)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);

  stmt = store_prepare (self,
    "DELETE FROM deal_search_doc WHERE deal_id IN (SELECT deal_id FROM deal_search_dirty)", error);
  if (stmt == NULL || !store_step_done (self, stmt, error))
    return FALSE;
  stmt = store_prepare (self,
    "INSERT INTO deal_search_doc (deal_id, body) SELECT deal_id, body FROM deal_search_body"
    " WHERE deal_id IN (SELECT deal_id FROM deal_search_dirty)", error);
  if (stmt == NULL || !store_step_done (self, stmt, error))
    return FALSE;
  stmt = store_prepare (self, "DELETE FROM deal_search_dirty", error);
  return stmt != NULL && store_step_done (self, stmt, error);
}

gboolean
store_tx_begin (AffariStore *self, GError **error)
{
  g_autofree char *sql = NULL;

  if (self->tx_depth == 0)
    {
      /* A damaged file is not written to: every write could make it worse. */
      if (self->damaged)
        {
          g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_CORRUPT,
                               _("The database is damaged: nothing more is saved until a backup is restored."));
          return FALSE;
        }
      if (!store_exec_sql (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (self->server != NULL && !store_server_begin (self, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  else if (self->batch_depth > 0)
    {
      /* Inside a batch every write shares the batch's transaction: a batch is all or nothing
       * (a failed write poisons it, see store_tx_rollback), so no savepoint per write. */
    }
  else
    {
      sqlite3_stmt *stmt;
      sql = g_strdup_printf ("SAVEPOINT sp%u", self->tx_depth);
      stmt = store_prepare (self, sql, error);
      if (stmt == NULL || !store_step_done (self, stmt, error))
        return FALSE;
    }
  self->tx_depth++;
  return TRUE;
}

void
store_tx_rollback (AffariStore *self)
{
  g_return_if_fail (self->tx_depth > 0);

  store_forget_stages (self);
  self->tx_depth--;
  if (self->tx_depth == 0)
    {
      /* ROLLBACK fails only when SQLite already rolled back (e.g. after SQLITE_FULL). */
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      if (self->server != NULL)
        store_server_abort (self);
      g_array_set_size (self->pending, 0);
      self->batch_failed = FALSE;
    }
  else if (self->batch_depth > 0)
    {
      /* The failed write may have left some of its statements applied: the batch can only
       * be rolled back as a whole now. */
      self->batch_failed = TRUE;
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("ROLLBACK TO sp%u; RELEASE sp%u", self->tx_depth, self->tx_depth);
      sqlite3_exec (self->db, sql, NULL, NULL, NULL);
    }
}

gboolean
store_tx_commit (AffariStore *self, GError **error)
{
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (self->tx_depth == 1)
    {
      int rc;

      if (self->batch_failed)
        {
          g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                               _("A change of the batch failed: nothing of it was saved"));
          store_tx_rollback (self);
          return FALSE;
        }

      /* The search documents of the deals this transaction touched, and what it changed for the
       * other windows to see, in the same transaction. */
      if (!store_reindex_dirty (self, error) || !store_watch_log (self, error))
        {
          store_tx_rollback (self);
          return FALSE;
        }
      /* Team mode: the server says yes or no to the whole before it counts here. */
      if (self->server != NULL && !store_server_commit (self, error))
        {
          store_tx_rollback (self);
          return FALSE;
        }
      rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          store_fail (self, error, rc, "commit");
          store_tx_rollback (self);
          return FALSE;
        }
      self->tx_depth = 0;
      if (self->batch_depth == 0)
        flush_pending (self);
      return TRUE;
    }
  else if (self->batch_depth > 0)
    {
      self->tx_depth--;
      return TRUE;
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("RELEASE sp%u", self->tx_depth - 1);
      sqlite3_stmt *stmt = store_prepare (self, sql, error);
      if (stmt == NULL || !store_step_done (self, stmt, error))
        {
          store_tx_rollback (self);
          return FALSE;
        }
      self->tx_depth--;
      return TRUE;
    }
}

/* Ends a write: commits when @ok, rolls back otherwise. Returns @ok && committed. */
gboolean
store_tx_end (AffariStore *self, gboolean ok, GError **error)
{
  if (!ok)
    {
      store_tx_rollback (self);
      return FALSE;
    }
  return store_tx_commit (self, error);
}

gboolean
affari_store_begin_batch (AffariStore *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_tx_begin (self, error))
    return FALSE;
  /* A batch writes far more pages than the usual cache holds: keep them in memory instead of
   * spilling them to the WAL page by page. */
  if (self->batch_depth++ == 0)
    {
      store_exec_sql (self, "PRAGMA cache_size = -1048576", NULL);
      if (self->batch_stages == NULL)
        self->batch_stages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, store_stage_info_free);
    }
  return TRUE;
}

gboolean
affari_store_end_batch (AffariStore *self, gboolean commit, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->batch_depth > 0, FALSE);

  ok = store_tx_end (self, commit, error);
  self->batch_depth--;
  if (self->batch_depth == 0)
    {
      store_exec_sql (self, "PRAGMA cache_size = -16384", NULL);
      g_clear_pointer (&self->batch_stages, g_hash_table_unref);
      g_array_set_size (self->pending, 0);
      if (ok)
        g_signal_emit (self, signals[AFFARI_SIGNAL_RESET], 0);
    }
  return ok;
}

void
affari_store_notify_reset (AffariStore *self)
{
  g_return_if_fail (AFFARI_IS_STORE (self));
  g_return_if_fail (self->tx_depth == 0);

  /* What this connection keeps of the database may have changed with it (a restore replaces the
   * default pipeline and the user). */
  affari_store_restore_reload (self);
  store_watch_skip (self);
  g_signal_emit (self, signals[AFFARI_SIGNAL_RESET], 0);
}

/* ------------------------------------------------------------------- time */

void
affari_store_set_now (AffariStore *self, gint64 unix_seconds)
{
  g_return_if_fail (AFFARI_IS_STORE (self));
  self->now = unix_seconds;
}

gint64
affari_store_now (AffariStore *self)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  return self->now ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

/* "YYYY-MM-DD" of the store's now, in local time */
char *
store_today (AffariStore *self)
{
  gint64 now = affari_store_now (self);

  /* The same local day gives the same date: the time zone work happens once a day, not on
   * every write (a batch of sample data writes hundreds of thousands of times). */
  if (self->today == NULL || now < self->today_from || now >= self->today_until)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (now);
      g_autoptr(GDateTime) midnight = NULL;
      g_autoptr(GDateTime) next = NULL;

      g_free (self->today);
      self->today = g_date_time_format (dt, "%Y-%m-%d");
      midnight = g_date_time_new_local (g_date_time_get_year (dt), g_date_time_get_month (dt),
                                        g_date_time_get_day_of_month (dt), 0, 0, 0);
      next = midnight != NULL ? g_date_time_add_days (midnight, 1) : NULL;
      if (midnight != NULL && next != NULL)
        {
          self->today_from = MIN (g_date_time_to_unix (midnight), now);
          self->today_until = MAX (g_date_time_to_unix (next), now + 1);
        }
      else
        {
          self->today_from = now;
          self->today_until = now + 1;
        }
    }
  return g_strdup (self->today);
}

/* ----------------------------------------------------------------- profile */

static int
profile_cb (unsigned type, void *data, void *p, void *x)
{
  AffariStore *self = data;
  const char *sql = sqlite3_sql (p);
  gint64 *total;

  if (sql == NULL)
    return 0;
  total = g_hash_table_lookup (self->profile, sql);
  if (total == NULL)
    {
      total = g_new0 (gint64, 2);
      g_hash_table_insert (self->profile, g_strdup (sql), total);
    }
  total[0] += *(sqlite3_int64 *) x;
  total[1]++;
  return 0;
}

static int
compare_profile (gconstpointer a, gconstpointer b, gpointer data)
{
  GHashTable *profile = data;
  gint64 x = ((gint64 *) g_hash_table_lookup (profile, *(char **) a))[0];
  gint64 y = ((gint64 *) g_hash_table_lookup (profile, *(char **) b))[0];
  return x < y ? 1 : x > y ? -1 : 0;
}

static void
print_profile (AffariStore *self)
{
  guint n = 0;
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (self->profile, &n);

  g_qsort_with_data (keys, (int) n, sizeof (gpointer), compare_profile, self->profile);
  for (guint i = 0; i < MIN (n, 25); i++)
    {
      gint64 *t = g_hash_table_lookup (self->profile, keys[i]);
      g_printerr ("%8.1f ms %8" G_GINT64_FORMAT "x  %.150s\n", t[0] / 1e6, t[1], (char *) keys[i]);
    }
}

char *
affari_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "affari", "affari.db", NULL);
}

/* What a file at @path is before SQLite reads it: it must be a regular file (when it exists) and
 * not empty, unless it may become a new database (@may_create: it was just made for one, or it is
 * the app's own default path). */
static gboolean
check_file (const char  *path,
            gboolean     created,
            gboolean     may_create,
            gboolean    *out_fresh,
            GError     **error)
{
  GStatBuf st;

  *out_fresh = created;
  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("There is no database at “%s”."), path);
      else
        g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_IO, _("Could not read “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_AFFARI,
                   _("“%s” is not an Affari database. The file was not modified."), path);
      return FALSE;
    }
  if (!created && st.st_size == 0)
    {
      /* An empty file someone else made is not taken over (only the app's own one, left empty by
       * a crash while it was being made). */
      if (!may_create)
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_AFFARI,
                       _("“%s” is an empty file, not an Affari database. The file was not modified."), path);
          return FALSE;
        }
      *out_fresh = TRUE;
    }
  return TRUE;
}

static gboolean
is_default_path (const char *path)
{
  g_autofree char *default_path = affari_store_default_path ();
  g_autoptr(GFile) a = g_file_new_for_path (path);
  g_autoptr(GFile) b = g_file_new_for_path (default_path);

  return g_file_equal (a, b);
}

/* ------------------------------------------------------------ file locks */

/* One descriptor per database file and process holds the shared flock (): closing any descriptor
 * of a file drops every POSIX lock the process holds on it, SQLite's included, so a second store
 * on the same file (an import's worker thread) must not open and close one of its own — the
 * window's connection would lose its locks, and another program could then checkpoint and remove
 * the WAL under it. */
typedef struct {
  int fd;
  guint refs;
} StoreFileLock;

static GMutex file_locks_mutex;
static GHashTable *file_locks;   /* "device:inode" → StoreFileLock */

static gboolean
store_file_lock_acquire (AffariStore *self, const char *path, GError **error)
{
  GStatBuf st;
  StoreFileLock *lock;
  g_autofree char *key = NULL;
  gboolean ok = TRUE;

  if (g_stat (path, &st) != 0)
    return TRUE;   /* SQLite says what is wrong with the file */
  key = g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT, (guint64) st.st_dev, (guint64) st.st_ino);
  g_mutex_lock (&file_locks_mutex);
  if (file_locks == NULL)
    file_locks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lock = g_hash_table_lookup (file_locks, key);
  if (lock == NULL)
    {
      int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

      if (fd >= 0 && flock (fd, LOCK_SH | LOCK_NB) != 0)
        {
          close (fd);
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_LOCKED,
                       _("The database “%s” is being restored from a backup: try again in a moment."), path);
          ok = FALSE;
        }
      else if (fd >= 0)
        {
          lock = g_new0 (StoreFileLock, 1);
          lock->fd = fd;
          g_hash_table_insert (file_locks, g_strdup (key), lock);
        }
    }
  if (lock != NULL)
    {
      lock->refs++;
      self->lock_key = g_steal_pointer (&key);
    }
  g_mutex_unlock (&file_locks_mutex);
  return ok;
}

static void
store_file_lock_release (AffariStore *self)
{
  StoreFileLock *lock;

  if (self->lock_key == NULL)
    return;
  g_mutex_lock (&file_locks_mutex);
  lock = g_hash_table_lookup (file_locks, self->lock_key);
  if (lock != NULL && --lock->refs == 0)
    {
      close (lock->fd);
      g_hash_table_remove (file_locks, self->lock_key);
    }
  g_mutex_unlock (&file_locks_mutex);
  g_clear_pointer (&self->lock_key, g_free);
}

static AffariStore *
store_open (const char  *path,
            gboolean     read_only,
            GError     **error)
{
  g_autoptr(AffariStore) self = g_object_new (AFFARI_TYPE_STORE, NULL);
  gboolean memory = path == NULL || g_str_equal (path, ":memory:");
  gboolean created = FALSE;
  int version = 0;
  int rc;

  if (memory)
    read_only = FALSE;   /* nothing to read: an empty database */

  self->path = g_strdup (memory ? ":memory:" : path);

  if (!memory)
    {
      if (!read_only && !store_make_private_file (path, &created, error))
        return NULL;
      if (!check_file (path, created, !read_only && is_default_path (path), &created, error))
        return NULL;
    }

  /* A shared lock on the file while it is open for writing: restoring a backup asks for it
   * alone (flock () does not meet SQLite's own fcntl () locks). */
  if (!memory && !read_only && !store_file_lock_acquire (self, path, error))
    return NULL;

  store_configure_sqlite ();
  rc = sqlite3_open_v2 (self->path, &self->db,
                        (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                        (memory ? SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY : 0) | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      store_fail (self, error, rc, self->path);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!store_inspect (self, created || memory, &version, error))
    return NULL;

  if (read_only)
    {
      /* Nothing is written: no migration, no journal mode change. */
      if (version < (int) AFFARI_N_MIGRATIONS)
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_TOO_OLD,
                       _("The database “%s” was written by an older Affari: open it with Affari once to update it."),
                       path);
          return NULL;
        }
    }
  else if (!memory && sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_READ_ONLY,
                   _("The database “%s” is read-only. Check the file's permissions."), path);
      return NULL;
    }

  if (g_strcmp0 (g_getenv ("AFFARI_PROFILE_SQL"), "1") == 0)
    {
      self->profile = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      sqlite3_trace_v2 (self->db, SQLITE_TRACE_PROFILE, profile_cb, self);
    }

  sqlite3_create_function (self->db, "affari_fold", 1,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                           NULL, store_sql_fold, NULL, NULL);
  sqlite3_create_function (self->db, "affari_id_set", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                           NULL, NULL, store_sql_id_set_step, store_sql_id_set_final);
  sqlite3_create_function (self->db, "affari_found", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                           self, store_sql_found, NULL, NULL);

  /* Lets the tests fill the "disk" after a few pages, as a full disk would. */
  if (g_getenv ("AFFARI_TEST_MAX_PAGE_COUNT") != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %d",
                                              atoi (g_getenv ("AFFARI_TEST_MAX_PAGE_COUNT")));
      store_exec_sql (self, sql, NULL);
    }

  /* synchronous = FULL: a change the window shows as saved is on the disk when the transaction
   * returns, and survives a power cut (NORMAL would keep the last ones in the WAL until the next
   * checkpoint). affari-bench's move_ms measures what it costs. */
  if (!store_exec_sql (self, memory ? "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;"
                              : read_only ? "PRAGMA query_only = ON; PRAGMA foreign_keys = ON;"
                                            " PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY;"
                              : "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
                                " PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY;",
                 error))
    return NULL;

  if (!read_only && version < (int) AFFARI_N_MIGRATIONS && !store_migrate (self, version, error))
    return NULL;

  self->current_user = store_query_int (self, "SELECT CAST(value AS INTEGER) FROM setting WHERE key = 'current_user_id'", 0, 0);
  self->default_pipeline = store_query_int (self, "SELECT id FROM pipeline WHERE is_default = 1", 0, 0);
  self->has_search_index = store_query_int (self, "SELECT count(*) FROM sqlite_master WHERE name = 'deal_search_dirty'", 0, 0) > 0;
  self->has_change_log = store_query_int (self, "SELECT count(*) FROM sqlite_master WHERE name = 'change_log'", 0, 0) > 0;
  if (self->has_change_log)
    store_watch_init (self);

  return g_steal_pointer (&self);
}

AffariStore *
affari_store_open (const char *path, GError **error)
{
  return store_open (path, FALSE, error);
}

void
affari_store_set_synchronous_full (AffariStore *self,
                                   gboolean     full)
{
  g_return_if_fail (AFFARI_IS_STORE (self));

  store_exec_sql (self, full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL", NULL);
}

void
affari_store_set_busy_timeout (AffariStore *self,
                               int          ms)
{
  g_return_if_fail (AFFARI_IS_STORE (self));

  if (self->db != NULL)
    sqlite3_busy_timeout (self->db, ms);
}

static gboolean
emit_damaged_cb (gpointer data)
{
  AffariStore *self = data;

  g_signal_emit (self, signals[AFFARI_SIGNAL_DAMAGED], 0);
  return G_SOURCE_REMOVE;
}

void
store_mark_damaged (AffariStore *self)
{
  if (self->damaged)
    return;
  self->damaged = TRUE;
  /* Said once the failing call has returned, not from inside it. */
  g_idle_add_full (G_PRIORITY_DEFAULT, emit_damaged_cb, g_object_ref (self), g_object_unref);
}

void
affari_store_mark_damaged (AffariStore *self)
{
  g_return_if_fail (AFFARI_IS_STORE (self));

  store_mark_damaged (self);
}

gboolean
affari_store_is_damaged (AffariStore *self)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  return self->damaged;
}

AffariStore *
affari_store_open_read_only (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return store_open (path, TRUE, error);
}

const char *
affari_store_get_path (AffariStore *self)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);
  return self->path;
}

int
affari_store_get_schema_version (AffariStore *self)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  return (int) store_query_int (self, "SELECT user_version FROM pragma_user_version", 0, 0);
}

void
affari_store_close (AffariStore *self)
{
  g_return_if_fail (AFFARI_IS_STORE (self));

  if (self->db == NULL)
    {
      store_file_lock_release (self);
      return;
    }
  if (self->profile != NULL)
    print_profile (self);
  while (self->tx_depth > 0)
    store_tx_rollback (self);
  g_hash_table_remove_all (self->statements);
  sqlite3_close (self->db);
  self->db = NULL;
  /* After the connection: SQLite's own locks on the file are gone with it. */
  store_file_lock_release (self);
}

/* ----------------------------------------------------------------- gobject */

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

enum {
  PROP_0,
  PROP_ONLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
affari_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AffariStore *self = AFFARI_STORE (object);

  switch (prop_id)
    {
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
store_set_online (AffariStore *self,
                  gboolean     online)
{
  if (self->online == !!online)
    return;
  self->online = !!online;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
}

gboolean
affari_store_is_online (AffariStore *self)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  return self->online;
}

gboolean
affari_store_is_server (AffariStore *self)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  return self->server != NULL;
}

AffariStore *
affari_store_open_like (AffariStore  *self,
                        GError      **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  if (self->server != NULL)
    return store_server_open_like (self, error);
  return affari_store_open (self->path, error);
}

#if !HAVE_LIBPQ
/* Built without libpq: no team mode (the embedded database only). */
AffariStore *
affari_store_open_server (const char  *url,
                          const char  *password,
                          const char  *cache_path,
                          GError     **error)
{
  g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_FAILED,
                       _("This Affari was built without team mode (libpq): it cannot open a server."));
  return NULL;
}

char *
affari_store_server_cache_path (const char *url)
{
  return NULL;
}

const char *
affari_store_get_server_url (AffariStore *self)
{
  return NULL;
}

gboolean store_server_begin (AffariStore *self, GError **error) { return TRUE; }
gboolean store_server_commit (AffariStore *self, GError **error) { return TRUE; }
void store_server_abort (AffariStore *self) { }
void store_server_free (StoreServer *server) { }
gint64 store_new_id (AffariStore *self, const char *table, GError **error) { return 0; }
gboolean store_server_poll (AffariStore *self) { return FALSE; }
gboolean store_server_search (AffariStore *self, const char *match, StoreIdSet *set) { return FALSE; }
gint64 store_server_next_quote_seq (AffariStore *self, int year, GError **error) { return 0; }
AffariStore *store_server_open_like (AffariStore *self, GError **error) { return NULL; }
#endif

#if !HAVE_LIBPQ
/* Built without libpq: no access rights (src/store/pg/affari-pg-replica-rights.c). */
static gboolean
no_access_rights (GError **error)
{
  g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("Access rights exist only on a team's server."));
  return FALSE;
}

GPtrArray *affari_store_list_access_roles (AffariStore *self, GError **error) { no_access_rights (error); return NULL; }
GPtrArray *affari_store_list_access_departments (AffariStore *self, GError **error) { no_access_rights (error); return NULL; }
GPtrArray *affari_store_list_access_rights (AffariStore *self, GError **error) { no_access_rights (error); return NULL; }
GPtrArray *affari_store_list_access_logins (AffariStore *self, GError **error) { no_access_rights (error); return NULL; }
gboolean affari_store_set_access_right (AffariStore *self, gint64 role_id, const char *action, const char *scope,
                                        gint64 pipeline_id, GError **error) { return no_access_rights (error); }
gint64 affari_store_add_access_role (AffariStore *self, const char *name, const char *like, GError **error)
{ no_access_rights (error); return 0; }
gboolean affari_store_set_member_role (AffariStore *self, const char *login, const char *role, GError **error)
{ return no_access_rights (error); }
gint64 affari_store_add_department (AffariStore *self, const char *name, const char *head_login, GError **error)
{ no_access_rights (error); return 0; }
gint64 affari_store_add_login (AffariStore *self, const char *name, const char *login, const char *password,
                               const char *role, const char *department, GError **error)
{ no_access_rights (error); return 0; }
gboolean affari_store_edit_department (AffariStore *self, const char *name, const char *head_login,
                                       const char * const *members, GError **error)
{ return no_access_rights (error); }
gboolean affari_store_is_administrator (AffariStore *self) { return FALSE; }
#endif

static void
affari_store_finalize (GObject *object)
{
  AffariStore *self = AFFARI_STORE (object);

  affari_store_close (self);
  g_clear_pointer (&self->server, store_server_free);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->profile, g_hash_table_unref);
  g_clear_pointer (&self->batch_stages, g_hash_table_unref);
  g_clear_pointer (&self->today, g_free);
  g_clear_pointer (&self->base_query, affari_deal_query_free);
  g_clear_pointer (&self->base_ids, g_array_unref);
  g_clear_pointer (&self->base_today, g_free);
  g_clear_pointer (&self->search_match, g_free);
  g_clear_pointer (&self->search_set, store_id_set_free);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_object (&self->last_change);
  g_clear_pointer (&self->import_marks, store_import_marks_free);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (affari_store_parent_class)->finalize (object);
}

static void
affari_store_class_init (AffariStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = affari_store_finalize;
  object_class->get_property = affari_store_get_property;

  /* Team mode: the server can be reached (always TRUE on the embedded database). */
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, TRUE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  affari_change_signals_install (object_class, signals);
}

void
store_queue_settings (AffariStore *self, const char *what, gint64 pipeline_id)
{
  store_queue (self, STORE_PENDING_SETTINGS, pipeline_id, (gint64) g_quark_from_static_string (what), 0);
}

void
store_queue_stages (AffariStore *self, gint64 pipeline_id)
{
  store_forget_stages (self);
  store_queue (self, STORE_PENDING_STAGES, pipeline_id, 0, 0);
}

void
store_queue_pipelines (AffariStore *self)
{
  store_forget_stages (self);
  store_queue (self, STORE_PENDING_PIPELINES, 0, 0, 0);
}

static void
affari_store_init (AffariStore *self)
{
  self->statements = g_hash_table_new_full (store_sql_hash, g_str_equal, g_free, finalize_stmt);
  self->pending = g_array_new (FALSE, FALSE, sizeof (StorePending));
  self->online = TRUE;
}

void
store_queue_deal_at (AffariStore *self, gint64 deal_id, gint64 old_stage, gint64 new_stage, int index)
{
  StorePending p = { STORE_PENDING_DEAL, deal_id, old_stage, new_stage, index };
  g_array_append_val (self->pending, p);
}

void
store_queue_deal (AffariStore *self, gint64 deal_id, gint64 old_stage, gint64 new_stage)
{
  store_queue (self, STORE_PENDING_DEAL, deal_id, old_stage, new_stage);
}
