/* affari-import-dialog.c — the import dialog: preview, progress, summary
 *
 * Every count the dialog shows is a report of the import itself: the preview is a dry run of
 * the same import (off the main thread, again when the mapping changes), never a guess of its
 * own. The file is read once, in a thread; the table is shared with the worker threads through
 * a reference-counted holder, so closing the dialog while a dry run reads it is safe. The real
 * import is one transaction and one step of the window's undo history (io/affari-import-task.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-import"

#include "config.h"

#include <glib/gi18n.h>

#include "io/affari-import-b24.h"
#include "io/affari-import-b24csv.h"
#include "io/affari-import-csv.h"
#include "io/affari-import-json.h"
#include "io/affari-import-task.h"
#include "ui/import/affari-import-dialog.h"

/* Rows of the file shown in the preview. */
#define PREVIEW_ROWS 20
/* Sentences of refused rows and notes listed; the rest is counted. */
#define MAX_MESSAGES 100
/* Quiet time after a change of the mapping before the preview is counted again. */
#define RECOUNT_DELAY_MS 250

typedef enum {
  SOURCE_CSV,          /* any CSV: the person maps its columns */
  SOURCE_B24CSV,       /* Bitrix24's deal list export: its columns are known */
  SOURCE_B24_FOLDER,   /* a folder of Bitrix24 REST JSON dumps */
  SOURCE_AFFARI_JSON,  /* Affari's own export (affari-cli export --json), for an empty database */
} SourceKind;

/* Sources without a table to preview or columns to map. */
#define SOURCE_IS_WHOLE(kind) ((kind) == SOURCE_B24_FOLDER || (kind) == SOURCE_AFFARI_JSON)

/* What is imported. Shared with worker threads (g_atomic_rc_box): the table is only read. */
typedef struct {
  SourceKind      kind;
  char           *path;
  AffariCsvTable *table;   /* NULL for a folder */
} ImportSource;

/* One run (dry or real) of the import, owned by the task. */
typedef struct {
  ImportSource     *source;
  AffariCsvMapping *mapping;   /* a copy: the person may change the dialog's meanwhile */
} ImportRun;

struct _AffariImportDialog
{
  AdwWindow            parent_instance;

  AffariWorkspace     *workspace;
  AffariDealOps       *ops;
  char                *path;
  ImportSource        *source;
  AffariCsvMapping    *mapping;        /* NULL but for any CSV */
  GArray              *pipeline_ids;   /* gint64 per item of pipeline_row */
  AffariImportReport  *report;         /* the latest dry run, then the import's */
  GCancellable        *read_cancellable;
  GCancellable        *preview_cancellable;
  GCancellable        *import_cancellable;
  guint                recount_source;
  gboolean             filling;        /* rows being set up: their changes are not the person's */
  gboolean             importing;
  gulong               done_handler;
  gulong               can_undo_handler;

  /* template */
  AdwToastOverlay     *toasts;
  AdwWindowTitle      *window_title;
  GtkButton           *import_button;
  GtkStack            *stack;
  AdwStatusPage       *error_page;
  AdwPreferencesGroup *file_group;
  GtkWidget           *table_frame;
  GtkColumnView       *table_view;
  AdwPreferencesGroup *mapping_group;
  AdwPreferencesGroup *options_group;
  AdwPreferencesGroup *outcome_group;
  AdwComboRow         *number_row;
  AdwComboRow         *pipeline_row;
  GtkLabel            *outcome_label;
  GtkListBox          *outcome_list;
  GtkProgressBar      *progress_bar;
  AdwStatusPage       *summary_page;
  GtkListBox          *summary_list;
  GtkButton           *undo_button;
};

G_DEFINE_FINAL_TYPE (AffariImportDialog, affari_import_dialog, ADW_TYPE_WINDOW)

static void schedule_recount (AffariImportDialog *self, guint delay_ms);

/* ------------------------------------------------------------ the source and its runs */

static gboolean
has_json_suffix (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".json");
}

static void
import_source_clear (gpointer data)
{
  ImportSource *source = data;

  g_free (source->path);
  g_clear_pointer (&source->table, affari_csv_table_free);
}

