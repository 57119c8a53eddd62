/* affari-store-activity.c — one activity of a deal: add, complete, delete, reschedule, and the
 * activities of a deal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "affari-store.h"
#include "affari-schema.h"
#include "affari-store-private.h"
#include "model/affari-deal-private.h"
#include "model/affari-money.h"

/* --------------------------------------------------------------- activities */

gboolean
affari_store_add_activity (AffariStore *self, gint64 deal_id, AffariActivity *activity, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 stage, id = 0;
  gboolean ok;
  g_autofree char *text = NULL;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);
  g_return_val_if_fail (AFFARI_IS_ACTIVITY (activity), FALSE);

  if (!store_check_line (affari_activity_get_subject (activity), STORE_MAX_TITLE_CHARS, TRUE, _("The subject"), error) ||
      !store_check_text (affari_activity_get_description (activity), STORE_MAX_TEXT_CHARS, FALSE, _("The description"), error))
    return FALSE;
  if (affari_activity_get_deadline (activity) <= 0)
    return store_set_invalid (error, _("The activity needs a deadline"));
  stage = store_deal_stage (self, deal_id);
  if (stage == 0)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The deal does not exist any more"));
      return FALSE;
    }

  if (!store_tx_begin (self, error))
    return FALSE;
  id = store_new_id (self, "activity", error);
  stmt = id < 0 ? NULL : store_prepare (self,
    "INSERT INTO activity (id, deal_id, kind, subject, description, deadline, completed, completed_at, responsible_id, created)"
    " VALUES (?9, ?1, ?2, trim(?3), ?4, ?5, ?6, CASE WHEN ?6 THEN ?8 END,"
    "         coalesce(?7, (SELECT assigned_by_id FROM deal WHERE id = ?1)), ?8)", error);
  ok = stmt != NULL;
  if (ok)
    {
      store_bind_id (stmt, 9, id);
      sqlite3_bind_int64 (stmt, 1, deal_id);
      store_bind_text (stmt, 2, affari_activity_type_to_string (affari_activity_get_kind (activity)));
      store_bind_text (stmt, 3, affari_activity_get_subject (activity));
      store_bind_text (stmt, 4, affari_activity_get_description (activity));
      sqlite3_bind_int64 (stmt, 5, affari_activity_get_deadline (activity));
      sqlite3_bind_int (stmt, 6, affari_activity_get_completed (activity));
      store_bind_id (stmt, 7, affari_activity_get_responsible_id (activity));
      sqlite3_bind_int64 (stmt, 8, affari_store_now (self));
      ok = store_step_done (self, stmt, error);
      id = sqlite3_last_insert_rowid (self->db);
    }
  if (ok)
    {
      text = g_strdup_printf (affari_activity_get_completed (activity) ? _("%s done: %s") : _("%s planned: %s"),
                              affari_activity_type_label (affari_activity_get_kind (activity)),
                              affari_activity_get_subject (activity));
      ok = store_add_event (self, deal_id, AFFARI_EVENT_ACTIVITY, "ACTIVITY", NULL, affari_activity_get_subject (activity),
                      text, error);
    }
  if (ok)
    store_queue_deal (self, deal_id, stage, stage);
  if (!store_tx_end (self, ok, error))
    return FALSE;
  g_object_set (activity, "id", id, "deal-id", deal_id, NULL);
  return TRUE;
}

static AffariActivity *
get_activity (AffariStore *self, gint64 activity_id, GError **error)
{
  sqlite3_stmt *stmt = store_prepare (self,
    "SELECT id, deal_id, kind, subject, description, deadline, completed, responsible_id, created"
    " FROM activity WHERE id = ?", error);
  AffariActivity *activity = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    activity = store_activity_from_row (stmt);
  else
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The activity does not exist any more"));
  sqlite3_reset (stmt);
  return activity;
}

gboolean
affari_store_complete_activity (AffariStore *self, gint64 activity_id, gboolean completed, GError **error)
{
  g_autoptr(AffariActivity) activity = NULL;
  g_autofree char *text = NULL;
  gint64 deal_id, stage;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  activity = get_activity (self, activity_id, error);
  if (activity == NULL)
    return FALSE;
  if (affari_activity_get_completed (activity) == completed)
    return TRUE;
  deal_id = affari_activity_get_deal_id (activity);
  stage = store_deal_stage (self, deal_id);

  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec (self, error, "UPDATE activity SET completed = ?1, completed_at = CASE WHEN ?1 THEN ?2 END WHERE id = ?3", "ixx", (int) (completed), (gint64) (affari_store_now (self)), (gint64) (activity_id));
  if (ok)
    {
      text = g_strdup_printf (completed ? _("%s done: %s") : _("%s planned again: %s"),
                              affari_activity_type_label (affari_activity_get_kind (activity)),
                              affari_activity_get_subject (activity));
      ok = store_add_event (self, deal_id, AFFARI_EVENT_ACTIVITY, "ACTIVITY", NULL,
                      affari_activity_get_subject (activity), text, error);
    }
  if (ok && stage)
    store_queue_deal (self, deal_id, stage, stage);
  return store_tx_end (self, ok, error);
}

