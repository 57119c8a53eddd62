/* affari-quote.c — a quote ("Preventivo")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-quote.h"

G_DEFINE_FINAL_TYPE (AffariQuote, affari_quote, G_TYPE_OBJECT)

static const char * const status_codes[AFFARI_QUOTE_N_STATUSES] = {
  "DRAFT", "SENT", "APPROVED", "DECLAINED",
};

static void
affari_quote_finalize (GObject *object)
{
  AffariQuote *self = AFFARI_QUOTE (object);

  g_free (self->number);
  g_free (self->title);
  g_free (self->currency);
  g_free (self->valid_until);
  g_free (self->terms);
  g_free (self->notes);
  g_free (self->client_name);

  G_OBJECT_CLASS (affari_quote_parent_class)->finalize (object);
}

static void
affari_quote_class_init (AffariQuoteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = affari_quote_finalize;
}

static void
affari_quote_init (AffariQuote *self)
{
  self->currency = g_strdup ("EUR");
}

AffariQuote *
affari_quote_new (void)
{
  return g_object_new (AFFARI_TYPE_QUOTE, NULL);
}

AffariQuote *
affari_quote_copy (AffariQuote *self)
{
  AffariQuote *copy;

  g_return_val_if_fail (AFFARI_IS_QUOTE (self), NULL);

  copy = affari_quote_new ();
  copy->id = self->id;
  copy->number = g_strdup (self->number);
  copy->title = g_strdup (self->title);
  copy->status = self->status;
  copy->company_id = self->company_id;
  copy->contact_id = self->contact_id;
  copy->deal_id = self->deal_id;
  copy->lead_id = self->lead_id;
  affari_quote_set_text (&copy->currency, self->currency);
  copy->amount = self->amount;
  copy->tax_value = self->tax_value;
  copy->valid_until = g_strdup (self->valid_until);
  copy->terms = g_strdup (self->terms);
  copy->notes = g_strdup (self->notes);
  copy->created = self->created;
  copy->modified = self->modified;
  copy->client_name = g_strdup (self->client_name);
  copy->client_deleted = self->client_deleted;
  return copy;
}

const char *
affari_quote_status_to_code (AffariQuoteStatus status)
{
  g_return_val_if_fail (status < AFFARI_QUOTE_N_STATUSES, "DRAFT");
  return status_codes[status];
}

gboolean
affari_quote_status_from_code (const char *code, AffariQuoteStatus *out)
{
  for (guint i = 0; code != NULL && i < AFFARI_QUOTE_N_STATUSES; i++)
    if (g_ascii_strcasecmp (code, status_codes[i]) == 0)
      {
        *out = (AffariQuoteStatus) i;
        return TRUE;
      }
  return FALSE;
}

const char *
affari_quote_status_display (AffariQuoteStatus status)
{
  switch (status)
    {
    case AFFARI_QUOTE_SENT:
      /* Translators: the status of a quote */
      return C_("quote", "Sent");
    case AFFARI_QUOTE_APPROVED:
      return C_("quote", "Approved");
    case AFFARI_QUOTE_DECLAINED:
      return C_("quote", "Declined");
    case AFFARI_QUOTE_DRAFT:
    case AFFARI_QUOTE_N_STATUSES:
    default:
      return C_("quote", "Draft");
    }
}

void
affari_quote_party_clear (AffariQuoteParty *party)
{
  g_clear_pointer (&party->name, g_free);
  g_clear_pointer (&party->address, g_free);
  g_clear_pointer (&party->vat_id, g_free);
}

void
affari_quote_set_text (char **field, const char *text)
{
  char *copy = g_strdup (text);

  g_free (*field);
  *field = copy;
}
