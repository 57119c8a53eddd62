/* affari-event.h — one entry of a deal's history (Cronologia)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <glib-object.h>
#include "affari-types.h"
G_BEGIN_DECLS
#define AFFARI_TYPE_EVENT (affari_event_get_type ())
G_DECLARE_FINAL_TYPE (AffariEvent, affari_event, AFFARI, EVENT, GObject)
/* Properties: "id", "deal-id", "time" (gint64 Unix seconds), "author-id" (gint64),
 * "author-name", "kind" (AffariEventType as int), "field", "old-value", "new-value", "text",
 * "pinned" (boolean). */
gint64      affari_event_get_id          (AffariEvent *self);
gint64      affari_event_get_deal_id     (AffariEvent *self);
gint64      affari_event_get_time        (AffariEvent *self);
gint64      affari_event_get_author_id   (AffariEvent *self);
const char *affari_event_get_author_name (AffariEvent *self);
AffariEventType affari_event_get_kind    (AffariEvent *self);
const char *affari_event_get_field       (AffariEvent *self);
const char *affari_event_get_old_value   (AffariEvent *self);
const char *affari_event_get_new_value   (AffariEvent *self);
/* A readable sentence in the user's language ("Fase: Nuovo → In corso"). */
const char *affari_event_get_text        (AffariEvent *self);
/* Pinned lines (the sales generator's comment) are listed before the others. */
gboolean    affari_event_get_pinned      (AffariEvent *self);
G_END_DECLS
