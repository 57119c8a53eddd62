/* affari-store-backup.c — consistent copies of a database, the daily ones, and restoring one
 *
 * Copies are made with SQLite's online backup API on a connection of their own, so that they can
 * run on a worker thread while the window keeps writing: the copy is the database as it was at
 * one moment (a write made meanwhile restarts the copy of what changed). A copy is written to a
 * private temporary file next to its destination and renamed when complete, so that a crash or
 * a cancel never leaves half a backup under the backup's name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "affari-store.h"
#include "affari-store-private.h"

/* Pages copied between two progress reports (and cancel checks): 4 MiB with 4 KiB pages. */
#define BACKUP_STEP_PAGES 1024
/* How many automatic backups are kept. */
#define AUTO_BACKUPS_KEPT 7
#define AUTO_BACKUP_PREFIX "affari-"

static gboolean
set_io_error (GError **error, int saved, const char *format, const char *path)
{
  g_autofree char *message = g_strdup_printf (format, path);

  g_set_error (error, AFFARI_ERROR, saved == ENOSPC ? AFFARI_ERROR_FULL : AFFARI_ERROR_IO, "%s: %s", message,
               g_strerror (saved));
  return FALSE;
}

/* Copies the database at @source (a file, opened here on its own connection) into @dest. */
static gboolean
copy_database (const char              *source,
               const char              *dest,
               AffariStoreProgressFunc  progress,
               gpointer                 data,
               GCancellable            *cancellable,
               GError                 **error)
{
  g_autofree char *dir = g_path_get_dirname (dest);
  g_autofree char *tmp_path = NULL;
  sqlite3 *from = NULL, *to = NULL;
  sqlite3_backup *backup;
  gboolean ok = FALSE;
  int fd, rc;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return set_io_error (error, errno, _("Could not create the folder “%s”"), dir);
  tmp_path = g_build_filename (dir, ".affari-backup-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_io_error (error, errno, _("Could not write the backup “%s”"), dest);
  close (fd);

  store_configure_sqlite ();
  rc = sqlite3_open_v2 (source, &from, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (from, 5000);
      rc = sqlite3_open_v2 (tmp_path, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    }
  if (rc != SQLITE_OK)
    {
      store_set_sqlite_error (error, to != NULL ? to : from, rc, source);
      goto out;
    }

  backup = sqlite3_backup_init (to, "main", from, "main");
  if (backup == NULL)
    {
      store_set_sqlite_error (error, to, sqlite3_errcode (to), dest);
      goto out;
    }
  do
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_backup_finish (backup);
          goto out;
        }
      rc = sqlite3_backup_step (backup, BACKUP_STEP_PAGES);
      if (progress != NULL)
        progress (sqlite3_backup_pagecount (backup) - sqlite3_backup_remaining (backup),
                  sqlite3_backup_pagecount (backup), data);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        g_usleep (20000);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      store_set_sqlite_error (error, to, rc, dest);
      goto out;
    }
  /* A backup is a file on its own: no -wal beside it. */
  rc = sqlite3_exec (to, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      store_set_sqlite_error (error, to, rc, dest);
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_close (from);
  if (to != NULL && sqlite3_close (to) != SQLITE_OK)
    ok = FALSE;
  if (ok)
    {
      int tmp = g_open (tmp_path, O_RDONLY | O_CLOEXEC, 0);

      /* On the disk before it takes the backup's name. */
      if (tmp < 0 || fsync (tmp) != 0)
        ok = set_io_error (error, errno, _("Could not write the backup “%s”"), dest);
      if (tmp >= 0)
        close (tmp);
    }
  if (ok && g_rename (tmp_path, dest) != 0)
    ok = set_io_error (error, errno, _("Could not write the backup “%s”"), dest);
  if (!ok)
    g_unlink (tmp_path);
  return ok;
}

gboolean
affari_store_backup_file (const char              *source,
                          const char              *dest,
                          AffariStoreProgressFunc  progress,
                          gpointer                 data,
                          GCancellable            *cancellable,
                          GError                 **error)
{
  g_return_val_if_fail (source != NULL && dest != NULL, FALSE);

  if (!g_file_test (source, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("There is no database at “%s”."), source);
      return FALSE;
    }
  return copy_database (source, dest, progress, data, cancellable, error);
}

/* ------------------------------------------------------------ automatic backups */

char *
affari_store_backup_dir (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);

  return g_build_filename (dir, "backups", NULL);
}

static gint
compare_names_newest_first (gconstpointer a,
                            gconstpointer b)
{
  return -g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The automatic backups of @dir, newest first (their names sort by time). */
static GPtrArray *
list_backup_names (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, AUTO_BACKUP_PREFIX) && g_str_has_suffix (name, ".db"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names_newest_first);
  return names;
}

