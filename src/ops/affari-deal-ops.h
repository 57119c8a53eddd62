/* affari-deal-ops.h — every user-level change of deals, and the one undo/redo history
 *
 * The only way the app, the command line and the tests change deals. Each operation is one
 * transaction of the store that returns its change set (what changed, before and after); the
 * models update from the store's "changed" signal, never from a view's guess. Operations that a
 * person makes go onto the history: undo puts the deals back exactly (stage, position, closed
 * flag, dates, activities, product rows) with a history event, redo does them again.
 *
 * The rules live here once: a move of several deals is one transaction that stops at nothing
 * half-done; moving to a lost stage takes the reason (the caller asks it); moving closed deals
 * to an in-progress stage reopens them (the caller asks first, see count_reopened).
 *
 * Signals: "done" (AffariChangeSet *set, AffariDealOpsStep step) after each change, undo or redo
 * made through these operations (a window shows its toast). Properties: "can-undo", "can-redo".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "model/affari-types.h"
#include "model/affari-error.h"
#include "model/affari-deal.h"
#include "model/affari-deal-query.h"
#include "model/affari-activity.h"
#include "model/affari-activity-period.h"
#include "model/affari-product-row.h"
#include "model/affari-change-set.h"

/* The store these work on (store/affari-store.h); the windows only pass it along. */
typedef struct _AffariStore AffariStore;

G_BEGIN_DECLS

/* What "done" reports. */
typedef enum {
  AFFARI_DEAL_OPS_DONE,       /* a new change */
  AFFARI_DEAL_OPS_UNDONE,
  AFFARI_DEAL_OPS_REDONE,
} AffariDealOpsStep;

#define AFFARI_TYPE_DEAL_OPS (affari_deal_ops_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealOps, affari_deal_ops, AFFARI, DEAL_OPS, GObject)

AffariDealOps   *affari_deal_ops_new                (AffariStore *store);

/* ---- creation ---- */
/* What a new deal brings along, written in the creation's transaction (the contacts, custom
 * fields and product rows typed in a new card); its own errors are its own business (the deal is created). */
typedef void (*AffariDealOpsFill) (gint64 deal_id, gpointer data);
/* Creates @deal (its id and defaults filled in) and, when @fill is given, what comes with it:
 * one transaction; undoing it puts the deal in the trash, redoing takes it out again. */
AffariChangeSet *affari_deal_ops_create             (AffariDealOps *self, AffariDeal *deal,
                                                     AffariDealOpsFill fill, gpointer data, GError **error);
/* Only inside @fill of affari_deal_ops_create () for its new deal: these write into the
 * creation's transaction (validated as affari_deal_ops_set_field_value (), _set_contacts () and
 * _set_product_rows ()). */
gboolean         affari_deal_ops_fill_field_value   (AffariDealOps *self, gint64 deal_id, gint64 field_id,
                                                     const char *value, GError **error);
gboolean         affari_deal_ops_fill_contacts      (AffariDealOps *self, gint64 deal_id, const gint64 *contact_ids,
                                                     guint n_contacts, gint64 primary_id, GError **error);
/* The product rows typed in a new card (as affari_deal_ops_set_product_rows ()): the deal's amount
 * is their total unless it was typed by hand. */
gboolean         affari_deal_ops_fill_product_rows  (AffariDealOps *self, gint64 deal_id, const AffariProductRow *rows,
                                                     guint n_rows, GError **error);

/* Several deals made at once (a scheduled run, the sales generator, proposed repeat sales):
 * @build runs inside one transaction, with the write lock already taken (what it reads no other
 * process changes before the commit: a run checked and made there is made once), and makes each
 * deal with affari_deal_ops_add_created (); the fill_* functions above then work on the deal just
 * added, and the store's own writes (history lines, a schedule's counter) join the transaction.
 * @build returns FALSE with @error to roll everything back. @undoable: the run goes on the undo
 * history as one step, announced with "done" and @label (a person asked for it); otherwise it is
 * only committed and the models update (a scheduled run: the caller tells the user). */
typedef gboolean (*AffariDealOpsBuild) (AffariDealOps *self, gpointer data, GError **error);
AffariChangeSet *affari_deal_ops_create_many        (AffariDealOps *self, AffariDealOpsBuild build, gpointer data,
                                                     const char *label, gboolean undoable, GError **error);
/* An import: like affari_deal_ops_create_many (), but as a batch (no per-deal bookkeeping; the
 * views reload once at the end) whose one undo step deletes exactly what @build made — deals,
 * clients, stages, pipelines — and cannot be redone. The set always goes on the history. */
AffariChangeSet *affari_deal_ops_import             (AffariDealOps *self, AffariDealOpsBuild build, gpointer data,
                                                     const char *label, GError **error);
/* The store these operations write to. */
AffariStore     *affari_deal_ops_get_store          (AffariDealOps *self);
/* Puts @set, made by another AffariDealOps on the same database (an import in a worker thread),
 * on this history as if it had been made here, and announces it. */
