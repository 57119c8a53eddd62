/* affari-deal-card-products.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-card"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "model/affari-change-set.h"
#include "model/affari-money.h"

#include "ui/deal/affari-deal-card-util.h"
#include "ui/deal/affari-deal-card-products.h"

#define MAX_SUGGESTIONS 50
#define COMPLETION_HIDE_DELAY_MS 300

typedef struct _RowEditor RowEditor;

struct _AffariDealCardProducts
{
  AdwBin               parent_instance;

  AffariStore         *store;
  AffariDealOps       *ops;
  AffariDeal          *deal;
  GPtrArray           *editors;      /* RowEditor */
  GPtrArray           *catalogue;    /* AffariProduct */
  gboolean             loading;

  AdwPreferencesPage  *page;
  AdwPreferencesGroup *rows_group;
  AdwStatusPage       *empty_row;
  AdwPreferencesGroup *totals_group;
  AdwActionRow        *net_row;
  AdwActionRow        *tax_row;
  AdwActionRow        *total_row;
  AdwActionRow        *auto_row;
  GtkSwitch           *auto_switch;
  GtkLabel            *error_label;
};

struct _RowEditor
{
  AffariDealCardProducts *page;
  gint64          product_id;
  gboolean        dirty;
  AdwExpanderRow *expander;
  GtkLabel       *total_label;
  AdwEntryRow    *name_row;
  GtkPopover     *completion;    /* catalogue products matching the name, under it */
  GtkListBox     *completion_list;
  guint           completion_hide_source;
  guint           completion_show_source;
  GtkEventController *completion_keys;
  GtkEventController *completion_focus;
  AdwEntryRow    *quantity_row;
  AdwEntryRow    *unit_row;
  AdwEntryRow    *price_row;
  AdwEntryRow    *discount_row;
  GtkDropDown    *discount_type;
  AdwComboRow    *vat_row;
  GArray         *vat_rates;     /* int, basis points, one per item of vat_row */
  GtkSwitch      *included_switch;
  AdwActionRow   *catalogue_row;
  AdwActionRow   *error_row;
};

G_DEFINE_FINAL_TYPE (AffariDealCardProducts, affari_deal_card_products, ADW_TYPE_BIN)

static const int standard_rates[] = { 2200, 1000, 500, 400, 0 };

static void save_rows (AffariDealCardProducts *self);

/* ------------------------------------------------------------ auxiliary */

static const char *
currency (AffariDealCardProducts *self)
{
  return self->deal != NULL && affari_deal_get_currency (self->deal) != NULL ? affari_deal_get_currency (self->deal) : "EUR";
}

static gint64
gross_of (gint64 net,
          int    tax_bp)
{
  AffariProductRow row = { .price_netto = net, .quantity_milli = 1000, .discount_type = 2, .tax_rate_bp = tax_bp };

  affari_product_row_compute (&row);
  return row.price_brutto;
}

static void
editor_free (gpointer data)
{
  RowEditor *editor = data;

  g_clear_handle_id (&editor->completion_hide_source, g_source_remove);
  g_clear_handle_id (&editor->completion_show_source, g_source_remove);
  g_clear_pointer (&editor->vat_rates, g_array_unref);
  g_free (editor);
}

static void
clear_suggestions (RowEditor *editor)
{
  GtkWidget *child;

  g_clear_handle_id (&editor->completion_hide_source, g_source_remove);
  g_clear_handle_id (&editor->completion_show_source, g_source_remove);
  if (editor->completion == NULL)
    return;
  gtk_popover_popdown (editor->completion);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (editor->completion_list))) != NULL)
    gtk_list_box_remove (editor->completion_list, child);
}

/* The popover hangs from the name row: it must go before the row does. */
static void
editor_detach (RowEditor *editor)
{
  clear_suggestions (editor);
  /* The row may outlive the editor (focus leaves it while it is destroyed). */
  if (editor->completion_keys != NULL)
    gtk_widget_remove_controller (GTK_WIDGET (editor->name_row), g_steal_pointer (&editor->completion_keys));
  if (editor->completion_focus != NULL)
    gtk_widget_remove_controller (GTK_WIDGET (editor->name_row), g_steal_pointer (&editor->completion_focus));
  if (editor->completion != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (editor->completion));
      editor->completion = NULL;
      editor->completion_list = NULL;
    }
}

