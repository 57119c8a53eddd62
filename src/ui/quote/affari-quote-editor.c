/* affari-quote-editor.c — one quote: fields, client, product rows, totals, its deals
 *
 * Nothing is written while typing: "Salva" writes the whole quote (fields and rows) in one
 * transaction, and "Crea affare" and "PDF" save first, so that what they use is what is shown.
 * The product rows are the deal card's row widgets (AffariDealCardProductRow), the client picker
 * is the card's too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-quotes"

#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-money.h"
#include "ui/common/affari-narrow-layout.h"
#include "ui/deal/affari-deal-card-client-picker.h"
#include "ui/deal/affari-deal-card-product-row.h"
#include "ui/quote/affari-quote-editor.h"

struct _AffariQuoteEditor
{
  GtkBox                      parent_instance;

  AffariWorkspace            *workspace;
  AffariQuotes               *quotes;
  AffariQuote                *quote;         /* as stored; id 0 for a new one */
  GPtrArray                  *rows;          /* AffariDealCardProductRow, in rows_group */
  GPtrArray                  *catalogue;     /* AffariProduct offered under a row's name */
  GPtrArray                  *deal_rows;     /* AdwActionRow, in deals_group */
  gint64                      company_id;    /* the client chosen */
  gint64                      contact_id;

  /* template */
  AdwWindowTitle             *window_title;
  AdwEntryRow                *title_row;
  AdwComboRow                *status_row;
  AdwActionRow               *client_row;
  AffariDealCardClientPicker *client_picker;
  AdwEntryRow                *valid_row;
  GtkLabel                   *error_label;
  AdwPreferencesGroup        *rows_group;
  GtkLabel                   *net_label;
  GtkLabel                   *tax_label;
  GtkLabel                   *total_label;
  GtkTextView                *terms_view;
  GtkTextView                *notes_view;
  AdwPreferencesGroup        *deals_group;
  GtkWidget                  *page_bin;
};

G_DEFINE_FINAL_TYPE (AffariQuoteEditor, affari_quote_editor, GTK_TYPE_BOX)

enum {
  DEAL_CREATED,
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ auxiliary */

static GArray *
new_rows (void)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (AffariProductRow));

  g_array_set_clear_func (rows, (GDestroyNotify) affari_product_row_clear);
  return rows;
}

static const char *
currency (AffariQuoteEditor *self)
{
  return self->quote != NULL && self->quote->currency != NULL ? self->quote->currency : "EUR";
}

