/* affari-deal-rows.c — the rows of the list view: stable row objects over a deal list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui/list/affari-deal-rows.h"

/* ------------------------------------------------------------ row */

struct _AffariDealRow
{
  GObject         parent_instance;

  AffariDealRows *rows;      /* not owned: the model lets go of its rows when it goes */
  guint           position;
  AffariDeal     *deal;
  gboolean        stale;     /* held: shows the deal it showed before the change */
};

enum { ROW_PROP_0, ROW_PROP_DEAL, ROW_N_PROPS };
static GParamSpec *row_properties[ROW_N_PROPS];

G_DEFINE_FINAL_TYPE (AffariDealRow, affari_deal_row, G_TYPE_OBJECT)

struct _AffariDealRows
{
  GObject         parent_instance;

  AffariDealList *deals;
  GHashTable     *alive;     /* position → AffariDealRow (not owned: GTK holds them) */
  guint           n_items;
  gulong          handler;
  gboolean        holding;   /* rebinds outside [eager_first, eager_end) wait for release */
  guint           eager_first;
  guint           eager_end;
  GPtrArray      *held;      /* AffariDealRow (owned) left stale */
};

enum { ROWS_REBOUND, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
affari_deal_row_finalize (GObject *object)
{
  AffariDealRow *self = AFFARI_DEAL_ROW (object);

  if (self->rows != NULL &&
      g_hash_table_lookup (self->rows->alive, GUINT_TO_POINTER (self->position)) == self)
    g_hash_table_remove (self->rows->alive, GUINT_TO_POINTER (self->position));
  g_clear_object (&self->deal);

  G_OBJECT_CLASS (affari_deal_row_parent_class)->finalize (object);
}

static void
affari_deal_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  AffariDealRow *self = AFFARI_DEAL_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_DEAL:
      g_value_set_object (value, self->deal);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_deal_row_class_init (AffariDealRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = affari_deal_row_finalize;
  object_class->get_property = affari_deal_row_get_property;

  row_properties[ROW_PROP_DEAL] =
    g_param_spec_object ("deal", NULL, NULL, AFFARI_TYPE_DEAL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
affari_deal_row_init (AffariDealRow *self)
{
}

static void row_refresh (AffariDealRow *self);

AffariDeal *
affari_deal_row_get_deal (AffariDealRow *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_ROW (self), NULL);

  /* whoever asks gets the truth, held or not */
  if (self->stale)
    row_refresh (self);
  return self->deal;
}

static void
row_set_deal (AffariDealRow *self, AffariDeal *deal)
{
  self->stale = FALSE;
  if (self->deal == deal)
    {
      g_clear_object (&deal);
      return;
    }
  g_clear_object (&self->deal);
  self->deal = deal;   /* owned */
  g_object_notify_by_pspec (G_OBJECT (self), row_properties[ROW_PROP_DEAL]);
}

/* The deal at the row's position now (a row the model forgot keeps what it showed). */
static void
row_refresh (AffariDealRow *self)
{
  if (self->rows == NULL)
    {
      self->stale = FALSE;
      return;
    }
  row_set_deal (self, g_list_model_get_item (G_LIST_MODEL (self->rows->deals), self->position));
}

/* ------------------------------------------------------------ rows */

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AffariDealRows, affari_deal_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
rows_get_item_type (GListModel *model)
{
  return AFFARI_TYPE_DEAL_ROW;
}

static guint
rows_get_n_items (GListModel *model)
{
  return AFFARI_DEAL_ROWS (model)->n_items;
}

static gpointer
rows_get_item (GListModel *model, guint position)
{
  AffariDealRows *self = AFFARI_DEAL_ROWS (model);
  AffariDealRow *row;

  if (position >= self->n_items)
    return NULL;
  row = g_hash_table_lookup (self->alive, GUINT_TO_POINTER (position));
  if (row != NULL)
    return g_object_ref (row);

  row = g_object_new (AFFARI_TYPE_DEAL_ROW, NULL);
  row->rows = self;
  row->position = position;
  row->deal = g_list_model_get_item (G_LIST_MODEL (self->deals), position);
  g_hash_table_insert (self->alive, GUINT_TO_POINTER (position), row);
  return row;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rows_get_item_type;
  iface->get_n_items = rows_get_n_items;
  iface->get_item = rows_get_item;
}

/* The rows at [position, position + n) show what the deal list has there now. */
static void
rebind (AffariDealRows *self, guint position, guint n)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key, value;

  if (n == 0)
    return;
  /* only the rows someone holds: usually the 200 GTK keeps, not the whole range */
  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint p = GPOINTER_TO_UINT (key);

      if (p >= position && p < position + n)
        g_ptr_array_add (rows, g_object_ref (value));
    }
  for (guint i = 0; i < rows->len; i++)
    {
      AffariDealRow *row = g_ptr_array_index (rows, i);

      if (self->holding && (row->position < self->eager_first || row->position >= self->eager_end))
        {
          if (!row->stale)
            {
              row->stale = TRUE;
              g_ptr_array_add (self->held, g_object_ref (row));
            }
          continue;
        }
      row_refresh (row);
    }
  g_signal_emit (self, signals[ROWS_REBOUND], 0, position, n);
}

