/* affari-change-signals.c — the signals that say a committed change happened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "affari-change-signals.h"
#include "affari-change-set.h"

void
affari_change_signals_install (GObjectClass *klass,
                               guint         ids[AFFARI_N_CHANGE_SIGNALS])
{
  GType type = G_TYPE_FROM_CLASS (klass);

  ids[AFFARI_SIGNAL_CHANGED] =
    g_signal_new ("changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, AFFARI_TYPE_CHANGE_SET);
  ids[AFFARI_SIGNAL_STAGES_CHANGED] =
    g_signal_new ("stages-changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
  ids[AFFARI_SIGNAL_PIPELINES_CHANGED] =
    g_signal_new ("pipelines-changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  ids[AFFARI_SIGNAL_RESET] =
    g_signal_new ("reset", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  ids[AFFARI_SIGNAL_SETTINGS_CHANGED] =
    g_signal_new ("settings-changed", type, G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
  ids[AFFARI_SIGNAL_DAMAGED] =
    g_signal_new ("damaged", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}
