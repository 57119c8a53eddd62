/* test-model.c — the domain objects: notifications, copies, queries, names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "model/affari-activity.h"
#include "model/affari-company.h"
#include "model/affari-contact.h"
#include "model/affari-deal-private.h"
#include "model/affari-deal-query.h"
#include "model/affari-event.h"
#include "model/affari-i18n.h"
#include "model/affari-pipeline.h"
#include "model/affari-product.h"
#include "model/affari-stage.h"
#include "model/affari-team-member.h"
#include "model/affari-types.h"

/* Counts notifications per property name. */
typedef struct {
  GHashTable *counts;
  guint total;
} Notifications;

static void
on_notify_cb (GObject *object,
              GParamSpec *pspec,
              Notifications *n)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (n->counts, pspec->name));

  g_hash_table_insert (n->counts, (gpointer) pspec->name, GUINT_TO_POINTER (count + 1));
  n->total++;
}

static void
notifications_watch (Notifications *n,
                     gpointer object)
{
  n->counts = g_hash_table_new (g_str_hash, g_str_equal);
  n->total = 0;
  g_signal_connect (object, "notify", G_CALLBACK (on_notify_cb), n);
}

static void
notifications_reset (Notifications *n)
{
  g_hash_table_remove_all (n->counts);
  n->total = 0;
}

static guint
notifications_count (Notifications *n,
                     const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (n->counts, name));
}

static void
notifications_clear (Notifications *n,
                     gpointer object)
{
  g_signal_handlers_disconnect_by_func (object, on_notify_cb, n);
  g_clear_pointer (&n->counts, g_hash_table_unref);
}

static void
on_count_cb (GObject *object,
             GParamSpec *pspec,
             guint *count)
{
  (*count)++;
}

/* Fills every field of @deal with a value different from a new deal's, through the private
 * struct as the store does. */
static void
fill_deal (AffariDeal *deal)
{
  deal->id = 42;
  deal->title = g_strdup ("Fornitura uffici");
  deal->type_id = g_strdup ("SALE");
  deal->pipeline_id = 3;
  deal->stage_id = 7;
  deal->semantics = AFFARI_SEMANTICS_SUCCESS;
  deal->closed = TRUE;
  deal->opened = FALSE;
  deal->probability = 80;
  deal->currency = g_strdup ("EUR");
  deal->amount = 4820000;
  deal->is_manual_amount = TRUE;
  deal->tax_value = 1060400;
  deal->company_id = 11;
  deal->company_name = g_strdup ("Rossi S.r.l.");
  deal->contact_name = g_strdup ("Mario Rossi");
  deal->lead_id = 5;
  deal->quote_id = 6;
  deal->begin_date = g_strdup ("2026-11-20");
  deal->close_date = g_strdup ("2026-11-27");
  deal->closed_at = g_strdup ("2026-11-27");
  deal->comments = g_strdup ("Richiamare lunedì");
  deal->assigned_by_id = 2;
  deal->assigned_name = g_strdup ("Anna Bianchi");
  deal->created_by_id = 2;
  deal->modify_by_id = 3;
  deal->moved_by_id = 4;
  deal->date_create = 1764000000;
  deal->date_modify = 1764100000;
  deal->moved_time = 1764200000;
  deal->is_recurring = TRUE;
  deal->is_return_customer = TRUE;
  deal->is_repeated_approach = TRUE;
  deal->source_id = g_strdup ("WEB");
  deal->source_description = g_strdup ("Modulo del sito");
  deal->additional_info = g_strdup ("Cliente storico");
  deal->originator_id = g_strdup ("bitrix24");
  deal->origin_id = g_strdup ("1234");
  deal->position = 2.5;
  deal->next_activity = 1764300000;
  deal->deleted_at = 1764400000;
  deal->version = 7;
}

