/* test-drop.c — what dropped files make (ops/affari-drop): contacts from vCards, never doubled,
 * with their companies; the deal offered for a contact; the activities of an .ics on a deal; and
 * a bounded fuzz of both readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "affari-test-db.h"
#include "affari-test-files.h"
#include "affari-test-sql.h"
#include "model/affari-i18n.h"
#include "io/affari-ics.h"
#include "io/affari-vcard.h"
#include "ops/affari-drop.h"
#include "store/affari-store.h"

/* A database of the test's own: f->store, f->ops, and f->db, a second connection that looks at
 * the file as it is. */
typedef AffariTestDb Fixture;

static char *
sample (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "drop", name, NULL);
}

static void
assert_sql_text (Fixture *f, const char *sql, gint64 param, const char *expected)
{
  g_autofree char *text = affari_test_sql_text (f->db, sql, param);

  g_assert_cmpstr (text, ==, expected);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  affari_test_db_open (f, "drop");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  affari_test_db_close (f);
}

static void
test_vcard_once (Fixture *f, gconstpointer data)
{
  g_autofree char *path = sample ("gnome-contacts.vcf");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  AffariDropContact *contact;
  gint64 contacts = affari_test_sql_int (f->db, "SELECT count(*) FROM contact WHERE ?1 = ?1", 0);
  gint64 companies = affari_test_sql_int (f->db, "SELECT count(*) FROM company WHERE ?1 = ?1", 0);

  first = affari_drop_add_vcard (f->store, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 1);
  contact = g_ptr_array_index (first, 0);
  g_assert_true (contact->created);
  g_assert_cmpstr (contact->name, ==, "Mario Rossi");
  g_assert_cmpint (affari_test_sql_int (f->db, "SELECT count(*) FROM contact WHERE ?1 = ?1", 0), ==, contacts + 1);
  g_assert_cmpint (affari_test_sql_int (f->db, "SELECT count(*) FROM company WHERE ?1 = ?1", 0), ==, companies + 1);
  assert_sql_text (f, "SELECT c.first_name || '|' || c.last_name || '|' || c.phone || '|' || c.email"
                                                " || '|' || c.position || '|' || co.name FROM contact c JOIN company co ON co.id = c.company_id"
                                                " WHERE c.id = ?", contact->contact_id, "Mario|Rossi|+39 333 1234567|mario.rossi@rossiforniture.it|Responsabile acquisti|Rossi Forniture Srl");

  /* dropped again: found, not made */
  again = affari_drop_add_vcard (f->store, path, &error);
  g_assert_no_error (error);
  g_assert_false (((AffariDropContact *) g_ptr_array_index (again, 0))->created);
  g_assert_cmpint (((AffariDropContact *) g_ptr_array_index (again, 0))->contact_id, ==, contact->contact_id);
  g_assert_cmpint (affari_test_sql_int (f->db, "SELECT count(*) FROM contact WHERE ?1 = ?1", 0), ==, contacts + 1);
  g_assert_cmpint (affari_test_sql_int (f->db, "SELECT count(*) FROM company WHERE ?1 = ?1", 0), ==, companies + 1);
}

static void
test_vcard_several_and_broken (Fixture *f, gconstpointer data)
{
  g_autofree char *several = sample ("several.vcf");
  g_autofree char *broken = sample ("broken.vcf");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) added = NULL;
  gint64 contacts = affari_test_sql_int (f->db, "SELECT count(*) FROM contact WHERE ?1 = ?1", 0);

  /* a broken file writes nothing */
  g_assert_null (affari_drop_add_vcard (f->store, broken, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_cmpint (affari_test_sql_int (f->db, "SELECT count(*) FROM contact WHERE ?1 = ?1", 0), ==, contacts);

  added = affari_drop_add_vcard (f->store, several, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added->len, ==, 3);
  g_assert_cmpint (affari_test_sql_int (f->db, "SELECT count(*) FROM contact WHERE ?1 = ?1", 0), ==, contacts + 3);
  /* Andrea Conti has no company */
  g_assert_cmpint (((AffariDropContact *) g_ptr_array_index (added, 2))->company_id, ==, 0);
}

static void
test_deal_for_contact (Fixture *f, gconstpointer data)
{
  g_autofree char *path = sample ("gnome-contacts.vcf");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) added = affari_drop_add_vcard (f->store, path, &error);
  AffariDropContact *contact = g_ptr_array_index (added, 0);
  gint64 pipeline = affari_store_get_default_pipeline_id (f->store);
  gint64 deal_id;

  deal_id = affari_drop_create_deal_for_contact (f->store, f->ops, contact->contact_id, pipeline, &error);
  g_assert_no_error (error);
  g_assert_cmpint (deal_id, >, 0);
  assert_sql_text (f, "SELECT title FROM deal WHERE id = ?", deal_id, "Affare con Mario Rossi");
  g_assert_cmpint (affari_test_sql_int (f->db, "SELECT company_id FROM deal WHERE id = ?", deal_id), ==, contact->company_id);
  g_assert_cmpint (affari_test_sql_int (f->db, "SELECT contact_id FROM deal_contact WHERE is_primary AND deal_id = ?", deal_id),
                   ==, contact->contact_id);
  /* the first stage of the pipeline */
  g_assert_cmpint (affari_test_sql_int (f->db, "SELECT stage_id FROM deal WHERE id = ?", deal_id), ==,
                   affari_test_sql_int (f->db, "SELECT id FROM stage WHERE pipeline_id = ? ORDER BY sort, id LIMIT 1", pipeline));
  /* one step of the history */
  g_assert_true (affari_deal_ops_can_undo (f->ops));
}

