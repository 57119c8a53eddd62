/* test-safety.c — the window when the database is not well: held by another program (the window
 * never waits for it and offers to retry), damaged (a banner, nothing more written), and long
 * text that must not break the layout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "io/affari-demo.h"
#include "ui/board/affari-kanban-board.h"
#include "ui/board/affari-kanban-column.h"
#include "ui/deal/affari-deal-card.h"

#include "affari-test-harness.h"
#include "store/affari-store.h"

typedef struct {
  AffariTestApp base;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  affari_test_app_setup (&f->base, "safety");
  affari_test_app_fill_demo (&f->base, 40, 5);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  affari_test_app_teardown (&f->base);
}

static gboolean
match_button_label (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gint64
stage_of (AffariStore *store, gint64 deal_id)
{
  g_autoptr(AffariDeal) deal = affari_store_get_deal (store, deal_id, NULL);

  return deal != NULL ? affari_deal_get_stage_id (deal) : 0;
}

/* Another program holds the database: a move fails at once (the window goes on painting), the
 * card stays, a toast says why and offers "Riprova", which moves it once the lock is gone. */
static void
locked_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariKanbanBoard *board;
  AffariKanbanColumn *first, *second;
  GtkWidget *retry;
  sqlite3 *other = NULL;
  gint64 deal, target, start, elapsed;

  WAIT_UNTIL ((board = AFFARI_KANBAN_BOARD (affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_KANBAN_BOARD))) != NULL &&
              affari_kanban_board_get_n_columns (board) >= 2);
  first = affari_kanban_board_get_column (board, 0);
  second = affari_kanban_board_get_column (board, 1);
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (affari_kanban_column_get_deals (first))) > 0);
  deal = affari_deal_list_get_id_at (affari_kanban_column_get_deals (first), 0);
  target = affari_kanban_column_get_stage_id (second);

  /* Another program takes the write lock and keeps it. */
  g_assert_cmpint (sqlite3_open (f->base.db_path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  {
    gint64 ids[] = { deal };
    g_autoptr(GVariant) list = g_variant_ref_sink (g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids, 1, sizeof (gint64)));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "deal.move", "(@axxi)", list, target, 0));
  }
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("the refused move took %.1f ms", elapsed / 1000.0);
  /* Well under the 3 s the window used to freeze for. */
  g_assert_cmpint (elapsed, <, 500000);
  g_assert_cmpint (stage_of (store, deal), !=, target);
  WAIT_UNTIL ((retry = affari_test_find_widget (GTK_WIDGET (window), match_button_label, _("_Retry"))) != NULL);
  g_assert_cmpint (affari_deal_list_find (affari_kanban_column_get_deals (first), deal), !=, G_MAXUINT);

  /* The other program lets go; "Riprova" makes the move. */
  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  gtk_widget_activate (retry);
  WAIT_UNTIL (stage_of (store, deal) == target);
  WAIT_UNTIL (affari_deal_list_find (affari_kanban_column_get_deals (second), deal) != G_MAXUINT);
}

static void
test_locked (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, locked_body);
}

/* ------------------------------------------------------------ a damaged file */

/* A page of garbage in the middle of the file, as a failing disk leaves it. */
static void
damage_file (const char *path)
{
  g_autofree char *bytes = NULL;
  gsize length;
  gsize page = 4096, at;

  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  at = (length / page / 2) * page;
  for (gsize i = 0; i < page; i++)
    bytes[at + i] = (char) (0x5a ^ (i * 37));
  g_assert_true (g_file_set_contents (path, bytes, (gssize) length, NULL));
}

static void
fixture_set_up_damaged (Fixture *f, gconstpointer data)
{
  affari_test_app_setup (&f->base, "safety-damaged");
  affari_test_app_fill_demo (&f->base, 300, 5);
  damage_file (f->base.db_path);
}

static gsize
wal_size (const char *db_path)
{
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 ? (gsize) st.st_size : 0;
}

/* The start-up check finds the damage on its own: a banner says so and offers a backup or
 * reading only; no change is written any more (the journal stays empty), and the move says why. */
