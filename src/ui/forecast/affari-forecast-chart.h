/* affari-forecast-chart.h — predicted against actual repeat purchases, per number of past purchases
 *
 * The calibration plot of BTYD (PlotFreqVsConditionalExpectedFrequency) for the holdout check: for
 * the clients with 0, 1, … 7+ repeat purchases before the cut-off, the mean number of repeat
 * purchases the model predicted after it and the mean they made, as pairs of bars.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ops/affari-forecast.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_FORECAST_CHART (affari_forecast_chart_get_type ())
G_DECLARE_FINAL_TYPE (AffariForecastChart, affari_forecast_chart, AFFARI, FORECAST_CHART, GtkWidget)

GtkWidget *affari_forecast_chart_new      (void);
/* Draws @holdout (copied; NULL: nothing). */
void       affari_forecast_chart_set_data (AffariForecastChart *self, const AffariForecastHoldout *holdout);

G_END_DECLS
