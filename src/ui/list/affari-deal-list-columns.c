/* affari-deal-list-columns.c — the columns of the list
 *
 * The built-in columns come from the .ui; custom fields marked "show in list" are added after
 * them (hidden until chosen). Their order, visibility and width are kept per pipeline in a
 * setting, written a moment after the last change. Sorting happens in SQL: each column has a
 * sorter that never sorts anything and only tells which header the user clicked; the view then
 * changes the order of the query.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-list-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/list/affari-deal-list-view-private.h"

#define SAVE_LAYOUT_DELAY_MS 400

const ColumnInfo affari_deal_list_column_info[N_FIXED_COLUMNS] = {
  [COL_TITLE]         = { "title", AFFARI_DEAL_SORT_TITLE, TRUE, 260, FALSE },
  [COL_STAGE]         = { "stage", AFFARI_DEAL_SORT_STAGE, TRUE, 150, FALSE },
  [COL_AMOUNT]        = { "amount", AFFARI_DEAL_SORT_AMOUNT, TRUE, 130, TRUE },
  [COL_CURRENCY]      = { "currency", AFFARI_DEAL_SORT_CURRENCY, FALSE, 80, FALSE },
  [COL_CLIENT]        = { "client", AFFARI_DEAL_SORT_CLIENT, TRUE, 190, FALSE },
  [COL_RESPONSIBLE]   = { "responsible", AFFARI_DEAL_SORT_RESPONSIBLE, TRUE, 150, FALSE },
  [COL_CREATED]       = { "created", AFFARI_DEAL_SORT_DATE_CREATE, FALSE, 110, TRUE },
  [COL_BEGIN]         = { "begin", AFFARI_DEAL_SORT_BEGIN_DATE, FALSE, 110, TRUE },
  [COL_CLOSE]         = { "close", AFFARI_DEAL_SORT_CLOSE_DATE, TRUE, 120, TRUE },
  [COL_TYPE]          = { "type", AFFARI_DEAL_SORT_TYPE, FALSE, 110, FALSE },
  [COL_SOURCE]        = { "source", AFFARI_DEAL_SORT_SOURCE, FALSE, 120, FALSE },
  [COL_PROBABILITY]   = { "probability", AFFARI_DEAL_SORT_PROBABILITY, FALSE, 90, TRUE },
  [COL_NEXT_ACTIVITY] = { "next-activity", AFFARI_DEAL_SORT_NEXT_ACTIVITY, TRUE, 175, TRUE },
  [COL_REPEAT]        = { "repeat", AFFARI_DEAL_SORT_REPEAT, FALSE, 80, FALSE },
};

static ColumnData *
column_data (GtkColumnViewColumn *column)
{
  return g_object_get_data (G_OBJECT (column), "affari-column");
}

static void
column_data_free (gpointer data)
{
  ColumnData *cd = data;

  g_clear_pointer (&cd->field, affari_custom_field_free);
  g_free (cd->key);
  g_free (cd);
}

/* The sorter of a column sorts nothing: comparing through it tells which column leads. */
static int
probe_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  ColumnData *cd = data;

  cd->self->probed = cd;
  return GTK_ORDERING_SMALLER;
}

static void
setup_column (AffariDealListView *self, GtkColumnViewColumn *column, ColumnKind kind, AffariCustomField *field)
{
  ColumnData *cd = g_new0 (ColumnData, 1);

  cd->self = self;
  cd->kind = kind;
  cd->field = field;
  cd->key = kind == COL_FIELD ? g_strdup_printf ("field:%" G_GINT64_FORMAT, field->id) : g_strdup (affari_deal_list_column_info[kind].key);
  g_object_set_data_full (G_OBJECT (column), "affari-column", cd, column_data_free);
  affari_deal_list_cells_setup_factory (column, cd);
  if (kind < N_FIXED_COLUMNS)
    {
      g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, cd, NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_visible (column, affari_deal_list_column_info[kind].visible);
      gtk_column_view_column_set_fixed_width (column, affari_deal_list_column_info[kind].width);
    }
  else
    {
      gtk_column_view_column_set_visible (column, FALSE);
      gtk_column_view_column_set_fixed_width (column, 140);
    }
}

