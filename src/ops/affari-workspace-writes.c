/* affari-workspace-writes.c — the writes of settings, clients and the catalogue the windows make
 *
 * Each is one call of the store (one transaction for a write); the workspace is where a second
 * backend would be chosen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "affari-workspace-private.h"

gboolean
affari_workspace_add_currency (AffariWorkspace *self, const char *code, const char *name, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_add_currency (self->store, code, name, error);
}

char *
affari_workspace_add_list_item (AffariWorkspace *self, AffariListKind kind, const char *name, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), NULL);

  return affari_store_add_list_item (self->store, kind, name, error);
}

gint64
affari_workspace_add_stage (AffariWorkspace *self, gint64 pipeline_id, AffariSemantics semantics, const char *name, const char *color, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), 0);

  return affari_store_add_stage (self->store, pipeline_id, semantics, name, color, error);
}

gint64
affari_workspace_add_team_member (AffariWorkspace *self, const char *name, const char *email, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), 0);

  return affari_store_add_team_member (self->store, name, email, error);
}

gint64
affari_workspace_create_company (AffariWorkspace *self, AffariCompany *company, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), 0);

  return affari_store_create_company (self->store, company, error);
}

gint64
affari_workspace_create_contact (AffariWorkspace *self, AffariContact *contact, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), 0);

  return affari_store_create_contact (self->store, contact, error);
}

gint64
affari_workspace_create_custom_field (AffariWorkspace *self, AffariFieldKind kind, const char *code, const char *label, gboolean mandatory, gboolean show_in_list, const char * const *items, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), 0);

  return affari_store_create_custom_field (self->store, kind, code, label, mandatory, show_in_list, items, error);
}

gint64
affari_workspace_create_pipeline (AffariWorkspace *self, const char *name, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), 0);

  return affari_store_create_pipeline (self->store, name, error);
}

gint64
affari_workspace_create_product (AffariWorkspace *self, AffariProduct *product, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), 0);

  return affari_store_create_product (self->store, product, error);
}

gboolean
affari_workspace_delete_custom_field (AffariWorkspace *self, gint64 field_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_delete_custom_field (self->store, field_id, error);
}

gboolean
affari_workspace_delete_list_item (AffariWorkspace *self, AffariListKind kind, const char *code, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_delete_list_item (self->store, kind, code, error);
}

gboolean
affari_workspace_delete_pipeline (AffariWorkspace *self, gint64 pipeline_id, gint64 target_pipeline_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_delete_pipeline (self->store, pipeline_id, target_pipeline_id, error);
}

gboolean
affari_workspace_delete_product (AffariWorkspace *self, gint64 product_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_delete_product (self->store, product_id, error);
}

gboolean
affari_workspace_delete_saved_filter (AffariWorkspace *self, gint64 id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_delete_saved_filter (self->store, id, error);
}

gboolean
affari_workspace_delete_stage (AffariWorkspace *self, gint64 stage_id, gint64 target_stage_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_delete_stage (self->store, stage_id, target_stage_id, error);
}

gboolean
affari_workspace_remove_currency (AffariWorkspace *self, const char *code, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_remove_currency (self->store, code, error);
}

gboolean
affari_workspace_rename_list_item (AffariWorkspace *self, AffariListKind kind, const char *code, const char *name, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_rename_list_item (self->store, kind, code, name, error);
}

gboolean
affari_workspace_rename_pipeline (AffariWorkspace *self, gint64 pipeline_id, const char *name, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_rename_pipeline (self->store, pipeline_id, name, error);
}

gboolean
affari_workspace_reorder_custom_fields (AffariWorkspace *self, const gint64 *ids, guint n_ids, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_reorder_custom_fields (self->store, ids, n_ids, error);
}

gboolean
affari_workspace_reorder_list (AffariWorkspace *self, AffariListKind kind, const char * const *codes, guint n_codes, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_reorder_list (self->store, kind, codes, n_codes, error);
}

gboolean
affari_workspace_reorder_pipelines (AffariWorkspace *self, const gint64 *ids, guint n_ids, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_reorder_pipelines (self->store, ids, n_ids, error);
}

gboolean
affari_workspace_reorder_stages (AffariWorkspace *self, gint64 pipeline_id, const gint64 *ids, guint n_ids, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_reorder_stages (self->store, pipeline_id, ids, n_ids, error);
}

gboolean
affari_workspace_reset_card_layout (AffariWorkspace *self, gint64 pipeline_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_reset_card_layout (self->store, pipeline_id, error);
}

gint64
affari_workspace_save_filter (AffariWorkspace *self, const char *name, const AffariDealQuery *query, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), 0);

  return affari_store_save_filter (self->store, name, query, error);
}

gboolean
affari_workspace_set_base_currency (AffariWorkspace *self, const char *code, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_set_base_currency (self->store, code, error);
}

gboolean
affari_workspace_set_card_layout (AffariWorkspace *self, gint64 pipeline_id, GPtrArray *sections, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_set_card_layout (self->store, pipeline_id, sections, error);
}

gboolean
affari_workspace_set_currency_rate (AffariWorkspace *self, const char *code, const char *rate, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_set_currency_rate (self->store, code, rate, error);
}

gboolean
affari_workspace_set_current_user (AffariWorkspace *self, gint64 member_id, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_set_current_user (self->store, member_id, error);
}

gboolean
affari_workspace_set_custom_field_items (AffariWorkspace *self, gint64 field_id, const AffariFieldItem *items, guint n_items, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_set_custom_field_items (self->store, field_id, items, n_items, error);
}

gboolean
affari_workspace_set_setting (AffariWorkspace *self, const char *key, const char *value, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_set_setting (self->store, key, value, error);
}

gboolean
affari_workspace_update_custom_field (AffariWorkspace *self, gint64 field_id, const char *label, gboolean mandatory, gboolean show_in_list, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_update_custom_field (self->store, field_id, label, mandatory, show_in_list, error);
}

gboolean
affari_workspace_update_product (AffariWorkspace *self, AffariProduct *product, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_update_product (self->store, product, error);
}

gboolean
affari_workspace_update_stage (AffariWorkspace *self, gint64 stage_id, const char *name, const char *color, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_update_stage (self->store, stage_id, name, color, error);
}

gboolean
affari_workspace_update_team_member (AffariWorkspace *self, gint64 member_id, const char *name, const char *email, gboolean active, GError **error)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (self), FALSE);

  return affari_store_update_team_member (self->store, member_id, name, email, active, error);
}
