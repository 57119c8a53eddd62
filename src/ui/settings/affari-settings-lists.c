/* affari-settings-lists.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-settings"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "model/affari-money.h"
#include "model/affari-reference.h"

#include "ui/settings/affari-settings-lists.h"
#include "ui/settings/affari-settings-util.h"

struct _AffariSettingsLists
{
  AdwPreferencesPage   parent_instance;

  AffariWorkspace     *workspace;
  AdwPreferencesGroup *groups[5];   /* types, sources, currencies, products, team */
  GPtrArray           *rows[5];
  GPtrArray           *pairs[2];    /* code, name… of types and sources */
  GPtrArray           *products;    /* AffariProduct */
  guint                rebuild_source;

  /* template */
  AdwPreferencesGroup *types_group;
  AdwPreferencesGroup *sources_group;
  AdwPreferencesGroup *currencies_group;
  AdwPreferencesGroup *products_group;
  AdwPreferencesGroup *team_group;
};

enum { TYPES, SOURCES, CURRENCIES, PRODUCTS, TEAM };

G_DEFINE_FINAL_TYPE (AffariSettingsLists, affari_settings_lists, ADW_TYPE_PREFERENCES_PAGE)

/* ------------------------------------------------------------ auxiliary */

static void
toast_error (AffariSettingsLists *self,
             GError              *error)
{
  if (error != NULL)
    affari_settings_toast (GTK_WIDGET (self), error->message);
}

static void
add_row (AffariSettingsLists *self,
         guint                which,
         GtkWidget           *row)
{
  adw_preferences_group_add (self->groups[which], row);
  g_ptr_array_add (self->rows[which], row);
}

/* An entry row whose "apply" activates @action with the typed text (and @prefix first). */
static void
on_entry_apply_cb (AdwEntryRow *row,
                   gpointer     user_data)
{
  const char *action = g_object_get_data (G_OBJECT (row), "affari-action");
  GVariant *prefix = g_object_get_data (G_OBJECT (row), "affari-prefix");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  GVariant *parameter;

  if (prefix == NULL)
    parameter = g_variant_new_string (text);
  else if (g_variant_is_of_type (prefix, G_VARIANT_TYPE_INT64))
    parameter = g_variant_new ("(xs)", g_variant_get_int64 (prefix), text);
  else if (g_variant_is_of_type (prefix, G_VARIANT_TYPE_INT32))
    parameter = g_variant_new ("(is)", g_variant_get_int32 (prefix), text);
  else
    {
      int list;
      const char *code;

      g_variant_get (prefix, "(i&s)", &list, &code);
      parameter = g_variant_new ("(iss)", list, code, text);
    }
  /* GTK 4.8 does not take the floating reference: hold it across the call. */
  g_variant_ref_sink (parameter);
  gtk_widget_activate_action_variant (GTK_WIDGET (row), action, parameter);
  g_variant_unref (parameter);
}

static GtkWidget *
entry_row_new (const char *title,
               const char *text,
               const char *action,
               GVariant   *prefix)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "affari-action", (gpointer) action);
  if (prefix != NULL)
    g_object_set_data_full (G_OBJECT (row), "affari-prefix", g_variant_ref_sink (prefix), (GDestroyNotify) g_variant_unref);
  g_signal_connect (row, "apply", G_CALLBACK (on_entry_apply_cb), NULL);
  return row;
}

static void
fill_pairs (AffariSettingsLists *self,
            guint                which)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *pairs;

  g_clear_pointer (&self->pairs[which], g_ptr_array_unref);
  pairs = which == TYPES ? affari_workspace_list_deal_types (self->workspace, &error)
                         : affari_workspace_list_sources (self->workspace, &error);
  toast_error (self, error);
  self->pairs[which] = pairs != NULL ? pairs : g_ptr_array_new_with_free_func (g_free);
  pairs = self->pairs[which];
  for (guint i = 0; i + 1 < pairs->len; i += 2)
    {
      const char *code = g_ptr_array_index (pairs, i);
      /* the name under what it is, never Bitrix24's code (SALE, CALL), which means nothing to the
       * user (an empty title makes libadwaita 1.2's row measure its label below zero) */
      const char *name = affari_list_item_display_name (which == TYPES ? AFFARI_LIST_DEAL_TYPES : AFFARI_LIST_SOURCES,
                                                        code, g_ptr_array_index (pairs, i + 1));
      GtkWidget *row = entry_row_new (which == TYPES ? _("Type") : _("Source"), name, "lists.rename",
                                      g_variant_new ("(is)", (int) which, code));
      GtkWidget *button;

      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

      button = affari_settings_icon_button ("go-up-symbolic", _("Move Up"), "lists.move", g_variant_new ("(isi)", (int) which, code, -1));
      affari_settings_button_set_enabled (button, i > 0);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
      button = affari_settings_icon_button ("go-down-symbolic", _("Move Down"), "lists.move", g_variant_new ("(isi)", (int) which, code, 1));
      affari_settings_button_set_enabled (button, i + 2 < pairs->len);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
      button = affari_settings_icon_button ("user-trash-symbolic", _("Delete"), "lists.delete", g_variant_new ("(is)", (int) which, code));
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
      add_row (self, which, row);
    }
  add_row (self, which, entry_row_new (which == TYPES ? _("Add a Type") : _("Add a Source"), NULL, "lists.add",
                                       g_variant_new_int32 ((int) which)));
}

