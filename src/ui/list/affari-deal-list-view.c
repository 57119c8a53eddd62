/* affari-deal-list-view.c — the list ("Elenco")
 *
 * The table is a GtkColumnView over an AffariDealList (ids only, a few pages of objects) wrapped
 * in a GtkMultiSelection. Sorting happens in SQL: each column has a sorter that never sorts
 * anything and only tells which header the user clicked; the view then changes the order of the
 * query. Bulk edits go through the store's bulk API: one transaction, an "Annulla" toast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-list-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "io/affari-csv.h"
#include "model/affari-money.h"

#include "ui/list/affari-deal-list-view.h"
#include "ui/list/affari-cell-text.h"
#include "ui/list/affari-deal-rows.h"
#include "ui/filter/affari-filter-bar.h"
#include "ui/common/affari-stage-dot.h"
#include "ui/app/affari-window.h"


#define SAVE_LAYOUT_DELAY_MS 400

typedef enum {
  COL_TITLE,
  COL_STAGE,
  COL_AMOUNT,
  COL_CURRENCY,
  COL_CLIENT,
  COL_RESPONSIBLE,
  COL_CREATED,
  COL_BEGIN,
  COL_CLOSE,
  COL_TYPE,
  COL_SOURCE,
  COL_PROBABILITY,
  COL_NEXT_ACTIVITY,
  COL_REPEAT,
  N_FIXED_COLUMNS,
  COL_FIELD = N_FIXED_COLUMNS,
} ColumnKind;

/* In the order of the .ui; the key is stored in the column layout setting. */
static const struct {
  const char     *key;
  AffariDealSort  sort;
  gboolean        visible;
  int             width;
  gboolean        numeric;
} column_info[N_FIXED_COLUMNS] = {
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

/* Something done once, after the next frame of the view is painted (the work that frame must
 * not wait for). */
typedef struct {
  GdkFrameClock *clock;
  gulong         handler;
} AfterPaint;

static gboolean
after_paint_pending (const AfterPaint *after)
{
  return after->handler != 0;
}

static void
after_paint_forget (AfterPaint *after)
{
  if (after->handler != 0)
    g_clear_signal_handler (&after->handler, after->clock);
  g_clear_object (&after->clock);
}

static void
after_paint_arm (AfterPaint *after,
                 GtkWidget  *widget,
                 GCallback   callback,
                 gpointer    data)
{
  if (after->handler != 0)
    return;
  after->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  after->handler = g_signal_connect (after->clock, "after-paint", callback, data);
  gdk_frame_clock_request_phase (after->clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

typedef struct _AffariDealListView AffariDealListView;

/* What a column's factory and sorter need. */
typedef struct {
  AffariDealListView *self;
  ColumnKind          kind;
  AffariCustomField  *field;       /* COL_FIELD only (owned) */
  char               *key;
} ColumnData;

struct _AffariDealListView
{
  GtkWidget          parent_instance;

  AffariStore       *store;
  gint64             pipeline_id;
  AffariDealQuery   *filter;
  AffariDealQuery   *query;
  AffariDealList    *deals;
  AffariDealRows    *rows;          /* what the table shows: stable rows over deals */
  GtkMultiSelection *selection;
  GHashTable        *stages;        /* stage id → AffariStage */
  GHashTable        *types;         /* code → name */
  GHashTable        *days;          /* "YYYY-MM-DD" → that day in the locale's format */
  GHashTable        *sources;       /* code → name */
  GPtrArray         *field_columns; /* GtkColumnViewColumn of custom fields */
  char              *summary;
  GObject           *probe_a;
  GObject           *probe_b;
  ColumnData        *probed;
  gboolean           loading_layout;
  guint              summary_source;
  guint              summary_count;    /* the count the footer shows */
  AfterPaint         summary_paint;    /* the footer is read after the next paint */
  gint64             applied_at;       /* when the last new query was applied (the benchmark) */
  gint64             applied_done_at;  /* when the rows of that query were read and bound (the benchmark) */
  AfterPaint         release_paint;    /* rows held until the next paint (see hold_rows) */
  guint              release_source;   /* ...and a pause in the typing */
  guint              held_end;         /* the rows before this one are up to date */
  GtkSliceListModel *slice;            /* the rows as shown: the first screenful, then all */
  AfterPaint         expand_paint;     /* the slice grows to every row after the next paint */
  gboolean           summary_stale;   /* the footer is out of date while hidden */
  guint              save_layout_source;
  gulong             store_handlers[6];

  /* template */
  GtkWidget         *box;
  GtkRevealer       *selection_revealer;
  GtkLabel          *selection_label;
  GtkMenuButton     *stage_button;
  GtkMenuButton     *responsible_button;
  GtkMenuButton     *pipeline_button;
  GtkScrolledWindow *scroller;
  GtkColumnView     *column_view;
  GtkLabel          *summary_label;
  GtkMenuButton     *columns_button;
};

G_DEFINE_FINAL_TYPE (AffariDealListView, affari_deal_list_view, GTK_TYPE_WIDGET)

/* ------------------------------------------------------------ auxiliary */

static ColumnData *
column_data (GtkColumnViewColumn *column)
{
  return g_object_get_data (G_OBJECT (column), "affari-column");
}

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

static void
render_cell (ColumnData *cd, GtkWidget *box, AffariDeal *deal)
{
  AffariDealListView *self = cd->self;
  AffariCellText *label = g_object_get_data (G_OBJECT (box), "label");
  GtkWidget *dot = g_object_get_data (G_OBJECT (box), "dot");
  g_autofree char *owned = NULL;
  const char *text = NULL;
  gboolean error = FALSE;

  switch (cd->kind)
    {
    case COL_TITLE:
      text = affari_deal_get_title (deal);
      break;
    case COL_STAGE:
      {
        AffariStage *stage = g_hash_table_lookup (self->stages, &(gint64) { affari_deal_get_stage_id (deal) });
        text = stage ? affari_stage_get_name (stage) : NULL;
        affari_stage_dot_set_color (AFFARI_STAGE_DOT (dot), stage ? affari_stage_get_color (stage) : NULL);
      }
      break;
    case COL_AMOUNT:
      text = owned = affari_money_format (affari_deal_get_amount (deal), affari_deal_get_currency (deal));
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
      text = owned = format_unix (affari_deal_get_date_create (deal), "%x");
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
        text = owned = g_strdup_printf ("%d %%", affari_deal_get_probability (deal));
      break;
    case COL_NEXT_ACTIVITY:
      {
        gint64 next = affari_deal_get_next_activity (deal);
        text = owned = format_unix (next, "%x %H:%M");
        error = next > 0 && next < affari_store_now (self->store);
      }
      break;
    case COL_REPEAT:
      if (affari_deal_get_is_return_customer (deal) || affari_deal_get_is_repeated_approach (deal))
        text = _("Yes");
      break;
    case COL_FIELD:
      {
        g_autoptr(GHashTable) values = affari_store_get_deal_field_values (self->store, affari_deal_get_id (deal), NULL);
        const char *value = values ? g_hash_table_lookup (values, &cd->field->id) : NULL;
        text = owned = value ? affari_custom_field_format_value (cd->field, value) : NULL;
      }
      break;
    default:
      g_assert_not_reached ();
    }
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
on_deal_notify_cb (AffariDeal *deal, GParamSpec *pspec, GtkListItem *item)
{
  ColumnData *cd = g_object_get_data (G_OBJECT (item), "affari-column");

  render_cell (cd, gtk_list_item_get_child (item), deal);
}

/* The cell follows the deal its row shows (updated in place when it changes). */
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
      handler = g_signal_connect (deal, "notify", G_CALLBACK (on_deal_notify_cb), item);
      g_object_set_data (G_OBJECT (item), "notify-handler", GSIZE_TO_POINTER (handler));
      render_cell (g_object_get_data (G_OBJECT (item), "affari-column"), gtk_list_item_get_child (item), deal);
    }
}

/* A new sort or filter: the row now shows another deal. */
static void
on_row_deal_changed_cb (AffariDealRow *row, GParamSpec *pspec, GtkListItem *item)
{
  follow_deal (item, affari_deal_row_get_deal (row));
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
  if (cd->kind < N_FIXED_COLUMNS && column_info[cd->kind].numeric)
    {
      affari_cell_text_set_xalign (AFFARI_CELL_TEXT (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  if (cd->kind == COL_TITLE)
    gtk_widget_add_css_class (label, "deal-title");
  g_object_set_data (G_OBJECT (child), "label", label);
  g_object_set_data (G_OBJECT (item), "affari-column", cd);
  gtk_list_item_set_child (item, child);
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, ColumnData *cd)
{
  AffariDealRow *row = gtk_list_item_get_item (item);
  AffariDeal *deal = affari_deal_row_get_deal (row);   /* first: a held row updates itself */
  gulong handler = g_signal_connect (row, "notify::deal", G_CALLBACK (on_row_deal_changed_cb), item);

  g_object_set_data (G_OBJECT (item), "row-handler", GSIZE_TO_POINTER (handler));
  follow_deal (item, deal);
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, ColumnData *cd)
{
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "row-handler"));
  AffariDealRow *row = gtk_list_item_get_item (item);

  if (handler != 0 && row != NULL)
    g_signal_handler_disconnect (row, handler);
  g_object_set_data (G_OBJECT (item), "row-handler", NULL);
  follow_deal (item, NULL);
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
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  cd->self = self;
  cd->kind = kind;
  cd->field = field;
  cd->key = kind == COL_FIELD ? g_strdup_printf ("field:%" G_GINT64_FORMAT, field->id) : g_strdup (column_info[kind].key);
  g_object_set_data_full (G_OBJECT (column), "affari-column", cd, column_data_free);
  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), cd);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), cd);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), cd);
  gtk_column_view_column_set_factory (column, factory);
  g_object_unref (factory);
  if (kind < N_FIXED_COLUMNS)
    {
      g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, cd, NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_visible (column, column_info[kind].visible);
      gtk_column_view_column_set_fixed_width (column, column_info[kind].width);
    }
  else
    {
      gtk_column_view_column_set_visible (column, FALSE);
      gtk_column_view_column_set_fixed_width (column, 140);
    }
}