static void
import_source_unref (ImportSource *source)
{
  g_atomic_rc_box_release_full (source, import_source_clear);
}

static AffariCsvMapping *
mapping_copy (const AffariCsvMapping *mapping)
{
  AffariCsvMapping *copy = g_new0 (AffariCsvMapping, 1);

  *copy = *mapping;
  copy->fields = g_memdup2 (mapping->fields, sizeof (AffariCsvField) * mapping->n_columns);
  return copy;
}

static void
import_run_free (gpointer data)
{
  ImportRun *run = data;

  g_clear_pointer (&run->source, import_source_unref);
  g_clear_pointer (&run->mapping, affari_csv_mapping_free);
  g_free (run);
}

/* In the worker thread, with its store and ops. */
static AffariImportReport *
import_run (AffariStore          *store,
            AffariDealOps        *ops,
            gpointer              data,
            gboolean              dry_run,
            GCancellable         *cancellable,
            AffariImportProgress  progress,
            gpointer              progress_data,
            GError              **error)
{
  ImportRun *run = data;

  switch (run->source->kind)
    {
    case SOURCE_CSV:
      return affari_import_csv (store, ops, run->source->table, run->mapping, dry_run, cancellable,
                                progress, progress_data, error);
    case SOURCE_B24CSV:
      return affari_import_b24csv (store, ops, run->source->path, dry_run, cancellable, progress,
                                   progress_data, error);
    case SOURCE_AFFARI_JSON:
      return affari_import_json (store, ops, run->source->path, dry_run, cancellable, progress, progress_data,
                                 error);
    case SOURCE_B24_FOLDER:
    default:
      return affari_import_b24 (store, ops, run->source->path, dry_run, cancellable, progress,
                                progress_data, error);
    }
}

static ImportRun *
import_run_new (AffariImportDialog *self)
{
  ImportRun *run = g_new0 (ImportRun, 1);

  run->source = g_atomic_rc_box_acquire (self->source);
  if (self->mapping != NULL)
    run->mapping = mapping_copy (self->mapping);
  return run;
}

/* ------------------------------------------------------------ sentences */

/* "120 affari, 8 aziende nuove (3 già presenti), 1 fase nuova": what @report made or would make,
 * in the order a person reads an import (deals first). */
