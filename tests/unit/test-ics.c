/* test-ics.c — the .ics export, read back with libical as calendar programs read it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libical/ical.h>

#include "model/affari-i18n.h"
#include "io/affari-ics.h"
#include "store/affari-store.h"

#define LONG_SUBJECT "Richiamare il responsabile acquisti per l’offerta: stampanti, toner; “assistenza” \\ contratto " \
                     "triennale — città di Forlì, Cesena e Ravenna, più consegna"

static AffariActivity *
make_activity (gint64 id, gint64 deal_id, AffariActivityType kind, const char *subject,
               const char *description, gint64 deadline)
{
  return g_object_new (AFFARI_TYPE_ACTIVITY, "id", id, "deal-id", deal_id, "kind", (int) kind,
                       "subject", subject, "description", description, "deadline", deadline, NULL);
}

/* Every line ends with CRLF, none is longer than 75 octets, and folding never cuts a character. */
static void
assert_lines (const char *text)
{
  const char *line = text;

  g_assert_true (g_str_has_suffix (text, "\r\n"));
  while (*line != '\0')
    {
      const char *end = strstr (line, "\r\n");

      g_assert_nonnull (end);
      g_assert_cmpint (end - line, <=, 75);
      g_assert_null (memchr (line, '\n', end - line));
      g_assert_null (memchr (line, '\r', end - line));
      g_assert_true (g_utf8_validate (line, end - line, NULL));
      line = end + 2;
    }
}

static icalcomponent *
find_uid (icalcomponent *calendar, icalcomponent_kind kind, const char *uid)
{
  for (icalcomponent *c = icalcomponent_get_first_component (calendar, kind); c != NULL;
       c = icalcomponent_get_next_component (calendar, kind))
    if (g_strcmp0 (icalcomponent_get_uid (c), uid) == 0)
      return c;
  return NULL;
}

static void
test_escape_and_fold (void)
{
  g_autofree char *escaped = affari_ics_escape_text ("a,b;c\\d\ne\r\nf");
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *line = NULL;

  g_assert_cmpstr (escaped, ==, "a\\,b\\;c\\\\d\\ne\\nf");

  /* 80 two-octet characters: folded without splitting any of them */
  line = g_strconcat ("SUMMARY:", "àààààààààààààààààààààààààààààààààààààààà", "àààààààààààààààààààààààààààààààààààààààà", NULL);
  affari_ics_append_line (out, line);
  assert_lines (out->str);
  g_assert_nonnull (strstr (out->str, "\r\n "));
  /* unfolding gives the line back */
  {
    g_autoptr(GString) unfolded = g_string_new (out->str);

    g_autofree char *expected = g_strconcat (line, "\r\n", NULL);

    g_string_replace (unfolded, "\r\n ", "", 0);
    g_assert_cmpstr (unfolded->str, ==, expected);
  }
}

