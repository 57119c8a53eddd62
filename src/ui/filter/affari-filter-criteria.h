/* affari-filter-criteria.h — the criteria of a filter in words, and typed bounds in machine form
 *
 * No GTK here: the bar and the popover turn these into chips and controls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

/* Which criterion a chip stands for (what its ✕ removes). */
typedef enum {
  AFFARI_FILTER_CHIP_TEXT,
  AFFARI_FILTER_CHIP_SEMANTICS,
  AFFARI_FILTER_CHIP_STAGES,
  AFFARI_FILTER_CHIP_RESPONSIBLE,
  AFFARI_FILTER_CHIP_MINE,
  AFFARI_FILTER_CHIP_AMOUNT,
  AFFARI_FILTER_CHIP_CURRENCY,
  AFFARI_FILTER_CHIP_CLIENT,
  AFFARI_FILTER_CHIP_TYPE,
  AFFARI_FILTER_CHIP_SOURCE,
  AFFARI_FILTER_CHIP_CREATED,
  AFFARI_FILTER_CHIP_BEGIN,
  AFFARI_FILTER_CHIP_CLOSE,
  AFFARI_FILTER_CHIP_CLOSED_ON,
  AFFARI_FILTER_CHIP_REPEAT,
  AFFARI_FILTER_CHIP_ACTIVITY,
  AFFARI_FILTER_CHIP_FIELD,
} AffariFilterChipKind;

/* One chip of the active filter. */
typedef struct {
  AffariFilterChipKind  kind;
  char                 *label;
  gint64                field_id;  /* AFFARI_FILTER_CHIP_FIELD only */
} AffariFilterChip;

/* The currencies the popover offers, in its order. */
extern const char * const affari_filter_currencies[];
#define AFFARI_FILTER_N_CURRENCIES 4

/* "Any time", "This month"… as the popover and the chips say it. */
const char *affari_filter_period_label           (AffariPeriod                 period);
/* The chips of @filter, in the order the bar shows them (AffariFilterChip, labels owned). */
GArray     *affari_filter_criteria_describe      (AffariWorkspace             *workspace,
                                                  const AffariDealQuery       *filter);
/* Takes away from @filter the criterion a chip of @kind stands for. */
void        affari_filter_criteria_remove        (AffariDealQuery             *filter,
                                                  AffariFilterChipKind         kind,
                                                  gint64                       field_id);
/* A bound of a range criterion in the entry of its field ("1.234,50" for money, without the
 * currency), or NULL. */
char       *affari_filter_criteria_bound_text    (const AffariCustomField     *field,
                                                  const AffariFieldCriterion  *criterion,
                                                  const char                  *bound);
/* A bound typed for @field in machine form ("12.5", "1234.50", "YYYY-MM-DD"); NULL with @error
 * (a message for the user) when it cannot be read. @text is not empty. */
char       *affari_filter_criteria_parse_bound   (const AffariCustomField     *field,
                                                  const char                  *text,
                                                  GError                     **error);
/* The date range a period drop-down shows: an explicit range of a saved filter (@old) stays
 * while "Any time" is not chosen over it. */
void        affari_filter_criteria_read_range    (AffariPeriod                 period,
                                                  int                          days,
                                                  const AffariDateRange       *old,
                                                  AffariDateRange             *range);

G_END_DECLS
