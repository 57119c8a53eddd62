/* affari-import-json.c — Affari's own JSON export back into an empty database
 *
 * The file is read twice, mapped, never as one tree (a tree of a million deals would take tens of
 * GB): a first pass walks its structure without keeping anything — the header (format, version,
 * schema version), the names of the tables, a file cut short — before anything is written; the
 * second, inside one transaction, hands each row of a table to json-glib alone and writes it with
 * its id, the children nested in it (a deal's product rows, a pipeline's stages) after it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "model/affari-error.h"
#include "store/affari-store-export.h"
#include "store/affari-store-import-json.h"

#include "affari-import-json.h"

/* What the exporter writes at the top of the document (affari-export-json.c). */
#define FORMAT_NAME "affari-export"
#define FORMAT_VERSION 1

typedef struct {
  AffariImportRun run;                /* store, report, dry run, progress, cancel */
  const char *text;           /* the mapped file */
  gsize length;
  JsonParser *parser;         /* one row at a time */
  AffariStoreRestore *restore;
  char *file;                 /* the file's name, for messages */
  char *format;               /* the header, as the first pass found it */
  gint64 version;
  gint64 schema;
  guint done, total;
} Import;

/* Where the walk of the document is. */
typedef struct {
  const char *text;
  gsize length;
  gsize pos;
} Scanner;

/* Called for each row of a table at the top of the document: its text, an object. */
typedef gboolean (*RowFunc) (Import *imp, AffariExportTable table, const char *text, gsize length, GError **error);

/* The table the file names @name, or -1. */
static int
table_of (const char *name)
{
  for (guint t = 0; t < AFFARI_EXPORT_N_TABLES; t++)
    if (g_str_equal (affari_export_table_name (t), name))
      return (int) t;
  return -1;
}

static gboolean
is_header_member (const char *name)
{
  return g_str_equal (name, "format") || g_str_equal (name, "version") || g_str_equal (name, "schema_version")
         || g_str_equal (name, "exported_at");
}

static gboolean
fail_shape (Import *imp, GError **error, const char *table)
{
  g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
               _("“%s”: the table “%s” is not a list of rows: the file was changed by hand or is damaged."),
               imp->file, table);
  return FALSE;
}

/* ------------------------------------------------------------ the document */

static void
skip_space (Scanner *sc)
{
  while (sc->pos < sc->length && g_ascii_isspace (sc->text[sc->pos]))
    sc->pos++;
}

static gboolean
skip_string (Scanner *sc)
{
  for (sc->pos++; sc->pos < sc->length; sc->pos++)
    {
      if (sc->text[sc->pos] == '\\')
        sc->pos++;
      else if (sc->text[sc->pos] == '"')
        {
          sc->pos++;
          return TRUE;
        }
    }
  return FALSE;
}

/* Moves past the value at the scanner (json-glib checks its inside later); FALSE when the text
 * ends before it does. */
static gboolean
skip_value (Scanner *sc)
{
  gsize start;
  int depth = 0;

  skip_space (sc);
  if (sc->pos >= sc->length)
    return FALSE;
  if (sc->text[sc->pos] == '"')
    return skip_string (sc);
  if (sc->text[sc->pos] != '{' && sc->text[sc->pos] != '[')
    {
      for (start = sc->pos; sc->pos < sc->length && !strchr (",]} \t\r\n", sc->text[sc->pos]); sc->pos++)
        ;
      return sc->pos > start;
    }
  while (sc->pos < sc->length)
    {
      char c = sc->text[sc->pos];

      if (c == '"')
        {
          if (!skip_string (sc))
            return FALSE;
          continue;
        }
      if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && --depth == 0)
        {
          sc->pos++;
          return TRUE;
        }
      sc->pos++;
    }
  return FALSE;
}

/* The value at the scanner as a node of its own (a member name, a header value), NULL when it is
 * not one. */
static JsonNode *
read_small_value (Scanner *sc)
{
  gsize start;
  g_autofree char *text = NULL;

  skip_space (sc);
  start = sc->pos;
  if (!skip_value (sc))
    return NULL;
  text = g_strndup (sc->text + start, sc->pos - start);
  return json_from_string (text, NULL);
}

static gboolean
fail_syntax (Import *imp, Scanner *sc, GError **error)
{
  guint line = 1;

  for (gsize i = 0; i < sc->pos && i < sc->length; i++)
    if (sc->text[i] == '\n')
      line++;
  g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
               _("“%s” is not valid JSON or is truncated (line %u): export it again. Nothing was imported."),
               imp->file, line);
  return FALSE;
}

