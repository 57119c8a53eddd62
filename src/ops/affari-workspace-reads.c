/* affari-workspace-reads.c — the reads the windows make: reference lists, deals, history, totals
 *
 * Each is one call of the store (one transaction for a write); the workspace is where a second
 * backend would be chosen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "affari-workspace-private.h"

gboolean
affari_workspace_activity_buckets (AffariWorkspace *self, const AffariDealQuery *query, AffariActivityBucket *buckets, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_activity_buckets (self->store, query, buckets, error);
}

GPtrArray *
affari_workspace_calendar_deals (AffariWorkspace *self, const AffariDealQuery *query, AffariCalendarField field, const char *from, const char *to, guint per_day, GArray **out_days, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_calendar_deals (self->store, query, field, from, to, per_day, out_days, error);
}

gboolean
affari_workspace_can_delete_stage (AffariWorkspace *self, gint64 stage_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_can_delete_stage (self->store, stage_id, error);
}

guint
affari_workspace_count_deals (AffariWorkspace *self, const AffariDealQuery *query, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), 0);

  return affari_store_count_deals (self->store, query, error);
}

guint
affari_workspace_count_pipeline_deals (AffariWorkspace *self, gint64 pipeline_id)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), 0);

  return affari_store_count_pipeline_deals (self->store, pipeline_id);
}

guint
affari_workspace_count_stage_deals (AffariWorkspace *self, gint64 stage_id)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), 0);

  return affari_store_count_stage_deals (self->store, stage_id);
}

char *
affari_workspace_dup_base_currency (AffariWorkspace *self)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_dup_base_currency (self->store);
}

gint64
affari_workspace_find_stage (AffariWorkspace *self, gint64 pipeline_id, AffariSemantics semantics)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), 0);

  return affari_store_find_stage (self->store, pipeline_id, semantics);
}

GPtrArray *
affari_workspace_get_card_layout (AffariWorkspace *self, gint64 pipeline_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_get_card_layout (self->store, pipeline_id, error);
}

AffariCompany *
affari_workspace_get_company (AffariWorkspace *self, gint64 id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_get_company (self->store, id, error);
}

gint64
affari_workspace_get_current_user (AffariWorkspace *self)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), 0);

  return affari_store_get_current_user (self->store);
}

AffariDeal *
affari_workspace_get_deal (AffariWorkspace *self, gint64 id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_get_deal (self->store, id, error);
}

GHashTable *
affari_workspace_get_deal_field_values (AffariWorkspace *self, gint64 deal_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_get_deal_field_values (self->store, deal_id, error);
}

gint64
affari_workspace_get_default_pipeline_id (AffariWorkspace *self)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), 0);

  return affari_store_get_default_pipeline_id (self->store);
}

AffariPipeline *
affari_workspace_get_pipeline (AffariWorkspace *self, gint64 id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_get_pipeline (self->store, id, error);
}

char *
affari_workspace_get_setting (AffariWorkspace *self, const char *key)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_get_setting (self->store, key);
}

AffariStage *
affari_workspace_get_stage (AffariWorkspace *self, gint64 stage_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_get_stage (self->store, stage_id, error);
}

AffariTeamMember *
affari_workspace_get_team_member (AffariWorkspace *self, gint64 id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_get_team_member (self->store, id, error);
}

gboolean
affari_workspace_has_card_layout (AffariWorkspace *self, gint64 pipeline_id)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_has_card_layout (self->store, pipeline_id);
}

GPtrArray *
affari_workspace_list_activities (AffariWorkspace *self, gint64 deal_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_list_activities (self->store, deal_id, error);
}

GPtrArray *
affari_workspace_list_currencies (AffariWorkspace *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_list_currencies (self->store, error);
}

GPtrArray *
affari_workspace_list_custom_fields (AffariWorkspace *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_list_custom_fields (self->store, error);
}

GPtrArray *
affari_workspace_list_deal_contacts (AffariWorkspace *self, gint64 deal_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_list_deal_contacts (self->store, deal_id, error);
}

GPtrArray *
affari_workspace_list_deal_types (AffariWorkspace *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_list_deal_types (self->store, error);
}

GPtrArray *
affari_workspace_list_events (AffariWorkspace *self, gint64 deal_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_list_events (self->store, deal_id, error);
}

GPtrArray *
affari_workspace_list_pipelines (AffariWorkspace *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_list_pipelines (self->store, error);
}

GPtrArray *
affari_workspace_list_planned_activities (AffariWorkspace *self, const AffariDealQuery *query, gint64 from, gint64 to, GHashTable **out_titles, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_list_planned_activities (self->store, query, from, to, out_titles, error);
}

GArray *
affari_workspace_list_product_rows (AffariWorkspace *self, gint64 deal_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_list_product_rows (self->store, deal_id, error);
}

GPtrArray *
affari_workspace_list_products (AffariWorkspace *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_list_products (self->store, error);
}

GPtrArray *
affari_workspace_list_saved_filters (AffariWorkspace *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_list_saved_filters (self->store, error);
}

GPtrArray *
affari_workspace_list_sources (AffariWorkspace *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_list_sources (self->store, error);
}

GPtrArray *
affari_workspace_list_stages (AffariWorkspace *self, gint64 pipeline_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_list_stages (self->store, pipeline_id, error);
}

GPtrArray *
affari_workspace_list_team (AffariWorkspace *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_list_team (self->store, error);
}

GPtrArray *
affari_workspace_list_trash (AffariWorkspace *self, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_list_trash (self->store, error);
}

gint64
affari_workspace_now (AffariWorkspace *self)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), 0);

  return affari_store_now (self->store);
}

GArray *
affari_workspace_query_deal_ids (AffariWorkspace *self, const AffariDealQuery *query, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_query_deal_ids (self->store, query, error);
}

GPtrArray *
affari_workspace_query_deals (AffariWorkspace *self, const AffariDealQuery *query, guint offset, guint limit, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_query_deals (self->store, query, offset, limit, error);
}

GPtrArray *
affari_workspace_search_companies (AffariWorkspace *self, const char *text, guint limit, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_search_companies (self->store, text, limit, error);
}

GPtrArray *
affari_workspace_search_contacts (AffariWorkspace *self, const char *text, guint limit, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_search_contacts (self->store, text, limit, error);
}

GArray *
affari_workspace_stage_totals (AffariWorkspace *self, const AffariDealQuery *query, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_stage_totals (self->store, query, error);
}
