/* affari-store-clients.c — companies, contacts and the contacts of a deal
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

/* ----------------------------------------------------------------- clients */

#define COMPANY_COLUMNS "SELECT id, name, city, address, phone, email, vat_id, industry FROM company"

static AffariCompany *
company_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (AFFARI_TYPE_COMPANY,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "name", (const char *) sqlite3_column_text (stmt, 1),
                       "city", (const char *) sqlite3_column_text (stmt, 2),
                       "address", (const char *) sqlite3_column_text (stmt, 3),
                       "phone", (const char *) sqlite3_column_text (stmt, 4),
                       "email", (const char *) sqlite3_column_text (stmt, 5),
                       "vat-id", (const char *) sqlite3_column_text (stmt, 6),
                       "industry", (const char *) sqlite3_column_text (stmt, 7),
                       NULL);
}

gint64
affari_store_create_company (AffariStore *self, AffariCompany *company, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;
  gint64 id = 0;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  g_return_val_if_fail (AFFARI_IS_COMPANY (company), 0);

  if (!store_check_line (affari_company_get_name (company), STORE_MAX_TITLE_CHARS, TRUE, _("The company name"), error) ||
      !store_check_line (affari_company_get_city (company), STORE_MAX_TITLE_CHARS, FALSE, _("The city"), error) ||
      !store_check_line (affari_company_get_address (company), STORE_MAX_TITLE_CHARS, FALSE, _("The address"), error) ||
      !store_check_line (affari_company_get_phone (company), STORE_MAX_TITLE_CHARS, FALSE, _("The phone number"), error) ||
      !store_check_line (affari_company_get_email (company), STORE_MAX_TITLE_CHARS, FALSE, _("The e-mail"), error))
    return 0;
  if (!store_tx_begin (self, error))
    return 0;
  id = store_new_id (self, "company", error);
  stmt = id < 0 ? NULL : store_prepare (self,
    "INSERT INTO company (id, name, city, address, phone, email, vat_id, industry, created)"
    " VALUES (?, trim(?), ?, ?, ?, ?, ?, ?, ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_id (stmt, 1, id);
      store_bind_text (stmt, 2, affari_company_get_name (company));
      store_bind_text (stmt, 3, affari_company_get_city (company));
      store_bind_text (stmt, 4, affari_company_get_address (company));
      store_bind_text (stmt, 5, affari_company_get_phone (company));
      store_bind_text (stmt, 6, affari_company_get_email (company));
      store_bind_text (stmt, 7, affari_company_get_vat_id (company));
      store_bind_text (stmt, 8, affari_company_get_industry (company));
      sqlite3_bind_int64 (stmt, 9, affari_store_now (self));
      ok = store_step_done (self, stmt, error);
      id = sqlite3_last_insert_rowid (self->db);
    }
  if (!store_tx_end (self, ok, error))
    return 0;
  g_object_set (company, "id", id, NULL);
  return id;
}

AffariCompany *
affari_store_get_company (AffariStore *self, gint64 id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  return store_get_by_id (self, COMPANY_COLUMNS " WHERE id = ?", id, (StoreRowFunc) company_from_row,
                          _("The company does not exist any more"), error);
}

GPtrArray *
affari_store_search_companies (AffariStore *self, const char *text, guint limit, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *pattern = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, COMPANY_COLUMNS " WHERE affari_fold(name) LIKE ? ESCAPE '\\'"
                        " ORDER BY name COLLATE NOCASE, id LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  pattern = store_like_pattern (text ? text : "");
  store_bind_text (stmt, 1, pattern);
  sqlite3_bind_int (stmt, 2, limit ? (int) limit : -1);
  return store_collect (self, stmt, (StoreRowFunc) company_from_row, "companies", error);
}

#define CONTACT_COLUMNS "SELECT c.id, c.company_id, c.first_name, c.last_name, c.position, c.phone, c.email, c.birthday FROM contact c"

static AffariContact *
contact_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (AFFARI_TYPE_CONTACT,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "company-id", sqlite3_column_int64 (stmt, 1),
                       "first-name", (const char *) sqlite3_column_text (stmt, 2),
                       "last-name", (const char *) sqlite3_column_text (stmt, 3),
                       "position", (const char *) sqlite3_column_text (stmt, 4),
                       "phone", (const char *) sqlite3_column_text (stmt, 5),
                       "email", (const char *) sqlite3_column_text (stmt, 6),
                       "birthday", (const char *) sqlite3_column_text (stmt, 7),
                       NULL);
}

