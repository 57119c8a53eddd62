/* affari-deal-list.c — a lazily loaded GListModel of deals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-deal-list.h"
#include "affari-error.h"
#include "affari-deal-private.h"
#include "store/affari-store.h"

#define PAGE_SIZE 64
#define MAX_PAGES 24
#define FIRST_PAGE_SIZE 16
/* A change adding more rows than this is told as removals, then insertions (see apply_ids). */
#define SPLIT_CHANGE_ABOVE 256

struct _AffariDealList
{
  GObject parent_instance;

  AffariStore *store;
  AffariDealQuery *query;
  GArray *ids;              /* gint64, in list order */
  GHashTable *pages;        /* page index → GPtrArray of AffariDeal (strong) */
  GQueue page_lru;          /* page indices, most recent first */
  GHashTable *alive;        /* AliveKey → AffariDeal (weak): every object handed out */
  guint refresh_source;
  gboolean needs_query;     /* the pending refresh reads the ids again */
  GArray *removed;          /* gint64: deals that left the stage, for a refresh without a query */
  GArray *arrived;          /* Arrival: deals moved in, for a refresh without a query */
  guint verify_source;      /* reads the ids again after arrivals, once the frame is painted */
  GPtrArray *recent;        /* AffariDeal: the arrived deals, alive until their rows are bound */
  gboolean reload_all;      /* the store was reset: every object may be out of date */
  guint n_queries;          /* reads of ids or pages, for tests and the benchmark */
  gboolean frozen;          /* nobody looks: note changes, refresh when thawed */
  gboolean whole_changes;   /* never split a change (the model above rebinds rows in place) */
  guint first_only;         /* the first read stops after this many ids (then 0) */
  gboolean partial;         /* only the first ids are read: see affari_deal_list_read_all () */
  gulong handlers[4];
};

/* A deal moved into a one-stage list, at @position among the others (G_MAXUINT = at the end). */
typedef struct {
  gint64      id;
  guint       position;
  AffariDeal *deal;        /* read when the store said it moved (owned), or NULL */
} Arrival;

static void
arrival_clear (gpointer data)
{
  g_clear_object (&((Arrival *) data)->deal);
}

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AffariDealList, affari_deal_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_QUERY,
  PROP_N_ITEMS,
  PROP_FIRST_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------- object cache */

/* The key of an object in the alive table, also the data of its weak reference: the id is gone
 * with the object when the reference fires, and a scan of the table for every finalized deal
 * made scrolling quadratic. */
typedef struct {
  gint64          id;       /* first: the key hashes as a gint64 */
  AffariDealList *list;
} AliveKey;

static void
on_deal_finalized (gpointer data, GObject *where_the_object_was)
{
  AliveKey *key = data;

  g_hash_table_remove (key->list->alive, key);
}

static void
forget_alive (AffariDealList *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_object_weak_unref (value, on_deal_finalized, key);
  g_hash_table_remove_all (self->alive);
}

static void
clear_pages (AffariDealList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->page_lru);
}

/* The object for a freshly loaded deal: the one already handed out, updated, or the new one. */
static AffariDeal *
adopt (AffariDealList *self, AffariDeal *fresh)
{
  AffariDeal *known = g_hash_table_lookup (self->alive, &fresh->id);

  if (known != NULL)
    {
      affari_deal_update_from (known, fresh);
      return g_object_ref (known);
    }

  {
    AliveKey *key = g_new (AliveKey, 1);
    key->id = fresh->id;
    key->list = self;
    g_hash_table_insert (self->alive, key, fresh);
    g_object_weak_ref (G_OBJECT (fresh), on_deal_finalized, key);
  }
  return g_object_ref (fresh);
}

