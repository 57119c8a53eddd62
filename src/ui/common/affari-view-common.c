/* affari-view-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-view"

#include "config.h"

#include "ui/common/affari-view-common.h"

/* ------------------------------------------------------------ refresh */

static gboolean
on_refresh_idle_cb (gpointer user_data)
{
  AffariViewRefresh *refresh = user_data;

  refresh->source = 0;
  refresh->refresh (refresh->widget);
  return G_SOURCE_REMOVE;
}

void
affari_view_refresh_init (AffariViewRefresh *refresh,
                          GtkWidget         *widget,
                          void             (*func) (GtkWidget *widget))
{
  refresh->widget = widget;
  refresh->refresh = func;
  refresh->source = 0;
  refresh->dirty = FALSE;
}

gboolean
affari_view_refresh_begin (AffariViewRefresh *refresh)
{
  /* Hidden (another view is shown, or start-up): read when shown, not now. */
  if (!gtk_widget_get_mapped (refresh->widget))
    {
      refresh->dirty = TRUE;
      return FALSE;
    }
  g_clear_handle_id (&refresh->source, g_source_remove);
  refresh->dirty = FALSE;
  return TRUE;
}

/* Changes come in bursts (a drop writes the activity and the deal): one read per burst, and
 * none while the view is hidden. */
void
affari_view_refresh_queue (AffariViewRefresh *refresh)
{
  if (!gtk_widget_get_mapped (refresh->widget))
    {
      refresh->dirty = TRUE;
      return;
    }
  if (refresh->source == 0)
    refresh->source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_refresh_idle_cb, refresh, NULL);
}

gboolean
affari_view_refresh_mapped (AffariViewRefresh *refresh)
{
  if (!refresh->dirty)
    return FALSE;
  refresh->refresh (refresh->widget);
  return TRUE;
}

void
affari_view_refresh_unmapped (AffariViewRefresh *refresh)
{
  if (refresh->source != 0)
    {
      g_clear_handle_id (&refresh->source, g_source_remove);
      refresh->dirty = TRUE;
    }
}

void
affari_view_refresh_clear (AffariViewRefresh *refresh)
{
  g_clear_handle_id (&refresh->source, g_source_remove);
}

/* ------------------------------------------------------------ query */

AffariDealQuery *
affari_view_query_new (const AffariDealQuery *filter,
                       gint64                 pipeline_id)
{
  AffariDealQuery *query = affari_deal_query_new ();

  if (filter != NULL)
    affari_deal_query_merge_filter (query, filter);
  query->pipeline_id = pipeline_id;
  return query;
}

void
affari_view_set_filter (AffariDealQuery      **slot,
                        const AffariDealQuery *filter)
{
  g_clear_pointer (slot, affari_deal_query_free);
  if (filter != NULL)
    *slot = affari_deal_query_copy (filter);
}

/* ------------------------------------------------------------ drag and drop */

GtkDropTarget *
affari_view_deal_drop_target_new (void)
{
  GType types[] = { AFFARI_TYPE_DEAL };
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_MOVE);

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  gtk_drop_target_set_preload (target, TRUE);
  return target;
}

gint64
affari_view_round_to_units (gint64 minor)
{
  return (minor >= 0 ? minor + 50 : minor - 50) / 100 * 100;
}

/* ------------------------------------------------------------ toasts */

void
affari_view_show_message (GtkWidget  *view,
                          const char *message)
{
  /* The window shows it (win.toast): a view never looks for the overlay above it. */
  gtk_widget_activate_action (view, "win.toast", "s", message);
}
