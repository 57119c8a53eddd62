/* affari-deal-card-products.c
 *
 * An existing deal's rows are written as they are applied (one change each, through the
 * operations); a new deal's rows are kept here until "Crea" writes them in the creation's
 * transaction (affari_deal_card_products_deal_created ()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-card"

#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-change-set.h"
#include "model/affari-money.h"

#include "ui/deal/affari-deal-card-dialogs.h"
#include "ui/deal/affari-deal-card-product-row.h"
#include "ui/deal/affari-deal-card-products.h"
#include "ui/common/affari-ui.h"
#include "ui/common/affari-narrow-layout.h"

struct _AffariDealCardProducts
{
  AdwBin               parent_instance;

  AffariWorkspace     *workspace;
  AffariDealOps       *ops;
  AffariDeal          *deal;
  GPtrArray           *rows;         /* AffariDealCardProductRow, in rows_group */
  GPtrArray           *catalogue;    /* AffariProduct, shared with the rows */
  gboolean             loading;
  guint                n_stored;       /* rows stored (kept, for a new deal) at the last save or load */
  gboolean             asked_amount;   /* whether the rows' total may replace a typed amount, in this opening */

  /* template */
  AdwPreferencesGroup *rows_group;
  GtkWidget           *empty_state;
  GtkLabel            *net_label;
  GtkLabel            *tax_label;
  GtkLabel            *total_label;
  AdwActionRow        *auto_row;
  GtkSwitch           *auto_switch;
  GtkLabel            *error_label;

  guint                reveal_tick;    /* keeps a new row in view while it unfolds */
  gint64               reveal_until;
  gint64               reveal_give_up;
  double               reveal_height;
  GtkWidget           *reveal_row;
};

G_DEFINE_FINAL_TYPE (AffariDealCardProducts, affari_deal_card_products, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void save_rows (AffariDealCardProducts *self);
static void stop_revealing (AffariDealCardProducts *self);

/* ------------------------------------------------------------ auxiliary */

static const char *
currency (AffariDealCardProducts *self)
{
  return self->deal != NULL && affari_deal_get_currency (self->deal) != NULL ? affari_deal_get_currency (self->deal) : "EUR";
}

static gboolean
is_new (AffariDealCardProducts *self)
{
  return self->deal != NULL && affari_deal_get_id (self->deal) == 0;
}

static GArray *
new_rows (void)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (AffariProductRow));

  g_array_set_clear_func (rows, (GDestroyNotify) affari_product_row_clear);
  return rows;
}

/* The rows as typed, into @rows (see affari_deal_card_product_rows_read ()). */
static gboolean
read_rows (AffariDealCardProducts *self,
           GArray                 *rows,
           gboolean                report)
{
  return affari_deal_card_product_rows_read (self->rows, rows, report);
}

static void
show_error (AffariDealCardProducts *self,
            const char             *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_row_apply_cb (AffariDealCardProductRow *row,
                 AffariDealCardProducts   *self)
{
  save_rows (self);
}

static void remove_row (AffariDealCardProducts *self, AffariDealCardProductRow *row);

static void
on_row_remove_cb (AffariDealCardProductRow *row,
                  AffariDealCardProducts   *self)
{
  remove_row (self, row);
  save_rows (self);
}

static void
on_row_add_to_catalogue_cb (AffariDealCardProductRow *row,
                            AffariDealCardProducts   *self)
{
  if (affari_deal_card_product_row_add_to_catalogue (row, self->workspace, self->catalogue, currency (self)))
    save_rows (self);
}

static AffariDealCardProductRow *
add_row (AffariDealCardProducts *self)
{
  GtkWidget *row = affari_deal_card_product_row_new (currency (self), self->catalogue);

  g_signal_connect (row, "apply", G_CALLBACK (on_row_apply_cb), self);
  g_signal_connect (row, "remove", G_CALLBACK (on_row_remove_cb), self);
  g_signal_connect (row, "add-to-catalogue", G_CALLBACK (on_row_add_to_catalogue_cb), self);
  adw_preferences_group_add (self->rows_group, row);
  g_ptr_array_add (self->rows, row);
  affari_deal_card_product_row_set_narrow (AFFARI_DEAL_CARD_PRODUCT_ROW (row),
                                           affari_narrow_layout_get_narrow (AFFARI_NARROW_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)))));
  gtk_widget_set_visible (self->empty_state, FALSE);
  return AFFARI_DEAL_CARD_PRODUCT_ROW (row);
}

