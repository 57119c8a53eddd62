/* affari-deal-query.h — which deals a view shows, and in what order
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <glib-object.h>
#include "affari-types.h"
G_BEGIN_DECLS

#define AFFARI_TYPE_DEAL_QUERY (affari_deal_query_get_type ())

/* Relative periods of a date criterion, resolved against the store's "now" in local time. */
typedef enum {
  AFFARI_PERIOD_ANY = 0,
  AFFARI_PERIOD_TODAY,
  AFFARI_PERIOD_THIS_WEEK,      /* Monday to Sunday */
  AFFARI_PERIOD_THIS_MONTH,
  AFFARI_PERIOD_LAST_DAYS,      /* the last @days days, today included */
  AFFARI_PERIOD_THIS_QUARTER,
  AFFARI_PERIOD_BETWEEN,        /* @from and @to, inclusive, either may be NULL */
} AffariPeriod;

typedef struct {
  AffariPeriod period;
  int    days;
  char  *from;                  /* "YYYY-MM-DD" */
  char  *to;
} AffariDateRange;

typedef enum {
  AFFARI_REPEAT_ANY = 0,
  AFFARI_REPEAT_ONLY,           /* repeat deal or repeated inquiry */
  AFFARI_REPEAT_NONE,
} AffariRepeatFilter;

typedef enum {
  AFFARI_ACTIVITY_FILTER_ANY = 0,
  AFFARI_ACTIVITY_FILTER_NONE_PLANNED, /* no open activity */
  AFFARI_ACTIVITY_FILTER_OVERDUE,      /* an open activity past its deadline */
} AffariActivityFilter;

/* How a custom field criterion matches the field's value (its machine form). */
typedef enum {
  AFFARI_FIELD_MATCH_EQUALS = 0,  /* list fields: @value is the item id */
  AFFARI_FIELD_MATCH_FLAG,        /* yes/no: @value "1" or "0" (an unset field is "no") */
  AFFARI_FIELD_MATCH_CONTAINS,    /* text and link: @value is found in it, case folded */
  AFFARI_FIELD_MATCH_NUMBER,      /* number: @from..@to inclusive ("12.5"), either may be NULL */
  AFFARI_FIELD_MATCH_MONEY,       /* money: @from..@to in decimal ("1234.50"); @value a currency or NULL */
  AFFARI_FIELD_MATCH_DATE,        /* date: @from..@to inclusive ("YYYY-MM-DD"), either may be NULL */
} AffariFieldMatch;

typedef struct {
  gint64 field_id;
  AffariFieldMatch match;
  char  *value;
  char  *from;
  char  *to;
} AffariFieldCriterion;

/* A plain value: copy it freely. Zero / NULL fields do not filter. */
typedef struct {
  gint64 pipeline_id;
  gint64 stage_id;
  guint  semantics_mask;        /* bit (1 << AffariSemantics); 0 = every semantics */
  AffariClosedFilter closed;
  gint64 assigned_by_id;
  gint64 company_id;
  char  *text;                  /* words searched in title, client and comments */
  char  *currency;
  gboolean has_amount_min;
  gint64 amount_min;
  gboolean has_amount_max;
  gint64 amount_max;
  char  *close_date_from;       /* inclusive "YYYY-MM-DD" */
  char  *close_date_to;         /* inclusive */
  gboolean include_deleted;     /* only the trash when TRUE */
  AffariDealSort sort;
  gboolean descending;

  /* ---- list and filters (additive: a zeroed field does not filter) ---- */
  GArray *stage_ids;            /* gint64: any of these stages; NULL or empty = every stage */
  GArray *assigned_ids;         /* gint64: any of these responsible people */
  gboolean assigned_to_me;      /* the store's current user, resolved when the query runs */
  char  *type_id;
  char  *source_id;
  AffariDateRange created;      /* date_create */
  AffariDateRange begin;        /* begin_date (Data di inizio) */
  AffariDateRange close;        /* close_date (Data di chiusura prevista) */
  AffariDateRange closed_on;    /* closed_at: the day closed deals were closed */
  AffariRepeatFilter repeat;
  AffariActivityFilter activity;
  GArray *field_criteria;       /* AffariFieldCriterion, all must hold; at most one per field */
} AffariDealQuery;

GType            affari_deal_query_get_type (void) G_GNUC_CONST;
AffariDealQuery *affari_deal_query_new      (void);
AffariDealQuery *affari_deal_query_copy     (const AffariDealQuery *query);
void             affari_deal_query_free     (AffariDealQuery *query);
void             affari_deal_query_set_text (AffariDealQuery *query, const char *text);
gboolean         affari_deal_query_equal    (const AffariDealQuery *a, const AffariDealQuery *b);
/* Resolves @range against @today ("YYYY-MM-DD", local) into inclusive dates; FALSE when it does
 * not filter. */
gboolean         affari_date_range_resolve  (const AffariDateRange *range, const char *today,
                                             char **out_from, char **out_to);
/* Whether @query filters on anything but the pipeline, the stage column and the order. */
gboolean         affari_deal_query_has_filter (const AffariDealQuery *query);
/* Copies every filter criterion of @filter into @query (not the pipeline, stage or order). */
void             affari_deal_query_merge_filter (AffariDealQuery *query, const AffariDealQuery *filter);
/* Sets the criterion on @field_id (replacing the one it had); strings are copied. */
void             affari_deal_query_set_field_criterion    (AffariDealQuery *query, gint64 field_id,
                                                           AffariFieldMatch match, const char *value,
                                                           const char *from, const char *to);
/* The criterion on @field_id, or NULL. */
const AffariFieldCriterion *affari_deal_query_get_field_criterion (const AffariDealQuery *query, gint64 field_id);
/* Removes the criterion on @field_id; FALSE when there was none. */
gboolean         affari_deal_query_remove_field_criterion (AffariDealQuery *query, gint64 field_id);
/* Frees what the fields of a stack-allocated @query own and zeroes it. */
void             affari_deal_query_clear    (AffariDealQuery *query);
/* A saved filter as text (a GVariant dictionary), and back (NULL when it cannot be read). */
char            *affari_deal_query_serialize   (const AffariDealQuery *query);
AffariDealQuery *affari_deal_query_deserialize (const char *text, GError **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariDealQuery, affari_deal_query_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AffariDealQuery, affari_deal_query_clear)
G_END_DECLS
