/* affari-activity.h — a call, meeting, task or e-mail planned on a deal
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <glib-object.h>
#include "affari-types.h"
G_BEGIN_DECLS
#define AFFARI_TYPE_ACTIVITY (affari_activity_get_type ())
G_DECLARE_FINAL_TYPE (AffariActivity, affari_activity, AFFARI, ACTIVITY, GObject)
/* Properties: "id", "deal-id" (gint64), "kind" (AffariActivityType as int), "subject",
 * "description", "deadline" (gint64 Unix seconds), "completed" (boolean),
 * "responsible-id" (gint64), "created" (gint64). */
AffariActivity *affari_activity_new          (AffariActivityType kind, const char *subject, gint64 deadline);
gint64      affari_activity_get_id           (AffariActivity *self);
gint64      affari_activity_get_deal_id      (AffariActivity *self);
AffariActivityType affari_activity_get_kind  (AffariActivity *self);
const char *affari_activity_get_subject      (AffariActivity *self);
const char *affari_activity_get_description  (AffariActivity *self);
gint64      affari_activity_get_deadline     (AffariActivity *self);
gboolean    affari_activity_get_completed    (AffariActivity *self);
gint64      affari_activity_get_responsible_id (AffariActivity *self);
gint64      affari_activity_get_created      (AffariActivity *self);

/* The deadline a new activity gets when planned at @now (Unix seconds): three working days ahead
 * (Saturday and Sunday skipped), rounded up to the next full hour, in local time. */
gint64       affari_activity_default_deadline (gint64 now);

G_END_DECLS
