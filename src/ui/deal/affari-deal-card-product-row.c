/* affari-deal-card-product-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-card"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "model/affari-money.h"

#include "ui/deal/affari-deal-card-product-row.h"
#include "ui/deal/affari-deal-card-util.h"
#include "ui/common/affari-ui.h"

#define MAX_SUGGESTIONS 50
#define COMPLETION_HIDE_DELAY_MS 300

struct _AffariDealCardProductRow
{
  AdwExpanderRow      parent_instance;

  char               *currency;
  GPtrArray          *catalogue;     /* AffariProduct, the page's */
  GArray             *vat_rates;     /* int, basis points, one per item of vat_row */
  gint64              product_id;
  gboolean            dirty;
  gboolean            loading;       /* fields set by the row, not typed */
  GtkPopover         *completion;    /* catalogue products matching the name, under it */
  GtkListBox         *completion_list;
  guint               completion_hide_source;
  guint               completion_show_source;
  GtkEditable        *select_pending; /* the number field focused last, selected once the click is done */
  GtkRoot            *root;           /* followed for its focus */
  guint               select_source;
  gboolean            narrow;         /* a phone's page: two lines, the sum in the second */
  AdwActionRow       *header;         /* the expander's own row, with the title and subtitle */
  char               *subtitle;       /* wide: quantity × price · discount · VAT */
  char               *subtitle_narrow; /* narrow: quantity × price = sum */

  /* template */
  GtkLabel           *total_label;
  AdwEntryRow        *name_row;
  AdwEntryRow        *quantity_row;
  AdwEntryRow        *unit_row;
  AdwEntryRow        *price_row;
  AdwEntryRow        *discount_row;
  GtkDropDown        *discount_type;
  AdwComboRow        *vat_row;
  GtkSwitch          *included_switch;
  AdwActionRow       *catalogue_row;
  AdwActionRow       *error_row;
};

G_DEFINE_FINAL_TYPE (AffariDealCardProductRow, affari_deal_card_product_row, ADW_TYPE_EXPANDER_ROW)

enum {
  APPLY,
  REMOVE,
  ADD_TO_CATALOGUE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const int standard_rates[] = { 2200, 1000, 500, 400, 0 };

/* ------------------------------------------------------------ auxiliary */

static gint64
gross_of (gint64 net,
          int    tax_bp)
{
  AffariProductRow row = { .price_netto = net, .quantity_milli = 1000, .discount_type = 2, .tax_rate_bp = tax_bp };

  affari_product_row_compute (&row);
  return row.price_brutto;
}

static void
clear_suggestions (AffariDealCardProductRow *self)
{
  GtkWidget *child;

  g_clear_handle_id (&self->completion_hide_source, g_source_remove);
  g_clear_handle_id (&self->completion_show_source, g_source_remove);
  if (self->completion == NULL)
    return;
  gtk_popover_popdown (self->completion);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->completion_list))) != NULL)
    gtk_list_box_remove (self->completion_list, child);
}

static void
apply (AffariDealCardProductRow *self)
{
  self->dirty = TRUE;
  g_signal_emit (self, signals[APPLY], 0);
}

static void
update_subtitle (AffariDealCardProductRow *self,
                 const AffariProductRow   *row)
{
  g_autofree char *quantity = affari_card_format_quantity (row->quantity_milli);
  g_autofree char *price = affari_money_format (row->tax_included ? row->price_brutto : row->price_netto, self->currency);
  g_autofree char *total = affari_money_format (row->row_total, self->currency);
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

  g_free (self->subtitle);
  self->subtitle = g_string_free (g_steal_pointer (&subtitle), FALSE);
  g_free (self->subtitle_narrow);
  /* Translators: a product row on a phone, e.g. "2 pz × € 100,00 = € 200,00" */
  self->subtitle_narrow = g_strdup_printf (_("%s %s × %s = %s"), quantity, row->unit ? row->unit : "", price, total);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), self->narrow ? self->subtitle_narrow : self->subtitle);
  gtk_label_set_text (self->total_label, total);
}

