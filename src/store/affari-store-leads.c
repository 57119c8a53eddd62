/* affari-store-leads.c — leads: the lead pipeline, lead_info, repeat leads, conversion links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "affari-store-leads.h"
#include "affari-store-private.h"

/* Bitrix24's default lead statuses (crm_status.php GetDefaultLeadStatuses). */
static const struct {
  const char *code, *context, *name, *color, *semantics, *extra;
  int sort;
  gboolean system;
} lead_statuses[] = {
  { "NEW",        "lead status", NC_("lead status", "New"),        "#39A8EF", "P", "process", 10, TRUE },
  { "IN_PROCESS", "lead status", NC_("lead status", "In progress"), "#2FC6F6", "P", "process", 20, FALSE },
  { "PROCESSED",  "lead status", NC_("lead status", "Processed"),  "#FFA900", "P", "process", 30, FALSE },
  { "CONVERTED",  "lead status", NC_("lead status", "Converted"),  "#7BD500", "S", "success", 40, TRUE },
  { "JUNK",       "lead status", NC_("lead status", "Junk"),       "#FF5752", "F", "failure", 50, TRUE },
};

/* Phones compare without their separators: "+39 02 123-45" is "+390212345". */
#define PHONE_SQL(col) \
  "replace(replace(replace(replace(replace(replace(" col ", ' ', ''), '-', ''), '.', ''), '/', ''), '(', ''), ')', '')"

static char *
normalize_phone (const char *phone)
{
  GString *out = g_string_new ("");

  for (const char *p = phone ? phone : ""; *p; p++)
    if (strchr (" -./()", *p) == NULL)
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

void
affari_lead_row_free (AffariLeadRow *row)
{
  if (row == NULL)
    return;
  affari_lead_free (row->lead);
  g_free (row->title);
  g_free (row->status);
  g_free (row->status_code);
  g_free (row->currency);
  g_free (row);
}

gboolean
store_leads_seed (AffariStore  *self,
                  GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 pipeline_id;

  /* Not yet migrated that far. */
  if (store_query_int (self, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'lead_info'", 0, 0) == 0)
    return TRUE;
  /* SQLite has no ADD COLUMN IF NOT EXISTS: the migration may run again over its own work. */
  if (store_query_int (self, "SELECT count(*) FROM pragma_table_info ('pipeline') WHERE name = 'kind'", 0, 0) == 0
      && !store_exec_sql (self, "ALTER TABLE pipeline ADD COLUMN kind TEXT NOT NULL DEFAULT 'deal'"
                                "  CHECK (kind IN ('deal', 'lead'));"
                                "CREATE UNIQUE INDEX IF NOT EXISTS pipeline_one_lead ON pipeline (kind) WHERE kind = 'lead';",
                          error))
    return FALSE;
  if (store_query_int (self, "SELECT count(*) FROM pipeline WHERE kind = 'lead'", 0, 0) > 0)
    return TRUE;

  /* Sorted after every deal pipeline; never the default one. */
  pipeline_id = store_new_id (self, "pipeline", error);
  if (pipeline_id < 0
      || !store_exec (self, error,
                      "INSERT INTO pipeline (id, name, sort, is_default, currency, kind)"
                      " VALUES (?, ?, 10000, 0, coalesce ((SELECT value FROM setting WHERE key = 'base_currency'), 'EUR'), 'lead')",
                      "ns", pipeline_id, C_("pipeline", "Leads")))
    return FALSE;
  pipeline_id = sqlite3_last_insert_rowid (self->db);

  stmt = store_prepare (self,
    "INSERT INTO stage (id, pipeline_id, code, name, color, sort, semantics, extra_semantics, is_system)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (lead_statuses); i++)
    {
      gint64 stage_id = store_new_id (self, "stage", error);

      if (stage_id < 0)
        return FALSE;
      store_bind_id (stmt, 1, stage_id);
      sqlite3_bind_int64 (stmt, 2, pipeline_id);
      store_bind_text (stmt, 3, lead_statuses[i].code);
      store_bind_text (stmt, 4, g_dpgettext2 (NULL, lead_statuses[i].context, lead_statuses[i].name));
      store_bind_text (stmt, 5, lead_statuses[i].color);
      sqlite3_bind_int (stmt, 6, lead_statuses[i].sort);
      store_bind_text (stmt, 7, lead_statuses[i].semantics);
      store_bind_text (stmt, 8, lead_statuses[i].extra);
      sqlite3_bind_int (stmt, 9, lead_statuses[i].system);
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }

  /* The card of a lead shows the person and company typed in (ui/deal/affari-deal-card-lead.c),
   * not the client pickers of a deal: its own layout hides them. */
  {
    g_autoptr(GPtrArray) custom_fields = affari_store_list_custom_fields (self, error);
    g_autoptr(GPtrArray) layout = custom_fields ? affari_card_layout_default (custom_fields) : NULL;

    if (layout == NULL)
      return FALSE;
    for (guint i = 0; i < layout->len; i++)
      {
        AffariCardSection *section = g_ptr_array_index (layout, i);

        if (g_str_equal (section->name, "main"))
          {
            g_free (section->title);
            section->title = g_strdup (_("About the Lead"));
          }
        for (guint j = 0; j < section->elements->len; j++)
          {
            AffariCardElement *element = &g_array_index (section->elements, AffariCardElement, j);

            if (g_str_equal (element->field, "CLIENT"))
              element->hidden = TRUE;
          }
      }
    return affari_store_set_card_layout (self, pipeline_id, layout, error);
  }
}

gint64
affari_store_get_lead_pipeline_id (AffariStore *self)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), 0);

  return store_query_int (self, "SELECT id FROM pipeline WHERE kind = 'lead'", 0, 0);
}

gboolean
affari_store_is_lead (AffariStore *self,
                      gint64       deal_id)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  return store_query_int (self, "SELECT count(*) FROM deal d JOIN pipeline p ON p.id = d.pipeline_id"
                                " WHERE d.id = ? AND p.kind = 'lead'", deal_id, 0) > 0;
}