static char *
counts_sentence (const AffariImportReport *report)
{
  static const AffariImportKind order[] = {
    AFFARI_IMPORTED_DEAL, AFFARI_IMPORTED_COMPANY, AFFARI_IMPORTED_CONTACT, AFFARI_IMPORTED_PIPELINE,
    AFFARI_IMPORTED_STAGE, AFFARI_IMPORTED_PRODUCT_ROW, AFFARI_IMPORTED_COMMENT, AFFARI_IMPORTED_ACTIVITY,
  };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      AffariImportKind kind = order[i];
      guint created = report->created[kind], existing = report->existing[kind];

      if (created == 0 && existing == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      switch (kind)
        {
        case AFFARI_IMPORTED_DEAL:
          g_string_append_printf (text, ngettext ("%'u deal", "%'u deals", created), created);
          break;
        case AFFARI_IMPORTED_COMPANY:
          g_string_append_printf (text, ngettext ("%'u new company", "%'u new companies", created), created);
          break;
        case AFFARI_IMPORTED_CONTACT:
          g_string_append_printf (text, ngettext ("%'u new contact", "%'u new contacts", created), created);
          break;
        case AFFARI_IMPORTED_PIPELINE:
          g_string_append_printf (text, ngettext ("%'u new pipeline", "%'u new pipelines", created), created);
          break;
        case AFFARI_IMPORTED_STAGE:
          g_string_append_printf (text, ngettext ("%'u new stage", "%'u new stages", created), created);
          break;
        case AFFARI_IMPORTED_PRODUCT_ROW:
          g_string_append_printf (text, ngettext ("%'u product row", "%'u product rows", created), created);
          break;
        case AFFARI_IMPORTED_COMMENT:
          g_string_append_printf (text, ngettext ("%'u comment", "%'u comments", created), created);
          break;
        case AFFARI_IMPORTED_ACTIVITY:
        case AFFARI_IMPORTED_N_KINDS:
        default:
          g_string_append_printf (text, ngettext ("%'u activity", "%'u activities", created), created);
          break;
        }
      if (existing > 0)
        /* Translators: after a count of new companies, contacts…: those found in the database. */
        g_string_append_printf (text, ngettext (" (%'u already there)", " (%'u already there)", existing), existing);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static guint
n_created (const AffariImportReport *report)
{
  guint n = 0;

  for (guint kind = 0; kind < AFFARI_IMPORTED_N_KINDS; kind++)
    n += report->created[kind];
  return n;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
add_message_row (GtkListBox *list, const char *text, const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_append (list, row);
}

/* The refused rows ("Riga 12: …") then the notes (a stage made on the way) of @report, the first
 * MAX_MESSAGES of them; hidden when there is none. */
static gboolean
fill_messages (GtkListBox *list, const AffariImportReport *report)
{
  guint shown = 0, total = 0;

  clear_list (list);
  if (report != NULL)
    {
      total = report->refused->len + report->notes->len;
      for (guint i = 0; i < report->refused->len && shown < MAX_MESSAGES; i++, shown++)
        add_message_row (list, g_ptr_array_index (report->refused, i), "dialog-warning-symbolic");
      for (guint i = 0; i < report->notes->len && shown < MAX_MESSAGES; i++, shown++)
        add_message_row (list, g_ptr_array_index (report->notes, i), "dialog-information-symbolic");
    }
  if (total > shown)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("…and %'u more", "…and %'u more", total - shown),
                                               total - shown);

      add_message_row (list, more, "view-more-symbolic");
    }
  gtk_widget_set_visible (GTK_WIDGET (list), total > 0);
  return total > 0;
}

/* ------------------------------------------------------------ the preview */

static gboolean
can_import (AffariImportDialog *self)
{
  return !self->importing && self->report != NULL && self->report->dry_run && n_created (self->report) > 0;
}

static void
update_import_button (AffariImportDialog *self)
{
  gboolean on_preview = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "preview") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->import_button), on_preview);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start", on_preview && can_import (self));
}

static void
show_page (AffariImportDialog *self, const char *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", g_str_equal (name, "progress"));
  /* An import is not left half-seen: it ends (or is cancelled) before the dialog closes. */
  gtk_window_set_deletable (GTK_WINDOW (self), !g_str_equal (name, "progress"));
  update_import_button (self);
}

static void
show_error (AffariImportDialog *self, const char *title, const char *message)
{
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, message);
  show_page (self, "error");
}

static void
on_preview_ready_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(AffariImportDialog) self = data;
  g_autoptr(AffariImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *counts = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  report = affari_import_task_run_finish (result, &error);
  /* A newer count is on its way, the import started, or the dialog was closed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->importing || self->stack == NULL)
    return;

  g_clear_pointer (&self->report, affari_import_report_free);
  if (report == NULL)
    {
      gtk_label_set_text (self->outcome_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->outcome_group), fill_messages (self->outcome_list, NULL));
      update_import_button (self);
      return;
    }

  counts = counts_sentence (report);
  if (n_created (report) > 0)
    /* Translators: %s lists the counts ("120 affari, 8 aziende nuove (3 già presenti)"). */
    g_string_append_printf (text, _("Will create %s."), counts);
  else if (counts[0] != '\0')
    /* Translators: %s lists what the file holds that is already in the database. */
    g_string_append_printf (text, _("Nothing new to import: %s."), counts);
  else
    g_string_append (text, _("Nothing to import: no row is valid."));
  if (report->refused->len > 0)
    {
      g_string_append_c (text, ' ');
      /* A folder's refused items are deals, companies, comments… of several files, not rows. */
      if (SOURCE_IS_WHOLE (self->source->kind))
        g_string_append_printf (text, ngettext ("%'u item has errors and will not be imported.",
                                                "%'u items have errors and will not be imported.",
                                                report->refused->len),
                                report->refused->len);
      else
        g_string_append_printf (text, ngettext ("%'u row has errors and will not be imported.",
                                                "%'u rows have errors and will not be imported.",
                                                report->refused->len),
                                report->refused->len);
    }
  gtk_label_set_text (self->outcome_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_group), fill_messages (self->outcome_list, report));
  self->report = g_steal_pointer (&report);
  show_page (self, "preview");
}

