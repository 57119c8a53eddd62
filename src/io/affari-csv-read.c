/* affari-csv-read.c — the one CSV reader of the project: any file as a table of UTF-8 cells
 *
 * The file is decoded first (its encoding guessed), then its separator is guessed from the first
 * lines, then it is split in one pass. All cells live in one buffer, each ended by a NUL, with an
 * offset per cell and a first cell per row: a file of 100,000 rows is a few allocations, not a
 * million.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "affari-import-csv.h"
#include "model/affari-error.h"

#define MAX_FILE_SIZE ((goffset) 1 << 30)
#define SNIFF_LINES 100

struct _AffariCsvTable {
  gint ref_count;        /* a dialog and the import running in a worker thread share the table */
  const char *encoding;
  char separator;
  guint n_columns;
  GByteArray *text;      /* every cell, each ended by a NUL */
  GArray *cells;         /* gsize: where each cell starts in text */
  GArray *rows;          /* guint: the first cell of each row, the header first; one more at the end */
  GArray *lines;         /* guint: the line where each row starts */
  GArray *recoded;       /* guint: lines of a UTF-8 file that were read as Windows-1252 */
};

/* Windows-1252's 0x80..0x9F; the five holes become U+FFFD. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD,
  0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
  0x0153, 0xFFFD, 0x017E, 0x0178,
};

static void
append_cp1252 (GString *out, const char *p, gsize length)
{
  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) p[i];

      if (c < 0x80)
        g_string_append_c (out, (char) c);
      else
        g_string_append_unichar (out, c < 0xA0 ? cp1252_high[c - 0x80] : (gunichar) c);
    }
}

static gboolean
has_multibyte (const char *p, gsize length)
{
  for (gsize i = 0; i < length; i++)
    if ((guchar) p[i] >= 0x80)
      return TRUE;
  return FALSE;
}

/* Decodes a file that has no UTF-16 BOM line by line: a line that is valid UTF-8 is UTF-8, any
 * other is Windows-1252 (what Excel writes in Italy). Newlines are the same bytes in both, so
 * lines can be told apart before decoding. A file whose lines are all one or the other is that
 * encoding; a file with both (rows pasted from Excel into a UTF-8 file) is read line by line and
 * the lines read as Windows-1252 are kept, so the import can say which they were. */
static char *
decode_8bit (AffariCsvTable *table, const char *data, gsize length)
{
  GString *out = g_string_sized_new (length + length / 16 + 1);
  gboolean any_utf8 = FALSE;
  g_autoptr(GArray) bad = g_array_new (FALSE, FALSE, sizeof (guint));
  guint line = 1;

  for (gsize start = 0; start < length; line++)
    {
      const char *nl = memchr (data + start, '\n', length - start);
      gsize end = nl != NULL ? (gsize) (nl - data) + 1 : length;
      const char *p = data + start;
      gsize n = end - start;

      if (!has_multibyte (p, n))
        g_string_append_len (out, p, n);
      else if (g_utf8_validate_len (p, n, NULL))
        {
          any_utf8 = TRUE;
          g_string_append_len (out, p, n);
        }
      else
        {
          g_array_append_val (bad, line);
          append_cp1252 (out, p, n);
        }
      start = end;
    }
  if (bad->len == 0)
    table->encoding = "UTF-8";
  else if (!any_utf8)
    table->encoding = "Windows-1252";
  else
    {
      table->encoding = "UTF-8";
      g_array_append_vals (table->recoded, bad->data, bad->len);
    }
  return g_string_free (out, FALSE);
}

static char *
decode (AffariCsvTable *table, const char *data, gsize length, GError **error)
{
  const char *from = NULL;
  char *text;
  gsize skip = 0;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    skip = 3;
  else if (length >= 2 && memcmp (data, "\xFF\xFE", 2) == 0)
    from = "UTF-16LE", skip = 2;
  else if (length >= 2 && memcmp (data, "\xFE\xFF", 2) == 0)
    from = "UTF-16BE", skip = 2;
  /* UTF-16 without BOM: text in it has a NUL beside nearly every ASCII letter. */
  else if (length >= 4 && data[0] != '\0' && data[1] == '\0' && data[2] != '\0' && data[3] == '\0')
    from = "UTF-16LE";
  else if (length >= 4 && data[0] == '\0' && data[1] != '\0' && data[2] == '\0' && data[3] != '\0')
    from = "UTF-16BE";

  if (from != NULL)
    {
      gsize written = 0;

      table->encoding = "UTF-16";
      text = g_convert (data + skip, length - skip, "UTF-8", from, NULL, &written, NULL);
      if (text == NULL || strlen (text) != written)
        {
          g_free (text);
          g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                               _("The file starts as UTF-16 text but is damaged further on: save it again from the spreadsheet as CSV."));
          return NULL;
        }
      return text;
    }
  if (memchr (data + skip, '\0', length - skip) != NULL)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                           _("The file is not text (it holds NUL bytes): save it from the spreadsheet as CSV."));
      return NULL;
    }
  return decode_8bit (table, data + skip, length - skip);
}

