/* affari-quote.h — a quote ("Preventivo"): its fields and statuses
 *
 * A value object read from and written to the store (store/affari-store-quotes.h); its product
 * rows travel apart, as AffariProductRow arrays, like a deal's. Its fields are read and set
 * directly: it has no behaviour of its own and nothing listens to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Bitrix24's default quote statuses (QUOTE_STATUS); the codes are the database's. */
typedef enum {
  AFFARI_QUOTE_DRAFT,
  AFFARI_QUOTE_SENT,
  AFFARI_QUOTE_APPROVED,
  AFFARI_QUOTE_DECLAINED,
  AFFARI_QUOTE_N_STATUSES,
} AffariQuoteStatus;

/* Who a quote is made out to, or from (the PDF's header): any field may be NULL. */
typedef struct {
  char *name;
  char *address;             /* may span lines */
  char *vat_id;
} AffariQuoteParty;

void               affari_quote_party_clear        (AffariQuoteParty *party);

#define AFFARI_TYPE_QUOTE (affari_quote_get_type ())
G_DECLARE_FINAL_TYPE (AffariQuote, affari_quote, AFFARI, QUOTE, GObject)

struct _AffariQuote
{
  GObject parent_instance;

  gint64 id;                 /* 0: not saved yet */
  char *number;              /* "2026/014", given by the store on creation */
  char *title;
  AffariQuoteStatus status;
  gint64 company_id;         /* 0: none */
  gint64 contact_id;
  gint64 deal_id;
  gint64 lead_id;
  char *currency;            /* ISO 4217 */
  gint64 amount;             /* the rows' total, minor units (read only: the store computes it) */
  gint64 tax_value;          /* the rows' VAT (read only) */
  char *valid_until;         /* "YYYY-MM-DD" or NULL */
  char *terms;
  char *notes;
  gint64 created;            /* Unix seconds */
  gint64 modified;
  /* read only, from the store */
  char *client_name;         /* the company's name, else the contact's; NULL when none */
  gboolean client_deleted;   /* a client was set and no longer exists */
};

AffariQuote       *affari_quote_new                (void);
/* A copy of the editable fields and the read-only ones (a dialog edits the copy). */
AffariQuote       *affari_quote_copy               (AffariQuote *self);
const char        *affari_quote_status_to_code     (AffariQuoteStatus status);
/* FALSE for an unknown code. */
gboolean           affari_quote_status_from_code   (const char *code, AffariQuoteStatus *out);
/* "Bozza", "Inviato", "Approvato", "Rifiutato" (translated). */
const char        *affari_quote_status_display     (AffariQuoteStatus status);
void               affari_quote_set_text           (char **field, const char *text);

G_END_DECLS
