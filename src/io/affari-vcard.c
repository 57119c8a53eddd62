/* affari-vcard.c — contacts from vCard files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-io"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "affari-vcard.h"
#include "affari-content-lines.h"
#include "model/affari-error.h"

/* An address book of thousands of contacts is a few MB; more is not a vCard a person drops. */
#define MAX_FILE_BYTES (16 * 1024 * 1024)

/* What a card collects while its lines are read. */
typedef struct {
  char *fn;
  GStrv n;
  char *org;
  char *title;
  char *note;
  char *phone;
  gboolean phone_pref;
  char *email;
  gboolean email_pref;
} Card;

/* ------------------------------------------------------------ auxiliary */

static void
card_clear (Card *card)
{
  g_free (card->fn);
  g_strfreev (card->n);
  g_free (card->org);
  g_free (card->title);
  g_free (card->note);
  g_free (card->phone);
  g_free (card->email);
  memset (card, 0, sizeof *card);
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

static char *
decode_quoted_printable (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      int high, low;

      if (*p == '=' && (high = hex_digit (p[1])) >= 0 && (low = hex_digit (p[2])) >= 0)
        {
          g_string_append_c (out, (char) (high * 16 + low));
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The raw value as UTF-8 text, still escaped: quoted-printable decoded, the CHARSET converted.
 * Without a charset, bytes that are not UTF-8 are read as Windows-1252 (old phones and Outlook). */
static char *
raw_text (const AffariContentLine *line)
{
  const char *charset = affari_content_line_get_param (line, "CHARSET");
  g_autofree char *bytes = NULL;
  char *converted = NULL;

  if (affari_content_line_has (line, "QUOTED-PRINTABLE"))
    bytes = decode_quoted_printable (line->value);
  else
    bytes = g_strdup (line->value);
  if (g_utf8_validate (bytes, -1, NULL))
    return g_steal_pointer (&bytes);
  if (charset != NULL)
    converted = g_convert (bytes, -1, "UTF-8", charset, NULL, NULL, NULL);
  if (converted == NULL)
    converted = g_convert (bytes, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  return converted != NULL ? converted : g_utf8_make_valid (bytes, -1);
}

/* A single text value, unescaped and trimmed; NULL when empty. */
static char *
text_value (const AffariContentLine *line)
{
  g_autofree char *raw = raw_text (line);
  char *text = affari_content_unescape (raw, -1);

  g_strstrip (text);
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static gboolean
is_preferred (const AffariContentLine *line)
{
  /* 2.1 "TEL;PREF", 3.0 "TYPE=pref", 4.0 "PREF=1" */
  return affari_content_line_has (line, "PREF");
}

/* TEL and EMAIL: the preferred one wins, else the first. */
static void
take_address (char                   **slot,
              gboolean                *slot_pref,
              const AffariContentLine *line,
              const char              *uri_scheme)
{
  g_autofree char *value = text_value (line);
  gboolean pref = is_preferred (line);

  if (value == NULL || (*slot != NULL && (*slot_pref || !pref)))
    return;
  /* vCard 4.0 writes "tel:+39…" and sometimes "mailto:…". */
  if (g_ascii_strncasecmp (value, uri_scheme, strlen (uri_scheme)) == 0)
    memmove (value, value + strlen (uri_scheme), strlen (value) - strlen (uri_scheme) + 1);
  g_free (*slot);
  *slot = g_steal_pointer (&value);
  *slot_pref = pref;
}

static void
card_take_line (Card                    *card,
                const AffariContentLine *line)
{
  const char *name = line->name;

  if (strcmp (name, "FN") == 0 && card->fn == NULL)
    card->fn = text_value (line);
  else if (strcmp (name, "N") == 0 && card->n == NULL)
    {
      g_autofree char *raw = raw_text (line);

      card->n = affari_content_split (raw, ';');
    }
  else if (strcmp (name, "ORG") == 0 && card->org == NULL)
    {
      g_autofree char *raw = raw_text (line);
      g_auto(GStrv) parts = affari_content_split (raw, ';');

      /* "Rossi Srl;Vendite": the company, then its departments. */
      if (parts[0] != NULL && *g_strstrip (parts[0]) != '\0')
        card->org = g_strdup (parts[0]);
    }
  else if (strcmp (name, "TITLE") == 0 && card->title == NULL)
    card->title = text_value (line);
  else if (strcmp (name, "NOTE") == 0 && card->note == NULL)
    card->note = text_value (line);
  else if (strcmp (name, "TEL") == 0)
    take_address (&card->phone, &card->phone_pref, line, "tel:");
  else if (strcmp (name, "EMAIL") == 0)
    take_address (&card->email, &card->email_pref, line, "mailto:");
}

static char *
n_part (const Card *card,
        guint       index)
{
  if (card->n == NULL || g_strv_length (card->n) <= index)
    return g_strdup ("");
  return g_strstrip (g_strdup (card->n[index]));
}

/* The card as a contact, NULL when it has no name at all. */
static AffariVCard *
card_finish (Card *card)
{
  g_autoptr(AffariVCard) out = g_new0 (AffariVCard, 1);
  g_autofree char *family = n_part (card, 0);
  g_autofree char *given = n_part (card, 1);
  g_autofree char *additional = n_part (card, 2);

  if (*given != '\0' && *additional != '\0')
    {
      char *both = g_strconcat (given, " ", additional, NULL);

      g_free (given);
      given = both;
    }
  if (*family != '\0' || *given != '\0')
    {
      out->first_name = g_steal_pointer (&given);
      out->last_name = g_steal_pointer (&family);
      out->full_name = card->fn != NULL ? g_strdup (card->fn)
                                         : g_strstrip (g_strjoin (" ", out->first_name, out->last_name, NULL));
    }
  else if (card->fn != NULL || card->org != NULL)
    {
      /* Only a formatted name ("Mario Rossi"): the last word is the family name. A card with
       * only a company (a switchboard number) is a contact named after it. */
      const char *fn = card->fn != NULL ? card->fn : card->org;
      const char *space = strrchr (fn, ' ');

      out->full_name = g_strdup (fn);
      out->first_name = space != NULL ? g_strstrip (g_strndup (fn, space - fn)) : g_strdup ("");
      out->last_name = g_strdup (space != NULL ? space + 1 : fn);
    }
  else
    return NULL;

  out->organization = g_steal_pointer (&card->org);
  out->title = g_steal_pointer (&card->title);
  out->phone = g_steal_pointer (&card->phone);
  out->email = g_steal_pointer (&card->email);
  out->note = g_steal_pointer (&card->note);
  return g_steal_pointer (&out);
}

/* ------------------------------------------------------------ public API */

void
affari_vcard_free (AffariVCard *card)
{
  if (card == NULL)
    return;
  g_free (card->full_name);
  g_free (card->first_name);
  g_free (card->last_name);
  g_free (card->organization);
  g_free (card->title);
  g_free (card->phone);
  g_free (card->email);
  g_free (card->note);
  g_free (card);
}

GPtrArray *
affari_vcard_parse (const char  *data,
                    gsize        length,
                    GError     **error)
{
  g_autoptr(GPtrArray) lines = affari_content_lines_split (data, length, TRUE);
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func ((GDestroyNotify) affari_vcard_free);
  Card card = { 0 };
  guint depth = 0;
  guint begun_at = 0;
  guint n_cards = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      const AffariContentLine *line = g_ptr_array_index (lines, i);
      gboolean is_vcard = g_ascii_strcasecmp (g_strstrip (line->value), "VCARD") == 0;

      if (strcmp (line->name, "BEGIN") == 0 && is_vcard)
        {
          /* A card inside a card (2.1's AGENT) is not a contact of its own: skipped. */
          if (depth++ == 0)
            {
              card_clear (&card);
              begun_at = line->line;
            }
        }
      else if (strcmp (line->name, "END") == 0 && is_vcard && depth > 0)
        {
          if (--depth == 0)
            {
              AffariVCard *done = card_finish (&card);

              n_cards++;
              if (done != NULL)
                g_ptr_array_add (cards, done);
              card_clear (&card);
            }
        }
      else if (depth == 1)
        card_take_line (&card, line);
    }
  card_clear (&card);

  if (depth > 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
                   _("The vCard file is incomplete: the card that begins at line %u has no END:VCARD. Export the contacts again."),
                   begun_at);
      return NULL;
    }
  if (n_cards == 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
                           _("The file holds no contact: a vCard file begins with BEGIN:VCARD."));
      return NULL;
    }
  if (cards->len == 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_PARSE,
                           _("No contact in the vCard file has a name: there is nothing to add."));
      return NULL;
    }
  return g_steal_pointer (&cards);
}

GPtrArray *
affari_vcard_read (const char  *path,
                   GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;

  file = affari_content_file_map (path, MAX_FILE_BYTES, _("The vCard file is larger than 16 MB: export the contacts without photos."),
                                  error);
  if (file == NULL)
    return NULL;
  return affari_vcard_parse (g_mapped_file_get_contents (file), g_mapped_file_get_length (file), error);
}
