/* affari-import-b24.c — a folder of Bitrix24 REST JSON dumps into the database
 *
 * Two passes: every file is read and parsed first (a truncated file is refused before anything is
 * written), then one transaction creates pipelines, stages, companies, contacts, deals with their
 * contacts and product rows, comments and activities, in that order, so each item finds what it
 * points to. Items that cannot be imported are refused one by one with the reason; the rest goes in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "affari-import-b24.h"
#include "affari-import-b24-private.h"
#include "model/affari-activity.h"
#include "model/affari-company.h"
#include "model/affari-contact.h"
#include "model/affari-deal.h"
#include "model/affari-error.h"
#include "model/affari-money.h"
#include "model/affari-product-row.h"
#include "model/affari-reference.h"
#include "store/affari-store-import.h"

#define ORIGINATOR "bitrix24"

typedef struct {
  AffariImportRun run;                /* store, report, dry run, progress, cancel */
  GPtrArray *lists[N_LISTS];          /* Item */
  GPtrArray *parsers;                 /* JsonParser, keeping the objects alive */
  GHashTable *pipelines;              /* Bitrix24 category id (string) → pipeline id */
  GHashTable *stages;                 /* STATUS_ID → stage id */
  GHashTable *stage_names;            /* STATUS_ID → NAME of every deal stage listed, even refused */
  GHashTable *companies;              /* Bitrix24 id → company id */
  GHashTable *contacts;
  GHashTable *deals;                  /* Bitrix24 id → deal id */
  GHashTable *new_deals;              /* Bitrix24 ids of the deals made by this run */
  GHashTable *rows;                   /* deal's Bitrix24 id → GPtrArray of Item */
  GHashTable *currencies;             /* codes the store knows */
  GHashTable *users;                  /* Bitrix24 user id → team member id (user.get) */
  guint unassigned;                   /* deals whose ASSIGNED_BY_ID is no user of user.get */
  guint done, total;
} Import;

static void
refuse (Import *imp, Item *item, const char *id, const char *reason)
{
  g_ptr_array_add (imp->run.report->refused,
                   g_strdup_printf (_("%s, ID %s: %s"), item->file, id != NULL ? id : "?", reason));
}

static void G_GNUC_PRINTF (4, 5)
note (Import *imp, Item *item, const char *id, const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (imp->run.report->notes, g_strdup_printf (_("%s, ID %s: %s"), item->file, id, text));
}

/* ------------------------------------------------------------ writing */

static gboolean
step (Import *imp, GError **error)
{
  return affari_import_run_step (&imp->run, ++imp->done, imp->total, error);
}

static gint
compare_sort (gconstpointer a, gconstpointer b)
{
  const Item *x = *(Item * const *) a, *y = *(Item * const *) b;
  double sx = b24_get_double (x->object, "SORT", 0), sy = b24_get_double (y->object, "SORT", 0);

  return sx < sy ? -1 : sx > sy ? 1 : 0;
}

static gboolean
import_pipelines (Import *imp, GError **error)
{
  g_hash_table_insert (imp->pipelines, g_strdup ("0"),
                       g_memdup2 (&(gint64) { affari_store_get_default_pipeline_id (imp->run.store) }, sizeof (gint64)));
  for (guint i = 0; i < imp->lists[LIST_CATEGORY]->len; i++)
    {
      Item *item = g_ptr_array_index (imp->lists[LIST_CATEGORY], i);
      g_autofree char *id = b24_dup_text (item->object, "id");
      g_autofree char *name = b24_dup_text (item->object, "name");
      g_autofree char *origin = NULL;
      gint64 pipeline_id;

      if (!step (imp, error))
        return FALSE;
      if (id == NULL)
        id = b24_dup_text (item->object, "ID");
      if (name == NULL)
        name = b24_dup_text (item->object, "NAME");
      if (id == NULL || g_str_equal (id, "0"))
        continue;
      origin = g_strconcat (ORIGINATOR ":category:", id, NULL);
      pipeline_id = affari_store_import_find_origin (imp->run.store, AFFARI_IMPORT_PIPELINE, origin);
      if (pipeline_id != 0)
        imp->run.report->existing[AFFARI_IMPORTED_PIPELINE]++;
      else if (name == NULL)
        {
          refuse (imp, item, id, _("the pipeline has no name"));
          continue;
        }
      else
        {
          pipeline_id = affari_store_import_create_pipeline (imp->run.store, name, origin, error);
          if (pipeline_id == 0)
            return FALSE;
          imp->run.report->created[AFFARI_IMPORTED_PIPELINE]++;
        }
      g_hash_table_insert (imp->pipelines, g_steal_pointer (&id), g_memdup2 (&pipeline_id, sizeof pipeline_id));
    }
  return TRUE;
}