static gboolean
fail_not_export (Import *imp, GError **error)
{
  g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
               _("“%s” is not an export of Affari (affari-cli export --json): import a folder of Bitrix24 "
                 "JSON files as a folder, and a CSV file as .csv."), imp->file);
  return FALSE;
}

static gboolean
check_header (Import *imp, GError **error)
{
  if (g_strcmp0 (imp->format, FORMAT_NAME) != 0)
    return fail_not_export (imp, error);
  if (imp->version < 1 || imp->schema < 1)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
                   _("“%s” has no valid version or schema_version: the file was changed by hand or is damaged."),
                   imp->file);
      return FALSE;
    }
  if (imp->version > FORMAT_VERSION || imp->schema > AFFARI_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Affari (database version %d, this one knows up "
                     "to %d): update Affari to import it."), imp->file, (int) imp->schema, AFFARI_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

static void
take_header_value (Import *imp, const char *name, JsonNode *node)
{
  gboolean is_int = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;

  if (g_str_equal (name, "format") && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_free (imp->format);
      imp->format = g_strdup (json_node_get_string (node));
    }
  else if (g_str_equal (name, "version"))
    imp->version = is_int ? json_node_get_int (node) : -1;
  else if (g_str_equal (name, "schema_version"))
    imp->schema = is_int ? json_node_get_int (node) : -1;
}

/* Walks the document: its header first (the exporter writes it first), then each table's rows
 * handed to @func (NULL: only walked). */
static gboolean
walk_document (Import *imp, RowFunc func, GError **error)
{
  Scanner sc = { imp->text, imp->length, 0 };
  gboolean header_checked = FALSE;

  skip_space (&sc);
  if (sc.pos >= sc.length || sc.text[sc.pos] != '{')
    return fail_not_export (imp, error);
  sc.pos++;
  for (;;)
    {
      g_autoptr(JsonNode) key = NULL;
      const char *name;
      int table;

      skip_space (&sc);
      if (sc.pos < sc.length && sc.text[sc.pos] == '}' && !header_checked)
        break;
      if (sc.pos >= sc.length || sc.text[sc.pos] != '"' || (key = read_small_value (&sc)) == NULL)
        return fail_syntax (imp, &sc, error);
      name = json_node_get_string (key);
      skip_space (&sc);
      if (sc.pos >= sc.length || sc.text[sc.pos] != ':')
        return fail_syntax (imp, &sc, error);
      sc.pos++;

      if (is_header_member (name))
        {
          g_autoptr(JsonNode) value = read_small_value (&sc);

          if (value == NULL)
            return fail_syntax (imp, &sc, error);
          take_header_value (imp, name, value);
        }
      else
        {
          if (!header_checked && !check_header (imp, error))
            return FALSE;
          header_checked = TRUE;
          table = table_of (name);
          if (table < 0 || !affari_store_restore_knows_table (name))
            {
              g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
                           _("The file has a table “%s” that Affari does not know: it was not written by Affari "
                             "or was changed by hand."), name);
              return FALSE;
            }
          skip_space (&sc);
          if (sc.pos >= sc.length || sc.text[sc.pos] != '[')
            return sc.pos >= sc.length ? fail_syntax (imp, &sc, error) : fail_shape (imp, error, name);
          sc.pos++;
          skip_space (&sc);
          if (sc.pos < sc.length && sc.text[sc.pos] == ']')
            sc.pos++;
          else
            for (;;)
              {
                gsize start;

                skip_space (&sc);
                start = sc.pos;
                if (sc.pos < sc.length && sc.text[sc.pos] != '{')
                  return fail_shape (imp, error, name);
                if (!skip_value (&sc))
                  return fail_syntax (imp, &sc, error);
                if (func == NULL)
                  imp->total++;
                else if (!func (imp, table, sc.text + start, sc.pos - start, error))
                  return FALSE;
                skip_space (&sc);
                if (sc.pos < sc.length && sc.text[sc.pos] == ',')
                  sc.pos++;
                else if (sc.pos < sc.length && sc.text[sc.pos] == ']')
                  {
                    sc.pos++;
                    break;
                  }
                else
                  return fail_syntax (imp, &sc, error);
              }
        }

      skip_space (&sc);
      if (sc.pos < sc.length && sc.text[sc.pos] == ',')
        sc.pos++;
      else if (sc.pos < sc.length && sc.text[sc.pos] == '}')
        break;
      else
        return fail_syntax (imp, &sc, error);
    }
  sc.pos++;
  skip_space (&sc);
  if (sc.pos < sc.length)
    return fail_syntax (imp, &sc, error);
  return header_checked || check_header (imp, error);
}

