/* test-activity-notifier.c — a due activity is notified once, at its deadline; moving it or
 * marking it done sets the single timeout again
 *
 * Runs on the real clock with deadlines a second or two ahead; the notifications are caught
 * through the notifier's "activity-due" signal (a handler returning TRUE stops the desktop one).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-i18n.h"
#include "store/affari-store.h"
#include "ops/affari-activity-notifier.h"

typedef struct {
  GArray *due;   /* gint64 activity ids, in the order notified */
  char   *last_title;
} Caught;

static gboolean
on_activity_due_cb (AffariActivityNotifier *notifier,
                    AffariActivity         *activity,
                    const char             *deal_title,
                    Caught                 *caught)
{
  gint64 id = affari_activity_get_id (activity);

  g_array_append_val (caught->due, id);
  g_free (caught->last_title);
  caught->last_title = g_strdup (deal_title);
  return TRUE;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds (the notifier's timeout fires inside it). */
static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until @caught has @n notifications or @ms pass. */
static void
spin_until (Caught *caught,
            guint   n,
            guint   ms)
{
  gboolean done = FALSE;
  guint source = g_timeout_add (ms, on_timeout_cb, &done);

  while (!done && caught->due->len < n)
    g_main_context_iteration (NULL, TRUE);
  if (!done)
    g_source_remove (source);
}

static gint64
add_activity (AffariStore *store,
              gint64       deal_id,
              const char  *subject,
              gint64       deadline)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariActivity) activity = affari_activity_new (AFFARI_ACTIVITY_CALL, subject, deadline);

  g_assert_true (affari_store_add_activity (store, deal_id, activity, &error));
  g_assert_no_error (error);
  return affari_activity_get_id (activity);
}

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
test_notify_once_and_rearm (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariStore) store = affari_store_open (NULL, &error);
  g_autoptr(GApplication) app = g_application_new ("io.github.affari.Affari.TestNotifier", G_APPLICATION_NON_UNIQUE);
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(AffariActivityNotifier) notifier = NULL;
  Caught caught = { g_array_new (FALSE, FALSE, sizeof (gint64)), NULL };
  gint64 first, moved, done, deadline;

  g_assert_no_error (error);
  affari_deal_set_title (deal, "Fornitura stampanti");
  g_assert_true (affari_store_create_deal (store, deal, &error));

  /* Nothing planned: no timeout at all. */
  notifier = affari_activity_notifier_new (app, store);
  g_signal_connect (notifier, "activity-due", G_CALLBACK (on_activity_due_cb), &caught);
  g_assert_cmpint (affari_activity_notifier_get_next_due (notifier), ==, 0);

  /* A call due in two seconds: the timeout is set for it as soon as the store says so. */
  deadline = now_s () + 2;
  first = add_activity (store, affari_deal_get_id (deal), "Richiamare", deadline);
  spin (100);
  g_assert_cmpint (affari_activity_notifier_get_next_due (notifier), ==, deadline);
  g_assert_cmpuint (caught.due->len, ==, 0);
  spin_until (&caught, 1, 4000);
  g_assert_cmpuint (caught.due->len, ==, 1);
  g_assert_cmpint (g_array_index (caught.due, gint64, 0), ==, first);
  g_assert_cmpstr (caught.last_title, ==, "Fornitura stampanti");
  /* not before its time */
  g_assert_cmpint (now_s (), >=, deadline);
  /* once: nothing else is waited for, and waiting more notifies nothing */
  g_assert_cmpint (affari_activity_notifier_get_next_due (notifier), ==, 0);
  spin (1500);
  g_assert_cmpuint (caught.due->len, ==, 1);

  /* Moved later before it falls due: notified at the new time, not the old one. */
  deadline = now_s () + 2;
  moved = add_activity (store, affari_deal_get_id (deal), "Mandare l'offerta", deadline);
  spin (100);
  g_assert_cmpint (affari_activity_notifier_get_next_due (notifier), ==, deadline);
  g_assert_true (affari_store_reschedule_activity (store, moved, deadline + 2, &error));
  g_assert_no_error (error);
  spin (100);
  g_assert_cmpint (affari_activity_notifier_get_next_due (notifier), ==, deadline + 2);
  spin_until (&caught, 2, 2200);
  g_assert_cmpuint (caught.due->len, ==, 1);
  spin_until (&caught, 2, 3000);
  g_assert_cmpuint (caught.due->len, ==, 2);
  g_assert_cmpint (g_array_index (caught.due, gint64, 1), ==, moved);
  g_assert_cmpint (now_s (), >=, deadline + 2);

  /* Done before it falls due: never notified, and nothing is waited for. */
  deadline = now_s () + 2;
  done = add_activity (store, affari_deal_get_id (deal), "Visita", deadline);
  spin (100);
  g_assert_cmpint (affari_activity_notifier_get_next_due (notifier), ==, deadline);
  g_assert_true (affari_store_complete_activity (store, done, TRUE, &error));
  spin (100);
  g_assert_cmpint (affari_activity_notifier_get_next_due (notifier), ==, 0);
  spin (3000);
  g_assert_cmpuint (caught.due->len, ==, 2);

  g_array_unref (caught.due);
  g_free (caught.last_title);
  g_clear_object (&notifier);
  affari_store_close (store);
}

int
main (int argc, char *argv[])
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/notifier/once-and-rearm", test_notify_once_and_rearm);

  return g_test_run ();
}