static void
test_build_parses (void)
{
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autofree char *text = NULL;
  gint64 deal_id = 7;
  icalcomponent *calendar, *c;
  struct icaltimetype start;

  g_hash_table_insert (titles, g_memdup2 (&deal_id, sizeof deal_id), g_strdup ("Fornitura stampanti, Rossi Srl"));
  /* 27/11/2026 09:00 UTC */
  g_ptr_array_add (activities, make_activity (41, 7, AFFARI_ACTIVITY_CALL, LONG_SUBJECT, "riga 1\nriga 2; fine", 1795770000));
  g_ptr_array_add (activities, make_activity (42, 7, AFFARI_ACTIVITY_MEETING, "Visita", NULL, 1795773600));
  g_ptr_array_add (activities, make_activity (43, 7, AFFARI_ACTIVITY_TASK, "Preparare offerta", NULL, 1795777200));
  g_ptr_array_add (activities, make_activity (44, 99, AFFARI_ACTIVITY_EMAIL, "Mandare listino", NULL, 1795780800));

  text = affari_ics_build (activities, titles, 1795700000);
  assert_lines (text);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));

  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 2);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VTODO_COMPONENT), ==, 2);
  g_assert_nonnull (icalcomponent_get_first_property (calendar, ICAL_PRODID_PROPERTY));

  /* the call: a VEVENT of 30 minutes, texts back exactly as written */
  c = find_uid (calendar, ICAL_VEVENT_COMPONENT, "activity-41@affari");
  g_assert_nonnull (c);
  g_assert_true (g_str_has_suffix (icalcomponent_get_summary (c), LONG_SUBJECT));
  {
    g_autofree char *expected = g_strdup_printf (_("Deal: %s\n\n%s"), "Fornitura stampanti, Rossi Srl", "riga 1\nriga 2; fine");

    g_assert_cmpstr (icalcomponent_get_description (c), ==, expected);
  }
  start = icalcomponent_get_dtstart (c);
  g_assert_true (icaltime_is_utc (start));
  g_assert_cmpint (icaltime_as_timet (start), ==, 1795770000);
  g_assert_cmpint (icaltime_as_timet (icalcomponent_get_dtend (c)), ==, 1795770000 + 1800);
  g_assert_cmpint (icaltime_as_timet (icalcomponent_get_dtstamp (c)), ==, 1795700000);

  /* the meeting lasts an hour */
  c = find_uid (calendar, ICAL_VEVENT_COMPONENT, "activity-42@affari");
  g_assert_nonnull (c);
  g_assert_cmpint (icaltime_as_timet (icalcomponent_get_dtend (c)) - icaltime_as_timet (icalcomponent_get_dtstart (c)), ==, 3600);

  /* the task and the e-mail: VTODOs due at their deadline */
  c = find_uid (calendar, ICAL_VTODO_COMPONENT, "activity-43@affari");
  g_assert_nonnull (c);
  g_assert_cmpint (icaltime_as_timet (icalcomponent_get_due (c)), ==, 1795777200);
  g_assert_cmpint (icalcomponent_get_status (c), ==, ICAL_STATUS_NEEDSACTION);
  c = find_uid (calendar, ICAL_VTODO_COMPONENT, "activity-44@affari");
  g_assert_nonnull (c);
  /* a deal without a known title: no description */
  g_assert_null (icalcomponent_get_first_property (c, ICAL_DESCRIPTION_PROPERTY));

  icalcomponent_free (calendar);
}

static void
test_export_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariStore) store = affari_store_open (NULL, &error);
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(AffariActivity) a = affari_activity_new (AFFARI_ACTIVITY_CALL, "Chiamare", 1795770000);
  g_autoptr(AffariActivity) b = affari_activity_new (AFFARI_ACTIVITY_TASK, "Fatto", 1795770000);
  g_autofree char *dir = g_dir_make_tmp ("affari-ics-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "attività.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  g_autofree char *uid = NULL;
  icalcomponent *calendar;
  guint n = 0;

  affari_store_set_now (store, 1795700000);
  affari_deal_set_title (deal, "Rossi Srl");
  g_assert_true (affari_store_create_deal (store, deal, &error));
  g_assert_true (affari_store_add_activity (store, affari_deal_get_id (deal), a, &error));
  g_assert_true (affari_store_add_activity (store, affari_deal_get_id (deal), b, &error));
  g_assert_true (affari_store_complete_activity (store, affari_activity_get_id (b), TRUE, &error));

  g_assert_true (affari_ics_export (store, NULL, file, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  {
    GStatBuf st;

    /* The deals' names and plans are private, as the CSV export is: only the user reads them. */
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  assert_lines (text);
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 1);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VTODO_COMPONENT), ==, 0);
  uid = g_strdup_printf ("activity-%" G_GINT64_FORMAT "@affari", affari_activity_get_id (a));
  g_assert_nonnull (find_uid (calendar, ICAL_VEVENT_COMPONENT, uid));
  icalcomponent_free (calendar);

  g_unlink (path);
  g_rmdir (dir);
}

static gint64
add_deal_with_call (AffariStore *store, gint64 pipeline_id, const char *title, const char *subject, gint64 deadline,
                    gint64 *out_activity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(AffariActivity) call = affari_activity_new (AFFARI_ACTIVITY_CALL, subject, deadline);

  affari_deal_set_title (deal, title);
  affari_deal_set_pipeline_id (deal, pipeline_id);
  g_assert_true (affari_store_create_deal (store, deal, &error));
  g_assert_no_error (error);
  g_assert_true (affari_store_add_activity (store, affari_deal_get_id (deal), call, &error));
  g_assert_no_error (error);
  *out_activity = affari_activity_get_id (call);
  return affari_deal_get_id (deal);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The UIDs of every VEVENT/VTODO of @path, sorted, and checks that libical finds the file valid:
 * parsed without error properties, and every component within RFC 5545's restrictions. */
static char *
read_uids (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) uids = g_ptr_array_new ();
  icalcomponent *calendar;
  char *joined;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  assert_lines (text);
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_true (icalrestriction_check (calendar));
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  g_assert_null (icalcomponent_get_first_property (calendar, ICAL_METHOD_PROPERTY));
  for (icalcomponent *c = icalcomponent_get_first_component (calendar, ICAL_ANY_COMPONENT); c != NULL;
       c = icalcomponent_get_next_component (calendar, ICAL_ANY_COMPONENT))
    g_ptr_array_add (uids, (gpointer) icalcomponent_get_uid (c));
  g_ptr_array_sort (uids, compare_strings);
  g_ptr_array_add (uids, NULL);
  joined = g_strjoinv (" ", (char **) uids->pdata);
  icalcomponent_free (calendar);
  return joined;
}

