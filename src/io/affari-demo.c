/* affari-demo.c — realistic Italian sample data
 *
 * The data is planned first: every deal's client, stages, times, products, activities and
 * comments are drawn from one GRand, in deal order. The planned steps are then replayed in time
 * order with affari_store_set_now, so each deal's history reads as it would have happened and
 * the store derives what it derives in real use (repeat deals, close dates, next activity).
 * Everything is anchored to today's local midnight: the same seed on the same day gives the same
 * database, and every history event lies in the past.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "io/affari-demo.h"
#include "io/affari-demo-private.h"

/* ---- the sample vocabulary (Italian data for an Italian audience, not user interface) ---- */

typedef struct {
  const char *name;
  const char *unit;
  gint64 price;                 /* cents, without VAT */
  int vat_bp;
} Product;

static const Product catalogue[] = {
  /*  0 */ { "Scaffalatura metallica 200×100 cm", "pz", 18900, 2200 },
  /*  1 */ { "Scaffalatura porta pallet", "pz", 46000, 2200 },
  /*  2 */ { "Consulenza tecnica", "ore", 6500, 2200 },
  /*  3 */ { "Sopralluogo tecnico", "pz", 15000, 2200 },
  /*  4 */ { "Progettazione impianto", "ore", 7500, 2200 },
  /*  5 */ { "Pannello fotovoltaico 420 W", "pz", 19500, 1000 },
  /*  6 */ { "Inverter ibrido 6 kW", "pz", 185000, 1000 },
  /*  7 */ { "Batteria di accumulo 10 kWh", "pz", 520000, 1000 },
  /*  8 */ { "Installazione e posa in opera", "ore", 4500, 1000 },
  /*  9 */ { "Serramento in PVC doppio vetro", "pz", 62000, 1000 },
  /* 10 */ { "Porta blindata classe 3", "pz", 98000, 1000 },
  /* 11 */ { "Manutenzione caldaia", "pz", 12000, 2200 },
  /* 12 */ { "Licenza gestionale Magazzino Pro", "pz", 89000, 2200 },
  /* 13 */ { "Canone assistenza software", "mesi", 4900, 2200 },
  /* 14 */ { "Hosting e posta elettronica", "mesi", 1500, 2200 },
  /* 15 */ { "Realizzazione sito web", "pz", 250000, 2200 },
  /* 16 */ { "Gestione campagne social", "mesi", 60000, 2200 },
  /* 17 */ { "Corso sicurezza sul lavoro", "ore", 3500, 2200 },
  /* 18 */ { "Notebook 15\" per ufficio", "pz", 79000, 2200 },
  /* 19 */ { "Stampante multifunzione laser", "pz", 49000, 2200 },
  /* 20 */ { "Scrivania operativa 160×80", "pz", 32000, 2200 },
  /* 21 */ { "Sedia ergonomica", "pz", 21000, 2200 },
  /* 22 */ { "Olio extravergine d'oliva 5 l", "pz", 4500, 400 },
  /* 23 */ { "Pasta di semola, cartone 12 kg", "pz", 2400, 400 },
  /* 24 */ { "Vino rosso DOC, cartone 6 bottiglie", "pz", 7200, 2200 },
  /* 25 */ { "Manuale tecnico illustrato", "pz", 3500, 400 },
  /* 26 */ { "Trasporto e consegna", "pz", 8000, 2200 },
  /* 27 */ { "Contratto di manutenzione programmata", "mesi", 20000, 2200 },
  /* 28 */ { "Pulizia uffici", "mesi", 75000, 2200 },
  /* 29 */ { "Noleggio carrello elevatore", "mesi", 65000, 2200 },
};

typedef struct {
  const char *title;
  guint8 pipeline;              /* 0 = the default pipeline, 1 = renewals */
  guint8 audience;              /* FOR_* flags of the clients who buy it */
  gint8 products[3];            /* into catalogue, -1 = none */
} Phrase;