/* Check buttons and switches are not actionables here: their state would follow the
 * (stateless) action instead of the data. */
static void
on_base_toggled_cb (GtkCheckButton      *check,
                    AffariSettingsLists *self)
{
  if (gtk_check_button_get_active (check))
    gtk_widget_activate_action (GTK_WIDGET (self), "lists.set-base-currency", "s",
                                g_object_get_data (G_OBJECT (check), "affari-code"));
}

static void
on_member_active_cb (GtkSwitch           *toggle,
                     GParamSpec          *pspec,
                     AffariSettingsLists *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "lists.set-member-active", "(xb)",
                              (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toggle), "affari-member")),
                              gtk_switch_get_active (toggle));
}

/* "0.9200" as people write it here: "0,92". */
static char *
rate_for_people (const char *rate)
{
  g_autofree char *text = NULL;
  char *dot;
  gsize len;

  if (rate == NULL)
    return g_strdup ("");
  text = g_strdup (rate);
  /* trailing zeros beyond two decimals say nothing */
  len = strlen (text);
  dot = strchr (text, '.');
  while (dot != NULL && len > (gsize) (dot - text) + 3 && text[len - 1] == '0')
    text[--len] = '\0';
  if (dot != NULL && strcmp (localeconv ()->decimal_point, ",") == 0)
    *dot = ',';
  return g_steal_pointer (&text);
}

static void
fill_currencies (AffariSettingsLists *self)
{
  g_autoptr(GPtrArray) currencies = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = affari_workspace_dup_base_currency (self->workspace);
  GtkWidget *first = NULL;

  currencies = affari_workspace_list_currencies (self->workspace, &error);
  toast_error (self, error);
  for (guint i = 0; currencies != NULL && i < currencies->len; i++)
    {
      AffariCurrencyInfo *info = g_ptr_array_index (currencies, i);
      g_autofree char *title = g_strdup_printf ("%s · %s", info->code, info->name);
      g_autofree char *check_label = g_strdup_printf (_("Make %s the Main Currency"), info->code);
      GtkWidget *row;
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *button;

      if (info->is_base)
        {
          row = adw_action_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Main currency: new deals and products use it"));
        }
      else
        {
          /* The rate is typed in the row: what 1 of it is worth in the main currency. */
          g_autofree char *rate_title = g_strdup_printf (_("%s · 1 %s in %s"), title, info->code, base ? base : "");
          g_autofree char *rate = rate_for_people (info->rate);

          row = entry_row_new (rate_title, rate, "lists.set-currency-rate", g_variant_new ("(is)", -1, info->code));
          gtk_widget_set_tooltip_text (row, _("Exchange rate: amounts in different currencies are never added together"));
          gtk_widget_add_css_class (row, "currency-rate-row");
        }
      g_object_set_data_full (G_OBJECT (row), "affari-currency", g_strdup (info->code), g_free);
      if (first != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (first));
      else
        first = check;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), info->is_base);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (check, check_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, check_label, -1);
      g_object_set_data_full (G_OBJECT (check), "affari-code", g_strdup (info->code), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_base_toggled_cb), self);
      button = affari_settings_icon_button ("user-trash-symbolic", _("Remove"), "lists.remove-currency", g_variant_new_string (info->code));
      affari_settings_button_set_enabled (button, !info->is_base);
      if (info->is_base)
        {
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      else
        {
          adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), check);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
        }
      add_row (self, CURRENCIES, row);
    }
  add_row (self, CURRENCIES, entry_row_new (_("Add a Currency (ISO code, as JPY)"), NULL, "lists.add-currency", NULL));
}

