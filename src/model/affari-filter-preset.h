/* affari-filter-preset.h — the ready-made filters ("Affari aperti", "I miei affari", …)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "affari-deal-query.h"

G_BEGIN_DECLS

typedef enum {
  AFFARI_FILTER_PRESET_IN_PROGRESS = 0,   /* Affari aperti */
  AFFARI_FILTER_PRESET_MINE,              /* I miei affari */
  AFFARI_FILTER_PRESET_WON,               /* Vinti */
  AFFARI_FILTER_PRESET_LOST,              /* Persi */
  AFFARI_FILTER_PRESET_CLOSING_THIS_MONTH,/* In chiusura questo mese */
  AFFARI_FILTER_PRESET_NO_ACTIVITIES,     /* Senza attività pianificate */
  AFFARI_FILTER_PRESET_OVERDUE,           /* Attività scadute */
  AFFARI_FILTER_PRESET_REPEAT,            /* Affari ricorrenti */
  AFFARI_N_FILTER_PRESETS
} AffariFilterPreset;

/* Its stable code ("in-progress"), stored in settings and used by actions. */
const char *affari_filter_preset_to_code   (AffariFilterPreset preset);
gboolean    affari_filter_preset_from_code (const char *code, AffariFilterPreset *out);
/* Its translated name. */
const char *affari_filter_preset_label     (AffariFilterPreset preset);
/* A new filter holding the criteria of @preset (no pipeline, stage or order). */
AffariDealQuery *affari_filter_preset_new_query (AffariFilterPreset preset);

G_END_DECLS
