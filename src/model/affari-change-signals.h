/* affari-change-signals.h — the signals that say a committed change happened
 *
 * The store emits them after each commit; the workspace emits the same ones again for the
 * windows. Declared once here so that both speak alike:
 *   "changed" (AffariChangeSet *set)        deals changed
 *   "stages-changed" (gint64 pipeline_id)   the stages of a pipeline were edited
 *   "pipelines-changed" ()                  pipelines were added, renamed, removed
 *   "reset" ()                              many things changed at once (import, demo): reload
 *   "settings-changed::WHAT" (gint64 pipeline_id)  detailed by what changed
 *   "damaged" ()                            the file was found damaged: nothing more is written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  AFFARI_SIGNAL_CHANGED,
  AFFARI_SIGNAL_STAGES_CHANGED,
  AFFARI_SIGNAL_PIPELINES_CHANGED,
  AFFARI_SIGNAL_RESET,
  AFFARI_SIGNAL_SETTINGS_CHANGED,
  AFFARI_SIGNAL_DAMAGED,
  AFFARI_N_CHANGE_SIGNALS
} AffariChangeSignal;

/* Installs the change signals on @klass and fills @ids with their ids. */
void affari_change_signals_install (GObjectClass *klass,
                                    guint         ids[AFFARI_N_CHANGE_SIGNALS]);

G_END_DECLS
