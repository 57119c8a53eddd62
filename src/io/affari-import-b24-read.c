/* affari-import-b24-read.c — reading a folder of Bitrix24 JSON dumps and their values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "affari-import-b24.h"
#include "affari-import-b24-private.h"
#include "model/affari-error.h"

/* The largest file read as one page of a list (a page of 50 deals is a few hundred kB). */
#define MAX_PAGE_SIZE ((goffset) 256 << 20)

/* The start of each list's file names (none starts with another). */
const char * const b24_list_prefixes[N_LISTS] = {
  "crm.category.list", "crm.status.list", "crm.deal.list", "crm.deal.productrows.get",
  "crm.company.list", "crm.contact.list", "crm.timeline.comment.list", "crm.activity.list", "user.get",
};

void
b24_item_free (gpointer data)
{
  Item *item = data;

  g_free (item->file);
  g_free (item->owner);
  g_free (item);
}

/* ------------------------------------------------------------ values */

/* Bitrix24 writes numbers as strings in lists and as numbers elsewhere: both read as text. */
char *
b24_dup_text (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      return text != NULL && *text != '\0' ? g_strstrip (g_strdup (text)) : NULL;
    }
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
    }
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "Y" : "N");
  return NULL;
}

double
b24_get_double (JsonObject *object, const char *member, double fallback)
{
  g_autofree char *text = b24_dup_text (object, member);
  char *end = NULL;
  double value;

  if (text == NULL)
    return fallback;
  value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (value) ? value : fallback;
}

gboolean
b24_get_flag (JsonObject *object, const char *member)
{
  g_autofree char *text = b24_dup_text (object, member);

  return text != NULL && (g_ascii_strcasecmp (text, "Y") == 0 || g_strcmp0 (text, "1") == 0
                          || g_ascii_strcasecmp (text, "true") == 0);
}

/* "2024-09-02T18:37:18+02:00" → Unix seconds; 0 when absent or not a date. */
gint64
b24_get_time (JsonObject *object, const char *member)
{
  g_autofree char *text = b24_dup_text (object, member);
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) local = NULL;

  if (text == NULL)
    return 0;
  local = g_time_zone_new_local ();
  dt = g_date_time_new_from_iso8601 (text, local);
  if (dt == NULL && strlen (text) == 10)
    {
      g_autofree char *noon = g_strconcat (text, "T12:00:00", NULL);
      dt = g_date_time_new_from_iso8601 (noon, local);
    }
  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

/* The local day of a date-time, "YYYY-MM-DD", or NULL. */
char *
b24_get_day (JsonObject *object, const char *member)
{
  gint64 t = b24_get_time (object, member);
  g_autoptr(GDateTime) dt = NULL;

  if (t == 0)
    return NULL;
  dt = g_date_time_new_from_unix_local (t);
  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : NULL;
}

/* The first VALUE of a multi-field (PHONE, EMAIL): [{"VALUE":"…","VALUE_TYPE":"WORK"}, …]. */
char *
b24_dup_multi_first (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      if (JSON_NODE_HOLDS_OBJECT (e))
        {
          char *value = b24_dup_text (json_node_get_object (e), "VALUE");
          if (value != NULL)
            return value;
        }
    }
  return NULL;
}

char *
affari_b24_strip_bbcode (const char *text)
{
  g_autoptr(GRegex) tags = NULL;

  if (text == NULL)
    return NULL;
  tags = g_regex_new ("\\[/?[a-zA-Z*]+(=[^\\]]*)?\\]", 0, 0, NULL);
  return g_strstrip (g_regex_replace_literal (tags, text, -1, 0, "", 0, NULL));
}

/* ------------------------------------------------------------ reading */

static gboolean
add_items (GPtrArray **lists, ListKind kind, JsonNode *node, const char *file, const char *owner)
{
  JsonArray *array;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      /* The envelope {"result": …}, and crm.category.list's {"result": {"categories": […]}}. */
      if (json_object_has_member (object, "result"))
        return add_items (lists, kind, json_object_get_member (object, "result"), file, owner);
      if (json_object_has_member (object, "categories"))
        return add_items (lists, kind, json_object_get_member (object, "categories"), file, owner);
    }
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      Item *item;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        continue;
      item = g_new0 (Item, 1);
      item->object = json_node_get_object (e);
      item->file = g_strdup (file);
      item->owner = g_strdup (owner);
      g_ptr_array_add (lists[kind], item);
    }
  return TRUE;
}

/* "crm.deal.productrows.get.37.json" → "37". */
static char *
owner_from_name (const char *name, const char *prefix)
{
  const char *rest = name + strlen (prefix);
  g_autofree char *id = NULL;

  if (*rest != '.' || strlen (rest) <= strlen (".json"))
    return NULL;
  id = g_strndup (rest + 1, strlen (rest + 1) - strlen (".json"));
  for (const char *p = id; *p; p++)
    if (!g_ascii_isdigit (*p))
      return NULL;
  return *id != '\0' ? g_steal_pointer (&id) : NULL;
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

gboolean
b24_read_folder (const char *folder, GPtrArray **lists, GPtrArray *parsers, GError **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint n_files = 0;

  dir = g_dir_open (folder, 0, NULL);
  if (dir == NULL)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND,
                   _("The folder “%s” cannot be read: check the path and that it holds the Bitrix24 JSON files."),
                   folder);
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *path = NULL;
      g_autoptr(JsonParser) parser = NULL;
      g_autoptr(GError) local = NULL;
      g_autofree char *owner = NULL;
      int kind = -1;

      if (!g_str_has_suffix (file, ".json"))
        continue;
      for (int k = 0; k < N_LISTS; k++)
        if (g_str_has_prefix (file, b24_list_prefixes[k]))
          kind = k;
      if (kind < 0)
        continue;
      path = g_build_filename (folder, file, NULL);
      /* Bitrix24 answers 50 items a page: a page this big is not one, and would be read whole. */
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          GStatBuf st;

          if (g_stat (path, &st) == 0 && st.st_size > MAX_PAGE_SIZE)
            {
              g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
                           _("The file “%s” is larger than 256 MB: it is not a page of a Bitrix24 list; nothing was imported."),
                           file);
              return FALSE;
            }
        }
      parser = json_parser_new ();
      if (!json_parser_load_from_file (parser, path, &local))
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
                       _("The file “%s” is not valid JSON (%s): it may be truncated. Export it again from Bitrix24; nothing was imported."),
                       file, local->message);
          return FALSE;
        }
      if (kind == LIST_PRODUCT_ROW)
        owner = owner_from_name (file, b24_list_prefixes[kind]);
      if (!add_items (lists, kind, json_parser_get_root (parser), file, owner))
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
                       _("The file “%s” holds no list of Bitrix24 items (“result”): check that it is the answer of the REST method its name says; nothing was imported."),
                       file);
          return FALSE;
        }
      g_ptr_array_add (parsers, g_steal_pointer (&parser));
      n_files++;
    }
  if (n_files == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND,
                   _("The folder “%s” holds no Bitrix24 JSON file (crm.deal.list*.json, crm.category.list*.json…): nothing was imported."),
                   folder);
      return FALSE;
    }
  return TRUE;
}

