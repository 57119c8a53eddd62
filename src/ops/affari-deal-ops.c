/* affari-deal-ops.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-ops"

#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-money.h"

#include "affari-deal-ops.h"
#include "store/affari-store-import-undo.h"
#include "store/affari-store.h"
#include "store/affari-store-leads.h"

/* A plural pair for count_label (), extracted by xgettext with -kNP_:1,2. */
#define NP_(singular, plural) singular, plural

/* How many changes the history keeps. */
#define HISTORY_DEPTH 100

struct _AffariDealOps
{
  GObject parent_instance;

  AffariStore *store;
  GPtrArray *undo;    /* AffariChangeSet, the last change last */
  GPtrArray *redo;    /* AffariChangeSet, the last undone last */
  gint64 filling;     /* the deal being created, while its fill runs */
};

G_DEFINE_FINAL_TYPE (AffariDealOps, affari_deal_ops, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One step of an operation on one of its deals; @i is its place among the operation's deals. */
typedef gboolean (*DealStep) (AffariStore   *store,
                              gint64         deal_id,
                              guint          i,
                              gconstpointer  data,
                              GError       **error);

/* ------------------------------------------------------------ auxiliary */

static void
notify_history (AffariDealOps *self,
                gboolean       could_undo,
                gboolean       could_redo)
{
  if (could_undo != affari_deal_ops_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != affari_deal_ops_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* A new change: on the history (which forgets what was undone), and announced. */
static AffariChangeSet *
record (AffariDealOps   *self,
        AffariChangeSet *set)
{
  gboolean could_undo = affari_deal_ops_can_undo (self);
  gboolean could_redo = affari_deal_ops_can_redo (self);

  if (set == NULL)
    return NULL;

  if (affari_store_change_is_undoable (set))
    {
      g_ptr_array_add (self->undo, g_object_ref (set));
      if (self->undo->len > HISTORY_DEPTH)
        g_ptr_array_remove_index (self->undo, 0);
      g_ptr_array_set_size (self->redo, 0);
    }
  notify_history (self, could_undo, could_redo);
  g_signal_emit (self, signals[DONE], 0, set, AFFARI_DEAL_OPS_DONE);

  return set;
}

/* One step for all the deals of an operation. */
typedef gboolean (*DealsStep) (AffariStore   *store,
                               const gint64  *ids,
                               guint          n_ids,
                               gconstpointer  data,
                               GError       **error);

static AffariChangeSet *
run_all (AffariDealOps  *self,
         const gint64   *ids,
         guint           n_ids,
         DealsStep       step,
         gconstpointer   data,
         const char     *label,
         GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  if (n_ids == 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("No deal is selected"));
      return NULL;
    }
  if (!affari_store_begin_change (self->store, ids, n_ids, error))
    return NULL;
  ok = step (self->store, ids, n_ids, data, error);
  return record (self, affari_store_end_change (self->store, ok, label, error));
}

static AffariChangeSet *
run_each (AffariDealOps  *self,
          const gint64   *ids,
          guint           n_ids,
          DealStep        step,
          gconstpointer   data,
          const char     *label,
          GError        **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  if (n_ids == 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("No deal is selected"));
      return NULL;
    }

  if (!affari_store_begin_change (self->store, ids, n_ids, error))
    return NULL;
  for (guint i = 0; ok && i < n_ids; i++)
    ok = step (self->store, ids[i], i, data, error);

  return record (self, affari_store_end_change (self->store, ok, label, error));
}

static char *
count_label (guint       n,
             const char *one,
             const char *many_singular,
             const char *many_plural,
             const char *name)
{
  if (n == 1)
    return g_strdup_printf (one, name);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, many_singular, many_plural, n), n, name);
}

/* The same for labels that name nothing but the number. */
static char *
number_label (guint       n,
              const char *one,
              const char *many_singular,
              const char *many_plural)
{
  if (n == 1)
    return g_strdup (one);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, many_singular, many_plural, n), n);
}

/* ------------------------------------------------------------ steps */

typedef struct {
  gint64 stage_id;
  int index;
  const char *reason;
} MoveArgs;

/* All the deals at once: placed together, their gap split once. */
static gboolean
move_all (AffariStore *store, const gint64 *ids, guint n_ids, gconstpointer data, GError **error)
{
  const MoveArgs *args = data;

  return affari_store_move_deals (store, ids, n_ids, args->stage_id, args->index, args->reason, error);
}

