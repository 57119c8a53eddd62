/* affari-demo-clients.c — the sample data's people: the team, the pipelines, and the clients
 * (Italian companies and private people) the deals are made for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "io/affari-demo-private.h"

/* ---- the sample vocabulary (Italian data for an Italian audience, not user interface) ---- */

typedef struct {
  const char *name;
  const char *province;
  const char *cap;
  const char *prefix;           /* telephone area code */
} City;

static const City cities[] = {
  { "Milano", "MI", "20121", "02" },       { "Roma", "RM", "00184", "06" },
  { "Napoli", "NA", "80133", "081" },      { "Torino", "TO", "10121", "011" },
  { "Bologna", "BO", "40121", "051" },     { "Firenze", "FI", "50123", "055" },
  { "Prato", "PO", "59100", "0574" },      { "Genova", "GE", "16121", "010" },
  { "Venezia", "VE", "30121", "041" },     { "Verona", "VR", "37121", "045" },
  { "Padova", "PD", "35121", "049" },      { "Bari", "BA", "70121", "080" },
  { "Palermo", "PA", "90133", "091" },     { "Catania", "CT", "95121", "095" },
  { "Brescia", "BS", "25121", "030" },     { "Bergamo", "BG", "24121", "035" },
  { "Modena", "MO", "41121", "059" },      { "Parma", "PR", "43121", "0521" },
  { "Reggio Emilia", "RE", "42121", "0522" }, { "Vicenza", "VI", "36100", "0444" },
  { "Treviso", "TV", "31100", "0422" },    { "Trieste", "TS", "34121", "040" },
  { "Udine", "UD", "33100", "0432" },      { "Trento", "TN", "38122", "0461" },
  { "Bolzano", "BZ", "39100", "0471" },    { "Perugia", "PG", "06121", "075" },
  { "Ancona", "AN", "60121", "071" },      { "Pescara", "PE", "65121", "085" },
  { "Cagliari", "CA", "09124", "070" },    { "Sassari", "SS", "07100", "079" },
  { "Lecce", "LE", "73100", "0832" },      { "Salerno", "SA", "84121", "089" },
  { "Como", "CO", "22100", "031" },        { "Varese", "VA", "21100", "0332" },
  { "Monza", "MB", "20900", "039" },       { "Rimini", "RN", "47921", "0541" },
  { "Ravenna", "RA", "48121", "0544" },    { "Livorno", "LI", "57123", "0586" },
  { "Pisa", "PI", "56125", "050" },        { "Lucca", "LU", "55100", "0583" },
  { "Novara", "NO", "28100", "0321" },     { "Cuneo", "CN", "12100", "0171" },
};

static const char * const streets[] = {
  "Via Roma", "Via Garibaldi", "Corso Italia", "Via Mazzini", "Via Cavour", "Viale Europa",
  "Via dell'Industria", "Via dell'Artigianato", "Via Giuseppe Verdi", "Piazza della Repubblica",
  "Via Dante Alighieri", "Via Guglielmo Marconi", "Via Giacomo Matteotti", "Via Antonio Gramsci",
  "Viale John Fitzgerald Kennedy", "Via Torino", "Via Vittorio Emanuele II", "Via dei Mille",
  "Via Galileo Galilei", "Via del Lavoro", "Via Leonardo da Vinci", "Corso Venezia",
};

static const char * const surnames[] = {
  "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
  "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo",
  "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso",
  "Ferrara", "Galli", "Martini", "Leone", "Longo", "Gentile", "Martinelli", "Vitale",
  "Lombardo", "Serra", "Coppola", "De Santis", "D'Angelo", "Marchetti", "Parisi", "Villa",
  "Conte", "Ferraro", "Ferri", "Fabbri", "Bianco", "Marini", "Grasso", "Valentini", "Messina",
  "Sala", "De Angelis", "Gatti", "Pellegrini", "Palumbo", "Sanna", "Farina", "Rizzi", "Monti",
};