static void
pick_suggestion (AffariDealCardProductRow *self,
                 GtkListBoxRow            *suggestion)
{
  g_autoptr(AffariProduct) product = g_object_ref (g_object_get_data (G_OBJECT (suggestion), "product"));
  g_autofree char *price = NULL;
  int rate = affari_product_get_vat_rate (product);

  /* Catalogue prices are net; show them as the row's price mode wants them. */
  price = affari_money_format (gtk_switch_get_active (self->included_switch) ? gross_of (affari_product_get_price (product), rate)
                                                                              : affari_product_get_price (product), NULL);
  /* Not typing: the name set here must not turn the row back into free text. */
  self->loading = TRUE;
  affari_card_set_text (GTK_EDITABLE (self->name_row), affari_product_get_name (product));
  affari_card_set_text (GTK_EDITABLE (self->unit_row), affari_product_get_unit (product));
  affari_card_set_text (GTK_EDITABLE (self->price_row), price);
  for (guint i = 0; i < self->vat_rates->len; i++)
    if (g_array_index (self->vat_rates, int, i) == rate)
      adw_combo_row_set_selected (self->vat_row, i);
  self->loading = FALSE;
  self->product_id = affari_product_get_id (product);
  clear_suggestions (self);
  apply (self);
}

/* ------------------------------------------------------------ signal callbacks */

static void
on_suggestion_activated_cb (GtkListBox               *list,
                            GtkListBoxRow            *suggestion,
                            AffariDealCardProductRow *self)
{
  pick_suggestion (self, suggestion);
}

/* The keyboard stays in the name: arrows walk the suggestions, Enter picks, Esc closes them. */
static gboolean
on_name_key_pressed_cb (GtkEventControllerKey    *controller,
                        guint                     keyval,
                        guint                     keycode,
                        GdkModifierType           state,
                        AffariDealCardProductRow *self)
{
  GtkListBoxRow *selected;
  int n = 0, index;

  if (self->completion == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->completion)))
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->completion_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  if (n == 0)
    return FALSE;
  selected = gtk_list_box_get_selected_row (self->completion_list);
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
      pick_suggestion (self, selected);
      return TRUE;
    case GDK_KEY_Escape:
      clear_suggestions (self);
      return TRUE;
    default:
      return FALSE;
    }

  selected = gtk_list_box_get_row_at_index (self->completion_list, index);
  gtk_list_box_select_row (self->completion_list, selected);
  /* Long lists scroll to the chosen product. */
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  {
    GtkAdjustment *adjustment = gtk_list_box_get_adjustment (self->completion_list);
    graphene_rect_t bounds;

    if (adjustment != NULL && gtk_widget_compute_bounds (GTK_WIDGET (selected), GTK_WIDGET (self->completion_list), &bounds))
      gtk_adjustment_clamp_page (adjustment, bounds.origin.y, bounds.origin.y + bounds.size.height);
  }
  return TRUE;
}

static gboolean
on_completion_hide_timeout_cb (gpointer user_data)
{
  AffariDealCardProductRow *self = user_data;

  self->completion_hide_source = 0;
  clear_suggestions (self);
  return G_SOURCE_REMOVE;
}

static void
on_name_focus_left_cb (GtkEventControllerFocus  *controller,
                       AffariDealCardProductRow *self)
{
  /* A little later: a click on a suggestion takes the focus away first. */
  g_clear_handle_id (&self->completion_hide_source, g_source_remove);
  self->completion_hide_source = g_timeout_add (COMPLETION_HIDE_DELAY_MS, on_completion_hide_timeout_cb, self);
}

static gboolean
on_completion_show_idle_cb (gpointer user_data)
{
  AffariDealCardProductRow *self = user_data;

  self->completion_show_source = 0;
  if (gtk_widget_get_first_child (GTK_WIDGET (self->completion_list)) != NULL &&
      gtk_widget_get_mapped (GTK_WIDGET (self->name_row)))
    gtk_popover_popup (self->completion);
  return G_SOURCE_REMOVE;
}

static void
on_name_changed_cb (GtkEditable              *editable,
                    AffariDealCardProductRow *self)
{
  g_autofree char *text = affari_card_dup_text (editable);
  g_autofree char *folded = g_utf8_casefold (text, -1);
  guint shown = 0;

  if (self->loading || !affari_card_is_dirty (editable))
    return;

  /* Free text unless it is picked from the catalogue again. */
  self->product_id = 0;
  self->dirty = TRUE;
  clear_suggestions (self);
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
        gtk_list_box_append (self->completion_list, suggestion);
        shown++;
      }

  /* Shown once the row is laid out: the popover is placed against it. */
  if (shown > 0 && self->completion_show_source == 0)
    self->completion_show_source = g_idle_add (on_completion_show_idle_cb, self);
}

