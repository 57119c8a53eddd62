/* affari-demo-quotes.c — the quotes of the sample data
 *
 * A dozen quotes of the last months, in every status, copied from sample deals (their client
 * and product rows): some still linked to their deal, some free-standing, and the approved ones
 * already turned into their deal (the sample deal plays the deal made from the quote, so that
 * `demo --deals N` still makes N deals). Also "La tua azienda" of Preferenze, when empty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-demo"

#include "config.h"

#include "affari-demo-private.h"
#include "ops/affari-deal-ops.h"
#include "ops/affari-quotes.h"
#include "store/affari-store-quotes.h"

#define N_QUOTES 12

static const char * const terms[] = {
  "Pagamento: bonifico bancario a 30 giorni data fattura.\nConsegna entro 15 giorni lavorativi dall'ordine.",
  "Pagamento: 50% all'ordine, saldo alla consegna.\nPrezzi franco nostro magazzino, trasporto escluso.",
  "Pagamento: ricevuta bancaria a 60 giorni fine mese.\nGaranzia 24 mesi su tutti i prodotti.",
};

static const char * const notes[] = {
  NULL,
  "Offerta riservata, valida per l'ordine completo.",
  "Installazione inclusa nel prezzo.",
};

/* The @n-th sample deal with product rows, else any. */
static gint64
pick_deal (Demo *demo, guint n)
{
  guint seen = 0;

  for (guint i = 0; i < demo->n_plans; i++)
    if (demo->plans[i].n_rows > 0 && demo->plans[i].id > 0 && seen++ == n)
      return demo->plans[i].id;
  return demo->n_plans > 0 ? demo->plans[(n * 7) % demo->n_plans].id : 0;
}

static int
compare_created (gconstpointer a, gconstpointer b)
{
  gint64 x = affari_deal_get_date_create (*(AffariDeal **) a);
  gint64 y = affari_deal_get_date_create (*(AffariDeal **) b);

  return x < y ? -1 : x > y;
}

static gboolean
add_my_company (Demo *demo, AffariQuotes *quotes, GError **error)
{
  AffariQuoteParty mine = { 0 };
  AffariQuoteParty sample = {
    .name = (char *) "Rossi Forniture S.r.l.",
    .address = (char *) "Via Roma 12\n20121 Milano (MI)",
    .vat_id = (char *) "IT01234567890",
  };
  gboolean ok = TRUE;

  affari_quotes_get_my_company (quotes, &mine);
  if (mine.name == NULL || mine.name[0] == '\0')
    ok = affari_quotes_set_my_company (quotes, &sample, error);
  affari_quote_party_clear (&mine);
  return ok;
}

gboolean
demo_add_quotes (Demo    *demo,
                 GError **error)
{
  g_autoptr(AffariDealOps) ops = affari_deal_ops_new (demo->store);
  g_autoptr(AffariQuotes) quotes = affari_quotes_new (demo->store, ops);
  g_autoptr(GPtrArray) deals = g_ptr_array_new_with_free_func (g_object_unref);

  if (!add_my_company (demo, quotes, error))
    return FALSE;
  /* Once: a second `demo` adds deals, not a second set of quotes. */
  if (affari_store_quote_count (demo->store) > 0)
    return TRUE;

  for (guint i = 0; i < N_QUOTES; i++)
    {
      gint64 deal_id = pick_deal (demo, i * 3);
      g_autoptr(AffariDeal) deal = NULL;

      if (deal_id == 0)
        break;
      deal = affari_store_get_deal (demo->store, deal_id, error);
      if (deal == NULL)
        return FALSE;
      g_ptr_array_add (deals, g_steal_pointer (&deal));
    }
  /* In the order of their deals: the numbers follow the days, across the turn of the year. */
  g_ptr_array_sort (deals, compare_created);

  for (guint i = 0; i < deals->len; i++)
    {
      AffariDeal *deal = g_ptr_array_index (deals, i);
      gint64 deal_id = affari_deal_get_id (deal), id;
      gint64 created = affari_deal_get_date_create (deal);
      g_autoptr(AffariQuote) quote = NULL;
      g_autoptr(GArray) rows = NULL;
      g_autoptr(AffariDeal) fresh = NULL;
      AffariQuoteStatus status = (AffariQuoteStatus) (i % AFFARI_QUOTE_N_STATUSES);

      /* A quote comes before the deal made from it. */
      affari_store_set_now (demo->store, created - 2 * DAY);
      id = affari_quotes_create_from_deal (quotes, deal_id, error);
      quote = id > 0 ? affari_quotes_get (quotes, id, error) : NULL;
      rows = quote != NULL ? affari_quotes_rows (quotes, id, error) : NULL;
      if (rows == NULL)
        return FALSE;
      quote->status = status;
      affari_quote_set_text (&quote->terms, terms[i % G_N_ELEMENTS (terms)]);
      affari_quote_set_text (&quote->notes, notes[i % G_N_ELEMENTS (notes)]);
      /* One in four is not tied to a deal. */
      if (i % 4 == 1)
        quote->deal_id = 0;
      if (!affari_quotes_update (quotes, quote, (const AffariProductRow *) rows->data, rows->len, error))
        return FALSE;
      if (status != AFFARI_QUOTE_APPROVED)
        continue;

      /* Approved: its deal was made from it. Read again: the quote's rows may have changed it. */
      affari_store_set_now (demo->store, created);
      fresh = affari_store_get_deal (demo->store, deal_id, error);
      if (fresh == NULL)
        return FALSE;
      affari_deal_set_quote_id (fresh, id);
      if (!affari_store_update_deal (demo->store, fresh, error)
          || !affari_store_quote_note_deal (demo->store, quote, deal_id, error))
        return FALSE;
    }
  return TRUE;
}