GPtrArray *
affari_store_list_backups (const char *db_path)
{
  g_autofree char *dir = affari_store_backup_dir (db_path);
  g_autoptr(GPtrArray) names = list_backup_names (dir);
  GPtrArray *backups = g_ptr_array_new_with_free_func ((GDestroyNotify) affari_backup_info_free);

  for (guint i = 0; i < names->len; i++)
    {
      AffariBackupInfo *info = g_new0 (AffariBackupInfo, 1);
      g_autoptr(AffariStore) store = NULL;
      GStatBuf st;

      info->path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      if (g_stat (info->path, &st) == 0)
        info->modified = st.st_mtime;
      store = affari_store_open_read_only (info->path, NULL);
      info->n_deals = store != NULL ? (gint) affari_store_count_deals (store, NULL, NULL) : -1;
      if (store != NULL)
        affari_store_close (store);
      g_ptr_array_add (backups, info);
    }
  return backups;
}

gboolean
affari_store_auto_backup (const char  *db_path,
                          gint64       now,
                          char       **out_path,
                          GError     **error)
{
  g_autofree char *dir = affari_store_backup_dir (db_path);
  g_autoptr(GPtrArray) names = list_backup_names (dir);
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (now);
  g_autofree char *stamp = g_date_time_format (time, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strconcat (AUTO_BACKUP_PREFIX, stamp, ".db", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (out_path != NULL)
    *out_path = NULL;
  /* One a day: a backup of the same day is enough. */
  if (names->len > 0 && strncmp ((const char *) g_ptr_array_index (names, 0), name,
                                 strlen (AUTO_BACKUP_PREFIX) + 8) == 0)
    return TRUE;
  if (!copy_database (db_path, path, NULL, NULL, NULL, error))
    return FALSE;
  /* The newest seven stay (today's among them). */
  g_ptr_array_insert (names, 0, g_strdup (name));
  for (guint i = AUTO_BACKUPS_KEPT; i < names->len; i++)
    {
      g_autofree char *old = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      g_unlink (old);
    }
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return TRUE;
}

/* ------------------------------------------------------------ restore */

gboolean
affari_store_restore_file (const char  *backup,
                           const char  *db_path,
                           gint64       now,
                           char       **out_kept,
                           GError     **error)
{
  g_autoptr(AffariStore) candidate = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (now);
  g_autofree char *stamp = g_date_time_format (time, "%Y%m%d-%H%M%S");
  g_autofree char *dir = affari_store_backup_dir (db_path);
  g_autofree char *kept_name = g_strconcat ("before-restore-", stamp, ".db", NULL);
  g_autofree char *kept = g_build_filename (dir, kept_name, NULL);
  g_autofree char *staged = g_strconcat (db_path, ".restoring", NULL);
  int lock_fd;

  if (out_kept != NULL)
    *out_kept = NULL;

  /* Only a backup that passes the check replaces anything. */
  candidate = affari_store_open_read_only (backup, error);
  if (candidate == NULL)
    return FALSE;
  if (!affari_store_check (candidate, &problems, &local))
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CORRUPT,
                     g_dngettext (GETTEXT_PACKAGE, "The backup “%s” has %u problem: it was not restored.",
                                  "The backup “%s” has %u problems: it was not restored.", problems->len),
                     backup, problems->len);
      return FALSE;
    }
  affari_store_close (candidate);

  /* Nobody may be using the database while it is replaced (the app keeps a shared lock on it
   * while it has it open). */
  lock_fd = g_open (db_path, O_RDONLY | O_CLOEXEC, 0);
  if (lock_fd >= 0 && flock (lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (lock_fd);
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_LOCKED,
                   _("Affari is using the database “%s”: close it before restoring a backup."), db_path);
      return FALSE;
    }

  /* The current database is kept as a backup first, then the restored copy takes its place in
   * one rename; the old journal files go with the old database. */
  if (lock_fd >= 0 && !copy_database (db_path, kept, NULL, NULL, NULL, error))
    {
      close (lock_fd);
      return FALSE;
    }
  if (!copy_database (backup, staged, NULL, NULL, NULL, error))
    {
      if (lock_fd >= 0)
        close (lock_fd);
      return FALSE;
    }
  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  if (g_rename (staged, db_path) != 0)
    {
      int saved = errno;

      if (lock_fd >= 0)
        close (lock_fd);
      g_unlink (staged);
      return set_io_error (error, saved, _("Could not restore the backup into “%s”"), db_path);
    }
  if (lock_fd >= 0)
    close (lock_fd);
  if (out_kept != NULL && g_file_test (kept, G_FILE_TEST_EXISTS))
    *out_kept = g_steal_pointer (&kept);
  return TRUE;
}
