/* affari-reference.c — currencies and saved filters as the settings list them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "affari-reference.h"

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