static void
assert_same_properties (AffariDeal *a,
                        AffariDeal *b)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      g_value_init (&va, pspecs[i]->value_type);
      g_value_init (&vb, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (a), pspecs[i]->name, &va);
      g_object_get_property (G_OBJECT (b), pspecs[i]->name, &vb);

      if (g_param_values_cmp (pspecs[i], &va, &vb) != 0)
        g_error ("property “%s” differs", pspecs[i]->name);
    }
}

static void
test_deal_defaults (void)
{
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  int probability = 0;
  gboolean opened = FALSE;

  g_assert_cmpint (affari_deal_get_id (deal), ==, 0);
  g_assert_cmpint (affari_deal_get_probability (deal), ==, -1);
  g_assert_true (affari_deal_get_opened (deal));
  g_assert_false (affari_deal_get_closed (deal));
  g_assert_null (affari_deal_get_currency (deal));
  g_assert_null (affari_deal_get_title (deal));
  g_assert_null (affari_deal_get_client_name (deal));
  g_assert_cmpint (affari_deal_get_semantics (deal), ==, AFFARI_SEMANTICS_PROCESS);

  /* The property defaults agree with the object. */
  g_object_get (deal, "probability", &probability, "opened", &opened, NULL);
  g_assert_cmpint (probability, ==, -1);
  g_assert_true (opened);
}

static void
test_deal_notify_on_change (void)
{
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  guint titles = 0, amounts = 0, opened = 0, probabilities = 0;

  g_signal_connect (deal, "notify::title", G_CALLBACK (on_count_cb), &titles);
  g_signal_connect (deal, "notify::amount", G_CALLBACK (on_count_cb), &amounts);
  g_signal_connect (deal, "notify::opened", G_CALLBACK (on_count_cb), &opened);
  g_signal_connect (deal, "notify::probability", G_CALLBACK (on_count_cb), &probabilities);

  affari_deal_set_title (deal, "Fornitura");
  g_assert_cmpuint (titles, ==, 1);
  affari_deal_set_title (deal, "Fornitura");
  g_assert_cmpuint (titles, ==, 1);
  g_object_set (deal, "title", "Fornitura", NULL);
  g_assert_cmpuint (titles, ==, 1);
  g_object_set (deal, "title", "Fornitura uffici", NULL);
  g_assert_cmpuint (titles, ==, 2);
  g_assert_cmpstr (affari_deal_get_title (deal), ==, "Fornitura uffici");
  affari_deal_set_title (deal, NULL);
  g_assert_cmpuint (titles, ==, 3);
  affari_deal_set_title (deal, NULL);
  g_assert_cmpuint (titles, ==, 3);
  affari_deal_set_title (deal, "");
  g_assert_cmpuint (titles, ==, 4);

  affari_deal_set_amount (deal, 0);
  g_assert_cmpuint (amounts, ==, 0);
  affari_deal_set_amount (deal, 123456);
  affari_deal_set_amount (deal, 123456);
  g_assert_cmpuint (amounts, ==, 1);
  g_assert_cmpint (affari_deal_get_amount (deal), ==, 123456);

  affari_deal_set_opened (deal, TRUE);
  g_assert_cmpuint (opened, ==, 0);
  affari_deal_set_opened (deal, FALSE);
  affari_deal_set_opened (deal, FALSE);
  g_assert_cmpuint (opened, ==, 1);

  affari_deal_set_probability (deal, -1);
  g_assert_cmpuint (probabilities, ==, 0);
  affari_deal_set_probability (deal, 50);
  affari_deal_set_probability (deal, 50);
  g_assert_cmpuint (probabilities, ==, 1);
  /* Out of range values are clamped, and an unchanged clamp does not notify. */
  affari_deal_set_probability (deal, 150);
  g_assert_cmpint (affari_deal_get_probability (deal), ==, 100);
  affari_deal_set_probability (deal, 120);
  g_assert_cmpuint (probabilities, ==, 2);
  affari_deal_set_probability (deal, -7);
  g_assert_cmpint (affari_deal_get_probability (deal), ==, -1);
  g_assert_cmpuint (probabilities, ==, 3);
}