static gint64
lookup (GHashTable *table, const char *key)
{
  gint64 *value = key != NULL ? g_hash_table_lookup (table, key) : NULL;

  return value != NULL ? *value : 0;
}

static void
remember (GHashTable *table, const char *key, gint64 id)
{
  g_hash_table_insert (table, g_strdup (key), g_memdup2 (&id, sizeof id));
}

static gboolean
import_stages (Import *imp, GError **error)
{
  g_ptr_array_sort (imp->lists[LIST_STATUS], compare_sort);
  for (guint i = 0; i < imp->lists[LIST_STATUS]->len; i++)
    {
      Item *item = g_ptr_array_index (imp->lists[LIST_STATUS], i);
      g_autofree char *entity = b24_dup_text (item->object, "ENTITY_ID");
      g_autofree char *status = b24_dup_text (item->object, "STATUS_ID");
      g_autofree char *name = b24_dup_text (item->object, "NAME");
      g_autofree char *color = b24_dup_text (item->object, "COLOR");
      g_autofree char *sem_text = b24_dup_text (item->object, "SEMANTICS");
      g_autofree char *code = NULL;
      const char *category;
      const char *colon;
      gint64 pipeline_id, stage_id;
      char semantics;

      if (!step (imp, error))
        return FALSE;
      if (entity == NULL || !g_str_has_prefix (entity, "DEAL_STAGE"))
        continue;
      if (status != NULL && name != NULL)
        g_hash_table_insert (imp->stage_names, g_strdup (status), g_strdup (name));
      category = entity[strlen ("DEAL_STAGE")] == '_' ? entity + strlen ("DEAL_STAGE_") : "0";
      pipeline_id = lookup (imp->pipelines, category);
      if (pipeline_id == 0)
        {
          refuse (imp, item, status, _("its pipeline is not in crm.category.list: export the pipelines too"));
          continue;
        }
      if (status == NULL || name == NULL)
        {
          refuse (imp, item, status, _("the stage has no code or no name"));
          continue;
        }
      /* A custom pipeline's codes carry its Bitrix24 id ("C1:NEW"): here they carry ours. */
      colon = strchr (status, ':');
      if (g_str_equal (category, "0"))
        code = g_strdup (status);
      else
        code = g_strdup_printf ("C%" G_GINT64_FORMAT ":%s", pipeline_id, colon != NULL ? colon + 1 : status);
      semantics = g_strcmp0 (sem_text, "S") == 0 ? 'S' : g_strcmp0 (sem_text, "F") == 0 ? 'F' : 'P';
      if (color != NULL && !(strlen (color) == 7 && color[0] == '#'))
        g_clear_pointer (&color, g_free);

      stage_id = affari_store_find_stage_by_code (imp->run.store, pipeline_id, code);
      if (stage_id == 0)
        stage_id = affari_store_import_find_stage_by_name (imp->run.store, pipeline_id, name);
      if (stage_id != 0)
        imp->run.report->existing[AFFARI_IMPORTED_STAGE]++;
      else
        {
          stage_id = affari_store_import_add_stage (imp->run.store, pipeline_id, code, name, color,
                                                    (int) b24_get_double (item->object, "SORT", 10), semantics, error);
          if (stage_id == 0)
            return FALSE;
          imp->run.report->created[AFFARI_IMPORTED_STAGE]++;
        }
      remember (imp->stages, status, stage_id);
    }
  return TRUE;
}

/* Makes the client of @item and returns its id; 0 with @reason when it is refused, 0 with @error
 * when a write failed. */
typedef gint64 (*MakeClient) (Import *imp, Item *item, const char **reason, GError **error);

static gint64
make_company (Import *imp, Item *item, const char **reason, GError **error)
{
  g_autofree char *title = b24_dup_text (item->object, "TITLE");
  g_autofree char *phone = b24_dup_multi_first (item->object, "PHONE");
  g_autofree char *email = b24_dup_multi_first (item->object, "EMAIL");
  g_autofree char *address = b24_dup_text (item->object, "ADDRESS");
  g_autofree char *industry = b24_dup_text (item->object, "INDUSTRY");
  g_autoptr(AffariCompany) company = NULL;

  if (title == NULL)
    {
      *reason = _("the company has no name (TITLE)");
      return 0;
    }
  company = affari_company_new (title);
  g_object_set (company, "phone", phone, "email", email, "address", address, "industry", industry, NULL);
  return affari_store_create_company (imp->run.store, company, error);
}