static void
update_subtitle (RowEditor              *editor,
                 const AffariProductRow *row)
{
  g_autofree char *quantity = affari_card_format_quantity (row->quantity_milli);
  g_autofree char *price = affari_money_format (row->tax_included ? row->price_brutto : row->price_netto,
                                                currency (editor->page));
  g_autofree char *total = affari_money_format (row->row_total, currency (editor->page));
  g_autofree char *vat = affari_card_format_percent (MAX (row->tax_rate_bp, 0));
  g_autoptr(GString) subtitle = g_string_new (NULL);

  /* Translators: a product row, e.g. "2 pz × € 100,00" */
  g_string_append_printf (subtitle, _("%s %s × %s"), quantity, row->unit ? row->unit : "", price);
  if (row->discount_sum != 0)
    {
      g_autofree char *discount = affari_card_format_percent (row->discount_rate_bp);
      /* Translators: the discount of a product row */
      g_string_append_printf (subtitle, _(" · discount %s %%"), discount);
    }
  if (row->tax_rate_bp >= 0)
    g_string_append_printf (subtitle, row->tax_included ? _(" · VAT %s %% included") : _(" · VAT %s %%"), vat);

  adw_expander_row_set_subtitle (editor->expander, subtitle->str);
  gtk_label_set_text (editor->total_label, total);
}

/* Reads the editor into @row; FALSE with the reason in @error when a field is wrong. */
static gboolean
editor_to_row (RowEditor        *editor,
               AffariProductRow *row,
               GError          **error)
{
  g_autofree char *name = affari_card_dup_text (GTK_EDITABLE (editor->name_row));
  g_autofree char *quantity = affari_card_dup_text (GTK_EDITABLE (editor->quantity_row));
  g_autofree char *unit = affari_card_dup_text (GTK_EDITABLE (editor->unit_row));
  g_autofree char *price = affari_card_dup_text (GTK_EDITABLE (editor->price_row));
  g_autofree char *discount = affari_card_dup_text (GTK_EDITABLE (editor->discount_row));
  guint vat_index = adw_combo_row_get_selected (editor->vat_row);
  gint64 price_minor = 0, discount_minor = 0;
  int discount_bp = 0;

  memset (row, 0, sizeof *row);
  if (*name == '\0')
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("Write the name of the product"));
      return FALSE;
    }
  if (!affari_card_parse_quantity (quantity, &row->quantity_milli, error))
    return FALSE;
  if (*price != '\0' && !affari_money_parse (price, &price_minor, error))
    return FALSE;
  if (price_minor < 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("The price cannot be negative"));
      return FALSE;
    }

  row->tax_rate_bp = vat_index < editor->vat_rates->len ? g_array_index (editor->vat_rates, int, vat_index) : 2200;
  row->tax_included = gtk_switch_get_active (editor->included_switch);
  row->discount_type = gtk_drop_down_get_selected (editor->discount_type) == 1 ? 1 : 2;
  if (row->discount_type == 2)
    {
      if (!affari_card_parse_percent (discount, &discount_bp, error))
        return FALSE;
      row->discount_rate_bp = discount_bp;
    }
  else if (*discount != '\0')
    {
      if (!affari_money_parse (discount, &discount_minor, error))
        return FALSE;
      if (discount_minor < 0 || discount_minor > price_minor)
        {
          g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                               _("The discount must be between zero and the price"));
          return FALSE;
        }
    }

  /* With VAT included the user typed gross prices; the store keeps net ones. */
  row->price_netto = row->tax_included ? affari_product_row_netto_for_gross (price_minor, row->tax_rate_bp) : price_minor;
  if (row->discount_type == 1)
    row->discount_sum = row->tax_included ? affari_product_row_netto_for_gross (discount_minor, row->tax_rate_bp) : discount_minor;

  row->product_id = editor->product_id;
  row->name = g_steal_pointer (&name);
  row->unit = g_strdup (*unit != '\0' ? unit : "pz");
  affari_product_row_compute (row);
  return TRUE;
}