static const Phrase phrases[] = {
  { "Fornitura scaffalature", 0, FOR_INDUSTRY, { 0, 1, 26 } },
  { "Allestimento magazzino", 0, FOR_INDUSTRY, { 1, 0, 3 } },
  { "Impianto fotovoltaico", 0, FOR_PRIVATE | FOR_INDUSTRY | FOR_FOOD, { 5, 6, 8 } },
  { "Accumulo per fotovoltaico", 0, FOR_PRIVATE | FOR_INDUSTRY, { 7, 8, -1 } },
  { "Sostituzione serramenti", 0, FOR_PRIVATE | FOR_OFFICE, { 9, 8, -1 } },
  { "Porta blindata", 0, FOR_PRIVATE | FOR_OFFICE, { 10, 8, -1 } },
  { "Manutenzione caldaie", 0, FOR_PRIVATE | FOR_OFFICE, { 11, -1, -1 } },
  { "Gestionale di magazzino", 0, FOR_INDUSTRY | FOR_FOOD, { 12, 13, 2 } },
  { "Nuovo sito web", 0, FOR_OFFICE, { 15, 14, -1 } },
  { "Campagna social", 0, FOR_OFFICE, { 16, -1, -1 } },
  { "Corso sicurezza per i dipendenti", 0, FOR_OFFICE, { 17, -1, -1 } },
  { "Fornitura notebook", 0, FOR_OFFICE, { 18, 19, -1 } },
  { "Arredo uffici", 0, FOR_OFFICE, { 20, 21, 26 } },
  { "Fornitura alimentari", 0, FOR_FOOD, { 22, 23, 26 } },
  { "Vini per la ristorazione", 0, FOR_FOOD, { 24, 26, -1 } },
  { "Manualistica tecnica", 0, FOR_INDUSTRY, { 25, -1, -1 } },
  { "Consulenza e progettazione", 0, FOR_INDUSTRY, { 2, 4, 3 } },
  { "Pulizia della sede", 0, FOR_OFFICE, { 28, -1, -1 } },
  { "Noleggio carrello elevatore", 0, FOR_INDUSTRY, { 29, -1, -1 } },
  { "Rinnovo canone assistenza", 1, FOR_OFFICE, { 13, -1, -1 } },
  { "Rinnovo hosting", 1, FOR_OFFICE, { 14, -1, -1 } },
  { "Rinnovo contratto di manutenzione", 1, FOR_OFFICE, { 27, -1, -1 } },
  { "Rinnovo pulizia uffici", 1, FOR_OFFICE, { 28, -1, -1 } },
  { "Rinnovo noleggio carrello", 1, FOR_INDUSTRY, { 29, -1, -1 } },
  { "Rinnovo licenze gestionale", 1, FOR_INDUSTRY | FOR_FOOD, { 12, 13, -1 } },
  { "Rinnovo gestione social", 1, FOR_OFFICE, { 16, -1, -1 } },
};

static const char * const currencies[] = { "EUR", "USD", "CHF" };

static const char * const deal_notes[] = {
  "Cliente storico, pagamento a 60 giorni.",
  "Richiesto sconto per pagamento anticipato.",
  "Referente disponibile solo al mattino.",
  "Consegna da concordare con l'ufficio acquisti.",
  "Preventivo da inviare via PEC.",
  "Interessato anche al contratto di manutenzione.",
  "Fatturazione elettronica: chiedere il codice SDI.",
  "Priorità alta: il bando scade a fine trimestre.",
  "Il cliente confronta la nostra offerta con altre due.",
  "Sconto massimo approvato dalla direzione: 10 %.",
};

static const char * const timeline_comments[] = {
  "Il cliente ha chiesto di richiamare la prossima settimana.",
  "Inviato il preventivo aggiornato con lo sconto concordato.",
  "Sopralluogo fatto: misure confermate.",
  "Il titolare vuole confrontare con un'altra offerta.",
  "Ricevuto il pagamento dell'acconto.",
  "In attesa dell'approvazione del budget.",
  "Chiesto il parere dell'ufficio tecnico sulla fattibilità.",
  "Consegna prevista entro fine mese.",
  "Il cliente chiede una dilazione di pagamento.",
  "Contratto firmato ricevuto via e-mail.",
};

static const char * const lost_reasons[] = {
  "Prezzo troppo alto",
  "Scelto un concorrente",
  "Progetto rimandato all'anno prossimo",
  "Nessuna risposta dal cliente",
  "Budget non approvato",
};

/* Indexed by AffariActivityType. */
static const char * const activity_subjects[4][5] = {
  { "Chiamare per conferma preventivo", "Richiamare il titolare", "Telefonata di follow-up",
    "Chiamare l'ufficio acquisti", "Verificare la ricezione dell'offerta" },
  { "Sopralluogo in cantiere", "Incontro presso il cliente", "Presentazione del progetto",
    "Riunione per la firma del contratto", "Dimostrazione del prodotto" },
  { "Preparare il preventivo", "Inviare la fattura di acconto", "Verificare il magazzino",
    "Aggiornare l'offerta", "Preparare la documentazione tecnica" },
  { "Inviare il preventivo aggiornato", "Mandare il catalogo prodotti", "Sollecito di pagamento",
    "Inviare il contratto da firmare", "Inviare le condizioni di fornitura" },
};