static void
test_deal_property_flags (void)
{
  GObjectClass *klass = g_type_class_ref (AFFARI_TYPE_DEAL);
  const char *read_only[] = {
    "id", "semantics", "closed", "company-name", "contact-name", "client-name", "assigned-name",
    "created-by-id", "modify-by-id", "moved-by-id", "date-create", "date-modify",
    "moved-time", "position", "next-activity", "deleted-at", "closed-at", "version",
  };
  const char *writable[] = {
    "title", "type-id", "pipeline-id", "stage-id", "opened", "probability", "currency",
    "amount", "is-manual-amount", "tax-value", "company-id", "lead-id", "quote-id",
    "begin-date", "close-date", "comments", "assigned-by-id", "is-recurring",
    "is-return-customer", "is-repeated-approach", "source-id", "source-description",
    "additional-info", "originator-id", "origin-id",
  };
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  for (guint i = 0; i < G_N_ELEMENTS (read_only); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (klass, read_only[i]);

      g_assert_nonnull (pspec);
      g_assert_false (pspec->flags & G_PARAM_WRITABLE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (writable); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (klass, writable[i]);

      g_assert_nonnull (pspec);
      g_assert_true (pspec->flags & G_PARAM_WRITABLE);
    }

  /* Nothing more and nothing less, and every one notifies explicitly. */
  pspecs = g_object_class_list_properties (klass, &n_pspecs);
  g_assert_cmpuint (n_pspecs, ==, G_N_ELEMENTS (read_only) + G_N_ELEMENTS (writable));
  for (guint i = 0; i < n_pspecs; i++)
    g_assert_true (pspecs[i]->flags & G_PARAM_EXPLICIT_NOTIFY);

  g_type_class_unref (klass);
}

static void
test_deal_update_from_every_field (void)
{
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(AffariDeal) from = affari_deal_new ();
  g_autofree GParamSpec **pspecs = NULL;
  Notifications n;
  guint n_pspecs;

  fill_deal (from);
  notifications_watch (&n, deal);

  affari_deal_update_from (deal, from);

  /* Every property changed, so every one notifies, exactly once. */
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (deal), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      if (notifications_count (&n, pspecs[i]->name) != 1)
        g_error ("“%s” notified %u times", pspecs[i]->name,
                 notifications_count (&n, pspecs[i]->name));
    }
  g_assert_cmpuint (n.total, ==, n_pspecs);
  assert_same_properties (deal, from);
  g_assert_cmpstr (affari_deal_get_client_name (deal), ==, "Rossi S.r.l.");

  /* Nothing changed the second time: no notification at all. */
  notifications_reset (&n);
  affari_deal_update_from (deal, from);
  g_assert_cmpuint (n.total, ==, 0);

  notifications_clear (&n, deal);
}

static void
test_deal_update_from_changed_only (void)
{
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(AffariDeal) from = NULL;
  Notifications n;

  fill_deal (deal);
  from = affari_deal_copy (deal);
  notifications_watch (&n, deal);

  affari_deal_set_title (from, "Fornitura sedie");
  affari_deal_set_amount (from, 100);
  from->stage_id = 8;
  from->closed = FALSE;
  g_free (from->contact_name);
  from->contact_name = g_strdup ("Luigi Verdi");

  affari_deal_update_from (deal, from);

  g_assert_cmpuint (notifications_count (&n, "title"), ==, 1);
  g_assert_cmpuint (notifications_count (&n, "amount"), ==, 1);
  g_assert_cmpuint (notifications_count (&n, "stage-id"), ==, 1);
  g_assert_cmpuint (notifications_count (&n, "closed"), ==, 1);
  g_assert_cmpuint (notifications_count (&n, "contact-name"), ==, 1);
  /* The company still names the client, so the client name did not change. */
  g_assert_cmpuint (notifications_count (&n, "client-name"), ==, 0);
  g_assert_cmpuint (n.total, ==, 5);
  g_assert_cmpstr (affari_deal_get_title (deal), ==, "Fornitura sedie");
  g_assert_false (affari_deal_get_closed (deal));

  /* Without a company the primary contact becomes the client. */
  notifications_reset (&n);
  g_clear_pointer (&from->company_name, g_free);
  affari_deal_update_from (deal, from);
  g_assert_cmpuint (notifications_count (&n, "company-name"), ==, 1);
  g_assert_cmpuint (notifications_count (&n, "client-name"), ==, 1);
  g_assert_cmpuint (n.total, ==, 2);
  g_assert_cmpstr (affari_deal_get_client_name (deal), ==, "Luigi Verdi");
  assert_same_properties (deal, from);

  notifications_clear (&n, deal);
}