static void
on_field_changed_cb (GtkEditable              *editable,
                     AffariDealCardProductRow *self)
{
  if (!self->loading && affari_card_is_dirty (editable))
    self->dirty = TRUE;
}

static void
on_field_applied_cb (GtkWidget                *row,
                     AffariDealCardProductRow *self)
{
  apply (self);
}

static void
on_choice_changed_cb (GObject                  *object,
                      GParamSpec               *pspec,
                      AffariDealCardProductRow *self)
{
  if (!self->loading)
    apply (self);
}

static gboolean
on_select_idle_cb (gpointer user_data)
{
  AffariDealCardProductRow *self = user_data;

  self->select_source = 0;
  if (self->select_pending != NULL && gtk_widget_is_focus (GTK_WIDGET (self->select_pending)))
    gtk_editable_select_region (self->select_pending, 0, -1);
  return G_SOURCE_REMOVE;
}

/* A number is replaced, not appended to ("0,00" + "15" must not give "0,0015"): its text is
 * selected when the field takes the focus. Followed on the window's focus-widget, which changes
 * also when the window is not the active one. Selected in an idle: a click puts the cursor where
 * it landed after giving the focus, which would undo a selection made now. */
static void
on_root_focus_changed_cb (GtkRoot                  *root,
                          GParamSpec               *pspec,
                          AffariDealCardProductRow *self)
{
  GtkWidget *focus = gtk_root_get_focus (root);
  GtkWidget *numbers[] = { GTK_WIDGET (self->quantity_row), GTK_WIDGET (self->price_row), GTK_WIDGET (self->discount_row) };
  GtkEditable *entered = NULL;

  for (guint i = 0; focus != NULL && GTK_IS_EDITABLE (focus) && i < G_N_ELEMENTS (numbers); i++)
    if (focus == numbers[i] || gtk_widget_is_ancestor (focus, numbers[i]))
      entered = GTK_EDITABLE (focus);
  if (entered == self->select_pending)
    return;
  self->select_pending = entered;
  if (entered != NULL && self->select_source == 0)
    self->select_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_select_idle_cb, self, NULL);
}

static void
on_remove_clicked_cb (GtkButton                *button,
                      AffariDealCardProductRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
on_add_to_catalogue_clicked_cb (GtkButton                *button,
                                AffariDealCardProductRow *self)
{
  g_signal_emit (self, signals[ADD_TO_CATALOGUE], 0);
}

/* ------------------------------------------------------------ overrides */

static void
affari_deal_card_product_row_dispose (GObject *object)
{
  AffariDealCardProductRow *self = AFFARI_DEAL_CARD_PRODUCT_ROW (object);

  g_clear_handle_id (&self->select_source, g_source_remove);
  self->select_pending = NULL;
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->subtitle_narrow, g_free);
  /* The popover hangs from the name row: it must go before the row does. */
  clear_suggestions (self);
  if (self->completion != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->completion));
      self->completion = NULL;
      self->completion_list = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_DEAL_CARD_PRODUCT_ROW);

  g_clear_pointer (&self->vat_rates, g_array_unref);
  g_clear_pointer (&self->catalogue, g_ptr_array_unref);
  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (affari_deal_card_product_row_parent_class)->dispose (object);
}

static void
affari_deal_card_product_row_root (GtkWidget *widget)
{
  AffariDealCardProductRow *self = AFFARI_DEAL_CARD_PRODUCT_ROW (widget);

  GTK_WIDGET_CLASS (affari_deal_card_product_row_parent_class)->root (widget);
  self->root = gtk_widget_get_root (widget);
  g_signal_connect (self->root, "notify::focus-widget", G_CALLBACK (on_root_focus_changed_cb), self);
}

static void
affari_deal_card_product_row_unroot (GtkWidget *widget)
{
  AffariDealCardProductRow *self = AFFARI_DEAL_CARD_PRODUCT_ROW (widget);

  if (self->root != NULL)
    g_signal_handlers_disconnect_by_func (self->root, on_root_focus_changed_cb, self);
  self->root = NULL;
  g_clear_handle_id (&self->select_source, g_source_remove);
  self->select_pending = NULL;
  GTK_WIDGET_CLASS (affari_deal_card_product_row_parent_class)->unroot (widget);
}