GtkColumnViewColumn *
affari_deal_list_columns_find (AffariDealListView *self, const char *key)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      ColumnData *cd = column_data (column);
      if (cd != NULL && g_strcmp0 (cd->key, key) == 0)
        return column;
    }
  return NULL;
}

static char *
layout_key (AffariDealListView *self)
{
  return g_strdup_printf ("list-columns:%" G_GINT64_FORMAT, self->pipeline_id);
}

/* "title:280,stage:170,-currency:80,…": order, visibility ("-" hidden) and width of the columns. */
static gboolean
save_layout_cb (gpointer data)
{
  AffariDealListView *self = data;
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  g_autoptr(GString) layout = g_string_new (NULL);
  g_autofree char *key = layout_key (self);
  g_autoptr(GError) error = NULL;

  self->save_layout_source = 0;
  if (self->workspace == NULL || self->pipeline_id == 0)
    return G_SOURCE_REMOVE;
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      ColumnData *cd = column_data (column);
      g_string_append_printf (layout, "%s%s%s:%d", i ? "," : "", gtk_column_view_column_get_visible (column) ? "" : "-",
                              cd->key, gtk_column_view_column_get_fixed_width (column));
    }
  if (!affari_workspace_set_setting (self->workspace, key, layout->str, &error))
    g_warning ("Cannot keep the columns of the list: %s", error->message);
  return G_SOURCE_REMOVE;
}

static void
queue_save_layout (AffariDealListView *self)
{
  if (self->loading_layout)
    return;
  g_clear_handle_id (&self->save_layout_source, g_source_remove);
  self->save_layout_source = g_timeout_add (SAVE_LAYOUT_DELAY_MS, save_layout_cb, self);
}

void
affari_deal_list_columns_load_layout (AffariDealListView *self)
{
  g_autofree char *key = layout_key (self);
  g_autofree char *layout = self->workspace ? affari_workspace_get_setting (self->workspace, key) : NULL;
  g_auto(GStrv) entries = NULL;
  guint position = 0;

  self->loading_layout = TRUE;
  /* defaults first, so that a pipeline without a layout does not inherit another's */
  for (guint i = 0; i < N_FIXED_COLUMNS; i++)
    {
      GtkColumnViewColumn *column = affari_deal_list_columns_find (self, affari_deal_list_column_info[i].key);
      gtk_column_view_insert_column (self->column_view, i, column);
      gtk_column_view_column_set_visible (column, affari_deal_list_column_info[i].visible);
      gtk_column_view_column_set_fixed_width (column, affari_deal_list_column_info[i].width);
    }
  entries = layout ? g_strsplit (layout, ",", -1) : NULL;
  for (guint i = 0; entries != NULL && entries[i] != NULL; i++)
    {
      const char *entry = entries[i];
      gboolean visible = entry[0] != '-';
      g_auto(GStrv) parts = g_strsplit (visible ? entry : entry + 1, ":", 2);
      GtkColumnViewColumn *column = parts[0] ? affari_deal_list_columns_find (self, parts[0]) : NULL;
      int width;

      if (column == NULL)
        continue;
      width = parts[1] ? atoi (parts[1]) : -1;
      gtk_column_view_insert_column (self->column_view, position++, column);
      gtk_column_view_column_set_visible (column, visible);
      if (width >= 40)
        gtk_column_view_column_set_fixed_width (column, width);
    }
  self->loading_layout = FALSE;
}

static void
on_column_changed_cb (GObject *column, GParamSpec *pspec, AffariDealListView *self)
{
  queue_save_layout (self);
}

static void
on_columns_items_changed_cb (GListModel *columns, guint position, guint removed, guint added, AffariDealListView *self)
{
  queue_save_layout (self);
}