AffariLead *
affari_store_get_lead (AffariStore  *self,
                       gint64        deal_id,
                       GError      **error)
{
  g_autoptr(AffariLead) lead = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  if (!affari_store_is_lead (self, deal_id))
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, deal_id);

      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND,
                   _("Lead #%s does not exist: check the number in the list of leads."), number);
      return NULL;
    }

  lead = affari_lead_new ();
  lead->deal_id = deal_id;
  stmt = store_prepare (self,
    "SELECT first_name, last_name, company_title, phone, email, address,"
    "       coalesce (contact_id, 0), coalesce (company_id, 0), coalesce (converted_deal_id, 0)"
    " FROM lead_info WHERE deal_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      affari_lead_set_text (&lead->first_name, (const char *) sqlite3_column_text (stmt, 0));
      affari_lead_set_text (&lead->last_name, (const char *) sqlite3_column_text (stmt, 1));
      affari_lead_set_text (&lead->company_title, (const char *) sqlite3_column_text (stmt, 2));
      affari_lead_set_text (&lead->phone, (const char *) sqlite3_column_text (stmt, 3));
      affari_lead_set_text (&lead->email, (const char *) sqlite3_column_text (stmt, 4));
      affari_lead_set_text (&lead->address, (const char *) sqlite3_column_text (stmt, 5));
      lead->contact_id = sqlite3_column_int64 (stmt, 6);
      lead->company_id = sqlite3_column_int64 (stmt, 7);
      lead->converted_deal_id = sqlite3_column_int64 (stmt, 8);
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      store_fail (self, error, rc, _("Reading the lead"));
      return NULL;
    }
  return g_steal_pointer (&lead);
}