static GtkColumnViewColumn *
find_column (AffariDealListView *self, const char *key)
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
  if (self->store == NULL || self->pipeline_id == 0)
    return G_SOURCE_REMOVE;
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      ColumnData *cd = column_data (column);
      g_string_append_printf (layout, "%s%s%s:%d", i ? "," : "", gtk_column_view_column_get_visible (column) ? "" : "-",
                              cd->key, gtk_column_view_column_get_fixed_width (column));
    }
  if (!affari_store_set_setting (self->store, key, layout->str, &error))
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

static void
load_layout (AffariDealListView *self)
{
  g_autofree char *key = layout_key (self);
  g_autofree char *layout = self->store ? affari_store_get_setting (self->store, key) : NULL;
  g_auto(GStrv) entries = NULL;
  guint position = 0;

  self->loading_layout = TRUE;
  /* defaults first, so that a pipeline without a layout does not inherit another's */
  for (guint i = 0; i < N_FIXED_COLUMNS; i++)
    {
      GtkColumnViewColumn *column = find_column (self, column_info[i].key);
      gtk_column_view_insert_column (self->column_view, i, column);
      gtk_column_view_column_set_visible (column, column_info[i].visible);
      gtk_column_view_column_set_fixed_width (column, column_info[i].width);
    }
  entries = layout ? g_strsplit (layout, ",", -1) : NULL;
  for (guint i = 0; entries != NULL && entries[i] != NULL; i++)
    {
      const char *entry = entries[i];
      gboolean visible = entry[0] != '-';
      g_auto(GStrv) parts = g_strsplit (visible ? entry : entry + 1, ":", 2);
      GtkColumnViewColumn *column = parts[0] ? find_column (self, parts[0]) : NULL;
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
  gtk_menu_button_set_popover (self->columns_button, popover);
}

/* Custom fields marked "show in list" become columns (hidden until chosen). */
static void
reload_field_columns (AffariDealListView *self)
{
  g_autoptr(GPtrArray) fields = NULL;

  for (guint i = 0; i < self->field_columns->len; i++)
    gtk_column_view_remove_column (self->column_view, g_ptr_array_index (self->field_columns, i));
  g_ptr_array_set_size (self->field_columns, 0);

  fields = self->store ? affari_store_list_custom_fields (self->store, NULL) : NULL;
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

static void
reload_references (AffariDealListView *self)
{
  g_autoptr(GPtrArray) pipelines = NULL;
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GPtrArray) sources = NULL;

  g_hash_table_remove_all (self->stages);
  g_hash_table_remove_all (self->types);
  g_hash_table_remove_all (self->sources);
  if (self->store == NULL)
    return;

  pipelines = affari_store_list_pipelines (self->store, NULL);
  for (guint p = 0; pipelines != NULL && p < pipelines->len; p++)
    {
      g_autoptr(GPtrArray) stages = affari_store_list_stages (self->store, affari_pipeline_get_id (g_ptr_array_index (pipelines, p)), NULL);
      for (guint i = 0; stages != NULL && i < stages->len; i++)
        {
          AffariStage *stage = g_ptr_array_index (stages, i);
          gint64 *key = g_new (gint64, 1);
          *key = affari_stage_get_id (stage);
          g_hash_table_insert (self->stages, key, g_object_ref (stage));
        }
    }
  types = affari_store_list_deal_types (self->store, NULL);
  for (guint i = 0; types != NULL && i + 1 < types->len; i += 2)
    g_hash_table_insert (self->types, g_strdup (g_ptr_array_index (types, i)), g_strdup (g_ptr_array_index (types, i + 1)));
  sources = affari_store_list_sources (self->store, NULL);
  for (guint i = 0; sources != NULL && i + 1 < sources->len; i += 2)
    g_hash_table_insert (self->sources, g_strdup (g_ptr_array_index (sources, i)), g_strdup (g_ptr_array_index (sources, i + 1)));
}

/* The menus of the selection bar: this pipeline's stages, the team, the other pipelines. */
static void
reload_menus (AffariDealListView *self)
{
  g_autoptr(GMenu) stages_menu = g_menu_new ();
  g_autoptr(GMenu) people_menu = g_menu_new ();
  g_autoptr(GMenu) pipelines_menu = g_menu_new ();
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GPtrArray) team = NULL;
  g_autoptr(GPtrArray) pipelines = NULL;

  if (self->store == NULL)
    return;
  stages = affari_store_list_stages (self->store, self->pipeline_id, NULL);
  for (guint i = 0; stages != NULL && i < stages->len; i++)
    {
      AffariStage *stage = g_ptr_array_index (stages, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (affari_stage_get_name (stage), NULL);
      g_menu_item_set_action_and_target_value (item, "deals.move-stage", g_variant_new_int64 (affari_stage_get_id (stage)));
      g_menu_append_item (stages_menu, item);
    }
  team = affari_store_list_team (self->store, NULL);
  for (guint i = 0; team != NULL && i < team->len; i++)
    {
      AffariTeamMember *member = g_ptr_array_index (team, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (affari_team_member_get_name (member), NULL);
      g_menu_item_set_action_and_target_value (item, "deals.set-responsible", g_variant_new_int64 (affari_team_member_get_id (member)));
      g_menu_append_item (people_menu, item);
    }
  pipelines = affari_store_list_pipelines (self->store, NULL);
  for (guint i = 0; pipelines != NULL && i < pipelines->len; i++)
    {
      AffariPipeline *pipeline = g_ptr_array_index (pipelines, i);
      g_autoptr(GMenuItem) item = NULL;

      if (affari_pipeline_get_id (pipeline) == self->pipeline_id)
        continue;
      item = g_menu_item_new (affari_pipeline_get_name (pipeline), NULL);
      g_menu_item_set_action_and_target_value (item, "deals.move-pipeline", g_variant_new_int64 (affari_pipeline_get_id (pipeline)));
      g_menu_append_item (pipelines_menu, item);
    }
  gtk_menu_button_set_menu_model (self->stage_button, G_MENU_MODEL (stages_menu));
  gtk_menu_button_set_menu_model (self->responsible_button, G_MENU_MODEL (people_menu));
  gtk_menu_button_set_menu_model (self->pipeline_button, G_MENU_MODEL (pipelines_menu));
  gtk_widget_set_visible (GTK_WIDGET (self->pipeline_button), g_menu_model_get_n_items (G_MENU_MODEL (pipelines_menu)) > 0);
}

/* What a change leaves to do once the typing pauses (a fast typist's keys come ~100 ms apart). */
#define TYPING_PAUSE_MS 250

/* The footer: "1.234 affari · € 5.000,00 + $ 200,00 (filtrati)"; without @totals, the count alone. */
static void
set_summary (AffariDealListView *self,
             guint               count,
             GArray             *totals)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GList) currencies = NULL;

  for (guint i = 0; totals != NULL && i < totals->len; i++)
    {
      AffariStageTotal *t = &g_array_index (totals, AffariStageTotal, i);
      gint64 *sum = g_hash_table_lookup (sums, t->currency);
      if (sum == NULL)
        {
          sum = g_new0 (gint64, 1);
          g_hash_table_insert (sums, g_strdup (t->currency), sum);
        }
      *sum += t->sum;
    }
  /* Translators: the list's footer: "1.234 deals", with the thousands separator of the locale */
  g_string_printf (text, ngettext ("%'u deal", "%'u deals", count), count);
  currencies = g_list_sort (g_hash_table_get_keys (sums), (GCompareFunc) g_strcmp0);
  for (GList *l = currencies; l != NULL; l = l->next)
    {
      g_autofree char *money = affari_money_format (*(gint64 *) g_hash_table_lookup (sums, l->data), l->data);
      g_string_append_printf (text, l == currencies ? " · %s" : " + %s", money);
    }
  if (affari_deal_query_has_filter (self->filter))
    /* Translators: after the count and total of the list when a filter is active */
    g_string_append (text, _(" (filtered)"));
  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&text), FALSE);
  self->summary_count = count;
  gtk_label_set_text (self->summary_label, self->summary);
}

