/* affari-store-changes.c — change sets: what a user change did, and putting it back
 *
 * A change of the deal operations layer (src/ops) runs between affari_store_begin_change () and
 * affari_store_end_change (): one transaction. Each deal it declares is photographed before the
 * first write and again before the commit: its row and the rows that belong to it alone
 * (activities, product rows, contacts, custom field values, extra fields). Undo writes the first
 * photograph back, redo the second, each in one transaction with a history event on the deal.
 * The history itself (events, stage history) is not photographed: an undo adds to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-store-private.h"

/* The rows a deal owns, in a stable order; the first is the deal itself. */
static const struct {
  const char *table;
  const char *select;
} parts[] = {
  { "deal",             "SELECT * FROM deal WHERE id = ?1" },
  { "activity",         "SELECT * FROM activity WHERE deal_id = ?1 ORDER BY id" },
  { "deal_product",     "SELECT * FROM deal_product WHERE deal_id = ?1 ORDER BY id" },
  { "deal_contact",     "SELECT * FROM deal_contact WHERE deal_id = ?1 ORDER BY contact_id" },
  { "deal_field_value", "SELECT * FROM deal_field_value WHERE deal_id = ?1 ORDER BY field_id" },
  { "deal_extra",       "SELECT * FROM deal_extra WHERE deal_id = ?1 ORDER BY key" },
  { "lead_info",        "SELECT * FROM lead_info WHERE deal_id = ?1" },
};
#define N_PARTS G_N_ELEMENTS (parts)

typedef struct {
  gint64 deal_id;
  gboolean created;           /* the change created the deal: "before" is it in the trash */
  StoreRows *parts[N_PARTS];
} StoreDealSnapshot;

/* The undo data of a change set: the deals before and after, in the same order. */
typedef struct {
  GPtrArray *before;          /* StoreDealSnapshot */
  GPtrArray *after;
  StoreImportMarks *import;   /* an import's: what it made (then before and after are empty) */
} StoreUndo;

static void
free_row_values (gpointer data,
                 gpointer n_cols)
{
  sqlite3_value **values = data;

  for (guint i = 0; i < GPOINTER_TO_UINT (n_cols); i++)
    sqlite3_value_free (values[i]);
  g_free (values);
}

void
store_rows_free (StoreRows *rows)
{
  if (rows == NULL)
    return;
  /* Each row's values go with their count: a GPtrArray free function has no user data. */
  g_ptr_array_foreach (rows->rows, free_row_values, GUINT_TO_POINTER (rows->n_cols));
  g_ptr_array_unref (rows->rows);
  g_strfreev (rows->cols);
  g_free (rows);
}

static void
store_deal_snapshot_free (gpointer data)
{
  StoreDealSnapshot *snapshot = data;

  for (guint i = 0; i < N_PARTS; i++)
    store_rows_free (snapshot->parts[i]);
  g_free (snapshot);
}

void
store_undo_free (gpointer data)
{
  StoreUndo *undo = data;

  g_clear_pointer (&undo->before, g_ptr_array_unref);
  g_clear_pointer (&undo->after, g_ptr_array_unref);
  g_clear_pointer (&undo->import, store_import_marks_free);
  g_free (undo);
}

gpointer
store_undo_new_import (StoreImportMarks *marks)
{
  StoreUndo *undo = g_new0 (StoreUndo, 1);

  undo->before = g_ptr_array_new ();
  undo->after = g_ptr_array_new ();
  undo->import = marks;
  return undo;
}

gboolean
affari_store_change_is_import (AffariChangeSet *set)
{
  StoreUndo *undo = affari_change_set_get_undo_data (set);

  return undo != NULL && undo->import != NULL;
}

StoreRows *
store_rows_read (AffariStore  *self,
                 const char   *select,
                 gint64        id,
                 GError      **error)
{
  sqlite3_stmt *stmt = store_prepare (self, select, error);
  StoreRows *rows;
  int rc;

  if (stmt == NULL)
    return NULL;

  rows = g_new0 (StoreRows, 1);
  rows->n_cols = sqlite3_column_count (stmt);
  rows->cols = g_new0 (char *, rows->n_cols + 1);
  for (guint i = 0; i < rows->n_cols; i++)
    rows->cols[i] = g_strdup (sqlite3_column_name (stmt, i));
  rows->rows = g_ptr_array_new ();

  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      sqlite3_value **values = g_new0 (sqlite3_value *, rows->n_cols);

      for (guint i = 0; i < rows->n_cols; i++)
        values[i] = sqlite3_value_dup (sqlite3_column_value (stmt, i));
      g_ptr_array_add (rows->rows, values);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      store_rows_free (rows);
      store_fail (self, error, rc, "snapshot");
      return NULL;
    }

  return rows;
}

