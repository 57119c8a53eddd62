/* affari-kanban-column-totals.c
 *
 * The column's count and totals in its header. The workspace keeps every stage's totals, so the
 * count and total are a read of a few rows; only the columns a change touches read them again,
 * before the frame that shows the change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-kanban-column"

#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-money.h"

#include "ui/board/affari-kanban-column-private.h"

/* Whole units, half away from zero: cents in a header are noise. */
static gint64
round_to_units (gint64 minor)
{
  return (minor >= 0 ? minor + 50 : minor - 50) / 100 * 100;
}

/* The header from self->totals: "count · total" in the main currency, the others apart. */
static void
render_totals (AffariKanbanColumn *self)
{
  g_autoptr(GString) others = g_string_new (NULL);
  g_autofree char *money = NULL;
  g_autofree char *accessible = NULL;
  AffariDealQuery query = _affari_kanban_column_make_query (self, TRUE);
  gint64 main_sum = 0;
  guint count = 0;

  for (guint i = 0; i < self->totals->len; i++)
    {
      AffariStageTotal *t = &g_array_index (self->totals, AffariStageTotal, i);

      count += t->count;
      if (g_strcmp0 (t->currency, self->currency) == 0)
        {
          main_sum += t->sum;
        }
      else
        {
          /* Other currencies are listed, never added to the main one. */
          g_autofree char *other = affari_money_format_short (round_to_units (t->sum), t->currency);

          if (others->len > 0)
            g_string_append (others, " · ");
          g_string_append (others, other);
        }
    }

  self->count = count;
  money = affari_money_format_short (round_to_units (main_sum), self->currency);
  g_free (self->summary);
  if (affari_deal_query_has_filter (&query))
    /* Translators: a column header while a filter is active: the deals and total that match it */
    self->summary = g_strdup_printf (_("%u · %s (filtered)"), count, money);
  else
    /* Translators: a column header, the number of deals and their total: "12 · € 48.200". */
    self->summary = g_strdup_printf (_("%u · %s"), count, money);
  gtk_label_set_text (self->summary_label, self->summary);
  if (affari_deal_query_has_filter (&query))
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "filtered");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "filtered");

  if (others->len > 0)
    {
      g_autofree char *text = g_strdup_printf ("+ %s", others->str);
      gtk_label_set_text (self->other_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->other_label), others->len > 0);

  /* Translators: accessible description of a column: its number of deals and their total. */
  accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deal, %s", "%u deals, %s", count), count, money);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible,
                                  -1);
}

void
_affari_kanban_column_update_totals (AffariKanbanColumn *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) totals = NULL;
  AffariDealQuery query = _affari_kanban_column_make_query (self, TRUE);

  /* One stage in SQL: a millisecond on the covering index, even at 100,000 deals. */
  totals = affari_workspace_stage_totals (self->workspace, &query, &error);
  if (totals == NULL)
    {
      g_warning ("Cannot read the totals of a stage: %s", error->message);
      return;
    }

  g_array_set_size (self->totals, 0);
  for (guint i = 0; i < totals->len; i++)
    if (g_array_index (totals, AffariStageTotal, i).stage_id == query.stage_id)
      g_array_append_val (self->totals, g_array_index (totals, AffariStageTotal, i));

  render_totals (self);
}

static gboolean
on_totals_idle_cb (gpointer user_data)
{
  AffariKanbanColumn *self = user_data;

  self->totals_source = 0;
  _affari_kanban_column_update_totals (self);

  return G_SOURCE_REMOVE;
}

void
_affari_kanban_column_queue_totals (AffariKanbanColumn *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->totals_stale = TRUE;
      return;
    }
  /* Together with the deal list's own refresh, before the next frame is painted. */
  if (self->totals_source == 0)
    self->totals_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_totals_idle_cb, self, NULL);
}

/* Only the columns a change touches count again: the workspace keeps every stage's totals, so the
 * count and total are a read of a few rows, before the frame that shows the change. */
static void
on_workspace_changed_cb (AffariWorkspace    *workspace,
                     AffariChangeSet    *set,
                     AffariKanbanColumn *self)
{
  if (affari_change_set_touches_stage (set, affari_stage_get_id (self->stage)))
    _affari_kanban_column_queue_totals (self);
}

static void
on_workspace_reset_cb (AffariWorkspace    *workspace,
                   AffariKanbanColumn *self)
{
  _affari_kanban_column_queue_totals (self);
}

void
_affari_kanban_column_totals_init (AffariKanbanColumn *self)
{
  g_signal_connect_object (self->workspace, "changed", G_CALLBACK (on_workspace_changed_cb), self, 0);
  g_signal_connect_object (self->workspace, "reset", G_CALLBACK (on_workspace_reset_cb), self, 0);
  _affari_kanban_column_update_totals (self);
}

void
affari_kanban_column_refresh_totals (AffariKanbanColumn *self)
{
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  g_clear_handle_id (&self->totals_source, g_source_remove);
  _affari_kanban_column_update_totals (self);
}

guint
affari_kanban_column_get_count (AffariKanbanColumn *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), 0);

  return self->count;
}

const char *
affari_kanban_column_get_summary (AffariKanbanColumn *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), NULL);

  return self->summary;
}