static void
editor_fill (RowEditor              *editor,
             const AffariProductRow *row)
{
  g_autofree char *quantity = affari_card_format_quantity (row->quantity_milli);
  g_autofree char *price = affari_money_format (row->tax_included ? row->price_brutto : row->price_netto, NULL);
  g_autofree char *discount = NULL;
  guint vat_index = G_MAXUINT;

  if (row->discount_type == 2)
    discount = row->discount_rate_bp != 0 ? affari_card_format_percent (row->discount_rate_bp) : g_strdup ("");
  else
    discount = affari_money_format (row->tax_included ? gross_of (row->discount_sum, row->tax_rate_bp) : row->discount_sum, NULL);

  editor->product_id = row->product_id;
  affari_card_set_text (GTK_EDITABLE (editor->name_row), row->name);
  affari_card_set_text (GTK_EDITABLE (editor->quantity_row), quantity);
  affari_card_set_text (GTK_EDITABLE (editor->unit_row), row->unit);
  affari_card_set_text (GTK_EDITABLE (editor->price_row), price);
  affari_card_set_text (GTK_EDITABLE (editor->discount_row), discount);
  gtk_drop_down_set_selected (editor->discount_type, row->discount_type == 1 ? 1 : 0);
  gtk_switch_set_active (editor->included_switch, row->tax_included);

  for (guint i = 0; i < editor->vat_rates->len; i++)
    if (g_array_index (editor->vat_rates, int, i) == MAX (row->tax_rate_bp, 0))
      vat_index = i;
  if (vat_index == G_MAXUINT)
    {
      /* An imported rate that is not one of Italy's: keep it selectable. */
      g_autofree char *label = affari_card_format_percent (MAX (row->tax_rate_bp, 0));
      g_autofree char *item = g_strdup_printf ("%s %%", label);
      int bp = MAX (row->tax_rate_bp, 0);

      gtk_string_list_append (GTK_STRING_LIST (adw_combo_row_get_model (editor->vat_row)), item);
      g_array_append_val (editor->vat_rates, bp);
      vat_index = editor->vat_rates->len - 1;
    }
  adw_combo_row_set_selected (editor->vat_row, vat_index);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->expander), row->name);
  update_subtitle (editor, row);
  gtk_widget_set_visible (GTK_WIDGET (editor->catalogue_row), row->product_id == 0 && row->name != NULL);
  editor->dirty = FALSE;
}

/* ------------------------------------------------------------ callbacks */

static void
pick_suggestion (RowEditor     *editor,
                 GtkListBoxRow *suggestion)
{
  g_autoptr(AffariProduct) product = g_object_ref (g_object_get_data (G_OBJECT (suggestion), "product"));
  g_autofree char *price = NULL;
  int rate = affari_product_get_vat_rate (product);

  /* Catalogue prices are net; show them as the row's price mode wants them. */
  price = affari_money_format (gtk_switch_get_active (editor->included_switch) ? gross_of (affari_product_get_price (product), rate)
                                                                                : affari_product_get_price (product), NULL);
  /* Not typing: the name set here must not turn the row back into free text. */
  editor->page->loading = TRUE;
  affari_card_set_text (GTK_EDITABLE (editor->name_row), affari_product_get_name (product));
  affari_card_set_text (GTK_EDITABLE (editor->unit_row), affari_product_get_unit (product));
  affari_card_set_text (GTK_EDITABLE (editor->price_row), price);
  for (guint i = 0; i < editor->vat_rates->len; i++)
    if (g_array_index (editor->vat_rates, int, i) == rate)
      adw_combo_row_set_selected (editor->vat_row, i);
  editor->page->loading = FALSE;
  editor->product_id = affari_product_get_id (product);
  editor->dirty = TRUE;
  clear_suggestions (editor);
  save_rows (editor->page);
}

static void
on_suggestion_activated_cb (GtkListBox    *list,
                            GtkListBoxRow *suggestion,
                            RowEditor     *editor)
{
  pick_suggestion (editor, suggestion);
}

/* The keyboard stays in the name: arrows walk the suggestions, Enter picks, Esc closes them. */
static gboolean
on_name_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        RowEditor             *editor)
{
  GtkListBoxRow *selected;
  int n = 0, index;

  if (editor->completion == NULL || !gtk_widget_get_visible (GTK_WIDGET (editor->completion)))
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (editor->completion_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  if (n == 0)
    return FALSE;
  selected = gtk_list_box_get_selected_row (editor->completion_list);
  index = selected != NULL ? gtk_list_box_row_get_index (selected) : -1;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      index = (index + 1) % n;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      index = index <= 0 ? n - 1 : index - 1;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (selected == NULL)
        return FALSE;
      pick_suggestion (editor, selected);
      return TRUE;
    case GDK_KEY_Escape:
      clear_suggestions (editor);
      return TRUE;
    default:
      return FALSE;
    }

  selected = gtk_list_box_get_row_at_index (editor->completion_list, index);
  gtk_list_box_select_row (editor->completion_list, selected);
  /* Long lists scroll to the chosen product. */
  gtk_widget_grab_focus (GTK_WIDGET (editor->name_row));
  {
    GtkAdjustment *adjustment = gtk_list_box_get_adjustment (editor->completion_list);
    graphene_rect_t bounds;

    if (adjustment != NULL && gtk_widget_compute_bounds (GTK_WIDGET (selected), GTK_WIDGET (editor->completion_list), &bounds))
      gtk_adjustment_clamp_page (adjustment, bounds.origin.y, bounds.origin.y + bounds.size.height);
  }
  return TRUE;
}