static void
clear_rows (AffariDealCardProducts *self)
{
  stop_revealing (self);
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->rows_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
set_amount (GtkLabel   *label,
            gint64      minor,
            const char *code)
{
  g_autofree char *text = affari_money_format (minor, code);

  gtk_label_set_text (label, text);
}

static void
remove_row (AffariDealCardProducts   *self,
            AffariDealCardProductRow *row)
{
  if (self->reveal_row == GTK_WIDGET (row))
    stop_revealing (self);
  adw_preferences_group_remove (self->rows_group, GTK_WIDGET (row));
  g_ptr_array_remove (self->rows, row);
}

static void
reload (AffariDealCardProducts *self)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 net = 0, tax = 0, total = 0;
  gboolean manual;
  guint n;

  self->loading = TRUE;
  show_error (self, NULL);

  if (is_new (self))
    {
      /* Nothing stored yet: the rows are the page's own, and the totals are theirs. */
      rows = new_rows ();
      read_rows (self, rows, FALSE);
    }
  else if (self->deal != NULL)
    rows = affari_workspace_list_product_rows (self->workspace, affari_deal_get_id (self->deal), &error);
  if (error != NULL)
    g_warning ("Cannot list the product rows: %s", error->message);

  /* The rows shown are filled again in place, not rebuilt: the row being edited keeps its
   * widgets, its focus and its place, and the page does not scroll back to the top. */
  n = rows != NULL ? rows->len : 0;
  while (self->rows->len > n && !is_new (self))
    remove_row (self, g_ptr_array_index (self->rows, self->rows->len - 1));
  for (guint i = 0; i < n && !is_new (self); i++)
    {
      AffariDealCardProductRow *row = i < self->rows->len ? g_ptr_array_index (self->rows, i) : add_row (self);

      affari_deal_card_product_row_fill (row, &g_array_index (rows, AffariProductRow, i));
      affari_deal_card_product_row_show_error (row, NULL);
    }
  if (!is_new (self))
    self->n_stored = n;

  if (rows != NULL)
    affari_product_rows_totals ((AffariProductRow *) rows->data, rows->len, &net, &tax, &total);
  set_amount (self->net_label, net, currency (self));
  set_amount (self->tax_label, tax, currency (self));
  set_amount (self->total_label, total, currency (self));

  manual = self->deal != NULL && affari_deal_get_is_manual_amount (self->deal);
  /* What the store will make of it once created, shown before (see store_recompute_amount). */
  if (is_new (self) && !manual && n > 0)
    affari_deal_set_amount (self->deal, total);
  gtk_switch_set_active (self->auto_switch, !manual);
  if (manual && rows != NULL && rows->len > 0)
    {
      g_autofree char *amount = affari_money_format (affari_deal_get_amount (self->deal), currency (self));
      g_autofree char *subtitle = g_strdup_printf (_("The deal amount, %s, was typed by hand"), amount);
      adw_action_row_set_subtitle (self->auto_row, subtitle);
    }
  else
    adw_action_row_set_subtitle (self->auto_row, _("The deal amount is the total of the products"));

  gtk_widget_set_visible (self->empty_state, self->rows->len == 0);
  self->loading = FALSE;
}

static void
set_rows_dirty (AffariDealCardProducts *self,
                gboolean                dirty)
{
  for (guint i = 0; i < self->rows->len; i++)
    affari_deal_card_product_row_set_dirty (g_ptr_array_index (self->rows, i), dirty);
}

static void
on_amount_response_cb (AdwMessageDialog       *dialog,
                       const char             *response,
                       AffariDealCardProducts *self)
{
  g_autoptr(AffariDeal) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;

  if (!g_str_equal (response, "compute") || self->deal == NULL)
    return;
  if (is_new (self))
    {
      affari_deal_set_is_manual_amount (self->deal, FALSE);
      reload (self);
      g_signal_emit (self, signals[CHANGED], 0);
      return;
    }
  /* The store makes the rows' total the amount once it is no longer manual. */
  copy = affari_deal_copy (self->deal);
  affari_deal_set_is_manual_amount (copy, FALSE);
  set = affari_deal_ops_update (self->ops, copy, &error);
  if (set == NULL)
    show_error (self, error->message);
}

/* Rows were added to a deal whose amount was typed by hand: whether their total replaces it is
 * the person's decision, asked once per opening of the card. */