/* ------------------------------------------------------------ rows */

static gboolean write_rows (Import *imp, AffariExportTable table, JsonArray *rows, const char *parent_column,
                            gint64 parent_id, GError **error);

static void
count_row (Import *imp, AffariExportTable table, JsonObject *row)
{
  switch (table)
    {
    case AFFARI_EXPORT_PIPELINE: imp->run.report->created[AFFARI_IMPORTED_PIPELINE]++; break;
    case AFFARI_EXPORT_STAGE: imp->run.report->created[AFFARI_IMPORTED_STAGE]++; break;
    case AFFARI_EXPORT_COMPANY: imp->run.report->created[AFFARI_IMPORTED_COMPANY]++; break;
    case AFFARI_EXPORT_CONTACT: imp->run.report->created[AFFARI_IMPORTED_CONTACT]++; break;
    case AFFARI_EXPORT_DEAL: imp->run.report->created[AFFARI_IMPORTED_DEAL]++; break;
    case AFFARI_EXPORT_DEAL_PRODUCT: imp->run.report->created[AFFARI_IMPORTED_PRODUCT_ROW]++; break;
    case AFFARI_EXPORT_ACTIVITY: imp->run.report->created[AFFARI_IMPORTED_ACTIVITY]++; break;
    case AFFARI_EXPORT_EVENT:
      if (g_strcmp0 (json_object_get_string_member_with_default (row, "kind", NULL), "comment") == 0)
        imp->run.report->created[AFFARI_IMPORTED_COMMENT]++;
      break;
    default:
      break;
    }
}

