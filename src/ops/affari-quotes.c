/* affari-quotes.c — quotes: changes, quote ↔ deal, the PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-quotes"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-quotes.h"
#include "affari-leads.h"
#include "io/affari-quote-pdf.h"
#include "store/affari-store.h"
#include "store/affari-store-quotes.h"

/* The settings keys of "La tua azienda". */
#define KEY_NAME "my_company_name"
#define KEY_ADDRESS "my_company_address"
#define KEY_VAT "my_company_vat_id"

/* How long a quote made from a deal is valid. */
#define DEFAULT_VALID_DAYS 30

struct _AffariQuotes
{
  GObject parent_instance;

  AffariStore *store;
  AffariDealOps *ops;
  gulong changed_id;
};

G_DEFINE_FINAL_TYPE (AffariQuotes, affari_quotes, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  AffariStore *store;
  AffariQuote *quote;
  GArray *rows;
  gint64 deal_id;
} ToDeal;

/* ------------------------------------------------------------ auxiliary */

static gboolean
to_deal_build (AffariDealOps  *ops,
               gpointer        data,
               GError        **error)
{
  ToDeal *run = data;
  AffariQuote *quote = run->quote;
  g_autoptr(AffariDeal) deal = affari_deal_new ();

  affari_deal_set_title (deal, quote->title);
  affari_deal_set_currency (deal, quote->currency);
  affari_deal_set_amount (deal, quote->amount);
  affari_deal_set_tax_value (deal, quote->tax_value);
  affari_deal_set_company_id (deal, quote->company_id);
  affari_deal_set_lead_id (deal, quote->lead_id);
  affari_deal_set_quote_id (deal, quote->id);
  if (quote->notes != NULL && quote->notes[0] != '\0')
    affari_deal_set_comments (deal, quote->notes);
  if (!affari_deal_ops_add_created (ops, deal, error))
    return FALSE;
  run->deal_id = affari_deal_get_id (deal);
  if (quote->contact_id > 0
      && !affari_deal_ops_fill_contacts (ops, run->deal_id, &quote->contact_id, 1, quote->contact_id, error))
    return FALSE;
  if (run->rows->len > 0
      && !affari_deal_ops_fill_product_rows (ops, run->deal_id, (const AffariProductRow *) run->rows->data,
                                             run->rows->len, error))
    return FALSE;
  return affari_store_quote_note_deal (run->store, quote, run->deal_id, error);
}

/* ------------------------------------------------------------ signal callbacks */

static void
on_store_settings_changed_cb (AffariQuotes *self,
                              gint64        pipeline_id,
                              AffariStore  *store)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ------------------------------------------------------------ overrides */