gint64
affari_store_create_contact (AffariStore *self, AffariContact *contact, GError **error)
{
  sqlite3_stmt *stmt;
  const char *first, *last, *birthday;
  g_autofree char *full = NULL;
  gboolean ok;
  gint64 id = 0;

  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);
  g_return_val_if_fail (AFFARI_IS_CONTACT (contact), 0);

  first = affari_contact_get_first_name (contact);
  last = affari_contact_get_last_name (contact);
  birthday = affari_contact_get_birthday (contact);
  full = affari_contact_dup_full_name (contact);
  if (!store_check_line (full, STORE_MAX_TITLE_CHARS, TRUE, _("The contact name"), error) ||
      !store_check_line (affari_contact_get_phone (contact), STORE_MAX_TITLE_CHARS, FALSE, _("The phone number"), error) ||
      !store_check_line (affari_contact_get_email (contact), STORE_MAX_TITLE_CHARS, FALSE, _("The e-mail"), error))
    return 0;
  if (birthday != NULL && !affari_date_is_valid (birthday))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a valid date"), birthday);
      return 0;
    }
  if (!store_tx_begin (self, error))
    return 0;
  id = store_new_id (self, "contact", error);
  stmt = id < 0 ? NULL : store_prepare (self,
    "INSERT INTO contact (id, company_id, first_name, last_name, position, phone, email, birthday, created)"
    " VALUES (?, ?, trim(?), trim(?), ?, ?, ?, ?, ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_id (stmt, 1, id);
      store_bind_id (stmt, 2, affari_contact_get_company_id (contact));
      store_bind_text (stmt, 3, first ? first : "");
      store_bind_text (stmt, 4, last ? last : "");
      store_bind_text (stmt, 5, affari_contact_get_position (contact));
      store_bind_text (stmt, 6, affari_contact_get_phone (contact));
      store_bind_text (stmt, 7, affari_contact_get_email (contact));
      store_bind_text (stmt, 8, birthday);
      sqlite3_bind_int64 (stmt, 9, affari_store_now (self));
      ok = store_step_done (self, stmt, error);
      id = sqlite3_last_insert_rowid (self->db);
    }
  if (!store_tx_end (self, ok, error))
    return 0;
  g_object_set (contact, "id", id, NULL);
  return id;
}

AffariContact *
affari_store_get_contact (AffariStore *self, gint64 id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  return store_get_by_id (self, CONTACT_COLUMNS " WHERE c.id = ?", id, (StoreRowFunc) contact_from_row,
                          _("The contact does not exist any more"), error);
}

static GPtrArray *
collect_contacts (AffariStore *self, sqlite3_stmt *stmt, GError **error)
{
  return store_collect (self, stmt, (StoreRowFunc) contact_from_row, "contacts", error);
}

GPtrArray *
affari_store_search_contacts (AffariStore *self, const char *text, guint limit, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *pattern = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, CONTACT_COLUMNS
    " WHERE affari_fold(c.first_name || ' ' || c.last_name) LIKE ?1 ESCAPE '\\'"
    "    OR affari_fold(c.last_name || ' ' || c.first_name) LIKE ?1 ESCAPE '\\'"
    "    OR affari_fold(coalesce(c.email, '')) LIKE ?1 ESCAPE '\\'"
    "    OR coalesce(c.phone, '') LIKE ?1 ESCAPE '\\'"
    " ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  pattern = store_like_pattern (text ? text : "");
  store_bind_text (stmt, 1, pattern);
  sqlite3_bind_int (stmt, 2, limit ? (int) limit : -1);
  return collect_contacts (self, stmt, error);
}

GPtrArray *
affari_store_list_deal_contacts (AffariStore *self, gint64 deal_id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self, CONTACT_COLUMNS " JOIN deal_contact dc ON dc.contact_id = c.id"
                        " WHERE dc.deal_id = ? ORDER BY dc.is_primary DESC, dc.sort, c.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  return collect_contacts (self, stmt, error);
}

/* Bitrix24's repeat rule: a won deal with the client makes a repeat deal; any earlier deal
 * with the client makes a repeated inquiry. Only ever sets flags, never clears them.
 * @by_contacts: look at the deal's contacts (linked after creation) instead of its company. */