static const char * const activity_notes[] = {
  "Portare campionario e listino aggiornato.",
  "Chiedere chi decide sull'acquisto.",
  "Ricordare la scadenza dell'offerta.",
  "Allegare le schede tecniche.",
};

/* ---- small helpers ---- */

guint
demo_pick (GRand *rand,
      guint  n)
{
  g_assert (n > 0 && n <= G_MAXINT32);
  return (guint) g_rand_int_range (rand, 0, (gint32) n);
}

gboolean
demo_chance (GRand *rand,
        guint  percent)
{
  return demo_pick (rand, 100) < percent;
}

/* A uniform time in [from, to); every span here is far below 2^31 seconds. */
static gint64
pick_time (GRand  *rand,
           gint64  from,
           gint64  to)
{
  if (to - from <= 1)
    return from;
  return from + demo_pick (rand, (guint) MIN (to - from, G_MAXINT32));
}

static void
format_date (const Demo *demo,
             gint64      time,
             char        out[11])
{
  GDate date = demo->today_date;
  gint64 days;

  /* Floor division: the demo's times lie between 08:00 and 19:00 local time, far from midnight
   * even across a daylight saving change. */
  if (time >= demo->today)
    days = (time - demo->today) / DAY;
  else
    days = -((demo->today - time + DAY - 1) / DAY);

  if (days >= 0)
    g_date_add_days (&date, (guint) days);
  else
    g_date_subtract_days (&date, (guint) -days);

  g_snprintf (out, 11, "%04u-%02u-%02u",
              (guint) g_date_get_year (&date),
              (guint) g_date_get_month (&date),
              (guint) g_date_get_day (&date));
}

gboolean
demo_set_failed (GError     **error,
            const char  *message)
{
  g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_FAILED, message);
  return FALSE;
}

/* ---- set-up: the product catalogue (team, pipelines and clients: affari-demo-clients.c) ---- */

static gboolean
setup_products (Demo    *demo,
                GError **error)
{
  g_autoptr(GPtrArray) existing = affari_store_list_products (demo->store, error);

  if (existing == NULL)
    return FALSE;

  demo->product_ids = g_new0 (gint64, G_N_ELEMENTS (catalogue));

  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    {
      for (guint j = 0; j < existing->len && demo->product_ids[i] == 0; j++)
        {
          AffariProduct *product = g_ptr_array_index (existing, j);

          if (g_strcmp0 (affari_product_get_name (product), catalogue[i].name) == 0)
            demo->product_ids[i] = affari_product_get_id (product);
        }

      if (demo->product_ids[i] == 0)
        {
          g_autoptr(AffariProduct) product = affari_product_new (catalogue[i].name,
                                                                 catalogue[i].price, "EUR");

          g_object_set (product,
                        "unit", catalogue[i].unit,
                        "vat-rate", catalogue[i].vat_bp,
                        NULL);
          demo->product_ids[i] = affari_store_create_product (demo->store, product, error);
          if (demo->product_ids[i] <= 0)
            return FALSE;
        }
    }

  return TRUE;
}

/* ---- the plan ---- */

static void
add_step (Demo     *demo,
          gint64    time,
          guint     deal,
          StepKind  kind,
          guint     arg)
{
  Step step = { time, deal, (guint8) kind, (guint8) arg };

  g_array_append_val (demo->steps, step);
}

/* Amounts typed by hand, in whole euros rounded as people round them. */
static gint64
pick_manual_amount (GRand *rand)
{
  guint bucket = demo_pick (rand, 100);

  if (bucket < 40)
    return (gint64) (500 + 50 * demo_pick (rand, 30)) * 100;       /* 500 … 1,950 */
  if (bucket < 80)
    return (gint64) (2000 + 100 * demo_pick (rand, 80)) * 100;     /* 2,000 … 9,900 */
  if (bucket < 97)
    return (gint64) (10000 + 500 * demo_pick (rand, 140)) * 100;   /* 10,000 … 79,500 */
  return (gint64) (80000 + 5000 * demo_pick (rand, 35)) * 100;     /* the occasional big one */
}

