/* affari-store.h — the deals database. The only place that speaks SQL.
 *
 * Every function that writes runs in one transaction (nested calls join the outer one through
 * savepoints), writes the history events of its change, and emits the change signals only after
 * the transaction has committed.
 *
 * Signals:
 *   "deal-changed" (gint64 deal_id, gint64 old_stage_id, gint64 new_stage_id)
 *       a deal was created (old 0), changed, moved, trashed or restored (new 0 when it left
 *       every stage: trashed or deleted). Activities and products of a deal also emit it.
 *   "stages-changed" (gint64 pipeline_id)   the stages of a pipeline were edited
 *   "pipelines-changed" ()                  pipelines were added, renamed, removed
 *   "reset" ()                              many things changed at once (import, demo): reload
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "model/affari-types.h"
#include "model/affari-error.h"
#include "model/affari-deal.h"
#include "model/affari-deal-query.h"
#include "model/affari-pipeline.h"
#include "model/affari-stage.h"
#include "model/affari-company.h"
#include "model/affari-contact.h"
#include "model/affari-activity.h"
#include "model/affari-event.h"
#include "model/affari-team-member.h"
#include "model/affari-product.h"

G_BEGIN_DECLS

#define AFFARI_STORE_SCHEMA_VERSION 1

#define AFFARI_TYPE_STORE (affari_store_get_type ())
G_DECLARE_FINAL_TYPE (AffariStore, affari_store, AFFARI, STORE, GObject)

/* The default database path: $XDG_DATA_HOME/affari/affari.db */
char        *affari_store_default_path      (void);

/* Opens (creating and migrating when needed) the database at @path, or an in-memory database
 * when @path is NULL or ":memory:". A file that is not an Affari database, is newer than this
 * program, is damaged or locked fails with an AFFARI_ERROR and is left untouched. */
AffariStore *affari_store_open              (const char *path, GError **error);
const char  *affari_store_get_path          (AffariStore *self);
int          affari_store_get_schema_version (AffariStore *self);
void         affari_store_close             (AffariStore *self);

/* Batches: everything between begin and end is one transaction and one "reset" signal. */
gboolean     affari_store_begin_batch       (AffariStore *self, GError **error);
gboolean     affari_store_end_batch         (AffariStore *self, gboolean commit, GError **error);

/* Integrity check plus the app's own invariants; fills @problems with readable sentences. */
gboolean     affari_store_check             (AffariStore *self, GPtrArray **problems, GError **error);

/* ---- settings, team ---- */
char        *affari_store_get_setting       (AffariStore *self, const char *key);
gboolean     affari_store_set_setting       (AffariStore *self, const char *key, const char *value, GError **error);
gint64       affari_store_get_current_user  (AffariStore *self);
gboolean     affari_store_set_current_user  (AffariStore *self, gint64 member_id, GError **error);
/* The main currency of new deals ("EUR"). */
char        *affari_store_dup_base_currency (AffariStore *self);
GPtrArray   *affari_store_list_team         (AffariStore *self, GError **error); /* AffariTeamMember */
gint64       affari_store_add_team_member   (AffariStore *self, const char *name, const char *email, GError **error);
AffariTeamMember *affari_store_get_team_member (AffariStore *self, gint64 id, GError **error);

/* ---- pipelines and stages ---- */
GPtrArray   *affari_store_list_pipelines    (AffariStore *self, GError **error); /* AffariPipeline, by sort */
AffariPipeline *affari_store_get_pipeline   (AffariStore *self, gint64 id, GError **error);
gint64       affari_store_get_default_pipeline_id (AffariStore *self);
/* A new pipeline gets the default stages (codes prefixed "C{id}:"). */
gint64       affari_store_create_pipeline   (AffariStore *self, const char *name, GError **error);
GPtrArray   *affari_store_list_stages       (AffariStore *self, gint64 pipeline_id, GError **error); /* AffariStage, by sort */
AffariStage *affari_store_get_stage         (AffariStore *self, gint64 stage_id, GError **error);
/* The first stage of @pipeline_id with @semantics (NULL-safe 0 when none). */
gint64       affari_store_find_stage        (AffariStore *self, gint64 pipeline_id, AffariSemantics semantics);
gint64       affari_store_find_stage_by_code (AffariStore *self, gint64 pipeline_id, const char *code);