static gboolean
on_completion_hide_timeout_cb (gpointer user_data)
{
  RowEditor *editor = user_data;

  editor->completion_hide_source = 0;
  clear_suggestions (editor);
  return G_SOURCE_REMOVE;
}

static void
on_name_focus_left_cb (GtkEventControllerFocus *controller,
                       RowEditor               *editor)
{
  /* A little later: a click on a suggestion takes the focus away first. */
  g_clear_handle_id (&editor->completion_hide_source, g_source_remove);
  editor->completion_hide_source = g_timeout_add (COMPLETION_HIDE_DELAY_MS, on_completion_hide_timeout_cb, editor);
}

static gboolean
on_completion_show_idle_cb (gpointer user_data)
{
  RowEditor *editor = user_data;

  editor->completion_show_source = 0;
  if (editor->completion != NULL && gtk_widget_get_first_child (GTK_WIDGET (editor->completion_list)) != NULL &&
      gtk_widget_get_mapped (GTK_WIDGET (editor->name_row)))
    gtk_popover_popup (editor->completion);
  return G_SOURCE_REMOVE;
}

static void
on_name_changed_cb (GtkEditable *editable,
                    RowEditor   *editor)
{
  AffariDealCardProducts *self = editor->page;
  g_autofree char *text = affari_card_dup_text (editable);
  g_autofree char *folded = g_utf8_casefold (text, -1);
  guint shown = 0;

  if (self->loading || !affari_card_is_dirty (editable))
    return;

  /* Free text unless it is picked from the catalogue again. */
  editor->product_id = 0;
  editor->dirty = TRUE;
  clear_suggestions (editor);
  if (*text == '\0' || self->catalogue == NULL)
    return;

  /* Names that start with the text first, then those that contain it. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->catalogue->len && shown < MAX_SUGGESTIONS; i++)
      {
        AffariProduct *product = g_ptr_array_index (self->catalogue, i);
        g_autofree char *name = g_utf8_casefold (affari_product_get_name (product), -1);
        g_autofree char *price = NULL;
        const char *found = strstr (name, folded);
        GtkWidget *suggestion;

        if (found == NULL || (pass == 0) != (found == name))
          continue;
        price = affari_money_format (affari_product_get_price (product), affari_product_get_currency (product));
        suggestion = adw_action_row_new ();
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (suggestion), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (suggestion), affari_product_get_name (product));
        adw_action_row_set_subtitle (ADW_ACTION_ROW (suggestion), price);
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (suggestion), TRUE);
        gtk_widget_set_focusable (suggestion, FALSE);
        gtk_widget_add_css_class (suggestion, "suggestion");
        g_object_set_data_full (G_OBJECT (suggestion), "product", g_object_ref (product), g_object_unref);
        gtk_list_box_append (editor->completion_list, suggestion);
        shown++;
      }

  /* Shown once the row is laid out: the popover is placed against it. */
  if (shown > 0 && editor->completion_show_source == 0)
    editor->completion_show_source = g_idle_add (on_completion_show_idle_cb, editor);
}

static void
on_field_changed_cb (GtkEditable *editable,
                     RowEditor   *editor)
{
  if (!editor->page->loading && affari_card_is_dirty (editable))
    editor->dirty = TRUE;
}

static void
on_field_applied_cb (GtkWidget *row,
                     RowEditor *editor)
{
  editor->dirty = TRUE;
  save_rows (editor->page);
}

static void
on_choice_changed_cb (GObject    *object,
                      GParamSpec *pspec,
                      RowEditor  *editor)
{
  if (editor->page->loading)
    return;
  editor->dirty = TRUE;
  save_rows (editor->page);
}

static void
on_remove_clicked_cb (GtkButton *button,
                      RowEditor *editor)
{
  AffariDealCardProducts *self = editor->page;

  editor_detach (editor);
  adw_preferences_group_remove (self->rows_group, GTK_WIDGET (editor->expander));
  g_ptr_array_remove (self->editors, editor);
  save_rows (self);
}