static void
recount (AffariImportDialog *self)
{
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();
  g_clear_pointer (&self->report, affari_import_report_free);
  gtk_label_set_text (self->outcome_label, _("Counting…"));
  update_import_button (self);

  affari_import_task_run_async (self->ops, import_run, import_run_new (self), import_run_free, TRUE,
                                self->preview_cancellable, NULL, NULL, on_preview_ready_cb,
                                g_object_ref (self));
}

static gboolean
on_recount_timeout_cb (gpointer data)
{
  AffariImportDialog *self = data;

  self->recount_source = 0;
  recount (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_recount (AffariImportDialog *self, guint delay_ms)
{
  g_clear_handle_id (&self->recount_source, g_source_remove);
  /* Nothing counted is ever shown as the new mapping's: the button waits for the new count. */
  g_clear_pointer (&self->report, affari_import_report_free);
  gtk_label_set_text (self->outcome_label, _("Counting…"));
  update_import_button (self);
  self->recount_source = g_timeout_add (delay_ms, on_recount_timeout_cb, self);
}

static void
on_field_selected_cb (AdwComboRow *row, GParamSpec *pspec, AffariImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));
  guint field = adw_combo_row_get_selected (row);

  if (self->filling || field >= AFFARI_CSV_N_FIELDS || column >= self->mapping->n_columns)
    return;
  self->mapping->fields[column] = field;
  schedule_recount (self, RECOUNT_DELAY_MS);
}

static void
on_option_selected_cb (AdwComboRow *row, GParamSpec *pspec, AffariImportDialog *self)
{
  guint pipeline = adw_combo_row_get_selected (self->pipeline_row);

  if (self->filling || self->mapping == NULL)
    return;
  self->mapping->decimal_comma = adw_combo_row_get_selected (self->number_row) == 0;
  self->mapping->pipeline_id = pipeline < self->pipeline_ids->len ? g_array_index (self->pipeline_ids, gint64, pipeline) : 0;
  schedule_recount (self, RECOUNT_DELAY_MS);
}

/* The first rows of the file, one column per header, as the file has them. */
static void
on_cell_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* Wide enough to read a title; the table scrolls sideways for the rest. */
  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, AffariImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  guint row = gtk_list_item_get_position (item);
  const char *cell = affari_csv_table_get_cell (self->source->table, row, column);
  g_auto(GStrv) lines = g_strsplit (cell, "\n", 2);

  /* A comment on several lines shows its first one; the tooltip has all of it. */
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), lines[0] != NULL ? lines[0] : "");
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), cell[0] != '\0' ? cell : NULL);
}

static void
fill_table (AffariImportDialog *self)
{
  const AffariCsvTable *table = self->source->table;
  guint n_rows = MIN (affari_csv_table_get_n_rows (table), PREVIEW_ROWS);
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);

  for (guint row = 0; row < n_rows; row++)
    {
      g_autofree char *line = g_strdup_printf ("%u", affari_csv_table_get_line (table, row));

      gtk_string_list_append (rows, line);
    }
  for (guint column = 0; column < affari_csv_table_get_n_columns (table); column++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) view_column = NULL;

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (column));
      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), self);
      view_column = gtk_column_view_column_new (affari_csv_table_get_header (table, column), factory);
      gtk_column_view_column_set_resizable (view_column, TRUE);
      gtk_column_view_append_column (self->table_view, view_column);
    }
  gtk_column_view_set_model (self->table_view, GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&rows)))));
}