static gint64
make_contact (Import *imp, Item *item, const char **reason, GError **error)
{
  g_autofree char *first = b24_dup_text (item->object, "NAME");
  g_autofree char *last = b24_dup_text (item->object, "LAST_NAME");
  g_autofree char *company = b24_dup_text (item->object, "COMPANY_ID");
  g_autofree char *phone = b24_dup_multi_first (item->object, "PHONE");
  g_autofree char *email = b24_dup_multi_first (item->object, "EMAIL");
  g_autofree char *position = b24_dup_text (item->object, "POST");
  g_autofree char *birthday = b24_get_day (item->object, "BIRTHDATE");
  g_autoptr(AffariContact) contact = NULL;

  if (first == NULL && last == NULL)
    {
      *reason = _("the contact has neither a name nor a surname");
      return 0;
    }
  contact = affari_contact_new (first != NULL ? first : "", last != NULL ? last : "");
  g_object_set (contact, "phone", phone, "email", email, "position", position, "birthday", birthday,
                "company-id", lookup (imp->companies, company), NULL);
  return affari_store_create_contact (imp->run.store, contact, error);
}

/* Companies or contacts: each found by its origin ("bitrix24:company:ID") or made by @make. */
static gboolean
import_clients (Import *imp, ListKind list, AffariImportTable table, AffariImportKind kind, GHashTable *map,
                const char *origin_prefix, MakeClient make, GError **error)
{
  for (guint i = 0; i < imp->lists[list]->len; i++)
    {
      Item *item = g_ptr_array_index (imp->lists[list], i);
      g_autofree char *id = b24_dup_text (item->object, "ID");
      g_autofree char *origin = NULL;
      const char *reason = NULL;
      gint64 client_id;

      if (!step (imp, error))
        return FALSE;
      if (id == NULL)
        continue;
      origin = g_strconcat (origin_prefix, id, NULL);
      client_id = affari_store_import_find_origin (imp->run.store, table, origin);
      if (client_id != 0)
        imp->run.report->existing[kind]++;
      else
        {
          client_id = make (imp, item, &reason, error);
          if (client_id == 0 && reason != NULL)
            {
              refuse (imp, item, id, reason);
              continue;
            }
          if (client_id == 0 || !affari_store_import_set_origin (imp->run.store, table, client_id, origin, error))
            return FALSE;
          imp->run.report->created[kind]++;
        }
      remember (map, id, client_id);
    }
  return TRUE;
}

static gboolean
ensure_currency (Import *imp, const char *code, GError **error)
{
  if (g_hash_table_contains (imp->currencies, code))
    return TRUE;
  if (!affari_store_add_currency (imp->run.store, code, code, error))
    return FALSE;
  g_hash_table_add (imp->currencies, g_strdup (code));
  return TRUE;
}

/* The deal's contacts: CONTACT_IDS (an array) or CONTACT_ID, the first one primary. */
static GArray *
deal_contacts (Import *imp, Item *item, const char *deal_id)
{
  JsonObject *object = item->object;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonNode *node = json_object_get_member (object, "CONTACT_IDS");

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *e = json_array_get_element (array, i);
          g_autofree char *key = NULL;
          gint64 id;

          if (json_node_get_value_type (e) == G_TYPE_STRING)
            key = g_strdup (json_node_get_string (e));
          else if (json_node_get_value_type (e) == G_TYPE_INT64)
            key = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (e));
          id = lookup (imp->contacts, key);
          if (id == 0 && key != NULL && g_strcmp0 (key, "0") != 0)
            note (imp, item, deal_id, _("its contact (CONTACT_IDS %s) is not in crm.contact.list: imported without it"), key);
          if (id != 0)
            {
              gboolean seen = FALSE;
              for (guint j = 0; j < ids->len; j++)
                seen |= g_array_index (ids, gint64, j) == id;
              if (!seen)
                g_array_append_val (ids, id);
            }
        }
    }
  /* CONTACT_ID is the first of CONTACT_IDS: read only when the list is not there. */
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    {
      g_autofree char *key = b24_dup_text (object, "CONTACT_ID");
      gint64 id = lookup (imp->contacts, key);
      if (id != 0)
        g_array_append_val (ids, id);
      else if (key != NULL && g_strcmp0 (key, "0") != 0)
        note (imp, item, deal_id, _("its contact (CONTACT_ID %s) is not in crm.contact.list: imported without it"), key);
    }
  return ids;
}

