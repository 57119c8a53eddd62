/* affari-deal-private.h — field access for the store, which fills deals in bulk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "affari-deal.h"

G_BEGIN_DECLS

struct _AffariDeal
{
  GObject parent_instance;

  gint64 id;
  char *title;
  char *type_id;
  gint64 pipeline_id;
  gint64 stage_id;
  AffariSemantics semantics;
  gboolean closed;
  gboolean opened;
  int probability;
  char *currency;
  gint64 amount;
  gboolean is_manual_amount;
  gint64 tax_value;
  gint64 company_id;
  char *company_name;
  char *contact_name;
  gint64 lead_id;
  gint64 quote_id;
  char *begin_date;
  char *close_date;
  char *closed_at;
  char *comments;
  gint64 assigned_by_id;
  char *assigned_name;
  gint64 created_by_id;
  gint64 modify_by_id;
  gint64 moved_by_id;
  gint64 date_create;
  gint64 date_modify;
  gint64 moved_time;
  gboolean is_recurring;
  gboolean is_return_customer;
  gboolean is_repeated_approach;
  char *source_id;
  char *source_description;
  char *additional_info;
  char *originator_id;
  char *origin_id;
  double position;
  gint64 next_activity;
  gint64 deleted_at;
  gint64 version;
};

/* The store sets read-only fields through these; they do not notify. */
void affari_deal_set_id_internal (AffariDeal *self, gint64 id);

G_END_DECLS
