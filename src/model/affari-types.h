/* affari-types.h — enums and small value types shared by every layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The longest title or name (a deal's title, a company, a stage…), and the longest text (a
 * comment), in characters: the store refuses more, the windows stop the typing there. */
#define AFFARI_MAX_TITLE_CHARS 255
#define AFFARI_MAX_TEXT_CHARS  100000

/* Stage semantics, as Bitrix24's STAGE_SEMANTIC_ID: P in progress, S won, F lost. */
typedef enum {
  AFFARI_SEMANTICS_PROCESS = 0,
  AFFARI_SEMANTICS_SUCCESS = 1,
  AFFARI_SEMANTICS_FAILURE = 2,
} AffariSemantics;

typedef enum {
  AFFARI_ACTIVITY_CALL = 0,
  AFFARI_ACTIVITY_MEETING,
  AFFARI_ACTIVITY_TASK,
  AFFARI_ACTIVITY_EMAIL,
} AffariActivityType;

/* History event types (the "type" column of the timeline). */
typedef enum {
  AFFARI_EVENT_CREATED = 0,
  AFFARI_EVENT_FIELD,      /* a field changed: field, old and new value */
  AFFARI_EVENT_STAGE,      /* moved to another stage */
  AFFARI_EVENT_PIPELINE,   /* moved to another pipeline */
  AFFARI_EVENT_PRODUCT,    /* product rows changed */
  AFFARI_EVENT_ACTIVITY,   /* activity planned / done / removed */
  AFFARI_EVENT_COMMENT,    /* comment added to the timeline */
  AFFARI_EVENT_CLOSED,     /* closed as won or lost */
  AFFARI_EVENT_REOPENED,
  AFFARI_EVENT_TRASHED,
  AFFARI_EVENT_RESTORED,
  AFFARI_EVENT_UNDONE,      /* a change undone or redone (Ctrl+Z, Ctrl+Shift+Z) */
} AffariEventType;

/* Sort keys of deal queries; every one is evaluated in SQL. */
typedef enum {
  AFFARI_DEAL_SORT_POSITION = 0, /* stage order, then the position inside the stage */
  AFFARI_DEAL_SORT_TITLE,
  AFFARI_DEAL_SORT_AMOUNT,
  AFFARI_DEAL_SORT_DATE_CREATE,
  AFFARI_DEAL_SORT_BEGIN_DATE,
  AFFARI_DEAL_SORT_CLOSE_DATE,
  AFFARI_DEAL_SORT_STAGE,
  AFFARI_DEAL_SORT_CLIENT,
  AFFARI_DEAL_SORT_RESPONSIBLE,
  AFFARI_DEAL_SORT_PROBABILITY,
  AFFARI_DEAL_SORT_DATE_MODIFY,
  /* ---- list and filters ---- */
  AFFARI_DEAL_SORT_CURRENCY,
  AFFARI_DEAL_SORT_TYPE,
  AFFARI_DEAL_SORT_SOURCE,
  AFFARI_DEAL_SORT_NEXT_ACTIVITY,
  AFFARI_DEAL_SORT_REPEAT,
} AffariDealSort;

/* Filter on the closed state of deals. */
typedef enum {
  AFFARI_CLOSED_ANY = 0,
  AFFARI_CLOSED_OPEN_ONLY,
  AFFARI_CLOSED_CLOSED_ONLY,
} AffariClosedFilter;

/* Count and sum of one stage in one currency. */
typedef struct {
  gint64 stage_id;
  char   currency[4];
  guint  count;
  gint64 sum;          /* minor units */
} AffariStageTotal;

const char      *affari_semantics_to_code   (AffariSemantics semantics);
AffariSemantics  affari_semantics_from_code (const char *code);
const char      *affari_activity_type_to_string   (AffariActivityType type);
gboolean         affari_activity_type_from_string (const char *str, AffariActivityType *out);
const char      *affari_activity_type_label       (AffariActivityType type);
const char      *affari_event_type_to_string      (AffariEventType type);
AffariEventType  affari_event_type_from_string    (const char *str);

G_END_DECLS
