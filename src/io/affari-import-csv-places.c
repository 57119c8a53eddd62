/* affari-import-csv-places.c — days, currencies, pipelines and stages as CSV files write them
 *
 * Pipelines and stages are looked up in hash tables filled once per import: a file of 100,000
 * rows asks for its stage 100,000 times, the database only once per pipeline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "affari-import-csv-private.h"
#include "model/affari-company.h"
#include "model/affari-contact.h"
#include "model/affari-money.h"
#include "model/affari-pipeline.h"
#include "model/affari-stage.h"
#include "store/affari-store-import.h"
#include "store/affari-store-import-match.h"
#include "store/affari-store-leads.h"

/* Currency names Bitrix24 writes (CCrmCurrency::GetCurrencyName), and people, with their codes. */
static const struct { const char *name; const char *code; } currency_names[] = {
  { "Euro", "EUR" }, { "€", "EUR" }, { "US Dollar", "USD" }, { "Dollaro USA", "USD" },
  { "Dollaro statunitense", "USD" }, { "Dollaro", "USD" }, { "$", "USD" },
  { "British Pound Sterling", "GBP" }, { "Sterlina britannica", "GBP" }, { "Sterlina", "GBP" }, { "£", "GBP" },
  { "Swiss Franc", "CHF" }, { "Franco svizzero", "CHF" }, { "Russian Ruble", "RUB" }, { "Rublo russo", "RUB" },
};

typedef struct {
  GHashTable *by_name;   /* folded name → gint64 * */
  int next_sort;         /* of a stage made: after the last in progress */
  guint n_made;
} Stages;

struct _AffariImportPlaces {
  AffariStore *store;
  AffariImportReport *report;
  GHashTable *pipelines;     /* folded name → gint64 * */
  gint64 default_id;
  GHashTable *stages;        /* pipeline id (gint64 *) → Stages */
  AffariClientIndex *clients;
  GHashTable *counted;       /* companies and contacts counted in the report (gint64 *; < 0: contacts) */
};

static void
stages_free (gpointer data)
{
  Stages *stages = data;

  g_hash_table_unref (stages->by_name);
  g_free (stages);
}

static char *
fold (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  return g_utf8_casefold (stripped, -1);
}

static void
put (GHashTable *table, const char *name, gint64 id)
{
  char *key = fold (name);

  if (g_hash_table_contains (table, key))
    g_free (key);
  else
    g_hash_table_insert (table, key, g_memdup2 (&id, sizeof id));
}

const char *
affari_import_cell (const AffariCsvTable *table, guint row, int column)
{
  const char *text;

  if (column < 0)
    return NULL;
  text = affari_csv_table_get_cell (table, row, column);
  return *text != '\0' ? text : NULL;
}

char *
affari_import_parse_day (const char *text)
{
  unsigned a = 0, b = 0, c = 0;
  char sep1 = 0, sep2 = 0;
  int used = 0;
  guint d, m, y;

  if (text == NULL || sscanf (text, "%u%c%u%c%u%n", &a, &sep1, &b, &sep2, &c, &used) != 5 || sep1 != sep2
      || (text[used] != '\0' && text[used] != ' ' && text[used] != 'T'))
    return NULL;
  if (sep1 == '-' && a > 999)
    y = a, m = b, d = c;
  else if ((sep1 == '/' || sep1 == '.' || sep1 == '-') && c > 999)
    d = a, m = b, y = c;
  else
    return NULL;
  if (y > 9999 || d > 31 || m > 12 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", y, m, d);
}

const char *
affari_import_currency_code (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (currency_names); i++)
    if (g_ascii_strcasecmp (text, currency_names[i].name) == 0)
      return currency_names[i].code;
  return affari_currency_is_valid (text) ? text : NULL;
}

AffariImportPlaces *
affari_import_places_new (AffariStore *store, AffariImportReport *report, GError **error)
{
  g_autoptr(AffariImportPlaces) places = g_new0 (AffariImportPlaces, 1);
  g_autoptr(GPtrArray) pipelines = affari_store_list_pipelines (store, error);
  gint64 lead_pipeline = affari_store_get_lead_pipeline_id (store);

  if (pipelines == NULL)
    return NULL;
  places->store = store;
  places->report = report;
  places->pipelines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  places->stages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, stages_free);
  places->counted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  places->clients = affari_store_import_client_index (store, error);
  if (places->clients == NULL)
    return NULL;
  for (guint i = 0; i < pipelines->len; i++)
    {
      AffariPipeline *pipeline = g_ptr_array_index (pipelines, i);

      /* Leads are no deals: their pipeline is not one a file can put deals in. */
      if (affari_pipeline_get_id (pipeline) == lead_pipeline)
        continue;
      put (places->pipelines, affari_pipeline_get_name (pipeline), affari_pipeline_get_id (pipeline));
      if (affari_pipeline_get_is_default (pipeline) || places->default_id == 0)
        places->default_id = affari_pipeline_get_id (pipeline);
    }
  return g_steal_pointer (&places);
}

void
affari_import_places_free (AffariImportPlaces *places)
{
  if (places == NULL)
    return;
  g_clear_pointer (&places->pipelines, g_hash_table_unref);
  g_clear_pointer (&places->stages, g_hash_table_unref);
  g_clear_pointer (&places->clients, affari_client_index_free);
  g_clear_pointer (&places->counted, g_hash_table_unref);
  g_free (places);
}

