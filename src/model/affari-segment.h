/* affari-segment.h — the sales generator's segments of clients, its run settings and schedules
 *
 * A **client** is a company, or a contact who belongs to no company. The client of a deal is its
 * company; for a deal without a company, the company of its primary contact, else that contact.
 * Counts, previews and runs all use this one rule (affari-store-segments.c writes it in SQL), so
 * a contact of a company is reached through the company and never counted twice.
 *
 * A purchase is a won deal; its day is the day it was closed (deal.closed_at), or the day it was
 * created when that is unknown.
 *
 * System segments have the stable codes of Bitrix24's sales generator (crm_client_*, case_crm_*)
 * and repeat-sale rules (deal_every_*); saved custom segments are "custom_<id>": the clients of
 * the deals a list filter matches.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "affari-deal-query.h"

G_BEGIN_DECLS

typedef enum {
  AFFARI_SEGMENT_ALL,                /* crm_client_all */
  AFFARI_SEGMENT_DEAL_IN_WORK,       /* crm_client_deal_in_work */
  AFFARI_SEGMENT_DEAL_WON,           /* crm_client_deal_won */
  AFFARI_SEGMENT_DEAL_LOST,          /* crm_client_deal_loose */
  AFFARI_SEGMENT_BIRTHDAY,           /* case_crm_client_birthday: a contact's birthday in the next N days */
  AFFARI_SEGMENT_AFTER_DEAL_CLOSED,  /* case_crm_client_aft_deal_clo: a deal won exactly N days ago */
  AFFARI_SEGMENT_HOLIDAY,            /* case_crm_client_<holiday>: bought in that season of a past year */
  AFFARI_SEGMENT_PRODUCT,            /* crm_client_product: bought product X */
  AFFARI_SEGMENT_NO_PURCHASE_SINCE,  /* crm_client_no_purchase: bought before a day, not since */
  AFFARI_SEGMENT_EVERY_MONTH,        /* deal_every_month_year */
  AFFARI_SEGMENT_EVERY_HALF_YEAR,    /* deal_every_half_year */
  AFFARI_SEGMENT_EVERY_YEAR,         /* deal_every_year */
  AFFARI_SEGMENT_LOST_CLIENT,        /* deal_lost_more_12_month */
  AFFARI_SEGMENT_SLEEPING,           /* deal_activity_less_12_month */
  AFFARI_SEGMENT_CUSTOM,             /* custom_<id>: a saved segment */
} AffariSegmentKind;

typedef enum {
  AFFARI_SEGMENT_GROUP_CLIENTS,      /* "Clienti" */
  AFFARI_SEGMENT_GROUP_OCCASIONS,    /* "Ricorrenze" */
  AFFARI_SEGMENT_GROUP_REPEAT,       /* "Vendite ripetute" */
  AFFARI_SEGMENT_GROUP_CUSTOM,       /* "Personalizzati" */
} AffariSegmentGroup;

/* The parameter a segment takes. */
typedef enum {
  AFFARI_SEGMENT_PARAM_NONE,
  AFFARI_SEGMENT_PARAM_DAYS,
  AFFARI_SEGMENT_PARAM_PRODUCT,
  AFFARI_SEGMENT_PARAM_DATE,
} AffariSegmentParam;

/* Italian sales seasons (case_crm_client_<code>). */
typedef enum {
  AFFARI_HOLIDAY_SAN_VALENTINO,      /* 1–14 February */
  AFFARI_HOLIDAY_FESTA_DONNA,        /* 1–8 March */
  AFFARI_HOLIDAY_PASQUA,             /* the two weeks before Easter Sunday */
  AFFARI_HOLIDAY_FESTA_MAMMA,        /* 1 May to the second Sunday of May */
  AFFARI_HOLIDAY_SCUOLA,             /* back to school: 25 August – 15 September */
  AFFARI_HOLIDAY_BLACK_FRIDAY,       /* Black Friday week: the Monday before it to Cyber Monday */
  AFFARI_HOLIDAY_NATALE,             /* 1–24 December */
  AFFARI_N_HOLIDAYS
} AffariHoliday;