static gboolean
update_summary_cb (gpointer data)
{
  AffariDealListView *self = data;
  g_autoptr(GArray) totals = NULL;
  guint count = 0;

  self->summary_source = 0;
  if (self->store == NULL || self->query == NULL)
    return G_SOURCE_REMOVE;

  totals = affari_store_stage_totals (self->store, self->query, NULL);
  for (guint i = 0; totals != NULL && i < totals->len; i++)
    count += g_array_index (totals, AffariStageTotal, i).count;
  set_summary (self, count, totals);
  return G_SOURCE_REMOVE;
}

static void
forget_summary_paint (AffariDealListView *self)
{
  after_paint_forget (&self->summary_paint);
}

/* Typing asks for a list per key: the totals of what is listed (~15 ms on 100,000 deals found
 * by one letter) are added up once the typing pauses, not between two keys where they would
 * hold up the next one. The count, which the list knows, is shown at once. */
static void
on_summary_after_paint_cb (GdkFrameClock *clock, AffariDealListView *self)
{
  guint count = self->deals != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->deals)) : 0;

  forget_summary_paint (self);
  if (self->summary == NULL || count != self->summary_count)
    set_summary (self, count, NULL);
  g_clear_handle_id (&self->summary_source, g_source_remove);
  self->summary_source = g_timeout_add (TYPING_PAUSE_MS, update_summary_cb, self);
}

