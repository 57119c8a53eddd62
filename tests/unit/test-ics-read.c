/* test-ics-read.c — events and tasks read from calendar files as GNOME Calendar, Google Calendar,
 * Thunderbird and Endeavour write them (tests/data/drop/, .ics files), and the files that are not right
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "io/affari-ics.h"
#include "model/affari-i18n.h"

static GPtrArray *
read_sample (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "drop", name, NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *items = affari_ics_read (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

static gint64
utc (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time);
}

static gint64
local (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time);
}

static void
test_gnome_calendar (void)
{
  g_autoptr(GPtrArray) items = read_sample ("gnome-calendar.ics");
  AffariIcsItem *item;
  g_autoptr(AffariActivity) activity = NULL;

  g_assert_cmpuint (items->len, ==, 1);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpint (item->kind, ==, AFFARI_ACTIVITY_MEETING);
  g_assert_cmpstr (item->summary, ==, "Riunione con Rossi Forniture");
  /* unfolded, unescaped; the alarm's DESCRIPTION is the alarm's, not the event's */
  g_assert_cmpstr (item->description, ==, "Presentare l'offerta per le stampanti, 25 pezzi.\nPortare i campioni.");
  g_assert_cmpstr (item->location, ==, "Via Roma 1, Milano");
  /* 10:30 in Rome in December is 9:30 UTC, whatever the machine's zone */
  g_assert_cmpint (item->start, ==, utc (2026, 12, 3, 9, 30));
  g_assert_cmpint (item->end, ==, utc (2026, 12, 3, 10, 30));
  g_assert_false (item->all_day);

  activity = affari_ics_item_to_activity (item, utc (2026, 11, 27, 8, 0));
  g_assert_cmpint (affari_activity_get_kind (activity), ==, AFFARI_ACTIVITY_MEETING);
  g_assert_cmpstr (affari_activity_get_subject (activity), ==, "Riunione con Rossi Forniture");
  g_assert_cmpint (affari_activity_get_deadline (activity), ==, utc (2026, 12, 3, 9, 30));
  g_assert_nonnull (strstr (affari_activity_get_description (activity), "Portare i campioni."));
  g_assert_nonnull (strstr (affari_activity_get_description (activity), "Via Roma 1, Milano"));
}

static void
test_google (void)
{
  g_autoptr(GPtrArray) items = read_sample ("google.ics");
  AffariIcsItem *item;

  /* two events in one file: two activities */
  g_assert_cmpuint (items->len, ==, 2);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->summary, ==, "Verifica contratto assistenza");
  g_assert_cmpint (item->start, ==, utc (2026, 12, 4, 14, 0));
  g_assert_cmpstr (item->description, ==, "Chiamata di verifica sul contratto di assistenza annuale.\n\n"
                                          "Partecipa a Google Meet: https://meet.google.com/abc-defg-hij");
  /* Google writes an empty LOCATION */
  g_assert_null (item->location);
  item = g_ptr_array_index (items, 1);
  g_assert_cmpstr (item->summary, ==, "Demo del prodotto");
  g_assert_cmpint (item->start, ==, utc (2026, 12, 11, 8, 30));
}

static void
test_all_day (void)
{
  g_autoptr(GPtrArray) items = read_sample ("all-day.ics");
  AffariIcsItem *item = g_ptr_array_index (items, 0);
  g_autoptr(AffariActivity) activity = NULL;

  g_assert_true (item->all_day);
  g_assert_cmpint (item->start, ==, local (2026, 12, 10, 0, 0));
  /* due at the start of the working day, not at midnight */
  activity = affari_ics_item_to_activity (item, 0);
  g_assert_cmpint (affari_activity_get_deadline (activity), ==, local (2026, 12, 10, 9, 0));
  g_assert_cmpstr (affari_activity_get_subject (activity), ==, "Fiera dell'arredo");
}