static StoreDealSnapshot *
take_snapshot (AffariStore  *self,
               gint64        deal_id,
               GError      **error)
{
  StoreDealSnapshot *snapshot = g_new0 (StoreDealSnapshot, 1);

  snapshot->deal_id = deal_id;
  for (guint i = 0; i < N_PARTS; i++)
    {
      snapshot->parts[i] = store_rows_read (self, parts[i].select, deal_id, error);
      if (snapshot->parts[i] == NULL)
        {
          store_deal_snapshot_free (snapshot);
          return NULL;
        }
    }
  if (snapshot->parts[0]->rows->len == 0)
    {
      store_deal_snapshot_free (snapshot);
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal does not exist any more"));
      return NULL;
    }

  return snapshot;
}

static StoreRows *
store_rows_copy (const StoreRows *rows)
{
  StoreRows *copy = g_new0 (StoreRows, 1);

  copy->n_cols = rows->n_cols;
  copy->cols = g_strdupv (rows->cols);
  copy->rows = g_ptr_array_new ();
  for (guint r = 0; r < rows->rows->len; r++)
    {
      sqlite3_value **values = g_ptr_array_index (rows->rows, r);
      sqlite3_value **dup = g_new0 (sqlite3_value *, rows->n_cols);

      for (guint c = 0; c < rows->n_cols; c++)
        dup[c] = sqlite3_value_dup (values[c]);
      g_ptr_array_add (copy->rows, dup);
    }

  return copy;
}

/* What undoing a creation puts back: the new deal as it is, but in the trash (restorable, as a
 * trashed deal is; redo takes it out again). */
static StoreDealSnapshot *
trashed_copy (AffariStore        *self,
              StoreDealSnapshot  *after,
              GError            **error)
{
  StoreDealSnapshot *copy = g_new0 (StoreDealSnapshot, 1);
  StoreRows *deal;
  sqlite3_stmt *stmt;

  copy->deal_id = after->deal_id;
  for (guint i = 0; i < N_PARTS; i++)
    copy->parts[i] = store_rows_copy (after->parts[i]);

  /* A value of the right type comes from SQLite itself. */
  stmt = store_prepare (self, "SELECT ?1", error);
  if (stmt == NULL)
    {
      store_deal_snapshot_free (copy);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, affari_store_now (self));
  deal = copy->parts[0];
  if (sqlite3_step (stmt) == SQLITE_ROW)
    for (guint c = 0; c < deal->n_cols; c++)
      if (g_str_equal (deal->cols[c], "deleted_at"))
        {
          sqlite3_value **values = g_ptr_array_index (deal->rows, 0);

          sqlite3_value_free (values[c]);
          values[c] = sqlite3_value_dup (sqlite3_column_value (stmt, 0));
        }
  sqlite3_reset (stmt);
  return copy;
}

static gboolean
values_equal (sqlite3_value *a,
              sqlite3_value *b)
{
  int type = sqlite3_value_type (a);

  if (type != sqlite3_value_type (b))
    return FALSE;

  switch (type)
    {
    case SQLITE_INTEGER:
      return sqlite3_value_int64 (a) == sqlite3_value_int64 (b);
    case SQLITE_FLOAT:
      return sqlite3_value_double (a) == sqlite3_value_double (b);
    case SQLITE_NULL:
      return TRUE;
    default:
      {
        int n = sqlite3_value_bytes (a);

        /* An empty text ('' — a lead's unset fields) has no bytes to compare (and no pointer). */
        return n == sqlite3_value_bytes (b) &&
               (n == 0 || memcmp (sqlite3_value_blob (a), sqlite3_value_blob (b), n) == 0);
      }
    }
}

/* The deal's row version (migration 11) is not part of what a person changed: an undo compares
 * the fields, and its write makes a new version by the trigger like every other write. */
static gboolean
is_version (const char *column)
{
  return g_str_equal (column, "version");
}