/* Reference lists: each GPtrArray holds char* pairs code, name, code, name… */
GPtrArray   *affari_store_list_deal_types   (AffariStore *self, GError **error);
GPtrArray   *affari_store_list_sources      (AffariStore *self, GError **error);

/* ---- clients ---- */
gint64       affari_store_create_company    (AffariStore *self, AffariCompany *company, GError **error);
AffariCompany *affari_store_get_company     (AffariStore *self, gint64 id, GError **error);
/* Companies whose name contains @text (accents and case folded), at most @limit. */
GPtrArray   *affari_store_search_companies  (AffariStore *self, const char *text, guint limit, GError **error);
gint64       affari_store_create_contact    (AffariStore *self, AffariContact *contact, GError **error);
AffariContact *affari_store_get_contact     (AffariStore *self, gint64 id, GError **error);
GPtrArray   *affari_store_search_contacts   (AffariStore *self, const char *text, guint limit, GError **error);
/* Links: a deal has any number of contacts, one primary. */
gboolean     affari_store_set_deal_contacts (AffariStore *self, gint64 deal_id, const gint64 *contact_ids,
                                             guint n_contacts, gint64 primary_id, GError **error);
GPtrArray   *affari_store_list_deal_contacts (AffariStore *self, gint64 deal_id, GError **error); /* AffariContact, primary first */

/* ---- products ---- */
gint64       affari_store_create_product    (AffariStore *self, AffariProduct *product, GError **error);
GPtrArray   *affari_store_list_products     (AffariStore *self, GError **error);
/* A product row as the deal-model reference describes it (rates in basis points, quantity in
 * thousandths); the store computes the four prices and, when the deal's amount is not manual,
 * the deal amount and tax value. */
typedef struct {
  gint64 id;
  gint64 product_id;         /* 0 = free text row */
  char  *name;
  gint64 quantity_milli;     /* 1000 = 1 unit */
  char  *unit;
  gint64 price_netto;        /* unit price before discount, without tax */
  int    discount_type;      /* 1 = amount per unit, 2 = percent */
  int    discount_rate_bp;   /* percent in basis points */
  gint64 discount_sum;       /* per unit */
  int    tax_rate_bp;        /* -1 = no tax */
  gboolean tax_included;
  /* computed */
  gint64 price_exclusive;
  gint64 price_brutto;
  gint64 price;
  gint64 row_total;
  gint64 row_tax;
} AffariProductRow;
void         affari_product_row_clear       (AffariProductRow *row);
/* Computes the derived prices and totals of @row from its inputs. */
void         affari_product_row_compute     (AffariProductRow *row);
gboolean     affari_store_set_product_rows  (AffariStore *self, gint64 deal_id, const AffariProductRow *rows,
                                             guint n_rows, GError **error);
GArray      *affari_store_list_product_rows (AffariStore *self, gint64 deal_id, GError **error); /* AffariProductRow */

/* ---- deals ---- */
/* Creates @deal: fills its id and every default the reference gives (first stage of the pipeline,
 * dates, base currency, author, repeat flags), puts it at the top of its stage, records the
 * history. Inside a batch only the id of @deal is filled in. */
gboolean     affari_store_create_deal       (AffariStore *self, AffariDeal *deal, GError **error);
/* Writes the fields of @deal that differ from the database, with one history event per field. */
gboolean     affari_store_update_deal       (AffariStore *self, AffariDeal *deal, GError **error);
AffariDeal  *affari_store_get_deal          (AffariStore *self, gint64 id, GError **error);
/* Moves a deal to @stage_id of its pipeline at @index among that stage's deals (0 = top,
 * -1 = bottom). Closes it on a won/lost stage, reopens it on an in-progress one. @reason
 * (nullable) goes into the history. */
gboolean     affari_store_move_deal         (AffariStore *self, gint64 deal_id, gint64 stage_id, int index,
                                             const char *reason, GError **error);