static void
fill_row (Item *item, AffariProductRow *row)
{
  JsonObject *o = item->object;
  double price = b24_get_double (o, "PRICE", 0), tax = b24_get_double (o, "TAX_RATE", -1), exclusive;
  g_autofree char *name = b24_dup_text (o, "PRODUCT_NAME");
  int discount_type = (int) b24_get_double (o, "DISCOUNT_TYPE_ID", 2);

  memset (row, 0, sizeof *row);
  row->name = g_strdup (name != NULL ? name : _("Product"));
  row->unit = b24_dup_text (o, "MEASURE_NAME");
  row->quantity_milli = (gint64) llround (b24_get_double (o, "QUANTITY", 1) * 1000);
  row->discount_type = discount_type == 1 ? 1 : 2;
  row->discount_rate_bp = (int) lround (b24_get_double (o, "DISCOUNT_RATE", 0) * 100);
  row->discount_sum = (gint64) llround (b24_get_double (o, "DISCOUNT_SUM", 0) * 100);
  row->tax_rate_bp = tax < 0 ? -1 : (int) lround (tax * 100);
  row->tax_included = b24_get_flag (o, "TAX_INCLUDED");
  /* PRICE is what one unit costs after discount with tax, PRICE_EXCLUSIVE the same without tax:
   * our rows start from the price before discount, without tax, and compute the rest. */
  exclusive = b24_get_double (o, "PRICE_EXCLUSIVE", -1);
  if (exclusive >= 0)
    row->price_netto = (gint64) llround (exclusive * 100);
  else if (row->tax_rate_bp > 0)
    row->price_netto = affari_product_row_netto_for_gross ((gint64) llround (price * 100), row->tax_rate_bp);
  else
    row->price_netto = (gint64) llround (price * 100);
  if (row->discount_type == 1)
    row->price_netto += row->discount_sum;
  else if (row->discount_rate_bp > 0 && row->discount_rate_bp < 10000)
    row->price_netto = (gint64) llround ((double) row->price_netto * 10000.0 / (10000 - row->discount_rate_bp));
  affari_product_row_compute (row);
}

/* The stage @status of a deal when crm.status.list does not have it (deleted in Bitrix24 since, or
 * the list exported before it was added): made in progress, before the won stage, named as the
 * list names it elsewhere, else by its code; said in the notes. */
static gint64
ensure_stage (Import *imp, Item *item, const char *id, gint64 pipeline_id, const char *category, const char *status,
              GError **error)
{
  const char *colon = strchr (status, ':');
  const char *bare = colon != NULL && colon[1] != '\0' ? colon + 1 : status;
  const char *known = g_hash_table_lookup (imp->stage_names, status);
  const char *name = known != NULL ? known : bare;
  g_autofree char *code = NULL;
  gboolean created;
  gint64 stage_id;

  /* As import_stages codes them: a custom pipeline's codes carry our id. */
  if (category == NULL || g_str_equal (category, "0"))
    code = g_strdup (status);
  else
    code = g_strdup_printf ("C%" G_GINT64_FORMAT ":%s", pipeline_id, bare);
  stage_id = affari_import_ensure_stage (imp->run.store, imp->run.report, pipeline_id, code, name, &created, error);
  if (stage_id == 0)
    return 0;
  remember (imp->stages, status, stage_id);
  if (created)
    note (imp, item, id, _("its stage (STAGE_ID %s) is not in crm.status.list: the stage “%s” was created, in "
                           "progress, before the won stage"), status, name);
  return stage_id;
}

