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

/* What the folder import and the CSV import (affari-import-b24csv.c) share. */

/* A report with empty lists. */
AffariB24Report *b24_report_new     (gboolean dry_run);
/* The currency codes the store knows (a set of char *), NULL with @error. */
GHashTable      *b24_currency_codes (AffariStore *store, GError **error);
/* The end of a build: a dry run asks for the rollback (an error b24_run does not pass on). */
gboolean         b24_build_done     (gboolean dry_run, GError **error);
/* Runs @build in one transaction (affari_deal_ops_create_many, labelled "Import from Bitrix24");
 * FALSE with @error when it failed or was cancelled; a dry run's rollback is no failure. */
gboolean         b24_run            (AffariDealOps *ops, AffariDealOpsBuild build, gpointer data,
                                     gboolean dry_run, GError **error);

G_END_DECLS