/* Whether the newline character at @p ends a line: "\n", and "\r" alone (old Mac files), but
 * "\r\n" only once. */
static gboolean
ends_line (const char *p)
{
  return *p == '\n' || (*p == '\r' && p[1] != '\n');
}

/* Counts the cells of the first lines for @sep (quotes respected): the number of lines with the
 * most common count above one, in *score, and that count in *columns. */
static void
sniff (const char *text, char sep, guint *score, guint *columns)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  gboolean quoted = FALSE;
  guint cells = 1, lines = 0;
  GHashTableIter iter;
  gpointer key, value;

  *score = 0;
  *columns = 1;
  for (const char *p = text; lines < SNIFF_LINES; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == sep)
        cells++;
      else if ((!quoted && ends_line (p)) || *p == '\0')
        {
          if (cells > 1)
            {
              guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (cells)));
              g_hash_table_insert (counts, GUINT_TO_POINTER (cells), GUINT_TO_POINTER (n + 1));
            }
          cells = 1;
          lines++;
          if (*p == '\0')
            break;
        }
    }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint n = GPOINTER_TO_UINT (value), c = GPOINTER_TO_UINT (key);
      if (n > *score || (n == *score && c > *columns))
        *score = n, *columns = c;
    }
}

static char
guess_separator (const char *text)
{
  static const char candidates[] = { ';', ',', '\t' };
  char best = ';';
  guint best_score = 0, best_columns = 0;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      guint score, columns;

      sniff (text, candidates[i], &score, &columns);
      if (score > best_score || (score == best_score && columns > best_columns))
        {
          best = candidates[i];
          best_score = score;
          best_columns = columns;
        }
    }
  return best;
}

static void
stray_quote (GError **error, guint line)
{
  g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
               _("Line %u: a stray quote inside a field: quotes in a value must be doubled (\"\")."), line);
}

static gboolean
is_blank (const char *p, char sep)
{
  return *p != sep && (*p == ' ' || *p == '\t');
}

/* Ends the current cell: its text, stripped of spaces around it, with a NUL. */
static void
end_cell (AffariCsvTable *table, gsize start)
{
  guint8 *base = table->text->data;
  gsize end = table->text->len, first = start;

  while (first < end && (base[first] == ' ' || base[first] == '\t'))
    first++;
  while (end > first && (base[end - 1] == ' ' || base[end - 1] == '\t'))
    end--;
  if (first > start)
    memmove (base + start, base + first, end - first);
  g_byte_array_set_size (table->text, start + (end - first));
  g_byte_array_append (table->text, (const guint8 *) "", 1);
  g_array_append_val (table->cells, start);
}

/* RFC 4180 with @sep: a quoted cell may hold the separator, newlines and "" for a quote. */
static gboolean
split (AffariCsvTable *table, const char *text, GError **error)
{
  const char sep = table->separator;
  const char *p = text;
  guint line = 1;

  while (*p != '\0')
    {
      guint first_cell = table->cells->len, row_line = line;
      gboolean empty = TRUE;

      if (*p == '\n' || *p == '\r')
        {
          line += ends_line (p);
          p++;
          continue;
        }
      for (;;)
        {
          gsize start = table->text->len;

          while (is_blank (p, sep))
            p++;
          if (*p == '"')
            {
              const char *from;
              guint opened = line;

              for (p++;; p++)
                {
                  from = p;
                  while (*p != '"' && *p != '\0' && *p != '\n' && *p != '\r')
                    p++;
                  g_byte_array_append (table->text, (const guint8 *) from, p - from);
                  if (*p == '\r')
                    {
                      line += ends_line (p);
                      g_byte_array_append (table->text, (const guint8 *) "\r", 1);
                      continue;
                    }
                  if (*p == '\0')
                    {
                      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                                   _("Line %u: a quoted field is never closed: the file is truncated or has a stray quote."),
                                   opened);
                      return FALSE;
                    }
                  if (*p == '\n')
                    {
                      line++;
                      g_byte_array_append (table->text, (const guint8 *) "\n", 1);
                      continue;
                    }
                  if (p[1] != '"')
                    break;
                  g_byte_array_append (table->text, (const guint8 *) "\"", 1);
                  p++;
                }
              p++;
              while (is_blank (p, sep))
                p++;
              if (*p != sep && *p != '\n' && *p != '\r' && *p != '\0')
                {
                  stray_quote (error, line);
                  return FALSE;
                }
              empty = FALSE;
            }
          else
            {
              const char *from = p;

              while (*p != sep && *p != '\n' && *p != '\r' && *p != '\0')
                {
                  if (*p == '"')
                    {
                      stray_quote (error, line);
                      return FALSE;
                    }
                  p++;
                }
              g_byte_array_append (table->text, (const guint8 *) from, p - from);
            }
          end_cell (table, start);
          if (table->text->data[g_array_index (table->cells, gsize, table->cells->len - 1)] != '\0')
            empty = FALSE;
          if (*p != sep)
            break;
          p++;
        }
      /* A line of separators only (";;;", what Excel writes below the data) is no row. */
      if (empty)
        g_array_set_size (table->cells, first_cell);
      else
        {
          g_array_append_val (table->rows, first_cell);
          g_array_append_val (table->lines, row_line);
        }
    }
  return TRUE;
}