static GPtrArray *
load_page (AffariDealList *self, guint page, guint need)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  GPtrArray *deals;
  guint start = page * PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->ids->len - start);

  /* A first frame shows a few cards of a column: only they are read (@need: up to the one asked
   * for; a card further down finds the page short and reads it whole, see list_get_item). */
  if (self->partial && page == 0)
    n = MIN (n, MAX (FIRST_PAGE_SIZE, need));

  self->n_queries++;
  fresh = affari_store_load_deals (self->store, &g_array_index (self->ids, gint64, start), n, &error);
  if (fresh == NULL)
    {
      /* A damaged file is the start-up check's to say (the window's banner), not a bug: the
       * cards that cannot be read stay empty. */
      if (g_error_matches (error, AFFARI_ERROR, AFFARI_ERROR_CORRUPT))
        g_debug ("Could not load deals: %s", error->message);
      else
        g_warning ("Could not load deals: %s", error->message);
      return NULL;
    }

  deals = g_ptr_array_new_full (fresh->len, g_object_unref);
  for (guint i = 0; i < fresh->len; i++)
    g_ptr_array_add (deals, adopt (self, g_ptr_array_index (fresh, i)));

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), deals);
  g_queue_push_head (&self->page_lru, GUINT_TO_POINTER (page));
  while (g_queue_get_length (&self->page_lru) > MAX_PAGES)
    {
      gpointer oldest = g_queue_pop_tail (&self->page_lru);
      g_hash_table_remove (self->pages, oldest);
    }
  return deals;
}

static AffariDeal *
find_in_page (GPtrArray *deals, gint64 id)
{
  for (guint i = 0; i < deals->len; i++)
    {
      AffariDeal *deal = g_ptr_array_index (deals, i);
      if (deal->id == id)
        return deal;
    }
  return NULL;
}

/* ------------------------------------------------------------ list model */

static GType
list_get_item_type (GListModel *model)
{
  return AFFARI_TYPE_DEAL;
}

static guint
list_get_n_items (GListModel *model)
{
  return AFFARI_DEAL_LIST (model)->ids->len;
}

/* An empty deal with the id: a list model gives an item for every position it counts, even
 * one that cannot be read. */
static AffariDeal *
placeholder (gint64 id)
{
  AffariDeal *deal = affari_deal_new ();

  affari_deal_set_id_internal (deal, id);
  return deal;
}

