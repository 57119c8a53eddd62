/* affari-store-import-match.c — the index of company and contact keys an import matches against
 *
 * Every key is normalized by one function per kind (e-mail, phone, VAT number, name) when it goes
 * in and when it is asked for, so the rules live in those four functions. The first row with a
 * key keeps it (the oldest client wins, as a person would expect).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <string.h>

#include "affari-store-private.h"
#include "affari-store-import-match.h"

typedef enum { KEY_EMAIL, KEY_PHONE, KEY_VAT, KEY_NAME, N_KEYS } KeyKind;

struct _AffariClientIndex {
  GHashTable *company[N_KEYS];   /* normalized key → id */
  GHashTable *contact[N_KEYS];   /* no VAT for contacts */
};

static char *
fold (const char *text)
{
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  g_autofree char *folded = g_utf8_casefold (nfc != NULL ? nfc : "", -1);
  GString *out = g_string_sized_new (strlen (folded));
  gboolean space = FALSE;

  /* Spaces around and doubled inside do not tell two names apart. */
  for (const char *p = folded; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
phone_digits (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p == ' ')
    p++;
  if (g_str_has_prefix (p, "+39"))
    p += 3;
  else if (g_str_has_prefix (p, "0039"))
    p += 4;
  for (; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (out, *p);
  /* A number too short to tell anybody apart ("0", "-") is no key. */
  if (out->len < 5)
    g_string_truncate (out, 0);
  return g_string_free (out, FALSE);
}

static char *
vat_code (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_toupper (*p));
  /* "IT01234567890" and "01234567890" are the same partita IVA. */
  if (g_str_has_prefix (out->str, "IT") && out->len > 2)
    g_string_erase (out, 0, 2);
  return g_string_free (out, FALSE);
}

/* The key of @text as @kind, NULL when it gives none. */
static char *
normalize (KeyKind kind, const char *text)
{
  char *key;

  if (text == NULL || *text == '\0')
    return NULL;
  switch (kind)
    {
    case KEY_PHONE: key = phone_digits (text); break;
    case KEY_VAT: key = vat_code (text); break;
    case KEY_EMAIL:
    case KEY_NAME:
    case N_KEYS:
    default: key = fold (text); break;
    }
  if (*key == '\0')
    g_clear_pointer (&key, g_free);
  return key;
}

static void
put (GHashTable *table, KeyKind kind, const char *text, gint64 id)
{
  char *key = normalize (kind, text);

  if (key == NULL)
    return;
  if (g_hash_table_contains (table, key))
    g_free (key);
  else
    g_hash_table_insert (table, key, g_memdup2 (&id, sizeof id));
}

static gint64
get (GHashTable *table, KeyKind kind, const char *text)
{
  g_autofree char *key = normalize (kind, text);
  gint64 *id;

  if (key == NULL)
    return 0;
  id = g_hash_table_lookup (table, key);
  return id != NULL ? *id : 0;
}

void
affari_client_index_free (AffariClientIndex *index)
{
  if (index == NULL)
    return;
  for (int k = 0; k < N_KEYS; k++)
    {
      g_clear_pointer (&index->company[k], g_hash_table_unref);
      g_clear_pointer (&index->contact[k], g_hash_table_unref);
    }
  g_free (index);
}

void
affari_client_index_add_company (AffariClientIndex *index, gint64 id, const char *email, const char *phone,
                                 const char *vat, const char *name)
{
  g_return_if_fail (index != NULL);

  put (index->company[KEY_EMAIL], KEY_EMAIL, email, id);
  put (index->company[KEY_PHONE], KEY_PHONE, phone, id);
  put (index->company[KEY_VAT], KEY_VAT, vat, id);
  put (index->company[KEY_NAME], KEY_NAME, name, id);
}

void
affari_client_index_add_contact (AffariClientIndex *index, gint64 id, const char *email, const char *phone,
                                 const char *first_name, const char *last_name)
{
  g_autofree char *first_last = NULL, *last_first = NULL;

  g_return_if_fail (index != NULL);

  first_last = g_strdup_printf ("%s %s", first_name != NULL ? first_name : "", last_name != NULL ? last_name : "");
  last_first = g_strdup_printf ("%s %s", last_name != NULL ? last_name : "", first_name != NULL ? first_name : "");
  put (index->contact[KEY_EMAIL], KEY_EMAIL, email, id);
  put (index->contact[KEY_PHONE], KEY_PHONE, phone, id);
  put (index->contact[KEY_NAME], KEY_NAME, first_last, id);
  put (index->contact[KEY_NAME], KEY_NAME, last_first, id);
}

gint64
affari_client_index_match_company (AffariClientIndex *index, const char *email, const char *phone,
                                   const char *vat, const char *name)
{
  gint64 id;

  g_return_val_if_fail (index != NULL, 0);

  if ((id = get (index->company[KEY_EMAIL], KEY_EMAIL, email)) != 0
      || (id = get (index->company[KEY_PHONE], KEY_PHONE, phone)) != 0
      || (id = get (index->company[KEY_VAT], KEY_VAT, vat)) != 0)
    return id;
  return get (index->company[KEY_NAME], KEY_NAME, name);
}

gint64
affari_client_index_match_contact (AffariClientIndex *index, const char *email, const char *phone,
                                   const char *full_name)
{
  gint64 id;

  g_return_val_if_fail (index != NULL, 0);

  if ((id = get (index->contact[KEY_EMAIL], KEY_EMAIL, email)) != 0
      || (id = get (index->contact[KEY_PHONE], KEY_PHONE, phone)) != 0)
    return id;
  return get (index->contact[KEY_NAME], KEY_NAME, full_name);
}

typedef void (*AddFunc) (AffariClientIndex *index, gint64 id, const char *a, const char *b, const char *c,
                         const char *d);

/* Adds every row of @sql (an id and four texts) with @add. */
static gboolean
load (AffariStore *self, AffariClientIndex *index, const char *sql, AddFunc add, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add (index, sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
         (const char *) sqlite3_column_text (stmt, 2), (const char *) sqlite3_column_text (stmt, 3),
         (const char *) sqlite3_column_text (stmt, 4));
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || store_fail (self, error, rc, "client keys");
}

AffariClientIndex *
affari_store_import_client_index (AffariStore *self, GError **error)
{
  g_autoptr(AffariClientIndex) index = g_new0 (AffariClientIndex, 1);

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  for (int k = 0; k < N_KEYS; k++)
    {
      index->company[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      index->contact[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    }
  if (!load (self, index, "SELECT id, email, phone, vat_id, name FROM company ORDER BY id",
             affari_client_index_add_company, error)
      || !load (self, index, "SELECT id, email, phone, first_name, last_name FROM contact ORDER BY id",
                affari_client_index_add_contact, error))
    return NULL;
  return g_steal_pointer (&index);
}

gint64
affari_store_import_match_company (AffariStore *self, const char *email, const char *phone, const char *vat,
                                   const char *name)
{
  g_autoptr(AffariClientIndex) index = affari_store_import_client_index (self, NULL);

  return index != NULL ? affari_client_index_match_company (index, email, phone, vat, name) : 0;
}

gint64
affari_store_import_match_contact (AffariStore *self, const char *email, const char *phone, const char *full_name)
{
  g_autoptr(AffariClientIndex) index = affari_store_import_client_index (self, NULL);

  return index != NULL ? affari_client_index_match_contact (index, email, phone, full_name) : 0;
}