static void
affari_deal_card_product_row_class_init (AffariDealCardProductRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_deal_card_product_row_dispose;
  widget_class->root = affari_deal_card_product_row_root;
  widget_class->unroot = affari_deal_card_product_row_unroot;

  signals[APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ADD_TO_CATALOGUE] = g_signal_new ("add-to-catalogue", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  affari_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-deal-card-product-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardProductRow, total_label);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardProductRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardProductRow, quantity_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardProductRow, unit_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardProductRow, price_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardProductRow, discount_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardProductRow, discount_type);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardProductRow, vat_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardProductRow, included_switch);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardProductRow, catalogue_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardProductRow, error_row);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_to_catalogue_clicked_cb);
}

/* A list of the catalogue products matching the name, in a popover under it (as an entry
 * completion): it never takes the keyboard from the name. Not in the template: it is parented
 * to the name row, not added to it. */
static void
add_completion (AffariDealCardProductRow *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->completion = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_autohide (self->completion, FALSE);
  gtk_popover_set_has_arrow (self->completion, FALSE);
  gtk_popover_set_position (self->completion, GTK_POS_BOTTOM);
  gtk_widget_set_halign (GTK_WIDGET (self->completion), GTK_ALIGN_START);
  gtk_widget_set_can_focus (GTK_WIDGET (self->completion), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->completion), "product-completion");

  self->completion_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->completion_list, GTK_SELECTION_SINGLE);
  gtk_list_box_set_activate_on_single_click (self->completion_list, TRUE);
  gtk_widget_set_can_focus (GTK_WIDGET (self->completion_list), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->completion_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Products in the Catalogue"), -1);
  g_signal_connect (self->completion_list, "row-activated", G_CALLBACK (on_suggestion_activated_cb), self);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_widget_set_size_request (scrolled, 320, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->completion_list));
  gtk_popover_set_child (self->completion, scrolled);
  gtk_widget_set_parent (GTK_WIDGET (self->completion), GTK_WIDGET (self->name_row));

  gtk_event_controller_set_name (keys, "product-completion-keys");
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_name_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->name_row), keys);
  g_signal_connect (focus, "leave", G_CALLBACK (on_name_focus_left_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->name_row), focus);
}

/* The expander's own row (libadwaita 1.2's template: the first action row inside, before the
 * fields): only it can keep the title and the subtitle to one line each. */
static AdwActionRow *
find_header (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      AdwActionRow *found;

      if (ADW_IS_ACTION_ROW (child))
        return ADW_ACTION_ROW (child);
      if ((found = find_header (child)) != NULL)
        return found;
    }
  return NULL;
}

static void
affari_deal_card_product_row_init (AffariDealCardProductRow *self)
{
  g_autoptr(GtkStringList) rates = gtk_string_list_new (NULL);
  AdwEntryRow *entries[5];

  gtk_widget_init_template (GTK_WIDGET (self));

  entries[0] = self->name_row;
  entries[1] = self->quantity_row;
  entries[2] = self->unit_row;
  entries[3] = self->price_row;
  entries[4] = self->discount_row;
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    affari_card_track_edits (GTK_EDITABLE (entries[i]));
  add_completion (self);
  self->header = find_header (GTK_WIDGET (self));

  self->vat_rates = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < G_N_ELEMENTS (standard_rates); i++)
    {
      g_autofree char *label = affari_card_format_percent (standard_rates[i]);
      g_autofree char *item = g_strdup_printf ("%s %%", label);

      gtk_string_list_append (rates, item);
      g_array_append_val (self->vat_rates, standard_rates[i]);
    }
  adw_combo_row_set_model (self->vat_row, G_LIST_MODEL (rates));

  /* After the models are in place: choosing is applying. */
  g_signal_connect (self->discount_type, "notify::selected", G_CALLBACK (on_choice_changed_cb), self);
  g_signal_connect (self->vat_row, "notify::selected", G_CALLBACK (on_choice_changed_cb), self);
  g_signal_connect (self->included_switch, "notify::active", G_CALLBACK (on_choice_changed_cb), self);
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_deal_card_product_row_new (const char *currency,
                                  GPtrArray  *catalogue)
{
  AffariDealCardProductRow *self = g_object_new (AFFARI_TYPE_DEAL_CARD_PRODUCT_ROW, NULL);
  g_autofree char *symbol = g_strdup (affari_currency_symbol (currency));
  const char *discount_types[] = { "%", symbol, NULL };
  g_autoptr(GtkStringList) types = gtk_string_list_new (discount_types);

  self->currency = g_strdup (currency);
  self->catalogue = catalogue != NULL ? g_ptr_array_ref (catalogue) : NULL;
  self->loading = TRUE;
  gtk_drop_down_set_model (self->discount_type, G_LIST_MODEL (types));
  self->loading = FALSE;
  return GTK_WIDGET (self);
}

