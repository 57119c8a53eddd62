/* affari-deal-query.h — which deals a view shows, and in what order
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <glib-object.h>
#include "affari-types.h"
G_BEGIN_DECLS

#define AFFARI_TYPE_DEAL_QUERY (affari_deal_query_get_type ())

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
} AffariDealQuery;

GType            affari_deal_query_get_type (void) G_GNUC_CONST;
AffariDealQuery *affari_deal_query_new      (void);
AffariDealQuery *affari_deal_query_copy     (const AffariDealQuery *query);
void             affari_deal_query_free     (AffariDealQuery *query);
void             affari_deal_query_set_text (AffariDealQuery *query, const char *text);
gboolean         affari_deal_query_equal    (const AffariDealQuery *a, const AffariDealQuery *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariDealQuery, affari_deal_query_free)
G_END_DECLS