static void
test_export_what_is_shown (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariStore) store = affari_store_open (NULL, &error);
  g_autofree char *dir = g_dir_make_tmp ("affari-ics-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "attività.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_auto(AffariDealQuery) query = { 0 };
  g_autofree char *uids = NULL;
  g_autofree char *again = NULL;
  g_autofree char *expected = NULL;
  gint64 general, other, rossi_call, bianchi_call, other_call;
  guint n = 0;

  g_assert_no_error (error);
  affari_store_set_now (store, 1795700000);
  general = affari_store_get_default_pipeline_id (store);
  other = affari_store_create_pipeline (store, "Assistenza", &error);
  g_assert_no_error (error);
  add_deal_with_call (store, general, "Rossi Srl", "Richiamare Rossi", 1795770000, &rossi_call);
  add_deal_with_call (store, general, "Bianchi SpA", "Richiamare Bianchi", 1795780000, &bianchi_call);
  add_deal_with_call (store, other, "Rossi Srl assistenza", "Contratto", 1795790000, &other_call);

  /* The pipeline shown: its two deals, not the other pipeline's. */
  query.pipeline_id = general;
  g_assert_true (affari_ics_export (store, &query, file, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  uids = read_uids (path);
  expected = g_strdup_printf ("activity-%" G_GINT64_FORMAT "@affari activity-%" G_GINT64_FORMAT "@affari",
                              MIN (rossi_call, bianchi_call), MAX (rossi_call, bianchi_call));
  g_assert_cmpstr (uids, ==, expected);

  /* Exported again: the same UIDs, so calendars update their entries instead of adding copies. */
  g_assert_true (affari_ics_export (store, &query, file, &n, NULL, &error));
  again = read_uids (path);
  g_assert_cmpstr (again, ==, uids);
  g_clear_pointer (&uids, g_free);
  g_clear_pointer (&expected, g_free);

  /* And the search bar's filter: only Rossi in "Generale". */
  affari_deal_query_set_text (&query, "Rossi");
  g_assert_true (affari_ics_export (store, &query, file, &n, NULL, &error));
  g_assert_cmpuint (n, ==, 1);
  uids = read_uids (path);
  expected = g_strdup_printf ("activity-%" G_GINT64_FORMAT "@affari", rossi_call);
  g_assert_cmpstr (uids, ==, expected);
  g_clear_pointer (&uids, g_free);
  g_clear_pointer (&expected, g_free);

  /* Every pipeline with the filter: both Rossi deals. */
  query.pipeline_id = 0;
  g_assert_true (affari_ics_export (store, &query, file, &n, NULL, &error));
  g_assert_cmpuint (n, ==, 2);
  uids = read_uids (path);
  expected = g_strdup_printf ("activity-%" G_GINT64_FORMAT "@affari activity-%" G_GINT64_FORMAT "@affari",
                              MIN (rossi_call, other_call), MAX (rossi_call, other_call));
  g_assert_cmpstr (uids, ==, expected);
  g_clear_pointer (&uids, g_free);

  /* A filter that shows nothing: refused, the last file left as it was (no invalid empty
   * VCALENDAR). */
  affari_deal_query_set_text (&query, "Nessuno");
  g_assert_false (affari_ics_export (store, &query, file, &n, NULL, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (n, ==, 0);
  uids = read_uids (path);
  g_assert_cmpstr (uids, ==, expected);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ics/escape-and-fold", test_escape_and_fold);
  g_test_add_func ("/ics/build-parses", test_build_parses);
  g_test_add_func ("/ics/export-file", test_export_file);
  g_test_add_func ("/ics/export-what-is-shown", test_export_what_is_shown);

  return g_test_run ();
}