void             affari_deal_ops_adopt              (AffariDealOps *self, AffariChangeSet *set);
/* Only inside @build of affari_deal_ops_create_many () or _import (): creates @deal (its id filled in). */
gboolean         affari_deal_ops_add_created        (AffariDealOps *self, AffariDeal *deal, GError **error);

/* ---- moves ---- */
/* Moves the deals to @stage_id (their pipeline's) at @index among its deals (0 = top, -1 =
 * bottom; several keep their order). Closes them on a won/lost stage, with @reason (nullable)
 * in the history; reopens closed ones on an in-progress stage. Deals of another pipeline fail
 * the whole move. Also reorders within a stage. */
AffariChangeSet *affari_deal_ops_move               (AffariDealOps *self, const gint64 *ids, guint n_ids,
                                                     gint64 stage_id, int index, const char *reason, GError **error);
/* How many of the deals are closed (won or lost) and would be reopened by a move to @stage_id. */
guint            affari_deal_ops_count_reopened     (AffariDealOps *self, const gint64 *ids, guint n_ids, gint64 stage_id);
/* The stage @delta steps after (before, when negative) @deal_id's, in its pipeline's order;
 * 0 when there is none. */
gint64           affari_deal_ops_stage_by           (AffariDealOps *self, gint64 deal_id, int delta);
/* Reopens closed deals: each to the in-progress stage it was in last. */
AffariChangeSet *affari_deal_ops_reopen             (AffariDealOps *self, const gint64 *ids, guint n_ids, GError **error);
AffariChangeSet *affari_deal_ops_move_to_pipeline   (AffariDealOps *self, const gint64 *ids, guint n_ids,
                                                     gint64 pipeline_id, GError **error);

/* ---- trash ---- */
AffariChangeSet *affari_deal_ops_trash              (AffariDealOps *self, const gint64 *ids, guint n_ids, GError **error);
AffariChangeSet *affari_deal_ops_restore            (AffariDealOps *self, const gint64 *ids, guint n_ids, GError **error);
/* Deletes for good the deals trashed more than @days days ago (@n_purged nullable); one
 * transaction, not undoable. */
gboolean         affari_deal_ops_purge_trash        (AffariDealOps *self, guint days, guint *n_purged, GError **error);

/* ---- history ---- */
/* Adds a comment to the deal's history (a history entry itself: not on the undo history). */
gboolean         affari_deal_ops_add_comment        (AffariDealOps *self, gint64 deal_id, const char *text,
                                                     GError **error);

/* ---- fields ---- */
/* Writes the fields of @deal that differ from the database. */
AffariChangeSet *affari_deal_ops_update             (AffariDealOps *self, AffariDeal *deal, GError **error);
AffariChangeSet *affari_deal_ops_set_responsible    (AffariDealOps *self, const gint64 *ids, guint n_ids,
                                                     gint64 member_id, GError **error);
/* The calendar's drag: the close or begin date of a deal ("YYYY-MM-DD"). */
AffariChangeSet *affari_deal_ops_set_date           (AffariDealOps *self, gint64 deal_id, AffariCalendarField field,
                                                     const char *date, GError **error);
AffariChangeSet *affari_deal_ops_set_field_value    (AffariDealOps *self, gint64 deal_id, gint64 field_id,
                                                     const char *value, GError **error);
AffariChangeSet *affari_deal_ops_set_contacts       (AffariDealOps *self, gint64 deal_id, const gint64 *contact_ids,
                                                     guint n_contacts, gint64 primary_id, GError **error);
AffariChangeSet *affari_deal_ops_set_product_rows   (AffariDealOps *self, gint64 deal_id, const AffariProductRow *rows,
                                                     guint n_rows, GError **error);

/* ---- activities ---- */
AffariChangeSet *affari_deal_ops_add_activity       (AffariDealOps *self, gint64 deal_id, AffariActivity *activity,
                                                     GError **error);
AffariChangeSet *affari_deal_ops_complete_activity  (AffariDealOps *self, gint64 deal_id, gint64 activity_id,
                                                     gboolean completed, GError **error);
AffariChangeSet *affari_deal_ops_delete_activity    (AffariDealOps *self, gint64 deal_id, gint64 activity_id,
                                                     GError **error);
AffariChangeSet *affari_deal_ops_reschedule_activity (AffariDealOps *self, gint64 deal_id, gint64 activity_id,
                                                      gint64 deadline, GError **error);
/* The Activities view's drag: the next open activity of each deal into @period. */
AffariChangeSet *affari_deal_ops_reschedule_next    (AffariDealOps *self, const gint64 *ids, guint n_ids,
                                                     AffariActivityPeriod period, GError **error);

/* ---- the history ---- */
gboolean         affari_deal_ops_can_undo           (AffariDealOps *self);
gboolean         affari_deal_ops_can_redo           (AffariDealOps *self);
/* Undoes the last change / redoes the last undone one; FALSE with @error (nothing written). */
gboolean         affari_deal_ops_undo               (AffariDealOps *self, GError **error);
gboolean         affari_deal_ops_redo               (AffariDealOps *self, GError **error);

G_END_DECLS