static gboolean
reschedule_all (AffariStore *store, const gint64 *ids, guint n_ids, gconstpointer data, GError **error)
{
  /* The store's rule (deals without an activity are skipped when there are several) needs the
   * deals together. */
  return affari_store_reschedule_next_activities (store, ids, n_ids, *(const AffariActivityPeriod *) data, error);
}

static gboolean
reopen_step (AffariStore *store, gint64 deal_id, guint i, gconstpointer data, GError **error)
{
  gint64 stage_id = affari_store_find_reopen_stage (store, deal_id, error);

  return stage_id != 0 && affari_store_move_deal (store, deal_id, stage_id, 0, NULL, error);
}

static gboolean
pipeline_step (AffariStore *store, gint64 deal_id, guint i, gconstpointer data, GError **error)
{
  return affari_store_move_deal_to_pipeline (store, deal_id, *(const gint64 *) data, error);
}

static gboolean
trash_step (AffariStore *store, gint64 deal_id, guint i, gconstpointer data, GError **error)
{
  return affari_store_trash_deal (store, deal_id, error);
}

static gboolean
restore_step (AffariStore *store, gint64 deal_id, guint i, gconstpointer data, GError **error)
{
  return affari_store_restore_deal (store, deal_id, error);
}

static gboolean
responsible_step (AffariStore *store, gint64 deal_id, guint i, gconstpointer data, GError **error)
{
  g_autoptr(AffariDeal) deal = affari_store_get_deal (store, deal_id, error);

  if (deal == NULL)
    return FALSE;
  affari_deal_set_assigned_by_id (deal, *(const gint64 *) data);
  return affari_store_update_deal (store, deal, error);
}

static gboolean
update_step (AffariStore *store, gint64 deal_id, guint i, gconstpointer data, GError **error)
{
  return affari_store_update_deal (store, (AffariDeal *) data, error);
}

typedef struct {
  AffariCalendarField field;
  const char *date;
} DateArgs;

static gboolean
date_step (AffariStore *store, gint64 deal_id, guint i, gconstpointer data, GError **error)
{
  const DateArgs *args = data;

  return affari_store_set_deal_date (store, deal_id, args->field, args->date, NULL, error);
}

typedef struct {
  gint64 field_id;
  const char *value;
} FieldArgs;

static gboolean
field_step (AffariStore *store, gint64 deal_id, guint i, gconstpointer data, GError **error)
{
  const FieldArgs *args = data;

  return affari_store_set_deal_field_value (store, deal_id, args->field_id, args->value, error);
}

typedef struct {
  const gint64 *ids;
  guint n;
  gint64 primary_id;
} ContactArgs;

static gboolean
contacts_step (AffariStore *store, gint64 deal_id, guint i, gconstpointer data, GError **error)
{
  const ContactArgs *args = data;

  return affari_store_set_deal_contacts (store, deal_id, args->ids, args->n, args->primary_id, error);
}

typedef struct {
  const AffariProductRow *rows;
  guint n;
} RowArgs;

static gboolean
rows_step (AffariStore *store, gint64 deal_id, guint i, gconstpointer data, GError **error)
{
  const RowArgs *args = data;

  return affari_store_set_product_rows (store, deal_id, args->rows, args->n, error);
}

static gboolean
add_activity_step (AffariStore *store, gint64 deal_id, guint i, gconstpointer data, GError **error)
{
  return affari_store_add_activity (store, deal_id, (AffariActivity *) data, error);
}

typedef struct {
  gint64 activity_id;
  gint64 value;
} ActivityArgs;

static gboolean
complete_step (AffariStore *store, gint64 deal_id, guint i, gconstpointer data, GError **error)
{
  const ActivityArgs *args = data;

  return affari_store_complete_activity (store, args->activity_id, args->value != 0, error);
}

static gboolean
delete_activity_step (AffariStore *store, gint64 deal_id, guint i, gconstpointer data, GError **error)
{
  return affari_store_delete_activity (store, ((const ActivityArgs *) data)->activity_id, error);
}

static gboolean
reschedule_step (AffariStore *store, gint64 deal_id, guint i, gconstpointer data, GError **error)
{
  const ActivityArgs *args = data;

  return affari_store_reschedule_activity (store, args->activity_id, args->value, error);
}

/* ------------------------------------------------------------ object */

static void
affari_deal_ops_finalize (GObject *object)
{
  AffariDealOps *self = AFFARI_DEAL_OPS (object);

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (affari_deal_ops_parent_class)->finalize (object);
}