static void
damaged_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  GtkWidget *bar, *read_only;
  AffariKanbanBoard *board;
  AffariKanbanColumn *first, *second;

  WAIT_UNTIL ((bar = affari_test_find_type (GTK_WIDGET (window), GTK_TYPE_INFO_BAR)) != NULL &&
              gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (window), _("The database is damaged: changes are no longer saved.")));
  g_assert_true (affari_workspace_is_damaged (affari_window_get_workspace (window)));
  /* The start-up's daily backup is not taken of a damaged file (it would push a good one out). */
  {
    g_autofree char *backups = g_build_filename (f->base.dir, "backups", NULL);
    g_autoptr(GDir) dir = g_dir_open (backups, 0, NULL);

    g_assert_true (dir == NULL || g_dir_read_name (dir) == NULL);
  }

  board = AFFARI_KANBAN_BOARD (affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_KANBAN_BOARD));
  if (board != NULL && affari_kanban_board_get_n_columns (board) >= 2 &&
      g_list_model_get_n_items (G_LIST_MODEL (affari_kanban_column_get_deals (affari_kanban_board_get_column (board, 0)))) > 0)
    {
      gint64 ids[1];
      g_autoptr(GVariant) list = NULL;

      first = affari_kanban_board_get_column (board, 0);
      second = affari_kanban_board_get_column (board, 1);
      ids[0] = affari_deal_list_get_id_at (affari_kanban_column_get_deals (first), 0);
      list = g_variant_ref_sink (g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids, 1, sizeof (gint64)));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "deal.move", "(@axxi)", list,
                                                 affari_kanban_column_get_stage_id (second), 0));
      WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (window),
                                               _("The database is damaged: nothing more is saved until a backup is restored.")));
    }
  g_assert_cmpuint (wal_size (f->base.db_path), ==, 0);

  /* "Apri in sola lettura": the banner stays, saying so. */
  read_only = affari_test_find_widget (GTK_WIDGET (window), match_button_label, _("Open Read-Only"));
  g_assert_nonnull (read_only);
  gtk_widget_activate (read_only);
  WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (window), _("The database is damaged: it is open read-only, nothing is saved.")));
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
}

static void
test_damaged (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, damaged_body);
}

/* ------------------------------------------------------------ backups */

static GtkWindow *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)), heading) == 0)
        return w;
    }
  return NULL;
}

/* "Esporta backup…" writes a copy that passes the check; after more changes, restoring it brings
 * the deals back as they were, in a new window, and the database as it was is kept. */
static void
backup_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  g_autofree char *dest = g_build_filename (f->base.dir, "copia.db", NULL);
  g_autofree char *backups = g_build_filename (f->base.dir, "backups", NULL);
  g_autoptr(AffariStore) copy = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  AffariWindow *restored = NULL;
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  guint before = affari_store_count_deals (store, NULL, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-backup-to", "s", dest));
  WAIT_UNTIL (g_file_test (dest, G_FILE_TEST_EXISTS) && find_dialog (_("Writing the Backup…")) == NULL);
  copy = affari_store_open_read_only (dest, &error);
  g_assert_no_error (error);
  g_assert_true (affari_store_check (copy, &problems, &error));
  g_assert_cmpuint (affari_store_count_deals (copy, NULL, NULL), ==, before);
  affari_store_close (copy);

  /* More deals after the backup. */
  g_assert_true (affari_demo_generate (store, 15, 8, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (affari_store_count_deals (store, NULL, NULL), ==, before + 15);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup-from", "s", dest));
  WAIT_UNTIL ((dialog = find_dialog (_("Restore the Backup?"))) != NULL);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  /* The window on the old file closes; a new one shows the restored deals. */
  WAIT_UNTIL (window == NULL &&
              (restored = AFFARI_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->base.app)))) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (restored)));
  store = affari_workspace_get_store (affari_window_get_workspace (restored));
  g_assert_cmpuint (affari_store_count_deals (store, NULL, NULL), ==, before);
  WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (restored),
                                           _("Backup restored: the database as it was is kept among the backups")));
  g_assert_true (g_file_test (backups, G_FILE_TEST_IS_DIR));
}