static void
test_deal_copy_is_deep (void)
{
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(AffariDeal) copy = NULL;

  fill_deal (deal);
  copy = affari_deal_copy (deal);

  g_assert_true (copy != deal);
  assert_same_properties (copy, deal);
  g_assert_cmpint (affari_deal_get_id (copy), ==, 42);
  g_assert_true (affari_deal_get_title (copy) != affari_deal_get_title (deal));
  g_assert_true (affari_deal_get_company_name (copy) != affari_deal_get_company_name (deal));

  /* Changing the original leaves the copy alone. */
  affari_deal_set_title (deal, "Altro");
  affari_deal_set_amount (deal, 1);
  g_clear_pointer (&deal->company_name, g_free);
  g_assert_cmpstr (affari_deal_get_title (copy), ==, "Fornitura uffici");
  g_assert_cmpint (affari_deal_get_amount (copy), ==, 4820000);
  g_assert_cmpstr (affari_deal_get_company_name (copy), ==, "Rossi S.r.l.");

  g_assert_finalize_object (g_steal_pointer (&copy));
}

static void
test_deal_set_id_internal (void)
{
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  guint ids = 0;

  g_signal_connect (deal, "notify::id", G_CALLBACK (on_count_cb), &ids);
  affari_deal_set_id_internal (deal, 99);
  g_assert_cmpint (affari_deal_get_id (deal), ==, 99);
  g_assert_cmpuint (ids, ==, 0);
}