static void
on_add_to_catalogue_clicked_cb (GtkButton *button,
                                RowEditor *editor)
{
  AffariDealCardProducts *self = editor->page;
  AffariProductRow row = { 0 };
  g_autoptr(AffariProduct) product = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!editor_to_row (editor, &row, &error))
    {
      affari_card_set_field_error (GTK_WIDGET (editor->expander), editor->error_row, error->message);
      return;
    }
  product = affari_product_new (row.name, row.price_netto, currency (self));
  g_object_set (product, "unit", row.unit, "vat-rate", MAX (row.tax_rate_bp, 0), "vat-included", row.tax_included, NULL);
  affari_product_row_clear (&row);
  id = affari_store_create_product (self->store, product, &error);
  if (id == 0)
    {
      affari_card_set_field_error (GTK_WIDGET (editor->expander), editor->error_row, error->message);
      return;
    }
  g_ptr_array_add (self->catalogue, g_object_ref (product));
  editor->product_id = affari_product_get_id (product);
  editor->dirty = TRUE;
  save_rows (self);
}

/* ------------------------------------------------------------ building */

static AdwEntryRow *
add_entry (RowEditor  *editor,
           const char *title,
           GCallback   changed_cb)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  affari_card_track_edits (GTK_EDITABLE (row));
  g_signal_connect (row, "changed", changed_cb, editor);
  g_signal_connect (row, "apply", G_CALLBACK (on_field_applied_cb), editor);
  g_signal_connect (row, "entry-activated", G_CALLBACK (on_field_applied_cb), editor);
  adw_expander_row_add_row (editor->expander, row);
  return ADW_ENTRY_ROW (row);
}

/* A list of the catalogue products matching the name, in a popover under it (as an entry
 * completion): it never takes the keyboard from the name. */
static void
add_completion (RowEditor *editor)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  editor->completion = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_autohide (editor->completion, FALSE);
  gtk_popover_set_has_arrow (editor->completion, FALSE);
  gtk_popover_set_position (editor->completion, GTK_POS_BOTTOM);
  gtk_widget_set_halign (GTK_WIDGET (editor->completion), GTK_ALIGN_START);
  gtk_widget_set_can_focus (GTK_WIDGET (editor->completion), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (editor->completion), "product-completion");

  editor->completion_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (editor->completion_list, GTK_SELECTION_SINGLE);
  gtk_list_box_set_activate_on_single_click (editor->completion_list, TRUE);
  gtk_widget_set_can_focus (GTK_WIDGET (editor->completion_list), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor->completion_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Products in the Catalogue"), -1);
  g_signal_connect (editor->completion_list, "row-activated", G_CALLBACK (on_suggestion_activated_cb), editor);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_widget_set_size_request (scrolled, 320, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (editor->completion_list));
  gtk_popover_set_child (editor->completion, scrolled);
  gtk_widget_set_parent (GTK_WIDGET (editor->completion), GTK_WIDGET (editor->name_row));

  gtk_event_controller_set_name (keys, "product-completion-keys");
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_name_key_pressed_cb), editor);
  gtk_widget_add_controller (GTK_WIDGET (editor->name_row), keys);
  g_signal_connect (focus, "leave", G_CALLBACK (on_name_focus_left_cb), editor);
  gtk_widget_add_controller (GTK_WIDGET (editor->name_row), focus);
  editor->completion_keys = keys;
  editor->completion_focus = focus;
}