static const char *
cell_at (const AffariCsvTable *table, guint index)
{
  return (const char *) table->text->data + g_array_index (table->cells, gsize, index);
}

static guint
row_length (const AffariCsvTable *table, guint row)
{
  guint start = g_array_index (table->rows, guint, row);
  guint end = row + 1 < table->rows->len ? g_array_index (table->rows, guint, row + 1) : table->cells->len;

  return end - start;
}

AffariCsvTable *
affari_csv_table_parse (const char *data, gsize length, GError **error)
{
  g_autoptr(AffariCsvTable) table = g_new0 (AffariCsvTable, 1);
  g_autofree char *text = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  table->ref_count = 1;
  table->text = g_byte_array_sized_new (length + 16);
  table->cells = g_array_new (FALSE, FALSE, sizeof (gsize));
  table->rows = g_array_new (FALSE, FALSE, sizeof (guint));
  table->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  table->recoded = g_array_new (FALSE, FALSE, sizeof (guint));
  text = decode (table, data != NULL ? data : "", length, error);
  if (text == NULL)
    return NULL;
  table->separator = guess_separator (text);
  if (!split (table, text, error))
    return NULL;
  if (table->rows->len == 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                           _("The file is empty: its first line must be the header with the names of the columns."));
      return NULL;
    }
  /* Bitrix24 writes a separator after the last cell too: the empty column it makes is none. */
  table->n_columns = row_length (table, 0);
  while (table->n_columns > 1 && *cell_at (table, table->n_columns - 1) == '\0')
    table->n_columns--;
  return g_steal_pointer (&table);
}

AffariCsvTable *
affari_csv_table_read (const char *path, GError **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > MAX_FILE_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("“%s” is larger than 1 GB: split it into smaller files and import them one by one."), path);
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  return affari_csv_table_parse (data, length, error);
}

AffariCsvTable *
affari_csv_table_ref (AffariCsvTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_atomic_int_inc (&table->ref_count);
  return table;
}

void
affari_csv_table_free (AffariCsvTable *table)
{
  if (table == NULL || !g_atomic_int_dec_and_test (&table->ref_count))
    return;
  g_clear_pointer (&table->text, g_byte_array_unref);
  g_clear_pointer (&table->cells, g_array_unref);
  g_clear_pointer (&table->rows, g_array_unref);
  g_clear_pointer (&table->lines, g_array_unref);
  g_clear_pointer (&table->recoded, g_array_unref);
  g_free (table);
}

const char *
affari_csv_table_get_encoding (const AffariCsvTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->encoding;
}

char
affari_csv_table_get_separator (const AffariCsvTable *table)
{
  g_return_val_if_fail (table != NULL, ';');
  return table->separator;
}

guint
affari_csv_table_get_n_columns (const AffariCsvTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->n_columns;
}

guint
affari_csv_table_get_n_rows (const AffariCsvTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->rows->len - 1;
}

const char *
affari_csv_table_get_header (const AffariCsvTable *table, guint column)
{
  return affari_csv_table_get_cell (table, G_MAXUINT, column);
}

const char *
affari_csv_table_get_cell (const AffariCsvTable *table, guint row, guint column)
{
  guint index = row + 1;   /* G_MAXUINT + 1: the header */

  g_return_val_if_fail (table != NULL, "");
  g_return_val_if_fail (index < table->rows->len, "");

  if (column >= row_length (table, index))
    return "";
  return cell_at (table, g_array_index (table->rows, guint, index) + column);
}

guint
affari_csv_table_get_line (const AffariCsvTable *table, guint row)
{
  g_return_val_if_fail (table != NULL, 0);
  g_return_val_if_fail (row + 1 < table->rows->len, 0);
  return g_array_index (table->lines, guint, row + 1);
}

const guint *
affari_csv_table_get_recoded_lines (const AffariCsvTable *table, guint *n_lines)
{
  g_return_val_if_fail (table != NULL, NULL);
  *n_lines = table->recoded->len;
  return (const guint *) (gpointer) table->recoded->data;
}