static gboolean
rows_equal (StoreRows *a,
            StoreRows *b)
{
  if (a->n_cols != b->n_cols || a->rows->len != b->rows->len)
    return FALSE;

  for (guint r = 0; r < a->rows->len; r++)
    {
      sqlite3_value **x = g_ptr_array_index (a->rows, r);
      sqlite3_value **y = g_ptr_array_index (b->rows, r);

      for (guint c = 0; c < a->n_cols; c++)
        if (!is_version (a->cols[c]) && !values_equal (x[c], y[c]))
          return FALSE;
    }

  return TRUE;
}

/* The deal row's value of @column as an integer (0 when NULL or missing). */
static gint64
deal_int (StoreDealSnapshot *snapshot,
          const char        *column)
{
  StoreRows *rows = snapshot->parts[0];
  sqlite3_value **values = g_ptr_array_index (rows->rows, 0);

  for (guint i = 0; i < rows->n_cols; i++)
    if (g_str_equal (rows->cols[i], column))
      return sqlite3_value_int64 (values[i]);

  return 0;
}

/* The stage of a live deal; 0 for one in the trash or a recurring template. */
static gint64
live_stage (StoreDealSnapshot *snapshot)
{
  if (deal_int (snapshot, "deleted_at") != 0 || deal_int (snapshot, "is_recurring") != 0)
    return 0;
  return deal_int (snapshot, "stage_id");
}

static gboolean
write_deal_row (AffariStore  *self,
                StoreRows    *rows,
                GError      **error)
{
  sqlite3_value **values = g_ptr_array_index (rows->rows, 0);
  g_autoptr(GString) sql = g_string_new ("UPDATE deal SET ");
  sqlite3_stmt *stmt;
  guint id_col = 0;
  int n = 0;

  for (guint i = 0; i < rows->n_cols; i++)
    {
      if (g_str_equal (rows->cols[i], "id"))
        {
          id_col = i;
          continue;
        }
      if (is_version (rows->cols[i]))
        continue;
      /* Column names come from the schema, never from a user. */
      g_string_append_printf (sql, "%s\"%s\" = ?%u", n++ > 0 ? ", " : "", rows->cols[i], i + 1);
    }
  g_string_append_printf (sql, " WHERE id = ?%u", id_col + 1);

  stmt = store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < rows->n_cols; i++)
    if (!is_version (rows->cols[i]))
      sqlite3_bind_value (stmt, i + 1, values[i]);
  return store_step_done (self, stmt, error);
}

gboolean
store_rows_insert (AffariStore      *self,
                   const char       *table,
                   const StoreRows  *rows,
                   GError          **error)
{
  g_autoptr(GString) insert_sql = g_string_new (NULL);

  if (rows->rows->len == 0)
    return TRUE;

  g_string_append_printf (insert_sql, "INSERT INTO \"%s\" (", table);
  for (guint i = 0; i < rows->n_cols; i++)
    g_string_append_printf (insert_sql, "%s\"%s\"", i > 0 ? ", " : "", rows->cols[i]);
  g_string_append (insert_sql, ") VALUES (");
  for (guint i = 0; i < rows->n_cols; i++)
    g_string_append_printf (insert_sql, "%s?%u", i > 0 ? ", " : "", i + 1);
  g_string_append (insert_sql, ")");

  for (guint r = 0; r < rows->rows->len; r++)
    {
      sqlite3_value **values = g_ptr_array_index (rows->rows, r);
      sqlite3_stmt *stmt = store_prepare (self, insert_sql->str, error);

      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < rows->n_cols; i++)
        sqlite3_bind_value (stmt, i + 1, values[i]);
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_child_rows (AffariStore  *self,
                  guint         part,
                  gint64        deal_id,
                  StoreRows    *rows,
                  GError      **error)
{
  g_autofree char *delete_sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE deal_id = ?", parts[part].table);
  sqlite3_stmt *stmt = store_prepare (self, delete_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  if (!store_step_done (self, stmt, error))
    return FALSE;
  return store_rows_insert (self, parts[part].table, rows, error);
}

static gboolean
restore_snapshot (AffariStore        *self,
                  StoreDealSnapshot  *current,
                  StoreDealSnapshot  *target,
                  const char         *note,
                  GError            **error)
{
  gint64 deal_id = target->deal_id;
  gint64 old_stage = live_stage (current);
  gint64 new_stage = live_stage (target);

  if (!write_deal_row (self, target->parts[0], error))
    return FALSE;
  for (guint i = 1; i < N_PARTS; i++)
    if (!rows_equal (current->parts[i], target->parts[i]) &&
        !write_child_rows (self, i, deal_id, target->parts[i], error))
      return FALSE;

  if (deal_int (current, "stage_id") != deal_int (target, "stage_id"))
    {
      StoreStageInfo info = { 0 };
      gboolean ok = store_stage_info (self, deal_int (target, "stage_id"), &info, error);

      ok = ok && store_add_stage_history (self, deal_id, info.semantics != AFFARI_SEMANTICS_PROCESS ? 3 : 2,
                                          info.pipeline_id, info.semantics, deal_int (target, "stage_id"), error);
      g_free (info.name);
      if (!ok)
        return FALSE;
    }
  if (!store_add_event (self, deal_id, AFFARI_EVENT_UNDONE, NULL, NULL, NULL, note, error))
    return FALSE;

  store_queue_deal (self, deal_id, old_stage, new_stage);
  return TRUE;
}

/* ------------------------------------------------------------------ public */

gboolean
affari_store_begin_change (AffariStore   *self,
                           const gint64  *deal_ids,
                           guint          n_deals,
                           GError       **error)
{
  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->change_before == NULL, FALSE);

  if (!store_tx_begin (self, error))
    return FALSE;

  self->change_before = g_ptr_array_new_with_free_func (store_deal_snapshot_free);
  for (guint i = 0; i < n_deals; i++)
    if (!affari_store_change_add_deal (self, deal_ids[i], error))
      {
        g_clear_pointer (&self->change_before, g_ptr_array_unref);
        store_tx_rollback (self);
        return FALSE;
      }

  return TRUE;
}

gboolean
affari_store_change_add_deal (AffariStore  *self,
                              gint64        deal_id,
                              GError      **error)
{
  StoreDealSnapshot *snapshot;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->change_before != NULL, FALSE);

  for (guint i = 0; i < self->change_before->len; i++)
    if (((StoreDealSnapshot *) g_ptr_array_index (self->change_before, i))->deal_id == deal_id)
      return TRUE;

  snapshot = take_snapshot (self, deal_id, error);
  if (snapshot == NULL)
    return FALSE;
  g_ptr_array_add (self->change_before, snapshot);
  return TRUE;
}