/* A segment and its parameters: a plain value, cleared with affari_segment_spec_clear (). */
typedef struct {
  AffariSegmentKind kind;
  AffariHoliday holiday;             /* AFFARI_SEGMENT_HOLIDAY */
  int days;                          /* birthday (default 5), after a deal (default 30) */
  gint64 product_id;                 /* AFFARI_SEGMENT_PRODUCT */
  char *since;                       /* "YYYY-MM-DD", AFFARI_SEGMENT_NO_PURCHASE_SINCE; NULL = a year ago */
  gint64 custom_id;                  /* AFFARI_SEGMENT_CUSTOM: the saved segment */
  char *custom_name;
  AffariDealQuery *query;            /* AFFARI_SEGMENT_CUSTOM: its criteria (owned) */
} AffariSegmentSpec;

/* The system segments, in the order the generator lists them. */
guint        affari_segment_n_system        (void);
/* Fills @spec with the @i-th system segment and its default parameters. */
void         affari_segment_spec_init_system (AffariSegmentSpec *spec, guint i);
/* Fills @spec from a code (system, or "custom_<id>": only the id is set); FALSE when unknown. */
gboolean     affari_segment_spec_init_from_code (AffariSegmentSpec *spec, const char *code);
void         affari_segment_spec_copy       (AffariSegmentSpec *dest, const AffariSegmentSpec *src);
void         affari_segment_spec_clear      (AffariSegmentSpec *spec);
char        *affari_segment_spec_dup_code   (const AffariSegmentSpec *spec);
/* The name shown (translated), e.g. "Compleanno nei prossimi giorni". */
char        *affari_segment_spec_dup_name   (const AffariSegmentSpec *spec);
/* One line saying what the segment selects, with its parameters. */
const char  *affari_segment_spec_describe   (const AffariSegmentSpec *spec);
AffariSegmentGroup affari_segment_spec_group (const AffariSegmentSpec *spec);
AffariSegmentParam affari_segment_spec_param (const AffariSegmentSpec *spec);
const char  *affari_segment_group_name      (AffariSegmentGroup group);
const char  *affari_holiday_code            (AffariHoliday holiday);

/* The season of @holiday in @year (inclusive days). */
void         affari_holiday_window          (AffariHoliday holiday, int year, GDate *from, GDate *to);
/* Easter Sunday of @year (Gregorian). */
void         affari_easter_sunday           (int year, GDate *out);
/* The "MM-DD" of the birthdays that fall from @today to @days days after it, inclusive: a
 * birthday on 29 February is celebrated on 28 February in a year without one. */
GPtrArray   *affari_segment_birthday_days   (const GDate *today, int days);
/* The two windows (inclusive days) in which a periodic buyer bought, for a run on @today:
 * W(i) = [today + 7 days + interval_i, + period − 1 day]; year {−1 y, −2 y} with a month,
 * half year {−6 m, −1 y} with a month, month {−1 m, −2 m} with a week. */
void         affari_segment_repeat_windows  (AffariSegmentKind kind, const GDate *today, GDate from[2], GDate to[2]);
/* The local day of @unix_time (the store's "now"). */
void         affari_segment_day_of          (gint64 unix_time, GDate *out);
/* "YYYY-MM-DD" of @date. */
char        *affari_segment_format_day      (const GDate *date);
gboolean     affari_segment_parse_day       (const char *text, GDate *out);

/* ---- run settings ---- */
typedef enum {
  AFFARI_GENERATOR_ROUND_ROBIN,      /* in turn over the chosen team members */
  AFFARI_GENERATOR_CLIENT_OWN,       /* the responsible of the client's last deal */
} AffariGeneratorResponsible;

typedef struct {
  char *title_pattern;               /* with {cliente} and {data} */
  gint64 pipeline_id;                /* 0 = the pipeline of the client's last deal, else the default */
  AffariGeneratorResponsible responsible;
  GArray *member_ids;                /* gint64, round robin; empty = the current user */
  char *comment;                     /* NULL or "": none; else pinned first in the new deal's history */
  gboolean copy_products;            /* the product rows of the client's last won deal */
  gboolean always;                   /* "Crea comunque": also clients with a deal in progress */
} AffariGeneratorSettings;

