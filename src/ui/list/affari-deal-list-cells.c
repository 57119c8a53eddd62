/* affari-deal-list-cells.c — what a cell of the list shows
 *
 * A cell follows the deal its row shows and is drawn again in place when that deal changes (or
 * when a held row is given its new deal). The names it shows (stages, types, sources, days in
 * the locale's format) are looked up in tables the view keeps, not read per cell.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-list-view"

#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-money.h"

#include "ui/list/affari-deal-list-view-private.h"
#include "ui/list/affari-cell-text.h"
#include "ui/common/affari-stage-dot.h"

static char *
format_day (const char *date)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  if (date == NULL || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    return NULL;
  dt = g_date_time_new_local (y, m, d, 12, 0, 0);
  return dt ? g_date_time_format (dt, "%x") : NULL;
}

/* The same few hundred days come back on every screenful: each is formatted once. */
#define MAX_DAYS_KEPT 4096

static const char *
day_text (AffariDealListView *self, const char *date)
{
  char *text;

  if (date == NULL || *date == '\0')
    return NULL;
  text = g_hash_table_lookup (self->days, date);
  if (text == NULL && (text = format_day (date)) != NULL)
    {
      if (g_hash_table_size (self->days) >= MAX_DAYS_KEPT)
        g_hash_table_remove_all (self->days);
      g_hash_table_insert (self->days, g_strdup (date), text);
    }

  return text;
}

static char *
format_unix (gint64 t, const char *format)
{
  g_autoptr(GDateTime) dt = t > 0 ? g_date_time_new_from_unix_local (t) : NULL;
  return dt ? g_date_time_format (dt, format) : NULL;
}

const char *
affari_deal_list_cells_text (ColumnData  *cd,
                             AffariDeal  *deal,
                             char       **owned,
                             gboolean    *error)
{
  AffariDealListView *self = cd->self;
  const char *text = NULL;

  *owned = NULL;
  *error = FALSE;
  switch (cd->kind)
    {
    case COL_TITLE:
      text = affari_deal_get_title (deal);
      break;
    case COL_STAGE:
      {
        AffariStage *stage = affari_deal_list_cells_stage (self, deal);
        text = stage ? affari_stage_get_name (stage) : NULL;
      }
      break;
    case COL_AMOUNT:
      text = *owned = affari_money_format (affari_deal_get_amount (deal), affari_deal_get_currency (deal));
      break;
    case COL_CURRENCY:
      text = affari_deal_get_currency (deal);
      break;
    case COL_CLIENT:
      text = affari_deal_get_client_name (deal);
      break;
    case COL_RESPONSIBLE:
      text = affari_deal_get_assigned_name (deal);
      break;
    case COL_CREATED:
      text = *owned = format_unix (affari_deal_get_date_create (deal), "%x");
      break;
    case COL_BEGIN:
      text = day_text (self, affari_deal_get_begin_date (deal));
      break;
    case COL_CLOSE:
      text = day_text (self, affari_deal_get_close_date (deal));
      break;
    case COL_TYPE:
      text = affari_deal_get_type_id (deal) ? g_hash_table_lookup (self->types, affari_deal_get_type_id (deal)) : NULL;
      break;
    case COL_SOURCE:
      text = affari_deal_get_source_id (deal) ? g_hash_table_lookup (self->sources, affari_deal_get_source_id (deal)) : NULL;
      break;
    case COL_PROBABILITY:
      if (affari_deal_get_probability (deal) >= 0)
        text = *owned = g_strdup_printf ("%d %%", affari_deal_get_probability (deal));
      break;
    case COL_NEXT_ACTIVITY:
      {
        gint64 next = affari_deal_get_next_activity (deal);
        text = *owned = format_unix (next, "%x %H:%M");
        *error = next > 0 && next < affari_workspace_now (self->workspace);
      }
      break;
    case COL_REPEAT:
      if (affari_deal_get_is_return_customer (deal) || affari_deal_get_is_repeated_approach (deal))
        text = _("Yes");
      break;
    case COL_FIELD:
      {
        g_autoptr(GHashTable) values = affari_workspace_get_deal_field_values (self->workspace, affari_deal_get_id (deal), NULL);
        const char *value = values ? g_hash_table_lookup (values, &cd->field->id) : NULL;
        text = *owned = value ? affari_custom_field_format_value (cd->field, value) : NULL;
      }
      break;
    default:
      g_assert_not_reached ();
    }
  return text;
}

