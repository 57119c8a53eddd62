/* affari-filter-preset.c — the ready-made filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-filter-preset.h"

static const char * const codes[] = {
  [AFFARI_FILTER_PRESET_IN_PROGRESS] = "in-progress",
  [AFFARI_FILTER_PRESET_MINE] = "mine",
  [AFFARI_FILTER_PRESET_WON] = "won",
  [AFFARI_FILTER_PRESET_LOST] = "lost",
  [AFFARI_FILTER_PRESET_CLOSING_THIS_MONTH] = "closing-this-month",
  [AFFARI_FILTER_PRESET_NO_ACTIVITIES] = "no-activities",
  [AFFARI_FILTER_PRESET_OVERDUE] = "overdue",
  [AFFARI_FILTER_PRESET_REPEAT] = "repeat",
};

const char *
affari_filter_preset_to_code (AffariFilterPreset preset)
{
  g_return_val_if_fail (preset < AFFARI_N_FILTER_PRESETS, NULL);

  return codes[preset];
}

gboolean
affari_filter_preset_from_code (const char *code, AffariFilterPreset *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_strcmp0 (code, codes[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
affari_filter_preset_label (AffariFilterPreset preset)
{
  switch (preset)
    {
    case AFFARI_FILTER_PRESET_IN_PROGRESS:
      /* not "in progress": a stage has that name; the code stays "in-progress" for saved settings */
      return _("Open Deals");
    case AFFARI_FILTER_PRESET_MINE:
      return _("My Deals");
    case AFFARI_FILTER_PRESET_WON:
      return _("Won");
    case AFFARI_FILTER_PRESET_LOST:
      return _("Lost");
    case AFFARI_FILTER_PRESET_CLOSING_THIS_MONTH:
      return _("Closing This Month");
    case AFFARI_FILTER_PRESET_NO_ACTIVITIES:
      return _("No Planned Activities");
    case AFFARI_FILTER_PRESET_OVERDUE:
      return _("Overdue Activities");
    case AFFARI_FILTER_PRESET_REPEAT:
      return _("Repeat Deals");
    case AFFARI_N_FILTER_PRESETS:
    default:
      g_return_val_if_reached (NULL);
    }
}

AffariDealQuery *
affari_filter_preset_new_query (AffariFilterPreset preset)
{
  AffariDealQuery *q = affari_deal_query_new ();

  switch (preset)
    {
    case AFFARI_FILTER_PRESET_IN_PROGRESS:
      q->semantics_mask = 1u << AFFARI_SEMANTICS_PROCESS;
      break;
    case AFFARI_FILTER_PRESET_MINE:
      q->assigned_to_me = TRUE;
      break;
    case AFFARI_FILTER_PRESET_WON:
      q->semantics_mask = 1u << AFFARI_SEMANTICS_SUCCESS;
      break;
    case AFFARI_FILTER_PRESET_LOST:
      q->semantics_mask = 1u << AFFARI_SEMANTICS_FAILURE;
      break;
    case AFFARI_FILTER_PRESET_CLOSING_THIS_MONTH:
      /* still open, expected to close this month */
      q->semantics_mask = 1u << AFFARI_SEMANTICS_PROCESS;
      q->close.period = AFFARI_PERIOD_THIS_MONTH;
      break;
    case AFFARI_FILTER_PRESET_NO_ACTIVITIES:
      q->semantics_mask = 1u << AFFARI_SEMANTICS_PROCESS;
      q->activity = AFFARI_ACTIVITY_FILTER_NONE_PLANNED;
      break;
    case AFFARI_FILTER_PRESET_OVERDUE:
      q->activity = AFFARI_ACTIVITY_FILTER_OVERDUE;
      break;
    case AFFARI_FILTER_PRESET_REPEAT:
      q->repeat = AFFARI_REPEAT_ONLY;
      break;
    case AFFARI_N_FILTER_PRESETS:
    default:
      g_warn_if_reached ();
    }
  return q;
}
