/* affari-change-set.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-change-set"

#include "config.h"

#include "affari-change-set.h"

struct _AffariChangeSet
{
  GObject parent_instance;

  char *label;
  GArray *deals;           /* AffariDealChange */
  GHashTable *positions;   /* deal id → index + 1 in deals */
  gpointer undo_data;
  GDestroyNotify undo_destroy;
  gboolean is_revert;
  gint64 author;
};

G_DEFINE_FINAL_TYPE (AffariChangeSet, affari_change_set, G_TYPE_OBJECT)

static void
clear_change (gpointer data)
{
  AffariDealChange *change = data;

  g_clear_object (&change->after);
}

static void
affari_change_set_finalize (GObject *object)
{
  AffariChangeSet *self = AFFARI_CHANGE_SET (object);

  g_free (self->label);
  g_array_unref (self->deals);
  g_hash_table_unref (self->positions);
  if (self->undo_destroy != NULL && self->undo_data != NULL)
    self->undo_destroy (self->undo_data);

  G_OBJECT_CLASS (affari_change_set_parent_class)->finalize (object);
}

static void
affari_change_set_class_init (AffariChangeSetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = affari_change_set_finalize;
}

static void
affari_change_set_init (AffariChangeSet *self)
{
  self->deals = g_array_new (FALSE, TRUE, sizeof (AffariDealChange));
  g_array_set_clear_func (self->deals, clear_change);
  self->positions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

AffariChangeSet *
affari_change_set_new (void)
{
  return g_object_new (AFFARI_TYPE_CHANGE_SET, NULL);
}

const char *
affari_change_set_get_label (AffariChangeSet *self)
{
  g_return_val_if_fail (AFFARI_IS_CHANGE_SET (self), NULL);

  return self->label;
}

void
affari_change_set_set_label (AffariChangeSet *self,
                             const char      *label)
{
  g_return_if_fail (AFFARI_IS_CHANGE_SET (self));

  g_free (self->label);
  self->label = g_strdup (label);
}

guint
affari_change_set_get_n_deals (AffariChangeSet *self)
{
  g_return_val_if_fail (AFFARI_IS_CHANGE_SET (self), 0);

  return self->deals->len;
}

const AffariDealChange *
affari_change_set_get_deal (AffariChangeSet *self,
                            guint            i)
{
  g_return_val_if_fail (AFFARI_IS_CHANGE_SET (self), NULL);
  g_return_val_if_fail (i < self->deals->len, NULL);

  return &g_array_index (self->deals, AffariDealChange, i);
}

const AffariDealChange *
affari_change_set_find (AffariChangeSet *self,
                        gint64           deal_id)
{
  guint position;

  g_return_val_if_fail (AFFARI_IS_CHANGE_SET (self), NULL);

  position = GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, &deal_id));
  return position == 0 ? NULL : &g_array_index (self->deals, AffariDealChange, position - 1);
}

gboolean
affari_change_set_touches_stage (AffariChangeSet *self,
                                 gint64           stage_id)
{
  g_return_val_if_fail (AFFARI_IS_CHANGE_SET (self), FALSE);

  for (guint i = 0; i < self->deals->len; i++)
    {
      const AffariDealChange *change = &g_array_index (self->deals, AffariDealChange, i);

      if (change->old_stage_id == stage_id || change->new_stage_id == stage_id)
        return TRUE;
    }

  return FALSE;
}

void
affari_change_set_add_deal (AffariChangeSet *self,
                            gint64           deal_id,
                            gint64           old_stage_id,
                            gint64           new_stage_id,
                            int              index)
{
  AffariDealChange *known;
  AffariDealChange change = { deal_id, old_stage_id, new_stage_id, index, NULL };

  g_return_if_fail (AFFARI_IS_CHANGE_SET (self));

  known = (AffariDealChange *) affari_change_set_find (self, deal_id);
  if (known != NULL)
    {
      known->new_stage_id = new_stage_id;
      known->index = index;
      return;
    }

  g_array_append_val (self->deals, change);
  g_hash_table_insert (self->positions, g_memdup2 (&deal_id, sizeof deal_id), GUINT_TO_POINTER (self->deals->len));
}

void
affari_change_set_set_after (AffariChangeSet *self,
                             gint64           deal_id,
                             AffariDeal      *after)
{
  AffariDealChange *change;

  g_return_if_fail (AFFARI_IS_CHANGE_SET (self));

  change = (AffariDealChange *) affari_change_set_find (self, deal_id);
  if (change != NULL)
    g_set_object (&change->after, after);
}

gint64
affari_change_set_get_first_deal_id (AffariChangeSet *self)
{
  g_return_val_if_fail (AFFARI_IS_CHANGE_SET (self), 0);

  return self->deals->len > 0 ? g_array_index (self->deals, AffariDealChange, 0).deal_id : 0;
}

gpointer
affari_change_set_get_undo_data (AffariChangeSet *self)
{
  g_return_val_if_fail (AFFARI_IS_CHANGE_SET (self), NULL);

  return self->undo_data;
}

void
affari_change_set_set_undo_data (AffariChangeSet *self,
                                 gpointer         data,
                                 GDestroyNotify   destroy)
{
  g_return_if_fail (AFFARI_IS_CHANGE_SET (self));

  if (self->undo_destroy != NULL && self->undo_data != NULL)
    self->undo_destroy (self->undo_data);
  self->undo_data = data;
  self->undo_destroy = destroy;
}

gboolean
affari_change_set_get_is_revert (AffariChangeSet *self)
{
  g_return_val_if_fail (AFFARI_IS_CHANGE_SET (self), FALSE);

  return self->is_revert;
}

void
affari_change_set_set_is_revert (AffariChangeSet *self,
                                 gboolean         is_revert)
{
  g_return_if_fail (AFFARI_IS_CHANGE_SET (self));

  self->is_revert = is_revert;
}

gint64
affari_change_set_get_author (AffariChangeSet *self)
{
  g_return_val_if_fail (AFFARI_IS_CHANGE_SET (self), 0);

  return self->author;
}

void
affari_change_set_set_author (AffariChangeSet *self,
                              gint64           author)
{
  g_return_if_fail (AFFARI_IS_CHANGE_SET (self));

  self->author = author;
}