static gboolean
import_deal (Import *imp, AffariDealOps *ops, Item *item, GError **error)
{
  JsonObject *o = item->object;
  g_autofree char *id = b24_dup_text (o, "ID");
  g_autofree char *title = b24_dup_text (o, "TITLE");
  g_autofree char *category = b24_dup_text (o, "CATEGORY_ID");
  g_autofree char *status = b24_dup_text (o, "STAGE_ID");
  g_autofree char *currency = b24_dup_text (o, "CURRENCY_ID");
  g_autofree char *amount_text = b24_dup_text (o, "OPPORTUNITY");
  g_autofree char *company = b24_dup_text (o, "COMPANY_ID");
  g_autofree char *comments_raw = b24_dup_text (o, "COMMENTS");
  g_autofree char *comments = NULL, *begin = NULL, *close = NULL, *type = NULL, *source = NULL;
  g_autofree char *source_text = NULL, *probability = NULL, *reason = NULL;
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(GArray) contacts = NULL;
  g_autoptr(GError) local = NULL;
  GPtrArray *rows;
  gint64 pipeline_id, stage_id, amount = 0, deal_id;

  if (id == NULL)
    {
      refuse (imp, item, NULL, _("the deal has no ID"));
      return TRUE;
    }
  deal_id = affari_store_import_find_deal (imp->run.store, ORIGINATOR, id);
  if (deal_id != 0)
    {
      imp->run.report->existing[AFFARI_IMPORTED_DEAL]++;
      remember (imp->deals, id, deal_id);
      return TRUE;
    }
  pipeline_id = lookup (imp->pipelines, category != NULL ? category : "0");
  stage_id = lookup (imp->stages, status);
  if (pipeline_id == 0)
    reason = g_strdup_printf (_("its pipeline (CATEGORY_ID %s) is not in crm.category.list"), category);
  else if (stage_id == 0 && status != NULL)
    stage_id = affari_store_find_stage_by_code (imp->run.store, pipeline_id, status);
  /* A stage missing from crm.status.list is made below, once the deal is known to go in. */
  if (reason == NULL && stage_id == 0 && status == NULL)
    reason = g_strdup_printf (_("its stage (STAGE_ID %s) is not in crm.status.list"), "null");
  if (reason == NULL && title == NULL)
    reason = g_strdup (_("the deal has no title (TITLE)"));
  if (reason == NULL && currency != NULL && !affari_currency_is_valid (currency))
    reason = g_strdup_printf (_("“%s” is not a currency code (CURRENCY_ID)"), currency);
  if (reason == NULL && amount_text != NULL && !affari_money_parse_decimal (amount_text, &amount, NULL))
    reason = g_strdup_printf (_("“%s” is not an amount (OPPORTUNITY)"), amount_text);
  if (reason != NULL)
    {
      refuse (imp, item, id, reason);
      return TRUE;
    }
  if (currency != NULL && !ensure_currency (imp, currency, error))
    return FALSE;
  if (stage_id == 0 && (stage_id = ensure_stage (imp, item, id, pipeline_id, category, status, error)) == 0)
    return FALSE;

  comments = affari_b24_strip_bbcode (comments_raw);
  begin = b24_get_day (o, "BEGINDATE");
  close = b24_get_day (o, "CLOSEDATE");
  type = b24_dup_text (o, "TYPE_ID");
  source = b24_dup_text (o, "SOURCE_ID");
  source_text = b24_dup_text (o, "SOURCE_DESCRIPTION");
  probability = b24_dup_text (o, "PROBABILITY");

  deal = affari_deal_new ();
  affari_deal_set_title (deal, title);
  affari_deal_set_pipeline_id (deal, pipeline_id);
  affari_deal_set_stage_id (deal, stage_id);
  if (currency != NULL)
    affari_deal_set_currency (deal, currency);
  affari_deal_set_amount (deal, amount);
  affari_deal_set_company_id (deal, lookup (imp->companies, company));
  /* "0" is Bitrix24's "no company"; another id not in the dump is said, the deal goes in without it. */
  if (company != NULL && g_strcmp0 (company, "0") != 0 && lookup (imp->companies, company) == 0)
    note (imp, item, id, _("its company (COMPANY_ID %s) is not in crm.company.list: imported without a company"), company);
  affari_deal_set_begin_date (deal, begin);
  affari_deal_set_close_date (deal, close);
  affari_deal_set_comments (deal, comments != NULL && *comments != '\0' ? comments : NULL);
  affari_deal_set_type_id (deal, type);
  affari_deal_set_source_id (deal, source);
  affari_deal_set_source_description (deal, source_text);
  if (probability != NULL)
    affari_deal_set_probability (deal, CLAMP ((int) g_ascii_strtoll (probability, NULL, 10), 0, 100));
  if (json_object_has_member (o, "OPENED"))
    affari_deal_set_opened (deal, b24_get_flag (o, "OPENED"));
  {
    g_autofree char *assigned = b24_dup_text (o, "ASSIGNED_BY_ID");
    gboolean missing = FALSE;
    gint64 member = b24_user_member (imp->users, assigned, &missing);

    /* Nobody known: the deal is the importing person's, as a new deal is. */
    if (member != 0)
      affari_deal_set_assigned_by_id (deal, member);
    imp->unassigned += missing;
  }
  affari_deal_set_originator_id (deal, ORIGINATOR);
  affari_deal_set_origin_id (deal, id);
  if (!affari_deal_ops_add_created (ops, deal, &local))
    {
      /* The deal's own values refused before anything was written (a title too long, a stage of
       * another pipeline): refuse this deal, import the others. */
      if (g_error_matches (local, AFFARI_ERROR, AFFARI_ERROR_INVALID)
          || g_error_matches (local, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT))
        {
          refuse (imp, item, id, local->message);
          return TRUE;
        }
      g_propagate_prefixed_error (error, g_steal_pointer (&local), _("%s, ID %s: "), item->file, id);
      return FALSE;
    }
  deal_id = affari_deal_get_id (deal);
  remember (imp->deals, id, deal_id);
  g_hash_table_add (imp->new_deals, g_strdup (id));
  imp->run.report->created[AFFARI_IMPORTED_DEAL]++;

  contacts = deal_contacts (imp, item, id);
  if (contacts->len > 0
      && !affari_deal_ops_fill_contacts (ops, deal_id, (const gint64 *) (gpointer) contacts->data, contacts->len,
                                         g_array_index (contacts, gint64, 0), error))
    return FALSE;

  rows = g_hash_table_lookup (imp->rows, id);
  if (rows != NULL)
    {
      g_autoptr(GArray) array = g_array_sized_new (FALSE, TRUE, sizeof (AffariProductRow), rows->len);
      gboolean ok;

      g_array_set_clear_func (array, (GDestroyNotify) affari_product_row_clear);
      for (guint i = 0; i < rows->len; i++)
        {
          Item *row_item = g_ptr_array_index (rows, i);
          g_autoptr(GError) row_error = NULL;
          AffariProductRow row;

          fill_row (row_item, &row);
          if (!affari_store_import_check_product_rows (&row, 1, &row_error))
            {
              g_autofree char *row_id = b24_dup_text (row_item->object, "ID");
              refuse (imp, row_item, row_id, row_error->message);
              affari_product_row_clear (&row);
              continue;
            }
          g_array_append_val (array, row);
        }
      ok = array->len == 0
           || affari_deal_ops_fill_product_rows (ops, deal_id, (const AffariProductRow *) (gpointer) array->data,
                                                 array->len, error);
      if (!ok)
        return FALSE;
      imp->run.report->created[AFFARI_IMPORTED_PRODUCT_ROW] += array->len;
    }
  return affari_store_import_set_deal_times (imp->run.store, deal_id, b24_get_time (o, "DATE_CREATE"),
                                             b24_get_time (o, "DATE_MODIFY"), close, error)
         && affari_store_import_add_event (imp->run.store, deal_id, affari_store_now (imp->run.store), "created",
                                           _("Imported from Bitrix24"), error);
}