static gboolean
mark_repeat (AffariStore *self, gint64 deal_id, gboolean by_contacts, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean won = FALSE, earlier = FALSE;

  /* the company was looked at when the deal was created */
  if (by_contacts)
    goto contacts;

  stmt = store_prepare (self,
    "SELECT max(d.semantics = 'S'), count(*) FROM deal me JOIN deal d ON d.company_id = me.company_id"
    " WHERE me.id = ?1 AND me.closed = 0 AND d.id <> me.id AND d.date_create <= me.date_create"
    "   AND d.deleted_at IS NULL AND d.is_recurring = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      won = sqlite3_column_int (stmt, 0) != 0;
      earlier = sqlite3_column_int64 (stmt, 1) > 0;
    }
  sqlite3_reset (stmt);

contacts:
  if (by_contacts)
    {
      stmt = store_prepare (self,
        "SELECT EXISTS (SELECT 1 FROM deal_contact dc1"
        "  JOIN deal_contact dc2 ON dc2.contact_id = dc1.contact_id AND dc2.deal_id <> dc1.deal_id"
        "  JOIN deal d ON d.id = dc2.deal_id AND d.deleted_at IS NULL AND d.is_recurring = 0"
        "  WHERE dc1.deal_id = ?1 AND d.semantics = 'S'),"
        " EXISTS (SELECT 1 FROM deal_contact dc1"
        "  JOIN deal_contact dc2 ON dc2.contact_id = dc1.contact_id AND dc2.deal_id <> dc1.deal_id"
        "  JOIN deal d ON d.id = dc2.deal_id AND d.deleted_at IS NULL AND d.is_recurring = 0"
        "  WHERE dc1.deal_id = ?1)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, deal_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          won |= sqlite3_column_int (stmt, 0) != 0;
          earlier |= sqlite3_column_int64 (stmt, 1) > 0;
        }
      sqlite3_reset (stmt);
    }

  if (!won && !earlier)
    return TRUE;
  stmt = store_prepare (self,
    "UPDATE deal SET is_return_customer = is_return_customer OR ?2,"
    " is_repeated_approach = is_repeated_approach OR ?3 WHERE id = ?1 AND closed = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  sqlite3_bind_int (stmt, 2, won);
  sqlite3_bind_int (stmt, 3, !won && earlier);
  return store_step_done (self, stmt, error);
}

gboolean
affari_store_set_deal_contacts (AffariStore *self, gint64 deal_id, const gint64 *contact_ids,
                                guint n_contacts, gint64 primary_id, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 stage = 0;
  gboolean ok, had_contacts = FALSE, just_created = FALSE, return_customer = FALSE;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  /* What the deal is now, in one read: its stage, whether it has contacts, whether it is only
   * just created (its one event is the creation) and whether it is already a repeat deal. */
  stmt = store_prepare (self,
    "SELECT stage_id, EXISTS (SELECT 1 FROM deal_contact WHERE deal_id = ?1),"
    " (SELECT count(*) FROM (SELECT 1 FROM event WHERE deal_id = ?1 LIMIT 2)) <= 1, is_return_customer"
    " FROM deal WHERE id = ?1 AND deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      stage = sqlite3_column_int64 (stmt, 0);
      had_contacts = sqlite3_column_int (stmt, 1) != 0;
      just_created = sqlite3_column_int (stmt, 2) != 0;
      return_customer = sqlite3_column_int (stmt, 3) != 0;
    }
  sqlite3_reset (stmt);
  if (stage == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal does not exist any more"));
      return FALSE;
    }
  if (primary_id == 0 && n_contacts > 0)
    primary_id = contact_ids[0];

  if (!store_tx_begin (self, error))
    return FALSE;
  ok = TRUE;
  if (had_contacts)
    {
      ok = store_exec (self, error, "DELETE FROM deal_contact WHERE deal_id = ?", "x", (gint64) (deal_id));
    }
  if (ok)
    stmt = store_prepare (self, "INSERT OR IGNORE INTO deal_contact (deal_id, contact_id, sort, is_primary) VALUES (?, ?, ?, ?)", error);
  ok = ok && stmt != NULL;
  for (guint i = 0; ok && i < n_contacts; i++)
    {
      sqlite3_bind_int64 (stmt, 1, deal_id);
      sqlite3_bind_int64 (stmt, 2, contact_ids[i]);
      sqlite3_bind_int (stmt, 3, (i + 1) * 100);
      sqlite3_bind_int (stmt, 4, contact_ids[i] == primary_id);
      ok = store_step_done (self, stmt, error);
      if (!ok && error && *error && (*error)->code == AFFARI_ERROR_CONSTRAINT)
        {
          g_clear_error (error);
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The contact does not exist any more"));
        }
    }
  /* a repeat deal stays one: only a deal that is not yet one needs its contacts looked at */
  if (!return_customer && n_contacts > 0)
    ok = ok && mark_repeat (self, deal_id, TRUE, error);
  /* Contacts given right after creation are part of the creation, not a change of it. */
  if (ok && (had_contacts || !just_created))
    ok = store_add_event (self, deal_id, AFFARI_EVENT_FIELD, "CONTACT_IDS", NULL, NULL,
                          n_contacts == 0 ? _("Contacts removed") : _("Contacts changed"), error);
  if (ok)
    store_queue_deal (self, deal_id, stage, stage);
  return store_tx_end (self, ok, error);
}