static void
show_error (AffariQuoteEditor *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_amount (GtkLabel   *label,
            gint64      minor,
            const char *code)
{
  g_autofree char *text = affari_money_format (minor, code);

  gtk_label_set_text (label, text);
}

/* The totals of the rows as typed (a row that cannot be read yet counts for nothing). */
static void
update_totals (AffariQuoteEditor *self)
{
  g_autoptr(GArray) rows = new_rows ();
  gint64 net = 0, tax = 0, total = 0;

  affari_deal_card_product_rows_read (self->rows, rows, FALSE);
  affari_product_rows_totals ((AffariProductRow *) rows->data, rows->len, &net, &tax, &total);
  set_amount (self->net_label, net, currency (self));
  set_amount (self->tax_label, tax, currency (self));
  set_amount (self->total_label, total, currency (self));
}

static void
set_client (AffariQuoteEditor *self,
            gint64             company_id,
            gint64             contact_id,
            const char        *name,
            gboolean           deleted)
{
  self->company_id = company_id;
  self->contact_id = contact_id;
  if (deleted)
    adw_action_row_set_subtitle (self->client_row, _("The client was deleted: choose another one"));
  else
    adw_action_row_set_subtitle (self->client_row, name != NULL ? name : _("No client"));
}

static void
set_text_view (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static char *
text_view_dup (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
on_row_changed_cb (AffariDealCardProductRow *row,
                   AffariQuoteEditor        *self)
{
  update_totals (self);
}

static void
remove_row (AffariQuoteEditor        *self,
            AffariDealCardProductRow *row)
{
  adw_preferences_group_remove (self->rows_group, GTK_WIDGET (row));
  g_ptr_array_remove (self->rows, row);
}

static void
on_row_remove_cb (AffariDealCardProductRow *row,
                  AffariQuoteEditor        *self)
{
  remove_row (self, row);
  update_totals (self);
}

static void
on_row_add_to_catalogue_cb (AffariDealCardProductRow *row,
                            AffariQuoteEditor        *self)
{
  affari_deal_card_product_row_add_to_catalogue (row, self->workspace, self->catalogue, currency (self));
}

static GQuark
quote_editor_quark (void)
{
  return g_quark_from_static_string ("affari-quote-editor");
}

/* The page's own width decides (a phone): the product rows in two lines. */
static void
on_page_narrow_changed (GtkWidget *page_bin,
                        gboolean   narrow)
{
  AffariQuoteEditor *self = g_object_get_qdata (G_OBJECT (page_bin), quote_editor_quark ());

  if (self == NULL || self->rows == NULL)
    return;
  for (guint i = 0; i < self->rows->len; i++)
    affari_deal_card_product_row_set_narrow (g_ptr_array_index (self->rows, i), narrow);
}

static AffariDealCardProductRow *
add_row (AffariQuoteEditor *self)
{
  GtkWidget *row = affari_deal_card_product_row_new (currency (self), self->catalogue);

  g_signal_connect (row, "apply", G_CALLBACK (on_row_changed_cb), self);
  g_signal_connect (row, "remove", G_CALLBACK (on_row_remove_cb), self);
  g_signal_connect (row, "add-to-catalogue", G_CALLBACK (on_row_add_to_catalogue_cb), self);
  adw_preferences_group_add (self->rows_group, row);
  g_ptr_array_add (self->rows, row);
  affari_deal_card_product_row_set_narrow (AFFARI_DEAL_CARD_PRODUCT_ROW (row),
                                           affari_narrow_layout_get_narrow (AFFARI_NARROW_LAYOUT (gtk_widget_get_layout_manager (self->page_bin))));
  return AFFARI_DEAL_CARD_PRODUCT_ROW (row);
}

static void
clear_rows (AffariQuoteEditor *self)
{
  while (self->rows->len > 0)
    remove_row (self, g_ptr_array_index (self->rows, self->rows->len - 1));
}

static void
add_deal_row (AffariQuoteEditor *self,
              gint64             deal_id,
              const char        *subtitle)
{
  g_autoptr(AffariDeal) deal = affari_workspace_get_deal (self->workspace, deal_id, NULL);
  GtkWidget *row;

  if (deal == NULL)
    return;
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), affari_deal_get_title (deal));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "quotes.open-deal");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", deal_id);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_preferences_group_add (self->deals_group, row);
  g_ptr_array_add (self->deal_rows, row);
}

/* The deal the quote was made for, and those made from it. */
static void
fill_deals (AffariQuoteEditor *self)
{
  g_autoptr(GArray) ids = NULL;

  for (guint i = 0; i < self->deal_rows->len; i++)
    adw_preferences_group_remove (self->deals_group, g_ptr_array_index (self->deal_rows, i));
  g_ptr_array_set_size (self->deal_rows, 0);
  if (self->quote->deal_id > 0)
    add_deal_row (self, self->quote->deal_id, _("The quote was made for this deal"));
  if (self->quote->id > 0)
    ids = affari_quotes_deal_ids (self->quotes, self->quote->id, NULL);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) != self->quote->deal_id)
      add_deal_row (self, g_array_index (ids, gint64, i), _("Created from this quote"));
  gtk_widget_set_visible (GTK_WIDGET (self->deals_group), self->deal_rows->len > 0);
}