gboolean
affari_store_delete_activity (AffariStore *self, gint64 activity_id, GError **error)
{
  g_autoptr(AffariActivity) activity = NULL;
  g_autofree char *text = NULL;
  gint64 deal_id, stage;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  activity = get_activity (self, activity_id, error);
  if (activity == NULL)
    return FALSE;
  deal_id = affari_activity_get_deal_id (activity);
  stage = store_deal_stage (self, deal_id);

  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec (self, error, "DELETE FROM activity WHERE id = ?", "x", (gint64) (activity_id));
  if (ok)
    {
      text = g_strdup_printf (_("%s removed: %s"),
                              affari_activity_type_label (affari_activity_get_kind (activity)),
                              affari_activity_get_subject (activity));
      ok = store_add_event (self, deal_id, AFFARI_EVENT_ACTIVITY, "ACTIVITY", affari_activity_get_subject (activity),
                      NULL, text, error);
    }
  if (ok && stage)
    store_queue_deal (self, deal_id, stage, stage);
  return store_tx_end (self, ok, error);
}

GPtrArray *
affari_store_list_activities (AffariStore *self, gint64 deal_id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AFFARI_IS_STORE (self), NULL);

  stmt = store_prepare (self,
    "SELECT id, deal_id, kind, subject, description, deadline, completed, responsible_id, created"
    " FROM activity WHERE deal_id = ? ORDER BY completed, deadline, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  return store_collect (self, stmt, (StoreRowFunc) store_activity_from_row, "activities", error);
}

/* ----------------------------------------------------------- activities */

gboolean
affari_store_reschedule_activity (AffariStore *self,
                                  gint64       activity_id,
                                  gint64       deadline,
                                  GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *subject = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) old_dt = NULL;
  g_autoptr(GDateTime) new_dt = NULL;
  AffariActivityType type = AFFARI_ACTIVITY_TASK;
  gint64 deal_id = 0, old_deadline = 0, stage;
  gboolean found = FALSE;
  gboolean ok;

  g_return_val_if_fail (AFFARI_IS_STORE (self), FALSE);

  if (deadline <= 0)
    return store_set_invalid (error, _("The activity needs a deadline"));

  stmt = store_prepare (self, "SELECT deal_id, kind, subject, deadline FROM activity WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      deal_id = sqlite3_column_int64 (stmt, 0);
      kind = store_column_dup (stmt, 1);
      subject = store_column_dup (stmt, 2);
      old_deadline = sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (!found)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND, _("The activity does not exist any more"));
      return FALSE;
    }
  if (old_deadline == deadline)
    return TRUE;

  stage = store_deal_stage (self, deal_id);
  affari_activity_type_from_string (kind, &type);
  old_dt = g_date_time_new_from_unix_local (old_deadline);
  new_dt = g_date_time_new_from_unix_local (deadline);
  old_text = g_date_time_format (old_dt, "%d/%m/%Y %H:%M");
  new_text = g_date_time_format (new_dt, "%d/%m/%Y %H:%M");

  if (!store_tx_begin (self, error))
    return FALSE;
  ok = store_exec (self, error, "UPDATE activity SET deadline = ? WHERE id = ?", "xx", (gint64) (deadline), (gint64) (activity_id));
  if (ok)
    {
      /* Translators: history; "Call rescheduled: Offer follow-up, 27/11/2026 10:00 → 30/11/2026 11:00" */
      text = g_strdup_printf (_("%s rescheduled: %s, %s → %s"),
                              affari_activity_type_label (type), subject, old_text, new_text);
      ok = store_add_event (self, deal_id, AFFARI_EVENT_ACTIVITY, "DEADLINE", old_text, new_text, text, error);
    }
  if (ok && stage != 0)
    store_queue_deal (self, deal_id, stage, stage);
  return store_tx_end (self, ok, error);
}
