/* test-product-rows.c — what the deal card relies on in the store: product arithmetic, the
 * history of every kind of change, validation, rescheduling, the trash and its purge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "model/affari-i18n.h"
#include "model/affari-money.h"
#include "store/affari-store.h"

/* 2026-03-02 10:00 UTC, a Monday */
#define MONDAY 1772445600

static AffariStore *
open_memory (void)
{
  g_autoptr(GError) error = NULL;
  AffariStore *store = affari_store_open (NULL, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
new_deal (AffariStore *store,
          const char  *title,
          gint64       amount)
{
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(GError) error = NULL;

  affari_deal_set_title (deal, title);
  affari_deal_set_amount (deal, amount);
  g_assert_true (affari_store_create_deal (store, deal, &error));
  g_assert_no_error (error);
  return affari_deal_get_id (deal);
}

static AffariProductRow
row_new (gint64 netto,
         gint64 quantity_milli,
         int    tax_bp)
{
  AffariProductRow row = {
    .name = (char *) "Consulenza", .unit = (char *) "h",
    .price_netto = netto, .quantity_milli = quantity_milli,
    .discount_type = 2, .tax_rate_bp = tax_bp,
  };
  return row;
}

/* Events of @kind for @deal_id, newest first. */
static GPtrArray *
events_of (AffariStore     *store,
           gint64           deal_id,
           AffariEventType  kind)
{
  g_autoptr(GPtrArray) all = affari_store_list_events (store, deal_id, NULL);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_nonnull (all);
  for (guint i = 0; i < all->len; i++)
    if (affari_event_get_kind (g_ptr_array_index (all, i)) == kind)
      g_ptr_array_add (found, g_object_ref (g_ptr_array_index (all, i)));
  return found;
}

/* ------------------------------------------------------------ arithmetic */

static void
test_rounding (void)
{
  AffariProductRow row = row_new (999, 3000, 2200);

  /* 9,99 + 22 % = 12,1878 → 12,19 a unit; three units 36,57; tax 36,57 − 29,97 = 6,60 */
  affari_product_row_compute (&row);
  g_assert_cmpint (row.price_exclusive, ==, 999);
  g_assert_cmpint (row.price_brutto, ==, 1219);
  g_assert_cmpint (row.price, ==, 1219);
  g_assert_cmpint (row.row_total, ==, 3657);
  g_assert_cmpint (row.row_tax, ==, 3657 - 2997);

  /* Half a cent rounds away from zero: 0,05 × 1,5 = 0,075 → 0,08 */
  row = row_new (5, 1500, -1);
  affari_product_row_compute (&row);
  g_assert_cmpint (row.row_total, ==, 8);
  g_assert_cmpint (row.row_tax, ==, 0);
}

static void
test_discounts (void)
{
  AffariProductRow row = row_new (99900, 1000, -1);

  /* The documented example: 999, 10 % → discount 99,90, price 899,10 (no tax). */
  row.discount_rate_bp = 1000;
  affari_product_row_compute (&row);
  g_assert_cmpint (row.discount_sum, ==, 9990);
  g_assert_cmpint (row.price_exclusive, ==, 89910);
  g_assert_cmpint (row.price, ==, 89910);

  /* An amount per unit: 100,00 − 15,00 on two units with 22 % VAT. */
  row = row_new (10000, 2000, 2200);
  row.discount_type = 1;
  row.discount_sum = 1500;
  affari_product_row_compute (&row);
  g_assert_cmpint (row.discount_rate_bp, ==, 1500);
  g_assert_cmpint (row.price_exclusive, ==, 8500);
  g_assert_cmpint (row.price, ==, 10370);
  g_assert_cmpint (row.row_total, ==, 20740);
  g_assert_cmpint (row.row_tax, ==, 20740 - 17000);
}

static void
test_vat_included (void)
{
  /* A gross price of 122,00 at 22 % is 100,00 net, exactly. */
  g_assert_cmpint (affari_product_row_netto_for_gross (12200, 2200), ==, 10000);
  /* Without tax the price is the price. */
  g_assert_cmpint (affari_product_row_netto_for_gross (12345, -1), ==, 12345);
  g_assert_cmpint (affari_product_row_netto_for_gross (12345, 0), ==, 12345);

  /* Every gross price from 0,01 to 50,00 comes back within a cent at 22 %, 10 % and 4 %. */
  for (int rate = 400; rate <= 2200; rate += 600)
    for (gint64 gross = 1; gross <= 5000; gross++)
      {
        AffariProductRow row = row_new (affari_product_row_netto_for_gross (gross, rate), 1000, rate);

        row.tax_included = TRUE;
        affari_product_row_compute (&row);
        g_assert_cmpint (ABS (row.price_brutto - gross), <=, 1);
      }
}

static void
test_totals_and_manual_amount (void)
{
  g_autoptr(AffariStore) store = open_memory ();
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) stored = NULL;
  AffariProductRow rows[2] = { row_new (10000, 2000, 2200), row_new (999, 3000, 1000) };
  gint64 net, tax, total;
  gint64 id = new_deal (store, "Fornitura", 0);

  rows[1].discount_rate_bp = 500;
  affari_product_rows_totals (rows, 2, &net, &tax, &total);
  /* 2 × 122,00 = 244,00; 9,99 − 5 % = 9,49 (0,4995 → 0,50), + 10 % = 10,44; × 3 = 31,32 */
  g_assert_cmpint (total, ==, 24400 + 3132);
  g_assert_cmpint (net, ==, 20000 + 2847);
  g_assert_cmpint (tax, ==, total - net);

  /* Computed: the amount follows the rows. */
  g_assert_true (affari_store_set_product_rows (store, id, rows, 2, &error));
  g_assert_no_error (error);
  deal = affari_store_get_deal (store, id, &error);
  g_assert_cmpint (affari_deal_get_amount (deal), ==, total);
  g_assert_cmpint (affari_deal_get_tax_value (deal), ==, tax);
  stored = affari_store_list_product_rows (store, id, &error);
  g_assert_cmpuint (stored->len, ==, 2);
  g_assert_cmpint (g_array_index (stored, AffariProductRow, 1).row_total, ==, 3132);

  /* Typed by hand: the rows no longer decide it. */
  affari_deal_set_amount (deal, 5000000);
  affari_deal_set_is_manual_amount (deal, TRUE);
  g_assert_true (affari_store_update_deal (store, deal, &error));
  g_assert_true (affari_store_set_product_rows (store, id, rows, 1, &error));
  g_clear_object (&deal);
  deal = affari_store_get_deal (store, id, &error);
  g_assert_cmpint (affari_deal_get_amount (deal), ==, 5000000);

  /* Back to computed: the rows decide again at once. */
  affari_deal_set_is_manual_amount (deal, FALSE);
  g_assert_true (affari_store_update_deal (store, deal, &error));
  g_clear_object (&deal);
  deal = affari_store_get_deal (store, id, &error);
  g_assert_cmpint (affari_deal_get_amount (deal), ==, 24400);
  g_assert_false (affari_deal_get_is_manual_amount (deal));
}

/* ------------------------------------------------------------ history */

static void
test_history_of_each_change (void)
{
  g_autoptr(AffariStore) store = open_memory ();
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(AffariActivity) activity = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  AffariProductRow row = row_new (10000, 1000, 2200);
  gint64 id, lost;
  const char *field_changes[][3] = {
    { "TITLE", "Fornitura sedie", "Fornitura sedie e tavoli" },
    { "OPPORTUNITY", NULL, NULL },
    { "CLOSEDATE", NULL, "31/12/2026" },
    { "COMMENTS", NULL, "Cliente storico" },
  };

  affari_store_set_now (store, MONDAY);
  id = new_deal (store, "Fornitura sedie", 0);
  events = events_of (store, id, AFFARI_EVENT_CREATED);
  g_assert_cmpuint (events->len, ==, 1);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* One event per changed field, with the old and the new value, readable. */
  deal = affari_store_get_deal (store, id, &error);
  affari_deal_set_title (deal, "Fornitura sedie e tavoli");
  affari_deal_set_amount (deal, 123456);
  affari_deal_set_close_date (deal, "2026-12-31");
  affari_deal_set_comments (deal, "Cliente storico");
  g_assert_true (affari_store_update_deal (store, deal, &error));
  g_assert_no_error (error);
  events = events_of (store, id, AFFARI_EVENT_FIELD);
  g_assert_cmpuint (events->len, ==, G_N_ELEMENTS (field_changes));
  for (guint i = 0; i < G_N_ELEMENTS (field_changes); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < events->len; j++)
        {
          AffariEvent *event = g_ptr_array_index (events, j);

          if (g_strcmp0 (affari_event_get_field (event), field_changes[i][0]) != 0)
            continue;
          found = TRUE;
          g_assert_nonnull (strstr (affari_event_get_text (event), "→"));
          if (field_changes[i][1] != NULL)
            g_assert_cmpstr (affari_event_get_old_value (event), ==, field_changes[i][1]);
          if (field_changes[i][2] != NULL)
            g_assert_cmpstr (affari_event_get_new_value (event), ==, field_changes[i][2]);
        }
      g_assert_true (found);
    }
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Products, activities planned, rescheduled and done, comments. */
  g_assert_true (affari_store_set_product_rows (store, id, &row, 1, &error));
  events = events_of (store, id, AFFARI_EVENT_PRODUCT);
  g_assert_cmpuint (events->len, ==, 1);
  g_clear_pointer (&events, g_ptr_array_unref);

  activity = affari_activity_new (AFFARI_ACTIVITY_CALL, "Richiamare", MONDAY + 3600);
  g_assert_true (affari_store_add_activity (store, id, activity, &error));
  g_assert_true (affari_store_reschedule_activity (store, affari_activity_get_id (activity), MONDAY + 2 * 86400, &error));
  g_assert_no_error (error);
  g_assert_true (affari_store_complete_activity (store, affari_activity_get_id (activity), TRUE, &error));
  events = events_of (store, id, AFFARI_EVENT_ACTIVITY);
  g_assert_cmpuint (events->len, ==, 3);
  /* Newest first: done, rescheduled, planned. */
  g_assert_cmpstr (affari_event_get_field (g_ptr_array_index (events, 1)), ==, "DEADLINE");
  g_assert_nonnull (strstr (affari_event_get_text (g_ptr_array_index (events, 1)), "Richiamare"));
  g_clear_pointer (&events, g_ptr_array_unref);

  g_assert_true (affari_store_add_comment (store, id, "Preventivo inviato", &error));
  events = events_of (store, id, AFFARI_EVENT_COMMENT);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (affari_event_get_text (g_ptr_array_index (events, 0)), ==, "Preventivo inviato");
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Closing as lost with a reason, reopening. */
  lost = affari_store_find_stage_by_code (store, affari_store_get_default_pipeline_id (store), "LOSE");
  g_assert_true (affari_store_move_deal (store, id, lost, 0, "Prezzo troppo alto", &error));
  events = events_of (store, id, AFFARI_EVENT_CLOSED);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_nonnull (strstr (affari_event_get_text (g_ptr_array_index (events, 0)), "Prezzo troppo alto"));
  g_clear_pointer (&events, g_ptr_array_unref);
  g_clear_object (&deal);
  deal = affari_store_get_deal (store, id, &error);
  g_assert_true (affari_deal_get_closed (deal));

  g_assert_true (affari_store_move_deal (store, id, affari_deal_get_stage_id (deal) - 2, 0, NULL, &error));
  events = events_of (store, id, AFFARI_EVENT_REOPENED);
  g_assert_cmpuint (events->len, ==, 1);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Trash and restore. */
  g_assert_true (affari_store_trash_deal (store, id, &error));
  g_assert_true (affari_store_restore_deal (store, id, &error));
  events = events_of (store, id, AFFARI_EVENT_TRASHED);
  g_assert_cmpuint (events->len, ==, 1);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = events_of (store, id, AFFARI_EVENT_RESTORED);
  g_assert_cmpuint (events->len, ==, 1);
}