static RowEditor *
add_editor (AffariDealCardProducts *self)
{
  RowEditor *editor = g_new0 (RowEditor, 1);
  g_autofree char *symbol = g_strdup (affari_currency_symbol (currency (self)));
  const char *discount_types[] = { "%", symbol, NULL };
  GtkStringList *rates = gtk_string_list_new (NULL);
  GtkWidget *remove_button, *included_row, *add_button;

  editor->page = self;
  editor->vat_rates = g_array_new (FALSE, FALSE, sizeof (int));

  editor->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (editor->expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->expander), _("New product"));
  gtk_widget_add_css_class (GTK_WIDGET (editor->expander), "product-row");
  editor->total_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (editor->total_label), "amount");
  gtk_widget_add_css_class (GTK_WIDGET (editor->total_label), "heading");
  adw_expander_row_add_action (editor->expander, GTK_WIDGET (editor->total_label));

  editor->name_row = add_entry (editor, _("Product"), G_CALLBACK (on_name_changed_cb));
  add_completion (editor);
  editor->quantity_row = add_entry (editor, _("Quantity"), G_CALLBACK (on_field_changed_cb));
  gtk_editable_set_text (GTK_EDITABLE (editor->quantity_row), "1");
  editor->unit_row = add_entry (editor, _("Unit"), G_CALLBACK (on_field_changed_cb));
  gtk_editable_set_text (GTK_EDITABLE (editor->unit_row), "pz");
  editor->price_row = add_entry (editor, _("Unit Price"), G_CALLBACK (on_field_changed_cb));
  editor->discount_row = add_entry (editor, _("Discount per Unit"), G_CALLBACK (on_field_changed_cb));
  editor->discount_type = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (discount_types));
  gtk_widget_set_valign (GTK_WIDGET (editor->discount_type), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (editor->discount_type), _("Discount in percent or as an amount per unit"));
  adw_entry_row_add_suffix (editor->discount_row, GTK_WIDGET (editor->discount_type));
  g_signal_connect (editor->discount_type, "notify::selected", G_CALLBACK (on_choice_changed_cb), editor);

  for (guint i = 0; i < G_N_ELEMENTS (standard_rates); i++)
    {
      g_autofree char *label = affari_card_format_percent (standard_rates[i]);
      g_autofree char *item = g_strdup_printf ("%s %%", label);

      gtk_string_list_append (rates, item);
      g_array_append_val (editor->vat_rates, standard_rates[i]);
    }
  editor->vat_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->vat_row), _("VAT"));
  adw_combo_row_set_model (editor->vat_row, G_LIST_MODEL (rates));
  g_object_unref (rates);
  g_signal_connect (editor->vat_row, "notify::selected", G_CALLBACK (on_choice_changed_cb), editor);
  adw_expander_row_add_row (editor->expander, GTK_WIDGET (editor->vat_row));

  included_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (included_row), _("Price Includes VAT"));
  editor->included_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (editor->included_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (included_row), GTK_WIDGET (editor->included_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (included_row), GTK_WIDGET (editor->included_switch));
  g_signal_connect (editor->included_switch, "notify::active", G_CALLBACK (on_choice_changed_cb), editor);
  adw_expander_row_add_row (editor->expander, included_row);

  editor->catalogue_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->catalogue_row), _("Not in the catalogue"));
  add_button = gtk_button_new_with_mnemonic (_("_Add to Catalogue"));
  gtk_widget_set_valign (add_button, GTK_ALIGN_CENTER);
  g_signal_connect (add_button, "clicked", G_CALLBACK (on_add_to_catalogue_clicked_cb), editor);
  adw_action_row_add_suffix (editor->catalogue_row, add_button);
  gtk_widget_set_visible (GTK_WIDGET (editor->catalogue_row), FALSE);
  adw_expander_row_add_row (editor->expander, GTK_WIDGET (editor->catalogue_row));

  editor->error_row = affari_card_error_row_new ();
  adw_expander_row_add_row (editor->expander, GTK_WIDGET (editor->error_row));

  remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove_button, "flat");
  gtk_widget_set_tooltip_text (remove_button, _("Remove the Product"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove the Product"), -1);
  g_signal_connect (remove_button, "clicked", G_CALLBACK (on_remove_clicked_cb), editor);
  adw_expander_row_add_action (editor->expander, remove_button);

  adw_preferences_group_add (self->rows_group, GTK_WIDGET (editor->expander));
  g_ptr_array_add (self->editors, editor);
  return editor;
}

static void
clear_editors (AffariDealCardProducts *self)
{
  for (guint i = 0; i < self->editors->len; i++)
    {
      RowEditor *editor = g_ptr_array_index (self->editors, i);

      editor_detach (editor);
      adw_preferences_group_remove (self->rows_group, GTK_WIDGET (editor->expander));
    }
  g_ptr_array_set_size (self->editors, 0);
}

static void
set_total (AdwActionRow *row,
           gint64        minor,
           const char   *code)
{
  g_autofree char *text = affari_money_format (minor, code);
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "value");

  gtk_label_set_text (GTK_LABEL (label), text);
}