gboolean
affari_store_lead_matches_client (AffariStore      *self,
                                  const AffariLead *lead)
{
  g_autofree char *phone = NULL;
  sqlite3_stmt *stmt;
  gboolean match = FALSE;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (lead != NULL, FALSE);

  phone = normalize_phone (lead->phone);
  stmt = store_prepare (self,
    "SELECT EXISTS (SELECT 1 FROM contact WHERE (?1 <> '' AND " PHONE_SQL ("phone") " = ?1)"
    "                                       OR (?2 <> '' AND email = ?2 COLLATE NOCASE))"
    "    OR EXISTS (SELECT 1 FROM company WHERE (?3 <> '' AND name = ?3 COLLATE NOCASE)"
    "                                       OR (?1 <> '' AND " PHONE_SQL ("phone") " = ?1)"
    "                                       OR (?2 <> '' AND email = ?2 COLLATE NOCASE))", NULL);
  if (stmt == NULL)
    return FALSE;
  store_bind_text (stmt, 1, phone);
  store_bind_text (stmt, 2, lead->email);
  store_bind_text (stmt, 3, lead->company_title);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    match = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return match;
}

gboolean
affari_store_set_lead (AffariStore       *self,
                       const AffariLead  *lead,
                       GError           **error)
{
  g_autoptr(AffariLead) old = NULL;
  gboolean ok = TRUE;
  struct {
    const char *field, *label, *old_value, *new_value;
  } changes[] = {
    { "lead_first_name", _("Name"), NULL, lead->first_name },
    { "lead_last_name", _("Surname"), NULL, lead->last_name },
    { "lead_company_title", _("Company name"), NULL, lead->company_title },
    { "lead_phone", _("Phone"), NULL, lead->phone },
    { "lead_email", _("E-mail"), NULL, lead->email },
    { "lead_address", _("Address"), NULL, lead->address },
  };

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (!store_check_line (lead->first_name, STORE_MAX_TITLE_CHARS, FALSE, _("The name"), error)
      || !store_check_line (lead->last_name, STORE_MAX_TITLE_CHARS, FALSE, _("The surname"), error)
      || !store_check_line (lead->company_title, STORE_MAX_TITLE_CHARS, FALSE, _("The company name"), error)
      || !store_check_line (lead->phone, STORE_MAX_TITLE_CHARS, FALSE, _("The phone"), error)
      || !store_check_line (lead->email, STORE_MAX_TITLE_CHARS, FALSE, _("The e-mail"), error)
      || !store_check_text (lead->address, STORE_MAX_TEXT_CHARS, FALSE, _("The address"), error))
    return FALSE;
  old = affari_store_get_lead (self, lead->deal_id, error);
  if (old == NULL)
    return FALSE;
  changes[0].old_value = old->first_name;
  changes[1].old_value = old->last_name;
  changes[2].old_value = old->company_title;
  changes[3].old_value = old->phone;
  changes[4].old_value = old->email;
  changes[5].old_value = old->address;

  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec (self, error,
                   "INSERT INTO lead_info (deal_id, first_name, last_name, company_title, phone, email, address)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (deal_id) DO UPDATE SET"
                   " first_name = excluded.first_name, last_name = excluded.last_name,"
                   " company_title = excluded.company_title, phone = excluded.phone, email = excluded.email,"
                   " address = excluded.address",
                   "xssssss", lead->deal_id, lead->first_name, lead->last_name, lead->company_title,
                   lead->phone, lead->email, lead->address);
  for (guint i = 0; ok && i < G_N_ELEMENTS (changes); i++)
    if (!g_str_equal (changes[i].old_value, changes[i].new_value))
      {
        g_autofree char *text = g_strdup_printf (_("%s: %s → %s"), changes[i].label,
                                                 *changes[i].old_value ? changes[i].old_value : _("(empty)"),
                                                 *changes[i].new_value ? changes[i].new_value : _("(empty)"));

        ok = store_add_event (self, lead->deal_id, AFFARI_EVENT_FIELD, changes[i].field,
                              changes[i].old_value, changes[i].new_value, text, error);
      }
  ok = ok && store_exec (self, error, "UPDATE deal SET is_return_customer = ? WHERE id = ?", "ix",
                         affari_store_lead_matches_client (self, lead) ? 1 : 0, lead->deal_id);
  if (ok)
    {
      gint64 stage = store_deal_stage (self, lead->deal_id);

      store_queue_deal (self, lead->deal_id, stage, stage);
    }
  return store_tx_end (self, ok, error);
}

