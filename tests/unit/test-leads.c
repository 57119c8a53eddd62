/* test-leads.c — leads: the lead pipeline, repeat leads, the conversion (every copied field, the
 * candidates, refusals with nothing written, one undo step) and leads kept out of what counts deals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "model/affari-i18n.h"
#include "model/affari-segment.h"
#include "ops/affari-deal-ops.h"
#include "ops/affari-leads.h"
#include "store/affari-store.h"
#include "store/affari-store-forecast.h"
#include "store/affari-store-leads.h"
#include "store/affari-store-segments.h"
#include "affari-test-files.h"
#include "affari-test-sql.h"

typedef struct {
  char *dir;
  char *path;
  AffariStore *store;
  AffariDealOps *ops;
  sqlite3 *db;            /* a second connection: counts rows, writes hand-made data */
  gint64 member;
} Fixture;

static gint64
count (Fixture *f, const char *sql)
{
  return affari_test_sql_int (f->db, sql, 0);
}

static void
sql (Fixture *f, const char *text)
{
  char *message = NULL;

  if (sqlite3_exec (f->db, text, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", text, message);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) noon = g_date_time_new_local (2026, 12, 7, 12, 0, 0);

  f->dir = g_dir_make_tmp ("affari-leads-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "affari.db", NULL);
  f->store = affari_store_open (f->path, &error);
  g_assert_no_error (error);
  affari_store_set_now (f->store, g_date_time_to_unix (noon));
  f->member = affari_store_add_team_member (f->store, "Giulia Neri", NULL, &error);
  g_assert_no_error (error);
  f->ops = affari_deal_ops_new (f->store);
  g_assert_cmpint (sqlite3_open (f->path, &f->db), ==, SQLITE_OK);
  sqlite3_busy_timeout (f->db, 5000);

  /* Existing clients. */
  sql (f, "INSERT INTO company (id, name, phone, email) VALUES (1, 'Rossi Arredamenti S.r.l.', '02 1234567', 'info@rossi.it')");
  sql (f, "INSERT INTO contact (id, company_id, first_name, last_name, phone, email)"
          " VALUES (1, 1, 'Mario', 'Rossi', '+39 333 1112222', 'mario@rossi.it')");
  sql (f, "INSERT INTO contact (id, first_name, last_name, phone, email)"
          " VALUES (2, 'Anna', 'Bianchi', '+39 347 5556666', 'anna.bianchi@example.com')");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  sqlite3_close (f->db);
  g_clear_object (&f->ops);
  affari_store_close (f->store);
  g_clear_object (&f->store);
  affari_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* A lead made through the operation a person uses. */
static gint64
make_lead (Fixture    *f,
           const char *title,
           const char *first,
           const char *last,
           const char *company,
           const char *phone,
           const char *email)
{
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(AffariLead) lead = affari_lead_new ();
  g_autoptr(AffariChangeSet) set = NULL;
  g_autoptr(GError) error = NULL;

  affari_deal_set_title (deal, title);
  affari_lead_set_text (&lead->first_name, first);
  affari_lead_set_text (&lead->last_name, last);
  affari_lead_set_text (&lead->company_title, company);
  affari_lead_set_text (&lead->phone, phone);
  affari_lead_set_text (&lead->email, email);
  affari_lead_set_text (&lead->address, "Via Roma 1, Milano");
  set = affari_leads_create (f->ops, f->store, deal, lead, &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
  return affari_deal_get_id (deal);
}

static gint64
lead_stage (Fixture *f, const char *code)
{
  return affari_store_find_stage_by_code (f->store, affari_store_get_lead_pipeline_id (f->store), code);
}

/* ------------------------------------------------------------ tests */

static void
test_pipeline (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pipelines = affari_store_list_pipelines (f->store, &error);
  g_autoptr(GPtrArray) stages = NULL;
  gint64 lead_pipeline = affari_store_get_lead_pipeline_id (f->store);
  const char *codes[] = { "NEW", "IN_PROCESS", "PROCESSED", "CONVERTED", "JUNK" };
  const AffariSemantics semantics[] = { AFFARI_SEMANTICS_PROCESS, AFFARI_SEMANTICS_PROCESS, AFFARI_SEMANTICS_PROCESS,
                                        AFFARI_SEMANTICS_SUCCESS, AFFARI_SEMANTICS_FAILURE };

  g_assert_no_error (error);
  g_assert_cmpint (lead_pipeline, >, 0);
  /* Not one of the deal pipelines. */
  g_assert_cmpuint (pipelines->len, ==, 1);
  g_assert_cmpint (affari_pipeline_get_id (g_ptr_array_index (pipelines, 0)), !=, lead_pipeline);

  stages = affari_store_list_stages (f->store, lead_pipeline, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stages->len, ==, G_N_ELEMENTS (codes));
  for (guint i = 0; i < stages->len; i++)
    {
      AffariStage *stage = g_ptr_array_index (stages, i);

      g_assert_cmpstr (affari_stage_get_code (stage), ==, codes[i]);
      g_assert_cmpint (affari_stage_get_semantics (stage), ==, semantics[i]);
    }
  g_assert_cmpstr (affari_stage_get_color (g_ptr_array_index (stages, 0)), ==, "#39A8EF");
  g_assert_cmpstr (affari_stage_get_color (g_ptr_array_index (stages, 3)), ==, "#7BD500");
  g_assert_cmpstr (affari_stage_get_color (g_ptr_array_index (stages, 4)), ==, "#FF5752");

  /* The store's own check finds nothing wrong with it; it cannot be deleted. */
  {
    g_autoptr(GPtrArray) problems = NULL;

    g_assert_true (affari_store_check (f->store, &problems, &error));
    g_assert_no_error (error);
  }
  g_assert_false (affari_store_delete_pipeline (f->store, lead_pipeline, 0, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
}

static void
test_repeat (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 plain = make_lead (f, "Nuovo cliente", "Paolo", "Verdi", "", "+39 320 0000000", "paolo@verdi.it");
  /* The same phone as contact 2, typed differently. */
  gint64 by_phone = make_lead (f, "Richiamata", "Anna", "B.", "", "+39 347-555 6666", "");
  gint64 by_mail = make_lead (f, "Modulo sito", "", "", "", "", "MARIO@rossi.it");
  gint64 by_company = make_lead (f, "Fiera", "Luca", "Neri", "rossi arredamenti s.r.l.", "", "");
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(AffariLead) lead = NULL;
  g_autoptr(AffariChangeSet) set = NULL;

  deal = affari_store_get_deal (f->store, plain, &error);
  g_assert_false (affari_deal_get_is_return_customer (deal));
  g_clear_object (&deal);
  for (guint i = 0; i < 3; i++)
    {
      deal = affari_store_get_deal (f->store, (gint64[]) { by_phone, by_mail, by_company }[i], &error);
      g_assert_no_error (error);
      g_assert_true (affari_deal_get_is_return_customer (deal));
      g_clear_object (&deal);
    }

  /* Recomputed when the fields change: the phone of a client makes it a repeat lead, and back. */
  lead = affari_store_get_lead (f->store, plain, &error);
  affari_lead_set_text (&lead->phone, "021234567");
  set = affari_leads_update (f->ops, f->store, lead, &error);
  g_assert_no_error (error);
  deal = affari_store_get_deal (f->store, plain, &error);
  g_assert_true (affari_deal_get_is_return_customer (deal));
  g_clear_object (&deal);
  {
    g_autofree char *events = g_strdup_printf ("SELECT count(*) FROM event WHERE kind = 'field' AND field = 'lead_phone'"
                                               " AND deal_id = %" G_GINT64_FORMAT, plain);

    /* Its creation and the change. */
    g_assert_cmpint (count (f, events), ==, 2);
  }
  g_assert_true (affari_deal_ops_undo (f->ops, &error));
  g_assert_no_error (error);
  deal = affari_store_get_deal (f->store, plain, &error);
  g_assert_false (affari_deal_get_is_return_customer (deal));
  g_clear_object (&deal);
  g_clear_pointer (&lead, affari_lead_free);
  lead = affari_store_get_lead (f->store, plain, &error);
  g_assert_cmpstr (lead->phone, ==, "+39 320 0000000");
}

static void
test_candidates (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = make_lead (f, "Richiesta", "Mario", "Rossi", "Rossi Arredamenti S.r.l.", "+39 347 5556666", "mario@rossi.it");
  g_autoptr(AffariLead) lead = affari_store_get_lead (f->store, id, &error);
  g_autoptr(GArray) contacts = NULL;
  g_autoptr(GArray) companies = NULL;
  AffariLeadConversion conversion;

  g_assert_no_error (error);
  /* The e-mail first (contact 1), then the phone (contact 2). */
  contacts = affari_store_find_lead_contacts (f->store, lead, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpint (g_array_index (contacts, gint64, 0), ==, 1);
  g_assert_cmpint (g_array_index (contacts, gint64, 1), ==, 2);
  companies = affari_store_find_lead_companies (f->store, lead, 10, &error);
  g_assert_cmpuint (companies->len, ==, 1);
  g_assert_cmpint (g_array_index (companies, gint64, 0), ==, 1);

  g_assert_true (affari_leads_suggest (f->store, id, &conversion, &error));
  g_assert_cmpint (conversion.contact_id, ==, 1);
  g_assert_cmpint (conversion.company_id, ==, 1);
  g_assert_cmpint (conversion.pipeline_id, ==, affari_store_get_default_pipeline_id (f->store));

  /* Nobody like it: new ones, made from the lead. */
  id = make_lead (f, "Altro", "Zeno", "Zanetti", "Zeta S.p.A.", "", "zeno@zeta.it");
  g_assert_true (affari_leads_suggest (f->store, id, &conversion, &error));
  g_assert_cmpint (conversion.contact_id, ==, AFFARI_LEAD_CREATE_NEW);
  g_assert_cmpint (conversion.company_id, ==, AFFARI_LEAD_CREATE_NEW);
}

static void
test_convert_mapping (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDeal) lead_deal = affari_deal_new ();
  g_autoptr(AffariLead) lead = affari_lead_new ();
  g_autoptr(AffariChangeSet) set = NULL;
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(AffariDeal) after = NULL;
  g_autoptr(AffariLead) linked = NULL;
  g_autoptr(AffariCompany) company = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GPtrArray) events = NULL;
  AffariProductRow row = { 0 };
  AffariLeadConversion conversion = { 0 };
  gint64 lead_id, deal_id = 0, second_pipeline;
  gboolean found = FALSE;

  second_pipeline = affari_store_create_pipeline (f->store, "Rinnovi", &error);
  g_assert_no_error (error);

  affari_deal_set_title (lead_deal, "Arredo sala riunioni");
  affari_deal_set_currency (lead_deal, "USD");
  affari_deal_set_comments (lead_deal, "Vuole un sopralluogo");
  affari_deal_set_source_id (lead_deal, "TRADE_SHOW");
  affari_deal_set_source_description (lead_deal, "Fiera di Milano");
  affari_deal_set_assigned_by_id (lead_deal, f->member);
  affari_lead_set_text (&lead->first_name, "Carla");
  affari_lead_set_text (&lead->last_name, "Fabbri");
  affari_lead_set_text (&lead->company_title, "Fabbri Design");
  affari_lead_set_text (&lead->phone, "+39 051 998877");
  affari_lead_set_text (&lead->email, "carla@fabbri.design");
  affari_lead_set_text (&lead->address, "Via Indipendenza 3, Bologna");
  set = affari_leads_create (f->ops, f->store, lead_deal, lead, &error);
  g_assert_no_error (error);
  g_clear_object (&set);
  lead_id = affari_deal_get_id (lead_deal);
  g_assert_cmpint (affari_deal_get_pipeline_id (lead_deal), ==, affari_store_get_lead_pipeline_id (f->store));

  /* Two product rows on the lead: the deal's amount is theirs. */
  row.name = (char *) "Tavolo riunioni";
  row.quantity_milli = 1000;
  row.price_netto = 120000;
  row.discount_type = 2;
  row.tax_rate_bp = 2200;
  set = affari_deal_ops_set_product_rows (f->ops, lead_id, &row, 1, &error);
  g_assert_no_error (error);
  g_clear_object (&set);

  conversion.lead_id = lead_id;
  conversion.pipeline_id = second_pipeline;
  conversion.contact_id = AFFARI_LEAD_CREATE_NEW;
  conversion.company_id = AFFARI_LEAD_CREATE_NEW;
  set = affari_leads_convert (f->ops, f->store, &conversion, &deal_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
  g_assert_cmpint (deal_id, >, lead_id);

  after = affari_store_get_deal (f->store, lead_id, &error);
  deal = affari_store_get_deal (f->store, deal_id, &error);
  g_assert_no_error (error);
  /* The deal: every copied field, first stage of the chosen pipeline, bound to the new clients. */
  g_assert_cmpstr (affari_deal_get_title (deal), ==, "Arredo sala riunioni");
  g_assert_cmpint (affari_deal_get_pipeline_id (deal), ==, second_pipeline);
  g_assert_cmpint (affari_deal_get_stage_id (deal), ==,
                   affari_store_find_stage (f->store, second_pipeline, AFFARI_SEMANTICS_PROCESS));
  g_assert_cmpstr (affari_deal_get_currency (deal), ==, "USD");
  g_assert_cmpint (affari_deal_get_amount (deal), ==, affari_deal_get_amount (after));
  g_assert_cmpint (affari_deal_get_amount (deal), ==, 146400);
  g_assert_cmpstr (affari_deal_get_comments (deal), ==, "Vuole un sopralluogo");
  g_assert_cmpstr (affari_deal_get_source_id (deal), ==, "TRADE_SHOW");
  g_assert_cmpstr (affari_deal_get_source_description (deal), ==, "Fiera di Milano");
  g_assert_cmpint (affari_deal_get_assigned_by_id (deal), ==, f->member);
  g_assert_cmpint (affari_deal_get_lead_id (deal), ==, lead_id);
  rows = affari_store_list_product_rows (f->store, deal_id, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (g_array_index (rows, AffariProductRow, 0).name, ==, "Tavolo riunioni");
  g_assert_cmpint (g_array_index (rows, AffariProductRow, 0).price_netto, ==, 120000);

  company = affari_store_get_company (f->store, affari_deal_get_company_id (deal), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (affari_company_get_name (company), ==, "Fabbri Design");
  g_assert_cmpstr (affari_company_get_phone (company), ==, "+39 051 998877");
  g_assert_cmpstr (affari_company_get_email (company), ==, "carla@fabbri.design");
  g_assert_cmpstr (affari_company_get_address (company), ==, "Via Indipendenza 3, Bologna");
  contacts = affari_store_list_deal_contacts (f->store, deal_id, &error);
  g_assert_cmpuint (contacts->len, ==, 1);
  g_assert_cmpstr (affari_contact_get_first_name (g_ptr_array_index (contacts, 0)), ==, "Carla");
  g_assert_cmpstr (affari_contact_get_last_name (g_ptr_array_index (contacts, 0)), ==, "Fabbri");
  g_assert_cmpstr (affari_contact_get_phone (g_ptr_array_index (contacts, 0)), ==, "+39 051 998877");
  g_assert_cmpstr (affari_contact_get_email (g_ptr_array_index (contacts, 0)), ==, "carla@fabbri.design");
  g_assert_cmpint (affari_contact_get_company_id (g_ptr_array_index (contacts, 0)), ==, affari_company_get_id (company));

  /* The lead: "Convertito", linked to all three. */
  g_assert_cmpint (affari_deal_get_stage_id (after), ==, lead_stage (f, "CONVERTED"));
  g_assert_true (affari_deal_get_closed (after));
  linked = affari_store_get_lead (f->store, lead_id, &error);
  g_assert_cmpint (linked->converted_deal_id, ==, deal_id);
  g_assert_cmpint (linked->company_id, ==, affari_company_get_id (company));
  g_assert_cmpint (linked->contact_id, ==, affari_contact_get_id (g_ptr_array_index (contacts, 0)));

  /* The history of both says so. */
  events = affari_store_list_events (f->store, deal_id, &error);
  for (guint i = 0; i < events->len; i++)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, lead_id);
      g_autofree char *expected = g_strdup_printf (_("Created from lead #%s"), number);

      found |= g_str_equal (affari_event_get_text (g_ptr_array_index (events, i)), expected);
    }
  g_assert_true (found);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = affari_store_list_events (f->store, lead_id, &error);
  found = FALSE;
  for (guint i = 0; i < events->len; i++)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, deal_id);
      g_autofree char *expected = g_strdup_printf (_("Converted into deal #%s"), number);

      found |= g_str_equal (affari_event_get_text (g_ptr_array_index (events, i)), expected);
    }
  g_assert_true (found);
}

static void
assert_refused (Fixture *f, gint64 lead_id, const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  AffariLeadConversion conversion = { lead_id, 0, AFFARI_LEAD_CREATE_NEW, AFFARI_LEAD_CREATE_NEW };
  gint64 deals = count (f, "SELECT count(*) FROM deal");
  gint64 contacts = count (f, "SELECT count(*) FROM contact");
  gint64 companies = count (f, "SELECT count(*) FROM company");
  gint64 events = count (f, "SELECT count(*) FROM event");
  gint64 deal_id = 42;

  set = affari_leads_convert (f->ops, f->store, &conversion, &deal_id, &error);
  g_assert_null (set);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, what);
  g_assert_cmpint (deal_id, ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM deal"), ==, deals);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contact"), ==, contacts);
  g_assert_cmpint (count (f, "SELECT count(*) FROM company"), ==, companies);
  g_assert_cmpint (count (f, "SELECT count(*) FROM event"), ==, events);
}

static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  gint64 twice = make_lead (f, "Due volte", "Ugo", "Uberti", "Uberti S.n.c.", "", "ugo@uberti.it");
  gint64 junk = make_lead (f, "Spazzatura", "Xeno", "X", "", "", "");
  AffariLeadConversion conversion = { twice, 0, AFFARI_LEAD_CREATE_NEW, AFFARI_LEAD_CREATE_NEW };
  gint64 deal_id = 0;
  g_autofree char *converted = NULL;
  g_autofree char *junk_text = NULL;
  g_autofree char *number = NULL;

  set = affari_leads_convert (f->ops, f->store, &conversion, &deal_id, &error);
  g_assert_no_error (error);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, deal_id);
  junk_text = g_strdup_printf ("%" G_GINT64_FORMAT, twice);
  converted = g_strdup_printf (_("Lead #%s was already converted into deal #%s: open that deal instead of converting it again."),
                               junk_text, number);
  assert_refused (f, twice, converted);

  /* Junk asks for a reason like a lost deal, and is not converted. */
  g_clear_object (&set);
  set = affari_deal_ops_move (f->ops, &junk, 1, lead_stage (f, "JUNK"), 0, "Numero inesistente", &error);
  g_assert_no_error (error);
  /* The toast speaks of a lead. */
  g_assert_true (g_str_has_prefix (affari_change_set_get_label (set), "Lead spostato in "));
  g_assert_cmpint (count (f, "SELECT count(*) FROM event WHERE text LIKE '%Numero inesistente%'"), ==, 1);
  g_free (number);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, junk);
  g_free (junk_text);
  junk_text = g_strdup_printf (_("Lead #%s is junk: move it back to an open status before converting it."), number);
  assert_refused (f, junk, junk_text);

  /* A deal is not a lead. */
  {
    g_autoptr(AffariDeal) deal = affari_deal_new ();
    g_autoptr(AffariChangeSet) made = NULL;
    AffariLeadConversion of_deal = { 0, 0, 0, 0 };

    affari_deal_set_title (deal, "Un affare");
    made = affari_deal_ops_create (f->ops, deal, NULL, NULL, &error);
    g_assert_no_error (error);
    of_deal.lead_id = affari_deal_get_id (deal);
    g_clear_object (&set);
    set = affari_leads_convert (f->ops, f->store, &of_deal, NULL, &error);
    g_assert_null (set);
    g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND);
  }
}