static guint
pick_quantity (GRand         *rand,
               const Product *product)
{
  if (g_str_equal (product->unit, "mesi"))
    {
      static const guint months[] = { 12, 12, 12, 6, 24, 36, 3 };
      return months[demo_pick (rand, G_N_ELEMENTS (months))];
    }
  if (g_str_equal (product->unit, "ore"))
    return 4 + demo_pick (rand, 57);
  if (product->price < 10000)
    return 10 + 5 * demo_pick (rand, 25);
  if (product->price < 50000)
    return 2 + demo_pick (rand, 29);
  return 1 + demo_pick (rand, 4);
}

static void
plan_products (Demo     *demo,
               DealPlan *plan)
{
  GRand *rand = demo->rand;
  const Phrase *phrase = &phrases[plan->phrase];

  for (guint i = 0; i < G_N_ELEMENTS (phrase->products) && phrase->products[i] >= 0; i++)
    {
      guint n = plan->n_rows;

      if (i > 0 && !demo_chance (rand, 60))
        continue;

      plan->row_product[n] = (guint8) phrase->products[i];
      plan->row_qty[n] = (guint16) pick_quantity (rand, &catalogue[phrase->products[i]]);
      plan->row_discount[n] = demo_chance (rand, 25) ? (guint8) (5 * (1 + demo_pick (rand, 4))) : 0;
      plan->n_rows++;
    }
}

/* The stage a deal is created in, and the moves that follow. Half the open deals were entered
 * directly where they are (people do that), the others and every closed deal got there by moves. */
static void
plan_path (Demo            *demo,
           DealPlan        *plan,
           PipelineRef     *pipe,
           AffariSemantics  outcome)
{
  GRand *rand = demo->rand;
  guint n_process = pipe->n_process;

  plan->first_stage = pipe->process[0];
  plan->n_moves = 0;

  if (outcome == AFFARI_SEMANTICS_PROCESS)
    {
      guint target = demo_pick (rand, n_process);

      /* Now and then a deal was given up and picked up again. */
      if (pipe->n_lost > 0 && n_process > 1 && demo_chance (rand, 4))
        {
          plan->move_stage[plan->n_moves++] = pipe->lost[0];
          target = MAX (target, 1);
        }
      else if (demo_chance (rand, 50))
        {
          plan->first_stage = pipe->process[target];
          return;
        }
      else if (target >= 2 && demo_chance (rand, 50))
        plan->move_stage[plan->n_moves++] = pipe->process[1 + demo_pick (rand, target - 1)];

      if (target > 0)
        plan->move_stage[plan->n_moves++] = pipe->process[target];
    }
  else
    {
      if (n_process > 1 && demo_chance (rand, outcome == AFFARI_SEMANTICS_SUCCESS ? 40 : 25))
        plan->move_stage[plan->n_moves++] = pipe->process[1 + demo_pick (rand, n_process - 1)];

      if (outcome == AFFARI_SEMANTICS_SUCCESS)
        plan->move_stage[plan->n_moves++] = (guint8) pipe->won;
      else if (pipe->n_lost > 1 && demo_chance (rand, 30))
        plan->move_stage[plan->n_moves++] = pipe->lost[1 + demo_pick (rand, pipe->n_lost - 1)];
      else
        plan->move_stage[plan->n_moves++] = pipe->lost[0];
    }
}

static gint64
plan_activity_deadline (Demo     *demo,
                        DealPlan *plan)
{
  GRand *rand = demo->rand;
  guint bucket = demo_pick (rand, 100);
  gint64 day;
  gint64 deadline;

  if (bucket < 20)
    day = -1 - (gint64) demo_pick (rand, 10);              /* overdue */
  else if (bucket < 35)
    day = 0;                                          /* today */
  else if (bucket < 60)
    day = 1 + demo_pick (rand, 6);                         /* this week */
  else if (bucket < 80)
    day = 7 + demo_pick (rand, 7);                         /* next week */
  else
    day = 14 + demo_pick (rand, 47);                       /* later */

  /* Whole quarter hours of the working day. */
  deadline = demo->today + day * DAY + 9 * HOUR + 15 * MINUTE * demo_pick (rand, 36);

  /* An overdue activity of a deal created yesterday was due soon after it was created. */
  if (deadline <= plan->created + HOUR)
    deadline = plan->created + 2 * HOUR;

  return deadline;
}