static void
ask_amount (AffariDealCardProducts *self,
            GArray                 *rows)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  gint64 total = 0;

  if (self->asked_amount || rows->len == 0 || !affari_deal_get_is_manual_amount (self->deal))
    return;
  self->asked_amount = TRUE;
  affari_product_rows_totals ((AffariProductRow *) rows->data, rows->len, NULL, NULL, &total);
  dialog = affari_deal_card_amount_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               affari_deal_get_amount (self->deal), total, currency (self));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_amount_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_rows (AffariDealCardProducts *self)
{
  g_autoptr(GArray) rows = new_rows ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  gboolean added;

  if (self->deal == NULL || !read_rows (self, rows, TRUE))
    return;

  added = rows->len > self->n_stored;
  set_rows_dirty (self, FALSE);
  if (is_new (self))
    {
      /* Kept until the deal is created; the totals (and the amount that follows) show now. */
      self->n_stored = rows->len;
      reload (self);
      g_signal_emit (self, signals[CHANGED], 0);
    }
  else
    {
      set = affari_deal_ops_set_product_rows (self->ops, affari_deal_get_id (self->deal),
                                              (AffariProductRow *) rows->data, rows->len, &error);
      if (set == NULL)
        {
          set_rows_dirty (self, TRUE);
          show_error (self, error->message);
          return;
        }
      self->n_stored = rows->len;
      /* The workspace's "changed" makes the card hand the new deal over, which reloads. */
    }
  if (added)
    ask_amount (self, rows);
}

/* The page's own scrolled window (AdwPreferencesPage 1.2 does not hand it out). */
static GtkAdjustment *
page_vadjustment (AffariDealCardProducts *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (adw_bin_get_child (ADW_BIN (self))); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_SCROLLED_WINDOW (child))
      return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (child));
  return NULL;
}

static void
stop_revealing (AffariDealCardProducts *self)
{
  if (self->reveal_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->reveal_tick);
  self->reveal_tick = 0;
  self->reveal_row = NULL;
}

/* Each frame while the new row unfolds (its height grows): the whole row in view, or its top
 * when it is taller than the page. */
static gboolean
on_reveal_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  AffariDealCardProducts *self = AFFARI_DEAL_CARD_PRODUCTS (widget);
  GtkAdjustment *adjustment = page_vadjustment (self);
  graphene_rect_t bounds = { { 0, 0 }, { 0, 0 } };
  gboolean growing;

  if (adjustment != NULL && self->reveal_row != NULL &&
      gtk_widget_compute_bounds (self->reveal_row, adw_bin_get_child (ADW_BIN (self)), &bounds))
    {
      double top = gtk_adjustment_get_value (adjustment) + bounds.origin.y;
      double bottom = top + MIN (bounds.size.height, gtk_adjustment_get_page_size (adjustment));

      gtk_adjustment_clamp_page (adjustment, top, bottom);
    }
  /* Until the row stops growing (a loaded machine draws the animation in fewer frames). */
  growing = bounds.size.height != self->reveal_height;
  self->reveal_height = bounds.size.height;
  if (self->reveal_row != NULL && g_get_monotonic_time () < self->reveal_give_up &&
      (growing || g_get_monotonic_time () < self->reveal_until))
    return G_SOURCE_CONTINUE;
  self->reveal_tick = 0;
  self->reveal_row = NULL;
  return G_SOURCE_REMOVE;
}

static void
reveal_row (AffariDealCardProducts *self,
            GtkWidget              *row)
{
  stop_revealing (self);
  self->reveal_row = row;
  /* Longer than the expander's animation (250 ms), shorter than a person's next move. */
  self->reveal_until = g_get_monotonic_time () + 400 * G_TIME_SPAN_MILLISECOND;
  self->reveal_give_up = g_get_monotonic_time () + 3 * G_TIME_SPAN_SECOND;
  self->reveal_height = -1;
  self->reveal_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_reveal_tick_cb, NULL, NULL);
}

/* ------------------------------------------------------------ actions and callbacks */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AffariDealCardProducts *self = AFFARI_DEAL_CARD_PRODUCTS (widget);
  AffariDealCardProductRow *row = add_row (self);

  /* A new row is unsaved until it has a name. */
  affari_deal_card_product_row_set_dirty (row, TRUE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  affari_deal_card_product_row_focus_name (row);
  /* Added last, maybe below the fold: shown where the focus went. */
  reveal_row (self, GTK_WIDGET (row));
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

  if (self->loading || self->deal == NULL)
    return;
  if (affari_deal_get_is_manual_amount (self->deal) == !gtk_switch_get_active (sw))
    return;
  if (is_new (self))
    {
      affari_deal_set_is_manual_amount (self->deal, !gtk_switch_get_active (sw));
      reload (self);
      g_signal_emit (self, signals[CHANGED], 0);
      return;
    }
  copy = affari_deal_copy (self->deal);
  affari_deal_set_is_manual_amount (copy, !gtk_switch_get_active (sw));
  set = affari_deal_ops_update (self->ops, copy, &error);
  if (set == NULL)
    show_error (self, error->message);
}

/* ------------------------------------------------------------ overrides */

