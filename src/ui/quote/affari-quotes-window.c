/* affari-quotes-window.c — the list of quotes and, in its place, one quote's editor
 *
 * The list is read again whenever quotes are written (AffariQuotes' "changed"): a few hundred
 * rows at most, read in one query. A deal made from a quote is announced by a toast whose
 * "Apri" shows it in the main window, through that window's deal.open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-quotes"

#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-money.h"
#include "ops/affari-quotes.h"
#include "ui/common/affari-narrow-layout.h"
#include "ui/quote/affari-quote-editor.h"
#include "ui/quote/affari-quotes-window.h"

struct _AffariQuotesWindow
{
  AdwWindow        parent_instance;

  AffariWorkspace *workspace;
  AffariQuotes    *quotes;
  GListStore      *store;         /* AffariQuote, as listed */
  GtkWidget       *editor;
  GWeakRef         parent;        /* the main window: its deal.open shows a deal */

  /* template */
  AdwToastOverlay *toasts;
  GtkStack        *stack;
  GtkStack        *list_stack;
  GtkDropDown     *status_filter;
  GtkColumnView   *column_view;
  GtkWidget       *list_bin;
  GtkColumnViewColumn *columns[6]; /* every column in order (N_COLUMNS, below), shown or not */
};

G_DEFINE_FINAL_TYPE (AffariQuotesWindow, affari_quotes_window, ADW_TYPE_WINDOW)

typedef enum {
  COLUMN_NUMBER,
  COLUMN_TITLE,
  COLUMN_CLIENT,
  COLUMN_STATUS,
  COLUMN_TOTAL,
  COLUMN_VALID,
  N_COLUMNS
} Column;

G_STATIC_ASSERT (G_N_ELEMENTS (((AffariQuotesWindow *) NULL)->columns) == N_COLUMNS);

/* What a phone's list shows: the title, the status and the total. */
static const gboolean narrow_column[N_COLUMNS] = { [COLUMN_TITLE] = TRUE, [COLUMN_STATUS] = TRUE, [COLUMN_TOTAL] = TRUE };

/* ------------------------------------------------------------ auxiliary */

static GQuark
quotes_window_quark (void)
{
  return g_quark_from_static_string ("affari-quotes-window");
}

/* The list's own width decides (AffariNarrowLayout): narrow, three columns instead of six. */
static void
on_list_narrow_changed (GtkWidget *list_bin,
                        gboolean   narrow)
{
  AffariQuotesWindow *self = g_object_get_qdata (G_OBJECT (list_bin), quotes_window_quark ());
  guint position = 0;

  if (self == NULL)
    return;
  /* Taken out rather than hidden: GTK 4.8's column view keeps the width of hidden columns in its
   * minimum, which would keep the list wider than the phone. */
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      gboolean shown = gtk_column_view_column_get_column_view (self->columns[i]) != NULL;

      if (narrow && !narrow_column[i] && shown)
        gtk_column_view_remove_column (self->column_view, self->columns[i]);
      else if (!narrow && !shown)
        gtk_column_view_insert_column (self->column_view, position, self->columns[i]);
      if (gtk_column_view_column_get_column_view (self->columns[i]) != NULL)
        position++;
    }
}

static char *
cell_text (AffariQuote *q,
           Column       column)
{
  switch (column)
    {
    case COLUMN_NUMBER:
      return g_strdup (q->number);
    case COLUMN_TITLE:
      return g_strdup (q->title);
    case COLUMN_CLIENT:
      if (q->client_deleted)
        return g_strdup (_("(deleted)"));
      return g_strdup (q->client_name != NULL ? q->client_name : "—");
    case COLUMN_STATUS:
      return g_strdup (affari_quote_status_display (q->status));
    case COLUMN_TOTAL:
      return affari_money_format (q->amount, q->currency);
    case COLUMN_VALID:
      return q->valid_until != NULL ? affari_date_format (q->valid_until) : g_strdup ("—");
    case N_COLUMNS:
    default:
      return g_strdup ("");
    }
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_TOTAL ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COLUMN_TOTAL || column == COLUMN_NUMBER)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  g_autofree char *text = cell_text (gtk_list_item_get_item (item), GPOINTER_TO_INT (user_data));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
add_column (AffariQuotesWindow *self,
            Column              column,
            const char         *title,
            gboolean            expand,
            int                 width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), GINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, TRUE);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (col, width);
  gtk_column_view_append_column (self->column_view, col);
  self->columns[column] = col;   /* owned: it may be taken out of the view */
}

static void
reload (AffariQuotesWindow *self)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (self->status_filter);
  /* Item 0 is "every status", then the statuses in order. */
  int status = selected == GTK_INVALID_LIST_POSITION || selected == 0 ? -1 : (int) selected - 1;

  list = affari_quotes_list (self->quotes, status, &error);
  if (list == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       list->pdata, list->len);
  gtk_stack_set_visible_child_name (self->list_stack, list->len > 0 ? "list" : "empty");
}

static void
open_quote (AffariQuotesWindow *self,
            gint64              id)
{
  g_autoptr(GError) error = NULL;

  if (!affari_quote_editor_load (AFFARI_QUOTE_EDITOR (self->editor), id, &error))
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "editor");
}

/* ------------------------------------------------------------ signal callbacks */

static void
on_quotes_changed_cb (AffariQuotesWindow *self)
{
  reload (self);
}

static void
on_status_filter_changed_cb (AffariQuotesWindow *self)
{
  reload (self);
}

static void
on_column_view_activated_cb (AffariQuotesWindow *self,
                             guint               position)
{
  g_autoptr(AffariQuote) quote = g_list_model_get_item (G_LIST_MODEL (self->store), position);

  if (quote != NULL)
    open_quote (self, quote->id);
}

