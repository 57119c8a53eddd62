/* affari-store-layout.c — the card layout of each pipeline
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
#include "model/affari-deal-private.h"
#include "model/affari-money.h"

/* ------------------------------------------------------------ card layout */

gboolean
affari_store_has_card_layout (AffariStore *self, gint64 pipeline_id)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  return store_query_int (self, "SELECT count(*) FROM card_section WHERE pipeline_id = ?", pipeline_id, 0) > 0;
}

GPtrArray *
affari_store_get_card_layout (AffariStore *self, gint64 pipeline_id, GError **error)
{
  g_autoptr(GPtrArray) custom_fields = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GHashTable) seen = NULL;
  AffariCardSection *home = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  custom_fields = affari_store_list_custom_fields (self, error);
  if (custom_fields == NULL)
    return NULL;
  if (!affari_store_has_card_layout (self, pipeline_id))
    return affari_card_layout_default (custom_fields);

  sections = g_ptr_array_new_with_free_func ((GDestroyNotify) affari_card_section_free);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stmt = store_prepare (self,
    "SELECT s.id, s.name, s.title, e.field, e.hidden FROM card_section s"
    " LEFT JOIN card_element e ON e.section_id = s.id"
    " WHERE s.pipeline_id = ? ORDER BY s.sort, s.id, e.sort", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pipeline_id);
  {
    gint64 last_section = 0;
    AffariCardSection *section = NULL;

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *field = (const char *) sqlite3_column_text (stmt, 3);

        if (section == NULL || sqlite3_column_int64 (stmt, 0) != last_section)
          {
            last_section = sqlite3_column_int64 (stmt, 0);
            section = affari_card_section_new ((const char *) sqlite3_column_text (stmt, 1),
                                               (const char *) sqlite3_column_text (stmt, 2));
            g_ptr_array_add (sections, section);
          }
        /* Fields of deleted custom fields and unknown codes are dropped. */
        if (field == NULL || g_hash_table_contains (seen, field) ||
            !affari_card_field_is_known (field, custom_fields))
          continue;
        g_hash_table_add (seen, g_strdup (field));
        affari_card_section_add (section, field, sqlite3_column_int (stmt, 4) != 0);
      }
  }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      store_fail (self, error, rc, "card layout");
      return NULL;
    }

  for (guint i = 0; i < sections->len; i++)
    if (g_str_equal (((AffariCardSection *) g_ptr_array_index (sections, i))->name, "user"))
      home = g_ptr_array_index (sections, i);
  if (home == NULL)
    home = g_ptr_array_index (sections, sections->len - 1);
  for (const char * const *builtin = affari_card_builtin_fields (); *builtin != NULL; builtin++)
    if (!g_hash_table_contains (seen, *builtin))
      affari_card_section_add (home, *builtin, FALSE);
  /* Fields created after the layout was stored show up where custom fields live. */
  for (guint i = 0; i < custom_fields->len; i++)
    {
      AffariCustomField *field = g_ptr_array_index (custom_fields, i);

      if (!g_hash_table_contains (seen, field->code))
        affari_card_section_add (home, field->code, FALSE);
    }
  return g_steal_pointer (&sections);
}

gboolean
affari_store_set_card_layout (AffariStore *self, gint64 pipeline_id, GPtrArray *sections, GError **error)
{
  g_autoptr(GPtrArray) custom_fields = NULL;
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (sections != NULL, FALSE);

  if (store_query_int (self, "SELECT count(*) FROM pipeline WHERE id = ?", pipeline_id, 0) == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The pipeline does not exist any more"));
      return FALSE;
    }
  if (sections->len == 0)
    return store_set_invalid (error, _("The card needs at least one section"));
  custom_fields = affari_store_list_custom_fields (self, error);
  if (custom_fields == NULL)
    return FALSE;
  for (guint i = 0; i < sections->len; i++)
    {
      AffariCardSection *section = g_ptr_array_index (sections, i);

      if (!store_check_line (section->title, STORE_MAX_TITLE_CHARS, TRUE, _("The section name"), error))
        return FALSE;
      if (section->name == NULL || !g_hash_table_add (names, section->name))
        return store_set_invalid (error, _("Two sections have the same name"));
      for (guint j = 0; j < section->elements->len; j++)
        {
          const char *field = g_array_index (section->elements, AffariCardElement, j).field;

          if (!affari_card_field_is_known (field, custom_fields))
            {
              g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a field of the card"), field);
              return FALSE;
            }
          if (!g_hash_table_add (fields, (gpointer) field))
            {
              g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is in the card twice"), field);
              return FALSE;
            }
        }
    }

  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec_id (self, "DELETE FROM card_section WHERE pipeline_id = ?", pipeline_id, error);
  for (guint i = 0; ok && i < sections->len; i++)
    {
      AffariCardSection *section = g_ptr_array_index (sections, i);
      gint64 section_id = store_new_id (self, "card_section", error);
      sqlite3_stmt *stmt = section_id < 0 ? NULL : store_prepare (self,
        "INSERT INTO card_section (id, pipeline_id, name, title, sort) VALUES (?, ?, ?, trim(?), ?)", error);

      ok = stmt != NULL;
      if (!ok)
        break;
      store_bind_id (stmt, 1, section_id);
      sqlite3_bind_int64 (stmt, 2, pipeline_id);
      store_bind_text (stmt, 3, section->name);
      store_bind_text (stmt, 4, section->title);
      sqlite3_bind_int (stmt, 5, ((int) i + 1) * 10);
      ok = store_step_done (self, stmt, error);
      section_id = sqlite3_last_insert_rowid (self->db);
      for (guint j = 0; ok && j < section->elements->len; j++)
        {
          AffariCardElement *element = &g_array_index (section->elements, AffariCardElement, j);

          ok = store_exec (self, error, "INSERT INTO card_element (section_id, field, sort, hidden) VALUES (?, ?, ?, ?)", "xsii", (gint64) (section_id), element->field, (int) (((int) j + 1) * 10), (int) (element->hidden ? 1 : 0));
        }
    }
  if (ok)
    store_queue_settings (self, "card-layout", pipeline_id);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_reset_card_layout (AffariStore *self, gint64 pipeline_id, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec_id (self, "DELETE FROM card_section WHERE pipeline_id = ?", pipeline_id, error);
  if (ok)
    store_queue_settings (self, "card-layout", pipeline_id);
  return store_tx_end (self, ok, error);
}