void
affari_deal_card_product_row_fill (AffariDealCardProductRow *self,
                                   const AffariProductRow   *row)
{
  g_autofree char *quantity = NULL;
  g_autofree char *price = NULL;
  g_autofree char *discount = NULL;
  guint vat_index = G_MAXUINT;

  g_return_if_fail (AFFARI_IS_DEAL_CARD_PRODUCT_ROW (self));

  quantity = affari_card_format_quantity (row->quantity_milli);
  price = affari_money_format (row->tax_included ? row->price_brutto : row->price_netto, NULL);
  if (row->discount_type == 2)
    discount = row->discount_rate_bp != 0 ? affari_card_format_percent (row->discount_rate_bp) : g_strdup ("");
  else
    /* No discount is an empty field, as in percent: "0,00" would be typed after, not over. */
    discount = row->discount_sum != 0 ? affari_money_format (row->tax_included ? gross_of (row->discount_sum, row->tax_rate_bp)
                                                                               : row->discount_sum, NULL)
                                      : g_strdup ("");

  self->loading = TRUE;
  self->product_id = row->product_id;
  affari_card_set_text (GTK_EDITABLE (self->name_row), row->name);
  affari_card_set_text (GTK_EDITABLE (self->quantity_row), quantity);
  affari_card_set_text (GTK_EDITABLE (self->unit_row), row->unit);
  affari_card_set_text (GTK_EDITABLE (self->price_row), price);
  affari_card_set_text (GTK_EDITABLE (self->discount_row), discount);
  gtk_drop_down_set_selected (self->discount_type, row->discount_type == 1 ? 1 : 0);
  gtk_switch_set_active (self->included_switch, row->tax_included);

  for (guint i = 0; i < self->vat_rates->len; i++)
    if (g_array_index (self->vat_rates, int, i) == MAX (row->tax_rate_bp, 0))
      vat_index = i;
  if (vat_index == G_MAXUINT)
    {
      /* An imported rate that is not one of Italy's: keep it selectable. */
      g_autofree char *label = affari_card_format_percent (MAX (row->tax_rate_bp, 0));
      g_autofree char *item = g_strdup_printf ("%s %%", label);
      int bp = MAX (row->tax_rate_bp, 0);

      gtk_string_list_append (GTK_STRING_LIST (adw_combo_row_get_model (self->vat_row)), item);
      g_array_append_val (self->vat_rates, bp);
      vat_index = self->vat_rates->len - 1;
    }
  adw_combo_row_set_selected (self->vat_row, vat_index);
  self->loading = FALSE;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), row->name);
  update_subtitle (self, row);
  gtk_widget_set_visible (GTK_WIDGET (self->catalogue_row), row->product_id == 0 && row->name != NULL);
  self->dirty = FALSE;
}

gboolean
affari_deal_card_product_row_read (AffariDealCardProductRow *self,
                                   AffariProductRow         *row,
                                   GError                  **error)
{
  g_autofree char *name = affari_card_dup_text (GTK_EDITABLE (self->name_row));
  g_autofree char *quantity = affari_card_dup_text (GTK_EDITABLE (self->quantity_row));
  g_autofree char *unit = affari_card_dup_text (GTK_EDITABLE (self->unit_row));
  g_autofree char *price = affari_card_dup_text (GTK_EDITABLE (self->price_row));
  g_autofree char *discount = affari_card_dup_text (GTK_EDITABLE (self->discount_row));
  guint vat_index = adw_combo_row_get_selected (self->vat_row);
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

  row->tax_rate_bp = vat_index < self->vat_rates->len ? g_array_index (self->vat_rates, int, vat_index) : 2200;
  row->tax_included = gtk_switch_get_active (self->included_switch);
  row->discount_type = gtk_drop_down_get_selected (self->discount_type) == 1 ? 1 : 2;
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

  /* With VAT included the user typed gross prices; the workspace keeps net ones. */
  row->price_netto = row->tax_included ? affari_product_row_netto_for_gross (price_minor, row->tax_rate_bp) : price_minor;
  if (row->discount_type == 1)
    row->discount_sum = row->tax_included ? affari_product_row_netto_for_gross (discount_minor, row->tax_rate_bp) : discount_minor;

  row->product_id = self->product_id;
  row->name = g_steal_pointer (&name);
  row->unit = g_strdup (*unit != '\0' ? unit : "pz");
  affari_product_row_compute (row);
  return TRUE;
}