static void
affari_deal_ops_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AffariDealOps *self = AFFARI_DEAL_OPS (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, affari_deal_ops_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, affari_deal_ops_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_deal_ops_class_init (AffariDealOpsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = affari_deal_ops_finalize;
  object_class->get_property = affari_deal_ops_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, AFFARI_TYPE_CHANGE_SET, G_TYPE_INT);
}

static void
affari_deal_ops_init (AffariDealOps *self)
{
  self->undo = g_ptr_array_new_with_free_func (g_object_unref);
  self->redo = g_ptr_array_new_with_free_func (g_object_unref);
}

/* ------------------------------------------------------------ public */

AffariDealOps *
affari_deal_ops_new (AffariStore *store)
{
  AffariDealOps *self;

  g_return_val_if_fail (AFFARI_IS_STORE (store), NULL);

  self = g_object_new (AFFARI_TYPE_DEAL_OPS, NULL);
  self->store = g_object_ref (store);
  return self;
}

AffariChangeSet *
affari_deal_ops_move (AffariDealOps  *self,
                      const gint64   *ids,
                      guint           n_ids,
                      gint64          stage_id,
                      int             index,
                      const char     *reason,
                      GError        **error)
{
  g_autoptr(AffariStage) stage = NULL;
  g_autofree char *label = NULL;
  MoveArgs args = { stage_id, index, reason };

  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), NULL);

  stage = affari_store_get_stage (self->store, stage_id, error);
  if (stage == NULL)
    return NULL;

  /* Translators: a toast after a move; %s is the name of a stage. The plural: %u deals (leads). */
  if (affari_stage_get_pipeline_id (stage) == affari_store_get_lead_pipeline_id (self->store))
    label = count_label (n_ids, _("Lead moved to %s"), NP_("%u lead moved to %s", "%u leads moved to %s"),
                         affari_stage_get_name (stage));
  else
    label = count_label (n_ids, _("Deal moved to %s"), NP_("%u deal moved to %s", "%u deals moved to %s"),
                         affari_stage_get_name (stage));
  return run_all (self, ids, n_ids, move_all, &args, label, error);
}

AffariChangeSet *
affari_deal_ops_create (AffariDealOps      *self,
                        AffariDeal         *deal,
                        AffariDealOpsFill   fill,
                        gpointer            data,
                        GError            **error)
{
  g_autofree char *label = NULL;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), NULL);
  g_return_val_if_fail (AFFARI_IS_DEAL (deal), NULL);

  /* Translators: a toast; %s is the title of the new deal. */
  label = g_strdup_printf (_("Deal “%s” created"), affari_deal_get_title (deal));
  if (!affari_store_begin_change (self->store, NULL, 0, error))
    return NULL;
  ok = affari_deal_ops_add_created (self, deal, error);
  if (ok && fill != NULL)
    fill (self->filling, data);
  self->filling = 0;
  return record (self, affari_store_end_change (self->store, ok, label, error));
}

gboolean
affari_deal_ops_add_created (AffariDealOps  *self,
                             AffariDeal     *deal,
                             GError        **error)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), FALSE);
  g_return_val_if_fail (AFFARI_IS_DEAL (deal), FALSE);

  self->filling = 0;
  if (!affari_store_create_deal (self->store, deal, error)
      || !affari_store_change_add_created (self->store, affari_deal_get_id (deal), error))
    return FALSE;
  self->filling = affari_deal_get_id (deal);
  return TRUE;
}

AffariChangeSet *
affari_deal_ops_create_many (AffariDealOps       *self,
                             AffariDealOpsBuild   build,
                             gpointer             data,
                             const char          *label,
                             gboolean             undoable,
                             GError             **error)
{
  AffariChangeSet *set;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), NULL);
  g_return_val_if_fail (build != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  if (!affari_store_begin_change (self->store, NULL, 0, error))
    return NULL;
  ok = build (self, data, error);
  self->filling = 0;
  set = affari_store_end_change (self->store, ok, label, error);
  if (undoable || set == NULL)
    return record (self, set);
  return set;
}

AffariChangeSet *
affari_deal_ops_import (AffariDealOps       *self,
                        AffariDealOpsBuild   build,
                        gpointer             data,
                        const char          *label,
                        GError             **error)
{
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), NULL);
  g_return_val_if_fail (build != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  if (!affari_store_begin_import (self->store, error))
    return NULL;
  ok = build (self, data, error);
  self->filling = 0;
  return record (self, affari_store_end_import (self->store, ok, label, error));
}