static void
fill (AffariQuoteEditor *self,
      GArray            *rows)
{
  AffariQuote *q = self->quote;
  g_autofree char *until = q->valid_until != NULL ? affari_date_format (q->valid_until) : g_strdup ("");
  g_autofree char *heading = NULL;

  if (q->id > 0)
    /* Translators: the title of the quote editor ("Preventivo 2026/014") */
    heading = g_strdup_printf (_("Quote %s"), q->number);
  adw_window_title_set_title (self->window_title, heading != NULL ? heading : _("New Quote"));
  adw_window_title_set_subtitle (self->window_title, affari_quote_status_display (q->status));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), q->title != NULL ? q->title : "");
  adw_combo_row_set_selected (self->status_row, q->status);
  set_client (self, q->company_id, q->contact_id, q->client_name, q->client_deleted);
  gtk_editable_set_text (GTK_EDITABLE (self->valid_row), until != NULL ? until : "");
  set_text_view (self->terms_view, q->terms);
  set_text_view (self->notes_view, q->notes);
  clear_rows (self);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    affari_deal_card_product_row_fill (add_row (self), &g_array_index (rows, AffariProductRow, i));
  update_totals (self);
  fill_deals (self);
  show_error (self, NULL);
}

/* The quote as typed, into a copy of the stored one, and its rows; FALSE with what is wrong. */
static AffariQuote *
read_quote (AffariQuoteEditor  *self,
            GArray             *rows,
            GError            **error)
{
  g_autoptr(AffariQuote) q = affari_quote_copy (self->quote);
  const char *until = gtk_editable_get_text (GTK_EDITABLE (self->valid_row));

  if (!affari_deal_card_product_rows_read (self->rows, rows, TRUE))
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("A product row is not valid: see the row"));
      return NULL;
    }
  affari_quote_set_text (&q->title, gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  q->status = (AffariQuoteStatus) MIN (adw_combo_row_get_selected (self->status_row), AFFARI_QUOTE_DECLAINED);
  q->company_id = self->company_id;
  q->contact_id = self->contact_id;
  g_clear_pointer (&q->valid_until, g_free);
  if (until[0] != '\0')
    {
      q->valid_until = affari_date_parse (until, error);
      if (q->valid_until == NULL)
        return NULL;
    }
  g_free (q->terms);
  q->terms = text_view_dup (self->terms_view);
  g_free (q->notes);
  q->notes = text_view_dup (self->notes_view);
  return g_steal_pointer (&q);
}

/* Writes the quote as shown (one transaction) and shows it as stored; FALSE when refused (the
 * editor says why). */
static gboolean
save (AffariQuoteEditor *self)
{
  g_autoptr(GArray) rows = new_rows ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariQuote) q = read_quote (self, rows, &error);
  gboolean ok;

  if (q == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }
  if (q->id == 0)
    ok = affari_quotes_create (self->quotes, q, (AffariProductRow *) rows->data, rows->len, &error) > 0;
  else
    ok = affari_quotes_update (self->quotes, q, (AffariProductRow *) rows->data, rows->len, &error);
  if (!ok)
    {
      show_error (self, error->message);
      return FALSE;
    }
  return affari_quote_editor_load (self, q->id, NULL);
}

static void
message (AffariQuoteEditor *self,
         const char        *text)
{
  g_signal_emit (self, signals[MESSAGE], 0, text);
}