static void
test_todo (void)
{
  g_autoptr(GPtrArray) items = read_sample ("todo.ics");
  AffariIcsItem *item = g_ptr_array_index (items, 0);
  g_autoptr(AffariActivity) activity = NULL;

  g_assert_cmpint (item->kind, ==, AFFARI_ACTIVITY_TASK);
  /* DUE, not DTSTART: 17:00 in Rome */
  g_assert_cmpint (item->start, ==, utc (2026, 12, 15, 16, 0));
  activity = affari_ics_item_to_activity (item, 0);
  g_assert_cmpint (affari_activity_get_kind (activity), ==, AFFARI_ACTIVITY_TASK);
  g_assert_cmpstr (affari_activity_get_subject (activity), ==, "Inviare il preventivo firmato");
  g_assert_cmpstr (affari_activity_get_description (activity), ==, "Con lo sconto del 5% concordato al telefono.");
}

static void
test_floating_and_unknown_zone (void)
{
  const char *text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261203T150000\r\nEND:VEVENT\r\n"
                     "BEGIN:VEVENT\r\nDTSTART;TZID=\"W. Europe Standard Time\":20261203T160000\r\nSUMMARY:Call\r\nEND:VEVENT\r\n"
                     "BEGIN:VTODO\r\nSUMMARY:Senza scadenza\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = affari_ics_parse (text, strlen (text), &error);
  g_autoptr(AffariActivity) untitled = NULL;
  g_autoptr(AffariActivity) undated = NULL;
  gint64 now = local (2026, 11, 27, 10, 0);

  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 3);
  g_assert_cmpint (((AffariIcsItem *) g_ptr_array_index (items, 0))->start, ==, local (2026, 12, 3, 15, 0));
  /* Outlook's zone names are no identifiers: local time */
  g_assert_cmpint (((AffariIcsItem *) g_ptr_array_index (items, 1))->start, ==, local (2026, 12, 3, 16, 0));
  /* no SUMMARY: the kind's name; no date: the default deadline */
  untitled = affari_ics_item_to_activity (g_ptr_array_index (items, 0), now);
  g_assert_cmpstr (affari_activity_get_subject (untitled), ==, affari_activity_type_label (AFFARI_ACTIVITY_MEETING));
  undated = affari_ics_item_to_activity (g_ptr_array_index (items, 2), now);
  g_assert_cmpint (affari_activity_get_deadline (undated), ==, affari_activity_default_deadline (now));
}

static void
assert_fails (const char *text, const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = affari_ics_parse (text, strlen (text), &error);

  g_assert_null (items);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_bad_files (void)
{
  g_autoptr(GError) error = NULL;

  assert_fails ("", "BEGIN:VCALENDAR");
  assert_fails ("BEGIN:VCARD\nFN:Mario Rossi\nEND:VCARD\n", "BEGIN:VCALENDAR");
  assert_fails ("BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n", "nessun");
  /* cut short inside the event */
  assert_fails ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Riunione\nDTSTART:20261203T150000Z\n", "riga 2");
  /* February has no 31st; the line is said */
  assert_fails ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Riunione\nDTSTART:20260231T150000Z\nEND:VEVENT\nEND:VCALENDAR\n",
                "20260231T150000Z");
  assert_fails ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:domani\nEND:VEVENT\nEND:VCALENDAR\n", "Riga 3");

  g_assert_null (affari_ics_read ("/nonexistent/invite.ics", &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_IO);
}

int
main (int argc, char **argv)
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ics-read/gnome-calendar", test_gnome_calendar);
  g_test_add_func ("/ics-read/google", test_google);
  g_test_add_func ("/ics-read/all-day", test_all_day);
  g_test_add_func ("/ics-read/todo", test_todo);
  g_test_add_func ("/ics-read/floating-and-unknown-zone", test_floating_and_unknown_zone);
  g_test_add_func ("/ics-read/bad-files", test_bad_files);
  return g_test_run ();
}
