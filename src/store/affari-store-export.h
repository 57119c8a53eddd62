/* affari-store-export.h — the reads of the whole-database export (io/affari-export-*.c)
 *
 * Every table that holds what the user typed or the application keeps for them, read in pages
 * (rowid order) or as the children of one parent row, handed row by row to a callback: the
 * exporters stream them out and never hold more than one page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "affari-store.h"

G_BEGIN_DECLS

typedef enum {
  AFFARI_EXPORT_SETTING,
  AFFARI_EXPORT_TEAM_MEMBER,
  AFFARI_EXPORT_CURRENCY,
  AFFARI_EXPORT_PIPELINE,
  AFFARI_EXPORT_STAGE,
  AFFARI_EXPORT_DEAL_TYPE,
  AFFARI_EXPORT_DEAL_SOURCE,
  AFFARI_EXPORT_COMPANY,
  AFFARI_EXPORT_CONTACT,
  AFFARI_EXPORT_PRODUCT,
  AFFARI_EXPORT_CUSTOM_FIELD,
  AFFARI_EXPORT_CUSTOM_FIELD_ITEM,
  AFFARI_EXPORT_CARD_SECTION,
  AFFARI_EXPORT_CARD_ELEMENT,
  AFFARI_EXPORT_DEAL,
  AFFARI_EXPORT_DEAL_CONTACT,
  AFFARI_EXPORT_DEAL_PRODUCT,
  AFFARI_EXPORT_DEAL_FIELD_VALUE,
  AFFARI_EXPORT_DEAL_EXTRA,
  AFFARI_EXPORT_ACTIVITY,
  AFFARI_EXPORT_EVENT,
  AFFARI_EXPORT_EVENT_PINNED,
  AFFARI_EXPORT_DEAL_STAGE_HISTORY,
  AFFARI_EXPORT_LEAD_INFO,
  AFFARI_EXPORT_RECURRING,
  AFFARI_EXPORT_QUOTE,
  AFFARI_EXPORT_QUOTE_PRODUCT,
  AFFARI_EXPORT_SAVED_FILTER,
  AFFARI_EXPORT_SAVED_SEGMENT,
  AFFARI_EXPORT_SALES_GENERATOR,
  AFFARI_EXPORT_N_TABLES
} AffariExportTable;

typedef enum {
  AFFARI_EXPORT_VALUE_NULL,
  AFFARI_EXPORT_VALUE_INT,
  AFFARI_EXPORT_VALUE_REAL,
  AFFARI_EXPORT_VALUE_TEXT,
} AffariExportValueType;

/* One column of a row; @text is valid only during the callback. */
typedef struct {
  AffariExportValueType type;
  gint64 number;
  double real;
  const char *text;
} AffariExportValue;

/* Called once per row, with the columns' names and values; returning FALSE (with @error set)
 * stops the read. */
typedef gboolean (*AffariExportRowFunc) (guint                    n_columns,
                                         const char * const      *names,
                                         const AffariExportValue *values,
                                         gpointer                 user_data,
                                         GError                 **error);

/* The table's name in the database (and in the export). */
const char *affari_export_table_name     (AffariExportTable table);
/* The column that names a row's parent (deal_id, pipeline_id…), NULL for a table without one. */
const char *affari_export_table_parent   (AffariExportTable table);
/* Opens a read transaction, so that everything read until affari_store_export_end is one
 * snapshot (other processes keep writing: the file is in WAL mode). */
gboolean    affari_store_export_begin    (AffariStore *self, GError **error);
void        affari_store_export_end      (AffariStore *self);
/* The number of rows of @table (every row: trashed deals, leads and templates too), or -1. */
gint64      affari_store_export_count    (AffariStore *self, AffariExportTable table, GError **error);
/* Up to @limit rows of @table after the cursor @after (0 at first), in a stable order; @next is
 * the cursor to pass for the next page and @n_rows how many rows came (fewer than @limit: the
 * end). */
gboolean    affari_store_export_page     (AffariStore         *self,
                                          AffariExportTable    table,
                                          gint64               after,
                                          guint                limit,
                                          AffariExportRowFunc  func,
                                          gpointer             user_data,
                                          gint64              *next,
                                          guint               *n_rows,
                                          GError             **error);
/* The rows of @table whose parent column is @parent_id. */
gboolean    affari_store_export_children (AffariStore         *self,
                                          AffariExportTable    table,
                                          gint64               parent_id,
                                          AffariExportRowFunc  func,
                                          gpointer             user_data,
                                          GError             **error);
/* Up to @limit deals (not leads, templates nor trashed ones) with id > @after, in id order, as
 * Bitrix24's deal list shows them: id, title, pipeline, stage, semantics, currency, amount,
 * company, contact, responsible, begin_date, close_date, closed_at, comments, source, type,
 * probability, date_create, closed (names where Bitrix24 shows names: the currency's too). */
gboolean    affari_store_export_b24_deals (AffariStore         *self,
                                           gint64               after,
                                           guint                limit,
                                           AffariExportRowFunc  func,
                                           gpointer             user_data,
                                           gint64              *next,
                                           guint               *n_rows,
                                           GError             **error);
/* The number of deals affari_store_export_b24_deals reads, or -1. */
gint64      affari_store_export_b24_count (AffariStore *self, GError **error);

/* The ids of the deals affari_store_export_b24_deals reads, in id order, or NULL. */
GArray     *affari_store_export_deal_ids  (AffariStore *self, GError **error);

G_END_DECLS