static void
test_undo (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  gint64 id = make_lead (f, "Annullabile", "Olga", "Orsi", "Orsi S.r.l.", "", "olga@orsi.it");
  AffariLeadConversion conversion = { id, 0, AFFARI_LEAD_CREATE_NEW, AFFARI_LEAD_CREATE_NEW };
  gint64 deal_id = 0;
  g_autoptr(AffariDeal) lead_deal = NULL;
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(AffariLead) lead = NULL;

  set = affari_leads_convert (f->ops, f->store, &conversion, &deal_id, &error);
  g_assert_no_error (error);
  g_assert_true (affari_deal_ops_can_undo (f->ops));

  /* One step puts everything back: the deal in the trash, the lead new and unlinked. */
  g_assert_true (affari_deal_ops_undo (f->ops, &error));
  g_assert_no_error (error);
  lead_deal = affari_store_get_deal (f->store, id, &error);
  g_assert_cmpint (affari_deal_get_stage_id (lead_deal), ==, lead_stage (f, "NEW"));
  g_assert_false (affari_deal_get_closed (lead_deal));
  lead = affari_store_get_lead (f->store, id, &error);
  g_assert_cmpint (lead->converted_deal_id, ==, 0);
  g_assert_cmpint (lead->company_id, ==, 0);
  deal = affari_store_get_deal (f->store, deal_id, &error);
  g_assert_cmpint (affari_deal_get_deleted_at (deal), !=, 0);
  g_assert_true (affari_deal_ops_can_redo (f->ops));

  /* Redo converts it again, and a second conversion is refused as before. */
  g_assert_true (affari_deal_ops_redo (f->ops, &error));
  g_assert_no_error (error);
  g_clear_pointer (&lead, affari_lead_free);
  lead = affari_store_get_lead (f->store, id, &error);
  g_assert_cmpint (lead->converted_deal_id, ==, deal_id);
  g_clear_object (&deal);
  deal = affari_store_get_deal (f->store, deal_id, &error);
  g_assert_cmpint (affari_deal_get_deleted_at (deal), ==, 0);
}