static GArray *
find_ids (AffariStore      *self,
          const char       *sql,
          const AffariLead *lead,
          guint             limit,
          GError          **error)
{
  g_autofree char *phone = normalize_phone (lead->phone);
  sqlite3_stmt *stmt = store_prepare (self, sql, error);
  GArray *ids;
  int rc;

  if (stmt == NULL)
    return NULL;
  store_bind_text (stmt, 1, lead->email);
  store_bind_text (stmt, 2, phone);
  store_bind_text (stmt, 3, lead->first_name);
  store_bind_text (stmt, 4, lead->last_name);
  store_bind_text (stmt, 5, lead->company_title);
  sqlite3_bind_int (stmt, 6, (int) limit);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      store_fail (self, error, rc, _("Looking for the clients of the lead"));
      g_array_unref (ids);
      return NULL;
    }
  return ids;
}

GArray *
affari_store_find_lead_contacts (AffariStore       *self,
                                 const AffariLead  *lead,
                                 guint              limit,
                                 GError           **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);
  g_return_val_if_fail (lead != NULL, NULL);

  /* The e-mail says most surely who it is, then the phone, then the name. */
  return find_ids (self,
    "SELECT id FROM (SELECT id, CASE WHEN ?1 <> '' AND email = ?1 COLLATE NOCASE THEN 0"
    "                                WHEN ?2 <> '' AND " PHONE_SQL ("phone") " = ?2 THEN 1"
    "                                ELSE 2 END AS rank FROM contact"
    "  WHERE (?1 <> '' AND email = ?1 COLLATE NOCASE) OR (?2 <> '' AND " PHONE_SQL ("phone") " = ?2)"
    "     OR ((?3 <> '' OR ?4 <> '') AND first_name = ?3 COLLATE NOCASE AND last_name = ?4 COLLATE NOCASE))"
    " ORDER BY rank, id LIMIT ?6", lead, limit, error);
}

GArray *
affari_store_find_lead_companies (AffariStore       *self,
                                  const AffariLead  *lead,
                                  guint              limit,
                                  GError           **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);
  g_return_val_if_fail (lead != NULL, NULL);

  return find_ids (self,
    "SELECT id FROM (SELECT id, CASE WHEN ?1 <> '' AND email = ?1 COLLATE NOCASE THEN 0"
    "                                WHEN ?2 <> '' AND " PHONE_SQL ("phone") " = ?2 THEN 1"
    "                                ELSE 2 END AS rank FROM company"
    "  WHERE (?1 <> '' AND email = ?1 COLLATE NOCASE) OR (?2 <> '' AND " PHONE_SQL ("phone") " = ?2)"
    "     OR (?5 <> '' AND name = ?5 COLLATE NOCASE))"
    " ORDER BY rank, id LIMIT ?6", lead, limit, error);
}