static void
fill_mapping (AffariImportDialog *self)
{
  const AffariCsvTable *table = self->source->table;
  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) pipelines = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  guint selected = 0;

  for (guint field = 0; field < AFFARI_CSV_N_FIELDS; field++)
    gtk_string_list_append (fields, affari_csv_field_label (field));
  for (guint column = 0; column < self->mapping->n_columns; column++)
    {
      GtkWidget *row = adw_combo_row_new ();
      /* Translators: a row of the import's mapping; %s is the column's header in the file. */
      g_autofree char *title = g_strdup_printf (_("Column «%s»"), affari_csv_table_get_header (table, column));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (fields));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), self->mapping->fields[column]);
      g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (column));
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_field_selected_cb), self);
      adw_preferences_group_add (self->mapping_group, row);
    }

  adw_combo_row_set_selected (self->number_row, self->mapping->decimal_comma ? 0 : 1);
  list = affari_workspace_list_pipelines (self->workspace, &error);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      AffariPipeline *pipeline = g_ptr_array_index (list, i);
      gint64 id = affari_pipeline_get_id (pipeline);

      gtk_string_list_append (pipelines, affari_pipeline_get_name (pipeline));
      g_array_append_val (self->pipeline_ids, id);
      if (id == self->mapping->pipeline_id ||
          (self->mapping->pipeline_id == 0 && affari_pipeline_get_is_default (pipeline)))
        selected = i;
    }
  adw_combo_row_set_model (self->pipeline_row, G_LIST_MODEL (pipelines));
  adw_combo_row_set_selected (self->pipeline_row, selected);
}

/* What the file is, as detected: "UTF-8 · separatore ;". */
static void
fill_detected (AffariImportDialog *self)
{
  g_autofree char *name = g_path_get_basename (self->path);
  g_autofree char *detected = NULL;

  adw_window_title_set_subtitle (self->window_title, name);
  adw_preferences_group_set_title (self->file_group, name);
  if (SOURCE_IS_WHOLE (self->source->kind))
    {
      adw_preferences_group_set_description (self->file_group,
                                             self->source->kind == SOURCE_AFFARI_JSON
                                             ? _("An export of Affari (JSON): everything it holds goes into this database, which must have no deals yet")
                                             : _("A folder of Bitrix24 JSON files"));
      return;
    }
  {
    char separator = affari_csv_table_get_separator (self->source->table);
    const char *shown = separator == '\t' ? C_("separator", "tab") : separator == ';' ? ";" : ",";

    /* Translators: what the import detected; the first %s is the encoding ("UTF-8"), the second
     * the separator of the cells (";", ",", or "tab"). */
    detected = g_strdup_printf (_("%s · separator %s"), affari_csv_table_get_encoding (self->source->table), shown);
  }
  if (self->source->kind == SOURCE_B24CSV)
    {
      g_autofree char *b24 = g_strdup_printf ("%s · %s", detected, _("Bitrix24 deal export"));

      adw_preferences_group_set_description (self->file_group, b24);
    }
  else
    adw_preferences_group_set_description (self->file_group, detected);
}

static void
on_table_read_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(AffariImportDialog) self = data;
  g_autoptr(GError) error = NULL;
  AffariCsvTable *table = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->stack == NULL)
    return;
  if (table == NULL)
    {
      show_error (self, _("The File Cannot Be Read"), error->message);
      return;
    }

  self->source->table = table;
  self->source->kind = affari_csv_table_is_bitrix24 (table) ? SOURCE_B24CSV : SOURCE_CSV;
  fill_detected (self);
  fill_table (self);
  if (self->source->kind == SOURCE_CSV)
    {
      self->mapping = affari_csv_mapping_guess (affari_workspace_get_store (self->workspace), table);
      self->filling = TRUE;
      fill_mapping (self);
      self->filling = FALSE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_group), self->source->kind == SOURCE_CSV);
  gtk_widget_set_visible (GTK_WIDGET (self->options_group), self->source->kind == SOURCE_CSV);
  show_page (self, "preview");
  recount (self);
}

static void
read_table_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GError *error = NULL;
  AffariCsvTable *table = affari_csv_table_read (data, &error);

  if (table == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, table, (GDestroyNotify) affari_csv_table_free);
}

/* ------------------------------------------------------------ the import */

static void
on_ops_done_cb (AffariDealOps *ops, AffariChangeSet *set, AffariDealOpsStep step, AffariImportDialog *self)
{
  /* While importing, the step is the import's own; after it, anything done, undone or redone
   * means "Annulla" would no longer undo the import. */
  if (!self->importing)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.undo", FALSE);
}

static void
on_can_undo_notify_cb (AffariDealOps *ops, GParamSpec *pspec, AffariImportDialog *self)
{
  if (!self->importing && !affari_deal_ops_can_undo (ops))
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.undo", FALSE);
}