static void
test_not_deals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GPtrArray) leads = NULL;
  AffariDealQuery query = { 0 };
  AffariSegmentSpec spec;
  gint64 won = make_lead (f, "Vinto?", "Vito", "Valli", "", "", "");
  gint64 open = make_lead (f, "Aperto", "Aldo", "Alti", "", "", "");
  g_autofree char *update = NULL;
  guint n = 99;

  /* A won-like lead of a client that has no deal: even bound to the company it counts nowhere. */
  set = affari_deal_ops_move (f->ops, &won, 1, lead_stage (f, "CONVERTED"), 0, NULL, &error);
  g_assert_no_error (error);
  update = g_strdup_printf ("UPDATE deal SET company_id = 1, closed_at = '2026-12-01' WHERE id IN (%" G_GINT64_FORMAT
                            ", %" G_GINT64_FORMAT ")", won, open);
  sql (f, update);

  g_assert_cmpuint (affari_store_count_deals (f->store, &query, &error), ==, 0);
  g_assert_no_error (error);

  affari_segment_spec_init_from_code (&spec, "crm_client_deal_won");
  g_assert_true (affari_store_segment_count (f->store, &spec, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  affari_segment_spec_clear (&spec);
  affari_segment_spec_init_from_code (&spec, "crm_client_deal_in_work");
  g_assert_true (affari_store_segment_count (f->store, &spec, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  affari_segment_spec_clear (&spec);

  clients = affari_store_forecast_clients (f->store, "2026-12-31", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, 0);

  /* The list of leads has both. */
  leads = affari_store_list_leads (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (leads->len, ==, 2);
  query.pipeline_id = affari_store_get_lead_pipeline_id (f->store);
  g_assert_cmpuint (affari_store_count_deals (f->store, &query, &error), ==, 2);

  /* Leads and deals do not move between their pipelines. */
  g_clear_object (&set);
  set = affari_deal_ops_move_to_pipeline (f->ops, &open, 1, affari_store_get_default_pipeline_id (f->store), &error);
  g_assert_null (set);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
}

static void
test_search (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDealQuery) query = affari_deal_query_new ();
  gint64 id = make_lead (f, "Cercami", "Ottavio", "Quaglia", "Piume S.r.l.", "", "");

  /* The lead's own fields are in its search document. */
  query->pipeline_id = affari_store_get_lead_pipeline_id (f->store);
  g_free (query->text);
  query->text = g_strdup ("quaglia");
  g_assert_cmpuint (affari_store_count_deals (f->store, query, &error), ==, 1);
  g_assert_no_error (error);
  (void) id;
}

int
main (int argc, char *argv[])
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/leads/pipeline", test_pipeline);
  ADD ("/leads/repeat", test_repeat);
  ADD ("/leads/candidates", test_candidates);
  ADD ("/leads/convert-mapping", test_convert_mapping);
  ADD ("/leads/refused", test_refused);
  ADD ("/leads/undo", test_undo);
  ADD ("/leads/not-deals", test_not_deals);
  ADD ("/leads/search", test_search);
#undef ADD
  return g_test_run ();
}
