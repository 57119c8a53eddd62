/* affari-reference.c — currencies and saved filters as the settings list them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "affari-reference.h"

typedef struct {
  const char *code;
  const char *name;
} BuiltIn;

/* Bitrix24's codes of the built-in items and their English names, which the store seeds
 * translated: the same msgids, so one translation serves both. */
static const BuiltIn built_in_types[] = {
  { "SALE",    N_("Sale") },
  { "COMPLEX", N_("Complex sale") },
  { "GOODS",   N_("Sale of goods") },
  { "SERVICE", N_("Services") },
  { NULL, NULL }
};

static const BuiltIn built_in_sources[] = {
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
  { "REPEAT_SALE",    N_("Repeat sale") },
  { "STORE",          N_("Online store") },
  { "OTHER",          N_("Other") },
  { NULL, NULL }
};

const char *
affari_list_item_display_name (AffariListKind kind, const char *code, const char *name)
{
  const BuiltIn *table = kind == AFFARI_LIST_DEAL_TYPES ? built_in_types : built_in_sources;

  for (guint i = 0; code != NULL && table[i].code != NULL; i++)
    if (g_str_equal (code, table[i].code))
      {
        /* untouched (the English name, or none, or the code itself): in the user's language */
        if (name == NULL || *name == '\0' || g_str_equal (name, table[i].name) || g_str_equal (name, code))
          return _(table[i].name);
        break;
      }
  return name != NULL && *name != '\0' ? name : code;
}

void
affari_currency_info_free (AffariCurrencyInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->code);
  g_free (info->name);
  g_free (info->rate);
  g_free (info);
}

void
affari_saved_filter_free (AffariSavedFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->name);
  affari_deal_query_free (filter->query);
  g_free (filter);
}