static void
queue_summary (AffariDealListView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->summary_stale = TRUE;
      return;
    }
  /* After the frame that shows the rows, and a pause after the last change: adding up a
   * search's matches must not run while that frame waits for its turn, nor between two keys. */
  g_clear_handle_id (&self->summary_source, g_source_remove);
  after_paint_arm (&self->summary_paint, GTK_WIDGET (self), G_CALLBACK (on_summary_after_paint_cb), self);
}

/* Rows that show other deals now are not the rows that were selected. */
static void
on_rows_rebound_cb (AffariDealRows *rows, guint position, guint n, AffariDealListView *self)
{
  gtk_selection_model_unselect_range (GTK_SELECTION_MODEL (self->selection), position, n);
}

static void
release_rows (AffariDealListView *self)
{
  after_paint_forget (&self->release_paint);
  g_clear_handle_id (&self->release_source, g_source_remove);
  if (self->rows != NULL)
    affari_deal_rows_release (self->rows);
}

static gboolean
release_rows_cb (gpointer data)
{
  AffariDealListView *self = data;

  self->release_source = 0;
  release_rows (self);
  return G_SOURCE_REMOVE;
}

static void
on_release_after_paint_cb (GdkFrameClock *clock, AffariDealListView *self)
{
  after_paint_forget (&self->release_paint);
  g_clear_handle_id (&self->release_source, g_source_remove);
  self->release_source = g_timeout_add (TYPING_PAUSE_MS, release_rows_cb, self);
}

static gboolean
rows_held (AffariDealListView *self)
{
  return self->release_source != 0 || after_paint_pending (&self->release_paint);
}

/* Held rows come into sight (a scroll, a taller window): they show their deals before the frame
 * that shows them. A new query's own scroll to the top shows only rows already up to date. */
static void
on_adjustment_changed_cb (GtkAdjustment *adj, AffariDealListView *self)
{
  guint n_items;
  double upper = gtk_adjustment_get_upper (adj);

  if (!rows_held (self) || self->rows == NULL)
    return;
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  if (n_items == 0 || upper <= 0 ||
      (gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj)) / (upper / n_items) >= self->held_end)
    release_rows (self);
}

/* A new filter or order shows other deals in all ~200 rows GTK keeps: the rows on screen are
 * rebound at once, the others (off screen; a held row asked for its deal gives the new one) once
 * the typing pauses after the frame that shows the change (rebinding them is ~10 ms that would
 * otherwise hold up the next key), or as soon as they could come into sight: a scroll, a taller
 * window. The view then starts at the top. */
static void
hold_rows (AffariDealListView *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  double row_height = n_items > 0 && gtk_adjustment_get_upper (adj) > 0
                      ? gtk_adjustment_get_upper (adj) / n_items : 0;
  guint on_screen = row_height >= 1 ? (guint) (gtk_adjustment_get_page_size (adj) / row_height) : 60;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  g_clear_handle_id (&self->release_source, g_source_remove);
  self->held_end = on_screen + 3;   /* a row cut at the bottom, and two to spare */
  affari_deal_rows_hold (self->rows, 0, self->held_end);
  after_paint_arm (&self->release_paint, GTK_WIDGET (self), G_CALLBACK (on_release_after_paint_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The rows the first frame needs, enough for any screen's height. */
#define FIRST_PAINT_ROWS 80

static void
expand_rows (AffariDealListView *self)
{
  after_paint_forget (&self->expand_paint);
  if (self->slice != NULL)
    gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
}

static void
on_expand_after_paint_cb (GdkFrameClock *clock, AffariDealListView *self)
{
  expand_rows (self);
}

/* GTK 4.8's list view builds widgets for 200 rows whatever the height: opening the list shows
 * its first screenful of rows in the first frame, and the list grows to all its rows (pure
 * additions at the end, the scrollbar's length) once that frame is painted. */
static void
set_deals (AffariDealListView *self, AffariDealList *deals)
{
  release_rows (self);
  expand_rows (self);
  gtk_multi_selection_set_model (self->selection, NULL);
  if (self->rows != NULL)
    g_signal_handlers_disconnect_by_func (self->rows, on_rows_rebound_cb, self);
  g_clear_object (&self->slice);
  g_clear_object (&self->rows);
  g_set_object (&self->deals, deals);
  if (deals != NULL)
    {
      gboolean mapped = gtk_widget_get_mapped (GTK_WIDGET (self));

      self->rows = affari_deal_rows_new (deals);
      g_signal_connect (self->rows, "rows-rebound", G_CALLBACK (on_rows_rebound_cb), self);
      self->slice = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)), 0,
                                              mapped ? FIRST_PAINT_ROWS : G_MAXUINT);
      gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->slice));
      if (mapped)
        {
          after_paint_arm (&self->expand_paint, GTK_WIDGET (self), G_CALLBACK (on_expand_after_paint_cb), self);
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
    }
}

static void
apply_query (AffariDealListView *self)
{
  g_autoptr(AffariDealQuery) q = affari_deal_query_new ();
  GtkSorter *sorter;
  int order;

  q->pipeline_id = self->pipeline_id;
  affari_deal_query_merge_filter (q, self->filter);

  /* which header leads, and which way */
  self->probed = NULL;
  sorter = gtk_column_view_get_sorter (self->column_view);
  order = sorter ? gtk_sorter_compare (sorter, self->probe_a, self->probe_b) : GTK_ORDERING_EQUAL;
  if (self->probed != NULL && order != GTK_ORDERING_EQUAL)
    {
      q->sort = column_info[self->probed->kind].sort;
      q->descending = order == GTK_ORDERING_LARGER;
    }
  else
    q->sort = AFFARI_DEAL_SORT_POSITION;

  if (self->query != NULL && affari_deal_query_equal (q, self->query))
    return;
  g_clear_pointer (&self->query, affari_deal_query_free);
  self->query = g_steal_pointer (&q);
  self->applied_at = g_get_monotonic_time ();

  if (self->store == NULL)
    return;
  /* Nothing is read while the list is not on screen: the page that is shown pays, not start-up. */
  if (self->deals == NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (self->deals == NULL)
    {
      g_autoptr(AffariDealList) deals = affari_deal_list_new (self->store, self->query);

      set_deals (self, deals);
    }
  else
    {
      hold_rows (self);
      affari_deal_list_set_query (self->deals, self->query);
      /* Another order or filter starts again from the top, not wherever the row that was on
       * top went (the view follows its anchor row). GTK 4.8 has no gtk_list_view_scroll_to:
       * the inner list view's action does it. */
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
           child != NULL; child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_LIST_VIEW (child) && g_list_model_get_n_items (G_LIST_MODEL (self->deals)) > 0)
          gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0);
    }
  self->applied_done_at = g_get_monotonic_time ();
  queue_summary (self);
}