static void
plan_deal (Demo     *demo,
           DealPlan *plan,
           guint     index)
{
  GRand *rand = demo->rand;
  gboolean is_private = demo->n_private > 0 && demo_chance (rand, 6);
  guint outcome_draw = demo_pick (rand, 100);
  AffariSemantics outcome;
  PipelineRef *pipe;
  gint64 end;
  gint64 span;
  guint days_ago;
  guint n_phrases = 0;
  guint8 candidates[G_N_ELEMENTS (phrases)];
  guint8 audience = FOR_PRIVATE;

  plan->pipeline = !is_private && demo_chance (rand, 22) ? 1 : 0;
  pipe = &demo->pipes[plan->pipeline];

  /* The client: a company (key accounts get more deals), or a private person. */
  if (is_private)
    {
      guint contact = demo->first_private + demo_pick (rand, demo->n_private);

      plan->company = 0;
      plan->contact[0] = contact + 1;
    }
  else
    {
      guint n_companies = demo->companies->len;
      guint n_key = MAX (n_companies * 15 / 100, 1);
      /* A few clients are worth half the business, once there are enough of them to notice. */
      guint company = n_companies >= 40 && demo_chance (rand, 50) ? demo_pick (rand, n_key) : demo_pick (rand, n_companies);
      const CompanyRef *ref = &g_array_index (demo->companies, CompanyRef, company);
      guint primary = demo_pick (rand, ref->n_contacts);

      plan->company = company + 1;
      audience = ref->audience;
      plan->contact[0] = ref->first_contact + primary + 1;
      if (ref->n_contacts > 1 && demo_chance (rand, 30))
        plan->contact[1] = ref->first_contact + (primary + 1 + demo_pick (rand, ref->n_contacts - 1)) % ref->n_contacts + 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
    if (phrases[i].pipeline == plan->pipeline && (phrases[i].audience & audience) != 0)
      candidates[n_phrases++] = (guint8) i;
  plan->phrase = candidates[demo_pick (rand, n_phrases)];

  /* About 20 % won, 15 % lost, the rest in progress. */
  if (outcome_draw < 20 && pipe->won >= 0)
    outcome = AFFARI_SEMANTICS_SUCCESS;
  else if (outcome_draw >= 20 && outcome_draw < 35 && pipe->n_lost > 0)
    outcome = AFFARI_SEMANTICS_FAILURE;
  else
    outcome = AFFARI_SEMANTICS_PROCESS;

  /* Open deals are mostly recent; closed ones go back a year and a half. */
  if (outcome == AFFARI_SEMANTICS_PROCESS)
    {
      /* The smaller of two draws: more deals from the last weeks than from months ago. */
      guint a = demo_pick (rand, 150);
      guint b = demo_pick (rand, 150);

      days_ago = 1 + MIN (a, b);
    }
  else
    days_ago = 10 + demo_pick (rand, 530);
  plan->created = demo->today - (gint64) days_ago * DAY + 8 * HOUR + demo_pick (rand, 10 * HOUR);

  plan_path (demo, plan, pipe, outcome);

  if (outcome == AFFARI_SEMANTICS_PROCESS)
    end = plan->created + (demo->today - 30 * MINUTE - plan->created) * (20 + demo_pick (rand, 81)) / 100;
  else
    {
      gint64 duration = (gint64) (2 + demo_pick (rand, 88)) * DAY + demo_pick (rand, 8 * HOUR);

      end = MIN (plan->created + duration, demo->today - HOUR);
    }
  span = end - plan->created;

  for (guint j = 0; j < plan->n_moves; j++)
    {
      gint64 time = plan->created + span * (j + 1) / plan->n_moves;
      gint64 previous = j > 0 ? plan->move_time[j - 1] : plan->created;

      if (j + 1 < plan->n_moves)
        time -= pick_time (rand, 0, span / (3 * plan->n_moves));
      plan->move_time[j] = MAX (time, previous + MINUTE);
    }

  if (outcome == AFFARI_SEMANTICS_PROCESS)
    plan->close_days = (gint16) (7 + demo_pick (rand, 84));
  else
    plan->close_days = (gint16) ((end - plan->created) / DAY);

  /* Money: half the euro deals are priced from the catalogue, the rest typed by hand. */
  {
    guint draw = demo_pick (rand, 100);
    plan->currency = draw < 95 ? 0 : draw < 98 ? 1 : 2;
  }
  if (plan->currency == 0 && demo_chance (rand, 50))
    plan_products (demo, plan);
  else
    plan->amount = pick_manual_amount (rand);

  /* The first type (a plain sale) is the most common; guint8 indexes cover the first 256. */
  plan->type = (guint8) (demo->types->len >= 2 && !demo_chance (rand, 50)
                         ? demo_pick (rand, MIN (demo->types->len / 2, 256)) : 0);
  plan->source = (guint8) (demo->sources->len >= 2 ? demo_pick (rand, MIN (demo->sources->len / 2, 256)) : 0);
  plan->member = (guint8) demo_pick (rand, demo->n_team);
  plan->note = demo_chance (rand, 30) ? (guint8) (1 + demo_pick (rand, G_N_ELEMENTS (deal_notes))) : 0;
  plan->reason = (guint8) demo_pick (rand, G_N_ELEMENTS (lost_reasons));

  if (demo_chance (rand, 20))
    {
      plan->comment = (guint8) demo_pick (rand, G_N_ELEMENTS (timeline_comments));
      plan->comment_time = pick_time (rand, plan->created + MINUTE, MAX (end, plan->created + 2 * MINUTE));
    }

  /* Planned activities on most open deals. */
  if (outcome == AFFARI_SEMANTICS_PROCESS && demo_chance (rand, 70))
    {
      guint n = demo_chance (rand, 35) ? 2 : 1;

      for (guint a = 0; a < n; a++)
        {
          guint k = plan->n_acts++;
          gint64 latest;

          plan->act_kind[k] = (guint8) demo_pick (rand, 4);
          plan->act_subject[k] = (guint8) demo_pick (rand, G_N_ELEMENTS (activity_subjects[0]));
          plan->act_note[k] = demo_chance (rand, 30) ? (guint8) (1 + demo_pick (rand, G_N_ELEMENTS (activity_notes))) : 0;
          plan->act_deadline[k] = plan_activity_deadline (demo, plan);
          latest = MIN (plan->act_deadline[k], demo->today) - MINUTE;
          plan->act_added[k] = pick_time (rand, plan->created + MINUTE, MAX (latest, plan->created + 2 * MINUTE));
        }
    }

  /* Done activities: a quarter of the open deals, half of the closed ones. */
  if (demo_chance (rand, outcome == AFFARI_SEMANTICS_PROCESS ? 25 : 50))
    {
      guint k = plan->n_acts++;

      plan->act_kind[k] = (guint8) demo_pick (rand, 4);
      plan->act_subject[k] = (guint8) demo_pick (rand, G_N_ELEMENTS (activity_subjects[0]));
      plan->act_note[k] = 0;
      plan->act_deadline[k] = plan->created + span * (20 + demo_pick (rand, 70)) / 100 + MINUTE;
      plan->act_added[k] = plan->created + (plan->act_deadline[k] - plan->created) / 3 + MINUTE / 2;
      plan->act_done[k] = plan->act_deadline[k] + demo_pick (rand, 3 * HOUR) + MINUTE;
      plan->act_done[k] = MIN (plan->act_done[k], demo->today - MINUTE);
      if (plan->act_done[k] <= plan->act_added[k])
        plan->act_done[k] = plan->act_added[k] + 1;
    }

  add_step (demo, plan->created, index, STEP_CREATE, 0);
  for (guint j = 0; j < plan->n_moves; j++)
    add_step (demo, plan->move_time[j], index, STEP_MOVE, j);
  for (guint a = 0; a < plan->n_acts; a++)
    {
      add_step (demo, plan->act_added[a], index, STEP_ACTIVITY, a);
      if (plan->act_done[a] != 0)
        add_step (demo, plan->act_done[a], index, STEP_DONE, a);
    }
  if (plan->comment_time != 0)
    add_step (demo, plan->comment_time, index, STEP_COMMENT, 0);
}

static int
compare_steps (gconstpointer a,
               gconstpointer b)
{
  const Step *x = a;
  const Step *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  if (x->deal != y->deal)
    return x->deal < y->deal ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return (int) x->arg - (int) y->arg;
}

/* ---- replaying the plan ---- */

static gboolean
run_create (Demo      *demo,
            DealPlan  *plan,
            GError   **error)
{
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  const PipelineRef *pipe = &demo->pipes[plan->pipeline];
  const char *client;
  g_autofree char *title = NULL;
  char begin[11];
  char close[11];
  gint64 contacts[2];
  guint n_contacts = 0;
  AffariProductRow rows[MAX_ROWS];
  gint64 rows_total = 0, rows_tax = 0;

  if (plan->company != 0)
    client = g_array_index (demo->companies, CompanyRef, plan->company - 1).short_name;
  else
    client = g_ptr_array_index (demo->private_names, plan->contact[0] - 1 - demo->first_private);

  /* The em dash as Bitrix24 users write their titles: "Fornitura scaffalature — Rossi Costruzioni". */
  title = g_strdup_printf ("%s — %s", phrases[plan->phrase].title, client);
  format_date (demo, plan->created, begin);
  format_date (demo, plan->created + (gint64) plan->close_days * DAY, close);

  affari_deal_set_title (deal, title);
  if (demo->types->len >= 2)
    affari_deal_set_type_id (deal, g_ptr_array_index (demo->types, 2 * plan->type));
  if (demo->sources->len >= 2)
    affari_deal_set_source_id (deal, g_ptr_array_index (demo->sources, 2 * plan->source));
  affari_deal_set_pipeline_id (deal, pipe->id);
  affari_deal_set_stage_id (deal, pipe->stages[plan->first_stage].id);
  affari_deal_set_currency (deal, currencies[plan->currency]);
  if (plan->amount != 0)
    {
      affari_deal_set_amount (deal, plan->amount);
      affari_deal_set_is_manual_amount (deal, TRUE);
    }
  if (plan->company != 0)
    affari_deal_set_company_id (deal, g_array_index (demo->companies, CompanyRef, plan->company - 1).id);
  affari_deal_set_begin_date (deal, begin);
  affari_deal_set_close_date (deal, close);
  if (plan->note != 0)
    affari_deal_set_comments (deal, deal_notes[plan->note - 1]);
  affari_deal_set_assigned_by_id (deal, demo->team[plan->member]);

  memset (rows, 0, sizeof rows);
  for (guint i = 0; i < plan->n_rows; i++)
    {
      const Product *product = &catalogue[plan->row_product[i]];

      rows[i].product_id = demo->product_ids[plan->row_product[i]];
      rows[i].name = (char *) product->name;
      rows[i].quantity_milli = (gint64) plan->row_qty[i] * 1000;
      rows[i].unit = (char *) product->unit;
      rows[i].price_netto = product->price;
      rows[i].discount_type = 2;
      rows[i].discount_rate_bp = plan->row_discount[i] * 100;
      rows[i].tax_rate_bp = product->vat_bp;
      rows[i].tax_included = FALSE;
      affari_product_row_compute (&rows[i]);
      rows_total += rows[i].row_total;
      rows_tax += rows[i].row_tax;
    }
  /* A deal with products is created with the amount they make, as the card would show it. */
  if (plan->amount == 0 && plan->n_rows > 0)
    {
      affari_deal_set_amount (deal, rows_total);
      affari_deal_set_tax_value (deal, rows_tax);
    }

  if (!affari_store_create_deal (demo->store, deal, error))
    return FALSE;
  plan->id = affari_deal_get_id (deal);

  /* The contacts first: given right after the creation, they are part of it (no history event
   * of their own), as when a person creates a deal with its client in the card. */
  for (guint i = 0; i < G_N_ELEMENTS (plan->contact); i++)
    if (plan->contact[i] != 0)
      contacts[n_contacts++] = g_array_index (demo->contact_ids, gint64, plan->contact[i] - 1);
  if (!affari_store_set_deal_contacts (demo->store, plan->id, contacts, n_contacts, contacts[0], error))
    return FALSE;

  return plan->n_rows == 0 ||
         affari_store_set_product_rows (demo->store, plan->id, rows, plan->n_rows, error);
}

static gboolean
run_step (Demo        *demo,
          const Step  *step,
          GError     **error)
{
  DealPlan *plan = &demo->plans[step->deal];
  const PipelineRef *pipe = &demo->pipes[plan->pipeline];

  affari_store_set_now (demo->store, step->time);

  switch ((StepKind) step->kind)
    {
    case STEP_CREATE:
      return run_create (demo, plan, error);

    case STEP_MOVE:
      {
        const StageRef *stage = &pipe->stages[plan->move_stage[step->arg]];
        const char *reason = stage->semantics == AFFARI_SEMANTICS_FAILURE
                             ? lost_reasons[plan->reason] : NULL;

        return affari_store_move_deal (demo->store, plan->id, stage->id, 0, reason, error);
      }

    case STEP_ACTIVITY:
      {
        guint k = step->arg;
        AffariActivityType kind = (AffariActivityType) plan->act_kind[k];
        g_autoptr(AffariActivity) activity =
          affari_activity_new (kind, activity_subjects[kind][plan->act_subject[k]],
                               plan->act_deadline[k]);

        g_object_set (activity,
                      "responsible-id", demo->team[plan->member],
                      "description", plan->act_note[k] != 0 ? activity_notes[plan->act_note[k] - 1] : NULL,
                      NULL);
        if (!affari_store_add_activity (demo->store, plan->id, activity, error))
          return FALSE;
        plan->act_id[k] = affari_activity_get_id (activity);
        return TRUE;
      }

    case STEP_DONE:
      if (plan->act_id[step->arg] <= 0)
        return demo_set_failed (error, _("An activity of the sample data was not saved"));
      return affari_store_complete_activity (demo->store, plan->act_id[step->arg], TRUE, error);

    case STEP_COMMENT:
      return affari_store_add_comment (demo->store, plan->id, timeline_comments[plan->comment], error);

    default:
      g_assert_not_reached ();
    }
}

static void
demo_clear (Demo *demo)
{
  if (demo->companies != NULL)
    for (guint i = 0; i < demo->companies->len; i++)
      g_free (g_array_index (demo->companies, CompanyRef, i).short_name);

  g_clear_pointer (&demo->rand, g_rand_free);
  g_clear_pointer (&demo->types, g_ptr_array_unref);
  g_clear_pointer (&demo->sources, g_ptr_array_unref);
  g_clear_pointer (&demo->product_ids, g_free);
  g_clear_pointer (&demo->companies, g_array_unref);
  g_clear_pointer (&demo->contact_ids, g_array_unref);
  g_clear_pointer (&demo->private_names, g_ptr_array_unref);
  g_clear_pointer (&demo->plans, g_free);
  g_clear_pointer (&demo->steps, g_array_unref);
}

static gboolean
generate (Demo     *demo,
          guint     n_deals,
          GError  **error)
{
  guint n_companies = CLAMP (n_deals / 4, MIN_COMPANIES, MAX_COMPANIES);

  /* Companies, people and the catalogue existed before the oldest deal. */
  affari_store_set_now (demo->store, demo->today - 600 * DAY + 9 * HOUR);

  if (!demo_setup_team (demo, error) || !demo_setup_pipelines (demo, error))
    return FALSE;

  if (demo->n_team == 0)
    return demo_set_failed (error, _("The database has no team member to make responsible for the sample deals"));

  demo->types = affari_store_list_deal_types (demo->store, error);
  if (demo->types == NULL)
    return FALSE;
  demo->sources = affari_store_list_sources (demo->store, error);
  if (demo->sources == NULL)
    return FALSE;

  if (!setup_products (demo, error) || !demo_setup_clients (demo, n_companies, error))
    return FALSE;

  demo->n_plans = n_deals;
  demo->plans = g_new0 (DealPlan, MAX (n_deals, 1));
  demo->steps = g_array_sized_new (FALSE, FALSE, sizeof (Step), n_deals * 5 + 1);

  for (guint i = 0; i < n_deals; i++)
    plan_deal (demo, &demo->plans[i], i);
  demo_plan_history (demo);

  g_array_sort (demo->steps, compare_steps);

  for (guint i = 0; i < demo->steps->len; i++)
    if (!run_step (demo, &g_array_index (demo->steps, Step, i), error))
      return FALSE;

  return demo_add_recurring (demo, error) && demo_add_quotes (demo, error)
         && demo_add_leads (demo, n_deals > 0 ? CLAMP (n_deals / 25, 12, 60) : 0, error);
}

/* ---- public API ---- */

gboolean
affari_demo_generate (AffariStore  *store,
                      guint         n_deals,
                      guint32       seed,
                      GError      **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = NULL;
  Demo demo = { 0 };
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  midnight = g_date_time_new_local (g_date_time_get_year (now),
                                    g_date_time_get_month (now),
                                    g_date_time_get_day_of_month (now), 0, 0, 0);

  demo.store = store;
  demo.rand = g_rand_new_with_seed (seed);
  demo.today = g_date_time_to_unix (midnight);
  g_date_clear (&demo.today_date, 1);
  g_date_set_dmy (&demo.today_date,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
  demo.companies = g_array_new (FALSE, FALSE, sizeof (CompanyRef));
  demo.contact_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  demo.private_names = g_ptr_array_new_with_free_func (g_free);

  if (!affari_store_begin_batch (store, error))
    {
      demo_clear (&demo);
      return FALSE;
    }

  ok = generate (&demo, n_deals, error);
  affari_store_set_now (store, 0);

  if (ok)
    ok = affari_store_end_batch (store, TRUE, error);
  else
    affari_store_end_batch (store, FALSE, NULL);

  demo_clear (&demo);
  return ok;
}