static void
reload (AffariDealCardProducts *self)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) expanded = g_array_new (FALSE, FALSE, sizeof (gboolean));
  gint64 net = 0, tax = 0, total = 0;
  gboolean manual;

  for (guint i = 0; i < self->editors->len; i++)
    {
      RowEditor *editor = g_ptr_array_index (self->editors, i);
      gboolean open = adw_expander_row_get_expanded (editor->expander);

      g_array_append_val (expanded, open);
    }

  self->loading = TRUE;
  clear_editors (self);
  gtk_label_set_text (self->error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  if (self->deal != NULL && affari_deal_get_id (self->deal) != 0)
    rows = affari_store_list_product_rows (self->store, affari_deal_get_id (self->deal), &error);
  if (error != NULL)
    g_warning ("Cannot list the product rows: %s", error->message);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      AffariProductRow *row = &g_array_index (rows, AffariProductRow, i);
      RowEditor *editor = add_editor (self);

      editor_fill (editor, row);
      if (i < expanded->len && g_array_index (expanded, gboolean, i))
        adw_expander_row_set_expanded (editor->expander, TRUE);
    }

  if (rows != NULL)
    affari_product_rows_totals ((AffariProductRow *) rows->data, rows->len, &net, &tax, &total);
  set_total (self->net_row, net, currency (self));
  set_total (self->tax_row, tax, currency (self));
  set_total (self->total_row, total, currency (self));

  manual = self->deal != NULL && affari_deal_get_is_manual_amount (self->deal);
  gtk_switch_set_active (self->auto_switch, !manual);
  if (manual && rows != NULL && rows->len > 0)
    {
      g_autofree char *amount = affari_money_format (affari_deal_get_amount (self->deal), currency (self));
      g_autofree char *subtitle = g_strdup_printf (_("The deal amount, %s, was typed by hand"), amount);
      adw_action_row_set_subtitle (self->auto_row, subtitle);
    }
  else
    adw_action_row_set_subtitle (self->auto_row, _("The deal amount is the total of the products"));

  gtk_widget_set_visible (GTK_WIDGET (self->empty_row), self->editors->len == 0);
  self->loading = FALSE;
}

static void
save_rows (AffariDealCardProducts *self)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (AffariProductRow));
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  gboolean ok = TRUE;

  if (self->deal == NULL || affari_deal_get_id (self->deal) == 0)
    return;

  g_array_set_clear_func (rows, (GDestroyNotify) affari_product_row_clear);
  for (guint i = 0; i < self->editors->len; i++)
    {
      RowEditor *editor = g_ptr_array_index (self->editors, i);
      AffariProductRow row;
      g_autoptr(GError) row_error = NULL;

      if (!editor_to_row (editor, &row, &row_error))
        {
          /* The typed text stays; the row says what is wrong and nothing is saved. */
          affari_card_set_field_error (GTK_WIDGET (editor->expander), editor->error_row, row_error->message);
          adw_expander_row_set_expanded (editor->expander, TRUE);
          ok = FALSE;
          continue;
        }
      affari_card_set_field_error (GTK_WIDGET (editor->expander), editor->error_row, NULL);
      g_array_append_val (rows, row);
    }
  if (!ok)
    return;

  for (guint i = 0; i < self->editors->len; i++)
    ((RowEditor *) g_ptr_array_index (self->editors, i))->dirty = FALSE;

  set = affari_deal_ops_set_product_rows (self->ops, affari_deal_get_id (self->deal),
                                          (AffariProductRow *) rows->data, rows->len, &error);
  if (set == NULL)
    {
      for (guint i = 0; i < self->editors->len; i++)
        ((RowEditor *) g_ptr_array_index (self->editors, i))->dirty = TRUE;
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  /* The store's "changed" makes the card hand the new deal over, which reloads. */
}

/* ------------------------------------------------------------ actions */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AffariDealCardProducts *self = AFFARI_DEAL_CARD_PRODUCTS (widget);
  RowEditor *editor = add_editor (self);

  /* A new row is unsaved until it has a name. */
  editor->dirty = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->empty_row), FALSE);
  adw_expander_row_set_expanded (editor->expander, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (editor->name_row));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_rows (AFFARI_DEAL_CARD_PRODUCTS (widget));
}