static void
show_toast (AffariDealListView *self, AdwToast *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
show_message (AffariDealListView *self, const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  show_toast (self, adw_toast_new (escaped));
}

/* ------------------------------------------------------------ signal callbacks */



static void
on_sorter_changed_cb (GtkSorter *sorter, GtkSorterChange change, AffariDealListView *self)
{
  apply_query (self);
}

static void
on_selection_changed_cb (GtkSelectionModel *model, guint position, guint n_items, AffariDealListView *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);
  guint64 n = gtk_bitset_get_size (selected);
  g_autofree char *text = g_strdup_printf (ngettext ("%'u deal selected", "%'u deals selected", (gulong) n), (guint) n);

  gtk_label_set_text (self->selection_label, text);
  gtk_revealer_set_reveal_child (self->selection_revealer, n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "deals.trash", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "deals.export", n > 0);
}

static void
on_items_changed_cb (GListModel *model, guint position, guint removed, guint added, AffariDealListView *self)
{
  queue_summary (self);
  on_selection_changed_cb (GTK_SELECTION_MODEL (self->selection), 0, 0, self);
}

static void
on_activate_cb (GtkColumnView *view, guint position, AffariDealListView *self)
{
  gint64 id = self->deals ? affari_deal_list_get_id_at (self->deals, position) : 0;

  if (id > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "deal.open", "x", id);
}

static void
on_store_references_changed_cb (AffariDealListView *self)
{
  reload_references (self);
  reload_menus (self);
  queue_summary (self);
}

static void
on_store_fields_changed_cb (AffariDealListView *self)
{
  reload_field_columns (self);
  load_layout (self);
}

/* ------------------------------------------------------------ actions */

/* The selected deals go to the window's action @name with the parameter @format ("(@axx)" or
 * "@ax"): one transaction, one toast, one undo, as in every view. The selection is let go once
 * the change is made (a dialog may ask first). */
static void
run_bulk (AffariDealListView *self, const char *name, gboolean with_target, gint64 target)
{
  g_autoptr(GArray) ids = affari_deal_list_view_dup_selected_ids (self);
  GVariant *array;

  if (ids->len == 0)
    return;
  array = g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids->data, ids->len, sizeof (gint64));
  if (with_target)
    gtk_widget_activate_action (GTK_WIDGET (self), name, "(@axx)", array, target);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), name, "@ax", array);
}

static void
move_stage_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariDealListView *self = AFFARI_DEAL_LIST_VIEW (widget);
  g_autoptr(GArray) ids = affari_deal_list_view_dup_selected_ids (self);

  if (ids->len == 0)
    return;
  gtk_widget_activate_action (widget, "deal.move", "(@axxi)",
                              g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids->data, ids->len, sizeof (gint64)),
                              g_variant_get_int64 (parameter), 0);
}

static void
set_responsible_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  run_bulk (AFFARI_DEAL_LIST_VIEW (widget), "deal.set-responsible", TRUE, g_variant_get_int64 (parameter));
}

static void
move_pipeline_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  run_bulk (AFFARI_DEAL_LIST_VIEW (widget), "deal.move-to-pipeline", TRUE, g_variant_get_int64 (parameter));
}

static void
trash_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  run_bulk (AFFARI_DEAL_LIST_VIEW (widget), "deal.trash", FALSE, 0);
}

/* A change made from the selection: the rows are let go, so that the next edit starts afresh. */
static void
on_store_changed_cb (AffariStore *store, AffariChangeSet *set, AffariDealListView *self)
{
  g_autoptr(GArray) ids = NULL;

  if (self->selection == NULL)
    return;
  ids = affari_deal_list_view_dup_selected_ids (self);
  for (guint i = 0; i < ids->len; i++)
    if (affari_change_set_find (set, g_array_index (ids, gint64, i)) != NULL)
      {
        gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
        return;
      }
}

static void
on_export_finished_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AffariDealListView) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n = affari_csv_export_deals_finish (result, &error);

  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not export the deals: %s"), error->message);
      show_message (self, text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%'u deal exported", "%'u deals exported", n), n);
      show_message (self, text);
    }
}

/* Writes the selection (or what is listed) to @path off the main thread; a toast tells the end. */
static void
export_to_path (AffariDealListView *self, const GArray *ids, const char *path)
{
  affari_csv_export_deals_async (self->store, (const gint64 *) (const void *) ids->data, ids->len, path, NULL,
                                 on_export_finished_cb, g_object_ref (self));
}

