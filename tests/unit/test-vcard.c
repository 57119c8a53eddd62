/* test-vcard.c — contacts read from vCard files as GNOME Contacts, Android phones, macOS and
 * vCard 4.0 writers save them (tests/data/drop/, .vcf files), and the files that are not right
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "io/affari-vcard.h"
#include "model/affari-error.h"
#include "model/affari-i18n.h"

static GPtrArray *
read_sample (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "drop", name, NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *cards = affari_vcard_read (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cards);
  return cards;
}

static void
test_gnome_contacts (void)
{
  g_autoptr(GPtrArray) cards = read_sample ("gnome-contacts.vcf");
  AffariVCard *card;

  g_assert_cmpuint (cards->len, ==, 1);
  card = g_ptr_array_index (cards, 0);
  g_assert_cmpstr (card->full_name, ==, "Mario Rossi");
  g_assert_cmpstr (card->first_name, ==, "Mario");
  g_assert_cmpstr (card->last_name, ==, "Rossi");
  /* the company, not its department */
  g_assert_cmpstr (card->organization, ==, "Rossi Forniture Srl");
  g_assert_cmpstr (card->title, ==, "Responsabile acquisti");
  /* the preferred number, though the work one comes first */
  g_assert_cmpstr (card->phone, ==, "+39 333 1234567");
  g_assert_cmpstr (card->email, ==, "mario.rossi@rossiforniture.it");
  /* unfolded (the fold was inside "chiamato") and unescaped */
  g_assert_cmpstr (card->note, ==, "Conosciuto alla fiera di Milano, novembre 2026.\n"
                                   "Preferisce essere chiamato al mattino; mai il venerdì.");
}

static void
test_android_quoted_printable (void)
{
  g_autoptr(GPtrArray) cards = read_sample ("android-2.1.vcf");
  AffariVCard *card;

  g_assert_cmpuint (cards->len, ==, 1);
  card = g_ptr_array_index (cards, 0);
  g_assert_cmpstr (card->full_name, ==, "Niccolò Bianchi");
  g_assert_cmpstr (card->first_name, ==, "Niccolò");
  g_assert_cmpstr (card->last_name, ==, "Bianchi");
  g_assert_cmpstr (card->organization, ==, "Officine Bianchi & Figli S.n.c.");
  g_assert_cmpstr (card->phone, ==, "+393471234567");
  g_assert_cmpstr (card->email, ==, "nicco.bianchi@example.it");
  /* the "=" soft line break joins "lin" and "ea" */
  g_assert_cmpstr (card->note, ==, "Cliente storico: ordini trimestrali di ricambi per la linea di produzione, "
                                   "è affidabile e paga a 30 giorni.");
  g_assert_null (card->title);
}

static void
test_several (void)
{
  g_autoptr(GPtrArray) cards = read_sample ("several.vcf");
  AffariVCard *card;

  /* four cards, the third has no name at all: skipped */
  g_assert_cmpuint (cards->len, ==, 3);

  card = g_ptr_array_index (cards, 0);   /* vCard 4.0 */
  g_assert_cmpstr (card->full_name, ==, "Giulia Verdi");
  g_assert_cmpstr (card->organization, ==, "Verdi Consulting");
  g_assert_cmpstr (card->phone, ==, "+39-333-0001111");   /* PREF=1, "tel:" removed */
  g_assert_cmpstr (card->email, ==, "giulia@verdiconsulting.it");

  card = g_ptr_array_index (cards, 1);   /* macOS, with "item1." groups */
  g_assert_cmpstr (card->full_name, ==, "Luca Maria Esposito");
  g_assert_cmpstr (card->first_name, ==, "Luca Maria");
  g_assert_cmpstr (card->last_name, ==, "Esposito");
  g_assert_cmpstr (card->organization, ==, "Esposito Impianti S.r.l.");
  g_assert_cmpstr (card->email, ==, "luca@espositoimpianti.it");
  g_assert_cmpstr (card->phone, ==, "+39 320 777 8888");

  card = g_ptr_array_index (cards, 2);   /* 2.1 in ISO-8859-1, no FN */
  g_assert_cmpstr (card->full_name, ==, "Andrea Conti");
  g_assert_cmpstr (card->title, ==, "Responsabile qualità");
  g_assert_null (card->organization);
  g_assert_null (card->email);
}

static void
test_only_formatted_name (void)
{
  const char *text = "BEGIN:VCARD\nVERSION:3.0\nFN:Anna Maria Galli\nEMAIL:anna@galli.it\nEND:VCARD\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = affari_vcard_parse (text, strlen (text), &error);
  AffariVCard *card;

  g_assert_no_error (error);
  card = g_ptr_array_index (cards, 0);
  g_assert_cmpstr (card->first_name, ==, "Anna Maria");
  g_assert_cmpstr (card->last_name, ==, "Galli");
}

static void
assert_fails (const char *text, const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = affari_vcard_parse (text, strlen (text), &error);

  g_assert_null (cards);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE);
  /* the message is the Italian sentence the user reads */
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_bad_files (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "drop", "broken.vcf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = affari_vcard_read (path, &error);

  /* cut short: no END:VCARD */
  g_assert_null (cards);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "riga 1"));
  g_clear_error (&error);

  assert_fails ("", "BEGIN:VCARD");
  assert_fails ("Nome;Cognome;Email\nMario;Rossi;mario@rossi.it\n", "BEGIN:VCARD");
  assert_fails ("BEGIN:VCARD\nVERSION:3.0\nTEL:+39 333\nEND:VCARD\n", "nome");

  g_assert_null (affari_vcard_read ("/nonexistent/contacts.vcf", &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_IO);
}

int
main (int argc, char **argv)
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vcard/gnome-contacts", test_gnome_contacts);
  g_test_add_func ("/vcard/android-quoted-printable", test_android_quoted_printable);
  g_test_add_func ("/vcard/several", test_several);
  g_test_add_func ("/vcard/only-formatted-name", test_only_formatted_name);
  g_test_add_func ("/vcard/bad-files", test_bad_files);
  return g_test_run ();
}