gint64
affari_import_places_pipeline (AffariImportPlaces *places, const char *name, gboolean *created, GError **error)
{
  g_autofree char *key = NULL, *stripped = NULL;
  gint64 *found, id;

  *created = FALSE;
  if (name == NULL || *name == '\0')
    return places->default_id;
  key = fold (name);
  found = g_hash_table_lookup (places->pipelines, key);
  if (found != NULL)
    return *found;
  /* Bitrix24's default pipeline is "General" (category 0, as the folder import maps it), whatever
   * ours is called in this language; "Generale" is assumed for Italian portals. */
  if (g_str_equal (key, "general") || g_str_equal (key, "generale"))
    return places->default_id;
  stripped = g_strstrip (g_strdup (name));
  id = affari_store_create_pipeline (places->store, stripped, error);
  if (id == 0)
    return 0;
  put (places->pipelines, name, id);
  places->report->created[AFFARI_IMPORTED_PIPELINE]++;
  *created = TRUE;
  return id;
}

static Stages *
load_stages (AffariImportPlaces *places, gint64 pipeline_id, GError **error)
{
  Stages *stages = g_hash_table_lookup (places->stages, &pipeline_id);
  g_autoptr(GPtrArray) list = NULL;

  if (stages != NULL)
    return stages;
  list = affari_store_list_stages (places->store, pipeline_id, error);
  if (list == NULL)
    return NULL;
  stages = g_new0 (Stages, 1);
  stages->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  stages->next_sort = 10;
  stages->n_made = list->len;
  for (guint i = 0; i < list->len; i++)
    {
      AffariStage *stage = g_ptr_array_index (list, i);

      put (stages->by_name, affari_stage_get_name (stage), affari_stage_get_id (stage));
      if (affari_stage_get_semantics (stage) == AFFARI_SEMANTICS_PROCESS)
        stages->next_sort = affari_stage_get_sort (stage) + 1;
    }
  g_hash_table_insert (places->stages, g_memdup2 (&pipeline_id, sizeof pipeline_id), stages);
  return stages;
}

gint64
affari_import_places_stage (AffariImportPlaces *places, gint64 pipeline_id, const char *name, gboolean *created,
                            GError **error)
{
  Stages *stages = load_stages (places, pipeline_id, error);
  g_autofree char *key = NULL, *code = NULL, *stripped = NULL;
  gint64 *found, id;

  *created = FALSE;
  if (stages == NULL)
    return 0;
  key = fold (name);
  found = g_hash_table_lookup (stages->by_name, key);
  if (found != NULL)
    return *found;
  stripped = g_strstrip (g_strdup (name));
  code = g_strdup_printf ("C%" G_GINT64_FORMAT ":CSV%u", pipeline_id, ++stages->n_made);
  id = affari_store_import_add_stage (places->store, pipeline_id, code, stripped, NULL, stages->next_sort++, 'P',
                                      error);
  if (id == 0)
    return 0;
  put (stages->by_name, name, id);
  places->report->created[AFFARI_IMPORTED_STAGE]++;
  *created = TRUE;
  return id;
}

/* Counts a client once in the report, the first time the file names it: as made, or as found. */
static void
count (AffariImportPlaces *places, AffariImportKind kind, gint64 id, gboolean made)
{
  gint64 key = kind == AFFARI_IMPORTED_CONTACT ? -id : id;

  if (g_hash_table_contains (places->counted, &key))
    return;
  g_hash_table_add (places->counted, g_memdup2 (&key, sizeof key));
  if (made)
    places->report->created[kind]++;
  else
    places->report->existing[kind]++;
}

gboolean
affari_import_places_company (AffariImportPlaces *places, const char *email, const char *phone, const char *vat,
                              const char *name, gint64 *company_id, GError **error)
{
  g_autoptr(AffariCompany) company = NULL;

  *company_id = affari_client_index_match_company (places->clients, email, phone, vat, name);
  if (*company_id != 0)
    {
      count (places, AFFARI_IMPORTED_COMPANY, *company_id, FALSE);
      return TRUE;
    }
  if (name == NULL)
    return TRUE;
  company = affari_company_new (name);
  g_object_set (company, "vat-id", vat, "email", email, "phone", phone, NULL);
  *company_id = affari_store_create_company (places->store, company, error);
  if (*company_id == 0)
    return FALSE;
  affari_client_index_add_company (places->clients, *company_id, email, phone, vat, name);
  count (places, AFFARI_IMPORTED_COMPANY, *company_id, TRUE);
  return TRUE;
}

gboolean
affari_import_places_contact (AffariImportPlaces *places, const char *email, const char *phone,
                              const char *full_name, gint64 company_id, gint64 *contact_id, GError **error)
{
  g_autoptr(AffariContact) contact = NULL;
  g_autofree char *full = NULL, *first = NULL;
  const char *space;

  *contact_id = affari_client_index_match_contact (places->clients, email, phone, full_name);
  if (*contact_id != 0)
    {
      count (places, AFFARI_IMPORTED_CONTACT, *contact_id, FALSE);
      return TRUE;
    }
  if (full_name == NULL)
    return TRUE;
  /* "Mario Rossi": the last word is the surname, as people (and Bitrix24) write names in a cell. */
  full = g_strstrip (g_strdup (full_name));
  space = strrchr (full, ' ');
  first = space != NULL ? g_strstrip (g_strndup (full, space - full)) : g_strdup (full);
  contact = affari_contact_new (first, space != NULL ? space + 1 : "");
  g_object_set (contact, "company-id", company_id, "email", email, "phone", phone, NULL);
  *contact_id = affari_store_create_contact (places->store, contact, error);
  if (*contact_id == 0)
    return FALSE;
  affari_client_index_add_contact (places->clients, *contact_id, email, phone, first, space != NULL ? space + 1 : "");
  count (places, AFFARI_IMPORTED_CONTACT, *contact_id, TRUE);
  return TRUE;
}