AffariStage *
affari_deal_list_cells_stage (AffariDealListView *self,
                              AffariDeal         *deal)
{
  return g_hash_table_lookup (self->stages, &(gint64) { affari_deal_get_stage_id (deal) });
}

static void
show_text (AffariCellText *label,
           const char     *text,
           gboolean        error)
{
  /* overdue in red; a class taken off and put back would restyle the cell for nothing */
  if (gtk_widget_has_css_class (GTK_WIDGET (label), "error") != error)
    {
      if (error)
        gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
    }
  affari_cell_text_set_text (label, text);
}

static void
render_cell (GtkListItem *item, AffariDeal *deal, gpointer data)
{
  ColumnData *cd = data;
  GtkWidget *box = gtk_list_item_get_child (item);
  g_autofree char *owned = NULL;
  gboolean error;
  const char *text = affari_deal_list_cells_text (cd, deal, &owned, &error);

  if (cd->kind == COL_STAGE)
    {
      AffariStage *stage = affari_deal_list_cells_stage (cd->self, deal);
      GtkWidget *dot = g_object_get_data (G_OBJECT (box), "dot");

      affari_stage_dot_set_color (AFFARI_STAGE_DOT (dot), stage ? affari_stage_get_color (stage) : NULL);
    }
  show_text (g_object_get_data (G_OBJECT (box), "label"), text, error);
}

/* How the widgets of a row are drawn from its deal (the factory's; on the item while bound). */
typedef struct {
  AffariDealListRender render;
  gpointer             data;
} Follow;

static void
on_deal_notify_cb (AffariDeal *deal, GParamSpec *pspec, GtkListItem *item)
{
  Follow *follow = g_object_get_data (G_OBJECT (item), "affari-follow");

  follow->render (item, deal, follow->data);
}

/* The row's widgets follow the deal its row shows (updated in place when it changes). */
static void
follow_deal (GtkListItem *item, AffariDeal *deal)
{
  AffariDeal *old = g_object_get_data (G_OBJECT (item), "affari-deal");
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "notify-handler"));

  if (old != NULL && handler != 0)
    g_signal_handler_disconnect (old, handler);
  g_object_set_data (G_OBJECT (item), "notify-handler", NULL);
  g_object_set_data_full (G_OBJECT (item), "affari-deal", deal ? g_object_ref (deal) : NULL, g_object_unref);
  if (deal != NULL)
    {
      Follow *follow = g_object_get_data (G_OBJECT (item), "affari-follow");

      handler = g_signal_connect (deal, "notify", G_CALLBACK (on_deal_notify_cb), item);
      g_object_set_data (G_OBJECT (item), "notify-handler", GSIZE_TO_POINTER (handler));
      follow->render (item, deal, follow->data);
    }
}

/* A new sort or filter: the row now shows another deal. */
static void
on_row_deal_changed_cb (AffariDealRow *row, GParamSpec *pspec, GtkListItem *item)
{
  follow_deal (item, affari_deal_row_get_deal (row));
}

static void
on_follow_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, Follow *follow)
{
  AffariDealRow *row = gtk_list_item_get_item (item);
  AffariDeal *deal = affari_deal_row_get_deal (row);   /* first: a held row updates itself */
  gulong handler = g_signal_connect (row, "notify::deal", G_CALLBACK (on_row_deal_changed_cb), item);

  g_object_set_data (G_OBJECT (item), "row-handler", GSIZE_TO_POINTER (handler));
  g_object_set_data (G_OBJECT (item), "affari-follow", follow);
  follow_deal (item, deal);
}