static void
on_export_response_cb (GtkNativeDialog *dialog, int response, AffariDealListView *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) ids = g_object_steal_data (G_OBJECT (dialog), "ids");
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file ? g_file_get_path (file) : NULL;
    }
  if (path != NULL && ids != NULL && ids->len > 0)
    export_to_path (self, ids, path);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_to_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariDealListView *self = AFFARI_DEAL_LIST_VIEW (widget);
  g_autoptr(GArray) ids = affari_deal_list_view_dup_selected_ids (self);

  if (ids->len > 0)
    export_to_path (self, ids, g_variant_get_string (parameter, NULL));
}

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariDealListView *self = AFFARI_DEAL_LIST_VIEW (widget);
  GArray *ids = affari_deal_list_view_dup_selected_ids (self);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (ids->len == 0)
    {
      g_array_unref (ids);
      return;
    }
  dialog = gtk_file_chooser_native_new (_("Export Deals"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  /* Translators: the suggested name of an exported file */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("deals.csv"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "ids", ids, (GDestroyNotify) g_array_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
sort_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariDealListView *self = AFFARI_DEAL_LIST_VIEW (widget);
  const char *key;
  gboolean descending;
  GtkColumnViewColumn *column;

  g_variant_get (parameter, "(&si)", &key, &descending);
  column = find_column (self, key);
  if (column == NULL)
    {
      g_warning ("No column “%s”", key);
      return;
    }
  gtk_column_view_sort_by_column (self->column_view, column, descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

/* ------------------------------------------------------------ benchmark driver
 *
 * AFFARI_BENCH_LIST=1 (used by affari-bench --list-ui): once the list has painted its rows it
 * prints "list-first-frame", then sorts by three headers and prints the time from each click to
 * the repainted frame, then scrolls from the top to the end of the list and prints the work of
 * each frame (before-paint to after-paint) and the peak RSS, and quits. */

typedef enum {
  BENCH_WAIT_ROWS,
  BENCH_SORT,
  BENCH_SEARCH,
  BENCH_SCROLL,
  BENCH_DONE,
} BenchPhase;

typedef struct {
  AffariDealListView *self;
  BenchPhase          phase;
  gint64              map_time;
  guint               sort_step;
  guint               search_step;
  gint64              sort_start;
  gboolean            waiting;     /* a sort or keystroke is on its way to the screen */
  const char         *typed;
  gint64              frame_start;
  guint               frames;
  guint               over_16;
  double              total_ms;
  double              max_ms;
  long                rss_start_kb;
  long                rss_max_kb;
  GdkFrameClock      *clock;
  gulong              before_handler;
  gulong              after_handler;
} BenchList;

static void
bench_list_free (gpointer data)
{
  BenchList *b = data;

  /* the clock may have dropped its handlers already when it went away */
  if (b->before_handler != 0 && g_signal_handler_is_connected (b->clock, b->before_handler))
    g_signal_handler_disconnect (b->clock, b->before_handler);
  if (b->after_handler != 0 && g_signal_handler_is_connected (b->clock, b->after_handler))
    g_signal_handler_disconnect (b->clock, b->after_handler);
  g_clear_object (&b->clock);
  g_free (b);
}

static long
bench_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line ? strtol (line + 6, NULL, 10) : 0;
}

static void
bench_sort_next (BenchList *b)
{
  static const struct { ColumnKind kind; GtkSortType order; } sorts[] = {
    { COL_AMOUNT, GTK_SORT_DESCENDING },
    { COL_TITLE, GTK_SORT_ASCENDING },
    { COL_STAGE, GTK_SORT_ASCENDING },
  };
  GListModel *columns = gtk_column_view_get_columns (b->self->column_view);
  g_autoptr(GtkColumnViewColumn) column = NULL;

  if (b->sort_step >= G_N_ELEMENTS (sorts))
    {
      b->phase = BENCH_SEARCH;
      return;
    }
  column = g_list_model_get_item (columns, sorts[b->sort_step].kind);
  b->sort_start = g_get_monotonic_time ();
  b->waiting = TRUE;
  gtk_column_view_sort_by_column (b->self->column_view, column, sorts[b->sort_step].order);
  gtk_widget_queue_draw (GTK_WIDGET (b->self));
}

/* Typing "rossi" in the window's search entry, then clearing it: from the text entered to the
 * frame that shows the rows it finds (the entry tells the window, the window every view). */
static void
bench_search_next (BenchList *b)
{
  static const char *typed[] = { "r", "ro", "ros", "ross", "rossi", "" };
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (b->self));
  GtkWidget *entry = AFFARI_IS_WINDOW (root)
                     ? GTK_WIDGET (affari_filter_bar_get_search_entry (affari_window_get_filter_bar (AFFARI_WINDOW (root))))
                     : NULL;

  if (b->search_step >= G_N_ELEMENTS (typed) || entry == NULL)
    {
      b->phase = BENCH_SCROLL;
      return;
    }
  b->typed = typed[b->search_step];
  b->sort_start = g_get_monotonic_time ();
  b->waiting = TRUE;
  /* a key typed adds a letter at the end; clearing deletes the whole text */
  {
    const char *shown = gtk_editable_get_text (GTK_EDITABLE (entry));
    int end = (int) strlen (shown);

    if (*b->typed != '\0' && g_str_has_prefix (b->typed, shown))
      gtk_editable_insert_text (GTK_EDITABLE (entry), b->typed + end, -1, &end);
    else
      gtk_editable_delete_text (GTK_EDITABLE (entry), 0, -1);
  }
}

/* A person clicks or types again some time after seeing the result: the next step waits as long
 * as a fast typist does between two keys (about seven a second). */
#define BENCH_STEP_PAUSE_MS 150

static gboolean
bench_step_cb (gpointer data)
{
  BenchList *b = data;

  if (b->phase == BENCH_SORT)
    {
      bench_sort_next (b);
      if (b->phase == BENCH_SEARCH)
        {
          /* as a person does: Ctrl+F opens the search bar, then the typing starts */
          gtk_widget_activate_action (GTK_WIDGET (b->self), "win.search", NULL);
          g_timeout_add (500, bench_step_cb, b);
        }
    }
  else if (b->phase == BENCH_SEARCH)
    {
      bench_search_next (b);
      if (b->phase == BENCH_SCROLL)
        gtk_widget_queue_draw (GTK_WIDGET (b->self));
    }
  return G_SOURCE_REMOVE;
}

static void
on_bench_before_paint_cb (GdkFrameClock *clock, BenchList *b)
{
  b->frame_start = g_get_monotonic_time ();
}

static void
on_bench_after_paint_cb (GdkFrameClock *clock, BenchList *b)
{
  AffariDealListView *self = b->self;
  gint64 now = g_get_monotonic_time ();
  guint n = self->deals ? g_list_model_get_n_items (G_LIST_MODEL (self->deals)) : 0;

  switch (b->phase)
    {
    case BENCH_WAIT_ROWS:
      if (n == 0)
        return;
      b->rss_start_kb = b->rss_max_kb = bench_rss_kb ();
      /* open-us: from the click on "Elenco" (or the view being shown) to its rows painted */
      g_print ("list-first-frame rows %u rss-kb %ld open-us %" G_GINT64_FORMAT "\n",
               n, b->rss_start_kb, now - b->map_time);
      fflush (stdout);
      b->phase = BENCH_SORT;
      g_timeout_add (BENCH_STEP_PAUSE_MS, bench_step_cb, b);
      break;

    case BENCH_SORT:
      if (!b->waiting)
        return;
      b->waiting = FALSE;
      g_print ("list-sort-us %" G_GINT64_FORMAT "\n", now - b->sort_start);
      fflush (stdout);
      b->sort_step++;
      g_timeout_add (BENCH_STEP_PAUSE_MS, bench_step_cb, b);
      break;

    case BENCH_SEARCH:
      /* the frame that shows the rows of what was typed */
      if (!b->waiting || self->query == NULL ||
          g_strcmp0 (self->query->text ? self->query->text : "", b->typed) != 0 ||
          self->applied_at <= b->sort_start || b->frame_start < self->applied_at)
        return;
      b->waiting = FALSE;
      g_print ("list-search-us %" G_GINT64_FORMAT " rows %u query-us %" G_GINT64_FORMAT
               " wait-us %" G_GINT64_FORMAT " frame-us %" G_GINT64_FORMAT "\n",
               now - b->sort_start, n, self->applied_done_at - b->sort_start,
               b->frame_start - self->applied_done_at, now - b->frame_start);
      fflush (stdout);
      b->search_step++;
      g_timeout_add (BENCH_STEP_PAUSE_MS, bench_step_cb, b);
      break;

    case BENCH_SCROLL:
      {
        GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);
        double upper = gtk_adjustment_get_upper (adj);
        double page = gtk_adjustment_get_page_size (adj);
        double value = gtk_adjustment_get_value (adj);
        /* about 2,000 frames from the top to the end, whatever the length */
        double step = MAX (page, (upper - page) / 2000.0);

        if (b->frames > 0)
          {
            double ms = (now - b->frame_start) / 1000.0;

            b->total_ms += ms;
            b->max_ms = MAX (b->max_ms, ms);
            if (ms > 16.0)
              b->over_16++;
          }
        b->frames++;
        if (b->frames % 50 == 0)
          b->rss_max_kb = MAX (b->rss_max_kb, bench_rss_kb ());
        if (value >= upper - page - 1)
          {
            b->rss_max_kb = MAX (b->rss_max_kb, bench_rss_kb ());
            g_print ("list-scroll frames %u mean-us %.0f max-us %.0f over-16ms %u rss-start-kb %ld rss-max-kb %ld\n",
                     b->frames - 1, b->frames > 1 ? b->total_ms * 1000 / (b->frames - 1) : 0.0, b->max_ms * 1000,
                     b->over_16, b->rss_start_kb, b->rss_max_kb);
            fflush (stdout);
            b->phase = BENCH_DONE;
            g_application_quit (g_application_get_default ());
            return;
          }
        gtk_adjustment_set_value (adj, MIN (value + step, upper - page));
        gtk_widget_queue_draw (GTK_WIDGET (self));
      }
      break;

    case BENCH_DONE:
    default:
      break;
    }
}

static void
bench_list_start (AffariDealListView *self, gint64 map_time)
{
  BenchList *b = g_new0 (BenchList, 1);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  b->self = self;
  b->map_time = map_time;
  b->clock = g_object_ref (clock);
  b->before_handler = g_signal_connect (clock, "before-paint", G_CALLBACK (on_bench_before_paint_cb), b);
  b->after_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_bench_after_paint_cb), b);
  /* the benchmark runs until the process quits: the driver lives as long as the view */
  g_object_set_data_full (G_OBJECT (self), "affari-bench-list", b, bench_list_free);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ------------------------------------------------------------ overrides */