typedef struct {
  const char *word;
  gboolean word_first;          /* "Ferramenta Bianchi" rather than "Rossi Costruzioni" */
  const char *industry;
  guint8 audience;
} Kind;

static const Kind kinds[] = {
  { "Costruzioni", FALSE, "Edilizia", WORKSHOP },
  { "Ferramenta", TRUE, "Commercio", WORKSHOP },
  { "Tessitura", TRUE, "Tessile", WORKSHOP },
  { "Trasporti", FALSE, "Trasporti", WORKSHOP },
  { "Impianti Elettrici", FALSE, "Impiantistica", WORKSHOP },
  { "Arredamenti", FALSE, "Arredamento", WORKSHOP },
  { "Autofficina", TRUE, "Automotive", WORKSHOP },
  { "Serramenti", FALSE, "Serramenti", WORKSHOP },
  { "Tipografia", TRUE, "Grafica e stampa", WORKSHOP },
  { "Alimentari", FALSE, "Alimentare", KITCHEN },
  { "Ottica", TRUE, "Commercio", FOR_OFFICE },
  { "Studio Tecnico", TRUE, "Servizi tecnici", FOR_OFFICE },
  { "Informatica", FALSE, "Informatica", FOR_OFFICE },
  { "Meccanica", FALSE, "Meccanica", WORKSHOP },
  { "Idraulica", FALSE, "Impiantistica", WORKSHOP },
  { "Logistica", FALSE, "Logistica", WORKSHOP },
  { "Ceramiche", FALSE, "Ceramica", WORKSHOP },
  { "Cantina", TRUE, "Vitivinicolo", WORKSHOP | FOR_FOOD },
  { "Pasticceria", TRUE, "Ristorazione", KITCHEN },
  { "Hotel", TRUE, "Turismo", KITCHEN },
  { "Carpenteria Metallica", TRUE, "Meccanica", WORKSHOP },
  { "Agenzia Immobiliare", TRUE, "Immobiliare", FOR_OFFICE },
  { "Calzaturificio", TRUE, "Calzature", WORKSHOP },
  { "Elettronica", FALSE, "Elettronica", WORKSHOP },
};

/* Repeated entries weigh the draw: most small Italian companies are S.r.l. */
static const char * const legal_forms[] = {
  "S.r.l.", "S.r.l.", "S.r.l.", "S.r.l.", "S.r.l.s.", "S.p.A.", "S.n.c.", "S.n.c.", "S.a.s.",
  "S.a.s.",
};

static const char * const first_names[] = {
  "Marco", "Luca", "Giuseppe", "Francesco", "Antonio", "Alessandro", "Andrea", "Matteo",
  "Lorenzo", "Davide", "Stefano", "Paolo", "Roberto", "Giovanni", "Simone", "Fabio", "Massimo",
  "Riccardo", "Giulia", "Francesca", "Chiara", "Sara", "Martina", "Elena", "Valentina",
  "Alessia", "Federica", "Laura", "Silvia", "Paola", "Anna", "Maria", "Elisa", "Roberta",
  "Claudia", "Beatrice", "Ilaria", "Nicola",
};

static const char * const positions[] = {
  "Titolare", "Amministratore delegato", "Responsabile acquisti", "Direttore tecnico",
  "Ufficio amministrazione", "Responsabile commerciale", "Responsabile di produzione",
  "Geometra", "Office manager", "Responsabile IT",
};

static const char * const mobile_prefixes[] = {
  "320", "328", "329", "333", "335", "338", "339", "340", "345", "347", "348", "349", "366",
  "380", "388", "392",
};

static const char * const mail_providers[] = {
  "gmail.com", "libero.it", "virgilio.it", "alice.it", "outlook.it",
};

/* The team that sells, besides the current user. */
static const struct {
  const char *name;
  const char *email;
} team_names[] = {
  { "Giulia Ferri", "giulia.ferri@example.com" },
  { "Marco Colombo", "marco.colombo@example.com" },
  { "Francesca Rinaldi", "francesca.rinaldi@example.com" },
  { "Luca Moretti", "luca.moretti@example.com" },
  { "Sara Galli", "sara.galli@example.com" },
};