/* One row: its columns written, then the rows of its children (a member holding an array). */
static gboolean
write_row (Import *imp, AffariExportTable table, JsonObject *row, const char *parent_column, gint64 parent_id,
           GError **error)
{
  const char *table_name = affari_export_table_name (table);
  g_autoptr(GList) members = json_object_get_members (row);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (AffariExportValue));
  gboolean has_parent = FALSE;
  gint64 id = 0;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (row, name);
      AffariExportValue value = { AFFARI_EXPORT_VALUE_NULL, 0, 0, NULL };

      if (JSON_NODE_HOLDS_ARRAY (node))
        continue;   /* children, written after the row */
      if (JSON_NODE_HOLDS_OBJECT (node))
        return fail_shape (imp, error, name);
      if (JSON_NODE_HOLDS_VALUE (node))
        {
          GType type = json_node_get_value_type (node);

          if (type == G_TYPE_INT64 || type == G_TYPE_BOOLEAN)
            value = (AffariExportValue) { AFFARI_EXPORT_VALUE_INT, json_node_get_int (node), 0, NULL };
          else if (type == G_TYPE_DOUBLE)
            value = (AffariExportValue) { AFFARI_EXPORT_VALUE_REAL, 0, json_node_get_double (node), NULL };
          else
            value = (AffariExportValue) { AFFARI_EXPORT_VALUE_TEXT, 0, 0, json_node_get_string (node) };
        }
      if (parent_column != NULL && g_ascii_strcasecmp (name, parent_column) == 0)
        {
          /* A child row belongs to the row it is nested in. */
          if (value.type != AFFARI_EXPORT_VALUE_INT || value.number != parent_id)
            {
              g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
                           _("“%s”: a row of the table “%s” is nested in another row than the one its “%s” "
                             "names: the file was changed by hand or is damaged."),
                           imp->file, table_name, parent_column);
              return FALSE;
            }
          has_parent = TRUE;
        }
      if (names->len == 0 && value.type == AFFARI_EXPORT_VALUE_INT)
        id = value.number;   /* the exporter writes a row's id first */
      g_ptr_array_add (names, (gpointer) name);
      g_array_append_val (values, value);
    }
  if (parent_column != NULL && !has_parent)
    {
      AffariExportValue value = { AFFARI_EXPORT_VALUE_INT, parent_id, 0, NULL };

      g_ptr_array_add (names, (gpointer) parent_column);
      g_array_append_val (values, value);
    }

  if (!affari_store_restore_row (imp->restore, table_name, names->len, (const char * const *) names->pdata,
                                 (const AffariExportValue *) (gpointer) values->data, error))
    return FALSE;
  count_row (imp, table, row);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (row, name);
      int child = table_of (name);
      const char *child_parent;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        continue;
      child_parent = child >= 0 ? affari_export_table_parent (child) : NULL;
      if (child_parent == NULL)
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
                       _("The table “%s” of the file has a column “%s” that Affari does not know: it was not "
                         "written by Affari or was changed by hand."), table_name, name);
          return FALSE;
        }
      if (!write_rows (imp, child, json_node_get_array (node), child_parent, id, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_rows (Import *imp, AffariExportTable table, JsonArray *rows, const char *parent_column, gint64 parent_id,
            GError **error)
{
  guint n = json_array_get_length (rows);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (rows, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail_shape (imp, error, affari_export_table_name (table));
      if (!write_row (imp, table, json_node_get_object (node), parent_column, parent_id, error))
        return FALSE;
    }
  return TRUE;
}

/* One row of a table at the top of the document, parsed alone. */
static gboolean
write_top_row (Import *imp, AffariExportTable table, const char *text, gsize length, GError **error)
{
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (imp->parser, text, (gssize) length, &local))
    {
      Scanner at = { imp->text, imp->length, (gsize) (text - imp->text) };
      return fail_syntax (imp, &at, error);
    }
  root = json_parser_get_root (imp->parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return fail_shape (imp, error, affari_export_table_name (table));
  if (!write_row (imp, table, json_node_get_object (root), NULL, 0, error))
    return FALSE;
  return affari_import_run_step (&imp->run, ++imp->done, imp->total, error);
}

static gboolean
build (AffariDealOps *ops, gpointer data, GError **error)
{
  Import *imp = data;
  AffariStoreRestore *restore;

  /* Checked inside the transaction, which holds the write lock: no other process adds a deal
   * between the check and the import. */
  if (!affari_store_restore_check_empty (imp->run.store, error))
    return FALSE;
  imp->restore = affari_store_restore_begin (imp->run.store, error);
  if (imp->restore == NULL)
    return FALSE;
  if (!walk_document (imp, write_top_row, error))
    {
      g_clear_pointer (&imp->restore, affari_store_restore_free);
      return FALSE;
    }
  restore = g_steal_pointer (&imp->restore);
  if (!affari_store_restore_end (restore, error))
    return FALSE;
  return affari_import_build_done (imp->run.dry_run, error);
}

/* ------------------------------------------------------------ public */

AffariImportReport *
affari_import_json (AffariStore          *store,
                    AffariDealOps        *ops,
                    const char           *path,
                    gboolean              dry_run,
                    GCancellable         *cancellable,
                    AffariImportProgress  progress,
                    gpointer              progress_data,
                    GError              **error)
{
  g_autoptr(AffariImportReport) report = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local = NULL;
  Import imp = { 0 };
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (store), NULL);
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (ops), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  mapped = g_mapped_file_new (path, FALSE, &local);
  if (mapped == NULL)
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_IO, _("The file “%s” does not exist: check the path."), path);
      else
        g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_IO, _("Cannot read “%s”: %s"), path, local->message);
      return NULL;
    }
  affari_import_run_init (&imp.run, store, dry_run, cancellable, progress, progress_data);
  report = imp.run.report;
  imp.text = g_mapped_file_get_contents (mapped);
  imp.length = g_mapped_file_get_length (mapped);
  imp.parser = json_parser_new_immutable ();
  imp.file = g_path_get_basename (path);
  imp.version = -1;
  imp.schema = -1;

  /* The whole file is checked before the transaction: a file cut short or of another program
   * writes nothing and leaves the defaults of the new database alone. */
  ok = (imp.text != NULL || imp.length == 0) && walk_document (&imp, NULL, error);
  if (ok)
    {
      ok = affari_import_run_build (ops, build, &imp, _("Import of an Affari export"), dry_run, error);
      /* What the store keeps of the database (its default pipeline, its user) is read again,
       * whether the file went in or was rolled back. */
      affari_store_restore_reload (store);
    }
  g_object_unref (imp.parser);
  g_free (imp.format);
  g_free (imp.file);
  return ok ? g_steal_pointer (&report) : NULL;
}
