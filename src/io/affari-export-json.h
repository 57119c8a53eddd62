/* affari-export-json.h — the whole database as one JSON document
 *
 * The format (version 1), one object:
 *
 *   { "format": "affari-export", "version": 1, "schema_version": N, "exported_at": "…Z",
 *     "setting": [...], "team_member": [...], "currency": [...],
 *     "pipeline": [ { …, "stage": [...] } ],
 *     "deal_type": [...], "deal_source": [...], "company": [...], "contact": [...], "product": [...],
 *     "custom_field": [ { …, "custom_field_item": [...] } ],
 *     "card_section": [ { …, "card_element": [...] } ],
 *     "deal": [ { …every column of deal…,
 *                 "deal_contact": [...], "deal_product": [...], "deal_field_value": [...],
 *                 "deal_extra": [...], "activity": [...], "event": [...],
 *                 "deal_stage_history": [...], "lead_info": [...], "recurring": [...] } ],
 *     "event_pinned": [...],
 *     "quote": [ { …, "quote_product": [...] } ],
 *     "saved_filter": [...], "saved_segment": [...], "sales_generator": [...] }
 *
 * Each row is an object of the table's columns as stored (names as in the database; money in
 * minor units, quantities in thousandths, rates in basis points, times in Unix seconds, days as
 * "YYYY-MM-DD"; null for NULL). Every deal is there: leads (pipeline kind 'lead', with their
 * lead_info), regular-deal templates (is_recurring 1, with their recurring row) and the trash
 * (deleted_at set). The document is written row by row: its size does not change what the
 * export holds in memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _AffariStore AffariStore;

/* How far an export is: @done of @total rows of its longest table (deals). */
typedef void (*AffariExportProgressFunc) (gint64 done, gint64 total, gpointer user_data);

/* Writes the whole database of @store to @path as one snapshot; the file appears whole or not at
 * all (a failure or a cancel leaves nothing). @progress (nullable) runs on the calling thread. */
gboolean affari_export_json (AffariStore              *store,
                             const char               *path,
                             AffariExportProgressFunc  progress,
                             gpointer                  user_data,
                             GCancellable             *cancellable,
                             GError                  **error);

/* The same in a worker thread with a read-only connection of its own to @store's file (an
 * in-memory database, which no other connection sees, is written on the calling thread).
 * @progress runs on the calling thread's main context. */
void     affari_export_json_async  (AffariStore              *store,
                                    const char               *path,
                                    AffariExportProgressFunc  progress,
                                    gpointer                  progress_data,
                                    GDestroyNotify            progress_destroy,
                                    GCancellable             *cancellable,
                                    GAsyncReadyCallback       callback,
                                    gpointer                  user_data);
gboolean affari_export_json_finish (GAsyncResult  *result,
                                    GError       **error);

G_END_DECLS