static gboolean
import_deals (Import *imp, AffariDealOps *ops, GError **error)
{
  for (guint i = 0; i < imp->lists[LIST_PRODUCT_ROW]->len; i++)
    {
      Item *item = g_ptr_array_index (imp->lists[LIST_PRODUCT_ROW], i);
      g_autofree char *owner = b24_dup_text (item->object, "OWNER_ID");
      GPtrArray *rows;

      if (owner == NULL)
        owner = g_strdup (item->owner);
      if (owner == NULL)
        {
          g_autofree char *row_id = b24_dup_text (item->object, "ID");
          refuse (imp, item, row_id, _("the product row names no deal (OWNER_ID)"));
          continue;
        }
      rows = g_hash_table_lookup (imp->rows, owner);
      if (rows == NULL)
        {
          rows = g_ptr_array_new ();
          g_hash_table_insert (imp->rows, g_strdup (owner), rows);
        }
      g_ptr_array_add (rows, item);
    }
  for (guint i = 0; i < imp->lists[LIST_DEAL]->len; i++)
    {
      if (!step (imp, error) || !import_deal (imp, ops, g_ptr_array_index (imp->lists[LIST_DEAL], i), error))
        return FALSE;
    }
  if (imp->unassigned > 0)
    g_ptr_array_add (imp->run.report->notes,
                     imp->lists[LIST_USER]->len == 0
                     ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "ASSIGNED_BY_ID: the folder has no user.get file, so %u deal is yours",
                                                     "ASSIGNED_BY_ID: the folder has no user.get file, so %u deals are yours",
                                                     imp->unassigned), imp->unassigned)
                     : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "ASSIGNED_BY_ID: %u deal names a user not in user.get, so it is yours",
                                                     "ASSIGNED_BY_ID: %u deals name a user not in user.get, so they are yours",
                                                     imp->unassigned), imp->unassigned));
  return TRUE;
}