static gpointer
list_get_item (GListModel *model, guint position)
{
  AffariDealList *self = AFFARI_DEAL_LIST (model);
  guint page = position / PAGE_SIZE;
  gint64 id;
  GPtrArray *deals;
  AffariDeal *deal;
  gboolean fresh = FALSE;

  if (position >= self->ids->len)
    return NULL;
  id = g_array_index (self->ids, gint64, position);

  /* A deal still shown somewhere (a bound row) needs no query: after a change shifts the rows
   * of a column, GTK asks again for every one of them. The store's signals keep it current. */
  deal = g_hash_table_lookup (self->alive, &id);
  if (deal != NULL)
    return g_object_ref (deal);

  deals = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (deals == NULL)
    {
      deals = load_page (self, page, position % PAGE_SIZE + 1);
      fresh = TRUE;
    }
  else if (g_queue_peek_head (&self->page_lru) != GUINT_TO_POINTER (page))
    {
      g_queue_remove (&self->page_lru, GUINT_TO_POINTER (page));
      g_queue_push_head (&self->page_lru, GUINT_TO_POINTER (page));
    }
  if (deals == NULL)
    return placeholder (id);   /* the page cannot be read (a damaged file) */

  /* Pages usually hold every id in order; a deal deleted meanwhile leaves a gap, and a deal that
   * left or arrived shifts the ones after it by one, maybe into the page before or after. */
  deal = position % PAGE_SIZE < deals->len ? g_ptr_array_index (deals, position % PAGE_SIZE) : NULL;
  if (deal == NULL || deal->id != id)
    deal = find_in_page (deals, id);
  for (int step = -1; deal == NULL && step <= 1; step += 2)
    {
      GPtrArray *next = (int) page + step >= 0 ? g_hash_table_lookup (self->pages, GINT_TO_POINTER ((int) page + step)) : NULL;

      if (next != NULL)
        deal = find_in_page (next, id);
    }
  if (deal == NULL && !fresh)
    {
      /* Not where it was: this page is read again. */
      g_queue_remove (&self->page_lru, GUINT_TO_POINTER (page));
      deals = load_page (self, page, PAGE_SIZE);
      deal = deals != NULL ? find_in_page (deals, id) : NULL;
    }
  if (deal == NULL)
    return placeholder (id);   /* gone from the database before our refresh ran */
  return g_object_ref (deal);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

/* --------------------------------------------------------------- refresh */

static void
apply_ids (AffariDealList *self, GArray *ids)
{
  g_autoptr(GArray) old = self->ids;
  guint prefix = 0, suffix = 0, removed, added;
  guint old_len = old->len, new_len = ids->len;

  while (prefix < old_len && prefix < new_len &&
         g_array_index (old, gint64, prefix) == g_array_index (ids, gint64, prefix))
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         g_array_index (old, gint64, old_len - 1 - suffix) == g_array_index (ids, gint64, new_len - 1 - suffix))
    suffix++;

  removed = old_len - prefix - suffix;
  added = new_len - prefix - suffix;

  /* The same ids (a check after an arrival): the pages still hold them where they were. */
  if (removed == 0 && added == 0)
    {
      self->ids = g_array_ref (ids);
      return;
    }

  /* GTK 4.8's list views look up every added item when a change also removes rows that had
   * widgets (to reuse them): one deal moved from the top to the bottom of a 50,000-deal column,
   * or a new sort order of a million deals, would load every page. So a single moved deal is
   * said as one removal and one insertion, and a large change as all removals, then all
   * insertions. Between the two the model holds exactly what the first signal said. */
  if (removed == added && removed >= 2 && !self->whole_changes)
    {
      const gint64 *o = &g_array_index (old, gint64, prefix);
      const gint64 *n = &g_array_index (ids, gint64, prefix);
      gboolean down = o[0] == n[removed - 1] && memcmp (o + 1, n, (removed - 1) * sizeof (gint64)) == 0;
      gboolean up = !down && o[removed - 1] == n[0] && memcmp (o, n + 1, (removed - 1) * sizeof (gint64)) == 0;

      if (down || up)
        {
          guint from = down ? prefix : prefix + removed - 1;
          guint to = down ? prefix + removed - 1 : prefix;

          self->ids = g_array_copy (old);
          g_array_remove_index (self->ids, from);
          clear_pages (self);
          g_list_model_items_changed (G_LIST_MODEL (self), from, 1, 0);
          g_clear_pointer (&self->ids, g_array_unref);
          self->ids = g_array_ref (ids);
          clear_pages (self);
          g_list_model_items_changed (G_LIST_MODEL (self), to, 0, 1);
          return;
        }
    }

  if (removed > 0 && added > SPLIT_CHANGE_ABOVE && !self->whole_changes)
    {
      GArray *rest = g_array_sized_new (FALSE, FALSE, sizeof (gint64), prefix + suffix);

      g_array_append_vals (rest, old->data, prefix);
      g_array_append_vals (rest, &g_array_index (old, gint64, old_len - suffix), suffix);
      self->ids = rest;
      clear_pages (self);
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, 0);
      g_clear_pointer (&self->ids, g_array_unref);
      self->ids = g_array_ref (ids);
      clear_pages (self);
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, 0, added);
    }
  else
    {
      self->ids = g_array_ref (ids);
      clear_pages (self);
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
    }
  if (old_len != new_len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

void
affari_deal_list_refresh (AffariDealList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_if_fail (AFFARI_IS_DEAL_LIST (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->verify_source, g_source_remove);
  self->needs_query = FALSE;
  g_array_set_size (self->removed, 0);
  g_array_set_size (self->arrived, 0);
  self->n_queries++;
  if (self->first_only > 0)
    {
      ids = affari_store_query_first_deal_ids (self->store, self->query, self->first_only, &error);
      self->partial = ids != NULL && ids->len == self->first_only;
      self->first_only = 0;
    }
  else
    {
      ids = affari_store_query_deal_ids (self->store, self->query, &error);
      self->partial = FALSE;
    }
  if (ids == NULL)
    {
      g_warning ("Could not query deals: %s", error->message);
      return;
    }

  if (self->reload_all)
    {
      guint old_len = self->ids->len;

      /* New objects for every row: the ones shown may no longer say the truth. */
      self->reload_all = FALSE;
      clear_pages (self);
      forget_alive (self);
      g_array_unref (self->ids);
      self->ids = g_array_ref (ids);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, ids->len);
      if (old_len != ids->len)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
      return;
    }

  apply_ids (self, ids);
}

/* Deals that left a one-stage list: the others keep their order, so no query is needed. */
static void
apply_removals (AffariDealList *self)
{
  for (guint i = 0; i < self->removed->len; i++)
    {
      guint position = affari_deal_list_find (self, g_array_index (self->removed, gint64, i));

      if (position == G_MAXUINT)
        continue;

      /* The pages stay: the deals after it are found one place earlier (list_get_item). */
      g_array_remove_index (self->ids, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  g_array_set_size (self->removed, 0);
}

/* Deals moved in where the mover said they go: the common case of a drop on a Kanban column,
 * applied before the next frame without reading the column's ids again. */
static void
apply_arrivals (AffariDealList *self)
{
  for (guint i = 0; i < self->arrived->len; i++)
    {
      Arrival *arrival = &g_array_index (self->arrived, Arrival, i);
      guint position = MIN (arrival->position, self->ids->len);

      if (affari_deal_list_find (self, arrival->id) != G_MAXUINT)
        continue;

      /* Its row finds it alive: no page is read for one newcomer. Kept until after the frame. */
      if (arrival->deal != NULL)
        g_ptr_array_add (self->recent, adopt (self, arrival->deal));
      g_array_insert_val (self->ids, position, arrival->id);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  g_array_set_size (self->arrived, 0);
}

/* The ids once more, after the frame: where the store put a deal is the truth. */
static gboolean
verify_cb (gpointer data)
{
  AffariDealList *self = data;

  self->verify_source = 0;
  g_ptr_array_set_size (self->recent, 0);
  if (!self->frozen)
    affari_deal_list_refresh (self);
  return G_SOURCE_REMOVE;
}

static gboolean
refresh_cb (gpointer data)
{
  AffariDealList *self = data;

  self->refresh_source = 0;
  if (self->needs_query)
    affari_deal_list_refresh (self);
  else
    {
      apply_removals (self);
      apply_arrivals (self);
    }
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (AffariDealList *self)
{
  /* A hidden view's list waits: it catches up in one read when it is shown again. */
  if (self->frozen)
    {
      self->needs_query = TRUE;
      return;
    }

  /* Before the next frame is laid out and painted (GDK redraws at HIGH_IDLE + 20). */
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_cb, self, NULL);
}

static void
schedule_refresh (AffariDealList *self)
{
  self->needs_query = TRUE;
  queue_refresh (self);
}

/* Whether the list is one whole stage in its own order, where the change set's index of a deal
 * that arrived is its position here. A filtered list holds a part of the stage. */
static gboolean
takes_arrivals (AffariDealList *self)
{
  return self->query->stage_id > 0 && self->query->sort == AFFARI_DEAL_SORT_POSITION &&
         !self->query->descending && !affari_deal_query_has_filter (self->query);
}

static void
apply_change (AffariDealList         *self,
              const AffariDealChange *change,
              gboolean               *needs_query)
{
  gint64 deal_id = change->deal_id;
  AffariDeal *known;

  /* A column of another stage is not concerned. */
  if (self->query->stage_id > 0 && self->query->stage_id != change->old_stage_id &&
      self->query->stage_id != change->new_stage_id)
    return;

  /* Widgets showing the deal update at once through its properties. */
  known = g_hash_table_lookup (self->alive, &deal_id);
  if (known != NULL && change->after != NULL)
    affari_deal_update_from (known, change->after);

  /* Leaving the stage of a Kanban column (moved, trashed) is the common case of a drop: applied
   * before the next frame without reading the column's ids again, so that the source column of
   * a drop costs nothing. */
  if (self->query->stage_id > 0 && change->old_stage_id == self->query->stage_id &&
      change->new_stage_id != change->old_stage_id)
    {
      /* Gone again before its arrival was shown (an undo at once): it never arrives. */
      for (guint i = self->arrived->len; i > 0; i--)
        if (g_array_index (self->arrived, Arrival, i - 1).id == deal_id)
          g_array_remove_index (self->arrived, i - 1);
      g_array_append_val (self->removed, deal_id);
      return;
    }

  /* Arriving where the change set says it landed: inserted before the next frame without
   * reading the ids (read once more after the frame, to make sure). */
  if (change->new_stage_id == self->query->stage_id && change->old_stage_id != change->new_stage_id &&
      change->index != AFFARI_CHANGE_INDEX_UNKNOWN && change->after != NULL && takes_arrivals (self) &&
      !self->frozen)
    {
      Arrival arrival = { deal_id, change->index < 0 ? G_MAXUINT : (guint) change->index, g_object_ref (change->after) };

      g_array_append_val (self->arrived, arrival);
      if (self->verify_source == 0)
        self->verify_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, verify_cb, self, NULL);
      return;
    }

  /* Anything else (a new order, a field the query filters or sorts on) reads the ids again. */
  *needs_query = TRUE;
}

static void
on_store_changed_cb (AffariStore     *store,
                     AffariChangeSet *set,
                     AffariDealList  *self)
{
  gboolean needs_query = FALSE;
  guint n = affari_change_set_get_n_deals (set);

  for (guint i = 0; i < n; i++)
    apply_change (self, affari_change_set_get_deal (set, i), &needs_query);

  if (needs_query)
    schedule_refresh (self);
  else if (self->removed->len > 0 || self->arrived->len > 0)
    queue_refresh (self);
}

static void
on_store_reset_cb (AffariStore *store, AffariDealList *self)
{
  self->reload_all = TRUE;
  schedule_refresh (self);
}

static void
on_stages_changed_cb (AffariStore *store, gint64 pipeline_id, AffariDealList *self)
{
  if (self->query->pipeline_id == 0 || self->query->pipeline_id == pipeline_id)
    schedule_refresh (self);
}

/* ---------------------------------------------------------------- object */

static void
affari_deal_list_dispose (GObject *object)
{
  AffariDealList *self = AFFARI_DEAL_LIST (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->verify_source, g_source_remove);
  if (self->store != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (self->handlers); i++)
        g_clear_signal_handler (&self->handlers[i], self->store);
    }
  clear_pages (self);
  forget_alive (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (affari_deal_list_parent_class)->dispose (object);
}

static void
affari_deal_list_finalize (GObject *object)
{
  AffariDealList *self = AFFARI_DEAL_LIST (object);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->alive, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->removed, g_array_unref);
  g_clear_pointer (&self->arrived, g_array_unref);
  g_clear_pointer (&self->recent, g_ptr_array_unref);
  g_clear_pointer (&self->query, affari_deal_query_free);

  G_OBJECT_CLASS (affari_deal_list_parent_class)->finalize (object);
}

static void
affari_deal_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  AffariDealList *self = AFFARI_DEAL_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_QUERY:
      g_value_set_boxed (value, self->query);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_deal_list_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  AffariDealList *self = AFFARI_DEAL_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_QUERY:
      if (g_value_get_boxed (value) != NULL)
        affari_deal_list_set_query (self, g_value_get_boxed (value));
      break;
    case PROP_FIRST_ONLY:
      self->first_only = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_deal_list_constructed (GObject *object)
{
  AffariDealList *self = AFFARI_DEAL_LIST (object);

  G_OBJECT_CLASS (affari_deal_list_parent_class)->constructed (object);

  g_return_if_fail (AFFARI_IS_STORE (self->store));
  self->handlers[0] = g_signal_connect (self->store, "changed", G_CALLBACK (on_store_changed_cb), self);
  self->handlers[1] = g_signal_connect (self->store, "reset", G_CALLBACK (on_store_reset_cb), self);
  self->handlers[2] = g_signal_connect (self->store, "stages-changed", G_CALLBACK (on_stages_changed_cb), self);
  self->handlers[3] = g_signal_connect_swapped (self->store, "pipelines-changed", G_CALLBACK (schedule_refresh), self);
  affari_deal_list_refresh (self);
}

static void
affari_deal_list_class_init (AffariDealListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = affari_deal_list_dispose;
  object_class->finalize = affari_deal_list_finalize;
  object_class->get_property = affari_deal_list_get_property;
  object_class->set_property = affari_deal_list_set_property;
  object_class->constructed = affari_deal_list_constructed;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, AFFARI_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] =
    g_param_spec_boxed ("query", NULL, NULL, AFFARI_TYPE_DEAL_QUERY,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIRST_ONLY] =
    g_param_spec_uint ("first-only", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
affari_deal_list_init (AffariDealList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->removed = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->arrived = g_array_new (FALSE, FALSE, sizeof (Arrival));
  g_array_set_clear_func (self->arrived, arrival_clear);
  self->recent = g_ptr_array_new_with_free_func (g_object_unref);
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->alive = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);   /* AliveKey */
  self->query = affari_deal_query_new ();
  g_queue_init (&self->page_lru);
}

/* ------------------------------------------------------------ public API */

AffariDealList *
affari_deal_list_new (AffariStore *store, const AffariDealQuery *query)
{
  return affari_deal_list_new_first (store, query, 0);
}

AffariDealList *
affari_deal_list_new_first (AffariStore           *store,
                            const AffariDealQuery *query,
                            guint                  n)
{
  g_autoptr(AffariDealQuery) fallback = query ? NULL : affari_deal_query_new ();

  return g_object_new (AFFARI_TYPE_DEAL_LIST, "store", store, "query", query ? query : fallback,
                       "first-only", n, NULL);
}

void
affari_deal_list_read_all (AffariDealList *self)
{
  g_return_if_fail (AFFARI_IS_DEAL_LIST (self));

  if (!self->partial)
    return;
  if (self->frozen)
    self->needs_query = TRUE;
  else
    affari_deal_list_refresh (self);
}

gboolean
affari_deal_list_is_partial (AffariDealList *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LIST (self), FALSE);
  return self->partial;
}

AffariStore *
affari_deal_list_get_store (AffariDealList *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LIST (self), NULL);
  return self->store;
}