/* Rows from @position on move by @shift (rows before @position stay). */
static void
shift_rows (AffariDealRows *self, guint position, int shift)
{
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  if (shift == 0)
    return;
  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (key) >= position)
      {
        g_ptr_array_add (moved, value);
        g_hash_table_iter_remove (&iter);
      }
  for (guint i = 0; i < moved->len; i++)
    {
      AffariDealRow *row = g_ptr_array_index (moved, i);

      row->position = (guint) ((int) row->position + shift);
      g_hash_table_insert (self->alive, GUINT_TO_POINTER (row->position), row);
    }
}

/* Rows in [position, position + n) leave the model: their objects stay with whoever holds
 * them but are no longer handed out. */
static void
forget_rows (AffariDealRows *self, guint position, guint n)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint p = GPOINTER_TO_UINT (key);

      if (p >= position && p < position + n)
        {
          AFFARI_DEAL_ROW (value)->rows = NULL;
          g_hash_table_iter_remove (&iter);
        }
    }
}

static void
on_deals_items_changed_cb (GListModel     *deals,
                           guint           position,
                           guint           removed,
                           guint           added,
                           AffariDealRows *self)
{
  guint common = MIN (removed, added);

  /* the rows both before and after the change keep their objects and show the new deals */
  self->n_items = self->n_items - removed + added;
  if (removed > added)
    {
      forget_rows (self, position + common, removed - common);
      shift_rows (self, position + removed, -(int) (removed - common));
    }
  else if (added > removed)
    shift_rows (self, position + removed, (int) (added - common));

  rebind (self, position, common);
  if (removed != added)
    g_list_model_items_changed (G_LIST_MODEL (self), position + common, removed - common, added - common);
}

static void
affari_deal_rows_dispose (GObject *object)
{
  AffariDealRows *self = AFFARI_DEAL_ROWS (object);
  GHashTableIter iter;
  gpointer value;

  if (self->alive != NULL)
    {
      g_hash_table_iter_init (&iter, self->alive);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        AFFARI_DEAL_ROW (value)->rows = NULL;
      g_hash_table_remove_all (self->alive);
    }
  g_clear_pointer (&self->held, g_ptr_array_unref);
  if (self->deals != NULL)
    g_clear_signal_handler (&self->handler, self->deals);
  g_clear_object (&self->deals);

  G_OBJECT_CLASS (affari_deal_rows_parent_class)->dispose (object);
}

static void
affari_deal_rows_finalize (GObject *object)
{
  AffariDealRows *self = AFFARI_DEAL_ROWS (object);

  g_clear_pointer (&self->alive, g_hash_table_unref);

  G_OBJECT_CLASS (affari_deal_rows_parent_class)->finalize (object);
}

static void
affari_deal_rows_class_init (AffariDealRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = affari_deal_rows_dispose;
  object_class->finalize = affari_deal_rows_finalize;

  signals[ROWS_REBOUND] =
    g_signal_new ("rows-rebound", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
affari_deal_rows_init (AffariDealRows *self)
{
  self->alive = g_hash_table_new (NULL, NULL);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
}

AffariDealRows *
affari_deal_rows_new (AffariDealList *deals)
{
  AffariDealRows *self;

  g_return_val_if_fail (AFFARI_IS_DEAL_LIST (deals), NULL);

  self = g_object_new (AFFARI_TYPE_DEAL_ROWS, NULL);
  self->deals = g_object_ref (deals);
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (deals));
  affari_deal_list_set_whole_changes (deals, TRUE);
  self->handler = g_signal_connect (deals, "items-changed", G_CALLBACK (on_deals_items_changed_cb), self);
  return self;
}

void
affari_deal_rows_hold (AffariDealRows *self,
                       guint           first,
                       guint           n)
{
  g_return_if_fail (AFFARI_IS_DEAL_ROWS (self));

  self->holding = TRUE;
  self->eager_first = first;
  self->eager_end = first + n;
}

void
affari_deal_rows_release (AffariDealRows *self)
{
  g_autoptr(GPtrArray) held = NULL;

  g_return_if_fail (AFFARI_IS_DEAL_ROWS (self));

  self->holding = FALSE;
  if (self->held == NULL || self->held->len == 0)
    return;
  held = g_steal_pointer (&self->held);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < held->len; i++)
    {
      AffariDealRow *row = g_ptr_array_index (held, i);

      if (row->stale)
        row_refresh (row);
    }
}

gboolean
affari_deal_rows_is_holding (AffariDealRows *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_ROWS (self), FALSE);

  return self->holding || self->held->len > 0;
}
