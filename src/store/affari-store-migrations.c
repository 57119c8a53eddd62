/* affari-store-migrations.c — the schema: creating and seeding a new file, migrating an old one,
 * inspecting a file before opening it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
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
#include "affari-store-leads.h"
#include "model/affari-deal-private.h"
#include "model/affari-money.h"

/* ------------------------------------------------------- open and migrate */

typedef struct {
  const char *code;
  const char *name;
  const char *color;
  int sort;
  const char *semantics;
  const char *extra;
  gboolean system;
} DefaultStage;

/* The default stages of Bitrix24's DEAL_STAGE dictionary. */
static const DefaultStage default_stages[] = {
  { "NEW",                N_("New"),                     "#39A8EF", 10, "P", "process", TRUE },
  { "PREPARATION",        N_("Document preparation"),    "#2FC6F6", 20, "P", "process", FALSE },
  { "PREPAYMENT_INVOICE", N_("Prepayment invoice"),      "#55D0E0", 30, "P", "process", FALSE },
  { "EXECUTING",          N_("In progress"),             "#47E4C2", 40, "P", "process", FALSE },
  { "FINAL_INVOICE",      N_("Final invoice"),           "#FFA900", 50, "P", "process", FALSE },
  { "WON",                N_("Deal won"),                "#7BD500", 60, "S", "success", TRUE },
  { "LOSE",               N_("Deal lost"),               "#FF5752", 70, "F", "failure", TRUE },
  { "APOLOGY",            N_("Failure reason analysis"), "#FF5752", 80, "F", "apology", FALSE },
};

static const struct { const char *code, *name; } default_types[] = {
  { "SALE",    N_("Sale") },
  { "COMPLEX", N_("Complex sale") },
  { "GOODS",   N_("Sale of goods") },
  { "SERVICE", N_("Services") },
};

static const struct { const char *code, *name; } default_sources[] = {
  { "CALL",           N_("Call") },
  { "EMAIL",          N_("E-mail") },
  { "WEB",            N_("Website") },
  { "ADVERTISING",    N_("Advertising") },
  { "PARTNER",        N_("Existing client") },
  { "RECOMMENDATION", N_("By recommendation") },
  { "TRADE_SHOW",     N_("Trade show") },
  { "WEBFORM",        N_("CRM form") },
  { "CALLBACK",       N_("Callback") },
  { "RC_GENERATOR",   N_("Sales generator") },
  { "STORE",          N_("Online store") },
  { "OTHER",          N_("Other") },
};

static const struct { const char *code, *name; gboolean base; } default_currencies[] = {
  { "EUR", N_("Euro"), TRUE },
  { "USD", N_("US dollar"), FALSE },
  { "CHF", N_("Swiss franc"), FALSE },
  { "GBP", N_("Pound sterling"), FALSE },
};

