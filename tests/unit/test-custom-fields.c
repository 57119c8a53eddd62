/* test-custom-fields.c — custom (UF_CRM_*) deal fields in the store: definitions, values
 * validated per kind, one history event per change; and the stage "Riapri" goes back to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include <signal.h>
#include <sys/resource.h>

#include "io/affari-csv.h"
#include "model/affari-error.h"
#include "model/affari-i18n.h"
#include "model/affari-money.h"
#include "store/affari-store.h"

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
          const char  *title)
{
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(GError) error = NULL;

  affari_deal_set_title (deal, title);
  g_assert_true (affari_store_create_deal (store, deal, &error));
  g_assert_no_error (error);
  return affari_deal_get_id (deal);
}

static guint
count_field_events (AffariStore *store,
                    gint64       deal_id,
                    const char  *code)
{
  g_autoptr(GPtrArray) events = affari_store_list_events (store, deal_id, NULL);
  guint n = 0;

  for (guint i = 0; i < events->len; i++)
    if (affari_event_get_kind (g_ptr_array_index (events, i)) == AFFARI_EVENT_FIELD &&
        g_strcmp0 (affari_event_get_field (g_ptr_array_index (events, i)), code) == 0)
      n++;
  return n;
}

static char *
value_of (AffariStore *store,
          gint64       deal_id,
          gint64       field_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) values = affari_store_get_deal_field_values (store, deal_id, &error);

  g_assert_no_error (error);
  return g_strdup (g_hash_table_lookup (values, &field_id));
}

static void
test_define_fields (void)
{
  g_autoptr(AffariStore) store = open_memory ();
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;
  const char * const sizes[] = { "Piccola", "Media", "Grande", NULL };
  AffariCustomField *field;
  gint64 id;

  fields = affari_store_list_custom_fields (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fields->len, ==, 0);
  g_clear_pointer (&fields, g_ptr_array_unref);

  /* The prefix is added, the code upper-cased. */
  id = affari_store_create_custom_field (store, AFFARI_FIELD_STRING, "ordine_cliente", "Ordine del cliente",
                                         FALSE, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  id = affari_store_create_custom_field (store, AFFARI_FIELD_ENUMERATION, "UF_CRM_SIZE", "Dimensione",
                                         TRUE, FALSE, sizes, &error);
  g_assert_no_error (error);

  /* Refused: the same code, a code with other characters, no label, a list without items. */
  g_assert_cmpint (affari_store_create_custom_field (store, AFFARI_FIELD_STRING, "UF_CRM_ORDINE_CLIENTE", "Altro",
                                                     FALSE, FALSE, NULL, &error), ==, 0);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (affari_store_create_custom_field (store, AFFARI_FIELD_STRING, "città", "Città",
                                                     FALSE, FALSE, NULL, &error), ==, 0);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (affari_store_create_custom_field (store, AFFARI_FIELD_STRING, "NOTE", "  ",
                                                     FALSE, FALSE, NULL, &error), ==, 0);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (affari_store_create_custom_field (store, AFFARI_FIELD_ENUMERATION, "EMPTY", "Vuota",
                                                     FALSE, FALSE, NULL, &error), ==, 0);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (affari_store_create_custom_field (store, AFFARI_FIELD_STRING,
                                                     "A_CODE_THAT_IS_FAR_TOO_LONG_FOR_BITRIX_FIELDS_XX", "Lungo",
                                                     FALSE, FALSE, NULL, &error), ==, 0);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);

  fields = affari_store_list_custom_fields (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fields->len, ==, 2);
  field = g_ptr_array_index (fields, 0);
  g_assert_cmpstr (field->code, ==, "UF_CRM_ORDINE_CLIENTE");
  g_assert_cmpstr (field->label, ==, "Ordine del cliente");
  g_assert_cmpint (field->kind, ==, AFFARI_FIELD_STRING);
  g_assert_false (field->mandatory);
  g_assert_true (field->show_in_list);
  field = g_ptr_array_index (fields, 1);
  g_assert_cmpint (field->kind, ==, AFFARI_FIELD_ENUMERATION);
  g_assert_true (field->mandatory);
  g_assert_cmpuint (field->items->len, ==, 3);
  g_assert_cmpstr (g_array_index (field->items, AffariFieldItem, 2).value, ==, "Grande");
}