AffariStore *
affari_deal_ops_get_store (AffariDealOps *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), NULL);
  return self->store;
}

void
affari_deal_ops_adopt (AffariDealOps   *self,
                       AffariChangeSet *set)
{
  g_return_if_fail (AFFARI_IS_DEAL_OPS (self));
  g_return_if_fail (AFFARI_IS_CHANGE_SET (set));

  g_object_unref (record (self, g_object_ref (set)));
}

guint
affari_deal_ops_count_reopened (AffariDealOps *self,
                                const gint64  *ids,
                                guint          n_ids,
                                gint64         stage_id)
{
  g_autoptr(AffariStage) stage = NULL;
  guint n = 0;

  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), 0);

  stage = affari_store_get_stage (self->store, stage_id, NULL);
  if (stage == NULL || affari_stage_get_semantics (stage) != AFFARI_SEMANTICS_PROCESS)
    return 0;

  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(AffariDeal) deal = affari_store_get_deal (self->store, ids[i], NULL);

      if (deal != NULL && affari_deal_get_closed (deal))
        n++;
    }

  return n;
}

gint64
affari_deal_ops_stage_by (AffariDealOps *self,
                          gint64         deal_id,
                          int            delta)
{
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(GPtrArray) stages = NULL;

  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), 0);

  deal = affari_store_get_deal (self->store, deal_id, NULL);
  if (deal == NULL)
    return 0;
  stages = affari_store_list_stages (self->store, affari_deal_get_pipeline_id (deal), NULL);
  for (guint i = 0; stages != NULL && i < stages->len; i++)
    if (affari_stage_get_id (g_ptr_array_index (stages, i)) == affari_deal_get_stage_id (deal))
      {
        int target = (int) i + delta;

        if (target < 0 || target >= (int) stages->len)
          return 0;
        return affari_stage_get_id (g_ptr_array_index (stages, target));
      }

  return 0;
}

AffariChangeSet *
affari_deal_ops_reopen (AffariDealOps  *self,
                        const gint64   *ids,
                        guint           n_ids,
                        GError        **error)
{
  g_autofree char *label = NULL;

  label = number_label (n_ids, _("Deal reopened"), NP_("%u deal reopened", "%u deals reopened"));
  return run_each (self, ids, n_ids, reopen_step, NULL, label, error);
}

AffariChangeSet *
affari_deal_ops_move_to_pipeline (AffariDealOps  *self,
                                  const gint64   *ids,
                                  guint           n_ids,
                                  gint64          pipeline_id,
                                  GError        **error)
{
  g_autoptr(AffariPipeline) pipeline = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), NULL);

  pipeline = affari_store_get_pipeline (self->store, pipeline_id, error);
  if (pipeline == NULL)
    return NULL;
  /* Translators: a toast; %s is the name of a pipeline. */
  label = count_label (n_ids, _("Deal moved to the pipeline “%s”"),
                       NP_("%u deal moved to the pipeline “%s”", "%u deals moved to the pipeline “%s”"),
                       affari_pipeline_get_name (pipeline));
  return run_each (self, ids, n_ids, pipeline_step, &pipeline_id, label, error);
}

AffariChangeSet *
affari_deal_ops_trash (AffariDealOps  *self,
                       const gint64   *ids,
                       guint           n_ids,
                       GError        **error)
{
  g_autofree char *label = number_label (n_ids, _("Deal moved to the trash"),
                                         NP_("%u deal moved to the trash", "%u deals moved to the trash"));

  return run_each (self, ids, n_ids, trash_step, NULL, label, error);
}

AffariChangeSet *
affari_deal_ops_restore (AffariDealOps  *self,
                         const gint64   *ids,
                         guint           n_ids,
                         GError        **error)
{
  g_autofree char *label = number_label (n_ids, _("Deal restored"), NP_("%u deal restored", "%u deals restored"));

  return run_each (self, ids, n_ids, restore_step, NULL, label, error);
}

AffariChangeSet *
affari_deal_ops_update (AffariDealOps  *self,
                        AffariDeal     *deal,
                        GError        **error)
{
  gint64 id;

  g_return_val_if_fail (AFFARI_IS_DEAL (deal), NULL);

  id = affari_deal_get_id (deal);
  return run_each (self, &id, 1, update_step, deal, _("Deal saved"), error);
}

