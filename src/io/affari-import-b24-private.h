/* affari-import-b24-private.h — what the Bitrix24 importer's files share: the lists read from
 * the folder and the readers of Bitrix24's values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "affari-import-b24.h"

G_BEGIN_DECLS

typedef enum {
  LIST_CATEGORY,
  LIST_STATUS,
  LIST_DEAL,
  LIST_PRODUCT_ROW,
  LIST_COMPANY,
  LIST_CONTACT,
  LIST_COMMENT,
  LIST_ACTIVITY,
  LIST_USER,
  N_LISTS
} ListKind;

/* The start of each list's file names (none starts with another). */
extern const char * const b24_list_prefixes[N_LISTS];

typedef struct {
  JsonObject *object;
  char *file;          /* the file it came from, for messages */
  char *owner;         /* product rows of a per-deal file without OWNER_ID: the deal in the name */
} Item;

void     b24_item_free (gpointer data);

/* Bitrix24 writes numbers as strings in lists and as numbers elsewhere: all read as text (NULL
 * for null, absent or ""). */
char    *b24_dup_text        (JsonObject *object, const char *member);
double   b24_get_double      (JsonObject *object, const char *member, double fallback);
gboolean b24_get_flag        (JsonObject *object, const char *member);   /* "Y" */
gint64   b24_get_time        (JsonObject *object, const char *member);   /* ISO 8601 → Unix, 0 */
char    *b24_get_day         (JsonObject *object, const char *member);   /* local "YYYY-MM-DD" */
char    *b24_dup_multi_first (JsonObject *object, const char *member);   /* PHONE, EMAIL */

/* Reads every Bitrix24 file of @folder into @lists (N_LISTS arrays of Item); the parsers that
 * own the objects go to @parsers. A malformed file fails the whole folder. */
gboolean b24_read_folder     (const char *folder, GPtrArray **lists, GPtrArray *parsers, GError **error);

/* affari-import-b24-users.c: the users of user.get (@items) matched with the team or added to it;
 * @users gets Bitrix24 user id → team member id. */
gboolean b24_import_users    (AffariStore *store, GPtrArray *items, GHashTable *users, AffariImportReport *report,
                              GError **error);
/* The team member of @user_id (0 for none, and for "0"); @missing set when the id is unknown. */
gint64   b24_user_member     (GHashTable *users, const char *user_id, gboolean *missing);

G_END_DECLS