typedef struct {
  AffariFieldKind kind;
  const char *good;          /* accepted */
  const char *stored;        /* as stored */
  const char *shown;         /* as formatted in Italian */
  const char *bad;           /* refused */
} KindCase;

static void
test_values_per_kind (void)
{
  g_autoptr(AffariStore) store = open_memory ();
  g_autoptr(GError) error = NULL;
  const KindCase cases[] = {
    { AFFARI_FIELD_STRING, "Consegna al piano", "Consegna al piano", "Consegna al piano", NULL },
    { AFFARI_FIELD_DOUBLE, "12.5", "12.5", "12,5", "12,5 kg" },
    { AFFARI_FIELD_MONEY, "1234.5|EUR", "1234.50|EUR", "€ 1.234,50", "1234.5|euro" },
    { AFFARI_FIELD_DATE, "2026-11-27", "2026-11-27", "27/11/2026", "2026-02-31" },
    { AFFARI_FIELD_BOOLEAN, "Y", "1", "Sì", "forse" },
    { AFFARI_FIELD_URL, "https://example.com/ordine", "https://example.com/ordine", "https://example.com/ordine", "example com" },
  };
  gint64 deal = new_deal (store, "Campi");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = g_strdup_printf ("F%u", i);
      g_autofree char *full = g_strdup_printf ("UF_CRM_F%u", i);
      g_autofree char *stored = NULL;
      g_autofree char *shown = NULL;
      g_autoptr(GPtrArray) fields = NULL;
      gint64 id = affari_store_create_custom_field (store, cases[i].kind, code, code, FALSE, FALSE, NULL, &error);

      g_assert_no_error (error);
      g_assert_true (affari_store_set_deal_field_value (store, deal, id, cases[i].good, &error));
      g_assert_no_error (error);
      stored = value_of (store, deal, id);
      g_assert_cmpstr (stored, ==, cases[i].stored);
      fields = affari_store_list_custom_fields (store, NULL);
      shown = affari_custom_field_format_value (g_ptr_array_index (fields, i), stored);
      g_assert_cmpstr (shown, ==, cases[i].shown);
      g_assert_cmpuint (count_field_events (store, deal, full), ==, 1);

      /* The same value again changes nothing and says nothing. */
      g_assert_true (affari_store_set_deal_field_value (store, deal, id, cases[i].stored, &error));
      g_assert_cmpuint (count_field_events (store, deal, full), ==, 1);

      if (cases[i].bad != NULL)
        {
          g_assert_false (affari_store_set_deal_field_value (store, deal, id, cases[i].bad, &error));
          g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
          g_clear_error (&error);
          g_clear_pointer (&stored, g_free);
          stored = value_of (store, deal, id);
          g_assert_cmpstr (stored, ==, cases[i].stored);
          g_assert_cmpuint (count_field_events (store, deal, full), ==, 1);
        }

      /* Cleared: gone, with an event. */
      g_assert_true (affari_store_set_deal_field_value (store, deal, id, "", &error));
      g_assert_no_error (error);
      g_clear_pointer (&stored, g_free);
      stored = value_of (store, deal, id);
      g_assert_null (stored);
      g_assert_cmpuint (count_field_events (store, deal, full), ==, 2);
    }
}