static void
disconnect_store (AffariDealListView *self)
{
  if (self->store == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->store_handlers); i++)
    g_clear_signal_handler (&self->store_handlers[i], self->store);
}

static void
affari_deal_list_view_map (GtkWidget *widget)
{
  AffariDealListView *self = AFFARI_DEAL_LIST_VIEW (widget);
  gint64 map_time = g_get_monotonic_time ();
  GtkRoot *root = gtk_widget_get_root (widget);
  gint64 clicked = root != NULL ? (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (root), "affari-bench-click")) : 0;

  GTK_WIDGET_CLASS (affari_deal_list_view_parent_class)->map (widget);

  if (self->deals == NULL && self->store != NULL && self->query != NULL)
    {
      g_autoptr(AffariDealList) deals = affari_deal_list_new (self->store, self->query);

      set_deals (self, deals);
      self->summary_stale = TRUE;
    }
  else if (self->deals != NULL)
    affari_deal_list_set_frozen (self->deals, FALSE);
  if (self->summary_stale)
    {
      self->summary_stale = FALSE;
      queue_summary (self);
    }
  if (g_strcmp0 (g_getenv ("AFFARI_BENCH_LIST"), "1") == 0 &&
      g_object_get_data (G_OBJECT (self), "affari-bench-list") == NULL)
    bench_list_start (self, clicked > 0 ? clicked : map_time);
}

static void
affari_deal_list_view_unmap (GtkWidget *widget)
{
  AffariDealListView *self = AFFARI_DEAL_LIST_VIEW (widget);

  release_rows (self);
  expand_rows (self);
  if (after_paint_pending (&self->summary_paint) || self->summary_source != 0)
    {
      forget_summary_paint (self);
      g_clear_handle_id (&self->summary_source, g_source_remove);
      self->summary_stale = TRUE;
    }
  /* Hidden behind another view: stop following every change of 100,000 deals. */
  if (self->deals != NULL)
    affari_deal_list_set_frozen (self->deals, TRUE);

  GTK_WIDGET_CLASS (affari_deal_list_view_parent_class)->unmap (widget);
}

static void
affari_deal_list_view_dispose (GObject *object)
{
  AffariDealListView *self = AFFARI_DEAL_LIST_VIEW (object);

  g_clear_handle_id (&self->summary_source, g_source_remove);
  forget_summary_paint (self);
  if (self->save_layout_source != 0)
    {
      g_clear_handle_id (&self->save_layout_source, g_source_remove);
      save_layout_cb (self);
    }
  release_rows (self);
  expand_rows (self);
  disconnect_store (self);
  if (self->scroller != NULL)
    g_signal_handlers_disconnect_by_data (gtk_scrolled_window_get_vadjustment (self->scroller), self);
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
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_DEAL_LIST_VIEW);
  if (self->rows != NULL)
    g_signal_handlers_disconnect_by_func (self->rows, on_rows_rebound_cb, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->slice);
  g_clear_object (&self->rows);
  g_clear_object (&self->deals);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (affari_deal_list_view_parent_class)->dispose (object);
}

