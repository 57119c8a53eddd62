/* affari-recurrence.h — the schedule of a regular deal ("Affari regolari") and its day arithmetic
 *
 * Pure functions on calendar days: no store, no GTK. A template deal is repeated regularly
 * (every N days, weeks, months or years from its start day) or only once (N units before a day);
 * it stops never, after a day (inclusive) or after N deals. Occurrence k is always computed from
 * the start day (start + k·N units, clamped to the month's end), never from the previous one, so
 * a monthly template started on 31 January falls on 28/29 February, 31 March, 30 April.
 *
 * Days are "YYYY-MM-DD" text (as in the database) held in the struct itself: the settings are a
 * plain value, copied with "=".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  AFFARI_RECURRENCE_NONE = 0,    /* "Non ripetere" */
  AFFARI_RECURRENCE_MULTIPLE,    /* "Regolarmente": every N units from the start day */
  AFFARI_RECURRENCE_SINGLE,      /* "Solo una volta": N units before the start day */
} AffariRecurrenceMode;

typedef enum {
  AFFARI_TIME_UNIT_DAY = 0,
  AFFARI_TIME_UNIT_WEEK,
  AFFARI_TIME_UNIT_MONTH,
  AFFARI_TIME_UNIT_YEAR,
} AffariTimeUnit;

typedef enum {
  AFFARI_RECURRENCE_STOP_NEVER = 0,   /* "Mai" */
  AFFARI_RECURRENCE_STOP_DATE,        /* "alla data": no deal after the limit day */
  AFFARI_RECURRENCE_STOP_TIMES,       /* "dopo N volte" */
} AffariRecurrenceStop;

#define AFFARI_DAY_TEXT_SIZE 11   /* "YYYY-MM-DD" and its NUL */
#define AFFARI_RECURRENCE_MAX_N 1000

typedef struct {
  AffariRecurrenceMode mode;
  AffariTimeUnit unit;            /* MULTIPLE: every @interval @unit */
  guint interval;
  AffariTimeUnit before_unit;     /* SINGLE: @before_value @before_unit before @start_date */
  guint before_value;
  char start_date[AFFARI_DAY_TEXT_SIZE];   /* "Inizia il" */
  AffariRecurrenceStop stop;
  char limit_date[AFFARI_DAY_TEXT_SIZE];   /* STOP_DATE */
  guint limit_times;                       /* STOP_TIMES */
  gint64 pipeline_id;             /* where new deals go; 0 = the template's pipeline */
  /* The begin and close day of new deals: the template's own value, or (when the flag is set)
   * the creation day plus an offset. */
  gboolean begin_offset;
  AffariTimeUnit begin_unit;
  guint begin_value;
  gboolean close_offset;
  AffariTimeUnit close_unit;
  guint close_value;
} AffariRecurrence;

/* A template as the store lists it: its schedule row and its hidden deal. */
typedef struct {
  gint64 id;                       /* the schedule ("modello ricorrente #id") */
  gint64 deal_id;                  /* the template deal (is_recurring = 1) */
  gint64 based_id;                 /* the deal it was copied from; 0 when gone or none */
  char *title;
  char *pipeline_name;             /* where new deals go */
  gboolean active;
  guint counter;                   /* deals made so far */
  char next_date[AFFARI_DAY_TEXT_SIZE];   /* "" when inactive */
  char last_date[AFFARI_DAY_TEXT_SIZE];   /* the due day of the last deal made; "" before the first */
  AffariRecurrence settings;
} AffariRecurringTemplate;

void         affari_recurring_template_free  (AffariRecurringTemplate *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariRecurringTemplate, affari_recurring_template_free)

/* The defaults of the card: every month from @today ("YYYY-MM-DD"), never stopping. */
void         affari_recurrence_init_defaults (AffariRecurrence *self, const char *today);

/* "day", "week", "month", "year" (the database and the command line) and back. */
const char  *affari_time_unit_to_code        (AffariTimeUnit unit);
gboolean     affari_time_unit_from_code      (const char *code, AffariTimeUnit *out);
const char  *affari_recurrence_mode_to_code  (AffariRecurrenceMode mode);  /* "none", "multiple", "single" */
AffariRecurrenceMode affari_recurrence_mode_from_code (const char *code);
/* 'N', 'D', 'T' as Bitrix24's IS_LIMIT. */
char         affari_recurrence_stop_to_code  (AffariRecurrenceStop stop);
AffariRecurrenceStop affari_recurrence_stop_from_code (char code);

/* A strict "YYYY-MM-DD" of a real day into @out (either may be NULL to only check). */
gboolean     affari_day_parse                (const char *text, GDate *out);
/* @date as "YYYY-MM-DD" into @buf (AFFARI_DAY_TEXT_SIZE bytes). */
void         affari_day_format               (const GDate *date, char *buf);
/* Adds @n (negative: subtracts) units to @date, clamping to the end of a shorter month:
 * 31 Jan + 1 month = 28 (29) Feb; 29 Feb 2028 + 1 year = 28 Feb 2029. FALSE (and @date unchanged)
 * when the result is outside GDate's range. */
gboolean     affari_day_add                  (GDate *date, AffariTimeUnit unit, gint64 n);

/* Checks the settings a person typed; FALSE with an AFFARI_ERROR_INVALID sentence that says what
 * to fix. A NONE schedule is valid (it means "stop"). */
gboolean     affari_recurrence_validate      (const AffariRecurrence *self, GError **error);
/* Occurrence @k (0 = the first) into @out: start + k·interval units (MULTIPLE), start − before
 * units (SINGLE, only k = 0). FALSE when there is no such occurrence. */
gboolean     affari_recurrence_occurrence    (const AffariRecurrence *self, guint k, GDate *out);
/* The first occurrence strictly after @after (NULL: none) and on or after @not_before (NULL:
 * none). FALSE when there is none (a single deal already past). */
gboolean     affari_recurrence_first_after   (const AffariRecurrence *self, const GDate *after,
                                              const GDate *not_before, GDate *out);
/* Whether the stop rule lets a deal due on @due be made when @counter deals were made already. */
gboolean     affari_recurrence_allows        (const AffariRecurrence *self, guint counter, const GDate *due);
/* The begin ("Data di inizio") and close ("Data di chiusura prevista") days of the deal due on
 * @due: a newly allocated "YYYY-MM-DD", or NULL for the template's own value. */
char        *affari_recurrence_begin_date    (const AffariRecurrence *self, const GDate *due);
char        *affari_recurrence_close_date    (const AffariRecurrence *self, const GDate *due);
/* "3 di 12" (a limit of times) or "3": the counter of a template as the list shows it. */
char        *affari_recurring_template_describe_counter (const AffariRecurringTemplate *self);
/* The limit as the list shows it: "Mai", "fino al 31/12/2027", "12 volte", "una volta". */
char        *affari_recurring_template_describe_limit (const AffariRecurringTemplate *self);
/* "dd/mm/yyyy" of a "YYYY-MM-DD" day; "" for an empty or invalid one. */
char        *affari_day_display                (const char *day);
/* "The next deal will be created on 27/11/2026" (translated). */
char        *affari_recurrence_describe_next (const GDate *next);

G_END_DECLS