/* ------------------------------------------------------------ validation */

static void
test_validation_errors (void)
{
  g_autoptr(AffariStore) store = open_memory ();
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  AffariProductRow row = row_new (1000, 0, 2200);
  gint64 id = new_deal (store, "Fornitura", 1000);
  guint n_events;
  gint64 amount;

  events = affari_store_list_events (store, id, NULL);
  n_events = events->len;
  g_clear_pointer (&events, g_ptr_array_unref);

  /* A quantity of zero, a percentage over 100, an empty name: refused, in Italian. */
  g_assert_false (affari_store_set_product_rows (store, id, &row, 1, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, _("The quantity must be greater than zero"));
  g_clear_error (&error);
  row.quantity_milli = 1000;
  row.discount_rate_bp = 12000;
  g_assert_false (affari_store_set_product_rows (store, id, &row, 1, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  row.discount_rate_bp = 0;
  row.name = (char *) "   ";
  g_assert_false (affari_store_set_product_rows (store, id, &row, 1, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);

  /* A deal with an empty title, a bad date, a currency that is not ISO 4217. */
  deal = affari_store_get_deal (store, id, &error);
  amount = affari_deal_get_amount (deal);
  affari_deal_set_title (deal, "  ");
  g_assert_false (affari_store_update_deal (store, deal, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  affari_deal_set_title (deal, "Fornitura");
  affari_deal_set_close_date (deal, "2026-02-30");
  affari_deal_set_amount (deal, 999);
  g_assert_false (affari_store_update_deal (store, deal, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  affari_deal_set_close_date (deal, NULL);
  affari_deal_set_currency (deal, "EURO");
  g_assert_false (affari_store_update_deal (store, deal, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);

  /* An activity without a subject or deadline; rescheduling to no deadline. */
  {
    g_autoptr(AffariActivity) no_subject = affari_activity_new (AFFARI_ACTIVITY_TASK, " ", MONDAY);
    g_autoptr(AffariActivity) good = affari_activity_new (AFFARI_ACTIVITY_TASK, "Preventivo", MONDAY);

    g_assert_false (affari_store_add_activity (store, id, no_subject, &error));
    g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_true (affari_store_add_activity (store, id, good, &error));
    n_events++;
    g_assert_false (affari_store_reschedule_activity (store, affari_activity_get_id (good), 0, &error));
    g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (affari_store_reschedule_activity (store, 987654, MONDAY, &error));
    g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* Nothing of the refused changes reached the database or its history. */
  g_clear_object (&deal);
  deal = affari_store_get_deal (store, id, &error);
  g_assert_cmpint (affari_deal_get_amount (deal), ==, amount);
  g_assert_cmpstr (affari_deal_get_title (deal), ==, "Fornitura");
  events = affari_store_list_events (store, id, NULL);
  g_assert_cmpuint (events->len, ==, n_events);
}

/* ------------------------------------------------------------ activities, trash */

static void
test_default_deadline (void)
{
  g_autoptr(GDateTime) monday = g_date_time_new_local (2026, 3, 2, 10, 20, 0);
  g_autoptr(GDateTime) friday = g_date_time_new_local (2026, 3, 6, 16, 0, 0);
  g_autoptr(GDateTime) thursday = g_date_time_new_local (2026, 3, 5, 11, 0, 0);
  g_autoptr(GDateTime) expected = NULL;

  /* Monday 10:20 → Thursday 11:00 */
  expected = g_date_time_new_local (2026, 3, 5, 11, 0, 0);
  g_assert_cmpint (affari_activity_default_deadline (g_date_time_to_unix (monday)), ==, g_date_time_to_unix (expected));
  g_clear_pointer (&expected, g_date_time_unref);

  /* Friday 16:00 sharp → Wednesday 16:00 (the weekend does not count) */
  expected = g_date_time_new_local (2026, 3, 11, 16, 0, 0);
  g_assert_cmpint (affari_activity_default_deadline (g_date_time_to_unix (friday)), ==, g_date_time_to_unix (expected));
  g_clear_pointer (&expected, g_date_time_unref);

  /* Thursday → Tuesday */
  expected = g_date_time_new_local (2026, 3, 10, 11, 0, 0);
  g_assert_cmpint (affari_activity_default_deadline (g_date_time_to_unix (thursday)), ==, g_date_time_to_unix (expected));
}

static void
test_trash_purge (void)
{
  g_autoptr(AffariStore) store = open_memory ();
  g_autoptr(GPtrArray) trash = NULL;
  g_autoptr(GError) error = NULL;
  AffariDealQuery query = { 0 };
  gint64 old, recent, live;
  guint purged = 99;

  affari_store_set_now (store, MONDAY);
  old = new_deal (store, "Vecchio", 100);
  recent = new_deal (store, "Recente", 200);
  live = new_deal (store, "Vivo", 300);

  g_assert_true (affari_store_trash_deal (store, old, &error));
  affari_store_set_now (store, MONDAY + 20 * 86400);
  g_assert_true (affari_store_trash_deal (store, recent, &error));

  trash = affari_store_list_trash (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trash->len, ==, 2);
  g_assert_cmpint (affari_deal_get_id (g_ptr_array_index (trash, 0)), ==, recent);
  g_clear_pointer (&trash, g_ptr_array_unref);

  /* 31 days after the first went to the trash: only that one goes for good. */
  affari_store_set_now (store, MONDAY + 31 * 86400);
  g_assert_true (affari_store_purge_trash (store, 30, &purged, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (purged, ==, 1);
  trash = affari_store_list_trash (store, &error);
  g_assert_cmpuint (trash->len, ==, 1);
  g_assert_cmpint (affari_deal_get_id (g_ptr_array_index (trash, 0)), ==, recent);
  g_assert_null (affari_store_get_deal (store, old, NULL));
  g_assert_cmpuint (affari_store_count_deals (store, &query, &error), ==, 1);

  /* The recent one can still come back. */
  g_assert_true (affari_store_restore_deal (store, recent, &error));
  g_assert_cmpuint (affari_store_count_deals (store, &query, &error), ==, 2);
  {
    g_autoptr(AffariDeal) still_there = affari_store_get_deal (store, live, NULL);

    g_assert_nonnull (still_there);
  }
}

int
main (int   argc,
      char *argv[])
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/product-rows/rounding", test_rounding);
  g_test_add_func ("/product-rows/discounts", test_discounts);
  g_test_add_func ("/product-rows/vat-included", test_vat_included);
  g_test_add_func ("/product-rows/totals-and-manual-amount", test_totals_and_manual_amount);
  g_test_add_func ("/deal-card-store/history-of-each-change", test_history_of_each_change);
  g_test_add_func ("/deal-card-store/validation-errors", test_validation_errors);
  g_test_add_func ("/deal-card-store/default-deadline", test_default_deadline);
  g_test_add_func ("/deal-card-store/trash-purge", test_trash_purge);

  return g_test_run ();
}