gboolean
affari_store_link_lead_conversion (AffariStore  *self,
                                   gint64        lead_id,
                                   gint64        deal_id,
                                   gint64        contact_id,
                                   gint64        company_id,
                                   GError      **error)
{
  g_autofree char *lead_text = NULL;
  g_autofree char *deal_text = NULL;
  g_autofree char *lead_number = g_strdup_printf ("%" G_GINT64_FORMAT, lead_id);
  g_autofree char *deal_number = g_strdup_printf ("%" G_GINT64_FORMAT, deal_id);
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  lead_text = g_strdup_printf (_("Converted into deal #%s"), deal_number);
  deal_text = g_strdup_printf (_("Created from lead #%s"), lead_number);
  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec (self, error,
                   "INSERT INTO lead_info (deal_id, contact_id, company_id, converted_deal_id) VALUES (?, ?, ?, ?)"
                   " ON CONFLICT (deal_id) DO UPDATE SET contact_id = excluded.contact_id,"
                   " company_id = excluded.company_id, converted_deal_id = excluded.converted_deal_id",
                   "xnnx", lead_id, contact_id, company_id, deal_id)
       && store_exec (self, error, "UPDATE deal SET lead_id = ? WHERE id = ?", "xx", lead_id, deal_id)
       && store_add_event (self, lead_id, AFFARI_EVENT_FIELD, "converted_deal_id", NULL, deal_number, lead_text, error)
       && store_add_event (self, deal_id, AFFARI_EVENT_FIELD, "lead_id", NULL, lead_number, deal_text, error);
  if (ok)
    {
      gint64 lead_stage = store_deal_stage (self, lead_id);
      gint64 deal_stage = store_deal_stage (self, deal_id);

      store_queue_deal (self, lead_id, lead_stage, lead_stage);
      store_queue_deal (self, deal_id, deal_stage, deal_stage);
    }
  return store_tx_end (self, ok, error);
}

static AffariLeadRow *
lead_row_from_stmt (sqlite3_stmt *stmt)
{
  AffariLeadRow *row = g_new0 (AffariLeadRow, 1);
  AffariLead *lead = affari_lead_new ();

  lead->deal_id = sqlite3_column_int64 (stmt, 0);
  row->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  row->status = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  row->status_code = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  row->semantics = affari_semantics_from_code ((const char *) sqlite3_column_text (stmt, 4));
  row->amount = sqlite3_column_int64 (stmt, 5);
  row->currency = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  row->repeat = sqlite3_column_int (stmt, 7) != 0;
  affari_lead_set_text (&lead->first_name, (const char *) sqlite3_column_text (stmt, 8));
  affari_lead_set_text (&lead->last_name, (const char *) sqlite3_column_text (stmt, 9));
  affari_lead_set_text (&lead->company_title, (const char *) sqlite3_column_text (stmt, 10));
  affari_lead_set_text (&lead->phone, (const char *) sqlite3_column_text (stmt, 11));
  affari_lead_set_text (&lead->email, (const char *) sqlite3_column_text (stmt, 12));
  affari_lead_set_text (&lead->address, (const char *) sqlite3_column_text (stmt, 13));
  lead->contact_id = sqlite3_column_int64 (stmt, 14);
  lead->company_id = sqlite3_column_int64 (stmt, 15);
  lead->converted_deal_id = sqlite3_column_int64 (stmt, 16);
  row->lead = lead;
  return row;
}

GPtrArray *
affari_store_list_leads (AffariStore  *self,
                         GError      **error)
{
  sqlite3_stmt *stmt;
  GPtrArray *rows;
  int rc;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self,
    "SELECT d.id, d.title, s.name, s.code, d.semantics, d.amount, d.currency, d.is_return_customer,"
    "       l.first_name, l.last_name, l.company_title, l.phone, l.email, l.address,"
    "       coalesce (l.contact_id, 0), coalesce (l.company_id, 0), coalesce (l.converted_deal_id, 0)"
    " FROM deal d JOIN pipeline p ON p.id = d.pipeline_id AND p.kind = 'lead'"
    " JOIN stage s ON s.id = d.stage_id LEFT JOIN lead_info l ON l.deal_id = d.id"
    " WHERE " STORE_LIVE_DEAL " ORDER BY d.date_create DESC, d.id DESC", error);
  if (stmt == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) affari_lead_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, lead_row_from_stmt (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      store_fail (self, error, rc, _("Reading the leads"));
      g_ptr_array_unref (rows);
      return NULL;
    }
  return rows;
}