static void
affari_quotes_dispose (GObject *object)
{
  AffariQuotes *self = AFFARI_QUOTES (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_object (&self->ops);

  G_OBJECT_CLASS (affari_quotes_parent_class)->dispose (object);
}

static void
affari_quotes_class_init (AffariQuotesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = affari_quotes_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
affari_quotes_init (AffariQuotes *self)
{
}

/* ------------------------------------------------------------ public API */

AffariQuotes *
affari_quotes_new (AffariStore   *store,
                   AffariDealOps *ops)
{
  AffariQuotes *self;

  g_return_val_if_fail (AFFARI_IS_STORE (store), NULL);
  g_return_val_if_fail (ops == NULL || AFFARI_IS_DEAL_OPS (ops), NULL);

  self = g_object_new (AFFARI_TYPE_QUOTES, NULL);
  self->store = g_object_ref (store);
  self->ops = ops != NULL ? g_object_ref (ops) : NULL;
  self->changed_id = g_signal_connect_swapped (store, "settings-changed::quotes",
                                               G_CALLBACK (on_store_settings_changed_cb), self);
  return self;
}

GPtrArray *
affari_quotes_list (AffariQuotes  *self,
                    int            status,
                    GError       **error)
{
  g_return_val_if_fail (AFFARI_IS_QUOTES (self), NULL);
  return affari_store_quote_list (self->store, status, error);
}

AffariQuote *
affari_quotes_get (AffariQuotes  *self,
                   gint64         id,
                   GError       **error)
{
  g_return_val_if_fail (AFFARI_IS_QUOTES (self), NULL);
  return affari_store_quote_get (self->store, id, error);
}

GArray *
affari_quotes_rows (AffariQuotes  *self,
                    gint64         id,
                    GError       **error)
{
  g_return_val_if_fail (AFFARI_IS_QUOTES (self), NULL);
  return affari_store_quote_rows (self->store, id, error);
}

GArray *
affari_quotes_deal_ids (AffariQuotes  *self,
                        gint64         id,
                        GError       **error)
{
  g_return_val_if_fail (AFFARI_IS_QUOTES (self), NULL);
  return affari_store_quote_deal_ids (self->store, id, error);
}

GPtrArray *
affari_quotes_list_for_deal (AffariQuotes  *self,
                             gint64         deal_id,
                             GError       **error)
{
  g_return_val_if_fail (AFFARI_IS_QUOTES (self), NULL);
  return affari_store_quote_list_for_deal (self->store, deal_id, error);
}

gint64
affari_quotes_create (AffariQuotes            *self,
                      AffariQuote             *quote,
                      const AffariProductRow  *rows,
                      guint                    n_rows,
                      GError                 **error)
{
  g_return_val_if_fail (AFFARI_IS_QUOTES (self), 0);
  return affari_store_quote_create (self->store, quote, rows, n_rows, error);
}

gboolean
affari_quotes_update (AffariQuotes            *self,
                      AffariQuote             *quote,
                      const AffariProductRow  *rows,
                      guint                    n_rows,
                      GError                 **error)
{
  g_return_val_if_fail (AFFARI_IS_QUOTES (self), FALSE);
  return affari_store_quote_update (self->store, quote, rows, n_rows, error);
}

gboolean
affari_quotes_delete (AffariQuotes  *self,
                      gint64         id,
                      GError       **error)
{
  g_return_val_if_fail (AFFARI_IS_QUOTES (self), FALSE);
  return affari_store_quote_delete (self->store, id, error);
}

gint64
affari_quotes_create_from_deal (AffariQuotes  *self,
                                gint64         deal_id,
                                GError       **error)
{
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(AffariQuote) quote = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) until = NULL;

  g_return_val_if_fail (AFFARI_IS_QUOTES (self), 0);

  deal = affari_store_get_deal (self->store, deal_id, error);
  if (deal == NULL)
    return 0;
  rows = affari_store_list_product_rows (self->store, deal_id, error);
  if (rows == NULL)
    return 0;
  quote = affari_quote_new ();
  affari_quote_set_text (&quote->title, affari_deal_get_title (deal));
  affari_quote_set_text (&quote->currency, affari_deal_get_currency (deal));
  if (affari_leads_is_lead_pipeline (self->store, affari_deal_get_pipeline_id (deal)))
    {
      /* From a lead: the quote is the lead's (its client once a conversion chose one). */
      g_autoptr(AffariLead) lead = affari_leads_get (self->store, deal_id, error);

      if (lead == NULL)
        return 0;
      quote->company_id = lead->company_id;
      quote->contact_id = lead->contact_id;
      quote->lead_id = deal_id;
    }
  else
    {
      quote->company_id = affari_deal_get_company_id (deal);
      quote->contact_id = affari_store_quote_deal_contact (self->store, deal_id);
      quote->deal_id = deal_id;
      quote->lead_id = affari_deal_get_lead_id (deal);
    }
  now = g_date_time_new_from_unix_local (affari_store_now (self->store));
  until = g_date_time_add_days (now, DEFAULT_VALID_DAYS);
  quote->valid_until = g_date_time_format (until, "%Y-%m-%d");
  return affari_store_quote_create (self->store, quote, (const AffariProductRow *) rows->data, rows->len, error);
}

gint64
affari_quotes_create_deal (AffariQuotes  *self,
                           gint64         id,
                           GError       **error)
{
  g_autoptr(AffariQuote) quote = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  g_autofree char *label = NULL;
  ToDeal run = { 0 };

  g_return_val_if_fail (AFFARI_IS_QUOTES (self), 0);
  g_return_val_if_fail (self->ops != NULL, 0);

  quote = affari_store_quote_get (self->store, id, error);
  if (quote == NULL)
    return 0;
  if (quote->client_deleted)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                           _("The client of the quote was deleted: choose another one"));
      return 0;
    }
  rows = affari_store_quote_rows (self->store, id, error);
  if (rows == NULL)
    return 0;
  run.store = self->store;
  run.quote = quote;
  run.rows = rows;
  /* Translators: the step on the undo history ("Annulla: affare creato dal preventivo 2026/014") */
  label = g_strdup_printf (_("Deal created from quote %s"), quote->number);
  set = affari_deal_ops_create_many (self->ops, to_deal_build, &run, label, TRUE, error);
  if (set == NULL)
    return 0;
  return run.deal_id;
}

gboolean
affari_quotes_write_pdf (AffariQuotes  *self,
                         gint64         id,
                         const char    *path,
                         GError       **error)
{
  g_autoptr(AffariQuote) quote = NULL;
  g_autoptr(GArray) rows = NULL;
  AffariQuoteParty seller = { 0 }, client = { 0 };
  AffariQuotePdf doc = { 0 };
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_QUOTES (self), FALSE);

  quote = affari_store_quote_get (self->store, id, error);
  if (quote == NULL)
    return FALSE;
  rows = affari_store_quote_rows (self->store, id, error);
  if (rows == NULL)
    return FALSE;
  if (rows->len == 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                           _("The quote has no products: add at least one row before making its PDF"));
      return FALSE;
    }
  if (!affari_store_quote_client (self->store, quote, &client, error))
    return FALSE;
  affari_quotes_get_my_company (self, &seller);
  doc.quote = quote;
  doc.rows = (const AffariProductRow *) rows->data;
  doc.n_rows = rows->len;
  doc.seller = &seller;
  doc.client = &client;
  ok = affari_quote_pdf_write (&doc, path, error);
  affari_quote_party_clear (&seller);
  affari_quote_party_clear (&client);
  return ok;
}

void
affari_quotes_get_my_company (AffariQuotes     *self,
                              AffariQuoteParty *out)
{
  g_return_if_fail (AFFARI_IS_QUOTES (self));

  out->name = affari_store_get_setting (self->store, KEY_NAME);
  out->address = affari_store_get_setting (self->store, KEY_ADDRESS);
  out->vat_id = affari_store_get_setting (self->store, KEY_VAT);
}

gboolean
affari_quotes_set_my_company (AffariQuotes            *self,
                              const AffariQuoteParty  *party,
                              GError                 **error)
{
  g_return_val_if_fail (AFFARI_IS_QUOTES (self), FALSE);

  /* Three keys, each its own small transaction: a half-saved company is still a valid one. */
  return affari_store_set_setting (self->store, KEY_NAME, party->name, error)
    && affari_store_set_setting (self->store, KEY_ADDRESS, party->address, error)
    && affari_store_set_setting (self->store, KEY_VAT, party->vat_id, error);
}