static void
fill_products (AffariSettingsLists *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->products, g_ptr_array_unref);
  self->products = affari_workspace_list_products (self->workspace, &error);
  toast_error (self, error);
  if (self->products == NULL)
    self->products = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->products->len; i++)
    {
      AffariProduct *product = g_ptr_array_index (self->products, i);
      g_autofree char *price = affari_money_format (affari_product_get_price (product), affari_product_get_currency (product));
      g_autofree char *vat = g_strdup_printf ("%g", affari_product_get_vat_rate (product) / 100.0);
      g_autofree char *subtitle = g_strdup_printf (_("%s per %s · VAT %s %%"), price, affari_product_get_unit (product), vat);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), affari_product_get_name (product));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "lists.edit-product");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", affari_product_get_id (product));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 affari_settings_icon_button ("user-trash-symbolic", _("Delete"), "lists.delete-product",
                                                              g_variant_new_int64 (affari_product_get_id (product))));
      add_row (self, PRODUCTS, row);
    }
}

static void
fill_team (AffariSettingsLists *self)
{
  g_autoptr(GPtrArray) team = NULL;
  g_autoptr(GError) error = NULL;
  gint64 me = affari_workspace_get_current_user (self->workspace);

  team = affari_workspace_list_team (self->workspace, &error);
  toast_error (self, error);
  for (guint i = 0; team != NULL && i < team->len; i++)
    {
      AffariTeamMember *member = g_ptr_array_index (team, i);
      gint64 id = affari_team_member_get_id (member);
      const char *email = affari_team_member_get_email (member);
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *toggle = gtk_switch_new ();
      g_autofree char *label = g_strdup_printf (_("%s Can Be Responsible for Deals"), affari_team_member_get_name (member));
      g_autofree char *title = id == me ? g_strdup_printf (_("%s (you)"), affari_team_member_get_name (member))
                                        : g_strdup (affari_team_member_get_name (member));

      /* Name and e-mail are edited inside; the row shows both. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      {
        g_autofree char *subtitle = g_markup_escape_text (email != NULL && *email ? email : _("No e-mail"), -1);
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      }
      g_object_set_data (G_OBJECT (row), "affari-member", GSIZE_TO_POINTER (id));
      gtk_switch_set_active (GTK_SWITCH (toggle), affari_team_member_get_active (member));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (toggle, id != me);
      gtk_widget_set_tooltip_text (toggle, _("Can be responsible for deals"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data (G_OBJECT (toggle), "affari-member", GSIZE_TO_POINTER (id));
      g_signal_connect (toggle, "notify::active", G_CALLBACK (on_member_active_cb), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), toggle);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                entry_row_new (_("Name"), affari_team_member_get_name (member),
                                               "lists.rename-member", g_variant_new_int64 (id)));
      {
        GtkWidget *email_row = entry_row_new (_("E-mail"), email, "lists.set-member-email", g_variant_new_int64 (id));

        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (email_row), GTK_INPUT_PURPOSE_EMAIL);
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), email_row);
      }
      add_row (self, TEAM, row);
    }
  add_row (self, TEAM, entry_row_new (_("Add a Person"), NULL, "lists.add-member", NULL));
}

/* A button by what it does: its action and target ("lists.move (0, 'SALE', 1)"). */
static char *
focus_key (GtkWidget *widget)
{
  GVariant *target;
  g_autofree char *printed = NULL;

  if (!GTK_IS_BUTTON (widget) || gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) == NULL)
    return NULL;
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  printed = target != NULL ? g_variant_print (target, TRUE) : NULL;
  return g_strdup_printf ("%s %s", gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), printed ? printed : "");
}

static GtkWidget *
find_by_focus_key (GtkWidget *widget, const char *key)
{
  g_autofree char *own = focus_key (widget);

  if (own != NULL && g_str_equal (own, key))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_focus_key (child, key);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
rebuild (AffariSettingsLists *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
  g_autofree char *key = had_focus ? focus_key (focus) : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (self->rows); i++)
    affari_settings_clear_rows (self->groups[i], self->rows[i]);
  fill_pairs (self, TYPES);
  fill_pairs (self, SOURCES);
  fill_currencies (self);
  fill_products (self);
  fill_team (self);

  /* GTK hands the focus of a removed widget to the next one, often a row's text, which then
   * starts editing on its own: the focus goes back to the same button of the rebuilt rows, or
   * nowhere. */
  if (had_focus)
    {
      GtkWidget *again = key != NULL ? find_by_focus_key (GTK_WIDGET (self), key) : NULL;

      if (again == NULL || !gtk_widget_grab_focus (again))
        gtk_root_set_focus (root, NULL);
    }
}