static void
on_follow_unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, Follow *follow)
{
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "row-handler"));
  AffariDealRow *row = gtk_list_item_get_item (item);

  if (handler != 0 && row != NULL)
    g_signal_handler_disconnect (row, handler);
  g_object_set_data (G_OBJECT (item), "row-handler", NULL);
  follow_deal (item, NULL);
}

static void
free_follow (gpointer data, GClosure *closure)
{
  g_free (data);
}

void
affari_deal_list_cells_follow_rows (GtkListItemFactory   *factory,
                                    AffariDealListRender  render,
                                    gpointer              data)
{
  Follow *follow = g_new0 (Follow, 1);

  follow->render = render;
  follow->data = data;
  g_signal_connect (factory, "bind", G_CALLBACK (on_follow_bind_cb), follow);
  g_signal_connect_data (factory, "unbind", G_CALLBACK (on_follow_unbind_cb), follow, free_follow, 0);
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, ColumnData *cd)
{
  GtkWidget *label = affari_cell_text_new ();
  GtkWidget *child = label;

  if (cd->kind == COL_STAGE)
    {
      GtkWidget *dot = affari_stage_dot_new (NULL);

      child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (child), dot);
      gtk_box_append (GTK_BOX (child), label);
      g_object_set_data (G_OBJECT (child), "dot", dot);
    }
  gtk_widget_set_hexpand (label, TRUE);
  if (cd->kind < N_FIXED_COLUMNS && affari_deal_list_column_info[cd->kind].numeric)
    {
      affari_cell_text_set_xalign (AFFARI_CELL_TEXT (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  if (cd->kind == COL_TITLE)
    gtk_widget_add_css_class (label, "deal-title");
  g_object_set_data (G_OBJECT (child), "label", label);
  /* which row a click landed on (the item owns the child: the child never outlives it) */
  g_object_set_data (G_OBJECT (child), AFFARI_DEAL_LIST_ITEM_KEY, item);
  gtk_list_item_set_child (item, child);
}

void
affari_deal_list_cells_setup_factory (GtkColumnViewColumn *column,
                                      ColumnData          *cd)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), cd);
  affari_deal_list_cells_follow_rows (factory, render_cell, cd);
  gtk_column_view_column_set_factory (column, factory);
  g_object_unref (factory);
}

void
affari_deal_list_cells_reload_references (AffariDealListView *self)
{
  g_autoptr(GPtrArray) pipelines = NULL;
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GPtrArray) sources = NULL;

  g_hash_table_remove_all (self->stages);
  g_hash_table_remove_all (self->types);
  g_hash_table_remove_all (self->sources);
  if (self->workspace == NULL)
    return;

  pipelines = affari_workspace_list_pipelines (self->workspace, NULL);
  for (guint p = 0; pipelines != NULL && p < pipelines->len; p++)
    {
      g_autoptr(GPtrArray) stages = affari_workspace_list_stages (self->workspace, affari_pipeline_get_id (g_ptr_array_index (pipelines, p)), NULL);
      for (guint i = 0; stages != NULL && i < stages->len; i++)
        {
          AffariStage *stage = g_ptr_array_index (stages, i);
          gint64 *key = g_new (gint64, 1);
          *key = affari_stage_get_id (stage);
          g_hash_table_insert (self->stages, key, g_object_ref (stage));
        }
    }
  types = affari_workspace_list_deal_types (self->workspace, NULL);
  for (guint i = 0; types != NULL && i + 1 < types->len; i += 2)
    g_hash_table_insert (self->types, g_strdup (g_ptr_array_index (types, i)), g_strdup (g_ptr_array_index (types, i + 1)));
  sources = affari_workspace_list_sources (self->workspace, NULL);
  for (guint i = 0; sources != NULL && i + 1 < sources->len; i += 2)
    g_hash_table_insert (self->sources, g_strdup (g_ptr_array_index (sources, i)), g_strdup (g_ptr_array_index (sources, i + 1)));
}