static void
test_query (void)
{
  g_autoptr(AffariDealQuery) query = affari_deal_query_new ();
  g_autoptr(AffariDealQuery) copy = NULL;
  g_autoptr(AffariDealQuery) boxed = NULL;

  g_assert_cmpint (query->sort, ==, AFFARI_DEAL_SORT_POSITION);
  g_assert_cmpint (query->closed, ==, AFFARI_CLOSED_ANY);
  g_assert_null (query->text);
  g_assert_false (query->descending);

  query->pipeline_id = 1;
  query->semantics_mask = 1 << AFFARI_SEMANTICS_PROCESS;
  query->currency = g_strdup ("EUR");
  query->has_amount_min = TRUE;
  query->amount_min = 100000;
  query->close_date_from = g_strdup ("2026-01-01");
  query->close_date_to = g_strdup ("2026-12-31");
  query->sort = AFFARI_DEAL_SORT_AMOUNT;
  query->descending = TRUE;
  affari_deal_query_set_text (query, "rossi");

  copy = affari_deal_query_copy (query);
  g_assert_true (affari_deal_query_equal (query, copy));
  g_assert_true (copy->text != query->text);
  g_assert_true (copy->currency != query->currency);
  g_assert_true (copy->close_date_from != query->close_date_from);
  g_assert_true (copy->close_date_to != query->close_date_to);
  g_assert_cmpstr (copy->close_date_to, ==, "2026-12-31");

  boxed = g_boxed_copy (AFFARI_TYPE_DEAL_QUERY, query);
  g_assert_true (affari_deal_query_equal (query, boxed));

  /* Each field takes part in the comparison. */
  affari_deal_query_set_text (copy, "bianchi");
  g_assert_false (affari_deal_query_equal (query, copy));
  affari_deal_query_set_text (copy, "rossi");
  g_assert_true (affari_deal_query_equal (query, copy));

  copy->descending = FALSE;
  g_assert_false (affari_deal_query_equal (query, copy));
  copy->descending = TRUE;

  copy->amount_min = 5;
  g_assert_false (affari_deal_query_equal (query, copy));
  copy->amount_min = 100000;

  g_free (copy->close_date_to);
  copy->close_date_to = g_strdup ("2026-06-30");
  g_assert_false (affari_deal_query_equal (query, copy));
  g_free (copy->close_date_to);
  copy->close_date_to = g_strdup ("2026-12-31");

  copy->semantics_mask = 0;
  g_assert_false (affari_deal_query_equal (query, copy));
  copy->semantics_mask = query->semantics_mask;

  copy->include_deleted = TRUE;
  g_assert_false (affari_deal_query_equal (query, copy));
  copy->include_deleted = FALSE;
  g_assert_true (affari_deal_query_equal (query, copy));

  /* The copy does not share memory with the original. */
  affari_deal_query_set_text (query, "verdi");
  g_assert_cmpstr (copy->text, ==, "rossi");

  /* An empty text and a switched-off bound do not filter, so they do not make a difference. */
  affari_deal_query_set_text (query, "");
  g_assert_null (query->text);
  affari_deal_query_set_text (copy, NULL);
  g_assert_true (affari_deal_query_equal (query, copy));
  query->has_amount_min = copy->has_amount_min = FALSE;
  copy->amount_min = 7;
  g_assert_true (affari_deal_query_equal (query, copy));

  /* Setting the text from itself is safe. */
  affari_deal_query_set_text (copy, "rossi");
  affari_deal_query_set_text (copy, copy->text);
  g_assert_cmpstr (copy->text, ==, "rossi");

  g_assert_true (affari_deal_query_equal (NULL, NULL));
  g_assert_false (affari_deal_query_equal (query, NULL));
}

static void
assert_initials (const char *name,
                 const char *expected)
{
  g_autoptr(AffariTeamMember) member = g_object_new (AFFARI_TYPE_TEAM_MEMBER, "name", name, NULL);
  g_autofree char *initials = affari_team_member_dup_initials (member);

  g_assert_cmpstr (initials, ==, expected);
}

static void
test_initials (void)
{
  assert_initials ("Mario Rossi", "MR");
  assert_initials ("anna", "A");
  assert_initials ("anna bianchi", "AB");
  assert_initials ("  Mario   De Rossi  ", "MR");
  assert_initials ("élodie durand", "ÉD");
  assert_initials ("Łukasz Żak", "ŁŻ");
  assert_initials ("", "?");
  assert_initials ("   ", "?");
  assert_initials (NULL, "?");
}

static void
test_contact_full_name (void)
{
  struct { const char *first; const char *last; const char *full; } cases[] = {
    { "Mario", "Rossi", "Mario Rossi" },
    { "Mario", NULL, "Mario" },
    { NULL, "Rossi", "Rossi" },
    { " Mario ", " Rossi ", "Mario Rossi" },
    { "", "", "" },
    { NULL, NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AffariContact) contact = affari_contact_new (cases[i].first, cases[i].last);
      g_autofree char *full = affari_contact_dup_full_name (contact);

      g_assert_cmpstr (full, ==, cases[i].full);
    }
}