static void
on_import_progress (guint done, guint total, gpointer data)
{
  AffariImportDialog *self = data;
  g_autofree char *text = NULL;

  if (self->progress_bar == NULL)
    return;
  if (SOURCE_IS_WHOLE (self->source->kind))
    /* Translators: the progress of a Bitrix24 folder's import (deals, companies, comments…). */
    text = g_strdup_printf (ngettext ("%'u of %'u item", "%'u of %'u items", total), done, total);
  else
    /* Translators: the import's progress, "1.234 di 5.000 righe". */
    text = g_strdup_printf (ngettext ("%'u of %'u row", "%'u of %'u rows", total), done, total);

  gtk_progress_bar_set_text (self->progress_bar, text);
  if (total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, (double) MIN (done, total) / (double) total);
}

static void
on_import_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(AffariImportDialog) self = data;
  g_autoptr(AffariImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *description = NULL;

  report = affari_import_task_run_finish (result, &error);
  self->importing = FALSE;
  if (self->stack == NULL)
    return;   /* the application quit meanwhile */
  g_clear_object (&self->import_cancellable);
  if (report == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      show_page (self, "preview");
      schedule_recount (self, 0);
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Import cancelled: nothing was changed")));
      return;
    }
  if (report == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s %s", error->message, _("Nothing was changed."));

      show_error (self, _("The Import Failed"), message);
      return;
    }

  if (self->mapping != NULL)
    {
      g_autoptr(GError) remember_error = NULL;

      /* Next time a file with the same header comes, the person's choice is the guess. */
      if (!affari_csv_mapping_remember (affari_workspace_get_store (self->workspace), self->source->table,
                                        self->mapping, &remember_error))
        g_warning ("The import's mapping was not remembered: %s", remember_error->message);
    }

  counts = counts_sentence (report);
  /* Translators: %s lists the counts ("120 affari, 8 aziende nuove (3 già presenti)"). */
  description = counts[0] != '\0' ? g_strdup_printf (_("Created %s."), counts) : g_strdup (_("Nothing was created."));
  adw_status_page_set_description (self->summary_page, description);
  fill_messages (self->summary_list, report);
  g_clear_pointer (&self->report, affari_import_report_free);
  self->report = g_steal_pointer (&report);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.undo",
                                 n_created (self->report) > 0 && affari_deal_ops_can_undo (self->ops));
  show_page (self, "summary");
}

static void
start_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariImportDialog *self = AFFARI_IMPORT_DIALOG (widget);

  if (!can_import (self))
    return;
  g_clear_handle_id (&self->recount_source, g_source_remove);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  self->importing = TRUE;
  self->import_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, "");
  show_page (self, "progress");
  affari_import_task_run_async (self->ops, import_run, import_run_new (self), import_run_free, FALSE,
                                self->import_cancellable, on_import_progress, self, on_import_done_cb,
                                g_object_ref (self));
}

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariImportDialog *self = AFFARI_IMPORT_DIALOG (widget);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static void
undo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  /* The import is the last step of the window's history: its undo is the window's, with the
   * window's toast. */
  gtk_widget_action_set_enabled (widget, "import.undo", FALSE);
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.undo", NULL);
  gtk_window_close (GTK_WINDOW (widget));
}

static void
close_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* ------------------------------------------------------------ overrides */