static void
on_auto_switch_changed_cb (GtkSwitch              *sw,
                           GParamSpec             *pspec,
                           AffariDealCardProducts *self)
{
  g_autoptr(AffariDeal) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;

  if (self->loading || self->deal == NULL || affari_deal_get_id (self->deal) == 0)
    return;
  if (affari_deal_get_is_manual_amount (self->deal) == !gtk_switch_get_active (sw))
    return;
  copy = affari_deal_copy (self->deal);
  affari_deal_set_is_manual_amount (copy, !gtk_switch_get_active (sw));
  set = affari_deal_ops_update (self->ops, copy, &error);
  if (set == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

/* ------------------------------------------------------------ overrides */

static void
affari_deal_card_products_dispose (GObject *object)
{
  AffariDealCardProducts *self = AFFARI_DEAL_CARD_PRODUCTS (object);

  for (guint i = 0; self->editors != NULL && i < self->editors->len; i++)
    editor_detach (g_ptr_array_index (self->editors, i));
  g_clear_pointer (&self->editors, g_ptr_array_unref);
  g_clear_pointer (&self->catalogue, g_ptr_array_unref);
  g_clear_object (&self->deal);
  g_clear_object (&self->ops);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (affari_deal_card_products_parent_class)->dispose (object);
}

static void
affari_deal_card_products_class_init (AffariDealCardProductsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_deal_card_products_dispose;

  gtk_widget_class_install_action (widget_class, "products.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "products.save", NULL, save_action);
}

static AdwActionRow *
total_row_new (AdwPreferencesGroup *group,
               const char          *title,
               gboolean             strong)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value = gtk_label_new (NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (value, "amount");
  if (strong)
    gtk_widget_add_css_class (value, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  g_object_set_data (G_OBJECT (row), "value", value);
  adw_preferences_group_add (group, row);
  return ADW_ACTION_ROW (row);
}

static void
affari_deal_card_products_init (AffariDealCardProducts *self)
{
  GtkWidget *add_button;
  GtkWidget *error_group;

  self->editors = g_ptr_array_new_with_free_func (editor_free);

  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->page));

  self->rows_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->rows_group, _("Products"));
  add_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add_button), "products.add");
  gtk_widget_add_css_class (add_button, "flat");
  gtk_widget_set_tooltip_text (add_button, _("Add a Product"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a Product"), -1);
  adw_preferences_group_set_header_suffix (self->rows_group, add_button);
  adw_preferences_page_add (self->page, self->rows_group);

  self->empty_row = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty_row, "view-list-bullet-symbolic");
  adw_status_page_set_title (self->empty_row, _("No Products"));
  adw_status_page_set_description (self->empty_row, _("Add the products of the deal: its amount becomes their total."));
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_row), "compact");
  adw_preferences_group_add (self->rows_group, GTK_WIDGET (self->empty_row));

  self->totals_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->totals_group, _("Totals"));
  self->net_row = total_row_new (self->totals_group, _("Net"), FALSE);
  self->tax_row = total_row_new (self->totals_group, _("VAT"), FALSE);
  self->total_row = total_row_new (self->totals_group, _("Total"), TRUE);
  self->auto_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->auto_row), _("Amount from the Products"));
  self->auto_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->auto_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->auto_row, GTK_WIDGET (self->auto_switch));
  adw_action_row_set_activatable_widget (self->auto_row, GTK_WIDGET (self->auto_switch));
  g_signal_connect (self->auto_switch, "notify::active", G_CALLBACK (on_auto_switch_changed_cb), self);
  adw_preferences_group_add (self->totals_group, GTK_WIDGET (self->auto_row));
  adw_preferences_page_add (self->page, self->totals_group);

  error_group = adw_preferences_group_new ();
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (error_group), GTK_WIDGET (self->error_label));
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (error_group));
}

/* ------------------------------------------------------------ public API */

void
affari_deal_card_products_set_ops (AffariDealCardProducts *self,
                                   AffariDealOps          *ops)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_PRODUCTS (self));

  g_set_object (&self->ops, ops);
}

void
affari_deal_card_products_set_deal (AffariDealCardProducts *self,
                                    AffariStore            *store,
                                    AffariDeal             *deal)
{
  gboolean same_deal;

  g_return_if_fail (AFFARI_IS_DEAL_CARD_PRODUCTS (self));

  same_deal = self->deal != NULL && deal != NULL && affari_deal_get_id (self->deal) == affari_deal_get_id (deal);
  g_set_object (&self->store, store);
  g_set_object (&self->deal, deal);

  if (self->catalogue == NULL && store != NULL)
    {
      g_autoptr(GError) error = NULL;

      self->catalogue = affari_store_list_products (store, &error);
      if (self->catalogue == NULL)
        g_warning ("Cannot list the products: %s", error->message);
    }

  /* Never reload under rows the user is still typing into. */
  if (same_deal && affari_deal_card_products_has_unsaved (self))
    return;
  if (!same_deal)
    {
      self->loading = TRUE;
      clear_editors (self);
      self->loading = FALSE;
    }
  reload (self);
}

gboolean
affari_deal_card_products_has_unsaved (AffariDealCardProducts *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_PRODUCTS (self), FALSE);

  for (guint i = 0; i < self->editors->len; i++)
    if (((RowEditor *) g_ptr_array_index (self->editors, i))->dirty)
      return TRUE;
  return FALSE;
}

guint
affari_deal_card_products_get_n_rows (AffariDealCardProducts *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_PRODUCTS (self), 0);

  return self->editors->len;
}

void
affari_deal_card_products_discard (AffariDealCardProducts *self)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_PRODUCTS (self));

  self->loading = TRUE;
  clear_editors (self);
  self->loading = FALSE;
  reload (self);
}