gboolean
store_insert_stages (AffariStore *self, gint64 pipeline_id, const char *prefix, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self,
    "INSERT INTO stage (id, pipeline_id, code, name, color, sort, semantics, extra_semantics, is_system)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (default_stages); i++)
    {
      const DefaultStage *s = &default_stages[i];
      g_autofree char *code = prefix ? g_strconcat (prefix, s->code, NULL) : g_strdup (s->code);
      gint64 id = store_new_id (self, "stage", error);

      if (id < 0)
        return FALSE;
      store_bind_id (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, pipeline_id);
      store_bind_text (stmt, 3, code);
      store_bind_text (stmt, 4, _(s->name));
      store_bind_text (stmt, 5, s->color);
      sqlite3_bind_int (stmt, 6, s->sort);
      store_bind_text (stmt, 7, s->semantics);
      store_bind_text (stmt, 8, s->extra);
      sqlite3_bind_int (stmt, 9, s->system);
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
seed_v1 (AffariStore *self, GError **error)
{
  sqlite3_stmt *stmt;
  const char *real_name = g_get_real_name ();
  gint64 member, pipeline;

  /* The person using Affari is the first member of the team and the author of the history. */
  if (real_name == NULL || *real_name == '\0' || g_str_equal (real_name, "Unknown"))
    real_name = _("Me");
  member = store_new_id (self, "team_member", error);
  stmt = member < 0 ? NULL : store_prepare (self, "INSERT INTO team_member (id, name) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  store_bind_id (stmt, 1, member);
  store_bind_text (stmt, 2, real_name);
  if (!store_step_done (self, stmt, error))
    return FALSE;
  member = sqlite3_last_insert_rowid (self->db);

  stmt = store_prepare (self, "INSERT INTO setting (key, value) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  {
    g_autofree char *member_text = g_strdup_printf ("%" G_GINT64_FORMAT, member);
    const char *pairs[][2] = {
      { "current_user_id", member_text },
      { "base_currency", "EUR" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
      {
        store_bind_text (stmt, 1, pairs[i][0]);
        store_bind_text (stmt, 2, pairs[i][1]);
        if (!store_step_done (self, stmt, error))
          return FALSE;
      }
  }

  stmt = store_prepare (self, "INSERT INTO currency (code, name, is_base, sort) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (default_currencies); i++)
    {
      store_bind_text (stmt, 1, default_currencies[i].code);
      store_bind_text (stmt, 2, _(default_currencies[i].name));
      sqlite3_bind_int (stmt, 3, default_currencies[i].base);
      sqlite3_bind_int (stmt, 4, (i + 1) * 10);
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }

  stmt = store_prepare (self, "INSERT INTO deal_type (code, name, sort) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (default_types); i++)
    {
      store_bind_text (stmt, 1, default_types[i].code);
      store_bind_text (stmt, 2, _(default_types[i].name));
      sqlite3_bind_int (stmt, 3, (i + 1) * 10);
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }

  stmt = store_prepare (self, "INSERT INTO deal_source (code, name, sort) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (default_sources); i++)
    {
      store_bind_text (stmt, 1, default_sources[i].code);
      store_bind_text (stmt, 2, _(default_sources[i].name));
      sqlite3_bind_int (stmt, 3, (i + 1) * 10);
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }

  pipeline = store_new_id (self, "pipeline", error);
  stmt = pipeline < 0 ? NULL
    : store_prepare (self, "INSERT INTO pipeline (id, name, sort, is_default, currency) VALUES (?, ?, 500, 1, 'EUR')", error);
  if (stmt == NULL)
    return FALSE;
  store_bind_id (stmt, 1, pipeline);
  store_bind_text (stmt, 2, _("General"));
  if (!store_step_done (self, stmt, error))
    return FALSE;

  return store_insert_stages (self, sqlite3_last_insert_rowid (self->db), NULL, error);
}

gboolean
store_migrate (AffariStore *self, int from, GError **error)
{
  for (int version = from + 1; version <= (int) AFFARI_N_MIGRATIONS; version++)
    {
      g_autofree char *set_version = NULL;
      gboolean ok;

      if (!store_tx_begin (self, error))
        return FALSE;

      set_version = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                                     version, AFFARI_APPLICATION_ID);
      ok = store_exec_sql (self, affari_migrations[version - 1], error);
      if (ok && version == 1)
        ok = seed_v1 (self, error);
      ok = ok && store_leads_seed (self, error);
      ok = ok && store_exec_sql (self, set_version, error);

      if (!store_tx_end (self, ok, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
store_make_private_file (const char *path, gboolean *created, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  *created = FALSE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_IO,
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0)
    {
      *created = TRUE;
      close (fd);
      return TRUE;
    }
  if (errno == EEXIST)
    return TRUE;

  {
    int saved = errno;
    g_set_error (error, AFFARI_ERROR, saved == ENOSPC ? AFFARI_ERROR_FULL : AFFARI_ERROR_IO,
                 _("Could not create the database “%s”: %s"), path, g_strerror (saved));
  }
  return FALSE;
}

/* Reads what the file says it is, without writing to it. */
gboolean
store_inspect (AffariStore *self, gboolean fresh, int *out_version, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;
  gint64 app_id = 0, version = 0;

  rc = sqlite3_prepare_v2 (self->db,
    "SELECT (SELECT application_id FROM pragma_application_id),"
    "       (SELECT user_version FROM pragma_user_version),"
    "       (SELECT count(*) FROM sqlite_master)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          app_id = sqlite3_column_int64 (stmt, 0);
          version = sqlite3_column_int64 (stmt, 1);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_NOTADB)
        g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_AFFARI,
                     _("“%s” is not an Affari database. The file was not modified."), self->path);
      else if ((rc & 0xff) == SQLITE_CORRUPT)
        g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_CORRUPT,
                     _("The database “%s” is damaged. The file was not modified: restore a backup or open another database."),
                     self->path);
      else
        store_fail (self, error, rc, self->path);
      return FALSE;
    }

  /* Another program's database is not taken over, even an empty one. */
  if (!fresh && app_id != AFFARI_APPLICATION_ID)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_AFFARI,
                   _("“%s” is a database of another program, not of Affari. The file was not modified."), self->path);
      return FALSE;
    }
  if (version > (gint64) AFFARI_N_MIGRATIONS)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer version of Affari (format %d; this version reads up to %d). "
                     "The file was not modified: update Affari to open it."),
                   self->path, (int) version, (int) AFFARI_N_MIGRATIONS);
      return FALSE;
    }

  *out_version = (int) version;
  return TRUE;
}