/* Closing during the import is its Annulla: the dialog stays to say that nothing was changed. */
static gboolean
affari_import_dialog_close_request (GtkWindow *window)
{
  AffariImportDialog *self = AFFARI_IMPORT_DIALOG (window);

  if (self->importing)
    {
      g_cancellable_cancel (self->import_cancellable);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (affari_import_dialog_parent_class)->close_request (window);
}

static void
affari_import_dialog_dispose (GObject *object)
{
  AffariImportDialog *self = AFFARI_IMPORT_DIALOG (object);

  g_clear_handle_id (&self->recount_source, g_source_remove);
  if (self->read_cancellable != NULL)
    g_cancellable_cancel (self->read_cancellable);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  if (self->ops != NULL)
    {
      g_clear_signal_handler (&self->done_handler, self->ops);
      g_clear_signal_handler (&self->can_undo_handler, self->ops);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->read_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->ops);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (affari_import_dialog_parent_class)->dispose (object);
}

static void
affari_import_dialog_finalize (GObject *object)
{
  AffariImportDialog *self = AFFARI_IMPORT_DIALOG (object);

  g_clear_pointer (&self->source, import_source_unref);
  g_clear_pointer (&self->mapping, affari_csv_mapping_free);
  g_clear_pointer (&self->report, affari_import_report_free);
  g_clear_pointer (&self->pipeline_ids, g_array_unref);
  g_free (self->path);

  G_OBJECT_CLASS (affari_import_dialog_parent_class)->finalize (object);
}

static void
affari_import_dialog_class_init (AffariImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = affari_import_dialog_dispose;
  object_class->finalize = affari_import_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariImportDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, AffariImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AffariImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, AffariImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AffariImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, AffariImportDialog, file_group);
  gtk_widget_class_bind_template_child (widget_class, AffariImportDialog, table_frame);
  gtk_widget_class_bind_template_child (widget_class, AffariImportDialog, table_view);
  gtk_widget_class_bind_template_child (widget_class, AffariImportDialog, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, AffariImportDialog, options_group);
  gtk_widget_class_bind_template_child (widget_class, AffariImportDialog, outcome_group);
  gtk_widget_class_bind_template_child (widget_class, AffariImportDialog, number_row);
  gtk_widget_class_bind_template_child (widget_class, AffariImportDialog, pipeline_row);
  gtk_widget_class_bind_template_child (widget_class, AffariImportDialog, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, AffariImportDialog, outcome_list);
  gtk_widget_class_bind_template_child (widget_class, AffariImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AffariImportDialog, summary_page);
  gtk_widget_class_bind_template_child (widget_class, AffariImportDialog, summary_list);
  gtk_widget_class_bind_template_child (widget_class, AffariImportDialog, undo_button);
  gtk_widget_class_bind_template_callback (widget_class, on_option_selected_cb);
  window_class->close_request = affari_import_dialog_close_request;

  gtk_widget_class_install_action (widget_class, "import.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "import.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.close", NULL);
}

static void
affari_import_dialog_init (AffariImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pipeline_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.undo", FALSE);
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_import_dialog_new (GtkWindow       *parent,
                          AffariWorkspace *workspace,
                          AffariDealOps   *ops,
                          const char      *path)
{
  AffariImportDialog *self;

  g_return_val_if_fail (AFFARI_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (ops), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (AFFARI_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->workspace = g_object_ref (workspace);
  self->ops = g_object_ref (ops);
  self->path = g_strdup (path);
  self->source = g_atomic_rc_box_new0 (ImportSource);
  self->source->path = g_strdup (path);
  self->done_handler = g_signal_connect (ops, "done", G_CALLBACK (on_ops_done_cb), self);
  self->can_undo_handler = g_signal_connect (ops, "notify::can-undo", G_CALLBACK (on_can_undo_notify_cb), self);

  if (g_file_test (path, G_FILE_TEST_IS_DIR) || has_json_suffix (path))
    {
      self->source->kind = g_file_test (path, G_FILE_TEST_IS_DIR) ? SOURCE_B24_FOLDER : SOURCE_AFFARI_JSON;
      fill_detected (self);
      gtk_widget_set_visible (self->table_frame, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->mapping_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->options_group), FALSE);
      show_page (self, "preview");
      recount (self);
    }
  else
    {
      g_autoptr(GTask) task = NULL;

      show_page (self, "loading");
      self->read_cancellable = g_cancellable_new ();
      task = g_task_new (NULL, self->read_cancellable, on_table_read_cb, g_object_ref (self));
      g_task_set_task_data (task, g_strdup (path), g_free);
      g_task_run_in_thread (task, read_table_thread);
    }
  return GTK_WIDGET (self);
}

const char *
affari_import_dialog_get_page (AffariImportDialog *self)
{
  g_return_val_if_fail (AFFARI_IS_IMPORT_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

const AffariImportReport *
affari_import_dialog_get_report (AffariImportDialog *self)
{
  g_return_val_if_fail (AFFARI_IS_IMPORT_DIALOG (self), NULL);

  return self->report;
}
