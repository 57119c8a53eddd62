/* test-keyring.c — the team server's password in the desktop keyring, and its address
 *
 * Run by test-keyring.sh in a private session bus with a throw-away GNOME Keyring; without a
 * secret service on the bus (or a build without libsecret) the keyring's part is skipped and
 * says so, the address's part always runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <gio/gio.h>

#include "model/affari-error.h"
#include "ops/affari-keyring.h"

#define URL "postgresql://db.example.it:5433/affari"

static void
check_strip (const char *url,
             const char *expected)
{
  g_autofree char *stripped = affari_server_url_strip_password (url);

  g_assert_cmpstr (stripped, ==, expected);
}

static void
test_url_strip_password (void)
{
  check_strip ("postgresql://mario:segreto@db.example.it/affari", "postgresql://mario@db.example.it/affari");
  /* An '@' in the password: the last one ends the user's part. */
  check_strip ("postgres://mario:se@greto@db.example.it:5433/affari?sslmode=require",
               "postgres://mario@db.example.it:5433/affari?sslmode=require");
  check_strip ("postgresql://db.example.it/affari?password=segreto&sslmode=require",
               "postgresql://db.example.it/affari?sslmode=require");
  check_strip ("  " URL " ", URL);
  check_strip ("host=/run/postgresql dbname=affari password='se gr\\'eto' user=mario",
               "host=/run/postgresql dbname=affari user=mario");
  check_strip ("host=db password = segreto", "host=db");
}

static void
check_login (const char *url,
             const char *login,
             const char *expected,
             const char *expected_login)
{
  g_autofree char *with = affari_server_url_with_login (url, login);
  g_autofree char *back = affari_server_url_dup_login (with);

  g_assert_cmpstr (with, ==, expected);
  g_assert_cmpstr (back, ==, expected_login);
}

static void
test_url_with_login (void)
{
  check_login (URL, "mario", "postgresql://mario@db.example.it:5433/affari", "mario");
  check_login ("postgresql://sara@db.example.it/affari", "mario.rossi@example.it",
               "postgresql://mario.rossi%40example.it@db.example.it/affari", "mario.rossi@example.it");
  check_login (URL, "", URL, NULL);
  check_login ("host=/tmp dbname=affari user=sara", "o'neil",
               "host=/tmp dbname=affari user='o\\'neil'", "o'neil");
}

static gboolean
have_secret_service (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  if (bus == NULL)
    return FALSE;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

static void
test_keyring_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  g_autofree char *other = NULL;
  g_autofree char *again = NULL;

  if (!affari_keyring_is_supported ())
    {
      g_test_skip ("built without libsecret: passwords are not kept");
      return;
    }
  if (!have_secret_service ())
    {
      g_test_skip ("no secret service (GNOME Keyring) on the session bus: run test-keyring.sh");
      return;
    }

  /* Nothing kept yet: NULL without an error. */
  password = affari_keyring_lookup_password (URL, "mario", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (password);

  /* The password in the URL is not part of the key: the address as GSettings keeps it finds it. */
  g_assert_true (affari_keyring_store_password (URL "?password=vecchia", "mario",
                                                "segreto", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (affari_keyring_store_password (URL, "sara", "altro", NULL, &error));
  g_assert_no_error (error);
  password = affari_keyring_lookup_password (URL, "mario", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "segreto");
  other = affari_keyring_lookup_password (URL, "sara", NULL, &error);
  g_assert_cmpstr (other, ==, "altro");

  /* Stored again: replaced, not doubled. */
  g_assert_true (affari_keyring_store_password (URL, "mario", "nuovo", NULL, &error));
  g_clear_pointer (&password, g_free);
  password = affari_keyring_lookup_password (URL, "mario", NULL, &error);
  g_assert_cmpstr (password, ==, "nuovo");

  g_assert_true (affari_keyring_clear_password (URL, "mario", NULL, &error));
  g_assert_no_error (error);
  again = affari_keyring_lookup_password (URL, "mario", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (again);
  /* The other login's password is untouched. */
  g_clear_pointer (&other, g_free);
  other = affari_keyring_lookup_password (URL, "sara", NULL, &error);
  g_assert_cmpstr (other, ==, "altro");
  g_assert_true (affari_keyring_clear_password (URL, "sara", NULL, &error));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keyring/url-strip-password", test_url_strip_password);
  g_test_add_func ("/keyring/url-with-login", test_url_with_login);
  g_test_add_func ("/keyring/round-trip", test_keyring_round_trip);

  return g_test_run ();
}