/* The store builds objects with g_object_new and every property, and views bind to them. */
static void
test_simple_objects (void)
{
  g_autoptr(AffariStage) stage = NULL;
  g_autoptr(AffariPipeline) pipeline = NULL;
  g_autoptr(AffariActivity) activity = NULL;
  g_autoptr(AffariEvent) event = NULL;
  g_autoptr(AffariProduct) product = NULL;
  g_autoptr(AffariCompany) company = NULL;
  g_autoptr(AffariTeamMember) member = NULL;
  guint names = 0, sorts = 0;

  stage = g_object_new (AFFARI_TYPE_STAGE,
                        "id", (gint64) 7,
                        "pipeline-id", (gint64) 1,
                        "code", "C1:WON",
                        "name", "Affare vinto",
                        "color", "#7BD500",
                        "sort", 60,
                        "semantics", AFFARI_SEMANTICS_SUCCESS,
                        "extra-semantics", "success",
                        "is-system", TRUE,
                        NULL);
  g_assert_cmpint (affari_stage_get_id (stage), ==, 7);
  g_assert_cmpint (affari_stage_get_pipeline_id (stage), ==, 1);
  g_assert_cmpstr (affari_stage_get_code (stage), ==, "C1:WON");
  g_assert_cmpstr (affari_stage_get_name (stage), ==, "Affare vinto");
  g_assert_cmpstr (affari_stage_get_color (stage), ==, "#7BD500");
  g_assert_cmpint (affari_stage_get_sort (stage), ==, 60);
  g_assert_cmpint (affari_stage_get_semantics (stage), ==, AFFARI_SEMANTICS_SUCCESS);
  g_assert_cmpstr (affari_stage_get_extra_semantics (stage), ==, "success");
  g_assert_true (affari_stage_get_is_system (stage));

  g_signal_connect (stage, "notify::name", G_CALLBACK (on_count_cb), &names);
  g_signal_connect (stage, "notify::sort", G_CALLBACK (on_count_cb), &sorts);
  g_object_set (stage, "name", "Affare vinto", "sort", 60, NULL);
  g_assert_cmpuint (names, ==, 0);
  g_assert_cmpuint (sorts, ==, 0);
  g_object_set (stage, "name", "Vinto", "sort", 65, NULL);
  g_assert_cmpuint (names, ==, 1);
  g_assert_cmpuint (sorts, ==, 1);

  pipeline = g_object_new (AFFARI_TYPE_PIPELINE, "id", (gint64) 1, "name", "Vendite", NULL);
  g_assert_cmpint (affari_pipeline_get_sort (pipeline), ==, 500);
  g_assert_false (affari_pipeline_get_is_default (pipeline));
  names = 0;
  g_signal_connect (pipeline, "notify::name", G_CALLBACK (on_count_cb), &names);
  affari_pipeline_set_name (pipeline, "Vendite");
  g_assert_cmpuint (names, ==, 0);
  affari_pipeline_set_name (pipeline, "Rinnovi");
  g_assert_cmpuint (names, ==, 1);
  g_assert_cmpstr (affari_pipeline_get_name (pipeline), ==, "Rinnovi");

  activity = affari_activity_new (AFFARI_ACTIVITY_MEETING, "Incontro", 1764300000);
  g_assert_cmpint (affari_activity_get_kind (activity), ==, AFFARI_ACTIVITY_MEETING);
  g_assert_cmpstr (affari_activity_get_subject (activity), ==, "Incontro");
  g_assert_cmpint (affari_activity_get_deadline (activity), ==, 1764300000);
  g_assert_false (affari_activity_get_completed (activity));

  event = g_object_new (AFFARI_TYPE_EVENT,
                        "kind", AFFARI_EVENT_STAGE,
                        "old-value", "Nuovo",
                        "new-value", "In corso",
                        "time", (gint64) 1764000000,
                        NULL);
  g_assert_cmpint (affari_event_get_kind (event), ==, AFFARI_EVENT_STAGE);
  g_assert_cmpstr (affari_event_get_old_value (event), ==, "Nuovo");
  g_assert_cmpint (affari_event_get_time (event), ==, 1764000000);

  product = affari_product_new ("Sedia", 4500, "EUR");
  g_object_set (product, "vat-rate", 2200, NULL);
  g_assert_cmpstr (affari_product_get_name (product), ==, "Sedia");
  g_assert_cmpint (affari_product_get_price (product), ==, 4500);
  g_assert_cmpstr (affari_product_get_currency (product), ==, "EUR");
  g_assert_cmpint (affari_product_get_vat_rate (product), ==, 2200);

  company = affari_company_new ("Rossi S.r.l.");
  g_assert_cmpstr (affari_company_get_name (company), ==, "Rossi S.r.l.");

  member = g_object_new (AFFARI_TYPE_TEAM_MEMBER, "name", "Anna", NULL);
  g_assert_true (affari_team_member_get_active (member));

  g_assert_finalize_object (g_steal_pointer (&stage));
  g_assert_finalize_object (g_steal_pointer (&event));
}