gboolean
affari_deal_card_product_row_get_dirty (AffariDealCardProductRow *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_PRODUCT_ROW (self), FALSE);

  return self->dirty;
}

void
affari_deal_card_product_row_set_dirty (AffariDealCardProductRow *self,
                                        gboolean                  dirty)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_PRODUCT_ROW (self));

  self->dirty = dirty;
}

void
affari_deal_card_product_row_show_error (AffariDealCardProductRow *self,
                                         const char               *message)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_PRODUCT_ROW (self));

  affari_card_set_field_error (GTK_WIDGET (self), self->error_row, message);
  /* The message is inside the row: folded, the red row still says why. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), message);
}

void
affari_deal_card_product_row_set_product_id (AffariDealCardProductRow *self,
                                             gint64                    product_id)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_PRODUCT_ROW (self));

  self->product_id = product_id;
  self->dirty = TRUE;
}

void
affari_deal_card_product_row_focus_name (AffariDealCardProductRow *self)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_PRODUCT_ROW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

void
affari_deal_card_product_row_set_narrow (AffariDealCardProductRow *self,
                                         gboolean                  narrow)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_PRODUCT_ROW (self));

  narrow = !!narrow;
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;
  /* The name on one line, "quantity × price = sum" on the second: the sum is there, not beside. */
  if (self->header != NULL)
    {
      adw_action_row_set_title_lines (self->header, narrow ? 1 : 0);
      adw_action_row_set_subtitle_lines (self->header, narrow ? 1 : 0);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->total_label), !narrow);
  if (self->subtitle != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), narrow ? self->subtitle_narrow : self->subtitle);
  if (narrow)
    gtk_widget_add_css_class (GTK_WIDGET (self), "narrow");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "narrow");
}

gboolean
affari_deal_card_product_row_add_to_catalogue (AffariDealCardProductRow *self,
                                               AffariWorkspace          *workspace,
                                               GPtrArray                *catalogue,
                                               const char               *currency)
{
  AffariProductRow fields = { 0 };
  g_autoptr(AffariProduct) product = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_PRODUCT_ROW (self), FALSE);

  if (!affari_deal_card_product_row_read (self, &fields, &error))
    {
      affari_deal_card_product_row_show_error (self, error->message);
      return FALSE;
    }
  product = affari_product_new (fields.name, fields.price_netto, currency);
  g_object_set (product, "unit", fields.unit, "vat-rate", MAX (fields.tax_rate_bp, 0),
                "vat-included", fields.tax_included, NULL);
  affari_product_row_clear (&fields);
  if (affari_workspace_create_product (workspace, product, &error) == 0)
    {
      affari_deal_card_product_row_show_error (self, error->message);
      return FALSE;
    }
  if (catalogue != NULL)
    g_ptr_array_add (catalogue, g_object_ref (product));
  affari_deal_card_product_row_set_product_id (self, affari_product_get_id (product));
  return TRUE;
}

gboolean
affari_deal_card_product_rows_read (GPtrArray *widgets,
                                    GArray    *rows,
                                    gboolean   report)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < widgets->len; i++)
    {
      AffariDealCardProductRow *widget = g_ptr_array_index (widgets, i);
      AffariProductRow row;
      g_autoptr(GError) row_error = NULL;

      if (!affari_deal_card_product_row_read (widget, &row, &row_error))
        {
          /* The typed text stays; the row says what is wrong and nothing is saved. */
          if (report)
            {
              affari_deal_card_product_row_show_error (widget, row_error->message);
              adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget), TRUE);
            }
          ok = FALSE;
          continue;
        }
      if (report)
        affari_deal_card_product_row_show_error (widget, NULL);
      g_array_append_val (rows, row);
    }
  return ok || !report;
}