/* Where a deal sits, exactly: what undo needs to put it back. */
typedef struct {
  gint64 deal_id;
  gint64 stage_id;
  double position;
  gboolean closed;
  char  *close_date;         /* "YYYY-MM-DD" or NULL */
} AffariDealPlace;
void         affari_deal_place_clear        (AffariDealPlace *place);
/* Fills @place with where the deal is now (call it before a move to be able to undo it). */
gboolean     affari_store_get_deal_place    (AffariStore *self, gint64 deal_id, AffariDealPlace *place, GError **error);
/* Puts a deal back exactly where @place says (stage, position, close date), in one transaction,
 * with the history of the move ("Annulla" after a drag-and-drop). */
gboolean     affari_store_restore_deal_place (AffariStore *self, const AffariDealPlace *place, GError **error);
/* Moves a deal to another pipeline; the stage is the first of the same semantics there. */
gboolean     affari_store_move_deal_to_pipeline (AffariStore *self, gint64 deal_id, gint64 pipeline_id, GError **error);
/* Trash (Cestino): hidden from every view, restorable; purge deletes for good. */
gboolean     affari_store_trash_deal        (AffariStore *self, gint64 deal_id, GError **error);
gboolean     affari_store_restore_deal      (AffariStore *self, gint64 deal_id, GError **error);
gboolean     affari_store_purge_deal        (AffariStore *self, gint64 deal_id, GError **error);

/* Queries. Ids of every matching deal in order (8 bytes a deal), then objects for a page. */
GArray      *affari_store_query_deal_ids    (AffariStore *self, const AffariDealQuery *query, GError **error);
/* Loads the deals with these ids, in the same order; ids that no longer exist are skipped. */
GPtrArray   *affari_store_load_deals        (AffariStore *self, const gint64 *ids, guint n_ids, GError **error);
GPtrArray   *affari_store_query_deals       (AffariStore *self, const AffariDealQuery *query,
                                             guint offset, guint limit, GError **error);
guint        affari_store_count_deals       (AffariStore *self, const AffariDealQuery *query, GError **error);
/* Count and sum per stage and currency for the pipeline of @query (its other criteria filter). */
GArray      *affari_store_stage_totals      (AffariStore *self, const AffariDealQuery *query, GError **error);

/* ---- activities ---- */
gboolean     affari_store_add_activity      (AffariStore *self, gint64 deal_id, AffariActivity *activity, GError **error);
gboolean     affari_store_complete_activity (AffariStore *self, gint64 activity_id, gboolean completed, GError **error);
gboolean     affari_store_delete_activity   (AffariStore *self, gint64 activity_id, GError **error);
GPtrArray   *affari_store_list_activities   (AffariStore *self, gint64 deal_id, GError **error); /* by deadline */

/* ---- history ---- */
GPtrArray   *affari_store_list_events       (AffariStore *self, gint64 deal_id, GError **error); /* newest first */
gboolean     affari_store_add_comment       (AffariStore *self, gint64 deal_id, const char *text, GError **error);

/* ---- for tests and tools ---- */
/* Lets tests and the demo generator pretend "now" is another time (0 = the real clock). */
void         affari_store_set_now           (AffariStore *self, gint64 unix_seconds);
gint64       affari_store_now               (AffariStore *self);

/* ---- deal card ---- */
/* Moves the deadline of an activity, with a history event on its deal. */
gboolean     affari_store_reschedule_activity (AffariStore *self, gint64 activity_id, gint64 deadline, GError **error);
/* The deadline a new activity gets when planned at @now (Unix seconds): three working days ahead
 * (Saturday and Sunday skipped), rounded up to the next full hour, in local time. */
gint64       affari_activity_default_deadline (gint64 now);
/* The deals in the trash (Cestino), most recently trashed first (AffariDeal). */
GPtrArray   *affari_store_list_trash        (AffariStore *self, GError **error);
/* Deletes for good, in one transaction, the deals trashed more than @days days ago. */
gboolean     affari_store_purge_trash       (AffariStore *self, guint days, guint *n_purged, GError **error);
/* The net unit price whose price with @tax_rate_bp is nearest to @gross ("VAT included" prices). */
gint64       affari_product_row_netto_for_gross (gint64 gross, int tax_rate_bp);
/* Sums of @rows after computing each: net (without tax), tax and total, in minor units. */
void         affari_product_rows_totals     (const AffariProductRow *rows, guint n_rows,
                                             gint64 *out_net, gint64 *out_tax, gint64 *out_total);

G_END_DECLS