static void
build_columns_popover (AffariDealListView *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (_("Columns"));
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_box_append (GTK_BOX (box), title);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkWidget *check = gtk_check_button_new_with_label (gtk_column_view_column_get_title (column));

      /* the title always shows: it is what a row is */
      if (column_data (column)->kind == COL_TITLE)
        gtk_widget_set_sensitive (check, FALSE);
      g_object_bind_property (column, "visible", check, "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      gtk_box_append (GTK_BOX (box), check);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  affari_deal_list_footer_set_columns_popover (self->footer, popover);
}

/* Custom fields marked "show in list" become columns (hidden until chosen). */
void
affari_deal_list_columns_reload_fields (AffariDealListView *self)
{
  g_autoptr(GPtrArray) fields = NULL;

  for (guint i = 0; i < self->field_columns->len; i++)
    gtk_column_view_remove_column (self->column_view, g_ptr_array_index (self->field_columns, i));
  g_ptr_array_set_size (self->field_columns, 0);

  fields = self->workspace ? affari_workspace_list_custom_fields (self->workspace, NULL) : NULL;
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      AffariCustomField *field = g_ptr_array_index (fields, i);
      GtkColumnViewColumn *column;

      if (!field->show_in_list)
        continue;
      column = gtk_column_view_column_new (field->label, NULL);
      gtk_column_view_column_set_resizable (column, TRUE);
      g_ptr_array_index (fields, i) = NULL;
      setup_column (self, column, COL_FIELD, field);
      g_signal_connect (column, "notify::visible", G_CALLBACK (on_column_changed_cb), self);
      g_signal_connect (column, "notify::fixed-width", G_CALLBACK (on_column_changed_cb), self);
      gtk_column_view_append_column (self->column_view, column);
      g_ptr_array_add (self->field_columns, column);
    }
  build_columns_popover (self);
}

void
affari_deal_list_columns_get_sort (AffariDealListView *self,
                                   AffariDealSort     *sort,
                                   gboolean           *descending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  int order;

  self->probed = NULL;
  order = sorter ? gtk_sorter_compare (sorter, self->probe_a, self->probe_b) : GTK_ORDERING_EQUAL;
  if (self->probed != NULL && order != GTK_ORDERING_EQUAL)
    {
      *sort = affari_deal_list_column_info[self->probed->kind].sort;
      *descending = order == GTK_ORDERING_LARGER;
    }
  else
    {
      *sort = AFFARI_DEAL_SORT_POSITION;
      *descending = FALSE;
    }
}

static void
on_sorter_changed_cb (GtkSorter *sorter, GtkSorterChange change, AffariDealListView *self)
{
  affari_deal_list_view_apply_query (self);
}

static void
sort_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariDealListView *self = AFFARI_DEAL_LIST_VIEW (widget);
  const char *key;
  gboolean descending;
  GtkColumnViewColumn *column;

  g_variant_get (parameter, "(&si)", &key, &descending);
  column = affari_deal_list_columns_find (self, key);
  if (column == NULL)
    {
      g_warning ("No column “%s”", key);
      return;
    }
  gtk_column_view_sort_by_column (self->column_view, column, descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

void
affari_deal_list_columns_flush_layout (AffariDealListView *self)
{
  if (self->save_layout_source != 0)
    {
      g_clear_handle_id (&self->save_layout_source, g_source_remove);
      save_layout_cb (self);
    }
}

void
affari_deal_list_columns_init (AffariDealListView *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  self->field_columns = g_ptr_array_new ();
  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);
  g_assert (g_list_model_get_n_items (columns) == N_FIXED_COLUMNS);
  for (guint i = 0; i < N_FIXED_COLUMNS; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      setup_column (self, column, i, NULL);
      g_signal_connect (column, "notify::visible", G_CALLBACK (on_column_changed_cb), self);
      g_signal_connect (column, "notify::fixed-width", G_CALLBACK (on_column_changed_cb), self);
    }
  g_signal_connect (columns, "items-changed", G_CALLBACK (on_columns_items_changed_cb), self);
  g_signal_connect (gtk_column_view_get_sorter (self->column_view), "changed", G_CALLBACK (on_sorter_changed_cb), self);
  build_columns_popover (self);
}

void
affari_deal_list_columns_dispose (AffariDealListView *self)
{
  affari_deal_list_columns_flush_layout (self);
  if (self->column_view != NULL)
    {
      GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
      GListModel *columns = gtk_column_view_get_columns (self->column_view);

      if (sorter != NULL)
        g_signal_handlers_disconnect_by_data (sorter, self);
      g_signal_handlers_disconnect_by_data (columns, self);
      for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
        {
          g_autoptr(GObject) column = g_list_model_get_item (columns, i);
          g_signal_handlers_disconnect_by_data (column, self);
        }
    }
}

void
affari_deal_list_columns_finalize (AffariDealListView *self)
{
  g_clear_pointer (&self->field_columns, g_ptr_array_unref);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);
}

void
affari_deal_list_columns_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "deals.sort", "(si)", sort_action);
}
