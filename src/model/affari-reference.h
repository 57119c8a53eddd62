/* affari-reference.h — currencies, reference lists and saved filters as the settings hold them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "affari-deal-query.h"

G_BEGIN_DECLS

/* A filter saved under a name ("Rossi sopra 5.000"). */
typedef struct {
  gint64 id;
  char  *name;
  AffariDealQuery *query;       /* only the filter criteria: no pipeline, stage or order */
} AffariSavedFilter;
/* ---- list and filters ---- */
void         affari_saved_filter_free       (AffariSavedFilter *filter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariSavedFilter, affari_saved_filter_free)
/* Reference lists (deal types, sources). */
typedef enum {
  AFFARI_LIST_DEAL_TYPES,
  AFFARI_LIST_SOURCES,
} AffariListKind;
/* The name to show for an item of a reference list: a built-in item (Bitrix24's codes, "SALE",
 * "CALL") still holding the name it was created with, in whatever language that was, shows its
 * name in the user's language, as stage names do; a name the user gave is shown as it is. */
const char  *affari_list_item_display_name  (AffariListKind kind,
                                             const char    *code,
                                             const char    *name);
/* Currencies in use: code, name, base flag. */
typedef struct {
  char     *code;
  char     *name;
  gboolean  is_base;
  char     *rate;                 /* what 1 of it is worth in the main currency: "0.9200" (main: "1.0000") */
} AffariCurrencyInfo;
void         affari_currency_info_free      (AffariCurrencyInfo *info);

G_END_DECLS