void         affari_generator_settings_init  (AffariGeneratorSettings *settings);
void         affari_generator_settings_clear (AffariGeneratorSettings *settings);
void         affari_generator_settings_copy  (AffariGeneratorSettings *dest, const AffariGeneratorSettings *src);
/* @pattern with {cliente} and {data} ("dd/mm/yyyy") replaced. */
char        *affari_generator_format_title   (const char *pattern, const char *client, const GDate *day);

/* ---- schedules ---- */
typedef enum {
  AFFARI_SCHEDULE_ONCE,              /* on @start only */
  AFFARI_SCHEDULE_EVERY_DAYS,        /* every @every_days days from @start */
  AFFARI_SCHEDULE_WEEKDAYS,          /* on the days of @weekdays (bit 0 Monday … bit 6 Sunday) */
  AFFARI_SCHEDULE_MONTHLY,           /* on @month_day of each month (the last day when shorter) */
} AffariScheduleKind;

typedef struct {
  AffariScheduleKind kind;
  int every_days;
  guint weekdays;
  int month_day;
} AffariSchedule;

/* The first run day on or after @from (@from itself when it is one). */
void         affari_schedule_first_on_or_after (const AffariSchedule *schedule, const GDate *from, GDate *out);
/* The run after one made on @done: FALSE when there is none (a schedule that runs once). */
gboolean     affari_schedule_next_after     (const AffariSchedule *schedule, const GDate *done, GDate *out);
/* "ogni 7 giorni", "lun, mer, ven", "il 15 di ogni mese", "una volta". */
char        *affari_schedule_describe       (const AffariSchedule *schedule);

/* A saved generator's whole configuration as text (a key file) and back. */
char        *affari_generator_config_to_text (const AffariSegmentSpec *spec, const AffariGeneratorSettings *settings,
                                              const AffariSchedule *schedule);
gboolean     affari_generator_config_from_text (const char *text, AffariSegmentSpec *spec,
                                                AffariGeneratorSettings *settings, AffariSchedule *schedule,
                                                GError **error);

/* ---- clients and the preview ---- */
/* A client of a segment, as the store reads it. */
typedef struct {
  gint64 client;                     /* > 0 a company id, < 0 minus a contact id */
  char *name;
  guint open_deals;                  /* live deals in progress */
  guint generated_today;             /* live deals the generator made today */
  gint64 last_pipeline;              /* of the client's last deal, 0 when none */
  gint64 last_responsible;
  gint64 last_won_deal;
  gint64 contact;                    /* the person the segment is about (a company's contact whose
                                      * birthday it is), 0 when none: linked to the new deal */
} AffariSegmentClient;

void         affari_segment_client_clear    (gpointer client);

typedef enum {
  AFFARI_GENERATOR_SKIP_NONE,
  AFFARI_GENERATOR_SKIP_OPEN_DEAL,   /* "ha già un affare in corso" */
  AFFARI_GENERATOR_SKIP_DONE_TODAY,  /* "ha già ricevuto un affare dal generatore oggi" */
} AffariGeneratorSkip;

/* Who gets a deal, with what, or why not. */
typedef struct {
  gint64 client;
  char *client_name;
  char *title;
  gint64 pipeline_id;                /* 0 = the default pipeline */
  gint64 responsible_id;             /* 0 = the current user */
  gint64 copy_from;                  /* the won deal whose product rows are copied, 0 none */
  gint64 contact;                    /* a company client's contact to link (AffariSegmentClient) */
  AffariGeneratorSkip skip;
} AffariGeneratorItem;

void         affari_generator_item_free     (gpointer item);
const char  *affari_generator_skip_reason   (AffariGeneratorSkip skip);

/* ---- saved generators ---- */
typedef struct {
  gint64 id;
  char *name;
  char *config;                 /* affari_generator_config_to_text () */
  char *next_run;               /* "YYYY-MM-DD", NULL = not any more */
  char *last_run;
  guint runs;
  guint created_deals;
  guint rr_next;                /* where its round robin goes on */
  gboolean active;
} AffariSavedGenerator;

void         affari_saved_generator_clear     (gpointer generator);

G_END_DECLS