/* Lower-case ASCII letters and digits only: "D'Angelo Serramenti" → "dangeloserramenti". */
static char *
slug (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));

  return g_string_free (out, FALSE);
}

/* An Italian VAT number with its check digit (the Luhn-like rule of the Agenzia delle Entrate). */
static char *
make_vat_id (GRand *rand)
{
  int digits[11];
  int sum = 0;
  guint office = 1 + demo_pick (rand, 100);

  for (guint i = 0; i < 7; i++)
    digits[i] = (int) demo_pick (rand, 10);
  if (digits[0] == 0)
    digits[0] = 1;
  digits[7] = (int) (office / 100);
  digits[8] = (int) (office / 10 % 10);
  digits[9] = (int) (office % 10);

  for (guint i = 0; i < 10; i++)
    {
      int d = digits[i];

      if (i % 2 == 1)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }
  digits[10] = (10 - sum % 10) % 10;

  return g_strdup_printf ("IT%d%d%d%d%d%d%d%d%d%d%d", digits[0], digits[1], digits[2],
                          digits[3], digits[4], digits[5], digits[6], digits[7], digits[8],
                          digits[9], digits[10]);
}

/* A landline number of the city: the area code and the subscriber number make ten digits. */
static char *
make_landline (GRand      *rand,
               const City *city)
{
  GString *number = g_string_new ("+39 ");
  gsize n_digits = 10 - strlen (city->prefix);

  g_string_append (number, city->prefix);
  g_string_append_c (number, ' ');
  g_string_append_c (number, (char) ('2' + demo_pick (rand, 8)));
  for (gsize i = 1; i < n_digits; i++)
    g_string_append_c (number, (char) ('0' + demo_pick (rand, 10)));

  return g_string_free (number, FALSE);
}

static char *
make_mobile (GRand *rand)
{
  return g_strdup_printf ("+39 %s %03u %04u",
                          mobile_prefixes[demo_pick (rand, G_N_ELEMENTS (mobile_prefixes))],
                          demo_pick (rand, 1000), demo_pick (rand, 10000));
}

static const City *
pick_city (GRand *rand)
{
  /* The big cities come first in the table and get twice the weight. */
  guint i = demo_pick (rand, G_N_ELEMENTS (cities) + 8);

  return &cities[i < G_N_ELEMENTS (cities) ? i : i - G_N_ELEMENTS (cities)];
}

gboolean
demo_setup_team (Demo    *demo,
            GError **error)
{
  g_autoptr(GPtrArray) team = affari_store_list_team (demo->store, error);
  gint64 current = affari_store_get_current_user (demo->store);

  if (team == NULL)
    return FALSE;

  if (current > 0)
    demo->team[demo->n_team++] = current;

  for (guint i = 0; i < G_N_ELEMENTS (team_names); i++)
    {
      gint64 id = 0;

      /* A second run adds deals to the same people rather than hiring namesakes. */
      for (guint j = 0; j < team->len && id == 0; j++)
        {
          AffariTeamMember *member = g_ptr_array_index (team, j);

          if (g_strcmp0 (affari_team_member_get_name (member), team_names[i].name) == 0)
            id = affari_team_member_get_id (member);
        }

      if (id == current && id != 0)
        continue;

      if (id == 0)
        {
          id = affari_store_add_team_member (demo->store, team_names[i].name,
                                             team_names[i].email, error);
          if (id <= 0)
            return FALSE;
        }

      demo->team[demo->n_team++] = id;
    }

  return TRUE;
}