gboolean
affari_store_change_add_created (AffariStore  *self,
                                 gint64        deal_id,
                                 GError      **error)
{
  StoreDealSnapshot *placeholder;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  /* An import remembers what it made by the rowids (affari-store-import-undo.c). */
  if (self->import_marks != NULL)
    return TRUE;
  g_return_val_if_fail (self->change_before != NULL, FALSE);

  /* Its "before" is known only once the change is complete (affari_store_end_change). */
  placeholder = g_new0 (StoreDealSnapshot, 1);
  placeholder->deal_id = deal_id;
  placeholder->created = TRUE;
  g_ptr_array_add (self->change_before, placeholder);
  return TRUE;
}

AffariChangeSet *
affari_store_end_change (AffariStore  *self,
                         gboolean      ok,
                         const char   *label,
                         GError      **error)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);
  g_return_val_if_fail (self->change_before != NULL, NULL);

  before = g_steal_pointer (&self->change_before);
  if (ok)
    {
      after = g_ptr_array_new_with_free_func (store_deal_snapshot_free);
      for (guint i = 0; ok && i < before->len; i++)
        {
          StoreDealSnapshot *was = g_ptr_array_index (before, i);
          StoreDealSnapshot *snapshot = take_snapshot (self, was->deal_id, error);

          ok = snapshot != NULL;
          if (ok)
            g_ptr_array_add (after, snapshot);
          if (ok && was->created)
            {
              StoreDealSnapshot *trashed = trashed_copy (self, snapshot, error);

              ok = trashed != NULL;
              if (ok)
                {
                  /* The placeholder leaves the array through its free function. */
                  g_ptr_array_index (before, i) = trashed;
                  store_deal_snapshot_free (was);
                }
            }
        }
    }

  /* Inside a batch (the sample data, an import) nothing is emitted per change and nothing is
   * undone one change at a time: the batch's "reset" stands for them all. */
  if (ok && self->batch_depth == 0)
    {
      StoreUndo *undo = g_new0 (StoreUndo, 1);

      undo->before = g_steal_pointer (&before);
      undo->after = g_steal_pointer (&after);
      self->building_undo = undo;
      self->building_label = g_strdup (label);
    }

  if (!store_tx_end (self, ok, error))
    {
      g_clear_pointer (&self->building_undo, store_undo_free);
      g_clear_pointer (&self->building_label, g_free);
      return NULL;
    }

  /* flush_pending () took the undo data and the label into the set it emitted. */
  return g_steal_pointer (&self->last_change);
}