static gboolean
write_pdf (AffariQuoteEditor *self,
           const char        *path)
{
  g_autoptr(GError) error = NULL;

  if (!affari_quotes_write_pdf (self->quotes, self->quote->id, path, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------ signal callbacks */

static void
on_field_changed_cb (AffariQuoteEditor *self)
{
  show_error (self, NULL);
}

static void
on_client_picked_cb (AffariDealCardClientPicker *picker,
                     GObject                    *client,
                     AffariQuoteEditor          *self)
{
  if (AFFARI_IS_COMPANY (client))
    set_client (self, affari_company_get_id (AFFARI_COMPANY (client)), 0,
                affari_company_get_name (AFFARI_COMPANY (client)), FALSE);
  else if (AFFARI_IS_CONTACT (client))
    {
      g_autofree char *name = affari_contact_dup_full_name (AFFARI_CONTACT (client));

      set_client (self, affari_contact_get_company_id (AFFARI_CONTACT (client)),
                  affari_contact_get_id (AFFARI_CONTACT (client)), name, FALSE);
    }
  gtk_popover_popdown (GTK_POPOVER (picker));
}

static void
on_pdf_chooser_response_cb (GtkNativeDialog   *chooser,
                            int                response,
                            AffariQuoteEditor *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL || !write_pdf (self, path))
    return;
  {
    g_autofree char *uri = g_file_get_uri (file);
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

    /* The desktop's viewer (through the portal in the Flatpak sandbox). */
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
  }
}

/* ------------------------------------------------------------ actions */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AffariQuoteEditor *self = AFFARI_QUOTE_EDITOR (widget);

  if (save (self))
    message (self, _("Quote saved"));
}

static void
add_row_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AffariQuoteEditor *self = AFFARI_QUOTE_EDITOR (widget);
  AffariDealCardProductRow *row = add_row (self);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  affari_deal_card_product_row_focus_name (row);
}

static void
create_deal_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AffariQuoteEditor *self = AFFARI_QUOTE_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gint64 deal_id;

  if (!save (self))
    return;
  deal_id = affari_quotes_create_deal (self->quotes, self->quote->id, &error);
  if (deal_id == 0)
    {
      show_error (self, error->message);
      return;
    }
  fill_deals (self);
  g_signal_emit (self, signals[DEAL_CREATED], 0, deal_id);
}

static char *
pdf_name (AffariQuoteEditor *self)
{
  g_autofree char *number = g_strdelimit (g_strdup (self->quote->number), "/", '-');

  /* Translators: the file name offered for a quote's PDF ("Preventivo 2026-014.pdf") */
  return g_strdup_printf (_("Quote %s.pdf"), number);
}

static void
pdf_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AffariQuoteEditor *self = AFFARI_QUOTE_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (!save (self))
    return;
  chooser = gtk_file_chooser_native_new (_("Save the Quote as PDF"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  name = pdf_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_pdf_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
pdf_to_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AffariQuoteEditor *self = AFFARI_QUOTE_EDITOR (widget);

  if (save (self))
    write_pdf (self, g_variant_get_string (parameter, NULL));
}

/* The client picker's form ("Crea azienda", "Crea contatto") asks its owner through this. */
static void
create_client_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AffariQuoteEditor *self = AFFARI_QUOTE_EDITOR (widget);

  affari_deal_card_client_picker_create (self->client_picker,
                                         g_str_equal (g_variant_get_string (parameter, NULL), "company"),
                                         self->company_id);
}

/* ------------------------------------------------------------ overrides */

static void
affari_quote_editor_dispose (GObject *object)
{
  AffariQuoteEditor *self = AFFARI_QUOTE_EDITOR (object);

  if (self->page_bin != NULL)
    g_object_set_qdata (G_OBJECT (self->page_bin), quote_editor_quark (), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_QUOTE_EDITOR);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->deal_rows, g_ptr_array_unref);
  g_clear_pointer (&self->catalogue, g_ptr_array_unref);
  g_clear_object (&self->quote);
  g_clear_object (&self->quotes);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (affari_quote_editor_parent_class)->dispose (object);
}

