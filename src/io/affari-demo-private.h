/* affari-demo-private.h — what the sample data generator's files share
 *
 * affari-demo.c plans the deals and replays them; affari-demo-clients.c sets up the team, the
 * pipelines and the clients (companies and people) the deals are made for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/affari-store.h"

G_BEGIN_DECLS

#define MINUTE ((gint64) 60)
#define HOUR   ((gint64) 60 * 60)
#define DAY    ((gint64) 24 * 60 * 60)

#define MAX_STAGES     32
#define MAX_MOVES      3
#define MAX_ROWS       3
#define MAX_ACTIVITIES 3
#define MIN_COMPANIES  5
#define MAX_COMPANIES  20000

typedef struct {
  gint64 id;
  AffariSemantics semantics;
} StageRef;

typedef struct {
  gint64 id;
  StageRef stages[MAX_STAGES];
  guint n_stages;
  guint8 process[MAX_STAGES];   /* indexes into stages, in pipeline order */
  guint n_process;
  int won;                      /* index into stages, -1 when the pipeline has none */
  guint8 lost[MAX_STAGES];
  guint n_lost;
} PipelineRef;

typedef struct {
  gint64 id;
  char *short_name;             /* without the legal form, for deal titles */
  guint first_contact;          /* into Demo.contact_ids */
  guint n_contacts;
  guint8 audience;              /* FOR_* flags of its kind */
} CompanyRef;

/* One deal, decided before anything is written. Times are Unix seconds. */
typedef struct {
  gint64 id;                    /* once created */
  gint64 created;
  gint64 move_time[MAX_MOVES];
  gint64 comment_time;          /* 0 = no timeline comment */
  gint64 amount;                /* typed amount; 0 = computed from the product rows */
  gint64 act_added[MAX_ACTIVITIES];
  gint64 act_deadline[MAX_ACTIVITIES];
  gint64 act_done[MAX_ACTIVITIES];   /* 0 = still to do */
  gint64 act_id[MAX_ACTIVITIES];
  guint32 company;              /* index + 1; 0 = a private person */
  guint32 contact[2];           /* index + 1 into Demo.contact_ids; contact[0] is the primary */
  guint16 row_qty[MAX_ROWS];
  guint8 row_product[MAX_ROWS];
  guint8 row_discount[MAX_ROWS];     /* percent */
  guint8 n_rows;
  guint8 pipeline;
  guint8 first_stage;                /* index into the pipeline's stages */
  guint8 move_stage[MAX_MOVES];      /* indexes into the pipeline's stages */
  guint8 n_moves;
  guint8 phrase;
  guint8 currency;
  guint8 type;
  guint8 source;
  guint8 member;
  guint8 note;                  /* index + 1 into deal_notes; 0 = none */
  guint8 comment;
  guint8 reason;
  guint8 act_kind[MAX_ACTIVITIES];
  guint8 act_subject[MAX_ACTIVITIES];
  guint8 act_note[MAX_ACTIVITIES];   /* index + 1 into activity_notes; 0 = none */
  guint8 n_acts;
  gint16 close_days;            /* planned close date, in days after the creation date */
} DealPlan;

typedef enum {
  STEP_CREATE,
  STEP_MOVE,
  STEP_ACTIVITY,
  STEP_DONE,
  STEP_COMMENT,
} StepKind;

typedef struct {
  gint64 time;
  guint32 deal;
  guint8 kind;
  guint8 arg;
} Step;

typedef struct {
  AffariStore *store;
  GRand *rand;
  gint64 today;                 /* local midnight of today */
  GDate today_date;

  gint64 team[16];
  guint n_team;
  PipelineRef pipes[2];
  GPtrArray *types;             /* code, name, code, name… */
  GPtrArray *sources;
  gint64 *product_ids;

  GArray *companies;            /* CompanyRef */
  GArray *contact_ids;          /* gint64 */
  GPtrArray *private_names;     /* full names of the private clients */
  guint first_private;          /* into contact_ids */
  guint n_private;

  DealPlan *plans;
  guint n_plans;
  GArray *steps;                /* Step */
} Demo;

/* Who buys what: every company runs an office; some also a workshop or a kitchen. */
enum {
  FOR_PRIVATE = 1 << 0,
  FOR_OFFICE = 1 << 1,
  FOR_INDUSTRY = 1 << 2,
  FOR_FOOD = 1 << 3,
};

#define WORKSHOP (FOR_OFFICE | FOR_INDUSTRY)
#define KITCHEN  (FOR_OFFICE | FOR_FOOD)

/* A number in [0, n). */
guint demo_pick (GRand *rand, guint n);
/* TRUE @percent times in 100. */
gboolean demo_chance (GRand *rand, guint percent);
gboolean demo_set_failed (GError **error, const char *message);

/* affari-demo-clients.c */
gboolean demo_setup_team (Demo *demo, GError **error);
gboolean demo_setup_pipelines (Demo *demo, GError **error);
gboolean demo_setup_clients (Demo *demo, guint n_companies, GError **error);

/* affari-demo-recurring.c: a few recurring templates copied from the sample deals. */
gboolean demo_add_recurring (Demo *demo, GError **error);
/* affari-demo-quotes.c: quotes in every status, some turned into deals; your company's data. */
gboolean demo_add_quotes (Demo *demo, GError **error);
/* affari-demo-history.c: purchase histories for the sales generator's segments (before the
 * steps are sorted). */
void demo_plan_history (Demo *demo);
/* affari-demo-leads.c: @n_leads leads in every status, some repeat, some converted. */
gboolean demo_add_leads (Demo *demo, guint n_leads, GError **error);

G_END_DECLS