static void
test_ics_on_deal (Fixture *f, gconstpointer data)
{
  g_autofree char *google = sample ("google.ics");
  g_autofree char *todo = sample ("todo.ics");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(AffariChangeSet) set = NULL;
  g_autofree char *title = NULL;
  gint64 deal_id;

  affari_deal_set_title (deal, "Fornitura stampanti");
  set = affari_deal_ops_create (f->ops, deal, NULL, NULL, &error);
  g_assert_no_error (error);
  deal_id = affari_deal_get_id (deal);

  added = affari_drop_add_ics (f->store, f->ops, deal_id, google, &title, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added->len, ==, 2);
  g_assert_cmpstr (title, ==, "Fornitura stampanti");
  g_clear_pointer (&added, g_ptr_array_unref);
  added = affari_drop_add_ics (f->store, f->ops, deal_id, todo, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (affari_test_sql_int (f->db, "SELECT count(*) FROM activity WHERE deal_id = ?", deal_id), ==, 3);
  assert_sql_text (f, "SELECT group_concat(subject, '|') FROM (SELECT subject FROM activity"
                                                " WHERE deal_id = ? ORDER BY deadline)", deal_id, "Verifica contratto assistenza|Demo del prodotto|Inviare il preventivo firmato");
  /* the VTODO is a task */
  assert_sql_text (f, "SELECT kind FROM activity WHERE deal_id = ? AND subject LIKE 'Inviare%'", deal_id, "task");

  /* undo takes the last file's away */
  g_assert_true (affari_deal_ops_undo (f->ops, &error));
  g_assert_no_error (error);
  g_assert_cmpint (affari_test_sql_int (f->db, "SELECT count(*) FROM activity WHERE deal_id = ?", deal_id), ==, 2);
  /* and the two events of the first file are one step: one undo takes both */
  g_assert_true (affari_deal_ops_undo (f->ops, &error));
  g_assert_no_error (error);
  g_assert_cmpint (affari_test_sql_int (f->db, "SELECT count(*) FROM activity WHERE deal_id = ?", deal_id), ==, 0);
  g_assert_true (affari_deal_ops_redo (f->ops, &error));
  g_assert_no_error (error);

  /* a bad file plans nothing; a deal that is not there neither */
  g_clear_pointer (&added, g_ptr_array_unref);
  {
    g_autofree char *vcf = sample ("gnome-contacts.vcf");

    g_assert_null (affari_drop_add_ics (f->store, f->ops, deal_id, vcf, NULL, &error));
    g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE);
    g_clear_error (&error);
  }
  g_assert_null (affari_drop_add_ics (f->store, f->ops, 999999, google, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (affari_test_sql_int (f->db, "SELECT count(*) FROM activity WHERE deal_id = ?", deal_id), ==, 2);
}

/* Cut, flipped and shuffled samples: every input gives the readers a result or an error, never a
 * crash or a half answer (a bounded number of tries with a fixed seed, so a failure replays). */
typedef GPtrArray *(*ParseFunc) (const char *data, gsize length, GError **error);

static void
fuzz (ParseFunc parse, const char *name, GRand *rand)
{
  g_autofree char *path = sample (name);
  g_autofree char *text = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  for (guint i = 0; i < 700; i++)
    {
      static const char bytes[] = ":;=\\\r\n \"\xC3\xFF,";
      g_autofree char *copy = g_memdup2 (text, length + 1);
      gsize cut = g_rand_int_range (rand, 0, (gint32) length + 1);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) result = NULL;

      for (guint k = g_rand_int_range (rand, 0, 8); k > 0; k--)
        copy[g_rand_int_range (rand, 0, (gint32) length)] = bytes[g_rand_int_range (rand, 0, sizeof bytes - 1)];
      result = parse (copy, cut, &error);
      g_assert_true ((result == NULL) != (error == NULL));
    }
}

static void
test_fuzz (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);
  const char *vcards[] = { "gnome-contacts.vcf", "android-2.1.vcf", "several.vcf" };
  const char *calendars[] = { "gnome-calendar.ics", "google.ics", "todo.ics" };

  for (guint i = 0; i < G_N_ELEMENTS (vcards); i++)
    fuzz (affari_vcard_parse, vcards[i], rand);
  for (guint i = 0; i < G_N_ELEMENTS (calendars); i++)
    fuzz (affari_ics_parse, calendars[i], rand);
}

int
main (int argc, char **argv)
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/drop/vcard-once", Fixture, NULL, fixture_setup, test_vcard_once, fixture_teardown);
  g_test_add ("/drop/vcard-several-and-broken", Fixture, NULL, fixture_setup, test_vcard_several_and_broken, fixture_teardown);
  g_test_add ("/drop/deal-for-contact", Fixture, NULL, fixture_setup, test_deal_for_contact, fixture_teardown);
  g_test_add ("/drop/ics-on-deal", Fixture, NULL, fixture_setup, test_ics_on_deal, fixture_teardown);
  g_test_add_func ("/drop/fuzz-readers", test_fuzz);
  return g_test_run ();
}
