/* affari-generator-window.h — "Generatore di vendite": segments of clients, the run settings, the
 * preview, "Crea N affari", schedules and custom segments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-deal-ops.h"
#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_GENERATOR_WINDOW (affari_generator_window_get_type ())
G_DECLARE_FINAL_TYPE (AffariGeneratorWindow, affari_generator_window, AFFARI, GENERATOR_WINDOW, AdwWindow)

/* Actions: generator.select (string: a segment code), generator.create, generator.save-schedule,
 * generator.delete-schedule (int64 id), generator.save-segment. @ops is the main window's: a
 * run is one step of its undo history, announced by its toast. */
GtkWidget  *affari_generator_window_new           (GtkWindow       *parent,
                                                   AffariWorkspace *workspace,
                                                   AffariDealOps   *ops);
/* The live count shown for @code (G_MAXUINT while not counted yet). */
guint       affari_generator_window_get_count     (AffariGeneratorWindow *self,
                                                   const char            *code);
/* How many deals "Crea" would make now and how many clients are skipped; FALSE while the
 * preview is being brought up to date. */
gboolean    affari_generator_window_get_preview   (AffariGeneratorWindow *self,
                                                   guint                 *n_create,
                                                   guint                 *n_skip);

G_END_DECLS