static void
affari_quote_editor_class_init (AffariQuoteEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_quote_editor_dispose;

  signals[DEAL_CREATED] = g_signal_new ("deal-created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (AFFARI_TYPE_DEAL_CARD_CLIENT_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-quote-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariQuoteEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, AffariQuoteEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, AffariQuoteEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, AffariQuoteEditor, client_row);
  gtk_widget_class_bind_template_child (widget_class, AffariQuoteEditor, client_picker);
  gtk_widget_class_bind_template_child (widget_class, AffariQuoteEditor, valid_row);
  gtk_widget_class_bind_template_child (widget_class, AffariQuoteEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, AffariQuoteEditor, rows_group);
  gtk_widget_class_bind_template_child (widget_class, AffariQuoteEditor, net_label);
  gtk_widget_class_bind_template_child (widget_class, AffariQuoteEditor, tax_label);
  gtk_widget_class_bind_template_child (widget_class, AffariQuoteEditor, total_label);
  gtk_widget_class_bind_template_child (widget_class, AffariQuoteEditor, terms_view);
  gtk_widget_class_bind_template_child (widget_class, AffariQuoteEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, AffariQuoteEditor, deals_group);
  gtk_widget_class_bind_template_child (widget_class, AffariQuoteEditor, page_bin);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);

  gtk_widget_class_install_action (widget_class, "quote.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "quote.add-row", NULL, add_row_action);
  gtk_widget_class_install_action (widget_class, "quote.create-deal", NULL, create_deal_action);
  gtk_widget_class_install_action (widget_class, "quote.pdf", NULL, pdf_action);
  gtk_widget_class_install_action (widget_class, "quote.pdf-to", "s", pdf_to_action);
  gtk_widget_class_install_action (widget_class, "card.create-client", "s", create_client_action);
}

static void
affari_quote_editor_init (AffariQuoteEditor *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_object_set_qdata (G_OBJECT (self->page_bin), quote_editor_quark (), self);
  gtk_widget_set_layout_manager (self->page_bin, affari_narrow_layout_new (AFFARI_NARROW_WIDTH, on_page_narrow_changed));
  self->rows = g_ptr_array_new ();
  self->deal_rows = g_ptr_array_new ();
  for (guint i = 0; i < AFFARI_QUOTE_N_STATUSES; i++)
    gtk_string_list_append (statuses, affari_quote_status_display ((AffariQuoteStatus) i));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  g_signal_connect (self->client_picker, "picked", G_CALLBACK (on_client_picked_cb), self);
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_quote_editor_new (AffariWorkspace *workspace,
                         AffariQuotes    *quotes)
{
  AffariQuoteEditor *self;

  g_return_val_if_fail (AFFARI_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (AFFARI_IS_QUOTES (quotes), NULL);

  self = g_object_new (AFFARI_TYPE_QUOTE_EDITOR, NULL);
  self->workspace = g_object_ref (workspace);
  self->quotes = g_object_ref (quotes);
  self->catalogue = affari_workspace_list_products (workspace, NULL);
  affari_deal_card_client_picker_set_workspace (self->client_picker, workspace);
  return GTK_WIDGET (self);
}

gboolean
affari_quote_editor_load (AffariQuoteEditor  *self,
                          gint64              id,
                          GError            **error)
{
  g_autoptr(AffariQuote) quote = NULL;
  g_autoptr(GArray) rows = NULL;

  g_return_val_if_fail (AFFARI_IS_QUOTE_EDITOR (self), FALSE);

  if (id > 0)
    {
      quote = affari_quotes_get (self->quotes, id, error);
      rows = quote != NULL ? affari_quotes_rows (self->quotes, id, error) : NULL;
      if (rows == NULL)
        return FALSE;
    }
  else
    {
      quote = affari_quote_new ();
      affari_quote_set_text (&quote->currency, NULL);
      quote->currency = affari_workspace_dup_base_currency (self->workspace);
    }
  g_set_object (&self->quote, quote);
  fill (self, rows);
  return TRUE;
}

gint64
affari_quote_editor_get_quote_id (AffariQuoteEditor *self)
{
  g_return_val_if_fail (AFFARI_IS_QUOTE_EDITOR (self), 0);
  return self->quote != NULL ? self->quote->id : 0;
}
