/* affari-test-db.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "affari-test-db.h"
#include "affari-test-files.h"

void
affari_test_db_open (AffariTestDb *self, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("affari-%s-XXXXXX", name);

  self->dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  self->path = g_build_filename (self->dir, "affari.db", NULL);
  self->store = affari_store_open (self->path, &error);
  g_assert_no_error (error);
  affari_store_set_now (self->store, 1795000000);   /* 2026-11-18 */
  self->ops = affari_deal_ops_new (self->store);
  g_assert_cmpint (sqlite3_open (self->path, &self->db), ==, SQLITE_OK);
}

void
affari_test_db_close (AffariTestDb *self)
{
  sqlite3_close (self->db);
  g_assert_finalize_object (self->ops);
  g_assert_finalize_object (self->store);
  affari_test_remove_tree (self->dir);
  g_free (self->path);
  g_free (self->dir);
}

AffariStore *
affari_test_open_other (const char     *path,
                        const char     *name,
                        gint64         *member,
                        AffariDealOps **ops)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *email = g_strdup_printf ("%s@example.com", name);
  AffariStore *store = affari_store_open (path, &error);
  gint64 id;

  g_assert_no_error (error);
  id = affari_store_add_team_member (store, name, email, &error);
  g_assert_no_error (error);
  g_assert_true (affari_store_set_current_user (store, id, &error));
  if (member != NULL)
    *member = id;
  if (ops != NULL)
    *ops = affari_deal_ops_new (store);
  return store;
}