static gboolean
on_rebuild_idle_cb (gpointer data)
{
  AffariSettingsLists *self = data;

  self->rebuild_source = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
on_workspace_changed_cb (AffariWorkspace     *workspace,
                     gint64               unused,
                     AffariSettingsLists *self)
{
  affari_settings_queue (&self->rebuild_source, on_rebuild_idle_cb, self);
}

/* ------------------------------------------------------------ actions: types and sources */

static void
list_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AffariSettingsLists *self = AFFARI_SETTINGS_LISTS (widget);
  g_autoptr(GError) error = NULL;
  int which;
  const char *code, *text;

  if (g_str_equal (action_name, "lists.add"))
    {
      g_autofree char *added = NULL;

      g_variant_get (parameter, "(i&s)", &which, &text);
      added = affari_workspace_add_list_item (self->workspace, which == TYPES ? AFFARI_LIST_DEAL_TYPES : AFFARI_LIST_SOURCES, text, &error);
    }
  else if (g_str_equal (action_name, "lists.rename"))
    {
      g_variant_get (parameter, "(i&s&s)", &which, &code, &text);
      affari_workspace_rename_list_item (self->workspace, which == TYPES ? AFFARI_LIST_DEAL_TYPES : AFFARI_LIST_SOURCES, code, text, &error);
    }
  else if (g_str_equal (action_name, "lists.delete"))
    {
      g_variant_get (parameter, "(i&s)", &which, &code);
      affari_workspace_delete_list_item (self->workspace, which == TYPES ? AFFARI_LIST_DEAL_TYPES : AFFARI_LIST_SOURCES, code, &error);
    }
  else
    {
      GPtrArray *pairs;
      g_autoptr(GPtrArray) codes = g_ptr_array_new ();
      int delta;
      guint at = G_MAXUINT;

      g_variant_get (parameter, "(i&si)", &which, &code, &delta);
      pairs = self->pairs[which == TYPES ? TYPES : SOURCES];
      for (guint i = 0; i + 1 < pairs->len; i += 2)
        {
          if (g_strcmp0 (g_ptr_array_index (pairs, i), code) == 0)
            at = codes->len;
          g_ptr_array_add (codes, g_ptr_array_index (pairs, i));
        }
      if (at == G_MAXUINT || (delta < 0 && at == 0) || (delta > 0 && at + 1 >= codes->len))
        return;
      {
        guint other = delta < 0 ? at - 1 : at + 1;
        gpointer swap = codes->pdata[at];

        codes->pdata[at] = codes->pdata[other];
        codes->pdata[other] = swap;
      }
      affari_workspace_reorder_list (self->workspace, which == TYPES ? AFFARI_LIST_DEAL_TYPES : AFFARI_LIST_SOURCES,
                                 (const char * const *) codes->pdata, codes->len, &error);
    }
  toast_error (self, error);
  if (error != NULL)
    affari_settings_queue (&self->rebuild_source, on_rebuild_idle_cb, self);
}

/* ------------------------------------------------------------ actions: currencies */

static void
currency_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AffariSettingsLists *self = AFFARI_SETTINGS_LISTS (widget);
  const char *code = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;

  if (g_str_equal (action_name, "lists.add-currency"))
    affari_workspace_add_currency (self->workspace, code, NULL, &error);
  else if (g_str_equal (action_name, "lists.set-base-currency"))
    affari_workspace_set_base_currency (self->workspace, code, &error);
  else
    affari_workspace_remove_currency (self->workspace, code, &error);
  toast_error (self, error);
  if (error != NULL)
    affari_settings_queue (&self->rebuild_source, on_rebuild_idle_cb, self);
}

/* ------------------------------------------------------------ actions: products */

static AffariProduct *
find_product (AffariSettingsLists *self,
              gint64               id)
{
  for (guint i = 0; self->products != NULL && i < self->products->len; i++)
    if (affari_product_get_id (g_ptr_array_index (self->products, i)) == id)
      return g_ptr_array_index (self->products, i);
  return NULL;
}

static GtkWidget *
labelled_entry (GtkWidget  *box,
                const char *label,
                const char *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (entry, label);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_box_append (GTK_BOX (box), entry);
  return entry;
}

