/* affari-deal-query.c — which deals a view shows, and in what order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "affari-deal-query.h"

G_DEFINE_BOXED_TYPE (AffariDealQuery, affari_deal_query, affari_deal_query_copy, affari_deal_query_free)

static void
date_range_copy (AffariDateRange *dst, const AffariDateRange *src)
{
  dst->period = src->period;
  dst->days = src->days;
  dst->from = g_strdup (src->from);
  dst->to = g_strdup (src->to);
}

static void
date_range_clear (AffariDateRange *range)
{
  g_clear_pointer (&range->from, g_free);
  g_clear_pointer (&range->to, g_free);
  range->period = AFFARI_PERIOD_ANY;
  range->days = 0;
}

static gboolean ids_equal (const GArray *a, const GArray *b);
static gboolean criteria_equal (const GArray *a, const GArray *b);

static void
field_criterion_clear (gpointer data)
{
  AffariFieldCriterion *c = data;

  g_clear_pointer (&c->value, g_free);
  g_clear_pointer (&c->from, g_free);
  g_clear_pointer (&c->to, g_free);
}

static GArray *
criteria_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (AffariFieldCriterion));

  g_array_set_clear_func (array, field_criterion_clear);
  return array;
}

/* A deep copy (NULL when @src holds none). */
static GArray *
criteria_copy (const GArray *src)
{
  GArray *copy;

  if (src == NULL || src->len == 0)
    return NULL;
  copy = criteria_new ();
  for (guint i = 0; i < src->len; i++)
    {
      const AffariFieldCriterion *c = &g_array_index (src, AffariFieldCriterion, i);
      AffariFieldCriterion dup = { c->field_id, c->match, g_strdup (c->value), g_strdup (c->from), g_strdup (c->to) };

      g_array_append_val (copy, dup);
    }
  return copy;
}
static gboolean date_range_equal (const AffariDateRange *a, const AffariDateRange *b);

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
  copy->stage_ids = query->stage_ids ? g_array_copy (query->stage_ids) : NULL;
  copy->assigned_ids = query->assigned_ids ? g_array_copy (query->assigned_ids) : NULL;
  copy->type_id = g_strdup (query->type_id);
  copy->source_id = g_strdup (query->source_id);
  date_range_copy (&copy->created, &query->created);
  date_range_copy (&copy->begin, &query->begin);
  date_range_copy (&copy->close, &query->close);
  date_range_copy (&copy->closed_on, &query->closed_on);
  copy->field_criteria = criteria_copy (query->field_criteria);

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
  g_clear_pointer (&query->stage_ids, g_array_unref);
  g_clear_pointer (&query->assigned_ids, g_array_unref);
  g_free (query->type_id);
  g_free (query->source_id);
  date_range_clear (&query->created);
  date_range_clear (&query->begin);
  date_range_clear (&query->close);
  date_range_clear (&query->closed_on);
  g_clear_pointer (&query->field_criteria, g_array_unref);
  g_free (query);
}

void
affari_deal_query_clear (AffariDealQuery *query)
{
  g_return_if_fail (query != NULL);

  affari_deal_query_free (g_memdup2 (query, sizeof *query));
  memset (query, 0, sizeof *query);
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
         !a->descending == !b->descending &&
         ids_equal (a->stage_ids, b->stage_ids) &&
         ids_equal (a->assigned_ids, b->assigned_ids) &&
         !a->assigned_to_me == !b->assigned_to_me &&
         filter_text_equal (a->type_id, b->type_id) &&
         filter_text_equal (a->source_id, b->source_id) &&
         date_range_equal (&a->created, &b->created) &&
         date_range_equal (&a->begin, &b->begin) &&
         date_range_equal (&a->close, &b->close) &&
         date_range_equal (&a->closed_on, &b->closed_on) &&
         a->repeat == b->repeat &&
         a->activity == b->activity &&
         criteria_equal (a->field_criteria, b->field_criteria);
}