static void
test_types (void)
{
  AffariActivityType activity;

  g_assert_cmpstr (affari_semantics_to_code (AFFARI_SEMANTICS_PROCESS), ==, "P");
  g_assert_cmpstr (affari_semantics_to_code (AFFARI_SEMANTICS_SUCCESS), ==, "S");
  g_assert_cmpstr (affari_semantics_to_code (AFFARI_SEMANTICS_FAILURE), ==, "F");
  g_assert_cmpint (affari_semantics_from_code ("S"), ==, AFFARI_SEMANTICS_SUCCESS);
  g_assert_cmpint (affari_semantics_from_code ("F"), ==, AFFARI_SEMANTICS_FAILURE);
  g_assert_cmpint (affari_semantics_from_code ("P"), ==, AFFARI_SEMANTICS_PROCESS);
  /* Bitrix24 leaves in-progress stages empty. */
  g_assert_cmpint (affari_semantics_from_code (""), ==, AFFARI_SEMANTICS_PROCESS);
  g_assert_cmpint (affari_semantics_from_code (NULL), ==, AFFARI_SEMANTICS_PROCESS);

  for (int t = AFFARI_ACTIVITY_CALL; t <= AFFARI_ACTIVITY_EMAIL; t++)
    {
      const char *str = affari_activity_type_to_string (t);

      g_assert_true (affari_activity_type_from_string (str, &activity));
      g_assert_cmpint (activity, ==, t);
      g_assert_cmpstr (affari_activity_type_label (t), !=, "");
    }
  g_assert_cmpstr (affari_activity_type_to_string (AFFARI_ACTIVITY_EMAIL), ==, "email");
  g_assert_false (affari_activity_type_from_string ("fax", &activity));
  g_assert_false (affari_activity_type_from_string (NULL, &activity));

  for (int t = AFFARI_EVENT_CREATED; t <= AFFARI_EVENT_RESTORED; t++)
    g_assert_cmpint (affari_event_type_from_string (affari_event_type_to_string (t)), ==, t);
  g_assert_cmpstr (affari_event_type_to_string (AFFARI_EVENT_REOPENED), ==, "reopened");
  g_assert_cmpint (affari_event_type_from_string ("teleport"), ==, AFFARI_EVENT_COMMENT);
}

int
main (int argc,
      char *argv[])
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/deal/defaults", test_deal_defaults);
  g_test_add_func ("/model/deal/notify-on-change", test_deal_notify_on_change);
  g_test_add_func ("/model/deal/property-flags", test_deal_property_flags);
  g_test_add_func ("/model/deal/update-from/every-field", test_deal_update_from_every_field);
  g_test_add_func ("/model/deal/update-from/changed-only", test_deal_update_from_changed_only);
  g_test_add_func ("/model/deal/copy", test_deal_copy_is_deep);
  g_test_add_func ("/model/deal/set-id-internal", test_deal_set_id_internal);
  g_test_add_func ("/model/query", test_query);
  g_test_add_func ("/model/team-member/initials", test_initials);
  g_test_add_func ("/model/contact/full-name", test_contact_full_name);
  g_test_add_func ("/model/simple-objects", test_simple_objects);
  g_test_add_func ("/model/types", test_types);

  return g_test_run ();
}