static gboolean
load_pipeline (Demo         *demo,
               PipelineRef  *pipe,
               gint64        pipeline_id,
               GError      **error)
{
  g_autoptr(GPtrArray) stages = affari_store_list_stages (demo->store, pipeline_id, error);

  if (stages == NULL)
    return FALSE;

  pipe->id = pipeline_id;
  pipe->won = -1;

  for (guint i = 0; i < stages->len && pipe->n_stages < MAX_STAGES; i++)
    {
      AffariStage *stage = g_ptr_array_index (stages, i);
      guint8 index = (guint8) pipe->n_stages++;

      pipe->stages[index].id = affari_stage_get_id (stage);
      pipe->stages[index].semantics = affari_stage_get_semantics (stage);

      switch (pipe->stages[index].semantics)
        {
        case AFFARI_SEMANTICS_SUCCESS:
          if (pipe->won < 0)
            pipe->won = index;
          break;
        case AFFARI_SEMANTICS_FAILURE:
          pipe->lost[pipe->n_lost++] = index;
          break;
        case AFFARI_SEMANTICS_PROCESS:
        default:
          pipe->process[pipe->n_process++] = index;
          break;
        }
    }

  if (pipe->n_process == 0)
    return demo_set_failed (error, _("A pipeline has no stage in progress, so no sample deal can be created in it"));

  return TRUE;
}

gboolean
demo_setup_pipelines (Demo    *demo,
                 GError **error)
{
  g_autoptr(GPtrArray) pipelines = affari_store_list_pipelines (demo->store, error);
  gint64 default_id = affari_store_get_default_pipeline_id (demo->store);
  const char *renewals = _("Renewals");
  gint64 renewals_id = 0;

  if (pipelines == NULL)
    return FALSE;

  for (guint i = 0; i < pipelines->len && renewals_id == 0; i++)
    {
      AffariPipeline *pipeline = g_ptr_array_index (pipelines, i);

      if (affari_pipeline_get_id (pipeline) != default_id &&
          g_strcmp0 (affari_pipeline_get_name (pipeline), renewals) == 0)
        renewals_id = affari_pipeline_get_id (pipeline);
    }

  if (renewals_id == 0)
    {
      renewals_id = affari_store_create_pipeline (demo->store, renewals, error);
      if (renewals_id <= 0)
        return FALSE;
    }

  return load_pipeline (demo, &demo->pipes[0], default_id, error) &&
         load_pipeline (demo, &demo->pipes[1], renewals_id, error);
}

static gint64
add_contact (Demo        *demo,
             gint64       company_id,
             const char  *first,
             const char  *last,
             const char  *position,
             const char  *domain,
             GError     **error)
{
  g_autoptr(AffariContact) contact = affari_contact_new (first, last);
  g_autofree char *phone = make_mobile (demo->rand);
  g_autofree char *email = NULL;
  g_autofree char *birthday = NULL;
  gint64 id;

  if (domain != NULL || demo_chance (demo->rand, 60))
    {
      g_autofree char *first_slug = slug (first);
      g_autofree char *last_slug = slug (last);

      email = g_strdup_printf ("%s.%s@%s", first_slug, last_slug,
                               domain != NULL ? domain
                               : mail_providers[demo_pick (demo->rand, G_N_ELEMENTS (mail_providers))]);
    }

  if (demo_chance (demo->rand, 70))
    birthday = g_strdup_printf ("%04u-%02u-%02u", 1958 + demo_pick (demo->rand, 41),
                                1 + demo_pick (demo->rand, 12), 1 + demo_pick (demo->rand, 28));

  g_object_set (contact,
                "company-id", company_id,
                "position", position,
                "phone", phone,
                "email", email,
                "birthday", birthday,
                NULL);

  id = affari_store_create_contact (demo->store, contact, error);
  if (id > 0)
    g_array_append_val (demo->contact_ids, id);
  return id;
}