static void
test_enumeration_and_mandatory (void)
{
  g_autoptr(AffariStore) store = open_memory ();
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  const char * const sizes[] = { "Piccola", "Media", "Grande", NULL };
  g_autofree char *item = NULL;
  g_autofree char *stored = NULL;
  AffariCustomField *field;
  gint64 deal = new_deal (store, "Lista");
  gint64 other = new_deal (store, "Altro");
  gint64 id, other_id;

  id = affari_store_create_custom_field (store, AFFARI_FIELD_ENUMERATION, "SIZE", "Dimensione", TRUE, FALSE, sizes, &error);
  g_assert_no_error (error);
  other_id = affari_store_create_custom_field (store, AFFARI_FIELD_ENUMERATION, "COLOUR", "Colore", FALSE, FALSE, sizes, &error);
  g_assert_no_error (error);
  fields = affari_store_list_custom_fields (store, &error);
  field = g_ptr_array_index (fields, 0);
  item = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (field->items, AffariFieldItem, 1).id);

  g_assert_true (affari_store_set_deal_field_value (store, deal, id, item, &error));
  g_assert_no_error (error);
  stored = value_of (store, deal, id);
  g_assert_cmpstr (stored, ==, item);

  /* An item of another list is not one of this list. */
  {
    AffariCustomField *colour = g_ptr_array_index (fields, 1);
    g_autofree char *foreign = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (colour->items, AffariFieldItem, 0).id);

    g_assert_cmpint (colour->id, ==, other_id);
    g_assert_false (affari_store_set_deal_field_value (store, deal, id, foreign, &error));
    g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Mandatory: cannot be cleared. */
  g_assert_false (affari_store_set_deal_field_value (store, deal, id, NULL, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);

  /* The history reads like the built-in fields, with the item's name. */
  events = affari_store_list_events (store, deal, NULL);
  g_assert_cmpstr (affari_event_get_text (g_ptr_array_index (events, 0)), ==, "Dimensione: (vuoto) → Media");

  /* Values belong to one deal; a missing deal or field is refused. */
  g_clear_pointer (&stored, g_free);
  stored = value_of (store, other, id);
  g_assert_null (stored);
  g_assert_false (affari_store_set_deal_field_value (store, 999, id, item, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (affari_store_set_deal_field_value (store, deal, 999, item, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

static void
test_reopen_stage (void)
{
  g_autoptr(AffariStore) store = open_memory ();
  g_autoptr(GError) error = NULL;
  gint64 pipeline = affari_store_get_default_pipeline_id (store);
  gint64 preparation = affari_store_find_stage_by_code (store, pipeline, "PREPARATION");
  gint64 executing = affari_store_find_stage_by_code (store, pipeline, "EXECUTING");
  gint64 final_invoice = affari_store_find_stage_by_code (store, pipeline, "FINAL_INVOICE");
  gint64 won = affari_store_find_stage_by_code (store, pipeline, "WON");
  gint64 lost = affari_store_find_stage_by_code (store, pipeline, "LOSE");
  gint64 deal = new_deal (store, "Riaperto");

  /* Closed from "Preparazione documenti": reopens there, not in the last in-progress stage. */
  g_assert_true (affari_store_move_deal (store, deal, preparation, 0, NULL, &error));
  g_assert_true (affari_store_move_deal (store, deal, won, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (affari_store_find_reopen_stage (store, deal, &error), ==, preparation);

  /* Reopened, moved on, closed again: the newest in-progress stage wins. */
  g_assert_true (affari_store_move_deal (store, deal, preparation, 0, NULL, &error));
  g_assert_true (affari_store_move_deal (store, deal, executing, 0, NULL, &error));
  g_assert_true (affari_store_move_deal (store, deal, lost, 0, "Prezzo", &error));
  g_assert_no_error (error);
  g_assert_cmpint (affari_store_find_reopen_stage (store, deal, &error), ==, executing);

  /* Without any history (imported from a file that has none): the last in-progress stage. */
  {
    g_autofree char *dir = g_dir_make_tmp ("affari-reopen-XXXXXX", &error);
    g_autofree char *path = g_build_filename (dir, "affari.db", NULL);
    g_autoptr(AffariStore) file_store = NULL;
    sqlite3 *db = NULL;
    gint64 imported;

    g_assert_no_error (error);
    file_store = affari_store_open (path, &error);
    g_assert_no_error (error);
    imported = new_deal (file_store, "Importato");
    g_assert_true (affari_store_move_deal (file_store, imported, won, 0, NULL, &error));
    g_assert_no_error (error);
    affari_store_close (file_store);
    g_clear_object (&file_store);

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM deal_stage_history", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);

    file_store = affari_store_open (path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (affari_store_find_reopen_stage (file_store, imported, &error), ==, final_invoice);
    g_assert_no_error (error);
    affari_store_close (file_store);
    g_clear_object (&file_store);
    for (const char *suffix = ""; suffix != NULL; suffix = *suffix == '\0' ? "-wal" : *suffix == '-' && suffix[1] == 'w' ? "-shm" : NULL)
      {
        g_autofree char *file = g_strconcat (path, suffix, NULL);
        g_unlink (file);
      }
    g_rmdir (dir);
  }
}


/* ------------------------------------------------------------ CSV export */

typedef struct {
  GMainLoop *loop;
  guint n;
  GError *error;
} ExportWait;

static void
on_exported_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ExportWait *wait = user_data;

  wait->n = affari_csv_export_deals_finish (result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static guint
export_async (AffariStore *store, GArray *ids, const char *path, GError **error)
{
  ExportWait wait = { g_main_loop_new (NULL, FALSE), 0, NULL };

  affari_csv_export_deals_async (store, (const gint64 *) (void *) ids->data, ids->len, path, NULL, on_exported_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.n;
}

static guint
count_dir_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* The export has a column per custom field, formatted as the card shows it, with formulas
 * neutralised; it runs off the main thread and gives the same file. */
static void
test_csv_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("affari-test-csv-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "affari.db", NULL);
  g_autofree char *sync_path = g_build_filename (dir, "sync.csv", NULL);
  g_autofree char *async_path = g_build_filename (dir, "async.csv", NULL);
  g_autofree char *sync_text = NULL, *async_text = NULL;
  g_autofree char *budget_text = NULL, *yes_text = NULL, *sector_value = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) fields = NULL;
  const char *sectors[] = { "Industria", "Commercio", NULL };
  AffariStore *store = affari_store_open (db, &error);
  g_autofree char *today = affari_date_today ();
  gint64 sector, note, budget, signed_field, first, second;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  sector = affari_store_create_custom_field (store, AFFARI_FIELD_ENUMERATION, "SETTORE", "Settore", FALSE, TRUE, sectors, &error);
  note = affari_store_create_custom_field (store, AFFARI_FIELD_STRING, "NOTA", "Nota interna", FALSE, FALSE, NULL, &error);
  budget = affari_store_create_custom_field (store, AFFARI_FIELD_MONEY, "BUDGET", "Budget", FALSE, FALSE, NULL, &error);
  signed_field = affari_store_create_custom_field (store, AFFARI_FIELD_BOOLEAN, "FIRMATO", "Firmato", FALSE, FALSE, NULL, &error);
  g_assert_no_error (error);
  fields = affari_store_list_custom_fields (store, &error);
  for (guint i = 0; i < fields->len; i++)
    {
      AffariCustomField *field = g_ptr_array_index (fields, i);
      if (field->id == sector)
        sector_value = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (field->items, AffariFieldItem, 0).id);
      if (field->id == budget)
        budget_text = affari_custom_field_format_value (field, "1234.50|EUR");
      if (field->id == signed_field)
        yes_text = affari_custom_field_format_value (field, "1");
    }

  first = new_deal (store, "Fornitura uffici");
  second = new_deal (store, "-Sconto speciale");
  g_array_append_val (ids, first);
  g_array_append_val (ids, second);
  {
    g_autoptr(AffariDeal) deal = affari_store_get_deal (store, second, &error);

    affari_deal_set_close_date (deal, "2027-03-15");
    g_assert_true (affari_store_update_deal (store, deal, &error));
    g_assert_true (affari_store_move_deal (store, second,
                                           affari_store_find_stage_by_code (store, affari_store_get_default_pipeline_id (store), "WON"),
                                           0, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_true (affari_store_set_deal_field_value (store, first, sector, sector_value, &error));
  g_assert_true (affari_store_set_deal_field_value (store, first, note, "=HYPERLINK(\"http://x\")", &error));
  g_assert_true (affari_store_set_deal_field_value (store, first, budget, "1234.50|EUR", &error));
  g_assert_true (affari_store_set_deal_field_value (store, first, signed_field, "1", &error));
  g_assert_no_error (error);

  g_assert_true (affari_csv_export_deals (store, (const gint64 *) (void *) ids->data, ids->len, sync_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (sync_path, &sync_text, NULL, NULL));
  lines = g_strsplit (sync_text, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);      /* header, two deals, the empty end */
  g_assert_true (g_str_has_suffix (lines[0], ",Settore,Nota interna,Budget,Firmato"));
  {
    g_autofree char *tail = g_strdup_printf (",Industria,\"'=HYPERLINK(\"\"http://x\"\")\",%s,%s", budget_text, yes_text);
    g_autofree char *quoted_tail = g_strdup_printf (",Industria,\"'=HYPERLINK(\"\"http://x\"\")\",\"%s\",%s", budget_text, yes_text);
    /* "€ 1.234,50" has a comma: quoted */
    g_assert_true (g_str_has_suffix (lines[1], strchr (budget_text, ',') ? quoted_tail : tail));
  }
  g_assert_nonnull (strstr (lines[0], ",Chiusura prevista,Chiuso il,"));
  g_assert_nonnull (strstr (lines[2], ",\"'-Sconto speciale\","));
  {
    /* Closed: the expected close date, then the day it was closed. */
    g_autofree char *closed_cells = g_strdup_printf (",2027-03-15,%s,", today);

    g_assert_nonnull (strstr (lines[2], closed_cells));
  }
  g_assert_true (g_str_has_suffix (lines[2], ",,,,"));    /* no values: empty cells, not a shifted row */

  /* off the main thread, through the worker's own connection: the same file */
  g_assert_cmpuint (export_async (store, ids, async_path, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (async_path, &async_text, NULL, NULL));
  g_assert_cmpstr (async_text, ==, sync_text);
  g_assert_cmpuint (count_dir_entries (dir), >=, 3);

  g_assert_finalize_object (store);
  remove_dir (dir);
}

/* A disk that fills up: an error, the old file untouched, no half-written file left. */
static void
test_csv_export_disk_full (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("affari-test-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "affari.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  AffariStore *store = open_memory ();
  struct rlimit old_limit, limit;
  void (*old_handler) (int);

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *title = g_strdup_printf ("Affare di prova numero %u con un titolo lungo", i);
      gint64 id = new_deal (store, title);
      g_array_append_val (ids, id);
    }
  g_assert_true (g_file_set_contents (path, "vecchio", -1, NULL));

  /* The process may write files of 4 KiB at most: a write past it fails as on a full disk. */
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  limit = old_limit;
  limit.rlim_cur = 4096;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  g_assert_cmpuint (export_async (store, ids, path, &error), ==, 0);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  signal (SIGXFSZ, old_handler);

  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_FULL);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "vecchio");
  g_assert_cmpuint (count_dir_entries (dir), ==, 1);

  /* and with room again it works */
  g_clear_error (&error);
  g_assert_true (affari_csv_export_deals (store, (const gint64 *) (void *) ids->data, ids->len, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_dir_entries (dir), ==, 1);

  g_assert_finalize_object (store);
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/custom-fields/define", test_define_fields);
  g_test_add_func ("/custom-fields/values-per-kind", test_values_per_kind);
  g_test_add_func ("/custom-fields/enumeration-and-mandatory", test_enumeration_and_mandatory);
  g_test_add_func ("/deal-card-store/reopen-stage", test_reopen_stage);
  g_test_add_func ("/custom-fields/csv-export", test_csv_export);
  g_test_add_func ("/custom-fields/csv-export-disk-full", test_csv_export_disk_full);

  return g_test_run ();
}
