/* affari-forecast-window.h — "Vendite ricorrenti previste": the BG/NBD forecast of each client
 *
 * The fit runs in a thread (a progress bar meanwhile; closing the window cancels it); then the
 * clients without an open deal by expected value, and "Crea affari" for the selected ones (one
 * step of the main window's undo history). "Verifica il modello" fits on the deals won before a
 * cut-off day and charts predicted against actual repeat purchases.
 *
 * Actions: forecast.create-deals, forecast.check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-deal-ops.h"
#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_FORECAST_WINDOW (affari_forecast_window_get_type ())
G_DECLARE_FINAL_TYPE (AffariForecastWindow, affari_forecast_window, AFFARI, FORECAST_WINDOW, AdwWindow)

/* @ops: the main window's, so that the deals created are undone from there. */
GtkWidget *affari_forecast_window_new (GtkWindow *parent, AffariWorkspace *workspace, AffariDealOps *ops);

G_END_DECLS