static void
on_product_response_cb (AdwMessageDialog    *dialog,
                        const char          *response,
                        AffariSettingsLists *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "affari-product-id"));
  const char *name = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "affari-name"));
  const char *unit = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "affari-unit"));
  const char *price_text = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "affari-price"));
  const char *vat_text = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "affari-vat"));
  g_autoptr(AffariProduct) product = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *vat_dot = NULL;
  g_autofree char *currency = affari_workspace_dup_base_currency (self->workspace);
  gint64 price = 0;
  gint64 vat = 0;

  if (!g_str_equal (response, "save"))
    return;
  /* The rate as typed ("22", "4,5") in basis points, through the money parser's decimals. */
  vat_dot = g_strdup (*vat_text != '\0' ? vat_text : "0");
  if ((*price_text != '\0' && !affari_money_parse (price_text, &price, &error)) ||
      !affari_money_parse (vat_dot, &vat, &error))
    {
      toast_error (self, error);
      return;
    }
  product = affari_product_new (name, price, find_product (self, id) != NULL
                                             ? affari_product_get_currency (find_product (self, id)) : currency);
  g_object_set (product, "id", id, "unit", unit, "vat-rate", (int) vat, NULL);
  if (id == 0)
    affari_workspace_create_product (self->workspace, product, &error);
  else
    affari_workspace_update_product (self->workspace, product, &error);
  toast_error (self, error);
}

static void
product_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AffariSettingsLists *self = AFFARI_SETTINGS_LISTS (widget);
  AffariProduct *product = parameter != NULL ? find_product (self, g_variant_get_int64 (parameter)) : NULL;
  g_autofree char *price = NULL;
  g_autofree char *vat = NULL;
  GtkWidget *box;
  AdwMessageDialog *dialog;

  if (g_str_equal (action_name, "lists.delete-product"))
    {
      g_autoptr(GError) error = NULL;

      if (!affari_workspace_delete_product (self->workspace, g_variant_get_int64 (parameter), &error))
        toast_error (self, error);
      return;
    }
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  if (product != NULL)
    {
      price = affari_money_format (affari_product_get_price (product), NULL);
      vat = affari_money_format (affari_product_get_vat_rate (product), NULL);
    }
  dialog = affari_settings_dialog_new (widget, product != NULL ? _("Edit the Product") : _("New Product"),
                                       _("Prices are net of VAT, in the main currency."), "save",
                                       product != NULL ? _("_Save") : _("_Add"), ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "affari-name", labelled_entry (box, _("Name"), product ? affari_product_get_name (product) : NULL));
  g_object_set_data (G_OBJECT (dialog), "affari-unit", labelled_entry (box, _("Unit, as pz or h"), product ? affari_product_get_unit (product) : "pz"));
  g_object_set_data (G_OBJECT (dialog), "affari-price", labelled_entry (box, _("Price"), price));
  g_object_set_data (G_OBJECT (dialog), "affari-vat", labelled_entry (box, _("VAT (%)"), product ? vat : "22"));
  g_object_set_data (G_OBJECT (dialog), "affari-product-id", GSIZE_TO_POINTER (product ? affari_product_get_id (product) : 0));
  adw_message_dialog_set_extra_child (dialog, box);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_product_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
currency_rate_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AffariSettingsLists *self = AFFARI_SETTINGS_LISTS (widget);
  g_autoptr(GError) error = NULL;
  const char *code, *rate;
  int unused;

  g_variant_get (parameter, "(i&s&s)", &unused, &code, &rate);
  if (!affari_workspace_set_currency_rate (self->workspace, code, rate, &error))
    {
      toast_error (self, error);
      /* the stored rate shows again */
      affari_settings_queue (&self->rebuild_source, on_rebuild_idle_cb, self);
    }
}

/* ------------------------------------------------------------ actions: team */

static void
member_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AffariSettingsLists *self = AFFARI_SETTINGS_LISTS (widget);
  g_autoptr(GError) error = NULL;

  if (g_str_equal (action_name, "lists.add-member"))
    affari_workspace_add_team_member (self->workspace, g_variant_get_string (parameter, NULL), NULL, &error);
  else
    {
      g_autoptr(AffariTeamMember) member = NULL;
      gint64 id;
      const char *name = NULL, *email = NULL;
      gboolean active = TRUE, set_active = FALSE;

      if (g_str_equal (action_name, "lists.rename-member"))
        g_variant_get (parameter, "(x&s)", &id, &name);
      else if (g_str_equal (action_name, "lists.set-member-email"))
        g_variant_get (parameter, "(x&s)", &id, &email);
      else
        {
          g_variant_get (parameter, "(xb)", &id, &active);
          set_active = TRUE;
        }
      member = affari_workspace_get_team_member (self->workspace, id, &error);
      if (member != NULL)
        affari_workspace_update_team_member (self->workspace, id, name != NULL ? name : affari_team_member_get_name (member),
                                         email != NULL ? email : affari_team_member_get_email (member),
                                         set_active ? active : affari_team_member_get_active (member), &error);
    }
  toast_error (self, error);
  if (error != NULL)
    affari_settings_queue (&self->rebuild_source, on_rebuild_idle_cb, self);
}