static gboolean
import_comments (Import *imp, GError **error)
{
  for (guint i = 0; i < imp->lists[LIST_COMMENT]->len; i++)
    {
      Item *item = g_ptr_array_index (imp->lists[LIST_COMMENT], i);
      g_autofree char *id = b24_dup_text (item->object, "ID");
      g_autofree char *owner = b24_dup_text (item->object, "ENTITY_ID");
      g_autofree char *type = b24_dup_text (item->object, "ENTITY_TYPE");
      g_autofree char *raw = b24_dup_text (item->object, "COMMENT");
      g_autofree char *text = NULL;
      gint64 deal_id, time;

      if (!step (imp, error))
        return FALSE;
      if (type != NULL && g_ascii_strcasecmp (type, "deal") != 0)
        continue;
      deal_id = lookup (imp->deals, owner);
      if (deal_id == 0)
        {
          refuse (imp, item, id, _("the comment's deal (ENTITY_ID) is not among the imported deals"));
          continue;
        }
      /* Comments have no origin of their own: a deal imported before has them already. */
      if (!g_hash_table_contains (imp->new_deals, owner))
        {
          imp->run.report->existing[AFFARI_IMPORTED_COMMENT]++;
          continue;
        }
      text = affari_b24_strip_bbcode (raw);
      if (text == NULL || *text == '\0')
        {
          refuse (imp, item, id, _("the comment is empty"));
          continue;
        }
      time = b24_get_time (item->object, "CREATED");
      if (!affari_store_import_add_event (imp->run.store, deal_id, time != 0 ? time : affari_store_now (imp->run.store),
                                          "comment", text, error))
        return FALSE;
      imp->run.report->created[AFFARI_IMPORTED_COMMENT]++;
    }
  return TRUE;
}

static gboolean
import_activities (Import *imp, GError **error)
{
  for (guint i = 0; i < imp->lists[LIST_ACTIVITY]->len; i++)
    {
      Item *item = g_ptr_array_index (imp->lists[LIST_ACTIVITY], i);
      JsonObject *o = item->object;
      g_autofree char *id = b24_dup_text (o, "ID");
      g_autofree char *owner = b24_dup_text (o, "OWNER_ID");
      g_autofree char *owner_type = b24_dup_text (o, "OWNER_TYPE_ID");
      g_autofree char *type = b24_dup_text (o, "TYPE_ID");
      g_autofree char *subject = b24_dup_text (o, "SUBJECT");
      g_autofree char *raw = b24_dup_text (o, "DESCRIPTION");
      g_autofree char *description = NULL, *origin = NULL;
      g_autoptr(AffariActivity) activity = NULL;
      AffariActivityType kind;
      gint64 deal_id, deadline, created;

      if (!step (imp, error))
        return FALSE;
      if (id == NULL)
        continue;
      if (g_strcmp0 (owner_type, "2") != 0)
        {
          refuse (imp, item, id, _("the activity belongs to no deal (OWNER_TYPE_ID is not 2)"));
          continue;
        }
      origin = g_strconcat (ORIGINATOR ":activity:", id, NULL);
      if (affari_store_import_find_origin (imp->run.store, AFFARI_IMPORT_ACTIVITY, origin) != 0)
        {
          imp->run.report->existing[AFFARI_IMPORTED_ACTIVITY]++;
          continue;
        }
      deal_id = lookup (imp->deals, owner);
      if (deal_id == 0)
        {
          refuse (imp, item, id, _("the activity's deal (OWNER_ID) is not among the imported deals"));
          continue;
        }
      kind = g_strcmp0 (type, "1") == 0 ? AFFARI_ACTIVITY_MEETING
           : g_strcmp0 (type, "2") == 0 ? AFFARI_ACTIVITY_CALL
           : g_strcmp0 (type, "4") == 0 ? AFFARI_ACTIVITY_EMAIL : AFFARI_ACTIVITY_TASK;
      deadline = b24_get_time (o, "DEADLINE");
      if (deadline == 0)
        deadline = b24_get_time (o, "END_TIME");
      if (deadline == 0)
        deadline = b24_get_time (o, "START_TIME");
      created = b24_get_time (o, "CREATED");
      if (deadline == 0)
        {
          refuse (imp, item, id, _("the activity has no date (DEADLINE, END_TIME, START_TIME)"));
          continue;
        }
      description = affari_b24_strip_bbcode (raw);
      activity = affari_activity_new (kind, subject != NULL ? subject : _("Activity"), deadline);
      if (description != NULL && *description != '\0')
        g_object_set (activity, "description", description, NULL);
      {
        g_autofree char *responsible = b24_dup_text (o, "RESPONSIBLE_ID");
        gboolean missing = FALSE;
        gint64 member = b24_user_member (imp->users, responsible, &missing);

        if (member != 0)
          g_object_set (activity, "responsible-id", member, NULL);
      }
      if (!affari_store_add_activity (imp->run.store, deal_id, activity, error)
          || !affari_store_import_finish_activity (imp->run.store, affari_activity_get_id (activity), origin,
                                                   b24_get_flag (o, "COMPLETED"),
                                                   created != 0 ? created : affari_store_now (imp->run.store), error))
        return FALSE;
      imp->run.report->created[AFFARI_IMPORTED_ACTIVITY]++;
    }
  return TRUE;
}