const AffariDealQuery *
affari_deal_list_get_query (AffariDealList *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LIST (self), NULL);
  return self->query;
}

void
affari_deal_list_set_query (AffariDealList *self, const AffariDealQuery *query)
{
  g_return_if_fail (AFFARI_IS_DEAL_LIST (self));
  g_return_if_fail (query != NULL);

  if (affari_deal_query_equal (self->query, query))
    return;
  affari_deal_query_free (self->query);
  self->query = affari_deal_query_copy (query);
  /* during construction the store is not set yet: constructed () loads */
  if (self->store != NULL && self->handlers[0] != 0)
    {
      if (self->frozen)
        self->needs_query = TRUE;
      else
        affari_deal_list_refresh (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

guint
affari_deal_list_find (AffariDealList *self, gint64 deal_id)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == deal_id)
      return i;
  return G_MAXUINT;
}

gint64
affari_deal_list_get_id_at (AffariDealList *self, guint position)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LIST (self), 0);
  return position < self->ids->len ? g_array_index (self->ids, gint64, position) : 0;
}

guint
affari_deal_list_get_n_loaded (AffariDealList *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LIST (self), 0);
  return g_hash_table_size (self->alive);
}

guint
affari_deal_list_get_n_queries (AffariDealList *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LIST (self), 0);
  return self->n_queries;
}

void
affari_deal_list_set_frozen (AffariDealList *self, gboolean frozen)
{
  g_return_if_fail (AFFARI_IS_DEAL_LIST (self));

  frozen = !!frozen;
  if (self->frozen == frozen)
    return;
  self->frozen = frozen;
  if (!frozen && self->needs_query)
    affari_deal_list_refresh (self);
}

gboolean
affari_deal_list_get_frozen (AffariDealList *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LIST (self), FALSE);
  return self->frozen;
}

/* For a model above this one that turns a change into rows rebound in place (the list view's
 * AffariDealRows): every change is told as one items-changed, as it is. */
void
affari_deal_list_set_whole_changes (AffariDealList *self,
                                    gboolean        whole)
{
  g_return_if_fail (AFFARI_IS_DEAL_LIST (self));

  self->whole_changes = whole;
}