static gboolean
ids_equal (const GArray *a, const GArray *b)
{
  guint na = a ? a->len : 0, nb = b ? b->len : 0;

  if (na != nb)
    return FALSE;
  return na == 0 || memcmp (a->data, b->data, na * sizeof (gint64)) == 0;
}

/* The same criteria, in any order. */
static gboolean
criteria_equal (const GArray *a, const GArray *b)
{
  guint na = a ? a->len : 0, nb = b ? b->len : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    {
      const AffariFieldCriterion *x = &g_array_index (a, AffariFieldCriterion, i);
      gboolean found = FALSE;

      for (guint j = 0; j < nb && !found; j++)
        {
          const AffariFieldCriterion *y = &g_array_index (b, AffariFieldCriterion, j);

          found = x->field_id == y->field_id && x->match == y->match &&
                  filter_text_equal (x->value, y->value) && filter_text_equal (x->from, y->from) &&
                  filter_text_equal (x->to, y->to);
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static gboolean
date_range_equal (const AffariDateRange *a, const AffariDateRange *b)
{
  if (a->period != b->period)
    return FALSE;
  if (a->period == AFFARI_PERIOD_LAST_DAYS)
    return a->days == b->days;
  if (a->period == AFFARI_PERIOD_BETWEEN)
    return filter_text_equal (a->from, b->from) && filter_text_equal (a->to, b->to);
  return TRUE;
}

/* ------------------------------------------------------------ date ranges */

static char *
format_date (GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

gboolean
affari_date_range_resolve (const AffariDateRange *range,
                           const char            *today,
                           char                 **out_from,
                           char                 **out_to)
{
  GDate from, to;
  int y = 0, m = 0, d = 0;

  *out_from = *out_to = NULL;
  if (range == NULL || range->period == AFFARI_PERIOD_ANY)
    return FALSE;
  if (range->period == AFFARI_PERIOD_BETWEEN)
    {
      if ((range->from == NULL || *range->from == '\0') && (range->to == NULL || *range->to == '\0'))
        return FALSE;
      *out_from = range->from && *range->from ? g_strdup (range->from) : NULL;
      *out_to = range->to && *range->to ? g_strdup (range->to) : NULL;
      return TRUE;
    }

  if (today == NULL || sscanf (today, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, d, m, y);
  to = from;

  switch (range->period)
    {
    case AFFARI_PERIOD_TODAY:
      break;
    case AFFARI_PERIOD_THIS_WEEK:
      /* Italian weeks start on Monday */
      g_date_subtract_days (&from, g_date_get_weekday (&from) - G_DATE_MONDAY);
      to = from;
      g_date_add_days (&to, 6);
      break;
    case AFFARI_PERIOD_THIS_MONTH:
      g_date_set_day (&from, 1);
      g_date_set_day (&to, g_date_get_days_in_month (m, y));
      break;
    case AFFARI_PERIOD_LAST_DAYS:
      g_date_subtract_days (&from, MAX (range->days, 1) - 1);
      break;
    case AFFARI_PERIOD_THIS_QUARTER:
      {
        int first = ((m - 1) / 3) * 3 + 1;
        g_date_set_dmy (&from, 1, first, y);
        g_date_set_dmy (&to, g_date_get_days_in_month (first + 2, y), first + 2, y);
      }
      break;
    case AFFARI_PERIOD_ANY:
    case AFFARI_PERIOD_BETWEEN:
    default:
      return FALSE;
    }

  *out_from = format_date (&from);
  *out_to = format_date (&to);
  return TRUE;
}

/* ------------------------------------------------------------ filters */

gboolean
affari_deal_query_has_filter (const AffariDealQuery *q)
{
  AffariDealQuery empty = { 0 };
  AffariDealQuery only_filter;

  if (q == NULL)
    return FALSE;
  only_filter = *q;
  only_filter.pipeline_id = 0;
  only_filter.stage_id = 0;
  only_filter.sort = 0;
  only_filter.descending = FALSE;
  only_filter.include_deleted = FALSE;
  return !affari_deal_query_equal (&only_filter, &empty);
}

#define REPLACE_STR(field) G_STMT_START { g_free (query->field); query->field = g_strdup (filter->field); } G_STMT_END
#define REPLACE_IDS(field) G_STMT_START { g_clear_pointer (&query->field, g_array_unref); \
    if (filter->field != NULL) query->field = g_array_copy (filter->field); } G_STMT_END

void
affari_deal_query_merge_filter (AffariDealQuery       *query,
                                const AffariDealQuery *filter)
{
  AffariDealQuery empty = { .closed = AFFARI_CLOSED_ANY };

  g_return_if_fail (query != NULL);

  if (filter == NULL)
    filter = &empty;
  if (filter == query)
    return;

  query->semantics_mask = filter->semantics_mask;
  query->closed = filter->closed;
  query->assigned_by_id = filter->assigned_by_id;
  query->company_id = filter->company_id;
  REPLACE_STR (text);
  REPLACE_STR (currency);
  query->has_amount_min = filter->has_amount_min;
  query->amount_min = filter->amount_min;
  query->has_amount_max = filter->has_amount_max;
  query->amount_max = filter->amount_max;
  REPLACE_STR (close_date_from);
  REPLACE_STR (close_date_to);
  REPLACE_IDS (stage_ids);
  REPLACE_IDS (assigned_ids);
  query->assigned_to_me = filter->assigned_to_me;
  REPLACE_STR (type_id);
  REPLACE_STR (source_id);
  date_range_clear (&query->created);
  date_range_copy (&query->created, &filter->created);
  date_range_clear (&query->begin);
  date_range_copy (&query->begin, &filter->begin);
  date_range_clear (&query->close);
  date_range_copy (&query->close, &filter->close);
  date_range_clear (&query->closed_on);
  date_range_copy (&query->closed_on, &filter->closed_on);
  query->repeat = filter->repeat;
  query->activity = filter->activity;
  g_clear_pointer (&query->field_criteria, g_array_unref);
  query->field_criteria = criteria_copy (filter->field_criteria);
}

/* ------------------------------------------------------------ custom fields */

void
affari_deal_query_set_field_criterion (AffariDealQuery *query,
                                       gint64           field_id,
                                       AffariFieldMatch match,
                                       const char      *value,
                                       const char      *from,
                                       const char      *to)
{
  AffariFieldCriterion c = { field_id, match, NULL, NULL, NULL };

  g_return_if_fail (query != NULL);
  g_return_if_fail (field_id > 0);

  /* Copied before the old one goes, in case the strings point into it. */
  c.value = value && *value ? g_strdup (value) : NULL;
  c.from = from && *from ? g_strdup (from) : NULL;
  c.to = to && *to ? g_strdup (to) : NULL;
  affari_deal_query_remove_field_criterion (query, field_id);
  if (query->field_criteria == NULL)
    query->field_criteria = criteria_new ();
  g_array_append_val (query->field_criteria, c);
}

const AffariFieldCriterion *
affari_deal_query_get_field_criterion (const AffariDealQuery *query,
                                       gint64                 field_id)
{
  g_return_val_if_fail (query != NULL, NULL);

  for (guint i = 0; query->field_criteria != NULL && i < query->field_criteria->len; i++)
    if (g_array_index (query->field_criteria, AffariFieldCriterion, i).field_id == field_id)
      return &g_array_index (query->field_criteria, AffariFieldCriterion, i);
  return NULL;
}

gboolean
affari_deal_query_remove_field_criterion (AffariDealQuery *query,
                                          gint64           field_id)
{
  g_return_val_if_fail (query != NULL, FALSE);

  for (guint i = 0; query->field_criteria != NULL && i < query->field_criteria->len; i++)
    if (g_array_index (query->field_criteria, AffariFieldCriterion, i).field_id == field_id)
      {
        g_array_remove_index (query->field_criteria, i);
        if (query->field_criteria->len == 0)
          g_clear_pointer (&query->field_criteria, g_array_unref);
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------ saved filters */

static void
add_ids (GVariantDict *dict, const char *key, const GArray *ids)
{
  if (ids == NULL || ids->len == 0)
    return;
  g_variant_dict_insert_value (dict, key,
                               g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids->data, ids->len, sizeof (gint64)));
}

static void
add_str (GVariantDict *dict, const char *key, const char *value)
{
  if (value != NULL && *value != '\0')
    g_variant_dict_insert (dict, key, "s", value);
}

static void
add_range (GVariantDict *dict, const char *key, const AffariDateRange *r)
{
  if (r->period == AFFARI_PERIOD_ANY)
    return;
  g_variant_dict_insert (dict, key, "(iiss)", (gint32) r->period, (gint32) r->days,
                         r->from ? r->from : "", r->to ? r->to : "");
}

char *
affari_deal_query_serialize (const AffariDealQuery *q)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GVariant) value = NULL;

  g_return_val_if_fail (q != NULL, NULL);

  g_variant_dict_insert (&dict, "version", "i", 1);
  if (q->semantics_mask)
    g_variant_dict_insert (&dict, "semantics", "u", q->semantics_mask);
  if (q->closed)
    g_variant_dict_insert (&dict, "closed", "i", (gint32) q->closed);
  if (q->assigned_by_id)
    g_variant_dict_insert (&dict, "assigned", "x", q->assigned_by_id);
  if (q->company_id)
    g_variant_dict_insert (&dict, "company", "x", q->company_id);
  add_str (&dict, "text", q->text);
  add_str (&dict, "currency", q->currency);
  if (q->has_amount_min)
    g_variant_dict_insert (&dict, "amount-min", "x", q->amount_min);
  if (q->has_amount_max)
    g_variant_dict_insert (&dict, "amount-max", "x", q->amount_max);
  add_str (&dict, "close-from", q->close_date_from);
  add_str (&dict, "close-to", q->close_date_to);
  add_ids (&dict, "stages", q->stage_ids);
  add_ids (&dict, "responsible", q->assigned_ids);
  if (q->assigned_to_me)
    g_variant_dict_insert (&dict, "mine", "b", TRUE);
  add_str (&dict, "type", q->type_id);
  add_str (&dict, "source", q->source_id);
  add_range (&dict, "created", &q->created);
  add_range (&dict, "begin", &q->begin);
  add_range (&dict, "close", &q->close);
  add_range (&dict, "closed-on", &q->closed_on);
  if (q->repeat)
    g_variant_dict_insert (&dict, "repeat", "i", (gint32) q->repeat);
  if (q->activity)
    g_variant_dict_insert (&dict, "activity", "i", (gint32) q->activity);
  if (q->field_criteria != NULL && q->field_criteria->len > 0)
    {
      GVariantBuilder builder;

      g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(xisss)"));
      for (guint i = 0; i < q->field_criteria->len; i++)
        {
          const AffariFieldCriterion *c = &g_array_index (q->field_criteria, AffariFieldCriterion, i);

          g_variant_builder_add (&builder, "(xisss)", c->field_id, (gint32) c->match,
                                 c->value ? c->value : "", c->from ? c->from : "", c->to ? c->to : "");
        }
      g_variant_dict_insert_value (&dict, "fields", g_variant_builder_end (&builder));
    }
  value = g_variant_ref_sink (g_variant_dict_end (&dict));
  return g_variant_print (value, TRUE);
}

static GArray *
lookup_ids (GVariantDict *dict, const char *key)
{
  g_autoptr(GVariant) v = g_variant_dict_lookup_value (dict, key, G_VARIANT_TYPE ("ax"));
  const gint64 *ids;
  gsize n = 0;
  GArray *array;

  if (v == NULL)
    return NULL;
  ids = g_variant_get_fixed_array (v, &n, sizeof (gint64));
  array = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  g_array_append_vals (array, ids, n);
  return array;
}

static char *
lookup_str (GVariantDict *dict, const char *key)
{
  char *value = NULL;

  if (g_variant_dict_lookup (dict, key, "s", &value) && *value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static void
lookup_range (GVariantDict *dict, const char *key, AffariDateRange *r)
{
  gint32 period, days;
  char *from, *to;

  if (!g_variant_dict_lookup (dict, key, "(iiss)", &period, &days, &from, &to))
    return;
  r->period = CLAMP (period, AFFARI_PERIOD_ANY, AFFARI_PERIOD_BETWEEN);
  r->days = days;
  r->from = *from ? from : (g_free (from), NULL);
  r->to = *to ? to : (g_free (to), NULL);
}

AffariDealQuery *
affari_deal_query_deserialize (const char *text, GError **error)
{
  g_autoptr(GVariant) value = NULL;
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  AffariDealQuery *q;
  gint32 i;

  value = g_variant_parse (G_VARIANT_TYPE_VARDICT, text, NULL, NULL, error);
  if (value == NULL)
    return NULL;

  g_variant_dict_clear (&dict);
  g_variant_dict_init (&dict, value);
  q = affari_deal_query_new ();
  g_variant_dict_lookup (&dict, "semantics", "u", &q->semantics_mask);
  if (g_variant_dict_lookup (&dict, "closed", "i", &i))
    q->closed = CLAMP (i, AFFARI_CLOSED_ANY, AFFARI_CLOSED_CLOSED_ONLY);
  g_variant_dict_lookup (&dict, "assigned", "x", &q->assigned_by_id);
  g_variant_dict_lookup (&dict, "company", "x", &q->company_id);
  q->text = lookup_str (&dict, "text");
  q->currency = lookup_str (&dict, "currency");
  q->has_amount_min = g_variant_dict_lookup (&dict, "amount-min", "x", &q->amount_min);
  q->has_amount_max = g_variant_dict_lookup (&dict, "amount-max", "x", &q->amount_max);
  q->close_date_from = lookup_str (&dict, "close-from");
  q->close_date_to = lookup_str (&dict, "close-to");
  q->stage_ids = lookup_ids (&dict, "stages");
  q->assigned_ids = lookup_ids (&dict, "responsible");
  g_variant_dict_lookup (&dict, "mine", "b", &q->assigned_to_me);
  q->type_id = lookup_str (&dict, "type");
  q->source_id = lookup_str (&dict, "source");
  lookup_range (&dict, "created", &q->created);
  lookup_range (&dict, "begin", &q->begin);
  lookup_range (&dict, "close", &q->close);
  lookup_range (&dict, "closed-on", &q->closed_on);
  if (g_variant_dict_lookup (&dict, "repeat", "i", &i))
    q->repeat = CLAMP (i, AFFARI_REPEAT_ANY, AFFARI_REPEAT_NONE);
  if (g_variant_dict_lookup (&dict, "activity", "i", &i))
    q->activity = CLAMP (i, AFFARI_ACTIVITY_FILTER_ANY, AFFARI_ACTIVITY_FILTER_OVERDUE);
  {
    g_autoptr(GVariantIter) iter = NULL;
    gint64 field_id = 0;

    if (g_variant_dict_lookup (&dict, "fields", "a(xisss)", &iter))
      {
        const char *value, *from, *to;
        gint32 match;

        while (g_variant_iter_loop (iter, "(xi&s&s&s)", &field_id, &match, &value, &from, &to))
          if (field_id > 0 && match >= AFFARI_FIELD_MATCH_EQUALS && match <= AFFARI_FIELD_MATCH_DATE)
            affari_deal_query_set_field_criterion (q, field_id, match, value, from, to);
      }
    /* Filters saved before there were several criteria: one value that must be equal. */
    if (g_variant_dict_lookup (&dict, "field", "x", &field_id) && field_id > 0)
      {
        g_autofree char *value = lookup_str (&dict, "field-value");
        affari_deal_query_set_field_criterion (q, field_id, AFFARI_FIELD_MATCH_EQUALS, value, NULL, NULL);
      }
  }
  return q;
}