static gboolean
build (AffariDealOps *ops, gpointer data, GError **error)
{
  Import *imp = data;

  if (!import_pipelines (imp, error) || !import_stages (imp, error)
      || !import_clients (imp, LIST_COMPANY, AFFARI_IMPORT_COMPANY, AFFARI_IMPORTED_COMPANY, imp->companies,
                          ORIGINATOR ":company:", make_company, error)
      || !import_clients (imp, LIST_CONTACT, AFFARI_IMPORT_CONTACT, AFFARI_IMPORTED_CONTACT, imp->contacts,
                          ORIGINATOR ":contact:", make_contact, error)
      || !b24_import_users (imp->run.store, imp->lists[LIST_USER], imp->users, imp->run.report, error)
      || !import_deals (imp, ops, error) || !import_comments (imp, error)
      || !import_activities (imp, error))
    return FALSE;
  return affari_import_build_done (imp->run.dry_run, error);
}

AffariImportReport *
affari_import_b24 (AffariStore        *store,
                   AffariDealOps      *ops,
                   const char         *folder,
                   gboolean            dry_run,
                   GCancellable       *cancellable,
                   AffariImportProgress   progress,
                   gpointer            progress_data,
                   GError            **error)
{
  g_autoptr(AffariImportReport) report = NULL;
  Import imp = { 0 };
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (store), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  affari_import_run_init (&imp.run, store, dry_run, cancellable, progress, progress_data);
  report = imp.run.report;
  for (int k = 0; k < N_LISTS; k++)
    imp.lists[k] = g_ptr_array_new_with_free_func (b24_item_free);
  imp.parsers = g_ptr_array_new_with_free_func (g_object_unref);
  imp.pipelines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp.stages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp.stage_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp.users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp.companies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp.contacts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp.deals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp.new_deals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp.rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);

  ok = b24_read_folder (folder, imp.lists, imp.parsers, error)
       && (imp.currencies = affari_import_currency_codes (store, error)) != NULL;
  if (ok)
    {
      /* One step per item; product rows go in with their deal's step, users (a few) with none. */
      for (int k = 0; k < N_LISTS; k++)
        if (k != LIST_PRODUCT_ROW && k != LIST_USER)
          imp.total += imp.lists[k]->len;
      ok = affari_import_run_build (ops, build, &imp, _("Import from Bitrix24"), dry_run, error);
    }

  for (int k = 0; k < N_LISTS; k++)
    g_ptr_array_unref (imp.lists[k]);
  g_ptr_array_unref (imp.parsers);
  g_hash_table_unref (imp.pipelines);
  g_hash_table_unref (imp.stages);
  g_hash_table_unref (imp.stage_names);
  g_hash_table_unref (imp.users);
  g_hash_table_unref (imp.companies);
  g_hash_table_unref (imp.contacts);
  g_hash_table_unref (imp.deals);
  g_hash_table_unref (imp.new_deals);
  g_hash_table_unref (imp.rows);
  g_clear_pointer (&imp.currencies, g_hash_table_unref);
  return ok ? g_steal_pointer (&report) : NULL;
}