static void
test_backup (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, backup_body);
}

/* ------------------------------------------------------------ long text */

static gboolean
match_row_title (GtkWidget *widget, gconstpointer data)
{
  return ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static GtkEditable *
text_of (GtkWidget *row)
{
  GtkEditable *text = GTK_EDITABLE (row);

  while (text != NULL && !GTK_IS_TEXT (text))
    text = gtk_editable_get_delegate (text);
  return text;
}

/* A 100,000-character title pasted into a new deal is cut at the store's 255 with a message; the
 * deal is created with it and the window keeps its size (it used to collapse to 18 px). */
static void
long_title_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  g_autofree char *huge = g_strnfill (100000, 'x');
  g_autofree char *message = NULL;
  g_autoptr(AffariDeal) deal = NULL;
  GtkWidget *card, *title, *amount;
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));
  int position = 0;
  gint64 id;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-deal", NULL));
  WAIT_UNTIL ((card = affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_DEAL_CARD)) != NULL &&
              (title = affari_test_find_widget (card, match_row_title, _("Title"))) != NULL);
  /* A paste arrives as one insertion. */
  gtk_editable_insert_text (text_of (title), huge, -1, &position);
  g_assert_cmpint (g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (title)), -1), ==, 255);
  message = g_strdup_printf (_("%s can have at most %d characters: the rest was cut."), _("The title"), 255);
  WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (window), message));
  amount = affari_test_find_widget (card, match_row_title, _("Amount"));
  g_assert_nonnull (amount);
  gtk_editable_set_text (GTK_EDITABLE (amount), "1.250");
  g_assert_true (gtk_widget_activate_action (card, "card.create", NULL));
  affari_test_wait_for_frame (GTK_WIDGET (window));
  affari_test_wait_for_frame (GTK_WIDGET (window));

  id = affari_deal_card_get_deal_id (AFFARI_DEAL_CARD (card));
  g_assert_cmpint (id, >, 0);
  deal = affari_store_get_deal (store, id, NULL);
  g_assert_cmpint (g_utf8_strlen (affari_deal_get_title (deal), -1), ==, 255);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), ==, height);
}

static void
test_long_title (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, long_title_body);
}

/* ------------------------------------------------------------ --database naming no file */

static void
fixture_set_up_empty (Fixture *f, gconstpointer data)
{
  affari_test_app_setup (&f->base, "safety-new");
  f->base.no_database = TRUE;
}

/* `affari --database PATH` where there is no file asks before making one (a typo must not become
 * an empty database); "Crea" makes it and opens the window on it. */
static void
ask_create_body (Fixture *f)
{
  GtkWindow *dialog;

  WAIT_UNTIL ((dialog = find_dialog (_("Create a New Database?"))) != NULL);
  g_assert_false (g_file_test (f->base.db_path, G_FILE_TEST_EXISTS));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "create");
  WAIT_UNTIL (gtk_application_get_active_window (GTK_APPLICATION (f->base.app)) != NULL &&
              AFFARI_IS_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->base.app))));
  g_assert_true (g_file_test (f->base.db_path, G_FILE_TEST_IS_REGULAR));
}

static void
test_ask_create (Fixture *f, gconstpointer data)
{
  AFFARI_TEST_RUN (f, ask_create_body);
}

int
main (int argc, char **argv)
{
  affari_test_init (&argc, &argv);

  g_test_add ("/ui/safety/locked-database", Fixture, NULL, fixture_set_up, test_locked, fixture_tear_down);
  g_test_add ("/ui/safety/damaged-database", Fixture, NULL, fixture_set_up_damaged, test_damaged, fixture_tear_down);
  g_test_add ("/ui/safety/backup-and-restore", Fixture, NULL, fixture_set_up, test_backup, fixture_tear_down);
  g_test_add ("/ui/safety/long-title", Fixture, NULL, fixture_set_up, test_long_title, fixture_tear_down);
  g_test_add ("/ui/safety/ask-before-creating", Fixture, NULL, fixture_set_up_empty, test_ask_create, fixture_tear_down);

  return g_test_run ();
}