gboolean
affari_store_change_is_undoable (AffariChangeSet *set)
{
  StoreUndo *undo = affari_change_set_get_undo_data (set);

  return undo != NULL && (undo->import != NULL || undo->before->len > 0);
}

gboolean
affari_store_revert_change (AffariStore      *self,
                            AffariChangeSet  *set,
                            gboolean          forward,
                            GError          **error)
{
  StoreUndo *undo;
  GPtrArray *target, *expected;
  g_autofree char *note = NULL;
  const char *label;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (AFFARI_IS_CHANGE_SET (set), FALSE);

  undo = affari_change_set_get_undo_data (set);
  if (undo == NULL)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT, _("This change cannot be undone"));
      return FALSE;
    }
  if (undo->import != NULL)
    return store_import_revert (self, undo->import, forward, error);
  target = forward ? undo->after : undo->before;
  expected = forward ? undo->before : undo->after;
  label = affari_change_set_get_label (set);
  if (label == NULL)
    label = _("Change");
  /* Translators: a history event; %s says what was undone ("Affare spostato in In corso"). */
  note = g_strdup_printf (forward ? _("Redone: %s") : _("Undone: %s"), label);

  if (!store_tx_begin (self, error))
    return FALSE;

  ok = TRUE;
  for (guint i = 0; ok && i < target->len; i++)
    {
      StoreDealSnapshot *want = g_ptr_array_index (target, i);
      StoreDealSnapshot *was = g_ptr_array_index (expected, i);
      StoreDealSnapshot *current = take_snapshot (self, want->deal_id, error);

      ok = current != NULL;
      /* Changed since by something else (another window, the command line): writing the old
       * state back would lose that change silently. */
      for (guint p = 0; ok && p < N_PARTS; p++)
        if (!rows_equal (current->parts[p], was->parts[p]))
          {
            g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT,
                                 forward ? _("The deal was changed in the meantime: the change cannot be redone")
                                         : _("The deal was changed in the meantime: the change cannot be undone"));
            ok = FALSE;
          }
      ok = ok && restore_snapshot (self, current, want, note, error);
      if (current != NULL)
        store_deal_snapshot_free (current);
    }

  if (ok)
    {
      self->building_label = g_strdup (label);
      self->building_revert = TRUE;
    }
  if (!store_tx_end (self, ok, error))
    {
      g_clear_pointer (&self->building_label, g_free);
      self->building_revert = FALSE;
      return FALSE;
    }
  g_clear_object (&self->last_change);
  return TRUE;
}

/* Called with the deals a committed transaction changed: one set, one "changed" signal. */
void
store_changes_emit (AffariStore *self,
                    GArray      *pending,
                    guint        changed_signal)
{
  g_autoptr(AffariChangeSet) set = affari_change_set_new ();
  g_autoptr(GArray) live = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) deals = NULL;

  for (guint i = 0; i < pending->len; i++)
    {
      StorePending *p = &g_array_index (pending, StorePending, i);

      if (p->kind == STORE_PENDING_DEAL)
        affari_change_set_add_deal (set, p->a, p->b, p->c, p->index);
    }

  affari_change_set_set_label (set, self->building_label);
  affari_change_set_set_author (set, self->building_author);
  affari_change_set_set_is_revert (set, self->building_revert);
  if (self->building_undo != NULL)
    affari_change_set_set_undo_data (set, g_steal_pointer (&self->building_undo), store_undo_free);
  g_clear_pointer (&self->building_label, g_free);
  self->building_revert = FALSE;

  if (affari_change_set_get_n_deals (set) == 0 && affari_change_set_get_undo_data (set) == NULL)
    return;

  /* The deals as they are now, so that nobody reads them again one by one. */
  for (guint i = 0; i < affari_change_set_get_n_deals (set); i++)
    {
      const AffariDealChange *change = affari_change_set_get_deal (set, i);

      if (change->new_stage_id != 0)
        g_array_append_val (live, change->deal_id);
    }
  deals = live->len > 0 ? affari_store_load_deals (self, (const gint64 *) live->data, live->len, NULL) : NULL;
  for (guint i = 0; deals != NULL && i < deals->len; i++)
    {
      AffariDeal *deal = g_ptr_array_index (deals, i);

      affari_change_set_set_after (set, affari_deal_get_id (deal), deal);
    }

  g_set_object (&self->last_change, set);
  g_signal_emit (self, changed_signal, 0, set);
}