static void
on_editor_deal_created_cb (AffariQuotesWindow *self,
                           gint64              deal_id)
{
  AdwToast *toast = adw_toast_new (_("Deal created from the quote"));

  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "quotes.open-deal");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (deal_id));
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static void
on_editor_message_cb (AffariQuotesWindow *self,
                      const char         *text)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

/* ------------------------------------------------------------ actions */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_quote (AFFARI_QUOTES_WINDOW (widget), 0);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  open_quote (AFFARI_QUOTES_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_stack_set_visible_child_name (AFFARI_QUOTES_WINDOW (widget)->stack, "list");
}

static void
open_deal_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AffariQuotesWindow *self = AFFARI_QUOTES_WINDOW (widget);
  g_autoptr(GtkWidget) parent = g_weak_ref_get (&self->parent);

  if (parent == NULL)
    return;
  gtk_widget_activate_action_variant (parent, "deal.open", parameter);
  gtk_window_present (GTK_WINDOW (parent));
}

/* ------------------------------------------------------------ overrides */

static void
affari_quotes_window_dispose (GObject *object)
{
  AffariQuotesWindow *self = AFFARI_QUOTES_WINDOW (object);

  if (self->quotes != NULL)
    g_signal_handlers_disconnect_by_data (self->quotes, self);
  if (self->list_bin != NULL)
    g_object_set_qdata (G_OBJECT (self->list_bin), quotes_window_quark (), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_QUOTES_WINDOW);
  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_object (&self->columns[i]);
  g_clear_object (&self->store);
  g_clear_object (&self->quotes);
  g_clear_object (&self->workspace);
  g_weak_ref_set (&self->parent, NULL);

  G_OBJECT_CLASS (affari_quotes_window_parent_class)->dispose (object);
}

static void
affari_quotes_window_finalize (GObject *object)
{
  AffariQuotesWindow *self = AFFARI_QUOTES_WINDOW (object);

  g_weak_ref_clear (&self->parent);

  G_OBJECT_CLASS (affari_quotes_window_parent_class)->finalize (object);
}

static void
affari_quotes_window_class_init (AffariQuotesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_quotes_window_dispose;
  object_class->finalize = affari_quotes_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-quotes-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariQuotesWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, AffariQuotesWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AffariQuotesWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AffariQuotesWindow, status_filter);
  gtk_widget_class_bind_template_child (widget_class, AffariQuotesWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, AffariQuotesWindow, list_bin);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activated_cb);

  gtk_widget_class_install_action (widget_class, "quotes.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "quotes.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "quotes.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "quotes.open-deal", "x", open_deal_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
affari_quotes_window_init (AffariQuotesWindow *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  GtkSelectionModel *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_weak_ref_init (&self->parent, NULL);
  self->store = g_list_store_new (AFFARI_TYPE_QUOTE);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->store))));
  gtk_column_view_set_model (self->column_view, selection);
  g_object_unref (selection);

  /* Translators: the columns of the list of quotes */
  add_column (self, COLUMN_NUMBER, C_("quote column", "Number"), FALSE, 96);
  add_column (self, COLUMN_TITLE, C_("quote column", "Title"), TRUE, -1);
  add_column (self, COLUMN_CLIENT, C_("quote column", "Client"), TRUE, -1);
  add_column (self, COLUMN_STATUS, C_("quote column", "Status"), FALSE, 110);
  add_column (self, COLUMN_TOTAL, C_("quote column", "Total"), FALSE, 130);
  add_column (self, COLUMN_VALID, C_("quote column", "Valid Until"), FALSE, 120);

  g_object_set_qdata (G_OBJECT (self->list_bin), quotes_window_quark (), self);
  gtk_widget_set_layout_manager (self->list_bin, affari_narrow_layout_new (AFFARI_NARROW_WIDTH, on_list_narrow_changed));

  gtk_string_list_append (statuses, _("All Statuses"));
  for (guint i = 0; i < AFFARI_QUOTE_N_STATUSES; i++)
    gtk_string_list_append (statuses, affari_quote_status_display ((AffariQuoteStatus) i));
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (statuses));
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_quotes_window_new (GtkWindow       *parent,
                          AffariWorkspace *workspace,
                          AffariDealOps   *ops)
{
  AffariQuotesWindow *self;

  g_return_val_if_fail (AFFARI_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (ops), NULL);

  self = g_object_new (AFFARI_TYPE_QUOTES_WINDOW, "transient-for", parent, NULL);
  g_weak_ref_set (&self->parent, parent);
  self->workspace = g_object_ref (workspace);
  self->quotes = affari_quotes_new (affari_workspace_get_store (workspace), ops);
  self->editor = affari_quote_editor_new (workspace, self->quotes);
  gtk_stack_add_named (self->stack, self->editor, "editor");
  g_signal_connect_swapped (self->editor, "deal-created", G_CALLBACK (on_editor_deal_created_cb), self);
  g_signal_connect_swapped (self->editor, "message", G_CALLBACK (on_editor_message_cb), self);
  g_signal_connect_swapped (self->quotes, "changed", G_CALLBACK (on_quotes_changed_cb), self);
  g_signal_connect_swapped (self->status_filter, "notify::selected", G_CALLBACK (on_status_filter_changed_cb), self);
  reload (self);
  return GTK_WIDGET (self);
}

guint
affari_quotes_window_get_n_items (AffariQuotesWindow *self)
{
  g_return_val_if_fail (AFFARI_IS_QUOTES_WINDOW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->store));
}

GtkWidget *
affari_quotes_window_get_editor (AffariQuotesWindow *self)
{
  g_return_val_if_fail (AFFARI_IS_QUOTES_WINDOW (self), NULL);
  return self->editor;
}