static void
affari_deal_card_products_dispose (GObject *object)
{
  AffariDealCardProducts *self = AFFARI_DEAL_CARD_PRODUCTS (object);

  stop_revealing (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_DEAL_CARD_PRODUCTS);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->catalogue, g_ptr_array_unref);
  g_clear_object (&self->deal);
  g_clear_object (&self->ops);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (affari_deal_card_products_parent_class)->dispose (object);
}

static void
affari_deal_card_products_class_init (AffariDealCardProductsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_deal_card_products_dispose;

  /* The rows of a new deal changed: its amount may follow them. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "products.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "products.save", NULL, save_action);

  affari_ui_ensure_resources ();
  g_type_ensure (AFFARI_TYPE_DEAL_CARD_PRODUCT_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-deal-card-products.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardProducts, rows_group);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardProducts, empty_state);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardProducts, net_label);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardProducts, tax_label);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardProducts, total_label);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardProducts, auto_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardProducts, auto_switch);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardProducts, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_auto_switch_changed_cb);
}

/* The page's own width decides (a phone's card): the rows' two-line layout. */
static void
on_narrow_changed (GtkWidget *widget,
                   gboolean   narrow)
{
  AffariDealCardProducts *self = AFFARI_DEAL_CARD_PRODUCTS (widget);

  if (self->rows == NULL)   /* disposed */
    return;
  for (guint i = 0; i < self->rows->len; i++)
    affari_deal_card_product_row_set_narrow (g_ptr_array_index (self->rows, i), narrow);
}

static void
affari_deal_card_products_init (AffariDealCardProducts *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (GTK_WIDGET (self), affari_narrow_layout_new (AFFARI_NARROW_WIDTH, on_narrow_changed));

  self->rows = g_ptr_array_new ();
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
                                    AffariWorkspace        *workspace,
                                    AffariDeal             *deal)
{
  gboolean same_deal;

  g_return_if_fail (AFFARI_IS_DEAL_CARD_PRODUCTS (self));

  /* Two new deals are the same only when they are one object (the card's, not created yet). */
  same_deal = self->deal != NULL && deal != NULL && affari_deal_get_id (self->deal) == affari_deal_get_id (deal) &&
              (affari_deal_get_id (deal) != 0 || self->deal == deal);
  g_set_object (&self->workspace, workspace);
  g_set_object (&self->deal, deal);

  if (self->catalogue == NULL && workspace != NULL)
    {
      g_autoptr(GError) error = NULL;

      self->catalogue = affari_workspace_list_products (workspace, &error);
      if (self->catalogue == NULL)
        g_warning ("Cannot list the products: %s", error->message);
    }

  /* Never reload under rows the user is still typing into. */
  if (same_deal && affari_deal_card_products_has_unsaved (self))
    return;
  if (!same_deal)
    {
      self->loading = TRUE;
      clear_rows (self);
      self->loading = FALSE;
      self->n_stored = 0;
      self->asked_amount = FALSE;
    }
  reload (self);
}

void
affari_deal_card_products_opened (AffariDealCardProducts *self)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_PRODUCTS (self));

  self->asked_amount = FALSE;
}

gboolean
affari_deal_card_products_prepare_new (AffariDealCardProducts *self)
{
  g_autoptr(GArray) rows = new_rows ();

  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_PRODUCTS (self), FALSE);

  if (read_rows (self, rows, TRUE))
    return TRUE;
  /* The row that says why is on this page: shown, not left behind the general one. */
  gtk_widget_activate_action (GTK_WIDGET (self), "card.show-page", "s", "products");
  return FALSE;
}

void
affari_deal_card_products_deal_created (AffariDealCardProducts *self,
                                        gint64                  deal_id)
{
  g_autoptr(GArray) rows = new_rows ();
  g_autoptr(GError) error = NULL;

  g_return_if_fail (AFFARI_IS_DEAL_CARD_PRODUCTS (self));

  read_rows (self, rows, FALSE);
  if (rows->len > 0 &&
      !affari_deal_ops_fill_product_rows (self->ops, deal_id, (AffariProductRow *) rows->data, rows->len, &error))
    show_error (self, error->message);
  set_rows_dirty (self, FALSE);
}

gboolean
affari_deal_card_products_has_unsaved (AffariDealCardProducts *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_PRODUCTS (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    if (affari_deal_card_product_row_get_dirty (g_ptr_array_index (self->rows, i)))
      return TRUE;
  return FALSE;
}

guint
affari_deal_card_products_get_n_rows (AffariDealCardProducts *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_PRODUCTS (self), 0);

  return self->rows->len;
}

void
affari_deal_card_products_discard (AffariDealCardProducts *self)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_PRODUCTS (self));

  self->loading = TRUE;
  clear_rows (self);
  self->loading = FALSE;
  reload (self);
}