AffariChangeSet *
affari_deal_ops_set_responsible (AffariDealOps  *self,
                                 const gint64   *ids,
                                 guint           n_ids,
                                 gint64          member_id,
                                 GError        **error)
{
  g_autoptr(AffariTeamMember) member = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), NULL);

  member = member_id > 0 ? affari_store_get_team_member (self->store, member_id, NULL) : NULL;
  /* Translators: a toast; %s is a person. */
  label = count_label (n_ids, _("Deal given to %s"), NP_("%u deal given to %s", "%u deals given to %s"),
                       member != NULL ? affari_team_member_get_name (member) : _("nobody"));
  return run_each (self, ids, n_ids, responsible_step, &member_id, label, error);
}

AffariChangeSet *
affari_deal_ops_set_date (AffariDealOps        *self,
                          gint64                deal_id,
                          AffariCalendarField   field,
                          const char           *date,
                          GError              **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *label = NULL;
  DateArgs args = { field, date };

  if (field == AFFARI_CALENDAR_DATE_CREATE)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                           _("The creation date of a deal cannot be changed: show the expected close date or the start date to move deals"));
      return NULL;
    }

  shown = affari_date_format (date);
  label = g_strdup_printf (field == AFFARI_CALENDAR_CLOSE_DATE
                           /* Translators: a toast after dragging a deal in the calendar; %s is a date. */
                           ? _("Expected close date moved to %s")
                           /* Translators: a toast after dragging a deal in the calendar; %s is a date. */
                           : _("Start date moved to %s"), shown != NULL ? shown : date);
  return run_each (self, &deal_id, 1, date_step, &args, label, error);
}

AffariChangeSet *
affari_deal_ops_set_field_value (AffariDealOps  *self,
                                 gint64          deal_id,
                                 gint64          field_id,
                                 const char     *value,
                                 GError        **error)
{
  FieldArgs args = { field_id, value };

  return run_each (self, &deal_id, 1, field_step, &args, _("Deal saved"), error);
}

gboolean
affari_deal_ops_fill_field_value (AffariDealOps  *self,
                                  gint64          deal_id,
                                  gint64          field_id,
                                  const char     *value,
                                  GError        **error)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), FALSE);
  g_return_val_if_fail (deal_id != 0 && deal_id == self->filling, FALSE);

  return affari_store_set_deal_field_value (self->store, deal_id, field_id, value, error);
}

gboolean
affari_deal_ops_fill_contacts (AffariDealOps  *self,
                               gint64          deal_id,
                               const gint64   *contact_ids,
                               guint           n_contacts,
                               gint64          primary_id,
                               GError        **error)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), FALSE);
  g_return_val_if_fail (deal_id != 0 && deal_id == self->filling, FALSE);

  return affari_store_set_deal_contacts (self->store, deal_id, contact_ids, n_contacts, primary_id, error);
}

gboolean
affari_deal_ops_fill_product_rows (AffariDealOps           *self,
                                   gint64                   deal_id,
                                   const AffariProductRow  *rows,
                                   guint                    n_rows,
                                   GError                 **error)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), FALSE);
  g_return_val_if_fail (deal_id != 0 && deal_id == self->filling, FALSE);

  return affari_store_set_product_rows (self->store, deal_id, rows, n_rows, error);
}

AffariChangeSet *
affari_deal_ops_set_contacts (AffariDealOps  *self,
                              gint64          deal_id,
                              const gint64   *contact_ids,
                              guint           n_contacts,
                              gint64          primary_id,
                              GError        **error)
{
  ContactArgs args = { contact_ids, n_contacts, primary_id };

  return run_each (self, &deal_id, 1, contacts_step, &args, _("Deal saved"), error);
}

AffariChangeSet *
affari_deal_ops_set_product_rows (AffariDealOps           *self,
                                  gint64                   deal_id,
                                  const AffariProductRow  *rows,
                                  guint                    n_rows,
                                  GError                 **error)
{
  RowArgs args = { rows, n_rows };

  return run_each (self, &deal_id, 1, rows_step, &args, _("Products saved"), error);
}

AffariChangeSet *
affari_deal_ops_add_activity (AffariDealOps   *self,
                              gint64           deal_id,
                              AffariActivity  *activity,
                              GError         **error)
{
  g_autoptr(AffariDeal) deal = affari_store_get_deal (self->store, deal_id, NULL);
  g_autofree char *label = NULL;

  /* Translators: a toast; %s is the title of a deal. */
  label = deal != NULL ? g_strdup_printf (_("Activity planned: “%s”"), affari_deal_get_title (deal))
                       : g_strdup (_("Activity planned"));
  return run_each (self, &deal_id, 1, add_activity_step, activity, label, error);
}