static void
affari_deal_list_view_finalize (GObject *object)
{
  AffariDealListView *self = AFFARI_DEAL_LIST_VIEW (object);

  g_clear_pointer (&self->filter, affari_deal_query_free);
  g_clear_pointer (&self->query, affari_deal_query_free);
  g_clear_pointer (&self->stages, g_hash_table_unref);
  g_clear_pointer (&self->days, g_hash_table_unref);
  g_clear_pointer (&self->types, g_hash_table_unref);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  g_clear_pointer (&self->field_columns, g_ptr_array_unref);
  g_clear_pointer (&self->summary, g_free);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);

  G_OBJECT_CLASS (affari_deal_list_view_parent_class)->finalize (object);
}

static void
affari_deal_list_view_class_init (AffariDealListViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_deal_list_view_dispose;
  widget_class->map = affari_deal_list_view_map;
  widget_class->unmap = affari_deal_list_view_unmap;
  object_class->finalize = affari_deal_list_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-deal-list-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariDealListView, box);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListView, selection_revealer);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListView, selection_label);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListView, stage_button);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListView, responsible_button);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListView, pipeline_button);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListView, scroller);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListView, column_view);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListView, columns_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "deallistview");

  gtk_widget_class_install_action (widget_class, "deals.move-stage", "x", move_stage_action);
  gtk_widget_class_install_action (widget_class, "deals.set-responsible", "x", set_responsible_action);
  gtk_widget_class_install_action (widget_class, "deals.move-pipeline", "x", move_pipeline_action);
  gtk_widget_class_install_action (widget_class, "deals.trash", NULL, trash_action);
  gtk_widget_class_install_action (widget_class, "deals.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "deals.export-to", "s", export_to_action);
  gtk_widget_class_install_action (widget_class, "deals.sort", "(si)", sort_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "deals.trash", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "deals.trash", NULL);
}

static void
affari_deal_list_view_init (AffariDealListView *self)
{
  GListModel *columns;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = affari_deal_query_new ();
  self->stages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->field_columns = g_ptr_array_new ();
  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);
  self->selection = gtk_multi_selection_new (NULL);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  columns = gtk_column_view_get_columns (self->column_view);
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
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (on_selection_changed_cb), self);
  g_signal_connect (self->selection, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate_cb), self);
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed", G_CALLBACK (on_adjustment_changed_cb), self);
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->scroller), "changed", G_CALLBACK (on_adjustment_changed_cb), self);
  build_columns_popover (self);
  on_selection_changed_cb (GTK_SELECTION_MODEL (self->selection), 0, 0, self);
}

/* ------------------------------------------------------------ public API */

AffariStore *
affari_deal_list_view_get_store (AffariDealListView *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LIST_VIEW (self), NULL);

  return self->store;
}

void
affari_deal_list_view_set_store (AffariDealListView *self, AffariStore *store)
{
  g_return_if_fail (AFFARI_IS_DEAL_LIST_VIEW (self));
  g_return_if_fail (store == NULL || AFFARI_IS_STORE (store));

  if (self->store == store)
    return;
  disconnect_store (self);
  set_deals (self, NULL);
  g_clear_pointer (&self->query, affari_deal_query_free);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      self->store_handlers[0] = g_signal_connect_swapped (store, "stages-changed", G_CALLBACK (on_store_references_changed_cb), self);
      self->store_handlers[1] = g_signal_connect_swapped (store, "pipelines-changed", G_CALLBACK (on_store_references_changed_cb), self);
      self->store_handlers[2] = g_signal_connect_swapped (store, "reset", G_CALLBACK (on_store_references_changed_cb), self);
      self->store_handlers[3] = g_signal_connect_swapped (store, "changed", G_CALLBACK (queue_summary), self);
      self->store_handlers[5] = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
      /* a custom field added, renamed or marked "show in list" in Preferences is a column at once */
      self->store_handlers[4] = g_signal_connect_swapped (store, "settings-changed::custom-fields",
                                                          G_CALLBACK (on_store_fields_changed_cb), self);
    }
  reload_references (self);
  reload_field_columns (self);
  reload_menus (self);
  load_layout (self);
  apply_query (self);
}

void
affari_deal_list_view_set_pipeline_id (AffariDealListView *self, gint64 pipeline_id)
{
  g_return_if_fail (AFFARI_IS_DEAL_LIST_VIEW (self));

  if (self->pipeline_id == pipeline_id)
    return;
  if (self->save_layout_source != 0)
    {
      g_clear_handle_id (&self->save_layout_source, g_source_remove);
      save_layout_cb (self);
    }
  self->pipeline_id = pipeline_id;
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  reload_menus (self);
  load_layout (self);
  apply_query (self);
}

void
affari_deal_list_view_set_filter (AffariDealListView *self, const AffariDealQuery *filter)
{
  g_return_if_fail (AFFARI_IS_DEAL_LIST_VIEW (self));

  affari_deal_query_merge_filter (self->filter, filter);
  apply_query (self);
  /* the same deals, but the footer says whether they are filtered */
  queue_summary (self);
}

AffariDealList *
affari_deal_list_view_get_deals (AffariDealListView *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LIST_VIEW (self), NULL);

  return self->deals;
}

GtkSelectionModel *
affari_deal_list_view_get_selection (AffariDealListView *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LIST_VIEW (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

GtkColumnView *
affari_deal_list_view_get_column_view (AffariDealListView *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LIST_VIEW (self), NULL);

  return self->column_view;
}

GArray *
affari_deal_list_view_dup_selected_ids (AffariDealListView *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  GArray *ids;
  guint position;

  g_return_val_if_fail (AFFARI_IS_DEAL_LIST_VIEW (self), NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (self->deals == NULL)
    return ids;
  /* positions to ids without creating an object per selected row (Ctrl+A on a million) */
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok; ok = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = affari_deal_list_get_id_at (self->deals, position);
      if (id > 0)
        g_array_append_val (ids, id);
    }
  return ids;
}

const char *
affari_deal_list_view_get_summary (AffariDealListView *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LIST_VIEW (self), NULL);

  if (self->summary_source != 0 || after_paint_pending (&self->summary_paint))
    {
      forget_summary_paint (self);
      g_clear_handle_id (&self->summary_source, g_source_remove);
      update_summary_cb (self);
    }
  return self->summary ? self->summary : "";
}