static gboolean
add_company (Demo        *demo,
             GHashTable  *names,
             GError     **error)
{
  GRand *rand = demo->rand;
  g_autoptr(AffariCompany) company = NULL;
  g_autofree char *name = NULL;
  g_autofree char *short_name = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *address = NULL;
  g_autofree char *vat_id = NULL;
  const char *surname = NULL;
  const Kind *kind = NULL;
  const City *city = pick_city (rand);
  CompanyRef ref = { 0 };
  guint n_contacts;

  /* Two partners' surnames make the rarer names, so 20,000 companies stay distinct. */
  for (guint attempt = 0; attempt < 50; attempt++)
    {
      const char *form = legal_forms[demo_pick (rand, G_N_ELEMENTS (legal_forms))];
      g_autofree char *family = NULL;

      surname = surnames[demo_pick (rand, G_N_ELEMENTS (surnames))];
      kind = &kinds[demo_pick (rand, G_N_ELEMENTS (kinds))];

      if (attempt > 0 || demo_chance (rand, 20))
        {
          const char *partner = surnames[demo_pick (rand, G_N_ELEMENTS (surnames))];

          family = partner != surname ? g_strdup_printf ("%s & %s", surname, partner)
                                      : g_strdup (surname);
        }
      else
        family = g_strdup (surname);

      g_free (short_name);
      short_name = kind->word_first ? g_strdup_printf ("%s %s", kind->word, family)
                                    : g_strdup_printf ("%s %s", family, kind->word);
      g_free (name);
      name = g_strdup_printf ("%s %s", short_name, form);

      if (!g_hash_table_contains (names, name))
        break;
    }
  g_hash_table_add (names, g_strdup (name));

  {
    g_autofree char *domain_slug = slug (short_name);
    domain = g_strdup_printf ("%s.it", domain_slug);
  }
  email = g_strdup_printf ("%s@%s", demo_chance (rand, 70) ? "info" : "amministrazione", domain);
  phone = make_landline (rand, city);
  address = g_strdup_printf ("%s %u, %s %s (%s)", streets[demo_pick (rand, G_N_ELEMENTS (streets))],
                             1 + demo_pick (rand, 180), city->cap, city->name, city->province);
  vat_id = make_vat_id (rand);

  company = affari_company_new (name);
  g_object_set (company,
                "city", city->name,
                "address", address,
                "phone", phone,
                "email", email,
                "vat-id", vat_id,
                "industry", kind->industry,
                NULL);

  ref.id = affari_store_create_company (demo->store, company, error);
  if (ref.id <= 0)
    return FALSE;

  ref.first_contact = demo->contact_ids->len;
  n_contacts = demo_chance (rand, 40) ? 1 : demo_chance (rand, 65) ? 2 : 3;

  for (guint i = 0; i < n_contacts; i++)
    {
      const char *first = first_names[demo_pick (rand, G_N_ELEMENTS (first_names))];
      const char *last;
      const char *position;

      /* The owner of a family business usually carries its name. */
      if (i == 0 && demo_chance (rand, 50))
        {
          last = surname;
          position = positions[0];
        }
      else
        {
          last = surnames[demo_pick (rand, G_N_ELEMENTS (surnames))];
          position = positions[1 + demo_pick (rand, G_N_ELEMENTS (positions) - 1)];
        }

      if (add_contact (demo, ref.id, first, last, position, domain, error) <= 0)
        return FALSE;
    }

  ref.n_contacts = n_contacts;
  ref.audience = kind->audience;
  ref.short_name = g_steal_pointer (&short_name);
  g_array_append_val (demo->companies, ref);

  return TRUE;
}

gboolean
demo_setup_clients (Demo     *demo,
               guint     n_companies,
               GError  **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n_companies; i++)
    if (!add_company (demo, names, error))
      return FALSE;

  /* A few private people buy solar panels and doors. */
  demo->first_private = demo->contact_ids->len;
  demo->n_private = n_companies / 10 + 2;

  for (guint i = 0; i < demo->n_private; i++)
    {
      const char *first = first_names[demo_pick (demo->rand, G_N_ELEMENTS (first_names))];
      const char *last = surnames[demo_pick (demo->rand, G_N_ELEMENTS (surnames))];

      if (add_contact (demo, 0, first, last, NULL, NULL, error) <= 0)
        return FALSE;
      g_ptr_array_add (demo->private_names, g_strdup_printf ("%s %s", first, last));
    }

  return TRUE;
}