AffariChangeSet *
affari_deal_ops_complete_activity (AffariDealOps  *self,
                                   gint64          deal_id,
                                   gint64          activity_id,
                                   gboolean        completed,
                                   GError        **error)
{
  ActivityArgs args = { activity_id, completed };

  return run_each (self, &deal_id, 1, complete_step, &args,
                   completed ? _("Activity done") : _("Activity planned"), error);
}

AffariChangeSet *
affari_deal_ops_delete_activity (AffariDealOps  *self,
                                 gint64          deal_id,
                                 gint64          activity_id,
                                 GError        **error)
{
  ActivityArgs args = { activity_id, 0 };

  return run_each (self, &deal_id, 1, delete_activity_step, &args, _("Activity deleted"), error);
}

AffariChangeSet *
affari_deal_ops_reschedule_activity (AffariDealOps  *self,
                                     gint64          deal_id,
                                     gint64          activity_id,
                                     gint64          deadline,
                                     GError        **error)
{
  ActivityArgs args = { activity_id, deadline };

  return run_each (self, &deal_id, 1, reschedule_step, &args, _("Activity rescheduled"), error);
}

AffariChangeSet *
affari_deal_ops_reschedule_next (AffariDealOps         *self,
                                 const gint64          *ids,
                                 guint                  n_ids,
                                 AffariActivityPeriod   period,
                                 GError               **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), NULL);

  if (n_ids == 1)
    /* Translators: a toast after dragging a card in the Activities view; %s is a column, "Oggi". */
    label = g_strdup_printf (_("Activity moved to %s"), affari_activity_period_label (period));
  else
    /* Translators: a toast after dragging several cards; %s is a column, "Oggi". */
    label = g_strdup_printf (ngettext ("%u activity moved to %s", "%u activities moved to %s", n_ids),
                             n_ids, affari_activity_period_label (period));

  return run_all (self, ids, n_ids, reschedule_all, &period, label, error);
}

gboolean
affari_deal_ops_can_undo (AffariDealOps *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), FALSE);

  return self->undo->len > 0;
}

gboolean
affari_deal_ops_can_redo (AffariDealOps *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), FALSE);

  return self->redo->len > 0;
}

/* Moves the last change of @from to @to, writing it back (undo) or again (redo). */
static gboolean
revert (AffariDealOps  *self,
        GPtrArray      *from,
        GPtrArray      *to,
        gboolean        forward,
        GError        **error)
{
  gboolean could_undo = affari_deal_ops_can_undo (self);
  gboolean could_redo = affari_deal_ops_can_redo (self);
  g_autoptr(AffariChangeSet) set = NULL;

  if (from->len == 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                           forward ? _("There is nothing to redo") : _("There is nothing to undo"));
      return FALSE;
    }

  set = g_object_ref (g_ptr_array_index (from, from->len - 1));
  if (!affari_store_revert_change (self->store, set, forward, error))
    return FALSE;

  g_ptr_array_remove_index (from, from->len - 1);
  /* An undone import is gone for good: importing the file again redoes it. */
  if (!affari_store_change_is_import (set))
    g_ptr_array_add (to, g_object_ref (set));
  notify_history (self, could_undo, could_redo);
  g_signal_emit (self, signals[DONE], 0, set, forward ? AFFARI_DEAL_OPS_REDONE : AFFARI_DEAL_OPS_UNDONE);
  return TRUE;
}

gboolean
affari_deal_ops_undo (AffariDealOps  *self,
                      GError        **error)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), FALSE);

  return revert (self, self->undo, self->redo, FALSE, error);
}

gboolean
affari_deal_ops_redo (AffariDealOps  *self,
                      GError        **error)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), FALSE);

  return revert (self, self->redo, self->undo, TRUE, error);
}

gboolean
affari_deal_ops_purge_trash (AffariDealOps  *self,
                             guint           days,
                             guint          *n_purged,
                             GError        **error)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), FALSE);

  return affari_store_purge_trash (self->store, days, n_purged, error);
}

gboolean
affari_deal_ops_add_comment (AffariDealOps  *self,
                             gint64          deal_id,
                             const char     *text,
                             GError        **error)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (self), FALSE);

  return affari_store_add_comment (self->store, deal_id, text, error);
}
