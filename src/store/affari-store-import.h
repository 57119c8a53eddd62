/* affari-store-import.h — the store writes of an import (Bitrix24 dumps): origins and stages
 *
 * An import recognises what it made before by the origin kept on each row (pipeline, company,
 * contact, activity: origin_id "bitrix24:ID"; deals: originator_id + origin_id), so importing the
 * same dump twice adds nothing. Call these inside one transaction (affari_deal_ops_create_many).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "affari-store.h"

G_BEGIN_DECLS

typedef enum {
  AFFARI_IMPORT_PIPELINE,
  AFFARI_IMPORT_COMPANY,
  AFFARI_IMPORT_CONTACT,
  AFFARI_IMPORT_ACTIVITY,
} AffariImportTable;

/* The id of the row of @table whose origin_id is @origin, 0 when none. */
gint64   affari_store_import_find_origin (AffariStore *self, AffariImportTable table, const char *origin);
/* The id of the deal made from @originator's @origin_id, 0 when none (trashed ones too). */
gint64   affari_store_import_find_deal   (AffariStore *self, const char *originator, const char *origin_id);
gboolean affari_store_import_set_origin  (AffariStore *self, AffariImportTable table, gint64 id,
                                          const char *origin, GError **error);
/* A new pipeline with no stages yet (affari_store_import_add_stage adds them in order). */
gint64   affari_store_import_create_pipeline (AffariStore *self, const char *name, const char *origin,
                                              GError **error);
/* A stage of @pipeline_id with exactly @code, @name, @color, @sort and @semantics ('P', 'S', 'F'). */
gint64   affari_store_import_add_stage   (AffariStore *self, gint64 pipeline_id, const char *code,
                                          const char *name, const char *color, int sort, char semantics,
                                          GError **error);
/* The stage of @pipeline_id named @name (case-insensitive), 0 when none. */
gint64   affari_store_import_find_stage_by_name (AffariStore *self, gint64 pipeline_id, const char *name);
/* A history line of @kind ("comment", "created"…) at @time (Unix seconds). */
gboolean affari_store_import_add_event   (AffariStore *self, gint64 deal_id, gint64 time, const char *kind,
                                          const char *text, GError **error);
/* Gives an imported deal the times it had in the other CRM: created and changed at (Unix seconds,
 * 0 keeps them), closed on @closed_day ("YYYY-MM-DD", NULL keeps it; only a closed deal has one). */
gboolean affari_store_import_set_deal_times (AffariStore *self, gint64 deal_id, gint64 created, gint64 modified,
                                             const char *closed_day, GError **error);
/* The store's rules for product rows (a name, a quantity above zero, percentages in range), checked
 * before a deal is made so that a bad row is refused alone. */
gboolean affari_store_import_check_product_rows (const AffariProductRow *rows, guint n_rows, GError **error);
/* Sets an activity's origin, completion and creation time as the dump says. */
gboolean affari_store_import_finish_activity (AffariStore *self, gint64 activity_id, const char *origin,
                                              gboolean completed, gint64 created, GError **error);

G_END_DECLS
