/* affari-deal-id-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include <string.h>

#include "store/affari-store.h"

#include "affari-deal-id-list.h"

#define PAGE_SIZE 50

struct _AffariDealIdList
{
  GObject      parent_instance;

  AffariStore *store;
  GArray      *ids;      /* gint64 */
  GPtrArray   *deals;    /* AffariDeal or NULL, parallel to ids */
  guint        n_loaded;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AffariDealIdList, affari_deal_id_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* ------------------------------------------------------------ auxiliary */

/* Slots of pages not loaded yet are NULL. */
static void
unref_if_loaded (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

static void
load_page (AffariDealIdList *self,
           guint             position)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  guint start = position - position % PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->ids->len - start);
  guint j = 0;

  loaded = affari_store_load_deals (self->store, &g_array_index (self->ids, gint64, start), n, &error);
  if (loaded == NULL)
    {
      g_warning ("Cannot load deals: %s", error->message);
      return;
    }

  /* Deals deleted meanwhile are skipped by the store: match by id. */
  for (guint i = start; i < start + n && j < loaded->len; i++)
    {
      AffariDeal *deal = g_ptr_array_index (loaded, j);

      if (affari_deal_get_id (deal) != g_array_index (self->ids, gint64, i))
        continue;
      j++;
      if (g_ptr_array_index (self->deals, i) == NULL)
        {
          g_ptr_array_index (self->deals, i) = g_object_ref (deal);
          self->n_loaded++;
        }
    }
}

/* ------------------------------------------------------------ GListModel */

static GType
affari_deal_id_list_get_item_type (GListModel *model)
{
  return AFFARI_TYPE_DEAL;
}

static guint
affari_deal_id_list_get_n_items (GListModel *model)
{
  return AFFARI_DEAL_ID_LIST (model)->ids->len;
}

static gpointer
affari_deal_id_list_get_item (GListModel *model,
                              guint       position)
{
  AffariDealIdList *self = AFFARI_DEAL_ID_LIST (model);
  AffariDeal *deal;

  if (position >= self->ids->len)
    return NULL;
  if (g_ptr_array_index (self->deals, position) == NULL)
    load_page (self, position);
  deal = g_ptr_array_index (self->deals, position);
  if (deal == NULL)
    {
      /* Gone from the database since the ids were read: a placeholder until the next refresh. */
      deal = affari_deal_new ();
      g_ptr_array_index (self->deals, position) = deal;
      self->n_loaded++;
    }
  return g_object_ref (deal);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = affari_deal_id_list_get_item_type;
  iface->get_n_items = affari_deal_id_list_get_n_items;
  iface->get_item = affari_deal_id_list_get_item;
}

/* ------------------------------------------------------------ overrides */

static void
affari_deal_id_list_finalize (GObject *object)
{
  AffariDealIdList *self = AFFARI_DEAL_ID_LIST (object);

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->deals, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (affari_deal_id_list_parent_class)->finalize (object);
}

static void
affari_deal_id_list_class_init (AffariDealIdListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = affari_deal_id_list_finalize;
}

static void
affari_deal_id_list_init (AffariDealIdList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->deals = g_ptr_array_new_with_free_func (unref_if_loaded);
}

/* ------------------------------------------------------------ public API */

AffariDealIdList *
affari_deal_id_list_new (AffariStore *store)
{
  AffariDealIdList *self;

  g_return_val_if_fail (AFFARI_IS_STORE (store), NULL);

  self = g_object_new (AFFARI_TYPE_DEAL_ID_LIST, NULL);
  self->store = g_object_ref (store);
  return self;
}

void
affari_deal_id_list_set_ids (AffariDealIdList *self,
                             const GArray     *ids)
{
  guint old_n, new_n;

  g_return_if_fail (AFFARI_IS_DEAL_ID_LIST (self));
  g_return_if_fail (ids != NULL);

  old_n = self->ids->len;
  new_n = ids->len;
  /* an empty GArray may have no data at all: memcmp() must not see NULL */
  if (old_n == new_n && (old_n == 0 || memcmp (self->ids->data, ids->data, old_n * sizeof (gint64)) == 0))
    return;

  g_array_set_size (self->ids, 0);
  if (new_n > 0)
    g_array_append_vals (self->ids, ids->data, new_n);
  g_ptr_array_set_size (self->deals, 0);
  g_ptr_array_set_size (self->deals, new_n);
  self->n_loaded = 0;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
}

gint64
affari_deal_id_list_get_id_at (AffariDealIdList *self,
                               guint             position)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_ID_LIST (self), 0);

  return position < self->ids->len ? g_array_index (self->ids, gint64, position) : 0;
}

guint
affari_deal_id_list_find (AffariDealIdList *self,
                          gint64            deal_id)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_ID_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == deal_id)
      return i;
  return G_MAXUINT;
}

void
affari_deal_id_list_invalidate (AffariDealIdList *self,
                                gint64            deal_id)
{
  guint position;

  g_return_if_fail (AFFARI_IS_DEAL_ID_LIST (self));

  position = affari_deal_id_list_find (self, deal_id);
  if (position == G_MAXUINT || g_ptr_array_index (self->deals, position) == NULL)
    return;
  g_clear_object ((AffariDeal **) &g_ptr_array_index (self->deals, position));
  self->n_loaded--;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

guint
affari_deal_id_list_get_n_loaded (AffariDealIdList *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_ID_LIST (self), 0);

  return self->n_loaded;
}
