/* affari-deal-query.c — which deals a view shows, and in what order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-deal-query.h"

G_DEFINE_BOXED_TYPE (AffariDealQuery, affari_deal_query, affari_deal_query_copy, affari_deal_query_free)

/* NULL and "" both mean "do not filter", so they are the same query. */
static gboolean
filter_text_equal (const char *a,
                   const char *b)
{
  if (a == NULL || *a == '\0')
    return b == NULL || *b == '\0';
  return g_strcmp0 (a, b) == 0;
}

AffariDealQuery *
affari_deal_query_new (void)
{
  AffariDealQuery *query = g_new0 (AffariDealQuery, 1);

  query->sort = AFFARI_DEAL_SORT_POSITION;
  query->closed = AFFARI_CLOSED_ANY;

  return query;
}

AffariDealQuery *
affari_deal_query_copy (const AffariDealQuery *query)
{
  AffariDealQuery *copy;

  g_return_val_if_fail (query != NULL, NULL);

  copy = g_memdup2 (query, sizeof *query);
  copy->text = g_strdup (query->text);
  copy->currency = g_strdup (query->currency);
  copy->close_date_from = g_strdup (query->close_date_from);
  copy->close_date_to = g_strdup (query->close_date_to);

  return copy;
}

void
affari_deal_query_free (AffariDealQuery *query)
{
  if (query == NULL)
    return;

  g_free (query->text);
  g_free (query->currency);
  g_free (query->close_date_from);
  g_free (query->close_date_to);
  g_free (query);
}

/* An empty text does not filter and is stored as NULL. */
void
affari_deal_query_set_text (AffariDealQuery *query,
                            const char *text)
{
  char *copy;

  g_return_if_fail (query != NULL);

  /* Copied before the old text is freed, in case @text points into it. */
  copy = (text != NULL && *text != '\0') ? g_strdup (text) : NULL;
  g_free (query->text);
  query->text = copy;
}

/* Equal when both select the same deals in the same order: a bound that is switched off
 * (has_amount_min FALSE) is not compared. */
gboolean
affari_deal_query_equal (const AffariDealQuery *a,
                         const AffariDealQuery *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return a->pipeline_id == b->pipeline_id &&
         a->stage_id == b->stage_id &&
         a->semantics_mask == b->semantics_mask &&
         a->closed == b->closed &&
         a->assigned_by_id == b->assigned_by_id &&
         a->company_id == b->company_id &&
         filter_text_equal (a->text, b->text) &&
         filter_text_equal (a->currency, b->currency) &&
         !a->has_amount_min == !b->has_amount_min &&
         (!a->has_amount_min || a->amount_min == b->amount_min) &&
         !a->has_amount_max == !b->has_amount_max &&
         (!a->has_amount_max || a->amount_max == b->amount_max) &&
         filter_text_equal (a->close_date_from, b->close_date_from) &&
         filter_text_equal (a->close_date_to, b->close_date_to) &&
         !a->include_deleted == !b->include_deleted &&
         a->sort == b->sort &&
         !a->descending == !b->descending;
}
