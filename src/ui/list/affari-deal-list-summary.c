/* affari-deal-list-summary.c — when the footer's count and totals are worked out
 *
 * Typing asks for a list per key: the totals of what is listed (~15 ms on 100,000 deals found
 * by one letter) are added up once the typing pauses, not between two keys where they would
 * hold up the next one. The count, which the list knows, is shown after the frame that shows
 * the rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-list-view"

#include "config.h"

#include "ui/list/affari-deal-list-view-private.h"

static gboolean
update_summary_cb (gpointer data)
{
  AffariDealListView *self = data;
  g_autoptr(GArray) totals = NULL;
  guint count = 0;

  self->summary_source = 0;
  if (self->workspace == NULL || self->query == NULL)
    return G_SOURCE_REMOVE;

  totals = affari_workspace_stage_totals (self->workspace, self->query, NULL);
  for (guint i = 0; totals != NULL && i < totals->len; i++)
    count += g_array_index (totals, AffariStageTotal, i).count;
  affari_deal_list_footer_set_summary (self->footer, count, totals, affari_deal_query_has_filter (self->filter));
  return G_SOURCE_REMOVE;
}

static void
on_summary_after_paint_cb (GdkFrameClock      *clock,
                           AffariDealListView *self)
{
  guint count = self->deals != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->deals)) : 0;

  affari_after_paint_forget (&self->summary_paint);
  if (affari_deal_list_footer_get_summary (self->footer) == NULL || count != affari_deal_list_footer_get_count (self->footer))
    affari_deal_list_footer_set_summary (self->footer, count, NULL, affari_deal_query_has_filter (self->filter));
  g_clear_handle_id (&self->summary_source, g_source_remove);
  self->summary_source = g_timeout_add (TYPING_PAUSE_MS, update_summary_cb, self);
}

void
affari_deal_list_summary_queue (AffariDealListView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->summary_stale = TRUE;
      return;
    }
  /* After the frame that shows the rows, and a pause after the last change: adding up a
   * search's matches must not run while that frame waits for its turn, nor between two keys. */
  g_clear_handle_id (&self->summary_source, g_source_remove);
  affari_after_paint_arm (&self->summary_paint, GTK_WIDGET (self), G_CALLBACK (on_summary_after_paint_cb), self);
}

void
affari_deal_list_summary_flush (AffariDealListView *self)
{
  if (self->summary_source != 0 || affari_after_paint_pending (&self->summary_paint))
    {
      affari_after_paint_forget (&self->summary_paint);
      g_clear_handle_id (&self->summary_source, g_source_remove);
      update_summary_cb (self);
    }
}

void
affari_deal_list_summary_cancel (AffariDealListView *self,
                                 gboolean            stale)
{
  if (stale && (self->summary_source != 0 || affari_after_paint_pending (&self->summary_paint)))
    self->summary_stale = TRUE;
  affari_after_paint_forget (&self->summary_paint);
  g_clear_handle_id (&self->summary_source, g_source_remove);
}