/* ------------------------------------------------------------ overrides */

static void
affari_settings_lists_dispose (GObject *object)
{
  AffariSettingsLists *self = AFFARI_SETTINGS_LISTS (object);

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  for (guint i = 0; i < G_N_ELEMENTS (self->rows); i++)
    g_clear_pointer (&self->rows[i], g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->pairs); i++)
    g_clear_pointer (&self->pairs[i], g_ptr_array_unref);
  g_clear_pointer (&self->products, g_ptr_array_unref);
  g_clear_object (&self->workspace);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_SETTINGS_LISTS);

  G_OBJECT_CLASS (affari_settings_lists_parent_class)->dispose (object);
}

static void
affari_settings_lists_class_init (AffariSettingsListsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_settings_lists_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/affari/Affari/ui/affari-settings-lists.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariSettingsLists, types_group);
  gtk_widget_class_bind_template_child (widget_class, AffariSettingsLists, sources_group);
  gtk_widget_class_bind_template_child (widget_class, AffariSettingsLists, currencies_group);
  gtk_widget_class_bind_template_child (widget_class, AffariSettingsLists, products_group);
  gtk_widget_class_bind_template_child (widget_class, AffariSettingsLists, team_group);

  gtk_widget_class_install_action (widget_class, "lists.add", "(is)", list_action);
  gtk_widget_class_install_action (widget_class, "lists.rename", "(iss)", list_action);
  gtk_widget_class_install_action (widget_class, "lists.move", "(isi)", list_action);
  gtk_widget_class_install_action (widget_class, "lists.delete", "(is)", list_action);
  gtk_widget_class_install_action (widget_class, "lists.add-currency", "s", currency_action);
  gtk_widget_class_install_action (widget_class, "lists.set-base-currency", "s", currency_action);
  gtk_widget_class_install_action (widget_class, "lists.remove-currency", "s", currency_action);
  gtk_widget_class_install_action (widget_class, "lists.add-product", NULL, product_action);
  gtk_widget_class_install_action (widget_class, "lists.edit-product", "x", product_action);
  gtk_widget_class_install_action (widget_class, "lists.delete-product", "x", product_action);
  gtk_widget_class_install_action (widget_class, "lists.add-member", "s", member_action);
  gtk_widget_class_install_action (widget_class, "lists.rename-member", "(xs)", member_action);
  gtk_widget_class_install_action (widget_class, "lists.set-member-active", "(xb)", member_action);
  gtk_widget_class_install_action (widget_class, "lists.set-member-email", "(xs)", member_action);
  gtk_widget_class_install_action (widget_class, "lists.set-currency-rate", "(iss)", currency_rate_action);
}

static void
affari_settings_lists_init (AffariSettingsLists *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* In the order of the enum: the fill functions index them. */
  self->groups[TYPES] = self->types_group;
  self->groups[SOURCES] = self->sources_group;
  self->groups[CURRENCIES] = self->currencies_group;
  self->groups[PRODUCTS] = self->products_group;
  self->groups[TEAM] = self->team_group;
  for (guint i = 0; i < G_N_ELEMENTS (self->rows); i++)
    self->rows[i] = g_ptr_array_new ();
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_settings_lists_new (AffariWorkspace *workspace)
{
  AffariSettingsLists *self;
  const char *what[] = { "settings-changed::deal-types", "settings-changed::sources", "settings-changed::currencies",
                         "settings-changed::products", "settings-changed::team" };

  g_return_val_if_fail (AFFARI_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (AFFARI_TYPE_SETTINGS_LISTS, NULL);
  self->workspace = g_object_ref (workspace);
  for (guint i = 0; i < G_N_ELEMENTS (what); i++)
    g_signal_connect (workspace, what[i], G_CALLBACK (on_workspace_changed_cb), self);
  rebuild (self);
  return GTK_WIDGET (self);
}
